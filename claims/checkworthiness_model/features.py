"""The features of the check-worthiness model: one definition for training and for scoring.

A sentence becomes three blocks of features; a linear model adds up the weights of the
features present, block by block, each block divided by the square root of its feature count
(so long and short sentences are on one scale), plus a bias:

``w:`` word unigrams and ``b:`` word bigrams
    Lower-cased words (``[a-z0-9]`` runs with an inner apostrophe, hyphen or digit
    separators), each digit replaced by ``0`` so "700,000" and "9,000" share ``0,000``;
    bigrams include a start and an end marker (``b:^ we``, ``b:jobs $``).
``c:`` character n-grams inside words
    3- to 5-grams of ``<word>`` (word boundaries marked), for spelling variants and
    inflections. Being inside one word, a word's n-gram weights can be added up once and
    cached, which is what keeps scoring fast.
``f:`` shape features (value 1)
    a figure (a digit), a percentage, a money sign, a question, the length in words (binned),
    a quotation mark, first-person words.

Everything here is plain Python and deterministic (no hashing with Python's salted ``hash``).
"""
from __future__ import annotations

import re

__all__ = ["words", "word_features", "char_ngrams", "shape_features", "sentence_features",
           "N_MIN", "N_MAX"]

N_MIN, N_MAX = 3, 5

_WORD = re.compile(r"[a-z0-9]+(?:[’'.,\-][a-z0-9]+)*")
_DIGIT = re.compile(r"[0-9]")
_FIRST = frozenset("i me my we us our i'm we're i've we've i'll we'll".split())


# The words of _WORD found without the regex engine's per-character steps (a third of the
# instructions; each statement's text is scored): every character that cannot be in a word
# becomes a space and every ASCII digit a "0" (one C pass over the bytes: non-ASCII
# characters, never in a word, are encoded as "?" first), a separator becomes a space unless
# it stands between two word characters (only there does _WORD take it), and the rest is
# split at spaces. The same words (tests/test_fast_patterns.py).
_WORD_BYTES = bytes(c if 97 <= c <= 122 or c in b"'.,-" else 48 if 48 <= c <= 57 else 32
                    for c in range(256))
_LONE_SEP = re.compile(r"['.,\-](?:(?<![a-z0].)|(?![a-z0]))")


def words(text: str) -> list[str]:
    """The sentence's normalised words (lower case, digits as ``0``, curly apostrophes straight):
    the matches of ``_WORD`` in ``text.lower().replace("’", "'")``, digits made ``0``."""
    return split_words(word_string(text))


def word_string(text: str) -> str:
    """``text`` lower-cased, each character that cannot be in a word a space, each ASCII
    digit a "0" (``words`` splits it; "0" in it says whether the text holds a digit)."""
    return text.lower().replace("’", "'").encode("ascii", "replace").translate(_WORD_BYTES) \
        .decode("ascii")


def split_words(low: str) -> list[str]:
    """The words of a ``word_string``."""
    return _LONE_SEP.sub(" ", low).split()


def words_plain(text: str) -> list[str]:
    """``words`` as first written: what it must give (tests/test_fast_patterns.py)."""
    low = text.lower().replace("’", "'")
    if _DIGIT.search(low):
        low = _DIGIT.sub("0", low)
    return _WORD.findall(low)


def word_features(ws: list[str]) -> list[str]:
    """``w:`` unigrams then ``b:`` bigrams (with ``^``/``$`` markers), with repeats."""
    feats = ["w:" + w for w in ws]
    prev = "^"
    for w in ws:
        feats.append("b:" + prev + " " + w)
        prev = w
    feats.append("b:" + prev + " $")
    return feats


def char_ngrams(word: str) -> list[str]:
    """``c:`` 3- to 5-grams of ``<word>``, with repeats."""
    s = "<" + word + ">"
    n = len(s)
    return ["c:" + s[i:i + k] for k in range(N_MIN, N_MAX + 1) for i in range(n - k + 1)]


def shape_features(text: str, ws: list[str], has_digit: "bool | None" = None) -> list[str]:
    """The ``f:`` features of the sentence (each present once); ``has_digit``: whether it
    holds an ASCII digit, when the caller knows ("0" in its ``word_string``)."""
    feats = []
    if has_digit if has_digit is not None else _DIGIT.search(text):
        feats.append("f:digit")
    if "%" in text or "percent" in text or "per cent" in text:
        feats.append("f:percent")
    if "$" in text or "€" in text or "£" in text:
        feats.append("f:money")
    stripped = text.rstrip(" \"'”’)»")
    if stripped.endswith("?"):
        feats.append("f:question")
    if '"' in text or "“" in text or "”" in text:
        feats.append("f:quote")
    n = len(ws)
    feats.append("f:len" + ("<4" if n < 4 else "<8" if n < 8 else "<15" if n < 15
                            else "<25" if n < 25 else "<40" if n < 40 else "40+"))
    if not _FIRST.isdisjoint(ws):
        feats.append("f:first_person")
    return feats


def sentence_features(text: str) -> tuple[list[str], list[str], list[str]]:
    """``(word and bigram features, character n-grams, shape features)`` of ``text``."""
    ws = words(text)
    chars: list[str] = []
    for w in ws:
        chars.extend(char_ngrams(w))
    return word_features(ws), chars, shape_features(text, ws)
