"""Hostile report inputs (issue 14, "One input takes the run down"): each one is built for
real in tmp_path and read by the library and by the CLI in a subprocess. A file or row that
cannot be used is skipped with one line naming it and the run goes on: never a hang, an
unbounded read or a traceback."""
from __future__ import annotations

import codecs
import io
import json
import os
import sqlite3
import subprocess
import sys
import time
import zipfile
import zlib

import openpyxl
import pytest

from conftest import REPO
from claims.errors import ReportReadError
from claims.reports import (
    DEFAULT_MAX_REPORT_BYTES,
    MAX_REPORT_BYTES_ENV,
    decode_text,
    max_report_bytes,
    read_report,
    read_reports,
)

# A report the extractor finds statements in, so the runs below have something to store.
BODY = ("Police said the suspect was arrested on Tuesday.\n\n"
        "\"We will not tolerate this,\" Mayor John Smith told reporters.\n")

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
needs_devzero = pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")


class Warnings(list):
    def __call__(self, message: str) -> None:
        assert isinstance(message, str)
        assert "\n" not in message and "\r" not in message, message
        message.encode("utf-8")  # printable: no lone surrogates
        self.append(message)

    def about(self, name: str) -> list[str]:
        return [m for m in self if name in m]


def read_all(*paths, **kwargs):
    w = Warnings()
    return list(read_reports([*paths], on_warning=w, **kwargs)), w


def write(path, data: bytes | str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def cli(*args, cwd, env=None, timeout=120):
    """``python -m claims.cli ...`` in a subprocess of this worktree's code."""
    full_env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
    full_env.pop(MAX_REPORT_BYTES_ENV, None)
    full_env.update(env or {})
    done = subprocess.run([sys.executable, "-m", "claims.cli", *map(os.fsdecode, args)],
                          capture_output=True, cwd=cwd, env=full_env, timeout=timeout)
    done.out = done.stdout.decode("utf-8")  # strict: the output must be valid UTF-8
    done.err = done.stderr.decode("utf-8")
    assert "Traceback" not in done.err, done.err
    return done


def warning_lines(done) -> list[str]:
    return [line for line in done.err.splitlines() if line.startswith("WARNING: ")]


def extract_cli(folder, tmp_path, env=None):
    out = tmp_path / "out.jsonl"
    done = cli("extract", folder, "--jsonl", out, cwd=tmp_path, env=env)
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()] if out.exists() else []
    return done, rows


def run_cli(folder, tmp_path, env=None):
    db, xlsx = tmp_path / "claims.db", tmp_path / "review.xlsx"
    done = cli("run", folder, "--db", db, "-o", xlsx, cwd=tmp_path, env=env)
    return done, db, xlsx


def stored_reports(db) -> dict[str, str]:
    with sqlite3.connect(db) as con:
        cols = [r[1] for r in con.execute("PRAGMA table_info(reports)")]
        key = "id" if "id" in cols else cols[0]
        src = "source" if "source" in cols else key
        return dict(con.execute(f"SELECT {key}, {src} FROM reports"))


# ------------------------------------------------------------------ 1. only regular files


@needs_devzero
def test_symlink_to_dev_zero_skipped_not_read(tmp_path):
    docs = tmp_path / "docs"
    write(docs / "ok.txt", BODY)
    targets = {"zero.txt": "/dev/zero", "random.jsonl": "/dev/urandom", "null.html": "/dev/null"}
    for name, target in targets.items():
        (docs / name).symlink_to(target)
    started = time.monotonic()
    reports, w = read_all(docs)
    assert time.monotonic() - started < 10
    assert [r.id for r in reports] == ["ok"]
    for name, target in targets.items():
        assert w.about(name) == [f"{docs / name} (a symbolic link to {target}): a character "
                                 f"device, not a regular file; skipped"]
    with pytest.raises(ReportReadError, match="not a regular file"):
        read_report(docs / "zero.txt")

    done, rows = extract_cli(docs, tmp_path)
    assert done.returncode == 0, done.err
    assert {r["report"] for r in rows} == {"ok"}
    assert sum("zero.txt" in line for line in warning_lines(done)) == 1


@needs_fifo
def test_fifo_named_txt_skipped_without_hanging(tmp_path):
    docs = tmp_path / "docs"
    write(docs / "ok.txt", BODY)
    for name in ("x.txt", "x.csv", "x.htm"):
        os.mkfifo(docs / name)
    reports, w = read_all(docs)  # would block forever in open() if the FIFO were opened
    assert [r.id for r in reports] == ["ok"]
    for name in ("x.txt", "x.csv", "x.htm"):
        [line] = w.about(name)
        assert "named pipe (FIFO)" in line and line.endswith("skipped")
    # named on the command line, and in a run that stores and writes a workbook
    reports, w = read_all(docs / "x.txt", docs / "ok.txt")
    assert [r.id for r in reports] == ["ok"] and len(w.about("x.txt")) == 1

    done, rows = extract_cli(docs / "x.txt", tmp_path)
    assert done.returncode == 0 and rows == []
    assert any("x.txt" in line and "FIFO" in line for line in warning_lines(done)), done.err
    done, db, xlsx = run_cli(docs, tmp_path)
    assert done.returncode == 0, done.err
    assert "1 reports read" in done.out and "3 skipped" in done.out, done.out
    assert list(stored_reports(db)) == ["ok"]


def test_symlinks_to_regular_files_and_folders_are_followed(tmp_path):
    real = tmp_path / "archive"
    write(real / "a.txt", BODY)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "linked.txt").symlink_to(real / "a.txt")
    (docs / "folder").symlink_to(real, target_is_directory=True)
    (docs / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    reports, w = read_all(docs)
    # the same file reached twice is read once; the dangling link is one line
    assert [r.id for r in reports] == ["a"]
    assert [m for m in w if "dangling.txt" in m] == [f"{docs / 'dangling.txt'}: a broken symbolic link; skipped"]


# ------------------------------------------------------------------ 1b. size limit


def test_size_limit_default_parameter_and_environment(tmp_path, monkeypatch):
    monkeypatch.delenv(MAX_REPORT_BYTES_ENV, raising=False)
    assert max_report_bytes() == DEFAULT_MAX_REPORT_BYTES == 50_000_000
    assert max_report_bytes("2M") == 2_000_000 and max_report_bytes("1KiB") == 1024
    monkeypatch.setenv(MAX_REPORT_BYTES_ENV, "300")
    assert max_report_bytes() == 300 and max_report_bytes(5000) == 5000
    for bad in ("lots", "0", "-5", "5X"):
        monkeypatch.setenv(MAX_REPORT_BYTES_ENV, bad)
        with pytest.raises(ReportReadError, match=MAX_REPORT_BYTES_ENV):
            max_report_bytes()
    monkeypatch.delenv(MAX_REPORT_BYTES_ENV)

    docs = tmp_path / "docs"
    write(docs / "small.txt", BODY)
    write(docs / "big.txt", BODY + "More text said here. " * 100)  # about 2.2 kB
    reports, w = read_all(docs, max_bytes=1000)
    assert [r.id for r in reports] == ["small"]
    [line] = w
    assert line.startswith(f"{docs / 'big.txt'}: 2.2 kB is over the limit of 1.0 kB per report")
    assert MAX_REPORT_BYTES_ENV in line and line.endswith("skipped")
    with pytest.raises(ReportReadError, match="over the limit"):
        read_report(docs / "big.txt", max_bytes=1000)
    monkeypatch.setenv(MAX_REPORT_BYTES_ENV, "1000")
    assert [r.id for r in read_all(docs)[0]] == ["small"]
    assert [r.id for r in read_all(docs, max_bytes="1M")[0]] == ["big", "small"]

    # the CLI: the environment variable, and a bad value is one line with exit status 1
    done, rows = extract_cli(docs, tmp_path, env={MAX_REPORT_BYTES_ENV: "1000"})
    assert done.returncode == 0 and {r["report"] for r in rows} == {"small"}
    assert [line for line in warning_lines(done) if "big.txt" in line and "over the limit" in line]
    done = cli("extract", docs, cwd=tmp_path, env={MAX_REPORT_BYTES_ENV: "lots"})
    assert done.returncode == 1
    assert done.err.strip().splitlines() == [
        f"error: {MAX_REPORT_BYTES_ENV}='lots': not a positive size in bytes (e.g. 50000000 or 50M)"]


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs /proc")
def test_read_is_bounded_when_the_size_lies(tmp_path):
    # /proc files are regular files of size 0 whatever they hold: only a bounded read
    # notices that one is over the limit.
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "status.txt").symlink_to("/proc/self/status")
    assert os.stat(docs / "status.txt").st_size == 0
    reports, w = read_all(docs, max_bytes=50)
    assert reports == []
    assert w == [f"{docs / 'status.txt'}: more than 50 bytes is over the limit of 50 bytes per "
                 f"report file ({MAX_REPORT_BYTES_ENV}); skipped"]
    reports, w = read_all(docs)  # under the default limit it is just text
    assert [r.id for r in reports] == ["status"]


def test_table_rows_over_the_limit_skipped_one_line_each(tmp_path):
    docs = tmp_path / "docs"
    rows = [{"id": "a", "text": BODY}, {"id": "huge", "text": "x said y. " * 500},
            {"id": "b", "text": BODY.replace("Tuesday", "Monday")}]
    write(docs / "t.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    reports, w = read_all(docs, max_bytes=2000)
    assert [r.id for r in reports] == ["a", "b"]
    assert w == [f"{docs / 't.jsonl'}, line 2: a line over the limit of 2.0 kB per report "
                 f"({MAX_REPORT_BYTES_ENV}); row skipped"]
    # a whole table may be larger than the limit: it is streamed row by row
    assert (docs / "t.jsonl").stat().st_size > 2000

    # a CSV with a huge field: the rest of the file cannot be parsed reliably, so it stops
    # there with one line; the rows before it are kept
    csv_docs = tmp_path / "csv"
    quoted = '"' + BODY.replace('"', '""') + '"'
    write(csv_docs / "t.csv", "id,text\na," + quoted + "\nhuge," + "y" * 5000 + "\nb,later\n")
    reports, w = read_all(csv_docs, max_bytes=2000)
    assert [r.id for r in reports] == ["a"]
    assert [m for m in w if "t.csv" in m and "over the limit" in m and "skipped" in m] == w and len(w) == 1
    # so does a field over the limit spread over many short lines
    write(csv_docs / "t.csv", "id,text\na," + quoted + "\nhuge,\"" + "y said z.\n" * 500
          + "\"\nb," + quoted + "\n")
    reports, w = read_all(csv_docs, max_bytes=2000)
    assert [r.id for r in reports] == ["a"]
    assert w == [f"{csv_docs / 't.csv'}, line 6: a field over the limit of 2.0 kB per "
                 f"report ({MAX_REPORT_BYTES_ENV}); rest of the file skipped"]
    # the csv module's process-wide field limit is left as it was
    import csv as _csv
    assert _csv.field_size_limit() != 2000


# ------------------------------------------------------------------ 2. bad rows and names


def test_lone_surrogates_in_jsonl_become_fffd_and_the_run_goes_on(tmp_path):
    docs = tmp_path / "docs"
    lines = [
        r'{"text": "\ud800 abc. ' + BODY.replace("\n", "\\n").replace('"', '\\"') + '"}',
        r'{"id": "r\udc00x", "title": "T\ud83d", "text": "' + BODY.replace("\n", "\\n").replace('"', '\\"') + '"}',
        r'{"id": "ok", "text": "Officials said prices rose \ud83d\ude00 in June.\n\nMore here."}',
    ]
    write(docs / "s.jsonl", "\n".join(lines) + "\n")
    reports, w = read_all(docs)
    assert len(reports) == 3
    first, second, third = reports
    assert first.text.startswith("\ufffd abc. Police said")
    assert second.id == "r\ufffdx" and second.title == "T\ufffd"
    assert third.text.startswith("Officials said prices rose \U0001F600")  # a proper pair stays
    for r in reports:
        r.id.encode("utf-8"), r.text.encode("utf-8"), (r.title or "").encode("utf-8")
    assert len(w.about("line 1: text holds 1 lone surrogate")) == 1
    assert len(w.about("line 2: report id holds 1 lone surrogate")) == 1
    assert len(w.about("line 2: title holds 1 lone surrogate")) == 1
    assert all("replaced with U+FFFD" in m for m in w) and len(w) == 3

    # printed to the terminal, stored in SQLite, written to the workbook
    done = cli("extract", docs, cwd=tmp_path)
    assert done.returncode == 0 and "\ufffd" not in done.err.replace("U+FFFD", "")
    done, db, xlsx = run_cli(docs, tmp_path)
    assert done.returncode == 0, done.err
    assert "3 reports read; 0 skipped" in done.out
    assert "r\ufffdx" in stored_reports(db)
    assert openpyxl.load_workbook(xlsx)["Review"].max_row > 1


def test_jsonl_rows_that_break_the_parser_are_skipped(tmp_path):
    docs = tmp_path / "docs"
    good = json.dumps({"id": "good", "text": BODY})
    write(docs / "t.jsonl", "\n".join([
        "[" * 200_000,                                 # RecursionError inside json
        '{"text": "a", "n": ' + "9" * 5000 + "}",      # int over Python's digit limit
        '{"text": "unterminated',
        "[1, 2]",
        '{"title": "no text"}',
        good,
    ]) + "\n")
    reports, w = read_all(docs)
    assert [r.id for r in reports] == ["good"]
    assert len(w) == 5 and all(m.endswith("row skipped") for m in w)
    assert w[0] == f"{docs / 't.jsonl'}, line 1: invalid JSON (nested too deeply); row skipped"
    assert w[1].startswith(f"{docs / 't.jsonl'}, line 2: invalid JSON (")

    done, rows = extract_cli(docs, tmp_path)
    assert done.returncode == 0 and {r["report"] for r in rows} == {"good"}
    assert len([line for line in warning_lines(done) if "t.jsonl, line" in line]) == 5


def test_file_name_with_a_non_utf8_byte(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    raw = os.path.join(os.fsencode(str(docs)), b"bad\xff.txt")
    with open(raw, "wb") as f:
        f.write(BODY.encode())
    with open(os.path.join(os.fsencode(str(docs)), b"t\xfe.jsonl"), "wb") as f:
        f.write((json.dumps({"text": BODY.replace("Police", "Firefighters")}) + "\n").encode())
    reports, w = read_all(docs)
    by_source = {r.source: r for r in reports}
    shown = f"{docs}/bad\\xff.txt"
    assert set(by_source) == {shown, f"{docs}/t\\xfe.jsonl#row=1"}
    assert by_source[shown].id == "bad\ufffd"
    table_row = by_source[f"{docs}/t\\xfe.jsonl#row=1"]
    assert table_row.id.startswith("t\ufffd-")
    assert w.about(shown) == [f"{shown}: file name is not valid UTF-8; report id 'bad\ufffd' "
                              f"(U+FFFD in place of 1 undecodable byte)"]
    assert len(w.about("t\\xfe.jsonl")) == 1
    # read_report with the bytes path, and a bytes folder
    assert read_report(raw, on_warning=lambda m: None).id == "bad\ufffd"
    assert {r.id for r in read_reports([os.fsencode(str(docs))], on_warning=lambda m: None)} == {
        "bad\ufffd", table_row.id}

    done = cli("extract", docs, cwd=tmp_path)  # the table goes to stdout
    assert done.returncode == 0 and "bad\ufffd\t" in done.out
    assert "bad\\xff.txt" in done.err
    done, db, xlsx = run_cli(docs, tmp_path)
    assert done.returncode == 0, done.err
    assert "2 reports read; 0 skipped" in done.out
    stored = stored_reports(db)
    assert "bad\ufffd" in stored
    # the folder itself named with a bad byte, given on the command line
    bad_dir = os.path.join(os.fsencode(str(tmp_path)), b"d\xff")
    os.mkdir(bad_dir)
    with open(os.path.join(bad_dir, b"a.txt"), "wb") as f:
        f.write(BODY.encode())
    done, rows = extract_cli(bad_dir, tmp_path)
    assert done.returncode == 0 and {r["report"] for r in rows} == {"a"}


def test_csv_with_bom_nul_bytes_and_odd_rows(tmp_path):
    docs = tmp_path / "docs"
    body = BODY.replace('"', '""')
    write(docs / "t.csv", codecs.BOM_UTF8 + (
        "id,text\n"
        f"a,\"{body}\"\n"
        f"nul,\"Police\x00 said the suspect was arrested.\n\nMore.\"\n"
        "empty,\n"
        f"c,\"{body.replace('Tuesday', 'Friday')}\",extra\n"
    ).encode())
    reports, w = read_all(docs)
    assert [r.id for r in reports] == ["a", "nul", "c"]
    assert "\x00" in reports[1].text  # the text as written; offsets index it
    assert len(w) == 2 and all("t.csv" in m for m in w)

    done, db, xlsx = run_cli(docs, tmp_path)
    assert done.returncode == 0, done.err
    assert set(stored_reports(db)) == {"a", "nul", "c"}

    # a CSV that is really binary, and one without a header
    write(docs / "t.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    write(docs / "empty.csv", b"")
    reports, w = read_all(docs)
    assert reports == [] and len(w.about("empty.csv")) == 1


# ------------------------------------------------------------------ 3. encodings

JAPANESE = "東京都の知事は「物価が上がった」と述べた。批評家は同意しなかった。"
CHINESE = "北京市长表示，物价上涨了百分之四。批评者不同意这一说法。"
WESTERN = "The caf\u00e9 owner said \u201cprices rose\u201d \u2013 a lot, na\u00efvely.\n"
FRENCH = "Le ministre a déclaré que les prix à la consommation ont augmenté. Ça coûte cher.\n"


@pytest.mark.parametrize("text, codec, expected, how", [
    (JAPANESE, "shift_jis", "shift_jis", "shift_jis (detected)"),
    (JAPANESE, "euc_jp", "euc_jp", "euc_jp (detected)"),
    (CHINESE, "gbk", "gbk", "gbk (detected)"),
    (CHINESE + " €𠀀", "gb18030", "gb18030", "gb18030 (detected)"),  # beyond GBK
    ("서울시장은 물가가 4퍼센트 올랐다고 말했다. 비평가들은 동의하지 않았다.", "euc_kr", "euc_kr", "euc_kr (detected)"),
    ("Министр заявил, что цены выросли на четыре процента.\n", "cp1251", "cp1251", "cp1251 (detected)"),
    (WESTERN, "cp1252", "cp1252", "cp1252 (Windows-1252)"),
    (FRENCH, "latin-1", "cp1252", "cp1252 (Windows-1252)"),  # the same characters in cp1252
    ("Þórður sagði að verð hefðu hækkað.", "latin-1", "cp1252", "cp1252 (Windows-1252)"),
    ("Ça", "cp1252", "cp1252", "cp1252 (Windows-1252)"),
    ("Officials said “so”. 東京", "utf-16", "utf-16", "utf-16 (byte order mark)"),
    ("Officials said “so”.", "utf-16-le", "utf-16", "utf-16 (byte order mark)"),  # BOM added below
    ("Officials said “so”.", "utf-16-be", "utf-16", "utf-16 (byte order mark)"),
    ("Officials said “so”.", "utf-32", "utf-32", "utf-32 (byte order mark)"),
])
def test_encoding_detected_and_named(tmp_path, text, codec, expected, how):
    data = text.encode(codec)
    if codec == "utf-16-le":
        data = codecs.BOM_UTF16_LE + data
    elif codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert decode_text(data) == (text, expected)
    p = write(tmp_path / "x.txt", data)
    w = Warnings()
    r = read_report(p, on_warning=w)
    assert r.text == text and r.encoding == expected
    assert w == [f"{p}: not UTF-8; read as {how}"]


def test_encodings_through_the_cli_tables_and_html(tmp_path):
    docs = tmp_path / "docs"
    write(docs / "sjis.txt", (JAPANESE + "\n\n" + BODY).encode("shift_jis"))
    write(docs / "gbk.txt", (CHINESE + "\n\n" + BODY).encode("gbk"))
    write(docs / "win.txt", (WESTERN + "\n" + BODY).encode("cp1252"))
    write(docs / "u16.txt", (BODY + "東京").encode("utf-16"))
    write(docs / "t.jsonl", (json.dumps({"id": "jrow", "text": JAPANESE + "\n\n" + BODY},
                                        ensure_ascii=False) + "\n").encode("shift_jis"))
    write(docs / "t.csv", ("id,text\ncrow,\"" + CHINESE + "\n\n" + BODY.replace('"', '""') + "\"\n").encode("gbk"))
    write(docs / "page.html", (
        "<html><head><title>知事</title></head><body><article><p>" + JAPANESE + "</p><p>"
        + BODY.replace("\n", " ") + "</p></article></body></html>").encode("shift_jis"))
    reports, w = read_all(docs)
    by_id = {r.id: r for r in reports}
    assert set(by_id) == {"sjis", "gbk", "win", "u16", "jrow", "crow", "page"}
    assert by_id["sjis"].text.startswith(JAPANESE) and by_id["sjis"].encoding == "shift_jis"
    assert by_id["gbk"].text.startswith(CHINESE) and by_id["gbk"].encoding == "gbk"
    assert by_id["win"].text.startswith(WESTERN) and by_id["win"].encoding == "cp1252"
    assert by_id["u16"].text.endswith("東京")
    assert by_id["jrow"].text.startswith(JAPANESE) and by_id["jrow"].encoding == "shift_jis"
    assert by_id["crow"].text.startswith(CHINESE)
    assert JAPANESE in by_id["page"].text
    expected = {"sjis.txt": "shift_jis (detected)", "gbk.txt": "gbk (detected)",
                "win.txt": "cp1252 (Windows-1252)", "u16.txt": "utf-16 (byte order mark)",
                "t.jsonl": "shift_jis (detected)", "t.csv": "gbk (detected)",
                "page.html": "shift_jis (detected)"}
    for name, how in expected.items():
        assert w.about(name) == [f"{docs / name}: not UTF-8; read as {how}"]

    done, rows = extract_cli(docs, tmp_path)
    assert done.returncode == 0
    assert {"sjis", "gbk", "win", "u16", "jrow", "crow", "page"} <= {r["report"] for r in rows}
    lines = warning_lines(done)
    assert f"WARNING: {docs / 'sjis.txt'}: not UTF-8; read as shift_jis (detected)" in lines
    assert f"WARNING: {docs / 't.csv'}: not UTF-8; read as gbk (detected)" in lines


def test_binary_files_are_still_skipped(tmp_path):
    docs = tmp_path / "docs"
    noise = bytes(b for b in zlib.compress(os.urandom(20000)) if b)  # compressed, no NUL byte
    write(docs / "doc.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<</Filter/FlateDecode>>\nstream\n"
          + noise + b"\nendstream\nendobj\n")
    write(docs / "img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2000))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.txt", BODY * 50)
    write(docs / "arch.txt", buf.getvalue())
    write(docs / "noise.md", noise)
    write(docs / "page.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2000))
    write(docs / "ok.txt", BODY)
    reports, w = read_all(docs)
    assert [r.id for r in reports] == ["ok"]
    for name in ("doc.txt", "img.txt", "arch.txt", "noise.md", "page.html"):
        [line] = w.about(name)
        assert "binary" in line and line.endswith("skipped"), line


def test_detection_stays_fast_on_a_large_non_utf8_file(tmp_path):
    text = (JAPANESE + "\n") * 60_000  # about 4.6 MB in Shift-JIS
    p = write(tmp_path / "big.txt", text.encode("shift_jis"))
    started = time.perf_counter()
    r = read_report(p, on_warning=lambda m: None)
    assert time.perf_counter() - started < 10
    assert r.text == text and r.encoding == "shift_jis"
    # a UTF-8 file with one stray byte far from its start: detection samples around it
    q = write(tmp_path / "late.txt", (BODY * 20_000).encode() + "caf\u00e9".encode("cp1252"))
    r = read_report(q, on_warning=lambda m: None)
    assert r.encoding == "cp1252" and r.text.endswith("café")
