import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims import normalize as N
from claims.normalize import name_tokens, normalize_name, normalize_text, normalize_texts


@pytest.mark.parametrize("a, b", [
    # quote marks of every style, apostrophes
    ("“The wall,” he said", '"The wall," he said'),
    ("‘politically sensitive’ goods", "'politically sensitive' goods"),
    ("«bonjour»", "bonjour"),
    ("Mexico’s president doesn’t", "Mexico's president doesn't"),
    # accents and letters NFKD does not decompose
    ("Enrique Peña Nieto", "Enrique Pena Nieto"),
    ("Łódź Straße Ørsted", "Lodz Strasse Orsted"),
    ("İstanbul", "istanbul"),
    # asides in brackets, nested ones too
    ("Pena Nieto (left), who met Trump", "Pena Nieto, who met Trump"),
    ("Trump [sic] said", "Trump said"),
    ("Ted Cruz (who has (pictured) 231 delegates) must win", "Ted Cruz must win"),
    # case, whitespace, punctuation
    ("THE WALL  WILL\tBE BUILT!", "the wall will be built"),
    ("  leading and trailing  ", "leading and trailing"),
    ("A — dash… and more", "a dash and more"),
    # numbers and acronyms
    ("$1,000,000 in U.S. aid", "$1000000 in US aid"),
    ("U.S.-Mexico border", "US Mexico border"),
    ("in S.C, officials", "in S.C. officials"),
])
def test_same_normal_form(a, b):
    assert normalize_text(a) == normalize_text(b)


@pytest.mark.parametrize("a, b", [
    ("3.5 percent", "35 percent"),  # decimal point kept
    ("$23 billion", "$25 billion"),
    ("he did not go", "he did go"),
    ("Pena Nieto (a long parenthetical that is really part of the claim itself)", "Pena Nieto"),
])
def test_different_normal_form(a, b):
    assert normalize_text(a) != normalize_text(b)


def test_examples():
    assert normalize_text("Pena Nieto (left), who met Trump in July on the sidelines of a G20 "
                          "summit, canceled") == \
        "pena nieto who met trump in july on the sidelines of a g20 summit canceled"
    assert normalize_text("3.5%") == "3.5"
    assert normalize_text(None) == ""
    assert normalize_text(float("nan")) == ""
    assert normalize_text("Москва сказала «нет».") == "москва сказала нет"
    assert normalize_texts([]) == []


def test_batch_independent_of_neighbours_and_chunks():
    texts = ["“Hello,” (left) World", "", "Peña", None, "1,000 U.S.", "x\x00y\x01z\x02", "  ",
             "Москва", "a.b.c.", "(x) (y)"] * 7
    one = [normalize_text(t) for t in texts]
    assert normalize_texts(texts) == one
    assert normalize_texts(texts, chunk=3) == one


_alphabet = st.sampled_from(list("abcAB Z019 ,.;:!?-—–…'\"“”‘’«»()[]\t\n_éñÉŁßøİ€$%") +
                            ["Москва", "中文", "\u00a0", "\u200b", "ﬁ", "½", "U.S.", "1,000", "3.5"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_alphabet, max_size=25).map("".join), min_size=1, max_size=8))
def test_batch_path_agrees_with_reference(texts):
    assert normalize_texts(texts) == [N._normalize_one(t) for t in texts]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_alphabet, max_size=25).map("".join), min_size=1, max_size=8))
def test_batch_path_is_idempotent(texts):
    """The claim index keeps normalised center texts, which grouping normalises again."""
    once = normalize_texts(texts)
    assert normalize_texts(once) == once


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([b"a", b"b", b" ", b"\x00"]), max_size=60).map(b"".join),
       st.integers(1, 7))
def test_collapse_spaces_chunks(data, chunk):
    expected = b"\x00".join(b" ".join(part.split()) for part in data.split(b"\x00"))
    assert N._collapse_spaces(data, chunk=chunk) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_idempotent_on_words(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


def test_names():
    assert name_tokens("President Enrique Peña Nieto") == ["enrique", "pena", "nieto"]
    assert name_tokens("Trump's") == ["trump"]
    assert name_tokens("Donald Trump Jr.") == ["donald", "trump", "jr"]
    assert name_tokens("U.S. Secretary of State Mike Pompeo") == ["mike", "pompeo"]
    assert normalize_name("Sen. Marco Rubio") == "marco rubio"
    # a title alone stays a name
    assert name_tokens("President") == ["president"]


def test_guards_helpers():
    assert N.numbers_in("23 billion in 2018") == ["23", "2018"]
    assert N.negations_in("he did not and never will") == 2
    assert np.array_equal(np.array(N.numbers_in("3.5 and 35")), np.array(["3.5", "35"]))
