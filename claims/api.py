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
from typing import Callable, Iterable, Iterator, Optional, Sequence, Union

import pandas as pd

from .exports import EXPORT_FORMATS
from .parallel import extract_rows_timed, make_executor
from .types import Report, Statement, statements_frame

log = logging.getLogger("claims")

PathLike = Union[str, os.PathLike]
DEFAULT_DB = os.path.join("reports", "claims.db")
DEFAULT_WORKBOOK = os.path.join("reports", "review.xlsx")
BATCH_SIZE = 200  # reports per extraction batch and per database transaction


# --------------------------------------------------------------------------- extraction


def extract_report(report: Report) -> list[Statement]:
    """One report -> its statements (direct, indirect, mixed quotes and the report's own claims)."""
    from .extraction.pipeline import extract_report as _extract

    return _extract(report)


def iter_reports(paths: Sequence[PathLike], on_warning: Optional[Callable[[str], None]] = None) -> Iterator[Report]:
    """Stream the reports found under ``paths`` (files and folders, recursively)."""
    from .reports import read_reports

    return read_reports([Path(p) for p in paths], on_warning=on_warning or _log_warning)


def extract(
    paths: Union[PathLike, Sequence[PathLike]],
    *,
    dedupe: bool = False,
    same_threshold: Optional[float] = None,
    similar_threshold: Optional[float] = None,
    on_warning: Optional[Callable[[str], None]] = None,
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
    for report in iter_reports(paths, on_warning):
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
    seconds: float = 0.0
    # Seconds per stage. Main process: "read" (reading reports, already-stored check),
    # "extract" (waiting for the extraction results: with --workers 1 the extraction itself),
    # "dedupe" (grouping claims and speakers), "store" (database work), "workbook". Worker
    # side: "extract_workers" (wall seconds spent extracting, summed over the batches, in
    # whichever process ran them) and "extract_workers_cpu" (their CPU seconds).
    stage_seconds: dict[str, float] = field(default_factory=dict)
    peak_mib_main: float = 0.0  # largest resident set of this process
    peak_mib_workers: float = 0.0  # largest resident set of a worker process (0 without workers)

    def skipped(self, reason: str) -> None:
        self.reports_skipped[reason] = self.reports_skipped.get(reason, 0) + 1

    def line(self) -> str:
        skipped = sum(self.reports_skipped.values())
        why = ", ".join(f"{n} {reason}" for reason, n in sorted(self.reports_skipped.items()))
        parts = [
            f"{self.reports_read} reports read",
            f"{skipped} skipped" + (f" ({why})" if why else ""),
            f"{self.reports_stored} new stored",
            f"{self.statements} statements",
            f"{self.claims} claims ({self.new_claims} new)",
        ]
        if self.workbook:
            parts.append(f"{self.workbook_rows} rows in {self.workbook}")
        parts.append(f"{self.seconds:.1f} s")
        return "; ".join(parts)


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


def store_batch(store, reports: Sequence[Report], statements: pd.DataFrame, state, *, run_id: Optional[int] = None,
                same_threshold: Optional[float] = None, similar_threshold: Optional[float] = None,
                timings: Optional[dict] = None):
    """One batch, in one transaction: store the reports -> group the batch against the stored
    claims (``state``, from ``store.load_grouping_state()``) -> store the groups. An interrupted
    run never leaves statements without a claim. Returns ``claims.store.GroupResult``; ``state``
    is brought up to date for the next batch."""
    from .grouping import group_batch
    from .store import GroupResult

    timings = timings if timings is not None else {}
    grouping, result = None, GroupResult()
    with _no_cyclic_gc(), store.transaction():
        t0 = time.perf_counter()
        added = store.add_reports(reports, statements, run_id=run_id)
        store_seconds = time.perf_counter() - t0
        if added.statements:
            t1 = time.perf_counter()
            grouping = group_batch(added.statements_frame(), state, report_dates=added.report_dates,
                                   same_threshold=same_threshold, similar_threshold=similar_threshold)
            t2 = time.perf_counter()
            result = store.save_grouping(grouping, run_id=run_id)
            store_seconds += time.perf_counter() - t2
            timings["dedupe"] = timings.get("dedupe", 0.0) + t2 - t1
        timings["store"] = timings.get("store", 0.0) + store_seconds
    if grouping is not None:
        state.apply(grouping)
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
    used = [f for f, on in (("--top N", top is not None), ("--new", new), ("--unreviewed", unreviewed),
                            ("--report", report is not None), ("--speaker", speaker is not None)) if on]
    raise ClaimsError(
        f"the review workbook would hold {n_claims:,} claims, more than fit in one Excel sheet "
        f"({limit:,} rows); no workbook was written (the reports, statements and claims are stored). "
        f"Choose what goes in with --top N (highest check-worthiness and occurrences), --new "
        f"(claims first seen in this run), --unreviewed, --report ID or --speaker NAME"
        + (f" (used: {', '.join(used)})" if used else "")
    )


def open_store(db: PathLike = DEFAULT_DB):
    """Open (creating if needed) the project database: a SQLite path or a SQLAlchemy URL."""
    from .store import Store

    return Store(str(db))


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
    top: Optional[int] = None,
    new: bool = False,
    unreviewed: bool = False,
    report: Optional[str] = None,
    speaker: Optional[str] = None,
    on_warning: Optional[Callable[[str], None]] = None,
    progress: Optional[Callable[[int, int], None]] = None,
) -> RunSummary:
    """Read reports, extract statements, group claims, store all, write the review workbook.

    Reports already in the database (same content) are skipped, so running again adds
    nothing twice; verdicts are never touched here except to mark them carried over when a
    new report repeats a reviewed claim.
    """
    started = time.perf_counter()
    summary = RunSummary()
    stage = summary.stage_seconds
    warn = on_warning or _log_warning

    def reader_warning(message: str) -> None:
        # The reader's warnings say "skipped" when a file or row is left out (binary, empty,
        # unreadable); others (a cp1252 fallback) only inform.
        if "skipped" in message:
            summary.skipped("unreadable or empty")
        warn(message)

    with open_store(db) as store:
        run_id = store.start_run({"paths": [str(p) for p in paths]})
        batches = _fresh_batches(store, paths, batch_size, summary, reader_warning, progress)
        _extract_group_store(store, batches, summary, run_id=run_id, workers=workers, dask=dask,
                             same_threshold=same_threshold, similar_threshold=similar_threshold, progress=progress)
        t0 = time.perf_counter()
        # Statements left without a claim by an older version: grouped now (none otherwise).
        grouped = group_unassigned(store, run_id=run_id, same_threshold=same_threshold,
                                   similar_threshold=similar_threshold)
        stage["dedupe"] = stage.get("dedupe", 0.0) + time.perf_counter() - t0
        summary.new_claims += int(grouped.new_claims)
        status = store.status()
        summary.claims = int(status.get("claims", 0))
        summary.statements = int(status.get("statements", 0))
        store.finish_run(run_id, {"reports": summary.reports_stored, "statements": summary.statements,
                                  "new_claims": summary.new_claims})
        if output is not None:
            _write_workbook(store, output, summary, top=top, new_since_run=run_id if new else None,
                            unreviewed=unreviewed, report=report, speaker=speaker)
        summary.seconds = time.perf_counter() - started
        _peak_memory(summary)
        log.info("time per stage: %s; total %.1f s",
                 ", ".join(f"{k} {stage.get(k, 0.0):.1f} s" for k in ("read", "extract", "dedupe", "store", "workbook",
                                                                     "extract_workers", "extract_workers_cpu")),
                 summary.seconds)
        log.info("peak memory: main %.0f MiB, workers %.0f MiB", summary.peak_mib_main, summary.peak_mib_workers)
    return summary


def _fresh_batches(store, paths, batch_size: int, summary: RunSummary, reader_warning,
                   progress) -> Iterator[list[Report]]:
    """Batches of the reports not stored yet. Reading and the already-stored check happen
    here, in this process; only new reports go to the extraction workers."""
    stage = summary.stage_seconds
    seen: set[str] = set()
    t0 = time.perf_counter()
    for batch in _batches(iter_reports(paths, reader_warning), batch_size):
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
                         workers, dask, same_threshold, similar_threshold, progress) -> None:
    """Extract each batch (serially, in worker processes or on Dask) and store it with its
    groups (store_batch), against a compact index of the claims stored so far (bounded by the
    number of claims, not statements)."""
    stage = summary.stage_seconds
    state = store.load_grouping_state()
    executor = make_executor(workers, dask)
    try:
        t0 = time.perf_counter()
        for batch, (statements, worker_wall, worker_cpu) in executor.map(batches, fn=extract_rows_timed):
            t1 = time.perf_counter()
            stage["extract"] = stage.get("extract", 0.0) + t1 - t0
            stage["extract_workers"] = stage.get("extract_workers", 0.0) + worker_wall
            stage["extract_workers_cpu"] = stage.get("extract_workers_cpu", 0.0) + worker_cpu
            frame = statements_frame(statements)
            stage["store"] = stage.get("store", 0.0) + time.perf_counter() - t1
            grouped = store_batch(store, batch, frame, state, run_id=run_id, same_threshold=same_threshold,
                                  similar_threshold=similar_threshold, timings=stage)
            summary.new_claims += grouped.new_claims
            summary.reports_stored += len(batch)
            t0 = time.perf_counter()
            if progress:
                progress(len(batch), len(statements))
    finally:
        executor.close()
    _peak_memory(summary)
    # "extract" above also counted the time spent reading inside the generator.
    stage["extract"] = max(0.0, stage.get("extract", 0.0) - stage.get("read", 0.0))


def _write_workbook(store, output: PathLike, summary: RunSummary, **filters) -> None:
    """The review workbook of the claims chosen by ``filters``, recorded as an export; refused
    before anything is built when it would not fit in one Excel sheet."""
    from .workbook import write_review_workbook

    t0 = time.perf_counter()
    _check_workbook_size(store.count_claims(**filters), top=filters["top"], new=filters["new_since_run"] is not None,
                         unreviewed=filters["unreviewed"], report=filters["report"], speaker=filters["speaker"])
    data = store.review_data(**filters)
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    write_review_workbook(data, output)
    _write_views(store, data, output)
    store.record_export(data, str(output))
    summary.workbook = str(output)
    summary.workbook_rows = len(data.claims)
    summary.stage_seconds["workbook"] = time.perf_counter() - t0


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

    Raises ``claims.errors.WorkbookError`` / ``ImportRefused`` (nothing applied) on bad input.
    """
    from .workbook import read_review_workbook

    reviewed = read_review_workbook(workbook)
    with open_store(db) as store:
        return store.import_verdicts(reviewed, store.verdict_values())


def status(*, db: PathLike = DEFAULT_DB) -> dict:
    """Review progress: claims by verdict and by report (DataFrames) and overall counts."""
    with open_store(db) as store:
        return store.status()


def export(output: PathLike, *, format: str = "csv", db: PathLike = DEFAULT_DB,
           organization: str = "claims", url: Optional[str] = None) -> int:
    """Write claims with their verdicts; returns the number of claims written."""
    from . import exports

    if format not in EXPORT_FORMATS:
        from .errors import ClaimsError

        raise ClaimsError(f"unknown export format {format!r}: choose one of {', '.join(EXPORT_FORMATS)}")
    with open_store(db) as store:
        frame = store.claims_frame()
        values = store.verdict_values()
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    if format == "claimreview":
        # ClaimReview ratings run worst -> best, which the review list (in reviewer order) is not.
        scale = [v for v in exports.DEFAULT_CLAIMREVIEW_SCALE if v in values] or list(values)
        return exports.export_claimreview(frame, output, organization=organization, organization_url=url,
                                          verdict_scale=scale)
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
