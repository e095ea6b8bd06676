"""Who said what on constructions found by reading invented articles in styles the realnews
dev articles under-represent (issue 9, third round): wire stories, tabloids, local news,
science news, press-release prose. Every sentence here is invented for the test.
"""
import json
import pathlib
import subprocess
import sys

from _who_helpers import by_content, said


# ----------------------------------------------------------------- a name modifying the head


def test_name_before_aides_is_not_the_speaker():
    s = by_content("Trump aides said the rally would go ahead.", "rally would go ahead")
    assert s.speaker_name != "Trump"
    assert s.speaker_type == "anonymous"


def test_candidate_campaign_officials_are_unnamed_sources():
    s = by_content("Ortega campaign officials said the ad would run in Ohio.", "the ad would")
    assert s.speaker_name != "Ortega"
    assert "officials" in (s.speaker_name or "")


def test_possessive_name_before_spokeswoman():
    s = by_content("Mayor Lind's spokeswoman said the office was closed.", "office was closed")
    assert s.speaker_name != "Lind"


def test_capitalised_first_word_before_a_group_noun():
    for first, head in (("Power company", "officials"), ("Water board", "managers"),
                        ("Farm union", "leaders"), ("Fire", "crews")):
        s = by_content(f"{first} {head} said the work would take a week.", "take a week")
        assert s.speaker_name not in (first.split()[0], None), s.speaker_name
        assert s.speaker_name.endswith(head)


def test_a_named_person_with_a_title_before_the_name_stays_the_speaker():
    s = by_content("Acme spokesman Jon Vela said the plant would reopen.", "plant would reopen")
    assert s.speaker_name == "Jon Vela"


# ----------------------------------------------------------------- where the content begins


def test_relative_that_inside_the_reported_clause():
    for t in ("The White House said President Dana Moore would veto any bill that cut "
              "school funding.",
              "Ms. Ito said the council will reject a plan that raises fares.",
              "They said the firm had sold shares that it did not own."):
        s = said(t)
        assert len(s) == 1
        words = s[0].text.split()
        assert words[0] not in ("that",), s[0].text
        assert len(words) >= 7, s[0].text


def test_complement_that_after_adverbials_still_starts_the_content():
    s = by_content("She told reporters on Tuesday that the plan was dead.", "plan was dead")
    assert s.text.startswith("that the plan") or s.text.startswith("the plan")


def test_negative_subject_opens_the_reported_clause():
    for t, frag in (("The agency said no deaths had been reported.", "no deaths had"),
                    ("Police said no one was hurt.", "no one was hurt"),
                    ("The ministers said nothing had changed.", "nothing had changed")):
        s = by_content(t, frag)
        assert s.speaker_name


def test_said_no_to_is_no_statement():
    assert said("The senator said no to the plan.") == []
    assert said("She said nothing about the plan.") == []


def test_every_name_before_a_possessive_head_is_a_modifier():
    s = by_content("Green Party candidate Mara Velde's doctor said she was fit to serve.",
                   "fit to serve")
    assert s.speaker_name not in ("Mara Velde", "Green Party", "Green")


# ----------------------------------------------------------------- pronouns


def test_possessive_before_a_name_gives_no_gender():
    # "Her neighbour" is someone else's neighbour: "he" may still be the neighbour
    t = ("A grieving mother says the hospital ignored her. “They sent us home,” she said.\n\n"
         "Her neighbour Dan Roe, 61, said the same had happened to his family.\n\n"
         "“It is a disgrace,” he said.")
    assert by_content(t, "It is a disgrace").speaker_name == "Dan Roe"


def test_he_never_goes_to_a_described_woman():
    t = ("A furious mum says the council towed her car.\n\n"
         "His lawyer, Ian Lowe, said the fine was unlawful.\n\n"
         "Lowe's assistant was not available.\n\n"
         "“They should pay it back,” he said.")
    s = by_content(t, "They should pay it back")
    assert s.speaker_name != "furious mum"


def test_pronoun_after_the_subject_opening_the_paragraph():
    for who, pron in (("German Finance Minister Klaus Werner", "he"),
                      ("Finance Minister Ana Ruiz", "she"),
                      ("Trade union leader Pat Oyelaran", "she")):
        t = ("“Rates will fall,” said Philip Lane, the chief economist. Lane added that wages "
             "were slowing.\n\n"
             f"{who} welcomed the decision. Builders have been hit hard, {pron} said on Friday.")
        s = by_content(t, "Builders have been hit hard")
        assert s.speaker_name == " ".join(who.split()[-2:]), (who, s.speaker_name)


def test_pronoun_resolved_to_a_phrase_that_cannot_speak_is_cleared():
    t = ("Dan Roe's wife, Ada, said the same thing.\n\n“It is a disgrace,” he said.")
    for s in said(t):
        assert s.speaker_name != "same thing"


# ----------------------------------------------------------------- appositive subjects


def test_possessive_description_then_name_is_the_subject():
    for t, name in (("Tom Ash, a farmer, said the rain came late. Ash's daughter, Mia, said "
                     "the crop had failed.", "Mia Ash"),
                    ("His lawyer, Ann Cole, said the charges would be dropped.", "Ann Cole"),
                    ("The company's founder, Raj Patel, says sales have doubled.",
                     "Raj Patel")):
        st = [s for s in said(t) if s.speaker_name == name]
        assert len(st) == 1, [(s.text, s.speaker_name) for s in said(t)]
        assert st[0].text.split()[0] in ("the", "sales")


# ----------------------------------------------------------------- a first name alone


def test_first_name_alone_is_the_one_person_with_it():
    t = ("Kelly Barnes, 34, had parked on the street for years. She said the car was gone."
         "\n\nKelly said she had to pay £180 to get the car back.")
    assert by_content(t, "pay £180").speaker_name == "Kelly Barnes"
    t = ("Omar Haddad, 19, scored twice. Omar said he had dreamed of it since he was a boy.")
    assert by_content(t, "dreamed of it").speaker_name == "Omar Haddad"


def test_first_name_shared_by_two_people_is_not_guessed():
    t = ("Kelly Barnes and Kelly Moss live on the street. Barnes said she had to pay.\n\n"
         "Kelly said she had to pay £180 to get the car back.")
    s = by_content(t, "pay £180")
    assert s.speaker_name not in ("Kelly Barnes", "Kelly Moss")


# ----------------------------------------------------------------- content boundaries


def test_clause_set_off_after_that_belongs_to_the_content():
    for t in ("Jane Moss said in a letter to staff that, while she is pleased with the "
              "results, some problems remain.",
              "The ministers argued that, because prices rose, sales fell sharply."):
        s = said(t)
        assert len(s) == 1
        assert s[0].text.startswith("that,") and s[0].text.endswith(("remain", "sharply"))


def test_hearer_of_told_is_not_content():
    for t, first in (("Tom Reyes told local radio the terminal would close for a week.", "the"),
                     ("Ana Ruiz told reporters she would run again.", "she"),
                     ("The aides told them there was no money left.", "there")):
        s = said(t)
        assert len(s) == 1
        assert s[0].text.split()[0] == first, s[0].text


def test_added_a_count_is_no_statement():
    t = ("SkyLink Airways will add 12 new routes from its hub next spring, the company "
         "announced on Thursday.")
    s = said(t)
    assert len(s) == 1
    assert s[0].text.startswith("SkyLink Airways will add 12")
    assert s[0].speaker_name == "SkyLink Airways"
    assert said("The bakery added 40 jobs last year.") == []
    assert said("The factory posted $3 million in losses.") == []


def test_agent_of_a_participle_is_not_the_speaker():
    s = by_content("Voters surveyed by the Pew Institute said the economy mattered most.",
                   "economy mattered")
    assert s.speaker_name == "voters"
    s = by_content("Economists polled by the agency expect the first cut in June.",
                   "first cut")
    assert s.speaker_name == "economists"


def test_a_name_inside_the_quotation_is_not_the_pronouns_antecedent():
    s = by_content("“I will take Ana Ruiz over Tom Ash any day,” she said.", "any day")
    assert s.speaker_name not in ("Ana Ruiz", "Tom Ash")
    t = "Mia Lopez spoke after the vote. “I will take Ana Ruiz over Tom Ash any day,” she said."
    assert by_content(t, "any day").speaker_name == "Mia Lopez"


def test_he_or_she_is_not_a_thing_described():
    t = ("The post showed a man in a wig. “I replied to the post. I did not write it,” "
         "said Tom Ash.\n\nLater he was suspended after he posted a comment that compared "
         "critics to thieves.")
    for s in said(t):
        assert s.speaker_name != "post"


def test_she_is_not_a_man_named_by_a_common_first_name():
    t = ("Alan Krueger, an economist, wrote the study. Critics attacked it.\n\n"
         "“I take what he said seriously,” she said.")
    assert by_content(t, "take what he said").speaker_name != "Alan Krueger"


def test_appositive_with_a_group_noun_keeps_the_named_person():
    s = by_content("Senator Jeff Sessions, one of the few Trump supporters, said the bill was "
                   "dead.", "bill was dead")
    assert s.speaker_name == "Jeff Sessions"


def test_title_before_a_name_keeps_its_capital_in_a_description():
    s = by_content("Mrs. Ortiz's campaign said the ad would run.", "ad would run")
    assert s.speaker_name.startswith("Mrs. Ortiz")


def test_even_as_another_source_states_ends_the_content():
    t = ("Ann Roe spoke on Monday. She also claimed the new road would pay for itself even as "
         "the county auditor estimated that it would cost $40 million.")
    sts = said(t)
    first = [s for s in sts if "pay for itself" in s.text]
    assert len(first) == 1 and "auditor" not in first[0].text
    second = [s for s in sts if "$40 million" in s.text]
    assert len(second) == 1 and second[0].speaker_name == "county auditor"


def test_even_as_in_an_aside_or_without_a_cue_stays_in_the_content():
    s = by_content("She said prices rose even as wages fell.", "prices rose")
    assert s.text.endswith("wages fell")
    t = ("But some note that Lee — even as he says his record makes him qualified — has "
         "proposed little.")
    s = by_content(t, "proposed little")
    assert s.text.startswith("that Lee")


def test_cue_word_used_as_a_noun_in_the_venue():
    for t in ("Acme Corp said in a blog post that it disagreed with the decision.",
              "The union said in a long Facebook post that the strike would go on.",
              "Ms. Ortiz wrote in her report that the bridge was unsafe."):
        s = said(t)
        assert len(s) == 1, t
        assert s[0].text.startswith("that ")



def test_pronoun_after_a_paragraph_opened_by_an_appositive_subject():
    for opening in ("Her lawyer, Paul Stein, asked the judge for leniency.",
                    "Paul Stein, her lawyer, asked the judge for leniency."):
        t = ("“This was a betrayal,” U.S. Attorney Michael Grady said.\n\n"
             f"{opening} He said his client had a gambling addiction.")
        assert by_content(t, "gambling addiction").speaker_name == "Paul Stein", opening


def test_a_person_with_a_common_first_name_before_a_capitalised_place():
    t = ("For 31 years, Harold Finch climbed the steps of the Point Ross lighthouse.\n\n"
         "“People think it was lonely,” he says.")
    assert by_content(t, "lonely").speaker_name == "Harold Finch"


def test_the_company_named_in_an_apposition():
    t = ("The Data Protection Board said the company, Snapix, had failed to check the ages "
         "of its users.\n\nLater the company wrote that it would appeal the decision.")
    assert by_content(t, "appeal the decision").speaker_name == "Snapix"


def test_a_countrys_regulator_is_not_the_country():
    s = by_content("Ireland's data protection regulator said the app was fined.", "app was")
    assert s.speaker_name != "Ireland"


# ----------------------------------------------------------------- names and places


def test_common_first_name_before_a_place_word_is_a_person():
    for t, name in (("“We would do the same,” said neighbor Linda Park.", "Linda Park"),
                    ("Tom Hill said the road was closed.", "Tom Hill")):
        assert said(t)[0].speaker_name == name


def test_description_word_before_a_name_is_not_part_of_it():
    for t, name in (("Neighbor Linda Park said they would help.", "Linda Park"),
                    ("Substitute Jamal Reed said he had dreamed of scoring.", "Jamal Reed"),
                    ("Teacher Ana Ruiz said the school was cold.", "Ana Ruiz")):
        assert said(t)[0].speaker_name == name


def test_people_in_a_place_speak_not_the_place():
    for t in ("Officials in Porto Alegre said the lake had frozen.",
              "“It is over,” residents in Little Falls said.",
              "Police in Newport Central said the road was closed."):
        s = said(t)
        assert len(s) == 1
        assert s[0].speaker_name not in ("Porto Alegre", "Little Falls", "Newport Central")
        assert s[0].speaker_name.split()[0].lower() in ("officials", "residents", "police")


# ----------------------------------------------------------------- quantifiers, abstaining


def test_some_said_is_the_group_named_just_before():
    s = by_content("Analysts were split. Some said the rally would fade.", "rally would fade")
    assert s.speaker_name == "analysts"
    s = by_content("Farmers met on Monday. Many said the price was too low.", "too low")
    assert s.speaker_name == "farmers"


def test_some_said_with_no_group_abstains_with_low_confidence():
    s = by_content("The vote was close. Some said the count was wrong.", "count was wrong")
    assert s.speaker_name is None
    assert s.attribution_confidence <= 0.6


def test_age_description_is_the_one_person_named_just_before():
    t = ("Jessica Moran woke at 2 a.m. to the smell of smoke.\n\n"
         "“I grabbed the baby and ran,” the 36-year-old said.")
    assert by_content(t, "grabbed the baby").speaker_name == "Jessica Moran"
    t = ("Jamal Reed scored the winner in the 93rd minute.\n\n"
         "“My dad was in the stand,” the teenager said.")
    assert by_content(t, "My dad").speaker_name == "Jamal Reed"


def test_age_description_with_two_people_before_abstains():
    t = "Jessica Moran and Tom Ash woke at 2 a.m.\n\n“I grabbed the baby,” the 36-year-old said."
    s = by_content(t, "grabbed the baby")
    assert s.speaker_name is None
    assert s.attribution_confidence <= 0.6


# ----------------------------------------------------------------- transcripts


def test_quoted_transcript_labels_attribute_each_answer():
    t = ("Chris Wallace spoke with Mike Pence on Sunday.\n\n"
         "\"WALLACE: Let us start with the news about the debate tonight and the guests.\n\n"
         "\"PENCE: Well, look, the guests are not the story here. The story is jobs.")
    assert by_content(t, "Let us start").speaker_name == "Chris Wallace"
    assert by_content(t, "guests are not the story").speaker_name == "Mike Pence"


def test_single_capitals_label_without_a_full_name_keeps_the_surname():
    t = ("The interview was recorded on Monday.\n\n"
         "\"OKAFOR: We have never had a budget this tight, and the schools will feel it.")
    assert by_content(t, "budget this tight").speaker_name == "Okafor"


# ----------------------------------------------------------------- fourth round: firms, documents


def test_source_after_a_preposition_makes_no_fronted_statement():
    # the noun "claim" ends the sentence as a preposition's object: nobody said the clause
    for t in ("The firm did not respond to a request for comment on the union's claim.",
              "Officials have not replied to questions about Smith's statement.",
              "Nobody was hurt in the fire, according to the report."):
        wrong = [s for s in said(t) if s.speaker_name in ("union", "Smith")]
        assert not wrong, [(s.speaker_name, s.text) for s in wrong]
    # the plain fronted reading still works
    assert by_content("The plan will fail, the union claimed.", "plan will fail"
                      ).speaker_name == "union"


def test_court_documents_speak():
    for doc in ("indictment", "affidavit", "petition", "lawsuit"):
        s = by_content(f"The {doc} says Gary Pruitt wrote 312 checks to himself.",
                       "wrote 312 checks")
        assert s.speaker_name == doc, (doc, s.speaker_name)
    s = by_content("According to the indictment, Pruitt wrote 312 checks.", "wrote 312 checks")
    assert s.speaker_name == "indictment"


def test_names_joined_by_an_ampersand_are_one_firm():
    for firm in ("Harlow & Finch", "Marks & Spencer", "AT&T", "S&P Global"):
        s = by_content(f"{firm} said it would cut 1,200 jobs next year.", "cut 1,200 jobs")
        assert (s.speaker_name, s.speaker_type) == (firm, "organization"), s.speaker_name
    # two people are joined by "and", and stay two
    s = by_content("Tom Ash and Ann Lee said the plan had failed badly.", "plan had failed")
    assert s.speaker_name == "Tom Ash and Ann Lee"


def test_a_journal_with_an_ampersand_is_where_a_study_appeared():
    t = ("People who work nights are more likely to develop diabetes, according to a study "
         "published on Wednesday in the journal Ecology & Evolution.")
    s = by_content(t, "develop diabetes")
    assert s.speaker_name != "Ecology & Evolution"


def test_one_said_is_one_of_the_group_named_just_before():
    t = ("Insiders claim Cole had been unhappy for months. "
         "“He felt she put her career first,” one said.")
    assert by_content(t, "career first").speaker_name == "insiders"
    t = "Two officials briefed reporters. One said the talks had stalled badly."
    assert by_content(t, "stalled badly").speaker_name == "officials"
    # no group before: no name, never a person named before
    t = "Tom Ash met Ann Lee on Monday. One said the talks had stalled badly."
    s = by_content(t, "stalled badly")
    assert s.speaker_name is None and s.attribution_confidence <= 0.6
    # and a later "she" is not the group
    t = ("Maria Lopez met several lawyers. One suggested she marry a citizen. "
         "Lopez said she refused. She said the process had taken nine years.")
    assert by_content(t, "taken nine years").speaker_name == "Maria Lopez"


def test_a_research_word_opening_a_sentence_is_no_surname():
    for t in ("Data released on Monday show unemployment rose to 5 percent.",
              "Records show the driver was booked into the county jail."):
        s = [x for x in said(t) if "unemployment" in x.text or "driver" in x.text]
        assert s and s[0].speaker_type != "person", (s[0].speaker_name, s[0].speaker_type)


def test_may_after_a_name_or_title_is_a_surname_not_the_modal_or_month():
    t = ("Theresa May said the deal was dead. Mrs May told MPs she would not resign. "
         "Talks will resume in May, officials said. The deal may fail, aides said.")
    assert by_content(t, "deal was dead").speaker_name == "Theresa May"
    assert by_content(t, "not resign").speaker_name == "Theresa May"
    assert by_content(t, "Talks will resume").speaker_name == "officials"
    assert by_content(t, "deal may fail").speaker_name == "aides"
    s = by_content("Judge Mrs Justice May said the firm had shown disregard for the law.",
                   "disregard")
    assert s.speaker_name.endswith("May")
    # a headline's capitalised "May" stays the modal
    t = "Trump May Not Run Again, Aides Say"
    assert all(x.speaker_name != "Trump May" for x in said(t))


def test_a_low_opening_quotation_does_not_swallow_the_next_sentence():
    # German „...“ quotations: before, the “ closing it opened a quotation that ran to the
    # paragraph's end, and the English statement after it was lost
    t = ("Chancellor Olaf Scholz sagte: „Wir werden das schaffen.“ Scholz said the plan "
         "would be ready by June. „Das ist gut“, sagte Merz.")
    s = by_content(t, "ready by June")
    assert s.speaker_name == "Olaf Scholz"
    assert "Merz" not in s.text


def test_kin_first_name_keeps_its_surname_for_later_pronouns():
    t = ("Jenny Walsh runs the shop with her husband. Her husband, Mark, said business had "
         "never been worse. He says the rent has doubled since 2020.")
    assert by_content(t, "never been worse").speaker_name == "Mark Walsh"
    assert by_content(t, "rent has doubled").speaker_name == "Mark Walsh"


def test_a_next_quotation_with_its_own_cue_is_its_own_statement():
    t = ("Ana Ruiz won the award.\n“It was a hard role,” joked Ruiz of the part. “I had to "
         "learn to ride a horse in two weeks,” she said, laughing.")
    first = by_content(t, "hard role")
    second = by_content(t, "ride a horse")
    assert first is not second and "ride a horse" not in first.text
    assert second.speaker_name == "Ana Ruiz"
    # a quotation with no cue of its own still continues the one before
    t = "“It was a hard role,” joked Ana Ruiz. “I had to learn to ride a horse.”"
    assert "ride a horse" in by_content(t, "hard role").text


# ----------------------------------------------------------------- whole articles, by the CLI

# Invented articles in styles the realnews dev articles under-represent (tabloid, court,
# wire, feature, tech news), each with the speaker every fragment must get. None: the
# statement must not name anyone (abstain), never a wrong person.
PROBES = {
    "tabloid.txt": {"I came out in the morning": "Kelly Barnes",
                    "happened to two other families": "Dave Pritchard",
                    "It's a disgrace": "Dave Pritchard",
                    "Notices were placed": "Stockport Council",
                    "pay £180": "Kelly Barnes",
                    "food shopping": "Kelly Barnes"},
    "court.txt": {"moved money from county accounts": "prosecutors",
                  "calculated betrayal": "Michael Grady",
                  "gambling addiction": "Paul Stein",
                  "far beyond the dollars": "Rebecca Moreno",
                  "ashamed of what I did": "Denise Whitaker",
                  "new controls": "County officials"},
    "wire2.txt": {"We are not there yet": "Christine Lagarde",
                  "The door is open": "Anna Becker",
                  "wage growth was slowing": "Philip Lane",
                  "construction industry hard": "Klaus Werner",
                  "the first cut in June": "economists"},
    "feature.txt": {"People think it was lonely": "Harold Finch",
                    "grown up in towns": "Claire Finch-Doyle",
                    "how unusual her childhood": "Claire Finch-Doyle"},
    "tech.txt": {"fined 4 million euros": "Ireland's data protection regulator",
                 "disagreed with the decision": "Snapix",
                 "privacy of our users seriously": "Snapix",
                 "rounding error": "Johnny Ryan",
                 "send a message": "Helen Dixon"},
    # fourth round: sports, earnings, obituary, science news, wire, politics
    "sports.txt": {"penalty should never have been given": "Greg Hallam",
                   "He goes down like": "Greg Hallam",
                   "clipped on the ankle": "Lisa Brandt",
                   "We showed character": "Lisa Brandt",
                   "happy to help the team": "Dan Okoye",
                   "take the penalties": "Dan Okoye",
                   "review footage": "league",
                   "talk to the club": "Marco Tellini"},
    "earnings.txt": {"net income fell": "Harbor Foods",
                     "investing in our people": "Maria Santos",
                     "underestimated how quickly": "Peter Liu",
                     "They told us in March": "Peter Liu",
                     "full-year earnings per share": "Harbor Foods",
                     "close 12 underperforming": "Owen Hale"},
    "obituary.txt": {"has died at the age": "her family",
                     "half the town": "Lucia Grant",
                     "never gave up on a child": "Lucia Grant",
                     "first lesson": "Tom Reilly",
                     "rubber brick": "Tom Reilly",
                     "half mast": "Sarah Quinn",
                     "amazed anyone noticed": "Rosa Delgado"},
    "health.txt": {"benefit held": "researchers",
                   "never too late": "Helen Carter",
                   "healthier people might": "James Ward",
                   "observational study": "James Ward",
                   "findings were encouraging": "British Heart Foundation",
                   "build up slowly": "Sonia Mehta",
                   "planned a trial": "Helen Carter"},
    "wire_flood.txt": {"Heavy rains have forced": "country's civil defense agency",
                       "critical in Piura": "Jorge Chávez",
                       "slow to respond": "Luisa Benavides",
                       "aid flights would resume": "spokesman for the prime minister",
                       "lost everything": "Rosa Quispe"},
    # (nested: Greer said the minister had told MPs; what she told them is hers)
    # round 5 (issue 9): outlet styles the earlier probes lacked
    "celebrity.txt": {"quietly went their separate ways": "source close to the couple",
                      "Jade is devastated": "insider",
                      "do not comment on Jade": "spokesman for Kimber",
                      "Sending love to Jade": "fans"},
    "interview_qa.txt": {"not freak events": "Nadia Osei",
                         "Blame is the wrong word": "Nadia Osei",
                         "Stop approving new homes": "Nadia Osei"},
    "liveblog.txt": {"gusts of up to 90mph": "Tom Raines",
                     "all trains between": "Network Rail",
                     "42,000 homes": "Northgrid",
                     "engineers would work": "Northgrid",
                     "monitoring the situation": "Aisha Malik",
                     "Never seen anything": "Graham Ellis"},
    "transfer.txt": {"still apart on add-ons": "Corriere dello Sport",
                     "no offer had yet been accepted": "Franco Bellini",
                     "flattered": "Luca Marini",
                     "a decision was expected": "sources at the club"},
    "science_release.txt": {"antibody levels": "Ingrid Solberg",
                            "carefully done": "Martin Kaye",
                            "support a follow-up trial": "Norwegian Research Council",
                            "begun recruiting families": "University of Bergen"},
    "court_uk.txt": {"looked at his phone 14 times": "Anna Brierley",
                     "not watching the road": "Anna Brierley",
                     "utterly ashamed": "Simon Oakes",
                     "You chose to look": "Helen Marsh",
                     "Nothing will bring": "Maria Kowalski",
                     "devastating consequences": "Ian Platt"},
    "wire_layoffs.txt": {"cut about 4,000 jobs": "Voltra Inc",
                         "save about $1.2 billion": "Voltra Inc",
                         "difficult decisions": "Dana Whitfield",
                         "no quick recovery": "Kenji Mori",
                         "Oregon plant": "person familiar with the matter"},
    "chef_qa.md": {"Much harder": "Marco Velli", "Not this year": "Marco Velli"},
    "politics.txt": {"had told MPs in March": "Paul Greer",
                     "^that every hospital would receive": "Claire Dunmore",
                     "despatch box": "Paul Greer",
                     "one-off payments": "spokeswoman for the minister",
                     "closed beds over the summer": "Jane Alcott",
                     "Our members are exhausted": "Jane Alcott",
                     "that beds had been closed": "union",
                     "attacks on the minister": None},
    "court_civil.txt": {"ignored dozens of complaints": "tenants",
                        "caused the damp": "Kane's lawyers",
                        "not believed for three years": "Maria Gonzalez",
                        "Her son had been hospitalized": "Maria Gonzalez",
                        "client would appeal": "Howard Bell",
                        "ignores the evidence": "Howard Bell",
                        "other buildings": "Patricia Lin",
                        "safe home": "Dana Reyes"},
    "streaming.txt": {"adding advertising": "people familiar with the matter",
                      "investing heavily": "Kim Tran",
                      "patience runs out": "Raj Mehta",
                      "profitable by the end": "Ellen Voss"},
    "housing.txt": {"high interest rates": "Rachel Moss",
                    "pretend we will hit": "Rachel Moss",
                    "given up on a generation": "Tom Price",
                    "planning delays": "Home Builders Federation",
                    "two years to approve": "Neil Jeffs",
                    "new planning rules": "Rachel Moss",
                    "not how it works": "Rachel Moss",
                    "We will get there": "Rachel Moss"},
    # round 6 (issue 9): a council meeting, a crime report, an opinion column, a translated
    # wire with state media, a wildfire with officials and residents, election night, a press
    # briefing, a singer's representative, science news with names from several languages,
    # a feature profile in the present tense, an earnings call with analysts' notes
    "council.txt": {"keeping our kids alive": "Rosa Delgado",
                    "remove 60 parking spaces": "Tom Becker",
                    "lost customers": "Linda Park",
                    "go to the mall": "Linda Park",
                    "loading zone": "Dan Whitley",
                    "start in August": "Priya Nair",
                    "done at night": "Priya Nair",
                    "disappointed": "Riverton Chamber of Commerce"},
    "crime.txt": {"life-threatening": "police spokeswoman",
                  "targeted attack": "Karen Walsh",
                  "three bangs": "Callum Reid",
                  "acted quickly": "Marcus Bell",
                  "locked the doors": "Marcus Bell",
                  "late-night violence": "Shabana Akhtar",
                  "become normal": "Shabana Akhtar"},
    "opinion.txt": {"holiday paid for": "Brian Hale",
                    "residents would suffer": "Taxpayers' Alliance",
                    "I was sceptical": "Janet Okafor",
                    "answers calls faster": "Janet Okafor",
                    "too short to prove": "Mark Ellison",
                    "novelty wears off": "Mark Ellison",
                    "value for money": "Department for Levelling Up",
                    "vanity project": "Brian Hale"},
    "state_media.txt": {"hitting a target": "KCNA",
                        "detected no launch": "South Korea's Joint Chiefs of Staff",
                        "cannot confirm": "defence ministry official",
                        "lodged a protest": "Hiroshi Tanabe",
                        "grave threat": "Hiroshi Tanabe",
                        "raised tensions": "Mao Ling",
                        "hit bases in Japan": "Park Ji-hoon"},
    "wildfire.txt": {"12,000 acres": "U.S. Forest Service",
                     "moving faster": "Rick Alvarez",
                     "4,500 residents": "Gail Thornton",
                     "No deaths": "Gail Thornton",
                     "grabbed the photos": "Maria Santos",
                     "watched the glow": "Ed Kowalski",
                     "40 years": "Ed Kowalski",
                     "dry winds": "National Weather Service"},
    "election_night.txt": {"hope over fear": "Maria Ortiz",
                           "would not concede": "Greg Hollis",
                           "owe it to the voters": "Greg Hollis",
                           "3,000 mail ballots": "Janice Wu",
                           "sour grapes": "Leo Brandt",
                           "last three elections": "Leo Brandt",
                           "Turnout was 41 percent": "Janice Wu",
                           "tap water to be safe": "Denise Carter"},
    "press_briefing.txt": {"only grain": "Arman Petrosyan",
                           "in good health": "Arman Petrosyan",
                           "not speculate": "Arman Petrosyan",
                           "why the ship was stopped": "Caspian Line",
                           "seek compensation": "Nadia Karimova",
                           "talks on releasing": "diplomat in the region"},
    "celebrity_rep.txt": {"pushed too hard": "Kaya Lind",
                          "refunded automatically": "Live Nation",
                          "agonising": "Theo Marsh",
                          "new songs": "Theo Marsh",
                          "performing through pain": "source close to the singer"},
    "science_names.txt": {"how quickly the change happened": "Ingrid van der Berg",
                          "eating the shelves": "José Luis García Márquez",
                          "20 years of satellite data": "José Luis García Márquez",
                          "wake-up call": "David Attwell",
                          "fund more monitoring": "David Attwell",
                          "feel the effects first": "Nguyen Thi Lan",
                          "not abstract": "Nguyen Thi Lan",
                          "polar budget": "J.R. Whitfield",
                          "end any complacency": "Helen Okonjo"},
    "profile.txt": {"baking is romantic": "Rosa Lindqvist",
                    "200 families a week": "Samuel Okoye",
                    "Without Rosa": "Samuel Okoye",
                    "block the pavement": "rival cafe owner",
                    "room for everyone": "Rosa Lindqvist"},
    "earnings_call.txt": {"Our brands held up": "Marta Quinn",
                          "raise its full-year outlook": "Marta Quinn",
                          "cost savings": "Derek Osei",
                          "volume collapse": "Priya Raman",
                          "squeeze margins": "Tom Becker"},
    # fourth round (seventh session): wire, markets, court ruling, sport, tech, diplomacy,
    # UK politics, health
    "markets_wire.txt": {"Saudi Arabia favoured": "delegates",
                         "lower end of its range": "Maersk",
                         "looser balance": "Tamas Varga",
                         "Thursday's CPI": "Kathleen Brooks"},
    "tech_breach.txt": {"the list appeared genuine": "Marcus Hutchins",
                        "I checked a sample": "Marcus Hutchins",
                        "another door": "Eva Galperin"},
    "diplomatic.txt": {"^the Philippines of deliberately": "China",
                       "Chinese ships have been present": "Ray Powell",
                       "will not be intimidated": "Eduardo Año"},
    "appeals_ruling.txt": {"jury could reasonably": "Maria Okafor",
                           "wrong standard entirely": "Thomas Brandt",
                           "day in court": "Renee Castillo"},
    "postmatch.txt": {"a lot of character": "Joey Barton",
                      "clear foul": "Gary Caldwell",
                      "went for the ball": "Kofi Mensah"},
    "uk_borrowing.txt": {"ballot members": "Teachers’ Union",
                         "lost control": "Mel Stride",
                         "disappointing but not disastrous": "Paul Johnson"},
    "measles.txt": {"risen to 159": "health officials in Texas",
                    "sending a team": "Centers for Disease Control and Prevention",
                    "phone rings all day": "Ana Morales"},
    "press_release_plant.txt": {"^plans to build": "Greenfield Solar Inc",
                                "Lordstown won on speed": "Raj Patel",
                                "big win for the Mahoning": "Mike DeWine"},
    "science_teeth.txt": {"Instead they kept doing both": "Elena Petrova",
                          "safety net": "Mark Hughes",
                          "skewed by local geology": "Sarah Klein",
                          "teeth from sites in Italy": "Elena Petrova"},
    "crime_charged.txt": {"the two knew each other": "Paul Grant",
                          "tragic case": "Paul Grant"},
    "feature_couple.txt": {"takes about": "Helen Price",
                           "no plans to stop": "Mark Price",
                           "open a café upstairs": "Mark Price",
                           "does not blame the Prices": "Tom Wade"},
    "council_webpage.txt": {"three too many": "Rosa Diaz",
                            "can't park": "Frank Russo",
                            "studied the impact": "David Chen"},
    "ap_stopgap.txt": {"keeps the lights on": "Mike Johnson",
                       "given up their leverage": "Chip Roy",
                       "avoided a catastrophe": "Rosa DeLauro",
                       "pass the bill by Friday": "Chuck Schumer"},
    "mumbai_rain.txt": {"remain closed on Wednesday": "Bhushan Gagrani",
                        "no cancellation as of now": "Swapnil Nila",
                        "same story": "Rekha Sawant"},
    "koalas.txt": {"extinct in NSW by 2050": "Chris Dickman",
                   "deeply concerned": "Penny Sharpe",
                   "reduce fire risk": "Kate McBride",
                   "keep making excuses": "Stuart Blanch"},
    "novelist_qa.txt": {"Not at all": "Ruth Okonkwo",
                        "threw 300 of them away": "Ruth Okonkwo"},
    "korea_floods.txt": {"deeply sorry": "Yoon Suk Yeol",
                         "cooperate fully": "Lee Sang-min",
                         "apology came too late": "Park Ji-won",
                         "warnings were there": "Park Ji-won",
                         "to be prosecuted": "Kim Min-jung"},
    "meta_optout.txt": {"roll out over the next four weeks": "Matt Pollard",
                        "cost of doing business": "Sarah Wynn-Williams"},
    "governor_debate.txt": {"making things up": "Elaine Cho",
                            "numbers don't lie": "Tom Barrett",
                            "car thefts had doubled": "Tom Barrett"},
    "court_shredding.txt": {"Get rid of these": "Maria Santos",
                            "did not know what was in those boxes": "Harold Kim",
                            "$40 million fraud": "Rachel Dunn"},
    "xinhua_gdp.txt": {"recovery with positive momentum": "Kang Yi",
                       "main driver of growth": "Liu Aihua",
                       "higher than the target": "National Bureau of Statistics"},
    "kenya_finance_bill.txt": {"346 billion shillings": "Njuguna Ndung'u",
                               "declared war on the poor": "Raila Odinga",
                               "at least 200 people": "Irungu Houghton",
                               "sign the bill into law": "Hussein Mohamed"},
    "business_pr.txt": {"close 40 of its 210 stores": "Harlow & Finch",
                        "honest about where our customers": "Dana Whitlock",
                        "online sales rose 14%": "Dana Whitlock",
                        "out of nowhere": "Luis Ortega",
                        "save the company $85 million": "analysts at Brightwater Securities"},
    "science_journal.txt": {"higher their risk": "Maya Okafor",
                            "big, careful study": "Peter Hale",
                            "changing meal times": "Maya Okafor"},
    "court_allege.txt": {"wrote 312 checks": "indictment",
                         "looks forward to telling": "Anne Castillo",
                         "meal someone did not get": "Mark Rivas",
                         "donations had not fallen": "Helen Marsh"},
    "social_posts.txt": {"ribbon to cut": "Rachel Kim",
                         "secured $40 million": "Tom Bradley",
                         "money is there": "Ben Ali"},
    "uk_broadsheet.txt": {"foundation of everything": "Rachel Reeves",
                          "lost control": "Mel Stride",
                          "higher mortgage rates": "Mel Stride",
                          "headroom is gone": "Paul Johnson"},
    "tabloid_pal.txt": {"Jodie is devastated": "source close to the couple",
                        "career first": "insiders"},
    "tv_transcript.txt": {"I believe it will": "James Lankford",
                          "370 pages long": "James Lankford"},
    "local_police.txt": {"hit a parked truck": "Alex Moore",
                         "not a bad kid": "Linda Hall"},
    "qa_bold.txt": {"grass is taller": "Maria Velasquez",
                    "short 40 people": "Maria Velasquez"},
    "science_team.txt": {"earliest evidence of plague": "Pooja Swali",
                         "less deadly": "Pontus Skoglund"},
    "multi_para.txt": {"$1 billion shortfall": "Karen Bass",
                       "share the pain": "Karen Bass",
                       "Not in its current form": "Hugo Soto-Martinez",
                       "no officers would be laid off": "Chris Thompson"},
    "sports_desc.txt": {"no regrets": "Tommy Paul",
                        "review the match": "Juan Carlos Ferrero"},
    "strike_union.txt": {"bullied back to work": "Mick Delaney",
                         "unnecessary and damaging": "Louise Haigh-Barton",
                         "lost a day's wages": "Priya Nair",
                         "£45 million": "Centre for Economics and Business Research"},
    "pharma_trial.txt": {"waiting decades for": "Dana Whitcombe",
                         "real but modest": "Rafael Ostrowski",
                         "see the full data": "Rafael Ostrowski",
                         'results "encouraging"': "Alzheimer's Association"},
    "testimony.txt": {"make it happen": "Karen Whitfield",
                      "desperate story": "Dan Ocasio",
                      "another three weeks": "Ellen Moriarty"},
    "europe_summit.txt": {"single migrant": "Viktor Orban",
                          "landing zone": "Ursula von der Leyen",
                          "good compromise": "Mark Rutte",
                          "Berlin supported": "Olaf Scholz"},
    "school_board.txt": {"wanted to make this decision": "Tom Elling",
                         "PowerPoint": "Grace Lindqvist",
                         "no teacher loses": "teachers' union",
                         "would crowd classrooms": "parents"},
    "hurricane_landfall.txt": {"life-threatening situation": "Ron DeSantis",
                               "extremely heavy rain": "Daniel Brown",
                               "freight train": "Karen Miles",
                               "crews from 20 states": "Jeff Rogers"},
    "cairo_talks.txt": {"maximum flexibility": "Hazem Qassem",
                        "costs lives": "Juliette Touma"},
    "footprints_science.txt": {"oldest unambiguous evidence": "Matthew Bennett",
                               "extraordinary evidence": "Loren Davis"},
    "carmaker_cuts.txt": {"^Volkmar AG will cut": "Volkmar AG",
                          "nobody buys": "Oliver Brandt",
                          "welcome the discipline": "Anna Lenz"},
    "malawi_election.txt": {"turnout was 63%": "Annabel Mtalimanja",
                            "respect their decision": "Lazarus Chakwera",
                            "peaceful and orderly": "Southern African Development Community"},
    "phone_driver_court.txt": {"had no chance": "Rachel Moore",
                               "consumed with remorse": "Andrew Hale",
                               "rather than the road": "Catherine Price",
                               "kindest man": "Anne Walsh"},
    "dam_collapse_page.txt": {"district office three times": "Mohan Lal",
                              "they will be punished": "Anil Verma"},
    "minister_quit_sources.txt": {"twice, in person": "senior government official",
                                  "hung out to dry": "allies of the minister"},
    "nurses_strike.txt": {"patients are not safe": "Maria Lopez",
                          "9 percent raise": "Robert Haines",
                          "staffing crisis": "Janet Obi",
                          "not after a contract": "Ahmed Siddiqui"},
    "eastfield_shooting.txt": {"buying snacks": "Benjamin Crane",
                               "No weapon was found": "Benjamin Crane",
                               "administrative leave": "Laura Dietz",
                               "I want the truth": "Denise Reed"},
    "climate_finance_names.txt": {"asking for fairness": "William Ruto",
                                  "tired of waiting": "Mia Amor Mottley",
                                  "bill goes up": "Mia Amor Mottley"},
    "voting_ruling.txt": {"not a privilege to be rationed": "Leigh Martin May",
                          "his office would appeal": "Brad Raffensperger",
                          "stood up for the voters": "Cliff Albright"},
    "kremlin_wire.txt": {"no basis for negotiations": "Dmitry Peskov",
                         "not going anywhere": "Antony Blinken"},
    "four_day_poll.txt": {"no longer a fringe idea": "Joe Ryle",
                          "a gift to unions": "Taxpayers' Alliance"},
    "debate_rivals.txt": {"every education budget": "Amanda Kerr",
                          "turned it into a deficit": "Paul Dwyer",
                          "violent crime had fallen": "Amanda Kerr",
                          "feel safer": "Paul Dwyer"},
    "flood_couple.txt": {"twenty minutes to get out": "Ruth Moreau",
                         "every premium on time": "Daniel Moreau",
                         "ombudsman was set up": "Helen Grant"},
    "tariff_pm.txt": {"not be bullied by anyone": "Carla Benedetti",
                      "^that the tariffs were": "Mark Holloway",
                      "taken advantage of us": "Dan Whitaker"},
    "lighthouse_keeper.txt": {"never the same twice": "Arthur Penrose",
                              "know it's time": "Arthur Penrose"},
    "senate_transcript.txt": {"When will you cut rates": "Roberta Kline",
                              "won't give you a date": "Andrew Marsh",
                              "changed how we make them": "Andrew Marsh"},
    "india_power.txt": {"hourly report on every feeder": "Atishi Marlena",
                        "caused by local faults": "BSES",
                        "not designed for this kind of load": "Ashwini Chitnis"},
    "aus_bushfire_inquiry.txt": {"nothing happened": "Greg Mullins",
                                 "simply not correct": "Penny Sharpe",
                                 "science says": "Greg Mullins"},
    "interview_initials.txt": {"owe anybody anything": "Ines Duarte",
                               "genuinely affordable": "Ines Duarte",
                               "before she took office": "Peter Hask"},
    "election_liveblog.txt": {"^Turnout in the capital": "electoral commission",
                              "respect that": "Amy Lister"},
    "uk_single_quotes.txt": {"afraid to speak up": "Janet Pryce",
                             "wish her well": "Martin Oduya",
                             "tip of the iceberg": "Helen Yates",
                             "behind closed doors": "Helen Yates"},
    "match_penalty.txt": {"never a penalty": "Steve Hale",
                       "clear foul": "Marco Bellini",
                       "point at least": "Dan Okoro"},
    "science_bees.txt": {"remarkably consistent": "Priya Raman",
                          "findings were": "Lars Chittka"},
    "robbery_local.txt": {"cowardly attack": "Claire Booth",
                        "broken wrist": "Police"},
    "chip_outlook.txt": {"inventory they built up": "Rafael Moreno",
                           "600 jobs": "Ann-Marie Kowalski",
                           "reset year": "Kevin Doyle"},
    "popstar_split.txt": {"hardest of my life": "Kayla Monroe",
                         "through hell": "source close to the singer"},
    "health_cdc.txt": {"watching this very closely": "Nirav Shah",
                       "tested 45 farm workers": "Nirav Shah",
                       "nearly enough cows": "Angela Rasmussen"},
    # eleventh round: a council budget, a medical study, a sentencing, a celebrity
    # interview, a "says" feature, Indian politics, court papers, a tabloid
    "council_budget.txt": {"Nobody comes into local government": "Priya Shah",
                           "pay more for less": "Mark Dyer",
                           "could not back the closure": "Helen Cole"},
    "medical_study.txt": {"level off after about 9,000": "Borja del Pozo Cruz",
                          "could not prove that walking": "Susan Kohlhaas",
                          "simply walk less": "Susan Kohlhaas"},
    "court_sentencing.txt": {"abused a position": "Simon Phillips",
                             "unable to pay her care fees": "Jane Morrow",
                             "preyed on people": "Laura Pike"},
    "celebrity_interview.txt": {"full-blown panic attacks": "Julia Marsh",
                                "usually in that order": "Dennis Lowe"},
    "says_feature.txt": {"online orders now make up": "Amy Hollis",
                         "post their boots": "Amy Hollis",
                         "high rents drove": "Rashid Mahmood"},
    "india_politics.txt": {"living in relief camps": "Siddaramaiah",
                           "The paperwork is not": "Amit Shah",
                           "assessment was sent": "Krishna Byre Gowda"},
    "court_papers.txt": {"often end in settlements": "Rachel Ostrow",
                         "jury looking at their books": "Rachel Ostrow"},
    "tennis.txt": {"found a way": "Carlos Alcaraz",
                   "serve had let him down": "Alexander Zverev",
                   "went for too much": "Alexander Zverev",
                   "it's a battle": "Jannik Sinner"},
    "nhs_trust.txt": {"didn't sleep at all": "Paul Doyle",
                      "extreme pressure": "Rabina Tindale",
                      "unsafe and undignified": "Nicola Ranger"},
    "press_briefing2.txt": {"made no such decision": "Karine Jean-Pierre",
                            "continues to have a mission": "Pat Ryder",
                            "a gift to ISIS": "Lindsey Graham"},
    "nested_quote.txt": {"starting point": "Tom Reeve",
                         "nobody is going to buy bread": "Lena Okafor"},
    "embedded_post.txt": {"Get well soon": "Laura Finch",
                          "we will be back": "Ellie Marsh",
                          "health came first": "Tom Greer"},
    "royal.txt": {"sensible precaution": "Dickie Arbiter",
                  "honoured": "Fiame Naomi Mata'afa",
                  "great reluctance": "Buckingham Palace"},
    "local_fire.txt": {"hammering on the door": "Sharon McBride",
                       "Sharon and her husband": "Jason Price",
                       "faulty phone charger": "Gary Oakes"},
    "cnn_flood.txt": {"^Torrential rain": "officials",
                      "worst disaster": "Eduardo Leite"},
    "mail_weightloss.txt": {"tried everything": "Gemma Hartley",
                            "proud of his wife": "Hartley",
                            "Patient safety": "Regulatory Agency"},
    "nypost_ejection.txt": {"terrible for years": "Gerrit Cole",
                            "right to be frustrated": "Aaron Boone"},
    "india_business.txt": {"outstanding quarter": "PB Balaji",
                           "order book is healthy": "Adrian Mardell"},
    "science_cooauthor.txt": {"tempting to call it dreaming": "Sylvia Medeiros",
                              "patterns are not random": "Leenoy Meshulam",
                              "impossible to know": "Robyn Crook"},
    "pmqs.txt": {"He has failed": "Kemi Badenoch",
                 "inherited a broken NHS": "Keir Starmer",
                 "answered every question": "Downing Street"},
    "tabloid_source.txt": {"written out slowly": "source",
                           "future storylines": "spokesperson for the programme"},
    # twelfth round: TMZ, The Verge, Quanta, Herald Sun, WebMD, Breitbart, BBC, Guardian,
    # Seattle Times, Bloomberg and MailOnline styles
    "tmz_style.txt": {"paid every cent": "Lisa Brennan",
                      "never saw a dime": "Derek Vance"},
    "verge_style.txt": {"always evaluating": "Ned Adriance",
                        "Nobody told us": "Marta Quiles",
                        "about a fifth": "Marta Quiles"},
    "quanta_style.txt": {"kind of thing": "Terence Hale",
                         "told it was hopeless": "Amira Nasser",
                         "barrier here": "Kevin Ford",
                         "last barrier too": "Jonas Berg"},
    "heraldsun_style.txt": {"worst nightmare": "Paul Grayson",
                            "cheeky, beautiful boy": "Sam Keating",
                            "completely silent": "neighbour"},
    "webmd_style.txt": {"throws away": "Steven Nissen",
                        "like candy": "Nieca Goldberg",
                        "internal bleeding,": "John Wong"},
    "breitbart_style.txt": {"turnstile": "Tom Hadley",
                            "toughest border": "Lena Ortiz"},
    "bbc_style.txt": {"get out of bed": "Gareth Hughes",
                      "paying the price": "Sam Rowlands",
                      "work harder": "Iona Collins",
                      "Our plan will cut": "Jeremy Miles"},
    "guardian_style.txt": {"We have been clear": "Department for Environment, Food and Rural "
                                                 "Affairs",
                           "right to know": "Tessa Munt",
                           "run out of excuses": "Feargal Sharkey"},
    "seattle_local.txt": {"fair pay": "Sara Nelson",
                          "$50 or $150": "Abdirahman Yusuf",
                          "kept our city fed": "Teresa Mosqueda"},
    "bloomberg_style.txt": {"unlocks value": "Keel spokesman",
                            "does not belong": "Keel"},
    "mailonline_style.txt": {"hide at the back": "Kerry Dobson"},
    "aljazeera_style.txt": {"seven-day humanitarian truce": "Saudi and US mediators",
                            "heard this before": "Hiba Morgan",
                            "fully committed": "RSF"},
    "yahoo_sports.txt": {"finish his career": "Austin Reaves",
                         "I love it here": "Austin Reaves",
                         "He's a winner": "JJ Redick",
                         "pay grade": "LeBron James"},
    "salon_analysis.txt": {"good bill for builders": "Jenny Schuetz",
                           "only the first step": "Mark Whitley",
                           "does too little": "critics on the left",
                           "eviction": "housing advocate"},
    "axios_style.txt": {"weighing new restrictions": "two administration officials",
                        "^Officials are concerned": "officials",
                        "adversaries": "senior administration official",
                        "hand the market": "John Neuffer",
                        "look closely": "Maria Cantwell"},
    "npr_style.txt": {"pulled the plug": "Reta Baker",
                      "came down to money": "Reta Baker",
                      "next one over": "Jennifer Brull",
                      "a lot of meetings": "Reta Baker"},
    "foxnews_style.txt": {"medical condition": "Lisa Carver",
                          "exhausted from fighting": "Ian Serotkin",
                          "bureaucratic nightmare": "Mark Delaney"},
    "ars_style.txt": {"The fix exists": "Priya Raman",
                      "Eleven were vulnerable": "Raman and her colleagues",
                      "in the coming weeks": "spokesperson for Lockwell",
                      "keep treating": "Matthew Green"},
    "wapo_politics.txt": {"bad deal": "Alex Padilla",
                          "working on it": "Charles E. Schumer",
                          "more tools": "James Lankford",
                          "dead on arrival": "Mike Johnson",
                          "stands ready": "Andrew Bates"},
    "buzzfeed_style.txt": {"unable to prove": "Brandy Young",
                           "never expected": "Brandy Young",
                           "thrilled": "Samantha Gallagher"},
    "reuters_wire2.txt": {"time they need": "Christine Schneider",
                          "more forest lost": "Julia Christian",
                          "two-year delay": "Two EU diplomats",
                          "smooth implementation": "Adalbert Jahnz"},
    "guardian_sport.txt": {"He's incredible": "Mikel Arteta",
                           "better for long spells": "Unai Emery",
                           "feeling good": "Bukayo Saka"},
    "local_tv.txt": {"dog is a hero": "Dayton family",
                     "If it wasn't for him": "Keisha Lawson",
                     "smoke alarm": "Brad French",
                     "started in the kitchen": "Brad French"},
    "afp_style.txt": {"16,000 people had been evacuated": "Abdul Muhari",
                      "number could rise": "Abdul Muhari",
                      "no time to take anything": "Maria Lewotobi"},
    "hill_style.txt": {"I've been very clear": "Joe Manchin",
                       "optimistic": "Chuck Schumer",
                       "out of control": "Mitch McConnell"},
    "sky_style.txt": {"left us with no choice": "Mick Whelan",
                      "hugely disappointing": "Mark Harper",
                      "lost count": "Jane Fielding"},
    "cnbc_style.txt": {"getting close to the point": "Christopher Waller",
                       "did not expect a recession": "Christopher Waller",
                       "laying the groundwork": "Priya Menon",
                       "labor market remains too tight": "Greg Holloway",
                       "are not yet confident": "Jerome Powell"},
    "variety_style.txt": {"genuinely unnerving": "Marcus Leal",
                          "thrilled": "Ava Brennan",
                          "lies we tell": "Ava Brennan",
                          "several studios had bid": "Ruth Castellano"},
    "politico_style.txt": {"swamp deal": "Chip Roy",
                           "Nobody got everything": "Tom Cole",
                           "deliver their own votes": "Hakeem Jeffries",
                           "would sign the package": "Karine Jean-Pierre"},
    "newsweek_style.txt": {"can't afford": "Sheharyar Bokhari",
                           "prices soften": "Lisa Sturtevant",
                           "not a crash": "Danielle Hale"},
    "cbc_style.txt": {"^Nurses at 131": "their union",
                      "staffing crisis": "Erin Ariss",
                      "fair offer": "Sylvia Jones",
                      "two of us for 30": "Amanda Lee"},
    "toi_style.txt": {"^The Brihanmumbai": "Bhushan Gagrani",
                      "enough time": "Bhushan Gagrani",
                      "Where will they go": "Sunita Pawar",
                      "approach the high court": "Ramesh Yadav"},
    "espn_style.txt": {"frustrating, obviously": "Jayson Tatum",
                       "rush his return": "Joe Mazzulla",
                       "pick up the slack": "Jaylen Brown"},
    "independent_style.txt": {"step change": "David Black",
                              "off the hook": "Feargal Sharkey",
                              "more needed to be done": "Mike Keil",
                              "ban bonuses": "Steve Reed"},
    "wired_style.txt": {"clicked accept": "Maya Okonkwo",
                        "buried these provisions": "Arvind Raman",
                        "^Opt-out settings put": "Arvind Raman"},
    "scmp_style.txt": {"average wait": "Winnie Ho Wing-yin",
                       "on track to meet": "Winnie Ho Wing-yin",
                       "subdivided flats": "Sze Lai-shan"},
    "guardian_live.txt": {"legal migration": "Rishi Sunak",
                          "driven by people arriving": "Jay Lindop",
                          "completely lost control": "Yvette Cooper",
                          "expected numbers to fall": "Migration Observatory",
                          "passed the peak": "Madeleine Sumption"},
    "abc_au_style.txt": {"completely smashed": "Tom McAlister",
                         "millions of dollars": "Xavier Martin",
                         "first decent harvest": "Xavier Martin",
                         "feel numb": "Jenny Walsh"},
    "atlantic_style.txt": {"^that it would shutter": "county",
                           "done deal": "Dolores Fenwick",
                           "underestimated the backlash": "Alan Price",
                           "squeezed from every direction": "Marisa Lund",
                           "still there": "Dolores Fenwick"},
    "hollywood_reporter.txt": {"successor would be named": "Brian Robbins",
                               "tremendous partner": "Brian Robbins",
                               "enormous gratitude": "Dana Whitcombe"},
    "dawn_style.txt": {"Benazir Income Support": "Shehbaz Sharif",
                       "within two weeks": "Shehbaz Sharif",
                       "too little, too late": "Omar Ayub Khan"},
    "irish_times_style.txt": {"disappointed": "James Browne",
                              "pipeline is strong": "James Browne",
                              "paying the price": "Eoin Ó Broin"},
    "nation_ke_style.txt": {"same job groups": "Collins Oyuu",
                            "members are frustrated": "Collins Oyuu",
                            "as the budget allows": "Eveleen Mitei",
                            "prioritise teachers": "Akelo Misori"},
    "punch_style.txt": {"reconcile figures": "Nkeiruka Onyejeocha",
                        "No worker will be left behind": "Nkeiruka Onyejeocha",
                        "waited long enough": "Joe Ajaero",
                        "help anybody": "Adewale-Smatt Oyerinde"},
    "nba_trade_style.txt": {"^The Atlanta Hawks agreed to trade": "league sources",
                            "two future second-round picks": "Ramona Vick",
                            "gave everything": "Landry Fitch",
                            "ready for whatever": "Marcus Delane",
                            "start on Friday": "Willie Green",
                            "both ends": "Willie Green"},
    "pagesix_style.txt": {"split was amicable": "source close to the couple",
                          "privacy at this time": "Jenna Roarke"},
    "opinion_column.txt": {"this time is different": "Claire Holt",
                           "the land and the will": "Claire Holt",
                           "completions fell": "Office for National Statistics",
                           "bricklayers": "Ivan Marsh"},
    "bbc_court.txt": {"life-changing": "Caroline Rees",
                      "brutal assault": "Caroline Rees",
                      "unprovoked attack": "Mark Kellaway",
                      "deeply ashamed": "Harriet Lowe",
                      "no mercy": "Michael Chambers"},
    "science_journal_style.txt": {"time capsule": "Stewart Jamieson",
                                  "frozen to the bed": "Neil Ross",
                                  "chain of assumptions": "Martin Siegert",
                                  "drilling would be needed": "Martin Siegert"},
    "local_tv_style.txt": {"just opened": "Rosa Delgado",
                           "huge bang": "Rosa Delgado",
                           "structurally sound": "Jim Wendt"},
    "press_release_style.txt": {"lifeline": "Louise Haigh",
                                "rising costs": "Graham Vidler",
                                "falls well short": "Tom Hunt",
                                "shared among 30": "Department for Transport"},
    "ft_style.txt": {"trading had deteriorated": "Harrow & Finch",
                     "under pressure": "Priya Nandakumar",
                     "significant disappointment": "Richard Lowe",
                     "close six of its 41 stores": "Priya Nandakumar",
                     "no compulsory redundancies": "Priya Nandakumar"},
    "kyodo_style.txt": {"until the end of April": "government sources",
                        "respond flexibly": "Yoshimasa Hayashi",
                        "trillions of yen": "Hideo Kumano"},
    "news24_style.txt": {"burst bulk pipe": "Nombuso Shabalala",
                         "apologise": "Nombuso Shabalala",
                         "buying water": "Thabo Mokoena",
                         "Every week they say": "Thabo Mokoena",
                         "compensate": "Sipho Dlamini"},
    "eu_summit_names.txt": {"tighten the screws": "Ursula von der Leyen",
                            "not let up": "Ursula von der Leyen",
                            "exemption for pipeline oil": "Viktor Orbán",
                            "return to talks": "Luiz Inácio Lula da Silva"},
    "long_quote_paras.txt": {"line up to touch it": "Dorothy Finch",
                             "two generations": "Marcus Bell"},
    "says_present_feature.txt": {"real work happens": "Aisha Rahman",
                                 "used to it": "Pete Doyle",
                                 "night work accounts": "Network Rail",
                                 "save lives": "Mick Lynch"},
    "social_embed_style.txt": {"overrunning": "Dana Whitfield",
                               "puts people in danger": "Luis Ortega",
                               "describing what mayors": "Dana Whitfield",
                               "never spoken to the senator": "Rolando Salinas"},
    "two_men_pronouns.txt": {"hired 300 teachers": "Tom Bradley",
                             "replaced teachers who left": "Kevin Osei",
                             "walked out the door": "Kevin Osei",
                             "playing with numbers": "Tom Bradley",
                             "back him up": "Tom Bradley",
                             "welcome it": "Kevin Osei"},
    "web_clutter.txt": {"knocked out power": "utility officials",
                        "around the clock": "Dan Ruiz",
                        "wind gusts": "National Weather Service"},
}


def test_cli_extract_probe_articles(tmp_path):
    folder = pathlib.Path(__file__).parent / "data" / "who_probes"
    out = tmp_path / "out.jsonl"
    subprocess.run([sys.executable, "-m", "claims.cli", "extract", str(folder), "--jsonl",
                    str(out)], check=True, capture_output=True, text=True)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for name, want in PROBES.items():
        stem = name.rsplit(".", 1)[0]
        mine = [r for r in rows if r["kind"] != "claim" and r["report"] == stem]
        for fragment, speaker in want.items():
            # "^fragment": the statement's text starts with it (a nested statement ends its
            # outer statement's text)
            hits = [r for r in mine if r["text"].replace("’", "'").startswith(fragment[1:])] \
                if fragment.startswith("^") else \
                [r for r in mine if fragment in r["text"].replace("’", "'")]
            assert len(hits) == 1, (name, fragment, [r["text"] for r in mine])
            assert hits[0]["speaker_name"] == speaker, (name, fragment, hits[0]["speaker_name"])
