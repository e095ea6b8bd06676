"""Report text on a terminal: control characters made visible, never sent raw.

Text read from reports is untrusted. A report holding ``ESC]0;title BEL`` or ``ESC[31m``
would retitle or recolour the user's terminal if printed as it is, and bidirectional
overrides (U+202E) can make a line read differently from what it holds. Everything the CLI
prints that came from a report goes through :func:`visible` first.
"""
from __future__ import annotations

import re

# C0 controls (tab and newline included: a table row must stay on one line), DEL, C1 controls,
# and the Unicode format characters that reorder or hide text: bidi embeddings/overrides/
# isolates, zero-width joiners, line/paragraph separators, the BOM.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")

# Names a reader recognises for the common ones; the rest are shown as \xHH / \uHHHH.
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r", "\x1b": "\\e"}


def _show(m: re.Match) -> str:
    c = m.group(0)
    named = _NAMED.get(c)
    if named:
        return named
    code = ord(c)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: object) -> str:
    """``text`` as a single printable line: every control or format character as an escape.

    >>> visible("red\\x1b[31m alert\\nnext")
    'red\\\\e[31m alert\\\\nnext'
    """
    s = "" if text is None else str(text)
    # Lone surrogates (from undecodable file names) cannot be printed by a UTF-8 terminal.
    s = s.encode("utf-8", "backslashreplace").decode("utf-8")
    return _UNSAFE.sub(_show, s)
