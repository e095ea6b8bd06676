"""Sentence and paragraph boundaries, with offsets into the original text.

Pure regular expressions, no NLP library: fast enough for thousands of reports a minute.

A paragraph is a run of text between newlines (news files often put one paragraph on a line;
blank lines between paragraphs are just more newlines). Within a paragraph a sentence ends at
``.``, ``!``, ``?`` or an ellipsis, optionally followed by closing quotes or brackets, when the
next word starts like a sentence (capital letter, digit, opening quote or bracket) and the word
before the full stop is not an abbreviation (``Mr.``, ``U.S.``, ``Jan.``, ``a.m.``, initials).
"""
from __future__ import annotations

import re

from claims.extraction.fast_patterns import char_positions, finditer_at
from claims.extraction.spans import Sentence
from claims.extraction.lexicons import load

__all__ = ["split_sentences", "ABBREVIATIONS"]

# Words that, followed by a full stop, do not end a sentence (compared lower-cased, no dot).
ABBREVIATIONS = load("abbreviations")
# Abbreviations that very often end a sentence too ("into the U.S. The ..."): a boundary only
# when the next word is a common sentence opener.
_AMBIGUOUS = frozenset("us uk un eu usa dc am pm inc co corp ltd jr sr etc".split())
_OPENERS = load("sentence_openers")

# Candidate end of sentence: terminal punctuation (or an ellipsis), closing quotes/brackets,
# whitespace (no newline), then the first character of the next sentence.
_AFTER_END = r"[\"”’'»)\]]*(?=[ \t\u00a0]+[\"“„‘'«(\[]{0,3}[A-Z0-9À-ÖØ-Þ])"
_END_PLAIN = re.compile(r"(?:\.\.\.|…|[.!?]+)" + _AFTER_END)
# _END_PLAIN opening with a character class, so the regex engine skips to the next . ! ? or …
# instead of trying the pattern at every character (a third of the cost of splitting): the
# first mark is consumed and each alternative goes on after it. Same matches
# (tests/test_fast_patterns.py).
_END = re.compile(r"[.!?…](?:(?<=\.)\.\.|(?<=…)|(?<=[.!?])[.!?]*)" + _AFTER_END)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.'’]*)\.$")  # _word_before_dot's definition
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.'’")
_NEXT_WORD = re.compile(r"[ \t\u00a0]+[\"“„‘'«(\[]{0,3}([A-Za-z0-9À-ÖØ-Þ][\w'’]*)")
_PARA = re.compile(r"[^\n]+")
_WS = " \t\u00a0\u2009\u200a\u200b\u202f\u3000\r\f\v"


def _word_before_dot(text: str, lo: int, end: int) -> "str | None":
    """Group 1 of ``_WORD_BEFORE.search(text, lo, end)``: the word (letters, dots, apostrophes,
    from its first letter) before the full stop at ``end - 1``, or None. Found from the end:
    the search tried every offset of the 40-character window, at every full stop."""
    dot = end - 1
    if dot >= lo and text[dot] == "\n":
        dot -= 1  # "$" also matches before a newline that ends the string
    if dot < lo or text[dot] != ".":
        return None
    k = dot
    while k > lo and text[k - 1] in _WORD_CHARS:
        k -= 1
    # the leftmost letter of that run starts the match
    for i in range(k, dot):
        if text[i].isascii() and text[i].isalpha():
            return text[i:dot]
    return None


def _is_boundary(text: str, m: re.Match, pstart: int) -> bool:
    punct = m.group(0)
    if not punct.startswith(".") or punct.startswith("..."):
        return True  # ! ? and ellipses
    if len(punct) > 1 and punct[1] not in ".":
        # '."' or '.)' : the sentence closes inside quotes; still check abbreviations like
        # 'U.S."' below only when the dot directly follows a word
        pass
    word = _word_before_dot(text, max(pstart, m.start() - 40), m.start() + 1)
    if word is None:
        return True
    if word.startswith("."):
        return True
    bare = word.replace(".", "").replace("'", "").replace("’", "").lower()
    nm = _NEXT_WORD.match(text, m.end())
    nxt = nm.group(1).lower() if nm else ""
    # initials "J. Smith", "George W. Bush"; but not a capital pronoun "I."
    if len(word) == 1 and word.isupper() and word != "I":
        return False
    if "." in word:  # U.S.  a.m.  D.C.  e.g.
        if bare in _AMBIGUOUS or len(bare) <= 3:
            return nxt in _OPENERS
        return True
    if bare in _AMBIGUOUS:
        return nxt in _OPENERS
    if bare in ABBREVIATIONS and word[0].isupper() or bare in ("vs", "etc", "al", "v"):
        # "Jan. 5", "Mr. Smith"; a month/state abbreviation followed by an opener ends it
        if bare in ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                    "nov", "dec", "calif", "fla", "tex", "mass", "wash", "pa", "va", "ga",
                    "ill", "mich", "minn", "ariz", "colo", "conn", "md", "mo", "nev", "ore",
                    "tenn", "wis", "ky", "la", "okla", "ala", "ark", "kan", "neb", "etc"):
            return nxt in _OPENERS
        return False
    return True


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def split_sentences(text: str, start: int = 0) -> list[Sentence]:
    """Split ``text[start:]`` into sentences; offsets index ``text``.

    Sentences never span a newline. Every returned sentence is non-empty, with no leading or
    trailing whitespace, in text order; ``paragraph`` counts the non-blank lines from 1.
    """
    out: list[Sentence] = []
    if start < 0:
        start = 0
    para = 0
    for pm in _PARA.finditer(text, start):
        ps, pe = _trim(text, pm.start(), pm.end())
        if ps >= pe:
            continue
        para += 1
        cur = ps
        # (_END.finditer(text, ps, pe), tried at the marks only: fast_patterns.py)
        for m in finditer_at(_END, text, char_positions(text, ".!?…", ps, pe), ps, pe):
            if m.end() <= cur:
                continue
            if not _is_boundary(text, m, ps):
                continue
            s, e = _trim(text, cur, m.end())
            if s < e:
                out.append(Sentence(s, e, para))
            cur = m.end()
        s, e = _trim(text, cur, pe)
        if s < e:
            out.append(Sentence(s, e, para))
    return out
