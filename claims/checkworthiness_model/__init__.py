"""A learned check-worthiness score: a linear model shipped as package data (``model.json.gz``).

    from claims.checkworthiness_model import score_checkworthiness
    score_checkworthiness(["We lost 700,000 jobs last year.", "Good evening."])  # [0.9.., 0.0..]

A linear model over word unigrams and bigrams, character 3- to 5-grams inside words and a few
shape features (see :mod:`.features`), trained by :mod:`.train` on the CLEF 2019 CheckThat!
training debates and the ClaimBuster sentences: the average of two logistic regressions (one
with character n-grams, one more strongly regularised on words and shape alone, which carries
better to debates of another source), folded into one weight per feature. Scoring is pure
Python: no NumPy, no scikit-learn; the model is read on first use (a fraction of a second) and
kept.

The score ranks sentences: sort by it. It is a probability-like number in 0..1, not a
calibrated probability (check-worthy sentences are weighted up in training).
"""
from __future__ import annotations

import gzip
import json
import math
import pathlib
import threading
from itertools import repeat
from operator import itemgetter
from typing import Callable

from claims.checkworthiness_model.features import (N_MAX, N_MIN, shape_features, split_words,
                                                   word_string)

__all__ = ["score_checkworthiness", "score_one", "load_model", "Model", "MODEL_PATH"]

MODEL_PATH = pathlib.Path(__file__).with_name("model.json.gz")
_NONE: dict[str, float] = {}  # no bigram starts with this word

# By the length of "<word>": a function giving its character n-grams as a tuple, in the order
# of features.char_ngrams (3-grams, then 4-, then 5-grams). An itemgetter of slices cuts them
# all in one C call (half the time of map(s.__getitem__, slices); ~20,000 new words in 840
# articles).
_CUTS: dict[int, Callable[[str], tuple[str, ...]]] = {}


def _cuts(n: int) -> Callable[[str], tuple[str, ...]]:
    cuts = [slice(i, i + k) for k in range(N_MIN, N_MAX + 1) for i in range(n - k + 1)]
    if len(cuts) == 1:  # itemgetter of one item returns the item, not a tuple
        one = cuts[0]

        def cut(s: str) -> tuple[str, ...]:
            return (s[one],)
    else:
        cut = itemgetter(*cuts)
    if n <= 200:  # longer "words" are rare junk: not kept
        _CUTS[n] = cut
    return cut


class Model:
    """A loaded linear model: ``score(text)`` in 0..1, ``margin(text)`` the raw sum.

    The file (JSON, gzipped) holds ``features`` (names joined by newlines, sorted) and
    ``weights`` (one per name), ``bias`` and ``char_weight``; see :mod:`.features` for names.
    """

    def __init__(self, data: dict):
        names = data["features"].split("\n") if data["features"] else []
        weights = data["weights"]
        if len(names) != len(weights):
            raise ValueError("check-worthiness model: features and weights differ in length")
        self.bias: float = float(data["bias"])
        self.char_weight: float = float(data.get("char_weight", 1.0))
        self.meta = data.get("trained", {})
        # one dict per block, names without their prefix: fewer string operations per sentence
        self.uni: dict[str, float] = {}
        self.bi: dict[str, float] = {}
        self.char: dict[str, float] = {}
        self.shape: dict[str, float] = {}
        blocks = {"w:": self.uni, "b:": self.bi, "c:": self.char, "f:": self.shape}
        for n, w in zip(names, weights):
            blocks[n[:2]][n[2:]] = w
        # bigram weights by first word then second word: scoring looks the pairs up with the
        # words it already has (their hashes cached) instead of joining and hashing each pair
        self._bi_next: dict[str, dict[str, float]] = {}
        for k, v in self.bi.items():
            a, _, b = k.partition(" ")
            self._bi_next.setdefault(a, {})[b] = v
        # word -> (unigram weight, sum of its character n-gram weights, number of n-grams,
        #          weights of the bigrams it starts)
        self._word_cache: dict[str, tuple[float, float, int, dict[str, float]]] = {}

    @property
    def weights(self) -> dict[str, float]:
        """All weights by full feature name (``w:jobs``, ``b:^ we``, ``c:<jo``, ``f:digit``)."""
        out = {}
        for prefix, d in (("w:", self.uni), ("b:", self.bi), ("c:", self.char),
                          ("f:", self.shape)):
            out.update((prefix + k, v) for k, v in d.items())
        return out

    @classmethod
    def from_file(cls, path) -> "Model":
        raw = pathlib.Path(path).read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        return cls(json.loads(raw))

    def _word(self, w: str) -> tuple[float, float, int, dict[str, float]]:
        s = "<" + w + ">"  # the n-grams of features.char_ngrams, without their "c:" prefix
        grams = (_CUTS.get(len(s)) or _cuts(len(s)))(s)
        hit = (self.uni.get(w, 0.0), sum(map(self.char.get, grams, repeat(0.0))), len(grams),
               self._bi_next.get(w, _NONE))
        if len(self._word_cache) > 200_000:  # bound memory on endless vocabularies
            self._word_cache.clear()
        self._word_cache[w] = hit
        return hit

    def margin(self, text: str) -> float:
        low = word_string(text)
        ws = split_words(low)
        cache = self._word_cache
        uni = chars = 0.0
        count = 0
        # the bigrams in order, absent ones skipped (adding 0.0 would not change the sum);
        # ``after`` holds the weights of the bigrams starting with the previous word
        bi = 0
        after = self._bi_next.get("^", _NONE)
        for w in ws:
            u, c, n, nxt = cache.get(w) or self._word(w)  # (one unpack: fewer steps than 4 reads)
            uni += u
            chars += c
            count += n
            v = after.get(w)
            if v is not None:
                bi += v
            after = nxt
        v = after.get("$")
        if v is not None:
            bi += v
        z = self.bias + (uni + bi) / math.sqrt(2 * len(ws) + 1)
        if count:
            z += self.char_weight * chars / math.sqrt(count)
        get = self.shape.get
        for f in shape_features(text, ws, "0" in low):  # (digits are "0" in low)
            z += get(f[2:], 0.0)
        return z

    def score(self, text: str) -> float:
        z = self.margin(text)
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)


_MODEL: Model | None = None
_LOCK = threading.Lock()


def load_model(path=None) -> Model:
    """The shipped model (loaded once and kept), or the model in ``path``."""
    global _MODEL
    if path is not None:
        return Model.from_file(path)
    if _MODEL is None:
        with _LOCK:
            if _MODEL is None:
                _MODEL = Model.from_file(MODEL_PATH)
    return _MODEL


def score_one(text: str) -> float:
    """Check-worthiness of one sentence, 0..1 (the shipped model)."""
    return load_model().score(text or "")


def score_checkworthiness(texts: list[str]) -> list[float]:
    """Check-worthiness of each sentence, 0..1, in order (the shipped model; higher = check
    first). Any sentence is scored: quoted, reported or first-person speech alike."""
    m = load_model()
    return [m.score(t or "") for t in texts]
