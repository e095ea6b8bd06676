"""The background writer: a run stores each batch in a process of its own while the main process
groups the next one.

Why: storing a batch (building rows, inserting them into the indexes of random claim, statement
and speaker ids, writing the WAL) was a quarter of the main process's time per report on a large
database, and grows with it (issue 12), while the main process, not the extraction workers, set
the pace of a run. A thread does not help: most of that work holds the GIL (measured: 44,000
reports 338 s serial, 391 s with a writer thread). A process gets a core of its own; a batch's
rows and grouping cost ~20 ms to pickle.

Nothing else changes: the writer stores the batches in order, ``GROUP`` consecutive batches in
one write transaction (``Store.save_planned_batches``; the last group of a run may be smaller),
so every state committed is one a serial run goes through, and an interrupted run resumes the
same way (the batches of a group not committed are extracted and stored again). The main process plans each
batch (``Store.plan_reports``, a read that counts the reports in flight here as stored) and
groups it against its in-memory state, which already holds the batches in flight. The write
transaction checks that no other command grouped claims or stored one of the reports in between;
if one did (``GroupingConflict``) nothing of that batch is written, the writer writes nothing
more, and ``close`` hands back the batches not written, to be grouped again the serial way
against the state reloaded from the database. Any other error stops the writer the same way and
is raised in the main process (one line, as the store's errors are).

The writer process is forked when the run starts (before the claim index is loaded, so it is
small), ignores Ctrl-C (the main process stops it once the batches in flight, ``GROUP + AHEAD``
at most, are written) and exits when the main process goes away (storing the batches it holds).
"""
from __future__ import annotations

import dataclasses
import multiprocessing
import pickle
import queue
import signal
import threading
from collections import deque
from dataclasses import dataclass
from typing import Any, Optional

from claims.errors import StoreError

from .claims import GroupingConflict

__all__ = ["BatchWriter", "PlannedBatch", "can_fork"]

# Batches stored in one transaction. Each commit writes every index page its inserts touched,
# and the ids (statements, claims, speakers, full-text keys) are random, so a batch of 200
# reports touches about one page per statement in each of five indexes; batches committed
# together share pages (44,000 reports replayed by the writer alone, bench_writer.py --jobs:
# 231 KiB written per report four batches per commit, 162 eight, 119 sixteen; CPU per report
# 2.14, 1.98, 1.62 ms). A kill loses the batches not committed: a resumed run extracts them again.
GROUP = 16
# Batches in flight beyond a group: the main process fills the next group while the writer
# stores one, without holding two groups (each batch in flight is a few MB in both processes).
AHEAD = 8
_STOP = pickle.dumps(None)  # the main process's last message
# The writer's SQLite page cache: the index pages a group touches (a few hundred MiB on a
# database of a few million statements) stay cached from one group to the next instead of
# being read again (allocated as used; the main process keeps the default).
WRITER_CACHE_KIB = 256 * 1024


@dataclass
class PlannedBatch:
    """One batch, planned and grouped by the main process, for the writer."""

    reports: list  # the reports as read (grouped again after a conflict; not sent to the writer)
    statements: Any  # their extracted statements (DataFrame), likewise
    added: Any  # Store.plan_reports' AddResult: the reports and statement rows to insert
    grouping: Any  # claims.grouping.BatchGrouping of its statements, None when it has none
    expected_generation: int  # meta.grouping_generation the grouping's state knew of


def job_bytes(batch: PlannedBatch) -> bytes:
    """What the writer is sent for a batch: (AddResult, grouping, expected generation), pickled,
    without what only the main process reads."""
    added = dataclasses.replace(batch.added, _objs={}, skipped_ids=[], added_ids=[], report_dates={})
    return pickle.dumps((added, batch.grouping, batch.expected_generation), protocol=pickle.HIGHEST_PROTOCOL)


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


class BatchWriter:
    """``submit`` planned batches in order; ``close`` waits for them to be written and returns
    the batches not written (after a ``GroupingConflict``; empty otherwise). At most ``depth``
    batches are in flight (a group and ``AHEAD`` by default), so memory stays flat and the main process
    never runs far ahead; the writer stores ``group`` batches in one transaction."""

    def __init__(self, url: str, group: int = GROUP, depth: Optional[int] = None,
                 cache_kib: int = WRITER_CACHE_KIB) -> None:
        context = multiprocessing.get_context("fork")
        self._pipe, child = context.Pipe()
        # (the main process's end goes along to be closed there: a forked copy of it would
        # keep the pipe open, so a killed main process would leave the writer waiting forever)
        self._process = context.Process(target=_serve, args=(url, child, group, cache_kib, self._pipe),
                                        name="claims-writer", daemon=True)
        self._process.start()
        child.close()
        # the main process fills the next group while the writer stores one
        self._depth = max(depth or group + AHEAD, group + 1)  # at most a group: both would wait
        self._in_flight: deque[PlannedBatch] = deque()
        self._error: Optional[BaseException] = None
        self._unwritten: list[PlannedBatch] = []
        self._closed = False
        self.busy_seconds = 0.0  # time the writer spent writing
        self.busy_cpu_seconds = 0.0  # ... of which CPU time (the rest: waiting for the disk or a core)
        self.carried_over = 0  # verdicts marked carried over, over the batches written

    def pending_ids(self) -> dict[str, str]:
        """Report id -> content hash of the reports in flight (sent, not known to be committed)."""
        return {row["id"]: row["content_hash"] for batch in self._in_flight for row in batch.added._report_rows}

    def submit(self, batch: PlannedBatch) -> None:
        """Send a batch (waits while ``depth`` batches are in flight). Raises the writer's error,
        if it has stopped on one (the batch is then kept among the unwritten)."""
        while len(self._in_flight) >= self._depth:
            self._receive()
        if self._error is not None:
            self._unwritten.append(batch)
            raise self._error
        data = job_bytes(batch)
        try:
            self._pipe.send_bytes(data)
        except OSError:  # the writer is gone: its reply (or its absence) says why
            pass
        self._in_flight.append(batch)

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def conflicted(self) -> bool:
        """Whether the writer stopped on a ``GroupingConflict`` (looks at the replies so far)."""
        while self._in_flight and self._pipe.poll():
            self._receive()
        return isinstance(self._error, GroupingConflict)

    def close(self) -> list[PlannedBatch]:
        """Wait until every batch in flight is written; the batches not written, in order (after
        a ``GroupingConflict``; given once). Any other error of the writer is raised here."""
        if not self._closed:
            self._closed = True
            try:  # first: the writer stores the batches it holds without waiting for a full group
                self._pipe.send_bytes(_STOP)
            except OSError:
                pass
            while self._in_flight:
                self._receive()
            self._process.join(timeout=60)
            if self._process.is_alive():  # pragma: no cover - a writer stuck in the database
                self._process.terminate()
            self._pipe.close()
        if self._error is not None and not isinstance(self._error, GroupingConflict):
            raise self._error
        unwritten, self._unwritten = self._unwritten, []
        return unwritten

    def _receive(self) -> None:
        """The reply for the oldest batch in flight."""
        batch = self._in_flight.popleft()
        try:
            reply = self._pipe.recv()
        except (EOFError, OSError):
            reply = ("error", "StoreError", f"the background writer stopped (exit code {self._process.exitcode}); "
                                            "the batches before this one are stored, run again to resume")
        if reply[0] == "ok":
            self.carried_over += reply[1]
            self.busy_seconds += reply[2]
            self.busy_cpu_seconds += reply[3]
            return
        self._unwritten.append(batch)
        if reply[0] == "error" and self._error is None:
            kind, message = reply[1], reply[2]
            self._error = (GroupingConflict(message) if kind == "GroupingConflict"
                           else StoreError(message) if kind == "StoreError"
                           else RuntimeError(f"background writer: {kind}: {message}"))


def _serve(url: str, pipe, group: int = GROUP, cache_kib: int = WRITER_CACHE_KIB,
           main_end=None) -> None:
    """The writer process: write the batches received, ``group`` in one transaction
    (Store.save_planned_batches; fewer when the main process says it has sent the last), and
    reply ("ok", carried over, seconds, CPU seconds) for each or ("error", kind, message); after
    an error, reply ("skipped",) to each batch without writing. ``main_end``, the main
    process's end of the pipe as forked, is closed first: the pipe then ends when the main
    process does (killed or not), and the writer stops instead of waiting forever."""
    import time

    if main_end is not None:
        main_end.close()

    from . import Store

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process decides when to stop
    # A thread takes the batches off the pipe as they come, so that the main process's send
    # never waits while a group is being stored (a batch is ~3 MB, the pipe holds 64 KiB: it
    # waited ~0.2 s per batch, measured); at most ``group + AHEAD`` are in flight anyway.
    inbox: queue.Queue = queue.Queue()

    def read() -> None:
        while True:
            try:
                data = pipe.recv_bytes()
            except (EOFError, OSError):  # the main process is gone
                data = None
            inbox.put(data)
            if data is None or data == _STOP:
                return

    threading.Thread(target=read, name="claims-writer-inbox", daemon=True).start()
    store = None
    failed = False
    stop = False
    try:
        while not stop:
            jobs = []
            while len(jobs) < group:
                data = inbox.get()
                job = None if data is None else pickle.loads(data)
                if job is None:
                    stop = True
                    break
                jobs.append(job)
            if not jobs:
                break
            if failed:
                for _ in jobs:
                    pipe.send(("skipped",))
                continue
            try:
                if store is None:
                    store = Store(url, create=False, cache_kib=cache_kib)
                t0, c0 = time.perf_counter(), time.process_time()
                results = store.retrying(lambda: store.save_planned_batches(jobs))
                seconds = (time.perf_counter() - t0) / len(jobs)
                cpu = (time.process_time() - c0) / len(jobs)
                for result in results:
                    pipe.send(("ok", result.carried_over, seconds, cpu))
            except Exception as error:
                failed = True
                kind = ("GroupingConflict" if isinstance(error, GroupingConflict)
                        else "StoreError" if isinstance(error, StoreError) else type(error).__name__)
                pipe.send(("error", kind, str(error) or repr(error)))
                for _ in jobs[1:]:  # rolled back with the first
                    pipe.send(("skipped",))
    finally:
        if store is not None:
            store.close()
