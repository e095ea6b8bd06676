"""Report -> list[Statement]: sentences, attributions, speakers, context, check-worthiness.

``extract_report(report)``:

1. ``split_sentences(report.text, start=report.body_start)``.
2. ``find_attributions(text, sentences)``; attributions whose cue (or content) lies in the
   headline span ``report.title_span`` are dropped unless both their cue and their source are
   written there: "Jamie Dimon Says Banks Are Under Assault" is what readers of the headline
   take away (and annotators count it), while a headline's bare paraphrase is no statement.
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
import re
from typing import Iterable, Optional

from claims.checkworthiness_model import score_checkworthiness
from claims.extraction import checkworthiness as _cw
from claims.extraction.attributions import find_attributions
from claims.extraction.colons import dateline_labels
from claims.extraction.confidence import SPEAKING_HEADS
from claims.extraction.context import attribution_context
from claims.extraction.hedges import find_hedge
from claims.extraction.sentences import split_sentences
from claims.extraction.spans import Attribution, Sentence
from claims.extraction.speakers import Speaker, resolve_speakers
from claims.extraction.who import refine
from claims.types import Report, Statement, statements_frame  # noqa: F401 (statements_frame: re-exported)

__all__ = ["extract_report", "statements_frame", "statement_id"]


def statement_id(report_id: str, kind: str, spans: Iterable[Iterable[int]]) -> str:
    if isinstance(spans, (list, tuple)) and len(spans) == 1:
        s, e = spans[0]  # (most statements: one span; no generator)
        key = f"{s}-{e}"
    else:
        key = ",".join(f"{s}-{e}" for s, e in spans)
    return "s" + hashlib.sha1(f"{report_id}|{kind}|{key}".encode("utf-8")).hexdigest()[:12]


# the cues a headline's statement is kept with: its terse grammar (no articles, "China
# warns Philippines over shoal") misleads the readings of cues that take an object
_HEADLINE_CUES = frozenset("says said claims claimed insists insisted admits admitted".split())
# the speaker a headline's statement is kept with: a name of two to four capitalised words
# ("Jamie Dimon", "Mayor Ann Lee"), not a possessive ("Trump's Son") nor a lone word
# ("Witness", "Startup", "Pyongyang": the body says who)
_HEADLINE_NAME = re.compile(r"(?:[A-Z][\w.-]*[ \u00a0]+){1,3}[A-Z][\w.-]*")


def _headline_statement(text: str, at: Attribution) -> bool:
    """Is the attribution in the headline one to keep? Someone named saying something in
    the headline ("Jamie Dimon Says Banks Are Under Assault"): what its readers take away,
    and annotators count it; a headline's bare paraphrase of the body is no statement."""
    if at.source_span is None or at.cue_span is None:
        return False
    if text[at.cue_span[0]:at.cue_span[1]].lower() not in _HEADLINE_CUES:
        return False
    spans = at.content_spans
    src = text[at.source_span[0]:at.source_span[1]].strip()
    return len(text[spans[0][0]:spans[-1][1]].split()) >= 3 and \
        _HEADLINE_NAME.fullmatch(src) is not None and \
        src.split()[-1].lower() not in SPEAKING_HEADS


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
    atts = _body_attributions(report, sentences)
    speakers = resolve_speakers(text, sentences, atts, start=body_start)
    # Shared by both kinds of statement: ids stay unique within the report, and a sentence
    # taken by an attribution is not also one of the report's own claims.
    seen_ids: set[str] = set()
    covered: list[tuple[int, int]] = []
    out = _attributed_statements(report, sentences, atts, speakers, seen_ids, covered)
    out.extend(_report_claims(report, sentences, covered, seen_ids))
    # who said what: speakers checked and repaired, confidence given, dubious ones dropped
    out = refine(report, out)
    # The learned model ranks (the rules say why: check_reasons). Scored once the statements'
    # texts are final (refine trims contents and adds statements, some copying another's
    # score), for the whole report in one go, not statement by statement: the model's tables
    # stay in the CPU's caches (about a third less time per statement inside the pipeline).
    for st, cw in zip(out, score_checkworthiness([st.text for st in out])):
        st.checkworthiness = round(cw, 3)
    return out


def _body_attributions(report: Report, sentences: list[Sentence]) -> list[Attribution]:
    """The attributions whose content lies in the text and outside the headline (a headline
    paraphrases the body); content spans are clipped to the text."""
    text = report.text
    atts: list[Attribution] = list(find_attributions(text, sentences) or [])
    n = len(text)
    keep: list[Attribution] = []
    datelines = dateline_labels(text, atts)
    for i, at in enumerate(atts):
        if i in datelines:
            continue  # "Mumbai: Incessant rain ...": the report's own claim, no speaker
        spans = [(int(s), int(e)) for s, e in at.content_spans if 0 <= s < e <= n]
        if not spans:
            continue
        at.content_spans = spans
        anchor = at.cue_span[0] if at.cue_span else spans[0][0]
        if (_in_title(report, anchor) or _in_title(report, spans[0][0])) and not \
                _headline_statement(text, at):
            continue
        keep.append(at)
    return keep


def _attributed_statements(report: Report, sentences: list[Sentence],
                           atts: list[Attribution], speakers: list[Speaker],
                           seen_ids: set[str],
                           covered: list[tuple[int, int]]) -> list[Statement]:
    """One statement per attribution, in content order. Adds the ids to ``seen_ids`` and
    the content spans and whole sentences taken to ``covered``."""
    starts = [s.start for s in sentences]
    out: list[Statement] = []
    # each speaker's latest statement and the latest overall: "..., he added." continues
    # the previous statement only if nothing came in between
    prev_by_speaker: dict[tuple, Statement] = {}
    last_stmt: Optional[Statement] = None
    order = sorted(range(len(atts)), key=lambda i: atts[i].content_spans[0][0])
    for i in order:
        at = atts[i]
        sp: Speaker = speakers[i]
        spans = at.content_spans
        kind = at.kind if at.kind in ("direct", "indirect", "mixed") else "indirect"
        sid = statement_id(report.id, kind, spans)
        if sid in seen_ids:
            continue
        seen_ids.add(sid)
        k0, sent_start, sent_end = _sentence_extent(at, sentences, starts)
        key = (sp.name, sp.type)
        prev = prev_by_speaker.get(key)
        st = _attributed_statement(report, at, sp, sid, kind, sentences[k0].paragraph,
                                   sent_start, sent_end,
                                   prev if prev is not None and last_stmt is prev else None)
        out.append(st)
        prev_by_speaker[key] = st
        last_stmt = st
        covered.extend(spans)
        covered.append((sent_start, sent_end))  # the whole attribution sentence is taken
    return out


def _sentence_extent(at: Attribution, sentences: list[Sentence],
                     starts: list[int]) -> tuple[int, int, int]:
    """(index of the first sentence, start, end) of the attribution's sentences and of the
    sentences its content touches, too (a quote over several sentences)."""
    spans = at.content_spans
    idxs = sorted(set(at.sentence_indices or []) | {at.sentence_index})
    idxs = [k for k in idxs if 0 <= k < len(sentences)]
    if not idxs:
        k = max(bisect.bisect_right(starts, spans[0][0]) - 1, 0)
        idxs = [k]
    lo = min(sentences[idxs[0]].start, spans[0][0])
    hi = max(sentences[idxs[-1]].end, spans[-1][1])
    k0 = max(bisect.bisect_right(starts, lo) - 1, 0)
    k1 = max(bisect.bisect_right(starts, hi - 1) - 1, 0)
    return k0, min(sentences[k0].start, lo), max(sentences[k1].end, hi)


def _attributed_statement(report: Report, at: Attribution, sp: Speaker, sid: str, kind: str,
                          paragraph: int, sent_start: int, sent_end: int,
                          continued: Optional[Statement]) -> Statement:
    """The Statement of one attribution. ``continued`` is the same speaker's statement
    right before it, if any: with no venue or date of its own, this one takes that one's
    (said in the same interview)."""
    text = report.text
    rd = report.date
    spans = at.content_spans
    content = " ".join(text[s:e] for s, e in spans)
    # the reasons shown to the reviewer; the learned model's score is set in extract_report
    _, reasons = _cw.score(content)
    anchor = at.cue_span[0] if at.cue_span else (at.source_span[0] if at.source_span
                                                  else None)
    ctx = attribution_context(text, sent_start, sent_end, spans, anchor, rd,
                              hedge_in_content=(kind != "direct"))
    venue, said_on = ctx.venue, ctx.said_on
    if (venue is None and said_on is None and continued is not None and sp.name
            and paragraph - continued.paragraph <= 2):
        venue, said_on = continued.venue, continued.said_on
    src = at.source_span
    cue = at.cue_span
    return Statement(
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
        checkworthiness=0.0,
        check_reasons=reasons,
        sentence=text[sent_start:sent_end],
        paragraph=paragraph,
        report_date=rd,
    )


def _report_claims(report: Report, sentences: list[Sentence],
                   covered: list[tuple[int, int]], seen_ids: set[str]) -> list[Statement]:
    """The report's own claims: body sentences outside every attribution (``covered``)
    that the rules take for claims."""
    text = report.text
    covered.sort()
    cstarts = [c[0] for c in covered]
    # running maximum of the ends, so that one bisect tells whether a sentence overlaps
    cmax_end: list[int] = []
    m = -1
    for c in covered:
        m = max(m, c[1])
        cmax_end.append(m)
    out: list[Statement] = []
    for sent in sentences:
        if _in_title(report, sent.start):
            continue
        j = bisect.bisect_left(cstarts, sent.end) - 1
        if j >= 0 and cmax_end[j] > sent.start:
            continue  # overlaps an attribution
        stext = text[sent.start:sent.end]
        scored = _cw.claim_score(stext)
        if scored is None:
            continue
        # Which sentences are claims stays the rules' decision (tuned on news); the model ranks
        # (its score is set in extract_report).
        _, reasons = scored
        sid = statement_id(report.id, "claim", [(sent.start, sent.end)])
        if sid in seen_ids:
            continue
        seen_ids.add(sid)
        # only the hedge: a claim has no venue or said_on (the report makes it on its date)
        hedge = find_hedge(text, ((sent.start, sent.end),))
        out.append(Statement(
            id=sid, report=report.id, kind="claim", text=stext,
            content_start=sent.start, content_end=sent.end, content_spans=None,
            speaker=None, speaker_start=None, speaker_end=None, speaker_name=None,
            speaker_type="report", speaker_role=None, cue=None, cue_start=None,
            cue_end=None, venue=None, said_on=None, hedge=hedge,
            checkworthiness=0.0, check_reasons=reasons, sentence=stext,
            paragraph=sent.paragraph, report_date=report.date,
        ))
    return out
