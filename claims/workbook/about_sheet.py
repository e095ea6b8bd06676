"""The About sheet: which claims the Review sheet shows (all that were selected, or the first N
of them and how to see more), how to use the workbook, what each verdict means, and the
workbook's identity (database id, export id, created at, verdict values, format version).

The identity sits in labelled cells (``ID_LABELS``) that ``read.py`` finds by label, so it
survives LibreOffice re-saves and inserted rows. The verdict table doubles as the source of
the Review sheet's drop-down when the list is too long to inline. The sheet is protected
without a password: it guards against slips, not people.
"""
from __future__ import annotations

import json

from claims.types import REVIEW_ORDER, ReviewData
from claims.workbook.cells import SheetWriter, Styles, row_height, set_print_setup
from claims.workbook.layout import CUSTOM_VERDICT_MEANING, FORMAT_VERSION, ID_LABELS, VERDICT_MEANINGS

__all__ = ["SHOWN_LABEL", "about_rows", "write_about_sheet"]

# The About sheet's row saying which claims the Review sheet shows (all, or the first N).
SHOWN_LABEL = "Claims shown"

_HOW_TO_USE = [
    ("1.", "Work on the Review sheet: one row per claim; claims without a verdict first (those new in "
           "the latest run before older ones), then claims to confirm (a carried-over verdict, a conflict), "
           "then reviewed ones; each group the most check-worthy first."),
    ("2.", "Fill in the pale-yellow columns: Verdict (pick from the drop-down), Evidence (links, sources), "
           "Reviewer (your name or initials), Reviewed on (a date) and Notes."),
    ("3.", "Grey columns are information from the database: do not edit them. Never change Claim ID: "
           "rows are matched to the database by it, so you may sort, filter, hide or delete rows and add "
           "columns of your own freely."),
    ("4.", "'Carried over' = Yes: the verdict was given before new reports repeated the claim. "
           "Check that it still holds and confirm or change it."),
    ("5.", "Context shows the paragraph of the report around the claim, the claim's words in bold; Report "
           "opens the report's web page or file; View opens the report with every statement highlighted "
           "(the 'views' folder beside this workbook; keep it with the workbook). The Occurrences sheet "
           "lists every statement behind every claim, with its paragraph."),
    ("6.", "A pink Claim ID with a Conflict note: another reviewer's verdict for the claim was not "
           "applied. Decide, and put the verdict you settle on in the row: importing it resolves the conflict."),
    ("7.", "Save as .xlsx (Excel or LibreOffice) and import the file back with the claims tool; "
           "verdicts are added to the database. Rows changed in the database since this export are "
           "reported as conflicts, not overwritten."),
]


def about_rows(data: ReviewData) -> tuple[list[tuple], int, int]:
    """The About sheet as rows of (label, value, kind); and the first/last row of the verdict table."""
    rows: list[tuple] = [("Claims review workbook", None, "title"), (None, None, None)]
    # what the Review sheet holds: every claim selected, or the first N of them (the row cap)
    n = len(data.claims) if data.claims is not None else 0
    shown = data.selection_note or f"All {n:,} claim{'' if n == 1 else 's'} selected, {REVIEW_ORDER}."
    rows += [(SHOWN_LABEL, shown, None), (None, None, None), ("How to use", None, "section")]
    rows += [(label, text, None) for label, text in _HOW_TO_USE]
    rows += [(None, None, None), ("Verdict", "Meaning", "section")]
    first = len(rows) + 1
    for v in data.verdict_values:
        rows.append((v, VERDICT_MEANINGS.get(v, CUSTOM_VERDICT_MEANING), "verdict"))
    last = len(rows)
    rows += [
        (None, None, None),
        ("Workbook identity (read by the import; do not edit)", None, "section"),
        (ID_LABELS["database_id"], data.database_id, "id"),
        (ID_LABELS["database_label"], data.database_label, "id"),
        (ID_LABELS["export_id"], data.export_id, "id"),
        (ID_LABELS["created_at"], data.created_at, "id"),
        (ID_LABELS["verdict_values"], json.dumps(list(data.verdict_values), ensure_ascii=False), "id"),
        (ID_LABELS["format_version"], FORMAT_VERSION, "id"),
    ]
    return rows, first, last


def write_about_sheet(ws, styles: Styles, rows: list[tuple]) -> None:
    """Write the rows of :func:`about_rows` and protect the sheet."""
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 100
    set_print_setup(ws, landscape=False, title_rows=None)
    w = SheetWriter(ws, styles)
    for label, value, kind in rows:
        if kind == "title":
            w.append([w.cell(label, font=styles.title)])
        elif kind == "section":
            w.append([w.cell(label, font=styles.bold, fill=styles.locked_fill),
                      w.cell(value, font=styles.bold, fill=styles.locked_fill)])
        elif kind == "id":
            w.append([w.cell(label, font=styles.bold), w.cell(value if value is not None else "")])
        elif label is None and value is None:
            w.blank()
        else:
            w.append([w.cell(label, alignment=styles.top), w.cell(value, alignment=styles.wrap)],
                     height=row_height([(value, 100)]))
    ws.protection.sheet = True  # no password: guards against slips, not people
