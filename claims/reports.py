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
the file (and row), passed to ``on_warning``. Only a path that does not exist at all (or an
unusable ``CLAIMS_MAX_REPORT_BYTES``) raises :class:`~claims.errors.ReportReadError`.

Hostile input is bounded: only regular files are opened (a FIFO, a device or a symlink to
one is skipped; a symlink to a regular file is followed), a text or HTML file larger than
the size limit is skipped without being read, and a table row (a JSONL line, a CSV record)
larger than it is skipped. The limit is ``max_bytes=`` or ``$CLAIMS_MAX_REPORT_BYTES``
(bytes, or with a K/M/G suffix), else :data:`DEFAULT_MAX_REPORT_BYTES` (50 MB). Paths in
messages are printable (bytes that are not UTF-8 shown as ``\\xNN``); ids, titles, text and
sources never hold lone surrogates (they become U+FFFD, with a warning), so every report
can be printed, stored and written to a workbook.
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import logging
import os
import re
import stat
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
    "DEFAULT_MAX_REPORT_BYTES",
    "MAX_REPORT_BYTES_ENV",
    "max_report_bytes",
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

# Size limit per report file (.txt/.md/.html) and per table row (a JSONL line, a CSV record).
DEFAULT_MAX_REPORT_BYTES = 50 * 1000 * 1000
MAX_REPORT_BYTES_ENV = "CLAIMS_MAX_REPORT_BYTES"
_SIZE_RE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*", re.IGNORECASE)
_SIZE_UNITS = {"": 1, "b": 1, "k": 1000, "m": 1000 ** 2, "g": 1000 ** 3,
               "ki": 1024, "mi": 1024 ** 2, "gi": 1024 ** 3}


def max_report_bytes(value: Union[int, str, None] = None) -> int:
    """The size limit in bytes: ``value``, else $CLAIMS_MAX_REPORT_BYTES, else 50 MB.

    Strings may carry a unit: "50000000", "50M", "50MB", "1.5G", "512KiB". A value that is
    not a positive size raises ReportReadError (one line naming the setting).
    """
    source = "max_bytes"
    if value is None:
        value = os.environ.get(MAX_REPORT_BYTES_ENV, "").strip() or None
        source = MAX_REPORT_BYTES_ENV
        if value is None:
            return DEFAULT_MAX_REPORT_BYTES
    if isinstance(value, bool):
        n = None
    elif isinstance(value, int):
        n = value
    else:
        m = _SIZE_RE.fullmatch(str(value))
        n = None
        if m:
            unit = (m.group(2) or "").lower().rstrip("b")
            n = int(float(m.group(1)) * _SIZE_UNITS[unit])
    if n is None or n <= 0:
        raise ReportReadError(_one_line(
            f"{source}={_printable(str(value))!r}: not a positive size in bytes "
            f"(e.g. 50000000 or 50M)"))
    return n


def _format_size(n: int) -> str:
    if n >= 1000 ** 3:
        return f"{n / 1000 ** 3:.1f} GB"
    if n >= 1000 ** 2:
        return f"{n / 1000 ** 2:.1f} MB"
    if n >= 1000:
        return f"{n / 1000:.1f} kB"
    return f"{n} bytes"


def _log_warning(message: str) -> None:
    log.warning("%s", message)


# --------------------------------------------------------------------------------------
# one-line messages


def _one_line(message: str) -> str:
    """Collapse any line breaks so a warning is always exactly one line."""
    return " ".join(str(message).split())


_SURROGATES_RE = re.compile("[\ud800-\udfff]")
# C0 and C1 controls and DEL: never sent raw to a terminal in a message
_CONTROLS_RE = re.compile("[\x00-\x1f\x7f-\x9f]")


def _printable(s: str) -> str:
    """``s`` for a one-line message: lone surrogates (bytes of a file name that are not
    UTF-8, decoded by Python with surrogateescape) shown as \\xNN, as are control characters."""
    if _SURROGATES_RE.search(s):
        s = "".join(
            (f"\\x{ord(ch) - 0xDC00:02x}" if 0xDC80 <= ord(ch) <= 0xDCFF else f"\\u{ord(ch):04x}")
            if "\ud800" <= ch <= "\udfff" else ch
            for ch in s
        )
    if _CONTROLS_RE.search(s):
        s = _CONTROLS_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", s)
    return s


def _shown(path: Union[str, Path]) -> str:
    """A path as shown to the user and stored as a report's source: printable, no surrogates."""
    return _printable(os.fspath(path) if not isinstance(path, str) else path)


def _no_surrogates(s: str) -> tuple[str, int]:
    """(``s`` with each lone surrogate replaced by U+FFFD, how many): same length, so text
    offsets are kept."""
    n = len(_SURROGATES_RE.findall(s))
    return (_SURROGATES_RE.sub("\ufffd", s), n) if n else (s, 0)


def _where(path: Union[str, Path], line: Optional[int] = None) -> str:
    shown = _shown(path)
    return f"{shown}, line {line}" if line is not None else shown


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


# Byte order marks that name their encoding; UTF-32 first (its LE mark starts like UTF-16's).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# A text read as cp1252 looks Western when its non-ASCII characters are all letters and
# punctuation of Western European text (a few superscripts and spacing accents, which a
# Central European cp1250 text read as cp1252 is full of, are not) and mostly stand alone
# between ASCII letters: Cyrillic, Greek or CJK bytes read as cp1252 come in long runs.
_NOT_WESTERN_RE = re.compile("[^\x00-\x7f\u0080-\u009f\u00a0-\u00ff\u0152\u0153\u0160\u0161"
                             "\u0178\u017d\u017e\u0192\u2013\u2014\u2018-\u201e\u2020-\u2022"
                             "\u2026\u2030\u2039\u203a\u20ac\u2122]|[\u00a4\u00a6\u00a8\u00af"
                             "\u00b2\u00b3\u00b8\u00b9\u00ac]")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
_NON_ASCII_RUN_RE = re.compile(r"[^\x00-\x7f\s]{3,}")
# When a detected encoding has aliases that give the same text, the name users know.
_PREFERRED_NAMES = ("shift_jis", "euc_jp", "gbk", "big5", "euc_kr")
_DETECT_BEFORE = 64 * 1024  # bytes of context before the first non-UTF-8 byte
_DETECT_AFTER = 256 * 1024  # and after it


def _looks_western(text: str) -> bool:
    if _NOT_WESTERN_RE.search(text):
        return False
    non_ascii = len(_NON_ASCII_RE.findall(text))
    if not non_ascii:
        return True
    in_runs = sum(len(run) for run in _NON_ASCII_RUN_RE.findall(text))
    return in_runs <= 0.25 * non_ascii


def _detection_sample(data: bytes, bad: int) -> bytes:
    """Up to ~320 KB around the first byte that is not UTF-8, cut at line ends (a line feed
    is never part of a multi-byte character in the encodings detected here)."""
    if len(data) <= _DETECT_BEFORE + _DETECT_AFTER:
        return data
    start, end = max(0, bad - _DETECT_BEFORE), min(len(data), bad + _DETECT_AFTER)
    if start > 0:
        nl = data.find(b"\n", start, bad)
        start = nl + 1 if nl >= 0 else start
    if end < len(data):
        nl = data.rfind(b"\n", bad, end)
        end = nl + 1 if nl >= 0 else end
    return data[start:end]


def _detect_encoding(sample: bytes) -> Optional[tuple[str, str]]:
    """(codec, a second codec to try) detected by charset-normalizer, or None."""
    from charset_normalizer import from_bytes  # imported lazily: only for non-UTF-8 input

    try:
        best = from_bytes(sample).best()
    except Exception:  # a detector failure is "not detected", never a crash
        return None
    if best is None:
        return None
    encoding = codecs.lookup(best.encoding).name
    if encoding in ("utf-8", "ascii"):
        return None
    aliases = [codecs.lookup(a).name for a in best.could_be_from_charset]
    preferred = next((n for n in _PREFERRED_NAMES if n in aliases), encoding)
    return preferred, encoding


def _decode_detected(data: bytes, bad: int) -> tuple[str, str, str]:
    """(text, codec, how) for bytes that are not UTF-8.

    cp1252 (latin-1 for the five bytes cp1252 leaves undefined) when the result reads as
    Western European text, as before; else the encoding charset-normalizer detects; else
    cp1252 anyway (a binary check follows).
    """
    western = data.decode("cp1252", errors=_CP1252_ERRORS)
    if _looks_western(western):
        return western, "cp1252", "cp1252 (Windows-1252)"
    found = _detect_encoding(_detection_sample(data, bad))
    if found is not None:
        for codec in dict.fromkeys(found):
            try:
                return data.decode(codec), codec, f"{codec} (detected)"
            except (UnicodeDecodeError, LookupError):
                continue
        codec = found[1]
        try:
            text = data.decode(codec, errors="replace")
            return text, codec, f"{codec} (detected; undecodable bytes replaced with U+FFFD)"
        except LookupError:
            pass
    return western, "cp1252", "cp1252 (Windows-1252; encoding not recognised)"


def _decode_bytes(data: bytes) -> tuple[str, str, Optional[str]]:
    """(text, codec, how) of a text file's bytes; ``how`` is None for UTF-8, else what to
    say in the warning ("read as ...")."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
                how = f"{codec} (byte order mark)"
            except UnicodeDecodeError:
                text = data.decode(codec, errors="replace")
                how = f"{codec} (byte order mark; undecodable bytes replaced with U+FFFD)"
            return text, codec, how
    try:
        text = data.decode("utf-8-sig")
        return text, ("utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"), None
    except UnicodeDecodeError as e:
        bad = e.start
    if data.startswith(codecs.BOM_UTF8):  # a BOM, then not UTF-8 after all
        data = data[len(codecs.BOM_UTF8):]
        bad -= len(codecs.BOM_UTF8)
    return _decode_detected(data, bad)


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding) for a text file's bytes.

    UTF-8 (a leading BOM removed, like encoding="utf-8-sig") when valid; UTF-16/UTF-32
    when a byte order mark says so; otherwise cp1252 (latin-1 for the bytes cp1252 leaves
    undefined) when that reads as Western European text, else the encoding detected by
    charset-normalizer (e.g. "shift_jis", "gbk"). Newlines are normalised to LF.
    """
    text, encoding, _how = _decode_bytes(data)
    return _normalise_newlines(text), encoding


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))


def _binary_reason(data: bytes) -> Optional[str]:
    """Why these bytes do not look like a text file, or None when they do."""
    if data.startswith(tuple(bom for bom, _ in _BOMS)):
        return None  # UTF-16/32 text: NUL bytes are expected
    head = data[:8192]
    if b"\x00" in head or b"\x00" in data:
        return "binary content (NUL bytes), not a text file"
    # control characters other than tab, newline, CR, form feed, vertical tab and ESC
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
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
        if unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") and ch not in "\t\n\x0b\x0c\x1b"
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
    decoded_from_json: bool = False,
) -> Report:
    """Metadata, headline and hash for decoded text: the Report.

    Lone surrogates (JSON escapes such as "\\ud800", file names that are not UTF-8) in
    the id, title, URL or (``decoded_from_json``) text
    become U+FFFD, with a warning: one character for one, so offsets are unchanged, and the
    report can be printed, stored and written to a workbook.
    """
    fields = {"report id": report_id, "text": text, "title": title, "url": url}
    for what, value in fields.items():
        if what == "text" and not decoded_from_json:
            continue  # text decoded from bytes never holds a lone surrogate
        if value and _SURROGATES_RE.search(value):
            clean, n = _no_surrogates(value)
            fields[what] = clean
            warnings.append(f"{where}: {what} holds {n} lone surrogate{'s' if n > 1 else ''} "
                            f"(not valid Unicode); replaced with U+FFFD")
    report_id, text, title, url = (fields["report id"], fields["text"], fields["title"],
                                   fields["url"])
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

_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0)


def _file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _not_regular(path: Path, mode: int) -> ReportReadError:
    kind = _file_kind(mode)
    via = ""
    if os.path.islink(path):
        via = f" (a symbolic link to {_shown(os.path.realpath(path))})"
    what = kind if kind == "not a regular file" else f"{kind}, not a regular file"
    return ReportReadError(_one_line(f"{_shown(path)}{via}: {what}; skipped"))


def _too_large(path: Path, size: int, limit: int, grew: bool = False) -> ReportReadError:
    size_s = f"more than {_format_size(limit)}" if grew else _format_size(size)
    return ReportReadError(
        f"{_shown(path)}: {size_s} is over the limit of {_format_size(limit)} per report "
        f"file ({MAX_REPORT_BYTES_ENV}); skipped")


def _os_error(path: Path, e: OSError) -> ReportReadError:
    shown = _shown(path)
    if isinstance(e, PermissionError):
        return ReportReadError(f"{shown}: permission denied; skipped")
    if isinstance(e, IsADirectoryError):
        return ReportReadError(f"{shown}: is a folder, not a file; skipped")
    if isinstance(e, FileNotFoundError):
        if os.path.islink(path):
            return ReportReadError(f"{shown}: a broken symbolic link; skipped")
        return ReportReadError(f"{shown}: no such file")
    return ReportReadError(_one_line(f"{shown}: cannot read ({_printable(e.strerror or str(e))}); skipped"))


def _open_regular(path: Path, limit: Optional[int]) -> tuple[io.BufferedReader, int]:
    """(binary file, size) of a regular file, opened without blocking or following anything
    but symbolic links; a FIFO, device or socket (or a symlink to one) raises
    ReportReadError before it is read, and so does a file over ``limit`` bytes."""
    try:
        st = os.stat(path)  # follows symbolic links: only the target's type matters
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(path, st.st_mode)
        if limit is not None and st.st_size > limit:
            raise _too_large(path, st.st_size, limit)
        # O_NONBLOCK: should the file have been swapped for a FIFO since, open() cannot hang
        fd = os.open(path, _OPEN_FLAGS | _O_NONBLOCK)
    except OSError as e:
        raise _os_error(path, e) from None
    try:
        st = os.fstat(fd)  # what was actually opened
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(path, st.st_mode)
        if limit is not None and st.st_size > limit:
            raise _too_large(path, st.st_size, limit)
        if _O_NONBLOCK:
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb"), st.st_size
    except BaseException:
        os.close(fd)
        raise


def _read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (read with a bound, so a file
    that grows while it is read is refused too)."""
    f, size = _open_regular(path, limit)
    try:
        with f:
            # the size fstat gave, plus one byte to see whether there is more (read(limit)
            # would allocate the whole limit for every file)
            want = min(size, limit) + 1
            data = f.read(want)
            if len(data) == want and want <= limit:  # larger than it said (e.g. /proc)
                chunks, total = [data], len(data)
                while total <= limit:
                    chunk = f.read(min(1 << 20, limit + 1 - total))
                    if not chunk:
                        break
                    chunks.append(chunk)
                    total += len(chunk)
                data = b"".join(chunks)
    except OSError as e:
        raise _os_error(path, e) from None
    if len(data) > limit:
        raise _too_large(path, len(data), limit, grew=True)
    return data


def _decode_file(path: Path, data: bytes, warnings: list[str]) -> tuple[str, str]:
    shown = _shown(path)
    reason = _binary_reason(data)
    if reason:
        raise ReportReadError(f"{shown}: {reason}; skipped")
    text, encoding, how = _decode_bytes(data)
    text = _normalise_newlines(text)
    if how is not None:
        if _looks_binary_text(text):
            raise ReportReadError(f"{shown}: binary content, not a text file; skipped")
        warnings.append(f"{shown}: not UTF-8; read as {how}")
    if not text.strip():
        raise ReportReadError(f"{shown}: empty file; skipped")
    return text, encoding


def _file_report_id(path: Path, report_id: Optional[str], warnings: list[str]) -> str:
    """The report id of a file (its stem unless given), printable and storable: bytes of the
    file name that are not UTF-8 become U+FFFD, with a warning."""
    rid = report_id or path.stem
    clean, n = _no_surrogates(rid)
    if n:
        warnings.append(f"{_shown(path)}: file name is not valid UTF-8; report id {clean!r} "
                        f"(U+FFFD in place of {n} undecodable byte{'s' if n > 1 else ''})")
    return clean


def _read_text_file(path: Path, report_id: Optional[str], warn: Warn,
                    limit: Optional[int] = None) -> Report:
    limit = max_report_bytes() if limit is None else limit
    warnings: list[str] = []
    text, encoding = _decode_file(path, _read_bytes(path, limit), warnings)
    rid = _file_report_id(path, report_id, warnings)
    report = _finish(rid, text, _shown(path), encoding=encoding, warnings=warnings,
                     where=_shown(path))
    for w in report.warnings:
        warn(w)
    return report


_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _decode_html(path: Path, data: bytes, warnings: list[str]) -> tuple[str, str]:
    shown = _shown(path)
    if data.startswith(tuple(bom for bom, _ in _BOMS)):
        text, encoding, how = _decode_bytes(data)
        return text, encoding
    if b"\x00" in data[:8192]:
        raise ReportReadError(f"{shown}: binary content (NUL bytes), not an HTML file; skipped")
    try:
        text = data.decode("utf-8-sig")
        return text, "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    except UnicodeDecodeError as e:
        bad = e.start
    m = _CHARSET_RE.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii", "replace")
        try:
            name = codecs.lookup(declared).name
            if name not in ("utf-8", "utf-8-sig"):
                return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    if data.startswith(codecs.BOM_UTF8):
        data, bad = data[len(codecs.BOM_UTF8):], bad - len(codecs.BOM_UTF8)
    text, encoding, how = _decode_detected(data, bad)
    warnings.append(f"{shown}: not UTF-8; read as {how}")
    return text, encoding


def _read_html_file(path: Path, report_id: Optional[str], warn: Warn,
                    limit: Optional[int] = None) -> Report:
    import trafilatura  # imported lazily: slow to import, only needed for .html

    limit = max_report_bytes() if limit is None else limit
    shown = _shown(path)
    warnings: list[str] = []
    html, encoding = _decode_html(path, _read_bytes(path, limit), warnings)
    if not html.strip():
        raise ReportReadError(f"{shown}: empty file; skipped")
    try:
        text = trafilatura.extract(html, include_comments=False, deduplicate=False)
        if not text or not text.strip():
            text = trafilatura.extract(html, include_comments=False, favor_recall=True)
    except Exception as e:  # trafilatura/lxml on malformed input
        raise ReportReadError(_one_line(f"{shown}: HTML extraction failed ({e}); skipped")) from None
    if not text or not text.strip():
        raise ReportReadError(f"{shown}: no article text found in the HTML; skipped")
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
    rid = _file_report_id(path, report_id, warnings)
    report = _finish(rid, text, shown, encoding=encoding, warnings=warnings,
                     title=title, date=date, url=url, parse_metadata=False, where=shown)
    for w in report.warnings:
        warn(w)
    return report


def read_report(path: PathLike, on_warning: Optional[Warn] = None, *,
                report_id: Optional[str] = None,
                max_bytes: Union[int, str, None] = None) -> Report:
    """One .txt/.md/.html report file -> Report (id: the file stem).

    Raises ReportReadError (one line) when the file cannot be used: missing, unreadable,
    not a regular file, over the size limit (``max_bytes``, else $CLAIMS_MAX_REPORT_BYTES,
    else 50 MB), binary, empty, or a .jsonl/.csv table (use :func:`read_reports` for those).
    Warnings (e.g. a file read as cp1252 or as a detected encoding) go to ``on_warning``
    and ``Report.warnings``.
    """
    warn = _log_warning if on_warning is None else on_warning
    limit = max_report_bytes(max_bytes)
    p = Path(os.fsdecode(path))
    suffix = p.suffix.lower()
    if not p.exists():
        raise ReportReadError(f"{_shown(p)}: no such file")
    if p.is_dir():
        raise ReportReadError(f"{_shown(p)}: is a folder; use read_reports for folders")
    if suffix in HTML_SUFFIXES:
        return _read_html_file(p, report_id, warn, limit)
    if suffix in TABLE_SUFFIXES:
        raise ReportReadError(f"{_shown(p)}: a {suffix} table holds many reports; use read_reports")
    return _read_text_file(p, report_id, warn, limit)


# --------------------------------------------------------------------------------------
# tables: .jsonl and .csv, one report per row, streamed


def _sniff_table(f: io.BufferedReader) -> tuple[str, Optional[str], int]:
    """(codec, how, bytes to skip) of a table, read once from the start.

    "utf-8" when it all decodes as UTF-8 (a BOM skipped); UTF-16/32 when a byte order mark
    says so; else what :func:`_decode_detected` chooses on a sample around the first byte
    that is not UTF-8. ``how`` is None for UTF-8, else what to say in the warning.
    """
    head = f.read(4)
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec, f"{codec} (byte order mark)", 0  # the codec removes the mark
    skip = len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
    f.seek(skip)
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = skip
    try:
        while True:
            chunk = f.read(1 << 20)
            if not chunk:
                decoder.decode(b"", final=True)
                return "utf-8", None, skip
            decoder.decode(chunk)
            offset += len(chunk)
    except UnicodeDecodeError as e:
        bad = max(skip, offset + e.start - 4)  # the decoder may hold up to 3 earlier bytes
    start = max(skip, bad - _DETECT_BEFORE)
    f.seek(start)
    sample = f.read(_DETECT_BEFORE + _DETECT_AFTER)
    _text, codec, how = _decode_detected(_detection_sample(sample, bad - start), bad - start)
    return codec, how, skip


def _open_table(path: Path, warn: Warn, newline: Optional[str]) -> tuple[io.TextIOWrapper, str]:
    """(text file, encoding) of a .jsonl/.csv table: a regular file of any size (its rows are
    streamed, each bounded), decoded as :func:`_sniff_table` finds."""
    f, _size = _open_regular(path, None)
    try:
        codec, how, skip = _sniff_table(f)
        f.seek(skip)
        # The sniffing pass checked the bytes; "replace" only matters if the file changes
        # under us or a detected codec meets a byte its sample did not show.
        errors = _CP1252_ERRORS if codec == "cp1252" else "replace"
        text = io.TextIOWrapper(f, encoding=codec, errors=errors, newline=newline)
    except OSError as e:
        f.close()
        raise _os_error(path, e) from None
    except BaseException:
        f.close()
        raise
    if how is not None:
        warn(f"{_shown(path)}: not UTF-8; read as {how}")
    if _SURROGATES_RE.search(path.stem):
        warn(f"{_shown(path)}: file name is not valid UTF-8; report ids made from it hold "
             f"U+FFFD in place of the undecodable bytes")
    return text, codec


class _RowTooLong(Exception):
    def __init__(self, line_no: int) -> None:
        self.line_no = line_no


def _bounded_lines(f, limit: int) -> Iterator[tuple[int, Optional[str]]]:
    """(line number, line) of a text file, each read with a bound: a line over ``limit``
    (characters, or bytes once encoded as UTF-8) is consumed in pieces and given as None."""
    line_no = 0
    while True:
        line = f.readline(limit + 1)
        if not line:
            return
        line_no += 1
        ended = line.endswith(("\n", "\r"))
        if len(line) > limit and not ended:
            while True:  # the rest of the over-long line, a piece at a time
                piece = f.readline(1 << 20)
                if not piece or piece.endswith(("\n", "\r")):
                    break
            yield line_no, None
        elif len(line) * 4 > limit and len(line.encode("utf-8", "surrogatepass")) > limit + 2:
            yield line_no, None
        else:
            yield line_no, line


def _row_too_long(path: Path, line_no: int, limit: int, rest: bool = False) -> str:
    what = "rest of the file skipped" if rest else "row skipped"
    return (f"{_where(path, line_no)}: a line over the limit of {_format_size(limit)} per "
            f"report ({MAX_REPORT_BYTES_ENV}); {what}")


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
                warn: Warn, from_json: bool = False) -> Optional[Report]:
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
        report = _finish(rid, text, f"{_shown(path)}#row={n}", encoding=encoding, warnings=warnings,
                         title=_cell(title), date=date, url=_cell(url), where=where,
                         decoded_from_json=from_json)
    except ReportReadError as e:
        warn(str(e).replace("; skipped", "; row skipped"))
        return None
    for w in report.warnings:
        warn(w)
    return report


def _iter_jsonl(path: Path, warn: Warn, limit: int) -> Iterator[Report]:
    f, encoding = _open_table(path, warn, newline=None)
    with f:
        stem = _no_surrogates(path.stem)[0]  # _open_table said so once for the file
        for line_no, line in _bounded_lines(f, limit):
            where = _where(path, line_no)
            if line is None:
                warn(_row_too_long(path, line_no, limit))
                continue
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                warn(_one_line(f"{where}: invalid JSON ({e.msg}, column {e.colno}); row skipped"))
                continue
            except RecursionError:  # "[[[[..." deeper than the parser's recursion limit
                warn(f"{where}: invalid JSON (nested too deeply); row skipped")
                continue
            except ValueError as e:  # e.g. an integer of more than 4300 digits
                warn(_one_line(f"{where}: invalid JSON ({_printable(str(e))}); row skipped"))
                continue
            if not isinstance(row, dict):
                warn(f"{where}: not a JSON object; row skipped")
                continue
            if _pick(row, TEXT_COLUMNS)[0] is None:
                warn(f"{where}: no text field (expected one of "
                     f"{', '.join(TEXT_COLUMNS)}); row skipped")
                continue
            try:
                report = _row_report(row, path, line_no, line_no, encoding, stem, warn,
                                     from_json=True)
            except Exception as e:  # an input no rule foresaw: this row only
                warn(_unexpected(where, e, "row skipped"))
                continue
            if report is not None:
                yield report


def _iter_csv(path: Path, warn: Warn, limit: int) -> Iterator[Report]:
    f, encoding = _open_table(path, warn, newline="")
    too_long: list[int] = []

    def lines() -> Iterator[str]:
        for line_no, line in _bounded_lines(f, limit):
            if line is None:
                too_long.append(line_no)
                return  # a record cannot be resumed in the middle: the file ends here
            yield line

    def next_record(reader):
        # The csv module's field limit is process-wide: set to this file's limit for the
        # call only (long articles exceed its 128 KiB default).
        previous = csv.field_size_limit(limit)
        try:
            return next(reader)
        finally:
            csv.field_size_limit(previous)

    def stopped_early() -> None:
        if too_long:
            warn(_row_too_long(path, too_long[0], limit, rest=True))

    stem = _no_surrogates(path.stem)[0]  # _open_table said so once for the file
    with f:
        reader = csv.reader(lines())
        try:
            header = next_record(reader)
        except StopIteration:
            header = None
        except csv.Error as e:
            raise ReportReadError(_one_line(
                f"{_shown(path)}: unreadable CSV header ({_printable(str(e))}); skipped")) from None
        if not header or not any(h.strip() for h in header):
            if too_long:
                raise ReportReadError(_row_too_long(path, too_long[0], limit, rest=True)
                                      .replace("rest of the file skipped", "skipped"))
            raise ReportReadError(f"{_shown(path)}: empty CSV (no header row); skipped")
        columns = [h.strip() for h in header]
        lowered = [c.lower() for c in columns]
        if not any(c in lowered for c in TEXT_COLUMNS):
            raise ReportReadError(
                _one_line(f"{_shown(path)}: no text column (expected one of "
                          f"{', '.join(TEXT_COLUMNS)}; found "
                          f"{_printable(', '.join(columns))[:200]}); skipped")
            )
        n = 0
        while True:
            record_line = reader.line_num + 1
            try:
                values = next_record(reader)
            except StopIteration:
                break
            except csv.Error as e:
                if "field limit" in str(e):
                    # the parser gave up inside a field: where its record ends is unknown
                    warn(f"{_where(path, record_line)}: a field over the limit of "
                         f"{_format_size(limit)} per report ({MAX_REPORT_BYTES_ENV}); "
                         f"rest of the file skipped")
                    return
                warn(_one_line(f"{_where(path, reader.line_num)}: malformed CSV "
                               f"({_printable(str(e))}); row skipped"))
                continue
            if not values or not any(v.strip() for v in values):
                continue  # a blank line
            n += 1
            where = _where(path, reader.line_num)
            if len(values) > len(columns):
                warn(f"{where}: row {n} has {len(values)} fields, "
                     f"header has {len(columns)}; extra fields ignored")
            row = dict(zip(columns, values))
            try:
                report = _row_report(row, path, n, reader.line_num, encoding, stem, warn)
            except Exception as e:  # an input no rule foresaw: this row only
                warn(_unexpected(where, e, "row skipped"))
                continue
            if report is not None:
                yield report
        stopped_early()


def _unexpected(where: str, e: BaseException, what: str) -> str:
    detail = _printable(str(e))[:200]
    return _one_line(f"{where}: unreadable ({type(e).__name__}: {detail}); {what}")


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
        raise ReportReadError(f"no such file or folder: {_printable(missing[0])}{more}")
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
            warn(f"{_shown(root)}: unsupported file type {root.suffix or '(no suffix)'!r} "
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
        warn(f"{_shown(folder)}: permission denied; folder skipped")
        return
    except OSError as e:
        warn(_one_line(f"{_shown(folder)}: cannot list ({_printable(e.strerror or str(e))}); "
                       f"folder skipped"))
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


def read_reports(paths: Iterable[PathLike], on_warning: Optional[Warn] = None, *,
                 max_bytes: Union[int, str, None] = None) -> Iterator[Report]:
    """Every report in ``paths`` (files and folders), one at a time.

    A generator: reports are read lazily and .jsonl/.csv tables row by row, so memory
    does not grow with the corpus. Unusable files and rows are skipped with a one-line
    warning passed to ``on_warning`` (default: the "claims" logger): among them files that
    are not regular files (FIFOs, devices, symlinks to them) and files or table rows over
    the size limit, ``max_bytes`` (an int, or a string such as "50M"), else
    $CLAIMS_MAX_REPORT_BYTES, else 50 MB. A missing path or a bad limit raises
    ReportReadError.

    Report ids are file stems (table rows: their id column, else ``<stem>-<sha1[:16]>``).
    An id already used earlier in the run gets a deterministic suffix (a short hash of the
    file's path relative to its argument, or of the row's source) and a warning.
    """
    warn = _log_warning if on_warning is None else on_warning
    limit = max_report_bytes(max_bytes)
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
        reports: Iterator[Report]
        try:
            if suffix in TABLE_SUFFIXES:
                rows = (_iter_jsonl(path, warn, limit) if suffix == ".jsonl"
                        else _iter_csv(path, warn, limit))
                reports = ((r, f"{key}#{r.source.rsplit('#', 1)[-1]}") for r in rows)
            elif suffix in HTML_SUFFIXES:
                reports = iter([(_read_html_file(path, None, warn, limit), key)])
            else:
                reports = iter([(_read_text_file(path, None, warn, limit), key)])
            for report, report_key in reports:
                yield unique(report, report_key)
        except ReportReadError as e:
            warn(_one_line(str(e)))
        except Exception as e:  # an input no rule foresaw: this file only, never the run
            warn(_unexpected(_shown(path), e, "skipped"))
