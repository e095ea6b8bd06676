"""Corpus-scale behaviour of ``claims run``: worker processes, Dask, and resuming after a kill.

The corpus is generated from the seed reports with names and numbers changed, so every
report is different and the tests need nothing outside the repository.
"""
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

import claims
from conftest import SEEDS

CLAIMS = shutil.which("claims")

NAMES = ["Ana Ruiz", "Tom Berg", "Li Wei", "Sara Cole", "Omar Haddad", "Jean Dupont", "Maria Costa"]


def make_corpus(folder: Path, n: int, seed: int = 7) -> Path:
    """n reports made from the seed sentences, shuffled, with numbers and a name changed."""
    rng = random.Random(seed)
    sentences = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8-sig")
        text = re.sub(r"^\s*date \S+\s*", "", text)
        sentences += [line for line in text.splitlines() if len(line.split()) > 5]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        picked = rng.sample(sentences, k=min(8, len(sentences)))
        body = "\n\n".join(picked)
        body = re.sub(r"\d+", lambda m: str(int(m.group()) + i), body)
        body = body.replace("Merten", rng.choice(NAMES).split()[1])
        (folder / f"r{i:05d}.txt").write_text(f" date 2018-07-{1 + i % 28:02d} {body}\n", encoding="utf-8")
    return folder


def db_content(path: Path) -> dict:
    """What a run stored, without timestamps and run ids (which differ between runs)."""
    con = sqlite3.connect(path)
    try:
        out = {}
        for table, key in (("reports", "id"), ("statements", "id"), ("claims", "claim_id")):
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
            keep = [c for c in cols if not re.search(r"(_at|run_id)$", c)]
            out[table] = con.execute(f"SELECT {', '.join(keep)} FROM {table} ORDER BY {key}").fetchall()
        # the full-text index ("checked before", search) holds the same documents
        out["search"] = con.execute("SELECT k.kind, k.key, t.body, t.title FROM claim_search_keys AS k "
                                    "JOIN claim_search AS t ON t.rowid = k.id ORDER BY k.kind, k.key").fetchall()
        return out
    finally:
        con.close()


def test_worker_processes_store_exactly_what_one_process_stores(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", 40)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    s1 = claims.run([corpus], db=one, output=None, workers=1)
    s2 = claims.run([corpus], db=two, output=None, workers=2)
    assert s1.reports_stored == s2.reports_stored == 40
    assert s1.statements == s2.statements > 0
    assert db_content(one) == db_content(two)


def test_dask_local_cluster_stores_what_one_process_stores(tmp_path):
    pytest.importorskip("dask.distributed")
    corpus = make_corpus(tmp_path / "corpus", 20)
    one, dask_db = tmp_path / "one.db", tmp_path / "dask.db"
    claims.run([corpus], db=one, output=None, workers=1)
    summary = claims.run([corpus], db=dask_db, output=None, workers=2, dask="local")
    assert summary.reports_stored == 20
    assert db_content(one) == db_content(dask_db)


@pytest.mark.skipif(CLAIMS is None, reason="the claims command is not installed")
def _processes_holding(path, within: float) -> list[int]:
    """Pids of the other processes with ``path`` open, once none is left or ``within`` seconds
    pass (read from /proc; an empty list where there is no /proc)."""
    deadline = time.monotonic() + within
    while True:
        pids = []
        for d in Path("/proc").glob("[0-9]*"):
            if d.name == str(os.getpid()):
                continue  # (this test's own read-only peeks at the database)
            try:
                if any(os.readlink(fd) == str(path) for fd in (d / "fd").iterdir()):
                    pids.append(int(d.name))
            except OSError:
                continue  # gone, or not ours to read
        if not pids or time.monotonic() > deadline:
            return pids
        time.sleep(0.2)


def test_a_killed_run_resumes_to_the_same_database(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", 400)
    reference, killed = tmp_path / "reference.db", tmp_path / "killed.db"
    # Claims and speakers are grouped batch by batch as they are stored (memory stays flat), so
    # the reference uses the same batches: same input + same batch size = same database.
    # (small batches: the background writer commits 16 at once, and the kill must come between)
    claims.run([corpus], db=reference, output=None, workers=1, batch_size=10)

    args = [CLAIMS, "run", str(corpus), "--db", str(killed), "--workers", "1", "--batch-size", "10",
            "-o", str(tmp_path / "review.xlsx")]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
        if killed.exists():
            try:
                con = sqlite3.connect(f"file:{killed}?mode=ro", uri=True, timeout=0.1)
                stored = con.execute("SELECT count(*) FROM reports").fetchone()[0]
                con.close()
            except sqlite3.Error:
                continue
            if stored >= 60:
                break
    assert process.poll() is None, "the run finished before it could be killed; make the corpus bigger"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert 0 < stored < 400
    # the killed run's writer process (forked, holding the database open) ends with it
    left = _processes_holding(killed, within=30)
    assert left == [], [Path(f"/proc/{pid}/cmdline").read_bytes()[:200] for pid in left]

    resumed = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert "already stored" in resumed.stdout
    assert db_content(killed) == db_content(reference)


def test_rerun_adds_nothing_and_new_reports_join(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", 10)
    db = tmp_path / "c.db"
    first = claims.run([corpus], db=db, output=None, workers=1)
    again = claims.run([corpus], db=db, output=None, workers=1)
    assert again.reports_stored == 0 and again.reports_skipped.get("already stored") == 10
    assert again.claims == first.claims and again.new_claims == 0
    make_corpus(tmp_path / "more", 3, seed=99)
    more = claims.run([tmp_path / "more"], db=db, output=None, workers=1)
    assert more.reports_stored == 3
    assert more.statements > first.statements


def test_workbook_past_the_row_limit_is_refused_naming_the_filters(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import claims.workbook
    from claims.cli import main
    from claims.errors import ClaimsError

    corpus = make_corpus(tmp_path / "corpus", 6)
    db, out = tmp_path / "c.db", tmp_path / "review.xlsx"
    monkeypatch.setattr(claims.workbook, "MAX_DATA_ROWS", 3)  # api reads it from claims.workbook
    with pytest.raises(ClaimsError) as e:
        claims.run([corpus], db=db, output=out, workers=1)
    message = str(e.value)
    for flag in ("--top N", "--new", "--unreviewed", "--report", "--speaker"):
        assert flag in message
    assert "\n" not in message
    assert not out.exists()  # never written, not even partly
    # the database work of the run is kept: a second run has nothing left to store
    status = claims.status(db=db)
    assert status["reports"] == 6 and status["claims"] > 3 and status["unassigned_statements"] == 0
    # the command: exit status 1 with the message; with --top 3 the workbook is written
    result = CliRunner().invoke(main, ["run", str(corpus), "--db", str(db), "-o", str(out), "--workers", "1"])
    assert result.exit_code == 1 and "--top N" in result.output and not out.exists()
    result = CliRunner().invoke(main, ["run", str(corpus), "--db", str(db), "-o", str(out), "--workers", "1",
                                       "--top", "3"])
    assert result.exit_code == 0, result.output
    assert out.exists()


def test_review_sheet_and_top_use_checkworthiness_then_occurrences(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", 30)
    db = tmp_path / "c.db"
    claims.run([corpus], db=db, output=None, workers=1)
    with claims.open_store(db) as store:
        every = store.review_data(record=False).claims
        top = store.review_data(top=5, record=False).claims
    keys = list(zip(every["checkworthiness"], every["n_occurrences"]))
    assert keys == sorted(keys, key=lambda k: (-k[0], -k[1]))
    assert list(top["claim_id"]) == list(every["claim_id"][:5])


def test_a_fuller_occurrence_becomes_the_claims_text_and_the_id_stays(tmp_path):
    base = "The minister said the new bridge over the river will cost 40 million dollars and open next spring"
    a = tmp_path / "a"
    a.mkdir()
    (a / "r1.txt").write_text(f' date 2018-07-01 Officials met on Monday. "{base}," Merten said.\n', encoding="utf-8")
    db = tmp_path / "c.db"
    claims.run([a], db=db, output=None, workers=1)
    with claims.open_store(db) as store:
        before = store.claims_frame()
    b = tmp_path / "b"
    b.mkdir()
    fuller = base + " at the latest"
    (b / "r2.txt").write_text(f' date 2018-07-02 The plan was confirmed. "{fuller}," Merten said.\n', encoding="utf-8")
    claims.run([b], db=db, output=None, workers=1)
    with claims.open_store(db) as store:
        after = store.claims_frame()
        st = store.statements_frame()
    joined = st.groupby("claim_id")["report"].nunique()
    cid = joined.idxmax()
    if joined.max() < 2:
        pytest.skip("the two statements were not grouped as one claim by this dedupe")
    assert cid in set(before["claim_id"])  # the id never changes
    row = after.set_index("claim_id").loc[cid]
    assert "spring at the latest" in row["text"]  # the fullest occurrence is the claim's text
    assert row["n_occurrences"] == 2 and row["n_reports"] == 2 and row["first_report"] == "r1"


def test_a_run_times_the_main_process_per_batch_in_wall_and_cpu(tmp_path):
    """What bench_run.py reads for issue 12's flatness: per batch the main process's wall and
    CPU seconds, summed per tenth into ms per report (CPU never above wall: one thread grouping)."""
    corpus = make_corpus(tmp_path / "corpus", 30)
    s = claims.run([corpus], db=tmp_path / "c.db", output=None, batch_size=3)
    assert len(s.batch_seconds) == len(s.batch_cpu_seconds) == 10
    assert sum(r for r, _ in s.batch_seconds) == 30
    wall, cpu = s.ms_per_report_by_tenth(), s.ms_per_report_by_tenth(cpu=True)
    assert len(wall) == len(cpu) == 10
    assert all(c > 0 for c in cpu)
    assert sum(cpu) <= sum(wall) * 1.05 + 1  # the GIL: one thread of Python at a time, give or take timers
