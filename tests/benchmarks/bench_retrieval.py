"""Retrieval of previously checked claims: accuracy on CheckThat! 2020 and lookup latency.

    python tests/benchmarks/bench_retrieval.py                 # MAP@5/MAP@1/P@1 on train and dev, latency at 100k
    python tests/benchmarks/bench_retrieval.py --fit           # refit rerank_model*.json and query_adapter.npz on train
    python tests/benchmarks/bench_retrieval.py --fit --cv --latency 0  # ... and the re-rankers' train MAP@5 by 5-fold CV
    python tests/benchmarks/bench_retrieval.py --no-embeddings # the word-matching re-ranker only
    python tests/benchmarks/bench_retrieval.py --db postgresql+psycopg://u:p@localhost/db  # on PostgreSQL
    python tests/benchmarks/bench_retrieval.py --latency 0     # accuracy only
    python tests/benchmarks/bench_retrieval.py --distractors 60000 --latency 0  # accuracy among ~58k stored claims

Accuracy: the 10,375 verified claims of ``../shared/claim-retrieval`` (claim text, title) are
indexed with ``TextIndex``; each tweet of a split is a query. "BM25" is the database's order
(SQLite FTS5 ``bm25()``, PostgreSQL ``ts_rank_cd``); "re-ranked (words)" is
``claims.retrieval.lookup`` without ``claims[embeddings]`` (``rerank_model.json``), "re-ranked
(embeddings)" with it: the verified claims' MiniLM vectors stored (computed once, then cached
in a temporary folder), the 20 nearest to the tweet's adapted vector (``query_adapter.npz``)
joining the 50 full-text candidates, and ``rerank_model_embed.json`` weighing cosines too.
With ``--fit`` the query adapter is fitted first on the train tweets (``fit_adapter``), and the
embedding re-ranker is fitted on train candidates found and scored with adapters fitted on the
other four fifths of train (out of fold: an adapter is better on the tweets it was fitted on,
and the re-ranker must learn how much to trust it on new ones); without ``--fit`` the train
figures use the shipped adapter, fitted on those very tweets (optimistic).
"wrong same" counts matches labelled ``same`` that are not the tweet's verified claim (any of
the five shown), also when the tweet is looked up with its verified claim left out. The re-ranker is fitted on train only; dev is the check. ``--cv``: the
re-rankers' train MAP@5 by 5-fold cross-validation over the tweets (how settings are chosen;
the in-sample train figure flatters a little). ``--distractors N``
adds up to N real sentences that are not fact-checks (PolNeAR news, ClaimBuster and CLEF 2019
debate sentences: about 48,000 available) to the index, to see the accuracy in a large store.

Latency: N distinct claims (those real sentences, the verified claims, and then copies with a
number or a name substituted) are indexed in a SQLite file; the median and 95th percentile
time of one ``lookup`` (full text + re-ranking, five results) of a stored claim and of a
tweet are printed; with embeddings, also against the 10,375 (``--vectors``) of them stored as
fact-checks with a vector (random ones: the cost does not depend on the values), by words and
with the query embedded and compared with all those vectors (what "Checked before" does), and
with embeddings among all the stored claims (what ``claims search`` does); and
the same lookups with the query embedded in a background thread (the default: it overlaps the
full-text search) and in line, each query both ways in random order.
"""
from __future__ import annotations

import argparse
import csv
import functools
import hashlib
import os
import random
import re
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import numpy as np
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from claims.retrieval import CANDIDATES, IndexDoc, TextIndex, embed_candidates, embed_text, lookup  # noqa: E402
from claims.retrieval.adapter import ADAPTER_FILE, default_adapter, fit_adapter  # noqa: E402
from claims.retrieval.embed import DIM, default_embedder  # noqa: E402
from claims.retrieval.fitting import listwise_weights, logistic_weights  # noqa: E402
from claims.retrieval.rerank import (  # noqa: E402
    FEATURES, MATCH_FEATURES, MATCH_LOGIT, MODEL_FILES, WORD_FEATURES, Logistic, QueryFacts,
    RerankModel, default_model, features, rerank)
from claims.retrieval.text import index_text  # noqa: E402

SHARED = ROOT.parent / "shared"
if not SHARED.exists():
    SHARED = Path("/work/shared")
DATA = SHARED / "claim-retrieval"
MODEL_DIR = ROOT / "claims" / "retrieval"
# the match half of the embedding model: the text-match features and the cosines themselves
EMBED_MATCH_FEATURES = MATCH_FEATURES + ("cos", "cos_body", "cos_title", "acos")
VECTOR_CACHE = Path(tempfile.gettempdir()) / "claims-bench-vectors"


def read_tsv(path: Path) -> list[list[str]]:
    csv.field_size_limit(1 << 24)
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter="\t"))


def load_claims() -> list[tuple[str, str, str]]:
    rows = read_tsv(DATA / "verified_claims.docs.tsv")[1:]
    return [(r[0], r[1], r[2] if len(r) > 2 else "") for r in rows]


def load_split(split: str) -> tuple[dict[str, str], dict[str, set[str]]]:
    queries = {r[0]: r[1] for r in read_tsv(DATA / split / "tweets.queries.tsv")[1:]}
    rel: dict[str, set[str]] = {}
    for r in read_tsv(DATA / split / "tweet-vclaim-pairs.qrels"):
        rel.setdefault(r[0], set()).add(r[2])
    return queries, rel


def average_precision(ranked: list[str], relevant: set[str], k: int) -> float:
    hits, total = 0, 0.0
    for i, d in enumerate(ranked[:k]):
        if d in relevant:
            hits += 1
            total += hits / (i + 1)
    return total / len(relevant) if relevant else 0.0


def scores(runs: dict[str, list[str]], rel: dict[str, set[str]]) -> dict[str, float]:
    q = list(rel)
    return {
        "MAP@5": float(np.mean([average_precision(runs.get(i, []), rel[i], 5) for i in q])),
        "MAP@1": float(np.mean([average_precision(runs.get(i, []), rel[i], 1) for i in q])),
        "P@1": float(np.mean([1.0 if runs.get(i) and runs[i][0] in rel[i] else 0.0 for i in q])),
    }


def engine_for(db: str | None, tmp: Path):
    if db:
        return sa.create_engine(db)
    return sa.create_engine(f"sqlite:///{tmp / 'bench.db'}")


def cached_vectors(texts: list[str]) -> np.ndarray:
    """Vectors of *texts* (indexed texts) by the shipped embedder, cached in a temporary file
    (embedding the 10,375 verified claims and their titles takes minutes of CPU)."""
    emb = default_embedder()
    h = hashlib.sha1(("\x00".join([emb.model_id] + texts)).encode("utf-8")).hexdigest()[:16]
    path = VECTOR_CACHE / f"{h}.npy"
    if path.exists():
        return np.load(path)
    t0 = time.perf_counter()
    out = emb.embed(texts)
    VECTOR_CACHE.mkdir(exist_ok=True)
    np.save(path, out)
    print(f"embedded {len(texts)} texts in {time.perf_counter() - t0:.0f} s (cached in {path})")
    return out


def store_claim_vectors(conn, index: TextIndex, claims) -> None:
    """The verified claims' vectors, as ``VectorStore.sync`` would make them."""
    bodies = cached_vectors([index_text(t) for _, t, _ in claims])
    titles = cached_vectors([index_text(t) for _, _, t in claims])
    titles[[not index_text(t) for _, _, t in claims]] = 0.0
    index.vectors.put(conn, default_embedder().model_id, [("factcheck", cid) for cid, _, _ in claims],
                      bodies, titles)


def build_claim_index(engine, name: str, distractors: int = 0, embed: bool = False) -> TextIndex:
    index = TextIndex(name)
    t0 = time.perf_counter()
    claims = load_claims()
    with engine.begin() as conn:
        index.drop(conn)
        index.create(conn)
        index.add(conn, (IndexDoc("factcheck", cid, text, title) for cid, text, title in claims))
        if embed:
            store_claim_vectors(conn, index, claims)
        extra: list[str] = []
        if distractors:
            # real sentences only: substituted copies of the verified claims would be near-duplicates
            known = {t for _, t, _ in claims}
            extra = [t for t in real_sentences() if t not in known][:distractors]
            index.add(conn, (IndexDoc("claim", f"d{i}", t) for i, t in enumerate(extra)))
    more = f" and {len(extra)} other claims (news and debate sentences)" if distractors else ""
    print(f"indexed {len(claims)} verified claims{more} in {time.perf_counter() - t0:.1f} s")
    return index


def collect(engine, index: TextIndex, split: str, embed: bool = False, adapters=None):
    """The split's queries, relevant claims, full-text candidates, and with *embed* the
    candidates with the nearest vectors added and their cosines (*adapters*: the query adapter
    of each query id; default the shipped one)."""
    queries, rel = load_split(split)
    cands, ecands = {}, {}
    emb = default_embedder() if embed else None
    with engine.connect() as conn:
        for qid, text in queries.items():
            cands[qid] = index.candidates(conn, text, limit=CANDIDATES)
            if emb:
                extra = {"adapter": adapters[qid]} if adapters else {}
                ecands[qid] = embed_candidates(conn, index, emb, text, cands[qid], **extra)
    return queries, rel, cands, ecands


def dense_map5(vectors, ids, rel, vecs) -> float:
    """MAP@5 of ranking the stored vectors by cosine alone (best of claim and title)."""
    aps = []
    for v, q in zip(vectors, ids):
        best = vecs.cosines(v).max(1)
        top = np.argsort(-best)[:5]
        aps.append(average_precision([vecs.pairs[j][1] for j in top], rel[q], 5))
    return float(np.mean(aps))


def fit_query_adapters(engine, index: TextIndex, folds: int = 5):
    """The query adapter fitted on all train tweets, and for each train tweet one fitted on the
    other folds (for the re-ranker's training features). Prints dense-only MAP@5: raw, out of
    fold, and in sample (how much the map fits its own tweets)."""
    emb = default_embedder()
    queries, rel = load_split("train")
    ids = list(queries)
    t0 = time.perf_counter()
    Q = emb.embed([embed_text(queries[q]) for q in ids])
    with engine.connect() as conn:
        vecs = index.vectors.load(conn, emb.model_id)
    docs = vecs.body.copy()
    docs[vecs.titled] += vecs.title  # claim and title together: a tweet may match either
    docs /= np.linalg.norm(docs, axis=1, keepdims=True) + 1e-12
    Y = np.zeros((len(ids), len(vecs.pairs)), dtype=np.float32)
    for i, q in enumerate(ids):
        rows = [vecs.position[("factcheck", c)] for c in rel[q] if ("factcheck", c) in vecs.position]
        Y[i, rows] = 1.0 / max(len(rows), 1)
    full = fit_adapter(Q, Y, docs, emb.model_id)
    oof, oof_q = {}, np.zeros_like(Q)
    for part in np.array_split(np.random.default_rng(0).permutation(len(ids)), folds):
        held = set(part.tolist())
        train = [i for i in range(len(ids)) if i not in held]
        a = fit_adapter(Q[train], Y[train], docs, emb.model_id)
        for i in part:
            oof[ids[i]] = a
            oof_q[i] = a.apply(Q[i])
    print(f"query adapter fitted in {time.perf_counter() - t0:.0f} s; dense ranking alone, train MAP@5 "
          f"{dense_map5(Q, ids, rel, vecs):.4f} raw, {dense_map5(oof_q, ids, rel, vecs):.4f} adapted "
          f"(out of fold), {dense_map5(full.apply(Q), ids, rel, vecs):.4f} in sample")
    dq, drel = load_split("dev")
    dids = list(dq)
    DQ = emb.embed([embed_text(dq[q]) for q in dids])
    print(f"dense ranking alone, dev MAP@5 {dense_map5(DQ, dids, drel, vecs):.4f} raw, "
          f"{dense_map5(full.apply(DQ), dids, drel, vecs):.4f} adapted")
    return full, oof


@functools.lru_cache(maxsize=1)
def _claim_texts() -> dict[str, str]:
    return {cid: index_text(text) for cid, text, _ in load_claims()}


def known_texts(keys) -> set[str]:
    """The indexed texts of these verified claims."""
    texts = _claim_texts()
    return {texts[k] for k in keys if k in texts}


def evaluate(split, queries, rel, cands, model: RerankModel, cosines=None, name="re-ranked") -> None:
    """*cands*: full-text candidates per query, or with *cosines* the embedding candidates."""
    cosines = cosines or {}
    bm25 = {q: [c.key for c in cs if c.score][:5] for q, cs in cands.items()}
    rr, wrong_same, same, scored = {}, 0, 0, {}
    for q, cs in cands.items():
        ms = rerank(queries[q], cs, limit=5, model=model, cosines=cosines.get(q))
        rr[q] = [m.key for m in ms]
        scored[q] = [(m.key, m.score) for m in ms]
        for m in ms:
            if m.label == "same":
                same += 1
                wrong_same += m.key not in rel[q]
    recall = np.mean([len({c.key for c in cands[q]} & rel[q]) / len(rel[q]) for q in rel])
    # the same tweets as if their fact-check were not stored: how often a wrong match shows
    unmatched, same_out, wrong_out = {}, 0, 0
    for q, cs in cands.items():
        keep = [i for i, c in enumerate(cs) if c.key not in rel[q]]
        rest = [cs[i] for i in keep]
        cos = cosines[q][keep] if q in cosines else None
        ms = rerank(queries[q], rest, limit=5, model=model, cosines=cos)
        unmatched[q] = ms[0].score if ms else 0.0
        same_out += sum(m.label == "same" for m in ms)
        wrong_out += sum(m.label == "same" and m.text not in known_texts(rel[q]) for m in ms)
    for t in (0.3, 0.5, 0.7):
        shown = [(m_key in rel[q]) for q, ms in scored.items() for m_key, s in ms if s >= t]
        false_alarm = np.mean([s >= t for s in unmatched.values()])
        print(f"{split:5s} matches scoring >= {t}: {len(shown)}, right {np.mean(shown) if shown else 0:.3f}; "
              f"tweets without their fact-check stored showing one: {false_alarm:.3f}")
    a, b = scores(bm25, rel), scores(rr, rel)
    if not cosines:
        print(f"{split:5s} ({len(rel)} tweets)  BM25      " + "  ".join(f"{k} {v:.4f}" for k, v in a.items()))
    print(f"{split:5s} ({len(rel)} tweets)  {name} " + "  ".join(f"{k} {v:.4f}" for k, v in b.items())
          + f"  | 'same' labels {same}, wrong {wrong_same} | recall of the candidates {recall:.3f}")
    print(f"{split:5s} without their fact-check stored: 'same' labels {same_out}, on another text than the "
          f"fact-check's {wrong_out} (the others are duplicates of it in the collection)")


def _logistic(X: np.ndarray, y: np.ndarray, names: tuple[str, ...], l2: float) -> Logistic:
    """Logistic regression (Newton's method, L2) on the columns *names* of X."""
    X = X[:, [FEATURES.index(f) for f in names]]
    mean, scale = X.mean(0), X.std(0) + 1e-9
    w = logistic_weights(np.hstack([np.ones((len(X), 1)), (X - mean) / scale]), y, l2)
    r = lambda a: [round(float(v), 6) for v in a]  # noqa: E731
    return Logistic(names, r(w[1:]), round(float(w[0]), 6), r(mean), r(scale))


def _match_logit(match: Logistic, X: np.ndarray) -> np.ndarray:
    p = np.clip(match.predict(X), 1e-12, 1 - 1e-12)
    return np.column_stack([X, np.log(p / (1 - p))])


# Chosen by cross-validation on train (``--cv``: 5 folds of tweets; two fold seeds). With
# embeddings "stacked" reaches MAP@5 0.9175 and 0.9161 where "geometric" gives 0.9134 and
# 0.9115 (the other seed from a copy of this code); by words alone "geometric" is better
# (0.8623 against 0.8601). On dev both give 0.907-0.908 with embeddings. L2 penalties: the
# match half's 1.0 as before; the listwise rank half's 1.0 (0.1 and 10 within 0.001 of it).
COMBINE = {False: "geometric", True: "stacked"}
MATCH_L2 = 1.0
RANK_L2 = 1.0


def fit(queries, rel, cands, cosines=None, combine: str = "stacked") -> RerankModel:
    """The two halves of the re-ranker, fitted on the train candidates (with *cosines*: the
    embedding model, on the candidates with the nearest vectors added).

    The match half also sees every train tweet as if its fact-check were not in the collection
    (its verified claim removed from the candidates): most claims a desk looks up were never
    checked, and a text that is merely the best of the rest must not look like a match.

    *combine* ``"stacked"`` (``RerankModel``): the rank half, with the match half's logit as one
    more feature, is fitted listwise on the tweets as they are (which candidate is the right
    one), then its score is turned into a probability by a logistic fit (scale and intercept)
    on the tweets as they are and with their fact-check left out. ``"geometric"``: both halves
    pointwise, the score their geometric mean (the model before; ``--combine geometric``)."""
    X, y, X0, groups = [], [], [], []
    for q, cs in cands.items():
        if not cs:
            continue
        qn = index_text(queries[q])
        facts = QueryFacts.of(queries[q], qn)
        cos = cosines[q] if cosines else None
        X.append(features(qn, cs, cos, facts=facts))
        groups.append(np.array([c.key in rel[q] for c in cs], dtype=float))
        y.extend(groups[-1])
        keep = [i for i, c in enumerate(cs) if c.key not in rel[q]]
        if keep:
            X0.append(features(qn, [cs[i] for i in keep], cos[keep] if cos is not None else None, facts=facts))
    Xl = X
    X = np.vstack(X)
    y = np.asarray(y, dtype=float)
    X0 = np.vstack(X0)
    Xa, ya = np.vstack([X, X0]), np.concatenate([y, np.zeros(len(X0))])
    rank_f, match_f = (FEATURES, EMBED_MATCH_FEATURES) if cosines else (WORD_FEATURES, MATCH_FEATURES)
    info = {"fitted_on": "CheckThat! 2020 claim retrieval, train split", "candidates": CANDIDATES,
            "rows": int(len(y)), "positives": int(y.sum()), "combine": combine}
    if cosines:
        info["embedder"] = default_embedder().model_id
    match = _logistic(Xa, ya, match_f, MATCH_L2)
    if combine == "geometric":
        # Measured on dev (word model): MAP@5 0.812 and 13% of the tweets whose fact-check is
        # left out still showing one at >= 0.5, where both halves fitted on the tweets as they
        # are give 0.815 and 19%, and both fitted on both 0.805 and 10%.
        return RerankModel(_logistic(X, y, rank_f, 1.0), match, info, "geometric")
    rank_f = rank_f + (MATCH_LOGIT,)
    cols = [FEATURES.index(f) if f in FEATURES else len(FEATURES) for f in rank_f]
    A = _match_logit(match, X)[:, cols]
    mean, scale = A.mean(0), A.std(0) + 1e-9
    std = [(_match_logit(match, x)[:, cols] - mean) / scale for x in Xl]
    w = listwise_weights(list(zip(std, groups)), RANK_L2)
    # calibration: P(right) = sigmoid(a * listwise score + b), on both sets of rows
    s = ((_match_logit(match, Xa)[:, cols] - mean) / scale) @ w
    b, a = logistic_weights(np.column_stack([np.ones(len(s)), s]), ya, 0.0)
    r = lambda v: [round(float(x), 6) for x in v]  # noqa: E731
    rank = Logistic(rank_f, r(a * w), round(float(b), 6), r(mean), r(scale))
    info.update(rank_l2=RANK_L2, match_l2=MATCH_L2)
    return RerankModel(rank, match, info, "stacked")


def cross_validate(queries, rel, cands, cosines=None, folds: int = 5, combine: str = "stacked",
                   seed: int = 1) -> float:
    """Train MAP@5 of re-rankers each fitted on the other folds of the train tweets (fold draw
    *seed*)."""
    ids = [q for q in cands if q in rel]
    runs = {}
    for part in np.array_split(np.random.default_rng(seed).permutation(len(ids)), folds):
        held = {ids[i] for i in part}
        model = fit(queries, rel, {q: c for q, c in cands.items() if q not in held},
                    {q: c for q, c in cosines.items() if q not in held} if cosines else None, combine)
        for q in held:
            runs[q] = [m.key for m in rerank(queries[q], cands[q], limit=5, model=model,
                                             cosines=cosines.get(q) if cosines else None)]
    return scores(runs, rel)["MAP@5"]


# --- latency -------------------------------------------------------------------------------

def real_sentences() -> list[str]:
    """Distinct claim-like sentences that are not fact-checks: PolNeAR news (train and dev),
    ClaimBuster and CLEF 2019 debate sentences (8 to 60 words)."""
    out: list[str] = []
    for split in ("train", "dev"):
        folder = SHARED / "polnear" / split / "text"
        if folder.exists():
            for p in sorted(folder.iterdir()):
                try:
                    text = p.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    continue
                out.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+", text))
    cb = SHARED / "checkworthiness" / "claimbuster" / "kfold_25ncs.json"
    if cb.exists():
        import json
        out.extend(r["text"] for r in json.loads(cb.read_text(encoding="utf-8")))
    clef = SHARED / "checkworthiness" / "clef2019-train"
    if clef.exists():
        for p in sorted(clef.glob("*.tsv")):
            out.extend(r[2] for r in read_tsv(p) if len(r) > 2)
    seen: set[str] = set()
    keep = []
    for s in out:
        if 8 <= len(s.split()) <= 60 and s not in seen:
            seen.add(s)
            keep.append(s)
    return keep


def synthetic_claims(n: int, seed: int = 7) -> list[str]:
    """*n* distinct claim-like sentences: the real sentences above and the verified claims,
    then more of them with a number or a name substituted."""
    rnd = random.Random(seed)
    base = real_sentences() + [t for _, t, _ in load_claims()]
    names = ["Smith", "Garcia", "Nguyen", "Okafor", "Müller", "Rossi", "Kowalski", "Tanaka",
             "Haddad", "Silva", "Ivanova", "Dubois", "Jensen", "Moreau", "Costa", "Novak"]
    out, seen = [], set()
    i = 0
    while len(out) < n:
        s = base[i % len(base)]
        if i >= len(base):
            s = re.sub(r"\d+", lambda m: str(int(m.group()) + rnd.randint(1, 999)), s, count=1)
            if not re.search(r"\d", s):
                s = f"{s[:-1] if s.endswith('.') else s}, {rnd.choice(names)} said in {1990 + i % 35}."
        i += 1
        if s not in seen:
            seen.add(s)
            out.append(s)
    return out


def latency(n: int, tmp: Path, db: str | None, embed: bool = False, with_vectors: int = 10_375) -> None:
    (tmp / "lat").mkdir(exist_ok=True)
    engine = engine_for(db, tmp / "lat")
    name = f"bench_lat_{uuid.uuid4().hex[:8]}"
    index = TextIndex(name)
    texts = synthetic_claims(n)
    t0 = time.perf_counter()
    # With embeddings, the first *with_vectors* stored claims are fact-checks with a vector (by
    # default as many as CheckThat! has): lookups against them are what "Checked before" does
    # (fact-checks and reviewed claims, all with vectors). The cost of a lookup does not depend
    # on the vectors' values, so they are random unit vectors (embedding 100,000 texts would
    # take many minutes).
    m = min(n, with_vectors) if embed else 0
    with engine.begin() as conn:
        index.create(conn)
        index.add(conn, (IndexDoc("factcheck" if i < m else "claim", str(i), t) for i, t in enumerate(texts)))
        if m:
            rng = np.random.default_rng(5)
            vecs = rng.standard_normal((m, DIM)).astype(np.float32)
            vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
            index.vectors.put(conn, default_embedder().model_id, [("factcheck", str(i)) for i in range(m)],
                              vecs, np.zeros_like(vecs))
    print(f"latency: {n} claims indexed in {time.perf_counter() - t0:.1f} s"
          + (f", {m} of them fact-checks with a vector" if m else ""))
    rnd = random.Random(3)
    queries, _ = load_split("dev")
    claim_queries = [texts[rnd.randrange(n)] for _ in range(200)]
    tweet_queries = list(queries.values())[:200]
    try:
        with engine.connect() as conn:
            runs = [("a stored claim", claim_queries, None, None), ("a dev tweet", tweet_queries, None, None)]
            if embed:
                fc = ("factcheck",)
                runs += [(f"{label} against the {m} fact-checks, {how}", qs, emb, fc)
                         for how, emb in (("words only", None), ("with embeddings", default_embedder()))
                         for label, qs, _, _ in runs]
                # what `claims search` does: all stored claims, most of them without a vector
                runs.append(("a dev tweet, with embeddings (all kinds: claims without a vector scored by words)",
                             tweet_queries, default_embedder(), None))
            if embed:
                # the query embedded in a background thread (the default) or in line, each query
                # both ways in random order: what the overlap with the full-text search gains here
                emb = default_embedder()
                for label, qs, _, _ in runs[:2]:
                    paired = {True: [], False: []}
                    for q in qs:
                        ways = [True, False]
                        rnd.shuffle(ways)
                        for way in ways:
                            emb.background = way
                            t = time.perf_counter()
                            lookup(conn, index, q, limit=5, embedder=emb, kinds=("factcheck",))
                            paired[way].append((time.perf_counter() - t) * 1000)
                    emb.background = True
                    gain = [b - a for a, b in zip(paired[True], paired[False])]
                    print(f"latency: {label} against the {m} fact-checks with embeddings, query embedded in a "
                          f"background thread: median {statistics.median(paired[True]):.1f} ms, in line "
                          f"{statistics.median(paired[False]):.1f} ms (median gain per lookup "
                          f"{statistics.median(gain):.1f} ms, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f})")
            for label, qs, emb, kinds in runs:
                for q in qs[:10]:  # warm up caches
                    lookup(conn, index, q, embedder=emb, kinds=kinds)
                times, cpu = [], []
                for q in qs:
                    t, c = time.perf_counter(), time.process_time()
                    lookup(conn, index, q, limit=5, embedder=emb, kinds=kinds)
                    times.append((time.perf_counter() - t) * 1000)
                    cpu.append((time.process_time() - c) * 1000)
                times.sort()
                # CPU time as well: on a shared machine wall time includes waiting for a core
                # (SQLite runs in this process; a PostgreSQL server's work is not in it).
                print(f"latency: lookup of {label} among {n} claims: median {statistics.median(times):.1f} ms, "
                      f"p95 {times[int(0.95 * len(times)) - 1]:.1f} ms, median CPU {statistics.median(cpu):.1f} ms "
                      f"({len(times)} lookups)")
    finally:
        if db:
            with engine.begin() as conn:
                index.drop(conn)


def write_model(model: RerankModel, embeddings: bool) -> None:
    path = MODEL_DIR / MODEL_FILES[embeddings]
    path.write_text(model.to_json() + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}: rank " + ", ".join(
        f"{f} {w:+.2f}" for f, w in zip(model.rank.features, model.rank.weights)) + "; match " + ", ".join(
        f"{f} {w:+.2f}" for f, w in zip(model.match.features, model.match.weights)))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", help="SQLAlchemy URL (default: a temporary SQLite file)")
    ap.add_argument("--fit", action="store_true",
                    help=f"refit {MODEL_FILES[False]} (and {MODEL_FILES[True]} with embeddings) on train")
    ap.add_argument("--latency", type=int, default=100_000, metavar="N", help="stored claims (0: skip)")
    ap.add_argument("--splits", nargs="+", default=["train", "dev"])
    ap.add_argument("--distractors", type=int, default=0, metavar="N",
                    help="also index up to N news and debate sentences (accuracy in a large store)")
    ap.add_argument("--no-embeddings", action="store_true", help="only the word-matching re-ranker")
    ap.add_argument("--cv", action="store_true",
                    help="also print the re-rankers' train MAP@5 by 5-fold cross-validation (each fold's "
                         "tweets ranked by a model fitted on the others)")
    ap.add_argument("--cv-seeds", type=int, nargs="+", default=[1, 2], metavar="S",
                    help="--cv with embeddings: the fold draws (MAP@5 printed for each and their mean)")
    ap.add_argument("--combine", choices=("stacked", "geometric"),
                    help="with --fit or --cv: how the re-ranker's two halves combine (RerankModel; default "
                         f"{COMBINE[False]} by words, {COMBINE[True]} with embeddings)")
    ap.add_argument("--vectors", type=int, default=10_375, metavar="M",
                    help="latency: how many of the stored claims are fact-checks with a vector")
    args = ap.parse_args(argv)
    embed = not args.no_embeddings and default_embedder() is not None
    if not embed and not args.no_embeddings:
        print("claims[embeddings] is not installed: word-matching re-ranker only")
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        engine = engine_for(args.db, tmp)
        name = f"bench_ct_{uuid.uuid4().hex[:8]}"
        index = build_claim_index(engine, name, args.distractors, embed=embed)
        try:
            if args.fit and args.distractors:
                ap.error("--fit fits on the verified claims alone: no --distractors")
            oof = None
            if args.fit and embed:
                adapter, oof = fit_query_adapters(engine, index)
                adapter.save(MODEL_DIR / ADAPTER_FILE)
                default_adapter.cache_clear()
                print(f"wrote {(MODEL_DIR / ADAPTER_FILE).relative_to(ROOT)}")
            data = {s: collect(engine, index, s, embed=embed, adapters=oof if s == "train" else None)
                    for s in args.splits}
            wc, ec = args.combine or COMBINE[False], args.combine or COMBINE[True]
            word = fit(*data["train"][:3], combine=wc) if args.fit else default_model(False)
            if args.fit:
                write_model(word, False)
            if args.cv:
                print(f"train re-ranked (words)      MAP@5 {cross_validate(*data['train'][:3], combine=wc):.4f}"
                      f" by 5-fold cross-validation ({wc})")
            for s in args.splits:
                evaluate(s, *data[s][:3], word, name="re-ranked (words)     ")
            if embed:
                ecands = {s: ({q: c for q, (c, _) in data[s][3].items()},
                              {q: cos for q, (_, cos) in data[s][3].items()}) for s in args.splits}
                emodel = fit(*data["train"][:2], ecands["train"][0], cosines=ecands["train"][1],
                             combine=ec) if args.fit else default_model(True)
                if args.fit:
                    write_model(emodel, True)
                if args.cv:
                    cvs = [cross_validate(*data["train"][:2], ecands["train"][0], ecands["train"][1], combine=ec,
                                          seed=seed) for seed in args.cv_seeds]
                    print(f"train re-ranked (embeddings) MAP@5 {np.mean(cvs):.4f} by 5-fold cross-validation ({ec}; "
                          f"fold draws {args.cv_seeds}: " + ", ".join(f"{v:.4f}" for v in cvs) + ")"
                          + ("" if args.fit else " (cosines from the shipped adapter, fitted on these tweets)"))
                for s in args.splits:
                    evaluate(s, *data[s][:2], ecands[s][0], emodel, cosines=ecands[s][1],
                             name="re-ranked (embeddings)")
        finally:
            if args.db:
                with engine.begin() as conn:
                    index.drop(conn)
        if args.latency:
            latency(args.latency, tmp, args.db, embed=embed, with_vectors=args.vectors)


if __name__ == "__main__":
    main()
