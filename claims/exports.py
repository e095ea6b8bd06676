"""Exports of claims with their verdicts: CSV, JSON Lines, a plain .xlsx, and schema.org
ClaimReview JSON-LD.

Input is a claims frame shaped like ``ReviewData.claims`` (claim_id, text, kind, speaker, role,
said_on, venue, n_reports, first_report, reports, n_occurrences, checkworthiness,
check_reasons, verdict, evidence, reviewer, reviewed_on, notes, verdict_revision,
carried_over, similar); missing columns are left empty.

Columns are named as in the Review sheet (``REVIEW_COLUMNS``), except that "Reports" is the
number of reports (a number, not the "3 (first: ...)" text), followed by "First report",
"Report IDs", "Check reasons" and "Verdict revision".

Decisions
    * CSV is UTF-8 with a byte-order mark (so Excel shows accents and curly quotes right),
      and is formula-safe: a text cell starting with = + - @ tab or CR gets a leading ``'``
      (the OWASP advice against CSV injection). Scripts reading the CSV should strip a
      leading ``'`` from such cells; JSON Lines is never altered and is the format for
      machines.
    * JSON Lines: one object per claim, lists kept as lists, missing values as null, unpaired
      surrogates replaced by U+FFFD so the file is valid UTF-8.
    * .xlsx goes through the review workbook's safe cell writer (never a formula, XML-forbidden
      characters removed, 32,767-character cells).
    * ClaimReview: ``verdict_scale`` lists the verdicts from worst to best; ratingValue is the
      1-based position, worstRating 1, bestRating len(scale). A verdict not on the scale keeps
      only its alternateName (schema.org allows a textual rating alone).
    * Every file is written atomically (temp file in the same folder, then os.replace).
"""
from __future__ import annotations

import csv
import json
import re
from typing import Any, Optional

import pandas as pd

from claims.errors import ClaimsError
from claims.workbook import (
    REVIEW_COLUMNS,
    _as_bool,
    _as_float,
    _as_int,
    _as_list,
    _as_text,
    _col,
    _is_missing,
    _norm_key,
    atomic_write,
)

__all__ = [
    "EXPORT_COLUMNS",
    "EXPORT_FORMATS",
    "DEFAULT_CLAIMREVIEW_SCALE",
    "export_claims",
    "claims_records",
    "claimreview_jsonld",
    "export_claimreview",
]

EXPORT_FORMATS = ("csv", "jsonl", "xlsx")
EXPORT_COLUMNS = REVIEW_COLUMNS + ["First report", "Report IDs", "Check reasons", "Verdict revision"]
# A suggested ClaimReview scale over the default verdicts, worst to best ("Unverifiable" is no rating).
DEFAULT_CLAIMREVIEW_SCALE = ["False", "Misleading", "Needs context", "Verified"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SURROGATES = re.compile("[\ud800-\udfff]")


# ----------------------------------------------------------------------------------------
# Records
# ----------------------------------------------------------------------------------------

def _iso_date(value: Any) -> Optional[str]:
    if _is_missing(value):
        return None
    if hasattr(value, "date") and callable(value.date) and not isinstance(value, str):
        try:
            return value.date().isoformat()
        except Exception:
            pass
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def claims_records(claims: pd.DataFrame) -> list[dict]:
    """The claims as dicts keyed by :data:`EXPORT_COLUMNS` (lists kept as lists)."""
    if claims is None:
        return []
    cols = {k: _col(claims, k) for k in (
        "claim_id", "text", "kind", "speaker", "role", "said_on", "venue", "n_reports", "first_report", "reports",
        "n_occurrences", "checkworthiness", "check_reasons", "verdict", "evidence", "reviewer", "reviewed_on",
        "notes", "verdict_revision", "carried_over", "similar")}
    out = []
    for i in range(len(claims)):
        reports = [str(r) for r in _as_list(cols["reports"][i])]
        n_reports = _as_int(cols["n_reports"][i], None)
        if n_reports is None and reports:
            n_reports = len(reports)
        first = _as_text(cols["first_report"][i]) or (reports[0] if reports else None)
        out.append({
            "Claim ID": _as_text(cols["claim_id"][i]),
            "Claim": _as_text(cols["text"][i]),
            "Kind": _as_text(cols["kind"][i]),
            "Speaker": _as_text(cols["speaker"][i]),
            "Role": _as_text(cols["role"][i]),
            "Said on": _iso_date(cols["said_on"][i]),
            "Venue": _as_text(cols["venue"][i]),
            "Reports": n_reports,
            "Occurrences": _as_int(cols["n_occurrences"][i], None),
            "Check-worthiness": _as_float(cols["checkworthiness"][i]),
            "Verdict": _as_text(cols["verdict"][i]),
            "Evidence": _as_text(cols["evidence"][i]),
            "Reviewer": _as_text(cols["reviewer"][i]),
            "Reviewed on": _iso_date(cols["reviewed_on"][i]),
            "Notes": _as_text(cols["notes"][i]),
            "Carried over": _as_bool(cols["carried_over"][i]),
            "Similar claims": _as_text(cols["similar"][i]),
            "First report": first,
            "Report IDs": reports,
            "Check reasons": [str(r) for r in _as_list(cols["check_reasons"][i])],
            "Verdict revision": _as_int(cols["verdict_revision"][i], None),
        })
    return out


# ----------------------------------------------------------------------------------------
# Cell values
# ----------------------------------------------------------------------------------------

def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else ""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str):
        value = _SURROGATES.sub("\ufffd", value)
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


def csv_safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` safe to open in a spreadsheet: lists as JSON text, and text that a
    spreadsheet would run as a formula (= + - @ tab CR) prefixed with ``'``."""
    def cell(value: Any) -> Any:
        if isinstance(value, (list, dict)):
            value = json.dumps(_json_clean(value), ensure_ascii=False)
        return "" if value is None else _csv_cell(value)

    return frame.apply(lambda column: column.map(cell)) if len(frame) else frame.copy()


def _json_clean(value: Any) -> Any:
    if isinstance(value, str):
        return _SURROGATES.sub("\ufffd", value)
    if isinstance(value, list):
        return [_json_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_clean(v) for k, v in value.items()}
    return value


def export_claims(claims: pd.DataFrame, path, format: str = "csv") -> None:
    """Write ``claims`` with their verdicts to ``path`` as csv, jsonl or xlsx."""
    fmt = (format or "").lower().lstrip(".")
    if fmt not in EXPORT_FORMATS:
        raise ClaimsError(f"unknown export format {format!r}: use one of {', '.join(EXPORT_FORMATS)}")
    records = claims_records(claims)

    if fmt == "csv":
        def write(tmp: str) -> None:
            with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
                w = csv.writer(fh)
                w.writerow(EXPORT_COLUMNS)
                for r in records:
                    w.writerow([_csv_cell(r[c]) for c in EXPORT_COLUMNS])
    elif fmt == "jsonl":
        def write(tmp: str) -> None:
            with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
                for r in records:
                    fh.write(json.dumps(_json_clean(r), ensure_ascii=False) + "\n")
    else:
        from claims.workbook import MAX_DATA_ROWS

        if len(records) > MAX_DATA_ROWS:
            raise ClaimsError(f"{len(records):,} claims do not fit in one Excel sheet (at most {MAX_DATA_ROWS:,} rows); "
                              "use csv or jsonl")

        def write(tmp: str) -> None:
            _write_xlsx(records, tmp)

    atomic_write(path, write)


def _write_xlsx(records: list[dict], tmp: str) -> None:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    from claims.workbook import _COLUMN_WIDTHS, _SheetWriter, _Styles

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Claims")
    styles = _Styles()
    for i, name in enumerate(EXPORT_COLUMNS):
        ws.column_dimensions[get_column_letter(i + 1)].width = _COLUMN_WIDTHS.get(name, 16)
    ws.freeze_panes = "A2"
    w = _SheetWriter(ws, styles)
    w.header(EXPORT_COLUMNS, fill=styles.locked_fill)
    for r in records:
        row = []
        for name in EXPORT_COLUMNS:
            v = r[name]
            if isinstance(v, list):
                v = "; ".join(str(x) for x in v) or None
            elif isinstance(v, bool):
                v = "Yes" if v else None
            row.append(w.cell(v, alignment=styles.wrap if name in ("Claim", "Evidence", "Notes") else styles.top,
                              number_format="0.00" if name == "Check-worthiness" else None))
        w.append(row)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(EXPORT_COLUMNS))}{max(len(records), 1) + 1}"
    wb.save(tmp)


# ----------------------------------------------------------------------------------------
# ClaimReview JSON-LD
# ----------------------------------------------------------------------------------------

def _lookup(frame: Optional[pd.DataFrame], key: str) -> dict[str, dict]:
    if frame is None or key not in getattr(frame, "columns", []):
        return {}
    out = {}
    for rec in frame.to_dict("records"):
        k = rec.get(key)
        if not _is_missing(k):
            out[str(k)] = rec
    return out


def _author(name: str, speaker_type: Optional[str]) -> dict:
    kind = "Organization" if (speaker_type or "").lower() in ("organization", "organisation", "report") else "Person"
    return {"@type": kind, "name": name}


def claimreview_jsonld(claims: pd.DataFrame, *, organization: str, url: Optional[str] = None,
                       verdict_scale: list[str], organization_url: Optional[str] = None,
                       reports: Optional[pd.DataFrame] = None,
                       speakers: Optional[pd.DataFrame] = None) -> list[dict]:
    """schema.org ClaimReview objects for the claims that have a verdict.

    ``url`` is the page the reviews are published on (set on each ClaimReview);
    ``organization`` / ``organization_url`` the reviewing organisation (the author).
    ``verdict_scale`` lists verdicts worst to best (see the module doc). ``reports`` (columns
    report, title, date, url) gives each appearance its url and date; ``speakers`` (name,
    type) tells a Person from an Organization (default Person)."""
    if not organization or not str(organization).strip():
        raise ClaimsError("ClaimReview needs the reviewing organization's name")
    scale = [str(v) for v in (verdict_scale or [])]
    position = {_norm_key(v): i + 1 for i, v in enumerate(scale)}
    report_info = _lookup(reports, "report")
    speaker_info = _lookup(speakers, "name")
    org: dict[str, Any] = {"@type": "Organization", "name": str(organization).strip()}
    if organization_url:
        org["url"] = organization_url

    n_claims = 0 if claims is None else len(claims)
    claim_types = _col(claims, "speaker_type") if n_claims else []
    claim_appearances = _col(claims, "appearances") if n_claims else []

    out: list[dict] = []
    for i, rec in enumerate(claims_records(claims)):
        verdict = (rec["Verdict"] or "").strip()
        if not verdict:
            continue
        item: dict[str, Any] = {"@type": "Claim"}
        names = [p.strip() for p in (rec["Speaker"] or "").split(";") if p.strip()]
        fallback_type = _as_text(claim_types[i]) if len(names) == 1 else None
        authors = [_author(n, _as_text((speaker_info.get(n) or {}).get("type")) or fallback_type) for n in names]
        if len(authors) == 1:
            item["author"] = authors[0]
        elif authors:
            item["author"] = authors
        if rec["Said on"]:
            item["datePublished"] = rec["Said on"]
        appearances = []
        known = {}  # report id -> {"url", "date"} from the store's appearances column
        for a in _as_list(claim_appearances[i]) if n_claims else []:
            if isinstance(a, dict) and not _is_missing(a.get("report")):
                known[str(a["report"])] = a
        report_ids = list(dict.fromkeys(
            list(known) + (rec["Report IDs"] or ([rec["First report"]] if rec["First report"] else []))))
        for rid in report_ids:
            info = report_info.get(rid) or {}
            app = known.get(rid) or {}
            work: dict[str, Any] = {"@type": "CreativeWork"}
            rurl = _as_text(app.get("url")) or _as_text(info.get("url"))
            if rurl:
                work["url"] = rurl
            title = _as_text(info.get("title"))
            if title:
                work["headline"] = title
            rdate = _iso_date(app.get("date")) or _iso_date(info.get("date"))
            if rdate:
                work["datePublished"] = rdate
            if len(work) == 1:  # nothing known but the id
                work["name"] = rid
            appearances.append(work)
        if appearances:
            item["appearance"] = appearances
            item["firstAppearance"] = appearances[0]
        rating: dict[str, Any] = {"@type": "Rating", "alternateName": verdict}
        pos = position.get(_norm_key(verdict))
        if pos is not None:
            rating.update({"ratingValue": pos, "bestRating": len(scale), "worstRating": 1})
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "identifier": rec["Claim ID"],
            "claimReviewed": rec["Claim"],
            "itemReviewed": item,
            "author": dict(org),
            "reviewRating": rating,
        }
        if url:
            review["url"] = url
        if rec["Reviewed on"]:
            review["datePublished"] = rec["Reviewed on"]
        out.append(_json_clean(review))
    return out


def export_claimreview(claims: pd.DataFrame, path, *, organization: str, url: Optional[str] = None,
                       verdict_scale: list[str], organization_url: Optional[str] = None,
                       reports: Optional[pd.DataFrame] = None,
                       speakers: Optional[pd.DataFrame] = None) -> int:
    """Write the ClaimReview JSON-LD (a JSON array) to ``path``; returns how many reviews."""
    reviews = claimreview_jsonld(claims, organization=organization, url=url, verdict_scale=verdict_scale,
                                 organization_url=organization_url, reports=reports, speakers=speakers)

    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            json.dump(reviews, fh, ensure_ascii=False, indent=2)
            fh.write("\n")

    atomic_write(path, write)
    return len(reviews)


def export_statements(statements: pd.DataFrame, path, format: str = "jsonl") -> None:
    """Write statement rows (``claims.extract(...)``) as JSON lines or CSV, atomically.

    JSON lines keep lists and nulls as JSON; CSV writes lists as JSON text and prefixes text
    that a spreadsheet would run as a formula with ``'`` (see ``csv_safe_frame``)."""
    if format == "jsonl":
        def write(tmp: str) -> None:
            with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
                for row in statements.to_dict(orient="records"):
                    clean = {k: _json_scalar(v) for k, v in row.items()}
                    fh.write(json.dumps(_json_clean(clean), ensure_ascii=False) + "\n")
    elif format == "csv":
        def write(tmp: str) -> None:
            csv_safe_frame(statements).to_csv(tmp, index=False)
    else:
        raise ClaimsError(f"unknown statements format {format!r}: use jsonl or csv")
    atomic_write(path, write)


def _json_scalar(value: Any) -> Any:
    """NaN -> None and numpy scalars -> Python numbers, so json.dumps writes plain JSON."""
    if not isinstance(value, (list, dict)) and _is_missing(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        return value.item()
    return value
