"""Patterns rewritten for speed find exactly what their readable definitions find.

Some regular expressions that scan whole reports were rewritten to open with a character class
(the regex engine then skips ahead to a possible first character instead of trying the whole
pattern at every offset). Each keeps its readable form; these properties compare the two on
text made of the characters that matter to them, at any start and end offsets.
"""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.checkworthiness_model import features
from claims.extraction import (checkworthiness, fast_patterns, hedges, names, quotes, said_on,
                               sentences, speakers, tokens, venue, who)

# capitals (ASCII, accented, the × inside À-Þ), abbreviations, name particles, apostrophes,
# hyphens, dots, spaces (with the no-break space), digits and lower-case letters
_NAME_PIECES = st.sampled_from(
    ["A", "M", "S", "D", "J", "T", "Z", "À", "×", "Þ", "é", "r", "s", "t", "a", "n", "e",
     "Mr", "Mrs", "Dr", "Sen", "St", "Jr", "Ft", "de", "van", "al", "ibn", "y",
     "Ms", "Mt", "Sgt", "Sr", "Rep", "Rev", "Gov", "Gen", "Lt", "Col", "Capt", "Adm", "Prof",
     "della", "dos", "das", "du", "ten", "ter", "von", "zu", "bin", "el", "la", "le", "i",
     ".", "’", "'", "-", " ", "  ", "\u00a0", "\n", ",", "9", "_", "“", "U.S.", "O'Neil"])
_TEXT = st.lists(_NAME_PIECES, max_size=40).map("".join)


def _spans(pattern: re.Pattern, text: str, pos: int, endpos: int) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text, pos, endpos)]


@settings(max_examples=3000, deadline=None)
@given(_TEXT, st.integers(0, 40), st.integers(0, 400))
def test_name_run_same_as_plain(text, pos, endpos):
    pos = min(pos, len(text))
    assert _spans(names.NAME_RUN, text, pos, endpos) == \
        _spans(names.NAME_RUN_PLAIN, text, pos, endpos)


def test_name_run_examples():
    text = "Sen. Ana de la Cruz met U.S. officials; O'Neil’s aide, Dr. J. Smith, spoke. ×Y"
    got = [m.group(0) for m in names.NAME_RUN.finditer(text)]
    assert got == [m.group(0) for m in names.NAME_RUN_PLAIN.finditer(text)]
    assert "Sen. Ana" in got[0] and "U.S." in got and "Dr. J. Smith" in got
    # inside a word or after an apostrophe or hyphen no run starts
    assert [m.group(0) for m in names.NAME_RUN.finditer("xAna l'Ana -Ana")] == []
    # every abbreviation and particle, where the fast form's guards and groups decide
    for w in names._ABBREVS:
        for text in (f"{w}. Ana Ruiz", f"{w}.", f"Ana {w}. Ruiz", f"{w}x. Ana", f"{w} Ana"):
            assert _spans(names.NAME_RUN, text, 0, len(text)) == \
                _spans(names.NAME_RUN_PLAIN, text, 0, len(text)), text
    for w in names._PARTICLES + ["ash", "ul"]:
        for text in (f"Ana {w} Ruiz", f"Ana {w} {w} Ruiz", f"Ana {w}x Ruiz", f"Ana {w}-Ruiz",
                     f"Ana {w} {w}-Ruiz Lee", f"Ana {w}-ruiz"):
            assert _spans(names.NAME_RUN, text, 0, len(text)) == \
                _spans(names.NAME_RUN_PLAIN, text, 0, len(text)), text


# capitalised words (stop words among them), auxiliaries and verbs the actor pattern reads
_ACTOR_PIECES = st.sampled_from(
    ["The", "A", "An", "I", "It", "May", "Mr", "Dr", "Last", "Monday", "Ana", "NASA", "US",
     "O'Neil", "Ruiz’s", "X.Y", "Co-op", "AB", "Z9", "also", "has", "not", "never", "was",
     "said", "met", "spent", "backed", "red", "ed", "plans", "backs", "told", "a", "the",
     "had", "have", "held", "hit", "sold", "sent", "set", "saw", "says", "went", "were",
     "will", "won", "withdrew", "would", "broke", "bought", "became", "later", "led", "left",
     "reportedly", "recently", "rose", "ran", "put", "already", "are", "then", "took",
     " ", "  ", "\n", "’", "'", ".", "-", ",", "9", "_"])
_ACTOR_TEXT = st.lists(_ACTOR_PIECES, max_size=30).map("".join)


@settings(max_examples=3000, deadline=None)
@given(st.lists(_ACTOR_PIECES, max_size=30).map(" ".join) | _ACTOR_TEXT, st.integers(0, 30))
def test_actor_same_as_plain(text, pos):
    pos = min(pos, len(text))
    assert _spans(checkworthiness._ACTOR, text, pos, len(text)) == \
        _spans(checkworthiness._ACTOR_PLAIN, text, pos, len(text))


def test_actor_examples():
    assert checkworthiness._ACTOR.search("Ana Ruiz has never backed the plan")
    assert checkworthiness._ACTOR.search("Then NASA spent $5 billion").group(0) == "NASA spent"
    assert not checkworthiness._ACTOR.search("NASA’s budget rose")  # no verb after the name
    for text in ("The plan failed", "It said so", "May said", "xAna said", "I said"):
        assert not checkworthiness._ACTOR.search(text), text
        assert not checkworthiness._ACTOR_PLAIN.search(text), text


_END_PIECES = st.sampled_from(
    [".", "..", "...", "…", "!", "?", "?!", "\"", "”", "’", "'", "»", ")", "]", " ", "  ",
     "\t", "\u00a0", "\n", "“", "(", "«", "A", "Z", "9", "É", "×", "a", "U.S", "Mr"])


@settings(max_examples=4000, deadline=None)
@given(st.lists(_END_PIECES, max_size=10).map("".join) | st.lists(_END_PIECES, max_size=40)
       .map("".join), st.integers(0, 40), st.integers(0, 400))
def test_sentence_end_same_as_plain(text, pos, endpos):
    pos = min(pos, len(text))
    assert _spans(sentences._END, text, pos, endpos) == \
        _spans(sentences._END_PLAIN, text, pos, endpos)


def test_sentence_end_examples():
    # each mark followed by others, quotes and a capital: the alternatives' order matters
    for text in ("Wait….. Then", "Oh…! No", "Yes!.. So", 'He said." And', "Why?! (A",
                 "So... “Then", "No.... Yes", "Fine…” And", "End.\u00a0É", "x. 9 y"):
        got = _spans(sentences._END, text, 0, len(text))
        assert got and got == _spans(sentences._END_PLAIN, text, 0, len(text)), text


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["a", "Z", "9", "_", "é", "-", "’", "'", ".", "&", " ", "\n",
                                 ",", "“", "$", "U.S.", "AT&T"]), max_size=30).map("".join))
def test_tokens_same_as_plain(text):
    plain = re.compile(r"\w+(?:[-’'.&]\w+)*|[^\w\s]")  # the token pattern without possessives
    toks = tokens.tokenize(text, 0, len(text))
    assert [(t.s, t.e, t.w, t.low, t.inq) for t in toks] == \
        [(m.start(), m.end(), m.group(0), m.group(0).lower(), False) for m in plain.finditer(text)]



# words of one piece, of a word and a mark before or after, of several words and marks, and
# lone characters (the word character "_", a superscript digit): tokenize reads pieces with
# one space between them without a regex, and with any other spacing with one
_TOKEN_WORDS = st.lists(st.sampled_from(
    ["a", "Zé", "9", "_", "x_y", "²", "said", "-", "—", "’", "'", ".", "&", ",", "“", "”",
     "\"", "$", "(", ")", "%", "#", "<", "?", "!", ":", ";", "[", "]", "‘", "U.S.", "AT&T",
     "don’t", "İ", "ǅ"]), min_size=1, max_size=4).map("".join)


@settings(max_examples=3000, deadline=None)
@given(st.lists(_TOKEN_WORDS, max_size=12),
       st.lists(st.sampled_from([" ", " ", " ", "  ", "\t", "\u00a0", "\u2009"]), max_size=12),
       st.sampled_from(["", " ", "x"]), st.integers(0, 3), st.integers(0, 3))
def test_tokens_same_as_plain_at_any_spacing(words, spaces, edge, cut_a, cut_b):
    spaces = spaces + [" "] * len(words)
    text = edge + "".join(w + sp for w, sp in zip(words, spaces)) + edge
    start, end = min(cut_a, len(text)), max(len(text) - cut_b, 0)
    plain = re.compile(r"\w+(?:[-’'.&]\w+)*|[^\w\s]")
    toks = tokens.tokenize(text, start, end)
    assert [(t.s, t.e, t.w, t.low, t.inq) for t in toks] == \
        [(m.start(), m.end(), m.group(0), m.group(0).lower(), False)
         for m in plain.finditer(text, start, end)]


def test_tokens_examples():
    text = "“We said, ‘It’s 5%.’ Then (U.S.) x_y left—now.”"
    assert [t.w for t in tokens.tokenize(text, 0, len(text))] == [
        "“", "We", "said", ",", "‘", "It’s", "5", "%", ".", "’", "Then", "(", "U.S", ".", ")",
        "x_y", "left", "—", "now", ".", "”"]
    assert [(t.s, t.w) for t in tokens.tokenize(text, 4, 10)] == [(4, "said"), (8, ",")]

# the rules' small patterns: (fast form in the module, plain form it stands for, pieces)
_SMALL = [
    ("_MONEY_STRONG", r"[$€£¥]\s?\d|\d\s?(?:USD|EUR|GBP)\b",
     ["$", "€", "£", "¥", " ", "5", "12", "USD", "EUR", "GBPx", "a", "_", "\n"]),
    ("_EST", r"\b[a-z]{2,}est\b",
     ["est", "b", "lar", "g", "t", "E", "9", "_", " ", "-", "é", "tests", "west"]),
    ("_YEAR_OR_DAY", checkworthiness._YEAR_OR_DAY_PLAIN,
     ["1", "2", "0", "8", "9", "s", "Jan", "January", "Sep", "Sept", "September", "May", "June",
      "Jul", "Dec", "J", "M", ".", " ", "  ", "st", "th", "x", "_", "é", "\n"]),
    ("_FIRST_PERSON", r"\b(?:I|me|my|we|us|our)\b",
     ["I", "me", "my", "we", "us", "our", "m", "e", "y", "o", "u", "r", "s", "w", "x", " ",
      "'", "_", "9", "é", "Im", "ours"]),
]



@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(
    ["last", "next", "this", "week", "fall", "winter", "1", "2", "0", "8", "9", "s", "jan",
     "sep", "sept", "may", "dis", ".", " ", "  ", "x", "_", "é", "-", "\n", "٣"]),
    max_size=25).map("".join))
def test_date_phrase_same_as_pattern(low):
    has_digit = re.search(r"\d", low) is not None
    assert checkworthiness._date_phrase(low, has_digit) == \
        (checkworthiness._DATE_PHRASE.search(low) is not None)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["a", "Z", "5", "0", "9", "٣", "²", "½", "x", "’", "é", "İ", " "]),
                max_size=20).map("".join))
def test_has_digit_same_as_pattern(text):
    ascii_low = text.lower().encode("ascii", "replace")
    assert checkworthiness._has_digit(text, ascii_low) == \
        (checkworthiness._DIGITS.search(text) is not None)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["I", "me", "my", "we", "us", "our", "m", "e", "y", "w", "u",
                                 "o", "r", "s", "x", " ", "'", "’", "_", "9", "é", "Im", "-",
                                 "\n", "\t", "$", "5", "USD", "EUR", "GB", "P", "€", "£", "¥"]),
                max_size=25).map("".join))
def test_first_person_and_money_gate_same_as_patterns(text):
    assert checkworthiness._first_person(text) == \
        (checkworthiness._FIRST_PERSON.search(text) is not None)
    if checkworthiness._MONEY_STRONG.search(text):
        assert checkworthiness._money_sign(text)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["est", "b", "lar", "g", "t", "e", "s", "E", "9", "_", " ", "-",
                                 "é", "tests", "west", "bestest", ".", "\n", "ß"]),
                max_size=25).map("".join))
def test_est_words_same_as_pattern(low):
    assert checkworthiness._est_words(low) == checkworthiness._EST.findall(low) == \
        re.findall(r"\b[a-z]{2,}est\b", low)


def test_score_tests_only_listed_word_sets():
    # score() looks the text's words up among those of _LISTED only: every set it tests
    # (``has(SET)``) and every word it looks for alone (``"w" in wset``) must be listed
    import inspect
    body = inspect.getsource(checkworthiness.score)
    sets = set(re.findall(r"has\((\w+)\)", body))
    assert sets and all(getattr(checkworthiness, n) in checkworthiness._WORD_SETS for n in sets)
    assert all(w in checkworthiness._LISTED for w in re.findall(r'"(\w+)" in wset', body))


_CW_WORDS = sorted(set().union(*checkworthiness._WORD_SETS))[::7] + [
    "than", "of", "more", "jobs", "Trump", "said", "5", "$", "%", "?", ",", ".", "dozens",
    "because", "think", "I", "last", "week", "2017"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_CW_WORDS), max_size=20).map(" ".join))
def test_score_same_with_every_word_listed(text):
    # the words outside _LISTED change no answer: scored with all of the text's words kept
    fast = checkworthiness.score(text)
    listed = checkworthiness._LISTED
    try:
        checkworthiness._LISTED = listed | frozenset(checkworthiness._words(text.lower()))
        assert checkworthiness.score(text) == fast
    finally:
        checkworthiness._LISTED = listed

@settings(max_examples=1500, deadline=None)
@given(st.data())
def test_rule_patterns_same_as_plain(data):
    for name, plain, pieces in _SMALL:
        text = data.draw(st.lists(st.sampled_from(pieces), max_size=25).map("".join))
        fast = getattr(checkworthiness, name)
        assert [m.span() for m in fast.finditer(text)] == \
            [m.span() for m in re.finditer(plain, text)], name


# what the word splitters without a regex scan must get right: separators alone, doubled, at
# either end or between letters, digits, non-ASCII letters (one lowers to two characters,
# one to an ASCII letter), the curly apostrophe, other punctuation and spaces
_WORD_PIECES = st.sampled_from(
    ["a", "z", "Q", "0", "9", "-", "--", "'", "’", ".", ",", " ", "\n", "\t", "é", "ß", "İ",
     "\u212a", "_", "“", "?", "$", "x-y", "u.s.", "1,000", "don’t", "\u00a0", "\ud800"])


@settings(max_examples=4000, deadline=None)
@given(st.lists(_WORD_PIECES, max_size=30).map("".join))
def test_word_splitters_same_as_regex(text):
    assert features.words(text) == features.words_plain(text)
    low = text.lower()
    assert checkworthiness._words(low) == checkworthiness._WORDS.findall(low)


def test_word_splitter_examples():
    assert features.words("Jobs rose 3.5% in the U.S., don’t--they?") == \
        ["jobs", "rose", "0.0", "in", "the", "u.s", "don't", "they"]
    assert checkworthiness._words("a well-known -x- e-mail--x caf\u00e9s") == \
        ["a", "well-known", "x", "e-mail", "x", "caf", "s"]


_GATE_PIECES = st.sampled_from(
    ["1", "19", "2024", "٣", "day", "days", "Monday", "night", "morning", "afternoon",
     "evening", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
     "Dec", "d", "a", "J", "M", "n", "e", "reported", "Reported", "said to", "said", "to",
     "rumour", "rumor", "sources", "according", "thought", " ", ".", "_", "é"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(_GATE_PIECES, max_size=20).map("".join), st.integers(0, 60),
       st.integers(0, 60))
def test_gates_same_as_plain(text, pos, endpos):
    pos, endpos = min(pos, len(text)), min(endpos, len(text))
    for fast, plain in ((said_on._DATE_GATE, said_on._DATE_GATE_PLAIN),
                        (said_on._YEAR_GATE, said_on._YEAR_GATE_PLAIN)):
        assert _spans(fast, text, pos, endpos) == _spans(plain, text, pos, endpos), fast
    # the hedge gate's substring test finds what the gate's pattern finds
    assert any(map(text[pos:endpos].__contains__, hedges._HEDGE_STEMS)) == \
        (hedges._HEDGE_GATE.search(text, pos, endpos) is not None)


_LINE_PIECES = st.sampled_from(
    ["\n", "\n\n", " ", "\t", "\u00a0", "Read more", "read MORE", "related:", "Related",
     "Trending on X", "- ", "• ", "Subscribe", "advertisement", "x", "“", "”", '"', "―", "—",
     "--", "Sonya Herridge", "Ana", ".", "?", "It was a long night for all of us.",
     "we stood and waited."])


@settings(max_examples=3000, deadline=None)
@given(st.lists(_LINE_PIECES, max_size=25).map("".join), st.integers(0, 80))
def test_line_start_scans_same_as_finditer(text, start):
    start = min(start, len(text))
    for pattern in (who._CLUTTER_LINE, who._SIGNED):
        assert [m.span() for m in who._at_line_starts(pattern, text, start)] == \
            [m.span() for m in pattern.finditer(text, start)], pattern


def _word_before_dot_agrees(text: str, lo: int, end: int) -> None:
    m = sentences._WORD_BEFORE.search(text, lo, end)
    assert sentences._word_before_dot(text, lo, end) == (m.group(1) if m else None), \
        (text, lo, end)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["a", "Z", "é", "U", ".", "..", "'", "’", " ", "9", "-", "_",
                                 "\n", "S.", "Mr", "(", "I", ".\n"]), max_size=12).map("".join),
       st.integers(0, 30), st.integers(0, 30))
def test_word_before_dot_same_as_regex(text, lo, end):
    end = min(end, len(text))
    _word_before_dot_agrees(text, min(lo, end), end)


def test_word_before_dot_examples():
    for text in ("Mr.", "U.S.", "a.m.", "x ab.", "ab.\n", "x ab.\n", "é.", "9a.", ".a.",
                 "'ab'.", "’s.", "ab", "ab.\n\n", "(Jan.", "a..", "I."):
        for lo in range(len(text) + 1):
            _word_before_dot_agrees(text, lo, len(text))
            _word_before_dot_agrees(text, lo, max(lo, len(text) - 1))


# "As the report states: ...", "As Ana Ruiz put it, ...": starts, speakers, cues, contents
_AS_PIECES = st.sampled_from(
    ["As", "A", "s", "as", " ", "  ", "\n", "\t", ".", "!", "?", "”", '"', "“", "the", "its",
     "report", "Ana", "Ruiz", "O'Neil", "states", "said", "put it", "on", "Monday", ":", ",",
     "It failed.", "x", "9", "é", "AAs"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(_AS_PIECES, max_size=30).map("".join) | st.lists(_AS_PIECES, max_size=20)
       .map(" ".join), st.integers(0, 30))
def test_as_states_same_as_plain(text, pos):
    from claims.extraction import who
    plain = re.compile(who._AS_STATES_START + who._AS_STATES_REST, re.MULTILINE)
    pos = min(pos, len(text))
    assert [m.groupdict() | {"span": m.span()} for m in who._AS_STATES.finditer(text, pos)] == \
        [m.groupdict() | {"span": m.span()} for m in plain.finditer(text, pos)]


def test_as_states_examples():
    from claims.extraction import who
    text = "Costs rose. As the report states: “Prices doubled.”\nAs Ana Ruiz put it, it failed. Has Ana said: no."
    got = [m.group("spk") for m in who._AS_STATES.finditer(text)]
    assert got == ["the report", "Ana Ruiz"]
    assert [m.group("spk") for m in who._AS_STATES.finditer(text, 13)] == ["Ana Ruiz"]


# "conductor Elena Rossi", "Elena Rossi, the orchestra's conductor": role words, names,
# articles, filler words, commas, spaces, word characters that touch the role word
_ROLE_PIECES = st.sampled_from(
    ["conductor", "Conductor", "CONDUCTOR", "chair", "co-chair", "Elena", "Rossi", "Ann",
     "Lee", "O'Neil", "the", "a", "an", "orchestra's", "new", "x", ",", ", ", " ", "  ",
     "\n", ".", "-", "’", "9", "_", "é", "ſ", "Ann Lee,", "Tom Ash Li,", ", the", "big"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(_ROLE_PIECES, max_size=25).map("".join) | st.lists(_ROLE_PIECES, max_size=18)
       .map(" ".join), st.sampled_from(["conductor", "chair", "co-chair", "a", "cha"]),
       st.integers(0, 20), st.integers(0, 300))
def test_names_with_role_same_as_patterns(text, role, lo, pos):
    from claims.extraction import who
    lo, pos = min(lo, len(text)), min(pos, len(text))
    before_name, after_name = who._role_patterns(role)
    assert who._names_with_role(text, role, lo, pos) == (
        {m.group(1) for m in before_name.finditer(text, lo, pos)},
        {m.group(1) for m in after_name.finditer(text, lo, pos)})


def test_names_with_role_examples():
    from claims.extraction import who
    text = ("Conductor Elena Rossi spoke. Ann Lee, the orchestra's new conductor, and "
            "Tom Ash, a conductor. Conductors Bo Li.")
    assert who._names_with_role(text, "conductor", 0, len(text)) == (
        {"Elena Rossi"}, {"Ann Lee", "Tom Ash"})
    # the end bound cuts the text, as it does for the full patterns
    assert who._names_with_role(text, "conductor", 0, 20) == ({"Elena Ross"}, set())
    assert who._names_with_role(text, "conductor", 0, 14) == (set(), set())


# the words _VENUE is built from, its near misses, and what stands between them
_VENUE_PIECES = st.sampled_from(
    ["told", "tells", "telling", "tell", "In", "in", "During", "at", "Through", "via", "Before",
     "In the course of", "a", "an", "the", "his", "its", "another", "on", "On", "said",
     "spoke", "speaking", "appearing", "talking", "wrote", "writes", "writing", "tweeted",
     "posted", "posted on social media", "Twitter", "X", "TV", "social media", "television",
     "national television", "radio", "air", "statement", "interview", "press conference",
     "phone", "Senate", "hearing", "reporters", "CNN", "Fox News", "Monday", "The", "of",
     "with", "to", "network", "’s", "'s", " ", " ", " ", "  ", "\n", "\t", ",", ".", "-", "xin",
     "aton", "Ton", "9"])


@settings(max_examples=4000, deadline=None)
@given(st.lists(_VENUE_PIECES, max_size=14).map("".join), st.integers(0, 30), st.integers(0, 300))
def test_venue_gate_holds_every_venue(text, pos, endpos):
    # a piece the gate finds nothing in has no venue: skipping it changes no result
    if venue._VENUE.search(text, pos, endpos):
        assert venue._VENUE_GATE.search(text, pos, endpos)


@settings(max_examples=4000, deadline=None)
@given(st.lists(_VENUE_PIECES, max_size=14).map(" ".join) | st.lists(_VENUE_PIECES, max_size=4)
       .map(" ".join))
def test_venue_gate_holds_every_venue_spaced(text):
    if venue._VENUE.search(text):
        assert venue._VENUE_GATE.search(text)


_VENUE_LEAD_WORDS = (
    ["told", "tells", "telling", "In", "in", "During", "during", "At", "at", "Through",
     "through", "Via", "via", "Before", "before", "In the course of", "on", "said", "spoke",
     "speaking", "appearing", "talking", "wrote", "writes", "writing", "tweeted", "posted",
     "commented", "announced", "posting"])
_VENUE_LEADS = st.sampled_from(_VENUE_LEAD_WORDS)
_VENUE_SEP = st.sampled_from([" ", " ", "  ", "\n", "\u00a0", ""])
# what follows a lead word in _VENUE's alternatives, and a few words that do not
_VENUE_NEXT_WORDS = (
    ["to", "with", "at", "before", "in", "on", "a", "an", "the", "his", "one", "another",
     "reporters", "the press", "CNN", "Fox News", "The", "Monday", "air", "radio", "TV",
     "television", "national television", "social media", "X", "statement", "phone",
     "interview", "Senate", "hearing", "’s", "network", "of", "it", ",", "9"])
_VENUE_NEXT = st.sampled_from(_VENUE_NEXT_WORDS)


@settings(max_examples=6000, deadline=None)
@given(st.lists(_VENUE_PIECES, max_size=3), _VENUE_LEADS,
       st.lists(st.tuples(_VENUE_SEP, _VENUE_NEXT | _VENUE_PIECES), max_size=5))
def test_venue_gate_holds_every_venue_led(before, lead, after):
    # one of the words a venue opens with, then what may follow it
    text = "".join(before) + " " + lead + "".join(sep + w for sep, w in after)
    if venue._VENUE.search(text):
        assert venue._VENUE_GATE.search(text)


def test_venue_gate_holds_every_three_word_venue():
    # every lead word followed by any two of the words after it, spaced: all 40,000 texts
    found = 0
    for lead in _VENUE_LEAD_WORDS:
        for a in _VENUE_NEXT_WORDS:
            for b in _VENUE_NEXT_WORDS:
                text = f"{lead} {a} {b}"
                if venue._VENUE.search(text):
                    found += 1
                    assert venue._VENUE_GATE.search(text), text
    assert found > 1000  # (the texts do hold venues of every kind)


def test_venue_gate_examples():
    for text in ("told VOA", "in a statement", "In the course of an interview", "on Twitter",
                 "said on CNN's State of the Union", "speaking to reporters",
                 "wrote in the Washington Post", "tweeted", "posted on social media",
                 "during a hearing Wednesday of the House Foreign Affairs Committee"):
        assert venue._VENUE.search(text) and venue._VENUE_GATE.search(text), text
        assert venue.find_venue(text, [(0, len(text))], 0)
    assert not venue._VENUE_GATE.search("The minister met the press at noon on 5 May.")


_END_MARK_PIECES = st.sampled_from(
    ["?", ".", "!", "..", "\"", "”", "’", "'", "»", ")", "]", "(", "“", " ", "\n", "\t",
     "\u00a0", "\u2028", "a", "Z", "9", "?!"])


@settings(max_examples=4000, deadline=None)
@given(st.lists(_END_MARK_PIECES, max_size=12).map("".join))
def test_ends_with_same_as_patterns(text):
    assert checkworthiness._ends_with(text, "?") == \
        (checkworthiness._QUESTION.search(text) is not None)
    assert checkworthiness._ends_with(text, (".", "!")) == \
        (checkworthiness._TERMINAL.search(text) is not None)


@settings(max_examples=3000, deadline=None)
@given(st.lists(_WORD_PIECES | st.sampled_from(["٣", "²", "０", "½", "7", "x9y"]), max_size=30)
       .map("".join))
def test_word_string_tells_digits(text):
    # the model's shape feature "f:digit" read from the word string (digits become "0")
    low = features.word_string(text)
    assert ("0" in low) == (features._DIGIT.search(text) is not None)
    assert features.split_words(low) == features.words_plain(text)
    assert features.shape_features(text, features.words(text), "0" in low) == \
        features.shape_features(text, features.words(text))


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["“", "”", "«", "»", "„", "\"", "‘", "’", "'", "a", " ", "Z",
                                 "\n", "é", "‚", "‟", "`"]), max_size=30).map("".join),
       st.integers(0, 30), st.integers(0, 30))
def test_quote_mark_positions_same_as_pattern(text, ps, pe):
    ps, pe = min(ps, len(text)), min(pe, len(text))
    assert fast_patterns.char_positions(text, quotes._MARKS, ps, pe) == \
        [m.start() for m in quotes._QCHARS.finditer(text, ps, pe)]


@settings(max_examples=3000, deadline=None)
@given(st.lists(_END_PIECES, max_size=40).map("".join), st.integers(0, 40), st.integers(0, 400))
def test_finditer_at_marks_same_as_finditer(text, pos, endpos):
    # the sentence ends, tried at their marks only
    starts = fast_patterns.char_positions(text, ".!?…", pos, endpos)
    assert [m.span() for m in fast_patterns.finditer_at(sentences._END, text, starts, pos, endpos)] \
        == _spans(sentences._END, text, pos, endpos)


_ORPHAN_PIECES = st.sampled_from(
    ["“", "”", "\"", "We will win", "Stay calm", ",", "!", "?", " ", "\n", "said", "urged",
     "Ivo Penn", "he", "She", "x", ".", ";", "'"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(_ORPHAN_PIECES, max_size=30).map("".join), st.integers(0, 30))
def test_finditer_at_quotes_same_as_finditer(text, pos):
    # the quotes after which who.py looks for a speaker, tried at the quote marks only
    starts = fast_patterns.char_positions(text, "“\"", pos)
    got = [m.groupdict() | {"span": m.span()}
           for m in fast_patterns.finditer_at(who._ORPHAN, text, starts, pos)]
    assert got == [m.groupdict() | {"span": m.span()} for m in who._ORPHAN.finditer(text, pos)]


def test_finditer_at_examples():
    text = "“Stay calm,” urged Ivo Penn. “Go,” he said. \"No,\" said Ana Lee."
    starts = fast_patterns.char_positions(text, "“\"")
    assert len(list(fast_patterns.finditer_at(who._ORPHAN, text, starts))) == \
        len(list(who._ORPHAN.finditer(text))) == 3


_COUPLE_PIECES = st.sampled_from(
    ["Mark", "Helen", "Price", "Ana", "X", "and", " and ", "and ", " and", " ", "  ", "\n",
     "x", "é", "É", "Mc", "’", ",", "9", "_", "Mark and Helen Price", "Ana and Bo Li",
     "Helen Price", "Mark and ", " and Bo Li", "Bo Li and"])


@settings(max_examples=4000, deadline=None)
@given(st.lists(_COUPLE_PIECES, max_size=25).map("".join))
def test_finditer_at_couples_same_as_finditer(text):
    # "Mark and Helen Price": tried before each " and " only
    starts = fast_patterns.capitalised_before(text, " and ")
    assert [m.span() for m in fast_patterns.finditer_at(who._COUPLE, text, starts)] == \
        _spans(who._COUPLE, text, 0, len(text))


_MENTION_PIECES = st.sampled_from(
    ["Early", "Ea", "rly", "EarlyEarly", "Early-", "-", "’", "'", "_", " ", ".", "\n", "x",
     "é", "9", "Jurors", "Twenty-four", "Twenty", "four", "“"])


@settings(max_examples=4000, deadline=None)
@given(st.lists(_MENTION_PIECES, max_size=25).map("".join),
       st.sampled_from(["Early", "Twenty-four", "EarlyEarly", "E", "Jurors"]),
       st.integers(0, 60), st.integers(0, 80))
def test_whole_word_mentions_same_as_finditer(text, word, lo, hi):
    # a sentence-case word's other mentions: str.find, not a pattern compiled per word
    plain = re.compile(r"(?<![\w’'-])" + re.escape(word) + r"(?![\w-])")
    assert list(speakers._whole_word_at(text, word, lo, hi)) == \
        [m.start() for m in plain.finditer(text, lo, hi)]
