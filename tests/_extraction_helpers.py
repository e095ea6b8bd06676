"""Hand-built Sentences and Attributions for the extraction unit tests."""
from __future__ import annotations

import re

from claims.extraction.spans import Attribution, Sentence

_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")


def sentences(text: str, start: int = 0) -> list[Sentence]:
    """Split on blank-free line breaks (paragraphs) and on '. X' (sentences): enough here."""
    out = []
    para = 0
    pos = start
    for line in text[start:].split("\n"):
        ls = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        para += 1
        cur = ls
        for m in _END.finditer(text, ls, ls + len(line)):
            out.append(Sentence(cur, m.start(), para))
            cur = m.end()
        e = ls + len(line.rstrip())
        if cur < e:
            out.append(Sentence(cur, e, para))
    return out


def span(text: str, piece: str, after: int = 0) -> tuple[int, int]:
    """Offsets of ``piece`` as a whole word sequence, first match at or after ``after``."""
    m = re.compile(r"(?<!\w)" + re.escape(piece) + r"(?!\w)").search(text, after)
    if m is None:
        raise ValueError(f"{piece!r} not found after {after}")
    return m.start(), m.end()


def att(text: str, sents: list[Sentence], kind: str, content, cue: str | None,
        source: str | None, after: int = 0) -> Attribution:
    """An Attribution from substrings (searched from ``after``)."""
    pieces = [content] if isinstance(content, str) else list(content)
    spans = []
    pos = after
    for p in pieces:
        s = span(text, p, pos)
        spans.append(s)
        pos = s[1]
    sidx = max(i for i, s in enumerate(sents) if s.start <= spans[0][0])
    sstart = sents[sidx].start
    cue_span = span(text, cue, sstart) if cue else None
    src_span = span(text, source, sstart) if source else None
    anchor = (cue_span or spans[0])[0]
    idx = max(i for i, s in enumerate(sents) if s.start <= anchor)
    return Attribution(kind, spans, cue_span, src_span, idx, [idx])
