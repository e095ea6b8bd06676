"""The database: reports, statements, claims, speakers, verdicts and their history.

SQLAlchemy Core, no ORM. ``Store("reports/claims.db")`` opens (or creates) a SQLite file;
any SQLAlchemy URL works too (``postgresql+psycopg://user@host/db``). One batch of a run::

    with Store("reports/claims.db") as store:
        state = store.load_grouping_state()          # what grouping needs to know (claims.grouping)
        with store.transaction():                    # one batch = one write transaction
            added = store.add_reports(reports, statements, run_id=run)
            store.refresh_grouping_state(state)      # claims other commands committed meanwhile
            grouping = group_batch(added.statements_frame(), state, report_dates=added.report_dates)
            result = store.save_grouping(grouping, run_id=run)
        state.apply(grouping)
        store.grouping_stored(state, result)

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
    safety.py       checks on open, before any write: exists (``create=False``), claims' own, not corrupt

Every public method runs inside ``store.transaction()``: called inside one it joins it, called
outside it opens its own. A failure rolls everything back; a SQLite file is then byte-for-byte
unchanged (the transaction starts with an explicit BEGIN so that nothing is written before the
commit).

Two commands at once (concurrency by design). Writers take turns, readers never wait:

- ``store.transaction()`` is a *write* transaction: on SQLite it starts with ``BEGIN IMMEDIATE``
  (the write lock is taken first, so two writers queue instead of deadlocking on a read lock
  they both want to upgrade); on PostgreSQL it first takes a transaction-level advisory lock
  (``pg_try_advisory_xact_lock``, one per schema), so writers are serialised there too. A writer
  that has to wait says so on stderr after a few seconds ("waiting for another claims command
  to finish with …") and gives up with one line (StoreError) after ``CLAIMS_DB_TIMEOUT``
  seconds (default 600).
- ``store.transaction(write=False)`` is a read transaction: it never waits for a writer (SQLite
  in WAL mode; PostgreSQL READ ONLY) and cannot write (``PRAGMA query_only``; READ ONLY).
- Opening a database reads its schema in a read transaction and only when something must be
  created or migrated does it again under the write lock, so two commands creating the same
  schema at once take turns (no duplicate keys). A SQLite file is switched to WAL once it is
  known to be claims' own.
- ``store.retrying(fn)`` runs ``fn`` in a write transaction again (a few times) when PostgreSQL
  ends it with a serialization failure or a deadlock; the whole transaction is rolled back
  first, so ``fn`` must only depend on what it reads inside.
"""
from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path
from typing import Any, Iterator, Optional

import sqlalchemy as sa
from sqlalchemy import event

from claims.errors import StoreError

from .claims import ClaimsMixin, GroupResult
from .review import REVIEW_OCCURRENCES_PER_CLAIM, ReviewMixin
from .runs import RunsMixin
from .safety import check_database, check_sqlite_file as _check_sqlite_file, sqlite_error
from .search import FactcheckImport, SearchMixin
from .schema import (HISTORY_EVENTS, MIGRATIONS, SCHEMA_VERSION, VERDICT_FIELDS, metadata,
                     prepare_schema)
from .statements import AddResult, StatementsMixin
from .values import one_line
from .verdicts import ImportResult, VerdictsMixin

__all__ = [
    "AddResult", "FactcheckImport", "GroupResult", "HISTORY_EVENTS", "ImportResult", "MIGRATIONS",
    "REVIEW_OCCURRENCES_PER_CLAIM", "Retryable", "SCHEMA_VERSION", "Store", "VERDICT_FIELDS", "metadata",
]

DEFAULT_PATH = "reports/claims.db"
TIMEOUT_ENV = "CLAIMS_DB_TIMEOUT"  # seconds a writer waits for another one before giving up
DEFAULT_TIMEOUT = 600.0
NOTICE_AFTER = 2.0  # seconds of waiting before saying so on stderr
RETRY_ATTEMPTS = 5  # serialization failures / deadlocks retried (PostgreSQL)
SQLITE_CACHE_KIB = 64 * 1024  # page cache of a connection (SQLite default: 2 MiB)
SQLITE_WAL_AUTOCHECKPOINT = 20000  # WAL pages (4 KiB) before they are copied back; SQLite: 1000


def db_timeout() -> float:
    """Seconds a writer waits for another before giving up (``CLAIMS_DB_TIMEOUT``, default 600)."""
    raw = os.environ.get(TIMEOUT_ENV, "").strip()
    try:
        value = float(raw) if raw else DEFAULT_TIMEOUT
    except ValueError:
        value = DEFAULT_TIMEOUT
    return max(0.0, value)


class Retryable(StoreError):
    """A transaction ended by the database (serialization failure, deadlock): safe to run again."""


def _pgcode(e: BaseException) -> str:
    orig = getattr(e, "orig", e)
    return str(getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None) or "")


def _is_retryable(e: BaseException) -> bool:
    return _pgcode(e) in ("40001", "40P01")


def _is_read_only_violation(e: BaseException) -> bool:
    return _pgcode(e) == "25006" or "readonly database" in str(getattr(e, "orig", e)).lower()


def _is_locked(e: BaseException) -> bool:
    text = str(getattr(e, "orig", e)).lower()
    return "database is locked" in text or "database is busy" in text


def _is_url(s: str) -> bool:
    return "://" in s


class Store(StatementsMixin, ClaimsMixin, VerdictsMixin, ReviewMixin, RunsMixin, SearchMixin):
    """One claims database. ``Store(path_or_url)``; use as a context manager or call close().

    A plain path (``reports/claims.db``, ``x.sqlite``) is a SQLite file, its folder created;
    ``":memory:"`` an in-memory SQLite; anything with ``://`` a SQLAlchemy URL. One Store per
    thread (the open transaction is kept on the object)."""

    def __init__(self, url_or_path: str | os.PathLike = DEFAULT_PATH, *, echo: bool = False, create: bool = True,
                 cache_kib: Optional[int] = None):
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
            _check_sqlite_file(self.path, self.label, create)
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise StoreError(f"{self.path.parent}: cannot create the database folder ({e.strerror or e})") from None
        else:
            self.path = None
            self.label = url.render_as_string(hide_password=True)
        kwargs: dict[str, Any] = {"echo": echo, "future": True}
        if self.is_sqlite:
            kwargs["connect_args"] = {"timeout": db_timeout()}
            if self.path is None:  # in memory: one shared connection, or each sees its own db
                kwargs["poolclass"] = sa.pool.StaticPool
                kwargs["connect_args"]["check_same_thread"] = False
        try:
            self.engine = sa.create_engine(url, **kwargs)
        except Exception as e:  # missing driver, bad URL parts
            raise StoreError(f"{self.label}: cannot use this database ({one_line(e)})") from None
        self._conn: Optional[sa.Connection] = None
        self._write = True  # what the transaction being opened is (read by the begin listener)
        self._setup_transactions()
        self.current_run: Optional[int] = None  # set by start_run; the default run_id
        self.database_id: str = ""
        self.created_at: Optional[str] = None
        self.schema_version: int = 0
        self._create = create
        self._cache_kib = cache_kib or SQLITE_CACHE_KIB  # SQLite page cache of each connection
        self._open()

    # -- lifecycle ---------------------------------------------------------------------------

    def _open(self) -> None:
        try:
            try:  # the schema is read without waiting for a writer; written only when needed
                with self.transaction(write=False) as conn:
                    check_database(conn, self.label, is_sqlite=self.is_sqlite, create=self._create)
                    meta = prepare_schema(conn, self.label)
            except _ReadOnly:
                with self.transaction() as conn:  # under the write lock: one creator at a time
                    check_database(conn, self.label, is_sqlite=self.is_sqlite, create=self._create)
                    meta = prepare_schema(conn, self.label)
            self.database_id = meta["database_id"]
            self.created_at = meta["created_at"]
            self.schema_version = int(meta["schema_version"])
            self._use_wal()
        except StoreError:
            self.engine.dispose()
            raise
        except sa.exc.DatabaseError as e:
            self.engine.dispose()
            raise sqlite_error(e, self.label) or StoreError(f"{self.label}: cannot open the database ({one_line(e)})") from None
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
    def transaction(self, write: bool = True) -> Iterator[sa.Connection]:
        """``with store.transaction() as conn:`` — one transaction; nested calls join the outer one.

        ``write=True`` (the default) waits for the write lock first (see the module docstring);
        ``write=False`` is a read transaction that never waits and cannot write. Any exception
        rolls the whole transaction back (and is re-raised)."""
        if self._conn is not None:
            yield self._conn
            return
        self._write = write
        try:
            with self.engine.begin() as conn:
                self._conn = conn
                try:
                    yield conn
                finally:
                    self._conn = None
        except sa.exc.DBAPIError as e:
            if not write and _is_read_only_violation(e):
                raise _ReadOnly(f"{self.label}: {one_line(e)}") from None
            if _is_retryable(e):
                raise Retryable(f"{self.label}: {one_line(e)}") from None
            corrupt = sqlite_error(e, self.label)  # a corrupt SQLite file found mid-command: rolled back
            if corrupt is not None:
                raise corrupt from None
            if isinstance(e, sa.exc.OperationalError):
                raise StoreError(f"{self.label}: {one_line(e)}") from None
            raise

    def retrying(self, fn, attempts: int = RETRY_ATTEMPTS):
        """``fn()`` inside one write transaction, run again (up to ``attempts`` times in all) when
        the database ends the transaction with a serialization failure or a deadlock; returns
        what ``fn`` returns. Inside an open transaction ``fn`` just joins it (no retry)."""
        if self._conn is not None:
            return fn()
        for attempt in range(1, attempts + 1):
            try:
                with self.transaction():
                    return fn()
            except Retryable:
                if attempt == attempts:
                    raise
                time.sleep(0.05 * attempt)

    # -- concurrency -------------------------------------------------------------------------

    def _setup_transactions(self) -> None:
        if self.is_sqlite:
            @event.listens_for(self.engine, "connect")
            def _connect(dbapi_conn, _record):
                dbapi_conn.isolation_level = None  # pysqlite's own BEGIN handling off: ours below
                # In WAL mode NORMAL never corrupts the file and a crash never loses a committed
                # batch; only a power cut may drop the last commits (a resumed run redoes them).
                # FULL costs an fsync per batch. Other journal modes keep FULL.
                cur = dbapi_conn.cursor()
                try:
                    if str(cur.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
                        cur.execute("PRAGMA synchronous = NORMAL")
                    # Each batch inserts rows under random ids into five indexes: with SQLite's
                    # 2 MiB default page cache, most pages they touch had to be read again once
                    # the database outgrew it. Pages are allocated as used, up to this.
                    cur.execute(f"PRAGMA cache_size = {-int(self._cache_kib)}")
                    if SQLITE_WAL_AUTOCHECKPOINT:
                        cur.execute(f"PRAGMA wal_autocheckpoint = {int(SQLITE_WAL_AUTOCHECKPOINT)}")
                except Exception:  # locked or unreadable here: the command's own error says so
                    pass
                finally:
                    cur.close()

            @event.listens_for(self.engine, "begin")
            def _begin(conn):
                if not self._write:
                    conn.exec_driver_sql("PRAGMA query_only = 1")
                    conn.exec_driver_sql("BEGIN")
                    return
                conn.exec_driver_sql("PRAGMA query_only = 0")
                self._sqlite_begin_immediate(conn)
        elif self.url.get_backend_name() == "postgresql":
            @event.listens_for(self.engine, "begin")
            def _begin(conn):
                if not self._write:
                    conn.exec_driver_sql("SET TRANSACTION READ ONLY")
                    return
                self._pg_write_lock(conn)

    def _waiting_notice(self) -> None:
        print(f"waiting for another claims command to finish with {self.label} …", file=sys.stderr, flush=True)

    def _gave_up(self, waited: float) -> StoreError:
        return StoreError(f"{self.label}: another claims command kept the database busy for {waited:.0f} s; "
                          f"try again once it has finished ({TIMEOUT_ENV} sets how long to wait)")

    def _sqlite_begin_immediate(self, conn: sa.Connection) -> None:
        """BEGIN IMMEDIATE: wait for the write lock (a line on stderr after a few seconds), give
        up with one line after db_timeout()."""
        total = db_timeout()
        notice = min(NOTICE_AFTER, total)
        started = time.monotonic()
        conn.exec_driver_sql(f"PRAGMA busy_timeout = {int(notice * 1000)}")
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except sa.exc.OperationalError as e:
            if not _is_locked(e) or total <= notice:
                if _is_locked(e):
                    raise self._gave_up(time.monotonic() - started) from None
                raise
            self._waiting_notice()
            remaining = max(0.0, total - (time.monotonic() - started))
            conn.exec_driver_sql(f"PRAGMA busy_timeout = {int(remaining * 1000)}")
            try:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            except sa.exc.OperationalError as e2:
                if _is_locked(e2):
                    raise self._gave_up(time.monotonic() - started) from None
                raise
        conn.exec_driver_sql(f"PRAGMA busy_timeout = {int(total * 1000)}")

    def _pg_write_lock(self, conn: sa.Connection) -> None:
        """The schema's write lock (an advisory lock held until the transaction ends)."""
        total = db_timeout()
        started = time.monotonic()
        told = False
        sql = "SELECT pg_try_advisory_xact_lock(hashtext('claims write ' || current_schema()))"
        while True:
            if conn.exec_driver_sql(sql).scalar():
                return
            waited = time.monotonic() - started
            if waited >= total:
                raise self._gave_up(waited)
            if not told and waited >= NOTICE_AFTER:
                self._waiting_notice()
                told = True
            time.sleep(min(0.05 + waited / 20, 0.5))

    def _use_wal(self) -> None:
        """A SQLite file of claims' own is switched to WAL (once; it stays so): readers never
        wait for a writer, and a writer only for another writer."""
        if self.path is None:
            return
        raw = self.engine.raw_connection()
        try:
            cur = raw.cursor()
            cur.execute(f"PRAGMA busy_timeout = {int(NOTICE_AFTER * 1000)}")
            mode = cur.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal":
                cur.execute("PRAGMA journal_mode = WAL")
            cur.close()
        except Exception:  # busy or read-only: the rollback journal stays, writers still queue
            pass
        finally:
            raw.close()


class _ReadOnly(StoreError):
    """A read transaction tried to write (opening a database that needs its schema made)."""
