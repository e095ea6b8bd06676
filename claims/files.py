"""Writing output files atomically: the review workbook, exports and statement files.

:func:`atomic_write` has the caller write a temp file in the target's folder, flushes it to
disk, gives it the mode a plain ``open()`` would (or the replaced file's), then moves it into
place with ``os.replace``. A failure part way leaves the old file untouched and no temp file;
an OSError (full disk, quota, file size limit, permission, a folder that is a file) becomes one
ClaimsError line naming the path and the reason.

:func:`check_output_path` says, before any work, whether a file can be written at a path (its
folder exists or can be made, it is not a folder); :func:`make_parent` makes the folder.
"""
from __future__ import annotations

import errno
import os
import tempfile
from typing import Callable

from claims.errors import ClaimsError

__all__ = ["atomic_write", "check_output_path", "make_parent", "write_error"]

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EFBIG: "the file is larger than this system allows",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder",
}


def write_error(path, error: OSError) -> ClaimsError:
    """An OSError met while writing ``path`` as one line naming the path."""
    reason = _REASONS.get(error.errno or 0) or (error.strerror or str(error) or type(error).__name__)
    return ClaimsError(f"{os.fspath(path)}: cannot write ({reason}); an existing file there is unchanged")


def check_output_path(path) -> None:
    """Raise ClaimsError unless a file can be written at ``path``: not a folder, and its folder
    exists or can be made (no part of it is a file; the nearest existing folder is writable).
    Nothing is created."""
    target = os.path.abspath(os.fspath(path))
    if os.path.isdir(target):
        raise ClaimsError(f"{os.fspath(path)}: is a folder; give a file name")
    folder = os.path.dirname(target)
    while folder and not os.path.exists(folder):
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise ClaimsError(f"{os.fspath(path)}: cannot write there: {folder} is a file, not a folder")
    if os.path.isdir(folder) and not os.access(folder, os.W_OK | os.X_OK):
        raise ClaimsError(f"{os.fspath(path)}: cannot write there: no permission to write in {folder}")


def make_parent(path) -> None:
    """Make the folder of ``path`` (and its parents); an OSError becomes one ClaimsError line."""
    check_output_path(path)
    folder = os.path.dirname(os.path.abspath(os.fspath(path)))
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as e:
        raise write_error(path, e) from None


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
    if os.path.isdir(target):
        raise ClaimsError(f"{target}: is a folder; give a file name")
    try:
        fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(target) + ".", suffix=".tmp", dir=folder)
        os.close(fd)
    except OSError as e:
        raise write_error(target, e) from None
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
    except BaseException as e:
        if isinstance(e, OSError):
            _release_writers(e)
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise write_error(target, e) from None
        raise


def _release_writers(error: BaseException) -> None:
    """Close now, quietly, what the failed writer left open (an openpyxl ZipFile whose close
    fails again on a full disk): its frames are cleared and collected with the "Exception
    ignored in ... __del__" report switched off, so that the user sees one line."""
    import gc
    import sys
    import traceback

    hook = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        if error.__traceback__ is not None:
            traceback.clear_frames(error.__traceback__)
        gc.collect()
        # openpyxl's write-only sheets keep suspended XML-writing generators; closed later by
        # the collector they would each print a traceback.
        for obj in gc.get_objects():
            if type(obj).__name__ == "generator" and obj.gi_frame is not None \
                    and f"{os.sep}openpyxl{os.sep}" in obj.gi_code.co_filename:
                try:
                    obj.close()
                except Exception:
                    pass
    finally:
        sys.unraisablehook = hook
