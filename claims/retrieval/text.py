"""Text preparation for full-text search of claims.

Claims come from news reports, from other fact-checkers' ClaimReview records and, as queries,
from anything a user pastes -- often a social-media post. ``prepare`` turns any of them into
plain words before ``claims.normalize.normalize_text``:

* links (``https://...``, ``pic.twitter.com/...``, ``www.``) are dropped: their characters are
  noise to a word index;
* a tweet's trailing signature as copied from an embed (``— Name (@handle) January 6, 2020``)
  is split off: the date is dropped, the name is kept (who posted a claim often names who
  the fact-check is about) but comes after the body;
* ``#AustralianFires`` and ``@IlhanMN`` become words (``Australian Fires``, ``Ilhan MN``):
  camel case is split, the ``#``/``@`` dropped;
* emoji and other symbols are dropped by the normalisation.

``query_terms`` gives the distinct content words of a text (stop words from the data file
``stopwords.txt`` and one-letter words dropped), in order, at most ``MAX_QUERY_TERMS``;
``fts5_query`` and ``tsquery_text`` write them as an any-word query for SQLite FTS5 and for
PostgreSQL's ``websearch_to_tsquery``. Stemming is left to the database (FTS5's ``porter``
tokenizer, PostgreSQL's ``english`` configuration), on both the indexed and the query side.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Optional

from claims.normalize import normalize_text, normalize_texts

__all__ = [
    "MAX_QUERY_TERMS",
    "stop_words",
    "split_signature",
    "Signature",
    "signature",
    "prepare",
    "index_text",
    "index_texts",
    "query_terms",
    "fts5_query",
    "tsquery_text",
]

MAX_QUERY_TERMS = 40

_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S*", re.IGNORECASE)
# "— Ilhan Omar (@IlhanMN) January 6, 2020" at the end of a pasted tweet.
_SIGNATURE = re.compile(
    r"\s*[—–-]+\s*([^—–\n]{0,80}?)\s*\(@(\w{1,30})\)\s*"
    r"(?:[A-Z][a-z]+\.? \d{1,2}, (\d{4}))?\s*$"
)
_TAG = re.compile(r"(?<![\w&])[#@](\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)")


@functools.lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """The stop words of ``stopwords.txt`` (normalised form)."""
    data = resources.files("claims.retrieval").joinpath("stopwords.txt").read_text("utf-8")
    words = set()
    for line in data.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line)
    return frozenset(words)


def split_signature(text: str) -> tuple[str, Optional[str]]:
    """``(body, author name)`` of a pasted tweet; ``(text, None)`` when it has no signature."""
    m = _SIGNATURE.search(text)
    if not m or m.start() == 0:
        return text, None
    return text[:m.start()], (m.group(1).strip() or None)


@dataclass(frozen=True)
class Signature:
    """Who posted a pasted tweet and when (its trailing ``— Name (@handle) Month D, YYYY``)."""
    name: str     # "" when the signature has only a handle
    handle: str   # without "@", its camel case split into words ("Ilhan MN")
    year: str     # "" when the signature has no date


def signature(text: Optional[str]) -> Optional[Signature]:
    """The signature of a pasted tweet (links removed first), None when it has none."""
    text = str(text) if text else ""
    if "(@" not in text:  # the regex is slow; most texts have no signature
        return None
    text = _URL.sub(" ", text)
    m = _SIGNATURE.search(text)
    if not m or m.start() == 0:
        return None
    return Signature(m.group(1).strip(), _CAMEL.sub(" ", m.group(2)), m.group(3) or "")


def _words_of_tag(m: re.Match) -> str:
    return " " + _CAMEL.sub(" ", m.group(1)) + " "


def _plain(text: str) -> bool:
    """Whether *text* has nothing ``_URL``, ``_SIGNATURE`` (it needs "(@") or ``_TAG`` would
    match: a few substring tests instead of three regex passes (the signature's is slow)."""
    if "@" in text or "#" in text or "://" in text or "\u0130" in text or "\u0131" in text:
        return False  # (İ and ı: the regexes' IGNORECASE takes them for "i", lower() does not)
    low = text.lower()
    return "www." not in low and "pic.twitter.com/" not in low


def prepare(text: Optional[str], author: bool = True) -> str:
    """Plain words of a claim, a post or a query (see the module docstring); not normalised.

    With ``author=False`` a tweet's signature is dropped whole (what the post itself says)."""
    if not text:
        return ""
    text = str(text)
    if _plain(text):  # most claims: nothing below would change them
        return text
    text = _URL.sub(" ", text)
    body, name = split_signature(text)
    body = _TAG.sub(_words_of_tag, body)
    if name and author:
        body = body + " " + _TAG.sub(_words_of_tag, name)
    return body


def index_text(text: Optional[str], author: bool = True) -> str:
    """What the full-text index stores for *text*: its prepared, normalised words."""
    return normalize_text(prepare(text, author=author))


def index_texts(texts: list) -> list[str]:
    """``index_text`` of each text, normalised in one call (per-text calls cost several µs
    each: indexing a run's new claims was a tenth of the main process's time)."""
    return normalize_texts([prepare(t) for t in texts])


def query_terms(text: Optional[str], limit: int = MAX_QUERY_TERMS) -> list[str]:
    """Distinct content words of *text*, in order (stop words and one-letter words dropped).

    >>> query_terms("How are butterflies surviving the #AustralianFires? https://t.co/x")
    ['butterflies', 'surviving', 'australian', 'fires']
    """
    stop = stop_words()
    out: list[str] = []
    seen: set[str] = set()
    for w in index_text(text).split():
        if w in seen or w in stop or (len(w) < 2 and not w.isdigit()):
            continue
        seen.add(w)
        out.append(w)
        if len(out) >= limit:
            break
    return out


def fts5_query(terms: list[str]) -> str:
    """An FTS5 MATCH expression matching any of *terms* ("" for none)."""
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)


def tsquery_text(terms: list[str]) -> str:
    """A ``websearch_to_tsquery`` text matching any of *terms* ("" for none)."""
    # Normalised words hold only letters, digits and decimal points: nothing websearch
    # syntax would read as an operator except the word "or" (a stop word, dropped).
    return " or ".join(t for t in terms if t not in ("or", "and"))
