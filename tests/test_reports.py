"""claims.reports: files and folders -> Report, with real files in tmp_path."""
from __future__ import annotations

import hashlib
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.errors import ReportReadError
from claims.reports import iter_report_paths, parse_date, read_report, read_reports
from claims.types import Report


class Warnings(list):
    def __call__(self, message: str) -> None:
        assert isinstance(message, str)
        assert "\n" not in message and "\r" not in message, message
        self.append(message)


def read_all(*paths):
    w = Warnings()
    return list(read_reports(list(paths), on_warning=w)), w


def write(path, data: bytes | str):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


BODY = "The minister said on Tuesday that prices rose 4% in June.\n\nCritics disagreed."


# ---------------------------------------------------------------- decoding


def test_utf8_plain(tmp_path):
    p = write(tmp_path / "a.txt", "Café owners said “prices” rose.\nMore text.")
    r = read_report(p)
    assert isinstance(r, Report)
    assert r.id == "a"
    assert r.text == "Café owners said “prices” rose.\nMore text."
    assert r.encoding == "utf-8"
    assert r.source == str(p)
    assert r.content_hash == hashlib.sha256(r.text.encode("utf-8")).hexdigest()
    assert r.warnings == []


def test_utf8_bom_removed(tmp_path):
    p = write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + "Officials said so.\n".encode())
    r = read_report(p)
    assert r.text == "Officials said so.\n"
    assert r.text == open(p, encoding="utf-8-sig").read()
    assert r.body_start == 0


def test_crlf_and_lone_cr(tmp_path):
    p = write(tmp_path / "crlf.txt", b"One line said.\r\nTwo said.\r\n")
    assert read_report(p).text == "One line said.\nTwo said.\n"
    q = write(tmp_path / "cr.txt", b"One line said.\rTwo said.\r\r\nThree.")
    r = read_report(q)
    assert r.text == "One line said.\nTwo said.\n\nThree."
    assert r.text == open(q, encoding="utf-8-sig").read()


def test_cp1252_fallback_warns_and_decodes(tmp_path):
    raw = "The caf\u00e9 owner said \u201cprices rose\u201d \u2013 a lot.\n".encode("cp1252")
    p = write(tmp_path / "win.txt", raw)
    w = Warnings()
    r = read_report(p, on_warning=w)
    assert r.text == "The café owner said “prices rose” – a lot.\n"
    assert r.encoding == "cp1252"
    assert len(w) == 1 and str(p) in w[0] and "cp1252" in w[0]
    assert r.warnings == w
    # via read_reports too
    reports, w2 = read_all(tmp_path / "win.txt")
    assert [x.text for x in reports] == [r.text]
    assert len(w2) == 1 and "win.txt" in w2[0]


def test_cp1252_undefined_bytes_fall_back_to_latin1(tmp_path):
    p = write(tmp_path / "odd.txt", b"Caf\xe9 \x81 said \x93hi\x94.")
    r = read_report(p, on_warning=lambda m: None)
    assert r.text == "Café \x81 said “hi”."


def test_binary_file_skipped_with_warning(tmp_path):
    write(tmp_path / "img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    write(tmp_path / "ok.txt", BODY)
    reports, w = read_all(tmp_path)
    assert [r.id for r in reports] == ["ok"]
    assert len(w) == 1 and "img.txt" in w[0] and "binary" in w[0]
    with pytest.raises(ReportReadError):
        read_report(tmp_path / "img.txt")


def test_utf16_file_with_bom_read_with_warning(tmp_path):
    write(tmp_path / "u16.txt", "Officials said so.".encode("utf-16"))
    reports, w = read_all(tmp_path / "u16.txt")
    assert [r.text for r in reports] == ["Officials said so."]
    assert len(w) == 1 and "utf-16" in w[0]  # more in tests/test_hostile_reports.py


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t  \n", b"\xef\xbb\xbf"])
def test_empty_or_whitespace_file_skipped(tmp_path, data):
    write(tmp_path / "empty.txt", data)
    reports, w = read_all(tmp_path / "empty.txt")
    assert reports == []
    assert len(w) == 1 and "empty.txt" in w[0] and "empty" in w[0]


def test_metadata_only_file_skipped(tmp_path):
    write(tmp_path / "meta.txt", " date 2018-07-12\n")
    reports, w = read_all(tmp_path / "meta.txt")
    assert reports == [] and len(w) == 1 and "meta.txt" in w[0]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads files whatever their permissions")
def test_unreadable_file_skipped(tmp_path):
    p = write(tmp_path / "secret.txt", BODY)
    p.chmod(0)
    try:
        reports, w = read_all(tmp_path)
        assert reports == [] and len(w) == 1 and "secret.txt" in w[0]
    finally:
        p.chmod(0o644)


# ---------------------------------------------------------------- metadata lines


def test_metadata_on_same_line_as_first_sentence(tmp_path):
    p = write(tmp_path / "m.txt", " date 2018-07-12 Senior officials said talks would start.\n\nMore.")
    r = read_report(p)
    assert r.date == "2018-07-12"
    assert r.text.startswith(" date 2018-07-12 ")  # metadata stays in the text
    assert r.text[r.body_start:].startswith("Senior officials said")
    assert r.title is None and r.title_span is None


def test_metadata_line_followed_by_newline(tmp_path):
    p = write(tmp_path / "m.txt", "date: July 12, 2018\n\nSenior officials said so.\nMore.")
    r = read_report(p)
    assert r.date == "2018-07-12"
    assert r.text[r.body_start:].startswith("Senior officials")
    q = write(tmp_path / "n.txt", "Date 2018-07-12\r\nSenior officials said so.")
    r = read_report(q)
    assert r.date == "2018-07-12"
    assert r.text[r.body_start:] == "Senior officials said so."


def test_several_metadata_lines(tmp_path):
    text = ("title: Talks begin\ndate: 12 July 2018\nurl: https://example.com/a\n"
            "author: Jane Doe\n\nSenior officials said so.\n")
    r = read_report(write(tmp_path / "m.txt", text))
    assert (r.title, r.date, r.url) == ("Talks begin", "2018-07-12", "https://example.com/a")
    assert r.text[r.body_start:].startswith("Senior officials")
    assert r.title_span is None  # the title came from metadata; no headline line in the body


def test_markdown_front_matter(tmp_path):
    text = "---\ntitle: \"Talks begin\"\ndate: 2018-07-12\n---\n\n# Talks begin in Mexico\n\nOfficials said so.\n"
    r = read_report(write(tmp_path / "m.md", text))
    assert r.title == "Talks begin" and r.date == "2018-07-12"
    assert r.text[r.body_start:].startswith("# Talks begin in Mexico")
    assert r.title_span is not None
    assert r.text[slice(*r.title_span)] == "Talks begin in Mexico"


@pytest.mark.parametrize("first", [
    "Date night is a tradition, the mayor said.",
    "Title IX funding was cut, officials said.",
    "Dated 2018-07-12, the letter said prices rose.",
    "date 2018-07-12x is not a date, she said.",
    "Date 12 July 2018 was chosen for the vote, he said.",
])
def test_sentence_starting_with_a_key_is_not_eaten(tmp_path, first):
    r = read_report(write(tmp_path / "d.txt", first + "\nMore text here."))
    assert r.body_start == 0
    assert r.date is None


def test_unparseable_metadata_date_warns(tmp_path):
    w = Warnings()
    r = read_report(write(tmp_path / "d.txt", "date: sometime soon\nOfficials said so."), on_warning=w)
    assert r.date is None
    assert r.text[r.body_start:] == "Officials said so."
    assert len(w) == 1 and "d.txt" in w[0] and "sometime soon" in w[0]


# ---------------------------------------------------------------- headlines


def test_headline_detected(tmp_path):
    text = "Kushner to lead delegation to Mexico\nThe senior adviser will travel on Friday, officials said."
    r = read_report(write(tmp_path / "h.txt", text))
    assert r.title == "Kushner to lead delegation to Mexico"
    assert r.title_span == (0, len("Kushner to lead delegation to Mexico"))


def test_headline_after_metadata(tmp_path):
    text = " date 2018-07-12\nKushner to lead delegation  \n\nThe adviser will travel, officials said."
    r = read_report(write(tmp_path / "h.txt", text))
    assert r.date == "2018-07-12"
    assert r.text[slice(*r.title_span)] == "Kushner to lead delegation"
    assert r.title == "Kushner to lead delegation"
    assert r.body_start <= r.title_span[0]


@pytest.mark.parametrize("first", [
    "Officials said the talks would begin on Friday.",
    "Officials said the talks would begin on Friday!",
    "“We will build it,” he said.”",
    "He said: “We will build it.”",
    "The minister said:",
    "By Jane Doe",
    "and then the officials left the room",
    "Kushner to lead delegation to Mexico, officials in Washington and Mexico City said on "
    "Thursday after a long meeting at the White House about trade",  # > 20 words
])
def test_not_a_headline(tmp_path, first):
    r = read_report(write(tmp_path / "h.txt", first + "\nThe adviser will travel, officials said."))
    assert r.title_span is None and r.title is None


def test_single_line_is_not_a_headline(tmp_path):
    r = read_report(write(tmp_path / "h.txt", "Kushner to lead delegation to Mexico\n"))
    assert r.title_span is None


def test_headline_with_closing_quote(tmp_path):
    r = read_report(write(tmp_path / "h.txt", "Pompeo calls talks “productive”\nBody text here."))
    assert r.title == "Pompeo calls talks “productive”"


# ---------------------------------------------------------------- seeds


def test_seed_004_metadata(seeds_dir):
    [p] = sorted(seeds_dir.glob("004_*.txt"))
    r = read_report(p)
    assert r.date == "2018-07-12"
    assert r.text[r.body_start:].startswith("Senior officials")
    assert r.text == open(p, encoding="utf-8-sig").read()
    assert r.id == p.stem


def test_seed_000_no_date(seeds_dir):
    [p] = sorted(seeds_dir.glob("000_*.txt"))
    r = read_report(p)
    assert r.date is None
    assert r.body_start == 0
    assert r.title_span is None  # its first line is a full sentence
    assert r.text.startswith("Jared Kushner")


def test_seeds_folder(seeds_dir):
    reports, w = read_all(seeds_dir)
    assert [r.id for r in reports] == sorted(p.stem for p in seeds_dir.glob("*.txt"))
    assert w == []


# ---------------------------------------------------------------- html

ARTICLE_HTML = """<!doctype html>
<html><head><meta charset="utf-8"><title>Mayor pledges new bridge | City News</title>
<meta property="og:title" content="Mayor pledges new bridge">
<meta property="article:published_time" content="2021-03-04T09:00:00Z">
<link rel="canonical" href="https://example.com/bridge">
</head><body><nav><a href="/">Home</a> | <a href="/about">About</a></nav>
<article><h1>Mayor pledges new bridge</h1>
<p>The mayor said on Tuesday that the city would build a new bridge over the river by 2025,
at a cost of about $40 million, in a speech at City Hall.</p>
<p>“We have waited long enough,” she told reporters, adding that the council had approved
the funding last week after a long debate about the café district.</p>
<p>Critics said the plan was too expensive and that the existing bridge could be repaired
for a fraction of the price, according to a report by the city auditor.</p>
</article><footer>Copyright 2021 City News. All rights reserved.</footer></body></html>
"""


def test_html_via_trafilatura(tmp_path):
    p = write(tmp_path / "bridge.html", ARTICLE_HTML)
    r = read_report(p)
    assert r.id == "bridge"
    assert "The mayor said on Tuesday" in r.text
    assert "waited long enough" in r.text and "café" in r.text
    assert "Home" not in r.text and "All rights reserved" not in r.text
    assert r.title == "Mayor pledges new bridge"
    assert r.date == "2021-03-04"
    assert r.url == "https://example.com/bridge"
    assert r.content_hash == hashlib.sha256(r.text.encode()).hexdigest()
    if r.title_span is not None:
        assert r.text[slice(*r.title_span)] == "Mayor pledges new bridge"


def test_html_without_article_text_skipped(tmp_path):
    write(tmp_path / "empty.htm", "<html><head><title>x</title></head><body></body></html>")
    reports, w = read_all(tmp_path)
    assert reports == []
    assert len(w) == 1 and "empty.htm" in w[0]


# ---------------------------------------------------------------- tables


def test_jsonl_with_and_without_ids(tmp_path):
    rows = [
        {"id": "r1", "text": "Officials said prices rose.", "title": "Prices", "date": "July 12, 2018",
         "url": "https://e.com/1"},
        {"body": "Second report text, he said.", "date": "2018/07/13"},
        {"id": 7, "content": "Third, with a numeric id."},
    ]
    p = write(tmp_path / "batch.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    reports, w = read_all(p)
    assert w == []
    assert [r.source for r in reports] == [f"{p}#row=1", f"{p}#row=2", f"{p}#row=3"]
    a, b, c = reports
    assert (a.id, a.title, a.date, a.url) == ("r1", "Prices", "2018-07-12", "https://e.com/1")
    assert a.text == "Officials said prices rose."
    h = hashlib.sha1(b.text.encode()).hexdigest()[:16]
    assert b.id == f"batch-{h}" and b.date == "2018-07-13"
    assert c.id == "7"
    assert all(r.content_hash == hashlib.sha256(r.text.encode()).hexdigest() for r in reports)


def test_jsonl_bad_lines_warned(tmp_path):
    p = write(tmp_path / "bad.jsonl",
              '{"text": "Good one."}\n{not json\n\n{"text": "   "}\n[1, 2]\n{"title": "no text"}\n'
              '{"text": "Good two.", "date": "whenever"}\n')
    reports, w = read_all(p)
    assert [r.text for r in reports] == ["Good one.", "Good two."]
    assert reports[1].source == f"{p}#row=7"
    assert reports[1].date is None
    assert len(w) == 5, w
    for line_no, message in zip([2, 4, 5, 6, 7], w):
        assert message.startswith(f"{p}, line {line_no}:"), message


def test_csv_with_and_without_id(tmp_path):
    p = write(tmp_path / "t.csv",
              'id,title,date,text\nA1,Prices,12 July 2018,"Officials said, ""prices rose"".\r\nMore."\n'
              ',,,Second report.\n')
    reports, w = read_all(p)
    assert w == []
    a, b = reports
    assert (a.id, a.title, a.date) == ("A1", "Prices", "2018-07-12")
    assert a.text == 'Officials said, "prices rose".\nMore.'  # newlines normalised like text files
    assert a.source == f"{p}#row=1"
    assert b.id == "t-" + hashlib.sha1(b"Second report.").hexdigest()[:16]
    assert b.source == f"{p}#row=2"


def test_csv_body_column_and_bom_and_cp1252(tmp_path):
    p = write(tmp_path / "w.csv", "\ufeffBody,URL\n".encode() + "Caf\u00e9 \u201cowner\u201d said.,u\n".encode("cp1252"))
    reports, w = read_all(p)
    assert [r.text for r in reports] == ["Café “owner” said."]
    assert reports[0].url == "u"
    assert len(w) == 1 and "w.csv" in w[0] and "cp1252" in w[0]


def test_csv_without_text_column_is_one_warning(tmp_path):
    p = write(tmp_path / "x.csv", "id,title\n1,foo\n")
    reports, w = read_all(p)
    assert reports == [] and len(w) == 1 and "x.csv" in w[0] and "text" in w[0]


def test_csv_empty_text_row_warned(tmp_path):
    p = write(tmp_path / "e.csv", "id,text\n1,Good.\n2,\n3,Also good.\n")
    reports, w = read_all(p)
    assert [r.id for r in reports] == ["1", "3"]
    assert len(w) == 1 and w[0].startswith(f"{p}, line 3:")


def test_tables_are_streamed(tmp_path):
    p = write(tmp_path / "big.jsonl", "".join(json.dumps({"text": f"Report {i} said."}) + "\n" for i in range(1000)))
    gen = read_reports([p], on_warning=Warnings())
    first = next(gen)
    assert first.text == "Report 0 said."
    gen.close()


def test_read_report_refuses_tables(tmp_path):
    p = write(tmp_path / "t.jsonl", '{"text": "x"}\n')
    with pytest.raises(ReportReadError):
        read_report(p)


# ---------------------------------------------------------------- paths


def test_folder_recursion_sorting_hidden_and_suffixes(tmp_path):
    for rel in ["b.txt", "a.md", "sub/c.txt", "sub/deeper/d.htm", "a_dir/e.csv", ".hidden.txt",
                ".git/f.txt", "notes.docx", "img.png", "Z.TXT"]:
        write(tmp_path / "root" / rel, "x")
    got = [p.relative_to(tmp_path / "root").as_posix()
           for p in iter_report_paths([tmp_path / "root"])]
    assert got == ["Z.TXT", "a.md", "a_dir/e.csv", "b.txt", "sub/c.txt", "sub/deeper/d.htm"]
    # deterministic
    assert got == [p.relative_to(tmp_path / "root").as_posix()
                   for p in iter_report_paths([str(tmp_path / "root")])]


def test_explicit_files_and_unsupported_suffix(tmp_path):
    a = write(tmp_path / "a.txt", BODY)
    doc = write(tmp_path / "notes.docx", "x")
    hidden = write(tmp_path / ".hidden.txt", BODY)
    w = Warnings()
    got = list(iter_report_paths([a, doc, hidden, a], on_warning=w))
    assert got == [a, hidden]  # named explicitly: hidden kept; duplicates once
    assert len(w) == 1 and "notes.docx" in w[0]


def test_single_string_path_accepted(tmp_path):
    write(tmp_path / "a.txt", BODY)
    reports = list(read_reports(str(tmp_path), on_warning=Warnings()))
    assert [r.id for r in reports] == ["a"]


def test_missing_path_is_one_line_error(tmp_path):
    write(tmp_path / "a.txt", BODY)
    with pytest.raises(ReportReadError) as e:
        list(read_reports([tmp_path / "a.txt", tmp_path / "nope"], on_warning=Warnings()))
    assert "nope" in str(e.value) and "\n" not in str(e.value)
    with pytest.raises(ReportReadError):
        list(iter_report_paths([tmp_path / "nope"]))
    with pytest.raises(ReportReadError):
        read_report(tmp_path / "nope.txt")


def test_duplicate_stems_get_unique_deterministic_ids(tmp_path):
    write(tmp_path / "x" / "story.txt", BODY)
    write(tmp_path / "y" / "story.txt", BODY + " Other.")
    write(tmp_path / "y" / "story.md", BODY + " Third.")
    reports, w = read_all(tmp_path)
    ids = [r.id for r in reports]
    assert ids[0] == "story"
    assert len(set(ids)) == 3
    assert all(i.startswith("story-") for i in ids[1:])
    assert len(w) == 2 and all("story" in m for m in w)
    again, _ = read_all(tmp_path)
    assert [r.id for r in again] == ids


def test_duplicate_row_ids_made_unique(tmp_path):
    p = write(tmp_path / "d.jsonl", '{"id": "a", "text": "One."}\n{"id": "a", "text": "Two."}\n')
    reports, w = read_all(p)
    assert reports[0].id == "a" and reports[1].id.startswith("a-") and len(w) == 1


# ---------------------------------------------------------------- parse_date


@pytest.mark.parametrize("s, iso", [
    ("2018-07-12", "2018-07-12"),
    ("2018-7-2", "2018-07-02"),
    ("2018-07-12T10:30:00Z", "2018-07-12"),
    ("2018-07-12 10:30:00", "2018-07-12"),
    ("2018-07-12T10:30:00+02:00", "2018-07-12"),
    ("2018/07/12", "2018-07-12"),
    ("July 12, 2018", "2018-07-12"),
    ("Jul. 12 2018", "2018-07-12"),
    ("Sept 3, 2018", "2018-09-03"),
    ("12 July 2018", "2018-07-12"),
    ("12th of July, 2018", "2018-07-12"),
    ("Thursday, July 12, 2018", "2018-07-12"),
    ("  12 july 2018 ", "2018-07-12"),
    ("2018-02-30", None),
    ("12/07/2018", None),
    ("July 2018", None),
    ("yesterday", None),
    ("", None),
    (None, None),
    (20180712, None),
])
def test_parse_date(s, iso):
    assert parse_date(s) == iso


# ---------------------------------------------------------------- property

_chunk = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
    | st.sampled_from("\n\t \r.:#"),
    max_size=20,
) | st.sampled_from([" date ", "date: ", "2018-07-12", "July 12, 2018", "Date", "title: ",
                     "\n\n", "Headline here\n", "\u2028", "\x85", "said.", "“quoted”"])
_text = st.lists(_chunk, min_size=1, max_size=12).map("".join)


@settings(max_examples=300, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_text, newline=st.sampled_from(["\n", "\r\n", "\r"]), bom=st.booleans())
def test_property_text_matches_python_text_mode(tmp_path, text, newline, bom):
    body = text.replace("\r", "").replace("\n", newline)
    data = (b"\xef\xbb\xbf" if bom else b"") + body.encode("utf-8")
    p = tmp_path / "prop.txt"
    p.write_bytes(data)
    expected = open(p, encoding="utf-8-sig").read()
    w = Warnings()
    if not expected.strip():
        with pytest.raises(ReportReadError):
            read_report(p, on_warning=w)
        return
    try:
        r = read_report(p, on_warning=w)
    except ReportReadError as e:  # only "nothing but metadata" may be refused
        assert "metadata" in str(e)
        return
    assert r.text == expected
    assert 0 <= r.body_start < len(r.text)
    assert r.text[r.body_start:].strip()
    assert not r.text[r.body_start].isspace()
    if r.title_span is not None:
        s, e = r.title_span
        assert r.body_start <= s < e <= len(r.text)
        assert "\n" not in r.text[s:e]
    assert all("metadata" in m for m in w)  # never a decoding warning for valid UTF-8


def test_permission_error_skipped_even_as_root(tmp_path, monkeypatch):
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "b.txt", BODY)
    real = os.open

    def fake(path, *args, **kwargs):  # the reader opens files with os.open (bounded reads)
        if os.path.basename(os.fspath(path)) == "a.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake)
    reports, w = read_all(tmp_path)
    assert [r.id for r in reports] == ["b"]
    assert len(w) == 1 and "a.txt" in w[0] and "permission" in w[0]
