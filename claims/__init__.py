"""claims: a claim and quote tracker for fact-checkers.

Library first; the ``claims`` command is a thin layer over these functions::

    import claims
    statements = claims.extract("seeds")            # DataFrame, one row per statement
    groups = claims.group_claims(statements)        # claim id per statement, claims table
    summary = claims.run(["seeds"])                 # extract, group, store, write the workbook
    result = claims.import_workbook("reports/review.xlsx")
    claims.status()["by_verdict"]                   # DataFrame
    claims.write_workbook("reports/today.xlsx", unreviewed=True)   # from the database alone
    claims.import_factchecks("feed.json")           # other fact-checkers' ClaimReview / CSV
    claims.search("bricks of cocaine washed ashore") # DataFrame, best match first
"""
__version__ = "0.1.0"

from .api import (  # noqa: E402
    DEFAULT_DB,
    DEFAULT_WORKBOOK,
    RunSummary,
    check_db,
    conflicts,
    group_claims,
    export,
    extract,
    extract_report,
    import_factchecks,
    import_workbook,
    open_store,
    run,
    search,
    show_report,
    status,
    write_workbook,
)
from .checkworthiness_model import score_checkworthiness  # noqa: E402
from .errors import ClaimsError  # noqa: E402
from .types import Report, Statement  # noqa: E402

__all__ = [
    "DEFAULT_DB", "DEFAULT_WORKBOOK", "ClaimsError", "Report", "RunSummary", "Statement",
    "check_db", "conflicts", "export", "extract", "extract_report", "group_claims", "import_factchecks",
    "import_workbook", "open_store", "run", "score_checkworthiness", "search", "show_report", "status",
    "write_workbook",
]
