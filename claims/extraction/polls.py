"""Poll and study sources: "In a CNN poll released Monday, Clinton led ..." (the poll is the
source, the clause after the comma its content). "CLAUSE in the polls." is left alone: it is
too often the report's own statement."""
from __future__ import annotations

from typing import Optional

from claims.extraction.contents import forward_end
from claims.extraction.cover import holds
from claims.extraction.cues import CUES
from claims.extraction.lexicons import load
from claims.extraction.paragraph import Paragraph
from claims.extraction.quotes import QUOTE_CHARS, quote_kind
from claims.extraction.spans import Attribution
from claims.extraction.tokens import strip_content, strip_span


_POLL_WORDS = load("poll_words")


def may_hold_poll(lows: list[str]) -> bool:
    """Can ``read_poll`` read anything in a paragraph of these lower-case words? Only where
    a research word is among them: it needs one after "in" (most paragraphs have none, and
    their "in"s are skipped without a Python step per word)."""
    return not _POLL_WORDS.isdisjoint(lows)


def read_poll(p: Paragraph, ci: int) -> Optional[Attribution]:
    """ "In a CNN poll released Monday, Clinton led ..." -> source "a CNN poll released
    Monday", content the clause after the comma."""
    text, toks, sent_of, sentences, quotes, found = (p.text, p.toks, p.sent_of, p.sentences,
                                                     p.quotes, p.found)
    n = len(toks)
    si = sent_of[ci]
    ss, se = sentences[si].start, sentences[si].end
    # the NP after "in": up to a comma / sentence end, holding a research word
    m = ci + 1
    has = False
    while m < n and toks[m].s < se and m - ci <= 14:
        w = toks[m]
        if w.inq or w.w in QUOTE_CHARS or w.w in (";", ":", ".", "!", "?"):
            break
        if w.w == ",":
            break
        if w.low in _POLL_WORDS:
            has = True
        if w.low in CUES or w.low == "that":
            return None
        m += 1
    if not has or m == ci + 1:
        return None
    src = strip_span(text, toks[ci + 1].s, toks[m - 1].e)
    if not src:
        return None
    first = toks[ci + 1].low
    if first not in ("a", "an", "the", "this", "that", "these", "those", "its", "their",
                     "his", "her", "our", "recent", "several", "most", "many", "some", "both",
                     "national", "new", "latest", "all", "every") and not toks[ci + 1].w[0].isupper():
        return None
    before = text[ss:toks[ci].s].strip(" “\"‘'")
    if holds(found, toks[ci].s, "poll"):  # inside a content, cue or source already found
        return None
    cue = (toks[ci].s, toks[ci].e)
    if before == "" or before.lower() in ("but", "and", "yet", "still", "meanwhile"):
        if m >= n or toks[m].w != "," or toks[m].s >= se:
            return None
        end = forward_end(text, toks, m + 1, se, [])
        sp = strip_content(text, toks[m].e, end)
    else:
        return None  # "CLAUSE in the polls." is too often the report's own statement
    if not sp or len(text[sp[0]:sp[1]].split()) < 3:
        return None
    return p.make(quote_kind(text, [sp], quotes), [sp], cue, src, si)
