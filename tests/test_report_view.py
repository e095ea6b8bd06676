"""The report view (claims/report_view.py, `claims show`): a self-contained HTML page with
every statement highlighted, checked in real headless Chromium."""
from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser

import numpy as np
import pytest

from _review_helpers import claims_cmd, make_reports, read_png
from claims.report_view import OWN_CLAIM_COLOUR, SPEAKER_COLOURS, render_report_html
from claims.store import Store

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class _Marks(HTMLParser):
    """Text of each <mark> by its data-statement, and the tags seen."""

    def __init__(self):
        super().__init__()
        self.marks: dict[str, list[str]] = {}
        self.colours: dict[str, str] = {}
        self.tags: set[str] = set()
        self._open = None

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == "mark":
            a = dict(attrs)
            self._open = a["data-statement"]
            self.marks.setdefault(self._open, []).append("")
            self.colours[self._open] = a["style"].split(":", 1)[1].strip()

    def handle_endtag(self, tag):
        if tag == "mark":
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self.marks[self._open][-1] += data


def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i:i + 2], 16) for i in (0, 2, 4))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("view")
    make_reports(root / "in")
    done = claims_cmd("run", root / "in", "--db", root / "claims.db", "-o", root / "out" / "review.xlsx",
                      "--workers", "1")
    assert done.returncode == 0, done.stderr
    return root


def test_untrusted_text_is_escaped_and_page_is_self_contained():
    text = 'He said "<script>alert(1)</script> & <img src=x onerror=alert(2)>" loudly.'
    a = text.index("<script>")
    st = {"id": "s1", "content_start": a, "content_end": text.index('" loudly'), "text": text[a:text.index('" loudly')],
          "kind": "direct", "speaker_name": "<b>Evil</b>", "claim_id": "C1\"><script>", "verdict": None}
    page = render_report_html("r<1>", text, [st], title="<script>x</script>", url="javascript:alert(1)")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page and "&lt;img" in page
    assert 'href="javascript' not in page
    for forbidden in ("<link", "src=\"http", "@import", "url("):
        assert forbidden not in page
    parser = _Marks()
    parser.feed(page)
    assert parser.marks == {"s1": [st["text"]]}
    assert "script" not in parser.tags


def test_interrupted_quote_is_marked_piece_by_piece():
    text = '"We will win," she said, "and soon."'
    spans = [[1, 12], [26, 35]]
    st = {"id": "q", "content_start": 1, "content_end": 35, "content_spans": spans, "text": "We will win, and soon.",
          "kind": "direct", "speaker_name": "Ann", "claim_id": "C9", "verdict": "False"}
    parser = _Marks()
    parser.feed(render_report_html("r", text, [st]))
    assert parser.marks["q"] == [text[1:12], text[26:35]]


def test_show_command_writes_the_page_and_refuses_an_unknown_report(project, tmp_path):
    out = tmp_path / "page.html"
    done = claims_cmd("show", "web-report-1", "-o", out, "--db", project / "claims.db")
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    assert "Ruiz defends the jobs figures" in page and "https://news.example/ruiz?a=1&amp;b=2" in page
    missing = claims_cmd("show", "no-such-report", "-o", tmp_path / "x.html", "--db", project / "claims.db")
    assert missing.returncode == 1 and "no-such-report" in missing.stderr and "Traceback" not in missing.stderr
    assert not (tmp_path / "x.html").exists()


def test_run_writes_the_views_the_workbook_links_to(project):
    views = project / "out" / "views"
    assert (views / "budget_debate.html").is_file() and (views / "web-report-1.html").is_file()


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_report_view_in_headless_chromium(project, tmp_path):
    page = tmp_path / "budget.html"
    done = claims_cmd("show", "budget_debate", "-o", page, "--db", project / "claims.db")
    assert done.returncode == 0, done.stderr
    with Store(str(project / "claims.db")) as store:
        frame = store.statements_frame()
    stmts = frame[frame["report"] == "budget_debate"]
    assert len(stmts) >= 3
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    shot = tmp_path / "shot.png"
    subprocess.run([CHROMIUM, *flags, f"--screenshot={shot}", "--window-size=1200,2000", page.as_uri()],
                   capture_output=True, timeout=120)
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True,
                         timeout=120).stdout
    assert shot.is_file() and "<mark" in dom

    # the DOM as Chromium parsed it: one mark (or one per piece) per statement, holding its words
    parser = _Marks()
    parser.feed(dom)
    assert "script" not in parser.tags  # the report's <script> is text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    for sid, text, spans in zip(stmts["id"], stmts["text"], stmts["content_spans"]):
        assert " ".join(parser.marks[sid]) == text, sid
    # one colour per speaker, the report's own claims grey
    by_speaker: dict = {}
    for sid, name, kind in zip(stmts["id"], stmts["speaker_name"], stmts["kind"]):
        by_speaker.setdefault(name if isinstance(name, str) else None, set()).add(parser.colours[sid])
    assert all(len(c) == 1 for c in by_speaker.values())
    speaker_colours = [next(iter(c)) for k, c in by_speaker.items() if k is not None]
    assert len(set(speaker_colours)) == len(speaker_colours) >= 2
    assert set(speaker_colours) <= set(SPEAKER_COLOURS)
    if None in by_speaker:
        assert by_speaker[None] == {OWN_CLAIM_COLOUR}

    # the screenshot: every speaker's colour is painted, in the text area, in a good amount
    img = read_png(shot)
    for colour in set(speaker_colours):
        hit = np.all(img == _hex(colour), axis=2)
        ys, xs = np.nonzero(hit)
        assert hit.sum() > 500, colour
        assert ys.min() > 60  # below the heading: the legend and the text
    # the text highlights are below the legend: more than the legend's swatch of each colour
    first = _hex(speaker_colours[0])
    rows = np.nonzero(np.all(img == first, axis=2).any(axis=1))[0]
    assert rows.max() - rows.min() > 40
