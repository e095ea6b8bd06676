"""The query adapter (claims.retrieval.adapter): a linear map of query vectors towards the
fact-checks' vectors, and the adapted cosines it gives the re-ranker."""
from __future__ import annotations

import numpy as np
import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from claims.retrieval import IndexDoc, TextIndex, default_embedder, embed_candidates, embed_text, lookup
from claims.retrieval.adapter import QueryAdapter, default_adapter, fit_adapter
from claims.retrieval.embed import DIM, MODEL_ID
from claims.retrieval.index import Candidate
from claims.retrieval.rerank import FEATURES, default_model, features

EMB = default_embedder()
needs_embeddings = pytest.mark.skipif(EMB is None, reason="claims[embeddings] is not installed")


def _unit(x: np.ndarray) -> np.ndarray:
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


def test_shipped_adapter_is_for_the_shipped_model_and_only_for_it():
    a = default_adapter(MODEL_ID)
    assert a is not None and a.delta.shape == (DIM, DIM) and a.delta.dtype == np.float32
    # a real change, but a small one: the query still looks like itself
    q = _unit(np.random.default_rng(1).standard_normal((50, DIM)).astype(np.float32))
    cos_self = (a.apply(q) * q).sum(1)
    assert np.all(cos_self > 0.5) and np.any(cos_self < 0.999)
    assert default_adapter("some-other-model") is None


@settings(max_examples=50, deadline=None)
@given(arrays(np.float32, (3, 8), elements=st.floats(-1, 1, width=32)),
       arrays(np.float32, (8, 8), elements=st.floats(-0.25, 0.25, width=32)))
def test_adapted_vectors_are_unit_or_zero_and_rows_adapt_alone(q, delta):
    a = QueryAdapter("m", delta)
    out = a.apply(q)
    norms = np.linalg.norm(out, axis=1)
    assert np.all(np.isclose(norms, 1.0, atol=1e-4) | np.isclose(norms, 0.0))
    for i in range(len(q)):  # one vector gives what its row in a batch gives
        assert np.allclose(a.apply(q[i]), out[i], atol=1e-5)
    ident = QueryAdapter("m", np.zeros((8, 8), np.float32)).apply(q)
    nz = np.linalg.norm(q, axis=1) > 1e-3
    assert np.allclose(ident[nz], _unit(q[nz]), atol=1e-4)


def test_save_and_load_give_the_same_adapter(tmp_path):
    delta = np.random.default_rng(2).standard_normal((DIM, DIM)).astype(np.float32) * 0.01
    QueryAdapter("model-x", delta).save(tmp_path / "a.npz")
    back = QueryAdapter.load(tmp_path / "a.npz")
    assert back.model_id == "model-x" and np.array_equal(back.delta, delta)


def test_fitting_moves_queries_to_their_documents():
    """Queries that are their documents seen through a fixed distortion (plus noise): raw, most
    find a wrong document first; the fitted adapter undoes the distortion for new queries too."""
    rng = np.random.default_rng(3)
    dim, n_docs = 16, 200
    docs = _unit(rng.standard_normal((n_docs, dim)).astype(np.float32))
    distort = np.eye(dim, dtype=np.float32) + 0.6 * rng.standard_normal((dim, dim)).astype(np.float32)

    def queries(idx):
        return _unit(docs[idx] @ distort + 0.05 * rng.standard_normal((len(idx), dim)).astype(np.float32))

    train_idx, test_idx = rng.integers(0, n_docs, 400), rng.integers(0, n_docs, 100)
    targets = np.zeros((len(train_idx), n_docs), np.float32)
    targets[np.arange(len(train_idx)), train_idx] = 1.0
    a = fit_adapter(queries(train_idx), targets, docs, "m", steps=200, rate=0.02, penalty=0.001)

    def p_at_1(q, idx):
        return float(np.mean((q @ docs.T).argmax(1) == idx))

    q_test = queries(test_idx)
    raw, adapted = p_at_1(q_test, test_idx), p_at_1(a.apply(q_test), test_idx)
    assert raw < 0.5 and adapted > 0.8, (raw, adapted)  # measured: 0.11 and 0.99


def test_features_without_adapted_cosines_take_the_raw_ones():
    cands = [Candidate("factcheck", str(i), f"claim number {i} about water", "", float(3 - i)) for i in range(3)]
    raw = np.array([[0.5, 0.4], [0.7, 0.2], [0.1, 0.3]])
    two = features("water claim", cands, raw)
    four = features("water claim", cands, np.hstack([raw, raw]))
    assert np.allclose(two, four)
    moved = features("water claim", cands, np.hstack([raw, raw[::-1]]))
    acos = FEATURES.index("acos")
    assert np.allclose(moved[:, :acos], two[:, :acos]) and np.allclose(moved[:, acos], [0.3, 0.7, 0.5])
    assert moved[0, FEATURES.index("acos_rank_inv")] == 1 / 3


@needs_embeddings
def test_lookup_cosines_raw_and_adapted(tmp_path):
    """embed_candidates gives each candidate's cosines with the raw and the adapted query
    vector, for stored vectors and for candidates embedded on the spot alike; without an
    adapter both halves agree; the shipped model scores with all of them."""
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'a.db'}")
    index = TextIndex("adapt_test")
    texts = {"f1": ("Drinking hot water every fifteen minutes prevents the coronavirus.", "Hot water and COVID"),
             "f2": ("The unemployment rate fell to 3.5 percent in September.", ""),
             "f3": ("The city council voted to ban plastic bags in grocery stores.", "")}
    query = "Sipping warm water keeps the virus away, my aunt says #covid https://t.co/x"
    with engine.begin() as conn:
        index.create(conn)
        index.add(conn, [IndexDoc("factcheck", k, t, ti) for k, (t, ti) in texts.items()])
        index.add(conn, [IndexDoc("claim", "c1", "Warm water stops the virus, a nurse said.")])
        index.vectors.sync(conn, EMB, where="{kind} = 'factcheck'")  # c1 has no stored vector
        ft = index.candidates(conn, query, limit=10)
        cands, cos = embed_candidates(conn, index, EMB, query, ft)
        assert cos.shape == (len(cands), 4) and "c1" in {c.key for c in cands}
        q = EMB.embed([embed_text(query)])[0]
        qa = default_adapter(EMB.model_id).apply(q)
        for c, row in zip(cands, cos):
            body = EMB.embed([c.body])[0]
            title = EMB.embed([c.title])[0] if c.title else body
            want = [body @ q, title @ q, body @ qa, title @ qa]
            assert np.allclose(row, want, atol=0.01), (c.key, row, want)  # stored vectors are float16
        _, cos_plain = embed_candidates(conn, index, EMB, query, ft, adapter=None)
        assert np.allclose(cos_plain[:, :2], cos_plain[:, 2:])
        ms = lookup(conn, index, query, model=default_model(True))
        assert ms and ms[0].key in ("f1", "c1") and all(0 <= m.score <= 1 for m in ms)
    engine.dispose()


def test_queries_without_a_relevant_document_are_left_out_of_the_fit():
    rng = np.random.default_rng(4)
    q = _unit(rng.standard_normal((6, 8)).astype(np.float32))
    docs = _unit(rng.standard_normal((20, 8)).astype(np.float32))
    y = np.zeros((6, 20), np.float32)
    y[np.arange(6), rng.integers(0, 20, 6)] = 1.0
    alone = fit_adapter(q, y, docs, "m", steps=20)
    extra_q = np.vstack([q, _unit(rng.standard_normal((4, 8)).astype(np.float32))])
    extra_y = np.vstack([y, np.zeros((4, 20), np.float32)])
    assert np.allclose(fit_adapter(extra_q, extra_y, docs, "m", steps=20).delta, alone.delta, atol=1e-6)
    assert np.abs(alone.delta).max() > 1e-3  # it did learn something
