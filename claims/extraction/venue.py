"""Venue of a statement, as written: "told VOA", "in a statement", "during a hearing Wednesday
of the House Foreign Affairs Committee", "on Twitter", "speaking to reporters".

One regular expression built from word lists (``lexicons/venue_*.txt``: audiences, kinds of
outlet, events and their modifiers, platforms; the order of each list matters, as in any
regular-expression alternation). ``find_venue`` returns the match nearest the cue.
"""
from __future__ import annotations

import re
from typing import Optional, Sequence

from claims.extraction.lexicons import load_ordered
from claims.extraction.spans import Span

__all__ = ["find_venue"]

_CAP = (
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December|That|The|This|It|He|"
    r"She|They|We|I)\b)[A-Z][\w.&'’\-]*"
)
_CAPSEQ = _CAP + r"(?:\s+(?:(?:of|for|and|on|the|de|del)\s+)?" + _CAP + r")*"
_AUDIENCE = "|".join(load_ordered("venue_audiences"))
_MEDIA_NOUN = "|".join(load_ordered("venue_media"))
_EVENT = (
    r"(?:(?:" + "|".join(load_ordered("venue_event_modifiers")) + r") ){0,3}"
    r"(?:" + "|".join(load_ordered("venue_events")) + r")"
)
_TAIL = (
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"today|yesterday|last week|this week))?"
    r"(?:\s+(?:of|with|before|to|at|on|by|for|in|from)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:" + _CAPSEQ + r"(?:’s|'s)?(?:\s+(?:" + _MEDIA_NOUN + r"|program|show))?|"
    r"(?:" + _AUDIENCE + r")))?"
)
_SOCIAL = "|".join(load_ordered("venue_platforms"))
_VENUE = re.compile(
    # told VOA / told the Televisa network / told U.S. lawmakers / told reporters
    r"\b(?:told|telling|tells)\s+(?:(?:the|a|an)\s+)?"
    r"(?:(?:" + _CAPSEQ + r")(?:’s|'s)?(?:\s+(?:" + _MEDIA_NOUN + r"|" + _AUDIENCE + r"))?"
    r"|(?:" + _AUDIENCE + r"))"
    r"(?:\s+(?:in|during|at|on)\s+(?:a|an|the|his|her|their|its)\s+" + _EVENT + _TAIL + r")?"
    # in a statement / during a hearing Wednesday of the House ... / in an interview with CNN
    r"|\b(?:[Ii]n|[Dd]uring|[Aa]t|[Tt]hrough|[Vv]ia|[Bb]efore|[Ii]n the course of)\s+"
    r"(?:a|an|the|his|her|their|its|one|another)\s+" + _EVENT + _TAIL +
    # on Twitter / on CNN's State of the Union / on Fox News Sunday
    r"|\b(?:(?:said|wrote|posted|commented|tweeted|announced|spoke|speaking|appearing|"
    r"writing|posting)\s+)?on\s+(?:" + _SOCIAL + r")\b"
    r"|\b(?:said|speaking|appearing|spoke)\s+on\s+(?:" + _CAPSEQ + r")(?:’s|'s)?"
    r"(?:\s+(?:" + _MEDIA_NOUN + r"|" + _CAPSEQ + r"))?"
    # speaking to reporters / in comments to reporters / wrote in the Washington Post
    r"|\b(?:speaking|talking)\s+(?:to|with|at|before)\s+(?:(?:the|a|an)\s+)?"
    r"(?:" + _AUDIENCE + r"|" + _CAPSEQ + r")"
    r"|\b(?:wrote|writes|writing)\s+in\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+)?" + _CAPSEQ +
    r"|\b(?:tweeted|posted on social media)"
)
# What every match of _VENUE holds, found by a pattern the regex engine scans quickly (its
# alternatives open with letters: no word boundary to test at every offset): a piece without
# it has no venue, and most pieces (about five in six) are skipped without running _VENUE.
# Per alternative of _VENUE: "told"/"tell"; an opening preposition, a determiner and a space
# ("in a ", "During the "; "In the course of" too); "on" before a platform or a capitalised
# name ("on Twitter", "on social media", "said on CNN"); "speaking", "talking"; "wrote",
# "writ(es|ing)"; "tweeted", "posted" (tests/test_fast_patterns.py).
_DETERMINER = r"\s+(?:a|an|the|his|her|their|its|one|another)\s"
_VENUE_GATE = re.compile("|".join(
    ["told", "tell"]
    + [w + _DETERMINER for w in "In in During during At at Through through Via via Before "
       "before".split()]
    + [r"on\s+(?:[A-Z]|social|television|national|radio|air)", "speaking", "talking", "wrot",
       "writ", "tweeted", "posted"]))
# "told U.S. lawmakers": a capitalised word must be an outlet or a group, not the speaker
# of a "told X that" where X is a person; we accept both (the person told is a venue too).


def _nearest(matches, anchor: int):
    """The value of the match nearest ``anchor`` (one holding it first; ties: the first)."""
    best = None
    bestd = None
    for s, e, val in matches:
        d = 0 if s <= anchor < e else min(abs(s - anchor), abs(e - anchor))
        if bestd is None or d < bestd:
            best, bestd = val, d
    return best


def find_venue(text: str, pieces: Sequence[Span], anchor: int) -> Optional[str]:
    """The venue phrase as written (e.g. "told VOA", "in a statement") nearest ``anchor``."""
    found = []
    for ps, pe in pieces:
        if _VENUE_GATE.search(text, ps, pe) is None:
            continue
        for m in _VENUE.finditer(text, ps, pe):
            v = m.group(0).rstrip(" ,;:.")
            if v:
                found.append((m.start(), m.end(), v))
    return _nearest(found, anchor)


