"""Which pairs of texts are worth scoring at all: blocking on rare words, hashed with numpy.

Words are hashed with numpy and ranked by corpus frequency (rarest first, ties by hash, so the
ranking does not depend on row order); words seen once are dropped (they match nothing: this is
also what makes a typo harmless). Keys: all pairs of a text's ``GLOBAL_K`` rarest words, and
for every window of ``WINDOW`` consecutive words the pair of its two rarest words (a partial
quote keeps the windows inside it). Texts sharing at least ``MIN_SHARED_KEYS`` keys, in blocks
of at most ``MAX_BLOCK`` texts, are candidate pairs (``candidate_pairs``), when they also share
at least ``MIN_SHARED_SHARE`` of the keys of the one with fewer keys. Only candidate pairs are
ever scored.

The share (issue 12): on an archive of distinct articles most pairs sharing two keys are the
same source sentence with other names, numbers and words (a family that grows with the corpus);
a repeat, even a partial quote, shares most of its windows with its claim. At 0.2, 100,000
statements: normal and hard corpus unchanged (same claims, recall, precision), distinct corpus
candidate pairs 124,792 -> 71,396 (300,000: 932,681 -> 523,510), recall and precision unchanged;
0.3 starts losing partial quotes.

Partitioning: a pair is found in the block of a key both texts hold, and counted per key it
shares; so the blocks can be built per partition of the keys (``key % parts_n``) and the pairs
counted per range of the lower text, each range independently of the others. That is how the
work splits over forked processes here (``forked.py``), and how it would split over machines.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from .forked import fork_map, workers_available

WINDOW = 6  # words per blocking window
GLOBAL_K = 4  # plus all pairs of each text's 4 rarest words
MIN_SHARED_KEYS = 2  # candidate pairs share at least this many keys
MAX_BLOCK = 100  # blocks with more texts are skipped (common-word keys)
MIN_SHARED_SHARE = 0.2  # ...and at least this share of the keys of the text with fewer keys
PARALLEL_MIN_TEXTS = 200_000  # fewer texts are blocked in this process
SMALL_INPUT = 50_000  # fewer texts: keys and pairs in one part (see candidate_pairs)


def _count_spaces(s: str) -> int:
    return s.count(" ")


def unique_sorted(a: np.ndarray) -> np.ndarray:
    """Sorted distinct values (np.unique's hash path is several times slower on big arrays)."""
    a = np.sort(a)
    if len(a) > 1:
        a = a[np.concatenate(([True], a[1:] != a[:-1]))]
    return a


_BYTE_HASH = np.random.default_rng(20240611).integers(1, 2**63, size=256, dtype=np.uint64) | 1
_POW = np.cumprod(np.full(64, 0x9E3779B97F4A7C15, dtype=np.uint64), dtype=np.uint64)
_POW = np.concatenate((np.ones(1, np.uint64), _POW[:-1]))


def _word_hashes(part: Sequence[str]) -> np.ndarray:
    """64-bit hash of every word of the texts (split on single spaces, as " ".join(part)
    .split(" ") would), computed on the UTF-8 bytes with numpy: sum over the word's bytes of
    T[byte] * P^position (mod 2^64), plus the length. Deterministic across runs."""
    data = " ".join(part).encode("utf-8")
    a = np.frombuffer(data, dtype=np.uint8)
    sp = a == 32
    word_of = np.cumsum(sp)  # word index of each byte (a space belongs to the next word)
    n_words = int(word_of[-1]) + 1 if len(a) else 1
    starts = np.zeros(n_words, np.int64)  # first byte of each word (spaces at starts[w]-1)
    starts[1:] = np.flatnonzero(sp) + 1
    pos = np.arange(len(a), dtype=np.int64) - starts[word_of]
    v = _BYTE_HASH[a] * _POW[np.minimum(pos, 63)]
    v[sp] = 0
    csum = np.cumsum(v, dtype=np.uint64)
    ends = np.empty(n_words, np.int64)  # one past the last byte of each word
    ends[:-1] = starts[1:] - 1
    ends[-1] = len(a)
    total = np.where(ends > 0, csum[np.maximum(ends - 1, 0)], 0).astype(np.uint64)
    before = np.where(starts > 0, csum[np.maximum(starts - 1, 0)], 0).astype(np.uint64)
    return (total - before) + (ends - starts).astype(np.uint64) * np.uint64(0xD6E8FEB86659FD93)


def _tokenize_chunk(texts: Sequence[str], task: tuple[int, int]):
    """(distinct word hashes, word ids into them, words per text) of texts[start:end]."""
    part = texts[task[0]:task[1]]
    lens = np.fromiter(map(_count_spaces, part), dtype=np.int32, count=len(part)) + 1
    # np.unique(return_inverse=True) argsorts every word: a hash table, then a sort of the
    # distinct hashes only, is ~7 times faster, same result
    codes, uniq = pd.factorize(_word_hashes(part))
    order = np.argsort(uniq)
    rank = np.empty(len(uniq), np.int32)
    rank[order] = np.arange(len(uniq), dtype=np.int32)
    return uniq[order], rank[codes], lens


def _tokenize(texts: Sequence[str], chunk: int = 20_000, workers: int = 1):
    """Word ids (int32) of all texts, flattened, with per-text word counts, and the 64-bit
    hash of each distinct word (id order: sorted hashes). Words are hashed with numpy
    (``_word_hashes``), chunk by chunk (in *workers* forked processes); the vocabulary is
    merged from each chunk's distinct hashes with numpy (a dict of them cost ~6 s at 10^6
    texts)."""
    tasks = [(s, min(len(texts), s + chunk)) for s in range(0, len(texts), chunk)]
    chunks = fork_map(_tokenize_chunk, texts, tasks, workers)
    if not chunks:
        return np.zeros(0, np.int32), np.zeros(0, np.int32), np.zeros(0, np.uint64)
    vocab = unique_sorted(np.concatenate([u for u, _, _ in chunks]))
    ids = np.concatenate([np.searchsorted(vocab, u).astype(np.int32)[i] for u, i, _ in chunks])
    return ids, np.concatenate([x for _, _, x in chunks]), vocab


def _sorted_by_key(key: np.ndarray, kd: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(key, kd) sorted by key, then text. Packed into one int64 when both fit (a plain sort,
    vectorised, is several times faster than an argsort and two gathers)."""
    if not len(key):
        return key, kd
    kbits = int(key.max()).bit_length()
    dbits = max(1, int(kd.max()).bit_length())
    if kbits + dbits <= 63:
        packed = (key << dbits) | kd.astype(np.int64)
        packed.sort()
        return packed >> dbits, (packed & ((1 << dbits) - 1)).astype(np.int32)
    o = np.lexsort((kd, key))
    return key[o], kd[o]


def _pairs_from_keys(key: np.ndarray, kd: np.ndarray, n: int, parts_n: int = 4,
                     n_keys: "np.ndarray | None" = None, code_parts: int = 4,
                     workers: int = 1) -> np.ndarray:
    """Codes lo * n + hi (sorted) of the pairs of texts sharing at least MIN_SHARED_KEYS keys,
    in blocks (texts sharing a key) of 2..MAX_BLOCK texts. Keys are handled in parts_n
    partitions to keep the sorting temporaries small; the blocks' members are kept (one int32
    per member, a block a row, sorted) and their pairs expanded code_parts times, once per
    range of lo: the raw pair codes (most pairs share one key and are dropped) cost 8 bytes
    each, ~1.5 GiB at 10^6 texts when expanded at once. A range's pairs are taken column by
    column (column i pairs with the columns after it), only from the rows whose column i is
    in the range, so each pass costs its own pairs, not all of them. The passes run in
    *workers* forked processes (they inherit the blocks; only the kept codes come back)."""
    blocks: list[np.ndarray] = []  # members of the blocks of one size, a row per block
    part_of = (key % parts_n) if parts_n > 1 else None
    for p in range(parts_n):
        if part_of is None:
            k, d = key, kd
        else:
            sel = part_of == p
            k, d = key[sel], kd[sel]
            del sel
        k, d = _sorted_by_key(k, d)
        new_block = np.ones(len(k), bool)
        new_block[1:] = k[1:] != k[:-1]
        bstart = np.flatnonzero(new_block)
        del new_block, k
        bsize = np.diff(np.append(bstart, len(d)))
        for size in unique_sorted(bsize).tolist():
            if size < 2 or size > MAX_BLOCK:
                continue
            bs = bstart[bsize == size]
            # rows sorted by the key sort (texts ascending within a key): in a pair of
            # columns i < j the first is the smaller text
            blocks.append(d[bs[:, None] + np.arange(size)].astype(np.int32))
        del d, bstart, bsize
    del part_of
    bounds = [n * q // code_parts for q in range(code_parts + 1)]
    out = fork_map(_range_pairs, (blocks, n, n_keys), list(zip(bounds, bounds[1:])), workers)
    out = [x for x in out if len(x)]
    return np.concatenate(out) if out else np.zeros(0, np.int64)


def _range_pairs(state, lo_range: tuple[int, int]) -> np.ndarray:
    """The kept pair codes whose lower text is in lo_range (see _pairs_from_keys)."""
    blocks, n, n_keys = state
    lo_min, lo_max = lo_range
    parts = []
    for members in blocks:
        in_range = (members >= lo_min) & (members < lo_max)
        for i in range(members.shape[1] - 1):
            rows = np.flatnonzero(in_range[:, i])
            if not len(rows):
                continue
            a = members[rows, i]
            b = members[rows, i + 1:]
            keep = b != a[:, None]  # a text holding one key twice pairs with itself
            code = (a.astype(np.int64) * n)[:, None] + b
            parts.append(code[keep])
    code = np.concatenate(parts) if parts else np.zeros(0, np.int64)
    del parts
    if not len(code):
        return code
    code.sort()
    first = np.concatenate(([True], code[1:] != code[:-1]))
    starts = np.flatnonzero(first)
    del first
    counts = np.diff(np.append(starts, len(code)))
    code = code[starts]
    if n_keys is None:
        return code[counts >= MIN_SHARED_KEYS]
    fewer = np.minimum(n_keys[code // n], n_keys[code % n])
    need = np.maximum(MIN_SHARED_KEYS, np.ceil(MIN_SHARED_SHARE * fewer))
    return code[counts >= need]


def _chunk_keys(r: np.ndarray, counts: np.ndarray, V: int) -> tuple[np.ndarray, np.ndarray]:
    """Blocking keys of a run of texts: r = word ranks of the texts one after the other
    (words seen once removed), counts = words per text. Returns (key int64, text int32)."""
    n = len(counts)
    m = len(r)
    if m == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int32)
    INF = V  # padding rank, above every real rank
    d = np.repeat(np.arange(n, dtype=np.int32), counts)
    starts = np.zeros(n, np.int64)
    np.cumsum(counts[:-1], out=starts[1:])
    W = WINDOW
    key_parts, doc_parts = [], []

    # (1) whole text: all pairs of its GLOBAL_K rarest distinct words
    tops = []
    rr = r.copy()
    has = counts > 0
    for _ in range(GLOBAL_K):
        mins = np.full(n, INF, np.int32)
        mins[has] = np.minimum.reduceat(rr, starts[has])
        tops.append(mins)
        rr[rr == mins[d]] = INF
    del rr
    for x in range(GLOBAL_K):
        for y in range(x + 1, GLOBAL_K):
            ok = np.flatnonzero(tops[y] < INF)
            key_parts.append(tops[x][ok].astype(np.int64) * (V + 1) + tops[y][ok])
            doc_parts.append(ok.astype(np.int32))
    del tops

    # (2) every window of W consecutive words: the pair of its two rarest words; texts are
    # laid out with W - 1 padding ranks after each, so windows never cross texts
    where = np.arange(m, dtype=np.int64) + d.astype(np.int64) * (W - 1)
    padded = np.full(m + n * (W - 1) + W, INF, np.int32)
    padded[where] = r
    m1 = r.copy()
    m2 = np.full(m, INF, np.int32)
    for k in range(1, W):
        v = padded[where + k]
        lower = v < m1
        np.copyto(m2, np.where(lower, m1, np.minimum(m2, v)))
        np.copyto(m1, np.where(lower, v, m1))
    del padded, where
    # full windows, plus the first window of a text shorter than W
    off = np.arange(m, dtype=np.int64) - starts[d]
    valid = ((off + W) <= counts[d]) | (off == 0)
    valid &= m2 < INF
    key = m1[valid].astype(np.int64) * (V + 1) + m2[valid]
    kd = d[valid]
    # consecutive windows mostly share their key: keep one per run
    run = np.ones(len(key), bool)
    run[1:] = (key[1:] != key[:-1]) | (kd[1:] != kd[:-1])
    key_parts.append(key[run])
    doc_parts.append(kd[run])
    return np.concatenate(key_parts), np.concatenate(doc_parts)


def candidate_pairs(texts: Sequence[str], chunk: int = 100_000) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs (i < j) of texts sharing blocking keys (see the module docstring).
    From PARALLEL_MIN_TEXTS texts, tokenizing and the pair expansion run in one forked
    process per core, in twice as many lo ranges (each worker holds its range's raw codes)."""
    n = len(texts)
    empty = (np.zeros(0, np.int64), np.zeros(0, np.int64))
    if n < 2:
        return empty
    workers = workers_available() if n >= PARALLEL_MIN_TEXTS else 1
    ids, lens, whash = _tokenize(texts, workers=workers)
    V = len(whash)
    freq = np.bincount(ids, minlength=V)
    # rank words rarest first, ties by the word's hash (independent of row order)
    order = np.lexsort((whash, freq))
    del whash
    rank = np.empty(V, np.int32)
    rank[order] = np.arange(V, dtype=np.int32)
    del order
    keep = freq[ids] > 1  # words seen once match nothing (typos become such words)
    counts = np.add.reduceat(keep.astype(np.int32), np.concatenate(([0], np.cumsum(lens)[:-1]))) \
        if len(ids) else np.zeros(n, np.int32)
    counts[lens == 0] = 0
    r_all = rank[ids[keep]]
    del ids, keep, rank, freq
    starts_all = np.zeros(n + 1, np.int64)
    np.cumsum(counts, out=starts_all[1:])
    key_parts, doc_parts = [], []
    for c0 in range(0, n, chunk):
        c1 = min(n, c0 + chunk)
        r = r_all[starts_all[c0]:starts_all[c1]]
        k, dd = _chunk_keys(r, counts[c0:c1], V)
        key_parts.append(k)
        doc_parts.append(dd + c0)
    del r_all
    key = np.concatenate(key_parts)
    del key_parts
    kd = np.concatenate(doc_parts)
    del doc_parts
    n_keys = np.bincount(kd, minlength=n)
    # the parts only bound the temporaries of a large corpus; a run's batch (a few thousand
    # texts) is cheaper in one pass: each part loops over every block size and column in Python
    small = n < SMALL_INPUT
    code = _pairs_from_keys(key, kd, n, n_keys=n_keys, workers=workers, parts_n=1 if small else 4,
                            code_parts=1 if small else (4 if workers < 2 else 4 * workers))
    del key, kd
    return code // n, code % n


