"""A linear map of query vectors towards the vectors of the fact-checks that cover them.

MiniLM was trained to place paraphrases close; a tweet and the fact-check about it are not
paraphrases ("I live in Houston ... Mexico sent their own people to help during Katrina" /
"Mexican troops provided aid to U.S. residents in the aftermath of Hurricane Katrina"): the
tweet's mood, first person and asides pull its vector away. ``QueryAdapter`` multiplies the
query's vector by a matrix ``W = I + delta`` (384 x 384) fitted on the CheckThat! 2020
claim-retrieval *train* tweets so that each lands nearer its fact-check among all of them
(softmax over the collection; ``delta`` held small by an L2 penalty towards the identity).
Stored vectors are untouched: only the query side moves, so databases made before need no
re-embedding. The nearest stored vectors are found with the adapted vector; the re-ranker
weighs the cosines of both the raw and the adapted vector (``claims.retrieval.rerank``).

Measured by ``tests/benchmarks/bench_retrieval.py --fit`` (ranking by vectors alone, best of
claim and title cosine): dev MAP@5 0.795 raw, 0.829 adapted; train 0.809 raw, 0.816 adapted
(each fifth adapted by a map fitted on the other four).

The matrix lives in ``query_adapter.npz`` beside this file, with the id of the model whose
vectors it maps; for another model (or without the file) the adapter is the identity.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Optional

import numpy as np

__all__ = ["ADAPTER_FILE", "QueryAdapter", "default_adapter", "fit_adapter"]

ADAPTER_FILE = "query_adapter.npz"
# Fitting (``fit_adapter``): softmax temperature 20 (cosines 0.1 apart weigh e^2 times
# more), Adam, 100 steps at rate 0.01, penalty 0.1. Chosen on the train tweets only
# (cross-validated, ranking by vectors alone, raw 0.806): penalty 0.01-1 and 50-200 steps all
# reach 0.814-0.818; of the two best, penalty 0.1 gave the re-ranker 0.914 and penalty 1 0.909;
# temperature 10 reaches 0.804, and 40 is no better than 20 (``bench_retrieval.py --fit``:
# 0.8163 and 0.8159 out of fold; the re-ranker on train 0.915 and 0.916).
TEMPERATURE = 20.0
PENALTY = 0.1
STEPS = 100
RATE = 0.01


@dataclass(frozen=True)
class QueryAdapter:
    """``unit(q @ (I + delta))`` for the vectors of the model *model_id*."""
    model_id: str
    delta: np.ndarray  # (DIM, DIM) float32

    def apply(self, q: np.ndarray) -> np.ndarray:
        """The adapted unit vector(s) of *q* (one vector or rows)."""
        q = np.asarray(q, dtype=np.float32)
        # einsum, not @: see Vectors.cosines (OpenBLAS threads on a busy machine)
        out = q + np.einsum("...i,ij->...j", q, self.delta)
        norm = np.linalg.norm(out, axis=-1, keepdims=True)
        return out / np.where(norm > 0, norm, 1.0)

    def save(self, path) -> None:
        np.savez_compressed(path, model_id=np.array(self.model_id), delta=self.delta.astype(np.float32))

    @classmethod
    def load(cls, path) -> "QueryAdapter":
        with np.load(path, allow_pickle=False) as z:
            return cls(str(z["model_id"]), np.asarray(z["delta"], dtype=np.float32))


@functools.lru_cache(maxsize=4)
def default_adapter(model_id: str) -> Optional[QueryAdapter]:
    """The shipped adapter when it was fitted for *model_id*'s vectors, else None (identity)."""
    res = resources.files("claims.retrieval").joinpath(ADAPTER_FILE)
    try:
        with resources.as_file(res) as path:
            adapter = QueryAdapter.load(path)
    except FileNotFoundError:
        return None
    return adapter if adapter.model_id == model_id else None


def fit_adapter(queries: np.ndarray, targets: np.ndarray, docs: np.ndarray, model_id: str,
                penalty: float = PENALTY, steps: int = STEPS, rate: float = RATE,
                temperature: float = TEMPERATURE) -> QueryAdapter:
    """Fit ``delta`` so that each query (rows of *queries*, unit vectors) ranks its documents
    first among *docs* (rows, unit vectors): *targets* ``(len(queries), len(docs))`` holds each
    query's relevant documents (rows summing to 1; a query with a row of zeros is left out).
    Minimises the softmax cross-entropy of ``temperature * (q W) . d`` over all documents plus
    ``penalty/2 * |delta|^2``, by Adam."""
    y = np.asarray(targets, dtype=np.float32)
    keep = y.sum(1) > 0  # a query without a relevant document teaches nothing
    q = np.asarray(queries, dtype=np.float32)[keep]
    y = y[keep]
    d = np.asarray(docs, dtype=np.float32)
    dim = q.shape[1]
    delta = np.zeros((dim, dim), dtype=np.float32)
    m1 = np.zeros_like(delta)
    m2 = np.zeros_like(delta)
    for t in range(1, steps + 1):
        z = temperature * (q + q @ delta) @ d.T
        z -= z.max(1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(1, keepdims=True)
        grad = temperature * q.T @ ((p - y) @ d) / len(q) + penalty * delta
        m1 = 0.9 * m1 + 0.1 * grad
        m2 = 0.999 * m2 + 0.001 * grad * grad
        delta -= rate * (m1 / (1 - 0.9 ** t)) / (np.sqrt(m2 / (1 - 0.999 ** t)) + 1e-8)
    return QueryAdapter(model_id, delta)
