"""``claims.extraction.word_sets``: the per-report question "is this word written in lower case
here?" answers as the set of the report's lower-case words would, by search or by set."""
from hypothesis import given, settings, strategies as st

from claims.extraction import word_sets

_ALPHABET = "abcAB -'’_\n.é"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60),
       st.lists(st.text(alphabet="abcAB", min_size=1, max_size=3), min_size=1, max_size=40))
def test_search_answers_as_the_set_would(text, words):
    everything = word_sets._lower_case_words(text)
    for w in words:  # more than _SEARCHES_BEFORE_SET questions go over to the set
        assert word_sets.written_in_lower_case(text, w) == (w in everything), (text, w)


def test_a_word_inside_a_longer_word_or_a_capitalised_one_is_not_found():
    text = "Experimental drugs: an experimentally tested Rival, no rivals."
    assert not word_sets.written_in_lower_case(text, "experimental")
    assert not word_sets.written_in_lower_case(text, "rival")
    assert word_sets.written_in_lower_case(text, "drugs")
    assert word_sets.written_in_lower_case(text + " late-stage", "late-stage") is False
