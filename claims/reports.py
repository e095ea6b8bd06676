"""Reading news reports: files and folders -> :class:`~claims.types.Report`.

    iter_report_paths(paths)            files and folders -> supported report files (sorted)
    read_reports(paths, on_warning=...) -> Report, one at a time (a generator: streaming)
    read_report(path)                   one .txt/.md/.html file -> Report
    parse_date(s)                       "July 12, 2018" -> "2018-07-12" (or None)

Text files (.txt, .md) are decoded exactly as ``open(path, encoding="utf-8-sig").read()``
does (BOM removed, CRLF and lone CR turned into LF), so every offset indexes the text as
other tools read it. Files that are not valid UTF-8 are decoded as cp1252 (latin-1 for the
few bytes cp1252 leaves undefined), with a warning. HTML files go through trafilatura, and
.jsonl/.csv files hold one report per row, read row by row.

Problems with one file or one row never stop a run: they become a one-line warning naming
the file (and row), passed to ``on_warning``. Only a path that does not exist at all raises
:class:`~claims.errors.ReportReadError`.
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import json
import logging
import os
import re
import unicodedata
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

from .dates import match_date_at as _match_date_at
from .dates import parse_date
from .errors import ReportReadError
from .types import Report

__all__ = [
    "SUPPORTED_SUFFIXES",
    "TEXT_SUFFIXES",
    "HTML_SUFFIXES",
    "TABLE_SUFFIXES",
    "iter_report_paths",
    "read_reports",
    "read_report",
    "parse_date",
    "decode_text",
]

log = logging.getLogger("claims")

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
TABLE_SUFFIXES = (".jsonl", ".csv")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + TABLE_SUFFIXES

# Columns of a .jsonl/.csv table, in order of preference.
TEXT_COLUMNS = ("text", "body", "content", "article")
ID_COLUMNS = ("id",)
TITLE_COLUMNS = ("title", "headline")
DATE_COLUMNS = ("date", "published", "publication_date")
URL_COLUMNS = ("url", "link")

PathLike = Union[str, "os.PathLike[str]"]
Warn = Callable[[str], None]


def _log_warning(message: str) -> None:
    log.warning("%s", message)


# --------------------------------------------------------------------------------------
# one-line messages


def _one_line(message: str) -> str:
    """Collapse any line breaks so a warning is always exactly one line."""
    return " ".join(str(message).split())


def _where(path: Union[str, Path], line: Optional[int] = None) -> str:
    return f"{path}, line {line}" if line is not None else f"{path}"


# --------------------------------------------------------------------------------------
# decoding


def _cp1252_fallback(exc: UnicodeError):
    """Error handler: bytes cp1252 leaves undefined (0x81, 0x8D, ...) decode as latin-1."""
    if isinstance(exc, UnicodeDecodeError):
        bad = exc.object[exc.start:exc.end]
        return bad.decode("latin-1"), exc.end
    raise exc


_CP1252_ERRORS = "claims-cp1252-latin1"
codecs.register_error(_CP1252_ERRORS, _cp1252_fallback)


def _normalise_newlines(text: str) -> str:
    """CRLF and lone CR -> LF, as Python's text mode (universal newlines) does."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding) for a text file's bytes.

    UTF-8 (a leading BOM removed, like encoding="utf-8-sig") when valid, else cp1252 with
    latin-1 for the bytes cp1252 leaves undefined. Newlines are normalised to LF.
    The encoding is "utf-8", "utf-8-sig" (a BOM was present) or "cp1252".
    """
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    except UnicodeDecodeError:
        if data.startswith(codecs.BOM_UTF8):  # a BOM, then not UTF-8 after all
            data = data[len(codecs.BOM_UTF8):]
        text = data.decode("cp1252", errors=_CP1252_ERRORS)
        encoding = "cp1252"
    return _normalise_newlines(text), encoding


def _binary_reason(data: bytes) -> Optional[str]:
    """Why these bytes do not look like a text file, or None when they do."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "looks like UTF-16 text; re-save it as UTF-8"
    head = data[:8192]
    if b"\x00" in head or b"\x00" in data:
        return "binary content (NUL bytes), not a text file"
    # control characters other than tab, newline, CR, form feed, vertical tab and ESC
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 11, 12, 13, 27))
    if head and controls / len(head) > 0.10:
        return "binary content (mostly control bytes), not a text file"
    return None


def _looks_binary_text(text: str) -> bool:
    """A decoded sample that is mostly unprintable (e.g. cp1252-decoded binary junk)."""
    sample = text[:4096]
    if not sample:
        return False
    bad = sum(
        1
        for ch in sample
        if unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\t\n\x0b\x0c\x1b"
    )
    return bad / len(sample) > 0.10


# --------------------------------------------------------------------------------------
# metadata lines and headlines

_HSPACE = r"[^\S\n]"
# "date 2018-07-12 ..." / "date: 2018-07-12" / "Title: ..." at the start of a line
_META_KEY_RE = re.compile(
    _HSPACE + r"*(?P<key>date|published|title|headline|url|link|source|author|byline)"
    r"(?:(?P<colon>" + _HSPACE + r"*:)|(?=" + _HSPACE + r"))" + _HSPACE + r"*",
    re.IGNORECASE,
)
_META_KEYS = {
    "date": "date", "published": "date",
    "title": "title", "headline": "title",
    "url": "url", "link": "url",
    "source": None, "author": None, "byline": None,
}
_URL_TOKEN_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_FRONT_MATTER_RE = re.compile(r"---" + _HSPACE + r"*\n")


class _Meta:
    __slots__ = ("title", "date", "url", "warnings")

    def __init__(self) -> None:
        self.title: Optional[str] = None
        self.date: Optional[str] = None
        self.url: Optional[str] = None
        self.warnings: list[str] = []

    def set(self, key: Optional[str], value: str) -> None:
        value = value.strip()
        if key is None or not value:
            return
        if key == "date":
            iso = parse_date(value)
            if iso is None:
                self.warnings.append(f"unrecognised date {value!r} in the metadata")
            elif self.date is None:
                self.date = iso
        elif key == "title" and self.title is None:
            self.title = value
        elif key == "url" and self.url is None:
            self.url = value


def _skip_space(text: str, pos: int) -> int:
    n = len(text)
    while pos < n and text[pos].isspace():
        pos += 1
    return pos


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _front_matter(text: str, pos: int, meta: _Meta) -> int:
    """A "---" ... "---" block of key: value lines (markdown front matter): its end, or pos."""
    m = _FRONT_MATTER_RE.match(text, pos)
    if not m:
        return pos
    cur = m.end()
    for _ in range(50):
        end = _line_end(text, cur)
        line = text[cur:end]
        if line.strip() == "---":
            return end
        km = re.match(r"\s*([A-Za-z_][\w-]*)\s*:(.*)", line)
        if line.strip() and not km:
            return pos  # not a key: value block after all
        if km:
            key = km.group(1).lower()
            if key in _META_KEYS:
                meta.set(_META_KEYS[key], km.group(2).strip().strip("\"'"))
        if end >= len(text):
            return pos
        cur = end + 1
    return pos


def _parse_metadata(text: str) -> tuple[int, _Meta]:
    """Metadata lines at the top of ``text``: (offset of the first body character, meta).

    Recognised: ``" date 2018-07-12"`` (the body may follow on the same line, as in the
    seeds), ``"date: July 12, 2018"``, ``"title: ..."``, ``"url: ..."`` / ``"url https://..."``,
    ``"source: ..."``, ``"author: ..."``, several of them one per line, and a markdown
    front-matter block. Without a colon only ``date`` followed by a full date and ``url``
    followed by a URL count, so "Date night is..." or "Title IX..." stay body text.
    """
    meta = _Meta()
    pos = _skip_space(text, 0)
    pos = _skip_space(text, _front_matter(text, pos, meta))
    while pos < len(text):
        line_start = text.rfind("\n", 0, pos) + 1  # keys may be indented
        m = _META_KEY_RE.match(text, line_start)
        if not m or m.start("key") != pos:
            break
        key = _META_KEYS[m.group("key").lower()]
        colon = m.group("colon") is not None
        value_start = m.end()
        end = _line_end(text, value_start)
        if key == "date":
            if colon:
                # "date: <value>": the whole rest of the line is the value
                value = text[value_start:end].strip()
                found = _match_date_at(text, value_start)
                iso = parse_date(value) or (found[0] if found else None)
                if iso is None:
                    meta.set("date", value)  # warns
                elif meta.date is None:
                    meta.date = iso
            else:
                found = _match_date_at(text, value_start)
                if found is None:
                    break  # "Date night is ...": a sentence, not metadata
                iso, date_end = found
                if date_end < end and not text[date_end].isspace():
                    break
                if text[date_end:end].strip():
                    # the body follows on the same line (" date 2018-07-12 Senior ..."), as
                    # in the seeds; only with a lower-case key: "Date 12 July 2018 was
                    # chosen, he said." is a sentence
                    if m.group("key") != m.group("key").lower():
                        break
                    if meta.date is None:
                        meta.date = iso
                    return _skip_space(text, date_end), meta
                if meta.date is None:
                    meta.date = iso
        elif key == "url" and not colon:
            um = _URL_TOKEN_RE.match(text, value_start)
            if not um:
                break
            meta.set("url", um.group(0))
            if text[um.end():end].strip():
                return _skip_space(text, um.end()), meta
        else:
            if not colon:
                break
            meta.set(key, text[value_start:end])
        pos = _skip_space(text, end)
    return pos, meta


_HEADLINE_MAX_WORDS = 20
_HEADLINE_MAX_CHARS = 200
_CLOSERS = "\"'”’»)]›"
_SENTENCE_END = ".!?…"
_NO_HEADLINE_END = _SENTENCE_END + ":;,"


def _headline_span(text: str, body_start: int) -> Optional[tuple[int, int]]:
    """Offsets of the headline: a short first body line without final punctuation."""
    if body_start >= len(text):
        return None
    end = text.find("\n", body_start)
    if end < 0 or not text[end:].strip():
        return None  # a headline is followed by a body
    start = body_start
    line = text[start:end]
    hashes = re.match(r"#{1,6}" + _HSPACE + r"+", line)  # markdown "# Headline"
    if hashes:
        start += hashes.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    title = text[start:end]
    if not title or len(title) > _HEADLINE_MAX_CHARS:
        return None
    if len(title.split()) > _HEADLINE_MAX_WORDS:
        return None
    if not any(ch.isalpha() for ch in title):
        return None
    first_alpha = next(ch for ch in title if ch.isalnum() or ch.isalpha())
    if first_alpha.islower():
        return None  # a line that starts in lower case continues a sentence
    if title.startswith("By ") or title.lower().startswith(("by:", "posted ", "updated ")):
        return None  # a byline, not a headline
    stripped = title.rstrip(_CLOSERS)
    if not stripped:
        return None
    if stripped[-1] in _NO_HEADLINE_END:
        return None
    if stripped != title and stripped[-1] in _SENTENCE_END:
        return None
    return start, end


def _finish(
    report_id: str,
    text: str,
    source: str,
    *,
    encoding: str,
    warnings: list[str],
    title: Optional[str] = None,
    date: Optional[str] = None,
    url: Optional[str] = None,
    parse_metadata: bool = True,
    where: str = "",
) -> Report:
    """Metadata, headline and hash for decoded text: the Report."""
    if parse_metadata:
        body_start, meta = _parse_metadata(text)
        for w in meta.warnings:
            warnings.append(f"{where}: {w}")
    else:
        body_start, meta = _skip_space(text, 0), _Meta()
    if not text[body_start:].strip():
        raise ReportReadError(f"{where}: no report text after the metadata; skipped")
    title_span = _headline_span(text, body_start)
    title = title or meta.title
    if title is None and title_span is not None:
        title = text[title_span[0]:title_span[1]]
    return Report(
        id=report_id,
        text=text,
        source=source,
        title=title,
        date=date or meta.date,
        url=url or meta.url,
        body_start=body_start,
        title_span=title_span,
        encoding=encoding,
        content_hash=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        warnings=warnings,
    )


# --------------------------------------------------------------------------------------
# files


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except PermissionError:
        raise ReportReadError(f"{path}: permission denied; skipped") from None
    except IsADirectoryError:
        raise ReportReadError(f"{path}: is a folder, not a file; skipped") from None
    except FileNotFoundError:
        raise ReportReadError(f"{path}: no such file") from None
    except OSError as e:
        raise ReportReadError(_one_line(f"{path}: cannot read ({e.strerror or e}); skipped")) from None


def _decode_file(path: Path, data: bytes, warnings: list[str]) -> tuple[str, str]:
    reason = _binary_reason(data)
    if reason:
        raise ReportReadError(f"{path}: {reason}; skipped")
    text, encoding = decode_text(data)
    if encoding == "cp1252":
        if _looks_binary_text(text):
            raise ReportReadError(f"{path}: binary content, not a text file; skipped")
        warnings.append(f"{path}: not valid UTF-8; decoded as cp1252 (Windows-1252)")
    if not text.strip():
        raise ReportReadError(f"{path}: empty file; skipped")
    return text, encoding


def _read_text_file(path: Path, report_id: str, warn: Warn) -> Report:
    warnings: list[str] = []
    text, encoding = _decode_file(path, _read_bytes(path), warnings)
    report = _finish(report_id, text, str(path), encoding=encoding, warnings=warnings,
                     where=str(path))
    for w in report.warnings:
        warn(w)
    return report


_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _decode_html(path: Path, data: bytes, warnings: list[str]) -> tuple[str, str]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        enc = "utf-16"
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8192]:
        raise ReportReadError(f"{path}: binary content (NUL bytes), not an HTML file; skipped")
    try:
        text = data.decode("utf-8-sig")
        return text, "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    except UnicodeDecodeError:
        pass
    m = _CHARSET_RE.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii", "replace")
        try:
            name = codecs.lookup(declared).name
            if name not in ("utf-8", "utf-8-sig"):
                return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    warnings.append(f"{path}: not valid UTF-8; decoded as cp1252 (Windows-1252)")
    return data.decode("cp1252", errors=_CP1252_ERRORS), "cp1252"


def _read_html_file(path: Path, report_id: str, warn: Warn) -> Report:
    import trafilatura  # imported lazily: slow to import, only needed for .html

    warnings: list[str] = []
    html, encoding = _decode_html(path, _read_bytes(path), warnings)
    if not html.strip():
        raise ReportReadError(f"{path}: empty file; skipped")
    try:
        text = trafilatura.extract(html, include_comments=False, deduplicate=False)
        if not text or not text.strip():
            text = trafilatura.extract(html, include_comments=False, favor_recall=True)
    except Exception as e:  # trafilatura/lxml on malformed input
        raise ReportReadError(_one_line(f"{path}: HTML extraction failed ({e}); skipped")) from None
    if not text or not text.strip():
        raise ReportReadError(f"{path}: no article text found in the HTML; skipped")
    text = _normalise_newlines(text)
    title = date = url = None
    try:
        meta = trafilatura.extract_metadata(html)
    except Exception:  # metadata is a bonus; never fail a report on it
        meta = None
    if meta is not None:
        title = (meta.title or "").strip() or None
        date = parse_date(meta.date) if meta.date else None
        url = (meta.url or "").strip() or None
    report = _finish(report_id, text, str(path), encoding=encoding, warnings=warnings,
                     title=title, date=date, url=url, parse_metadata=False, where=str(path))
    for w in report.warnings:
        warn(w)
    return report


def read_report(path: PathLike, on_warning: Optional[Warn] = None, *,
                report_id: Optional[str] = None) -> Report:
    """One .txt/.md/.html report file -> Report (id: the file stem).

    Raises ReportReadError (one line) when the file cannot be used: missing, unreadable,
    binary, empty, or a .jsonl/.csv table (use :func:`read_reports` for those).
    Warnings (e.g. a cp1252 fallback) go to ``on_warning`` and ``Report.warnings``.
    """
    warn = _log_warning if on_warning is None else on_warning
    p = Path(path)
    rid = report_id or p.stem
    suffix = p.suffix.lower()
    if not p.exists():
        raise ReportReadError(f"{p}: no such file")
    if p.is_dir():
        raise ReportReadError(f"{p}: is a folder; use read_reports for folders")
    if suffix in HTML_SUFFIXES:
        return _read_html_file(p, rid, warn)
    if suffix in TABLE_SUFFIXES:
        raise ReportReadError(f"{p}: a {suffix} table holds many reports; use read_reports")
    return _read_text_file(p, rid, warn)


# --------------------------------------------------------------------------------------
# tables: .jsonl and .csv, one report per row, streamed


def _sniff_encoding(path: Path) -> str:
    """Stream the file once: "utf-8-sig" when it all decodes as UTF-8, else "cp1252"."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as f:
        try:
            while True:
                chunk = f.read(1 << 20)
                if not chunk:
                    decoder.decode(b"", final=True)
                    return "utf-8-sig"
                decoder.decode(chunk)
        except UnicodeDecodeError:
            return "cp1252"


def _open_table(path: Path, warn: Warn, newline: Optional[str]):
    try:
        encoding = _sniff_encoding(path)
        errors = _CP1252_ERRORS if encoding == "cp1252" else "strict"
        f = open(path, encoding=encoding, errors=errors, newline=newline)
        if encoding == "cp1252":
            with open(path, "rb") as raw:
                bom = raw.read(len(codecs.BOM_UTF8)) == codecs.BOM_UTF8
            if bom:
                f.read(len(codecs.BOM_UTF8))  # a BOM, then not UTF-8 after all
    except PermissionError:
        raise ReportReadError(f"{path}: permission denied; skipped") from None
    except OSError as e:
        raise ReportReadError(_one_line(f"{path}: cannot read ({e.strerror or e}); skipped")) from None
    if encoding == "cp1252":
        warn(f"{path}: not valid UTF-8; decoded as cp1252 (Windows-1252)")
    return f, ("cp1252" if encoding == "cp1252" else "utf-8")


def _pick(row: dict, names: Iterable[str]) -> tuple[Optional[str], object]:
    """(column name, value) of the first of ``names`` present in the row (case-insensitive)."""
    lowered = {str(k).strip().lower(): k for k in row}
    for name in names:
        if name in lowered:
            key = lowered[name]
            return key, row[key]
    return None, None


def _cell(value: object) -> Optional[str]:
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    s = str(value).strip()
    return s or None


def _row_report(row: dict, path: Path, n: int, line: int, encoding: str, stem: str,
                warn: Warn) -> Optional[Report]:
    where = _where(path, line)
    text_col, text = _pick(row, TEXT_COLUMNS)
    if not isinstance(text, str):
        text = None if text is None else str(text)
    if text is None or not text.strip():
        warn(f"{where}: empty text; row skipped")
        return None
    text = _normalise_newlines(text)
    warnings: list[str] = []
    _, rid = _pick(row, ID_COLUMNS)
    rid = _cell(rid)
    if rid is None:
        rid = f"{stem}-{hashlib.sha1(text.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}"
    _, title = _pick(row, TITLE_COLUMNS)
    _, raw_date = _pick(row, DATE_COLUMNS)
    _, url = _pick(row, URL_COLUMNS)
    date = None
    raw_date = _cell(raw_date)
    if raw_date is not None:
        date = parse_date(raw_date)
        if date is None:
            warnings.append(f"{where}: unrecognised date {raw_date!r}; left empty")
    try:
        report = _finish(rid, text, f"{path}#row={n}", encoding=encoding, warnings=warnings,
                         title=_cell(title), date=date, url=_cell(url), where=where)
    except ReportReadError as e:
        warn(str(e).replace("; skipped", "; row skipped"))
        return None
    for w in report.warnings:
        warn(w)
    return report


def _iter_jsonl(path: Path, warn: Warn) -> Iterator[Report]:
    f, encoding = _open_table(path, warn, newline=None)
    with f:
        stem = path.stem
        for line_no, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                warn(_one_line(f"{_where(path, line_no)}: invalid JSON ({e.msg}, column {e.colno}); row skipped"))
                continue
            if not isinstance(row, dict):
                warn(f"{_where(path, line_no)}: not a JSON object; row skipped")
                continue
            if _pick(row, TEXT_COLUMNS)[0] is None:
                warn(f"{_where(path, line_no)}: no text field (expected one of "
                     f"{', '.join(TEXT_COLUMNS)}); row skipped")
                continue
            report = _row_report(row, path, line_no, line_no, encoding, stem, warn)
            if report is not None:
                yield report


_CSV_FIELD_LIMIT = 1 << 28


def _iter_csv(path: Path, warn: Warn) -> Iterator[Report]:
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:
        csv.field_size_limit(_CSV_FIELD_LIMIT)  # long articles exceed the 128 KiB default
    f, encoding = _open_table(path, warn, newline="")
    with f:
        reader = csv.reader(f)
        try:
            header = next(reader, None)
        except csv.Error as e:
            raise ReportReadError(_one_line(f"{path}: unreadable CSV header ({e}); skipped")) from None
        if not header or not any(h.strip() for h in header):
            raise ReportReadError(f"{path}: empty CSV (no header row); skipped")
        columns = [h.strip() for h in header]
        lowered = [c.lower() for c in columns]
        if not any(c in lowered for c in TEXT_COLUMNS):
            raise ReportReadError(
                _one_line(f"{path}: no text column (expected one of {', '.join(TEXT_COLUMNS)}; "
                          f"found {', '.join(columns)}); skipped")
            )
        n = 0
        while True:
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error as e:
                warn(_one_line(f"{_where(path, reader.line_num)}: malformed CSV ({e}); row skipped"))
                continue
            if not values or not any(v.strip() for v in values):
                continue  # a blank line
            n += 1
            if len(values) > len(columns):
                warn(f"{_where(path, reader.line_num)}: row {n} has {len(values)} fields, "
                     f"header has {len(columns)}; extra fields ignored")
            row = dict(zip(columns, values))
            report = _row_report(row, path, n, reader.line_num, encoding, path.stem, warn)
            if report is not None:
                yield report


# --------------------------------------------------------------------------------------
# paths


def _as_list(paths) -> list:
    if isinstance(paths, (str, bytes, os.PathLike)):
        return [paths]
    return list(paths)


def _iter_entries(paths, warn: Warn) -> Iterator[tuple[Path, str]]:
    """(path, key) for every report file; key is the path relative to its argument,
    prefixed by the argument's name (stable whatever the working folder)."""
    roots = [Path(os.fsdecode(p)) for p in _as_list(paths)]
    missing = [str(p) for p in roots if not p.exists()]
    if missing:
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        raise ReportReadError(f"no such file or folder: {missing[0]}{more}")
    seen: set[str] = set()

    def once(p: Path) -> bool:
        try:
            real = os.path.realpath(p)
        except OSError:
            real = str(p.absolute())
        if real in seen:
            return False
        seen.add(real)
        return True

    for root in roots:
        if root.is_dir():
            yield from _walk(root, root.name or str(root), warn, once, set())
        elif root.suffix.lower() in SUPPORTED_SUFFIXES:
            if once(root):
                yield root, root.as_posix()
        else:
            warn(f"{root}: unsupported file type {root.suffix or '(no suffix)'!r} "
                 f"(supported: {' '.join(SUPPORTED_SUFFIXES)}); skipped")


def _walk(folder: Path, key: str, warn: Warn, once, visiting: set) -> Iterator[tuple[Path, str]]:
    try:
        real = os.path.realpath(folder)
        if real in visiting:
            return  # a symlink loop
        visiting = visiting | {real}
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except PermissionError:
        warn(f"{folder}: permission denied; folder skipped")
        return
    except OSError as e:
        warn(_one_line(f"{folder}: cannot list ({e.strerror or e}); folder skipped"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, f"{key}/{entry.name}", warn, once, visiting)
        elif os.path.splitext(entry.name)[1].lower() in SUPPORTED_SUFFIXES:
            if once(path):
                yield path, f"{key}/{entry.name}"


def iter_report_paths(paths: Iterable[PathLike], on_warning: Optional[Warn] = None) -> Iterator[Path]:
    """The report files among ``paths``: files as given, folders searched recursively.

    Folders contribute their files with a supported suffix (.txt .md .html .htm .jsonl
    .csv), sorted by name at each level, hidden files and folders skipped. A file named
    explicitly with another suffix is skipped with a warning; a file reached twice is
    yielded once. A path that does not exist raises ReportReadError before anything is
    yielded.
    """
    warn = _log_warning if on_warning is None else on_warning
    for path, _key in _iter_entries(paths, warn):
        yield path


def _short_hash(s: str, n: int = 8) -> str:
    return hashlib.sha1(s.encode("utf-8", "surrogatepass")).hexdigest()[:n]


def read_reports(paths: Iterable[PathLike], on_warning: Optional[Warn] = None) -> Iterator[Report]:
    """Every report in ``paths`` (files and folders), one at a time.

    A generator: reports are read lazily and .jsonl/.csv tables row by row, so memory
    does not grow with the corpus. Unusable files and rows are skipped with a one-line
    warning passed to ``on_warning`` (default: the "claims" logger). A missing path raises
    ReportReadError.

    Report ids are file stems (table rows: their id column, else ``<stem>-<sha1[:16]>``).
    An id already used earlier in the run gets a deterministic suffix (a short hash of the
    file's path relative to its argument, or of the row's source) and a warning.
    """
    warn = _log_warning if on_warning is None else on_warning
    used: dict[str, str] = {}  # report id -> source of its first use

    def unique(report: Report, key: str) -> Report:
        if report.id not in used:
            used[report.id] = report.source
            return report
        base = report.id
        new = f"{base}-{_short_hash(key)}"
        i = 2
        while new in used:
            new = f"{base}-{_short_hash(key)}-{i}"
            i += 1
        message = (f"{report.source}: report id {base!r} already used by {used[base]}; "
                   f"using {new!r}")
        warn(message)
        report.warnings.append(message)
        report.id = new
        used[new] = report.source
        return report

    for path, key in _iter_entries(paths, warn):
        suffix = path.suffix.lower()
        try:
            if suffix in TABLE_SUFFIXES:
                rows = _iter_jsonl(path, warn) if suffix == ".jsonl" else _iter_csv(path, warn)
                for report in rows:
                    yield unique(report, f"{key}#{report.source.rsplit('#', 1)[-1]}")
            elif suffix in HTML_SUFFIXES:
                yield unique(_read_html_file(path, path.stem, warn), key)
            else:
                yield unique(_read_text_file(path, path.stem, warn), key)
        except ReportReadError as e:
            warn(_one_line(str(e)))
