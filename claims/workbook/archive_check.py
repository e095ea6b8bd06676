"""Limits checked on an .xlsx archive before any of it is parsed.

A reviewed workbook comes from outside: a 1 MB file can hold shared strings that expand to
gigabytes (a zip bomb), or XML entity declarations that expand on parsing (an entity bomb).
The archive's central directory is checked here first (entry count, declared sizes); Python's zipfile then never inflates an entry past its declared size, so
the checked sizes bound what openpyxl reads. Entities are refused by defusedxml, which
openpyxl uses whenever it is installed (a dependency of this package).

The limits are far above any workbook this tool writes (5,000 review rows take about 2 MB of
sheet XML) and keep reading under about 300 MB of memory: openpyxl streams sheet XML in
read-only mode but holds the shared strings in memory.
"""
from __future__ import annotations

import zipfile

from claims.errors import WorkbookError

MAX_ENTRIES = 10_000  # parts in the archive (a workbook of ours has about 20)
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # all parts, uncompressed
MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024  # loaded whole by openpyxl


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f} MiB"


def check_xlsx_archive(zf: zipfile.ZipFile, where: str) -> None:
    """Raise WorkbookError (one line naming the limit) when the archive is over a limit."""
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise WorkbookError(f"{where}: refused: the archive holds {len(infos):,} parts "
                            f"(at most {MAX_ENTRIES:,} in a workbook)")
    total = 0
    for info in infos:
        size = info.file_size
        total += size
        name = info.filename
        if name.lower().endswith("sharedstrings.xml") and size > MAX_SHARED_STRINGS_BYTES:
            raise WorkbookError(f"{where}: refused: {name} expands to {_mib(size)} "
                                f"(at most {_mib(MAX_SHARED_STRINGS_BYTES)} of shared strings)")
        if total > MAX_TOTAL_BYTES:
            raise WorkbookError(f"{where}: refused: the workbook expands to over {_mib(MAX_TOTAL_BYTES)} "
                                f"(the limit for a review workbook)")
