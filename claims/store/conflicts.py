"""Conflict detection: what one reviewed workbook row does to the verdict stored for its claim.

Every recorded change bumps ``verdicts.revision``; a workbook row carries the revision it was
exported with (its *base*), and so the values it was printed with: nothing when the base is 0,
else the values recorded at that revision (``printed``).

A blank cell means "no opinion": the stored value stays. It means "cleared" only when the
workbook printed a value in that cell (the reviewer deleted it). The row's *effective* values
(``effective_values``) are then compared with the stored ones: equal -> *unchanged* (and a
carried-over verdict is *confirmed* when the row shows it); different while the base revision
no longer matches the database -> a *conflict* (the current verdict stays, the row's values
go into the history; one conflict per claim); different otherwise -> *recorded* as the next
revision (a *clear* when it empties a stored verdict).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .schema import VERDICT_FIELDS

UNKNOWN = object()  # a printed value that cannot be known (no history of the base revision)


@dataclass
class RowDecision:
    event: Optional[str]  # "recorded", "conflict", "confirmed", or None (unchanged, nothing to note)
    revision: int  # the database revision after the row
    message: Optional[str] = None
    values: Optional[dict] = None  # the row's effective values (what "recorded" stores)
    cleared: bool = False  # recorded, and it empties a stored verdict


def effective_values(vals: dict, current: Optional[dict], printed: Optional[dict]) -> dict:
    """The values a row asks for: each filled cell as written; a blank cell clears the field
    when the workbook printed a value there (``printed``: the values at the row's base revision,
    None when nothing was printed, UNKNOWN values count as printed), else keeps the stored value."""
    out = {}
    for f in VERDICT_FIELDS:
        if vals.get(f) is not None:
            out[f] = vals[f]
        elif printed is not None and printed.get(f) is not None:
            out[f] = None  # the reviewer deleted what the workbook showed
        else:
            out[f] = (current or {}).get(f)  # no opinion
    return out


def decide(cid: str, vals: dict, current: Optional[dict], base: int, where: str,
           printed: Optional[dict] = UNKNOWN) -> RowDecision:  # type: ignore[assignment]
    """What the row ``vals`` (VERDICT_FIELDS -> value, None for a blank cell), made from
    revision ``base``, does to the stored verdict ``current`` (a verdicts row, None when the
    claim has none). ``printed``: the values the workbook showed (see effective_values); by
    default the stored values when ``base`` is the current revision, nothing when it is 0."""
    cur_vals = {f: (current or {}).get(f) for f in VERDICT_FIELDS}
    cur_rev = int((current or {}).get("revision") or 0)
    if printed is UNKNOWN:
        printed = None if base == 0 else (cur_vals if base == cur_rev else {f: UNKNOWN for f in VERDICT_FIELDS})
    eff = effective_values(vals, current, printed)
    if eff == cur_vals:
        if current and current.get("carried_over") and vals.get("verdict") is not None:
            return RowDecision("confirmed", cur_rev, f"{where}: carried-over verdict confirmed", eff)
        return RowDecision(None, cur_rev, None, eff)
    if base != cur_rev:
        newer = "a newer verdict was imported since this workbook was made" if cur_rev > base else "the database is older than this workbook"
        msg = (
            f"{where}: claim {cid}: {newer} (revision {cur_rev}, workbook made from {base}); "
            f"kept {cur_vals['verdict']!r}, saved {eff['verdict']!r} in the history"
        )
        return RowDecision("conflict", cur_rev, msg, eff)
    cleared = eff["verdict"] is None and cur_vals["verdict"] is not None
    msg = f"{where}: claim {cid}: verdict {cur_vals['verdict']!r} cleared" if cleared else None
    return RowDecision("recorded", cur_rev + 1, msg, eff, cleared)
