"""Links from the workbook to the sources: a report's URL or file, and its report view.

* :func:`source_link`: the report's URL when it has an http(s) one, else its file as a
  ``file://`` URI (a relative source path is taken from the current folder, as when it was
  read; table rows link to their table file). None when neither is known or the file is gone.
* :func:`view_filename` / :func:`view_link`: report views (claims/report_view.py) are written
  to ``VIEWS_FOLDER`` beside the workbook, one ``<report id>.html`` each (characters other than
  letters, digits and ``._-~`` replaced by ``_``, with a short hash when anything was
  replaced, so two ids never share a file); the View column links there relatively, e.g.
  ``views/004_bfd6e1dc52ea2406.html`` from ``reports/review.xlsx``.
"""
from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path
from typing import Optional
from urllib.parse import quote

from claims.workbook.layout import VIEWS_FOLDER

__all__ = ["source_link", "view_filename", "view_link"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._~-]")


def view_filename(report_id: str) -> str:
    """The file name of a report's view: the id made file-safe, plus ``.html``."""
    rid = str(report_id)
    safe = _UNSAFE.sub("_", rid)[:150].lstrip(".") or "report"
    if safe != rid:
        safe += "-" + hashlib.sha256(rid.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return safe + ".html"


def view_link(report_id: str) -> str:
    """The View column's link: relative to the workbook's folder."""
    return f"{VIEWS_FOLDER}/{quote(view_filename(report_id))}"


def source_link(url: Optional[str], source: Optional[str]) -> Optional[str]:
    """The report's http(s) URL, else a file:// URI of its source file (if it still exists)."""
    if isinstance(url, str) and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    if not isinstance(source, str) or not source:
        return None
    return _file_uri(re.sub(r"#row=\d+$", "", source))


@functools.lru_cache(maxsize=4096)
def _file_uri(path: str) -> Optional[str]:
    try:
        p = Path(path).expanduser().resolve()
        return p.as_uri() if p.is_file() else None
    except (OSError, ValueError, RuntimeError):
        return None
