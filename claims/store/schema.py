"""The database schema: tables, the schema version, migrations, and opening a database.

Every table is defined here (SQLAlchemy Core). ``SCHEMA_VERSION`` is stored in ``meta``; a
database made by an older version is brought up to date by ``MIGRATIONS`` when opened, and one
made by a newer version is refused (``prepare_schema``).
"""
from __future__ import annotations

import uuid

import sqlalchemy as sa

from claims.errors import StoreError
from claims.types import STATEMENT_COLUMNS

from .values import now_iso

SCHEMA_VERSION = 6

HISTORY_EVENTS = ("recorded", "conflict", "confirmed", "carried_over")
VERDICT_FIELDS = ("verdict", "evidence", "reviewer", "reviewed_on", "notes")

STATEMENT_INT = {
    "content_start",
    "content_end",
    "speaker_start",
    "speaker_end",
    "cue_start",
    "cue_end",
    "paragraph",
}
STATEMENT_FLOAT = {"checkworthiness", "attribution_confidence"}
STATEMENT_JSON = {"content_spans", "check_reasons"}
STATEMENT_LIST = {"check_reasons"}  # JSON columns that are lists (never None) when read back

metadata = sa.MetaData()


def _statement_column(name: str) -> sa.Column:
    if name == "id":
        return sa.Column("id", sa.Text, primary_key=True)
    if name in STATEMENT_INT:
        return sa.Column(name, sa.Integer)
    if name in STATEMENT_FLOAT:
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
    sa.Column("text", sa.Text),  # the report text as decoded (offsets index it); None before schema 3
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


# Other fact-checkers' published checks (claims import-factchecks): reference claims shown
# beside the desk's own verdicts, never turned into one. ``key``: FactCheck.key (url + claim).
factchecks_t = sa.Table(
    "factchecks",
    metadata,
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("claim", sa.Text, nullable=False),
    sa.Column("rating", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("publisher", sa.Text),
    sa.Column("date", sa.Text),
    sa.Column("claimant", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("claim_date", sa.Text),
    sa.Column("source", sa.Text),  # the file it was imported from
    sa.Column("imported_at", sa.Text),
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


def _add_column(conn: sa.Connection, table: str, column: str, sql_type: str) -> None:
    """Add *column* to *table* unless it is there; a database without the table gets the
    current tables instead (they have the column)."""
    insp = sa.inspect(conn)
    if not insp.has_table(table):
        metadata.create_all(conn, checkfirst=True)
        return
    if column not in {c["name"] for c in insp.get_columns(table)}:
        conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}")


def _migrate_v3_report_text(conn: sa.Connection) -> None:
    """reports.text: the report text, for the workbook's paragraph context and the report view
    (claims/report_view.py). Reports stored before stay NULL: their context falls back to the
    statement's sentence, and the report view reads the source file when it is still there."""
    _add_column(conn, "reports", "text", "TEXT")


def _migrate_v4_search(conn: sa.Connection) -> None:
    """Full-text search: the factchecks table and the index of claims and fact-checks
    (claims.store.search), filled with the claims stored so far."""
    metadata.create_all(conn, checkfirst=True)
    from .search import build_search_index

    build_search_index(conn)


def _migrate_v5_attribution_confidence(conn: sa.Connection) -> None:
    """statements.attribution_confidence: how sure extraction is of who said it (0-1; NULL for
    the report's own claims and for statements stored before)."""
    _add_column(conn, "statements", "attribution_confidence", "REAL")


def _migrate_v6_search_vectors(conn: sa.Connection) -> None:
    """claim_search_vectors: sentence vectors of fact-checks and reviewed claims for "checked
    before" (claims.retrieval.vectors). Created empty: with claims[embeddings] installed they
    are made at the first lookup."""
    from .search import SEARCH_INDEX
    from claims.errors import StoreError

    try:
        if SEARCH_INDEX.exists(conn):
            SEARCH_INDEX.vectors.create(conn)
    except StoreError:  # no full-text index (an SQLite without FTS5): nothing to add vectors to
        pass


# version -> callable(conn) bringing a database from version-1 to version.
MIGRATIONS = {1: _migrate_v1, 2: _migrate_v2, 3: _migrate_v3_report_text, 4: _migrate_v4_search,
              5: _migrate_v5_attribution_confidence, 6: _migrate_v6_search_vectors}
assert max(MIGRATIONS) == SCHEMA_VERSION


def history_blank() -> dict:
    """A verdict_history row with every column None (events fill in theirs)."""
    return {c.name: None for c in history_t.columns if c.name != "id"}


def prepare_schema(conn: sa.Connection, label: str) -> dict:
    """Create or migrate the tables and fill in ``meta``; returns the meta rows
    (schema_version, database_id, created_at). Refuses a database newer than this code."""
    insp = sa.inspect(conn)
    version = None
    if insp.has_table("meta"):
        rows = dict(conn.execute(sa.select(meta_t.c.key, meta_t.c.value)).all())
        version = int(rows["schema_version"]) if rows.get("schema_version") else None
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(
                f"{label}: database schema version {version} is newer than this "
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
        new["created_at"] = now_iso()
    for k, v in new.items():
        if k in rows:
            conn.execute(meta_t.update().where(meta_t.c.key == k).values(value=v))
        else:
            conn.execute(meta_t.insert().values(key=k, value=v))
    rows.update(new)
    return rows
