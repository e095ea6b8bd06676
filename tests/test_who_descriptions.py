"""Who said what (issue 9, "descriptions not resolved"): a description resolved to the entity
the article named before, or left unnamed when that is not one entity -- "the company",
"the airline", "the court" after a named body (also one-word bodies); "the director", "the
conductor" after a person with that role; nationality, parent and kin descriptions ("the
Brazilian", "the mum-of-two", "His wife, Margaret"). Also: these rules stay linear in a long
report. Every sentence is invented for the tests.
"""
import pytest

from _who_helpers import by_content, said  # one-report helpers shared by the who tests


# ----------------------------------------------------------------- a body, then the company


def test_the_airline_after_the_named_airline():
    t = ("Fly Air said on Monday that it would cut 300 jobs. The carrier's shares fell. "
         "The airline said the cuts would be finished by June.")
    s = by_content(t, "the cuts would be finished")
    assert s.speaker_name == "Fly Air"


def test_description_with_a_modifier_resolves_to_the_company():
    t = ("Skyline Rail said on Monday that fares would rise. The railway operator said the "
         "increase was needed to pay for new trains.")
    assert by_content(t, "increase was needed").speaker_name == "Skyline Rail"


def test_the_charity_after_the_named_trust():
    t = ("The Pellworth Trust released its accounts on Friday. The charity said donations "
         "had fallen by a third.")
    s = by_content(t, "donations had fallen")
    assert "Pellworth Trust" in (s.speaker_name or "")
    assert s.speaker_type == "organization"


def test_company_description_is_the_one_body_that_speaks_later():
    t = ("Shares in Harbor Foods fell 9 percent on Thursday.\n\n"
         "The company said net income fell to $41 million.\n\n"
         "Harbor Foods said it expected weaker sales next year.")
    assert by_content(t, "net income fell").speaker_name == "Harbor Foods"
    t = ("Orland Steel cut its forecast on Monday.\n\n"
         "The firm said demand from carmakers had slowed.\n\n"
         "Orland Steel said its plants would run at half capacity.")
    assert by_content(t, "demand from carmakers").speaker_name == "Orland Steel"


def test_the_company_is_the_one_the_speaker_span_described_so():
    t = ("09:41 Network Rail said all trains had been cancelled until noon.\n\n"
         "10:05 Energy company Northgrid said about 42,000 homes were without power. The "
         "company said engineers would work through the night.")
    assert by_content(t, "engineers would work").speaker_name == "Northgrid"


def test_the_university_is_the_body_not_a_person_working_there():
    t = ("Babies with richer gut flora respond better to vaccines, a study by scientists at "
         "the University of Bergen suggests.\n\n"
         "“We saw antibody levels almost twice as high,” said Dr Ingrid Solberg, an "
         "immunologist at the university.\n\n"
         "The university said in a press release that the team had begun recruiting families.")
    s = by_content(t, "begun recruiting")
    assert s.speaker_name == "University of Bergen"


def test_two_bodies_speaking_later_leave_the_description_unnamed():
    t = ("Shares in Harbor Foods and Kestrel Mart fell on Thursday.\n\n"
         "The company said net income fell to $41 million.\n\n"
         "Harbor Foods said it expected weaker sales. Kestrel Mart said it would cut jobs.")
    s = by_content(t, "net income fell")
    assert s.speaker_name not in ("Harbor Foods", "Kestrel Mart")


def test_a_body_named_only_after_the_description_is_not_taken():
    t = ("The company said net income fell to $41 million.\n\n"
         "Harbor Foods said it expected weaker sales.")
    assert by_content(t, "net income fell").speaker_name != "Harbor Foods"


def test_another_name_between_leaves_the_description_alone():
    t = ("Shares in Harbor Foods rose, but the market was held back by a drop in the oil "
         "giant Corva Petrol. The company said its profit was the smallest in years.\n\n"
         "Harbor Foods said it expected weaker sales next year.")
    assert by_content(t, "the smallest in years").speaker_name != "Harbor Foods"


def test_a_description_with_its_own_modifier_is_not_another_body():
    t = ("The Service Employees International Union endorsed her in May.\n\n"
         "The machinists union said it would stay neutral until the convention.")
    s = by_content(t, "stay neutral")
    assert s.speaker_name != "Service Employees International Union"


def test_two_bodies_with_the_head_word_leave_the_court_unnamed():
    t = ("The Supreme Court sent the case back to the Court of Appeals in May.\n\n"
         "The court said the lower ruling had ignored the statute.")
    s = by_content(t, "lower ruling")
    assert s.speaker_name not in ("Supreme Court", "Court of Appeals")


def test_the_firm_is_not_a_body_that_spoke_before_another_was_named():
    t = ("Pixelon on Tuesday unveiled its first folding phone at an event in Seoul.\n\n"
         "The Seoul-based company said the phone would cost $999 in October.\n\n"
         "Rival Orion said in a statement that its own device would ship in November.\n\n"
         "Pixelon shares fell 2% in Seoul. The firm said it expected to sell 3 million units.")
    assert by_content(t, "cost $999").speaker_name == "Pixelon"
    assert by_content(t, "3 million units").speaker_name != "Orion"
    assert "Orion" not in (by_content(t, "3 million units").speaker_name or "")


def test_bodies_without_a_name_keep_their_description():
    for head in ("league", "club", "hospital"):
        s = by_content(f"The {head} said the review would take a week.", "review would")
        assert s.speaker_name == head


def test_business_name_does_not_draw_a_later_role_description():
    text = ("Skyline Rail said the trains would run late.\n\n"
            "The governor said the bridge would reopen.")
    s = by_content(text, "the bridge would reopen")
    assert s.speaker_name != "Skyline Rail"


# ----------------------------------------------------------------- one-word bodies


@pytest.mark.parametrize("body", ["Acme", "IKEA", "Yahoo!", "Zelnor"])
def test_the_company_is_the_one_word_body_that_spoke(body):
    t = (f"{body} said on Monday that its profits had doubled to $4 billion.\n\n"
         "The company said it would hire 200 engineers in Ohio next year.")
    assert by_content(t, "hire 200 engineers").speaker_name == body


def test_a_brand_written_with_a_question_mark_speaks():
    t = ("Which? said the kettles were unsafe after tests in its laboratory.\n\n"
         "The consumer group said it had tested 40 models since March.")
    assert by_content(t, "kettles were unsafe").speaker_name == "Which?"
    assert by_content(t, "tested 40 models").speaker_name == "Which?"


def test_a_one_word_body_named_inside_a_sentence_then_the_company():
    t = ("Analysts had expected less from Zelnor this quarter.\n\n"
         "Zelnor reported record revenue on Wednesday. "
         "The company said demand for its chips would keep growing in 2025.")
    assert by_content(t, "demand for its chips").speaker_name == "Zelnor"


@pytest.mark.parametrize("intro", ["shipping group Tavrex", "carmaker Tavrex",
                                   "budget airline Tavrex", "the drugmaker Tavrex"])
def test_a_body_introduced_by_what_it_is_after_another_spoke(intro):
    t = ("Orlen said output would rise in August.\n\n"
         f"Shares of {intro} fell 4% after the company warned that profit would be lower.")
    s = by_content(t, "profit would be lower")
    assert s.speaker_name == "Tavrex"


def test_a_body_introduced_then_another_named_leaves_the_company_unnamed():
    t = ("Orlen said output would rise in August.\n\n"
         "Shares of carmaker Tavrex fell while Bolvia Corp. rose after the company warned "
         "that profit would be lower.")
    s = by_content(t, "profit would be lower")
    assert s.speaker_name not in ("Orlen", "Tavrex")


def test_the_company_after_a_second_introduced_body_is_that_one():
    t = ("Shares of shipping group Tavrex fell after the company warned that profit would "
         "be lower.\n\nShares in carmaker Mondal rose after the company said sales had "
         "doubled.")
    assert by_content(t, "profit would be lower").speaker_name == "Tavrex"
    assert by_content(t, "sales had doubled").speaker_name == "Mondal"


def test_two_one_word_bodies_leave_the_company_unnamed():
    t = ("Acme said its profits had doubled to $4 billion. Bolt said its sales fell by "
         "a third.\n\nThe company said it would hire 200 engineers in Ohio next year.")
    assert by_content(t, "hire 200 engineers").speaker_name not in ("Acme", "Bolt")


def test_a_one_word_person_is_not_the_company():
    for t in ("Soelistyo, head of the rescue agency, said the search would widen to the "
              "islands.\n\nSoelistyo said the plane was at the bottom of the sea.\n\n"
              "The airline said the pilot had flown for 20 years.",
              "Madonna said she would tour Europe in 2026.\n\n"
              "The company said tickets would go on sale in May.",
              "Ms. Varga said the plant would close.\n\nVarga said 300 jobs would go.\n\n"
              "The company said it regretted the decision."):
        for s in said(t):
            if s.speaker and s.speaker.lower().startswith("the "):
                assert s.speaker_name not in ("Soelistyo", "Madonna", "Varga"), t


# -------------------------------------------------------------- a person with a role, then the role


def test_the_director_after_director_name():
    t = ("The museum will close its east wing, director Sam Lee told staff on Friday. "
         "Visitors were surprised. The director said the wing needed a new roof.")
    s = by_content(t, "the wing needed a new roof")
    assert s.speaker_name == "Sam Lee"


def test_role_word_before_a_name_then_the_role():
    t = ("Conductor Elena Rossi has led the orchestra since 2010. The conductor said the "
         "season would be her last.")
    assert by_content(t, "season would be her last").speaker_name == "Elena Rossi"


def test_role_in_an_appositive_then_the_role():
    t = ("Ingrid Dahl, the harbour's pilot, guided the tanker in. The pilot said the fog "
         "had been the worst in years.")
    assert by_content(t, "the fog had been").speaker_name == "Ingrid Dahl"


def test_two_people_with_the_role_no_guess():
    t = ("Conductor Elena Rossi and conductor Bruno Hall shared the stage. The conductor "
         "said the hall was too cold.")
    s = by_content(t, "the hall was too cold")
    assert s.speaker_name not in ("Elena Rossi", "Bruno Hall")


# --------------------------------------------------------- nationality, parent and kin descriptions


def test_nationality_description_is_the_one_person_named_just_before():
    t = ("Ana Costa won in straight sets.\n\n"
         "“I felt strong from the first point,” the 24-year-old Brazilian said.")
    assert by_content(t, "felt strong").speaker_name == "Ana Costa"
    t = "Marco Tellini scored twice. The Italian said he would talk to the club in June."
    assert by_content(t, "talk to the club").speaker_name == "Marco Tellini"


def test_nationality_description_after_two_people_abstains():
    t = "Ana Costa beat Eva Lind in three sets. “I felt strong,” the Brazilian said."
    s = by_content(t, "felt strong")
    assert s.speaker_name is None
    assert s.attribution_confidence <= 0.6


def test_nationality_before_a_body_noun_is_the_body():
    s = by_content("The Italian government said it would appeal.", "would appeal")
    assert s.speaker_name == "Italian government"


def test_parent_description_is_the_one_person_of_that_gender_named_before():
    t = "Sarah Hart, 41, was walking her dog. “I was terrified,” the mum-of-two told a reporter."
    assert by_content(t, "terrified").speaker_name == "Sarah Hart"
    t = "Gemma Hart, 41, was walking her dog. “I was terrified,” the mum-of-two said."
    assert by_content(t, "terrified").speaker_name == "Gemma Hart"
    t = "Tom Hart, 41, was walking his dog. “I was terrified,” the dad-of-three said."
    assert by_content(t, "terrified").speaker_name == "Tom Hart"


def test_parent_description_after_a_child_or_the_other_gender_abstains():
    for t in ("Jamie Reed, 6, was found in his bed. “I was terrified,” the mum-of-two said.",
              "Tom Hart, 41, was walking his dog. “I was terrified,” the mum-of-two said."):
        s = by_content(t, "terrified")
        assert s.speaker_name is None
        assert s.attribution_confidence <= 0.6


def test_first_name_after_a_kin_noun_takes_the_surname_of_the_person_before():
    t = "John Hollis was buried on Friday. His wife, Margaret, said he had died without pain."
    assert by_content(t, "died without pain").speaker_name == "Margaret Hollis"
    t = "Ana Ruiz won the seat.\n\nHer husband, Tom, said she had worked for it for years."
    assert by_content(t, "worked for it").speaker_name == "Tom Ruiz"


def test_first_name_after_a_kin_noun_with_no_or_two_people_before_abstains():
    for t in ("The senator spoke first. His wife, Margaret, said the attacks were personal.",
              "Tom Ash met Dan Lee on Monday. His wife, Margaret, said the attacks were "
              "personal."):
        s = by_content(t, "attacks were personal")
        assert s.speaker_name is None
        assert s.attribution_confidence <= 0.6


# ----------------------------------------------------------------- long reports stay linear


def _long_report_of_descriptions(n: int) -> str:
    out, i = [], 0
    while sum(map(len, out)) < n:
        i += 1
        out.append(f"Zorb{i} said on Monday that its profits had doubled to ${i} billion.\n\n"
                   f"The company said it would hire {i} engineers. Ms Amberley said the plan "
                   f"was fine. Secretary of State John Kerry{i} said the mayor had told him "
                   f"that it was good. The university said it was fine. Nvidia{i} reported "
                   "growth. The company said it would grow.\n\n")
    return "".join(out)[:n]


def test_description_rules_cost_linear_time_in_a_long_report():
    """Ten times the text costs at most ~15 times the time (alone: 6 to 7 times). Timed with the
    cyclic GC off and the faster of two runs taken, since in a full test run (a heap of thousands
    of tests' objects, timer noise) it once measured 6.5 s against 0.33 s."""
    import gc
    import time
    import claims
    times = []
    gc.collect()
    gc.disable()
    try:
        for n in (20_000, 200_000):
            text = _long_report_of_descriptions(n)
            best = None
            for _ in range(2):  # the faster of two: a timer tick or another process counts once
                t0 = time.process_time()
                claims.extract_report(claims.Report(id="t", text=text, source="t"))
                t = time.process_time() - t0
                best = t if best is None else min(best, t)
            times.append(best)
    finally:
        gc.enable()
    assert times[1] < 15 * times[0] + 1.5, times


def test_a_parent_by_number_of_children_is_the_one_person_named_before():
    t = ("Tom Hadley, 45, was climbing alone when a rockfall cut off his route.\n\n"
         "\u201cI honestly thought that was it,\u201d the father of three told French television.")
    s = by_content(t, "thought that was it")
    assert s.speaker_name == "Tom Hadley"


def test_a_parent_by_number_of_children_of_the_other_gender_is_no_guess():
    t = ("Anna Price, 45, was climbing alone.\n\n"
         "\u201cI honestly thought that was it,\u201d the father of three told French television.")
    s = by_content(t, "thought that was it")
    assert s.speaker_name is None


def test_the_singer_is_the_one_person_named_just_before_even_by_one_name():
    t = ("Adele has cancelled four shows after doctors told her to rest her voice.\n\n"
         "\u201cI\u2019m absolutely gutted,\u201d the singer wrote on Instagram.")
    s = by_content(t, "gutted")
    assert s.speaker_name == "Adele"


def test_the_singer_after_two_people_is_no_guess():
    t = ("Kayla Monroe and Jordan Pike split in August.\n\n"
         "\u201cI\u2019m absolutely gutted,\u201d the singer wrote on Instagram.")
    s = by_content(t, "gutted")
    assert s.speaker_name not in ("Kayla Monroe", "Jordan Pike")
