"""The "asked" reader: "Asked about X, ...", "asked workers if they planned to ...",
"asked by X whether ...". The question is the content; "When asked if X, the official told
VOA that ..." is no one's statement (``SKIP``): the answer is read from its own cue."""
from __future__ import annotations

from typing import Union

from claims.extraction.paragraph import Cue
from claims.extraction.quotes import quote_kind
from claims.extraction.sources import after_coordination, source_left, subject_of_sentence
from claims.extraction.spans import Attribution
from claims.extraction.tokens import strip_content, strip_span


SKIP = object()  # "no attribution here", from a reader that recognised the construction
# a verb of saying right before "when asked" ("she said when asked about the vote")
_SAID_FORMS = frozenset("said says told tells replied replies added adds answered".split())


def read_asked(c: Cue, prevlow: str) -> Union[Attribution, None, object]:
    """ "Asked about X, ..." / "asked workers if they planned to ..." / "asked by X whether"."""
    p = c.para
    text, toks, quotes = p.text, p.toks, p.quotes
    i, j, si, ss, se = c.i, c.j, c.si, c.ss, c.se
    found = p.found
    n = len(toks)
    k = j + 1
    src = None
    if k < n and toks[k].low == "by":
        m = k + 1
        while m < n and toks[m].s < se and toks[m].w not in (",", ":") and \
                toks[m].low not in ("if", "whether", "about", "why", "how", "what", "who",
                                    "when", "where", "to"):
            m += 1
        src = strip_span(text, toks[k + 1].s, toks[m - 1].e) if m > k + 1 else None
        k = m
    else:
        m = k
        while m < n and m < k + 10 and toks[m].s < se and toks[m].w not in (",", ":") and \
                toks[m].low not in ("if", "whether", "about", "why", "how", "what", "who",
                                    "when", "where"):
            m += 1
        k = m
    if k >= n or toks[k].s >= se or toks[k].low not in ("if", "whether", "about", "why", "how",
                                                        "what", "who", "when", "where"):
        return None
    # content up to the next comma outside quotes (a fronted "Asked about X, he said ...")
    m = k
    while m < n and toks[m].s < se and not (toks[m].w in (",", ";", ":") and not toks[m].inq):
        m += 1
    end = toks[m].s if m < n and toks[m].s < se else se
    sp = strip_content(text, toks[k].s, end)
    if not sp:
        return None
    if src is None and not (toks[i].w[0].isupper() or prevlow in ("when", "after", "")):
        src = source_left(text, toks, i, ss, quotes)
        if src is None and after_coordination(toks, i, ss):
            src = subject_of_sentence(text, toks, i, ss, found)
    if src is None and (end < se or i > 0 and toks[i - 1].s >= ss and i > 1 and
                        toks[i - 2].s >= ss and toks[i - 2].low in _SAID_FORMS) and \
            prevlow in ("when", "after", "before", "once", "if", "being"):
        # (also "“...,” she said when asked about the vote.": the question was the writer's)
        # "When asked if X, the official told VOA that ...": the question is no one's
        # statement; the answer that follows is read from its own cue
        return SKIP
    return p.make(quote_kind(text, [sp], quotes), [sp], (toks[i].s, toks[j].e), src, si)
