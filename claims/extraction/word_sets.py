"""The words a report writes in lower case, as a set, read once per report.

Rules ask "does the report write this word in lower case anywhere?" ("an experimental
drug": then "Experimental" opening a headline is no part of a name). A regular-expression
search over the whole report per question made a report of many such questions quadratic; one
pass builds the set, kept for the last report seen (the pipeline reads one report at a time).
"""
from __future__ import annotations

import re

__all__ = ["lower_case_words"]

# a word with its apostrophes and hyphens ("don't", "late-stage" are one word each): opening
# with a character class, the scan skips ahead instead of trying a lookbehind everywhere
_WORD = re.compile(r"[\w’'-]+")
_last: list = [None, frozenset()]


def lower_case_words(text: str) -> frozenset[str]:
    """Every whole word of ``text`` written in lower-case letters only (ASCII)."""
    if _last[0] is not text:
        _last[0] = text
        _last[1] = frozenset(w for w in set(_WORD.findall(text))
                             if w.isascii() and w.isalpha() and w.islower())
    return _last[1]
