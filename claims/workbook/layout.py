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
                  "Similar claims", "Checked before"]
EDITABLE_COLUMNS = ("Verdict", "Evidence", "Reviewer", "Reviewed on", "Notes")
BASE_REVISION_COLUMN = "Base revision"  # hidden, after REVIEW_COLUMNS

COLUMN_WIDTHS = {
    "Claim ID": 16, "Claim": 60, "Kind": 10, "Speaker": 22, "Role": 22, "Said on": 12, "Venue": 22,
    "Reports": 24, "Occurrences": 12, "Check-worthiness": 16, "Verdict": 16, "Evidence": 40,
    "Reviewer": 14, "Reviewed on": 13, "Notes": 32, "Carried over": 12, "Similar claims": 26,
    "Checked before": 50,
    BASE_REVISION_COLUMN: 10,
}

# Header comments of the Review sheet; columns not listed get DEFAULT_HEADER_NOTE.
HEADER_NOTES = {
    "Claim ID": "Do not edit: rows are matched to the database by this id.",
    "Claim": "Do not edit: the claim as first reported (see the Occurrences sheet for every report).",
    "Reports": "Do not edit: how many reports carry the claim, and the first one.",
    "Check-worthiness": "Do not edit: 0..1, how much the claim is worth checking (numbers, money, dates, comparisons...).",
    "Verdict": "Pick a verdict from the drop-down.",
    "Evidence": "Links and sources supporting the verdict.",
    "Reviewer": "Your name or initials.",
    "Reviewed on": "Date of the review (YYYY-MM-DD).",
    "Notes": "Anything else the next reviewer should know.",
    "Carried over": "Do not edit: 'Yes' when the verdict was given before new reports repeated the claim; please confirm it.",
    "Similar claims": "Do not edit: other claims that look alike (id and similarity score).",
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
