"""Venue, date and hedge of an attribution, read from its sentence.

All three are looked for in the attribution's *frame*: the text of its sentence(s) outside its
own content spans (so "on December 1" inside a quotation is not when it was said), and among
several matches the one nearest the cue wins. The hedge is also looked for inside the content
of unquoted claims ("the two countries are said to be in discussion").

    venue.py     "told VOA", "in a statement", "on Twitter"
    said_on.py   dates ("on Tuesday", "July 12") resolved against the report date
    hedges.py    "reportedly", "is said to be", "sources say"
"""
from __future__ import annotations

from typing import Optional, Sequence

from claims.extraction.hedges import find_hedge
from claims.extraction.said_on import find_said_on, resolve_date
from claims.extraction.spans import Span
from claims.extraction.venue import find_venue

__all__ = ["Context", "attribution_context", "find_venue", "find_said_on", "find_hedge",
           "resolve_date"]


class Context(tuple):
    """(venue, said_on, hedge) of one attribution; a plain named tuple kept cheap."""

    __slots__ = ()

    def __new__(cls, venue: Optional[str], said_on: Optional[str], hedge: Optional[str]):
        return tuple.__new__(cls, (venue, said_on, hedge))

    venue = property(lambda self: self[0])
    said_on = property(lambda self: self[1])
    hedge = property(lambda self: self[2])


def _frame_pieces(start: int, end: int, content: Sequence[Span]) -> list[Span]:
    """The parts of [start, end) outside the content spans."""
    out: list[Span] = []
    cur = start
    for cs, ce in sorted(content):
        if ce <= cur or cs >= end:
            continue
        if cs > cur:
            out.append((cur, cs))
        cur = max(cur, ce)
    if cur < end:
        out.append((cur, end))
    return out


def attribution_context(
    text: str,
    sent_start: int,
    sent_end: int,
    content_spans: Sequence[Span],
    anchor: Optional[int],
    report_date: Optional[str],
    hedge_in_content: bool = False,
) -> Context:
    """Venue, said_on and hedge for one attribution.

    ``sent_start``/``sent_end`` bound its sentence(s); ``content_spans`` are masked out (what
    was said is not where or when it was said); ``anchor`` is the cue offset (nearest match
    wins; defaults to the start of the frame). With ``hedge_in_content`` the hedge is also
    looked for inside the content (used for unquoted claims and indirect speech).
    """
    pieces = _frame_pieces(sent_start, sent_end, content_spans)
    if anchor is None:
        anchor = pieces[0][0] if pieces else sent_start
    venue = find_venue(text, pieces, anchor)
    said_on = find_said_on(text, pieces, anchor, report_date)
    hedge = find_hedge(text, pieces)
    if hedge is None and hedge_in_content:
        hedge = find_hedge(text, [(s, e) for s, e in content_spans])
    return Context(venue, said_on, hedge)
