"""Errors the user sees as one line. The CLI prints ``str(error)`` and exits 1."""


class ClaimsError(Exception):
    """Bad input or refused operation: the message says what is wrong and where."""


class ReportReadError(ClaimsError):
    """A report file could not be read at all."""


class WorkbookError(ClaimsError):
    """A review workbook is unreadable, edited badly, or made from another database."""


class ImportRefused(ClaimsError):
    """A reviewed workbook holds invalid rows; nothing from it was applied."""


class StoreError(ClaimsError):
    """The database is unreachable, from a newer schema, or otherwise unusable."""


class ExtractionError(ClaimsError):
    """The extractor failed on one report (a bug): the message names the report. The batches
    stored before it stay stored, so a run started again resumes after them."""
