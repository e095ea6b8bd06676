import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from claims.extraction import pipeline
from claims.extraction.pipeline import extract_report, statement_id, statements_frame
from claims.extraction.spans import Attribution
from claims.types import STATEMENT_COLUMNS, STATEMENT_KINDS, SPEAKER_TYPES, Report

from _extraction_helpers import span

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


# ------------------------------------------------------------------ assembly, hand-made spans
TEXT = (
    " date 2022-05-06 Harbor fees to double\n"
    "“The harbor fees will double,” Port Director Sam Okafor said on Wednesday, “and the "
    "ferries will stop at ten.”\n"
    "The authority spent $31 million on dredging in 2021, more than any other port.\n"
    "Is anyone listening?\n"
)
BODY = len(" date 2022-05-06 ")
TITLE = (BODY, TEXT.index("\n"))


def _fake_attributions(text, sentences):
    q1 = span(text, "“The harbor fees will double,”")
    q2 = span(text, "“and the ferries will stop at ten.”")
    idx = next(i for i, s in enumerate(sentences) if s.start <= q1[0] < s.end)
    title_q = span(text, "Harbor fees to double")  # an attribution inside the headline
    return [
        Attribution("direct", [q1, q2], span(text, "said"), span(text, "Sam Okafor"), idx, [idx]),
        Attribution("indirect", [title_q], None, None, 0, [0]),
    ]


@pytest.fixture
def fake_attributions(monkeypatch):
    monkeypatch.setattr(pipeline, "find_attributions", _fake_attributions)


def _report(**kw):
    base = dict(id="r1", text=TEXT, source="mem", date="2022-05-06", body_start=BODY,
                title_span=TITLE)
    base.update(kw)
    return Report(**base)


def test_assembles_interrupted_quote(fake_attributions):
    stmts = extract_report(_report())
    quote = [s for s in stmts if s.kind == "direct"]
    assert len(quote) == 1
    q = quote[0]
    assert q.text == "“The harbor fees will double,” “and the ferries will stop at ten.”"
    assert q.content_spans is not None and len(q.content_spans) == 2
    for s, e in q.content_spans:
        assert TEXT[s:e] in q.text
    assert q.content_start == q.content_spans[0][0] and q.content_end == q.content_spans[-1][1]
    assert q.speaker == "Sam Okafor" and TEXT[q.speaker_start:q.speaker_end] == "Sam Okafor"
    assert q.speaker_name == "Sam Okafor" and q.speaker_type == "person"
    assert q.speaker_role == "Port Director"
    assert q.cue == "said"
    assert q.said_on == "2022-05-04"  # Wednesday before Friday 2022-05-06
    assert q.paragraph == 2  # the headline line is paragraph 1
    assert q.sentence.startswith("“The harbor fees") and q.sentence.endswith("ten.”")
    assert q.report_date == "2022-05-06"
    assert "number" in q.check_reasons  # "ten"
    assert q.id == statement_id("r1", "direct", q.content_spans)


def test_headline_is_neither_attribution_nor_claim(fake_attributions):
    stmts = extract_report(_report())
    assert all(s.content_start >= TITLE[1] for s in stmts)


def test_report_claims(fake_attributions):
    stmts = extract_report(_report())
    claims = [s for s in stmts if s.kind == "claim"]
    assert [c.text for c in claims] == [
        "The authority spent $31 million on dredging in 2021, more than any other port."
    ]
    c = claims[0]
    assert c.speaker_type == "report" and c.speaker_name is None and c.speaker is None
    assert c.content_spans is None and c.text == TEXT[c.content_start:c.content_end]
    assert {"money", "number", "comparison"} <= set(c.check_reasons)
    assert c.checkworthiness >= 0.7
    assert c.paragraph == 3 and c.sentence == c.text


def test_sorted_unique_stable_and_frame(fake_attributions):
    a = extract_report(_report())
    b = extract_report(_report())
    assert [s.id for s in a] == [s.id for s in b]
    assert len({s.id for s in a}) == len(a)
    assert [s.content_start for s in a] == sorted(s.content_start for s in a)
    assert all(re.fullmatch(r"s[0-9a-f]{12}", s.id) for s in a)
    df = statements_frame(a)
    assert list(df.columns) == STATEMENT_COLUMNS
    assert len(df) == len(a)
    assert isinstance(df.loc[0, "check_reasons"], list)
    claim_row = df[df.kind == "claim"].iloc[0]
    assert claim_row["speaker_start"] is None and claim_row["cue_end"] is None
    direct_row = df[df.kind == "direct"].iloc[0]
    assert type(direct_row["speaker_start"]) is int
    assert list(statements_frame([]).columns) == STATEMENT_COLUMNS


def test_empty_and_metadata_only_reports():
    assert extract_report(Report(id="e", text="", source="mem")) == []
    assert extract_report(Report(id="e", text=" date 2020-01-01 ", source="mem",
                                 body_start=17)) == []


# ------------------------------------------------------------------ properties, real stages
_WORDS = st.sampled_from(
    "the said told he she it they Smith John Smith Agency “ ” \" , . ? ! $5 million 40% "
    "on Tuesday in a statement according to officials reportedly \n \n\n A The senior official"
    " added that more than ’ ‘ : — ( ) é 2019 July 4".split(" ")
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_WORDS, st.text(max_size=8)), max_size=80),
       st.sampled_from([None, "2019-07-04"]), st.integers(0, 5))
def test_offsets_ids_and_texts_hold_on_random_input(words, date, body_start):
    text = " ".join(words)
    body_start = min(body_start, len(text))
    report = Report(id="rand", text=text, source="mem", date=date, body_start=body_start)
    a = extract_report(report)
    b = extract_report(report)
    assert [s.to_dict() for s in a] == [s.to_dict() for s in b]
    assert len({s.id for s in a}) == len(a)
    n = len(text)
    for s in a:
        assert s.kind in STATEMENT_KINDS and s.speaker_type in SPEAKER_TYPES
        assert 0 <= s.content_start <= s.content_end <= n
        if s.content_spans is None:
            assert s.text == text[s.content_start:s.content_end]
        else:
            assert len(s.content_spans) > 1
            assert s.text == " ".join(text[x:y] for x, y in s.content_spans)
            for x, y in s.content_spans:
                assert 0 <= x <= y <= n
        if s.speaker_start is not None:
            assert 0 <= s.speaker_start <= s.speaker_end <= n
            assert s.speaker == text[s.speaker_start:s.speaker_end]
        if s.cue_start is not None:
            assert s.cue == text[s.cue_start:s.cue_end]
        assert 0.0 <= s.checkworthiness <= 1.0
        assert s.paragraph >= 1
        assert s.sentence and s.sentence in text
    assert [s.content_start for s in a] == sorted(s.content_start for s in a)


# ------------------------------------------------------------------ the seeds, end to end
def _seed(name):
    path = next(SEEDS.glob(name + "*.txt"))
    text = path.read_text(encoding="utf-8")
    date, body = None, 0
    m = re.match(r" date (\d{4}-\d\d-\d\d) ", text)
    if m:
        date, body = m.group(1), m.end()
    return Report(id=path.stem, text=text, source=str(path), date=date, body_start=body)


def _by_speaker(stmts, name):
    return [s for s in stmts if s.speaker_name == name]


def test_seed_004_statements():
    stmts = extract_report(_seed("004_"))
    text = _seed("004_").text

    merten = _by_speaker(stmts, "Kenneth Merten")
    assert len(merten) >= 2
    for s in merten:
        assert s.speaker_type == "person"
        assert "acting deputy assistant secretary on Western Hemisphere affairs" in s.speaker_role
        assert s.said_on == "2018-07-11"  # Wednesday before Thursday 2018-07-12
    hearing = [s for s in merten if s.kind == "direct"]
    assert hearing and "hearing" in hearing[0].venue
    assert "House Foreign Affairs Committee" in hearing[0].venue
    assert any(s.venue and "lawmakers" in s.venue for s in merten)

    sm = _by_speaker(stmts, "Simon Sandoval-Moshenberg")
    assert len(sm) == 2
    assert {s.speaker.lower() for s in sm} >= {"he"}
    for s in sm:
        assert "VOA" in s.venue and s.said_on == "2018-07-12"
        assert "Legal Aid Justice Center" in s.speaker_role

    official = _by_speaker(stmts, "senior State Department official")
    assert len(official) >= 3
    assert all(s.speaker_type == "anonymous" for s in official)
    assert any(s.speaker == "He" and "Homeland Security" in s.text for s in official)
    briefing = [s for s in official if s.venue and "phone briefing" in s.venue]
    assert briefing and briefing[0].said_on == "2018-07-12"

    nauert = _by_speaker(stmts, "Heather Nauert")
    assert nauert and nauert[0].speaker_role == "State Department spokeswoman"

    dhs = _by_speaker(stmts, "DHS")
    assert dhs and dhs[0].speaker_type == "organization" and "statement" in dhs[0].venue

    # scare quotes are nobody's quotation
    assert not any(s.kind == "direct" and s.text.strip("“”") == "safe third country"
                   for s in stmts)
    for s in stmts:
        assert s.check_reasons is not None and 0 <= s.checkworthiness <= 1
        if s.content_spans is None:
            assert s.text == text[s.content_start:s.content_end]


def test_seed_000_statements():
    stmts = extract_report(_seed("000_"))
    guajardo = _by_speaker(stmts, "Alfonso Guajardo")
    assert guajardo
    told = [s for s in guajardo if s.venue and "Televisa" in s.venue]
    assert told and told[0].said_on is None  # the report has no date
    assert all("economy secretary" in (s.speaker_role or "") for s in guajardo)

    budget = [s for s in stmts if s.kind == "claim" and "$23 billion" in s.text]
    assert budget
    assert {"money", "number"} <= set(budget[0].check_reasons)
    assert budget[0].checkworthiness >= 0.7
    assert budget[0].speaker_type == "report"


@pytest.mark.parametrize("workers", [1, 2])
def test_an_extraction_bug_on_one_report_names_that_report(workers):
    """A report the extractor fails on (here a text that is no string) stops the run with a
    ClaimsError naming the report, also when the failure happens in a worker process."""
    from claims.errors import ClaimsError, ExtractionError
    from claims.parallel import extract_rows, make_executor

    good = Report(id="good", text="Title\n\nAna Ruiz said the bridge was safe.",
                         source="good.txt", date=None)
    bad = Report(id="bad", text=None, source="folder/bad.txt", date=None)
    ex = make_executor(workers, None)
    try:
        with pytest.raises(ExtractionError) as caught:
            for _ in ex.map([[good], [bad]], extract_rows):
                pass
    finally:
        ex.close()
    assert isinstance(caught.value, ClaimsError)
    assert "bad" in str(caught.value) and "folder/bad.txt" in str(caught.value)
    assert "\n" not in str(caught.value)
