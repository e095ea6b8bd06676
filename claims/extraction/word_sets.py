"""Is a word written in lower case anywhere in the report? Asked per report, answered cheaply.

Rules ask "does the report write this word in lower case?" ("an experimental drug": then
"Experimental" opening a headline is no part of a name). A report asks it a few times: each
question is a search for the word as a literal (the regex engine skips ahead with a fast scan),
remembered for the report. A report that asks it very many times (a long list of headlines)
gets the set of all its lower-case words instead, built in one pass, so that no report costs
more than linear time. One report at a time is remembered (the pipeline reads one at a time).
"""
from __future__ import annotations

import re

__all__ = ["written_in_lower_case"]

_WORD = re.compile(r"[\w’'-]+")
_WORD_CHARS = frozenset("’'-")
_SEARCHES_BEFORE_SET = 32
# the last report: [text, {word: answer}, set of all lower-case words or None]
_last: list = [None, {}, None]


def _lower_case_words(text: str) -> frozenset[str]:
    return frozenset(w for w in set(_WORD.findall(text))
                     if w.isascii() and w.isalpha() and w.islower())


def written_in_lower_case(text: str, word: str) -> bool:
    """``word`` (lower-case letters) appears in ``text`` as a whole word, as written."""
    if not (word.isascii() and word.isalpha() and word.islower()):
        return False
    if _last[0] is not text:
        _last[0], _last[1], _last[2] = text, {}, None
    if _last[2] is not None:
        return word in _last[2]
    known = _last[1].get(word)
    if known is not None:
        return known
    if len(_last[1]) >= _SEARCHES_BEFORE_SET:
        _last[2] = _lower_case_words(text)
        return word in _last[2]
    # The word's occurrences as ``re.finditer(re.escape(word), text)`` gives them (each search
    # from the last one's end), found by ``str.find``: a pattern made for each word missed the
    # regex cache and was compiled (~250 of them in 840 articles, a third of all compiles).
    found = False
    find = text.find
    n = len(word)
    a = find(word)
    while a >= 0:
        b = a + n
        before = text[a - 1] if a else " "
        after = text[b] if b < len(text) else " "
        if not (before.isalnum() or before == "_" or before in _WORD_CHARS) and \
                not (after.isalnum() or after == "_" or after in _WORD_CHARS):
            found = True
            break
        a = find(word, b)
    _last[1][word] = found
    return found
