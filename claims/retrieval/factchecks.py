"""Other fact-checkers' published checks as input: schema.org ClaimReview and CSV files.

``read_factchecks(path)`` returns a list of ``FactCheck`` records, or raises
``FactCheckFileError`` (a ``ClaimsError``: one line naming the file and the item or row) --
never a partial list, so a caller that stores the result stores all of a file or nothing.

**ClaimReview** (``.json``, ``.jsonld``, ``.jsonl``, or ``.html`` pages with
``<script type="application/ld+json">``), in every shape fact-checkers publish it: one object,
a list, an ``@graph``, a ``DataFeed`` (``dataFeedElement`` -> ``item``), one object per line,
and the Google Fact Check Tools form (``claims`` -> ``claimReview``). Fields read:
``claimReviewed`` (required), ``reviewRating.alternateName`` (else ``ratingValue`` out of
``bestRating``), ``url``, ``author.name``, ``datePublished``, ``itemReviewed.author.name``
(who made the claim), ``itemReviewed.datePublished`` and ``name``/``headline`` (the article
title). Objects of other types are walked through but not read.

**CSV** (UTF-8, header row): ``claim`` (required), ``rating``, ``url``, ``publisher``, ``date``,
and optionally ``claimant`` and ``title``; header names are matched case-insensitively, other
columns are ignored. Rows are numbered as in a spreadsheet (the header is row 1).
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterator, Optional

from claims.errors import ClaimsError
from claims.normalize import normalize_text

__all__ = ["FactCheck", "FactCheckFileError", "read_factchecks", "parse_claimreview",
           "parse_factcheck_csv", "CSV_COLUMNS"]

CSV_COLUMNS = ("claim", "rating", "url", "publisher", "date", "claimant", "title")
MAX_CLAIM_CHARS = 5000
_JSON_SUFFIXES = {".json", ".jsonld", ".json-ld"}
_LD_SCRIPT = re.compile(
    r"<script[^>]*type\s*=\s*[\"']application/ld\+json[\"'][^>]*>(.*?)</script>",
    re.IGNORECASE | re.DOTALL)
_ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


class FactCheckFileError(ClaimsError):
    """A fact-check file that cannot be read; nothing from it is used."""


@dataclass(frozen=True)
class FactCheck:
    """One published fact-check of one claim."""
    claim: str
    rating: Optional[str] = None
    url: Optional[str] = None
    publisher: Optional[str] = None
    date: Optional[str] = None
    claimant: Optional[str] = None
    title: Optional[str] = None
    claim_date: Optional[str] = None
    source: Optional[str] = None   # file it was read from
    item: Optional[str] = None     # where in the file ("item 3", "row 4")

    @property
    def key(self) -> str:
        """Stable id: the same check (url and claim) imported twice has the same key."""
        h = hashlib.sha1(f"{self.url or ''}\x00{normalize_text(self.claim)}".encode("utf-8"))
        return "F" + h.hexdigest()[:15].upper()

    def to_dict(self) -> dict:
        d = asdict(self)
        d["key"] = self.key
        return d


def read_factchecks(path: str | Path) -> list[FactCheck]:
    """All fact-checks of a ClaimReview or CSV file (see the module docstring)."""
    path = Path(path)
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise FactCheckFileError(f"{name}: no such file") from None
    except OSError as e:
        raise FactCheckFileError(f"{name}: cannot be read ({e.strerror or e})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise FactCheckFileError(f"{name}: not UTF-8 text (byte {e.start})") from None
    suffix = path.suffix.lower()
    if suffix == ".csv" or suffix == ".tsv":
        return parse_factcheck_csv(text, source=name, delimiter="\t" if suffix == ".tsv" else ",")
    if suffix in (".html", ".htm"):
        blocks = _LD_SCRIPT.findall(text)
        if not blocks:
            raise FactCheckFileError(f"{name}: no JSON-LD (<script type=\"application/ld+json\">) in the page")
        docs = [_load_json(b, name, f"JSON-LD block {i}") for i, b in enumerate(blocks, 1)]
        return parse_claimreview(docs, source=name)
    if suffix == ".jsonl" or (suffix not in _JSON_SUFFIXES and _looks_like_lines(text)):
        docs = []
        for i, line in enumerate(text.splitlines(), 1):
            if line.strip():
                docs.append(_load_json(line, name, f"line {i}"))
        return parse_claimreview(docs, source=name, unit="line")
    if suffix in _JSON_SUFFIXES or text.lstrip()[:1] in ("{", "["):
        return parse_claimreview(_load_json(text, name), source=name)
    # No telling suffix and not JSON: a CSV file.
    return parse_factcheck_csv(text, source=name)


def _looks_like_lines(text: str) -> bool:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return len(lines) > 1 and all(ln.lstrip().startswith("{") and ln.rstrip().endswith("}") for ln in lines)


def _load_json(text: str, name: str, where: str = "") -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        at = f"{where} " if where else ""
        raise FactCheckFileError(
            f"{name}: {at}is not valid JSON (line {e.lineno} column {e.colno}: {e.msg})") from None


# --- ClaimReview ---------------------------------------------------------------------------

def _types(obj: dict) -> set[str]:
    t = obj.get("@type", obj.get("type"))
    ts = t if isinstance(t, list) else [t]
    out = set()
    for x in ts:
        if isinstance(x, str):
            out.add(x.rsplit("/", 1)[-1].rsplit(":", 1)[-1].rsplit("#", 1)[-1])
    return out


def _walk(obj: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, dict]]:
    """ClaimReview objects anywhere in *obj* (not inside another ClaimReview), with where."""
    if isinstance(obj, list):
        for i, x in enumerate(obj, 1):
            yield from _walk(x, path + (f"item {i}",))
        return
    if not isinstance(obj, dict):
        return
    if "ClaimReview" in _types(obj):
        yield ", ".join(path) or "item 1", obj
        return
    if "claimReview" in obj and ("text" in obj or "claimant" in obj):  # Fact Check Tools form
        reviews = obj["claimReview"] if isinstance(obj["claimReview"], list) else [obj["claimReview"]]
        for i, r in enumerate(reviews, 1):
            if isinstance(r, dict):
                yield ", ".join(path + (f"review {i}",)), _from_factcheck_tools(obj, r)
        return
    for key in ("@graph", "dataFeedElement", "item", "itemListElement", "claims", "mainEntity",
                "hasPart", "review"):
        if key in obj:
            yield from _walk(obj[key], path + (key,))


def _from_factcheck_tools(claim: dict, review: dict) -> dict:
    """Google Fact Check Tools' ``{"text", "claimant", "claimReview": [...]}`` as ClaimReview."""
    pub = review.get("publisher") or {}
    return {
        "@type": "ClaimReview",
        "claimReviewed": claim.get("text"),
        "reviewRating": {"alternateName": review.get("textualRating")},
        "url": review.get("url"),
        "author": {"name": pub.get("name") or pub.get("site")} if isinstance(pub, dict) else pub,
        "datePublished": review.get("reviewDate"),
        "itemReviewed": {"author": {"name": claim.get("claimant")}, "datePublished": claim.get("claimDate")},
        "name": review.get("title"),
    }


def _first(v: Any) -> Any:
    if isinstance(v, list):
        return v[0] if v else None
    return v


def _name(v: Any) -> Optional[str]:
    v = _first(v)
    if isinstance(v, dict):
        v = v.get("name") or v.get("alternateName") or v.get("legalName")
        v = _first(v)
    return _clean(v)


def _clean(v: Any) -> Optional[str]:
    if v is None or isinstance(v, (dict, list)):
        return None
    s = " ".join(str(v).split())
    return s or None


def _date(v: Any) -> Optional[str]:
    s = _clean(_first(v))
    if not s:
        return None
    m = _ISO_DATE.match(s)
    return m.group(1) if m else s


def _rating(v: Any) -> Optional[str]:
    v = _first(v)
    if not isinstance(v, dict):
        return _clean(v)
    alt = _clean(_first(v.get("alternateName"))) or _clean(_first(v.get("name")))
    if alt:
        return alt
    value = _clean(v.get("ratingValue"))
    if value is None:
        return None
    best = _clean(v.get("bestRating"))
    return f"{value}/{best}" if best else value


def _url(v: Any, name: str, where: str) -> Optional[str]:
    v = _first(v)
    if isinstance(v, dict):
        v = v.get("@id") or v.get("url")
    s = _clean(v)
    if s and not re.match(r"^https?://\S+$", s, re.IGNORECASE):
        raise FactCheckFileError(f"{name}: {where}: url {s[:80]!r} is not an http(s) link")
    return s


def _check_claim(claim: Optional[str], name: str, where: str, field: str) -> str:
    if not claim:
        raise FactCheckFileError(f"{name}: {where}: {field} is missing or empty")
    if len(claim) > MAX_CLAIM_CHARS:
        raise FactCheckFileError(
            f"{name}: {where}: {field} is {len(claim)} characters long (at most {MAX_CLAIM_CHARS})")
    return claim


def parse_claimreview(data: Any, source: str = "<data>", unit: str = "item") -> list[FactCheck]:
    """Fact-checks of parsed ClaimReview JSON-LD (object, list, ``@graph``, feed)."""
    out: list[FactCheck] = []
    if unit == "line" and isinstance(data, list):
        found = []
        for i, d in enumerate(data, 1):
            found.extend(_walk(d, (f"line {i}",)))
    else:
        found = list(_walk(data))
    if not found:
        raise FactCheckFileError(f"{source}: no ClaimReview found (expected objects with \"@type\": \"ClaimReview\")")
    for where, obj in found:
        claim = _check_claim(_clean(_first(obj.get("claimReviewed"))), source, where, "claimReviewed")
        item = _first(obj.get("itemReviewed"))
        item = item if isinstance(item, dict) else {}
        claimant = _name(item.get("author")) if item else None
        out.append(FactCheck(
            claim=claim,
            rating=_rating(obj.get("reviewRating")),
            url=_url(obj.get("url"), source, where),
            publisher=_name(obj.get("author")) or _name(obj.get("publisher")),
            date=_date(obj.get("datePublished")),
            claimant=claimant,
            title=_clean(_first(obj.get("name"))) or _clean(_first(obj.get("headline"))),
            claim_date=_date(item.get("datePublished")) if item else None,
            source=source,
            item=where,
        ))
    return out


# --- CSV -----------------------------------------------------------------------------------

def parse_factcheck_csv(text: str, source: str = "<data>", delimiter: str = ",") -> list[FactCheck]:
    """Fact-checks of a CSV text with a header row (``claim`` required)."""
    csv.field_size_limit(1 << 24)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as e:
        raise FactCheckFileError(f"{source}: not a readable CSV file ({e})") from None
    if not rows or not any(c.strip() for c in rows[0]):
        raise FactCheckFileError(f"{source}: empty file (a CSV file needs a header row with a 'claim' column)")
    header = [c.strip().lower() for c in rows[0]]
    if "claim" not in header:
        shown = ", ".join(repr(c) for c in rows[0][:8])
        raise FactCheckFileError(f"{source}: no 'claim' column in the header row (columns: {shown})")
    dup = sorted({c for c in header if c in CSV_COLUMNS and header.count(c) > 1})
    if dup:
        raise FactCheckFileError(f"{source}: column {dup[0]!r} appears twice in the header row")
    col = {c: header.index(c) for c in CSV_COLUMNS if c in header}
    out = []
    for n, row in enumerate(rows[1:], 2):
        if not any(c.strip() for c in row):
            continue
        where = f"row {n}"
        if len(row) > len(header) and any(c.strip() for c in row[len(header):]):
            raise FactCheckFileError(
                f"{source}: {where}: {len(row)} fields but the header has {len(header)}")

        def get(c: str) -> Optional[str]:
            i = col.get(c)
            return _clean(row[i]) if i is not None and i < len(row) else None

        claim = _check_claim(get("claim"), source, where, "claim")
        out.append(FactCheck(
            claim=claim, rating=get("rating"), url=_url(get("url"), source, where),
            publisher=get("publisher"), date=_date(get("date")), claimant=get("claimant"),
            title=get("title"), source=source, item=where,
        ))
    if not out:
        raise FactCheckFileError(f"{source}: no fact-checks (the file has a header row only)")
    return out
