"""Quotation marks: pairing them into quotes, telling quotations from scare quotes.

* ``find_quotes(text, start, end)`` pairs the marks of one paragraph: curly, straight, single
  and doubled ``''``; a quote opened and never closed runs to the end of its paragraph (and
  may continue in the next paragraph that opens with a quote mark, the newspaper convention
  for long quotes). Apostrophes are not quote marks.
* ``is_scare(text, quote)``: a short quote without inner punctuation is a scare quote or a
  title (“safe third country”), not a quotation.
* ``mark_quoted(tokens, quotes)`` flags the tokens inside quotes (cue words there are not
  read as cues).
* ``quote_kind(text, spans, quotes)``: "direct" when a content is one whole quote, "mixed"
  when it holds one, else "indirect".
* ``attach_quoted_sentences(para, prev_direct)``: whole quoted sentences with no cue of their
  own, after an attribution, are further pieces of its content.
"""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Optional

from claims.extraction.spans import Attribution

if TYPE_CHECKING:  # pragma: no cover
    from claims.extraction.paragraph import Paragraph

__all__ = ["CLOSE_Q", "QUOTE_CHARS", "find_quotes", "is_scare", "mark_quoted", "quote_kind",
           "attach_quoted_sentences"]

CLOSE_Q = "”’»\"'"


QUOTE_CHARS = frozenset("“”‘’«»\"")


_QCHARS = re.compile(r"[“”«»\"‘’']")


def find_quotes(text: str, ps: int, pe: int) -> list[list]:
    """Quote spans [start, end, closed] (marks included) of the paragraph text[ps:pe]."""
    quotes: list[list] = []
    pos = [m.start() for m in _QCHARS.finditer(text, ps, pe)]
    np_ = len(pos)
    x = 0
    while x < np_:
        i = pos[x]
        c = text[i]
        if c == "“" or c == "«":
            close = "”" if c == "“" else "»"
            y = x + 1
            while y < np_ and text[pos[y]] not in (close, '"', "“"):
                y += 1
            if y < np_ and text[pos[y]] != "“":
                quotes.append([i, pos[y] + 1, True])
                x = y + 1
                continue
            if y < np_:  # re-opened before closing: a broken quote
                quotes.append([i, pos[y], False])
                x = y
                continue
            quotes.append([i, pe, False])
            break
        if c == '"':
            y = x + 1
            while y < np_ and text[pos[y]] not in ('"', "”"):
                y += 1
            if y >= np_:
                quotes.append([i, pe, False])
                break
            quotes.append([i, pos[y] + 1, True])
            x = y + 1
            continue
        if c == "'" and i + 1 < pe and text[i + 1] == "'":
            y = x + 2
            while y + 1 < np_ and not (text[pos[y]] == "'" and pos[y + 1] == pos[y] + 1):
                y += 1
            if y + 1 >= np_:
                quotes.append([i, pe, False])
                break
            quotes.append([i, pos[y] + 2, True])
            x = y + 2
            continue
        if c == "‘" or (c == "'" and (i == ps or not text[i - 1].isalnum())
                        and i + 1 < pe and text[i + 1].isalpha()):
            # single quote: closes at ’/' not followed by a letter (apostrophes are)
            y = x + 1
            found = -1
            while y < np_:
                j = pos[y]
                ch = text[j]
                if ch in "’'" and (j + 1 >= pe or not text[j + 1].isalpha()):
                    found = j
                    break
                if ch in "“\"":
                    break
                y += 1
            if found == -1:
                if c == "‘":
                    quotes.append([i, pe, False])
                    break
                x += 1
                continue
            quotes.append([i, found + 1, True])
            x = y + 1
            continue
        x += 1
    return quotes


def is_scare(text: str, q) -> bool:
    """A short quoted term without inner punctuation: “safe third country”."""
    s, e, closed = q
    inner = text[s + 1:e - 1 if closed else e].strip()
    words = inner.split()
    if not closed:
        return False
    if len(words) <= 4 and not re.search(r"[.!?,;:…]['’\"”]*$", inner):
        return True
    if len(words) <= 4 and inner.endswith(",") and all(w[0].isupper() for w in words) and \
            text[max(0, s - 3):s].strip()[-1:].isalnum():
        return True  # a title: on ABC’s “This Week,” Carson said (not “Safety,” said Grimm)
    return False


def quote_kind(text, spans, quotes) -> str:
    s, e = spans[0][0], spans[-1][1]
    for q in quotes:
        if q[0] >= s and q[1] <= e + 1:
            inner = text[q[0]:q[1]]
            if q[0] == s and (q[1] >= e - 1):
                return "direct"
            if len(inner.split()) >= 1:
                return "mixed"
    return "indirect"


def mark_quoted(toks, quotes) -> None:
    """Set ``inq`` on the tokens inside the quotes (not on the quote marks themselves)."""
    if not quotes:
        return
    starts = [t.s for t in toks]
    for q in quotes:
        lo = bisect.bisect_right(starts, q[0])
        hi = bisect.bisect_left(starts, q[1] - (1 if q[2] else 0))
        for t in toks[lo:hi]:
            if t.w not in QUOTE_CHARS:
                t.inq = True


def attach_quoted_sentences(p: "Paragraph", prev_direct: Optional[Attribution]) -> None:
    """Whole quoted sentences with no cue of their own, after an attribution of this
    paragraph (or opening a paragraph after a direct quote): more pieces of that content."""
    sentences, pidx, found = p.sentences, p.sentence_ids, p.found
    for k, q in enumerate(p.quotes):
        if k in p.used_quotes:
            continue
        qs, qe = q[0], q[1]
        starts = any(sentences[j].start == qs for j in pidx)
        ends_ok = any(abs(sentences[j].end - qe) <= 1 for j in pidx) or not q[2]
        if not (starts and ends_ok):
            continue
        if any(a.content_start <= qs < a.content_end for a in found):
            continue
        target = None
        for a in found:
            if a.content_end <= qs and (a.cue_span is None or a.cue_span[1] <= qs):
                if target is None or max(a.content_end, a.cue_span[1] if a.cue_span else 0) >= \
                        max(target.content_end, target.cue_span[1] if target.cue_span else 0):
                    target = a
        if target is None and qs == p.start and prev_direct is not None:
            target = prev_direct
        if target is None:
            continue
        target.content_spans.append((qs, qe))
        p.used_quotes.add(k)
        if target.kind == "indirect":
            target.kind = "mixed"
        for j in pidx:
            if sentences[j].start >= qs and sentences[j].end <= qe + 1:
                if j not in target.sentence_indices:
                    target.sentence_indices.append(j)
