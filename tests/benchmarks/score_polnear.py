"""Score the attribution extraction on a PolNeAR split with the shared scorer.

    python tests/benchmarks/score_polnear.py --split dev       # or train
    python tests/benchmarks/score_polnear.py --split train --out /tmp/pred.jsonl

Runs the full pipeline (``claims.extraction.pipeline.extract_report``), or sentences +
attributions only with ``--no-pipeline``; writes one JSON line per statement in the scorer's format and
prints the scorer's summary line. Not collected by pytest.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import subprocess
import tempfile
import sys

REPO = pathlib.Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))


def rows_from_attributions(stem: str, text: str) -> list[dict]:
    from claims.extraction.attributions import find_attributions
    from claims.extraction.sentences import split_sentences

    rows = []
    for a in find_attributions(text, split_sentences(text)):
        rows.append({
            "report": stem,
            "kind": a.kind,
            "content_start": a.content_start,
            "content_end": a.content_end,
            "content_spans": [list(s) for s in a.content_spans] if len(a.content_spans) > 1
            else None,
            "speaker_start": a.source_span[0] if a.source_span else None,
            "speaker_end": a.source_span[1] if a.source_span else None,
            "cue": text[a.cue_span[0]:a.cue_span[1]] if a.cue_span else None,
        })
    return rows


def rows_from_pipeline(path: pathlib.Path, stem: str) -> list[dict]:
    from claims.extraction.pipeline import extract_report
    from claims.reports import read_report
    from claims.types import Report

    text = path.read_text(encoding="utf-8")
    report = read_report(path)
    if report.text != text:  # the gold offsets index the file's text as read here
        report = Report(id=stem, text=text, source=str(path))
    rows = []
    for st in extract_report(report):
        d = st.to_dict() if hasattr(st, "to_dict") else dict(st)
        d["report"] = stem
        rows.append({k: d.get(k) for k in ("report", "kind", "content_start", "content_end",
                                           "content_spans", "speaker_start", "speaker_end")})
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev")
    ap.add_argument("--polnear", default=str(SHARED / "polnear"))
    ap.add_argument("--out", default=str(pathlib.Path(tempfile.gettempdir()) / "claims_polnear_pred.jsonl"))
    ap.add_argument("--no-pipeline", action="store_true",
                    help="score sentences+attributions only")
    a = ap.parse_args(argv)
    gold = pathlib.Path(a.polnear) / a.split
    with open(a.out, "w", encoding="utf-8") as f:
        for path in sorted((gold / "text").glob("*.txt")):
            stem = path.stem
            if not a.no_pipeline:
                rows = rows_from_pipeline(path, stem)
            else:
                rows = rows_from_attributions(stem, path.read_text(encoding="utf-8"))
            for r in rows:
                f.write(json.dumps(r) + "\n")
    print("attributions only" if a.no_pipeline else "pipeline", file=sys.stderr)
    res = subprocess.run([sys.executable, str(SHARED / "eval" / "score_attribution.py"),
                          "--gold", str(gold), "--pred", a.out, "--summary"],
                         capture_output=True, text=True)
    sys.stdout.write(res.stdout)
    sys.stderr.write(res.stderr)
    return res.returncode


if __name__ == "__main__":
    raise SystemExit(main())
