"""``claims check-db`` / ``claims.check_db``: integrity and invariants, one line per problem."""
from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa

import claims
from claims.errors import StoreError
from conftest import SEEDS, pg_url_in_schema

REPO = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("CLAIMS_TEST_POSTGRES_URL")


def cli(*args) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "claims.cli", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=300)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def reviewed_db(tmp_path_factory) -> Path:
    """The seeds run, two verdicts imported: a sound database (copied per test)."""
    tmp = tmp_path_factory.mktemp("checkdb")
    db, book = tmp / "claims.db", tmp / "review.xlsx"
    claims.run([SEEDS], db=db, output=book, workers=1)
    wb = openpyxl.load_workbook(book)
    ws = wb["Review"]
    header = [c.value for c in ws[1]]
    id_col, verdict_col = header.index("Claim ID"), header.index("Verdict")
    rows = [r for r in ws.iter_rows(min_row=2) if r[id_col].value]
    rows[0][verdict_col].value = "False"
    rows[-1][verdict_col].value = "Verified"
    wb.save(book)
    claims.import_workbook(book, db=db)
    return db


@pytest.fixture
def db(reviewed_db, tmp_path) -> Path:
    path = tmp_path / "claims.db"
    path.write_bytes(reviewed_db.read_bytes())
    return path


def test_sound_database_has_no_problems_and_is_not_touched(db):
    before = sha(db)
    assert claims.check_db(db=db).empty
    done = cli("check-db", "--db", db)
    assert done.returncode == 0, done.stderr
    assert "no problems found" in done.stdout
    assert sha(db) == before


def _break(db: Path, *sql: str) -> None:
    con = sqlite3.connect(db)
    for s in sql:
        con.execute(s)
    con.commit()
    con.close()


@pytest.mark.parametrize("sql, check, words", [
    (["UPDATE statements SET claim_id = NULL WHERE id = (SELECT min(id) FROM statements)"],
     "statements", "without a claim"),
    (["UPDATE statements SET claim_id = 'CNOPE' WHERE id = (SELECT min(id) FROM statements)"],
     "statements", "claim does not exist"),
    (["INSERT INTO claims (claim_id, text, n_occurrences, n_reports) VALUES ('CLONELY', 'x', 1, 1)"],
     "claims", "without any statement"),
    (["UPDATE claims SET n_occurrences = n_occurrences + 1 WHERE claim_id = (SELECT min(claim_id) FROM claims)"],
     "claims", "occurrence count"),
    (["DELETE FROM speakers WHERE speaker_id = (SELECT min(speaker_id) FROM statements)"],
     "speakers", "speaker does not exist"),
    (["DELETE FROM reports WHERE id = (SELECT min(report) FROM statements)"],
     "reports", "report does not exist"),
    (["DELETE FROM verdict_history"], "verdicts", "missing from the verdict history"),
    (["INSERT INTO verdicts (claim_id, verdict, revision, carried_over) VALUES ('CGONE', 'False', 1, 0)"],
     "verdicts", "claim that does not exist"),
    (["INSERT INTO similar_claims (claim_id, similar_claim_id, score) VALUES ('CGONE', 'CGONE2', 0.9)"],
     "similar", "does not exist"),
    (["UPDATE meta SET value = '99' WHERE key = 'schema_version'"], "schema", "unknown"),
    (["DELETE FROM meta WHERE key = 'database_id'"], "marker", "database_id"),
    (["DROP TABLE similar_claims"], "schema", "similar_claims"),
])
def test_each_broken_invariant_is_one_line(db, sql, check, words):
    _break(db, *sql)
    before = sha(db)
    problems = claims.check_db(db=db)
    assert len(problems) >= 1
    assert check in set(problems["check"]), problems
    assert any(words in p for p in problems["problem"]), problems
    done = cli("check-db", "--db", db)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == len(problems)
    assert any(f"{check}: " in line and words in line for line in lines)
    assert sha(db) == before  # checking never writes


def test_corrupted_pages_are_reported(db):
    # overwrite pages in the middle of the file (not the header): SQLite's integrity check finds it
    data = bytearray(db.read_bytes())
    page = 4096
    assert len(data) > 6 * page
    for i in range(3 * page + 100, 5 * page):
        data[i] = 0xA5
    db.write_bytes(bytes(data))
    done = cli("check-db", "--db", db)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stdout.strip() or done.stderr.strip()
    assert all(len(line) < 400 for line in (done.stdout + done.stderr).splitlines())


def test_foreign_sqlite_file_is_not_a_claims_database(tmp_path):
    path = tmp_path / "other.sqlite"
    _break(path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    before = sha(path)
    done = cli("check-db", "--db", path)
    assert done.returncode == 1
    assert "marker" in done.stdout and "not a claims database" in done.stdout
    assert sha(path) == before


def test_missing_file_is_not_created(tmp_path):
    path = tmp_path / "nope.db"
    with pytest.raises(StoreError):
        claims.check_db(db=path)
    done = cli("check-db", "--db", path)
    assert done.returncode == 1 and "no such database file" in done.stderr
    assert "Traceback" not in done.stderr
    assert not path.exists()


def test_postgres_database_checked(tmp_path):
    if not PG_URL:
        pytest.skip("CLAIMS_TEST_POSTGRES_URL not set")
    name = "ck_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(PG_URL)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{name}"')
    url = pg_url_in_schema(PG_URL, name)
    try:
        claims.run([SEEDS], db=url, output=None, workers=1)
        assert claims.check_db(db=url).empty
        with admin.begin() as conn:
            conn.exec_driver_sql(f'UPDATE "{name}".statements SET claim_id = NULL WHERE id = '
                                 f'(SELECT min(id) FROM "{name}".statements)')
        problems = claims.check_db(db=url)
        assert "statements" in set(problems["check"])
        done = cli("check-db", "--db", url)
        assert done.returncode == 1 and "without a claim" in done.stdout
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{name}" CASCADE')
        admin.dispose()
