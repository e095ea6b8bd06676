"""Is this cue word a cue here? Tests that reject the uses of a cue word that announce no
attribution: nouns and adjectives ("the said", "a claim", "Ford's plans", "pledged
delegates"), infinitives ("to say"), passives ("was declared the winner"), names and titles
("Mark Said"), and verbs that count only in one construction ("sees X as ...", "the poll
found ...").

Each test takes the ``Cue`` and the words before it (``prev`` token, its lower-case form
``prevlow`` and the one before, ``prev2``; "" when outside the sentence).
"""
from __future__ import annotations

import re

from claims.extraction.cues import AMBIG_NOUNS, CUES, RESEARCH_WORDS, SPEECH_CUES, TAKES_TO
from claims.extraction.paragraph import Cue
from claims.extraction.quotes import QUOTE_CHARS
from claims.extraction.sources import source_left
from claims.extraction.tokens import is_word
from claims.extraction.words import AUX, BE, KEEP, LEFT_STOP, NOUN_PREMODIFIERS, PRONOUNS

# words before a cue word that make it a noun or an adjective ("the said", "a claim")
_NOMINAL_BEFORE = ("a", "an", "the", "his", "her", "their", "its", "our", "my", "your",
                   "this", "that", "these", "those", "of", "no", "every", "any", "from",
                   "in", "on", "for", "with", "by", "at", "into", "about", "against",
                   "over", "under", "between", "among", "without", "whose")
# number words before a plural noun ("four shows", "dozens of" aside)
_COUNTS = frozenset("two three four five six seven eight nine ten eleven twelve twenty thirty "
                    "forty fifty hundred".split())
_DEFINITE = frozenset("the its his her their our this that".split())
_ORDINALS = frozenset("first second third fourth fifth last next final opening latest "
                      "previous".split())
# bases that are cues in their bare form too ("I say", "they think"); any other bare base
# ("claim", "report", "plan") is read as a noun
_BARE_BASE_OK = ("say", "tell", "think", "know", "believe", "want",
                 "hope", "expect", "fear", "feel", "argue", "write",
                 "insist", "suggest", "claim", "agree", "doubt",
                 "worry", "wonder", "warn", "note", "add", "ask",
                 "admit", "understand", "realize", "assume",
                 "suspect", "predict", "plan", "wish", "guess",
                 "imagine", "recall", "deny", "acknowledge",
                 "explain", "contend", "maintain", "concede",
                 "complain", "see", "view", "show", "find",
                 "indicate", "allege",
                 "reckon", "speculate")
# particles and prepositions before a noun ("rattling off plans to ...", "talk of plans to")
_PARTICLES = frozenset("off of on out up about with for from into over".split())
_SMALL_WORDS = frozenset("a an the of to in on at for and or but by with as from vs".split())


def title_case(text, ss, se) -> bool:
    """A headline in title case: "Trump Says He Never Pledged To Kill Family Members"."""
    words = [w for w in re.findall(r"[^\W\d_][\w’']*", text[ss:se]) if w.lower() not in
             _SMALL_WORDS]
    if len(words) < 4:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps >= 0.8 * len(words)


def nominal_use(c: Cue, prevlow: str) -> bool:
    """A noun, an infinitive or a name, not a verb: "the said", "to say", "Mark Said" (but
    "Trump Says He Will Win" in a title-case headline is a cue)."""
    toks, text = c.para.toks, c.para.text
    i, base, ss = c.i, c.base, c.ss
    t = toks[i]
    if prevlow in _NOMINAL_BEFORE:
        return True
    if t.low.endswith("ing") and prevlow.endswith(("'s", "’s", "s'", "s’")) and \
            i + 1 < len(toks) and toks[i + 1].low in CUES:
        return True  # "people familiar with Berg's thinking said": a noun before the verb
    if t.low == base and base not in _BARE_BASE_OK:
        return True
    if prevlow == "to" and t.low == base:
        return True  # "to say", "wants to know"
    if t.low.endswith("s") and t.low != base and prevlow in _COUNTS:
        return True  # "cancelled four shows", "two reports": a counted noun
    if prevlow in _ORDINALS and i > 1 and toks[i - 2].low in _DEFINITE:
        # ("a third said": a fraction; "by first saying": an adverb)
        return True  # "days before the first show", "the last report": a noun
    if t.w[0].isupper() and i > 0 and toks[i - 1].s >= ss and toks[i - 1].w[0].isalnum() \
            and not ((t.low in SPEECH_CUES or c.si == 0) and title_case(text, ss, c.se)):
        return True  # a name or title: "Mark Said" (but "Trump Says He Will Win")
    return False


def passive(c: Cue, prevlow: str, prev2: str, ing: bool) -> bool:
    """ "was declared the winner", "is widely said to be": not an attribution."""
    t = c.para.toks[c.i]
    return c.base != "according" and (prevlow in BE or (prev2 in BE and (
        prevlow.endswith("ly") or prevlow in ("not", "also", "still", "now", "widely")))) \
        and not ing and t.low != c.base


def progressive(prevlow: str, prev2: str) -> bool:
    """ "the group is calling on", "Johnson kept asking her": the -ing form is the verb."""
    return prevlow in BE or prevlow in KEEP or (prev2 in BE or prev2 in KEEP) and (
        prevlow.endswith("ly") or prevlow in ("not", "also", "still", "now", "again"))


def noun_like(c: Cue, prev) -> bool:
    """Nouns that look like cue verbs: "Ford's plans", "the FEC reports", "pledged
    delegates", "a group called Ginbot 7"."""
    toks, ss, i, j = c.para.toks, c.ss, c.i, c.j
    t = toks[i]
    if t.low in AMBIG_NOUNS and prev is not None and prev.s >= ss:
        nx = toks[j + 1].low if j + 1 < len(toks) else ""
        if not (prev.low in PRONOUNS or prev.low in AUX or
                (prev.w[0].isupper() and not prev.low.endswith(("'s", "’s")) and
                 prev.low not in ("united", "the") and nx in ("that", ",", ":", "“", '"')) or
                (nx in ("for", "on") and t.low == "calls" and (prev.w[0].isupper() or
                                                                 prev.low in PRONOUNS) and
                 not prev.low.endswith(("'s", "’s"))) or
                (nx == "to" and CUES[t.low] in TAKES_TO and is_word(prev) and
                 not prev.low.endswith(("'s", "’s", "s'", "s’")) and
                 prev.low not in NOUN_PREMODIFIERS and prev.low not in _PARTICLES)):
            return True
    if prev is not None and prev.s >= ss and prev.low.endswith(("'s", "’s")) and \
            t.w[0].islower() and not t.low.endswith(("ed", "ing")) and t.low not in (
                "says", "said", "thinks", "believes", "knows", "wants", "told", "tells",
                "claim", "claims", "view", "views", "hope", "hopes", "guess"):
        return True  # a noun after a possessive: "Editor’s note:", "Ford's plans"
    if t.low in ("pledged", "committed", "bound") and j + 1 < len(toks) and \
            toks[j + 1].low in ("delegates", "superdelegates", "delegate"):
        return True  # "pledged delegates": an adjective
    if t.low in ("note", "plan", "hope", "fear", "call", "want", "support", "claim") and \
            prev is not None and prev.s >= ss and prev.low not in PRONOUNS and \
            prev.low not in AUX and not prev.low.endswith("s") and prev.low not in (
                "people", "americans", "voters", "they", "many", "most", "some", "few"):
        return True
    if t.low.endswith("ing") and prev is not None and prev.s >= ss and (
            prev.low in ("a", "an") or prev.w.isupper() and 2 <= len(prev.w) <= 4) and \
            j + 1 < len(toks) and is_word(toks[j + 1]) and toks[j + 1].w[0].islower() and \
            toks[j + 1].low not in LEFT_STOP and toks[j + 1].low not in PRONOUNS:
        # "a writing assistant", "a free AI writing assistant": a modifier before its noun
        # (an article or an acronym right before it; "a statement saying" stays a cue)
        for m in range(i - 1, max(i - 4, -1), -1):
            if toks[m].s < ss or not is_word(toks[m]) or toks[m].low in PRONOUNS or \
                    toks[m].low in AUX:
                break
            if toks[m].low in ("a", "an"):
                return True
    if t.low == "called" and prev is not None and prev.s >= ss and prev.w[0].islower() and \
            prev.low not in PRONOUNS and prev.low not in AUX and j + 1 < len(toks) and \
            (toks[j + 1].w[0].isupper() or toks[j + 1].w in QUOTE_CHARS or
             toks[j + 1].low == "the" and j + 2 < len(toks) and toks[j + 2].w[0].isupper()):
        return True  # "a group called Ginbot 7", "a competition called the House to Home Prize"
    return False


def sees_as(c: Cue) -> bool:
    """see/view/regard count only as "sees Cruz as a uniter" (the object and its "as")."""
    toks, j, se = c.para.toks, c.j, c.se
    ok = False
    for tt in toks[j + 2:j + 10]:
        if tt.s >= se or tt.w in (",", ";", ":", ".") or tt.inq:
            break
        if tt.low == "as":
            ok = True
            break
    return ok and not (j + 1 < len(toks) and toks[j + 1].low in ("it", "this", "that", "to"))


def research_finding(c: Cue, prevlow: str) -> bool:
    """show/find/indicate count with a research source ("the poll found", "a study shows")
    or closing a fronted content ("CLAUSE, the poll found.")."""
    p = c.para
    text, toks = p.text, p.toks
    srcp = source_left(text, toks, c.i, c.ss, p.quotes)
    if not srcp or not any(w.lower().strip(".,") in RESEARCH_WORDS
                           for w in text[srcp[0]:srcp[1]].split()):
        rest = text[toks[c.j].e:c.se].strip(" .")
        if not (prevlow and srcp and not rest):
            return False
    return True


def after_than(toks, i: int, j: int, ss: int, se: int) -> bool:
    """ "than the standard models predicted.", "than she'd planned to seal ...": the cue's
    subject (at most four words, no comma) follows "than", and no clause follows the cue
    (not "more ethanol than the oil industry says the markets can handle")."""
    k = j + 1
    if k < len(toks) and toks[k].s < se and toks[k].w not in (".", ",", ";", ":", "!", "?") \
            and toks[k].low != "to":
        return False
    for b in range(i - 1, max(i - 6, -1), -1):
        t = toks[b]
        if t.s < ss or t.w in (",", ";", ":") or t.w in QUOTE_CHARS:
            return False
        if t.low == "than":
            return True
    return False


def by_agent_follows(toks, j: int, se: int) -> bool:
    """ ", posted online in March by X,": "by" within the participle's phrase, before its
    comma."""
    for b in range(j + 1, min(len(toks), j + 8)):
        t = toks[b]
        if t.s >= se or t.w in (",", ";", ":", ".") or t.w in QUOTE_CHARS or t.low == "that":
            return False
        if t.low == "by":
            # an agent, not a means ("admitted causing death by dangerous driving")
            return b + 1 < len(toks) and (toks[b + 1].w[:1].isupper() or toks[b + 1].low in (
                "the", "a", "an", "its", "his", "her", "their"))
    return False
