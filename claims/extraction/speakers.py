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

Capitalised runs and titles are read by ``names.py``; unnamed sources are kept by
``anonymous_sources.py``; the word lists are in ``lexicons/``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional, Sequence

from claims.extraction.anonymous_sources import (DETERMINERS, GROUP_NOUNS, AnonymousSources,
                                                 normalise_description)
from claims.extraction.names import (FUNCTION_FIRST, NAME_RUN, NAME_TITLES, NOT_NAME_FIRST,
                                     PLACE_WORDS, ROLE_MODIFIERS, TITLES, NameRun, analyse_run,
                                     classify_tokens, is_title_word)
from claims.extraction.spans import Attribution, Sentence
from claims.extraction.lexicons import load

__all__ = ["Speaker", "resolve_speakers", "SpeakerResolver", "normalise_description"]


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
_FEMALE = re.compile(
    r"\b(?:spokeswoman|chairwoman|congresswoman|councilwoman|businesswoman|Mrs\.?|Ms\.?|Miss|"
    r"Queen|Princess|wife|mother|daughter|sister|woman|she|her)\b", re.I)
_MALE = re.compile(
    r"\b(?:spokesman|chairman|congressman|councilman|businessman|Mr\.?|King|Prince|husband|"
    r"father|son|brother|man|he|him|his)\b", re.I)

# ----------------------------------------------------------------------------- patterns
_WS = re.compile(r"\s+")
_PREP_BEFORE = re.compile(r"\b(?:of|on|for|at|with|from|in|by|to)\s+$")
_COMMA = re.compile(r"[,;]")
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx)\b\.?")
# role-boundary words scanning backwards from a name
_WORD_BACK = re.compile(r"([\w’'.\-]+)\s*$")
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
    r"^(?:(?:the|a|an|and|but|also|then|on|in|at|last|this|early|late|earlier|later|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday)\b\s*)+",
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






def _strip_role(role: str) -> Optional[str]:
    role = _WS.sub(" ", role).strip()
    role = _LEAD_TRIM.sub("", role)
    role = _TRAIL_TRIM.sub("", role)
    return role or None




@dataclass
class _Entity:
    name: str
    type: str
    role: Optional[str] = None
    gender: Optional[str] = None
    mentions: list[int] = field(default_factory=list)  # start offsets of name mentions
    roles_checked: bool = False






class SpeakerResolver:
    """Per-report state: the index of names, the entity registry, the speaker history."""

    def __init__(self, text: str, sentences: Sequence[Sentence], start: int = 0):
        self.text = text
        self.sentences = list(sentences)
        self.sent_starts = [s.start for s in self.sentences]
        self.start = start
        self.runs: list[NameRun] = []
        runs = self.runs
        for m in NAME_RUN.finditer(text, start):
            tok = m.group(0)
            if " " not in tok and "\u00a0" not in tok:
                # fast path: one capitalised word
                if tok in FUNCTION_FIRST:
                    continue
                e = m.end()
                if tok.endswith(("’s", "'s")):
                    tok = tok[:-2]
                    e -= 2
                k = classify_tokens([tok])
                if k != "other":
                    runs.append(NameRun(m.start(), e, [tok], k))
                continue
            for r in analyse_run(text, m.start(), m.end()):
                if r.kind != "other":
                    runs.append(r)
        self.run_starts = [r.start for r in self.runs]
        # person index: full name -> entity; suffix (surname, "Pena Nieto") -> full names
        self.entities: dict[str, _Entity] = {}
        self.suffix: dict[str, list[str]] = {}
        for r in self.runs:
            if r.kind == "person" and len(r.tokens) >= 2:
                full = " ".join(r.tokens)
                ent = self.entities.get(full)
                if ent is None:
                    ent = self.entities[full] = _Entity(full, "person")
                    for k in range(1, len(r.tokens)):
                        self.suffix.setdefault(" ".join(r.tokens[k:]), []).append(full)
                    # first name alone is not indexed: too ambiguous
                ent.mentions.append(r.start)
        self.history: list[tuple[int, Speaker, Optional[str], bool, int]] = []
        # (sentence index, speaker, gender, plural, offset)
        self.anon = AnonymousSources(Speaker)

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
        """The role written around the name at [ns, ne), or None."""
        text = self.text
        ss, se = self.sentence_bounds(ns)
        # 1. title words inside the capitalised run before the name
        pre_end = ns
        if run is not None and run.title:
            pre_end = run.title_start
        # 2. title phrase directly before (no comma): scan words backwards
        back = text[max(ss, pre_end - 160):pre_end]
        words: list[str] = []
        free = 0
        pos = len(back)
        while True:
            m = _WORD_BACK.search(back, 0, pos)
            if not m:
                break
            w = m.group(1)
            # the gap after this word must be plain whitespace
            if back[m.end(1):pos].strip():
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
            pos = m.start(1)
        while words and words[0].lower() in ("of", "on", "for", "and", "the"):
            words = words[1:]
        direct = None
        if words and any(is_title_word(w) for w in words) and len(words) <= 10:
            direct = " ".join(words)
        if run is not None and run.title:
            t = _HONORIFIC.sub("", run.title).strip()
            if t:
                direct = f"{direct} {t}" if direct else t
        if direct:
            return _strip_role(direct)
        # 3. appositive before: "..., the X's deputy secretary, Kenneth Merten"
        if _APPOS_BEFORE.search(text, max(ss, ns - 3), ns):
            cpos = text.rfind(",", ss, ns)
            prev = max(text.rfind(",", ss, cpos), text.rfind(";", ss, cpos),
                       text.rfind(":", ss, cpos), text.rfind("“", ss, cpos),
                       text.rfind("”", ss, cpos), text.rfind('"', ss, cpos))
            chunk = text[(prev + 1) if prev >= 0 else ss:cpos]
            cw = chunk.split()
            if cw and len(cw) <= 16 and any(is_title_word(w.strip(",.")) for w in cw) \
                    and not _VERBISH.search(chunk):
                return _strip_role(chunk)
        # 4. appositive after: "Jane Roe, a spokeswoman for the agency, said"
        m = _APPOS_AFTER.match(text, ne, se)
        if m:
            chunk = m.group("role")
            cw = chunk.split()
            if len(cw) <= 16 and any(is_title_word(w.strip(",.")) for w in cw) \
                    and not _VERBISH.search(chunk) and (
                        not chunk[:1].isupper() or chunk.lower().startswith(("the ", "a ", "an "))):
                return _strip_role(chunk)
        # 5. "of the advocacy group Legal Aid Justice Center"
        m = _OF_AFTER.match(text, ne, se)
        if m:
            chunk = m.group("role")
            cw = chunk.split()
            if len(cw) <= 12 and not _VERBISH.search(chunk) and any(
                w[:1].isupper() for w in cw
            ):
                return _strip_role(chunk)
        return None

    def entity_role(self, ent: _Entity, before: Optional[int] = None) -> Optional[str]:
        """The first role written at any mention of the entity (before ``before`` first)."""
        if ent.role:
            return ent.role
        if ent.roles_checked:
            return None
        best = None
        for ms in ent.mentions:
            i = bisect.bisect_left(self.run_starts, ms)
            run = self.runs[i] if i < len(self.runs) and self.runs[i].start == ms else None
            r = self.role_at(ms, run.end if run else ms, run)
            if r:
                best = r
                break
        ent.roles_checked = True
        ent.role = best
        if best and ent.gender is None:
            ent.gender = _gender_of(best)
        return best

    def runs_in(self, a: int, b: int) -> list[NameRun]:
        i = bisect.bisect_left(self.run_starts, a)
        out = []
        while i < len(self.runs) and self.runs[i].start < b:
            if self.runs[i].end <= b:
                out.append(self.runs[i])
            i += 1
        return out

    def lookup_person(self, tokens: list[str], pos: int) -> Optional[_Entity]:
        key = " ".join(tokens)
        ent = self.entities.get(key)
        if ent is not None and len(tokens) >= 2:
            return ent
        fulls = self.suffix.get(key)
        if not fulls:
            return None
        # the full name mentioned most recently before pos, else the first one
        best, bestpos = None, -1
        for f in fulls:
            e = self.entities[f]
            for ms in e.mentions:
                if ms < pos and ms > bestpos:
                    best, bestpos = e, ms
        return best or self.entities[fulls[0]]

    # ------------------------------------------------------------------ resolution
    def _antecedent(self, kind: str, gender: Optional[str], pos: int) -> Optional[Speaker]:
        cur = self.sentence_of(pos)
        if kind == "person":
            # a person named earlier in the same sentence ("described Trump as ..., because
            # he believed"), unless the pronoun opens the sentence
            ss = self.sentences[cur].start if self.sentences else self.start
            if self.text[ss:pos].strip(" “\"‘'(") != "":
                sp = self._person_between(ss, pos, gender)
                if sp is not None:
                    return sp
            for si, sp, g, plural, off in reversed(self.history):
                if off >= pos:
                    continue
                if sp.type not in ("person", "anonymous") or plural:
                    continue
                if gender and g and g != gender:
                    continue
                if cur - si <= 3:
                    return sp
                break
            # nearest person named before, in this or the previous two sentences
            lo = self.sentences[max(cur - 2, 0)].start if self.sentences else self.start
            sp = self._person_between(lo, pos, gender)
            if sp is not None:
                return sp
            for si, sp, g, plural, off in reversed(self.history):
                if off < pos and sp.type in ("person", "anonymous") and not plural and not (
                        gender and g and g != gender):
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

    def _person_between(self, lo: int, pos: int, gender: Optional[str]) -> Optional[Speaker]:
        """The person named nearest before ``pos`` and at or after ``lo``."""
        i = bisect.bisect_left(self.run_starts, pos) - 1
        while i >= 0 and self.runs[i].start >= lo:
            r = self.runs[i]
            if r.kind in ("person", "single"):
                ent = self.lookup_person(r.tokens, r.start)
                if ent is not None and not (gender and ent.gender and ent.gender != gender):
                    return Speaker(ent.name, "person", self.entity_role(ent))
            i -= 1
        return None

    def resolve(self, a: int, b: int) -> tuple[Speaker, Optional[str], bool, Optional[str]]:
        """Resolve the source span [a, b): (speaker, gender, plural, role-only description)."""
        text = self.text
        raw = text[a:b]
        s = raw.strip(" ,;:.“”\"‘’'()")
        ls = s.lower()
        if ls in _PRONOUNS:
            kind, g = _PRONOUNS[ls]
            if kind == "first":
                return Speaker(None, "person", None), None, ls == "we", None
            sp = self._antecedent(kind, g, a)
            if sp is None:
                t = "organization" if kind == "organization" else (
                    "anonymous" if kind == "group" else "person")
                return Speaker(None, t, None), g, kind == "group", None
            gg = g if sp.type == "person" else None
            return sp, gg, kind == "group", None
        runs = self.runs_in(a, b)
        # a person name: the last one not governed by a preposition
        person = None
        for r in runs:
            if r.kind not in ("person", "single"):
                continue
            before = text[max(a, r.start - 5):r.start]
            if _PREP_BEFORE.search(before):
                continue
            if r.kind == "single":
                ent = self.lookup_person(r.tokens, r.start)
                if ent is None:
                    # a lone capitalised word: a surname unless it reads like a body
                    t0 = r.tokens[0]
                    if r.title is None and (t0 in NOT_NAME_FIRST or t0 in PLACE_WORDS
                                            or t0.lower() in GROUP_NOUNS
                                            or t0.lower() in TITLES):
                        continue
                person = (r, ent)
            else:
                person = (r, self.entities.get(" ".join(r.tokens)))
        if person is not None:
            r, ent = person
            role = self.role_at(r.start, r.end, r)
            if ent is not None:
                if role and not ent.role:
                    ent.role = role
                    ent.roles_checked = True
                if not role:
                    role = self.entity_role(ent, before=a)
                g = ent.gender or _gender_of(role or "") or _gender_of(raw)
                ent.gender = g
                return Speaker(ent.name, "person", role), g, False, None
            name = " ".join(r.tokens)
            g = _gender_of(role or "") or _gender_of(raw)
            return Speaker(name, "person", role), g, False, None
        # organization by name
        words = s.split()
        lw0 = words[0].lower() if words else ""
        org_runs = [r for r in runs if r.kind == "organization"]
        if org_runs:
            r = org_runs[0]
            name = _strip_role(text[r.start:org_runs[-1].end] if len(org_runs) > 1 and
                               not _COMMA.search(text, r.start, org_runs[-1].end)
                               else text[r.start:r.end])
            # people of a body ("State Department officials") are unnamed sources
            tail = text[org_runs[-1].end:b].strip().lower().split()
            if tail and tail[-1].strip(".,") in GROUP_NOUNS and tail[-1] not in _ORG_COMMON:
                desc = normalise_description(s)
                plural = tail[-1].endswith("s") or tail[-1] in ("people", "police", "staff")
                return self.anon.get(desc, plural)
            # "spokesman for the DHS" (no determiner, lower-case head) is a person's role
            if lw0 in DETERMINERS or (words and words[0][:1].isupper()):
                return Speaker(name, "organization", None), None, True, None
        last = words[-1].lower().strip(".,") if words else ""
        if not words:
            return Speaker(None, "anonymous", None), None, False, None
        # common-noun bodies: "the ministry", "the company"
        if last in _ORG_COMMON and lw0 in ("the", "its", "his", "her", "their"):
            ent = self._org_by_word(last, a)
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
            return Speaker(desc, "person", desc), _gender_of(desc), False, desc
        # anonymous / unnamed sources
        plural = last.endswith("s") and last not in ("boss", "press") or last in (
            "people", "police", "staff")
        if words[0][:1].isupper() and len(words) == 1 and last not in GROUP_NOUNS:
            # a lone capitalised word we could not place: "Mexico" -> the body it stands for
            return Speaker(s, "organization", None), None, False, None
        return self.anon.get(normalise_description(s), plural)

    def _org_by_word(self, word: str, pos: int) -> Optional[Speaker]:
        cap = word.capitalize()
        for si, sp, g, plural, off in reversed(self.history):
            if sp.type == "organization" and sp.name and cap in sp.name.split():
                return sp
        return None


def _gender_of(s: str) -> Optional[str]:
    if not s:
        return None
    f = _FEMALE.search(s)
    m = _MALE.search(s)
    if f and not m:
        return "f"
    if m and not f:
        return "m"
    return None


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
        out[i] = sp
        si = res.sentence_of(a)
        res.history.append((si, sp, g, plural, a))
        if desc is not None:
            role_only.append((i, si, desc))
    # role-only speakers: link backwards by title word, else forwards to a new name
    for i, si, desc in role_only:
        sp = out[i]
        head = desc.split()[-1].lower()
        linked: Optional[Speaker] = None
        a = attributions[i].source_span[0]
        best_pos = -1
        for ent in res.entities.values():
            first = min(ent.mentions) if ent.mentions else None
            if first is None or first >= a:
                continue
            r = res.entity_role(ent)
            if r and head in r.lower().split() and first > best_pos:
                linked, best_pos = Speaker(ent.name, "person", r), first
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
