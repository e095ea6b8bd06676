"""The review query: which claims go in the workbook, and the frames it shows (``ReviewData``).

``review_data`` picks the claims (filters: top N, new since a run, unreviewed, a report, a
speaker), in review order (``review_priority``: new unreviewed claims, then claims needing a
look, then reviewed ones; each by checkworthiness then occurrences), and builds in a handful of queries the
claims with their verdicts, speakers, reports and similar claims, their occurrences (at most
``REVIEW_OCCURRENCES_PER_CLAIM`` each), and the reports and speakers sheets. ``claims_frame``
is the same claims, one row each, for the exports.
"""
from __future__ import annotations

import os
import uuid
from typing import Any, Optional, Sequence

import pandas as pd
import sqlalchemy as sa

from claims.types import ReviewData

from .schema import claims_t, history_t, reports_t, runs_t, similar_t, speakers_t, statements_t, verdicts_t
from .values import IN_CHUNK, chunks, loads, make_frame, now_iso, score_text, sort_key_date

# The review workbook lists at most this many occurrences per claim (the first by report): a
# claim repeated in thousands of reports keeps its counts (occurrences, reports, first report)
# on the Review sheet, and the workbook's size and memory stay bounded by the number of claims.
REVIEW_OCCURRENCES_PER_CLAIM = 10

CLAIMS_FRAME_COLUMNS = (
    "claim_id",
    "text",
    "kind",
    "speaker",
    "role",
    "said_on",
    "venue",
    "n_reports",
    "first_report",
    "reports",
    "n_occurrences",
    "checkworthiness",
    "verdict",
    "evidence",
    "reviewer",
    "reviewed_on",
    "notes",
    "carried_over",
    "verdict_revision",
    "speaker_type",
    "first_date",
    "appearances",
    "check_reasons",
    "similar",
)
REVIEW_CLAIM_COLUMNS = (
    "claim_id",
    "text",
    "kind",
    "speaker",
    "role",
    "said_on",
    "venue",
    "n_reports",
    "first_report",
    "reports",
    "n_occurrences",
    "checkworthiness",
    "check_reasons",
    "verdict",
    "evidence",
    "reviewer",
    "reviewed_on",
    "notes",
    "verdict_revision",
    "carried_over",
    "similar",
    # what the reviewer sees beyond the exported claim (issue 10): the report the context is
    # taken from (the claim's first report when listed), its paragraph with the statement's
    # character ranges in it, similar claims with text and verdict, an open conflict
    "context_report",
    "report_title",
    "report_url",
    "report_source",
    "context",
    "context_bold",
    "similar_detail",
    "conflict",
    "attribution_confidence",  # of the representative statement (issue 9): filter uncertain speakers
)
OCCURRENCE_COLUMNS = ("claim_id", "statement_id", "report", "paragraph", "sentence", "speaker", "speaker_name", "kind", "text",
                      "report_title", "report_url", "report_source", "context", "context_bold")
REPORT_COLUMNS = ("report", "title", "date", "source", "url", "n_statements", "n_claims")
# Similar claims show at most this many characters of their text on the Review sheet.
SIMILAR_TEXT_CHARS = 160
SPEAKER_COLUMNS = ("speaker_id", "name", "aliases", "type", "roles", "n_claims")


def review_priority(conn: sa.Connection) -> sa.ColumnElement:
    """The review order's first key (claims.types.REVIEW_ORDER), for a query over claims outer-joined
    to their verdicts: 0 a claim without a verdict first seen in the latest run, 1 a claim
    still needing a look (no verdict, a carried-over verdict to confirm, or an open conflict),
    2 a reviewed claim. So a workbook cut at N rows keeps what a desk has to do first;
    reviewed claims go last (``top=None`` shows them all)."""
    c, v, h = claims_t.c, verdicts_t.c, history_t.c
    last_run = conn.execute(sa.select(sa.func.max(runs_t.c.run_id))).scalar()
    unreviewed = sa.or_(v.verdict.is_(None), v.verdict == "")
    # open conflicts (as open_conflicts below): one uncorrelated subquery, evaluated once
    v2 = verdicts_t.alias("v_conflict")
    conflicted = (sa.select(h.claim_id).select_from(history_t.outerjoin(v2, v2.c.claim_id == h.claim_id))
                  .where(h.event == "conflict")
                  .where(sa.func.coalesce(h.revision, 0) >= sa.func.coalesce(v2.c.revision, 0)))
    needs_look = sa.or_(unreviewed, v.carried_over.is_(True), c.claim_id.in_(conflicted))
    whens = []
    if last_run is not None:
        whens.append((sa.and_(unreviewed, c.run_id >= int(last_run)), 0))
    whens.append((needs_look, 1))
    return sa.case(*whens, else_=2)


class ReviewMixin:
    """Store methods for the review workbook and the exports (see the module docstring)."""

    def _select_claim_ids(self, conn: sa.Connection, *, top: Optional[int] = None, **filters) -> list[str]:
        """The claims the filters select, in review order (``review_priority``, then
        check-worthiness, occurrences, first date); the first ``top`` (None or 0: all)."""
        c = claims_t.c
        q = self._filtered(**filters).order_by(review_priority(conn), c.checkworthiness.desc(), c.n_occurrences.desc(),
                                               sa.nulls_last(c.first_date.asc()), c.claim_id)
        if top:
            q = q.limit(int(top))
        return list(conn.execute(q).scalars())

    @staticmethod
    def _filtered(
        *,
        new_since_run: Optional[int] = None,
        unreviewed: bool = False,
        report: Optional[str | Sequence[str]] = None,
        speaker: Optional[str] = None,
    ) -> sa.Select:
        """SELECT claim_id FROM claims (outer-joined to verdicts) WHERE the filters hold."""
        c, s, v = claims_t.c, statements_t.c, verdicts_t.c
        q = sa.select(c.claim_id).select_from(claims_t.outerjoin(verdicts_t, v.claim_id == c.claim_id))
        if unreviewed:
            q = q.where(sa.or_(v.verdict.is_(None), v.verdict == ""))
        if new_since_run is not None:
            q = q.where(c.run_id >= int(new_since_run))
        if report is not None:
            reps = [report] if isinstance(report, str) else list(report)
            q = q.where(c.claim_id.in_(sa.select(s.claim_id).where(s.report.in_(reps)).where(s.claim_id.isnot(None))))
        if speaker is not None:
            needle = f"%{speaker.strip().lower()}%"
            sp = speakers_t.c
            by_speaker = sa.select(s.claim_id).select_from(statements_t.outerjoin(speakers_t, sp.speaker_id == s.speaker_id)).where(
                sa.or_(
                    sa.func.lower(s.speaker_name).like(needle),
                    sa.func.lower(s.speaker).like(needle),
                    sa.func.lower(sp.name).like(needle),
                    s.speaker_id == speaker,
                )
            )
            q = q.where(c.claim_id.in_(by_speaker.where(s.claim_id.isnot(None))))
        return q

    def _statements_for_claims(self, conn: sa.Connection, claim_ids: list[str], all_claims: bool, columns,
                               per_claim: Optional[int] = None) -> list[dict]:
        s = statements_t.c

        def query(cond):
            if per_claim is None:
                return sa.select(*columns).where(cond).order_by(s.claim_id, s.report, s.content_start, s.id)
            # the first per_claim occurrences of each claim (a window function: SQLite >= 3.25, PostgreSQL)
            rn = sa.func.row_number().over(partition_by=s.claim_id, order_by=(s.report, s.content_start, s.id)).label("_rn")
            sub = sa.select(*columns, rn).where(cond).subquery()
            cols = [sub.c[col.name] for col in columns]
            return sa.select(*cols).where(sub.c._rn <= int(per_claim)).order_by(
                sub.c.claim_id, sub.c.report, sub.c.content_start, sub.c.id)

        if all_claims:
            return [dict(r) for r in conn.execute(query(s.claim_id.isnot(None))).mappings()]
        out: list[dict] = []
        for chunk in chunks(claim_ids, IN_CHUNK):
            out.extend(dict(r) for r in conn.execute(query(s.claim_id.in_(chunk))).mappings())
        return out

    def _build(self, conn: sa.Connection, claim_ids: list[str], all_claims: bool,
               per_claim: Optional[int] = None) -> dict[str, Any]:
        """Everything the claim frames need, for the given claims, in a handful of queries."""
        c, s, v = claims_t.c, statements_t.c, verdicts_t.c
        claim_rows: dict[str, dict] = {}
        q = sa.select(claims_t, *[col for col in verdicts_t.c if col.name != "claim_id"]).select_from(
            claims_t.outerjoin(verdicts_t, v.claim_id == c.claim_id)
        )
        if all_claims:
            for row in conn.execute(q).mappings():
                claim_rows[row["claim_id"]] = dict(row)
        else:
            for chunk in chunks(claim_ids, IN_CHUNK):
                for row in conn.execute(q.where(c.claim_id.in_(chunk))).mappings():
                    claim_rows[row["claim_id"]] = dict(row)
        occ_cols = [
            s.claim_id,
            s.id,
            s.report,
            s.paragraph,
            s.sentence,
            s.speaker,
            s.speaker_name,
            s.speaker_id,
            s.speaker_type,
            s.speaker_role,
            s.attribution_confidence,
            s.kind,
            s.text,
            s.said_on,
            s.venue,
            s.check_reasons,
            s.report_date,
            s.content_start,
            s.content_end,
            s.content_spans,
        ]
        occ = self._statements_for_claims(conn, claim_ids, all_claims, occ_cols, per_claim)
        if per_claim is not None:  # the review workbook: paragraphs around the statements
            _add_contexts(conn, occ)
        report_ids = sorted({o["report"] for o in occ})
        speaker_ids = sorted({o["speaker_id"] for o in occ if o["speaker_id"]})
        reports, n_claims_by_report = _rows_and_claim_counts(conn, reports_t, reports_t.c.id, s.report, report_ids)
        speakers, n_claims_by_speaker = _rows_and_claim_counts(conn, speakers_t, speakers_t.c.speaker_id, s.speaker_id,
                                                               speaker_ids)
        similar = _similar_of(conn, claim_ids, all_claims)
        extra: dict[str, Any] = {}
        if per_claim is not None:
            extra["similar_info"] = _claim_texts_and_verdicts(conn, {sid for sims in similar.values() for sid, _ in sims})
            extra["conflicts"] = open_conflicts(conn, claim_ids, all_claims)
        return {
            **extra,
            "claims": claim_rows,
            "occurrences": occ,
            "reports": reports,
            "n_claims_by_report": n_claims_by_report,
            "speakers": speakers,
            "n_claims_by_speaker": n_claims_by_speaker,
            "similar": similar,
        }

    @staticmethod
    def _claim_records(data: dict, claim_ids: list[str]) -> list[dict]:
        occ_by_claim: dict[str, list[dict]] = {}
        for o in data["occurrences"]:
            occ_by_claim.setdefault(o["claim_id"], []).append(o)
        speakers, reports = data["speakers"], data["reports"]
        out = []
        for cid in claim_ids:
            c = data["claims"].get(cid)
            if c is None:
                continue
            occ = occ_by_claim.get(cid, [])
            rep = next((o for o in occ if o["id"] == c["representative_id"]), occ[0] if occ else {})
            names: list[str] = []
            reasons: list[str] = []
            per_report: dict[str, tuple] = {}
            for o in occ:
                name = None
                if o["speaker_id"] and o["speaker_id"] in speakers:
                    name = speakers[o["speaker_id"]]["name"]
                name = name or o["speaker_name"] or o["speaker"]
                if name and name not in names:
                    names.append(name)
                for reason in loads(o["check_reasons"], []) or []:
                    if reason not in reasons:
                        reasons.append(reason)
                rp = reports.get(o["report"], {})
                date = o["report_date"] or rp.get("date")
                per_report.setdefault(o["report"], (date, rp.get("added_at") or "", o["report"], rp.get("url")))
            ordered = sorted(per_report.values(), key=lambda t: (sort_key_date(t[0]), t[1], t[2]))
            sims = sorted(data["similar"].get(cid, []), key=lambda t: (-(t[1] or 0), t[0]))
            # the context: the representative statement when it is in the first report, else the
            # first listed occurrence in the first report, else the representative statement
            ctx = rep
            if rep.get("report") != c["first_report"]:
                ctx = next((o for o in occ if o["report"] == c["first_report"]), rep)
            ctx_rep = reports.get(ctx.get("report"), {})
            out.append(
                {
                    "claim_id": cid,
                    "text": c["text"],
                    "kind": c["kind"],
                    "speaker": "; ".join(names) or None,
                    "role": rep.get("speaker_role"),
                    "attribution_confidence": rep.get("attribution_confidence"),
                    "said_on": rep.get("said_on"),
                    "venue": rep.get("venue"),
                    "n_reports": c["n_reports"],
                    "first_report": c["first_report"],
                    "reports": [t[2] for t in ordered],
                    "n_occurrences": c["n_occurrences"],
                    "checkworthiness": c["checkworthiness"],
                    "check_reasons": reasons,
                    "verdict": c.get("verdict"),
                    "evidence": c.get("evidence"),
                    "reviewer": c.get("reviewer"),
                    "reviewed_on": c.get("reviewed_on"),
                    "notes": c.get("notes"),
                    "verdict_revision": c.get("revision") or 0,
                    "carried_over": bool(c.get("carried_over")),
                    "similar": "; ".join(f"{sid} ({score_text(sc)})" for sid, sc in sims) or None,
                    "speaker_type": rep.get("speaker_type"),
                    "first_date": c["first_date"],
                    "appearances": [{"report": t[2], "url": t[3], "date": t[0]} for t in ordered],
                    "representative_id": c["representative_id"],
                    "context_report": ctx.get("report"),
                    "report_title": ctx_rep.get("title"),
                    "report_url": ctx_rep.get("url"),
                    "report_source": ctx_rep.get("source"),
                    "context": ctx.get("context"),
                    "context_bold": ctx.get("context_bold"),
                    "similar_detail": _similar_detail(sims, data.get("similar_info", {})),
                    "conflict": _conflict_text(data.get("conflicts", {}).get(cid, [])),
                }
            )
        return out

    def count_claims(self, *, top: Optional[int] = None, **filters) -> int:
        """How many claims review_data / claims_frame would give with these filters."""
        with self.transaction() as conn:
            n = int(conn.execute(sa.select(sa.func.count()).select_from(self._filtered(**filters).subquery())).scalar())
        return min(n, int(top)) if top else n

    def claims_frame(self, with_verdicts: bool = True, **filters) -> pd.DataFrame:
        """One row per claim, for exports (CSV, JSON, ClaimReview); sorted like the workbook.

        ``filters``: top, new_since_run, unreviewed, report, speaker (as review_data)."""
        with self.transaction() as conn:
            ids = self._select_claim_ids(conn, **filters)
            data = self._build(conn, ids, all_claims=not any(v not in (None, False) for v in filters.values()))
        recs = self._claim_records(data, ids)
        cols = list(CLAIMS_FRAME_COLUMNS)
        if not with_verdicts:
            cols = [col for col in cols if col not in ("verdict", "evidence", "reviewer", "reviewed_on", "notes", "carried_over", "verdict_revision")]
        return make_frame(recs, cols, ints=["n_reports", "n_occurrences"] + (["verdict_revision"] if with_verdicts else []), floats=["checkworthiness"], bools=["carried_over"] if with_verdicts else [])

    def review_data(
        self,
        *,
        top: Optional[int] = None,
        new_since_run: Optional[int] = None,
        unreviewed: bool = False,
        report: Optional[str | Sequence[str]] = None,
        speaker: Optional[str] = None,
        verdict_values: Optional[Sequence[str]] = None,
        path: Optional[str | os.PathLike] = None,
        record: bool = True,
    ):
        """The frames for a review workbook (claims.workbook.ReviewData); records an export.

        Filters: ``top`` N claims after the others (None or 0: all); ``new_since_run`` = claims first seen in
        that run or later;
        ``unreviewed`` = no verdict; ``report`` = claims appearing in that report (or any of a
        list); ``speaker`` = case-insensitive substring of a speaker's name (or a speaker id).
        Claims come in review order (``review_priority``, then checkworthiness and occurrences,
        descending), so ``top`` keeps the claims a desk has to look at first."""

        values = tuple(verdict_values) if verdict_values is not None else self.verdict_values()
        filters = {"top": top, "new_since_run": new_since_run, "unreviewed": unreviewed, "report": report, "speaker": speaker}
        export_id = str(uuid.uuid4())
        created_at = now_iso()
        with self.transaction() as conn:
            ids = self._select_claim_ids(conn, **filters)
            data = self._build(conn, ids, all_claims=not any(v not in (None, False) for v in filters.values()),
                               per_claim=REVIEW_OCCURRENCES_PER_CLAIM)
            if record:
                self.record_export(export_id, path, filters=filters, n_claims=len(ids), created_at=created_at)
        recs = self._claim_records(data, ids)
        claims_df = make_frame(
            recs,
            REVIEW_CLAIM_COLUMNS,
            ints=["n_reports", "n_occurrences", "verdict_revision"],
            floats=["checkworthiness", "attribution_confidence"],
            bools=["carried_over"],
        )
        claims_df["checked_before"] = self.checked_before(list(zip(claims_df["claim_id"], claims_df["text"])))
        return ReviewData(
            claims=claims_df,
            occurrences=_occurrences_frame(data, ids),
            reports=_reports_frame(data),
            speakers=_speakers_frame(data),
            database_id=self.database_id,
            database_label=self.label,
            export_id=export_id,
            created_at=created_at,
            verdict_values=list(values),
        )



def _rows_and_claim_counts(conn: sa.Connection, table: sa.Table, key: sa.Column, statement_key: sa.Column,
                           ids: list[str]) -> tuple[dict[str, dict], dict[str, int]]:
    """The rows of ``table`` (reports or speakers) with these ids, and per id the number of
    distinct claims among its statements."""
    s = statements_t.c
    rows: dict[str, dict] = {}
    cols = [col for col in table.columns if col.name != "text"]  # report texts: see _add_contexts
    for chunk in chunks(ids, IN_CHUNK):
        for row in conn.execute(sa.select(*cols).where(key.in_(chunk))).mappings():
            rows[row[key.name]] = dict(row)
    n_claims: dict[str, int] = {}
    for chunk in chunks(ids, IN_CHUNK):
        q = (
            sa.select(statement_key, sa.func.count(sa.distinct(s.claim_id)))
            .where(statement_key.in_(chunk))
            .where(s.claim_id.isnot(None))
            .group_by(statement_key)
        )
        n_claims.update(dict(conn.execute(q).all()))
    return rows, n_claims


def _similar_of(conn: sa.Connection, claim_ids: list[str], all_claims: bool) -> dict[str, list[tuple[str, Any]]]:
    """Claim id -> [(similar claim id, score)], pairs read in either order."""
    sim = similar_t.c
    if all_claims:
        sim_rows = conn.execute(sa.select(sim.claim_id, sim.similar_claim_id, sim.score)).all()
    else:
        sim_rows = []
        for chunk in chunks(claim_ids, IN_CHUNK):
            sim_rows.extend(
                conn.execute(
                    sa.select(sim.claim_id, sim.similar_claim_id, sim.score).where(
                        sa.or_(sim.claim_id.in_(chunk), sim.similar_claim_id.in_(chunk))
                    )
                ).all()
            )
    similar: dict[str, list[tuple[str, Any]]] = {}
    seen_pairs = set()
    for a, b, score in sim_rows:
        for x, y in ((a, b), (b, a)):
            if (x, y) not in seen_pairs:
                seen_pairs.add((x, y))
                similar.setdefault(x, []).append((y, score))
    return similar


def _occurrences_frame(data: dict, ids: list[str]) -> pd.DataFrame:
    """The Occurrences sheet: in claim order, then by report and position."""
    order = {cid: i for i, cid in enumerate(ids)}
    speakers, reports = data["speakers"], data["reports"]
    occ_rows = []
    for o in sorted(data["occurrences"], key=lambda o: (order.get(o["claim_id"], 0), o["report"], o["content_start"] or 0, o["id"])):
        occ_rows.append(
            {
                "claim_id": o["claim_id"],
                "statement_id": o["id"],
                "report": o["report"],
                "paragraph": o["paragraph"],
                "sentence": o["sentence"],
                "speaker": o["speaker"],
                "speaker_name": (speakers.get(o["speaker_id"], {}).get("name") if o["speaker_id"] else None) or o["speaker_name"],
                "kind": o["kind"],
                "text": o["text"],
                "report_title": reports.get(o["report"], {}).get("title"),
                "report_url": reports.get(o["report"], {}).get("url"),
                "report_source": reports.get(o["report"], {}).get("source"),
                "context": o.get("context"),
                "context_bold": o.get("context_bold"),
            }
        )
    occ_df = make_frame(occ_rows, OCCURRENCE_COLUMNS, ints=["paragraph"])
    return occ_df


def _reports_frame(data: dict) -> pd.DataFrame:
    rep_rows = []
    for rid, rp in sorted(data["reports"].items(), key=lambda kv: (sort_key_date(kv[1]["date"]), kv[0])):
        rep_rows.append(
            {
                "report": rid,
                "title": rp["title"],
                "date": rp["date"],
                "source": rp["source"],
                "url": rp.get("url"),
                "n_statements": rp["n_statements"],
                "n_claims": data["n_claims_by_report"].get(rid, 0),
            }
        )
    rep_df = make_frame(rep_rows, REPORT_COLUMNS, ints=["n_statements", "n_claims"])
    return rep_df


def _speakers_frame(data: dict) -> pd.DataFrame:
    speakers = data["speakers"]
    spk_rows = []
    for sid, sp in sorted(speakers.items(), key=lambda kv: ((kv[1]["name"] or "").lower(), kv[0])):
        spk_rows.append(
            {
                "speaker_id": sid,
                "name": sp["name"],
                "aliases": loads(sp["aliases"], []),
                "type": sp["type"],
                "roles": loads(sp["roles"], []),
                "n_claims": data["n_claims_by_speaker"].get(sid, 0),
            }
        )
    spk_df = make_frame(spk_rows, SPEAKER_COLUMNS, ints=["n_claims"])
    return spk_df


# ----------------------------------------------------------------------------- reviewer's context


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (a run of text between newlines, as claims.extraction.sentences counts
    them) holding ``text[start:end]``: offsets of its first and last non-space character."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    p0 = text.rfind("\n", 0, start) + 1
    p1 = text.find("\n", end)
    p1 = len(text) if p1 < 0 else p1
    while p0 < p1 and text[p0].isspace():
        p0 += 1
    while p1 > p0 and text[p1 - 1].isspace():
        p1 -= 1
    return p0, p1


def statement_spans(o: dict) -> list[tuple[int, int]]:
    """The character ranges of a statement in its report: its content spans when the quote is
    interrupted, else content_start..content_end."""
    spans = loads(o.get("content_spans"), None) if isinstance(o.get("content_spans"), str) else o.get("content_spans")
    out = []
    for sp in spans or []:
        try:
            a, b = int(sp[0]), int(sp[1])
        except (TypeError, ValueError, IndexError):
            continue
        if b > a:
            out.append((a, b))
    if not out and o.get("content_start") is not None and o.get("content_end") is not None:
        a, b = int(o["content_start"]), int(o["content_end"])
        if b > a:
            out.append((a, b))
    return sorted(out)


def _add_contexts(conn: sa.Connection, occ: list[dict]) -> None:
    """Set ``context`` (the paragraph around the statement) and ``context_bold`` (the
    statement's ranges in it, [[start, end], ...]) on each occurrence. Report texts are read a
    chunk at a time and dropped. Reports stored before schema 3 have no text: the context is
    then the statement's sentence, with the statement's text in bold where it is found in it."""
    by_report: dict[str, list[dict]] = {}
    for o in occ:
        by_report.setdefault(o["report"], []).append(o)
    r = reports_t.c
    for chunk in chunks(sorted(by_report), IN_CHUNK):
        texts = dict(conn.execute(sa.select(r.id, r.text).where(r.id.in_(chunk))).all())
        for rid in chunk:
            text = texts.get(rid)
            for o in by_report[rid]:
                o["context"], o["context_bold"] = _context_of(o, text)


def _context_of(o: dict, text: Optional[str]) -> tuple[Optional[str], list]:
    spans = statement_spans(o)
    if text and spans and spans[-1][1] <= len(text):
        p0, p1 = paragraph_bounds(text, spans[0][0], spans[-1][1])
        bold = [[max(a, p0) - p0, min(b, p1) - p0] for a, b in spans if min(b, p1) > max(a, p0)]
        return text[p0:p1], bold
    sentence, stmt = o.get("sentence"), o.get("text")
    if not sentence:
        return stmt, ([[0, len(stmt)]] if stmt else [])
    i = sentence.find(stmt) if stmt else -1
    return sentence, ([[i, i + len(stmt)]] if i >= 0 else [])


def _claim_texts_and_verdicts(conn: sa.Connection, claim_ids: set) -> dict[str, tuple]:
    """Claim id -> (text, verdict) for these claims."""
    c, v = claims_t.c, verdicts_t.c
    out: dict[str, tuple] = {}
    q = sa.select(c.claim_id, c.text, v.verdict).select_from(claims_t.outerjoin(verdicts_t, v.claim_id == c.claim_id))
    for chunk in chunks(sorted(claim_ids), IN_CHUNK):
        for cid, text, verdict in conn.execute(q.where(c.claim_id.in_(chunk))).all():
            out[cid] = (text, verdict)
    return out


def _similar_detail(sims: list[tuple], info: dict) -> Optional[str]:
    """The Review sheet's "Similar claims": one line per similar claim,
    ``id (score, verdict): text`` (text cut to SIMILAR_TEXT_CHARS)."""
    lines = []
    for sid, score in sims:
        text, verdict = info.get(sid, (None, None))
        text = " ".join((text or "").split())
        if len(text) > SIMILAR_TEXT_CHARS:
            text = text[: SIMILAR_TEXT_CHARS - 1].rstrip() + "…"
        lines.append(f"{sid} ({score_text(score)}, {verdict or 'unreviewed'}): {text}".rstrip(": "))
    return "\n".join(lines) or None


def open_conflicts(conn: sa.Connection, claim_ids: list[str], all_claims: bool = False) -> dict[str, list[dict]]:
    """Claim id -> its open conflicts: ``conflict`` events of the verdict history (written by
    claims/store/verdicts.py) made at the claim's current verdict revision, i.e. not followed
    by a newer recorded verdict, which is how a reviewer resolves one. Oldest first."""
    h, v = history_t.c, verdicts_t.c
    q = (sa.select(h.claim_id, h.old_verdict, h.old_reviewer, h.new_verdict, h.new_reviewer, h.recorded_at,
                   h.workbook, h.revision, v.revision.label("current_revision"))
         .select_from(history_t.outerjoin(verdicts_t, v.claim_id == h.claim_id))
         .where(h.event == "conflict")
         .order_by(h.claim_id, h.id))
    rows: list = []
    if all_claims:
        rows = list(conn.execute(q).mappings())
    else:
        for chunk in chunks(claim_ids, IN_CHUNK):
            rows.extend(conn.execute(q.where(h.claim_id.in_(chunk))).mappings())
    out: dict[str, list[dict]] = {}
    for row in rows:
        if int(row["revision"] or 0) >= int(row["current_revision"] or 0):
            out.setdefault(row["claim_id"], []).append(dict(row))
    return out


def _conflict_text(conflicts: list[dict]) -> Optional[str]:
    """"Conflict: 'False' by Bo on 2026-11-30 (review-2.xlsx) was not applied; kept 'Verified'
    by Ann. Import a verdict for this claim to resolve it." -- one line per conflict."""
    if not conflicts:
        return None
    lines = []
    for cf in conflicts:
        when = (cf["recorded_at"] or "")[:10]
        book = os.path.basename(cf["workbook"] or "") or "a workbook"
        lines.append(f"Conflict: {cf['new_verdict'] or '(blank)'!r} by {cf['new_reviewer'] or 'someone'} on {when} "
                     f"({book}) was not applied; kept {cf['old_verdict'] or '(blank)'!r} by "
                     f"{cf['old_reviewer'] or 'someone'}.")
    lines.append("Import a verdict for this claim to resolve it.")
    return "\n".join(lines)
