"""Span records passed between the extraction components.

    pipeline.py          Report -> list[Statement], assembling the steps below
    sentences.py         text -> list[Sentence]  (sentence and paragraph boundaries)
    attributions.py      text, sentences -> list[Attribution]  (cue, source and content spans),
                         reading paragraph by paragraph with:
      paragraph.py         the paragraph and cue being read (tokens, quotes, found so far)
      tokens.py            tokenizer and span trimming
      quotes.py            quote pairing, scare quotes, quoted continuation sentences
      cues.py, words.py    cue verbs by class, word classes
      cue_filters.py       uses of a cue word that are no cue (nouns, passives, names)
      said.py              "X said ...", "“...,” he said", "CLAUSE, X said"
      according_to.py      "according to X"
      polls.py             "In a CNN poll, ..."
      asked.py             "Asked about X, ..."
      seem.py              "X seemed to ..."
      colons.py            "NAME: ..." and "...: “QUOTE”"
      sources.py           source (speaker) spans left and right of a cue
      contents.py          content span boundaries
    speakers.py          resolves each source span to a speaker (names.py: capitalised
                         names and titles; anonymous_sources.py: unnamed sources)
    context.py           venue (venue.py), date (said_on.py) and hedge (hedges.py)
    checkworthiness.py   score and reasons for a piece of text
    lexicons/            the word lists, one .txt file each (lexicons/__init__.py loads them)

All offsets are Python string indices into the report text.
"""
from __future__ import annotations

import bisect

from dataclasses import dataclass, field
from typing import Optional

Span = tuple[int, int]


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int  # exclusive; trailing whitespace not included
    paragraph: int  # 1-based paragraph number


@dataclass
class Attribution:
    """Who said what, as spans in the text, before any name resolution."""

    kind: str  # "direct", "indirect" or "mixed"
    content_spans: list[Span]  # one piece, or several when interrupted ("..., he said, ...")
    cue_span: Optional[Span]  # "said", "told", "according to", ":"; None if no cue found
    source_span: Optional[Span]  # the speaker as written ("he", "Merten", "a senior official")
    sentence_index: int  # index into the list of Sentence of the sentence holding the cue
    # sentence indices the content runs over (a quote over several sentences/paragraphs)
    sentence_indices: list[int] = field(default_factory=list)

    @property
    def content_start(self) -> int:
        return self.content_spans[0][0]

    @property
    def content_end(self) -> int:
        return self.content_spans[-1][1]


class SpanSet:
    """Content spans, sorted, asked "does anything overlap [a, b)?" in logarithmic time (a
    report of thousands of statements must not take quadratic time)."""

    def __init__(self, spans=()):
        self.s = sorted((int(a), int(b)) for a, b in spans)
        self.starts = [a for a, _ in self.s]
        self.maxlen = max((b - a for a, b in self.s), default=0)

    def add(self, a: int, b: int) -> None:
        k = bisect.bisect_left(self.starts, a)
        self.starts.insert(k, a)
        self.s.insert(k, (a, b))
        self.maxlen = max(self.maxlen, b - a)

    def near(self, a: int, b: int):
        """The spans that overlap [a, b)."""
        i = bisect.bisect_left(self.starts, b)
        j = bisect.bisect_left(self.starts, a - self.maxlen)
        return [x for x in self.s[j:i] if x[1] > a]

    def overlaps(self, a: int, b: int) -> bool:
        return bool(self.near(a, b))
