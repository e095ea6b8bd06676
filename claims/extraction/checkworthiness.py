"""How worth checking a piece of text is: a score in 0..1 and the reasons for it.

Pure precompiled regular expressions (a few microseconds per sentence). Reasons, in the order
they are reported:

    number      a figure: digits ("23", "1.5") or a number word ("three", "dozen", "million")
    money       "$23 billion", "€5", "10 million dollars", "pounds"
    percentage  "5%", "12 percent", "percentage points"
    date        a month, a year, a weekday, "last month", "in 2017"
    comparison  "more than", "less than", "biggest", "-est" superlatives, "doubled", "increase"
    quantity    a number with a unit or counted thing ("50 minutes", "thousands of people")
    causal      "because", "due to", "led to", "as a result of", "caused"
    named actor doing something   a named person or body followed by a verb ("Trump requested")

``is_claim(text)`` decides whether an unattributed sentence of a report asserts something
checkable (see its docstring).
"""
from __future__ import annotations

import re

from claims.dates import MONTH_NAMES, WEEKDAYS
from claims.extraction.lexicons import load

__all__ = ["score", "is_claim", "claim_score", "REASONS", "CLAIM_THRESHOLD"]

REASONS = (
    "number",
    "money",
    "percentage",
    "date",
    "comparison",
    "quantity",
    "causal",
    "named actor doing something",
)

_NUMBER_SET = load("number_words")
# A bare year or a day of month is a date, not a figure: "number" wants some other figure.
_MONTHS = ("Jan(?:uary)?", "Feb(?:ruary)?", "Mar(?:ch)?", "Apr(?:il)?", "May", "June?", "July?",
           "Aug(?:ust)?", "Sep(?:t(?:ember)?)?", "Oct(?:ober)?", "Nov(?:ember)?", "Dec(?:ember)?")
_DAY = r"\.? \d{1,2}(?:st|nd|rd|th)?\b"
_YEAR_OR_DAY_PLAIN = r"\b(?:1[89]\d\d|20\d\d)s?\b|\b(?:" + "|".join(_MONTHS) + ")" + _DAY
# _YEAR_OR_DAY_PLAIN opening with its first character: the engine skips to a 1, a 2 or a
# month's capital instead of trying both alternatives at every offset; the lookbehind after
# it is the \b before it, and each alternative goes on after its first character (the one
# a lookbehind checks). The same matches (tests/test_fast_patterns.py).
_YEAR_OR_DAY = re.compile(
    r"[12" + "".join(sorted({m[0] for m in _MONTHS})) + r"](?<!\w.)(?:(?<=1)[89]\d\ds?\b|"
    r"(?<=2)0\d\ds?\b|(?:" + "|".join("(?<=%s)%s" % (m[0], m[1:]) for m in _MONTHS) + ")"
    + _DAY + ")")
_DIGITS = re.compile(r"\d")
_WORDS = re.compile(r"[a-z]++(?:-[a-z]++)*+")  # possessive: nothing follows to backtrack for
# The matches of _WORDS found with fewer regex-engine steps (less than half the instructions;
# every statement and candidate sentence is scored): each character but a-z and "-" becomes
# a space (one C pass over the bytes; non-ASCII characters, never in a word, are encoded as
# "?" first), a hyphen not between two letters too, and the rest is split at spaces. The
# same words (tests/test_fast_patterns.py).
_WORD_BYTES = bytes(c if 97 <= c <= 122 or c == 45 else 32 for c in range(256))
_LONE_HYPHEN = re.compile(r"-(?:(?<![a-z]-)|(?![a-z]))")


def _words(low: str, ascii_low: "bytes | None" = None) -> list[str]:
    """``_WORDS.findall(low)`` (``ascii_low``: ``low.encode("ascii", "replace")``, when the
    caller has it)."""
    if ascii_low is None:
        ascii_low = low.encode("ascii", "replace")
    s = ascii_low.translate(_WORD_BYTES).decode("ascii")
    # (most texts hold no hyphen: no regex call for them)
    return (_LONE_HYPHEN.sub(" ", s) if "-" in s else s).split()


_NOT_DIGIT_BYTES = bytes(c for c in range(256) if not 48 <= c <= 57)


def _has_digit(text: str, ascii_low: bytes) -> bool:
    """``_DIGITS.search(text) is not None``, ``ascii_low`` being ``text.lower()`` encoded to
    ASCII with "?" for the rest: an ASCII digit is looked for in C (its bytes without the
    others); only a text with other characters and no ASCII digit is scanned for the other
    digits \\d takes ("٣"), at ~70 instructions a character (tests/test_fast_patterns.py)."""
    if ascii_low.translate(None, _NOT_DIGIT_BYTES):
        return True
    return not text.isascii() and _DIGITS.search(text) is not None


# Patterns scanned over whole texts open with a character class (the regex engine then skips
# to a possible first character instead of trying the pattern at every offset); each gives
# the matches of the plain form in its comment (tests/test_fast_patterns.py).
# r"[$€£¥]\s?\d|\d\s?(?:USD|EUR|GBP)\b"
_MONEY_STRONG = re.compile(r"[$€£¥\d](?:(?<=[$€£¥])\s?\d|(?<=\d)\s?(?:USD|EUR|GBP)\b)")


def _money_sign(text: str) -> bool:
    """Could _MONEY_STRONG match? (each of its matches holds a sign or a code)"""
    return "$" in text or "€" in text or "£" in text or "¥" in text or "USD" in text or \
        "EUR" in text or "GBP" in text


_CURRENCY_SET = load("currency_words")
_MONEY_SET = load("money_words")
_DATE_SET = (frozenset(MONTH_NAMES) - {"may"}) | frozenset(WEEKDAYS) | {"yesterday"}
_SEASONS = r" (?:week|month|year|decade|spring|summer|autumn|fall|winter)\b"
_MONTHS_LOW = ("jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec")
_DATE_PHRASE = re.compile(  # (read lower-cased)
    r"\b(?:last|next|this)" + _SEASONS + r"|\b(?:1[89]\d\d|20\d\d)s?\b|"
    r"\b(?:jan|feb|mar|apr|aug|sept?|oct|nov|dec)\. ?\d|\bmay \d"
)
# _DATE_PHRASE tried at every offset (no first character to skip to: ~40,000 instructions a
# sentence); _date_phrase asks the same in two scans that open with a character class. Every
# alternative but the first holds a digit: found from that digit (the year's first one, or
# the day after "jan. ", "may " ... checked by lookbehinds)
_DATE_DIGIT = re.compile(
    r"\d(?:(?<=1)(?<!\w.)[89]\d\ds?\b|(?<=2)(?<!\w.)0\d\ds?\b|(?<=\bmay \d)|"
    + "|".join(r"(?<=\b%s\.\d)|(?<=\b%s\. \d)" % (m, m) for m in _MONTHS_LOW) + ")")
_RELATIVE_DATE = re.compile(r"[lnt](?<!\w.)(?:(?<=l)ast|(?<=n)ext|(?<=t)his)" + _SEASONS)


def _date_phrase(low: str, has_digit: bool) -> bool:
    """Does ``_DATE_PHRASE`` match in ``low``? (``has_digit``: whether ``low`` holds a digit,
    ``\\d``.) The same answer (tests/test_fast_patterns.py)."""
    if has_digit and _DATE_DIGIT.search(low):
        return True
    return _RELATIVE_DATE.search(low) is not None


_DATE_GATE = frozenset("last next this".split())
_CAUSAL_GATE = load("causal_gate_words")
_OPINION_GATE = load("opinion_gate_words")
_COMP_SET = load("comparison_words")
_COMPARATIVES = load("comparatives")
# -est words that are not superlatives
_EST = re.compile(r"[a-z](?<!\w[a-z])[a-z]+est\b")  # r"\b[a-z]{2,}est\b"
_EST_END = re.compile(r"est\b")


def _est_words(low: str) -> list[str]:
    """``_EST.findall(low)``, found from each "est" ending a word (a literal the engine skips
    to) back to its word's start: _EST tried every lower-case letter and, in each word,
    every place "est" might end (~78,000 instructions a text holding "est"). The same
    words (tests/test_fast_patterns.py)."""
    out = []
    for m in _EST_END.finditer(low):
        a = k = m.start()
        while k > 0 and "a" <= low[k - 1] <= "z":
            k -= 1
        if a - k >= 2 and (k == 0 or not (low[k - 1].isalnum() or low[k - 1] == "_")):
            out.append(low[k:m.end()])
    return out
_NOT_SUPERLATIVE = load("not_superlatives")
_QUANTITY_SET = load("quantity_units")
_QUANTITY_NUM = re.compile(r"\d[\d,.]*\s+([a-z]+)(?:\s+([a-z]+))?")
_CAUSAL_SET = load("causal_words")
_MULTITUDES = frozenset({"dozens", "hundreds", "thousands", "millions", "billions"})  # "of" them
_CAUSAL_PHRASE = re.compile(
    r"\b(?:due to|owing to|cause of|led to|leads to|lead to|leading to|result(?:ed|s|ing)? "
    r"(?:in|from)|as a result|thanks to|responsible for|in order to|so that|"
    r"stemm(?:ed|ing) from|driven by|contributed to)\b"
)
_OPINION_SET = load("opinion_words")
_OPINION_PHRASE = re.compile(
    r"\b(?:i|we) (?:think|believe|feel|hope|guess|suppose|wish)\b|\bin my (?:view|opinion)\b|"
    r"\bought to\b"
)
_ACTOR_STOP = (
    r"The|A|An|In|On|At|But|And|Or|So|If|When|While|After|Before|As|For|With|This|That|These|"
    r"Those|It|He|She|They|We|I|You|His|Her|Their|Our|Its|Meanwhile|However|There|Here|Still|"
    r"Yet|Now|Then|Also|What|Who|Why|How|Where|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Last|Next|Mr|Mrs|Ms|Dr"
)
# what follows the actor's name: a verb, after up to two auxiliaries or adverbs
_ACTOR_AUX = ("also has have had will would could did does not never already recently then "
              "previously later reportedly allegedly is was are were").split()
_ACTOR_VERBS = ("spent paid won lost made cut sold bought gave took built met sent told said says "
                "wrote rose fell grew knew left led ran set put began brought held kept sought "
                "spoke stood threw became broke chose drove fought found got hit let meant quit "
                "saw shut went wore withdrew has have had is was are were will would plans wants "
                "owns controls funds supports opposes backs").split()
_ACTOR_VERB = (
    r"(?:’s|'s)?\s+(?:(?:" + "|".join(_ACTOR_AUX) + r")\s+){0,2}(?:[a-z]{2,}ed|"
    + "|".join(_ACTOR_VERBS) + r")\b"
)


def _by_first_letter(words: list[str]) -> str:
    """``w1|w2|...`` with the words grouped by first letter (in the order the letters first
    come, each group in the words' order): the engine tries one alternative per letter,
    not every word (the words of two groups never match at one place: the same matches)."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(w[1:])
    return "|".join(c + "(?:" + "|".join(tails) + ")" for c, tails in groups.items())


# _ACTOR_VERB with its word lists grouped by first letter (for _ACTOR below)
_ACTOR_VERB_FAST = (
    r"(?:’s|'s)?\s+(?:(?:" + _by_first_letter(_ACTOR_AUX) + r")\s+){0,2}(?:[a-z]{2,}ed|"
    + _by_first_letter(_ACTOR_VERBS) + r")\b"
)
# a capitalised word (not a function word, weekday or month) doing something
_ACTOR_PLAIN = re.compile(
    r"(?<![\w’'])(?!(?:" + _ACTOR_STOP + r")\b)(?:[A-Z][\w’'.\-]*[a-z\d]|[A-Z]{2,})" + _ACTOR_VERB
)
# _ACTOR_PLAIN opening with its capital: one alternative per capital letter, each followed by
# its own stop words (the regex engine skips to the next capital, then only the alternative of
# that letter gets past its first character; a lookbehind per letter was tried for each
# capital before), then the lookbehind and the rest of the name. Same matches
# (tests/test_fast_patterns.py).
_STOP_BY_CAPITAL: dict[str, list[str]] = {}
for _w in _ACTOR_STOP.split("|"):
    _STOP_BY_CAPITAL.setdefault(_w[0], []).append(_w[1:])
_ACTOR = re.compile(
    "(?:" + "|".join(c + ("(?!(?:" + "|".join(_STOP_BY_CAPITAL[c]) + r")\b)"
                          if c in _STOP_BY_CAPITAL else "")
                     for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    + r")(?<![\w’'][A-Z])(?:[\w’'.\-]*[a-z\d]|[A-Z]+)" + _ACTOR_VERB_FAST
)
# r"\b(?:I|me|my|we|us|our)\b"
_FIRST_PERSON = re.compile(r"[Imwuo](?<!\w[Imwuo])(?:(?<=I)|(?<=m)[ey]|(?<=w)e|(?<=u)s|(?<=o)ur)\b")
_FIRST_PERSON_WORDS = frozenset("I me my we us our".split())
# an ASCII text's \w runs: every other character made a space (one C pass), then split
_W_RUN_BYTES = bytes(c if 48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122 or c == 95 else 32
                     for c in range(256))


def _first_person(text: str) -> bool:
    """``_FIRST_PERSON.search(text)``: for an ASCII text (most), is one of its words (runs of
    \\w, split in C) "I", "me", ...? (the regex tried every m, w, u and o: ~13,000
    instructions a sentence). The same answer (tests/test_fast_patterns.py)."""
    if text.isascii():
        return not _FIRST_PERSON_WORDS.isdisjoint(
            text.encode("ascii").translate(_W_RUN_BYTES).decode("ascii").split())
    return _FIRST_PERSON.search(text) is not None
_QUESTION = re.compile(r"\?[\"”’'»)\]]*\s*$")
_TERMINAL = re.compile(r"[.!][\"”’'»)\]]*\s*$")
_CLOSERS = "\"”’'»)]"


def _ends_with(text: str, marks: "str | tuple[str, ...]") -> bool:
    """Does ``text`` end with one of ``marks``, then closing quotes or brackets, then spaces?
    (``_TERMINAL.search(text)`` for (".", "!"), ``_QUESTION`` for "?": the same answer without
    a regex scan. _TERMINAL tried every full stop of the text: 755 ns a sentence, 168 this way;
    _QUESTION, whose "?" is rare, stays: 100 ns. tests/test_fast_patterns.py)"""
    return text.rstrip().rstrip(_CLOSERS).endswith(marks)

_FILLER_START = re.compile(
    r"\s*(?:[\"“‘']\s*)?(?:click|read more|follow us|subscribe|sign up|share this|related:|"
    r"advertisement|watch:|photo:|image:|video:|copyright|all rights reserved|(?:\(?AP\)?|Reuters) -)",
    re.I,
)

# Weights: chosen so that one strong signal (a figure) with an actor lands near 0.6 and a
# sentence with money, a figure and a comparison lands near 0.9.
_W = {
    "number": 0.22,
    "money": 0.22,
    "percentage": 0.22,
    "date": 0.08,
    "comparison": 0.15,
    "quantity": 0.12,
    "causal": 0.12,
    "named actor doing something": 0.16,
}
_BASE = 0.08

# every word set score() tests the text's words against, and the words it looks up alone
_WORD_SETS = (_NUMBER_SET, _CURRENCY_SET, _MONEY_SET, _DATE_SET, _DATE_GATE, _COMP_SET,
              _COMPARATIVES, _QUANTITY_SET, _MULTITUDES, _CAUSAL_SET, _CAUSAL_GATE, _OPINION_SET,
              _OPINION_GATE, frozenset({"than", "of"}))
_LISTED = frozenset().union(*_WORD_SETS)

# An unattributed sentence scoring at least this (and passing is_claim's other tests) is a claim.
CLAIM_THRESHOLD = 0.2


def score(text: str) -> tuple[float, list[str]]:
    """Score ``text`` for check-worthiness: ``(score in 0..1, reasons)``.

    Reasons name the features found (see the module docstring); the score adds their weights
    to a small base, lowers it for questions, opinion words and very short text, and caps it
    to 0..1. Deterministic and fast: the text is lower-cased and split into words once, word
    lists are set look-ups, and only a few small regexes run.
    """
    reasons: list[str] = []
    if not text:
        return 0.0, reasons
    low = text.lower()
    ascii_low = low.encode("ascii", "replace")
    words = _words(low, ascii_low)  # (_WORDS.findall(low), fewer instructions)
    # The words found in any of the word sets below (and "than", "of"): each test of a set is
    # then against these few, not against all the text's words (the same answers, as every
    # set is part of _LISTED; ~10,000 instructions less a text).
    # (``not wset.isdisjoint(S)`` is ``bool(wset & S)`` without building the intersection)
    wset = _LISTED.intersection(words)
    has = wset.isdisjoint
    has_digit = _has_digit(text, ascii_low)
    # "number": a figure other than a year or a day of the month
    number = not has(_NUMBER_SET)
    if not number and has_digit:
        number = _DIGITS.search(_YEAR_OR_DAY.sub(" ", text)) is not None
    if number:
        reasons.append("number")
    # (a strong money figure holds a currency sign or code: no regex call without one)
    if (has_digit and _money_sign(text) and _MONEY_STRONG.search(text)) or \
            not has(_CURRENCY_SET) or (
        number and not has(_MONEY_SET)
    ):
        reasons.append("money")
    if "%" in text or "percent" in low or "per cent" in low:
        reasons.append("percentage")
    if not has(_DATE_SET) or ((has_digit or not has(_DATE_GATE)) and _date_phrase(low, has_digit)):
        reasons.append("date")
    if (not has(_COMP_SET) or ("than" in wset and not has(_COMPARATIVES))
            or ("est" in low and any(w not in _NOT_SUPERLATIVE for w in _est_words(low)))):
        reasons.append("comparison")
    if number and (
        (has_digit and any(a in _QUANTITY_SET or b in _QUANTITY_SET
                           for a, b in _QUANTITY_NUM.findall(low)))
        or (not has(_QUANTITY_SET) and not has(_NUMBER_SET))
        or ("of" in wset and not has(_MULTITUDES))
    ):
        reasons.append("quantity")
    if not has(_CAUSAL_SET) or (not has(_CAUSAL_GATE) and _CAUSAL_PHRASE.search(low)):
        reasons.append("causal")
    if _ACTOR.search(text):
        reasons.append("named actor doing something")

    s = _BASE + sum(map(_W.__getitem__, reasons))  # (the same sum, no generator frame)
    nwords = len(words)
    if nwords < 5:
        s *= 0.5
    elif nwords < 8:
        s *= 0.8
    if "?" in text and _QUESTION.search(text):  # (no regex call without a "?")
        s *= 0.4
    if not has(_OPINION_SET) or (not has(_OPINION_GATE) and _OPINION_PHRASE.search(low)):
        s *= 0.75
    if s > 1.0:
        s = 1.0
    return round(s, 3), reasons


def claim_score(text: str) -> "tuple[float, list[str]] | None":
    """``score(text)`` when ``text`` is a claim by :func:`is_claim`, else None (cheap tests
    first, so most non-claims are refused without scoring)."""
    if not _claim_shape(text):
        return None
    cw, reasons = score(text)
    if cw < CLAIM_THRESHOLD or not any(r != "date" for r in reasons):
        return None
    return cw, reasons


def _claim_shape(text: str) -> bool:
    if not text or "?" in text and _QUESTION.search(text):
        return False
    nwords = text.count(" ") + 1
    # A line without a full stop is a headline or a caption fragment unless it is long enough
    # to be a sentence: photo captions restate the body's claims ("X (left), who met Y ...").
    if nwords < (6 if _ends_with(text, (".", "!")) else 10) or nwords > 150:
        return False
    if _FILLER_START.match(text):
        return False
    if not ("“" in text or '"' in text) and _first_person(text):
        return False
    return True


def is_claim(text: str, checkworthiness: float | None = None,
             reasons: list[str] | None = None) -> bool:
    """Whether an unattributed sentence of a report asserts something checkable.

    Yes when it: is not a question, has 6 to 150 words (10 when it does not end like a
    sentence, so short headline and caption fragments are out, long captions in), does not start like
    page furniture ("Read more", "Click here", "Advertisement"), is not written in the first
    person outside quotes (opinion filler), and scores at least ``CLAIM_THRESHOLD`` with at
    least one reason other than a bare date.
    """
    if not _claim_shape(text):
        return False
    if checkworthiness is None or reasons is None:
        checkworthiness, reasons = score(text)
    if checkworthiness < CLAIM_THRESHOLD:
        return False
    return any(r != "date" for r in reasons)
