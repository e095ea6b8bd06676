"""Table exports: claims with their verdicts as CSV, JSON Lines or a plain .xlsx
(:func:`export_claims`), and extracted statements as JSON Lines or CSV
(:func:`export_statements`).

Decisions
    * CSV is UTF-8 with a byte-order mark (so Excel shows accents and curly quotes right),
      and is formula-safe: a text cell starting with = + - @ tab or CR (the workbook's
      ``FORMULA_START``) gets a leading ``'`` (the OWASP advice against CSV injection).
      Scripts reading the CSV should strip a leading ``'`` from such cells; JSON Lines is
      never altered and is the format for machines.
    * JSON Lines: one object per claim keyed by snake_case field names (``claim_id``,
      ``verdict``, ... : ``records.EXPORT_FIELDS``), lists kept as lists, missing values as null, unpaired
      surrogates replaced by U+FFFD so the file is valid UTF-8.
    * .xlsx goes through the review workbook's safe cell writer (never a formula, XML-forbidden
      characters removed, 32,767-character cells).
    * Every file is written atomically (``claims.files.atomic_write``).
"""
from __future__ import annotations

import csv
import json
from typing import Any

import pandas as pd

from claims.errors import ClaimsError
from claims.exports.records import EXPORT_COLUMNS, claims_records, field_name, json_clean, replace_surrogates
from claims.files import atomic_write
from claims.types import TABLE_FORMATS
from claims.workbook import layout
from claims.workbook.cells import FORMULA_START, SheetWriter, Styles
from claims.workbook.values import is_missing

__all__ = ["TABLE_FORMATS", "export_claims", "csv_safe_frame", "export_statements"]



# ----------------------------------------------------------------------------------------
# Claims
# ----------------------------------------------------------------------------------------

def export_claims(claims: pd.DataFrame, path, format: str = "csv") -> None:
    """Write ``claims`` with their verdicts to ``path`` as csv, jsonl or xlsx."""
    fmt = (format or "").lower().lstrip(".")
    if fmt not in TABLE_FORMATS:
        raise ClaimsError(f"unknown export format {format!r}: use one of {', '.join(TABLE_FORMATS)}")
    records = claims_records(claims)

    if fmt == "csv":
        def write(tmp: str) -> None:
            with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
                w = csv.writer(fh)
                w.writerow(EXPORT_COLUMNS)
                for r in records:
                    w.writerow([csv_cell(r[c]) for c in EXPORT_COLUMNS])
    elif fmt == "jsonl":
        def write(tmp: str) -> None:
            with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
                for r in records:  # keys: snake_case field names (records.EXPORT_FIELDS)
                    fh.write(jsonl_line({field_name(k): v for k, v in r.items()}))
    else:
        limit = layout.MAX_DATA_ROWS
        if len(records) > limit:
            raise ClaimsError(f"{len(records):,} claims do not fit in one Excel sheet (at most {limit:,} rows); "
                              "use csv or jsonl")

        def write(tmp: str) -> None:
            _write_xlsx(records, tmp)

    atomic_write(path, write)


def _write_xlsx(records: list[dict], tmp: str) -> None:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Claims")
    styles = Styles()
    for i, name in enumerate(EXPORT_COLUMNS):
        ws.column_dimensions[get_column_letter(i + 1)].width = layout.COLUMN_WIDTHS.get(name, 16)
    ws.freeze_panes = "A2"
    w = SheetWriter(ws, styles)
    w.header(EXPORT_COLUMNS, fill=styles.locked_fill)
    for r in records:
        row = []
        for name in EXPORT_COLUMNS:
            v = r[name]
            if isinstance(v, list):
                v = "; ".join(str(x) for x in v) or None
            elif isinstance(v, bool):
                v = "Yes" if v else None
            row.append(w.cell(v, alignment=styles.wrap if name in ("Claim", "Evidence", "Notes") else styles.top,
                              number_format="0.00" if name == "Check-worthiness" else None))
        w.append(row)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(EXPORT_COLUMNS))}{max(len(records), 1) + 1}"
    wb.save(tmp)


# Characters some line readers (Python's str.splitlines, JavaScript) take as a line break,
# which json.dumps leaves raw: written as \u escapes so one record is always one line.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def jsonl_line(record: Any) -> str:
    """One JSON Lines record: valid JSON on one line whatever the text (control characters
    escaped by json, lone surrogates replaced, U+0085/U+2028/U+2029 escaped), ending in \\n."""
    return json.dumps(json_clean(record), ensure_ascii=False).translate(_LINE_BREAKS) + "\n"


# ----------------------------------------------------------------------------------------
# CSV cells
# ----------------------------------------------------------------------------------------

def csv_cell(value: Any) -> Any:
    """A record value as a CSV cell: lists joined with "; ", True as "Yes", formula-looking
    text prefixed with ``'``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else ""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str):
        value = replace_surrogates(value)
        if value.startswith(FORMULA_START):
            return "'" + value
    return value


def csv_safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` safe to open in a spreadsheet: lists as JSON text, and text that a
    spreadsheet would run as a formula (= + - @ tab CR) prefixed with ``'``."""
    def cell(value: Any) -> Any:
        if isinstance(value, (list, dict)):
            value = json.dumps(json_clean(value), ensure_ascii=False)
        return "" if value is None else csv_cell(value)

    return frame.apply(lambda column: column.map(cell)) if len(frame) else frame.copy()


# ----------------------------------------------------------------------------------------
# Statements
# ----------------------------------------------------------------------------------------

def export_statements(statements: pd.DataFrame, path, format: str = "jsonl") -> None:
    """Write statement rows (``claims.extract(...)``) as JSON lines or CSV, atomically.

    JSON lines keep lists and nulls as JSON; CSV writes lists as JSON text and prefixes text
    that a spreadsheet would run as a formula with ``'`` (see ``csv_safe_frame``)."""
    if format == "jsonl":
        def write(tmp: str) -> None:
            with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
                for row in statements.to_dict(orient="records"):
                    clean = {k: _json_scalar(v) for k, v in row.items()}
                    fh.write(jsonl_line(clean))
    elif format == "csv":
        def write(tmp: str) -> None:
            csv_safe_frame(statements).to_csv(tmp, index=False)
    else:
        raise ClaimsError(f"unknown statements format {format!r}: use jsonl or csv")
    atomic_write(path, write)


def _json_scalar(value: Any) -> Any:
    """NaN -> None and numpy scalars -> Python numbers, so json.dumps writes plain JSON."""
    if not isinstance(value, (list, dict)) and is_missing(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        return value.item()
    return value
