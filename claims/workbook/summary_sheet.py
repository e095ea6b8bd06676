"""The Summary sheet: review progress by verdict (with a bar chart), by report and by speaker.

Figures are as of the export; verdicts are counted under their allowed spelling (matched up to
case and spaces), a claim with several reports or speakers counts once under each.
"""
from __future__ import annotations

from claims.types import ReviewData
from claims.workbook.cells import SheetWriter, Styles, set_print_setup
from claims.workbook.layout import MAX_DATA_ROWS
from claims.workbook.values import as_bool, as_list, as_text, column, is_missing, norm_key

__all__ = ["summary_tables", "write_summary_sheet"]


def summary_tables(data: ReviewData) -> dict:
    """Counts for the Summary sheet: by verdict, by report and by speaker."""
    c = data.claims
    canon = {norm_key(v): v for v in data.verdict_values}
    verdicts = []
    for v in column(c, "verdict"):
        t = as_text(v)
        t = t.strip() if t else None
        verdicts.append(canon.get(norm_key(t), t) if t else None)
    carried = [as_bool(v) for v in column(c, "carried_over")]

    by_verdict: dict[str, int] = {v: 0 for v in data.verdict_values}
    for v in verdicts:
        if v is not None:
            by_verdict[v] = by_verdict.get(v, 0) + 1
    not_reviewed = sum(1 for v in verdicts if v is None)
    columns = list(by_verdict)

    speakers_per_claim = []
    for s in column(c, "speaker"):
        names = [p.strip() for p in (as_text(s) or "").split(";") if p.strip()]
        speakers_per_claim.append(names or ["(unattributed)"])

    return {
        "n": len(c),
        "by_verdict": list(by_verdict.items()),
        "not_reviewed": not_reviewed,
        "carried": sum(1 for x in carried if x),
        "verdict_columns": columns,
        "by_report": _progress_table(_reports_per_claim(data), verdicts, columns),
        "by_speaker": _progress_table(speakers_per_claim, verdicts, columns),
    }


def _progress_table(keys_per_claim: list[list[str]], verdicts: list, columns: list[str]) -> list[list]:
    """Rows [key, claims, reviewed, not reviewed, count per verdict...], most claims first."""
    table: dict[str, dict] = {}
    for keys, v in zip(keys_per_claim, verdicts):
        for k in dict.fromkeys(keys):
            t = table.setdefault(k, {"n": 0, "reviewed": 0, **{col: 0 for col in columns}})
            t["n"] += 1
            if v is not None:
                t["reviewed"] += 1
                t[v] += 1
    out = [[k, t["n"], t["reviewed"], t["n"] - t["reviewed"]] + [t[col] for col in columns]
           for k, t in table.items()]
    out.sort(key=lambda r: (-r[1], str(r[0])))
    return out


def _reports_per_claim(data: ReviewData) -> list[list[str]]:
    """Each claim's report ids: its reports list, else its first report, else its occurrences'."""
    c = data.claims
    reps, firsts = column(c, "reports"), column(c, "first_report")
    occ = data.occurrences
    occ_reports: dict[str, list[str]] = {}
    if occ is not None and "claim_id" in getattr(occ, "columns", []) and "report" in occ.columns:
        for cid, rep in zip(occ["claim_id"].tolist(), occ["report"].tolist()):
            if not is_missing(cid) and not is_missing(rep):
                occ_reports.setdefault(str(cid), []).append(str(rep))
    out = []
    for i, cid in enumerate(column(c, "claim_id")):
        keys = [str(r) for r in as_list(reps[i])]
        if not keys and not is_missing(firsts[i]):
            keys = [str(firsts[i])]
        if not keys:
            keys = occ_reports.get(str(cid), [])
        out.append(keys or ["(unknown)"])
    return out


def write_summary_sheet(ws, styles: Styles, data: ReviewData) -> None:
    s = summary_tables(data)
    from openpyxl.utils import get_column_letter

    extra = s["verdict_columns"]
    # every column wide enough for its header on at most two lines (numbers sit right, under
    # right-aligned headers)
    widths = [34, 12, 12, 14] + [max(12, min(24, len(v) // 2 + 4)) for v in extra]
    for i, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = width
    set_print_setup(ws, title_rows=None)
    w = SheetWriter(ws, styles)
    w.append([w.cell("Review progress", font=styles.title)], height=22)
    w.append([w.cell(f"{s['n']:,} claims; {s['n'] - s['not_reviewed']:,} with a verdict, "
                     f"{s['not_reviewed']:,} not reviewed; {s['carried']:,} carried over (to confirm). "
                     f"Figures as of the export ({data.created_at}).")])
    w.blank()
    w.header(["By verdict", "Claims", "Share"], fill=styles.locked_fill, right={"Claims", "Share"})
    first = w.row + 1
    total = max(s["n"], 1)
    for v, k in s["by_verdict"] + [("Not reviewed", s["not_reviewed"])]:
        w.append([w.cell(v), w.cell(k), w.cell(k / total, number_format="0%")])
    last = w.row
    w.append([w.cell("Total", font=styles.bold), w.cell(s["n"], font=styles.bold)])
    _add_verdict_chart(ws, first, last)

    for title, table in (("By report", s["by_report"]), ("By speaker", s["by_speaker"])):
        # leave room for the chart before the next tables
        while w.row < 20:
            w.blank()
        w.blank()
        heads = [title, "Claims", "Reviewed", "Not reviewed"] + extra
        w.header(heads, fill=styles.locked_fill, right=heads[1:])
        for r in table[:MAX_DATA_ROWS // 4]:
            w.append(r)


def _add_verdict_chart(ws, first: int, last: int) -> None:
    """A bar chart of the by-verdict table (rows first..last, header just above)."""
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.type = "bar"
    chart.title = "Claims by verdict"
    chart.legend = None
    chart.y_axis.title = "Claims"
    chart.add_data(Reference(ws, min_col=2, min_row=first - 1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
    chart.height = 7.5
    chart.width = 16
    ws.add_chart(chart, "F4")
