"""A workbook for people (issue 12): at most ``REVIEW_ROWS_DEFAULT`` review rows unless --top N /
--all, new and unreviewed claims first, the cap stated on the summary line and the About sheet,
and nothing lost because of it (verdicts outside the cap stay, a capped workbook's import only
touches its rows, unimported work is still never written over). Real subprocess runs of the
command on the seed reports, real .xlsx files read back and edited with openpyxl."""
import hashlib
import inspect
import shutil
import subprocess
import sys

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import claims
import claims.cli
from claims import api
from claims.types import REVIEW_ORDER, REVIEW_ROWS_DEFAULT
from conftest import SEEDS

CLAIMS = [shutil.which("claims")] if shutil.which("claims") else [sys.executable, "-c",
                                                                   "from claims.cli import main; main()"]
SEED_CLAIMS = 27  # claims of the two seed reports (README)


def cmd(*args):
    return subprocess.run([*CLAIMS, *map(str, args)], capture_output=True, text=True, timeout=300)


def review_rows(book):
    """The Review sheet as (claim id, check-worthiness, verdict) in sheet order."""
    ws = openpyxl.load_workbook(book, read_only=True)["Review"]
    rows = ws.iter_rows(values_only=True)
    header = list(next(rows))
    i, cw, v = header.index("Claim ID"), header.index("Check-worthiness"), header.index("Verdict")
    return [(r[i], r[cw], r[v]) for r in rows if r[i]]


def about(book) -> dict:
    ws = openpyxl.load_workbook(book, read_only=True)["About"]
    return {r[0]: (r[1] if len(r) > 1 else None) for r in ws.iter_rows(values_only=True) if r and r[0]}


def set_verdicts(book, verdicts: dict, save_as=None):
    wb = openpyxl.load_workbook(book)
    ws = wb["Review"]
    header = [c.value for c in ws[1]]
    i, v = header.index("Claim ID"), header.index("Verdict")
    found = 0
    for row in ws.iter_rows(min_row=2):
        if row[i].value in verdicts:
            row[v].value = verdicts[row[i].value]
            found += 1
    assert found == len(verdicts)
    wb.save(save_as or book)


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    root = tmp_path_factory.mktemp("cap")
    done = cmd("run", SEEDS, "--db", root / "claims.db", "-o", root / "all.xlsx", "--workers", "1", "--all")
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture
def project(seeded, tmp_path):
    shutil.copy2(seeded / "claims.db", tmp_path / "claims.db")
    shutil.copy2(seeded / "all.xlsx", tmp_path / "all.xlsx")
    return tmp_path


def test_library_and_command_default_to_the_cap():
    assert REVIEW_ROWS_DEFAULT == 5000
    for f in (claims.run, claims.write_workbook):
        assert inspect.signature(f).parameters["top"].default == REVIEW_ROWS_DEFAULT
    for command in ("run", "workbook"):
        out = CliRunner().invoke(claims.cli.main, [command, "--help"]).output
        assert "--all" in out and "5,000" in out and "--top 0" in out.replace("\n", " ").replace("  ", " ")


def test_run_states_the_cap_on_the_summary_line_and_the_about_sheet(tmp_path):
    book = tmp_path / "review.xlsx"
    done = cmd("run", SEEDS, "--db", tmp_path / "claims.db", "-o", book, "--workers", "1", "--top", "5")
    assert done.returncode == 0, done.stderr
    line = done.stdout.strip()
    assert len(line.splitlines()) == 1
    assert f"5 rows in {book}; showing 5 of {SEED_CLAIMS} claims: {REVIEW_ORDER}" in line
    for flag in ("--top N", "--all", "--new", "--unreviewed", "--report", "--speaker"):
        assert flag in line
    assert len(review_rows(book)) == 5
    assert about(book)["Claims shown"].startswith(f"showing 5 of {SEED_CLAIMS} claims: {REVIEW_ORDER}")
    # --all lifts the cap: every claim, no cap stated
    full = tmp_path / "full.xlsx"
    done = cmd("workbook", "--db", tmp_path / "claims.db", "-o", full, "--all")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{SEED_CLAIMS} rows in {full}"
    assert len(review_rows(full)) == SEED_CLAIMS
    assert about(full)["Claims shown"] == f"All {SEED_CLAIMS} claims selected, {REVIEW_ORDER}."
    # the capped rows are the first rows of the full workbook, in the same order
    assert [r[0] for r in review_rows(book)] == [r[0] for r in review_rows(full)][:5]
    # --top 0 is --all; --all with --top N is a usage error (exit 2), nothing written
    done = cmd("workbook", "--db", tmp_path / "claims.db", "-o", tmp_path / "zero.xlsx", "--top", "0")
    assert done.returncode == 0 and len(review_rows(tmp_path / "zero.xlsx")) == SEED_CLAIMS
    done = cmd("workbook", "--db", tmp_path / "claims.db", "-o", tmp_path / "both.xlsx", "--all", "--top", "3")
    assert done.returncode == 2 and "--all" in done.stderr and not (tmp_path / "both.xlsx").exists()


def test_the_default_cap_applies_without_options(project, monkeypatch):
    # the default itself (5,000) is checked above; a smaller one shows that it is applied
    monkeypatch.setattr(claims.cli, "REVIEW_ROWS_DEFAULT", 4)
    book = project / "default.xlsx"
    result = CliRunner().invoke(claims.cli.main, ["workbook", "--db", str(project / "claims.db"), "-o", str(book)])
    assert result.exit_code == 0, result.output
    assert f"4 rows in {book}; showing 4 of {SEED_CLAIMS} claims" in result.output
    assert len(review_rows(book)) == 4
    result = CliRunner().invoke(claims.cli.main, ["workbook", "--db", str(project / "claims.db"), "-o", str(book),
                                                 "--unreviewed"])
    assert f"showing 4 of {SEED_CLAIMS} claims matching --unreviewed" in result.output


def test_new_and_unreviewed_first_then_by_checkworthiness(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    shutil.copy2(SEEDS / "000_fc51377f20381fdd.txt", first)
    shutil.copy2(SEEDS / "004_bfd6e1dc52ea2406.txt", second)
    db = tmp_path / "claims.db"
    book = tmp_path / "one.xlsx"
    assert cmd("run", first, "--db", db, "-o", book, "--workers", "1").returncode == 0
    old = review_rows(book)
    reviewed = {old[0][0]: "False", old[3][0]: "Verified"}
    set_verdicts(book, reviewed)
    assert cmd("import", book, "--db", db).returncode == 0
    book2 = tmp_path / "two.xlsx"
    done = cmd("run", second, "--db", db, "-o", book2, "--workers", "1", "--all")
    assert done.returncode == 0, done.stderr
    rows = review_rows(book2)
    old_ids = {r[0] for r in old}
    groups = [0 if r[0] not in old_ids else (2 if r[0] in reviewed else 1) for r in rows]
    # new unreviewed claims (the second report's), then the first report's unreviewed, then reviewed
    assert groups == sorted(groups) and set(groups) == {0, 1, 2}
    assert {r[0] for r in rows if r[0] in reviewed} == set(reviewed)
    for g in (0, 1, 2):
        cw = [r[1] for r, gg in zip(rows, groups) if gg == g]
        assert cw == sorted(cw, reverse=True)
    # a cap keeps the head of that order
    capped = tmp_path / "capped.xlsx"
    assert cmd("workbook", "--db", db, "-o", capped, "--top", "3").returncode == 0
    assert [r[0] for r in review_rows(capped)] == [r[0] for r in rows[:3]]


def test_nothing_is_lost_outside_the_cap(project):
    db, full = project / "claims.db", project / "all.xlsx"
    rows = review_rows(full)
    # verdicts on the three least check-worthy claims: reviewed claims go last, so no capped
    # workbook below shows them
    outside = {rows[-1][0]: "False", rows[-2][0]: "Misleading", rows[-3][0]: "Verified"}
    set_verdicts(full, outside)
    assert cmd("import", full, "--db", db).returncode == 0
    capped = project / "capped.xlsx"
    done = cmd("workbook", "--db", db, "-o", capped, "--top", "5")
    assert done.returncode == 0, done.stderr
    shown = [r[0] for r in review_rows(capped)]
    assert len(shown) == 5 and not set(shown) & set(outside)
    # importing the capped workbook as it is touches nothing, and the claims reviewed in the
    # earlier workbook are not missing: still reviewed, no conflict, the database consistent
    done = cmd("import", capped, "--db", db)
    assert done.returncode == 0 and done.stdout.strip().startswith("0 verdicts recorded, 5 unchanged, 0 conflicting")
    with claims.open_store(db, create=False) as store:
        frame = store.claims_frame().set_index("claim_id")
        history = store.verdict_history_frame()
    for cid, verdict in outside.items():
        assert frame.loc[cid, "verdict"] == verdict
    assert cmd("check-db", "--db", db).returncode == 0
    # a verdict typed in the capped workbook: only that row changes
    set_verdicts(capped, {shown[0]: "Needs context"})
    done = cmd("import", capped, "--db", db)
    assert done.returncode == 0 and done.stdout.startswith("1 verdict recorded, 4 unchanged, 0 conflicting")
    with claims.open_store(db, create=False) as store:
        after = store.claims_frame().set_index("claim_id")
        history2 = store.verdict_history_frame()
    assert after.loc[shown[0], "verdict"] == "Needs context"
    for cid, verdict in outside.items():
        assert after.loc[cid, "verdict"] == verdict
    assert len(history2) == len(history) + 1 and set(history2["claim_id"]) - set(history["claim_id"]) == {shown[0]}
    # the earlier full workbook imported again: its verdicts are all in the database already
    done = cmd("import", full, "--db", db)
    assert done.returncode == 0 and " 0 conflicting" in done.stdout and done.stdout.startswith("0 verdicts recorded")
    # unimported work in a capped workbook is still never written over
    set_verdicts(capped, {shown[1]: "False"})
    before = sha256(capped)
    done = cmd("workbook", "--db", db, "-o", capped, "--top", "5")
    assert done.returncode == 1 and "not overwritten" in done.stderr and shown[1] in done.stderr
    assert sha256(capped) == before


def test_empty_cells_take_the_columns_style(seeded):
    from openpyxl.utils import get_column_letter

    wb = openpyxl.load_workbook(seeded / "all.xlsx")
    ws = wb["Review"]
    header = [c.value for c in ws[1]]
    col = {name: get_column_letter(i + 1) for i, name in enumerate(header)}
    # nothing typed yet: the editable cells are not written, their columns carry the style
    assert all(ws[f"{col['Evidence']}{r}"].value is None for r in range(2, ws.max_row + 1))
    assert ws.column_dimensions[col["Evidence"]].alignment.wrap_text
    assert ws.column_dimensions[col["Notes"]].alignment.wrap_text
    assert ws.column_dimensions[col["Verdict"]].alignment.vertical == "top"
    assert ws.column_dimensions[col["Reviewed on"]].number_format == "yyyy-mm-dd"
    # written cells keep their own style
    assert ws[f"{col['Claim']}2"].alignment.wrap_text and ws[f"{col['Check-worthiness']}2"].number_format == "0.00"


@settings(max_examples=200, deadline=None)
@given(shown=st.integers(0, 2_000_000), selected=st.integers(0, 2_000_000),
       unreviewed=st.booleans(), speaker=st.one_of(st.none(), st.text(min_size=1, max_size=5)))
def test_the_cap_is_stated_exactly_when_it_cut_rows(shown, selected, unreviewed, speaker):
    filters = {"top": shown, "new_since_run": None, "unreviewed": unreviewed, "report": None, "speaker": speaker}
    note = api.selection_note(shown, selected, filters)
    if shown >= selected:
        assert note is None
        return
    assert note.startswith(f"showing {shown:,} of {selected:,} claims")
    assert ("matching --unreviewed" in note) == unreviewed
    assert ("--speaker" in note.split(":")[0]) == (speaker is not None)
    assert "--all" in note and "\n" not in note


def test_checked_before_looks_nothing_up_when_nothing_could_match(project, monkeypatch):
    """No reviewed claim and no imported fact-check: "Checked before" costs no lookup at all;
    once a verdict is recorded every claim is looked up (the reviewed one shows in the others'
    cells only if it matches, never in its own)."""
    db = project / "claims.db"

    def counted(store, calls):
        real = store._lookup

        def lookup(*args, **kwargs):
            calls.append(args[1])
            return real(*args, **kwargs)

        monkeypatch.setattr(store, "_lookup", lookup)

    calls: list = []
    with claims.open_store(db, create=False) as store:
        pairs = list(store.claims_frame()[["claim_id", "text"]].itertuples(index=False, name=None))
        counted(store, calls)
        assert store.checked_before(pairs) == [None] * len(pairs)
    assert calls == []
    rows = review_rows(project / "all.xlsx")
    set_verdicts(project / "all.xlsx", {rows[0][0]: "False"})
    assert cmd("import", project / "all.xlsx", "--db", db).returncode == 0
    with claims.open_store(db, create=False) as store:
        counted(store, calls)
        cells = dict(zip([p[0] for p in pairs], store.checked_before(pairs)))
    assert len(calls) == len(pairs)
    assert cells[rows[0][0]] is None or rows[0][0] not in cells[rows[0][0]]


def test_a_claim_in_conflict_comes_before_the_settled_ones(project):
    db, full = project / "claims.db", project / "all.xlsx"
    bob = project / "bob.xlsx"
    shutil.copy2(full, bob)  # a second reviewer's copy, made before the first import
    rows = review_rows(full)
    settled, disputed = rows[-2][0], rows[-1][0]  # by check-worthiness, settled would come first
    set_verdicts(full, {settled: "False", disputed: "False"})
    assert cmd("import", full, "--db", db).returncode == 0
    set_verdicts(bob, {disputed: "Misleading"})
    done = cmd("import", bob, "--db", db)
    assert done.returncode == 0 and "1 conflicting" in done.stdout
    fresh = project / "fresh.xlsx"
    assert cmd("workbook", "--db", db, "-o", fresh).returncode == 0
    ids = [r[0] for r in review_rows(fresh)]
    assert ids[-2:] == [disputed, settled]  # unreviewed, then the open conflict, then settled
