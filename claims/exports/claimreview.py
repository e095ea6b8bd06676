"""ClaimReview: claims with a verdict as schema.org ClaimReview JSON-LD, the markup search
engines and fact-check aggregators read.

Decisions
    * ``verdict_scale`` lists the verdicts from worst to best; ratingValue is the 1-based
      position, worstRating 1, bestRating len(scale). A verdict not on the scale keeps only
      its alternateName (schema.org allows a textual rating alone).
    * The claim's author is each speaker (an Organization for organisations and reports, else a
      Person); its appearances are the reports that carry it, with url, headline and date
      where known, the first one also as firstAppearance.
    * Claims without a verdict are left out. Written atomically as one JSON array.
"""
from __future__ import annotations

import json
from typing import Any, Optional

import pandas as pd

from claims.errors import ClaimsError
from claims.exports.records import claims_records, iso_date, json_clean
from claims.files import atomic_write
from claims.workbook.values import as_list, as_text, column, is_missing, norm_key

__all__ = ["DEFAULT_CLAIMREVIEW_SCALE", "claimreview_jsonld", "export_claimreview"]

# A suggested ClaimReview scale over the default verdicts, worst to best ("Unverifiable" is no rating).
DEFAULT_CLAIMREVIEW_SCALE = ["False", "Misleading", "Needs context", "Verified"]


def claimreview_jsonld(claims: pd.DataFrame, *, organization: str, url: Optional[str] = None,
                       verdict_scale: list[str], organization_url: Optional[str] = None,
                       reports: Optional[pd.DataFrame] = None,
                       speakers: Optional[pd.DataFrame] = None) -> list[dict]:
    """schema.org ClaimReview objects for the claims that have a verdict.

    ``url`` is the page the reviews are published on (set on each ClaimReview);
    ``organization`` / ``organization_url`` the reviewing organisation (the author).
    ``verdict_scale`` lists verdicts worst to best (see the module doc). ``reports`` (columns
    report, title, date, url) gives each appearance its url and date; ``speakers`` (name,
    type) tells a Person from an Organization (default Person)."""
    if not organization or not str(organization).strip():
        raise ClaimsError("ClaimReview needs the reviewing organization's name")
    scale = [str(v) for v in (verdict_scale or [])]
    position = {norm_key(v): i + 1 for i, v in enumerate(scale)}
    report_info = _lookup(reports, "report")
    speaker_info = _lookup(speakers, "name")
    org: dict[str, Any] = {"@type": "Organization", "name": str(organization).strip()}
    if organization_url:
        org["url"] = organization_url

    n_claims = 0 if claims is None else len(claims)
    claim_types = column(claims, "speaker_type") if n_claims else []
    claim_appearances = column(claims, "appearances") if n_claims else []

    out: list[dict] = []
    for i, rec in enumerate(claims_records(claims)):
        verdict = (rec["Verdict"] or "").strip()
        if not verdict:
            continue
        item = _claim_item(rec, claim_types[i], speaker_info)
        appearances = _appearances(rec, as_list(claim_appearances[i]) if n_claims else [], report_info)
        if appearances:
            item["appearance"] = appearances
            item["firstAppearance"] = appearances[0]
        rating: dict[str, Any] = {"@type": "Rating", "alternateName": verdict}
        pos = position.get(norm_key(verdict))
        if pos is not None:
            rating.update({"ratingValue": pos, "bestRating": len(scale), "worstRating": 1})
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "identifier": rec["Claim ID"],
            "claimReviewed": rec["Claim"],
            "itemReviewed": item,
            "author": dict(org),
            "reviewRating": rating,
        }
        if url:
            review["url"] = url
        if rec["Reviewed on"]:
            review["datePublished"] = rec["Reviewed on"]
        out.append(json_clean(review))
    return out


def export_claimreview(claims: pd.DataFrame, path, *, organization: str, url: Optional[str] = None,
                       verdict_scale: list[str], organization_url: Optional[str] = None,
                       reports: Optional[pd.DataFrame] = None,
                       speakers: Optional[pd.DataFrame] = None) -> int:
    """Write the ClaimReview JSON-LD (a JSON array) to ``path``; returns how many reviews."""
    reviews = claimreview_jsonld(claims, organization=organization, url=url, verdict_scale=verdict_scale,
                                 organization_url=organization_url, reports=reports, speakers=speakers)

    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            json.dump(reviews, fh, ensure_ascii=False, indent=2)
            fh.write("\n")

    atomic_write(path, write)
    return len(reviews)


def _claim_item(rec: dict, claim_type: Any, speaker_info: dict[str, dict]) -> dict[str, Any]:
    """The reviewed Claim: its author(s) and the date it was made."""
    item: dict[str, Any] = {"@type": "Claim"}
    names = [p.strip() for p in (rec["Speaker"] or "").split(";") if p.strip()]
    fallback_type = as_text(claim_type) if len(names) == 1 else None
    authors = [_author(n, as_text((speaker_info.get(n) or {}).get("type")) or fallback_type) for n in names]
    if len(authors) == 1:
        item["author"] = authors[0]
    elif authors:
        item["author"] = authors
    if rec["Said on"]:
        item["datePublished"] = rec["Said on"]
    return item


def _appearances(rec: dict, stored: list, report_info: dict[str, dict]) -> list[dict]:
    """A CreativeWork per report carrying the claim: the store's appearances (report, url, date)
    first, then the record's report ids; url, headline and date from ``report_info`` where
    the appearance lacks them."""
    known = {}  # report id -> {"url", "date"} from the store's appearances column
    for a in stored:
        if isinstance(a, dict) and not is_missing(a.get("report")):
            known[str(a["report"])] = a
    report_ids = list(dict.fromkeys(
        list(known) + (rec["Report IDs"] or ([rec["First report"]] if rec["First report"] else []))))
    appearances = []
    for rid in report_ids:
        info = report_info.get(rid) or {}
        app = known.get(rid) or {}
        work: dict[str, Any] = {"@type": "CreativeWork"}
        rurl = as_text(app.get("url")) or as_text(info.get("url"))
        if rurl:
            work["url"] = rurl
        title = as_text(info.get("title"))
        if title:
            work["headline"] = title
        rdate = iso_date(app.get("date")) or iso_date(info.get("date"))
        if rdate:
            work["datePublished"] = rdate
        if len(work) == 1:  # nothing known but the id
            work["name"] = rid
        appearances.append(work)
    return appearances


def _lookup(frame: Optional[pd.DataFrame], key: str) -> dict[str, dict]:
    if frame is None or key not in getattr(frame, "columns", []):
        return {}
    out = {}
    for rec in frame.to_dict("records"):
        k = rec.get(key)
        if not is_missing(k):
            out[str(k)] = rec
    return out


def _author(name: str, speaker_type: Optional[str]) -> dict:
    kind = "Organization" if (speaker_type or "").lower() in ("organization", "organisation", "report") else "Person"
    return {"@type": kind, "name": name}
