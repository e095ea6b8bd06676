"""Train the check-worthiness model: L2-regularised logistic regression, pure NumPy.

    python -m claims.checkworthiness_model.train --data ../shared/checkworthiness \\
        --out claims/checkworthiness_model/model.json.gz

Data (``--data``): ``clef2019-train/*.tsv`` (CLEF 2019 CheckThat! task 1 debates: line,
speaker, sentence, label) and ``claimbuster/kfold_25ncs.json`` (ClaimBuster sentences, label 1
= check-worthy). Every CLEF sentence counts 1 (its check-worthy ones ``--pos-weight``), every
ClaimBuster sentence ``--cb-weight``. The optimiser is full-batch L-BFGS from zero weights,
with no randomness, and the file is written with sorted keys, rounded weights and a zero
gzip time stamp: a rerun on the same data writes the same bytes.

``--cv`` instead prints the cross-validated CLEF MAP and P@10 (leave one debate out, or
``--folds K`` debates-wise folds) for the given settings, and writes nothing; the defaults
below were chosen that way (see ``tests/benchmarks/bench_checkworthiness.py``).

No scikit-learn or other package is needed: NumPy only.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import pathlib
import sys
import time

import numpy as np

from claims.checkworthiness_model.features import char_ngrams, sentence_features, words

# Chosen by cross-validation over the CLEF 2019 training debates (see the module docstring).
DEFAULTS = dict(l2=1e-5, pos_weight=4.0, cb_weight=2.0, min_df=2, max_iter=300,
                char_weight=1.0)
FORMAT = "claims-checkworthiness-linear/1"


# ----------------------------------------------------------------------------------- data
def load_clef(paths) -> list[tuple[str, list[str], list[int]]]:
    """``[(debate name, sentences, labels)]`` of CLEF-2019-style tsv files (line, speaker,
    sentence, label; a header line, if any, is skipped)."""
    out = []
    for p in sorted(pathlib.Path(x) for x in paths):
        texts, labels = [], []
        with open(p, encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) < 4 or not row[3].strip().lstrip("-").isdigit():
                    continue
                texts.append(row[2])
                labels.append(1 if int(row[3]) > 0 else 0)
        out.append((p.stem, texts, labels))
    return out


def load_claimbuster(path) -> tuple[list[str], list[int]]:
    rows = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    rows.sort(key=lambda r: r["sentence_id"])
    return [r["text"] for r in rows], [int(r["label"]) for r in rows]


def clef_files(data) -> list[pathlib.Path]:
    return sorted((pathlib.Path(data) / "clef2019-train").glob("*.tsv"))


# ------------------------------------------------------------------------------- features
class Featurised:
    """Sentences as a sparse matrix over one global feature index (COO arrays)."""

    def __init__(self, texts: list[str], char_weight: float = 1.0):
        index: dict[str, int] = {}
        rows, cols, vals = [], [], []
        cache: dict[str, list[str]] = {}
        for i, t in enumerate(texts):
            wf, _, sf = sentence_features(t)
            cf: list[str] = []
            for w in words(t):
                g = cache.get(w)
                if g is None:
                    g = cache[w] = char_ngrams(w)
                cf.extend(g)
            for feats, scale in ((wf, 1.0), (cf, char_weight), (sf, None)):
                if not feats:
                    continue
                v = 1.0 if scale is None else scale / math.sqrt(len(feats))
                counts: dict[str, int] = {}
                for f in feats:
                    counts[f] = counts.get(f, 0) + 1
                for f, c in counts.items():
                    j = index.get(f)
                    if j is None:
                        j = index[f] = len(index)
                    rows.append(i)
                    cols.append(j)
                    vals.append(v * c)
        self.n = len(texts)
        self.names = sorted(index, key=index.get)
        self.rows = np.asarray(rows, dtype=np.int64)
        self.cols = np.asarray(cols, dtype=np.int64)
        self.vals = np.asarray(vals, dtype=np.float64)

    def subset(self, row_mask: np.ndarray, min_df: int):
        """Rows in ``row_mask`` and the features seen in at least ``min_df`` of them:
        ``(Matrix, kept feature ids)``."""
        keep_nz = row_mask[self.rows]
        df = np.bincount(self.cols[keep_nz], minlength=len(self.names))
        feat_ids = np.flatnonzero(df >= min_df)
        return feat_ids

    def matrix(self, row_ids: np.ndarray, feat_ids: np.ndarray) -> "Matrix":
        row_map = np.full(self.n, -1, dtype=np.int64)
        row_map[row_ids] = np.arange(len(row_ids))
        col_map = np.full(len(self.names), -1, dtype=np.int64)
        col_map[feat_ids] = np.arange(len(feat_ids))
        r = row_map[self.rows]
        c = col_map[self.cols]
        ok = (r >= 0) & (c >= 0)
        return Matrix(r[ok], c[ok], self.vals[ok], len(row_ids), len(feat_ids))


class Matrix:
    def __init__(self, rows, cols, vals, n, d):
        self.rows, self.cols, self.vals, self.n, self.d = rows, cols, vals, n, d

    def dot(self, w: np.ndarray) -> np.ndarray:
        return np.bincount(self.rows, weights=self.vals * w[self.cols], minlength=self.n)

    def tdot(self, g: np.ndarray) -> np.ndarray:
        return np.bincount(self.cols, weights=self.vals * g[self.rows], minlength=self.d)


# -------------------------------------------------------------------------------- fitting
def fit(X: Matrix, y: np.ndarray, sw: np.ndarray, l2: float, max_iter: int = 300,
        tol: float = 1e-6) -> tuple[np.ndarray, float]:
    """Weighted logistic regression, ``mean weighted log loss + l2/2 |w|^2`` (bias free),
    by L-BFGS from zeros. Deterministic. Returns ``(weights, bias)``."""
    sw = sw / sw.sum()
    d = X.d

    def f_g(theta):
        w, b = theta[:d], theta[d]
        z = X.dot(w) + b
        # log(1 + exp(-y' z)) with y' in {-1, 1}, stably
        s = np.where(y > 0, -z, z)
        loss = float(np.sum(sw * (np.maximum(s, 0) + np.log1p(np.exp(-np.abs(s))))))
        p = 1.0 / (1.0 + np.exp(-z))
        r = sw * (p - y)
        g = np.empty_like(theta)
        g[:d] = X.tdot(r) + l2 * w
        g[d] = float(np.sum(r))
        return loss + 0.5 * l2 * float(np.sum(w * w)), g

    theta = np.zeros(d + 1)
    f, g = f_g(theta)
    S, Y = [], []
    m = 10
    for _ in range(max_iter):
        q = g.copy()
        alphas = []
        for s_, y_ in reversed(list(zip(S, Y))):
            a = float(np.sum(s_ * q)) / float(np.sum(y_ * s_))
            alphas.append(a)
            q -= a * y_
        if S:
            gamma = float(np.sum(S[-1] * Y[-1])) / float(np.sum(Y[-1] * Y[-1]))
        else:
            gamma = 1.0 / max(1e-12, math.sqrt(float(np.sum(g * g))))
        q *= gamma
        for (s_, y_), a in zip(zip(S, Y), reversed(alphas)):
            bta = float(np.sum(y_ * q)) / float(np.sum(y_ * s_))
            q += (a - bta) * s_
        direction = -q
        slope = float(np.sum(g * direction))
        if slope >= 0:
            direction, slope = -g, -float(np.sum(g * g))
        step = 1.0
        while True:
            new = theta + step * direction
            f_new, g_new = f_g(new)
            if f_new <= f + 1e-4 * step * slope or step < 1e-10:
                break
            step *= 0.5
        s_k, y_k = new - theta, g_new - g
        theta, f_old, f, g = new, f, f_new, g_new
        if float(np.sum(s_k * y_k)) > 1e-12:
            S.append(s_k)
            Y.append(y_k)
            if len(S) > m:
                S.pop(0)
                Y.pop(0)
        if abs(f_old - f) <= tol * max(1.0, abs(f)):
            break
    return theta[:d], float(theta[d])


def training_set(clef, cb, cb_weight: float, pos_weight: float):
    """``(texts, labels, sample weights, debate index per text (-1 for ClaimBuster))``."""
    texts, labels, weights, group = [], [], [], []
    for gi, (_, t, l) in enumerate(clef):
        texts += t
        labels += l
        weights += [pos_weight if v else 1.0 for v in l]
        group += [gi] * len(t)
    if cb is not None:
        texts += cb[0]
        labels += cb[1]
        weights += [cb_weight * (pos_weight if v else 1.0) for v in cb[1]]
        group += [-1] * len(cb[0])
    return texts, np.asarray(labels, float), np.asarray(weights, float), np.asarray(group)


def train_model(texts, y, sw, l2, min_df, max_iter, char_weight) -> dict:
    feats = Featurised(texts, char_weight)
    everything = np.ones(len(texts), dtype=bool)
    fids = feats.subset(everything, min_df)
    X = feats.matrix(np.arange(len(texts)), fids)
    w, b = fit(X, y, sw, l2, max_iter)
    return to_model(feats, fids, w, b, char_weight)


def to_model(feats: Featurised, fids, w, b, char_weight, digits: int = 4) -> dict:
    weights = {}
    for j, wj in zip(fids.tolist(), w.tolist()):
        r = float(f"{wj:.{digits}g}")
        if abs(r) >= 10 ** -digits:
            weights[feats.names[j]] = r
    names = sorted(weights)
    return {"format": FORMAT, "bias": float(f"{b:.{digits + 2}g}"), "char_weight": char_weight,
            "features": "\n".join(names), "weights": [weights[n] for n in names]}


def write_model(model: dict, out: pathlib.Path, meta: dict) -> None:
    model = dict(model, trained=meta)
    data = json.dumps(model, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    if out.suffix == ".gz":
        with open(tmp, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                                    mtime=0, compresslevel=9) as gz:
            gz.write(data)
    else:
        tmp.write_bytes(data)
    tmp.replace(out)


# -------------------------------------------------------------------------------- metrics
def average_precision(scores, labels) -> float:
    """AP of the positives when sorted by score, best first (ties: stable order of input)."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    hits, total = 0, 0.0
    for rank, i in enumerate(order, 1):
        if labels[i]:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def precision_at(scores, labels, k=10) -> float:
    order = sorted(range(len(scores)), key=lambda i: -scores[i])[:k]
    return sum(labels[i] for i in order) / k


def cross_validate(clef, cb, l2, pos_weight, cb_weight, min_df, max_iter, char_weight,
                   folds: int = 0, feats: "Featurised | None" = None, verbose=False):
    """Per-debate ``[(name, AP, P@10)]`` of models trained without that debate's fold."""
    texts, y, sw, group = training_set(clef, cb, cb_weight, pos_weight)
    if feats is None:
        feats = Featurised(texts, char_weight)
    n_debates = len(clef)
    fold_of = (np.arange(n_debates) if not folds else np.arange(n_debates) % folds)
    results = []
    for k in sorted(set(fold_of.tolist())):
        test_debates = set(np.flatnonzero(fold_of == k).tolist())
        test = np.isin(group, list(test_debates))
        train = ~test
        if cb_weight <= 0:
            train &= group >= 0
        fids = feats.subset(train, min_df)
        tr_ids = np.flatnonzero(train)
        w, b = fit(feats.matrix(tr_ids, fids), y[tr_ids], sw[tr_ids], l2, max_iter)
        for gi in sorted(test_debates):
            ids = np.flatnonzero(group == gi)
            z = feats.matrix(ids, fids).dot(w) + b
            lab = y[ids].astype(int).tolist()
            results.append((clef[gi][0], average_precision(z.tolist(), lab),
                            precision_at(z.tolist(), lab)))
        if verbose:
            print(f"  fold {k}: " + ", ".join(f"{n} {ap:.3f}" for n, ap, _ in results[-len(test_debates):]),
                  file=sys.stderr)
    return results


def cross_validate_claimbuster(clef, cb, l2, pos_weight, cb_weight, min_df, max_iter,
                               char_weight, folds: int = 5) -> float:
    """ClaimBuster average precision of out-of-fold scores: ``folds`` folds of ClaimBuster
    sentences (every ``folds``-th sentence by id), each scored by a model trained on all the
    CLEF debates and the other folds. ``cb_weight`` 0 trains on CLEF alone."""
    texts, y, sw, group = training_set(clef, cb, max(cb_weight, 1e-9), pos_weight)
    feats = Featurised(texts, char_weight)
    cb_ids = np.flatnonzero(group < 0)
    fold = np.full(len(texts), -1)
    fold[cb_ids] = np.arange(len(cb_ids)) % folds
    z_all = np.zeros(len(texts))
    for k in range(folds):
        train = (group >= 0) | ((fold != k) & (cb_weight > 0))
        fids = feats.subset(train, min_df)
        tr_ids = np.flatnonzero(train)
        w, b = fit(feats.matrix(tr_ids, fids), y[tr_ids], sw[tr_ids], l2, max_iter)
        te = np.flatnonzero(fold == k)
        z_all[te] = feats.matrix(te, fids).dot(w) + b
    return average_precision(z_all[cb_ids].tolist(), y[cb_ids].astype(int).tolist())


# ------------------------------------------------------------------------------------ cli
def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="../shared/checkworthiness")
    ap.add_argument("--out", default=str(pathlib.Path(__file__).with_name("model.json.gz")))
    ap.add_argument("--l2", type=float, default=DEFAULTS["l2"])
    ap.add_argument("--pos-weight", type=float, default=DEFAULTS["pos_weight"])
    ap.add_argument("--cb-weight", type=float, default=DEFAULTS["cb_weight"],
                    help="weight of a ClaimBuster sentence (0: CLEF only)")
    ap.add_argument("--min-df", type=int, default=DEFAULTS["min_df"])
    ap.add_argument("--max-iter", type=int, default=DEFAULTS["max_iter"])
    ap.add_argument("--char-weight", type=float, default=DEFAULTS["char_weight"])
    ap.add_argument("--clef", nargs="*", help="CLEF tsv files (default: DATA/clef2019-train)")
    ap.add_argument("--claimbuster", help="default: DATA/claimbuster/kfold_25ncs.json")
    ap.add_argument("--cv", action="store_true", help="cross-validate, write nothing")
    ap.add_argument("--folds", type=int, default=0, help="with --cv: 0 = leave one debate out")
    a = ap.parse_args(argv)

    clef = load_clef(a.clef or clef_files(a.data))
    cb_path = a.claimbuster or pathlib.Path(a.data) / "claimbuster" / "kfold_25ncs.json"
    cb = load_claimbuster(cb_path) if a.cb_weight > 0 else None
    t0 = time.perf_counter()
    if a.cv:
        res = cross_validate(clef, cb, a.l2, a.pos_weight, a.cb_weight, a.min_df, a.max_iter,
                             a.char_weight, a.folds)
        for name, ap_, p10 in res:
            print(f"{name:32s} AP {ap_:.3f}  P@10 {p10:.2f}")
        print(f"MAP {np.mean([r[1] for r in res]):.4f}  P@10 {np.mean([r[2] for r in res]):.3f}"
              f"  ({len(res)} debates, {time.perf_counter() - t0:.0f} s)")
        return 0
    texts, y, sw, _ = training_set(clef, cb, a.cb_weight, a.pos_weight)
    model = train_model(texts, y, sw, a.l2, a.min_df, a.max_iter, a.char_weight)
    meta = {"clef_debates": [c[0] for c in clef], "clef_sentences": sum(len(c[1]) for c in clef),
            "claimbuster_sentences": len(cb[0]) if cb else 0, "l2": a.l2,
            "pos_weight": a.pos_weight, "cb_weight": a.cb_weight, "min_df": a.min_df,
            "max_iter": a.max_iter}
    out = pathlib.Path(a.out)
    write_model(model, out, meta)
    print(f"{len(model['weights'])} weights written to {out} ({out.stat().st_size} bytes, "
          f"{time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
