"""Re-rank full-text candidates and label each match ``same`` or ``similar``.

The database returns the best BM25 candidates (``TextIndex.candidates``); ``rerank`` scores each
with a logistic model over a few features of the query and the candidate -- the BM25 score
relative to the best candidate's, the rank, rapidfuzz similarities (``token_set_ratio`` of the
query with the claim and with its title, ``partial_ratio`` of the shorter in the longer), the
shares of the candidate's and the query's content words the other has, and shared word pairs
-- and sorts by that probability (``Match.score``, 0-1). The weights live in
``rerank_model.json`` (``rerank_model_embed.json`` with the embedding features) beside this
file, fitted on the CheckThat! 2020 claim-retrieval *train* split by
``tests/benchmarks/bench_retrieval.py --fit`` (dev is only measured); see ``RerankModel`` for
why it is two models and how they combine.

Labels. ``same`` means "this is the claim that was checked", so it is given conservatively:
the model is confident (``score >= SAME_MIN_SCORE``), the texts are near-identical
(``fuzz.ratio >= SAME_RATIO``, or one text holds the other: ``partial_ratio >= SAME_PARTIAL``
over at least ``SAME_MIN_WORDS`` words and ``SAME_MIN_SHARE`` of the longer's words), and the
grouping's guards agree (``claims.normalize``): the numbers of the shorter text all occur in
the longer and both have the same number of negation words. Only the best match can be
``same`` (a second copy of the same text is shown, as ``similar``, below it). Everything else
is ``similar``.
"""
from __future__ import annotations

import dataclasses
import functools
import json
import math
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Optional, Sequence

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from claims.normalize import negations_in, normalize_text, numbers_in
from claims.retrieval.index import Candidate
from claims.retrieval.text import index_text, prepare, signature, stop_words

__all__ = [
    "EMBED_FEATURES", "FEATURES", "QUERY_FEATURES", "WORD_FEATURES", "MATCH_FEATURES", "MATCH_LOGIT", "MODEL_FILES",
    "Logistic", "Match", "QueryFacts", "RerankModel", "TEXT_COLUMNS", "query_features",
    "default_model", "features", "merge_matches", "rerank", "same_claim", "text_features",
    "SAME_MIN_SCORE", "SAME_RATIO", "SAME_PARTIAL", "SAME_MIN_WORDS", "SAME_MIN_SHARE",
]

SAME_MIN_SCORE = 0.5
SAME_RATIO = 90.0
SAME_PARTIAL = 97.0
SAME_MIN_WORDS = 8
SAME_MIN_SHARE = 0.6

FEATURES = (
    "bm25_rel",       # candidate score / best candidate score
    "rank_inv",       # 1 / (1 + rank among candidates; ties share a rank)
    "set_body",       # fuzz.token_set_ratio(query, claim) / 100
    "partial",        # fuzz.partial_ratio(shorter, longer) / 100
    "set_title",      # fuzz.token_set_ratio(query, title) / 100
    "cover_doc",      # share of the claim's content words found in the query
    "cover_title",    # share of the title's content words found in the query
    "cover_query",    # share of the query's content words found in claim or title
    "pairs",          # share of the query's adjacent content-word pairs found in claim or title
    # with claims[embeddings] (claims.retrieval.embed): MiniLM cosines
    "cos",            # cosine of the query's vector with the candidate's (best of claim and title)
    "cos_rel",        # cos - the best candidate's cos
    "cos_rank_inv",   # 1 / (1 + rank by cos among candidates)
    "fulltext",       # 1 when the candidate came from the full-text search, 0 when only by its vector
    "cos_body",       # cosine with the claim's vector
    "cos_title",      # cosine with the title's vector
    "cos_body_rel",   # cos_body - the best candidate's
    "cos_title_rel",  # cos_title - the best candidate's
    # the same with the query's vector moved towards fact-checks' (claims.retrieval.adapter)
    "acos",           # cosine of the adapted query vector with the candidate's (best of claim and title)
    "acos_rel",       # acos - the best candidate's acos
    "acos_rank_inv",  # 1 / (1 + rank by acos among candidates)
    "acos_body_rel",  # adapted cosine with the claim's vector - the best candidate's
    "acos_title_rel", # adapted cosine with the title's vector - the best candidate's
    # what the query says beyond its words (QueryFacts), and how the candidates stand
    "cover_idf",      # share of the query's content words, weighted by their rarity among the
                      # candidates (log((n+1)/(df+0.5))), found in claim or title
    "num_query",      # share of the query's numbers found in claim or title (0.5: none)
    "num_cand",       # share of the candidate's numbers found in the query (0.5: none)
    "names",          # share of the query's capitalised words inside a sentence found in
                      # claim or title (0.5: none)
    "bm25_gap",       # for the best BM25 candidate: (its score - the next score) / its score
    "acos_gap",       # for the best adapted-cosine candidate: its acos - the next one's
    "year_same",      # 1 when claim or title names the year the tweet was posted (its signature)
    "year_other",     # 1 when claim or title names years, none of them the tweet's
    "author",         # share of the tweet author's name and handle words in claim or title
)
WORD_FEATURES = FEATURES[:9]
EMBED_FEATURES = FEATURES[9:22]
QUERY_FEATURES = FEATURES[22:]
# The rank half of a "stacked" model (see RerankModel) also weighs the match half's logit.
MATCH_LOGIT = "match_logit"
_COLUMNS = FEATURES + (MATCH_LOGIT,)


@dataclass(frozen=True)
class Match:
    """A re-ranked candidate."""
    kind: str
    key: str
    score: float        # the model's probability that this is the claim (0-1)
    label: str          # "same" or "similar"
    bm25: float         # the database's full-text score
    text: str = ""      # indexed (normalised) text


# The features that say how well a candidate's text matches the query by itself, whatever
# the other candidates: the "match" half of the model (see RerankModel).
MATCH_FEATURES = ("set_body", "partial", "set_title", "cover_doc", "cover_title", "cover_query", "pairs")


@dataclass
class Logistic:
    """``sigmoid(intercept + sum(w * (x - mean) / scale))`` over the named features."""
    features: tuple[str, ...]
    weights: list[float]
    intercept: float
    mean: list[float]
    scale: list[float]

    def predict(self, X: np.ndarray) -> np.ndarray:
        """*X* has the ``FEATURES`` columns (and ``MATCH_LOGIT`` after them if it uses it)."""
        if not len(X):
            return np.zeros(0)
        cols = [_COLUMNS.index(f) for f in self.features]
        z = ((X[:, cols] - np.asarray(self.mean)) / np.asarray(self.scale)) @ np.asarray(self.weights)
        return 1.0 / (1.0 + np.exp(-np.clip(z + self.intercept, -50, 50)))

    def to_dict(self) -> dict:
        return {"features": list(self.features), "weights": self.weights, "intercept": self.intercept,
                "mean": self.mean, "scale": self.scale}

    @classmethod
    def from_dict(cls, d: dict) -> "Logistic":
        feats = tuple(d["features"])
        if any(f not in _COLUMNS for f in feats) or not (len(feats) == len(d["weights"]) == len(d["mean"])
                                                         == len(d["scale"])):
            raise ValueError("rerank model made for other features: refit it")
        return cls(feats, [float(x) for x in d["weights"]], float(d["intercept"]),
                   [float(x) for x in d["mean"]], [float(x) for x in d["scale"]])


@dataclass
class RerankModel:
    """Two logistic models. ``match`` (the text-match features only) is fitted on the train
    tweets' candidates and on the same tweets with their fact-check left out of the candidates
    (most claims looked up were never checked): it says whether a text matches at all. ``rank``
    (all features, including the BM25 score relative to the best candidate's and the rank)
    orders the candidates. ``rank`` trusts "best of the candidates", which means little when
    there are few (a store with a handful of fact-checks); ``match`` keeps a poor match's score
    low then. How they combine (``combine``):

    * ``"stacked"`` (the shipped embedding model): ``rank`` weighs ``match``'s logit as one more feature
      (``MATCH_LOGIT``); its weights were fitted listwise (the right fact-check's softmax share
      among each tweet's candidates), then scaled and shifted into a probability on the
      tweets as they are and with their fact-check left out (``bench_retrieval.py --fit``);
    * ``"geometric"`` (the shipped word model): the geometric mean of the two probabilities
      (both fitted pointwise)."""
    rank: Logistic
    match: Logistic
    info: dict = field(default_factory=dict)
    combine: str = "geometric"

    def predict(self, X: np.ndarray) -> np.ndarray:
        if not len(X):
            return np.zeros(0)
        m = self.match.predict(X)
        if self.combine == "stacked":
            p = np.clip(m, 1e-12, 1 - 1e-12)
            return self.rank.predict(np.column_stack([X, np.log(p / (1 - p))]))
        return np.sqrt(self.rank.predict(X) * m)

    def uses(self, names: Sequence[str]) -> bool:
        """Whether either half weighs any of the features *names*."""
        return bool(set(names) & (set(self.rank.features) | set(self.match.features)))

    def to_json(self) -> str:
        return json.dumps({"combine": self.combine, "rank": self.rank.to_dict(), "match": self.match.to_dict(),
                           "info": self.info}, indent=1)

    @classmethod
    def from_json(cls, data: str) -> "RerankModel":
        d = json.loads(data)
        combine = d.get("combine", "geometric")
        if combine not in ("geometric", "stacked"):
            raise ValueError(f"rerank model: unknown combination {combine!r}")
        if MATCH_LOGIT in d["match"]["features"] or (combine == "geometric" and MATCH_LOGIT in d["rank"]["features"]):
            raise ValueError(f"rerank model: {MATCH_LOGIT} is a feature of a stacked model's rank half only")
        return cls(Logistic.from_dict(d["rank"]), Logistic.from_dict(d["match"]), d.get("info", {}), combine)


MODEL_FILES = {False: "rerank_model.json", True: "rerank_model_embed.json"}


@functools.lru_cache(maxsize=2)
def default_model(embeddings: bool = False) -> RerankModel:
    """The shipped model: ``rerank_model_embed.json`` (with the embedding features) or
    ``rerank_model.json`` (word matching only, when ``claims[embeddings]`` is not installed)."""
    res = resources.files("claims.retrieval").joinpath(MODEL_FILES[embeddings])
    try:
        return RerankModel.from_json(res.read_text("utf-8"))
    except FileNotFoundError:  # before the first fit: BM25 order, text match
        n, m = len(FEATURES), len(MATCH_FEATURES)
        return RerankModel(Logistic(FEATURES, [4.0] + [0.0] * (n - 1), 0.0, [0.5] * n, [1.0] * n),
                           Logistic(MATCH_FEATURES, [1.0] * m, 0.0, [0.5] * m, [0.2] * m))


@functools.lru_cache(maxsize=1 << 16)
def _stem(w: str) -> str:
    """A light English suffix stripper, for word overlap only ("shootings" ~ "shooting")."""
    if len(w) > 4:
        for suf in ("ings", "ing", "ies", "ed", "es", "s"):
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                return w[: -len(suf)] + ("y" if suf == "ies" else "")
    return w


@functools.lru_cache(maxsize=1 << 16)
def _content(norm: str) -> tuple[str, ...]:
    """Content words (stemmed) of a normalised text; cached: the same stored claims come back as
    candidates for many queries."""
    stop = stop_words()
    return tuple(_stem(w) for w in norm.split() if w not in stop and (len(w) > 1 or w.isdigit()))


def _share(part: set, whole: set) -> float:
    return len(part & whole) / len(part) if part else 0.0


# The columns of FEATURES that ``text_features`` computes: each candidate's text against the
# query, whatever the other candidates (so they can be computed for some candidates while the
# query is being embedded, and for the others after).
TEXT_COLUMNS = slice(2, 9)


def text_features(query_norm: str, candidates: Sequence[Candidate]) -> np.ndarray:
    """``(n, 7)``: the ``FEATURES[TEXT_COLUMNS]`` of each candidate (set_body ... pairs)."""
    n = len(candidates)
    X = np.zeros((n, 7))
    if not n:
        return X
    q = _content(query_norm)
    qset = set(q)
    qpairs = set(zip(q, q[1:]))
    bodies = [c.body or "" for c in candidates]
    # A claim without a title (the desk's own claims) is its own title.
    titles = [c.title or b for c, b in zip(candidates, bodies)]
    X[:, 0] = cdist([query_norm], bodies, scorer=fuzz.token_set_ratio, workers=1)[0] / 100.0
    X[:, 2] = cdist([query_norm], titles, scorer=fuzz.token_set_ratio, workers=1)[0] / 100.0
    for i, (body, title) in enumerate(zip(bodies, titles)):
        b = _content(body)
        t = b if title is body else _content(title)
        bset, tset = set(b), set(t)
        if body:
            shorter, longer = (body, query_norm) if len(body) <= len(query_norm) else (query_norm, body)
            X[i, 1] = fuzz.partial_ratio(shorter, longer) / 100.0
        pairs = set(zip(b, b[1:])) | set(zip(t, t[1:]))
        X[i, 3] = _share(bset, qset)
        X[i, 4] = _share(tset, qset)
        X[i, 5] = _share(qset, bset | tset)
        X[i, 6] = _share(qpairs, pairs)
    return X


_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-zA-Z]+)")
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")


@dataclass(frozen=True)
class QueryFacts:
    """What the ``QUERY_FEATURES`` need of a query, computed once per lookup."""
    words: frozenset        # content words (stemmed) of what the post itself says
    numbers: frozenset      # its numbers
    names: tuple            # capitalised words inside its sentences, normalised ("Maddox" -> "maddox")
    author: frozenset       # content words of a tweet's author name and handle
    year: str               # the year the tweet was posted ("" when unknown)

    @classmethod
    def of(cls, query: Optional[str], query_norm: str = "") -> "QueryFacts":
        """From the query as typed or pasted; without it (None) from its normalised text only
        (no names, author or year)."""
        if query is None:
            return cls(frozenset(_content(query_norm)), frozenset(numbers_in(query_norm)), (), frozenset(), "")
        plain = prepare(query, author=False)
        body = normalize_text(plain)
        sig = signature(query)
        names = {normalize_text(m) for m in _NAME.findall(plain)}
        author = frozenset(_content(index_text(sig.name + " " + sig.handle))) if sig else frozenset()
        return cls(frozenset(_content(body)), frozenset(numbers_in(body)), tuple(sorted(n for n in names if n)),
                   author, sig.year if sig else "")


@functools.lru_cache(maxsize=1 << 16)
def _doc_facts(body: str, title: str) -> tuple[frozenset, frozenset, frozenset, str]:
    """A candidate's content words, numbers, years and its texts joined; cached like
    ``_content`` (the same stored claims come back as candidates for many queries)."""
    text = body + " " + title
    return (frozenset(_content(body)) | frozenset(_content(title)), frozenset(numbers_in(text)),
            frozenset(_YEAR.findall(text)), text)


def query_features(facts: QueryFacts, candidates: Sequence[Candidate], X: np.ndarray) -> np.ndarray:
    """``(n, len(QUERY_FEATURES))`` for *candidates*, *X* their other features (for the gaps)."""
    n = len(candidates)
    out = np.zeros((n, len(QUERY_FEATURES)))
    docs = [_doc_facts(c.body or "", c.title or "") for c in candidates]
    # rarity among the candidates: a word most candidates share says little about which is right
    df = dict.fromkeys(facts.words, 0)
    for words, _, _, _ in docs:
        for w in facts.words & words:
            df[w] += 1
    idf = {w: math.log((n + 1) / (k + 0.5)) for w, k in df.items()}
    total = sum(idf.values())
    n_numbers, n_names, n_author = len(facts.numbers), len(facts.names), len(facts.author)
    for i, (words, nums, years, text) in enumerate(docs):
        if total > 0:
            out[i, 0] = sum(idf[w] for w in facts.words & words) / total
        shared = len(facts.numbers & nums)
        out[i, 1] = shared / n_numbers if n_numbers else 0.5
        out[i, 2] = shared / len(nums) if nums else 0.5
        # a name may be part of a longer word ("maddox" in a hashtag's "maddoxstrong")
        out[i, 3] = sum(nm in text for nm in facts.names) / n_names if n_names else 0.5
        if facts.year:
            out[i, 6] = float(facts.year in years)
            out[i, 7] = float(bool(years) and facts.year not in years)
        if n_author:
            out[i, 8] = len(facts.author & words) / n_author
    # how far the best stands out (the second's score, or 0 alone)
    for col, gap in ((0, 4), (17, 5)):
        v = X[:, col]
        best = int(np.argmax(v))
        second = np.partition(v, -2)[-2] if n > 1 else (0.0 if col else v[best] - 1.0)
        out[v >= v[best], gap] = v[best] - second
    return out


def features(query_norm: str, candidates: Sequence[Candidate],
             cosines: Optional[np.ndarray] = None, text: Optional[np.ndarray] = None,
             facts: Optional[QueryFacts] = None, query_columns: bool = True) -> np.ndarray:
    """The feature matrix (``FEATURES`` columns) of *candidates* for a query; the embedding
    columns are 0 without *cosines* (``(n, 4)``: each candidate's body and title cosine with
    the query's vector, then with its adapted vector; ``(n, 2)``: no adapter, the raw ones).
    *text*: the candidates' ``text_features`` when already computed. *facts*: the query's
    ``QueryFacts`` (default: from *query_norm* alone); *query_columns* False leaves the
    ``QUERY_FEATURES`` columns 0 (a model that does not use them: the word model)."""
    n = len(candidates)
    if not n:
        return np.zeros((0, len(FEATURES)))
    scores = np.array([c.score for c in candidates], dtype=float)
    top = scores.max() or 1.0
    X = np.zeros((n, len(FEATURES)))
    X[:, 0] = scores / top
    # rank: how many candidates score higher (copies of one text share their rank)
    X[:, 1] = 1.0 / (1 + (scores[None, :] > scores[:, None] * (1 + 1e-9) + 1e-12).sum(1))
    X[:, TEXT_COLUMNS] = text_features(query_norm, candidates) if text is None else text
    if cosines is not None:
        cosines = np.asarray(cosines, dtype=float).reshape(n, -1)
        both = cosines[:, :2]
        adapted = cosines[:, 2:4] if cosines.shape[1] >= 4 else both
        cos = both.max(1)
        X[:, 9] = cos
        X[:, 10] = cos - cos.max()
        X[:, 11] = 1.0 / (1 + (cos[None, :] > cos[:, None] + 1e-9).sum(1))
        X[:, 12] = [1.0 if c.score else 0.0 for c in candidates]
        X[:, 13:15] = both
        X[:, 15:17] = both - both.max(0)
        acos = adapted.max(1)
        X[:, 17] = acos
        X[:, 18] = acos - acos.max()
        X[:, 19] = 1.0 / (1 + (acos[None, :] > acos[:, None] + 1e-9).sum(1))
        X[:, 20:22] = adapted - adapted.max(0)
    if query_columns:
        X[:, 22:] = query_features(facts or QueryFacts.of(None, query_norm), candidates, X)
    return X


def same_claim(a_norm: str, b_norm: str) -> bool:
    """Whether two normalised texts are near-identical and agree on numbers and negations."""
    if not a_norm or not b_norm:
        return False
    longer, shorter = (a_norm, b_norm) if len(a_norm) >= len(b_norm) else (b_norm, a_norm)
    lw, sw = longer.split(), shorter.split()
    close = fuzz.ratio(longer, shorter) >= SAME_RATIO
    if not close:
        close = (len(sw) >= SAME_MIN_WORDS and len(sw) >= SAME_MIN_SHARE * len(lw)
                 and fuzz.partial_ratio(shorter, longer) >= SAME_PARTIAL)
    if not close:
        return False
    long_numbers = set(numbers_in(longer))
    if not set(numbers_in(shorter)) <= long_numbers:
        return False
    return negations_in(longer) == negations_in(shorter)


def rerank(query: str, candidates: Sequence[Candidate], limit: Optional[int] = None,
           model: Optional[RerankModel] = None, cosines: Optional[np.ndarray] = None,
           text: Optional[np.ndarray] = None) -> list[Match]:
    """*candidates* (best BM25 first, then those found by their vectors only) re-scored and
    labelled, best first. *cosines*: the MiniLM cosines of each candidate (claim, title) with
    the query's raw and adapted vectors (``claims.retrieval.embed_candidates``); *text*: their ``text_features`` if
    already computed."""
    if not candidates:
        return []
    model = model or default_model(cosines is not None)
    qn = index_text(query)
    if model.uses(QUERY_FEATURES):
        X = features(qn, candidates, cosines, text, QueryFacts.of(query, qn))
    else:  # ~0.7 ms a lookup saved
        X = features(qn, candidates, cosines, text, query_columns=False)
    probs = model.predict(X)
    body_only = index_text(query, author=False)
    order = sorted(range(len(candidates)), key=lambda i: (-probs[i], i))
    if limit is not None:
        order = order[:limit]
    out = []
    for n, i in enumerate(order):
        c, p = candidates[i], float(probs[i])
        label = "same" if n == 0 and _same(body_only, p, c.body) else "similar"
        out.append(Match(c.kind, c.key, round(p, 4), label, c.score, c.body))
    return out


def _same(body_only: str, score: float, candidate_body: str) -> bool:
    return score >= SAME_MIN_SCORE and same_claim(body_only, candidate_body)


def merge_matches(query: str, *lists: Sequence[Match], limit: Optional[int] = None) -> list[Match]:
    """Matches of *query* scored by different models (each list best first; the scores are all
    probabilities that the match is the claim) in one list, best first (ties: the earlier list
    first), labelled again: only the best can be ``same``."""
    merged = sorted((m for ms in lists for m in ms), key=lambda m: -m.score)  # stable: ties keep list order
    if limit is not None:
        merged = merged[:limit]
    body_only = index_text(query, author=False)
    return [dataclasses.replace(m, label="same" if n == 0 and _same(body_only, m.score, m.text) else "similar")
            for n, m in enumerate(merged)]

