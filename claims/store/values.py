"""Values between pandas, Python and the database drivers, and bulk writes.

Small helpers every part of the store uses: missing values (None, NaN, pd.NA) and numpy scalars
made plain for any DB-API driver, JSON columns, workbook cells as text, DataFrames with object
columns and None for missing values, id lists cut for ``IN (...)`` and rows cut for
executemany.
"""
from __future__ import annotations

import datetime as _dt
import json
import math
import operator
from typing import Any, Iterator, Optional, Sequence

import pandas as pd
import sqlalchemy as sa

CHUNK = 5000  # rows per executemany batch
IN_CHUNK = 500  # ids per IN (...) list


def now_iso() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def is_missing(v: Any) -> bool:
    t = type(v)
    if t is str or t is int or t is bool or t is list or t is dict or t is tuple:
        return False
    if v is None:
        return True
    if t is float:
        return v != v
    if isinstance(v, float) and math.isnan(v):
        return True
    try:
        return v is pd.NA or v is pd.NaT or (not isinstance(v, (list, tuple, dict, str)) and bool(pd.isna(v)))
    except (TypeError, ValueError):
        return False


_PLAIN_TYPES = frozenset((str, int, bool, type(None)))


def py_list(values: list) -> list:
    """``[py(v) for v in values]``, the list itself when every value is already plain (a text
    column of str and None: one pass over the types instead of a call per value)."""
    if _PLAIN_TYPES.issuperset(map(type, values)):
        return values
    return [py(v) for v in values]


def py(v: Any) -> Any:
    """A value fit for any DB-API driver: numpy scalars -> Python, NaN/NA -> None."""
    t = type(v)
    if t is str or t is int or t is bool or v is None:
        return v
    if t is float:
        return None if v != v else v
    if is_missing(v):
        return None
    if hasattr(v, "item") and not isinstance(v, (list, tuple, dict, str, bytes)):
        try:
            return v.item()
        except (ValueError, AttributeError):
            pass
    return v


def to_list(v: Any) -> Any:
    if is_missing(v):
        return None
    if hasattr(v, "tolist"):
        v = v.tolist()
    if isinstance(v, tuple):
        v = list(v)
    if isinstance(v, list):
        return [to_list(x) if isinstance(x, (list, tuple)) or hasattr(x, "tolist") else py(x) for x in v]
    return v


def plain_json(v: Any) -> bool:
    """Whether *v* is a list of str/int (or of lists/tuples of them): what to_list leaves as is."""
    for x in v:
        t = type(x)
        if t is str or t is int:
            continue
        if t is list or t is tuple:
            for y in x:
                ty = type(y)
                if not (ty is str or ty is int):
                    return False
            continue
        return False
    return True


# json.dumps with any argument makes a new encoder per call: most of its cost on short lists
# (the background writer dumps two per statement)
_encode = json.JSONEncoder(ensure_ascii=False).encode


_quote = json.encoder.encode_basestring  # the C quoting json.dumps(..., ensure_ascii=False) uses


def json_text(v: Any) -> str:
    """``json.dumps(v, ensure_ascii=False)``; a list of strings (check reasons, aliases) quoted
    and joined directly, as the encoder would (it costs a few µs per call, a run makes millions)."""
    if type(v) is list and all(type(x) is str for x in v):
        return "[" + ", ".join(map(_quote, v)) + "]"
    return _encode(v)


def dumps(v: Any) -> Optional[str]:
    if v is None:  # (most content_spans)
        return None
    if type(v) is list and plain_json(v):  # the common case, without the per-item conversions
        return json_text(v)
    v = to_list(v)
    if v is None:
        return None
    if isinstance(v, str):  # already JSON text (or a plain string): keep as a JSON value
        try:
            json.loads(v)
            return v
        except ValueError:
            return json.dumps(v, ensure_ascii=False)
    return json.dumps(v, ensure_ascii=False)


def loads(v: Any, default: Any = None) -> Any:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return default
    try:
        return json.loads(v)
    except (TypeError, ValueError):
        return default


def cell_text(v: Any) -> Optional[str]:
    """Normalise a workbook cell: None/NaN/blank -> None, dates -> ISO, others stripped str."""
    if is_missing(v):
        return None
    if isinstance(v, _dt.datetime):
        if v.time() == _dt.time(0, 0):
            return v.date().isoformat()
        return v.isoformat(timespec="seconds")
    if isinstance(v, _dt.date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    s = str(v).strip()
    return s or None


def chunks(seq: Sequence, n: int) -> Iterator[Sequence]:
    for i in range(0, len(seq), n):
        yield seq[i : i + n]


def make_frame(rows: list[dict], columns: Sequence[str], *, ints=(), floats=(), bools=()) -> pd.DataFrame:
    """A DataFrame whose text columns are object dtype with None for missing values."""
    df = pd.DataFrame(rows, columns=list(columns), dtype=object)
    if df.empty:
        df = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    for c in ints:
        vals = df[c].tolist()
        if not all(type(x) is int for x in vals):
            vals = [None if is_missing(x) else int(x) for x in vals]
        df[c] = pd.array(vals, dtype="int64" if None not in vals else "Int64")
    for c in floats:
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    for c in bools:
        df[c] = df[c].map(lambda x: bool(x) if not is_missing(x) else False).astype(bool)
    return df


def sort_key_date(date: Optional[str]) -> tuple:
    return (date is None, date or "")


def _driver_insert(conn: sa.Connection, table: sa.Table, names) -> Optional[tuple[str, list]]:
    """(INSERT statement, bind processor of each column or None) to insert columns ``names``
    straight through the driver: on SQLite, when no column left out has a default (SQLAlchemy's
    per-row parameter handling costs more than SQLite's insert itself). None otherwise."""
    used = [c for c in table.columns if c.name in names]
    if conn.dialect.name != "sqlite" or len(used) != len(names) or any(
            c.default is not None or c.server_default is not None for c in table.columns if c.name not in names):
        return None
    by_name = {c.name: c for c in used}
    procs = [by_name[n].type.bind_processor(conn.dialect) for n in names]
    sql = (f'INSERT INTO "{table.name}" (' + ", ".join(f'"{n}"' for n in names) + ") VALUES ("
           + ", ".join("?" * len(names)) + ")")
    return sql, procs


def insert_rows(conn: sa.Connection, table: sa.Table, rows: Sequence[dict]) -> None:
    """``conn.execute(table.insert(), rows)`` in chunks; on SQLite straight through the driver's
    executemany where it can (``_driver_insert``)."""
    if not rows:
        return
    names = list(rows[0].keys())
    direct = _driver_insert(conn, table, names)
    if direct is None:
        for chunk in chunks(rows, CHUNK):
            conn.execute(table.insert(), list(chunk))
        return
    sql, procs = direct
    # a tuple per row by itemgetter (C), not a generator per row: the writer inserts ~20 claim
    # rows per report; a column with a bind processor is converted column-wise
    getter = operator.itemgetter(*names) if len(names) > 1 else (lambda r, n=names[0]: (r[n],))
    for chunk in chunks(rows, CHUNK):
        params = list(map(getter, chunk))
        if any(p is not None for p in procs):  # the type's own (Float: float(x)), as SQLAlchemy would do
            cols = [list(c) if proc is None else [proc(v) for v in c] for c, proc in zip(zip(*params), procs)]
            params = list(zip(*cols))
        conn.exec_driver_sql(sql, params)


def insert_columns(conn: sa.Connection, table: sa.Table, columns: dict[str, list]) -> None:
    """``insert_rows`` for rows given column by column (equal-length lists): on SQLite's direct
    path no dict is made per row (the background writer inserts millions of statements)."""
    names = list(columns)
    if not names or not len(columns[names[0]]):
        return
    direct = _driver_insert(conn, table, names)
    if direct is None:
        insert_rows(conn, table, [dict(zip(names, vals)) for vals in zip(*(columns[n] for n in names))])
        return
    sql, procs = direct
    lists = [columns[n] if proc is None else [proc(v) for v in columns[n]] for n, proc in zip(names, procs)]
    params = list(zip(*lists))
    for chunk in chunks(params, CHUNK):
        conn.exec_driver_sql(sql, chunk)


def score_text(score: Any) -> str:
    if score is None:
        return "?"
    score = float(score)
    return str(round(score * 100 if score <= 1 else score))


def one_line(e: BaseException) -> str:
    orig = getattr(e, "orig", None)
    text = str(orig if orig is not None else e)
    return text.strip().splitlines()[0] if text.strip() else type(e).__name__
