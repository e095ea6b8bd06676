"""Venue, date and hedge of an attribution, read from its sentence.

All three are looked for in the attribution's *frame*: the text of its sentence(s) outside its
own content spans (so "on December 1" inside a quotation is not when it was said), and among
several matches the one nearest the cue wins. The hedge is also looked for inside the content
of unquoted claims ("the two countries are said to be in discussion").

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
from typing import Iterable, Optional, Sequence

__all__ = ["Context", "attribution_context", "find_venue", "find_said_on", "find_hedge",
           "resolve_date"]

Span = tuple[int, int]

_CAP = (
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December|That|The|This|It|He|"
    r"She|They|We|I)\b)[A-Z][\w.&'’\-]*"
)
_CAPSEQ = _CAP + r"(?:\s+(?:(?:of|for|and|on|the|de|del)\s+)?" + _CAP + r")*"
_AUDIENCE = (
    r"reporters|journalists|lawmakers|legislators|senators|congressmen|the press|the media|"
    r"a news conference|a press conference|a news briefing|a press briefing|a briefing|"
    r"an audience|the audience|a crowd|the crowd|supporters|a rally|the committee|a committee|"
    r"a panel|the panel|a hearing|the hearing|an interviewer|a radio station|a newspaper|"
    r"local media|state media|state television|local television|local radio|"
    r"students|delegates|members|investors|analysts|viewers|listeners|the nation|parliament|"
    r"the parliament|congress|the congress|the senate|the house|the court|a court|the jury|"
    r"a jury|the judge|a judge|the board|shareholders|employees|staff|troops|the (?:BBC|AP)"
)
_MEDIA_NOUN = (
    r"network|newspaper|news agency|agency|magazine|radio|radio station|television|"
    r"TV|channel|broadcaster|daily|weekly|newsletter|podcast|program|programme|show|website|"
    r"outlet|wire service"
)
_EVENT = (
    r"(?:phone |telephone |press |news |conference |video |media |radio |television |TV |"
    r"televised |joint |written |separate |brief |emailed |e-mailed |lengthy |exclusive |"
    r"closed-door |congressional |Senate |House |committee |campaign |weekly |daily |"
    r"regular |virtual |online |recent |later |earlier |subsequent |public |private |"
    r"[A-Z][\w.&'’\-]* ){0,3}"
    r"(?:hearing|briefing|conference|conference call|call|interview|statement|speech|"
    r"address|remarks|comments|rally|meeting|summit|debate|forum|town hall|testimony|tweet|"
    r"tweets|post|posting|op-ed|column|letter|email|e-mail|memo|news release|press release|"
    r"release|appearance|session|event|ceremony|broadcast|podcast|video|message|filing|"
    r"report|blog post|Facebook post|Instagram post|announcement|sermon|lecture|panel|"
    r"discussion|roundtable|news conference|press conference|visit)"
)
_TAIL = (
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"today|yesterday|last week|this week))?"
    r"(?:\s+(?:of|with|before|to|at|on|by|for|in|from)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:" + _CAPSEQ + r"(?:’s|'s)?(?:\s+(?:" + _MEDIA_NOUN + r"|program|show))?|"
    r"(?:" + _AUDIENCE + r")))?"
)
_SOCIAL = (
    r"Twitter|Facebook|Instagram|YouTube|TikTok|Truth Social|LinkedIn|Telegram|Weibo|"
    r"Threads|Bluesky|X|social media|television|national television|TV|radio|air"
)
_VENUE = re.compile(
    # told VOA / told the Televisa network / told U.S. lawmakers / told reporters
    r"\b(?:told|telling|tells)\s+(?:(?:the|a|an)\s+)?"
    r"(?:(?:" + _CAPSEQ + r")(?:’s|'s)?(?:\s+(?:" + _MEDIA_NOUN + r"|" + _AUDIENCE + r"))?"
    r"|(?:" + _AUDIENCE + r"))"
    r"(?:\s+(?:in|during|at|on)\s+(?:a|an|the|his|her|their|its)\s+" + _EVENT + _TAIL + r")?"
    # in a statement / during a hearing Wednesday of the House ... / in an interview with CNN
    r"|\b(?:[Ii]n|[Dd]uring|[Aa]t|[Tt]hrough|[Vv]ia|[Bb]efore|[Ii]n the course of)\s+"
    r"(?:a|an|the|his|her|their|its|one|another)\s+" + _EVENT + _TAIL +
    # on Twitter / on CNN's State of the Union / on Fox News Sunday
    r"|\b(?:(?:said|wrote|posted|commented|tweeted|announced|spoke|speaking|appearing|"
    r"writing|posting)\s+)?on\s+(?:" + _SOCIAL + r")\b"
    r"|\b(?:said|speaking|appearing|spoke)\s+on\s+(?:" + _CAPSEQ + r")(?:’s|'s)?"
    r"(?:\s+(?:" + _MEDIA_NOUN + r"|" + _CAPSEQ + r"))?"
    # speaking to reporters / in comments to reporters / wrote in the Washington Post
    r"|\b(?:speaking|talking)\s+(?:to|with|at|before)\s+(?:(?:the|a|an)\s+)?"
    r"(?:" + _AUDIENCE + r"|" + _CAPSEQ + r")"
    r"|\b(?:wrote|writes|writing)\s+in\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+)?" + _CAPSEQ +
    r"|\b(?:tweeted|posted on social media)"
)
# "told U.S. lawmakers": a capitalised word must be an outlet or a group, not the speaker
# of a "told X that" where X is a person; we accept both (the person told is a venue too).

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
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
_DATE_GATE = re.compile(r"\d|day\b|night|morning|afternoon|evening|Jan|Feb|Mar|Apr|May|Jun|"
                        r"Jul|Aug|Sep|Oct|Nov|Dec")
_HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|supposedly|apparently|reputedly|ostensibly|"
    r"(?:is|are|was|were|has been|have been|had been)\s+(?:said|believed|thought|reported|"
    r"rumou?red|understood|alleged|claimed|expected|suspected|estimated)\s+to(?:\s+(?:be|have))?|"
    r"(?:reports?|sources?|media reports?|press reports?)\s+(?:say|said|suggest(?:s|ed)?|"
    r"claim(?:s|ed)?|indicate(?:s|d)?)|"
    r"according to (?:(?:unnamed|anonymous|several|multiple|two|three|some|people|"
    r"news|media|press|local|unconfirmed)\s+)*(?:sources?|reports?|people familiar[\w ]*?|"
    r"accounts?)|"
    r"it is (?:understood|believed|thought|said|reported|alleged|rumou?red)|"
    r"rumou?rs? (?:has it|have it|say)|unconfirmed reports?)\b",
    re.I,
)


# cheap pre-test for _HEDGE (case-sensitive stems of every alternative)
_HEDGE_GATE = re.compile(
    r"eported|lleged|urported|uppos|pparent|eputed|stensib|said to|believed|thought|"
    r"understood|umou?r|expected|uspected|stimated|laimed|ources|eports|ccording"
)


class Context(tuple):
    """(venue, said_on, hedge) of one attribution; a plain named tuple kept cheap."""

    __slots__ = ()

    def __new__(cls, venue: Optional[str], said_on: Optional[str], hedge: Optional[str]):
        return tuple.__new__(cls, (venue, said_on, hedge))

    venue = property(lambda self: self[0])
    said_on = property(lambda self: self[1])
    hedge = property(lambda self: self[2])


def _frame_pieces(start: int, end: int, content: Sequence[Span]) -> list[Span]:
    """The parts of [start, end) outside the content spans."""
    out: list[Span] = []
    cur = start
    for cs, ce in sorted(content):
        if ce <= cur or cs >= end:
            continue
        if cs > cur:
            out.append((cur, cs))
        cur = max(cur, ce)
    if cur < end:
        out.append((cur, end))
    return out


def _nearest(matches: Iterable[tuple[int, int, object]], anchor: int):
    best = None
    bestd = None
    for s, e, val in matches:
        d = 0 if s <= anchor < e else min(abs(s - anchor), abs(e - anchor))
        if bestd is None or d < bestd:
            best, bestd = val, d
    return best


def find_venue(text: str, pieces: Sequence[Span], anchor: int) -> Optional[str]:
    """The venue phrase as written (e.g. "told VOA", "in a statement") nearest ``anchor``."""
    found = []
    for ps, pe in pieces:
        for m in _VENUE.finditer(text, ps, pe):
            v = m.group(0).rstrip(" ,;:.")
            if v:
                found.append((m.start(), m.end(), v))
    return _nearest(found, anchor)


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
        month = _MONTHS.get(mon_word)
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
        wd = _WEEKDAYS.index(words[-1])
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
    found = []
    for ps, pe in pieces:
        if not _DATE_GATE.search(text, ps, pe):
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


def find_hedge(text: str, pieces: Sequence[Span]) -> Optional[str]:
    """The first hedge phrase in the pieces, as written ("reportedly", "are said to be")."""
    for ps, pe in pieces:
        if not _HEDGE_GATE.search(text, ps, pe):
            continue
        m = _HEDGE.search(text, ps, pe)
        if m:
            return m.group(0)
    return None


def attribution_context(
    text: str,
    sent_start: int,
    sent_end: int,
    content_spans: Sequence[Span],
    anchor: Optional[int],
    report_date: Optional[str],
    hedge_in_content: bool = False,
) -> Context:
    """Venue, said_on and hedge for one attribution.

    ``sent_start``/``sent_end`` bound its sentence(s); ``content_spans`` are masked out (what
    was said is not where or when it was said); ``anchor`` is the cue offset (nearest match
    wins; defaults to the start of the frame). With ``hedge_in_content`` the hedge is also
    looked for inside the content (used for unquoted claims and indirect speech).
    """
    pieces = _frame_pieces(sent_start, sent_end, content_spans)
    if anchor is None:
        anchor = pieces[0][0] if pieces else sent_start
    venue = find_venue(text, pieces, anchor)
    said_on = find_said_on(text, pieces, anchor, report_date)
    hedge = find_hedge(text, pieces)
    if hedge is None and hedge_in_content:
        hedge = find_hedge(text, [(s, e) for s, e in content_spans])
    return Context(venue, said_on, hedge)
