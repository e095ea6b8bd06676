"""Claims as export records: one dict per claim keyed by :data:`EXPORT_COLUMNS`, shared by
the table exports (``tables.py``) and ClaimReview (``claimreview.py``); and JSON cleaning.

Input is a claims frame shaped like ``ReviewData.claims`` (claim_id, text, kind, speaker, role,
said_on, venue, n_reports, first_report, reports, n_occurrences, checkworthiness,
check_reasons, verdict, evidence, reviewer, reviewed_on, notes, verdict_revision,
carried_over, similar); missing columns are left empty.

Columns are named as in the Review sheet (``REVIEW_COLUMNS``), except that "Reports" is the
number of reports (a number, not the "3 (first: ...)" text), followed by "First report",
"Report IDs", "Check reasons" and "Verdict revision".
"""
from __future__ import annotations

import re
from typing import Any, Optional

import pandas as pd

from claims.workbook.layout import REVIEW_COLUMNS
from claims.workbook.values import as_bool, as_float, as_int, as_list, as_text, column, is_missing

__all__ = ["EXPORT_COLUMNS", "claims_records", "iso_date", "json_clean", "replace_surrogates"]

EXPORT_COLUMNS = REVIEW_COLUMNS + ["First report", "Report IDs", "Check reasons", "Verdict revision"]

_SURROGATES = re.compile("[\ud800-\udfff]")


def iso_date(value: Any) -> Optional[str]:
    """A date, timestamp or text as ISO date text; None when missing or blank."""
    if is_missing(value):
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
    cols = {k: column(claims, k) for k in (
        "claim_id", "text", "kind", "speaker", "role", "said_on", "venue", "n_reports", "first_report", "reports",
        "n_occurrences", "checkworthiness", "check_reasons", "verdict", "evidence", "reviewer", "reviewed_on",
        "notes", "verdict_revision", "carried_over", "similar")}
    out = []
    for i in range(len(claims)):
        reports = [str(r) for r in as_list(cols["reports"][i])]
        n_reports = as_int(cols["n_reports"][i], None)
        if n_reports is None and reports:
            n_reports = len(reports)
        first = as_text(cols["first_report"][i]) or (reports[0] if reports else None)
        out.append({
            "Claim ID": as_text(cols["claim_id"][i]),
            "Claim": as_text(cols["text"][i]),
            "Kind": as_text(cols["kind"][i]),
            "Speaker": as_text(cols["speaker"][i]),
            "Role": as_text(cols["role"][i]),
            "Said on": iso_date(cols["said_on"][i]),
            "Venue": as_text(cols["venue"][i]),
            "Reports": n_reports,
            "Occurrences": as_int(cols["n_occurrences"][i], None),
            "Check-worthiness": as_float(cols["checkworthiness"][i]),
            "Verdict": as_text(cols["verdict"][i]),
            "Evidence": as_text(cols["evidence"][i]),
            "Reviewer": as_text(cols["reviewer"][i]),
            "Reviewed on": iso_date(cols["reviewed_on"][i]),
            "Notes": as_text(cols["notes"][i]),
            "Carried over": as_bool(cols["carried_over"][i]),
            "Similar claims": as_text(cols["similar"][i]),
            "First report": first,
            "Report IDs": reports,
            "Check reasons": [str(r) for r in as_list(cols["check_reasons"][i])],
            "Verdict revision": as_int(cols["verdict_revision"][i], None),
        })
    return out


def replace_surrogates(text: str) -> str:
    """Unpaired surrogates replaced by U+FFFD, so the text encodes as UTF-8."""
    return _SURROGATES.sub("\ufffd", text)


def json_clean(value: Any) -> Any:
    """``value`` (nested lists and dicts) with every string made UTF-8 safe."""
    if isinstance(value, str):
        return replace_surrogates(value)
    if isinstance(value, list):
        return [json_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: json_clean(v) for k, v in value.items()}
    return value
