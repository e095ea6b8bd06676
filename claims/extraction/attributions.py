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

import bisect
import re
from itertools import compress, count
from typing import Optional

from claims.extraction import cue_model
from claims.extraction.according_to import read_according
from claims.extraction.asked import SKIP, read_asked
from claims.extraction.colons import read_colons
from claims.extraction.cue_filters import (after_than, by_agent_follows, noun_like, nominal_use,
                                           passive, progressive, research_finding, sees_as)
from claims.extraction.cues import CUE_STARTS, SPEECH_CUES, THOUGHT_CUES, cue_at
from claims.extraction.paragraph import Cue, Paragraph
from claims.extraction.polls import may_hold_poll, read_poll
from claims.extraction.quotes import attach_quoted_sentences
from claims.extraction.said import read_said
from claims.extraction.seem import read_seem
from claims.extraction.spans import Attribution, Sentence, SpanSet
from claims.extraction.tokens import is_word
from claims.extraction.words import BE

__all__ = ["find_attributions", "SPEECH_CUES", "THOUGHT_CUES"]

# set to a list by the cue model's training script: every gated candidate is appended
# (text, kept attributions, candidate, features) and none is admitted
CANDIDATES: Optional[list] = None

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
    gated: list[tuple[Attribution, list[str]]] = []
    for pidx in paras:
        if _BOILERPLATE.match(text, sentences[pidx[0]].start):
            continue  # "Editor’s note: ...": the outlet's boilerplate, not a report
        found, prev_direct, cands = _read_paragraph(text, sentences, pidx, prev_direct)
        out.extend(found)
        gated.extend(cands)
    kept = _validate(text, out)
    return _admit_gated(text, kept, gated) if gated else kept


def _admit_gated(text: str, kept: list[Attribution],
                 gated: list[tuple[Attribution, list[str]]]) -> list[Attribution]:
    """Gated candidates the cue model accepts and whose content no kept attribution already
    covers, added to ``kept`` (validated again: overlaps and nesting)."""
    if CANDIDATES is not None:  # training: hand every candidate over, admit none
        CANDIDATES.extend((text, kept, att, feats) for att, feats in gated)
        return kept
    # a candidate may not touch what the rules kept (content, cue or source): it would
    # replace a rule's reading, or swallow it as a nested attribution
    spans = SpanSet(sp for a in kept for sp in (a.content_spans + [a.cue_span, a.source_span])
                    if sp is not None)  # (sorted: a report of many candidates stays linear)
    add = []
    for att, feats in gated:
        a, b = att.content_start, att.content_end
        if "gap=3+" in feats or not cue_model.speaker_like(text, att.source_span) or \
                not cue_model.content_like(text, att) or spans.overlaps(a, b):
            # an object between cue and content ("found the lot that ..."): the "that" is
            # likely a relative pronoun; no one who can hold a view (a reviewer could not
            # check it); or it touches what a rule read
            continue
        if cue_model.accept(feats):
            add.append(att)
            spans.add(a, b)
    return _validate(text, kept + add) if add else kept


def _read_paragraph(text: str, sentences: list[Sentence], pidx: list[int],
                    prev_direct: Optional[Attribution]
                    ) -> tuple[list[Attribution], Optional[Attribution], list]:
    """The attributions of one paragraph, the direct quote later paragraphs may continue
    (given the one the previous paragraph left), and the gated candidates with their
    features."""
    p = Paragraph.read(text, sentences, pidx)
    toks, found = p.toks, p.found
    i = 0  # the next token a cue may start at (a cue read skips its own tokens)
    # Only the tokens whose word may start a cue are visited: ``compress`` picks them in C
    # (a Python step for each of the ~870 tokens of an article cost ~1.5% of extraction).
    for c in compress(count(), map(CUE_STARTS.__contains__, p.lows)):
        if c < i:
            continue
        t = toks[c]
        if t.inq or not is_word(t):
            continue
        cue = cue_at(toks, c)
        if cue is None:
            continue
        base, cue_end_i = cue
        att = read_cue(p.cue(c, cue_end_i, base))
        if att is not None:
            found.append(att)
            if att.kind == "direct":
                prev_direct = att
        i = cue_end_i + 1
    # research sources: "In a CNN poll, Clinton led ..." / "Trump is ahead in the polls."
    for ci in compress(count(), map("in".__eq__, p.lows)) if may_hold_poll(p.lows) else ():
        if toks[ci].inq:
            continue
        att = read_poll(p, ci)
        if att is not None:
            found.append(att)
    read_colons(p)
    attach_quoted_sentences(p, prev_direct)
    # (the cue's features were computed when it was read: cue_model.features without them)
    cands = [(att, cue_feats + cue_model.reading_features(p, att, gate, i, j))
             for att, gate, i, j, cue_feats in p.gated]
    keep = None
    if found:
        last = max(found, key=lambda a: a.content_end)
        if last.kind == "direct":
            keep = last
    elif prev_direct is not None and p.quotes and p.quotes[0][0] == p.start and \
            0 in p.used_quotes:
        keep = prev_direct
    return found, keep, cands


# "(did not want) to be named / identified / quoted": how a source's anonymity is written
_UNNAMED = [["to", "be", w] for w in ("named", "identified", "quoted")]


# texts whose words are quoted with "read" ("the statement read", "a sign on the door read")
_READ_BY_DOCUMENT = frozenset("statement statements letter letters sign signs note notes post "
                              "posts message messages caption headline tweet email text banner "
                              "placard memo notice inscription plaque card release".split())
# verbs of beginning, going on and stopping before a participle ("stop supporting")
# ("kept denying", "continued arguing" report what was said again and again: kept)
# ("began attacking Heidi Cruz" is one in PolNeAR's annotation: kept too)
_ASPECTUAL = frozenset("stop stops stopped stopping quit ceased cease".split())


def read_cue(c: Cue) -> Optional[Attribution]:
    """Read the attribution around one cue occurrence (None when the word is no cue here).

    A use the rules take for no cue (a noun, a passive, a sense other than saying) is read
    anyway as a *gated* candidate kept aside in ``c.para.gated`` with the rule that rejected
    it; the learned cue model (``cue_model.py``) decides later whether it is one after all.
    """
    toks, base, i, ss = c.para.toks, c.base, c.i, c.ss
    t = toks[i]
    prev = toks[i - 1] if i > 0 else None
    prevlow = prev.low if prev is not None and prev.s >= ss else ""
    if base == "read" and not (prevlow in _READ_BY_DOCUMENT and t.low in ("read", "reads")):
        return None  # only "the statement read", "a sign reads": a text's own words
    if base not in ("according", "read") and nominal_use(c, prevlow):
        return _gated(c, "nominal", False)
    if base != "according" and after_than(toks, i, c.j, ss, c.se):
        return None  # "more often than the standard models predicted": a comparison
    if prevlow == "," and t.low.endswith("ed") and by_agent_follows(toks, c.j, c.se):
        return None  # "The paper, posted online in March by Amira Nasser, shows ...": a
        # participle phrase (a reduced passive), no one's speech
    ing = t.low.endswith("ing") and base != "according"
    if ing and (prevlow in ("of", "for", "in", "at", "from", "about") or t.w[0].isupper()):
        return _gated(c, "ingprep", False)
    if ing and prevlow in _ASPECTUAL:
        return None  # "stop supporting rebels", "kept denying": an act, not a statement
    prev2 = toks[i - 2].low if i > 1 and toks[i - 2].s >= ss else ""
    if base == "expect" and prevlow in BE and c.j + 1 < len(toks) and \
            toks[c.j + 1].low == "to":
        return read_seem(c.para.cue(i - 1, c.j, base))  # "is expected to": like "seems to"
    if passive(c, prevlow, prev2, ing):
        return _gated(c, "passive", ing)
    if ing and progressive(prevlow, prev2):
        ing = False
    if noun_like(c, prev):
        return _gated(c, "noun", ing)
    if base in ("want", "wish") and [x.low for x in toks[c.j + 1:c.j + 4]] in _UNNAMED:
        return None  # "a witness who did not want to be named told ...": anonymity, no cue
    if base in ("seem", "appear"):
        return read_seem(c)
    if base in ("see", "view", "regard") and not sees_as(c):
        return _gated(c, "sense", ing)
    if base in ("show", "find", "indicate") and not research_finding(c, prevlow):
        return _gated(c, "sense", ing)
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
    if base == "read":
        att = read_said(c, ing)  # only a quotation ("the statement read like a confession")
        return att if att is not None and att.kind != "indirect" else None
    return read_said(c, ing)


def _gated(c: Cue, gate: str, ing: bool) -> None:
    """Read a cue the rules rejected as a candidate for the cue model; the paragraph's state
    (quotes taken) is left as it was, so that a rejected reading changes nothing else."""
    p = c.para
    cue_feats = cue_model.cue_features(p, gate, c.i, c.j)
    if CANDIDATES is None and not cue_model.worth_reading(cue_feats):
        return None  # the model could not accept it, however it reads
    saved = set(p.used_quotes)
    att = read_said(c, ing)
    p.used_quotes = saved
    if att is not None:
        p.gated.append((att, gate, c.i, c.j, cue_feats))
    return None


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
    # (b holds a: b starts at or before a's start and cue, ends at or after a's end and after
    # its cue, and is longer; with the running maximum of the ends of ``good`` in start order)
    keep = []
    starts = [b.content_start for b in good]
    max_end = []
    m = -1
    for b in good:
        m = max(m, b.content_end)
        max_end.append(m)
    nested_end = -1  # the end of the last inner report of speech kept (one level only)
    nested: list[Attribution] = []
    for a in good:
        inner = False
        if a.cue_span:
            cs, ce, cue = a.content_start, a.content_end, a.cue_span[0]
            # a longer b ending after a: any b starting at or before min(cs, cue)
            k = bisect.bisect_right(starts, min(cs, cue)) - 1
            if k >= 0 and max_end[k] > ce and max_end[k] > cue:
                inner = True
            # as long a b ending at a's end, starting before a
            k = bisect.bisect_left(starts, min(cs, cue + 1)) - 1
            if k >= 0 and max_end[k] >= ce and max_end[k] > cue:
                inner = True
        if not inner:
            keep.append(a)
        elif _reported_speech(text, a) and (
                not nested or nested[-1].sentence_index != a.sentence_index or
                sum(n.sentence_index == a.sentence_index for n in nested[-_NESTED_MAX:])
                < _NESTED_MAX):
            # (a few per sentence: every statement carries its sentence, so a sentence of
            # thousands of nested reports would cost quadratic time)
            if a.content_start < nested_end:
                # inside the inner report kept last: its own only when it opens a clause
                # joined by "and" ("Y had told him that ... and the army said ..."); that
                # report's content then stops before the "and" (one level of nesting: a long
                # chain of "X said that Y said that ..." stays linear in its length)
                last = nested[-1]
                cut = _AND_BEFORE.search(text, max(last.content_start, a.source_span[0] - 16),
                                         a.source_span[0])
                if cut is None or cut.start() <= last.content_start or \
                        last.content_spans[-1][0] >= cut.start():
                    continue
                last.content_spans[-1] = (last.content_spans[-1][0], cut.start())
            keep.append(a)
            nested.append(a)
            nested_end = a.content_end
    return keep


_AND_BEFORE = re.compile(r",?\s+and\s+$")
_NESTED_MAX = 3


# the cue of a nested report of speech: "Y (had) told him that ...", "Y had said ..."
_NESTED_SPEECH = re.compile(r"(?:had\s+)?(?:told|said|informed|assured|warned)$")
_PRONOUN_SOURCES = frozenset("he she it they we i you who which that this".split())


def _reported_speech(text: str, a: Attribution) -> bool:
    """An attribution inside another's content that is itself a report of speech by a
    named or described speaker ("X said that the police chief had told her that crime was
    falling"): kept, so that the inner statement is credited to its own speaker. Beliefs
    and pronoun speakers inside a report stay the outer speaker's (as the corpora annotate)."""
    if a.kind != "indirect" or a.cue_span is None or a.source_span is None:
        return False
    if not (0 <= a.cue_span[0] - a.source_span[1] <= 6) or \
            a.source_span[1] - a.source_span[0] > 120:
        return False  # the speaker right before the cue ("Y told", "Y had told"), a phrase
    cue = text[max(0, a.cue_span[0] - 4):a.cue_span[1]].strip()
    if not _NESTED_SPEECH.search(cue):
        return False
    src = text[a.source_span[0]:a.source_span[1]].strip().lower()
    # the speaker right before the cue ("the chief had told"), not the subject of an earlier
    # verb ("Y promised ... and said"), which the outer speaker's account may merge
    between = text[a.source_span[1]:a.cue_span[0]].split()
    words = src.split()
    if not words or src in _PRONOUN_SOURCES or words[-1] in _PRONOUN_SOURCES or \
            words[0] in _SHARES or words[-1] in _DOCUMENTS or any(c.isdigit() for c in src) \
            or "percent" in words:
        return False  # a pronoun, respondents of a poll ("60 percent said"), a document
    return between in ([], ["had"])


# the words of a share of respondents and of documents: a poll's or a report's findings
# inside a report are the outer statement's, as PolNeAR annotates them
_SHARES = frozenset("half many most all some few several both majority minority".split())
_DOCUMENTS = frozenset("report study survey poll analysis review document documents".split())


