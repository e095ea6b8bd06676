"""Benchmark of claims.grouping.group_claims on a corpus with planted near-duplicates.

Run by hand (not collected by pytest)::

    python tests/benchmarks/bench_dedupe.py                    # N = 10k, 100k, 1M; normal + hard
    python tests/benchmarks/bench_dedupe.py --n 100000 --variant hard
    python tests/benchmarks/bench_dedupe.py --sweep --n 100000  # thresholds vs recall/precision

The corpus
----------
* **Real sentences**: PolNeAR news texts (``../shared/polnear/{train,dev}/text/*.txt``) split into
  sentences with a simple regex (paragraphs on newlines, sentences after ``. ! ?`` followed by
  an upper-case start), 4..80 words. Deduplicated by normalised text, and *natural* repeats
  between outlets (sentences sharing their first 6 or their last 6 normalised words) are kept
  once, so that the base sentences are not near-duplicates of each other.
* **Synthetic variants** when N needs more base texts than PolNeAR has (~30k): the first part of
  one sentence (cut at 40-60 % of its words) joined to the last part of another, then every
  content word (not the stop words) replaced by a word drawn from the corpus' own word
  distribution (capitalisation and trailing punctuation kept) and every number by a random
  number. Variants keep the shape of news sentences and the corpus' word-frequency profile
  (which is what blocking sees), but share only stop-word skeletons with their sources and with
  each other, so they are not near-duplicates or partial quotes of anything (an earlier version
  replaced only half of the content words: verbatim half-sentences then made real partial
  quotes, counted as false positives); exact repeats are dropped.
* **Planted near-duplicates**: 10 % of the base texts that have at least 8 words get 1-3 copies
  each (so N = base * 1.2). Each copy gets 1-3 different ones of these edits: quote marks changed or added,
  accents added or removed, casing changed (lower-case, upper-case words), one word dropped (never
  a number or a negation: those make a different claim, and the grouping refuses them on
  purpose), whitespace doubled, an aside in brackets inserted ("(left)", "[sic]"), punctuation
  dropped or added, two letters of a word swapped (a typo).
* **Hard variant**: in addition, a copy is, with probability 1/3 each, cut to a partial quote (a
  contiguous run of 60-90 % of its words, for texts of 10+ words) or wrapped in an attribution
  ("..., officials said.", "According to a statement, ...", ...).

* **Distinct variant** (``--variant distinct``): sentences of news-like *distinct* articles from
  ``../shared/bench/distinct_corpus.py`` (PolNeAR paragraphs recombined, names, numbers and
  content words substituted), 4..80 words, with that generator's planted repeats (5 % of the
  sentence slots: a "viral" sentence, Zipf popularity, half verbatim, half with a small edit);
  the label of a planted sentence is its viral sentence, as in the generator's manifest (and
  sentences equal after normalisation, "Watch the full interview below:", one label). Most
  sentences are the same source sentence with other words, which makes candidate pairs grow
  with the corpus: the case issue 12 measures.

Rows are shuffled; every statement is its own row with a report id, date, speaker and offsets,
like ``claims.extract`` output.

Measures, per N, each in a fresh subprocess (the corpus is generated once and pickled under
``$TMPDIR/claims_bench``): wall time of ``group_claims`` alone; peak memory (``ru_maxrss`` of
the subprocess: Python, pandas, the statements DataFrame and the grouping); recall = share of
planted pairs (original-copy and copy-copy) that end in one claim; precision = share of all
pairs in one claim that are planted pairs.

Measured (2 cores shared with other jobs, defaults same=86, similar=75)::

            N variant  wall s peak MiB load MiB   recall precision   claims
       10,000  normal    0.14      126       77   0.9996    1.0000    8,334
       10,000    hard    0.17      129       77   0.9823    1.0000    8,359
      100,000  normal    1.45      277      124   0.9992    0.9992   83,328
      100,000    hard    1.78      264      124   0.9835    0.9991   83,530
    1,000,000  normal   15.76     1508      595   0.9992    0.9999  833,421
    1,000,000    hard   19.60     1515      594   0.9820    0.9999  835,577
    1,000,000 distinct 118.62    1711      582   0.9997    1.0000  942,531  (load 4-9)

("load MiB": the process after loading the statements, before grouping.) Most of the peak at
10^6 is the claims table itself: a dict per occurrence and three lists per claim. From 200,000
texts blocking and scoring run in forked workers, one per core: "cpu s" is this process
(rapidfuzz's threads included), "workers cpu s" theirs; at 10^6 distinct 25.5 + 31.2 s (before
the workers, 73.7 s in the process alone; medians of 3 alternated runs: wall 119 s against
138 s, the machine loaded by other jobs).
"""
from __future__ import annotations

import argparse
import pathlib
import pickle
import random
import re
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np

REPO = pathlib.Path(__file__).resolve().parents[2]
POLNEAR = REPO.parent / "shared" / "polnear"
CACHE = pathlib.Path(tempfile.gettempdir()) / "claims_bench"
sys.path.insert(0, str(REPO))

STOP = set("""a an the and or but if of to in on at by for with from as is are was were be been being
that this these those it its he she they we you i his her their our your my him them us me who whom
which what when where why how not no nor than then so such said says say told tell also just only
very more most much many some any all each every both either neither other another into onto over
under after before about against between through during without within while because since until
do does did done has have had having will would shall should can could may might must""".split())
NEGATIONS = {"not", "no", "never", "nor", "none", "nobody", "nothing", "neither", "cannot",
             "without", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't",
             "won't", "wouldn't", "can't", "couldn't", "shouldn't", "hasn't", "haven't", "hadn't"}
NORM_NEGATIONS = {"not", "no", "never", "nor", "none", "nobody", "nothing", "neither", "cannot",
                  "without", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "wont",
                  "cant", "couldnt", "shouldnt", "wouldnt", "hasnt", "havent", "hadnt"}
_SENT = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_NUM = re.compile(r"\d")
_NUMBER = re.compile(r"\d(?:[\d,.]*\d)?")


# --- corpus ---------------------------------------------------------------------------------


def polnear_sentences() -> list[str]:
    from claims.normalize import normalize_texts

    files = sorted((POLNEAR / "train" / "text").glob("*.txt")) + \
        sorted((POLNEAR / "dev" / "text").glob("*.txt"))
    out = []
    for f in files:
        for para in f.read_text(encoding="utf-8").split("\n"):
            para = para.strip()
            if not para:
                continue
            for s in _SENT.split(para):
                s = s.strip()
                if 4 <= len(s.split()) <= 80:
                    out.append(s)
    norms = normalize_texts(out)
    seen_n, seen_head, seen_tail, base = set(), set(), set(), []
    for s, n in zip(out, norms):
        w = n.split()
        head, tail = " ".join(w[:6]), " ".join(w[-6:])
        if n in seen_n or head in seen_head or tail in seen_tail:
            continue
        seen_n.add(n)
        seen_head.add(head)
        seen_tail.add(tail)
        base.append(s)
    return base


def synthetic_variants(base: list[str], k: int, rng: random.Random, have: set) -> list[str]:
    """k new sentences: recombined halves with substituted content words and numbers."""
    from claims.normalize import normalize_texts

    toks = [s.split() for s in base]
    content = [w for t in toks for w in t if w.lower().strip(".,;:!?\"“”‘’()") not in STOP
               and not _NUM.search(w)]
    out: list[str] = []
    while len(out) < k:
        batch = []
        for _ in range(min(k - len(out), 200_000) * 11 // 10):
            a, b = rng.choice(toks), rng.choice(toks)
            ca = max(1, int(len(a) * rng.uniform(0.4, 0.6)))
            cb = max(1, int(len(b) * rng.uniform(0.4, 0.6)))
            words = a[:ca] + b[cb:]
            new = []
            for w in words:
                core = w.lower().strip(".,;:!?\"“”‘’()")
                if _NUM.search(w):
                    w = _NUMBER.sub(lambda m: f"{rng.randint(1, 9999):,}", w)
                elif core and core not in STOP:
                    r = rng.choice(content)
                    r = r.strip(".,;:!?\"“”‘’()") or r
                    r = r[:1].upper() + r[1:] if w[:1].isupper() else r[:1].lower() + r[1:]
                    # keep the original's trailing punctuation
                    tail = w[len(w.rstrip(".,;:!?\"”’)")):]
                    w = r + tail
                new.append(w)
            batch.append(" ".join(new))
        for s, n in zip(batch, normalize_texts(batch)):
            if n not in have and len(out) < k:
                have.add(n)
                out.append(s)
    return out


ACCENTS = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú", "n": "ñ", "c": "ç"}
UNACCENT = {v: k for k, v in ACCENTS.items()}
ASIDES = ["(left)", "(right)", "(pictured)", "[sic]", "(R-Texas)", "(in Spanish)", "(AP)"]
WRAPS = ["{s}, officials said.", "{s}, he told reporters.", "According to a statement, {s}",
         "“{s},” the spokesman said.", "{s}, the report said.", "She said that {s}"]


EDITS = ["quotes", "accents", "case", "drop", "space", "aside", "punct", "typo"]


def _edit(s: str, rng: random.Random, kind: str) -> str:
    from claims.normalize import normalize_text

    w = s.split(" ")
    if kind == "quotes":
        if any(q in s for q in "\"“”‘’'"):
            table = {'"': "“", "“": '"', "”": '"', "’": "'", "'": "’", "‘": "'"}
            return "".join(table.get(c, c) for c in s)
        return "“" + s.rstrip(".") + ",”"
    if kind == "accents":
        if any(c in UNACCENT for c in s):
            return "".join(UNACCENT.get(c, c) for c in s)
        idx = [i for i, x in enumerate(w) if x[:1].isupper() and any(c in ACCENTS for c in x)]
        if not idx:
            idx = [i for i, x in enumerate(w) if any(c in ACCENTS for c in x)]
        if idx:
            i = rng.choice(idx)
            x = w[i]
            j = rng.choice([k for k, c in enumerate(x) if c in ACCENTS])
            w[i] = x[:j] + ACCENTS[x[j]] + x[j + 1:]
        return " ".join(w)
    if kind == "case":
        r = rng.random()
        if r < 0.4:
            return s.lower()
        if r < 0.7:
            return s.upper()
        return " ".join(x.capitalize() if rng.random() < 0.5 else x for x in w)
    if kind == "drop":
        idx = [i for i, x in enumerate(w) if not _NUM.search(x)
               and not (set(normalize_text(x).split()) & NORM_NEGATIONS)]
        if len(w) >= 8 and idx:
            del w[rng.choice(idx)]
        return " ".join(w)
    if kind == "space":
        i = rng.randrange(len(w))
        w[i] = w[i] + " "
        return " ".join(w) + rng.choice(["", " ", "\n"])
    if kind == "aside":
        i = rng.randrange(min(len(w), 4))
        w.insert(i + 1, rng.choice(ASIDES))
        return " ".join(w)
    if kind == "punct":
        if ", " in s and rng.random() < 0.5:
            return s.replace(", ", " ", 1)
        return s.rstrip(".") + rng.choice(["", "...", "!", " —"])
    if kind == "typo":
        idx = [i for i, x in enumerate(w) if len(x) >= 5 and x.isalpha()]
        if idx:
            i = rng.choice(idx)
            x = w[i]
            j = rng.randrange(1, len(x) - 2)
            w[i] = x[:j] + x[j + 1] + x[j] + x[j + 2:]
        return " ".join(w)
    return s


def _hard(s: str, rng: random.Random) -> str:
    r = rng.random()
    w = s.split(" ")
    if r < 1 / 3 and len(w) >= 10:
        k = max(1, round(len(w) * rng.uniform(0.6, 0.9)))
        i = rng.randrange(0, len(w) - k + 1)
        return " ".join(w[i:i + k])
    if r < 2 / 3:
        return rng.choice(WRAPS).format(s=s.rstrip(".") if not s.endswith("?") else s)
    return s


def build_corpus(n: int, variant: str, seed: int = 1):
    """Rows (dict of lists) and group labels (-1 = not planted)."""
    from claims.normalize import normalize_texts

    rng = random.Random(seed)
    if variant == "distinct":
        texts, group = build_distinct(n, seed)
        return _rows(texts), group
    base_all = polnear_sentences()
    n_base = int(round(n / 1.2))
    rng.shuffle(base_all)
    if n_base <= len(base_all):
        base = base_all[:n_base]
    else:
        have = set(normalize_texts(base_all))
        base = base_all + synthetic_variants(base_all, n_base - len(base_all), rng, have)
    texts, group = list(base), [-1] * len(base)
    eligible = [i for i, s in enumerate(base) if len(s.split()) >= 8]
    n_planted = 0
    target = n - len(base)
    rng.shuffle(eligible)
    for i in eligible:
        if n_planted >= target:
            break
        k = min(rng.randint(1, 3), target - n_planted)
        group[i] = i
        for _ in range(k):
            c = base[i]
            if variant == "hard":
                c = _hard(c, rng)
            for kind in rng.sample(EDITS, rng.randint(1, 3)):
                c = _edit(c, rng, kind)
            texts.append(c)
            group.append(i)
            n_planted += 1
    order = list(range(len(texts)))
    rng.shuffle(order)
    texts = [texts[i] for i in order]
    group = np.asarray([group[i] for i in order], dtype=np.int64)
    return _rows(texts), group


def _rows(texts: list[str]) -> dict:
    N = len(texts)
    names = ["Donald Trump", "Hillary Clinton", "Enrique Pena Nieto", "Mike Pence", "a spokesman",
             None]
    # 20 statements a report; one string object per report id and per date, as a reader
    # that builds them once per report would have
    reports = [f"r{j:06d}" for j in range((N + 19) // 20)]
    days = [f"2016-{1 + m:02d}-{1 + d:02d}" for m in range(12) for d in range(28)]
    rows = {
        "id": [f"s{i:07d}" for i in range(N)],
        "report": [reports[i // 20] for i in range(N)],
        "kind": ["direct"] * N,
        "text": texts,
        "speaker": ["he"] * N,
        "speaker_name": [names[i % len(names)] for i in range(N)],
        "report_date": [days[(i // 20) % len(days)] for i in range(N)],
        "content_start": [0] * N,
        "content_end": [len(t) for t in texts],
        "checkworthiness": [0.5] * N,
    }
    return rows


def build_distinct(n: int, seed: int = 1):
    """Sentences of distinct articles (distinct_corpus.py's Generator), labelled by the viral
    sentence planted there (-1: not planted)."""
    sys.path.insert(0, str(REPO.parent / "shared" / "bench"))
    sys.path.insert(0, "/work/shared/bench")
    import distinct_corpus as dc

    g = dc.Generator(seed)
    p, r = g.pool, g.rng
    texts: list[str] = []
    group: list[int] = []
    while len(texts) < n:
        names: dict = {}
        target = r.randint(600, 900)
        words = 0
        while words < target:
            k = r.randrange(len(p.paras))
            for s in dc.SENT_SPLIT.split(p.paras[k]):
                if r.random() < g.repeat_share:
                    v = r.choices(range(len(g.viral)), weights=g.viral_w)[0]
                    t = g.viral[v] if r.random() < 0.5 else dc.small_edit(g.viral[v], r)
                    lab = v
                else:
                    s, mixed = p.recombine(s, g.recomb)
                    t = p.perturb(s, names, g.sub if mixed else g.sub_whole)
                    lab = -1
                if 4 <= len(t.split()) <= 80:
                    texts.append(t)
                    group.append(lab)
            words += p.para_words[k]
    texts, group = texts[:n], group[:n]
    # sentences that are equal after normalisation without being planted ("Watch the full
    # interview below:") are one claim too: labelled together, after the viral labels
    from claims.normalize import normalize_texts

    label: dict = {}
    for i, (nt, lab) in enumerate(zip(normalize_texts(texts), group)):
        if lab < 0:
            first = label.setdefault(nt, i)
            if first != i:
                group[first] = group[i] = len(g.viral) + first
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [texts[i] for i in order], np.asarray([group[i] for i in order], dtype=np.int64)


def corpus_path(n: int, variant: str) -> pathlib.Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    p = CACHE / f"corpus_{variant}_{n}.pkl"
    if not p.exists():
        t = time.time()
        rows, group = build_corpus(n, variant)
        with open(p, "wb") as f:
            pickle.dump((rows, group), f, protocol=pickle.HIGHEST_PROTOCOL)
        print(f"  (built {variant} corpus of {n:,} in {time.time() - t:.0f} s)", file=sys.stderr)
    return p


# --- measuring ------------------------------------------------------------------------------


def pair_metrics(labels: np.ndarray, group: np.ndarray) -> tuple[float, float, int, int]:
    """Recall and precision of planted pairs given predicted cluster labels."""
    import pandas as pd

    lab = pd.factorize(pd.Series(labels))[0].astype(np.int64)
    def pairs(counts):
        counts = counts[counts > 1].astype(np.int64)
        return int((counts * (counts - 1) // 2).sum())
    planted = group >= 0
    true_pairs = pairs(np.bincount(group[planted]))
    pred_pairs = pairs(np.bincount(lab))
    both = lab[planted].astype(np.int64) * (int(group.max()) + 1) + group[planted]
    tp = pairs(np.unique(both, return_counts=True)[1])
    recall = tp / true_pairs if true_pairs else 1.0
    precision = tp / pred_pairs if pred_pairs else 1.0
    return recall, precision, tp, pred_pairs


def run_one(n: int, variant: str, same: float | None, similar: float | None, show_fp: int):
    import pandas as pd

    import importlib
    grouping = importlib.import_module("claims.grouping")

    with open(corpus_path(n, variant), "rb") as f:
        rows, group = pickle.load(f)
    df = pd.DataFrame(rows)
    del rows
    base_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kw = {}
    if same is not None:
        kw["same_threshold"] = same
    if similar is not None:
        kw["similar_threshold"] = similar
    clustering = importlib.import_module("claims.grouping.clustering")
    n_pairs = [0]
    blocking = clustering.candidate_pairs

    def counted(texts):
        lo, hi = blocking(texts)
        n_pairs[0] += len(lo)
        return lo, hi
    clustering.candidate_pairs = counted
    t = time.perf_counter()
    cpu0 = time.process_time()
    g = grouping.group_claims(df, **kw)
    wall = time.perf_counter() - t
    cpu = time.process_time() - cpu0  # this process, rapidfuzz's threads included
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ch = resource.getrusage(resource.RUSAGE_CHILDREN)  # the forked blocking/scoring workers
    child_cpu = ch.ru_utime + ch.ru_stime
    recall, precision, tp, pred = pair_metrics(g.assignments["claim_id"].to_numpy(), group)
    print(f"RESULT {n} {variant} {wall:.2f} {peak:.0f} {base_mib:.0f} {recall:.5f} {precision:.5f} "
          f"{len(g.claims)} {len(g.similar)} {n_pairs[0]} {cpu:.2f} {child_cpu:.2f}")
    if show_fp:
        lab = g.assignments["claim_id"].to_numpy()
        df["claim"] = lab
        df["group"] = group
        shown = 0
        for cid, sub in df.groupby("claim"):
            if len(sub) > 1 and (sub["group"].nunique() > 1 or (sub["group"] < 0).any()):
                print("---", cid)
                for t_, gr in zip(sub["text"], sub["group"]):
                    print(f"   [{gr}] {t_[:160]}")
                shown += 1
                if shown >= show_fp:
                    break


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--variant", nargs="*", default=["normal", "hard"],
                    help="normal, hard, distinct (see the module docstring)")
    ap.add_argument("--distinct", action="store_true", help="the distinct variant only")
    ap.add_argument("--same", type=float)
    ap.add_argument("--similar", type=float)
    ap.add_argument("--sweep", action="store_true", help="recall/precision over same thresholds")
    ap.add_argument("--show-fp", type=int, default=0, help="print N mixed clusters")
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.distinct:
        a.variant = ["distinct"]
    if a.one:
        run_one(a.n[0], a.variant[0], a.same, a.similar, a.show_fp)
        return
    thresholds = [a.same]
    if a.sweep:
        thresholds = [80, 84, 85, 86, 87, 88, 90, 92, 94, 96]
    print(f"{'N':>9} {'variant':>7} {'same':>5} {'wall s':>7} {'peak MiB':>8} {'load MiB':>8} "
          f"{'recall':>8} {'precision':>9} {'claims':>8} {'similar':>8} {'cand pairs':>11} "
          f"{'pairs/st':>8} {'cpu s':>7} {'workers cpu s':>13}")
    for n in a.n:
        for v in a.variant:
            corpus_path(n, v)
            for th in thresholds:
                cmd = [sys.executable, __file__, "--one", "--n", str(n), "--variant", v,
                       "--show-fp", str(a.show_fp)]
                if th is not None:
                    cmd += ["--same", str(th)]
                if a.similar is not None:
                    cmd += ["--similar", str(a.similar)]
                out = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
                res = [line for line in out.stdout.splitlines() if line.startswith("RESULT")]
                if not res:
                    print(out.stdout[-3000:], out.stderr[-3000:])
                    continue
                _, n_, v_, wall, peak, base, rec, prec, nc, ns, npairs, cpu, ccpu = res[0].split()
                from claims.grouping import DEFAULT_SAME_THRESHOLD
                print(f"{int(n_):>9,} {v_:>7} {th or DEFAULT_SAME_THRESHOLD:>5.0f} {float(wall):>7.2f} "
                      f"{float(peak):>8.0f} {float(base):>8.0f} {float(rec):>8.4f} "
                      f"{float(prec):>9.4f} {int(nc):>8,} {int(ns):>8,} {int(npairs):>11,} "
                      f"{int(npairs) / int(n_):>8.2f} {float(cpu):>7.1f} {float(ccpu):>13.1f}",
                      flush=True)
                if a.show_fp:
                    print("\n".join(line for line in out.stdout.splitlines()
                                    if not line.startswith("RESULT")))


if __name__ == "__main__":
    main()
