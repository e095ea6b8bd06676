"""Writing output files atomically: the review workbook, exports and statement files.

:func:`atomic_write` has the caller write a temp file in the target's folder, flushes it to
disk, gives it the mode a plain ``open()`` would (or the replaced file's), then moves it into
place with ``os.replace``. A failure part way leaves the old file untouched and no temp file.
"""
from __future__ import annotations

import os
import tempfile
from typing import Callable

from claims.errors import ClaimsError

__all__ = ["atomic_write"]


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write(path, write: Callable[[str], None]) -> None:
    """Call ``write(tmp_path)`` for a temp file beside ``path``, then move it into place."""
    target = os.path.abspath(os.fspath(path))
    folder = os.path.dirname(target) or "."
    if not os.path.isdir(folder):
        raise ClaimsError(f"{target}: folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(target) + ".", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        write(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        try:  # mkstemp makes the file private; give it the mode a plain open() would
            mode = os.stat(target).st_mode & 0o777 if os.path.exists(target) else _default_mode()
            os.chmod(tmp, mode)
        except OSError:
            pass
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
