"""The colon reader: "JOEL BENENSON: ...", "Trump: ‘I’m the Worst ...’" (a speaker label
opening the paragraph) and "... went further: “...”" (a quote after a colon, said by the
subject of the sentence). Headings ("The Latest: ...", "Delegate Update: ...") and lists
("Iowa: Tim Albrecht, Brad Anderson, ...") are not speakers.
"""
from __future__ import annotations

import bisect
import re
from itertools import compress, count

from claims.extraction.cover import holds
from claims.extraction.cues import CUES
from claims.extraction.lexicons import load
from claims.extraction.paragraph import Paragraph
from claims.extraction.quotes import QUOTE_CHARS, quote_kind
from claims.extraction.sources import subject_of_sentence
from claims.extraction.tokens import is_word, strip_content, strip_span
from claims.extraction.words import LEFT_STOP, NOT_SPEAKERS, TIME

__all__ = ["read_colons", "dateline_labels"]

# a heading before a colon, not a speaker: "The Latest: ...", "Delegate Update: ..."
_LABEL_WORDS = load("heading_labels")
_NAME_PUNCT = (".", "-", "’", "'")


def read_colons(p: Paragraph) -> None:
    """Add the attributions announced by a colon to ``p.found``."""
    if p.text.find(":", p.start, p.end) < 0:
        return  # (most paragraphs: no colon token to visit, found without a step per token)
    toks, found = p.toks, p.found
    n = len(toks)
    # a transcript quoted whole: '"WALLACE: Let's start ...' (the label inside the quote)
    quoted = 1 if n > 2 and toks[0].w in QUOTE_CHARS and toks[0].s == p.start else 0
    # only the colons are visited: ``compress`` picks them in C (a Python step for each token
    # of each paragraph cost ~1% of extraction)
    for ci in compress(count(), map(":".__eq__, p.lows)):
        t = toks[ci]
        if t.inq and not (quoted and ci <= 8 and _quoted_label(toks[1:ci])):
            continue
        if ci + 1 >= n or ci == 0 or toks[ci - 1].w.isdigit() and toks[ci + 1].w.isdigit():
            continue
        if holds(found, t.s, "colon"):  # inside a content (or just after a cue) found
            continue
        nxt_tok = toks[ci + 1]
        qk = p.quote_at(nxt_tok.s) if nxt_tok.w in QUOTE_CHARS or nxt_tok.w == "'" else None
        lead = 0  # markdown emphasis around an interview's label: "**MV:** Much harder."
        while lead < ci and toks[lead].w in ("*", "_"):
            lead += 1
        if ci - lead <= 7 and _is_speaker_label(p, toks[lead:ci]):  # at most 7 tokens
            _read_label(p, ci, qk, lead)
            continue
        if quoted and ci <= 8 and _quoted_label(toks[1:ci]):
            _read_label(p, ci, None, 1)
            continue
        if qk is not None and qk not in p.used_quotes and ci - 1 >= 0:
            _read_quote_after_colon(p, ci, qk)


def _is_speaker_label(p: Paragraph, head) -> bool:
    """The paragraph opens with a short capitalised name (or a title-case headline)."""
    headline = p.sentence_ids[0] == 0 and head and 1 < len(head) <= 7 and \
        head[0].w[0].isupper() and \
        all(is_word(h) or h.w in _NAME_PUNCT for h in head) and \
        not any(h.low in CUES for h in head)
    return bool(
        head and not p.text[p.start:head[0].s].strip("*_ ") and (len(head) <= 4 and all(
            is_word(h) and h.w[0].isupper() or h.w in _NAME_PUNCT for h in head) or headline)
        and head[0].low not in NOT_SPEAKERS and
        head[0].low not in LEFT_STOP and head[0].low not in TIME and
        head[0].low not in ("so", "contributing", "here", "now", "today", "again"))


def _quoted_label(head) -> bool:
    """A speaker label in capitals right after an opening quote mark: "WALLACE", "MS. LEE"."""
    return 0 < len(head) <= 4 and all(
        is_word(h) and h.w.isupper() and len(h.w) > 1 or h.w in _NAME_PUNCT for h in head) \
        and head[0].low not in NOT_SPEAKERS and head[0].low not in LEFT_STOP


def _read_label(p: Paragraph, ci: int, qk, first: int = 0) -> None:
    """ "NAME: CONTENT" (the content runs to the paragraph end)."""
    text, toks = p.text, p.toks
    t = toks[ci]
    head = toks[first:ci]
    src = strip_span(text, head[0].s, head[-1].e)
    on = next((k for k, h in enumerate(head) if k and h.low in ("on", "about")), None)
    if on is not None and all(h.w[0].isupper() or h.w in _NAME_PUNCT for h in head[:on]):
        # "Obama on Climate Change: The Trends Are 'Terrifying.'": the speaker, then the
        # topic the headline gives
        src = strip_span(text, head[0].s, head[on - 1].e)
    e = p.end
    if first and text[head[0].s - 1] in "*_":  # the emphasis closing the label and the line
        b = t.e
        while b < p.end and text[b] in "*_ ":
            b += 1
        while e > b and text[e - 1] in "*_ ":
            e -= 1
        sp = strip_content(text, b, e)
    else:
        sp = strip_content(text, t.e, e)
    if sp and len(re.findall(r"[^\W\d_]+", text[sp[0]:sp[1]])) < 4:
        sp = None
    if any(h.low in _LABEL_WORDS for h in head):
        sp = None  # "The Latest: ...", "Delegate Update: ..."
    if sp and text.count(",", sp[0], sp[1]) >= 6 and \
            len(text[sp[0]:sp[1]].split()) < 4 * text.count(",", sp[0], sp[1]):
        sp = None  # "Iowa: Tim Albrecht, Brad Anderson, ...": a list
    if sp and src:
        if qk is not None:
            p.used_quotes.add(qk)
        p.found.append(p.make(quote_kind(text, [sp], p.quotes), [sp], (t.s, t.e), src,
                              p.sent_of[ci]))


def _read_quote_after_colon(p: Paragraph, ci: int, qk: int) -> None:
    """ "... went further: “...”": the quote, said by the subject of the sentence."""
    text, toks = p.text, p.toks
    t = toks[ci]
    si = p.sent_of[ci]
    ss = p.sentences[si].start
    q = p.quotes[qk]
    pre = toks[bisect.bisect_left(toks, ss, 0, ci, key=lambda h: h.s):ci]
    if not pre or len(pre) > 16 or any(h.inq or h.w in QUOTE_CHARS for h in pre):
        return
    src = subject_of_sentence(text, toks, ci, ss, [])
    if src is None:
        return
    p.used_quotes.add(qk)
    p.found.append(p.make("direct", [(q[0], q[1])], (t.s, t.e), src, si))


_FIRST_PERSON = re.compile(r"\b(?:I|we|my|our|me|us)\b")


def dateline_labels(text: str, atts) -> set[int]:
    """Indices of the colon attributions that are a dateline, not a speaker label: one
    capitalised word opening the report's first paragraph after its title, written as a
    label nowhere else, before a sentence in the third person ("Mumbai: Incessant rain
    lashed the city ...", "MUMBAI: Tata Motors on Friday reported ..."). An interview repeats its labels ("Berg: ...", "Okonkwo: ...")."""
    labels: dict[str, int] = {}
    for at in atts:
        if at.cue_span and at.source_span and text[at.cue_span[0]:at.cue_span[1]] == ":":
            w = text[at.source_span[0]:at.source_span[1]].strip()
            labels[w] = labels.get(w, 0) + 1
    out: set[int] = set()
    for i, at in enumerate(atts):
        if not (at.cue_span and at.source_span and text[at.cue_span[0]:at.cue_span[1]] == ":"):
            continue
        w = text[at.source_span[0]:at.source_span[1]].strip()
        if not w[:1].isupper() or labels.get(w) != 1 or (
                " " in w or len(w) <= 3) and not (w.isupper() and len(w.split()) == 2):
            continue  # ("MUMBAI:", "NEW DELHI:" too; "AD:", "Q:" are an interview's)
        if w.isupper() and sum(x.isupper() for x in labels) > 1:
            continue  # a transcript's first label ("ANDERSON COOPER: ..., COOPER: ...")
        # (the title line alone before it: a label opening the text is a headline's,
        # "Sanders: Clinton needs to ...", the speaker's)
        before = text[:at.source_span[0]]
        if len([line for line in before.splitlines() if line.strip()]) != 1:
            continue
        if any(_FIRST_PERSON.search(text, a, b) for a, b in at.content_spans):
            continue
        out.add(i)
    return out
