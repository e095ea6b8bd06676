"""Resolve each attribution's source span to a speaker within the report.

``resolve_speakers(text, sentences, attributions, start=0) -> list[Speaker]`` gives, for each
attribution (same order), ``Speaker(name, type, role)`` with type ``person``,
``organization`` or ``anonymous``.

How (regular expressions and small word lists only, one pass over the text):

* Person names are runs of capitalised words with no organisation or place word in them
  ("Kenneth Merten", "Simon Sandoval-Moshenberg", "Andres Manuel Lopez Obrador"); a title
  inside the run ("President Enrique Pena Nieto", "Foreign Minister Luis Videgaray Caso") goes
  to the role. All such runs of the report are indexed once, so that a surname alone or a
  shorter form ("Merten", "Pena Nieto") resolves to the full name met elsewhere in the report,
  and a role met at any earlier mention ("U.S. Secretary of State Mike Pompeo") is the
  speaker's role at a later bare mention ("Pompeo said").
* Roles are read around a name: a title phrase right before it ("State Department
  spokeswoman Heather Nauert"), an appositive before or after it ("the State Department's
  acting deputy assistant secretary on Western Hemisphere affairs, Kenneth Merten," /
  "Jane Roe, a spokeswoman for the agency,"), or an "of" phrase after it ("Simon
  Sandoval-Moshenberg of the advocacy group Legal Aid Justice Center" -> "advocacy group Legal
  Aid Justice Center"). A leading "the"/"a" is dropped.
* Pronouns: "he"/"she" -> the most recent person or singular unnamed speaker within the last
  three sentences, else the nearest person named in the text before it, else the most recent
  compatible speaker anywhere (a gender seen in a title or an earlier pronoun is respected);
  "it" -> the most recent organization speaker; "they" -> the most recent organization or
  plural unnamed speaker.
* Organizations: acronyms ("DHS"), capitalised runs with an organisation word ("State
  Department", "Legal Aid Justice Center"), well-known bodies ("White House", "Pentagon"),
  and "the ministry"-like common nouns. The name drops a leading "the".
* Unnamed sources ("a senior State Department official", "US officials", "Critics") are
  ``anonymous`` with the description as name, without its determiner and with a lower-case
  first common word ("senior State Department official", "critics"). A later definite
  mention ("the senior State Department official", "the official") is the same speaker.
* A role without a name ("Mexico's economy secretary says") is linked backwards to a person
  whose known role has the same title word, else forwards to a newly named person without a
  role who speaks within the next two sentences ("Alfonso Guajardo told ..."); linked, the
  person gets the role. Unlinked it stays a ``person`` named by the description.

Capitalised runs and titles are read by ``names.py``; roles (and genders from them) around
a name by ``roles.py``; unnamed sources are kept by ``anonymous_sources.py``; the word lists
are in ``lexicons/``.
"""
from __future__ import annotations

import bisect
import json
import pathlib
import re
from dataclasses import dataclass, field
from typing import Optional, Sequence

from claims.extraction.anonymous_sources import (DETERMINERS, GROUP_NOUNS, AnonymousSources,
                                                 normalise_description)
from claims.extraction.names import (BUSINESS_HEADS, FUNCTION_FIRST, JOINED_ARTICLES,
                                     KNOWN_ORGS, NAME_RUN, NAME_TITLES, NOT_NAME_FIRST,
                                     ORG_WORDS, PLACE_WORDS, TITLES, NameRun, analyse_run,
                                     classify_tokens, first_name_gender, is_title_word,
                                     split_title_of)
from claims.extraction.roles import entity_role, gender_of as _gender_of, role_at, \
    role_gender, strip_role as _strip_role
from claims.extraction.spans import Attribution, Sentence
from claims.extraction.word_sets import written_in_lower_case
from claims.extraction.lexicons import load

__all__ = ["Speaker", "resolve_speakers", "SpeakerResolver", "normalise_description"]


# a coordination inside a speaker span, and what tells it from one described person
_PREP_IN = re.compile(r"\b(?:of|for|at|to|with|from|in|on)\b", re.I)
_CONJ_DET = frozenset("the a an his her their its our my".split())
_AND = re.compile(r"\s(?:and|as well as)\s")  # ("&" joins a firm's name: "Marks & Spencer")
# the "of" part of a body's name: "Bank| of England", "Ministry| of Defence"
_CAPS_WORDS = r"[A-Z][\w’'&-]*(?:\s+[A-Z][\w’'&-]*)*"
_LISTED_IN_NAME = re.compile(r"\s+(?:for|of)\s+(?:the\s+)?" + _CAPS_WORDS + r"(?:,\s+" +
                             _CAPS_WORDS + r")*,?\s+and\s+" + _CAPS_WORDS)
_OF_NAME = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w’'&-]*(?:\s+[A-Z][\w’'&-]*){0,3}"
                      r"(?:\s+(?:and|&)\s+[A-Z][\w’'&-]*(?:\s+[A-Z][\w’'&-]*){0,2})?(?![\w’'])")
# one capitalised word written with its mark: a brand's name ("Which?", "Yahoo!")
_MARKED_NAME = re.compile(r"[A-Z][\w&’'-]*[?!]")
# a title and "of"/"for" before a body's name: "(the) Minister of [State Security]"
# a capitalised cue inside a run of capitalised words (a title-case headline)
_TITLE_CASE_CUE = re.compile(r"[ \u00a0](?:Says|Said|Tells|Told|Warns|Warned|Claims|Claimed|"
                             r"Insists|Admits|Urges|Denies|Vows|Predicts|Announces)\b")
# capitalised words joined by "&": "Marks & Spencer", "AT&T", "Procter & Gamble Co"
_AMPERSAND_NAME = re.compile(r"(?<![\w&])(?:[A-Z][\w.’'-]*[ \u00a0])*[A-Z][\w.’'-]*(?:[ \u00a0]?&"
                             r"[ \u00a0]?[A-Z][\w’'-]*)+(?:[ \u00a0][A-Z][\w’'-]*)*")
# "the chief executive of", "its head of" before a body's name (group 1: the post's last word)
_ROLE_OF_BODY = re.compile(r"\s*(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?:[a-z-]+\s+){0,2}?([a-z-]+)\s+"
                           r"(?:of|at)\s+(?:the\s+)?")
# posts many hold at once, or held to speak for a body: their holder is no one person named
# by the post ("a spokesman for the ministry" speaks for it)
_NOT_ONE_HOLDER = frozenset("spokesman spokeswoman spokesperson representative official "
                            "source expert analyst member aide officer lawmaker diplomat person "
                            "adviser advisor staffer employee".split())
_TITLE_OF_LEAD = re.compile(r"\s*(?:[Tt]he\s+)?(?:[A-Z][\w.-]*\s+){0,2}?([A-Z][\w-]*)\s+"
                            r"(?:of|for)\s+(?:the\s+)?")


@dataclass
class Speaker:
    name: Optional[str]
    type: str  # person | organization | anonymous
    role: Optional[str] = None


# ----------------------------------------------------------------------------- word lists
_ORG_COMMON = load("organisation_nouns")
_PRONOUNS = {
    "he": ("person", "m"), "him": ("person", "m"), "she": ("person", "f"),
    "her": ("person", "f"), "it": ("organization", None), "they": ("group", None),
    "them": ("group", None), "i": ("first", None), "we": ("first", None),
}

# ----------------------------------------------------------------------------- patterns
# a preposition and lower-case words before a name: "of research firm| Canalyst"
_DOC_HEADS = frozenset("study report survey analysis review poll paper audit investigation".split())
_OF_INSIDE = re.compile(r"\b[a-z][\w-]*\s+of\s+(?:[a-z][\w-]*\s+){0,3}$")
_PREP_NOUNS_BEFORE = re.compile(r"\b(?:of|for|at|with|from)\s+(?:the\s+|a\s+|an\s+)?"
                                r"(?:[a-z][\w-]*\s+){1,3}$")
# a span opening with a determiner and a lower-case word: a description ("a former aide")
_DESCRIPTION_OPENS = re.compile(r"\s*(?:(?:[Aa]n?|[Tt]he|[Oo]ne)\s+)?[a-z]")
_PREP_WORDS_BEFORE = re.compile(r"\b(?:of|for|at|with|from|to)\s+(?:the\s+|a\s+|an\s+)?"
                                r"(?:[a-z][\w-]*\s+){0,3}$")
_PREP_BEFORE = re.compile(r"\b(?:of|on|for|at|with|from|in|by|to|representing)\s+$")
# "a study published in the journal Nature": the journal is where it appeared, no speaker
_MEDIUM_BEFORE = re.compile(r"\b(?:of|on|for|at|from|in|by|to)\s+(?:the\s+)?(?:journal|"
                            r"magazine|newspaper|paper|website|blog|show|programme|program|"
                            r"podcast|book|network|channel)\s+$|"
                            # "a paper presented at the Usenix Security Symposium": a venue
                            r"\b(?:presented|published|posted|unveiled)\s+(?:at|in|on|to)\s+"
                            r"(?:the\s+)?$")
_COMMA = re.compile(r"[,;]")
# "a spokesman for", "an aide to", "the wife of" + a title or description before the name
_ROLE_OF = re.compile(r"\s*(?i:a|an|the|one)\s+(?:[a-z-]+\s+){0,2}[a-z-]+\s+"
                      r"(?:for|to|of|with|at)\s")
# a person described by age only: "the 36-year-old", "the 19-year-old striker", "the teenager"
# or by nationality: "the Italian", "the 28-year-old Brazilian" (lexicons/demonyms.txt)
# a title and its abbreviation before a name ("Sen. Ana Ruiz" is a senator)
_TITLE_ABBREVIATIONS = {"senator": "sen", "governor": "gov", "representative": "rep",
                        "professor": "prof", "general": "gen", "doctor": "dr",
                        "congressman": "rep", "congresswoman": "rep"}
_AGE_DESC = re.compile(r"(?i:the)\s+(?:\d+|[a-z]+)-year-old(?:\s+[a-z]+)?|(?i:the)\s+teenager|"
                       r"(?i:the)\s+(?:(?:\d+|[a-z]+)-year-old\s+)?(?:" +
                       "|".join(sorted(load("demonyms"))) + r")")
# a sentence opened by a plural group noun: "Researchers at ... followed", "The doctors found"
_GROUP_OPENING = re.compile(r"\s*(?:The\s+)?([A-Za-z]+s)\b(?!['’])")
# a parent described by the number of children: "the mum-of-two", "the father-of-three"
_PARENT_OF = re.compile(r"(?i:the)\s+(?:\d+-year-old\s+)?(mum|mom|mother|dad|father|grandmother|"
                        r"grandfather|gran|grandad|granddad|grandma|grandpa)(?:-of-[a-z0-9]+|"
                        r" of (?:one|two|three|four|five|six|seven|eight|nine|ten|\d+))",
                        re.IGNORECASE)
# "the singer", "the veteran striker": one person described by what they do
_PERSON_DESC = re.compile(r"(?i:the)\s+(?:[A-Za-z-]+\s+)?([a-z]+)")  # ("the Lakers guard")
_PERSON_NOUNS = load("person_descriptions")
# "the former care worker": what one person was, said of someone the report just named
_FORMER_DESC = re.compile(r"(?i:the)\s+former\s+(?:[a-z-]+\s+){0,2}([a-z]+)")
_CAPITAL_ARTICLE = re.compile(
    r"(?:" + "|".join(a.capitalize() for a in JOINED_ARTICLES.split("|")) + r")-[A-Z]")
# a sentence opened by "NAME and her colleagues" / "NAME and NAME", then a lower-case verb
_COORDINATED_SUBJECT = re.compile(
    r"((?:[A-Z][\w.’'-]*\s+){0,2}[A-Z][\w’'-]+\s+and\s+(?:(?:his|her|their)\s+(?:colleagues|"
    r"co-authors|coauthors|team|teammates|partners|students|collaborators)|"
    r"(?:[A-Z][\w.’'-]*\s+){0,2}[A-Z][\w’'-]+))\s+(?=[a-z])")
_PAREN_AFTER_NAME = re.compile(r"[ \t]*\([^()\n]{1,30}\)(?=[ ,])")
_ARTICLE_BEFORE = re.compile(r"(?:^|\W)(?i:an?)\s+$")
_GOVERNED = re.compile(r"\b(?:in|at|from|to|into|near|of|her|his|their|its)\s+$")
_FEMALE_PARENT = frozenset("mum mom mother grandmother gran grandma".split())
_QUANTIFIERS = frozenset("some others many most several few both all".split())
_PART_OF_GROUP = re.compile(r"(?:one|some|many|most|several|two|three|another|each|both|"
                            r"all)\s+of\s+(?:the|those|these)\s+([a-z]+)")
_WORD = re.compile(r"[A-Za-z]+")
_APPOSITIVE = re.compile(r",\s+(?:a|an|the|his|her|their|its)\s[^,.;:“”\"]{1,70},\s")
_RELATIVES = frozenset("who which whose whom that".split())
_AGE_APPOSITIVE = re.compile(r",\s+\d{1,3},\s")
_OPEN_QUOTES = frozenset("“\"‘'«")
# "While he ...", "Although she ...": a subordinate clause opening the sentence, the pronoun
# its first word after the conjunction
_FRONTED_SUBORDINATE = re.compile(r"\s*(?:While|Although|Though|When|After|Before|Because|"
                                  r"Since|Once|Until|Even though|Even as|As)\s+", re.S)
_RELATIVE_ASIDE = re.compile(r"([^,]+),\s+(?:who|whose)\s[^,]+,\s*", re.S)
_OPEN_QUOTE_CHARS = re.compile(r"[“\"«]")
_TITLE_THEN_CAPITAL = re.compile(r"\s*((?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.\s+)?(?=[A-Z])")
# words opening a description that refers to no one in particular ("not every expert",
# "no official", "each side"): never the antecedent of "he"/"she"
_NO_ONE_IN_PARTICULAR = frozenset("not no every each any few none neither".split())
# "spokesman", "chairman", "congressman": said of women too, so a weak sign of gender
_MAN_WORD = re.compile(r"[a-z]man\b", re.IGNORECASE)
_PLACE_PREP = re.compile(r"\b(?:in|at|near|across|outside|inside)\s+(?:the\s+)?$")
_NEXT_WORD = re.compile(r",? ([a-z]+)\b")
# a verb after a name: one of the frequent ones, a cue, or a regular past ("walked")
_VERBS_AFTER_NAME = frozenset(load("common_verbs") | load("cue_verbs_speech") | frozenset(
    "has had is was will would can could says said told".split()))
_FIRST_NAME_GENDER: dict[str, str] = json.loads(
    (pathlib.Path(__file__).with_name("first_names.json")).read_text(encoding="utf-8"))["names"]


@dataclass
class _Entity:
    name: str
    type: str
    role: Optional[str] = None
    gender: Optional[str] = None
    mentions: list[int] = field(default_factory=list)  # start offsets of name mentions
    roles_checked: bool = False


# "Trump aides", "Clinton campaign officials", "Fire crews": a name (or a capitalised word
# opening the sentence) before the head noun of an unnamed source only modifies it
# a determiner and at most two lower-case words right before a capitalised word: a
# description ("the top Democrat", "a Republican"), not a person's name
_DET_ADJ_BEFORE = re.compile(r"(?<![\w’'])(?:[Tt]he|[Aa]n?)\s+(?:[a-z-]+\s+){0,2}$")
_TRAILING_RELATIVE = re.compile(r"\s+(?:who|that|which)$")
# a lower-case word after a capitalised one, inside the speaker's span ("Early analysis")
_LOWER_AFTER = re.compile(r"[ \u00a0]+[a-z]")
_CASE_WINDOW = 20_000  # how far around a word its other mentions are looked for
_NOT_BEFORE = frozenset("_’'-")  # with the letters and digits: what may not precede a mention
_NOT_AFTER = frozenset("_-")  # ... nor follow it


def _whole_word_at(text: str, word: str, lo: int, hi: int):
    """The starts of the matches of ``(?<![\\w’'-])word(?![\\w-])`` (``word`` a literal) that
    ``finditer(text, lo, hi)`` gives, found by ``str.find``: a pattern compiled per word
    missed re's cache (~1.4 M instructions a compile). As finditer does, the lookbehind
    sees the text before ``lo``, the lookahead nothing at or after ``hi``, a match moves the
    search to its end and a failed occurrence one character on (tests/test_fast_patterns.py)."""
    hi = min(hi, len(text))
    n = len(word)
    find = text.find
    a = find(word, lo, hi)
    while a >= 0:
        b = a + n
        c = text[a - 1] if a else ""
        d = text[b] if b < hi else ""
        if (not c or not (c.isalnum() or c in _NOT_BEFORE)) and \
                (not d or not (d.isalnum() or d in _NOT_AFTER)):
            yield a
            a = find(word, b, hi)
        else:
            a = find(word, a + 1, hi)
# endings of plural nouns that are no one's surname ("Jurors", "Associates", "Millennials")
_PLURAL_NOUN = re.compile(r"(?:ors|ers|ates|ians|ists|ies|ants|ents|als|ees|ans)$")
# a name after the earlier items of a list a preposition governs: "in Alabama, Georgia and
# (Virginia)", "of Tampa, (Fla.)"
_PLACE_LIST_BEFORE = re.compile(
    r"\b(?:in|at|from|across|of)\s+(?:[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*"
    r"(?:,\s+and\s+|,\s+|\s+and\s+))+$")
# the kin or role word an appositive name follows: "Her husband, (Per)"
_KIN_BEFORE = re.compile(r"\b([a-z]+),\s*$")
_AND_JOIN = re.compile(r"\s+(?:and|&)\s+")  # "Food and Drug Administration"
# from a capitalised word to the body's name it belongs to: "(Medicines) and Healthcare
# products (Regulatory Agency)", "(Healthcare) products (Regulatory Agency)"
_BODY_NAME_GOES_ON = re.compile(r"(?:\s+(?:and|&)\s+[A-Z][\w’'-]*)*\s+[a-z]+\s+")
# the rest of a body's name up to its last word: "(Centers) for Disease Control and (Prevention)"
_ORG_NAME_AND = re.compile(r"(?:\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+){1,4}?)?"
                           r"\s*(?:and|&)\s+")
_NOT_HEADS = frozenset("own said says".split())
_UTTERANCES = load("utterance_nouns")
_RESEARCH_WORDS = load("research_sources")  # "Data", "Records": no surname
_NUMBER_WORDS = load("number_words")  # "Hoff's letter said": Hoff speaks
_HEAD_TAIL = re.compile(r"(?:[’']s|(?<=s)[’'])?((?:\s+[a-z][a-z-]*){1,3})\s*$")
_CAP_HEAD_TAIL = re.compile(r"[’']s\s+([A-Z][a-z-]+)\s*")
_KIN_NOUNS = frozenset("son sons daughter daughters wife husband brother sister mother father "
                       "widow widower family parents children partner".split())
_ON_AFTER_HEAD = re.compile(r"\s+on\s")  # "Business owners on Main Street" (a group noun first)
_PREP_AFTER_HEAD = re.compile(r"\s+(?:in|at|from|across|near|for|of)\s")


def _modifies_head(text: str, end: int, b: int) -> bool:
    """The words from ``end`` to ``b`` are lower-case ones ending in a group or role noun."""
    m = _HEAD_TAIL.fullmatch(text, end, b)
    if m is None:
        cap = _CAP_HEAD_TAIL.fullmatch(text, end, b)
        if cap is not None:
            # a title-case headline's "Trump’s Lawyer Says": the lawyer, not Trump
            w = cap.group(1).lower()
            return w in GROUP_NOUNS or w in TITLES or w in _KIN_NOUNS
        # "Health officials in Texas": the head before a place or a body it belongs to
        pm = _PREP_AFTER_HEAD.search(text, end, b) or _ON_AFTER_HEAD.search(text, end, b)
        m = _HEAD_TAIL.fullmatch(text, end, pm.start()) if pm else None
        if m is None:
            return False
    head = m.group(1).split()[-1]
    # after a possessive any noun is the head ("Kane's lawyers", "Ruiz's doctor"), except a
    # word of time ("Kane's late" is no such phrase; "Tuesday's" has no name)
    possessive = text[end:end + 2] in ("’s", "'s") or \
        text[end:end + 1] in ("’", "'") and text[end - 1:end] == "s"  # ("Sanders’ aides")
    return head in GROUP_NOUNS or possessive and head not in _NOT_HEADS \
        and head not in _UTTERANCES


# One capitalised word found as a name run -> None (no name: a function word, or "other") or
# (the word without its possessive, characters cut, kind). It depends on the word alone and a
# report repeats its names: read once per process. Bounded like the memos of names.py.
_SINGLE_WORD_RUN: dict[str, Optional[tuple[str, int, str]]] = {}


def _single_word_run(tok: str) -> Optional[tuple[str, int, str]]:
    got: Optional[tuple[str, int, str]] = None
    if tok not in FUNCTION_FIRST:
        word, cut = (tok[:-2], 2) if tok.endswith(("’s", "'s")) else (tok, 0)
        k = classify_tokens([word])
        if k != "other":
            got = (word, cut, k)
    if len(_SINGLE_WORD_RUN) >= 100_000:
        _SINGLE_WORD_RUN.clear()
    _SINGLE_WORD_RUN[tok] = got
    return got



def _join_ampersand_names(text: str, runs: list[NameRun]) -> list[NameRun]:
    """ "Marks & Spencer", "Harlow & Finch", "AT&T": names joined by "&" are one body's name
    (two people are joined by "and"), so the runs they cover become one organisation."""
    spans = [m.span() for m in _AMPERSAND_NAME.finditer(text)]
    if not spans:
        return runs
    joined = [NameRun(a, b, [text[a:b]], "organization") for a, b in spans]
    starts = [a for a, _ in spans]
    kept = []
    for r in runs:  # the runs inside a joined name give way to it
        k = bisect.bisect_right(starts, r.start) - 1
        inside = k >= 0 and r.start < spans[k][1]
        if not inside and k + 1 < len(spans) and spans[k + 1][0] < r.end:
            inside = True
        if not inside:
            kept.append(r)
    return sorted(kept + joined, key=lambda r: r.start)


def _drop_sentence_case_openers(text: str, runs: list[NameRun], sent_starts: list[int]
                                ) -> list[NameRun]:
    """ "Experimental Alzheimer's drug slows decline": a word capitalised only because it
    opens the sentence is no part of the name after it when the report writes it in lower
    case elsewhere ("an experimental Alzheimer's drug"), so "Experimental Alzheimer" is not
    a person. Not a first name ("Will Smith said"), nor a word the report also capitalises
    inside a sentence ("... of Black Lives Matter"), nor before a name the report never
    writes alone ("Win Htein")."""
    out = None
    inside = None  # the first two words of names met inside a sentence; the words met alone
    for n, r in enumerate(runs):
        if r.kind != "person" or len(r.tokens) < 2 or r.title is not None:
            continue
        k = bisect.bisect_right(sent_starts, r.start) - 1
        if k < 0 or text[sent_starts[k]:r.start].strip(" \t\n“\"‘'") != "":
            continue
        first, rest = r.tokens[0], r.tokens[1:]
        if not first.isalpha() or first_name_gender(first) is not None or \
                not written_in_lower_case(text, first.lower()):
            continue
        if inside is None:
            inside = _names_inside(text, runs, sent_starts)
        if (first, rest[0]) in inside[0] or len(rest) == 1 and \
                first_name_gender(rest[0]) is None and not inside[1].get(rest[0], set()) - {first}:
            continue
        second = text.find(rest[0], r.start + len(first), r.end)
        if second < 0:
            continue
        if out is None:
            out = list(runs)
        out[n] = NameRun(second, r.end, rest, "single" if len(rest) == 1 else "person")
    return runs if out is None else out


def _names_inside(text: str, runs: list[NameRun], sent_starts: list[int]
                  ) -> tuple[set[tuple[str, str]], dict[str, set[str]]]:
    """(the first two words of each name met inside a sentence, each word of a name -> the
    words met right before it in names, "" where it opens one)."""
    pairs: set[tuple[str, str]] = set()
    before: dict[str, set[str]] = {}
    for r in runs:
        prev = ""
        for t in r.tokens:
            before.setdefault(t, set()).add(prev)
            prev = t
        k = bisect.bisect_right(sent_starts, r.start) - 1
        if len(r.tokens) >= 2 and k >= 0 and \
                text[sent_starts[k]:r.start].strip(" \t\n“\"‘'") != "":
            pairs.add((r.tokens[0], r.tokens[1]))
    return pairs, before


_BODY_HEADS = ORG_WORDS | BUSINESS_HEADS | load("shop_name_heads")


def _join_possessive_bodies(text: str, runs: list[NameRun]) -> list[NameRun]:
    """ "St. Mary's Hospital", "the Alzheimer's Association", "Kane's Bakery": a body whose
    name holds a possessive is one organisation, not the person "St Mary" nor a body called
    "Association". Not when the possessor is a person or a place the report names as such
    ("Donald Trump's Justice Department", "Britain's Foreign Office": the department speaks,
    see ``_possessed_body``)."""
    people = None  # the surnames of the people named in full (made when first needed)
    out = None
    for n in range(1, len(runs)):
        o, p = runs[n], runs[n - 1]
        if o.tokens[-1] not in _BODY_HEADS or o.kind not in ("organization", "single") or \
                text[p.end:p.end + 2] not in ("’s", "'s") or \
                text[p.end + 2:o.start].strip(" \u00a0") != "" or o.start - p.end > 4:
            continue
        if people is None:
            people = {r.tokens[-1] for r in runs if r.kind == "person" and len(r.tokens) >= 2
                      and first_name_gender(r.tokens[0]) is not None}
        if p.kind == "person" and first_name_gender(p.tokens[0]) is not None or \
                p.tokens[-1] in people or p.tokens[-1] in PLACE_WORDS or \
                p.kind == "organization":
            continue
        if out is None:
            out = list(runs)
        start = p.start if p.title_start is None else p.title_start
        out[n - 1] = None
        out[n] = NameRun(start, o.end, [text[start:o.end]], "organization")
    return runs if out is None else [r for r in out if r is not None]


def _possessed_body(text: str, r: NameRun, runs: list[NameRun], b: int) -> bool:
    """The name ``r`` owns the body named right after it ("Donald Trump's Justice
    Department said"): the body is the speaker, not the owner."""
    if text[r.end:r.end + 2] not in ("’s", "'s"):
        return False
    return any(o.kind == "organization" and o.start - r.end <= 4 and o.end <= b and
               text[o.end:b].strip(" ,;:.“”\"‘’'()") == ""
               for o in runs if o.start > r.end)


# a Chinese given name written with a hyphen: "Wing-yin", "Lai-shan"
_HYPHENATED_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+")

class SpeakerResolver:
    """Per-report state: the index of names, the entity registry, the speaker history."""

    def __init__(self, text: str, sentences: Sequence[Sentence], start: int = 0):
        self.text = text
        self.sentences = list(sentences)
        self.sent_starts = [s.start for s in self.sentences]
        self.start = start
        self.runs: list[NameRun] = []
        runs = self.runs
        single = _SINGLE_WORD_RUN
        for m in NAME_RUN.finditer(text, start):
            tok = m.group(0)
            if " " not in tok and "\u00a0" not in tok:
                # fast path: one capitalised word, read once per distinct word
                got = single.get(tok, False)
                if got is False:
                    got = _single_word_run(tok)
                if got is not None:
                    word, cut, k = got
                    runs.append(NameRun(m.start(), m.end() - cut, [word], k))
                continue
            cue = _TITLE_CASE_CUE.search(tok)
            if cue is not None:
                # a title-case headline, "Mayor Ann Lee Says Rates Will Fall": the name
                # ends before its cue (the words after it are what was said)
                runs.extend(r for r in analyse_run(text, m.start(), m.start() + cue.start())
                            if r.kind != "other")
                continue
            split = split_title_of(text, m.start(), m.end())
            if split is not None:
                runs.append(split)  # "Secretary of State John Kerry": the name, not "State ..."
                continue
            for r in analyse_run(text, m.start(), m.end()):
                if r.kind != "other":
                    runs.append(r)
        if "&" in text:
            self.runs = runs = _join_ampersand_names(text, runs)
        self.runs = runs = _drop_sentence_case_openers(text, runs, self.sent_starts)
        if "’s " in text or "'s " in text:
            self.runs = runs = _join_possessive_bodies(text, runs)
        self.run_starts = [r.start for r in self.runs]
        # person index: full name -> entity; suffix (surname, "Pena Nieto") -> full names
        self.entities: dict[str, _Entity] = {}
        self.suffix: dict[str, list[str]] = {}
        for r in self.runs:
            if r.kind == "person" and len(r.tokens) >= 2:
                full = " ".join(r.tokens)
                ent = self.entities.get(full)
                if ent is None:
                    # a common first name is a hint of gender ("she" is not Alan Krueger)
                    ent = self.entities[full] = _Entity(
                        full, "person", gender=first_name_gender(r.tokens[0]))
                    for k in range(1, len(r.tokens)):
                        self.suffix.setdefault(" ".join(r.tokens[k:]), []).append(full)
                    # first name alone is not indexed: too ambiguous
                ent.mentions.append(r.start)
        self.history: list[tuple[int, Speaker, Optional[str], bool, int]] = []
        # (sentence index, speaker, gender, plural, offset)
        # word of a name -> the last organisation in the history with it (``remember``): a
        # description looks it up instead of walking the whole history (quadratic on long reports)
        self.last_org_with: dict[str, Speaker] = {}
        self.anon = AnonymousSources(Speaker)
        # gender of a speaker as the words naming it gave it (a title, "mum"), never a
        # pronoun resolved to it: a wrongly resolved pronoun must not spread
        self.word_gender: dict[Optional[str], str] = {}
        self.para_first: Optional[list[int]] = None
        self.name_ok: dict[str, bool] = {}  # full name -> written as a name somewhere
        self.prefix: Optional[dict[str, list[str]]] = None  # family name first -> full names
        self.title_heads: Optional[set[str]] = None  # title words written with a name
        self.sentence_case: dict[str, bool] = {}  # word -> only ever opens sentences
        self.by_first: Optional[tuple[int, dict[str, list[_Entity]]]] = None  # first word

    # ------------------------------------------------------------------ helpers
    def sentence_of(self, pos: int) -> int:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        return max(i, 0)

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        if not self.sentences:
            return self.start, len(self.text)
        s = self.sentences[self.sentence_of(pos)]
        return s.start, s.end

    def role_at(self, ns: int, ne: int, run: Optional[NameRun] = None) -> Optional[str]:
        """The role written around the name at [ns, ne), or None (see ``roles.role_at``)."""
        ss, se = self.sentence_bounds(ns)
        return role_at(self.text, ss, se, ns, ne, run)

    def entity_role(self, ent: _Entity, before: Optional[int] = None) -> Optional[str]:
        """The first role written at any mention of the entity (see ``roles.entity_role``)."""
        return entity_role(ent, self.runs, self.run_starts, self.role_at)

    def runs_in(self, a: int, b: int) -> list[NameRun]:
        i = bisect.bisect_left(self.run_starts, a)
        out = []
        while i < len(self.runs) and self.runs[i].start < b:
            if self.runs[i].end <= b:
                out.append(self.runs[i])
            i += 1
        return out

    def lookup_person(self, tokens: list[str], pos: int, gender: Optional[str] = None
                      ) -> Optional[_Entity]:
        key = " ".join(tokens)
        ent = self.entities.get(key)
        if ent is not None and len(tokens) >= 2:
            longer = {f for f in self.suffix.get(key, ()) if f != key}
            if len(longer) == 1:
                # "García Márquez" after "José Luis García Márquez": a two-word surname, the
                # longer name's (when that name opens with a first name, not "Democrat ...")
                f = longer.pop()
                extra = f.split()[:-len(tokens)]
                if len(extra) <= 2 and all(first_name_gender(w) for w in extra):
                    return self.entities[f]
            return ent
        fulls = self.suffix.get(key)
        if not fulls and _CAPITAL_ARTICLE.match(key):
            fulls = self.suffix.get(key[0].lower() + key[1:])  # "Al-Jaber said" opening a
            # sentence, after "Sultan al-Jaber"
        if not fulls:
            return self._family_name_first(tokens)
        if gender and len(fulls) > 1:
            # a surname two people share, read for "he"/"she": the one of that gender
            # ("Chris Murphy ... Anne Marie Murphy ... Murphy has an ally. He thinks")
            same = [f for f in fulls if self.entities[f].gender == gender]
            if len(same) == 1:
                return self.entities[same[0]]
            # (two of that gender: the latest of them, never one of the other gender)
            fulls = [f for f in fulls if self.entities[f].gender in (gender, None)] or fulls
        # the full name mentioned most recently before pos, else the first one
        best, bestpos = None, -1
        for f in fulls:
            e = self.entities[f]
            for ms in e.mentions:
                if ms < pos and ms > bestpos:
                    best, bestpos = e, ms
        if best is not None and len(set(fulls)) > 1 and \
                self.sentence_of(pos) - self.sentence_of(bestpos) > 1:
            # a surname two people share ("Clinton"), their last full name not just before:
            # the one the report introduced first, the story's subject ("Hillary Clinton" of
            # the opening, not "Bill Clinton" named in passing three paragraphs up)
            # (among names that read as a first name and a surname: not a headline's run,
            # "Chuck Grassley Compares Trump", nor "Democrat Hillary Clinton")
            named = [(self.entities[f].mentions[0], f) for f in set(fulls)
                     if len(f.split()) <= 3 and first_name_gender(f.split()[0])]
            if len(named) > 1:
                return self.entities[min(named)[1]]
        return best or self.entities[fulls[0]]

    def _family_name_first(self, tokens: list[str]) -> Optional[_Entity]:
        """ "Yoon said" after "President Yoon Suk Yeol", "Park told" after "Park Ji-won": a
        family name written first (East Asian order), when it opens exactly one full name of
        three words or a hyphenated given name, and is no listed first name ("Grace Lee")."""
        if len(tokens) != 1:
            return None
        if self.prefix is None:
            self.prefix = {}
            for full in self.entities:
                parts = full.split()
                if len(parts) == 3 and _HYPHENATED_GIVEN.fullmatch(parts[2]) and \
                        first_name_gender(parts[0]):
                    # "Ho said" after "Winnie Ho Wing-yin": an English first name, the
                    # family name, then the hyphenated given name (Hong Kong usage)
                    self.prefix.setdefault(parts[1], []).append(full)
                elif len(parts) == 3 and all(len(w) <= 6 for w in parts) or \
                        len(parts) == 2 and "-" in parts[1] and parts[1][:1].isupper():
                    self.prefix.setdefault(parts[0], []).append(full)
        got = self.prefix.get(tokens[0], [])
        if len(got) != 1 or first_name_gender(tokens[0]) and "-" not in got[0]:
            return None  # ("Mary said" is no "Mary Ann Smith"; "Park" is "Park Ji-won")
        return self.entities[got[0]]

    # ------------------------------------------------------------------ resolution
    def _antecedent(self, kind: str, gender: Optional[str], pos: int) -> Optional[Speaker]:
        cur = self.sentence_of(pos)
        if kind == "person":
            # a person named earlier in the same sentence ("described Trump as ..., because
            # he believed"), unless the pronoun opens the sentence
            ss = self.sentences[cur].start if self.sentences else self.start
            sp = self._main_subject_after(ss, pos, gender)
            if sp is not None:
                return sp
            if self.text[ss:pos].strip(" “\"‘'(") != "" and \
                    self.text[ss:ss + 1] not in _OPEN_QUOTES:
                # (not a name inside the quotation: "“... Ted Cruz anytime,” she said")
                sp = self._person_between(ss, pos, gender)
                if sp is not None:
                    return sp
            sp = self._paragraph_subject(cur, pos, gender)
            if sp is None:
                sp = self._one_person_of_paragraph(cur, pos, gender)
            if sp is not None:
                return sp
            # a speaker's gender as its own words gave it ("a furious mum" then "she")
            seen = self.word_gender
            for si, sp, g, plural, off in reversed(self.history):
                if off >= pos:
                    continue
                if sp.type not in ("person", "anonymous") or plural or \
                        not self._can_be_he_or_she(sp):
                    continue
                g = g or seen.get(sp.name)
                if gender and g and g != gender:
                    continue
                if cur - si <= 3:
                    return sp
                break
            # nearest person named before, in this or the previous two sentences
            lo = self.sentences[max(cur - 2, 0)].start if self.sentences else self.start
            quoted = self.text[ss:ss + 1] in _OPEN_QUOTES
            sp = self._person_between(lo, ss if quoted else pos, gender)
            if sp is not None:
                return sp
            for si, sp, g, plural, off in reversed(self.history):
                g = g or seen.get(sp.name)
                if off < pos and sp.type in ("person", "anonymous") and not plural and not (
                        gender and g and g != gender) and self._can_be_he_or_she(sp):
                    return sp
            return None
        if kind == "organization":
            for si, sp, g, plural, off in reversed(self.history):
                if off < pos and sp.type == "organization":
                    return sp
            return None
        if kind == "group":
            for si, sp, g, plural, off in reversed(self.history):
                if off < pos and (sp.type == "organization" or (sp.type == "anonymous"
                                                               and plural)):
                    return sp
            return None
        return None

    def _main_subject_after(self, ss: int, pos: int, gender: Optional[str]
                            ) -> Optional[Speaker]:
        """ "While he refused to release criminals, Mr. Obama deemed ...": a pronoun in a
        subordinate clause opening the sentence stands for the main clause's subject, named
        right after the clause's comma (a person, of no other gender)."""
        if not _FRONTED_SUBORDINATE.fullmatch(self.text, ss, pos):
            return None
        se = self.sentences[self.sentence_of(pos)].end if self.sentences else len(self.text)
        comma = self.text.find(",", pos, se)
        if comma < 0 or _OPEN_QUOTE_CHARS.search(self.text, pos, comma):
            return None
        m = _TITLE_THEN_CAPITAL.match(self.text, comma + 1)  # (ends at the name's capital)
        runs = self.runs_in(comma + 1, se)
        if m is None or not runs or runs[0].start != m.end() or \
                runs[0].kind not in ("person", "single"):
            return None
        ent = self.lookup_person(runs[0].tokens, runs[0].start)
        if ent is None or gender and ent.gender and ent.gender != gender:
            return None
        return Speaker(ent.name, "person", self.entity_role(ent))

    def _one_person_before(self, a: int) -> Optional[Speaker]:
        """ "Jessica Moran woke at 2 a.m. ... “...,” the 36-year-old said": the one person
        named in the sentences before, the nearest first: the sentence just before, then
        the two, then the three before (two people named in the nearest sentences that name
        anyone: no answer, unless one person spoke in the sentence just before, "Sinner, who
        beat Fritz, said ... “...,” the Italian said")."""
        cur = self.sentence_of(a)
        if not self.sentences:
            return self._people_between(self.start, a)[0]
        for width in (1, 2, 3):
            lo = self.sentences[max(cur - width, 0)].start
            got, count = self._people_between(lo, a)
            if got is not None:
                return got
            if count > 1:
                break
        prev = self.sentences[cur - 1] if cur >= 1 else None
        spoke = {sp.name for si, sp, _, plural, _ in self.history[-6:]
                 if si == cur - 1 and sp.type == "person" and sp.name and not plural and
                 sp.name[:1].isupper() and prev is not None and
                 sp.name.split()[-1] in self.text[prev.start:prev.end]}
        # (named there, not a pronoun the history resolved: a wrong resolution must not spread)
        if len(spoke) == 1:
            name = spoke.pop()
            ent = self.entities.get(name)
            return Speaker(name, "person", self.entity_role(ent) if ent else None)
        return None

    def _unnamed_before(self, noun: str, a: int) -> bool:
        """``noun`` was written in the three sentences before ``a`` with no name beside it
        ("A witness interviewed by staff said ... The witness said": that witness, not a
        person named since); "actor Dennis Lowe", "Lowe, the actor," name theirs."""
        cur = self.sentence_of(a)
        lo = self.sentences[max(cur - 3, 0)].start if self.sentences else self.start
        for m in re.finditer(r"\b" + noun + r"\b", self.text[lo:a]):  # (not a headline's)
            after = self.text[lo + m.end():lo + m.end() + 2]
            before = self.text[max(lo, lo + m.start() - 40):lo + m.start()]
            if after[:1] == " " and after[1:2].isupper() or re.search(
                    r"[A-Z][\w’'-]+,\s+(?:a|an|the)\s+(?:[\w’'-]+\s+){0,3}$", before):
                continue
            return True
        return False

    def _people_between(self, lo: int, a: int) -> tuple[Optional[Speaker], int]:
        """The one person named in [lo, a), and how many people were named there."""
        seen = set()
        i = bisect.bisect_left(self.run_starts, a) - 1
        mononyms = set()
        while i >= 0 and self.runs[i].start >= lo:
            r = self.runs[i]
            if r.kind in ("person", "single") and not _GOVERNED.search(
                    self.text, max(0, r.start - 8), r.start) and not _ARTICLE_BEFORE.search(
                    self.text, max(0, r.start - 4), r.start):
                # (a name after "in", "her" is a place or a thing's: "her Las Vegas residency";
                # after "a", a modifier: "a HuffPost Live interview", "a Trump rally")
                ent = self.lookup_person(r.tokens, r.start)
                if ent is not None:
                    seen.add(ent.name)
                elif r.kind == "single" and first_name_gender(r.tokens[0]) is not None and \
                        not self._first_name_of_entity(r.tokens[0]) and \
                        not self._modifies_role(r.end) and \
                        self.text[max(0, r.start - 4):r.start].lower() != "the ":
                    # "Adele has cancelled four shows" (not "The German added": a nationality)
                    mononyms.add(r.tokens[0])
            i -= 1
        count = len(seen) + len(mononyms)
        if count != 1:
            return None, count
        if mononyms:
            return Speaker(mononyms.pop(), "person", None), 1
        ent = self.entities[seen.pop()]
        return Speaker(ent.name, "person", self.entity_role(ent)), 1

    def _by_first_name(self, r: NameRun) -> Optional[_Entity]:
        """ "Kerry told fans" after "Kerry Lane": a first name alone (a listed one, after no
        title) is the one person named in full with it before; None when two are, or when
        no first name it is."""
        w = r.tokens[0]
        if r.title is not None or w in PLACE_WORDS or w in KNOWN_ORGS or (
                first_name_gender(w) is None and w.lower() not in _FIRST_NAME_GENDER):
            return None  # (a listed first name only: "Trump" is no "Trump Train")
        if self.by_first is None or self.by_first[0] != len(self.entities):
            # (indexed once, again only if the entities grew: a long report stays linear)
            index: dict[str, list[_Entity]] = {}
            for e in self.entities.values():
                index.setdefault(e.name.split()[0], []).append(e)
            self.by_first = (len(self.entities), index)
        found = [e for e in self.by_first[1].get(w, ())
                 if e.mentions and min(e.mentions) < r.start]
        return found[0] if len(found) == 1 else None

    def _modifies_role(self, end: int) -> bool:
        """The word after a capitalised word ending at ``end`` is a lower-case title or
        description it qualifies: "Oscar nominee Julia Marsh" (no one named "Oscar")."""
        m = _WORD.match(self.text, end + 1) if self.text[end:end + 1] == " " else None
        return m is not None and m.group(0).islower() and (
            m.group(0) in TITLES or m.group(0) in _PERSON_NOUNS)

    def _first_name_of_entity(self, word: str) -> bool:
        """``word`` opens the full name of a person the report names ("Kayla" of "Kayla
        Monroe")."""
        return any(name.split()[0] == word for name in self.entities)

    def _quantified_group(self, a: int) -> tuple[Speaker, Optional[str], bool, Optional[str]]:
        """ "Analysts were split. Some said ...": the group named in this or the previous
        sentence (the last plural group noun), else no name."""
        cur = self.sentence_of(a)
        lo = self.sentences[max(cur - 1, 0)].start if self.sentences else self.start
        found = None
        for m in _WORD.finditer(self.text, lo, a):
            w = m.group(0).lower()
            if w in GROUP_NOUNS and w.endswith("s"):
                found = w
        if found is None:
            return Speaker(None, "anonymous", None), None, True, None
        return self.anon.get(found, True)

    def _can_be_he_or_she(self, sp: Speaker) -> bool:
        """A person, or an unnamed one described as a person ("a furious mum", "the
        official"), not a thing ("the post", "a screen image")."""
        if sp.type == "person" or not sp.name:
            return True
        if sp.name.split()[0].lower() in _NO_ONE_IN_PARTICULAR:
            return False  # "not every expert thinks ... 'X,' he says": no one to refer to
        head = sp.name.split()[-1].lower()
        return sp.name in self.word_gender or head in GROUP_NOUNS or head in TITLES

    def _paragraph_subject(self, cur: int, pos: int, gender: Optional[str]
                           ) -> Optional[Speaker]:
        """ "Minister Ann Roe welcomed the decision. Rates hurt builders, she said.": the
        person opening the paragraph as its subject, when no statement was attributed in the
        paragraph before the pronoun and no other person is named in between (the subject
        of an earlier paragraph's statement would otherwise win)."""
        sents = self.sentences
        if not sents:
            return None
        if self.para_first is None:  # each sentence's paragraph's first sentence, once
            self.para_first = []
            for k, st in enumerate(sents):
                same = k and sents[k - 1].paragraph == st.paragraph
                self.para_first.append(self.para_first[-1] if same else k)
        first = self.para_first[cur]
        if first == cur:
            return None
        s0 = sents[first]
        # (the history is in text order: its last entry is the latest statement before)
        if self.history and s0.start <= self.history[-1][4] < pos:
            return None
        i = bisect.bisect_left(self.run_starts, s0.start)
        ent = None
        while ent is None and i < len(self.runs) and self.runs[i].start < s0.end:
            r = self.runs[i]
            lead = self.text[s0.start:r.title_start if r.title_start is not None else r.start]
            if "," in lead.rstrip().rstrip(",") or len(lead.split()) > 4 or any(
                    q in lead for q in "“\"‘'"):
                return None  # not the subject: "In Paris, ...", a quote
            i += 1
            if r.kind in ("person", "single"):
                ent = self.lookup_person(r.tokens, r.start, gender)
        if ent is None:
            return None  # ("Trade union leader Pat Roe": "Trade" is looked past)
        after = self.text[r.end:r.end + 90]
        tag = _PAREN_AFTER_NAME.match(after)
        if tag is not None:
            after = after[tag.end():]  # "Sen. Alex Padilla (D-Calif.) was blunter."
        if lead.rstrip().endswith(","):
            age = _AGE_APPOSITIVE.match(after)
            if age is not None:
                after = after[age.end() - 1:]  # "In Pensacola, Karen Miles, 61, rode out ..."
            else:
                after = after[1:] if after.startswith(",") else ""  # "Her lawyer, Al Roe, asked"
        elif after.startswith(","):
            m = _APPOSITIVE.match(after) or _AGE_APPOSITIVE.match(after)
            after = after[m.end() - 1:] if m else ""  # "Al Roe, her lawyer, asked", "Roe, 27,"
        if not after[1:2].islower() or after[0] != " " or after.split()[0] in _RELATIVES:
            return None  # not the subject: "Roe, who ...", "Roe's aide"
        if gender and ent.gender and ent.gender != gender:
            return None
        i -= 1
        j = i + 1
        while j < len(self.runs) and self.runs[j].start < pos:
            o = self.runs[j]
            other = self.lookup_person(o.tokens, o.start) if o.kind in (
                "person", "single") and o.tokens != r.tokens else None
            if other not in (None, ent) and not (gender and other.gender and
                                                 other.gender != gender):
                # another person named in between, who may be "he"/"she" too: leave it to
                # the history ("Roe has an ally in Ann Ash. He said": Ann is no "he")
                return None
            j += 1
        return Speaker(ent.name, "person", self.entity_role(ent))

    def _one_person_of_paragraph(self, cur: int, pos: int, gender: Optional[str]
                                 ) -> Optional[Speaker]:
        """ "At the shelter, Maria Santos sat with her children. “We grabbed the cat,” she
        said.": in a paragraph with no statement yet, the one person its earlier sentences
        name who can be "he"/"she" (a known first name of that gender, or acting as a
        person) answers the pronoun before the last speaker of an earlier paragraph."""
        sents = self.sentences
        if not sents or not gender or self.para_first is None:
            return None
        first = self.para_first[cur]
        if first == cur:
            return None
        s0 = sents[first].start
        if self.history and s0 <= self.history[-1][4] < pos:
            return None
        found = None
        i = bisect.bisect_left(self.run_starts, s0)
        while i < len(self.runs) and self.runs[i].start < sents[cur].start:
            r = self.runs[i]
            i += 1
            if r.kind not in ("person", "single"):
                continue
            ent = self.lookup_person(r.tokens, r.start)
            if ent is None or (ent.gender != gender if ent.gender else
                               not self._acts_as_person(ent)):
                continue  # (no "she", or no person at all: "Red Cross")
            if found is not None and found is not ent:
                return None  # two people who could be the one: leave it to the history
            age = _AGE_APPOSITIVE.match(self.text, r.end)  # "Kaya Lind, 27, addressed"
            w = _NEXT_WORD.match(self.text, age.end() - 1 if age else r.end)
            if w and w.group(0)[0] == " " and (w.group(1) in _VERBS_AFTER_NAME or
                                                w.group(1).endswith("ed")):
                found = ent  # the subject of its own verb here ("Maria Santos sat")
            elif found is None:
                found = False  # named, but not as a subject: no answer
        if not found:
            return None
        return Speaker(found.name, "person", self.entity_role(found))

    def _person_between(self, lo: int, pos: int, gender: Optional[str]) -> Optional[Speaker]:
        """The person named nearest before ``pos`` and at or after ``lo``; one whose first
        name is a common first name (or who has a title) before a nearer capitalised pair
        that may be a place ("climbed the Point Ross lighthouse")."""
        i = bisect.bisect_left(self.run_starts, pos) - 1
        unsure = None
        while i >= 0 and self.runs[i].start >= lo:
            r = self.runs[i]
            if r.kind in ("person", "single"):
                ent = self.lookup_person(r.tokens, r.start)
                if ent is not None and not (gender and ent.gender and ent.gender != gender):
                    sp = Speaker(ent.name, "person", self.entity_role(ent))
                    if ent.name.split()[0].lower().strip(".") in _FIRST_NAME_GENDER or \
                            r.title or sp.role:
                        return sp  # (the hand-written names: the people news quotes most)
                    if unsure is None and (gender is None or self._acts_as_person(ent)):
                        # a pair whose first word is no first name we know answers "he"/"she"
                        # only when it acts as a person somewhere ("Ivanka Trump strode"),
                        # never when it only names a place or a thing ("in Palo Alto",
                        # "Sports Illustrated's celebration"): no name beats a guess
                        unsure = sp
            i -= 1
        return unsure

    def _acts_as_person(self, ent: _Entity) -> bool:
        """Some mention of the name is the subject of a verb ("Berhanu Nega said", "Ivanka
        Trump strode") or has a "who" clause, and none follows a preposition of place ("in
        Little Rock")."""
        text, n = self.text, len(ent.name)
        subject = False
        for m in ent.mentions:
            if _PLACE_PREP.search(text, max(0, m - 6), m):
                return False
            w = _NEXT_WORD.match(text, m + n)
            v = w and w.group(1)
            if v and (v in _VERBS_AFTER_NAME or v.endswith("ed") if w.group(0)[0] == " " else
                      v == "who"):  # "Ivanka Trump walked", "Ivanka Trump, who"
                subject = True
        return subject

    def resolve(self, a: int, b: int) -> tuple[Speaker, Optional[str], bool, Optional[str]]:
        """Resolve the source span [a, b): (speaker, gender, plural, role-only description)."""
        raw = self.text[a:b]
        s = raw.strip(" ,;:.“”\"‘’'()")
        if s.count("(") > s.count(")"):
            s = s[:s.rindex("(")].rstrip()  # "National Bureau of Statistics (NBS)": the name
        rel = _TRAILING_RELATIVE.search(s)
        if rel is not None and rel.start() > 0:
            s = s[:rel.start()]  # "business owners who (said ...)": the owners
        ls = s.lower()
        if _MARKED_NAME.fullmatch(s):
            return Speaker(s, "organization", None), None, False, None  # "Which?", "Yahoo!"
        if ls in _PRONOUNS:
            return self._resolve_pronoun(ls, a)
        if ls in _QUANTIFIERS:
            return self._quantified_group(a)
        part = _PART_OF_GROUP.fullmatch(ls)
        if part is not None and part.group(1) in GROUP_NOUNS:
            # "one of the officials said": a member of the group the report named, unnamed
            # (kept plural, so that a later "he" or "she" is never read as the group)
            return Speaker(s[part.start(1):part.end(1)], "anonymous", None), None, True, None
        if ls in ("one", "each one", "each"):
            # "Insiders claim ... “...,” one said": one of the group named just before, by
            # that group's name (no group: no name); kept plural, so that a later "he" or
            # "she" is never read as the group. "Each one promised jobs": the same, a
            # distributive names no one speaker
            return self._quantified_group(a)
        kin = _PARENT_OF.fullmatch(s)
        if kin:
            # "the mum-of-two told The Sun": the one person named just before, when her first
            # name says the same gender (else no name: it may be a named child's parent)
            want = "f" if kin.group(1).lower() in _FEMALE_PARENT else "m"
            sp = self._one_person_before(a)
            if sp is not None:
                g = first_name_gender(sp.name.split()[0])
                if g is None:  # an unlisted first name: the pronouns since the name tell
                    seen = self.text[max(self.text.rfind(sp.name.split()[-1], 0, a), 0):a]
                    he = re.search(r"\b(?:he|his|him)\b", seen, re.I)
                    she = re.search(r"\b(?:she|her)\b", seen, re.I)
                    g = "f" if she and not he else "m" if he and not she else None
                if g != want:
                    sp = None
            return sp or Speaker(None, "person", None), None, False, None
        if _AGE_DESC.fullmatch(s):
            sp = self._one_person_before(a)
            # no one or two people named just before: an age or a nationality is no name
            return sp or Speaker(None, "person", None), None, False, None
        doer = _PERSON_DESC.fullmatch(s) or _FORMER_DESC.fullmatch(s)
        if doer is not None and (doer.group(1).lower() in _PERSON_NOUNS or
                                 doer.re is _FORMER_DESC and
                                 not any(is_title_word(w) for w in s.split()[2:])) and \
                not self._unnamed_before(doer.group(1).lower(), a):
            # "the singer wrote on Instagram": the one person named just before (a
            # description is no name: when two were named, the description stands)
            sp = self._one_person_before(a)
            if sp is not None:
                return sp, None, False, None
        runs = self.runs_in(a, b)
        both = self._coordinated(runs, a, b)
        if both is not None:
            return both
        person = self._named_person(runs, a, b)
        if person is not None:
            return self._person_speaker(person[0], person[1], a, raw)
        words = s.split()
        org = next((r for r in runs if r.kind == "organization"), None)
        lead = _TITLE_OF_LEAD.fullmatch(self.text, a, org.start) if org is not None else None
        if lead is not None and is_title_word(lead.group(1)):
            # "Minister of State Security said": the minister speaks, not the ministry
            return Speaker(_strip_role(s), "anonymous", None), None, False, None
        if org is not None:
            role = _ROLE_OF_BODY.fullmatch(self.text, a, org.start)
            if role is not None and is_title_word(role.group(1)) and \
                    role.group(1).lower() not in _NOT_ONE_HOLDER:
                # "The chief executive of Harrowgate Council said": the one who holds the
                # post speaks, by role, never the council (a spokesman speaks for it)
                desc = _strip_role(s)
                return Speaker(desc, "person", desc), _gender_of(desc), False, desc
        found = self._named_organization(runs, s, words, b)
        if found is not None:
            return found
        if not words:
            return Speaker(None, "anonymous", None), None, False, None
        return self._described(s, words, a)

    def _coordinated(self, runs: list[NameRun], a: int, b: int
                     ) -> Optional[tuple[Speaker, Optional[str], bool, Optional[str]]]:
        """Two speakers joined by "and" ("Lena Fischer and Jon Berg", "Mark Olsen and his
        wife, Ada"): both named together, never the last one alone. None when the span holds
        no such coordination (an "and" inside an organisation's name does not count)."""
        m = None
        for m in _AND.finditer(self.text, a, b):
            pass
        if m is None or any(r.kind == "organization" and r.start < m.start() < r.end
                            for r in runs):
            return None
        lhs, rhs = self.text[a:m.start()], self.text[m.end():b].lstrip()
        items = [(a, m.start())]
        rel = _RELATIVE_ASIDE.fullmatch(lhs)
        if rel is not None:
            # "Lena Ortiz, who leads the study, and her colleague Tim Barr": the first
            # conjunct is the name before its relative clause
            items = [(a, a + rel.end(1))]
        elif "," in lhs.rstrip().rstrip(","):
            items = self._name_list(a, m.start())
        elif lhs.rstrip().endswith(","):
            items = [(a, a + len(lhs.rstrip()) - 1)]  # "Ana Ruiz, Tom Ash and Paul Orme"
        if items is None or _PREP_IN.search(lhs) or not rhs or not (
                rhs[0].isupper() or rhs.split()[0].lower() in _CONJ_DET):
            # "director of research and policy Ann Lee", "Dan Gerstein, director of X and an
            # analyst": one person described, not two speakers
            return None
        parts = [self.resolve(x, y)[0] for x, y in items] + [self.resolve(m.end(), b)[0]]
        if any(p.type == "organization" for p in parts) and not (
                rhs.split()[0].lower() in _CONJ_DET or any(
                    p.name and len(p.name.split()) > 1 for p in parts if p.type == "person")):
            return None  # "Smith & Wesson", "Procter and Gamble": one body
        if all(p.name for p in parts):
            name = ", ".join(p.name for p in parts[:-1]) + f" and {parts[-1].name}"
            kind = "person" if all(p.type == "person" for p in parts) else "anonymous"
        else:
            name, kind = _strip_role(self.text[a:b].strip(" ,;:.“”\"‘’'()")), "anonymous"
        return Speaker(name, kind, None), None, True, None

    def _name_list(self, a: int, b: int) -> Optional[list[tuple[int, int]]]:
        """The items of "Ana Ruiz, Tom Ash" when each is a capitalised name of one to four
        words (a list of speakers), else None (an appositive: "Dan Gerstein, director of")."""
        out = []
        pos = a
        seg = self.text[a:b]
        if seg.rstrip().endswith(","):  # "Ana Ruiz, Tom Ash, and Paul Orme"
            seg = seg.rstrip()[:-1]
        for piece in seg.split(","):
            w = piece.split()
            if not w or len(w) > 4 or not (w[0].lower() in _CONJ_DET or all(
                    x[:1].isupper() for x in w)):
                return None
            lead = len(piece) - len(piece.lstrip())
            out.append((pos + lead, pos + len(piece.rstrip())))
            pos += len(piece) + 1
        return out

    def _resolve_pronoun(self, ls: str, a: int
                         ) -> tuple[Speaker, Optional[str], bool, Optional[str]]:
        """A pronoun source: its antecedent, else an unnamed speaker of the pronoun's kind."""
        kind, g = _PRONOUNS[ls]
        if kind == "first":
            return Speaker(None, "person", None), None, ls == "we", None
        sp = self._plural_subject_before(a) if kind == "group" else None
        if sp is not None:
            return sp, None, True, None
        sp = self._antecedent(kind, g, a)
        if sp is None and kind == "group":
            group = self._group_subject_before(a)
            if group is not None:
                return group
        if sp is None:
            t = "organization" if kind == "organization" else (
                "anonymous" if kind == "group" else "person")
            return Speaker(None, t, None), g, kind == "group", None
        gg = g if sp.type == "person" else None
        return sp, gg, kind == "group", None

    def _plural_subject_before(self, a: int) -> Optional[Speaker]:
        """ "Raman and her colleagues tested 14 models. Eleven were vulnerable, they wrote.":
        "they" is the coordinated subject opening the sentence before, when no statement
        was attributed since it (not a body that spoke earlier)."""
        cur = self.sentence_of(a)
        if not self.sentences or cur == 0:
            return None
        prev = self.sentences[cur - 1]
        if self.history and self.history[-1][4] >= prev.start:
            return None
        m = _COORDINATED_SUBJECT.match(self.text, prev.start, prev.end)
        if m is None:
            return None
        return Speaker(m.group(1), "anonymous", None)

    def _group_subject_before(self, a: int
                              ) -> Optional[tuple[Speaker, Optional[str], bool, Optional[str]]]:
        """ "Researchers at the university followed 12,000 people. They found ...": with no
        speaker before, "they" is the plural group noun opening the previous sentence."""
        cur = self.sentence_of(a)
        if not self.sentences or cur == 0 or self.sentences[cur].start > a:
            return None
        prev = self.sentences[cur - 1]
        if self.text[self.sentences[cur].start:a].strip():
            return None  # "they" does not open its sentence: no subject to continue
        m = _GROUP_OPENING.match(self.text, prev.start, prev.end)
        if m is None or m.group(1).lower() not in GROUP_NOUNS:
            return None
        return self.anon.get(m.group(1).lower(), True)

    def _named_person(self, runs: list[NameRun], a: int, b: int
                      ) -> Optional[tuple[NameRun, Optional[_Entity]]]:
        """The last person name in the span not governed by a preposition ("the aide to
        Pompeo" is not Pompeo) nor modifying the span's head noun ("Trump aides" are not
        Trump), with its entity if known."""
        text = self.text
        person = None
        governed_end = None  # the end of the last name a preposition governed
        for r in runs:
            if r.kind not in ("person", "single"):
                continue
            at = r.start if r.title_start is None else r.title_start  # (the title's start)
            before = text[max(a, at - 13):at]
            if before.endswith(("& ", "&")):
                continue  # the end of a name with "&" ("the journal Ecology & Evolution")
            if governed_end is not None and text[governed_end:r.start] in (", ", " and ",
                                                                           ", and ") or \
                    _PLACE_LIST_BEFORE.search(text, max(a, r.start - 120), r.start):
                # "Donald Hartley of Madison, Alabama": the place goes on after the comma
                governed_end = r.end
                continue
            if _PREP_BEFORE.search(before) and (person is not None or r.kind == "single"):
                governed_end = r.end
            if _PREP_BEFORE.search(before) or _MEDIUM_BEFORE.search(
                    text, max(a, r.start - 40), r.start) or _ROLE_OF.match(text, a, r.start) and \
                    not _COMMA.search(text, a, r.start) or \
                    person is not None and _PREP_NOUNS_BEFORE.search(text, max(a, r.start - 60),
                                                                     r.start) or \
                    _DESCRIPTION_OPENS.match(text, a) and _PREP_WORDS_BEFORE.search(
                        text, max(a, r.start - 60), r.start if r.title_start is None else
                        r.title_start):
                # ("A former assistant to jailed executive Victor Lang" is not Lang)
                # ("Maya Brandt of research firm Canalyst" is not Canalyst)
                continue  # "a spokesman for (Mayor) Frank Jackson" is not Frank Jackson
            if _possessed_body(text, r, runs, b) or person is not None and \
                    text.rfind("(", person[0].end, at) > text.rfind(")", person[0].end, at):
                # ("Sen. Bernie Sanders (Vt.) said", "Cllr Priya Shah (Lab, Riverside) said":
                # the state, the party and the ward are no speaker)
                continue
            if _modifies_head(text, r.end, b):
                # and so does every name before it ("Ohio Senator Al Roe's aide"), unless a
                # comma sets this phrase off as an appositive ("Al Roe, one of the Ash aides")
                if person is None or "," not in text[person[0].end:r.start]:
                    person = None
                break
            if r.kind in ("single", "person") and any(
                    o.kind == "organization" and _AND_JOIN.fullmatch(text, r.end, o.start)
                    for o in runs if o.start > r.end):
                continue  # "Food" in "The Food and Drug Administration": the body's name
            if (r.kind == "single" or r.tokens[0].lower() not in _FIRST_NAME_GENDER) and any(
                    o.kind == "organization" and _ORG_NAME_AND.fullmatch(text, o.end, r.start)
                    for o in runs if o.end < r.start):
                # "Prevention" in "the Centers for Disease Control and Prevention", "Business
                # Research" in "the Centre for Economics and Business Research" (but "the
                # Centre for X and Jane Doe" are two speakers: a first name opens a person's)
                continue
            if r.kind == "single" and len(r.tokens[0]) == 1:
                continue  # a letter of an abbreviation ("D-N.Y."), never a name alone
            if person is not None and text[r.end:r.end + 2] in ("'s", "’s") and \
                    "," in text[person[0].end:r.start]:
                continue  # "Brad Komar, Clinton's state director": the owner of his role
            if r.kind == "single" and any(
                    o.kind == "organization" and _BODY_NAME_GOES_ON.fullmatch(text, r.end, o.start)
                    for o in runs if o.start > r.end):
                # "Medicines and Healthcare products Regulatory Agency": words of a body's
                # name that a lower-case word broke into runs, no person
                continue
            if r.kind == "single":
                ent = self.lookup_person(r.tokens, r.start) or self._by_first_name(r)
                if ent is None and r.title is None and self._sentence_case_word(
                        r.tokens[0], r.start, _LOWER_AFTER.match(text, r.end, b) is not None):
                    continue  # "Jurors rejected", "Twenty-four percent said": no name
                if ent is None:
                    # a lone capitalised word: a surname unless it reads like a body
                    t0 = r.tokens[0]
                    if r.title is not None and re.search(r"\s(?:of|for)\b", r.title):
                        continue  # "President of Orbit Worldwide": no surname met elsewhere
                    if r.title is None and _DET_ADJ_BEFORE.search(text, max(a, r.start - 40),
                                                                   r.start):
                        continue  # "the top Democrat on the committee": a description
                    if r.title is None and (t0 in NOT_NAME_FIRST or t0 in PLACE_WORDS
                                            or t0.lower() in GROUP_NOUNS
                                            or t0.lower() in TITLES
                                            or t0.lower() in _NUMBER_WORDS
                                            or t0.lower() in _RESEARCH_WORDS):
                        continue  # ("One person familiar with ...": a count, no name;
                        # "Data released on Monday show": a sentence's first word, no name)
                person = (r, ent)
            else:
                # "Ms Amberley" after "Rachel Amberley": a titled surname is looked up too
                person = (r, self.lookup_person(r.tokens, r.start) if len(r.tokens) > 1
                          else self._titled_surname(r))
        return person

    def _written_as_name(self, full: str) -> bool:
        """Some mention of ``full`` is inside a sentence or a subject (once per name)."""
        got = self.name_ok.get(full)
        if got is None:
            got = self.name_ok[full] = not all(
                self._opens_sentence(m) and not self._subject_at(m, full)
                for m in self.entities[full].mentions)
        return got

    def _sentence_case_word(self, word: str, pos: int, modifier: bool) -> bool:
        """``word`` at ``pos`` opens its sentence, is no listed first name, no acronym, no
        known body, and the report never writes it capitalised inside a sentence; and it
        qualifies a lower-case word after it ("Twenty-four percent", "Early analysis") or
        reads as a plural noun ("Jurors", "Associates"): a common word in sentence case, no
        name ("Verizon said", "Mexico said" stay names)."""
        w = word.rstrip(".,’'")
        if not w or not self._opens_sentence(pos) or w.isupper() or w in KNOWN_ORGS or \
                first_name_gender(w) is not None or w.lower() in _FIRST_NAME_GENDER or \
                not w[0].isupper() or any(c.isupper() for c in w[1:]) or \
                not (modifier or _PLURAL_NOUN.search(w)):
            return False
        got = self.sentence_case.get(w)
        if got is None:
            got = True
            # (the text around it, not the whole report: linear however long the report)
            for a in _whole_word_at(self.text, w, max(0, pos - _CASE_WINDOW),
                                    pos + _CASE_WINDOW):
                if not self._opens_sentence(a):
                    got = False
                    break
            self.sentence_case[w] = got
        return got

    def _opens_sentence(self, pos: int) -> bool:
        before = self.text[max(0, pos - 3):pos].rstrip(" “\"‘'(")
        return not before or before[-1] in ".!?\n:"

    def _subject_at(self, pos: int, name: str) -> bool:
        """The name at ``pos`` goes on with a comma or a lower-case word (a subject)."""
        after = self.text[pos + len(name):pos + len(name) + 2]
        return after[:1] == "," or after[:1] == " " and after[1:2].islower()

    def _titled_surname(self, r: NameRun) -> Optional[_Entity]:
        """The one full name of the report with this surname, of the title's gender when
        it has one ("Ms Amberley": Rachel, not Tom); None when that leaves two."""
        fulls = [f for f in sorted(set(self.suffix.get(r.tokens[0], [])))
                 if f.split()[0].lower() in _FIRST_NAME_GENDER or self._written_as_name(f)]
        # (a capitalised pair met only at a sentence's start, as no subject, may be no name:
        # "Classic Clinton.")
        want = _gender_of(r.title or "")
        if want:
            fulls = [f for f in fulls if self.entities[f].gender in (want, None)]
        return self.entities[fulls[0]] if len(fulls) == 1 else None

    def _person_speaker(self, r: NameRun, ent: Optional[_Entity], a: int, raw: str
                        ) -> tuple[Speaker, Optional[str], bool, Optional[str]]:
        """The named person: the role written here, else one written at another mention."""
        role = self.role_at(r.start, r.end, r)
        if ent is not None:
            if role and not ent.role:
                ent.role = role
                ent.roles_checked = True
            if not role:
                role = self.entity_role(ent, before=a)
            # (the title's gender before the role's: "Ms. Conway, adviser for Mr. Trump";
            # both before a first name's, a weaker hint: "widow Terry Strada" is a "she",
            # unless only a "-man" word says it: "Trump spokesman Hope Hicks" is a "she")
            tg, rg = _gender_of(r.title or ""), role_gender(role or "")
            strong = [x for x, w in ((tg, r.title), (rg, role)) if x and not (
                x == "m" and _MAN_WORD.search(w or ""))]
            g = (strong[0] if strong else None) or ent.gender or tg or rg or _gender_of(raw)
            ent.gender = g
            return Speaker(ent.name, "person", role), g, False, None
        name = " ".join(r.tokens)
        g = _gender_of(r.title or "") or role_gender(role or "") or _gender_of(raw)
        return Speaker(name, "person", role), g, False, None

    def _named_organization(self, runs: list[NameRun], s: str, words: list[str], b: int
                            ) -> Optional[tuple[Speaker, Optional[str], bool, Optional[str]]]:
        """An organization by name, or the unnamed people of one; None if the span names
        none (or reads as a person's role: "spokesman for the DHS")."""
        text = self.text
        lw0 = words[0].lower() if words else ""
        org_runs = [r for r in runs if r.kind == "organization"]
        if org_runs and words and lw0 in ("a", "an", "the") and len(words) > 2 and \
                words[1].lower() in _DOC_HEADS and _OF_INSIDE.search(
                    text, max(0, org_runs[0].start - 60), org_runs[0].start):
            # "a study of ancient DNA published in Nature": the acronym is what the study is
            # about, not who speaks
            org_runs = []
        if org_runs and words and (lw0 in _DOC_HEADS or lw0 in ("a", "an", "the") and
                                   len(words) > 1 and words[1].lower() in _DOC_HEADS):
            # "a study ... published in the journal Nature Ecology & Evolution": the journal is
            # where the study appeared, the study speaks
            org_runs = [r for r in org_runs if not _MEDIUM_BEFORE.search(
                text, max(0, r.start - 40), r.start)]
        if org_runs:
            r = org_runs[0]
            start = r.start
            for q in runs:  # "Food and Drug Administration": the word before "and" is in it
                if q.kind != "organization" and q.end < r.start and _AND_JOIN.fullmatch(
                        text, q.end, r.start) and (
                        q.tokens[0].lower() not in _FIRST_NAME_GENDER):
                    start = q.start
            name = _strip_role(text[start:org_runs[-1].end] if len(org_runs) > 1 and
                               not _COMMA.search(text, r.start, org_runs[-1].end)
                               else text[start:r.end])
            of = _OF_NAME.match(text, r.end, b)
            if len(org_runs) > 1 and _LISTED_IN_NAME.fullmatch(text, r.end, org_runs[-1].end):
                # "the Department for Environment, Food and Rural Affairs": one body whose
                # name lists its fields (not "Food and Rural Affairs", not "Department")
                name = _strip_role(text[start:org_runs[-1].end])
            elif of is not None and len(org_runs) == 1:
                # "the Bank of England", "the Ministry of Defence": the "of" name is the body's
                name = _strip_role(text[start:of.end()])
            # people of a body ("State Department officials") are unnamed sources
            tail = text[org_runs[-1].end:b].strip().lower().split()
            if tail and tail[-1].strip(".,") in GROUP_NOUNS and tail[-1] not in _ORG_COMMON:
                desc = normalise_description(s)
                plural = tail[-1].endswith("s") or tail[-1] in ("people", "police", "staff")
                return self.anon.get(desc, plural)
            if name and name.count("(") > name.count(")"):
                # "... Statistics (NBS": the name ("TODAY" alone trims to no name at all)
                name = name[:name.rindex("(")].rstrip() or None
            # "spokesman for the DHS" (no determiner, lower-case head) is a person's role
            if lw0 in DETERMINERS or (words and words[0][:1].isupper()):
                return Speaker(name, "organization", None), None, True, None
        return None

    def _described(self, s: str, words: list[str], a: int
                   ) -> tuple[Speaker, Optional[str], bool, Optional[str]]:
        """A speaker given by description only (``words`` not empty): a body ("the
        ministry"), a specific person by role ("the economy secretary") or an unnamed
        source."""
        lw0 = words[0].lower()
        last = words[-1].lower().strip(".,")
        # common-noun bodies: "the ministry", "the company"
        if last in _ORG_COMMON and lw0 in ("the", "its", "his", "her", "their"):
            ent = self._org_by_word(last, a, [w.lower() for w in words[1:-1]])
            if ent:
                return ent, None, False, None
            return Speaker(_strip_role(s), "organization", None), None, False, None
        # role-only specific person: possessive or "the" + title word
        has_title = any(is_title_word(w) for w in words)
        singular_title = has_title and not last.endswith("s") or last in (
            "boss", "counsel", "ambassadress")
        specific = lw0 == "the" or words[0].endswith(("’s", "'s")) or lw0 in (
            "his", "her", "their", "its", "our")
        if has_title and singular_title and specific and last in TITLES and \
                last not in ("official", "source", "expert", "analyst", "member", "aide",
                             "officer", "lawmaker", "diplomat", "person"):
            desc = _strip_role(s)
            if lw0 == "the" and desc:
                holder = self._title_holder(desc, a)
                if holder is not None:
                    return holder[0], holder[1] or _gender_of(desc), False, None
            if desc[:1].isupper() and all(w in NAME_TITLES for w in desc.split()):
                # "the Prime Minister" with no holder named: a title, no name (in lower case,
                # as "the senator" is left)
                low = desc.lower()
                return Speaker(None, "person", desc), _gender_of(desc), False, low
            if self._title_held_by_a_name(last):
                # "the Vermont senator said" after "Sen. Bernie Sanders", and no one holder
                # found: someone the report named, so no name rather than the title as one
                # (a reviewer reads the role)
                return Speaker(None, "person", desc), _gender_of(desc), False, desc
            # (no such title given to a name: "the county auditor" is the speaker as written)
            return Speaker(desc, "person", desc), _gender_of(desc), False, desc
        # anonymous / unnamed sources
        plural = last.endswith("s") and last not in ("boss", "press") or last in (
            "people", "police", "staff")
        if words[0][:1].isupper() and len(words) == 1 and last not in GROUP_NOUNS:
            fulls = set(self.suffix.get(words[0], ()))
            if len(fulls) == 1:
                # "“...,” May wrote" after "Judge Leigh May": a surname read as no name
                # alone (a month, a modal) is the one person the report names with it
                ent = self.entities[fulls.pop()]
                return Speaker(ent.name, "person", self.entity_role(ent, before=a)), \
                    ent.gender, False, None
            ent = self._family_name_first(words)
            if ent is not None:  # "Park told" after "Park Ji-won" ("Park" is a place word too)
                return Speaker(ent.name, "person", self.entity_role(ent, before=a)), \
                    ent.gender, False, None
            if self._sentence_case_word(words[0], a, False):
                # "Jurors rejected ...", "Associates say ...": a common noun opening its
                # sentence, no one's name
                return self.anon.get(normalise_description(s.lower()), plural)
            # a lone capitalised word we could not place: "Mexico" -> the body it stands for
            return Speaker(s, "organization", None), None, False, None
        return self.anon.get(normalise_description(s), plural)

    def _title_held_by_a_name(self, head: str) -> bool:
        """Some name in the report is written with the title ``head`` ("senator": "Sen.
        Bernie Sanders", "Senator Ruiz"; "president": "President Obama")."""
        got = self.title_heads
        if got is None:
            got = self.title_heads = set()
            for r in self.runs:
                if r.kind == "person" and r.title:
                    got.update(w.lower().rstrip(".") for w in r.title.split())
                elif r.kind == "person" and len(r.tokens) > 1:
                    got.add(r.tokens[0].lower().rstrip("."))  # "President Obama" kept whole
        return head in got or _TITLE_ABBREVIATIONS.get(head) in got

    def _title_holder(self, desc: str, a: int) -> Optional[tuple[Speaker, Optional[str]]]:
        """ "the Prime Minister said" after "Prime Minister Anthony Albanese", "the Pope"
        after "Pope Leo": the one person the report named with that title before ``a``
        (the title as written in the name, or ending with the description: "Union Home
        Minister Amit Shah" for "the Home Minister"). None when no one or two people
        were."""
        want = desc.lower()
        names = set()
        i = bisect.bisect_left(self.run_starts, a) - 1
        lo = a - 6000
        while i >= 0 and self.runs[i].start >= lo:
            r = self.runs[i]
            i -= 1
            if r.kind != "person":
                continue
            if r.title is None:
                # a title the run kept ("President Obama" when "Obama" alone read as no
                # name): another holder of it, so no answer
                if " ".join(r.tokens).lower().startswith(want + " "):
                    names.add(" ".join(r.tokens[len(want.split()):]))
                continue
            t = " ".join(r.title.lower().split())
            if t == want or t.endswith(" " + want):
                names.add(" ".join(r.tokens))
        if len(names) != 1:
            return None
        name = names.pop()
        full = set(self.suffix.get(name, ())) if name not in self.entities else {name}
        if len(full) == 1:
            name = full.pop()
        ent = self.entities.get(name)
        if ent is None:
            return Speaker(name, "person", desc), None
        return Speaker(name, "person", self.entity_role(ent, before=a) or desc), ent.gender

    def _org_by_word(self, word: str, pos: int, mods: Sequence[str] = ()) -> Optional[Speaker]:
        """The last body that spoke with ``word`` in its name ("the union" after "the Union
        of Nurses"), its name holding the description's other words too ("the machinists
        union" is no "Service Employees International Union")."""
        sp = self.last_org_with.get(word.capitalize())
        if sp is None:
            return None
        low = sp.name.lower()
        return sp if all(m in low for m in mods) else None

    def remember(self, si: int, sp: Speaker, g: Optional[str], plural: bool, offset: int) -> None:
        """Add a resolved speaker to the history (in the order of the report)."""
        self.history.append((si, sp, g, plural, offset))
        if sp.type == "organization" and sp.name:
            for w in sp.name.split():
                self.last_org_with[w] = sp



def resolve_speakers(
    text: str,
    sentences: Sequence[Sentence],
    attributions: Sequence[Attribution],
    start: int = 0,
) -> list[Speaker]:
    """One Speaker per attribution, same order (see the module docstring)."""
    res = SpeakerResolver(text, sentences, start)
    order = sorted(
        range(len(attributions)),
        key=lambda i: (attributions[i].source_span or attributions[i].cue_span
                       or attributions[i].content_spans[0])[0],
    )
    out: list[Optional[Speaker]] = [None] * len(attributions)
    role_only: list[tuple[int, int, str]] = []  # (attribution index, sentence index, desc)
    for i in order:
        at = attributions[i]
        if at.source_span is None:
            out[i] = Speaker(None, "anonymous", None)
            continue
        a, b = at.source_span
        sp, g, plural, desc = res.resolve(a, b)
        if g is None and sp.type == "anonymous" and not plural:
            g = _gender_of(text[a:b])  # "a furious mum", "the widower"
        elif g is None and sp.type == "person" and not plural and sp.name and \
                text[a:b].strip().lower() not in _PRONOUNS:
            kin = _KIN_BEFORE.search(text, max(0, a - 30), a)
            if kin is not None:
                g = _gender_of(kin.group(1))  # "Her husband, Per," is a he
        if g and sp.name and sp.type in ("anonymous", "person") and \
                text[a:b].strip().lower() not in _PRONOUNS:
            res.word_gender.setdefault(sp.name, g)
        out[i] = sp
        si = res.sentence_of(a)
        res.remember(si, sp, g, plural, a)
        if desc is not None:
            role_only.append((i, si, desc))
    # role-only speakers: link backwards by title word, else forwards to a new name
    for i, si, desc in role_only:
        sp = out[i]
        head = desc.split()[-1].lower()
        linked: Optional[Speaker] = None
        a = attributions[i].source_span[0]
        best_pos = -1
        holders = 0
        for ent in res.entities.values():
            first = min(ent.mentions) if ent.mentions else None
            if first is None or first >= a:
                continue
            r = res.entity_role(ent)
            if r and head in r.lower().split():
                holders += 1
                if first > best_pos:
                    linked, best_pos = Speaker(ent.name, "person", r), first
        if holders > 1:
            # "President Ana Ruiz met President Tom Vale. The president said": two holders
            # of the title, no guess (a wrong name is worse than none)
            continue
        if linked is None:
            for j in order:
                at = attributions[j]
                if at.source_span is None or at.source_span[0] <= a:
                    continue
                sj = res.sentence_of(at.source_span[0])
                if sj - si > 2:
                    break
                cand = out[j]
                if cand.type != "person" or not cand.name or cand.role or \
                        len(cand.name.split()) < 2:
                    continue
                ent = res.entities.get(cand.name)
                if ent is not None and ent.mentions and min(ent.mentions) < a:
                    continue
                cand.role = desc
                if ent is not None:
                    ent.role = desc
                    ent.roles_checked = True
                linked = Speaker(cand.name, "person", desc)
                break
        if linked is not None:
            sp.name, sp.type, sp.role = linked.name, "person", desc
    return [sp if sp is not None else Speaker(None, "anonymous", None) for sp in out]
