"""How far to trust an attributed statement: ``attribution_confidence`` and abstention.

Two logistic models over the same sparse binary features of a finished statement (its cue
word, the form of its speaker as written and as resolved, the shape of its content):

* ``match``: the probability that the statement is an attribution at all (a gold attribution
  of PolNeAR train or realnews dev overlaps its content). Statements far below are dropped:
  most of them are cue words in another sense ("the economy added jobs").
* ``right``: the probability that it is right who-said-what (content matched AND the speaker
  right). This is ``Statement.attribution_confidence``.

Weights live in ``attribution_model.json`` beside this file, written by
``python tests/benchmarks/train_attribution_model.py`` (reproducible: fixed data, fixed
iterations, no randomness). Inference is a dictionary look-up and a sum: no NumPy, no
download, a few microseconds a statement. Why a linear model stored as JSON: it installs
nothing, loads in a millisecond, is readable (every weight has a name) and the data (some
13,000 labelled statements) does not support anything bigger.
"""
from __future__ import annotations

import json
import math
import pathlib
import re
from functools import lru_cache
from typing import Optional

from claims.types import Statement

MODEL_PATH = pathlib.Path(__file__).with_name("attribution_model.json")

PRONOUNS = frozenset("he she they it i we you".split())
# capitalised words that open sentences and are no one's name
SENTENCE_OPENERS = frozenset("""
The A An This That These Those It He She They We I You His Her Their Our Its In On At But
And Or So If When While After Before As For With There Here Some Many Most Several Other
Another Each Every All Both No Yet Still Now Then Also However Meanwhile Last Next
""".split())
RELATIVES = frozenset("who which that whom whose".split())
_WORD = re.compile(r"[A-Za-z][\w’'.-]*")
_QUOTES = "“”\"‘’«»"

# head nouns of noun phrases that can speak (people, bodies, documents that state things)
SPEAKING_HEADS = frozenset("""
official officials spokesman spokeswoman spokesperson spokespeople aide aides adviser advisers
advisor advisors source sources expert experts analyst analysts economist economists
researcher researchers scientist scientists lawyer lawyers attorney attorneys director
directors chief head president minister ministers secretary senator senators lawmaker
lawmakers legislator legislators member members leader leaders chairman chairwoman chair
executive executives ceo officer officers agent agents investigator investigators prosecutor
prosecutors judge judges witness witnesses resident residents people voter voters critic
critics supporter supporters opponent opponents activist activists organizer organizers
worker workers employee employees staff staffer staffers manager managers owner owners
founder professor professors teacher teachers doctor doctors nurse nurses student students
parent parents mother father man woman men women friend friends neighbor neighbors
neighbour neighbours organiser organisers councillor councillors colleague colleagues
relative relatives
spokesmen observers observer diplomat diplomats candidate candidates governor mayor
commissioner commissioners representative representatives delegate delegates general
generals police military army government governments administration ministry department
agency agencies company companies firm firms bank banks group groups party parties campaign
committee council board union unions court courts commission office authority authorities
airline carrier utility institute center centre university foundation association
organization organisation coalition network newspaper paper magazine report reports study
studies survey surveys poll polls analysis statement letter filing document documents data
researchers pollster pollsters authors author writer writers reporter reporters editor
editors journalist journalists host hosts team teams family families republicans democrats
conservatives liberals congress parliament senate house pentagon kremlin regulators
regulator watchdog inspector inspectors auditor auditors consultant consultants strategist
strategists historian historians operative operatives donor donors insider insiders
investor investors trader traders farmer farmers fisherman fishermen pilot pilots engineer
engineers doctors physician physicians surgeon victims victim survivor survivors actor
actress director producer singer player players coach coaches fan fans user users customer
customers passenger passengers citizen citizens americans europeans protester protesters
demonstrators demonstrator immigrant immigrants refugees refugee piece article story
column editorial op-ed tweet post book memoir message email transcript website blog
journal outlet broadcaster channel magazine tabloid wire publication fund state country nation
indictment indictments lawsuit lawsuits complaint affidavit petition ruling opinion memo
guidance advisory bulletin
city county town province embassy consulate database archive posting postings
""".split())


@lru_cache(maxsize=4096)
def lemma(cue: Optional[str]) -> str:
    """A crude lemma of a cue: its last word, inflection stripped ("according to", ":")."""
    if not cue:
        return "-"
    c = cue.lower().strip()
    if c.startswith("according"):
        return "according"
    words = c.split()
    w = words[-1] if words else c
    if w in ("to", "about", "for", "of", "on", "out", "as", "up") and len(words) > 1:
        w = words[-2]
    if w in ("said", "says", "saying", "say"):
        return "say"
    if w in ("told", "tells", "telling", "tell"):
        return "tell"
    if w in ("wrote", "writes", "writing", "written", "write"):
        return "write"
    for suf, rep in (("ying", "y"), ("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""),
                     ("es", ""), ("s", "")):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            return w[: len(w) - len(suf)] + rep
    return w


def _bucket(n: int, edges=(1, 3, 8, 20, 40)) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return "more"


def speaker_form(speaker: Optional[str], name: Optional[str], stype: Optional[str]) -> str:
    """What the speaker looks like: pronoun, relative, name, lower-case description, ..."""
    if not speaker:
        return "none"
    s = speaker.strip(" ,;:.“”\"‘’'()")
    ls = s.lower()
    if ls in PRONOUNS:
        return "pronoun" if name else "pronoun_unresolved"
    if ls in RELATIVES or ls.endswith((" who", " which", ", who", ", which")):
        return "relative"
    words = _WORD.findall(s)
    if not words:
        return "symbol"
    head = words[-1].lower().strip(".’'")
    caps = sum(1 for w in words if w[:1].isupper())
    if stype == "person" and name and len(name.split()) >= 2:
        return "person_full"
    if stype == "person" and name:
        return "person_single"
    if stype == "organization" and caps == len(words):
        return "org_name"
    if head in SPEAKING_HEADS:
        return "speaking_head"
    if caps == len(words):
        return "caps_other"
    return "lower_other"


def features(st, text: str) -> list[str]:
    """The binary features of one attributed statement (``Statement`` or a dict with its fields)."""
    if isinstance(st, dict):
        g = st.get
    elif type(st) is Statement:
        g = st.__dict__.get  # its fields are plain attributes: no Python call per field
    else:
        g = (lambda k, d=None: getattr(st, k, d))
    kind = g("kind")
    cue = g("cue")
    lem = lemma(cue)
    speaker = g("speaker")
    name = g("speaker_name")
    stype = g("speaker_type")
    form = speaker_form(speaker, name, stype)
    content = g("text") or ""
    cs, ce = g("content_start"), g("content_end")
    n_words = len(content.split())
    f = ["bias", "kind=" + kind, "cue=" + lem, "form=" + form, "len=" + _bucket(n_words),
         "cue&form=%s&%s" % (lem, form), "kind&form=%s&%s" % (kind, form),
         "type=" + str(stype)]
    if name is None:
        f.append("no_name")
    c0 = content.lstrip(_QUOTES + " ")
    first = c0.split(None, 1)  # (the first word only: the content may be long)
    first = first[0].lower() if first else ""
    if first in ("that", "to", "whether", "how", "what", "why", "if"):
        f.append("first=" + first)
        f.append("cue&first=%s&%s" % (lem, first))
    elif c0[:1].isupper():
        f.append("first=Upper")
    elif c0[:1].isdigit():
        f.append("first=digit")
    else:
        f.append("first=lower")
    if content[:1] in _QUOTES and content.rstrip()[-1:] in _QUOTES:
        f.append("quoted")
    if speaker:
        sw = speaker.split()
        f.append("spk_len=" + _bucket(len(sw), (1, 2, 3, 5, 8)))
        ss = g("speaker_start")
        if ss is not None and cs is not None:
            f.append("spk_after" if ss >= ce else "spk_before" if ss < cs else "spk_inside")
        head = _WORD.findall(speaker)
        if head:
            h = head[-1].lower()
            if h in SPEAKING_HEADS:
                f.append("head_speaks")
    sent = g("sentence") or ""
    if "?" in sent:
        f.append("question")
    if cue and cue.strip() == ":":
        line_start = text.rfind("\n", 0, cs or 0) + 1
        f.append("colon_line_start" if (g("speaker_start") or 0) <= line_start + 1 else "colon")
    if sent and n_words and n_words * 3 < len(sent.split()):
        f.append("short_of_sentence")
    return f


@lru_cache(maxsize=1)
def load_model() -> dict:
    try:
        return json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    except FileNotFoundError:  # pragma: no cover - the package ships the file
        return {"match": {"bias": 2.0}, "right": {"bias": 1.0}, "drop_below": 0.0}


def _logit(weights: dict, feats: list[str]) -> float:
    z = 0.0
    for k in feats:
        z += weights.get(k, 0.0)
    return z


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def probabilities(st, text: str, model: Optional[dict] = None) -> tuple[float, float]:
    """(p_match, p_right) of one attributed statement."""
    m = model or load_model()
    fs = features(st, text)
    return (_sigmoid(_logit(m["match"], fs)),
            _sigmoid(_logit(m["right"], fs) - m.get("right_shift", 0.0)))
ABSTAIN = True  # the pipeline drops statements below the model's drop_below
