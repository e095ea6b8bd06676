"""Instructions per article of the extraction, counted by valgrind (callgrind): the figure for
comparing two checkouts on a loaded machine, where CPU time varies by ±8% from run to run.

    python tests/benchmarks/bench_extract_instructions.py [--n 80] [--repo PATH ...]

For each checkout (default: this one) runs ``extract_report`` under callgrind on every k-th
PolNeAR train article (``--n`` of them, after a warm-up article) and once on the warm-up
alone, with ``PYTHONHASHSEED=0``; prints (instructions of the first run - the second) / n.
The count is the same from run to run whatever else the machine does; it weighs every
instruction alike (a cache miss costs no more than an add), so it tells which checkout does
less work, not how many articles per second it reads. Needs ``valgrind``; about a minute per
checkout for 80 articles. Not collected by pytest.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[2]

# the child: imports claims from the checkout given, extracts a warm-up article, then n more
_CHILD = """
import pathlib, sys
sys.path.insert(0, sys.argv[1])
paths = sorted(pathlib.Path(sys.argv[2]).glob("*.txt"))
n = int(sys.argv[3])
from claims.extraction.pipeline import extract_report
from claims.types import Report
extract_report(Report(id="w", text=paths[0].read_text(encoding="utf-8"), source="w"))
step = max(1, len(paths) // max(n, 1))
for p in paths[::step][:n]:
    extract_report(Report(id=p.stem, text=p.read_text(encoding="utf-8"), source=p.stem))
"""


def _instructions(repo: str, data: str, n: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        child = pathlib.Path(tmp) / "child.py"
        child.write_text(_CHILD, encoding="utf-8")
        env = dict(os.environ, PYTHONHASHSEED="0")
        env.pop("PYTHONPATH", None)
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/cg.out",
             os.path.realpath(sys.executable), str(child), repo, data, str(n)],
            capture_output=True, text=True, env=env, check=True)
    m = re.search(r"Collected : (\d+)", done.stderr)
    if m is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(m.group(1))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=80, help="articles counted (every k-th of the folder)")
    ap.add_argument("--dir", default=str(REPO.parent / "shared" / "polnear" / "train" / "text"))
    ap.add_argument("--repo", action="append", help="checkout to measure (repeatable)")
    a = ap.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed", file=sys.stderr)
        return 1
    for repo in a.repo or [str(REPO)]:
        base = _instructions(repo, a.dir, 0)
        full = _instructions(repo, a.dir, a.n)
        print(f"{repo}: {(full - base) / a.n / 1e6:.2f} M instructions per article "
              f"({a.n} articles)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
