"""The open conflicts, for ``claims conflicts`` and ``claims status`` (read only).

A conflict is a history event "conflict": a reviewed row changed a claim's verdict in a
workbook made from an older revision, so the current verdict was kept and the row's values
went into the history (conflicts.py decides; verdicts.py records). It stays open until a
later event for the same claim settles the verdict: a verdict recorded (imported from a
workbook made from the current revision; not a verdict list change, which has no workbook),
a carried-over verdict confirmed, or a "resolved" event. Each open conflict names both verdicts, who gave them, when, and from
which workbook.
"""
from __future__ import annotations

from typing import Optional

import sqlalchemy as sa

from .schema import claims_t, history_t, verdicts_t

# Events after a conflict that settle the claim's verdict ("recorded" only from a workbook:
# a verdict list change rewrites verdicts with a "recorded" event that has no workbook).
RESOLVING_EVENTS = ("recorded", "confirmed", "resolved")

COLUMNS = (
    "claim_id", "claim", "current_verdict", "current_reviewer", "current_recorded_at", "current_workbook",
    "conflicting_verdict", "conflicting_reviewer", "conflicting_recorded_at", "conflicting_workbook",
    "conflicting_export_id", "history_id",
)


def open_conflicts(store, claim_id: Optional[str] = None) -> list[dict]:
    """The open conflicts, oldest first: one dict per conflict event (keys: COLUMNS)."""
    h, later = history_t, history_t.alias("later")
    settled = (
        sa.select(later.c.id)
        .where(later.c.claim_id == h.c.claim_id, later.c.id > h.c.id, later.c.event.in_(RESOLVING_EVENTS),
               sa.or_(later.c.event != "recorded", later.c.workbook.isnot(None)))
        .exists()
    )
    q = (
        sa.select(h, claims_t.c.text.label("claim_text"), verdicts_t.c.verdict.label("cur_verdict"),
                  verdicts_t.c.reviewer.label("cur_reviewer"), verdicts_t.c.updated_at.label("cur_updated_at"),
                  verdicts_t.c.source_workbook.label("cur_workbook"))
        .select_from(h.outerjoin(claims_t, claims_t.c.claim_id == h.c.claim_id)
                     .outerjoin(verdicts_t, verdicts_t.c.claim_id == h.c.claim_id))
        .where(h.c.event == "conflict", ~settled)
        .order_by(h.c.id)
    )
    if claim_id is not None:
        q = q.where(h.c.claim_id == claim_id)
    with store.transaction() as conn:
        rows = [dict(r) for r in conn.execute(q).mappings()]
    return [
        {
            "claim_id": r["claim_id"],
            "claim": r["claim_text"],
            "current_verdict": r["cur_verdict"],
            "current_reviewer": r["cur_reviewer"],
            "current_recorded_at": r["cur_updated_at"],
            "current_workbook": r["cur_workbook"],
            "conflicting_verdict": r["new_verdict"],
            "conflicting_reviewer": r["new_reviewer"],
            "conflicting_recorded_at": r["recorded_at"],
            "conflicting_workbook": r["workbook"],
            "conflicting_export_id": r["export_id"],
            "history_id": r["id"],
        }
        for r in rows
    ]


def count_open_conflicts(store) -> int:
    """How many conflicts are open (see open_conflicts)."""
    return len(open_conflicts(store))
