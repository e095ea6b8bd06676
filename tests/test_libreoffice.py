"""The acceptance check, with the real LibreOffice: a workbook made from ``seeds/`` is opened,
sorted and edited in LibreOffice, saved, and imported; the verdicts land on the right claims,
and ``claims export --format csv`` shows them.

LibreOffice is driven headless through its UNO API by a small driver script (``DRIVER`` below),
run as a subprocess with a Python that has the UNO bridge -- on Debian that is the system
``/usr/bin/python3`` with ``python3-uno``, not the Python running the tests. The driver starts
``soffice`` with a fresh profile, opens the workbook, sorts the Review sheet's data rows (every
column, the header excluded) by "Claim" descending through the sheet's sort descriptor, finds the
rows to edit by scanning the Claim ID column, enters the values the way a reviewer's typing
does ("False" becomes a boolean cell and "2024-04-01" a date cell, formatted as Calc's input line
formats them), hides a row, stores as "Calc MS Excel 2007 XML" and terminates LibreOffice. The tests skip when soffice or the UNO bridge is not available
(.ci/services installs both on CI).
"""
import csv
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter
import pytest

from conftest import SEEDS

CLAIMS = shutil.which("claims")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
DRIVER_TIMEOUT = 240  # seconds for the whole LibreOffice session (start alone can take 10-20 s)


# The driver runs under the UNO Python (stdlib + uno only). Prints one JSON line:
# {"header": [...], "order": [claim ids after the sort], "claims": [claim texts after the sort],
#  "rows": {claim_id: spreadsheet row (1-based) where it was edited}, "hidden_row": n}.
DRIVER = r'''
import json, os, pathlib, re, signal, subprocess, sys, threading, time, uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.lang import Locale
from com.sun.star.table import TableSortField
from com.sun.star.table.CellContentType import VALUE
from com.sun.star.util.NumberFormat import LOGICAL

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def kill_group(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # soffice and the soffice.bin it started
    except ProcessLookupError:
        pass


def connect(pipe, proc, deadline):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if proc.poll() is not None:
                sys.exit(f"soffice exited with status {proc.returncode} before accepting a UNO connection")
            if time.monotonic() > deadline:
                sys.exit("soffice did not accept a UNO connection in time")
            time.sleep(0.25)


def main(spec):
    timeout = float(spec["timeout"])
    deadline = time.monotonic() + timeout
    profile = pathlib.Path(spec["profile_dir"])
    profile.mkdir(parents=True, exist_ok=True)
    pipe = "claims_test_" + uuid.uuid4().hex
    proc = subprocess.Popen(
        [spec["soffice"], "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
         "--nolockcheck", f"-env:UserInstallation={profile.as_uri()}",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    # A UNO call blocked in LibreOffice cannot be interrupted from Python: a watchdog kills
    # soffice at the deadline, which makes the blocked call fail.
    watchdog = threading.Timer(timeout, kill_group, (proc,))
    watchdog.daemon = True
    watchdog.start()
    desktop = None
    try:
        ctx = connect(pipe, proc, deadline)
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(
            pathlib.Path(spec["input"]).resolve().as_uri(), "_blank", 0, (prop("Hidden", True),))
        if doc is None:
            sys.exit(f"LibreOffice could not open {spec['input']}")
        result = edit(doc, spec)
        doc.storeToURL(pathlib.Path(spec["output"]).resolve().as_uri(),
                       (prop("FilterName", "Calc MS Excel 2007 XML"), prop("Overwrite", True)))
        print(json.dumps(result), flush=True)  # storeToURL is synchronous: the file is complete
        try:
            doc.close(True)
        except Exception as exc:  # LibreOffice 7.4 now and then drops the bridge while closing
            print(f"closing the document failed after saving it: {exc}", file=sys.stderr)
    finally:
        watchdog.cancel()
        if desktop is not None:
            try:
                desktop.terminate()
            except Exception:  # the bridge goes away while LibreOffice terminates
                pass
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
        kill_group(proc)  # leftovers of the group, if any
        proc.wait()


def type_into(doc, cell, text):
    """Enter text as a reviewer does (typing, or picking from the drop-down). Calc's input
    line turns "False" into a boolean and "2024-04-01" into a date and gives the cell a
    boolean / date number format; the .xlsx then holds t="b" 0 and a date serial formatted
    yyyy-mm-dd. XCell.setFormula interprets the text the same way but leaves the format at
    General, so the format is set here as the input line does. (Entering through the view --
    dispatching .uno:EnterString -- writes the very same cells, but LibreOffice 7.4 headless
    then aborts in a timer a moment later, often before or while saving.)"""
    cell.setFormula(text)
    if cell.getType() != VALUE:
        return
    formats = doc.getNumberFormats()
    if text.strip().casefold() in ("true", "false"):
        cell.NumberFormat = formats.getStandardFormat(LOGICAL, Locale())
    elif ISO_DATE.fullmatch(text.strip()):
        key = formats.queryKey("YYYY-MM-DD", Locale(), False)
        cell.NumberFormat = key if key != -1 else formats.addNew("YYYY-MM-DD", Locale())


def edit(doc, spec):
    sheet = doc.Sheets.getByName("Review")
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    end = cursor.getRangeAddress()
    last_col, last_row = end.EndColumn, end.EndRow  # 0-based
    header = [sheet.getCellByPosition(c, 0).getString() for c in range(last_col + 1)]
    col = {h: i for i, h in enumerate(header) if h}

    # A real sort of the data rows -- every column, hidden "Base revision" included, header row
    # excluded -- through the range's sort descriptor.
    data = sheet.getCellRangeByPosition(0, 1, last_col, last_row)
    field = TableSortField()
    field.Field = col[spec["sort_by"]]  # relative to the range, which starts at column A
    field.IsAscending = not spec["descending"]
    field.IsCaseSensitive = False
    descriptor = []
    for p in data.createSortDescriptor():
        if p.Name == "SortFields":
            p = prop("SortFields", uno.Any("[]com.sun.star.table.TableSortField", (field,)))
        elif p.Name == "ContainsHeader":
            p = prop("ContainsHeader", False)
        elif p.Name == "IsSortColumns":
            p = prop("IsSortColumns", False)  # sort rows, not columns
        descriptor.append(p)
    uno.invoke(data, "sort", (tuple(descriptor),))

    def column(c):
        return [sheet.getCellByPosition(c, r).getString() for r in range(1, last_row + 1)]

    order = column(col["Claim ID"])
    rows = {}
    for claim_id, values in spec["edits"].items():
        r = order.index(claim_id) + 1  # 0-based sheet row; row 0 is the header
        for name, value in values.items():
            type_into(doc, sheet.getCellByPosition(col[name], r), value)
        rows[claim_id] = r + 1
    hidden_row = None
    if spec.get("hide_claim"):
        r = order.index(spec["hide_claim"]) + 1
        sheet.getRows().getByIndex(r).IsVisible = False
        hidden_row = r + 1
    return {"header": header, "order": order, "claims": column(col[spec["sort_by"]]), "rows": rows,
            "hidden_row": hidden_row}


with open(sys.argv[1], encoding="utf-8") as f:
    main(json.load(f))
'''


def _clean_env() -> dict:
    """The environment for the UNO Python: without the test Python's own search paths."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
    env.setdefault("HOME", "/tmp")
    return env


def _uno_python() -> tuple[str | None, str]:
    """A Python that can import the UNO bridge, or (None, why not)."""
    candidates = [os.environ.get("CLAIMS_UNO_PYTHON"), "/usr/bin/python3"]
    if SOFFICE:  # LibreOffice's own builds ship their Python next to soffice
        candidates.append(str(Path(os.path.realpath(SOFFICE)).parent / "python"))
    tried = []
    for py in filter(None, candidates):
        if not os.access(py, os.X_OK):
            continue
        try:
            probe = subprocess.run(
                [py, "-c", "import uno; from com.sun.star.beans import PropertyValue"],
                capture_output=True, text=True, timeout=60, env=_clean_env())
        except (OSError, subprocess.TimeoutExpired) as exc:
            tried.append(f"{py}: {exc}")
            continue
        if probe.returncode == 0:
            return py, ""
        tried.append(f"{py}: {(probe.stderr.strip().splitlines() or ['?'])[-1]}")
    return None, "; ".join(tried) or f"none of {', '.join(filter(None, candidates))} is executable"


@pytest.fixture(scope="module")
def uno_python():
    if CLAIMS is None:
        pytest.skip("the claims command is not installed")
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    py, why = _uno_python()
    if py is None:
        pytest.skip(f"the LibreOffice UNO bridge (python3-uno) is not available: {why}")
    return py


def claims(*args):
    return subprocess.run([CLAIMS, *map(str, args)], capture_output=True, text=True, timeout=300)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def review_sheet(path: Path):
    """(header, {claim id: row values}, [claim ids in sheet order], {row number: hidden}) of Review."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Review"]
    header = [c.value for c in ws[1]]
    i = header.index("Claim ID")
    rows, order = {}, []
    for row in ws.iter_rows(min_row=2, values_only=True):
        if row[i]:
            rows[row[i]] = row
            order.append(row[i])
    hidden = {r: d.hidden for r, d in ws.row_dimensions.items()}
    col_hidden = {k: d.hidden for k, d in ws.column_dimensions.items()}
    return header, rows, order, hidden, col_hidden


def libreoffice_edit(py: str, tmp_path: Path, src: Path, out: Path, edits: dict, hide_claim=None) -> dict:
    """Open ``src`` in LibreOffice, sort by Claim descending, type ``edits`` ({claim id:
    {column: text}}), hide the row of ``hide_claim``, save as ``out`` (xlsx)."""
    driver = tmp_path / "lo_driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    spec = tmp_path / "lo_spec.json"
    spec.write_text(json.dumps({
        "soffice": SOFFICE, "profile_dir": str(tmp_path / "lo_profile"), "input": str(src),
        "output": str(out), "sort_by": "Claim", "descending": True, "edits": edits,
        "hide_claim": hide_claim, "timeout": DRIVER_TIMEOUT,
    }), encoding="utf-8")
    # Own session, so that on a timeout the driver and every soffice it started can be killed.
    proc = subprocess.Popen([py, str(driver), str(spec)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=_clean_env(), start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=DRIVER_TIMEOUT + 60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"the LibreOffice driver did not finish in {DRIVER_TIMEOUT + 60} s")
    assert proc.returncode == 0, f"LibreOffice driver failed (status {proc.returncode}):\n{stderr}"
    assert out.exists(), f"LibreOffice did not write {out}:\n{stderr}"
    return json.loads(stdout.strip().splitlines()[-1])


def make_workbook(tmp_path: Path):
    db, book = tmp_path / "claims.db", tmp_path / "review.xlsx"
    done = claims("run", SEEDS, "--db", db, "-o", book, "--workers", "1")
    assert done.returncode == 0, done.stderr
    header, rows, order, _, _ = review_sheet(book)
    assert len(order) == len(set(order)) > 5
    return db, book, header, rows, order


def test_libreoffice_sort_edit_save_import_export(tmp_path, uno_python):
    db, book, header, before, original_order = make_workbook(tmp_path)
    # two claims far apart in the original order; a third row gets hidden
    first, last, hide = original_order[0], original_order[-1], original_order[len(original_order) // 2]
    edits = {
        first: {"Verdict": "False", "Evidence": "https://example.org/budget-2019",
                "Reviewer": "AB", "Reviewed on": "2024-04-01"},
        last: {"Verdict": "Needs context", "Evidence": "Ministry statement, 3 May", "Reviewer": "CD"},
    }
    edited = tmp_path / "review-lo.xlsx"
    lo = libreoffice_edit(uno_python, tmp_path, book, edited, edits, hide_claim=hide)

    # LibreOffice really sorted: the rows moved, whole (hidden Base revision included), by Claim
    # descending; the edits went to the rows where the sort put those claims.
    lo_header, after, lo_order, hidden_rows, hidden_cols = review_sheet(edited)
    assert lo_header == header == lo["header"]
    assert lo_order == lo["order"] != original_order
    assert sorted(lo_order) == sorted(original_order)
    initials = [c[0].casefold() for c in lo["claims"] if c[:1].isascii() and c[:1].isalpha()]
    assert initials == sorted(initials, reverse=True), "not sorted by Claim descending"
    untouched = [i for i, h in enumerate(header) if h not in ("Verdict", "Evidence", "Reviewer", "Reviewed on")]
    for cid in original_order:
        assert [after[cid][i] for i in untouched] == [before[cid][i] for i in untouched], cid
    assert lo["rows"] == {cid: lo_order.index(cid) + 2 for cid in edits}
    assert hidden_rows.get(lo["hidden_row"]) is True
    base_col = get_column_letter(header.index("Base revision") + 1)
    assert hidden_cols.get(base_col) is True, "the Base revision column is no longer hidden"

    imported = claims("import", edited, "--db", db)
    assert imported.returncode == 0, imported.stderr
    assert "2 verdicts recorded" in imported.stdout, imported.stdout + imported.stderr

    exported = tmp_path / "claims.csv"
    done = claims("export", "--format", "csv", "-o", exported, "--db", db)
    assert done.returncode == 0, done.stderr
    with open(exported, newline="", encoding="utf-8-sig") as f:
        records = {r["Claim ID"]: r for r in csv.DictReader(f)}
    assert set(records) == set(original_order)
    verdicts = {cid: r["Verdict"] for cid, r in records.items() if r["Verdict"]}
    assert verdicts == {first: "False", last: "Needs context"}
    assert (records[first]["Evidence"], records[first]["Reviewer"], records[first]["Reviewed on"]) == (
        "https://example.org/budget-2019", "AB", "2024-04-01")
    assert (records[last]["Evidence"], records[last]["Reviewer"]) == ("Ministry statement, 3 May", "CD")


def test_libreoffice_edited_invalid_verdict_is_refused(tmp_path, uno_python):
    db, book, header, before, original_order = make_workbook(tmp_path)
    good, bad = original_order[0], original_order[-1]
    edited = tmp_path / "review-lo.xlsx"
    lo = libreoffice_edit(uno_python, tmp_path, book, edited, {
        good: {"Verdict": "Verified", "Reviewer": "AB"},
        bad: {"Verdict": "Sorta true", "Reviewer": "CD"},
    })
    row = lo["rows"][bad]
    assert lo["order"] != original_order and row != original_order.index(bad) + 2, "the sort did not move the row"

    unchanged = sha256(db)
    refused = claims("import", edited, "--db", db)
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "Traceback" not in refused.stderr
    assert "Review" in refused.stderr
    assert re.search(rf"\brow {row}\b", refused.stderr), f"row {row} not named: {refused.stderr}"
    assert "Sorta true" in refused.stderr
    assert sha256(db) == unchanged

    exported = tmp_path / "claims.csv"
    assert claims("export", "--format", "csv", "-o", exported, "--db", db).returncode == 0
    with open(exported, newline="", encoding="utf-8-sig") as f:
        assert not [r for r in csv.DictReader(f) if r["Verdict"]]
