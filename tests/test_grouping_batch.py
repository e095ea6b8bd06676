"""claims.grouping.batch: one batch of new statements grouped against a hand-built state, no database."""
from __future__ import annotations

from claims.grouping import BatchGrouping, GroupingState, group_batch
from claims.types import STATEMENT_COLUMNS, statements_frame

LONG = "Unemployment fell to 4 percent in 2023 according to the latest figures"


def st(sid, report, text, *, date=None, speaker="Jane Doe", cw=0.5, kind="direct"):
    rec = {c: None for c in STATEMENT_COLUMNS}
    rec.update(id=sid, report=report, kind=kind, text=text, content_start=0, content_end=len(text),
               speaker=speaker.split()[-1] if speaker else None, speaker_name=speaker,
               speaker_type="person", checkworthiness=cw, check_reasons=[], sentence=text,
               paragraph=1, report_date=date)
    return rec


def state_with(claims=(), speakers=()) -> GroupingState:
    state = GroupingState()
    if claims:
        state.claims.add([c[0] for c in claims], [c[1] for c in claims], [c[2] if len(c) > 2 else None for c in claims])
    state.speakers.add(speakers)
    return state


def test_new_claims_from_an_empty_state():
    frame = statements_frame([
        st("a1", "a", LONG, date="2024-01-05", cw=0.3),
        st("b1", "b", LONG + ".", date="2024-01-02", cw=0.9),
        st("b2", "b", "The bridge over the river is perfectly safe to use", date="2024-01-02"),
    ])
    g = group_batch(frame, state_with())
    assert isinstance(g, BatchGrouping) and g.statement_ids == ["a1", "b1", "b2"]
    assert g.claim_of["a1"] == g.claim_of["b1"] != g.claim_of["b2"]
    assert not g.claim_updates and not g.joined_reports
    rows = {r["claim_id"]: r for r in g.new_claims}
    c = rows[g.claim_of["a1"]]
    assert (c["n_occurrences"], c["n_reports"], c["first_report"], c["first_date"]) == (2, 2, "b", "2024-01-02")
    assert c["checkworthiness"] == 0.9 and c["kind"] == "direct"
    assert set(g.shown_lengths) == set(rows)
    # one speaker for all three statements, new
    assert len(set(g.speaker_of.values())) == 1 and len(g.new_speakers) == 1 and not g.updated_speakers
    assert g.new_speakers[0]["name"] == "Jane Doe" and g.new_speakers[0]["aliases"] == ["Jane Doe"]


def test_joining_a_stored_claim_and_speaker():
    short = "Unemployment fell to 4 percent in 2023"
    state = state_with(claims=[("C0000000001", short)],
                       speakers=[("P1", "Jane Doe", ["Doe"], "person", ["minister"])])
    frame = statements_frame([st("c1", "c", short, date="2023-12-30", cw=0.8),
                              st("c2", "c", LONG, date="2023-12-30", cw=0.2)])
    g = group_batch(frame, state)
    assert g.claim_of == {"c1": "C0000000001", "c2": "C0000000001"}
    assert not g.new_claims and g.joined_reports == {"C0000000001": ["c"]}
    (u,) = g.claim_updates
    assert (u.n_occurrences, u.n_reports, u.checkworthiness, u.first_report, u.first_date) == (2, 1, 0.8, "c", "2023-12-30")
    assert (u.text, u.representative_id) == (LONG, "c2")  # a fuller occurrence becomes the claim's text
    assert g.speaker_of == {"c1": "P1", "c2": "P1"}
    (sp,) = g.updated_speakers
    assert sp["aliases"] == ["Doe", "Jane Doe"] and sp["roles"] == ["minister"] and not g.new_speakers


def test_a_shorter_occurrence_leaves_the_text_and_the_state_is_unchanged():
    short = "Unemployment fell to 4 percent in 2023"
    state = state_with(claims=[("C0000000001", short, LONG)])  # shown: a fuller occurrence
    g = group_batch(statements_frame([st("d1", "d", short, speaker=None)]), state)
    (u,) = g.claim_updates
    assert u.text is None and u.representative_id is None and not g.shown_lengths
    assert not g.speaker_of and not g.new_speakers
    assert len(state.claims) == 1  # group_batch only decides; apply changes the state


def test_apply_then_the_next_batch_joins_and_report_dates_fill_in():
    state = state_with()
    first = group_batch(statements_frame([st("a1", "a", LONG)]), state, report_dates={"a": "2024-02-01"})
    (row,) = first.new_claims
    assert row["first_date"] == "2024-02-01"
    state.apply(first)
    assert row["claim_id"] in state.claims and len(state.speakers) == 1
    second = group_batch(statements_frame([st("b1", "b", LONG)]), state)
    assert second.claim_of == {"b1": row["claim_id"]} and not second.new_claims
    assert second.joined_reports == {row["claim_id"]: ["b"]}
    assert [s["speaker_id"] for s in second.updated_speakers] == [first.new_speakers[0]["speaker_id"]]


def test_empty_batch():
    g = group_batch(statements_frame([]), state_with())
    assert g == BatchGrouping()
