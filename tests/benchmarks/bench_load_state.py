"""Starting a run on a large database: ``Store.load_grouping_state`` at N stored claims.

    python tests/benchmarks/bench_load_state.py --claims 1000000
    python tests/benchmarks/bench_load_state.py --db /tmp/copy/claims.db   # an existing database
    python tests/benchmarks/bench_load_state.py --db postgresql+psycopg://user:pw@host/db

Builds (once, under --root) an SQLite database whose claims table holds N claims: the
sentences of the distinct corpus of bench_dedupe.py (``$TMPDIR/claims_bench/corpus_distinct_*.pkl``,
made by ``bench_dedupe.py --distinct``), one claim each, a tenth of them with a displayed text
other than their center, and 100,000 speakers. Then, in a fresh process, times
``load_grouping_state`` (reading the claims and speakers, building the claim index and the
speaker index) and prints wall and CPU seconds and the process's peak memory.
``--db`` times it on an existing database (an SQLite file or a database URL) instead; opening
it may migrate its schema, so point it at a copy. ``--code DIR`` runs another checkout's
``claims`` (its parent directory first on sys.path), to time the code before and after a change
alternately on the same machine state. Not collected by pytest.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import resource
import sqlite3
import subprocess
import sys
import time

REPO = pathlib.Path(__file__).resolve().parents[2]


def build(n: int, db: pathlib.Path) -> None:
    import pandas as pd

    from claims.store import Store

    src = pathlib.Path("/tmp/claims_bench") / ("corpus_distinct_1000000.pkl" if n > 300_000 else "corpus_distinct_300000.pkl")
    texts = pd.read_pickle(src)[0]["text"]
    if len(texts) < n:
        sys.exit(f"{src} has {len(texts)} sentences, fewer than {n}")
    Store(str(db)).close() if hasattr(Store, "close") else Store(str(db))
    con = sqlite3.connect(db)
    rows = ((f"C{i:010X}", (t + " (updated)") if i % 10 == 0 else t, t, "direct", 1, 1)
            for i, t in enumerate(texts[:n]))
    con.executemany("INSERT INTO claims (claim_id, text, center_text, kind, n_occurrences, n_reports)"
                    " VALUES (?, ?, ?, ?, ?, ?)", rows)
    speakers = ((f"P{i:08X}", f"Given{i % 997} Surname{i % 5003}", "person",
                 json.dumps([f"Surname{i % 5003}"]), "[]") for i in range(100_000))
    con.executemany("INSERT INTO speakers (speaker_id, name, type, aliases, roles) VALUES (?, ?, ?, ?, ?)", speakers)
    con.commit()
    con.close()


def load(db: str, code: str) -> None:
    sys.path.insert(0, code)
    from claims.store import Store

    store = Store(db)  # opened (and migrated) outside the timing
    t0, c0 = time.perf_counter(), time.process_time()
    state = store.load_grouping_state()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    with open("/proc/self/statm") as f:  # what the loaded state keeps (the peak includes the load's scratch)
        held = int(f.read().split()[1]) * resource.getpagesize() / 2**20
    print(json.dumps({"claims": len(state.claims), "speakers": len(state.speakers), "wall": wall, "cpu": cpu,
                      "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "held_mib": held}))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--root", default="/tmp/claims_bench")
    ap.add_argument("--db", default=None, help="time an existing database (SQLite file or URL; may be migrated)")
    ap.add_argument("--code", default=str(REPO), help="directory holding the claims package to time")
    ap.add_argument("--_load", default=None, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a._load:
        load(a._load, a.code)
        return 0
    if a.db:
        db = a.db if "://" in a.db else pathlib.Path(a.db)
        if isinstance(db, pathlib.Path) and not db.exists():
            sys.exit(f"{db}: no such file")
    else:
        db = pathlib.Path(a.root) / f"state_{a.claims}.db"
    if isinstance(db, pathlib.Path) and not db.exists():
        sys.path.insert(0, str(REPO))
        t0 = time.perf_counter()
        build(a.claims, db)
        print(f"built {db} in {time.perf_counter() - t0:.0f} s", flush=True)
    out = subprocess.run([sys.executable, __file__, "--_load", str(db), "--code", a.code],
                         capture_output=True, text=True)
    if out.returncode:
        sys.exit(out.stderr.strip().splitlines()[-1] if out.stderr.strip() else f"exit {out.returncode}")
    r = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"load_grouping_state: {r['claims']} claims, {r['speakers']} speakers: {r['wall']:.1f} s wall, "
          f"{r['cpu']:.1f} s CPU, peak {r['peak_mib']:.0f} MiB" + (f", {r['held_mib']:.0f} MiB held after" if 'held_mib' in r else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
