"""Who said what (issue 9, content boundaries): where a statement's content starts and ends --
that-clauses after a hearer or a subordinate clause, a cue inserted in the content ("Her son,
she said, had been ..."), noun cues as a sentence's subject, a quantifier opening the
clause, wire datelines, and nested reports of speech (each inner report its own speaker's).
Every sentence is invented for the tests.
"""
import pytest
from hypothesis import given, settings, strategies as st

from _who_helpers import CLAUSES, by_content, said  # one-report helpers shared by the who tests


# ----------------------------------------------------------------- that-clauses


def test_that_clause_after_a_subordinate_still_is_the_content():
    s = said("He said, as he left the court on Monday, that he would appeal the ruling.")
    assert len(s) == 1 and "would appeal" in s[0].text


def test_told_a_hearer_that_keeps_the_that_clause():
    s = said("The plant will close, the firm told staff in a letter that it regretted the move.")
    assert any(x.text.startswith("that it regretted") for x in s)


def test_told_a_determined_hearer_then_the_clause():
    for t, frag in (("The firm told its staff the plant would close.", "the plant would close"),
                    ("The minister told his cabinet colleagues a deal was close.",
                     "a deal was close")):
        s = said(t)
        assert len(s) == 1 and s[0].text == frag, [x.text for x in s]


def test_told_a_named_outlet_then_the_clause():
    for t in ("A source told MailOnline the couple had kept the news secret for months.",
              "A source told Reuters the company had kept the news secret for months."):
        s = by_content(t, "secret for months")
        assert s.text.startswith("the co"), s.text


def test_declined_to_comment_but_said_is_two_statements():
    s = said("A spokeswoman, Kim Tran, declined to comment on the plans but said the company "
             "was investing heavily.")
    assert [x.text for x in s] == ["to comment on the plans", "the company was investing heavily"]
    assert all(x.speaker_name == "Kim Tran" for x in s)
    s = said("China pledged to cap and then gradually reduce its emissions.")
    assert len(s) == 1 and s[0].text.endswith("reduce its emissions")


def test_said_more_tests_were_needed_is_a_statement():
    t = ("Dr. Ruth Okoye, a virologist at Maple University, told the Herald that the strain "
         "was mild. Okoye said more tests were needed.")
    assert by_content(t, "more tests were needed").speaker_name == "Ruth Okoye"


def test_said_more_than_is_no_statement():
    assert said("The senator said more than she meant to.") == []


# ----------------------------------------------------------------- a cue inserted in the content


def test_subject_before_an_inserted_cue_belongs_to_the_content():
    for t, want in (("Her son, she said, had been hospitalized twice with asthma.",
                     "Her son had been hospitalized twice with asthma"),
                    ("The bridge, engineers said on Monday, would carry 40,000 cars a day.",
                     "The bridge would carry 40,000 cars a day")):
        s = said(t)
        assert len(s) == 1 and s[0].text == want, [x.text for x in s]
        assert len(s[0].content_spans) == 2


def test_a_fronted_adverbial_is_not_a_subject():
    s = said("In March, she said, the plan was dropped.")
    assert len(s) == 1 and s[0].text == "the plan was dropped"


_SUBJ = st.sampled_from(["Her son", "The plan", "The new bridge", "Their daughter"])
_SPK = st.sampled_from(["she said", "he said", "officials said", "the mayor said"])


@settings(max_examples=40, deadline=None)
@given(_SUBJ, _SPK, CLAUSES)
def test_inserted_cue_pieces_index_the_text(subj, spk, clause):
    text = f"{subj}, {spk}, would be delayed because {clause}."
    for s in said(text):
        for a, b in s.content_spans or [(s.content_start, s.content_end)]:
            assert text[a:b] in s.text
        if s.content_spans:
            assert s.text.startswith(subj)


# ---------------------------------------------------------------- noun cues as a sentence's subject


def test_noun_cue_subject_content_ends_before_the_sentences_verb():
    for t, want in (("The union's claim that beds had been closed was disputed by the ministry.",
                     "that beds had been closed"),
                    ("Ana Ruiz's claim that the vote was rigged has been rejected by the court.",
                     "that the vote was rigged"),
                    ("The senator's warning that the bridge was unsafe went unheeded.",
                     "that the bridge was unsafe")):
        s = said(t)
        assert len(s) == 1 and s[0].text == want, [x.text for x in s]


def test_description_before_a_possessive_noun_cue_is_the_speaker():
    s = by_content("The union's claim that beds had been closed was disputed by the ministry.",
                   "beds had been closed")
    assert s.speaker_name == "union"
    s = by_content("The senator's warning that the bridge was unsafe went unheeded.", "unsafe")
    assert s.speaker_name == "senator"


def test_a_contraction_is_no_possessive_speaker():
    t = ("That’s not to suggest that the new judge can’t be impartial because he is from "
         "Ohio.")
    for s in said(t):
        assert not s.text.endswith("because he")


# ----------------------------------------------------------------- wire datelines


def test_wire_dateline_is_not_part_of_the_content():
    t = ("Floods\n\nLIMA (Reuters) - Heavy rains have forced 40,000 people from their homes, "
         "the agency said on Sunday.\n\nWASHINGTON ― The plan is an insult to voters, top "
         "lawmakers said Friday.")
    assert by_content(t, "Heavy rains").text.startswith("Heavy rains")
    assert by_content(t, "insult to voters").text.startswith("The plan")
    s = by_content("NATO is a defensive alliance, the minister said.", "defensive")
    assert s.text.startswith("NATO")


def test_a_wire_dateline_with_a_state_is_no_content():
    t = ("REDDING, Calif. (AP) — A fast-moving wildfire forced thousands of people to flee "
         "their homes Sunday, officials said.")
    s = by_content(t, "wildfire")
    assert s.text.startswith("A fast-moving wildfire")


# ----------------------------------------------------------------- nested reports of speech


@pytest.mark.parametrize("t, outer, inner, inner_text", [
    ("Mayor Ana Ruiz said that the police chief had told her that crime was falling.",
     "Ana Ruiz", "police chief", "crime was falling"),
    ("Ruiz said Tom Ash had told him the deal was off.", "Ruiz", "Tom Ash", "the deal was off"),
    ("The embassy said Lena Hart told officials that she was safe and well.", "embassy",
     "Lena Hart", "she was safe"),
])
def test_a_nested_report_of_speech_is_its_own_speakers(t, outer, inner, inner_text):
    sts = said(t)
    outer_st = [s for s in sts if "told" in s.text]
    assert len(outer_st) == 1 and inner_text in outer_st[0].text  # X said all of it
    assert outer in (outer_st[0].speaker_name or "")
    inner_st = [s for s in sts if "told" not in s.text and inner_text in s.text]
    assert len(inner_st) == 1, [(s.text, s.speaker_name) for s in sts]
    # the inner content alone is its own speaker's, never the outer speaker's
    assert inner in (inner_st[0].speaker_name or ""), inner_st[0].speaker_name


def test_a_belief_or_a_pronoun_inside_a_report_stays_with_the_outer_speaker():
    for t in ("Ruiz said Tom Ash thinks the deal is off.",
              "Ruiz said he had told the board the deal was off."):
        sts = said(t)
        assert all(s.speaker_name != "Tom Ash" for s in sts)
        assert len([s for s in sts if "deal" in s.text]) == 1, [
            (s.text, s.speaker_name) for s in sts]


def test_poll_respondents_inside_a_poll_are_not_speakers_of_their_own():
    t = ("A Gallup poll found that 60 percent of voters said they would back the plan, and "
         "half said taxes were too high.")
    sts = said(t)
    assert not [s for s in sts if (s.speaker or "").lower().startswith("60 percent")]
    assert [s for s in sts if "60 percent" in s.text and "poll" in (s.speaker or "")]


def test_a_second_report_joined_by_and_ends_the_first():
    t = ("The government said Ana Ruiz had told the envoy by telephone that she was safe "
         "and the army said it was guarding her home.")
    sts = said(t)
    ruiz = [s for s in sts if s.text.startswith("that she was safe")]
    assert len(ruiz) == 1 and ruiz[0].speaker_name == "Ana Ruiz" and "army" not in ruiz[0].text
    army = [s for s in sts if s.text.startswith("it was guarding")]
    assert len(army) == 1 and army[0].speaker_name == "army"


# ----------------------------------------------------------------- sixth round (first names that are words, genders, probes)


@pytest.mark.parametrize("cue", ["said", "told officials", "argued"])
def test_but_that_continues_the_reported_clause(cue):
    t = (f"The minister {cue} that the talks had stalled, but that a deal could still be "
         "reached by June.")
    s = by_content(t, "talks had stalled")
    assert s.text.endswith("reached by June"), s.text


def test_but_alone_still_ends_the_report():
    t = "The minister said the talks had stalled, but the markets rose on Monday."
    s = by_content(t, "talks had stalled")
    assert "markets" not in s.text


def test_a_relative_that_after_said_does_not_open_the_content():
    t = ("A source said the parts of the network that were hacked held no customer data.")
    s = by_content(t, "held no customer data")
    assert s.text.startswith("the parts of the network"), s.text


def test_according_to_stops_at_a_real_sentence_end():
    t = "The fire had grown, according to the U.S. Next week the crews will arrive."
    s = by_content(t, "fire had grown")
    assert "Next" not in (s.speaker or "")


@pytest.mark.parametrize("second", ["urged", "told", "warned"])
def test_and_then_a_verb_of_saying_is_the_speakers_next_act(second):
    t = (f"Clinton said she had released 30 years of tax returns and {second} her rivals to "
         "do the same.")
    s = by_content(t, "30 years of tax returns")
    assert "rivals" not in s.text, s.text


def test_and_said_after_a_named_inner_subject_stays_in_the_report():
    t = ("Campaign spokesman Nick Merrill said Machado promised to continue supporting "
         "Clinton and said she would stand up to the attacks.")
    s = by_content(t, "continue supporting")
    assert s.speaker_name == "Nick Merrill"


def test_a_quote_before_and_said_belongs_to_the_clause_before():
    t = "The senator praised the plan as “a real step forward,” and said it would pass."
    for s in said(t):
        assert (s.speaker or "").strip().lower() != "and"
    assert by_content(t, "it would pass").speaker_name == "senator"


@pytest.mark.parametrize("apposition", ["director of the Harbor Institute's sea project",
                                        "a retired director", "the city's mayor",
                                        "a professor of economics at Yale"])
def test_according_to_a_name_and_its_role_the_content_starts_after_the_role(apposition):
    t = f"According to Ray Dunne, {apposition}, ships have been near the shoal every day."
    s = by_content(t, "near the shoal")
    assert s.text.startswith("ships have been"), s.text
    assert s.speaker_name == "Ray Dunne"


@pytest.mark.parametrize("clause", ["the economy, once strong, is now weak",
                                    "the ships, which are old, have been near the shoal"])
def test_according_to_a_name_then_a_clause_with_commas_keeps_the_whole_clause(clause):
    s = by_content(f"According to Ray Dunne, {clause}.", clause.split(",")[-1].split()[-1])
    assert s.text == clause, s.text


def test_according_to_a_source_with_a_grouped_number_keeps_the_whole_source():
    t = ("Early farmers ate more fish than thought, according to a study of 9,000-year-old "
         "teeth published on Wednesday.")
    s = by_content(t, "Early farmers")
    assert s.text == "Early farmers ate more fish than thought", s.text
    assert "000-year-old" not in s.text


@pytest.mark.parametrize("number", ["40", "9,000", "2,093", "1.5 million"])
def test_a_number_right_after_the_cue_opens_the_content(number):
    s = by_content(f"Police said {number} people were hurt in the crash.", "were hurt")
    assert s.text.startswith(number), s.text


def test_a_day_of_the_month_after_the_cue_is_still_skipped():
    s = by_content("Police said March 3 that 40 people were hurt.", "were hurt")
    assert "March" not in s.text and "40 people" in s.text


@pytest.mark.parametrize("quantity", ["at least 200", "up to 200", "nearly 200", "roughly 200",
                                      "as many as 200", "at most 20", "more than 200"])
def test_a_quantity_right_after_the_cue_opens_the_content(quantity):
    t = f"Amnesty director Ines Varga said {quantity} people had been arrested."
    s = by_content(t, "had been arrested")
    assert s.text.startswith(quantity), s.text
    assert s.speaker_name == "Ines Varga"


def test_at_a_place_after_the_cue_is_still_skipped():
    s = by_content("Police said at the scene that 200 people had been arrested.", "arrested")
    assert s.text == "that 200 people had been arrested"


@pytest.mark.parametrize("source", ["two U.S. officials who spoke on condition of anonymity",
                                    "a U.N. report seen by reporters"])
def test_according_to_a_source_with_an_abbreviation_before_a_lower_case_word(source):
    s = by_content(f"According to {source}, the ships carry about 2,000 sailors.", "ships carry")
    assert s.text == "the ships carry about 2,000 sailors", s.text
