"""Checking a database: its integrity and the invariants claims relies on (``claims check-db``).

``check_database(db)`` opens the database read-only (a SQLite file that does not exist is not
created; nothing is ever written, migrated or locked) and returns the problems found, one row
each (DataFrame: ``check``, ``problem``, ``count``); an empty frame means clean. Checked:

    integrity       SQLite: ``PRAGMA integrity_check`` (pages, indexes, free lists)
    marker          the ``meta`` table with claims' database id and schema version (claims' own
                    database, not another application's)
    schema          a schema version this claims knows, and every table present
    statements      every statement has a claim, and that claim exists
    claims          every claim has at least one statement; its occurrence count is the number
                    of its statements
    speakers        every speaker a statement refers to exists
    reports         every report a statement refers to exists
    verdicts        every verdict belongs to an existing claim, and the current verdict is in the
                    history (an event with its revision)
    similar         every similar pair names existing claims

Problems are one line each, naming the check, how many rows, and up to five example ids.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Optional

import pandas as pd
import sqlalchemy as sa

from claims.errors import StoreError

from .schema import SCHEMA_VERSION, metadata
from .values import one_line

__all__ = ["check_database", "PROBLEM_COLUMNS"]

PROBLEM_COLUMNS = ["check", "problem", "count"]
EXAMPLES = 5


def _engine(db: str | os.PathLike) -> tuple[sa.Engine, str, bool]:
    raw = os.fspath(db)
    if "://" not in raw:
        path = Path(raw).expanduser().resolve()
        if not path.is_file():
            raise StoreError(f"{raw}: no such database file")
        uri = f"file:{path}?mode=ro"
        engine = sa.create_engine("sqlite://", creator=lambda: _sqlite_ro(uri), poolclass=sa.pool.NullPool)
        return engine, raw, True
    try:
        url = sa.engine.make_url(raw)
    except sa.exc.ArgumentError as e:
        raise StoreError(f"{raw}: not a database URL ({e})") from None
    label = url.render_as_string(hide_password=True)
    try:
        engine = sa.create_engine(url)
    except Exception as e:
        raise StoreError(f"{label}: cannot use this database ({one_line(e)})") from None
    return engine, label, url.get_backend_name() == "sqlite"


def _sqlite_ro(uri: str):
    import sqlite3

    conn = sqlite3.connect(uri, uri=True, timeout=5)
    conn.execute("PRAGMA query_only = 1")
    return conn


def check_database(db: str | os.PathLike) -> pd.DataFrame:
    """The problems of database ``db`` (a SQLite path or a SQLAlchemy URL), one row each;
    empty when it is sound. Raises StoreError (one line) when it cannot be opened at all."""
    engine, label, is_sqlite = _engine(db)
    problems: list[dict] = []

    def add(check: str, problem: str, count: int = 1) -> None:
        problems.append({"check": check, "problem": problem, "count": int(count)})

    try:
        with engine.connect() as conn:
            if not is_sqlite and conn.dialect.name == "postgresql":
                conn.exec_driver_sql("SET TRANSACTION READ ONLY")
            _run_checks(conn, is_sqlite, add)
    except sa.exc.SQLAlchemyError as e:
        add("integrity", f"cannot read the database: {one_line(e)}")
    finally:
        engine.dispose()
    return pd.DataFrame(problems, columns=PROBLEM_COLUMNS)


def _run_checks(conn: sa.Connection, is_sqlite: bool, add: Callable[..., None]) -> None:
    if is_sqlite:
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            for line in rows[:20]:
                add("integrity", f"SQLite integrity check: {' '.join(str(line).split())}")
            if len(rows) > 20:
                add("integrity", f"SQLite integrity check: {len(rows) - 20} more problem(s)", len(rows) - 20)
            return  # the rest would read a damaged file
    tables = set(sa.inspect(conn).get_table_names())
    if "meta" not in tables:
        add("marker", "no meta table: not a claims database (or its marker was removed)")
        return
    meta = dict(conn.execute(sa.text("SELECT key, value FROM meta")).all())
    if not meta.get("database_id"):
        add("marker", "meta has no database_id: not a claims database (or its marker was removed)")
    version = meta.get("schema_version")
    try:
        v = int(version) if version is not None else None
    except ValueError:
        v = None
    if v is None:
        add("schema", f"meta has no usable schema_version ({version!r})")
    elif v > SCHEMA_VERSION or v < 1:
        add("schema", f"schema version {v} is unknown to this claims (it knows 1 to {SCHEMA_VERSION})")
    missing = sorted(t for t in metadata.tables if t not in tables)
    if missing:
        add("schema", f"missing table(s): {', '.join(missing)}", len(missing))
        return

    def ids(check: str, what: str, sql: str) -> None:
        found = [r[0] for r in conn.execute(sa.text(sql)).all()]
        if found:
            shown = ", ".join(str(x) for x in found[:EXAMPLES]) + (", …" if len(found) > EXAMPLES else "")
            add(check, f"{len(found)} {what} (e.g. {shown})", len(found))

    ids("statements", "statement(s) without a claim",
        "SELECT id FROM statements WHERE claim_id IS NULL ORDER BY id")
    ids("statements", "statement(s) whose claim does not exist",
        "SELECT s.id FROM statements s WHERE s.claim_id IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM claims c WHERE c.claim_id = s.claim_id) ORDER BY s.id")
    ids("claims", "claim(s) without any statement",
        "SELECT c.claim_id FROM claims c WHERE NOT EXISTS "
        "(SELECT 1 FROM statements s WHERE s.claim_id = c.claim_id) ORDER BY c.claim_id")
    ids("claims", "claim(s) whose occurrence count is not the number of their statements",
        "SELECT c.claim_id FROM claims c JOIN (SELECT claim_id, count(*) AS n FROM statements "
        "WHERE claim_id IS NOT NULL GROUP BY claim_id) s ON s.claim_id = c.claim_id "
        "WHERE c.n_occurrences <> s.n ORDER BY c.claim_id")
    ids("speakers", "statement(s) whose speaker does not exist",
        "SELECT s.id FROM statements s WHERE s.speaker_id IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM speakers k WHERE k.speaker_id = s.speaker_id) ORDER BY s.id")
    ids("reports", "statement(s) whose report does not exist",
        "SELECT s.id FROM statements s WHERE NOT EXISTS "
        "(SELECT 1 FROM reports r WHERE r.id = s.report) ORDER BY s.id")
    ids("verdicts", "verdict(s) of a claim that does not exist",
        "SELECT v.claim_id FROM verdicts v WHERE NOT EXISTS "
        "(SELECT 1 FROM claims c WHERE c.claim_id = v.claim_id) ORDER BY v.claim_id")
    ids("verdicts", "current verdict(s) missing from the verdict history",
        "SELECT v.claim_id FROM verdicts v WHERE v.verdict IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM verdict_history h WHERE h.claim_id = v.claim_id AND h.revision = v.revision) "
        "ORDER BY v.claim_id")
    ids("similar", "similar pair(s) naming a claim that does not exist",
        "SELECT p.claim_id || ' ~ ' || p.similar_claim_id FROM similar_claims p WHERE NOT EXISTS "
        "(SELECT 1 FROM claims c WHERE c.claim_id = p.claim_id) OR NOT EXISTS "
        "(SELECT 1 FROM claims c WHERE c.claim_id = p.similar_claim_id) ORDER BY 1")


def problem_lines(problems: pd.DataFrame, label: Optional[str] = None) -> list[str]:
    """One line per problem, for the terminal."""
    prefix = f"{label}: " if label else ""
    return [f"{prefix}{check}: {problem}" for check, problem in zip(problems["check"], problems["problem"])]
