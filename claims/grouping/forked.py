"""Whole-corpus grouping's parallel parts: a function mapped over tasks in forked processes.

Blocking and scoring of a large corpus are a few seconds of numpy or rapidfuzz work per task;
forked workers, one per core, run them side by side. A worker inherits ``state`` (large numpy
arrays) from the fork instead of receiving a pickled copy, and only the task (a few numbers or
a slice of texts) and its result cross the pipe. Where a process cannot fork children (a
daemonic worker of multiprocessing or Dask, a platform without fork) the tasks run here, one
after the other, with the same results in the same order.
"""
from __future__ import annotations

import contextlib
import multiprocessing
import os
from typing import Any, Callable, Iterator, Sequence

_STATE: Any = None  # what the workers inherit; set only while a pool runs
_IN_THIS_PROCESS = False  # set by in_this_process()


@contextlib.contextmanager
def in_this_process() -> Iterator[None]:
    """Run every task here while the block runs: a run whose extraction workers already keep
    the cores busy gains nothing from forking more (a fork of a process holding a large claim
    index costs tens of milliseconds per batch, twice)."""
    global _IN_THIS_PROCESS
    was = _IN_THIS_PROCESS
    _IN_THIS_PROCESS = True
    try:
        yield
    finally:
        _IN_THIS_PROCESS = was


def workers_available() -> int:
    """Processes to use: the cores this process may run on, or 1 when it cannot fork (or is
    told not to: ``in_this_process``)."""
    if _IN_THIS_PROCESS or multiprocessing.current_process().daemon:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _call(fn: Callable, task: Any) -> Any:
    return fn(_STATE, task)


def fork_map(fn: Callable[[Any, Any], Any], state: Any, tasks: Sequence[Any],
             workers: int) -> list:
    """[fn(state, task) for task in tasks], in forked processes when workers > 1."""
    global _STATE
    if workers < 2 or len(tasks) < 2:
        return [fn(state, t) for t in tasks]
    from concurrent.futures import ProcessPoolExecutor

    _STATE = state
    try:
        with ProcessPoolExecutor(max_workers=min(workers, len(tasks)),
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_call, [fn] * len(tasks), tasks))
    finally:
        _STATE = None
