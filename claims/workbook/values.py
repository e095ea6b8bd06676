"""Values out of the store's frames, tolerantly: missing values (None, NaN, NaT, NA), lists
that arrive as lists, arrays or strings, numbers that arrive as text.

Shared by the workbook's sheets and by ``claims.exports``; nothing here escapes or cuts text
for a cell (that is ``cells.py``).
"""
from __future__ import annotations

import datetime as _dt
import math
import re
from typing import Any, Optional

import pandas as pd

__all__ = ["is_missing", "as_text", "as_list", "as_int", "as_float", "as_bool", "as_date", "column", "norm_key"]


def is_missing(value: Any) -> bool:
    if value is None:
        return True
    if value is pd.NaT or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return False


def as_text(value: Any) -> Optional[str]:
    """A frame value as display text (lists joined with "; "); None when missing."""
    if is_missing(value):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple, set)) or (hasattr(value, "tolist") and not isinstance(value, (int, float))):
        items = value.tolist() if hasattr(value, "tolist") else list(value)
        if not isinstance(items, list):
            items = [items]
        parts = [as_text(v) for v in items]
        return "; ".join(p for p in parts if p)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def as_list(value: Any) -> list:
    if is_missing(value):
        return []
    if isinstance(value, str):
        return [value] if value else []
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple, set)):
        return [v for v in value if not is_missing(v)]
    return [value]


def as_int(value: Any, default: Optional[int] = 0) -> Optional[int]:
    if is_missing(value):
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def as_float(value: Any) -> Optional[float]:
    if is_missing(value):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def as_bool(value: Any) -> bool:
    if is_missing(value):
        return False
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "y")
    return bool(value)


def as_date(value: Any) -> Any:
    """An ISO date string as a ``date`` (written as a real date cell); other text unchanged."""
    if is_missing(value):
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", text)
    if m:
        try:
            return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    return text or None


def column(frame: Optional[pd.DataFrame], name: str) -> list:
    """``frame[name]`` as a list; a list of None when the frame lacks the column."""
    if frame is not None and name in frame.columns:
        return frame[name].tolist()
    return [None] * (0 if frame is None else len(frame))


def norm_key(value: str) -> str:
    """A verdict (or other label) for matching: spaces collapsed, case folded."""
    return re.sub(r"\s+", " ", value).strip().casefold()
