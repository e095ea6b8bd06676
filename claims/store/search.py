"""Full-text search in the store: "was this checked before?"

The store keeps one full-text index (``claims.retrieval.TextIndex`` named ``SEARCH_INDEX``:
SQLite FTS5, or PostgreSQL full-text search for a server) of

* the desk's own claims (kind ``claim``), indexed as grouping stores or updates them
  (``index_claims``, called by ``save_grouping``), and
* other fact-checkers' published checks (kind ``factcheck``), imported by
  ``import_factchecks`` into their own table ``factchecks``. They are reference claims only:
  they never become this desk's verdicts and are shown beside them.

``search`` ranks both for any text. ``checked_before`` looks up each claim of a review
workbook among the *reviewed* own claims (a verdict recorded) and the imported fact-checks,
for the Review sheet's "Checked before" column. Matching is ``claims.retrieval.lookup``: BM25
candidates from the database, re-ranked, labelled ``same`` or ``similar``.

With ``claims[embeddings]`` installed, the documents looked up against (fact-checks, reviewed
own claims) also get MiniLM sentence vectors (``claims.retrieval.vectors``): made when
fact-checks are imported, and for whatever lacks one (a verdict just recorded, a database
from before) once per transaction before lookups.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional, Sequence

import pandas as pd
import sqlalchemy as sa

from claims.errors import StoreError
from claims.retrieval import IndexDoc, TextIndex, default_embedder, embed_queries, lookup

from .schema import claims_t, factchecks_t, metadata, verdicts_t
from .values import IN_CHUNK, chunks, now_iso

log = logging.getLogger("claims.store")

SEARCH_INDEX = TextIndex("claim_search")
CLAIM, FACTCHECK = "claim", "factcheck"
KIND_LABELS = {CLAIM: "own claim", FACTCHECK: "fact-check"}
SEARCH_COLUMNS = ("kind", "id", "text", "verdict", "by", "url", "date", "label", "score")

# "Checked before": at most this many matches per claim, each with at least this score (on
# CheckThat! 2020 dev, 74% of the matches scoring >= 0.5 are the tweet's fact-check, and 13% of
# the tweets looked up with their fact-check left out still show a match at >= 0.5).
CHECKED_BEFORE_SHOWN = 3
CHECKED_BEFORE_MIN_SCORE = 0.5
# A lookup takes ~10 ms with 100,000 stored claims: a workbook's first (most check-worthy)
# claims are looked up, at most this many, so writing a huge workbook stays within minutes.
CHECKED_BEFORE_MAX_LOOKUPS = 20_000
# Full-text candidates re-ranked per claim for "Checked before" (3 are shown; search uses 50).
CHECKED_BEFORE_CANDIDATES = 20
# Claims embedded at once before their lookups (sorted by length into model batches).
QUERY_BATCH = 256

# Own claims are candidates for "checked before" only when reviewed.
_REVIEWED = ("{kind} = 'factcheck' OR {key} IN (SELECT claim_id FROM verdicts "
             "WHERE verdict IS NOT NULL AND verdict <> '')")
_FACTCHECK_FIELDS = ("claim", "rating", "url", "publisher", "date", "claimant", "title", "claim_date", "source")


def build_search_index(conn: sa.Connection) -> None:
    """(Re)create the index and fill it with the stored claims and fact-checks (migration 3)."""
    try:
        SEARCH_INDEX.drop(conn)
        SEARCH_INDEX.create(conn)
    except StoreError as e:  # an SQLite without FTS5: everything else still works
        log.warning("%s", e)
        return
    c = claims_t.c
    rows = conn.execute(sa.select(c.claim_id, c.text)).all()
    SEARCH_INDEX.add(conn, (IndexDoc(CLAIM, cid, text or "") for cid, text in rows))
    f = factchecks_t.c
    rows = conn.execute(sa.select(f.key, f.claim, f.title)).all()
    SEARCH_INDEX.add(conn, (IndexDoc(FACTCHECK, k, text, title or "") for k, text, title in rows))


@sa.event.listens_for(metadata, "after_drop")
def _drop_search_index(target, connection, **kw) -> None:
    """``metadata.drop_all`` drops the index too (it lives outside the metadata)."""
    try:
        SEARCH_INDEX.drop(connection)
    except StoreError:
        pass


@dataclass
class FactcheckImport:
    """What ``import_factchecks`` did."""
    source: str = ""
    read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    messages: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.read} fact-checks read from {self.source}: {self.new} new, "
                f"{self.updated} updated, {self.unchanged} unchanged")


class SearchMixin:
    """Store methods for full-text search (see the module docstring)."""

    def _search_ready(self, conn: sa.Connection) -> None:
        if not SEARCH_INDEX.exists(conn):
            raise StoreError(f"{self.label}: no full-text index (this SQLite has no FTS5)")

    def index_claims(self, rows: Iterable[tuple[str, Optional[str]]], *, new: bool = False) -> int:
        """(Re)index own claims given as ``(claim_id, text)``; returns how many. ``new``: claims
        stored in this transaction, not indexed yet (``TextIndex.add``: nothing to replace)."""
        rows = [(cid, text) for cid, text in rows if cid]
        if not rows:
            return 0
        with self.transaction() as conn:
            if not SEARCH_INDEX.exists(conn):
                return 0
            return SEARCH_INDEX.add(conn, (IndexDoc(CLAIM, cid, text or "") for cid, text in rows), new=new)

    def import_factchecks(self, factchecks: Sequence, source: str = "") -> FactcheckImport:
        """Store ``claims.retrieval.factchecks.FactCheck`` records (all or none) and index them.

        A check already stored (same ``key``: url and claim) is updated when a field changed."""
        result = FactcheckImport(source=source, read=len(factchecks))
        now = now_iso()
        by_key: dict[str, Any] = {}
        for fc in factchecks:
            by_key[fc.key] = fc  # the last of repeated checks in one file wins
        f = factchecks_t.c
        with self.transaction() as conn:
            self._search_ready(conn)
            existing: dict[str, dict] = {}
            keys = list(by_key)
            for chunk in chunks(keys, IN_CHUNK):
                for row in conn.execute(sa.select(factchecks_t).where(f.key.in_(chunk))).mappings():
                    existing[row["key"]] = dict(row)
            new_rows, changed = [], []
            for key, fc in by_key.items():
                row = {k: getattr(fc, k) for k in _FACTCHECK_FIELDS}
                old = existing.get(key)
                if old is None:
                    new_rows.append({"key": key, **row, "imported_at": now})
                elif any(old.get(k) != row[k] for k in _FACTCHECK_FIELDS if k != "source"):
                    changed.append({"b_key": key, **row, "imported_at": now})
                else:
                    result.unchanged += 1
            if new_rows:
                for chunk in chunks(new_rows, 1000):
                    conn.execute(factchecks_t.insert(), list(chunk))
            if changed:
                upd = factchecks_t.update().where(f.key == sa.bindparam("b_key")).values(
                    **{k: sa.bindparam(k) for k in _FACTCHECK_FIELDS + ("imported_at",)})
                for chunk in chunks(changed, 1000):
                    conn.execute(upd, list(chunk))
            touched = [r["key"] for r in new_rows] + [r["b_key"] for r in changed]
            SEARCH_INDEX.add(conn, (IndexDoc(FACTCHECK, k, by_key[k].claim, by_key[k].title or "")
                                    for k in touched))
            self._sync_vectors(conn)
        result.new, result.updated = len(new_rows), len(changed)
        return result

    def factchecks_frame(self) -> pd.DataFrame:
        """The imported fact-checks, one row each."""
        with self.transaction() as conn:
            rows = [dict(r) for r in conn.execute(sa.select(factchecks_t).order_by(factchecks_t.c.key)).mappings()]
        return pd.DataFrame(rows, columns=[c.name for c in factchecks_t.columns])

    # -- search --------------------------------------------------------------------------------

    def search(self, text: str, limit: int = 5, *, kinds: Optional[Sequence[str]] = None,
               reviewed_only: bool = False, exclude: Optional[str] = None) -> pd.DataFrame:
        """Stored claims and imported fact-checks best matching *text*, best first.

        Columns ``SEARCH_COLUMNS``: kind ("own claim" or "fact-check"), id (claim id or
        fact-check key), text, verdict (the desk's verdict, or the fact-checker's rating), by
        (reviewer or publisher), url (fact-check link), date, label ("same" or "similar"),
        score (0-1)."""
        with self.transaction() as conn:
            self._search_ready(conn)
            matches = self._lookup(conn, text, limit, kinds=kinds, reviewed_only=reviewed_only, exclude=exclude)
            rows = self._describe(conn, matches)
        return pd.DataFrame(rows, columns=list(SEARCH_COLUMNS))

    def _sync_vectors(self, conn: sa.Connection) -> None:
        """Embed the fact-checks and reviewed claims that have no vector yet, once per
        transaction (a no-op without ``claims[embeddings]``)."""
        tx = conn.get_transaction()
        if tx is not None and getattr(self, "_vectors_synced_in", None) is tx:
            return
        emb = default_embedder()
        if emb is not None and SEARCH_INDEX.vectors.exists(conn):
            n = SEARCH_INDEX.vectors.sync(conn, emb, where=_REVIEWED)
            if n:
                log.info("embedded %d fact-checks and reviewed claims for matching", n)
        self._vectors_synced_in = tx

    def _lookup(self, conn, text, limit, *, kinds=None, reviewed_only=False, exclude=None, candidates=None,
                query_vector=None):
        self._sync_vectors(conn)
        matches = lookup(conn, SEARCH_INDEX, text, limit=limit + (1 if exclude else 0), kinds=kinds,
                         restrict=_REVIEWED if reviewed_only else None, query_vector=query_vector,
                         **({"candidates": candidates} if candidates else {}))
        if exclude:
            matches = [m for m in matches if not (m.kind == CLAIM and m.key == exclude)]
        return matches[:limit]

    def _describe(self, conn: sa.Connection, matches) -> list[dict]:
        """Search rows for re-ranked matches: their texts, verdicts or ratings, links."""
        claim_ids = [m.key for m in matches if m.kind == CLAIM]
        fc_keys = [m.key for m in matches if m.kind == FACTCHECK]
        claims: dict[str, dict] = {}
        c, v = claims_t.c, verdicts_t.c
        for chunk in chunks(claim_ids, IN_CHUNK):
            q = (sa.select(c.claim_id, c.text, v.verdict, v.reviewer, v.reviewed_on)
                 .select_from(claims_t.outerjoin(verdicts_t, v.claim_id == c.claim_id))
                 .where(c.claim_id.in_(chunk)))
            claims.update({r["claim_id"]: dict(r) for r in conn.execute(q).mappings()})
        fcs: dict[str, dict] = {}
        for chunk in chunks(fc_keys, IN_CHUNK):
            q = sa.select(factchecks_t).where(factchecks_t.c.key.in_(chunk))
            fcs.update({r["key"]: dict(r) for r in conn.execute(q).mappings()})
        rows = []
        for m in matches:
            if m.kind == CLAIM:
                r = claims.get(m.key)
                if r is None:
                    continue
                rows.append({"kind": KIND_LABELS[CLAIM], "id": m.key, "text": r["text"],
                             "verdict": r["verdict"] or None, "by": r["reviewer"], "url": None,
                             "date": r["reviewed_on"], "label": m.label, "score": m.score})
            elif m.kind == FACTCHECK:
                r = fcs.get(m.key)
                if r is None:
                    continue
                rows.append({"kind": KIND_LABELS[FACTCHECK], "id": m.key, "text": r["claim"],
                             "verdict": r["rating"], "by": r["publisher"], "url": r["url"],
                             "date": r["date"], "label": m.label, "score": m.score})
        return rows

    def checked_before(self, claims: Sequence[tuple[str, str]], *, shown: int = CHECKED_BEFORE_SHOWN,
                       min_score: float = CHECKED_BEFORE_MIN_SCORE) -> list[Optional[str]]:
        """For each ``(claim_id, text)``: the "Checked before" cell -- its best matches among
        reviewed own claims and imported fact-checks (verdict or rating, by whom, link,
        label and score), one a line; None when there is none."""
        out: list[Optional[str]] = [None] * len(claims)
        with self.transaction() as conn:
            if not claims or not SEARCH_INDEX.exists(conn) or not _has_references(conn):
                return out
            if len(claims) > CHECKED_BEFORE_MAX_LOOKUPS:
                log.warning("Checked before: the first %d of %d claims looked up (choose fewer with --top)",
                            CHECKED_BEFORE_MAX_LOOKUPS, len(claims))
            todo = [(i, cid, text) for i, (cid, text) in enumerate(claims[:CHECKED_BEFORE_MAX_LOOKUPS]) if text]
            self._sync_vectors(conn)
            emb = default_embedder()
            batched = emb is not None and _has_vectors(conn, emb)
            for part in chunks(todo, QUERY_BATCH):
                # The claims' vectors a batch at a time: ~13% less CPU per claim than one by one.
                vectors = embed_queries(emb, [t for _, _, t in part]) if batched else [None] * len(part)
                for (i, cid, text), vector in zip(part, vectors):
                    matches = [m for m in self._lookup(conn, text, shown, reviewed_only=True, exclude=cid,
                                                       candidates=CHECKED_BEFORE_CANDIDATES, query_vector=vector)
                               if m.score >= min_score]
                    if matches:
                        out[i] = "\n".join(_checked_before_line(r) for r in self._describe(conn, matches))
        return out


def _has_vectors(conn: sa.Connection, embedder) -> bool:
    """Whether lookups will compare vectors (some are stored for this embedder)."""
    return SEARCH_INDEX.vectors.exists(conn) and bool(SEARCH_INDEX.vectors.load(conn, embedder.model_id).pairs)


def _has_references(conn: sa.Connection) -> bool:
    """Whether anything can have been checked before: a fact-check or a recorded verdict."""
    if conn.execute(sa.select(factchecks_t.c.key).limit(1)).first() is not None:
        return True
    v = verdicts_t.c
    return conn.execute(sa.select(v.claim_id).where(v.verdict.isnot(None)).where(v.verdict != "").limit(1)).first() is not None


def _checked_before_line(r: dict) -> str:
    """One match in the "Checked before" cell."""
    if r["kind"] == KIND_LABELS[FACTCHECK]:
        who = r["by"] or "unknown publisher"
        head = f"{r['verdict'] or 'no rating'} — {who}" + (f", {r['date']}" if r["date"] else "")
        link = f" {r['url']}" if r["url"] else ""
    else:
        who = r["by"] or "this desk"
        head = f"{r['verdict']} — {who}" + (f", {r['date']}" if r["date"] else "")
        link = f" (claim {r['id']})"
    return f"{head}:{link} [{r['label']} {r['score']:.2f}]: {_clip(r['text'])}"


def _clip(text: Optional[str], n: int = 160) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"
