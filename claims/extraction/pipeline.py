"""Report -> list[Statement]: sentences, attributions, speakers, context, check-worthiness.

``extract_report(report)``:

1. ``split_sentences(report.text, start=report.body_start)``.
2. ``find_attributions(text, sentences)``; attributions whose cue (or content) lies in the
   headline span ``report.title_span`` are dropped: a headline paraphrases the body.
3. speakers (``speakers.resolve_speakers``), venue/date/hedge (``context``, from ``venue``,
   ``said_on`` and ``hedges``) and check-worthiness of the content (``checkworthiness.score``)
   for each attribution.
   A statement that continues the previous statement of the same speaker with no venue or
   date of its own ("..., he added.") takes the previous one's venue and date: it was said in
   the same interview.
4. Every other body sentence that holds no attribution content and passes
   ``checkworthiness.is_claim`` becomes a ``claim`` statement (speaker_type "report", speaker
   fields None). The headline (``report.title_span``) is never a claim: its claim is
   repeated, fuller, in the body. A sentence repeated in the body is kept each time: grouping
   duplicates is dedupe's job. Claims get no venue and no ``said_on`` (the report makes them
   on its date, carried in ``report_date``); their hedge is looked for in their text.
5. ``who.refine``: speakers checked and repaired (roles taken for names, relative pronouns,
   descriptions, pronouns, speakers that cannot speak), page clutter and cue words in other
   senses dropped, missed trailing attributions and quotes added, and every attributed
   statement given ``attribution_confidence``; statements the confidence model finds very
   unlikely to be attributions are dropped (``confidence.py``).

Statement ids are ``"s" + sha1(f"{report.id}|{kind}|{spans}")[:12]`` with spans written
``"s-e,s-e"``: stable across runs, unique within the report (a collision, e.g. a duplicate
attribution, is dropped). Statements are sorted by ``content_start``.
"""
from __future__ import annotations

import bisect
import hashlib
from typing import Iterable, Optional

from claims.checkworthiness_model import score_one as checkworthiness_score
from claims.extraction import checkworthiness as _cw
from claims.extraction.attributions import find_attributions
from claims.extraction.context import attribution_context
from claims.extraction.sentences import split_sentences
from claims.extraction.spans import Attribution, Sentence
from claims.extraction.speakers import Speaker, resolve_speakers
from claims.extraction.who import refine
from claims.types import Report, Statement, statements_frame  # noqa: F401 (statements_frame: re-exported)

__all__ = ["extract_report", "statements_frame", "statement_id"]


def statement_id(report_id: str, kind: str, spans: Iterable[Iterable[int]]) -> str:
    key = ",".join(f"{s}-{e}" for s, e in spans)
    return "s" + hashlib.sha1(f"{report_id}|{kind}|{key}".encode("utf-8")).hexdigest()[:12]


def _in_title(report: Report, pos: Optional[int]) -> bool:
    ts = report.title_span
    return ts is not None and pos is not None and ts[0] <= pos < ts[1]


def extract_report(report: Report) -> list[Statement]:
    """All statements of one report (attributed ones and the report's own claims)."""
    text = report.text
    body_start = report.body_start or 0
    sentences: list[Sentence] = split_sentences(text, start=body_start)
    if not sentences:
        return []
    atts: list[Attribution] = list(find_attributions(text, sentences) or [])
    n = len(text)
    keep: list[Attribution] = []
    for at in atts:
        spans = [(int(s), int(e)) for s, e in at.content_spans if 0 <= s < e <= n]
        if not spans:
            continue
        at.content_spans = spans
        anchor = at.cue_span[0] if at.cue_span else spans[0][0]
        if _in_title(report, anchor) or _in_title(report, spans[0][0]):
            continue
        keep.append(at)
    speakers = resolve_speakers(text, sentences, keep, start=body_start)
    starts = [s.start for s in sentences]

    out: list[Statement] = []
    seen_ids: set[str] = set()
    covered: list[tuple[int, int]] = []
    prev_by_speaker: dict[tuple, Statement] = {}
    last_stmt: Optional[Statement] = None
    order = sorted(range(len(keep)), key=lambda i: keep[i].content_spans[0][0])
    rd = report.date
    for i in order:
        at = keep[i]
        sp: Speaker = speakers[i]
        spans = at.content_spans
        idxs = sorted(set(at.sentence_indices or []) | {at.sentence_index})
        idxs = [k for k in idxs if 0 <= k < len(sentences)]
        if not idxs:
            k = max(bisect.bisect_right(starts, spans[0][0]) - 1, 0)
            idxs = [k]
        # the sentences the content touches, too (a quote over several sentences)
        lo = min(sentences[idxs[0]].start, spans[0][0])
        hi = max(sentences[idxs[-1]].end, spans[-1][1])
        k0 = max(bisect.bisect_right(starts, lo) - 1, 0)
        k1 = max(bisect.bisect_right(starts, hi - 1) - 1, 0)
        sent_start = min(sentences[k0].start, lo)
        sent_end = max(sentences[k1].end, hi)
        kind = at.kind if at.kind in ("direct", "indirect", "mixed") else "indirect"
        sid = statement_id(report.id, kind, spans)
        if sid in seen_ids:
            continue
        seen_ids.add(sid)
        content = " ".join(text[s:e] for s, e in spans)
        # The learned model ranks; the rules say why (reasons shown to the reviewer).
        _, reasons = _cw.score(content)
        cw = round(checkworthiness_score(content), 3)
        anchor = at.cue_span[0] if at.cue_span else (at.source_span[0] if at.source_span
                                                      else None)
        ctx = attribution_context(text, sent_start, sent_end, spans, anchor, rd,
                                  hedge_in_content=(kind != "direct"))
        venue, said_on = ctx.venue, ctx.said_on
        key = (sp.name, sp.type)
        prev = prev_by_speaker.get(key)
        if (venue is None and said_on is None and prev is not None and sp.name
                and last_stmt is prev and sentences[k0].paragraph - prev.paragraph <= 2):
            venue, said_on = prev.venue, prev.said_on
        src = at.source_span
        cue = at.cue_span
        st = Statement(
            id=sid,
            report=report.id,
            kind=kind,
            text=content,
            content_start=spans[0][0],
            content_end=spans[-1][1],
            content_spans=[[s, e] for s, e in spans] if len(spans) > 1 else None,
            speaker=text[src[0]:src[1]] if src else None,
            speaker_start=src[0] if src else None,
            speaker_end=src[1] if src else None,
            speaker_name=sp.name,
            speaker_type=sp.type,
            speaker_role=sp.role,
            cue=text[cue[0]:cue[1]] if cue else None,
            cue_start=cue[0] if cue else None,
            cue_end=cue[1] if cue else None,
            venue=venue,
            said_on=said_on,
            hedge=ctx.hedge,
            checkworthiness=cw,
            check_reasons=reasons,
            sentence=text[sent_start:sent_end],
            paragraph=sentences[k0].paragraph,
            report_date=rd,
        )
        out.append(st)
        prev_by_speaker[key] = st
        last_stmt = st
        covered.extend(spans)
        covered.append((sent_start, sent_end))  # the whole attribution sentence is taken

    # the report's own claims: body sentences outside every attribution
    covered.sort()
    cstarts = [c[0] for c in covered]
    cmax_end: list[int] = []
    m = -1
    for c in covered:
        m = max(m, c[1])
        cmax_end.append(m)
    for k, sent in enumerate(sentences):
        if _in_title(report, sent.start):
            continue
        j = bisect.bisect_left(cstarts, sent.end) - 1
        if j >= 0 and cmax_end[j] > sent.start:
            continue  # overlaps an attribution
        stext = text[sent.start:sent.end]
        scored = _cw.claim_score(stext)
        if scored is None:
            continue
        # Which sentences are claims stays the rules' decision (tuned on news); the model ranks.
        _, reasons = scored
        cw = round(checkworthiness_score(stext), 3)
        sid = statement_id(report.id, "claim", [(sent.start, sent.end)])
        if sid in seen_ids:
            continue
        seen_ids.add(sid)
        ctx = attribution_context(text, sent.start, sent.end, [], None, None)
        out.append(Statement(
            id=sid, report=report.id, kind="claim", text=stext,
            content_start=sent.start, content_end=sent.end, content_spans=None,
            speaker=None, speaker_start=None, speaker_end=None, speaker_name=None,
            speaker_type="report", speaker_role=None, cue=None, cue_start=None,
            cue_end=None, venue=None, said_on=None, hedge=ctx.hedge,
            checkworthiness=cw, check_reasons=reasons, sentence=stext,
            paragraph=sent.paragraph, report_date=rd,
        ))
    # who said what: speakers checked and repaired, confidence given, dubious ones dropped
    return refine(report, out)
