"""What the cue readers share: the paragraph being read and the cue being read.

``Paragraph`` holds one paragraph's text, tokens, real quotations (scare quotes left out),
the quotes already taken by an attribution and the attributions found so far; ``Cue`` is one
cue occurrence in it (tokens ``i..j``, its base verb, its sentence and the sentence bounds).
Readers take these two objects instead of long argument lists, and build their result with
``Paragraph.make``.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Optional

from claims.extraction.quotes import find_quotes, is_scare, mark_quoted
from claims.extraction.sources import who_antecedent
from claims.extraction.spans import Attribution, Sentence, Span
from claims.extraction.tokens import Tok, tok_starts, tokenize

__all__ = ["Paragraph", "Cue"]


def _start_of(s: Sentence) -> int:
    return s.start


def _quote_start(q) -> int:
    return q[0]


@dataclass(slots=True)
class Paragraph:
    text: str
    sentences: list[Sentence]
    sentence_ids: list[int]  # indices (into sentences) of this paragraph's sentences
    start: int
    end: int
    toks: list[Tok]
    lows: list[str]  # the tokens' lower-case words, for scans that look for a few words
    sent_of: list[int]  # sentence index of each token
    quotes: list[list]  # real quotations [start, end, closed], scare quotes left out
    ends_open: bool  # the last quotation is not closed in this paragraph
    used_quotes: set[int] = field(default_factory=set)  # indices into quotes already taken
    found: list[Attribution] = field(default_factory=list)
    # cue uses the rules rejected, read anyway for the cue model:
    # (attribution, gate, i, j, the cue's features)
    gated: list = field(default_factory=list)

    @classmethod
    def read(cls, text: str, sentences: list[Sentence], pidx: list[int]) -> "Paragraph":
        """Tokens and quotes of the paragraph made of the sentences ``pidx``."""
        ps, pe = sentences[pidx[0]].start, sentences[pidx[-1]].end
        toks = tokenize(text, ps, pe)
        starts = tok_starts(toks)  # (kept for the readers' bisects too)
        quotes = find_quotes(text, ps, pe)
        real_quotes = [q for q in quotes if not is_scare(text, q)]
        mark_quoted(toks, quotes, starts)
        # sentence of each token: the tokens up to the first one at or after a sentence's end
        # belong to it (a bisect per sentence, not a Python step per token)
        sent_of: list[int] = []
        done = 0
        for si in pidx[:-1]:
            b = bisect.bisect_left(starts, sentences[si].end, done)
            sent_of.extend([si] * (b - done))
            done = b
        sent_of.extend([pidx[-1]] * (len(toks) - done))
        ends_open = bool(real_quotes) and not real_quotes[-1][2]
        return cls(text, sentences, pidx, ps, pe, toks, [t.low for t in toks], sent_of,
                   real_quotes, ends_open)

    def quote_at(self, pos: int) -> Optional[int]:
        """Index of the quotation holding offset ``pos``, or None."""
        # quotes are in text order and do not overlap: only the last one starting at or
        # before pos can hold it
        k = bisect.bisect_right(self.quotes, pos, key=_quote_start) - 1
        if k >= 0 and self.quotes[k][0] <= pos < self.quotes[k][1]:
            return k
        return None

    def cue(self, i: int, j: int, base: str) -> "Cue":
        si = self.sent_of[i]
        s = self.sentences[si]
        return Cue(self, i, j, base, si, s.start, s.end)

    def make(self, kind: str, spans: list, cue: Optional[Span], src: Optional[Span],
             si: int) -> Optional[Attribution]:
        """The Attribution of these spans (None without a non-empty content span); a "who"
        source is widened to the noun it stands for."""
        text, sentences = self.text, self.sentences
        spans = [s for s in spans if s and s[0] < s[1]]
        if not spans:
            return None
        if src and text[src[0]:src[1]].lower() == "who":
            src = who_antecedent(text, src, sentences[si].start)
        cs, ce = spans[0][0], spans[-1][1]
        k = bisect.bisect_right(sentences, cs, key=_start_of) - 1
        k = max(k, 0)
        idx = []
        while k < len(sentences) and sentences[k].start < ce:
            if sentences[k].end > cs:
                idx.append(k)
            k += 1
        return Attribution(kind=kind, content_spans=spans, cue_span=cue, source_span=src,
                           sentence_index=si, sentence_indices=idx or [si])


@dataclass(slots=True)
class Cue:
    """One cue occurrence: tokens ``i..j`` (inclusive) of the paragraph, read as ``base``."""

    para: Paragraph
    i: int
    j: int
    base: str
    si: int  # sentence index
    ss: int  # sentence start
    se: int  # sentence end

    @property
    def span(self) -> Span:
        toks = self.para.toks
        return (toks[self.i].s, toks[self.j].e)

    def make(self, kind: str, spans: list, src: Optional[Span]) -> Optional[Attribution]:
        return self.para.make(kind, spans, self.span, src, self.si)
