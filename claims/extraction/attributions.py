"""Attribution finder: who said (or thinks, wants, knows...) what, as spans of the text.

Rules over regular-expression tokens, no parser (thousands of reports a minute):

* quotation marks are paired per paragraph (curly, straight, single and doubled ``''``); a
  quote opened and never closed runs to the end of its paragraph and may continue in the next
  paragraph that opens with a quote mark (the newspaper convention for long quotes);
  short quotes without inner punctuation are scare quotes, not quotations;
* cues are found from lexicons (verbs of saying, of thinking and wanting, "according to");
  each cue occurrence outside quotation marks is then read by a small set of patterns:

  - ``“QUOTE,” SOURCE CUE ...`` / ``“QUOTE,” CUE SOURCE`` (+ ``, “MORE QUOTE”``) -> direct
  - ``SOURCE CUE (to X)? (adverbials)? [:,] “QUOTE”``                           -> direct
  - ``SOURCE CUE (OBJ)? (adverbials)? (that)? CLAUSE``                          -> indirect/mixed
  - ``CLAUSE, SOURCE CUE (adverbials).`` / ``CLAUSE, CUE SOURCE.``              -> indirect/mixed
  - ``according to SOURCE, CLAUSE`` / ``CLAUSE, according to SOURCE``           -> indirect/mixed
  - ``..., saying/adding CLAUSE`` (source: the subject of the sentence)

* whole quoted sentences and paragraphs following a direct quote, with no cue of their own,
  are further pieces of that quote's content.
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

from claims.extraction.spans import Attribution, Sentence, Span

__all__ = ["find_attributions", "SPEECH_CUES", "THOUGHT_CUES"]

# --------------------------------------------------------------------------------------------
# Lexicons

_SPEECH_BASES = {
    # base: (3rd person, past, -ing)  -- irregular forms spelled out
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "writing"),
}
_SPEECH_REGULAR = """
add note announce argue claim state warn explain insist tweet testify deny acknowledge admit
respond reply declare recall suggest predict conclude remark quip charge contend assert concede
complain boast observe caution stress emphasize emphasise maintain allege confirm reveal
estimate promise pledge vow urge joke lament muse hint counter retort recount reiterate
speculate shout yell scoff opine complain point report write ask post email agree describe
""".split()
_NP_REGULAR = """
call criticize criticise accuse urge describe endorse support defend praise oppose reject dismiss
blame attack denounce blast mock back propose question seek cite refer decline refuse continue
show find indicate seem appear
""".split()
_THOUGHT_REGULAR = """
believe think know expect hope want fear worry feel doubt suspect assume realize realise
understand recognize recognise figure guess imagine plan intend wish decide predict worry
""".split()
_IRREGULAR = {
    "think": ("thinks", "thought", "thinking"),
    "know": ("knows", "knew", "knowing"),
    "feel": ("feels", "felt", "feeling"),
    "understand": ("understands", "understood", "understanding"),
    "seek": ("seeks", "sought", "seeking"),
    "find": ("finds", "found", "finding"),
    "show": ("shows", "showed", "showing"),
    "refer": ("refers", "referred", "referring"),
    "back": ("backs", "backed", "backing"),
}


def _inflect(base: str) -> tuple[str, str, str]:
    if base in _IRREGULAR:
        return _IRREGULAR[base]
    if base in _SPEECH_BASES:
        return _SPEECH_BASES[base]
    if base.endswith("e"):
        stem = base[:-1]
        return base + "s", stem + "ed", stem + "ing"
    if base.endswith("y") and base[-2] not in "aeiou":
        return base[:-1] + "ies", base[:-1] + "ied", base + "ing"
    if base.endswith(("sh", "ch", "ss", "x")):
        return base + "es", base + "ed", base + "ing"
    if base in ("admit", "quip", "scoff") or base == "plan":
        dbl = base + base[-1]
        return base + "s", dbl + "ed", dbl + "ing"
    return base + "s", base + "ed", base + "ing"


def _forms(bases) -> dict[str, str]:
    out = {}
    for b in bases:
        out[b] = b
        for f in _inflect(b):
            out[f] = b
    return out


SPEECH_CUES = _forms(list(_SPEECH_BASES) + _SPEECH_REGULAR)
THOUGHT_CUES = _forms(_THOUGHT_REGULAR)
NP_CUES = _forms(_NP_REGULAR)
for _w in ("back", "backs", "support", "attack", "attacks", "question", "questions", "call",
           "calls", "blast", "mock", "finding", "show", "shows", "seek", "cite", "refer",
           "continuing", "supports", "decline", "declines", "finds", "find", "back", "appear",
           "seem", "indicate", "refusing", "propose", "showing", "blasts", "cites"):
    NP_CUES.pop(_w, None)
_CUES = {**NP_CUES, **THOUGHT_CUES, **SPEECH_CUES}
_NP_OK = set(_NP_REGULAR)
_RESEARCH = frozenset("""
poll polls survey surveys study studies analysis report reports data research researchers
authors review investigation audit census figures numbers polling results tally count
pollsters pollster findings estimates statistics
""".split())
# Cue verbs that need an explicit complement clause (not just an object) to count.
_NEEDS_CLAUSE = {"ask", "post", "report", "plan", "want", "decide", "intend", "wish", "figure",
                 "understand", "recognize", "recognise", "know", "feel", "expect", "hope",
                 "imagine", "guess", "point", "confirm", "reveal", "estimate", "state",
                 "counter", "agree", "charge", "post", "email", "maintain", "recall", "fear",
                 "worry", "doubt", "promise", "warn", "urge", "deny", "predict", "note", "add",
                 "continue", "think", "believe", "assume", "realize", "realise", "suspect",
                 "respond", "reply", "stress", "emphasize", "emphasise", "admit",
                 "acknowledge", "concede"}
# verbs taking a to-infinitive as content ("wants to run", "plans to")
_TAKES_TO = {"decline", "refuse", "seek", "seem", "appear", "agree", "want", "plan", "hope", "expect", "intend", "wish", "decide", "promise", "pledge",
             "vow", "threaten", "urge", "claim"}
# verbs whose first object is a hearer ("told reporters that")
_HEARER = {"tell", "ask", "urge", "warn", "remind", "assure", "promise", "email"}

# Words that may sit between a source and its cue ("has also repeatedly said").
_AUX = frozenset("""
has have had also reportedly will would could may might did does do not never later then
previously repeatedly recently once again publicly privately often frequently still
already allegedly long always just quickly further flatly bluntly simply even is are was were
has been had been n't
""".split())
# Words that end a source noun phrase on its left.
_LEFT_STOP = frozenset("""
that and but or while when as because since although though if so where after before which
whom what why how than unless until whether once yet nor then to for of in on at by with from
about into over under during without against between among through is are was were be been
being has have had do does did will would can could should may might must
""".split())
_LEFT_STOP_KEEP = frozenset("of".split())  # "Sandoval-Moshenberg of the advocacy group ..."
_PRONOUNS = frozenset("he she they i we you it who which".split())
_TIME = frozenset("""
monday tuesday wednesday thursday friday saturday sunday today yesterday tonight tomorrow
earlier later recently previously last this next week month year morning afternoon evening night
weekend day days ago then once again also repeatedly publicly privately frequently often
""".split())
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split())
# Adverbial prepositional phrases after a cue: "in a statement", "on Twitter", "at a rally"
_ADVERBIAL_PREP = frozenset("in on at during to via through before after while from with".split())

_TOKEN = re.compile(r"\w+(?:[-’'.&]\w+)*|[^\w\s]")
_OPEN_Q = "“‘«\"'"
_CLOSE_Q = "”’»\"'"
_QUOTE_CHARS = set("“”‘’«»\"")


def _start_of(s: Sentence) -> int:
    return s.start


# --------------------------------------------------------------------------------------------
# Quotes


_QCHARS = re.compile(r"[“”«»\"‘’']")


def _find_quotes(text: str, ps: int, pe: int) -> list[list]:
    """Quote spans [start, end, closed] (marks included) of the paragraph text[ps:pe]."""
    quotes: list[list] = []
    pos = [m.start() for m in _QCHARS.finditer(text, ps, pe)]
    np_ = len(pos)
    x = 0
    while x < np_:
        i = pos[x]
        c = text[i]
        if c == "“" or c == "«":
            close = "”" if c == "“" else "»"
            y = x + 1
            while y < np_ and text[pos[y]] not in (close, '"', "“"):
                y += 1
            if y < np_ and text[pos[y]] != "“":
                quotes.append([i, pos[y] + 1, True])
                x = y + 1
                continue
            if y < np_:  # re-opened before closing: a broken quote
                quotes.append([i, pos[y], False])
                x = y
                continue
            quotes.append([i, pe, False])
            break
        if c == '"':
            y = x + 1
            while y < np_ and text[pos[y]] not in ('"', "”"):
                y += 1
            if y >= np_:
                quotes.append([i, pe, False])
                break
            quotes.append([i, pos[y] + 1, True])
            x = y + 1
            continue
        if c == "'" and i + 1 < pe and text[i + 1] == "'":
            y = x + 2
            while y + 1 < np_ and not (text[pos[y]] == "'" and pos[y + 1] == pos[y] + 1):
                y += 1
            if y + 1 >= np_:
                quotes.append([i, pe, False])
                break
            quotes.append([i, pos[y] + 2, True])
            x = y + 2
            continue
        if c == "‘" or (c == "'" and (i == ps or not text[i - 1].isalnum())
                        and i + 1 < pe and text[i + 1].isalpha()):
            # single quote: closes at ’/' not followed by a letter (apostrophes are)
            y = x + 1
            found = -1
            while y < np_:
                j = pos[y]
                ch = text[j]
                if ch in "’'" and (j + 1 >= pe or not text[j + 1].isalpha()):
                    found = j
                    break
                if ch in "“\"":
                    break
                y += 1
            if found == -1:
                if c == "‘":
                    quotes.append([i, pe, False])
                    break
                x += 1
                continue
            quotes.append([i, found + 1, True])
            x = y + 1
            continue
        x += 1
    return quotes


def _is_scare(text: str, q) -> bool:
    """A short quoted term without inner punctuation: “safe third country”."""
    s, e, closed = q
    inner = text[s + 1:e - 1 if closed else e].strip()
    words = inner.split()
    if not closed:
        return False
    if len(words) <= 4 and not re.search(r"[.!?,;:…]['’\"”]*$", inner):
        return True
    return False


# --------------------------------------------------------------------------------------------
# Helpers on tokens


class _Tok:
    __slots__ = ("s", "e", "w", "low", "inq")

    def __init__(self, s, e, w):
        self.s, self.e, self.w = s, e, w
        self.low = w.lower()
        self.inq = False


def _is_word(t: _Tok) -> bool:
    return t.w[0].isalnum()


def _cap(t: _Tok) -> bool:
    return t.w[0].isupper()


def _strip_span(text: str, s: int, e: int, punct: str = " \t,;:—–-") -> Optional[Span]:
    while s < e and (text[s].isspace() or text[s] in punct):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in punct):
        e -= 1
    if s >= e:
        return None
    return (s, e)


def _strip_content(text: str, s: int, e: int) -> Optional[Span]:
    """Trim spaces, leading commas/colons and the final sentence punctuation."""
    sp = _strip_span(text, s, e, " \t,;:—–-")
    if not sp:
        return None
    s, e = sp
    # drop a final '.' (outside quotes) but keep closing quote marks
    while e > s and text[e - 1] in ".!?,;:" and not (text[e - 1] in "!?" and False):
        e -= 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if s >= e or not re.search(r"\w", text[s:e]):
        return None
    return (s, e)


# --------------------------------------------------------------------------------------------
# Main


def find_attributions(text: str, sentences: list[Sentence]) -> list[Attribution]:
    """Find attributions in ``text`` given its sentences (see module docstring)."""
    if not sentences:
        return []
    out: list[Attribution] = []
    # group sentences by paragraph
    paras: list[list[int]] = []
    last_p = None
    for idx, s in enumerate(sentences):
        if s.paragraph != last_p:
            paras.append([])
            last_p = s.paragraph
        paras[-1].append(idx)
    prev_direct: Optional[Attribution] = None  # last direct quote, for continuation pieces
    prev_open = False  # previous paragraph ended inside an unclosed quote
    for pidx in paras:
        ps, pe = sentences[pidx[0]].start, sentences[pidx[-1]].end
        try:
            found, prev_direct, prev_open = _paragraph(text, sentences, pidx, ps, pe,
                                                       prev_direct, prev_open)
        except Exception:  # never let one odd paragraph break a report
            found, prev_direct, prev_open = [], None, False
        out.extend(found)
    return _validate(text, out)


def _validate(text: str, atts: list[Attribution]) -> list[Attribution]:
    n = len(text)
    good = []
    seen = set()
    for a in atts:
        spans = sorted({(s, e) for s, e in a.content_spans if 0 <= s < e <= n})
        # merge overlaps
        merged: list[list[int]] = []
        for s, e in spans:
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        if not merged:
            continue
        a.content_spans = [(s, e) for s, e in merged]
        if a.cue_span and not (0 <= a.cue_span[0] <= a.cue_span[1] <= n):
            a.cue_span = None
        if a.source_span and not (0 <= a.source_span[0] < a.source_span[1] <= n):
            a.source_span = None
        key = (tuple(a.content_spans),)
        if key in seen:
            continue
        seen.add(key)
        good.append(a)
    good.sort(key=lambda a: a.content_spans[0][0])
    # an attribution inside another one's content (“he said she thinks ...”) is usually not
    # annotated on its own: keep the outer one only
    keep = []
    for a in good:
        inner = False
        for b in good:
            if b is a:
                continue
            if b.content_start <= a.content_start and a.content_end <= b.content_end and \
                    (b.content_end - b.content_start) > (a.content_end - a.content_start) and \
                    a.cue_span and b.content_start <= a.cue_span[0] < b.content_end:
                inner = True
                break
        if not inner:
            keep.append(a)
    return keep


def _paragraph(text, sentences, pidx, ps, pe, prev_direct, prev_open):
    toks = [_Tok(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text, ps, pe)]
    quotes = _find_quotes(text, ps, pe)
    real_quotes = [q for q in quotes if not _is_scare(text, q)]
    if quotes:
        starts = [t.s for t in toks]
        for q in quotes:
            lo = bisect.bisect_right(starts, q[0])
            hi = bisect.bisect_left(starts, q[1] - (1 if q[2] else 0))
            for t in toks[lo:hi]:
                if t.w not in _QUOTE_CHARS:
                    t.inq = True
    # sentence index of each token
    sent_of = []
    si = 0
    for t in toks:
        while si < len(pidx) - 1 and t.s >= sentences[pidx[si]].end:
            si += 1
        sent_of.append(pidx[si])
    found: list[Attribution] = []
    used_quotes: set[int] = set()

    def quote_at(pos):
        for k, q in enumerate(real_quotes):
            if q[0] <= pos < q[1]:
                return k
        return None

    def sent_range(si_):
        s = sentences[si_]
        return s.start, s.end

    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if t.inq or not _is_word(t):
            i += 1
            continue
        cue_end_i = None
        base = None
        if t.low == "according" and i + 1 < n and toks[i + 1].low == "to":
            base = "according"
            cue_end_i = i + 1
        elif t.low in _CUES:
            base = _CUES[t.low]
            cue_end_i = i
            # phrasal: "point out", "went on"
            if base == "point":
                if i + 1 < n and toks[i + 1].low == "out":
                    cue_end_i = i + 1
                else:
                    i += 1
                    continue
        if base is None:
            i += 1
            continue
        att = _read_cue(text, toks, i, cue_end_i, base, sent_of, sentences, real_quotes,
                        used_quotes, quote_at, ps, pe, found)
        if att is not None:
            found.append(att)
            if att.kind == "direct":
                prev_direct = att
        i = cue_end_i + 1

    # colons: "JOEL BENENSON: ...", "Trump: ‘I’m the Worst ...’", "... went further: “...”"
    for ci, t in enumerate(toks):
        if t.w != ":" or t.inq:
            continue
        if ci + 1 >= n or ci == 0 or toks[ci - 1].w.isdigit() and toks[ci + 1].w.isdigit():
            continue
        if any(a.content_start <= t.s < a.content_end or
               (a.cue_span and a.cue_span[0] <= t.s < a.cue_span[1] + 2) for a in found):
            continue
        si = sent_of[ci]
        ss = sentences[si].start
        head = toks[:ci]
        nxt_tok = toks[ci + 1]
        qk = quote_at(nxt_tok.s) if nxt_tok.w in _QUOTE_CHARS or nxt_tok.w == "'" else None
        if head and head[0].s == ps and len(head) <= 4 and all(
                _is_word(h) and h.w[0].isupper() or h.w in (".", "-", "’", "'") for h in head) \
                and head[0].low not in _NOT_SPEAKERS and \
                head[0].low not in _LEFT_STOP and head[0].low not in _TIME and \
                head[0].low not in ("so", "contributing", "here", "now", "today", "again"):
            src = _strip_span(text, head[0].s, head[-1].e)
            sp = _strip_content(text, t.e, pe)
            if sp and len(re.findall(r"[^\W\d_]+", text[sp[0]:sp[1]])) < 4:
                sp = None
            if sp and src:
                if qk is not None:
                    used_quotes.add(qk)
                found.append(_mk(_kind(text, [sp], real_quotes), [sp], (t.s, t.e), src, si,
                                 sentences, text))
            continue
        if qk is not None and qk not in used_quotes and ci - 1 >= 0:
            q = real_quotes[qk]
            pre = [h for h in toks[:ci] if h.s >= ss]
            if not pre or len(pre) > 16 or any(h.inq or h.w in _QUOTE_CHARS for h in pre):
                continue
            src = _subject_of_sentence(text, toks, ci, ss, [])
            if src is None:
                continue
            used_quotes.add(qk)
            found.append(_mk("direct", [(q[0], q[1])], (t.s, t.e), src, si, sentences, text))

    # whole quoted sentences with no cue of their own, after an attribution of this
    # paragraph (or opening a paragraph after a direct quote): more pieces of that content
    for k, q in enumerate(real_quotes):
        if k in used_quotes:
            continue
        qs, qe = q[0], q[1]
        starts = any(sentences[j].start == qs for j in pidx)
        ends_ok = any(abs(sentences[j].end - qe) <= 1 for j in pidx) or not q[2]
        if not (starts and ends_ok):
            continue
        if any(a.content_start <= qs < a.content_end for a in found):
            continue
        target = None
        for a in found:
            if a.content_end <= qs and (a.cue_span is None or a.cue_span[1] <= qs):
                if target is None or max(a.content_end, a.cue_span[1] if a.cue_span else 0) >= \
                        max(target.content_end, target.cue_span[1] if target.cue_span else 0):
                    target = a
        if target is None and qs == ps and prev_direct is not None:
            target = prev_direct
        if target is None:
            continue
        target.content_spans.append((qs, qe))
        used_quotes.add(k)
        if target.kind == "indirect":
            target.kind = "mixed"
        for j in pidx:
            if sentences[j].start >= qs and sentences[j].end <= qe + 1:
                if j not in target.sentence_indices:
                    target.sentence_indices.append(j)
    ends_open = bool(real_quotes) and not real_quotes[-1][2]
    keep = None
    if found:
        last = max(found, key=lambda a: a.content_end)
        if last.kind == "direct":
            keep = last
    elif prev_direct is not None and real_quotes and real_quotes[0][0] == ps and \
            0 in used_quotes:
        keep = prev_direct
    return found, keep, ends_open


# --------------------------------------------------------------------------------------------


def _read_cue(text, toks, i, j, base, sent_of, sentences, quotes, used_quotes, quote_at,
              ps, pe, found) -> Optional[Attribution]:
    """Read the attribution around the cue toks[i..j] (inclusive)."""
    n = len(toks)
    si = sent_of[i]
    ss, se = sentences[si].start, sentences[si].end
    cue_span = (toks[i].s, toks[j].e)
    t = toks[i]
    # reject nominal/adjectival uses: "the said", "to say", "a claim", "the report"
    prev = toks[i - 1] if i > 0 else None
    prevlow = prev.low if prev is not None and prev.s >= ss else ""
    if base != "according":
        if prevlow in ("a", "an", "the", "his", "her", "their", "its", "our", "my", "your",
                       "this", "that", "these", "those", "of", "no", "every", "any", "from",
                       "in", "on", "for", "with", "by", "at", "into", "about", "against",
                       "over", "under", "between", "among", "without", "whose"):
            return None
        if t.low == base and base not in ("say", "tell", "think", "know", "believe", "want",
                                          "hope", "expect", "fear", "feel", "argue", "write",
                                          "insist", "suggest", "claim", "agree", "doubt",
                                          "worry", "wonder", "warn", "note", "add", "ask",
                                          "admit", "understand", "realize", "assume",
                                          "suspect", "predict", "plan", "wish", "guess",
                                          "imagine", "recall", "deny", "acknowledge",
                                          "explain", "contend", "maintain", "concede",
                                          "complain"):
            return None
        if prevlow == "to" and t.low == base:
            return None  # "to say", "wants to know"
        if t.w[0].isupper() and i > 0 and toks[i - 1].s >= ss and toks[i - 1].w[0].isalnum():
            return None  # a name or title: "Mark Said", headline case
    ing = t.low.endswith("ing") and base != "according"
    if ing and (prevlow in ("of", "for", "in", "at", "from", "about") or t.w[0].isupper()):
        return None
    # passives ("was declared the winner", "is said to be") are not attributions
    prev2 = toks[i - 2].low if i > 1 and toks[i - 2].s >= ss else ""
    if base == "expect" and prevlow in _BE and j + 1 < len(toks) and toks[j + 1].low == "to":
        return _seem(text, toks, i - 1, j, ss, se, si, sentences, quotes)
    if base != "according" and (prevlow in _BE or (prev2 in _BE and (
            prevlow.endswith("ly") or prevlow in ("not", "also", "still", "now", "widely")))) \
            and not ing and t.low != base:
        return None
    # nouns that look like verbs: "Ford's plans", "the FEC reports", "in three states"
    if t.low in _AMBIG_NOUNS and prev is not None and prev.s >= ss:
        nx = toks[j + 1].low if j + 1 < len(toks) else ""
        if not (prev.low in _PRONOUNS or prev.low in _AUX or
                (prev.w[0].isupper() and not prev.low.endswith(("'s", "’s")) and
                 prev.low not in ("united", "the") and nx in ("that", ",", ":", "“", '"'))):
            return None
    if t.low in ("note", "plan", "hope", "fear", "call", "want", "support", "claim") and \
            prev is not None and prev.s >= ss and prev.low not in _PRONOUNS and \
            prev.low not in _AUX and not prev.low.endswith("s") and prev.low not in (
                "people", "americans", "voters", "they", "many", "most", "some", "few"):
        return None
    if t.low == "called" and prev is not None and prev.s >= ss and prev.w[0].islower() and \
            prev.low not in _PRONOUNS and prev.low not in _AUX and j + 1 < len(toks) and \
            (toks[j + 1].w[0].isupper() or toks[j + 1].w in _QUOTE_CHARS):
        return None

    if base in ("seem", "appear"):
        return _seem(text, toks, i, j, ss, se, si, sentences, quotes)
    if base in ("show", "find", "indicate"):
        srcp = _source_left(text, toks, i, ss, quotes)
        if not srcp or not any(w.lower().strip(".,") in _RESEARCH
                               for w in text[srcp[0]:srcp[1]].split()):
            # "CLAUSE, the poll found."
            rest = text[toks[j].e:se].strip(" .")
            if not (prevlow and srcp and not rest):
                return None
    if base == "refer":
        if j + 1 < len(toks) and toks[j + 1].low == "to":
            j += 1
            cue_span = (toks[i].s, toks[j].e)
        else:
            return None
    if base == "call" and j + 1 < len(toks) and toks[j + 1].low in ("for", "on"):
        j += 1
        cue_span = (toks[i].s, toks[j].e)
    if base == "ask":
        r = _asked(text, toks, i, j, ss, se, si, sentences, quotes, found, prevlow)
        if r is not None:
            return r

    # ---- 1. "according to SOURCE"
    if base == "according":
        return _according(text, toks, i, j, sent_of, sentences, quotes, used_quotes, quote_at,
                          ss, se, si)

    # ---- right side: skip adverbials and a hearer object
    k = j + 1
    # "said of X", "said about X" -> content is rest? treat as no clause
    k = _skip_adverbials(toks, k, se, base)
    # explicit "that" within a few tokens?
    that_i = None
    for m in range(j + 1, min(n, j + 12)):
        if toks[m].s >= se:
            break
        if toks[m].w in (",", ";", "“", '"', "‘", ":") and m > k:
            break
        if toks[m].low == "that" and not toks[m].inq:
            that_i = m
            break
        if toks[m].low in _CUES and m > j + 1:
            break
    if that_i is not None and that_i >= k - 6:
        k = that_i

    # what is right after?
    nxt = toks[k] if k < n and toks[k].s < se + 1 else None
    # quote directly (": “", ", “", "“")
    qk = None
    m = k
    if nxt is not None and nxt.w in (",", ":", "—", "-") and k + 1 < n:
        m = k + 1
    if m < n and toks[m].s <= se + 2 and toks[m].w in _QUOTE_CHARS | {"'"}:
        qk = quote_at(toks[m].s)
        if qk is not None and m == k and quotes[qk][2] and quotes[qk][1] < se - 1:
            qk = None  # 'said "I stood up" for ...': the quote is part of a longer content

    # source on the left
    src_left = _source_left(text, toks, i, ss, quotes)

    # ---- 2. "“QUOTE,” SOURCE CUE" / "“QUOTE,” CUE SOURCE"
    back = _quote_before(text, toks, i, ss, ps, quotes, quote_at)
    if back is not None and not ing:
        qidx, src_tokens_start = back
        q = quotes[qidx]
        if src_tokens_start < i:  # "“...,” he said"
            src = _strip_span(text, toks[src_tokens_start].s, toks[i - 1].e)
            src = _trim_aux(text, src)
        else:  # "“...,” said Heather Nauert"
            src = _source_right(text, toks, j, se)
        if qidx in used_quotes:
            return None
        used_quotes.add(qidx)
        spans = [(q[0], q[1])]
        kind = "direct"
        if q[0] > ss:
            cs0 = _content_start_before(text, toks, i, ss, ps, found)
            lead = text[cs0:q[0]]
            if re.search(r"\w", lead) and not re.search(r"[.!?]\s*$", lead.strip()) and \
                    not lead.rstrip().endswith(":"):
                sp0 = _strip_span(text, cs0, q[1], " \t,;:—–-")
                if sp0:
                    spans = [sp0]
                    kind = "mixed"
                    for k3, q3 in enumerate(quotes):
                        if sp0[0] <= q3[0] < sp0[1]:
                            used_quotes.add(k3)
        # continuation: ", “more”" in the same sentence, or in the same paragraph right after
        end_cl = _clause_end(toks, j, se)
        for k2, q2 in enumerate(quotes):
            if k2 in used_quotes or q2[0] < cue_span[1]:
                continue
            if q2[0] <= end_cl + 3 and q2[0] < se + 2:
                spans.append((q2[0], q2[1]))
                used_quotes.add(k2)
            break
        return _mk(kind, spans, cue_span, src, si, sentences, text)

    # ---- 3. cue + quote: "He added, “...”"
    if qk is not None and qk not in used_quotes and not ing:
        q = quotes[qk]
        used_quotes.add(qk)
        src = src_left if src_left else _source_right(text, toks, j, se)
        # if there's text after the quote in the same sentence, it's still a direct quote
        kind = "direct"
        return _mk(kind, [(q[0], q[1])], cue_span, src, si, sentences, text)

    # ---- 4. fronted content: "CLAUSE, SOURCE CUE (adverbials)." / "CLAUSE, CUE SOURCE."
    rest_empty = nxt is None or nxt.s >= se or nxt.w in (".", "!", "?") or (
        nxt.w == "," and _is_tail(toks, k + 1, se)) or (
        nxt.low in _ADVERBIAL_PREP and nxt.low != "to" and _short_tail(text, toks, k, se))
    inverted = not ing and _is_inverted(toks, i, j, ss) and _inverted_tail_ok(text, toks, j, se)
    if rest_empty or inverted:
        if ing:
            return None
        # find comma before the source
        src = src_left
        if src is None or _starts_sentence(text, ss, src[0]):
            src_r = _source_right(text, toks, j, se)
            if src is None and src_r is None:
                return None
            if src is None or (toks[i - 1].w == "," if i > 0 else False):
                src = src_r
        if inverted:
            src = _source_right(text, toks, j, se) or src
        lim = src[0] if src and src[0] < cue_span[0] else cue_span[0]
        cs = _content_start_before(text, toks, i, ss, ps, found)
        sp = _strip_content(text, cs, lim)
        if not sp:
            return None
        if sp[1] - sp[0] < 8:
            return None
        kind = _kind(text, [sp], quotes)
        return _mk(kind, [sp], cue_span, src, si, sentences, text)

    # ---- 5. forward content: "SOURCE CUE (that) CLAUSE"
    if nxt is None or base == "continue":
        return None
    cstart = nxt.s
    np_ok = base in _NP_OK
    # a to-infinitive only for want/plan-like verbs
    if nxt.low == "to" and base not in _TAKES_TO:
        return None
    if not np_ok and nxt.low in ("of", "about", "for", "on", "up", "out", "back", "down", "off", "in", "with", "at", "by", "as", "so",
                   "and", "but", "or", "if", "when", "than", "it", "goodbye", "yes", "no",
                   "hello", "hi", "nothing", "something", "anything", "much", "more", "little",
                   "a", "an", "the", "this", "these", "those", "him", "her", "them", "me",
                   "us", "you", "his", "their", "its", "my", "our", "your") and \
            not (nxt.low in ("the", "a", "an", "this", "these", "those", "his", "their",
                             "its", "my", "our", "your", "it") and base in _CLAUSE_OK_NP):
        return None
    if np_ok and nxt.low in ("of", "about", "up", "out", "down", "off", "in", "at", "by", "as",
                             "so", "and", "but", "or", "when", "than", "with"):
        return None
    if base in _NEEDS_CLAUSE and toks[k].low != "that" and nxt.low not in ("to",) and \
            base not in _CLAUSE_OK_NP and not np_ok:
        return None
    cend = _forward_end(text, toks, k, se, found)
    sp = _strip_content(text, cstart, cend)
    if not sp:
        return None
    nwords = sum(1 for tt in toks if sp[0] <= tt.s < sp[1] and _is_word(tt))
    if nwords < 3:
        return None
    # source
    src = src_left
    if ing or src is None:
        src = _subject_of_sentence(text, toks, i, ss, found)
    kind = _kind(text, [sp], quotes)
    # a quote running beyond the sentence (unclosed) extends the content
    return _mk(kind, [sp], cue_span, src, si, sentences, text)


_AMBIG_NOUNS = frozenset("""
states reports claims notes plans hopes fears wants calls points posts tweets answers charges
wishes counters remarks estimates pledges vows jokes laments doubts guesses figures responses
replies promises warnings reveals thinks concerns worries feels add adds asks says emails
attacks questions blasts supports backs findings cites mocks
""".split()) - {"says", "thinks", "adds", "add", "asks", "feels"}

_BE = frozenset("was were is are been be being get got".split())

_NOT_SPEAKERS = frozenset("""
note update updated related photo photos source sources editor editors watch read see also
video listen correction clarification disclosure warning caption credit image images tags
share follow subscribe sign click advertisement q
""".split())

# verbs whose content may be a bare clause ("said the plan failed", "thinks he can win")
_CLAUSE_OK_NP = {"say", "tell", "write", "think", "believe", "know", "argue", "claim", "insist",
                 "suggest", "add", "note", "warn", "predict", "expect", "hope", "fear",
                 "feel", "explain", "acknowledge", "admit", "declare", "assert", "contend",
                 "maintain", "concede", "complain", "boast", "allege", "announce", "estimate",
                 "tweet", "testify", "deny", "report", "stress", "emphasize", "recall",
                 "agree", "worry", "doubt", "suspect", "assume", "realize", "understand",
                 "recognize", "guess", "imagine", "figure", "wish", "reply", "respond",
                 "observe", "reveal", "confirm", "promise", "pledge", "vow", "conclude",
                 "remark", "charge", "state", "point", "reiterate", "speculate", "caution",
                 "want", "describe"}


def _seem(text, toks, i, j, ss, se, si, sentences, quotes):
    """ "The court seemed to send a signal": the subject and the to-clause are the content."""
    if j + 1 >= len(toks) or toks[j + 1].low != "to":
        return None
    subj = _source_left(text, toks, i, ss, quotes)
    if not subj or text[subj[0]:subj[1]].lower() in ("it", "there", "this", "that", "which"):
        return None
    end = _forward_end(text, toks, j + 1, se, [])
    rest = _strip_content(text, toks[j + 1].s, end)
    if not rest:
        return None
    return _mk("indirect", [subj, rest], (toks[i].s, toks[j].e), None, si, sentences, text)


def _asked(text, toks, i, j, ss, se, si, sentences, quotes, found, prevlow):
    """ "Asked about X, ..." / "asked workers if they planned to ..." / "asked by X whether"."""
    n = len(toks)
    k = j + 1
    src = None
    if k < n and toks[k].low == "by":
        m = k + 1
        while m < n and toks[m].s < se and toks[m].w not in (",", ":") and \
                toks[m].low not in ("if", "whether", "about", "why", "how", "what", "who",
                                    "when", "where", "to"):
            m += 1
        src = _strip_span(text, toks[k + 1].s, toks[m - 1].e) if m > k + 1 else None
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
    sp = _strip_content(text, toks[k].s, end)
    if not sp:
        return None
    if src is None and not (toks[i].w[0].isupper() or prevlow in ("when", "after", "")):
        src = _source_left(text, toks, i, ss, quotes)
    return _mk(_kind(text, [sp], quotes), [sp], (toks[i].s, toks[j].e), src, si, sentences,
               text)


def _mk(kind, spans, cue, src, si, sentences, text):
    spans = [s for s in spans if s and s[0] < s[1]]
    if not spans:
        return None
    cs, ce = spans[0][0], spans[-1][1]
    k = bisect.bisect_right(sentences, cs, key=_start_of) - 1
    k = max(k, 0)
    idx = []
    while k < len(sentences) and sentences[k].start < ce:
        if sentences[k].end > cs:
            idx.append(k)
        k += 1
    return Attribution(kind=kind, content_spans=spans, cue_span=cue, source_span=src,
                       sentence_index=si, sentence_indices=idx or [si])


def _kind(text, spans, quotes) -> str:
    s, e = spans[0][0], spans[-1][1]
    for q in quotes:
        if q[0] >= s and q[1] <= e + 1:
            inner = text[q[0]:q[1]]
            if q[0] == s and (q[1] >= e - 1):
                return "direct"
            if len(inner.split()) >= 1:
                return "mixed"
    return "indirect"


def _skip_adverbials(toks, k, se, base) -> int:
    """Skip time words, "in a statement", "on Twitter" and a hearer object after a cue."""
    n = len(toks)
    start = k
    for _round in range(4):
        if k >= n or toks[k].s >= se:
            return k
        w = toks[k].low
        if w in _TIME or w in _MONTHS or w.isdigit() or (
                w.endswith("ly") and toks[k].w[0].islower() and len(w) > 4 and w != "only"):
            k += 1
            continue
        if w in ("last", "this", "next", "earlier", "late", "early") and k + 1 < n:
            k += 2
            continue
        if w in _ADVERBIAL_PREP and base != "according":
            # a short prepositional phrase: up to 6 tokens ending before that/quote/comma
            m = k + 1
            lim = min(n, k + 14)
            while m < lim and toks[m].s < se and toks[m].w not in (",", ":", "“", '"', "‘") \
                    and toks[m].low != "that" and toks[m].low not in _CUES:
                m += 1
            if m < n and toks[m].s < se and (toks[m].low == "that" or toks[m].w in
                                             (",", ":", "“", '"', "‘")):
                k = m
                continue
            return k
        if base in _HEARER and _round == 0 and k == start:
            # hearer: "told reporters", "told the Televisa network", "told VOA"
            m = k
            lim = min(n, k + 6)
            stops = ("that", "to", "on", "in", "at", "during", "if", "whether", "why", "how",
                     "what", "about", "of", "last", "this", "earlier")
            while m < lim and toks[m].s < se and toks[m].w not in (",", ":", "“", '"', "‘") \
                    and toks[m].low not in stops and toks[m].low not in _TIME:
                m += 1
            ok = m < n and (toks[m].s >= se or toks[m].w in (",", ":", "“", '"', "‘", ".") or
                            toks[m].low in stops or toks[m].low in _TIME)
            if base != "tell":
                ok = m < n and toks[m].s < se and toks[m].low in ("that", "to", "about", "of",
                                                                  "if", "whether")
            if m > k and ok:
                k = m
                continue
        return k
    return k


def _is_tail(toks, k, se) -> bool:
    """After ", ": nothing, or an adverbial/participle tail ("adding ...", "in a statement")."""
    if k >= len(toks) or toks[k].s >= se:
        return True
    w = toks[k].low
    return w in _ADVERBIAL_PREP or w in _TIME or w in ("adding", "noting", "according",
                                                       "citing", "referring", "who", "which")


def _short_tail(text, toks, k, se) -> bool:
    """ "in a call." / "during a hearing Wednesday of the House Foreign Affairs Committee." """
    m = k
    while m < len(toks) and toks[m].s < se:
        t = toks[m]
        if t.low == "that" or t.w in _QUOTE_CHARS or t.low in SPEECH_CUES or m - k > 14:
            return False
        m += 1
    return True


def _is_inverted(toks, i, j, ss) -> bool:
    """ ", said Heather Nauert" : cue right after a comma and followed by a name."""
    if not (i > 0 and toks[i - 1].w == "," and toks[i - 1].s >= ss and j + 1 < len(toks)):
        return False
    nx = toks[j + 1]
    if nx.w[0].isupper() or nx.low in ("the", "a", "an", "he", "she", "they", "one", "two",
                                      "three", "several", "many", "some", "most", "both"):
        return True
    # lower-case title: ", said health department spokeswoman Ann Cole."
    return nx.w[0].isalpha() and nx.low not in _LEFT_STOP and nx.low not in _TIME and \
        nx.low not in _CUES and not nx.low.endswith("ly")


def _inverted_tail_ok(text, toks, j, se) -> bool:
    """After ", said NAME": the name runs to the sentence end or to a tail."""
    src = _source_right(text, toks, j, se)
    if not src:
        return False
    rest = text[src[1]:se].strip()
    if not rest or rest in (".", "!", "?"):
        return True
    k = j + 1
    while k < len(toks) and toks[k].s < src[1]:
        k += 1
    if k < len(toks) and toks[k].w == ",":
        return _is_tail(toks, k + 1, se)
    return k < len(toks) and (toks[k].low in _ADVERBIAL_PREP or toks[k].low in _TIME)


def _starts_sentence(text, ss, pos) -> bool:
    return text[ss:pos].strip(" “\"‘'") == ""


def _content_start_before(text, toks, i, ss, ps, found) -> int:
    """Start of a fronted content: the sentence start, or the end of an earlier attribution's
    cue clause in the same sentence."""
    cs = ss
    for a in found:
        if a.cue_span and ss <= a.cue_span[1] <= toks[i].s:
            cs = max(cs, a.content_end if a.content_end <= toks[i].s else a.cue_span[1])
    return cs


def _clause_end(toks, j, se) -> int:
    """End (char) of the cue clause: the next comma or sentence end."""
    for m in range(j + 1, len(toks)):
        if toks[m].s >= se:
            return se
        if toks[m].w in (",", ";", ":", ".") or toks[m].w in _QUOTE_CHARS:
            return toks[m].s
    return se


_CUT_AFTER_COMMA = frozenset("""
according but saying while calling though although adding noting insisting arguing citing
whereas warning telling asking explaining suggesting claiming declaring
""".split())


def _forward_end(text, toks, k, se, found) -> int:
    """End of a forward content: sentence end, or the start of a new cue clause
    (", he said" / ", and they say")."""
    n = len(toks)
    m = k
    while m < n and toks[m].s < se:
        t = toks[m]
        if not t.inq and t.w == ";":
            return t.s
        if not t.inq and t.w in (",", ";") and m + 1 < n:
            # ", he said," / ", and they say" / ", according to"
            w1 = toks[m + 1]
            look = [tt.low for tt in toks[m + 1:m + 6] if tt.s < se]
            if look and (look[0] in _CUT_AFTER_COMMA or
                         (look[0] == "even" and len(look) > 1 and look[1] in ("as", "though",
                                                                              "if")) or
                         (look[0] in ("and", "but") and any(x in SPEECH_CUES for x in look[1:4]))
                         or (look[0] in _PRONOUNS and len(look) > 1 and look[1] in SPEECH_CUES)
                         or (look[0] in SPEECH_CUES and w1.low in ("said", "says"))):
                return t.s
        m += 1
    return se


def _quote_before(text, toks, i, ss, ps, quotes, quote_at):
    """For "“...,” he said": the index of the quote just before the source/cue, and the token
    index where the source starts (== i when the cue comes first)."""
    # walk left from i over at most 12 tokens of source to reach ',”' / '”' / ',"'
    m = i - 1
    steps = 0
    while m >= 0 and steps < 30:
        t = toks[m]
        if t.s < ps or t.s < ss:
            break
        if t.w in _CLOSE_Q or t.w == "'":
            k = quote_at(t.s)
            if k is None:
                return None
            q = quotes[k]
            if q[1] != t.e:
                return None
            # require punctuation right before the close mark or right after it
            inner = text[q[0]:q[1]].rstrip("”’»\"'")
            before = inner[-1] if inner else ""
            after_tok = toks[m + 1].w if m + 1 < len(toks) else ""
            if before in ",!?.…-—" or after_tok in (",", "—", "-"):
                return k, (m + 1 if after_tok not in (",", "—", "-") else m + 2)
            return None
        if t.w in (",",) and steps > 0:
            # "“…,” Simon Sandoval-Moshenberg, of the group, told" - allow commas inside source
            pass
        if t.w in (".", "!", "?", ";", ":"):
            return None
        if t.inq:
            return None
        m -= 1
        steps += 1
    return None


def _trim_aux(text, sp):
    if not sp:
        return sp
    s, e = sp
    # drop trailing auxiliaries/adverbs ("he also", "officials have")
    words = list(re.finditer(r"\S+", text[s:e]))
    while words and words[-1].group(0).lower().strip(",") in _AUX:
        words.pop()
    if not words:
        return None
    return _strip_span(text, s + words[0].start(), s + words[-1].end())


def _source_left(text, toks, i, ss, quotes) -> Optional[Span]:
    """The noun phrase right before the cue (skipping auxiliaries): "the DHS", "Merten",
    "he", "a senior State Department official", "Kenneth Merten" in ", Kenneth Merten, told"."""
    m = i - 1
    while m >= 0 and toks[m].s >= ss and (toks[m].low in _AUX or toks[m].low == "n't" or
                                          toks[m].low.endswith(("n't", "n’t")) or (
            toks[m].w.endswith("ly") and toks[m].w[0].islower() and len(toks[m].w) > 4)):
        m -= 1
    # "Trump on Sunday tweeted", "Feinstein last week said", "but on Tuesday wrote"
    m0 = m
    while m >= 0 and toks[m].s >= ss and (toks[m].low in _TIME or toks[m].low in _MONTHS or
                                          toks[m].w.isdigit()) and m0 - m < 4:
        m -= 1
    if m < m0:
        if m >= 0 and toks[m].low in ("on", "last", "this", "earlier", "in", "but", "and"):
            while m >= 0 and toks[m].low in ("on", "last", "this", "earlier", "in", "but",
                                             "and"):
                m -= 1
        elif m >= 0 and toks[m].w[0].isupper() and toks[m0].w[0].isupper():
            m = m0  # "Mr. Sunday said": a name, not a day
        while m >= 0 and toks[m].s >= ss and toks[m].low in _AUX:
            m -= 1
    if m < 0 or toks[m].s < ss:
        return None
    # ", who has ..., said": skip a relative clause back to the noun
    if toks[m].w == ",":
        # appositive/relative clause ends here; look for the segment before
        seg_end = m
        k = m - 1
        while k >= 0 and toks[k].s >= ss and toks[k].w not in (",", ";", ":") and \
                not toks[k].inq and toks[k].w not in _QUOTE_CHARS:
            k -= 1
        seg_start = k + 1
        if seg_start < seg_end:
            first = toks[seg_start].low
            if first in ("who", "whose", "which") or first.endswith("ing") or \
                    toks[seg_start].w[0].islower() and first not in ("the", "a", "an") or \
                    all(not _is_word(x) or x.w.isdigit() for x in toks[seg_start:seg_end]):
                # relative clause or participle: the noun is before it
                if k >= 0 and toks[k].w == "," and toks[k].s >= ss:
                    return _np_left(text, toks, k - 1, ss)
            return _np_left(text, toks, seg_end - 1, ss)
        return None
    if toks[m].low in ("who", "which", "that") and m >= 0:
        return (toks[m].s, toks[m].e)
    return _np_left(text, toks, m, ss)


def _np_left(text, toks, m, ss) -> Optional[Span]:
    if m < 0 or toks[m].s < ss:
        return None
    end = m
    k = m
    count = 0
    while k >= 0 and toks[k].s >= ss:
        t = toks[k]
        if t.inq or t.w in _QUOTE_CHARS:
            break
        if not _is_word(t) and t.w not in ("’", "'", "-", "&", "."):
            break
        low = t.low
        if low in _LEFT_STOP and low not in _LEFT_STOP_KEEP:
            break
        if low in _CUES and k != m and t.w[0].islower():
            break
        if low in _LEFT_STOP_KEEP:
            # "X of Y": keep going only if a capitalized word or determiner precedes
            if k - 1 >= 0 and toks[k - 1].s >= ss and _is_word(toks[k - 1]) and \
                    toks[k - 1].low not in _LEFT_STOP and toks[k - 1].low not in _CUES:
                k -= 1
                count += 1
                continue
            break
        if t.w[0].islower() and low not in ("the", "a", "an") and low not in _PRONOUNS and \
                count > 5:
            break
        count += 1
        if count > 12:
            break
        k -= 1
    start = k + 1
    if start > end:
        return None
    # a pronoun or "who" at the end is the source by itself
    if toks[end].low in _PRONOUNS:
        return (toks[end].s, toks[end].e)
    sp = _strip_span(text, toks[start].s, toks[end].e, " \t,;:—–-'’")
    if sp and not re.search(r"\w", text[sp[0]:sp[1]]):
        return None
    return sp


def _source_right(text, toks, j, se) -> Optional[Span]:
    """The speaker after an inverted cue: "said State Department spokeswoman Heather Nauert"."""
    n = len(toks)
    k = j + 1
    if k >= n or toks[k].s >= se:
        return None
    if toks[k].low in _PRONOUNS:
        return (toks[k].s, toks[k].e)
    if toks[k].w in _QUOTE_CHARS or toks[k].w in (",", ".", ":"):
        return None
    if toks[k].low in _TIME or toks[k].low in _ADVERBIAL_PREP or toks[k].low == "that":
        return None
    m = k
    while m < n and toks[m].s < se:
        t = toks[m]
        if t.w in (".", ";", ":", "!", "?") or t.w in _QUOTE_CHARS or t.inq:
            break
        if t.low in ("in", "at", "during", "on", "to", "via", "after", "before", "while",
                     "when", "as", "adding", "that", "because", "and"):
            if t.low != "and" or (m + 1 < n and toks[m + 1].w[0].islower()):
                break
        if t.w == "," and m + 1 < n and toks[m + 1].low in ("adding", "noting", "in", "on",
                                                           "at", "during", "who", "according",
                                                           "saying", "citing", "which"):
            break
        if t.low in _TIME and m > k:
            break
        m += 1
    if m == k:
        return None
    return _strip_span(text, toks[k].s, toks[m - 1].e)


_COMMON_VERBS = frozenset("""
left went made took came gave met spoke ran won lost held kept got put set began stood sat
sent brought built became led paid read saw heard felt found began fought hit hung let meant
goes makes takes comes gives meets speaks runs wins loses holds keeps gets puts sets begins
stands sits sends brings builds becomes leads pays sees hears leaves tries seems appears
""".split())


def _subject_of_sentence(text, toks, i, ss, found) -> Optional[Span]:
    """For ", saying ..." : the source of an earlier attribution in the sentence, or the first
    noun phrase of the sentence."""
    for a in reversed(found):
        if a.source_span and a.source_span[0] >= ss:
            return a.source_span
    # first NP: skip an introductory phrase ending with a comma
    k = 0
    while k < len(toks) and toks[k].s < ss:
        k += 1
    # a sentence opening with a quotation: the subject comes after it
    while k < i and (toks[k].inq or toks[k].w in _QUOTE_CHARS or toks[k].w in (",", "'")):
        k += 1
    start = k
    first = toks[start].low if start < len(toks) else ""
    intro = first in _ADVERBIAL_PREP or first in _TIME or first.endswith("ly") or first in (
        "after", "when", "while", "as", "but", "and", "still", "however", "meanwhile", "last",
        "this", "worst", "best", "later", "earlier", "yet", "so", "instead", "indeed")
    dateline = start < len(toks) and toks[start].w.isupper() and len(toks[start].w) > 2
    if intro or dateline:
        m = start
        while m < i and toks[m].w != "," and (not dateline or toks[m].w not in ("—", "-")):
            m += 1
        if dateline:
            while m < i and toks[m].w not in ("—", "-"):
                m += 1
        if m < i and m - start <= 12:
            start = m + 1
    m = start
    while m < i and toks[m].s >= ss:
        t = toks[m]
        if t.w in _QUOTE_CHARS or t.w in (",", ";", ":"):
            break
        if t.low in _LEFT_STOP and t.low != "of" or (t.low in _CUES) or t.low in _AUX:
            break
        if m > start and t.w[0].islower() and (t.low in _COMMON_VERBS or (
                t.low.endswith("ed") and toks[m - 1].low not in ("the", "a", "an"))):
            break
        m += 1
    if m == start:
        return None
    if toks[start].low in _PRONOUNS:
        return (toks[start].s, toks[start].e)
    return _strip_span(text, toks[start].s, toks[m - 1].e)


def _according(text, toks, i, j, sent_of, sentences, quotes, used_quotes, quote_at, ss, se,
               si) -> Optional[Attribution]:
    n = len(toks)
    cue_span = (toks[i].s, toks[j].e)
    # source: NP after "according to" up to comma or sentence end
    k = j + 1
    m = k
    while m < n and toks[m].s < se and toks[m].w not in (",", ";", ".", ":") and \
            toks[m].w not in _QUOTE_CHARS:
        m += 1
    if m == k:
        return None
    src = _strip_span(text, toks[k].s, toks[m - 1].e)
    before = text[ss:toks[i].s].strip()
    if before.strip(" “\"‘'") == "" or before.endswith(("(", "—")) and False:
        # "According to X, CLAUSE"
        cs = toks[m].e if m < n and toks[m].s < se else se
        sp = _strip_content(text, cs, se)
    else:
        # "CLAUSE, according to X" (maybe ", according to X, CLAUSE-rest")
        pre = _strip_content(text, ss, toks[i].s)
        post = None
        if m < n and toks[m].w == "," and toks[m].s < se and m + 1 < n and \
                toks[m + 1].low not in ("who", "which", "whose", "where", "when", "a", "an",
                                        "the") and not toks[m + 1].low.endswith("ing"):
            post = _strip_content(text, toks[m].e, se)
        if pre is None:
            return None
        spans = [pre] + ([post] if post else [])
        kind = _kind(text, spans, quotes)
        return _mk(kind, spans, cue_span, src, si, sentences, text)
    if not sp:
        return None
    qk = quote_at(sp[0])
    if qk is not None:
        used_quotes.add(qk)
    kind = _kind(text, [sp], quotes)
    return _mk(kind, [sp], cue_span, src, si, sentences, text)
