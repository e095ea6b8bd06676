import pytest
from hypothesis import given, settings, strategies as st

from claims.extraction.checkworthiness import REASONS, claim_score, is_claim, score


@pytest.mark.parametrize("text,reason", [
    ("The county hired 340 nurses last spring.", "number"),
    ("The program will cost taxpayers $1.2 billion over a decade.", "money"),
    ("Fares went up by 12 euros in two years.", "money"),
    ("Turnout reached 61 percent in the northern districts.", "percentage"),
    ("Inflation hit 7.5% in the capital.", "percentage"),
    ("The plant closed in March 2019 after a fire.", "date"),
    ("The plant closed on Wednesday after a fire.", "date"),
    ("Exports to Peru are higher than they were under the old treaty.", "comparison"),
    ("It is the tallest dam on the continent.", "comparison"),
    ("Applications doubled after the rule changed.", "comparison"),
    ("The clinic treated 45 patients a day, or 300 people a week.", "quantity"),
    ("Thousands of residents left the valley.", "quantity"),
    ("The bridge failed because the cables corroded.", "causal"),
    ("The outage led to a week of delays at the port.", "causal"),
    ("Governor Ellen Marsh vetoed the housing bill.", "named actor doing something"),
])
def test_reasons(text, reason):
    s, reasons = score(text)
    assert reason in reasons
    assert 0.0 <= s <= 1.0


def test_no_reasons_for_plain_opinion():
    s, reasons = score("It is a lovely place to be.")
    assert reasons == []
    assert s < 0.2


def test_factual_figures_outrank_opinion_and_questions():
    strong, _ = score("The ministry spent $40 million on 12 new ferries in 2020, "
                      "more than twice its 2019 budget.")
    weak, _ = score("This is a disgrace and everyone knows it.")
    question, _ = score("Will the ministry spend $40 million on ferries?")
    assert strong > 0.7
    assert weak < 0.3
    assert question < strong


def test_not_every_est_word_is_a_superlative():
    _, reasons = score("The protest at the forest reached the west gate.")
    assert "comparison" not in reasons


@pytest.mark.parametrize("text,expected", [
    ("The agency spent $40 million on the program in 2019.", True),
    ("Unemployment fell to 4.1 percent in June, its lowest level since 2008.", True),
    ("Did the agency spend $40 million on the program?", False),  # question
    ("Spending up 40%", False),  # headline fragment, no full stop
    ("Prices rose.", False),  # too short
    ("I think the agency spent far too much on 12 ferries.", False),  # first person
    ("Read more: the agency spent $40 million on ferries.", False),  # page furniture
    ("The weather was pleasant and the crowd was cheerful all afternoon.", False),  # nothing
])
def test_is_claim(text, expected):
    assert is_claim(text) is expected
    assert (claim_score(text) is not None) is expected


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_score_total_on_any_text(text):
    s, reasons = score(text)
    assert 0.0 <= s <= 1.0
    assert all(r in REASONS for r in reasons)
    assert len(set(reasons)) == len(reasons)
    assert isinstance(is_claim(text), bool)


def test_long_caption_without_full_stop_is_a_claim_short_fragment_is_not():
    caption = ("Governor Ana Ruiz (right), who met the mayor in May at a trade fair, vetoed "
               "the port budget after the council cut $40 million from schools")
    assert is_claim(caption)
    assert not is_claim("Governor vetoes port budget after council cut")
