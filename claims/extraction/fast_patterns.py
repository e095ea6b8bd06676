"""Scans of a whole report or paragraph for a pattern whose matches open with a rare character.

The regex engine looks for a possible first character by testing each character of the text
against the pattern's first character class (about 60 instructions a character); a substring
search per character of the class skips the text in C at a few instructions a character.
``char_positions`` finds those characters; ``finditer_at`` then tries the pattern at them
only, giving what ``pattern.finditer`` gives (tests/test_fast_patterns.py).
"""
from __future__ import annotations

import re
from typing import Iterator, Optional

__all__ = ["char_positions", "finditer_at", "capitalised_before"]


def char_positions(text: str, chars: str, pos: int = 0, endpos: Optional[int] = None) -> list[int]:
    """The offsets in ``text[pos:endpos]`` of every character in ``chars``, in order."""
    seg = text[pos:endpos]
    out: list[int] = []
    for c in chars:
        if c in seg:  # (most are absent: one test each)
            find = seg.find
            k = find(c)
            while k >= 0:
                out.append(k + pos)
                k = find(c, k + 1)
    out.sort()
    return out


def finditer_at(pattern: re.Pattern, text: str, starts: list[int], pos: int = 0,
                endpos: Optional[int] = None) -> Iterator[re.Match]:
    """``pattern.finditer(text, pos, endpos)`` for a pattern that matches no empty string and
    whose every match starts at one of ``starts`` (sorted): the pattern is tried there only,
    each time after the end of the last match, as finditer would."""
    end = len(text) if endpos is None else endpos
    last = pos
    match = pattern.match
    for p in starts:
        if p < last:
            continue
        m = match(text, p, end)
        if m is not None:
            yield m
            last = m.end()


_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def capitalised_before(text: str, literal: str, pos: int = 0) -> list[int]:
    """The offsets of the capitalised words (``[A-Z][a-z]+``) written right before each
    occurrence of ``literal`` in ``text[pos:]``, in order: where a pattern opening with such
    a word and that literal ("Mark and Helen Price") can match."""
    out: list[int] = []
    find = text.find
    a = find(literal, pos)
    while a >= 0:
        k = a
        while k > pos and text[k - 1] in _LOWER:
            k -= 1
        if pos < k < a and text[k - 1] in _UPPER:
            out.append(k - 1)
        a = find(literal, a + 1)
    return out
