"""Reading other fact-checkers' work: ClaimReview JSON-LD in its published shapes, and CSV."""
from __future__ import annotations

import json

import pytest

from claims.errors import ClaimsError
from claims.retrieval.factchecks import FactCheck, FactCheckFileError, read_factchecks

REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "datePublished": "2019-09-12T08:30:00+00:00",
    "url": "https://factcheck.example/cocaine-dorian",
    "name": "Did Bricks of Cocaine Wash Up After Hurricane Dorian?",
    "claimReviewed": "Bricks of cocaine washed ashore in Florida after Hurricane Dorian.",
    "author": {"@type": "Organization", "name": "Example Fact Check", "url": "https://factcheck.example"},
    "reviewRating": {"@type": "Rating", "ratingValue": "5", "bestRating": "5", "worstRating": "1",
                     "alternateName": "True"},
    "itemReviewed": {"@type": "Claim", "author": {"@type": "Organization", "name": "NowThis"},
                     "datePublished": "2019-09-10"},
}


def _write(tmp_path, name, data):
    p = tmp_path / name
    if isinstance(data, (dict, list)):
        p.write_text(json.dumps(data), encoding="utf-8")
    else:
        p.write_text(data, encoding="utf-8")
    return p


def _expected(**kw):
    base = dict(claim=REVIEW["claimReviewed"], rating="True", url=REVIEW["url"],
                publisher="Example Fact Check", date="2019-09-12", claimant="NowThis",
                title=REVIEW["name"], claim_date="2019-09-10")
    base.update(kw)
    return base


def _fields(fc: FactCheck) -> dict:
    d = fc.to_dict()
    for k in ("source", "item", "key"):
        d.pop(k)
    return d


def test_one_object(tmp_path):
    [fc] = read_factchecks(_write(tmp_path, "one.json", REVIEW))
    assert _fields(fc) == _expected()
    assert fc.item == "item 1" and fc.source.endswith("one.json")
    assert fc.key.startswith("F") and len(fc.key) == 16


def test_list_graph_feed_jsonl_and_html(tmp_path):
    other = dict(REVIEW, claimReviewed="Wombats herd animals into burrows.", url="https://factcheck.example/w")
    shapes = {
        "list.json": [REVIEW, other],
        "graph.jsonld": {"@context": "https://schema.org", "@graph": [{"@type": "WebPage", "name": "x"}, REVIEW, other]},
        "feed.json": {"@context": "http://schema.org", "@type": "DataFeed", "dataFeedElement": [
            {"@type": "DataFeedItem", "item": [REVIEW]}, {"@type": "DataFeedItem", "item": [other]}]},
        "lines.jsonl": json.dumps(REVIEW) + "\n\n" + json.dumps(other) + "\n",
        "page.html": ("<html><head><script type=\"application/ld+json\">" + json.dumps(REVIEW)
                      + "</script><script type='application/ld+json'>" + json.dumps(other)
                      + "</script></head><body>x</body></html>"),
    }
    for name, data in shapes.items():
        got = read_factchecks(_write(tmp_path, name, data))
        assert [f.claim for f in got] == [REVIEW["claimReviewed"], other["claimReviewed"]], name
        assert got[0].rating == "True" and got[0].publisher == "Example Fact Check", name


def test_fact_check_tools_form(tmp_path):
    data = {"claims": [{"text": "Bricks of cocaine washed ashore.", "claimant": "Viral post",
                        "claimDate": "2019-09-10T00:00:00Z",
                        "claimReview": [{"publisher": {"name": "PolitiFact", "site": "politifact.com"},
                                         "url": "https://www.politifact.com/x", "title": "Cocaine bricks",
                                         "reviewDate": "2019-09-12T00:00:00Z", "textualRating": "Mostly True",
                                         "languageCode": "en"}]}]}
    [fc] = read_factchecks(_write(tmp_path, "api.json", data))
    assert (fc.claim, fc.rating, fc.publisher, fc.date, fc.claimant, fc.title) == (
        "Bricks of cocaine washed ashore.", "Mostly True", "PolitiFact", "2019-09-12", "Viral post", "Cocaine bricks")


def test_optional_fields_and_variants(tmp_path):
    minimal = {"@type": ["ClaimReview"], "claimReviewed": "  The   moon is cheese. "}
    numeric = {"@type": "http://schema.org/ClaimReview", "claimReviewed": "X",
               "reviewRating": {"ratingValue": 2, "bestRating": 5}, "author": [{"name": "A"}, {"name": "B"}],
               "itemReviewed": {"author": "Someone"}, "datePublished": "12 March 2020"}
    a, b = read_factchecks(_write(tmp_path, "v.json", [minimal, numeric]))
    assert _fields(a) == dict(claim="The moon is cheese.", rating=None, url=None, publisher=None,
                              date=None, claimant=None, title=None, claim_date=None)
    assert (b.rating, b.publisher, b.claimant, b.date) == ("2/5", "A", "Someone", "12 March 2020")


def test_same_check_same_key_different_check_other_key():
    a = FactCheck("Bricks of cocaine washed ashore.", url="https://x/1")
    assert a.key == FactCheck("bricks of cocaine, washed ashore", url="https://x/1", rating="False").key
    assert a.key != FactCheck("Bricks of cocaine washed ashore.", url="https://x/2").key


@pytest.mark.parametrize("name, data, message", [
    ("bad.json", '{"@type": "ClaimReview", "claimReviewed": "x",', "bad.json: is not valid JSON (line 1"),
    ("none.json", {"@type": "Article", "name": "x"}, "none.json: no ClaimReview found"),
    ("empty.json", [REVIEW, dict(REVIEW, claimReviewed="  ")], "empty.json: item 2: claimReviewed is missing or empty"),
    ("graph.json", {"@graph": [REVIEW, {"@type": "ClaimReview"}]}, "graph.json: @graph, item 2: claimReviewed is missing"),
    ("url.json", [dict(REVIEW, url="javascript:alert(1)")], "url.json: item 1: url 'javascript:alert(1)' is not an http(s) link"),
    ("lines.jsonl", json.dumps(REVIEW) + "\n{oops}\n", "lines.jsonl: line 2 is not valid JSON"),
    ("page.html", "<html><body>no data</body></html>", "page.html: no JSON-LD"),
])
def test_bad_claimreview_one_clear_line(tmp_path, name, data, message):
    with pytest.raises(FactCheckFileError) as e:
        read_factchecks(_write(tmp_path, name, data))
    assert isinstance(e.value, ClaimsError)
    assert message in str(e.value) and "\n" not in str(e.value)


# --------------------------------------------------------------------------- CSV

def test_csv_all_columns_and_claim_only(tmp_path):
    p = _write(tmp_path, "checks.csv",
               "\ufeffClaim,Rating,URL,Publisher,Date,extra\n"
               "\"Bricks of cocaine washed ashore, officials said.\",False,https://x.example/1,Desk,2020-01-02T10:00:00Z,z\n"
               "\n"
               "Wombats herd animals.,,,,,\n")
    a, b = read_factchecks(p)
    assert (a.claim, a.rating, a.url, a.publisher, a.date, a.item) == (
        "Bricks of cocaine washed ashore, officials said.", "False", "https://x.example/1", "Desk", "2020-01-02", "row 2")
    assert (b.claim, b.rating, b.url, b.item) == ("Wombats herd animals.", None, None, "row 4")
    [c] = read_factchecks(_write(tmp_path, "only.csv", "claim\nThe moon is cheese.\n"))
    assert c.claim == "The moon is cheese." and c.rating is None


@pytest.mark.parametrize("text, message", [
    ("", "x.csv: empty file"),
    ("text,rating\nabc,False\n", "x.csv: no 'claim' column in the header row (columns: 'text', 'rating')"),
    ("claim,rating\nabc,False\n,True\n", "x.csv: row 3: claim is missing or empty"),
    ("claim,url\nabc,ftp://x\n", "x.csv: row 2: url 'ftp://x' is not an http(s) link"),
    ("claim,rating\nabc,False,extra\n", "x.csv: row 2: 3 fields but the header has 2"),
    ("claim,Claim\nabc,def\n", "x.csv: column 'claim' appears twice"),
    ("claim,rating\n", "x.csv: no fact-checks"),
])
def test_bad_csv_one_clear_line(tmp_path, text, message):
    with pytest.raises(FactCheckFileError) as e:
        read_factchecks(_write(tmp_path, "x.csv", text))
    assert message in str(e.value) and "\n" not in str(e.value)


def test_unreadable_files(tmp_path):
    with pytest.raises(FactCheckFileError, match="missing.json: no such file"):
        read_factchecks(tmp_path / "missing.json")
    p = tmp_path / "latin.csv"
    p.write_bytes("claim\nCaf\xe9 prices doubled\n".encode("latin-1"))
    with pytest.raises(FactCheckFileError, match="latin.csv: not UTF-8 text"):
        read_factchecks(p)
