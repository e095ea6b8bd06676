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
from itertools import chain
from typing import Sequence

import numpy as np
import pandas as pd

__all__ = ["word_postings"]

_CHUNK = 100_000  # texts split at a time: bounds the token strings alive at once (~100 MB)
# whitespace other than single spaces: str.split() would split where split(" ") does not
_ODD_SPACE = re.compile(r"[^\S ]|  ")


def _tokens(texts: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """The words of ``texts`` (``str.split()`` of each, in order) and the index of the text each
    word is from. Normalised texts are words joined by single spaces, so one ``split`` of the
    joined texts and a count of spaces per text give the same words; texts of any other form
    (or a chunk holding one) are split one by one."""
    nonempty = [i for i, t in enumerate(texts) if t]
    parts = [texts[i] for i in nonempty]
    big = " ".join(parts)
    if big[:1] == " " or big[-1:] == " " or _ODD_SPACE.search(big):
        split = [t.split() for t in parts]
        counts = [len(w) for w in split]
        words = list(chain.from_iterable(split))
    else:
        counts = [t.count(" ") + 1 for t in parts]
        words = big.split(" ")
    owner = np.repeat(np.asarray(nonempty, dtype=np.int64), np.asarray(counts, dtype=np.int64))
    return words, owner


def word_postings(norms: Sequence[str], first: int, cap: int) -> tuple[dict[str, list[int]], set[str]]:
    """Posting lists of the normalised texts ``norms``, numbered ``first``, ``first + 1``, ...:
    (word -> the numbers of the texts holding it, increasing, for words in at most ``cap``
    texts; the words in more than ``cap`` texts)."""
    vocab: dict[str, int] = {}  # word -> code, in order of first appearance
    df = np.zeros(0, dtype=np.int64)  # code -> texts holding the word so far
    kept: list[np.ndarray] = []  # per chunk: code << 32 | text number, one per (word, text)
    for s in range(0, len(norms), _CHUNK):
        words, owner = _tokens(norms[s:s + _CHUNK])
        if not words:
            continue
        local, uniq = pd.factorize(np.asarray(words, dtype=object), sort=False)
        del words
        setdefault = vocab.setdefault
        code_of = np.fromiter((setdefault(w, len(vocab)) for w in uniq), dtype=np.int64, count=len(uniq))
        keys = np.unique((code_of[local] << 32) | (owner + (first + s)))  # a word once per text
        del local, owner
        codes = keys >> 32
        if len(df) < len(vocab):
            df = np.concatenate([df, np.zeros(len(vocab) - len(df), dtype=np.int64)])
        df += np.bincount(codes, minlength=len(df))
        kept.append(keys[df[codes] <= cap])  # a word over the cap is common for good
    if not kept:
        return {}, set()
    keys = np.concatenate(kept)
    del kept
    keys = keys[df[keys >> 32] <= cap]  # words that went over the cap in a later chunk
    keys.sort()
    codes = keys >> 32
    numbers = (keys & 0xFFFFFFFF).tolist()
    del keys
    starts = np.flatnonzero(np.diff(codes)) + 1
    bounds = np.concatenate([[0], starts, [len(numbers)]]).tolist()
    words = list(vocab)
    listed = codes[np.concatenate([[0], starts])].tolist() if len(numbers) else []
    postings = {words[c]: numbers[a:b] for c, a, b in zip(listed, bounds, bounds[1:])}
    common = {words[c] for c in np.flatnonzero(df > cap).tolist()}
    return postings, common
