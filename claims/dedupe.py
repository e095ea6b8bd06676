"""Group statements into claims: the same claim repeated in one report or across reports.

Two tiers, as fact-checking platforms do:

* **same claim** -- grouped automatically: ``score >= same_threshold`` on the texts normalised by
  ``claims.normalize`` (case, punctuation, quote marks, accents, whitespace and bracketed
  asides), and the same-tier guards below pass;
* **similar claim** -- ``score >= similar_threshold`` but not the same claim: shown to the
  reviewer as a suggestion with its score (``ClaimGroups.similar``, one row per pair of claims,
  ``claim_id < similar_claim_id``, at most ``MAX_SIMILAR_PER_CLAIM`` per claim), never merged.

The score of two normalised texts, ``a`` the longer and ``b`` the shorter (``claim_score``), is
the maximum of

* ``fuzz.ratio(a, b)`` -- near-identical wording;
* the *containment* ``100 * LCS(a, b) / len(b)`` when ``b`` has >= ``CONTAIN_MIN_SHARE`` of
  ``a``'s characters and >= ``CONTAIN_MIN_WORDS`` words -- a word dropped, "..., officials said";
* ``fuzz.partial_ratio(b, a)`` and, when that aligns ``b`` somewhere in ``a``
  (>= ``PARTIAL_LOCAL``), the containment of ``b`` in that part of ``a`` -- for a partial quote
  holding >= ``PARTIAL_MIN_SHARE`` of ``a``'s words and >= ``PARTIAL_MIN_WORDS`` words.

Same-tier guards (``_guards_ok``; a pair failing one can still be *similar*):

* very short texts (< ``MIN_FUZZY_WORDS`` words or < ``MIN_FUZZY_CHARS`` characters) are grouped
  only when their normalised texts are equal, never on a fuzzy score;
* words: aligned word by word, the texts differ only by dropped words and typos (at most one per
  8 words); a substituted word ("supported" / "opposed"), or words missing in the middle of both
  texts, make different claims;
* numbers: those of the shorter all occur in the longer ("$23 billion" is not "$25 billion");
* negations: the same number of negation words ("did" / "did not"), counted in the aligned part
  of the longer text for a partial quote.

How it scales (10^6 statements in ~25 s and ~1.5 GiB on two cores, see the benchmark):

1. Exact duplicates after normalisation are collapsed; the rest works on distinct texts.
2. **Blocking** (``_candidate_pairs``): words are hashed with numpy and ranked by corpus
   frequency (rarest first, ties by hash, so the ranking does not depend on row order); words
   seen once are dropped (they match nothing: this is also what makes a typo harmless). Keys:
   all pairs of a text's ``GLOBAL_K`` rarest words, and for every window of ``WINDOW``
   consecutive words the pair of its two rarest words (a partial quote keeps the windows inside
   it). Texts sharing at least ``MIN_SHARED_KEYS`` keys, in blocks of at most ``MAX_BLOCK``
   texts, are candidate pairs. Only candidate pairs are ever scored.
3. Scoring with rapidfuzz ``process.cpdist`` (C++, all cores): ``ratio`` for all candidate
   pairs, ``partial_ratio`` only for those it could lift; guards only on pairs passing the score.
4. **Center-based clustering** (no chaining): distinct texts are visited by how many
   statements they match (their own plus their same-tier neighbours'), then longest first; an
   unassigned text becomes a *center* and takes every unassigned text that is the same claim as
   *the center*. Every member is therefore the same claim as its claim's representative, and
   chains of small edits (A~B, B~C, A!~C) never pull C into A's claim. Visiting by matches
   makes the original the center when a wrapped quote and a partial quote both match it but
   not each other.

The claims table's representative is an occurrence of the center text (its longest original
text, then the earliest): the fullest occurrence that all the others match -- for plain repeats
the longest one; a wrapped copy ("X, officials said") is longer but is not what the partial
quotes match.

Claim ids (``"C" + 10 upper-case hex``) are the first 40 bits of ``sha1`` of the normalised text
of the claim's *anchor*: the member text that appeared first (earliest ``report_date``, undated
last), ties by the smallest sha1; the ids do not depend on row order. Adding reports does not
change an existing claim's id unless a new member is dated earlier or the new statements
regroup the claim; ``previous`` makes ids fully stable: previous statements keep their claim
ids, a new statement that is the same claim as a previous claim's representative (its longest
previous text) joins it, previous claims are never merged, and a new id colliding with an
existing one is re-hashed with a counter.

Thresholds were chosen by measurement (``tests/benchmarks/bench_dedupe.py --sweep``, 100,000
statements, normal and hard corpus; see ``DEFAULT_SAME_THRESHOLD``).
"""
from __future__ import annotations

import gc
import hashlib
import re
from collections import _count_elements  # C helper behind Counter.update: fast word counts
from itertools import chain
from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from .normalize import NEGATION_WORDS, normalize_texts, numbers_in

__all__ = [
    "DEFAULT_SAME_THRESHOLD",
    "DEFAULT_SIMILAR_THRESHOLD",
    "ClaimGroups",
    "group_claims",
    "cluster_texts",
    "claim_score",
    "claim_id_for",
]

# Chosen by measurement: tests/benchmarks/bench_dedupe.py --sweep, 100,000 statements (PolNeAR
# sentences and synthetic variants with planted near-duplicates). With the guards, precision
# barely moves with the threshold (0.9990 at 80 .. 0.9995 at 96) while recall falls above ~87,
# fast on the hard corpus (partial and wrapped quotes: 0.986 at 80, 0.984 at 86, 0.981 at 88,
# 0.977 at 90, 0.957 at 94) and slowly on the normal one (0.9992 from 84 to 87, 0.9990 at 88,
# 0.9987 at 90; 0.9989 at 88 with 10^6 statements). 86 is in the middle of the plateau where
# normal recall is >= 0.999, with the best precision on it (0.9992).
DEFAULT_SAME_THRESHOLD: float = 86.0
# Suggestions, measured the same way (100,000 statements, hard corpus): of the planted claim
# pairs the same tier leaves apart, 86 % are suggested at 60, 85 % at 70, 83 % at 75, 77 % at
# 80, while suggestions between unrelated claims grow from 0.004 per claim at 80 to 0.007 at 75,
# 0.013 at 70 and 0.044 at 60 (an upper bound: real sentences repeated between outlets count as
# unrelated). 75 is the knee: below it, six times the noise for 3 points more.
DEFAULT_SIMILAR_THRESHOLD: float = 75.0

MIN_FUZZY_WORDS = 5  # shorter texts are grouped only when equal after normalisation
MIN_FUZZY_CHARS = 25
CONTAIN_MIN_SHARE = 0.8  # containment (LCS / shorter) when the shorter has >= 80% of the characters
CONTAIN_MIN_WORDS = 5  # ...and at least this many words
PARTIAL_MIN_WORDS = 6  # partial_ratio (partial quote, wrapped quote) only for texts this long...
PARTIAL_MIN_SHARE = 0.5  # ...holding at least this share of the longer text's words
PARTIAL_LOCAL = 75.0  # partial_ratio at least this: the containment of the shorter text counts
WINDOW = 6  # words per blocking window
GLOBAL_K = 4  # plus all pairs of each text's 4 rarest words
MIN_SHARED_KEYS = 2  # candidate pairs share at least this many keys
MAX_BLOCK = 100  # blocks with more texts are skipped (common-word keys)
MAX_SIMILAR_PER_CLAIM = 5

_OUT_COLUMNS = [
    "claim_id", "text", "representative_id", "kind", "n_occurrences", "n_reports", "reports",
    "first_report", "first_date", "speakers", "checkworthiness", "occurrences",
]


@dataclass
class ClaimGroups:
    assignments: pd.DataFrame  # statement_id, claim_id; one row per input statement, input order
    claims: pd.DataFrame  # see _OUT_COLUMNS
    similar: pd.DataFrame  # claim_id, similar_claim_id, score (claim_id < similar_claim_id)


# --- scoring --------------------------------------------------------------------------------


_NUMBER_WORD = re.compile(r"\d")


def _n_words(s: str) -> int:
    return s.count(" ") + 1 if s else 0


def _count_spaces(s: str) -> int:
    return s.count(" ")


def _is_short(s: str) -> bool:
    return len(s) < MIN_FUZZY_CHARS or _n_words(s) < MIN_FUZZY_WORDS


def _partial_eligible(short: str, long: str) -> bool:
    ws = _n_words(short)
    return (len(short) < CONTAIN_MIN_SHARE * len(long) and ws >= PARTIAL_MIN_WORDS
            and ws >= PARTIAL_MIN_SHARE * _n_words(long))


def _is_typo_of(t: str, w: str) -> bool:
    """Whether word *t* can be a typo of word *w*: the same letters in another order, or, for
    words of 5+ letters, one substitution, insertion, deletion or transposition."""
    if t == w:
        return True
    if len(t) == len(w) and sorted(t) == sorted(w):
        return True
    return min(len(t), len(w)) >= 5 and OSA.distance(t, w, score_cutoff=1) <= 1


def _at_edges(positions: list[int], length: int) -> bool:
    """Whether the positions form a prefix and/or a suffix of range(length)."""
    pos = sorted(positions)
    k = 0
    while k < len(pos) and pos[k] == k:
        k += 1
    rest = pos[k:]
    return all(p == length - len(rest) + i for i, p in enumerate(rest))


def _only_drops_and_typos(words_a: list[str], words_b: list[str]) -> bool:
    """Whether two word sequences differ only by words dropped and typos: in a word-level
    alignment every substituted word is a typo of a word it replaces (numbers never are), at
    most one typo per 8 words; and when both sides have words the other lacks, the extra words
    of one side are all at its start or end (a wrapped quote: "According to ..., X, officials
    said" against X with a word dropped) -- a word missing here and another added there is a
    substitution."""
    ops = Levenshtein.opcodes(words_a, words_b)
    # the aligner may pair a typo with a dropped neighbour: compare with every unmatched word
    unmatched = {w for tag, i1, i2, _, _ in ops if tag in ("replace", "delete")
                 for w in words_a[i1:i2]}
    typos = 0
    extra_a: list[int] = []
    extra_b: list[int] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "delete":
            extra_a.extend(range(i1, i2))
        elif tag == "insert":
            extra_b.extend(range(j1, j2))
        elif tag == "replace":
            for w in words_b[j1:j2]:
                if _NUMBER_WORD.search(w) or not any(_is_typo_of(w, x) for x in unmatched):
                    return False
                typos += 1
            if i2 - i1 > j2 - j1:
                extra_a.extend(range(i1 + (j2 - j1), i2))
    if typos > max(1, min(len(words_a), len(words_b)) // 8):
        return False
    if extra_a and extra_b:
        return _at_edges(extra_a, len(words_a)) or _at_edges(extra_b, len(words_b))
    return True


def _guards_ok(a: str, b: str) -> bool:
    """Same-tier guards on two normalised texts, ``b`` the shorter:

    * words: in a word-level alignment the texts differ only by words dropped on either side
      (a word dropped, a partial quote, "..., officials said") and typos, never by a substituted
      word ("supported" / "opposed");
    * numbers: the numbers of ``b`` all occur in ``a`` ("$23 billion" is not "$25 billion");
    * negations: both have the same negation words ("did" vs "did not"), a negation spelt with
      a typo counting as one; when ``b`` is a partial quote of ``a``, counted in the part of
      ``a`` that ``b`` aligns with.
    """
    if len(a) < len(b) or (len(a) == len(b) and a > b):  # canonical order: symmetric result
        a, b = b, a
    words_a = a.split()
    words_b = b.split()
    if words_a != words_b and not _only_drops_and_typos(words_a, words_b):
        return False
    nb = numbers_in(b)
    if nb:
        pool = numbers_in(a)
        for x in nb:
            if x in pool:
                pool.remove(x)
            else:
                return False
    neg_b = [w for w in words_b if w in NEGATION_WORDS]
    neg_a = [w for w in words_a if w in NEGATION_WORDS]
    if len(neg_a) == len(neg_b):
        return True
    if len(neg_a) < len(neg_b):
        # a negation of b missing from a must be a typo'd negation there
        extra = len(neg_b) - len(neg_a)
        typos = sum(1 for x in words_a if x not in NEGATION_WORDS
                    and any(_is_typo_of(x, w) for w in neg_b))
        return typos >= extra
    # a has more negations: b misspelt one, or b quotes only part of a
    typos = sum(1 for x in words_b if x not in NEGATION_WORDS
                and any(_is_typo_of(x, w) for w in neg_a))
    if len(neg_b) + typos >= len(neg_a):
        return True
    if len(b) >= CONTAIN_MIN_SHARE * len(a):
        return False
    al = fuzz.partial_ratio_alignment(b, a)
    start = a.rfind(" ", 0, al.dest_start) + 1
    end = a.find(" ", al.dest_end)
    window = a[start:] if end < 0 else a[start:end]
    return sum(1 for w in window.split() if w in NEGATION_WORDS) <= len(neg_b) + typos


def _local_containment(short: str, long: str) -> float:
    """100 * LCS(short, window) / len(short), the window being the part of *long* that
    partial_ratio aligns *short* with, widened by a quarter of len(short) on each side."""
    al = fuzz.partial_ratio_alignment(short, long)
    pad = len(short) // 4
    win = long[max(0, al.dest_start - pad):al.dest_end + pad]
    ls, lw = len(short), len(win)
    r = fuzz.ratio(short, win)
    return min(100.0, r * (ls + lw) / (2.0 * max(ls, 1)))


def claim_score(a: str, b: str, *, normalized: bool = False) -> float:
    """The similarity score of two texts (0..100), as used for grouping.

    With ``a`` the longer normalised text and ``b`` the shorter: the maximum of
    ``fuzz.ratio(a, b)``; the *containment* ``100 * LCS(a, b) / len(b)`` when ``b`` has at least
    ``CONTAIN_MIN_SHARE`` of ``a``'s characters (words dropped or added: "a word dropped",
    "..., officials said"); and ``fuzz.partial_ratio(b, a)`` when ``b`` has at least
    ``PARTIAL_MIN_WORDS`` words and ``PARTIAL_MIN_SHARE`` of ``a``'s words (a partial quote).
    """
    if not normalized:
        a, b = normalize_texts([a, b])
    if a == b:
        return 100.0
    if len(a) < len(b):
        a, b = b, a
    ratio = fuzz.ratio(a, b)
    score = ratio
    la, lb = len(a), len(b)
    cont = ratio * (la + lb) / (2.0 * max(lb, 1))
    if lb >= CONTAIN_MIN_SHARE * la and _n_words(b) >= CONTAIN_MIN_WORDS:
        score = max(score, min(cont, 100.0))
    elif _partial_eligible(b, a):
        partial = fuzz.partial_ratio(b, a)
        score = max(score, partial)
        if PARTIAL_LOCAL <= partial < 100:
            score = max(score, _local_containment(b, a))
    return float(score)


def same_claim(a: str, b: str, threshold: float = DEFAULT_SAME_THRESHOLD, *,
               normalized: bool = False) -> bool:
    """Whether two texts are the *same claim* (score, short-text rule and guards)."""
    if not normalized:
        a, b = normalize_texts([a, b])
    if a == b:
        return True
    if _is_short(a) or _is_short(b):
        return False
    return claim_score(a, b, normalized=True) >= threshold and _guards_ok(a, b)


# --- blocking -------------------------------------------------------------------------------


def _unique(a: np.ndarray) -> np.ndarray:
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


def _tokenize(texts: Sequence[str], chunk: int = 20_000):
    """Word ids (int32) of all texts, flattened, with per-text word counts, and the 64-bit
    hash of each distinct word (id order). Words are hashed with numpy (``_word_hashes``);
    only each chunk's distinct hashes go through a Python dict."""
    vocab: dict[int, int] = {}
    ids_parts, len_parts = [], []
    for s in range(0, len(texts), chunk):
        part = texts[s:s + chunk]
        lens = np.fromiter(map(_count_spaces, part), dtype=np.int32, count=len(part)) + 1
        h = _word_hashes(part)
        uniq, inv = np.unique(h, return_inverse=True)
        setdefault = vocab.setdefault
        gmap = np.fromiter((setdefault(x, len(vocab)) for x in uniq.tolist()), dtype=np.int32,
                           count=len(uniq))
        ids_parts.append(gmap[inv.ravel()])
        len_parts.append(lens)
    ids = np.concatenate(ids_parts) if ids_parts else np.zeros(0, np.int32)
    lens = np.concatenate(len_parts) if len_parts else np.zeros(0, np.int32)
    return ids, lens, np.fromiter(vocab.keys(), dtype=np.uint64, count=len(vocab))


def _pairs_from_keys(key: np.ndarray, kd: np.ndarray, n: int, parts_n: int = 4) -> np.ndarray:
    """Codes lo * n + hi of the pairs of texts sharing at least MIN_SHARED_KEYS keys, in blocks
    (texts sharing a key) of 2..MAX_BLOCK texts. Keys are handled in parts_n partitions to keep
    the sorting temporaries small."""
    parts = []
    part_of = (key % parts_n) if parts_n > 1 else None
    for p in range(parts_n):
        if part_of is None:
            k, d = key, kd
        else:
            sel = part_of == p
            k, d = key[sel], kd[sel]
            del sel
        o = np.argsort(k)
        k = k[o]
        d = d[o]
        del o
        new_block = np.ones(len(k), bool)
        new_block[1:] = k[1:] != k[:-1]
        bstart = np.flatnonzero(new_block)
        del new_block, k
        bsize = np.diff(np.append(bstart, len(d)))
        for size in _unique(bsize).tolist():
            if size < 2 or size > MAX_BLOCK:
                continue
            bs = bstart[bsize == size]
            members = d[bs[:, None] + np.arange(size)].astype(np.int64)
            iu, ju = np.triu_indices(size, 1)
            a = members[:, iu].ravel()
            b = members[:, ju].ravel()
            keep = a != b
            parts.append(np.minimum(a, b)[keep] * n + np.maximum(a, b)[keep])
        del d, bstart, bsize
    del part_of
    if not parts:
        return np.zeros(0, np.int64)
    code = np.concatenate(parts)
    del parts
    code.sort()
    if not len(code):
        return code
    first = np.concatenate(([True], code[1:] != code[:-1]))
    starts = np.flatnonzero(first)
    del first
    counts = np.diff(np.append(starts, len(code)))
    return code[starts[counts >= MIN_SHARED_KEYS]]


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


def _candidate_pairs(texts: Sequence[str], chunk: int = 100_000) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs (i < j) of texts sharing blocking keys (see module docstring)."""
    n = len(texts)
    empty = (np.zeros(0, np.int64), np.zeros(0, np.int64))
    if n < 2:
        return empty
    ids, lens, whash = _tokenize(texts)
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
    code = _pairs_from_keys(key, kd, n)
    del key, kd
    return code // n, code % n


def _score_pairs(texts: np.ndarray, lo: np.ndarray, hi: np.ndarray, lens: np.ndarray,
                 nwords: np.ndarray, floor: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Scores (see ``claim_score``) of candidate pairs; keeps those >= floor."""
    if not len(lo):
        return lo, hi, np.zeros(0, np.float32)
    la, lb = lens[lo], lens[hi]
    s_len = np.minimum(la, lb).astype(np.float64)
    l_len = np.maximum(la, lb).astype(np.float64)
    wa, wb = nwords[lo], nwords[hi]
    s_w = np.where(la <= lb, wa, wb)
    l_w = np.where(la <= lb, wb, wa)
    share = s_len / np.maximum(l_len, 1)
    cont_ok = (share >= CONTAIN_MIN_SHARE) & (s_w >= CONTAIN_MIN_WORDS)
    partial_ok = (share < CONTAIN_MIN_SHARE) & (s_w >= PARTIAL_MIN_WORDS) & (s_w >= PARTIAL_MIN_SHARE * l_w)
    # without containment or partial, ratio <= 200 * short / (short + long)
    keep = cont_ok | partial_ok | (200.0 * s_len / np.maximum(s_len + l_len, 1) >= floor)
    if not keep.all():
        lo, hi, la, lb = lo[keep], hi[keep], la[keep], lb[keep]
        s_len, l_len, cont_ok, partial_ok = s_len[keep], l_len[keep], cont_ok[keep], partial_ok[keep]
    if not len(lo):
        return lo, hi, np.zeros(0, np.float32)
    ratio = process.cpdist(texts[lo], texts[hi], scorer=fuzz.ratio, workers=-1,
                           dtype=np.float32)
    # containment: share of the shorter text found, in order, in the longer (LCS / len(short))
    cont = ratio * ((s_len + l_len) / (2.0 * np.maximum(s_len, 1)))
    score = np.where(cont_ok, np.maximum(ratio, np.minimum(cont, 100.0)), ratio).astype(np.float32)
    # partial_ratio <= containment: only pairs it could lift above the floor and their score
    need = partial_ok & (cont >= floor) & (score < cont) & (score < 100)
    if need.any():
        idx = np.flatnonzero(need)
        a_short = la[idx] <= lb[idx]
        s_idx = np.where(a_short, lo[idx], hi[idx])
        l_idx = np.where(a_short, hi[idx], lo[idx])
        pscore = process.cpdist(texts[s_idx], texts[l_idx], scorer=fuzz.partial_ratio,
                                workers=-1, dtype=np.float32)
        score[idx] = np.maximum(score[idx], pscore)
        # a local alignment (partial_ratio >= PARTIAL_LOCAL): containment around it counts
        loc = (pscore >= PARTIAL_LOCAL) & (pscore < 100)
        if loc.any():
            li = idx[loc]
            sl, ll = s_idx[loc].tolist(), l_idx[loc].tolist()
            lc = np.fromiter((_local_containment(texts[x], texts[y]) for x, y in zip(sl, ll)),
                             dtype=np.float64, count=len(li))
            score[li] = np.maximum(score[li], lc)
    keep = score >= floor
    return lo[keep], hi[keep], score[keep]


# --- clustering -----------------------------------------------------------------------------


def cluster_texts(texts: Sequence[str], *, same_threshold: float = DEFAULT_SAME_THRESHOLD,
                  similar_threshold: float = DEFAULT_SIMILAR_THRESHOLD,
                  fixed: Optional[np.ndarray] = None,
                  fixed_center: Optional[np.ndarray] = None,
                  weights: Optional[np.ndarray] = None):
    """Cluster *distinct normalised* texts.

    fixed: optional int array, -1 for free texts, else a previous cluster number (>= 0) the text
    already belongs to; fixed_center: bool array, True for the representative of each previous
    cluster; weights: statements per text (default 1), for the visiting order. Free texts join
    a previous cluster only when they pass the same tier with its representative; previous
    clusters are never merged.

    Returns (center, sim_lo, sim_hi, sim_score): center[i] is the index of the text's cluster
    center for free texts, or ``-1 - fixed[i]`` for texts in (or joining) a previous cluster;
    sim_* are the scored candidate pairs with score >= similar_threshold.
    """
    n = len(texts)
    arr = np.empty(n, dtype=object)
    arr[:] = list(texts)
    lens = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    nwords = np.fromiter(map(_n_words, texts), dtype=np.int64, count=n)
    floor = min(same_threshold, similar_threshold)
    lo, hi = _candidate_pairs(texts)
    lo, hi, score = _score_pairs(arr, lo, hi, lens, nwords, floor)

    short = (lens < MIN_FUZZY_CHARS) | (nwords < MIN_FUZZY_WORDS)
    same = (score >= same_threshold) & ~short[lo] & ~short[hi]
    e_lo, e_hi, e_sc = lo[same], hi[same], score[same]
    if len(e_lo):  # content guards, only on the few pairs that pass the score
        ok = np.fromiter((_guards_ok(arr[a], arr[b]) for a, b in zip(e_lo.tolist(), e_hi.tolist())),
                         dtype=bool, count=len(e_lo))
        e_lo, e_hi, e_sc = e_lo[ok], e_hi[ok], e_sc[ok]

    UNSET = np.iinfo(np.int64).min
    center = np.full(n, UNSET, dtype=np.int64)
    free = np.ones(n, dtype=bool)
    if fixed is not None:
        fixed = np.asarray(fixed, dtype=np.int64)
        is_fixed = fixed >= 0
        center[is_fixed] = -1 - fixed[is_fixed]
        free = ~is_fixed
        if fixed_center is not None and len(e_lo):
            fc = np.asarray(fixed_center, dtype=bool)
            # a free text joins the previous cluster whose representative it matches best
            a_rep = fc[e_lo] & free[e_hi]
            b_rep = fc[e_hi] & free[e_lo]
            j_txt = np.concatenate([e_hi[a_rep], e_lo[b_rep]])
            j_rep = np.concatenate([e_lo[a_rep], e_hi[b_rep]])
            j_sc = np.concatenate([e_sc[a_rep], e_sc[b_rep]])
            if len(j_txt):
                o = np.lexsort((fixed[j_rep], -j_sc, j_txt))
                j_txt, j_rep = j_txt[o], j_rep[o]
                first = np.ones(len(j_txt), bool)
                first[1:] = j_txt[1:] != j_txt[:-1]
                center[j_txt[first]] = -1 - fixed[j_rep[first]]
                free[j_txt[first]] = False
        keep = free[e_lo] & free[e_hi]
        e_lo, e_hi = e_lo[keep], e_hi[keep]

    # greedy center clustering over free texts that have same-tier edges: the text matching
    # the most statements first (the original a partial quote and a wrapped quote both match),
    # then the longest
    if len(e_lo):
        nodes = _unique(np.concatenate([e_lo, e_hi]))
        w = np.ones(n, np.int64) if weights is None else np.asarray(weights, np.int64)
        deg = w + np.bincount(e_lo, weights=w[e_hi], minlength=n) + \
            np.bincount(e_hi, weights=w[e_lo], minlength=n)
        order = sorted(nodes.tolist(), key=lambda i: (-deg[i], -lens[i], texts[i]))
        src = np.concatenate([e_lo, e_hi])
        dst = np.concatenate([e_hi, e_lo])
        o = np.argsort(src, kind="stable")
        src, dst = src[o], dst[o]
        bounds = np.searchsorted(src, nodes)
        bounds_end = np.searchsorted(src, nodes, side="right")
        pos = dict(zip(nodes.tolist(), zip(bounds.tolist(), bounds_end.tolist())))
        dst_l = dst.tolist()
        cen = center
        assigned = set()
        for u in order:
            if u in assigned:
                continue
            assigned.add(u)
            cen[u] = u
            a, b = pos[u]
            for v in dst_l[a:b]:
                if v not in assigned:
                    assigned.add(v)
                    cen[v] = u
    rest = center == UNSET
    center[rest] = np.flatnonzero(rest)
    sim = score >= similar_threshold
    return center, lo[sim], hi[sim], score[sim]


# --- ids ------------------------------------------------------------------------------------


def claim_id_for(norm_text: str, salt: int = 0) -> str:
    """"C" + 10 upper-case hex of sha1 of the normalised anchor text (salted on collision)."""
    data = norm_text if not salt else f"{norm_text}\x00{salt}"
    return "C" + hashlib.sha1(data.encode("utf-8")).hexdigest()[:10].upper()


# --- the public entry point -----------------------------------------------------------------


def _col(df: pd.DataFrame, name: str, default=None) -> list:
    """A column as a list, missing values (NaN, NaT, pd.NA) as None."""
    if name not in df.columns:
        return [default] * len(df)
    col = df[name]
    if col.hasnans if hasattr(col, "hasnans") else col.isna().any():
        col = col.astype(object).where(col.notna(), None)
    return col.tolist()


def _int_col(df: pd.DataFrame, name: str) -> list:
    """An integer column (offsets) as a list of int or None."""
    if name not in df.columns:
        return [None] * len(df)
    col = df[name]
    if pd.api.types.is_integer_dtype(col.dtype) and not col.isna().any():
        return col.astype(np.int64).tolist()
    return [None if v is None or v != v else int(v) for v in col.astype(object).tolist()]


def _clean(v):
    if v is None:
        return None
    if isinstance(v, float) and v != v:
        return None
    return v


def group_claims(statements: pd.DataFrame, *, previous: Optional[pd.DataFrame] = None,
                 same_threshold: float = DEFAULT_SAME_THRESHOLD,
                 similar_threshold: float = DEFAULT_SIMILAR_THRESHOLD) -> ClaimGroups:
    """Group statements into claims (see the module docstring).

    statements needs at least: id, report, kind, text, speaker, speaker_name, report_date,
    content_start, content_end, checkworthiness (missing optional columns count as empty).
    previous: optional DataFrame (statement_id, claim_id, text) of statements already assigned
    in earlier runs; their claim ids are kept. The claims table describes the input statements
    only (a previous claim appears in it when an input statement belongs to it).
    """
    # millions of small lists and dicts: the cyclic GC would rescan them over and over
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _group_claims(statements, previous, same_threshold, similar_threshold)
    finally:
        if gc_was_enabled:
            gc.enable()


def _group_claims(statements, previous, same_threshold, similar_threshold) -> ClaimGroups:
    n = len(statements)
    sid = [x if type(x) is str else str(x) for x in _col(statements, "id")]
    raw = _col(statements, "text", "")
    norm = normalize_texts(raw)
    for i, t in enumerate(norm):  # texts of punctuation only: grouped by their exact text
        if not t:
            norm[i] = "\x00" + str(_clean(raw[i]) or "").strip()

    # previous assignments
    prev_claim_of_sid: dict[str, str] = {}
    prev_norm: list[str] = []
    prev_cid: list[str] = []
    if previous is not None and len(previous):
        p_sid = [str(x) for x in previous["statement_id"].tolist()]
        p_cid = [str(x) for x in previous["claim_id"].tolist()]
        p_txt = previous["text"].tolist() if "text" in previous.columns else [""] * len(p_sid)
        prev_claim_of_sid = dict(zip(p_sid, p_cid))
        prev_norm = normalize_texts(p_txt)
        for i, t in enumerate(prev_norm):
            if not t:
                prev_norm[i] = "\x00" + str(_clean(p_txt[i]) or "").strip()
        prev_cid = p_cid

    # distinct normalised texts: input first, then previous-only ones
    codes, uniques = pd.factorize(pd.Series(norm + prev_norm, dtype=object), sort=False)
    utexts = list(uniques)
    nu = len(utexts)
    s_code = codes[:n]
    fixed = fixed_center = None
    prev_cluster_ids: list[str] = []
    if prev_norm:
        p_code = codes[n:]
        # a text shared by several previous claims belongs to the smallest claim id
        cl_codes, cl_uniques = pd.factorize(pd.Series(prev_cid, dtype=object), sort=True)
        prev_cluster_ids = [str(x) for x in cl_uniques]
        fixed = np.full(nu, np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(fixed, p_code, cl_codes)
        fixed[fixed == np.iinfo(np.int64).max] = -1
        # representative of each previous claim: longest normalised text, then smallest text
        fixed_center = np.zeros(nu, dtype=bool)
        best: dict[int, int] = {}
        for c, u in zip(cl_codes.tolist(), p_code.tolist()):
            if fixed[u] != c:
                continue
            b = best.get(c)
            if b is None or (len(utexts[u]), utexts[b]) > (len(utexts[b]), utexts[u]):
                best[c] = u
        fixed_center[list(best.values())] = True

    center, sim_lo, sim_hi, sim_score = cluster_texts(
        utexts, same_threshold=same_threshold, similar_threshold=similar_threshold,
        fixed=fixed, fixed_center=fixed_center, weights=np.bincount(codes, minlength=nu))

    # statement -> cluster key (center text index >= 0, or -1 - previous cluster number)
    s_center = center[s_code].copy()
    if prev_claim_of_sid:
        pc_index = {c: i for i, c in enumerate(prev_cluster_ids)}
        for i, s in enumerate(sid):
            c = prev_claim_of_sid.get(s)
            if c is not None:
                s_center[i] = -1 - pc_index[c]

    # dates and order inside each claim: dated first (ISO strings sort), then input order
    dates = [x[:10] if type(x) is str else (None if x is None else str(x)[:10])
             for x in _col(statements, "report_date")]
    date_codes, date_uniques = pd.factorize(pd.Series(dates, dtype=object), sort=True)
    date_key = np.where(date_codes < 0, len(date_uniques), date_codes)

    # claim ids. New clusters: sha1 of the normalised text of the anchor, the member text that
    # appeared first (earliest report_date, undated last), ties by the smallest sha1.
    kcodes, kuniq = pd.factorize(s_center)
    nk = len(kuniq)
    cids = np.empty(nk, dtype=object)
    is_prev = kuniq < 0
    for j in np.flatnonzero(is_prev).tolist():
        cids[j] = prev_cluster_ids[-1 - int(kuniq[j])]
    if n and not is_prev.all():
        used = _unique(s_code)
        hint = np.zeros(nu, dtype=np.int64)  # first 60 bits of sha1; the id shows the first 40
        for u in used.tolist():
            hint[u] = int(hashlib.sha1(utexts[u].encode("utf-8")).hexdigest()[:15], 16)
        o = np.lexsort((hint[s_code], date_key, kcodes))
        kc = kcodes[o]
        first = np.ones(n, bool)
        first[1:] = kc[1:] != kc[:-1]
        anchor_u = np.empty(nk, dtype=np.int64)
        anchor_u[kc[first]] = s_code[o[first]]
        del o, kc, first
        new_j = np.flatnonzero(~is_prev)
        new_ids = ["C%010X" % v for v in (hint[anchor_u[new_j]] >> 20).tolist()]
        taken = set(prev_cluster_ids)
        if len(set(new_ids)) != len(new_ids) or not taken.isdisjoint(new_ids):
            # deterministic collision handling: anchors in hash order, later ones salted
            for pos in sorted(range(len(new_j)), key=lambda q: (new_ids[q], hint[anchor_u[new_j[q]]])):
                cid, salt = new_ids[pos], 0
                while cid in taken:
                    salt += 1
                    cid = claim_id_for(utexts[anchor_u[new_j[pos]]], salt)
                taken.add(cid)
                new_ids[pos] = cid
        cids[new_j] = new_ids
        del new_ids, hint, anchor_u
    s_cid = cids[kcodes].tolist()
    cid_of_key = dict(zip(kuniq.tolist(), cids.tolist()))
    for k in range(len(prev_cluster_ids)):
        cid_of_key.setdefault(-1 - k, prev_cluster_ids[k])
    assignments = pd.DataFrame({"statement_id": pd.Series(sid, dtype=object),
                                "claim_id": pd.Series(s_cid, dtype=object)})

    is_center = s_center == s_code  # the statement's text is its cluster's center
    nlen = np.fromiter(map(len, norm), dtype=np.int64, count=n)
    del norm, prev_norm, utexts, uniques, codes
    claims = _claims_table(statements, n, sid, raw, nlen, kcodes, s_cid, dates, date_key,
                           is_center)
    similar = _similar_table(center, sim_lo, sim_hi, sim_score, cid_of_key, s_center,
                             set(s_cid))
    return ClaimGroups(assignments=assignments, claims=claims, similar=similar)


def _claims_table(statements, n, sid, raw, nlen, s_rank, s_cid, dates, date_key, is_center):
    if n == 0:
        return pd.DataFrame({c: [] for c in _OUT_COLUMNS})
    # claims in order of their first statement in the input (s_rank: factorize order); inside
    # a claim, dated first (ISO dates sort), then input order
    o = np.lexsort((np.arange(n), date_key, s_rank))
    sr = s_rank[o]
    first = np.ones(n, bool)
    first[1:] = sr[1:] != sr[:-1]
    bstart = np.flatnonzero(first)
    bend = np.append(bstart[1:], n)
    sizes = bend - bstart
    multi = np.flatnonzero(sizes > 1).tolist()

    def ordered(values) -> list:
        arr = np.empty(n, dtype=object)
        arr[:] = values
        return arr[o].tolist()

    sid_o = ordered(sid)
    report_o = ordered([str(x) if x is not None and type(x) is not str else x
                        for x in _col(statements, "report")])
    speaker_o = ordered(_col(statements, "speaker"))
    name_o = ordered(_col(statements, "speaker_name"))
    cs_o = ordered(_int_col(statements, "content_start"))
    ce_o = ordered(_int_col(statements, "content_end"))
    dates_o = ordered(dates)
    occ = [{"statement_id": a, "report": b, "content_start": c, "content_end": d, "speaker": e}
           for a, b, c, d, e in zip(sid_o, report_o, cs_o, ce_o, speaker_o)]
    b0s, b1s = bstart.tolist(), bend.tolist()
    rows_occ = [occ[x:y] for x, y in zip(b0s, b1s)]
    rows_reports = [[report_o[x]] if report_o[x] is not None else [] for x in b0s]
    rows_speakers = [[name_o[x]] if name_o[x] is not None else [] for x in b0s]
    for k in multi:
        x, y = b0s[k], b1s[k]
        rows_reports[k] = [r for r in dict.fromkeys(report_o[x:y]) if r is not None]
        rows_speakers[k] = [r for r in dict.fromkeys(name_o[x:y]) if r is not None]
    first_date = [dates_o[x] for x in b0s]

    cw = pd.to_numeric(statements["checkworthiness"], errors="coerce").to_numpy(
        dtype=np.float64, na_value=np.nan) if "checkworthiness" in statements.columns \
        else np.full(n, np.nan)
    cw_sorted = np.where(np.isnan(cw[o]), -np.inf, cw[o])
    cw_max = np.maximum.reduceat(cw_sorted, bstart)
    cw_max[~np.isfinite(cw_max)] = np.nan
    # representative: an occurrence of the center text (for a previous claim, its longest text
    # here), the one with the longest original text, then the earliest (date, input order)
    rawlen = np.fromiter((len(t) if isinstance(t, str) else 0 for t in raw), dtype=np.int64,
                         count=n)
    prio = np.where(is_center, 1 << 40, 0) + nlen * (1 << 20) + np.minimum(rawlen, (1 << 20) - 1)
    p_sorted = prio[o]
    p_max = np.maximum.reduceat(p_sorted, bstart)
    cand_pos = np.flatnonzero(p_sorted == np.repeat(p_max, sizes))
    blk = np.searchsorted(bstart, cand_pos, side="right") - 1
    firstc = np.ones(len(cand_pos), bool)
    firstc[1:] = blk[1:] != blk[:-1]
    rep = o[cand_pos[firstc]]
    kind = np.empty(n, dtype=object)
    kind[:] = _col(statements, "kind")
    raw_arr = np.empty(n, dtype=object)
    raw_arr[:] = raw
    sid_arr = np.empty(n, dtype=object)
    sid_arr[:] = sid
    cid_arr = np.empty(n, dtype=object)
    cid_arr[:] = s_cid
    return pd.DataFrame({
        "claim_id": cid_arr[rep],
        "text": raw_arr[rep],
        "representative_id": sid_arr[rep],
        "kind": kind[rep],
        "n_occurrences": sizes.astype(np.int64),
        "n_reports": np.fromiter(map(len, rows_reports), dtype=np.int64, count=len(b0s)),
        "reports": rows_reports,
        "first_report": pd.Series([r[0] if r else None for r in rows_reports], dtype=object),
        "first_date": pd.Series(first_date, dtype=object),
        "speakers": rows_speakers,
        "checkworthiness": cw_max,
        "occurrences": rows_occ,
    })


def _similar_table(center, sim_lo, sim_hi, sim_score, cid_of_key, s_center, present):
    empty = pd.DataFrame({"claim_id": pd.Series([], dtype=object),
                          "similar_claim_id": pd.Series([], dtype=object),
                          "score": pd.Series([], dtype=np.float64)})
    if not len(sim_lo):
        return empty
    ka, kb = center[sim_lo], center[sim_hi]
    diff = ka != kb
    ka, kb, sc = ka[diff], kb[diff], sim_score[diff]
    if not len(ka):
        return empty
    rows = {}
    for a, b, s in zip(ka.tolist(), kb.tolist(), sc.tolist()):
        ca, cb = cid_of_key.get(a), cid_of_key.get(b)
        if ca is None or cb is None or (ca not in present and cb not in present):
            continue
        if ca > cb:
            ca, cb = cb, ca
        if rows.get((ca, cb), -1.0) < s:
            rows[(ca, cb)] = s
    if not rows:
        return empty
    df = pd.DataFrame([(a, b, round(float(s), 1)) for (a, b), s in rows.items()],
                      columns=["claim_id", "similar_claim_id", "score"])
    df = df.sort_values(["claim_id", "score", "similar_claim_id"], ascending=[True, False, True])
    df = df.groupby("claim_id", sort=False).head(MAX_SIMILAR_PER_CLAIM).reset_index(drop=True)
    return df


# --- incremental grouping -------------------------------------------------------------------

INDEX_QUERY_WORDS = 8  # a new text looks up the claims sharing its rarest indexed words...
INDEX_MAX_DF = 400  # ...ignoring words found in more claims than this (common words)
INDEX_MIN_SHARED = 2  # a claim is a candidate when it shares this many of them (1 for short texts)


def _index_key(raw, norm: str) -> str:
    """The exact-match key of a text: its normalised form (punctuation-only texts by their text)."""
    return norm if norm else "\x00" + str(_clean(raw) or "").strip()


class ClaimIndex:
    """What incremental grouping needs to know about the claims already stored, bounded by the
    number of claims (not statements): per claim its id and its *center* text (the text new
    statements are matched against; it never changes once the claim exists), with the center's
    exact-match key and an inverted index word -> claims for the blocking.

    Built from the claims table when a run starts (``add``), so a resumed run starts from the
    same state an uninterrupted one has at that point, and extended as batches are stored.
    ``match`` groups a batch of new statements against it with ``group_claims``: statements
    whose normalised text equals a claim's center join that claim directly; the others are
    grouped together with, as ``previous``, only the claims sharing rare words with them.
    """

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.texts: list[str] = []  # raw center text per claim number
        self.number: dict[str, int] = {}  # claim id -> claim number
        self.exact: dict[str, int] = {}  # exact-match key of a center -> claim number (smallest id)
        self.postings: dict[str, list[int]] = {}  # word -> claim numbers whose center has it

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, claim_id: str) -> bool:
        return claim_id in self.number

    def add(self, claim_ids: Sequence[str], center_texts: Sequence[Optional[str]]) -> None:
        raw = [t if isinstance(t, str) else "" for t in center_texts]
        norm = normalize_texts(raw)
        for cid, text, nt in zip(claim_ids, raw, norm):
            cid = str(cid)
            if cid in self.number:
                continue
            k = len(self.ids)
            self.ids.append(cid)
            self.texts.append(text)
            self.number[cid] = k
            key = _index_key(text, nt)
            old = self.exact.get(key)
            if old is None or self.ids[old] > cid:
                self.exact[key] = k
            for w in set(nt.split()):
                self.postings.setdefault(w, []).append(k)

    def _candidates(self, norms: Sequence[str]) -> list[int]:
        found: set[int] = set()
        postings = self.postings
        get = postings.get
        for nt in set(norms):  # equal texts have equal candidates
            words = []
            for w in set(nt.split()):
                p = get(w)
                if p is not None and len(p) <= INDEX_MAX_DF:
                    words.append((len(p), w))
            if not words:
                continue
            words.sort()
            words = words[:INDEX_QUERY_WORDS]
            need = 1 if len(words) <= 2 else INDEX_MIN_SHARED
            if need == 1:
                for _, w in words:
                    found.update(postings[w])
                continue
            # a claim number appears at most once per posting list
            if need == 2:  # in two of the lists: set operations, all at C level
                seen: set[int] = set()
                for _, w in words:
                    p = postings[w]
                    found.update(seen.intersection(p))
                    seen.update(p)
                continue
            count: dict[int, int] = {}
            _count_elements(count, chain.from_iterable(postings[w] for _, w in words))
            found.update(k for k, c in count.items() if c >= need)
        return sorted(found)

    def match(self, statements: pd.DataFrame, *, same_threshold: float = DEFAULT_SAME_THRESHOLD,
              similar_threshold: float = DEFAULT_SIMILAR_THRESHOLD, group=None) -> "IndexMatch":
        """Group new statements against the indexed claims (the index itself is not changed:
        call ``add`` with the new claims once they are stored)."""
        group = group or group_claims
        raw = _col(statements, "text", "")
        norm = normalize_texts(raw)
        sids = [str(x) for x in _col(statements, "id")]
        exact: dict[str, str] = {}
        rest = []
        for i, (r, nt) in enumerate(zip(raw, norm)):
            k = self.exact.get(_index_key(r, nt))
            if k is not None:
                exact[sids[i]] = self.ids[k]
            else:
                rest.append(i)
        groups = None
        previous_ids: set = set()
        if rest:
            part = statements.iloc[rest] if len(rest) < len(statements) else statements
            cand = self._candidates([norm[i] for i in rest])
            previous = None
            if cand:
                previous_ids = {self.ids[k] for k in cand}
                previous = pd.DataFrame({
                    "statement_id": pd.Series(["\x00claim:" + self.ids[k] for k in cand], dtype=object),
                    "claim_id": pd.Series([self.ids[k] for k in cand], dtype=object),
                    "text": pd.Series([self.texts[k] for k in cand], dtype=object),
                })
            groups = group(part, previous=previous, same_threshold=same_threshold,
                           similar_threshold=similar_threshold)
        return IndexMatch(exact=exact, groups=groups, taken=self.number, previous_ids=previous_ids)


@dataclass
class IndexMatch:
    exact: dict  # statement_id -> claim id, for statements equal to a claim's center
    groups: Optional[ClaimGroups]  # group_claims over the other statements (None if none)
    taken: dict  # the ids of the claims already stored
    previous_ids: set  # the stored claims given to group_claims as previous
