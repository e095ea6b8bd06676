"""Train the attribution-confidence model (claims/extraction/attribution_model.json).

    python tests/benchmarks/train_attribution_model.py            # writes the JSON
    python tests/benchmarks/train_attribution_model.py --check    # also prints dev calibration
    python tests/benchmarks/train_attribution_model.py --check-only   # the shipped model's
                                                   # calibration on the dev sets; writes nothing

Runs the extractor (abstention off) on PolNeAR train and realnews dev (``../shared``), labels
every attributed statement with the shared scorers' matching rules -- ``match``: a gold
attribution's content overlaps it (Dice >= 0.5 on word tokens, greedy best first);
``right``: matched AND the speaker right (PolNeAR: speaker span overlaps the gold source;
realnews: ``speaker_name`` names the gold speaker as score_who.py decides) -- and fits two
L2-regularised logistic regressions by full-batch gradient descent (NumPy, deterministic).
Realnews rows weigh more (``--rn-weight``): that corpus is the product's target, PolNeAR the
bulk of the data. Not collected by pytest.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import math
import pathlib
import sys
from collections import defaultdict

import numpy as np

REPO = pathlib.Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def extract_dir(text_dir: pathlib.Path) -> dict[str, tuple[str, list[dict]]]:
    from claims.extraction import confidence
    from claims.extraction.pipeline import extract_report
    from claims.types import Report

    confidence.ABSTAIN = False
    out = {}
    for p in sorted(text_dir.glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        sts = extract_report(Report(id=p.stem, text=text, source=str(p)))
        out[p.stem] = (text, [s.to_dict() for s in sts if s.kind != "claim"])
    confidence.ABSTAIN = True
    return out


def _greedy(gsets, psets):
    pairs = []
    for j, g in enumerate(gsets):
        for i, p in enumerate(psets):
            inter = len(g & p)
            if inter:
                d = 2 * inter / (len(g) + len(p))
                if d >= 0.5:
                    pairs.append((d, i, j))
    used_p, used_g, m = set(), set(), {}
    for d, i, j in sorted(pairs, reverse=True):
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        m[i] = j
    return m


def label_polnear(split_dir: pathlib.Path, sa) -> list[tuple[list[str], int, int, str]]:
    from claims.extraction.confidence import features

    docs = sa.read_gold(str(split_dir))
    ex = extract_dir(split_dir / "text")
    rows = []
    for stem, d in docs.items():
        text, sts = ex.get(stem, (d["text"], []))
        toks = sa.tokens(text)
        gsets = [sa.covered(toks, a["content"]) for a in d["atts"]]
        psets = [sa.covered(toks, s["content_spans"] or [[s["content_start"], s["content_end"]]])
                 for s in sts]
        m = _greedy(gsets, psets)
        for i, s in enumerate(sts):
            match = int(i in m)
            right = 0
            if match:
                g = d["atts"][m[i]]
                gs = sa.covered(toks, g["source"])
                ps = sa.covered(toks, [[s["speaker_start"], s["speaker_end"]]]
                                if s["speaker_start"] is not None else [])
                right = int(bool(gs & ps) or (not gs and not ps))
            rows.append((features(s, text), match, right, "polnear"))
    return rows


def label_realnews(rn_dir: pathlib.Path, who) -> list[tuple[list[str], int, int, str]]:
    from claims.extraction.confidence import features

    gold = defaultdict(list)
    for line in open(rn_dir / "speakers.jsonl", encoding="utf-8"):
        g = json.loads(line)
        gold[g["report"]].append(g)
    ex = extract_dir(rn_dir / "text")
    rows = []
    for stem, (text, sts) in ex.items():
        golds = gold.get(stem, [])
        gsets = [who.toks(text, g["content_start"], g["content_end"]) for g in golds]
        psets = []
        for s in sts:
            ps = set()
            for a, b in s["content_spans"] or [[s["content_start"], s["content_end"]]]:
                ps |= who.toks(text, a, b)
            psets.append(ps)
        m = _greedy(gsets, psets)
        for i, s in enumerate(sts):
            match = int(i in m)
            right = 0
            if match:
                g = golds[m[i]]
                right = int(who.same_speaker(s["speaker_name"], g["speaker_name"],
                                             g.get("speaker_type")))
            rows.append((features(s, text), match, right, "realnews:" + stem))
    return rows


def fit(X_idx, y, w_row, n_feat, l2=1.0, iters=600, lr=0.5):
    """Logistic regression on sparse binary rows (lists of feature indices)."""
    n = len(y)
    rows = np.repeat(np.arange(n), [len(r) for r in X_idx])
    cols = np.concatenate([np.asarray(r, dtype=np.int64) for r in X_idx])
    w = np.zeros(n_feat)
    g2 = np.zeros(n_feat) + 1e-8
    y = np.asarray(y, dtype=float)
    wr = np.asarray(w_row, dtype=float)
    wsum = wr.sum()
    for _ in range(iters):
        z = np.bincount(rows, weights=w[cols], minlength=n)
        p = 1 / (1 + np.exp(-np.clip(z, -30, 30)))
        r = (p - y) * wr
        grad = np.bincount(cols, weights=r[rows], minlength=n_feat) / wsum + l2 * w / wsum
        g2 += grad * grad
        w -= lr * grad / np.sqrt(g2)
    return w


def train(rows, rn_weight=5.0, l2=1.0, min_count=3):
    counts = defaultdict(int)
    for fs, *_ in rows:
        for f in set(fs):
            counts[f] += 1
    vocab = sorted(f for f, c in counts.items() if c >= min_count or f == "bias")
    index = {f: k for k, f in enumerate(vocab)}
    X = [[index[f] for f in set(fs) if f in index] for fs, *_ in rows]
    wr = [rn_weight if src.startswith("realnews") else 1.0 for *_, src in rows]
    model = {}
    for head, col in (("match", 1), ("right", 2)):
        y = [r[col] for r in rows]
        w = fit(X, y, wr, len(vocab), l2=l2)
        model[head] = {f: round(float(w[k]), 4) for f, k in index.items() if abs(w[k]) >= 1e-4}
    return model


def right_shift(model, rows, target: float) -> float:
    """The smallest logit shift (0, 0.05, ...) after which, on the training statements, those
    above 0.8 are right at least ``target`` of the time: a safety margin so that on unseen
    articles 9 in 10 above 0.8 stay right."""
    from claims.extraction.confidence import _logit

    zs = [(_logit(model["right"], fs), right) for fs, _, right, _ in rows]
    cut = math.log(0.8 / 0.2)
    shift = 0.0
    while shift < 3.0:
        hi = [r for z, r in zs if z - shift > cut]
        if not hi or sum(hi) / len(hi) >= target:
            break
        shift += 0.05
    return round(shift, 2)


def calibration(model, sets) -> None:
    """Print, per labelled set, how many statements score above 0.8 and the share right."""
    from claims.extraction.confidence import _logit, _sigmoid

    for name, data in sets:
        sh = model.get("right_shift", 0.0)
        ps = [(_sigmoid(_logit(model["right"], fs) - sh), right) for fs, m, right, _ in data]
        hi = [r for p, r in ps if p > 0.8]
        print("%s: %d statements, %d above 0.8, %.3f of them right; %.3f right overall"
              % (name, len(ps), len(hi), sum(hi) / max(len(hi), 1),
                 sum(r for _, r in ps) / max(len(ps), 1)))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", default=str(SHARED / "polnear"))
    ap.add_argument("--realnews", default=str(SHARED / "realnews"))
    ap.add_argument("--rn-weight", type=float, default=5.0)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--drop-below", type=float, default=0.3,
                    help="statements whose match probability is below this are dropped")
    ap.add_argument("--margin", type=float, default=0.94,
                    help="share right above 0.8 required on the training statements")
    ap.add_argument("--out", default=str(REPO / "claims" / "extraction" / "attribution_model.json"))
    ap.add_argument("--check", action="store_true", help="print calibration on PolNeAR dev")
    ap.add_argument("--check-only", action="store_true",
                    help="print the calibration of the model at --out on PolNeAR dev and "
                         "realnews dev; train and write nothing")
    a = ap.parse_args(argv)
    sa = _load("score_attribution", SHARED / "eval" / "score_attribution.py")
    who = _load("score_who", SHARED / "eval" / "score_who.py")
    if a.check_only:
        model = json.loads(pathlib.Path(a.out).read_text(encoding="utf-8"))
        print("model %s (%s)" % (a.out, model.get("trained_on", "?")))
        calibration(model, (("polnear dev", label_polnear(pathlib.Path(a.polnear) / "dev", sa)),
                            ("realnews dev (trained on)",
                             label_realnews(pathlib.Path(a.realnews), who))))
        return 0
    rows = label_polnear(pathlib.Path(a.polnear) / "train", sa)
    rows += label_realnews(pathlib.Path(a.realnews), who)
    model = train(rows, rn_weight=a.rn_weight, l2=a.l2)
    model["drop_below"] = a.drop_below
    model["right_shift"] = right_shift(model, rows, a.margin)
    model["trained_on"] = "PolNeAR train + realnews dev (%d statements)" % len(rows)
    pathlib.Path(a.out).write_text(json.dumps(model, indent=0, sort_keys=True) + "\n",
                                   encoding="utf-8")
    print("%d statements, %d/%d features -> %s" % (len(rows), len(model["match"]),
                                                  len(model["right"]), a.out))
    if a.check:
        from claims.extraction.confidence import _logit, _sigmoid
        dev = label_polnear(pathlib.Path(a.polnear) / "dev", sa)
        calibration(model, (("polnear dev", dev),
                            ("realnews dev (trained on)", [r for r in rows
                                                           if r[3].startswith("realnews")])))
        # realnews held out article by article: an honest calibration on that corpus
        arts = sorted({r[3] for r in rows if r[3].startswith("realnews")})
        ps = []
        for art in arts:
            rest = [r for r in rows if r[3] != art]
            m = train(rest, rn_weight=a.rn_weight, l2=a.l2)
            sh = right_shift(m, rest, a.margin)
            ps += [(_sigmoid(_logit(m["right"], fs) - sh), right) for fs, _, right, src in rows
                   if src == art]
        hi = [r for p, r in ps if p > 0.8]
        print("realnews dev, each article held out: %d above 0.8, %.3f of them right"
              % (len(hi), sum(hi) / max(len(hi), 1)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
