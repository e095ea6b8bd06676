"""Was this checked before? Retrieval of stored claims and other fact-checkers' checks.

Database-agnostic core used by the store:

* ``claims.retrieval.text`` -- text preparation (links, hashtags, @handles, tweet signatures,
  stop words from ``stopwords.txt``);
* ``claims.retrieval.index`` -- ``TextIndex``: the full-text index in the database (SQLite
  FTS5 ``bm25()``, PostgreSQL ``ts_rank_cd``) on a SQLAlchemy connection;
* ``claims.retrieval.rerank`` -- the re-ranker (rapidfuzz and word-overlap features, a logistic
  model fitted on CheckThat! 2020 train) and the ``same``/``similar`` labels;
* ``claims.retrieval.factchecks`` -- reading ClaimReview JSON-LD and CSV fact-check files.

``lookup(conn, index, text)`` is the whole path: candidates from the database, re-ranked.
"""
from __future__ import annotations

from typing import Optional, Sequence

import sqlalchemy as sa

from claims.retrieval.index import Candidate, IndexDoc, TextIndex, fts5_available
from claims.retrieval.rerank import Match, RerankModel, default_model, rerank, same_claim
from claims.retrieval.text import query_terms

__all__ = [
    "CANDIDATES", "Candidate", "IndexDoc", "Match", "RerankModel", "TextIndex", "default_model",
    "fts5_available", "lookup", "query_terms", "rerank", "same_claim",
]

# How many full-text candidates the re-ranker sees (recall of the right claim among the
# first 50 BM25 candidates on CheckThat! 2020 dev: 0.95; among the first 5: 0.86).
CANDIDATES = 50


def lookup(conn: sa.Connection, index: TextIndex, text: str, limit: int = 5,
           kinds: Optional[Sequence[str]] = None, candidates: int = CANDIDATES,
           model: Optional[RerankModel] = None, restrict: Optional[str] = None) -> list[Match]:
    """The *limit* best matches of *text* in *index* (documents of *kinds*, meeting
    *restrict*: see ``TextIndex.candidates``), best first."""
    cands = index.candidates(conn, text, limit=max(candidates, limit), kinds=kinds, restrict=restrict)
    return rerank(text, cands, limit=limit, model=model)
