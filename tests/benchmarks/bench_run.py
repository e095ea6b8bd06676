"""The whole ``claims run`` at corpus scale: time per stage, reports/s and peak memory.

    python tests/benchmarks/bench_run.py --reports 10000 --workers 1 2
    python tests/benchmarks/bench_run.py --reports 100000 --workers 2

The corpus is the 924 PolNeAR articles (train and dev, ``../shared/polnear/{train,dev}/text``)
repeated to the number of reports asked for, each copy with a small change (a last line
naming the copy) so that no two reports are byte-identical. It is generated once into
``--root`` (default /tmp/claims_bench/corpus_N/, folders of at most 1000 files).

Each configuration runs ``claims -v run CORPUS --db FRESH.db -o FRESH.xlsx --workers W`` as a
subprocess (under ``nice``); the per-stage seconds come from its "time per stage" log line, the
peak memory from ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` of a wrapper process that only runs
it: the largest resident set of the claims process and of its worker processes. Not collected by
pytest.
"""
from __future__ import annotations

import argparse
import json
import os
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


def measure(cmd: list[str]) -> None:
    """Child mode: run cmd, print its stderr/stdout tails and our children's peak RSS as JSON."""
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"rc": proc.returncode, "seconds": seconds, "peak_mib": peak_kib / 1024,
                      "stdout": proc.stdout[-2000:], "stderr": proc.stderr[-4000:]}))


def run_config(corpus: pathlib.Path, n: int, workers: int, root: pathlib.Path, extra: list[str]) -> dict:
    work = root / f"run_{n}_w{workers}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    claims_cmd = [sys.executable, "-m", "claims.cli", "-v", "run", str(corpus), "--db", str(work / "claims.db"),
                  "-o", str(work / "review.xlsx"), "--workers", str(workers), *extra]
    if shutil.which("nice"):
        claims_cmd = ["nice", "-n", "10", *claims_cmd]
    out = subprocess.run([sys.executable, __file__, "--_measure", json.dumps(claims_cmd)],
                         capture_output=True, text=True, cwd=str(work))
    try:
        res = json.loads(out.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        sys.exit(f"measuring failed: {out.stderr}")
    if res["rc"] != 0:
        print(res["stderr"], file=sys.stderr)
        sys.exit(f"claims run failed (exit {res['rc']})")
    m = re.search(r"time per stage: (.*); total ([\d.]+) s", res["stderr"])
    stages = {k: 0.0 for k in STAGES}
    if m:
        for part in m.group(1).split(", "):
            name, value, _ = part.split()
            stages[name] = float(value)
    res.update(reports=n, workers=workers, stages=stages, summary=res["stdout"].strip().splitlines()[-1:])
    return res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, nargs="+", default=[10_000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--root", default="/tmp/claims_bench")
    ap.add_argument("--json", default=None, help="also append the results to this JSON-lines file")
    ap.add_argument("--_measure", default=None, help=argparse.SUPPRESS)
    a, extra = ap.parse_known_args(argv)
    if a._measure:
        measure(json.loads(a._measure))
        return 0
    root = pathlib.Path(a.root)
    rows = []
    for n in a.reports:
        t0 = time.perf_counter()
        corpus = make_corpus(n, root)
        print(f"corpus of {n} reports: {corpus} ({time.perf_counter() - t0:.0f} s to make)", flush=True)
        for w in a.workers:
            res = run_config(corpus, n, w, root, extra)
            rows.append(res)
            s = res["stages"]
            print(f"reports {n:>7}  workers {w}  " + "  ".join(f"{k} {s[k]:7.1f}" for k in STAGES)
                  + f"  total {res['seconds']:7.1f} s  {n / res['seconds']:6.1f} reports/s"
                  + f"  peak {res['peak_mib']:7.0f} MiB", flush=True)
            print("   ", *res["summary"], flush=True)
            if a.json:
                with open(a.json, "a") as f:
                    f.write(json.dumps({k: res[k] for k in ("reports", "workers", "stages", "seconds", "peak_mib", "summary")}) + "\n")
    by = {(r["reports"], r["workers"]): r for r in rows}
    for n in a.reports:
        if (n, 1) in by and (n, 2) in by:
            e1, e2 = by[(n, 1)]["stages"]["extract"], by[(n, 2)]["stages"]["extract"]
            if e2:
                print(f"{n} reports: extraction speed-up workers 2 / workers 1 = {e1 / e2:.2f}")
    ns = sorted({r["reports"] for r in rows})
    if len(ns) > 1:
        for w in a.workers:
            peaks = [by[(n, w)]["peak_mib"] for n in ns if (n, w) in by]
            if len(peaks) > 1:
                print(f"workers {w}: peak memory {ns[-1]} / {ns[0]} reports = {peaks[-1] / peaks[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
