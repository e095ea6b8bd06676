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

from claims.extraction.sentences import ABBREVIATIONS
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
show find indicate seem appear see view regard
express offer discuss mention thank tout welcome condemn decry echo slam assail favor prefer
demand
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
    "see": ("sees", "saw", "seeing"),
    "slam": ("slams", "slammed", "slamming"),
    "prefer": ("prefers", "preferred", "preferring"),
    "echo": ("echoes", "echoed", "echoing"),
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
for _w in ("back", "backs", "attack", "attacks", "question", "questions", "call",
           "blast", "mock", "finding", "seek", "cite", "refer",
           "continuing", "supports", "decline", "declines", "back", "appear",
           "seem", "indicate", "refusing", "propose", "blasts", "cites",
           # measured on PolNeAR train: mostly not annotated (nouns, "thanks to", offers...)
           "thanks", "favored", "echoes", "mentions", "demanded", "discusses", "echoing",
           "offers", "welcomes", "welcoming", "preferred", "offering", "favor", "offer",
           "prefer", "demand", "thank", "discuss", "mention", "echo", "welcome", "express",
           "offered",
           "condemn", "decry", "tout", "slam", "assail"):
    NP_CUES.pop(_w, None)
_CUES = {**NP_CUES, **THOUGHT_CUES, **SPEECH_CUES}
_NP_OK = set(_NP_REGULAR)
_RESEARCH = frozenset("""
poll polls survey surveys study studies analysis report reports data research researchers
authors review investigation audit census figures numbers polling results tally count
pollsters pollster findings estimates statistics video videos footage records documents
document memo emails e-mails polls. survey. experience evidence analyses reviews projections
model models forecast forecasts filings filing records files statistics results tallies
markets transcripts transcript
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
has been had been n't now
""".split())
# Words that end a source noun phrase on its left.
_LEFT_STOP = frozenset("""
that and but or while when as because since although though if so where after before which
whom what why how than unless until whether once yet nor then to for of in on at by with from
about into over under during without against between among through is are was were be been
being has have had do does did will would can could should may might must
""".split())
_LEFT_STOP_KEEP = frozenset("of".split())
# nouns of a role, kept with a following "for/at/with" phrase ("a spokesman for the ministry")
_ROLE_NOUNS = frozenset("""
spokesman spokeswoman spokesperson spokespeople official officials adviser advisers advisor
advisors aide aides lawyer lawyers attorney attorneys director representative representatives
manager chief head chairman chairwoman counsel secretary analyst analysts economist economists
strategist strategists researcher researchers professor fellow expert experts executive
executives organizer organizers staffer staffers operative operatives consultant consultants
""".split())  # "Sandoval-Moshenberg of the advocacy group ..."
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
    if len(words) <= 4 and inner.endswith(",") and all(w[0].isupper() for w in words) and \
            text[max(0, s - 3):s].strip()[-1:].isalnum():
        return True  # a title: on ABC’s “This Week,” Carson said (not “Safety,” said Grimm)
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
        if _BOILERPLATE.match(text, ps):
            continue  # "Editor’s note: ...": the outlet's boilerplate, not a report
        try:
            found, prev_direct, prev_open = _paragraph(text, sentences, pidx, ps, pe,
                                                       prev_direct, prev_open)
        except Exception:  # never let one odd paragraph break a report
            found, prev_direct, prev_open = [], None, False
        out.extend(found)
    return _validate(text, out)


_BOILERPLATE = re.compile(r"\W{0,3}editor[’']?s[’']? note\b", re.IGNORECASE)


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
        elif t.low in _PHRASAL and i + 1 < n and toks[i + 1].low == _PHRASAL[t.low][0]:
            # "talked about X", "focused on X", "voted for X", "pointed to X"
            base = _PHRASAL[t.low][1]
            cue_end_i = i + 1
        elif t.low in _MAKE and i + 1 < n and (toks[i + 1].low == "clear" or (
                toks[i + 1].low == "it" and i + 2 < n and toks[i + 2].low == "clear")):
            base = "argue"  # "made (it) clear that ..."
            cue_end_i = i + 1 if toks[i + 1].low == "clear" else i + 2
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

    # research sources: "In a CNN poll, Clinton led ..." / "Trump is ahead in the polls."
    for ci, t in enumerate(toks):
        if t.low != "in" or t.inq:
            continue
        att = _in_poll(text, toks, ci, sent_of, sentences, real_quotes, found)
        if att is not None:
            found.append(att)

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
        headline = pidx[0] == 0 and head and 1 < len(head) <= 7 and head[0].w[0].isupper() and \
            all(_is_word(h) or h.w in (".", "-", "’", "'") for h in head) and \
            not any(h.low in _CUES for h in head)
        if head and head[0].s == ps and (len(head) <= 4 and all(
                _is_word(h) and h.w[0].isupper() or h.w in (".", "-", "’", "'") for h in head)
                                         or headline) \
                and head[0].low not in _NOT_SPEAKERS and \
                head[0].low not in _LEFT_STOP and head[0].low not in _TIME and \
                head[0].low not in ("so", "contributing", "here", "now", "today", "again"):
            src = _strip_span(text, head[0].s, head[-1].e)
            sp = _strip_content(text, t.e, pe)
            if sp and len(re.findall(r"[^\W\d_]+", text[sp[0]:sp[1]])) < 4:
                sp = None
            if any(h.low in _LABEL_WORDS for h in head):
                sp = None  # "The Latest: ...", "Delegate Update: ..."
            if sp and text.count(",", sp[0], sp[1]) >= 6 and \
                    len(text[sp[0]:sp[1]].split()) < 4 * text.count(",", sp[0], sp[1]):
                sp = None  # "Iowa: Tim Albrecht, Brad Anderson, ...": a list
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
                                          "complain", "see", "view", "show", "find",
                                          "indicate"):
            return None
        if prevlow == "to" and t.low == base:
            return None  # "to say", "wants to know"
        if t.w[0].isupper() and i > 0 and toks[i - 1].s >= ss and toks[i - 1].w[0].isalnum() \
                and not ((t.low in SPEECH_CUES or si == 0) and _title_case(text, ss, se)):
            return None  # a name or title: "Mark Said" (but "Trump Says He Will Win")
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
    if ing and (prevlow in _BE or prevlow in _KEEP or (prev2 in _BE or prev2 in _KEEP) and (
            prevlow.endswith("ly") or prevlow in ("not", "also", "still", "now", "again"))):
        ing = False  # progressive: "the group is calling on", "Johnson kept asking her"
    # nouns that look like verbs: "Ford's plans", "the FEC reports", "in three states"
    if t.low in _AMBIG_NOUNS and prev is not None and prev.s >= ss:
        nx = toks[j + 1].low if j + 1 < len(toks) else ""
        if not (prev.low in _PRONOUNS or prev.low in _AUX or
                (prev.w[0].isupper() and not prev.low.endswith(("'s", "’s")) and
                 prev.low not in ("united", "the") and nx in ("that", ",", ":", "“", '"')) or
                (nx in ("for", "on") and t.low == "calls" and (prev.w[0].isupper() or
                                                                 prev.low in _PRONOUNS) and
                 not prev.low.endswith(("'s", "’s"))) or
                (nx == "to" and _CUES[t.low] in _TAKES_TO and _is_word(prev) and
                 not prev.low.endswith(("'s", "’s", "s'", "s’")) and prev.low not in _NOT_SUBJ)):
            return None
    if prev is not None and prev.s >= ss and prev.low.endswith(("'s", "’s")) and \
            t.w[0].islower() and not t.low.endswith(("ed", "ing")) and t.low not in (
                "says", "said", "thinks", "believes", "knows", "wants", "told", "tells",
                "claim", "claims", "view", "views", "hope", "hopes", "guess"):
        return None  # a noun after a possessive: "Editor’s note:", "Ford's plans"
    if t.low in ("pledged", "committed", "bound") and j + 1 < len(toks) and \
            toks[j + 1].low in ("delegates", "superdelegates", "delegate"):
        return None  # "pledged delegates": an adjective
    if t.low in ("note", "plan", "hope", "fear", "call", "want", "support", "claim") and \
            prev is not None and prev.s >= ss and prev.low not in _PRONOUNS and \
            prev.low not in _AUX and not prev.low.endswith("s") and prev.low not in (
                "people", "americans", "voters", "they", "many", "most", "some", "few"):
        return None
    if t.low == "called" and prev is not None and prev.s >= ss and prev.w[0].islower() and \
            prev.low not in _PRONOUNS and prev.low not in _AUX and j + 1 < len(toks) and \
            (toks[j + 1].w[0].isupper() or toks[j + 1].w in _QUOTE_CHARS or
             toks[j + 1].low == "the" and j + 2 < len(toks) and toks[j + 2].w[0].isupper()):
        return None  # "a group called Ginbot 7", "a competition called the House to Home Prize"

    if base in ("seem", "appear"):
        return _seem(text, toks, i, j, ss, se, si, sentences, quotes)
    if base in ("see", "view", "regard"):
        # only "sees Cruz as a uniter": the object and its "as" phrase
        ok = False
        for tt in toks[j + 2:j + 10]:
            if tt.s >= se or tt.w in (",", ";", ":", ".") or tt.inq:
                break
            if tt.low == "as":
                ok = True
                break
        if not ok or (j + 1 < len(toks) and toks[j + 1].low in ("it", "this", "that", "to")):
            return None
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
        if r is _SKIP:
            return None
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
    if that_i is not None and that_i > k and (
            toks[k].low in _PRONOUNS or toks[that_i - 1].low in (
                "to", "of", "at", "for", "about", "with", "on", "in", "by", "from", "like",
                "all", "is", "was", "be", "do", "did", "does", "and", "or", "but", "not")):
        that_i = None  # "said she was not going to jump to that conclusion": no "that" clause
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
    if src_left and not t.low.endswith("ing") and _gap_after(toks, j, se) and \
            "," not in text[src_left[1]:toks[i].s] and \
            _reduced_relative(toks, src_left, ss):
        return None

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
        if src_left:
            src = src_left
        elif _after_coordination(toks, i, ss) or base in _HEARER:
            src = _subject_of_sentence(text, toks, i, ss, found)
        else:
            src = _source_right(text, toks, j, se)
        # if there's text after the quote in the same sentence, it's still a direct quote
        kind = "direct"
        return _mk(kind, [(q[0], q[1])], cue_span, src, si, sentences, text)

    # ---- 3b. "Said Comey, “...”" / "But, said Solovey, “...”": cue, name, quote
    if qk is None and not ing and nxt is not None and nxt.w[0].isupper() and \
            base in SPEECH_CUES and (i == 0 or toks[i - 1].s < ss or toks[i - 1].w == ","):
        srcr = _source_right(text, toks, j, se)
        if srcr:
            m2 = bisect.bisect_left([tt.s for tt in toks], srcr[1])
            if m2 + 1 < n and toks[m2].w == "," and toks[m2 + 1].w in _QUOTE_CHARS:
                qk2 = quote_at(toks[m2 + 1].s)
                if qk2 is not None and qk2 not in used_quotes and len(text[srcr[0]:srcr[1]].split()) <= 6:
                    used_quotes.add(qk2)
                    q = quotes[qk2]
                    return _mk("direct", [(q[0], q[1])], cue_span, srcr, si, sentences, text)

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
    if nxt.w == "," and not (k + 1 < n and toks[k + 1].w in _QUOTE_CHARS) and \
            _SUBORD.match(text, ss) and not any(tt.w == "," for tt in toks[:i] if tt.s >= ss):
        return None  # "By the time the primaries concluded, CLAUSE": not what was said
    if base == "maintain" and nxt.low in ("a", "an", "the", "his", "her", "their", "its", "our",
                                          "my", "your", "faith", "control", "contact"):
        return None  # "maintained a large lead": kept, not asserted
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
                             "its", "my", "our", "your", "it") and base in _CLAUSE_OK_NP) and \
            not (nxt.low == "her" and base in _CLAUSE_OK_NP and base not in _HEARER and
                 k + 1 < n and toks[k + 1].w[0].islower() and toks[k + 1].low not in _LEFT_STOP) \
            and not (nxt.low == "about" and k + 1 < n and (toks[k + 1].w[0].isdigit() or
                     toks[k + 1].low in ("half", "a", "one", "two", "three", "a", "as"))):
        return None
    if np_ok and nxt.low in ("of", "about", "up", "out", "down", "off", "in", "at", "by", "as",
                             "so", "and", "but", "or", "when", "than", "with", "among",
                             "across", "is", "are", "was", "were", "has", "have", "had",
                             "will", "would", "can", "could") or \
            base in ("support", "oppose", "see", "view") and nxt.low in ("for", "from", "to"):
        return None
    if base in _NEEDS_CLAUSE and toks[k].low != "that" and nxt.low not in ("to",) and \
            base not in _CLAUSE_OK_NP and not np_ok:
        return None
    cend = _forward_end(text, toks, k, se, found)
    if base in _NP_OBJECT and toks[k].low != "that" and nxt.low != "to":
        cend = min(cend, _np_object_end(toks, k, se))
    elif base in ("call", "describe") or (base in _NP_OBJECT and nxt.low == "to"):
        cend = min(cend, _coordinated_verb(toks, k, se))
    sp = _strip_content(text, cstart, cend)
    if not sp:
        return None
    nwords = sum(1 for tt in toks if sp[0] <= tt.s < sp[1] and _is_word(tt))
    if nwords < (1 if base in _NP_OBJECT and cend < se else
                 2 if base in ("call", "describe") and cend < se or
                 nxt.low == "to" and base in _TAKES_TO else 3):
        return None
    if nwords < 3 and not (nxt.low == "to" and base in _TAKES_TO) and (
            nxt.low in _LEFT_STOP or nxt.low in ("the", "a", "an", "himself",
                                                              "herself", "themselves") or
                       not nxt.w[0].isalpha()):
        return None
    # source
    src = src_left
    if ing:
        src = _with_subject(text, toks, i, ss) or _subject_of_sentence(text, toks, i, ss, found)
    elif src is None:
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

# words before a plural noun-looking cue that make it a noun ("his plans to", "new hopes to")
_NOT_SUBJ = frozenset("""
a an the his her their its our my your whose this that these those no any some new early
initial future original latest own first big grand ambitious such other earlier previous
political presidential campaign policy economic and or of
""".split())

_BE = frozenset("was were is are been be being get got".split())
_KEEP = frozenset("""
keep keeps kept began begin begins started start starts continued continue continues
""".split())

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


_POLL_WORDS = frozenset("""
poll polls survey surveys polling study studies analysis report census tally count data
""".split())


def _in_poll(text, toks, ci, sent_of, sentences, quotes, found) -> Optional[Attribution]:
    """ "In a CNN poll released Monday, Clinton led ..." -> source "a CNN poll released
    Monday", content the clause after the comma."""
    n = len(toks)
    si = sent_of[ci]
    ss, se = sentences[si].start, sentences[si].end
    # the NP after "in": up to a comma / sentence end, holding a research word
    m = ci + 1
    has = False
    while m < n and toks[m].s < se and m - ci <= 14:
        w = toks[m]
        if w.inq or w.w in _QUOTE_CHARS or w.w in (";", ":", ".", "!", "?"):
            break
        if w.w == ",":
            break
        if w.low in _POLL_WORDS:
            has = True
        if w.low in _CUES or w.low == "that":
            return None
        m += 1
    if not has or m == ci + 1:
        return None
    src = _strip_span(text, toks[ci + 1].s, toks[m - 1].e)
    if not src:
        return None
    first = toks[ci + 1].low
    if first not in ("a", "an", "the", "this", "that", "these", "those", "its", "their",
                     "his", "her", "our", "recent", "several", "most", "many", "some", "both",
                     "national", "new", "latest", "all", "every") and not toks[ci + 1].w[0].isupper():
        return None
    before = text[ss:toks[ci].s].strip(" “\"‘'")
    if any(a.content_start <= toks[ci].s < a.content_end or
           (a.cue_span and a.cue_span[0] <= toks[ci].s < a.cue_span[1]) or
           (a.source_span and a.source_span[0] <= toks[ci].s < a.source_span[1])
           for a in found):
        return None
    cue = (toks[ci].s, toks[ci].e)
    if before == "" or before.lower() in ("but", "and", "yet", "still", "meanwhile"):
        if m >= n or toks[m].w != "," or toks[m].s >= se:
            return None
        end = _forward_end(text, toks, m + 1, se, [])
        sp = _strip_content(text, toks[m].e, end)
    else:
        return None  # "CLAUSE in the polls." is too often the report's own statement
    if not sp or len(text[sp[0]:sp[1]].split()) < 3:
        return None
    return _mk(_kind(text, [sp], quotes), [sp], cue, src, si, sentences, text)


# verbs whose content is their object noun phrase ("endorsed Clinton last week")
_NP_OBJECT = frozenset("""
endorse support defend praise oppose reject dismiss blame attack denounce blast mock back
propose question seek cite refer criticize criticise accuse
express offer discuss mention thank tout welcome condemn decry echo slam assail favor prefer
demand
""".split())
# an adverbial after an object noun phrase: a preposition followed (within a few words) by
# a time or venue word ("in early June", "at a news conference", "on Twitter")
_NP_END_PREPS = frozenset("in at on during after before amid".split())
_VENUE_WORDS = frozenset("""
rally rallies conference interview interviews statement statements debate debates event
speech speeches meeting hearing appearance appearances call town twitter facebook radio
television show program broadcast op-ed letter campaign stop stops trail forum dinner
convention primary primaries caucus caucuses weekend morning night afternoon evening
""".split())


def _coordinated_verb(toks, k, se) -> int:
    """Start of a second verb phrase of the same subject: "called him divisive and accused
    him of ..." -> the end of the first one's content."""
    n = len(toks)
    for m in range(k + 1, n - 1):
        t = toks[m]
        if t.s >= se:
            break
        if t.inq or t.low not in ("and", "but"):
            continue
        nx = toks[m + 1]
        if nx.s >= se or nx.inq:
            break
        nl = nx.low
        after = toks[m + 2] if m + 2 < n and toks[m + 2].s < se else None
        if nl in _CUES or nl in _COMMON_VERBS or nl in ("then", "later", "also") or (
                nl.endswith("ed") and len(nl) > 4 and nx.w[0].islower() and after is not None
                and (after.low in ("the", "a", "an", "his", "her", "their", "its", "him",
                                   "them", "it", "that", "to", "on", "for", "one", "some", "all",
                                   "several", "both") or
                     after.w[0].isupper())):
            e = t.s
            if m > 0 and toks[m - 1].w == ",":
                e = toks[m - 1].s
            return e
    return se


def _np_object_end(toks, k, se) -> int:
    """End (char) of the object NP starting at toks[k]: before a time word, a time/venue
    adverbial, a participle/conjunction after a comma or a coordinated verb ("endorsed Cruz
    last week and said ...")."""
    n = len(toks)
    m = k
    while m < n and toks[m].s < se:
        t = toks[m]
        if t.inq or m == k:
            m += 1
            continue
        low = t.low
        if t.w in (";", ":", "—", "–") or low in ("say", "says", "said", "told", "tell",
                                                  "believe", "think", "argue", "insist"):
            return t.s
        if t.w == "," and m + 1 < n:
            nx = toks[m + 1].low
            if nx.endswith("ing") or nx in ("and", "but", "while", "although", "though",
                                            "even", "as", "according", "because", "since",
                                            "then", "so", "when", "after", "before"):
                return t.s
        if low in _TIME and low not in ("then", "once", "also", "again", "this", "next",
                                        "day", "days") or \
                low in _MONTHS and t.w[0].isupper() and low != "may":
            return t.s
        if low in _NP_END_PREPS:
            for t2 in toks[m + 1:m + 5]:
                l2 = t2.low
                if t2.s >= se:
                    break
                if l2 in _TIME or l2 in _VENUE_WORDS or l2 in _MONTHS or l2.isdigit():
                    return t.s
        if low in ("and", "but") and m + 1 < n:
            nx = toks[m + 1].low
            if nx in SPEECH_CUES or nx in _AUX or nx in _COMMON_VERBS or \
                    (nx.endswith("ed") and nx in _CUES):
                return t.s
        m += 1
    return se


def _seem(text, toks, i, j, ss, se, si, sentences, quotes):
    """ "The court seemed to send a signal": the subject and the to-clause are the content."""
    n = len(toks)
    if j + 1 >= n or toks[j + 1].s >= se:
        return None
    nx = toks[j + 1]
    if nx.low != "to" and (toks[i].low in _BE or nx.inq or not nx.w[0].isalpha() or
                           nx.w[0].isupper() or nx.low in _PLAIN_APPEAR or
                           nx.low in _LEFT_STOP and nx.low not in ("so", "as")):
        return None  # "appeared on Fox News", "seems, ..."
    subj = _source_left(text, toks, i, ss, quotes)
    if not subj or text[subj[0]:subj[1]].lower() in ("it", "there", "this", "that", "which"):
        return None
    end = _forward_end(text, toks, j + 1, se, [])
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
    rest = _strip_content(text, toks[j + 1].s, end)
    if not rest:
        return None
    return _mk("indirect", [subj, rest], (toks[i].s, toks[j].e), None, si, sentences, text)


# after "appear"/"seem", words of a plain appearance (not "seemed ready to ..."): "appeared
# on Fox News", "appeared together"
_PLAIN_APPEAR = frozenset("""
on at in before with alongside together onstage live briefly here there only again and or
but the a an his her their its this that these those
""".split())


# a heading before a colon, not a speaker: "The Latest: ...", "Delegate Update: ..."
_LABEL_WORDS = frozenset("""
latest update updates notice week briefing newsletter podcast roundup recap
highlights live video photos photo quiz opinion editorial analysis stat deaths breaking correction transcript timeline factbox explainer q&a
""".split())


def _phrasal(bases, particle, as_base):
    out = {}
    for b in bases:
        for f in (b,) + _inflect(b):
            out[f] = (particle, as_base)
    return out


# verb + particle cues read like a verb with an object ("talked about the record")
_IRREGULAR.setdefault("speak", ("speaks", "spoke", "speaking"))
# ("focus on", "voted for" measured: as often a noun or not annotated as an attribution)
_PHRASAL = {**_phrasal(["talk", "speak"], "about", "discuss"),
            **_phrasal(["point"], "to", "cite")}
_MAKE = frozenset("make makes made making".split())


_SKIP = object()  # "no attribution here", from a reader that recognised the construction


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
        if src is None and _after_coordination(toks, i, ss):
            src = _subject_of_sentence(text, toks, i, ss, found)
    if src is None and end < se and prevlow in ("when", "after", "before", "once", "if",
                                                 "being"):
        # "When asked if X, the official told VOA that ...": the question is no one's
        # statement; the answer that follows is read from its own cue
        return _SKIP
    return _mk(_kind(text, [sp], quotes), [sp], (toks[i].s, toks[j].e), src, si, sentences,
               text)


_WORD_BACK = re.compile(r"[\w.’'&-]+$")


def _who_antecedent(text, src, ss):
    """ "Chris Christie, who ..., said": the speaker span runs from the noun phrase "who"
    stands for through "who" (the span holds both the name and the relative pronoun)."""
    s, e = src
    pos = s
    i = pos
    while i > ss and text[i - 1] == " ":
        i -= 1
    if i > ss and text[i - 1] == ",":
        i -= 1
    start = None
    nwords = 0
    while i > ss and nwords < 7:
        j = i
        while j > ss and text[j - 1] == " ":
            j -= 1
        m = _WORD_BACK.search(text, ss, j)
        if not m or m.end() != j:
            break
        w = m.group(0)
        low = w.lower()
        if low in _LEFT_STOP and low != "of" or low in _CUES or low in _PRONOUNS:
            break
        if nwords == 0 and not (w[0].isupper() or low in _ROLE_NOUNS or low.endswith("s")):
            return src
        start = m.start()
        nwords += 1
        i = m.start()
    if start is None:
        return src
    while True:
        m = re.match(r"(?:of|the|a|an)\s+", text[start:e], re.I)
        if not m or start + m.end() >= s:
            break
        if text[start:start + m.end()].strip().lower() == "of":
            start += m.end()
        else:
            break
    return (start, e)


def _mk(kind, spans, cue, src, si, sentences, text):
    spans = [s for s in spans if s and s[0] < s[1]]
    if not spans:
        return None
    if src and text[src[0]:src[1]].lower() == "who":
        src = _who_antecedent(text, src, sentences[si].start)
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
        if w in ("on", "in", "during") and k + 1 < n and toks[k + 1].s < se and (
                toks[k + 1].low in _TIME or toks[k + 1].low in _MONTHS and
                toks[k + 1].w[0].isupper()) and toks[k + 1].low not in ("then", "once",
                                                                         "again", "also"):
            k += 2  # "told reporters on Thursday he ..."
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
                    and toks[m].low not in stops and toks[m].low not in _TIME and \
                    not (m > k and (toks[m].low in _PRONOUNS or toks[m].low in _CUES)):
                m += 1
            ok = m < n and (toks[m].s >= se or toks[m].w in (",", ":", "“", '"', "‘", ".") or
                            toks[m].low in stops or toks[m].low in _TIME or
                            m > k and m < lim and toks[m].low in _PRONOUNS)
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
    if _name_appositive_subject(toks, i, ss):
        return False  # "Chris Collins, a Trump supporter, said Trump strategists plan ..."
    nx = toks[j + 1]
    if nx.w[0].isupper() or nx.low in ("the", "a", "an", "he", "she", "they", "one", "two",
                                      "three", "several", "many", "some", "most", "both"):
        return True
    # lower-case title: ", said health department spokeswoman Ann Cole."
    return nx.w[0].isalpha() and nx.low not in _LEFT_STOP and nx.low not in _TIME and \
        nx.low not in _CUES and not nx.low.endswith("ly")


def _name_appositive_subject(toks, i, ss) -> bool:
    """The sentence opens with "NAME, APPOSITIVE," right before the cue: the name is the
    subject ("Congressman Chris Collins, a Trump supporter, said ...")."""
    k = i - 1
    p = k
    while p > 0 and toks[p - 1].s >= ss:
        p -= 1
    seg = toks[p:k]
    commas = [x for x, t in enumerate(seg) if t.w == ","]
    if not commas or len(commas) > 3 or any(t.inq or t.w in _QUOTE_CHARS for t in seg):
        return False
    name = seg[:commas[0]]

    def is_name(ts):
        return bool(ts) and len(ts) <= 6 and all(t.w[0].isupper() or t.w in (".", "-", "’", "'")
                                                 for t in ts) and \
            ts[0].low not in _PRONOUNS and ts[0].low not in _LEFT_STOP and \
            ts[0].low not in _TIME and ts[0].low not in _MONTHS

    if len(commas) == 1 and name and name[0].low in ("one", "a", "an", "the", "another") and \
            len(name) <= 6 and is_name(seg[commas[0] + 1:]) and not any(
                t.low in _CUES or t.low in _COMMON_VERBS or t.low in _LEFT_STOP and
                t.low not in ("of", "for", "at") for t in name[1:]):
        return True  # "One Republican hopeful, Carly Fiorina, says ..."
    if not is_name(name):
        return False
    rest = seg[commas[0] + 1:]
    if not rest or any(t.low in _CUES or t.low in ("is", "was", "are", "were", "has", "had",
                                                    "have", "will", "would")
                       for t in rest if t.w[0].islower()):
        return False
    first = rest[0]
    return first.low in ("a", "an", "the") or first.w[0].isdigit() or first.w[0].islower() or \
        first.low.endswith(("'s", "’s"))


def _inverted_tail_ok(text, toks, j, se) -> bool:
    """After ", said NAME": the name runs to the sentence end or to a tail."""
    src = _source_right(text, toks, j, se)
    if not src:
        return False
    if re.search(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might|"
                 r"must|does|did|won't|wouldn't|isn't|wasn't)\b", text[src[0]:src[1]], re.I):
        return False  # "Jane Roe, a spokeswoman, said the rule would change": a clause
    rest = text[src[1]:se].strip()
    if not rest or rest in (".", "!", "?"):
        return True
    if "," in text[src[0]:src[1]] and re.match(r"(?:at|in|of|for|with|on)\s", rest):
        # "said Howard Rubel, a senior analyst at Jefferies(, who notes ...)."
        m = re.match(r"[^,;:.“\"]*(?:\.(?=\w)[^,;:.“\"]*)*", rest)
        after = rest[m.end():].strip()
        if not after or after in (".", "!", "?") or re.match(
                r",\s*(?:who|which|whose|adding|noting|according|in|on|at|during)\b", after):
            return True
    if re.search(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should)\b", rest) \
            and not rest.startswith(","):
        return False  # "X, of Y, said Clinton’s response to Trump was undercut": a clause
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
                         or (look[0] in SPEECH_CUES and w1.low in ("said", "says"))
                         or _main_clause_cue(toks, m + 1, se)):
                return t.s
        m += 1
    return se


_MAIN_CUES = frozenset("said says told tells wrote writes added adds argued argues insisted "
                       "insists noted notes".split())


def _main_clause_cue(toks, k, se) -> bool:
    """After a comma: ", Clinton said she ...", ", Benjamin said he ..." - a new main clause
    with its own speech cue (subject: a name, the/a noun phrase or a pronoun)."""
    n = len(toks)
    if k >= n or toks[k].inq or not (toks[k].w[0].isupper() or toks[k].low in ("the", "a", "an")):
        return False
    for m in range(k + 1, min(n, k + 6)):
        t = toks[m]
        if t.s >= se or t.inq or not _is_word(t) and t.w not in (".", "’", "'", "-"):
            return False
        if t.low in _MAIN_CUES:
            nx = toks[m + 1] if m + 1 < n else None
            # a clause follows the cue (not ", Clinton said." closing a fronted content)
            return nx is not None and nx.s < se and _is_word(nx)
        if t.w[0].islower() and t.low not in ("of", "the", "a", "an") and not (
                m > k and toks[m - 1].low in ("the", "a", "an")) and t.low not in _AUX:
            return False
    return False


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
            inner = text[q[0]:q[1]].rstrip("”’»\"'").rstrip()
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
                                          (toks[m].low in _KEEP and toks[i].low.endswith("ing"))
                                          or
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
                    any(x.low in ("who", "whom", "whose", "which") for x in
                        toks[seg_start:seg_end]) or \
                    toks[seg_start].w[0].islower() and first not in ("the", "a", "an") or \
                    all(not _is_word(x) or x.w.isdigit() for x in toks[seg_start:seg_end]):
                # relative clause or participle: the noun is before it
                if k >= 0 and toks[k].w == "," and toks[k].s >= ss:
                    np_ = _np_left(text, toks, k - 1, ss)
                    if np_ and not text[np_[0]].isupper() or np_ and \
                            text[np_[0]:np_[0] + 4].lower() in ("the ", "a ", "an "):
                        # "Zaheed, acting director of CREDO, which ..., said": the name
                        p = bisect.bisect_left([x.s for x in toks], np_[0]) - 1
                        if p >= 1 and toks[p].w == "," and toks[p].s >= ss and \
                                toks[p - 1].w[0].isupper() and toks[p - 1].low not in _PRONOUNS:
                            name = _np_left(text, toks, p - 1, ss)
                            if name and text[name[0]].isupper():
                                return name
                    return np_
            if first in ("the", "a", "an") or first[0].isdigit():
                # "Sylke Tempel, the editor of X, the magazine of Y, said": the name that
                # opens the chain of appositives
                head = _appositive_head(text, toks, seg_start, ss)
                if head:
                    return head
            if first in ("the", "a", "an") and k >= 1 and toks[k].w == "," and \
                    toks[k].s >= ss and toks[k - 1].w[0].isupper() and \
                    toks[k - 1].low not in _PRONOUNS:
                # "Cruz, the only candidate to campaign in Wyoming, told": the name
                name = _np_left(text, toks, k - 1, ss)
                if name and text[name[0]].isupper():
                    return name
            return _np_left(text, toks, seg_end - 1, ss)
        return None
    if toks[m].low in ("who", "which", "that") and m >= 0:
        return (toks[m].s, toks[m].e)
    # "officials who spoke with The Huffington Post said": the noun before the relative clause
    w = m
    while w >= 0 and toks[w].s >= ss and m - w < 14:
        tw = toks[w]
        if tw.inq or tw.w in _QUOTE_CHARS or tw.w in (",", ";", ":", "—", "–") or \
                tw.low in _PRONOUNS and tw.low not in ("who", "that") and w != m:
            break
        if (tw.low == "who" or tw.low == "that" and w + 1 < m and (
                toks[w + 1].low in ("has", "have", "had", "are", "were", "is", "was") or
                toks[w + 1].low.endswith("ed"))) and w > 0 and toks[w - 1].s >= ss and \
                _is_word(toks[w - 1]) and \
                toks[w - 1].low not in _LEFT_STOP and w < m:
            sp = _np_left(text, toks, w - 1, ss)
            if sp:
                return sp
            break
        w -= 1
    return _np_left(text, toks, m, ss)


def _appositive_head(text, toks, seg_start, ss) -> Optional[Span]:
    """Walk back over comma-separated appositives ("the editor of X", "35", "a union ...")
    to the name they describe: "Sylke Tempel, the editor of X, the magazine of Y, said"."""
    k = seg_start - 1
    for _ in range(4):
        if k < 1 or toks[k].w != "," or toks[k].s < ss:
            return None
        p = k - 1
        while p >= 0 and toks[p].s >= ss and toks[p].w not in (",", ";", ":", "—", "–") and \
                not toks[p].inq and toks[p].w not in _QUOTE_CHARS:
            p -= 1
        seg = toks[p + 1:k]
        if not seg or len(seg) > 14:
            return None
        f = seg[0]
        if f.w[0].isupper() and f.low not in ("the", "a", "an") and len(seg) <= 6 and \
                all(t.w[0].isupper() or t.w in (".", "-", "’", "'") for t in seg) and \
                f.low not in _PRONOUNS and f.low not in _LEFT_STOP and f.low not in _TIME and \
                f.low not in _MONTHS:
            if p >= 0 and toks[p].s >= ss and toks[p].w not in (",",):
                return None  # "... ; Obama, the president," - keep it simple
            return _strip_span(text, seg[0].s, seg[-1].e)
        if f.low in ("the", "a", "an") or f.w[0].isdigit() or (
                f.w[0].islower() and f.low not in _LEFT_STOP and f.low not in _CUES and
                f.low not in ("who", "which", "whose")):
            k = p
            continue
        return None
    return None


def _np_left(text, toks, m, ss) -> Optional[Span]:
    if m < 0 or toks[m].s < ss:
        return None
    end = m
    k = m
    if toks[m].w == ")":
        # "Sen. Mitch McConnell (R-Ky.) said": the NP goes on before the parenthesis
        p = m - 1
        while p >= 0 and toks[p].s >= ss and toks[p].w != "(" and m - p < 12:
            p -= 1
        if p > 0 and toks[p].w == "(" and toks[p - 1].s >= ss and _is_word(toks[p - 1]):
            k = p - 1
        else:
            return None
    count = 0
    while k >= 0 and toks[k].s >= ss:
        t = toks[k]
        if t.inq or t.w in _QUOTE_CHARS:
            break
        if not _is_word(t) and t.w not in ("’", "'", "-", "&", "."):
            break
        low = t.low
        if low in ("for", "at", "with") and k - 1 >= 0 and toks[k - 1].s >= ss and \
                toks[k - 1].low in _ROLE_NOUNS and k < m:
            # "A spokeswoman for the ministry", "an economist at the bank"
            k -= 1
            count += 1
            continue
        if low in _LEFT_STOP and low not in _LEFT_STOP_KEEP:
            break
        if low in _CUES and k != m and t.w[0].islower() and not (
                (low == _CUES[low] or low in _AMBIG_NOUNS) and k > 0 and
                toks[k - 1].s >= ss and _is_word(toks[k - 1]) and
                toks[k - 1].low not in _PRONOUNS and toks[k - 1].low not in _LEFT_STOP):
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
        if low in ("the", "a", "an") and k < m and k > 0 and toks[k - 1].s >= ss and \
                _is_word(toks[k - 1]) and toks[k - 1].low not in _LEFT_STOP and \
                toks[k - 1].low not in ("all", "both", "half", "of") and \
                not toks[k - 1].low.endswith(("'s", "’s")) and toks[k - 1].low not in _TIME:
            # "the wall the US leader has pledged": a new noun phrase starts at the article
            count += 1
            k -= 1
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


_SUBORD = re.compile(r"[“\"‘']?(?:when|whenever|after|before|once|until|since|if|because|"
                     r"while|although|though|by the time|as soon as|now that)\b",
                     re.IGNORECASE)


def _gap_after(toks, j, se) -> bool:
    """The cue has no object or clause of its own: "pledged to build on", "announced on
    Monday", "said." (the object is the noun the relative clause modifies)."""
    k = j + 1
    if k >= len(toks) or toks[k].s >= se:
        return True
    w = toks[k]
    return w.low == "to" or w.low in _ADVERBIAL_PREP or w.w in (",", ".", ";", ")")


def _reduced_relative(toks, src, ss) -> bool:
    """ "... over the wall the US leader has pledged to build ...": the source NP follows a
    noun inside the clause, so the cue sits in a relative clause about that noun (not a
    statement of its own). "In a statement the company said" (an opening phrase) is not."""
    p = bisect.bisect_left([t.s for t in toks], src[0])
    if p >= len(toks) or toks[p].low not in ("the", "a", "an") or p == 0:
        return False
    q = p - 1
    if toks[q].s < ss or not _is_word(toks[q]) or toks[q].low in _LEFT_STOP or \
            toks[q].low in ("all", "both", "half") or toks[q].low in _TIME or \
            toks[q].low.endswith(("'s", "’s")) or toks[q].w[0].isupper():
        return False
    while q >= 0 and toks[q].s >= ss and _is_word(toks[q]) and toks[q].low not in _LEFT_STOP:
        q -= 1
    if q < 0 or toks[q].s < ss:
        return False  # the sentence opens with the noun: "The wall the leader pledged ..."
    if toks[q].low in _LEFT_STOP and toks[q].low in _ADVERBIAL_PREP | {"in", "on", "at"}:
        r = q - 1
        if r < 0 or toks[r].s < ss or toks[r].w in (",", "—", "–", ";"):
            return False  # "In a statement the company said"
    return True


_SMALL_WORDS = frozenset("a an the of to in on at for and or but by with as from vs".split())


def _title_case(text, ss, se) -> bool:
    """A headline in title case: "Trump Says He Never Pledged To Kill Family Members"."""
    words = [w for w in re.findall(r"[^\W\d_][\w’']*", text[ss:se]) if w.lower() not in
             _SMALL_WORDS]
    if len(words) < 4:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps >= 0.8 * len(words)


def _with_subject(text, toks, i, ss) -> Optional[Span]:
    """ ", with Senator John McCain telling reporters ...": the noun phrase after "with"."""
    m = i - 1
    while m >= 0 and toks[m].s >= ss and (toks[m].low in _AUX or toks[m].low.endswith("ly")):
        m -= 1
    sp = _np_left(text, toks, m, ss) if m >= 0 and toks[m].s >= ss else None
    if not sp:
        return None
    p = bisect.bisect_left([t.s for t in toks], sp[0]) - 1
    if p >= 0 and toks[p].s >= ss and toks[p].low == "with":
        return sp
    return None


def _after_coordination(toks, i, ss) -> bool:
    """The cue follows "and"/"but" (+ auxiliaries): "furrowed his brow and said, “...”"."""
    m = i - 1
    while m >= 0 and toks[m].s >= ss and (toks[m].low in _AUX or toks[m].low in _TIME):
        m -= 1
    return m >= 0 and toks[m].s >= ss and toks[m].low in ("and", "but", "then")


def _abbrev_dot(t: _Tok) -> bool:
    """The word before a full stop that does not end a name: "Mr", "Sen", "J", "U.S"."""
    return (t.low in ABBREVIATIONS and t.w[0].isupper()) or (len(t.w) == 1 and t.w.isupper()) \
        or ("." in t.w and len(t.w) <= 5)


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
        if t.w == "." and m > k and _abbrev_dot(toks[m - 1]):
            m += 1
            continue
        if t.w in (".", ";", ":", "!", "?") or t.w in _QUOTE_CHARS or t.inq:
            break
        if t.low in ("in", "at", "during", "on", "to", "via", "after", "before", "while",
                     "when", "as", "adding", "that", "because", "and"):
            if t.low == "and" and m + 1 < n and toks[m + 1].w[0].islower() and \
                    any(x.w == "," for x in toks[k:m]) and not (
                        toks[m + 1].low in _CUES or toks[m + 1].low in _AUX or
                        toks[m + 1].low in _COMMON_VERBS or toks[m + 1].low.endswith("ed")):
                pass  # "said Dan Gerstein, director of X and an independent analyst"
            elif t.low != "and" or (m + 1 < n and toks[m + 1].w[0].islower()):
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
    intro = first in _ADVERBIAL_PREP or first in _TIME or first.endswith("ly") or (
        first.endswith(("ing", "ed")) and start < len(toks) and toks[start].w[0].isupper()) \
        or first in (
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
        if m < i and m - start <= (20 if first in _ADVERBIAL_PREP else 12) and \
                not (m + 1 < i and toks[m + 1].low.endswith("ing") and i - m <= 2) and m + 1 < i:
            start = m + 1
            while start < i and toks[start].w in _CLOSE_Q:
                start += 1  # 'In an interview with "Fox and Friends," Trump ...'
            # "At an event in Ames, Iowa, on Sunday, Mrs. Clinton ...": the opening phrase
            # goes on over a place name or another adverbial
            for _ in range(3):
                m = start
                while m < i and toks[m].w != "," and m - start <= 5:
                    m += 1
                if m >= i or toks[m].w != "," or m == start:
                    break
                seg = toks[start:m]
                f = seg[0].low
                if (f in _ADVERBIAL_PREP or f in _TIME or f in _MONTHS) and len(seg) <= 5 or \
                        len(seg) <= 2 and all(x.w[0].isupper() or x.w == "." for x in seg) and \
                        not any(x.low in _PRONOUNS for x in seg) and start > 0 and \
                        toks[start - 1].w == "," and m + 1 < i and \
                        (toks[m + 1].low in _ADVERBIAL_PREP or toks[m + 1].low in _TIME or
                         toks[m + 1].w[0].isupper()):
                    start = m + 1
                else:
                    break
        elif first in ("on", "in", "at", "during", "by", "late", "early", "last", "this"):
            # no comma: "On Sunday morning Mr. Trump made ..."
            m = start + 1
            while m < i and (toks[m].low in _TIME or toks[m].low in _MONTHS or
                             toks[m].w.isdigit()):
                m += 1
            if m > start + 1 and m < i and toks[m].w[0].isupper():
                start = m
    # "Then he cut into Bush, calling him ...", "And then Trump went on the attack, saying"
    while start < i - 1 and toks[start].low in ("and", "but", "then", "so", "yet", "still",
                                                "instead", "or") and \
            toks[start + 1].w not in (",", ";", ":"):
        start += 1
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
