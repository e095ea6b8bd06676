"""A full-text index of claim texts inside the database, ranked by BM25.

``TextIndex`` works on a SQLAlchemy ``Connection`` so the store calls it inside its own
transactions; it needs nothing but the database:

* **SQLite**: an FTS5 virtual table ``{name}`` (columns ``body`` and ``title``, tokenizer
  ``porter unicode61``) ranked by FTS5's ``bm25()``, plus ``{name}_keys`` mapping each FTS
  rowid to the document's ``(kind, key)``;
* **PostgreSQL**: one table ``{name}`` with a stored ``tsvector`` (``english`` configuration,
  body weighted A and title B) under a GIN index, matched with ``websearch_to_tsquery`` and
  ranked by BM25 written in SQL (word IDFs times length normalisation), ``ts_rank_cd``
  breaking ties.

A document is ``(kind, key, text, title)``: *kind* says what it is (``claim`` for the desk's own
claims, ``factcheck`` for imported fact-checks; any short string works), *key* is its id
within the kind. Adding a document with a ``(kind, key)`` already indexed replaces it. The
index stores the normalised words (``claims.retrieval.text.index_text``), which the
re-ranker compares; display texts stay in the caller's tables.

Queries match documents having *any* of the query's content words; the database ranks them
and returns the best ``limit`` (``Candidate.score``: larger is better, ``-bm25()`` on SQLite,
the BM25 sum on PostgreSQL).

Speed. Ranking costs time per *matching* document (FTS5's ``bm25()`` about 3 µs each), and a
claim's common words ("said", "president") match a large share of a big collection. So a
query keeps its words rarest first while their document frequencies add up to at most
``POSTINGS_BUDGET`` (the rarest word is always kept; words found nowhere are dropped): the
words dropped are those BM25 weighs least. Document frequencies are counted in the index and
cached per ``TextIndex`` object (the cache is cleared when that object adds or removes
documents; another process's additions make it stale by a few documents, which only shifts
the cut; a word found nowhere is not cached, so it is never dropped on a stale count). With 100,000 stored claims a lookup then takes ~10 ms instead of ~250 ms.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

import sqlalchemy as sa

from claims.errors import StoreError
from claims.retrieval.text import fts5_query, index_texts, query_terms, tsquery_text
from claims.retrieval.vectors import VectorStore

__all__ = ["IndexDoc", "Candidate", "TextIndex", "fts5_available", "TITLE_WEIGHT"]

# Weight of the title column relative to the body in SQLite's bm25() (measured on the
# CheckThat! 2020 train split: 1.0 is best, 0.5 and 2.0 lose ~0.5 point of MAP@5).
TITLE_WEIGHT = 1.0
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,50}$")
_BATCH = 5000
POSTINGS_BUDGET = 3000
BM25_K1, BM25_B = 1.2, 0.75  # FTS5's bm25() constants, for the PostgreSQL ranking
_DF_CACHE_SIZE = 200_000


@dataclass(frozen=True)
class IndexDoc:
    """One document to index."""
    kind: str
    key: str
    text: str
    title: str = ""


@dataclass(frozen=True)
class Candidate:
    """One full-text match: the indexed (normalised) texts and the database's rank score."""
    kind: str
    key: str
    body: str
    title: str
    score: float


def fts5_available(conn: sa.Connection) -> bool:
    """Whether this SQLite library has FTS5."""
    try:
        rows = conn.exec_driver_sql("PRAGMA compile_options").fetchall()
    except Exception:  # pragma: no cover - not SQLite
        return False
    return any(str(r[0]).upper() == "ENABLE_FTS5" for r in rows)


class TextIndex:
    """The full-text index named *name* (its table names derive from it)."""

    def __init__(self, name: str = "claim_search"):
        if not _NAME.match(name):
            raise ValueError(f"bad index name {name!r}: letters, digits and _ only")
        self.name = name
        self.keys_table = f"{name}_keys"
        self.postings_budget = POSTINGS_BUDGET
        self.vectors = VectorStore(name)  # sentence vectors of some documents (claims[embeddings])
        self._df: dict[tuple, object] = {}  # document frequencies, and collection stats

    def __repr__(self) -> str:
        return f"TextIndex({self.name!r})"

    # --- schema -----------------------------------------------------------------------------

    @staticmethod
    def _dialect(conn: sa.Connection) -> str:
        name = conn.dialect.name
        if name in ("sqlite", "postgresql"):
            return name
        raise StoreError(f"full-text search needs SQLite (FTS5) or PostgreSQL, not {name}")

    def exists(self, conn: sa.Connection) -> bool:
        return sa.inspect(conn).has_table(self.name)

    def create(self, conn: sa.Connection) -> None:
        """Create the index tables if they do not exist."""
        n = self.name
        if self._dialect(conn) == "sqlite":
            if not fts5_available(conn):
                raise StoreError("this Python's SQLite has no FTS5: full-text search is unavailable")
            conn.exec_driver_sql(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {n} USING fts5("
                f"body, title, tokenize='porter unicode61')")
            conn.exec_driver_sql(
                f"CREATE TABLE IF NOT EXISTS {self.keys_table} ("
                f"id INTEGER PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL, UNIQUE (kind, key))")
        else:
            conn.exec_driver_sql(
                f"CREATE TABLE IF NOT EXISTS {n} ("
                f"id BIGSERIAL PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL, "
                f"body TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '', "
                f"tsv tsvector GENERATED ALWAYS AS ("
                f"setweight(to_tsvector('english'::regconfig, body), 'A') || "
                f"setweight(to_tsvector('english'::regconfig, title), 'B')) STORED, "
                f"UNIQUE (kind, key))")
            conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {n}_tsv ON {n} USING gin (tsv)")
        self.vectors.create(conn)

    def drop(self, conn: sa.Connection) -> None:
        self._dialect(conn)
        self.vectors.drop(conn)
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {self.name}")
        if self._dialect(conn) == "sqlite":
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS {self.keys_table}")

    # --- content ----------------------------------------------------------------------------

    def add(self, conn: sa.Connection, docs: Iterable[IndexDoc], *, new: bool = False) -> int:
        """Index *docs* (replacing documents with the same kind and key); returns how many.

        ``new=True``: the caller knows none of them is indexed (a claim id stored in the same
        transaction), so no document to replace, nor its vector, is looked for: those lookups
        were two fifths of the cost of indexing a run's new claims. Should one be indexed after
        all, the ``(kind, key)`` uniqueness of the index refuses it (the transaction fails)."""
        total = 0
        batch: list[IndexDoc] = []
        for d in docs:
            batch.append(d)
            if len(batch) >= _BATCH:
                total += self._add_batch(conn, batch, new)
                batch = []
        if batch:
            total += self._add_batch(conn, batch, new)
        return total

    def _add_batch(self, conn: sa.Connection, docs: list[IndexDoc], new: bool = False) -> int:
        self._df.clear()
        # Last one wins within a batch, as it would across batches.
        uniq = {(str(d.kind), str(d.key)): d for d in docs}
        docs = list(uniq.values())
        bodies = index_texts([d.text for d in docs])
        titles = index_texts([d.title for d in docs])
        rows = [(k[0], k[1], b, t) for k, b, t in zip(uniq, bodies, titles)]
        if self._dialect(conn) == "postgresql":
            if not new:
                self._forget_vectors(conn, list(uniq))  # SQLite: remove_many below does it
            replace = "" if new else (" ON CONFLICT (kind, key) DO UPDATE "
                                      "SET body = EXCLUDED.body, title = EXCLUDED.title")
            conn.execute(
                sa.text(f"INSERT INTO {self.name} (kind, key, body, title) "
                        f"VALUES (:kind, :key, :body, :title){replace}"),
                [dict(kind=a, key=b, body=c, title=t) for a, b, c, t in rows])
            return len(rows)
        if not new:
            self.remove_many(conn, list(uniq))
        dbapi = conn.connection.driver_connection
        cur = dbapi.cursor()
        try:
            start = cur.execute(f"SELECT coalesce(max(id), 0) FROM {self.keys_table}").fetchone()[0]
            ids = range(start + 1, start + 1 + len(rows))
            cur.executemany(f"INSERT INTO {self.keys_table} (id, kind, key) VALUES (?, ?, ?)",
                            [(i, r[0], r[1]) for i, r in zip(ids, rows)])
            cur.executemany(f"INSERT INTO {self.name} (rowid, body, title) VALUES (?, ?, ?)",
                            [(i, r[2], r[3]) for i, r in zip(ids, rows)])
        finally:
            cur.close()
        return len(rows)

    def remove(self, conn: sa.Connection, kind: str, keys: Iterable[str]) -> None:
        """Drop the documents of *kind* with these *keys* (unknown keys are ignored)."""
        self.remove_many(conn, [(kind, k) for k in keys])

    def remove_many(self, conn: sa.Connection, pairs: Sequence[tuple[str, str]]) -> None:
        if not pairs:
            return
        self._df.clear()
        self._forget_vectors(conn, pairs)
        if self._dialect(conn) == "postgresql":
            conn.execute(sa.text(f"DELETE FROM {self.name} WHERE kind = :kind AND key = :key"),
                         [dict(kind=a, key=b) for a, b in pairs])
            return
        dbapi = conn.connection.driver_connection
        cur = dbapi.cursor()
        try:
            # the rows of these documents, 500 keys per query (one query each cost more)
            by_kind: dict[str, list[str]] = {}
            for a, b in pairs:
                by_kind.setdefault(str(a), []).append(str(b))
            ids = []
            for kind, keys in by_kind.items():
                for i in range(0, len(keys), 500):
                    chunk = keys[i:i + 500]
                    cur.execute(f"SELECT id FROM {self.keys_table} WHERE kind = ? AND key IN "
                                f"({', '.join('?' * len(chunk))})", (kind, *chunk))
                    ids.extend(cur.fetchall())
            if ids:
                cur.executemany(f"DELETE FROM {self.name} WHERE rowid = ?", ids)
                cur.executemany(f"DELETE FROM {self.keys_table} WHERE id = ?", ids)
        finally:
            cur.close()

    def _forget_vectors(self, conn: sa.Connection, pairs: Sequence[tuple[str, str]]) -> None:
        """A replaced or removed document's vector is stale: ``VectorStore.sync`` makes it again."""
        if pairs and self.vectors.exists(conn):
            self.vectors.delete(conn, pairs)

    def fetch(self, conn: sa.Connection, pairs: Sequence[tuple[str, str]],
              kinds: Optional[Sequence[str]] = None, restrict: Optional[str] = None) -> list[Candidate]:
        """The indexed documents ``(kind, key)`` of *pairs* that are of *kinds* and meet
        *restrict* (see ``candidates``), in the order of *pairs*, with score 0."""
        if not pairs:
            return []
        want = {(str(a), str(b)) for a, b in pairs}
        if kinds is not None:
            want = {p for p in want if p[0] in set(kinds)}
        if not want:
            return []
        # one (kind, key) equality per document: the UNIQUE (kind, key) index finds each
        want_l = sorted(want)
        params = {}
        for i, (a, b) in enumerate(want_l):
            params[f"a{i}"], params[f"k{i}"] = a, b
        if self._dialect(conn) == "sqlite":
            match = " OR ".join(f"(k.kind = :a{i} AND k.key = :k{i})" for i in range(len(want_l)))
            cond = (" AND (" + restrict.format(kind="k.kind", key="k.key") + ")") if restrict else ""
            sql = (f"SELECT k.kind, k.key, t.body, t.title FROM {self.keys_table} AS k "
                   f"JOIN {self.name} AS t ON t.rowid = k.id WHERE ({match}){cond}")
        else:
            match = " OR ".join(f"(t.kind = :a{i} AND t.key = :k{i})" for i in range(len(want_l)))
            cond = (" AND (" + restrict.format(kind="t.kind", key="t.key") + ")") if restrict else ""
            sql = f"SELECT t.kind, t.key, t.body, t.title FROM {self.name} AS t WHERE ({match}){cond}"
        found = {(r[0], r[1]): r for r in conn.execute(sa.text(sql), params).all() if (r[0], r[1]) in want}
        return [Candidate(p[0], p[1], found[p][2], found[p][3], 0.0) for p in pairs if p in found]

    def count(self, conn: sa.Connection, kind: Optional[str] = None) -> int:
        table = self.keys_table if self._dialect(conn) == "sqlite" else self.name
        if kind is None:
            return int(conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar())
        return int(conn.execute(sa.text(f"SELECT count(*) FROM {table} WHERE kind = :k"),
                                {"k": kind}).scalar())

    def keys(self, conn: sa.Connection, kind: str) -> set[str]:
        table = self.keys_table if self._dialect(conn) == "sqlite" else self.name
        return {r[0] for r in conn.execute(sa.text(f"SELECT key FROM {table} WHERE kind = :k"),
                                           {"k": kind})}

    # --- search -----------------------------------------------------------------------------

    def doc_freqs(self, conn: sa.Connection, terms: Sequence[str]) -> list[int]:
        """How many indexed documents contain each of *terms* (as the database stems them)."""
        db = str(conn.engine.url)
        got = {t: self._df[(db, t)] for t in terms if (db, t) in self._df}
        todo = [t for t in dict.fromkeys(terms) if t not in got]
        if todo:
            # One statement for all the words not cached: a query's new words cost one round
            # trip (per word, the statement overhead was half the cost on SQLite).
            if self._dialect(conn) == "sqlite":
                params = {f"q{i}": fts5_query([t]) for i, t in enumerate(todo)}
                one = f"(SELECT count(*) FROM {self.name} WHERE {self.name} MATCH :q{{i}})"
            else:
                params = {f"q{i}": t for i, t in enumerate(todo)}
                one = f"(SELECT count(*) FROM {self.name} WHERE tsv @@ plainto_tsquery('english'::regconfig, :q{{i}}))"
            counts: list = []
            for s in range(0, len(todo), 100):  # within any database's limit on one statement
                part = range(s, min(s + 100, len(todo)))
                counts.extend(conn.execute(sa.text("SELECT " + ", ".join(one.format(i=i) for i in part)),
                                           {f"q{i}": params[f"q{i}"] for i in part}).first())
            if len(self._df) + len(todo) > _DF_CACHE_SIZE:
                self._df.clear()
            for t, n in zip(todo, counts):
                got[t] = int(n or 0)
                if got[t]:  # a word found nowhere is dropped from queries: never from a stale count
                    self._df[(db, t)] = got[t]
        return [got[t] for t in terms]

    def prune(self, conn: sa.Connection, terms: list[str]) -> list[str]:
        """*terms* cut to the rarest whose document frequencies add up to the postings budget."""
        if not terms or not self.postings_budget:
            return terms
        dfs = self.doc_freqs(conn, terms)
        if sum(dfs) <= self.postings_budget:
            return [t for t, n in zip(terms, dfs) if n]
        keep, total = [], 0
        for i in sorted(range(len(terms)), key=lambda i: (dfs[i], i)):
            if dfs[i] == 0:
                continue
            if keep and total + dfs[i] > self.postings_budget:
                break
            keep.append(i)
            total += dfs[i]
        return [terms[i] for i in sorted(keep)]

    def candidates(self, conn: sa.Connection, text: str, limit: int = 50,
                   kinds: Optional[Sequence[str]] = None,
                   terms: Optional[list[str]] = None,
                   restrict: Optional[str] = None) -> list[Candidate]:
        """The *limit* best full-text matches of *text* (of the given *kinds*), best first.

        *restrict*: an extra SQL condition on the documents, written with ``{kind}`` and
        ``{key}`` for their columns (e.g. ``"{kind} = 'factcheck' OR {key} IN (SELECT ...)"``);
        it is applied before ranking, so the best *limit* documents meeting it are returned."""
        terms = query_terms(text) if terms is None else terms
        if not terms or limit <= 0:
            return []
        terms = self.prune(conn, terms)
        if not terms:
            return []
        params: dict = {"k": int(limit)}
        kind_sql = ""
        if kinds is not None:
            kinds = list(kinds)
            if not kinds:
                return []
            kind_sql = " AND {kind} IN (" + ", ".join(f":kind{i}" for i in range(len(kinds))) + ")"
            params.update({f"kind{i}": k for i, k in enumerate(kinds)})
        if restrict:
            kind_sql += " AND (" + restrict + ")"
        n = self.name
        if self._dialect(conn) == "sqlite":
            params["q"] = fts5_query(terms)
            rank = f"bm25({n}, 1.0, {TITLE_WEIGHT})"
            sql = (f"SELECT k.kind, k.key, {n}.body, {n}.title, {rank} AS r "
                   f"FROM {n} JOIN {self.keys_table} AS k ON k.id = {n}.rowid "
                   f"WHERE {n} MATCH :q{kind_sql.format(kind='k.kind', key='k.key')} ORDER BY r, k.id LIMIT :k")
            rows = conn.execute(sa.text(sql), params).fetchall()
            return [Candidate(r[0], r[1], r[2], r[3], -float(r[4])) for r in rows]
        # PostgreSQL ranks by ts_rank_cd, which knows no word rarity: on CheckThat! 2020 dev it
        # reaches MAP@5 0.72 where FTS5's bm25 reaches 0.80. So the rank is BM25 written out:
        # per query word its IDF (document frequencies as counted for pruning) when the
        # document has it, times BM25's length normalisation; ts_rank_cd breaks ties.
        params["q"] = tsquery_text(terms)
        total, avg_len = self._stats(conn)
        dfs = self.doc_freqs(conn, terms)
        parts, froms = [], []
        for i, (t, df) in enumerate(zip(terms, dfs)):
            params[f"t{i}"] = t
            params[f"w{i}"] = math.log(1 + (total - df + 0.5) / (df + 0.5))
            froms.append(f"plainto_tsquery('english'::regconfig, :t{i}) AS q{i}")
            parts.append(f"(CASE WHEN t.tsv @@ q{i} THEN :w{i} ELSE 0 END)")
        params.update(k1=BM25_K1, b=BM25_B, avg=max(avg_len, 1.0))
        score = (f"(({' + '.join(parts)}) * (:k1 + 1) / "
                 f"(1 + :k1 * (1 - :b + :b * length(t.tsv) / :avg)))")
        sql = (f"SELECT t.kind, t.key, t.body, t.title, {score} AS r, ts_rank_cd(t.tsv, q, 1) AS r2 "
               f"FROM {n} AS t, websearch_to_tsquery('english'::regconfig, :q) AS q, {', '.join(froms)} "
               f"WHERE t.tsv @@ q{kind_sql.format(kind='t.kind', key='t.key')} "
               f"ORDER BY r DESC, r2 DESC, t.id LIMIT :k")
        rows = conn.execute(sa.text(sql), params).fetchall()
        return [Candidate(r[0], r[1], r[2], r[3], float(r[4])) for r in rows]

    def _stats(self, conn: sa.Connection) -> tuple[int, float]:
        """(documents, mean lexemes per document) of a PostgreSQL index, cached like ``_df``."""
        key = (str(conn.engine.url), "__stats__")
        got = self._df.get(key)
        if got is None:
            row = conn.exec_driver_sql(f"SELECT count(*), avg(length(tsv)) FROM {self.name}").first()
            got = (int(row[0] or 0), float(row[1] or 0.0))
            if got[0]:
                self._df[key] = got
        return got
