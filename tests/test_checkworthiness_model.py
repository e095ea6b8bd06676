"""The learned check-worthiness model (claims.checkworthiness_model): shipped data, scores,
determinism, and a reproducible trainer."""
import json
import math
import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.checkworthiness_model import MODEL_PATH, Model, load_model, score_checkworthiness
from claims.checkworthiness_model import train as T
from claims.checkworthiness_model.features import sentence_features

REPO = pathlib.Path(__file__).resolve().parents[1]
SHARED_CW = REPO.parent / "shared" / "checkworthiness"

SENTENCES = [
    "Good evening and welcome, everybody.",
    "Unemployment fell to 4.1 percent last year, the lowest rate in 17 years.",
    "“We lost 700,000 jobs in America last year,” she said.",
    "I think we have to be kind to one another.",
    "According to the ministry, the programme cost $40 million in 2020.",
    "Thank you.",
    "",
    "?",
    "Ünïcödé — ça va? 日本語のテキスト",
]


def test_model_ships_as_package_data():
    assert MODEL_PATH.name == "model.json.gz" and MODEL_PATH.is_file()
    m = load_model()
    assert m is load_model()  # loaded once
    assert len(m.uni) > 1000 and len(m.bi) > 1000 and len(m.char) > 1000
    assert m.meta["clef_sentences"] > 10000 and m.meta["claimbuster_sentences"] > 9000


def test_load_time():
    # CPU time of importing the scorer and reading the model, the ``claims`` package (pandas)
    # already imported: about 0.07 s; generous here for shared CI machines
    code = ("import time, claims; t = time.process_time(); "
            "from claims.checkworthiness_model import load_model; load_model(); "
            "print(time.process_time() - t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert float(out.stdout) < 0.5


def test_scores_in_range_and_deterministic():
    a = score_checkworthiness(SENTENCES)
    b = score_checkworthiness(list(SENTENCES))
    assert a == b
    assert len(a) == len(SENTENCES)
    assert all(isinstance(s, float) and 0.0 <= s <= 1.0 for s in a)
    assert score_checkworthiness([]) == []


def test_checkworthy_figures_outrank_greetings_and_opinion():
    s = dict(zip(SENTENCES, score_checkworthiness(SENTENCES)))
    for strong in SENTENCES[1:3] + SENTENCES[4:5]:
        for weak in (SENTENCES[0], SENTENCES[3], SENTENCES[5]):
            assert s[strong] > s[weak], (strong, weak)
    assert s[SENTENCES[1]] > 0.5 > s[SENTENCES[0]]


def test_first_person_and_quoted_speech_are_scored():
    # no filtering: first-person claims with figures score high too
    (s,) = score_checkworthiness(["We created 1.5 million jobs in my first two years."])
    assert s > 0.5


def _matrix_margins(model: Model, texts):
    """The margins the trainer's feature matrix gives with ``model``'s weights."""
    feats = T.Featurised(texts)
    weights = model.weights
    w = np.array([weights.get(n, 0.0) for n in feats.names])
    X = feats.matrix(np.arange(len(texts)), np.arange(len(feats.names)), model.char_weight)
    return X.dot(w) + model.bias


def test_scorer_matches_the_trainers_features():
    m = load_model()
    z = _matrix_margins(m, SENTENCES[:6])
    for text, zi in zip(SENTENCES[:6], z):
        assert math.isclose(m.margin(text), zi, rel_tol=1e-9, abs_tol=1e-9), text


def test_feature_blocks():
    wf, cf, sf = sentence_features("Jobs rose 5%?")
    assert wf[:3] == ["w:jobs", "w:rose", "w:0"] and "b:^ jobs" in wf and "b:0 $" in wf
    assert "c:<jo" in cf and "c:obs>" in cf
    assert {"f:digit", "f:percent", "f:question"} <= set(sf)


def _tiny_data(tmp_path: pathlib.Path) -> pathlib.Path:
    data = tmp_path / "cw"
    (data / "clef2019-train").mkdir(parents=True)
    (data / "claimbuster").mkdir()
    pos = ["We lost {} jobs last year.", "Taxes went up {} percent under his plan.",
           "The deficit is ${} billion.", "Crime fell by {} percent in {} cities."]
    neg = ["Thank you very much.", "Good evening, everybody.", "Let's move on to the next question.",
           "I want to thank the people of {}.", "What would you do?"]
    for d in range(3):
        rows = []
        for i in range(30):
            tmpl = pos[i % 4] if i % 3 == 0 else neg[i % 5]
            rows.append(f"{i + 1}\tSPEAKER\t{tmpl.format(d * 7 + i, i + 2)}\t{int(i % 3 == 0)}")
        (data / "clef2019-train" / f"debate{d}.tsv").write_text("\n".join(rows) + "\n")
    cb = [{"sentence_id": i, "label": int(i % 2 == 0),
           "text": (pos if i % 2 == 0 else neg)[i % 4].format(i * 3, i)} for i in range(40)]
    (data / "claimbuster" / "kfold_25ncs.json").write_text(json.dumps(cb))
    return data


def test_training_is_reproducible_byte_for_byte(tmp_path):
    data = _tiny_data(tmp_path)
    outs = []
    for k in range(2):
        out = tmp_path / f"m{k}.json.gz"
        assert T.main(["--data", str(data), "--out", str(out), "--max-iter", "50"]) == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    m = Model.from_file(tmp_path / "m0.json.gz")
    texts = ["We lost 500 jobs last year.", "Thank you very much."]
    a, b = [m.score(t) for t in texts]
    assert a > b
    # the scorer reproduces the trainer's own margins on the rounded weights
    z = _matrix_margins(m, texts)
    assert [round(m.margin(t), 9) for t in texts] == [round(float(v), 9) for v in z]


def test_cross_validation_runs(tmp_path):
    data = _tiny_data(tmp_path)
    clef = T.load_clef(T.clef_files(data))
    cb = T.load_claimbuster(data / "claimbuster" / "kfold_25ncs.json")
    res = T.cross_validate(clef, cb, members=((1e-3, 1.0), (1e-2, 0.0)), pos_weight=2,
                           cb_weight=1, min_df=1, max_iter=30)
    assert [r[0] for r in res] == ["debate0", "debate1", "debate2"]
    assert all(0.0 <= r[1] <= 1.0 and 0.0 <= r[2] <= 1.0 for r in res)


def test_average_precision():
    assert T.average_precision([0.9, 0.8, 0.1], [1, 0, 1]) == pytest.approx((1 + 2 / 3) / 2)
    assert T.precision_at([0.9, 0.8, 0.1], [1, 0, 1], k=2) == 0.5


@pytest.mark.skipif(not os.environ.get("CLAIMS_SLOW") or not SHARED_CW.is_dir(),
                    reason="set CLAIMS_SLOW=1 (and have ../shared/checkworthiness) to retrain")
def test_shipped_model_is_reproduced_from_the_data(tmp_path):
    out = tmp_path / "model.json.gz"
    assert T.main(["--data", str(SHARED_CW), "--out", str(out)]) == 0
    assert out.read_bytes() == MODEL_PATH.read_bytes()


# ------------------------------------------------------------- ranking, as a property
# Sentences a fact-checker would clearly check (a named subject, a figure, a change, a time)
# against sentences nobody would (greetings, thanks, debate procedure, interruptions, bare
# questions and opinions): every pair must be ordered, whatever the combination.
_SUBJECTS = ["Unemployment in Ohio", "The federal deficit", "Violent crime in Chicago",
             "Our trade deficit with China", "The number of uninsured Americans",
             "Spending on border security", "Household income", "Gas prices in California"]
_CHANGES = ["rose by {n} percent", "fell by {n} percent", "doubled to ${n} billion",
            "grew to {n} million", "dropped {n} percent", "increased by ${n} billion"]
_TIMES = ["since 2009", "last year", "between 2010 and 2016", "in the past four years",
          "under the last administration"]
_CHATTER = ["Thank you.", "Thank you very much, Senator.", "Good evening, everybody.",
            "Let's take a short break.", "We'll be right back.", "Please, go ahead.",
            "Well, let me finish.", "Excuse me --", "That's enough.", "Okay.",
            "What would you do about that?", "Can you answer the question?",
            "I want to thank everyone for being here tonight.", "Time is up, Governor.",
            "I think we can do better.", "It's great to be here with all of you."]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_SUBJECTS), st.sampled_from(_CHANGES), st.sampled_from(_TIMES),
       st.integers(min_value=2, max_value=950), st.sampled_from(_CHATTER))
def test_clearly_checkworthy_outranks_chatter(subject, change, when, n, chatter):
    claim = f"{subject} {change.format(n=n)} {when}."
    strong, weak = score_checkworthiness([claim, chatter])
    assert strong > weak, (claim, chatter)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(_SUBJECTS), st.sampled_from(_CHANGES), st.sampled_from(_TIMES),
       st.integers(min_value=2, max_value=950))
def test_a_figure_outranks_the_same_sentence_without_one(subject, change, when, n):
    # the figure and the time are what make it checkable: dropping both lowers the score
    claim = f"{subject} {change.format(n=n)} {when}."
    vague = f"{subject} is something we talk about a lot."
    strong, weak = score_checkworthiness([claim, vague])
    assert strong > weak, (claim, vague)


def test_members_fold_into_one_linear_model(tmp_path):
    """The shipped file is one weight vector: the average of the members' margins, each
    divided by its spread on the training sentences (times the mean spread), computed here
    member by member and compared with the folded model's margins."""
    data = _tiny_data(tmp_path)
    clef = T.load_clef(T.clef_files(data))
    cb = T.load_claimbuster(data / "claimbuster" / "kfold_25ncs.json")
    texts, y, sw, _ = T.training_set(clef, cb, 2.0, 4.0)
    feats = T.Featurised(texts)
    everything = np.ones(len(texts), dtype=bool)
    ids = np.arange(len(texts))
    members = ((1e-3, 1.0), (1e-2, 0.0))
    margins, spreads = [], []
    for member in members:
        w, b = T.fit_members(feats, everything, y, sw, (member,), 1, 60)
        z = T.margins(feats, ids, w, b)
        margins.append(z)
        spreads.append(z.std())
    w, b = T.fit_members(feats, everything, y, sw, members, 1, 60)
    expected = sum(z / s for z, s in zip(margins, spreads)) * np.mean(spreads) / len(members)
    assert np.allclose(T.margins(feats, ids, w, b), expected, atol=1e-9)
    # the character-free member has no character n-gram weight of its own
    w0, _ = T.fit_members(feats, everything, y, sw, members[1:], 1, 60)
    assert not np.any(w0[feats.is_char]) and np.any(w[feats.is_char])


def test_parse_members():
    assert T.parse_members("1e-5:1, 3e-4:0") == ((1e-5, 1.0), (3e-4, 0.0))
    assert T.format_members(((1e-5, 1.0), (3e-4, 0.0))) == "1e-05:1,0.0003:0"
    with pytest.raises(Exception, match="L2:CHAR_WEIGHT"):
        T.parse_members("a:b")


def test_every_extracted_statement_is_ranked_by_the_model_on_its_final_text():
    """Statements added or trimmed while speakers are repaired (continuations, inserted cues,
    fronted clauses) carry the model's score of the text they end with, like all others."""
    import pathlib

    from claims import score_checkworthiness
    from claims.api import iter_reports
    from claims.extraction.pipeline import extract_report

    root = pathlib.Path(__file__).resolve().parent
    n = 0
    for report in iter_reports([root.parent / "seeds", root / "data" / "who_probes"]):
        statements = extract_report(report)
        for stmt, score in zip(statements, score_checkworthiness([s.text for s in statements])):
            assert stmt.checkworthiness == round(score, 3), (report.id, stmt.text)
            n += 1
    assert n > 100
