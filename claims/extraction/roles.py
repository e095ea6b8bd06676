"""Roles and genders read around a person's name (used by ``speakers.py``).

``role_at(text, ss, se, ns, ne, run)`` is the role written around the name at [ns, ne) in
the sentence [ss, se), tried in this order (the first found wins):

1. title words inside the capitalised run before the name ("President Enrique Pena Nieto"),
2. a title phrase directly before it, no comma ("State Department spokeswoman Heather
   Nauert", "city spokeswoman Jane Roe"),
3. an appositive before it ("the State Department's acting deputy assistant secretary,
   Kenneth Merten"),
4. an appositive after it ("Jane Roe, a spokeswoman for the agency, said"),
5. an "of" phrase after it ("Simon Sandoval-Moshenberg of the advocacy group Legal Aid
   Justice Center").

``entity_role`` is the first role written at any mention of a person; ``gender_of`` reads a
gender from a role or title ("spokeswoman", "Mr.").
"""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Callable, Optional, Sequence

from claims.extraction.names import NAME_TITLES, NOT_NAME_FIRST, ROLE_MODIFIERS, NameRun, \
    is_title_word

if TYPE_CHECKING:  # only for annotations: speakers.py imports this module
    from claims.extraction.speakers import _Entity

__all__ = ["role_at", "entity_role", "strip_role", "gender_of", "role_gender"]

# (no "her"/"his": a possessive names someone else -- "her neighbour Dan Roe", "his wife")
_FEMALE = re.compile(
    r"\b(?:spokeswoman|chairwoman|congresswoman|councilwoman|businesswoman|Mrs\.?|Ms\.?|Miss|"
    r"Queen|Princess|wife|mother|mum|mom|grandmother|daughter|sister|woman|actress|widow|"
    r"girlfriend|she)\b", re.I)
_MALE = re.compile(
    r"\b(?:spokesman|chairman|congressman|councilman|businessman|Mr\.?|King|Prince|husband|"
    r"father|dad|grandfather|son|brother|man|actor|widower|boyfriend|he|him)\b", re.I)

_WS = re.compile(r"\s+")
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx)\b\.?")
# role-boundary words scanning backwards from a name
_WORD_BACK = re.compile(r"([\w’'.\-]+)\s*$")  # what _last_word finds (its definition, in the tests)
_APPOS_BEFORE = re.compile(r",\s*$")
_APPOS_AFTER = re.compile(
    r"\s*,\s*(?P<role>(?:the\s+|a\s+|an\s+)?[^,;:“”\"()]{3,140}?)\s*(?:,|\s+(?:said|says|told|"
    r"tells|added|adds|wrote|writes|noted|notes|explained|warned|argued|stated|according)\b|$)"
)
_OF_AFTER = re.compile(
    r"\s+(?:of|from|with|at)\s+(?P<role>(?:the\s+|a\s+|an\s+)?[^,;:“”\"()]{3,100}?)"
    r"(?=\s*(?:,|\.|;|$)|\s+(?:said|says|told|tells|added|adds|wrote|writes|noted|notes|"
    r"explained|warned|argued|stated|testified|insisted|contended|claimed|agreed|"
    r"disagreed|cautioned|predicted|acknowledged|who|which|that)\b)"
)
_VERBISH = re.compile(
    r"\b(?:said|says|told|tells|is|was|are|were|has|have|had|will|would|that|who|which|"
    r"can|could|did|does|do|when|while|if|because|after|before)\b", re.I)
_LEAD_TRIM = re.compile(
    r"^(?:(?:according\s+to|the|a|an|and|but|also|then|on|in|at|last|this|early|late|earlier|later|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|"
    # "This week the housing minister, Claire Holt, ...": the time phrase is no part of her role
    r"week|weekend|month|year|morning|afternoon|evening|night|tonight)\b(?![&’'-])\s*)+",
    re.I,
)
_ROLE_STOP = frozenset(
    """said says told tells say tell according the a an and or but of to in on at for with by
    from as that which who whom whose is was are were be been has have had will would can
    could may might must should not also then than when while after before said added
    asked warned noted explained insisted argued wrote stated claimed its his her their our
    my your this these those there here both all some many most several""".split()
)
_TRAIL_TRIM = re.compile(r"[\s,;:.’'“”\"]+$")


def strip_role(role: str) -> Optional[str]:
    role = _WS.sub(" ", role).strip()
    role = _LEAD_TRIM.sub("", role)
    role = _TRAIL_TRIM.sub("", role)
    return role or None


def gender_of(s: str) -> Optional[str]:
    if not s:
        return None
    f = _FEMALE.search(s)
    m = _MALE.search(s)
    if f and not m:
        return "f"
    if m and not f:
        return "m"
    return None


def role_at(text: str, ss: int, se: int, ns: int, ne: int,
            run: Optional[NameRun] = None) -> Optional[str]:
    """The role written around the name at [ns, ne) of the sentence [ss, se), or None."""
    # 1. title words inside the capitalised run before the name
    pre_end = ns
    if run is not None and run.title:
        pre_end = run.title_start
    # 2. title phrase directly before (no comma)
    direct = _direct_role(_title_words_before(text[max(ss, pre_end - 160):pre_end]), run)
    if direct:
        return strip_role(direct)
    # 3.-5. appositives and "of" phrases; the first that matches decides, even if it
    # strips to nothing
    chunk = _appositive_before(text, ss, ns)
    if chunk is None:
        chunk = _appositive_after(text, ne, se)
    if chunk is None:
        chunk = _of_phrase_after(text, ne, se)
    if chunk is not None:
        return strip_role(chunk)
    return None


def _last_word(back: str, pos: int) -> Optional[tuple[int, int]]:
    """The span of group 1 of ``_WORD_BACK.search(back, 0, pos)``: the run of word characters
    (``\\w`` ’ ' . -) that only whitespace follows up to ``pos``, or None. Found from the end:
    the search from 0 tried every offset, for every word the title scan steps back over."""
    j = pos
    while j > 0 and back[j - 1].isspace():  # what \s matches
        j -= 1
    i = j
    while i > 0 and (back[i - 1].isalnum() or back[i - 1] in "_’'.-"):  # what \w matches, +’'.-
        i -= 1
    return (i, j) if i < j else None


def _title_words_before(back: str) -> list[str]:
    """The words of a title phrase ending ``back``, scanned backwards word by word."""
    words: list[str] = []
    free = 0
    pos = len(back)
    while True:
        span = _last_word(back, pos)
        if span is None:
            break
        w = back[span[0]:span[1]]
        # the gap after this word must be plain whitespace
        if back[span[1]:pos].strip():
            break
        lw = w.lower()
        ok = (
            is_title_word(w) or lw in ROLE_MODIFIERS or w[:1].isupper()
            or (lw.endswith(("’s", "'s")) and w[:1].isupper())
        )
        if lw in ("of", "on", "for", "and", "the"):
            ok = bool(words) and words[0][:1].isupper() and lw != "the" or (
                lw == "and" and bool(words) and is_title_word(words[0]))
        if not ok and free < 2 and words and w.isalpha() and w.islower() \
                and lw not in _ROLE_STOP and not lw.endswith("ed") and (
                    is_title_word(words[0]) or words[0].lower() in ROLE_MODIFIERS):
            ok = True  # "city spokeswoman", "economy secretary"
            free += 1
        if not ok or w[:1] in "“”\"‘(":
            break
        if w[:1].isupper() and lw in ("the", "a", "an", "on", "in", "at", "but", "and"):
            break
        if w in NOT_NAME_FIRST and not is_title_word(w) and w not in NAME_TITLES \
                and not w.endswith(("’s", "'s")):
            break
        words.insert(0, w)
        pos = span[0]
    while words and words[0].lower() in ("of", "on", "for", "and", "the"):
        words = words[1:]
    return words


def _direct_role(words: list[str], run: Optional[NameRun]) -> Optional[str]:
    """The title phrase before the name (if it holds a title word) joined with the title
    inside the run, honorifics dropped (they are not roles)."""
    direct = None
    if words and any(is_title_word(w) for w in words) and len(words) <= 10:
        direct = " ".join(words)
    if run is not None and run.title:
        t = _HONORIFIC.sub("", run.title).strip()
        if direct and t.rstrip(".") == "Dr":
            t = ""  # "lead author Dr Ingrid Solberg": the role is "lead author"
        if t:
            direct = f"{direct} {t}" if direct else t
    return direct


def _appositive_before(text: str, ss: int, ns: int) -> Optional[str]:
    """"..., the X's deputy secretary, Kenneth Merten": the chunk between the comma before
    the name and the punctuation before that."""
    if _APPOS_BEFORE.search(text, max(ss, ns - 3), ns):
        cpos = text.rfind(",", ss, ns)
        prev = max(text.rfind(",", ss, cpos), text.rfind(";", ss, cpos),
                   text.rfind(":", ss, cpos), text.rfind("“", ss, cpos),
                   text.rfind("”", ss, cpos), text.rfind('"', ss, cpos))
        chunk = text[(prev + 1) if prev >= 0 else ss:cpos]
        cw = chunk.split()
        if cw and len(cw) <= 16 and any(is_title_word(w.strip(",.")) for w in cw) \
                and not _VERBISH.search(chunk):
            return chunk
    return None


def _appositive_after(text: str, ne: int, se: int) -> Optional[str]:
    """"Jane Roe, a spokeswoman for the agency, said": a lower-case (or determiner-led)
    chunk with a title word and no verb."""
    m = _APPOS_AFTER.match(text, ne, se)
    if m:
        chunk = m.group("role")
        rel = _RELATIVE_IN_ROLE.search(chunk)
        if rel is not None and rel.start() > 0 and (
                rel.group(1) != "that" or _DETERMINER_FIRST.match(chunk)):
            # "a lawyer who represents the family": the role is the noun phrase before "who"
            # (the clause says what the person does or did, not what the person is)
            chunk = chunk[:rel.start()]
        cw = chunk.split()
        if len(cw) <= 16 and any(is_title_word(w.strip(",.")) for w in cw) \
                and cw[0].lower() not in _PREPOSITIONS \
                and not _VERBISH.search(chunk) and (
                    not chunk[:1].isupper() or chunk.lower().startswith(("the ", "a ", "an "))
                    or _POSSESSOR_FIRST.match(chunk)):
            return chunk
    return None


_RELATIVE_IN_ROLE = re.compile(r"\s+(who|whose|which|that)\s")
# ("that" only after a noun phrase: "a teacher at the school that ..."; after a verb it opens
# the verb's clause: "Margarita Simonyan, conveyed to Ms. Martin that ...", no role)
_DETERMINER_FIRST = re.compile(r"(?:a|an|the|his|her|their|its)\s", re.IGNORECASE)
# an aside opened by a preposition is no role: "Schilling, through a spokeswoman, declined"
_PREPOSITIONS = frozenset("through via by in with at from on for to under after before "
                          "during".split())
# "Acme's founder and chief executive": a capitalised possessor opening a lower-case role
_POSSESSOR_FIRST = re.compile(r"[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}(?:'s|’s)\s+[a-z]")


def _of_phrase_after(text: str, ne: int, se: int) -> Optional[str]:
    """"of the advocacy group Legal Aid Justice Center": a short phrase naming a body."""
    m = _OF_AFTER.match(text, ne, se)
    if m:
        chunk = m.group("role")
        cw = chunk.split()
        if len(cw) <= 12 and not _VERBISH.search(chunk) and any(
            w[:1].isupper() for w in cw
        ):
            return chunk
    return None


def entity_role(ent: _Entity, runs: Sequence[NameRun], run_starts: Sequence[int],
                role_of: Callable[[int, int, Optional[NameRun]], Optional[str]]
                ) -> Optional[str]:
    """The first role written at any mention of the entity; ``role_of(ns, ne, run)`` reads
    the role at one mention. Looked up once: the answer (even None) is kept on ``ent``."""
    if ent.role:
        return ent.role
    if ent.roles_checked:
        return None
    best = None
    for ms in ent.mentions:
        i = bisect.bisect_left(run_starts, ms)
        run = runs[i] if i < len(runs) and runs[i].start == ms else None
        r = role_of(ms, run.end if run else ms, run)
        if r:
            best = r
            break
    ent.roles_checked = True
    ent.role = best
    if best and ent.gender is None:
        ent.gender = role_gender(best)
    return best


def role_gender(role: str) -> Optional[str]:
    """The gender a role gives its holder, read before any "for/of/to ..." phrase: "a senior
    adviser for Mr. Hale" says nothing of the adviser's gender."""
    return gender_of(_ROLE_PHRASE.split(role, 1)[0])


_ROLE_PHRASE = re.compile(r"\s(?:for|of|to|with|at|from|under)\s")
