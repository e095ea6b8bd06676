"""What the review workbook looks like: sheet names, columns, widths, header notes, verdict
meanings and colours, the About sheet's identity labels, and Excel's limits.

Every other module of the package (and ``claims.exports``, ``claims.api``) takes these from
here; nothing here does any work.
"""
from __future__ import annotations

# ---------------------------------------------------------------------------- Excel's limits

MAX_DATA_ROWS = 1_048_575  # Excel's row limit minus the header row
MAX_CELL_CHARS = 32_767  # Excel's limit for one cell (UTF-16 code units)

# ---------------------------------------------------------------------------- sheets

REVIEW_SHEET = "Review"
OCCURRENCES_SHEET = "Occurrences"
REPORTS_SHEET = "Reports"
SPEAKERS_SHEET = "Speakers"
SUMMARY_SHEET = "Summary"
ABOUT_SHEET = "About"

# ---------------------------------------------------------------------------- Review sheet columns

REVIEW_COLUMNS = ["Claim ID", "Claim", "Kind", "Speaker", "Role", "Said on", "Venue", "Reports", "Occurrences",
                  "Check-worthiness", "Verdict", "Evidence", "Reviewer", "Reviewed on", "Notes", "Carried over",
                  "Similar claims"]
EDITABLE_COLUMNS = ("Verdict", "Evidence", "Reviewer", "Reviewed on", "Notes")
BASE_REVISION_COLUMN = "Base revision"  # hidden, after REVIEW_COLUMNS

# What the Review sheet shows besides REVIEW_COLUMNS (the exports keep REVIEW_COLUMNS): the
# paragraph around the claim with its words in bold, the report it comes from (title, linked
# to its URL or file), a link to the report view, and an open conflict. The sheet's columns
# are REVIEW_SHEET_COLUMNS then the hidden BASE_REVISION_COLUMN.
CONTEXT_COLUMN = "Context"
REPORT_COLUMN = "Report"
VIEW_COLUMN = "View"
CONFLICT_COLUMN = "Conflict"
# Best matches among the claims this desk reviewed and imported fact-checks (claims.store.search).
CHECKED_BEFORE_COLUMN = "Checked before"
# How sure extraction is of who said it (0-1; empty for the report's own claims): reviewers
# filter on it to check uncertain speakers first.
CONFIDENCE_COLUMN = "Speaker confidence"
REVIEW_SHEET_COLUMNS = (REVIEW_COLUMNS[:2] + [CONTEXT_COLUMN, REPORT_COLUMN, VIEW_COLUMN] + REVIEW_COLUMNS[2:4]
                        + [CONFIDENCE_COLUMN] + REVIEW_COLUMNS[4:15]
                        + [CONFLICT_COLUMN] + REVIEW_COLUMNS[15:] + [CHECKED_BEFORE_COLUMN])
# Report views (claims/report_view.py) live in this folder beside the workbook, one
# "<report id>.html" each (ids made file-safe by claims.report_view.view_filename); the View
# column links there with a relative link, so the folder travels with the workbook.
VIEWS_FOLDER = "views"

COLUMN_WIDTHS = {
    "Claim ID": 15, "Claim": 50, "Context": 70, "Report": 24, "View": 7, "Kind": 9, "Speaker": 20,
    "Speaker confidence": 12, "Role": 20, "Said on": 11, "Venue": 20, "Reports": 22, "Occurrences": 12, "Check-worthiness": 17,
    "Verdict": 15, "Evidence": 34, "Reviewer": 13, "Reviewed on": 13, "Notes": 30, "Conflict": 30,
    "Carried over": 10, "Similar claims": 44, "Checked before": 50, BASE_REVISION_COLUMN: 10,
}

# Header comments of the Review sheet; columns not listed get DEFAULT_HEADER_NOTE.
HEADER_NOTES = {
    "Claim ID": "Do not edit: rows are matched to the database by this id.",
    "Claim": "Do not edit: the claim as first reported (see the Occurrences sheet for every report).",
    "Reports": "Do not edit: how many reports carry the claim, and the first one.",
    "Check-worthiness": "Do not edit: 0..1, how much the claim is worth checking (numbers, money, dates, comparisons...).",
    "Speaker confidence": "Do not edit: 0..1, how sure extraction is of who said it (above 0.8: about 9 in 10 right); "
                          "empty for the report's own claims. Filter low values to check speakers first.",
    "Verdict": "Pick a verdict from the drop-down.",
    "Evidence": "Links and sources supporting the verdict.",
    "Reviewer": "Your name or initials.",
    "Reviewed on": "Date of the review (YYYY-MM-DD).",
    "Notes": "Anything else the next reviewer should know.",
    "Carried over": "Do not edit: 'Yes' when the verdict was given before new reports repeated the claim; please confirm it.",
    "Similar claims": "Do not edit: other claims that look alike: id (similarity score, verdict): text.",
    "Context": "Do not edit: the paragraph of the report around the claim, the claim's words in bold.",
    "Report": "Do not edit: the report the context comes from (title or id), linked to its URL or file.",
    "View": "Do not edit: opens the report with every statement highlighted (the views folder beside this workbook).",
    "Conflict": "Do not edit: another reviewer's verdict that was not applied. Import a verdict for the claim to resolve it.",
    "Checked before": ("Do not edit: the best matches among claims this desk has reviewed and imported "
                       "fact-checks (claims import-factchecks): verdict or rating, by whom, link, "
                       "'same' or 'similar' and a 0-1 score. Imported ratings are not this desk's verdicts."),
    BASE_REVISION_COLUMN: "Do not edit: revision of the verdict this row was exported with; used to detect conflicting reviews.",
}
DEFAULT_HEADER_NOTE = "Do not edit: information from the database."

# ---------------------------------------------------------------------------- verdicts and colours

VERDICT_MEANINGS = {
    "Verified": "The claim is accurate and supported by evidence.",
    "False": "The claim is inaccurate: the evidence contradicts it.",
    "Misleading": "Contains accurate elements but gives a false impression or leaves out what changes its meaning.",
    "Needs context": "Accurate as far as it goes, but needs more context to be understood correctly.",
    "Unverifiable": "Cannot be proven or disproven with the evidence available.",
}
CUSTOM_VERDICT_MEANING = "A verdict defined for this project."
# Conditional-formatting fills of the Verdict column; custom values get NEUTRAL_FILL.
VERDICT_FILLS = {
    "Verified": "C6EFCE",  # green
    "False": "FFC7CE",  # red
    "Misleading": "F8CBAD",  # orange
    "Needs context": "FFEB9C",  # yellow
    "Unverifiable": "D9D9D9",  # grey
}
NEUTRAL_FILL = "DDEBF7"  # pale blue
LOCKED_HEADER_FILL = "D9D9D9"
EDITABLE_HEADER_FILL = "FFF2CC"
CARRIED_FILL = "FFEB9C"
CONFLICT_FILL = "F4B6C2"  # pink: a claim with an open conflict (Claim ID and Conflict cells)

# ---------------------------------------------------------------------------- printing and row heights

PAPER_A4 = 9  # openpyxl / OOXML paper size codes
PAPER_A3 = 8
LINE_POINTS = 15.0  # the height of one line of 11-point text, in points
HEADER_ROW_POINTS = 32.0  # two lines: wrapped headers are never cut
MAX_ROW_POINTS = 409.0  # Excel's largest row height

# ---------------------------------------------------------------------------- workbook identity

FORMAT_VERSION = "1"
# About-sheet labels of the machine-readable identity (found by label when reading back) ...
ID_LABELS = {
    "database_id": "Database ID",
    "database_label": "Database",
    "export_id": "Export ID",
    "created_at": "Created at",
    "verdict_values": "Verdict values",
    "format_version": "Format version",
}
# ... and the prefix of the same identity in custom document properties (the fallback).
PROP_PREFIX = "claims."
