"""Report text printed on a terminal never carries control characters raw."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claims.terminal import visible

HOSTILE = [
    "\x1b]0;owned\x07",  # retitle the terminal
    "\x1b[31mred\x1b[0m",  # recolour
    "\x9b31m",  # C1 CSI
    "a\rb",  # overwrite the line
    "evil\u202egnp.exe",  # right-to-left override
    "x\x00y\x7fz",
]


def test_hostile_sequences_are_shown_not_sent():
    for text in HOSTILE:
        out = visible(text)
        assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in out), out
        assert "\u202e" not in out


def test_escape_names_say_what_was_there():
    assert visible("a\x1b[31mb") == "a\\e[31mb"
    assert visible("line\nnext\ttab") == "line\\nnext\\ttab"
    assert visible("bidi\u202e") == "bidi\\u202e"


def test_plain_text_and_non_latin_scripts_unchanged():
    for text in ["Merten told lawmakers “we will act”.", "Peña Nieto", "東京で発言した", "Привет"]:
        assert visible(text) == text


def test_lone_surrogate_printable():
    assert visible("bad\udcff.txt") == "bad\\udcff.txt"
    visible("bad\udcff.txt").encode("utf-8")


@given(st.text())
def test_any_text_becomes_one_printable_line(text):
    out = visible(text)
    out.encode("utf-8")  # never a lone surrogate
    assert "\n" not in out and "\r" not in out and "\x1b" not in out
    assert all(not (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F) for c in out)
