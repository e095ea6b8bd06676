"""The library API: what the ``claims`` command does, callable from Python or a notebook.

Every function returns plain data (pandas DataFrames or small dataclasses); the CLI in
cli.py only parses options, calls these and prints. ``run`` is the main job: each batch of
reports is extracted (parallel.py), stored (claims.store), grouped against the stored claims
(claims.grouping) and its groups stored, in one transaction; then the workbook is written.
"""
from __future__ import annotations

import contextlib
import gc
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional, Sequence, Union

from .errors import ClaimsError
from .files import make_parent
from .parallel import SerialExecutor, extract_rows_timed, make_executor
from .types import (EXPORT_FORMATS, EXPORT_SUFFIXES, REVIEW_ORDER, REVIEW_ROWS_DEFAULT, Report, Statement,
                    statements_frame)

if TYPE_CHECKING:  # pandas is imported where it is used: ``claims --help`` stays fast
    import pandas as pd

log = logging.getLogger("claims")

PathLike = Union[str, os.PathLike]
DEFAULT_DB = os.path.join("reports", "claims.db")
DEFAULT_WORKBOOK = os.path.join("reports", "review.xlsx")
BATCH_SIZE = 200  # reports per extraction batch and per database transaction



class NothingToDo(ClaimsError):
    """What the user asked for matched nothing (a filter, a folder without reports)."""


# --------------------------------------------------------------------------- extraction


def extract_report(report: Report) -> list[Statement]:
    """One report -> its statements (direct, indirect, mixed quotes and the report's own claims)."""
    from .extraction.pipeline import extract_report as _extract

    return _extract(report)


def iter_reports(paths: Sequence[PathLike], on_warning: Optional[Callable[[str], None]] = None, *,
                 max_report_bytes: Union[int, str, None] = None) -> Iterator[Report]:
    """Stream the reports found under ``paths`` (files and folders, recursively). Files and
    table rows over ``max_report_bytes`` (e.g. 200_000_000 or "200M"; default
    $CLAIMS_MAX_REPORT_BYTES, else 50 MB) are skipped with a warning."""
    from .reports import read_reports

    return read_reports([Path(p) for p in paths], on_warning=on_warning or _log_warning,
                        max_bytes=max_report_bytes)


def extract(
    paths: Union[PathLike, Sequence[PathLike]],
    *,
    dedupe: bool = False,
    same_threshold: Optional[float] = None,
    similar_threshold: Optional[float] = None,
    on_warning: Optional[Callable[[str], None]] = None,
    max_report_bytes: Union[int, str, None] = None,
) -> pd.DataFrame:
    """Statements of every report under ``paths`` as a DataFrame, one row per statement.

    >>> import claims
    >>> df = claims.extract("seeds")                      # doctest: +SKIP
    >>> df[["kind", "speaker_name", "text"]].head()       # doctest: +SKIP

    With ``dedupe=True`` a ``claim_id`` column groups repeated claims (see ``dedupe``).
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    statements: list[Statement] = []
    for report in iter_reports(paths, on_warning, max_report_bytes=max_report_bytes):
        statements.extend(extract_report(report))
    frame = statements_frame(statements)
    if dedupe:
        groups = group_claims(frame, same_threshold=same_threshold, similar_threshold=similar_threshold)
        frame = frame.merge(groups.assignments.rename(columns={"statement_id": "id"}), on="id", how="left")
    return frame


def group_claims(statements: pd.DataFrame, *, same_threshold: Optional[float] = None,
                 similar_threshold: Optional[float] = None):
    """Group repeated statements into claims: returns ``claims.grouping.ClaimGroups``
    (``assignments``: statement_id -> claim_id; ``claims``: one row per claim; ``similar``: suggestions)."""
    # claims.grouping holds the algorithm (imported here, not at `import claims`: it is heavy);
    # this wrapper only fills in defaults.
    from .grouping import group_claims as _group

    kwargs = {}
    if same_threshold is not None:
        kwargs["same_threshold"] = same_threshold
    if similar_threshold is not None:
        kwargs["similar_threshold"] = similar_threshold
    return _group(statements, **kwargs)


# --------------------------------------------------------------------------- helpers


def _log_warning(message: str) -> None:
    log.warning(message)


def _peak_memory(summary: "RunSummary") -> None:
    """Peak resident set of this process and of its (finished, reaped) worker processes."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Unix
        return
    kib = 1024.0 if os.uname().sysname != "Darwin" else 1024.0 * 1024.0  # ru_maxrss: KiB (bytes on macOS)
    summary.peak_mib_main = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / kib
    summary.peak_mib_workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / kib


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class RunSummary:
    reports_read: int = 0
    reports_skipped: dict[str, int] = field(default_factory=dict)  # reason -> count
    reports_stored: int = 0
    statements: int = 0
    claims: int = 0
    new_claims: int = 0
    workbook: Optional[str] = None
    workbook_rows: int = 0
    workbook_note: Optional[str] = None  # "showing 5,000 of 213,955 claims: ..." when the cap cut rows
    backup: Optional[str] = None  # the old workbook kept by --force
    seconds: float = 0.0
    # Seconds per stage. Main process: "read" (reading reports, already-stored check),
    # "extract" (waiting for the extraction results: with --workers 1 the extraction itself),
    # "dedupe" (grouping claims and speakers), "store" (database work in this process: what is
    # new, waiting for the background writer), "store_background" (the writer process's time
    # storing the batches, alongside; claims.store.writer), "workbook". Worker
    # side: "extract_workers" (wall seconds spent extracting, summed over the batches, in
    # whichever process ran them) and "extract_workers_cpu" (their CPU seconds).
    stage_seconds: dict[str, float] = field(default_factory=dict)
    peak_mib_main: float = 0.0  # largest resident set of this process
    peak_mib_workers: float = 0.0  # largest resident set of a worker process: extraction or the background writer
    # per batch: (reports, main-process seconds storing and grouping it), to see whether the
    # cost per report stays flat as the database grows (issue 12; logged per tenth with -v);
    # and the main process's CPU seconds for it: wall time also counts the cores the extraction
    # workers and the writer took, and waiting for the writer
    batch_seconds: list = field(default_factory=list)
    batch_cpu_seconds: list = field(default_factory=list)

    def ms_per_report_by_tenth(self, cpu: bool = False) -> list[float]:
        rows, n = self.batch_seconds, len(self.batch_seconds)
        spent = self.batch_cpu_seconds if cpu else [s for _, s in rows]
        out = []
        for t in range(10):
            lo, hi = t * n // 10, (t + 1) * n // 10
            reports = sum(r for r, _ in rows[lo:hi])
            if reports:
                out.append(1000 * sum(spent[lo:hi]) / reports)
        return out

    def skipped(self, reason: str) -> None:
        self.reports_skipped[reason] = self.reports_skipped.get(reason, 0) + 1

    def line(self) -> str:
        skipped = sum(self.reports_skipped.values())
        why = ", ".join(f"{n} {reason}" for reason, n in sorted(self.reports_skipped.items()))
        parts = [
            f"{plural(self.reports_read, 'report')} read",
            f"{skipped} skipped" + (f" ({why})" if why else ""),
            f"{self.reports_stored} new stored",
            plural(self.statements, "statement"),
            f"{plural(self.claims, 'claim')} ({self.new_claims} new)",
        ]
        if self.workbook:
            parts.append(f"{plural(self.workbook_rows, 'row')} in {self.workbook}")
            if self.workbook_note:
                parts.append(self.workbook_note)
        if self.backup:
            parts.append(f"old workbook kept as {self.backup}")
        parts.append(f"{self.seconds:.1f} s")
        return "; ".join(parts)


def plural(n: int, word: str) -> str:
    """``1 report``, ``2 reports``, ``0 reports``."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# --------------------------------------------------------------------------- the main job


@contextlib.contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Tens of thousands of short-lived rows, dicts and lists per batch: the cyclic GC would
    rescan the long-lived grouping state over and over (most of them are freed by reference
    counting anyway; the rest is collected after the batch)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


FREEZE_EVERY = 25  # batches between two collections of what the run made since the last one


class _LongLivedHeap:
    """The cyclic GC kept off the grouping state during a run. The state (millions of posting
    lists, speaker keys) lives to the end of the run, yet every full collection rescans all of
    it (~1 s at 850,000 claims), and a run triggers one each time the heap grew by a quarter.
    So what exists when the run starts (the loaded state) is frozen (``gc.freeze``: never
    scanned again), and every ``FREEZE_EVERY`` batches what the run made since is collected
    (a scan of those objects only) and frozen in turn; all is unfrozen when the run ends.
    Meanwhile the GC makes no full collection of its own: after a freeze it would count the
    few objects left unfrozen as the whole heap, and scan every few batches. Nothing is left
    uncollected: only collected survivors are frozen, and the state holds no reference cycles
    that could become garbage while frozen (a batch leaves ~100 objects of cyclic garbage)."""

    def __init__(self) -> None:
        self.active = gc.isenabled()  # a caller that turned the GC off keeps it off
        self.batches = 0
        self.thresholds = gc.get_threshold()
        if self.active:
            gc.freeze()
            gc.set_threshold(self.thresholds[0], self.thresholds[1], 1 << 30)

    def batch_done(self) -> None:
        self.batches += 1
        if self.active and self.batches % FREEZE_EVERY == 0:
            gc.collect()
            gc.freeze()

    def close(self) -> None:
        if self.active:
            self.active = False
            gc.set_threshold(*self.thresholds)
            gc.unfreeze()


def store_batch(store, reports: Sequence[Report], statements: pd.DataFrame, state, *, run_id: Optional[int] = None,
                same_threshold: Optional[float] = None, similar_threshold: Optional[float] = None,
                timings: Optional[dict] = None):
    """One batch, in one write transaction: store the reports -> group the batch against the
    stored claims (``state``, from ``store.load_grouping_state()``, first brought up to the
    claims other commands committed meanwhile) -> store the groups. Two runs at once take turns
    per batch, each grouping against everything committed before it, as if run one after the
    other; a transaction PostgreSQL ends (serialization failure, deadlock) is run again. An
    interrupted run never leaves statements without a claim. Returns
    ``claims.store.GroupResult``; ``state`` is brought up to date for the next batch."""
    from .grouping import group_batch
    from .store import GroupResult

    timings = timings if timings is not None else {}

    def batch():
        t0 = time.perf_counter()
        # the statements are inserted with their claim and speaker ids, once grouped
        added = store.add_reports(reports, statements, run_id=run_id, defer_statements=True)
        store_seconds = time.perf_counter() - t0
        dedupe_seconds = 0.0
        grouping, result = None, GroupResult()
        if added.statements:
            t1 = time.perf_counter()
            store.refresh_grouping_state(state)
            grouping = group_batch(added.statements_frame(), state, report_dates=added.report_dates,
                                   same_threshold=same_threshold, similar_threshold=similar_threshold)
            t2 = time.perf_counter()
            result = store.save_grouping(grouping, run_id=run_id, added=added)
            store_seconds += time.perf_counter() - t2
            dedupe_seconds = t2 - t1
        result.reports_added = added.added
        return grouping, result, store_seconds, dedupe_seconds

    with _no_cyclic_gc():
        grouping, result, store_seconds, dedupe_seconds = store.retrying(batch)
    timings["store"] = timings.get("store", 0.0) + store_seconds
    if grouping is not None:
        timings["dedupe"] = timings.get("dedupe", 0.0) + dedupe_seconds
        state.apply(grouping)
        store.grouping_stored(state, result)
    return result


def group_unassigned(store, *, run_id: Optional[int] = None, same_threshold: Optional[float] = None,
                     similar_threshold: Optional[float] = None):
    """Give every stored statement without a claim (stored by an older version) a claim id and a
    speaker id, keeping the ids given; returns ``claims.store.GroupResult`` with the numbers of
    claims and speakers stored. Only those statements are loaded; the stored claims take part
    through the compact claim index, never through their statements."""
    from .grouping import group_batch
    from .store import GroupResult

    result = GroupResult()
    with store.transaction():
        new = store.unassigned_statements()
        if len(new):
            dates = store.report_dates(new["report"][new["report_date"].isna()].tolist())
            grouping = group_batch(new, store.load_grouping_state(), report_dates=dates,
                                   same_threshold=same_threshold, similar_threshold=similar_threshold)
            result = store.save_grouping(grouping, run_id=run_id)
        return store.count_groups(result)


def _check_workbook_size(n_claims: int, *, top=None, new=False, unreviewed=False, report=None, speaker=None) -> None:
    """Refuse (ClaimsError) a workbook whose Review sheet would pass Excel's row limit, before
    anything is built or written; the run's database work is already committed."""
    from . import workbook
    from .errors import ClaimsError

    limit = workbook.MAX_DATA_ROWS
    if n_claims <= limit:
        return
    used = [f for f, on in (("--top N", bool(top)), ("--new", new), ("--unreviewed", unreviewed),
                            ("--report", report is not None), ("--speaker", speaker is not None)) if on]
    raise ClaimsError(
        f"the review workbook would hold {n_claims:,} claims, more than fit in one Excel sheet "
        f"({limit:,} rows); no workbook was written (the reports, statements and claims are stored). "
        f"Choose what goes in with --top N (highest check-worthiness and occurrences), --new "
        f"(claims first seen in this run), --unreviewed, --report ID or --speaker NAME"
        + (f" (used: {', '.join(used)})" if used else "")
    )


def open_store(db: PathLike = DEFAULT_DB, *, create: bool = True):
    """Open the project database: a SQLite path or a SQLAlchemy URL; created if needed only
    with ``create=True`` (commands that store); a database that is not claims' is refused."""
    from .store import Store

    return Store(str(db), create=create)


def run(
    paths: Sequence[PathLike],
    *,
    db: PathLike = DEFAULT_DB,
    output: Optional[PathLike] = DEFAULT_WORKBOOK,
    workers: Optional[int] = None,
    dask: Optional[str] = None,
    batch_size: int = BATCH_SIZE,
    same_threshold: Optional[float] = None,
    similar_threshold: Optional[float] = None,
    top: Optional[int] = REVIEW_ROWS_DEFAULT,
    new: bool = False,
    unreviewed: bool = False,
    report: Optional[str] = None,
    speaker: Optional[str] = None,
    on_warning: Optional[Callable[[str], None]] = None,
    progress: Optional[Callable[[int, int], None]] = None,
    max_report_bytes: Union[int, str, None] = None,
    verdicts: Optional[Sequence[str]] = None,
    verdict_map: Optional[dict] = None,
    force: bool = False,
    on_stage: Optional[Callable[..., None]] = None,
) -> RunSummary:
    """Read reports, extract statements, group claims, store all, write the review workbook.

    Reports already in the database (same content) are skipped, so running again adds
    nothing twice; verdicts are never touched here except to mark them carried over when a
    new report repeats a reviewed claim, or mapped by ``verdict_map`` when ``verdicts`` sets
    a new verdict list (see ``claims.store.verdicts.set_verdict_values``).

    The workbook holds at most ``top`` claims (default ``REVIEW_ROWS_DEFAULT``, 5,000; ``None``
    or 0: every claim the filters select), in ``REVIEW_ORDER``; when that cuts rows the
    summary's ``workbook_note`` says so.

    Refused (ClaimsError) before anything is read or stored: a missing path, paths holding no
    report file (``NothingToDo``), an output that is not .xlsx, an existing workbook at
    ``output`` holding verdicts the database lacks (unless ``force``: see
    ``check_workbook_overwrite``), a verdict list stranding stored verdicts. ``on_stage(name,
    total=None)`` is told each stage: "reading" (with the estimated number of reports),
    "extracting", "grouping", "storing", "writing workbook".
    """
    started = time.perf_counter()
    summary = RunSummary()
    stage = summary.stage_seconds
    warn = on_warning or _log_warning
    total = count_reports(paths)
    if output is not None:
        _check_workbook_suffix(output)
    if on_stage:
        on_stage("reading", total=total)

    def reader_warning(message: str) -> None:
        # The reader's warnings say "skipped" when a file or row is left out (binary, empty,
        # unreadable); others (a cp1252 fallback) only inform.
        if "skipped" in message:
            summary.skipped("unreadable or empty")
        warn(message)

    _check_run_inputs(paths, output, dask)  # before anything is created or written
    if max_report_bytes is not None:  # a bad limit is refused before anything is stored
        from .reports import max_report_bytes as report_size_limit

        report_size_limit(max_report_bytes)
    with open_store(db) as store:
        if output is not None:
            check_workbook_overwrite(store, output, force=force)
        if verdicts is not None:
            store.set_verdict_values(list(verdicts), mapping=verdict_map)
        run_id = store.start_run({"paths": [str(p) for p in paths]})
        if on_stage:
            on_stage("extracting")
        batches = _fresh_batches(store, paths, batch_size, summary, reader_warning, progress,
                                 max_report_bytes=max_report_bytes)
        _extract_group_store(store, batches, summary, run_id=run_id, workers=workers, dask=dask,
                             same_threshold=same_threshold, similar_threshold=similar_threshold, progress=progress,
                             on_stage=on_stage)
        if on_stage:
            on_stage("grouping")
        t0 = time.perf_counter()
        # Statements left without a claim by an older version: grouped now (none otherwise).
        grouped = group_unassigned(store, run_id=run_id, same_threshold=same_threshold,
                                   similar_threshold=similar_threshold)
        stage["dedupe"] = stage.get("dedupe", 0.0) + time.perf_counter() - t0
        summary.new_claims += int(grouped.new_claims)
        if on_stage:
            on_stage("storing")
        status = store.status()
        summary.claims = int(status.get("claims", 0))
        summary.statements = int(status.get("statements", 0))
        store.finish_run(run_id, {"reports": summary.reports_stored, "statements": summary.statements,
                                  "new_claims": summary.new_claims})
        if output is not None:
            if on_stage:
                on_stage("writing workbook")
            try:
                written = _write_workbook(store, output, top=top, new_since_run=run_id if new else None,
                                          unreviewed=unreviewed, report=report, speaker=speaker, force=force)
            except ClaimsError as error:
                summary.seconds = time.perf_counter() - started
                error.summary = summary  # type: ignore[attr-defined]  # the stored part is done
                raise
            summary.workbook, summary.workbook_rows, summary.backup = written.path, written.rows, written.backup
            summary.workbook_note = written.note
            stage["workbook"] = written.seconds
        summary.seconds = time.perf_counter() - started
        _peak_memory(summary)
        log.info("time per stage: %s; total %.1f s",
                 ", ".join(f"{k} {stage.get(k, 0.0):.1f} s" for k in ("read", "extract", "dedupe", "store", "workbook",
                                                                     "extract_workers", "extract_workers_cpu",
                                                                     "store_background", "store_background_cpu")),
                 summary.seconds)
        log.info("peak memory: main %.0f MiB, workers %.0f MiB", summary.peak_mib_main, summary.peak_mib_workers)
        if summary.batch_seconds:
            log.info("main process ms per report by tenth of the run: %s",
                     " ".join(f"{x:.1f}" for x in summary.ms_per_report_by_tenth()))
            log.info("main process CPU ms per report by tenth of the run: %s",
                     " ".join(f"{x:.1f}" for x in summary.ms_per_report_by_tenth(cpu=True)))
    return summary


def _check_run_inputs(paths, output, dask) -> None:
    """Refuse (ClaimsError, one line) a run whose inputs are unusable, before the database is
    opened: a missing path, an output that cannot be written, an unreachable Dask scheduler."""
    from .errors import ClaimsError, ReportReadError
    from .files import check_output_path

    missing = [os.fspath(p) for p in paths if not os.path.lexists(os.fspath(p))]
    if missing:
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        raise ReportReadError(f"no such file or folder: {missing[0]!r}{more}; nothing was stored")
    if output is not None:
        check_output_path(output)
    if dask and dask != "local":
        import socket
        from urllib.parse import urlsplit

        address = dask if "://" in dask else f"tcp://{dask}"
        try:
            parts = urlsplit(address)
            host, port = parts.hostname, parts.port or 8786
        except ValueError:
            host, port = None, None
        if not host:
            raise ClaimsError(f"--dask {dask}: not a scheduler address (tcp://HOST:PORT or local)")
        try:
            socket.create_connection((host, port), timeout=10).close()
        except OSError as e:
            raise ClaimsError(f"--dask {dask}: cannot reach the Dask scheduler ({e.strerror or e}); "
                              "nothing was stored") from None


def _fresh_batches(store, paths, batch_size: int, summary: RunSummary, reader_warning,
                   progress, *, max_report_bytes=None) -> Iterator[list[Report]]:
    """Batches of the reports not stored yet. Reading and the already-stored check happen
    here, in this process; only new reports go to the extraction workers."""
    stage = summary.stage_seconds
    seen: set[str] = set()
    t0 = time.perf_counter()
    for batch in _batches(iter_reports(paths, reader_warning, max_report_bytes=max_report_bytes), batch_size):
        summary.reports_read += len(batch)
        known = store.known_hashes([r.content_hash for r in batch])
        fresh = []
        for r in batch:
            if r.content_hash in known or r.content_hash in seen:
                summary.skipped("already stored")
                if progress:
                    progress(1, 0)
                continue
            seen.add(r.content_hash)
            fresh.append(r)
        stage["read"] = stage.get("read", 0.0) + time.perf_counter() - t0
        if fresh:
            yield fresh
        t0 = time.perf_counter()


def _extract_group_store(store, batches: Iterator[list[Report]], summary: RunSummary, *, run_id: int,
                         workers, dask, same_threshold, similar_threshold, progress, on_stage=None) -> None:
    """Extract each batch (serially, in worker processes or on Dask), group it against a compact
    index of the claims stored so far (bounded by the number of claims, not statements) and
    store it. Storing runs in a background thread (claims.store.writer) while the next batch is
    grouped, except for an in-memory database (one connection) and after another command
    grouped claims during the run (then each batch is grouped and stored in one transaction,
    ``store_batch``)."""
    from .grouping.forked import in_this_process
    from .store.claims import GroupingConflict

    stage = summary.stage_seconds
    writer = _background_writer(store)  # forked first: the index loaded next is not copied
    state = store.load_grouping_state()
    generation = state.stored_at[0] if writer is not None else None
    executor = make_executor(workers, dask)
    serial_grouping = contextlib.ExitStack()
    if not isinstance(executor, SerialExecutor):  # extraction workers (or Dask) keep the cores busy:
        serial_grouping.enter_context(in_this_process())  # grouping forks no workers of its own

    def serially(reports, frame) -> None:
        grouped = store_batch(store, reports, frame, state, run_id=run_id, same_threshold=same_threshold,
                              similar_threshold=similar_threshold, timings=stage)
        summary.new_claims += grouped.new_claims
        summary.reports_stored += grouped.reports_added
        for _ in range(len(reports) - grouped.reports_added):  # stored by another run meanwhile
            summary.skipped("already stored")

    def fall_back(unwritten: list) -> None:
        """Another command grouped claims meanwhile: the batches not written are grouped again
        against the database as it is now, one transaction each, and so is the rest of the run."""
        nonlocal writer, state
        _count_writer_seconds(stage, writer)
        writer = None
        log.info("another command grouped claims during this run: %d batch(es) grouped again", len(unwritten))
        state = store.load_grouping_state()
        for job in unwritten:  # what was counted for it when it was queued is counted again
            summary.reports_stored -= job.added.added
            summary.new_claims -= len(job.grouping.new_claims) if job.grouping is not None else 0
            if len(job.reports) > job.added.added:
                summary.reports_skipped["already stored"] -= len(job.reports) - job.added.added
            serially(job.reports, job.statements)

    heap = _LongLivedHeap()  # the state just loaded is frozen
    try:
        t0 = time.perf_counter()
        for batch, (statements, worker_wall, worker_cpu) in executor.map(batches, fn=extract_rows_timed):
            t1, c1 = time.perf_counter(), time.process_time()
            stage["extract"] = stage.get("extract", 0.0) + t1 - t0
            stage["extract_workers"] = stage.get("extract_workers", 0.0) + worker_wall
            stage["extract_workers_cpu"] = stage.get("extract_workers_cpu", 0.0) + worker_cpu
            if on_stage:  # the progress bar names what the main process is doing now
                on_stage("grouping and storing")
            frame = statements_frame(statements)
            stage["store"] = stage.get("store", 0.0) + time.perf_counter() - t1
            if writer is not None and writer.conflicted:  # noticed while this batch was extracted
                fall_back(writer.close())
            if writer is not None:
                job = _plan_and_group(store, writer, batch, frame, state, generation, run_id=run_id,
                                      same_threshold=same_threshold, similar_threshold=similar_threshold,
                                      timings=stage)
                if job.grouping is not None:
                    generation += 1  # what save_grouping makes it
                summary.new_claims += len(job.grouping.new_claims) if job.grouping is not None else 0
                summary.reports_stored += job.added.added
                for _ in range(len(batch) - job.added.added):  # stored by another run meanwhile
                    summary.skipped("already stored")
                t2 = time.perf_counter()
                try:
                    writer.submit(job)  # waits while GROUP + AHEAD batches are in flight
                except GroupingConflict:
                    pass  # handled below, once the writer has stopped
                stage["store"] = stage.get("store", 0.0) + time.perf_counter() - t2
                if writer.conflicted:
                    fall_back(writer.close())
            else:
                serially(batch, frame)
            heap.batch_done()
            summary.batch_seconds.append((len(batch), time.perf_counter() - t1))
            summary.batch_cpu_seconds.append(time.process_time() - c1)
            if on_stage:
                on_stage("extracting")
            t0 = time.perf_counter()
            if progress:
                progress(len(batch), len(statements))
        if writer is not None:
            t2 = time.perf_counter()
            unwritten = writer.close()  # waits for the batches queued
            if unwritten:  # a conflict on the last batches
                fall_back(unwritten)
            stage["store"] = stage.get("store", 0.0) + time.perf_counter() - t2
    finally:
        if writer is not None:
            _count_writer_seconds(stage, writer)
            if not writer.closed:
                try:
                    writer.close()  # a run stopped by an error: the batches queued are still written
                except Exception as error:  # the run's own error is the one to report
                    log.warning("storing the last batches failed: %s", error)
        serial_grouping.close()
        executor.close()
        heap.close()
    _peak_memory(summary)
    # "extract" above also counted the time spent reading inside the generator.
    stage["extract"] = max(0.0, stage.get("extract", 0.0) - stage.get("read", 0.0))


def _count_writer_seconds(stage: dict, writer) -> None:
    stage["store_background"] = stage.get("store_background", 0.0) + writer.busy_seconds
    stage["store_background_cpu"] = stage.get("store_background_cpu", 0.0) + writer.busy_cpu_seconds


def _background_writer(store):
    """A BatchWriter (a process of its own) on ``store``'s database; None for an in-memory
    SQLite database (another connection would see another database) or where processes
    cannot be forked."""
    from .store.writer import BatchWriter, can_fork

    if (store.is_sqlite and store.path is None) or not can_fork():
        return None
    return BatchWriter(store.url.render_as_string(hide_password=False))


def _plan_and_group(store, writer, reports, frame, state, generation: int, *, run_id, same_threshold,
                    similar_threshold, timings: dict):
    """The main thread's part of a batch when a writer stores it: what is new (a read), its
    grouping against ``state`` (then given to ``state``), as a PlannedBatch for the writer."""
    from .grouping import group_batch
    from .store.writer import PlannedBatch

    with _no_cyclic_gc():
        t0 = time.perf_counter()
        added = store.plan_reports(reports, frame, run_id=run_id, pending_ids=writer.pending_ids())
        t1 = time.perf_counter()
        timings["store"] = timings.get("store", 0.0) + t1 - t0
        grouping = None
        if added.statements:
            grouping = group_batch(added.statements_frame(), state, report_dates=added.report_dates,
                                   same_threshold=same_threshold, similar_threshold=similar_threshold)
            state.apply(grouping)
        timings["dedupe"] = timings.get("dedupe", 0.0) + time.perf_counter() - t1
    return PlannedBatch(reports=reports, statements=frame, added=added, grouping=grouping,
                        expected_generation=generation)


@dataclass
class WorkbookWritten:
    """What write_workbook wrote: the path, its number of claim rows, the backup of the old file,
    the number of claims the filters selected (``rows`` or more) and, when the row cap left
    some out, the line saying so."""

    path: str
    rows: int
    backup: Optional[str] = None
    seconds: float = 0.0
    selected: int = 0
    note: Optional[str] = None


def count_reports(paths: Sequence[PathLike]) -> int:
    """Estimated number of reports under ``paths``, cheaply, for a progress total: one per text
    or HTML file, one per line of a .jsonl table (lines - 1 for .csv). Raises ClaimsError for a
    missing path and NothingToDo when no report file is found (e.g. a folder of PDFs)."""
    from .reports import SUPPORTED_SUFFIXES, iter_report_paths

    files = list(iter_report_paths([Path(p) for p in paths], on_warning=lambda message: None))
    if not files:
        shown = ", ".join(str(p) for p in paths)
        raise NothingToDo(f"no reports found in {shown} (supported: {' '.join(SUPPORTED_SUFFIXES)})")
    total = 0
    for f in files:
        total += _estimate_rows(f) if f.suffix.lower() in (".jsonl", ".csv") else 1
    return total


def _estimate_rows(path: Path, sample: int = 1 << 20) -> int:
    """Rows of a .jsonl/.csv table, estimated from at most ``sample`` bytes (the whole file
    when smaller); only a regular file is opened (never a FIFO or a device)."""
    import stat

    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            return 0
        with open(path, "rb") as fh:
            head = fh.read(sample)
    except OSError:
        return 0
    lines = head.count(b"\n") + (0 if head.endswith(b"\n") or not head else 1)
    if st.st_size > len(head) and head:
        lines = int(lines * st.st_size / len(head))
    return max(1, lines - (1 if path.suffix.lower() == ".csv" else 0))


def _check_workbook_suffix(output: PathLike) -> None:
    if Path(output).suffix.lower() != ".xlsx":
        raise ClaimsError(f"{output}: the review workbook is an .xlsx file; name it e.g. review.xlsx")


def backup_path(path: PathLike, when: Optional[float] = None) -> Path:
    """``review.xlsx`` -> ``review.2026-11-30T0412.xlsx`` beside it (``-2``, ``-3``... if taken)."""
    path = Path(path)
    stamp = time.strftime("%Y-%m-%dT%H%M", time.localtime(when))
    candidate = path.with_name(f"{path.stem}.{stamp}{path.suffix}")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.{stamp}-{n}{path.suffix}")
        n += 1
    return candidate


def unimported_rows(store, reviewed) -> list:
    """The rows of a reviewed workbook (claims.types.ReviewedWorkbook) whose verdict, evidence,
    reviewer, date or notes the database does not hold: neither the claim's current verdict
    nor any value set recorded in its history (an imported conflict is in the history)."""
    import sqlalchemy as sa

    from .store.schema import VERDICT_FIELDS, history_t, verdicts_t
    from .store.values import IN_CHUNK, cell_text, chunks

    def key(vals: dict) -> tuple:
        return tuple((vals.get(f) or "").lower() if f == "verdict" else vals.get(f) for f in VERDICT_FIELDS)

    rows = {}
    for r in reviewed.rows:
        cid = cell_text(r.claim_id)
        if cid is not None:
            rows.setdefault(cid, []).append(r)
    known: dict[str, set] = {}
    with store.transaction() as conn:
        for chunk in chunks(sorted(rows), IN_CHUNK):
            for v in conn.execute(sa.select(verdicts_t).where(verdicts_t.c.claim_id.in_(chunk))).mappings():
                known.setdefault(v["claim_id"], set()).add(key({f: cell_text(v[f]) for f in VERDICT_FIELDS}))
            for h in conn.execute(sa.select(history_t).where(history_t.c.claim_id.in_(chunk))).mappings():
                known.setdefault(h["claim_id"], set()).add(
                    key({f: cell_text(h[f"new_{f}"]) for f in VERDICT_FIELDS}))
    blank = key({})
    out = []
    for cid, rs in rows.items():
        for r in rs:
            k = key({f: cell_text(getattr(r, f, None)) for f in VERDICT_FIELDS})
            if k not in known.get(cid, {blank}):
                out.append(r)
    return out


def check_workbook_overwrite(store, output: PathLike, *, force: bool = False) -> Optional[Path]:
    """Nothing typed is lost: before a workbook is written over ``output``, read the old one
    back. Refused (ClaimsError, one line) when it is not a review workbook of this database or
    holds verdicts, evidence or notes the database does not (``unimported_rows``). With
    ``force`` the refusal is skipped and the old file is to be kept as a dated backup: the
    path for it is returned (the caller copies the file there just before writing)."""
    from .errors import WorkbookError
    from .workbook import read_review_workbook

    output = Path(output)
    if not output.exists():
        return None
    if output.is_dir():
        raise ClaimsError(f"{output}: is a folder; give a workbook file name such as review.xlsx")
    how = (f"import it first (claims import {output}) or use --force, which keeps it as "
           f"{backup_path(output).name} before writing")
    problem = None
    try:
        reviewed = read_review_workbook(output)
    except WorkbookError as error:
        problem = f"{output}: not overwritten: it cannot be read as a review workbook ({error})"
        how = "move it away or use --force, which keeps it as a dated backup before writing"
    else:
        if str(reviewed.database_id or "") != store.database_id:
            problem = f"{output}: not overwritten: it is a review workbook of another database"
            how = "move it away or use --force, which keeps it as a dated backup before writing"
        else:
            pending = unimported_rows(store, reviewed)
            if pending:
                first = pending[0]
                problem = (f"{output}: not overwritten: it holds {len(pending)} row(s) of verdicts, evidence or "
                           f"notes not in the database (first: sheet {first.sheet!r} row {first.row}, claim "
                           f"{first.claim_id})")
    if problem is None:
        return None
    if not force:
        raise ClaimsError(f"{problem}; {how}")
    return backup_path(output)


def write_workbook(
    output: PathLike = DEFAULT_WORKBOOK,
    *,
    db: PathLike = DEFAULT_DB,
    top: Optional[int] = REVIEW_ROWS_DEFAULT,
    new: bool = False,
    unreviewed: bool = False,
    report: Optional[str] = None,
    speaker: Optional[str] = None,
    force: bool = False,
) -> WorkbookWritten:
    """Write the review workbook from the database alone (no report is read again).

    At most ``top`` claims (default 5,000; ``None`` or 0: all), in ``REVIEW_ORDER``; the
    result's ``note`` says when the cap left claims out. ``new``: only claims first seen in
    the latest run. Refused (ClaimsError, one line) for a
    database that does not exist, an output that is not .xlsx, a filter that matches no claim
    (``NothingToDo``), and an existing workbook holding work the database lacks unless
    ``force`` (see ``check_workbook_overwrite``). ``claims run`` writes its workbook the same way.
    """
    _check_workbook_suffix(output)
    with open_store(db, create=False) as store:
        new_since_run = None
        if new:
            new_since_run = store.last_run_id()
            if new_since_run is None:
                raise NothingToDo("no claims match --new: the database has no run yet")
        return _write_workbook(store, output, top=top, new_since_run=new_since_run, unreviewed=unreviewed,
                               report=report, speaker=speaker, force=force)


def _no_match_message(store, filters: dict) -> Optional[str]:
    """One line naming the filter that left the workbook empty (None: nothing was filtered)."""
    from .terminal import visible

    # not --top: a row cap never empties a workbook by itself
    names = {"report": "--report", "speaker": "--speaker", "unreviewed": "--unreviewed",
             "new_since_run": "--new"}
    if filters.get("report") is not None and store.count_claims(report=filters["report"]) == 0:
        return f"no claims match --report {visible(filters['report'])}: no stored report has that id"
    if filters.get("speaker") is not None and store.count_claims(speaker=filters["speaker"]) == 0:
        return f"no claims match --speaker {visible(filters['speaker'])}"
    used = [names[k] for k, v in filters.items() if v not in (None, False) and k in names]
    if not used:
        return None
    return f"no claims match {' '.join(used)}"


def _write_workbook(store, output: PathLike, *, force: bool = False, **filters) -> WorkbookWritten:
    """The review workbook of the claims chosen by ``filters``, recorded as an export; refused
    before anything is built when it would not fit in one Excel sheet, when the filters match
    nothing, or when the file there holds work the database lacks (see check_workbook_overwrite)."""
    import shutil

    from .workbook import write_review_workbook

    t0 = time.perf_counter()
    top = filters["top"]
    selected = store.count_claims(**{**filters, "top": None})
    n = min(selected, top) if top else selected
    if n == 0:
        message = _no_match_message(store, filters)
        if message:
            raise NothingToDo(f"{message}; no workbook was written")
    _check_workbook_size(n, top=filters["top"], new=filters["new_since_run"] is not None,
                         unreviewed=filters["unreviewed"], report=filters["report"], speaker=filters["speaker"])
    backup = check_workbook_overwrite(store, output, force=force)
    data = store.review_data(**filters)
    data.selection_note = selection_note(len(data.claims), selected, filters)
    make_parent(output)
    if backup is not None:
        shutil.copy2(output, backup)
    write_review_workbook(data, output)
    _write_views(store, data, output)
    store.record_export(data, str(output))
    return WorkbookWritten(str(output), len(data.claims), str(backup) if backup else None,
                           time.perf_counter() - t0, selected=selected, note=data.selection_note)


def selection_note(shown: int, selected: int, filters: dict) -> Optional[str]:
    """The line stating the row cap when it left claims out (None otherwise), for the summary
    line and the About sheet: how many are shown, in which order, and the options that show more."""
    if shown >= selected:
        return None
    flags = [flag for key, flag in (("new_since_run", "--new"), ("unreviewed", "--unreviewed"),
                                    ("report", "--report"), ("speaker", "--speaker"))
             if filters.get(key) not in (None, False)]
    of = f"{selected:,} claims" + (f" matching {' '.join(flags)}" if flags else "")
    return (f"showing {shown:,} of {of}: {REVIEW_ORDER}; --top N or --all for more, "
            f"--new, --unreviewed, --report ID or --speaker NAME to choose")


def _write_views(store, data, output: PathLike) -> None:
    """The report views the workbook's View column links to (claims.report_view), beside it."""
    from .report_view import write_report_views
    from .workbook import VIEWS_FOLDER

    reports = data.reports["report"].tolist() if data.reports is not None and "report" in data.reports else []
    write_report_views(store, reports, Path(output).parent / VIEWS_FOLDER)


def show_report(report: str, output: Optional[PathLike] = None, *, db: PathLike = DEFAULT_DB) -> Path:
    """Write the HTML view of a stored report (every statement highlighted, coloured by speaker,
    labelled with its claim id and verdict); returns the path. Default output:
    ``reports/views/<report>.html``, where ``claims run`` puts the views its workbook links to."""
    from .report_view import write_report_view
    from .workbook import VIEWS_FOLDER
    from .workbook.links import view_filename

    if output is None:
        output = Path(DEFAULT_WORKBOOK).parent / VIEWS_FOLDER / view_filename(report)
    return write_report_view(report, output, db=db)


# --------------------------------------------------------------------------- verdicts and exports


def import_workbook(workbook: PathLike, *, db: PathLike = DEFAULT_DB):
    """Record the verdicts of a reviewed workbook; returns ``claims.store.ImportResult``.

    Raises ``claims.errors.WorkbookError`` / ``ImportRefused`` (nothing applied) on bad input,
    ClaimsError for a workbook or database that does not exist.
    """
    from .workbook import read_review_workbook

    reviewed = read_review_workbook(workbook)
    with open_store(db, create=False) as store:
        return store.import_verdicts(reviewed, store.verdict_values())


def check_db(*, db: PathLike = DEFAULT_DB) -> pd.DataFrame:
    """The database's problems, one row each (columns check, problem, count); empty when sound.

    Read-only: checks SQLite's integrity and the invariants claims relies on (every statement
    in an existing claim, every claim with a statement, every current verdict in the history,
    every referenced speaker and report present, claims' marker and a known schema version);
    see claims.store.integrity. Raises ``claims.errors.StoreError`` when it cannot be opened."""
    from .store.integrity import check_database

    return check_database(db)


def status(*, db: PathLike = DEFAULT_DB) -> dict:
    """Review progress: claims by verdict and by report (DataFrames), overall counts and the
    number of open conflicts (``conflicts``)."""
    with open_store(db, create=False) as store:
        return store.status()


def conflicts(*, db: PathLike = DEFAULT_DB) -> list[dict]:
    """The open conflicts: a second verdict imported for a claim from a workbook made before
    the current one; see ``claims.store.conflict_list.open_conflicts``."""
    from .store.conflict_list import open_conflicts

    with open_store(db, create=False) as store:
        return open_conflicts(store)


def export_format(output: PathLike) -> str:
    """The export format named by the output file's suffix (ClaimsError for another suffix)."""
    suffix = Path(output).suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        known = ", ".join(f"{k} ({v})" for k, v in EXPORT_SUFFIXES.items())
        raise ClaimsError(f"{output}: cannot tell the format from {suffix or 'no suffix'!r}: name the file with one of "
                          f"{known}")
    return EXPORT_SUFFIXES[suffix]


def export(output: PathLike, *, format: Optional[str] = None, db: PathLike = DEFAULT_DB,
           organization: Optional[str] = None, url: Optional[str] = None,
           review_url: Optional[str] = None) -> int:
    """Write claims with their verdicts; returns the number of claims written.

    ``format`` defaults to the one the file name says (.csv, .jsonl, .xlsx, .json for
    ClaimReview JSON-LD). ClaimReview needs ``organization`` (the reviewing organisation's
    name; ``url`` its web site) and sets ``review_url`` as each review's ``url``."""
    from . import exports

    format = format or export_format(output)
    if format not in EXPORT_FORMATS:
        raise ClaimsError(f"unknown export format {format!r}: choose one of {', '.join(EXPORT_FORMATS)}")
    if format == "claimreview" and not (organization or "").strip():
        raise ClaimsError("ClaimReview needs the reviewing organisation's name (--organization)")
    with open_store(db, create=False) as store:
        frame = store.claims_frame()
        values = store.verdict_values()
    make_parent(output)
    if format == "claimreview":
        # ClaimReview ratings run worst -> best, which the review list (in reviewer order) is not.
        scale = [v for v in exports.DEFAULT_CLAIMREVIEW_SCALE if v in values] or list(values)
        return exports.export_claimreview(frame, output, organization=organization, organization_url=url,
                                          url=review_url, verdict_scale=scale)
    exports.export_claims(frame, output, format=format)
    return len(frame)


# --------------------------------------------------------------------------- was this checked before?


def import_factchecks(path: PathLike, *, db: PathLike = DEFAULT_DB):
    """Store other fact-checkers' checks (ClaimReview JSON-LD or CSV) as reference claims;
    returns ``claims.store.FactcheckImport`` (``.line()`` is the summary).

    Raises ``claims.retrieval.factchecks.FactCheckFileError`` (a ``ClaimsError``; nothing
    stored) on a bad file. Imported ratings never become this desk's verdicts."""
    from .retrieval.factchecks import read_factchecks

    records = read_factchecks(path)
    with open_store(db) as store:
        return store.import_factchecks(records, source=str(path))


def search(text: str, *, db: PathLike = DEFAULT_DB, limit: int = 5) -> pd.DataFrame:
    """Stored claims and imported fact-checks matching *text*, best first: columns kind ("own
    claim" or "fact-check"), id, text, verdict (the desk's verdict or the fact-checker's
    rating), by, url, date, label ("same" or "similar") and score (0-1)."""
    with open_store(db) as store:
        return store.search(text, limit=limit)
