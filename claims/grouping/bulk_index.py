"""The claim index's posting lists built column-wise, for many claims at once.

``ClaimIndex.add`` walks its claims one at a time (a set of words per claim, a list append per
word); at the start of a run on two million stored claims that, with the cyclic garbage
collector scanning the growing index over and over, cost over a minute (issue 12). Here the
words of 100,000 normalised texts at a time are split in one C call, numbered with
``pandas.factorize``, and the (word, claim) pairs deduplicated and grouped by sorting integer
keys in numpy; pairs of a word already in more than the cap of claims are dropped as soon as
that is known, which keeps the pairs held small (most pairs are of common words).

The result is exactly what adding the texts one at a time, in the given order, builds: a word
is *common* when more than ``cap`` of the texts hold it, otherwise its posting list is the
numbers of the texts holding it, in increasing order (``ClaimIndex.add_many`` merges it into
an index that already holds claims).
"""
from __future__ import annotations

import re
from array import array
from itertools import chain
from typing import Sequence

import numpy as np
import pandas as pd

from .claim_index import POSTING_DTYPE, POSTING_TYPE

__all__ = ["PostingsBuilder", "word_postings"]

_WORDS = 100_000  # posting lists made at a time (from one array of their numbers)
_CHUNK = 25_000  # texts split at a time: bounds the token strings alive at once (~30 MB)
# whitespace other than single spaces: str.split() would split where split(" ") does not
_ODD_SPACE = re.compile(r"[^\S ]")
_ASCII_ODD_SPACE = "".join(c for c in map(chr, range(128)) if c.isspace() and c != " ")


def _odd_space(big: str) -> bool:
    """Whether ``big`` holds whitespace other than spaces. An ASCII string is scanned for each
    such character (memchr: ten times as fast as the regular expression)."""
    if big.isascii():
        return any(c in big for c in _ASCII_ODD_SPACE)
    return _ODD_SPACE.search(big) is not None


def _tokens(texts: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """The words of ``texts`` (``str.split()`` of each, in order) and the index of the text each
    word is from. Normalised texts are words joined by single spaces, so one ``split`` of the
    joined texts and a count of spaces per text give the same words; texts of any other form
    (or a chunk holding one) are split one by one."""
    nonempty = [i for i, t in enumerate(texts) if t]
    parts = [texts[i] for i in nonempty]
    if not parts:
        return [], np.zeros(0, dtype=np.int64)
    big = " ".join(parts)
    if big[:1] == " " or big[-1:] == " " or "  " in big or _odd_space(big):
        split = [t.split() for t in parts]
        counts = [len(w) for w in split]
        words = list(chain.from_iterable(split))
    else:
        counts = [t.count(" ") + 1 for t in parts]
        words = big.split(" ")
    owner = np.repeat(np.asarray(nonempty, dtype=np.int64), np.asarray(counts, dtype=np.int64))
    return words, owner


class PostingsBuilder:
    """Posting lists of normalised texts given in chunks (``add``), numbered ``first``,
    ``first + 1``, ... in the order given; ``finish`` returns (word -> the numbers of the texts
    holding it, increasing, for words in at most ``cap`` texts; the words in more than ``cap``
    texts). Chunks keep the texts' token strings (and the caller's normalised texts) alive one
    chunk at a time."""

    def __init__(self, first: int, cap: int) -> None:
        self.start, self.next, self.cap = first, first, cap
        self.vocab: dict[str, int] = {}  # word -> code, in order of first appearance
        self.df = np.zeros(0, dtype=np.int64)  # code -> texts holding the word so far
        self.kept: list[np.ndarray] = []  # per chunk: code << 32 | text number, one per (word, text)

    def add(self, norms: Sequence[str]) -> None:
        for s in range(0, len(norms), _CHUNK):
            self._add(norms[s:s + _CHUNK], self.next + s)
        self.next += len(norms)

    def _add(self, norms: Sequence[str], first: int) -> None:
        words, owner = _tokens(norms)
        if not words:
            return
        local, uniq = pd.factorize(np.asarray(words, dtype=object), sort=False)
        del words
        vocab = self.vocab
        setdefault = vocab.setdefault
        code_of = np.fromiter((setdefault(w, len(vocab)) for w in uniq), dtype=np.int64, count=len(uniq))
        codes = code_of[local]
        del local
        if len(self.df):  # words already common stay so: their pairs are neither counted nor sorted
            common = np.zeros(len(vocab), dtype=bool)
            common[:len(self.df)] = self.df > self.cap
            rare = ~common[codes]
            codes, owner = codes[rare], owner[rare]
        keys = (codes << 32) | (owner + first)
        del codes, owner
        keys.sort()  # (np.unique hashes int64 in numpy 2: ten times as slow as sorting)
        if len(keys):  # (every word of the chunk may be common already)
            keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]  # a word once per text
        codes = keys >> 32
        if len(self.df) < len(vocab):
            self.df = np.concatenate([self.df, np.zeros(len(vocab) - len(self.df), dtype=np.int64)])
        self.df += np.bincount(codes, minlength=len(self.df))
        self.kept.append(keys[self.df[codes] <= self.cap])  # a word over the cap is common for good

    def finish(self) -> tuple[dict[str, array], set[str]]:
        df, cap = self.df, self.cap
        words = list(self.vocab)
        self.vocab = {}
        common = {words[c] for c in np.flatnonzero(df > cap).tolist()}
        if not self.kept:
            return {}, common
        keys = np.concatenate(self.kept)
        self.kept = []
        keys = keys[df[keys >> 32] <= cap]  # words that went over the cap in a later chunk
        keys.sort()
        codes = keys >> 32
        nums = keys & 0xFFFFFFFF
        del keys
        nums = nums.astype(POSTING_DTYPE)  # machine ints, as ClaimIndex keeps them
        starts = np.flatnonzero(np.diff(codes)) + 1
        firsts = np.concatenate([[0], starts]) if len(nums) else starts
        ends = np.concatenate([starts, [len(nums)]]) if len(nums) else starts
        listed = codes[firsts]
        del codes, starts
        postings: dict[str, array] = {}
        # per block of words, their lists' numbers in one array, sliced per word (a slice is
        # sized exactly; an array grown by frombytes keeps room for three more numbers)
        raw, size = memoryview(nums).cast("B"), nums.itemsize  # (frombytes takes bytes, not ints)
        for w in range(0, len(firsts), _WORDS):
            lo, hi = int(firsts[w]), int(ends[min(w + _WORDS, len(firsts)) - 1])
            block = array(POSTING_TYPE)
            block.frombytes(raw[lo * size:hi * size])
            for c, x, y in zip(listed[w:w + _WORDS].tolist(), (firsts[w:w + _WORDS] - lo).tolist(),
                               (ends[w:w + _WORDS] - lo).tolist()):
                postings[words[c]] = block[x:y]
        raw.release()
        return postings, common


def word_postings(norms: Sequence[str], first: int, cap: int) -> tuple[dict[str, array], set[str]]:
    """``PostingsBuilder`` over ``norms`` in one go."""
    b = PostingsBuilder(first, cap)
    b.add(norms)
    return b.finish()
