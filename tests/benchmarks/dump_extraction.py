"""Extraction output as canonical JSON lines: the guard for speed work (same input, same output).

    python tests/benchmarks/dump_extraction.py --out /tmp/extract_mine.jsonl
    PYTHONPATH=/path/to/other/checkout python tests/benchmarks/dump_extraction.py --out /tmp/extract_ref.jsonl
    cmp /tmp/extract_ref.jsonl /tmp/extract_mine.jsonl   # or diff, to see which statements moved

Extracts PolNeAR dev and train and realnews (``Report(id, text)``, as the scorers do), the two
seed reports, the who-said-what probes of ``tests/data/who_probes`` and ``--distinct N`` generated articles of ``../shared/bench/distinct_corpus.py``
(both read with ``claims.reports.read_report``, so metadata and headlines count) and writes
every Statement field, one statement a line, keys sorted, floats rounded to 1e-9 (so only a
real change shows, not the last bit of a sum taken in another order). Takes ``claims`` from the
import path: set PYTHONPATH to compare two checkouts. Not collected by pytest.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"


def _canon(v):
    if isinstance(v, float):
        return round(v, 9)
    if isinstance(v, (list, tuple)):
        return [_canon(x) for x in v]
    return v


def _distinct_dir(n: int, seed: int) -> pathlib.Path:
    """The generated articles, made once per (n, seed) in the temporary folder."""
    d = pathlib.Path(tempfile.gettempdir()) / f"claims_distinct_{n}_{seed}"
    if not (d / "done").exists():
        d.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(SHARED / "bench" / "distinct_corpus.py"),
                        "--n", str(n), "--out", str(d / "articles"), "--seed", str(seed)],
                       check=True, capture_output=True)
        (d / "done").write_text("")
    return d / "articles"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--distinct", type=int, default=500, help="generated articles (0: none)")
    ap.add_argument("--seed", type=int, default=11)
    a = ap.parse_args(argv)

    from claims.extraction.pipeline import extract_report
    from claims.reports import read_report
    from claims.types import Report

    plain = [("polnear-dev", SHARED / "polnear" / "dev" / "text"),
             ("polnear-train", SHARED / "polnear" / "train" / "text"),
             ("realnews", SHARED / "realnews" / "text")]
    read = [("seeds", REPO / "seeds"), ("who_probes", REPO / "tests" / "data" / "who_probes")]
    if a.distinct:
        read.append(("distinct", _distinct_dir(a.distinct, a.seed)))
    n_rep = n_st = 0
    with open(a.out, "w", encoding="utf-8") as f:
        def write(tag, report):
            nonlocal n_rep, n_st
            n_rep += 1
            for st in extract_report(report):
                d = {k: _canon(v) for k, v in st.to_dict().items()}
                d["_set"] = tag
                f.write(json.dumps(d, ensure_ascii=False, sort_keys=True) + "\n")
                n_st += 1

        for tag, folder in plain:
            for p in sorted(folder.glob("*.txt")):
                write(tag, Report(id=p.stem, text=p.read_text(encoding="utf-8"), source=p.stem))
        for tag, folder in read:
            paths = sorted(p for p in folder.rglob("*") if p.is_file()
                           and p.suffix in (".txt", ".md", ".html") and "manifest" not in p.name)
            for p in paths:
                write(tag, read_report(p))
    print(f"{n_rep} reports, {n_st} statements -> {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
