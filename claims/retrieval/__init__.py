"""Was this checked before? Retrieval of stored claims and other fact-checkers' checks.

Database-agnostic core used by the store:

* ``claims.retrieval.text`` -- text preparation (links, hashtags, @handles, tweet signatures,
  stop words from ``stopwords.txt``);
* ``claims.retrieval.index`` -- ``TextIndex``: the full-text index in the database (SQLite
  FTS5 ``bm25()``, PostgreSQL ``ts_rank_cd``) on a SQLAlchemy connection;
* ``claims.retrieval.rerank`` -- the re-ranker (rapidfuzz and word-overlap features, logistic
  models fitted on CheckThat! 2020 train) and the ``same``/``similar`` labels;
  ``claims.retrieval.fitting`` -- the arithmetic that fits them (pointwise and listwise);
* ``claims.retrieval.factchecks`` -- reading ClaimReview JSON-LD and CSV fact-check files;
* ``claims.retrieval.embed`` / ``claims.retrieval.vectors`` -- MiniLM sentence vectors
  (optional extra ``claims[embeddings]``) stored beside the index for the documents looked up
  against; ``claims.retrieval.adapter`` -- the linear map that moves a query's vector towards
  the fact-checks' (fitted on CheckThat! 2020 train).

``lookup(conn, index, text)`` is the whole path: candidates from the database (full text, and
the nearest stored vectors when there are any), re-ranked.
"""
from __future__ import annotations

from typing import Optional, Sequence

import numpy as np
import sqlalchemy as sa

from claims.retrieval.adapter import QueryAdapter, default_adapter
from claims.retrieval.embed import Embedder, default_embedder
from claims.retrieval.index import Candidate, IndexDoc, TextIndex, fts5_available
from claims.retrieval.rerank import (
    Match, RerankModel, default_model, merge_matches, rerank, same_claim, text_features)
from claims.retrieval.text import index_text, query_terms

__all__ = [
    "CANDIDATES", "NEAREST", "NEAREST_MIN_COS", "Candidate", "Embedder", "QueryAdapter", "default_adapter",
    "default_embedder", "embed_candidates",
    "embed_queries", "embed_text", "IndexDoc", "Match", "RerankModel", "TextIndex", "default_model",
    "fts5_available", "lookup", "merge_matches", "query_terms", "rerank", "same_claim",
]

# How many full-text candidates the re-ranker sees (recall of the right claim among the
# first 50 BM25 candidates on CheckThat! 2020 dev: 0.95; among the first 5: 0.86).
CANDIDATES = 50
# How many nearest stored vectors join the full-text candidates (see bench_retrieval.py).
NEAREST = 20
# ... when their cosine with the query is at least this: unrelated texts score about 0-0.2 with
# MiniLM, so a query with nothing related finds nothing (as with words alone), not the
# least unrelated fact-checks.
NEAREST_MIN_COS = 0.4
_DEFAULT = object()


def lookup(conn: sa.Connection, index: TextIndex, text: str, limit: int = 5,
           kinds: Optional[Sequence[str]] = None, candidates: int = CANDIDATES,
           model: Optional[RerankModel] = None, restrict: Optional[str] = None,
           embedder=_DEFAULT, query_vector: Optional[np.ndarray] = None) -> list[Match]:
    """The *limit* best matches of *text* in *index* (documents of *kinds*, meeting
    *restrict*: see ``TextIndex.candidates``), best first.

    With an *embedder* (default: ``default_embedder()``, None without ``claims[embeddings]``)
    and vectors stored in the index, the nearest stored vectors join the full-text candidates
    and the re-ranker also weighs cosines; otherwise the ranking is by words alone.
    *query_vector*: *text*'s vector when the caller embedded it already (``embed_queries``:
    a batch of queries costs ~13% less per query than one at a time).

    Candidates without a stored vector (claims nobody reviewed, which ``search`` looks among)
    are not embedded here: that cost ~8 ms of CPU each, about 0.45 s a lookup among 100,000
    stored claims where 30 ms is usual. They keep the word model's score, computed among the
    full-text candidates as a lookup without embeddings would; the others get the embedding
    model's. Both are the probability that the candidate is the claim, so the two lists merge
    by score."""
    emb = default_embedder() if embedder is _DEFAULT else embedder
    # No stored vector (a store without fact-checks or verdicts): no query to embed.
    use_vectors = (emb is not None and index.vectors.exists(conn)
                   and bool(index.vectors.load(conn, emb.model_id).pairs))
    pending = None
    if use_vectors and query_vector is None:
        # The model run is most of a lookup: it runs in a background thread while the
        # database ranks by words and the word features are computed.
        pending = emb.submit([embed_text(text)])
    cands = index.candidates(conn, text, limit=max(candidates, limit), kinds=kinds, restrict=restrict)
    if not use_vectors:
        return rerank(text, cands, limit=limit, model=model)
    qn = index_text(text)
    text_x = text_features(qn, cands)
    q = query_vector if query_vector is not None else pending.result()[0]
    both, cos = embed_candidates(conn, index, emb, text, cands, kinds=kinds, restrict=restrict, query_vector=q,
                                 embed_missing=False)
    if cos is None:
        return rerank(text, cands, limit=limit, model=model, text=text_x)
    text_x = np.vstack([text_x, text_features(qn, both[len(cands):])])
    unembedded = np.isnan(cos[:, 0])
    if not unembedded.any():
        return rerank(text, both, limit=limit, model=model, cosines=cos, text=text_x)
    # Ranked among all the candidates (the BM25 and rarity features are relative to them, as
    # when the model was fitted), those without a vector at the lowest cosine.
    without = {(both[i].kind, both[i].key) for i in np.flatnonzero(unembedded)}
    by_vectors = [m for m in rerank(text, both, model=model, cosines=np.nan_to_num(cos, nan=-1.0), text=text_x)
                  if (m.kind, m.key) not in without]
    by_words = [m for m in rerank(text, cands, model=default_model(False), text=text_x[:len(cands)])
                if (m.kind, m.key) in without]
    return merge_matches(text, by_vectors, by_words, limit=limit)


def embed_text(text: str) -> str:
    """What is embedded for a query: its indexed text, as for the stored documents."""
    return index_text(text)


def embed_queries(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """The query vectors of *texts* in one batch (``lookup(..., query_vector=row)``)."""
    return embedder.embed([embed_text(t) for t in texts])


_SHIPPED = object()


def embed_candidates(conn: sa.Connection, index: TextIndex, embedder: Embedder, text: str,
                     cands: list[Candidate], kinds: Optional[Sequence[str]] = None,
                     restrict: Optional[str] = None, nearest: int = NEAREST,
                     query_vector: Optional[np.ndarray] = None, adapter=_SHIPPED, embed_missing: bool = True):
    """*cands* and the documents with the *nearest* stored vectors to *text*'s adapted vector
    (best of body and title), and each one's cosines with the query (``(n, 4)``: body and
    title with the raw vector, body and title with the adapted one -- a document without a
    title is its own); ``(cands, None)`` when no vector is stored. A candidate without a stored
    vector (a claim nobody reviewed, found by ``search``) is embedded here, not stored; with
    *embed_missing* False its row is NaN instead (``lookup``: too slow for a lookup).
    *query_vector*: *text*'s vector if already made. *adapter*: a ``QueryAdapter``, None for
    none (the adapted cosines are then the raw ones); default the shipped one."""
    vecs = index.vectors.load(conn, embedder.model_id)
    if not vecs.pairs:
        return cands, None
    # Documents are embedded from their indexed text; so is the query.
    q = query_vector if query_vector is not None else embedder.embed([embed_text(text)])[0]
    if adapter is _SHIPPED:
        adapter = default_adapter(embedder.model_id)
    qa = adapter.apply(q) if adapter is not None else q
    cos_all = vecs.cosines(qa)
    best = cos_all.max(1)
    k = min(nearest, len(best))
    top = np.argpartition(-best, k - 1)[:k] if k else []
    have = {(c.kind, c.key) for c in cands}
    extra = [vecs.pairs[i] for i in sorted(top, key=lambda i: -best[i])
             if best[i] >= NEAREST_MIN_COS and vecs.pairs[i] not in have]
    cands = list(cands) + index.fetch(conn, extra, kinds=kinds, restrict=restrict)
    cos = np.zeros((len(cands), 4))
    rows = [vecs.position.get((c.kind, c.key)) for c in cands]
    known = [i for i, j in enumerate(rows) if j is not None]
    if known:
        at = [rows[i] for i in known]
        cos[known, 2:] = cos_all[at]
        cos[known, :2] = vecs.cosines_at(q, at) if adapter is not None else cos_all[at]
    unknown = [i for i, j in enumerate(rows) if j is None]
    if unknown and not embed_missing:
        cos[unknown] = np.nan
    elif unknown:
        b = embedder.embed([cands[i].body for i in unknown])
        t = embedder.embed([cands[i].title for i in unknown])
        titled = np.array([bool(cands[i].title) for i in unknown])[:, None]
        t = np.where(titled, t, b)
        cos[unknown] = np.stack([b @ q, t @ q, b @ qa, t @ qa], axis=1)
    return cands, cos
