"""Verdicts: the project's verdict scale, importing a reviewed workbook, and the history.

An import applies all rows or none: a workbook from another database, a verdict outside the
scale, an unknown claim id, or one claim given different values refuse it whole
(``ImportRefused``), and the database is left as it was. Each row is then classified by
conflicts.py. Verdicts follow the claim: when new reports join a reviewed claim, its verdict is
marked ``carried_over`` and a history event names the new report(s); the reviewer confirms it
by importing the workbook row unchanged (event "confirmed") or changes it ("recorded").
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import bindparam

from claims.errors import ImportRefused, StoreError
from claims.types import DEFAULT_VERDICTS

from .conflicts import decide
from .schema import VERDICT_FIELDS, claims_t, history_blank, history_t, meta_t, verdicts_t
from .values import CHUNK, IN_CHUNK, cell_text, chunks, loads, make_frame, now_iso, py


@dataclass
class ImportResult:
    recorded: int = 0
    unchanged: int = 0
    confirmed: int = 0  # carried-over verdicts confirmed (also counted as unchanged)
    conflicts: int = 0
    refused: int = 0  # always 0 on success: a refused import raises ImportRefused
    messages: list[str] = field(default_factory=list)


class VerdictsMixin:
    """Store methods for verdicts and their history (see the module docstring)."""

    def verdict_values(self) -> tuple[str, ...]:
        """This database's verdict scale: set_verdict_values(...) if ever called, else the default."""
        with self.transaction() as conn:
            raw = conn.execute(sa.select(meta_t.c.value).where(meta_t.c.key == "verdict_values")).scalar()
        values = loads(raw, None)
        return tuple(values) if values else tuple(DEFAULT_VERDICTS)

    def set_verdict_values(self, values: Sequence[str]) -> None:
        values = [str(v).strip() for v in values if str(v).strip()]
        if not values:
            raise StoreError(f"{self.label}: the verdict scale needs at least one value")
        with self.transaction() as conn:
            conn.execute(meta_t.delete().where(meta_t.c.key == "verdict_values"))
            conn.execute(meta_t.insert().values(key="verdict_values", value=json.dumps(values, ensure_ascii=False)))

    def import_verdicts(self, reviewed, verdict_values: Optional[Sequence[str]] = None) -> ImportResult:
        """Apply a reviewed workbook (claims.types.ReviewedWorkbook): all rows or none.

        Raises ImportRefused (nothing applied) for a workbook from another database, a verdict
        outside ``verdict_values``, an unknown claim id, or one claim given different values."""
        path = os.fspath(reviewed.path) if getattr(reviewed, "path", None) is not None else "workbook"
        values = tuple(verdict_values) if verdict_values is not None else self.verdict_values()
        if str(reviewed.database_id or "") != self.database_id:
            raise ImportRefused(
                f"{path}: made from another database ({reviewed.database_id or 'unknown'}), not this one ({self.database_id})"
            )
        result = ImportResult()
        with self.transaction() as conn:
            wanted = _checked_rows(conn, list(reviewed.rows), values, path)
            current: dict[str, dict] = {}
            cids = sorted(wanted)
            for chunk in chunks(cids, IN_CHUNK):
                for row in conn.execute(sa.select(verdicts_t).where(verdicts_t.c.claim_id.in_(chunk))).mappings():
                    current[row["claim_id"]] = dict(row)
            export_id = cell_text(getattr(reviewed, "export_id", None))
            _apply_rows(conn, wanted, current, path, export_id, now_iso(), result)
        return result

    def verdict_history_frame(self, claim_id: Optional[str] = None) -> pd.DataFrame:
        q = sa.select(history_t).order_by(history_t.c.id)
        if claim_id is not None:
            q = q.where(history_t.c.claim_id == claim_id)
        with self.transaction() as conn:
            rows = [dict(r) for r in conn.execute(q).mappings()]
        return make_frame(rows, [c.name for c in history_t.columns], ints=["id"])

    def verdicts_frame(self) -> pd.DataFrame:
        with self.transaction() as conn:
            rows = [dict(r) for r in conn.execute(sa.select(verdicts_t).order_by(verdicts_t.c.claim_id)).mappings()]
        return make_frame(rows, [c.name for c in verdicts_t.columns], ints=["revision"], bools=["carried_over"])


def _checked_rows(conn: sa.Connection, rows: list, values: Sequence[str], path: str) -> dict[str, tuple[Any, dict]]:
    """claim_id -> (row, normalised values) of a reviewed workbook's rows; raises ImportRefused
    naming every bad row."""
    canon = {v.strip().lower(): v for v in values}
    ids = sorted({str(cell_text(r.claim_id) or "") for r in rows})
    known: set[str] = set()
    for chunk in chunks(ids, IN_CHUNK):
        known.update(conn.execute(sa.select(claims_t.c.claim_id).where(claims_t.c.claim_id.in_(chunk))).scalars())
    errors: list[str] = []
    wanted: dict[str, tuple[Any, dict]] = {}
    for r in rows:
        where = f"{path}: sheet {r.sheet!r} row {r.row}"
        cid = cell_text(r.claim_id)
        if cid is None or cid not in known:
            errors.append(f"{where}: claim ID {r.claim_id!r} is not in this database")
            continue
        vals = {f: cell_text(getattr(r, f, None)) for f in VERDICT_FIELDS}
        if vals["verdict"] is not None:
            key = vals["verdict"].lower()
            if key not in canon:
                errors.append(f"{where}: verdict {vals['verdict']!r} is not one of: {', '.join(values)}")
                continue
            vals["verdict"] = canon[key]
        if cid in wanted:
            prev_row, prev_vals = wanted[cid]
            if prev_vals != vals:
                errors.append(f"{where}: claim {cid} has other values than on sheet {prev_row.sheet!r} row {prev_row.row}")
            continue
        wanted[cid] = (r, vals)
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        err = ImportRefused(f"{errors[0]}{more}; nothing was imported")
        err.messages = errors  # type: ignore[attr-defined]
        err.count = len(errors)  # type: ignore[attr-defined]
        raise err
    return wanted


def _apply_rows(conn: sa.Connection, wanted: dict, current: dict, path: str, export_id, now: str,
                result: ImportResult) -> None:
    """Record, confirm or note as conflicts the checked rows (conflicts.decide), with history."""
    inserts, updates, confirms, events = [], [], [], []
    for cid in sorted(wanted):
        r, vals = wanted[cid]
        cur = current.get(cid)
        try:
            base = int(py(r.base_revision) or 0)
        except (TypeError, ValueError):
            base = 0
        where = f"{path}: sheet {r.sheet!r} row {r.row}"
        decision = decide(cid, vals, cur, base, where)
        common = {
            **history_blank(),
            "claim_id": cid,
            **{f"old_{f}": (cur or {}).get(f) for f in VERDICT_FIELDS},
            **{f"new_{f}": vals[f] for f in VERDICT_FIELDS},
            "base_revision": base,
            "recorded_at": now,
            "workbook": path,
            "export_id": export_id,
            "sheet": cell_text(r.sheet),
            "sheet_row": py(r.row) if isinstance(py(r.row), int) else None,
        }
        if decision.event in (None, "confirmed"):
            result.unchanged += 1
            if decision.event == "confirmed":
                confirms.append({"b_claim_id": cid, "updated_at": now})
                events.append({**common, "event": "confirmed", "revision": decision.revision, "message": decision.message})
                result.confirmed += 1
            continue
        events.append({**common, "event": decision.event, "revision": decision.revision, "message": decision.message})
        if decision.event == "conflict":
            result.conflicts += 1
            result.messages.append(decision.message)
            continue
        rec = {**vals, "revision": decision.revision, "updated_at": now, "source_workbook": path, "export_id": export_id, "carried_over": False}
        if cur is None:
            inserts.append({"claim_id": cid, **rec})
        else:
            updates.append({"b_claim_id": cid, **rec})
        result.recorded += 1
    _write_verdicts(conn, inserts, updates, confirms, events)


def _write_verdicts(conn: sa.Connection, inserts: list, updates: list, confirms: list, events: list) -> None:
    for chunk in chunks(inserts, CHUNK):
        conn.execute(verdicts_t.insert(), list(chunk))
    if updates:
        u = (
            verdicts_t.update()
            .where(verdicts_t.c.claim_id == bindparam("b_claim_id"))
            .values(**{k: bindparam(k) for k in list(VERDICT_FIELDS) + ["revision", "updated_at", "source_workbook", "export_id", "carried_over"]})
        )
        for chunk in chunks(updates, CHUNK):
            conn.execute(u, list(chunk))
    if confirms:
        u = verdicts_t.update().where(verdicts_t.c.claim_id == bindparam("b_claim_id")).values(carried_over=False, updated_at=bindparam("updated_at"))
        conn.execute(u, confirms)
    for chunk in chunks(events, CHUNK):
        conn.execute(history_t.insert(), list(chunk))


def carry_over_verdicts(conn: sa.Connection, joined: dict[str, list[str]], now: str, run_id) -> int:
    """Mark the verdicts of reviewed claims joined by new reports carried over, with a
    history event naming the reports; returns how many."""
    if not joined:
        return 0
    reviewed = {}
    for chunk in chunks(sorted(joined), IN_CHUNK):
        q = sa.select(verdicts_t).where(verdicts_t.c.claim_id.in_(chunk)).where(verdicts_t.c.verdict.isnot(None))
        for r in conn.execute(q).mappings():
            reviewed[r["claim_id"]] = dict(r)
    if not reviewed:
        return 0
    mark = verdicts_t.update().where(verdicts_t.c.claim_id == bindparam("b_claim_id")).values(carried_over=True, updated_at=now)
    conn.execute(mark, [{"b_claim_id": cid} for cid in sorted(reviewed)])
    events = []
    for cid in sorted(reviewed):
        v = reviewed[cid]
        reps = sorted(joined[cid])
        events.append({
            **history_blank(),
            "claim_id": cid,
            "event": "carried_over",
            **{f"old_{f}": v[f] for f in VERDICT_FIELDS},
            **{f"new_{f}": v[f] for f in VERDICT_FIELDS},
            "revision": v["revision"],
            "recorded_at": now,
            "report": "; ".join(reps),
            "run_id": run_id,
            "message": f"verdict {v['verdict']!r} carried over to new report(s) {', '.join(reps)}; please confirm",
        })
    for chunk in chunks(events, CHUNK):
        conn.execute(history_t.insert(), list(chunk))
    return len(reviewed)
