"""Shared by the benchmarks that split a run's CPU by step (bench_main_process.py, bench_writer.py)."""
from __future__ import annotations

import collections
import time


def time_calls(owner, name: str, label: str, spent: collections.Counter) -> None:
    """Replace ``owner.name`` by a wrapper adding the CPU seconds of each call to ``spent[label]``."""
    fn = getattr(owner, name)

    def wrapper(*args, **kwargs):
        t = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - t
    setattr(owner, name, wrapper)
