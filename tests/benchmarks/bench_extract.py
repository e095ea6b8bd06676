"""Throughput of the extraction over the PolNeAR train articles (one core).

    python tests/benchmarks/bench_extract.py [--dir ../shared/polnear/train/text] [--repeat 1]

Runs ``claims.extraction.pipeline.extract_report`` (or, with ``--attributions-only``, sentence
splitting and attribution finding only); prints articles/s (after start-up: imports and a warm-up article
are not timed) and peak memory. Not collected by pytest. Target (issue 11): > 150 articles per second on one core, the model in.
"""
from __future__ import annotations

import argparse
import pathlib
import resource
import sys
import time
import tracemalloc

REPO = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", default=str(REPO.parent / "shared" / "polnear" / "train" / "text"))
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--attributions-only", action="store_true")
    ap.add_argument("--tracemalloc", action="store_true",
                    help="also trace Python allocations (slows the run down)")
    a = ap.parse_args(argv)
    paths = sorted(pathlib.Path(a.dir).glob("*.txt"))
    if not paths:
        print(f"no .txt files in {a.dir}", file=sys.stderr)
        return 1
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in paths]

    from claims.extraction.attributions import find_attributions
    from claims.extraction.sentences import split_sentences

    from claims.extraction.pipeline import extract_report
    from claims.types import Report

    if a.attributions_only:
        mode = "sentences+attributions"

        def run(stem, text):
            return find_attributions(text, split_sentences(text))
    else:
        mode = "pipeline.extract_report"

        def run(stem, text):
            return extract_report(Report(id=stem, text=text, source=stem))

    run(*texts[0])  # warm-up: lazy imports, regex compilation
    if a.tracemalloc:
        tracemalloc.start()
    n_out = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(a.repeat):
        for stem, text in texts:
            n_out += len(run(stem, text))
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    n = len(texts) * a.repeat
    print(f"{mode}: {n} articles in {dt:.2f}s = {n / dt:.1f} articles/s "
          f"({n_out} statements/attributions)")
    # On a shared machine wall time counts other jobs too; CPU time is the steadier figure.
    print(f"CPU {cpu:.2f}s = {n / cpu:.1f} articles per CPU second")
    if a.tracemalloc:
        cur, peak = tracemalloc.get_traced_memory()
        print(f"tracemalloc peak {peak / 1e6:.1f} MB")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak RSS {rss / 1024:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
