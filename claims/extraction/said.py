"""The "X said" reader: a verb of saying, thinking or wanting with its source and content.

``read_said(cue, ing)`` tries, in order:

  2. ``“QUOTE,” SOURCE CUE`` / ``“QUOTE,” CUE SOURCE`` (+ ``, “MORE QUOTE”``)  -> direct/mixed
  3. ``SOURCE CUE (to X)? (adverbials)? [:,] “QUOTE”``                        -> direct
  3b. ``Said Comey, “QUOTE”``                                                -> direct
  4. fronted: ``CLAUSE, SOURCE CUE (adverbials).`` / ``CLAUSE, CUE SOURCE.``   -> indirect/mixed
  5. forward: ``SOURCE CUE (OBJ)? (adverbials)? (that)? CLAUSE``, and
     ``..., saying/adding CLAUSE`` (source: the subject of the sentence)      -> indirect/mixed

(1 is "according to", in ``according_to.py``.) ``ing`` is True for a participle cue
(", saying ..."), which only reads forward content.
"""
from __future__ import annotations

import bisect
import re
from operator import itemgetter
from typing import Optional

from claims.extraction.anonymous_sources import GROUP_NOUNS
from claims.extraction.contents import (clause_end, content_start_before, coordinated_verb,
                                        cue_as_noun, forward_end, infinitive_at,
                                        np_object_end,
                                        skip_adverbials, starts_sentence)
from claims.extraction.cues import (CLAUSE_OK_NP, CUES, HEARER_VERBS, NEEDS_CLAUSE, NP_OBJECT,
                                    NP_OK, SPEECH_CUES, TAKES_TO)
from claims.extraction.names import PARTY_MEMBERS
from claims.extraction.paragraph import Cue
from claims.extraction.quotes import CLOSE_Q, QUOTE_CHARS, quote_kind
from claims.extraction.sources import (after_coordination, source_left, source_right,
                                       subject_of_sentence, trim_aux, with_subject)
from claims.extraction.spans import Attribution, Span
from claims.extraction.tokens import is_word, strip_content, strip_span, tok_starts
from claims.extraction.words import (ADVERBIAL_PREP, AUX, COMMON_VERBS, LEFT_STOP, MONTHS,
                                     PRONOUNS, SUBJECT_PRONOUNS, SUBORDINATORS, TIME)

__all__ = ["read_said"]


def _quote_start(q) -> int:
    return q[0]

_QUOTE_OR_APOSTROPHE = QUOTE_CHARS | {"'"}
# words before "that" that make it no complement clause ("jump to that conclusion")
_NOT_BEFORE_THAT = ("to", "of", "at", "for", "about", "with", "on", "in", "by", "from", "like",
                    "all", "is", "was", "be", "do", "did", "does", "and", "or", "but", "not")
# first words of a forward content that make it no clause, for verbs that need one
_NO_CLAUSE_START = ("of", "about", "for", "on", "up", "out", "back", "down", "off", "in",
                    "with", "at", "by", "as", "so",
                    "and", "but", "or", "if", "when", "than", "it", "goodbye", "yes", "no",
                    "hello", "hi", "nothing", "something", "anything", "much", "more", "little",
                    "a", "an", "the", "this", "these", "those", "him", "her", "them", "me",
                    "us", "you", "his", "their", "its", "my", "our", "your")
# "said more tests were needed", "said no one was hurt": a quantifier or negative that opens
# the clause's subject (not "said more than ...", "said little", "said no to ..."), told by
# a finite verb a few words on
_QUANTIFIER_SUBJECT = ("more", "much", "little", "no", "nothing")
_FINITE_SOON = frozenset("is was are were will would can could has have had must should may "
                         "might".split())


# verbs that a quantifier subject takes with "to" ("said more needed to be done")
_NEED_TO = frozenset("needed needs remained remains has had".split())


def _finite_soon(toks, k: int) -> bool:
    """A finite verb within the three words after token k (before any punctuation), or a
    verb of need right after it with its "to" ("more needed to be done")."""
    if k + 2 < len(toks) and toks[k + 1].low in _NEED_TO and toks[k + 2].low == "to":
        return True
    for t in toks[k + 1:k + 4]:
        if not is_word(t):
            return False
        if t.low in _FINITE_SOON:
            return True
    return False


_DETERMINER_START = ("the", "a", "an", "this", "these", "those", "his", "their",
                     "its", "my", "our", "your", "it")
# first words of a forward content that make it no object, for object verbs
_NO_OBJECT_START = ("of", "about", "up", "out", "down", "off", "in", "at", "by", "as",
                    "so", "and", "but", "or", "when", "than", "with", "among",
                    "across", "is", "are", "was", "were", "has", "have", "had",
                    "will", "would", "can", "could")


_CLOSER = {"“": "”", '"': '"', "«": "»", "„": "“", "'": "'"}  # ("'" only as "''...''")


def _read_as_put_it(c: Cue) -> Optional[Attribution]:
    """ "..., as the Times put it, an “extreme makeover” that ...": the quotation right after
    the parenthesis is what was said (short quotations count here: they are what such a
    phrase quotes); None for the other readings ("CLAUSE, as X put it": the fronted one,
    which keeps the whole clause, quotations in it included, as the annotators do)."""
    p = c.para
    text, toks, i, j = p.text, p.toks, c.i, c.j
    m = i - 1
    while m >= 0 and toks[m].s >= c.ss and toks[m].low != "as" and i - m < 8:
        m -= 1
    if m < 0 or toks[m].low != "as":
        return None
    src = strip_span(text, toks[m + 1].s, toks[i - 1].e) if m + 1 < i else None
    used = {p.quotes[u][0] for u in p.used_quotes}
    k = j + 1
    while k < len(toks) and toks[k].w == ",":
        k += 1
    if k > j + 1 and k + 1 < len(toks) and toks[k].low in ("a", "an", "the"):
        k += 1  # ", as X put it, an “extreme makeover”"
    q = None
    if k > j + 1 and k < len(toks) and toks[k].s < c.se + 2 and text[toks[k].s] in _CLOSER:
        # the quotation opening there, short ones included (p.quotes leaves them out)
        a = toks[k].s
        mark = "''" if text.startswith("''", a) else _CLOSER[text[a]]
        b = text.find(mark, a + len(mark), min(p.end, a + 300)) if mark != "'" else -1
        q = (a, b + len(mark)) if b > a else None  # (one "'" may be an apostrophe: no)
    if q is None or q[0] in used:
        return None
    for u, real in enumerate(p.quotes):
        if real[0] == q[0]:
            p.used_quotes.add(u)
    return c.make("direct", [(q[0], q[1])], src)


def read_said(c: Cue, ing: bool) -> Optional[Attribution]:
    """Read the attribution around a cue verb (see the module docstring for the steps)."""
    p = c.para
    text, toks = p.text, p.toks
    i, j, ss, se = c.i, c.j, c.ss, c.se
    if toks[j].low == "it" and toks[i].low in ("put", "puts"):
        att = _read_as_put_it(c)
        if att is not None:
            return att
    k = _content_start(c)
    nxt = toks[k] if k < len(toks) and toks[k].s < se + 1 else None
    qk = _quote_after(c, k, nxt)
    src_left = source_left(text, toks, i, ss, p.quotes)
    if src_left and not toks[i].low.endswith("ing") and gap_after(toks, j, se) and \
            "," not in text[src_left[1]:toks[i].s] and \
            reduced_relative(toks, src_left, ss):
        return None
    if src_left and not toks[i].low.endswith("ing"):
        src_left = _head_of_gapped_relative(text, toks, src_left, j, se)
    back = quote_before(text, toks, i, ss, p.start, p.quotes, p.quote_at)
    if back is not None and back[1] < i and all(
            t.low in _COORDINATORS for t in toks[back[1]:i]):
        # "praised the plan as “a step forward,” and said it would pass": the quote is
        # inside the clause before; "and said" goes on with the same subject
        back = None
    if back is not None and not ing:
        return _read_quote_then_cue(c, back)
    if qk is not None and qk not in p.used_quotes and not ing:
        return _read_cue_then_quote(c, qk, src_left)
    if qk is None and not ing and nxt is not None and nxt.w[0].isupper() and \
            c.base in SPEECH_CUES and (i == 0 or toks[i - 1].s < ss or toks[i - 1].w == ","):
        att = _read_cue_name_quote(c)
        if att is not None:
            return att
    rest_empty = nxt is None or nxt.s >= se or nxt.w in (".", "!", "?") or (
        nxt.w == "," and (is_tail(toks, k + 1, se) or _subordinate_tail(toks, k + 1, se) or
                          src_left is not None and
                          text[ss:src_left[0]].rstrip().endswith(",") and
                          (_verbless_tail(toks, k + 1, se) or
                           _participle_tail(toks, k + 1, se) and
                           not _opens_with_adverbial(text, toks, ss)))) or (
        nxt.low in ADVERBIAL_PREP and nxt.low != "to" and not _quantity_at(toks, k) and
        short_tail(text, toks, k, se)) or (
        # "“...,” Mr. Dejesus said as he secured the clamp."
        nxt.low == "as" and src_left is not None and text[ss:src_left[0]].rstrip().endswith(
            (",”", ',"', ",’", "”", '"')) and _as_clause(toks, k, se))
    if not rest_empty and not ing and c.base in ("tell", "email") and nxt is not None and \
            src_left is not None and text[ss:src_left[0]].rstrip().endswith(",") and \
            _plain_hearer_then_tail(text, toks, k, se):
        rest_empty = True  # "CLAUSE, the company told subscribers in an email on Monday."
    elif not rest_empty and not ing and nxt is not None and nxt.low == "to" and \
            c.base in SPEECH_CUES and c.base not in TAKES_TO and k == j + 1 and \
            src_left is not None and toks[i].w[:1].islower() and \
            text[ss:src_left[0]].rstrip().endswith(",") and \
            _PLAIN_SUBJECT.fullmatch(text, src_left[0], src_left[1]) and \
            _to_hearer_then_tail(text, toks, k, se):
        rest_empty = True  # "CLAUSE, the company confirmed to The Verge on Thursday."
    elif not rest_empty and not ing and c.base in ("tell", "email") and nxt is not None and (
            nxt.w[0].isupper() or nxt.low in ("reporters", "journalists", "me", "us", "him",
                                              "her", "them")):
        # "CLAUSE, officials told Reuters.": the hearer and the sentence end, no content
        # (or a short tail: "..., Bo, 45, told Reuters by phone from London.")
        m = k + 1
        while m < len(toks) and toks[m].s < se and toks[m].w[0].isupper():
            m += 1
        rest_empty = m >= len(toks) or toks[m].s >= se or toks[m].w in (".", "!", "?") or (
            src_left is not None and text[ss:src_left[0]].rstrip().endswith(",") and
            _plain_hearer_then_tail(text, toks, m, se))
    # ("A witness, who lives nearby, told the Gazette she ...": "told" is never inverted, the
    # words after it are its hearer, not its speaker)
    # (nor a verb whose object is its content: ", slammed the Girl Scouts for ...")
    inverted = not ing and c.base != "tell" and c.base not in NP_OBJECT and \
        is_inverted(toks, i, j, ss) and inverted_tail_ok(text, toks, j, se) and \
        not (c.base in _OBJECT_THEN_TO and _object_then_to(text, toks, j, se))
    if rest_empty or inverted:
        if ing:
            return None
        return _read_fronted(c, src_left, inverted)
    return _read_forward(c, k, nxt, ing, src_left)


# verbs of saying whose object is a clause, never a noun phrase alone
_CLAUSE_VERBS = frozenset("say claim argue insist add note warn believe think predict contend "
                          "assert".split())


def _conditional_then_clause(toks, k: int, se: int) -> bool:
    """ "said if cases rise, schools will close": a conditional, its comma, then a main
    clause (a subject and a finite verb within a few words) -- the reported clause."""
    n = len(toks)
    m = k + 1
    while m < n and toks[m].s < se and m - k < 20:
        t = toks[m]
        if t.inq or t.w in QUOTE_CHARS or t.w in (";", ":"):
            return False
        if t.w == ",":
            break
        m += 1
    else:
        return False
    if m >= n or toks[m].w != "," or m - k < 3:
        return False
    for t in toks[m + 2:m + 6]:
        if t.s >= se or not is_word(t):
            return False
        if t.low in AUX or t.low in _MODALS or t.low in _FINITE_SOON:
            return True
    return False


def _as_clause(toks, k: int, se: int) -> bool:
    """ "“...,” Mr. Dejesus said as he secured the clamp": "as" opens a clause of the
    writer's (a subject, then a verb), not "said as much", "said as a joke"."""
    if k + 2 >= len(toks) or toks[k + 1].s >= se:
        return False
    if toks[k + 1].low in SUBJECT_PRONOUNS:
        return True
    if toks[k + 1].low not in _SUBJECTS:
        return False
    for t in toks[k + 2:k + 5]:
        if t.s >= se or not is_word(t):
            return False
        if t.low in AUX or t.low in COMMON_VERBS or t.low.endswith("ed"):
            return True
    return False


def _quantity_at(toks, k: int) -> bool:
    """ "at least 200", "at most ten", "as many as 200", "more than 16,000": a quantity opening
    the clause, no prepositional tail."""
    if toks[k].low == "at":
        return k + 1 < len(toks) and toks[k + 1].low in ("least", "most")
    if toks[k].low in ("more", "fewer", "less") and k + 2 < len(toks) and \
            toks[k + 1].low == "than":
        # "said more than 16,000 people had been evacuated" (not "said more than once")
        nxt = toks[k + 2]
        return nxt.w[:1].isdigit() or nxt.w[:1] in "$€£" or nxt.low in _NUMBER_WORDS or \
            nxt.low in ("a", "half", "one", "two", "three", "four", "five", "ten", "100")
    return toks[k].low == "as" and k + 2 < len(toks) and toks[k + 1].low in (
        "many", "much", "few", "little") and toks[k + 2].low == "as"


_MODALS = frozenset("would could will can should might may must".split())
# what opens the subject of a clause after a subordinator ("after he left", "after a review")
_SUBJECTS = SUBJECT_PRONOUNS | frozenset("a an the his her their its".split())


def _content_start(c: Cue) -> int:
    """Token index after the cue's adverbials and hearer, moved to an explicit "that"."""
    toks, j, se = c.para.toks, c.j, c.se
    n = len(toks)
    k = skip_adverbials(toks, j + 1, se, c.base)
    that_i = None
    for m in range(j + 1, min(n, j + 12)):
        if toks[m].s >= se:
            break
        if toks[m].w in (",", ";", "“", '"', "‘", ":") and m > k:
            break
        if toks[m].low == "to" and m >= k and c.base in TAKES_TO:
            break  # "vowed to block any deal that forces them": the "that" is the deal's
        if toks[m].low == "that" and not toks[m].inq:
            that_i = m
            break
        if toks[m].low in CUES and m > j + 1 and not cue_as_noun(toks, m):
            break
        if toks[m].low in SUBORDINATORS and m > k and c.base not in _CLAUSE_VERBS and \
                c.base not in HEARER_VERBS and m + 1 < n and toks[m + 1].low != "that" and (
                    toks[m + 1].low in _SUBJECTS or toks[m + 1].w[0].isupper()):
            # "pointed to the spot after a VAR review found that ...": the "that" is in
            # another clause, with its own subject and verb
            break
        if toks[m].low in _FINITE_SOON and m > k:
            # "said Moore would veto the bill that ...": the clause began before this verb,
            # so a later "that" is inside it (a relative pronoun or a nested clause)
            break
    if that_i is not None and that_i > k and (
            toks[k].low in PRONOUNS or toks[that_i - 1].low in _NOT_BEFORE_THAT):
        that_i = None  # "said she was not going to jump to that conclusion": no "that" clause
    if that_i is not None and that_i > k and that_i + 1 < n and (
            c.base in _CLAUSE_VERBS or toks[that_i + 1].low in _MODALS) and (
            toks[that_i + 1].low in _FINITE_SOON or toks[that_i + 1].low in COMMON_VERBS):
        # (and after any verb, "proposing changes that would ...": the changes are proposed)
        # "said the areas of the network that were hacked suggested ...": a relative
        # pronoun, the subject of its own verb; the reported clause starts at its noun
        # (after a verb of saying that takes a clause, not "proposing changes that would")
        that_i = None
    if that_i is not None and that_i >= k - 6:
        k = that_i
    return k


def _quote_after(c: Cue, k: int, nxt) -> Optional[int]:
    """The quotation right after the cue (": “", ", “", "“"), or None."""
    p = c.para
    toks, se = p.toks, c.se
    n = len(toks)
    qk = None
    m = k
    if nxt is not None and nxt.w in (",", ":", ";", "—", "-") and k + 1 < n:
        m = k + 1
    if m < n and toks[m].s <= se + 2 and toks[m].w in _QUOTE_OR_APOSTROPHE:
        qk = p.quote_at(toks[m].s)
        if qk is not None and m == k and p.quotes[qk][2] and p.quotes[qk][1] < se - 1:
            qk = None  # 'said "I stood up" for ...': the quote is part of a longer content
    return qk


_COORDINATORS = frozenset("and but or then".split())


def _read_quote_then_cue(c: Cue, back: tuple[int, int]) -> Optional[Attribution]:
    """2. “QUOTE,” SOURCE CUE / “QUOTE,” CUE SOURCE, with a lead-in before the quote
    (mixed) and a ", “more”" continuation right after the cue clause."""
    p = c.para
    text, toks, quotes, used_quotes = p.text, p.toks, p.quotes, p.used_quotes
    i, j, ss, se = c.i, c.j, c.ss, c.se
    qidx, src_tokens_start = back
    q = quotes[qidx]
    if src_tokens_start < i - 1 and toks[src_tokens_start].low == "as":
        src_tokens_start += 1  # "“...,” as she put it"
    if src_tokens_start < i:  # "“...,” he said"
        src = strip_span(text, toks[src_tokens_start].s, toks[i - 1].e)
        src = trim_aux(text, src)
    else:  # "“...,” said Heather Nauert"
        src = source_right(text, toks, j, se)
    if qidx in used_quotes:
        return None
    used_quotes.add(qidx)
    spans = [(q[0], q[1])]
    kind = "direct"
    if q[0] > ss:
        cs0 = content_start_before(text, toks, i, ss, p.start, p.found)
        lead = text[cs0:q[0]]
        if re.search(r"\w", lead) and not re.search(r"[.!?]\s*$", lead.strip()) and \
                not lead.rstrip().endswith(":"):
            sp0 = strip_span(text, cs0, q[1], " \t,;:—–-")
            if sp0:
                spans = [sp0]
                kind = "mixed"
                # (quotes are in text order, not overlapping)
                k3 = bisect.bisect_left(quotes, sp0[0], key=_quote_start)
                while k3 < len(quotes) and quotes[k3][0] < sp0[1]:
                    used_quotes.add(k3)
                    k3 += 1
    # continuation: ", “more”" in the same sentence, or in the same paragraph right after
    cue_end = c.span[1]
    end_cl = clause_end(toks, j, se)
    for k2 in range(bisect.bisect_left(quotes, cue_end, key=_quote_start), len(quotes)):
        q2 = quotes[k2]
        if k2 in used_quotes or q2[0] < cue_end:
            continue
        if q2[0] <= end_cl + 3 and q2[0] < se + 2 and not (
                q2[0] > se and q2[2] and text[q2[1] - 2:q2[1] - 1] == ","):
            # (a next sentence's “...,” ends with a comma: its own cue follows, "he said")
            spans.append((q2[0], q2[1]))
            used_quotes.add(k2)
        break
    return c.make(kind, spans, src)


def _read_cue_then_quote(c: Cue, qk: int, src_left: Optional[Span]) -> Optional[Attribution]:
    """3. SOURCE CUE: “QUOTE” ("He added, “...”"); text after the quote in the same
    sentence leaves it a direct quote."""
    p = c.para
    text, toks = p.text, p.toks
    q = p.quotes[qk]
    p.used_quotes.add(qk)
    if src_left:
        src = src_left
    elif after_coordination(toks, c.i, c.ss) or c.base in HEARER_VERBS:
        src = subject_of_sentence(text, toks, c.i, c.ss, p.found)
    else:
        src = source_right(text, toks, c.j, c.se)
    return c.make("direct", [(q[0], q[1])], src)


def _read_cue_name_quote(c: Cue) -> Optional[Attribution]:
    """3b. "Said Comey, “...”" / "But, said Solovey, “...”": cue, name, quote."""
    p = c.para
    text, toks = p.text, p.toks
    n = len(toks)
    srcr = source_right(text, toks, c.j, c.se)
    if srcr:
        m2 = bisect.bisect_left(tok_starts(toks), srcr[1])
        if m2 + 1 < n and toks[m2].w == "," and toks[m2 + 1].w in QUOTE_CHARS:
            qk2 = p.quote_at(toks[m2 + 1].s)
            if qk2 is not None and qk2 not in p.used_quotes and \
                    len(text[srcr[0]:srcr[1]].split()) <= 6:
                p.used_quotes.add(qk2)
                q = p.quotes[qk2]
                return c.make("direct", [(q[0], q[1])], srcr)
    return None


# the word before a fronted source that makes the source a preposition's object
_PREP_BEFORE_SOURCE = frozenset("on of about to for with at in by from into over against "
                                "regarding concerning while when because although though "
                                "since until unless whereas if and but or that which".split())


def _read_fronted(c: Cue, src_left: Optional[Span], inverted: bool) -> Optional[Attribution]:
    """4. CLAUSE, SOURCE CUE (adverbials). / CLAUSE, CUE SOURCE."""
    p = c.para
    text, toks = p.text, p.toks
    i, j, ss, se = c.i, c.j, c.ss, c.se
    cue_start = toks[i].s
    # find comma before the source
    src = src_left
    if src is None or starts_sentence(text, ss, src[0]):
        src_r = source_right(text, toks, j, se)
        if src is None and src_r is None:
            return None
        if src is None or (toks[i - 1].w == "," if i > 0 else False) and c.base != "tell":
            src = src_r  # (after "told" comes the hearer, never the speaker)
    if inverted:
        src = source_right(text, toks, j, se) or src
    lim = src[0] if src and src[0] < cue_start else cue_start
    before = text[ss:lim].rstrip()
    words = before.rsplit(None, 2)
    if len(words) == 3 and words[2].lower() in ("and", "or") and words[0].endswith(",") and (
            words[1].lower() in ("he", "she", "they", "we", "i") or words[1][:1].isupper()):
        # "CLAUSE, he and Mr. Allen said": both speak; the clause ends at the comma
        lim = ss + len(words[0]) + (len(before) - len(" ".join(words)))
        src = (before.rfind(words[1], 0) + ss, src[1]) if src else src
        before = text[ss:lim].rstrip(" ,")
    appos = _APPOSITION_BEFORE_NAME.search(before) if src is not None and \
        src[1] <= cue_start and "," in text[src[1]:cue_start] else None
    if appos is not None and not any(w.lower() in AUX or w.lower() in COMMON_VERBS
                                     for w in appos.group(1).split()):
        # "CLAUSE, the senator, Tom Ash, said": the description before a name set off by
        # commas is the source's, not the end of what was said (not "Turnout was 41 percent,
        # the highest since 2005, Janice Wu said": the name stands alone before its cue)
        lim = ss + appos.start()
        before = text[ss:lim].rstrip()
    if before[before.rfind(" ") + 1:].lower() in _PREP_BEFORE_SOURCE:
        # "did not respond to a request for comment on the union's claim.", "analysts listened
        # while Rubin opined on the world": the source is a preposition's object or a
        # subordinate clause's subject, so what comes before is no clause it said
        return None
    if before.endswith((", as", ",as")) or before.lower() == "as":
        lim = text.rfind(",", ss, lim) if "," in before else ss  # "CLAUSE, as X put it"
    cs = content_start_before(text, toks, i, ss, p.start, p.found)
    if cs >= lim and src is not None:
        # "CLAUSE, the source, who said ..., told Reuters.": the statement read inside the
        # source's relative clause comes after the content, which starts where it would
        # before the source
        cs = content_start_before(text, toks, bisect.bisect_left(tok_starts(toks), src[0]),
                                  ss, p.start, p.found)
    sp = strip_content(text, cs, lim)
    if not sp:
        return None
    if sp[1] - sp[0] < 8:
        return None
    clock = _CLOCK_OPENING.match(text, sp[0], sp[1])
    if clock is not None:
        sp = (clock.end(), sp[1])  # "23:58 Turnout was 61 per cent, ...": a live blog's time
    if (src is None or src[1] <= cue_start and "," in text[src[1]:cue_start]) and \
            _noun_phrase_only(toks, sp):
        # (or no source at all: "The Minister of Labour, Ann Obi, disclosed this while
        # speaking ...": the words before the cue are its subject, not what was said)
        # "The Green candidate in Northfield, Amy Lister, has conceded.": the words before
        # the name are her description, no clause she said
        return None
    return c.make(quote_kind(text, [sp], p.quotes), [sp], src)


# ", the senator," / ", his rival," right before the name that speaks
_APPOSITION_BEFORE_NAME = re.compile(r",\s+((?:the|a|an|his|her|their|its|our)\s+[^,;:“”\"]{1,40}),$",
                                     re.IGNORECASE)
_CLOCK_OPENING = re.compile(r"\d{1,2}[:.]\d{2}[ \t]+(?=[A-Z“\"‘'])")


def _noun_phrase_only(toks, sp: Span) -> bool:
    """The words of ``sp`` open with a determiner ("the", "a", "his", ...) and hold no
    verb-like word."""
    a = bisect.bisect_left(tok_starts(toks), sp[0])
    words = [t for t in toks[a:] if t.s < sp[1] and is_word(t)]
    while words and words[0].w.isdigit():
        words.pop(0)  # a live blog's clock: "23:41 The Green candidate ..."
    if not words or words[0].low not in ("the", "a", "an", "his", "her", "their", "its",
                                         "our", "my") or len(words) > 10:
        return False
    return not any(t.low in AUX or t.low in COMMON_VERBS or t.inq or t.low in _PAST_FORMS or
                   t.low.endswith("ed") and t.w[:1].islower() and k and
                   words[k - 1].low not in ("the", "a", "an")
                   for k, t in enumerate(words))


# past tenses no list of common verbs holds ("The ministers fled to the compound, the source,
# who ..., told Reuters": a clause, not the source's description)
_PAST_FORMS = frozenset("""
fled went came left took made gave got ran won lost fell rose held met sent spent built bought
sold kept found began became brought drew wrote spoke broke chose flew grew knew saw stood struck
threw wore led fought caught taught paid laid sat slept fought hid
""".split())


def _forward_start_ok(c: Cue, k: int, nxt) -> bool:
    """Can a forward content start at token k? Not after a subordinate opening, not "kept
    a lead", a to-infinitive only for want-like verbs, a clause or object where needed."""
    p = c.para
    text, toks, base, ss = p.text, p.toks, c.base, c.ss
    n = len(toks)
    if nxt.w == "," and not (k + 1 < n and toks[k + 1].w in QUOTE_CHARS) and \
            _SUBORD.match(text, ss) and text.find(",", ss, toks[c.i].s) < 0:
        return False  # "By the time the primaries concluded, CLAUSE": not what was said
    if base == "maintain" and nxt.low in ("a", "an", "the", "his", "her", "their", "its", "our",
                                          "my", "your", "faith", "control", "contact"):
        return False  # "maintained a large lead": kept, not asserted
    first = toks[c.j + 1] if c.j + 1 < n else nxt  # (adverbials skip a bare number)
    if base in _COUNT_SENSE and (first.w[0].isdigit() or first.w[0] in "$€£" or
                                 first.low in _NUMBER_WORDS):
        return False  # "will add 12 routes", "posted a $3 million loss": a count, not a clause
    if base == "call" and nxt.low == "it" and k + 1 < n and (
            toks[k + 1].low == "quits" or k + 2 < n and toks[k + 2].low == "day"):
        return False  # "called it quits", "called it a day": ended, not said
    np_ok = base in NP_OK
    # a to-infinitive only for want/plan-like verbs
    if nxt.low == "to" and (base not in TAKES_TO or not infinitive_at(toks, k)):
        return False  # (nor "agreed to a new package ...": no clause, no infinitive)
    if nxt.low == "to" and base in _TO_COMMITTED and _negated(toks, c.i, ss):
        return False  # "would not agree to support X": X is what the subject did not commit to
    if not np_ok and nxt.low in _NO_CLAUSE_START and \
            not (nxt.low in ("if", "when") and _conditional_then_clause(toks, k, c.se)) and \
            not (nxt.low in _QUANTIFIER_SUBJECT and (_finite_soon(toks, k) or
                                                    _finite_soon(toks, k + 1))) and \
            not (nxt.low in _DETERMINER_START and base in CLAUSE_OK_NP) and \
            not (nxt.low == "her" and base in CLAUSE_OK_NP and base not in HEARER_VERBS and
                 k + 1 < n and toks[k + 1].w[0].islower() and toks[k + 1].low not in LEFT_STOP) \
            and not (nxt.low == "about" and k + 1 < n and (toks[k + 1].w[0].isdigit() or
                     toks[k + 1].low in ("half", "a", "one", "two", "three", "a", "as"))) \
            and not _quantity_at(toks, k) and not (
                nxt.low == "up" and k + 2 < n and toks[k + 1].low == "to" and (
                    toks[k + 2].w[:1].isdigit() or toks[k + 2].w[:1] in "$€£" or
                    toks[k + 2].low in _NUMBER_WORDS)):
        return False  # ("said at least 200 people ...", "said up to 200 ...": a quantity)
    if np_ok and nxt.low in _NO_OBJECT_START or \
            base in ("support", "oppose", "see", "view") and nxt.low in ("for", "from", "to"):
        return False
    if base in NEEDS_CLAUSE and toks[k].low != "that" and nxt.low not in ("to",) and \
            base not in CLAUSE_OK_NP and not np_ok:
        return False
    return True


# auxiliaries that open the rest of a clause a cue was inserted in ("..., he said, is
# recovering.")
_FINITE_OPENERS = frozenset("is are was were will would could can should may might must has "
                            "have had".split())

# verbs whose object is a count in another sense than saying ("added 95,000 jobs")
_COUNT_SENSE = frozenset("add post record".split())
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten dozens hundreds "
                          "thousands millions billions".split())
# commitments a negation turns into a refusal ("would not agree to support X"): X is not a
# statement of the subject's. ("refused to X" / "declined to X" stay: PolNeAR annotates them
# as attributions, and a reviewer reads the verb with its content.)
_TO_COMMITTED = frozenset("agree promise pledge vow decide intend plan".split())
_NEGATIONS = frozenset("not never n't n’t no".split())


# words opening a phrase that may close a main clause after a comma
_AFTER_MAIN_CLAUSE = frozenset("despite including according amid with as after before".split())


def _before_main_clause(toks, k: int, cend: int) -> int:
    """The start of the last comma between token ``k`` and ``cend`` that a clause with a
    verb of its own follows (the main clause after a subordinate one), else ``cend``."""
    m = bisect.bisect_left(tok_starts(toks), cend) - 1
    verb = False
    nwords = 0
    while m > k:
        t = toks[m]
        if t.inq or t.w in QUOTE_CHARS:
            return cend  # (a quotation: its commas are the speaker's)
        if t.w == "," and not (toks[m - 1].e == t.s and toks[m + 1].s == t.e):
            # (not a comma inside a number, "4,393")
            first = toks[m + 1]
            subject = first.low in PRONOUNS or first.low in _NOUN_DETERMINERS or \
                first.w[:1].isupper()
            if (verb or subject) and nwords >= 3:
                return t.s
            if first.low not in _AFTER_MAIN_CLAUSE:
                return cend
            # (", despite the complaints of critics": a phrase closing the main clause; the
            # comma before that clause is further left)
        if is_word(t):
            nwords += 1
            verb = verb or t.low in AUX or t.low in _FINITE_OPENERS or \
                t.low in COMMON_VERBS or t.low.endswith("ed") and t.w[0].islower()
        m -= 1
    return cend


def _negated(toks, i: int, ss: int) -> bool:
    """A negation among the auxiliaries and adverbs right before the cue at ``i``."""
    m = i - 1
    while m >= 0 and toks[m].s >= ss and i - m <= 4 and is_word(toks[m]):
        low = toks[m].low
        if low in _NEGATIONS or low.endswith(("n't", "n’t")):
            return True
        if not (low in ("would", "will", "did", "does", "do", "could", "can", "has", "have",
                        "had", "was", "is", "should", "might", "may", "yet", "still", "ever")
                or low.endswith("ly")):
            return False
        m -= 1
    return False


def _read_forward(c: Cue, k: int, nxt, ing: bool,
                  src_left: Optional[Span]) -> Optional[Attribution]:
    """5. SOURCE CUE (that) CLAUSE, and ", saying CLAUSE" (source: the sentence's subject)."""
    p = c.para
    text, toks, base = p.text, p.toks, c.base
    i, ss, se = c.i, c.ss, c.se
    if nxt is None or base == "continue":
        return None
    if not _forward_start_ok(c, k, nxt):
        return None
    if nxt.low == "to" and base in TAKES_TO and (
            ing and _opens_sentence(toks, i, ss) or _gapped_relative(toks, i, k, se)):
        return None
    cend = forward_end(text, toks, k, se, p.found)
    if toks[k].low == "that" and k + 1 < len(toks) and toks[k + 1].w == ",":
        # "said that, while she is pleased, problems remain": the clause set off by commas
        # belongs to the content, which runs on from the comma that closes it
        m2 = k + 2
        while m2 < len(toks) and toks[m2].s < se and toks[m2].w != ",":
            m2 += 1
        if m2 + 1 < len(toks) and toks[m2 + 1].s < se:
            cend = forward_end(text, toks, m2 + 1, se, p.found)
    if _SUBORD.match(text, ss) and text.find(",", ss, toks[i].s) < 0:
        # "When the county announced that it would close the library, residents ...": the
        # cue is in a subordinate clause; its content ends where the main clause starts
        cend = _before_main_clause(toks, k, cend)
    if base in NP_OBJECT and toks[k].low != "that" and nxt.low != "to":
        cend = min(cend, np_object_end(toks, k, se))
    elif base in ("call", "describe") or (base in NP_OBJECT and nxt.low == "to"):
        cend = min(cend, coordinated_verb(toks, k, se))
    elif base in TAKES_TO and nxt.low == "to":
        # "declined to comment but said ...": a second verb of saying has content of its own
        # (not "pledged to cap and then reduce")
        e = coordinated_verb(toks, k, se)
        m = re.match(r"[\s,]*(?:and|but)\s+(\w+)", text[e:se])
        if m and m.group(1).lower() in SPEECH_CUES:
            cend = min(cend, e)
        if ing:
            cend = _participle_phrase_end(toks, i, k, cend)
    sp = strip_content(text, nxt.s, cend)
    if not sp:
        return None
    nwords = 0  # words of the content, counted up to 3 (all the tests below need)
    m = bisect.bisect_left(tok_starts(toks), sp[0])
    while m < len(toks) and toks[m].s < sp[1] and nwords < 3:
        nwords += is_word(toks[m])
        m += 1
    # "The new policy, Jane Roe said, would fail.": the cue inserted in a clause; its rest,
    # opening with the verb, may be two words (the subject before is added to the content)
    inserted = 2 <= nwords < 3 and nxt.w == "," and src_left is not None and \
        toks[bisect.bisect_left(tok_starts(toks), sp[0])].low in _FINITE_OPENERS and \
        text[ss:src_left[0]].rstrip().endswith(",") and \
        not text[src_left[1]:toks[i].s].strip() and \
        text[src_left[0]:src_left[1]].lower() not in ("who", "which", "that")
    if nwords < (1 if base in NP_OBJECT and cend < se else
                 2 if base in ("call", "describe") and cend < se or
                 nxt.low == "to" and base in TAKES_TO or inserted else 3):
        return None
    if nwords < 3 and not (nxt.low == "to" and base in TAKES_TO) and not inserted and (
            nxt.low in LEFT_STOP or nxt.low in ("the", "a", "an", "himself",
                                                "herself", "themselves") or
            not nxt.w[0].isalpha()):
        return None
    src = src_left
    if ing:
        src = with_subject(text, toks, i, ss) or _group_before_participle(text, toks, i, ss) \
            or subject_of_sentence(text, toks, i, ss, p.found)
    elif src is not None and _object_before_comma(text, toks, src, i, ss):
        # "Trump joked about Jewish stereotypes, declined to affirm ...": a verb in a series,
        # whose subject is the sentence's, not the object before the comma (when nothing
        # but that series follows the subject: "the only time Clinton came up was when
        # Kelly speculated about X, referred to Y" has two subjects to choose from)
        subj = subject_of_sentence(text, toks, i, ss, p.found)
        between = toks[bisect.bisect_left(tok_starts(toks), subj[1]):i] if subj else ()
        if subj is not None and not any(t.low in _CLAUSE_WORDS for t in between):
            src = subj
    elif src is None:
        src = subject_of_sentence(text, toks, i, ss, p.found)
    # a quote running beyond the sentence (unclosed) extends the content
    return c.make(quote_kind(text, [sp], p.quotes), [sp], src)


# ------------------------------------------------------------------------- helpers


_MAIN_SAID = frozenset("said say says told tell tells argued argue argues warned warn warns "
                       "insisted insist insists".split())
_CLAUSE_WORDS = frozenset("when that who which whose because if while after before as was is "
                          "were are said says told".split())
_OBJECT_PREPS = frozenset("about of on in at for with to from by into over against".split())


def _participle_phrase_end(toks, i: int, k: int, cend: int) -> int:
    """Where the infinitive after a participle cue ends: before the verb of saying of the noun
    the participle follows ("Residents hoping to block the tower said the plan was bad"), or
    at the comma closing a phrase set off by commas, before the subject's own verb ("Clinton,
    hoping to win over voters, spoke in Ohio")."""
    set_off = i > 0 and toks[i - 1].w == ","
    for m in range(k + 2, len(toks)):
        t = toks[m]
        if t.s >= cend:
            break
        if t.low in _MAIN_SAID and not t.inq and toks[m - 1].low not in (
                "who", "that", "which", "they", "he", "she", "we", "i", "you"):
            return t.s
        if set_off and t.w == "," and not t.inq and m + 1 < len(toks) and \
                toks[m + 1].w[:1].islower() and (toks[m + 1].low in COMMON_VERBS or
                                                 toks[m + 1].low in CUES or
                                                 toks[m + 1].low.endswith("ed")):
            return t.s
    return cend


def _object_before_comma(text, toks, src: Span, i: int, ss: int) -> bool:
    """ "NAME VERBed about X, VERBed to ...": the noun phrase before the comma is the object of
    a preposition or of a verb in the series (a lower-case word ending "-ed" right before it),
    and the cue, in lower case, opens the next item of the series."""
    if i < 1 or toks[i - 1].w != "," or not toks[i].w[:1].islower() or \
            text[src[1]:toks[i - 1].s].strip():
        return False
    b = bisect.bisect_left(tok_starts(toks), src[0]) - 1
    if b < 0 or toks[b].s < ss:
        return False
    before = toks[b].low
    return before in _OBJECT_PREPS or (len(before) > 4 and before.endswith("ed") and
                                       toks[b].w[:1].islower())


def _group_before_participle(text, toks, i: int, ss: int) -> Optional[Span]:
    """ "the report cheered Democrats hoping to retain the White House": a participle right
    after a plural group (no comma between) says what that group hopes, not the sentence's
    subject."""
    m = i - 1
    if m < 1 or toks[m].s < ss or toks[m - 1].s < ss or not is_word(toks[m]):
        return None
    t = toks[m]
    if not (CUES.get(toks[i].low) in TAKES_TO and i + 1 < len(toks) and toks[i + 1].low == "to"):
        return None  # ("a pitch to voters saying ...": whose saying, the sentence does not say)
    if not (t.low in GROUP_NOUNS and t.low.endswith("s") or
            t.w[:1].isupper() and t.w[:-1] in PARTY_MEMBERS):  # "Democrats", "Republicans"
        return None
    return (t.s, t.e)  # (the noun alone: the words before it may be the clause's verb)


def _opens_sentence(toks, i: int, ss: int) -> bool:
    """ "Not wanting to backtrack, I drove off": a participle opening the sentence (after
    "not" or "never") modifies the main clause's subject; what it wanted is nobody's
    statement."""
    m = i - 1
    if m >= 0 and toks[m].s >= ss and toks[m].low in ("not", "never"):
        m -= 1
    return m < 0 or toks[m].s < ss or toks[m].w in QUOTE_CHARS


_RELATIVE = frozenset(("that", "which"))
# words that follow an infinitive's verb when its object is missing ("to pass by Friday")
_GAP_NEXT = frozenset("by on at in before after during within until next this last".split())


def _gapped_relative(toks, i: int, k: int, se: int) -> bool:
    """ "the executive order that President Obama plans to sign on Friday": the cue in a
    relative clause whose infinitive's object is the noun before "that"; the infinitive alone
    ("to sign on Friday") says nothing. Told by a short subject between the relative word and
    the cue, a lower-case noun before the relative word that is no verb of saying, and no
    object after the infinitive's verb (a preposition, time word or punctuation)."""
    n = len(toks)
    if k + 2 >= n or toks[k + 2].s >= se:
        return False
    after = toks[k + 2]
    if not (after.low in ADVERBIAL_PREP or after.low in TIME or after.low in _GAP_NEXT or
            not is_word(after)):
        return False
    for r in range(i - 1, max(i - 6, 0), -1):
        t = toks[r]
        if t.low in _RELATIVE:
            before = toks[r - 1]
            subject = toks[r + 1:i]
            noun_before = before.w == "," and t.low == "which" or (
                is_word(before) and before.w[:1].islower() and (
                    before.low not in CUES or cue_as_noun(toks, r - 1)) and
                before.low not in AUX and before.low not in LEFT_STOP)
            # the subject: a name, a pronoun, or a short noun phrase after its determiner
            det = subject and subject[0].low in ("the", "a", "an", "his", "her", "its", "their")
            return bool(subject) and noun_before and len(subject) <= 4 and all(
                is_word(x) and x.low not in AUX and (
                    x.w[:1].isupper() or det or
                    x.low in ("he", "she", "they", "we", "it", "i", "you"))
                for x in subject)
        if not is_word(t):
            return False
    return False

_SUBORD = re.compile(r"[“\"‘']?(?:when|whenever|after|before|once|until|since|if|because|"
                     r"while|although|though|by the time|as soon as|now that)\b",
                     re.IGNORECASE)


_quote_end = itemgetter(1)


def quote_before(text, toks, i, ss, ps, quotes, quote_at):
    """For "“...,” he said": the index of the quote just before the source/cue, and the token
    index where the source starts (== i when the cue comes first)."""
    # what it looks for is a real quotation ending between the sentence's start and the cue:
    # without one, the walk below finds nothing (most calls: no quotation in the paragraph).
    # The quotations are in text order and do not overlap: the last one ending by the cue
    # is found by a bisect (a scan of them all would be quadratic in a long paragraph)
    k = bisect.bisect_right(quotes, toks[i].s, key=_quote_end)
    if k == 0 or quotes[k - 1][1] <= max(ss, ps):
        return None
    return _walk_to_quote(text, toks, i, ss, ps, quotes, quote_at)


def _walk_to_quote(text, toks, i, ss, ps, quotes, quote_at):
    # walk left from i over at most 12 tokens of source to reach ',”' / '”' / ',"'
    m = i - 1
    steps = 0
    while m >= 0 and steps < 30:
        t = toks[m]
        if t.s < ps or t.s < ss:
            break
        if t.w in CLOSE_Q or t.w == "'":
            k = quote_at(t.s)
            if k is None:
                return None
            q = quotes[k]
            if q[1] != t.e:
                return None
            # require punctuation right before the close mark or right after it
            inner = text[q[0]:q[1]].rstrip("”’»\"'").rstrip()
            before = inner[-1] if inner else ""
            after_tok = toks[m + 1].w if m + 1 < len(toks) else ""
            if before in ",!?.…-—" or after_tok in (",", "—", "-"):
                return k, (m + 1 if after_tok not in (",", "—", "-") else m + 2)
            return None
        if t.w in (",",) and steps > 0:
            # "“…,” Simon Sandoval-Moshenberg, of the group, told" - allow commas inside source
            pass
        if t.w in (".", "!", "?", ";", ":"):
            return None
        if t.inq:
            return None
        m -= 1
        steps += 1
    return None


def is_tail(toks, k, se) -> bool:
    """After ", ": nothing, or an adverbial/participle tail ("adding ...", "in a statement")."""
    if k >= len(toks) or toks[k].s >= se:
        return True
    w = toks[k].low
    return w in ADVERBIAL_PREP or w in TIME or w in ("adding", "noting", "according",
                                                       "citing", "referring", "who", "which")


_FIGURE_TAIL_OPENERS = frozenset("down up compared against from than roughly about nearly "
                                 "almost more less".split())
_VERB_WORDS = frozenset("is are was were be been being am has have had do does did will would "
                        "shall should can could may might must".split())


def _verbless_tail(toks, k, se) -> bool:
    """After "CLAUSE, X said, ": a phrase with no verb and no quotation to the sentence's end
    ("down from 66 per cent at the last election", "up 4% on the year"), so the content is
    the clause before. Only a comparison or a figure opens such a phrase here: a verb of
    the tail may be one no list knows ("campaign aims to ...")."""
    if k >= len(toks) or toks[k].s >= se or not (
            toks[k].low in _FIGURE_TAIL_OPENERS or toks[k].w[:1].isdigit()):
        return False
    n = 0
    while k < len(toks) and toks[k].s < se:
        t = toks[k]
        if t.inq or t.w in QUOTE_CHARS or t.low in _VERB_WORDS or t.low in COMMON_VERBS or \
                t.low in CUES or t.low.endswith(("ed", "ing")) or t.w in (";", ":"):
            return False
        n += 1
        k += 1
    return n > 0


def short_tail(text, toks, k, se) -> bool:
    """ "in a call." / "during a hearing Wednesday of the House Foreign Affairs Committee." """
    m = k
    while m < len(toks) and toks[m].s < se:
        t = toks[m]
        if t.low == "that" or t.w in QUOTE_CHARS or m - k > 14:
            return False
        if t.low in SPEECH_CUES and not any(toks[x].low in _NOUN_DETERMINERS
                                            for x in range(max(k, m - 2), m)):
            return False  # (but "in his post", "in a blog post": a noun, where it was said)
        m += 1
    return True


_NOUN_DETERMINERS = frozenset("a an the his her their its our my your this that".split())


# verbs whose object is the one asked, then a to-infinitive ("urged both parties to talk")
_OBJECT_THEN_TO = frozenset("urge ask encourage implore press invite advise order beg".split())


def _object_then_to(text, toks, j, se) -> bool:
    """ ", urged both parties to continue dialogue": the words after the cue are its object
    and what they are asked to do, not an inverted speaker."""
    src = source_right(text, toks, j, se)
    return bool(src) and re.match(r"\s*to\s+[a-z]", text[src[1]:se]) is not None


def is_inverted(toks, i, j, ss) -> bool:
    """ ", said Heather Nauert" : cue right after a comma and followed by a name."""
    if not (i > 0 and toks[i - 1].w == "," and toks[i - 1].s >= ss and j + 1 < len(toks)):
        return False
    if name_appositive_subject(toks, i, ss):
        return False  # "Chris Collins, a Trump supporter, said Trump strategists plan ..."
    if _relative_clause_closes_at(toks, i - 1, ss):
        return False  # "The company, which employs 300 people, said profits rose"
    nx = toks[j + 1]
    if nx.w[0].isupper() or nx.low in ("the", "a", "an", "he", "she", "they", "one", "two",
                                      "three", "several", "many", "some", "most", "both"):
        return True
    # lower-case title: ", said health department spokeswoman Ann Cole."
    return nx.w[0].isalpha() and nx.low not in LEFT_STOP and nx.low not in TIME and \
        nx.low not in CUES and not nx.low.endswith("ly")


def _relative_clause_closes_at(toks, c: int, ss: int) -> bool:
    """The comma at ``c`` closes a relative clause or a participle phrase opened by the comma
    before it ("The firm, which employs 300 people, said ...", "Christie, hoping to surge,
    called ..."): the cue after it has its subject before the clause, so it is no inverted
    ", said NAME"."""
    m = c - 1
    while m >= 0 and toks[m].s >= ss and toks[m].w != ",":
        if toks[m].inq or toks[m].w in QUOTE_CHARS or toks[m].w in (";", ":"):
            return False
        m -= 1
    if not (m > 0 and toks[m].s >= ss and toks[m].w == "," and m + 1 < c and
            (toks[m + 1].low in ("which", "who", "whose") or
             toks[m + 1].low.endswith("ing") and toks[m + 1].w[:1].islower()) and
            toks[m - 1].w[:1].isalpha()):
        return False
    # what the clause follows is the sentence's subject: a short noun phrase opening it
    # (not "Potholes form when ..., creating a crevice, said Joe Carbone": a clause)
    first = bisect.bisect_left(tok_starts(toks), ss)
    return m - first <= 5 and all(is_word(t) and t.low not in AUX and t.low not in CUES and
                                  t.low not in COMMON_VERBS for t in toks[first:m])


def name_appositive_subject(toks, i, ss) -> bool:
    """The sentence opens with "NAME, APPOSITIVE," right before the cue: the name is the
    subject ("Congressman Chris Collins, a Trump supporter, said ...")."""
    k = i - 1
    p = k
    while p > 0 and toks[p - 1].s >= ss:
        p -= 1
    seg = toks[p:k]
    commas = [x for x, t in enumerate(seg) if t.w == ","]
    if not commas or len(commas) > 3 or any(t.inq or t.w in QUOTE_CHARS for t in seg):
        return False
    name = seg[:commas[0]]

    def is_name(ts):
        return bool(ts) and len(ts) <= 6 and all(t.w[0].isupper() or t.w in (".", "-", "’", "'")
                                                 for t in ts) and \
            ts[0].low not in PRONOUNS and ts[0].low not in LEFT_STOP and \
            ts[0].low not in TIME and ts[0].low not in MONTHS

    def role_then_name(ts):
        # "veteran actor Dennis Lowe": lower-case role words, then a name of two words or more
        caps = 0
        while caps < len(ts) and ts[len(ts) - 1 - caps].w[0].isupper():
            caps += 1
        roles = ts[:len(ts) - caps]
        # (the first role word may open the sentence: "Music industry lawyer Rachel Ostrow")
        return 2 <= caps <= 4 and 1 <= len(roles) <= 4 and is_name(ts[len(ts) - caps:]) and \
            all((t.w[0].islower() or t is ts[0]) and t.w[0].isalpha() and
                t.low not in LEFT_STOP and t.low not in CUES and t.low not in COMMON_VERBS and
                t.low not in AUX for t in roles)

    if len(commas) == 1 and name and name[0].low in ("one", "a", "an", "the", "another",
                                                      "that", "this") and \
            len(name) <= 6 and (is_name(seg[commas[0] + 1:]) or
                                role_then_name(seg[commas[0] + 1:])) and not any(
                t.low in CUES or t.low in COMMON_VERBS or t.low in LEFT_STOP and
                t.low not in ("of", "for", "at") for t in name[1:]):
        return True  # "One Republican hopeful, Carly Fiorina, says ..."
    if len(commas) == 1 and 2 <= len(name) <= 6 and is_name(seg[commas[0] + 1:]) and (
            name[0].low in ("his", "her", "their", "its", "our", "my") or any(
                t.low.endswith(("'s", "’s")) or t.w in ("'s", "’s") for t in name)) and \
            name[-1].w[0].islower() and not any(
                t.low in CUES or t.low in COMMON_VERBS for t in name):
        return True  # "Ash's daughter, Mia, said ...", "His lawyer, Ann Cole, says ..."
    rest = seg[commas[0] + 1:]
    if rest and rest[0].low in ("who", "whose") and len(commas) == 1 and role_then_name(name):
        return True  # "Music industry lawyer Rachel Ostrow, who is not involved, said ..."
    if not is_name(name):
        return False
    if not rest or any(t.low in CUES or t.low in ("is", "was", "are", "were", "has", "had",
                                                    "have", "will", "would")
                       for t in rest if t.w[0].islower()):
        return False
    first = rest[0]
    return first.low in ("a", "an", "the") or first.w[0].isdigit() or first.w[0].islower() or \
        first.low.endswith(("'s", "’s"))


def inverted_tail_ok(text, toks, j, se) -> bool:
    """After ", said NAME": the name runs to the sentence end or to a tail."""
    src = source_right(text, toks, j, se)
    if not src:
        return False
    if re.search(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might|"
                 r"must|does|did|won't|wouldn't|isn't|wasn't)\b", text[src[0]:src[1]], re.I):
        return False  # "Jane Roe, a spokeswoman, said the rule would change": a clause
    if _name_then_verb(toks, src):
        return False  # "The delegates, who met in Vienna, said Saudi Arabia favoured ..."
    rest = text[src[1]:se].strip()
    if not rest or rest in (".", "!", "?"):
        return True
    if "," in text[src[0]:src[1]] and re.match(r"(?:at|in|of|for|with|on)\s", rest):
        # "said Howard Rubel, a senior analyst at Jefferies(, who notes ...)."
        m = re.match(r"[^,;:.“\"]*(?:\.(?=\w)[^,;:.“\"]*)*", rest)
        after = rest[m.end():].strip()
        if not after or after in (".", "!", "?") or re.match(
                r",\s*(?:who|which|whose|adding|noting|according|in|on|at|during)\b", after):
            return True
    if _then_new_clause(toks, src[1], se):
        return True  # "..., say oceanographers (on Thursday), but the tide ...": a new clause
    if re.match(r",\s*(?:who|whose)\s", rest) and not re.search(r"[“\"]", rest):
        return True  # "..., said Ines Varga, whose son was hurt.": a clause about the speaker
    if re.search(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should)\b", rest) \
            and not rest.startswith(","):
        return False  # "X, of Y, said Clinton’s response to Trump was undercut": a clause
    k = j + 1
    while k < len(toks) and toks[k].s < src[1]:
        k += 1
    if k < len(toks) and toks[k].w == ",":
        return is_tail(toks, k + 1, se)
    return k < len(toks) and (toks[k].low in ADVERBIAL_PREP or toks[k].low in TIME)


# past forms of saying and knowing that are not regular "-ed" forms
_IRREGULAR_PAST = frozenset("said told wrote thought knew saw felt sought found says tells".split())
_BEFORE_PARTICIPLE = frozenset("the a an his her their its our my this that these those newly "
                               "recently".split())


def _name_then_verb(toks, src) -> bool:
    """The words after ", said" hold a finite verb before any comma ("Saudi Arabia favoured
    an increase", "the list appeared genuine", "Smith went home"): they are the reported
    clause, not an inverted speaker. A role noun after a name ("State Department
    spokeswoman") is not a verb, nor is a participle after a determiner ("the newly
    appointed envoy")."""
    k = bisect.bisect_left(tok_starts(toks), src[0])
    first = k
    while k < len(toks) and toks[k].s < src[1]:
        t = toks[k]
        if t.w in (".", "-", "&", "’s", "'s"):
            k += 1  # "Dr. Lena Marsh", "Procter & Gamble"
            continue
        if not t.w[:1].isalpha():
            return False  # the speaker's apposition ", a Vermont Democrat who ..." may hold one
        if k > first and t.w[0].islower() and (
                t.low in COMMON_VERBS or t.low in _IRREGULAR_PAST or
                len(t.low) > 4 and t.low.endswith("ed")):
            prev = toks[k - 1]
            if prev.low not in _BEFORE_PARTICIPLE and not prev.low.endswith("ly"):
                return True
        k += 1
    return False


_JOINS_CLAUSE = frozenset("but although though while whereas yet".split())
# ", the agency said on Sunday, as rivers burst their banks ...": a clause of the writer's
# own follows the cue, whatever its length
_SUBORDINATORS = _JOINS_CLAUSE | frozenset("as after amid before".split())


def _plain_hearer_then_tail(text, toks, k, se) -> bool:
    """ "CLAUSE, the company told subscribers in an email on Monday.": a hearer of one or two
    lower-case words ("subscribers", "its staff"), then only a short adverbial tail."""
    m = k
    while m < len(toks) and toks[m].s < se and m - k < 2 and toks[m].w[:1].islower() and \
            toks[m].low not in ADVERBIAL_PREP and toks[m].low != "that":
        m += 1  # (the hearer may already be skipped: k is then at the tail)
    if m >= len(toks) or toks[m].s >= se or toks[m].w in (".", "!", "?"):
        return m > k
    if toks[m].low not in ADVERBIAL_PREP or toks[m].low == "to":
        return False
    # a short tail, where a cue word after a determiner is a noun ("in an email")
    for x in range(m, len(toks)):
        t = toks[x]
        if t.s >= se:
            break
        if t.low == "that" or t.w in QUOTE_CHARS or x - m > 10 or t.low in SPEECH_CUES and \
                toks[x - 1].low not in ("a", "an", "the", "its", "his", "her", "their"):
            return False
    return True


# a subject that can follow its clause: a pronoun, a name, or a description with no name in
# it (not "..., a point Feinstein also acknowledged to Bloomberg": a relative clause)
_PLAIN_SUBJECT = re.compile(
    r"(?:he|she|they|it|we|I|(?:[A-Z][\w.’'-]*\s+){0,4}[A-Z][\w.’'-]*|"
    r"(?:the|a|an|its|his|her|their)(?:\s+[a-z][\w’'-]*){1,4})\s*")


def _to_hearer_then_tail(text, toks, k, se) -> bool:
    """ "CLAUSE, the company confirmed to The Verge on Thursday.", "..., she explained to
    reporters.": "to", its hearer (a name, or one or two lower-case words), then the sentence
    end or a short adverbial tail; not "said to settle the case"."""
    m = k + 1
    if m >= len(toks) or toks[m].s >= se:
        return False
    if not toks[m].w[0].isupper():
        return _plain_hearer_then_tail(text, toks, m, se)
    while m < len(toks) and toks[m].s < se and toks[m].w[0].isupper():
        m += 1
    if m < len(toks) and toks[m].s < se and toks[m].w in (".", "!", "?"):
        # the sentence's end, not an abbreviation's point ("wrote to Mrs. Clinton about")
        return m + 1 >= len(toks) or toks[m + 1].s >= se
    return m >= len(toks) or toks[m].s >= se or _plain_hearer_then_tail(text, toks, m, se)


def _participle_tail(toks, k, se) -> bool:
    """After "CLAUSE, the union says, ": a participle phrase ("setting the stage for a vote",
    "raising fears of ...") tells what the clause before brings about; the content is that
    clause, not the phrase. A verb of saying ("saying", "warning") has content of its own."""
    if k >= len(toks) or toks[k].s >= se:
        return False
    w = toks[k]
    return len(w.low) > 5 and w.low.endswith("ing") and w.w[0].islower() and \
        w.low not in CUES and w.low not in ("during", "including", "regarding", "concerning",
                                            "following", "according")


_ADVERBIAL_OPENERS = frozenset("as while though although before after when whenever if since "
                               "because once until despite unlike like".split())


def _opens_with_adverbial(text, toks, ss) -> bool:
    """The sentence opens with a subordinate clause or a prepositional phrase ("Before
    dropping out, Cruz said, promoting ...", "In the days after the attacks, ..."): what comes
    before the source is no clause of its own."""
    k = bisect.bisect_left(tok_starts(toks), ss)
    while k < len(toks) and toks[k].w in QUOTE_CHARS:
        k += 1
    return k < len(toks) and (toks[k].low in _ADVERBIAL_OPENERS or
                              toks[k].low in ADVERBIAL_PREP)


def _subordinate_tail(toks, k, se) -> bool:
    """After "said(, on Sunday)," a subordinate clause ("as ...", "after ...") with no "that"
    or quotation of its own: the content is not after the cue."""
    if k >= len(toks) or toks[k].s >= se or toks[k].low not in _SUBORDINATORS:
        return False
    m = k + 1
    while m < len(toks) and toks[m].s < se:
        if toks[m].low == "that" or toks[m].w in QUOTE_CHARS:
            return False
        m += 1
    return True


def _then_new_clause(toks, pos: int, se: int) -> bool:
    """After the inverted source ending at ``pos``: at most a short time phrase ("on
    Thursday", "last week"), then ", but|although|while ..." -- the attribution is over and
    a clause of the writer's own follows."""
    k = bisect.bisect_left(tok_starts(toks), pos)
    m = k
    while m < len(toks) and toks[m].s < se and m - k < 4 and (
            toks[m].low in TIME or toks[m].low in MONTHS or toks[m].w.isdigit() or
            toks[m].low in ("on", "in", "at", "last", "this", "early", "late")):
        m += 1
    if m > k and not any(toks[x].low in TIME or toks[x].low in MONTHS for x in range(k, m)):
        return False  # a preposition without a time word: "in Ohio" may run on
    return m + 1 < len(toks) and toks[m].w == "," and toks[m + 1].s < se and \
        toks[m + 1].low in _JOINS_CLAUSE


def gap_after(toks, j, se) -> bool:
    """The cue has no object or clause of its own: "pledged to build on", "announced on
    Monday", "said." (the object is the noun the relative clause modifies)."""
    k = j + 1
    if k >= len(toks) or toks[k].s >= se:
        return True
    w = toks[k]
    return w.low == "to" or w.low in ADVERBIAL_PREP or w.w in (",", ".", ";", ")")


_GAP_VERBS = frozenset("would will could can may might should must was were is are had has "
                       "have".split())


def _head_of_gapped_relative(text, toks, src, j, se):
    """ "a decision parents said would crowd classrooms": the cue's clause lacks its subject
    (it is the noun before, "decision"), so the source is only the plural noun next to the
    cue, not "decision parents". Other sources are returned as they are."""
    k = j + 1
    if k >= len(toks) or toks[k].s >= se or toks[k].low not in _GAP_VERBS:
        return src
    words = text[src[0]:src[1]].split()
    if words and words[0].lower() in ("a", "an", "the"):
        words = words[1:]
    if len(words) != 2 or not all(w.isalpha() and w.islower() for w in words):
        return src
    first, last = words
    if first.endswith("s") or not (last.endswith("s") or last == "people"):
        return src
    return (src[1] - len(last), src[1])


def reduced_relative(toks, src, ss) -> bool:
    """ "... over the wall the US leader has pledged to build ...": the source NP follows a
    noun inside the clause, so the cue sits in a relative clause about that noun (not a
    statement of its own). "In a statement the company said" (an opening phrase) is not."""
    p = bisect.bisect_left(tok_starts(toks), src[0])
    if p >= len(toks) or toks[p].low not in ("the", "a", "an") or p == 0:
        return False
    q = p - 1
    if toks[q].s < ss or not is_word(toks[q]) or toks[q].low in LEFT_STOP or \
            toks[q].low in ("all", "both", "half") or toks[q].low in TIME or \
            toks[q].low.endswith(("'s", "’s")) or toks[q].w[0].isupper():
        return False
    while q >= 0 and toks[q].s >= ss and is_word(toks[q]) and toks[q].low not in LEFT_STOP:
        q -= 1
    if q < 0 or toks[q].s < ss:
        return False  # the sentence opens with the noun: "The wall the leader pledged ..."
    if toks[q].low in LEFT_STOP and toks[q].low in ADVERBIAL_PREP | {"in", "on", "at"}:
        r = q - 1
        if r < 0 or toks[r].s < ss or toks[r].w in (",", "—", "–", ";"):
            return False  # "In a statement the company said"
    return True
