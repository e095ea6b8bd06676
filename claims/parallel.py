"""Run extraction serially, in worker processes, or on a Dask cluster, with the same output.

Each executor takes an iterable of report batches and yields ``(batch, statements)`` pairs in
the order the batches came in, so a parallel run stores exactly what a serial run stores, in
the same order. Only a bounded number of batches is in flight at once, so memory stays flat
however long the stream of reports is.
"""
from __future__ import annotations

import os
from collections import deque
from typing import Iterable, Iterator, Optional

from .types import Report, Statement

BatchResult = tuple[list[Report], list[Statement]]


def extract_batch(reports: list[Report]) -> list[Statement]:
    """Top-level (picklable) worker function: every statement of every report, in order."""
    from .errors import ExtractionError
    from .extraction.pipeline import extract_report

    out: list[Statement] = []
    for report in reports:
        try:
            out.extend(extract_report(report))
        except Exception as error:  # a bug of ours on one report: say which, in one line
            raise ExtractionError(
                f"extraction failed on report {report.id} ({report.source}): "
                f"{type(error).__name__}: {error}. Reports stored before it are kept; please "
                "report this with the file") from error
    return out


def extract_rows(reports: list[Report]) -> list[tuple]:
    """Like extract_batch, but each statement as a plain tuple (``claims.types.statement_tuples``):
    several times cheaper to pickle back from a worker; ``claims.types.statements_frame`` takes them."""
    from .types import statement_tuples

    return statement_tuples(extract_batch(reports))


def extract_rows_timed(reports: list[Report]) -> tuple[list[tuple], float, float]:
    """``(extract_rows(reports), wall seconds, CPU seconds)`` as measured in the process that
    ran it (a worker): what the extraction itself cost, whatever the main process was doing."""
    import time

    w0, c0 = time.perf_counter(), time.process_time()
    rows = extract_rows(reports)
    return rows, time.perf_counter() - w0, time.process_time() - c0


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


class SerialExecutor:
    def map(self, batches: Iterable[list[Report]], fn=extract_batch) -> Iterator[BatchResult]:
        for batch in batches:
            yield batch, fn(batch)

    def close(self) -> None:
        pass


class _BoundedFutures:
    """Submit batches keeping at most ``in_flight`` pending; yield results in submission order."""

    in_flight = 4

    def _submit(self, batch, fn=extract_batch):  # pragma: no cover - abstract
        raise NotImplementedError

    @staticmethod
    def _result(future):
        return future.result()

    def map(self, batches: Iterable[list[Report]], fn=extract_batch) -> Iterator[BatchResult]:
        pending: deque = deque()
        for batch in batches:
            pending.append((batch, self._submit(batch, fn)))
            if len(pending) >= self.in_flight:
                done_batch, future = pending.popleft()
                yield done_batch, self._result(future)
        while pending:
            done_batch, future = pending.popleft()
            yield done_batch, self._result(future)


class ProcessExecutor(_BoundedFutures):
    def __init__(self, workers: int):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # fork is cheapest on Linux; the workers only run pure extraction code.
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        context = multiprocessing.get_context(method) if method else None
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        self.in_flight = workers * 2

    def _submit(self, batch, fn=extract_batch):
        return self.pool.submit(fn, batch)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskExecutor(_BoundedFutures):
    """``address`` is a scheduler address (tcp://host:8786) or "local" for a LocalCluster."""

    def __init__(self, address: str, workers: Optional[int] = None):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as error:  # the optional extra is missing
            from .errors import ClaimsError

            raise ClaimsError("--dask needs the optional extra: pip install 'claims[dask]'") from error
        self.cluster = None
        if address == "local":
            self.cluster = LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1,
                                        processes=True, dashboard_address=None)
            self.client = Client(self.cluster)
        else:
            self.client = Client(address)
        n = len(self.client.scheduler_info().get("workers", {})) or 1
        self.in_flight = n * 2

    def _submit(self, batch, fn=extract_batch):
        # pure=False: two batches with equal content are still two tasks.
        return self.client.submit(fn, batch, pure=False)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_executor(workers: Optional[int] = None, dask: Optional[str] = None):
    if dask:
        return DaskExecutor(dask, workers)
    workers = workers or default_workers()
    if workers <= 1:
        return SerialExecutor()
    return ProcessExecutor(workers)
