"""Who said what (issue 9, "inverted and fronted order"): content before the cue ("CLAUSE,
X said", a quote then "Dora Kemp said", "As X put it, ..."), inverted cues ("says Ann Bo,
head of ...", "say engineers" inside the content), a clause of the writer's after a trailing
cue, and "told" that is never inverted. Every sentence is invented for the tests.
"""
import pytest

from _who_helpers import by_content, said  # one-report helpers shared by the who tests


# ----------------------------------------------------------------- inverted cue


def test_inverted_says_name_head_of():
    t = "Prices will fall next year, says Ann Bo, head of the grain board."
    s = by_content(t, "Prices will fall")
    assert s.speaker_name == "Ann Bo"


@pytest.mark.parametrize("subject, clause", [
    ("The delegates, who declined to be named,", "Saudi Arabia favoured a larger increase"),
    ("Two engineers, speaking in Vienna,", "Northgate Bridge needed new cables"),
    ("Security researcher Ian Bell, who spotted the data,", "the list was genuine"),
    ("The union, which represents 4,000 nurses,", "Dr. Lena Marsh misled the board"),
])
def test_a_name_and_a_verb_after_said_is_the_clause_not_an_inverted_speaker(subject, clause):
    # ", said NAME" reads as inverted only when the name ends the sentence or takes an
    # apposition; "said Saudi Arabia favoured ..." is the reported clause
    s = by_content(f"{subject} said {clause}.", clause.split()[-2])
    assert s.text.startswith(clause.split()[0]), s.text
    assert s.speaker_name is None or s.speaker_name not in clause


@pytest.mark.parametrize("speaker, name", [
    ("State Department spokeswoman Ana Ruiz", "Ana Ruiz"),
    ("Ana Ruiz, a retired judge", "Ana Ruiz"),
    ("retired general Tom Ash, who led the review", "Tom Ash"),
])
def test_inverted_speaker_with_a_role_still_reads_as_inverted(speaker, name):
    s = by_content(f"The plan is dead, said {speaker}.", "The plan is dead")
    assert s.speaker_name == name


def test_speaker_inside_the_content():
    t = "The new bridge, say engineers, will carry twice the traffic of the old one."
    s = by_content(t, "will carry twice the traffic")
    assert "engineer" in (s.speaker_name or "")


def test_trailing_description_say_then_but():
    t = "The lake is shallow enough to wade across, say hydrologists, but the mud is deep."
    s = by_content(t, "The lake is shallow")
    assert "hydrologist" in (s.speaker_name or "")


@pytest.mark.parametrize("text, speaker", [
    ("The reef is shallow, say oceanographers on Thursday, but the tide is rising.",
     "oceanographers"),
    ("Rents will climb, warned economists last week, although wages are flat.", "economists"),
    ("The dam is safe, said engineers on Friday, while residents remain worried.",
     "engineers"),
])
def test_inverted_cue_then_new_clause(text, speaker):
    got = said(text)
    assert [(s.text, s.speaker_name) for s in got] == [(text.split(",")[0], speaker)]


def test_quote_closed_by_comma_then_verb_and_name():
    t = "The pump room flooded at dawn.\n“Stay calm,” urged Ivo Penn, the night foreman."
    s = by_content(t, "Stay calm")
    assert s.speaker_name == "Ivo Penn"
    assert s.kind == "direct"


# ---------------------------------------------------------------- fronted content before ", X said"


def test_fronted_quote_then_name_said():
    t = "“We ran out of beds by noon,” Dora Kemp said."
    s = by_content(t, "We ran out of beds")
    assert s.speaker_name == "Dora Kemp"


def test_a_quote_then_name_age_told_me():
    t = "“I have never been edited,” Mr. King, 82, told me."
    s = by_content(t, "never been edited")
    assert "King" in (s.speaker_name or "")


def test_trailing_surname_told_outlet():
    t = ("Lena Ortiz, a port spokeswoman, said cranes were idle. Divers had searched the "
         "harbour twice but had found nothing, Ortiz told the Courier.")
    s = by_content(t, "Divers had searched the harbour")
    assert s.speaker_name == "Lena Ortiz"
    assert s.cue == "told"


def test_content_before_the_company_announced_adverbial():
    t = ("Norland Freight earned $3.1 billion in the first half of the year, the company "
         "announced on Tuesday, down from a year earlier.")
    s = by_content(t, "earned $3.1 billion")
    assert s.speaker_name == "Norland Freight"


def test_subordinate_clause_after_the_cue_leaves_the_fronted_content():
    for t, frag in (("Heavy rains have forced 40,000 people from their homes, the agency said "
                     "on Sunday, as rivers burst their banks for a second week in the north.",
                     "Heavy rains have forced"),
                    ("Prices rose 3 percent in May, the bureau said on Friday, after a flat "
                     "April and a weak March in most regions of the country.", "Prices rose"),
                    ("The plant will close in June, the firm said, amid a slump in orders from "
                     "carmakers across Europe and Asia this year.", "The plant will close")):
        s = said(t)
        assert len(s) == 1, [x.text for x in s]
        assert s[0].text.startswith(frag), s[0].text


def test_fronted_content_before_told_with_a_plain_hearer():
    for t, frag in (("Streamly will raise the price of its basic plan by $2 a month, the company "
                     "told subscribers in an email on Monday.", "Streamly will raise"),
                    ("The plant will close in June, the firm told its staff.",
                     "The plant will close")):
        s = said(t)
        assert len(s) == 1 and s[0].text.startswith(frag), [x.text for x in s]


@pytest.mark.parametrize("subject, verb, speaker", [
    ("The mayor", "refused to approve the budget", "council members"),
    ("The senators", "declined to back the treaty", "aides"),
    ("Governor Ruth Amsel", "promised to cut the tax", "officials"),
    ("The company", "agreed to pay the fine", "two people familiar with the talks"),
])
@pytest.mark.parametrize("cue", ["said", "say", "told Reuters"])
def test_fronted_clause_with_an_infinitive_goes_to_the_trailing_speaker(subject, verb,
                                                                       speaker, cue):
    text = f"{subject} {verb}, {speaker} {cue}."
    got = said(text)
    clause = f"{subject} {verb}"
    assert [(s.text, s.speaker) for s in got] == [(clause, speaker)]


def test_object_reading_before_a_trailing_speaker_is_nested():
    text = "The protocol called for the patient to be moved to a trauma center, sources said."
    got = said(text)
    assert [s.speaker for s in got] == ["sources"]
    assert got[0].text.startswith("The protocol called for")


def test_infinitive_content_never_runs_over_a_trailing_said():
    for text in ("The board voted to sell the plant, managers said.",
                 "She wants to run again, her aides say.",
                 "They plan to appeal the ruling, lawyers for the family said on Monday."):
        for s in said(text):
            assert not s.text.rstrip(".").endswith((" said", " say", " said on Monday")), \
                (text, s.text)


def test_a_stated_clause_before_a_trailing_speaker_keeps_its_speaker():
    # "insisting X" is a statement of its own: it stays, nested in the source's report
    text = ("Eva Lind and her aides are insisting the vote goes ahead on Friday, "
            "a source said.")
    got = said(text)
    assert any(s.speaker == "a source" and s.text.startswith("Eva Lind") for s in got)
    assert not any(s.text.endswith("a source said") for s in got)


# ----------------------------------------------------------------- fronted "As X put it"


def test_as_name_put_it_with_a_date_before_the_comma():
    t = "As Mayor Dana Kell put it on Tuesday, the city cannot keep borrowing."
    s = by_content(t, "the city cannot keep borrowing", date="2024-03-07")
    assert s.speaker_name == "Dana Kell"
    assert s.said_on == "2024-03-05"


def test_as_the_ministry_noted_in_a_report():
    s = by_content("As the ministry noted in its annual report, exports fell by a tenth.",
                   "exports fell by a tenth")
    assert s.speaker_name == "ministry"


def test_as_the_audit_states_colon_quote():
    t = ('The city approved the plan in 2019. As the audit states: "The money was never '
         'spent."')
    s = by_content(t, "The money was never spent")
    assert s.kind == "direct"
    assert "audit" in (s.speaker_name or "")


# ----------------------------------------------------------------- "told" is never inverted


@pytest.mark.parametrize("t, who", [
    ("A witness, who asked not to be named, told the Gazette she saw blood on the pavement.",
     "witness"),
    ("A witness who did not want to be named told the Gazette she saw blood on the pavement.",
     "witness"),
    ("A witness, who lives nearby, told reporters she saw blood on the pavement.", "witness"),
])
def test_after_told_comes_the_hearer_not_the_speaker(t, who):
    s = by_content(t, "saw blood")
    assert s.speaker_name == who and s.text.startswith("she saw blood")


@pytest.mark.parametrize("clause", ["whose son was hurt", "who lives nearby",
                                    "who added that it would close"])
def test_inverted_speaker_then_a_relative_clause_about_them(clause):
    s = by_content(f"The bridge was unsafe, said Ines Varga, {clause}.", "bridge was unsafe")
    assert s.speaker_name == "Ines Varga"
    assert s.text == "The bridge was unsafe"


# ----------------------------------------------------------------- "as X put it"


def test_clause_before_as_source_put_it():
    t = "Lobbyists are waging a quiet war on the new law, as the Daily Ledger put it on Tuesday."
    s = by_content(t, "quiet war")
    assert s.speaker_name == "Daily Ledger"
    assert not s.text.rstrip().endswith("as")
    t = "Prices will keep rising this year, as the minister said on Monday."
    assert by_content(t, "keep rising").text == "Prices will keep rising this year"


def test_parenthetical_as_source_put_it_quotes_what_follows():
    t = ("The governor, who owed his election to, as one aide put it, an “extreme makeover” "
         "run by consultants, left office in May.")
    s = by_content(t, "extreme makeover")
    assert s.text == "“extreme makeover”"
    assert "aide" in (s.speaker_name or "")


def test_quote_then_as_she_put_it():
    t = "Ann Lee spoke first. “We are broke,” as she put it."
    s = by_content(t, "We are broke")
    assert s.speaker_name == "Ann Lee"


def test_put_it_somewhere_is_no_cue():
    assert not [s for s in said("He put it in the bank on Monday morning before work.")
                if s.cue and "put" in s.cue]


def test_no_fronted_statement_when_the_source_opens_a_subordinate_clause():
    t = ("In a marble tower downtown, twenty analysts listened while Ana Ruiz, the former "
         "minister, opined on the state of the world.")
    assert not [s for s in said(t) if "twenty analysts" in s.text]
    # but a coordinated subject after the comma is read, both named
    t = "Tom Ash spoke first. It is all about reaching readers early, he and Ann Lee said."
    s = by_content(t, "reaching readers")
    assert s.speaker_name == "Tom Ash and Ann Lee"
    assert s.text == "It is all about reaching readers early"


def test_where_it_was_said_after_the_cue_is_no_second_cue():
    for venue in ("in his post", "in a blog post", "in a tweet on Monday"):
        t = f"The deal gives Apple unlimited discounts, Tom Sargent said {venue}."
        assert by_content(t, "unlimited discounts").speaker_name == "Tom Sargent", venue


def test_a_closing_the_report_said_ends_the_inner_content_and_speaks_itself():
    t = "The player has told the club he wants to leave, the report said."
    got = said(t)
    assert not [s for s in got if "report said" in s.text], [s.text for s in got]
    outer = [s for s in got if s.text.startswith("The player has told")]
    assert outer and outer[0].speaker_name == "report"


def test_a_document_by_a_possessive_owner_is_not_named_by_the_owner():
    t = ("A report from the Ferrow Board's inspector general was released on Monday. Staff "
         "were told not to disclose the breach, the report said.")
    s = by_content(t, "not to disclose")
    assert not (s.speaker_name or "").endswith(("'s", "\u2019s")), s.speaker_name
