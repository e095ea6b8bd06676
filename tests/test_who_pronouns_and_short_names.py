"""Who said what (issue 9, "pronouns resolved to the wrong person"): pronouns ("she", "he",
"they", "you") and short names (a surname, "Ms X", a first name alone) resolved to the
person the report named -- skipping a name that did not speak, agreeing in gender and
number -- or abstaining. Every sentence is invented for the tests.
"""

from _who_helpers import by_content, said  # one-report helpers shared by the who tests


# ----------------------------------------------------------------- pronouns


def test_pronoun_skips_a_name_that_did_not_speak():
    t = ("Mara Tell said the plant would close. She spoke after meeting Governor Paul "
         "Brand. She said 200 workers would be offered new jobs.")
    s = by_content(t, "workers would be offered")
    assert s.speaker_name == "Mara Tell"


def test_pronoun_agrees_with_gender_of_first_name():
    t = ("Mary Holt said the school would stay open. The decision surprised Peter Vance, "
         "the head of the parents' council. He said the board had promised the opposite.")
    s = by_content(t, "the board had promised")
    assert s.speaker_name == "Peter Vance"


def test_she_after_a_man_named_in_between():
    t = ("Sara Lind said the talks had stalled. Her deputy, Tom Berg, was absent. She said "
         "a deal was still possible.")
    assert by_content(t, "a deal was still possible").speaker_name == "Sara Lind"


def test_a_role_naming_another_person_does_not_give_the_speaker_its_gender():
    t = ("Kellyanne Moore, a senior adviser for Mr. Hale, spoke on Monday.\n\n"
         "Ms. Moore said the changes were an expansion. Later she said the team would stay.")
    s = by_content(t, "team would stay")
    assert s.speaker_name == "Kellyanne Moore"


def test_they_with_no_speaker_before_is_the_group_opening_the_sentence_before():
    t = ("Researchers at the University of Leeds followed 12,000 people. They found that the "
         "benefit held for people over 80.")
    assert by_content(t, "benefit held").speaker_name == "researchers"
    t = "The doctors examined the boy on Monday. They said he was stable."
    assert by_content(t, "was stable").speaker_name == "doctors"


def test_they_after_no_group_subject_abstains():
    for t in ("Shares fell on Monday. They said the market was weak.",
              "Ana Lee met the miners. They said the mine was unsafe."):
        s = said(t)[0]
        assert s.speaker_name is None
        assert s.attribution_confidence <= 0.6


def test_you_is_never_a_speaker_name():
    s = by_content("You warned in October that the hospital would run out of beds.",
                   "run out of beds")
    assert s.speaker_name is None
    assert s.attribution_confidence <= 0.6


# ----------------------------------------------------------- surnames, titled surnames, first names


def test_the_surname_later_is_the_titled_person():
    t = ("Secretary of State John Kerry met the envoy on Monday.\n\n"
         "Kerry said the talks would resume in March.")
    s = by_content(t, "talks would resume")
    assert s.speaker_name == "John Kerry"
    assert s.speaker_role == "Secretary of State"


def test_a_titled_surname_is_the_full_name_met_anywhere_in_the_report():
    t = ("The chancellor, Rachel Amberley, is facing a revolt over pensions.\n\n"
         "Ms Amberley told the Commons on Tuesday that the reform would raise £3bn a year.")
    s = by_content(t, "raise £3bn")
    assert s.speaker_name == "Rachel Amberley"


def test_a_titled_surname_shared_by_two_people_follows_the_titles_gender_or_abstains():
    base = "Rachel Amberley and Tom Amberley run the farm near Leeds.\n\n"
    assert by_content(base + "Ms Amberley said the farm would close in May.",
                      "farm would close").speaker_name == "Rachel Amberley"
    assert by_content(base + "Mr Amberley said the farm would close in May.",
                      "farm would close").speaker_name == "Tom Amberley"
    t = "Rachel Amberley and Jo Amberley run the farm near Leeds.\n\n" \
        "Ms Amberley said the farm would close in May."
    assert by_content(t, "farm would close").speaker_name not in ("Rachel Amberley",
                                                                  "Jo Amberley")


def test_a_speakers_first_name_alone_is_that_speaker():
    t = ("Reality star Chloe Vance said the comments were cruel and sick.\n\n"
         "Chloe revealed she is expecting her first child in the spring.")
    assert by_content(t, "first child").speaker_name == "Chloe Vance"


def test_a_titled_word_is_a_surname_not_a_first_name():
    t = ("James Hale said the plan was dead.\n\n"
         "Mr. James, the treasurer, said the accounts were fine.")
    assert by_content(t, "accounts were fine").speaker_name != "James Hale"
