"""ClaimIndex stays bounded as it grows (issue 12): capped posting lists, capped candidates,
decisions independent of the order claims were indexed in."""
import random
from array import array

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.grouping import claim_index as ci
from claims.grouping.claim_index import ClaimIndex
from claims.normalize import normalize_texts


def _texts(n):
    r = random.Random(5)
    words = [f"w{i}" for i in range(60)]
    # one source sentence with other words: a family that grows with the index
    return [f"the senator said {' '.join(r.sample(words, 6))} rareword{i % 7} on tuesday"
            for i in range(n)]


def test_posting_lists_are_capped(monkeypatch):
    monkeypatch.setattr(ci, "INDEX_MAX_DF", 10)
    ix = ClaimIndex()
    ix.add([f"C{i:04d}" for i in range(50)], _texts(50))
    assert all(len(p) <= 10 for p in ix.postings.values())
    assert "senator" in ix.common and "senator" not in ix.postings


def test_candidates_per_text_are_capped_and_order_free():
    texts = _texts(600)
    ids = [f"C{i:04d}" for i in range(600)]
    a, b = ClaimIndex(), ClaimIndex()
    a.add(ids, texts)
    order = sorted(range(600), key=lambda i: (i * 7919) % 600)
    b.add([ids[i] for i in order], [texts[i] for i in order])
    query = normalize_texts([texts[3], "the senator said w1 w2 w3 w4 w5 w6 rareword3 on tuesday"])
    for q in query:
        got_a = {a.ids[k] for k in a._candidates([q])}
        got_b = {b.ids[k] for k in b._candidates([q])}
        assert got_a == got_b
        assert len(got_a) <= ci.INDEX_MAX_CANDIDATES
    # the text itself (all its words shared) is among its candidates
    assert "C0003" in {a.ids[k] for k in a._candidates([query[0]])}


def test_edited_repeats_are_candidates_and_partial_overlaps_are_not():
    """A repeat with one word dropped, added or misspelt finds its claim; a text sharing only
    some of its rare words with stored claims (the same sentence with other names) finds none,
    however many such claims are stored."""
    r = random.Random(11)
    vocab = [f"v{i}" for i in range(3000)]
    texts = [" ".join(r.sample(vocab, 12)) for _ in range(2000)]
    ix = ClaimIndex()
    ix.add([f"C{i:04d}" for i in range(len(texts))], texts)
    target = texts[123].split()
    dropped = " ".join(target[:4] + target[5:])
    added = " ".join(target + ["v2999x"]) + " " + vocab[7]
    misspelt = " ".join(target[:2] + [target[2] + "q"] + target[3:])
    for q in normalize_texts([dropped, added, misspelt]):
        assert "C0123" in {ix.ids[k] for k in ix._candidates([q])}, q
    # half of the words of one stored text, half of another's: neither is a near duplicate
    mixed = " ".join(texts[5].split()[:6] + texts[6].split()[6:])
    assert not ({"C0005", "C0006"} & {ix.ids[k] for k in ix._candidates(normalize_texts([mixed]))})


def test_column_wise_posting_lists_equal_one_claim_at_a_time(monkeypatch):
    """Loading claims in one chunk (as at the start of a run) builds the same posting lists and
    common words as adding them one at a time (as a run does): a resumed run starts from the
    index an uninterrupted one has."""
    monkeypatch.setattr(ci, "INDEX_MAX_DF", 10)
    texts = _texts(120) + ["", "   ", "the senator", "senator senator senator"]
    ids = [f"C{i:04d}" for i in range(len(texts))]
    bulk, one = ClaimIndex(), ClaimIndex()
    bulk.add(ids, texts)
    for cid, text in zip(ids, texts):
        one.add([cid], [text])
    assert bulk.common == one.common and bulk.common
    assert {w: sorted(p) for w, p in bulk.postings.items()} == {w: sorted(p) for w, p in one.postings.items()}
    assert all(list(p) == sorted(p) for p in bulk.postings.values())
    # machine ints on both paths, and after merging a chunk into a filled index (the lookup's
    # cost depends on it: numbers as int objects lie all over a run's heap)
    more = [f"D{i:04d}" for i in range(40)]
    one.add(more, _texts(40))
    bulk.add_many(more, _texts(40))
    assert {w: list(p) for w, p in bulk.postings.items()} == {w: list(p) for w, p in one.postings.items()}
    assert all(type(p) is array and p.typecode == ci.POSTING_TYPE
               for p in [*bulk.postings.values(), *one.postings.values()])


def test_exact_match_is_checked_against_the_claims_text():
    """The exact-match table keeps hashes of the keys: a hash that points to a claim with
    another text (a collision, forced here) must not join the statement to that claim."""
    import pandas as pd

    from claims.grouping.clustering import match_key

    ix = ClaimIndex()
    ix.add(["C0001", "C0002"], ["The dam will be finished in 2031, the minister said.",
                                "Unemployment fell to 4.1 percent in March."])
    new = "Ferry fares will double next spring."
    ix.exact[hash(match_key(new, normalize_texts([new])[0]))] = ix.number["C0002"]
    frame = pd.DataFrame({"id": ["s1", "s2"], "report": ["r1", "r1"], "kind": ["claim", "claim"],
                          "text": [new, "unemployment fell to 4.1 percent in March"]})
    got = ix.match(frame)
    assert "s1" not in got.exact  # the forced collision is caught
    assert got.exact.get("s2") == "C0002"  # an equal text still joins by the exact path


def _index_fields(ix: ClaimIndex) -> dict:
    return {"ids": ix.ids, "texts": ix.texts, "raw_centers": ix.raw_centers, "number": ix.number, "exact": ix.exact,
            "postings": ix.postings, "common": ix.common, "norm_len": list(ix.norm_len),
            "shown_len": list(ix.shown_len)}


_WORDS = ["the", "senator", "said", "Tax", "tax", "1,000", "3.5", "U.S.", "Peña", "(left)", "",
          "don't", "—", "x\ty", "a\u00a0b", "\u2028", "  ", "...", "rare", "w1", "w2", "w3"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    before=st.lists(st.tuples(st.integers(0, 40), st.lists(st.sampled_from(_WORDS), max_size=8)), max_size=12),
    claims=st.lists(st.tuples(st.integers(0, 40), st.one_of(st.none(), st.lists(st.sampled_from(_WORDS), max_size=10)),
                              st.one_of(st.none(), st.lists(st.sampled_from(_WORDS), max_size=10))), max_size=40),
    cap=st.integers(1, 6),
    chunk=st.integers(1, 7),
)
def test_add_many_builds_what_adding_one_claim_at_a_time_builds(before, claims, cap, chunk):
    """``add_many`` (the start of a run, column-wise) gives exactly the index that adding the
    same claims one at a time in the same order gives: posting lists, common words, exact-match
    table, lengths, numbers; ids already indexed or repeated are skipped, an index that already
    holds claims is extended, texts split across chunks of any size."""
    from claims.grouping import bulk_index

    def text(words):
        return None if words is None else " ".join(words)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ci, "INDEX_MAX_DF", cap)
        mp.setattr(bulk_index, "_CHUNK", chunk)
        mp.setattr(bulk_index, "_WORDS", chunk)
        bulk, one = ClaimIndex(), ClaimIndex()
        for ix in (bulk, one):
            for cid, words in before:
                ix.add([f"C{cid:03d}"], [text(words)])
        ids = [f"C{cid:03d}" for cid, _, _ in claims]
        centers = [text(w) for _, w, _ in claims]
        shown = [text(w) for _, _, w in claims]
        bulk.add_many(ids, centers, shown)
        for cid, center, s in zip(ids, centers, shown):
            one.add([cid], [center], [s])
    assert _index_fields(bulk) == _index_fields(one)
    assert all(list(p) == sorted(p) and len(p) <= cap for p in bulk.postings.values())


def test_add_many_at_scale_equals_add(monkeypatch):
    """Thousands of claims over several chunks, some words going common in a later chunk."""
    from claims.grouping import bulk_index

    monkeypatch.setattr(bulk_index, "_CHUNK", 700)
    monkeypatch.setattr(bulk_index, "_WORDS", 50)
    monkeypatch.setattr(ci, "INDEX_MAX_DF", 60)
    r = random.Random(3)
    vocab = [f"v{i}" for i in range(600)]  # each in ~62 texts: about half of them common
    texts = [("The senator said, " if i % 10 == 0 else "") + " ".join(r.choices(vocab, k=r.randint(0, 15)))
             for i in range(5000)]
    for i in range(3, 5000, 7):  # repeats of an earlier text: one exact key, the smaller id's
        texts[i] = texts[i - 3].upper() + "!"
    ids = [f"C{i:05d}" for i in range(len(texts))]  # in order, as the store loads them
    bulk, one = ClaimIndex(), ClaimIndex()
    bulk.add_many(ids, texts)
    one.add(ids, texts)
    assert bulk.common and bulk.postings and {"the", "said"} <= bulk.common
    assert len(bulk.common) > 100 and len(bulk.postings) > 100
    assert any(len(p) == 60 for p in bulk.postings.values())
    assert len(bulk.exact) < 4400  # the repeats share their key, kept by the smallest id
    assert _index_fields(bulk) == _index_fields(one)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 6), st.integers(0, 5)), min_size=1, max_size=40),
       st.integers(0, 5), st.randoms(use_true_random=False))
def test_best_candidates_are_most_words_then_closest_length_then_smallest_id(claims, length, rnd):
    """_best keeps the claims sharing at least half of the most words shared and ranks them by
    (words shared, gap in length, id): many claims tie on both, so the id decides, whatever the
    order the claims were indexed in or counted in."""
    n = len(claims)
    ids = [f"C{i:03d}" for i in range(n)]
    order = list(range(n))
    rnd.shuffle(order)
    ix = ClaimIndex()
    ix.add([ids[i] for i in order], ["x" * (claims[i][1] + 1) for i in order])  # lengths 1..6
    count = {ix.number[ids[i]]: claims[i][0] for i in order}
    rnd.shuffle(items := list(count.items()))
    got = sorted(ix.ids[k] for k in ix._best(dict(items), length + 1))
    top = max(c for c, _ in claims)
    ranked = sorted((i for i in range(n) if claims[i][0] >= top * ci.INDEX_TOP_SHARE),
                    key=lambda i: (-claims[i][0], abs(claims[i][1] - length), ids[i]))
    assert got == sorted(ids[i] for i in ranked[:ci.INDEX_MAX_CANDIDATES])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stored=st.lists(st.lists(st.sampled_from(_WORDS), max_size=10), min_size=1, max_size=12),
       new=st.lists(st.lists(st.sampled_from(_WORDS), max_size=10), min_size=1, max_size=12))
def test_match_decides_as_grouping_the_raw_texts(stored, new):
    """The index keeps normalised centers and hands group_claims their match keys: a batch is
    grouped exactly as group_claims groups it with the stored claims' raw texts as previous."""
    import pandas as pd

    from claims.grouping.clustering import group_claims

    texts = [" ".join(w) for w in stored]
    ids = [f"C{i:03d}" for i in range(len(texts))]
    ix = ClaimIndex()
    ix.add(ids, texts)
    frame = pd.DataFrame({"id": [f"s{i}" for i in range(len(new))], "report": "r1", "kind": "quote",
                          "text": [" ".join(w) for w in new]})
    previous_seen = []

    def raw_group(statements, previous=None, **kwargs):
        got = group_claims(statements, previous=previous, **kwargs)
        if previous is not None:
            previous_seen.append(len(previous))
            raw = pd.DataFrame({"statement_id": previous["statement_id"], "claim_id": previous["claim_id"],
                                "text": [texts[ids.index(c)] for c in previous["claim_id"]]})
            want = group_claims(statements, previous=raw, **kwargs)
            for a, b in ((got.assignments, want.assignments), (got.claims, want.claims), (got.similar, want.similar)):
                pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))
        return got

    got = ix.match(frame, group=raw_group)
    for sid, cid in got.exact.items():  # an exact match has the claim's normalised text
        assert normalize_texts([frame.set_index("id").at[sid, "text"]]) == normalize_texts([texts[ids.index(cid)]])


_FAMILY_WORDS = ["senate", "passed", "the", "bill", "on", "tuesday", "vote", "was", "52", "48", "after",
                 "debate", "officials", "said", "not", "budget", "plan", "x", "house", "members"]
_family_words = st.lists(st.sampled_from(_FAMILY_WORDS), min_size=1, max_size=14)


@st.composite
def _family(draw):
    """A text and stored texts like it: parts of it (partial quotes), it wrapped in other words,
    it with a word changed, and others."""
    base = draw(st.lists(st.sampled_from(_FAMILY_WORDS), min_size=4, max_size=16))
    out = [base]
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["part", "wrap", "edit", "other"]))
        if kind == "part":
            i = draw(st.integers(0, len(base) - 1))
            out.append(base[i:draw(st.integers(i + 1, len(base)))])
        elif kind == "wrap":
            out.append(draw(_family_words) + base + draw(_family_words))
        elif kind == "edit":
            w = list(base)
            w[draw(st.integers(0, len(w) - 1))] = draw(st.sampled_from(_FAMILY_WORDS))
            out.append(w)
        else:
            out.append(draw(_family_words))
    return out


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_family(), st.sampled_from([60.0, 75.0, 86.0]), st.booleans())
def test_candidates_dropped_before_grouping_could_never_score_the_floor(texts, floor, original_looks_up):
    """ClaimIndex._able keeps every stored claim that scores at least the floor with a text that
    found it, by the scoring group_claims uses (score_pairs: ratio, containment, partial)."""
    import numpy as np

    from claims.grouping.scoring import n_words, score_pairs

    if not original_looks_up:  # a part, a wrapped copy... looks up; the original is stored
        texts = texts[1:] + texts[:1]
    norm = [t for t in normalize_texts([" ".join(w) for w in texts]) if t]
    if len(norm) < 2:
        return
    ix = ClaimIndex()
    ix.add([f"C{i:04d}" for i in range(1, len(norm))], norm[1:])
    query = norm[0]
    stored = list(range(len(ix)))
    kept = set(ix._able({query: stored}, floor).get(query, []))
    arr = np.empty(len(norm), dtype=object)
    arr[:] = [query] + [ix.texts[k] for k in stored]
    lens = np.array([len(t) for t in arr])
    nwords = np.array([n_words(t) for t in arr])
    lo = np.zeros(len(stored), np.int64)
    hi = np.arange(1, len(norm), dtype=np.int64)
    _, scored_hi, _ = score_pairs(arr, lo, hi, lens, nwords, floor)
    assert {int(h) - 1 for h in scored_hi} <= kept


def test_candidates_far_from_every_text_that_found_them_are_dropped():
    ix = ClaimIndex()
    near = "the senate passed the budget bill on tuesday after a long debate"
    far = "the senate passed an unrelated measure about fishing quotas in alaska waters"
    ix.add(["C1", "C2"], normalize_texts([near, far]))
    query = normalize_texts(["the senate passed the budget bill on tuesday after long debate"])[0]
    assert ix._able({query: [0, 1]}, 75.0) == {query: [0]}
    # a claim far from one text is kept for another that found it and is near it
    assert ix._able({query: [0, 1], ix.texts[1]: [1]}, 75.0) == {query: [0], ix.texts[1]: [1]}


def _previous_and_batch(batch_texts):
    import pandas as pd

    stored = ["the senate passed the budget bill on tuesday after a long and bitter debate",
              "the governor vetoed a fishing quota measure for alaska waters on friday"]
    previous = pd.DataFrame({"statement_id": ["p1", "p2"], "claim_id": ["C1", "C2"], "text": stored})
    batch = pd.DataFrame({"id": [f"s{i}" for i in range(len(batch_texts))], "report": "r9",
                          "kind": "quote", "text": batch_texts})
    return previous, batch


def test_previous_pairs_are_the_only_stored_texts_a_statement_is_scored_with():
    from claims.grouping.clustering import group_claims

    previous, batch = _previous_and_batch(
        ["the senate passed the budget bill on tuesday after a long and bitter debate today"])
    paired = group_claims(batch, previous=previous, previous_pairs=([0], [0]))
    assert paired.assignments.set_index("statement_id").at["s0", "claim_id"] == "C1"
    alone = group_claims(batch, previous=previous, previous_pairs=([], []))
    assert alone.assignments.set_index("statement_id").at["s0", "claim_id"] not in ("C1", "C2")
    # without previous_pairs every stored text is blocked with the batch: the same join
    free = group_claims(batch, previous=previous)
    assert free.assignments.set_index("statement_id").at["s0", "claim_id"] == "C1"


def test_a_statement_joins_the_stored_claim_its_near_twin_in_the_batch_was_paired_with():
    """A copy whose own lookup missed the stored claim (a typo in a rare word) is scored with
    the stored claims of the batch texts near it."""
    from claims.grouping.clustering import group_claims

    previous, batch = _previous_and_batch(
        ["the senate passed the budget bill on tuesday after a long and bitter debate",
         "the senate passed the budgte bill on tuesday after a long and bitter debate",
         "the governor signed an unrelated housing measure in juneau on monday morning"])
    got = group_claims(batch, previous=previous, previous_pairs=([0], [0]))
    claim = got.assignments.set_index("statement_id")["claim_id"]
    assert claim["s0"] == claim["s1"] == "C1"
    assert claim["s2"] not in ("C1", "C2")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=st.lists(_family_words, min_size=1, max_size=8), stored=st.lists(_family_words, min_size=1, max_size=6),
       given_pairs=st.lists(st.tuples(st.integers(0, 7), st.integers(0, 5)), max_size=12))
def test_pairs_with_stored_texts_are_the_given_ones_and_their_twins(batch, stored, given_pairs):
    """The pairs scored when the pairs with stored texts are given: the batch's texts blocked
    among themselves, the given pairs, and each batch text with the stored texts given to a
    batch text it can score the floor with; no other pair with a stored text."""
    import numpy as np

    from claims.grouping.blocking import candidate_pairs
    from claims.grouping.clustering import _pairs_with_fixed
    from claims.grouping.scoring import n_words, score_pairs

    texts = list(dict.fromkeys(" ".join(w) for w in batch + stored))
    n_in = len(dict.fromkeys(" ".join(w) for w in batch))
    n = len(texts)
    arr = np.empty(n, dtype=object)
    arr[:] = texts
    lens = np.array([len(t) for t in texts])
    nwords = np.array([n_words(t) for t in texts])
    pairs = {(a % n_in, n_in + b % max(1, n - n_in)) for a, b in given_pairs if n > n_in}
    a = np.array([p[0] for p in pairs], dtype=np.int64)
    b = np.array([p[1] for p in pairs], dtype=np.int64)
    lo, hi = _pairs_with_fixed(arr, lens, nwords, (a, b, n_in), 75.0)
    got = set(zip(lo.tolist(), hi.tolist()))
    assert all(x < y for x, y in got) and len(got) == len(lo)
    f_lo, f_hi = candidate_pairs(texts[:n_in])
    inner = set(zip(f_lo.tolist(), f_hi.tolist()))
    s_lo, s_hi, _ = score_pairs(arr, f_lo, f_hi, lens, nwords, 75.0)
    twins = {}
    for x, y in zip(s_lo.tolist(), s_hi.tolist()):
        twins.setdefault(x, set()).add(y)
        twins.setdefault(y, set()).add(x)
    want = inner | pairs | {(x, s) for x in range(n_in) for y in twins.get(x, ()) for (g, s) in pairs if g == y}
    assert got == {p for p in want if p[0] != p[1]}


def test_match_keys_given_to_group_claims_change_nothing():
    """``ClaimIndex.match`` hands group_claims the batch's match keys (not normalised twice):
    the same grouping as group_claims normalising them itself; keys of another length are refused."""
    import pandas as pd

    from claims.grouping.clustering import _match_keys, group_claims

    texts = _texts(30) + ["...", "The senator said: rareword1 on Tuesday!", ""]
    frame = pd.DataFrame({"id": [f"s{i}" for i in range(len(texts))], "report": "r1", "kind": "quote",
                          "text": texts})
    want = group_claims(frame)
    got = group_claims(frame, match_keys=_match_keys(texts))
    for a, b in ((got.assignments, want.assignments), (got.claims, want.claims), (got.similar, want.similar)):
        pd.testing.assert_frame_equal(a, b)
    with pytest.raises(ValueError):
        group_claims(frame, match_keys=_match_keys(texts)[1:])


def test_add_after_match_builds_the_same_index():
    """``add`` takes the normalised texts the last ``match`` made where it can: the index is the
    one ``add`` alone builds (texts of the batch, others, punctuation only, odd spaces)."""
    import pandas as pd

    batch = _texts(20) + ["...", "A\u00a0b  c\td", "Tax (left) 1,000 U.S."]
    frame = pd.DataFrame({"id": [f"s{i}" for i in range(len(batch))], "report": "r1", "kind": "quote",
                          "text": batch})
    centers = batch[::2] + ["never in the batch", None]
    ids = [f"C{i:04d}" for i in range(len(centers))]
    after, alone = ClaimIndex(), ClaimIndex()
    for ix in (after, alone):
        ix.add(["C9999"], ["the senator said w1 w2 w3 rareword1 on tuesday"])
    after.match(frame)
    after.add(ids, centers)
    alone.add(ids, centers)
    assert _index_fields(after) == _index_fields(alone)
