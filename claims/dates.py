"""Month and weekday names and date parsing, shared by report reading, extraction and the
review workbook.

    MONTHS                 "january"/"jan"/"sept"... -> month number (lower-case keys)
    MONTH_NAMES            the twelve full month names, lower case, January first
    WEEKDAYS               the seven weekday names, lower case, Monday first (date.weekday())
    MONTH_PATTERN          regular expression of any key of MONTHS, longest first (use re.I)
    parse_date(s)          lenient: "July 12, 2018" -> "2018-07-12"; None when not a date or
                           ambiguous ("12/07/2018")
    match_date_at(text, pos)  a date starting exactly at text[pos]: (ISO date, end offset)
    parse_reviewed_date(value)  strict, for a "Reviewed on" cell: None when empty, ValueError
                           when not a date or when day and month are ambiguous
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Optional

__all__ = ["MONTHS", "MONTH_NAMES", "WEEKDAYS", "MONTH_PATTERN", "parse_date",
           "match_date_at", "parse_reviewed_date"]

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS: dict[str, int] = {}
for _number, _name in enumerate(MONTH_NAMES, start=1):
    MONTHS[_name] = _number
    MONTHS[_name[:3]] = _number
MONTHS["sept"] = 9
# longest first, so that "September" is preferred to "Sep" and "Sept"
MONTH_PATTERN = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"

# ------------------------------------------------------------------------------ lenient
_WEEKDAY_RE = (
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?[^\S\n]+)?"
)
_TIME_RE = (
    r"(?:T\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
# Each pattern captures year (y), month (m or mon) and day (d).
_DATE_PATTERNS = [
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})" + _TIME_RE + r"(?![\w-])"),
    re.compile(r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?![\w/])"),
    re.compile(
        _WEEKDAY_RE + r"(?P<mon>" + MONTH_PATTERN + r")\.?[^\S\n]+(?P<d>\d{1,2})(?:st|nd|rd|th)?"
        r",?[^\S\n]+(?P<y>\d{4})(?!\w)",
        re.IGNORECASE,
    ),
    re.compile(
        _WEEKDAY_RE + r"(?P<d>\d{1,2})(?:st|nd|rd|th)?[^\S\n]+(?:of[^\S\n]+)?(?P<mon>"
        + MONTH_PATTERN + r")\.?,?[^\S\n]+(?P<y>\d{4})(?!\w)",
        re.IGNORECASE,
    ),
]


def _date_from_match(m: "re.Match[str]") -> Optional[str]:
    groups = m.groupdict()
    try:
        year = int(groups["y"])
        month = int(groups["m"]) if groups.get("m") else MONTHS[groups["mon"].lower()]
        day = int(groups["d"])
        return _dt.date(year, month, day).isoformat()
    except (ValueError, KeyError, TypeError):
        return None


def match_date_at(text: str, pos: int) -> Optional[tuple[str, int]]:
    """A date starting exactly at ``text[pos]``: (ISO date, end offset), or None."""
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text, pos)
        if m:
            iso = _date_from_match(m)
            if iso:
                return iso, m.end()
    return None


def parse_date(s: object) -> Optional[str]:
    """An ISO date (YYYY-MM-DD) for a date written in one of the common forms, else None.

    Accepts "2018-07-12" (optionally with a time, "2018-07-12T10:00:00Z" or
    "2018-07-12 10:00"), "2018/07/12", "July 12, 2018", "Jul. 12 2018", "12 July 2018",
    "Thursday, July 12, 2018". Ambiguous forms such as "12/07/2018" give None.
    """
    if s is None or isinstance(s, bool):
        return None
    if isinstance(s, _dt.datetime):
        return s.date().isoformat()
    if isinstance(s, _dt.date):
        return s.isoformat()
    if not isinstance(s, str):
        return None
    s = s.strip()
    if not s:
        return None
    for pattern in _DATE_PATTERNS:
        m = pattern.fullmatch(s)
        if m:
            return _date_from_match(m)
    # other ISO 8601 forms: "2018-07-12 10:00:00", "2018-07-12T10:00:00+00:00"
    if re.match(r"\d{4}-\d{2}-\d{2}[T ]\d", s):
        try:
            return _dt.datetime.fromisoformat(s.replace("Z", "+00:00")).date().isoformat()
        except ValueError:
            return None
    return None


# ------------------------------------------------------------------------------ strict
_ISO_REVIEWED = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}"
                           r"(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_NUMERIC_REVIEWED = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})")  # 5 March 2024
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})")  # March 5, 2024


def parse_reviewed_date(value: Any) -> Optional[str]:
    """A "Reviewed on" cell value as an ISO date; None when empty; ValueError when not a date.

    Strict where :func:`parse_date` is lenient: a reviewer's date must not be guessed.
    Accepts datetimes and dates, Excel serial numbers, "2024-03-05" (optionally with a
    time), "2024/03/05", "05/03/2024" when day and month can be told apart (one is over 12,
    or both are equal; otherwise ValueError "ambiguous day and month"), "5 March 2024" and
    "March 5, 2024". Text is stripped; a workbook reader unescapes OOXML before calling.
    """
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
    text = str(value).strip()
    if not text:
        return None
    m = _ISO_REVIEWED.fullmatch(text)
    if m:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    m = _NUMERIC_REVIEWED.fullmatch(text)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if a > 12 >= b:  # day first
            return _dt.date(y, b, a).isoformat()
        if b > 12 >= a:  # month first
            return _dt.date(y, a, b).isoformat()
        if a == b:
            return _dt.date(y, a, b).isoformat()
        raise ValueError("ambiguous day and month")
    m = _DAY_MONTH_YEAR.fullmatch(text)
    if m and m.group(2).casefold() in MONTHS:
        return _dt.date(int(m.group(3)), MONTHS[m.group(2).casefold()],
                        int(m.group(1))).isoformat()
    m = _MONTH_DAY_YEAR.fullmatch(text)
    if m and m.group(1).casefold() in MONTHS:
        return _dt.date(int(m.group(3)), MONTHS[m.group(1).casefold()],
                        int(m.group(2))).isoformat()
    raise ValueError("not a date")
