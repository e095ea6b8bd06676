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
from claims.retrieval.rerank import (FEATURES, MATCH_LOGIT, QUERY_FEATURES, Logistic, QueryFacts, RerankModel, features,
                                     rerank)
from claims.retrieval.text import index_text, signature


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
    d["combine"] = "geometric"  # a geometric model has no match logit to weigh
    with pytest.raises(ValueError, match="stacked model's rank half only"):
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


# --- what the query says beyond its words (QueryFacts, QUERY_FEATURES) ------------------------

TWEET = ("A young boy from my hometown, Maddox, wants 1,000 Christmas cards. #maddoxstrong "
         "pic.twitter.com/i66s — Jo Smith (@JoSmithNews) December 1, 2018")


def _col(X: np.ndarray, name: str) -> np.ndarray:
    return X[:, FEATURES.index(name)]


def test_query_facts_of_a_pasted_tweet():
    f = QueryFacts.of(TWEET)
    assert f.year == "2018" and {"jo", "smith", "news"} <= f.author
    assert signature(TWEET).handle == "Jo Smith News" and signature("no signature here") is None
    assert "maddox" in f.names and "young" not in f.names  # "A" starts the sentence; "young" is lower case
    assert f.numbers == {"1000"}
    assert "smith" not in f.words  # the author is not what the post says
    plain = QueryFacts.of(None, index_text(TWEET))
    assert plain.names == () and plain.year == "" and plain.author == frozenset()


def test_query_features_numbers_names_year_and_author_agree_or_not():
    cands = [Candidate("factcheck", "a", "terminally ill maddox hyde asked for 1000 christmas cards in 2018", "", 5.0),
             Candidate("factcheck", "b", "a boy asked for christmas cards in 2015", "", 6.0),
             Candidate("factcheck", "c", "jo smith reported a hoax about christmas cards", "", 1.0)]
    X = features(index_text(TWEET), cands, facts=QueryFacts.of(TWEET))
    assert list(_col(X, "num_query")) == [1.0, 0.0, 0.0]
    # "a" names 1000 and 2018, the post only 1000 (2018 is its date); "c" names no number
    assert list(_col(X, "num_cand")) == [0.5, 0.0, 0.5]
    assert QueryFacts.of(TWEET).names == ("christmas", "maddox")
    assert list(_col(X, "names")) == [1.0, 0.5, 0.5]
    assert list(_col(X, "year_same")) == [1.0, 0.0, 0.0] and list(_col(X, "year_other")) == [0.0, 1.0, 0.0]
    assert _col(X, "author")[2] == pytest.approx(2 / 3) and _col(X, "author")[0] == 0.0
    # the rarest shared words weigh most: "maddox" is only in "a"
    assert _col(X, "cover_idf")[0] > _col(X, "cover_idf")[1] > 0
    # only the best BM25 candidate gets the gap, relative to the best score
    assert list(_col(X, "bm25_gap")) == pytest.approx([0.0, 1 / 6, 0.0])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=40), st.floats(0, 50)), min_size=1, max_size=6), st.text(max_size=80),
       st.booleans())
def test_query_features_are_bounded_whatever_the_texts(docs, query, with_cos):
    cands = [Candidate("claim", str(i), index_text(t), "", s) for i, (t, s) in enumerate(docs)]
    cos = np.random.default_rng(len(docs)).uniform(-1, 1, (len(cands), 4)) if with_cos else None
    X = features(index_text(query), cands, cos, facts=QueryFacts.of(query))
    Q = X[:, [FEATURES.index(f) for f in QUERY_FEATURES]]
    assert np.all(np.isfinite(Q))
    assert np.all((Q[:, [0, 1, 2, 3, 4, 6, 7, 8]] >= 0) & (Q[:, [0, 1, 2, 3, 4, 6, 7, 8]] <= 1 + 1e-9))
    assert np.all(Q[:, 5] >= 0)  # acos_gap: cosines differ by at most 2


def test_the_word_model_skips_the_query_features_and_ranks_the_same():
    words = default_model(False)
    assert not words.uses(QUERY_FEATURES) and default_model(True).uses(QUERY_FEATURES)
    cands = [Candidate("factcheck", "a", "maddox asked for 1000 christmas cards in 2018", "", 5.0),
             Candidate("factcheck", "b", "a boy asked for christmas cards in 2015", "", 6.0)]
    qn = index_text(TWEET)
    full = features(qn, cands, facts=QueryFacts.of(TWEET))
    bare = features(qn, cands, query_columns=False)
    q = [FEATURES.index(f) for f in QUERY_FEATURES]
    assert np.all(bare[:, q] == 0) and np.any(full[:, q] != 0)
    assert np.array_equal(words.predict(full), words.predict(bare))
    assert [m.score for m in rerank(TWEET, cands)] == sorted(words.predict(bare).round(4).tolist(), reverse=True)
