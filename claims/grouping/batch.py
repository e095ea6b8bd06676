"""Group one batch of new statements against what is stored: the decisions, as one record.

``group_batch(statements, state)`` matches the batch's statements to the stored claims (through
``GroupingState.claims``, a ``ClaimIndex``) and to each other, groups their speakers against the
stored speakers (``GroupingState.speakers``), and returns a ``BatchGrouping``: which claim and
speaker each statement belongs to, the new claims' rows, what the batch brings to the stored
claims it joins (counts, first report, a fuller occurrence that becomes the claim's text), the
similar-claim pairs and the new and updated speakers. Nothing here reads or writes a database:
``claims.store`` writes the record (``Store.save_grouping``), then ``GroupingState.apply`` brings
the state up to date for the next batch.

A claim is matched on its center text (fixed when the claim is made); its displayed text is its
fullest occurrence (longest normalised text, the earlier one on ties), replaced when a fuller
occurrence joins. Results are deterministic for a given input and batch size.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional

import pandas as pd

from claims.normalize import normalize_texts

from .claim_index import ClaimIndex, IndexMatch
from .clustering import group_claims
from .speaker_groups import SpeakerIndex, group_speakers_compact

__all__ = ["BatchGrouping", "ClaimUpdate", "GroupingState", "group_batch"]


@dataclass
class ClaimUpdate:
    """What a batch brings to a stored claim; the store adds it to the stored row."""

    claim_id: str
    n_occurrences: int  # statements of the batch joining the claim
    n_reports: int  # reports of the batch joining it
    checkworthiness: Optional[float]  # the highest in the batch (None: none given)
    first_report: Optional[str]  # the batch's earliest dated occurrence: replaces the stored
    first_date: Optional[str]  # first report when earlier (None: no dated occurrence)
    text: Optional[str] = None  # a fuller occurrence than the claim's text: its text...
    representative_id: Optional[str] = None  # ...and statement id (None: the text stays)


@dataclass
class BatchGrouping:
    """The decisions of grouping one batch, for the store to write (see the module docstring)."""

    statement_ids: list[str] = field(default_factory=list)  # the batch, in order
    claim_of: dict[str, str] = field(default_factory=dict)  # statement id -> claim id
    speaker_of: dict[str, str] = field(default_factory=dict)  # statement id -> speaker id
    # claims table rows of the claims made now: claim_id, text, representative_id, center_text,
    # kind, first_report, first_date, n_occurrences, n_reports, checkworthiness
    new_claims: list[dict] = field(default_factory=list)
    claim_updates: list[ClaimUpdate] = field(default_factory=list)  # stored claims joined
    joined_reports: dict[str, list[str]] = field(default_factory=dict)  # stored claim -> new reports
    similar: dict[tuple[str, str], Optional[float]] = field(default_factory=dict)  # pair -> score
    # speaker rows (speaker_id, name, type, aliases, roles; lists): new ones, and stored ones
    # with the batch's aliases and roles merged in
    new_speakers: list[dict] = field(default_factory=list)
    updated_speakers: list[dict] = field(default_factory=list)
    # normalised length of the displayed text of the claims made or given a fuller text now
    shown_lengths: dict[str, int] = field(default_factory=dict)


@dataclass
class GroupingState:
    """What grouping needs to know about what is stored (``Store.load_grouping_state()``):
    the claim index and the speakers, both bounded by their number, not by statements."""

    claims: ClaimIndex = field(default_factory=ClaimIndex)
    speakers: SpeakerIndex = field(default_factory=SpeakerIndex)

    def apply(self, grouping: BatchGrouping) -> None:
        """Bring the state up to date once the batch's grouping is stored."""
        new = grouping.new_claims
        if new:
            self.claims.add([c["claim_id"] for c in new], [c["center_text"] for c in new])
        for cid, length in grouping.shown_lengths.items():
            self.claims.set_shown_length(cid, length)
        self.speakers.add((s["speaker_id"], s["name"], s["aliases"], s["type"], s["roles"])
                          for s in sorted(grouping.new_speakers + grouping.updated_speakers,
                                          key=lambda s: s["speaker_id"]))


def _value(v: Any) -> Any:
    """None for missing values (None, NaN, pd.NA); numpy scalars as Python ones."""
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return None
    if hasattr(v, "item") and not isinstance(v, (list, tuple, dict, str, bytes)):
        try:
            v = v.item()
        except (ValueError, AttributeError):
            return v
        return None if isinstance(v, float) and v != v else v
    return v


def _values(values: list) -> list:
    """``_value`` of each item; a str, an int or a float other than NaN is kept without a call
    (a batch has tens of thousands of cells: a call each was a tenth of its claim rows' time)."""
    return [v if (t := type(v)) is str or t is int or (t is float and v == v) else _value(v) for v in values]


def group_batch(statements: pd.DataFrame, state: GroupingState, *,
                report_dates: Optional[Mapping[str, Optional[str]]] = None,
                same_threshold: Optional[float] = None,
                similar_threshold: Optional[float] = None) -> BatchGrouping:
    """Group the statements of a batch (none of them with a claim yet) against ``state``.

    ``report_dates``: report id -> date, for statements without a ``report_date``. The state is
    not changed: call ``state.apply(result)`` once the result is stored."""
    kwargs = {}
    if same_threshold is not None:
        kwargs["same_threshold"] = same_threshold
    if similar_threshold is not None:
        kwargs["similar_threshold"] = similar_threshold
    out = BatchGrouping(statement_ids=[str(x) for x in statements["id"].tolist()])
    if not len(statements):
        return out
    match = state.claims.match(statements, group=group_claims, **kwargs)
    rename = _assign_claims(out, match)
    speakers = group_speakers_compact(statements, state.speakers)
    ids = set(out.statement_ids)
    for sid, spk in zip(speakers.assignments["statement_id"].tolist(), _values(speakers.assignments["speaker_id"].tolist())):
        sid = str(sid)
        if sid in ids and spk is not None:
            out.speaker_of[sid] = str(spk)
    _claim_rows(out, statements, state.claims, match, rename, report_dates or {})
    _similar_pairs(out, match, rename)
    _speaker_rows(out, speakers.speakers, state.speakers)
    return out


def _assign_claims(out: BatchGrouping, match: IndexMatch) -> dict[str, str]:
    """Statement -> claim; a new claim whose id is already another (not looked-up) stored
    claim's is re-hashed. Returns the renames."""
    ids = set(out.statement_ids)
    rename: dict[str, str] = {}
    groups = match.groups
    if groups is not None:
        a = groups.assignments
        for sid, cid in zip(a["statement_id"].tolist(), _values(a["claim_id"].tolist())):
            sid = str(sid)
            if sid not in ids or cid is None:
                continue
            cid = str(cid)
            if cid in match.taken and cid not in match.previous_ids:
                if cid not in rename:
                    salt, alt = 1, cid
                    while alt in match.taken or alt in rename.values():
                        alt = "C" + hashlib.sha1(f"{cid}\x00{salt}".encode()).hexdigest()[:10].upper()
                        salt += 1
                    rename[cid] = alt
                cid = rename[cid]
            out.claim_of[sid] = cid
    out.claim_of.update(match.exact)
    return rename


def _per_claim(out: BatchGrouping, statements: pd.DataFrame, report_dates: Mapping,
               norm_lengths: Optional[list] = None) -> tuple[dict, list]:
    """What the batch brings to each claim: occurrences, reports, highest checkworthiness,
    earliest occurrence (dated first) and fullest occurrence (longest normalised text;
    ``norm_lengths``: the normalised lengths of the texts when already known)."""
    sids = out.statement_ids
    n = len(sids)
    texts = [t if isinstance(t, str) else "" for t in statements["text"].tolist()]
    nlen = norm_lengths if norm_lengths is not None and len(norm_lengths) == n else \
        [len(t) for t in normalize_texts(texts)]
    report_ids = [str(x) for x in statements["report"].tolist()]
    sdates = _values(statements["report_date"].tolist()) if "report_date" in statements.columns else [None] * n
    cws = _values(statements["checkworthiness"].tolist()) if "checkworthiness" in statements.columns else [None] * n
    kinds = statements["kind"].tolist() if "kind" in statements.columns else [None] * n
    per: dict[str, dict] = {}
    for i, sid in enumerate(sids):
        cid = out.claim_of.get(sid)
        if cid is None:
            continue
        d = per.get(cid)
        date = sdates[i] if sdates[i] is not None else report_dates.get(report_ids[i])
        date = str(date) if date is not None else None
        if d is None:
            d = per[cid] = {"n": 0, "reports": {}, "cw": None, "first": None, "full": None}
        d["n"] += 1
        d["reports"][report_ids[i]] = True
        cw = cws[i]
        if cw is not None and (d["cw"] is None or cw > d["cw"]):
            d["cw"] = cw
        key = (date is None, date or "", i)
        if d["first"] is None or key < d["first"][0]:
            d["first"] = (key, report_ids[i], date)
        if d["full"] is None or nlen[i] > d["full"][0]:
            d["full"] = (nlen[i], sid, texts[i], kinds[i])
    return per, report_ids


def _claim_rows(out: BatchGrouping, statements, index: ClaimIndex, match: IndexMatch, rename, report_dates) -> None:
    """New claims' rows, updates of the stored claims joined, and their new reports."""
    per, report_ids = _per_claim(out, statements, report_dates, match.norm_lengths)
    info = _new_claim_info(match, rename)
    stored = index.number  # claim id -> number: the stored claims (a dict, not a call per claim)
    for cid in sorted(per):
        d = per[cid]
        if cid not in stored:
            rec = info.get(cid, {})
            center, kind = _value(rec.get("text")), _value(rec.get("kind"))
            out.new_claims.append({
                "claim_id": cid,
                "text": d["full"][2],
                "representative_id": d["full"][1],
                "center_text": center if center is not None else d["full"][2],
                "kind": kind if kind is not None else _value(d["full"][3]),
                "first_report": d["first"][1],
                "first_date": d["first"][2],
                "n_occurrences": d["n"],
                "n_reports": len(d["reports"]),
                "checkworthiness": d["cw"] if d["cw"] is not None else 0.0,
            })
            out.shown_lengths[cid] = d["full"][0]
            continue
        up = ClaimUpdate(claim_id=cid, n_occurrences=d["n"], n_reports=len(d["reports"]),
                         checkworthiness=d["cw"], first_report=d["first"][1], first_date=d["first"][2])
        if d["full"][0] > index.shown_length(cid):  # a fuller occurrence: it becomes the claim's text
            up.text, up.representative_id = d["full"][2], d["full"][1]
            out.shown_lengths[cid] = d["full"][0]
        out.claim_updates.append(up)
    for sid, report in zip(out.statement_ids, report_ids):
        cid = out.claim_of.get(sid)
        if cid is not None and cid in stored:
            reps = out.joined_reports.setdefault(cid, [])
            if report not in reps:
                reps.append(report)


def _new_claim_info(match: IndexMatch, rename: dict) -> dict[str, dict]:
    """Claim id -> {text (the center's), kind} from group_claims' claims table."""
    info: dict[str, dict] = {}
    if match.groups is None:
        return info
    gc_ = match.groups.claims
    n_gc = len(gc_)
    cols = [gc_[c].tolist() if c in gc_.columns else [None] * n_gc for c in ("claim_id", "text", "kind")]
    for cid, text, kind in zip(_values(cols[0]), *cols[1:]):
        cid = str(cid)
        info[rename.get(cid, cid)] = {"text": text, "kind": kind}
    return info


def _similar_pairs(out: BatchGrouping, match: IndexMatch, rename: dict) -> None:
    sim = getattr(match.groups, "similar", None)
    if sim is None or not len(sim):
        return
    for a, b, score in zip(sim["claim_id"].tolist(), sim["similar_claim_id"].tolist(), sim["score"].tolist()):
        a, b = _value(a), _value(b)
        if a is None or b is None:
            continue
        a, b = rename.get(str(a), str(a)), rename.get(str(b), str(b))
        if a == b:
            continue
        out.similar[(a, b)] = _value(score)


def _as_list(v: Any) -> list:
    if v is None or (isinstance(v, float) and v != v):
        return []
    if hasattr(v, "tolist"):
        v = v.tolist()
    return list(v) if isinstance(v, (list, tuple)) else [v]


def merge_lists(a: list, b: list) -> list:
    """The items of a then b, once each, missing values left out."""
    out = []
    for x in list(a or []) + list(b or []):
        x = _value(x)
        if x is not None and x not in out:
            out.append(x)
    return out


def _speaker_rows(out: BatchGrouping, speakers: Optional[pd.DataFrame], stored: SpeakerIndex) -> None:
    """New speakers, and stored ones with the batch's aliases and roles merged in."""
    given: dict[str, dict] = {}
    if speakers is not None and len(speakers):
        cols = list(speakers.columns)
        for row in zip(*(speakers[c].tolist() for c in cols)):
            rec = dict(zip(cols, row))
            sid = _value(rec.get("speaker_id"))
            if sid is not None:
                given[str(sid)] = rec
    for sid, rec in given.items():
        aliases, roles = _as_list(rec.get("aliases")), _as_list(rec.get("roles"))
        if sid in stored:
            name, old_aliases, typ, old_roles = stored.rows[sid]
            out.updated_speakers.append({
                "speaker_id": sid,
                "name": name or _value(rec.get("name")),
                "type": typ or _value(rec.get("type")),
                "aliases": merge_lists(old_aliases, aliases),
                "roles": merge_lists(old_roles, roles),
            })
        else:
            out.new_speakers.append({
                "speaker_id": sid,
                "name": _value(rec.get("name")),
                "type": _value(rec.get("type")),
                "aliases": merge_lists([], aliases),
                "roles": merge_lists([], roles),
            })
