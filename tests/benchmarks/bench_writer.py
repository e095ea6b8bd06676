"""The background writer's CPU per report as the database grows (issue 12).

    python tests/benchmarks/bench_writer.py --cache /tmp/p13/cache --reports 20000
    python tests/benchmarks/bench_writer.py --cache /tmp/p13/cache --reports 44000 --record /tmp/jobs
    python tests/benchmarks/bench_writer.py --jobs /tmp/jobs --reports 44000 [--group 2] [--profile out.prof]

The first form replays cached extraction (``--cache``: pickled ``(reports, rows)`` batches, as
``bench_main_process.py`` makes them) through the run's own loop (``claims.api.
_extract_group_store``: plan, group, hand to the background writer) on a fresh database and
prints, per tenth of the run, the main process's and the writer's CPU milliseconds per report,
then the totals and the database's size. ``--record DIR`` also saves what the writer was sent
for each batch.

The second form replays only the writer: the recorded batches, ``--group`` per transaction
(default: as many as the writer joins), stored in this
process by ``Store.save_planned_batches`` on a fresh database, exactly as the writer process
does; it prints the writer's CPU ms per report by tenth (unpickling apart) and the database's
size. Much faster than the first form (no grouping) and deterministic, so before/after
comparisons of the store's code need fewer runs. Recorded batches are pickled objects of the
code that recorded them: record again after changing their classes. Not collected by pytest.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import pickle
import resource
import shutil
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))


def db_mib(db: pathlib.Path) -> float:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 2**20


def by_tenth(rows: list[tuple[int, float]]) -> list[float]:
    """(reports, seconds) per batch -> ms per report for each tenth of the batches."""
    n, out = len(rows), []
    for t in range(10):
        part = rows[t * n // 10:(t + 1) * n // 10]
        reports = sum(r for r, _ in part)
        if reports:
            out.append(1000 * sum(s for _, s in part) / reports)
    return out


def io_bytes() -> tuple[int, int]:
    """(bytes read, bytes written) by this process's read/write calls so far (Linux; else 0)."""
    try:
        fields = dict(x.split(": ") for x in pathlib.Path("/proc/self/io").read_text().splitlines())
        return int(fields["rchar"]), int(fields["wchar"])
    except (OSError, KeyError, ValueError):
        return 0, 0


def line(label: str, values: list[float]) -> str:
    return f"{label:<28}" + " ".join(f"{v:6.2f}" for v in values)


def run_loop(a, db: pathlib.Path) -> None:
    import claims.api as api
    from claims.store import writer as writer_mod

    files = sorted(a.cache.glob("b*.pkl"))
    if a.record:
        a.record.mkdir(parents=True, exist_ok=True)
        submit = writer_mod.BatchWriter.submit
        counter = iter(range(10**9))

        def recording(self, batch):
            (a.record / f"j{next(counter):05d}.pkl").write_bytes(writer_mod.job_bytes(batch))
            return submit(self, batch)
        writer_mod.BatchWriter.submit = recording
    main_cpu: list[tuple[int, float]] = []

    class Cached:  # the executor: cached extraction results; the main process timed per batch
        def map(self, batches, fn=None):
            done = 0
            for f in files:
                if done >= a.reports:
                    break
                with open(f, "rb") as fh:
                    reports, rows = pickle.load(fh)
                done += len(reports)
                t = time.process_time()
                yield reports, (rows, 0.0, 0.0)
                main_cpu.append((len(reports), time.process_time() - t))

        def close(self):
            pass

    writer_cpu: list[tuple[int, float]] = []  # per batch written: (reports, writer CPU seconds)
    receive = writer_mod.BatchWriter._receive

    def receiving(self):
        reports, before = self._in_flight[0].added.added, self.busy_cpu_seconds
        receive(self)
        writer_cpu.append((reports, self.busy_cpu_seconds - before))
    writer_mod.BatchWriter._receive = receiving
    api.make_executor = lambda workers, dask: Cached()
    summary = api.RunSummary()
    wall, cpu = time.perf_counter(), time.process_time()
    with api.open_store(db) as store:
        run_id = store.start_run({"paths": ["bench_writer"]})
        api._extract_group_store(store, iter(()), summary, run_id=run_id, workers=1, dask=None,
                                 same_threshold=None, similar_threshold=None, progress=None)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    st = summary.stage_seconds
    n = max(1, summary.reports_stored)
    print(f"{summary.reports_stored} reports, {summary.new_claims} new claims: {wall:.1f} s wall; "
          f"main CPU {cpu:.1f} s; writer CPU {st.get('store_background_cpu', 0.0):.1f} s "
          f"({st.get('store_background', 0.0):.1f} s busy); database {db_mib(db):.0f} MiB")
    print(line("main CPU ms/report", by_tenth(main_cpu)))
    print(line("writer CPU ms/report", by_tenth(writer_cpu)))
    print(f"per report: main {1000 * cpu / n:.2f} ms, writer {1000 * st.get('store_background_cpu', 0.0) / n:.2f} ms; "
          f"peak RSS main {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB, "
          f"writer {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MiB")


def writer_only(a, db: pathlib.Path) -> None:
    from claims.store import Store
    from claims.store import writer as writer_mod

    a.group = a.group or getattr(writer_mod, "GROUP", 1)

    import collections

    import claims.store.claims as sc
    import claims.store.statements as ss
    parts: collections.Counter = collections.Counter()

    from _cpu_timing import time_calls

    def timed(owner, name: str, label: str) -> None:  # CPU seconds of a step, by label
        time_calls(owner, name, label, parts)

    timed(sc, "insert_columns" if hasattr(sc, "insert_columns") else "insert_rows", "statement (claim) rows")
    timed(sc, "_update_claims", "claim updates")
    timed(sc, "_write_speakers", "speakers")
    timed(sc, "_write_similar", "similar")
    timed(sc, "carry_over_verdicts", "carry over")
    timed(Store, "index_claims", "full-text index")
    timed(ss.StatementsMixin, "write_planned_reports", "reports")
    timed(ss.StatementsMixin, "planned_reports_taken", "checks")
    timed(Store, "save_planned_batches", "whole transaction but its commit")
    files = sorted(a.jobs.glob("j*.pkl"))[a.skip:]
    per_batch: list[tuple[int, float]] = []
    unpickle = 0.0
    profiler = None
    if a.profile:
        import cProfile
        profiler = cProfile.Profile(time.process_time)  # CPU, not wall
    wall = time.perf_counter()
    read, written = io_bytes()
    import inspect
    # the writer's own page cache (code before it had none: every connection had the same)
    mine = {"cache_kib": writer_mod.WRITER_CACHE_KIB} if "cache_kib" in inspect.signature(Store).parameters else {}
    with Store(db, **mine) as store:
        if not a.onto:
            store.start_run({"paths": ["bench_writer"]})
        done = 0
        i = 0
        while i < len(files) and done < a.reports:
            t = time.process_time()
            group = [pickle.loads(f.read_bytes()) for f in files[i:i + a.group]]
            unpickle += time.process_time() - t
            i += a.group
            if profiler:
                profiler.enable()
            t = time.process_time()
            results = store.retrying(lambda: store.save_planned_batches(group))
            spent = time.process_time() - t
            if profiler:
                profiler.disable()
            for r in results:
                per_batch.append((r.reports_added, spent / len(results)))
                done += r.reports_added
    wall = time.perf_counter() - wall
    read, written = (b - a for a, b in zip((read, written), io_bytes()))
    cpu = sum(s for _, s in per_batch)
    print(f"writer only, {done} reports, {a.group} batch(es) per transaction: {wall:.1f} s wall, "
          f"CPU {cpu:.1f} s storing + {unpickle:.1f} s unpickling; database {db_mib(db):.0f} MiB")
    print(line("writer CPU ms/report", by_tenth(per_batch)))
    print(f"per report: {1000 * cpu / max(1, done):.2f} ms; read {read / 1024 / max(1, done):.0f} KiB, "
          f"written {written / 1024 / max(1, done):.0f} KiB (recorded batches read included)")
    inside = parts.pop("whole transaction but its commit")
    print("CPU ms per report: " + ", ".join(f"{k} {1000 * v / max(1, done):.2f}" for k, v in parts.most_common())
          + f", the rest of the transaction {1000 * (inside - sum(parts.values())) / max(1, done):.2f}"
          + f", commit {1000 * (cpu - inside) / max(1, done):.2f}")
    if profiler:
        profiler.dump_stats(a.profile)
        import pstats
        pstats.Stats(a.profile).sort_stats("tottime").print_stats(25)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=pathlib.Path, help="folder of cached extraction batches (b*.pkl)")
    ap.add_argument("--jobs", type=pathlib.Path, help="folder of recorded writer batches (j*.pkl): writer only")
    ap.add_argument("--reports", type=int, default=20000)
    ap.add_argument("--record", type=pathlib.Path, help="save what the writer is sent into this folder")
    ap.add_argument("--group", type=int, help="batches per transaction (writer only; default: the writer's)")
    ap.add_argument("--profile", help="cProfile the writer-only replay into this file")
    ap.add_argument("--onto", type=pathlib.Path, help="writer only: replay onto a copy of this database "
                    "(one --keep made from the same recording), skipping the first --skip batches")
    ap.add_argument("--skip", type=int, default=0)
    ap.add_argument("--cache-mib", type=int, help="the SQLite page cache of each connection (MiB)")
    ap.add_argument("--checkpoint", type=int, help="SQLite wal_autocheckpoint (pages) of each connection")
    ap.add_argument("--keep", type=pathlib.Path, help="keep the database at this path")
    a = ap.parse_args()
    if not a.cache and not a.jobs:
        ap.error("give --cache or --jobs")
    work = pathlib.Path(tempfile.mkdtemp(prefix="claims_writer_"))
    db = work / "claims.db"
    if a.onto:
        for p in a.onto.parent.glob(a.onto.name + "*"):
            shutil.copy(p, str(db) + p.name[len(a.onto.name):])
    if a.cache_mib:
        import claims.store
        from claims.store import writer as writer_mod
        claims.store.SQLITE_CACHE_KIB = writer_mod.WRITER_CACHE_KIB = a.cache_mib * 1024
    if a.checkpoint:
        import claims.store
        claims.store.SQLITE_WAL_AUTOCHECKPOINT = a.checkpoint
    try:
        if a.jobs:
            writer_only(a, db)
        else:
            run_loop(a, db)
        if a.keep:
            for p in db.parent.glob(db.name + "*"):
                shutil.copy(p, str(a.keep) + p.name[len(db.name):])
    finally:
        shutil.rmtree(work, ignore_errors=True)
        os.sync()


if __name__ == "__main__":
    main()
