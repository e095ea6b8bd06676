"""What incremental grouping decides on the distinct corpus, batch by batch as ``claims run`` does
(``group_batch`` against the growing ``GroupingState``, no database), and how well it groups the
planted repeats (issue 12):

    python tests/benchmarks/bench_grouping_quality.py --corpus /tmp/bench13/distinct_100000 \\
        --reports 20000 --batches 50 --save /tmp/now.pkl [--compare /tmp/before.pkl]

The batches are ``bench_main_process.py``'s cached extraction of the corpus's first ``--reports``
reports (extracted once if missing); the first ``--batches`` of them (200 reports each) are
grouped. Printed: claims, statements in a claim of two or more, similar pairs, speakers, CPU per
batch by tenth, and the planted-repeat figure: of the statements that are a planted repeat (a
statement of at least five words whose normalised text is in, or nearly in (partial_ratio >= 90),
a viral sentence the corpus manifest plants in its report; ``distinct_corpus.py``'s generator
rebuilt with ``--seed``), those with an earlier occurrence in another report (fuzz.ratio >= 90
between the normalised texts: the same span, edits aside), how many share a claim with one.
``--compare`` prints the same figures for a dump saved by another version (``--save``).
Not collected by pytest.
"""
from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import pathlib
import pickle
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))


def replay(files: list[pathlib.Path]) -> dict:
    from claims.grouping import GroupingState, group_batch
    from claims.types import statements_frame

    state = GroupingState()
    out: dict = {"claim_of": {}, "speaker_of": {}, "similar": {}, "texts": {}, "report": {}, "cpu": []}
    for f in files:
        with open(f, "rb") as fh:
            _, rows = pickle.load(fh)
        df = statements_frame(rows)
        t = time.process_time()
        g = group_batch(df, state)
        state.apply(g)
        out["cpu"].append(time.process_time() - t)
        out["claim_of"].update(g.claim_of)
        out["speaker_of"].update(g.speaker_of)
        out["similar"].update(g.similar)
        out["texts"].update(zip(df["id"].tolist(), df["text"].tolist()))
        out["report"].update(zip(df["id"].tolist(), df["report"].tolist()))
    return out


def planted_grouped(d: dict, manifest: pathlib.Path, seed: int) -> tuple[int, int]:
    from rapidfuzz import fuzz

    from claims.normalize import normalize_texts

    spec = importlib.util.spec_from_file_location("distinct_corpus", REPO.parent / "shared" / "bench" / "distinct_corpus.py")
    dc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dc)
    viral = normalize_texts(dc.Generator(seed).viral)
    planted = {}
    with open(manifest) as fh:
        for line in fh:
            rec = json.loads(line)
            planted[pathlib.Path(rec["file"]).stem] = [v for v, _ in rec["planted"]]
    sids = list(d["texts"])
    norm = dict(zip(sids, normalize_texts([d["texts"][s] or "" for s in sids])))
    occ = collections.defaultdict(list)  # viral sentence -> its statements, in run order
    for s in sids:
        t = norm[s]
        if len(t.split()) < 5:
            continue
        for v in planted.get(str(d["report"][s]), []):
            if t in viral[v] or fuzz.partial_ratio(t, viral[v]) >= 90:
                occ[v].append(s)
                break
    total = grouped = 0
    c, rep = d["claim_of"], d["report"]
    for ss in occ.values():
        for i in range(1, len(ss)):
            t = norm[ss[i]]
            earlier = [e for e in ss[:i] if rep[e] != rep[ss[i]] and fuzz.ratio(norm[e], t) >= 90]
            if earlier:
                total += 1
                grouped += any(c[e] == c[ss[i]] for e in earlier)
    return grouped, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=pathlib.Path, required=True)
    ap.add_argument("--reports", type=int, default=20000, help="the cached extraction's report count")
    ap.add_argument("--batches", type=int, default=50)
    ap.add_argument("--cache", type=pathlib.Path, default=pathlib.Path(tempfile.gettempdir()) / "claims_bench_cache")
    ap.add_argument("--seed", type=int, default=1, help="distinct_corpus.py --seed of the corpus")
    ap.add_argument("--save", type=pathlib.Path)
    ap.add_argument("--compare", type=pathlib.Path)
    a = ap.parse_args()
    sys.path.insert(0, str(pathlib.Path(__file__).parent))
    from bench_main_process import cached_batches

    files = cached_batches(a.corpus, a.reports, a.cache)[:a.batches]
    now = replay(files)
    if a.save:
        with open(a.save, "wb") as fh:
            pickle.dump(now, fh, protocol=pickle.HIGHEST_PROTOCOL)
    runs = [("now", now)]
    if a.compare:
        with open(a.compare, "rb") as fh:
            runs.insert(0, (str(a.compare), pickle.load(fh)))
    manifest = pathlib.Path(str(a.corpus) + ".manifest.jsonl")
    for name, d in runs:
        size = collections.Counter(d["claim_of"].values())
        cpu = d.get("cpu", [])
        n = len(cpu)
        tenths = " ".join(f"{sum(cpu[i * n // 10:(i + 1) * n // 10]) / max(1, (i + 1) * n // 10 - i * n // 10):.2f}"
                          for i in range(10))
        grouped, total = planted_grouped(d, manifest, a.seed)
        print(f"{name}: {len(d['claim_of'])} statements, {len(size)} claims, "
              f"{sum(k for k in size.values() if k > 1)} statements in a claim of 2+, {len(d['similar'])} similar pairs, "
              f"{len(set(d['speaker_of'].values()))} speakers; planted repeats grouped with an earlier occurrence "
              f"{grouped}/{total} = {grouped / max(1, total):.4f}; CPU s per batch by tenth {tenths}")
    if a.compare:
        before = runs[0][1]
        print("speaker ids differ for", sum(1 for s, p in before["speaker_of"].items() if now["speaker_of"].get(s) != p),
              "statements; similar pairs in common", len(set(before["similar"]) & set(now["similar"])))


if __name__ == "__main__":
    main()
