"""The re-ranker's fitting arithmetic (``tests/benchmarks/bench_retrieval.py --fit`` uses it).

Two estimators on standardised features, numpy only (the models they make are a few dozen
weights stored as JSON, ``claims.retrieval.rerank``):

* ``logistic_weights`` -- pointwise logistic regression: is this candidate the right one?
* ``listwise_weights`` -- a conditional logit: among one query's candidates, which is the
  right one? ``softmax(Z @ w)`` over each query's candidates should put its mass on the right
  ones. It learns what tells the right candidate from the others of the *same* query, not
  what makes queries easy (a query with many good candidates teaches a pointwise model that
  good candidates are often wrong). Its scores say nothing absolute (adding a constant to one
  query's scores changes nothing), so the re-ranker maps them to a probability afterwards.

Both by Newton's method with an L2 penalty; the listwise one halves a step until the loss falls
(far from the optimum a full Newton step on a softmax overshoots and diverges).
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

__all__ = ["logistic_weights", "listwise_weights", "listwise_loss"]


def logistic_weights(Z: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    """Weights of a logistic regression of *y* (0/1) on the columns of *Z*, whose first column is
    the intercept's (all ones; not penalised)."""
    Z = np.asarray(Z, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.zeros(Z.shape[1])
    reg = np.eye(Z.shape[1]) * l2
    reg[0, 0] = 0
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(Z @ w, -50, 50)))
        g = Z.T @ (p - y) + reg @ w
        H = (Z * (p * (1 - p))[:, None]).T @ Z + reg + np.eye(len(w)) * 1e-9
        step = np.linalg.solve(H, g)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


class _Groups:
    """Queries' candidate rows stacked, with each query's start and each row's query."""

    def __init__(self, groups: Sequence[tuple[np.ndarray, np.ndarray]]):
        groups = [(np.asarray(z, dtype=float), np.asarray(y, dtype=float)) for z, y in groups
                  if len(y) and np.asarray(y).sum() > 0]  # a query without a right candidate teaches nothing
        if not groups:
            raise ValueError("no query with a right candidate to fit on")
        self.Z = np.vstack([z for z, _ in groups])
        self.t = np.concatenate([y / y.sum() for _, y in groups])  # target shares, summing to 1 per query
        sizes = [len(z) for z, _ in groups]
        self.starts = np.cumsum([0] + sizes)[:-1]
        self.seg = np.repeat(np.arange(len(groups)), sizes)

    def loss(self, w: np.ndarray, l2: float) -> tuple[float, np.ndarray]:
        """The penalised cross-entropy at *w* and each row's softmax share."""
        z = self.Z @ w
        z = z - np.maximum.reduceat(z, self.starts)[self.seg]
        logp = z - np.log(np.add.reduceat(np.exp(z), self.starts))[self.seg]
        return float(-(self.t * logp).sum() + 0.5 * l2 * w @ w), np.exp(logp)


def listwise_loss(groups: Sequence[tuple[np.ndarray, np.ndarray]], w: np.ndarray, l2: float = 0.0) -> float:
    """The loss ``listwise_weights`` minimises, at *w*."""
    return _Groups(groups).loss(np.asarray(w, dtype=float), l2)[0]


def listwise_weights(groups: Sequence[tuple[np.ndarray, np.ndarray]], l2: float) -> np.ndarray:
    """Weights *w* minimising, over the queries of *groups* (each: its candidates' feature rows
    and 0/1 labels), the cross-entropy of ``softmax(Z @ w)`` against the right candidates (shared
    equally when a query has several), plus ``l2/2 * |w|^2``. No intercept: it would cancel."""
    g = _Groups(groups)
    k = g.Z.shape[1]
    w = np.zeros(k)
    current, p = g.loss(w, l2)
    for _ in range(100):
        grad = g.Z.T @ (p - g.t) + l2 * w
        u = np.add.reduceat(g.Z * p[:, None], g.starts)  # each query's expected feature vector
        H = (g.Z * p[:, None]).T @ g.Z - u.T @ u + (l2 + 1e-9) * np.eye(k)
        step = np.linalg.solve(H, grad)
        for _ in range(40):
            new, p_new = g.loss(w - step, l2)
            if new <= current:
                break
            step = step / 2
        else:
            break  # no step lowers the loss: at the optimum (to rounding)
        w, current, p = w - step, new, p_new
        if np.abs(step).max() < 1e-8:
            break
    return w
