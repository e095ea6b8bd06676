"""Reports and their statements: storing a batch once, reading statements back.

Reports are identified by the sha256 of their text. A report whose text is already stored is
skipped, whatever its id. A report whose *id* is stored with *different* text is stored as a new
report ``"{id}~{hash8}"`` (its statement ids renamed the same way) with a warning: the stored
version, its statements, claims and verdicts are never replaced or lost.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

import pandas as pd
import sqlalchemy as sa

from claims.types import STATEMENT_COLUMNS, Report, statements_frame

from .schema import (STATEMENT_INT, STATEMENT_JSON, STATEMENT_LIST, reports_t, statements_t)
from .values import (CHUNK, IN_CHUNK, chunks, dumps, insert_rows, loads, make_frame, now_iso,
                     plain_json, py_list)

# Columns a stored statement has besides the Statement fields.
STORED_COLUMNS = ("claim_id", "speaker_id", "added_at", "run_id")


@dataclass
class AddResult:
    added: int = 0  # reports stored now
    skipped: int = 0  # reports whose text was already stored
    renamed: int = 0  # reports stored under "{id}~{hash8}" (id stored with other text)
    statements: int = 0  # statements stored now
    added_ids: list[str] = field(default_factory=list)
    skipped_ids: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    report_dates: dict = field(default_factory=dict)  # report id stored now -> its date
    _rows: list[dict] = field(default_factory=list, repr=False)  # the statement rows inserted
    _objs: dict = field(default_factory=dict, repr=False)  # statement id -> its JSON columns as given
    deferred: bool = False  # the statement rows are not inserted yet (add_reports' defer_statements)
    run_id: Optional[int] = None  # the run the rows are stored under
    _report_rows: list[dict] = field(default_factory=list, repr=False)  # the report rows to insert

    _frame: Optional[pd.DataFrame] = field(default=None, repr=False)  # see plan_reports' fast path
    _now: str = ""

    def statements_frame(self) -> pd.DataFrame:
        """The statements stored now, as stored (renamed ids), for grouping."""
        if self._frame is not None:  # nothing renamed or left out: the frame as given
            frame = self._frame.copy()
            frame["checkworthiness"] = frame["checkworthiness"].fillna(0.0)  # as _statement_rows stores it
            for c, v in (("claim_id", None), ("speaker_id", None), ("added_at", self._now), ("run_id", self.run_id)):
                frame[c] = pd.Series([v] * len(frame), index=frame.index, dtype=object)
            return frame.reset_index(drop=True)
        return stored_statements_frame(self._rows, self._objs)

    def rows(self) -> list[dict]:
        """The statement rows to insert (made from the frame on the fast path: in the background
        writer's process, not the main one)."""
        if self._frame is not None and not self._rows and self.statements:
            ids = list(dict.fromkeys(self._frame["report"].tolist()))
            to_add = [(_Id(i), i, None) for i in ids]
            self._rows, _ = _statement_rows(self._frame, to_add, self._now, self.run_id, AddResult())
        return self._rows

    def columns(self, claim_of: dict, speaker_of: dict) -> dict[str, list]:
        """The statement rows to insert (``rows``) column by column, with their claim and speaker
        ids (statement id -> id; None where absent). On the fast path made from the frame
        directly: no dict per row (``save_grouping`` in the background writer)."""
        if self._frame is not None and not self._rows and self.statements:
            cols = _driver_columns(self._frame)
            # as _statement_rows makes them: ids as text (no report renamed on this path)
            cols["id"] = ids = [str(i) for i in cols["id"]]
            cols["checkworthiness"] = [0.0 if v is None else v for v in cols["checkworthiness"]]
            n = len(ids)
            cols.update(claim_id=None, speaker_id=None, added_at=[self._now] * n, run_id=[self.run_id] * n)
        else:
            rows = self.rows()
            cols = {c: [row[c] for row in rows] for c in (rows[0] if rows else ())}
            ids = cols.get("id", [])
        cols["claim_id"] = [claim_of.get(i) for i in ids]
        cols["speaker_id"] = [speaker_of.get(i) for i in ids]
        return cols


@dataclass(frozen=True)
class _Id:
    id: str


def stored_statements_frame(rows: list[dict], objs: Optional[dict] = None) -> pd.DataFrame:
    """Statement rows as stored (JSON as text) -> the statements DataFrame (plus STORED_COLUMNS).
    ``objs``: statement id -> {JSON column: the value it was dumped from}, used instead of
    parsing the JSON text back (AddResult._objs holds them only where that gives the same)."""
    objs = objs or {}
    rows = [dict(row) for row in rows]  # the given rows keep their JSON text (they may be inserted still)
    for row in rows:
        known = objs.get(row.get("id"))
        for c in STATEMENT_JSON:
            if known is not None and c in known:
                row[c] = known[c]
                continue
            v = row.get(c)
            row[c] = loads(v, [] if c in STATEMENT_LIST else None) if isinstance(v, str) or v is None else v
    return statements_frame(rows, extra_columns=STORED_COLUMNS)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class StatementsMixin:
    """Store methods for reports and statements (see the module docstring)."""

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """The content hashes among ``hashes`` whose report is already stored."""
        hashes = sorted({h for h in hashes if h})
        found: set[str] = set()
        with self.transaction(write=False) as conn:
            for chunk in chunks(hashes, IN_CHUNK):
                q = sa.select(reports_t.c.content_hash).where(reports_t.c.content_hash.in_(chunk))
                found.update(conn.execute(q).scalars())
        return found

    def add_reports(
        self, reports: Sequence[Report], statements: Optional[pd.DataFrame] = None, *, run_id: Optional[int] = None,
        defer_statements: bool = False,
    ) -> AddResult:
        """Store the reports not stored yet (by text hash) and their statements.

        ``statements`` has the Statement columns (claims.types.STATEMENT_COLUMNS); only rows of
        reports stored now are inserted. Idempotent. See the module doc for same-id-new-text.
        ``defer_statements``: the statement rows are made and checked but not inserted; the
        caller passes the result to ``save_grouping`` in the same transaction, which inserts
        them with their claim and speaker ids (one insert per row instead of an insert and an
        update: on a large database each touches index pages that are no longer cached)."""
        with self.transaction():
            result = self.plan_reports(reports, statements, run_id=run_id)
            self.write_planned_reports(result, defer_statements=defer_statements)
        return result

    def plan_reports(self, reports: Sequence[Report], statements: Optional[pd.DataFrame] = None, *,
                     run_id: Optional[int] = None, pending_ids: Optional[dict] = None) -> AddResult:
        """What ``add_reports`` would store, read but not written: the reports not stored yet
        and their statement rows (``AddResult``, its ``added`` counting the reports to store).
        ``pending_ids``: report id -> content hash of reports planned but maybe not committed
        yet (a background writer's queue), taken as stored for the same-id-new-text rule.
        ``write_planned_reports`` stores the plan (``claims.store.writer`` checks first, in its
        write transaction, that nothing else stored them meanwhile)."""
        result = AddResult()
        result.run_id = run_id if run_id is not None else self.current_run
        if statements is None:
            statements = pd.DataFrame(columns=STATEMENT_COLUMNS)
        now = now_iso()
        with self.transaction(write=False) as conn:
            to_add = self._reports_to_add(conn, reports, result, pending_ids=pending_ids)
            if not to_add:
                return result
            fast = _plan_as_given(conn, statements, to_add, now, result)
            if fast:
                return result
            stmt_rows, objs = _statement_rows(statements, to_add, now, result.run_id, result)
            # Statement ids already stored (a report re-added under a new id keeps none of them,
            # but be safe): skip them rather than fail.
            existing: set[str] = set()
            sids = [row["id"] for row in stmt_rows]
            for chunk in chunks(sids, IN_CHUNK):
                existing.update(conn.execute(sa.select(statements_t.c.id).where(statements_t.c.id.in_(chunk))).scalars())
        if existing:
            result.warnings.append(f"{len(existing)} statement id(s) already stored; kept the stored ones")
            stmt_rows = [row for row in stmt_rows if row["id"] not in existing]
        counts: dict[str, int] = {}
        for row in stmt_rows:
            counts[row["report"]] = counts.get(row["report"], 0) + 1
        _plan_report_rows(result, to_add, counts, now)
        result.statements = len(stmt_rows)
        result._rows = stmt_rows
        result._objs = objs
        return result

    def write_planned_reports(self, planned: AddResult, *, defer_statements: bool = False) -> None:
        """Insert the reports of ``plan_reports``'s result (and their statements, unless
        ``defer_statements``: then ``save_grouping(..., added=planned)`` inserts them with their
        claim and speaker ids), in one transaction (joining the caller's)."""
        if not planned._report_rows:
            return
        with self.transaction() as conn:
            for chunk in chunks(planned._report_rows, CHUNK):
                conn.execute(reports_t.insert(), list(chunk))
            if defer_statements:
                planned.deferred = True
            else:
                insert_rows(conn, statements_t, planned.rows())

    def planned_reports_taken(self, planned: AddResult) -> bool:
        """Whether any report of the plan (its text or the id it is to be stored under) was
        stored since it was planned: by another command, as it was not in the plan's reading."""
        rows = planned._report_rows
        if not rows:
            return False
        with self.transaction(write=False) as conn:
            for chunk in chunks(rows, IN_CHUNK):
                hashes = [row["content_hash"] for row in chunk]
                ids = [row["id"] for row in chunk]
                q = sa.select(reports_t.c.id).where(sa.or_(reports_t.c.content_hash.in_(hashes),
                                                           reports_t.c.id.in_(ids))).limit(1)
                if conn.execute(q).first() is not None:
                    return True
        return False

    def _reports_to_add(self, conn: sa.Connection, reports: Sequence[Report], result: AddResult, *,
                        pending_ids: Optional[dict] = None) -> list[tuple]:
        """(report, id to store it under, hash) of the reports whose text is not stored yet
        (``pending_ids``: id -> hash of reports planned, maybe not committed yet)."""
        known = self.known_hashes({r.content_hash or _sha256(r.text) for r in reports})
        ids = sorted({r.id for r in reports})
        stored_ids: dict[str, str] = {}  # id -> content_hash, for ids already stored
        for chunk in chunks(ids, IN_CHUNK):
            q = sa.select(reports_t.c.id, reports_t.c.content_hash).where(reports_t.c.id.in_(chunk))
            stored_ids.update(dict(conn.execute(q).all()))
        to_add: list[tuple[Report, str, str]] = []
        seen_hashes = set(known)
        taken_ids = dict(stored_ids)
        if pending_ids:
            taken_ids.update(pending_ids)
            seen_hashes.update(pending_ids.values())
        for r in reports:
            h = r.content_hash or _sha256(r.text)
            if h in seen_hashes:
                result.skipped += 1
                result.skipped_ids.append(r.id)
                continue
            new_id = r.id
            if r.id in taken_ids:
                new_id = f"{r.id}~{h[:8]}"
                result.renamed += 1
                result.warnings.append(
                    f"{r.source}: report {r.id} is already stored with different text; "
                    f"stored this version as {new_id} (the stored version and its verdicts are kept)"
                )
                if new_id in taken_ids:  # same 8 hex digits: practically never
                    new_id = f"{r.id}~{h[:16]}"
            seen_hashes.add(h)
            taken_ids[new_id] = h
            to_add.append((r, new_id, h))
        return to_add

    def statements_frame(self, *, unassigned_only: bool = False, report: Optional[str] = None) -> pd.DataFrame:
        """All stored statements: the Statement columns plus claim_id, speaker_id, added_at, run_id.

        JSON columns come back as lists (check_reasons: [] when empty; content_spans: None)."""
        q = sa.select(statements_t)
        if unassigned_only:
            q = q.where(statements_t.c.claim_id.is_(None))
        if report is not None:
            q = q.where(statements_t.c.report == report)
        q = q.order_by(statements_t.c.report, statements_t.c.content_start, statements_t.c.id)
        with self.transaction() as conn:
            rows = [dict(r) for r in conn.execute(q).mappings()]
        return stored_statements_frame(rows)

    def unassigned_statements(self) -> pd.DataFrame:
        """The statements without a claim (stored by an older version), to be grouped."""
        return self.statements_frame(unassigned_only=True)

    def report_dates(self, report_ids: Iterable[str]) -> dict:
        """Report id -> date, for the given stored reports."""
        out: dict = {}
        with self.transaction() as conn:
            for chunk in chunks(sorted(set(report_ids)), IN_CHUNK):
                out.update(dict(conn.execute(sa.select(reports_t.c.id, reports_t.c.date).where(reports_t.c.id.in_(chunk))).all()))
        return out

    def reports_frame(self) -> pd.DataFrame:
        with self.transaction() as conn:
            cols = [c for c in reports_t.columns if c.name != "text"]  # texts stay in the database
            rows = [dict(r) for r in conn.execute(sa.select(*cols).order_by(reports_t.c.added_at, reports_t.c.id)).mappings()]
        return make_frame(rows, [c.name for c in cols], ints=["n_statements"])


def _plan_report_rows(result: AddResult, to_add: list[tuple], counts: dict, now: str) -> None:
    """The report rows of a plan (``counts``: report id -> statements stored with it)."""
    result._report_rows = [
        {"id": new_id, "source": r.source, "title": r.title, "date": r.date, "url": r.url,
         "text": r.text, "content_hash": h, "n_statements": counts.get(new_id, 0), "added_at": now,
         "run_id": result.run_id}
        for r, new_id, h in to_add
    ]
    result.added = len(result._report_rows)
    result.added_ids = [row["id"] for row in result._report_rows]
    result.report_dates = {row["id"]: row["date"] for row in result._report_rows}


def _plan_as_given(conn: sa.Connection, frame: pd.DataFrame, to_add: list[tuple], now: str,
                   result: AddResult) -> bool:
    """plan_reports' usual case: no report renamed or given twice, no statement id given twice
    or stored already. Then the statements are kept as the frame given (``result._frame``) and
    their rows made only when written (``AddResult.rows``, in the background writer): making
    them, and a frame from them again for grouping, was a tenth of the main process's time per
    batch. Returns False (nothing set) otherwise."""
    ids = [new_id for _, new_id, _ in to_add]
    if any(r.id != new_id for r, new_id, _ in to_add) or len(set(ids)) != len(ids):
        return False
    if len(frame):
        reports = frame["report"]
        keep = reports.isin(set(ids))
        sub = frame if bool(keep.all()) else frame[keep]
    else:
        sub = frame
    sids = sub["id"].tolist() if len(sub) else []
    if len(set(sids)) != len(sids) or any(type(x) is not str for x in sids):
        return False
    for chunk in chunks(sids, IN_CHUNK):
        if conn.execute(sa.select(statements_t.c.id).where(statements_t.c.id.in_(chunk)).limit(1)).first():
            return False
    counts = {k: int(v) for k, v in sub["report"].value_counts().items()} if len(sub) else {}
    _plan_report_rows(result, to_add, counts, now)
    result.statements = len(sub)
    result._frame = sub
    result._now = now
    return True


def _driver_columns(frame: pd.DataFrame) -> dict[str, list]:
    """The frame's Statement columns as the driver takes them (JSON columns as text), column by
    column (one conversion function per column, no per-cell dispatch); columns it lacks: None.
    A column already plain (int64; float64 without NaN; text of str and None) is taken as
    ``tolist`` gives it: the background writer converts millions of cells per run."""
    n_rows = len(frame)
    conv: dict[str, list] = {}
    for c in STATEMENT_COLUMNS:
        if c not in frame.columns:
            conv[c] = [None] * n_rows
            continue
        column = frame[c]
        vals = column.tolist()
        kind = column.dtype.kind
        if c in STATEMENT_JSON:
            vals = [dumps(v) for v in vals]
        elif kind in "iub":  # numpy ints and bools: tolist gives Python ones
            pass
        elif kind == "f":  # NaN -> None (and, in an int column, whole floats -> int)
            vals = [None if v != v else v for v in vals] if column.isna().any() else vals
            if c in STATEMENT_INT:
                vals = [int(v) if isinstance(v, float) else v for v in vals]
        else:
            vals = py_list(vals)
            if c in STATEMENT_INT and float in set(map(type, vals)):  # int column with NaNs
                vals = [int(v) if isinstance(v, float) else v for v in vals]
        conv[c] = vals
    return conv


def _statement_rows(frame: pd.DataFrame, to_add: list[tuple], now: str, run_id, result: AddResult) -> tuple[list, dict]:
    """The rows to insert for the statements of the reports being added, renamed where the
    report was renamed; and, per statement id, its JSON columns as given (see AddResult._objs)."""
    rename = {r.id: new_id for r, new_id, _ in to_add}
    if len(frame):
        frame = frame[frame["report"].isin(set(rename))]
        # A report id given twice (two versions in one batch) keeps its statements with
        # the first version only: statement rows don't say which text they came from.
    first_version: dict[str, str] = {}
    for r, new_id, _ in to_add:
        first_version.setdefault(r.id, new_id)
    cols = [c for c in STATEMENT_COLUMNS if c in frame.columns]
    n_rows = len(frame)
    conv = _driver_columns(frame)
    raw_ids = frame["id"].tolist() if "id" in cols else [None] * n_rows
    raw_reports = frame["report"].tolist() if n_rows else []
    json_cols = [c for c in cols if c in STATEMENT_JSON]
    raw_json = {c: frame[c].tolist() for c in json_cols}
    objs: dict[str, dict] = {}
    stmt_rows: list[dict] = []
    seen_stmt: set[str] = set()
    all_cols = list(STATEMENT_COLUMNS)
    for j, vals in enumerate(zip(*(conv[c] for c in all_cols))):
        old_report = raw_reports[j]
        new_report = first_version[old_report]
        sid = str(raw_ids[j])
        if new_report != old_report:
            sid = new_report + sid[len(old_report) :] if sid.startswith(old_report) else f"{new_report}/{sid}"
        if sid in seen_stmt:
            result.warnings.append(f"report {new_report}: statement id {sid} given twice; kept the first")
            continue
        seen_stmt.add(sid)
        row = dict(zip(all_cols, vals))
        row["id"] = sid
        row["report"] = new_report
        if row.get("checkworthiness") is None:
            row["checkworthiness"] = 0.0
        row.update(claim_id=None, speaker_id=None, added_at=now, run_id=run_id)
        stmt_rows.append(row)
        for c in json_cols:
            v = raw_json[c][j]
            if type(v) is list and plain_json(v):  # what json.loads(row[c]) gives back
                objs.setdefault(sid, {})[c] = [list(x) if type(x) is tuple else x for x in v]
    return stmt_rows, objs
