"""Hostile report text through the real pipeline into every sink.

Reports hold ``</script><script>alert(1)</script>``, ``=HYPERLINK(...)``, terminal escapes
(``ESC]0;…BEL``, ``ESC[31m``), a lone surrogate, NUL, U+2028 and U+0085. They go through
``claims run`` (a .txt and a .jsonl report), ``claims import`` (every claim given a verdict) and
``claims export`` in every format; each sink is then checked for what could act:

- csv: no cell a spreadsheet would run as a formula;
- jsonl: every line valid JSON, one record per line (also for Python's splitlines);
- xlsx (export and review workbook): no formula cell;
- ClaimReview: no raw ``<``, ``>`` or ``&``, so it cannot end a ``<script>`` block, and the text
  reads back the same;
- terminal (``claims extract DIR``): no raw ESC in stdout.
"""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

REPO = Path(__file__).resolve().parents[1]

SCRIPT = "</script><script>alert(1)</script>"
FORMULA = "=HYPERLINK('http://evil.example','click')"
TITLE = "\x1b]0;pwned\x07"
RED = "\x1b[31m"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

TXT_REPORT = f"""Budget debate {TITLE} in the capital.

"{SCRIPT} The deficit was cut in half last year," Senator Jane Doe said on Tuesday.

"{FORMULA} and unemployment fell to 3 percent," Mayor Tom Smith said on Wednesday.

"Crime {RED}doubled{RED} since 2019 in every district{TITLE}," Governor Ann Lee said on Monday.

"Exports rose by 12 percent\u2028in one year\x85say the figures," Minister Paul Grant said.
"""

JSONL_REPORT = json.dumps({
    "id": "hostile-jsonl",
    "title": "Feed item",
    "date": "2024-03-01",
    # json escapes: a lone surrogate and NUL reach the reader as such
    "text": "\"Prices rose 9 percent \ud800 in one year \x00 across the country,\" Senator Jane Doe said. "
            f"\"{SCRIPT} pensions will run dry by 2034,\" Mayor Tom Smith said.",
}, ensure_ascii=True) + "\n"


def cli(*args, **env) -> subprocess.CompletedProcess:
    full = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""), **env)
    return subprocess.run([sys.executable, "-m", "claims.cli", *map(str, args)], capture_output=True,
                          env=full, timeout=300)


def ok(done: subprocess.CompletedProcess) -> str:
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, err
    assert "Traceback" not in err
    return done.stdout.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    """Run -> every claim given a verdict -> import -> export in every format."""
    tmp = tmp_path_factory.mktemp("sinks")
    reports = tmp / "reports"
    reports.mkdir()
    (reports / "hostile.txt").write_text(TXT_REPORT, encoding="utf-8")
    (reports / "feed.jsonl").write_text(JSONL_REPORT, encoding="utf-8")
    db, book = tmp / "claims.db", tmp / "review.xlsx"
    ok(cli("run", reports, "--db", db, "-o", book, "--workers", "1"))
    wb = openpyxl.load_workbook(book)
    ws = wb["Review"]
    header = [c.value for c in ws[1]]
    id_col, verdict_col = header.index("Claim ID"), header.index("Verdict")
    for row in ws.iter_rows(min_row=2):
        if row[id_col].value:
            row[verdict_col].value = "False"
    wb.save(book)
    ok(cli("import", book, "--db", db))
    out = {"reports": reports, "review": book}
    for fmt, ext in (("csv", "csv"), ("jsonl", "jsonl"), ("xlsx", "xlsx"), ("claimreview", "json")):
        path = tmp / f"claims.{ext}"
        org = ["--organization", "Test Desk"] if fmt == "claimreview" else []
        ok(cli("export", "--db", db, "--format", fmt, "-o", path, *org))
        out[fmt] = path
    return out


def _texts(values) -> str:
    return "\n".join(str(v) for v in values if v is not None)


def test_hostile_text_reached_the_claims(pipeline):
    rows = [json.loads(line) for line in pipeline["jsonl"].read_text(encoding="utf-8").split("\n") if line]
    blob = json.dumps(rows, ensure_ascii=False)
    assert "</script>" in blob  # the attack text is stored and exported (as data)
    assert "HYPERLINK" in blob


def test_csv_cells_never_start_a_formula(pipeline):
    with open(pipeline["csv"], encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    cells = [c for row in rows for c in row]
    assert any("HYPERLINK" in c for c in cells)
    for c in cells:
        assert not c.startswith(FORMULA_START), c


def test_jsonl_is_one_valid_json_record_per_line(pipeline):
    text = pipeline["jsonl"].read_text(encoding="utf-8")
    assert "\x1b" not in text and "\x00" not in text
    lines = text.splitlines()  # splits at U+2028 and U+0085 too: none may be raw
    assert lines and len(lines) == text.count("\n")
    records = [json.loads(line) for line in lines]
    assert all(isinstance(r, dict) for r in records)
    claims_text = _texts(r.get("claim") for r in records)
    assert SCRIPT in claims_text


def _formula_cells(path: Path) -> list:
    wb = openpyxl.load_workbook(path)
    found = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f" or (isinstance(c.value, str) and c.value.startswith("=")):
                    found.append((ws.title, c.coordinate, c.value))
    return found


def test_xlsx_export_holds_no_formula(pipeline):
    assert _formula_cells(pipeline["xlsx"]) == []
    wb = openpyxl.load_workbook(pipeline["xlsx"])
    values = _texts(c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row)
    assert "HYPERLINK" in values


def test_review_workbook_holds_no_formula_from_report_text(pipeline):
    found = [f for f in _formula_cells(pipeline["review"]) if "HYPERLINK" in str(f[2]) or "script" in str(f[2])]
    assert found == []


def test_claimreview_is_safe_inside_a_script_block(pipeline):
    text = pipeline["claimreview"].read_text(encoding="utf-8")
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\\u003c/script\\u003e" in text
    reviews = json.loads(text)
    assert reviews
    claimed = _texts(r.get("claimReviewed") for r in reviews)
    assert SCRIPT in claimed  # a JSON reader gets the text back unchanged
    page = f'<script type="application/ld+json">{text}</script>'
    assert page.count("</script") == 1  # only the block's own end tag


def test_terminal_table_shows_no_raw_escape(pipeline):
    out = ok(cli("extract", pipeline["reports"]))
    assert "\x1b" not in out and "\x07" not in out
