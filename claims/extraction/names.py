"""Names in a report: runs of capitalised words, told apart as persons, organisations or
other ("Kenneth Merten", "State Department", "Capitol Hill"), with a title inside a run
pulled out ("President Enrique Pena Nieto" -> title "President", name "Enrique Pena Nieto").

The word lists (titles, organisation words, well-known bodies, place words, words that never
start a name) are in ``lexicons/``.
"""
from __future__ import annotations

import json
import pathlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from claims.extraction.lexicons import load

__all__ = ["PARTY_MEMBERS", "PARTY_TAG", "NameRun", "NAME_RUN", "NAME_RUN_PLAIN", "analyse_run", "split_title_of", "classify_tokens", "is_title_word", "TITLES",
           "ROLE_MODIFIERS", "NAME_TITLES", "ORG_WORDS", "KNOWN_ORGS", "PLACE_WORDS",
           "NOT_NAME_FIRST", "FUNCTION_FIRST", "ACRONYM"]

TITLES = load("titles")

# title words that can head a name run ("Senator Ana Ruiz")
NAME_TITLE_HEADS = load("name_title_heads")

# capitalised title words that may sit inside a name run ("President Enrique Pena Nieto"):
# the heads plus words that only qualify a title ("Foreign", "Acting", "Senior")
NAME_TITLES = NAME_TITLE_HEADS | load("name_title_qualifiers")

ROLE_MODIFIERS = load("role_modifiers")

ORG_WORDS = load("organisation_words")

KNOWN_ORGS = load("known_organisations")

PLACE_WORDS = load("place_words")
# last words of business names without an organisation word ("Skyline Rail")
BUSINESS_HEADS = load("business_name_heads")

NOT_NAME_FIRST = load("not_name_first")

# words that start a sentence, never a name or a body's name
FUNCTION_FIRST = load("function_words_capitalised")

# abbreviations written with a full stop inside a name run ("Sen. Ana Ruiz")
_ABBREVS = "Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Adm|Prof|Rev|St|Jr|Sr|Mt|Ft".split("|")
_TOKEN = (
    r"(?:(?:[A-Z]\.){2,}|(?:" + "|".join(_ABBREVS) + r")\.|[A-Z]\.(?=\s+[A-Z][a-z])|"
    r"[A-ZÀ-Þ]\w*(?:[’'\-][A-Za-zÀ-ÿ]\w*)*(?:(?<=s)[’'](?=[ \u00a0]+[A-Z]))?)"
)  # (a plural possessive inside a name: "The Taxpayers' Alliance", "Teachers’ Union")

_PARTICLES = ("de da del della dello degli dei di des der den ten ter van von zu bin al el la le "
              "du dos das y ibn").split()
_PARTICLE = "(?:" + "|".join(_PARTICLES) + ")"

# an Arabic article joined to the name by a hyphen: "Sultan al-Jaber", "Abdel Fattah el-Sisi"
# (the articles themselves: ``JOINED_ARTICLES``, also read by the speaker resolver)
JOINED_ARTICLES = "al|el|ad|as|ash|az|ar|an|at|ul|ur"
_HYPHEN_PARTICLE = r"(?:" + JOINED_ARTICLES + r")-[A-Z]\w*(?:[’'\-][A-Za-z]\w*)*"
_MORE_TOKENS = (r"(?:[ \u00a0]+(?:(?:" + _PARTICLE + r"[ \u00a0]+){0,2}" + _TOKEN + r"|" +
                _HYPHEN_PARTICLE + r"))*")
# (two particles: "Ingrid van der Berg", "Ana de la Cruz")
# A run of name tokens, as written for reading (NAME_RUN below is the same pattern, faster).
NAME_RUN_PLAIN = re.compile(r"(?<![\w’'\-])" + _TOKEN + _MORE_TOKENS)

# NAME_RUN_PLAIN rewritten to open with a character class, so that the regex engine skips
# ahead to the next capital instead of trying the lookbehind at every character of the
# report (the scan over the whole text cost ~2% of extraction): the first capital is
# consumed, the character before it checked by a two-character lookbehind, and each
# alternative of _TOKEN continues after its first character, which a one-character
# lookbehind checks. The abbreviations are tried only before a full stop (a lookahead: most
# capitals open a word, where twenty alternatives failed one by one) and, like the particles,
# grouped by their first letter (alternatives with another first letter cannot match, and
# each group keeps the list's order): a quarter fewer instructions. Same matches
# (tests/test_fast_patterns.py).


def _by_first_letter(words: list[str]) -> dict[str, list[str]]:
    """The words' tails by first letter, in the words' order."""
    out: dict[str, list[str]] = {}
    for w in words:
        out.setdefault(w[0], []).append(w[1:])
    return out


def _alternatives(by_first: dict[str, list[str]], lead: str) -> str:
    """``(?:w1|w2|...)`` grouped by first letter: ``lead % letter`` opens each group."""
    return "(?:" + "|".join(
        lead % c + ("(?:" + "|".join(tails) + ")" if tails != [""] else "")
        for c, tails in by_first.items()) + ")"


_ABBREV_FIRST = _by_first_letter(_ABBREVS)
# (the guards hold for abbreviations written as a capital and lower-case letters)
_ABBREV_TAIL = max(len(w) - 1 for w in _ABBREVS)
_GUARDED = all(re.fullmatch(r"[A-Z][a-z]+", w) for w in _ABBREVS)
_ABBREV_GUARD = r"(?=[a-z]{1,%d}\.)" % _ABBREV_TAIL if _GUARDED else ""
_ABBREV_GUARD_CAP = r"(?=[A-Z][a-z]{1,%d}\.)" % _ABBREV_TAIL if _GUARDED else ""
_TOKEN_TAIL = (
    r"(?:(?<=[A-Z])\.(?:[A-Z]\.)+|"
    + _ABBREV_GUARD + _alternatives(_ABBREV_FIRST, "(?<=%s)")
    + r"\.|(?<=[A-Z])\.(?=\s+[A-Z][a-z])|\w*(?:[’'\-][A-Za-zÀ-ÿ]\w*)*"
    r"(?:(?<=s)[’'](?=[ \u00a0]+[A-Z]))?)"
)
_TOKEN_FAST = (
    r"(?:(?:[A-Z]\.){2,}|" + _ABBREV_GUARD_CAP + _alternatives(_ABBREV_FIRST, "%s")
    + r"\.|[A-Z]\.(?=\s+[A-Z][a-z])|"
    r"[A-ZÀ-Þ]\w*(?:[’'\-][A-Za-zÀ-ÿ]\w*)*(?:(?<=s)[’'](?=[ \u00a0]+[A-Z]))?)"
)
# (_MORE_TOKENS with the particles grouped and _TOKEN_FAST: keep the two in step)
_MORE_TOKENS_FAST = (r"(?:[ \u00a0]+(?:(?:" + _alternatives(_by_first_letter(_PARTICLES), "%s")
                     + r"[ \u00a0]+){0,2}" + _TOKEN_FAST + r"|" + _HYPHEN_PARTICLE + r"))*")
NAME_RUN = re.compile(r"[A-ZÀ-Þ](?<![\w’'\-][A-ZÀ-Þ])" + _TOKEN_TAIL + _MORE_TOKENS_FAST)

_NONSPACE = re.compile(r"\S+")
# "Mum-of-two Kelly Barnes", "Father-of-three Tom Ash": a description, not a first name
_PARENT_OF = re.compile(r"[A-Za-z]+-of-[a-z0-9]+$")

_POSS = re.compile(r"(?:’s|'s|’|')$")

ACRONYM = re.compile(r"^(?:[A-Z]{2,6}|(?:[A-Z]\.){2,4})$")

@lru_cache(maxsize=1)
def _first_names() -> dict:
    """Common first names (lower case) -> the gender they usually signal."""
    path = pathlib.Path(__file__).with_name("first_names.json")
    return json.loads(path.read_text(encoding="utf-8"))["names"]


_FEMALE_NAMES = load("first_names_female")
_MALE_NAMES = load("first_names_male")


@lru_cache(maxsize=8192)
def first_name_gender(word: str) -> Optional[str]:
    """The gender a first name usually signals ("f"/"m"), or None: the hand-written list
    first, then the names the US baby-name counts give one sex (a hint for he/she only; a
    word being there does not make a capitalised run a person's name)."""
    w = word.lower().strip(".")
    g = _first_names().get(w)
    if g is None:
        if not w.isascii():  # "José", "Zoë": the lists are written without accents
            w = unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode()
        g = "f" if w in _FEMALE_NAMES else "m" if w in _MALE_NAMES else None
    return g


def is_title_word(w: str) -> bool:
    lw = w.lower().rstrip(",")
    if lw in TITLES:
        return True
    if lw.endswith("-elect"):
        return True
    if lw.endswith(("’s", "'s")):
        return False
    # the professions the list cannot all hold: "glaciologist", "geoscientist", "demographer"
    return lw.isalpha() and len(lw) > 8 and lw.endswith(_PROFESSION_ENDINGS)


_PROFESSION_ENDINGS = ("ologist", "scientist", "ographer")

@dataclass
class NameRun:
    start: int  # of the name part
    end: int
    tokens: list[str]
    kind: str  # person | organization | other
    title: Optional[str] = None  # title words inside the run, before the name
    title_start: Optional[int] = None

# Per-process memos: a report repeats its names ("Trump" dozens of times) and reports share
# them, and both functions depend only on the words (and the fixed word lists). Bounded: cleared
# when full.
_MEMO_MAX = 100_000
_ONE_TOKEN_KIND: dict[str, str] = {}
_RUN_PARTS: dict[str, list["NameRun"]] = {}


# a US lawmaker's party and state, written after the name: "R-Texas", "D-N.Y.", "I-Vt."
PARTY_TAG = re.compile(r"[RDI]-[A-Z][A-Za-z]*\.?(?:[A-Z]\.?)*$")


def classify_tokens(toks: list[str]) -> str:
    if len(toks) == 1:
        t = toks[0]
        kind = _ONE_TOKEN_KIND.get(t)
        if kind is None:
            if len(_ONE_TOKEN_KIND) >= _MEMO_MAX:
                _ONE_TOKEN_KIND.clear()
            kind = _ONE_TOKEN_KIND[t] = _classify(toks)
        return kind
    return _classify(toks)


def _classify(toks: list[str]) -> str:
    if not toks:
        return "other"
    clean = [t.rstrip(".") if not ACRONYM.match(t) else t for t in toks]
    if PARTY_TAG.match(toks[0]):
        return "other"  # "R-Texas", "D-N.Y.": a lawmaker's party and state, no name
    # (a listed first name that is also a body's name opens a person's name: "Fox Orme")
    named = len(toks) == 2 and toks[0] in KNOWN_ORGS and first_name_gender(toks[0]) is not None
    for t in toks:
        if t in ORG_WORDS or t in KNOWN_ORGS and not (named and t == toks[0]):
            return "organization"
    if len(clean) >= 2 and clean[-1] in BUSINESS_HEADS and \
            clean[0].lower() not in _first_names():
        return "organization"  # "Skyline Rail", "Norland Freight": a business, not a person
    if len(toks) == 1:
        t = toks[0]
        if t.lower() in _TIME_WORDS:
            return "other"  # "YESTERDAY" in capitals is no body, "Monday" no surname
        if ACRONYM.match(t):
            return "organization"
        if t in NOT_NAME_FIRST or t in PLACE_WORDS:
            return "other"
        return "single"
    if clean[0] in NOT_NAME_FIRST:
        return "other"
    if len(toks) == 2 and _KOREAN_GIVEN.fullmatch(toks[1]):
        return "person"  # "Park Ji-won", "Lee Sang-min": a family name, a two-part given name
    if len(toks) == 2 and _BARE_INITIALS.fullmatch(toks[0]) and \
            toks[0] not in _NOT_INITIALS and all(
                _NAME_WORD.fullmatch(t) and t not in ORG_WORDS and t not in KNOWN_ORGS and
                t not in PLACE_WORDS and t not in BUSINESS_HEADS for t in toks[1:]):
        return "person"  # "PB Balaji", "N Chandrasekaran": initials written without stops
    first_name = len(clean) <= 3 and clean[0].lower() in _first_names()
    initials = len(toks) in (2, 3) and toks[0][-1:] == "." and \
        _INITIALS.fullmatch(toks[0]) is not None and \
        toks[0] not in _COUNTRY_INITIALS  # "J.R. Whitfield", not "U.S. Steel"
    for t in toks:
        if t in PLACE_WORDS and not (first_name and (t == toks[-1] or t == toks[0])) or (
                ACRONYM.match(t) and not (len(t) == 2 and t[1] == ".") and not (
                    initials and t == toks[0])):
            # ("Linda Park", "Tom Hill": a common first name before a place word that is
            # also a surname is a person; so is a first name that is also a place word,
            # "Bill Smith", where no other place word follows)
            return "other"
    if len(toks) > 5:
        return "other"
    if len(toks) == 2 and toks[-1] in _PARTY_MEMBERS and (toks[0] in _PARTY_MEMBERS or
                                                          toks[0] in _PARTY_QUALIFIERS):
        return "other"  # "Liberal Democrat", "Social Democrat": a party's member, no name
    if any(_ARTICLE_JOINED.match(t) for t in toks[1:]) and not any(
            first_name_gender(t) or is_title_word(t) for t in clean[:-1]):
        # "Ansar al-Sharia", "Jabhat al-Nusra": a name with a joined Arabic article and no
        # first name before it is a group's as often as a person's: no "he" or "she" for it
        # ("Sultan al-Jaber", "Ayman al-Zawahiri" open with a first name)
        return "organization"
    return "person"

# a word naming what someone does, opening a run before a first name: "Forecaster Daniel
# Brown", "Historian Ann Lee", "Pastor Rick Warren" (a role, like a title)
_ROLE_SUFFIX = re.compile(r"(?:er|or|ist|ian|ant|ent|ee)$")
_ARTICLE_JOINED = re.compile(r"(?:" + JOINED_ARTICLES + r")-[A-Z]")
_TIME_WORDS = load("time_words")
PARTY_MEMBERS = _PARTY_MEMBERS = load("party_members")  # "Democrat Elaine Cho": her role
_PARTY_QUALIFIERS = frozenset("Social Christian Free New National Scottish Welsh".split())
_INITIALS = re.compile(r"(?:[A-Z]\.){2,3}")
_BARE_INITIALS = re.compile(r"[A-Z]{1,2}")
_NAME_WORD = re.compile(r"[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?")
# two capitals that are a country, a body or a thing, not a person's initials
_NOT_INITIALS = frozenset("US UK EU UN AI TV PR GE HP BP EY PM MP CEO IT ID UA UAE NY LA DC "
                          "SA NZ PC FC AC ML AG DA DJ MC VP GM MD RN PA ER GP".split())
_KOREAN_GIVEN = re.compile(r"[A-Z][a-z]{1,4}-[a-z]{2,4}")
POST_NOMINALS = load("post_nominals")
_COUNTRY_INITIALS = frozenset("U.S. U.K. U.N. E.U. U.S.A. U.A.E. D.C. L.A. N.Y.".split())


def analyse_run(text: str, s: int, e: int) -> list[NameRun]:
    """Split one capitalised run into name parts, pulling titles out of person names."""
    # the parts depend only on the run's text: read once per distinct run, placed at s
    run = text[s:e]
    parts = _RUN_PARTS.get(run)
    if parts is None:
        if len(_RUN_PARTS) >= _MEMO_MAX:
            _RUN_PARTS.clear()
        parts = _RUN_PARTS[run] = _analyse_run(run, 0, len(run))
    # new objects each time: callers own (and may change) what they get
    return [NameRun(r.start + s, r.end + s, list(r.tokens), r.kind, r.title,
                    None if r.title_start is None else r.title_start + s) for r in parts]


def _named_before_letters(words: list[str]) -> bool:
    """``words`` (a run without its last word, letters such as "KC" or "MP") end with a
    person's name: a first name opens it, after any title ("Sir Keir Starmer", "Judge Simon
    Phillips"); "One Conservative MP" and "Labour MP" name no one."""
    k = 0
    while k < len(words) - 2 and (words[k] in NAME_TITLES or words[k].rstrip(".") in NAME_TITLES
                                  or k == 0 and words[0].lower() in TITLES):
        k += 1  # (a role word opening the run too: "Prosecutor Caroline Rees KC")
    rest = words[k:]
    return 2 <= len(rest) <= 4 and first_name_gender(rest[0]) is not None and \
        rest[-1] not in _PARTY_MEMBERS and classify_tokens(rest) == "person"


def _analyse_run(text: str, s: int, e: int) -> list[NameRun]:
    out: list[NameRun] = []
    # tokens with offsets
    toks: list[tuple[int, int, str]] = []
    for m in _NONSPACE.finditer(text, s, e):
        toks.append((m.start(), m.end(), m.group(0)))
    # split at possessives: "Trump’s" ends a part
    parts: list[list[tuple[int, int, str]]] = [[]]
    for ts, te, t in toks:
        pm = _POSS.search(t)
        if pm and len(t) > 2 and t[-2:] in ("’s", "'s"):
            parts[-1].append((ts, te - 2, t[:-2]))
            parts.append([])
        else:
            parts[-1].append((ts, te, t.rstrip(".") if t.endswith(".") and len(t) > 2
                              and not ACRONYM.match(t) and t not in NAME_TITLES else t))
    for part in parts:
        if not part:
            continue
        # leading sentence-function words are not part of a name
        while part and part[0][2] in FUNCTION_FIRST:
            part = part[1:]
        if not part:
            continue
        # letters for an office or an honour after a name of two words or more ("Simon
        # Phillips KC", "Jane Smith MP") are not the name: as a last word they made it an
        # acronym-bearing body, and a surname match failed
        if len(part) >= 3 and part[-1][2] in POST_NOMINALS and _named_before_letters(
                [p[2] for p in part[:-1]]):
            part = part[:-1]
        words = [p[2] for p in part]
        # title inside the run: last title-head word, name after it
        cut = -1
        for i, w in enumerate(words):
            if w in NAME_TITLE_HEADS or w.rstrip(".") in NAME_TITLE_HEADS or \
                    w[-1:] == "s" and w[:-1] in NAME_TITLE_HEADS and i < len(words) - 2:
                cut = i  # (a plural title opens a list: "Judges Thomas Brandt and ...")
        if cut < 0 and len(words) in (3, 4) and (
                words[0].lower() in TITLES or _PARENT_OF.match(words[0]) or
                words[0] in _PARTY_MEMBERS or _ROLE_SUFFIX.search(words[0]) and
                first_name_gender(words[0]) is None and
                first_name_gender(words[1]) is not None) and \
                words[0].lower() not in _first_names() and \
                classify_tokens(words[1:]) == "person":
            cut = 0  # "Reader Graham Ellis", "Resident Ann Cole": a role word opening the run
        if cut >= 0 and cut < len(words) - 1:
            name_toks = part[cut + 1:]
            # leading modifiers like "Senior" are title words too
            k = classify_tokens([p[2] for p in name_toks])
            if k == "other" and len(name_toks) == 1 and name_toks[0][2] == "May":
                k = "single"  # "Mrs May", "Mr Justice May": after a title, a surname
            if k == "organization" and any(_ARTICLE_JOINED.match(p[2]) for p in name_toks[1:]):
                k = "person"  # "President Bashar al-Assad": the title says a person
            if k in ("person", "single"):
                out.append(NameRun(name_toks[0][0], name_toks[-1][1], [p[2] for p in name_toks],
                                "person", text[part[0][0]:part[cut][1]], part[0][0]))
                continue
        if cut == len(words) - 1 and len(words) >= 2 and all(
                w in NAME_TITLES or w.rstrip(".") in NAME_TITLES for w in words):
            # "the Prime Minister", "the Home Secretary": a title alone names no one (the
            # speaker resolver looks for its holder)
            out.append(NameRun(part[0][0], part[-1][1], words, "other"))
            continue
        k = classify_tokens(words)
        out.append(NameRun(part[0][0], part[-1][1], words, k))
    return out


# "Secretary of State John Kerry", "Minister for Foreign Affairs Tom Ash", "Chancellor of the
# Exchequer Rachel Reeves": a title with an "of"/"for" phrase written before the name. The run
# that follows the "of" holds the department's words and the name together ("State John
# Kerry"), which read alone as a place or an organisation; the name is the tail.
_TITLE_OF_BEFORE = re.compile(r"(?<![\w’'])([A-Z][\w-]*)\s+(?:of|for)\s+(?:the\s+)?$")


def split_title_of(text: str, s: int, e: int) -> Optional[NameRun]:
    """The person at the end of the run [s, e) when a title and "of"/"for" come right before
    it ("Secretary of" + "State John Kerry" -> "John Kerry", title "State"), else None.

    The name starts at a common first name (two or three words); without one, only a
    two-word name after the department's words, or a surname after a one-word department
    ("Secretary of State Kerry"), is taken: no guess when the split is unclear."""
    pre = text[max(0, s - 5):s]
    if not pre.endswith(("of ", "for ", "the ")):
        return None  # (most runs: no regex search)
    m = _TITLE_OF_BEFORE.search(text, max(0, s - 60), s)
    if m is None or not is_title_word(m.group(1)):
        return None
    sure = m.group(1) in NAME_TITLES  # "Secretary", "Minister"; "Head" needs a first name
    toks = [(t.start(), t.end(), t.group(0)) for t in _NONSPACE.finditer(text, s, e)]
    if len(toks) < 2:
        return None
    if toks[-1][2].endswith(("’s", "'s")):
        a, b, w = toks[-1]
        toks[-1] = (a, b - 2, w[:-2])
    words = [t[2] for t in toks]

    def run(k: int, kind: str) -> NameRun:
        # the title is the whole phrase ("Secretary of State"), for the role
        return NameRun(toks[k][0], toks[-1][1], words[k:], kind, text[m.start(1):toks[k - 1][1]],
                       m.start(1))

    for k in range(1, min(4, len(toks) - 1)):
        tail = words[k:]
        if len(tail) <= 3 and tail[0].lower() in _first_names() and \
                classify_tokens(tail) == "person":
            return run(k, "person")
    if not sure:
        return None
    for k in range(1, min(4, len(toks) - 1)):
        # (a first name of the long lists after a sure title: "Secretary for Housing Winnie
        # Ho Wing-yin", the department's words being no name)
        tail = words[k:]
        if len(tail) == 3 and first_name_gender(tail[0]) and \
                classify_tokens(tail) == "person" and classify_tokens(words[:k]) != "person":
            return run(k, "person")
    if len(toks) >= 3 and classify_tokens(words[-2:]) == "person" and \
            words[-2].lower() not in _first_names() and \
            classify_tokens(words[:-2]) != "person":
        return run(len(toks) - 2, "person")
    if len(toks) == 2 and classify_tokens(words[1:]) == "single":
        return run(1, "single")
    return None
