"""Where the main process of ``claims run`` spends its CPU, per component and tenth of the run,
without paying for extraction each time (issue 12).

    python tests/benchmarks/bench_main_process.py --corpus /tmp/bench13/distinct_10000 --reports 4000
    python tests/benchmarks/bench_main_process.py --corpus DIR --reports 2000 --onto BIG.db   # at scale
    python tests/benchmarks/bench_main_process.py --corpus DIR --reports 4000 --serial       # no writer
    python tests/benchmarks/bench_main_process.py --corpus DIR --reports 20000 --profile 16000  # cProfile the end
    python tests/benchmarks/bench_main_process.py --corpus DIR --reports 20000 --grown 30   # what grows

The corpus's first ``--reports`` reports are extracted once (two worker processes) into
``--cache`` (pickled batches of 200 reports, reused while the corpus, count and code version
match). Each run then feeds the cached batches to the run's own loop (``claims.api.
_extract_group_store``: plan, group, hand to the background writer) on a fresh database, or on
a copy of ``--onto`` (a database a bigger run left, to measure the cost at that size), and
prints the main process's CPU milliseconds per report for each tenth, split by component
(claim-index lookup, claim grouping, speakers, index update, planning, the statements frame,
handing the batch to the writer (pickling it), the rest; and the cyclic garbage collector's,
young and full collections, which overlaps the others; and per tenth the postings
counted per looked-up text, the stored claims found, given to ``group_claims`` and the pairs
with them scored, per statement looked up), the mean and the last tenth / first, and the
background writer's seconds. ``--serial`` stores each batch in the main process (no writer), as before.
``--profile N`` runs cProfile on the main process from the N-th report on and prints the top
functions by own time (the profile is saved in the cache folder; it inflates small calls).
``--grown K`` profiles the first and the last tenth of the run (cProfile, in CPU time) and prints
the K functions whose own CPU time per report grew most from one to the other, with their
calls: more calls is more work (the data the decisions are made of), as many calls costing
more is the same work on a bigger heap (profiles saved as first_tenth.prof, last_tenth.prof).
Not collected by pytest.
"""
from __future__ import annotations

import argparse
import collections
import gc
import hashlib
import os
import pathlib
import pickle
import shutil
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))


def cached_batches(corpus: pathlib.Path, n: int, cache: pathlib.Path) -> list[pathlib.Path]:
    import claims
    from claims.api import BATCH_SIZE, _batches, iter_reports
    from claims.parallel import extract_rows, make_executor

    tag = hashlib.sha1(f"{corpus.resolve()}|{n}|{getattr(claims, '__version__', '')}".encode()).hexdigest()[:10]
    folder = cache / f"batches_{tag}"
    done = folder / "complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        reports = []
        for r in iter_reports([corpus]):
            reports.append(r)
            if len(reports) >= n:
                break
        t0 = time.perf_counter()
        executor = make_executor(2)
        try:
            for i, (batch, rows) in enumerate(executor.map(_batches(reports, BATCH_SIZE), fn=extract_rows)):
                with open(folder / f"b{i:05d}.pkl", "wb") as f:
                    pickle.dump((batch, rows), f, protocol=pickle.HIGHEST_PROTOCOL)
        finally:
            executor.close()
        done.write_text("ok")
        print(f"extracted {len(reports)} reports into {folder} in {time.perf_counter() - t0:.1f} s", flush=True)
    return sorted(folder.glob("b*.pkl"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=pathlib.Path, required=True, help="a folder of reports")
    ap.add_argument("--reports", type=int, default=4000)
    ap.add_argument("--cache", type=pathlib.Path, default=pathlib.Path(tempfile.gettempdir()) / "claims_bench_cache")
    ap.add_argument("--onto", type=pathlib.Path, help="replay onto a copy of this database")
    ap.add_argument("--serial", action="store_true", help="no background writer")
    ap.add_argument("--profile", type=int, metavar="REPORTS",
                    help="cProfile the main process from this many reports on; print the top by tottime")
    ap.add_argument("--grown", type=int, metavar="K",
                    help="cProfile the first and last tenth; print the K functions that grew most")
    a = ap.parse_args()

    import claims.api as api
    import claims.grouping as grouping
    import claims.grouping.batch as gb
    import claims.grouping.claim_index as ci
    from claims.store import Store

    files = cached_batches(a.corpus, a.reports, a.cache)
    work = pathlib.Path(tempfile.mkdtemp(prefix="claims_main_"))
    db = work / "claims.db"
    if a.onto:
        shutil.copy(a.onto, db)
    acc: collections.Counter = collections.Counter()

    from _cpu_timing import time_calls

    def timed(owner, name: str, label: str) -> None:  # CPU seconds of a step, by label
        time_calls(owner, name, label, acc)

    for step in ("_candidates_of", "_able") if hasattr(ci.ClaimIndex, "_able") else ("_candidates",):
        timed(ci.ClaimIndex, step, "lookup")
    timed(gb, "group_claims", "claim grouping")
    timed(gb, "group_speakers_compact", "speakers")
    timed(gb.GroupingState, "apply", "index update")
    timed(Store, "plan_reports", "planning")
    import claims.store.writer as writer_module
    timed(api, "statements_frame", "frame")
    timed(writer_module, "job_bytes", "hand over")
    grouping.group_batch = gb.group_batch
    gc_started: list[float] = []

    def gc_timer(phase: str, info: dict) -> None:  # the cyclic GC's CPU, by generation
        if phase == "start":
            gc_started[:] = [time.process_time()]
        elif gc_started:
            acc["gc" if info["generation"] < 2 else "gc full"] += time.process_time() - gc_started.pop()

    gc.callbacks.append(gc_timer)

    near_duplicates = ci._near_duplicates

    def counted(lists):  # the lookup's work: postings counted (the first three lists) per text
        acc["texts counted"] += 1
        acc["postings counted"] += sum(map(len, lists[:3]))
        return near_duplicates(lists)

    ci._near_duplicates = counted
    match = ci.ClaimIndex.match

    def matched(self, statements, **kwargs):  # statements looked up, stored claims found
        got = match(self, statements, **kwargs)
        acc["looked up"] += self.last_stats.get("queried", 0) if got.groups is not None else 0
        acc["candidates"] += self.last_stats.get("candidates", 0) if got.groups is not None else 0
        acc["found"] += self.last_stats.get("found", self.last_stats.get("candidates", 0)) if got.groups is not None else 0
        acc["pairs"] += self.last_stats.get("pairs", 0) if got.groups is not None else 0
        return got

    ci.ClaimIndex.match = matched
    per_batch: list[tuple[int, float, dict]] = []
    profiler = None
    if a.profile is not None:
        import cProfile
        profiler = cProfile.Profile()
    tenths_profiled = None
    if a.grown:
        import cProfile
        tenths_profiled = (cProfile.Profile(time.process_time), cProfile.Profile(time.process_time))
        tenth_reports = max(1, a.reports // 10)

    class Cached:  # the executor: cached extraction results, timing the main process per batch
        def map(self, batches, fn=None):
            seen = 0
            for f in files:
                with open(f, "rb") as fh:
                    reports, rows = pickle.load(fh)
                if profiler is not None and seen >= a.profile:
                    profiler.enable()
                window = None
                if tenths_profiled is not None:  # the first tenth, or the last
                    window = 0 if seen < tenth_reports else 1 if seen >= a.reports - tenth_reports else None
                    if window is not None:
                        tenths_profiled[window].enable()
                seen += len(reports)
                before, t = dict(acc), time.process_time()
                yield reports, (rows, 0.0, 0.0)
                if window is not None:
                    tenths_profiled[window].disable()
                per_batch.append((len(reports), time.process_time() - t,
                                  {k: acc[k] - before.get(k, 0.0) for k in acc}))

        def close(self):
            pass

    api.make_executor = lambda workers, dask: Cached()
    if a.serial:
        api._background_writer = lambda store: None
    summary = api.RunSummary()
    wall = time.perf_counter()
    with api.open_store(db) as store:
        run_id = store.start_run({"paths": ["bench_main_process"]})
        api._extract_group_store(store, iter(()), summary, run_id=run_id, workers=1, dask=None,
                                 same_threshold=None, similar_threshold=None, progress=None)
    wall = time.perf_counter() - wall
    if profiler is not None:
        import pstats
        profiler.disable()
        profiler.dump_stats(str(a.cache / "main_process.prof"))
        pstats.Stats(profiler).sort_stats("tottime").print_stats(45)
        print(f"profile saved in {a.cache / 'main_process.prof'}")
    if tenths_profiled is not None:
        grown(tenths_profiled, per_batch, a.grown, a.cache)
    gc.callbacks.remove(gc_timer)
    labels = ["lookup", "claim grouping", "speakers", "index update", "planning", "frame", "hand over",
              "rest", "gc", "gc full"]
    print(f"{summary.reports_stored} reports{' onto a copy of ' + str(a.onto) if a.onto else ''}, "
          f"{'serial' if a.serial else 'background writer'}: {wall:.1f} s wall; "
          f"{summary.new_claims} new claims")
    print("main-process CPU ms per report by tenth")
    print("tenth   total " + " ".join(f"{k:>10}" for k in labels))
    m = len(per_batch)
    tenths: list[float] = []
    for i in range(10):
        part = per_batch[i * m // 10:(i + 1) * m // 10]
        n = sum(r for r, _, _ in part)
        if not n:
            continue
        parts = collections.Counter()
        for _, _, d in part:
            parts.update(d)
        # the rest: what no label above counts (the batch's claim rows, its frame copy, bookkeeping)
        parts["rest"] = sum(c for _, c, _ in part) - sum(parts[k] for k in labels if k not in ("rest", "gc", "gc full"))
        print(f"{i + 1:5d} {1000 * sum(c for _, c, _ in part) / n:8.2f} "
              + " ".join(f"{1000 * parts[k] / n:10.2f}" for k in labels)
              + f"   | postings counted per text {parts['postings counted'] / max(1, parts['texts counted']):.0f},"
              f" stored claims found per statement looked up {parts['found'] / max(1, parts['looked up']):.2f},"
              f" given to group_claims {parts['candidates'] / max(1, parts['looked up']):.2f},"
              f" pairs with them scored {parts['pairs'] / max(1, parts['looked up']):.2f}")
        tenths.append(1000 * sum(c for _, c, _ in part) / n)
    if tenths:
        total_n = sum(r for r, _, _ in per_batch)
        print(f"mean {1000 * sum(c for _, c, _ in per_batch) / max(1, total_n):.2f} ms per report;"
              f" last tenth / first {tenths[-1] / tenths[0]:.2f}")
    st = summary.stage_seconds
    if "store_background" in st:
        print(f"background writer: {st['store_background']:.1f} s ({st.get('store_background_cpu', 0.0):.1f} s CPU), "
              f"{1000 * st.get('store_background_cpu', 0.0) / max(1, summary.reports_stored):.2f} ms CPU per report")
    shutil.rmtree(work, ignore_errors=True)
    os.sync()


def grown(profiles, per_batch: list, k: int, folder: pathlib.Path) -> None:
    """The ``k`` functions whose own CPU per report grew most from the first tenth to the last."""
    import pstats

    m = len(per_batch)
    reports = (sum(r for r, _, _ in per_batch[:max(1, m // 10)]), sum(r for r, _, _ in per_batch[m - max(1, m // 10):]))
    stats = []
    for p, name in zip(profiles, ("first_tenth", "last_tenth")):
        p.dump_stats(str(folder / f"{name}.prof"))
        stats.append({f"{pathlib.Path(f).name}:{line}:{fn}": (tt, nc)
                      for (f, line, fn), (_, nc, tt, _, _) in pstats.Stats(p).stats.items()})
    first, last = stats
    zero = (0.0, 0)

    def change(key):
        return last.get(key, zero)[0] / max(1, reports[1]) - first.get(key, zero)[0] / max(1, reports[0])

    print(f"own CPU ms per report (cProfile: small calls inflated), first tenth -> last; calls per report; "
          f"profiles in {folder}")
    for key in sorted(set(first) | set(last), key=change, reverse=True)[:k]:
        (t0, n0), (t1, n1) = first.get(key, zero), last.get(key, zero)
        print(f"{1000 * t0 / max(1, reports[0]):8.3f} -> {1000 * t1 / max(1, reports[1]):8.3f}   "
              f"calls {n0 / max(1, reports[0]):9.1f} -> {n1 / max(1, reports[1]):9.1f}   {key}")


if __name__ == "__main__":
    main()
