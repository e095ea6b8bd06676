"""Check-worthiness ranking: the rules, the old model and the shipped model, by three protocols
(issue 11).

    python tests/benchmarks/bench_checkworthiness.py                  # every protocol (~10 min)
    python tests/benchmarks/bench_checkworthiness.py --folds 5        # 5 debate-wise folds (faster)
    python tests/benchmarks/bench_checkworthiness.py TEST/*.tsv       # held-out debates

Figures (macro over debates: rank a debate's sentences by score, best first): MAP, the mean
over debates of the average precision of the check-worthy sentences (the CLEF CheckThat!
2019/2020 task 1 measure), and P@10, the mean share of check-worthy among the top 10.

The train-set cross-validation overestimates: the rules score MAP 0.213 on the training
debates and 0.091 on the CLEF 2019 test debates. So a model is judged by how it does on a
source it was not trained on, too:

1. **LODO**: leave one debate out over the 19 CLEF 2019 training debates (``--folds K``:
   K debate-wise folds); each model retrained on the other debates and ClaimBuster.
2. **ClaimBuster -> CLEF**: trained on ClaimBuster alone (1960-2012 debates, other
   annotators), scoring the 19 CLEF debates.
3. **CLEF -> ClaimBuster**: trained on the CLEF debates alone, ClaimBuster AP.
4. **ClaimBuster out of fold**: 5 folds of ClaimBuster, each scored by a model trained on
   the CLEF debates and the other folds (the shipped mix of sources).

"old model" is the single logistic regression shipped before (``train.OLD_MEMBERS``), "new
model" the shipped settings (read from the model file); both are retrained per fold with the
same code. The rules need no training. With tsv files (``line, speaker, sentence, label``;
CLEF 2019 style), each is instead scored as is: rules, the old model trained on all of
``--data``, and the shipped model. Last, the cost per sentence of the shipped model.

Run by hand; not collected by pytest. Needs NumPy (installed with pandas).
"""
from __future__ import annotations

import argparse
import pathlib
import sys
import time

REPO = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

from claims.checkworthiness_model import train as T  # noqa: E402


def rules_score(text: str) -> float:
    from claims.extraction.checkworthiness import score
    return score(text)[0]


def macro(rows) -> str:
    return (f"MAP {float(np.mean([r[1] for r in rows])):.4f}  "
            f"P@10 {float(np.mean([r[2] for r in rows])):.3f}")


def per_debate(clef, score_list) -> list:
    out = []
    for name, texts, labels in clef:
        s = score_list(texts)
        out.append((name, T.average_precision(s, labels), T.precision_at(s, labels)))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", help="CLEF-2019-style tsv files (default: the protocols)")
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "checkworthiness"))
    ap.add_argument("--folds", type=int, default=0, help="LODO folds; 0 = leave one debate out")
    ap.add_argument("--per-debate", action="store_true")
    a = ap.parse_args(argv)

    import claims  # noqa: F401 - the package (pandas) is not the model's load time
    t0 = time.process_time()
    from claims.checkworthiness_model import MODEL_PATH, load_model, score_checkworthiness
    model = load_model()
    load_s = time.process_time() - t0
    meta = model.meta
    common = {k: meta.get(k, T.DEFAULTS[k]) for k in ("pos_weight", "cb_weight", "min_df",
                                                      "max_iter")}
    variants = {"old model": T.OLD_MEMBERS,
                "new model": T.parse_members(meta.get("members", "1e-5:1"))}
    print(f"settings {common}; members (l2:char weight) " +
          "; ".join(f"{k} {T.format_members(v)}" for k, v in variants.items()))

    clef_train = T.load_clef(T.clef_files(a.data))
    cb = T.load_claimbuster(pathlib.Path(a.data) / "claimbuster" / "kfold_25ncs.json")

    def show(title, rows_by_name):
        print(title)
        for name, rows in rows_by_name.items():
            print(f"  {name:10s} {macro(rows)}")
        if a.per_debate:
            names = list(rows_by_name)
            for i, r in enumerate(next(iter(rows_by_name.values()))):
                print(f"    {r[0]:30s} " + "  ".join(
                    f"{n} {rows_by_name[n][i][1]:.3f}" for n in names))

    if a.files:
        clef = T.load_clef(a.files)
        texts, y, sw, _ = T.training_set(clef_train, cb, common["cb_weight"],
                                         common["pos_weight"])
        from claims.checkworthiness_model import Model
        old_model = Model(T.train_model(texts, y, sw, T.OLD_MEMBERS, common["min_df"],
                                        common["max_iter"]))
        show(f"CLEF check-worthiness on {len(clef)} file(s), models trained on all of --data", {
            "rules": per_debate(clef, lambda ts: [rules_score(t) for t in ts]),
            "old model": per_debate(clef, lambda ts: [old_model.score(t) for t in ts]),
            "new model": per_debate(clef, score_checkworthiness)})
    else:
        rules = per_debate(clef_train, lambda ts: [rules_score(t) for t in ts])
        what = "leave one debate out" if not a.folds else f"{a.folds} debate-wise folds"
        show(f"1. LODO: CLEF 2019 train, {what} ({len(clef_train)} debates)", {
            "rules": rules, **{n: T.cross_validate(clef_train, cb, m, folds=a.folds, **common)
                               for n, m in variants.items()}})
        show("2. ClaimBuster -> CLEF: trained on ClaimBuster alone, the 19 CLEF debates", {
            "rules": rules, **{n: T.claimbuster_to_clef(clef_train, cb, m, **common)
                               for n, m in variants.items()}})
        r_ap = T.average_precision([rules_score(t) for t in cb[0]], cb[1])
        print("3. CLEF -> ClaimBuster: trained on the CLEF debates alone, ClaimBuster AP")
        print(f"  {'rules':10s} AP {r_ap:.4f}")
        for n, m in variants.items():
            print(f"  {n:10s} AP {T.clef_to_claimbuster(clef_train, cb, m, **common):.4f}")
        print("4. ClaimBuster out of fold: trained on CLEF and 4/5 of ClaimBuster, ClaimBuster AP")
        print(f"  {'rules':10s} AP {r_ap:.4f}")
        for n, m in variants.items():
            print(f"  {n:10s} AP "
                  f"{T.cross_validate_claimbuster(clef_train, cb, m, **common):.4f}")

    # cost per sentence: ClaimBuster + CLEF sentences, once with a cold word cache, then warm
    texts = cb[0] + [t for _, ts, _ in clef_train for t in ts]
    fresh = load_model(MODEL_PATH)
    t1 = time.process_time()
    for t in texts:
        fresh.score(t)
    cold = (time.process_time() - t1) / len(texts) * 1e6
    t1 = time.process_time()
    for t in texts:
        fresh.score(t)
    warm = (time.process_time() - t1) / len(texts) * 1e6
    t1 = time.process_time()
    for t in texts:
        rules_score(t)
    rules_us = (time.process_time() - t1) / len(texts) * 1e6
    print(f"Cost: model {warm:.1f} us/sentence warm, {cold:.1f} cold; rules {rules_us:.1f}; "
          f"model import and load {load_s * 1000:.0f} ms (CPU times); file "
          f"{MODEL_PATH.stat().st_size / 1024:.0f} KiB, {len(model.weights)} weights")
    return 0


if __name__ == "__main__":
    sys.exit(main())
