"""Tokens of a paragraph for the cue readers, and trimming of spans.

``tokenize(text, start, end)`` gives ``Tok`` objects (offsets, word, lower-case word, and
whether the token is inside a quotation, set by ``quotes.mark_quoted``). Words keep inner
hyphens, apostrophes, dots and ampersands ("U.S.", "Sandoval-Moshenberg", "AT&T"); every
other non-space character is a token of its own.
"""
from __future__ import annotations

import re
from typing import Optional

from claims.extraction.spans import Span

__all__ = ["Tok", "tokenize", "tok_starts", "is_word", "strip_span", "strip_content"]

_WORD_CHAR = re.compile(r"\w")
# The tokens of r"\w+(?:[-’'.&]\w+)*|[^\w\s]", found faster: the pattern opens with a
# character class (the engine skips spaces without trying the pattern) and its repeats are
# possessive (nothing follows a word to backtrack for). Same tokens (tests/test_fast_patterns.py).
TOKEN = re.compile(r"\S(?:(?<=\w)\w*+(?:[-’'.&]\w++)*+|(?<=[^\w\s]))")

# characters often written right after a word or right before one, without a space ("said,"
# "“We"): none is a word character (each is a token of its own, never joined to the word)
_ENDS = frozenset(",.:;?!\"”’')]%")
_OPENS = frozenset("\"“‘'($[<#")


class Tok:
    # (made by tokenize only, fields set there: no __init__, so that ``Tok()`` is one C call)
    __slots__ = ("s", "e", "w", "low", "inq")

def is_word(t: Tok) -> bool:
    return t.w[0].isalnum()

def strip_span(text: str, s: int, e: int, punct: str = " \t,;:—–-") -> Optional[Span]:
    while s < e and (text[s].isspace() or text[s] in punct):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in punct):
        e -= 1
    if s >= e:
        return None
    return (s, e)

def strip_content(text: str, s: int, e: int) -> Optional[Span]:
    """Trim spaces, leading commas/colons and the final sentence punctuation."""
    sp = strip_span(text, s, e, " \t,;:—–-")
    if not sp:
        return None
    s, e = sp
    # drop a final '.' (outside quotes) but keep closing quote marks
    while e > s and text[e - 1] in ".!?,;:" and not (text[e - 1] in "!?" and False):
        e -= 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if s >= e or not _WORD_CHAR.search(text, s, e):
        return None
    return (s, e)


def tokenize(text: str, start: int, end: int) -> list[Tok]:
    """The tokens of ``text[start:end]``."""
    # Every token of every paragraph is made here (~870 per article): ``Tok()`` (a class
    # without __init__: no argument tuple, a quarter less than ``Tok.__new__(Tok)``) with
    # its fields set directly.
    out: list[Tok] = []
    append = out.append
    seg = text[start:end]
    pieces = seg.split()
    if len(seg) - len("".join(pieces)) == len(pieces) - 1 == seg.count(" "):
        # One space between pieces, none around (most paragraphs): each piece's offset
        # follows from the last one's. No token holds a space (TOKEN's \s is str.split's),
        # so a piece that is one word (str.isalnum is TOKEN's \w but "_": four pieces in
        # five) is a token without a regex match (a search, a Match, a span tuple: ~2,000
        # instructions); TOKEN reads the others ("said,", "U.S.", "“We"). The same tokens
        # (tests/test_fast_patterns.py).
        k = start
        finditer = TOKEN.finditer
        for w in pieces:
            if w.isalnum():
                t = Tok()
                t.s = k
                k += len(w)
                t.e = k
                t.w = w
                t.low = w.lower()
                t.inq = False
                append(t)
                k += 1
                continue
            e = k + len(w)
            if len(w) == 1:  # any other character is a token of its own ("—", "-")
                t = Tok()
                t.s, t.e, t.w, t.low, t.inq = k, e, w, w.lower(), False
                append(t)
            elif w[-1] in _ENDS and w[:-1].isalnum():  # "said," "year."
                t = Tok()
                e -= 1
                t.s, t.e, t.w = k, e, w[:-1]
                t.low = t.w.lower()
                t.inq = False
                append(t)
                t = Tok()
                t.s, t.e, t.w, t.low, t.inq = e, e + 1, w[-1], w[-1], False
                append(t)
                e += 1
            elif w[0] in _OPENS and w[1:].isalnum():  # "“We" "$5"
                t = Tok()
                t.s, t.e, t.w, t.low, t.inq = k, k + 1, w[0], w[0], False
                append(t)
                t = Tok()
                t.s, t.e, t.w = k + 1, e, w[1:]
                t.low = t.w.lower()
                t.inq = False
                append(t)
            else:
                for m in finditer(text, k, e):
                    t = Tok()
                    t.s, t.e = m.span()
                    w = t.w = m[0]
                    t.low = w.lower()
                    t.inq = False
                    append(t)
            k = e + 1
        return out
    for m in TOKEN.finditer(text, start, end):
        t = Tok()
        t.s, t.e = m.span()
        w = t.w = m[0]
        t.low = w.lower()
        t.inq = False
        append(t)
    return out


# The start offsets of the token list last asked for (the paragraph being read): the readers
# bisect a paragraph's tokens by offset thousands of times per article, and a bisect with a
# key calls it ~20 times. One (tokens, starts) tuple, replaced whole (never half-updated).
_STARTS: tuple = (None, [])


def tok_starts(toks: list[Tok]) -> list[int]:
    """``[t.s for t in toks]``, kept for the last list asked for (which must not change)."""
    global _STARTS
    memo = _STARTS
    if memo[0] is toks:
        return memo[1]
    starts = [t.s for t in toks]
    _STARTS = (toks, starts)
    return starts
