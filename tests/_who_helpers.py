"""One-report helpers shared by the who-said-what tests (``tests/test_who_*.py``, issue 9).

``said`` runs a text through ``claims.extract_report`` and keeps the attributed statements;
``by_content`` picks the one whose text contains a fragment. Every sentence the tests pass is
invented; none is taken from a corpus and no rule may be keyed to a name in them. A
construction the extractor does not get right yet is marked ``@ISSUE``
(``xfail(strict=True)``): when one starts passing, the mark must go (no test is marked today).
"""
import pytest
from hypothesis import strategies as st

import claims

ISSUE = pytest.mark.xfail(strict=True, reason="issue 9")


def said(text, date=None):
    """The attributed statements of a one-report text (claims of the report itself left out)."""
    rep = claims.Report(id="t", text=text, source="t", date=date)
    return [s for s in claims.extract_report(rep) if s.kind != "claim"]


def by_content(text, fragment, date=None):
    """The one statement whose text contains ``fragment``."""
    hits = [s for s in said(text, date) if fragment in s.text]
    assert len(hits) == 1, [(s.text, s.speaker_name) for s in said(text, date)]
    return hits[0]


def names(text):
    return [s.speaker_name for s in said(text)]


def _all_or_none(s, *names):
    """Coordinated speakers: every one named, or no name at all; never one of them alone."""
    got = s.speaker_name
    if got is None:
        return True
    return all(n in got for n in names)



# quoted clauses for the property tests (signed quotations, inserted cues)
CLAUSES = st.sampled_from(["the bridge has made my commute twice as long",
                           "fares went up again and the buses are still late",
                           "nobody asked the people who live here"])
