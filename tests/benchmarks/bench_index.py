"""Incremental grouping against a growing claim index: cost per batch as the index grows.

    python tests/benchmarks/bench_index.py STATEMENTS.pkl [--batch-reports 200]

STATEMENTS.pkl: a pickled statements frame (claims.types.statements_frame) of a corpus, e.g. the
distinct corpus of ../shared/bench/distinct_corpus.py extracted once. Batches of reports are
grouped in order with ``group_batch`` and the state brought up to date (no database), printing
per tenth of the run: claims indexed, stored claims given to group_claims per statement (the
candidate pairs of a statement against the index), and CPU ms per batch, split into the index
lookup, group_claims over the batch and its candidates, and speaker grouping.

Measured (distinct_corpus.py --n 12000 --seed 3, extracted: 284,105 statements, 261,319 claims;
2 shared cores, CPU ms per batch of 200 reports): before issue 12 the stored claims per statement
grew with the index (0.9 at 14k claims, 17.6 at 132k); with capped candidates they level off
(4.7 at 132k, 5.4 at 261k) and the index lookup is flat from ~100k claims (730 -> 940 ms);
speaker grouping is what still grows (580 -> 2,470 ms from 106k to 261k claims).
With the stored name forms indexed (PersonForms), 15,000 distinct reports (--seed 1, 350,536
statements, 322,332 claims): speakers 107 -> 740 ms per batch from the first to the last tenth
(index lookup 204 -> 1,066, group_claims 251 -> 1,076; load 4-9 on 2 cores). With the full names
kept per surname (a bare "Clinton" no longer compared with every stored Clinton) and the stored
speakers a batch looks up tested by id instead of collected: speakers 128 -> 309 ms (the same
run before: 116 -> 892; load 3-5).
Looking up the 4 rarest words (plus cheap ones), candidates sharing at least half of what the
best shares, ranked by bucket (10,000 distinct reports of distinct_corpus.py --seed 1 as `claims
run` extracts them, 233,997 statements): total CPU 88.1 -> 63.7 s, last tenth 2,697 -> 1,736 ms
per batch (index lookup 1,055 -> 603, group_claims 1,122 -> 674), speakers unchanged, 216,259
claims instead of 216,240 (B-cubed agreement with the earlier grouping 0.999).
"""
from __future__ import annotations

import argparse
import time

import pandas as pd

from claims.grouping import GroupingState, group_batch


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("statements")
    ap.add_argument("--batch-reports", type=int, default=200)
    ap.add_argument("--reports", type=int, default=0)
    ap.add_argument("--assignments", default=None, help="pickle statement id -> claim id, speaker id here (to compare runs)")
    a = ap.parse_args()
    df = pd.read_pickle(a.statements)
    reports = list(dict.fromkeys(df["report"].tolist()))
    if a.reports:
        reports = reports[:a.reports]
    pos = {r: i // a.batch_reports for i, r in enumerate(reports)}
    b = df["report"].map(pos)
    df = df[b.notna()]
    b = b[b.notna()].astype(int)
    import claims.grouping.batch as batch_mod
    from claims.grouping.claim_index import ClaimIndex
    spent = {"index": 0.0, "group_claims": 0.0, "speakers": 0.0}

    def timed(name, fn):
        def wrapper(*args, **kw):
            t0 = time.process_time()
            try:
                return fn(*args, **kw)
            finally:
                spent[name] += time.process_time() - t0
        return wrapper
    batch_mod.group_speakers_compact = timed("speakers", batch_mod.group_speakers_compact)
    ClaimIndex._candidates_of = timed("index", ClaimIndex._candidates_of)
    ClaimIndex._able = timed("index", ClaimIndex._able)
    batch_mod.group_claims = timed("group_claims", batch_mod.group_claims)
    state = GroupingState()
    rows = []
    claim_of, speaker_of = {}, {}
    for k, part in df.groupby(b.values, sort=True):
        t = time.process_time()
        g = group_batch(part.reset_index(drop=True), state)
        state.apply(g)
        dt = time.process_time() - t
        stats = getattr(state.claims, "last_stats", {})
        rows.append((k, len(part), len(state.claims), stats.get("queried", 0), stats.get("candidates", 0), dt,
                     dict(spent)))
        for key in spent:
            spent[key] = 0.0
        claim_of.update(g.claim_of)
        speaker_of.update(g.speaker_of)
    n = len(rows)
    print(f"{len(reports)} reports, {len(df)} statements, {len(state.claims)} claims, "
          f"total CPU {sum(r[5] for r in rows):.1f} s")
    print("tenth  claims_indexed  cand/statement  ms/batch(CPU)  of which: index lookup  group_claims  speakers")
    for t in range(10):
        part = rows[t * n // 10:(t + 1) * n // 10]
        if not part:
            continue
        q = sum(r[3] for r in part)
        c = sum(r[4] for r in part)
        print(f"{t + 1:>5}  {part[-1][2]:>14}  {c / max(q, 1):>14.2f}  {1000 * sum(r[5] for r in part) / len(part):>13.0f}"
              + "".join(f"  {1000 * sum(r[6][key] for r in part) / len(part):>12.0f}"
                        for key in ("index", "group_claims", "speakers")))
    if a.assignments:
        pd.DataFrame({"claim_id": pd.Series(claim_of), "speaker_id": pd.Series(speaker_of)}).to_pickle(a.assignments)


if __name__ == "__main__":
    main()
