"""Word lists of the extraction, one plain-text file per list (``<name>.txt`` in this folder).

Each file has one entry per line; lines starting with ``#`` are comments (the first one says
what the list is for and where it came from) and blank lines are ignored. Entries may hold
spaces ("a news conference"). The lists are read once per process:

    load(name)          -> frozenset[str]    for membership tests (hot path)
    load_ordered(name)  -> tuple[str, ...]   in file order, for regular-expression
                                             alternatives and tables where order matters
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

__all__ = ["load", "load_ordered", "names"]

_HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def load_ordered(name: str) -> tuple[str, ...]:
    """The entries of ``<name>.txt`` in file order (duplicates kept)."""
    path = _HERE / f"{name}.txt"
    with open(path, encoding="utf-8") as f:
        lines = (line.strip() for line in f)
        return tuple(line for line in lines if line and not line.startswith("#"))


@lru_cache(maxsize=None)
def load(name: str) -> frozenset[str]:
    """The entries of ``<name>.txt`` as a frozenset."""
    return frozenset(load_ordered(name))


def names() -> list[str]:
    """The names of all lists in the package."""
    return sorted(p.stem for p in _HERE.glob("*.txt"))
