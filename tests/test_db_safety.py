"""A failed command changes no database and no old file: another application's SQLite file, a
database that does not exist, a corrupt SQLite file, a run whose inputs are unusable, a full
disk. Every failure is one line with exit status 1. Run as the real command (a subprocess)."""
from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from claims.errors import ClaimsError, StoreError
from claims.files import atomic_write
from claims.store import Store
from conftest import SEEDS

REPO = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("CLAIMS_TEST_POSTGRES_URL")


def claims(*args, cwd=None):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "claims.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=300, env=env)


def sha(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def one_line_failure(done, *needles):
    assert done.returncode == 1, (done.stdout, done.stderr)
    err = done.stderr.strip()
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    for n in needles:
        assert n in err, err
    return err


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    """A claims database made by a real run on the seeds, and its review workbook."""
    d = tmp_path_factory.mktemp("reviewed")
    done = claims("run", SEEDS, "--db", d / "claims.db", "-o", d / "review.xlsx", "--workers", "1")
    assert done.returncode == 0, done.stderr
    return d / "claims.db", d / "review.xlsx"


# --------------------------------------------------------------------------- another application's file


def foreign_sqlite(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO users VALUES (1, 'ann')")
    con.commit()
    con.close()
    return path


def test_store_refuses_another_applications_sqlite_file(tmp_path):
    path = foreign_sqlite(tmp_path / "other.sqlite")
    before = sha(path)
    for create in (True, False):
        with pytest.raises(StoreError) as e:
            Store(path, create=create)
        assert "not a claims database" in str(e.value) and "users" in str(e.value)
        assert sha(path) == before
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("just text\n")
    with pytest.raises(StoreError, match="not a SQLite database"):
        Store(not_sqlite)
    assert not_sqlite.read_text() == "just text\n"


def command_args(command, tmp_path, reviewed) -> list:
    """The arguments (all but --db) of one of the commands that open a database."""
    return {
        "run": ["run", SEEDS, "-o", tmp_path / "r.xlsx", "--workers", "1"],
        "status": ["status"],
        "import": ["import", reviewed[1]],
        "export": ["export", "-o", tmp_path / "x.csv"],
    }[command]


@pytest.mark.parametrize("command", ["run", "status", "import", "export"])
def test_every_command_refuses_another_applications_sqlite_file(tmp_path, reviewed, command):
    path = foreign_sqlite(tmp_path / "other.sqlite")
    before = sha(path)
    args = command_args(command, tmp_path, reviewed)
    done = claims(*args, "--db", path)
    one_line_failure(done, "other.sqlite", "not a claims database")
    assert sha(path) == before
    assert not (tmp_path / "r.xlsx").exists() and not (tmp_path / "x.csv").exists()


def test_store_refuses_a_postgres_schema_of_another_application():
    if not PG_URL:
        pytest.skip("CLAIMS_TEST_POSTGRES_URL not set")
    from claims import store as store_mod

    engine = sa.create_engine(PG_URL)
    store_mod.metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS other_app_users")
        conn.exec_driver_sql("CREATE TABLE other_app_users (id integer primary key)")
    try:
        with pytest.raises(StoreError, match="not a claims database"):
            Store(PG_URL)
        assert "meta" not in sa.inspect(engine).get_table_names()
    finally:
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS other_app_users")
        engine.dispose()


# --------------------------------------------------------------------------- a database that does not exist


def test_only_run_creates_a_database(tmp_path, reviewed):
    missing = tmp_path / "sub" / "new.db"
    for args in (["status"], ["import", reviewed[1]], ["export", "-o", tmp_path / "x.csv"]):
        done = claims(*args, "--db", missing)
        one_line_failure(done, "no database at", "new.db")
        assert not missing.exists() and not missing.parent.exists()
    with pytest.raises(StoreError, match="no database at"):
        Store(missing, create=False)
    assert not missing.parent.exists()
    done = claims("run", SEEDS, "--db", missing, "-o", tmp_path / "r.xlsx", "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert missing.is_file()
    assert claims("status", "--db", missing).returncode == 0


# --------------------------------------------------------------------------- a failed run writes nothing


def _runs(db: Path) -> list:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT run_id, finished_at FROM runs ORDER BY run_id").fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("bad", ["missing path", "output under a file", "unreachable dask"])
def test_failed_run_leaves_no_unfinished_run(tmp_path, reviewed, bad):
    db = tmp_path / "claims.db"
    shutil.copy(reviewed[0], db)
    before, runs = sha(db), _runs(db)
    (tmp_path / "afile").write_text("x")
    (tmp_path / "afolder").mkdir()
    args = {"paths": [SEEDS], "-o": tmp_path / "out" / "review.xlsx"}
    extra: list = []
    needle = ""
    if bad == "missing path":
        args["paths"] = [SEEDS, tmp_path / "nope"]
        needle = "nope"
    elif bad == "output under a file":
        args["-o"] = tmp_path / "afile" / "sub" / "review.xlsx"
        needle = "afile"
    else:
        extra = ["--dask", "tcp://127.0.0.1:9"]
        needle = "127.0.0.1:9"
    done = claims("run", *args["paths"], "--db", db, "-o", args["-o"], "--workers", "1", *extra)
    one_line_failure(done, needle)
    assert sha(db) == before and _runs(db) == runs
    # and with no database yet: none is created
    fresh = tmp_path / "fresh" / "claims.db"
    done = claims("run", *args["paths"], "--db", fresh, "-o", args["-o"], "--workers", "1", *extra)
    one_line_failure(done, needle)
    assert not fresh.exists()


# --------------------------------------------------------------------------- a corrupt SQLite file


def corrupt(src: Path, dst: Path) -> Path:
    """A copy of ``src`` with garbage over two of its b-tree pages (not the header page)."""
    shutil.copy(src, dst)
    con = sqlite3.connect(dst)
    page = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'statements'").fetchone()[0]
    n = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    with open(dst, "r+b") as fh:
        for p in {root, n // 2}:
            if p > 1:
                fh.seek((p - 1) * page)
                fh.write(os.urandom(page))
    return dst


@pytest.mark.parametrize("command", ["run", "status", "import", "export"])
def test_corrupt_sqlite_file_one_line_nothing_written(tmp_path, reviewed, command):
    db = corrupt(reviewed[0], tmp_path / "claims.db")
    before = sha(db)
    args = command_args(command, tmp_path, reviewed)
    done = claims(*args, "--db", db)
    err = one_line_failure(done, "database disk image is malformed", str(db))
    assert sha(db) == before, err
    assert not (tmp_path / "claims.db-journal").exists()


# --------------------------------------------------------------------------- a full disk


@pytest.fixture
def tiny_disk(tmp_path):
    """A 64 KiB tmpfs (root only); skipped where it cannot be mounted."""
    d = tmp_path / "tiny"
    d.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(d)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    yield d
    subprocess.run(["umount", str(d)], capture_output=True)


def test_output_path_checks(tmp_path):
    from claims.files import check_output_path, make_parent

    (tmp_path / "afile").write_text("x")
    (tmp_path / "afolder").mkdir()
    with pytest.raises(ClaimsError, match="is a folder"):
        check_output_path(tmp_path / "afolder")
    with pytest.raises(ClaimsError, match="afile is a file, not a folder"):
        make_parent(tmp_path / "afile" / "a" / "b.csv")
    make_parent(tmp_path / "new" / "deeper" / "b.csv")
    assert (tmp_path / "new" / "deeper").is_dir()


def test_atomic_write_full_disk_keeps_old_file(tiny_disk):
    target = tiny_disk / "out.csv"
    target.write_text("old\n")

    def write(tmp):
        with open(tmp, "wb") as fh:
            fh.write(b"x" * 200_000)

    with pytest.raises(ClaimsError) as e:
        atomic_write(target, write)
    assert "disk is full" in str(e.value) and str(target) in str(e.value)
    assert target.read_text() == "old\n"
    assert os.listdir(tiny_disk) == ["out.csv"]


@pytest.mark.parametrize("what", ["export", "workbook"])
def test_full_disk_is_one_line_and_old_file_intact(tmp_path, reviewed, tiny_disk, what):
    db = tmp_path / "claims.db"
    shutil.copy(reviewed[0], db)
    filler = tiny_disk / "filler"
    filler.write_bytes(b"f" * 14 * 4096)  # 14 of the 16 pages: one left for the new file's start
    if what == "export":
        target = tiny_disk / "claims.csv"
        target.write_text("old export\n")
        done = claims("export", "--format", "csv", "-o", target, "--db", db)
    else:
        target = tiny_disk / "review.xlsx"
        target.write_text("old workbook\n")
        # --force: the old file is not a review workbook, so run would refuse to replace it
        # otherwise; it keeps a dated backup first, and that small copy still fits.
        done = claims("run", SEEDS, "--db", db, "-o", target, "--workers", "1", "--force")
    one_line_failure(done, str(target), "disk is full")
    assert target.read_text().startswith("old")
    left = sorted(os.listdir(tiny_disk))
    backups = [n for n in left if n.startswith("review.") and n != target.name]
    assert sorted(set(left) - set(backups)) == sorted(["filler", target.name])
    assert all((tiny_disk / b).read_text().startswith("old") for b in backups)


def test_file_size_limit_is_one_line(tmp_path):
    """Where no tmpfs can be mounted: RLIMIT_FSIZE makes writes fail the same way (EFBIG)."""
    target = tmp_path / "out.bin"
    target.write_text("old\n")
    code = f"""
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (10_000, 10_000))
from claims.errors import ClaimsError
from claims.files import atomic_write
def write(tmp):
    with open(tmp, "wb") as fh:
        fh.write(b"x" * 100_000)
try:
    atomic_write({str(target)!r}, write)
except ClaimsError as e:
    print(e)
    sys.exit(1)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 1 and "larger than this system allows" in done.stdout, done.stderr
    assert target.read_text() == "old\n" and os.listdir(tmp_path) == ["out.bin"]


# --------------------------------------------------------------------------- unreadable rows, through the command


@pytest.mark.parametrize("how", ["formula without result", "claim id cleared"])
def test_import_refuses_an_unreadable_row_database_untouched(tmp_path, reviewed, how):
    import openpyxl

    db = tmp_path / "claims.db"
    shutil.copy(reviewed[0], db)
    book = tmp_path / "review.xlsx"
    wb = openpyxl.load_workbook(reviewed[1])
    ws = wb["Review"]
    head = {c.value: c.column for c in ws[1] if c.value}
    ws.cell(2, head["Verdict"]).value = "False"
    ws.cell(3, head["Verdict"]).value = '=IF(1,"Verified","False")' if how == "formula without result" else "Verified"
    if how == "claim id cleared":
        ws.cell(3, head["Claim ID"]).value = None
    wb.save(book)
    before = sha(db)
    done = claims("import", book, "--db", db)
    one_line_failure(done, "'Review' row 3", "formula" if how == "formula without result" else "Claim ID")
    assert sha(db) == before
