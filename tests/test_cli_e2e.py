"""End to end: the installed ``claims`` command run as a subprocess on real files."""
import csv
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from conftest import SEEDS

CLAIMS = shutil.which("claims")
pytestmark = pytest.mark.skipif(CLAIMS is None, reason="the claims command is not installed")


def claims(*args, cwd=None):
    return subprocess.run([CLAIMS, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def review_rows(path: Path):
    wb = openpyxl.load_workbook(path)
    ws = wb["Review"]
    header = [c.value for c in ws[1]]
    return wb, ws, header


def test_extract_jsonl_offsets_index_the_seed_texts(tmp_path):
    out = tmp_path / "statements.jsonl"
    done = claims("extract", SEEDS, "--jsonl", out)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows, "no statements extracted from the seeds"
    texts = {p.stem: p.read_text(encoding="utf-8-sig") for p in SEEDS.glob("*.txt")}
    kinds = {r["kind"] for r in rows}
    assert {"direct", "indirect", "claim"} <= kinds
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        text = texts[r["report"]]
        assert 0 <= r["content_start"] < r["content_end"] <= len(text)
        if r["content_spans"]:
            pieces = [text[s:e] for s, e in r["content_spans"]]
            assert r["text"] == " ".join(pieces)
        else:
            assert r["text"] == text[r["content_start"]:r["content_end"]]
        if r["speaker_start"] is not None:
            assert text[r["speaker_start"]:r["speaker_end"]] == r["speaker"]
        assert 0.0 <= r["checkworthiness"] <= 1.0
    # the summary goes to stderr, the data to the file
    assert "statements" in done.stderr


def test_extract_is_stable_across_runs(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert claims("extract", SEEDS, "--jsonl", a).returncode == 0
    assert claims("extract", SEEDS, "--jsonl", b).returncode == 0
    assert a.read_text(encoding="utf-8") == b.read_text(encoding="utf-8")


def test_extract_csv_and_dedupe(tmp_path):
    out = tmp_path / "statements.csv"
    done = claims("extract", SEEDS, "--csv", out, "--dedupe")
    assert done.returncode == 0, done.stderr
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows and all(r["claim_id"] for r in rows)
    # a repeated sentence (a caption restating the body) gives fewer claims than statements
    assert len({r["claim_id"] for r in rows}) < len(rows)


def test_missing_path_is_one_line_and_exit_1(tmp_path):
    done = claims("extract", tmp_path / "nope")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "nope" in done.stderr


def test_usage_error_exit_2():
    assert claims("run").returncode == 2
    assert claims("export", "--format", "pdf", "-o", "x").returncode == 2


def test_help_explains_every_command_with_an_example():
    for command in ("extract", "run", "workbook", "import", "status", "conflicts", "export"):
        done = claims(command, "--help")
        assert done.returncode == 0
        assert "Example" in done.stdout, command


def test_the_review_loop(tmp_path):
    db, book = tmp_path / "claims.db", tmp_path / "review.xlsx"
    first = claims("run", SEEDS, "--db", db, "-o", book, "--workers", "1")
    assert first.returncode == 0, first.stderr
    assert "2 reports read" in first.stdout
    wb, ws, header = review_rows(book)
    assert {"Review", "Occurrences", "Reports", "Speakers", "Summary", "About"} <= set(wb.sheetnames)
    id_col, verdict_col = header.index("Claim ID"), header.index("Verdict")
    claim_ids = [row[id_col].value for row in ws.iter_rows(min_row=2) if row[id_col].value]
    assert len(claim_ids) == len(set(claim_ids)) > 5

    # a reviewer marks two claims, on rows far apart
    chosen = {claim_ids[0]: "False", claim_ids[-1]: "Verified"}
    for row in ws.iter_rows(min_row=2):
        if row[id_col].value in chosen:
            row[verdict_col].value = chosen[row[id_col].value]
    wb.save(book)
    imported = claims("import", book, "--db", db)
    assert imported.returncode == 0, imported.stderr
    assert "2 verdicts recorded" in imported.stdout

    # importing the same workbook again changes nothing
    again = claims("import", book, "--db", db)
    assert again.returncode == 0, again.stderr
    assert "0 verdicts recorded" in again.stdout

    # re-running on the same reports adds nothing and keeps the verdicts
    book2 = tmp_path / "review2.xlsx"
    rerun = claims("run", SEEDS, "--db", db, "-o", book2, "--workers", "1")
    assert rerun.returncode == 0, rerun.stderr
    assert "0 new stored" in rerun.stdout
    wb2, ws2, header2 = review_rows(book2)
    i2, v2 = header2.index("Claim ID"), header2.index("Verdict")
    found = {row[i2].value: row[v2].value for row in ws2.iter_rows(min_row=2) if row[i2].value in chosen}
    assert found == chosen

    # the export shows them
    exported = tmp_path / "claims.csv"
    done = claims("export", "--format", "csv", "-o", exported, "--db", db)
    assert done.returncode == 0, done.stderr
    with open(exported, newline="", encoding="utf-8-sig") as f:
        verdicts = {r["Claim ID"]: r["Verdict"] for r in csv.DictReader(f) if r["Verdict"]}
    assert verdicts == chosen

    status = claims("status", "--db", db)
    assert status.returncode == 0
    assert "False" in status.stdout and "Verified" in status.stdout

    # a bad verdict is refused whole, naming sheet, row and value; the database is untouched
    wb3, ws3, header3 = review_rows(book2)
    ws3.cell(row=3, column=header3.index("Verdict") + 1).value = "Sorta true"
    wb3.save(book2)
    before = sha256(db)
    refused = claims("import", book2, "--db", db)
    assert refused.returncode == 1
    assert "Sorta true" in refused.stderr and "Review" in refused.stderr and "3" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert sha256(db) == before


def test_workbook_from_another_database_is_refused(tmp_path):
    db_a, db_b = tmp_path / "a.db", tmp_path / "b.db"
    book_a = tmp_path / "a.xlsx"
    assert claims("run", SEEDS, "--db", db_a, "-o", book_a, "--workers", "1").returncode == 0
    assert claims("run", SEEDS, "--db", db_b, "-o", tmp_path / "b.xlsx", "--workers", "1").returncode == 0
    before = sha256(db_b)
    done = claims("import", book_a, "--db", db_b)
    assert done.returncode == 1
    assert "another database" in done.stderr
    assert sha256(db_b) == before


def test_module_entry_point_works():
    done = subprocess.run([sys.executable, "-m", "claims.cli", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and "claims" in done.stdout


def test_a_project_sets_its_own_verdict_list(tmp_path):
    db, book = tmp_path / "claims.db", tmp_path / "review.xlsx"
    done = claims("run", SEEDS, "--db", db, "-o", book, "--workers", "1", "--verdicts", "True,Half true,Pants on fire")
    assert done.returncode == 0, done.stderr
    wb, ws, header = review_rows(book)
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert any("Pants on fire" in (f or "") for f in lists)
    verdict_col = header.index("Verdict") + 1
    ws.cell(row=2, column=verdict_col).value = "Verified"  # a default value, not this project's
    wb.save(book)
    refused = claims("import", book, "--db", db)
    assert refused.returncode == 1 and "Verified" in refused.stderr
    ws.cell(row=2, column=verdict_col).value = "Pants on fire"
    wb.save(book)
    accepted = claims("import", book, "--db", db)
    assert accepted.returncode == 0, accepted.stderr
    assert "1 verdict recorded" in accepted.stdout  # singular (issue 10)
