"""The database: reports, statements, claims, speakers, verdicts and their history.

SQLAlchemy Core, no ORM. ``Store("reports/claims.db")`` opens (or creates) a SQLite file;
any SQLAlchemy URL works too (``postgresql+psycopg://user@host/db``)::

    with Store("reports/claims.db") as store:
        with store.transaction():            # one command = one transaction
            run = store.start_run({"cmd": "add"})
            store.add_reports(reports, statements, run_id=run)
            store.regroup(run_id=run)
            store.finish_run(run, {...})

Decisions worth knowing:

* Every public method runs inside ``store.transaction()``: called inside one it joins it,
  called outside it opens its own. A failure rolls everything back; a SQLite file is then
  byte-for-byte unchanged (rollback journal, not WAL; the transaction starts with an
  explicit BEGIN so that nothing is written before the commit).
* Reports are identified by the sha256 of their text. A report whose text is already stored
  is skipped, whatever its id. A report whose *id* is stored with *different* text is stored
  as a new report ``"{id}~{hash8}"`` (its statement ids renamed the same way) with a warning:
  the stored version, its statements, claims and verdicts are never replaced or lost.
* Claim ids never change once given. Grouping is incremental: ``add_batch`` stores a batch and
  groups its statements in the same transaction, against a compact index of the stored claims
  (``claims.dedupe.ClaimIndex``: per claim its id and *center* text, built from the claims
  table, so a resumed run starts from the state an uninterrupted one has); ``regroup`` does the
  same for statements left without a claim. No statement stored earlier is read again: counts,
  first report and checkworthiness of the touched claims are updated from the batch. A claim
  is matched on its center text (``center_text``, fixed when the claim is made); its displayed
  ``text``/``representative_id`` is its fullest occurrence (longest normalised text, the
  earlier one on ties), updated when a fuller occurrence joins. Results are deterministic for
  a given input and batch size (whatever the number of workers).
* Verdicts follow the claim: when new statements join a claim with a verdict, the verdict is
  marked ``carried_over`` and a history event names the new report(s); the reviewer confirms it
  by importing the workbook row unchanged (event "confirmed") or changes it ("recorded").
* Verdict revisions: every recorded change bumps ``verdicts.revision``; a workbook row carries
  the revision it was exported with. A row whose base revision no longer matches the database
  is a *conflict*: the current verdict stays and the row's values go into the history.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import gc
import hashlib
import importlib
import json
import math
import os
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Sequence

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import bindparam, event

from claims.errors import ImportRefused, StoreError
from claims.types import DEFAULT_VERDICTS, STATEMENT_COLUMNS, Report, ReviewData

SCHEMA_VERSION = 2
DEFAULT_PATH = "reports/claims.db"

HISTORY_EVENTS = ("recorded", "conflict", "confirmed", "carried_over")
VERDICT_FIELDS = ("verdict", "evidence", "reviewer", "reviewed_on", "notes")

_CHUNK = 5000  # rows per executemany batch
# The review workbook lists at most this many occurrences per claim (the first by report): a
# claim repeated in thousands of reports keeps its counts (occurrences, reports, first report)
# on the Review sheet, and the workbook's size and memory stay bounded by the number of claims.
REVIEW_OCCURRENCES_PER_CLAIM = 10
_IN_CHUNK = 500  # ids per IN (...) list

# --------------------------------------------------------------------------------------------
# Schema
# --------------------------------------------------------------------------------------------

_STATEMENT_INT = {
    "content_start",
    "content_end",
    "speaker_start",
    "speaker_end",
    "cue_start",
    "cue_end",
    "paragraph",
}
_STATEMENT_FLOAT = {"checkworthiness"}
_STATEMENT_JSON = {"content_spans", "check_reasons"}
_STATEMENT_LIST = {"check_reasons"}  # JSON columns that are lists (never None) when read back

metadata = sa.MetaData()


def _statement_column(name: str) -> sa.Column:
    if name == "id":
        return sa.Column("id", sa.Text, primary_key=True)
    if name in _STATEMENT_INT:
        return sa.Column(name, sa.Integer)
    if name in _STATEMENT_FLOAT:
        return sa.Column(name, sa.Float)
    return sa.Column(name, sa.Text)  # text and JSON text


meta_t = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("value", sa.Text),
)

reports_t = sa.Table(
    "reports",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("source", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("date", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("content_hash", sa.Text, nullable=False),
    sa.Column("n_statements", sa.Integer, nullable=False, default=0),
    sa.Column("added_at", sa.Text),
    sa.Column("run_id", sa.Integer),
    sa.Index("ix_reports_content_hash", "content_hash"),
)

statements_t = sa.Table(
    "statements",
    metadata,
    *[_statement_column(c) for c in STATEMENT_COLUMNS],
    sa.Column("claim_id", sa.Text),
    sa.Column("speaker_id", sa.Text),
    sa.Column("added_at", sa.Text),
    sa.Column("run_id", sa.Integer),
    sa.Index("ix_statements_report", "report"),
    sa.Index("ix_statements_claim_id", "claim_id"),
    sa.Index("ix_statements_speaker_id", "speaker_id"),
    sa.Index("ix_statements_run_id", "run_id"),
)

claims_t = sa.Table(
    "claims",
    metadata,
    sa.Column("claim_id", sa.Text, primary_key=True),
    sa.Column("text", sa.Text),
    sa.Column("representative_id", sa.Text),  # the fullest occurrence; its text is the claim's text
    sa.Column("center_text", sa.Text),  # the text new statements are matched against (never changes)
    sa.Column("kind", sa.Text),
    sa.Column("first_report", sa.Text),
    sa.Column("first_date", sa.Text),
    sa.Column("n_occurrences", sa.Integer, nullable=False, default=0),
    sa.Column("n_reports", sa.Integer, nullable=False, default=0),
    sa.Column("checkworthiness", sa.Float),
    sa.Column("created_at", sa.Text),
    sa.Column("run_id", sa.Integer),
)

speakers_t = sa.Table(
    "speakers",
    metadata,
    sa.Column("speaker_id", sa.Text, primary_key=True),
    sa.Column("name", sa.Text),
    sa.Column("type", sa.Text),
    sa.Column("aliases", sa.Text),  # JSON list
    sa.Column("roles", sa.Text),  # JSON list
)

similar_t = sa.Table(
    "similar_claims",
    metadata,
    sa.Column("claim_id", sa.Text, primary_key=True),
    sa.Column("similar_claim_id", sa.Text, primary_key=True),
    sa.Column("score", sa.Float),
)

verdicts_t = sa.Table(
    "verdicts",
    metadata,
    sa.Column("claim_id", sa.Text, primary_key=True),
    sa.Column("verdict", sa.Text),
    sa.Column("evidence", sa.Text),
    sa.Column("reviewer", sa.Text),
    sa.Column("reviewed_on", sa.Text),
    sa.Column("notes", sa.Text),
    sa.Column("revision", sa.Integer, nullable=False, default=0),
    sa.Column("updated_at", sa.Text),
    sa.Column("source_workbook", sa.Text),
    sa.Column("export_id", sa.Text),
    sa.Column("carried_over", sa.Boolean, nullable=False, default=False),
)

history_t = sa.Table(
    "verdict_history",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("claim_id", sa.Text, nullable=False),
    sa.Column("event", sa.Text, nullable=False),  # one of HISTORY_EVENTS
    sa.Column("old_verdict", sa.Text),
    sa.Column("old_evidence", sa.Text),
    sa.Column("old_reviewer", sa.Text),
    sa.Column("old_reviewed_on", sa.Text),
    sa.Column("old_notes", sa.Text),
    sa.Column("new_verdict", sa.Text),
    sa.Column("new_evidence", sa.Text),
    sa.Column("new_reviewer", sa.Text),
    sa.Column("new_reviewed_on", sa.Text),
    sa.Column("new_notes", sa.Text),
    sa.Column("base_revision", sa.Integer),  # the revision the workbook row was made from
    sa.Column("revision", sa.Integer),  # the database revision after the event
    sa.Column("recorded_at", sa.Text),
    sa.Column("workbook", sa.Text),
    sa.Column("export_id", sa.Text),
    sa.Column("sheet", sa.Text),
    sa.Column("sheet_row", sa.Integer),
    sa.Column("report", sa.Text),  # carried_over: the new report(s), "; "-joined
    sa.Column("run_id", sa.Integer),
    sa.Column("message", sa.Text),
    sa.Index("ix_verdict_history_claim_id", "claim_id"),
)

exports_t = sa.Table(
    "exports",
    metadata,
    sa.Column("export_id", sa.Text, primary_key=True),
    sa.Column("created_at", sa.Text),
    sa.Column("path", sa.Text),
    sa.Column("filters", sa.Text),  # JSON
    sa.Column("n_claims", sa.Integer),
)

runs_t = sa.Table(
    "runs",
    metadata,
    sa.Column("run_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("started_at", sa.Text),
    sa.Column("finished_at", sa.Text),
    sa.Column("n_reports", sa.Integer),
    sa.Column("n_statements", sa.Integer),
    sa.Column("n_new_claims", sa.Integer),
    sa.Column("args", sa.Text),  # JSON
)


def _migrate_v1(conn: sa.Connection) -> None:
    metadata.create_all(conn, checkfirst=True)


def _migrate_v2(conn: sa.Connection) -> None:
    """claims.center_text: the text a claim is matched against (until now its text)."""
    insp = sa.inspect(conn)
    if not insp.has_table("claims"):
        metadata.create_all(conn, checkfirst=True)
        return
    if "center_text" not in {c["name"] for c in insp.get_columns("claims")}:
        conn.exec_driver_sql("ALTER TABLE claims ADD COLUMN center_text TEXT")
    conn.execute(claims_t.update().where(claims_t.c.center_text.is_(None)).values(center_text=claims_t.c.text))


# version -> callable(conn) bringing a database from version-1 to version.
MIGRATIONS = {1: _migrate_v1, 2: _migrate_v2}
assert max(MIGRATIONS) == SCHEMA_VERSION

# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


@dataclass
class AddResult:
    added: int = 0  # reports stored now
    skipped: int = 0  # reports whose text was already stored
    renamed: int = 0  # reports stored under "{id}~{hash8}" (id stored with other text)
    statements: int = 0  # statements stored now
    added_ids: list[str] = field(default_factory=list)
    skipped_ids: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _rows: list[dict] = field(default_factory=list, repr=False)  # the statement rows inserted
    _objs: dict = field(default_factory=dict, repr=False)  # statement id -> its JSON columns as given


@dataclass
class GroupResult:
    claims: int = 0  # claims in the database after regrouping
    new_claims: int = 0
    assigned: int = 0  # statements given a claim id now
    speakers: int = 0  # speakers in the database after regrouping
    carried_over: int = 0  # verdicts marked carried over now


@dataclass
class ImportResult:
    recorded: int = 0
    unchanged: int = 0
    confirmed: int = 0  # carried-over verdicts confirmed (also counted as unchanged)
    conflicts: int = 0
    refused: int = 0  # always 0 on success: a refused import raises ImportRefused
    messages: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def _is_missing(v: Any) -> bool:
    t = type(v)
    if t is str or t is int or t is bool or t is list or t is dict or t is tuple:
        return False
    if v is None:
        return True
    if t is float:
        return v != v
    if isinstance(v, float) and math.isnan(v):
        return True
    try:
        return v is pd.NA or v is pd.NaT or (not isinstance(v, (list, tuple, dict, str)) and bool(pd.isna(v)))
    except (TypeError, ValueError):
        return False


def _py(v: Any) -> Any:
    """A value fit for any DB-API driver: numpy scalars -> Python, NaN/NA -> None."""
    t = type(v)
    if t is str or t is int or t is bool or v is None:
        return v
    if t is float:
        return None if v != v else v
    if _is_missing(v):
        return None
    if hasattr(v, "item") and not isinstance(v, (list, tuple, dict, str, bytes)):
        try:
            return v.item()
        except (ValueError, AttributeError):
            pass
    return v


def _to_list(v: Any) -> Any:
    if _is_missing(v):
        return None
    if hasattr(v, "tolist"):
        v = v.tolist()
    if isinstance(v, tuple):
        v = list(v)
    if isinstance(v, list):
        return [_to_list(x) if isinstance(x, (list, tuple)) or hasattr(x, "tolist") else _py(x) for x in v]
    return v


def _plain_json(v: Any) -> bool:
    """Whether *v* is a list of str/int (or of lists/tuples of them): what _to_list leaves as is."""
    for x in v:
        t = type(x)
        if t is str or t is int:
            continue
        if t is list or t is tuple:
            for y in x:
                ty = type(y)
                if not (ty is str or ty is int):
                    return False
            continue
        return False
    return True


def _dumps(v: Any) -> Optional[str]:
    if type(v) is list and _plain_json(v):  # the common case, without the per-item conversions
        return json.dumps(v, ensure_ascii=False)
    v = _to_list(v)
    if v is None:
        return None
    if isinstance(v, str):  # already JSON text (or a plain string): keep as a JSON value
        try:
            json.loads(v)
            return v
        except ValueError:
            return json.dumps(v, ensure_ascii=False)
    return json.dumps(v, ensure_ascii=False)


def _loads(v: Any, default: Any = None) -> Any:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return default
    try:
        return json.loads(v)
    except (TypeError, ValueError):
        return default


def _text(v: Any) -> Optional[str]:
    """Normalise a workbook cell: None/NaN/blank -> None, dates -> ISO, others stripped str."""
    if _is_missing(v):
        return None
    if isinstance(v, _dt.datetime):
        if v.time() == _dt.time(0, 0):
            return v.date().isoformat()
        return v.isoformat(timespec="seconds")
    if isinstance(v, _dt.date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    s = str(v).strip()
    return s or None


def _chunks(seq: Sequence, n: int) -> Iterator[Sequence]:
    for i in range(0, len(seq), n):
        yield seq[i : i + n]


def _frame(rows: list[dict], columns: Sequence[str], *, ints=(), floats=(), bools=()) -> pd.DataFrame:
    """A DataFrame whose text columns are object dtype with None for missing values."""
    df = pd.DataFrame(rows, columns=list(columns), dtype=object)
    if df.empty:
        df = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    for c in ints:
        vals = df[c].tolist()
        if not all(type(x) is int for x in vals):
            vals = [None if _is_missing(x) else int(x) for x in vals]
        df[c] = pd.array(vals, dtype="int64" if None not in vals else "Int64")
    for c in floats:
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    for c in bools:
        df[c] = df[c].map(lambda x: bool(x) if not _is_missing(x) else False).astype(bool)
    return df


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _sort_key_date(date: Optional[str]) -> tuple:
    return (date is None, date or "")


def _is_url(s: str) -> bool:
    return "://" in s


def _statement_frame(rows: list[dict], objs: Optional[dict] = None) -> pd.DataFrame:
    """Statement rows as stored (JSON as text) -> the DataFrame the grouping functions take.
    ``objs``: statement id -> {JSON column: the value it was dumped from}, used instead of
    parsing the JSON text back (AddResult._objs holds them only where that gives the same)."""
    objs = objs or {}
    for row in rows:
        known = objs.get(row.get("id"))
        for c in _STATEMENT_JSON:
            if known is not None and c in known:
                row[c] = known[c]
                continue
            v = row.get(c)
            row[c] = _loads(v, [] if c in _STATEMENT_LIST else None) if isinstance(v, str) or v is None else v
    columns = list(STATEMENT_COLUMNS) + ["claim_id", "speaker_id", "added_at", "run_id"]
    return _frame(rows, columns, ints=["content_start", "content_end", "paragraph"], floats=["checkworthiness"])


class _PlainClaimIndex:
    """Stand-in for claims.dedupe.ClaimIndex when the grouping module has none: every stored
    claim's center text is ``previous`` (still one row per claim, never per statement)."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.texts: list[str] = []
        self.number: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, claim_ids, center_texts) -> None:
        for cid, text in zip(claim_ids, center_texts):
            if cid not in self.number:
                self.number[cid] = len(self.ids)
                self.ids.append(cid)
                self.texts.append(text)

    def match(self, statements: pd.DataFrame, *, group, **kwargs):
        previous = None
        if self.ids:
            previous = pd.DataFrame({"statement_id": ["\x00claim:" + c for c in self.ids], "claim_id": list(self.ids),
                                     "text": list(self.texts)})
        groups = group(statements, previous=previous, **kwargs) if len(statements) else None
        return _Match(exact={}, groups=groups, taken=self.number, previous_ids=self.number)


@dataclass
class _Match:
    exact: dict
    groups: Any
    taken: Any
    previous_ids: Any


class _SpeakerIndex:
    """The stored speakers (id, name, aliases, type), bounded by the number of speakers, with a
    surname index: group_speakers only needs the previous speakers sharing a last name word
    (persons match on the surname, organisations on their whole name) with the new ones."""

    def __init__(self) -> None:
        self.rows: dict[str, tuple] = {}
        self.by_token: dict[str, set] = {}

    @staticmethod
    def _keys(name: Any) -> list[str]:
        from claims.normalize import name_key  # noqa: PLC0415

        toks = [t for t in name_key(str(name)) if t != "the"] if name else []
        return toks[-2:]

    def add(self, rows: Iterable[tuple]) -> None:
        for sid, name, aliases, typ in rows:
            aliases = _loads(aliases, []) if isinstance(aliases, str) or aliases is None else list(aliases)
            self.rows[sid] = (name, aliases, typ)
            for form in [name, *aliases]:
                for t in self._keys(form):
                    self.by_token.setdefault(t, set()).add(sid)

    def relevant(self, statements: pd.DataFrame) -> pd.DataFrame:
        wanted: set = set()
        if self.rows and "speaker_name" in statements.columns:
            for name in set(x for x in statements["speaker_name"].tolist() if isinstance(x, str) and x.strip()):
                for t in self._keys(name):
                    wanted.update(self.by_token.get(t, ()))
        rows = self.rows  # aliases lists are shared, not copied: group_speakers only reads them
        recs = [{"speaker_id": sid, "name": rows[sid][0], "aliases": rows[sid][1], "type": rows[sid][2]}
                for sid in sorted(wanted)]
        return _frame(recs, ["speaker_id", "name", "aliases", "type"])


_SPEAKER_FIELDS = ("report", "kind", "speaker_name", "speaker_type", "speaker_role", "speaker")


def _group_speakers_compact(group_speakers, new: pd.DataFrame, speakers: "_SpeakerIndex"):
    """group_speakers over one statement per distinct (report, kind, speaker fields): what it
    decides for a statement depends on nothing else, so the repeats (a speaker quoted ten times
    in a report) are given the answer of their first occurrence. Statements that get no speaker
    (the report's own claims, no speaker name) are left out."""
    cols = [c for c in _SPEAKER_FIELDS if c in new.columns]
    vals = {c: new[c].astype(object).where(new[c].notna(), None).tolist() for c in cols}
    sids = [str(x) for x in new["id"].tolist()]
    first: dict[tuple, int] = {}
    rep_of: list[int] = []
    keep: list[int] = []
    for i in range(len(sids)):
        name = vals["speaker_name"][i] if "speaker_name" in vals else None
        if not name or (("kind" in vals) and vals["kind"][i] == "claim") or (vals.get("speaker_type", [None] * len(sids))[i] == "report"):
            rep_of.append(-1)
            continue
        key = tuple(vals[c][i] for c in cols)
        j = first.get(key)
        if j is None:
            j = first[key] = i
            keep.append(i)
        rep_of.append(j)
    part = new.iloc[keep]
    prev = speakers.relevant(part)
    groups = group_speakers(part, previous=prev if len(prev) else None)
    got = {}
    for sid, spk in _pairs(getattr(groups, "assignments", None), "statement_id", "speaker_id"):
        got[str(sid)] = _py(spk)
    assignments = pd.DataFrame({"statement_id": pd.Series(sids, dtype=object),
                                "speaker_id": pd.Series([got.get(sids[j]) if j >= 0 else None for j in rep_of], dtype=object)})
    return _SimpleGroups(assignments=assignments, speakers=getattr(groups, "speakers", None))


@dataclass
class _SimpleGroups:
    assignments: Any
    speakers: Any


@dataclass
class GroupingState:
    """Store.grouping_state(): the claim index and the speakers, kept up to date by add_batch."""

    claims: Any
    speakers: _SpeakerIndex

    def apply(self, pending: dict) -> None:
        new = pending.get("claims") or []
        if new:
            self.claims.add([c for c, _ in new], [t for _, t in new])
        self.speakers.add(pending.get("speakers") or [])


# --------------------------------------------------------------------------------------------
# The store
# --------------------------------------------------------------------------------------------


class Store:
    """One claims database. ``Store(path_or_url)``; use as a context manager or call close().

    A plain path (``reports/claims.db``, ``x.sqlite``) is a SQLite file, its folder created;
    ``":memory:"`` an in-memory SQLite; anything with ``://`` a SQLAlchemy URL. One Store per
    thread (the open transaction is kept on the object)."""

    def __init__(self, url_or_path: str | os.PathLike = DEFAULT_PATH, *, echo: bool = False):
        raw = os.fspath(url_or_path)
        if raw == ":memory:":
            raw = "sqlite://"
        if _is_url(raw):
            try:
                url = sa.engine.make_url(raw)
            except sa.exc.ArgumentError as e:
                raise StoreError(f"{raw}: not a database URL ({e})") from None
        else:
            url = sa.engine.URL.create("sqlite", database=str(Path(raw).expanduser().resolve()))
        self.url = url
        self.is_sqlite = url.get_backend_name() == "sqlite"
        if self.is_sqlite and url.database and url.database != ":memory:" and not url.database.startswith("file:"):
            self.path: Optional[Path] = Path(url.database)
            self.label = str(raw if not _is_url(raw) else url.database)
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise StoreError(f"{self.path.parent}: cannot create the database folder ({e.strerror or e})") from None
        else:
            self.path = None
            self.label = url.render_as_string(hide_password=True)
        kwargs: dict[str, Any] = {"echo": echo, "future": True}
        if self.is_sqlite:
            kwargs["connect_args"] = {"timeout": 30}
            if self.path is None:  # in memory: one shared connection, or each sees its own db
                kwargs["poolclass"] = sa.pool.StaticPool
                kwargs["connect_args"]["check_same_thread"] = False
        try:
            self.engine = sa.create_engine(url, **kwargs)
        except Exception as e:  # missing driver, bad URL parts
            raise StoreError(f"{self.label}: cannot use this database ({_one_line(e)})") from None
        if self.is_sqlite:
            _sqlite_transactions(self.engine)
        self._conn: Optional[sa.Connection] = None
        self.current_run: Optional[int] = None  # set by start_run; the default run_id
        self.database_id: str = ""
        self.created_at: Optional[str] = None
        self.schema_version: int = 0
        self._open()

    # -- lifecycle ---------------------------------------------------------------------------

    def _open(self) -> None:
        try:
            with self.transaction() as conn:
                insp = sa.inspect(conn)
                has_meta = insp.has_table("meta")
                version = None
                if has_meta:
                    rows = dict(conn.execute(sa.select(meta_t.c.key, meta_t.c.value)).all())
                    version = int(rows["schema_version"]) if rows.get("schema_version") else None
                    if version is not None and version > SCHEMA_VERSION:
                        raise StoreError(
                            f"{self.label}: database schema version {version} is newer than this "
                            f"claims supports ({SCHEMA_VERSION}); upgrade claims"
                        )
                start = version or 0
                for v in sorted(MIGRATIONS):
                    if v > start:
                        MIGRATIONS[v](conn)
                # Tables missing from an otherwise current database are created (no-op if none).
                existing = set(insp.get_table_names())
                if any(t not in existing for t in metadata.tables):
                    metadata.create_all(conn, checkfirst=True)
                rows = dict(conn.execute(sa.select(meta_t.c.key, meta_t.c.value)).all())
                new = {}
                if rows.get("schema_version") != str(SCHEMA_VERSION):
                    new["schema_version"] = str(SCHEMA_VERSION)
                if not rows.get("database_id"):
                    new["database_id"] = str(uuid.uuid4())
                if not rows.get("created_at"):
                    new["created_at"] = _now()
                for k, v in new.items():
                    if k in rows:
                        conn.execute(meta_t.update().where(meta_t.c.key == k).values(value=v))
                    else:
                        conn.execute(meta_t.insert().values(key=k, value=v))
                rows.update(new)
                self.database_id = rows["database_id"]
                self.created_at = rows["created_at"]
                self.schema_version = int(rows["schema_version"])
        except StoreError:
            self.engine.dispose()
            raise
        except (sa.exc.SQLAlchemyError, OSError, ValueError) as e:
            self.engine.dispose()
            raise StoreError(f"{self.label}: cannot open the database ({_one_line(e)})") from None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.label!r})"

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sa.Connection]:
        """``with store.transaction() as conn:`` — one transaction; nested calls join the outer one.

        Any exception rolls the whole transaction back (and is re-raised)."""
        if self._conn is not None:
            yield self._conn
            return
        try:
            with self.engine.begin() as conn:
                self._conn = conn
                try:
                    yield conn
                finally:
                    self._conn = None
        except sa.exc.OperationalError as e:
            raise StoreError(f"{self.label}: {_one_line(e)}") from None

    # -- reports and statements ---------------------------------------------------------------

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """The content hashes among ``hashes`` whose report is already stored."""
        hashes = sorted({h for h in hashes if h})
        found: set[str] = set()
        with self.transaction() as conn:
            for chunk in _chunks(hashes, _IN_CHUNK):
                q = sa.select(reports_t.c.content_hash).where(reports_t.c.content_hash.in_(chunk))
                found.update(conn.execute(q).scalars())
        return found

    def add_reports(
        self, reports: Sequence[Report], statements: Optional[pd.DataFrame] = None, *, run_id: Optional[int] = None
    ) -> AddResult:
        """Store the reports not stored yet (by text hash) and their statements.

        ``statements`` has the Statement columns (claims.types.STATEMENT_COLUMNS); only rows of
        reports stored now are inserted. Idempotent. See the module doc for same-id-new-text."""
        result = AddResult()
        now = _now()
        run_id = run_id if run_id is not None else self.current_run
        if statements is None:
            statements = pd.DataFrame(columns=STATEMENT_COLUMNS)
        with self.transaction() as conn:
            known = self.known_hashes({r.content_hash or _sha256(r.text) for r in reports})
            ids = sorted({r.id for r in reports})
            stored_ids: dict[str, str] = {}  # id -> content_hash, for ids already stored
            for chunk in _chunks(ids, _IN_CHUNK):
                q = sa.select(reports_t.c.id, reports_t.c.content_hash).where(reports_t.c.id.in_(chunk))
                stored_ids.update(dict(conn.execute(q).all()))

            to_add: list[tuple[Report, str, str]] = []  # (report, stored id, hash)
            seen_hashes = set(known)
            taken_ids = dict(stored_ids)
            for r in reports:
                h = r.content_hash or _sha256(r.text)
                if h in seen_hashes:
                    result.skipped += 1
                    result.skipped_ids.append(r.id)
                    continue
                new_id = r.id
                if r.id in taken_ids:
                    new_id = f"{r.id}~{h[:8]}"
                    result.renamed += 1
                    result.warnings.append(
                        f"{r.source}: report {r.id} is already stored with different text; "
                        f"stored this version as {new_id} (the stored version and its verdicts are kept)"
                    )
                    if new_id in taken_ids:  # same 8 hex digits: practically never
                        new_id = f"{r.id}~{h[:16]}"
                seen_hashes.add(h)
                taken_ids[new_id] = h
                to_add.append((r, new_id, h))

            if not to_add:
                return result

            # Statements of the reports being added, renamed where the report was renamed.
            frame = statements
            rename = {r.id: new_id for r, new_id, _ in to_add}
            if len(frame):
                frame = frame[frame["report"].isin(set(rename))]
                # A report id given twice (two versions in one batch) keeps its statements with
                # the first version only: statement rows don't say which text they came from.
            stmt_rows: list[dict] = []
            seen_stmt: set[str] = set()
            cols = [c for c in STATEMENT_COLUMNS if c in frame.columns]
            first_version: dict[str, str] = {}
            for r, new_id, _ in to_add:
                first_version.setdefault(r.id, new_id)
            # Column by column (one conversion function per column, no per-cell dispatch).
            n_rows = len(frame)
            conv: dict[str, list] = {c: [None] * n_rows for c in STATEMENT_COLUMNS}
            for c in cols:
                vals = frame[c].tolist()
                if c in _STATEMENT_JSON:
                    vals = [_dumps(v) for v in vals]
                else:
                    vals = [_py(v) for v in vals]
                    if c in _STATEMENT_INT:  # int column with NaNs
                        vals = [int(v) if isinstance(v, float) else v for v in vals]
                conv[c] = vals
            raw_ids = frame["id"].tolist() if "id" in cols else [None] * n_rows
            raw_reports = frame["report"].tolist() if n_rows else []
            json_cols = [c for c in cols if c in _STATEMENT_JSON]
            raw_json = {c: frame[c].tolist() for c in json_cols}
            objs: dict[str, dict] = {}
            all_cols = list(STATEMENT_COLUMNS)
            for j, vals in enumerate(zip(*(conv[c] for c in all_cols))):
                old_report = raw_reports[j]
                new_report = first_version[old_report]
                sid = str(raw_ids[j])
                if new_report != old_report:
                    sid = new_report + sid[len(old_report) :] if sid.startswith(old_report) else f"{new_report}/{sid}"
                if sid in seen_stmt:
                    result.warnings.append(f"report {new_report}: statement id {sid} given twice; kept the first")
                    continue
                seen_stmt.add(sid)
                row = dict(zip(all_cols, vals))
                row["id"] = sid
                row["report"] = new_report
                if row.get("checkworthiness") is None:
                    row["checkworthiness"] = 0.0
                row.update(claim_id=None, speaker_id=None, added_at=now, run_id=run_id)
                stmt_rows.append(row)
                for c in json_cols:
                    v = raw_json[c][j]
                    if type(v) is list and _plain_json(v):  # what json.loads(row[c]) gives back
                        objs.setdefault(sid, {})[c] = [list(x) if type(x) is tuple else x for x in v]

            # Statement ids already stored (a report re-added under a new id keeps none of them,
            # but be safe): skip them rather than fail.
            existing: set[str] = set()
            sids = [row["id"] for row in stmt_rows]
            for chunk in _chunks(sids, _IN_CHUNK):
                existing.update(conn.execute(sa.select(statements_t.c.id).where(statements_t.c.id.in_(chunk))).scalars())
            if existing:
                result.warnings.append(f"{len(existing)} statement id(s) already stored; kept the stored ones")
                stmt_rows = [row for row in stmt_rows if row["id"] not in existing]
            counts: dict[str, int] = {}
            for row in stmt_rows:
                counts[row["report"]] = counts.get(row["report"], 0) + 1

            report_rows = [
                {
                    "id": new_id,
                    "source": r.source,
                    "title": r.title,
                    "date": r.date,
                    "url": r.url,
                    "content_hash": h,
                    "n_statements": counts.get(new_id, 0),
                    "added_at": now,
                    "run_id": run_id,
                }
                for r, new_id, h in to_add
            ]
            for chunk in _chunks(report_rows, _CHUNK):
                conn.execute(reports_t.insert(), list(chunk))
            _insert_rows(conn, statements_t, stmt_rows)
            result.added = len(report_rows)
            result.added_ids = [row["id"] for row in report_rows]
            result.statements = len(stmt_rows)
            result._rows = stmt_rows
            result._objs = objs
        return result

    def statements_frame(self, *, unassigned_only: bool = False, report: Optional[str] = None) -> pd.DataFrame:
        """All stored statements: the Statement columns plus claim_id, speaker_id, added_at, run_id.

        JSON columns come back as lists (check_reasons: [] when empty; content_spans: None)."""
        q = sa.select(statements_t)
        if unassigned_only:
            q = q.where(statements_t.c.claim_id.is_(None))
        if report is not None:
            q = q.where(statements_t.c.report == report)
        q = q.order_by(statements_t.c.report, statements_t.c.content_start, statements_t.c.id)
        with self.transaction() as conn:
            rows = [dict(r) for r in conn.execute(q).mappings()]
        for row in rows:
            for c in _STATEMENT_JSON:
                row[c] = _loads(row[c], [] if c in _STATEMENT_LIST else None)
        columns = list(STATEMENT_COLUMNS) + ["claim_id", "speaker_id", "added_at", "run_id"]
        return _frame(
            rows,
            columns,
            ints=[c for c in _STATEMENT_INT if c in ("content_start", "content_end", "paragraph")],
            floats=["checkworthiness"],
        )

    def reports_frame(self) -> pd.DataFrame:
        with self.transaction() as conn:
            rows = [dict(r) for r in conn.execute(sa.select(reports_t).order_by(reports_t.c.added_at, reports_t.c.id)).mappings()]
        return _frame(rows, [c.name for c in reports_t.columns], ints=["n_statements"])

    # -- grouping -----------------------------------------------------------------------------
    #
    # Grouping is incremental: each batch of new statements is grouped against the claims
    # already stored through a compact index (claims.dedupe.ClaimIndex: per claim its id and
    # center text, bounded by the number of claims, not statements), in the same transaction
    # as the batch. Claim statistics are updated from the batch alone; no statement stored
    # earlier is read again.

    def grouping_state(self) -> "GroupingState":
        """The in-memory state incremental grouping needs, built from the claims and speakers
        tables (so a resumed run starts where an uninterrupted one would be)."""
        with self.transaction() as conn:
            return self._grouping_state(conn)

    def _grouping_state(self, conn: sa.Connection) -> "GroupingState":
        dedupe = importlib.import_module("claims.dedupe")  # lazy: heavy (and replaceable in tests)

        cls = getattr(dedupe, "ClaimIndex", None) or _PlainClaimIndex
        index = cls()
        c = claims_t.c
        ids, texts = [], []
        for cid, text in conn.execute(sa.select(c.claim_id, sa.func.coalesce(c.center_text, c.text)).order_by(c.claim_id)):
            ids.append(cid)
            texts.append(text)
            if len(ids) >= 100_000:
                index.add(ids, texts)
                ids, texts = [], []
        if ids:
            index.add(ids, texts)
        speakers = _SpeakerIndex()
        k = speakers_t.c
        speakers.add(conn.execute(sa.select(k.speaker_id, k.name, k.aliases, k.type).order_by(k.speaker_id)).all())
        return GroupingState(claims=index, speakers=speakers)

    def add_batch(
        self,
        reports: Sequence[Report],
        statements: Optional[pd.DataFrame] = None,
        *,
        state: Optional["GroupingState"] = None,
        same_threshold: Optional[float] = None,
        similar_threshold: Optional[float] = None,
        run_id: Optional[int] = None,
        timings: Optional[dict] = None,
    ) -> tuple[AddResult, GroupResult]:
        """Store a batch of reports and their statements and group the new statements into
        claims, all in one transaction: an interrupted run never leaves statements without a
        claim. ``state`` (``grouping_state()``) is kept up to date for the next batch."""
        # Tens of thousands of short-lived rows, dicts and lists per batch: the cyclic GC would
        # rescan the long-lived grouping state over and over (most of them are freed by
        # reference counting anyway; the rest is collected after the batch).
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            return self._add_batch(reports, statements, state, run_id, timings,
                                   same_threshold=same_threshold, similar_threshold=similar_threshold)
        finally:
            if gc_was_enabled:
                gc.enable()

    def _add_batch(self, reports, statements, state, run_id, timings, *, same_threshold, similar_threshold):
        state = state if state is not None else self.grouping_state()
        run_id = run_id if run_id is not None else self.current_run
        result = GroupResult()
        pending = None
        with self.transaction() as conn:
            t0 = time.perf_counter()
            added = self.add_reports(reports, statements, run_id=run_id)
            t1 = time.perf_counter()
            if added._rows:
                frame = _statement_frame(added._rows, added._objs)
                pending = self._assign(conn, frame, state, same_threshold, similar_threshold, _now(), run_id, result, timings)
            if timings is not None:
                timings["store"] = timings.get("store", 0.0) + t1 - t0
        if pending is not None:
            state.apply(pending)
        return added, result

    def regroup(
        self,
        same_threshold: Optional[float] = None,
        similar_threshold: Optional[float] = None,
        *,
        run_id: Optional[int] = None,
    ) -> GroupResult:
        """Give every statement without a claim a claim id (and speaker id), keeping old ids.

        Only the unassigned statements are loaded; the claims already stored take part through
        the compact claim index, never through their statements."""
        result = GroupResult()
        now = _now()
        run_id = run_id if run_id is not None else self.current_run
        with self.transaction() as conn:
            n = conn.execute(sa.select(sa.func.count()).select_from(statements_t).where(statements_t.c.claim_id.is_(None))).scalar_one()
            if n:
                state = self._grouping_state(conn)
                new = self._load_statements(conn, assigned=False)
                self._assign(conn, new, state, same_threshold, similar_threshold, now, run_id, result, None)
            result.claims = conn.execute(sa.select(sa.func.count()).select_from(claims_t)).scalar_one()
            result.speakers = conn.execute(sa.select(sa.func.count()).select_from(speakers_t)).scalar_one()
        return result

    def _load_statements(self, conn: sa.Connection, *, assigned: bool) -> pd.DataFrame:
        cond = statements_t.c.claim_id.isnot(None) if assigned else statements_t.c.claim_id.is_(None)
        q = sa.select(statements_t).where(cond).order_by(statements_t.c.report, statements_t.c.content_start, statements_t.c.id)
        return _statement_frame([dict(r) for r in conn.execute(q).mappings()])

    def _assign(self, conn, new: pd.DataFrame, state: "GroupingState", same_threshold, similar_threshold, now, run_id,
                result: GroupResult, timings: Optional[dict]) -> dict:
        """Group the statements of ``new`` (stored, without claim) against ``state``; write
        claim ids, speaker ids, claims, speakers, similar pairs and carried-over verdicts."""
        dedupe = importlib.import_module("claims.dedupe")

        try:
            from claims.speaker_groups import group_speakers  # noqa: PLC0415
        except ImportError:  # not there: statements keep speaker_id None
            group_speakers = None
        t0 = time.perf_counter()
        kwargs = {}
        if same_threshold is not None:
            kwargs["same_threshold"] = same_threshold
        if similar_threshold is not None:
            kwargs["similar_threshold"] = similar_threshold
        match = state.claims.match(new, group=dedupe.group_claims, **kwargs)
        sgroups = None
        if group_speakers is not None:
            sgroups = _group_speakers_compact(group_speakers, new, state.speakers)
        t1 = time.perf_counter()

        sids = [str(x) for x in new["id"].tolist()]
        new_ids = set(sids)
        assign: dict[str, str] = {}
        groups = match.groups
        rename: dict[str, str] = {}
        if groups is not None:
            for sid, cid in _pairs(groups.assignments, "statement_id", "claim_id"):
                sid, cid = str(sid), _py(cid)
                if sid in new_ids and cid is not None:
                    cid = str(cid)
                    if cid in match.taken and cid not in match.previous_ids:
                        # a new claim whose id is already another (not looked-up) claim's: re-hash
                        if cid not in rename:
                            salt, alt = 1, cid
                            while alt in match.taken or alt in rename.values():
                                alt = "C" + hashlib.sha1(f"{cid}\x00{salt}".encode()).hexdigest()[:10].upper()
                                salt += 1
                            rename[cid] = alt
                        cid = rename[cid]
                    assign[sid] = cid
        assign.update(match.exact)
        speaker_assign = {}
        for sid, spk in _pairs(getattr(sgroups, "assignments", None), "statement_id", "speaker_id"):
            sid, spk = str(sid), _py(spk)
            if sid in new_ids and spk is not None:
                speaker_assign[sid] = str(spk)

        # 1. statements: claim_id / speaker_id
        upd = (
            statements_t.update()
            .where(statements_t.c.id == bindparam("b_id"))
            .values(claim_id=bindparam("b_claim"), speaker_id=bindparam("b_speaker"))
        )
        if conn.dialect.name == "sqlite":  # straight through the driver: same statement, no per-row overhead
            sql = 'UPDATE "statements" SET "claim_id" = ?, "speaker_id" = ? WHERE "id" = ?'
            rows = [(assign.get(sid), speaker_assign.get(sid), sid) for sid in sids if sid in assign or sid in speaker_assign]
            for chunk in _chunks(rows, _CHUNK):
                conn.exec_driver_sql(sql, list(chunk))
        else:
            rows = [{"b_id": sid, "b_claim": assign.get(sid), "b_speaker": speaker_assign.get(sid)} for sid in sids if sid in assign or sid in speaker_assign]
            for chunk in _chunks(rows, _CHUNK):
                conn.execute(upd, list(chunk))
        result.assigned += len(assign)

        # 2. claims: what this batch brings to each touched claim
        from claims.normalize import normalize_texts  # noqa: PLC0415

        texts = [t if isinstance(t, str) else "" for t in new["text"].tolist()]
        nlen = [len(t) for t in normalize_texts(texts)]
        report_ids = [str(x) for x in new["report"].tolist()]
        sdates = [_py(x) for x in new["report_date"].tolist()] if "report_date" in new.columns else [None] * len(sids)
        rdates: dict[str, Any] = {}
        missing = sorted({r for r, d in zip(report_ids, sdates) if d is None})
        for chunk in _chunks(missing, _IN_CHUNK):
            rdates.update(dict(conn.execute(sa.select(reports_t.c.id, reports_t.c.date).where(reports_t.c.id.in_(chunk))).all()))
        cws = [_py(x) for x in new["checkworthiness"].tolist()] if "checkworthiness" in new.columns else [None] * len(sids)
        kinds = new["kind"].tolist() if "kind" in new.columns else [None] * len(sids)
        per: dict[str, dict] = {}
        for i, sid in enumerate(sids):
            cid = assign.get(sid)
            if cid is None:
                continue
            d = per.get(cid)
            date = sdates[i] if sdates[i] is not None else rdates.get(report_ids[i])
            date = str(date) if date is not None else None
            if d is None:
                d = per[cid] = {"n": 0, "reports": {}, "cw": None, "first": None, "full": None}
            d["n"] += 1
            d["reports"][report_ids[i]] = True
            cw = cws[i]
            if cw is not None and (d["cw"] is None or cw > d["cw"]):
                d["cw"] = cw
            key = (date is None, date or "", i)
            if d["first"] is None or key < d["first"][0]:
                d["first"] = (key, report_ids[i], date)
            if d["full"] is None or nlen[i] > d["full"][0]:
                d["full"] = (nlen[i], sid, texts[i], kinds[i])

        touched = sorted(per)
        existing: dict[str, dict] = {}
        c = claims_t.c
        for chunk in _chunks(touched, _IN_CHUNK):
            q = sa.select(c.claim_id, c.text, c.n_occurrences, c.n_reports, c.checkworthiness, c.first_report, c.first_date).where(c.claim_id.in_(chunk))
            for row in conn.execute(q).mappings():
                existing[row["claim_id"]] = dict(row)
        info = {}
        if groups is not None:
            gc_ = groups.claims
            if isinstance(gc_, pd.DataFrame) and gc_.columns.is_unique and "claim_id" in gc_.columns:
                # only claim_id, text and kind are read below: no full records
                n_gc = len(gc_)
                cols_ = [gc_[c].tolist() if c in gc_.columns else [None] * n_gc for c in ("claim_id", "text", "kind")]
                recs_ = ({"claim_id": a, "text": b, "kind": k} for a, b, k in zip(*cols_))
            else:
                recs_ = _records(gc_)
            for rec in recs_:
                cid = str(_py(rec.get("claim_id")))
                info[rename.get(cid, cid)] = rec
        old_len = dict(zip(sorted(existing), (len(t) for t in normalize_texts([existing[k]["text"] or "" for k in sorted(existing)]))))
        inserts, updates, new_claims = [], [], []
        for cid in touched:
            d = per[cid]
            old = existing.get(cid)
            if old is None:
                rec = info.get(cid, {})
                center = _py(rec.get("text"))
                kind = _py(rec.get("kind"))
                if center is None:
                    center = d["full"][2]
                inserts.append({
                    "claim_id": cid,
                    "text": d["full"][2],
                    "representative_id": d["full"][1],
                    "center_text": center,
                    "kind": kind if kind is not None else _py(d["full"][3]),
                    "first_report": d["first"][1],
                    "first_date": d["first"][2],
                    "n_occurrences": d["n"],
                    "n_reports": len(d["reports"]),
                    "checkworthiness": d["cw"] if d["cw"] is not None else 0.0,
                    "created_at": now,
                    "run_id": run_id,
                })
                new_claims.append((cid, center))
                continue
            up = {
                "b_claim_id": cid,
                "n_occurrences": int(old["n_occurrences"] or 0) + d["n"],
                "n_reports": int(old["n_reports"] or 0) + len(d["reports"]),
                "checkworthiness": max(x for x in (old["checkworthiness"], d["cw"], 0.0) if x is not None),
                "first_report": old["first_report"],
                "first_date": old["first_date"],
                "text": old["text"],
                "representative_id": None,
            }
            fdate = d["first"][2]
            if fdate is not None and (old["first_date"] is None or fdate < old["first_date"]):
                up["first_report"], up["first_date"] = d["first"][1], fdate
            if d["full"][0] > old_len.get(cid, 0):  # a fuller occurrence: it becomes the claim's text
                up["text"], up["representative_id"] = d["full"][2], d["full"][1]
            updates.append(up)
        _insert_rows(conn, claims_t, inserts)
        if updates:
            cu = (
                claims_t.update()
                .where(claims_t.c.claim_id == bindparam("b_claim_id"))
                .values(
                    first_report=bindparam("first_report"),
                    first_date=bindparam("first_date"),
                    n_occurrences=bindparam("n_occurrences"),
                    n_reports=bindparam("n_reports"),
                    checkworthiness=bindparam("checkworthiness"),
                    text=bindparam("text"),
                    representative_id=sa.func.coalesce(bindparam("representative_id"), claims_t.c.representative_id),
                )
            )
            if conn.dialect.name == "sqlite":  # straight through the driver: same statement, no per-row overhead
                sql = ('UPDATE "claims" SET "first_report" = ?, "first_date" = ?, "n_occurrences" = ?, '
                       '"n_reports" = ?, "checkworthiness" = ?, "text" = ?, '
                       '"representative_id" = coalesce(?, "representative_id") WHERE "claim_id" = ?')
                params = [(u["first_report"], u["first_date"], u["n_occurrences"], u["n_reports"],
                           None if u["checkworthiness"] is None else float(u["checkworthiness"]),
                           u["text"], u["representative_id"], u["b_claim_id"]) for u in updates]
                for chunk in _chunks(params, _CHUNK):
                    conn.exec_driver_sql(sql, list(chunk))
            else:
                for chunk in _chunks(updates, _CHUNK):
                    conn.execute(cu, list(chunk))
        result.new_claims += len(inserts)

        # 3. speakers: insert new, merge aliases/roles of existing.
        spk_ids = self._upsert_speakers(conn, _records(getattr(sgroups, "speakers", None)))
        spk_rows = []
        k = speakers_t.c
        for chunk in _chunks(sorted(spk_ids), _IN_CHUNK):
            spk_rows.extend(conn.execute(sa.select(k.speaker_id, k.name, k.aliases, k.type).where(k.speaker_id.in_(chunk))).all())

        # 4. similar claims: upsert the pairs given.
        pairs = {}
        for rec in _records(getattr(groups, "similar", None)):
            a, b = _py(rec.get("claim_id")), _py(rec.get("similar_claim_id"))
            if a is None or b is None:
                continue
            a, b = rename.get(str(a), str(a)), rename.get(str(b), str(b))
            if a == b:
                continue
            pairs[(a, b)] = _py(rec.get("score"))
        if pairs:
            keys = list(pairs)
            d = similar_t.delete().where(
                sa.and_(similar_t.c.claim_id == bindparam("b_a"), similar_t.c.similar_claim_id == bindparam("b_b"))
            )
            both = [{"b_a": a, "b_b": b} for a, b in keys] + [{"b_a": b, "b_b": a} for a, b in keys]
            for chunk in _chunks(both, _CHUNK):  # a pair is stored once, in either order
                conn.execute(d, list(chunk))
            for chunk in _chunks([{"claim_id": a, "similar_claim_id": b, "score": pairs[(a, b)]} for a, b in keys], _CHUNK):
                conn.execute(similar_t.insert(), list(chunk))

        # 5. verdicts follow the claim.
        joined: dict[str, list[str]] = {}
        for i, sid in enumerate(sids):
            cid = assign.get(sid)
            if cid in existing:
                reps = joined.setdefault(cid, [])
                if report_ids[i] not in reps:
                    reps.append(report_ids[i])
        if joined:
            reviewed = {}
            for chunk in _chunks(sorted(joined), _IN_CHUNK):
                q = sa.select(verdicts_t).where(verdicts_t.c.claim_id.in_(chunk)).where(verdicts_t.c.verdict.isnot(None))
                for r in conn.execute(q).mappings():
                    reviewed[r["claim_id"]] = dict(r)
            if reviewed:
                mark = verdicts_t.update().where(verdicts_t.c.claim_id == bindparam("b_claim_id")).values(carried_over=True, updated_at=now)
                conn.execute(mark, [{"b_claim_id": cid} for cid in sorted(reviewed)])
                events = []
                for cid in sorted(reviewed):
                    v = reviewed[cid]
                    reps = sorted(joined[cid])
                    events.append(
                        {
                            **_history_blank(),
                            "claim_id": cid,
                            "event": "carried_over",
                            **{f"old_{f}": v[f] for f in VERDICT_FIELDS},
                            **{f"new_{f}": v[f] for f in VERDICT_FIELDS},
                            "revision": v["revision"],
                            "recorded_at": now,
                            "report": "; ".join(reps),
                            "run_id": run_id,
                            "message": f"verdict {v['verdict']!r} carried over to new report(s) {', '.join(reps)}; please confirm",
                        }
                    )
                for chunk in _chunks(events, _CHUNK):
                    conn.execute(history_t.insert(), list(chunk))
                result.carried_over += len(reviewed)
        if timings is not None:
            timings["dedupe"] = timings.get("dedupe", 0.0) + t1 - t0
            timings["store"] = timings.get("store", 0.0) + time.perf_counter() - t1
        return {"claims": new_claims, "speakers": spk_rows}

    def _upsert_speakers(self, conn: sa.Connection, recs: list[dict]) -> set:
        """Insert new speakers, merge aliases/roles of stored ones; returns the ids given."""
        given = {}
        for rec in recs:
            sid = _py(rec.get("speaker_id"))
            if sid is None:
                continue
            given[str(sid)] = rec
        if not given:
            return set()
        stored = {}
        for chunk in _chunks(sorted(given), _IN_CHUNK):
            for r in conn.execute(sa.select(speakers_t).where(speakers_t.c.speaker_id.in_(chunk))).mappings():
                stored[r["speaker_id"]] = dict(r)
        inserts, updates = [], []
        for sid, rec in given.items():
            aliases = _to_list(rec.get("aliases")) or []
            roles = _to_list(rec.get("roles")) or []
            if sid in stored:
                old = stored[sid]
                merged_a = _merge_lists(_loads(old["aliases"], []), aliases)
                merged_r = _merge_lists(_loads(old["roles"], []), roles)
                updates.append(
                    {
                        "b_speaker_id": sid,
                        "name": old["name"] or _py(rec.get("name")),
                        "type": old["type"] or _py(rec.get("type")),
                        "aliases": json.dumps(merged_a, ensure_ascii=False),
                        "roles": json.dumps(merged_r, ensure_ascii=False),
                    }
                )
            else:
                inserts.append(
                    {
                        "speaker_id": sid,
                        "name": _py(rec.get("name")),
                        "type": _py(rec.get("type")),
                        "aliases": json.dumps(_merge_lists([], aliases), ensure_ascii=False),
                        "roles": json.dumps(_merge_lists([], roles), ensure_ascii=False),
                    }
                )
        for chunk in _chunks(inserts, _CHUNK):
            conn.execute(speakers_t.insert(), list(chunk))
        if updates:
            u = (
                speakers_t.update()
                .where(speakers_t.c.speaker_id == bindparam("b_speaker_id"))
                .values(name=bindparam("name"), type=bindparam("type"), aliases=bindparam("aliases"), roles=bindparam("roles"))
            )
            for chunk in _chunks(updates, _CHUNK):
                conn.execute(u, list(chunk))
        return set(given)

    # -- frames for export and review ---------------------------------------------------------

    def _select_claim_ids(
        self,
        conn: sa.Connection,
        *,
        top: Optional[int] = None,
        new_since_run: Optional[int] = None,
        unreviewed: bool = False,
        report: Optional[str | Sequence[str]] = None,
        speaker: Optional[str] = None,
    ) -> list[str]:
        c, s, v = claims_t.c, statements_t.c, verdicts_t.c
        q = sa.select(c.claim_id).select_from(claims_t.outerjoin(verdicts_t, v.claim_id == c.claim_id))
        if unreviewed:
            q = q.where(sa.or_(v.verdict.is_(None), v.verdict == ""))
        if new_since_run is not None:
            q = q.where(c.run_id >= int(new_since_run))
        if report is not None:
            reps = [report] if isinstance(report, str) else list(report)
            q = q.where(c.claim_id.in_(sa.select(s.claim_id).where(s.report.in_(reps)).where(s.claim_id.isnot(None))))
        if speaker is not None:
            needle = f"%{speaker.strip().lower()}%"
            sp = speakers_t.c
            by_speaker = sa.select(s.claim_id).select_from(statements_t.outerjoin(speakers_t, sp.speaker_id == s.speaker_id)).where(
                sa.or_(
                    sa.func.lower(s.speaker_name).like(needle),
                    sa.func.lower(s.speaker).like(needle),
                    sa.func.lower(sp.name).like(needle),
                    s.speaker_id == speaker,
                )
            )
            q = q.where(c.claim_id.in_(by_speaker.where(s.claim_id.isnot(None))))
        q = q.order_by(c.checkworthiness.desc(), c.n_occurrences.desc(), sa.nulls_last(c.first_date.asc()), c.claim_id)
        if top is not None:
            q = q.limit(int(top))
        return list(conn.execute(q).scalars())

    def _statements_for_claims(self, conn: sa.Connection, claim_ids: list[str], all_claims: bool, columns,
                               per_claim: Optional[int] = None) -> list[dict]:
        s = statements_t.c

        def query(cond):
            if per_claim is None:
                return sa.select(*columns).where(cond).order_by(s.claim_id, s.report, s.content_start, s.id)
            # the first per_claim occurrences of each claim (a window function: SQLite >= 3.25, PostgreSQL)
            rn = sa.func.row_number().over(partition_by=s.claim_id, order_by=(s.report, s.content_start, s.id)).label("_rn")
            sub = sa.select(*columns, rn).where(cond).subquery()
            cols = [sub.c[col.name] for col in columns]
            return sa.select(*cols).where(sub.c._rn <= int(per_claim)).order_by(
                sub.c.claim_id, sub.c.report, sub.c.content_start, sub.c.id)

        if all_claims:
            return [dict(r) for r in conn.execute(query(s.claim_id.isnot(None))).mappings()]
        out: list[dict] = []
        for chunk in _chunks(claim_ids, _IN_CHUNK):
            out.extend(dict(r) for r in conn.execute(query(s.claim_id.in_(chunk))).mappings())
        return out

    def _build(self, conn: sa.Connection, claim_ids: list[str], all_claims: bool,
               per_claim: Optional[int] = None) -> dict[str, Any]:
        """Everything the claim frames need, for the given claims, in a handful of queries."""
        c, s, v, r = claims_t.c, statements_t.c, verdicts_t.c, reports_t.c
        claim_rows: dict[str, dict] = {}
        q = sa.select(claims_t, *[col for col in verdicts_t.c if col.name != "claim_id"]).select_from(
            claims_t.outerjoin(verdicts_t, v.claim_id == c.claim_id)
        )
        if all_claims:
            for row in conn.execute(q).mappings():
                claim_rows[row["claim_id"]] = dict(row)
        else:
            for chunk in _chunks(claim_ids, _IN_CHUNK):
                for row in conn.execute(q.where(c.claim_id.in_(chunk))).mappings():
                    claim_rows[row["claim_id"]] = dict(row)
        occ_cols = [
            s.claim_id,
            s.id,
            s.report,
            s.paragraph,
            s.sentence,
            s.speaker,
            s.speaker_name,
            s.speaker_id,
            s.speaker_type,
            s.speaker_role,
            s.kind,
            s.text,
            s.said_on,
            s.venue,
            s.check_reasons,
            s.report_date,
            s.content_start,
        ]
        occ = self._statements_for_claims(conn, claim_ids, all_claims, occ_cols, per_claim)
        report_ids = sorted({o["report"] for o in occ})
        speaker_ids = sorted({o["speaker_id"] for o in occ if o["speaker_id"]})
        reports: dict[str, dict] = {}
        for chunk in _chunks(report_ids, _IN_CHUNK):
            for row in conn.execute(sa.select(reports_t).where(r.id.in_(chunk))).mappings():
                reports[row["id"]] = dict(row)
        n_claims_by_report: dict[str, int] = {}
        for chunk in _chunks(report_ids, _IN_CHUNK):
            q2 = (
                sa.select(s.report, sa.func.count(sa.distinct(s.claim_id)))
                .where(s.report.in_(chunk))
                .where(s.claim_id.isnot(None))
                .group_by(s.report)
            )
            n_claims_by_report.update(dict(conn.execute(q2).all()))
        speakers: dict[str, dict] = {}
        for chunk in _chunks(speaker_ids, _IN_CHUNK):
            for row in conn.execute(sa.select(speakers_t).where(speakers_t.c.speaker_id.in_(chunk))).mappings():
                speakers[row["speaker_id"]] = dict(row)
        n_claims_by_speaker: dict[str, int] = {}
        for chunk in _chunks(speaker_ids, _IN_CHUNK):
            q3 = (
                sa.select(s.speaker_id, sa.func.count(sa.distinct(s.claim_id)))
                .where(s.speaker_id.in_(chunk))
                .where(s.claim_id.isnot(None))
                .group_by(s.speaker_id)
            )
            n_claims_by_speaker.update(dict(conn.execute(q3).all()))
        similar: dict[str, list[tuple[str, Any]]] = {}
        sim = similar_t.c
        if all_claims:
            sim_rows = conn.execute(sa.select(sim.claim_id, sim.similar_claim_id, sim.score)).all()
        else:
            sim_rows = []
            for chunk in _chunks(claim_ids, _IN_CHUNK):
                sim_rows.extend(
                    conn.execute(
                        sa.select(sim.claim_id, sim.similar_claim_id, sim.score).where(
                            sa.or_(sim.claim_id.in_(chunk), sim.similar_claim_id.in_(chunk))
                        )
                    ).all()
                )
        seen_pairs = set()
        for a, b, score in sim_rows:
            for x, y in ((a, b), (b, a)):
                if (x, y) not in seen_pairs:
                    seen_pairs.add((x, y))
                    similar.setdefault(x, []).append((y, score))
        return {
            "claims": claim_rows,
            "occurrences": occ,
            "reports": reports,
            "n_claims_by_report": n_claims_by_report,
            "speakers": speakers,
            "n_claims_by_speaker": n_claims_by_speaker,
            "similar": similar,
        }

    def _claim_records(self, data: dict, claim_ids: list[str]) -> list[dict]:
        occ_by_claim: dict[str, list[dict]] = {}
        for o in data["occurrences"]:
            occ_by_claim.setdefault(o["claim_id"], []).append(o)
        speakers, reports = data["speakers"], data["reports"]
        out = []
        for cid in claim_ids:
            c = data["claims"].get(cid)
            if c is None:
                continue
            occ = occ_by_claim.get(cid, [])
            rep = next((o for o in occ if o["id"] == c["representative_id"]), occ[0] if occ else {})
            names: list[str] = []
            reasons: list[str] = []
            per_report: dict[str, tuple] = {}
            for o in occ:
                name = None
                if o["speaker_id"] and o["speaker_id"] in speakers:
                    name = speakers[o["speaker_id"]]["name"]
                name = name or o["speaker_name"] or o["speaker"]
                if name and name not in names:
                    names.append(name)
                for reason in _loads(o["check_reasons"], []) or []:
                    if reason not in reasons:
                        reasons.append(reason)
                rp = reports.get(o["report"], {})
                date = o["report_date"] or rp.get("date")
                per_report.setdefault(o["report"], (date, rp.get("added_at") or "", o["report"], rp.get("url")))
            ordered = sorted(per_report.values(), key=lambda t: (_sort_key_date(t[0]), t[1], t[2]))
            sims = sorted(data["similar"].get(cid, []), key=lambda t: (-(t[1] or 0), t[0]))
            out.append(
                {
                    "claim_id": cid,
                    "text": c["text"],
                    "kind": c["kind"],
                    "speaker": "; ".join(names) or None,
                    "role": rep.get("speaker_role"),
                    "said_on": rep.get("said_on"),
                    "venue": rep.get("venue"),
                    "n_reports": c["n_reports"],
                    "first_report": c["first_report"],
                    "reports": [t[2] for t in ordered],
                    "n_occurrences": c["n_occurrences"],
                    "checkworthiness": c["checkworthiness"],
                    "check_reasons": reasons,
                    "verdict": c.get("verdict"),
                    "evidence": c.get("evidence"),
                    "reviewer": c.get("reviewer"),
                    "reviewed_on": c.get("reviewed_on"),
                    "notes": c.get("notes"),
                    "verdict_revision": c.get("revision") or 0,
                    "carried_over": bool(c.get("carried_over")),
                    "similar": "; ".join(f"{sid} ({_score(sc)})" for sid, sc in sims) or None,
                    "speaker_type": rep.get("speaker_type"),
                    "first_date": c["first_date"],
                    "appearances": [{"report": t[2], "url": t[3], "date": t[0]} for t in ordered],
                    "representative_id": c["representative_id"],
                }
            )
        return out

    def count_claims(self, **filters) -> int:
        """How many claims review_data / claims_frame would give with these filters."""
        with self.transaction() as conn:
            return len(self._select_claim_ids(conn, **filters))

    def claims_frame(self, with_verdicts: bool = True, **filters) -> pd.DataFrame:
        """One row per claim, for exports (CSV, JSON, ClaimReview); sorted like the workbook.

        ``filters``: top, new_since_run, unreviewed, report, speaker (as review_data)."""
        with self.transaction() as conn:
            ids = self._select_claim_ids(conn, **filters)
            data = self._build(conn, ids, all_claims=not any(v not in (None, False) for v in filters.values()))
        recs = self._claim_records(data, ids)
        cols = list(CLAIMS_FRAME_COLUMNS)
        if not with_verdicts:
            cols = [col for col in cols if col not in ("verdict", "evidence", "reviewer", "reviewed_on", "notes", "carried_over", "verdict_revision")]
        return _frame(recs, cols, ints=["n_reports", "n_occurrences"] + (["verdict_revision"] if with_verdicts else []), floats=["checkworthiness"], bools=["carried_over"] if with_verdicts else [])

    def review_data(
        self,
        *,
        top: Optional[int] = None,
        new_since_run: Optional[int] = None,
        unreviewed: bool = False,
        report: Optional[str | Sequence[str]] = None,
        speaker: Optional[str] = None,
        verdict_values: Optional[Sequence[str]] = None,
        path: Optional[str | os.PathLike] = None,
        record: bool = True,
    ):
        """The frames for a review workbook (claims.workbook.ReviewData); records an export.

        Filters: ``top`` N claims after the others; ``new_since_run`` = claims first seen in
        that run or later;
        ``unreviewed`` = no verdict; ``report`` = claims appearing in that report (or any of a
        list); ``speaker`` = case-insensitive substring of a speaker's name (or a speaker id).
        Claims are sorted by checkworthiness, then occurrences, descending."""

        values = tuple(verdict_values) if verdict_values is not None else self.verdict_values()
        filters = {"top": top, "new_since_run": new_since_run, "unreviewed": unreviewed, "report": report, "speaker": speaker}
        export_id = str(uuid.uuid4())
        created_at = _now()
        with self.transaction() as conn:
            ids = self._select_claim_ids(conn, **filters)
            data = self._build(conn, ids, all_claims=not any(v not in (None, False) for v in filters.values()),
                               per_claim=REVIEW_OCCURRENCES_PER_CLAIM)
            if record:
                self.record_export(export_id, path, filters=filters, n_claims=len(ids), created_at=created_at)
        recs = self._claim_records(data, ids)
        claims_df = _frame(
            recs,
            REVIEW_CLAIM_COLUMNS,
            ints=["n_reports", "n_occurrences", "verdict_revision"],
            floats=["checkworthiness"],
            bools=["carried_over"],
        )
        # occurrences, in claim order
        order = {cid: i for i, cid in enumerate(ids)}
        speakers = data["speakers"]
        occ_rows = []
        for o in sorted(data["occurrences"], key=lambda o: (order.get(o["claim_id"], 0), o["report"], o["content_start"] or 0, o["id"])):
            occ_rows.append(
                {
                    "claim_id": o["claim_id"],
                    "statement_id": o["id"],
                    "report": o["report"],
                    "paragraph": o["paragraph"],
                    "sentence": o["sentence"],
                    "speaker": o["speaker"],
                    "speaker_name": (speakers.get(o["speaker_id"], {}).get("name") if o["speaker_id"] else None) or o["speaker_name"],
                    "kind": o["kind"],
                    "text": o["text"],
                }
            )
        occ_df = _frame(occ_rows, OCCURRENCE_COLUMNS, ints=["paragraph"])
        rep_rows = []
        for rid, rp in sorted(data["reports"].items(), key=lambda kv: (_sort_key_date(kv[1]["date"]), kv[0])):
            rep_rows.append(
                {
                    "report": rid,
                    "title": rp["title"],
                    "date": rp["date"],
                    "source": rp["source"],
                    "n_statements": rp["n_statements"],
                    "n_claims": data["n_claims_by_report"].get(rid, 0),
                }
            )
        rep_df = _frame(rep_rows, REPORT_COLUMNS, ints=["n_statements", "n_claims"])
        spk_rows = []
        for sid, sp in sorted(speakers.items(), key=lambda kv: ((kv[1]["name"] or "").lower(), kv[0])):
            spk_rows.append(
                {
                    "speaker_id": sid,
                    "name": sp["name"],
                    "aliases": _loads(sp["aliases"], []),
                    "type": sp["type"],
                    "roles": _loads(sp["roles"], []),
                    "n_claims": data["n_claims_by_speaker"].get(sid, 0),
                }
            )
        spk_df = _frame(spk_rows, SPEAKER_COLUMNS, ints=["n_claims"])
        return ReviewData(
            claims=claims_df,
            occurrences=occ_df,
            reports=rep_df,
            speakers=spk_df,
            database_id=self.database_id,
            database_label=self.label,
            export_id=export_id,
            created_at=created_at,
            verdict_values=list(values),
        )

    def record_export(
        self,
        export: Any,
        path: Optional[str | os.PathLike] = None,
        *,
        filters: Optional[dict] = None,
        n_claims: Optional[int] = None,
        created_at: Optional[str] = None,
    ) -> None:
        """Record (or complete, e.g. with the path once written) an export row.

        ``export``: an export id, or the ReviewData that review_data returned."""
        export_id = export if isinstance(export, str) else export.export_id
        if not isinstance(export, str):
            created_at = created_at or getattr(export, "created_at", None)
            if n_claims is None and getattr(export, "claims", None) is not None:
                n_claims = len(export.claims)
        with self.transaction() as conn:
            exists = conn.execute(sa.select(exports_t.c.export_id).where(exports_t.c.export_id == export_id)).first()
            values = {}
            if path is not None:
                values["path"] = os.fspath(path)
            if filters is not None:
                values["filters"] = json.dumps({k: v for k, v in filters.items() if v not in (None, False)}, default=str)
            if n_claims is not None:
                values["n_claims"] = int(n_claims)
            if exists:
                if values:
                    conn.execute(exports_t.update().where(exports_t.c.export_id == export_id).values(**values))
            else:
                conn.execute(exports_t.insert().values(export_id=export_id, created_at=created_at or _now(), **values))

    def exports_frame(self) -> pd.DataFrame:
        with self.transaction() as conn:
            rows = [dict(r) for r in conn.execute(sa.select(exports_t).order_by(exports_t.c.created_at)).mappings()]
        for row in rows:
            row["filters"] = _loads(row["filters"], {})
        return _frame(rows, [c.name for c in exports_t.columns], ints=[])

    # -- verdicts -----------------------------------------------------------------------------

    def verdict_values(self) -> tuple[str, ...]:
        """This database's verdict scale: set_verdict_values(...) if ever called, else the default."""
        with self.transaction() as conn:
            raw = conn.execute(sa.select(meta_t.c.value).where(meta_t.c.key == "verdict_values")).scalar()
        values = _loads(raw, None)
        return tuple(values) if values else tuple(DEFAULT_VERDICTS)

    def set_verdict_values(self, values: Sequence[str]) -> None:
        values = [str(v).strip() for v in values if str(v).strip()]
        if not values:
            raise StoreError(f"{self.label}: the verdict scale needs at least one value")
        with self.transaction() as conn:
            conn.execute(meta_t.delete().where(meta_t.c.key == "verdict_values"))
            conn.execute(meta_t.insert().values(key="verdict_values", value=json.dumps(values, ensure_ascii=False)))

    def import_verdicts(self, reviewed, verdict_values: Optional[Sequence[str]] = None) -> ImportResult:
        """Apply a reviewed workbook (claims.workbook.ReviewedWorkbook): all rows or none.

        Raises ImportRefused (nothing applied) for a workbook from another database, a verdict
        outside ``verdict_values``, an unknown claim id, or one claim given different values."""
        path = os.fspath(reviewed.path) if getattr(reviewed, "path", None) is not None else "workbook"
        values = tuple(verdict_values) if verdict_values is not None else self.verdict_values()
        canon = {v.strip().lower(): v for v in values}
        if str(reviewed.database_id or "") != self.database_id:
            raise ImportRefused(
                f"{path}: made from another database ({reviewed.database_id or 'unknown'}), not this one ({self.database_id})"
            )
        now = _now()
        result = ImportResult()
        with self.transaction() as conn:
            rows = list(reviewed.rows)
            ids = sorted({str(_text(r.claim_id) or "") for r in rows})
            known: set[str] = set()
            for chunk in _chunks(ids, _IN_CHUNK):
                known.update(conn.execute(sa.select(claims_t.c.claim_id).where(claims_t.c.claim_id.in_(chunk))).scalars())
            errors: list[str] = []
            wanted: dict[str, tuple[Any, dict]] = {}  # claim_id -> (row, normalised values)
            for r in rows:
                where = f"{path}: sheet {r.sheet!r} row {r.row}"
                cid = _text(r.claim_id)
                if cid is None or cid not in known:
                    errors.append(f"{where}: claim ID {r.claim_id!r} is not in this database")
                    continue
                vals = {f: _text(getattr(r, f, None)) for f in VERDICT_FIELDS}
                if vals["verdict"] is not None:
                    key = vals["verdict"].lower()
                    if key not in canon:
                        errors.append(f"{where}: verdict {vals['verdict']!r} is not one of: {', '.join(values)}")
                        continue
                    vals["verdict"] = canon[key]
                if cid in wanted:
                    prev_row, prev_vals = wanted[cid]
                    if prev_vals != vals:
                        errors.append(
                            f"{where}: claim {cid} has other values than on sheet {prev_row.sheet!r} row {prev_row.row}"
                        )
                    continue
                wanted[cid] = (r, vals)
            if errors:
                more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
                err = ImportRefused(f"{errors[0]}{more}; nothing was imported")
                err.messages = errors  # type: ignore[attr-defined]
                err.count = len(errors)  # type: ignore[attr-defined]
                raise err

            current: dict[str, dict] = {}
            cids = sorted(wanted)
            for chunk in _chunks(cids, _IN_CHUNK):
                for row in conn.execute(sa.select(verdicts_t).where(verdicts_t.c.claim_id.in_(chunk))).mappings():
                    current[row["claim_id"]] = dict(row)
            inserts, updates, confirms, events = [], [], [], []
            export_id = _text(getattr(reviewed, "export_id", None))
            for cid in cids:
                r, vals = wanted[cid]
                cur = current.get(cid)
                cur_vals = {f: (cur or {}).get(f) for f in VERDICT_FIELDS}
                cur_rev = int((cur or {}).get("revision") or 0)
                try:
                    base = int(_py(r.base_revision) or 0)
                except (TypeError, ValueError):
                    base = 0
                where = f"{path}: sheet {r.sheet!r} row {r.row}"
                common = {
                    **_history_blank(),
                    "claim_id": cid,
                    **{f"old_{f}": cur_vals[f] for f in VERDICT_FIELDS},
                    **{f"new_{f}": vals[f] for f in VERDICT_FIELDS},
                    "base_revision": base,
                    "recorded_at": now,
                    "workbook": path,
                    "export_id": export_id,
                    "sheet": _text(r.sheet),
                    "sheet_row": _py(r.row) if isinstance(_py(r.row), int) else None,
                }
                if vals == cur_vals:
                    result.unchanged += 1
                    if cur and cur.get("carried_over") and vals["verdict"] is not None:
                        confirms.append({"b_claim_id": cid, "updated_at": now})
                        events.append({**common, "event": "confirmed", "revision": cur_rev, "message": f"{where}: carried-over verdict confirmed"})
                        result.confirmed += 1
                    continue
                if base != cur_rev:
                    result.conflicts += 1
                    newer = "a newer verdict was imported since this workbook was made" if cur_rev > base else "the database is older than this workbook"
                    msg = (
                        f"{where}: claim {cid}: {newer} (revision {cur_rev}, workbook made from {base}); "
                        f"kept {cur_vals['verdict']!r}, saved {vals['verdict']!r} in the history"
                    )
                    events.append({**common, "event": "conflict", "revision": cur_rev, "message": msg})
                    result.messages.append(msg)
                    continue
                new_rev = cur_rev + 1
                rec = {**vals, "revision": new_rev, "updated_at": now, "source_workbook": path, "export_id": export_id, "carried_over": False}
                if cur is None:
                    inserts.append({"claim_id": cid, **rec})
                else:
                    updates.append({"b_claim_id": cid, **rec})
                msg = None if vals["verdict"] is not None or cur_vals["verdict"] is None else f"{where}: verdict cleared"
                events.append({**common, "event": "recorded", "revision": new_rev, "message": msg})
                result.recorded += 1
            for chunk in _chunks(inserts, _CHUNK):
                conn.execute(verdicts_t.insert(), list(chunk))
            if updates:
                u = (
                    verdicts_t.update()
                    .where(verdicts_t.c.claim_id == bindparam("b_claim_id"))
                    .values(**{k: bindparam(k) for k in list(VERDICT_FIELDS) + ["revision", "updated_at", "source_workbook", "export_id", "carried_over"]})
                )
                for chunk in _chunks(updates, _CHUNK):
                    conn.execute(u, list(chunk))
            if confirms:
                u = verdicts_t.update().where(verdicts_t.c.claim_id == bindparam("b_claim_id")).values(carried_over=False, updated_at=bindparam("updated_at"))
                conn.execute(u, confirms)
            for chunk in _chunks(events, _CHUNK):
                conn.execute(history_t.insert(), list(chunk))
        return result

    def verdict_history_frame(self, claim_id: Optional[str] = None) -> pd.DataFrame:
        q = sa.select(history_t).order_by(history_t.c.id)
        if claim_id is not None:
            q = q.where(history_t.c.claim_id == claim_id)
        with self.transaction() as conn:
            rows = [dict(r) for r in conn.execute(q).mappings()]
        return _frame(rows, [c.name for c in history_t.columns], ints=["id"])

    def verdicts_frame(self) -> pd.DataFrame:
        with self.transaction() as conn:
            rows = [dict(r) for r in conn.execute(sa.select(verdicts_t).order_by(verdicts_t.c.claim_id)).mappings()]
        return _frame(rows, [c.name for c in verdicts_t.columns], ints=["revision"], bools=["carried_over"])

    # -- runs and status ----------------------------------------------------------------------

    def start_run(self, args: Optional[dict] = None) -> int:
        """Record a run; its id becomes the default ``run_id`` of add_reports and regroup."""
        with self.transaction() as conn:
            res = conn.execute(runs_t.insert().values(started_at=_now(), args=json.dumps(args or {}, default=str)))
            self.current_run = int(res.inserted_primary_key[0])
            return self.current_run

    def finish_run(self, run_id: int, counts: Optional[dict] = None) -> None:
        """counts: n_reports/reports, n_statements/statements, n_new_claims/new_claims."""
        counts = counts or {}
        values = {"finished_at": _now()}
        for k in ("n_reports", "n_statements", "n_new_claims"):
            v = counts.get(k, counts.get(k[2:]))
            if v is not None:
                values[k] = int(v)
        with self.transaction() as conn:
            conn.execute(runs_t.update().where(runs_t.c.run_id == run_id).values(**values))

    def last_run_id(self) -> Optional[int]:
        with self.transaction() as conn:
            return conn.execute(sa.select(sa.func.max(runs_t.c.run_id))).scalar()

    def runs_frame(self) -> pd.DataFrame:
        with self.transaction() as conn:
            rows = [dict(r) for r in conn.execute(sa.select(runs_t).order_by(runs_t.c.run_id)).mappings()]
        for row in rows:
            row["args"] = _loads(row["args"], {})
        return _frame(rows, [c.name for c in runs_t.columns], ints=["run_id"])

    def status(self) -> dict:
        """Counts for ``claims status``: ints (reports, statements, claims, ...) and two DataFrames:
        ``by_verdict`` (verdict, claims; "unreviewed" first) and ``by_report`` (report, title,
        date, statements, claims, reviewed)."""
        c, s, v, r = claims_t.c, statements_t.c, verdicts_t.c, reports_t.c
        with self.transaction() as conn:
            count = lambda t: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()  # noqa: E731
            by_verdict_rows = conn.execute(
                sa.select(v.verdict, sa.func.count())
                .select_from(claims_t.outerjoin(verdicts_t, v.claim_id == c.claim_id))
                .group_by(v.verdict)
            ).all()
            carried = conn.execute(sa.select(sa.func.count()).select_from(verdicts_t).where(v.carried_over.is_(True))).scalar_one()
            unassigned = conn.execute(sa.select(sa.func.count()).select_from(statements_t).where(s.claim_id.is_(None))).scalar_one()
            per_report = conn.execute(
                sa.select(
                    r.id,
                    r.title,
                    r.date,
                    r.n_statements,
                    sa.func.count(sa.distinct(s.claim_id)),
                    sa.func.count(sa.distinct(v.claim_id)),
                )
                .select_from(reports_t.outerjoin(statements_t, s.report == r.id).outerjoin(verdicts_t, sa.and_(v.claim_id == s.claim_id, v.verdict.isnot(None))))
                .group_by(r.id, r.title, r.date, r.n_statements)
                .order_by(r.date, r.id)
            ).all()
            last = conn.execute(sa.select(runs_t).order_by(runs_t.c.run_id.desc()).limit(1)).mappings().first()
            out = {
                "database": self.label,
                "database_id": self.database_id,
                "schema_version": self.schema_version,
                "created_at": self.created_at,
                "reports": count(reports_t),
                "statements": count(statements_t),
                "unassigned_statements": unassigned,
                "claims": count(claims_t),
                "speakers": count(speakers_t),
                "exports": count(exports_t),
                "runs": count(runs_t),
                "carried_over": carried,
            }
        by_verdict: dict[str, int] = {}
        for verdict, n in by_verdict_rows:
            key = verdict if verdict else "unreviewed"
            by_verdict[key] = by_verdict.get(key, 0) + n
        ordered = sorted(by_verdict.items(), key=lambda kv: (kv[0] != "unreviewed", -kv[1], kv[0]))
        out["by_verdict"] = _frame([{"verdict": k, "claims": n} for k, n in ordered], ["verdict", "claims"], ints=["claims"])
        out["by_report"] = _frame(
            [
                {"report": rid, "title": title, "date": date, "statements": n_st, "claims": n_cl, "reviewed": n_rev}
                for rid, title, date, n_st, n_cl, n_rev in per_report
            ],
            ["report", "title", "date", "statements", "claims", "reviewed"],
            ints=["statements", "claims", "reviewed"],
        )
        out["last_run"] = dict(last) if last else None
        return out


# --------------------------------------------------------------------------------------------

CLAIMS_FRAME_COLUMNS = (
    "claim_id",
    "text",
    "kind",
    "speaker",
    "role",
    "said_on",
    "venue",
    "n_reports",
    "first_report",
    "reports",
    "n_occurrences",
    "checkworthiness",
    "verdict",
    "evidence",
    "reviewer",
    "reviewed_on",
    "notes",
    "carried_over",
    "verdict_revision",
    "speaker_type",
    "first_date",
    "appearances",
    "check_reasons",
    "similar",
)
REVIEW_CLAIM_COLUMNS = (
    "claim_id",
    "text",
    "kind",
    "speaker",
    "role",
    "said_on",
    "venue",
    "n_reports",
    "first_report",
    "reports",
    "n_occurrences",
    "checkworthiness",
    "check_reasons",
    "verdict",
    "evidence",
    "reviewer",
    "reviewed_on",
    "notes",
    "verdict_revision",
    "carried_over",
    "similar",
)
OCCURRENCE_COLUMNS = ("claim_id", "statement_id", "report", "paragraph", "sentence", "speaker", "speaker_name", "kind", "text")
REPORT_COLUMNS = ("report", "title", "date", "source", "n_statements", "n_claims")
SPEAKER_COLUMNS = ("speaker_id", "name", "aliases", "type", "roles", "n_claims")


def _history_blank() -> dict:
    return {c.name: None for c in history_t.columns if c.name != "id"}


def _insert_rows(conn: sa.Connection, table: sa.Table, rows: Sequence[dict]) -> None:
    """``conn.execute(table.insert(), rows)`` in chunks; on SQLite, when no column needs
    SQLAlchemy's parameter processing or defaults, straight through the driver's executemany
    (SQLAlchemy's per-row parameter handling costs more than SQLite's insert itself)."""
    if not rows:
        return
    keys = rows[0].keys()
    used = [c for c in table.columns if c.name in keys]
    fast = conn.dialect.name == "sqlite" and len(used) == len(keys) and all(
        c.default is None and c.server_default is None for c in table.columns if c.name not in keys)
    if not fast:
        for chunk in _chunks(rows, _CHUNK):
            conn.execute(table.insert(), list(chunk))
        return
    names = [c.name for c in used]
    procs = [(j, p) for j, p in enumerate(c.type.bind_processor(conn.dialect) for c in used) if p is not None]
    sql = (f'INSERT INTO "{table.name}" (' + ", ".join(f'"{n}"' for n in names) + ") VALUES ("
           + ", ".join("?" * len(names)) + ")")
    for chunk in _chunks(rows, _CHUNK):
        params = [tuple(r[n] for n in names) for r in chunk]
        if procs:  # the type's own bind processing (Float: float(x)), as SQLAlchemy would do
            fixed = []
            for p in params:
                p = list(p)
                for j, proc in procs:
                    p[j] = proc(p[j])
                fixed.append(tuple(p))
            params = fixed
        conn.exec_driver_sql(sql, params)


def _pairs(df: Any, a: str, b: str) -> Iterable[tuple]:
    """``(rec.get(a), rec.get(b)) for rec in _records(df)``, without building the records."""
    if isinstance(df, pd.DataFrame) and df.columns.is_unique:
        if not len(df):
            return []
        cols = [df[c].tolist() if c in df.columns else [None] * len(df) for c in (a, b)]
        return zip(*cols)
    return [(rec.get(a), rec.get(b)) for rec in _records(df)]


def _records(df: Any) -> list[dict]:
    if df is None:
        return []
    if isinstance(df, pd.DataFrame):
        if not len(df):
            return []
        if not df.columns.is_unique:
            return df.to_dict("records")
        # what to_dict("records") gives (numpy scalars as Python ones), without its per-cell boxing
        cols = list(df.columns)
        return [dict(zip(cols, row)) for row in zip(*(df.iloc[:, j].tolist() for j in range(len(cols))))]
    return [dict(r) for r in df]


def _merge_lists(a: list, b: list) -> list:
    out = []
    for x in list(a or []) + list(b or []):
        x = _py(x)
        if x is not None and x not in out:
            out.append(x)
    return out


def _score(score: Any) -> str:
    if score is None:
        return "?"
    score = float(score)
    return str(round(score * 100 if score <= 1 else score))


def _one_line(e: BaseException) -> str:
    orig = getattr(e, "orig", None)
    text = str(orig if orig is not None else e)
    return text.strip().splitlines()[0] if text.strip() else type(e).__name__


def _sqlite_transactions(engine: sa.Engine) -> None:
    """Real transactions on SQLite: pysqlite's own BEGIN handling is switched off and every
    transaction starts with BEGIN, so DDL and reads are inside it too and a rollback leaves
    the file as it was. Rollback journal (DELETE), not WAL: the database stays one file."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):  # pragma: no cover - trivial
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=DELETE")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):  # pragma: no cover - trivial
        conn.exec_driver_sql("BEGIN")
