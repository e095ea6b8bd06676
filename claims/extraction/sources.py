"""Source spans: who the speaker is, as written, around a cue.

* ``source_left``: the noun phrase right before the cue, skipping auxiliaries, time words,
  relative clauses and appositives ("Kenneth Merten, the State Department's ..., told");
* ``source_right``: the speaker after an inverted cue ("said State Department spokeswoman
  Heather Nauert");
* ``subject_of_sentence``: for ", saying ..." and "He added, “...”", the source of an earlier
  attribution in the sentence, or the sentence's first noun phrase after an opening phrase;
* ``with_subject`` (", with Senator John McCain telling reporters ..."),
  ``who_antecedent`` ("Chris Christie, who ..., said": the span runs from the name through
  "who"), ``trim_aux``, ``after_coordination``.

Speaker *resolution* (which person or body a span names) is ``speakers.py``'s job.
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

from claims.extraction.anonymous_sources import GROUP_NOUNS
from claims.extraction.names import ORG_WORDS, PARTY_TAG, PLACE_WORDS
from claims.extraction.contents import FOUND_WINDOW
from claims.extraction.cues import AMBIG_NOUNS, CUES
from claims.extraction.quotes import CLOSE_Q, QUOTE_CHARS
from claims.extraction.sentences import ABBREVIATIONS
from claims.extraction.lexicons import load
from claims.extraction.spans import Span
from claims.extraction.tokens import Tok, is_word, strip_span, tok_starts
from claims.extraction.words import (ADVERBIAL_PREP, AUX, COMMON_VERBS, KEEP, LEFT_STOP,
                                     LEFT_STOP_KEEP, MONTHS, PRONOUNS, ROLE_NOUNS, TIME)

_WORD_BACK = re.compile(r"[\w.’'&-]+$")


# an "-ly" word after a determiner is a noun, not an adverb to skip: "her family said",
# "the assembly said", "a close ally said"
_LY_NOUN_DET = frozenset("the a an his her their its our my your this that whose".split())
# nouns ending in "-ly" that speak after any modifier ("A Dayton family says")
_LY_NOUNS = frozenset("family assembly ally rally monopoly anomaly".split())


def _org_word_after(toks, k: int, m: int) -> bool:
    """The capitalised words from ``k`` on end in an organisation word ("Fire and Rescue
    Service spokeswoman": "and" inside the service's name)."""
    while k <= m and toks[k].w[:1].isupper():
        if toks[k].w in ORG_WORDS:
            return True
        k += 1
    return False


# auxiliaries proper: capitalised after a name they still are no surname ("Trump Has Said"
# in a headline); the adverbs among the fillers are ("Mary Long said", "Tom Still said")
_AUX_VERBS = frozenset("has have had will would could may might did does do is are was were "
                       "not never been".split())


def _surname_filler(toks, m: int, ss: int) -> bool:
    """The filler word at ``m`` is capitalised right after a capitalised word: a surname
    ("Long", "Still", "Early"), part of the name before it, not an adverb to skip (the caller
    checks that the cue is lower case: "Trump Just Announced" is a headline)."""
    t = toks[m]
    return t.w[:1].isupper() and t.low not in _AUX_VERBS and m > 0 and \
        toks[m - 1].s >= ss and toks[m - 1].w[:1].isupper() and toks[m - 1].w.isalpha()


def _may_surname(toks, k: int, ss: int) -> bool:
    """ "Theresa May", "Mrs May", "Brian May": "May" after a capitalised word of the same
    clause is a surname, not the modal verb nor the month."""
    if toks[k].w != "May" or k + 1 < len(toks) and (toks[k + 1].w[:1].isdigit() or
                                                     toks[k + 1].w[:1].isupper()):
        return False  # ("in May 2019", "on May 5": the month; "Trump May Not Have": a headline)
    if k + 1 < len(toks) and toks[k + 1].low in _PAST_SPEECH:
        return True  # "Later, May said": the modal never comes before a past form
    return k > 0 and toks[k - 1].s >= ss and toks[k - 1].w[:1].isupper() and \
        toks[k - 1].w.rstrip(".").isalpha() and toks[k - 1].low not in LEFT_STOP


_PAST_SPEECH = frozenset("said told wrote added says tells writes adds insisted warned "
                         "argued replied claimed".split())


def _source_left(text, toks, i, ss, quotes) -> Optional[Span]:
    """The noun phrase right before the cue (skipping auxiliaries): "the DHS", "Merten",
    "he", "a senior State Department official", "Kenneth Merten" in ", Kenneth Merten, told"."""
    m = i - 1
    while m >= 0 and toks[m].s >= ss and (toks[m].low in AUX and not (
            toks[i].w[:1].islower() and _surname_filler(toks, m, ss)) and not \
            _may_surname(toks, m, ss) or toks[m].low == "n't" or
                                          (toks[m].low in KEEP and toks[i].low.endswith("ing"))
                                          or
                                          toks[m].low.endswith(("n't", "n’t")) or (
            toks[m].w.endswith("ly") and toks[m].w[0].islower() and len(toks[m].w) > 4
            and not (m > 0 and toks[m - 1].low in _LY_NOUN_DET) and
            toks[m].low not in _LY_NOUNS)):
        m -= 1
    # "Trump on Sunday tweeted", "Feinstein last week said", "but on Tuesday wrote"
    m0 = m
    while m >= 0 and toks[m].s >= ss and (toks[m].low in TIME or toks[m].low in MONTHS or
                                          toks[m].w.isdigit()) and m0 - m < 4 and \
            not _may_surname(toks, m, ss):
        m -= 1
    if m < m0:
        if m >= 0 and toks[m].low in ("on", "last", "this", "earlier", "in", "but", "and"):
            while m >= 0 and toks[m].low in ("on", "last", "this", "earlier", "in", "but",
                                             "and"):
                m -= 1
        elif m >= 0 and toks[m].w[0].isupper() and toks[m0].w[0].isupper():
            m = m0  # "Mr. Sunday said", "Theresa May said": a name, not a day (nor "may")
        if m < m0:
            while m >= 0 and toks[m].s >= ss and toks[m].low in AUX:
                m -= 1
    if m < 0 or toks[m].s < ss:
        return None
    if toks[m].w in ("?", "!") and m >= 1 and toks[m - 1].e == toks[m].s and \
            toks[m - 1].w[0].isupper() and toks[m - 1].s >= ss and \
            toks[m - 1].low not in _INTERJECTIONS and (
                m < 2 or toks[m - 2].s < ss or not is_word(toks[m - 2])):
        # a name written with its mark ("Which? said", "Yahoo! said"), opening the clause
        return (toks[m - 1].s, toks[m].e)
    # ", who has ..., said": skip a relative clause back to the noun
    if toks[m].w == ",":
        return _source_before_comma(text, toks, m, ss)
    if toks[m].low in ("who", "which", "that") and m >= 0:
        return (toks[m].s, toks[m].e)
    # "officials who spoke with The Huffington Post said": the noun before the relative clause
    w = m
    while w >= 0 and toks[w].s >= ss and m - w < 14:
        tw = toks[w]
        if tw.inq or tw.w in QUOTE_CHARS or tw.w in (",", ";", ":", "—", "–") or \
                tw.low in PRONOUNS and tw.low not in ("who", "that") and w != m:
            break
        if (tw.low == "who" or tw.low == "that" and w + 1 < m and (
                toks[w + 1].low in ("has", "have", "had", "are", "were", "is", "was") or
                toks[w + 1].low.endswith("ed"))) and w > 0 and toks[w - 1].s >= ss and \
                is_word(toks[w - 1]) and \
                toks[w - 1].low not in LEFT_STOP and w < m:
            sp = np_left(text, toks, w - 1, ss)
            if sp:
                return sp
            break
        w -= 1
    return np_left(text, toks, m, ss)


# a live blog's clock time opening the line ("09:41 Network Rail said"): the minutes are
# no part of the speaker
_CLOCK_BEFORE = re.compile(r"(?:^|\n)[ \t]*\d{1,2}[:.]$")
_MINUTES = re.compile(r"\d{2}[ \t]+(?=\S)")


def _after_clock(text: str, sp: Span) -> Span:
    m = _MINUTES.match(text, sp[0], sp[1])
    if m is None or not _CLOCK_BEFORE.search(text, max(0, sp[0] - 4), sp[0]):
        return sp
    return (m.end(), sp[1])


def source_left(text, toks, i, ss, quotes) -> Optional[Span]:
    """The noun phrase right before the cue, with a coordinated subject kept whole: "Lena
    Fischer and Jon Berg said", "Mark Olsen and his wife, Ada, said" (two speakers; naming
    only the last one would credit the statement to one of them alone)."""
    sp = _source_left(text, toks, i, ss, quotes)
    if sp:
        sp = _group_before_place(text, toks, _passive_agent_head(text, toks, sp, ss), ss)
        sp = _body_before_place(text, toks, sp, ss)
        # ("a man shot dead by police in Eastfield": the group before the place may be the
        # agent of a participle too)
        sp = _passive_agent_head(text, toks, sp, ss)
        sp = coordinated(text, toks, sp, ss)
        if text[sp[0]].isdigit():
            sp = _after_clock(text, sp)
    return sp


def _group_before_place(text, toks, sp: Span, ss) -> Span:
    """ "Officials in Porto Alegre said": the people before the prepositional phrase speak,
    not the place; the source is the whole phrase."""
    p = bisect.bisect_left(tok_starts(toks), sp[0])
    q = p
    while q >= 3 and toks[q - 1].w in (",", "and") and toks[q - 2].w[:1].isupper() and \
            toks[q - 2].s >= ss:
        # "voters in Alabama, Georgia and Virginia said": back over the list's items
        q -= 2
        while q >= 1 and toks[q - 1].w[:1].isupper() and toks[q - 1].s >= ss:
            q -= 1
    if q < p and q >= 2 and " and " in text[toks[q].s:sp[1]] and \
            toks[q - 1].low in ("for", "of") and toks[q - 2].w[:1].isupper() and \
            toks[q - 2].s >= ss:
        # "a spokesperson for the Department for Environment, Food and Rural Affairs said":
        # one body's name holds the list, and whoever speaks for it stands before it
        r = q - 2
        while r >= 1 and toks[r - 1].w[:1].isupper() and toks[r - 1].s >= ss:
            r -= 1
        h = r - 1 if r >= 1 and toks[r - 1].low == "the" and toks[r - 1].s >= ss else r
        if h >= 2 and toks[h - 1].low in ("for", "of", "at", "from") and \
                toks[h - 2].s >= ss and toks[h - 2].low in GROUP_NOUNS:
            head = np_left(text, toks, h - 2, ss)
            return (head[0], sp[1]) if head else sp
        if h == 0 or toks[h - 1].s < ss:
            return (toks[h].s, sp[1])  # the sentence opens with the body's whole name
        return sp  # (not "In a letter to the Department of Labor, Smith and Jones said")
    if q < p and q >= 2 and any(t.low == "and" for t in toks[q:p]) and \
            toks[q - 1].low in ("in", "at", "from", "across") and \
            toks[q - 2].s >= ss and toks[q - 2].low in GROUP_NOUNS:
        head = np_left(text, toks, q - 2, ss)
        return (head[0], sp[1]) if head else sp
    if p >= 3 and toks[p - 1].low in _PARTICIPLE_PREPS and toks[p - 3].s >= ss and \
            toks[p - 3].low in GROUP_NOUNS and toks[p - 2].w.islower() and \
            len(toks[p - 2].w) > 4 and toks[p - 2].low.endswith("ing"):
        # "Parents waiting outside the school said", "Voters hoping for change said": the
        # people the participle describes, not the place or the thing after it (the noun
        # phrase alone: "Clinton aides hoping for change" is no Clinton)
        head = np_left(text, toks, p - 3, ss)
        return (head[0], toks[p - 3].e) if head else sp
    if p >= 3 and toks[p - 1].low in _NEAR_PREPS and toks[p - 3].s >= ss and (
            toks[p - 2].low in _DWELLING and toks[p - 3].low in GROUP_NOUNS or
            toks[p - 2].low in _FOUND_WORDS and toks[p - 1].low in _FOUND_PREPS and
            is_word(toks[p - 3]) and
            toks[p - 3].low not in LEFT_STOP and (
                toks[p - 3].w.islower() or p == 3 or toks[p - 4].s < ss)):
        # "Villagers living below the dam say", "Residents living near the plant said",
        # "Footprints found in New Mexico show": the people or the things, not the place
        head = np_left(text, toks, p - 3, ss)
        return (head[0], sp[1]) if head else sp
    if p < 2 or toks[p - 1].low not in ("in", "at", "from", "across", "on") or toks[p - 2].s < ss \
            or toks[p - 2].low not in GROUP_NOUNS:
        return sp
    if toks[p - 1].low == "on" and not ((toks[p - 2].w.islower() or toks[p - 2].s == ss) and
                                        toks[p - 2].low.endswith("s")):
        return sp  # "owners on Main Street", not "the Commission on Presidential Debates"
    head = np_left(text, toks, p - 2, ss)
    return (head[0], sp[1]) if head else sp


def _body_before_place(text, toks, sp: Span, ss) -> Span:
    """ "The Migration Observatory at the University of Oxford said", "the Center for
    Immigration Studies in Washington said": a body named before "at"/"in" and a place or a
    larger body speaks, not the place; the source is the body's name."""
    p = bisect.bisect_left(tok_starts(toks), sp[0])
    if p < len(toks) and toks[p].low == "the":
        p += 1
    if p >= len(toks) or not toks[p].w[:1].isupper():
        return sp
    m = p - 1
    if m >= 0 and toks[m].low == "the":
        m -= 1
    if m < 2 or toks[m].low not in ("at", "in") or toks[m - 1].s < ss or \
            not toks[m - 1].w[:1].isupper():
        return sp
    r = m - 1  # back over the body's capitalised name ("Center for Immigration Studies")
    while r >= 1 and toks[r - 1].s >= ss and (
            toks[r - 1].w[:1].isupper() and is_word(toks[r - 1]) or
            toks[r - 1].low in ("for", "of", "on", "and") and r >= 2 and
            toks[r - 2].w[:1].isupper() and toks[r - 2].s >= ss):
        r -= 1
    while r < m and not toks[r].w[:1].isupper():
        r += 1
    if any(toks[x].low in PRONOUNS for x in range(r, m)):
        return sp
    h = r - 1 if r >= 1 and toks[r - 1].low == "the" else r
    if h >= 2 and toks[h - 1].low in ("for", "of", "at") and toks[h - 2].s >= ss and \
            toks[h - 2].low in GROUP_NOUNS:
        # "A spokesman for the Red Cross in Geneva said": whoever speaks for the body
        head = np_left(text, toks, h - 2, ss)
        return (head[0], toks[m - 1].e) if head else sp
    if not any(toks[x].w in ORG_WORDS for x in range(r, m)) or \
            h >= 1 and toks[h - 1].s >= ss and toks[h - 1].w != ",":
        # (the body opens the sentence or a clause after a comma: "a study by Harvard and
        # the University of California at Berkeley", "a group campaigning to leave the
        # European Union in the referendum" are no such subject)
        return sp
    return (toks[r].s, toks[m - 1].e)


_NEAR_PREPS = frozenset("in at near below above beside by around along across on from "
                        "outside inside behind".split())
_FOUND_PREPS = frozenset("in at near inside outside under beneath off".split())
_FOUND_WORDS = frozenset("found discovered uncovered unearthed recovered seized collected "
                         "recorded detected".split())
_PARTICIPLE_PREPS = _NEAR_PREPS | frozenset("for about against with over through into toward "
                                                   "towards past".split())
_DWELLING = frozenset("living working staying sleeping camped camping based stranded "
                      "trapped gathered".split())


def _passive_agent_head(text, toks, sp: Span, ss) -> Span:
    """ "Economists polled by the agency expect ...": the agent of a participle is not the
    speaker; the noun phrase the participle follows is."""
    p = bisect.bisect_left(tok_starts(toks), sp[0])
    if p < 3 or toks[p - 1].low != "by" or toks[p - 2].s < ss:
        return sp
    q = p - 2
    if toks[q].low in _AFTER_PARTICIPLE and q >= 2:
        q -= 1  # "a man shot dead by police"
    part = toks[q]
    if not ((part.low.endswith("ed") or part.low in _IRREGULAR_PARTICIPLES) and
            part.w[0].islower()) or q < 1 or toks[q - 1].s < ss or not is_word(toks[q - 1]):
        return sp
    head = np_left(text, toks, q - 1, ss)
    if head:
        lead = _LEADING_PREPOSITION.match(text, head[0], head[1])
        if lead is not None:
            head = (lead.end(), head[1])  # ("a copy of the memo seen by Reuters": the memo)
    return head or sp


_LEADING_PREPOSITION = re.compile(r"(?:of|for|in|on|at|to|from|with)\s+")
_IRREGULAR_PARTICIPLES = load("past_participles_irregular")
_AFTER_PARTICIPLE = frozenset("dead alive unconscious badly fatally critically seriously "
                              "twice repeatedly".split())


# a question or an exclamation of one word, never a name written with its mark ("Why? said
# the minister"; "Which? said" is the consumer group's name)
_INTERJECTIONS = frozenset("""why what how when where who really yes no ok okay right sorry
oh wow hey please seriously well so and but now""".split())


# the words a coordinated conjunct may be made of besides capitalised names
_CONJUNCT_DET = frozenset("the a an his her their its our my both".split())
# sentence adverbs and openers, never an item of a list of speakers ("However, X and Y said")
_OPENERS = frozenset(w.lower() for w in load("sentence_openers")) - {"mr", "mrs", "ms", "dr"}


def _conjunct_like(toks, a: int, b: int) -> bool:
    """Tokens a..b (inclusive) read as one speaker: a name ("Jon Berg", "Sen. Ann Roe") or a
    short determiner + noun phrase ("his wife", "the mayor") with no verb in it."""
    seg = toks[a:b + 1]
    if not seg or len(seg) > 6 or any(t.inq or t.w in QUOTE_CHARS for t in seg):
        return False
    if all(t.w[0].isupper() or t.w in (".", "-", "’", "'") for t in seg):
        return seg[0].low not in LEFT_STOP and seg[0].low not in TIME and \
            seg[0].low not in MONTHS
    words = [t for t in seg if is_word(t)]
    return bool(words) and words[0].low in _CONJUNCT_DET and len(words) <= 4 and not any(
        t.low in AUX or t.low in COMMON_VERBS or t.low in LEFT_STOP or t.low in CUES or
        t.low.endswith("ed") for t in words[1:])


def coordinated(text, toks, sp: Span, ss) -> Span:
    """``sp`` widened over a coordinated subject that opens the clause ("X and Y", "X and
    his wife, Y"); ``sp`` itself when it is not the second of two such conjuncts."""
    p = bisect.bisect_left(tok_starts(toks), sp[0])
    q = p - 1
    right_start = p
    if q >= 1 and toks[q].w == "," and toks[q].s >= ss:
        # "his wife, Ada": a name in apposition to the noun phrase before the comma
        inner = np_left(text, toks, q - 1, ss)
        if not inner:
            return sp
        right_start = bisect.bisect_left(tok_starts(toks), inner[0])
        if not _conjunct_like(toks, right_start, q - 1):
            return sp
        q = right_start - 1
    if q >= 3 and toks[q].low == "as" and toks[q - 1].low == "well" and \
            toks[q - 2].low == "as" and toks[q - 2].s >= ss:
        q -= 2  # "X as well as Y said": X is a speaker too, as with "and"
    elif q < 1 or toks[q].s < ss or toks[q].low not in ("and", "&"):
        return sp
    end = bisect.bisect_left(tok_starts(toks), sp[1]) - 1
    if not _conjunct_like(toks, right_start, min(end, right_start + 5)) and right_start == p:
        return sp
    # the left conjunct: back to the clause's start (the sentence start, a comma, "both")
    oxford = q >= 2 and toks[q - 1].w == "," and toks[q - 1].s >= ss
    if oxford:
        q -= 1  # "Ana Ruiz, Tom Ash, and Paul Orme": the list's last comma
        c = q - 1
        while c > 0 and toks[c].s >= ss and toks[c].w != "," and q - c <= 12 and \
                not toks[c].inq:
            c -= 1
        if c > 0 and toks[c].w == "," and toks[c].s >= ss and toks[c + 1].low in ("who", "whose"):
            q = c  # "Lena Ortiz, who leads the study, and her colleague Tim Barr": the
            # relative clause belongs to the first conjunct
    a = q - 1
    while a >= 0 and toks[a].s >= ss and is_word(toks[a]) or \
            a >= 1 and toks[a].w in (".", "-", "’", "'") and toks[a - 1].s >= ss:
        if toks[a].low in ("both", "and", "with") or q - a > 6:
            break
        a -= 1
    first = a + 1
    if first >= q or not (a < 0 or toks[a].s < ss or toks[a].w in (",", "—", "–", ":") or
                          toks[a].low in ("both", "with")):
        return sp
    if not _conjunct_like(toks, first, q - 1) or first == q - 1 and toks[first].w[0].islower():
        return sp
    listed = _list_before(toks, first, ss)
    return strip_span(text, toks[listed].s, sp[1]) or sp


def _list_before(toks, first: int, ss) -> int:
    """The first token of a list of names that opens the sentence and ends at ``first``
    ("Ana Ruiz, Tom Ash and Paul Orme said": from "Ana"); ``first`` itself when the words
    before the comma are no such list ("In Paris, Tom Ash and ...", "However, ...")."""
    k = first
    while k >= 2 and toks[k - 1].w == "," and toks[k - 1].s >= ss:
        a = k - 2
        while a >= 0 and toks[a].s >= ss and (is_word(toks[a]) or toks[a].w in (".", "-")) \
                and k - 2 - a < 4:
            a -= 1
        item = a + 1
        if item > k - 2 or not (toks[item].low in _CONJUNCT_DET or all(
                t.w[0].isupper() for t in toks[item:k - 1] if is_word(t))) \
                or not _conjunct_like(toks, item, k - 2) or \
                toks[item].low in _OPENERS and toks[item].low not in _CONJUNCT_DET or \
                toks[item].low in TIME or \
                toks[item].low in MONTHS:
            return first
        if a < 0 or toks[a].s < ss:
            return item  # the list opens the sentence: every name in it speaks
        if toks[a].w != ",":
            return first
        k = item
    return first


def _source_before_comma(text, toks, m, ss) -> Optional[Span]:
    """The source before ", " + cue: the name before an appositive or a relative clause
    ("Kenneth Merten, the State Department's ..., told", "officials, who ..., said")."""
    # appositive/relative clause ends here; look for the segment before
    seg_end = m
    k = m - 1
    while k >= 0 and toks[k].s >= ss and toks[k].w not in (",", ";", ":"):
        if toks[k].inq or toks[k].w in QUOTE_CHARS:
            # "Brennan, whose debut "Glass Harbor" premiered in 2022, said": a quoted title
            # inside the clause is read through; any other quotation ends the segment
            opening = _quoted_title_start(toks, k, ss)
            if opening is None:
                break
            k = opening
        k -= 1
    seg_start = k + 1
    if k >= 1 and toks[k].w == "," and seg_end - seg_start <= 4 and all(
            t.w[:1].isupper() or t.low in ("and", "&") or t.w == "." for t in toks[seg_start:seg_end]):
        # "Westmacott, who will retire after serving in Iran, Turkey and France, praised":
        # the last items of a list inside the clause about the name
        who = _relative_clause_before(toks, k, ss)
        if who is not None:
            np_ = np_left(text, toks, who - 2, ss) if who >= 2 and toks[who - 1].w == "," \
                else None
            if np_ and text[np_[0]].isupper():
                return np_
    if 1 <= seg_end - seg_start <= 2 and k >= 1 and toks[k].w == "," and \
            toks[seg_start].w.rstrip(".") in PLACE_WORDS and toks[k - 1].w[:1].isupper():
        # "Swanson, who is a pastor at the church of Elizabeth, Colorado, slammed": the
        # state of the place before; the source is read as if the cue came before the state
        return _source_before_comma(text, toks, k, ss)
    if seg_start < seg_end and k >= 1 and toks[k].w == "," and \
            _party_tag(text, toks, seg_start, seg_end):
        # "Chuck Schumer, D-N.Y., said": the name before the party and state
        return np_left(text, toks, k - 1, ss)
    if seg_start < seg_end:
        first = toks[seg_start].low
        if _possessive_role(toks, seg_start, seg_end) and k >= 1 and toks[k].w == "," and \
                toks[k].s >= ss and toks[k - 1].w[:1].isupper() and \
                toks[k - 1].low not in PRONOUNS:
            # "Freddy Ortega, German's brother and comedian, said", "Jon Vela, Acme's founder
            # and chief executive, said": a role of someone else's, so the name before it
            name = np_left(text, toks, k - 1, ss)
            if name and text[name[0]].isupper():
                return name
        if first in ("who", "whose", "which") or first.endswith("ing") or \
                any(x.low in ("who", "whom", "whose", "which") for x in
                    toks[seg_start:seg_end]) or \
                toks[seg_start].w[0].islower() and first not in ("the", "a", "an") or \
                all(not is_word(x) or x.w.isdigit() for x in toks[seg_start:seg_end]):
            # relative clause or participle: the noun is before it
            if k >= 0 and toks[k].w == "," and toks[k].s >= ss:
                np_ = np_left(text, toks, k - 1, ss)
                if np_ and text[np_[0]].isupper() and first == "who":
                    # "Dr Ann Lee, director of research at Alzheimer's Research UK, who was
                    # not involved, said": the body ends a description of the person before
                    p = bisect.bisect_left(tok_starts(toks), np_[0]) - 1
                    if p >= 0 and toks[p].s >= ss and toks[p].w[:1].islower():
                        head = appositive_head(text, toks, seg_start, ss)
                        if head and head[0] < np_[0]:
                            return head
                if np_ and text[np_[0]:np_[1]].rstrip(".") in PLACE_WORDS:
                    # "Jeffrey Salkin, a Hollywood, Fla., rabbi helping ..., said", "Edd, an
                    # official at the X Authority in Arizona, which ..., said": a place
                    # ends the description; the name is before it
                    head = appositive_head(text, toks, seg_start, ss)
                    if head:
                        return head
                if np_ and not text[np_[0]].isupper() or np_ and \
                        text[np_[0]:np_[0] + 4].lower() in ("the ", "a ", "an "):
                    # "Zaheed, acting director of CREDO, which ..., said": the name
                    p = bisect.bisect_left(tok_starts(toks), np_[0]) - 1
                    if p >= 1 and toks[p].w == "," and toks[p].s >= ss and \
                            toks[p - 1].w[0].isupper() and toks[p - 1].low not in PRONOUNS:
                        name = np_left(text, toks, p - 1, ss)
                        if name and text[name[0]].isupper():
                            return name
                return np_
        if first in ("the", "a", "an") or first[0].isdigit():
            # "Sylke Tempel, the editor of X, the magazine of Y, said": the name that
            # opens the chain of appositives
            head = appositive_head(text, toks, seg_start, ss)
            if head:
                return head
        if first in ("the", "a", "an") and k >= 1 and toks[k].w == "," and \
                toks[k].s >= ss and (toks[k - 1].w[0].isupper() or k >= 2 and
                                     toks[k - 1].w == "." and toks[k - 2].w[0].isupper()) and \
                toks[k - 1].low not in PRONOUNS:
            # (a name may end with an abbreviation's full stop: "Greenfield Solar Inc., a ...")
            # "Cruz, the only candidate to campaign in Wyoming, told": the name
            name = np_left(text, toks, k - 1, ss)
            if name and text[name[0]].isupper():
                return name
        return np_left(text, toks, seg_end - 1, ss)
    return None


def _quoted_title_start(toks, k: int, ss: int) -> Optional[int]:
    """The index of the opening quote mark of a quoted title whose closing mark is
    ``toks[k]`` ("debut "Glass Harbor" premiered"): a quotation of at most six capitalised or
    short words with no punctuation inside, preceded by a word of the same segment; None when
    ``toks[k]`` closes no such title."""
    if toks[k].w not in QUOTE_CHARS:
        return None
    j = k - 1
    while j >= 0 and toks[j].s >= ss and toks[j].inq and k - j <= 7:
        if not toks[j].w[:1].isalnum():
            return None
        j -= 1
    if j == k - 1 or j < 1 or toks[j].w not in QUOTE_CHARS or toks[j].s < ss or \
            not toks[j + 1].w[:1].isupper() or not is_word(toks[j - 1]) or toks[j - 1].s < ss:
        return None
    return j


def _relative_clause_before(toks, k: int, ss: int) -> Optional[int]:
    """The index of "who"/"which" opening a comma-led segment before the comma at ``k``, the
    segments between it and ``k`` being capitalised items of a list ("..., who served in Iran,
    Turkey"): None when there is none."""
    p = k
    for _ in range(4):
        q = p - 1
        while q >= 0 and toks[q].s >= ss and toks[q].w not in (",", ";", ":") and \
                not toks[q].inq:
            q -= 1
        if q < 0 or toks[q].s < ss or toks[q].w != ",":
            return None
        first = toks[q + 1]
        if first.low in ("who", "whose"):
            return q + 1
        if not all(t.w[:1].isupper() or t.low in ("and", "&") or t.w == "."
                   for t in toks[q + 1:p]) or p - q - 1 > 4:
            # not an item of a list: a clause whose words lead back to the relative
            if not any(t.low in ("who", "whose") for t in toks[q + 1:p]):
                return None
            w = next(x for x in range(q + 1, p) if toks[x].low in ("who", "whose"))
            return w if toks[w - 1].w == "," else None
        p = q
    return None


def _possessive_role(toks, a: int, b: int) -> bool:
    """toks[a:b] is a capitalised possessive then lower-case role words: "German's brother
    and comedian", "Acme’s founder and chief executive" (not "Acme's Jon Vela")."""
    p = a
    while p < b and p - a < 4 and toks[p].w[:1].isupper() and not _POSS_END.search(toks[p].w) \
            and not _bare_apostrophe_after(toks, p, b):
        p += 1
    bare = p < b and _bare_apostrophe_after(toks, p, b)  # "Capital Economics' chief economist"
    if p >= b or not toks[p].w[:1].isupper() or not (bare or _POSS_END.search(toks[p].w)) or \
            p + 1 + bare >= b:
        return False
    rest = toks[p + 1 + bare:b]
    return len(rest) <= 8 and rest[-1].w[:1].islower() and rest[-1].w.isalpha() and \
        all(t.w[:1].islower() or t.w in ("-",) for t in rest)


_POSS_END = re.compile(r"(?:'s|’s|s'|s’)$")


def _bare_apostrophe_after(toks, p: int, b: int) -> bool:
    """A plural's possessive apostrophe read as a token of its own ("Economics" "'")."""
    return toks[p].w.endswith("s") and p + 1 < b and toks[p + 1].w in ("'", "’") and \
        toks[p + 1].s == toks[p].e


def _party_tag(text, toks, a: int, b: int) -> bool:
    """toks[a:b] is a US lawmaker's party and state ("R-Texas", "D-N.Y.")."""
    return b > a and b - a <= 4 and bool(PARTY_TAG.fullmatch(text, toks[a].s, toks[b - 1].e))


def appositive_head(text, toks, seg_start, ss) -> Optional[Span]:
    """Walk back over comma-separated appositives ("the editor of X", "35", "a union ...")
    to the name they describe: "Sylke Tempel, the editor of X, the magazine of Y, said"."""
    k = seg_start - 1
    for _ in range(4):
        if k < 1 or toks[k].w != "," or toks[k].s < ss:
            return None
        p = k - 1
        depth = 0  # (a comma inside parentheses separates nothing: "(Lab, Riverside)")
        while p >= 0 and toks[p].s >= ss and (depth > 0 or toks[p].w not in (
                ",", ";", ":", "—", "–")) and not toks[p].inq and toks[p].w not in QUOTE_CHARS:
            if toks[p].w == ")":
                depth += 1
            elif toks[p].w == "(" and depth > 0:
                depth -= 1
            p -= 1
        seg = toks[p + 1:k]
        if not seg or len(seg) > 14:
            return None
        f = seg[0]
        name = seg
        if len(seg) > 3 and seg[-1].w == ")":
            # "Sen. James Lankford (R-Okla.), the lead GOP negotiator, said": the name before
            # its parenthesis
            o = next((x for x in range(len(seg) - 2, 0, -1) if seg[x].w == "("), None)
            if o is not None and len(seg) - o <= 8:
                name = seg[:o]
        if _party_tag(text, toks, p + 1, k):
            k = p  # "Rep. Chip Roy, R-Texas, a leader of ..., said"
            continue
        if f.w[0].isupper() and len(seg) <= 2 and f.w.rstrip(".") in PLACE_WORDS:
            k = p  # "a Hollywood, Fla., rabbi": the state of a place, walked over
            continue
        if f.w[0].isupper() and f.low not in ("the", "a", "an") and len(name) <= 6 and \
                all(t.w[0].isupper() or t.w in (".", "-", "’", "'") for t in name) and \
                f.low not in PRONOUNS and f.low not in LEFT_STOP and f.low not in TIME and \
                f.low not in MONTHS:
            if p >= 0 and toks[p].s >= ss and toks[p].w not in (",",) and \
                    not (toks[p].w in QUOTE_CHARS and not toks[p].inq):
                return None  # "... ; Obama, the president," - keep it simple
                # (a quotation may end right before the name: '"...," Ann Lee, 67, a nurse')
            return strip_span(text, seg[0].s, seg[-1].e)
        if f.low in ("the", "a", "an") or f.w[0].isdigit() or (
                f.w[0].islower() and (f.low not in LEFT_STOP or f.low == "of") and
                f.low not in CUES and f.low not in ("who", "which", "whose")):
            # (", of Cancer Research UK,": where the name before works)
            k = p
            continue
        return None
    return None


# role nouns that take "to" for whom the role is held: "an aide to Senator Ann Lee" (the
# aide speaks, not the senator)
_AIDES_TO = frozenset("aide aides adviser advisers advisor advisors assistant assistants "
                      "counsel counselor consultant consultants".split())


def np_left(text, toks, m, ss) -> Optional[Span]:
    if m < 0 or toks[m].s < ss:
        return None
    end = m
    k = m
    if toks[m].w == ")":
        # "Sen. Mitch McConnell (R-Ky.) said": the NP goes on before the parenthesis
        p = m - 1
        while p >= 0 and toks[p].s >= ss and toks[p].w != "(" and m - p < 12:
            p -= 1
        if p > 0 and toks[p].w == "(" and toks[p - 1].s >= ss and is_word(toks[p - 1]):
            k = p - 1
        else:
            return None
    count = 0
    while k >= 0 and toks[k].s >= ss:
        t = toks[k]
        if (t.inq or t.w in QUOTE_CHARS) and not (
                t.w in ("’", "'") and not t.inq and k > 0 and toks[k - 1].e == t.s and
                toks[k - 1].low.endswith("s") and k < m and toks[k + 1].w[0].isalpha()):
            break  # (an apostrophe after a plural is no quotation: "the teachers’ union")
        if not is_word(t) and t.w not in ("’", "'", "-", "&", "."):
            break
        if t.w == "-" and t.s > 0 and text[t.s - 1] in " -" and text[t.e:t.e + 1] in (" ", "-"):
            break  # a hyphen between spaces is a dash: "BEIJING - China said", "OSLO -- "
        low = t.low
        if low in ("for", "at", "with", "to") and k - 1 >= 0 and toks[k - 1].s >= ss and (
                toks[k - 1].low in ROLE_NOUNS and low != "to" or
                low == "to" and toks[k - 1].low in _AIDES_TO or
                toks[k - 1].low == ("close" if low == "to" else "familiar")) and k < m:
            # "A spokeswoman for the ministry", "an economist at the bank", "two people
            # familiar with the talks", "a source close to the family"
            k -= 1
            count += 1
            continue
        if low == "for" and 0 < k < m and toks[k - 1].s >= ss and toks[k - 1].w in ORG_WORDS \
                and toks[k + 1].w[0].isupper():
            # "the Institute for Fiscal Studies", "the Centre for Policy Studies": one name
            k -= 1
            count += 1
            continue
        if low == "and" and 0 < k < m and toks[k - 1].s >= ss and toks[k - 1].w[0].isupper() \
                and toks[k + 1].w[0].isupper() and (any(
                    toks[x].low in ("of", "for") and x > 0 and toks[x - 1].w[0].isupper()
                    for x in range(max(0, k - 4), k - 1) if toks[x].s >= ss) or
                    _org_word_after(toks, k + 1, m)):
            # "the Department of Health and Human Services": one name
            k -= 1
            count += 1
            continue
        if low in LEFT_STOP and low not in LEFT_STOP_KEEP and not _may_surname(toks, k, ss):
            break
        if low in CUES and k != m and t.w[0].islower() and not (
                (low == CUES[low] or low in AMBIG_NOUNS) and k > 0 and
                toks[k - 1].s >= ss and is_word(toks[k - 1]) and
                toks[k - 1].low not in PRONOUNS and toks[k - 1].low not in LEFT_STOP):
            break
        if low in LEFT_STOP_KEEP:
            # "X of Y": keep going only if a capitalized word or determiner precedes
            if k - 1 >= 0 and toks[k - 1].s >= ss and is_word(toks[k - 1]) and \
                    toks[k - 1].low not in LEFT_STOP and toks[k - 1].low not in CUES:
                k -= 1
                count += 1
                continue
            break
        if t.w[0].islower() and low not in ("the", "a", "an") and low not in PRONOUNS and \
                count > 5 and not (low in ROLE_NOUNS and
                                   toks[k + 1].low in ("for", "at", "with") or
                                   low in _AIDES_TO and toks[k + 1].low == "to" or
                                   low in ("close", "familiar") or
                                   toks[k + 1].low in ("close", "familiar")):
            break  # (but "a spokesperson for the Parks and Recreation Department" goes on)
        if low in ("the", "a", "an") and k < m and k > 0 and toks[k - 1].s >= ss and \
                is_word(toks[k - 1]) and toks[k - 1].low not in LEFT_STOP and \
                toks[k - 1].low not in ("all", "both", "half", "of") and \
                not toks[k - 1].low.endswith(("'s", "’s")) and toks[k - 1].low not in TIME:
            # "the wall the US leader has pledged": a new noun phrase starts at the article
            count += 1
            k -= 1
            break
        count += 1
        if count > 12:
            break
        k -= 1
    start = k + 1
    if start > end:
        return None
    # a pronoun or "who" at the end is the source by itself
    if toks[end].low in PRONOUNS:
        return (toks[end].s, toks[end].e)
    sp = strip_span(text, toks[start].s, toks[end].e, " \t,;:—–-'’")
    if sp and not re.search(r"\w", text[sp[0]:sp[1]]):
        return None
    return sp


_NEXT_CHAR = re.compile(r"\s{0,10}(\S)")
_NEXT_WORD = re.compile(r"\s{1,10}(\w+)")


def trim_aux(text, sp):
    if not sp:
        return sp
    s, e = sp
    # drop trailing auxiliaries/adverbs ("he also", "officials have")
    words = list(re.finditer(r"\S+", text[s:e]))
    # (a capitalised filler after a capitalised word is a surname, "Ed Long said", unless the
    # next word is capitalised too: a headline, "Trump Just Announced")
    nxt = _NEXT_CHAR.match(text, e)
    headline = nxt is not None and nxt.group(1).isupper()
    after = _NEXT_WORD.match(text, e)
    if words and words[-1].group(0) == "May" and after is not None and \
            after.group(1) in _PAST_SPEECH:
        return sp  # "“...,” May wrote.": the surname (the modal never comes before "wrote")
    while words and words[-1].group(0).lower().strip(",") in AUX and (headline or not (
            words[-1].group(0)[:1].isupper() and len(words) > 1 and
            (words[-1].group(0).lower() not in _AUX_VERBS or words[-1].group(0) == "May") and
            words[-2].group(0)[:1].isupper())):
        words.pop()
    if not words:
        return None
    return strip_span(text, s + words[0].start(), s + words[-1].end())


def abbrev_dot(t: Tok) -> bool:
    """The word before a full stop that does not end a name: "Mr", "Sen", "J", "U.S"."""
    return (t.low in ABBREVIATIONS and t.w[0].isupper()) or (len(t.w) == 1 and t.w.isupper()) \
        or ("." in t.w and len(t.w) <= 5)


def source_right(text, toks, j, se) -> Optional[Span]:
    """The speaker after an inverted cue: "said State Department spokeswoman Heather Nauert"."""
    n = len(toks)
    k = j + 1
    if k >= n or toks[k].s >= se:
        return None
    if toks[k].low in PRONOUNS:
        return (toks[k].s, toks[k].e)
    if toks[k].w in QUOTE_CHARS or toks[k].w in (",", ".", ":"):
        return None
    if toks[k].low in TIME or toks[k].low in ADVERBIAL_PREP or toks[k].low == "that":
        return None
    m = k
    while m < n and toks[m].s < se:
        t = toks[m]
        if t.w == "." and m > k and abbrev_dot(toks[m - 1]):
            m += 1
            continue
        if t.w in (".", ";", ":", "!", "?") or t.w in QUOTE_CHARS or t.inq:
            break
        if t.low in ("in", "at", "during", "on", "to", "via", "after", "before", "while",
                     "when", "as", "adding", "that", "because", "and"):
            nxt = m + 3 if t.low == "as" and m + 3 < n and toks[m + 1].low == "well" and \
                toks[m + 2].low == "as" else m + 1 if t.low == "and" else None
            if m > k and nxt is not None and nxt < n and toks[nxt].low in _CONJUNCT_DET and \
                    _conjunct_to_end(toks, nxt, se):
                m = nxt  # "said Ana Ruiz and the union", "said X as well as the union"
                continue
            if t.low == "and" and m + 1 < n and toks[m + 1].w[0].islower() and \
                    any(x.w == "," for x in toks[k:m]) and not (
                        toks[m + 1].low in CUES or toks[m + 1].low in AUX or
                        toks[m + 1].low in COMMON_VERBS or toks[m + 1].low.endswith("ed")):
                pass  # "said Dan Gerstein, director of X and an independent analyst"
            elif t.low != "and" or (m + 1 < n and toks[m + 1].w[0].islower()):
                break
        if t.w == "," and m + 1 < n and toks[m + 1].low in ("adding", "noting", "in", "on",
                                                           "at", "during", "who", "whose",
                                                           "according",
                                                           "saying", "citing", "which"):
            break
        if t.low in TIME and m > k:
            break
        m += 1
    if m == k:
        return None
    return strip_span(text, toks[k].s, toks[m - 1].e)


def _conjunct_to_end(toks, a: int, se) -> bool:
    """Tokens from ``a`` up to the sentence's end (or its next punctuation) read as one
    speaker ("the union", "the Labour Party")."""
    b = a
    while b < len(toks) and toks[b].s < se and toks[b].w not in (".", ",", ";", ":", "!", "?") \
            and toks[b].w not in QUOTE_CHARS:
        b += 1
    return b > a and _conjunct_like(toks, a, b - 1)


def subject_of_sentence(text, toks, i, ss, found) -> Optional[Span]:
    """For ", saying ..." : the source of an earlier attribution in the sentence, or the first
    noun phrase of the sentence."""
    for a in reversed(found[-FOUND_WINDOW:]):  # found is in cue order: the last ones
        if a.source_span and a.source_span[0] >= ss:
            return a.source_span
    # first NP: skip an introductory phrase ending with a comma
    k = bisect.bisect_left(tok_starts(toks), ss)
    # a sentence opening with a quotation: the subject comes after it
    while k < i and (toks[k].inq or toks[k].w in QUOTE_CHARS or toks[k].w in (",", "'")):
        k += 1
    start = k
    first = toks[start].low if start < len(toks) else ""
    intro = first in ADVERBIAL_PREP or first in TIME or first.endswith("ly") or (
        first.endswith(("ing", "ed")) and start < len(toks) and toks[start].w[0].isupper()) \
        or first in (
        "after", "when", "while", "as", "but", "and", "still", "however", "meanwhile", "last",
        "this", "worst", "best", "later", "earlier", "yet", "so", "instead", "indeed")
    dateline = start < len(toks) and toks[start].w.isupper() and len(toks[start].w) > 2
    if intro or dateline:
        m = start
        while m < i and toks[m].w != "," and (not dateline or toks[m].w not in ("—", "-")):
            m += 1
        if dateline:
            while m < i and toks[m].w not in ("—", "-"):
                m += 1
        if m < i and m - start <= (20 if first in ADVERBIAL_PREP else 12) and \
                not (m + 1 < i and toks[m + 1].low.endswith("ing") and i - m <= 2) and m + 1 < i:
            start = m + 1
            while start < i and toks[start].w in CLOSE_Q:
                start += 1  # 'In an interview with "Fox and Friends," Trump ...'
            # "At an event in Ames, Iowa, on Sunday, Mrs. Clinton ...": the opening phrase
            # goes on over a place name or another adverbial
            start = _past_opening_phrases(toks, start, i)
        elif first in ("on", "in", "at", "during", "by", "late", "early", "last", "this"):
            # no comma: "On Sunday morning Mr. Trump made ..."
            m = start + 1
            while m < i and (toks[m].low in TIME or toks[m].low in MONTHS or
                             toks[m].w.isdigit()):
                m += 1
            if m > start + 1 and m < i and toks[m].w[0].isupper():
                start = m
    # "Then he cut into Bush, calling him ...", "And then Trump went on the attack, saying"
    while start < i - 1 and toks[start].low in ("and", "but", "then", "so", "yet", "still",
                                                "instead", "or") and \
            toks[start + 1].w not in (",", ";", ":"):
        start += 1
    m = start
    while m < i and toks[m].s >= ss:
        t = toks[m]
        if t.w in QUOTE_CHARS or t.w in (",", ";", ":"):
            break
        if t.low in LEFT_STOP and t.low != "of" or (t.low in CUES) or t.low in AUX:
            break
        if m > start and t.w[0].islower() and (t.low in COMMON_VERBS or (
                t.low.endswith("ed") and toks[m - 1].low not in ("the", "a", "an"))):
            break
        m += 1
    if m == start:
        return None
    if toks[start].low in PRONOUNS:
        return (toks[start].s, toks[start].e)
    if m < i and toks[m].w == "," and toks[m - 1].w[0].islower() and (
            toks[start].low in _DESCRIPTION_DETERMINERS or _POSS_END.search(toks[start].w)):
        # "His daughter, Amy Hollis, runs the website and says ...": the name the
        # description is set beside is the subject
        q = m + 1
        while q < i and q - m <= 4 and toks[q].w[0].isupper() and toks[q].low not in PRONOUNS:
            q += 1
        if q - m >= 3 and q < i and toks[q].w == ",":
            return strip_span(text, toks[m + 1].s, toks[q - 1].e)
    return strip_span(text, toks[start].s, toks[m - 1].e)


_DESCRIPTION_DETERMINERS = frozenset("his her their its our my the a an".split())


def _past_opening_phrases(toks, start, i) -> int:
    """ "At an event in Ames, Iowa, on Sunday, Mrs. Clinton ...": the opening phrase goes on
    over a place name or another adverbial; the token index after it."""
    for _ in range(3):
        m = start
        while m < i and toks[m].w != "," and m - start <= 5:
            m += 1
        if m >= i or toks[m].w != "," or m == start:
            break
        seg = toks[start:m]
        f = seg[0].low
        if (f in ADVERBIAL_PREP or f in TIME or f in MONTHS) and len(seg) <= 5 or \
                len(seg) <= 2 and all(x.w[0].isupper() or x.w == "." for x in seg) and \
                not any(x.low in PRONOUNS for x in seg) and start > 0 and \
                toks[start - 1].w == "," and m + 1 < i and \
                (toks[m + 1].low in ADVERBIAL_PREP or toks[m + 1].low in TIME or
                 toks[m + 1].w[0].isupper()):
            start = m + 1
        else:
            break
    return start


def with_subject(text, toks, i, ss) -> Optional[Span]:
    """ ", with Senator John McCain telling reporters ...": the noun phrase after "with"."""
    m = i - 1
    while m >= 0 and toks[m].s >= ss and (toks[m].low in AUX or toks[m].low.endswith("ly")):
        m -= 1
    sp = np_left(text, toks, m, ss) if m >= 0 and toks[m].s >= ss else None
    if not sp:
        return None
    sp = coordinated(text, toks, sp, ss)  # ", with Hungary and Poland vowing to ..."
    p = bisect.bisect_left(tok_starts(toks), sp[0]) - 1
    if p >= 0 and toks[p].s >= ss and toks[p].low == "with":
        return sp
    return None


def after_coordination(toks, i, ss) -> bool:
    """The cue follows "and"/"but" (+ auxiliaries): "furrowed his brow and said, “...”"."""
    m = i - 1
    while m >= 0 and toks[m].s >= ss and (toks[m].low in AUX or toks[m].low in TIME):
        m -= 1
    return m >= 0 and toks[m].s >= ss and toks[m].low in ("and", "but", "then")


# "a nurse from", "the lawyer in": a person's noun after its article, before a place
_NOUN_BEFORE_PREP = re.compile(r"\b(?:a|an|the)\s+[a-z][a-z-]+\s+$", re.IGNORECASE)


def who_antecedent(text, src, ss):
    """ "Chris Christie, who ..., said": the speaker span runs from the noun phrase "who"
    stands for through "who" (the span holds both the name and the relative pronoun)."""
    s, e = src
    pos = s
    i = pos
    while i > ss and text[i - 1] == " ":
        i -= 1
    if i > ss and text[i - 1] == ",":
        i -= 1
    start = None
    nwords = 0
    while i > ss and nwords < 7:
        j = i
        while j > ss and text[j - 1] == " ":
            j -= 1
        m = _WORD_BACK.search(text, ss, j)
        if not m or m.end() != j:
            break
        w = m.group(0)
        low = w.lower()
        if low in ("from", "in", "at") and nwords and text[start].isupper():
            # "a nurse from Leeds who asked ...": who is the nurse, not the place
            if _NOUN_BEFORE_PREP.search(text, max(ss, m.start() - 40), m.start()):
                nwords += 1
                i = m.start()
                continue
        if low in LEFT_STOP and low != "of" or low in CUES or low in PRONOUNS:
            break
        if nwords == 0 and not (w[0].isupper() or low in ROLE_NOUNS or low.endswith("s")):
            return src
        start = m.start()
        nwords += 1
        i = m.start()
    if start is None:
        return src
    while True:
        m = re.match(r"(?:of|the|a|an)\s+", text[start:e], re.I)
        if not m or start + m.end() >= s:
            break
        if text[start:start + m.end()].strip().lower() == "of":
            start += m.end()
        else:
            break
    return (start, e)
