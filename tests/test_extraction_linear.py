"""Extraction time is linear in a paragraph's length (issue 14).

For each adversarial family a one-paragraph report of ~200 KB must extract in at most about
ten times the time of ~20 KB (plus a margin for a loaded machine): a quadratic step would take
a hundred times as long. The figures for 10 KB / 100 KB / 1 MB are printed by
``tests/benchmarks/bench_adversarial.py``.
"""
from __future__ import annotations

import time

import pytest

from claims.extraction.pipeline import extract_report
from claims.reports import _finish

FAMILIES = {
    "said": '"a" said b, ',
    "said_sent": '"A claim here," said Smith. ',
    "nopunct": "the plan would cut taxes for families and ",
    "quotes": '" ',
    "curly_open": "“a said ",
    "singles": "'a ",
    "commas": "a, ",
    "caps": "Aaa Bbb Ccc ",
    "according": "according to a, ",
    "unbalanced": '"a said b "c ',
    "colons": "a: b: ",
    "long_sentence": "the senator said that the plan would fail and ",
    "same_speaker": "Smith said the plan failed. He said it would work. ",
    "quoted_sentences": '"A," he said. "B is so." ',
    "sentences": "A. B. C. Mr. Smith. U.S. Jan. ",
    "asked": "Asked about it, he said no. ",
    "polls": "In a CNN poll, Clinton led Trump. ",
    "who": "Smith, who said it, denied it. ",
    "seem": "The court seemed to rule. It is expected to fail. ",
    "parens": "(a) said (b) ",
    "headline": "Aaa Bbb\nSmith said it. ",
    # a role word named before ("Conductor Ann Lee", "Ann Lee, the new conductor") and
    # looked up for "the conductor said"; "As X put it" openings
    "role": ("Conductor Ann Lee spoke. Bo Li, the new conductor, sat. The conductor said the "
             "plan would fail. "),
    "as_states": "As the report states: “It failed.” As Ann Lee put it, it was bad. ",
}


def _cpu_seconds(unit: str, size: int) -> float:
    text = (unit * (size // len(unit) + 1))[:size]
    t0 = time.process_time()
    report = _finish("r", text, "r", encoding="utf-8", warnings=[])
    extract_report(report)
    return time.process_time() - t0


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_extraction_time_grows_linearly(family):
    unit = FAMILIES[family]
    _cpu_seconds(unit, 2_000)  # warm-up
    small = _cpu_seconds(unit, 20_000)
    large = _cpu_seconds(unit, 200_000)
    assert large < 15 * small + 1.5, (family, small, large)
    assert large < 10.0, (family, large)
