"""claims.retrieval: text preparation, the full-text index (real SQLite files; PostgreSQL when
CLAIMS_TEST_POSTGRES_URL is set, in tables named uniquely per run) and the re-ranker."""
from __future__ import annotations

import os
import sqlite3
import uuid

import pytest
import sqlalchemy as sa
from hypothesis import given, settings, strategies as st

from claims.retrieval import (
    Candidate, IndexDoc, Match, TextIndex, default_model, fts5_available, lookup, merge_matches, rerank, same_claim,
)
from claims.retrieval.rerank import EMBED_FEATURES, FEATURES, MATCH_FEATURES, WORD_FEATURES, RerankModel, features
from claims.retrieval.text import (
    fts5_query, index_text, prepare, query_terms, split_signature, stop_words, tsquery_text,
)
from claims.errors import StoreError

PG_URL = os.environ.get("CLAIMS_TEST_POSTGRES_URL")

CLAIMS = [
    ("c1", "Bricks of cocaine washed ashore in Florida after Hurricane Dorian.",
     "Did Bricks of Cocaine Wash Up on Beaches After Hurricane Dorian?"),
    ("c2", "122 detainees released from Guantanamo Bay under President Obama have re-engaged in terrorist activities.",
     "Did 122 Prisoners Released from Guantanamo Return to the Battlefield?"),
    ("c3", "The unemployment rate fell to 3.5 percent in September 2019.", ""),
    ("c4", "The unemployment rate did not fall to 3.5 percent in September 2019.", ""),
    ("c5", "Wombats are herding animals into their burrows to escape the wildfires in Australia.",
     "Are Wombats Inviting Animals Into Their Burrows to Escape Australia Fires?"),
    ("c6", "A video shows an augmented reality dragon flying over a baseball stadium.", ""),
]


# --------------------------------------------------------------------------- text

def test_fts5_is_available_in_this_python():
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61')")
    engine = sa.create_engine("sqlite://")
    with engine.connect() as conn:
        assert fts5_available(conn)


def test_prepare_drops_links_and_splits_hashtags_and_handles():
    t = ("How are butterflies surviving the #AustralianFires? @CenterForBioDiv "
         "pic.twitter.com/0eJtwJyS1J https://t.co/abc www.example.com/x")
    p = prepare(t)
    assert "http" not in p and "pic.twitter" not in p and "www" not in p
    assert "Australian Fires" in p and "Center For Bio Div" in p
    assert query_terms(t)[:4] == ["butterflies", "surviving", "australian", "fires"]


def test_tweet_signature_split_author_kept_after_body_date_dropped():
    t = ("Trump needs to divest from his businesses. — Ilhan Omar (@IlhanMN) January 6, 2020")
    body, author = split_signature(t)
    assert body == "Trump needs to divest from his businesses."
    assert author == "Ilhan Omar"
    assert index_text(t) == "trump needs to divest from his businesses ilhan omar"
    assert index_text(t, author=False) == "trump needs to divest from his businesses"
    assert "2020" not in query_terms(t)
    # No signature: a dash in the middle of a sentence stays.
    assert split_signature("Prices rose - a lot - in 2019") == ("Prices rose - a lot - in 2019", None)


def test_query_terms_drop_stop_words_keep_numbers_and_us():
    terms = query_terms("The U.S. spent $1,000,000 on it and it was not enough, I think")
    assert terms == ["us", "spent", "1000000", "enough", "think"]
    assert "the" in stop_words() and "us" not in stop_words()
    assert query_terms("") == [] and query_terms(None) == [] and query_terms("the of and") == []
    assert len(query_terms(" ".join(f"word{i}" for i in range(100)))) == 40


def test_query_syntax_is_safe():
    assert fts5_query(["a1", "b"]) == '"a1" OR "b"'
    assert fts5_query(['x"y']) == '"x""y"'
    assert tsquery_text(["cocaine", "or", "florida"]) == "cocaine or florida"


@settings(max_examples=200)
@given(st.text(max_size=200))
def test_any_text_gives_a_valid_fts5_query(text):
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61')")
    con.execute("INSERT INTO t VALUES ('some words here')")
    terms = query_terms(text)
    if terms:
        con.execute("SELECT rowid FROM t WHERE t MATCH ?", (fts5_query(terms),)).fetchall()


# --------------------------------------------------------------------------- index

@pytest.fixture(params=["sqlite", "postgres"])
def engine(request, tmp_path):
    if request.param == "sqlite":
        eng = sa.create_engine(f"sqlite:///{tmp_path / 'retrieval.db'}")
        yield eng
        eng.dispose()
        return
    if not PG_URL:
        pytest.skip("CLAIMS_TEST_POSTGRES_URL not set")
    eng = sa.create_engine(PG_URL)
    yield eng
    eng.dispose()


@pytest.fixture
def index(engine):
    idx = TextIndex(f"test_rt_{uuid.uuid4().hex[:10]}")
    with engine.begin() as conn:
        idx.create(conn)
        idx.add(conn, [IndexDoc("factcheck", k, t, title) for k, t, title in CLAIMS])
    yield idx
    with engine.begin() as conn:
        idx.drop(conn)


def test_index_ranks_the_matching_claim_first(engine, index):
    with engine.connect() as conn:
        assert index.count(conn) == len(CLAIMS)
        cands = index.candidates(conn, "Hurricane Dorian washed up bricks of cocaine on Florida’s coast "
                                       "pic.twitter.com/ApEtNvR7tb — NowThis (@nowthisnews) September 10, 2019")
        assert cands[0].key == "c1" and cands[0].kind == "factcheck"
        assert cands[0].score > 0 and all(c.score <= cands[0].score for c in cands)
        # stemming on both sides: "wombat", "burrow", "wildfire"
        assert index.candidates(conn, "a wombat shares its burrow during the wildfire")[0].key == "c5"
        assert index.candidates(conn, "the of and is") == []
        assert index.candidates(conn, "xylophone zeppelin") == []


def test_index_add_replaces_and_remove_drops(engine, index):
    with engine.begin() as conn:
        index.add(conn, [IndexDoc("factcheck", "c6", "Penguins can fly over Antarctica.")])
        index.add(conn, [IndexDoc("claim", "c6", "A baseball stadium dragon video is fake.")])
    with engine.connect() as conn:
        assert index.count(conn) == len(CLAIMS) + 1
        assert index.count(conn, "claim") == 1
        top = index.candidates(conn, "penguins fly")
        assert [(c.kind, c.key) for c in top] == [("factcheck", "c6")]
        assert {c.kind for c in index.candidates(conn, "dragon stadium")} == {"claim"}
        assert {c.kind for c in index.candidates(conn, "dragon stadium", kinds=["factcheck"])} == set()
        assert index.candidates(conn, "dragon stadium", kinds=[]) == []
    with engine.begin() as conn:
        index.remove(conn, "factcheck", ["c6", "unknown"])
    with engine.connect() as conn:
        assert index.candidates(conn, "penguins fly") == []
        assert index.keys(conn, "claim") == {"c6"}


def test_index_add_of_new_documents_indexes_the_same_and_refuses_an_indexed_one(engine, index):
    with engine.begin() as conn:
        index.add(conn, [IndexDoc("claim", "n1", "Penguins can fly over Antarctica."),
                         IndexDoc("claim", "n2", "A baseball stadium dragon video is fake.")], new=True)
    with engine.connect() as conn:
        assert index.count(conn, "claim") == 2
        assert [(c.kind, c.key) for c in index.candidates(conn, "penguins fly", kinds=["claim"])] == [("claim", "n1")]
        assert index.fetch(conn, [("claim", "n2")])[0].body == "a baseball stadium dragon video is fake"
    # "new" skips the lookup of a document to replace: one already indexed is refused, and the
    # transaction rolls back whole
    with pytest.raises((sa.exc.IntegrityError, sqlite3.IntegrityError)):  # (SQLite: straight from the driver)
        with engine.begin() as conn:
            index.add(conn, [IndexDoc("claim", "n3", "Wombats share burrows."),
                             IndexDoc("claim", "n1", "Penguins cannot fly.")], new=True)
    with engine.connect() as conn:
        assert index.count(conn, "claim") == 2
        assert index.fetch(conn, [("claim", "n1")])[0].body == "penguins can fly over antarctica"


def test_index_rolls_back_with_the_transaction(engine, index):
    with pytest.raises(RuntimeError):
        with engine.begin() as conn:
            index.add(conn, [IndexDoc("claim", "x1", "Penguins can fly over Antarctica.")])
            raise RuntimeError("abort")
    with engine.connect() as conn:
        assert index.candidates(conn, "penguins") == []
        assert index.count(conn) == len(CLAIMS)


def test_lookup_labels_same_only_when_guards_agree(engine, index):
    with engine.connect() as conn:
        m = lookup(conn, index, "The unemployment rate fell to 3.5 percent in September 2019.")
        assert m[0].key == "c3" and m[0].label == "same" and 0.5 <= m[0].score <= 1
        assert all(x.label == "similar" for x in m[1:])
        assert {"c3", "c4"} <= {x.key for x in m}
        # negation differs: c4 found, but never "same"
        m = lookup(conn, index, "The unemployment rate did not fall to 3.5 percent in September 2019!")
        assert m[0].key == "c4" and m[0].label == "same"
        assert [x.label for x in m if x.key == "c3"] == ["similar"]
        # a different number: similar only
        m = lookup(conn, index, "The unemployment rate fell to 3.7 percent in September 2019.")
        assert all(x.label == "similar" for x in m)
        assert lookup(conn, index, "Bricks of cocaine washed ashore in Florida", limit=1)[0].key == "c1"
        assert len(lookup(conn, index, "rate", limit=2)) <= 2


def test_unknown_dialect_refused():
    class Fake:
        class dialect:
            name = "mysql"
    with pytest.raises(StoreError, match="SQLite .*PostgreSQL"):
        TextIndex("x").create(Fake())


def test_bad_index_name_refused():
    with pytest.raises(ValueError):
        TextIndex("x; DROP TABLE claims")


# --------------------------------------------------------------------------- re-ranker

def test_same_claim_guards():
    a = "the unemployment rate fell to 3.5 percent in september 2019"
    assert same_claim(a, a)
    assert not same_claim(a, a.replace("3.5", "3.7"))
    assert not same_claim(a, a.replace("fell", "did not fall"))
    assert same_claim("officials said " + a, a)  # contained, long enough
    assert not same_claim("rate fell", "the unemployment rate fell to 3.5 percent")
    assert not same_claim("", a)


def test_shipped_model_loads_and_scores_in_unit_interval():
    model = default_model()
    words = WORD_FEATURES
    assert model.rank.features == words and len(model.rank.weights) == len(words)
    assert model.match.features == MATCH_FEATURES
    with_embeddings = default_model(True)
    assert with_embeddings.rank.features[:len(FEATURES)] == FEATURES
    assert set(EMBED_FEATURES) & set(with_embeddings.match.features)
    assert with_embeddings.info.get("fitted_on", "").endswith("train split")
    assert model.info.get("fitted_on", "").endswith("train split")
    again = RerankModel.from_json(model.to_json())
    assert again.rank.weights == model.rank.weights and again.match.weights == model.match.weights
    cands = [Candidate("claim", "a", "bricks of cocaine washed ashore in florida", "", 10.0),
             Candidate("claim", "b", "cocaine prices in florida", "", 4.0)]
    X = features("bricks of cocaine washed up in florida", cands)
    assert X.shape == (2, len(FEATURES))
    p = model.predict(X)
    assert ((0 <= p) & (p <= 1)).all() and p[0] > p[1]
    out = rerank("bricks of cocaine washed up in florida", cands)
    assert [m.key for m in out] == ["a", "b"]
    assert rerank("anything", []) == []


def test_a_lone_poor_candidate_scores_low():
    """With one candidate, "best of the candidates" says nothing: the text match decides."""
    lone = [Candidate("factcheck", "x", "the two leaders spoke for about 50 minutes at the end of last month", "", 3.0)]
    [m] = rerank("Tentative plans for Pena Nieto to visit the White House were scrapped last month", lone)
    assert m.score < 0.5 and m.label == "similar"
    good = [Candidate("factcheck", "y", "plans for pena nieto to visit the white house were scrapped", "", 3.0)]
    [m] = rerank("Tentative plans for Pena Nieto to visit the White House were scrapped last month", good)
    assert m.score > 0.7


def test_document_frequencies_in_one_statement_equal_counting_word_by_word(engine, index):
    """The uncached words of a query are counted in one statement (in parts of 100): the same
    counts as one statement per word, for repeated words, words found nowhere and long lists."""
    words = ["cocaine", "hurricane", "florida", "cocaine", "zeppelin"] + [f"w{i}" for i in range(150)] + ["wombat"]
    with engine.connect() as conn:
        got = index.doc_freqs(conn, words)
        fresh = TextIndex(index.name)
        one_by_one = [fresh.doc_freqs(conn, [w])[0] for w in words]
        assert got == one_by_one == index.doc_freqs(conn, words)  # the second time from the cache
        assert got[0] == got[3] >= 1 and got[4] == 0 and got[-1] >= 1


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(max_size=80),
                          st.sampled_from(["#AustralianFires now", "U.S. GDP 3.5%", "— Ann (@ann) May 1, 2020",
                                           "see https://t.co/x", "ça va (aside) 1,000"])), max_size=12))
def test_index_texts_equal_index_text_one_by_one(texts):
    """The batched form the index uses gives each text what index_text gives it alone."""
    from claims.retrieval.text import index_texts

    assert index_texts(texts) == [index_text(t) for t in texts]


def _prepare_by_regexes(text, author=True):
    """prepare() without its plain-text shortcut: the three regex passes on every text."""
    from claims.retrieval import text as t

    if not text:
        return ""
    text = t._URL.sub(" ", str(text))
    body, name = t.split_signature(text)
    body = t._TAG.sub(t._words_of_tag, body)
    if name and author:
        body = body + " " + t._TAG.sub(t._words_of_tag, name)
    return body


_TRICKY = ["@", "#", "://", "http", "HTTPS://", "www.", "WwW.", "pic.twitter.com/", "PIC.TWITTER.COM/",
           "p\u0130c.tw\u0131tter.com/", "w\u0131", "\u2014 Ana (@ana) May 1, 2020", " - ", "(@x)", "ab", " "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_TRICKY), st.text(max_size=6)), max_size=12), st.booleans())
def test_prepare_shortcut_gives_what_the_regexes_give(parts, author):
    from claims.retrieval.text import prepare

    text = "".join(parts)
    assert prepare(text, author=author) == _prepare_by_regexes(text, author=author)


# --------------------------------------------------------------------------- merging two models' matches

_MATCH = st.builds(lambda key, score, text: Match("factcheck", key, score, "similar", 1.0, text),
                   st.sampled_from([f"k{i}" for i in range(8)]), st.floats(0, 1),
                   st.sampled_from([t for _, t, _ in CLAIMS]).map(index_text))


@settings(max_examples=100, deadline=None)
@given(st.lists(_MATCH, max_size=6), st.lists(_MATCH, max_size=6), st.integers(1, 8),
       st.sampled_from([t for _, t, _ in CLAIMS]))
def test_merged_matches_are_the_best_of_both_lists_and_only_the_first_can_be_same(a, b, limit, query):
    a = sorted(a, key=lambda m: -m.score)
    b = sorted(b, key=lambda m: -m.score)
    out = merge_matches(query, a, b, limit=limit)
    assert len(out) == min(limit, len(a) + len(b))
    assert [m.score for m in out] == sorted((m.score for m in a + b), reverse=True)[:limit]
    assert all(m.label == "similar" for m in out[1:])
    if out:
        assert (out[0].label == "same") == (out[0].score >= 0.5 and same_claim(index_text(query, author=False), out[0].text))
