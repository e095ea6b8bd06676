"""Hedges: words that mark a statement as second-hand or unconfirmed ("reportedly",
"allegedly", "is said to be", "sources say", "according to unnamed sources").

The hedge adverbs and the verbs of "is said/believed/... to" are lists in ``lexicons/``
(``hedge_adverbs``, ``hedge_passive_verbs``); ``find_hedge`` returns the first match as
written.
"""
from __future__ import annotations

import re
from typing import Optional, Sequence

from claims.extraction.lexicons import load_ordered
from claims.extraction.spans import Span

__all__ = ["find_hedge"]

_HEDGE = re.compile(
    r"\b(?:" + "|".join(load_ordered("hedge_adverbs")) + "|"
    r"(?:is|are|was|were|has been|have been|had been)\s+(?:"
    + "|".join(load_ordered("hedge_passive_verbs")) + r")\s+to(?:\s+(?:be|have))?|"
    r"(?:reports?|sources?|media reports?|press reports?)\s+(?:say|said|suggest(?:s|ed)?|"
    r"claim(?:s|ed)?|indicate(?:s|d)?)|"
    r"according to (?:(?:unnamed|anonymous|several|multiple|two|three|some|people|"
    r"news|media|press|local|unconfirmed)\s+)*(?:sources?|reports?|people familiar[\w ]*?|"
    r"accounts?)|"
    r"it is (?:understood|believed|thought|said|reported|alleged|rumou?red)|"
    r"rumou?rs? (?:has it|have it|say)|unconfirmed reports?)\b",
    re.I,
)


# cheap pre-test for _HEDGE (case-sensitive stems of every alternative)
_HEDGE_GATE = re.compile(
    r"eported|lleged|urported|uppos|pparent|eputed|stensib|said to|believed|thought|"
    r"understood|umou?r|expected|uspected|stimated|laimed|ources|eports|ccording"
)
# The same test without the regex engine: a piece holds a match of _HEDGE_GATE exactly when
# it holds one of these strings (the pattern is an alternation of them). The engine tried
# the alternation at every letter that opens one of them, most letters of a sentence (about
# 37,000 instructions a sentence); a substring test per stem costs less than half.
_HEDGE_STEMS = ("eported", "lleged", "urported", "uppos", "pparent", "eputed", "stensib",
                "said to", "believed", "thought", "understood", "umor", "umour", "expected",
                "uspected", "stimated", "laimed", "ources", "eports", "ccording")


def find_hedge(text: str, pieces: Sequence[Span]) -> Optional[str]:
    """The first hedge phrase in the pieces, as written ("reportedly", "are said to be")."""
    for ps, pe in pieces:
        if not any(map(text[ps:pe].__contains__, _HEDGE_STEMS)):
            continue
        m = _HEDGE.search(text, ps, pe)
        if m:
            return m.group(0)
    return None
