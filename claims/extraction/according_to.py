"""The "according to" reader: "According to X, CLAUSE" and "CLAUSE, according to X"."""
from __future__ import annotations

import re
from typing import Optional

from claims.extraction.names import NOT_NAME_FIRST, TITLES
from claims.extraction.paragraph import Cue
from claims.extraction.quotes import QUOTE_CHARS, quote_kind
from claims.extraction.spans import Attribution
from claims.extraction.tokens import strip_content, strip_span
from claims.extraction.words import AUX, COMMON_VERBS, ROLE_NOUNS


def _name_dot(toks, m: int, k: int) -> bool:
    """The full stop at ``m`` belongs to an abbreviation inside the source's name ("the U.S.
    Forest Service", "Sen. Tom Ash"): written against a capitalised abbreviation and followed
    by a capitalised word."""
    if toks[m].w != "." or m <= k or m + 1 >= len(toks):
        return False
    prev, nxt = toks[m - 1], toks[m + 1]
    if prev.e == toks[m].s and "." in prev.w and nxt.w[:1].islower():
        return True  # "two U.S. officials who ...": no sentence goes on in lower case
    return prev.e == toks[m].s and nxt.w[:1].isupper() and nxt.w not in NOT_NAME_FIRST and (
        "." in prev.w or prev.w in _ABBREVIATIONS or len(prev.w) == 1 and prev.w.isupper())


def _digit_group(toks, m: int) -> bool:
    """The comma at ``m`` groups the digits of a number ("a study of 9,000-year-old teeth")."""
    return toks[m].w == "," and 0 < m < len(toks) - 1 and toks[m - 1].e == toks[m].s and \
        toks[m + 1].s == toks[m].e and toks[m - 1].w.isdigit() and toks[m + 1].w[:3].isdigit()


_ABBREVIATIONS = frozenset("Mr Mrs Ms Dr Sen Rep Gov Gen Lt Col Capt Sgt Adm Prof Rev St Jr Sr "
                           "Mt Ft Inc Co Corp Ltd".split())


_APPOSITIVE_OPENERS = frozenset("a an the his her its their".split())
# a name of two to four capitalised words, and nothing after it but the sentence's end
_APPOSITIVE_NAME = re.compile(r"(?:[A-Z][\w.’'-]*[ \u00a0]+){1,3}[A-Z][\w’'-]*[.!?]?")
_VERBISH = re.compile(r"[a-z]{3,}ed$")
# participles of how a document reached the writer ("seen by Reuters", "obtained by TMZ")
_READ_BY = frozenset("obtained seen reviewed viewed".split())  # the writer's, not the author's
_HANDLED_PARTICIPLES = frozenset("obtained seen reviewed viewed released filed published "
                                 "leaked shared provided".split())


def _past_how_obtained(toks, a: int, se: int, cs: int) -> int:
    """ "according to the documents, obtained by TMZ, he says ...", "according to a memo, seen
    by Reuters, the plan ...": how the writer came by the source, then the content (which
    starts after it), else ``cs``."""
    if a >= len(toks) or toks[a].s >= se or not (
            toks[a].low in _HANDLED_PARTICIPLES or _VERBISH.fullmatch(toks[a].low) and
            a + 1 < len(toks) and toks[a + 1].low == "by"):
        return cs
    return _after_closing_comma(toks, a, se, cs, 10)


def _after_closing_comma(toks, a: int, se: int, cs: int, span: int, accept=None,
                         clause_word=None) -> int:
    """Where the content starts after a phrase opening at token ``a`` and closed by a comma
    within ``span`` tokens (and ``accept(b)`` of that comma, when given); ``cs`` when the
    sentence, a quotation or a stronger mark comes first, or ``clause_word(b)`` says the
    words are a clause, not a phrase."""
    for b in range(a + 1, min(len(toks), a + span)):
        t = toks[b]
        if t.s >= se or t.inq or t.w in QUOTE_CHARS or t.w in (";", ":", "."):
            return cs
        if t.w == ",":
            ok = accept is None or accept(b)
            return t.e if ok and b + 1 < len(toks) and toks[b + 1].s < se else cs
        if clause_word is not None and clause_word(b):
            return cs
    return cs


def _past_appositive(toks, a: int, se: int, cs: int) -> int:
    """ "According to Ray Powell, director of the SeaLight project, Chinese ships ...": the
    content starts after the source's apposition (a role: "a/the ..." or a title word, with
    no verb before the next comma), else at ``cs``."""
    if a >= len(toks) or toks[a].s >= se:
        return cs
    first = toks[a].low
    if not (first in _APPOSITIVE_OPENERS and a + 1 < len(toks) and toks[a + 1].w[:1].islower()
            or first in TITLES or first in ROLE_NOUNS):
        return cs

    def role(b: int) -> bool:
        return any(x.low in TITLES or x.low in ROLE_NOUNS for x in toks[a:b])

    def clause_word(b: int) -> bool:  # a clause: "According to Ray Powell, ships have ..."
        t = toks[b]
        return t.low in AUX or t.low in COMMON_VERBS or t.low in ("that", "who", "which") or (
            t.w[:1].islower() and _VERBISH.fullmatch(t.low) is not None and
            t.low not in ROLE_NOUNS and t.low not in TITLES and
            toks[b - 1].low not in _APPOSITIVE_OPENERS)

    return _after_closing_comma(toks, a, se, cs, 14, role, clause_word)


def read_according(c: Cue) -> Optional[Attribution]:
    """ "according to SOURCE, CLAUSE" / "CLAUSE, according to SOURCE(, CLAUSE-rest)"."""
    p = c.para
    text, toks, quotes = p.text, p.toks, p.quotes
    i, j, si, ss, se = c.i, c.j, c.si, c.ss, c.se
    used_quotes, quote_at = p.used_quotes, p.quote_at
    n = len(toks)
    cue_span = (toks[i].s, toks[j].e)
    # source: NP after "according to" up to comma or sentence end
    k = j + 1
    m = k
    while m < n and toks[m].s < se and (toks[m].w not in (",", ";", ".", ":") or _name_dot(
            toks, m, k) or _digit_group(toks, m)) and toks[m].w not in QUOTE_CHARS:
        m += 1
    if m == k:
        return None
    src_end = m
    for b in range(k + 1, m - 1):
        if toks[b].low in _READ_BY and toks[b + 1].low == "by":
            src_end = b  # "according to a memo seen by Reuters": the memo, not its reader
            # (but "a complaint filed by the SEC", "excerpts released by the White House":
            # the agent is the author)
            break
    src = strip_span(text, toks[k].s, toks[src_end - 1].e)
    before = text[ss:toks[i].s].strip()
    opens = before.strip(" “\"‘'") == "" or (
        # "X filed suit, and according to the docs, he says ...": a new clause opens
        before.endswith((", and", ", but", "; and", "; but", ";")) and m < n and
        toks[m].w == "," and _past_how_obtained(toks, m + 1, se, -1) >= 0)
    if opens:
        # "According to X, CLAUSE"
        cs = toks[m].e if m < n and toks[m].s < se else se
        if m < n and toks[m].w == ",":
            cs = _past_how_obtained(toks, m + 1, se, cs)
            if toks[k].w[:1].isupper() and cs == toks[m].e:
                cs = _past_appositive(toks, m + 1, se, cs)
        sp = strip_content(text, cs, se)
    else:
        # "CLAUSE, according to X" (maybe ", according to X, CLAUSE-rest")
        pre = strip_content(text, ss, toks[i].s)
        post = None
        if m < n and toks[m].w == "," and toks[m].s < se and m + 1 < n and \
                toks[m + 1].low not in ("who", "which", "whose", "where", "when", "a", "an",
                                        "the") and not toks[m + 1].low.endswith("ing"):
            post = strip_content(text, toks[m].e, se)
            if post and _APPOSITIVE_NAME.fullmatch(text, post[0], post[1]):
                # "..., according to the family's lawyer, Benjamin Crane.": his name, in
                # apposition to the source, not more of the content
                src = strip_span(text, toks[k].s, post[1])
                post = None
        if pre is None:
            return None
        spans = [pre] + ([post] if post else [])
        kind = quote_kind(text, spans, quotes)
        return p.make(kind, spans, cue_span, src, si)
    if not sp:
        return None
    qk = quote_at(sp[0])
    if qk is not None:
        used_quotes.add(qk)
    kind = quote_kind(text, [sp], quotes)
    return p.make(kind, [sp], cue_span, src, si)
