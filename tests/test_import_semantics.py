"""What an imported workbook means: a blank cell is "no opinion" unless the workbook printed a
value there; a row that cannot be matched or read refuses the import; two imports at once (two
processes, SQLite and PostgreSQL) count one conflict per claim they disagree on and lose nothing.

Workbooks are real files: written by claims.workbook from a real database, edited with
openpyxl the way a script or a reviewer would, read back by claims.workbook.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time

import openpyxl
import pytest

from claims.errors import WorkbookError
from claims.store import Store
from claims.store import verdicts as verdicts_mod
from claims.workbook import read_review_workbook, write_review_workbook
from test_store import PG_URL, add, db_url, file_hash, regroup, report  # noqa: F401  (db_url: fixture)

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build(url: str, n: int) -> list[str]:
    """A database with n claims (one report each, distinct texts); their ids, sorted."""
    with Store(url) as db:
        pairs = [report(f"r{i:04d}", [("Jane Doe", f"Claim number {i} says {i * 7} percent")], date="2024-01-02")
                 for i in range(n)]
        add(db, *pairs)
        regroup(db)
        return sorted(db.claims_frame()["claim_id"])


def export(url: str, path) -> None:
    with Store(url) as db:
        data = db.review_data()
        write_review_workbook(data, path)
        db.record_export(data, str(path))


def edit(path, values: dict, *, column: str = "Verdict", out=None) -> dict:
    """Set ``column`` of the rows of the claims in ``values`` (claim id -> value) and save;
    returns claim id -> row number."""
    rows = {}
    wb = openpyxl.load_workbook(path)
    ws = wb["Review"]
    head = {c.value: c.column for c in ws[1] if c.value}
    for row in range(2, ws.max_row + 1):
        cid = ws.cell(row, head["Claim ID"]).value
        if cid in values:
            ws.cell(row, head[column]).value = values[cid]
            rows[cid] = row
    wb.save(out or path)
    return rows


def import_(url: str, path):
    with Store(url) as db:
        return db.import_verdicts(read_review_workbook(path))


def verdicts(url: str) -> dict:
    with Store(url) as db:
        f = db.verdicts_frame()
        return dict(zip(f["claim_id"], f["verdict"]))


def history(url: str):
    with Store(url) as db:
        return db.verdict_history_frame()


# --------------------------------------------------------------------------- blank = no opinion


def test_split_export_second_import_reports_no_conflicts(db_url, tmp_path):
    ids = build(db_url, 20)
    book = tmp_path / "review.xlsx"
    export(db_url, book)
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    edit(book, {c: "False" for c in ids[:10]}, out=a)
    edit(book, {c: "Verified" for c in ids[10:]}, out=b)
    ra = import_(db_url, a)
    rb = import_(db_url, b)
    assert (ra.recorded, ra.conflicts, ra.cleared) == (10, 0, 0)
    assert (rb.recorded, rb.conflicts, rb.cleared) == (10, 0, 0)
    assert rb.line() == "10 verdicts recorded, 10 unchanged, 0 conflicting, 0 refused"
    v = verdicts(db_url)
    assert all(v[c] == "False" for c in ids[:10]) and all(v[c] == "Verified" for c in ids[10:])
    # and the first copy again (blank where the second reviewer worked): nothing changes
    again = import_(db_url, a)
    assert (again.recorded, again.conflicts) == (0, 0) and verdicts(db_url) == v


def test_clearing_a_printed_verdict_is_a_clear_and_said_so(db_url, tmp_path):
    ids = build(db_url, 3)
    book = tmp_path / "review.xlsx"
    export(db_url, book)
    edit(book, {ids[0]: "False", ids[1]: "Misleading"})
    import_(db_url, book)
    book2 = tmp_path / "review2.xlsx"
    export(db_url, book2)  # prints both verdicts (base revision 1)
    edit(book2, {ids[0]: None})
    res = import_(db_url, book2)
    assert (res.recorded, res.cleared, res.conflicts, res.unchanged) == (1, 1, 0, 2)
    assert "1 verdict cleared" in res.line() and "0 verdicts recorded" in res.line()
    assert any("cleared" in m and ids[0] in m for m in res.messages)
    assert verdicts(db_url)[ids[0]] is None and verdicts(db_url)[ids[1]] == "Misleading"
    h = history(db_url)
    assert list(h[h["claim_id"] == ids[0]]["new_verdict"]) == ["False", None]


def test_blank_in_an_older_workbook_is_no_opinion_but_a_clear_there_conflicts(db_url, tmp_path):
    ids = build(db_url, 2)
    old = tmp_path / "old.xlsx"
    export(db_url, old)  # nothing printed
    edit(old, {ids[0]: "False"}, out=tmp_path / "first.xlsx")
    import_(db_url, tmp_path / "first.xlsx")
    mid = tmp_path / "mid.xlsx"
    export(db_url, mid)  # prints False at revision 1
    edit(mid, {ids[0]: "Verified"}, out=tmp_path / "second.xlsx")
    assert import_(db_url, tmp_path / "second.xlsx").recorded == 1  # revision 2
    # the old workbook (blank row) says nothing about ids[0]
    res = import_(db_url, old)
    assert (res.recorded, res.conflicts, res.unchanged) == (0, 0, 2)
    # mid, with the printed False deleted: a clear made from revision 1 -> a conflict, nothing cleared
    edit(mid, {ids[0]: None})
    res = import_(db_url, mid)
    assert (res.recorded, res.conflicts, res.cleared) == (0, 1, 0)
    assert verdicts(db_url)[ids[0]] == "Verified"


# --------------------------------------------------------------------------- rows that cannot be read


def _refused(url, path, *needles):
    before = file_hash(url) if "://" not in url else None
    snap = (verdicts(url), len(history(url)))
    with pytest.raises(WorkbookError) as e:
        import_(url, path)
    msg = str(e.value)
    assert "\n" not in msg and "'Review'" in msg
    for n in needles:
        assert n in msg, msg
    assert (verdicts(url), len(history(url))) == snap
    if before:
        assert file_hash(url) == before
    return msg


def test_cleared_claim_id_with_a_verdict_is_refused(tmp_path):
    url = str(tmp_path / "claims.db")
    ids = build(url, 3)
    book = tmp_path / "review.xlsx"
    export(url, book)
    edit(book, {ids[1]: "False"})
    row = edit(book, {ids[1]: None}, column="Claim ID")[ids[1]]
    _refused(url, book, f"row {row}:", "Claim ID", "empty", "Verdict")


@pytest.mark.parametrize("column", ["Verdict", "Claim ID"])
def test_formula_without_stored_result_is_refused(tmp_path, column):
    url = str(tmp_path / "claims.db")
    ids = build(url, 3)
    book = tmp_path / "review.xlsx"
    export(url, book)
    edit(book, {ids[0]: "False"})
    import_(url, book)
    book2 = tmp_path / "review2.xlsx"
    export(url, book2)  # prints False for ids[0]
    # a script writes a formula: openpyxl stores it with no cached value
    formula = '="Fal"&"se"' if column == "Verdict" else f'="{ids[0]}"'
    row = edit(book2, {ids[0]: formula}, column=column)[ids[0]]
    msg = _refused(url, book2, f"row {row}:", column, "formula", "no stored result")
    assert verdicts(url)[ids[0]] == "False"
    assert msg.count("nothing was imported") == 1


def test_formula_scan_is_skipped_for_a_sheet_without_formulas(tmp_path, monkeypatch):
    url = str(tmp_path / "claims.db")
    build(url, 2)
    book = tmp_path / "review.xlsx"
    export(url, book)
    import openpyxl as _op

    calls = []
    real = _op.load_workbook
    monkeypatch.setattr(_op, "load_workbook", lambda *a, **k: calls.append(k) or real(*a, **k))
    read_review_workbook(book)
    assert [k.get("data_only") for k in calls] == [True]


# --------------------------------------------------------------------------- two imports at once


def _both_change_everything(url, tmp_path, ids):
    book = tmp_path / "review.xlsx"
    export(url, book)
    edit(book, {c: "False" for c in ids})
    import_(url, book)  # every claim has a verdict (revision 1)
    fresh = tmp_path / "fresh.xlsx"
    export(url, fresh)
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    edit(fresh, {c: "Verified" for c in ids}, out=a)
    edit(fresh, {c: ("Misleading" if i % 2 else "Verified") for i, c in enumerate(ids)}, out=b)
    return a, b


def test_concurrent_imports_lock_then_compare(db_url, tmp_path, monkeypatch):
    """Deterministic overlap: the first import pauses after reading, holding its lock; the
    second (another connection) must wait, then see the first's verdicts and report conflicts."""
    ids = build(db_url, 6)
    a, b = _both_change_everything(db_url, tmp_path, ids)
    real = verdicts_mod._printed_values
    paused = threading.Event()

    def slow(conn, wanted, current):
        if threading.current_thread().name == "first":
            paused.set()
            time.sleep(1.5)
        return real(conn, wanted, current)

    monkeypatch.setattr(verdicts_mod, "_printed_values", slow)
    out = {}
    t1 = threading.Thread(target=lambda: out.__setitem__("a", import_(db_url, a)), name="first")
    t1.start()
    assert paused.wait(30)
    out["b"] = import_(db_url, b)
    t1.join(60)
    ra, rb = out["a"], out["b"]
    assert (ra.recorded, ra.conflicts) == (6, 0)
    # b agrees with a on the even rows (Verified): unchanged there, a conflict on the 3 others
    assert (rb.recorded, rb.conflicts, rb.unchanged) == (0, 3, 3)
    assert set(verdicts(db_url).values()) == {"Verified"}
    h = history(db_url)
    assert (h["event"] == "conflict").sum() == 3 and set(h[h["event"] == "conflict"]["new_verdict"]) == {"Misleading"}


_IMPORTER = """
import json, sys, time
from claims.store import Store
from claims.workbook import read_review_workbook
url, path, at = sys.argv[1], sys.argv[2], float(sys.argv[3])
reviewed = read_review_workbook(path)
time.sleep(max(0.0, at - time.time()))
with Store(url) as db:
    r = db.import_verdicts(reviewed)
print(json.dumps({"recorded": r.recorded, "conflicts": r.conflicts, "unchanged": r.unchanged}))
"""


def test_two_processes_import_at_once(db_url, tmp_path):
    n = 400
    ids = build(db_url, n)
    a, b = _both_change_everything(db_url, tmp_path, ids)
    at = time.time() + 6
    env = {**os.environ, "PYTHONPATH": REPO}
    procs = [subprocess.Popen([sys.executable, "-c", _IMPORTER, db_url, str(p), str(at)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for p in (a, b)]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (o, e) in zip(procs, outs):
        assert p.returncode == 0, e
    ra, rb = (json.loads(o) for o, _ in outs)
    disagree = n // 2  # the odd rows: Verified in a, Misleading in b
    # whichever came second: every claim is either unchanged (same verdict) or one conflict
    assert ra["recorded"] + rb["recorded"] == n
    assert ra["conflicts"] + rb["conflicts"] == disagree
    assert ra["unchanged"] + rb["unchanged"] == n - disagree
    v = verdicts(db_url)
    winner = "a" if ra["recorded"] == n else "b"
    assert (ra["recorded"], rb["recorded"]) in ((n, 0), (0, n))
    expect = {c: ("Verified" if winner == "a" or i % 2 == 0 else "Misleading") for i, c in enumerate(ids)}
    assert v == expect
    h = history(db_url)
    assert (h["event"] == "conflict").sum() == disagree
    assert (h["event"] == "recorded").sum() == 2 * n  # the first import, then the winner


def _soffice():
    import shutil

    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_formula_with_a_stored_result_reads_its_value(tmp_path):
    """The same formula saved by a spreadsheet program (LibreOffice stores its result) is read
    as its value: only formulas without a result are refused."""
    url = str(tmp_path / "claims.db")
    ids = build(url, 2)
    book = tmp_path / "review.xlsx"
    export(url, book)
    edit(book, {ids[0]: '="Fal"&"se"'})
    out = tmp_path / "lo"
    out.mkdir()
    proc = subprocess.run(
        [_soffice(), "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
         "--convert-to", "xlsx", "--outdir", str(out), str(book)],
        capture_output=True, text=True, timeout=180)
    resaved = out / "review.xlsx"
    assert resaved.exists(), proc.stderr + proc.stdout
    rows = {r.claim_id: r for r in read_review_workbook(resaved).rows}
    assert rows[ids[0]].verdict == "False"
    res = import_(url, resaved)
    assert (res.recorded, res.conflicts) == (1, 0) and verdicts(url)[ids[0]] == "False"
