"""The Review sheet: one row per claim, where reviewers record their verdicts.

Columns are ``REVIEW_COLUMNS`` then the hidden ``BASE_REVISION_COLUMN`` (the revision of each
row's verdict, so the import can detect conflicting reviews). Header frozen, auto-filter on,
printed landscape on A3, one page wide, header repeated. Each row is tall enough for its
wrapped text (estimated from text length and column width, up to MAX_ROW_LINES lines). The
Context column is the paragraph around the claim with the claim's words in bold (rich text),
Report the report it comes from (linked to its URL or file), View a relative link to the
report view (claims/report_view.py, written in ``views/`` beside the workbook), and a claim
with an open conflict (another reviewer's verdict not applied) has its Claim ID and Conflict
cells pink with the other verdict, who and when. The editable columns (``EDITABLE_COLUMNS``) have a pale
yellow header; the others a grey header with a "do not edit" comment. No sheet protection
(see the package doc). The Verdict column has a drop-down of the project's verdicts and a
colour per verdict; "Carried over" cells are highlighted.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Optional

from claims.types import ReviewData
from claims.workbook.cells import SheetWriter, Styles, row_height, set_print_setup
from claims.workbook.layout import (
    BASE_REVISION_COLUMN,
    HEADER_ROW_POINTS,
    COLUMN_WIDTHS,
    DEFAULT_HEADER_NOTE,
    EDITABLE_COLUMNS,
    HEADER_NOTES,
    NEUTRAL_FILL,
    PAPER_A3,
    REVIEW_SHEET_COLUMNS,
    VERDICT_FILLS,
)
from claims.workbook.links import source_link, view_link
from claims.workbook.values import as_bool, as_date, as_float, as_int, as_list, as_text, column

__all__ = ["write_review_sheet"]

# The claims-frame columns the Review sheet shows.
_FRAME_COLUMNS = ("claim_id", "text", "kind", "speaker", "role", "said_on", "venue", "n_reports", "first_report",
                  "reports", "n_occurrences", "checkworthiness", "verdict", "evidence", "reviewer", "reviewed_on",
                  "notes", "verdict_revision", "carried_over", "similar", "similar_detail", "context_report",
                  "report_title", "report_url", "report_source", "context", "context_bold", "conflict",
                  "checked_before", "attribution_confidence")
# Number formats of the Review sheet's columns (cells and the column style).
_COLUMN_FORMATS = {"Speaker confidence": "0.00", "Check-worthiness": "0.00", "Reviewed on": "yyyy-mm-dd"}
# Rows grow to show their text, up to this many lines (a long paragraph scrolls in the cell).
MAX_ROW_LINES = 24
# The wrapped columns whose text sets a row's height.
_TALL_COLUMNS = ("Claim", "Context", "Speaker", "Role", "Venue", "Reports", "Evidence", "Notes", "Conflict",
                 "Similar claims", "Report", "Checked before")


def write_review_sheet(ws, styles: Styles, data: ReviewData, about_ref: str) -> None:
    """Fill the Review sheet ``ws`` from ``data.claims``; ``about_ref`` is the About sheet's
    range of verdict values (the drop-down's source when the list is too long to inline)."""
    from openpyxl.utils import get_column_letter

    columns = list(REVIEW_SHEET_COLUMNS) + [BASE_REVISION_COLUMN]
    letters = {name: get_column_letter(i + 1) for i, name in enumerate(columns)}
    n = len(data.claims)
    w = SheetWriter(ws, styles, dimension=f"A1:{letters[BASE_REVISION_COLUMN]}{n + 1}")
    _set_up_sheet(w, letters)
    w.append([_header_cell(w, name, data.verdict_values) for name in columns], height=HEADER_ROW_POINTS)
    cols = {k: column(data.claims, k) for k in _FRAME_COLUMNS}
    for i in range(n):
        cells, height = _claim_row(w, {k: v[i] for k, v in cols.items()})
        w.append(cells, height=height)

    ws.auto_filter.ref = f"A1:{letters[BASE_REVISION_COLUMN]}{max(n, 1) + 1}"
    if n:
        _add_verdict_rules(ws, f"{letters['Verdict']}2:{letters['Verdict']}{n + 1}", data.verdict_values, about_ref)


def _set_up_sheet(w: SheetWriter, letters: dict[str, str]) -> None:
    """Column widths and styles (what a reviewer types in an empty cell gets: wrapped text, a
    date as yyyy-mm-dd), the hidden Base revision column, frozen header, print settings."""
    ws = w.ws
    for name, letter in letters.items():
        ws.column_dimensions[letter].width = COLUMN_WIDTHS.get(name, 14)
        if name != BASE_REVISION_COLUMN:
            w.column_style(letter, alignment=w.styles.wrap if name in _TALL_COLUMNS else w.styles.top,
                           number_format=_COLUMN_FORMATS.get(name))
    ws.column_dimensions[letters[BASE_REVISION_COLUMN]].hidden = True
    ws.freeze_panes = "C2"  # Claim ID and Claim stay in view while scrolling right
    # printing: landscape A3 (the sheet is wide), all columns on one page width, header repeated
    set_print_setup(ws, paper=PAPER_A3)


def _header_cell(w: SheetWriter, name: str, verdict_values: list[str]):
    styles = w.styles
    note = HEADER_NOTES.get(name) or DEFAULT_HEADER_NOTE
    if name == "Verdict":
        note = "Pick a verdict from the drop-down: " + ", ".join(verdict_values) + "."
    align = (styles.header_right if name in ("Occurrences", "Check-worthiness", "Speaker confidence")
             else styles.header_align)
    return w.cell(name, font=styles.bold, alignment=align,
                  fill=styles.editable_fill if name in EDITABLE_COLUMNS else styles.locked_fill, comment=note)


def _claim_row(w: SheetWriter, c: dict[str, Any]) -> list:
    """The cells of one claim, in the order of REVIEW_SHEET_COLUMNS + Base revision, and the
    row's height (None: one line)."""
    styles = w.styles
    wrap, top = styles.wrap, styles.top
    carried = as_bool(c["carried_over"])
    reviewed_on = as_date(c["reviewed_on"])
    conflict = as_text(c["conflict"])
    report = as_text(c["context_report"]) or as_text(c["first_report"])
    report_label = as_text(c["report_title"]) or report
    context = as_text(c["context"])
    similar = as_text(c["similar_detail"]) or as_text(c["similar"])
    checked = as_text(c["checked_before"])
    reports_text = _reports_text(c["n_reports"], c["first_report"], c["reports"])
    tall = {"Claim": as_text(c["text"]), "Context": context, "Speaker": as_text(c["speaker"]),
            "Role": as_text(c["role"]), "Venue": as_text(c["venue"]), "Reports": reports_text,
            "Evidence": as_text(c["evidence"]), "Notes": as_text(c["notes"]), "Conflict": conflict,
            "Similar claims": similar, "Report": report_label, "Checked before": checked}
    height = row_height(((tall[k], COLUMN_WIDTHS[k]) for k in _TALL_COLUMNS), MAX_ROW_LINES)
    cells = [
        w.cell(as_text(c["claim_id"]), alignment=top, fill=styles.conflict_fill if conflict else None),
        w.cell(as_text(c["text"]), alignment=wrap),
        w.rich(context, as_list(c["context_bold"]), alignment=wrap),
        w.cell(report_label, alignment=wrap,
               hyperlink=source_link(as_text(c["report_url"]), as_text(c["report_source"])) or ""),
        w.cell("View" if report else None, alignment=top, hyperlink=view_link(report) if report else None),
        w.cell(as_text(c["kind"]), alignment=top),
        w.cell(as_text(c["speaker"]), alignment=wrap),
        w.cell(as_float(c["attribution_confidence"]), alignment=top, number_format=_COLUMN_FORMATS["Speaker confidence"]),
        w.cell(as_text(c["role"]), alignment=wrap),
        w.cell(as_text(c["said_on"]), alignment=top),
        w.cell(as_text(c["venue"]), alignment=wrap),
        w.cell(reports_text, alignment=wrap),
        w.cell(as_int(c["n_occurrences"], None), alignment=top),
        w.cell(as_float(c["checkworthiness"]), alignment=top, number_format=_COLUMN_FORMATS["Check-worthiness"]),
        w.cell(as_text(c["verdict"]), alignment=top),
        w.cell(as_text(c["evidence"]), alignment=wrap),
        w.cell(as_text(c["reviewer"]), alignment=top),
        w.cell(reviewed_on, alignment=top,
               number_format="yyyy-mm-dd" if isinstance(reviewed_on, _dt.date) else None),
        w.cell(as_text(c["notes"]), alignment=wrap),
        w.cell(conflict, alignment=wrap, fill=styles.conflict_fill if conflict else None),
        w.cell("Yes" if carried else None, alignment=top, fill=styles.carried_fill if carried else None),
        w.cell(similar, alignment=wrap),
        w.cell(checked, alignment=wrap),
        w.cell(as_int(c["verdict_revision"], 0)),
    ]
    return cells, height


def _reports_text(n_reports: Any, first_report: Any, reports: Any) -> Optional[str]:
    """The Reports cell: "1 (id)" or "3 (first: id)"."""
    rep_list = [str(r) for r in as_list(reports)]
    n = as_int(n_reports, None)
    if n is None:
        n = len(rep_list) if rep_list else None
    first = as_text(first_report) or (rep_list[0] if rep_list else None)
    if n is None and first is None:
        return None
    if first is None:
        return str(n)
    if n is None or n == 1:
        return f"{n if n is not None else 1} ({first})"
    return f"{n} (first: {first})"


def _add_verdict_rules(ws, rng: str, verdict_values: list[str], about_ref: str) -> None:
    """The Verdict column's drop-down and its colour per verdict (custom values: pale blue)."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(type="list", formula1=_verdict_list_formula(verdict_values, about_ref),
                        allow_blank=True, showErrorMessage=True, errorStyle="stop",
                        errorTitle="Verdict", error="Pick one of the verdicts in the list (see the About sheet).",
                        showInputMessage=False)
    dv.add(rng)
    ws.data_validations.append(dv)

    cell0 = rng.split(":")[0]
    for value, colour in VERDICT_FILLS.items():
        fill = PatternFill("solid", start_color=colour, end_color=colour, bgColor=colour)
        ws.conditional_formatting.add(rng, FormulaRule(
            formula=[f"TRIM({cell0})={_formula_string(value)}"], fill=fill, stopIfTrue=True))
    neutral = PatternFill("solid", start_color=NEUTRAL_FILL, end_color=NEUTRAL_FILL, bgColor=NEUTRAL_FILL)
    ws.conditional_formatting.add(rng, FormulaRule(formula=[f"LEN(TRIM({cell0}))>0"], fill=neutral, stopIfTrue=True))


def _formula_string(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _verdict_list_formula(values: list[str], about_ref: str) -> str:
    """An inline list when Excel accepts one, else a reference to the About sheet's table."""
    inline = ",".join(values)
    if values and all(("," not in v and '"' not in v and v == v.strip()) for v in values) and len(inline) <= 250:
        return '"' + inline + '"'
    return about_ref
