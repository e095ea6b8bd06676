"""The cue model's bound: a rejected cue use that ``worth_reading`` skips could never have been
admitted, whatever its reading (the skipped reads save time only if this holds)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import cue_model

_W = cue_model.load_model()["weights"]


def _values(prefix: str) -> list[str]:
    return sorted({k[len(prefix):].split("|")[-1] for k in _W if k.startswith(prefix)}) or ["x"]


_GATES = _values("g=")
_WORDS = _values("w=")
_CLASSES = ["none", "punct", "pron", "aux", "num", "cap", "poss", "low"]
_FIRSTS = _values("c0=") + _values("w|c0=") + _values("g|c0=") + ["unseen"]


@st.composite
def _candidate(draw):
    gate, word = draw(st.sampled_from(_GATES)), draw(st.sampled_from(_WORDS))
    p1c, n1c = draw(st.sampled_from(_CLASSES)), draw(st.sampled_from(_CLASSES))
    cue = ["g=" + gate, "w=" + word, "gw=" + gate + "|" + word,
           "p1=" + draw(st.sampled_from(_values("p1="))), "p1c=" + p1c,
           "p2c=" + draw(st.sampled_from(_CLASSES)), "n1=" + draw(st.sampled_from(_values("n1="))),
           "n1c=" + n1c, "w|p1c=" + word + "|" + p1c, "w|n1c=" + word + "|" + n1c]
    cue += draw(st.sampled_from([[], ["speech"], ["ing"], ["speech", "ing"]]))
    # a reading _admit_gated lets through: a source, a content not opening like a fragment,
    # fewer than three words between cue and content
    sform = draw(st.sampled_from(_CLASSES[1:]))
    c0 = draw(st.sampled_from(_FIRSTS).filter(lambda w: w not in cue_model._NOT_CONTENT_START))
    reading = ["src=" + sform, "gsrc=" + gate + "|" + sform,
               "kind=" + draw(st.sampled_from(["direct", "indirect", "mixed"])),
               "c0=" + c0, "clen=" + draw(st.sampled_from(["1-3", "4-9", "10+"])),
               draw(st.sampled_from(["before", "after"])), "w|c0=" + word + "|" + c0,
               "g|c0=" + gate + "|" + c0, "w|src=" + word + "|" + sform]
    if sform == "low" and draw(st.booleans()):
        reading.append("sh=" + draw(st.sampled_from(_values("sh="))))
    reading += draw(st.sampled_from([[], ["gap=0"], ["gap=1-2"]]))
    return cue, reading


@settings(max_examples=3000, deadline=None)
@given(_candidate())
def test_skipped_cue_uses_are_never_accepted(cand):
    cue, reading = cand
    if cue_model.accept(cue + reading):
        assert cue_model.worth_reading(cue), (cue, reading)


def test_the_bound_skips_some():
    # the joint bound is tighter than the family-wise one for some word and rule
    assert any(cue_model._best_joint_reading(g, w) < cue_model._best_reading(g, w) - 0.1
               for g in _GATES for w in _WORDS[:20])


def _joint_first_word_plain(gate: str, word: str) -> float:
    """The content's first-word part of the joint bound as first written: every first word
    with a weight for this word or rule, then the best of the others."""
    by_first, c0_order = cue_model._first_word_weights()
    c0, wc0, gc0 = (by_first.get(pre, {}) for pre in ("c0=", "w|c0=" + word + "|",
                                                       "g|c0=" + gate + "|"))
    best = max([0.0] + [c0.get(c, 0.0) + wc0.get(c, 0.0) + gc0.get(c, 0.0)
                        for c in (wc0.keys() | gc0.keys()) - cue_model._NOT_CONTENT_START])
    for c in c0_order:
        if c not in wc0 and c not in gc0:
            return max(best, c0[c])
    return best


def test_joint_bound_same_as_plain():
    # the rule's first words ranked once per rule give the bound the plain scan gives, for
    # every rule and cue word of the model and words it never saw
    m = cue_model
    w = m.load_model()["weights"]
    fams = m._families()
    for gate in _GATES + ["unseen"]:
        for word in _WORDS + ["unseen", "says"]:
            sh = max(0.0, fams.get("sh=", 0.0))
            best_src = max(w.get("src=" + c, 0.0) + w.get("gsrc=" + gate + "|" + c, 0.0)
                           + w.get("w|src=" + word + "|" + c, 0.0) + (sh if c == "low" else 0.0)
                           for c in m._SOURCE_CLASSES)
            gap = max(0.0, w.get("gap=0", 0.0), w.get("gap=1-2", 0.0))
            plain = (best_src + _joint_first_word_plain(gate, word) + gap
                     + max(0.0, fams.get("kind=", 0.0)) + max(0.0, fams.get("clen=", 0.0))
                     + max(0.0, fams.get("pos=", 0.0)))
            assert m._best_joint_reading(gate, word) == plain, (gate, word)
