"""How alike two claim texts are: the score, the same-claim guards, and scoring of candidate pairs.

Two tiers, as fact-checking platforms do:

* **same claim** -- grouped automatically: ``score >= same_threshold`` on the texts normalised by
  ``claims.normalize`` (case, punctuation, quote marks, accents, whitespace and bracketed
  asides), and the same-tier guards below pass;
* **similar claim** -- ``score >= similar_threshold`` but not the same claim: shown to the
  reviewer as a suggestion with its score, never merged.

The score of two normalised texts, ``a`` the longer and ``b`` the shorter (``claim_score``), is
the maximum of

* ``fuzz.ratio(a, b)`` -- near-identical wording;
* the *containment* ``100 * LCS(a, b) / len(b)`` when ``b`` has >= ``CONTAIN_MIN_SHARE`` of
  ``a``'s characters and >= ``CONTAIN_MIN_WORDS`` words -- a word dropped, "..., officials said";
* ``fuzz.partial_ratio(b, a)`` and, when that aligns ``b`` somewhere in ``a``
  (>= ``PARTIAL_LOCAL``), the containment of ``b`` in that part of ``a`` -- for a partial quote
  holding >= ``PARTIAL_MIN_SHARE`` of ``a``'s words and >= ``PARTIAL_MIN_WORDS`` words.

Same-tier guards (``guards_ok``; a pair failing one can still be *similar*):

* very short texts (< ``MIN_FUZZY_WORDS`` words or < ``MIN_FUZZY_CHARS`` characters) are grouped
  only when their normalised texts are equal, never on a fuzzy score;
* words: aligned word by word, the texts differ only by dropped words and typos (at most one per
  8 words); a substituted word ("supported" / "opposed"), or words missing in the middle of both
  texts, make different claims;
* numbers: those of the shorter all occur in the longer ("$23 billion" is not "$25 billion");
* negations: the same number of negation words ("did" / "did not"), counted in the aligned part
  of the longer text for a partial quote.

``score_pairs`` scores many candidate pairs at once: ``ratio`` for all with rapidfuzz
``process.cpdist`` (C++, all cores); ``partial_ratio`` only for those it could lift above the
floor, one alignment per pair giving both it and the local containment, in one forked process
per core on large inputs (``partial_scores``).
"""
from __future__ import annotations

import re

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from claims.normalize import NEGATION_WORDS, normalize_texts, numbers_in

from .forked import fork_map, workers_available

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

_NUMBER_WORD = re.compile(r"\d")


def n_words(s: str) -> int:
    return s.count(" ") + 1 if s else 0


def _is_short(s: str) -> bool:
    return len(s) < MIN_FUZZY_CHARS or n_words(s) < MIN_FUZZY_WORDS


def _partial_eligible(short: str, long: str) -> bool:
    ws = n_words(short)
    return (len(short) < CONTAIN_MIN_SHARE * len(long) and ws >= PARTIAL_MIN_WORDS
            and ws >= PARTIAL_MIN_SHARE * n_words(long))


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


def guards_ok(a: str, b: str) -> bool:
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


def _local_containment(short: str, long: str, partial: float = 0.0) -> float:
    """100 * LCS(short, window) / len(short), the window being the part of *long* that
    partial_ratio aligns *short* with, widened by a quarter of len(short) on each side.
    *partial*: their partial_ratio when known; as a cutoff it lets rapidfuzz skip windows
    that cannot reach it (the first best window, hence the result, is the same)."""
    al = fuzz.partial_ratio_alignment(short, long, score_cutoff=max(0.0, partial - 0.01)) \
        or fuzz.partial_ratio_alignment(short, long)
    return _window_containment(short, long, al.dest_start, al.dest_end)


def _window_containment(short: str, long: str, start: int, end: int) -> float:
    """The local containment of *short* around long[start:end] (see _local_containment)."""
    pad = len(short) // 4
    win = long[max(0, start - pad):end + pad]
    ls, lw = len(short), len(win)
    r = fuzz.ratio(short, win)
    return min(100.0, r * (ls + lw) / (2.0 * max(ls, 1)))


def _partial_chunk(shorts: list[str], longs: list[str], cutoff: float
                   ) -> tuple[np.ndarray, np.ndarray]:
    """partial_ratio of each pair (0 below *cutoff*) and, where it reaches PARTIAL_LOCAL, the
    local containment around the same alignment (NaN elsewhere): one alignment per pair, where
    partial_ratio and then _local_containment computed it twice."""
    n = len(shorts)
    p = np.zeros(n, np.float64)
    lc = np.full(n, np.nan, np.float64)
    align = fuzz.partial_ratio_alignment
    local_min = PARTIAL_LOCAL - 0.01  # float32 rounding: the caller compares float32 scores
    for i, (s, t) in enumerate(zip(shorts, longs)):
        al = align(s, t, score_cutoff=cutoff)
        if al is None:
            continue
        p[i] = al.score
        if local_min <= al.score < 100:
            lc[i] = _window_containment(s, t, al.dest_start, al.dest_end)
    return p, lc


PARALLEL_MIN_PAIRS = 40_000  # fewer partial-ratio pairs are scored in this process
_PARALLEL_CHUNK = 25_000  # pairs per task (~0.5 s of work)


def _partial_task(_state, task: tuple[list[str], list[str], float]):
    return _partial_chunk(*task)


def partial_scores(shorts: list[str], longs: list[str], cutoff: float
                   ) -> tuple[np.ndarray, np.ndarray]:
    """_partial_chunk over many pairs; above PARALLEL_MIN_PAIRS in one forked process per core
    (partial_ratio_alignment is called from Python, which holds the GIL). The pairs go to the
    workers as text, so a worker touches none of this process's memory."""
    n = len(shorts)
    workers = _score_workers() if n >= PARALLEL_MIN_PAIRS else 1
    if workers < 2:
        return _partial_chunk(shorts, longs, cutoff)
    bounds = list(range(0, n, _PARALLEL_CHUNK)) + [n]
    tasks = [(shorts[a:b], longs[a:b], cutoff) for a, b in zip(bounds, bounds[1:])]
    parts = fork_map(_partial_task, None, tasks, workers)
    return np.concatenate([x for x, _ in parts]), np.concatenate([y for _, y in parts])


def _score_workers() -> int:
    return workers_available()


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
    if lb >= CONTAIN_MIN_SHARE * la and n_words(b) >= CONTAIN_MIN_WORDS:
        score = max(score, min(cont, 100.0))
    elif _partial_eligible(b, a):
        partial = fuzz.partial_ratio(b, a)
        score = max(score, partial)
        if PARTIAL_LOCAL <= partial < 100:
            score = max(score, _local_containment(b, a))
    # rounded as score_pairs' float32 scores (which the grouping compares with the thresholds):
    # the containment derived from the ratio is 85.99999999999999 where score_pairs has 86.0
    return float(np.float32(score))


def same_claim(a: str, b: str, threshold: float = DEFAULT_SAME_THRESHOLD, *,
               normalized: bool = False) -> bool:
    """Whether two texts are the *same claim* (score, short-text rule and guards)."""
    if not normalized:
        a, b = normalize_texts([a, b])
    if a == b:
        return True
    if _is_short(a) or _is_short(b):
        return False
    return claim_score(a, b, normalized=True) >= threshold and guards_ok(a, b)


def score_pairs(texts: np.ndarray, lo: np.ndarray, hi: np.ndarray, lens: np.ndarray,
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
        # below min(floor, PARTIAL_LOCAL) a partial_ratio changes nothing: the pair stays
        # under the floor and gets no local containment (-0.01: the float32 rounding below)
        p64, lc = partial_scores(texts[s_idx].tolist(), texts[l_idx].tolist(),
                                 min(floor, PARTIAL_LOCAL) - 0.01)
        pscore = p64.astype(np.float32)
        score[idx] = np.maximum(score[idx], pscore)
        # a local alignment (partial_ratio >= PARTIAL_LOCAL): containment around it counts;
        # it is at most the containment in the whole text (+1e-3: float32 ratios), so skip
        # pairs already there
        loc = ((pscore >= PARTIAL_LOCAL) & (pscore < 100)
               & (score[idx] < np.minimum(cont[idx] + 1e-3, 100)))
        if loc.any():
            li = idx[loc]
            score[li] = np.maximum(score[li], lc[loc])
    keep = score >= floor
    return lo[keep], hi[keep], score[keep]


