"""Conflict detection: what one reviewed workbook row does to the verdict stored for its claim.

Every recorded change bumps ``verdicts.revision``; a workbook row carries the revision it was
exported with. A row with the stored values is *unchanged* (and *confirms* a carried-over
verdict); a changed row whose base revision no longer matches the database is a *conflict*:
the current verdict stays and the row's values go into the history; otherwise it is *recorded*
as the next revision.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .schema import VERDICT_FIELDS


@dataclass
class RowDecision:
    event: Optional[str]  # "recorded", "conflict", "confirmed", or None (unchanged, nothing to note)
    revision: int  # the database revision after the row
    message: Optional[str] = None


def decide(cid: str, vals: dict, current: Optional[dict], base: int, where: str) -> RowDecision:
    """What the row ``vals`` (VERDICT_FIELDS -> value), made from revision ``base``, does to
    the stored verdict ``current`` (a verdicts row, None when the claim has none)."""
    cur_vals = {f: (current or {}).get(f) for f in VERDICT_FIELDS}
    cur_rev = int((current or {}).get("revision") or 0)
    if vals == cur_vals:
        if current and current.get("carried_over") and vals["verdict"] is not None:
            return RowDecision("confirmed", cur_rev, f"{where}: carried-over verdict confirmed")
        return RowDecision(None, cur_rev)
    if base != cur_rev:
        newer = "a newer verdict was imported since this workbook was made" if cur_rev > base else "the database is older than this workbook"
        msg = (
            f"{where}: claim {cid}: {newer} (revision {cur_rev}, workbook made from {base}); "
            f"kept {cur_vals['verdict']!r}, saved {vals['verdict']!r} in the history"
        )
        return RowDecision("conflict", cur_rev, msg)
    msg = None if vals["verdict"] is not None or cur_vals["verdict"] is None else f"{where}: verdict cleared"
    return RowDecision("recorded", cur_rev + 1, msg)
