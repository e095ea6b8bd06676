"""The re-ranker's fitting (claims.retrieval.fitting) and the "stacked" model it makes."""
from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.retrieval import default_model
from claims.retrieval.fitting import listwise_loss, listwise_weights, logistic_weights
from claims.retrieval.index import Candidate
from claims.retrieval.rerank import FEATURES, MATCH_LOGIT, Logistic, RerankModel, features, rerank


def _queries(w_true: np.ndarray, n: int, size: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """*n* queries of *size* candidates; the right one drawn by ``softmax(Z @ w_true)``."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        Z = rng.standard_normal((size, len(w_true)))
        z = Z @ w_true
        p = np.exp(z - z.max())
        y = np.zeros(size)
        y[rng.choice(size, p=p / p.sum())] = 1
        out.append((Z, y))
    return out


def test_listwise_weights_recover_the_weights_that_chose_the_right_candidates():
    w_true = np.array([1.5, -1.0, 0.0, 0.5])
    w = listwise_weights(_queries(w_true, 600, 30, seed=3), l2=0.1)
    assert np.dot(w, w_true) / (np.linalg.norm(w) * np.linalg.norm(w_true)) > 0.97
    assert abs(w[2]) < 0.2  # a feature that played no part gets a small weight


def test_listwise_weights_ignore_what_is_common_to_a_query():
    """A feature constant within each query (how easy the query is) cannot tell its candidates
    apart: its weight stays 0, whatever its values."""
    groups = _queries(np.array([2.0, 0.0]), 300, 20, seed=4)
    rng = np.random.default_rng(5)
    groups = [(np.column_stack([Z[:, :1], np.full(len(Z), rng.normal() * 5)]), y) for Z, y in groups]
    w = listwise_weights(groups, l2=1.0)
    assert w[0] > 1.0 and abs(w[1]) < 1e-6


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 12), st.integers(1, 8), st.floats(0.0, 10.0))
def test_listwise_fit_never_ends_worse_than_where_it_started(seed, n, size, l2):
    """Any data (separable, one candidate per query, constant columns): the fitted weights are
    finite and their loss is at most the loss of all-zero weights."""
    rng = np.random.default_rng(seed)
    groups = []
    for _ in range(n):
        Z = rng.standard_normal((size, 3)) * rng.choice([0.0, 1.0, 50.0])
        y = np.zeros(size)
        y[rng.integers(size)] = 1
        groups.append((Z, y))
    w = listwise_weights(groups, l2)
    assert np.all(np.isfinite(w))
    assert listwise_loss(groups, w, l2) <= listwise_loss(groups, np.zeros(3), l2) + 1e-9


def test_listwise_refuses_data_without_a_right_candidate():
    with pytest.raises(ValueError, match="no query with a right candidate"):
        listwise_weights([(np.ones((3, 2)), np.zeros(3))], l2=1.0)


def test_logistic_weights_separate_the_classes():
    rng = np.random.default_rng(6)
    x = rng.standard_normal(400)
    y = (x + 0.3 * rng.standard_normal(400) > 0.5).astype(float)
    b, a = logistic_weights(np.column_stack([np.ones_like(x), x]), y, l2=0.0)
    assert a > 2 and -a * 0.8 < b < -a * 0.2  # the boundary -b/a is near 0.5


def test_shipped_embedding_model_is_stacked_and_word_model_geometric():
    emb, words = default_model(True), default_model(False)
    assert emb.combine == "stacked" and emb.rank.features[-1] == MATCH_LOGIT
    assert emb.rank.features[:-1] == FEATURES and emb.info["combine"] == "stacked"
    assert words.combine == "geometric" and MATCH_LOGIT not in words.rank.features
    back = RerankModel.from_json(emb.to_json())
    assert back.combine == "stacked" and back.rank.weights == emb.rank.weights


def test_stacked_score_is_the_rank_half_over_the_features_and_the_match_logit():
    emb = default_model(True)
    cands = [Candidate("factcheck", "a", "bricks of cocaine washed ashore in florida", "", 10.0),
             Candidate("factcheck", "b", "cocaine prices in florida", "", 4.0)]
    cos = np.array([[0.8, 0.8, 0.85, 0.85], [0.3, 0.3, 0.3, 0.3]])
    X = features("bricks of cocaine washed up in florida after the hurricane", cands, cos)
    m = emb.match.predict(X)
    by_hand = emb.rank.predict(np.column_stack([X, np.log(m / (1 - m))]))
    assert np.allclose(emb.predict(X), by_hand) and ((0 < by_hand) & (by_hand < 1)).all()
    out = rerank("bricks of cocaine washed up in florida after the hurricane", cands, cosines=cos)
    assert [x.key for x in out] == ["a", "b"] and out[0].score > out[1].score


def test_a_model_file_with_an_unknown_combination_is_refused():
    d = json.loads(default_model(True).to_json())
    d["combine"] = "product"
    with pytest.raises(ValueError, match="unknown combination"):
        RerankModel.from_json(json.dumps(d))
    d["combine"] = "stacked"
    d["rank"]["features"][0] = "no_such_feature"
    with pytest.raises(ValueError, match="other features"):
        RerankModel.from_json(json.dumps(d))


def test_an_older_geometric_model_file_still_loads():
    """Files written before "combine" existed are geometric means."""
    lg = Logistic(("bm25_rel",), [1.0], 0.0, [0.5], [1.0])
    d = {"rank": lg.to_dict(), "match": lg.to_dict(), "info": {}}
    model = RerankModel.from_json(json.dumps(d))
    X = np.zeros((1, len(FEATURES)))
    X[0, 0] = 1.0
    assert model.combine == "geometric"
    assert np.isclose(model.predict(X)[0], 1 / (1 + np.exp(-0.5)))
