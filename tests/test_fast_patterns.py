"""Patterns rewritten for speed find exactly what their readable definitions find.

Some regular expressions that scan whole reports were rewritten to open with a character class
(the regex engine then skips ahead to a possible first character instead of trying the whole
pattern at every offset). Each keeps its readable form; these properties compare the two on
text made of the characters that matter to them, at any start and end offsets.
"""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import names

# capitals (ASCII, accented, the × inside À-Þ), abbreviations, name particles, apostrophes,
# hyphens, dots, spaces (with the no-break space), digits and lower-case letters
_NAME_PIECES = st.sampled_from(
    ["A", "M", "S", "D", "J", "T", "Z", "À", "×", "Þ", "é", "r", "s", "t", "a", "n", "e",
     "Mr", "Mrs", "Dr", "Sen", "St", "Jr", "Ft", "de", "van", "al", "ibn", "y",
     ".", "’", "'", "-", " ", "  ", "\u00a0", "\n", ",", "9", "_", "“", "U.S.", "O'Neil"])
_TEXT = st.lists(_NAME_PIECES, max_size=40).map("".join)


def _spans(pattern: re.Pattern, text: str, pos: int, endpos: int) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text, pos, endpos)]


@settings(max_examples=3000, deadline=None)
@given(_TEXT, st.integers(0, 40), st.integers(0, 400))
def test_name_run_same_as_plain(text, pos, endpos):
    pos = min(pos, len(text))
    assert _spans(names.NAME_RUN, text, pos, endpos) == \
        _spans(names.NAME_RUN_PLAIN, text, pos, endpos)


def test_name_run_examples():
    text = "Sen. Ana de la Cruz met U.S. officials; O'Neil’s aide, Dr. J. Smith, spoke. ×Y"
    got = [m.group(0) for m in names.NAME_RUN.finditer(text)]
    assert got == [m.group(0) for m in names.NAME_RUN_PLAIN.finditer(text)]
    assert "Sen. Ana" in got[0] and "U.S." in got and "Dr. J. Smith" in got
    # inside a word or after an apostrophe or hyphen no run starts
    assert [m.group(0) for m in names.NAME_RUN.finditer("xAna l'Ana -Ana")] == []
