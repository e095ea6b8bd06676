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

from claims.workbook.layout import (CARRIED_FILL, CONFLICT_FILL, EDITABLE_HEADER_FILL, HEADER_ROW_POINTS, LINE_POINTS,
                                    LOCKED_HEADER_FILL, MAX_CELL_CHARS, MAX_ROW_POINTS, PAPER_A4)
from claims.workbook.values import as_text

__all__ = ["FORMULA_START", "TRUNCATION_MARKER", "safe_text", "ooxml_escape", "ooxml_unescape", "Styles",
           "SheetWriter", "safe_link", "rich_pieces", "estimate_lines", "row_height", "set_print_setup"]

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

        self.bold = Font(name="Calibri", bold=True)
        self.title = Font(name="Calibri", bold=True, size=14)
        self.locked_fill = PatternFill("solid", start_color=LOCKED_HEADER_FILL, end_color=LOCKED_HEADER_FILL)
        self.editable_fill = PatternFill("solid", start_color=EDITABLE_HEADER_FILL, end_color=EDITABLE_HEADER_FILL)
        self.carried_fill = PatternFill("solid", start_color=CARRIED_FILL, end_color=CARRIED_FILL)
        self.conflict_fill = PatternFill("solid", start_color=CONFLICT_FILL, end_color=CONFLICT_FILL)
        self.link = Font(name="Calibri", color="0563C1", underline="single")
        self.header_border = Border(bottom=Side(style="thin", color="808080"))
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.top = Alignment(vertical="top")
        self.header_align = Alignment(wrap_text=True, vertical="center")
        self.header_right = Alignment(wrap_text=True, vertical="center", horizontal="right")


class SheetWriter:
    """Appends rows of values to a write-only sheet, making every cell safe.

    Speed (issue 12: a 5,000-row workbook in seconds): cells are built with their value and
    type set directly (the text is already made safe here, so openpyxl's own checks are not run
    again), each combination of style objects is resolved once and its style array shared by
    every cell using it (cells are never restyled after ``cell``), and an empty cell with no
    fill, font or comment is not written at all: the sheet's column styles (``column_style``)
    give typed-in text its alignment and number format."""

    def __init__(self, ws, styles: Styles, dimension: Optional[str] = None) -> None:
        from openpyxl.cell import WriteOnlyCell

        self._new_cell = WriteOnlyCell  # imported once here: an import statement per cell cost 2%
        self.ws = ws
        self.styles = styles
        self.row = 0
        self._style_cache: dict[tuple, Any] = {}
        self._bold_inline = None
        if dimension:
            # Write-only sheets otherwise carry no <dimension>, and openpyxl's read-only mode then
            # scans the whole sheet just to size it. Must be set before the first row.
            ws.calculate_dimension = lambda: dimension
        # Rows are lists of ready cells (or None): placed as they are, instead of openpyxl first
        # trying each as a value and catching the ValueError (a third of the writing time).
        if hasattr(ws, "_values_to_row"):
            ws._values_to_row = _place_cells

    def column_style(self, letter: str, *, alignment=None, number_format=None) -> None:
        """The style of column ``letter`` for cells not written (see the class doc)."""
        dim = self.ws.column_dimensions[letter]
        if alignment is not None:
            dim.alignment = alignment
        if number_format is not None:
            dim.number_format = number_format

    def cell(self, value: Any, *, font=None, fill=None, alignment=None, number_format=None, comment=None,
             hyperlink: Optional[str] = None):
        """A write-only cell for ``value``: text made safe (see the module doc), non-finite
        floats left empty, other objects written as their display text. ``hyperlink``: a
        target made safe by :func:`safe_link` (dropped when it is not a safe link). None for an
        empty cell without fill, font or comment (nothing is written there)."""
        if hyperlink is not None:
            link = safe_link(hyperlink)
            c = self.cell(value, font=(font or self.styles.link) if link else font, fill=fill, alignment=alignment,
                          number_format=number_format, comment=comment)
            if link and c is not None and c.value is not None:
                c.hyperlink = link
            return c

        kind = type(value)
        quote = False
        if kind is str:
            text_value = safe_text(value)
            if text_value:
                value, data_type = ooxml_escape(text_value), "s"  # explicit string: never a formula
                quote = text_value.startswith(FORMULA_START)
            else:
                value = None
        elif kind is float:
            if not math.isfinite(value):
                value = None
            data_type = "n"
        elif kind is int:
            data_type = "n"
        elif kind is bool:
            data_type = "b"
        elif value is None:
            pass
        elif isinstance(value, (_dt.date, _dt.datetime, int, float)):  # dates, numpy numbers: openpyxl's way
            c = self._new_cell(self.ws, value=value)
            if isinstance(value, float) and not math.isfinite(value):
                c.value = None
            self._style(c, False, font, fill, alignment, number_format)
            if comment is not None:
                c.comment = self._comment(comment)
            return c
        else:
            return self.cell(as_text(value), font=font, fill=fill, alignment=alignment,
                             number_format=number_format, comment=comment)
        if value is None and font is None and fill is None and comment is None:
            return None
        c = self._new_cell(self.ws)
        if value is not None:
            c._value = value
            c.data_type = data_type
        self._style(c, quote, font, fill, alignment, number_format)
        if comment is not None:
            c.comment = self._comment(comment)
        return c

    @staticmethod
    def _comment(text: str):
        from openpyxl.comments import Comment

        return Comment(text, "claims", width=260, height=90)

    def rich(self, text: Optional[str], bold: Iterable, *, alignment=None, fill=None):
        """A text cell with the character ranges ``bold`` ([start, end] into ``text``) in bold:
        openpyxl rich text (written as an inline string, never a formula). Every piece is made
        safe like any text cell; a text longer than a cell holds is cut to a window around the
        bold part first. Without a bold range, a plain text cell."""
        pieces = rich_pieces(text, bold)
        if not pieces or not any(b for _, b in pieces):
            return self.cell("".join(t for t, _ in pieces) if pieces else None, alignment=alignment, fill=fill)
        from openpyxl.cell.rich_text import CellRichText, TextBlock

        if self._bold_inline is None:
            self._bold_inline = _bold_inline_font()
        parts = [TextBlock(self._bold_inline, ooxml_escape(t)) if b else ooxml_escape(t) for t, b in pieces]
        c = self._new_cell(self.ws)
        c._value = CellRichText(parts)
        c.data_type = "s"
        self._style(c, pieces[0][0].startswith(FORMULA_START), None, fill, alignment, None)
        return c

    def _style(self, c, quote: bool, font, fill, alignment, number_format) -> None:
        if not (quote or font is not None or fill is not None or alignment is not None or number_format is not None):
            return
        # Assigning style objects hashes them into the workbook's tables: do it once per
        # combination, then share the resulting style array (never changed afterwards).
        key = (quote, id(font), id(fill), id(alignment), number_format)
        cached = self._style_cache.get(key)
        if cached is None:
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
            cached = self._style_cache[key] = c._style
        c._style = cached

    def append(self, cells: Iterable[Any], height: Optional[float] = None) -> None:
        """Append a row; ``height`` in points (set before the row is streamed out)."""
        from openpyxl.cell.cell import Cell

        out = [c if c is None or isinstance(c, Cell) else self.cell(c) for c in cells]
        if height is not None:
            self.ws.row_dimensions[self.row + 1].height = height
        self.ws.append(out)
        self.row += 1

    def header(self, names: list[str], *, fill=None, comments: Optional[dict] = None, right: Iterable[str] = (),
               height: Optional[float] = HEADER_ROW_POINTS) -> None:
        """A bold header row, two lines tall; ``right``: headers of number columns (aligned right,
        over their numbers)."""
        right = set(right)
        self.append([
            self.cell(n, font=self.styles.bold, fill=fill,
                      alignment=self.styles.header_right if n in right else self.styles.header_align,
                      comment=(comments or {}).get(n))
            for n in names
        ], height=height)

    def blank(self) -> None:
        self.ws.append([])
        self.row += 1


def _place_cells(cells, row_idx: int):
    """The cells of row ``row_idx`` for openpyxl's row writer: each placed in its column; None
    (an empty cell) skipped."""
    for col_idx, c in enumerate(cells, 1):
        if c is None:
            continue
        c.column = col_idx
        c.row = row_idx
        if c.hyperlink is not None:
            c.hyperlink.ref = c.coordinate
        yield c


def _bold_inline_font():
    """The bold run font of rich text (Calibri 11, else LibreOffice falls back to a serif font),
    serialised once: openpyxl's generic serialisation of it per run was a tenth of the writing."""
    from openpyxl.cell.text import InlineFont

    font = InlineFont(rFont="Calibri", sz=11, b=True)
    trees: dict = {}

    class _BoldFont(InlineFont):
        def to_tree(self, tagname=None, idx=None, namespace=None):
            key = (tagname, idx, namespace)
            if key not in trees:
                trees[key] = font.to_tree(tagname, idx, namespace)
            return copy.deepcopy(trees[key])  # a fresh element: appending one moves it

    return _BoldFont()


# ----------------------------------------------------------------------------------------
# Links, rich text, row heights, printing
# ----------------------------------------------------------------------------------------

_LINK_SCHEMES = ("http://", "https://", "file://", "mailto:")
_SPACE = re.compile(r"\s")


def safe_link(target: Optional[str]) -> Optional[str]:
    """``target`` if it may be a cell's hyperlink: an http(s), file or mailto URL, or a relative
    path (no scheme); without whitespace or XML-forbidden characters and at most 2,000
    characters (Excel's limit is 2,079). Anything else (``javascript:``, ``cmd:``...) gives None."""
    if not target or not isinstance(target, str):
        return None
    target = target.strip()
    if not target or len(target) > 2000 or _XML_FORBIDDEN.search(target) or _SPACE.search(target):
        return None
    lower = target.lower()
    if lower.startswith(_LINK_SCHEMES):
        return target
    if re.match(r"^[a-z][a-z0-9+.-]*:", lower):  # another scheme
        return None
    return target


def rich_pieces(text: Optional[str], bold: Iterable, limit: int = MAX_CELL_CHARS - 100) -> list[tuple[str, bool]]:
    """``text`` split into (piece, is_bold) by the ranges ``bold``, each piece safe
    (:func:`safe_text`); a text over ``limit`` characters is first cut to a window around the
    first bold range, with "…" where text was left out."""
    if not text:
        return []
    ranges = []
    for r in bold or []:
        try:
            a, b = int(r[0]), int(r[1])
        except (TypeError, ValueError, IndexError):
            continue
        a, b = max(0, a), min(len(text), b)
        if b > a:
            ranges.append((a, b))
    ranges.sort()
    lead, tail = "", ""
    if len(text) > limit:
        a0 = ranges[0][0] if ranges else 0
        start = max(0, min(a0 - limit // 4, len(text) - limit))
        end = start + limit
        ranges = [(max(a, start) - start, min(b, end) - start) for a, b in ranges if min(b, end) > max(a, start)]
        lead, tail = ("…" if start else ""), ("…" if end < len(text) else "")
        text = text[start:end]
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for a, b in ranges:
        a = max(a, pos)
        if b <= a:
            continue
        if a > pos:
            pieces.append((text[pos:a], False))
        pieces.append((text[a:b], True))
        pos = b
    if pos < len(text):
        pieces.append((text[pos:], False))
    if lead:
        pieces.insert(0, (lead, False))
    if tail:
        pieces.append((tail, False))
    out = [(safe_text(t), b) for t, b in pieces]
    return [(t, b) for t, b in out if t]


def estimate_lines(text: Any, width: float) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` characters wide (Calibri 11:
    an average character is a little narrower than the '0' column widths are counted in; words
    are not split, so a line holds somewhat less than that -- the estimate errs on tall)."""
    if text is None:
        return 1
    text = str(text)
    if not text:
        return 1
    per_line = max(1.0, width * 1.05 - 2)
    lines = 0
    for para in text.split("\n"):
        lines += max(1, math.ceil(len(para) / per_line))
    return lines


def row_height(cells: Iterable[tuple[Any, float]], max_lines: Optional[int] = None) -> Optional[float]:
    """The row height (points) that shows every (text, column width) of a row wrapped; None
    (the default height) for one line."""
    lines = max((estimate_lines(t, w) for t, w in cells if t is not None), default=1)
    if max_lines is not None:
        lines = min(lines, max_lines)
    if lines <= 1:
        return None
    return min(MAX_ROW_POINTS, round(lines * LINE_POINTS + 3, 1))


def set_print_setup(ws, *, landscape: bool = True, paper: int = PAPER_A4, title_rows: Optional[str] = "1:1") -> None:
    """Print settings of a sheet: orientation, paper, all columns on one page width (as many
    pages down as needed), the header row repeated on every page, narrow margins, gridlines."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = paper
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    if title_rows:
        ws.print_title_rows = title_rows
