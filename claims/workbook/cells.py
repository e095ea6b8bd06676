"""Safe cells: untrusted text (report text, reviewers' notes) made safe to put in a spreadsheet.

* Never a formula: text is written as an explicit string cell, and text starting with one of
  :data:`FORMULA_START` (= + - @ tab CR) also gets Excel's quotePrefix, so that re-typing the
  cell does not run it. ``claims.exports`` uses the same :data:`FORMULA_START` for CSV.
* XML-forbidden characters (control characters, unpaired surrogates, U+FFFE/U+FFFF) removed.
* Literal ``_xHHHH_`` sequences escaped as OOXML requires (and :func:`ooxml_unescape` for
  reading back).
* Cut to Excel's 32,767 UTF-16 code units with a visible :data:`TRUNCATION_MARKER`.

:class:`SheetWriter` appends rows to an openpyxl write-only sheet, making every cell safe this
way; :class:`Styles` holds the shared style objects it applies.
"""
from __future__ import annotations

import copy
import datetime as _dt
import math
import re
from typing import Any, Iterable, Optional

from claims.workbook.layout import CARRIED_FILL, EDITABLE_HEADER_FILL, LOCKED_HEADER_FILL, MAX_CELL_CHARS
from claims.workbook.values import as_text

__all__ = ["FORMULA_START", "TRUNCATION_MARKER", "safe_text", "ooxml_escape", "ooxml_unescape", "Styles",
           "SheetWriter"]

TRUNCATION_MARKER = "… [truncated; full text in the database]"
# Text a spreadsheet would run as a formula starts with one of these.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Characters XML 1.0 forbids (tab, LF, CR allowed), surrogates (in a Python str any surrogate
# code point is unpaired), and the non-characters U+FFFE / U+FFFF.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# OOXML reads "_xHHHH_" inside string text as an escaped character; a literal one must be
# written as "_x005F_xHHHH_".
_OOXML_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_OOXML_UNESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


# ----------------------------------------------------------------------------------------
# Text
# ----------------------------------------------------------------------------------------

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


def ooxml_escape(text: str) -> str:
    """Protect literal ``_xHHHH_`` text, which OOXML would read as an escaped character."""
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


# ----------------------------------------------------------------------------------------
# Cells of a write-only sheet
# ----------------------------------------------------------------------------------------

class Styles:
    """Shared style objects, applied to write-only cells."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.bold = Font(bold=True)
        self.title = Font(bold=True, size=14)
        self.locked_fill = PatternFill("solid", start_color=LOCKED_HEADER_FILL, end_color=LOCKED_HEADER_FILL)
        self.editable_fill = PatternFill("solid", start_color=EDITABLE_HEADER_FILL, end_color=EDITABLE_HEADER_FILL)
        self.carried_fill = PatternFill("solid", start_color=CARRIED_FILL, end_color=CARRIED_FILL)
        self.header_border = Border(bottom=Side(style="thin", color="808080"))
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.top = Alignment(vertical="top")
        self.header_align = Alignment(wrap_text=True, vertical="center")


class SheetWriter:
    """Appends rows of values to a write-only sheet, making every cell safe."""

    def __init__(self, ws, styles: Styles, dimension: Optional[str] = None) -> None:
        self.ws = ws
        self.styles = styles
        self.row = 0
        self._style_cache: dict[tuple, Any] = {}
        if dimension:
            # Write-only sheets otherwise carry no <dimension>, and openpyxl's read-only mode then
            # scans the whole sheet just to size it. Must be set before the first row.
            ws.calculate_dimension = lambda: dimension

    def cell(self, value: Any, *, font=None, fill=None, alignment=None, number_format=None, comment=None):
        """A write-only cell for ``value``: text made safe (see the module doc), non-finite
        floats left empty, other objects written as their display text."""
        from openpyxl.cell import WriteOnlyCell

        text_value = None
        if isinstance(value, str):
            text_value = safe_text(value)
            value = ooxml_escape(text_value) if text_value else None
        elif isinstance(value, bool) or value is None:
            pass
        elif isinstance(value, (int, float)):
            if isinstance(value, float) and not math.isfinite(value):
                value = None
        elif isinstance(value, (_dt.date, _dt.datetime)):
            pass
        else:
            return self.cell(as_text(value), font=font, fill=fill, alignment=alignment,
                             number_format=number_format, comment=comment)
        c = WriteOnlyCell(self.ws, value=value)
        quote = False
        if isinstance(value, str):
            c.data_type = "s"  # explicit string: never a formula, whatever it starts with
            quote = text_value.startswith(FORMULA_START)
        if quote or font is not None or fill is not None or alignment is not None or number_format is not None:
            self._apply_style(c, quote, font, fill, alignment, number_format)
        if comment is not None:
            from openpyxl.comments import Comment

            c.comment = Comment(comment, "claims", width=260, height=90)
        return c

    def _apply_style(self, c, quote: bool, font, fill, alignment, number_format) -> None:
        # Assigning style objects hashes them into the workbook's tables: do it once per combination.
        key = (quote, id(font), id(fill), id(alignment), number_format)
        cached = self._style_cache.get(key)
        if cached is not None:
            c._style = copy.copy(cached)
            return
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
