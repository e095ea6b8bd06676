"""Shortcuts taken for speed give what the plain way gives: the per-process memos of the name
reader (at any offset; what a caller changes in its result does not leak into the next
caller's), the backward word scan of the role reader and the said_on gate for undated
reports."""
from __future__ import annotations

from dataclasses import asdict

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import names, roles, said_on

_WORDS = st.sampled_from(["Senator", "Ana", "Ruiz’s", "de", "la", "Cruz", "U.S.", "State",
                          "Department", "President", "Enrique", "Pena", "Nieto", "The",
                          "Skyline", "Rail", "Mr.", "NASA", "Linda", "Park", "X"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=6).map(" ".join), st.text(max_size=8),
       st.integers(1, 3))
def test_analyse_run_memo_same_as_fresh(run, before, times):
    text = before + run + " said."
    s, e = len(before), len(before) + len(run)
    fresh = [asdict(r) for r in names._analyse_run(text, s, e)]
    for _ in range(times):  # the first call fills the memo, the others read it
        assert [asdict(r) for r in names.analyse_run(text, s, e)] == fresh
    # the same run elsewhere in another text: same parts, moved
    other = "x" * 5 + run
    moved = [asdict(r) for r in names.analyse_run(other, 5, 5 + len(run))]
    assert moved == [asdict(r) for r in names._analyse_run(other, 5, 5 + len(run))]


def test_analyse_run_result_owned_by_caller():
    text = "President Enrique Pena Nieto said."
    first = names.analyse_run(text, 0, 28)
    assert first[0].tokens == ["Enrique", "Pena", "Nieto"] and first[0].title == "President"
    first[0].tokens.append("changed")
    first[0].kind = "other"
    again = names.analyse_run(text, 0, 28)
    assert again[0].tokens == ["Enrique", "Pena", "Nieto"] and again[0].kind == "person"


@settings(max_examples=300, deadline=None)
@given(_WORDS)
def test_classify_one_token_memo(word):
    assert names.classify_tokens([word]) == names._classify([word])
    assert names.classify_tokens([word]) == names._classify([word])  # from the memo


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["a", "Z", "9", "²", "_", "é", "’", "'", ".", "-", " ", "  ",
                                 "\n", "\u00a0", ",", "“", "(", "of"]), max_size=20).map("".join),
       st.integers(0, 40))
def test_last_word_same_as_regex(back, pos):
    pos = min(pos, len(back))
    m = roles._WORD_BACK.search(back, 0, pos)
    assert roles._last_word(back, pos) == (m.span(1) if m else None)


def _said_on_every_piece(text, pieces, anchor):
    """find_said_on without a report date, every piece scanned (no gate)."""
    found = [(m.start(), m.end(), m) for ps, pe in pieces for m in said_on._DATE.finditer(text, ps, pe)]
    found.sort(key=lambda t: 0 if t[0] <= anchor < t[1] else min(abs(t[0] - anchor),
                                                                 abs(t[1] - anchor)))
    for _, _, m in found:
        d = said_on.resolve_date(m, None)
        if d is not None:
            return d.isoformat()
    return None


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["July 12", ", 2018", " 2018-07-12", "12 July 2017", "on Tuesday",
                                 "yesterday", "Dec. 1", "1999", "said", " ", ", ", "May 3",
                                 "٢٠١٨", "last night", "07-12"]), max_size=10).map("".join),
       st.integers(0, 60), st.integers(0, 60))
def test_said_on_undated_same_as_every_piece(text, cut, anchor):
    cut = min(cut, len(text))
    pieces = [(0, cut), (cut, len(text))]
    assert said_on.find_said_on(text, pieces, anchor, None) == \
        _said_on_every_piece(text, pieces, anchor)


def test_said_on_undated_examples():
    text = "He said on Tuesday, July 12, 2018, that it was over."
    assert said_on.find_said_on(text, [(0, len(text))], 3, None) == "2018-07-12"
    assert said_on.find_said_on("He said on Tuesday.", [(0, 19)], 3, None) is None
    assert said_on.find_said_on("He said on Tuesday.", [(0, 19)], 3, "2018-07-12") == "2018-07-10"
