"""claims: a claim and quote tracker for fact-checkers.

Library first; the ``claims`` command is a thin layer over these functions::

    import claims
    statements = claims.extract(["seeds"])          # pandas DataFrame, one row per statement
"""
__version__ = "0.1.0"
