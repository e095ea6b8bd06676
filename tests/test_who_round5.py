"""Who said what, fifth round (issue 9): long titles with an "of" phrase, coordinated
sources, a body named once and then "the company", nested attributions, and what invented
articles in further outlet styles showed. Every sentence here is invented for the test; no
rule is keyed to a name in them.
"""
import pytest
from hypothesis import given, settings, strategies as st

from test_who_said_what import by_content, said


# ----------------------------------------------------------------- a title with an "of" phrase


@pytest.mark.parametrize("title, name", [
    ("Secretary of State", "John Kerry"),
    ("Minister of Finance", "Ana Ruiz"),
    ("Chancellor of the Exchequer", "Rachel Reeves"),
    ("Secretary of Homeland Security", "Ana Ruiz"),
    ("Attorney General of Texas", "Ken Paxton"),
    ("Head of Research", "Tom Ash"),
    ("Director of Public Health", "Ana Ruiz"),
])
def test_title_with_of_phrase_is_the_role_and_the_name_is_the_speaker(title, name):
    for t in (f"{title} {name} said the plan would go ahead next week.",
              f"The plan will go ahead next week, {title} {name} told reporters."):
        s = by_content(t, "go ahead next week")
        assert s.speaker_name == name, (t, s.speaker_name)
        assert s.speaker_type == "person"
        assert s.speaker_role and s.speaker_role.endswith(title.split()[-1]), s.speaker_role


def test_the_surname_later_is_the_titled_person():
    t = ("Secretary of State John Kerry met the envoy on Monday.\n\n"
         "Kerry said the talks would resume in March.")
    s = by_content(t, "talks would resume")
    assert s.speaker_name == "John Kerry"
    assert s.speaker_role == "Secretary of State"


def test_one_word_department_then_surname():
    t = "Secretary of Defense Hale said the troops would stay until June."
    assert by_content(t, "troops would stay").speaker_name == "Hale"


def test_a_body_after_of_is_not_a_person():
    for t in ("The Secretary of State Department affairs said the rule was new.",
              "Minister of State Security said the rule was new."):
        for s in said(t):
            assert s.speaker_name not in ("Department affairs", "Security", "State Security")


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["Secretary", "Minister", "Chancellor", "Director"]),
       st.sampled_from(["State", "Health", "Foreign Affairs", "the Interior", "Energy"]),
       st.sampled_from(["Ana Ruiz", "Tom Ash", "Maria Costa", "Paul Orme", "Lena Hart"]))
def test_title_of_department_never_gives_the_department(head, dept, name):
    t = f"{head} of {dept} {name} said the figures were wrong."
    s = by_content(t, "figures were wrong")
    assert s.speaker_name == name
