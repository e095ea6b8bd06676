"""Span records passed between the extraction components.

    sentences.py      text -> list[Sentence]            (sentence and paragraph boundaries)
    attributions.py   text, sentences -> list[Attribution]  (cue, source and content spans)
    speakers.py       resolves each Attribution's source span to a named speaker
    context.py        venue, date and hedge of an Attribution
    checkworthiness.py  score and reasons for a piece of text
    pipeline.py       Report -> list[Statement], assembling the above

All offsets are Python string indices into the report text.
"""
from __future__ import annotations

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
