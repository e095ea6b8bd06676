"""Attribution finder: who said (or thinks, wants, knows...) what, as spans of the text.

Rules over regular-expression tokens, no parser (thousands of reports a minute). The text is
read paragraph by paragraph (``find_attributions``):

1. tokens and quotations of the paragraph (``paragraph.Paragraph``, ``quotes.py``);
2. each cue word outside quotation marks (``cues.cue_at``) is checked (``cue_filters.py``)
   and read by the reader of its construction:

   - "according to SOURCE, CLAUSE" / "CLAUSE, according to SOURCE"    ``according_to.py``
   - "The court seemed to ...", "is expected to ..."                    ``seem.py``
   - "Asked about X, ...", "asked by X whether ..."                     ``asked.py``
   - "“QUOTE,” SOURCE CUE", "SOURCE CUE: “QUOTE”", "CLAUSE, SOURCE CUE",
     "SOURCE CUE (that) CLAUSE", ", saying CLAUSE"                       ``said.py``

   with source spans from ``sources.py`` and content bounds from ``contents.py``;
3. poll and study sources: "In a CNN poll, Clinton led ..."             ``polls.py``
4. colons: "JOEL BENENSON: ...", "... went further: “...”"              ``colons.py``
5. whole quoted sentences with no cue of their own, after an attribution (or opening a
   paragraph after a direct quote), are further pieces of its content   ``quotes.py``

Then overlapping content spans are merged, duplicates dropped, and an attribution inside
another one's content ("he said she thinks ...") is left to the outer one.
"""
from __future__ import annotations

import re
from typing import Optional

from claims.extraction.according_to import read_according
from claims.extraction.asked import SKIP, read_asked
from claims.extraction.colons import read_colons
from claims.extraction.cue_filters import (noun_like, nominal_use, passive, progressive,
                                           research_finding, sees_as)
from claims.extraction.cues import SPEECH_CUES, THOUGHT_CUES, cue_at
from claims.extraction.paragraph import Cue, Paragraph
from claims.extraction.polls import read_poll
from claims.extraction.quotes import attach_quoted_sentences
from claims.extraction.said import read_said
from claims.extraction.seem import read_seem
from claims.extraction.spans import Attribution, Sentence
from claims.extraction.tokens import is_word
from claims.extraction.words import BE

__all__ = ["find_attributions", "SPEECH_CUES", "THOUGHT_CUES"]

_BOILERPLATE = re.compile(r"\W{0,3}editor[’']?s[’']? note\b", re.IGNORECASE)


def find_attributions(text: str, sentences: list[Sentence]) -> list[Attribution]:
    """Find attributions in ``text`` given its sentences (see module docstring)."""
    if not sentences:
        return []
    out: list[Attribution] = []
    # group sentences by paragraph
    paras: list[list[int]] = []
    last_p = None
    for idx, s in enumerate(sentences):
        if s.paragraph != last_p:
            paras.append([])
            last_p = s.paragraph
        paras[-1].append(idx)
    prev_direct: Optional[Attribution] = None  # last direct quote, for continuation pieces
    for pidx in paras:
        if _BOILERPLATE.match(text, sentences[pidx[0]].start):
            continue  # "Editor’s note: ...": the outlet's boilerplate, not a report
        found, prev_direct = _read_paragraph(text, sentences, pidx, prev_direct)
        out.extend(found)
    return _validate(text, out)


def _read_paragraph(text: str, sentences: list[Sentence], pidx: list[int],
                    prev_direct: Optional[Attribution]
                    ) -> tuple[list[Attribution], Optional[Attribution]]:
    """The attributions of one paragraph, and the direct quote later paragraphs may continue
    (given the one the previous paragraph left)."""
    p = Paragraph.read(text, sentences, pidx)
    toks, found = p.toks, p.found
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if t.inq or not is_word(t):
            i += 1
            continue
        cue = cue_at(toks, i)
        if cue is None:
            i += 1
            continue
        base, cue_end_i = cue
        att = read_cue(p.cue(i, cue_end_i, base))
        if att is not None:
            found.append(att)
            if att.kind == "direct":
                prev_direct = att
        i = cue_end_i + 1
    # research sources: "In a CNN poll, Clinton led ..." / "Trump is ahead in the polls."
    for ci, t in enumerate(toks):
        if t.low != "in" or t.inq:
            continue
        att = read_poll(p, ci)
        if att is not None:
            found.append(att)
    read_colons(p)
    attach_quoted_sentences(p, prev_direct)
    keep = None
    if found:
        last = max(found, key=lambda a: a.content_end)
        if last.kind == "direct":
            keep = last
    elif prev_direct is not None and p.quotes and p.quotes[0][0] == p.start and \
            0 in p.used_quotes:
        keep = prev_direct
    return found, keep


def read_cue(c: Cue) -> Optional[Attribution]:
    """Read the attribution around one cue occurrence (None when the word is no cue here)."""
    toks, base, i, ss = c.para.toks, c.base, c.i, c.ss
    t = toks[i]
    prev = toks[i - 1] if i > 0 else None
    prevlow = prev.low if prev is not None and prev.s >= ss else ""
    if base != "according" and nominal_use(c, prevlow):
        return None
    ing = t.low.endswith("ing") and base != "according"
    if ing and (prevlow in ("of", "for", "in", "at", "from", "about") or t.w[0].isupper()):
        return None
    prev2 = toks[i - 2].low if i > 1 and toks[i - 2].s >= ss else ""
    if base == "expect" and prevlow in BE and c.j + 1 < len(toks) and \
            toks[c.j + 1].low == "to":
        return read_seem(c.para.cue(i - 1, c.j, base))  # "is expected to": like "seems to"
    if passive(c, prevlow, prev2, ing):
        return None
    if ing and progressive(prevlow, prev2):
        ing = False
    if noun_like(c, prev):
        return None
    if base in ("seem", "appear"):
        return read_seem(c)
    if base in ("see", "view", "regard") and not sees_as(c):
        return None
    if base in ("show", "find", "indicate") and not research_finding(c, prevlow):
        return None
    if base == "refer":
        if c.j + 1 < len(toks) and toks[c.j + 1].low == "to":
            c.j += 1  # "referred to X"
        else:
            return None
    if base == "call" and c.j + 1 < len(toks) and toks[c.j + 1].low in ("for", "on"):
        c.j += 1  # "called for X", "called on X"
    if base == "ask":
        r = read_asked(c, prevlow)
        if r is SKIP:
            return None
        if r is not None:
            return r
    if base == "according":
        return read_according(c)
    return read_said(c, ing)


def _validate(text: str, atts: list[Attribution]) -> list[Attribution]:
    n = len(text)
    good = []
    seen = set()
    for a in atts:
        spans = sorted({(s, e) for s, e in a.content_spans if 0 <= s < e <= n})
        # merge overlaps
        merged: list[list[int]] = []
        for s, e in spans:
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        if not merged:
            continue
        a.content_spans = [(s, e) for s, e in merged]
        if a.cue_span and not (0 <= a.cue_span[0] <= a.cue_span[1] <= n):
            a.cue_span = None
        if a.source_span and not (0 <= a.source_span[0] < a.source_span[1] <= n):
            a.source_span = None
        key = (tuple(a.content_spans),)
        if key in seen:
            continue
        seen.add(key)
        good.append(a)
    good.sort(key=lambda a: a.content_spans[0][0])
    # an attribution inside another one's content (“he said she thinks ...”) is usually not
    # annotated on its own: keep the outer one only
    keep = []
    for a in good:
        inner = False
        for b in good:
            if b is a:
                continue
            if b.content_start <= a.content_start and a.content_end <= b.content_end and \
                    (b.content_end - b.content_start) > (a.content_end - a.content_start) and \
                    a.cue_span and b.content_start <= a.cue_span[0] < b.content_end:
                inner = True
                break
        if not inner:
            keep.append(a)
    return keep


