"""Runs and exports: what each ``claims run`` did, each workbook or export written, and the
overall status (``claims status``)."""
from __future__ import annotations

import json
import os
from typing import Any, Optional

import pandas as pd
import sqlalchemy as sa

from .schema import claims_t, exports_t, reports_t, runs_t, speakers_t, statements_t, verdicts_t
from .values import loads, make_frame, now_iso


class RunsMixin:
    """Store methods for runs, exports and status (see the module docstring)."""

    def start_run(self, args: Optional[dict] = None) -> int:
        """Record a run; its id becomes the default ``run_id`` of add_reports and save_grouping."""
        with self.transaction() as conn:
            res = conn.execute(runs_t.insert().values(started_at=now_iso(), args=json.dumps(args or {}, default=str)))
            self.current_run = int(res.inserted_primary_key[0])
            return self.current_run

    def finish_run(self, run_id: int, counts: Optional[dict] = None) -> None:
        """counts: n_reports/reports, n_statements/statements, n_new_claims/new_claims."""
        counts = counts or {}
        values = {"finished_at": now_iso()}
        for k in ("n_reports", "n_statements", "n_new_claims"):
            v = counts.get(k, counts.get(k[2:]))
            if v is not None:
                values[k] = int(v)
        with self.transaction() as conn:
            conn.execute(runs_t.update().where(runs_t.c.run_id == run_id).values(**values))

    def last_run_id(self) -> Optional[int]:
        with self.transaction() as conn:
            return conn.execute(sa.select(sa.func.max(runs_t.c.run_id))).scalar()

    def runs_frame(self) -> pd.DataFrame:
        with self.transaction() as conn:
            rows = [dict(r) for r in conn.execute(sa.select(runs_t).order_by(runs_t.c.run_id)).mappings()]
        for row in rows:
            row["args"] = loads(row["args"], {})
        return make_frame(rows, [c.name for c in runs_t.columns], ints=["run_id"])

    def status(self) -> dict:
        """Counts for ``claims status``: ints (reports, statements, claims, ...) and two DataFrames:
        ``by_verdict`` (verdict, claims; "unreviewed" first) and ``by_report`` (report, title,
        date, statements, claims, reviewed)."""
        c, s, v, r = claims_t.c, statements_t.c, verdicts_t.c, reports_t.c
        with self.transaction() as conn:
            count = lambda t: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()  # noqa: E731
            by_verdict_rows = conn.execute(
                sa.select(v.verdict, sa.func.count())
                .select_from(claims_t.outerjoin(verdicts_t, v.claim_id == c.claim_id))
                .group_by(v.verdict)
            ).all()
            carried = conn.execute(sa.select(sa.func.count()).select_from(verdicts_t).where(v.carried_over.is_(True))).scalar_one()
            unassigned = conn.execute(sa.select(sa.func.count()).select_from(statements_t).where(s.claim_id.is_(None))).scalar_one()
            per_report = conn.execute(
                sa.select(
                    r.id,
                    r.title,
                    r.date,
                    r.n_statements,
                    sa.func.count(sa.distinct(s.claim_id)),
                    sa.func.count(sa.distinct(v.claim_id)),
                )
                .select_from(reports_t.outerjoin(statements_t, s.report == r.id).outerjoin(verdicts_t, sa.and_(v.claim_id == s.claim_id, v.verdict.isnot(None))))
                .group_by(r.id, r.title, r.date, r.n_statements)
                .order_by(r.date, r.id)
            ).all()
            last = conn.execute(sa.select(runs_t).order_by(runs_t.c.run_id.desc()).limit(1)).mappings().first()
            out = {
                "database": self.label,
                "database_id": self.database_id,
                "schema_version": self.schema_version,
                "created_at": self.created_at,
                "reports": count(reports_t),
                "statements": count(statements_t),
                "unassigned_statements": unassigned,
                "claims": count(claims_t),
                "speakers": count(speakers_t),
                "exports": count(exports_t),
                "runs": count(runs_t),
                "carried_over": carried,
            }
        by_verdict: dict[str, int] = {}
        for verdict, n in by_verdict_rows:
            key = verdict if verdict else "unreviewed"
            by_verdict[key] = by_verdict.get(key, 0) + n
        ordered = sorted(by_verdict.items(), key=lambda kv: (kv[0] != "unreviewed", -kv[1], kv[0]))
        out["by_verdict"] = make_frame([{"verdict": k, "claims": n} for k, n in ordered], ["verdict", "claims"], ints=["claims"])
        out["by_report"] = make_frame(
            [
                {"report": rid, "title": title, "date": date, "statements": n_st, "claims": n_cl, "reviewed": n_rev}
                for rid, title, date, n_st, n_cl, n_rev in per_report
            ],
            ["report", "title", "date", "statements", "claims", "reviewed"],
            ints=["statements", "claims", "reviewed"],
        )
        out["last_run"] = dict(last) if last else None
        return out


    def record_export(
        self,
        export: Any,
        path: Optional[str | os.PathLike] = None,
        *,
        filters: Optional[dict] = None,
        n_claims: Optional[int] = None,
        created_at: Optional[str] = None,
    ) -> None:
        """Record (or complete, e.g. with the path once written) an export row.

        ``export``: an export id, or the ReviewData that review_data returned."""
        export_id = export if isinstance(export, str) else export.export_id
        if not isinstance(export, str):
            created_at = created_at or getattr(export, "created_at", None)
            if n_claims is None and getattr(export, "claims", None) is not None:
                n_claims = len(export.claims)
        with self.transaction() as conn:
            exists = conn.execute(sa.select(exports_t.c.export_id).where(exports_t.c.export_id == export_id)).first()
            values = {}
            if path is not None:
                values["path"] = os.fspath(path)
            if filters is not None:
                values["filters"] = json.dumps({k: v for k, v in filters.items() if v not in (None, False)}, default=str)
            if n_claims is not None:
                values["n_claims"] = int(n_claims)
            if exists:
                if values:
                    conn.execute(exports_t.update().where(exports_t.c.export_id == export_id).values(**values))
            else:
                conn.execute(exports_t.insert().values(export_id=export_id, created_at=created_at or now_iso(), **values))

    def exports_frame(self) -> pd.DataFrame:
        with self.transaction() as conn:
            rows = [dict(r) for r in conn.execute(sa.select(exports_t).order_by(exports_t.c.created_at)).mappings()]
        for row in rows:
            row["filters"] = loads(row["filters"], {})
        return make_frame(rows, [c.name for c in exports_t.columns], ints=[])

