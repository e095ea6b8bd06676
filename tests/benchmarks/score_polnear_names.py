"""Resolved-speaker accuracy on PolNeAR: a second who-said-what check, on other text.

    python tests/benchmarks/score_polnear_names.py --split dev      # or train
    python tests/benchmarks/score_polnear_names.py --split dev --errors 20

Realnews has resolved-speaker gold for 12 dev articles only, and the who-said-what rules were
read against them. PolNeAR has no resolved speakers, but where an annotated source span is a
name ("Hillary Clinton", "Sen. Ted Cruz", "Trump", "the FBI" is left out) the speaker is known
without coreference: that name. This script runs the full pipeline on a PolNeAR split, matches
statements to those gold attributions by content (Dice >= 0.5 on word tokens, greedy best
first, as the shared scorers do) and checks ``speaker_name`` the way ``score_who.py`` does (a
person: the surnames agree; an organisation: a shared word). Pronoun and description sources
are left out (their resolved speaker is not annotated). Prints one line:

    named gold, matched, resolved speaker acc (right / named speaker given), wrong share of
    matches, abstained share of matches (no speaker_name), who-said-what recall

Not collected by pytest.
"""
from __future__ import annotations

import argparse
import importlib.util
import pathlib
import re
import sys
import time

REPO = pathlib.Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))

_PRONOUNS = frozenset("he she they it i we you him her them his its their who which".split())
_DETERMINERS = frozenset("the a an this that these those some many most several".split())
_JOINERS = frozenset("of the for and de van von al bin la le du del".split())
# words that make a capitalised source an organisation's name (scored on a shared word)
_ORG = re.compile(r"\b(?:Campaign|Committee|Party|Department|Agency|Administration|Bureau|"
                  r"Office|Institute|Foundation|Association|Union|Group|Company|Inc|Corp|"
                  r"University|College|Court|Congress|Senate|House|Post|Times|News|Journal|"
                  r"Network|Council|Commission|Center|Centre|Reuters|Press|Media|Poll)\b")


def _load(name: str, path: pathlib.Path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def gold_name(source: str) -> tuple[str, str] | None:
    """(name, type) when the annotated source is a name, else None."""
    s = source.strip(" ,;:.“”\"'’")
    s = re.sub(r"(?:’s|'s)$", "", s)
    words = s.split()
    if not words or len(words) > 6:
        return None
    if words[0].lower() in _PRONOUNS or words[0].lower() in _DETERMINERS:
        return None
    if not all(w[:1].isupper() or w.lower() in _JOINERS for w in words):
        return None
    if not words[-1][:1].isupper():
        return None
    return s, ("organization" if _ORG.search(s) or re.fullmatch(r"[A-Z.&]{2,8}", s)
               else "person")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev")
    ap.add_argument("--polnear", default=str(SHARED / "polnear"))
    ap.add_argument("--errors", type=int, default=0, help="list N wrong speakers")
    a = ap.parse_args(argv)
    S = _load("score_attribution", SHARED / "eval" / "score_attribution.py")
    W = _load("score_who", SHARED / "eval" / "score_who.py")
    from claims.extraction.pipeline import extract_report
    from claims.types import Report

    gold_dir = pathlib.Path(a.polnear) / a.split
    docs = S.read_gold(str(gold_dir))
    n_named = n_match = right = wrong = abstain = 0
    errors = []
    t0 = time.perf_counter()
    for stem, d in sorted(docs.items()):
        text = d["text"]
        named = []
        for g in d["atts"]:
            src = " ".join(text[s:e] for s, e in g["source"])
            got = gold_name(src) if g["source"] else None
            if got:
                named.append((g, got))
        if not named:
            continue
        n_named += len(named)
        sts = [s for s in extract_report(Report(id=stem, text=text, source=stem))
               if s.kind != "claim"]
        toks = S.tokens(text)
        p_sets = [S.covered(toks, s.content_spans or [(s.content_start, s.content_end)])
                  for s in sts]
        g_sets = [S.covered(toks, g["content"]) for g, _ in named]
        cand = []
        for i, ps in enumerate(p_sets):
            for j, gs in enumerate(g_sets):
                inter = len(ps & gs)
                if inter and 2 * inter / (len(ps) + len(gs)) >= 0.5:
                    cand.append((2 * inter / (len(ps) + len(gs)), i, j))
        cand.sort(reverse=True)
        used_p, used_g = set(), set()
        for _, i, j in cand:
            if i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
            n_match += 1
            name, gtype = named[j][1]
            pred = sts[i].speaker_name
            if not pred:
                abstain += 1
            elif W.same_speaker(pred, name, gtype):
                right += 1
            else:
                wrong += 1
                errors.append(f"    {stem}: gold {name!r}, predicted {pred!r}: "
                              f"{sts[i].text[:70]!r}")
    dt = time.perf_counter() - t0
    given = right + wrong
    print(f"PolNeAR {a.split} named sources ({len(docs)} articles, {dt:.1f} s): named gold "
          f"{n_named}, matched {n_match} | resolved speaker acc "
          f"{right / max(1, given):.3f} | wrong {wrong / max(1, n_match):.3f} of matches | "
          f"abstained {abstain / max(1, n_match):.3f} | who-said-what recall "
          f"{right / max(1, n_named):.3f}")
    for e in errors[:a.errors]:
        print(e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
