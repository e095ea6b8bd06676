"""Both scorers' summary lines on realnews dev and PolNeAR dev (who said what, issue 9).

    python tests/benchmarks/score_realnews.py                # realnews dev + PolNeAR dev
    python tests/benchmarks/score_realnews.py --polnear-split train
    python tests/benchmarks/score_realnews.py --errors 50    # also list realnews errors

Runs the full pipeline (``claims.extraction.pipeline.extract_report``) on every article, writes
the statements as JSON lines (``--out-dir``, default a temporary folder) and prints, for
realnews, ``score_attribution.py --summary`` and ``score_who.py``'s summary line, and for
PolNeAR the ``score_attribution.py --summary`` line (PolNeAR has no resolved-speaker gold).
Not collected by pytest.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import subprocess
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))


def extract_to(text_dir: pathlib.Path, out: pathlib.Path) -> tuple[int, float]:
    from claims.extraction.pipeline import extract_report
    from claims.reports import read_report

    n = 0
    t0 = time.perf_counter()
    with open(out, "w", encoding="utf-8") as f:
        for p in sorted(text_dir.glob("*.txt")):
            # read as `claims extract` reads a file (metadata line, headline span), so the
            # figures are the CLI's
            rep = read_report(p)
            for st in extract_report(rep):
                f.write(json.dumps(st.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    return n, time.perf_counter() - t0


def _run(args: list[str]) -> str:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True,
                          check=True).stdout


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--realnews", default=str(SHARED / "realnews"))
    ap.add_argument("--polnear", default=str(SHARED / "polnear"))
    ap.add_argument("--polnear-split", default="dev")
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--out-dir", default=tempfile.gettempdir())
    a = ap.parse_args(argv)
    out = pathlib.Path(a.out_dir)
    rn = pathlib.Path(a.realnews)
    rn_pred = out / "claims_realnews_pred.jsonl"
    n, dt = extract_to(rn / "text", rn_pred)
    print(f"realnews dev ({n} articles, {dt:.2f} s)")
    print("  " + _run([str(SHARED / "eval" / "score_attribution.py"), "--gold", str(rn),
                       "--pred", str(rn_pred), "--summary"]).strip())
    who = _run([str(SHARED / "eval" / "score_who.py"), str(rn), str(rn_pred)]
               + (["--errors", str(a.errors)] if a.errors else []))
    lines = who.strip().splitlines()
    print("  " + lines[-1])
    if a.errors:
        body = who.strip().split("}\n", 1)[-1].splitlines()[:-1]
        for line in body:
            print("    " + line)
    pn = pathlib.Path(a.polnear) / a.polnear_split
    pn_pred = out / f"claims_polnear_{a.polnear_split}_pred.jsonl"
    n, dt = extract_to(pn / "text", pn_pred)
    print(f"PolNeAR {a.polnear_split} ({n} articles, {dt:.2f} s)")
    print("  " + _run([str(SHARED / "eval" / "score_attribution.py"), "--gold", str(pn),
                       "--pred", str(pn_pred), "--summary"]).strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
