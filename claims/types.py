"""The records that flow between the stages of the pipeline.

    reports.py        files -> Report
    extraction/       Report -> list[Statement]; statements_frame() -> the statements DataFrame
    grouping/         statements DataFrame -> ClaimGroups (whole corpus) or BatchGrouping (a batch)
    store/            everything above -> database; verdicts history; ReviewData for the workbook
    workbook/       ReviewData -> review .xlsx; reviewed .xlsx -> ReviewedWorkbook

The statements DataFrame (one row per statement, columns ``STATEMENT_COLUMNS``) is built only
by ``statements_frame`` below, whatever the statements come as: Statement objects, the plain
tuples extraction workers send back (``statement_tuples``), or stored rows.

Offsets are always Python string indices into ``Report.text``: the report's text exactly as
decoded from its file (BOM removed, CRLF/CR turned into LF as Python's text mode does),
metadata line included.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Iterable, Optional, Sequence

if TYPE_CHECKING:  # pandas is imported lazily: `claims --help` must not pay for it
    import pandas as pd

# A project's verdict list when it sets none (`claims run --verdicts` sets its own); matching
# is case-insensitive, this spelling is what is stored and shown.
DEFAULT_VERDICTS = ("Verified", "False", "Misleading", "Needs context", "Unverifiable")

# Export formats, defined here (no pandas) so the API and the CLI can name them without
# loading the exporters: the table formats of claims.exports.export_claims, then ClaimReview;
# and the format each output file suffix names.
TABLE_FORMATS = ("csv", "jsonl", "xlsx")
EXPORT_FORMATS = TABLE_FORMATS + ("claimreview",)
EXPORT_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".xlsx": "xlsx", ".json": "claimreview"}

# How many claims a review workbook holds unless told otherwise (`--top N`, `--all`; the
# library's ``top=``): a desk reviews hundreds of claims a day, not 200,000, and a workbook of
# every claim of an archive is tens of megabytes no one opens. Which claims come first:
# REVIEW_ORDER (claims.store.review.review_priority). Here, without pandas, for --help.
REVIEW_ROWS_DEFAULT = 5000
REVIEW_ORDER = "new and unreviewed first, then by check-worthiness"

# The kinds of statement, in the order a reviewer meets them.
STATEMENT_KINDS = ("direct", "indirect", "mixed", "claim")
SPEAKER_TYPES = ("person", "organization", "anonymous", "report")


@dataclass
class Report:
    """One news report, as read from a file or a table row."""

    id: str  # stable: the file stem; for table rows their id column or a hash of the text
    text: str  # exactly as decoded; every offset in the project indexes this string
    source: str  # where it came from: a path, or "path#row=N" for table rows
    title: Optional[str] = None  # the headline, when the report has one
    date: Optional[str] = None  # ISO date (YYYY-MM-DD) from a metadata line or a date column
    url: Optional[str] = None
    body_start: int = 0  # offset where the article body begins (after a metadata line)
    title_span: Optional[tuple[int, int]] = None  # offsets of the headline inside text, if any
    encoding: str = "utf-8"
    content_hash: str = ""  # sha256 of text; filled by the reader
    warnings: list[str] = field(default_factory=list)


@dataclass
class Statement:
    """One attributed statement (or, with kind == "claim", one of the report's own claims)."""

    id: str  # stable across runs for the same input: derived from report id, kind and offsets
    report: str  # Report.id
    kind: str  # one of STATEMENT_KINDS
    text: str  # report_text[content_start:content_end]; pieces joined by a space if interrupted
    content_start: int
    content_end: int
    content_spans: Optional[list[list[int]]]  # [[start, end], ...] when interrupted, else None
    speaker: Optional[str]  # the speaker as written at this statement ("he", "Merten")
    speaker_start: Optional[int]
    speaker_end: Optional[int]
    speaker_name: Optional[str]  # resolved within the report ("Kenneth Merten")
    speaker_type: str  # one of SPEAKER_TYPES
    speaker_role: Optional[str]  # "State Department spokeswoman"
    cue: Optional[str]  # "said", "told", "according to", ":"
    cue_start: Optional[int]
    cue_end: Optional[int]
    venue: Optional[str]  # "told VOA", "in a statement", "during a hearing ... of the House ..."
    said_on: Optional[str]  # ISO date, when the text says when and it can be resolved
    hedge: Optional[str]  # "reportedly", "are said to be"
    checkworthiness: float  # 0..1
    check_reasons: list[str]  # why: "number", "money", "percentage", "date", "comparison", ...
    sentence: str  # the surrounding sentence (or sentences, for a quote running over several)
    paragraph: int  # 1-based paragraph number within the report
    report_date: Optional[str] = None  # Report.date, carried for convenience
    # 0..1 for attributed statements: how likely the content is an attribution AND the speaker
    # right (calibrated on dev: of statements above 0.8, at least 9 in 10 are right); a low
    # value or speaker_name None means "check who said it". None for the report's own claims.
    attribution_confidence: Optional[float] = None

    def to_dict(self) -> dict:
        return asdict(self)


# Column order of a statements DataFrame (claims.extract(...)).
STATEMENT_COLUMNS = [f for f in Statement.__dataclass_fields__]  # noqa: C416

# Offsets that are always there: int64 columns. The others (speaker_start, cue_end, ...) may be
# missing and stay Python ints / None (object), never floats with NaN.
_INT_COLUMNS = ("paragraph", "content_start", "content_end")


def _plain(v):
    """Lists (content_spans, check_reasons) as plain lists of plain lists, copied."""
    if isinstance(v, (list, tuple)):
        return [list(x) if isinstance(x, (list, tuple)) else x for x in v]
    return v


def statement_tuples(statements: Iterable[Statement]) -> list[tuple]:
    """Each statement as a plain tuple in ``STATEMENT_COLUMNS`` order: several times cheaper to
    pickle back from a worker process than Statement objects (``dataclasses.asdict`` alone costs
    ~0.1 ms per statement); ``statements_frame`` takes them."""
    cols = tuple(STATEMENT_COLUMNS)
    return [tuple(_plain(getattr(s, c)) for c in cols) for s in statements]


def statements_frame(statements: Iterable = (), *, extra_columns: Sequence[str] = ()) -> "pd.DataFrame":
    """The statements DataFrame: columns ``STATEMENT_COLUMNS`` (then ``extra_columns``), one row
    per statement, from Statement objects, dicts (column -> value) or tuples in column order.

    Text, list and optional-offset columns are object columns holding Python values (lists stay
    lists, missing values None); ``checkworthiness`` is float64; ``paragraph``,
    ``content_start`` and ``content_end`` are int64 when every value is an int."""
    import pandas as pd  # lazily: `claims --help` must not pay for it

    cols = list(STATEMENT_COLUMNS) + list(extra_columns)
    items = list(statements)
    if not items:
        data: dict[str, list] = {c: [] for c in cols}
    elif isinstance(items[0], Statement):
        data = {c: [_plain(getattr(s, c)) for s in items] for c in cols}
    elif isinstance(items[0], dict):
        data = {c: [r.get(c) for r in items] for c in cols}
    else:
        data = {c: list(v) for c, v in zip(cols, zip(*items))}
    frame = pd.DataFrame({c: pd.Series(data[c], dtype=object) for c in cols})
    frame["checkworthiness"] = pd.to_numeric(frame["checkworthiness"], errors="coerce").astype("float64")
    for c in _INT_COLUMNS:
        if all(isinstance(v, int) for v in data[c]):
            frame[c] = frame[c].astype("int64")
    return frame


@dataclass
class ReviewData:
    """What a review workbook shows: built by the store's review query (claims/store/review.py),
    written by claims.workbook."""

    claims: "pd.DataFrame"
    occurrences: "pd.DataFrame"
    reports: "pd.DataFrame"
    speakers: "pd.DataFrame"
    database_id: str
    database_label: str
    export_id: str
    created_at: str
    verdict_values: list[str] = field(default_factory=lambda: list(DEFAULT_VERDICTS))
    # When the workbook shows fewer claims than its filters select (the row cap): one line
    # saying so and how to see more, stated on the About sheet. None: every selected claim.
    selection_note: Optional[str] = None


@dataclass
class ReviewedRow:
    """One row of a reviewed workbook, as read back by claims.workbook."""

    claim_id: str
    verdict: Optional[str]
    evidence: Optional[str]
    reviewer: Optional[str]
    reviewed_on: Optional[str]  # ISO date
    notes: Optional[str]
    base_revision: int
    sheet: str
    row: int  # spreadsheet row number, 1-based as Excel shows it


@dataclass
class ReviewedWorkbook:
    """A reviewed workbook read back: its identity (database, export) and its rows."""

    path: str
    database_id: str
    export_id: str
    created_at: str
    verdict_values: list[str]
    rows: list[ReviewedRow]
