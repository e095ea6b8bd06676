"""Sentence vectors of indexed documents, stored in the database beside the full-text index.

Only the documents a claim is looked up against need vectors (imported fact-checks, claims the
desk reviewed): ``VectorStore.sync`` embeds those that have none yet -- at import, and before
lookups, so verdicts recorded by any path are covered and a database made before
``claims[embeddings]`` was installed catches up. Claims are never embedded while they are
extracted or grouped.

A row is ``(kind, key, model, body, title)``: float16 vectors of the indexed body and title
(NULL without a title), 768 bytes each. The text index deletes a document's row when it
replaces or removes the document (``TextIndex``), so a changed text is embedded again.

``nearest`` ranks all stored vectors by cosine with a query vector. The vectors are read once
into memory per database (a reference collection of 10,000 fact-checks is 30 MB as float32) and
read again when the table changed (its row count or largest id). Comparing a query with 10,000
documents costs about 1 ms; with 100,000 it is memory-bound (~150 MB read per lookup).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np
import sqlalchemy as sa

from claims.retrieval.embed import DIM, Embedder

__all__ = ["VectorStore", "Vectors"]

_BATCH = 256


@dataclass
class Vectors:
    """The stored vectors of one database, in memory."""
    pairs: list[tuple[str, str]]
    body: np.ndarray     # (n, DIM) float32, unit length
    titled: np.ndarray   # rows of the documents that have a title
    title: np.ndarray    # (len(titled), DIM) float32: their title vectors
    position: dict[tuple[str, str], int]

    def cosines(self, q: np.ndarray) -> np.ndarray:
        """``(n, 2)``: cosine of the unit vector *q* with each document's body and title (a
        document without a title is its own title, as for the word features)."""
        out = np.empty((len(self.pairs), 2), dtype=np.float32)
        if not self.pairs:
            return out
        # einsum, not @: a matrix-vector product through OpenBLAS starts its threads, which on
        # a busy machine costs ten times the single-threaded loop.
        out[:, 0] = np.einsum("ij,j->i", self.body, q)
        out[:, 1] = out[:, 0]
        if len(self.titled):
            out[self.titled, 1] = np.einsum("ij,j->i", self.title, q)
        return out

    def cosines_at(self, q: np.ndarray, rows) -> np.ndarray:
        """``cosines(q)`` of the documents at *rows* only (the few candidates of a lookup)."""
        rows = np.asarray(rows, dtype=np.int64)
        out = np.empty((len(rows), 2), dtype=np.float32)
        out[:, 0] = np.einsum("ij,j->i", self.body[rows], q)
        out[:, 1] = out[:, 0]
        if len(self.titled) and len(rows):
            # title rows of the documents that have one
            at = np.searchsorted(self.titled, rows)
            has = (at < len(self.titled)) & (self.titled[np.minimum(at, len(self.titled) - 1)] == rows)
            if has.any():
                out[has, 1] = np.einsum("ij,j->i", self.title[at[has]], q)
        return out


def _blob(v: np.ndarray) -> bytes:
    return np.asarray(v, dtype="<f2").tobytes()


def _unblob(b) -> np.ndarray:
    if b is None:
        return np.zeros(DIM, dtype=np.float32)
    return np.frombuffer(bytes(b), dtype="<f2").astype(np.float32)


class VectorStore:
    """The vectors table ``{index name}_vectors`` of a ``TextIndex``."""

    def __init__(self, index_name: str):
        self.table = f"{index_name}_vectors"
        self.index_name = index_name
        self._cache: dict[str, tuple[tuple, Vectors]] = {}

    def create(self, conn: sa.Connection) -> None:
        t = self.table
        blob = "BLOB" if conn.dialect.name == "sqlite" else "BYTEA"
        ident = "INTEGER PRIMARY KEY" if conn.dialect.name == "sqlite" else "BIGSERIAL PRIMARY KEY"
        conn.exec_driver_sql(
            f"CREATE TABLE IF NOT EXISTS {t} (id {ident}, kind TEXT NOT NULL, key TEXT NOT NULL, "
            f"model TEXT NOT NULL, body {blob} NOT NULL, title {blob}, UNIQUE (kind, key))")

    def drop(self, conn: sa.Connection) -> None:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {self.table}")
        self._cache.clear()

    def exists(self, conn: sa.Connection) -> bool:
        return sa.inspect(conn).has_table(self.table)

    def delete(self, conn: sa.Connection, pairs) -> None:
        """Forget the vectors of these ``(kind, key)`` documents (their text changed or went)."""
        # Few documents have a vector (fact-checks and reviewed claims) and a run re-indexes
        # thousands of claims per batch: the ones with a vector are looked up 500 keys at a
        # time, and only they are deleted (one DELETE per document cost more than indexing).
        by_kind: dict[str, list[str]] = {}
        for a, b in pairs:
            by_kind.setdefault(a, []).append(b)
        q = sa.text(f"SELECT key FROM {self.table} WHERE kind = :kind AND key IN :keys").bindparams(
            sa.bindparam("keys", expanding=True))
        present = []
        for kind, keys in by_kind.items():
            for i in range(0, len(keys), 500):
                present.extend((kind, k) for k in conn.execute(q, {"kind": kind, "keys": keys[i:i + 500]}).scalars())
        if present:
            conn.execute(sa.text(f"DELETE FROM {self.table} WHERE kind = :kind AND key = :key"),
                         [dict(kind=a, key=b) for a, b in present])

    def missing(self, conn: sa.Connection, model_id: str,
                where: Optional[str] = None) -> list[tuple[str, str, str, str]]:
        """``(kind, key, body, title)`` of indexed documents meeting *where* (SQL with ``{kind}``
        and ``{key}``) that have no vector made by *model_id*."""
        n, v = self.index_name, self.table
        if conn.dialect.name == "sqlite":
            cond = (" AND (" + where.format(kind="k.kind", key="k.key") + ")") if where else ""
            sql = (f"SELECT k.kind, k.key, t.body, t.title FROM {n}_keys AS k JOIN {n} AS t ON t.rowid = k.id "
                   f"WHERE NOT EXISTS (SELECT 1 FROM {v} AS v WHERE v.kind = k.kind AND v.key = k.key AND v.model = :m){cond} "
                   f"ORDER BY k.id")
        else:
            cond = (" AND (" + where.format(kind="t.kind", key="t.key") + ")") if where else ""
            sql = (f"SELECT t.kind, t.key, t.body, t.title FROM {n} AS t "
                   f"WHERE NOT EXISTS (SELECT 1 FROM {v} AS v WHERE v.kind = t.kind AND v.key = t.key AND v.model = :m){cond} "
                   f"ORDER BY t.id")
        return [tuple(r) for r in conn.execute(sa.text(sql), {"m": model_id}).all()]

    def sync(self, conn: sa.Connection, embedder: Embedder, where: Optional[str] = None) -> int:
        """Embed the documents meeting *where* that have no vector; returns how many."""
        todo = self.missing(conn, embedder.model_id, where)
        for s in range(0, len(todo), _BATCH):
            self.add(conn, embedder, todo[s:s + _BATCH])
        return len(todo)

    def add(self, conn: sa.Connection, embedder: Embedder, docs) -> None:
        """Embed and store ``(kind, key, body, title)`` documents (their indexed texts)."""
        if not docs:
            return
        bodies = embedder.embed([d[2] or "" for d in docs])
        titled = [i for i, d in enumerate(docs) if d[3]]
        titles = np.zeros((len(docs), DIM), dtype=np.float32)
        if titled:
            titles[titled] = embedder.embed([docs[i][3] for i in titled])
        self.put(conn, embedder.model_id, [(d[0], d[1]) for d in docs], bodies, titles)

    def put(self, conn: sa.Connection, model_id: str, pairs, bodies: np.ndarray, titles: np.ndarray) -> None:
        """Store vectors made by *model_id* for ``(kind, key)`` *pairs* (a zero title vector:
        no title)."""
        self.delete(conn, pairs)
        rows = [dict(kind=p[0], key=p[1], model=model_id, body=_blob(b), title=_blob(t) if t.any() else None)
                for p, b, t in zip(pairs, bodies, titles)]
        if rows:
            conn.execute(sa.text(f"INSERT INTO {self.table} (kind, key, model, body, title) "
                                 f"VALUES (:kind, :key, :model, :body, :title)"), rows)

    def load(self, conn: sa.Connection, model_id: str) -> Vectors:
        """All vectors made by *model_id*, cached until the table changes."""
        db = str(conn.engine.url)
        # Two statements: a bare count(*) is SQLite's b-tree count (~10 µs), joined with max(id)
        # it becomes an index scan (~1 ms per lookup with 10,000 vectors).
        stamp = (conn.exec_driver_sql(f"SELECT count(*) FROM {self.table}").scalar(),
                 conn.exec_driver_sql(f"SELECT max(id) FROM {self.table}").scalar(), model_id)
        got = self._cache.get(db)
        if got is not None and got[0] == stamp:
            return got[1]
        rows = conn.execute(sa.text(f"SELECT kind, key, body, title FROM {self.table} "
                                    f"WHERE model = :m ORDER BY id"), {"m": model_id}).all()
        pairs = [(r[0], r[1]) for r in rows]
        body = np.vstack([_unblob(r[2]) for r in rows]) if rows else np.zeros((0, DIM), np.float32)
        titled = np.array([i for i, r in enumerate(rows) if r[3] is not None], dtype=np.int64)
        title = np.vstack([_unblob(rows[i][3]) for i in titled]) if len(titled) else np.zeros((0, DIM), np.float32)
        vecs = Vectors(pairs, body, titled, title, {p: i for i, p in enumerate(pairs)})
        if len(self._cache) >= 8:
            self._cache.clear()
        self._cache[db] = (stamp, vecs)
        return vecs
