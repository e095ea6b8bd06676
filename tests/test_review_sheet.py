"""What the reviewer sees (issue 10): source and context in the Review and Occurrences sheets,
rows sized to their text, print setup, conflicts marked; the schema-3 migration (report text)."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import openpyxl
import pytest
import sqlalchemy as sa
from openpyxl.cell.rich_text import CellRichText, TextBlock

import claims
from _review_helpers import LONG_PARAGRAPH, claims_cmd, make_reports
from claims.store import SCHEMA_VERSION, Store
from claims.workbook import cells
from claims.workbook.layout import CONFLICT_FILL, LINE_POINTS


def _bold(value) -> list[str]:
    if isinstance(value, CellRichText):
        return [b.text for b in value if isinstance(b, TextBlock) and b.font.b]
    return []


def _plain(value) -> str:
    if isinstance(value, CellRichText):
        return "".join(b.text if isinstance(b, TextBlock) else b for b in value)
    return value or ""


def _table(ws):
    header = [c.value for c in ws[1]]
    return header, [dict(zip(header, row)) for row in ws.iter_rows(min_row=2)]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("sheet")
    make_reports(root / "in")
    book = root / "out" / "review.xlsx"
    done = claims_cmd("run", root / "in", "--db", root / "claims.db", "-o", book, "--workers", "1")
    assert done.returncode == 0, done.stderr
    return root, book


def test_context_is_the_paragraph_with_the_statement_in_bold(project):
    root, book = project
    wb = openpyxl.load_workbook(book, rich_text=True)
    _, occ = _table(wb["Occurrences"])
    assert occ
    for row in occ:
        context = row["Context (paragraph)"].value
        bold = _bold(context)
        assert " ".join(bold) == row["Statement"].value  # the statement's words, exactly, in bold
        assert all(b in _plain(context) for b in bold)
    long = [r for r in occ if "Unemployment fell" in (r["Statement"].value or "")]
    assert long and _plain(long[0]["Context (paragraph)"].value) == LONG_PARAGRAPH.strip()
    _, review = _table(wb["Review"])
    statements = {r["Statement"].value for r in occ}
    for row in review:
        assert " ".join(_bold(row["Context"].value)) in statements, row["Claim ID"].value
    # untrusted text stays text: no formula anywhere, the hostile quote in bold as written
    hostile = [r for r in review if "HYPERLINK" in _plain(r["Context"].value)]
    assert hostile and all(r["Context"].data_type == "s" for r in hostile)
    assert any("<script>" in b for r in hostile for b in _bold(r["Context"].value))


def test_report_links_open_the_right_report(project):
    root, book = project
    wb = openpyxl.load_workbook(book)
    _, review = _table(wb["Review"])
    seen = set()
    for row in review:
        report_cell, view_cell = row["Report"], row["View"]
        target = report_cell.hyperlink.target
        if report_cell.value == "Ruiz defends the jobs figures":
            assert target == "https://news.example/ruiz?a=1&b=2"
            report_id = "web-report-1"
        else:
            assert report_cell.value == "Budget debate heats up"
            assert target.startswith("file://")
            assert Path(unquote(target[len("file://"):])) == (root / "in" / "budget_debate.txt").resolve()
            report_id = "budget_debate"
        seen.add(report_id)
        view = book.parent / unquote(view_cell.hyperlink.target)
        assert view_cell.hyperlink.target == f"views/{report_id}.html"
        assert view.is_file() and row["Claim ID"].value in view.read_text(encoding="utf-8")
    assert seen == {"web-report-1", "budget_debate"}
    # Occurrences and Reports link the same way
    _, occ = _table(wb["Occurrences"])
    assert {r["Report title"].hyperlink.target.split(":")[0] for r in occ} == {"https", "file"}
    _, reps = _table(wb["Reports"])
    assert {r["Source"].hyperlink.target.split(":")[0] for r in reps} == {"https", "file"}


def test_similar_claims_show_text_and_verdict(tmp_path):
    make_reports(tmp_path / "in")
    summary = claims.run([tmp_path / "in"], db=tmp_path / "c.db", output=None)
    assert summary.claims
    with Store(str(tmp_path / "c.db")) as store:
        data = store.review_data(record=False)
        detail = dict(zip(data.claims["claim_id"], data.claims["similar_detail"]))
        texts = dict(zip(data.claims["claim_id"], data.claims["text"]))
    with_similar = {cid: d for cid, d in detail.items() if d}
    for cid, d in with_similar.items():
        for line in d.split("\n"):
            other = line.split(" ", 1)[0]
            assert "unreviewed" in line or any(v in line for v in claims.types.DEFAULT_VERDICTS)
            assert texts.get(other, "")[:40] in line


def test_rows_are_tall_enough_and_every_sheet_prints(project):
    root, book = project
    wb = openpyxl.load_workbook(book)
    ws = wb["Review"]
    assert ws.row_dimensions[1].height >= 2 * LINE_POINTS  # two-line headers: "Check-worthiness" whole
    header, review = _table(ws)
    widths = {name: ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width for i, name in enumerate(header)}
    assert widths["Check-worthiness"] >= len("Check-worthiness")
    for i, row in enumerate(review, start=2):
        needed = max(cells.estimate_lines(row[name].value, widths[name]) for name in ("Claim", "Context"))
        height = ws.row_dimensions[i].height
        if needed > 1:
            assert height is not None and height >= min(needed, 24) * LINE_POINTS, (i, needed, height)
    assert any((ws.row_dimensions[i].height or 0) >= 2 * LINE_POINTS for i in range(2, len(review) + 2))
    occ = wb["Occurrences"]
    _, occ_rows = _table(occ)
    long = [i for i, r in enumerate(occ_rows, start=2) if "Unemployment fell" in (r["Statement"].value or "")]
    assert long and occ.row_dimensions[long[0]].height >= 6 * LINE_POINTS  # the long paragraph, whole
    for sheet in wb.worksheets:
        ps = sheet.page_setup
        assert ps.orientation in ("landscape", "portrait") and ps.paperSize, sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and ps.fitToWidth == 1, sheet.title
        if sheet.title in ("Review", "Occurrences", "Reports", "Speakers"):
            assert ps.orientation == "landscape" and sheet.print_title_rows.replace("$", "") == "1:1", sheet.title
    # Summary: number headers sit right, over their right-aligned numbers
    summary = wb["Summary"]
    heads = [c for row in summary.iter_rows() for c in row if c.column > 1 and c.value in ("Claims", "Reviewed", "Not reviewed")]
    assert heads and all(c.alignment.horizontal == "right" for c in heads)


def test_rich_text_pieces_are_safe_cells(tmp_path):
    pieces = cells.rich_pieces("=cmd|' /C calc'!A0 \x01 said _x0041_ here", [[0, 5]])
    assert pieces[0] == ("=cmd|", True) and "\x01" not in "".join(t for t, _ in pieces)
    huge = "word " * 10_000 + "THE CLAIM" + " tail" * 5_000
    cut = cells.rich_pieces(huge, [[huge.index("THE CLAIM"), huge.index("THE CLAIM") + 9]])
    assert sum(len(t) for t, _ in cut) <= cells.MAX_CELL_CHARS and ("THE CLAIM", True) in cut
    assert cells.safe_link("javascript:alert(1)") is None and cells.safe_link("views/a b.html") is None
    assert cells.safe_link("https://x.example/?a=1") == "https://x.example/?a=1"


def test_open_conflict_is_marked_until_a_verdict_resolves_it(tmp_path):
    make_reports(tmp_path / "in")
    db = tmp_path / "c.db"
    claims.run([tmp_path / "in"], db=db, output=tmp_path / "a.xlsx")
    import shutil

    shutil.copy(tmp_path / "a.xlsx", tmp_path / "b.xlsx")

    def review(path, verdict, reviewer):
        wb = openpyxl.load_workbook(path)
        ws = wb["Review"]
        header = [c.value for c in ws[1]]
        row = ws[2]
        row[header.index("Verdict")].value = verdict
        row[header.index("Reviewer")].value = reviewer
        cid = row[header.index("Claim ID")].value
        wb.save(path)
        return cid

    cid = review(tmp_path / "a.xlsx", "Verified", "Ann")
    assert claims.import_workbook(tmp_path / "a.xlsx", db=db).recorded == 1
    assert review(tmp_path / "b.xlsx", "False", "Bo") == cid
    assert claims.import_workbook(tmp_path / "b.xlsx", db=db).conflicts == 1

    done = claims_cmd("run", tmp_path / "in", "--db", db, "-o", tmp_path / "c.xlsx", "--workers", "1")
    assert done.returncode == 0, done.stderr
    wb = openpyxl.load_workbook(tmp_path / "c.xlsx")
    _, rows = _table(wb["Review"])
    marked = {r["Claim ID"].value: r for r in rows if r["Conflict"].value}
    assert list(marked) == [cid]
    note = marked[cid]["Conflict"].value
    assert "'False' by Bo" in note and "kept 'Verified' by Ann" in note and "b.xlsx" in note
    assert marked[cid]["Claim ID"].fill.fgColor.rgb.endswith(CONFLICT_FILL)
    assert marked[cid]["Conflict"].fill.fgColor.rgb.endswith(CONFLICT_FILL)

    # resolved: a verdict imported from the fresh workbook (made at the current revision)
    review(tmp_path / "c.xlsx", "False", "Ann")
    assert claims.import_workbook(tmp_path / "c.xlsx", db=db).recorded == 1
    claims.run([tmp_path / "in"], db=db, output=tmp_path / "d.xlsx")
    _, rows = _table(openpyxl.load_workbook(tmp_path / "d.xlsx")["Review"])
    assert not [r for r in rows if r["Conflict"].value]


def test_schema_3_migration_adds_report_text(tmp_path):
    make_reports(tmp_path / "in")
    db = tmp_path / "old.db"
    claims.run([tmp_path / "in"], db=db, output=None)
    # make it a version-2 database: no reports.text column
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE reports DROP COLUMN text")
        conn.exec_driver_sql("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    engine.dispose()
    with Store(str(db)) as store:
        data = store.review_data(record=False)
        # no stored text: the context is the statement's sentence, the statement in bold
        for sentence, context, bold, text in zip(data.occurrences["sentence"], data.occurrences["context"],
                                                  data.occurrences["context_bold"], data.occurrences["text"]):
            assert context == sentence
            if text in sentence:
                assert [context[a:b] for a, b in bold] == [text]
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        cols = {c["name"] for c in sa.inspect(conn).get_columns("reports")}
        version = conn.exec_driver_sql("SELECT value FROM meta WHERE key = 'schema_version'").scalar()
    engine.dispose()
    assert "text" in cols and version == str(SCHEMA_VERSION)  # and later migrations ran too
    # the report view still shows the whole report: read again from its file (same content hash)
    page = tmp_path / "v.html"
    claims.show_report("budget_debate", page, db=db)
    assert "Opposition leader Tom Berg" in page.read_text(encoding="utf-8")
