"""What is checked before a database is written to: that it exists (commands that only read or
import never create one), that it is claims' own (a SQLite file or PostgreSQL schema holding
another application's tables is refused untouched), and that a SQLite file is not corrupt
(``PRAGMA quick_check`` on open: about 0.4 s for a 100 MB file).

Every refusal is one StoreError line, raised before anything is written.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import sqlalchemy as sa

from claims.errors import StoreError

SQLITE_HEADER = b"SQLite format 3\x00"
MARKER_KEYS = ("database_id", "schema_version")  # rows of claims' meta table


def check_sqlite_file(path: Path, label: str, create: bool) -> None:
    """Refuse, before SQLite opens (and so creates) it: a missing file when ``create`` is
    False, a folder, a file that is not a SQLite database."""
    try:
        if path.is_dir():
            raise StoreError(f"{label}: is a folder, not a database file")
        if not path.exists():
            if not create:
                raise StoreError(f"no database at {label} (`claims run` creates it)")
            return
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except OSError as e:
        raise StoreError(f"{label}: cannot read the database ({e.strerror or e})") from None
    if head and head != SQLITE_HEADER:
        raise StoreError(f"{label}: not a SQLite database; nothing was changed")


def check_database(conn: sa.Connection, label: str, *, is_sqlite: bool, create: bool) -> None:
    """Inside the opening transaction, before the schema is created or migrated: refuse a
    corrupt SQLite file, a database holding tables but not claims' marker (the meta table with
    its database id), and an empty one when ``create`` is False."""
    if is_sqlite:
        rows = conn.exec_driver_sql("PRAGMA quick_check(1)").all()
        if not rows or str(rows[0][0]).lower() != "ok":
            raise StoreError(f"database disk image is malformed: {label}")
    tables = set(sa.inspect(conn).get_table_names())
    if not tables:
        if not create:
            raise StoreError(f"no claims database at {label} (`claims run` creates it)")
        return
    if "meta" in tables:
        try:
            keys = set(conn.exec_driver_sql("SELECT key FROM meta").scalars())
        except sa.exc.DBAPIError:
            keys = set()
        if all(k in keys for k in MARKER_KEYS):
            return
    shown = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
    raise StoreError(f"{label}: not a claims database (it holds other tables: {shown}); nothing was changed")


def sqlite_error(e: BaseException, label: str) -> Optional[StoreError]:
    """A corrupt or foreign SQLite file's error as one line, or None for other errors."""
    text = str(getattr(e, "orig", e) or "").lower()
    if "malformed" in text:
        return StoreError(f"database disk image is malformed: {label}")
    if "file is not a database" in text:
        return StoreError(f"{label}: not a SQLite database; nothing was changed")
    return None
