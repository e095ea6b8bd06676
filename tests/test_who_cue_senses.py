"""Who said what (issue 9, "cue words in other senses"): when a cue word reports speech and
when it does not -- "added 95,000 jobs", "charged 12 officers", "reported income", "adds to
concerns that", bare "allege", commitments that are negated or not ("would not agree to
affirm"), a speakerless "expected to discuss" -- and the learned cue model
(``cue_model.py``) that admits candidates only with a speaker a reviewer can check.
"""
import json

import pytest

from claims.extraction import attributions as A
from claims.extraction import cue_model
from claims.extraction.sentences import split_sentences

from _who_helpers import by_content, said  # one-report helpers shared by the who tests


# ----------------------------------------------------------------- cue words in other senses


def test_economy_added_jobs_is_not_speech():
    assert said("The economy added 95,000 jobs in March, the slowest pace in a year.") == []


def test_income_reported_on_tax_return_is_not_speech():
    t = "The income reported on her tax return was far lower than her salary."
    assert said(t) == []


def test_reported_income_is_not_speech():
    assert said("She reported income of $40,000 on her tax return.") == []


def test_agency_charged_officers_is_not_speech():
    assert said("The agency charged 12 officers with fraud last week.") == []


def test_charged_people_with_a_crime_is_not_speech():
    assert said("Police charged three men with burglary on Sunday.") == []


def test_charged_that_is_still_speech():
    s = by_content("The union charged that the council had broken the contract.",
                   "had broken the contract")
    assert s.speaker_name and "union" in s.speaker_name


def test_assumed_a_formation_is_not_speech():
    assert said("The team assumed a defensive formation in the second half.") == []


def test_best_supporting_actress_is_not_support():
    t = "Lena Dahl was named best supporting actress for playing a stubborn judge."
    assert said(t) == []


def test_maintains_a_number_of_miles_is_not_speech():
    t = "Norland Water, which maintains 300 miles of mains, raised its rates."
    assert all("miles of mains" not in s.text for s in said(t))


def test_add_to_a_noun_is_not_saying():
    t = ("Honeybees can keep track of four objects, a team reported on Thursday, adding to "
         "evidence that insects are smarter than they look.")
    assert not any("smarter than they look" in s.text for s in said(t))
    assert not any("law is weak" in s.text for s in
                   said("The ruling adds to concerns that the law is weak."))


def test_fragment_with_cue_in_other_sense_is_no_statement():
    t = ("The new tax, which calls that plan into question, passed on Tuesday. "
         "Farmers were furious.")
    assert all(s.speaker_name not in ("which", "Tax") for s in said(t))
    assert said(t) == []


# ----------------------------------------------------------------- bare "allege"


def test_plural_subject_with_bare_allege():
    for t, frag, who in (("Prosecutors allege that the two men stole drugs worth $80,000.",
                          "stole drugs", "prosecutors"),
                         ("Police allege the driver was drunk.", "driver was drunk", "police"),
                         ("Investigators allege the nurse forged the records.",
                          "forged the records", "investigators")):
        s = by_content(t, frag)
        assert (s.speaker_name or "").lower() == who


def test_allege_as_an_infinitive_is_no_statement():
    assert said("It is too early to allege anything.") == []


# --------------------------------------------------------------- commitments and embedded positions


@pytest.mark.parametrize("text", [
    "The senator would not agree to support the group's view that taxes must rise.",
    "The ministers did not agree to endorse the plan.",
    "Councilwoman Ida Berg never promised to reopen the library.",
    "The union has not pledged to end the strike.",
    "He wouldn't vow to keep the plant open.",
])
def test_negated_commitment_is_no_statement_by_the_subject(text):
    subject_words = {"senator", "ministers", "Berg", "union", "He"}
    for s in said(text):
        assert not ((s.speaker or "").split() and
                    (s.speaker or "").split()[-1] in subject_words), (s.text, s.speaker)


def test_negated_commitment_with_trailing_speaker_goes_to_that_speaker():
    text = ("The governor would not agree to endorse the union's claim that the plant would "
            "close next year, officials said.")
    got = said(text)
    assert any(s.speaker == "officials" and s.text.startswith("The governor would not")
               for s in got)
    assert not any("governor" in (s.speaker or "").lower() or
                   "governor" in (s.speaker_name or "").lower() for s in got)


def test_commitment_without_negation_is_still_read():
    s = by_content("The senator agreed to support the bill.", "to support the bill")
    assert s.speaker_name == "senator"


def test_would_not_affirm_a_position_is_not_speaker_of_inner_clause():
    t = ("Mayor Tim Dole would not agree to publicly affirm Ruritania's position that it "
         "would not fund construction of the canal.")
    for s in said(t):
        assert not (s.speaker_name == "Tim Dole" and "would not fund" in s.text)


def test_speakerless_expected_to_fragment_is_no_statement():
    t = "Ministers are expected to discuss security, trade and fishing rights in Oslo."
    for s in said(t):
        assert s.speaker_name is not None or s.text.strip() == ""


# ----------------------------------------------------------------- the learned cue model


def _gated(text):
    A.CANDIDATES = cands = []
    try:
        A.find_attributions(text, split_sentences(text))
    finally:
        A.CANDIDATES = None
    return cands


def test_cue_model_ships_as_json_with_named_weights():
    m = json.loads(cue_model.MODEL_PATH.read_text(encoding="utf-8"))
    assert 0 < m["threshold"] <= m["speech_threshold"] <= 1
    assert len(m["weights"]) > 100 and all(isinstance(v, float) for v in m["weights"].values())


def test_rejected_cue_is_a_candidate_with_the_rule_that_rejected_it():
    cands = _gated("Most farmers support the new water rules.")
    assert len(cands) == 1
    _, _, att, feats = cands[0]
    assert "g=nominal" in feats and "w=support" in feats
    assert 0.0 <= cue_model.probability(feats) <= 1.0


def test_title_case_headline_cue_is_admitted_by_the_model():
    t = "Governor Ross Calls Tax Plan ‘A Disgrace’ Over Cuts"
    atts = A.find_attributions(t, split_sentences(t))
    assert len(atts) == 1
    assert t[atts[0].source_span[0]:atts[0].source_span[1]] == "Governor Ross"


def test_candidate_with_no_speaker_is_never_admitted():
    assert not cue_model.speaker_like("Support for the plan grew.", None)
    t = "Support for the plan grew after the floods."
    assert A.find_attributions(t, split_sentences(t)) == []


def test_research_verb_with_a_person_is_still_rejected():
    t = "The mayor shows no sign of leaving the race this year."
    assert A.find_attributions(t, split_sentences(t)) == []
