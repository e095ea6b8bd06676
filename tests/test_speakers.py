from claims.extraction.speakers import normalise_description, resolve_speakers
from _extraction_helpers import att, sentences


def _resolve(text, specs):
    ss = sentences(text)
    atts = [att(text, ss, *spec) for spec in specs]
    return resolve_speakers(text, ss, atts)


def test_surname_resolves_to_full_name_and_keeps_role_from_earlier_mention():
    text = ("Transport Secretary Maria Delgado visited the flooded depot on Monday. "
            "Delgado said the line would reopen within a month.")
    (sp,) = _resolve(text, [("indirect", "the line would reopen within a month", "said",
                              "Delgado")])
    assert sp.name == "Maria Delgado"
    assert sp.type == "person"
    assert sp.role == "Transport Secretary"


def test_pronoun_he_added_refers_to_previous_speaker():
    text = ("“We are ready for the vote,” said Tom Baker, a lawyer for the tenants. "
            "“The rent rose twice in one year,” he added.")
    a, b = _resolve(text, [
        ("direct", "“We are ready for the vote,”", "said", "Tom Baker"),
        ("direct", "“The rent rose twice in one year,”", "added", "he"),
    ])
    assert a.name == b.name == "Tom Baker"
    assert b.type == "person"
    assert a.role and "lawyer for the tenants" in a.role


def test_pronoun_after_unnamed_source_is_that_source():
    text = ("A senior Treasury official told reporters that the talks had stalled. "
            "He said the ministry would answer next week.")
    a, b = _resolve(text, [
        ("indirect", "the talks had stalled", "told", "A senior Treasury official"),
        ("indirect", "the ministry would answer next week", "said", "He"),
    ])
    assert a.type == b.type == "anonymous"
    assert a.name == b.name == "senior Treasury official"


def test_appositive_role_before_name():
    text = ("On Monday, the city's deputy director of planning, Laura Finch, told residents "
            "that the tower would be demolished.")
    (sp,) = _resolve(text, [("indirect", "the tower would be demolished", "told", "Laura Finch")])
    assert sp.name == "Laura Finch"
    assert "deputy director of planning" in sp.role
    assert not sp.role.lower().startswith("the ")


def test_role_in_source_span_and_of_phrase():
    text = ("“The audit is overdue,” Paul Grant of the watchdog group Open Books Project "
            "told the Herald. “Nobody has read it,” said city spokeswoman Ana Ruiz.")
    a, b = _resolve(text, [
        ("direct", "“The audit is overdue,”", "told",
         "Paul Grant of the watchdog group Open Books Project"),
        ("direct", "“Nobody has read it,”", "said", "city spokeswoman Ana Ruiz"),
    ])
    assert a.name == "Paul Grant" and a.type == "person"
    assert "watchdog group Open Books Project" in a.role
    assert b.name == "Ana Ruiz" and b.role == "city spokeswoman"


def test_role_only_speaker_linked_to_name_in_next_sentence():
    text = ("Canada’s trade minister says new duties are coming. "
            "Rita Moss told the CBC on Monday that the list was ready.")
    a, b = _resolve(text, [
        ("indirect", "new duties are coming", "says", "Canada’s trade minister"),
        ("indirect", "the list was ready", "told", "Rita Moss"),
    ])
    assert a.name == b.name == "Rita Moss"
    assert a.type == b.type == "person"
    assert a.role == b.role == "Canada’s trade minister"


def test_same_unnamed_source_speaks_again():
    text = ("A senior Pentagon official said the drills would go ahead. Analysts doubted it. "
            "The senior Pentagon official told CNN that no ships were moved.")
    a, b, c = _resolve(text, [
        ("indirect", "the drills would go ahead", "said", "A senior Pentagon official"),
        ("indirect", "it", "doubted", "Analysts"),
        ("indirect", "no ships were moved", "told", "The senior Pentagon official"),
    ])
    assert a.name == c.name == "senior Pentagon official"
    assert a.type == c.type == "anonymous"
    assert b.type == "anonymous" and b.name == "analysts"


def test_organizations_and_it():
    text = ("In a statement, the Interior Ministry said the border was open. "
            "It added that the FAA had cleared the flights. The White House said nothing.")
    a, b, c = _resolve(text, [
        ("indirect", "the border was open", "said", "the Interior Ministry"),
        ("indirect", "the FAA had cleared the flights", "added", "It"),
        ("indirect", "nothing", "said", "The White House"),
    ])
    assert a.type == "organization" and a.name == "Interior Ministry"
    assert b.name == "Interior Ministry" and b.type == "organization"
    assert c.type == "organization" and c.name == "White House"


def test_acronym_organization_and_plural_they():
    text = "The DHS said the rule was final. Local officials said they would sue. They said so."
    a, b, c = _resolve(text, [
        ("indirect", "the rule was final", "said", "The DHS"),
        ("indirect", "they would sue", "said", "Local officials"),
        ("indirect", "so", "said", "They"),
    ])
    assert a.type == "organization" and a.name == "DHS"
    assert b.type == "anonymous" and b.name == "local officials"
    assert c.name == "local officials"


def test_pronoun_prefers_person_named_earlier_in_same_sentence():
    text = ("Officials described Mayor Joan Pike as angry because she believed the vote "
            "was rigged.")
    (sp,) = _resolve(text, [("indirect", "the vote was rigged", "believed", "she")])
    assert sp.name == "Joan Pike"
    assert sp.role == "Mayor"


def test_title_inside_name_run():
    text = "Foreign Minister Luis Ortega Vega said the embassy would reopen."
    (sp,) = _resolve(text, [("indirect", "the embassy would reopen", "said",
                             "Foreign Minister Luis Ortega Vega")])
    assert sp.name == "Luis Ortega Vega"
    assert sp.role == "Foreign Minister"


def test_normalise_description():
    assert normalise_description("a senior State Department official") == \
        "senior State Department official"
    assert normalise_description("Critics") == "critics"
    assert normalise_description("US officials") == "US officials"


def test_missing_source_span_is_anonymous_without_name():
    from claims.extraction.spans import Attribution
    text = "The bridge will close, according to the notice."
    ss = sentences(text)
    (sp,) = resolve_speakers(text, ss, [Attribution("indirect", [(0, 21)], None, None, 0, [0])])
    assert sp.type == "anonymous" and sp.name is None
