"""The review workbook: store frames -> review .xlsx; reviewed .xlsx -> ReviewedRow list.

Pure file I/O: :func:`write_review_workbook` takes a :class:`ReviewData` (built by ``store.py``)
and writes the workbook; :func:`read_review_workbook` reads a reviewed copy back into a
:class:`ReviewedWorkbook` that the store applies (the store validates verdict values, the
database identity and revision conflicts; this module only checks the file's structure).

Sheets written
    Review       one row per claim, in the order given. Header frozen, auto-filter on. The
                 editable columns (``EDITABLE_COLUMNS``) have a pale yellow header; the others a
                 grey header with a "do not edit" comment. A hidden last column "Base revision"
                 carries the revision of each row's verdict so the import can detect conflicts.
    Occurrences  every statement behind every claim.
    Reports, Speakers, Summary (progress by verdict / report / speaker, bar chart), About
                 (how to use, verdict meanings, and the workbook identity).

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
      exports), atomically: temp file in the target folder, then ``os.replace``. Roughly
      0.5 ms per claim to write and 0.2 ms to read back (60,000 claims: ~28 s / ~12 s).

Reading rules
    * The Review sheet must have Claim ID, every editable column and Base revision (a missing
      Notes column cannot be told from cleared notes, so it is refused rather than guessed).
    * Values are returned stripped, empty -> None; a verdict matching an allowed value up to
      case and spaces gets the allowed spelling (Excel turns a typed "False" into a boolean:
      read back as "False"). Verdicts are not validated here.
    * "Reviewed on" may be a date cell, a date serial, or text (YYYY-MM-DD, YYYY/M/D,
      D/M/YYYY or M/D/YYYY when unambiguous, "5 March 2024", "March 5, 2024") -> ISO date;
      anything else is a WorkbookError naming the sheet, row and value.
    * Every error is a one-line WorkbookError naming the file and, where it applies, the sheet,
      row and value.
"""
from __future__ import annotations

import copy
import datetime as _dt
import json
import math
import os
import re
import tempfile
import zipfile
from typing import Any, Iterable, Optional

import pandas as pd

from claims.errors import ClaimsError, WorkbookError
from claims.xlsx_limits import check_xlsx_archive
from claims.types import DEFAULT_VERDICTS, ReviewData, ReviewedRow, ReviewedWorkbook

__all__ = [
    "DEFAULT_VERDICTS",
    "REVIEW_COLUMNS",
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

REVIEW_COLUMNS = ["Claim ID", "Claim", "Kind", "Speaker", "Role", "Said on", "Venue", "Reports", "Occurrences",
                  "Check-worthiness", "Verdict", "Evidence", "Reviewer", "Reviewed on", "Notes", "Carried over",
                  "Similar claims"]
EDITABLE_COLUMNS = ("Verdict", "Evidence", "Reviewer", "Reviewed on", "Notes")
BASE_REVISION_COLUMN = "Base revision"  # hidden, after REVIEW_COLUMNS
MAX_DATA_ROWS = 1_048_575  # Excel's row limit minus the header row
MAX_CELL_CHARS = 32_767  # Excel's limit for one cell (UTF-16 code units)
TRUNCATION_MARKER = "… [truncated; full text in the database]"
FORMAT_VERSION = "1"

REVIEW_SHEET = "Review"
OCCURRENCES_SHEET = "Occurrences"
REPORTS_SHEET = "Reports"
SPEAKERS_SHEET = "Speakers"
SUMMARY_SHEET = "Summary"
ABOUT_SHEET = "About"

# About-sheet labels of the machine-readable identity, and the custom document properties.
_ID_LABELS = {
    "database_id": "Database ID",
    "database_label": "Database",
    "export_id": "Export ID",
    "created_at": "Created at",
    "verdict_values": "Verdict values",
    "format_version": "Format version",
}
_PROP_PREFIX = "claims."

VERDICT_MEANINGS = {
    "Verified": "The claim is accurate and supported by evidence.",
    "False": "The claim is inaccurate: the evidence contradicts it.",
    "Misleading": "Contains accurate elements but gives a false impression or leaves out what changes its meaning.",
    "Needs context": "Accurate as far as it goes, but needs more context to be understood correctly.",
    "Unverifiable": "Cannot be proven or disproven with the evidence available.",
}
# Conditional-formatting fills of the Verdict column; custom values get _NEUTRAL_FILL.
VERDICT_FILLS = {
    "Verified": "C6EFCE",  # green
    "False": "FFC7CE",  # red
    "Misleading": "F8CBAD",  # orange
    "Needs context": "FFEB9C",  # yellow
    "Unverifiable": "D9D9D9",  # grey
}
_NEUTRAL_FILL = "DDEBF7"  # pale blue
_LOCKED_HEADER_FILL = "D9D9D9"
_EDITABLE_HEADER_FILL = "FFF2CC"
_CARRIED_FILL = "FFEB9C"

_COLUMN_WIDTHS = {
    "Claim ID": 16, "Claim": 60, "Kind": 10, "Speaker": 22, "Role": 22, "Said on": 12, "Venue": 22,
    "Reports": 24, "Occurrences": 12, "Check-worthiness": 16, "Verdict": 16, "Evidence": 40,
    "Reviewer": 14, "Reviewed on": 13, "Notes": 32, "Carried over": 12, "Similar claims": 26,
    BASE_REVISION_COLUMN: 10,
}
_WRAPPED = {"Claim", "Speaker", "Role", "Venue", "Reports", "Evidence", "Notes", "Similar claims"}

_HEADER_NOTES = {
    "Claim ID": "Do not edit: rows are matched to the database by this id.",
    "Claim": "Do not edit: the claim as first reported (see the Occurrences sheet for every report).",
    "Reports": "Do not edit: how many reports carry the claim, and the first one.",
    "Check-worthiness": "Do not edit: 0..1, how much the claim is worth checking (numbers, money, dates, comparisons...).",
    "Verdict": "Pick a verdict from the drop-down.",
    "Evidence": "Links and sources supporting the verdict.",
    "Reviewer": "Your name or initials.",
    "Reviewed on": "Date of the review (YYYY-MM-DD).",
    "Notes": "Anything else the next reviewer should know.",
    "Carried over": "Do not edit: 'Yes' when the verdict was given before new reports repeated the claim; please confirm it.",
    "Similar claims": "Do not edit: other claims that look alike (id and similarity score).",
    BASE_REVISION_COLUMN: "Do not edit: revision of the verdict this row was exported with; used to detect conflicting reviews.",
}


# ----------------------------------------------------------------------------------------
# Text safety
# ----------------------------------------------------------------------------------------

# Characters XML 1.0 forbids (tab, LF, CR allowed), surrogates (in a Python str any surrogate
# code point is unpaired), and the non-characters U+FFFE / U+FFFF.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# OOXML reads "_xHHHH_" inside string text as an escaped character; a literal one must be
# written as "_x005F_xHHHH_".
_OOXML_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_OOXML_UNESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _utf16_len(text: str) -> int:
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def safe_text(text: str, limit: int = MAX_CELL_CHARS) -> str:
    """``text`` as it may go into a cell: XML-forbidden characters removed, and cut with
    :data:`TRUNCATION_MARKER` so that it holds at most ``limit`` UTF-16 code units (what Excel
    counts). No OOXML escaping here; the writer does that."""
    text = _XML_FORBIDDEN.sub("", text)
    if len(text) <= limit // 2 or _utf16_len(text) <= limit:
        return text
    budget = limit - _utf16_len(TRUNCATION_MARKER)
    used = 0
    cut = 0
    for i, ch in enumerate(text):
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > budget:
            cut = i
            break
    return text[:cut] + TRUNCATION_MARKER


def _ooxml_escape(text: str) -> str:
    if "_x" in text or "_X" in text:
        text = _OOXML_ESCAPE.sub(r"_x005F_\1", text)
    return text


def ooxml_unescape(text: str) -> str:
    """Decode the OOXML ``_xHHHH_`` escapes spreadsheet programs write: control characters
    (``_x000D_`` for CR, ...) and ``_x005F_`` (a literal underscore starting an escape-looking
    sequence, which is how this writer protects literal ``_xHHHH_`` text).

    Only those: openpyxl already half-decodes shared strings (it drops every ``x005F_``), so
    decoding e.g. ``_x0041_`` too would turn a literal "_x0041_" saved by LibreOffice into "A".
    Excel and LibreOffice never escape printable characters, so nothing is lost this way."""
    if "_x" not in text:
        return text

    def repl(m: re.Match) -> str:
        code = int(m.group(1), 16)
        if code < 0x20 or code == 0x5F:
            return chr(code)
        return m.group(0)

    return _OOXML_UNESCAPE.sub(repl, text)


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if value is pd.NaT or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return False


def _as_text(value: Any) -> Optional[str]:
    """A frame value as display text (lists joined with "; "); None when missing."""
    if _is_missing(value):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple, set)) or (hasattr(value, "tolist") and not isinstance(value, (int, float))):
        items = value.tolist() if hasattr(value, "tolist") else list(value)
        if not isinstance(items, list):
            items = [items]
        parts = [_as_text(v) for v in items]
        return "; ".join(p for p in parts if p)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _as_list(value: Any) -> list:
    if _is_missing(value):
        return []
    if isinstance(value, str):
        return [value] if value else []
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple, set)):
        return [v for v in value if not _is_missing(v)]
    return [value]


def _as_int(value: Any, default: Optional[int] = 0) -> Optional[int]:
    if _is_missing(value):
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _as_float(value: Any) -> Optional[float]:
    if _is_missing(value):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _as_bool(value: Any) -> bool:
    if _is_missing(value):
        return False
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "y")
    return bool(value)


def _as_date(value: Any) -> Any:
    """An ISO date string as a ``date`` (written as a real date cell); other text unchanged."""
    if _is_missing(value):
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", text)
    if m:
        try:
            return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    return text or None


def _col(frame: pd.DataFrame, name: str) -> list:
    if frame is not None and name in frame.columns:
        return frame[name].tolist()
    return [None] * (0 if frame is None else len(frame))


# ----------------------------------------------------------------------------------------
# Writing
# ----------------------------------------------------------------------------------------

class _Styles:
    """Shared style objects, applied to write-only cells."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.bold = Font(bold=True)
        self.title = Font(bold=True, size=14)
        self.locked_fill = PatternFill("solid", start_color=_LOCKED_HEADER_FILL, end_color=_LOCKED_HEADER_FILL)
        self.editable_fill = PatternFill("solid", start_color=_EDITABLE_HEADER_FILL, end_color=_EDITABLE_HEADER_FILL)
        self.carried_fill = PatternFill("solid", start_color=_CARRIED_FILL, end_color=_CARRIED_FILL)
        self.header_border = Border(bottom=Side(style="thin", color="808080"))
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.top = Alignment(vertical="top")
        self.header_align = Alignment(wrap_text=True, vertical="center")


class _SheetWriter:
    """Appends rows of values to a write-only sheet, making every cell safe."""

    def __init__(self, ws, styles: _Styles, dimension: Optional[str] = None) -> None:
        self.ws = ws
        self.styles = styles
        self.row = 0
        self._style_cache: dict[tuple, Any] = {}
        if dimension:
            # Write-only sheets otherwise carry no <dimension>, and openpyxl's read-only mode then
            # scans the whole sheet just to size it. Must be set before the first row.
            ws.calculate_dimension = lambda: dimension

    def cell(self, value: Any, *, font=None, fill=None, alignment=None, number_format=None, comment=None):
        from openpyxl.cell import WriteOnlyCell

        text_value = None
        if isinstance(value, str):
            text_value = safe_text(value)
            value = _ooxml_escape(text_value) if text_value else None
        elif isinstance(value, bool) or value is None:
            pass
        elif isinstance(value, (int, float)):
            if isinstance(value, float) and not math.isfinite(value):
                value = None
        elif isinstance(value, (_dt.date, _dt.datetime)):
            pass
        else:
            return self.cell(_as_text(value), font=font, fill=fill, alignment=alignment,
                             number_format=number_format, comment=comment)
        c = WriteOnlyCell(self.ws, value=value)
        quote = False
        if isinstance(value, str):
            c.data_type = "s"  # explicit string: never a formula, whatever it starts with
            quote = text_value.startswith(_FORMULA_START)
        if quote or font is not None or fill is not None or alignment is not None or number_format is not None:
            # Assigning style objects hashes them into the workbook's tables: do it once per combination.
            key = (quote, id(font), id(fill), id(alignment), number_format)
            cached = self._style_cache.get(key)
            if cached is not None:
                c._style = copy.copy(cached)
            else:
                if quote:
                    c.quotePrefix = True
                if font is not None:
                    c.font = font
                if fill is not None:
                    c.fill = fill
                if alignment is not None:
                    c.alignment = alignment
                if number_format is not None:
                    c.number_format = number_format
                self._style_cache[key] = copy.copy(c._style)
        if comment is not None:
            from openpyxl.comments import Comment

            c.comment = Comment(comment, "claims", width=260, height=90)
        return c

    def append(self, cells: Iterable[Any]) -> None:
        from openpyxl.cell.cell import Cell

        out = [c if isinstance(c, Cell) else self.cell(c) for c in cells]
        self.ws.append(out)
        self.row += 1

    def header(self, names: list[str], *, fill=None, comments: Optional[dict] = None) -> None:
        self.append([
            self.cell(n, font=self.styles.bold, fill=fill, alignment=self.styles.header_align,
                      comment=(comments or {}).get(n))
            for n in names
        ])

    def blank(self) -> None:
        self.ws.append([])
        self.row += 1


def _reports_text(n_reports: Any, first_report: Any, reports: Any) -> Optional[str]:
    rep_list = [str(r) for r in _as_list(reports)]
    n = _as_int(n_reports, None)
    if n is None:
        n = len(rep_list) if rep_list else None
    first = _as_text(first_report) or (rep_list[0] if rep_list else None)
    if n is None and first is None:
        return None
    if first is None:
        return str(n)
    if n is None or n == 1:
        return f"{n if n is not None else 1} ({first})"
    return f"{n} (first: {first})"


def _formula_string(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _verdict_list_formula(values: list[str], about_ref: str) -> str:
    """An inline list when Excel accepts one, else a reference to the About sheet's table."""
    inline = ",".join(values)
    if values and all(("," not in v and '"' not in v and v == v.strip()) for v in values) and len(inline) <= 250:
        return '"' + inline + '"'
    return about_ref


def _about_rows(data: ReviewData) -> tuple[list[tuple], int, int]:
    """The About sheet as rows of (label, value, kind); and the first/last row of the verdict table."""
    rows: list[tuple] = [
        ("Claims review workbook", None, "title"),
        (None, None, None),
        ("How to use", None, "section"),
        ("1.", "Work on the Review sheet: one row per claim, the most check-worthy first.", None),
        ("2.", "Fill in the pale-yellow columns: Verdict (pick from the drop-down), Evidence (links, sources), "
               "Reviewer (your name or initials), Reviewed on (a date) and Notes.", None),
        ("3.", "Grey columns are information from the database: do not edit them. Never change Claim ID: "
               "rows are matched to the database by it, so you may sort, filter, hide or delete rows and add "
               "columns of your own freely.", None),
        ("4.", "'Carried over' = Yes: the verdict was given before new reports repeated the claim. "
               "Check that it still holds and confirm or change it.", None),
        ("5.", "The Occurrences sheet lists every statement behind every claim, with its sentence for context.", None),
        ("6.", "Save as .xlsx (Excel or LibreOffice) and import the file back with the claims tool; "
               "verdicts are added to the database. Rows changed in the database since this export are "
               "reported as conflicts, not overwritten.", None),
        (None, None, None),
        ("Verdict", "Meaning", "section"),
    ]
    first = len(rows) + 1
    for v in data.verdict_values:
        rows.append((v, VERDICT_MEANINGS.get(v, "A verdict defined for this project."), "verdict"))
    last = len(rows)
    rows += [
        (None, None, None),
        ("Workbook identity (read by the import; do not edit)", None, "section"),
        (_ID_LABELS["database_id"], data.database_id, "id"),
        (_ID_LABELS["database_label"], data.database_label, "id"),
        (_ID_LABELS["export_id"], data.export_id, "id"),
        (_ID_LABELS["created_at"], data.created_at, "id"),
        (_ID_LABELS["verdict_values"], json.dumps(list(data.verdict_values), ensure_ascii=False), "id"),
        (_ID_LABELS["format_version"], FORMAT_VERSION, "id"),
    ]
    return rows, first, last


def write_review_workbook(data: ReviewData, path) -> None:
    """Write the review workbook for ``data`` to ``path`` (atomically)."""
    claims = data.claims if data.claims is not None else pd.DataFrame()
    if len(claims) > MAX_DATA_ROWS:
        raise ClaimsError(
            f"{len(claims):,} claims do not fit in one Excel sheet (at most {MAX_DATA_ROWS:,} rows); "
            "export fewer claims, e.g. for some reports only"
        )
    verdict_values = [str(v) for v in (data.verdict_values or DEFAULT_VERDICTS)]
    data = ReviewData(claims=claims, occurrences=data.occurrences, reports=data.reports, speakers=data.speakers,
                      database_id=str(data.database_id), database_label=str(data.database_label or ""),
                      export_id=str(data.export_id), created_at=str(data.created_at or ""),
                      verdict_values=verdict_values)

    from openpyxl import Workbook
    from openpyxl.packaging.custom import StringProperty

    wb = Workbook(write_only=True)
    styles = _Styles()
    ws_review = wb.create_sheet(REVIEW_SHEET)
    ws_occ = wb.create_sheet(OCCURRENCES_SHEET)
    ws_rep = wb.create_sheet(REPORTS_SHEET)
    ws_spk = wb.create_sheet(SPEAKERS_SHEET)
    ws_sum = wb.create_sheet(SUMMARY_SHEET)
    ws_about = wb.create_sheet(ABOUT_SHEET)

    about_rows, vfirst, vlast = _about_rows(data)
    _write_review(ws_review, styles, data, f"'{ABOUT_SHEET}'!$A${vfirst}:$A${vlast}")
    _write_occurrences(ws_occ, styles, data.occurrences)
    _write_reports(ws_rep, styles, data.reports)
    _write_speakers(ws_spk, styles, data.speakers)
    _write_summary(ws_sum, styles, data)
    _write_about(ws_about, styles, about_rows)

    for key in ("database_id", "database_label", "export_id", "created_at"):
        value = safe_text(getattr(data, key) or "", 255)
        if value:
            wb.custom_doc_props.append(StringProperty(name=_PROP_PREFIX + key, value=value))
    wb.custom_doc_props.append(StringProperty(
        name=_PROP_PREFIX + "verdict_values", value=safe_text(json.dumps(verdict_values, ensure_ascii=False), 255)))
    wb.properties.title = "Claims review"
    wb.properties.creator = "claims"

    _atomic_save(wb, path)


def _atomic_save(wb, path) -> None:
    atomic_write(path, wb.save)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write(path, write) -> None:
    """Call ``write(tmp_path)`` for a temp file beside ``path``, then move it into place."""
    target = os.path.abspath(os.fspath(path))
    folder = os.path.dirname(target) or "."
    if not os.path.isdir(folder):
        raise ClaimsError(f"{target}: folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(target) + ".", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        write(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        try:  # mkstemp makes the file private; give it the mode a plain open() would
            mode = os.stat(target).st_mode & 0o777 if os.path.exists(target) else _default_mode()
            os.chmod(tmp, mode)
        except OSError:
            pass
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _write_review(ws, styles: _Styles, data: ReviewData, about_ref: str) -> None:
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    columns = REVIEW_COLUMNS + [BASE_REVISION_COLUMN]
    letters = {name: get_column_letter(i + 1) for i, name in enumerate(columns)}
    for name, letter in letters.items():
        ws.column_dimensions[letter].width = _COLUMN_WIDTHS.get(name, 14)
    ws.column_dimensions[letters[BASE_REVISION_COLUMN]].hidden = True
    ws.freeze_panes = "A2"
    # printing: landscape, all columns on one page width, header repeated
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = "1:1"

    n = len(data.claims)
    w = _SheetWriter(ws, styles, dimension=f"A1:{letters[BASE_REVISION_COLUMN]}{n + 1}")
    header_cells = []
    for name in columns:
        editable = name in EDITABLE_COLUMNS
        note = _HEADER_NOTES.get(name) or "Do not edit: information from the database."
        if name == "Verdict":
            note = "Pick a verdict from the drop-down: " + ", ".join(data.verdict_values) + "."
        header_cells.append(w.cell(name, font=styles.bold, alignment=styles.header_align,
                                   fill=styles.editable_fill if editable else styles.locked_fill,
                                   comment=note))
    w.append(header_cells)

    c = data.claims
    cols = {k: _col(c, k) for k in (
        "claim_id", "text", "kind", "speaker", "role", "said_on", "venue", "n_reports", "first_report", "reports",
        "n_occurrences", "checkworthiness", "verdict", "evidence", "reviewer", "reviewed_on", "notes",
        "verdict_revision", "carried_over", "similar")}
    wrap, top = styles.wrap, styles.top
    for i in range(n):
        carried = _as_bool(cols["carried_over"][i])
        reviewed_on = _as_date(cols["reviewed_on"][i])
        row = [
            w.cell(_as_text(cols["claim_id"][i]), alignment=top),
            w.cell(_as_text(cols["text"][i]), alignment=wrap),
            w.cell(_as_text(cols["kind"][i]), alignment=top),
            w.cell(_as_text(cols["speaker"][i]), alignment=wrap),
            w.cell(_as_text(cols["role"][i]), alignment=wrap),
            w.cell(_as_text(cols["said_on"][i]), alignment=top),
            w.cell(_as_text(cols["venue"][i]), alignment=wrap),
            w.cell(_reports_text(cols["n_reports"][i], cols["first_report"][i], cols["reports"][i]), alignment=wrap),
            w.cell(_as_int(cols["n_occurrences"][i], None), alignment=top),
            w.cell(_as_float(cols["checkworthiness"][i]), alignment=top, number_format="0.00"),
            w.cell(_as_text(cols["verdict"][i]), alignment=top),
            w.cell(_as_text(cols["evidence"][i]), alignment=wrap),
            w.cell(_as_text(cols["reviewer"][i]), alignment=top),
            w.cell(reviewed_on, alignment=top,
                   number_format="yyyy-mm-dd" if isinstance(reviewed_on, _dt.date) else None),
            w.cell(_as_text(cols["notes"][i]), alignment=wrap),
            w.cell("Yes" if carried else None, alignment=top, fill=styles.carried_fill if carried else None),
            w.cell(_as_text(cols["similar"][i]), alignment=wrap),
            w.cell(_as_int(cols["verdict_revision"][i], 0)),
        ]
        w.append(row)

    last_letter = letters[BASE_REVISION_COLUMN]
    ws.auto_filter.ref = f"A1:{last_letter}{max(n, 1) + 1}"
    if n == 0:
        return

    vl = letters["Verdict"]
    rng = f"{vl}2:{vl}{n + 1}"
    dv = DataValidation(type="list", formula1=_verdict_list_formula(data.verdict_values, about_ref),
                        allow_blank=True, showErrorMessage=True, errorStyle="stop",
                        errorTitle="Verdict", error="Pick one of the verdicts in the list (see the About sheet).",
                        showInputMessage=False)
    dv.add(rng)
    ws.data_validations.append(dv)

    cell0 = f"{vl}2"
    for value, colour in VERDICT_FILLS.items():
        fill = PatternFill("solid", start_color=colour, end_color=colour, bgColor=colour)
        ws.conditional_formatting.add(rng, FormulaRule(
            formula=[f"TRIM({cell0})={_formula_string(value)}"], fill=fill, stopIfTrue=True))
    neutral = PatternFill("solid", start_color=_NEUTRAL_FILL, end_color=_NEUTRAL_FILL, bgColor=_NEUTRAL_FILL)
    ws.conditional_formatting.add(rng, FormulaRule(formula=[f"LEN(TRIM({cell0}))>0"], fill=neutral, stopIfTrue=True))


def _write_table(ws, styles: _Styles, headers: list[str], widths: dict, rows: Iterable[list],
                 wrapped: set, limit: int = MAX_DATA_ROWS, n_rows: Optional[int] = None) -> int:
    from openpyxl.utils import get_column_letter

    for i, h in enumerate(headers):
        ws.column_dimensions[get_column_letter(i + 1)].width = widths.get(h, 14)
    ws.freeze_panes = "A2"
    dimension = None
    if n_rows is not None:
        dimension = f"A1:{get_column_letter(len(headers))}{min(n_rows, limit) + 1 + (n_rows > limit)}"
    w = _SheetWriter(ws, styles, dimension=dimension)
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


def _write_occurrences(ws, styles: _Styles, occ: Optional[pd.DataFrame]) -> None:
    headers = ["Claim ID", "Statement ID", "Report", "Paragraph", "Speaker (as written)", "Speaker", "Kind",
               "Statement", "Sentence (context)"]
    widths = {"Claim ID": 16, "Statement ID": 18, "Report": 20, "Paragraph": 10, "Speaker (as written)": 20,
              "Speaker": 22, "Kind": 10, "Statement": 60, "Sentence (context)": 60}
    occ = occ if occ is not None else pd.DataFrame()
    cols = [_col(occ, k) for k in ("claim_id", "statement_id", "report", "paragraph", "speaker", "speaker_name",
                                   "kind", "text", "sentence")]

    def rows():
        for i in range(len(occ)):
            vals = [_as_text(col[i]) for col in cols]
            vals[3] = _as_int(cols[3][i], None)
            yield vals

    _write_table(ws, styles, headers, widths, rows(), {"Statement", "Sentence (context)", "Speaker"},
                 limit=MAX_DATA_ROWS - 1, n_rows=len(occ))


def _write_reports(ws, styles: _Styles, reps: Optional[pd.DataFrame]) -> None:
    headers = ["Report", "Title", "Date", "Source", "Statements", "Claims"]
    widths = {"Report": 22, "Title": 50, "Date": 12, "Source": 40, "Statements": 11, "Claims": 9}
    reps = reps if reps is not None else pd.DataFrame()
    cols = [_col(reps, k) for k in ("report", "title", "date", "source", "n_statements", "n_claims")]

    def rows():
        for i in range(len(reps)):
            yield [_as_text(cols[0][i]), _as_text(cols[1][i]), _as_text(cols[2][i]), _as_text(cols[3][i]),
                   _as_int(cols[4][i], None), _as_int(cols[5][i], None)]

    _write_table(ws, styles, headers, widths, rows(), {"Title", "Source"}, limit=MAX_DATA_ROWS - 1, n_rows=len(reps))


def _write_speakers(ws, styles: _Styles, spk: Optional[pd.DataFrame]) -> None:
    headers = ["Speaker ID", "Name", "Aliases", "Type", "Roles", "Claims"]
    widths = {"Speaker ID": 16, "Name": 28, "Aliases": 40, "Type": 13, "Roles": 40, "Claims": 9}
    spk = spk if spk is not None else pd.DataFrame()
    cols = [_col(spk, k) for k in ("speaker_id", "name", "aliases", "type", "roles", "n_claims")]

    def rows():
        for i in range(len(spk)):
            yield [_as_text(cols[0][i]), _as_text(cols[1][i]), _as_text(cols[2][i]), _as_text(cols[3][i]),
                   _as_text(cols[4][i]), _as_int(cols[5][i], None)]

    _write_table(ws, styles, headers, widths, rows(), {"Name", "Aliases", "Roles"}, limit=MAX_DATA_ROWS - 1, n_rows=len(spk))


def _norm_key(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip().casefold()


def _summary_tables(data: ReviewData) -> dict:
    """Counts for the Summary sheet: by verdict, by report and by speaker."""
    c = data.claims
    n = len(c)
    canon = {_norm_key(v): v for v in data.verdict_values}
    verdicts = []
    for v in _col(c, "verdict"):
        t = _as_text(v)
        t = t.strip() if t else None
        verdicts.append(canon.get(_norm_key(t), t) if t else None)
    carried = [_as_bool(v) for v in _col(c, "carried_over")]

    by_verdict: dict[str, int] = {v: 0 for v in data.verdict_values}
    for v in verdicts:
        if v is not None:
            by_verdict[v] = by_verdict.get(v, 0) + 1
    not_reviewed = sum(1 for v in verdicts if v is None)
    columns = list(by_verdict)

    def group(keys_per_claim: list[list[str]]) -> list[list]:
        table: dict[str, dict] = {}
        for keys, v in zip(keys_per_claim, verdicts):
            for k in dict.fromkeys(keys):
                t = table.setdefault(k, {"n": 0, "reviewed": 0, **{col: 0 for col in columns}})
                t["n"] += 1
                if v is not None:
                    t["reviewed"] += 1
                    t[v] += 1
        out = [[k, t["n"], t["reviewed"], t["n"] - t["reviewed"]] + [t[col] for col in columns]
               for k, t in table.items()]
        out.sort(key=lambda r: (-r[1], str(r[0])))
        return out

    reports_per_claim = []
    reps, firsts = _col(c, "reports"), _col(c, "first_report")
    occ = data.occurrences
    occ_reports: dict[str, list[str]] = {}
    if occ is not None and "claim_id" in getattr(occ, "columns", []) and "report" in occ.columns:
        for cid, rep in zip(occ["claim_id"].tolist(), occ["report"].tolist()):
            if not _is_missing(cid) and not _is_missing(rep):
                occ_reports.setdefault(str(cid), []).append(str(rep))
    for i, cid in enumerate(_col(c, "claim_id")):
        keys = [str(r) for r in _as_list(reps[i])]
        if not keys and not _is_missing(firsts[i]):
            keys = [str(firsts[i])]
        if not keys:
            keys = occ_reports.get(str(cid), [])
        reports_per_claim.append(keys or ["(unknown)"])

    speakers_per_claim = []
    for s in _col(c, "speaker"):
        names = [p.strip() for p in (_as_text(s) or "").split(";") if p.strip()]
        speakers_per_claim.append(names or ["(unattributed)"])

    return {
        "n": n,
        "by_verdict": list(by_verdict.items()),
        "not_reviewed": not_reviewed,
        "carried": sum(1 for x in carried if x),
        "verdict_columns": columns,
        "by_report": group(reports_per_claim),
        "by_speaker": group(speakers_per_claim),
    }


def _write_summary(ws, styles: _Styles, data: ReviewData) -> None:
    from openpyxl.chart import BarChart, Reference

    s = _summary_tables(data)
    for letter, width in zip("ABCDEFGHIJ", (34, 12, 12, 14, 12, 12, 12, 14, 14, 14)):
        ws.column_dimensions[letter].width = width
    w = _SheetWriter(ws, styles)
    w.append([w.cell("Review progress", font=styles.title)])
    w.append([w.cell(f"{s['n']:,} claims; {s['n'] - s['not_reviewed']:,} with a verdict, "
                     f"{s['not_reviewed']:,} not reviewed; {s['carried']:,} carried over (to confirm). "
                     f"Figures as of the export ({data.created_at}).")])
    w.blank()
    w.header(["By verdict", "Claims", "Share"], fill=styles.locked_fill)
    first = w.row + 1
    total = max(s["n"], 1)
    for v, k in s["by_verdict"] + [("Not reviewed", s["not_reviewed"])]:
        w.append([w.cell(v), w.cell(k), w.cell(k / total, number_format="0%")])
    last = w.row
    w.append([w.cell("Total", font=styles.bold), w.cell(s["n"], font=styles.bold)])

    chart = BarChart()
    chart.type = "bar"
    chart.title = "Claims by verdict"
    chart.legend = None
    chart.y_axis.title = "Claims"
    chart.add_data(Reference(ws, min_col=2, min_row=first - 1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
    chart.height = 7.5
    chart.width = 16
    ws.add_chart(chart, "E4")

    extra = s["verdict_columns"]
    for title, table in (("By report", s["by_report"]), ("By speaker", s["by_speaker"])):
        # leave room for the chart before the next tables
        while w.row < 20:
            w.blank()
        w.blank()
        w.header([title, "Claims", "Reviewed", "Not reviewed"] + extra, fill=styles.locked_fill)
        for r in table[:MAX_DATA_ROWS // 4]:
            w.append(r)


def _write_about(ws, styles: _Styles, rows: list[tuple]) -> None:
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 100
    w = _SheetWriter(ws, styles)
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
            w.append([w.cell(label, alignment=styles.top), w.cell(value, alignment=styles.wrap)])
    ws.protection.sheet = True  # no password: guards against slips, not people


# ----------------------------------------------------------------------------------------
# Reading
# ----------------------------------------------------------------------------------------

def _norm_header(value: Any) -> str:
    if value is None:
        return ""
    return re.sub(r"\s+", "", str(value)).casefold()


def _show(value: Any, limit: int = 60) -> str:
    text = repr(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def _cell_text(value: Any) -> Optional[str]:
    """A read cell value as stripped text; None when empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        text = "True" if value else "False"
    elif isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, _dt.datetime):
        text = value.isoformat(sep=" ")
    elif isinstance(value, _dt.date):
        text = value.isoformat()
    else:
        text = ooxml_unescape(str(value))
    text = text.strip()
    return text or None


_MONTHS = {m.casefold(): i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9


def _parse_date(value: Any) -> Optional[str]:
    """A "Reviewed on" value as an ISO date; None when empty; ValueError when not a date."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        raise ValueError("not a date")
    if isinstance(value, (int, float)):
        from openpyxl.utils.datetime import from_excel

        if not 1 <= float(value) < 2958466:
            raise ValueError("not a date")
        d = from_excel(value)
        return (d.date() if isinstance(d, _dt.datetime) else d).isoformat()
    text = _cell_text(value)
    if text is None:
        return None
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                     r"(?:Z|[+-]\d{2}:?\d{2})?)?", text)
    if m:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if a > 12 >= b:  # day first
            return _dt.date(y, b, a).isoformat()
        if b > 12 >= a:  # month first
            return _dt.date(y, a, b).isoformat()
        if a == b:
            return _dt.date(y, a, b).isoformat()
        raise ValueError("ambiguous day and month")
    m = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})", text)  # 5 March 2024
    if m and m.group(2).casefold() in _MONTHS:
        return _dt.date(int(m.group(3)), _MONTHS[m.group(2).casefold()], int(m.group(1))).isoformat()
    m = re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})", text)  # March 5, 2024
    if m and m.group(1).casefold() in _MONTHS:
        return _dt.date(int(m.group(3)), _MONTHS[m.group(1).casefold()], int(m.group(2))).isoformat()
    raise ValueError("not a date")


def _find_sheet(wb, name: str):
    key = _norm_header(name)
    for title in wb.sheetnames:
        if _norm_header(title) == key:
            return wb[title]
    return None


def _read_identity(wb, path: str) -> dict:
    found: dict[str, Any] = {}
    labels = {_norm_header(v): k for k, v in _ID_LABELS.items()}
    about = _find_sheet(wb, ABOUT_SHEET)
    if about is not None:
        if hasattr(about, "reset_dimensions"):
            about.reset_dimensions()
        for r, row in enumerate(about.iter_rows(values_only=True), start=1):
            if r > 500:
                break
            row = list(row)
            for i, v in enumerate(row):
                if isinstance(v, str) and _norm_header(v) in labels:
                    key = labels[_norm_header(v)]
                    if key not in found:
                        found[key] = row[i + 1] if i + 1 < len(row) else None
                    break
    props = {}
    try:
        for p in wb.custom_doc_props:
            if p.name and p.name.startswith(_PROP_PREFIX):
                props[p.name[len(_PROP_PREFIX):]] = p.value
    except Exception:  # a workbook without (readable) custom properties
        props = {}
    for key, value in props.items():
        if _cell_text(found.get(key)) is None and value not in (None, ""):
            found[key] = value

    database_id = _cell_text(found.get("database_id"))
    export_id = _cell_text(found.get("export_id"))
    if not database_id or not export_id:
        raise WorkbookError(
            f"{path}: not a claims review workbook (no Database ID / Export ID on an '{ABOUT_SHEET}' sheet)")
    verdict_values: list[str] = []
    raw = _cell_text(found.get("verdict_values"))
    if raw:
        try:
            parsed = json.loads(raw)
            if not isinstance(parsed, list):
                raise ValueError
            verdict_values = [str(v).strip() for v in parsed if str(v).strip()]
        except ValueError:
            verdict_values = [p.strip() for p in re.split(r"[\n;]", raw) if p.strip()]
    return {
        "database_id": database_id,
        "export_id": export_id,
        "created_at": _cell_text(found.get("created_at")) or "",
        "verdict_values": verdict_values,
    }


def read_review_workbook(path) -> ReviewedWorkbook:
    """Read a reviewed workbook back. Structural problems raise :class:`WorkbookError` (one line)."""
    from openpyxl import load_workbook

    spath = os.fspath(path)
    if not os.path.exists(spath):
        raise WorkbookError(f"{spath}: no such file")
    if os.path.isdir(spath):
        raise WorkbookError(f"{spath}: is a folder, not a workbook")
    try:
        if not zipfile.is_zipfile(spath):
            raise WorkbookError(f"{spath}: not an .xlsx workbook (not a zip file; save it as Excel .xlsx)")
        with zipfile.ZipFile(spath) as archive:  # sizes and part count before any XML is parsed
            check_xlsx_archive(archive, spath)
        # A file object, not the path: openpyxl refuses paths whose extension it does not know
        # (a reviewer's "review (2).XLSX.tmp"); the content decides here.
        fh = open(spath, "rb")
        try:
            wb = load_workbook(fh, read_only=True, data_only=True)
        except BaseException:
            fh.close()
            raise
    except WorkbookError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on corrupt files
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise WorkbookError(f"{spath}: not a readable .xlsx workbook ({reason[:120]})") from None
    try:
        try:
            identity = _read_identity(wb, spath)
            rows = _read_review_rows(wb, spath, identity["verdict_values"])
        except WorkbookError:
            raise
        except Exception as exc:
            reason = " ".join(str(exc).split()) or type(exc).__name__
            raise WorkbookError(f"{spath}: could not read the workbook ({reason[:120]})") from None
    finally:
        try:
            wb.close()
        except Exception:
            pass
        fh.close()
    return ReviewedWorkbook(path=spath, rows=rows, **identity)


def _read_review_rows(wb, path: str, verdict_values: list[str]) -> list[ReviewedRow]:
    ws = _find_sheet(wb, REVIEW_SHEET)
    if ws is None:
        raise WorkbookError(f"{path}: no '{REVIEW_SHEET}' sheet")
    sheet = ws.title
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # trust the rows, not the stored dimension
    rows_iter = ws.iter_rows(values_only=True)

    wanted = {_norm_header(n): n for n in ("Claim ID",) + EDITABLE_COLUMNS + (BASE_REVISION_COLUMN,)}
    header_row = None
    positions: dict[str, int] = {}
    row_no = 0
    for row_no, row in enumerate(rows_iter, start=1):
        norm = [_norm_header(v) for v in row]
        if _norm_header("Claim ID") in norm:
            header_row = row_no
            for i, h in enumerate(norm):
                if h in wanted:
                    name = wanted[h]
                    if name in positions:
                        a = positions[name]
                        raise WorkbookError(
                            f"{path}: sheet '{sheet}' has two '{name}' columns ({_col_letter(a)} and {_col_letter(i)})")
                    positions[name] = i
            break
        if row_no >= 50:
            break
    if header_row is None:
        raise WorkbookError(f"{path}: sheet '{sheet}' has no 'Claim ID' column header")
    missing = [n for n in ("Verdict",) + EDITABLE_COLUMNS[1:] + (BASE_REVISION_COLUMN,) if n not in positions]
    if missing:
        raise WorkbookError(f"{path}: sheet '{sheet}' lacks column(s) {', '.join(repr(m) for m in missing)}")

    canon = {_norm_key(v): v for v in verdict_values}
    seen: dict[str, int] = {}
    out: list[ReviewedRow] = []
    p = positions
    for row_no, row in enumerate(rows_iter, start=header_row + 1):
        def get(name: str) -> Any:
            i = p[name]
            return row[i] if i < len(row) else None

        claim_id = _cell_text(get("Claim ID"))
        if claim_id is None:
            continue
        if claim_id in seen:
            raise WorkbookError(
                f"{path}: sheet '{sheet}': Claim ID {claim_id!r} appears in rows {seen[claim_id]} and {row_no}")
        seen[claim_id] = row_no

        raw_rev = get(BASE_REVISION_COLUMN)
        base_revision = _parse_revision(raw_rev)
        if base_revision is None:
            if _cell_text(raw_rev) is None:
                raise WorkbookError(
                    f"{path}: sheet '{sheet}' row {row_no}: Claim ID {claim_id!r} has no Base revision "
                    "(rows added by hand cannot be imported)")
            raise WorkbookError(
                f"{path}: sheet '{sheet}' row {row_no}: Base revision {_show(raw_rev)} is not a whole number")

        verdict = _cell_text(get("Verdict"))
        if verdict is not None:
            verdict = re.sub(r"\s+", " ", verdict)
            verdict = canon.get(_norm_key(verdict), verdict)
        raw_date = get("Reviewed on")
        try:
            reviewed_on = _parse_date(raw_date)
        except (ValueError, OverflowError):
            raise WorkbookError(
                f"{path}: sheet '{sheet}' row {row_no}: Reviewed on {_show(raw_date)} is not a date "
                "(write it as YYYY-MM-DD)") from None
        out.append(ReviewedRow(
            claim_id=claim_id,
            verdict=verdict,
            evidence=_cell_text(get("Evidence")),
            reviewer=_cell_text(get("Reviewer")),
            reviewed_on=reviewed_on,
            notes=_cell_text(get("Notes")),
            base_revision=base_revision,
            sheet=sheet,
            row=row_no,
        ))
    return out


def _col_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _parse_revision(value: Any) -> Optional[int]:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value >= 0 else None
    text = _cell_text(value)
    if text is None:
        return None
    try:
        f = float(text)
    except ValueError:
        return None
    return int(f) if f.is_integer() and f >= 0 else None
