import pytest

from claims.extraction.context import attribution_context


def _ctx(sentence, content, cue, report_date="2021-03-11"):
    """Context of an attribution in a one-sentence text; ``content`` is masked out."""
    cs = sentence.index(content)
    return attribution_context(sentence, 0, len(sentence), [(cs, cs + len(content))],
                               sentence.index(cue), report_date)


# 2021-03-11 is a Thursday.
@pytest.mark.parametrize("phrase,expected", [
    ("on Thursday", "2021-03-11"),   # the report's own weekday: the report date
    ("Wednesday", "2021-03-10"),
    ("on Friday", "2021-03-05"),     # most recent Friday on or before the report date
    ("last Thursday", "2021-03-04"),
    ("yesterday", "2021-03-10"),
    ("on March 2", "2021-03-02"),
    ("on Dec. 30", "2020-12-30"),    # no year written, months after the report: last year
    ("on July 4, 2019", "2019-07-04"),
    ("last week", None),             # not a day
])
def test_said_on_resolution(phrase, expected):
    s = f"The mayor said {phrase} that the pool would close."
    assert _ctx(s, "the pool would close", "said").said_on == expected


def test_weekday_without_report_date_is_none_but_full_date_resolves():
    s = "The mayor told reporters on Tuesday that the pool would close."
    assert _ctx(s, "the pool would close", "told", None).said_on is None
    s = "The mayor said on 4 July 2019 that the pool would close."
    assert _ctx(s, "the pool would close", "said", None).said_on == "2019-07-04"


def test_date_inside_the_content_is_not_when_it_was_said():
    s = "“The works end on Friday, April 2,” the engineer said on Tuesday."
    c = _ctx(s, "“The works end on Friday, April 2,”", "said")
    assert c.said_on == "2021-03-09"


@pytest.mark.parametrize("sentence,content,cue,venue_part", [
    ("“We will appeal,” Ruiz told the Daily Ledger newspaper.", "“We will appeal,”", "told",
     "told the Daily Ledger newspaper"),
    ("“We will appeal,” Ruiz told KQED on Friday.", "“We will appeal,”", "told", "told KQED"),
    ("In a written statement, the council said fees would rise.", "fees would rise", "said",
     "In a written statement"),
    ("Ruiz said during a hearing Tuesday of the Senate Finance Committee that fees rose.",
     "fees rose", "said", "during a hearing Tuesday of the Senate Finance Committee"),
    ("Ruiz said in an interview with Radio Mitre that fees rose.", "fees rose", "said",
     "in an interview with Radio Mitre"),
    ("Ruiz wrote on Twitter that fees rose.", "fees rose", "wrote", "on Twitter"),
    ("Ruiz told reporters that fees rose.", "fees rose", "told", "told reporters"),
    ("An aide said in a conference call that fees rose.", "fees rose", "said",
     "in a conference call"),
])
def test_venue(sentence, content, cue, venue_part):
    v = _ctx(sentence, content, cue).venue
    assert v is not None and venue_part in v
    assert "Friday" not in v


def test_no_venue_when_none_written():
    s = "Ruiz said fees rose."
    assert _ctx(s, "fees rose", "said").venue is None


@pytest.mark.parametrize("sentence,hedge", [
    ("A Chilean diplomat reportedly said the deal was off.", "reportedly"),
    ("The envoy allegedly told the board that the deal was off.", "allegedly"),
])
def test_hedge_in_frame(sentence, hedge):
    assert _ctx(sentence, "the deal was off", "said" if "said" in sentence else "told").hedge \
        == hedge


def test_hedge_in_unquoted_content():
    s = "The two firms are said to be close to a merger, officials said."
    c = attribution_context(s, 0, len(s), [(0, s.index(","))], s.index("said."), None,
                            hedge_in_content=True)
    assert c.hedge == "are said to be"
