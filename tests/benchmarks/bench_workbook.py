"""The review workbook at archive scale: query, "Checked before" and writing, per claim.

    python tests/benchmarks/bench_workbook.py --reports 4600 --rows 5000 100000
    python tests/benchmarks/bench_workbook.py --db /tmp/wb_bench/d4600.db --rows 5000 100000 --repeat 3
    python tests/benchmarks/bench_workbook.py --db D.db --rows 5000 --code /tmp/old_checkout   # before/after

The database: ``--db PATH`` when it exists, else built once there by ``claims.run`` (no
workbook) over ``--reports N`` distinct articles of ``../shared/bench/distinct_corpus.py
--seed 3`` (about 22 claims per article: 4,600 articles give ~100,000 claims). It is opened
read-only in spirit: nothing is recorded (``review_data(record=False)``) and the "Checked
before" cases work on copies.

For each ``--rows N`` it times, ``--repeat`` times (median printed): ``store.review_data(top=N)``
(the review query, with "Checked before" looked up for each row), ``write_review_workbook``
(ms per claim, wall and CPU: on a shared machine CPU time is the steadier figure), and prints
the file size. Then "Checked before" alone for the first
``--lookup-rows`` claims in three cases: nothing to match (no verdict, no fact-check: skipped),
``--reviewed K`` claims given a verdict, and the CheckThat! 2020 verified claims
(``../shared/claim-retrieval``, 10,375) imported as fact-checks.

``--code DIR`` imports ``claims`` from another checkout (e.g. ``git archive`` of main
extracted to /tmp) so before and after run alternately in one session. Not collected by pytest.
"""
from __future__ import annotations

import argparse
import csv
import os
import pathlib
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
CORPUS_SEED = 3


def build_db(db: pathlib.Path, reports: int) -> None:
    import claims

    corpus = db.parent / f"distinct_{reports}"
    if not (corpus / "part_0000").exists():
        subprocess.run([sys.executable, str(SHARED / "bench" / "distinct_corpus.py"), "--n", str(reports),
                        "--out", str(corpus), "--seed", str(CORPUS_SEED)], check=True)
    t0 = time.perf_counter()
    summary = claims.run([corpus], db=db, output=None, workers=2)
    print(f"built {db}: {summary.claims:,} claims from {summary.reports_read:,} reports in "
          f"{time.perf_counter() - t0:.0f} s", flush=True)


def time_rows(db: pathlib.Path, rows: int, repeat: int, out_dir: pathlib.Path) -> None:
    import claims
    from claims.workbook import write_review_workbook

    query, write, cpu, size = [], [], [], 0
    n = 0
    for _ in range(repeat):
        with claims.open_store(db, create=False) as store:
            t0 = time.perf_counter()
            data = store.review_data(top=rows, record=False)
            query.append(time.perf_counter() - t0)
        n = len(data.claims)
        out = out_dir / f"bench_{rows}.xlsx"
        t0, c0 = time.perf_counter(), time.process_time()
        write_review_workbook(data, out)
        write.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        size = out.stat().st_size
        out.unlink()
        del data
    q, w, c = statistics.median(query), statistics.median(write), statistics.median(cpu)
    print(f"{n:>7,} rows: query {q:6.1f} s | write {w:6.1f} s = {1000 * w / max(n, 1):.3f} ms/claim "
          f"(CPU {1000 * c / max(n, 1):.3f} ms/claim) | {size / 2**20:5.1f} MiB | "
          f"runs: write {' '.join(f'{x:.1f}' for x in write)} s", flush=True)


def verified_claims_csv(path: pathlib.Path) -> int:
    """The CheckThat! 2020 verified claims as a fact-check CSV (claim, rating, url, publisher)."""
    src = SHARED / "claim-retrieval" / "verified_claims.docs.tsv"
    n = 0
    with open(src, encoding="utf-8") as fh, open(path, "w", newline="", encoding="utf-8") as out:
        w = csv.writer(out)
        w.writerow(["claim", "rating", "url", "publisher"])
        for i, line in enumerate(fh):
            parts = line.rstrip("\n").split("\t")
            if i == 0 or len(parts) < 3:
                continue
            w.writerow([parts[2], "False", f"https://factcheck.example/{parts[0]}", "Snopes"])
            n += 1
    return n


def time_checked_before(db: pathlib.Path, rows: int, reviewed: int, tmp: pathlib.Path) -> None:
    import sqlalchemy as sa

    import claims
    from claims.store.schema import verdicts_t

    def lookups(path: pathlib.Path, label: str) -> None:
        with claims.open_store(path, create=False) as store:
            with store.transaction() as conn:  # the most check-worthy claims, as a workbook's first rows
                pairs = [tuple(r) for r in conn.execute(sa.text(
                    "SELECT claim_id, text FROM claims ORDER BY checkworthiness DESC, claim_id LIMIT :n"), {"n": rows})]
            t0 = time.perf_counter()
            cells = store.checked_before(pairs)
            dt = time.perf_counter() - t0
        shown = sum(1 for c in cells if c)
        print(f"checked before, {label}: {len(pairs):,} claims in {dt:6.1f} s = {1000 * dt / max(len(pairs), 1):.2f} "
              f"ms/claim; {shown:,} cells filled", flush=True)

    lookups(db, "nothing to match")
    copy = tmp / "reviewed.db"
    shutil.copy2(db, copy)
    with claims.open_store(copy, create=False) as store:
        with store.transaction() as conn:
            ids = [r[0] for r in conn.execute(sa.select(sa.text("claim_id")).select_from(sa.text("claims")))]
            rng = random.Random(1)
            chosen = rng.sample(ids, min(reviewed, len(ids)))
            conn.execute(verdicts_t.insert(), [{"claim_id": cid, "verdict": "False", "reviewer": "bench",
                                                "revision": 1, "carried_over": False} for cid in chosen])
    lookups(copy, f"{len(chosen):,} reviewed claims")
    copy.unlink()
    copy = tmp / "factchecks.db"
    shutil.copy2(db, copy)
    fc = tmp / "verified.csv"
    n = verified_claims_csv(fc)
    claims.import_factchecks(fc, db=copy)
    lookups(copy, f"{n:,} imported fact-checks")
    copy.unlink()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default="/tmp/wb_bench/d4600.db")
    ap.add_argument("--reports", type=int, default=4600, help="articles of the distinct corpus when --db is built")
    ap.add_argument("--rows", type=int, nargs="*", default=[5000, 100000])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--lookup-rows", type=int, default=1000, help="claims looked up for 'Checked before' (0: skip)")
    ap.add_argument("--reviewed", type=int, default=500, help="claims given a verdict for the 'Checked before' case")
    ap.add_argument("--code", default=str(REPO), help="checkout whose claims package is measured")
    a = ap.parse_args()
    sys.path.insert(0, os.path.abspath(a.code))
    import claims

    print(f"claims from {pathlib.Path(claims.__file__).parent}", flush=True)
    db = pathlib.Path(a.db)
    db.parent.mkdir(parents=True, exist_ok=True)
    if not db.exists():
        build_db(db, a.reports)
    with tempfile.TemporaryDirectory(dir=db.parent) as tmp:
        for rows in a.rows:
            time_rows(db, rows, a.repeat, pathlib.Path(tmp))
        if a.lookup_rows:
            time_checked_before(db, a.lookup_rows, a.reviewed, pathlib.Path(tmp))


if __name__ == "__main__":
    main()
