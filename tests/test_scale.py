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
def test_a_killed_run_resumes_to_the_same_database(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", 400)
    reference, killed = tmp_path / "reference.db", tmp_path / "killed.db"
    claims.run([corpus], db=reference, output=None, workers=1)

    args = [CLAIMS, "run", str(corpus), "--db", str(killed), "--workers", "1", "--batch-size", "20",
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
