"""Writing the review workbook: :func:`write_review_workbook` lays out the six sheets (Review,
Occurrences, Reports, Speakers, Summary, About) and the identity document properties, then saves
atomically (``claims.files.atomic_write``: temp file beside the target, then ``os.replace``).

Written with openpyxl's write-only mode, which streams rows, so memory stays flat for large
exports. Refused (ClaimsError) when the claims do not fit in one Excel sheet.
"""
from __future__ import annotations

import json

import pandas as pd

from claims.errors import ClaimsError
from claims.files import atomic_write
from claims.types import DEFAULT_VERDICTS, ReviewData
from claims.workbook import layout
from claims.workbook.about_sheet import about_rows, write_about_sheet
from claims.workbook.cells import Styles, safe_text
from claims.workbook.layout import (
    ABOUT_SHEET,
    OCCURRENCES_SHEET,
    PROP_PREFIX,
    REPORTS_SHEET,
    REVIEW_SHEET,
    SPEAKERS_SHEET,
    SUMMARY_SHEET,
)
from claims.workbook.review_sheet import write_review_sheet
from claims.workbook.summary_sheet import write_summary_sheet
from claims.workbook.table_sheets import write_occurrences_sheet, write_reports_sheet, write_speakers_sheet

__all__ = ["write_review_workbook"]


def write_review_workbook(data: ReviewData, path) -> None:
    """Write the review workbook for ``data`` to ``path`` (atomically)."""
    claims = data.claims if data.claims is not None else pd.DataFrame()
    limit = layout.MAX_DATA_ROWS  # read at call time, so a test can lower it
    if len(claims) > limit:
        raise ClaimsError(
            f"{len(claims):,} claims do not fit in one Excel sheet (at most {limit:,} rows); "
            "export fewer claims, e.g. for some reports only"
        )
    verdict_values = [str(v) for v in (data.verdict_values or DEFAULT_VERDICTS)]
    data = ReviewData(claims=claims, occurrences=data.occurrences, reports=data.reports, speakers=data.speakers,
                      database_id=str(data.database_id), database_label=str(data.database_label or ""),
                      export_id=str(data.export_id), created_at=str(data.created_at or ""),
                      verdict_values=verdict_values, selection_note=data.selection_note)

    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    styles = Styles()
    ws_review = wb.create_sheet(REVIEW_SHEET)
    ws_occ = wb.create_sheet(OCCURRENCES_SHEET)
    ws_rep = wb.create_sheet(REPORTS_SHEET)
    ws_spk = wb.create_sheet(SPEAKERS_SHEET)
    ws_sum = wb.create_sheet(SUMMARY_SHEET)
    ws_about = wb.create_sheet(ABOUT_SHEET)

    rows, vfirst, vlast = about_rows(data)
    write_review_sheet(ws_review, styles, data, f"'{ABOUT_SHEET}'!$A${vfirst}:$A${vlast}")
    write_occurrences_sheet(ws_occ, styles, data.occurrences)
    write_reports_sheet(ws_rep, styles, data.reports)
    write_speakers_sheet(ws_spk, styles, data.speakers)
    write_summary_sheet(ws_sum, styles, data)
    write_about_sheet(ws_about, styles, rows)
    _set_properties(wb, data)

    atomic_write(path, wb.save)


def _set_properties(wb, data: ReviewData) -> None:
    """Title, creator, and the identity as custom properties ``claims.*`` (the fallback of the
    About sheet's labelled cells)."""
    from openpyxl.packaging.custom import StringProperty

    for key in ("database_id", "database_label", "export_id", "created_at"):
        value = safe_text(getattr(data, key) or "", 255)
        if value:
            wb.custom_doc_props.append(StringProperty(name=PROP_PREFIX + key, value=value))
    wb.custom_doc_props.append(StringProperty(
        name=PROP_PREFIX + "verdict_values",
        value=safe_text(json.dumps(data.verdict_values, ensure_ascii=False), 255)))
    wb.properties.title = "Claims review"
    wb.properties.creator = "claims"
