"""The learned cue model: is a cue word the rules rejected an attribution after all?

The rules of ``cue_filters.py`` reject uses of a cue word that are usually no cue: a bare
base form or one after a determiner (a noun: "their support"), a passive ("was expected"),
a noun after a possessive, "see"/"show" outside their attributing constructions. Each rule
is right most of the time, but the words are ambiguous ("voters support Clinton",
"they oppose the deal", "polls show Trump ahead"), and these are most of the attributions
PolNeAR annotates that the rules miss (beliefs, endorsements, findings). So a rejected use
is still read (``attributions._gated``), as a *gated* candidate, and this model decides.

``features(paragraph, attribution, gate, i, j)`` names the candidate's sparse binary
features (the rule that rejected it, the cue word, its neighbours, the form of its source
and content); ``accept(features)`` is a logistic model over them. Weights live in
``cue_model.json`` beside this file, written by ``python tests/benchmarks/train_cue_model.py``
from PolNeAR train only (dev measures it; test is never seen). Why a linear model stored as
JSON: like ``attribution_model.json`` it installs nothing, loads in a millisecond, every
weight has a readable name, and a few thousand candidates do not support more. Without the
file no candidate is admitted (the rules alone).
"""
from __future__ import annotations

import json
import math
import pathlib
from functools import lru_cache
from itertools import repeat

from claims.extraction.cues import SPEECH_CUES
from claims.extraction.words import AUX, PRONOUNS

__all__ = ["features", "accept", "probability", "speaker_like", "content_like", "MODEL_PATH"]

MODEL_PATH = pathlib.Path(__file__).with_name("cue_model.json")


def _cls(w: str) -> str:
    """A word's coarse class: what matters around a cue is its shape more than the word."""
    if not w:
        return "none"
    if not w[0].isalnum():
        return "punct"
    low = w.lower()
    if low in PRONOUNS:
        return "pron"
    if low in AUX:
        return "aux"
    if w[0].isdigit():
        return "num"
    if w[0].isupper():
        return "cap"
    if low.endswith(("'s", "’s")):
        return "poss"
    return "low"


def cue_features(p, gate: str, i: int, j: int) -> list[str]:
    """The features of the cue itself (tokens ``i..j`` of paragraph ``p``) and its
    neighbours: known before the candidate is read."""
    toks = p.toks
    t = toks[i]
    ss = p.sentences[p.sent_of[i]].start
    prev = toks[i - 1].w if i > 0 and toks[i - 1].s >= ss else ""
    prev2 = toks[i - 2].w if i > 1 and toks[i - 2].s >= ss else ""
    nxt = toks[j + 1].w if j + 1 < len(toks) else ""
    cprev, cnxt = _cls(prev), _cls(nxt)  # (each used twice)
    f = [
        "g=" + gate, "w=" + t.low, "gw=" + gate + "|" + t.low,
        "p1=" + prev.lower(), "p1c=" + cprev, "p2c=" + _cls(prev2),
        "n1=" + nxt.lower(), "n1c=" + cnxt,
        # conjunctions: the same word is a cue in one frame and none in another
        "w|p1c=" + t.low + "|" + cprev, "w|n1c=" + t.low + "|" + cnxt,
    ]
    if t.low in SPEECH_CUES:
        f.append("speech")
    if t.low.endswith("ing"):
        f.append("ing")
    return f


def reading_features(p, att, gate: str, i: int, j: int) -> list[str]:
    """The features of the candidate as read: its source, content and their places."""
    toks, text = p.toks, p.text
    t = toks[i]
    cs, ce = att.content_start, att.content_end
    cw = text[cs:ce].split(None, 9)  # (the first word, and the count up to ten: the bucket)
    c0 = cw[0].lower().strip("“\"‘'") if cw else ""
    n = len(cw)
    src = att.source_span
    shead = ""
    if src is None:
        sform = "none"
    else:
        sw = text[src[0]:src[1]].split()
        sform = _cls(sw[-1]) if sw else "none"
        shead = sw[-1].lower().strip(".,;:“”\"'’") if sw and sform == "low" else ""
    f = [
        "src=" + sform, "gsrc=" + gate + "|" + sform, "kind=" + att.kind,
        "c0=" + c0, "clen=" + ("1-3" if n < 4 else "4-9" if n < 10 else "10+"),
        "before" if ce <= t.s else "after",
        "w|c0=" + t.low + "|" + c0, "g|c0=" + gate + "|" + c0,
        "w|src=" + t.low + "|" + sform,
    ]
    if shead:  # "the poll shows" / "the mayor shows no sign"
        f.append("sh=" + shead)
    if cs >= toks[j].e:  # words between the cue and its content: "found the lot that ..."
        gap = len(text[toks[j].e:cs].split())
        f.append("gap=" + ("0" if gap == 0 else "1-2" if gap < 3 else "3+"))
    return f


def features(p, att, gate: str, i: int, j: int) -> list[str]:
    """All features of a gated candidate: cue tokens ``i..j`` of paragraph ``p``."""
    return cue_features(p, gate, i, j) + reading_features(p, att, gate, i, j)


def worth_reading(cue_feats: list[str]) -> bool:
    """Could a candidate with these cue features be accepted, whatever its reading? (an
    upper bound: the most the reading's features can add for this word and rule, among the
    readings ``attributions._admit_gated`` lets through). Reading a candidate costs as much
    as reading a cue; the rejected cue uses the model could never accept are skipped here,
    with the same result."""
    m = load_model()
    w = m.get("weights")
    if not w:
        return False
    t = m.get("speech_threshold", 1.0) if "speech" in cue_feats else m.get("threshold", 1.0)
    if t >= 1.0:
        return False
    gate, word = cue_feats[0][2:], cue_feats[1][2:]  # "g=...", "w=..." (cue_features order)
    z = m.get("bias", 0.0) + sum(map(w.get, cue_feats, repeat(0.0)))
    limit = math.log(t / (1.0 - t))
    # (the family-wise bound first, as before; the joint one is at most it, up to rounding,
    # and a margin keeps rounding from skipping a candidate the model would accept)
    return z + _best_reading(gate, word) >= limit and \
        z + _best_joint_reading(gate, word) + 1e-6 >= limit


@lru_cache(maxsize=4096)
def _best_reading(gate: str, word: str) -> float:
    """The most the reading's features can add for this rule and cue word: per family, its
    best weight (0 when the candidate's feature may be one the model never saw)."""
    fams = _families()
    keys = ("src=", "gsrc=" + gate + "|", "kind=", "c0=", "clen=", "w|c0=" + word + "|",
            "g|c0=" + gate + "|", "w|src=" + word + "|", "sh=", "gap=", "pos=")
    return sum(max(0.0, fams.get(k, 0.0)) for k in keys)


@lru_cache(maxsize=4096)
def _best_joint_reading(gate: str, word: str) -> float:
    """A tighter bound than ``_best_reading``: the features that come from one property of
    the reading are maximised together (the source's class gives ``src=``, ``gsrc=``,
    ``w|src=`` and, for a lower-case head, ``sh=``; the content's first word gives ``c0=``,
    ``w|c0=``, ``g|c0=``), and the readings ``_admit_gated`` refuses are left out (no
    source, a content opening like a fragment, three or more words between cue and
    content). About one rejected cue use in eight is then not read at all."""
    w = load_model().get("weights", {})
    fams = _families()
    sh = max(0.0, fams.get("sh=", 0.0))
    best_src = max(w.get("src=" + c, 0.0) + w.get("gsrc=" + gate + "|" + c, 0.0)
                   + w.get("w|src=" + word + "|" + c, 0.0) + (sh if c == "low" else 0.0)
                   for c in _SOURCE_CLASSES)
    by_first, _ = _first_word_weights()
    c0, wc0, gc0 = (by_first.get(pre, {}) for pre in ("c0=", "w|c0=" + word + "|",
                                                       "g|c0=" + gate + "|"))
    # the first words with a weight for this word (few), then the best of those with one
    # for the rule only, then the best of the others (their c0= weight alone); the rule's
    # words are ranked once per rule (_rule_first_words), not for each new cue word
    best = [c0.get(c, 0.0) + wc0.get(c, 0.0) + gc0.get(c, 0.0)
            for c in wc0.keys() - _NOT_CONTENT_START]
    by_rule, others = _rule_first_words(gate)
    for v, c in by_rule:
        if c not in wc0:
            best.append(v)
            break
    best_c0 = max([0.0] + best)
    for c in others:
        if c not in wc0:
            best_c0 = max(best_c0, c0[c])
            break
    gap = max(0.0, w.get("gap=0", 0.0), w.get("gap=1-2", 0.0))
    return (best_src + best_c0 + gap + max(0.0, fams.get("kind=", 0.0))
            + max(0.0, fams.get("clen=", 0.0)) + max(0.0, fams.get("pos=", 0.0)))


@lru_cache(maxsize=64)
def _rule_first_words(gate: str) -> tuple[list[tuple[float, str]], list[str]]:
    """For the rule ``gate``: its first words (``g|c0=``, fragment openers left out) with
    ``c0=`` + ``g|c0=`` weight, highest first (added as ``_best_joint_reading`` adds them for
    a word without a ``w|c0=`` weight), and the ``c0=`` first words it has none for, in
    ``_first_word_weights``' order."""
    by_first, c0_order = _first_word_weights()
    c0, gc0 = by_first.get("c0=", {}), by_first.get("g|c0=" + gate + "|", {})
    ranked = sorted(((c0.get(c, 0.0) + 0.0 + gc0[c], c) for c in gc0.keys() - _NOT_CONTENT_START),
                    reverse=True)
    return ranked, [c for c in c0_order if c not in gc0]


@lru_cache(maxsize=1)
def _first_word_weights() -> tuple[dict[str, dict[str, float]], list[str]]:
    """The weights of the content's first word by feature prefix (``"c0="``,
    ``"w|c0=WORD|"``, ``"g|c0=GATE|"`` -> {first word: weight}), and the first words of
    ``c0=`` from the highest weight down (those a candidate may open with)."""
    out: dict[str, dict[str, float]] = {}
    for k, v in load_model().get("weights", {}).items():
        if k.startswith(("c0=", "w|c0=", "g|c0=")):
            # (a first word may hold a "|"; the cue word and the rule's name never do)
            cut = 3 if k.startswith("c0=") else k.index("|", 5) + 1
            out.setdefault(k[:cut], {})[k[cut:]] = v
    c0 = out.get("c0=", {})
    order = sorted((c for c in c0 if c not in _NOT_CONTENT_START), key=c0.__getitem__,
                   reverse=True)
    return out, order


# the classes ``_cls`` gives a source's last word (a candidate without one is refused)
_SOURCE_CLASSES = ("punct", "pron", "aux", "num", "cap", "poss", "low")


@lru_cache(maxsize=1)
def _families() -> dict[str, float]:
    """Best weight by feature prefix ("w|c0=shows|", "src=", "pos=" for before/after)."""
    best: dict[str, float] = {}
    for k, v in load_model().get("weights", {}).items():
        if k in ("before", "after"):
            pre = "pos="
        elif "|" in k and k.split("=", 1)[0] in ("gsrc", "w|c0", "g|c0", "w|src"):
            pre = k[:k.rindex("|") + 1]
        else:
            pre = k.split("=", 1)[0] + "=" if "=" in k else k
        best[pre] = max(best.get(pre, v), v)
    return best


# a content that opens with one of these is a phrase cut out of a sentence ("to hear
# about ...", "instead of letting ..."): a wish or a fragment, not a statement to check
_NOT_CONTENT_START = frozenset("to into instead of in on at from with by than".split())


def content_like(text: str, att) -> bool:
    """A candidate content a reviewer could check: not a to-infinitive or fragment."""
    w = text[att.content_start:att.content_end].split(None, 1)  # (its first word)
    return bool(w) and w[0].lower().strip("“\"‘'") not in _NOT_CONTENT_START


def speaker_like(text: str, span) -> bool:
    """A source a gated candidate may have: a name, a pronoun or a noun phrase headed by a
    word that can speak ("voters", "the campaign"). A rejected cue read with no such source
    is left out: its speaker would be a guess."""
    if span is None:
        return False
    words = text[span[0]:span[1]].split()
    if not words:
        return False
    last = words[-1].strip(".,;:“”\"'’")
    if last.lower() in PRONOUNS:
        return True
    if last[:1].isupper():
        return all(w[:1].isupper() or w.lower() in _NAME_JOINERS for w in words)
    from claims.extraction.confidence import SPEAKING_HEADS
    return last.lower() in SPEAKING_HEADS


_NAME_JOINERS = frozenset("of the for and de van von".split())


@lru_cache(maxsize=1)
def load_model() -> dict:
    try:
        return json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def probability(feats: list[str], model: dict | None = None) -> float:
    m = load_model() if model is None else model
    w = m.get("weights")
    if not w:
        return 0.0
    z = m.get("bias", 0.0) + sum(w.get(x, 0.0) for x in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def accept(feats: list[str]) -> bool:
    m = load_model()
    t = m.get("speech_threshold", 1.0) if "speech" in feats else m.get("threshold", 1.0)
    return bool(m) and probability(feats, m) >= t
