"""Cheap tests that let the readers skip work give the answer the full test would give.

Each reader below runs only where a cheap test says it may find something; these properties
check, on generated paragraphs, that wherever the cheap test says no, the full one says no too
(so skipping it changes nothing).
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import contents, polls
from claims.extraction.paragraph import Paragraph
from claims.extraction.sentences import split_sentences

# words the content-end and poll readers look at, and others around them
_WORDS = st.sampled_from(
    ["said", "says", "told", "he", "she", "they", "officials", "Clinton", "The", "the", "a",
     "and", "but", "even", "as", "though", "if", "that", ",", ";", ".", ":", "—", "“", "”",
     "\"", "in", "In", "poll", "survey", "study", "CNN", "released", "Monday", "led", "by",
     "five", "points", "called", "on", "them", "to", "according", "Reuters", "reporters",
     "is", "ahead", "polls", "council", "members", "added", "will", "not", "exposing",
     "even as", "even though", "even as he said", "and called"])


def _paragraph(words: list[str]) -> tuple[str, Paragraph] | None:
    text = " ".join(words)
    sents = split_sentences(text)
    if not sents:
        return None
    first = [i for i, s in enumerate(sents) if s.paragraph == sents[0].paragraph]
    return text, Paragraph.read(text, sents, first)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=40))
def test_content_cuts_only_at_may_cut_words(words):
    got = _paragraph(words)
    if got is None:
        return
    text, p = got
    n = len(p.toks)
    for m, t in enumerate(p.toks):
        se = p.sentences[p.sent_of[m]].end
        if t.low not in contents._MAY_CUT:
            assert not contents._cuts_forward(text, p.toks, m, se, n), (text, m)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=40))
def test_no_poll_read_without_a_poll_word(words):
    got = _paragraph(words)
    if got is None:
        return
    text, p = got
    if not polls.may_hold_poll(p.lows):
        for ci, low in enumerate(p.lows):
            if low == "in":
                assert polls.read_poll(p, ci) is None, text


def test_gates_examples():
    text = "In a CNN poll released Monday, Clinton led Trump by five points."
    _, p = _paragraph(text.split(" "))
    assert polls.may_hold_poll(p.lows)
    assert polls.read_poll(p, 0) is not None
    text = "Officials said the plan will fail, and called on them to act; the rest followed."
    _, p = _paragraph(text.split(" "))
    se = p.sentences[0].end
    cuts = [t.low for m, t in enumerate(p.toks)
            if contents._cuts_forward(text, p.toks, m, se, len(p.toks))]
    assert cuts and set(cuts) <= contents._MAY_CUT


_QUOTE_WORDS = st.sampled_from(
    ["“", "”", "\"", "'", "’", "‘", ",", ".", "?", ";", ":", "—", "he", "said", "says",
     "told", "Simon", "Lee", "of", "the", "group", "We", "will", "win", "it", "is", "over",
     "\n", "said.", "Lee,", "win,”", "“We", "over.”"])


@settings(max_examples=2000, deadline=None)
@given(st.lists(_QUOTE_WORDS, min_size=1, max_size=30))
def test_quote_before_gate_changes_nothing(words):
    from claims.extraction import said
    got = _paragraph(words)
    if got is None:
        return
    text, p = got
    for i in range(len(p.toks)):
        ss = p.sentences[p.sent_of[i]].start
        args = (text, p.toks, i, ss, p.start, p.quotes, p.quote_at)
        assert said.quote_before(*args) == said._walk_to_quote(*args), (text, i)


def test_quote_before_examples():
    from claims.extraction import said
    text = "“We will win,” Simon Lee said."
    _, p = _paragraph(text.split(" "))
    i = [t.low for t in p.toks].index("said")
    assert said.quote_before(text, p.toks, i, 0, 0, p.quotes, p.quote_at) is not None


def _forward_end_plain(text, toks, k, se) -> int:
    """forward_end as first written: every token from k to the sentence end tested."""
    m = k
    while m < len(toks) and toks[m].s < se:
        if contents._cuts_forward(text, toks, m, se, len(toks)):
            return toks[m].s
        m += 1
    return se


@settings(max_examples=1000, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=40), st.randoms(use_true_random=False))
def test_forward_end_same_as_plain(words, rnd):
    got = _paragraph(words)
    if got is None:
        return
    text, p = got
    # scans from every token in a random order (they share the memo of the paragraph)
    order = list(range(len(p.toks)))
    rnd.shuffle(order)
    for k in order:
        for se in {p.sentences[p.sent_of[k]].end, p.end}:
            assert contents.forward_end(text, p.toks, k, se, []) == \
                _forward_end_plain(text, p.toks, k, se), (text, k, se)
