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
