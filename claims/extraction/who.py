"""Who said what: a last pass over a report's statements that checks and repairs speakers.

``refine(report, statements) -> statements`` runs after attributions and speakers are found
(``pipeline.extract_report``). Each rule is general -- about a construction, never a name:

* **Page clutter** -- lines such as "Read more", "Trending", "Related: ...", "Our Standards:"
  or share buttons are never statements, of any kind.
* **Role taken for the name** -- a speaker written "Senator Jane Roe, a Vermont Democrat" or
  "Ana Ruiz, a spokeswoman for the Department of Parks" is the person before the comma; the
  appositive is her role.
* **Relative pronouns** -- "the engineer, who said ..." is spoken by the engineer.
* **Speakers that cannot speak** -- a description whose head is not a word for people, a body
  or a document that states things ("the reference", "our totals", "compelled") gives no
  speaker name: the statement says its speaker is unknown rather than mislead.
* **Descriptions** -- "the airline", "the company" name the organisation the report introduced
  (the one speaking before, else the one the report names most); "the report", "the study"
  the body that released it ("a report released by X").
* **Surnames** -- "Mr. Lee" after "Sam Lee" is Sam Lee.
* **Pronouns** -- "he"/"she" never resolve to an organisation; the last person who spoke is
  taken instead.
* **Cue words in other senses** -- "added 95,000 jobs", "charged 12 officers", "best
  supporting actress", "are expected to discuss ..." with no speaker: not statements.
* **Quotes that run on** -- a paragraph that is only a quotation, right after a paragraph whose
  last statement has a named speaker, is that speaker's.
* **Confidence** -- every attributed statement gets ``attribution_confidence`` (see
  ``confidence.py``); statements the model finds very unlikely to be attributions are dropped.
"""
from __future__ import annotations

import bisect
import json
import pathlib
import re
from dataclasses import replace
from functools import lru_cache
from typing import Optional

from claims.extraction import checkworthiness as _cw
from claims.extraction import confidence as _conf
from claims.extraction.context import attribution_context
from claims.extraction.fast_patterns import capitalised_before, char_positions, finditer_at
from claims.extraction.lexicons import load
from claims.extraction.names import PARTY_MEMBERS, first_name_gender, is_title_word
from claims.extraction.roles import role_gender
from claims.extraction.spans import SpanSet as _Spans
from claims.extraction.word_sets import written_in_lower_case
from claims.types import Report, Statement

__all__ = ["refine"]

_FIRST_NAMES = pathlib.Path(__file__).with_name("first_names.json")

_CLUTTER = re.compile(
    r"^\s*(?:[-•*·]\s*)?(?:read more|related(?: stories| articles| coverage)?\s*:|related$|"
    r"trending(?: on \w+)?|see also|more from|recommended|advertisement|sponsored|"
    r"sign up|subscribe|share this|tweet this|link this|digg this|email this|reprints?|"
    r"our standards|click here|watch:|video:|photo:|follow us|most popular|most read|"
    r"editor'?s picks?|you (?:may|might) also like|top stories|more on this|copyright|©|"
    r"all rights reserved|image caption|related topics|published \d+ (?:minutes?|hours?|days?) "
    r"ago)(?:\b|(?<=:)|(?<=©))",
    re.IGNORECASE,
)  # ("related:", "watch:": no word boundary after the colon, the colon ends the label)
_TITLES = frozenset("""
senator sen sen. rep rep. representative governor gov gov. mayor president
mr mr. mrs mrs. ms ms. dr dr. prof prof. professor judge justice general gen gen. minister
secretary chancellor ambassador commissioner director chief deputy speaker leader
congressman congresswoman councilman councilwoman sheriff rev rev. sir dame lord lady
captain capt. colonel col. lieutenant lt. sergeant sgt. officer detective prime foreign
finance interior defense defence acting former vice
""".split())
_TITLE_KEYS = frozenset(t.rstrip(".") for t in _TITLES)
_TITLE_WORDS_CAP = frozenset(t.rstrip(".").capitalize() for t in _TITLES) | frozenset(
    "Mr Mrs Ms Dr Sen Rep Gov Gen President Senator Governor Mayor The And But".split())
_NAME_TOKEN = r"(?:[A-Z][a-zà-ÿ’'\-]+(?:-[A-Z][a-zà-ÿ’']+)?|[A-Z]\.)"
_PERSON_NAME = re.compile(
    r"^(?:(?P<title>(?:[A-Z][a-z]*\.?\s+){0,3}?))?"
    r"(?P<name>" + _NAME_TOKEN + r"(?:\s+(?:van|von|de|da|del|der|bin|al|le|la|du)?\s*"
    + _NAME_TOKEN + r"){1,3})$"
)
_ORG_WORD = re.compile(
    r"\b(?:Department|Ministry|Committee|Commission|Council|Agency|Administration|Bureau|"
    r"Office|Service|Center|Centre|Institute|Foundation|Association|Organi[sz]ation|Union|"
    r"Party|Group|Company|Corp|Inc|Ltd|University|College|Bank|Fund|Court|Congress|Senate|"
    r"House|Parliament|Government|Police|Army|Force|Network|News|Times|Post|Journal|Press|"
    r"Authority|Board|Coalition|Alliance|Federation|Trust|Society|League|Airlines?|Airways|"
    r"Edison|Energy|Electric|Motors|Systems|Bureau|Hospital|Church|Capital|Partners|"
    r"Holdings|Industries|Museum|Library|Club|Team|Reserve|Exchange)\b"
)
_PRONOUN_PERSON = frozenset("he she".split())
_RELATIVE = re.compile(r"(?:^|,\s*)(?:who|which)\s*$", re.IGNORECASE)
_DET = re.compile(r"^(?:the|a|an|its|their|his|her|our|this|that|these|those)\s+", re.I)
# description heads that name an organisation the report introduced ("the airline said"),
# and those of businesses, whose names often carry no organisation word ("Fly Air")
_ORG_DESC = load("organisation_descriptions")
_COMPANY_DESC = load("company_descriptions")
# a company's name as written ("Harbor Point Bancorp", "Acme Inc.", "Norland Freight Ltd")
@lru_cache(maxsize=4)
def _first_corporate_name(text: str) -> int:
    """Where the report first writes a company's name (-1: nowhere); once per report."""
    m = _CORPORATE_NAME.search(text)
    return m.start() if m else -1


_CORPORATE_NAME = re.compile(r"\b[A-Z][\w&’'-]*(?:\s+[A-Z][\w&’'-]*)*\s+(?:Inc|Corp|Corporation|"
                             r"Co|Ltd|LLC|plc|PLC|AG|SA|NV|Bancorp|Holdings|Group)\b\.?")
_NON_COMPANY_HEADS = load("non_company_heads")
_MADE_GOODS = frozenset("car auto drug chip plane aircraft phone handset steel toy shoe watch "
                        "game software beer wine cheese furniture truck bus ship tyre tire "
                        "computer pc camera vaccine".split())
_DEMONYMS = load("demonyms")
_NAMED_BY_HEAD = load("bodies_named_by_head")
_PERSON_NOUNS = load("person_descriptions")  # "the singer", "the guard": one person
_ORG_NOUNS = load("organisation_nouns")  # bodies speak: "the league said", "the hospital said"
_DOC_DESC = frozenset("report study survey poll analysis review audit paper".split())
_STRONG_CUES = frozenset("say tell according write add state note explain told".split())
_NUMBERISH = re.compile(r"^[\s$€£]*\d")


_WINDOW = 2000  # how far back a line or sentence start is looked for


def _rfind_nl(text: str, pos: int) -> int:
    """The last newline before ``pos`` within the window (a bounded look-back keeps long
    one-paragraph reports linear), else the window's start - 1."""
    lo = max(0, pos - _WINDOW)
    k = text.rfind("\n", lo, pos)
    return k if k >= 0 or lo == 0 else lo - 1


@lru_cache(maxsize=4)
def _newlines(text: str) -> list[int]:
    return [m.start() for m in re.finditer("\n", text)]


def _paragraph_no(text: str, start: int, pos: int) -> int:
    nl = _newlines(text)
    return bisect.bisect_left(nl, pos) - bisect.bisect_left(nl, start) + 1


def _added(report: Report, kind: str, a: int, b: int, *, speaker: Optional[str],
           speaker_start: Optional[int], speaker_end: Optional[int],
           speaker_name: Optional[str], speaker_type: str, cue: Optional[str],
           cue_start: Optional[int], cue_end: Optional[int], sentence: str,
           speaker_role: Optional[str] = None, sid: Optional[str] = None,
           paragraph: Optional[int] = None) -> Statement:
    """A statement ``refine`` adds (a signed quotation, an interview's answer, a trailing
    attribution ...): one content span [a, b), no venue, date or hedge yet, and a
    check-worthiness of -1 (``refine`` places and scores every added statement at its end)."""
    from claims.extraction.pipeline import statement_id
    return Statement(
        id=sid or statement_id(report.id, kind, [(a, b)]), report=report.id, kind=kind,
        text=report.text[a:b], content_start=a, content_end=b, content_spans=None,
        speaker=speaker, speaker_start=speaker_start, speaker_end=speaker_end,
        speaker_name=speaker_name, speaker_type=speaker_type, speaker_role=speaker_role,
        cue=cue, cue_start=cue_start, cue_end=cue_end, venue=None, said_on=None, hedge=None,
        checkworthiness=-1.0, check_reasons=[], sentence=sentence,
        paragraph=paragraph if paragraph is not None else _paragraph_no(
            report.text, report.body_start or 0, a),
        report_date=report.date)


def _line_of(text: str, pos: int) -> str:
    a = _rfind_nl(text, pos) + 1
    b = text.find("\n", pos)
    return text[a:b if b >= 0 else len(text)]


_CLUTTER_LINE = re.compile(_CLUTTER.pattern + r".*$", re.IGNORECASE | re.MULTILINE)


def _at_line_starts(pattern: re.Pattern, text: str, start: int):
    """``pattern.finditer(text, start)`` for a MULTILINE pattern opening with "^" that matches
    no empty string, tried at the line starts only: the engine has no first character to
    skip ahead to and tried it at every offset of the report. Same matches
    (tests/test_fast_patterns.py)."""
    pos = start
    for k in [-1] + _newlines(text):
        if k + 1 >= pos:
            m = pattern.match(text, k + 1)
            if m:
                yield m
                pos = m.end()


def _clutter_lines(text: str, start: int) -> list[tuple[int, int]]:
    """Spans of the report's clutter lines ("Read more", "Trending", share buttons ...)."""
    return [(m.start(), m.end()) for m in _at_line_starts(_CLUTTER_LINE, text, start)]


def _is_clutter(lines: "_Spans", st: Statement) -> bool:
    if not lines.s:
        return False
    pos = st.speaker_start if st.speaker_start is not None and st.kind != "claim" \
        else st.content_start
    return lines.overlaps(pos, pos + 1) or lines.overlaps(st.content_start, st.content_start + 1)


_NOT_IN_NAMES = frozenset("""
the a an on in at of for and but or to from by with this that these those his her their our
its after before during when while as if then there here monday tuesday wednesday thursday
friday saturday sunday january february march april june july august september october
november december today yesterday last next new north south east west
""".split())


def _person_in(s: str) -> Optional[tuple[str, Optional[str]]]:
    """(name, title) when ``s`` is a person's name, with titles in front allowed."""
    s = s.strip(" ,;:.“”\"‘’'()")
    words = s.split()
    k = 0
    while k < len(words) - 2 and words[k].lower().rstrip(".") in _TITLE_KEYS:
        k += 1
    if k < len(words) - 1 and words[k].lower().rstrip(".") in _TITLE_KEYS:
        k += 1
    rest = " ".join(words[k:])
    if not rest or _ORG_WORD.search(rest):
        return None
    m = _PERSON_NAME.match(rest)
    if not m:
        return None
    name = m.group("name")
    if any(w.lower().rstrip(".") in _TITLE_KEYS or w.lower() in _NOT_IN_NAMES
           for w in name.split()):
        return None
    return name, (" ".join(words[:k]) or None)


def _role_split(st: Statement) -> Optional[tuple[str, str]]:
    """'Senator Jane Roe, a Vermont Democrat' -> ('Jane Roe', 'Vermont Democrat')."""
    sp = st.speaker or ""
    if "," not in sp:
        return None
    head, _, tail = sp.partition(",")
    tail = tail.strip(" ,")
    if not tail or tail[:1] in "“\"(":
        return None
    if re.search(r"(?:^|\s)(?:and|&|as well as)\s", tail) and " and " in (st.speaker_name or ""):
        return None  # "Ana Ruiz, the union and Tom Ash": a list of speakers, no appositive
    got = _person_in(head)
    if got is None:
        return None
    name, title = got
    first = tail.split()[0]
    if not (first[:1].islower() or first.lower() in ("a", "an", "the") or
            first.endswith(("'s", "’s")) and len(tail.split()) > 1 and
            tail.split()[1][:1].islower()):
        return None  # ("Freddy Ortega, German's brother, said": a possessive role too)
    role = _DET.sub("", tail).strip()
    role = re.sub(r"\s*,?\s*(?:who|which)\b.*$", "", role).strip(" ,")
    return name, role or title


def _antecedent_of_relative(text: str, st: Statement) -> Optional[str]:
    """'the engineer, who said' -> 'engineer' (the description or name before the comma)."""
    if st.speaker_start is None:
        return None
    a = st.speaker_start
    sp = text[a:st.speaker_end]
    lead = sp.rsplit(",", 1)[0] if "," in sp else ""
    if lead.strip() and lead.strip().lower() not in ("who", "which"):
        seg = lead
    else:
        before = text[max(0, a - 200):a].rstrip()
        if not before.endswith(","):
            return None
        before = before[:-1]
        cut = max(before.rfind(c) for c in ",;:.\n“”\"(")
        seg = before[cut + 1:]
        seg = re.split(r"\b(?:by|from|to|with|for|at|on|in|of|told|said|says|and)\s+", seg)[-1]
    seg = seg.strip(" ,")
    if not seg or len(seg.split()) > 8:
        return None
    got = _person_in(seg)
    if got:
        return got[0]
    words = re.findall(r"[\w’'.-]+", seg)
    if not words:
        return None
    head = words[-1].lower()
    if _head_can_speak(head) or words[-1][:1].isupper() and _org_marked(seg):
        return _DET.sub("", seg).strip()
    return None


# sentence adverbs, connectives and a headline's interjections, which open a sentence in
# capitals and name no one
_OPENERS_NO_NAME = frozenset("""
prior besides instead likewise well here there wow busted leaked exclusive breaking watch update
yes meanwhile however still also moreover indeed otherwise plus then now so but and yet though
although despite unlike
""".split())
_NOT_NOMINAL = frozenset("""
such together however hardly also even still just only then there here so too
this that these those it its their which what whatever whoever compelled expected reference totals
months years weeks days hours minutes decades times moments ago later earlier today
yesterday tonight morning afternoon evening night week month year
""".split())
_PEOPLE_SUFFIX = re.compile(
    r"(?:ists?|graphers?|nomers?|makers?|holders?|keepers?|goers?|watchers?|backers?|ians?|"
    r"ators?|itors?|ssors?|estors?|ernors?|donors?|"
    r"ants|ents|man|men|"
    r"woman|women|ees|eers?|ans|one|body|media|ad|ads|site|video|footage|remarks|data|figures|"
    r"averages|account|accounts|release|releases|letter|memo|filing|lawsuit|complaint|"
    r"ruling|order|decision|document|documents|statement|statements)$")


def _head_can_speak(head: str) -> bool:
    h = head.lower().strip(".’'")
    if h.endswith("-year-old") or h in ("teenager", "teen") or head in _DEMONYMS or \
            re.search(r"^[a-z]+-of-[a-z0-9]+$", h):
        return True  # "the 36-year-old", "the Italian", "the mum-of-two": a person
    if h in _conf.SPEAKING_HEADS or h.rstrip("s") in _conf.SPEAKING_HEADS or h in _ORG_NOUNS:
        return True
    return bool(_PEOPLE_SUFFIX.search(h)) and h not in _NOT_NOMINAL


def _cannot_speak(st: Statement) -> Optional[str]:
    """None when the speaker can speak; "none" when it cannot be named; "drop" when it is
    no noun phrase at all (an adverb, a time, a participle, a determiner left alone)."""
    sp = (st.speaker or "").strip(" ,;:.“”\"‘’'()")
    if not sp:
        return None
    ls = sp.lower()
    if ls in _conf.PRONOUNS or ls in ("who", "which", "that", "him", "her", "them", "me",
                                      "us"):
        return None
    words = re.findall(r"[\w’'.&-]+", sp)
    if not words:
        return "drop"
    last = words[-1]
    head = last.lower().strip(".’'")
    if words[0].lower() in _OPENERS_NO_NAME and len(words) <= 3 and not any(
            w[:1].isupper() for w in words[1:]) and not (
            len(words) > 1 and _head_can_speak(words[-1])):  # (but "Leaked emails")
        return "none"  # "Besides", "Instead", "Wow", "Exclusive", "but he": no one's name
    if words[0].lower() == "not" and len(words) > 1 and words[1].lower() not in (
            "all", "every", "everyone", "many", "one"):
        return "none"  # "Readers should not let editorials tell them": a verb phrase
    if len(words) == 1 and head in _LONE_DETERMINERS and not (head == "one" and
                                                              st.speaker_name):
        return "drop"  # "The" left alone by a cut span: no one ("one" of a group named: kept)
    if last[:1].isupper() or last.isupper():
        return None  # a name: the resolver's business
    if _PARENT_OF_NUMBER.fullmatch(sp):
        return None  # "the father of three": a person (``SpeakerResolver`` names the one)
    cut = next((i for i, w in enumerate(words) if i and w.lower() in _POST_HEAD), None)
    if cut is not None and words[cut - 1].lower() in _PARTITIVES and \
            (st.speaker_name or "").lower() in _ANON_GROUPS:
        return None  # "one of the officials": the group the resolver named it by
    if cut is not None and _head_can_speak(words[cut - 1]):
        # "a source close to the couple", "a friend of the family": the source, unless the
        # name given comes from the phrase after it ("President of CNN Worldwide")
        named = [w.strip(",.").lower() for w in (st.speaker_name or "").split()]
        pre = {w.strip(",.").lower() for w in words[:cut]}
        doc = words[cut - 1].lower() in _DOC_DESC or words[cut - 1].lower() in _THINGS
        # (a document's author may follow it: "a report in the Daily Express")
        return None if not named or doc or any(w in pre for w in named) else "none"
    if _head_can_speak(head) or head in _RESEARCH and (st.speaker_name or "")[:1].isupper():
        return None  # (a study named by the body that did it: ``_document_by``)
    if head in _PERSON_NOUNS and st.speaker_name and \
            st.speaker_name.lower() not in ls:
        return None  # "The Lakers guard said": the person the resolver named ("guard" alone
        # would name no one a reviewer can check)
    if len(words) >= 2 and words[0].lower() == "the" and all(
            is_title_word(w) for w in words[1:]) and (st.speaker_name or "")[:1].isupper():
        return None  # "the pope", "the former ambassador" the resolver named by its holder
    if head in _NOT_NOMINAL or head.endswith(("ly", "-based")) or (
            head.endswith("ed") and len(words) == 1):
        return "drop"
    if len(words) == 1 or words[0].lower() in ("the", "our", "a", "an", "its", "their",
                                               "this", "that", "these", "those"):
        return "none"
    return None


_ING_WORD = re.compile(r"[A-Za-z]{2,}ing")
_PLURAL_OWNER_THEN_PERSON = re.compile(r".+?s['’]\s+([A-Z][\w’'-]+(?:\s+[A-Z][\w’'.-]+){1,2})$")
# what follows a participle opening a clause, never a compound noun ("holding signs" is one,
# but "housing advocates" is no clause): its object or particle
_AFTER_PARTICIPLE = frozenset("""
the a an his her their its this that these those some many him them me us it off up out down
""".split())
_NOT_ONE_SPEAKER = frozenset("including something everything anything nothing".split())


# a title-case headline's second clause: "Banks Are Under Assault As He Announces ..."
_HEADLINE_SUBORDINATE = re.compile(r"\s(?:(?:Even )?As|While)\s+(?:He|She|They|It|We|I)\s|"
                                   r"\s(?:Amid|After|Despite|Following|Before|Ahead [Oo]f|"
                                   r"Days After|Hours After)\s+[A-Z$\d]")
# ("... Fit To Serve As President", "... Campaign As A Racial Healer": no clause)


def _headline_clause_end(text: str, st: Statement) -> Statement:
    """Content in the report's first line, written in title case, ends before a
    subordinate clause the headline adds ("Jamie Dimon Says Banks Are Under Assault As He
    Announces $4.9 Billion Profit": what he says is that banks are under assault)."""
    first_end = text.find("\n")
    if st.content_spans or first_end < 0 or st.content_start > first_end:
        return st
    words = re.findall(r"[A-Za-z][\w’'-]*", text[:first_end])
    if len(words) < 5 or sum(w[0].isupper() for w in words) < 0.7 * len(words):
        return st  # not title case: a sentence's own "as" may be the speaker's
    m = _HEADLINE_SUBORDINATE.search(text, st.content_start, st.content_end)
    if m is None or len(text[st.content_start:m.start()].split()) < 2:
        return st
    return replace(st, content_end=m.start(), text=text[st.content_start:m.start()])


# the headline's added clause, when it is a second statement of the same speaker
_HEADLINE_SECOND_CUE = re.compile(
    r"\s(?:Even )?(?:As|While)\s+(?P<who>He|She)\s+(?P<cue>Says|Announces|Warns|Admits|"
    r"Reveals|Claims|Insists|Vows|Promises|Predicts|Pledges)\s+(?P<c>[^\n]*?)[.!?]?[ \t]*$")


def _headline_second_cue(report: Report, st: Statement, end: int) -> Optional[Statement]:
    """ "Jamie Dimon Says Banks Are Under Assault As He Announces $4.9 Billion Profit": what
    follows "As He Announces" is the same speaker's second statement."""
    text = report.text
    line_end = text.find("\n")
    m = _HEADLINE_SECOND_CUE.match(text, end, line_end if line_end >= 0 else len(text))
    if m is None or not m.group("c") or not st.speaker_name:
        return None
    return _added(report, "indirect", m.start("c"), m.end("c"), speaker=m.group("who"),
                  speaker_start=m.start("who"), speaker_end=m.end("who"),
                  speaker_name=st.speaker_name, speaker_type=st.speaker_type or "person",
                  cue=m.group("cue"), cue_start=m.start("cue"), cue_end=m.end("cue"),
                  sentence=text[:m.end()], speaker_role=st.speaker_role)


def _headline_clause_label(text: str, st: Statement) -> bool:
    """The words before a colon in the report's first line are three or more, and one after
    the first two is written nowhere else in the report ("Clinton Wades In:", "FIX IS IN:",
    "Donald Trump Finally Endorses ...:"): a clause of the headline, not a name."""
    if st.speaker_start is None or not st.speaker:
        return False
    first_end = text.find("\n")
    if first_end < 0 or st.speaker_start > first_end:
        return False
    words = st.speaker.split()
    if len(words) < 3 or words[0] in _conf.SENTENCE_OPENERS:
        return False  # ("The revolutionary's next tactic:": the checks after it decide)
    body = text[first_end:]
    return any(not re.search(r"(?<![\w’'])" + re.escape(w.strip(",.’'")) + r"(?![\w’'])", body)
               for w in words[2:] if w.strip(",.’'"))


def _participle_clause(text: str, sp: str) -> bool:
    """The words taken for the speaker are a participle's clause or a list's opener, which
    names no one: "Rattling off plans ...", "releasing a statement", "Joining Rubio",
    "including top campaign officials", "Having" (not "Housing advocates", "Polling
    averages", "Acting Inspector Paul Grayson", "Schilling", "Downing Street")."""
    words = sp.split()
    if not words:
        return False
    w0 = words[0].lower()
    if w0 in _NOT_ONE_SPEAKER:
        return True
    if not _ING_WORD.fullmatch(words[0]) or words[0][:1].isupper() and not \
            written_in_lower_case(text, w0):
        return False  # (a name: "Schilling", "Downing Street", "Acting" as a title)
    if len(words) == 1:
        return w0 not in _ING_NOUNS
    if w0 in _ADJECTIVAL_ING or w0 in _ING_NOUNS and len(words) >= 3 and all(
            w[:1].isupper() and not w.endswith(("'s", "’s")) for w in words[1:]):
        return False  # "leading Democrats", "ruling party officials", "(Minister for) Housing
        # James Browne"
    nxt = words[1]
    return nxt.lower() in _AFTER_PARTICIPLE or nxt[:1].isupper() and not \
        written_in_lower_case(text, nxt.lower())


# -ing words that qualify a noun as adjectives do
_ADJECTIVAL_ING = frozenset("""
leading ruling governing opposing visiting remaining outgoing incoming acting sitting founding
presiding reigning striking voting working competing rising ageing aging serving participating
dissenting neighbouring neighboring surviving grieving protesting fellow supporting
""".split())
# -ing words that are nouns on their own ("Polling shows ...")
_ING_NOUNS = frozenset("polling reporting funding briefing hearing meeting ruling filing "
                       "finding building housing spending".split())


# words that end a speaker's head noun and open what follows it ("a source close to X",
# "a friend of the family", "an aide familiar with the talks")
_POST_HEAD = frozenset("close familiar of for at from with in to".split())
_PARENT_OF_NUMBER = re.compile(r"(?i:the|a)\s+(?:\d+-year-old\s+)?(?:mum|mom|mother|dad|father|"
                               r"grandmother|grandfather|gran|grandad|grandma|grandpa)[ -]of[ -]"
                               r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)")
_ANON_GROUPS = load("group_nouns")  # "officials", "critics": an unnamed group
_PARTITIVES = frozenset("one some many most several two three four another each both all "
                        "none".split())
_LONE_DETERMINERS = frozenset("the a an this these those one another".split())
_NOBODY = re.compile(r"(?:no one|nobody|none|neither|no\s+\w+)$", re.IGNORECASE)
# "Obama on Climate Change: ...": the topic a headline gives between its speaker and colon
_TOPIC_AFTER_LABEL = re.compile(r"\s+(?:on|about)\s+[^:\n]{1,60}$")
_CAPS_TITLED_SURNAME = re.compile(r"([A-Z]{2,5}\.?)\s+([A-Z][A-Z’'-]{2,})")
_CAPS_NAME = re.compile(r"[A-Z][A-Z’'.-]+(?:\s+[A-Z][A-Z’'.-]+){1,2}")
_FULL_NAME = re.compile(r"(?<![\w’'])([A-Z][a-z’'-]+(?:[ \t]+[A-Z][a-z’'-]+){1,2})(?![\w’'])")
# an interviewer's question line: "Q: Why write the book now?" (a question, no statement)
_QUESTION_LINE = re.compile(r"[ \t*_]*(?:Q|Question)[ \t]*[:.][*_]*[ \t]")


# an interviewee's answer line: "A: Worse than last year." / "A. No."
_ANSWER_LINE = re.compile(r"^[ \t*_]*(?:A|Answer)[ \t]*[:.][*_]*[ \t]+(?P<c>\S[^\n]*)",
                          re.MULTILINE)


def _interviewee(text: str, pos: int) -> Optional[str]:
    """The person answering an interview's questions: the one person named in full before
    its first question line ("Maria Velasquez took over ... We asked her ..."); None when
    the introduction names none or two."""
    q = _QUESTION_LINE_ANYWHERE.search(text, 0, pos)
    if q is None:
        return None
    names = set()
    for m in _FULL_NAME.finditer(text, 0, q.start()):
        got = _person_in(m.group(1))
        if got and got[0] == m.group(1):
            names.add(got[0])
    return names.pop() if len(names) == 1 else None


_QUESTION_LINE_ANYWHERE = re.compile(r"^[ \t*_]*(?:Q|Question)[ \t]*[:.][*_]*[ \t]",
                                     re.MULTILINE)


def _answer_lines(report: Report, sts: list[Statement]) -> list[Statement]:
    """ "A. Worse than last year." lines of a question-and-answer interview that no
    statement covers (the colon reader reads "A:", not "A."): the interviewee's answers."""
    text = report.text
    if "A." not in text or _QUESTION_LINE_ANYWHERE.search(text) is None:
        return []
    spans = _Spans((s.content_start, s.content_end) for s in sts if s.kind != "claim")
    out = []
    who_ = None
    for m in _ANSWER_LINE.finditer(text, report.body_start or 0):
        a, b = m.span("c")
        b = a + len(text[a:b].rstrip())
        if spans.overlaps(a, b) or len(text[a:b].split()) < 2:
            continue
        who_ = who_ or _interviewee(text, a)
        if who_ is None:
            return []
        out.append(_added(
            report, "indirect", a, b, speaker=m.group(0)[:m.start("c") - m.start()].strip(),
            speaker_start=m.start(), speaker_end=m.start() + 1, speaker_name=who_,
            speaker_type="person", cue=".", cue_start=m.start() + 1, cue_end=m.start() + 2,
            sentence=text[m.start():b]))
        spans.add(a, b)
    return out


def _initials_in_text(text: str, letters: str, pos: int) -> Optional[str]:
    """The one person named before ``pos`` whose initials these are: an interview's "AD:"
    after "author Amir Darwish" (a speaker or not); None when none or several fit."""
    hits = set()
    for m in _FULL_NAME.finditer(text, max(0, pos - 20000), pos):
        cand = m.group(1)
        if "".join(w[0] for w in cand.split()) == letters:
            got = _person_in(cand)
            if got and got[0] == cand:
                hits.add(cand)
    return hits.pop() if len(hits) == 1 else None


class _Registry:
    """The report's named speakers so far: full names by surname, organisations in order."""

    def __init__(self, text: str, statements: list[Statement]):
        self.text = text
        self.full: dict[str, str] = {}
        self.checked: dict[str, bool] = {}
        # every full name by surname, for a title or pronoun of one gender ("Mr Price" after
        # "Mark and Helen Price"); ``full`` keeps "" where two people share the surname
        self.by_surname: dict[str, set[str]] = {}
        for s in statements:
            if s.kind != "claim" and s.speaker_type == "person" and s.speaker_name:
                self.add_person(s.speaker_name)
        # (_COUPLE.finditer(text), tried before each " and " only)
        for m in finditer_at(_COUPLE, text, capitalised_before(text, " and ")):
            # "Mark and Helen Price": both first names take the surname
            a, _, b, last = m.group(0).split()
            if _gender(f"{a} {last}") and _gender(f"{b} {last}"):
                self.add_person(f"{a} {last}")
                self.add_person(f"{b} {last}")

    def add_person(self, name: str) -> None:
        toks = name.split()
        if len(toks) >= 2 and all(t[:1].isupper() for t in toks):
            last = toks[-1]
            self.by_surname.setdefault(last, set()).add(name)
            prev = self.full.get(last)
            if prev is None or len(name) > len(prev) and prev in name:
                self.full[last] = name
            elif prev != name and name not in prev:
                self.full[last] = ""  # two people share the surname: do not guess

    def initials(self, letters: str) -> Optional[str]:
        """The one full name whose initials these are ("IV" -> "Ines Varga")."""
        hits = {f for f in self.full.values() if f and "".join(
            w[0] for w in f.split()) == letters}
        return hits.pop() if len(hits) == 1 else None

    def full_name(self, name: str, titled: bool = False, gender: Optional[str] = None
                  ) -> Optional[str]:
        """The full name of a speaker named by surname (or first name) alone; with
        ``gender`` (from "Mr"/"Mrs" or "he"/"she"), only a name of that gender, and the one
        such name when two people share the surname."""
        toks = name.split()
        if len(toks) != 1:
            return None
        if gender:
            fits = {f for f in self.by_surname.get(toks[0], ()) if _gender(f) in (gender, None)}
            if len(self.by_surname.get(toks[0], ())) > len(fits):
                # a full name of the other gender has this surname: the one that fits, if
                # its first name says so, else no guess
                one = [f for f in fits if _gender(f) == gender]
                return one[0] if len(one) == 1 and len(fits) == 1 else None
        f = self.full.get(toks[0])
        if f is None and not titled and (toks[0].lower() in _first_names() or any(
                v and v.split()[0] == toks[0] for v in self.full.values())):
            # a listed first name, or the first name of a speaker named in full ("Chloe"
            # after "Chloe Vance") that is nobody's surname
            return self._by_first_name(toks[0])
        if not f:
            return None
        ok = self.checked.get(toks[0])
        if ok is None:
            # another first name before the same surname in the text: two people, no guess
            firsts = {m.group(1) for m in re.finditer(
                r"\b([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?" + re.escape(toks[0]) + r"\b", self.text)}
            firsts -= _TITLE_WORDS_CAP
            ok = self.checked[toks[0]] = firsts <= set(f.split()[:-1])
        return f if ok else None


    def named_in_text(self, surname: str) -> Optional[str]:
        """The one "First Surname" of the text whose first name is a common first name
        ("Chris Wallace" for a transcript's "WALLACE")."""
        hits = {m.group(0) for m in re.finditer(
            r"\b([A-Z][a-z]+)\s+" + re.escape(surname) + r"\b", self.text)
            if m.group(1).lower() in _first_names()}
        return hits.pop() if len(hits) == 1 else None

    def _by_first_name(self, first: str) -> Optional[str]:
        """ "Kelly said" after "Kelly Barnes, 34, ...": the one full name of a speaker with
        this first name, when every "Kelly X" of the text is that person (tabloid and
        feature style)."""
        if re.search(_HONORIFIC_BEFORE + re.escape(first) + r"\b", self.text):
            return None  # "Mr. James": a surname in this report, not a first name
        after = {m.group(1) for m in re.finditer(
            r"\b" + re.escape(first) + r"\s+([A-Z][\w’'-]+)", self.text)}
        hits = {f for f in self.full.values() if f and f.split()[0] == first}
        if not hits and len(after) == 1:
            # not a speaker yet: the one person written with this first name
            f = f"{first} {next(iter(after))}"
            return f if _person_in(f) and not _org_marked(f) else None
        if len(hits) != 1:
            return None
        f = hits.pop()
        return f if after <= {f.split()[1]} else None


_CAMEL = re.compile(r"[a-z][A-Z]|[A-Z]{2,}[a-z]")
_FIRM_AMPERSAND = re.compile(r"[A-Za-z] & [A-Z]")  # "Harrow & Finch", "Procter & Gamble"
_ACRONYM = re.compile(r"(?:[A-Z]{2,6}|(?:[A-Z]\.){2,4})")
_CAP_RUN = re.compile(r"(?<![\w’'])(?:[A-Z][\w’'&.-]*(?:\s+(?:of|for|on|and|&)?\s*"
                      r"[A-Z][\w’'&.-]*){0,6})")
_DIGIT = re.compile(r"\d")
# the definite article opening a description: "the company" is one the report named
_DEFINITE = re.compile(r"(?i:the)\s")
# a sentence's end inside a run of capitalised words ("... the European Union. The change")
_RUN_SENTENCE_END = re.compile(r"\.\s+(?=(?:" + "|".join(sorted(_conf.SENTENCE_OPENERS)) +
                               r")\b)")


def _org_marked(name: str) -> bool:
    """A name that reads as an organisation's: an organisation word, CamelCase, an acronym,
    two names joined by "&"."""
    return bool(_ORG_WORD.search(name) or _CAMEL.search(name) or _ACRONYM.fullmatch(name) or
                _FIRM_AMPERSAND.search(name))


@lru_cache(maxsize=4)
def _all_org_mentions(text: str) -> tuple[list[int], list[str]]:
    """Every organisation-like name of the report, once (positions, names)."""
    pos, names = [], []
    for m in _CAP_RUN.finditer(text):
        name = m.group(0).strip()
        cut = _RUN_SENTENCE_END.search(name)
        if cut is not None:
            name = name[:cut.start()]
        if _org_marked(name) and not _DIGIT.search(name):
            pos.append(m.start())
            names.append(name)
    return pos, names


def _org_mentions(text: str, end: int) -> list[tuple[int, str]]:
    pos, names = _all_org_mentions(text)
    k = bisect.bisect_left(pos, end)
    return list(zip(pos[max(0, k - 400):k], names[max(0, k - 400):k]))


_OPENER_BEFORE_DET = re.compile(
    r"^(?:later|earlier|then|now|meanwhile|also|however|but|and|so|still|yet|instead|"
    r"separately|previously|today|yesterday|[a-z]+ly)\s*,?\s+(?=(?:the|a|an|its|their)\s)",
    re.IGNORECASE)


def _strip_opener(sp: str) -> str:
    """"Later the company" -> "the company": a sentence adverb is no part of the speaker."""
    return _OPENER_BEFORE_DET.sub("", sp.strip())


def _description_head(sp: str) -> Optional[str]:
    """The head of "the airline", "the regional airline", "the Oslo-based group" (a
    determiner, modifiers that are no name, a lower-case head), else None."""
    words = sp.split()
    if len(words) < 2 or len(words) > 4 or words[0].lower() not in ("the", "its", "their"):
        return None
    head = words[-1]
    if not head.islower():
        return None
    for w in words[1:-1]:  # lower-case words or hyphenated adjectives ("Oslo-based")
        if not (w.islower() or "-" in w and w.split("-")[-1].islower()):
            return None
    return head.lower()


# a capitalised word that is an adjective, not a name: "Oslo-based", "state-run", "UN-led"
_ADJECTIVE_NAME = re.compile(r"-(?:based|born|led|owned|backed|run|funded|made|style|"
                             r"area|affiliated|linked|controlled|registered)$", re.IGNORECASE)
_NAME_AFTER = r"((?:[A-Z][\w’'-]+\s+){1,2}[A-Z][\w’'-]+)"


@lru_cache(maxsize=4)
def _lower(text: str) -> str:
    return text.lower()


def _role_patterns(role: str) -> tuple[re.Pattern, re.Pattern]:
    """"conductor Elena Rossi" and "Elena Rossi, the orchestra's conductor", as single
    patterns: the readable form of what ``_names_with_role`` finds (tests compare the two)."""
    r = re.escape(role)
    return (re.compile(r"(?i:\b" + r + r")\s+" + _NAME_AFTER),
            re.compile(_NAME_AFTER + r",\s+(?:the|a|an)\s+(?:[\w’'-]+\s+){0,3}?" + r + r"\b"))


# The two patterns of _role_patterns cost ~1 ms to compile for each new role word (most of
# _role_holder's time on 840 articles, and more at scale, as the role words are many). Their
# fixed parts are compiled once here; only the role word itself is compiled per role (a
# literal: ~40 us), and the scans step through the text as the full patterns' searches do.
_ROLE_NAME_REST = re.compile(r"\s+" + _NAME_AFTER)  # after "conductor": " Elena Rossi"
_NAME_ARTICLE = re.compile(_NAME_AFTER + r",\s+(?:the|a|an)\s+")  # "Elena Rossi, the "
_FILLER_WORD = re.compile(r"[\w’'-]+\s+")


@lru_cache(maxsize=2048)
def _role_word(role: str) -> tuple[re.Pattern, re.Pattern]:
    """The role word opening "conductor Elena Rossi" (any case, at a word start) and closing
    "Elena Rossi, the orchestra's conductor" (as written, at a word end)."""
    r = re.escape(role)
    return re.compile(r"(?i:\b" + r + r")"), re.compile(r + r"\b")


def _scan_as_finditer(opener: re.Pattern, complete, text: str, lo: int, pos: int):
    """What a ``finditer`` of a pattern made of ``opener`` and a rest would yield between
    ``lo`` and ``pos``: ``complete(m)`` reads the rest after an opener match ``m`` and gives
    (value, end) or None; a failed start moves the scan on by one character, a match moves
    it to the match's end."""
    cur = lo
    while True:
        m = opener.search(text, cur, pos)
        if m is None:
            return
        got = complete(m)
        if got is None:
            cur = m.start() + 1
        else:
            yield got[0]
            cur = got[1]


def _names_with_role(text: str, role: str, lo: int, pos: int) -> tuple[set[str], set[str]]:
    """The names the patterns of ``_role_patterns(role)`` find in ``text[lo:pos]`` (each:
    the set of its matches' group 1), found as their ``finditer`` would find them.

    Each full pattern reads one way at a given start (every word of the name runs to its
    end, the article is one of three, each filler word is whole): a match is the role word
    (or the name and article) there and the fixed rest after it. A failed start moves the
    scan on by one character, a match moves it to the match's end, as ``finditer`` does."""
    opens, closes = _role_word(role)

    def role_then_name(m):
        r = _ROLE_NAME_REST.match(text, m.end(), pos)
        return None if r is None else (r.group(1), r.end())

    def name_then_role(g):
        p = g.end()
        for k in range(4):  # "(?:[\w’'-]+\s+){0,3}?": the fewest filler words first
            r = closes.match(text, p, pos)
            if r is not None:
                return g.group(1), r.end()
            f = _FILLER_WORD.match(text, p, pos) if k < 3 else None
            if f is None:
                return None
            p = f.end()
        return None

    before = set(_scan_as_finditer(opens, role_then_name, text, lo, pos))
    after = set(_scan_as_finditer(_NAME_ARTICLE, name_then_role, text, lo, pos))
    return before, after


def _role_holder(text: str, st: Statement) -> Optional[str]:
    """"The conductor said" after "Conductor Elena Rossi ..." or "Elena Rossi, the
    orchestra's conductor, ...": the one person the report introduced with that role word.
    None when no one, or more than one person, was (a wrong name is worse than none)."""
    sp = _strip_opener(st.speaker or "")
    words = sp.split()
    if len(words) != 2 or words[0].lower() != "the" or not words[1].islower() or \
            words[1] in _ORG_NOUNS or words[1] in _ORG_DESC:
        return None  # ("the university": a body, never "X, an immunologist at the university")
    pos = st.speaker_start if st.speaker_start is not None else st.content_start
    lo = max(0, pos - 6000)
    if _lower(text).find(words[1], lo, pos) < 0:
        return None  # the role word was never written before: nothing to look for
    before, after = _names_with_role(text, words[1], lo, pos)
    found = before | after
    people = set()
    for f in found:
        got = _person_in(f)
        if got:
            people.add(got[0])
    if len(people) != 1:
        return None
    return people.pop()


def _is_body_speaker(p: Statement) -> bool:
    """A statement whose speaker is a named body: an organisation's name, or a name that
    speaks of itself as "it" ("Harbor Foods said it expected ...")."""
    if not p.speaker_name or not p.speaker_name[:1].isupper():
        return False
    its = p.speaker_role is None and re.match(r"(?:that\s+)?(?:it|its)\b", p.text)
    return bool(p.speaker_type == "organization" and (
        _org_marked(p.speaker_name) or _description_head(_strip_opener(
            p.speaker or "")) is not None) or its and (
        p.speaker_name.split()[0].lower() not in _first_names()
        and len(p.speaker_name.split()) > 1 or p.speaker_type == "organization"))


_HONORIFIC_START = re.compile(r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Sen|Rep|Gov|Prof)\b")
_HONORIFIC_BEFORE = r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Sen|Rep|Gov|Prof)\.?\s+"


@lru_cache(maxsize=256)
def _head_name_pattern(head: str) -> re.Pattern:
    h = re.escape(head.capitalize())
    return re.compile(r"(?<![\w’'])((?:[A-Z][\w’'&.-]*\s+){0,3}" + h +
                      r"(?:\s+(?:of|for)(?:\s+the)?(?:\s+[A-Z][\w’'&.-]*){1,3})?)(?![\w’'])")


def _named_with_head(text: str, head: str, pos: int) -> Optional[str]:
    """The one capitalised name written before ``pos`` (within the window) that holds the
    head word ("University of Bergen", "Bergen University" for "the university"), else
    None: two such bodies, or one name that only opens a sentence, is no answer."""
    if head.capitalize() not in text:
        return None
    found = set()
    for m in _head_name_pattern(head).finditer(text, max(0, pos - 6000), pos):
        name = m.group(1)
        while name.split()[0] in ("The", "A", "An") or name.split()[0] in _conf.SENTENCE_OPENERS:
            name = name.split(None, 1)[1] if " " in name else ""
            if not name:
                break
        if name and name != head.capitalize():
            found.add(name)
    # a shorter form of the same name ("Bergen University" and "the Bergen University
    # hospital" aside): the longest when every other is inside it
    if not found:
        return None
    longest = max(found, key=len)
    return longest if all(f in longest for f in found) else None


_SIGNATURE = re.compile(r"^[ \t]*(?:[-–—][ \t]*)?(?P<name>[A-Z][\w’'-]+(?:[ \t]+[A-Z]\.)?"
                        r"(?:[ \t]+[A-Z][\w’'-]+){1,2})(?:,[ \t]*[A-Z][\w .’'-]{1,40})?\.?[ \t]*$")
_BYLINE = re.compile(r"^[ \t]*By[ \t]+(?P<name>[A-Z][\w’'-]+(?:[ \t]+[A-Z]\.)?"
                     r"(?:[ \t]+[A-Z][\w’'-]+){1,2})[ \t]*(?:,.*)?$", re.MULTILINE)


# what may stand between "I" and its cue ("I had said", "I then explained"); anything else
# ("I hear someone saying") makes another the speaker
_AUX_BETWEEN = frozenset("had have also then just once never later again always".split())


def _clause_start(text: str, pos: int) -> int:
    """The start of the sentence holding ``pos`` (after ". ", a line break)."""
    a = max(text.rfind(". ", 0, pos) + 2, _rfind_nl(text, pos) + 1, 0)
    while a < pos and text[a] in " “\"":
        a += 1
    return a


def _author(text: str, pos: int) -> Optional[str]:
    """The writer of the words at ``pos``: the first signature line after them ("Kim Gump,
    Dallas" closing a letter; each of a page of reader comments is signed below it), else a
    byline ("By Kim Gump") in the report's first lines; None when none reads as a name."""
    starts, names = _signatures(text)
    k = bisect.bisect_left(starts, pos)
    if k < len(starts):
        return names[k]  # (None: the next line that signs is no name we can read)
    m = _BYLINE.search(text, 0, 600)
    if m is None:
        return None
    got = _person_in(m.group("name"))
    return got[0] if got and not _org_marked(m.group("name")) else None


@lru_cache(maxsize=4)
def _signatures(text: str) -> tuple[list[int], list[Optional[str]]]:
    """The lines of the report that are only a person's name (and a place): signatures."""
    starts: list[int] = []
    names: list[Optional[str]] = []
    pos = 0
    for line in text.split("\n"):
        if 3 < len(line) < 80 and line.strip()[:1].isupper() and _SIGNS.match(line):
            m = _SIGNATURE.match(line)
            got = _person_in(m.group("name")) if m else None
            ok = got and not _org_marked(m.group("name")) and got[0] == m.group("name")
            starts.append(pos)
            names.append(got[0] if ok else None)
        pos += len(line) + 1
    return starts, names


# a line of two to four capitalised words (and a place) alone: it signs what is above it
_SIGNS = re.compile(r"[ \t]*(?:[-–—][ \t]*)?[A-Z][\w’'.-]+(?:[ \t]+[A-Z][\w’'.-]+){1,3}"
                    r"(?:,[ \t]*[A-Z][\w .’'-]{1,40})?\.?[ \t]*$")


def _modifier_only(sp: str, name: str) -> bool:
    """The one capitalised word ``name`` only modifies a lower-case head noun after it in the
    speaker span ("The French minister of environment"), with no other name in the span."""
    words = sp.split()
    if name not in words:
        return False
    k = words.index(name)
    rest = words[k + 1:]
    cut = next((i for i, w in enumerate(rest) if w.lower() in _POST_HEAD), len(rest))
    h = rest[cut - 1].lower() if cut else ""  # the head noun: "Chinese military commentators"
    return bool(rest) and rest[0][:1].islower() and rest[0].isalpha() and \
        _head_can_speak(h) and h not in _DOC_DESC and h not in _ORG_NOUNS and \
        h not in _ORG_DESC and h not in _THINGS and \
        not any(w[:1].isupper() for w in rest) and \
        (k == 0 or words[k - 1].lower() in ("the", "a", "an"))


# heads that "can speak" as documents or media, whose capitalised modifier is their author
# ("Crowdpac data", "Growth ad"): not people described by an adjective
_THINGS = frozenset("""data ad ads media site video footage figures averages account accounts
release releases letter memo filing lawsuit complaint ruling order decision document documents
statement statements remarks""".split())


def _bodies_named(text: str, a: int, pos: int, own: frozenset = frozenset()):
    """(name, introduced) for each body named in ``text[a:pos]``, in order: a name the report
    introduces by what it is ("shipping group Maersk", "carmaker Toyota": introduced), an
    organisation's name, or a capitalised word the report writes again and again and never as
    a surname ("Pixelon shares fell"). Names whose first word is in ``own`` are skipped."""
    for m in _CAP_RUN.finditer(text, a, pos):
        other = m.group(0).strip()
        words = other.split()
        if not words or words[0] in own or words[0] in _conf.SENTENCE_OPENERS or \
                words[0].lower() in _conf.SENTENCE_OPENERS or words[0] in _TITLE_WORDS_CAP:
            continue
        before = _WORD_BEFORE.search(text, max(a, m.start() - 30), m.start())
        if before and (before.group(1) in _COMPANY_DESC or before.group(1).endswith("maker")) \
                and words[0].lower() not in _first_names():
            yield other, True
        elif _org_marked(other) and not _DIGIT.search(other) or len(words) == 1 and \
                _body_like_word(text, words[0]):
            yield other, False


def _other_body_between(text: str, p: Statement, pos: int) -> bool:
    """Another body than ``p``'s speaker is named between ``p`` and ``pos`` (the last 3,000
    characters at most)."""
    a = max(p.content_end, p.speaker_end or 0, pos - 3000)
    own = frozenset(p.speaker_name.split()) | frozenset((p.speaker or "").split())
    return next(_bodies_named(text, a, pos, own), None) is not None


def _other_body_before(text: str, p: Statement) -> bool:
    """Another body than ``p``'s speaker is named in ``p``'s paragraph before it."""
    b = min(x for x in (p.speaker_start, p.content_start) if x is not None)
    a = _rfind_nl(text, b) + 1
    dateline = _DATELINE.match(text, a, b)  # ("SAN JOSE, Calif. (Reuters) - ": the outlet's)
    if dateline is not None:
        a = dateline.end()
    own = frozenset(p.speaker_name.split()) | frozenset((p.speaker or "").split())
    return next(_bodies_named(text, a, b, own), None) is not None


_WORD_BEFORE = re.compile(r"\b([a-z]+)\s+$")
# a body introduced by what it is: "shipping group Maersk", "carmaker Toyota" (group 1: the name)
_COMPANY_INTRO = re.compile(r"\b(?:" + "|".join(sorted(_COMPANY_DESC)) + r"|[a-z]+maker)\s+([A-Z])")


def _introduced_body(text: str, a: int, pos: int) -> Optional[str]:
    """The body named last between ``a`` and ``pos`` (the last 3,000 characters at most),
    when the report introduced it by what it is ("shares of shipping group Maersk fell after
    the company warned ...": Maersk); None when another body is named after it."""
    intro = None
    for intro in _COMPANY_INTRO.finditer(text, max(a, pos - 3000), pos):
        pass  # (most reports introduce no body so: one scan in C, then nothing to do)
    if intro is None:
        return None
    last = None
    for name, introduced in _bodies_named(text, intro.start(), pos):
        if introduced:
            last = name
        elif name != last:
            last = None  # another body after it: no guess
    return last


@lru_cache(maxsize=1024)
def _body_like_word(text: str, word: str) -> bool:
    """A capitalised word written at least twice, never in lower case, never after another
    capitalised word or an honorific, and no first name: a body's name ("Pixelon")."""
    if len(word) < 3 or word.lower() in _first_names() or not word.isalpha() or \
            word in _conf.SENTENCE_OPENERS:
        return False  # ("The", "These": a short report may never write them in lower case)
    w = re.escape(word)
    if len(re.findall(r"(?<![\w’'-])" + w + r"(?![\w’'-])", text)) < 2 or \
            re.search(r"(?<![\w’'-])" + re.escape(word.lower()) + r"(?![\w’'-])", text) or \
            re.search(r"(?:[A-Z][\w’'-]+\s+|" + _HONORIFIC_BEFORE + r")" + w + r"(?![\w’'])",
                      text):
        return False
    for m in re.finditer(r"(?<![\w’'])" + w + r",\s+((?:[\w’'-]+\s+){0,4}[\w’'-]+)", text):
        if any(x.lower() in _conf.SPEAKING_HEADS and x.lower() not in _COMPANY_DESC and
               x.lower() not in _ORG_DESC for x in m.group(1).split()):
            return False  # "Soelistyo, head of the rescue agency": a person
    return not re.search(r"(?<![\w’'])" + w + r"\s+(?:\w+\s+){0,2}(?:said|says|told)\s+"
                         r"(?:that\s+)?(?:he|she)\b", text)


def _lone_body(text: str, p: Statement, prev: list[Statement]) -> bool:
    """A speaker named by one capitalised word that reads as a body, not a person (not a
    description such as "club": "the club said ... The airline said" is no airline): no
    first name, never written after another capitalised word ("Jane Acme") or an honorific,
    and its statement does not speak of "he" or "she" ("Acme said it ...", "Ofcom said")."""
    name = p.speaker_name or ""
    if p.speaker_type not in ("person", "organization") or len(name.split()) != 1 or \
            not name[:1].isupper() or \
            p.speaker_role or name.lower() in _first_names() or (
            p.speaker or "").strip().lower() in _conf.PRONOUNS:
        return False
    if any(q.speaker_name == name and q.speaker_role for q in prev[-200:]):
        return False  # "Soelistyo, head of the agency, told ...": a person with a role
    pos = p.speaker_start if p.speaker_start is not None else p.content_start
    if _written_as_person(text, name, pos // _BUCKET):
        return False
    return not re.match(r"(?:that\s+)?(?:he|she|his|her)\b", p.text)


_BUCKET = 10_000  # the look-around of a speaker's name: its bucket of text and the next


@lru_cache(maxsize=1024)
def _written_as_person(text: str, name: str, bucket: int) -> bool:
    """``name`` is written after another capitalised word or an honorific ("Jane Acme", "Ms
    Acme"), or with an appositive holding a person's role ("X, head of ..."), near the
    bucket (once per report, name and bucket: a long report stays linear)."""
    lo, hi = max(0, (bucket - 1) * _BUCKET), (bucket + 2) * _BUCKET
    bare = re.escape(name.rstrip("?!"))
    if re.compile(r"(?:[A-Z][\w’'-]+\s+|" + _HONORIFIC_BEFORE + r")" + bare +
                  r"(?![\w’'])").search(text, lo, hi):
        return True
    for m in re.compile(r"(?<![\w’'])" + bare + r",\s+((?:[\w’'-]+\s+){0,4}[\w’'-]+)"
                        ).finditer(text, lo, hi):
        if any(w.lower() in _conf.SPEAKING_HEADS and w.lower() not in _COMPANY_DESC and
               w.lower() not in _ORG_DESC for w in m.group(1).split()):
            return True
    return False


@lru_cache(maxsize=1024)
def _one_word_body(text: str, word: str, bucket: int) -> bool:
    """ "Nvidia reported record revenue. ... The company said": a single capitalised word
    opening a sentence is a body's name only when the report also writes it capitalised
    inside a sentence ("shares of Nvidia"), never in lower case, never after another
    capitalised word or an honorific, and it is no first name or sentence word."""
    if " " in word or not word[:1].isupper() or word.lower() in _first_names() or \
            word in _conf.SENTENCE_OPENERS or word.lower() in _conf.SENTENCE_OPENERS or \
            word.lower() in _conf.PRONOUNS or len(word) < 3:
        return False
    w = re.escape(word)
    lo, hi = max(0, (bucket - 1) * _BUCKET), (bucket + 2) * _BUCKET  # (near it: linear)
    if re.compile(r"(?<![\w’'-])" + re.escape(word.lower()) + r"(?![\w’'-])").search(
            text, lo, hi) or re.compile(r"(?:[A-Z][\w’'-]+\s+|" + _HONORIFIC_BEFORE + r")" +
                                        w + r"(?![\w’'])").search(text, lo, hi):
        return False
    return bool(re.compile(r"(?<=[a-z,]\s)" + w + r"(?![\w’'-])").search(text, lo, hi))


def _one_body_later(text: str, pos: int, later: list[Statement]) -> Optional[str]:
    """The one named body that speaks later in the report and is already named before
    ``pos`` ("Shares in Harbor Foods fell ... The company said ... Harbor Foods said it
    expected ..."): with two such bodies, no guess."""
    names = {p.speaker_name for p in later if p.speaker_start is not None
             and p.speaker_start > pos and _is_body_speaker(p)}
    names = {n for n in names if re.search(r"(?<![\w’'])" + re.escape(n) + r"(?![\w’'])",
                                          text[:pos])}
    if len(names) != 1:
        return None
    name = names.pop()
    last = None
    for last in re.finditer(r"(?<![\w’'])" + re.escape(name) + r"(?![\w’'])", text[:pos]):
        pass
    # another name in between ("... a drop in the oil giant Exxon Mobil. The company
    # reported ..."): the description may be that one, no guess
    for m in _CAP_RUN.finditer(text, last.end(), pos):
        other = m.group(0).strip()
        words = other.split()
        if other != name and (_org_marked(other) or len(words) > 1 and words[0].lower()
                              not in _first_names()):
            return None
    return name


def _describe_org(text: str, st: Statement, prev: list[Statement],
                  later: Optional[list[Statement]] = None) -> Optional[str]:
    sp = _strip_opener(st.speaker or "")
    head = _description_head(sp)
    if head is None:
        return None
    if head.endswith("maker") and head[:-5] in _MADE_GOODS:
        head = "maker"  # "the carmaker", "the drugmaker": a maker of goods, a company (not
        # "the lawmaker", "the filmmaker": people)
    pos = st.speaker_start or st.content_start
    if head in _DOC_DESC:
        pat = re.compile(r"\b" + head + r"\b[^.\n]{0,80}?\b(?:by|from)\s+(?:the\s+)?"
                         r"((?:[A-Z][\w’'&.-]*(?:\s+(?:of|on|for|and)?\s*)?){1,9})")
        best = None
        for m in pat.finditer(text, max(0, pos - 3000), pos):
            best = m.group(1).strip()
        if best and not best.endswith(("’s", "'s")):
            # (not "a report from the FDIC's inspector general": the name's owner only)
            return best
        return None
    if head not in _ORG_DESC:
        return None
    # an apposition named it: "said the company, Snapix, had failed ..." (the last one)
    best = None
    for m in re.finditer(r"\b(?:the|a|an)\s+(?:[a-z-]+\s+)?" + re.escape(head) +
                         r",\s+([A-Z][\w’'&.-]*(?:\s+[A-Z][\w’'&.-]*){0,3}),",
                         text[max(0, pos - 3000):pos]):
        best = m.group(1)
    if best and not _person_in(best):
        return best
    company = head in _COMPANY_DESC
    # a business ("the company", "the airline"), not "the group" (a foundation may be one)
    firm = company and head not in ("group", "charity", "nonprofit")
    for p in reversed(prev[-50:]):
        if not p.speaker_name or not p.speaker_name[:1].isupper():
            continue
        if firm and p.speaker_name.split()[-1] in _NON_COMPANY_HEADS:
            continue  # "the company" is no "Lupus Research Association"
        described = head in (p.speaker or "").split() and p.speaker_type != "person" and \
            head not in p.speaker_name.lower().split()
        if described or company and _lone_body(text, p, prev):
            # "Energy company Northgrid said ... The company said": the one described so
            # (the word in lower case, beside the name); a body named by one word ("Acme
            # said"), when no other such speaker came before
            if described and not (company and _other_body_between(text, p, pos)):
                return p.speaker_name
            if _other_body_between(text, p, pos):
                # "OPEC said ... Shares of shipping group Maersk fell after the company
                # warned": another body came since, the company only if introduced as one
                return _introduced_body(text, max(p.content_end, p.speaker_end or 0), pos)
            lone = {q.speaker_name for q in prev[-50:] if _lone_body(text, q, prev)}
            return lone.pop() if len(lone) == 1 else None
        if not company and (head not in p.speaker_name.lower().split() or not all(
                w.lower() in p.speaker_name.lower() for w in sp.split()[1:-1])):
            # "the court" is a court's name only ("the Supreme Court"); "the machinists
            # union" is no "Service Employees International Union"
            continue
        if _is_body_speaker(p):
            if company and _other_body_between(text, p, pos):
                # "Rival Orion said ... Pixelon shares fell. The firm said": no guess, unless
                # the report introduced that one body as a company ("carmaker Pixelon")
                return _introduced_body(text, max(p.content_end, p.speaker_end or 0), pos)
            if company and _other_body_before(text, p):
                return None  # "Acme Corp reported record profits. Its rival, Zenith Ltd, said
                # ... The company said": two companies in play, no guess
            return p.speaker_name  # a body: an organisation's name, or it speaks of "it"
    if not company:
        # "the university" after "the University of Bergen": the one body of the report
        # whose name holds the head word (and the description's other words: "the drafting
        # committee" is no "Platform Committee"); else the resolver's description stands
        if head not in _NAMED_BY_HEAD:
            return None
        got = _named_with_head(text, head, pos)
        mods = [w.lower() for w in sp.split()[1:-1]]
        if got and all(w in got.lower() for w in mods):
            return got
        return None
    got = _one_body_later(text, pos, later or []) or _introduced_body(text, 0, pos)
    if got:
        return got
    # "Acme said ... The company said": the one speaker named by a single word that reads as
    # a body (two such speakers: no guess)
    lone = {p.speaker_name for p in prev[-50:] if _lone_body(text, p, prev)}
    if len(lone) == 1:
        return lone.pop()
    # the name that opens this sentence or the one before ("Norland Freight earned ...,
    # the company announced"), when its first word is no first name
    ls = max(_rfind_nl(text, pos), text.rfind(". ", 0, pos)) + 1
    k = len(text[max(0, ls - 200):ls].rstrip()) + max(0, ls - 200)  # (past a blank line)
    for a in (ls, max(_rfind_nl(text, k), text.rfind(". ", 0, k - 1)) + 1):
        m = re.match(r"\s*((?:[A-Z][\w’'&.-]*\s+){0,3}[A-Z][\w’'&.-]*)(?=\s+[a-z])",
                     text[a:pos])
        if m and (m.group(1).endswith(("’s", "'s")) or
                  written_in_lower_case(text, m.group(1).split()[0].lower())):
            # "Experimental Alzheimer's drug slows ...": an owner of what the sentence is
            # about, opened by a word the report writes in lower case: no body's name
            continue
        if m and len(m.group(1).split()) > 1 and m.group(1).split()[0] not in \
                _conf.SENTENCE_OPENERS and m.group(1).split()[0].lower() not in \
                _first_names() or m and _org_marked(m.group(1)) or m and \
                (_one_word_body(text, m.group(1), pos // _BUCKET) or
                 _body_like_word(text, m.group(1))):
            if not firm or m.group(1).split()[-1] not in _NON_COMPANY_HEADS:
                return m.group(1)
    # else the company the report names most (twice at least)
    mentions = [(p, n) for p, n in _org_mentions(text, pos)
                if not firm or n.split()[-1] not in _NON_COMPANY_HEADS]
    if not mentions:
        return None
    counts: dict[str, int] = {}
    for _, n in mentions:
        counts[n] = counts.get(n, 0) + 1
    last_pos = {n: p for p, n in mentions}
    best = max(counts, key=lambda n: (counts[n], last_pos[n]))
    if counts[best] < 2 and (not firm or not _ORG_WORD.search(best) and not (
            len(counts) == 1 and _FIRM_AMPERSAND.search(best))):
        return None  # one CamelCase word met once (a handle, a product): no guess (a firm's
        # "X & Y", the only body the report names so far, is one); "the group" is no body
        # named once in passing ("Neither the White House nor ... In a video, the group said")
    return best


_HELD_BY = re.compile(
    r"(?P<who>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w.-]*|its|their|his|her)(?:’s|'s)?\s+"
    r"(?:\w+\s+)?(?P<noun>position|view|claim|stance|belief|assertion|argument|contention|"
    r"demand|insistence|pledge|promise|assurance|warning)\s+that\s*$")


def _held_by_another(text: str, st: Statement) -> Optional[Statement]:
    """"X would not affirm Y's position that Z": Z is Y's position, not something X said.
    Returns the statement re-attributed to Y (cue: the noun), or the statement unchanged
    (not this construction); None when Y is no name (the statement goes)."""
    if st.cue_end is None or st.content_start - st.cue_end > 120 or st.content_start <= st.cue_end:
        return st
    gap = text[st.cue_end:st.content_start]
    if not gap.strip():
        return st
    m = _HELD_BY.search(text, st.cue_end, st.content_start + 5 if text[
        st.content_start:st.content_start + 4] == "that" else st.content_start)
    if m is None:
        return st
    who_ = m.group("who")
    if who_[:1].islower():
        return None
    name = _person_in(who_)
    return replace(st, speaker=who_, speaker_start=m.start("who"),
                   speaker_end=m.start("who") + len(who_),
                   speaker_name=name[0] if name else who_,
                   speaker_type="person" if name else "organization", speaker_role=None,
                   cue=m.group("noun"), cue_start=m.start("noun"), cue_end=m.end("noun"))


def _other_sense(text: str, st: Statement) -> bool:
    """A cue word used in another sense than saying."""
    lem = _conf.lemma(st.cue)
    if st.cue_end is not None and st.kind != "direct":
        gap = text[st.cue_end:st.content_start]
        after = text[st.cue_end:st.cue_end + 40]
        if re.match(r"(?:add|charg|report|post|record|show|count|claim|cit|estimat|maintain|"
                    r"declin|confirm|endors)",
                    (st.cue or "").lower()) and _NUMBERISH.match(after) and "that" not in gap:
            return True
    if st.cue_start is not None and lem in ("support", "lead", "back"):
        before = text[max(0, st.cue_start - 12):st.cue_start].lower()
        if re.search(r"\b(?:best|the|a|an|top)\s+$", before):
            return True
    if st.speaker is None and lem == "expect":
        return True
    if lem == "call" and re.search(r"\binto question\b", st.text):
        return True
    if lem == "add" and st.cue_end is not None and st.kind != "direct" and re.match(
            r"\s+to\s+(?!reporters\b|journalists\b)(?:the\s+)?[a-z]+",
            text[st.cue_end:st.content_start]):
        return True  # "adding to evidence that ...", "adds to fears that ...": not saying
    if lem in _OBJECT_SENSE and st.kind == "indirect" and st.cue_end is not None and \
            st.content_start >= st.cue_end and _is_bare_object(st.text):
        return True  # "charged three men with burglary", "assumed a defensive stance"
    return False


# cue verbs whose object is, in another sense, a thing ("charged three men", "assumed a
# stance", "reported income", "added 400 stores"): as cues they take a clause
# (as ``confidence.lemma`` writes them: "charged" -> "charg")
_OBJECT_SENSE = frozenset("charg charge assum assume report add post record".split())
_CLAUSE_MARK = re.compile(r"^(?:that|whether|if|how|why|what|when|where|who)\b|[“\"]",
                          re.IGNORECASE)


def _is_bare_object(content: str) -> bool:
    """A noun phrase with no verb of its own: no clause marker, no finite verb."""
    if _CLAUSE_MARK.search(content):
        return False
    words = re.findall(r"[\w’']+", content.lower())
    return not any(w in _FINITE or w.endswith("n’t") or w.endswith("n't") for w in words)


def _quote_paragraphs(text: str, sts: list[Statement], body_start: int) -> list[tuple[int, int]]:
    """Spans of paragraphs that are only a quotation and hold no attributed statement."""
    out = []
    pos = body_start
    covered = _Spans((s.content_start, s.content_end) for s in sts if s.kind != "claim")
    for line in text[body_start:].split("\n"):
        a = pos + len(line) - len(line.lstrip())
        b = pos + len(line.rstrip())
        pos += len(line) + 1
        seg = text[a:b]
        if len(seg) < 8 or seg[0] not in "“\"":
            continue
        body = seg.rstrip(".")
        if body[-1:] in "”\"":
            inner = body[1:-1]
        elif seg[0] == "“" and "”" not in seg and "“" not in seg[1:] or \
                seg[0] == '"' and seg.count('"') == 1:
            # a quotation running on into the next paragraph: newsrooms open each of its
            # paragraphs with a mark and close only the last
            inner = ""
        else:
            continue
        if "“" in inner or "”" in inner or inner.count('"'):
            continue
        if covered.overlaps(a, b):
            continue
        out.append((a, b))
    return out


_WORDS_OF_TWO = re.compile(r"[A-Za-z]{2,}")
_PAPER_HEADS = frozenset(load("research_sources")) | _DOC_DESC | _THINGS | {"postings"}
_COMMON_VERB_FORMS = frozenset(load("common_verbs"))


def _quotes_on(name: str) -> bool:
    """An unnamed speaker whose quotation may run on into the next paragraph: people
    described in a few words ("a senior official", "his supporters"), not a document or
    a poll (they are not quoted at length) nor a phrase the resolver cut badly."""
    words = name.split()
    head = words[-1].lower()
    return len(words) <= 4 and _head_can_speak(head) and head not in _PAPER_HEADS and \
        head.rstrip("s") not in _PAPER_HEADS and " of " not in f" {name} " and \
        words[0].lower() not in _COMMON_VERB_FORMS


def _continuations(report: Report, sts: list[Statement]) -> list[Statement]:
    text = report.text
    att = sorted((s for s in sts if s.kind != "claim"), key=lambda s: s.content_start)
    starts = [s.content_start for s in att]
    out = []
    for a, b in _quote_paragraphs(text, sts, report.body_start or 0):
        k = bisect.bisect_left(starts, a) - 1
        while k >= 0 and att[k].content_end > a:
            k -= 1
        prev = att[k] if k >= 0 else None
        if out and (prev is None or out[-1].content_end > prev.content_end):
            prev = out[-1]  # the paragraph before was a quotation run on: one speaker
        if prev is None or not prev.speaker_name or prev.kind == "claim":
            continue
        # the previous statement's paragraph must end right before this one (blank lines
        # between paragraphs allowed)
        between = text[prev.content_end:a]
        if "\n" not in between or between[between.index("\n"):].strip() or \
                prev.speaker_type not in ("person", "anonymous"):
            continue
        if prev.speaker_type == "anonymous" and not _quotes_on(prev.speaker_name):
            continue  # a doubtful description ("47 percent", "new poll"): not carried over
        if len(_WORDS_OF_TWO.findall(text, a, b)) < 4:
            continue  # "(CROSSTALK.)": no statement
        from claims.extraction.pipeline import statement_id
        end = b if text[b - 1] in "”\"" else b - 1 if text[b - 2:b - 1] in "”\"" else b
        sid = statement_id(report.id, "direct", [(a, end)])
        out.append(replace(prev, id=sid, kind="direct", text=text[a:end], content_start=a,
                           content_end=end, content_spans=None, cue=None, cue_start=None,
                           cue_end=None, sentence=text[a:b],
                           paragraph=prev.paragraph + 1,
                           checkworthiness=prev.checkworthiness,
                           check_reasons=list(prev.check_reasons)))
    return out


_AS_STATES_START = r"(?:^|(?<=[.!?”\"]\s))As"  # at a line or sentence start (readable form)
# The pattern opens with its first letter and checks the start behind it (same matches,
# tests/test_fast_patterns.py): the engine skips to the next "A" instead of trying the
# assertions at every character (the scan cost ~1.5% of extraction).
_AS_STATES_REST = (
    r"\s+(?P<spk>(?:the|its|their)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?|"
    r"[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3})\s+(?P<cue>states|stated|says|said|notes|noted|"
    r"puts it|put it|writes|wrote|explains|explained|argues|argued|warns|warned)"
    # a short adverbial of time or place before the comma ("put it on Tuesday,")
    r"(?P<adv>\s+(?:on|in|at|last|this|earlier|later)\b[^,:;.“”\"\n]{1,30})?\s*[:,]\s*"
    r"(?P<c>“[^“”\n]+”|\"[^\"\n]+\"|[^\n“”\"]+?[.!?](?=\s|$))")
_AS_STATES = re.compile(r"A(?:(?<=^A)|(?<=[.!?”\"]\sA))s" + _AS_STATES_REST, re.MULTILINE)
# the lookbehind after the opening mark (same matches): the engine then skips to a "“"
_QUOTE_SENTENCE = re.compile(r"(?P<q>“(?<=[.!?]\s“)[^“”\n]{8,}[.!?]”|"
                             r"\"(?<=[.!?]\s\")[^\"“”\n]{8,}[.!?]\")(?=\s|$)")  # (or straight quotes)


def _as_states(report: Report, sts: list[Statement], reg: "_Registry",
               done: list[Statement]) -> list[Statement]:
    """"As the report states: “...”" / "As Ms. Ruiz put it, ..." -> statements."""
    text = report.text
    out: list[Statement] = []
    if "As" not in text:  # most reports: no search at all
        return out
    spans = _Spans((s.content_start, s.content_end) for s in sts if s.kind != "claim")
    for m in _AS_STATES.finditer(text, report.body_start or 0):
        a, e = m.start("c"), m.end("c")
        if spans.overlaps(a, e):
            continue
        spk = m.group("spk")
        got = _person_in(spk)
        probe = replace(done[0], speaker=spk, speaker_start=m.start("spk"), content_start=a) \
            if done else None
        desc = _describe_org(text, probe, done) if probe is not None and not got else None
        if got:
            name, stype = reg.full_name(got[0]) or got[0], "person"
        elif desc:
            name, stype = desc, "organization"
        elif spk[:1].isupper():
            name, stype = spk, "organization"
        else:
            name, stype = _DET.sub("", spk), "anonymous"
        kind = "direct" if text[a] in "“\"" else "indirect"
        out.append(_added(
            report, kind, a, e, speaker=spk, speaker_start=m.start("spk"),
            speaker_end=m.end("spk"), speaker_name=name, speaker_type=stype,
            cue=m.group("cue"), cue_start=m.start("cue"), cue_end=m.end("cue"),
            sentence=text[m.start():e]))
    return out


def _quote_after_subject(report: Report, sts: list[Statement], reg: "_Registry") -> list[Statement]:
    """A sentence that is only a quotation, after a sentence of the same paragraph whose
    subject is a person ("Ann Bo, the head of X, once put it bluntly. “...”"): hers."""
    text = report.text
    spans = _Spans((s.content_start, s.content_end) for s in sts if s.kind != "claim")
    out = []
    for m in _QUOTE_SENTENCE.finditer(text, report.body_start or 0):
        a, e = m.span("q")
        if spans.overlaps(a, e):
            continue
        ls = _rfind_nl(text, a) + 1
        prev = text[ls:a]
        if "“" in prev or "”" in prev or '"' in prev:
            continue
        head = re.match(r"([A-Z][^,.;:“”\"]{2,60}?)(?:,|\s+(?=[a-z]))", prev)
        got = _person_in(head.group(1)) if head else None
        if not got:
            continue
        name = reg.full_name(got[0]) or got[0]
        ns = ls + head.start(1)
        out.append(_added(
            report, "direct", a, e, speaker=head.group(1), speaker_start=ns,
            speaker_end=ns + len(head.group(1)), speaker_name=name, speaker_type="person",
            cue=None, cue_start=None, cue_end=None, sentence=text[ls:e]))
        spans.add(a, e)
    return out


_NAME_RX = (r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Prof)\.\s+)?(?:[A-Z][\w’'-]+|[A-Z]\.)"
            r"(?:\s+(?:[A-Z][\w’'-]+|[A-Z]\.)){0,3}")
_ORPHAN = re.compile(
    r"(?:“(?P<q>[^“”\n]{2,}?[,?!])”|\"(?<![\w\"]\")(?P<qa>[^\"\n]{2,}?[,?!])\")"
    r"\s+(?:(?P<v1>[a-z]{3,})\s+(?P<n1>" + _NAME_RX + r"|he|she)"
    r"|(?P<n2>" + _NAME_RX + r"|He|She|he|she)\s+(?P<v2>[a-z]{3,}))(?=[\s,.;])")
_NOT_SPEECH_AFTER_QUOTE = frozenset("""
and but or of to in on at for with from by as the a an is was are were has have had will
would can could may might must should that this these those who which what when where while
""".split())


def _orphan_quotes(report: Report, sts: list[Statement], reg: "_Registry") -> list[Statement]:
    """A quotation closed by a comma (or ?/!) and followed by a name and a verb, or a verb
    and a name ("“Stay calm,” urged Ivo Penn.") that no statement covers yet."""
    from claims.extraction.pipeline import statement_id
    text = report.text
    att = sorted((s for s in sts if s.kind != "claim"), key=lambda s: s.content_start)
    spans = _Spans((s.content_start, s.content_end) for s in att)
    out = []
    body = report.body_start or 0  # (_ORPHAN.finditer, tried at the quote marks only)
    for m in finditer_at(_ORPHAN, text, char_positions(text, "“\"", body), body):
        q = "q" if m.group("q") is not None else "qa"
        a, b = m.start(), m.start(q) + len(m.group(q)) + 1
        if spans.overlaps(a, b):
            continue
        verb = m.group("v1") or m.group("v2")
        who_ = m.group("n1") or m.group("n2")
        if verb in _NOT_SPEECH_AFTER_QUOTE or not (verb.endswith("ed") or verb in (
                "said", "says", "told", "tells", "wrote", "writes", "asks", "adds", "says")):
            continue
        ns = m.start("n1") if m.group("n1") else m.start("n2")
        cs = m.start("v1") if m.group("v1") else m.start("v2")
        if who_.lower() in ("he", "she"):
            prev = [s for s in att if s.content_end <= a and s.speaker_type == "person"
                    and s.speaker_name]
            if not prev:
                continue
            name, role = prev[-1].speaker_name, prev[-1].speaker_role
        else:
            got = _person_in(who_)
            if got is None:
                continue
            name = reg.full_name(got[0]) or got[0]
            role = None
        par = _paragraph_no(text, report.body_start or 0, a)
        sid = statement_id(report.id, "direct", [(a, b)])
        ss = _rfind_nl(text, a) + 1
        se = text.find("\n", b)
        se = len(text) if se < 0 else se
        out.append(_added(
            report, "direct", a, b, sid=sid, speaker=who_, speaker_start=ns,
            speaker_end=ns + len(who_), speaker_name=name, speaker_type="person",
            speaker_role=role, cue=verb, cue_start=cs, cue_end=cs + len(verb),
            sentence=text[ss:se], paragraph=par))
        spans.add(a, b)
    return out


# a line that is a quotation signed with a dash and a name: "“We need jobs.” ― Ana Ruiz"
# (reader comments, vox pops, epigraphs); the name is 2-5 capitalised words and ends the line
_SIGNED = re.compile(
    r"^[ \t\xa0]*(?P<q>[“”\"][^\n]{10,}?[.?!…][”\"])[ \t\xa0]*"
    r"(?P<dash>[―—]|--)[ \t\xa0]*"
    r"(?P<who>[A-Z][\w’'.-]*(?:[ \t][A-Z][\w’'.-]*){1,4}?)\.?[ \t\xa0]*$", re.MULTILINE)


# a headline signed with a colon and a surname: "India needs reforms in banking: Jaitley"
# (found from the colon: a scan from every line's start cost ~2% of extraction)
_COLON_SIGNED = re.compile(
    r":[ \t\xa0]*(?P<who>[A-Z][\w’'-]+(?:[ \t][A-Z][\w’'-]+){0,2})[ \t\xa0]*$", re.MULTILINE)


def _colon_signed(report: Report, sts: list[Statement], reg: "_Registry") -> list[Statement]:
    """Lines that end with a colon and a name and hold no statement yet ("India needs
    reforms in banking sector, more autonomy for state banks: Jaitley", the way wire and
    Indian outlets title what someone said): the name's statement, only when the report
    names that person in full elsewhere (else no guess)."""
    text = report.text
    if ":" not in text:
        return []
    spans = _Spans((s.content_start, s.content_end) for s in sts if s.kind != "claim")
    out = []
    for m in _COLON_SIGNED.finditer(text, report.body_start or 0):
        ls = _rfind_nl(text, m.start()) + 1
        line = text[ls:m.start()]
        a = ls + len(line) - len(line.lstrip(" \t\xa0"))
        b = ls + len(line.rstrip(" \t\xa0"))
        if not 20 <= b - a <= 240 or ":" in text[a:b]:
            continue
        who_ = m.group("who")
        if spans.overlaps(a, b) or len(text[a:b].split()) < 4 or text[a:b].rstrip()[-1:] in ".?!":
            continue
        full = reg.full_name(who_)
        if not full or full == who_:
            continue  # no one the report names in full: a label, a place, a byline
        kind = "direct" if text[a] in "“\"‘" else "indirect"
        out.append(_added(
            report, kind, a, b, speaker=who_, speaker_start=m.start("who"),
            speaker_end=m.end("who"), speaker_name=full, speaker_type="person", cue=":",
            cue_start=b, cue_end=m.start("who"), sentence=text[a:m.end()].strip()))
        spans.add(a, b)
    return out


# a headline that opens with a quotation, then a colon and who said it: "‘We will not back
# down’: Zelensky vows to fight on"
_QUOTE_COLON_NAME = re.compile(
    r"^[ \t\xa0]*(?P<q>[“\"‘'][^\n“”\"]{8,200}?[”\"’'])[ \t\xa0]*:[ \t\xa0]*"
    r"(?P<who>[A-Z][\w’'-]+(?:[ \t][A-Z][\w’'-]+){0,2})(?=[ \t\xa0]+[a-z]|[ \t\xa0]*$)",
    re.MULTILINE)


def _quote_colon_headlines(report: Report, sts: list[Statement],
                           reg: "_Registry") -> list[Statement]:
    """A line opening with a quotation, a colon and a name no statement covers yet: the
    quotation is that person's, when the report names the person in full elsewhere."""
    text = report.text
    if ":" not in text:
        return []
    spans = _Spans((s.content_start, s.content_end) for s in sts if s.kind != "claim")
    out = []
    for m in _at_line_starts(_QUOTE_COLON_NAME, text, report.body_start or 0):
        a, b = m.span("q")
        who_ = m.group("who")
        if spans.overlaps(a, b):
            continue
        full = reg.full_name(who_)
        if not full or full == who_:
            continue  # no one the report names in full: a label or a place
        e = text.find("\n", b)
        out.append(_added(
            report, "direct", a, b, speaker=who_, speaker_start=m.start("who"),
            speaker_end=m.end("who"), speaker_name=full, speaker_type="person", cue=":",
            cue_start=b, cue_end=m.start("who"),
            sentence=text[m.start("q"):e if e >= 0 else len(text)].strip()))
        spans.add(a, b)
    return out


# an embedded social-media post as a web page prints it: the post's text, then a line "— Name
# (@handle) March 3, 2025" (the post's author; the date optional)
_POST_SIGNATURE = re.compile(
    r"^[ \t\xa0]*[—―–-]{1,2}[ \t\xa0]*(?P<who>[A-Z][\w’'.-]*(?:[ \t][A-Z][\w’'.-]*){0,4})"
    r"[ \t\xa0]*\(@\w{1,30}\)[^\n]{0,40}$", re.MULTILINE)
_POST_TAIL = re.compile(r"(?:\s*(?:pic\.twitter\.com/\S+|https?://\S+|#\w+|@\w+))+\s*$")


def _embedded_posts(report: Report, sts: list[Statement], reg: "_Registry") -> list[Statement]:
    """The text line right above a "— Name (@handle) date" line, when no statement covers
    it: a post by that name (an embedded tweet)."""
    text = report.text
    body = report.body_start or 0
    if "(@" not in text:
        return []
    spans = _Spans((s.content_start, s.content_end) for s in sts if s.kind != "claim")
    out = []
    for m in _at_line_starts(_POST_SIGNATURE, text, body):
        b = _rfind_nl(text, m.start())  # the end of the line above
        if b <= body:
            continue
        a = _rfind_nl(text, b - 1) + 1
        line = text[a:b]
        tail = _POST_TAIL.search(line)
        e = a + (tail.start() if tail else len(line.rstrip()))
        a += len(line) - len(line.lstrip())
        if e - a < 10 or spans.overlaps(a, e):
            continue
        who_ = m.group("who").rstrip(".")
        org = _org_marked(who_)
        name = who_ if org else (reg.full_name(who_) or who_)
        out.append(_added(
            report, "direct", a, e, speaker=who_, speaker_start=m.start("who"),
            speaker_end=m.start("who") + len(who_), speaker_name=name,
            speaker_type="organization" if org else "person", cue=None, cue_start=None,
            cue_end=None, sentence=text[a:b]))
        spans.add(a, e)
    return out


def _signed_quotes(report: Report, sts: list[Statement], reg: "_Registry") -> list[Statement]:
    """Lines holding only a quotation, a dash and a name ("“...” ― Sonya Herridge") that no
    statement covers yet: the name's quotation."""
    text = report.text
    body = report.body_start or 0
    spans = _Spans((s.content_start, s.content_end) for s in sts if s.kind != "claim")
    out = []
    for m in _at_line_starts(_SIGNED, text, body):
        a, b = m.span("q")
        who_ = m.group("who").rstrip(".")
        if spans.overlaps(a, b) or _DIGIT.search(who_) or who_.split()[0] in _TITLE_WORDS_CAP \
                and len(who_.split()) == 1:
            continue
        org = _org_marked(who_)
        name = who_ if org else (reg.full_name(who_) or who_)
        ss = _rfind_nl(text, a) + 1
        se = text.find("\n", b)
        se = len(text) if se < 0 else se
        cs, ce = m.span("dash")
        out.append(_added(
            report, "direct", a, b, speaker=who_, speaker_start=m.start("who"),
            speaker_end=m.start("who") + len(who_), speaker_name=name,
            speaker_type="organization" if org else "person", cue=m.group("dash"),
            cue_start=cs, cue_end=ce, sentence=text[ss:se]))
        spans.add(a, b)
    return out


_INSERT_CUES = r"(?:say|says|said|argue|argues|argued|note|notes|noted|warn|warns|warned|" \
    r"believe|believes|think|thinks|estimate|estimates|predict|predicts|contend|contends|" \
    r"insist|insists)"
_INSERTED = re.compile(r",\s+(?P<cue>" + _INSERT_CUES + r")\s+(?P<spk>[^,;:“”\"]{2,60}?),\s+"
                       r"(?P<rest>[a-z][^\n]*)")


def _split_inside(text: str, st: Statement) -> Optional[Statement]:
    """"The bridge, say engineers, will carry ...": the speaker is inserted in the content;
    the content is both sides of ", say engineers,"."""
    if st.cue_start is None or _conf.lemma(st.cue) not in (
            "say", "argue", "note", "warn", "believe", "think", "estimate", "predict",
            "contend", "insist"):
        return None
    ss = _rfind_nl(text, st.cue_start) + 1
    for c in (". ", "? ", "! "):
        k = text.rfind(c, ss, st.cue_start)
        if k >= 0:
            ss = max(ss, k + 2)
    m = _INSERTED.match(text, text.rfind(",", ss, st.cue_start))
    if not m or m.start("cue") != st.cue_start:
        return None
    who_ = m.group("spk").strip()
    if not (_person_in(who_) or _head_can_speak(who_.split()[-1])):
        return None
    v = m.group("rest").split()[0].lower()
    if not (v.endswith(("s", "ed")) or v in ("will", "would", "can", "could", "may", "might",
                                              "must", "should", "is", "was", "are", "were")):
        return None
    se = text.find("\n", m.start("rest"))
    se = len(text) if se < 0 else se
    k = re.search(r"[.!?](?:\s|$)", text[m.start("rest"):se])
    e2 = m.start("rest") + k.start() if k else se
    a1, e1 = ss, m.start()
    while a1 < e1 and text[a1] in " “\"":
        a1 += 1
    if e1 - a1 < 2:
        return None
    a2 = m.start("rest")
    spans = [[a1, e1], [a2, e2]]
    return replace(st, speaker=who_, speaker_start=m.start("spk"),
                   speaker_end=m.start("spk") + len(who_), cue=m.group("cue"),
                   cue_end=m.end("cue"),
                   speaker_name=_person_in(who_)[0] if _person_in(who_)
                   else _DET.sub("", who_).strip(),
                   speaker_type="person" if _person_in(who_) else "anonymous",
                   speaker_role=None, content_start=a1, content_end=e2,
                   content_spans=spans, text=text[a1:e1] + " " + text[a2:e2])


_ADDRESS_BEFORE = re.compile(
    r"(?:^|(?<=[.!?”\"]\s)|(?<=\n))[ \t]*(?P<name>[A-Z][\w’'-]+(?:[ \t]+[A-Z][\w’'-]+){1,3}),"
    r"[ \t]+(?:\d{1,3},[ \t]+)?(?:of|from)[ \t]+[^,.;:“”\"\n]{2,60},[ \t]+$")


_NAME_AFTER_DESC = re.compile(
    r",[ \t]+(?P<role>(?:[a-z][\w-]*[ \t]+){0,3})(?P<name>[A-Z][\w’'-]+(?:[ \t]+[A-Z][\w’'.-]+){1,3})"
    r"(?P<of>[ \t]+(?:of|at|from)[ \t]+[^,;:“”\"\n]{2,60})?,[ \t]*$")


def _name_after_description(text: str, st: Statement) -> Statement:
    """ "Her co-author, archaeologist Ben Haldane of UCL, said": the name set off after the
    description is the speaker; the description (and the words before the name) its role."""
    if st.speaker_end is None or st.cue_start is None or st.cue_start <= st.speaker_end or \
            st.cue_start - st.speaker_end > 140 or not (st.speaker or "")[:1] or \
            (st.speaker or "").split()[-1][:1].isupper():
        return st
    m = _NAME_AFTER_DESC.match(text, st.speaker_end, st.cue_start)
    if m is None:
        return st
    got = _person_in(m.group("name"))
    if got is None or _org_marked(m.group("name")):
        return st
    desc = _DET.sub("", st.speaker.strip())
    role = " ".join(x for x in (desc, m.group("role").strip(), (m.group("of") or "").strip()) if x)
    return replace(st, speaker=m.group("name"), speaker_start=m.start("name"),
                   speaker_end=m.end("name"), speaker_name=got[0], speaker_type="person",
                   speaker_role=role or got[1])


_NAME_COMMA_BEFORE = re.compile(
    r"(?:^|(?<=[.!?”\"]\s)|(?<=\n))[ \t]*(?P<name>[A-Z][\w’'-]+(?:[ \t]+[A-Z][\w’'-]+){1,3}),"
    r"[ \t]+$")


def _name_before_address(text: str, st: Statement) -> Statement:
    """ "Darren Fisk, 41, of Halewood Road, Wigan, said": the town that ends the address is
    no speaker; the person before it is (local news and tabloid style)."""
    if st.speaker_start is None or st.speaker_end is None or not (st.speaker or "")[:1].isupper() \
            or len((st.speaker or "").split()) > 6 or text[st.speaker_start - 2:st.speaker_start] != ", ":
        return st
    m = None if len(st.speaker.split()) > 3 else _ADDRESS_BEFORE.search(
        text, max(0, st.speaker_start - 160), st.speaker_start)
    role = None
    if m is None and is_title_word(st.speaker.split()[0]):
        # "Jeff Hale, President of Orbit Worldwide, said": the title is the role
        m = _NAME_COMMA_BEFORE.search(text, max(0, st.speaker_start - 60), st.speaker_start)
        role = st.speaker
    if m is None:
        return st
    got = _person_in(m.group("name"))
    if got is None or _org_marked(m.group("name")):
        return st
    return replace(st, speaker=m.group("name"), speaker_start=m.start("name"),
                   speaker_end=m.end("name"), speaker_name=got[0], speaker_type="person",
                   speaker_role=role or got[1])


def _subject_before_speaker(text: str, st: Statement) -> Statement:
    """ "Her son, she said, had been hospitalized twice": the subject before the inserted
    "she said" belongs to the content, which is both pieces."""
    if st.kind != "indirect" or st.content_spans or st.speaker_start is None or \
            st.cue_end is None or not st.speaker_start < st.cue_start < st.content_start:
        return st
    if not text[max(0, st.speaker_start - 2):st.speaker_start] == ", ":
        return st
    gap = text[st.cue_end:st.content_start]
    if not re.fullmatch(r"(?:\s+[A-Za-z]+){0,2}\s*,\s*", gap):
        return st  # "she said(, on Monday)," then the rest of the clause
    first = st.text.split()[0].lower() if st.text.split() else ""
    if not _FINITE_IN.fullmatch(first) and first not in _COMMON_VERBS:
        return st  # the rest must open with the verb the subject lacks ("had", "put")
    e1 = st.speaker_start - 2
    ls = max(_rfind_nl(text, e1), text.rfind(". ", 0, e1) + 1)
    a1 = ls + 1 if text[ls:ls + 1] in (" ", "\n", ".") else ls
    while a1 < e1 and text[a1] in " “\"":
        a1 += 1
    subj = text[a1:e1]
    words = subj.split()
    if not 1 <= len(words) <= 8 or "," in subj or _FINITE_IN.search(subj):
        return st
    spans = [[a1, e1], [st.content_start, st.content_end]]
    return replace(st, content_start=a1, content_spans=spans,
                   text=subj + " " + st.text)


_COMMON_VERBS = load("common_verbs")  # verb forms without "-ed" ("put", "made", "leaves")
_SEEN_BY = re.compile(r"(?P<np>(?:[A-Z]?[\w’'-]+\s+){0,4}(?:report|reports|documents?|"
                      r"memos?|emails|letters?|data|records|files|filings|figures|studies|"
                      r"study|analysis|survey|poll|assessments?|estimates?))\s+"
                      r"(?:seen|obtained|reviewed|published|released|compiled|leaked)\s+"
                      r"(?:by|to)\s+(?:the\s+)?$")


_BY_BEFORE = re.compile(r"\b(?:by|to)\s+(?:the\s+)?$")
_SEEN_VERB = re.compile(r"(?:seen|obtained|reviewed|published|released|compiled|leaked)\s+"
                        r"(?:by|to)\s+(?:the\s+)?$")


def _agent_of_document(text: str, st: Statement) -> Statement:
    """"intelligence reports seen by Reuters suggest": the reports speak, not Reuters."""
    if st.speaker_start is None:
        return st
    if not _BY_BEFORE.search(text, max(0, st.speaker_start - 12), st.speaker_start):
        return st
    lo = max(0, st.speaker_start - 120)
    # (the verb and "by" that end every match first: cheap, and rarely there)
    if not _SEEN_VERB.search(text, lo, st.speaker_start):
        return st
    m = _SEEN_BY.search(text, lo, st.speaker_start)
    if not m:
        return st
    np_ = m.group("np").strip()
    np_ = _DET.sub("", np_)
    return replace(st, speaker=text[m.start("np"):m.start("np") + len(m.group("np").strip())],
                   speaker_start=m.start("np"),
                   speaker_end=m.start("np") + len(m.group("np").strip()),
                   speaker_name=np_, speaker_type="report", speaker_role=None)


_DOC_BY = re.compile(r"\s+(?:\w+\s+)?(?:conducted|carried out|commissioned|published|released|"
                     r"led|compiled|produced|written)\s+by\s+(?:the\s+)?"
                     r"(?P<who>[A-Z][\w’'&.-]*(?:\s+(?:of|for|and|on)?\s*[A-Z][\w’'&.-]*){0,7})\s+$")
_BY_AGENT_END = re.compile(r"\bby\s+(?:the\s+)?([A-Z][\w’'&.-]*(?:\s+(?:of|for|and)?\s*"
                           r"[A-Z][\w’'&.-]*){0,5})$")
_RESEARCH = frozenset("research study report survey analysis poll review paper".split())


def _document_by(text: str, st: Statement) -> Statement:
    """ "research conducted by the Center for Media and Public Affairs found ...": the body
    that did the research is the speaker's name (the document is what it said through)."""
    words = (st.speaker or "").split()
    if len(words) > 2 and words[0].lower() in ("a", "an", "the") and \
            words[1].lower() in _RESEARCH:
        # "an analysis of election data by Crowdpac" (the agent inside the span)
        m = _BY_AGENT_END.search(st.speaker)
        if m is not None and not _person_in(m.group(1)):
            return replace(st, speaker_name=m.group(1), speaker_type="organization",
                           speaker_role=None)
    if st.speaker_end is None or st.cue_start is None or st.cue_start <= st.speaker_end or \
            not words or words[-1].lower() not in _RESEARCH:
        return st
    m = _DOC_BY.match(text, st.speaker_end, st.cue_start)
    if m is None:
        return st
    return replace(st, speaker_name=m.group("who"), speaker_type="organization",
                   speaker_role=None)


_SUBORDINATE = frozenset("""
to if but though although when while as because after before since in on at for with by
from unless until once whether and or so yet then also however meanwhile still
""".split())
_FINITE = frozenset("""
is was are were has have had will would can could should may might must do does did be
been being 's isn't wasn't won't can't
""".split())


def _fronted_content(text: str, st: Statement) -> Statement:
    """"X earned $5 billion, the company announced on Monday, down from ...": the content is
    the clause before the speaker, not the words after the cue's adverbials."""
    if st.kind != "indirect" or st.speaker_start is None or st.cue_end is None:
        return st
    if not (st.speaker_start < st.cue_start < st.content_start):
        return st
    gap = text[st.cue_end:st.content_start]
    if "," not in gap or "that" in gap.split():
        return st
    ls = _rfind_nl(text, st.speaker_start) + 1
    before = text[ls:st.speaker_start]
    if not before.rstrip().endswith(","):
        return st
    k = max(before.rfind(". "), before.rfind("? "), before.rfind("! "))
    a = ls + (k + 2 if k >= 0 else 0)
    e = ls + len(before.rstrip()) - 1
    while a < e and text[a] in " “\"":
        a += 1
    if len(text[a:e].split()) < 4 or text[a:e].count(",") > 2:
        return st
    first = text[a:e].split()[0].lower().strip(",")
    if first in _SUBORDINATE or not text[a:a + 1].isupper():
        return st
    words = st.text.lower().split()
    if len(words) > 8 or any(w in _FINITE for w in words):
        return st
    return replace(st, content_start=a, content_end=e, content_spans=None, text=text[a:e])


# a wire dateline opening a paragraph: "LIMA (Reuters) - ", "WASHINGTON ― ", "PARIS, March 3 -- "
_DATELINE = re.compile(r"(?:[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){0,3}"
                       r"(?:,[ ][A-Z][a-z]+\.?(?:[ ]\d{1,2})?)?"
                       r"(?:[ ]?\([A-Za-z. ]{2,30}\))?|\([A-Z][A-Za-z. ]{1,20}\)|"
                       # (or a date alone: "Nov. 3, 2026 -- ", "March 3, 2026 — ")
                       r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
                       r"[ ]\d{1,2},[ ]\d{4})"
                       r"[ ]*(?:[-―—–]|--)[ ]+")  # (or the outlet alone: "(CNN) — ")


# a newsletter's section label opening a paragraph: a capitalised phrase with a lower-case
# word in it (so no one's name: "NAME: answer" is a speaker's line), then a colon
# "Exclusive: ", "Breaking: ", "Analysis: ": one heading word (``heading_labels``)
_ONE_WORD_LABEL = re.compile(r"(?:" + "|".join(sorted(load("heading_labels"))) +
                             r"):[ ]+(?=[A-Z“\"‘'])", re.IGNORECASE)
_SECTION_LABEL = re.compile(r"[A-Z][\w’']*(?:[ ][\w’',]+){0,4}?[ ][a-z][\w’']*:[ ]+(?=[A-Z“\"‘'])")


# a dateline in capitals closed by a colon, as Indian papers write it: "MUMBAI: ", "NEW DELHI: "
# (three letters at least: "AD: " is an interviewer's initials)
_CAPS_DATELINE_COLON = re.compile(r"[A-Z][A-Z.'’-]{2,}(?:[ ][A-Z][A-Z.'’-]+){0,2}:[ ]+"
                                  r"(?=[A-Z“\"‘'])")


def _without_dateline(text: str, st: Statement) -> Statement:
    """Content that begins a paragraph with a wire dateline, or with a section label
    ("Driving the news: ..."), starts after it: it is the outlet's, not what the speaker
    said."""
    a = st.content_start
    if st.content_spans or (a > 0 and text[a - 1] != "\n"):
        return st
    m = _DATELINE.match(text, a, st.content_end) or \
        _CAPS_DATELINE_COLON.match(text, a, st.content_end) or \
        _SECTION_LABEL.match(text, a, st.content_end) or \
        _ONE_WORD_LABEL.match(text, a, st.content_end)
    if m is None or m.end() >= st.content_end - 10:
        return st
    return replace(st, content_start=m.end(), text=text[m.end():st.content_end])


_POSS_DESC = re.compile(r"^(?:the|its|their|his|her)\s+((?:[a-z-]+\s+){0,2}([a-z-]+))['’]s$",
                        re.IGNORECASE)
# the verb of the sentence after a subject "X's claim that CLAUSE": "... was disputed by Y",
# "... has been rejected", "... went unheeded", "... is false"
_MATRIX = re.compile(r"\s(?:was|were|is|are|has been|have been|had been|went|remains|remained|"
                     r"proved|proves|seems|seemed|appears|appeared|drew|sparked|angered)\s")
_FINITE_IN = re.compile(r"\b(?:was|were|is|are|had|has|have|did|does|do|will|would|could|can|"
                        r"should|may|might|must|\w+ed)\b")


_NOT_OWNER = frozenset("that it he she there what who here where this let".split())


def _noun_cue_subject(text: str, st: Statement) -> Statement:
    """ "The union's claim that beds had been closed was disputed by the ministry": the
    claim's content ends before the sentence's own verb, whose subject the claim is."""
    if st.kind == "direct" or st.speaker_start is None or st.cue_end is None or \
            st.content_spans or not (st.speaker or "").rstrip().endswith(("'s", "’s")):
        return st
    owner = (st.speaker or "").rstrip()[:-2].split()
    if not owner or owner[-1].lower() in _NOT_OWNER or st.cue_start is None or \
            st.speaker_end is None or text[st.speaker_end:st.cue_start].strip():
        return st  # "That’s not to suggest ...": a contraction, not a possessive
    ls = max(_rfind_nl(text, st.speaker_start), text.rfind(". ", 0, st.speaker_start) + 1)
    if text[ls + 1:st.speaker_start].strip() not in ("", "But", "And", "Yet"):
        return st  # the noun phrase is not the sentence's subject
    body = st.text
    best = None
    for m in _MATRIX.finditer(body):
        if _FINITE_IN.search(body, 0, m.start()) and len(body[m.end():].split()) <= 8:
            best = m
            break
    if best is None:
        return st
    e = st.content_start + best.start()
    return replace(st, content_end=e, text=text[st.content_start:e])


_DESC_THEN_NAME = re.compile(
    r"(?:One|A|An|Another|The|Her|His|Their)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?,\s+"
    r"([A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,2}),(?:\s+\d{1,3},)?"
    r"(?:\s+(?:from|of)\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?,)?\s+(?=[a-z])")


def _paragraph_subject(text: str, a: int, b: int) -> Optional[tuple[int, str]]:
    """The person who opens a paragraph starting in [a, b) as its subject, the last one."""
    best = None
    for m in re.finditer(r"\n", text[a:b]):
        ps = a + m.end()
        line = text[ps:ps + 200]
        head = re.match(r"([A-Z][^,.;:“”\"]{2,60}?)(?:,|\s+(?=[a-z]))", line)
        if not head:
            continue
        got = _person_in(head.group(1))
        if got is None:
            # "One patient, Gareth Hughes, 67, from Swansea, has been waiting ...": the name
            # in apposition to a description, then the verb
            named = _DESC_THEN_NAME.match(line)
            got = _person_in(named.group(1)) if named else None
        if got and got[0].split()[-1] not in PARTY_MEMBERS:
            best = (ps, got[0])  # (not "Liberal Democrat group leader ...": a party's member)
    return best


_T_CUE = (r"(?:said|says|say|told|tells|added|adds|noted|notes|explained|explains|warned|"
          r"warns|wrote|writes|argued|argues|insisted|insists|stressed|cautioned)")
_T_SPK = (r"(?:[A-Z][\w’'.-]+(?:\s+(?:van|von|de|da|bin|al)?\s*[A-Z][\w’'.-]+){0,3}|"
          r"(?:(?:a|an|the|some|many|most|other|several)\s+)?(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)")
_TAIL = re.compile(
    r",\s+(?:(?P<s1>" + _T_SPK + r")\s+(?P<k1>" + _T_CUE + r")|(?P<k2>" + _T_CUE + r")\s+"
    r"(?P<s2>" + _T_SPK + r"))(?P<tail>\s+(?:(?:on|in|at|to|last|this)\s+)?[\w.]+"
    r"(?:\s+[A-Z][\w.]+)?)?\s*(?:[.;](?=\s|$)|$|,\s+(?:although|but|though|while|as|"
    r"adding|because)\b)", re.MULTILINE)
_SENT_START = re.compile(r"(?:^|[.?!][”\"’']?\s+)(?=[A-Z“\"‘])", re.MULTILINE)
_LEAD_SUB = frozenset("""
if when while although though because as after before since unless until once whether
whatever however
""".split())


def _trailing(report: Report, sts: list[Statement], reg: "_Registry") -> list[Statement]:
    """Sentences that end in an attribution the finder missed: "X happened, Tjahjanto told
    Reuters." / "X is shallow, say oceanographers, but ..." -> statements. The report's own
    claim of that sentence goes; an attribution nested inside stays."""
    from claims.extraction.pipeline import statement_id
    text = report.text
    att = [s for s in sts if s.kind != "claim"]
    cues = {s.cue_start for s in att}
    att_spans = _Spans((s.content_start, s.content_end) for s in att)
    new: list[Statement] = []
    for m in _TAIL.finditer(text, report.body_start or 0):
        spk = m.group("s1") or m.group("s2")
        cue = m.group("k1") or m.group("k2")
        spk_start = m.start("s1") if m.group("s1") else m.start("s2")
        cue_start = m.start("k1") if m.group("k1") else m.start("k2")
        if cue_start in cues or m.group("k2") in ("told", "tells"):
            continue  # (", told Reuters.": after "told" comes the hearer, never the speaker)
        words = spk.split()
        if spk[:1].isupper():
            if spk.lower() in ("he", "she", "it", "they", "i", "we") or words[0] in (
                    "The", "A", "An", "This", "That", "But", "And") or spk.rstrip(".").lower() in (
                    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen"):
                continue
            got = _person_in(spk)
            if got:
                name, stype = reg.full_name(got[0]) or got[0], "person"
            elif len(words) == 1 and reg.full_name(spk):
                name, stype = reg.full_name(spk), "person"
            elif len(words) == 1 or _org_marked(spk):
                name, stype = spk, "organization"
            else:
                continue
        else:
            if not _head_can_speak(words[-1]) or words[-1] in ("one", "ones"):
                continue
            name, stype = _DET.sub("", spk).strip(), "anonymous"
        ls = _rfind_nl(text, m.start()) + 1
        a = ls
        for sm in _SENT_START.finditer(text, ls, m.start()):
            a = sm.end()
        e = m.start()
        while a < e and text[a] in " “\"‘":
            a += 1
        if len(text[a:e].split()) < 4:
            continue
        lead = [w.lower().strip(",") for w in text[a:e].split()[:2]]
        if lead[0] in ("but", "and", "so", "yet"):
            lead = lead[1:]
        if lead and lead[0] in _LEAD_SUB:
            continue
        # an attribution overlapping the content must sit inside it (nested), not across
        if any(not (a <= x and y <= e) for x, y in att_spans.near(a, e)):
            continue
        sid = statement_id(report.id, "indirect", [(a, e)])
        sent_end = m.end()
        new.append(_added(
            report, "indirect", a, e, sid=sid, speaker=spk, speaker_start=spk_start,
            speaker_end=spk_start + len(spk), speaker_name=name, speaker_type=stype, cue=cue,
            cue_start=cue_start, cue_end=cue_start + len(cue), sentence=text[a:sent_end]))
    if not new:
        return sts
    spans = _Spans((s.content_start, s.content_end) for s in new)
    keep = []
    for s in sts:
        if s.kind == "claim":
            hit = spans.near(s.content_start, s.content_end)
            if hit:  # the claim's check-worthiness carries over to the statement it becomes
                for n in new:
                    if (n.content_start, n.content_end) in hit:
                        n.checkworthiness, n.check_reasons = s.checkworthiness, list(
                            s.check_reasons)
                continue
        keep.append(s)
    return keep + new


@lru_cache(maxsize=1)
def _first_names() -> dict:
    try:
        return json.loads(_FIRST_NAMES.read_text(encoding="utf-8"))["names"]
    except (OSError, ValueError, KeyError):  # pragma: no cover - the package ships the file
        return {}


# "Mark and Helen Price" (opening with the capital, checked behind, so that the engine skips
# to the next capital: a third of the time of the same pattern opening with \b)
_COUPLE = re.compile(r"[A-Z](?<![\w][A-Z])[a-z]+ and [A-Z][a-z]+ [A-Z][a-z]+\b(?! and)")
_MALE_WORDS = re.compile(r"(?:Mr|Sir|Lord)\b\.?|(?:he|him|his)$", re.IGNORECASE)
_FEMALE_WORDS = re.compile(r"(?:Mrs|Ms|Miss|Dame|Lady)\b\.?|(?:she|her)$", re.IGNORECASE)


def _said_gender(sp: str) -> Optional[str]:
    """The gender the speaker's own words give: a title ("Mr Price") or a pronoun."""
    sp = sp.strip()
    if _MALE_WORDS.match(sp):
        return "m"
    if _FEMALE_WORDS.match(sp):
        return "f"
    return None


def _gender(name: Optional[str]) -> Optional[str]:
    if not name:
        return None
    return first_name_gender(name.split()[0]) if len(name.split()) > 1 else None


# (an apostrophe inside a surname, "O’Brien", not a possessive: "Bill Clinton's hair")
_PERSON_MENTION = re.compile(
    r"(?<![\w’'.])([A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][\w-]*(?:[’'](?!s\b)[\w-]+)?)")


# "His wife, Margaret, said": a kin noun after a possessive, then a first name alone
_KIN_BEFORE = re.compile(
    r"\b(?:(his|her)|(?P<owner>(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][\w-]+)(?:’s|'s))\s+"
    r"(?:late\s+|former\s+|eldest\s+|youngest\s+)?(?:wife|husband|widow|"
    r"widower|son|daughter|mother|father|brother|sister|partner|"
    r"fianc[ée]e?)\s*,\s*$", re.IGNORECASE)


def _kin_first_name(text: str, st: Statement) -> Optional[tuple[str, Optional[str]]]:
    """ "John Hollis was buried on Friday. His wife, Margaret, said ...": a first name
    alone, set off after "his wife", is that person's relative, named with the surname of
    the one person of the possessive's gender named in the two sentences before (the name
    first, then None when none or two are named: a first name alone names no one)."""
    name = st.speaker_name or ""
    if st.speaker_start is None or " " in name or not name or (
            name.lower() not in _first_names() and first_name_gender(name) is None):
        return None
    at = st.speaker_start
    if st.speaker_end is not None:
        inside = text.rfind(name, st.speaker_start, st.speaker_end)
        if inside > st.speaker_start:
            at = inside  # "Mr Walsh's widow, Anne": the kin phrase inside the speaker's words
    m = _KIN_BEFORE.search(text, max(0, at - 40), at)
    if m is None:
        return None
    if m.group("owner"):
        # "Mr Walsh's widow, Anne, said": the surname is written
        return name, f"{name} {m.group('owner').split()[-1]}"
    want = "m" if m.group(1).lower() == "his" else "f"
    lo = m.start()
    for _ in range(2):  # back to the start of the sentence before (across a paragraph break)
        k = len(text[:lo].rstrip())
        lo = max(text.rfind(". ", 0, k), text.rfind("\n", 0, k), 0)
    people = set()
    for pm in _PERSON_MENTION.finditer(text, lo, m.start()):
        got = _person_in(pm.group(1))
        if got and _gender(got[0]) in (want, None) and len(got[0].split()) > 1:
            people.add(got[0])
    surnames = {p.split()[-1] for p in people}
    if len(surnames) != 1:
        return name, None
    return name, f"{name} {surnames.pop()}"


def _by_gender(text: str, st: Statement, done: list[Statement]) -> Optional[tuple]:
    """"he"/"she" resolved to someone whose first name says the other gender: the nearest
    person before with a first name of the pronoun's gender (named in the text or a speaker)."""
    want = "m" if (st.speaker or "").strip().lower() == "he" else "f"
    if _gender(st.speaker_name) in (None, want) or st.speaker_start is None:
        return None
    lo = max(0, st.speaker_start - 600)
    best = None
    for m in _PERSON_MENTION.finditer(text, lo, st.speaker_start):
        got = _person_in(m.group(1))
        if got and _gender(got[0]) == want:
            best = got[0]
    if best is None:
        for p in reversed(done[-50:]):
            if p.speaker_type == "person" and _gender(p.speaker_name) == want:
                best = p.speaker_name
                break
    return (best, "person", None) if best else None


def _pronoun_subject(text, st, done, remap):
    """"he"/"she" after a paragraph opened by another person than the last speaker: that
    person (the subject of the paragraph before), and later pronouns follow."""
    if st.speaker_start is None or not st.speaker_name:
        return None
    last = done[-1] if done else None
    lo = last.content_end if last is not None else 0
    subj = _paragraph_subject(text, lo, st.speaker_start)
    want = "m" if (st.speaker or "").strip().lower() == "he" else "f"
    if subj is not None and _gender(subj[1]) not in (None, want):
        subj = None  # "she" never goes to a man's first name, nor "he" to a woman's
    if subj is not None and subj[1] != st.speaker_name and (
            last is None or last.speaker_name != subj[1]):
        name = subj[1]
        for p in reversed(done[-50:]):
            if p.speaker_name and p.speaker_name.split()[-1] == name.split()[-1]:
                if _gender(p.speaker_name) not in (None, want):
                    # "Grayson ... he": not Lolita Grayson, who spoke last; with no speaker
                    # of that surname and the pronoun's gender, no guess
                    return None
                name = p.speaker_name
                break
        remap[st.speaker_name] = name
        return name, "person", None
    if st.speaker_name in remap and last is not None and last.speaker_name == remap[st.speaker_name]:
        return remap[st.speaker_name], "person", None
    return None


_SENT_END = re.compile(r"[.!?][”\"’']?(?=\s|$)|\n")


def _with_context(text: str, st: Statement, report_date: Optional[str]) -> Statement:
    """Venue, date and hedge of a statement added here, read from its sentence as the
    pipeline reads them for the others (the frame outside the content, nearest the cue)."""
    if st.venue is not None or st.said_on is not None:
        return st
    pos = [p for p in (st.content_start, st.speaker_start, st.cue_start) if p is not None]
    lo, hi = min(pos), max([st.content_end] + [p for p in (st.speaker_end, st.cue_end)
                                                if p is not None])
    ss = _rfind_nl(text, lo) + 1
    for c in (". ", "? ", "! "):
        k = text.rfind(c, ss, lo)
        if k >= 0:
            ss = max(ss, k + 2)
    m = _SENT_END.search(text, hi)
    se = m.end() if m else len(text)
    spans = st.content_spans or [[st.content_start, st.content_end]]
    anchor = st.cue_start if st.cue_start is not None else st.speaker_start
    ctx = attribution_context(text, ss, se, [(a, b) for a, b in spans], anchor, report_date,
                              hedge_in_content=st.kind != "direct")
    return replace(st, venue=ctx.venue, said_on=ctx.said_on, hedge=st.hedge or ctx.hedge)


def refine(report: Report, statements: list[Statement]) -> list[Statement]:
    text = report.text
    reg = _Registry(text, statements)
    statements = _trailing(report, statements, reg)
    remap: dict = {}
    org_names: set = set()
    clutter = _Spans(_clutter_lines(text, report.body_start or 0))
    out: list[Statement] = []
    done: list[Statement] = []
    muted: set[str] = set()  # speaker names cleared as speakers that cannot speak
    # first name -> the full name a kin phrase gave it ("Her husband, Mark," -> "Mark Walsh"),
    # so that "he says" resolved to "Mark" later names him the same way
    kin_names: dict[str, str] = {}
    headline_added: list[Statement] = []  # "... As He Announces $4.9 Billion Profit"
    for st in statements:
        if _is_clutter(clutter, st):
            continue
        if st.kind == "claim":
            out.append(st)
            continue
        if _other_sense(text, st):
            continue
        held = _held_by_another(text, st)
        if held is None:
            continue
        st = _document_by(text, _agent_of_document(text, held))
        st = _noun_cue_subject(text, _without_dateline(text, _fronted_content(text, st)))
        cut = _headline_clause_end(text, st)
        if cut is not st:
            also = _headline_second_cue(report, st, cut.content_end)
            if also is not None:
                headline_added.append(also)
            st = cut
        st = _subject_before_speaker(text, _name_after_description(
            text, _name_before_address(text, st)))
        ins = _split_inside(text, st)
        if ins is not None:
            st = ins
        name, stype, role = st.speaker_name, st.speaker_type, st.speaker_role
        sp = (st.speaker or "").strip()
        lsp = sp.lower()
        if (st.cue or "").strip() == ":" and st.speaker_name and \
                _headline_clause_label(text, st):
            # "Clinton Wades In: Urges Britain to ...": a headline's clause before its colon,
            # no speaker's name (its subject may be one: no guess)
            st = replace(st, speaker_name=None, speaker_type="person", speaker_role=None)
            out.append(st)
            done.append(st)
            continue
        if _NOBODY.match(sp) and not sp.isupper():
            continue  # "No one said the vote would be easy": no one said it
        if sp in ("Q", "Question") and _QUESTION_LINE.match(
                text, _rfind_nl(text, st.content_start) + 1):
            continue  # the interviewer's question (what it reports of others stays)
        if sp in ("A", "Answer") and (st.cue or "").strip() == ":":
            # "Q: ... / A: ...": the interviewee, the one person the introduction names
            who_ = _interviewee(text, st.content_start)
            st = replace(st, speaker_name=who_, speaker_type="person", speaker_role=None)
            out.append(st)
            done.append(st)
            continue
        if (st.cue or "").strip() == ":" and re.fullmatch(r"[A-Z]{2,3}", sp) and (
                reg.initials(sp) or _initials_in_text(text, sp, st.content_start)):
            st = replace(st, speaker_name=reg.initials(sp) or _initials_in_text(
                text, sp, st.content_start), speaker_type="person")
            out.append(st)
            done.append(st)
            continue
        titled = _CAPS_TITLED_SURNAME.fullmatch(sp) if (st.cue or "").strip() == ":" else None
        if titled is not None and is_title_word(titled.group(1).rstrip(".")):
            sp = titled.group(2)  # "SEN. KLINE: ..." after "SEN. ROBERTA KLINE: ..."
        if (st.cue or "").strip() == ":" and re.fullmatch(r"[A-Z][A-Z’'-]{2,}", sp) and \
                not _org_marked(sp.title()):
            # a transcript's "PENCE: ..." is the person of that surname, named in full
            # elsewhere in the report when it is ("Mike Pence"), else the surname
            name = reg.full_name(sp.title()) or reg.named_in_text(sp.title()) or sp.title()
            st = replace(st, speaker_name=name, speaker_type="person")
            out.append(st)
            done.append(st)
            continue
        if (st.cue or "").strip() == ":" and _CAPS_NAME.fullmatch(sp):
            # an interview's "MEI LIN: ..." is a person written in capitals
            got = _person_in(sp.title())
            if got and not _org_marked(sp.title()):
                name = reg.full_name(got[0]) or got[0]
                st = replace(st, speaker_name=name, speaker_type="person",
                             speaker_role=st.speaker_role or got[1])
                reg.add_person(name)
                out.append(st)
                done.append(st)
                continue
        if (st.cue or "").strip() == ":" and st.speaker and st.cue_start is not None \
                and st.speaker_end is not None and st.speaker_end <= st.cue_start \
                and (text[st.speaker_end:st.cue_start].strip() and not _TOPIC_AFTER_LABEL.match(
                    text, st.speaker_end, st.cue_start) or (
                    sp.split()[-1][:1].islower() and not _head_can_speak(sp.split()[-1]))) \
                and not (
                _person_in(sp) or reg.full_name(sp) or _org_marked(sp)
                or sp.lower() in _conf.PRONOUNS or _head_can_speak(sp.split()[-1])):
            continue
        split = _role_split(st)
        if split is not None:
            name, stype, role = split[0], "person", split[1]
            reg.add_person(name)
        elif _RELATIVE.search(sp) or lsp in ("who", "which"):
            ante = _antecedent_of_relative(text, st)
            if ante is None:
                if not (name and name[:1].isupper() and lsp not in ("who", "which")):
                    name = None
            else:
                name = reg.full_name(ante) or ante
                if _person_in(ante):
                    stype = "person"
                elif ante[:1].isupper():
                    stype = "organization"
                else:
                    stype = "anonymous"
        elif lsp in _PRONOUN_PERSON and _by_gender(text, st, done):
            name, stype, role = _by_gender(text, st, done)
        elif lsp in _PRONOUN_PERSON and _gender(name) not in (None, "m" if lsp == "he" else "f") \
                and not any(p.speaker_name == name and role_gender(p.speaker_role or "") ==
                            ("m" if lsp == "he" else "f") for p in done[-50:]):
            # "he" resolved to a woman by her first name (or "she" to a man), and no one of
            # the pronoun's gender near: no name rather than the wrong person (unless her
            # role said it: "9/11 widow Terry Strada" is a "she")
            name, role = None, None
        elif lsp in _PRONOUN_PERSON and _pronoun_subject(text, st, done, remap):
            name, stype, role = _pronoun_subject(text, st, done, remap)
        elif lsp in _PRONOUN_PERSON and stype == "person" and name and (
                _ORG_WORD.search(name) and _gender(name) is None or name in org_names):
            # (an organisation's word in a person's name with a first name is a person's:
            # "Edison Orme")
            name = None
            for p in reversed(done[-50:]):
                if p.speaker_type == "person" and p.speaker_name and not _ORG_WORD.search(
                        p.speaker_name):
                    name, role = p.speaker_name, p.speaker_role
                    break
        else:
            desc = _describe_org(text, st, done, statements)
            # a description the resolver left unnamed ("the conductor"), never one it named
            holder = None if desc or name and name[:1].isupper() else _role_holder(text, st)
            if desc:
                name, stype = desc, "organization"
            elif holder:
                name, stype = reg.full_name(holder) or holder, "person"
            else:
                if _cannot_speak(st) is not None or _participle_clause(text, sp):
                    if name and stype == "anonymous":
                        muted.add(name)
                    name = None
                elif name and name[:1].islower() and _description_head(sp) in _COMPANY_DESC \
                        and _description_head(sp) not in ("group", "charity", "nonprofit") and (
                        0 <= _first_corporate_name(text) < (st.speaker_start or
                                                            st.content_start) or
                        _DEFINITE.match(_strip_opener(sp))):
                    # "the bank said" after "Harbor Point Bancorp", or "Google is shutting
                    # down ..., the company said", and no one body found for it: a company
                    # the report named, so no name rather than "bank" (which would name
                    # no one a reviewer could check)
                    name = None
                elif name and _ADJECTIVE_NAME.search(name):
                    # "the Oslo-based group": the adjective is no name; the description is
                    # the speaker ("Oslo-based group"), unnamed
                    desc = _DET.sub("", _strip_opener(sp)).strip()
                    name, stype, role = (desc, "anonymous", None) if desc != name else (
                        None, "anonymous", None)
        if name and " " not in name and name[:1].isupper() and stype == "person" and \
                _modifier_only(sp, name):
            # "The French minister of environment": the resolver named an adjective; the
            # description is the speaker, unnamed
            name, stype, role = _DET.sub("", sp).strip(), "anonymous", None
        poss = _POSS_DESC.match(sp)
        if poss and (name is None or name[:1].islower()):
            # "the union's claim that ...": the description before the possessive speaks
            bare = replace(st, speaker=sp[:-2])
            desc = _describe_org(text, bare, done, statements)
            if desc:
                name, stype = desc, "organization"
            elif _head_can_speak(poss.group(2)):
                name = poss.group(1).lower()
                if poss.group(2).lower() in _ORG_NOUNS:
                    stype = "organization"
        if lsp == "i" and not name and st.cue_start is not None and \
                st.speaker_end is not None and (set(
                    text[st.speaker_end:st.cue_start].split()) <= _AUX_BETWEEN or (
                    st.cue or "").endswith("ing") and text[st.cue_start - 2:st.cue_start] == ", "
                    and st.speaker_start == _clause_start(text, st.speaker_start)):
            # ("I went over, explaining that ...": the sentence's subject, by a participle)
            # a letter or a column in the first person: the writer who signs it ("Kim Gump,
            # Dallas" as its last line) or its byline ("By Kim Gump")
            author = _author(text, st.content_start)
            if author:
                name, stype, role = author, "person", None
        if lsp == "you":
            # an interviewer's "You warned in October that ...": the person addressed, whom
            # the question does not name
            name, stype, role = None, "person", None
        kin = _kin_first_name(text, st) if stype == "person" else None
        if kin is not None:
            name = kin[1]  # "Margaret Hollis", or no name rather than a first name alone
            if kin[1]:
                kin_names[kin[0]] = kin[1]
        elif stype == "person" and name in kin_names:
            name = kin_names[name]
        if name in muted and lsp in _conf.PRONOUNS:
            name = None  # the pronoun took a speaker that cannot speak ("the same thing")
        owned = _PLURAL_OWNER_THEN_PERSON.match(name) if name else None
        if owned is not None and first_name_gender(owned.group(1).split()[0]) is not None and \
                " and " not in name[:owned.start(1)]:  # (not "Ann Cole and Reuters' Jo Lee")
            # "Capital Economics' Ann Bo", "Reuters' Jane Lee": the person, not her employer
            name, stype = owned.group(1), "person"
        if name and stype == "person":
            # ("Mr. Lou" is a surname: never read as a first name)
            full = reg.full_name(name, titled=bool(_HONORIFIC_START.match(sp)),
                                 gender=_said_gender(sp))
            if full:
                name = full
        if (name, stype, role) != (st.speaker_name, st.speaker_type, st.speaker_role):
            st = replace(st, speaker_name=name, speaker_type=stype, speaker_role=role)
        out.append(st)
        done.append(st)
        if st.speaker_type == "organization" and st.speaker_name:
            org_names.add(st.speaker_name)
    out.extend(headline_added)
    out.extend(_orphan_quotes(report, out, reg))
    out.extend(_signed_quotes(report, out, reg))
    out.extend(_embedded_posts(report, out, reg))
    out.extend(_quote_colon_headlines(report, out, reg))
    out.extend(_colon_signed(report, out, reg))
    out.extend(_answer_lines(report, out))
    out.extend(_as_states(report, out, reg, done))
    out.extend(_quote_after_subject(report, out, reg))
    out.extend(_continuations(report, out))
    # claims overlapping an added continuation (or an embedded post) go
    cont = _Spans((s.content_start, s.content_end) for s in out if s.kind != "claim")
    out = [s for s in out if s.kind != "claim" or not cont.overlaps(s.content_start,
                                                                     s.content_end)]
    model = _conf.load_model()
    drop = model.get("drop_below", 0.0) if _conf.ABSTAIN else 0.0
    final = []
    for st in out:
        if st.checkworthiness < 0:  # added here: scored and placed like every other statement
            st.checkworthiness, st.check_reasons = _cw.score(st.text)
            st = _with_context(text, st, report.date)
        if st.kind != "claim":
            pm, pr = _conf.probabilities(st, text, model)
            if pm < drop:
                continue
            if not st.speaker_name:
                pr = min(pr, 0.6)  # abstained: never among the rows a reviewer can trust
            if hasattr(st, "attribution_confidence"):
                st.attribution_confidence = round(pr, 3)
        final.append(st)
    final.sort(key=lambda s: (s.content_start, s.content_end, s.kind))
    return final
