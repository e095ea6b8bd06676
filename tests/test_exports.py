"""Exports: CSV / JSON Lines / xlsx of claims with verdicts, and schema.org ClaimReview JSON-LD."""
from __future__ import annotations

import csv
import json
import os

import openpyxl
import pandas as pd
import pytest

from claims.errors import ClaimsError
from claims.exports import (
    DEFAULT_CLAIMREVIEW_SCALE,
    EXPORT_COLUMNS,
    claimreview_jsonld,
    export_claimreview,
    export_claims,
)
from claims.workbook import REVIEW_COLUMNS


def make_claims() -> pd.DataFrame:
    return pd.DataFrame({
        "claim_id": ["C1", "C2", "C3", "C4"],
        "text": ["Unemployment fell to 4 percent.", "=HYPERLINK(\"http://evil\")", "-20 percent of aid arrived",
                 "We will win \ud800 easily"],
        "kind": ["direct", "indirect", "direct", "claim"],
        "speaker": ["Kenneth Merten", "State Department", "Kenneth Merten; State Department", None],
        "role": ["ambassador", None, None, None],
        "said_on": ["2024-01-02", None, "2024-01-05", None],
        "venue": ["told VOA", None, None, None],
        "n_reports": [2, 1, 1, 1],
        "first_report": ["004_bfd6", "005_c1", "004_bfd6", "006_d2"],
        "reports": [["004_bfd6", "005_c1"], ["005_c1"], ["004_bfd6"], ["006_d2"]],
        "n_occurrences": [3, 1, 1, 1],
        "checkworthiness": [0.91, 0.5, 0.7, 0.1],
        "check_reasons": [["number", "percentage"], [], ["percentage"], []],
        "verdict": ["False", "Verified", "needs context ", None],
        "evidence": ["+stats.example", None, "@bureau", None],
        "reviewer": ["AB", "CD", "AB", None],
        "reviewed_on": ["2024-02-03", "2024-02-04", None, None],
        "notes": [None, None, None, None],
        "verdict_revision": [2, 1, 1, 0],
        "carried_over": [True, False, False, False],
        "similar": [None, None, "C1 (88)", None],
    })


REPORTS = pd.DataFrame({"report": ["004_bfd6", "005_c1", "006_d2"], "title": ["Aid to Haiti", None, None],
                        "date": ["2024-01-03", "2024-01-06", None],
                        "url": ["https://news.example/004", None, None]})
SPEAKERS = pd.DataFrame({"name": ["Kenneth Merten", "State Department"], "type": ["person", "organization"]})


def test_columns_named_as_review_sheet():
    assert EXPORT_COLUMNS[: len(REVIEW_COLUMNS)] == REVIEW_COLUMNS


def test_csv_export(tmp_path):
    path = tmp_path / "claims.csv"
    export_claims(make_claims(), path, "csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8 right
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == EXPORT_COLUMNS
    assert [r["Claim ID"] for r in rows] == ["C1", "C2", "C3", "C4"]
    first = rows[0]
    assert first["Claim"] == "Unemployment fell to 4 percent."
    assert first["Verdict"] == "False" and first["Reviewed on"] == "2024-02-03"
    assert first["Reports"] == "2" and first["Report IDs"] == "004_bfd6; 005_c1"
    assert first["Carried over"] == "Yes" and rows[1]["Carried over"] == ""
    assert first["Check-worthiness"] == "0.91"
    # CSV injection: text that a spreadsheet would run is prefixed with '
    assert rows[1]["Claim"] == "'=HYPERLINK(\"http://evil\")"
    assert rows[2]["Claim"] == "'-20 percent of aid arrived"
    assert first["Evidence"] == "'+stats.example" and rows[2]["Evidence"] == "'@bureau"
    assert "\ufffd" in rows[3]["Claim"]  # lone surrogate replaced, file still UTF-8
    frame = pd.read_csv(path, encoding="utf-8-sig")
    assert list(frame.columns) == EXPORT_COLUMNS


def test_jsonl_export(tmp_path):
    path = tmp_path / "claims.jsonl"
    export_claims(make_claims(), path, "jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4
    recs = [json.loads(line) for line in lines]
    assert list(recs[0]) == EXPORT_COLUMNS
    assert recs[0]["Report IDs"] == ["004_bfd6", "005_c1"]
    assert recs[0]["Check reasons"] == ["number", "percentage"]
    assert recs[1]["Claim"] == "=HYPERLINK(\"http://evil\")"  # JSON is never altered
    assert recs[3]["Verdict"] is None and recs[3]["Speaker"] is None
    assert recs[0]["Carried over"] is True and recs[0]["Verdict revision"] == 2


def test_xlsx_export(tmp_path):
    path = tmp_path / "claims.xlsx"
    export_claims(make_claims(), path, "xlsx")
    ws = openpyxl.load_workbook(path).active
    assert [c.value for c in ws[1]] == EXPORT_COLUMNS
    assert ws.freeze_panes == "A2"
    assert ws["B3"].value == "=HYPERLINK(\"http://evil\")" and ws["B3"].data_type == "s"
    assert ws["B5"].value == "We will win  easily"  # XML-forbidden surrogate removed
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_unknown_format(tmp_path):
    with pytest.raises(ClaimsError, match="unknown export format"):
        export_claims(make_claims(), tmp_path / "x.pdf", "pdf")


def test_export_into_missing_folder(tmp_path):
    with pytest.raises(ClaimsError, match="does not exist"):
        export_claims(make_claims(), tmp_path / "no" / "x.csv", "csv")


def test_export_is_atomic(tmp_path, monkeypatch):
    path = tmp_path / "claims.jsonl"
    path.write_text("old\n")
    import claims.exports.tables as ex

    def boom(value):
        raise RuntimeError("boom")

    monkeypatch.setattr(ex, "json_clean", boom)
    with pytest.raises(RuntimeError):
        export_claims(make_claims(), path, "jsonl")
    assert path.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["claims.jsonl"]


def test_claimreview_structure():
    reviews = claimreview_jsonld(make_claims(), organization="Fact Desk", url="https://factdesk.example/checks",
                                 verdict_scale=DEFAULT_CLAIMREVIEW_SCALE, reports=REPORTS, speakers=SPEAKERS,
                                 organization_url="https://factdesk.example")
    assert [r["identifier"] for r in reviews] == ["C1", "C2", "C3"]  # C4 has no verdict
    r = reviews[0]
    assert r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview"
    assert r["claimReviewed"] == "Unemployment fell to 4 percent."
    assert r["url"] == "https://factdesk.example/checks"
    assert r["datePublished"] == "2024-02-03"
    assert r["author"] == {"@type": "Organization", "name": "Fact Desk", "url": "https://factdesk.example"}
    item = r["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Person", "name": "Kenneth Merten"}
    assert item["datePublished"] == "2024-01-02"
    assert item["appearance"][0] == {"@type": "CreativeWork", "url": "https://news.example/004",
                                     "headline": "Aid to Haiti", "datePublished": "2024-01-03"}
    assert item["appearance"][1] == {"@type": "CreativeWork", "datePublished": "2024-01-06"}
    assert item["firstAppearance"] == item["appearance"][0]
    assert r["reviewRating"] == {"@type": "Rating", "alternateName": "False", "ratingValue": 1,
                                 "bestRating": 4, "worstRating": 1}
    assert reviews[1]["reviewRating"]["ratingValue"] == 4  # Verified: best
    assert reviews[1]["itemReviewed"]["author"] == {"@type": "Organization", "name": "State Department"}
    assert "datePublished" not in reviews[2]  # not reviewed on a known date
    assert reviews[2]["reviewRating"]["alternateName"] == "needs context"
    assert reviews[2]["reviewRating"]["ratingValue"] == 3  # matched case- and space-insensitively
    assert isinstance(reviews[2]["itemReviewed"]["author"], list)
    json.dumps(reviews)  # serialisable


def test_claimreview_verdict_off_scale_and_no_options():
    claims = make_claims()
    claims.loc[0, "verdict"] = "Unverifiable"
    reviews = claimreview_jsonld(claims, organization="Fact Desk", url=None, verdict_scale=["False", "Verified"])
    rating = reviews[0]["reviewRating"]
    assert rating == {"@type": "Rating", "alternateName": "Unverifiable"}
    assert "url" not in reviews[0]
    assert reviews[0]["itemReviewed"]["appearance"][0] == {"@type": "CreativeWork", "name": "004_bfd6"}
    with pytest.raises(ClaimsError):
        claimreview_jsonld(claims, organization=" ", url=None, verdict_scale=[])


def test_claimreview_uses_store_appearances_and_speaker_type():
    claims = make_claims()
    claims["speaker_type"] = ["person", "organization", "person", None]
    claims["appearances"] = [
        [{"report": "005_c1", "url": "https://other.example/5", "date": "2024-01-01"},
         {"report": "004_bfd6", "url": None, "date": "2024-01-03"}],
        [], [], []]
    reviews = claimreview_jsonld(claims, organization="Fact Desk", url=None, verdict_scale=DEFAULT_CLAIMREVIEW_SCALE)
    apps = reviews[0]["itemReviewed"]["appearance"]
    assert apps == [{"@type": "CreativeWork", "url": "https://other.example/5", "datePublished": "2024-01-01"},
                    {"@type": "CreativeWork", "datePublished": "2024-01-03"}]
    assert reviews[0]["itemReviewed"]["firstAppearance"] == apps[0]
    assert reviews[1]["itemReviewed"]["author"]["@type"] == "Organization"


def test_export_claimreview_file(tmp_path):
    path = tmp_path / "claimreview.json"
    n = export_claimreview(make_claims(), path, organization="Fact Desk", url="https://factdesk.example/c",
                           verdict_scale=DEFAULT_CLAIMREVIEW_SCALE)
    assert n == 3
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, list) and len(data) == 3
    assert all(d["@type"] == "ClaimReview" for d in data)
    assert "\ud800" not in path.read_text(encoding="utf-8")
