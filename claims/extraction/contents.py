"""Content span boundaries: where what was said starts and ends around a cue.

* ``skip_adverbials``: after a cue, time words, "in a statement", "on Twitter" and a hearer
  object ("told reporters") come before the content;
* ``forward_end``: a forward content ("said (that) CLAUSE") runs to the sentence end or to a
  new cue clause (", he said", ", adding", ", according to");
* ``np_object_end`` / ``coordinated_verb``: the object noun phrase of "endorsed Cruz last
  week and said ..." ends before the adverbial or the second verb;
* ``content_start_before``: a fronted content ("CLAUSE, he said") starts at the sentence
  start or after an earlier attribution's cue clause in the same sentence;
* ``clause_end``: the end of the cue clause itself.
"""
from __future__ import annotations

import bisect
from itertools import compress, count
from operator import attrgetter
from typing import Optional

from claims.extraction.cues import CUES, HEARER_VERBS, NP_CUES, SPEECH_CUES, TAKES_TO, per_source
from claims.extraction.lexicons import load
from claims.extraction.quotes import QUOTE_CHARS
from claims.extraction.tokens import is_word
from claims.extraction.words import (ADVERBIAL_PREP, AUX, COMMON_VERBS, LEFT_STOP, MONTHS,
                                     PRONOUNS, SUBJECT_PRONOUNS, SUBORDINATORS, TIME)

_NUMBER_WORDS = load("number_words")  # "said nearly two-thirds ..."
_CUT_AFTER_COMMA = load("content_cut_after_comma")
# past and present forms of saying after "and" that start the speaker's next act
_AND_CUE_VERBS = frozenset(w for w in SPEECH_CUES if w.endswith(("ed", "s")) or w in (
    "said", "told", "wrote", "spoke"))


_MAIN_CUES = frozenset("said says told tells wrote writes added adds argued argues insisted "
                       "insists noted notes".split())
_HEARERS = frozenset("reporters journalists him her them us me".split())
# the cues of a closing ", officials said." (not "4.3 points", "percentage points")
_CLOSING_CUES = _MAIN_CUES | frozenset("say reported reports confirmed confirms warned warn "
                                       "explained explain stated".split())


# an adverbial after an object noun phrase: a preposition followed (within a few words) by
# a time or venue word ("in early June", "at a news conference", "on Twitter")
_NP_END_PREPS = frozenset("in at on during after before amid".split())
_VENUE_WORDS = load("venue_words")
# "said in a statement it would ...": the medium of a statement, after which the reported
# clause starts without "that" (one-word events and modifiers of ``venue_events``)
_MEDIUM_NOUNS = frozenset(w.lower() for w in load("venue_events") if w.isalpha()) - {
    "visit", "event", "ceremony", "session", "panel", "discussion", "appearance", "report",
    "campaign"}
_MEDIUM_MODIFIERS = frozenset(w.lower() for w in load("venue_event_modifiers") if w.isalpha())


def starts_sentence(text, ss, pos) -> bool:
    return text[ss:pos].strip(" “\"‘'") == ""


# how many earlier attributions of a sentence are looked at (far more than a real sentence has)
FOUND_WINDOW = 64


def content_start_before(text, toks, i, ss, ps, found) -> int:
    """Start of a fronted content: the sentence start, or the end of an earlier attribution's
    cue clause in the same sentence (the last FOUND_WINDOW ones: ``found`` is in cue order)."""
    cs = ss
    for a in found[-FOUND_WINDOW:]:
        if a.cue_span and ss <= a.cue_span[1] <= toks[i].s and a.content_end <= toks[i].s \
                and _reports_an_act(text, a) \
                and _only_source_between(text, a.content_end, toks[i].s):
            # "The mayor refused to approve the budget, council members said": an infinitive
            # or object read from an earlier cue (an act, not a statement of its own) ends
            # where this cue's source begins; the whole clause is what the council members
            # said, and the earlier reading lies inside it
            continue
        if a.cue_span and ss <= a.cue_span[1] <= toks[i].s:
            cs = max(cs, a.content_end if a.content_end <= toks[i].s else a.cue_span[1])
    return cs


def _reports_an_act(text, a) -> bool:
    """The attribution reads a to-infinitive ("refused to approve ...") or the object of a
    verb like "called for", "endorsed" -- what someone did, not a clause they stated."""
    if text.startswith(("to ", "To "), a.content_start):
        return True
    cue = text[a.cue_span[0]:a.cue_span[1]].lower().split()
    return bool(cue) and cue[0] in NP_CUES and not text.startswith(("that ", "“", '"'),
                                                                   a.content_start)


def _only_source_between(text, a: int, b: int) -> bool:
    """text[a:b] is ", SOURCE " -- a comma and a few words, nothing else."""
    gap = text[a:b].strip()
    words = gap[1:].lower().split()
    return gap.startswith(",") and "," not in gap[1:] and len(words) <= 6 and \
        not any(ch in gap for ch in ";:“”\"") and not {"and", "but", "or"} & set(words)


def clause_end(toks, j, se) -> int:
    """End (char) of the cue clause: the next comma or sentence end."""
    for m in range(j + 1, len(toks)):
        if toks[m].s >= se:
            return se
        if toks[m].w in (",", ";", ":", ".") or toks[m].w in QUOTE_CHARS:
            return toks[m].s
    return se


# forward_end of the last paragraph's tokens: (toks, {(token index, se): end}, the indices of
# the tokens a content can end at); the end from token m does not depend on where the scan
# started, so scans share it (linear time). Replaced whole, never half-updated.
_FORWARD_MEMO: tuple = (None, {}, [])
# the words _cuts_forward can end a content at (";" / "," and "even" / "and": each of its
# tests starts with one of them)
_MAY_CUT = frozenset({";", ",", "even", "and", "but"})
_LOW = attrgetter("low")


def forward_end(text, toks, k, se, found) -> int:
    """End of a forward content: sentence end, or the start of a new cue clause
    (", he said" / ", and they say")."""
    global _FORWARD_MEMO
    if _FORWARD_MEMO[0] is not toks:
        # only the tokens that can cut are visited (picked in C, not a Python step per token)
        _FORWARD_MEMO = (toks, {}, list(compress(count(), map(_MAY_CUT.__contains__,
                                                                map(_LOW, toks)))))
    _, memo, cands = _FORWARD_MEMO
    seen = []
    end = se
    n = len(toks)
    j = bisect.bisect_left(cands, k)
    while j < len(cands):
        m = cands[j]
        if toks[m].s >= se:
            break
        known = memo.get((m, se))
        if known is not None:
            end = known
            break
        seen.append(m)
        if _cuts_forward(text, toks, m, se, n):
            end = toks[m].s
            break
        j += 1
    for m in seen:
        memo[(m, se)] = end
    return end


def _named_subject_before(toks, m: int) -> bool:
    """A capitalised name followed by a lower-case verb-like word in the dozen tokens before
    ``m``, back to the nearest verb of saying ("Machado promised ..."): a subject of its own
    inside the content of another cue."""
    for x in range(m - 1, max(-1, m - 13), -1):
        t = toks[x]
        if t.low in SPEECH_CUES:
            # a named subject of this cue inside the content of another cue before it
            # ("Merrill said Machado promised ... and said"): nested, her words
            if not (x > 1 and toks[x - 1].w[:1].isupper() and toks[x - 1].w.isalpha() and
                    toks[x - 1].low not in PRONOUNS):
                return False
            for y in range(x - 2, max(-1, x - 8), -1):
                if toks[y].w in (".", "!", "?", ";") or toks[y].w in QUOTE_CHARS:
                    return False
                if toks[y].low in SPEECH_CUES:
                    return True
            return False
        if t.w[:1].isupper() and x + 1 < m and toks[x + 1].w[:1].islower() and \
                toks[x + 1].w.isalpha() and (toks[x + 1].low.endswith(("ed", "s")) or
                                             toks[x + 1].low in COMMON_VERBS):
            return True
    return False


def _cuts_forward(text, toks, m, se, n) -> bool:
    """Does a forward content end at token m (see forward_end)?"""
    t = toks[m]
    if not t.inq and t.w == ";":
        return True
    if not t.inq and t.low == "even" and m + 2 < n and toks[m + 1].low in ("as", "though") \
            and m > 0 and is_word(toks[m - 1]) \
            and any(x.s < se and x.low in SPEECH_CUES for x in toks[m + 2:m + 10]):
        # "claimed the cuts would pay for themselves even as the budget office estimated
        # that ...": the contrast is the writer's, with a statement of its own (not an
        # aside set off by dashes: "that Trump -- even as he says ... -- has proposed")
        return True
    if t.low in ("and", "but") and not t.inq and m + 1 < n and not toks[m + 1].inq and \
            (toks[m + 1].low in _AND_CUE_VERBS or t.low == "but" and
             toks[m + 1].low in ("declined", "refused")) and \
            m > 0 and toks[m - 1].w not in (",",) and not _named_subject_before(toks, m):
        # "said she had released her returns and called on them to do the same", "said the
        # group would close six stores but insisted ...", "... but declined to give details":
        # the speaker's next act, not more of what was said (unless a named person acts in
        # the clause before: "said Machado promised to help and said she would", her words)
        return True
    if not t.inq and t.w in (",", ";") and m + 1 < n:
        # ", he said," / ", and they say" / ", according to" / ", per league sources"
        w1 = toks[m + 1]
        look = [tt.low for tt in toks[m + 1:m + 6] if tt.s < se]
        if look and (look[0] in _CUT_AFTER_COMMA and not (
                # ", but that ...": a second clause of the same report ("said he regretted
                # it, but that he had no choice"), not the writer's contrast
                look[0] == "but" and len(look) > 1 and look[1] == "that") or
                     (look[0] == "even" and len(look) > 1 and look[1] in ("as", "though",
                                                                          "if")) or
                     (look[0] in ("and", "but") and any(x in SPEECH_CUES for x in look[1:4]))
                     or (look[0] in PRONOUNS and len(look) > 1 and look[1] in SPEECH_CUES)
                     or (look[0] in SPEECH_CUES and w1.low in ("said", "says"))
                     or (w1.low in ("told", "tells") and len(look) >= 2 and
                         toks[m + 2].w[:1].isupper() and (len(look) == 2 or look[2] == "."))
                     # ("a mother who said she was scared, told reporters the fire ...": the
                     # main clause's verb after the relative clause; not ", told to leave")
                     or (w1.low in ("told", "tells") and len(look) >= 2 and
                         look[1] not in ("to", "by", "that") and w1.w[:1].islower() and
                         _in_relative_clause(toks, m))
                     or (w1.low == "per" and per_source(toks, m + 1))
                     or main_clause_cue(toks, m + 1, se) or closing_cue_clause(toks, m + 1, se)):
            return True
    return False


def _in_relative_clause(toks, m: int) -> bool:
    """The nearest verb of saying before token ``m`` (within the 25 tokens before it) follows
    "who": the content being read is a relative clause's ("a mother who said she was scared,
    told reporters ..."), not a main clause's ("She said he had spoken to people inside, told
    the court a different story and left": his acts, what she said)."""
    for x in range(m - 1, max(m - 26, 0), -1):
        if toks[x].low in SPEECH_CUES:
            return toks[x - 1].low == "who"
    return False


def closing_cue_clause(toks, k, se) -> bool:
    """After a comma: ", council members said." / ", officials said on Monday." -- a short
    subject and a speech cue closing the sentence. The sentence before it is that speaker's
    content, so a content read forward from an earlier cue ("refused to ...") ends here."""
    n = len(toks)
    if k >= n or toks[k].low.endswith("ing") or toks[k].low in LEFT_STOP and \
            toks[k].low not in _SUBJECT_DETERMINERS:
        return False  # ", exposing the United States to ...": a participle, no subject
    for m in range(k, min(n, k + 7)):
        t = toks[m]
        if t.s >= se or t.inq or not is_word(t) and t.w not in (".", "’", "'", "-"):
            return False
        if m > k and t.low in _CLOSING_CUES and t.w[0].islower() and \
                not toks[m - 1].w[0].isdigit():
            if t.low in ("told", "tells") and m + 1 < n and toks[m + 1].s < se and (
                    toks[m + 1].w[0].isupper() or toks[m + 1].low in _HEARERS):
                m += 1  # ", officials told Reuters." / ", aides told reporters."
                while m + 1 < n and toks[m + 1].s < se and toks[m + 1].w[0].isupper():
                    m += 1
            nx = toks[m + 1] if m + 1 < n else None
            return nx is None or nx.s >= se or not is_word(nx) or nx.low in TIME or \
                nx.low in ADVERBIAL_PREP or nx.low in ("late", "early")  # "said late Thursday"
        if t.low in CUES and m > k and toks[m - 1].low in _SUBJECT_DETERMINERS:
            continue  # ", the report said.": a noun after its determiner
        if t.low in ("have", "has", "had") and m > k and m + 1 < n and \
                toks[m + 1].low in _CLOSING_CUES:
            continue  # ", Saudi and US mediators have said."
        if t.low == "and" and m > k and m + 1 < n and toks[m - 1].w[:1].isupper() and \
                toks[m + 1].w[:1].isupper():
            continue  # (names joined: "Saudi and US")
        if t.low in AUX or t.low in PRONOUNS or t.low in CUES or t.low in COMMON_VERBS or \
                t.low in ("that", "and", "but", "or", "which", "if", "when", "because"):
            return False
    return False


# determiners opening a noun phrase: a subject (", the report said"), a medium ("in a statement")
_SUBJECT_DETERMINERS = frozenset("the a an his her its their".split())


def main_clause_cue(toks, k, se) -> bool:
    """After a comma: ", Clinton said she ...", ", Benjamin said he ..." - a new main clause
    with its own speech cue (subject: a name, the/a noun phrase or a pronoun)."""
    n = len(toks)
    if k >= n or toks[k].inq or not (toks[k].w[0].isupper() or toks[k].low in ("the", "a", "an")):
        return False
    for m in range(k + 1, min(n, k + 6)):
        t = toks[m]
        if t.s >= se or t.inq or not is_word(t) and t.w not in (".", "’", "'", "-"):
            return False
        if t.low in _MAIN_CUES:
            nx = toks[m + 1] if m + 1 < n else None
            # a clause follows the cue (not ", Clinton said." closing a fronted content)
            return nx is not None and nx.s < se and is_word(nx)
        if t.w[0].islower() and t.low not in ("of", "the", "a", "an") and not (
                m > k and toks[m - 1].low in ("the", "a", "an")) and t.low not in AUX:
            return False
    return False


_DET_BEFORE_NOUN = frozenset("a an the his her its their our my this that".split())
_VERB_ONLY = frozenset("said says told tells wrote writes thought thinks knew knows felt feels "
                       "saw sees believes argues adds notes insists".split())
_BEFORE_VERB = frozenset("to will would can could may might must should has have had did does "
                         "do not never".split())


def cue_as_noun(toks, m: int) -> bool:
    """A cue word after a determiner, at most two modifiers between: a noun ("in a blog post
    that ...", "in a long Facebook post"), not a verb ("the firm would post", "the senator
    said")."""
    low = toks[m].low
    if low.endswith("ed") or low in _VERB_ONLY:
        return False
    for x in range(m - 1, max(-1, m - 4), -1):
        t = toks[x]
        if t.low in _DET_BEFORE_NOUN:
            return True
        if not is_word(t) or t.low in _BEFORE_VERB:
            return False
    return False


def infinitive_at(toks, k) -> bool:
    """ "to block", not "to reporters" / "to the board" / "to voters": a verb after "to" at
    ``k`` (a base form: a word ending in a plural "-s" is a noun, not "to discuss", "to
    focus")."""
    if k + 1 >= len(toks):
        return False
    low = toks[k + 1].low
    return toks[k + 1].w[:1].islower() and low not in (
        "the", "a", "an", "his", "her", "their", "its", "my", "our", "your") and not (
        len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")))


def _after_medium(toks, k, se) -> Optional[int]:
    """ "in a statement", "in an emailed statement", "in an interview Tuesday" at ``k``,
    followed by the opening of a clause ("it would", "the talks had", "Smith was"): the
    token where that clause starts, else None."""
    n = len(toks)
    m = k + 1
    if m >= n or toks[m].low not in _SUBJECT_DETERMINERS:
        return None
    m += 1
    if m < n and toks[m].low in _MEDIUM_MODIFIERS and m + 1 < n and \
            toks[m + 1].low in _MEDIUM_NOUNS:
        m += 1
    if m >= n or toks[m].s >= se or toks[m].low not in _MEDIUM_NOUNS:
        return None
    m += 1
    if m + 1 < n and toks[m].low == "on" and toks[m + 1].low in TIME:
        m += 2
    elif m < n and toks[m].low in TIME:
        m += 1
    if m + 1 >= n or toks[m].s >= se:
        return None
    t = toks[m]
    if t.low in _CLAUSE_OPENERS or t.w[0].isupper() and t.w[0].isalpha():
        return m
    return None


# time nouns that also modify a noun ("night work", "morning traffic", "day care")
_TIME_NOUNS = frozenset("night morning evening afternoon day week weekend month year".split())
# verbs right after "this time", "last year": the phrase is the clause's subject
_FINITE_AFTER_TIME = frozenset("is was will would has had could can must might may".split())


def skip_adverbials(toks, k, se, base) -> int:
    """Skip time words, "in a statement", "on Twitter" and a hearer object after a cue."""
    n = len(toks)
    start = k
    for _round in range(4):
        if k >= n or toks[k].s >= se:
            return k
        w = toks[k].low
        if w == "," and k + 1 < n and toks[k + 1].low == "formerly":
            # "wrote on X, formerly Twitter, that ...": the platform's old name
            m = k + 2
            while m < n and toks[m].s < se and toks[m].w != "," and m - k < 6:
                m += 1
            if m < n and toks[m].w == "," and m + 1 < n and toks[m + 1].s < se:
                k = m + 1
                continue
            return k
        if w in ("last", "this", "next") and k + 2 < n and toks[k + 2].s < se and \
                toks[k + 2].low in _FINITE_AFTER_TIME:
            return k  # "insist this time is different": the time phrase is the subject
        if w in _TIME_NOUNS and k == start and k + 1 < n and toks[k + 1].w[:1].islower() and \
                is_word(toks[k + 1]) and toks[k + 1].low not in LEFT_STOP and \
                toks[k + 1].low not in TIME:
            return k  # "says night work accounts for ...": a noun's modifier, not a time
        if w in TIME or w in MONTHS or w.isdigit() and k > start and toks[k - 1].low in MONTHS or (
                w.endswith("ly") and toks[k].w[0].islower() and len(w) > 4 and w != "only" and
                not (k + 1 < n and (toks[k + 1].w[:1].isdigit() or toks[k + 1].low in
                                    _NUMBER_WORDS))):
            # (an adverb before a number is the number's: "said nearly 200 people ...")
            k += 1
            continue
        if w in ("last", "this", "next", "earlier", "late", "early") and k + 1 < n:
            k += 2
            continue
        if w in ("on", "in", "during") and k + 1 < n and toks[k + 1].s < se and (
                toks[k + 1].low in TIME or toks[k + 1].low in MONTHS and
                toks[k + 1].w[0].isupper()) and toks[k + 1].low not in ("then", "once",
                                                                         "again", "also"):
            k += 2  # "told reporters on Thursday he ..."
            continue
        if w == "to" and base in TAKES_TO and infinitive_at(toks, k):
            return k  # "agreed to trade X to the Pelicans, per ...": the infinitive's clause
        if w in ADVERBIAL_PREP and base != "according":
            # a short prepositional phrase: up to 6 tokens ending before that/quote/comma
            m = k + 1
            lim = min(n, k + 14)
            while m < lim and toks[m].s < se and toks[m].w not in (",", ":", "“", '"', "‘") \
                    and toks[m].low != "that" and not (toks[m].low in CUES and
                                                       not cue_as_noun(toks, m)):
                m += 1
            if m < n and toks[m].s < se and (toks[m].low == "that" or toks[m].w in
                                             (",", ":", "“", '"', "‘")):
                if w == "to" and base in TAKES_TO and toks[m].w == ",":
                    # "agreed on Thursday to a new package of sanctions, the 16th ...": the
                    # phrase is what was agreed to, not a hearer before the content
                    return k
                k = m
                continue
            m = _after_medium(toks, k, se)
            if m is not None:
                k = m
                continue
            return k
        if base == "tell" and _round == 0 and k == start:
            h = _hearer_end(toks, k, se)
            if h is not None:
                k = h  # "told reporters the plant would close", "told local radio ..."
                continue
        if base in HEARER_VERBS and _round == 0 and k == start:
            # hearer: "told reporters", "told the Televisa network", "told VOA"
            m = k
            lim = min(n, k + 6)
            stops = ("that", "to", "on", "in", "at", "during", "if", "whether", "why", "how",
                     "what", "about", "of", "last", "this", "earlier")
            while m < lim and toks[m].s < se and toks[m].w not in (",", ":", "“", '"', "‘") \
                    and toks[m].low not in stops and toks[m].low not in TIME and \
                    not (m > k and (toks[m].low in PRONOUNS or toks[m].low in CUES)) and \
                    not ((m > k + 1 or m > k and toks[m - 1].w[0].isupper()) and
                         toks[m].low in ("the", "a", "an")):
                m += 1  # ("told its staff the plant would close", "told Reuters the company
                # had ...": the clause opens at "the")
            ok = m < n and (toks[m].s >= se or toks[m].w in (",", ":", "“", '"', "‘", ".") or
                            toks[m].low in stops or toks[m].low in TIME or
                            m > k and m < lim and toks[m].low in PRONOUNS or
                            (m > k + 1 or m > k and toks[m - 1].w[0].isupper()) and m < lim
                            and toks[m].low in ("the", "a", "an"))
            if base != "tell":
                ok = m < n and toks[m].s < se and toks[m].low in ("that", "to", "about", "of",
                                                                  "if", "whether")
            if m > k and ok:
                k = m
                continue
        return k
    return k


# words that open a reported clause right after the hearer of "told"
_CLAUSE_OPENERS = frozenset("the a an this these those his her their its our my he she it they "
                            "we i there no some".split())
_MEDIA_HEADS = frozenset("radio television tv media newspaper network channel broadcaster "
                         "station agency".split())


def _hearer_end(toks, k, se) -> Optional[int]:
    """ "told reporters the ...", "told local radio the ...", "told Reuters he ...": the token
    after the hearer, when a word that opens a clause follows it; else None."""
    n = len(toks)
    m = None
    if toks[k].low in _HEARERS and toks[k].low not in ("him", "her", "them", "us", "me") or \
            toks[k].low in ("him", "them", "us", "me"):
        m = k + 1  # ("her" may open the clause: "told her husband ...")
    else:
        for x in range(k, min(n, k + 3)):
            if toks[x].s >= se or not is_word(toks[x]):
                break
            if toks[x].low in _MEDIA_HEADS and toks[x].w[0].islower():
                m = x + 1
                break
    if m is None or m >= n or toks[m].s >= se:
        return None
    return m if toks[m].low in _CLAUSE_OPENERS and toks[m].w[0].islower() or \
        toks[m].w in ("I",) else None


def coordinated_verb(toks, k, se) -> int:
    """Start of a second verb phrase of the same subject: "called him divisive and accused
    him of ..." -> the end of the first one's content."""
    n = len(toks)
    for m in range(k + 1, n - 1):
        t = toks[m]
        if t.s >= se:
            break
        if t.inq or t.low not in ("and", "but"):
            continue
        nx = toks[m + 1]
        if nx.s >= se or nx.inq:
            break
        nl = nx.low
        after = toks[m + 2] if m + 2 < n and toks[m + 2].s < se else None
        if nl in CUES or nl in COMMON_VERBS or nl in ("then", "later", "also") or (
                nl.endswith("ed") and len(nl) > 4 and nx.w[0].islower() and after is not None
                and (after.low in ("the", "a", "an", "his", "her", "their", "its", "him",
                                   "them", "it", "that", "to", "on", "for", "one", "some", "all",
                                   "several", "both") or
                     after.w[0].isupper())):
            e = t.s
            if m > 0 and toks[m - 1].w == ",":
                e = toks[m - 1].s
            return e
    return se


# verbs of saying in the past that, after a comma, open a main clause
_OBJECT_THEN_CUE = frozenset(w for w in CUES if w.endswith("ed")) | frozenset(
    ("said", "told", "wrote"))


def np_object_end(toks, k, se) -> int:
    """End (char) of the object NP starting at toks[k]: before a time word, a time/venue
    adverbial, a participle/conjunction after a comma or a coordinated verb ("endorsed Cruz
    last week and said ...")."""
    n = len(toks)
    m = k
    while m < n and toks[m].s < se:
        t = toks[m]
        if t.inq or m == k:
            m += 1
            continue
        low = t.low
        if t.w in (";", ":", "—", "–") or low in ("say", "says", "said", "told", "tell",
                                                  "believe", "think", "argue", "insist"):
            return t.s
        if t.w == "," and m + 1 < n:
            nx = toks[m + 1].low
            if nx in _OBJECT_THEN_CUE and toks[m + 1].w[0].islower() and not (
                    m + 2 < n and toks[m + 2].low == "by"):  # (", backed by the mayor,")
                # "Bradley, who is seeking a third term, accused his opponent ...": the
                # relative clause's object ends where the main clause's verb of saying begins
                return t.s
            if nx.endswith("ing") or nx in ("and", "but", "while", "although", "though",
                                            "even", "as", "according", "because", "since",
                                            "then", "so", "when", "after", "before"):
                return t.s
        if low in TIME and low not in ("then", "once", "also", "again", "this", "next",
                                        "day", "days") or \
                low in MONTHS and t.w[0].isupper() and low != "may":
            return t.s
        if low in _NP_END_PREPS:
            for t2 in toks[m + 1:m + 5]:
                l2 = t2.low
                if t2.s >= se:
                    break
                if l2 in TIME or l2 in _VENUE_WORDS or l2 in MONTHS or l2.isdigit():
                    return t.s
        if low in ("and", "but") and m + 1 < n:
            nx = toks[m + 1].low
            if nx in SPEECH_CUES or nx in AUX or nx in COMMON_VERBS or \
                    (nx.endswith("ed") and nx in CUES):
                return t.s
        if m > k + 1 and (low in _OWN_CLAUSE or low in _CLAUSE_OR_PREP and m + 1 < n and (
                toks[m + 1].low in SUBJECT_PRONOUNS or toks[m + 1].low in ("a", "an", "the") and
                any(x.low in CUES for x in toks[m + 2:m + 5]))):
            # "accused him of sexism because he ...", "pointed to the spot after a review
            # found that ...": a clause of its own, not the object ("after two weeks of
            # talks", "before the court" are phrases of the object or the verb)
            return t.s
        m += 1
    return se


# subordinators that are prepositions or adverbs too ("after two weeks", "before the court"):
# a clause only when a subject follows; the others always open one ("because", "although")
_CLAUSE_OR_PREP = frozenset("after before when while since until".split())
_OWN_CLAUSE = SUBORDINATORS - _CLAUSE_OR_PREP - {"unless", "once"}
