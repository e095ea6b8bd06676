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

from claims.extraction.fast_patterns import char_positions
from claims.extraction.spans import Attribution

if TYPE_CHECKING:  # pragma: no cover
    from claims.extraction.paragraph import Paragraph

__all__ = ["CLOSE_Q", "QUOTE_CHARS", "find_quotes", "is_scare", "mark_quoted", "quote_kind",
           "attach_quoted_sentences"]

CLOSE_Q = "”’»\"'"


QUOTE_CHARS = frozenset("“”‘’«»„\"")


_QCHARS = re.compile(r"[“”«»„\"‘’']")


_MARKS = "“”«»„\"‘’'"  # the characters of _QCHARS, found by char_positions (fast_patterns.py)


def find_quotes(text: str, ps: int, pe: int) -> list[list]:
    """Quote spans [start, end, closed] (marks included) of the paragraph text[ps:pe]."""
    quotes: list[list] = []
    pos = char_positions(text, _MARKS, ps, pe)  # (_QCHARS.finditer's starts, fewer steps)
    np_ = len(pos)
    x = 0
    # the last single-quote scan: it started at scan_from and stopped at scan_y (closer or
    # breaker: independent of the opener), so a scan from anywhere in between stops there too
    scan_from, scan_y, scan_found = np_, -1, -1
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
            if scan_from <= y <= scan_y:
                y, found = scan_y, scan_found
            else:
                scan_from = y
            while found == -1 and y < np_:
                j = pos[y]
                ch = text[j]
                if ch in "’'" and (j + 1 >= pe or not text[j + 1].isalpha()):
                    found = j
                    break
                if ch in "“\"":
                    break
                y += 1
            scan_y, scan_found = y, found
            if found == -1:
                if c == "‘":
                    quotes.append([i, pe, False])
                    break
                x += 1
                continue
            quotes.append([i, found + 1, True])
            x = y + 1
            continue
        if c == "„":
            # German and other central European quotations open low and close with “ (or ”)
            y = x + 1
            while y < np_ and text[pos[y]] not in ("“", "”", '"', "„"):
                y += 1
            if y < np_ and text[pos[y]] != "„":
                quotes.append([i, pos[y] + 1, True])
                x = y + 1
                continue
            quotes.append([i, pos[y] if y < np_ else pe, False])
            if y >= np_:
                break
            x = y
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


def _quote_start(q) -> int:
    return q[0]


def quote_kind(text, spans, quotes) -> str:
    s, e = spans[0][0], spans[-1][1]
    # quotes are in text order and do not overlap (their ends grow too): the first one
    # starting at or after s is the only one that can lie inside the content
    k = bisect.bisect_left(quotes, s, key=_quote_start)
    for q in quotes[k:k + 1]:
        if q[0] >= s and q[1] <= e + 1:
            inner = text[q[0]:q[1]]
            if q[0] == s and (q[1] >= e - 1):
                return "direct"
            if len(inner.split()) >= 1:
                return "mixed"
    return "indirect"


def mark_quoted(toks, quotes, starts: Optional[list[int]] = None) -> None:
    """Set ``inq`` on the tokens inside the quotes (not on the quote marks themselves);
    ``starts``: the tokens' start offsets, if the caller has them."""
    if not quotes:
        return
    if starts is None:
        starts = [t.s for t in toks]
    for q in quotes:
        lo = bisect.bisect_right(starts, q[0])
        hi = bisect.bisect_left(starts, q[1] - (1 if q[2] else 0))
        for t in toks[lo:hi]:
            if t.w not in QUOTE_CHARS:
                t.inq = True


_FOUND_WINDOW = 64


def _sentence_start(s) -> int:
    return s.start


def attach_quoted_sentences(p: "Paragraph", prev_direct: Optional[Attribution]) -> None:
    """Whole quoted sentences with no cue of their own, after an attribution of this
    paragraph (or opening a paragraph after a direct quote): more pieces of that content."""
    sentences, pidx, found = p.sentences, p.sentence_ids, p.found
    if len(p.used_quotes) >= len(p.quotes):
        return  # no quote left to attach
    sent_starts = {sentences[j].start for j in pidx}
    sent_ends = {sentences[j].end for j in pidx}
    # the attributions by anchor (cue, else content start); for a quote only the
    # FOUND_WINDOW ones anchored on each side of it are looked at, in the order of found
    anchors = sorted((a.cue_span[0] if a.cue_span else a.content_start, x)
                     for x, a in enumerate(found))
    anchor_pos = [an for an, _ in anchors]
    for k, q in enumerate(p.quotes):
        if k in p.used_quotes:
            continue
        qs, qe = q[0], q[1]
        starts = qs in sent_starts
        ends_ok = (qe - 1 in sent_ends or qe in sent_ends or qe + 1 in sent_ends) or not q[2]
        if not (starts and ends_ok):
            continue
        mid = bisect.bisect_left(anchor_pos, qs)
        near = [found[x] for x in sorted(x for _, x in anchors[max(0, mid - _FOUND_WINDOW):
                                                              mid + _FOUND_WINDOW])]
        if any(a.content_start <= qs < a.content_end for a in near):
            continue
        target = None
        for a in near:
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
        # (pidx: consecutive sentences in text order; sentence_indices grow in order)
        j = bisect.bisect_left(sentences, qs, pidx[0], pidx[-1] + 1, key=_sentence_start)
        while j <= pidx[-1] and sentences[j].start <= qe + 1:
            if sentences[j].start >= qs and sentences[j].end <= qe + 1:
                si = target.sentence_indices
                if (si and si[-1] < j) or j not in si:
                    si.append(j)
            j += 1
