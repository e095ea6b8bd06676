"""The review workbook: store frames -> review .xlsx; reviewed .xlsx -> ReviewedRow list.

Pure file I/O: :func:`write_review_workbook` takes a :class:`ReviewData` (built by the store)
and writes the workbook; :func:`read_review_workbook` reads a reviewed copy back into a
:class:`ReviewedWorkbook` that the store applies (the store validates verdict values, the
database identity and revision conflicts; this package only checks the file's structure).

Where things are
    layout.py         sheet names, columns, widths, header notes, verdict meanings and colours,
                      identity labels, Excel's limits (MAX_DATA_ROWS, MAX_CELL_CHARS)
    cells.py          safe cells: never a formula, XML-forbidden characters removed, OOXML
                      escaping, 32,767-character cut; the write-only sheet writer (rich text
                      with bold ranges, safe hyperlinks); row heights from text length and
                      column width; print setup
    values.py         tolerant reading of store-frame values (missing, lists, numbers, dates)
    links.py          links to the sources: a report's URL or file (file://), its report view
                      (``views/<report id>.html`` beside the workbook)
    review_sheet.py   the Review sheet (one row per claim; verdict drop-down and colours)
    table_sheets.py   the Occurrences, Reports and Speakers sheets
    summary_sheet.py  the Summary sheet (progress by verdict / report / speaker, bar chart)
    about_sheet.py    the About sheet (how to use, verdict meanings, workbook identity)
    write.py          write_review_workbook: all sheets, document properties, atomic save
    read.py           read_review_workbook: reading verdicts back, identity and structure checks

Decisions
    * No sheet protection on Review. Excel refuses to sort a protected range that holds locked
      cells even when "sort" is allowed, and protection also blocks inserting columns, which
      reviewers do. Columns not to edit are marked instead (grey header + comment), and the
      import ignores everything but Claim ID, the editable columns and Base revision, so an
      edit elsewhere is harmless. The About sheet is protected without a password.
    * Identity (database id, export id, created at, verdict values) lives in labelled cells on
      About -- found by label, so it survives LibreOffice re-saves and inserted rows -- and,
      as a fallback, in custom document properties ``claims.*``.
    * Rows are matched by Claim ID, never by position; columns are found by header name
      (case and spaces ignored), and the header row is the first row holding "Claim ID".
    * Untrusted text is written as an explicit string cell (never a formula; quotePrefix set
      for text starting with = + - @ tab CR), with XML-forbidden characters removed, literal
      ``_xHHHH_`` sequences escaped as OOXML requires, and cut to Excel's 32,767 characters
      with a visible marker.
    * Written with openpyxl's write-only mode (streams rows: memory stays flat for large
      exports), atomically: temp file in the target folder, then ``os.replace``. Cells get
      their value and type directly and share one style array per style combination; empty
      cells are not written, the column styles cover them (cells.SheetWriter). About 0.9 ms
      of CPU per claim at 5,000 rows, 0.7 ms at 100,000 (tests/benchmarks/bench_workbook.py);
      a run writes at most 5,000 rows by default (claims.types.REVIEW_ROWS_DEFAULT).
"""
from __future__ import annotations

from claims.types import DEFAULT_VERDICTS, ReviewData, ReviewedRow, ReviewedWorkbook
from claims.workbook.cells import TRUNCATION_MARKER, ooxml_unescape, safe_text
from claims.workbook.layout import (
    BASE_REVISION_COLUMN,
    EDITABLE_COLUMNS,
    MAX_CELL_CHARS,
    MAX_DATA_ROWS,
    REVIEW_COLUMNS,
    REVIEW_SHEET_COLUMNS,
    VIEWS_FOLDER,
)
from claims.workbook.read import read_review_workbook
from claims.workbook.write import write_review_workbook

__all__ = [
    "DEFAULT_VERDICTS",
    "REVIEW_COLUMNS",
    "REVIEW_SHEET_COLUMNS",
    "VIEWS_FOLDER",
    "EDITABLE_COLUMNS",
    "BASE_REVISION_COLUMN",
    "MAX_DATA_ROWS",
    "MAX_CELL_CHARS",
    "TRUNCATION_MARKER",
    "ReviewData",
    "ReviewedRow",
    "ReviewedWorkbook",
    "write_review_workbook",
    "read_review_workbook",
    "safe_text",
    "ooxml_unescape",
]
