"""The background writer (claims.store.writer): a run stores each batch in a thread while the
main thread groups the next one. Real SQLite files throughout.

- a run with the writer leaves exactly the database a serial run leaves;
- another command grouping claims in the middle of the run is noticed in the write
  transaction (GroupingConflict, nothing of that batch written) and the batches not written
  are grouped again against the database as it is: a sentence both stored join one claim;
- ``Store.save_planned_batch`` refuses a grouping whose state is behind the database.
"""
from __future__ import annotations

import dataclasses
import logging
import random
from pathlib import Path

import pytest
import sqlalchemy as sa

import claims.api as api
from claims.store import Store
from claims.store.claims import GroupingConflict

SENTENCES = [
    "The regional rail line carried 41 million passengers last year",
    "Hospital waiting lists grew by 18 percent since January",
    "The new dam will cost 2.3 billion dollars to build",
    "Unemployment in the northern provinces fell to 6.1 percent",
    "Rents in the capital doubled over the last decade",
    "The school meals programme now reaches 900,000 children",
    "Police recorded 12 percent fewer burglaries in 2024",
    "The port handled a record 8 million containers",
]
SPEAKERS = ["Mira Holt", "Dev Anand", "Olga Berg", "Tomas Ruiz"]


def _write_reports(folder: Path, n: int, seed: int = 0) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        paras = [f"Council briefing number {i}", ""]
        for _ in range(3):
            paras.append(f'"{rng.choice(SENTENCES)}," {rng.choice(SPEAKERS)} said on Monday.')
            paras.append("")
        p = folder / f"report_{i:03d}.txt"
        p.write_text("\n".join(paras), encoding="utf-8")
        paths.append(p)
    return paths


def _tables(db: Path) -> dict:
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        out = {
            "claims": conn.exec_driver_sql(
                "SELECT claim_id, text, center_text, n_occurrences, n_reports, first_report FROM claims "
                "ORDER BY claim_id").all(),
            "statements": conn.exec_driver_sql(
                "SELECT id, report, claim_id, speaker_id FROM statements ORDER BY id").all(),
            "speakers": conn.exec_driver_sql("SELECT * FROM speakers ORDER BY speaker_id").all(),
            "similar": conn.exec_driver_sql("SELECT * FROM similar_claims ORDER BY 1, 2").all(),
        }
    engine.dispose()
    return out


def test_run_with_background_writer_equals_serial_run(tmp_path, monkeypatch):
    _write_reports(tmp_path / "in", 14)
    with_writer = api.run([tmp_path / "in"], db=tmp_path / "w.db", output=None, workers=1, batch_size=3)
    monkeypatch.setattr(api, "_background_writer", lambda store: None)
    serial = api.run([tmp_path / "in"], db=tmp_path / "s.db", output=None, workers=1, batch_size=3)
    assert with_writer.reports_stored == serial.reports_stored == 14
    assert with_writer.new_claims == serial.new_claims == with_writer.claims
    assert "store_background" in with_writer.stage_seconds and "store_background" not in serial.stage_seconds
    a, b = _tables(tmp_path / "w.db"), _tables(tmp_path / "s.db")
    assert a["statements"] and all(row[2] for row in a["statements"])  # every statement has a claim
    assert a == b


def test_another_command_grouping_mid_run_is_grouped_against(tmp_path, caplog):
    """A competing run stores a report between two of our batches; its sentence is also in our
    last reports. The batch planned against the older state must not be written as planned."""
    shared = "The city's flood barrier failed three times since 2019"
    ours = tmp_path / "ours"
    _write_reports(ours, 8, seed=1)
    for i in (6, 7):  # the last batch repeats the competitor's sentence
        (ours / f"report_{i:03d}.txt").write_text(
            f"Flood briefing {i}\n\n\"{shared},\" Ana Silva said on Friday.\n", encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "competitor.txt").write_text(
        f"Competing report\n\n\"{shared},\" Ana Silva said on Thursday.\n", encoding="utf-8")
    db = tmp_path / "c.db"
    competitor = {}

    def progress(reports: int, statements: int) -> None:
        if not competitor:  # after our first batch: another command groups claims meanwhile
            competitor["summary"] = api.run([other], db=db, output=None, workers=1)

    with caplog.at_level(logging.INFO, logger="claims"):
        summary = api.run([ours], db=db, output=None, workers=1, batch_size=2, progress=progress)
    assert "grouped again" in caplog.text  # the conflict was noticed, not slipped through
    assert summary.reports_stored == 8 and competitor["summary"].reports_stored == 1
    assert summary.new_claims + competitor["summary"].new_claims == summary.claims
    with Store(db) as store, store.transaction() as conn:
        rows = conn.exec_driver_sql(
            "SELECT claim_id, n_reports, n_occurrences FROM claims WHERE text LIKE ?", (f"%{shared[9:40]}%",)).all()
        unassigned = conn.exec_driver_sql("SELECT count(*) FROM statements WHERE claim_id IS NULL").scalar()
        reports = conn.exec_driver_sql("SELECT count(*) FROM reports").scalar()
    assert len(rows) == 1, rows  # one claim for the sentence the three reports share
    assert rows[0][1] == 3 and rows[0][2] == 3
    assert unassigned == 0 and reports == 9


def test_save_planned_batch_refuses_a_stale_grouping(tmp_path):
    from claims.grouping import group_batch
    from claims.api import iter_reports
    from claims.parallel import extract_rows
    from claims.types import statements_frame

    paths = _write_reports(tmp_path / "in", 4, seed=2)
    reports = list(iter_reports([tmp_path / "in"], lambda message: None))
    first, second = reports[:2], reports[2:]
    db = tmp_path / "p.db"
    with Store(db) as store:
        state = store.load_grouping_state()
        generation = state.stored_at[0]
        frame = statements_frame(extract_rows(second))
        planned = store.plan_reports(second, frame)
        grouping = group_batch(planned.statements_frame(), state, report_dates=planned.report_dates)
        with Store(db) as other:  # meanwhile another command stores and groups a batch
            api.store_batch(other, first, statements_frame(extract_rows(first)), other.load_grouping_state())
        with pytest.raises(GroupingConflict):
            store.save_planned_batch(planned, grouping, expected_generation=generation)
        with store.transaction() as conn:  # nothing of the refused batch was written
            stored = set(conn.exec_driver_sql("SELECT id FROM reports").scalars())
        assert stored == {r.id for r in first}
        # planned again against the database as it is, it is stored
        state = store.load_grouping_state()
        planned = store.plan_reports(second, frame)
        grouping = group_batch(planned.statements_frame(), state, report_dates=planned.report_dates)
        result = store.save_planned_batch(planned, grouping, expected_generation=state.stored_at[0])
        assert result.reports_added == 2
    assert len(paths) == 4


def test_planned_statements_as_given_equal_the_rows_made_from_them(tmp_path):
    """plan_reports' usual case keeps the frame as given and makes the rows in the writer: the
    grouping frame and the rows must be what the row-by-row path gives."""
    import pandas as pd

    from claims.api import iter_reports
    from claims.parallel import extract_rows
    from claims.store.statements import AddResult, _statement_rows, stored_statements_frame
    from claims.types import statements_frame

    repo = Path(__file__).resolve().parents[1]
    _write_reports(tmp_path / "in", 6, seed=3)
    reports = list(iter_reports([repo / "seeds", tmp_path / "in"], lambda message: None))
    frame = statements_frame(extract_rows(reports))
    with Store(tmp_path / "f.db") as store:
        planned = store.plan_reports(reports, frame, run_id=3)
        assert planned._frame is not None and planned.statements == len(frame) > 20
        slow_rows, objs = _statement_rows(frame, [(r, r.id, None) for r in reports], planned._now, 3, AddResult())
        pd.testing.assert_frame_equal(planned.statements_frame(), stored_statements_frame(slow_rows, objs))
        # the columns the writer inserts (before rows(): made from the frame) are those rows'
        sids = [row["id"] for row in slow_rows]
        claim_of = {sid: f"C{i:010d}" for i, sid in enumerate(sids) if i % 3}
        speaker_of = {sid: f"P{i:08d}" for i, sid in enumerate(sids) if i % 2}
        columns = planned.columns(claim_of, speaker_of)
        expected = [{**row, "claim_id": claim_of.get(row["id"]), "speaker_id": speaker_of.get(row["id"])}
                    for row in slow_rows]
        assert [dict(zip(columns, values)) for values in zip(*columns.values())] == expected
        assert planned._rows == []  # the frame's fast path was taken
        assert planned.rows() == slow_rows
        store.write_planned_reports(planned)
        # the same ids with other text: renamed, so the row-by-row path
        edited = [dataclasses.replace(r, text=r.text + "\nEdited.", content_hash=None) for r in reports[:1]]
        again = store.plan_reports(edited, statements_frame(extract_rows(edited)), run_id=4)
        assert again._frame is None and again.added == 1 and again.added_ids[0].startswith(reports[0].id + "~")


def test_a_run_freezes_its_state_out_of_the_gc_and_unfreezes_it(tmp_path, monkeypatch):
    """The grouping state is frozen out of the cyclic GC during a run (every FREEZE_EVERY
    batches what the run made is collected and frozen too) and unfrozen when it ends (the GC's
    thresholds as they were), with the
    same database as a run with the GC left alone; a caller who turned the GC off keeps it off,
    nothing frozen."""
    import gc

    _write_reports(tmp_path / "in", 9)
    monkeypatch.setattr(api, "FREEZE_EVERY", 1)
    frozen_during: list[int] = []
    batch_done = api._LongLivedHeap.batch_done
    monkeypatch.setattr(api._LongLivedHeap, "batch_done",
                        lambda self: (batch_done(self), frozen_during.append(gc.get_freeze_count())))
    assert gc.get_freeze_count() == 0
    thresholds = gc.get_threshold()
    frozen = api.run([tmp_path / "in"], db=tmp_path / "f.db", output=None, workers=1, batch_size=3)
    assert gc.get_freeze_count() == 0 and gc.isenabled() and gc.get_threshold() == thresholds
    assert len(frozen_during) == 3 and all(n > 10_000 for n in frozen_during)  # the state and all imported
    gc.disable()
    try:
        frozen_during.clear()
        plain = api.run([tmp_path / "in"], db=tmp_path / "p.db", output=None, workers=1, batch_size=3)
        assert not gc.isenabled() and frozen_during == [0, 0, 0]
    finally:
        gc.enable()
    assert frozen.claims == plain.claims and _tables(tmp_path / "f.db") == _tables(tmp_path / "p.db")
