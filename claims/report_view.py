"""The report view: one report as a self-contained HTML page, every statement highlighted.

``claims show REPORT`` writes it; ``claims run`` writes one per report of the workbook into the
``views`` folder beside the workbook (``claims.workbook.links``: ``reports/views/<id>.html``
for ``reports/review.xlsx``), and the Review sheet's View column links there.

The page is one file: inline CSS, no script, no external resource (it opens from a mail
attachment or a shared drive as it is). Each statement's words are a ``<mark>`` coloured by
speaker (a legend at the top; the report's own claims share one colour), followed by a label
with its claim id and verdict that links to the claim's row in the table of statements at the
bottom. Everything taken from the report or the database is HTML-escaped: report text is
untrusted, so a ``<script>`` in it shows as text.

Colours are fixed (``SPEAKER_COLOURS`` in order of first appearance, ``OWN_CLAIM_COLOUR`` for
the report's own claims), so a test can find them in a screenshot.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

from claims.errors import ClaimsError

__all__ = ["SPEAKER_COLOURS", "OWN_CLAIM_COLOUR", "render_report_html", "write_report_view", "write_report_views",
           "report_view_records"]

# Background colours of the highlights, one per speaker in order of first appearance (cycled).
SPEAKER_COLOURS = ("#ffd966", "#9fc5e8", "#b6d7a8", "#f4a6a6", "#d5a6e6", "#f9cb9c", "#a2e0d8", "#e6b8af",
                   "#c9daf8", "#d9ead3")
OWN_CLAIM_COLOUR = "#dddddd"  # the report's own claims (kind "claim", no speaker)
OWN_CLAIMS_LABEL = "(the report's own claims)"

_CTRL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")

_CSS = """
body { font-family: Georgia, 'DejaVu Serif', serif; max-width: 52em; margin: 1.5em auto; padding: 0 1em;
       color: #222; line-height: 1.6; }
h1 { font-size: 1.5em; margin-bottom: .2em; }
.meta { color: #555; font-size: .9em; margin-bottom: 1em; }
.meta a { color: #0563c1; }
.legend { font-family: sans-serif; font-size: .85em; border: 1px solid #ccc; padding: .5em .8em; margin: 1em 0; }
.legend span.key { display: inline-block; padding: 0 .4em; margin: .15em .6em .15em 0; border-radius: 3px; }
.text { white-space: pre-wrap; font-size: 1.05em; }
mark { padding: 1px 0; border-radius: 2px; color: #000; }
a.tag { font-family: sans-serif; font-size: .7em; color: #333; text-decoration: none; vertical-align: super;
        padding: 0 .25em; margin-left: .1em; border: 1px solid #999; border-radius: 3px; background: #fff; }
table { border-collapse: collapse; font-family: sans-serif; font-size: .85em; margin-top: 2em; width: 100%; }
th, td { border: 1px solid #ccc; padding: .3em .5em; text-align: left; vertical-align: top; }
th { background: #eee; }
td.swatch { width: 1em; }
"""


def _esc(value: Any) -> str:
    if value is None:
        return ""
    return html.escape(_CTRL.sub("", str(value)), quote=True)


def _spans(st: dict, n: int) -> list[tuple[int, int]]:
    from claims.store.review import statement_spans

    return [(max(0, a), min(n, b)) for a, b in statement_spans(st) if min(n, b) > max(0, a)]


def _speaker_of(st: dict) -> Optional[str]:
    name = st.get("speaker_label") or st.get("speaker_name") or st.get("speaker")
    if isinstance(name, str) and name.strip():
        return " ".join(name.split())
    return None


def render_report_html(report_id: str, text: Optional[str], statements: Sequence[dict], *,
                       title: Optional[str] = None, url: Optional[str] = None, source: Optional[str] = None,
                       date: Optional[str] = None) -> str:
    """The page of one report. ``statements``: dicts with ``id``, ``content_start``,
    ``content_end``, optional ``content_spans``, ``text``, ``kind``, ``speaker_name`` /
    ``speaker`` (or ``speaker_label``), ``claim_id`` and ``verdict``. Without ``text`` (a report
    stored before the text was kept, its file gone) the statements are listed on their own."""
    from claims.workbook.links import source_link

    statements = sorted(statements, key=lambda s: (s.get("content_start") or 0, str(s.get("id"))))
    colours: dict[Optional[str], str] = {}
    for st in statements:
        sp = _speaker_of(st)
        if sp not in colours:
            colours[sp] = OWN_CLAIM_COLOUR if sp is None else SPEAKER_COLOURS[
                len([k for k in colours if k is not None]) % len(SPEAKER_COLOURS)]
    head_title = title or report_id
    out = ["<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
           f"<title>{_esc(head_title)}</title><style>{_CSS}</style></head><body>",
           f"<h1>{_esc(head_title)}</h1>"]
    meta = [f"Report <code>{_esc(report_id)}</code>"]
    if date:
        meta.append(_esc(date))
    link = source_link(url, source)
    shown = url if url else source
    if shown:
        meta.append(f"<a href=\"{_esc(link)}\">{_esc(shown)}</a>" if link else _esc(shown))
    meta.append(f"{len(statements)} statement{'s' if len(statements) != 1 else ''}")
    out.append(f"<div class=\"meta\">{' · '.join(meta)}</div>")
    if colours:
        keys = "".join(f"<span class=\"key\" style=\"background:{c}\">{_esc(sp if sp else OWN_CLAIMS_LABEL)}</span>"
                       for sp, c in colours.items())
        out.append(f"<div class=\"legend\"><b>Speakers:</b> {keys}</div>")
    if text:
        out.append(f"<div class=\"text\">{_highlighted(text, statements, colours)}</div>")
    else:
        out.append("<p class=\"meta\">The report's text is not stored (added by an older version and its file "
                   "is gone); its statements:</p>")
        body = []
        for i, st in enumerate(statements):
            body.append(f"<p>{_mark(st, i, st.get('text') or '', colours)}</p>")
        out.append("".join(body))
    out.append(_table(statements, colours))
    out.append("</body></html>\n")
    return "".join(out)


def _label(st: dict) -> str:
    cid = st.get("claim_id") or "no claim"
    return f"{cid} · {st.get('verdict') or 'unreviewed'}"


def _mark(st: dict, i: int, piece: str, colours: dict) -> str:
    sp = _speaker_of(st)
    tip = f"Claim {_label(st)}; {sp or OWN_CLAIMS_LABEL}; {st.get('kind') or ''}"
    return (f"<mark id=\"m{i}\" data-statement=\"{_esc(st.get('id'))}\" data-claim=\"{_esc(st.get('claim_id'))}\" "
            f"style=\"background:{colours[sp]}\" title=\"{_esc(tip)}\">{_esc(piece)}</mark>")


def _tag(st: dict, i: int) -> str:
    return f"<a class=\"tag\" href=\"#s{i}\">{_esc(_label(st))}</a>"


def _highlighted(text: str, statements: Sequence[dict], colours: dict) -> str:
    """The text with each statement's ranges marked (overlaps: the earlier statement keeps
    the shared part), a label after each statement's last range."""
    pieces: list[tuple[int, int, int]] = []  # (start, end, statement index)
    for i, st in enumerate(statements):
        for a, b in _spans(st, len(text)):
            pieces.append((a, b, i))
    pieces.sort()
    last_piece = {}
    for k, (_, _, i) in enumerate(pieces):
        last_piece[i] = k
    out = []
    pos = 0
    for k, (a, b, i) in enumerate(pieces):
        a = max(a, pos)
        if a > pos:
            out.append(_esc(text[pos:a]))
        if b > a:
            out.append(_mark(statements[i], i, text[a:b], colours))
            pos = b
        if last_piece[i] == k:
            out.append(_tag(statements[i], i))
    out.append(_esc(text[pos:]))
    return "".join(out)


def _table(statements: Sequence[dict], colours: dict) -> str:
    rows = ["<table><thead><tr><th></th><th>Claim</th><th>Verdict</th><th>Speaker</th><th>Kind</th>"
            "<th>Statement</th></tr></thead><tbody>"]
    for i, st in enumerate(statements):
        sp = _speaker_of(st)
        rows.append(f"<tr id=\"s{i}\"><td class=\"swatch\" style=\"background:{colours[sp]}\"></td>"
                    f"<td>{_esc(st.get('claim_id'))}</td><td>{_esc(st.get('verdict') or 'unreviewed')}</td>"
                    f"<td>{_esc(sp or OWN_CLAIMS_LABEL)}</td><td>{_esc(st.get('kind'))}</td>"
                    f"<td>{_esc(st.get('text'))}</td></tr>")
    rows.append("</tbody></table>")
    return "".join(rows)


# ----------------------------------------------------------------------------- from the store


def report_view_records(store, report_ids: Iterable[str]) -> Iterable[tuple[dict, list[dict]]]:
    """(report row with its text, its statements with claim verdict and speaker name) for each
    stored report among ``report_ids``, a chunk of reports at a time."""
    import sqlalchemy as sa

    from claims.store.schema import reports_t, speakers_t, statements_t, verdicts_t
    from claims.store.values import IN_CHUNK, chunks

    s, v, sp = statements_t.c, verdicts_t.c, speakers_t.c
    ids = list(dict.fromkeys(str(r) for r in report_ids))
    for chunk in chunks(ids, min(IN_CHUNK, 200)):
        with store.transaction() as conn:
            reports = {r["id"]: dict(r) for r in conn.execute(sa.select(reports_t).where(reports_t.c.id.in_(chunk))).mappings()}
            q = (sa.select(s.id, s.report, s.kind, s.text, s.content_start, s.content_end, s.content_spans, s.speaker,
                           s.speaker_name, s.claim_id, v.verdict, sp.name.label("speaker_label"))
                 .select_from(statements_t.outerjoin(verdicts_t, v.claim_id == s.claim_id)
                              .outerjoin(speakers_t, sp.speaker_id == s.speaker_id))
                 .where(s.report.in_(chunk)))
            by_report: dict[str, list[dict]] = {}
            for row in conn.execute(q).mappings():
                by_report.setdefault(row["report"], []).append(dict(row))
        for rid in chunk:
            if rid in reports:
                yield reports[rid], by_report.get(rid, [])


def _text_of(report: dict) -> Optional[str]:
    """The stored text; for a report stored before schema 3, its source file read again when
    it still holds the same text (same content hash)."""
    if report.get("text"):
        return report["text"]
    source = report.get("source")
    if not source:
        return None
    path = re.sub(r"#row=\d+$", "", source)
    if not Path(path).is_file():
        return None
    try:
        from claims.reports import read_reports

        for r in read_reports([Path(path)], on_warning=lambda message: None):
            if r.content_hash == report.get("content_hash"):
                return r.text
    except Exception:  # a file that cannot be read any more: the statements alone
        return None
    return None


def _render_record(report: dict, statements: list[dict]) -> str:
    return render_report_html(report["id"], _text_of(report), statements, title=report.get("title"),
                              url=report.get("url"), source=report.get("source"), date=report.get("date"))


def write_report_views(store, report_ids: Iterable[str], folder) -> list[Path]:
    """Write the view of each of these stored reports into ``folder`` (created), named by
    ``claims.workbook.links.view_filename``; returns the paths written."""
    from claims.workbook.links import view_filename

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for report, statements in report_view_records(store, report_ids):
        path = folder / view_filename(report["id"])
        _write_page(path, _render_record(report, statements))
        written.append(path)
    return written


def _write_page(path: Path, page: str) -> None:
    """Temp file beside ``path``, then os.replace (no fsync: a view is made again by any run).
    The temp file's name is this process's own: two runs writing the same folder at once
    (their views of a shared report) must not rename each other's file away."""
    import os

    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(page, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_report_view(report_id: str, path, db="reports/claims.db") -> Path:
    """Write the view of the stored report ``report_id`` to ``path``; ClaimsError when the
    database has no such report."""
    from claims.store import Store

    with Store(str(db)) as store:
        found = list(report_view_records(store, [report_id]))
    if not found:
        raise ClaimsError(f"no report {report_id!r} in {db}; `claims status` lists the reports")
    page = _render_record(*found[0])
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_page(path, page)
    return path
