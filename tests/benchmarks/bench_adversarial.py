"""Extraction time of adversarial single-paragraph reports (issue 14: linear extraction).

    python tests/benchmarks/bench_adversarial.py [--sizes 10000,100000,1000000]
        [--family said,caps,...] [--timeout 120]

For each family a report of one paragraph (no newline; "headline" and "metadata" excepted)
of about SIZE characters is written to
a .txt file, read with ``claims.reports.read_report`` (metadata, headline) and extracted with
``claims.extraction.pipeline.extract_report``; each run is a fresh subprocess, stopped after
``--timeout`` seconds. Prints CPU seconds (user+sys of the child) per family and size. Not
collected by pytest. Target (issue 14): a 1 MB paragraph of any text in under 5 s.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

# name -> the unit repeated to the size (one paragraph: no newline anywhere)
FAMILIES: dict[str, str] = {
    "said": '"a" said b, ',
    "said_sent": '"A claim here," said Smith. ',
    "nopunct": "the plan would cut taxes for families and ",
    "quotes": '" ',
    "dquotes_word": '"a ',
    "curly_open": "“a said ",
    "singles": "'a ",
    "commas": "a, ",
    "only_commas": ",",
    "caps": "Aaa Bbb Ccc ",
    "according": "according to a, ",
    "according_sent": "According to Smith, the plan failed. ",
    "unbalanced": '"a said b "c ',
    "colons": "a: b: ",
    "caps_colons": "SMITH: a ",
    "long_sentence": "the senator said that the plan would fail and ",
    "same_speaker": "Smith said the plan failed. He said it would work. ",
    "pronouns": "John Smith said taxes rose. He added that it was wrong, he said. ",
    "sentences": "A. B. C. Mr. Smith. U.S. Jan. ",
    "asked": "Asked about it, he said no. ",
    "polls": "In a CNN poll, Clinton led Trump. ",
    "who": "Smith, who said it, denied it. ",
    "seem": "The court seemed to rule. It is expected to fail. ",
    "told": "Smith told reporters that taxes rose. ",
    "dashes": "a — b — ",
    "parens": "(a) said (b) ",
    "ellipsis": "... ",
    "headline": "Aaa Bbb\nSmith said it. ",  # many short lines: headline/metadata reading
    "metadata": "title: a\n",  # metadata lines, then one body line
}


def make_text(family: str, size: int) -> str:
    if family == "mixed":  # real news sentences, joined into one paragraph
        d = REPO.parent / "shared" / "polnear" / "train" / "text"
        paths = sorted(d.glob("*.txt"))[:40]
        unit = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in paths) + " "
    else:
        unit = FAMILIES[family]
    text = (unit * (size // len(unit) + 1))[:size]
    if family == "metadata":
        text += "Smith said the plan failed."
    return text


def run_one(family: str, size: int) -> str:
    """In a child process: CPU seconds of read_report + extract_report."""
    import time

    from claims.extraction.pipeline import extract_report
    from claims.reports import read_report

    text = make_text(family, size)
    with tempfile.TemporaryDirectory() as d:
        path = pathlib.Path(d) / f"{family}.txt"
        path.write_text(text, encoding="utf-8")
        t0 = time.process_time()
        rep = read_report(path, on_warning=lambda w: None)
        t1 = time.process_time()
        out = extract_report(rep)
        t2 = time.process_time()
    return f"{t1 - t0:.3f} {t2 - t1:.3f} {len(out)}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--family", default=",".join(list(FAMILIES) + ["mixed"]))
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        print(run_one(a.child[0], int(a.child[1])))
        return 0
    sizes = [int(s) for s in a.sizes.split(",")]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    print(f"{'family':16}" + "".join(f"{s // 1000:>10} KB" for s in sizes) + "   (CPU s)")
    worst = 0.0
    for fam in a.family.split(","):
        cells = []
        for size in sizes:
            try:
                r = subprocess.run([sys.executable, __file__, "--child", fam, str(size)],
                                   capture_output=True, text=True, timeout=a.timeout, env=env)
            except subprocess.TimeoutExpired:
                cells.append(f">{a.timeout:.0f}")
                worst = max(worst, a.timeout)
                continue
            if r.returncode != 0:
                cells.append("ERR")
                print(r.stderr[-2000:], file=sys.stderr)
                continue
            t_read, t_extract, _n = r.stdout.split()
            t = float(t_read) + float(t_extract)
            worst = max(worst, t) if size >= 1_000_000 else worst
            cells.append(f"{t:.2f}")
        print(f"{fam:16}" + "".join(f"{c:>13}" for c in cells), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
