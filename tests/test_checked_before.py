"""Was this checked before? The store's full-text index, imported fact-checks, search and the
Review sheet's "Checked before" column (real SQLite files; PostgreSQL in a schema of its own
per test when CLAIMS_TEST_POSTGRES_URL is set); end to end with the installed command."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess

import openpyxl
import pytest

import claims
from claims.errors import ClaimsError
from claims.retrieval.factchecks import FactCheck
from claims.retrieval.text import index_text
from claims.store import SCHEMA_VERSION, Store
from claims.store.search import SEARCH_INDEX

from conftest import REPO, SEEDS, pg_schema

PG_URL = os.environ.get("CLAIMS_TEST_POSTGRES_URL")

COCAINE = "Bricks of cocaine washed ashore in Florida after Hurricane Dorian."
FEED = {
    "@context": "https://schema.org",
    "@type": "DataFeed",
    "dataFeedElement": [
        {"@type": "DataFeedItem", "item": [{
            "@type": "ClaimReview",
            "claimReviewed": COCAINE,
            "reviewRating": {"@type": "Rating", "alternateName": "True", "ratingValue": 5, "bestRating": 5},
            "url": "https://factcheck.example/cocaine-dorian",
            "author": {"@type": "Organization", "name": "Example Fact Check"},
            "datePublished": "2019-09-12",
            "itemReviewed": {"@type": "Claim", "author": {"@type": "Organization", "name": "NowThis"}},
        }]},
        {"@type": "DataFeedItem", "item": [{
            "@type": "ClaimReview",
            "claimReviewed": "Wombats are herding animals into their burrows to escape the wildfires in Australia.",
            "reviewRating": {"@type": "Rating", "alternateName": "Mostly false"},
            "url": "https://factcheck.example/wombats",
            "author": {"@type": "Organization", "name": "Example Fact Check"},
            "datePublished": "2020-01-15",
        }]},
    ],
}
REPORT = (" date 2019-09-14\n\n"
          "Storm debris on the coast.\n\n"
          "Bricks of cocaine washed ashore in Florida after Hurricane Dorian, officials said on Friday.\n\n"
          "The county sheriff said deputies collected 15 bricks from three beaches on Thursday.\n")


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield str(tmp_path / "claims.db")
        return
    if not PG_URL:
        pytest.skip("CLAIMS_TEST_POSTGRES_URL not set")
    with pg_schema(PG_URL, "test_cb") as url:
        yield url


@pytest.fixture
def feed(tmp_path):
    p = tmp_path / "feed.json"
    p.write_text(json.dumps(FEED), encoding="utf-8")
    return p


@pytest.fixture
def report_dir(tmp_path):
    d = tmp_path / "reports_in"
    d.mkdir()
    (d / "dorian.txt").write_text(REPORT, encoding="utf-8")
    return d


def test_import_factchecks_then_search(db_url, feed):
    result = claims.import_factchecks(feed, db=db_url)
    assert (result.read, result.new, result.updated, result.unchanged) == (2, 2, 0, 0)
    assert result.line() == f"2 fact-checks read from {feed}: 2 new, 0 updated, 0 unchanged"
    again = claims.import_factchecks(feed, db=db_url)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)

    found = claims.search("Hurricane Dorian washed up bricks of cocaine on Florida's coast", db=db_url)
    assert list(found.columns) == ["kind", "id", "text", "verdict", "by", "url", "date", "label", "score"]
    top = found.iloc[0]
    assert (top["kind"], top["text"], top["verdict"], top["by"], top["url"]) == (
        "fact-check", COCAINE, "True", "Example Fact Check", "https://factcheck.example/cocaine-dorian")
    assert 0 < top["score"] <= 1
    assert list(found["score"]) == sorted(found["score"], reverse=True)
    same = claims.search(COCAINE, db=db_url, limit=1)
    assert len(same) == 1 and same.iloc[0]["label"] == "same"
    assert len(claims.search("quantum chromodynamics lattice", db=db_url)) == 0

    # a changed rating updates the stored check (same url and claim): no duplicate
    changed = json.loads(json.dumps(FEED))
    changed["dataFeedElement"][0]["item"][0]["reviewRating"]["alternateName"] = "Mostly true"
    feed.write_text(json.dumps(changed), encoding="utf-8")
    third = claims.import_factchecks(feed, db=db_url)
    assert (third.new, third.updated, third.unchanged) == (0, 1, 1)
    with Store(db_url) as store:
        frame = store.factchecks_frame()
        assert len(frame) == 2
        assert set(frame["rating"]) == {"Mostly true", "Mostly false"}
        # imported checks are never this desk's verdicts
        assert len(store.verdicts_frame()) == 0
        with store.transaction() as conn:
            assert SEARCH_INDEX.count(conn, "factcheck") == 2


def test_bad_factcheck_file_stores_nothing(db_url, tmp_path, feed):
    claims.import_factchecks(feed, db=db_url)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([FEED["dataFeedElement"][0]["item"][0] | {"claimReviewed": "New claim"},
                               {"@type": "ClaimReview", "url": "https://x.example/2"}]), encoding="utf-8")
    with pytest.raises(ClaimsError, match=r"bad.json: item 2: claimReviewed is missing"):
        claims.import_factchecks(bad, db=db_url)
    with Store(db_url) as store:
        assert len(store.factchecks_frame()) == 2
    assert "New claim" not in set(claims.search("New claim", db=db_url)["text"])


def test_store_write_failure_rolls_back_the_import(db_url):
    good = FactCheck("A claim about tariffs on steel imports rising to 25 percent.", url="https://x.example/1")
    with Store(db_url) as store:
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.import_factchecks([good])
                raise RuntimeError("disk full")
        assert len(store.factchecks_frame()) == 0
        assert len(store.search("tariffs steel imports")) == 0


def test_claims_are_indexed_as_they_are_stored(db_url, tmp_path):
    claims.run([SEEDS], db=db_url, output=tmp_path / "review.xlsx")
    with Store(db_url) as store:
        frame = store.claims_frame()
        with store.transaction() as conn:
            assert SEARCH_INDEX.count(conn, "claim") == len(frame)
            # each claim's stored text, as the index normalises it (new claims and fuller texts)
            indexed = {c.key: c.body for c in SEARCH_INDEX.fetch(conn, [("claim", k) for k in frame["claim_id"]])}
        assert indexed == {cid: index_text(text) for cid, text in zip(frame["claim_id"], frame["text"])}
        text = frame.sort_values("text").iloc[0]["text"]
        cid = frame.sort_values("text").iloc[0]["claim_id"]
        found = store.search(text, limit=3)
        assert found.iloc[0]["id"] == cid and found.iloc[0]["kind"] == "own claim"
        assert found.iloc[0]["label"] == "same"
        assert found.iloc[0]["verdict"] is None or found.iloc[0]["verdict"] != found.iloc[0]["verdict"]


def test_checked_before_uses_reviewed_claims_and_factchecks_only(db_url, tmp_path, feed):
    out = tmp_path / "review.xlsx"
    claims.run([SEEDS], db=db_url, output=out)
    with Store(db_url) as store:
        frame = store.claims_frame()
        budget = frame[frame["text"].str.contains("23 billion for border security")].iloc[0]
    paraphrase = "Trump asked Congress for $23 billion for border security in his budget, mostly for the wall."
    with Store(db_url) as store:
        # nothing reviewed and nothing imported: no lookups, no column values
        assert store.checked_before([("CX", paraphrase)]) == [None]
    # review the budget claim in the workbook and import it
    wb = openpyxl.load_workbook(out)
    ws = wb["Review"]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[header.index("Claim ID")].value == budget["claim_id"]:
            row[header.index("Verdict")].value = "Misleading"
            row[header.index("Reviewer")].value = "AB"
    wb.save(out)
    claims.import_workbook(out, db=db_url)
    claims.import_factchecks(feed, db=db_url)
    with Store(db_url) as store:
        cells = store.checked_before([("CX", paraphrase), (budget["claim_id"], budget["text"]), ("CY", REPORT)])
    assert cells[0].startswith("Misleading — AB") and f"(claim {budget['claim_id']})" in cells[0]
    assert cells[1] is None  # a claim is not its own earlier check
    assert "True — Example Fact Check, 2019-09-12: https://factcheck.example/cocaine-dorian" in cells[2]


def test_migration_indexes_claims_of_an_older_database(tmp_path):
    db = tmp_path / "old.db"
    claims.run([SEEDS], db=db, output=None)
    con = sqlite3.connect(db)
    con.execute("DROP TABLE claim_search")
    con.execute("DROP TABLE claim_search_keys")
    con.execute("DROP TABLE factchecks")
    con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with Store(db) as store:
        assert store.schema_version == SCHEMA_VERSION >= 4
        n = len(store.claims_frame())
        with store.transaction() as conn:
            assert SEARCH_INDEX.count(conn, "claim") == n > 0
        assert len(store.factchecks_frame()) == 0


# --------------------------------------------------------------------------- end to end

CLAIMS_CMD = shutil.which("claims")


def run_cli(*args, cwd=None):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO)] + [p for p in [env.get("PYTHONPATH")] if p])
    return subprocess.run([CLAIMS_CMD, *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          timeout=300, env=env)


@pytest.mark.skipif(CLAIMS_CMD is None, reason="the claims command is not installed")
def test_e2e_feed_imported_then_run_shows_it_in_review_sheet(tmp_path, feed, report_dir):
    db, out = tmp_path / "claims.db", tmp_path / "review.xlsx"
    done = run_cli("import-factchecks", feed, "--db", db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"2 fact-checks read from {feed}: 2 new, 0 updated, 0 unchanged"

    done = run_cli("run", report_dir, "--db", db, "-o", out)
    assert done.returncode == 0, done.stderr

    wb = openpyxl.load_workbook(out)
    ws = wb["Review"]
    header = [c.value for c in ws[1]]
    assert "Checked before" in header
    col = header.index("Checked before")
    rows = {r[header.index("Claim")]: r[col] for r in ws.iter_rows(min_row=2, values_only=True)}
    hit = [(claim, cell) for claim, cell in rows.items() if claim and "cocaine" in claim.lower()]
    assert hit, rows
    claim, cell = hit[0]
    assert cell and "True — Example Fact Check, 2019-09-12: https://factcheck.example/cocaine-dorian" in cell
    assert "[same" in cell
    # read-only like the other information columns: grey header with a do-not-edit note
    head = ws.cell(1, col + 1)
    assert head.comment is not None and head.comment.text.startswith("Do not edit")
    assert head.fill.fgColor.rgb.endswith("D9D9D9")
    # the sheet still reads back: an unchanged workbook imports cleanly
    done = run_cli("import", out, "--db", db)
    assert done.returncode == 0, done.stderr

    done = run_cli("search", "bricks of cocaine washed up on Florida beaches after Dorian", "--db", db, "--limit", "3")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("1. ")
    assert "fact-check" in done.stdout and "https://factcheck.example/cocaine-dorian" in done.stdout
    assert "own claim" in done.stdout

    bad = tmp_path / "bad.csv"
    bad.write_text("rating,url\nFalse,https://x.example\n", encoding="utf-8")
    done = run_cli("import-factchecks", bad, "--db", db)
    assert done.returncode == 1
    assert done.stderr.strip() == f"error: {bad}: no 'claim' column in the header row (columns: 'rating', 'url')"
