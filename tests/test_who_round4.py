"""Who said what, fourth round (issue 9): constructions found by reading invented articles in
styles the dev sets lack (sports, earnings, police, health, obituary, politics). Every
sentence here is invented for the test; no rule is keyed to a name in them.
"""
from test_who_said_what import by_content, said


# ----------------------------------------------------------------- "-ly" nouns after a determiner


def test_family_after_a_possessive_is_the_speaker_not_the_pronoun():
    for t, frag in (("Rosa Vidal has died at the age of 91, her family said.", "has died"),
                    ("The singer died on Monday, his family said.", "died on Monday"),
                    ("The twins were found safe, their family said.", "found safe")):
        s = by_content(t, frag)
        assert s.speaker is not None and "family" in s.speaker, s.speaker
        assert s.speaker_name != "Rosa Vidal"


def test_an_adverb_before_the_cue_is_still_skipped():
    s = by_content("The minister quickly said the plan was dead.", "plan was dead")
    assert s.speaker_name == "minister"


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
