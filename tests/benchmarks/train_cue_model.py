"""Train the cue model (claims/extraction/cue_model.json) on PolNeAR train.

    python tests/benchmarks/train_cue_model.py            # writes the JSON, prints train figures
    python tests/benchmarks/train_cue_model.py --check    # also: candidates on dev, accepted/right

Runs the attribution finder on PolNeAR train (``../shared/polnear/train``) with every gated
candidate handed over (``attributions.CANDIDATES``): a cue use the rules rejected, read
anyway. A candidate is labelled 1 when its content matches a gold attribution (Dice >= 0.5 on
word tokens, the shared scorer's rule) that no attribution the rules kept already matches:
admitting it would add a right attribution. Fits an L2-regularised logistic regression by
full-batch gradient descent (NumPy, deterministic: fixed data, fixed iterations) and keeps
features seen at least ``--min-count`` times. The acceptance threshold is a fixed 0.5 by
default (admit a candidate when it is more likely right than wrong: a wrong one costs
precision, a right one gains recall) and never tuned on dev. Not collected by pytest.
"""
from __future__ import annotations

import argparse
import bisect
import importlib.util
import json
import pathlib
import sys
from collections import Counter

import numpy as np

REPO = pathlib.Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))


def _scorer():
    spec = importlib.util.spec_from_file_location("score_attribution",
                                                  SHARED / "eval" / "score_attribution.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def candidates(split_dir: pathlib.Path) -> list[tuple[list[str], int]]:
    cache = pathlib.Path("/tmp") / f"claims_cue_candidates_{split_dir.name}.json"
    if CACHE and cache.exists():
        return [(f, y) for f, y in json.loads(cache.read_text())]
    rows = _candidates(split_dir)
    if CACHE:
        cache.write_text(json.dumps(rows))
    return rows


CACHE = False  # --cache: keep candidates between runs (only while features do not change)


def _candidates(split_dir: pathlib.Path) -> list[tuple[list[str], int]]:
    """(features, label) of every gated candidate of a PolNeAR split."""
    from claims.extraction import attributions
    from claims.extraction.sentences import split_sentences

    S = _scorer()
    gold = S.read_gold(str(split_dir))

    def covered(toks, spans):  # the scorer's token cover, by bisection (same result)
        starts = [ts for ts, _ in toks]
        out = set()
        for s, e in spans:
            k = max(0, bisect.bisect_right(starts, s) - 1)
            while k < len(toks) and toks[k][0] < e:
                if toks[k][1] > s:
                    out.add(k)
                k += 1
        return out

    rows = []
    for stem, d in sorted(gold.items()):
        text = d["text"]
        toks = S.tokens(text)
        g_sets = [covered(toks, a["content"]) for a in d["atts"]]

        def matches(spans):
            ps = covered(toks, spans)
            return {k for k, gs in enumerate(g_sets) if ps & gs and
                    2 * len(ps & gs) / (len(ps) + len(gs)) >= 0.5}

        attributions.CANDIDATES = cands = []
        kept = attributions.find_attributions(text, split_sentences(text))
        attributions.CANDIDATES = None
        taken = set()
        for a in kept:
            taken |= matches(a.content_spans)
        for _, _, att, feats in cands:
            rows.append((feats, int(bool(matches(att.content_spans) - taken))))
    return rows


def fit(rows, min_count: int, l2: float, iters: int, lr: float) -> dict:
    counts = Counter(f for feats, _ in rows for f in set(feats))
    names = sorted(f for f, c in counts.items() if c >= min_count)
    index = {f: k for k, f in enumerate(names)}
    X = np.zeros((len(rows), len(names)))
    y = np.array([lab for _, lab in rows], dtype=float)
    for r, (feats, _) in enumerate(rows):
        for f in feats:
            if f in index:
                X[r, index[f]] = 1.0
    w = np.zeros(len(names))
    b = 0.0
    n = len(rows)
    for _ in range(iters):
        z = X @ w + b
        p = 1.0 / (1.0 + np.exp(-z))
        g = p - y
        w -= lr * (X.T @ g / n + l2 * w)
        b -= lr * g.mean()
    return {"bias": round(float(b), 5),
            "weights": {f: round(float(v), 5) for f, v in zip(names, w) if abs(v) > 1e-4}}


def report(rows, model, label):
    from claims.extraction.cue_model import probability
    acc = [lab for feats, lab in rows if probability(feats, model) >= model[
        "speech_threshold" if "speech" in feats else "threshold"]]
    pos = sum(lab for _, lab in rows)
    print(f"{label}: {len(rows)} candidates, {pos} right; accepted {len(acc)}, "
          f"of which right {sum(acc)} ({sum(acc) / max(1, len(acc)):.2f})")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", default=str(SHARED / "polnear"))
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--l2", type=float, default=1e-3)
    ap.add_argument("--iters", type=int, default=3000)
    ap.add_argument("--lr", type=float, default=0.5)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--speech-threshold", type=float, default=0.6,
                    help="for verbs of saying: the rules' precision there is higher, and a "
                         "wrong speech statement costs the figure reviewers see most")
    ap.add_argument("--out", default=str(REPO / "claims" / "extraction" / "cue_model.json"))
    ap.add_argument("--check", action="store_true", help="also count accepted ones on dev")
    ap.add_argument("--cache", action="store_true",
                    help="reuse the candidates of the last run (same features only)")
    a = ap.parse_args(argv)
    global CACHE
    CACHE = a.cache
    rows = candidates(pathlib.Path(a.polnear) / "train")
    model = fit(rows, a.min_count, a.l2, a.iters, a.lr)
    model = {"about": "cue model: admit a gated cue candidate (claims/extraction/cue_model.py);"
                      " trained by tests/benchmarks/train_cue_model.py on PolNeAR train",
             "threshold": a.threshold, "speech_threshold": a.speech_threshold, **model}
    pathlib.Path(a.out).write_text(json.dumps(model, indent=0, sort_keys=True) + "\n",
                                   encoding="utf-8")
    report(rows, model, "train")
    if a.check:
        report(candidates(pathlib.Path(a.polnear) / "dev"), model, "dev")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
