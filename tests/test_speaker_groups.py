import re

import pandas as pd

from claims.grouping.speaker_groups import compatible_names, group_speakers

SPEAKER_ID = re.compile(r"^P[0-9A-F]{8}$")

ROWS = [
    ("s1", "r1", "direct", "Pena Nieto", "person", "Mexican president"),
    ("s2", "r2", "direct", "Enrique Peña Nieto", "person", None),
    ("s3", "r3", "indirect", "President Enrique Pena Nieto", "person", "president"),
    ("s4", "r4", "direct", "Donald Trump", "person", None),
    ("s5", "r4", "direct", "Ivanka Trump", "person", "adviser"),
    ("s6", "r4", "direct", "Trump", "person", None),
    ("s7", "r5", "direct", "Trump", "person", None),
    ("s8", "r5", "direct", "Donald J. Trump", "person", None),
    ("s9", "r6", "claim", None, "report", None),
    ("s10", "r6", "direct", "the State Department", "organization", None),
    ("s11", "r7", "direct", "State Department", "organization", None),
    ("s12", "r7", "direct", "a senior official", "anonymous", None),
    ("s13", "r8", "direct", "a senior official", "anonymous", None),
    ("s14", "r7", "direct", "a senior official", "anonymous", None),
]
COLUMNS = ["id", "report", "kind", "speaker_name", "speaker_type", "speaker_role"]


def frame(rows=ROWS):
    return pd.DataFrame(rows, columns=COLUMNS)


def ids(g):
    return dict(zip(g.assignments.statement_id, g.assignments.speaker_id))


def test_one_person_many_forms():
    g = group_speakers(frame())
    a = ids(g)
    assert a["s1"] == a["s2"] == a["s3"]
    row = g.speakers[g.speakers.speaker_id == a["s1"]].iloc[0]
    assert row["name"] == "Enrique Peña Nieto"  # fullest form
    assert set(row["aliases"]) == {"Pena Nieto", "Enrique Peña Nieto", "President Enrique Pena Nieto"}
    assert row["roles"] == ["Mexican president", "president"]
    assert row["n_statements"] == 3 and row["reports"] == ["r1", "r2", "r3"]
    assert row["type"] == "person"
    assert all(SPEAKER_ID.match(x) for x in g.speakers.speaker_id)


def test_shared_surname_in_one_report_not_merged():
    a = ids(group_speakers(frame()))
    assert a["s4"] != a["s5"]  # Donald and Ivanka Trump
    assert a["s6"] not in (a["s4"], a["s5"])  # a bare "Trump" next to both stays apart
    assert a["s7"] == a["s8"] == a["s4"]  # only Donald (J.) Trump in r5


def test_claims_and_report_rows_have_no_speaker():
    g = group_speakers(frame())
    assert ids(g)["s9"] is None


def test_organisations_and_anonymous():
    a = ids(group_speakers(frame()))
    assert a["s10"] == a["s11"]
    assert a["s12"] == a["s14"]  # same report
    assert a["s12"] != a["s13"]  # anonymous speakers are not merged across reports


def test_ids_deterministic_and_order_independent():
    a = ids(group_speakers(frame()))
    b = ids(group_speakers(frame().sample(frac=1, random_state=1)))
    assert a == b


def test_ids_stable_when_reports_are_added():
    first = group_speakers(frame(ROWS[:3]))
    more = ROWS[:3] + [("s20", "r9", "direct", "Enrique Peña Nieto Jr.", "person", None),
                       ("s21", "r9", "direct", "Nieto", "person", None)]
    a = ids(group_speakers(frame(more), previous=first.speakers))
    assert a["s1"] == ids(first)["s1"] == a["s21"]
    assert a["s20"] != a["s1"]  # the son is someone else
    # previous names take part: a bare surname joins a previously seen full name
    only_short = frame([("s30", "r10", "direct", "Nieto", "person", None)])
    assert ids(group_speakers(only_short, previous=first.speakers))["s30"] == ids(first)["s1"]


def test_compatible_names():
    assert compatible_names(("pena", "nieto"), ("enrique", "pena", "nieto"))
    assert compatible_names(("nieto",), ("enrique", "pena", "nieto"))
    assert compatible_names(("e", "nieto"), ("enrique", "pena", "nieto"))
    assert not compatible_names(("donald", "trump"), ("ivanka", "trump"))
    assert not compatible_names(("donald", "trump"), ("donald", "trump", "jr"))


# --- the incremental path: stored speakers indexed by name form (issue 12) -----------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from claims.grouping.batch import BatchGrouping, _speaker_rows  # noqa: E402
from claims.grouping.speaker_groups import SpeakerIndex, group_speakers_compact  # noqa: E402

_GIVEN = ["hillary", "h", "bill", "b", "rodham", "r", "chelsea", "william", "w", "jefferson"]
_NAME = st.builds(
    lambda given, sur, jr: " ".join([*given, sur] + (["Jr."] if jr else [])).title(),
    st.lists(st.sampled_from(_GIVEN), max_size=3),
    st.sampled_from(["clinton", "bush", "the"]),  # "the": a garbled name ("O. The")
    st.booleans(),
)


def _batch(names, report_of, prefix):
    return pd.DataFrame({
        "id": [f"{prefix}{i}" for i in range(len(names))],
        "report": [f"r{report_of[i]}" for i in range(len(names))],
        "kind": "direct", "speaker_name": names, "speaker_type": "person", "speaker_role": None})


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.tuples(_NAME, st.integers(0, 3)), min_size=1, max_size=8), min_size=2, max_size=4))
def test_indexed_forms_group_like_comparing_every_form(batches):
    """Batch after batch against a SpeakerIndex (stored forms looked up by surname and initial,
    non-full names remembered) gives exactly what group_speakers gives when every stored speaker
    sharing a surname is compared (the reference), names with initials, suffixes, and one
    surname shared by several people included."""
    index = SpeakerIndex()
    for b, batch in enumerate(batches):
        frame_ = _batch([n for n, _ in batch], [r + 10 * b for _, r in batch], f"b{b}s")
        got = group_speakers_compact(frame_, index)
        prev = index.relevant(frame_)
        want = group_speakers(frame_, previous=prev if len(prev) else None)
        assert got.assignments["speaker_id"].tolist() == want.assignments["speaker_id"].tolist()
        cols = ["speaker_id", "name", "aliases", "type", "roles"]  # compact counts one row per repeat
        assert got.speakers[cols].to_dict("records") == want.speakers[cols].to_dict("records")
        out = BatchGrouping()  # stored speakers keep their name and gain aliases, as in a run
        _speaker_rows(out, want.speakers, index)
        index.add((r["speaker_id"], r["name"], r["aliases"], r["type"], r["roles"])
                  for r in sorted(out.new_speakers + out.updated_speakers, key=lambda r: r["speaker_id"]))


@settings(max_examples=100, deadline=None)
@given(st.lists(_NAME, min_size=1, max_size=12, unique=True), st.randoms(use_true_random=False))
def test_person_forms_do_not_depend_on_the_order_added(names, rnd):
    """A resumed run loads the stored speakers by id, an uninterrupted one added them batch by
    batch: the index of name forms (which forms are not full names) is the same either way, and
    is what comparing every pair of forms says."""
    from claims.grouping.speaker_groups import PersonForms, _split
    from claims.normalize import name_key

    forms = [name_key(n) for n in names]
    shuffled = forms[:]
    rnd.shuffle(shuffled)
    a, b = PersonForms(), PersonForms()
    for f in forms:
        a.add(f)
    for f in shuffled:
        b.add(f)
    assert a.covered == b.covered
    indexed = [f for f in set(forms) if _split(f)[1] != "the"]  # "the" buckets are not indexed
    brute = {f for f in indexed if any(len(g) > len(f) and compatible_names(f, g) for g in indexed)}
    assert a.covered == brute
    full = {}  # per surname, the forms no longer form is compatible with: what a bare surname may be
    for f in indexed:
        if f not in brute:
            full.setdefault(PersonForms._bucket(f), set()).add(f)
    assert {k: v for k, v in a.full.items() if v} == full == {k: v for k, v in b.full.items() if v}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_GIVEN + ["h", "hank", "rob", "x"]), max_size=7), min_size=1, max_size=25),
       st.lists(st.sampled_from(_GIVEN + ["hank", "x"]), max_size=7))
def test_shorter_forms_looked_up_by_pattern_are_those_comparing_finds(stored_given, given):
    """``PersonForms._shorter`` (forms looked up by their given names' patterns) finds exactly
    the stored forms of the surname, shorter than the name, that it is compatible with."""
    from claims.grouping.speaker_groups import PersonForms

    forms = PersonForms()
    for s in stored_given:
        forms.add((*s, "clinton"))
    g = (*given, "clinton")
    got = forms._shorter(("clinton", ""), g)
    assert len(got) == len(set(got))
    assert set(got) == {(*s, "clinton") for s in stored_given
                        if len(s) < len(given) and compatible_names((*s, "clinton"), g)}


# --- a bare surname several stored people share joins none of them (issue 12, trust) --------

def _run(batches, index=None):
    """Batches of (name, report) through a SpeakerIndex as a run does: grouped against the
    stored speakers, which then keep their name and gain the batch's aliases. Returns the
    statement id -> speaker id of each batch, and the index."""
    index = SpeakerIndex() if index is None else index
    out_ids = []
    for b, batch in enumerate(batches):
        frame_ = _batch([n for n, _ in batch], [r for _, r in batch], f"b{b}s")
        got = group_speakers_compact(frame_, index)
        out_ids.append(dict(zip(got.assignments["statement_id"], got.assignments["speaker_id"])))
        out = BatchGrouping()
        _speaker_rows(out, got.speakers, index)
        index.add((r["speaker_id"], r["name"], r["aliases"], r["type"], r["roles"])
                  for r in sorted(out.new_speakers + out.updated_speakers, key=lambda r: r["speaker_id"]))
    return out_ids, index


def test_ambiguous_bare_surname_joins_no_stored_person():
    # Quillfeather was Marta's alias while she was the only one; once Osric is stored, a bare
    # "Quillfeather" in a report naming neither could be either of them
    (first, second, third, fourth), index = _run([
        [("Marta Quillfeather", 1), ("Quillfeather", 1)],
        [("Osric Quillfeather", 2)],
        [("Quillfeather", 3)],
        [("Quillfeather", 4), ("Marta Quillfeather", 5)],
    ])
    marta, osric = first["b0s0"], second["b1s0"]
    assert first["b0s1"] == marta and marta != osric
    bare = third["b2s0"]
    assert bare not in (marta, osric)
    assert index.rows[bare][0] == "Quillfeather"  # a surname-only speaker of its own
    assert fourth["b3s0"] == bare  # and the next bare mention is that same speaker
    assert fourth["b3s1"] == marta
    assert "Quillfeather" not in index.rows[osric][1]


def test_ambiguous_bare_surname_with_initials_and_in_report_resolution():
    # "T. Brannigan" and "Thea Brannigan" may be one person, but they are two stored speakers:
    # a bare "Brannigan" cannot pick one; "Thea Brannigan" in its own report settles it
    (a, b, c), _ = _run([
        [("T. Brannigan", 1)],
        [("Thea Brannigan", 2)],
        [("Brannigan", 3), ("Brannigan", 4), ("Thea Brannigan", 4)],
    ])
    assert a["b0s0"] != b["b1s0"]
    assert c["b2s0"] not in (a["b0s0"], b["b1s0"])
    assert c["b2s1"] == c["b2s2"] == b["b1s0"]


def test_bare_surname_joins_the_one_full_name():
    # one stored full name with the surname (and forms it covers): the bare surname is that person
    (a, b), _ = _run([[("Ines Maria Vaskovar", 1), ("I. Vaskovar", 2)], [("Vaskovar", 3)]])
    assert a["b0s0"] == a["b0s1"] == b["b1s0"]


def test_resumed_run_gives_the_same_ids():
    batches = [[("Marta Quillfeather", 1), ("Quillfeather", 1)], [("Osric Quillfeather", 2)],
               [("Quillfeather", 3), ("O. Quillfeather", 3)], [("Quillfeather", 4)],
               [("Marta Q. Quillfeather", 5), ("Quillfeather", 6)]]
    whole, _ = _run(batches)
    head, index = _run(batches[:2])
    resumed = SpeakerIndex()  # loaded from the database: every stored speaker, by id
    resumed.add((sid, *index.rows[sid]) for sid in sorted(index.rows, reverse=True))
    tail, _ = _run(batches[2:], resumed)
    assert [list(t.values()) for t in whole[2:]] == [list(t.values()) for t in tail]
    marta = whole[0]["b0s0"]
    assert whole[3]["b3s0"] not in (marta, whole[1]["b1s0"], whole[2]["b2s1"])
    assert whole[4]["b4s0"] == marta  # "Marta Q. Quillfeather" covers "Marta Quillfeather"
    assert whole[4]["b4s1"] == whole[3]["b3s0"]  # still ambiguous: the surname-only speaker


# --- the stored speakers loaded at the start of a run, in bulk (issue 12: restart cost) -------

_FORM = st.one_of(
    _NAME,
    st.sampled_from(["", "  ", "The State Department", "President Enrique Peña Nieto", "Trump's",
                     "Donald Trump’s", "Mr. Smith Jr.", "U.S. Army", "a senior official", "Ms.",
                     "Zoë  O’Brien\t", "(left) Pena", "1,000 people", "Δημήτρης", "the"]),
    st.text(max_size=12),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_FORM, max_size=20))
def test_name_keys_in_bulk_equal_name_key(names):
    from claims.normalize import name_key, name_keys

    assert name_keys(names) == [name_key(n) for n in names]


def _speaker_index_fields(ix: SpeakerIndex) -> dict:
    pf = ix.person_forms
    return {"rows": ix.rows, "form_keys": ix.form_keys, "ids_of_key": ix.ids_of_key,
            "the_keys": ix.the_keys, "tokens_of": ix.tokens_of, "forms": pf.forms,
            "by_word": pf.by_word, "by_initial": pf.by_initial, "by_pattern": pf.by_pattern,
            "full": pf.full, "covered": pf.covered}


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), _FORM, st.lists(_FORM, max_size=3),
                          st.sampled_from(["person", "organization", "anonymous", None]),
                          st.lists(st.sampled_from(["senator", "spokesman"]), max_size=2)), max_size=25))
def test_speaker_add_many_builds_what_add_builds(rows):
    """``SpeakerIndex.add_many`` (names and aliases normalised in one call) builds exactly the
    index ``add`` builds, a speaker given twice (replaced) included."""
    rows = [(f"P{i:08X}", name, aliases, typ, roles) for i, name, aliases, typ, roles in rows]
    bulk, one = SpeakerIndex(), SpeakerIndex()
    bulk.add_many(rows)
    one.add(rows)
    assert _speaker_index_fields(bulk) == _speaker_index_fields(one)


_FORMS = ["Ann Bo", "Bo", "Ann B. Bo", "A. Bo", "Cy Dee", "Dee", "the Hale Institute", "Hale Institute",
          "Mayor Ann Bo", "Eve Bo", "", "O. The"]


@given(st.lists(st.tuples(st.sampled_from(["P1", "P2", "P3"]), st.sampled_from(_FORMS),
                          st.lists(st.sampled_from(_FORMS), max_size=4)), min_size=1, max_size=12))
@settings(max_examples=150, deadline=None)
def test_speaker_index_updated_in_place_equals_one_built_from_the_final_rows(updates):
    """Speakers re-added batch after batch with more aliases (keyed incrementally) leave the
    index as adding each speaker's final row once does."""
    from claims.grouping.batch import merge_lists

    grown, rows = SpeakerIndex(), {}
    for sid, name, aliases in updates:
        if sid in rows:  # as batch._speaker_rows merges a stored speaker: old aliases first
            name = rows[sid][0] or name
            aliases = merge_lists(rows[sid][1], aliases)
        rows[sid] = (name, merge_lists([], aliases))
        grown.add([(sid, rows[sid][0], rows[sid][1], "person", [])])
    fresh = SpeakerIndex()
    fresh.add([(sid, name, aliases, "person", []) for sid, (name, aliases) in sorted(rows.items())])
    assert grown.form_keys == fresh.form_keys
    norm = lambda d: {k: ({v} if isinstance(v, str) else set(v)) for k, v in d.items() if v}  # noqa: E731
    assert norm(grown.ids_of_key) == norm(fresh.ids_of_key)
    assert {s: set(t) for s, t in grown.tokens_of.items()} == {s: set(t) for s, t in fresh.tokens_of.items()}
