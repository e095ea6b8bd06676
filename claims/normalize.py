"""Text normalisation used to compare statements and speaker names.

``normalize_text`` maps two renderings of the same words to the same string:

* case (``str.lower``),
* accents and compatibility forms (NFKD, combining marks dropped: "Peña" -> "pena"; also
  ``ß ø æ œ ł đ`` and friends),
* quote marks and apostrophes of every style are deleted (``“ ” „ « » ‘ ’ ' " ` ´``), so
  ``don't`` -> ``dont`` and ``‘politically sensitive’`` -> ``politically sensitive``,
* asides in brackets are dropped (``Pena Nieto (left), who ...`` -> ``pena nieto who ...``),
* other punctuation (dashes, commas, full stops, ellipses, ...) becomes a space, except inside
  numbers: thousands separators are removed (``1,000`` -> ``1000``) and decimal points kept
  (``3.5`` stays ``3.5``, so it never equals ``35``); dotted acronyms lose their dots (``U.S.`` ->
  ``us``),
* whitespace is collapsed to single spaces, no leading or trailing space.

The result is for comparing and hashing only; it is never shown to a reviewer.
Every function here is pure and deterministic.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Iterable, Optional

import numpy as np

__all__ = [
    "normalize_text",
    "normalize_texts",
    "normalize_name",
    "name_tokens",
    "name_keys",
    "prime_names",
    "NEGATION_WORDS",
    "numbers_in",
    "negations_in",
]

# Characters deleted outright: quote marks and apostrophes of every style.
_QUOTES = "\"'`´‘’‚‛“”„‟«»‹›′″〝〞＂＇ʼʻˮ"
# Invisible characters deleted outright.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# Letters NFKD does not decompose.
_LETTERS = {
    "ß": "ss", "ẞ": "ss", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
    "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th",
    "ı": "i", "ħ": "h", "Ħ": "h",
}

_SEP = "\x00"  # joins texts in the batch path; never survives
_DOT = "\x01"  # protects decimal points meanwhile
_MARK = "\x02"  # a character the fast path cannot fold: redo the text with the reference path
_CONTROL = re.compile("[\x00-\x02]")

_UNICODE_TABLE: dict[int, Optional[str]] = {ord(q): None for q in _QUOTES + _ZERO_WIDTH}
for _k, _v in _LETTERS.items():
    _UNICODE_TABLE[ord(_k)] = _v

# Asides in round or square brackets (not nested, at most 40 characters); two passes, round
# brackets first, because patterns that start with a literal are ~20x faster on a long string.
_ROUND = re.compile(r"\([^()\[\]\x00]{0,40}\)")
_SQUARE = re.compile(r"\[[^()\[\]\x00]{0,40}\]")
# Thousands separators ("1,000" -> "1000"), decimal points ("3.5" kept) and dotted acronyms
# ("U.S." -> "US."; the last dot becomes a space like any full stop).
_COMMA = re.compile(r",(?=\d{3}(?!\d))")
_POINT = re.compile(r"\.(?=\d|[A-Za-z](?:\.|\b))")
_DIGIT = re.compile(r"\d")
_NON_WORD = re.compile(r"[^\w\s\x01]|_")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

# bytes.translate table: ASCII punctuation and whitespace -> space, A-Z -> a-z; _SEP, _DOT and
# _MARK kept.
_BYTE_TABLE = bytearray(range(256))
for _c in range(128):
    _ch = chr(_c)
    if _ch.isupper():
        _BYTE_TABLE[_c] = ord(_ch.lower())
    elif not _ch.isalnum() and _ch not in (_SEP, _DOT, _MARK):
        _BYTE_TABLE[_c] = ord(" ")
_BYTE_TABLE[ord(_DOT)] = ord(".")  # decimal points come back (translate maps all at once)
_BYTE_TABLE = bytes(_BYTE_TABLE)
_BYTE_DELETE = bytes(ord(q) for q in _QUOTES if ord(q) < 128)
_ASCII_QUOTES = {c: None for c in _BYTE_DELETE}


def _comma(m: re.Match) -> str:
    i = m.start()
    return "" if i and _DIGIT.match(m.string, i - 1) else ","


def _point(m: re.Match) -> str:
    i, t = m.start(), m.string
    if not i:
        return "."
    prev = t[i - 1]
    if _DIGIT.match(t, i - 1):
        return _DOT if _DIGIT.match(t, i + 1) else "."
    if prev.isascii() and prev.isalpha() and (i < 2 or not (t[i - 2].isalnum() or t[i - 2] == "_")
                                              or t[i - 2] == "."):
        return ""  # "U.S." -> "US.", "U.S" -> "US" (not "A. Smith")
    return "."


def _pre(s: str) -> str:
    """Steps done on the original characters: bracket asides, number punctuation, acronyms."""
    for _ in range(3):  # nested asides, innermost first: "(who has (pictured) 231 delegates)"
        before = s
        if "(" in s:
            s = _ROUND.sub(" ", s)
        if "[" in s:
            s = _SQUARE.sub(" ", s)
        if s == before:
            break
    if "," in s:
        s = _COMMA.sub(_comma, s)
    if "." in s:
        s = _POINT.sub(_point, s)
    return s


_PRE_PATTERNS = (_ROUND, _SQUARE, _COMMA, _POINT)


def _fold_char(c: str, keep: bool = False) -> str:
    """ASCII folding of one non-ASCII character ("ñ" -> "n", "’" -> "", "—" -> " ").

    A character with no ASCII folding gives _MARK (or itself with *keep*)."""
    d = _COMBINING.sub("", unicodedata.normalize("NFKD", c)).translate(_UNICODE_TABLE)
    if d.isascii():
        return d
    if not _NON_WORD.sub("", d):  # nothing but punctuation or symbols
        return " "
    return d if keep else _MARK


def _normalize_one(text: str) -> str:
    """Reference implementation, one text at a time; the batch path must agree with it."""
    s = _pre(_CONTROL.sub(" ", text))
    if not s.isascii():
        s = "".join(c if c.isascii() else _fold_char(c, keep=True) for c in s)
    s = s.translate(_ASCII_QUOTES)
    s = _NON_WORD.sub(" ", s).lower()
    if not s.isascii():  # e.g. "İ".lower() adds a combining dot
        s = _COMBINING.sub("", unicodedata.normalize("NFKD", s))
    return " ".join(s.replace(_DOT, ".").split())


_FOLD_CACHE: dict[str, str] = {}


def _fold_run(exc: UnicodeEncodeError) -> tuple[str, int]:
    run = exc.object[exc.start:exc.end]
    out = _FOLD_CACHE.get(run)
    if out is None:
        out = "".join(_fold_char(c) for c in run)
        if len(_FOLD_CACHE) < 100_000:
            _FOLD_CACHE[run] = out
    return out, exc.end


codecs.register_error("claims.normalize.fold", _fold_run)


def _collapse_spaces(data: bytes, chunk: int = 1 << 22) -> bytes:
    """Single spaces only, none next to a separator or at either end.

    numpy over 4 MiB chunks: bytes.replace with millions of matches takes ~1 s a pass on
    100 MB, and whole-array temporaries cost more in page faults than in arithmetic."""
    a = np.frombuffer(data, dtype=np.uint8)
    if not len(a):
        return data
    # (1) drop spaces after a space, a separator or at the start
    out = []
    last = 0  # byte before the chunk; 0 acts like a separator
    for s in range(0, len(a), chunk):
        c = a[s:s + chunk]
        sp = c == 32
        prev = np.empty_like(sp)
        prev[0] = last == 32 or last == 0
        np.logical_or(sp[:-1], c[:-1] == 0, out=prev[1:])
        out.append(c[~(sp & prev)])
        last = int(c[-1])
    a = np.concatenate(out)
    del out
    # (2) drop a space before a separator or at the end
    out = []
    n = len(a)
    for s in range(0, n, chunk):
        c = a[s:s + chunk]
        sp = c == 32
        nxt = np.empty_like(sp)
        nxt[-1] = s + len(c) >= n or a[s + len(c)] == 0
        np.equal(c[1:], 0, out=nxt[:-1])
        out.append(c[~(sp & nxt)])
    return np.concatenate(out).tobytes() if out else b""


def _as_text(t) -> str:
    if t is None or (isinstance(t, float) and t != t):
        return ""
    return str(t)


def normalize_texts(texts: Iterable[Optional[str]], chunk: int = 50_000) -> list[str]:
    """Normalised form of each text (see the module docstring); ``None``/NaN give "".

    Works on ``chunk`` texts at a time, each batch as one joined string translated at byte
    level, because per-text Python calls cost several µs each, i.e. ~10 s for a million
    statements; a text holding a character the fast path cannot fold to ASCII (a non-Latin
    letter, say) is redone with the per-text reference path. The result for a text never
    depends on the other texts.
    """
    items = texts if isinstance(texts, list) else list(texts)
    if len(items) <= chunk:
        return _normalize_batch(items)
    out: list[str] = []
    for s in range(0, len(items), chunk):
        out.extend(_normalize_batch(items[s:s + chunk]))
    return out


def _normalize_batch(items: list) -> list[str]:
    if not items:
        return []
    try:
        big = _SEP.join(items)
    except TypeError:
        items = [t if type(t) is str else _as_text(t) for t in items]
        big = _SEP.join(items)
    if big.count(_SEP) != len(items) - 1 or _DOT in big or _MARK in big:
        items = [_CONTROL.sub(" ", t) for t in items]
        big = _SEP.join(items)
    # Bracket asides, number punctuation and acronyms: find the texts that have any, fix those.
    hits: list[int] = []
    for rx in _PRE_PATTERNS:
        hits.extend(m.start() for m in rx.finditer(big))
    if hits:
        ends = np.cumsum(np.fromiter(map(len, items), dtype=np.int64, count=len(items)) + 1)
        work = list(items)
        for i in np.unique(np.searchsorted(ends, np.asarray(hits), side="right")).tolist():
            work[i] = _pre(work[i])
        big = _SEP.join(work)
        del work
    data = big.encode("ascii", "claims.normalize.fold")
    del big
    data = _collapse_spaces(data.translate(_BYTE_TABLE, _BYTE_DELETE))
    marked = b"\x02" in data
    out = data.decode("ascii").split(_SEP)
    del data
    if marked:
        for i, s in enumerate(out):
            if _MARK in s:
                out[i] = _normalize_one(items[i])
    return out


def normalize_text(text: Optional[str]) -> str:
    """Normalised form of *text* for comparison (see the module docstring)."""
    return normalize_texts([text])[0]


# --- content guards -------------------------------------------------------------------------

NEGATION_WORDS = frozenset(
    "not no never nor none nobody nothing neither nowhere cannot cant dont doesnt didnt isnt "
    "arent wasnt werent wont wouldnt shouldnt couldnt hasnt havent hadnt mustnt neednt aint "
    "without".split()
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def numbers_in(norm: str) -> list[str]:
    """The numbers of a normalised text, in order ("23 billion in 2018" -> ["23", "2018"])."""
    return _NUMBER.findall(norm)


def negations_in(norm: str) -> int:
    """How many negation words a normalised text has."""
    return sum(1 for w in norm.split() if w in NEGATION_WORDS)


# --- names ----------------------------------------------------------------------------------

# Titles and honorifics dropped from the front of a name ("President Enrique Pena Nieto").
NAME_TITLES = frozenset(
    """mr mrs ms miss mx dr prof professor sir dame lord lady madam madame mme mlle monsieur
    president vice presidentelect vicepresident prime minister pm chancellor premier king queen prince
    princess pope rev reverend father sister brother rabbi imam sheikh
    sen senator rep representative congressman congresswoman congressmember gov governor
    lt ltgov lieutenant mayor councilman councilwoman councilor alderman judge justice chief
    secretary attorney general ag ambassador amb commissioner director chairman chairwoman chair
    spokesman spokeswoman spokesperson deputy assistant acting former the late candidate nominee
    gen general adm admiral col colonel maj major capt captain sgt sergeant cpl officer det
    detective inspector superintendent sheriff st saint hon honorable speaker leader minority
    majority house senate state us u s of mexican mexicos american federal foreign""".split()
)
_POSSESSIVE = re.compile(r"['’]s?$")
NAME_SUFFIXES = frozenset("jr sr ii iii iv v phd md esq".split())


def name_tokens(name: Optional[str]) -> list[str]:
    """Normalised tokens of a person's name with leading titles removed.

    "President Enrique Peña Nieto" -> ["enrique", "pena", "nieto"]; "Donald Trump Jr." ->
    ["donald", "trump", "jr"] (suffixes are kept: father and son are different people).
    A trailing possessive ("Trump's") is dropped.
    """
    if name:
        name = _POSSESSIVE.sub("", name.strip())
    s = normalize_text(name)
    toks = s.split()
    i = 0
    while i < len(toks) - 1 and toks[i] in NAME_TITLES:
        i += 1
    toks = toks[i:]
    return toks


_NAME_MEMO_MAX = 1 << 17  # names kept by each memo below (emptied when full: no LRU bookkeeping)
_NAME_KEYS: dict[str, tuple[str, ...]] = {}
_NAME_TEXTS: dict[str, str] = {}


def name_key(name: str) -> tuple[str, ...]:
    """``tuple(name_tokens(name))``, memoised: speaker names repeat massively across reports.
    ``prime_names`` fills the memo for many names at once."""
    got = _NAME_KEYS.get(name)
    if got is None:
        if len(_NAME_KEYS) >= _NAME_MEMO_MAX:
            _NAME_KEYS.clear()
        got = _NAME_KEYS[name] = tuple(name_tokens(name))
    return got


def prime_names(names: Iterable[Optional[str]]) -> None:
    """Compute ``name_key`` and ``normalize_name_text`` of the names not memoised yet in one
    ``normalize_texts`` call each: on an archive most of a batch's speaker names are new, and
    one call per name cost ~25 µs of overhead each. Same values as computed one at a time."""
    wanted = {n for n in names if isinstance(n, str) and n}
    for memo, compute in ((_NAME_KEYS, name_keys), (_NAME_TEXTS, normalize_texts)):
        missing = [n for n in wanted if n not in memo]
        if missing:
            if len(memo) + len(missing) > _NAME_MEMO_MAX:
                memo.clear()
            memo.update(zip(missing, compute(missing)))


def name_keys(names: list[str]) -> list[tuple[str, ...]]:
    """``name_key`` of many names in one ``normalize_texts`` call (the stored speakers at the
    start of a run: a million names one at a time cost ~10 µs each in call overhead)."""
    stripped = [_POSSESSIVE.sub("", n.strip()) if n else n for n in names]
    out = []
    for s in normalize_texts(stripped):
        toks = s.split()
        i = 0
        while i < len(toks) - 1 and toks[i] in NAME_TITLES:
            i += 1
        out.append(tuple(toks[i:]))
    return out


def normalize_name_text(name: str) -> str:
    """``normalize_text(name)``, memoised (for short, massively repeated strings such as names)."""
    got = _NAME_TEXTS.get(name)
    if got is None:
        if len(_NAME_TEXTS) >= _NAME_MEMO_MAX:
            _NAME_TEXTS.clear()
        got = _NAME_TEXTS[name] = normalize_text(name)
    return got


def normalize_name(name: Optional[str]) -> str:
    """``" ".join(name_tokens(name))``."""
    return " ".join(name_tokens(name))
