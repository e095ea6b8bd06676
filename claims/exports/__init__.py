"""Exports of claims with their verdicts, for other tools and for publishing.

    records.py      claims frame -> one record per claim (EXPORT_COLUMNS); JSON cleaning
    tables.py       CSV, JSON Lines and plain .xlsx of claims (export_claims); statement
                    files (export_statements); formula-safe CSV cells (csv_safe_frame)
    claimreview.py  schema.org ClaimReview JSON-LD for claims with a verdict

Every file is written atomically (``claims.files.atomic_write``); text safety (formula
guarding, XML-forbidden characters) comes from ``claims.workbook.cells``.
"""
from __future__ import annotations

from claims.exports.claimreview import DEFAULT_CLAIMREVIEW_SCALE, claimreview_jsonld, export_claimreview
from claims.exports.records import EXPORT_COLUMNS, EXPORT_FIELDS, claims_records
from claims.exports.tables import TABLE_FORMATS, csv_safe_frame, export_claims, export_statements
from claims.types import EXPORT_FORMATS

__all__ = [
    "EXPORT_COLUMNS",
    "EXPORT_FIELDS",
    "EXPORT_FORMATS",
    "TABLE_FORMATS",
    "DEFAULT_CLAIMREVIEW_SCALE",
    "export_claims",
    "export_statements",
    "csv_safe_frame",
    "claims_records",
    "claimreview_jsonld",
    "export_claimreview",
]
