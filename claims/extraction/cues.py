"""Cue words: the verbs (and phrases) that announce an attribution, by class.

    SPEECH_CUES    verbs of saying ("said", "tells", "wrote")              form -> base
    THOUGHT_CUES   verbs of thinking and wanting ("believes", "wants")    form -> base
    NP_CUES        verbs whose content may be a noun phrase ("criticized") form -> base
    CUES           all three merged (a speech reading wins over thought, thought over NP)
    PHRASAL        verb + particle cues ("talked about", "pointed to")
    cue_at(toks, i)  the cue starting at token i: (base, index of its last token), or None

The verb lists are data (``lexicons/cue_verbs_*.txt``); forms are inflected here, with the
irregular ones from ``lexicons/verb_forms_irregular.txt``. The sets of cue classes that
decide how a cue is read (needs a clause, takes a to-infinitive, ...) are here too.
"""
from __future__ import annotations

from typing import Optional

from claims.extraction.lexicons import load, load_ordered

__all__ = ["SPEECH_CUES", "THOUGHT_CUES", "NP_CUES", "CUES", "PHRASAL", "cue_at", "inflect",
           "CUE_STARTS"]

# base -> (3rd person, past, -ing)
_IRREGULAR = {base: (third, past, ing) for base, third, past, ing in
              (line.split() for line in load_ordered("verb_forms_irregular"))}
# regular verbs that double their last consonant ("admitted", "quipping", "planned")
_DOUBLING = frozenset("admit quip scoff plan".split())


def inflect(base: str) -> tuple[str, str, str]:
    """(3rd person, past, -ing) of a cue verb."""
    if base in _IRREGULAR:
        return _IRREGULAR[base]
    if base.endswith("e"):
        stem = base[:-1]
        return base + "s", stem + "ed", stem + "ing"
    if base.endswith("y") and base[-2] not in "aeiou":
        return base[:-1] + "ies", base[:-1] + "ied", base + "ing"
    if base.endswith(("sh", "ch", "ss", "x")):
        return base + "es", base + "ed", base + "ing"
    if base in _DOUBLING:
        dbl = base + base[-1]
        return base + "s", dbl + "ed", dbl + "ing"
    return base + "s", base + "ed", base + "ing"


def _forms(bases) -> dict[str, str]:
    out = {}
    for b in bases:
        out[b] = b
        for f in inflect(b):
            out[f] = b
    return out


_OBJECT_VERBS = load_ordered("cue_verbs_object")
SPEECH_CUES = _forms(load_ordered("cue_verbs_speech"))
THOUGHT_CUES = _forms(load_ordered("cue_verbs_thought"))
NP_CUES = _forms(_OBJECT_VERBS)
for _w in load_ordered("cue_forms_not_cues"):
    NP_CUES.pop(_w, None)
CUES = {**NP_CUES, **THOUGHT_CUES, **SPEECH_CUES}
NP_OK = frozenset(_OBJECT_VERBS)

# ------------------------------------------------------------------ classes of cue verbs
# words of a research source, for "the poll found", "a study shows"
RESEARCH_WORDS = load("research_sources")
# cue verbs that need an explicit complement clause (not just an object) to count
NEEDS_CLAUSE = load("cue_verbs_need_clause")
# verbs taking a to-infinitive as content ("wants to run", "plans to")
TAKES_TO = load("cue_verbs_take_infinitive")
# verbs whose first object is a hearer ("told reporters that")
HEARER_VERBS = frozenset({"tell", "ask", "urge", "warn", "remind", "assure", "promise", "email"})
# verbs whose content may be a bare clause ("said the plan failed", "thinks he can win")
CLAUSE_OK_NP = load("cue_verbs_bare_clause")
# verbs whose content is their object noun phrase ("endorsed Clinton last week")
NP_OBJECT = load("cue_verbs_object_content")
# plural nouns that look like cue verbs ("the FEC reports", "Ford's plans"); the forms that
# are far more often verbs ("says", "thinks") are not among them
AMBIG_NOUNS = load("cue_nouns_ambiguous") - {"says", "thinks", "adds", "add", "asks", "feels"}


def _phrasal(bases, particle, as_base):
    out = {}
    for b in bases:
        for f in (b,) + inflect(b):
            out[f] = (particle, as_base)
    return out


# verb + particle cues read like a verb with an object ("talked about the record")
# ("focus on", "voted for" measured: as often a noun or not annotated as an attribution)
PHRASAL = {**_phrasal(["talk", "speak"], "about", "discuss"),
           **_phrasal(["point"], "to", "cite")}
MAKE = frozenset("make makes made making".split())
# every lower-cased word cue_at can start a cue at: the reader's loop skips all other tokens
# without calling it (most tokens of a paragraph are no cue)
# "as the Times put it", "she puts it": only with "it" right after
PUT = frozenset("put puts".split())
CUE_STARTS = frozenset({"according", "per"} | PHRASAL.keys() | MAKE | PUT | CUES.keys())
# what ", per" names when it credits a source ("..., per a report in the Times")
_PER_NOUNS = frozenset("report reports statement statements source sources documents records "
                       "filing filings data figures police officials estimates".split())


def per_source(toks, i: int) -> bool:
    """ "CLAUSE, per ESPN's Shams Charania." / "..., per league sources": "per" after a comma
    names who says so, like "according to" (not "per cent", "per share", nor the first name
    "Per" opening a sentence)."""
    n = len(toks)
    if i < 1 or toks[i - 1].w != "," or i + 1 >= n or toks[i].w != "per":
        return False
    nx = toks[i + 1]
    if nx.w[:1].isupper():
        return nx.low not in ("cent", "capita")
    k = i + 1
    if nx.low in ("a", "an", "the", "its", "their", "his", "her"):
        k += 1
    while k < n and k - i <= 4 and toks[k].w[:1].islower() and toks[k].low not in _PER_NOUNS:
        k += 1
    return k < n and toks[k].low in _PER_NOUNS


def cue_at(toks, i: int) -> Optional[tuple[str, int]]:
    """The cue starting at token ``i``: (base, index of its last token), or None.

    "according to", "talked about", "made (it) clear", a cue verb form, "point out".
    """
    t = toks[i]
    n = len(toks)
    if t.low == "according" and i + 1 < n and toks[i + 1].low == "to":
        return "according", i + 1
    if t.low == "per":
        return ("according", i) if per_source(toks, i) else None
    if t.low in PHRASAL and i + 1 < n and toks[i + 1].low == PHRASAL[t.low][0]:
        # "talked about X", "focused on X", "voted for X", "pointed to X"
        return PHRASAL[t.low][1], i + 1
    if t.low in MAKE and i + 1 < n and (toks[i + 1].low == "clear" or (
            toks[i + 1].low == "it" and i + 2 < n and toks[i + 2].low == "clear")):
        # "made (it) clear that ..."
        return "argue", (i + 1 if toks[i + 1].low == "clear" else i + 2)
    if t.low in PUT and i + 1 < n and toks[i + 1].low == "it":
        return "say", i + 1
    if t.low in CUES:
        base = CUES[t.low]
        if base == "point":
            # phrasal: "point out"; a bare "point" is no cue
            if i + 1 < n and toks[i + 1].low == "out":
                return base, i + 1
            return None
        return base, i
    return None
