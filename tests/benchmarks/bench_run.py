"""The whole ``claims run`` at corpus scale: time per stage, reports/s and peak memory.

    python tests/benchmarks/bench_run.py --reports 10000 --workers 1 2
    python tests/benchmarks/bench_run.py --reports 100000 --workers 2
    python tests/benchmarks/bench_run.py --reports 10000 --workers 1 2 --extract-only

``--distinct`` uses a corpus of *distinct* news-like articles instead (``../shared/bench/
distinct_corpus.py --n N --seed 1``, into ``--root``/distinct_N; its planted repeats in
distinct_N.manifest.jsonl), the archive case of issue 12; the repeated corpus stays the default.
Each run also prints the database size and the main process's milliseconds per report for each
tenth of the run (storing and grouping; flat means grouping does not slow down as the database
grows), in wall time (what issue 12 measures: it also counts the cores the extraction workers
and the background writer take, and waiting for the writer) and in the main process's CPU time.

Otherwise the corpus is the 924 PolNeAR articles (train and dev, ``../shared/polnear/{train,dev}/text``)
repeated to the number of reports asked for, each copy with a small change (a last line
naming the copy) so that no two reports are byte-identical. It is generated once into
``--root`` (default /tmp/claims_bench/corpus_N/, folders of at most 1000 files).

Each configuration runs ``claims -v run CORPUS --db FRESH.db -o FRESH.xlsx --workers W`` as a
subprocess (``--nice N`` to run it under ``nice -n N``; not by default, since a niced run on a
busy machine measures the other jobs); the per-stage seconds come from its "time per stage" log
line (main process: read, extract = waiting for extraction results, dedupe, store, workbook;
extract_workers = seconds spent extracting in whichever process did it, summed over batches;
store_background = seconds the background writer process spent storing, alongside),
the peak memory of the main process and of its worker processes from its "peak memory" line,
and the overall peak from ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` of a wrapper process that
only runs it.

``--extract-only`` times the extraction stage on its own: all reports are read into memory
first (not timed), then the executor of ``--workers W`` runs over them in batches as ``claims
run`` does, with no database; it prints the seconds per worker count and the speed-up of each
over ``--workers 1``. Not collected by pytest.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import re
import resource
import shutil
import subprocess
import sys
import time

REPO = pathlib.Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "polnear"
STAGES = ("read", "extract", "dedupe", "store", "workbook")


def measured(cmd: list, what: str, nice: int = 0, cwd=None) -> dict:
    """Run ``cmd`` under this script's --_measure wrapper (peak memory of the process tree);
    exit with its stderr if it fails. Returns the wrapper's result: rc, stdout, stderr, peak_mib."""
    if nice and shutil.which("nice"):
        cmd = ["nice", "-n", str(nice), *cmd]
    out = subprocess.run([sys.executable, __file__, "--_measure", json.dumps(cmd)],
                         capture_output=True, text=True, cwd=None if cwd is None else str(cwd))
    try:
        res = json.loads(out.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        sys.exit(f"measuring failed: {out.stderr}")
    if res["rc"] != 0:
        print(res["stderr"], file=sys.stderr)
        sys.exit(f"{what} failed (exit {res['rc']})")
    return res


def make_corpus(n: int, root: pathlib.Path) -> pathlib.Path:
    folder = root / f"corpus_{n}"
    done = folder / ".complete"
    if done.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    sources = sorted((SHARED / "train" / "text").glob("*.txt")) + sorted((SHARED / "dev" / "text").glob("*.txt"))
    if not sources:
        sys.exit(f"no PolNeAR articles under {SHARED}")
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sources]
    for i in range(n):
        stem, text = texts[i % len(texts)]
        sub = folder / f"part_{i // 1000:04d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        copy = i // len(texts)
        body = text.rstrip("\n") + (f"\n\nArchive copy {copy}.\n" if copy else "\n")
        (sub / f"{i:06d}_{stem}.txt").write_text(body, encoding="utf-8")
    done.write_text(str(n))
    return folder


def make_distinct_corpus(n: int, root: pathlib.Path, seed: int = 1) -> pathlib.Path:
    folder = root / f"distinct_{n}"
    if not (folder / ".complete").exists():
        script = REPO.parent / "shared" / "bench" / "distinct_corpus.py"
        subprocess.run([sys.executable, str(script), "--n", str(n), "--out", str(folder), "--seed", str(seed)],
                       check=True)
        (folder / ".complete").write_text(str(n))
    return folder


def measure(cmd: list[str]) -> None:
    """Child mode: run cmd, print its stderr/stdout tails and our children's peak RSS as JSON."""
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_kib = usage.ru_maxrss
    print(json.dumps({"rc": proc.returncode, "seconds": seconds, "peak_mib": peak_kib / 1024,
                      "cpu_seconds": usage.ru_utime + usage.ru_stime,
                      "stdout": proc.stdout[-2000:], "stderr": proc.stderr[-4000:]}))


def run_config(corpus: pathlib.Path, n: int, workers: int, root: pathlib.Path, extra: list[str],
               nice: int = 0) -> dict:
    work = root / f"run_{n}_w{workers}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    claims_cmd = [sys.executable, "-m", "claims.cli", "-v", "run", str(corpus), "--db", str(work / "claims.db"),
                  "-o", str(work / "review.xlsx"), "--workers", str(workers), *extra]
    res = measured(claims_cmd, "claims run", nice, cwd=work)
    m = re.search(r"time per stage: (.*); total ([\d.]+) s", res["stderr"])
    stages = {k: 0.0 for k in STAGES}
    if m:
        for part in m.group(1).split(", "):
            name, value, _ = part.split()
            stages[name] = float(value)
    m = re.search(r"peak memory: main ([\d.]+) MiB, workers ([\d.]+) MiB", res["stderr"])
    if m:
        res["peak_mib_main"], res["peak_mib_workers"] = float(m.group(1)), float(m.group(2))
    m = re.search(r"main process ms per report by tenth of the run: ([\d. ]+)", res["stderr"])
    res["ms_per_report_tenths"] = [float(x) for x in m.group(1).split()] if m else []
    m = re.search(r"main process CPU ms per report by tenth of the run: ([\d. ]+)", res["stderr"])
    res["cpu_ms_per_report_tenths"] = [float(x) for x in m.group(1).split()] if m else []
    db = work / "claims.db"
    res["db_mib"] = db.stat().st_size / 2**20 if db.exists() else 0.0
    res.update(reports=n, workers=workers, stages=stages, summary=res["stdout"].strip().splitlines()[-1:])
    return res


def extract_only(corpus: str, workers: int) -> None:
    """Child mode: time the extraction executor alone over the corpus (no database); JSON out."""
    sys.path.insert(0, str(REPO))
    from claims.api import BATCH_SIZE, _batches, iter_reports
    from claims.parallel import extract_rows_timed, make_executor

    t0 = time.perf_counter()
    reports = list(iter_reports([corpus]))
    read = time.perf_counter() - t0
    executor = make_executor(workers)
    n_statements, worker_wall, worker_cpu = 0, 0.0, 0.0
    t0 = time.perf_counter()
    try:
        for _, (rows, wall, cpu) in executor.map(_batches(reports, BATCH_SIZE), fn=extract_rows_timed):
            n_statements += len(rows)
            worker_wall += wall
            worker_cpu += cpu
    finally:
        executor.close()
    seconds = time.perf_counter() - t0
    print(json.dumps({"reports": len(reports), "statements": n_statements, "read_seconds": read,
                      "extract_seconds": seconds, "worker_seconds": worker_wall, "worker_cpu_seconds": worker_cpu}))


def run_extract_only(corpus: pathlib.Path, n: int, workers: int, nice: int = 0) -> dict:
    cmd = [sys.executable, __file__, "--_extract", json.dumps([str(corpus), workers])]
    res = measured(cmd, "extraction", nice)
    got = json.loads(res["stdout"].strip().splitlines()[-1])
    got.update(reports=n, workers=workers, peak_mib=res["peak_mib"], mode="extract-only")
    return got


def main_extract_only(a, root: pathlib.Path) -> int:
    rows = []
    for n in a.reports:
        corpus = make_distinct_corpus(n, root) if a.distinct else make_corpus(n, root)
        for w in a.workers:
            res = run_extract_only(corpus, n, w, a.nice)
            rows.append(res)
            print(f"extract-only  reports {n:>7}  workers {w}  extract {res['extract_seconds']:7.1f} s"
                  f"  {n / res['extract_seconds']:6.1f} reports/s  statements {res['statements']}"
                  f"  worker-side {res['worker_seconds']:.1f} s (CPU {res['worker_cpu_seconds']:.1f} s)"
                  f"  peak {res['peak_mib']:.0f} MiB  (read first, untimed: {res['read_seconds']:.1f} s)", flush=True)
            if a.json:
                with open(a.json, "a") as f:
                    f.write(json.dumps(res) + "\n")
        base = next((r for r in rows if r["reports"] == n and r["workers"] == 1), None)
        for r in rows:
            if base and r["reports"] == n and r["workers"] != 1:
                print(f"{n} reports: extraction speed-up workers {r['workers']} / workers 1 = "
                      f"{base['extract_seconds'] / r['extract_seconds']:.2f}", flush=True)
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, nargs="+", default=[10_000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--root", default="/tmp/claims_bench")
    ap.add_argument("--json", default=None, help="also append the results to this JSON-lines file")
    ap.add_argument("--nice", type=int, default=0, help="run under nice -n N (default: not niced)")
    ap.add_argument("--extract-only", action="store_true",
                    help="time only the extraction executor over the corpus (no database), per worker count")
    ap.add_argument("--distinct", action="store_true",
                    help="corpus of distinct articles (../shared/bench/distinct_corpus.py), not PolNeAR repeated")
    ap.add_argument("--_measure", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--_extract", default=None, help=argparse.SUPPRESS)
    a, extra = ap.parse_known_args(argv)
    if a._measure:
        measure(json.loads(a._measure))
        return 0
    if a._extract:
        corpus, workers = json.loads(a._extract)
        extract_only(corpus, workers)
        return 0
    root = pathlib.Path(a.root)
    if a.extract_only:
        return main_extract_only(a, root)
    rows = []
    for n in a.reports:
        t0 = time.perf_counter()
        corpus = make_distinct_corpus(n, root) if a.distinct else make_corpus(n, root)
        print(f"corpus of {n} reports: {corpus} ({time.perf_counter() - t0:.0f} s to make)", flush=True)
        for w in a.workers:
            res = run_config(corpus, n, w, root, extra, a.nice)
            rows.append(res)
            s = res["stages"]
            print(f"reports {n:>7}  workers {w}  " + "  ".join(f"{k} {s[k]:7.1f}" for k in STAGES)
                  + f"  total {res['seconds']:7.1f} s (CPU of all processes {res.get('cpu_seconds', 0):.0f} s)"
                  + f"  {n / res['seconds']:6.1f} reports/s"
                  + f"  peak {res['peak_mib']:7.0f} MiB (main {res.get('peak_mib_main', 0):.0f},"
                  + f" workers {res.get('peak_mib_workers', 0):.0f})"
                  + f"  [worker-side extraction {s.get('extract_workers', 0.0):.1f} s"
                  + f" (CPU {s.get('extract_workers_cpu', 0.0):.1f} s); background writer"
                  + f" {s.get('store_background', 0.0):.1f} s (CPU {s.get('store_background_cpu', 0.0):.1f} s)]",
                  flush=True)
            print("   ", *res["summary"], flush=True)
            tenths = res.get("ms_per_report_tenths") or []
            print(f"    database {res['db_mib']:.0f} MiB; main process ms per report by tenth: "
                  + " ".join(f"{x:.1f}" for x in tenths)
                  + (f" (last / first {tenths[-1] / tenths[0]:.2f})" if tenths and tenths[0] else ""), flush=True)
            cpu = res.get("cpu_ms_per_report_tenths") or []
            print("    main process CPU ms per report by tenth: " + " ".join(f"{x:.1f}" for x in cpu)
                  + (f" (last / first {cpu[-1] / cpu[0]:.2f})" if cpu and cpu[0] else ""), flush=True)
            if a.json:
                with open(a.json, "a") as f:
                    f.write(json.dumps({k: res.get(k) for k in ("reports", "workers", "stages", "seconds", "peak_mib", "db_mib",
                                                                "ms_per_report_tenths", "cpu_ms_per_report_tenths",
                                                                "peak_mib_main", "peak_mib_workers", "summary")}) + "\n")
    by = {(r["reports"], r["workers"]): r for r in rows}
    for n in a.reports:
        if (n, 1) in by and (n, 2) in by:
            # With workers, "extract" is only the main process's wait for results (near 0 when the
            # main process is the bottleneck): not an extraction speed. Use --extract-only for that.
            t1, t2 = by[(n, 1)]["seconds"], by[(n, 2)]["seconds"]
            print(f"{n} reports: whole run workers 2 / workers 1 = {t1 / t2:.2f}x faster "
                  f"(extraction speed-up on its own: --extract-only)")
    ns = sorted({r["reports"] for r in rows})
    if len(ns) > 1:
        for w in a.workers:
            peaks = [by[(n, w)]["peak_mib"] for n in ns if (n, w) in by]
            if len(peaks) > 1:
                print(f"workers {w}: peak memory {ns[-1]} / {ns[0]} reports = {peaks[-1] / peaks[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
