"""The "seem"/"appear" reader: "The court seemed to send a signal" (the subject and the
to-clause are the content, with no source); also "is expected to"."""
from __future__ import annotations

import re
from typing import Optional

from claims.extraction.contents import forward_end
from claims.extraction.paragraph import Cue
from claims.extraction.sources import source_left
from claims.extraction.spans import Attribution
from claims.extraction.tokens import strip_content
from claims.extraction.words import BE, LEFT_STOP


# after "appear"/"seem", words of a plain appearance (not "seemed ready to ..."): "appeared
# on Fox News", "appeared together"
_PLAIN_APPEAR = frozenset("""
on at in before with alongside together onstage live briefly here there only again and or
but the a an his her their its this that these those
""".split())


def read_seem(c: Cue) -> Optional[Attribution]:
    """ "The court seemed to send a signal": the subject and the to-clause are the content."""
    p = c.para
    text, toks, quotes = p.text, p.toks, p.quotes
    i, j, si, ss, se = c.i, c.j, c.si, c.ss, c.se
    n = len(toks)
    if j + 1 >= n or toks[j + 1].s >= se:
        return None
    nx = toks[j + 1]
    if nx.low != "to" and (toks[i].low in BE or nx.inq or not nx.w[0].isalpha() or
                           nx.w[0].isupper() or nx.low in _PLAIN_APPEAR or
                           nx.low in LEFT_STOP and nx.low not in ("so", "as")):
        return None  # "appeared on Fox News", "seems, ..."
    subj = source_left(text, toks, i, ss, quotes)
    if not subj or text[subj[0]:subj[1]].lower() in ("it", "there", "this", "that", "which"):
        return None
    end = forward_end(text, toks, j + 1, se, [])
    for t2 in toks[j + 2:]:
        if t2.s >= end:
            break
        if not t2.inq and t2.w in ("—", "–", "-") and t2.s > 0 and text[t2.s - 1] == " ":
            end = t2.s  # "to be heavily used by ISIS - so much so that ..."
            break
        if not t2.inq and (t2.w == ":" or t2.w == "," and t2.e < end and re.match(
                r",\s+(?:and|but|as|while|only|unable|forcing|it[’']s because)\b", text[t2.s:])):
            end = t2.s  # "to have backfired: By refusing ...", ", and his advisers ..."
            break
    rest = strip_content(text, toks[j + 1].s, end)
    if not rest:
        return None
    return p.make("indirect", [subj, rest], (toks[i].s, toks[j].e), None, si)
