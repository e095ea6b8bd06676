"""When a statement was said (``said_on``), as an ISO date read from its sentence.

Dates (``said_on``), resolved against the report date:

* a weekday ("on Tuesday", "Thursday") is the most recent such weekday *on or before* the
  report date: the same weekday as the report date means the report date itself (news reports
  say "on Thursday" of the day they are dated), otherwise the day 1..6 days before;
* "today"/"this morning"/"tonight" is the report date, "yesterday" the day before;
* "July 12", "July 12, 2018", "12 July", "Dec. 1" are that day, in the report's year when no
  year is written (the previous year if that would put it more than a month after the report);
  with a year written they need no report date;
* vaguer phrases ("last week", "earlier this month", "recently") give no date;
* without a report date only fully written dates (with a year) resolve; otherwise None.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Optional, Sequence

from claims.dates import MONTH_PATTERN, MONTHS, WEEKDAYS
from claims.extraction.spans import Span

__all__ = ["find_said_on", "resolve_date"]

_MONTH_RE = MONTH_PATTERN + r"\.?"
_DATE = re.compile(
    r"\b(?P<md>" + _MONTH_RE + r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>\d{4}))?)"
    r"|\b(?P<dm>(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RE +
    r"(?:,?\s+(?P<y2>\d{4}))?)"
    r"|\b(?P<iso>(?P<y3>\d{4})-(?P<m3>\d\d)-(?P<d3>\d\d))\b"
    r"|\b(?P<wd>(?:last\s+|this\s+(?:past\s+)?|on\s+)?"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b"
    r"(?:\s+(?:morning|afternoon|evening|night))?"
    r"|\b(?P<rel>yesterday|today|tonight|this morning|this afternoon|this evening|"
    r"earlier today|last night)\b",
    re.I,
)
# cheap pre-test: every date phrase has a digit or one of these endings
_DATE_GATE_PLAIN = re.compile(r"\d|day\b|night|morning|afternoon|evening|Jan|Feb|Mar|Apr|"
                              r"May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_YEAR_GATE_PLAIN = re.compile(r"\d{4}")
# The gates above opening with a character class, so that the regex engine skips ahead to a
# possible first character instead of trying the pattern at every offset (r"\d{4}" opens
# with a repeat, and a branch whose first alternative is a class gets no such skip: each
# piece's scan cost ~28,000 instructions). Same matches (tests/test_fast_patterns.py).
_DATE_GATE = re.compile(
    r"[\dJFMASONDdnmae](?:(?<=\d)|(?<=d)ay\b|(?<=n)ight|(?<=m)orning|(?<=a)fternoon|"
    r"(?<=e)vening|(?<=J)an|(?<=F)eb|(?<=M)ar|(?<=A)pr|(?<=M)ay|(?<=J)un|(?<=J)ul|(?<=A)ug|"
    r"(?<=S)ep|(?<=O)ct|(?<=N)ov|(?<=D)ec)")
_YEAR_GATE = re.compile(r"\d\d{3}")


def _parse_iso(d: Optional[str]) -> Optional[_dt.date]:
    if not d:
        return None
    try:
        return _dt.date.fromisoformat(d[:10])
    except ValueError:
        return None


def _safe_date(y: int, m: int, d: int) -> Optional[_dt.date]:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def resolve_date(m: re.Match, report_date: Optional[_dt.date]) -> Optional[_dt.date]:
    """Resolve one match of the date pattern against the report date (see module doc)."""
    if m.group("md") or m.group("dm"):
        whole = m.group("md") or m.group("dm")
        mon_word = re.search(r"[A-Za-z]+", whole).group(0).lower()
        month = MONTHS.get(mon_word)
        day = int(m.group("d1") or m.group("d2"))
        year_s = m.group("y1") or m.group("y2")
        if month is None:
            return None
        if year_s:
            return _safe_date(int(year_s), month, day)
        if report_date is None:
            return None
        cand = _safe_date(report_date.year, month, day)
        if cand is None:
            return None
        if (cand - report_date).days > 31:
            cand = _safe_date(report_date.year - 1, month, day)
        return cand
    if m.group("iso"):
        return _safe_date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
    if report_date is None:
        return None
    if m.group("wd"):
        words = m.group("wd").lower().split()
        wd = WEEKDAYS.index(words[-1])
        back = (report_date.weekday() - wd) % 7
        if words[0] == "last" and back == 0:
            back = 7
        return report_date - _dt.timedelta(days=back)
    rel = m.group("rel").lower()
    if rel == "yesterday" or rel == "last night":
        return report_date - _dt.timedelta(days=1)
    return report_date


def find_said_on(text: str, pieces: Sequence[Span], anchor: int,
                 report_date: Optional[str]) -> Optional[str]:
    """ISO date of the date phrase nearest ``anchor`` in the pieces, when resolvable."""
    rd = _parse_iso(report_date)
    # without a report date only a date written with its year resolves (see resolve_date):
    # a piece without four digits in a row holds none
    gate = _DATE_GATE if rd is not None else _YEAR_GATE
    found = []
    for ps, pe in pieces:
        if not gate.search(text, ps, pe):
            continue
        for m in _DATE.finditer(text, ps, pe):
            found.append((m.start(), m.end(), m))
    if not found:
        return None
    # nearest first; a phrase that cannot be resolved does not hide a farther one that can
    found.sort(key=lambda t: 0 if t[0] <= anchor < t[1] else min(abs(t[0] - anchor),
                                                                 abs(t[1] - anchor)))
    for _, _, m in found:
        d = resolve_date(m, rd)
        if d is not None:
            return d.isoformat()
    return None


