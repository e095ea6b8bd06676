"""Check-worthiness ranking: today's rules score against the learned model (issue 11).

    python tests/benchmarks/bench_checkworthiness.py                  # cross-validated (default)
    python tests/benchmarks/bench_checkworthiness.py TEST/*.tsv       # held-out debates, shipped model
    python tests/benchmarks/bench_checkworthiness.py --folds 5        # 5 debate-wise folds (faster)

Figures (macro over debates: rank a debate's sentences by score, best first):

- MAP: mean over debates of the average precision of the check-worthy sentences (the CLEF
  CheckThat! 2019/2020 task 1 measure); P@10: mean share of check-worthy among the top 10.
- With no file arguments: **leave one debate out** over the CLEF 2019 training debates in
  ``--data`` (``clef2019-train/*.tsv``): for each debate the model is retrained, with the
  shipped model's settings, on the other debates and ClaimBuster, and scores that debate. The
  rules score needs no training and scores every debate as is.
- With tsv files (``line, speaker, sentence, label``; CLEF 2019 style): both scores as
  shipped, on those files (e.g. the held-out test debates).
- ClaimBuster AP: average precision over all ClaimBuster sentences; for the model the scores
  are out of fold (5 folds of ClaimBuster, each scored by a model trained on the CLEF training
  debates and the other 4 folds), so neither figure has seen the sentence it scores.
- Cost: microseconds per sentence of the shipped model (word cache warm, as in a long run,
  and cold: every sentence first seen) and of the rules, and the model's import and load time (CPU time, so other load on the machine counts little).

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


def macro(rows):
    return float(np.mean([r[1] for r in rows])), float(np.mean([r[2] for r in rows]))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", help="CLEF-2019-style tsv files (default: cross-validate)")
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "checkworthiness"))
    ap.add_argument("--folds", type=int, default=0, help="0 = leave one debate out")
    ap.add_argument("--per-debate", action="store_true")
    ap.add_argument("--no-claimbuster", action="store_true")
    a = ap.parse_args(argv)

    import claims  # noqa: F401 - the package (pandas) is not the model's load time
    t0 = time.process_time()
    from claims.checkworthiness_model import load_model, score_checkworthiness
    model = load_model()
    load_s = time.process_time() - t0
    meta = model.meta
    settings = {k: meta.get(k, T.DEFAULTS[k]) for k in
                ("l2", "pos_weight", "cb_weight", "min_df", "max_iter")}
    settings["char_weight"] = model.char_weight

    files = a.files or T.clef_files(a.data)
    clef = T.load_clef(files)
    cb = T.load_claimbuster(pathlib.Path(a.data) / "claimbuster" / "kfold_25ncs.json")

    rules = [(name, T.average_precision(s := [rules_score(t) for t in texts], labels),
              T.precision_at(s, labels)) for name, texts, labels in clef]
    if a.files:
        what = f"shipped model on {len(files)} file(s)"
        learned = []
        for name, texts, labels in clef:
            s = score_checkworthiness(texts)
            learned.append((name, T.average_precision(s, labels), T.precision_at(s, labels)))
    else:
        what = ("leave-one-debate-out" if not a.folds else f"{a.folds} debate-wise folds") + \
            f" over {len(clef)} CLEF 2019 training debates, model retrained per fold"
        learned = T.cross_validate(clef, cb, folds=a.folds, **settings)
    print(f"CLEF check-worthiness ({what}; settings {settings})")
    if a.per_debate:
        for (name, ra, rp), (_, ma, mp) in zip(rules, learned):
            print(f"  {name:32s} rules AP {ra:.3f} P@10 {rp:.2f} | model AP {ma:.3f} P@10 {mp:.2f}")
    (rm, rp), (mm, mp) = macro(rules), macro(learned)
    print(f"  rules  MAP {rm:.4f}  P@10 {rp:.3f}")
    print(f"  model  MAP {mm:.4f}  P@10 {mp:.3f}")

    if not a.no_claimbuster:
        r_ap = T.average_precision([rules_score(t) for t in cb[0]], cb[1])
        m_ap = T.cross_validate_claimbuster(T.load_clef(T.clef_files(a.data)), cb, **settings)
        print(f"ClaimBuster AP ({len(cb[0])} sentences): rules {r_ap:.4f}  "
              f"model {m_ap:.4f} (out of fold, 5 folds)")

    # cost per sentence: ClaimBuster + CLEF sentences, once with a cold word cache, then warm
    texts = cb[0] + [t for _, ts, _ in T.load_clef(T.clef_files(a.data)) for t in ts]
    fresh = load_model(load_model.__globals__["MODEL_PATH"])
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
    size = load_model.__globals__["MODEL_PATH"].stat().st_size
    print(f"Cost: model {warm:.1f} us/sentence warm, {cold:.1f} cold; rules {rules_us:.1f}; "
          f"model import and load {load_s * 1000:.0f} ms (CPU times); file {size / 1024:.0f} KiB, "
          f"{len(model.weights)} weights")
    return 0


if __name__ == "__main__":
    sys.exit(main())
