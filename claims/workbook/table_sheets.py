"""The Occurrences, Reports and Speakers sheets: plain tables behind the Review sheet.

Occurrences lists every statement behind every claim (with its sentence for context), Reports
every report and Speakers every speaker. Each is a grey-headed table with a frozen header and
an auto-filter; past Excel's row limit the rest is left out with a visible note.
"""
from __future__ import annotations

from typing import Iterable, Optional

import pandas as pd

from claims.workbook.cells import SheetWriter, Styles
from claims.workbook.layout import MAX_DATA_ROWS
from claims.workbook.values import as_int, as_text, column

__all__ = ["write_occurrences_sheet", "write_reports_sheet", "write_speakers_sheet"]


def _write_table(ws, styles: Styles, headers: list[str], widths: dict, rows: Iterable[list],
                 wrapped: set, limit: int = MAX_DATA_ROWS, n_rows: Optional[int] = None) -> int:
    from openpyxl.utils import get_column_letter

    for i, h in enumerate(headers):
        ws.column_dimensions[get_column_letter(i + 1)].width = widths.get(h, 14)
    ws.freeze_panes = "A2"
    dimension = None
    if n_rows is not None:
        dimension = f"A1:{get_column_letter(len(headers))}{min(n_rows, limit) + 1 + (n_rows > limit)}"
    w = SheetWriter(ws, styles, dimension=dimension)
    w.header(headers, fill=styles.locked_fill)
    count = 0
    skipped = 0
    for values in rows:
        if count >= limit:
            skipped += 1
            continue
        w.append([w.cell(v, alignment=styles.wrap if h in wrapped else styles.top) for h, v in zip(headers, values)])
        count += 1
    if skipped:
        w.append([w.cell(f"… {skipped:,} more rows not shown (Excel's row limit); see the database.",
                         font=styles.bold)])
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(count, 1) + 1}"
    return count


def write_occurrences_sheet(ws, styles: Styles, occ: Optional[pd.DataFrame]) -> None:
    headers = ["Claim ID", "Statement ID", "Report", "Paragraph", "Speaker (as written)", "Speaker", "Kind",
               "Statement", "Sentence (context)"]
    widths = {"Claim ID": 16, "Statement ID": 18, "Report": 20, "Paragraph": 10, "Speaker (as written)": 20,
              "Speaker": 22, "Kind": 10, "Statement": 60, "Sentence (context)": 60}
    occ = occ if occ is not None else pd.DataFrame()
    cols = [column(occ, k) for k in ("claim_id", "statement_id", "report", "paragraph", "speaker", "speaker_name",
                                     "kind", "text", "sentence")]

    def rows():
        for i in range(len(occ)):
            vals = [as_text(col[i]) for col in cols]
            vals[3] = as_int(cols[3][i], None)
            yield vals

    _write_table(ws, styles, headers, widths, rows(), {"Statement", "Sentence (context)", "Speaker"},
                 limit=MAX_DATA_ROWS - 1, n_rows=len(occ))


def write_reports_sheet(ws, styles: Styles, reps: Optional[pd.DataFrame]) -> None:
    headers = ["Report", "Title", "Date", "Source", "Statements", "Claims"]
    widths = {"Report": 22, "Title": 50, "Date": 12, "Source": 40, "Statements": 11, "Claims": 9}
    reps = reps if reps is not None else pd.DataFrame()
    cols = [column(reps, k) for k in ("report", "title", "date", "source", "n_statements", "n_claims")]

    def rows():
        for i in range(len(reps)):
            yield [as_text(cols[0][i]), as_text(cols[1][i]), as_text(cols[2][i]), as_text(cols[3][i]),
                   as_int(cols[4][i], None), as_int(cols[5][i], None)]

    _write_table(ws, styles, headers, widths, rows(), {"Title", "Source"}, limit=MAX_DATA_ROWS - 1, n_rows=len(reps))


def write_speakers_sheet(ws, styles: Styles, spk: Optional[pd.DataFrame]) -> None:
    headers = ["Speaker ID", "Name", "Aliases", "Type", "Roles", "Claims"]
    widths = {"Speaker ID": 16, "Name": 28, "Aliases": 40, "Type": 13, "Roles": 40, "Claims": 9}
    spk = spk if spk is not None else pd.DataFrame()
    cols = [column(spk, k) for k in ("speaker_id", "name", "aliases", "type", "roles", "n_claims")]

    def rows():
        for i in range(len(spk)):
            yield [as_text(cols[0][i]), as_text(cols[1][i]), as_text(cols[2][i]), as_text(cols[3][i]),
                   as_text(cols[4][i]), as_int(cols[5][i], None)]

    _write_table(ws, styles, headers, widths, rows(), {"Name", "Aliases", "Roles"}, limit=MAX_DATA_ROWS - 1,
                 n_rows=len(spk))
