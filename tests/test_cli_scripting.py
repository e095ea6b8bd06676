"""A CLI people can script (issue 10): exit codes, one-line errors, --json, --quiet, -v
anywhere, formats from file names, no silent empty results, no database made by a typo,
terminal-safe text, fast --help, staged progress on a terminal. Real subprocess runs."""
import csv
import fcntl
import json
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import termios
import zipfile

import openpyxl
import pytest

from conftest import SEEDS

CLAIMS = [shutil.which("claims")] if shutil.which("claims") else [sys.executable, "-m", "claims.cli"]


def claims(*args, cwd=None):
    return subprocess.run([*CLAIMS, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300)


def error_line(done, code=1) -> str:
    assert done.returncode == code, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    if code == 1:
        assert len(lines) == 1, done.stderr
        assert lines[0].startswith("error: ")
    return done.stderr


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    """The seeds stored, one verdict imported."""
    root = tmp_path_factory.mktemp("scripting")
    db, book = root / "claims.db", root / "review.xlsx"
    done = claims("run", SEEDS, "--db", db, "-o", book, "--workers", "1")
    assert done.returncode == 0, done.stderr
    wb = openpyxl.load_workbook(book)
    ws = wb["Review"]
    header = [c.value for c in ws[1]]
    ws.cell(row=2, column=header.index("Verdict") + 1).value = "False"
    wb.save(book)
    assert claims("import", book, "--db", db).returncode == 0
    return root


# ------------------------------------------------------------------ exit codes, one-line errors


def test_missing_paths_exit_1_for_run_import_and_extract(tmp_path):
    db = tmp_path / "c.db"
    for args in (("run", tmp_path / "nope", "--db", db), ("extract", tmp_path / "nope"),
                 ("import", tmp_path / "nope.xlsx", "--db", db)):
        assert "nope" in error_line(claims(*args)), args
    assert not db.exists()


def test_a_typo_in_db_creates_nothing(tmp_path, reviewed):
    for command in (("status",), ("conflicts",), ("workbook", "-o", tmp_path / "w.xlsx"),
                    ("export", "-o", tmp_path / "x.csv"), ("import", reviewed / "review.xlsx")):
        done = claims(*command, "--db", tmp_path / "typo.db")
        assert f"no database at {tmp_path / 'typo.db'}" in error_line(done), command
    assert sorted(os.listdir(tmp_path)) == []


def test_a_folder_without_reports_is_refused(tmp_path):
    pdfs = tmp_path / "pdfs"
    pdfs.mkdir()
    (pdfs / "a.pdf").write_bytes(b"%PDF-1.4\n")
    for args in (("run", pdfs, "--db", tmp_path / "c.db", "-o", tmp_path / "r.xlsx"), ("extract", pdfs)):
        assert "no reports found in" in error_line(claims(*args)), args
    assert not (tmp_path / "c.db").exists()


def test_a_filter_matching_nothing_is_an_error_naming_it(tmp_path, reviewed):
    db = reviewed / "claims.db"
    out = tmp_path / "w.xlsx"
    assert "--report nosuch" in error_line(claims("workbook", "--db", db, "-o", out, "--report", "nosuch"))
    assert "--speaker Nobody Atall" in error_line(claims("workbook", "--db", db, "-o", out, "--speaker",
                                                         "Nobody Atall"))
    assert not out.exists()
    # run: the reports are stored (summary line on stdout), the workbook refused
    done = claims("run", SEEDS, "--db", db, "-o", out, "--workers", "1", "--report", "nosuch")
    assert "--report nosuch" in error_line(done)
    assert "reports read" in done.stdout and not out.exists()


def test_usage_errors_exit_2(tmp_path, reviewed):
    db = reviewed / "claims.db"
    assert claims("run", SEEDS, "--db", tmp_path / "c.db", "-o", tmp_path / "out.csv").returncode == 2
    assert not (tmp_path / "c.db").exists()
    assert claims("workbook", "--db", db, "-o", tmp_path / "out.json").returncode == 2
    unknown = claims("export", "--db", db, "-o", tmp_path / "out.pdf")
    assert unknown.returncode == 2 and ".pdf" in unknown.stderr and ".csv" in unknown.stderr
    no_org = claims("export", "--db", db, "-o", tmp_path / "cr.json")
    assert no_org.returncode == 2 and "--organization" in no_org.stderr
    disagree = claims("export", "--db", db, "-o", tmp_path / "x.csv", "--format", "jsonl")
    assert disagree.returncode == 2
    assert claims("run", SEEDS, "--map-verdict", "Verified").returncode == 2
    assert not list(tmp_path.iterdir())


# ------------------------------------------------------------------ output formats


def test_export_format_comes_from_the_file_name(tmp_path, reviewed):
    db = reviewed / "claims.db"
    for name in ("c.csv", "c.jsonl", "c.xlsx"):
        done = claims("export", "--db", db, "-o", tmp_path / name)
        assert done.returncode == 0, done.stderr
    with open(tmp_path / "c.csv", newline="", encoding="utf-8-sig") as f:
        assert "Claim ID" in next(csv.reader(f))
    assert zipfile.is_zipfile(tmp_path / "c.xlsx")
    recs = [json.loads(line) for line in (tmp_path / "c.jsonl").read_text(encoding="utf-8").splitlines()]
    assert recs and all(k == k.lower() and " " not in k and "-" not in k for k in recs[0])
    assert {"claim_id", "claim", "verdict", "checkworthiness", "report_ids"} <= set(recs[0])
    assert sum(r["verdict"] == "False" for r in recs) == 1


def test_claimreview_review_url_and_organization(tmp_path, reviewed):
    out = tmp_path / "cr.json"
    done = claims("export", "--db", reviewed / "claims.db", "-o", out, "--organization", "Example Desk",
                  "--organization-url", "https://desk.example", "--review-url", "https://desk.example/checks")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"1 claim written to {out}"
    reviews = json.loads(out.read_text())
    assert len(reviews) == 1
    assert reviews[0]["url"] == "https://desk.example/checks"
    assert reviews[0]["author"]["name"] == "Example Desk" and reviews[0]["author"]["url"] == "https://desk.example"
    assert "claims" not in json.dumps(reviews[0]["author"])


# ------------------------------------------------------------------ output for scripts


def test_status_json(reviewed):
    done = claims("status", "--db", reviewed / "claims.db", "--json")
    assert done.returncode == 0, done.stderr
    info = json.loads(done.stdout)
    assert info["reports"] == 2 and info["claims"] > 5 and info["conflicts"] == 0
    assert {r["verdict"]: r["claims"] for r in info["by_verdict"]}["False"] == 1
    assert {r["report"] for r in info["by_report"]} == {p.stem for p in SEEDS.iterdir()}


def test_verbose_and_quiet_anywhere(tmp_path, reviewed):
    db = reviewed / "claims.db"
    before = claims("-v", "status", "--db", db)
    after = claims("status", "--db", db, "-v")
    assert before.returncode == after.returncode == 0 and before.stdout == after.stdout
    assert claims("status", "-q", "--db", db).returncode == 0
    quiet = claims("run", SEEDS, "--db", tmp_path / "c.db", "-o", tmp_path / "r.xlsx", "--workers", "1", "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == ""
    assert len(quiet.stdout.strip().splitlines()) == 1 and "2 reports read" in quiet.stdout


def test_singular_counts(tmp_path):
    one = SEEDS / sorted(os.listdir(SEEDS))[0]
    done = claims("run", one, "--db", tmp_path / "c.db", "-o", tmp_path / "r.xlsx", "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("1 report read;") and "1 reports" not in done.stdout


def test_extract_does_not_cut_text_when_piped():
    done = claims("extract", SEEDS)
    assert done.returncode == 0, done.stderr
    texts = [line.split("\t")[3] for line in done.stdout.splitlines()]
    assert max(len(t) for t in texts) > 90
    assert not any(t.endswith("...") and len(t) == 90 for t in texts)
    assert "2 reports" in done.stderr


def test_report_text_and_errors_are_terminal_safe(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "evil.txt").write_text('Officials said the wall \x1b]0;pwned\x07 "costs $5 billion," '
                                     'according to Senator Jane Roe.\n', encoding="utf-8")
    done = claims("extract", folder)
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    bad = claims("status", "--db", tmp_path / "typo\x1b[31m.db")
    assert "\x1b" not in bad.stderr and "\\e[31m" in error_line(bad)


# ------------------------------------------------------------------ help


def test_every_option_of_every_command_is_explained_with_an_example():
    import click

    from claims.cli import main

    names = ("extract", "run", "workbook", "import", "status", "conflicts", "export")
    for name in names:
        command = main.commands[name]
        assert "Example" in (command.help or ""), name
        for param in command.params:
            if isinstance(param, click.Option) and param.name not in ("help",) and param.expose_value:
                assert param.help and "Example" in param.help, (name, param.name)
        assert claims(name, "--help").returncode == 0


def test_help_does_not_import_pandas():
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "claims.cli", "--help"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    modules = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "claims.api" in modules and "pandas" not in modules and "openpyxl" not in modules


def test_api_formats_match_the_exports_package():
    import claims.api
    import claims.exports

    assert set(claims.api.EXPORT_FORMATS) == set(claims.exports.EXPORT_FORMATS)
    assert set(claims.api.EXPORT_SUFFIXES.values()) == set(claims.exports.EXPORT_FORMATS)


# ------------------------------------------------------------------ progress on a terminal


def test_progress_bar_on_a_terminal_has_total_rate_and_stage(tmp_path):
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # a 120-column terminal
    proc = subprocess.Popen([*CLAIMS, "run", str(SEEDS), "--db", str(tmp_path / "c.db"), "-o",
                             str(tmp_path / "r.xlsx"), "--workers", "1"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 120)
        if not ready:
            break
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    out, _ = proc.communicate(timeout=120)
    os.close(master)
    text = seen.decode("utf-8", "replace")
    assert proc.returncode == 0, text
    assert "2/2" in text  # the total was counted first
    assert "reports/s" in text or "s/ reports" in text  # a rate
    assert "<" in text  # time left
    assert "writing workbook" in text or "storing" in text  # the stage
    assert b"2 reports read" in out


def test_max_report_bytes_option_skips_large_reports_and_refuses_a_bad_limit(tmp_path):
    folder = tmp_path / "reports"
    shutil.copytree(SEEDS, folder)
    (folder / "big.txt").write_text("The mayor said the budget grew by 5 percent. " * 3000, encoding="utf-8")
    done = claims("extract", folder, "--max-report-bytes", "100K")
    assert done.returncode == 0, done.stderr
    assert "big.txt" in done.stderr and "over the limit" in done.stderr
    assert "big" not in {line.split("\t")[0] for line in done.stdout.splitlines()}
    db = tmp_path / "claims.db"
    bad = claims("run", folder, "--max-report-bytes", "lots", "--db", db, "-o", tmp_path / "r.xlsx")
    assert "lots" in error_line(bad)
    assert not db.exists()  # refused before anything was created
    done = claims("run", folder, "--max-report-bytes", "100K", "--db", db, "-o", tmp_path / "r.xlsx", "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert "1 skipped" in done.stdout
