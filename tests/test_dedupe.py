import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from claims.grouping import clustering, scoring
from claims.grouping import (DEFAULT_SAME_THRESHOLD, DEFAULT_SIMILAR_THRESHOLD, claim_score,
                             group_claims, same_claim)
from claims.normalize import normalize_text, normalize_texts

G20_A = ("Pena Nieto (left), who met Trump in July on the sidelines of a G20 summit, canceled an "
         "earlier meeting after Trump threatened to impose a tax on Mexican imports to pay for "
         "the wall")
G20_B = ("Pena Nieto, who met Trump in July on the sidelines of a G20 summit, canceled an earlier "
         "meeting after Trump threatened to impose a tax on Mexican imports to pay for the wall.")
CLAIM_ID = re.compile(r"^C[0-9A-F]{10}$")


def frame(texts, reports=None, dates=None, speakers=None, cw=None, ids=None):
    n = len(texts)
    return pd.DataFrame({
        "id": ids or [f"s{i:03d}" for i in range(n)],
        "report": reports or [f"r{i}" for i in range(n)],
        "kind": ["direct"] * n,
        "text": texts,
        "speaker": ["he"] * n,
        "speaker_name": speakers or [None] * n,
        "report_date": dates or [None] * n,
        "content_start": list(range(0, 10 * n, 10)),
        "content_end": list(range(5, 10 * n + 5, 10)),
        "checkworthiness": cw or [0.5] * n,
    })


def claim_of(groups):
    return dict(zip(groups.assignments.statement_id, groups.assignments.claim_id))


# --- seeds ----------------------------------------------------------------------------------


def _seed_sentences(seeds_dir):
    rows = []
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"[^\n.!?]+(?:[.!?]+|\n|$)", text):
            s = m.group(0).strip()
            if len(s.split()) >= 3:
                rows.append((path.stem, s, m.start(), m.end()))
    return rows


def test_seeds_sentences(seeds_dir):
    rows = _seed_sentences(seeds_dir)
    df = frame([r[1] for r in rows], reports=[r[0] for r in rows])
    g = group_claims(df)
    multi = g.claims[g.claims.n_occurrences > 1]
    assert len(multi) == 1  # no two different claims of the seeds are merged
    (occ,) = multi.occurrences.tolist()
    texts = {df.text[df.id == o["statement_id"]].item() for o in occ}
    assert any("G20" in t and "(left)" in t for t in texts)
    assert len(occ) == 2 and all("G20" in t for t in texts)


def test_seeds_extract(seeds_dir):
    claims = pytest.importorskip("claims")
    try:
        df = claims.extract([str(seeds_dir)])
    except Exception as e:  # the extractor is another module; its failures are not ours
        pytest.skip(f"claims.extract unavailable: {e}")
    g = group_claims(df)
    multi = g.claims[g.claims.n_occurrences > 1]
    assert len(multi) == 1
    assert "G20" in multi.text.item() and multi.n_occurrences.item() == 2


# --- the two tiers --------------------------------------------------------------------------


def test_same_claim_variants():
    base = "The senator said the border wall would cost at least $25 billion over ten years."
    variants = [
        "“The senator said the border wall would cost at least $25 billion over ten years,”",
        "THE SENATOR SAID THE BORDER WALL WOULD COST AT LEAST $25 BILLION OVER TEN YEARS.",
        "The senator (pictured) said the border wall would cost at least $25 billion over ten years",
        "The senator said the border wall would cost $25 billion over ten years.",  # word dropped
        "The senator said the border wall would cost at least $25 bilion over ten years.",
        "The senator said the border wall would cost at least $25 billion over ten years, officials said.",
        "the border wall would cost at least $25 billion over ten years",  # partial quote
    ]
    g = group_claims(frame([base] + variants))
    assert g.assignments.claim_id.nunique() == 1
    assert len(g.claims) == 1
    c = g.claims.iloc[0]
    assert c.n_occurrences == len(variants) + 1
    assert CLAIM_ID.match(c.claim_id)


def test_similar_tier_is_suggested_not_merged():
    a = "The senator said the border wall would cost at least $25 billion over ten years."
    b = "The senator said the border wall would cost at least $25 billion over twenty years."
    c = "The senator argued the border wall might cost at least $25 billion over ten years."
    d = "Nothing in common with the others at all, really."
    g = group_claims(frame([a, b, c, d]))
    assert g.assignments.claim_id.nunique() == 4
    sim = g.similar
    assert len(sim) >= 2
    assert (sim.score >= DEFAULT_SIMILAR_THRESHOLD).all()
    assert (sim.claim_id < sim.similar_claim_id).all()
    ids = claim_of(g)
    pair = tuple(sorted((ids["s000"], ids["s001"])))
    assert pair in set(zip(sim.claim_id, sim.similar_claim_id))
    assert ids["s003"] not in set(sim.claim_id) | set(sim.similar_claim_id)


def test_thresholds_can_be_set():
    a = "The committee approved the budget after a long debate on Tuesday night."
    b = "The committee approved the budget after a long debate on Tuesdya night."  # a typo
    assert group_claims(frame([a, b])).assignments.claim_id.nunique() == 1
    g = group_claims(frame([a, b]), same_threshold=100, similar_threshold=50)
    assert g.assignments.claim_id.nunique() == 2
    assert len(g.similar) == 1


def test_short_texts_only_exact():
    g = group_claims(frame(["Yes.", "“yes”", "He said no.", "He said so.", "We won.", "We won!"]))
    ids = claim_of(g)
    assert ids["s000"] == ids["s001"]
    assert ids["s002"] != ids["s003"]
    assert ids["s004"] == ids["s005"]
    assert not same_claim("he said no to it", "he said so to it")


@pytest.mark.parametrize("a, b", [
    ("Trump requested $23 billion for border security, most of it for building the wall.",
     "Trump requested $25 billion for border security, most of it for building the wall."),
    ("Trump requested $23 billion for border security, most of it for building the wall.",
     "Trump did not request $23 billion for border security, most of it for building the wall."),
    ("The senator supported the bill that would expand health coverage for veterans.",
     "The senator opposed the bill that would expand health coverage for veterans."),
])
def test_guards_keep_different_claims_apart(a, b):
    assert claim_score(a, b) >= DEFAULT_SIMILAR_THRESHOLD
    assert not same_claim(a, b)
    assert group_claims(frame([a, b])).assignments.claim_id.nunique() == 2


# --- the claims table -----------------------------------------------------------------------


def test_claims_table_fields():
    texts = [G20_B, G20_A, "Something else entirely was said about the budget today.", G20_B]
    df = frame(texts, reports=["r2", "r1", "r1", "r3"],
               dates=["2018-03-02", "2018-03-01", "2018-03-01", None],
               speakers=["Pena Nieto", "Enrique Peña Nieto", None, "Pena Nieto"],
               cw=[0.2, 0.9, 0.1, float("nan")])
    g = group_claims(df)
    assert list(g.assignments.statement_id) == list(df.id)
    assert list(g.claims.columns) == clustering._OUT_COLUMNS
    g20 = g.claims[g.claims.n_occurrences == 3].iloc[0]
    assert g20.reports == ["r1", "r2", "r3"]  # first one first
    assert g20.first_report == "r1" and g20.first_date == "2018-03-01"
    assert g20.n_reports == 3
    assert g20.speakers == ["Enrique Peña Nieto", "Pena Nieto"]
    assert g20.checkworthiness == pytest.approx(0.9)
    assert g20.text == G20_A and g20.representative_id == "s001"  # the fullest occurrence
    assert g20.kind == "direct"
    occ = g20.occurrences
    assert [o["statement_id"] for o in occ] == ["s001", "s000", "s003"]
    assert occ[0] == {"statement_id": "s001", "report": "r1", "content_start": 10,
                      "content_end": 15, "speaker": "he"}
    # claims in order of their first statement
    assert list(g.claims.claim_id) == list(dict.fromkeys(g.assignments.claim_id))


def test_empty_and_odd_inputs():
    g = group_claims(frame([]))
    assert len(g.assignments) == 0 and len(g.claims) == 0 and len(g.similar) == 0
    g = group_claims(frame(["...", "—", "...", None]))
    ids = claim_of(g)
    assert ids["s000"] == ids["s002"] != ids["s001"]
    minimal = pd.DataFrame({"id": ["a", "b"], "text": [G20_A, G20_B]})
    assert group_claims(minimal).assignments.claim_id.nunique() == 1


# --- ids ------------------------------------------------------------------------------------

CORPUS = [
    G20_A, G20_B,
    "The two leaders spoke for about 50 minutes at the end of last month.",
    "The two leaders spoke for about 50 minutes at the end of last month, officials said.",
    "In his latest budget proposal to Congress, Trump requested $23 billion for border security.",
    "Critics warned such an agreement could put migrants fleeing violence in further danger.",
    "A Mexican official reportedly said Trump lost his temper during the conversation.",
]


def test_ids_deterministic_and_independent_of_row_order():
    df = frame(CORPUS, dates=[f"2018-01-{i + 1:02d}" for i in range(len(CORPUS))])
    a = claim_of(group_claims(df))
    b = claim_of(group_claims(df))
    assert a == b
    shuffled = df.sample(frac=1, random_state=3).reset_index(drop=True)
    assert claim_of(group_claims(shuffled)) == a
    assert all(CLAIM_ID.match(c) for c in a.values())


def test_ids_stable_when_reports_are_added():
    df = frame(CORPUS, dates=[f"2018-01-{i + 1:02d}" for i in range(len(CORPUS))])
    before = claim_of(group_claims(df))
    later = frame(["Pena Nieto who met Trump in July on the sidelines of a G20 summit canceled "
                   "an earlier meeting after Trump threatened to impose a tax on Mexican imports",
                   "A brand new claim about tariffs on steel and aluminum was made on Friday."],
                  dates=["2018-02-01", "2018-02-01"], ids=["n1", "n2"])
    both = pd.concat([df, later], ignore_index=True)
    after = claim_of(group_claims(both))
    assert {k: after[k] for k in before} == before  # without previous
    assert after["n1"] == after["s000"]
    # with previous, even a new earlier-dated member does not renumber the claim
    g1 = group_claims(df)
    prev = g1.assignments.merge(df[["id", "text"]], left_on="statement_id", right_on="id")[
        ["statement_id", "claim_id", "text"]]
    earlier = frame([G20_B.replace("canceled", "cancelled").upper()], dates=["2017-01-01"],
                    ids=["e1"])
    g2 = group_claims(pd.concat([df, earlier], ignore_index=True), previous=prev)
    ids2 = claim_of(g2)
    assert {k: ids2[k] for k in before} == before
    assert ids2["e1"] == before["s000"]


def test_previous_claims_are_never_merged():
    a = "The committee approved the budget after a long debate on Tuesday night in the capital."
    c = "The committee approved the budget after a long debate on Tuesday in the capital city."
    prev = pd.DataFrame({"statement_id": ["p1", "p2"], "claim_id": ["CAAAAAAAAAA", "CBBBBBBBBBB"],
                         "text": [a, c]})
    bridge = "The committee approved the budget after a long debate on Tuesday in the capital."
    g = group_claims(frame([a, c, bridge], ids=["p1", "p2", "x"]), previous=prev)
    ids = claim_of(g)
    assert ids["p1"] == "CAAAAAAAAAA" and ids["p2"] == "CBBBBBBBBBB"
    assert ids["x"] in ("CAAAAAAAAAA", "CBBBBBBBBBB")
    # a previous claim that has no statement in this run can still be joined
    g = group_claims(frame([a.upper()], ids=["y"]), previous=prev)
    assert claim_of(g)["y"] == "CAAAAAAAAAA"


# --- scoring consistency and the no-chaining property ---------------------------------------


@pytest.mark.parametrize("in_processes", [False, True])
def test_vectorised_scores_match_scalar(in_processes, monkeypatch):
    if in_processes:  # the partial ratios scored by forked workers, as on a large corpus
        monkeypatch.setattr(scoring, "PARALLEL_MIN_PAIRS", 0)
        monkeypatch.setattr(scoring, "_PARALLEL_CHUNK", 50)
        monkeypatch.setattr(scoring, "_score_workers", lambda: 2)
    rng = np.random.default_rng(0)
    words = "the wall border trump said mexico pay tax summit met july leaders budget".split()
    texts = [" ".join(rng.choice(words, size=rng.integers(3, 16))) for _ in range(60)]
    texts += [t + " officials said" for t in texts[:20]] + [" ".join(t.split()[2:]) for t in texts[:20]]
    norm = normalize_texts(texts)
    arr = np.empty(len(norm), dtype=object)
    arr[:] = norm
    lo, hi = np.triu_indices(len(norm), 1)
    lens = np.fromiter(map(len, norm), dtype=np.int64)
    nw = np.fromiter(map(scoring.n_words, norm), dtype=np.int64)
    l2, h2, sc = scoring.score_pairs(arr, lo.astype(np.int64), hi.astype(np.int64), lens, nw, 0.0)
    got = {(a, b): s for a, b, s in zip(l2.tolist(), h2.tolist(), sc.tolist())}
    for a, b in zip(lo.tolist()[:3000], hi.tolist()[:3000]):
        if norm[a] == norm[b]:
            continue
        want = claim_score(norm[a], norm[b], normalized=True)
        assert got.get((a, b), 0.0) == pytest.approx(want, abs=0.01), (norm[a], norm[b])



def test_partial_scores_in_processes_match_one_process(monkeypatch):
    """The forked workers return, in input order, what one process computes: partial_ratio
    (0 below the cutoff) and the local containment where it reaches PARTIAL_LOCAL."""
    rng = np.random.default_rng(1)
    words = "the wall border trump said mexico pay tax summit met july leaders budget".split()
    longs = [" ".join(rng.choice(words, size=rng.integers(10, 30))) for _ in range(400)]
    shorts = [" ".join(t.split()[2:-3]) if k % 2 else " ".join(rng.choice(words, size=8))
              for k, t in enumerate(longs)]
    serial_p, serial_lc = scoring.partial_scores(shorts, longs, 60.0)
    monkeypatch.setattr(scoring, "PARALLEL_MIN_PAIRS", 0)
    monkeypatch.setattr(scoring, "_PARALLEL_CHUNK", 37)
    monkeypatch.setattr(scoring, "_score_workers", lambda: 2)
    par_p, par_lc = scoring.partial_scores(shorts, longs, 60.0)
    np.testing.assert_array_equal(serial_p, par_p)
    np.testing.assert_array_equal(serial_lc, par_lc)
    for s, t, p, lc in zip(shorts, longs, par_p.tolist(), par_lc.tolist()):
        want = fuzz.partial_ratio(s, t)
        assert p == (want if want >= 60.0 else 0.0)
        if scoring.PARTIAL_LOCAL <= want < 100:
            assert lc == scoring._local_containment(s, t, want)
    assert (par_p >= 60).any() and (par_p == 0).any() and np.isfinite(par_lc).any()

WORDS = ("border wall senate budget tariff steel summit mexico trump president minister migrants "
         "security trade deal meeting july office congress billion spending vote report").split()


def _edit(words, rng):
    words = list(words)
    op = rng.integers(0, 3)
    i = int(rng.integers(0, len(words)))
    if op == 0 and len(words) > 6:
        del words[i]
    elif op == 1:
        words[i] = WORDS[int(rng.integers(0, len(WORDS)))]
    else:
        w = words[i]
        if len(w) > 3:
            words[i] = w[0] + w[2] + w[1] + w[3:]
    return words


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.integers(2, 5), st.integers(3, 12))
def test_every_member_is_close_to_the_representative(seed, n_bases, chain):
    """Chains of small edits (each step a near-duplicate of the previous one) must not pull far
    ends of the chain into one claim: every statement is the same claim as its claim's
    representative text."""
    rng = np.random.default_rng(seed)
    texts = []
    for _ in range(n_bases):
        words = list(rng.choice(WORDS, size=int(rng.integers(8, 16))))
        texts.append(" ".join(words))
        for _ in range(chain):
            words = _edit(words, rng)
            texts.append(" ".join(words))
    g = group_claims(frame(texts))
    rep = dict(zip(g.claims.claim_id, g.claims.text))
    for text, cid in zip(texts, g.assignments.claim_id):
        assert same_claim(text, rep[cid]), (text, rep[cid])


def test_chain_of_edits_is_not_one_claim():
    # each text is one typo away from the previous one; the ends are four typos apart
    chain = ["the committee approved the budget after a long debate on tuesday night",
             "the committee approved the budget after a long debate on tuesday nihgt",
             "the committee approved the budget after a lnog debate on tuesday nihgt",
             "the committee approved the budget atfer a lnog debate on tuesday nihgt",
             "the committee approved the bugdet atfer a lnog debate on tuesday nihgt"]
    for x, y in zip(chain, chain[1:]):
        assert same_claim(x, y)
    assert not same_claim(chain[0], chain[-1])
    g = group_claims(frame(chain))
    ids = claim_of(g)
    assert ids["s000"] != ids["s004"]
    rep = dict(zip(g.claims.claim_id, g.claims.text))
    for t, cid in zip(chain, g.assignments.claim_id):
        assert same_claim(t, rep[cid])


def test_partial_quotes_join_the_full_quote():
    a = "alpha bravo charlie delta echo foxtrot golf hotel india juliet"
    parts = [a, " ".join(a.split()[:9]), " ".join(a.split()[:8]), " ".join(a.split()[2:])]
    g = group_claims(frame(parts))
    assert g.assignments.claim_id.nunique() == 1
    assert g.claims.text.item() == a


def test_default_thresholds():
    assert 0 < DEFAULT_SIMILAR_THRESHOLD < DEFAULT_SAME_THRESHOLD <= 100
    assert normalize_text(G20_A) == normalize_text(G20_B)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.integers(20, 120))
def test_candidate_pairs_do_not_depend_on_how_pair_codes_are_partitioned(seed, n):
    """Blocking expands pair codes once per range of the lower text (to bound memory): the
    pairs are those of a single expansion, and they are exactly the texts sharing enough keys."""
    from claims.grouping import blocking

    rng = np.random.default_rng(seed)
    texts = [" ".join(rng.choice(WORDS, size=int(rng.integers(4, 14)))) for _ in range(n)]
    ids, lens, _ = blocking._tokenize(texts)
    assert len(ids) == int(lens.sum())
    key = rng.integers(0, 40, size=4 * n).astype(np.int64)
    kd = rng.integers(0, n, size=4 * n).astype(np.int32)
    n_keys = np.bincount(kd, minlength=n)
    one = blocking._pairs_from_keys(key, kd, n, n_keys=n_keys, code_parts=1)
    for parts in (2, 3, 7):
        got = blocking._pairs_from_keys(key, kd, n, n_keys=n_keys, code_parts=parts)
        assert np.array_equal(got, one)
    # keys too large to pack with the text number into one int64: the lexsort path, same pairs
    big = key + np.int64(2**62 - 64)
    assert np.array_equal(blocking._pairs_from_keys(big, kd, n, n_keys=n_keys), one)
    assert np.all(np.diff(one) > 0) and np.all(one // n < one % n)
    # brute force: shared keys per pair (blocks of at most MAX_BLOCK texts)
    blocks = {}
    for k, d in zip(key.tolist(), kd.tolist()):
        blocks.setdefault(k, []).append(d)
    shared: dict = {}
    for members in blocks.values():
        if 2 <= len(members) <= blocking.MAX_BLOCK:
            for i in range(len(members)):
                for j in range(i + 1, len(members)):
                    a, b = sorted((members[i], members[j]))
                    if a != b:
                        shared[(a, b)] = shared.get((a, b), 0) + 1
    want = sorted(a * n + b for (a, b), c in shared.items()
                  if c >= max(blocking.MIN_SHARED_KEYS,
                              np.ceil(blocking.MIN_SHARED_SHARE * min(n_keys[a], n_keys[b]))))
    assert one.tolist() == want



def test_candidate_pairs_in_forked_workers_are_the_same(monkeypatch):
    """Tokenizing and the pair expansion in forked processes (large corpora) give the pairs
    of one process, in the same order."""
    from claims.grouping import blocking

    rng = np.random.default_rng(3)
    base = [" ".join(rng.choice(WORDS, size=int(rng.integers(6, 16)))) for _ in range(150)]
    texts = base + [t + " officials said" for t in base[:80]] + [" ".join(t.split()[1:])
                                                                 for t in base[40:120]]
    one = blocking.candidate_pairs(texts)
    monkeypatch.setattr(blocking, "PARALLEL_MIN_TEXTS", 0)
    monkeypatch.setattr(blocking, "workers_available", lambda: 2)
    ids1, lens1, voc1 = blocking._tokenize(texts, chunk=37)
    ids2, lens2, voc2 = blocking._tokenize(texts, chunk=37, workers=2)
    assert np.array_equal(ids1, ids2) and np.array_equal(lens1, lens2)
    assert np.array_equal(voc1, voc2)
    two = blocking.candidate_pairs(texts)
    assert len(one[0]) > 100
    assert np.array_equal(one[0], two[0]) and np.array_equal(one[1], two[1])

def test_similar_table_best_score_per_pair_top_five_per_claim():
    center = np.arange(8, dtype=np.int64)
    lo = np.array([0, 0, 0, 0, 0, 0, 1, 0, 6], dtype=np.int64)
    hi = np.array([1, 2, 3, 4, 5, 6, 0, 7, 7], dtype=np.int64)
    score = np.array([80, 81, 82, 83, 84, 85, 90, 85, 99], dtype=np.float32)
    keys = np.arange(7, dtype=np.int64)  # text 7 has no claim id: its pairs are dropped
    cid = [f"C{i}" for i in range(7)]
    df = clustering._similar_table(center, lo, hi, score, keys, cid, keys < 2)  # C0, C1 present
    rows = list(df.itertuples(index=False, name=None))
    # C0-C1 scored twice: the best score; C0 keeps its 5 best; C6 pairs only with absent ids
    assert rows == [("C0", "C1", 90.0), ("C0", "C6", 85.0), ("C0", "C5", 84.0),
                    ("C0", "C4", 83.0), ("C0", "C3", 82.0)]


def test_grouping_forks_no_workers_inside_in_this_process():
    """A run whose extraction workers keep the cores busy groups in its own process."""
    from claims.grouping import forked

    before = forked.workers_available()
    with forked.in_this_process():
        assert forked.workers_available() == 1
        with forked.in_this_process():
            assert forked.workers_available() == 1
        assert forked.workers_available() == 1
    assert forked.workers_available() == before
