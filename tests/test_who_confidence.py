"""Who said what (issue 9, "abstain rather than mislead"): every attributed statement carries
an ``attribution_confidence`` in [0, 1], a plainly named speaker scores above 0.8 and above
an unresolved pronoun, and claims of the report itself carry none. The abstentions of each
construction (an empty ``speaker_name``, a confidence of at most 0.6) are tested in that
construction's file.
"""
import claims

from _who_helpers import by_content, said  # one-report helpers shared by the who tests


# ----------------------------------------------------------------- attribution confidence


def test_every_attributed_statement_has_a_confidence():
    t = ("Ana Ruiz, the mayor of Tula, said the market would reopen in May. "
         "“It will be busier than ever,” she said.")
    st = said(t)
    assert st
    for s in st:
        c = s.attribution_confidence
        assert c is not None and 0.0 <= c <= 1.0


def test_named_speaker_more_confident_than_unresolved_pronoun():
    named = by_content("Ana Ruiz said the market would reopen in May.", "the market")
    loose = by_content("He said the market would reopen in May.", "the market")
    assert loose.speaker_name is None
    assert named.attribution_confidence > loose.attribution_confidence


def test_confidence_above_point_eight_for_plain_named_speech():
    s = by_content("Ana Ruiz, the mayor of Tula, said the market would reopen in May.",
                   "the market")
    assert s.attribution_confidence > 0.8


def test_claims_of_the_report_have_no_attribution_confidence():
    rep = claims.Report(id="t", text="The bridge cost $4 million in 2019.", source="t")
    for s in claims.extract_report(rep):
        if s.kind == "claim":
            assert s.attribution_confidence is None
