"""Nothing a reviewer typed is ever lost (issue 10): a workbook holding verdicts the database
lacks is never written over, a new verdict list never strands stored verdicts, and conflicts
between two reviewers are listed, counted and resolved. Real subprocess runs of the command on
the seed reports, real .xlsx files edited with openpyxl as a reviewer would."""
import hashlib
import os
import json
import re
import shutil
import subprocess
import sys

import openpyxl
import pytest

from conftest import SEEDS

CLAIMS = [shutil.which("claims")] if shutil.which("claims") else [sys.executable, "-m", "claims.cli"]


def claims(*args, cwd=None):
    return subprocess.run([*CLAIMS, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300)


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """The seeds run once: a database and its review workbook, copied for each test."""
    root = tmp_path_factory.mktemp("no_loss")
    done = claims("run", SEEDS, "--db", root / "claims.db", "-o", root / "review.xlsx", "--workers", "1")
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture
def project(template, tmp_path):
    for name in ("claims.db", "review.xlsx"):
        shutil.copy2(template / name, tmp_path / name)
    return tmp_path


def edit(book, changes: dict, *, column="Verdict", save_as=None):
    """Set ``column`` of the rows whose Claim ID is a key of ``changes``; returns the row numbers."""
    wb = openpyxl.load_workbook(book)
    ws = wb["Review"]
    header = [c.value for c in ws[1]]
    id_col, col = header.index("Claim ID"), header.index(column)
    rows = {}
    for row in ws.iter_rows(min_row=2):
        cid = row[id_col].value
        if cid in changes:
            row[col].value = changes[cid]
            rows[cid] = row[0].row
    wb.save(save_as or book)
    return rows


def claim_ids(book):
    wb = openpyxl.load_workbook(book, read_only=True)
    ws = wb["Review"]
    rows = ws.iter_rows(values_only=True)
    header = list(next(rows))
    i = header.index("Claim ID")
    return [r[i] for r in rows if r[i]]


def cell_values(book, column):
    wb = openpyxl.load_workbook(book, read_only=True)
    ws = wb["Review"]
    rows = ws.iter_rows(values_only=True)
    header = list(next(rows))
    i, c = header.index("Claim ID"), header.index(column)
    return {r[i]: r[c] for r in rows if r[i]}


def test_run_refuses_to_write_over_unimported_verdicts(project):
    db, book = project / "claims.db", project / "review.xlsx"
    cid = claim_ids(book)[0]
    edit(book, {cid: "False"})
    before_book, before_db = sha256(book), sha256(db)
    done = claims("run", SEEDS, "--db", db, "-o", book, "--workers", "1")
    assert done.returncode == 1
    line = one_line(done.stderr)
    assert "not overwritten" in line and f"claims import {book}" in line and "--force" in line
    assert sha256(book) == before_book  # the reviewer's file is intact
    assert sha256(db) == before_db  # refused before anything was read or stored


def test_evidence_and_notes_count_too(project):
    db, book = project / "claims.db", project / "review.xlsx"
    cid = claim_ids(book)[1]
    edit(book, {cid: "see the budget table, p. 4"}, column="Notes")
    done = claims("workbook", "--db", db, "-o", book)
    assert done.returncode == 1 and "not overwritten" in one_line(done.stderr)


def test_workbook_force_keeps_a_dated_backup(project):
    db, book = project / "claims.db", project / "review.xlsx"
    cid = claim_ids(book)[0]
    edit(book, {cid: "Misleading"})
    refused = claims("workbook", "--db", db, "-o", book)
    assert refused.returncode == 1 and "claims import" in one_line(refused.stderr)
    forced = claims("workbook", "--db", db, "-o", book, "--force")
    assert forced.returncode == 0, forced.stderr
    backups = [p for p in project.iterdir() if re.fullmatch(r"review\.\d{4}-\d\d-\d\dT\d{4}\.xlsx", p.name)]
    assert len(backups) == 1, list(project.iterdir())
    assert backups[0].name in forced.stdout
    assert cell_values(backups[0], "Verdict")[cid] == "Misleading"  # the typed verdict survives
    assert cell_values(book, "Verdict")[cid] is None  # the new workbook is the database's


def test_after_import_the_workbook_is_rewritten_freely(project):
    db, book = project / "claims.db", project / "review.xlsx"
    cid = claim_ids(book)[0]
    edit(book, {cid: "False"})
    assert claims("import", book, "--db", db).returncode == 0
    done = claims("workbook", "--db", db, "-o", book)
    assert done.returncode == 0, done.stderr
    assert cell_values(book, "Verdict")[cid] == "False"
    rerun = claims("run", SEEDS, "--db", db, "-o", book, "--workers", "1")
    assert rerun.returncode == 0, rerun.stderr


def test_a_file_that_is_not_a_workbook_of_this_database_is_not_overwritten(project, tmp_path_factory):
    db = project / "claims.db"
    notes = project / "notes.xlsx"
    notes.write_text("my own notes, not a workbook\n")
    done = claims("workbook", "--db", db, "-o", notes)
    assert done.returncode == 1 and "not overwritten" in one_line(done.stderr)
    assert notes.read_text() == "my own notes, not a workbook\n"
    other = tmp_path_factory.mktemp("other")
    assert claims("run", SEEDS, "--db", other / "o.db", "-o", other / "o.xlsx", "--workers", "1").returncode == 0
    foreign = claims("workbook", "--db", db, "-o", other / "o.xlsx")
    assert foreign.returncode == 1 and "another database" in one_line(foreign.stderr)


def test_new_verdict_list_never_strands_stored_verdicts(project):
    db, book = project / "claims.db", project / "review.xlsx"
    a, b, c = claim_ids(book)[:3]
    edit(book, {a: "Verified", b: "Verified", c: "False"})
    assert claims("import", book, "--db", db).returncode == 0
    fresh = project / "fresh.xlsx"
    before = sha256(db)
    refused = claims("run", SEEDS, "--db", db, "-o", fresh, "--workers", "1", "--verdicts", "True,Half true,False")
    assert refused.returncode == 1
    line = one_line(refused.stderr)
    assert "'Verified' (2 claims)" in line and "--map-verdict" in line and "False" not in line.split("--map")[0]
    assert sha256(db) == before and not fresh.exists()

    bad_map = claims("run", SEEDS, "--db", db, "-o", fresh, "--workers", "1", "--verdicts", "True,False",
                     "--map-verdict", "Verified=Sorta")
    assert bad_map.returncode == 1 and "Sorta" in one_line(bad_map.stderr)

    mapped = claims("run", SEEDS, "--db", db, "-o", fresh, "--workers", "1", "--verdicts", "True,Half true,False",
                    "--map-verdict", "Verified=True")
    assert mapped.returncode == 0, mapped.stderr
    verdicts = cell_values(fresh, "Verdict")
    assert verdicts[a] == verdicts[b] == "True" and verdicts[c] == "False"
    status = json.loads(claims("status", "--db", db, "--json").stdout)
    assert {r["verdict"]: r["claims"] for r in status["by_verdict"]}["True"] == 2
    # the next workbook imports cleanly with the new list: nothing refused
    again = claims("import", fresh, "--db", db)
    assert again.returncode == 0, again.stderr


def test_two_reviewers_conflict_listed_counted_and_resolved(project):
    db, book = project / "claims.db", project / "review.xlsx"
    cid = claim_ids(book)[0]
    copy_a, copy_b = project / "alice.xlsx", project / "bob.xlsx"
    shutil.copy2(book, copy_a)
    shutil.copy2(book, copy_b)
    edit(copy_a, {cid: "False"})
    edit(copy_a, {cid: "Alice"}, column="Reviewer")
    edit(copy_b, {cid: "Verified"})
    edit(copy_b, {cid: "Bob"}, column="Reviewer")
    assert claims("import", copy_a, "--db", db).returncode == 0
    second = claims("import", copy_b, "--db", db)
    assert second.returncode == 0, second.stderr
    assert "1 conflicting" in second.stdout

    listed = claims("conflicts", "--db", db, "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert len(rows) == 1
    r = rows[0]
    assert r["claim_id"] == cid and r["claim"]
    assert (r["current_verdict"], r["current_reviewer"]) == ("False", "Alice")
    assert (r["conflicting_verdict"], r["conflicting_reviewer"]) == ("Verified", "Bob")
    assert r["conflicting_workbook"].endswith("bob.xlsx") and r["current_workbook"].endswith("alice.xlsx")
    assert r["conflicting_recorded_at"] and r["current_recorded_at"]
    table = claims("conflicts", "--db", db)
    assert cid in table.stdout and "Alice" in table.stdout and "Bob" in table.stdout
    assert "1 open conflict" in table.stdout
    status = claims("status", "--db", db)
    assert "1 open conflict" in status.stdout
    assert json.loads(claims("status", "--db", db, "--json").stdout)["conflicts"] == 1

    # Bob's copy holds nothing the database lacks (his verdict is in the history): no refusal
    assert claims("workbook", "--db", db, "-o", copy_b).returncode == 0

    # resolved by importing a verdict for that claim from a fresh workbook
    fresh = project / "fresh.xlsx"
    assert claims("workbook", "--db", db, "-o", fresh).returncode == 0
    edit(fresh, {cid: "Verified"})
    resolved = claims("import", fresh, "--db", db)
    assert resolved.returncode == 0 and "1 verdict recorded" in resolved.stdout
    assert json.loads(claims("conflicts", "--db", db, "--json").stdout) == []
    assert json.loads(claims("status", "--db", db, "--json").stdout)["conflicts"] == 0


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_a_workbook_saved_by_libreoffice_is_protected_too(project, tmp_path_factory):
    """A reviewer's verdict in a file saved by LibreOffice: run again without importing is
    refused and the file left intact; after importing it, the run goes through."""
    import signal

    db, book = project / "claims.db", project / "review.xlsx"
    cid = claim_ids(book)[2]
    typed = project / "typed.xlsx"
    edit(book, {cid: "Needs context"}, save_as=typed)
    outdir = tmp_path_factory.mktemp("lo_out")
    profile = tmp_path_factory.mktemp("lo_profile")
    proc = subprocess.Popen([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                             "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(outdir), str(typed)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        proc.communicate(timeout=180)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.skip("LibreOffice did not convert in time")
    saved = outdir / "typed.xlsx"
    assert saved.exists(), "LibreOffice did not write the workbook"
    shutil.copy2(saved, book)
    before = sha256(book)
    refused = claims("run", SEEDS, "--db", db, "-o", book, "--workers", "1")
    assert refused.returncode == 1 and "claims import" in one_line(refused.stderr)
    assert sha256(book) == before
    assert claims("import", book, "--db", db).returncode == 0
    again = claims("run", SEEDS, "--db", db, "-o", book, "--workers", "1")
    assert again.returncode == 0, again.stderr
    assert cell_values(book, "Verdict")[cid] == "Needs context"
