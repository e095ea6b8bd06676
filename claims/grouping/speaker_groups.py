"""Group the speakers of statements across reports: one id per person or organisation.

"Pena Nieto", "Enrique Peña Nieto" and "President Enrique Pena Nieto" are one person: names are
compared by ``claims.normalize.name_tokens`` (accents, case, punctuation and leading titles
dropped; "Jr."/"Sr." kept, father and son being different people).

Persons. A name form ``s`` is *compatible* with a longer form ``l`` when both end with the same
surname (and the same suffix, if any) and the other words of ``s`` appear, in order, among the
other words of ``l`` (an initial matches a word with that initial): "pena nieto" and "nieto" are
compatible with "enrique pena nieto", "donald trump" is not with "ivanka trump". The forms that
no longer form is compatible with are the *full names*; each is a person. A shorter form joins
the one full name it is compatible with; when it is compatible with several ("Trump" with
"Donald Trump" and "Ivanka Trump"), it is resolved per report: it joins the one of them that
occurs in the same report, and when none or several do, it stays a speaker of its own -- so
different people who share a surname within one report are never merged -- whose id is that of
a stored speaker holding that form alone, never that of a stored person who took the form as an
alias while it was the only one with the surname.

Organisations are grouped by their normalised name without a leading "the". Anonymous
speakers ("a senior official") are grouped only within one report. Statements of kind "claim",
of speaker_type "report", or without a speaker_name get no speaker id.

Speaker ids are ``"P" + 8 upper-case hex`` of sha1 of the speaker's *anchor*: for a person the
first and last word of the full name ("donald trump" for "Donald J. Trump"), so adding reports
that bring a middle name or a title does not change the id; for an organisation its normalised
name; for an anonymous speaker report and description. ``previous`` (speaker_id, name, aliases)
makes ids fully stable: a group holding a previously seen form keeps that speaker's id, and the
previous names take part in the grouping (a bare "Nieto" joins a previously seen
"Enrique Pena Nieto").

``SpeakerIndex`` holds the stored speakers (bounded by their number, with a surname index, and
their person name forms indexed by surname and initials in ``PersonForms``, so a batch's name is
compared with the few stored forms that can be compatible with it, not with every stored name
sharing its surname) and ``group_speakers_compact`` groups a new batch against it, one statement
per distinct speaker, with the same result as comparing every stored form.
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, Iterable, Optional, Sequence

import numpy as np
import pandas as pd

from claims.normalize import (NAME_SUFFIXES, name_key, name_keys, normalize_name_text, normalize_texts,
                              prime_names)

__all__ = ["SpeakerGroups", "SpeakerIndex", "group_speakers", "group_speakers_compact",
           "speaker_id_for", "compatible_names"]


@dataclass
class SpeakerGroups:
    assignments: pd.DataFrame  # statement_id, speaker_id (None for claims / report speakers)
    speakers: pd.DataFrame  # speaker_id, name, aliases, type, roles, n_statements, reports


def speaker_id_for(anchor: str, salt: int = 0) -> str:
    data = anchor if not salt else f"{anchor}\x00{salt}"
    return "P" + hashlib.sha1(data.encode("utf-8")).hexdigest()[:8].upper()


def _split(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], str, str]:
    """(given names, surname, suffix)."""
    suffix = ""
    if len(tokens) > 1 and tokens[-1] in NAME_SUFFIXES:
        suffix = tokens[-1]
        tokens = tokens[:-1]
    return tokens[:-1], tokens[-1], suffix


def compatible_names(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Whether the name form *short* can denote the person named *long* (see module doc)."""
    if not short or not long or len(short) > len(long):
        return False
    gs, ss, xs = _split(short)
    gl, sl, xl = _split(long)
    if ss != sl or xs != xl:
        return False
    return _given_compatible(gs, gl)


def _given_compatible(gs: tuple[str, ...], gl: tuple[str, ...]) -> bool:
    """compatible_names for two forms of one surname and suffix, given their given names: those
    of the shorter form are, in order, words of the longer's, or initials of them (or the reverse)."""
    i = 0
    for w in gs:
        while i < len(gl) and not (gl[i] == w or (len(w) == 1 and gl[i][0] == w)
                                   or (len(gl[i]) == 1 and w[0] == gl[i])):
            i += 1
        if i == len(gl):
            return False
        i += 1
    return True


def _clean(v):
    if v is None or (isinstance(v, float) and v != v):
        return None
    return v


def _col(df: pd.DataFrame, name: str) -> list:
    if name not in df.columns:
        return [None] * len(df)
    return [_clean(v) for v in df[name].tolist()]


def group_speakers(statements: pd.DataFrame, *,
                   previous: Optional[pd.DataFrame] = None) -> SpeakerGroups:
    """Group the speakers of *statements* (see the module docstring).

    statements needs: id, report, kind, speaker_name, speaker_type; speaker_role and speaker
    are used when present. previous: optional DataFrame (speaker_id, name, aliases)."""
    prev_forms, prev_name = _previous_forms(previous)
    return _group(statements, prev_forms, prev_name)


def _group(statements: pd.DataFrame, prev_forms: dict, prev_name: dict,
           forms: Optional["PersonForms"] = None) -> SpeakerGroups:
    """group_speakers with the previous speakers' forms already keyed (``_previous_forms``).
    ``forms``: the stored person forms, indexed (``PersonForms``); then the full names are
    looked up in it instead of comparing every form sharing a surname (same result)."""
    sid = [str(x) for x in _col(statements, "id")]
    report = [None if x is None else str(x) for x in _col(statements, "report")]
    sname = _col(statements, "speaker_name")
    stype = _col(statements, "speaker_type")
    srole = _col(statements, "speaker_role")
    keys = _statement_keys(report, _col(statements, "kind"), sname, stype)
    full_of = _full_names(keys, prev_forms) if forms is None else forms.full_names(keys, prev_forms)
    ent = _entities(keys, report, full_of)
    members: dict[tuple, list[int]] = defaultdict(list)
    for i, e in enumerate(ent):
        if e is not None:
            members[e].append(i)
    id_of = _speaker_ids(members, full_of, prev_forms, prev_name)
    assignments = pd.DataFrame({
        "statement_id": pd.Series(sid, dtype=object),
        "speaker_id": pd.Series([id_of[e] if e is not None else None for e in ent], dtype=object)})
    rows = [_speaker_row(e, members[e], id_of[e], sname, stype, srole, report, prev_name)
            for e in sorted(members, key=lambda e: members[e][0])]  # order of first statement
    speakers = pd.DataFrame(rows, columns=["speaker_id", "name", "aliases", "type", "roles",
                                           "n_statements", "reports"])
    return SpeakerGroups(assignments=assignments, speakers=speakers)


def _statement_keys(report, kind, sname, stype) -> list:
    """Group key of each statement: ("person", tokens) / ("org", name) / ("anon", report, name),
    None for statements that get no speaker."""
    keys: list = [None] * len(sname)
    for i, name in enumerate(sname):
        if kind[i] == "claim" or stype[i] == "report" or not name or not str(name).strip():
            continue
        t = stype[i] or "person"
        if t == "person":
            toks = name_key(str(name))
            if toks:
                keys[i] = ("person", toks)
        elif t == "organization":
            norm = normalize_name_text(str(name))
            if norm.startswith("the "):
                norm = norm[4:]
            if norm:
                keys[i] = ("org", norm)
        else:
            norm = normalize_name_text(str(name))
            if norm:
                keys[i] = ("anon", report[i] or "", norm)
    return keys


def _previous_forms(previous) -> tuple[dict, dict]:
    """The previous speakers' forms, which take part in the grouping: (key -> previous ids, in
    order, and previous id -> name)."""
    prev_forms: dict[tuple, list[str]] = defaultdict(list)  # key -> previous ids
    prev_seen: dict[tuple, set] = defaultdict(set)  # the same as sets: a membership test per form,
    # not a scan of a list that grows with the stored speakers ("a senior official" in every report)
    prev_name: dict[str, str] = {}

    def _register(key: tuple, pid: str) -> None:
        if pid not in prev_seen[key]:
            prev_seen[key].add(pid)
            prev_forms[key].append(pid)

    if previous is None or not len(previous):
        return prev_forms, prev_name
    for pid, pname, paliases in zip(previous["speaker_id"].tolist(), previous["name"].tolist(),
                                    previous["aliases"].tolist() if "aliases" in previous.columns
                                    else [None] * len(previous)):
        pid = str(pid)
        prev_name[pid] = pname
        for key in _form_keys(pname, paliases):
            _register(key, pid)
    return prev_forms, prev_name


def _form_keys(name: Any, aliases: Any, key_of=name_key, norm_of=normalize_name_text) -> list[tuple]:
    """The group keys a stored speaker's name and aliases take part in the grouping with, in
    order, once each: ("person", tokens) and ("org", name without "the"). ``key_of`` and
    ``norm_of``: name_key and normalize_name_text, or lookups of them computed in bulk."""
    forms = [name] + (list(aliases) if isinstance(aliases, (list, tuple, np.ndarray)) else [])
    return _extend_form_keys((), forms, key_of, norm_of)


def _extend_form_keys(keys_before: tuple, forms: Iterable[Any], key_of=name_key,
                      norm_of=normalize_name_text) -> list[tuple]:
    """``_form_keys`` of a speaker's forms when more forms come after those that gave
    ``keys_before``: a stored speaker's aliases grow batch after batch (one that speaks in
    every report gains some each time), and keying all of them again each time grew with them."""
    keys: dict[tuple, None] = {k: None for k in keys_before if k[0] != "person?"}
    for f in forms:
        f = _clean(f)
        if not f:
            continue
        toks = key_of(str(f))
        if toks:
            keys[("person", toks)] = None
        norm = norm_of(str(f))
        norm = norm[4:] if norm.startswith("the ") else norm
        if norm:
            keys[("org", norm)] = None
    person = [k[1] for k in keys if k[0] == "person"]
    if len(person) == 1:
        # a speaker that is this one form and nothing else ("Quillfeather", kept apart when
        # the surname was ambiguous): the only stored speaker an ambiguous form may take the id
        # of (_prev_ids_of); a speaker that also holds a full name is that person
        keys[("person?", person[0])] = None
    return list(keys)


def _full_names(keys, prev_forms) -> dict:
    """Person form -> the full names it is compatible with (itself when it is one)."""
    person_forms = {k[1] for k in keys if k is not None and k[0] == "person"}
    all_forms = person_forms | {k[1] for k in prev_forms if k[0] == "person"}
    by_surname: dict[tuple[str, str], list[tuple[str, ...]]] = defaultdict(list)
    for f in all_forms:
        _, sur, suf = _split(f)
        by_surname[(sur, suf)].append(f)
    full_of: dict[tuple, list[tuple]] = {}  # form -> full names it is compatible with
    for bucket in by_surname.values():
        # Longest first: the forms longer than f are a prefix of the bucket, so each form is
        # compared with the longer forms only, not with the whole bucket (a surname shared by
        # thousands of stored two-word names -- "Clinton" -- made this quadratic, issue 12).
        bucket.sort(key=lambda f: (-len(f), f))
        prefix = 0  # forms before this index are longer than the current one
        for i, f in enumerate(bucket):
            if i and len(bucket[i - 1]) > len(f):
                prefix = i
            full_of[f] = [g for g in bucket[:prefix] if compatible_names(f, g)]
    maximal = {f for f, longer in full_of.items() if not longer}
    for f, longer in full_of.items():  # keep only the full names
        full_of[f] = sorted(g for g in longer if g in maximal) or [f]
    return full_of


def _entities(keys, report, full_of) -> list:
    """Entity key of each statement; an ambiguous short form is resolved by the full names
    present in its report."""
    fulls_in_report: dict[str, set] = defaultdict(set)
    for i, k in enumerate(keys):
        if k is not None and k[0] == "person" and len(full_of[k[1]]) == 1:
            fulls_in_report[report[i] or ""].add(full_of[k[1]][0])
    ent: list = [None] * len(keys)
    full_sets: dict[tuple, set] = {}
    for i, k in enumerate(keys):
        if k is None:
            continue
        if k[0] != "person":
            ent[i] = k
            continue
        fulls = full_of[k[1]]
        if len(fulls) == 1:
            ent[i] = ("person", fulls[0])
            continue
        # the report's full names among the form's: the report has few, the form may have
        # thousands (a bare surname shared by many stored people)
        in_report = fulls_in_report[report[i] or ""]
        if len(in_report) < len(fulls):
            fset = fulls if isinstance(fulls, _FullNames) else full_sets.get(k[1])
            if fset is None:
                fset = full_sets[k[1]] = set(fulls)
            here = sorted(g for g in in_report if g in fset)
        else:
            here = [g for g in fulls if g in in_report]
        ent[i] = ("person", here[0]) if len(here) == 1 else ("person?", k[1])
    return ent


def _anchor(e) -> str:
    if e[0] == "person":
        toks = e[1]
        given, sur, suf = _split(toks)
        core = ((given[0],) if given else ()) + (sur,) + ((suf,) if suf else ())
        return "person:" + " ".join(core)
    if e[0] == "person?":
        return "person?:" + " ".join(e[1])
    if e[0] == "org":
        return "org:" + e[1]
    return "anon:" + e[1] + ":" + e[2]


def _prev_ids_of(e, forms_of_full, prev_forms) -> Counter:
    """Previous ids sharing a form with the entity, weighted by the form's length (only the
    forms that belong to it unambiguously).

    An ambiguous form ("person?": a bare surname several stored full names share) takes only
    the id of a stored speaker that is that form alone, never that of a person who once took
    the form as an alias ("Quillfeather" when Marta was the only Quillfeather): a wrong speaker
    is worse than a missing one, and which of several such persons it would be depended on
    their ids, not on the reports."""
    c: Counter = Counter()
    if e[0] == "person":
        keys = [("person", f) for f in forms_of_full.get(e[1], ())]
    elif e[0] == "person?":
        keys = [("person?", e[1])]
    elif e[0] == "org":
        keys = [e]
    else:
        return c
    for key in keys:
        for pid in prev_forms.get(key, []):
            c[pid] += len(key[1]) if key[0] != "org" else 1
    return c


def _speaker_ids(members, full_of, prev_forms, prev_name) -> dict:
    """Entity -> speaker id: previous ids first, to the entity that shares the most forms with
    them; the others by the sha1 of their anchor."""
    # full name -> the forms that belong to it unambiguously (one pass, not one per entity)
    forms_of_full: dict[tuple, set] = defaultdict(set)
    for f, full in full_of.items():
        if len(full) == 1:
            forms_of_full[full[0]].add(f)
    ents = sorted(members, key=lambda e: (_anchor(e), repr(e)))
    taken: set[str] = set()
    id_of: dict = {}
    # (weight, statements, previous id, the entity's rank in ``ents``): the rank orders as its
    # (anchor, repr) did, without making both strings again for each of the entity's previous
    # ids (on an archive a person's full name has a dozen shorter forms, each another speaker's)
    claims_prev = []
    for rank, e in enumerate(ents):
        if e[0] in ("person", "org", "person?"):
            size = -len(members[e])
            for pid, cnt in _prev_ids_of(e, forms_of_full, prev_forms).items():
                claims_prev.append((-cnt, size, pid, rank))
    claims_prev.sort()
    for _, _, pid, rank in claims_prev:
        e = ents[rank]
        if e in id_of or pid in taken:
            continue
        id_of[e] = pid
        taken.add(pid)
    for e in ents:
        if e in id_of:
            continue
        a, salt = _anchor(e), 0
        pid = speaker_id_for(a)
        while pid in taken or pid in prev_name:
            salt += 1
            pid = speaker_id_for(a + "|" + repr(e), salt)
        taken.add(pid)
        id_of[e] = pid
    return id_of


def _speaker_row(e, idx, speaker_id, sname, stype, srole, report, prev_name) -> dict:
    counts: dict[str, int] = {}  # alias -> occurrences, in order of first occurrence
    for i in idx:
        a = str(sname[i]).strip()
        counts[a] = counts.get(a, 0) + 1
    aliases = list(counts)
    if e[0] == "person":
        full = [a for a in aliases if name_key(a) == e[1]] or aliases
    else:
        full = aliases
    name = min(full, key=lambda a: (len(normalize_name_text(a).split()), -counts[a],
                                    a.isascii(), a))
    if e[0] == "person" and speaker_id in prev_name and prev_name[speaker_id] and \
            len(name_key(str(prev_name[speaker_id]))) > len(e[1]):
        name = str(prev_name[speaker_id])  # a fuller previous form
    types: dict[str, int] = {}
    for i in idx:
        t = stype[i] or "person"
        types[t] = types.get(t, 0) + 1
    return {
        "speaker_id": speaker_id,
        "name": name,
        "aliases": aliases,
        "type": max(types.items(), key=itemgetter(1))[0],  # = Counter.most_common(1): first of the most frequent
        "roles": list(dict.fromkeys(str(srole[i]) for i in idx if srole[i])),
        "n_statements": len(idx),
        "reports": list(dict.fromkeys(report[i] for i in idx if report[i] is not None)),
    }


# --- incremental: the stored speakers and a batch against them --------------------------------


def _initial_keys(given: tuple[str, ...]) -> set[str]:
    return {w[0] for w in given}


PATTERN_MAX_GIVEN = 6  # a form with more given names is compared with its bucket (2**7 choices)


def _patterns(given: tuple[str, ...]) -> list[tuple]:
    """The (mask, *pattern) keys of a form's given names (``PersonForms.by_pattern``): for each
    mask but the one keeping every word (such forms are looked up whole), the given names with
    those whose bit is not set cut to their initial. None for PATTERN_MAX_GIVEN given names or
    more: such a form is shorter than no form looked up by pattern."""
    m = len(given)
    if m >= PATTERN_MAX_GIVEN:
        return []
    return [(mask, *(w if mask >> j & 1 else w[0] for j, w in enumerate(given)))
            for mask in range((1 << m) - 1)]


def _choices(n: int) -> list[tuple[int, ...]]:
    """The increasing tuples of fewer than n of the positions 0 .. n-1."""
    out: list[tuple[int, ...]] = [()]
    for i in range(n):
        out += [t + (i,) for t in out]
    return [t for t in out if len(t) < n]


def _spellings(words: list[str]) -> list[tuple[str, ...]]:
    """How a shorter form's given names can spell the chosen ones of a longer form: a word
    whole or as its initial; an initial as itself (in a pattern: any word with it)."""
    out: list[tuple[str, ...]] = [()]
    for w in words:
        out = [t + (v,) for t in out for v in ((w, w[0]) if len(w) > 1 else (w,))]
    return out


class _FreshForms:
    """A batch's new person forms of one surname bucket, indexed like PersonForms' stored ones:
    ``longer_than(f)`` gives, in the batch's order, the forms that can be longer forms of f's
    person (those sharing f's first given name or its initial, or with a given name starting
    with f's initial; all of them for a bare surname), which ``PersonForms._longer`` then checks
    with ``compatible_names``: the same forms it finds among all of them, without comparing
    each with every other."""

    def __init__(self, forms: list) -> None:
        self.forms = forms
        self.position = {f: i for i, f in enumerate(forms)}
        self.by_word: dict[str, list] = {}
        self.by_initial: dict[str, list] = {}
        for f in forms:
            given = _split(f)[0]
            if len(given) >= 2:  # only these can be longer than a form with given names
                for c in _initial_keys(given):
                    self.by_initial.setdefault(c, []).append(f)
                for w in set(given):
                    self.by_word.setdefault(w, []).append(f)

    def longer_than(self, f: tuple) -> Sequence:
        given = _split(f)[0]
        if not given:
            return self.forms
        first = given[0]
        if len(first) == 1:
            return self.by_initial.get(first, ())
        whole, initial = self.by_word.get(first, ()), self.by_word.get(first[0], ())
        if not initial:
            return whole
        if not whole:
            return initial
        return sorted(set(whole).union(initial), key=self.position.__getitem__)


class _FullNames:
    """The full names a bare surname is compatible with, as a batch sees them: the bucket's
    stored full names (``base``, not copied: thousands for "Clinton") less ``minus`` plus
    ``plus``. Only its size and membership are asked for (``_entities``); iterating sorts.
    Valid until the next ``PersonForms.add``."""

    __slots__ = ("base", "minus", "plus", "n")

    def __init__(self, base: set, minus: set, plus: set, n: int) -> None:
        self.base, self.minus, self.plus, self.n = base, minus, plus, n

    def __len__(self) -> int:
        return self.n

    def __contains__(self, g: object) -> bool:
        return g in self.plus or (g in self.base and g not in self.minus)

    def __iter__(self):
        return iter(sorted([g for g in self.base if g not in self.minus] + list(self.plus)))


class PersonForms:
    """Every stored person form (name tokens, as keyed by ``_form_keys``), by surname, with what
    ``_full_names`` needs without comparing a new form with every form sharing its surname
    (thousands for "Clinton" in a large archive, issue 12):

    * ``covered``: the stored forms that a longer stored form is compatible with (not full
      names), and ``full``: per surname, the other stored forms -- the full names. Functions of
      the set of forms (not of the order they came in), kept current as forms are added; a bare
      surname is compatible with every longer form of its surname, so ``full`` is what deciding
      it needs, whatever the number of stored forms;
    * per surname, the forms of 3+ words by each given name (``by_word``) and by the initials
      of their given names (``by_initial``): a form longer than *f* that *f* is compatible with
      has f's first given name or its initial (or, when that is an initial, a given name with
      it), so only those are compared; and every form of fewer than ``PATTERN_MAX_GIVEN``
      given names by its *patterns* (``by_pattern``): its given names with some of them cut to
      their initial. A form shorter than *g* and compatible with it has given names that
      match, in order, some of *g*'s: a word of *g* by itself or its initial, an initial of *g*
      by any word with that initial. So the forms shorter than *g* are looked up by the pattern
      each choice of *g*'s given names gives (``_shorter``), not found by comparing *g* with
      every form sharing its initials: on an archive a surname gathers hundreds of stored
      "H... Clinton" forms, and that comparing grew with it (issue 12).

    ``full_names(keys)`` returns what ``_full_names(keys, prev_forms)`` returns for the batch's
    forms (and, for the stored forms that can only denote one full name among the batch's,
    that name), when prev_forms holds the stored forms of the batch's surnames; a bare
    surname's several full names come as a ``_FullNames`` view, not a sorted list."""

    def __init__(self) -> None:
        self.forms: dict[tuple, set] = {}  # (surname, suffix) -> forms
        self.by_initial: dict[tuple, dict[str, set]] = {}  # (surname, suffix) -> initial -> 3+ word forms
        self.by_word: dict[tuple, dict[str, set]] = {}  # (surname, suffix) -> given name -> 3+ word forms
        # (surname, suffix, mask, *pattern) -> the form (a tuple) or the forms (a set) with
        # that pattern: see ``_patterns``
        self.by_pattern: dict[tuple, Any] = {}
        self.full: dict[tuple, set] = {}  # (surname, suffix) -> stored forms not covered
        self.covered: set[tuple] = set()

    @staticmethod
    def _bucket(f: tuple) -> tuple:
        given, sur, suf = _split(f)
        return sur, suf

    def _longer(self, b: tuple, f: tuple, extra: Iterable[tuple] = ()) -> list[tuple]:
        """Forms of bucket b (stored, plus ``extra``) longer than f that f is compatible with."""
        given, _, _ = _split(f)
        if given and len(given[0]) > 1:  # candidates have f's first given name, or its initial
            words = self.by_word.get(b, {})
            pool: Iterable = words.get(given[0], set()) | words.get(given[0][0], set())
        elif given:  # an initial: candidates have a given name with it
            pool = self.by_initial.get(b, {}).get(given[0], ())
        else:
            pool = self.forms.get(b, ())
        # every form of the bucket has its surname and suffix: only given names are compared
        # (compatible_names would split both forms again, for each of the pool's forms)
        cut, n = (-2 if b[1] else -1), len(f)  # the surname and suffix follow the given names
        out = [g for g in pool if len(g) > n and _given_compatible(given, g[:cut])]
        out.extend(g for g in extra if len(g) > n and _given_compatible(given, g[:cut]))
        return out

    def _shorter(self, b: tuple, g: tuple) -> list[tuple]:
        """Stored forms of bucket b shorter than g that are compatible with g."""
        given, sur, suf = _split(g)
        tail = (sur,) + ((suf,) if suf else ())
        stored = self.forms.get(b, set())
        cut = -len(tail)  # forms of the bucket: their given names are f[:cut]
        if len(given) > PATTERN_MAX_GIVEN:  # 2**7 choices: compare
            return [f for f in stored if len(f) < len(g) and _given_compatible(f[:cut], given)]
        # f's given names match, in order, a choice of fewer of g's: a word of g by itself or
        # its initial (then f is known: looked up in ``stored``), an initial of g by any word
        # with it (then f is looked up by its pattern, those words cut to their initial)
        found: dict[tuple, None] = {}
        by_pattern = self.by_pattern
        for chosen in _choices(len(given)):
            words = [given[i] for i in chosen]
            mask = 0
            for j, w in enumerate(words):
                if len(w) > 1:
                    mask |= 1 << j
            whole = mask == (1 << len(words)) - 1
            for t in _spellings(words):
                if whole:
                    f = t + tail
                    if f in stored:
                        found[f] = None
                else:
                    got = by_pattern.get(b + (mask, *t))
                    if got is None:
                        continue
                    if type(got) is tuple:
                        found[got] = None
                    else:
                        found.update(dict.fromkeys(got))
        return list(found)  # all compatible with g (test_shorter_forms_looked_up_by_pattern...)

    def add(self, f: tuple) -> None:
        b = self._bucket(f)
        if b[0] == "the":  # not indexed: see full_names
            return
        bucket = self.forms.setdefault(b, set())
        if f in bucket:
            return
        full = self.full.setdefault(b, set())
        given = _split(f)[0]
        if (any(len(g) > len(f) for g in full) if not given  # a bare surname: any longer form
                else self._longer(b, f)):
            self.covered.add(f)
        else:
            full.add(f)
        for d in self._shorter(b, f):
            self.covered.add(d)
            full.discard(d)
        bucket.add(f)
        by_pattern = self.by_pattern
        for key in _patterns(given):
            key = b + key
            got = by_pattern.get(key)
            if got is None:  # most patterns are one form's: the form, not a set (~200 bytes)
                by_pattern[key] = f
            elif type(got) is tuple:
                if got != f:
                    by_pattern[key] = {got, f}
            else:
                got.add(f)
        if len(given) >= 2:  # only these can be longer than a form with given names
            for c in _initial_keys(given):
                self.by_initial.setdefault(b, {}).setdefault(c, set()).add(f)
            for w in given:
                self.by_word.setdefault(b, {}).setdefault(w, set()).add(f)

    def _bare(self, b: tuple, f: tuple, lost: set, fresh_full: set) -> Any:
        """The full names the bare surname f is compatible with: every full name of its bucket
        but itself -- the stored ones the batch does not cover (``lost``) and the batch's own
        (``fresh_full``). A list when there is at most one, else a ``_FullNames`` view."""
        base = self.full.get(b, set())
        minus = lost | {f} if f in base else lost
        plus = fresh_full - {f}
        n = len(base) - len(minus) + len(plus)  # minus is a subset of base, plus disjoint from it
        if n == 0:
            return [f]
        if n == 1:
            if plus:
                return list(plus)
            return [next(g for g in base if g not in minus)]
        return _FullNames(base, minus, plus, n)

    def full_names(self, keys, prev_forms: Any) -> dict:
        new = {k[1] for k in keys if k is not None and k[0] == "person"}
        by_b: dict[tuple, list] = defaultdict(list)
        for f in new:
            by_b[self._bucket(f)].append(f)
        full_of: dict[tuple, Any] = {}
        # A "surname" "the" (a garbled name, "O. The"): the stored speakers looked up for a batch
        # are found by their last word other than "the" (SpeakerIndex._keys), so such a bucket
        # holds only some of the stored forms ending in "the": compared the slow way, among those
        # (only the forms of that bucket: _full_names compares within a surname)
        the = [("person", f) for b, fs in by_b.items() if b[0] == "the" for f in fs]
        if the:
            the_prev = {k: v for k, v in _person_forms_of_bucket(prev_forms, "the")}
            full_of.update((f, v) for f, v in _full_names(the, the_prev).items() if self._bucket(f)[0] == "the")
        for b, fs in by_b.items():
            if b[0] == "the":
                continue
            stored = self.forms.get(b, set())
            stored_full = self.full.get(b, set())
            fresh = [f for f in fs if f not in stored]
            # the stored full names a longer form of the batch is compatible with: not full now
            lost = {d for h in fresh for d in self._shorter(b, h) if d in stored_full}
            fresh_max: dict[tuple, bool] = {}
            # the batch's new forms of the bucket, indexed as the stored ones are: a common
            # surname brings dozens per batch, and comparing each with all the others was most
            # of the speakers' time on an archive
            longer_fresh = _FreshForms(fresh).longer_than

            def maximal(g, b=b, stored=stored, stored_full=stored_full, lost=lost,
                        fresh_max=fresh_max, longer_fresh=longer_fresh) -> bool:
                if g in stored:
                    return g in stored_full and g not in lost
                m = fresh_max.get(g)
                if m is None:
                    m = fresh_max[g] = not self._longer(b, g, longer_fresh(g))
                return m

            fresh_full = {h for h in fresh if maximal(h)}
            for f in fs:
                if not _split(f)[0]:
                    full_of[f] = self._bare(b, f, lost, fresh_full)
                    continue
                longer = self._longer(b, f, longer_fresh(f))
                full_of[f] = sorted(g for g in longer if maximal(g)) or [f]
            # stored forms shorter than a full name the batch may take, that only it can denote:
            # their speakers' ids go to that full name (_speaker_ids)
            for e in sorted({full_of[f][0] for f in fs if len(full_of[f]) == 1}):
                full_of.setdefault(e, [e])  # a full name is its own
                for d in self._shorter(b, e):
                    if d in full_of:
                        continue
                    if not _split(d)[0]:
                        full_of[d] = self._bare(b, d, lost, fresh_full)  # e among them
                        continue
                    other = None
                    for g in self._longer(b, d, longer_fresh(d)):
                        if g != e and maximal(g):
                            other = g
                            break
                    full_of[d] = [e] if other is None else sorted([e, other])
        return full_of


class SpeakerIndex:
    """The stored speakers (id, name, aliases, type, roles), bounded by the number of speakers,
    with a surname index: group_speakers only needs the previous speakers sharing a last name
    word (persons match on the surname, organisations on their whole name) with the new ones."""

    def __init__(self) -> None:
        self.rows: dict[str, tuple] = {}  # speaker id -> (name, aliases, type, roles)
        # speaker id -> its group keys (_form_keys), computed once when the speaker is added or
        # changed, not per batch: a common surname brings thousands of stored speakers to
        # every batch
        self.form_keys: dict[str, tuple] = {}
        # group key -> the speaker that has it (a str), or the speakers (a set) when several
        # do: most keys have one speaker, and a set costs ~200 bytes (issue 12: memory per
        # stored speaker)
        self.ids_of_key: dict[tuple, Any] = {}
        self.the_keys: set[tuple] = set()  # person keys with the "surname" "the" (full_names)
        self.tokens_of: dict[str, tuple] = {}  # speaker id -> its surname keys (_keys)
        self.person_forms = PersonForms()

    def __len__(self) -> int:
        return len(self.rows)

    def __contains__(self, speaker_id: str) -> bool:
        return speaker_id in self.rows

    @staticmethod
    def _keys(name: Any, key_of=name_key) -> list[str]:
        """The surname (last word, with the suffix: "Jr."): only names sharing it can be the
        same speaker (group_speakers compares names by surname), so a batch looks up the stored
        speakers of its surnames only, not every "John" ever stored (issue 12: that grew with
        the database)."""
        toks = [t for t in key_of(str(name)) if t != "the"] if name else []
        if len(toks) > 1 and toks[-1] in NAME_SUFFIXES:
            return toks[-2:]
        return toks[-1:]

    def add(self, rows: Iterable[tuple], *, key_of=name_key, norm_of=normalize_name_text) -> None:
        """Add or replace speakers: (speaker_id, name, aliases, type, roles) tuples, aliases and
        roles as lists. (``key_of``, ``norm_of``: see ``add_many``.)"""
        ids_of_key = self.ids_of_key
        for sid, name, aliases, typ, roles in rows:
            aliases = list(aliases or [])
            before = self.rows.get(sid)
            old_keys = self.form_keys.get(sid, ())
            self.rows[sid] = (name, aliases, typ, list(roles or []))
            if before is not None and before[0] == name and aliases[:len(before[1])] == before[1]:
                # the usual update: the same name, aliases added after the stored ones
                added = aliases[len(before[1]):]
                fk = tuple(_extend_form_keys(old_keys, added, key_of, norm_of))
                forms = [name, *added]
            else:
                fk = tuple(_form_keys(name, aliases, key_of, norm_of))
                forms = [name, *aliases]
            new_keys = set(fk)
            for key in old_keys:  # replaced: its old keys go
                if key in new_keys:
                    continue
                got = ids_of_key[key]
                if type(got) is str:
                    if got == sid:
                        del ids_of_key[key]
                else:
                    got.discard(sid)
            self.form_keys[sid] = fk
            kept = set(old_keys)
            for key in fk:
                if key in kept:  # stays, with this speaker
                    continue
                got = ids_of_key.get(key)
                if got is None:
                    ids_of_key[key] = sid
                elif type(got) is str:
                    if got != sid:
                        ids_of_key[key] = {got, sid}
                else:
                    got.add(sid)
                if key[0] == "person":
                    self.person_forms.add(key[1])
                    if _split(key[1])[1] == "the":
                        self.the_keys.add(key)
            tokens = dict.fromkeys(self.tokens_of.get(sid, ()))
            for form in forms:
                tokens.update(dict.fromkeys(self._keys(form, key_of)))
            self.tokens_of[sid] = tuple(tokens)

    def add_many(self, rows: Iterable[tuple]) -> None:
        """``add`` for many speakers (the start of a run): the same index, every name and alias
        normalised in one call first (one at a time, half a million speakers' forms cost
        ~20 s of call overhead, and overflow the caches of name_key)."""
        rows = rows if isinstance(rows, list) else list(rows)
        for s in range(0, len(rows), 50_000):  # the lookups of 50,000 speakers at a time
            part = rows[s:s + 50_000]
            forms = list({str(f) for _, name, aliases, _, _ in part for f in (name, *(aliases or ())) if f})
            key_of = dict(zip(forms, name_keys(forms))).__getitem__
            norm_of = dict(zip(forms, normalize_texts(forms))).__getitem__
            self.add(part, key_of=key_of, norm_of=norm_of)

    def _batch_tokens(self, statements: pd.DataFrame) -> set:
        tokens: set = set()
        if "speaker_name" in statements.columns:
            for name in set(x for x in statements["speaker_name"].tolist() if isinstance(x, str) and x.strip()):
                tokens.update(self._keys(name))
        return tokens

    def _wanted(self, statements: pd.DataFrame) -> set:
        """The stored speakers sharing a surname key with the batch's names (every stored
        speaker is tested: ``relevant`` is the reference the tests compare with)."""
        tokens = self._batch_tokens(statements)
        return {sid for sid, toks in self.tokens_of.items() if not tokens.isdisjoint(toks)}

    def previous_forms(self, statements: pd.DataFrame) -> tuple["_StoredKeys", "_Wanted"]:
        """``_previous_forms(self.relevant(statements))`` from the keys kept when the speakers
        were added: (key -> previous ids in order, and previous id -> name), both looked up on
        demand. Not built per batch: a common surname brings thousands of stored speakers."""
        wanted = _Wanted(self, self._batch_tokens(statements))
        return _StoredKeys(self, wanted), wanted

    def relevant(self, statements: pd.DataFrame) -> pd.DataFrame:
        """The stored speakers that may be the speakers of ``statements``, as group_speakers'
        ``previous``."""
        wanted = self._wanted(statements)
        rows = self.rows  # aliases lists are shared, not copied: group_speakers only reads them
        recs = [(sid, rows[sid][0], rows[sid][1], rows[sid][2]) for sid in sorted(wanted)]
        return pd.DataFrame(recs, columns=["speaker_id", "name", "aliases", "type"], dtype=object)


class _Wanted:
    """The stored speakers a batch looks up (those sharing a surname with its names: what
    ``SpeakerIndex._wanted`` collects), as previous id -> name, asked one id at a time rather
    than collected: thousands share "Clinton"."""

    def __init__(self, index: SpeakerIndex, tokens: set) -> None:
        self.index, self.tokens = index, tokens

    def __contains__(self, sid: object) -> bool:
        got = self.index.tokens_of.get(sid)  # type: ignore[arg-type]
        return got is not None and not self.tokens.isdisjoint(got)

    def __getitem__(self, sid: str) -> str:
        if sid not in self:
            raise KeyError(sid)
        return self.index.rows[sid][0]


class _StoredKeys:
    """``_previous_forms``' key -> previous ids (in order) for the stored speakers a batch looks
    up (``wanted``), read from SpeakerIndex.ids_of_key when asked: a batch asks for a few keys."""

    def __init__(self, index: SpeakerIndex, wanted: "_Wanted") -> None:
        self.index, self.wanted = index, wanted
        self.cache: dict[tuple, list[str]] = {}

    def get(self, key: tuple, default: Any = None) -> Any:
        got = self.cache.get(key)
        if got is None:
            ids = self.index.ids_of_key.get(key, ())
            if type(ids) is str:  # most keys have one speaker: no generator, no sort
                got = [ids] if ids in self.wanted else []
            else:
                got = sorted(s for s in ids if s in self.wanted)
            self.cache[key] = got
        return got or default

    def __getitem__(self, key: tuple) -> list[str]:
        return self.get(key, [])

    def person_keys_of_surname(self, sur: str) -> list[tuple]:
        assert sur == "the"  # the only surname kept (full_names compares it the slow way)
        return [k for k in self.index.the_keys if self.get(k)]


def _person_forms_of_bucket(prev_forms: Any, sur: str) -> list[tuple]:
    """(key, previous ids) of prev_forms' person forms with surname *sur*."""
    if isinstance(prev_forms, _StoredKeys):
        keys = prev_forms.person_keys_of_surname(sur)
    else:
        keys = [k for k in prev_forms if k[0] == "person" and _split(k[1])[1] == sur]
    return [(k, prev_forms[k]) for k in keys]


_SPEAKER_FIELDS = ("report", "kind", "speaker_name", "speaker_type", "speaker_role", "speaker")


def group_speakers_compact(new: pd.DataFrame, speakers: SpeakerIndex) -> SpeakerGroups:
    """group_speakers over one statement per distinct (report, kind, speaker fields), against
    the stored speakers: what it decides for a statement depends on nothing else, so the repeats
    (a speaker quoted ten times in a report) are given the answer of their first occurrence.
    Statements that get no speaker (the report's own claims, no speaker name) are left out."""
    cols = [c for c in _SPEAKER_FIELDS if c in new.columns]
    vals = {c: new[c].astype(object).where(new[c].notna(), None).tolist() for c in cols}
    if "speaker_name" in vals:  # the batch's names keyed in one call, not one by one
        prime_names(str(n) for n in vals["speaker_name"] if n)
    sids = [str(x) for x in new["id"].tolist()]
    first: dict[tuple, int] = {}
    rep_of: list[int] = []
    keep: list[int] = []
    no_type = [None] * len(sids)
    for i in range(len(sids)):
        name = vals["speaker_name"][i] if "speaker_name" in vals else None
        if not name or (("kind" in vals) and vals["kind"][i] == "claim") or (vals.get("speaker_type", no_type)[i] == "report"):
            rep_of.append(-1)
            continue
        key = tuple(vals[c][i] for c in cols)
        j = first.get(key)
        if j is None:
            j = first[key] = i
            keep.append(i)
        rep_of.append(j)
    part = new.iloc[keep]
    groups = _group(part, *speakers.previous_forms(part), forms=speakers.person_forms)
    got = {}
    for sid, spk in zip(groups.assignments["statement_id"].tolist(), groups.assignments["speaker_id"].tolist()):
        got[str(sid)] = _clean(spk)
    assignments = pd.DataFrame({"statement_id": pd.Series(sids, dtype=object),
                                "speaker_id": pd.Series([got.get(sids[j]) if j >= 0 else None for j in rep_of], dtype=object)})
    return SpeakerGroups(assignments=assignments, speakers=groups.speakers)
