"""A learned check-worthiness score: a linear model shipped as package data (``model.json.gz``).

    from claims.checkworthiness_model import score_checkworthiness
    score_checkworthiness(["We lost 700,000 jobs last year.", "Good evening."])  # [0.9.., 0.0..]

Logistic regression over word unigrams and bigrams, character 3- to 5-grams inside words and
a few shape features (see :mod:`.features`), trained by :mod:`.train` on the CLEF 2019
CheckThat! training debates and the ClaimBuster sentences. Scoring is pure Python: no NumPy,
no scikit-learn; the model is read on first use (a fraction of a second) and kept.

The score ranks sentences: sort by it. It is a probability-like number in 0..1, not a
calibrated probability (check-worthy sentences are weighted up in training).
"""
from __future__ import annotations

import gzip
import json
import math
import pathlib
import threading

from claims.checkworthiness_model.features import char_ngrams, shape_features, word_features, words

__all__ = ["score_checkworthiness", "score_one", "load_model", "Model", "MODEL_PATH"]

MODEL_PATH = pathlib.Path(__file__).with_name("model.json.gz")


class Model:
    """A loaded linear model: ``score(text)`` in 0..1, ``margin(text)`` the raw sum."""

    def __init__(self, data: dict):
        self.weights: dict[str, float] = data["weights"]
        self.bias: float = float(data["bias"])
        self.char_weight: float = float(data.get("char_weight", 1.0))
        self.meta = data.get("trained", {})
        # word -> (sum of its character n-gram weights, number of its n-grams)
        self._word_cache: dict[str, tuple[float, int]] = {}

    @classmethod
    def from_file(cls, path) -> "Model":
        path = pathlib.Path(path)
        raw = path.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        return cls(json.loads(raw))

    def _chars(self, w: str) -> tuple[float, int]:
        hit = self._word_cache.get(w)
        if hit is None:
            get = self.weights.get
            grams = char_ngrams(w)
            hit = (sum(get(g, 0.0) for g in grams), len(grams))
            if len(self._word_cache) > 200_000:  # bound memory on endless vocabularies
                self._word_cache.clear()
            self._word_cache[w] = hit
        return hit

    def margin(self, text: str) -> float:
        get = self.weights.get
        ws = words(text)
        z = self.bias
        wf = word_features(ws)
        z += sum(get(f, 0.0) for f in wf) / math.sqrt(len(wf))
        if ws:
            total, count = 0.0, 0
            for w in ws:
                s, n = self._chars(w)
                total += s
                count += n
            z += self.char_weight * total / math.sqrt(count)
        for f in shape_features(text, ws):
            z += get(f, 0.0)
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
