"""Group statements into claims over a whole corpus: center-based clustering and claim ids.

``group_claims(statements)`` is the whole-corpus entry point (``claims.group_claims`` wraps it);
``ClaimIndex.match`` (claim_index.py) calls it on each new batch with the stored claims that
may match as ``previous``, and which statement each was found by as ``previous_pairs``. How it scales (10^6 distinct statements: ~60 s of CPU spread over
two cores, 1.7 GiB; see tests/benchmarks/bench_dedupe.py):

1. Exact duplicates after normalisation are collapsed; the rest works on distinct texts.
2. **Blocking** (blocking.py): only pairs of texts sharing rare words are candidates.
3. **Scoring** (scoring.py) of the candidate pairs; guards only on pairs passing the score.
4. **Center-based clustering** (no chaining, ``cluster_texts``): distinct texts are visited by
   how many statements they match (their own plus their same-tier neighbours'), then longest
   first; an unassigned text becomes a *center* and takes every unassigned text that is the
   same claim as *the center*. Every member is therefore the same claim as its claim's
   representative, and chains of small edits (A~B, B~C, A!~C) never pull C into A's claim.
   Visiting by matches makes the original the center when a wrapped quote and a partial quote
   both match it but not each other.

Similar claims (``ClaimGroups.similar``): one row per pair of claims scoring at least
``similar_threshold`` without being the same claim, ``claim_id < similar_claim_id``, at most
``MAX_SIMILAR_PER_CLAIM`` per claim; shown to the reviewer, never merged.

The claims table's representative is an occurrence of the center text (its longest original
text, then the earliest): the fullest occurrence that all the others match -- for plain repeats
the longest one; a wrapped copy ("X, officials said") is longer but is not what the partial
quotes match.

Claim ids (``"C" + 10 upper-case hex``) are the first 40 bits of ``sha1`` of the normalised text
of the claim's *anchor*: the member text that appeared first (earliest ``report_date``, undated
last), ties by the smallest sha1; the ids do not depend on row order. Adding reports does not
change an existing claim's id unless a new member is dated earlier or the new statements
regroup the claim; ``previous`` makes ids fully stable: previous statements keep their claim
ids, a new statement that is the same claim as a previous claim's representative (its longest
previous text) joins it, previous claims are never merged, and a new id colliding with an
existing one is re-hashed with a counter.

Thresholds were chosen by measurement (``tests/benchmarks/bench_dedupe.py --sweep``, 100,000
statements, normal and hard corpus; see ``DEFAULT_SAME_THRESHOLD`` in scoring.py).
"""
from __future__ import annotations

import gc
import hashlib
from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np
import pandas as pd

from claims.normalize import normalize_texts

from .blocking import candidate_pairs, unique_sorted
from .scoring import (DEFAULT_SAME_THRESHOLD, DEFAULT_SIMILAR_THRESHOLD, MIN_FUZZY_CHARS,
                      MIN_FUZZY_WORDS, n_words, guards_ok, score_pairs)

__all__ = ["ClaimGroups", "group_claims", "cluster_texts", "claim_id_for", "match_key"]

MAX_SIMILAR_PER_CLAIM = 5

_OUT_COLUMNS = [
    "claim_id", "text", "representative_id", "kind", "n_occurrences", "n_reports", "reports",
    "first_report", "first_date", "speakers", "checkworthiness", "occurrences",
]


@dataclass
class ClaimGroups:
    assignments: pd.DataFrame  # statement_id, claim_id; one row per input statement, input order
    claims: pd.DataFrame  # see _OUT_COLUMNS
    similar: pd.DataFrame  # claim_id, similar_claim_id, score (claim_id < similar_claim_id)


# --- clustering -----------------------------------------------------------------------------


def cluster_texts(texts: Sequence[str], *, same_threshold: float = DEFAULT_SAME_THRESHOLD,
                  similar_threshold: float = DEFAULT_SIMILAR_THRESHOLD,
                  fixed: Optional[np.ndarray] = None,
                  fixed_center: Optional[np.ndarray] = None,
                  weights: Optional[np.ndarray] = None,
                  fixed_pairs: Optional[tuple[np.ndarray, np.ndarray, int]] = None):
    """Cluster *distinct normalised* texts.

    fixed: optional int array, -1 for free texts, else a previous cluster number (>= 0) the text
    already belongs to; fixed_center: bool array, True for the representative of each previous
    cluster; weights: statements per text (default 1), for the visiting order; fixed_pairs:
    (input text, fixed text) index arrays and the number of input texts (the first ones): the
    only pairs of an input text and a previous-only text to score (the input texts are then
    blocked among themselves only; see ``group_claims``' ``previous_pairs``).
    Free texts join a previous cluster only when they pass the same tier with its representative; previous
    clusters are never merged.

    Returns (center, sim_lo, sim_hi, sim_score): center[i] is the index of the text's cluster
    center for free texts, or ``-1 - fixed[i]`` for texts in (or joining) a previous cluster;
    sim_* are the scored candidate pairs with score >= similar_threshold.
    """
    n = len(texts)
    arr = np.empty(n, dtype=object)
    arr[:] = list(texts)
    lens = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    nwords = np.fromiter(map(n_words, texts), dtype=np.int64, count=n)
    floor = min(same_threshold, similar_threshold)
    if fixed is not None and fixed_pairs is not None:
        lo, hi = _pairs_with_fixed(arr, lens, nwords, fixed_pairs, floor)
    else:
        lo, hi = candidate_pairs(texts)
    if fixed is not None and len(lo):
        # two texts of previous clusters: those are never merged, and their similarity was
        # scored when the later of them was grouped (an incremental run hands each batch the
        # stored claims near its texts, which are near each other too)
        f = np.asarray(fixed) >= 0
        keep = ~(f[lo] & f[hi])
        lo, hi = lo[keep], hi[keep]
    lo, hi, score = score_pairs(arr, lo, hi, lens, nwords, floor)
    e_lo, e_hi, e_sc = _same_tier_edges(arr, lens, nwords, lo, hi, score, same_threshold)

    UNSET = np.iinfo(np.int64).min
    center = np.full(n, UNSET, dtype=np.int64)
    if fixed is not None:
        e_lo, e_hi = _join_previous(center, fixed, fixed_center, e_lo, e_hi, e_sc)
    if len(e_lo):
        _greedy_centers(center, texts, lens, e_lo, e_hi, weights)
    rest = center == UNSET
    center[rest] = np.flatnonzero(rest)
    sim = score >= similar_threshold
    return center, lo[sim], hi[sim], score[sim]


def _pairs_with_fixed(arr, lens, nwords, fixed_pairs, floor):
    """The candidate pairs when the pairs with previous texts are given (``fixed_pairs``): the
    input texts blocked among themselves, the given pairs, and, for two input texts that can
    score the floor together, each with the other's given texts (a copy whose own lookup missed
    the stored claim its near twin in the batch found: a typo in a rare word, a longer claim
    holding it). In (lo, hi) order, once each."""
    n = len(arr)
    a, b = (np.asarray(x, dtype=np.int64) for x in fixed_pairs[:2])
    f_lo, f_hi = candidate_pairs(arr[:fixed_pairs[2]].tolist())
    if len(a) and len(f_lo):
        s_lo, s_hi, _ = score_pairs(arr, f_lo, f_hi, lens, nwords, floor)
        o = np.argsort(a, kind="stable")
        a_s, b_s = a[o], b[o]
        src = np.concatenate([s_lo, s_hi])  # gets the fixed texts of...
        via = np.concatenate([s_hi, s_lo])  # ...this one
        start = np.searchsorted(a_s, via, side="left")
        cnt = np.searchsorted(a_s, via, side="right") - start
        total = int(cnt.sum())
        if total:
            off = np.repeat(start - (np.cumsum(cnt) - cnt), cnt) + np.arange(total)
            a = np.concatenate([a, np.repeat(src, cnt)])
            b = np.concatenate([b, b_s[off]])
    lo = np.concatenate([f_lo, np.minimum(a, b)])
    hi = np.concatenate([f_hi, np.maximum(a, b)])
    if len(a):
        pair = np.unique(lo * np.int64(n) + hi)
        lo, hi = pair // n, pair % n
    keep = lo != hi
    return lo[keep], hi[keep]


def _same_tier_edges(arr, lens, nwords, lo, hi, score, same_threshold):
    """The scored pairs that are the same claim: score, no short text, content guards."""
    short = (lens < MIN_FUZZY_CHARS) | (nwords < MIN_FUZZY_WORDS)
    same = (score >= same_threshold) & ~short[lo] & ~short[hi]
    e_lo, e_hi, e_sc = lo[same], hi[same], score[same]
    if len(e_lo):  # content guards, only on the few pairs that pass the score
        ok = np.fromiter((guards_ok(arr[a], arr[b]) for a, b in zip(e_lo.tolist(), e_hi.tolist())),
                         dtype=bool, count=len(e_lo))
        e_lo, e_hi, e_sc = e_lo[ok], e_hi[ok], e_sc[ok]
    return e_lo, e_hi, e_sc


def _join_previous(center, fixed, fixed_center, e_lo, e_hi, e_sc):
    """Texts of previous clusters keep them; a free text matching a previous representative
    joins the best-matching one (``center`` set in place). Returns the edges between free texts."""
    fixed = np.asarray(fixed, dtype=np.int64)
    is_fixed = fixed >= 0
    center[is_fixed] = -1 - fixed[is_fixed]
    free = ~is_fixed
    if fixed_center is not None and len(e_lo):
        fc = np.asarray(fixed_center, dtype=bool)
        # a free text joins the previous cluster whose representative it matches best
        a_rep = fc[e_lo] & free[e_hi]
        b_rep = fc[e_hi] & free[e_lo]
        j_txt = np.concatenate([e_hi[a_rep], e_lo[b_rep]])
        j_rep = np.concatenate([e_lo[a_rep], e_hi[b_rep]])
        j_sc = np.concatenate([e_sc[a_rep], e_sc[b_rep]])
        if len(j_txt):
            o = np.lexsort((fixed[j_rep], -j_sc, j_txt))
            j_txt, j_rep = j_txt[o], j_rep[o]
            first = np.ones(len(j_txt), bool)
            first[1:] = j_txt[1:] != j_txt[:-1]
            center[j_txt[first]] = -1 - fixed[j_rep[first]]
            free[j_txt[first]] = False
    keep = free[e_lo] & free[e_hi]
    return e_lo[keep], e_hi[keep]


def _greedy_centers(center, texts, lens, e_lo, e_hi, weights) -> None:
    """Greedy center clustering over free texts that have same-tier edges (``center`` set in
    place): the text matching the most statements first (the original a partial quote and a
    wrapped quote both match), then the longest."""
    n = len(texts)
    nodes = unique_sorted(np.concatenate([e_lo, e_hi]))
    w = np.ones(n, np.int64) if weights is None else np.asarray(weights, np.int64)
    deg = w + np.bincount(e_lo, weights=w[e_hi], minlength=n) + \
        np.bincount(e_hi, weights=w[e_lo], minlength=n)
    order = sorted(nodes.tolist(), key=lambda i: (-deg[i], -lens[i], texts[i]))
    src = np.concatenate([e_lo, e_hi])
    dst = np.concatenate([e_hi, e_lo])
    o = np.argsort(src, kind="stable")
    src, dst = src[o], dst[o]
    bounds = np.searchsorted(src, nodes)
    bounds_end = np.searchsorted(src, nodes, side="right")
    pos = dict(zip(nodes.tolist(), zip(bounds.tolist(), bounds_end.tolist())))
    dst_l = dst.tolist()
    assigned = set()
    for u in order:
        if u in assigned:
            continue
        assigned.add(u)
        center[u] = u
        a, b = pos[u]
        for v in dst_l[a:b]:
            if v not in assigned:
                assigned.add(v)
                center[v] = u


# --- ids ------------------------------------------------------------------------------------


def claim_id_for(norm_text: str, salt: int = 0) -> str:
    """"C" + 10 upper-case hex of sha1 of the normalised anchor text (salted on collision)."""
    data = norm_text if not salt else f"{norm_text}\x00{salt}"
    return "C" + hashlib.sha1(data.encode("utf-8")).hexdigest()[:10].upper()


# --- the public entry point -----------------------------------------------------------------


def column_values(df: pd.DataFrame, name: str, default=None) -> list:
    """A column as a list, missing values (NaN, NaT, pd.NA) as None."""
    if name not in df.columns:
        return [default] * len(df)
    col = df[name]
    if col.hasnans if hasattr(col, "hasnans") else col.isna().any():
        col = col.astype(object).where(col.notna(), None)
    return col.tolist()


def _int_col(df: pd.DataFrame, name: str) -> list:
    """An integer column (offsets) as a list of int or None."""
    if name not in df.columns:
        return [None] * len(df)
    col = df[name]
    if pd.api.types.is_integer_dtype(col.dtype) and not col.isna().any():
        return col.astype(np.int64).tolist()
    return [None if v is None or v != v else int(v) for v in col.astype(object).tolist()]


def _clean(v):
    if v is None:
        return None
    if isinstance(v, float) and v != v:
        return None
    return v


def match_key(raw, norm: str) -> str:
    """The exact-match key of a text: its normalised form (punctuation-only texts by their text)."""
    return norm if norm else "\x00" + str(_clean(raw) or "").strip()


def group_claims(statements: pd.DataFrame, *, previous: Optional[pd.DataFrame] = None,
                 same_threshold: float = DEFAULT_SAME_THRESHOLD,
                 similar_threshold: float = DEFAULT_SIMILAR_THRESHOLD,
                 previous_pairs: Optional[tuple[Sequence[int], Sequence[int]]] = None,
                 match_keys: Optional[Sequence[str]] = None) -> ClaimGroups:
    """Group statements into claims (see the module docstring).

    statements needs at least: id, report, kind, text, speaker, speaker_name, report_date,
    content_start, content_end, checkworthiness (missing optional columns count as empty).
    previous: optional DataFrame (statement_id, claim_id, text) of statements already assigned
    in earlier runs; their claim ids are kept (an optional match_key column holds each text's
    ``match_key`` when the caller knows it: the texts are then not normalised again). The claims table describes the input statements
    only (a previous claim appears in it when an input statement belongs to it).
    previous_pairs: optional (statement positions, previous row positions): the only pairs of
    an input statement and a previous text to score, when the caller found them already
    (``ClaimIndex.match``: each text with the stored claims its own lookup found); the input
    texts are then blocked among themselves only, not with the previous texts too, whose
    number grows with the archive (issue 12).
    match_keys: optional ``match_key`` of each statement's text, when the caller made them
    (``ClaimIndex.match`` normalised the batch already): the texts are not normalised again.
    """
    # millions of small lists and dicts: the cyclic GC would rescan them over and over
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _group_claims(statements, previous, same_threshold, similar_threshold, previous_pairs,
                             match_keys)
    finally:
        if gc_was_enabled:
            gc.enable()


def _match_keys(raw: list) -> list[str]:
    """match_key of every text (texts of punctuation only: grouped by their exact text)."""
    norm = normalize_texts(raw)
    for i, t in enumerate(norm):
        if not t:
            norm[i] = match_key(raw[i], t)
    return norm


def _previous_claims(previous) -> tuple[dict, list, list]:
    """(previous statement id -> claim id, match keys, claim ids) of ``previous``."""
    if previous is None or not len(previous):
        return {}, [], []
    p_sid = [str(x) for x in previous["statement_id"].tolist()]
    p_cid = [str(x) for x in previous["claim_id"].tolist()]
    if "match_key" in previous.columns:  # known already (ClaimIndex.match): not normalised again
        keys = [str(x) for x in previous["match_key"].tolist()]
    else:
        keys = _match_keys(previous["text"].tolist() if "text" in previous.columns else [""] * len(p_sid))
    return dict(zip(p_sid, p_cid)), keys, p_cid


def _fixed_clusters(p_code: np.ndarray, prev_cid: list, utexts: list):
    """The previous claims as fixed clusters of the distinct texts: (fixed, fixed_center,
    previous claim id per cluster number); see cluster_texts."""
    nu = len(utexts)
    # a text shared by several previous claims belongs to the smallest claim id
    cl_codes, cl_uniques = pd.factorize(pd.Series(prev_cid, dtype=object), sort=True)
    prev_cluster_ids = [str(x) for x in cl_uniques]
    fixed = np.full(nu, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(fixed, p_code, cl_codes)
    fixed[fixed == np.iinfo(np.int64).max] = -1
    # representative of each previous claim: longest normalised text, then smallest text
    fixed_center = np.zeros(nu, dtype=bool)
    best: dict[int, int] = {}
    for c, u in zip(cl_codes.tolist(), p_code.tolist()):
        if fixed[u] != c:
            continue
        b = best.get(c)
        if b is None or (len(utexts[u]), utexts[b]) > (len(utexts[b]), utexts[u]):
            best[c] = u
    fixed_center[list(best.values())] = True
    return fixed, fixed_center, prev_cluster_ids


def _group_claims(statements, previous, same_threshold, similar_threshold,
                  previous_pairs=None, match_keys=None) -> ClaimGroups:
    n = len(statements)
    sid = [x if type(x) is str else str(x) for x in column_values(statements, "id")]
    raw = column_values(statements, "text", "")
    if match_keys is not None and len(match_keys) != n:
        raise ValueError(f"match_keys: {len(match_keys)} keys for {n} statements")
    norm = list(match_keys) if match_keys is not None else _match_keys(raw)
    prev_claim_of_sid, prev_norm, prev_cid = _previous_claims(previous)

    # distinct normalised texts: input first, then previous-only ones
    codes, uniques = pd.factorize(pd.Series(norm + prev_norm, dtype=object), sort=False)
    utexts = list(uniques)
    nu = len(utexts)
    s_code = codes[:n]
    fixed = fixed_center = None
    prev_cluster_ids: list[str] = []
    if prev_norm:
        fixed, fixed_center, prev_cluster_ids = _fixed_clusters(codes[n:], prev_cid, utexts)

    fixed_pairs = None
    if previous_pairs is not None and fixed is not None:
        sp, pp = (np.asarray(x, dtype=np.int64) for x in previous_pairs)
        fixed_pairs = (s_code[sp], codes[n:][pp], int(s_code.max()) + 1 if n else 0)
    center, sim_lo, sim_hi, sim_score = cluster_texts(
        utexts, same_threshold=same_threshold, similar_threshold=similar_threshold,
        fixed=fixed, fixed_center=fixed_center, weights=np.bincount(codes, minlength=nu),
        fixed_pairs=fixed_pairs)

    # statement -> cluster key (center text index >= 0, or -1 - previous cluster number)
    s_center = center[s_code].copy()
    if prev_claim_of_sid:
        pc_index = {c: i for i, c in enumerate(prev_cluster_ids)}
        for i, s in enumerate(sid):
            c = prev_claim_of_sid.get(s)
            if c is not None:
                s_center[i] = -1 - pc_index[c]

    # dates and order inside each claim: dated first (ISO strings sort), then input order
    dates = [x[:10] if type(x) is str else (None if x is None else str(x)[:10])
             for x in column_values(statements, "report_date")]
    date_codes, date_uniques = pd.factorize(pd.Series(dates, dtype=object), sort=True)
    date_key = np.where(date_codes < 0, len(date_uniques), date_codes)

    kcodes, kuniq = pd.factorize(s_center)
    cids = _claim_ids(kuniq, kcodes, s_code, utexts, date_key, prev_cluster_ids)
    s_cid = cids[kcodes].tolist()
    # every cluster key with its claim id: the input's (present), then the previous claims
    # without an input statement
    extra = np.setdiff1d(-1 - np.arange(len(prev_cluster_ids), dtype=np.int64), kuniq)
    key_all = np.concatenate([np.asarray(kuniq, dtype=np.int64), extra])
    cid_all = cids.tolist() + [prev_cluster_ids[-1 - k] for k in extra.tolist()]
    present = np.arange(len(key_all)) < len(kuniq)
    assignments = pd.DataFrame({"statement_id": pd.Series(sid, dtype=object),
                                "claim_id": pd.Series(s_cid, dtype=object)})

    is_center = s_center == s_code  # the statement's text is its cluster's center
    nlen = np.fromiter(map(len, norm), dtype=np.int64, count=n)
    del norm, prev_norm, utexts, uniques, codes
    claims = _claims_table(statements, n, sid, raw, nlen, kcodes, s_cid, dates, date_key,
                           is_center)
    similar = _similar_table(center, sim_lo, sim_hi, sim_score, key_all, cid_all, present)
    return ClaimGroups(assignments=assignments, claims=claims, similar=similar)


def _claim_ids(kuniq, kcodes, s_code, utexts, date_key, prev_cluster_ids) -> np.ndarray:
    """The claim id of each cluster key. Previous clusters keep theirs; a new cluster's is the
    sha1 of the normalised text of its anchor, the member text that appeared first (earliest
    report_date, undated last), ties by the smallest sha1."""
    n, nk = len(kcodes), len(kuniq)
    cids = np.empty(nk, dtype=object)
    is_prev = kuniq < 0
    for j in np.flatnonzero(is_prev).tolist():
        cids[j] = prev_cluster_ids[-1 - int(kuniq[j])]
    if not n or is_prev.all():
        return cids
    used = unique_sorted(s_code)
    hint = np.zeros(len(utexts), dtype=np.int64)  # first 60 bits of sha1; the id shows the first 40
    for u in used.tolist():
        hint[u] = int(hashlib.sha1(utexts[u].encode("utf-8")).hexdigest()[:15], 16)
    o = np.lexsort((hint[s_code], date_key, kcodes))
    kc = kcodes[o]
    first = np.ones(n, bool)
    first[1:] = kc[1:] != kc[:-1]
    anchor_u = np.empty(nk, dtype=np.int64)
    anchor_u[kc[first]] = s_code[o[first]]
    del o, kc, first
    new_j = np.flatnonzero(~is_prev)
    new_ids = ["C%010X" % v for v in (hint[anchor_u[new_j]] >> 20).tolist()]
    taken = set(prev_cluster_ids)
    if len(set(new_ids)) != len(new_ids) or not taken.isdisjoint(new_ids):
        # deterministic collision handling: anchors in hash order, later ones salted
        for pos in sorted(range(len(new_j)), key=lambda q: (new_ids[q], hint[anchor_u[new_j[q]]])):
            cid, salt = new_ids[pos], 0
            while cid in taken:
                salt += 1
                cid = claim_id_for(utexts[anchor_u[new_j[pos]]], salt)
            taken.add(cid)
            new_ids[pos] = cid
    cids[new_j] = new_ids
    return cids


def _claims_table(statements, n, sid, raw, nlen, s_rank, s_cid, dates, date_key, is_center):
    if n == 0:
        return pd.DataFrame({c: [] for c in _OUT_COLUMNS})
    # claims in order of their first statement in the input (s_rank: factorize order); inside
    # a claim, dated first (ISO dates sort), then input order
    o = np.lexsort((np.arange(n), date_key, s_rank))
    sr = s_rank[o]
    first = np.ones(n, bool)
    first[1:] = sr[1:] != sr[:-1]
    bstart = np.flatnonzero(first)
    bend = np.append(bstart[1:], n)
    sizes = bend - bstart
    multi = np.flatnonzero(sizes > 1).tolist()

    def ordered(values) -> list:
        arr = np.empty(n, dtype=object)
        arr[:] = values
        return arr[o].tolist()

    sid_o = ordered(sid)
    report_o = ordered([str(x) if x is not None and type(x) is not str else x
                        for x in column_values(statements, "report")])
    speaker_o = ordered(column_values(statements, "speaker"))
    name_o = ordered(column_values(statements, "speaker_name"))
    cs_o = ordered(_int_col(statements, "content_start"))
    ce_o = ordered(_int_col(statements, "content_end"))
    dates_o = ordered(dates)
    occ = [{"statement_id": a, "report": b, "content_start": c, "content_end": d, "speaker": e}
           for a, b, c, d, e in zip(sid_o, report_o, cs_o, ce_o, speaker_o)]
    b0s, b1s = bstart.tolist(), bend.tolist()
    rows_occ = [occ[x:y] for x, y in zip(b0s, b1s)]
    rows_reports = [[report_o[x]] if report_o[x] is not None else [] for x in b0s]
    rows_speakers = [[name_o[x]] if name_o[x] is not None else [] for x in b0s]
    for k in multi:
        x, y = b0s[k], b1s[k]
        rows_reports[k] = [r for r in dict.fromkeys(report_o[x:y]) if r is not None]
        rows_speakers[k] = [r for r in dict.fromkeys(name_o[x:y]) if r is not None]
    first_date = [dates_o[x] for x in b0s]

    cw = pd.to_numeric(statements["checkworthiness"], errors="coerce").to_numpy(
        dtype=np.float64, na_value=np.nan) if "checkworthiness" in statements.columns \
        else np.full(n, np.nan)
    cw_sorted = np.where(np.isnan(cw[o]), -np.inf, cw[o])
    cw_max = np.maximum.reduceat(cw_sorted, bstart)
    cw_max[~np.isfinite(cw_max)] = np.nan
    # representative: an occurrence of the center text (for a previous claim, its longest text
    # here), the one with the longest original text, then the earliest (date, input order)
    rawlen = np.fromiter((len(t) if isinstance(t, str) else 0 for t in raw), dtype=np.int64,
                         count=n)
    prio = np.where(is_center, 1 << 40, 0) + nlen * (1 << 20) + np.minimum(rawlen, (1 << 20) - 1)
    p_sorted = prio[o]
    p_max = np.maximum.reduceat(p_sorted, bstart)
    cand_pos = np.flatnonzero(p_sorted == np.repeat(p_max, sizes))
    blk = np.searchsorted(bstart, cand_pos, side="right") - 1
    firstc = np.ones(len(cand_pos), bool)
    firstc[1:] = blk[1:] != blk[:-1]
    rep = o[cand_pos[firstc]]
    kind = np.empty(n, dtype=object)
    kind[:] = column_values(statements, "kind")
    raw_arr = np.empty(n, dtype=object)
    raw_arr[:] = raw
    sid_arr = np.empty(n, dtype=object)
    sid_arr[:] = sid
    cid_arr = np.empty(n, dtype=object)
    cid_arr[:] = s_cid
    return pd.DataFrame({
        "claim_id": cid_arr[rep],
        "text": raw_arr[rep],
        "representative_id": sid_arr[rep],
        "kind": kind[rep],
        "n_occurrences": sizes.astype(np.int64),
        "n_reports": np.fromiter(map(len, rows_reports), dtype=np.int64, count=len(b0s)),
        "reports": rows_reports,
        "first_report": pd.Series([r[0] if r else None for r in rows_reports], dtype=object),
        "first_date": pd.Series(first_date, dtype=object),
        "speakers": rows_speakers,
        "checkworthiness": cw_max,
        "occurrences": rows_occ,
    })


def _similar_table(center, sim_lo, sim_hi, sim_score, key_all, cid_all, present):
    """key_all: every cluster key; cid_all: its claim id; present: whether an input statement
    belongs to it (a pair needs one such claim)."""
    empty = pd.DataFrame({"claim_id": pd.Series([], dtype=object),
                          "similar_claim_id": pd.Series([], dtype=object),
                          "score": pd.Series([], dtype=np.float64)})
    if not len(sim_lo):
        return empty
    ka, kb = center[sim_lo], center[sim_hi]
    diff = ka != kb
    ka, kb, sc = ka[diff], kb[diff], sim_score[diff]
    if not len(ka):
        return empty
    # column-wise (a dict and a DataFrame sort of strings cost ~15 s at 10^6 statements):
    # claim ids become their rank in sorted order, so integer sorts give the string order
    # (claim ids are distinct; numpy's fixed-width string sort is the str order, and ~7 times
    # faster than pandas' object sort)
    k_order = np.argsort(key_all)
    keys = key_all[k_order]
    id_arr = np.array(cid_all, dtype=str)
    by_id = np.argsort(id_arr, kind="stable")
    rank = np.empty(len(id_arr), np.int64)
    rank[by_id] = np.arange(len(id_arr))
    ids = np.empty(len(cid_all), dtype=object)
    ids[rank] = cid_all
    is_present = np.empty(len(cid_all), bool)
    is_present[rank] = present
    rank = rank[k_order]

    if not len(keys):
        return empty

    def rank_of(k: np.ndarray) -> np.ndarray:  # -1: a key without a claim id
        pos = np.minimum(np.searchsorted(keys, k), len(keys) - 1)
        return np.where(keys[pos] == k, rank[pos], -1)

    ra, rb = rank_of(ka), rank_of(kb)
    ok = (ra >= 0) & (rb >= 0)
    ok[ok] = is_present[ra[ok]] | is_present[rb[ok]]
    ra, rb, sc = ra[ok], rb[ok], sc[ok]
    ra, rb = np.minimum(ra, rb), np.maximum(ra, rb)
    if not len(ra):
        return empty
    # one row per pair of claims, its best score
    o = np.lexsort((-sc, rb, ra))
    ra, rb, sc = ra[o], rb[o], sc[o]
    first = np.ones(len(ra), bool)
    first[1:] = (ra[1:] != ra[:-1]) | (rb[1:] != rb[:-1])
    ra, rb = ra[first], rb[first]
    score = np.fromiter((round(float(x), 1) for x in sc[first].tolist()), dtype=np.float64,
                        count=len(ra))
    # per claim: best score first, then similar claim id; at most MAX_SIMILAR_PER_CLAIM
    o = np.lexsort((rb, -score, ra))
    ra, rb, score = ra[o], rb[o], score[o]
    start = np.ones(len(ra), bool)
    start[1:] = ra[1:] != ra[:-1]
    run_start = np.maximum.accumulate(np.where(start, np.arange(len(ra)), 0))
    top = (np.arange(len(ra)) - run_start) < MAX_SIMILAR_PER_CLAIM
    return pd.DataFrame({"claim_id": ids[ra[top]], "similar_claim_id": ids[rb[top]],
                         "score": score[top]})

