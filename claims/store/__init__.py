"""The database: reports, statements, claims, speakers, verdicts and their history.

SQLAlchemy Core, no ORM. ``Store("reports/claims.db")`` opens (or creates) a SQLite file;
any SQLAlchemy URL works too (``postgresql+psycopg://user@host/db``). One batch of a run::

    with Store("reports/claims.db") as store:
        state = store.load_grouping_state()          # what grouping needs to know (claims.grouping)
        with store.transaction():                    # one batch = one transaction
            added = store.add_reports(reports, statements, run_id=run)
            grouping = group_batch(added.statements_frame(), state, report_dates=added.report_dates)
            store.save_grouping(grouping, run_id=run)
        state.apply(grouping)

The store never groups: it writes what claims.grouping decided and reads back what grouping
needs at the start. Where each job lives:

    schema.py       tables, schema version, migrations
    statements.py   reports and statements (stored once, by text hash)
    claims.py       writing grouping results (claims, similar claims, speakers); grouping state
    verdicts.py     verdict scale, importing a reviewed workbook, carried-over verdicts, history
    conflicts.py    conflict detection for one reviewed row
    review.py       the review query: ReviewData for the workbook, claims frame for exports
    search.py       full-text index of claims and imported fact-checks, search, "checked before"
    runs.py         runs, exports, status
    values.py       values between pandas, Python and the drivers; bulk writes

Every public method runs inside ``store.transaction()``: called inside one it joins it, called
outside it opens its own. A failure rolls everything back; a SQLite file is then byte-for-byte
unchanged (rollback journal, not WAL; the transaction starts with an explicit BEGIN so that
nothing is written before the commit).
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any, Iterator, Optional

import sqlalchemy as sa

from claims.errors import StoreError

from .claims import ClaimsMixin, GroupResult
from .review import REVIEW_OCCURRENCES_PER_CLAIM, ReviewMixin
from .runs import RunsMixin
from .search import FactcheckImport, SearchMixin
from .schema import (HISTORY_EVENTS, MIGRATIONS, SCHEMA_VERSION, VERDICT_FIELDS, metadata,
                     prepare_schema)
from .statements import AddResult, StatementsMixin
from .values import one_line, sqlite_transactions
from .verdicts import ImportResult, VerdictsMixin

__all__ = [
    "AddResult", "FactcheckImport", "GroupResult", "HISTORY_EVENTS", "ImportResult", "MIGRATIONS",
    "REVIEW_OCCURRENCES_PER_CLAIM", "SCHEMA_VERSION", "Store", "VERDICT_FIELDS", "metadata",
]

DEFAULT_PATH = "reports/claims.db"


def _is_url(s: str) -> bool:
    return "://" in s


class Store(StatementsMixin, ClaimsMixin, VerdictsMixin, ReviewMixin, RunsMixin, SearchMixin):
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
            raise StoreError(f"{self.label}: cannot use this database ({one_line(e)})") from None
        if self.is_sqlite:
            sqlite_transactions(self.engine)
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
                meta = prepare_schema(conn, self.label)
                self.database_id = meta["database_id"]
                self.created_at = meta["created_at"]
                self.schema_version = int(meta["schema_version"])
        except StoreError:
            self.engine.dispose()
            raise
        except (sa.exc.SQLAlchemyError, OSError, ValueError) as e:
            self.engine.dispose()
            raise StoreError(f"{self.label}: cannot open the database ({one_line(e)})") from None

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
            raise StoreError(f"{self.label}: {one_line(e)}") from None


