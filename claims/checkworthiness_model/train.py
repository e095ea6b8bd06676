"""Train the check-worthiness model: an average of L2-regularised logistic regressions, NumPy.

    python -m claims.checkworthiness_model.train --data ../shared/checkworthiness \\
        --out claims/checkworthiness_model/model.json.gz

Data (``--data``): ``clef2019-train/*.tsv`` (CLEF 2019 CheckThat! task 1 debates: line,
speaker, sentence, label) and ``claimbuster/kfold_25ncs.json`` (ClaimBuster sentences, label 1
= check-worthy). Every CLEF sentence counts 1 (its check-worthy ones ``--pos-weight``), every
ClaimBuster sentence ``--cb-weight``. The optimiser is full-batch L-BFGS from zero weights,
with no randomness, and the file is written with sorted keys, rounded weights and a zero
gzip time stamp: a rerun on the same data writes the same bytes.

The model is an ensemble folded into one linear model (``--members``): each member is a
logistic regression with its own L2 strength and character n-gram weight (0: words and shape
only); their margins, each divided by its spread on the training sentences, are averaged, and
an average of linear models is one linear model, so the scorer does not change. A strongly
regularised member without character n-grams ranks sentences of another source (ClaimBuster
scored by a model of CLEF debates) much better, at little cost within CLEF: the shipped
members were chosen by the three protocols of ``tests/benchmarks/bench_checkworthiness.py``.

``--cv`` instead prints the cross-validated CLEF MAP and P@10 (leave one debate out, or
``--folds K`` debates-wise folds) for the given settings, and writes nothing.

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

# Chosen by the protocols of tests/benchmarks/bench_checkworthiness.py (module docstring).
# A member is (l2, character n-gram weight).
Member = tuple[float, float]
DEFAULTS = dict(members=((1e-5, 1.0), (3e-4, 0.0)), pos_weight=4.0, cb_weight=2.0, min_df=2,
                max_iter=300)
# The model shipped before the ensemble (one member): the benchmark's "old model".
OLD_MEMBERS: tuple[Member, ...] = ((1e-5, 1.0),)
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
    """Sentences as a sparse matrix over one global feature index (COO arrays), character
    n-grams at weight 1 (a member's own weight is applied by :meth:`matrix`)."""

    def __init__(self, texts: list[str]):
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
            for feats, scaled in ((wf, True), (cf, True), (sf, False)):
                if not feats:
                    continue
                v = 1.0 / math.sqrt(len(feats)) if scaled else 1.0
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
        self.is_char = np.array([n.startswith("c:") for n in self.names], dtype=bool)
        self.rows = np.asarray(rows, dtype=np.int64)
        self.cols = np.asarray(cols, dtype=np.int64)
        self.vals = np.asarray(vals, dtype=np.float64)

    def subset(self, row_mask: np.ndarray, min_df: int, char_weight: float = 1.0) -> np.ndarray:
        """The ids of the features seen in at least ``min_df`` of the rows in ``row_mask``
        (no character n-grams when ``char_weight`` is 0)."""
        keep_nz = row_mask[self.rows]
        df = np.bincount(self.cols[keep_nz], minlength=len(self.names))
        ok = df >= min_df
        if char_weight == 0:
            ok &= ~self.is_char
        return np.flatnonzero(ok)

    def matrix(self, row_ids: np.ndarray, feat_ids: np.ndarray,
               char_weight: float = 1.0) -> "Matrix":
        row_map = np.full(self.n, -1, dtype=np.int64)
        row_map[row_ids] = np.arange(len(row_ids))
        col_map = np.full(len(self.names), -1, dtype=np.int64)
        col_map[feat_ids] = np.arange(len(feat_ids))
        r = row_map[self.rows]
        c = col_map[self.cols]
        ok = (r >= 0) & (c >= 0)
        vals = self.vals[ok]
        if char_weight != 1.0:
            vals = np.where(self.is_char[self.cols[ok]], vals * char_weight, vals)
        return Matrix(r[ok], c[ok], vals, len(row_ids), len(feat_ids))


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


def fit_members(feats: Featurised, train: np.ndarray, y: np.ndarray, sw: np.ndarray,
                members, min_df: int, max_iter: int) -> tuple[np.ndarray, float]:
    """The ensemble trained on the rows in the boolean mask ``train``: ``(weight per feature
    of feats.names, bias)``, character n-gram weights included in their weight (so the
    scorer's ``char_weight`` is 1).

    Each member's margin is divided by its standard deviation over the training rows, then
    the members are averaged and the result multiplied by the members' mean deviation: the
    members count alike whatever their scale, and the sum stays on a member's scale, so the
    0..1 score reads as before (above 0.5 = more likely check-worthy than not)."""
    tr_ids = np.flatnonzero(train)
    total = np.zeros(len(feats.names))
    bias = 0.0
    parts = []
    for l2, char_weight in members:
        fids = feats.subset(train, min_df, char_weight)
        X = feats.matrix(tr_ids, fids, char_weight)
        w, b = fit(X, y[tr_ids], sw[tr_ids], l2, max_iter)
        sd = float(np.std(X.dot(w) + b)) or 1.0
        w_full = np.zeros(len(feats.names))
        w_full[fids] = w
        w_full[feats.is_char] *= char_weight
        parts.append((w_full, b, sd))
    mean_sd = sum(p[2] for p in parts) / len(parts)
    for w_full, b, sd in parts:
        a = mean_sd / (sd * len(parts))
        total += a * w_full
        bias += a * b
    return total, bias


def margins(feats: Featurised, row_ids: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    return feats.matrix(row_ids, np.arange(len(feats.names))).dot(w) + b


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


def train_model(texts, y, sw, members, min_df, max_iter) -> dict:
    feats = Featurised(texts)
    w, b = fit_members(feats, np.ones(len(texts), dtype=bool), y, sw, members, min_df, max_iter)
    return to_model(feats, w, b)


def to_model(feats: Featurised, w, b, digits: int = 4) -> dict:
    weights = {}
    for name, wj in zip(feats.names, w.tolist()):
        r = float(f"{wj:.{digits}g}")
        if abs(r) >= 10 ** -digits:
            weights[name] = r
    names = sorted(weights)
    return {"format": FORMAT, "bias": float(f"{b:.{digits + 2}g}"), "char_weight": 1.0,
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


def _per_debate(clef, group, ids, z, y):
    """``[(name, AP, P@10)]`` of the debates among rows ``ids`` scored ``z``."""
    out = []
    g = group[ids]
    for gi in sorted(set(g.tolist())):
        sel = g == gi
        zz, lab = z[sel].tolist(), y[ids[sel]].astype(int).tolist()
        out.append((clef[gi][0], average_precision(zz, lab), precision_at(zz, lab)))
    return out


def cross_validate(clef, cb, members, pos_weight, cb_weight, min_df, max_iter,
                   folds: int = 0, feats: "Featurised | None" = None, verbose=False):
    """Per-debate ``[(name, AP, P@10)]`` of models trained without that debate's fold (and on
    ClaimBuster unless ``cb_weight`` is 0)."""
    texts, y, sw, group = training_set(clef, cb, cb_weight, pos_weight)
    if feats is None:
        feats = Featurised(texts)
    n_debates = len(clef)
    fold_of = (np.arange(n_debates) if not folds else np.arange(n_debates) % folds)
    results = []
    for k in sorted(set(fold_of.tolist())):
        test_debates = np.flatnonzero(fold_of == k)
        test = np.isin(group, test_debates)
        train = ~test
        if cb_weight <= 0:
            train &= group >= 0
        w, b = fit_members(feats, train, y, sw, members, min_df, max_iter)
        ids = np.flatnonzero(test)
        results += _per_debate(clef, group, ids, margins(feats, ids, w, b), y)
        if verbose:
            print(f"  fold {k}: " + ", ".join(f"{n} {ap:.3f}" for n, ap, _ in
                                               results[-len(test_debates):]), file=sys.stderr)
    return results


def claimbuster_to_clef(clef, cb, members, pos_weight, cb_weight, min_df, max_iter):
    """Per-debate ``[(name, AP, P@10)]`` of the CLEF debates scored by a model trained on
    ClaimBuster alone: another source (1960-2012 debates, other annotators), the nearest
    thing here to unseen test debates."""
    texts, y, sw, group = training_set(clef, cb, 1.0, pos_weight)
    feats = Featurised(texts)
    w, b = fit_members(feats, group < 0, y, sw, members, min_df, max_iter)
    ids = np.flatnonzero(group >= 0)
    return _per_debate(clef, group, ids, margins(feats, ids, w, b), y)


def clef_to_claimbuster(clef, cb, members, pos_weight, cb_weight, min_df, max_iter) -> float:
    """ClaimBuster average precision of a model trained on the CLEF debates alone."""
    texts, y, sw, group = training_set(clef, cb, 1.0, pos_weight)
    feats = Featurised(texts)
    w, b = fit_members(feats, group >= 0, y, sw, members, min_df, max_iter)
    ids = np.flatnonzero(group < 0)
    return average_precision(margins(feats, ids, w, b).tolist(), y[ids].astype(int).tolist())


def cross_validate_claimbuster(clef, cb, members, pos_weight, cb_weight, min_df, max_iter,
                               folds: int = 5) -> float:
    """ClaimBuster average precision of out-of-fold scores: ``folds`` folds of ClaimBuster
    sentences (every ``folds``-th sentence by id), each scored by a model trained on all the
    CLEF debates and the other folds."""
    texts, y, sw, group = training_set(clef, cb, max(cb_weight, 1e-9), pos_weight)
    feats = Featurised(texts)
    cb_ids = np.flatnonzero(group < 0)
    fold = np.full(len(texts), -1)
    fold[cb_ids] = np.arange(len(cb_ids)) % folds
    z_all = np.zeros(len(texts))
    for k in range(folds):
        train = (group >= 0) | ((fold != k) & (cb_weight > 0))
        w, b = fit_members(feats, train, y, sw, members, min_df, max_iter)
        te = np.flatnonzero(fold == k)
        z_all[te] = margins(feats, te, w, b)
    return average_precision(z_all[cb_ids].tolist(), y[cb_ids].astype(int).tolist())


# ------------------------------------------------------------------------------------ cli
def parse_members(text: str) -> tuple[Member, ...]:
    """``"1e-5:1,1e-4:0"`` -> ``((1e-5, 1.0), (1e-4, 0.0))`` (l2:char weight, comma-separated)."""
    out = []
    for part in text.split(","):
        l2, _, cw = part.strip().partition(":")
        try:
            out.append((float(l2), float(cw) if cw else 1.0))
        except ValueError:
            raise argparse.ArgumentTypeError(f"not L2:CHAR_WEIGHT: {part!r}") from None
    return tuple(out)


def format_members(members) -> str:
    return ",".join(f"{l2:g}:{cw:g}" for l2, cw in members)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="../shared/checkworthiness")
    ap.add_argument("--out", default=str(pathlib.Path(__file__).with_name("model.json.gz")))
    ap.add_argument("--members", type=parse_members, default=DEFAULTS["members"],
                    help="the ensemble: L2:CHAR_WEIGHT,... (default %(default)s)")
    ap.add_argument("--pos-weight", type=float, default=DEFAULTS["pos_weight"])
    ap.add_argument("--cb-weight", type=float, default=DEFAULTS["cb_weight"],
                    help="weight of a ClaimBuster sentence (0: CLEF only)")
    ap.add_argument("--min-df", type=int, default=DEFAULTS["min_df"])
    ap.add_argument("--max-iter", type=int, default=DEFAULTS["max_iter"])
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
        res = cross_validate(clef, cb, a.members, a.pos_weight, a.cb_weight, a.min_df,
                             a.max_iter, a.folds)
        for name, ap_, p10 in res:
            print(f"{name:32s} AP {ap_:.3f}  P@10 {p10:.2f}")
        print(f"MAP {np.mean([r[1] for r in res]):.4f}  P@10 {np.mean([r[2] for r in res]):.3f}"
              f"  ({len(res)} debates, {time.perf_counter() - t0:.0f} s)")
        return 0
    texts, y, sw, _ = training_set(clef, cb, a.cb_weight, a.pos_weight)
    model = train_model(texts, y, sw, a.members, a.min_df, a.max_iter)
    meta = {"clef_debates": [c[0] for c in clef], "clef_sentences": sum(len(c[1]) for c in clef),
            "claimbuster_sentences": len(cb[0]) if cb else 0,
            "members": format_members(a.members), "pos_weight": a.pos_weight,
            "cb_weight": a.cb_weight, "min_df": a.min_df, "max_iter": a.max_iter}
    out = pathlib.Path(a.out)
    write_model(model, out, meta)
    print(f"{len(model['weights'])} weights written to {out} ({out.stat().st_size} bytes, "
          f"{time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
