"""Who said what (issue 9 follow-up): coordinated speakers -- "X and Y said" names every one of
them or nobody, never one alone -- and "and" that joins no speakers: inside an organisation's
name or a role, an appositive on the second speaker, a clause before "and". Ends with the
command line run on a probe report. Every sentence is invented for the tests.
"""
import subprocess
import sys
import json

import pytest
from hypothesis import given, settings, strategies as st

from _who_helpers import _all_or_none, by_content, said  # helpers shared by the who tests


# ----------------------------------------------------------------- coordinated speakers


@pytest.mark.parametrize("subject, first, second", [
    ("Lena Fischer and Jon Berg", "Fischer", "Berg"),
    ("Priya Nair and Tomas Eklund", "Nair", "Eklund"),
    ("Dr. Helen Marsh and Paul Gray", "Marsh", "Gray"),
    ("Both Rosa Diaz and Karim Haddad", "Diaz", "Haddad"),
])
@pytest.mark.parametrize("cue", ["said", "told reporters", "argued"])
def test_two_named_speakers_are_named_together(subject, first, second, cue):
    s = by_content(f"{subject} {cue} the river had flooded twice since May.",
                   "the river had flooded")
    assert s.speaker_name and first in s.speaker_name and second in s.speaker_name
    assert " and " in s.speaker_name


@pytest.mark.parametrize("subject, names", [
    ("Smith and the Labour Party", ("Smith", "Labour Party")),
    ("The union and Ana Ruiz", ("union", "Ana Ruiz")),
    ("Ana Ruiz and Tom Ash", ("Ana Ruiz", "Tom Ash")),
    ("Ana Ruiz, Tom Ash and Paul Orme", ("Ana Ruiz", "Tom Ash", "Paul Orme")),
    ("Ruiz, Ash and Orme", ("Ruiz", "Ash", "Orme")),
    ("Ana Ruiz as well as the union", ("Ana Ruiz", "union")),
    ("The Labour Party and the Green Party", ("Labour Party", "Green Party")),
])
def test_coordinated_speakers_are_all_named_or_none(subject, names):
    for t in (f"{subject} said the vote had been rigged.",
              f"“The vote was rigged,” said {subject[0].lower() + subject[1:] if subject.startswith('The ') else subject}."):
        hits = [s for s in said(t) if "rigged" in s.text]
        assert len(hits) == 1, t
        assert _all_or_none(hits[0], *names), (t, hits[0].speaker_name)


def test_a_coordinated_name_later_keeps_both():
    t = ("Ana Ruiz said the vote was rigged.\n\n"
         "Ruiz and the union said they would appeal the result.")
    s = by_content(t, "would appeal")
    assert _all_or_none(s, "Ruiz", "union")


def test_an_opening_phrase_is_no_speaker_in_a_list():
    for t in ("In Paris, Tom Ash and Paul Orme said the deal was dead.",
              "However, Ash and Orme said the deal was dead.",
              "On Monday, Tom Ash and Paul Orme said the deal was dead."):
        s = by_content(t, "deal was dead")
        assert s.speaker_name and "Paris" not in s.speaker_name and "However" not in \
            s.speaker_name and "Monday" not in s.speaker_name, s.speaker_name
        assert _all_or_none(s, "Ash", "Orme")


@pytest.mark.parametrize("text", [
    "Mark Olsen and his wife, Ada, said the road was closed.",
    "Nora Quist and her husband, Leif, said the road was closed.",
    "In Tromso, Mark Olsen and his brother, Ivar, said the road was closed.",
])
def test_appositive_on_the_second_speaker_keeps_the_first(text):
    s = by_content(text, "the road was closed")
    first = text.split(" and ")[0].split()[-1]
    second = text.split(", ")[-2] if text.startswith("In ") else text.split(", ")[1]
    assert s.speaker_name and first in s.speaker_name and second in s.speaker_name


# ----------------------------------------------------------------- "and" inside one speaker


def test_and_inside_an_organisation_or_a_role_is_one_speaker():
    s = by_content("The Department of Health and Human Services said the rule would stand.",
                   "the rule would stand")
    assert s.speaker_type == "organization" and " and " in (s.speaker_name or "")
    s = by_content("Dan Ivers, director of research and policy at the Wren Institute, said "
                   "costs would rise.", "costs would rise")
    assert s.speaker_name == "Dan Ivers"


def test_and_inside_an_organisations_name():
    for t, want in (("The Food and Drug Administration said the drug was safe.",
                     "Food and Drug Administration"),
                    ("The Fish and Wildlife Service said the owl was endangered.",
                     "Fish and Wildlife Service")):
        s = by_content(t, "was")
        assert s.speaker_name == want
        assert s.speaker_type == "organization"


def test_spokesperson_for_a_body_with_and_in_its_name():
    s = by_content("A spokeswoman for the Norfolk Fire and Rescue Service said no one was hurt.",
                   "no one was hurt")
    assert s.speaker.startswith("A spokeswoman")
    assert "Fire" in (s.speaker_name or "") and "Rescue Service" in s.speaker_name


def test_one_company_with_and_in_its_name_stays_one_speaker():
    s = by_content("Procter and Gamble said its profits would rise by 5 percent next year.",
                   "profits would rise")
    assert s.speaker_name == "Procter and Gamble"


def test_an_appositive_with_and_is_one_person():
    s = by_content("Dan Gerstein, director of policy and an analyst, said the deal was dead.",
                   "deal was dead")
    assert s.speaker_name == "Dan Gerstein"


def test_a_clause_before_and_is_no_coordinated_speaker():
    s = by_content("The vote failed and Maria Lund said the council would meet again.",
                   "the council would meet again")
    assert s.speaker_name == "Maria Lund"


# ----------------------------------------------------------------- properties


_FIRST = ["Lena", "Jon", "Priya", "Tomas", "Rosa", "Karim", "Ada", "Ivar"]
_LAST = ["Fischer", "Berg", "Nair", "Eklund", "Diaz", "Haddad", "Olsen", "Quist"]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(_FIRST), st.sampled_from(_LAST), st.sampled_from(_FIRST),
       st.sampled_from(_LAST), st.sampled_from(["said", "says", "argued", "warned"]))
def test_property_coordinated_speakers_never_one_alone(f1, l1, f2, l2, cue):
    if l1 == l2:
        return
    s = by_content(f"{f1} {l1} and {f2} {l2} {cue} the ferry would stop running.",
                   "the ferry would stop")
    # a wrong speaker is worse than a missing one: if named, both are
    if s.speaker_name:
        assert l1 in s.speaker_name and l2 in s.speaker_name


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["Ana Ruiz", "Tom Ash", "Paul Orme", "Lena Hart",
                                 "the union", "the Labour Party", "Maria Costa"]),
                min_size=2, max_size=4, unique=True),
       st.sampled_from(["and", "as well as"]))
def test_never_one_of_several_coordinated_speakers(people, conj):
    subject = ", ".join(people[:-1]) + f" {conj} " + people[-1]
    subject = subject[0].upper() + subject[1:]
    t = f"{subject} said the ballots had been counted twice."
    for s in said(t):
        if s.speaker_name:
            bare = [p.replace("the ", "") for p in people]
            assert all(p in s.speaker_name for p in bare) or s.speaker_name is None, (
                t, s.speaker_name)


# ----------------------------------------------------------------- command line


def test_cli_extract_probe(tmp_path):
    report = tmp_path / "probe.txt"
    report.write_text(
        "Probe\n\n"
        "Lena Fischer and Jon Berg said the river had flooded twice since May.\n\n"
        "The mayor refused to approve the budget, council members said.\n",
        encoding="utf-8")
    out = tmp_path / "out.jsonl"
    subprocess.run([sys.executable, "-m", "claims.cli", "extract", str(report), "--jsonl",
                    str(out)], check=True, capture_output=True, text=True)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    got = {(r["text"], r["speaker_name"]) for r in rows if r["kind"] != "claim"}
    assert got == {("the river had flooded twice since May", "Lena Fischer and Jon Berg"),
                   ("The mayor refused to approve the budget", "council members")}
