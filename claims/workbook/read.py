"""Reading verdicts back: :func:`read_review_workbook` reads a reviewed workbook into a
:class:`ReviewedWorkbook` (its identity and one :class:`ReviewedRow` per claim row) that the
store applies. The store validates verdict values, the database identity and revision
conflicts; this module only checks the file's structure.

Reading rules
    * The identity is found by label on the About sheet, else in the custom document
      properties ``claims.*``; a file with neither is not a review workbook.
    * Sheets and columns are found by name (case and spaces ignored); the header row is the
      first row holding "Claim ID"; rows are matched by Claim ID, never by position.
    * The Review sheet must have Claim ID, every editable column and Base revision (a missing
      Notes column cannot be told from cleared notes, so it is refused rather than guessed).
    * Values are returned stripped, empty -> None; a verdict matching an allowed value up to
      case and spaces gets the allowed spelling (Excel turns a typed "False" into a boolean:
      read back as "False"). Verdicts are not validated here.
    * "Reviewed on" may be a date cell, a date serial, or text (YYYY-MM-DD, YYYY/M/D,
      D/M/YYYY or M/D/YYYY when unambiguous, "5 March 2024", "March 5, 2024") -> ISO date;
      anything else is a WorkbookError naming the sheet, row and value
      (:func:`parse_reviewed_on`).
    * Every error is a one-line WorkbookError naming the file and, where it applies, the sheet,
      row and value.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import re
import zipfile
from typing import Any, Optional

from claims.dates import parse_reviewed_date
from claims.errors import WorkbookError
from claims.types import ReviewedRow, ReviewedWorkbook
from claims.workbook.archive_check import check_xlsx_archive
from claims.workbook.cells import ooxml_unescape
from claims.workbook.layout import (
    ABOUT_SHEET,
    BASE_REVISION_COLUMN,
    EDITABLE_COLUMNS,
    ID_LABELS,
    PROP_PREFIX,
    REVIEW_SHEET,
)
from claims.workbook.values import norm_key

__all__ = ["read_review_workbook", "parse_reviewed_on"]


def read_review_workbook(path) -> ReviewedWorkbook:
    """Read a reviewed workbook back. Structural problems raise :class:`WorkbookError` (one line)."""
    spath = os.fspath(path)
    wb, fh = _open_workbook(spath)
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


def _open_workbook(spath: str):
    """The workbook opened read-only, and the open file under it (the caller closes both)."""
    from openpyxl import load_workbook

    if not os.path.exists(spath):
        raise WorkbookError(f"{spath}: no such file")
    if os.path.isdir(spath):
        raise WorkbookError(f"{spath}: is a folder, not a workbook")
    try:
        if not zipfile.is_zipfile(spath):
            raise WorkbookError(f"{spath}: not an .xlsx workbook (not a zip file; save it as Excel .xlsx)")
        with zipfile.ZipFile(spath) as archive:  # part count and sizes, before any XML is parsed
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
        if _entities_refused(exc):
            raise WorkbookError(f"{spath}: refused: the workbook's XML declares entities "
                                "(an entity bomb, or not a spreadsheet program's file)") from None
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise WorkbookError(f"{spath}: not a readable .xlsx workbook ({reason[:120]})") from None
    return wb, fh


def _entities_refused(exc: BaseException) -> bool:
    """Whether defusedxml refused the XML (openpyxl wraps its exception in its own)."""
    from defusedxml import DefusedXmlException

    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, DefusedXmlException):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


# ----------------------------------------------------------------------------------------
# Identity
# ----------------------------------------------------------------------------------------

def _read_identity(wb, path: str) -> dict:
    found = _identity_cells(wb)
    props = {}
    try:
        for p in wb.custom_doc_props:
            if p.name and p.name.startswith(PROP_PREFIX):
                props[p.name[len(PROP_PREFIX):]] = p.value
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


def _identity_cells(wb) -> dict[str, Any]:
    """The About sheet's identity values, found by their labels (first 500 rows)."""
    found: dict[str, Any] = {}
    labels = {_norm_header(v): k for k, v in ID_LABELS.items()}
    about = _find_sheet(wb, ABOUT_SHEET)
    if about is None:
        return found
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
    return found


# ----------------------------------------------------------------------------------------
# Review rows
# ----------------------------------------------------------------------------------------

def _read_review_rows(wb, path: str, verdict_values: list[str]) -> list[ReviewedRow]:
    ws = _find_sheet(wb, REVIEW_SHEET)
    if ws is None:
        raise WorkbookError(f"{path}: no '{REVIEW_SHEET}' sheet")
    sheet = ws.title
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # trust the rows, not the stored dimension
    rows_iter = ws.iter_rows(values_only=True)
    header_row, positions = _find_header(rows_iter, path, sheet)

    canon = {norm_key(v): v for v in verdict_values}
    seen: dict[str, int] = {}
    out: list[ReviewedRow] = []
    for row_no, row in enumerate(rows_iter, start=header_row + 1):
        values = {name: (row[i] if i < len(row) else None) for name, i in positions.items()}
        claim_id = _cell_text(values["Claim ID"])
        if claim_id is None:
            continue
        if claim_id in seen:
            raise WorkbookError(
                f"{path}: sheet '{sheet}': Claim ID {claim_id!r} appears in rows {seen[claim_id]} and {row_no}")
        seen[claim_id] = row_no
        out.append(_reviewed_row(values, claim_id, canon, path, sheet, row_no))
    return out


def _find_header(rows_iter, path: str, sheet: str) -> tuple[int, dict[str, int]]:
    """The header row (the first holding "Claim ID", within 50 rows) and the position of each
    column read back. Consumes ``rows_iter`` up to the header row."""
    wanted = {_norm_header(n): n for n in ("Claim ID",) + EDITABLE_COLUMNS + (BASE_REVISION_COLUMN,)}
    header_row = None
    positions: dict[str, int] = {}
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
    return header_row, positions


def _reviewed_row(values: dict[str, Any], claim_id: str, canon: dict[str, str], path: str, sheet: str,
                  row_no: int) -> ReviewedRow:
    """One row's values (by column name) as a ReviewedRow."""
    where = f"{path}: sheet '{sheet}' row {row_no}"  # how errors name the row
    raw_rev = values[BASE_REVISION_COLUMN]
    base_revision = _parse_revision(raw_rev)
    if base_revision is None:
        if _cell_text(raw_rev) is None:
            raise WorkbookError(
                f"{where}: Claim ID {claim_id!r} has no Base revision (rows added by hand cannot be imported)")
        raise WorkbookError(f"{where}: Base revision {_show(raw_rev)} is not a whole number")

    verdict = _cell_text(values["Verdict"])
    if verdict is not None:
        verdict = re.sub(r"\s+", " ", verdict)
        verdict = canon.get(norm_key(verdict), verdict)
    raw_date = values["Reviewed on"]
    try:
        reviewed_on = parse_reviewed_on(raw_date)
    except (ValueError, OverflowError):
        raise WorkbookError(
            f"{where}: Reviewed on {_show(raw_date)} is not a date (write it as YYYY-MM-DD)") from None
    return ReviewedRow(
        claim_id=claim_id,
        verdict=verdict,
        evidence=_cell_text(values["Evidence"]),
        reviewer=_cell_text(values["Reviewer"]),
        reviewed_on=reviewed_on,
        notes=_cell_text(values["Notes"]),
        base_revision=base_revision,
        sheet=sheet,
        row=row_no,
    )


# ----------------------------------------------------------------------------------------
# Cell values
# ----------------------------------------------------------------------------------------

def _norm_header(value: Any) -> str:
    if value is None:
        return ""
    return re.sub(r"\s+", "", str(value)).casefold()


def _find_sheet(wb, name: str):
    key = _norm_header(name)
    for title in wb.sheetnames:
        if _norm_header(title) == key:
            return wb[title]
    return None


def _col_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


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


# ----------------------------------------------------------------------------------------
# "Reviewed on" dates
# ----------------------------------------------------------------------------------------


def parse_reviewed_on(value: Any) -> Optional[str]:
    """A "Reviewed on" cell as an ISO date (claims.dates.parse_reviewed_date, strict: a
    reviewer's date is never guessed), after the OOXML unescaping every text cell gets."""
    return parse_reviewed_date(_cell_text(value) if isinstance(value, str) else value)
