"""Does an attribution of a paragraph already hold a position? In linear time.

``holds(found, pos, kind)`` answers ``any(lo <= pos < hi)`` over the intervals ``SPANS[kind](a)``
of the attributions ``a`` in ``found`` (a list that may grow between calls), for positions
asked in increasing order (a scan over a paragraph's tokens): the intervals are indexed once
(sorted by start, with the running maximum of their ends) and those of attributions appended
later are kept apart until the scan has passed their end. Asking a smaller position than
the last one, or another list, builds the index again.
"""
from __future__ import annotations

import bisect

__all__ = ["holds"]


def _poll_spans(a):
    out = [(a.content_start, a.content_end)]
    if a.cue_span:
        out.append((a.cue_span[0], a.cue_span[1]))
    if a.source_span:
        out.append((a.source_span[0], a.source_span[1]))
    return out


def _colon_spans(a):
    out = [(a.content_start, a.content_end)]
    if a.cue_span:
        out.append((a.cue_span[0], a.cue_span[1] + 2))
    return out


SPANS = {"poll": _poll_spans, "colon": _colon_spans}


class _Index:
    __slots__ = ("found", "n", "los", "maxhi", "tail", "last")

    def __init__(self, found, spans_of):
        self.found = found
        self.n = len(found)
        ivs = sorted(iv for a in found for iv in spans_of(a))
        self.los = [lo for lo, _ in ivs]
        self.maxhi = []
        m = -1
        for _, hi in ivs:
            m = max(m, hi)
            self.maxhi.append(m)
        self.tail: list = []
        self.last = -1


_INDEX: dict = {}


def holds(found, pos: int, kind: str) -> bool:
    spans_of = SPANS[kind]
    ix = _INDEX.get(kind)
    if ix is None or ix.found is not found or pos < ix.last or len(found) < ix.n:
        ix = _INDEX[kind] = _Index(found, spans_of)
    ix.last = pos
    if len(found) > ix.n:
        for a in found[ix.n:]:
            ix.tail.extend(spans_of(a))
        ix.n = len(found)
    if ix.tail:
        # positions only grow: an interval ending at or before pos holds no later position
        ix.tail = [iv for iv in ix.tail if iv[1] > pos]
        if any(lo <= pos < hi for lo, hi in ix.tail):
            return True
    k = bisect.bisect_right(ix.los, pos)
    return k > 0 and ix.maxhi[k - 1] > pos
