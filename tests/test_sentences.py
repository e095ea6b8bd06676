"""Sentence and paragraph splitting (claims.extraction.sentences)."""
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction.sentences import split_sentences


def texts(text, start=0):
    return [text[s.start:s.end] for s in split_sentences(text, start)]


def test_simple_sentences_and_offsets():
    t = "The council met on Tuesday. It voted twice! Was it enough? Nobody knows."
    assert texts(t) == ["The council met on Tuesday.", "It voted twice!", "Was it enough?",
                        "Nobody knows."]


def test_titles_and_initials_do_not_end_sentences():
    t = "Mr. Alvarez met Dr. Chen and Sen. Ortiz. Gov. Hale sent J. R. Tolkien a letter."
    assert texts(t) == ["Mr. Alvarez met Dr. Chen and Sen. Ortiz.",
                        "Gov. Hale sent J. R. Tolkien a letter."]


def test_months_and_times():
    t = "The vote is on Jan. 12 at 9 a.m. in the hall. Results come later."
    assert texts(t) == ["The vote is on Jan. 12 at 9 a.m. in the hall.", "Results come later."]


def test_us_inside_and_at_end_of_sentence():
    t = "The U.S. trade office agreed. Exports to the U.S. The figures rose."
    assert texts(t) == ["The U.S. trade office agreed.", "Exports to the U.S.",
                        "The figures rose."]
    t2 = "The firm moved to the U.S. Congress was not told."
    # "Congress" is not a usual sentence opener: kept together (the safer error)
    assert len(texts(t2)) == 1


def test_decimals_and_numbers():
    t = "Inflation was 3.5 percent in May. It fell to 2.9 percent."
    assert texts(t) == ["Inflation was 3.5 percent in May.", "It fell to 2.9 percent."]


def test_quotes_ending_sentences():
    t = "“We are ready.” The mayor smiled. He said, “Go ahead.” Then he left."
    assert texts(t) == ["“We are ready.”", "The mayor smiled.", "He said, “Go ahead.”",
                        "Then he left."]
    t2 = '"Is it over?" she asked. "Yes."'
    assert texts(t2) == ['"Is it over?" she asked.', '"Yes."']


def test_ellipsis():
    t = "We waited... Nothing happened. Then … The end came."
    assert texts(t) == ["We waited...", "Nothing happened.", "Then …", "The end came."]


def test_paragraphs_single_and_blank_lines():
    t = "First line here. Second sentence.\nNew paragraph.\n\n  Third paragraph.  \n"
    ss = split_sentences(t)
    assert [t[s.start:s.end] for s in ss] == ["First line here.", "Second sentence.",
                                              "New paragraph.", "Third paragraph."]
    assert [s.paragraph for s in ss] == [1, 1, 2, 3]


def test_start_skips_metadata():
    t = " date 2018-07-12 Officials met in the capital. They talked."
    start = t.index("Officials")
    ss = split_sentences(t, start)
    assert ss[0].start == start
    assert [t[s.start:s.end] for s in ss] == ["Officials met in the capital.", "They talked."]
    assert ss[0].paragraph == 1


def test_empty():
    assert split_sentences("") == []
    assert split_sentences("   \n\n ") == []


ALPHABET = st.sampled_from(list("ab AZ.?!…\"“”‘’'\n\t,:;0123456789") + ["Mr.", "U.S.", " J. ",
                                                                       "a.m.", "é", "中"])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=80).map("".join), st.integers(min_value=0, max_value=90))
def test_offsets_always_index_the_text(text, start):
    start = min(start, len(text))
    ss = split_sentences(text, start)
    prev_end = start
    prev_para = 0
    for s in ss:
        assert start <= s.start < s.end <= len(text)
        assert s.start >= prev_end
        assert "\n" not in text[s.start:s.end]
        assert not text[s.start].isspace() and not text[s.end - 1].isspace()
        assert s.paragraph >= max(prev_para, 1)
        prev_end, prev_para = s.end, s.paragraph


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_random_unicode_covers_all_non_space(text):
    ss = split_sentences(text)
    covered = set()
    for s in ss:
        covered.update(range(s.start, s.end))
    for i, ch in enumerate(text):
        if not ch.isspace():
            assert i in covered
