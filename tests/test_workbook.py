"""The review workbook: written with claims.workbook, opened back with openpyxl (and LibreOffice
when it is installed), edited the way reviewers do, and read back."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import uuid
import zipfile

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.errors import ClaimsError, WorkbookError
from claims.workbook import cells, layout
from claims.workbook import (
    BASE_REVISION_COLUMN,
    DEFAULT_VERDICTS,
    EDITABLE_COLUMNS,
    MAX_CELL_CHARS,
    REVIEW_COLUMNS,
    REVIEW_SHEET_COLUMNS,
    TRUNCATION_MARKER,
    ReviewData,
    ReviewedRow,
    ooxml_unescape,
    read_review_workbook,
    safe_text,
    write_review_workbook,
)

FORMULA_TEXTS = ["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1)", "\t=1+1", "\r=2+2", "=HYPERLINK(\"http://x\")"]


def make_data(n: int = 6, *, texts=None, evidence=None, notes=None, verdict_values=None) -> ReviewData:
    texts = list(texts) if texts is not None else [f"The deficit grew by {i}0 percent last year." for i in range(n)]
    n = len(texts)
    verdicts = (["False", None, "Verified", "Needs context", None, "Misleading"] * n)[:n]
    claims = pd.DataFrame({
        "claim_id": [f"C{i:03d}AB" for i in range(n)],
        "text": texts,
        "kind": ["direct"] * n,
        "speaker": ["Kenneth Merten; State Department"] * n,
        "role": ["ambassador"] * n,
        "said_on": ["2024-01-02"] * n,
        "venue": ["told VOA"] * n,
        "n_reports": ([3] + [1] * n)[:n],
        "first_report": ["004_bfd6"] * n,
        "reports": ([["004_bfd6", "005_c1", "006_d2"]] + [["004_bfd6"]] * n)[:n],
        "n_occurrences": ([4] + [1] * n)[:n],
        "checkworthiness": [round(0.9 - i * 0.01, 2) for i in range(n)],
        "check_reasons": [["number", "percentage"]] * n,
        "verdict": verdicts,
        "evidence": list(evidence) if evidence is not None else [("https://example.org/src" if v else None) for v in verdicts],
        "reviewer": [("AB" if v else None) for v in verdicts],
        "reviewed_on": [("2024-02-03" if v else None) for v in verdicts],
        "notes": list(notes) if notes is not None else [None] * n,
        "verdict_revision": [(2 if v else 0) for v in verdicts],
        "carried_over": [i == 0 for i in range(n)],
        "similar": (["C999ZZ (92)"] + [None] * n)[:n],
    })
    occurrences = pd.DataFrame({
        "claim_id": claims["claim_id"].tolist(),
        "statement_id": [f"s{i}" for i in range(n)],
        "report": ["004_bfd6"] * n,
        "paragraph": list(range(1, n + 1)),
        "sentence": [f"He said: \"{t}\"" for t in texts],
        "speaker": ["he"] * n,
        "speaker_name": ["Kenneth Merten"] * n,
        "kind": ["direct"] * n,
        "text": texts,
    })
    reports = pd.DataFrame({"report": ["004_bfd6", "005_c1", "006_d2"], "title": ["Haiti aid", "=Aid", None],
                            "date": ["2024-01-02", "2024-01-03", None], "source": ["r/004.txt", "r/005.txt", "r/006.txt"],
                            "n_statements": [n, 1, 1], "n_claims": [n, 1, 1]})
    speakers = pd.DataFrame({"speaker_id": ["P1", "O1"], "name": ["Kenneth Merten", "State Department"],
                             "aliases": [["Merten", "the ambassador"], []], "type": ["person", "organization"],
                             "roles": [["ambassador"], []], "n_claims": [n, n]})
    return ReviewData(claims=claims, occurrences=occurrences, reports=reports, speakers=speakers,
                      database_id=str(uuid.uuid4()), database_label="sqlite:///claims.db",
                      export_id=str(uuid.uuid4()), created_at="2024-05-01T10:00:00+00:00",
                      verdict_values=list(verdict_values or DEFAULT_VERDICTS))


def header_map(ws, row: int = 1) -> dict[str, int]:
    return {c.value: c.column for c in ws[row] if c.value is not None}


def by_id(rows: list[ReviewedRow]) -> dict[str, tuple]:
    return {r.claim_id: (r.verdict, r.evidence, r.reviewer, r.reviewed_on, r.notes, r.base_revision) for r in rows}


@pytest.fixture
def written(tmp_path):
    data = make_data()
    path = tmp_path / "review.xlsx"
    write_review_workbook(data, path)
    return data, path


# ------------------------------------------------------------------------------- writing

def test_round_trip_identity_and_rows(written):
    data, path = written
    wb = read_review_workbook(path)
    assert wb.path == str(path)
    assert wb.database_id == data.database_id
    assert wb.export_id == data.export_id
    assert wb.created_at == data.created_at
    assert wb.verdict_values == list(DEFAULT_VERDICTS)
    assert [r.claim_id for r in wb.rows] == data.claims["claim_id"].tolist()
    assert [r.row for r in wb.rows] == list(range(2, len(data.claims) + 2))
    assert all(r.sheet == "Review" for r in wb.rows)
    first = wb.rows[0]
    assert (first.verdict, first.evidence, first.reviewer, first.reviewed_on, first.notes, first.base_revision) == (
        "False", "https://example.org/src", "AB", "2024-02-03", None, 2)
    second = wb.rows[1]
    assert (second.verdict, second.evidence, second.reviewed_on, second.base_revision) == (None, None, None, 0)


def test_review_sheet_layout(written):
    data, path = written
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Review", "Occurrences", "Reports", "Speakers", "Summary", "About"]
    ws = wb["Review"]
    assert [c.value for c in ws[1]] == list(REVIEW_SHEET_COLUMNS) + [BASE_REVISION_COLUMN]
    assert set(REVIEW_COLUMNS) <= set(REVIEW_SHEET_COLUMNS)
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
    cols = header_map(ws)
    base_letter = openpyxl.utils.get_column_letter(cols[BASE_REVISION_COLUMN])
    assert ws.column_dimensions[base_letter].hidden
    assert ws.column_dimensions["B"].width >= 40
    assert ws.cell(2, cols["Claim"]).alignment.wrap_text
    # locked columns: grey header + "do not edit" comment; editable ones a different fill
    for name in REVIEW_SHEET_COLUMNS:
        cell = ws.cell(1, cols[name])
        assert cell.font.bold
        if name in EDITABLE_COLUMNS:
            assert "do not edit" not in (cell.comment.text if cell.comment else "").lower()
        else:
            assert "do not edit" in cell.comment.text.lower(), name
    assert ws.cell(1, cols["Claim"]).fill.fgColor.rgb != ws.cell(1, cols["Verdict"]).fill.fgColor.rgb
    # reports and check-worthiness
    assert ws.cell(2, cols["Reports"]).value == "3 (first: 004_bfd6)"
    assert ws.cell(3, cols["Reports"]).value == "1 (004_bfd6)"
    assert ws.cell(2, cols["Check-worthiness"]).value == pytest.approx(0.9)
    assert ws.cell(2, cols["Carried over"]).value == "Yes"
    assert ws.cell(3, cols["Carried over"]).value is None
    assert ws.cell(2, cols["Similar claims"]).value == "C999ZZ (92)"
    assert ws.cell(2, cols["Reviewed on"]).value == dt.datetime(2024, 2, 3)
    # order kept as given
    assert [ws.cell(r, 1).value for r in range(2, 8)] == data.claims["claim_id"].tolist()


def test_verdict_drop_down_and_colours(written):
    data, path = written
    ws = openpyxl.load_workbook(path)["Review"]
    col = openpyxl.utils.get_column_letter(header_map(ws)["Verdict"])
    dvs = ws.data_validations.dataValidation
    assert len(dvs) == 1
    dv = dvs[0]
    assert dv.type == "list"
    assert dv.formula1.strip('"').split(",") == list(DEFAULT_VERDICTS)
    assert str(dv.sqref) == f"{col}2:{col}{len(data.claims) + 1}"
    rules = [rule for cf in ws.conditional_formatting for rule in cf.rules]
    formulas = " ".join(f for rule in rules for f in rule.formula)
    for v in DEFAULT_VERDICTS:
        assert f'"{v}"' in formulas
    fills = {rule.formula[0]: rule.dxf.fill.fgColor.rgb for rule in rules}
    assert fills[f'TRIM({col}2)="Verified"'].endswith("C6EFCE")
    assert fills[f'TRIM({col}2)="False"'].endswith("FFC7CE")
    assert any("LEN(" in f for f in fills)  # custom values: neutral colour


def test_verdict_list_with_commas_refers_to_about_sheet(tmp_path):
    values = ["True", "False, mostly", "Unproven"]
    data = make_data(verdict_values=values)
    path = tmp_path / "r.xlsx"
    write_review_workbook(data, path)
    wb = openpyxl.load_workbook(path)
    dv = wb["Review"].data_validations.dataValidation[0]
    assert "About" in dv.formula1
    ref = dv.formula1.split("!")[1].replace("$", "")
    assert [c.value for (c,) in wb["About"][ref]] == values
    assert read_review_workbook(path).verdict_values == values


def test_other_sheets(written):
    data, path = written
    wb = openpyxl.load_workbook(path)
    occ = wb["Occurrences"]
    heads = [c.value for c in occ[1]]
    for h in ("Claim ID", "Report", "Paragraph", "Speaker (as written)", "Speaker", "Kind", "Statement",
              "Context (paragraph)", "Report title"):
        assert h in heads
    assert occ.max_row == len(data.occurrences) + 1
    rep = wb["Reports"]
    assert [c.value for c in rep[1]][:4] == ["Report", "Title", "Date", "Source"]
    assert rep.cell(3, 2).value == "=Aid" and rep.cell(3, 2).data_type == "s"
    spk = wb["Speakers"]
    assert [c.value for c in spk[2]] == ["P1", "Kenneth Merten", "Merten; the ambassador", "person", "ambassador", 6]
    summary = wb["Summary"]
    assert len(summary._charts) == 1
    values = {r[0]: r[1] for r in summary.iter_rows(values_only=True) if r[0]}
    assert values["Verified"] == 1 and values["False"] == 1 and values["Not reviewed"] == 2
    assert values["Total"] == 6
    assert values["Kenneth Merten"] == 6  # by speaker
    assert "By report" in values and "By speaker" in values
    about = wb["About"]
    cells = {r[0]: r[1] for r in about.iter_rows(values_only=True) if r[0]}
    assert cells["Database ID"] == data.database_id
    assert cells["Export ID"] == data.export_id
    assert cells["Created at"] == data.created_at
    assert cells["Database"] == data.database_label
    assert "Verified" in cells and "Unverifiable" in cells  # verdict meanings
    props = {p.name: p.value for p in wb.custom_doc_props}
    assert props["claims.database_id"] == data.database_id
    assert props["claims.export_id"] == data.export_id


def test_empty_claims(tmp_path):
    data = make_data(texts=[])
    path = tmp_path / "empty.xlsx"
    write_review_workbook(data, path)
    wb = read_review_workbook(path)
    assert wb.rows == [] and wb.database_id == data.database_id


def test_too_many_claims_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(layout, "MAX_DATA_ROWS", 3)
    path = tmp_path / "big.xlsx"
    with pytest.raises(ClaimsError, match="do not fit"):
        write_review_workbook(make_data(), path)
    assert not path.exists()


def test_atomic_write_keeps_old_file_on_failure(tmp_path, monkeypatch):
    path = tmp_path / "review.xlsx"
    path.write_bytes(b"old")

    def boom(self, filename):
        with open(filename, "wb") as fh:
            fh.write(b"partial")
        raise RuntimeError("disk full")

    monkeypatch.setattr(openpyxl.workbook.workbook.Workbook, "save", boom)
    with pytest.raises(RuntimeError):
        write_review_workbook(make_data(), path)
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["review.xlsx"]


# ------------------------------------------------------------------------------- text safety

def test_formula_looking_text_stays_text(tmp_path):
    data = make_data(texts=FORMULA_TEXTS, evidence=FORMULA_TEXTS, notes=FORMULA_TEXTS)
    path = tmp_path / "f.xlsx"
    write_review_workbook(data, path)
    ws = openpyxl.load_workbook(path)["Review"]
    cols = header_map(ws)
    for i, text in enumerate(FORMULA_TEXTS, start=2):
        for name in ("Claim", "Evidence", "Notes"):
            cell = ws.cell(i, cols[name])
            assert cell.value == text
            assert cell.data_type == "s" and cell.data_type != "f"
            assert cell.quotePrefix
    occ = openpyxl.load_workbook(path)["Occurrences"]
    assert all(c.data_type != "f" for row in occ.iter_rows() for c in row)
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name
    rows = read_review_workbook(path).rows
    # read back stripped (a leading tab / CR is whitespace), but never evaluated
    assert [r.evidence for r in rows] == [t.strip() for t in FORMULA_TEXTS]


def test_control_characters_removed(tmp_path):
    text = "a\x00b\x01c\x08d\x0be\x0cf\x1fg\ud800h\ufffei\uffffj\tk\nl"
    data = make_data(texts=[text], evidence=["ev\x07idence"])
    path = tmp_path / "c.xlsx"
    write_review_workbook(data, path)
    ws = openpyxl.load_workbook(path)["Review"]
    assert ws["B2"].value == "abcdefghij\tk\nl"
    assert read_review_workbook(path).rows[0].evidence == "evidence"


def test_long_text_truncated(tmp_path):
    data = make_data(texts=["x" * 100_000, "😀" * 20_000])
    path = tmp_path / "long.xlsx"
    write_review_workbook(data, path)
    ws = openpyxl.load_workbook(path)["Review"]
    for cell in (ws["B2"], ws["B3"]):
        value = cell.value
        assert value.endswith(TRUNCATION_MARKER)
        assert len(value.encode("utf-16-le")) // 2 <= MAX_CELL_CHARS
    assert len(ws["B2"].value) > 32_000
    occ = openpyxl.load_workbook(path)["Occurrences"]
    assert len(occ.cell(2, header_map(occ)["Statement"]).value) <= MAX_CELL_CHARS


def test_literal_ooxml_escape_sequence_survives(tmp_path):
    texts = ["_x0041_ stays", "a_x000D_b", "_x005F_"]
    data = make_data(texts=texts, evidence=texts)
    path = tmp_path / "x.xlsx"
    write_review_workbook(data, path)
    ws = openpyxl.load_workbook(path)["Review"]
    assert [ooxml_unescape(ws.cell(i, 2).value) for i in (2, 3, 4)] == texts
    assert [r.evidence for r in read_review_workbook(path).rows] == texts


# any code point, surrogates and control characters included
_text = st.text(st.characters(exclude_categories=()), max_size=60) | st.text(max_size=60)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(_text, min_size=1, max_size=4))
def test_any_text_survives_round_trip(tmp_path, texts):
    path = tmp_path / "h.xlsx"
    data = make_data(texts=texts, evidence=texts, notes=list(reversed(texts)))
    write_review_workbook(data, path)
    ws = openpyxl.load_workbook(path)["Review"]
    for i, text in enumerate(texts, start=2):
        expected = safe_text(text)
        got = ws.cell(i, 2).value
        assert (ooxml_unescape(got) if got is not None else "") == expected
        assert got is None or ws.cell(i, 2).data_type == "s"
    rows = read_review_workbook(path).rows
    assert [r.evidence for r in rows] == [safe_text(t).strip() or None for t in texts]
    assert [r.notes for r in rows] == [safe_text(t).strip() or None for t in reversed(texts)]


@given(st.text(max_size=40_000))
@settings(max_examples=30, deadline=None)
def test_safe_text_limits(text):
    out = safe_text(text)
    assert len(out.encode("utf-16-le", "surrogatepass")) // 2 <= MAX_CELL_CHARS
    assert not any(ch in out for ch in "\x00\x01\x0b\x0c\x1f\ufffe\uffff")
    cleaned = cells._XML_FORBIDDEN.sub("", text)
    if out != cleaned:
        assert out.endswith(TRUNCATION_MARKER) and cleaned.startswith(out[: -len(TRUNCATION_MARKER)])


def test_safe_text_truncates_only_when_needed():
    assert safe_text("x" * MAX_CELL_CHARS) == "x" * MAX_CELL_CHARS
    cut = safe_text("x" * (MAX_CELL_CHARS + 1))
    assert cut.endswith(TRUNCATION_MARKER) and len(cut) == MAX_CELL_CHARS


# ------------------------------------------------------------------------------- reviewers' edits

def _edit(path, fn):
    wb = openpyxl.load_workbook(path)
    fn(wb["Review"], header_map(wb["Review"]))
    wb.save(path)


def test_edited_verdicts_read_back(written):
    data, path = written

    def edit(ws, cols):
        ws.cell(3, cols["Verdict"]).value = "  needs CONTEXT  "
        ws.cell(3, cols["Evidence"]).value = "https://stats.example/2023"
        ws.cell(3, cols["Reviewer"]).value = " JD "
        ws.cell(3, cols["Reviewed on"]).value = dt.datetime(2024, 3, 5, 14, 30)
        ws.cell(3, cols["Notes"]).value = "line one\nline two"
        ws.cell(6, cols["Verdict"]).value = False  # Excel turns a typed "False" into a boolean
        ws.cell(6, cols["Reviewed on"]).value = "2024-03-06"
        ws.cell(7, cols["Verdict"]).value = "Made up"  # not validated here: the store does it
        ws.cell(7, cols["Reviewed on"]).value = 45357  # a date serial that lost its format
        ws.cell(2, cols["Verdict"]).value = None  # cleared

    _edit(path, edit)
    rows = {r.claim_id: r for r in read_review_workbook(path).rows}
    r = rows["C001AB"]
    assert (r.verdict, r.evidence, r.reviewer, r.reviewed_on, r.notes, r.base_revision, r.row) == (
        "Needs context", "https://stats.example/2023", "JD", "2024-03-05", "line one\nline two", 0, 3)
    assert rows["C004AB"].verdict == "False" and rows["C004AB"].reviewed_on == "2024-03-06"
    assert rows["C005AB"].verdict == "Made up" and rows["C005AB"].reviewed_on == "2024-03-06"
    assert rows["C000AB"].verdict is None and rows["C000AB"].base_revision == 2


@pytest.mark.parametrize("text,iso", [
    ("2024-03-05", "2024-03-05"), ("2024/3/5", "2024-03-05"), ("2024-03-05T10:00:00Z", "2024-03-05"),
    ("25/12/2024", "2024-12-25"), ("12/25/2024", "2024-12-25"), ("5 March 2024", "2024-03-05"),
    ("Mar 5, 2024", "2024-03-05"), (dt.date(2024, 3, 5), "2024-03-05"), (None, None), ("  ", None),
])
def test_reviewed_on_forms(written, text, iso):
    data, path = written
    _edit(path, lambda ws, cols: setattr(ws.cell(3, cols["Reviewed on"]), "value", text))
    assert read_review_workbook(path).rows[1].reviewed_on == iso


@pytest.mark.parametrize("text", ["yesterday", "03/04/2024", "2024-13-40"])
def test_reviewed_on_not_a_date(written, text):
    data, path = written
    _edit(path, lambda ws, cols: setattr(ws.cell(4, cols["Reviewed on"]), "value", text))
    with pytest.raises(WorkbookError) as e:
        read_review_workbook(path)
    msg = str(e.value)
    assert "Review" in msg and "row 4" in msg and text in msg and "\n" not in msg


def test_sorted_filtered_hidden_deleted_and_inserted_column(written):
    data, path = written
    before = by_id(read_review_workbook(path).rows)

    wb = openpyxl.load_workbook(path)
    ws = wb["Review"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    rows.sort(key=lambda r: r[0], reverse=True)  # sorted by Claim ID, descending
    for i, values in enumerate(rows, start=2):
        for j, v in enumerate(values, start=1):
            ws.cell(i, j).value = v
    ws.delete_rows(4)  # third row after sorting: C003AB
    ws.row_dimensions[2].hidden = True
    ws.insert_cols(2)
    ws.cell(1, 2).value = "My column"
    ws.cell(2, 2).value = "=1+1"
    ws.auto_filter.ref = f"A1:S{ws.max_row}"
    ws.auto_filter.add_filter_column(0, ["C005AB", "C004AB"])
    wb.save(path)

    got = read_review_workbook(path)
    expected = {k: v for k, v in before.items() if k != "C003AB"}
    assert by_id(got.rows) == expected
    assert [r.claim_id for r in got.rows] == ["C005AB", "C004AB", "C002AB", "C001AB", "C000AB"]
    assert [r.row for r in got.rows] == [2, 3, 4, 5, 6]


def test_columns_reordered_and_renamed_case(written):
    data, path = written
    before = by_id(read_review_workbook(path).rows)
    wb = openpyxl.load_workbook(path)
    ws = wb["Review"]
    table = [[c.value for c in row] for row in ws.iter_rows()]
    order = list(reversed(range(len(table[0]))))  # every column reversed
    for i, row in enumerate(table, start=1):
        for j, src in enumerate(order, start=1):
            ws.cell(i, j).value = row[src]
    ws.cell(1, len(order)).value = " claim  id "  # case and spaces differ
    wb.save(path)
    assert by_id(read_review_workbook(path).rows) == before


def test_header_row_moved_down(written):
    data, path = written
    before = by_id(read_review_workbook(path).rows)
    wb = openpyxl.load_workbook(path)
    ws = wb["Review"]
    ws.insert_rows(1, 2)
    ws.cell(1, 1).value = "Reviewed by the night desk"
    wb.save(path)
    rows = read_review_workbook(path).rows
    assert by_id(rows) == before and rows[0].row == 4


def test_rows_without_claim_id_skipped(written):
    data, path = written

    def edit(ws, cols):
        ws.cell(20, cols["Notes"]).value = "stray note"
        ws.cell(3, cols["Claim ID"]).value = "  "

    _edit(path, edit)
    ids = [r.claim_id for r in read_review_workbook(path).rows]
    assert "C001AB" not in ids and len(ids) == 5


def test_duplicate_claim_id_names_both_rows(written):
    data, path = written
    _edit(path, lambda ws, cols: setattr(ws.cell(5, cols["Claim ID"]), "value", "C001AB"))
    with pytest.raises(WorkbookError, match=r"C001AB.*rows 3 and 5"):
        read_review_workbook(path)


@pytest.mark.parametrize("column", ["Claim ID", "Verdict", BASE_REVISION_COLUMN])
def test_missing_column(written, column):
    data, path = written
    wb = openpyxl.load_workbook(path)
    ws = wb["Review"]
    ws.delete_cols(header_map(ws)[column])
    wb.save(path)
    with pytest.raises(WorkbookError) as e:
        read_review_workbook(path)
    assert "'Review'" in str(e.value) and column.split()[0] in str(e.value)


def test_bad_base_revision(written):
    data, path = written
    _edit(path, lambda ws, cols: setattr(ws.cell(4, cols[BASE_REVISION_COLUMN]), "value", "two"))
    with pytest.raises(WorkbookError, match=r"row 4.*'two'"):
        read_review_workbook(path)
    _edit(path, lambda ws, cols: setattr(ws.cell(4, cols[BASE_REVISION_COLUMN]), "value", None))
    with pytest.raises(WorkbookError, match=r"row 4.*no Base revision"):
        read_review_workbook(path)


def test_base_revision_as_float_or_text(written):
    data, path = written

    def edit(ws, cols):
        ws.cell(2, cols[BASE_REVISION_COLUMN]).value = 2.0
        ws.cell(3, cols[BASE_REVISION_COLUMN]).value = " 0 "

    _edit(path, edit)
    rows = read_review_workbook(path).rows
    assert rows[0].base_revision == 2 and rows[1].base_revision == 0


# ------------------------------------------------------------------------------- not a review workbook

def test_workbook_without_identity(tmp_path):
    path = tmp_path / "plain.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Review"
    ws.append(REVIEW_COLUMNS + [BASE_REVISION_COLUMN])
    ws.append(["C1", "claim"])
    wb.save(path)
    with pytest.raises(WorkbookError, match="not a claims review workbook"):
        read_review_workbook(path)


def test_identity_from_document_properties_when_about_is_gone(written):
    data, path = written
    wb = openpyxl.load_workbook(path)
    del wb["About"]
    wb.save(path)
    got = read_review_workbook(path)
    assert (got.database_id, got.export_id) == (data.database_id, data.export_id)
    assert got.verdict_values == list(DEFAULT_VERDICTS)
    wb = openpyxl.load_workbook(path)
    wb.custom_doc_props = openpyxl.packaging.custom.CustomPropertyList()
    wb.save(path)
    with pytest.raises(WorkbookError, match="not a claims review workbook"):
        read_review_workbook(path)


def test_no_review_sheet(written):
    data, path = written
    wb = openpyxl.load_workbook(path)
    wb["Review"].title = "Claims"
    wb.save(path)
    with pytest.raises(WorkbookError, match="no 'Review' sheet"):
        read_review_workbook(path)


@pytest.mark.parametrize("content", [b"", b"Claim ID,Verdict\nC1,False\n", b"PK\x03\x04 broken zip"])
def test_not_an_xlsx(tmp_path, content):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    with pytest.raises(WorkbookError) as e:
        read_review_workbook(path)
    assert "\n" not in str(e.value) and "bad.xlsx" in str(e.value)


def test_corrupt_xlsx(written):
    data, path = written
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    members = {n: b for n, b in members.items() if n != "xl/workbook.xml"}
    with zipfile.ZipFile(path, "w") as z:
        for n, b in members.items():
            z.writestr(n, b)
    with pytest.raises(WorkbookError) as e:
        read_review_workbook(path)
    assert "\n" not in str(e.value)


def test_any_file_name(written, tmp_path):
    data, path = written
    other = tmp_path / "review (2).XLSX.tmp"
    shutil.copy(path, other)
    assert by_id(read_review_workbook(other).rows) == by_id(read_review_workbook(path).rows)


def test_missing_file(tmp_path):
    with pytest.raises(WorkbookError, match="no such file"):
        read_review_workbook(tmp_path / "nope.xlsx")


# ------------------------------------------------------------------------------- LibreOffice

def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_resave_reads_the_same(tmp_path):
    texts = FORMULA_TEXTS + ["_x0041_ literal", "x" * 40_000, "plain"]
    data = make_data(texts=texts, evidence=texts, notes=["=SUM(A1:A2)"] * len(texts))
    src = tmp_path / "review.xlsx"
    write_review_workbook(data, src)
    _edit(src, lambda ws, cols: (setattr(ws.cell(3, cols["Verdict"]), "value", "verified "),
                                 setattr(ws.cell(3, cols["Reviewed on"]), "value", dt.date(2024, 4, 1))))
    before = read_review_workbook(src)
    out = tmp_path / "lo"
    out.mkdir()
    profile = (tmp_path / "profile").as_uri()
    proc = subprocess.run(
        [_soffice(), "--headless", "--norestore", f"-env:UserInstallation={profile}",
         "--convert-to", "xlsx", "--outdir", str(out), str(src)],
        capture_output=True, text=True, timeout=180)
    resaved = out / "review.xlsx"
    assert resaved.exists(), proc.stderr + proc.stdout
    after = read_review_workbook(resaved)
    assert (after.database_id, after.export_id, after.created_at, after.verdict_values) == (
        before.database_id, before.export_id, before.created_at, before.verdict_values)

    def norm(rows):  # LibreOffice keeps line breaks as LF only
        return {k: tuple(x.replace("\r\n", "\n").replace("\r", "\n") if isinstance(x, str) else x for x in v)
                for k, v in by_id(rows).items()}

    assert norm(after.rows) == norm(before.rows)
    assert after.rows[1].verdict == "Verified" and after.rows[1].reviewed_on == "2024-04-01"
    ws = openpyxl.load_workbook(resaved)["Review"]
    for i, text in enumerate(texts[:4], start=2):
        assert ws.cell(i, 2).value == text and ws.cell(i, 2).data_type == "s"
