"""The Occurrences, Reports and Speakers sheets: plain tables behind the Review sheet.

Occurrences lists every statement behind every claim (its report's title linked to the
report's URL or file, and the paragraph around it with the statement's words in bold), Reports
every report (linked the same way) and Speakers every speaker. Each is a grey-headed table with
a frozen header and an auto-filter, rows tall enough for their wrapped text, printed landscape
one page wide with the header repeated; past Excel's row limit the rest is left out with a
visible note.
"""
from __future__ import annotations

from typing import Iterable, Optional

import pandas as pd

from claims.workbook.cells import SheetWriter, Styles, row_height, set_print_setup
from claims.workbook.layout import MAX_DATA_ROWS
from claims.workbook.links import source_link
from claims.workbook.values import as_int, as_list, as_text, column

# Rows grow to show their text, up to this many lines.
MAX_ROW_LINES = 24


class Rich:
    """A table value written as rich text: ``text`` with the ranges ``bold`` in bold."""

    __slots__ = ("text", "bold")

    def __init__(self, text, bold) -> None:
        self.text, self.bold = text, bold


class Link:
    """A table value written as a hyperlink cell."""

    __slots__ = ("text", "target")

    def __init__(self, text, target) -> None:
        self.text, self.target = text, target

__all__ = ["write_occurrences_sheet", "write_reports_sheet", "write_speakers_sheet"]


def _write_table(ws, styles: Styles, headers: list[str], widths: dict, rows: Iterable[list],
                 wrapped: set, limit: int = MAX_DATA_ROWS, n_rows: Optional[int] = None,
                 numbers: Iterable[str] = ()) -> int:
    from openpyxl.utils import get_column_letter

    ws.freeze_panes = "A2"
    set_print_setup(ws)
    dimension = None
    if n_rows is not None:
        dimension = f"A1:{get_column_letter(len(headers))}{min(n_rows, limit) + 1 + (n_rows > limit)}"
    w = SheetWriter(ws, styles, dimension=dimension)
    for i, h in enumerate(headers):
        letter = get_column_letter(i + 1)
        ws.column_dimensions[letter].width = widths.get(h, 14)
        w.column_style(letter, alignment=styles.wrap if h in wrapped else styles.top)
    w.header(headers, fill=styles.locked_fill, right=numbers)
    count = 0
    skipped = 0
    tall = [(i, widths.get(h, 14)) for i, h in enumerate(headers) if h in wrapped]
    for values in rows:
        if count >= limit:
            skipped += 1
            continue
        cells = []
        for h, v in zip(headers, values):
            align = styles.wrap if h in wrapped else styles.top
            if isinstance(v, Rich):
                cells.append(w.rich(v.text, v.bold, alignment=align))
            elif isinstance(v, Link):
                cells.append(w.cell(v.text, alignment=align, hyperlink=v.target or ""))
            else:
                cells.append(w.cell(v, alignment=align))
        height = row_height(((_plain(values[i]), width) for i, width in tall), MAX_ROW_LINES)
        w.append(cells, height=height)
        count += 1
    if skipped:
        w.append([w.cell(f"… {skipped:,} more rows not shown (Excel's row limit); see the database.",
                         font=styles.bold)])
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(count, 1) + 1}"
    return count


def _plain(v):
    if isinstance(v, (Rich, Link)):
        return v.text
    return v


def write_occurrences_sheet(ws, styles: Styles, occ: Optional[pd.DataFrame]) -> None:
    headers = ["Claim ID", "Statement ID", "Report", "Report title", "Paragraph", "Speaker (as written)", "Speaker",
               "Kind", "Statement", "Context (paragraph)"]
    widths = {"Claim ID": 15, "Statement ID": 16, "Report": 20, "Report title": 26, "Paragraph": 11,
              "Speaker (as written)": 18, "Speaker": 20, "Kind": 9, "Statement": 50, "Context (paragraph)": 70}
    occ = occ if occ is not None else pd.DataFrame()
    keys = ("claim_id", "statement_id", "report", "report_title", "paragraph", "speaker", "speaker_name", "kind",
            "text", "context", "context_bold", "sentence", "report_url", "report_source")
    col = {k: column(occ, k) for k in keys}

    def rows():
        for i in range(len(occ)):
            report = as_text(col["report"][i])
            link = source_link(as_text(col["report_url"][i]), as_text(col["report_source"][i]))
            context = as_text(col["context"][i])
            bold = as_list(col["context_bold"][i])
            if context is None:  # a frame without contexts: the sentence, as before
                context, bold = as_text(col["sentence"][i]), []
            yield [as_text(col["claim_id"][i]), as_text(col["statement_id"][i]), report,
                   Link(as_text(col["report_title"][i]) or report, link),
                   as_int(col["paragraph"][i], None), as_text(col["speaker"][i]), as_text(col["speaker_name"][i]),
                   as_text(col["kind"][i]), as_text(col["text"][i]), Rich(context, bold)]

    _write_table(ws, styles, headers, widths, rows(), {"Statement", "Context (paragraph)", "Speaker", "Speaker (as written)", "Report title"},
                 limit=MAX_DATA_ROWS - 1, n_rows=len(occ), numbers={"Paragraph"})


def write_reports_sheet(ws, styles: Styles, reps: Optional[pd.DataFrame]) -> None:
    headers = ["Report", "Title", "Date", "Source", "Statements", "Claims"]
    widths = {"Report": 22, "Title": 50, "Date": 12, "Source": 50, "Statements": 11, "Claims": 9}
    reps = reps if reps is not None else pd.DataFrame()
    cols = [column(reps, k) for k in ("report", "title", "date", "source", "n_statements", "n_claims", "url")]

    def rows():
        for i in range(len(reps)):
            url, source = as_text(cols[6][i]), as_text(cols[3][i])
            shown = url if url and url.lower().startswith(("http://", "https://")) else source
            yield [as_text(cols[0][i]), as_text(cols[1][i]), as_text(cols[2][i]),
                   Link(shown, source_link(url, source)), as_int(cols[4][i], None), as_int(cols[5][i], None)]

    _write_table(ws, styles, headers, widths, rows(), {"Title", "Source"}, limit=MAX_DATA_ROWS - 1, n_rows=len(reps),
                 numbers={"Statements", "Claims"})


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
                 n_rows=len(spk), numbers={"Claims"})
