"""The extractive answerer says "not found" when no passage holds the figure asked for — of the
thing asked, named as asked, of the time asked — and still answers when one does (fakes only).
Invented documents; none is copied from the labelled corpus."""

import pytest

from assistant.answers.extractive import ExtractiveAnswerer
from assistant.answers.labels import labels_in
from assistant.answers.names import asks_for_name, leaves_out, named, names_a_sibling, names_another, names_in
from assistant.answers.not_found import NOT_FOUND
from assistant.answers.question_types import asked, figure_of, has_shape, items_asked
from assistant.answers.tenses import asked_tenses, asks_if_yet, tenses
from assistant.answers.topics import misses_subject, subjects_asked
from assistant.answers.years import other_relative_year, other_year, relative_years, years_asked, years_in
from assistant.library import ingest
from assistant.search.mirror import Mirror, Snapshot
from assistant.search.retriever import Retriever
from ingest.parse import IngestMeta
from ingest.text import content_tokens
from tests.answering import answerer_over
from tests.fakes import HashEmbedder, MemoryStore

DOC = """# Harbourside Works community plan

## Jobs

The Harbourside Works scheme will create 40 local jobs during construction of the new quay.

## Homes

The Harbourside Works scheme will retrofit 200 homes on the Quay estate by 2030.

## Reporting

Harbourside Works published its 2023 community report in the spring, with a foreword by the chair.

## Emissions

Harbourside Works Scope 1 and 2 emissions were 1,200 tonnes of CO2e in the last year.

## Repairs

Routine repairs to the quay fences are reported through the community office and logged.

## Local spend

In 2022 Harbourside Works spent £3m with local firms in the harbour district.

## Community fund

The Harbourside community fund is run by an independent panel of residents.

The Harbourside training hub is run by Quayside Learning Trust for the scheme.

## Trees

Harbourside Works aims to plant 500 trees along the quay by 2026.

## Review

The Harbourside board reviews the quay safety plan each year.

## Charter

Each of the Harbourside Works partners signs the community charter when they join.
"""


@pytest.fixture
def answerer(tmp_path):
    return answerer_over(tmp_path, "harbourside.md", DOC, "Harbourside Works")


def test_a_count_of_something_else_is_not_an_answer(answerer):
    refused = answerer.answer("How many apprenticeships will the Harbourside Works scheme create during construction?")
    # the reply says whose documents are silent
    assert not refused.supported and refused.answer == NOT_FOUND.replace("the documents", "the documents of "
                                                                          "Harbourside Works", 1)
    found = answerer.answer("How many local jobs will the Harbourside Works scheme create during construction?")
    assert found.supported and "40 local jobs" in found.citations[0].quote


def test_a_figure_still_to_come_does_not_answer_what_was_done(answerer):
    answer = answerer.answer("How many homes has the Harbourside Works scheme retrofitted to date?")
    assert not answer.supported


def test_the_year_of_a_plan_is_not_a_report_date(answerer):
    answer = answerer.answer("In which year does Harbourside Works plan to publish its community net zero route?")
    assert not answer.supported


def test_a_numbered_label_must_be_named(answerer):
    answer = answerer.answer("What were Harbourside Works Scope 3 emissions in tonnes of CO2e?")
    assert not answer.supported
    found = answerer.answer("What were Harbourside Works Scope 1 emissions in tonnes of CO2e?")
    assert found.supported and "1,200 tonnes" in found.citations[0].quote


def test_every_name_the_question_gives_must_be_in_the_documents(answerer):
    """Two of its three names match, but "Castleton" is nowhere: what Harbourside Works spent with
    the harbour district's firms does not answer what it spent in Castleton."""
    answer = answerer.answer("How much did Harbourside Works spend with local firms in Castleton in 2022?")
    assert not answer.supported
    found = answerer.answer("How much did Harbourside Works spend with local firms in 2022?")
    assert found.supported and "£3m" in found.citations[0].quote


def test_a_section_about_another_of_the_kind_asked_is_beside_the_answer():
    """A page of several solar farms: the section on one does not answer what is asked of another."""
    asked = names_in("What will the annual community fund be for Roxby Solar Farm?")
    assert names_a_sibling(asked, "Staveley Solar Farm: Community Fund | Fund value", "The fund is £40,000 a year.")
    assert not names_a_sibling(asked, "Roxby Solar Farm: Community Benefits", "The fund is £500 per MW.")
    # the sentence names the farm asked, or its section names no other farm: still an answer
    assert not names_a_sibling(asked, "Staveley Solar Farm | Fund value", "Roxby Solar Farm pays £500 per MW.")
    assert not names_a_sibling(asked, "Fund value", "The Solar Farm pays £500 per MW.")
    # another plan of the same document is no other of a kind: "Green Plan" beside "Net Zero Plan"
    assert not names_a_sibling(names_in("Who wrote the Trust's Green Plan?"), "Net Zero Plan", "It was written by us.")


def test_a_page_of_several_sites_answers_each_from_its_own_section(tmp_path):
    page = ("# Solar farm community funds: Staveley and Roxby\n\n## Staveley Solar Farm: Community Fund\n\n"
            "The community fund will pay £40,000 every year for the lifetime of the farm.\n\n"
            "## Roxby Solar Farm: Community Benefits\n\nThe project would donate training places to local schools.\n")
    answerer = answerer_over(tmp_path, "farms.md", page, "Solar Farms")
    assert not answerer.answer("How much will the community fund pay every year for Roxby Solar Farm?").supported
    found = answerer.answer("How much will the community fund pay every year for Staveley Solar Farm?")
    assert found.supported and "£40,000" in found.citations[0].quote


def test_a_pledge_tables_row_does_not_answer_what_was_done(tmp_path):
    table = ("# Acme bid\n\n## Social value\n\n| Theme | Commitment | Target | Deadline |\n|---|---|---|---|\n"
             "| Jobs | New apprenticeships for local people | 12 | By March 2028 |\n")
    answerer = answerer_over(tmp_path, "bid.md", table, "Acme Housing")
    assert not answerer.answer("How many apprenticeships for local people has Acme taken on?").supported
    found = answerer.answer("How many apprenticeships for local people will Acme create?")
    assert found.supported and "12" in found.citations[0].quote


def test_a_time_asked_for_and_absent_is_not_found(answerer):
    answer = answerer.answer("What is the Harbourside Works target time for routine repairs to the quay fences?")
    assert not answer.supported


def test_when_is_answered_only_by_a_sentence_that_says_when(answerer):
    """The training hub's sentence names it but says nothing of when it opens: not an answer."""
    answer = answerer.answer("When will the Harbourside training hub run by Quayside Learning Trust open?")
    assert not answer.supported
    found = answerer.answer("By when will Harbourside Works plant 500 trees along the quay?")
    assert found.supported and "by 2026" in found.citations[0].quote


def test_a_rise_of_a_share_does_not_say_what_the_share_is(tmp_path):
    fleet = answerer_over(tmp_path, "fleet.md", "# Acme fleet report\n\n## Fleet\n\nAcme increased the number of "
                          "electric vans in its fleet by 34% this year.\n", "Acme")
    assert not fleet.answer("What percentage of the Acme fleet is electric vans?").supported
    assert fleet.answer("By what percentage did Acme increase the electric vans in its fleet?").supported


# -- reading the question -------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "thing"), [
    ("How many local jobs will the scheme create?", "jobs"),
    ("How many apprentices has the project employed to date?", "apprentice"),
    ("What percentage of its procurement spend goes to local firms?", "spend"),
    ("What share of employees of Acme's suppliers were paid the living wage?", "employee"),
    ("What cut in waste has Acme targeted for 2030?", "waste"),
    ("How much will the fund pay?", None),
    ("How many volunteering hours a year is Acme aiming for?", "hour"),
    ("How many trees per year will Acme plant?", "tree"),
    ("What proportion of the rent owed does the TMO aim to collect?", "rent"),  # the noun, not "owed"
    ("What share of the money spent goes to local firms?", "money"),
    ("How many local jobs came with the new site when it opened?", "jobs"),  # the noun, not "came"
    ("What share of staff working for the council's suppliers got the living wage?", "staff"),
    ("What share of affordable housing is for social rent?", "hous"),  # a noun in -ing, not a verb
])
def test_what_a_figure_counts(question, thing):
    assert figure_of(question) == thing


def test_a_figure_of_the_same_thing_in_other_words_counts():
    from assistant.answers.question_types import counts

    assert counts("home", {"25", "afford", "hous"}) and counts("jobs", {"role"})
    assert counts("resident", {"300", "customer"})  # a housing provider's residents are its customers
    assert counts("dinner", {"17,000", "school", "meal"})  # school dinners are school meals
    assert not counts("tree", {"hous"}) and counts(None, set())
    assert counts("priz", {"three", "award"})  # prizes won are awards
    assert counts("check", {"30", "assessment"})  # checks on suppliers are assessments and audits
    assert counts("spend", {"contract", "expenditure"})  # "what share of its spending": "its expenditure"


def test_another_scope_than_the_one_asked_is_beside_the_answer():
    from assistant.answers.labels import labels_asked, names_label, names_other_label

    asked = labels_asked("When will Videndum reach net zero for its Scope 3 emissions?")
    assert asked == {"scope": {"3"}}
    told = labels_asked  # what a sentence numbers, read as a question's are
    assert names_other_label(asked, told("until we reach our Scope 1 and 2 net zero target in 2035"))
    assert not names_other_label(asked, told("net zero for Scope 1 and 2 by 2035 and Scope 3 by 2045"))
    assert names_label(asked, told("net zero for Scope 1 and 2 by 2035 and Scope 3 by 2045"))
    assert not names_other_label(asked, told("net zero across our operations by 2040"))  # names no scope
    assert labels_asked("Scopes 1, 2 and 3") == {"scope": {"1", "2", "3"}}


def test_labels_and_units_an_answer_must_name():
    assert labels_in("What were Acme's Scope 3 emissions in tonnes?") == {"3", "tonne"}
    assert labels_in("How many jobs will 3 sites create?") == set()
    # a determiner's number, or a share, names nothing: "The 5% Club"
    assert labels_in("When Acme joined The 5% Club, what share of its workforce were apprentices?") == set()


def test_names_held_by_an_acronym_or_with_digits():
    runs = names_in("Has the Hinkley Point C fund paid out?")
    wanted, held = named(runs, {"hpc", "fund"})
    assert held == wanted == {"hinkley", "point"}  # a lone letter ("C") is wanted of no text
    assert named(names_in("How many people has HS2 helped?"), {"hs2"})[1] == {"hs2"}


def test_a_word_capitalised_inside_is_a_name_the_documents_must_hold(answerer):
    """"discoverIE", "easyJet": a firm that writes its name in lower case first is still named."""
    assert names_in("In what year does discoverIE aim to reach net zero?") == [["discoverIE"]]
    refused = answerer.answer("How many local jobs will the scheme create for quayBuild during construction?")
    assert not refused.supported


def test_the_asker_is_no_name(answerer):
    """"if I'm locked out": a resident's "I" is no name a passage must hold, or every question put
    in the first person is refused."""
    assert names_in("Will Acme charge me if I'm locked out?") == [["Acme"]]
    assert names_in("When I've reported it, will Acme call?") == [["Acme"]]
    answer = answerer.answer("How many local jobs will the Harbourside Works scheme create, now I'm out of work?")
    assert answer.supported and "40 local jobs" in answer.citations[0].quote


def test_whether_it_has_happened_yet_is_decided_by_the_sentence_saying_it_was_done(tmp_path):
    assert tenses("We’ve recently taken on two apprentices.") == {"past"}
    assert asks_if_yet("Has Acme actually taken on any apprentices yet, or are they still just planned?")
    assert not asks_if_yet("Has Acme taken on any apprentices?")
    doc = ("# Riverside Bridge Direct Works\n\n## Jobs\n\nThe Riverside Bridge venture will create 23 new jobs, with "
           "apprentices also planned in the coming months.\n\nWe’ve recently taken on two apprentices so it’s "
           "great to see young people at Riverside Bridge learn a trade.\n")
    answer = answerer_over(tmp_path, "works.md", doc, "Riverside Bridge").answer(
        "Has Riverside Bridge actually taken on any apprentices yet, or are they still just planned?")
    assert answer.supported and answer.citations[0].quote.startswith("We’ve recently taken on")


def test_a_targets_bullet_does_not_say_what_was_done(tmp_path):
    assert tenses("• Increase the volunteering hours to 44,000 a year") == {"future"}
    assert tenses("• Increased the volunteering hours to 44,000") == {"past"}
    doc = ("# Riverside Bridge responsible business\n\n## Volunteering\n\nWe support our employees to be active "
           "members of their communities.\n\nKPIs\n\n- Increase the volunteering hours Riverside Bridge staff put "
           "in to 44,000 a year\n")
    answerer = answerer_over(tmp_path, "business.md", doc, "Riverside Bridge")
    assert not answerer.answer("How many volunteering hours did Riverside Bridge staff put in last year?").supported


def test_tenses_of_questions_and_sentences():
    assert asked_tenses("How many homes has Acme retrofitted to date?") == {"past"}
    assert asked_tenses("What does Acme aim for by 2030?") == {"future"}
    assert asked_tenses("Has Acme met its target?") == {"past", "future"}
    assert asked_tenses("What has Acme done in Northend?") == {"past"}
    assert asked_tenses("How many homes has Acme built?") == {"past"}  # a participle not in -ed
    assert asked_tenses("How much has Acme spent with local firms?") == {"past"}
    # what was said would be done is a promise, however the asking is put
    assert asked_tenses("How many jobs did Acme say the project would create?") == {"future"}
    assert asked_tenses("How many jobs did Acme create?") == {"past"}
    # what was proposed or announced is still to do: a plan told in the present answers it
    assert asked_tenses("What emissions cut has Acme proposed for 2030?") == {"past", "future"}
    assert tenses("We built 226 homes last financial year.") == {"past"}
    assert "past" in tenses("Hinkley Point C has hit its goal of training 1,000 apprentices.")
    assert tenses("We will retrofit 200 homes by 2030.") == {"future"}
    assert tenses("We have retrofitted 150 homes since 2020.") == {"past"}
    assert tenses("Routine repairs are logged.") == set()
    # a pledge table's row has no verb; its deadline cell says the deed is ahead
    assert tenses("Jobs | New apprenticeships | 12 | By March 2028 | Apprenticeship agreements") == {"future"}
    assert tenses("Homes surveyed | 1,150 by 31 December 2025 | 1,150 | Achieved.") == {"past"}
    assert tenses("We reported a 38% reduction in emissions for 2023/24.") == {"past"}
    assert tenses("We'll call or visit you within six weeks of you moving in.") == {"future"}
    # who said it is not what was said: a pledge reported is still a pledge
    assert tenses("Acme has revealed that by 2023 every bid will offer a low carbon option.") == {"future"}
    assert tenses("We will plant 500 trees, it said.") == {"future"}
    assert tenses("We have reported a 38% reduction in emissions.") == {"past"}
    # a promise made is still to be kept: the making is past, the deed is not
    assert tenses("Acme has guaranteed to create 130 apprenticeships.") == {"future"}
    assert tenses("The firm has committed to deliver low carbon options to every client.") == {"future"}
    assert tenses("Acme has signed up to the Armed Forces Covenant.") == {"past"}  # joined: done
    # commitments made for a year are for that year ahead ("Which year does it make commitments for?")
    assert tenses("This statement makes commitments for the year 2021/2022.") == {"future"}
    # minutes report a plan with "would"; an estimate's "would mean" is no plan
    assert tenses("The contract would deliver an additional 3,000 collections.") == {"future"}
    assert tenses("This would mean a fund worth £190,000 a year.") == set()
    # what is set to happen, or under way, is not done yet
    assert "future" in tenses("TRU is also set to deliver a minimum 50p value for every £1 spent.")
    assert "future" in tenses("TRU is creating 8,000 roles, with 60% of the workforce employed locally.")
    assert "future" not in tenses("The homes are being built.")
    # an aim told in the past, as minutes tell it, is still to be done
    assert tenses("The Council was looking to increase its expenditure with local firms to 30%.") == {"future"}


def test_two_part_questions_ask_two_shapes():
    reading = asked("How much will the fund make available each year, and for how long?")
    assert reading.shape == "money" and reading.also == ("duration",)
    assert reading.fits("for 25 years") and reading.fits("GBP 225,000 a year")
    assert asked("How did Acme's local spend change last year?").shape == "change"
    assert asked("Over what period will the fund be spent?").shape == "duration"
    assert asked("What is Acme's target time for routine repairs?").shape == "duration"
    assert asked("What cut in waste has Acme targeted?").strict


def test_when_asks_for_a_date_only_where_it_opens_the_question_or_a_clause():
    assert asked("When will the hub open?").shape == "date"
    assert asked("After a repair visit, when will Acme send a summary?").shape == "date"
    assert asked("Since when has Acme paid the Real Living Wage?").shape == "date"
    assert asked("Who wrote the report, and when?").also == ("date",)
    # here "when" joins a clause: the question asks what was pledged, not a date
    assert asked("What did Acme pledge to residents when its application was accepted?").shape != "date"


def test_which_things_and_what_kinds_of_thing_ask_for_a_list():
    assert asked("Which projects has Acme started to cut its emissions?").shape == "list"
    assert asked("What kinds of opportunity will Acme offer?").shape == "list"
    assert asked("Which company runs the fund?").shape == "org"
    assert asked("Which business has the most?").shape != "list"


def test_a_number_of_things_asked_for():
    assert items_asked("What are the four priorities of the strategy?") == 4
    assert items_asked("What are the 3 pillars?") == 3
    assert items_asked("Has Acme reached its target of 2,000 apprenticeships?") is None


def test_a_question_on_whether_a_target_was_hit_is_decided_by_the_outcome_sentence():
    from assistant.answers.tenses import asks_outcome, states_outcome

    assert asks_outcome("Has Acme hit its local employment target?")
    assert asks_outcome("Did the council meet its 2024 goal?")
    assert not asks_outcome("Did Kier hold Meet the Buyer events?")  # a name, no target met
    assert not asks_outcome("What is Acme's local employment target?")
    assert not asks_outcome("Does the charter cover waste?")
    assert states_outcome("We've achieved our first local employment target six months ahead of schedule.")
    assert states_outcome("We are on track to meet it.") and not states_outcome("Our target is 30%.")
    assert states_outcome("We met our target of 50%.") and states_outcome("The 2024 target was met.")
    assert not states_outcome("The Leader met 10 apprentices working on the contract.")  # met people
    assert states_outcome("Having met its 50% reduction target in 2020, Acme set a new one.")
    assert not asks_outcome("Will Acme use carbon offsets to reach its net zero goal?")  # asks the plan
    assert states_outcome("This is less than our target of 365, because of the lockdowns.")
    assert states_outcome("We finished just short of our annual target.")
    assert states_outcome("TRU is close to reaching the halfway mark of its aim to take on 590 apprentices.")


def test_whether_a_years_target_was_met_is_not_answered_by_another_years(tmp_path):
    report = ("# Acme Homes performance\n\n## New homes\n\nIn the financial year 2020/2021, we built 181 new homes. "
              "This is less than our target of 365 homes a year, because of the lockdowns. We are set to double "
              "the homes we build and we are on track to beat our target for 2021/2022.\n")
    answerer = answerer_over(tmp_path, "acme.md", report, "Acme Homes")
    answer = answerer.answer("Did Acme Homes meet its target of 365 new homes a year in 2020/21?")
    assert answer.supported and "less than our target" in answer.citations[0].quote
    assert not any("2021/2022" in c.quote for c in answer.citations)


def test_a_sentence_dated_by_its_opening_year_is_of_that_year_whatever_else_it_says():
    dated = "In 2021, 73% of our electricity came from renewables, so offsets are minimal this year."
    assert other_year({2023}, dated) and not other_year({2021}, dated)
    assert other_year({2019}, "During the 2018 financial year, Acme spent over £2 million.")
    # dated only relative to its document: it cannot be judged
    assert not other_year({2023}, "Last year we spent £2m, up from 2019.")


def test_a_figure_of_another_relative_year_is_not_an_answer(tmp_path):
    assert other_relative_year(relative_years("What will it reach next year?"), "It is on course for £9m this year.")
    assert not other_relative_year(relative_years("What did it spend last year?"), "Last year it spent £2m.")
    assert not other_relative_year(frozenset(), "It is on course for £9m this year.")
    doc = ("# Riverside Bridge enterprise\n\n## Growth\n\nRiverside Bridge Enterprise is on course to turnover "
           "£9 million this year.\n\nOver the course of their year with Riverside Bridge Enterprise, trainees will "
           "receive full training and help with finding a permanent job.\n")
    answerer = answerer_over(tmp_path, "enterprise.md", doc, "Riverside Bridge")
    assert not answerer.answer("What turnover does Riverside Bridge Enterprise expect to reach next year?").supported
    found = answerer.answer("What turnover does Riverside Bridge Enterprise expect to reach this year?")
    assert found.supported and "£9 million" in found.answer


def test_a_figure_of_another_year_is_not_an_answer(answerer):
    assert not answerer.answer("How much did Harbourside Works spend with local firms in 2019?").supported
    found = answerer.answer("How much did Harbourside Works spend with local firms in 2022?")
    assert found.supported and "£3m" in found.citations[0].quote


def test_a_document_that_never_names_the_year_asked_holds_no_figure_for_it(tmp_path):
    report = ("# Acme social enterprise spend 2018\n\n## Third sector\n\nAcme spent over £2 million with "
              "social enterprises across its supply chain. A further £1.6 million was spent on social "
              "enterprises by its joint ventures.\n\n## Carbon\n\nAcme will be net zero by 2040.\n")
    answerer = answerer_over(tmp_path, "acme.md", report, "Acme")
    assert not answerer.answer("How much did Acme spend with social enterprises in 2019?").supported
    found = answerer.answer("How much did Acme spend with social enterprises in 2018?")  # the title's year
    assert found.supported and "£2 million" in found.answer
    # a yes/no question may be settled by another year
    settled = answerer.answer("Will Acme be net zero by 2035?")
    assert settled.supported and "by 2040" in settled.answer


def test_the_years_a_document_names_are_read_once_not_per_question(tmp_path, monkeypatch):
    report = "# Acme spend 2018\n\n## Third sector\n\nAcme spent over £2 million with social enterprises.\n"
    answerer = answerer_over(tmp_path, "acme.md", report, "Acme")
    read = []
    context_of = Snapshot.context_of
    monkeypatch.setattr(Snapshot, "context_of", lambda self, doc_id: read.append(doc_id) or context_of(self, doc_id))
    for year in (2018, 2019, 2018):
        answerer.answer(f"How much did Acme spend with social enterprises in {year}?")
    assert len(read) == 1


def test_a_name_asked_for_must_be_given(answerer):
    assert not answerer.answer("Which organisation runs the Harbourside community fund?").supported
    found = answerer.answer("Which organisation runs the Harbourside training hub?")
    assert found.supported and "Quayside Learning Trust" in found.citations[0].quote


def test_a_subject_asked_about_must_be_named(answerer):
    """Jobs on the quay are not jobs for women; trees along the quay are wildlife habitat (the
    section and the sentence say "trees")."""
    answer = answerer.answer("How many jobs for women will the Harbourside Works scheme create during construction?")
    assert not answer.supported
    found = answerer.answer("How many trees will Harbourside Works plant for wildlife habitat along the quay?")
    assert found.supported and "500 trees" in found.citations[0].quote


def test_air_is_a_subject_a_sentence_must_name(tmp_path):
    page = ("# Acme Quay works\n\n## Construction\n\nAcme has submitted further changes to the planning "
            "application for the Acme Quay construction sites.\n")
    answerer = answerer_over(tmp_path, "quay.md", page, "Acme")
    assert not answerer.answer("How will Acme monitor air quality around the Acme Quay construction sites?").supported
    asked = subjects_asked({"air", "quality", "monitor"})
    assert misses_subject(asked, {"monitor", "construction", "site"})
    assert not misses_subject(asked, {"nox", "monitor"})


def test_a_greenhouse_gas_named_is_about_emissions():
    """"Has the hospital acted on nitrous oxide emissions?": "shut down its nitrous oxide manifold"
    names the gas, not the word "emissions"; it is still about them."""
    asked = subjects_asked(set(content_tokens("Has the hospital already acted on nitrous oxide emissions?")))
    assert not misses_subject(asked, set(content_tokens("The hospital has shut down its nitrous oxide manifold.")))
    assert not misses_subject(asked, set(content_tokens("We will capture methane from the landfill site.")))
    assert misses_subject(asked, set(content_tokens("The hospital is the largest employer in the county.")))


def test_young_people_are_a_subject_a_sentence_must_name(tmp_path):
    """"What is promised for young people in Castleford Green?" is not answered by the damp sensors
    promised for Castleford Green's homes; a sentence about pupils or school leavers does name them."""
    page = ("# Acme bid\n\n## Homes\n\nAcme will fit damp and mould sensors in 500 homes in Castleford Green "
            "by September 2026.\n")
    answerer = answerer_over(tmp_path, "acme.md", page, "Acme")
    assert not answerer.answer("What is promised for young people in Castleford Green?").supported
    asked = subjects_asked(set(content_tokens("young people")))
    assert misses_subject(asked, set(content_tokens("500 homes in Castleford Green")))
    assert not misses_subject(asked, set(content_tokens("careers talks for pupils in every school")))


def test_damp_and_mould_is_a_subject_a_sentence_must_name():
    asked = subjects_asked(set(content_tokens("How is the council tackling damp and mould in its homes?")))
    assert misses_subject(asked, set(content_tokens("We will bring all council homes to EPC band C by 2030.")))
    assert not misses_subject(asked, set(content_tokens("We will inspect every report of mould within 5 days.")))


def test_a_target_does_not_say_whether_it_was_reached(answerer):
    answer = answerer.answer("Did Harbourside Works manage to plant 500 trees along the quay by 2026?")
    assert not answer.supported


def test_how_often_needs_a_frequency_not_each_of(answerer):
    found = answerer.answer("How often does the Harbourside board review the quay safety plan?")
    assert found.supported and "each year" in found.citations[0].quote
    assert not answerer.answer("How often do the Harbourside Works partners sign the community charter?").supported


def test_the_years_a_text_names():
    assert years_in("in 2024/25, FY22 and 2020-2022; by 2030") == {2020, 2021, 2022, 2024, 2025, 2030}
    assert years_in("between 1990 and 2040") == {1990, 2040}
    # the year of the report asked about is not a year asked of
    assert years_asked("What targets did Acme set out in its 2021 annual report?") == set()
    assert years_asked("How much did Acme spend locally in 2019?") == {2019}
    after = years_asked("What apprenticeship target has Acme set for the years after 2030?")
    assert min(after) == 2031 and 2030 not in after  # a target "by 2030" is not one for after it
    assert other_year(after, "Acme will double its apprenticeships to 100 by 2030.")


QUARTERLY = """# Seaview Homes performance

Here are our results for quarter two, 2024/25, which is July to September 2024:

| Measure | Result | Target |
| Customer satisfaction | 58.5% | 70% |
| Repairs completed on time | 91% | 95% |
"""


def test_a_quarters_figure_answers_that_quarter_only(tmp_path):
    from assistant.answers.years import quarters_in

    assert quarters_in("in quarter two, the first quarter and Q3 2026") == {1, 2, 3}
    answerer = answerer_over(tmp_path, "quarterly.md", QUARTERLY, "Seaview Homes")
    asked = "What was Seaview Homes' customer satisfaction in quarter {} of 2024/25?"
    found = answerer.answer(asked.format("two"))
    assert found.supported and "58.5%" in found.answer
    assert not answerer.answer(asked.format("one")).supported  # the documents hold quarter two's only


def test_a_sentence_names_someone_the_question_does_not():
    runs = names_in("Who chairs the Acme Climate Task Force?")
    assert names_another(runs, "The Climate Task Force is chaired by Jane Smith.")
    assert not names_another(runs, "The Acme Climate Task Force is chaired by an independent director.")


def test_a_kind_of_thing_in_capitals_or_a_name_asked_in_lower_case_is_no_one_else():
    from ingest.text import content_tokens

    question = "What is the name of the social enterprise Acme set up in Wakefield?"
    runs, terms = names_in(question), set(content_tokens(question))
    assert not names_another(runs, "It will spend 60% of its budget with local SME companies.", terms)
    assert names_another(runs, "It set up Wakefield Works CIC, a social enterprise.", terms)
    # a resident types the name in lower case: it is still the one asked about
    question = "Which partners is yorkshire housing working with?"
    runs, terms = names_in(question), set(content_tokens(question))
    assert not names_another(runs, "The Yorkshire Housing team sets out its plan.", terms)
    assert names_another(runs, "Yorkshire Housing works with Leeds Credit Union.", terms)
    # the kind asked for is not a name given: "Which council ...?" is answered by "Wakefield Council"
    question = "Which council runs the fund in wakefield?"
    assert names_another(names_in(question), "Wakefield Council runs the fund.", set(content_tokens(question)))


SEAVIEW = """# Seaview Homes climate plan

## Plan

Last month Seaview Homes launched its climate plan, which commits it to fit solar panels on 300 homes by 2025.

## Quality mark

Seaview Homes holds Level 1 of the Social Value Quality Mark.
"""


def test_whether_a_target_was_reached_is_not_answered_by_the_plan_that_set_it(tmp_path):
    answerer = answerer_over(tmp_path, "seaview.md", SEAVIEW, "Seaview Homes")
    # the plan's launch is past, its promise is not: the documents do not say it was done
    assert not answerer.answer("Did Seaview Homes manage to fit solar panels on 300 homes by 2025?").supported
    found = answerer.answer("Will Seaview Homes fit solar panels on 300 homes?")  # asks the plan: it answers
    assert found.supported and "300 homes" in found.citations[0].quote


def test_a_yes_no_question_on_a_numbered_level_needs_that_level(tmp_path):
    answerer = answerer_over(tmp_path, "seaview.md", SEAVIEW, "Seaview Homes")
    assert not answerer.answer("Does Seaview Homes hold Level 2 of the Social Value Quality Mark?").supported
    assert answerer.answer("Does Seaview Homes hold Level 1 of the Social Value Quality Mark?").supported


def test_a_documents_name_is_no_one_named():
    from assistant.answers.names import names_another

    runs = names_in("Which contractor delivered the most apprenticeships for Edinburgh Council?")
    assert not names_another(runs, "The Annual Procurement Report confirms 84 apprentices.")
    assert names_another(runs, "Morrison Construction delivered 40 of the 84 apprentices.")


def test_a_part_of_a_document_or_a_numbered_items_first_word_is_no_one_named():
    runs = names_in("Which body will oversee how the Acme strategy is delivered?")
    assert not names_another(runs, "1.   Approved the Acme Strategy, attached at Appendix A of the report")
    assert names_another(runs, "Agreed that the monitoring be undertaken by the Opportunities Board.")


def test_what_a_question_asks_apart_from_its_names_is_what_ranks_sentences_of_a_story_that_names_them_all():
    from assistant.answers.names import without_names

    question = "How much has IM Properties put into the Mercia Park Community Fund?"
    assert without_names(question, names_in(question)) == "How much has put into the"
    question = "Is Barnsley Council's zero carbon target 2040 or 2035?"
    assert without_names(question, names_in(question)) == "Is zero carbon target 2040 or 2035?"
    assert without_names("What is social value?", names_in("What is social value?")) == ""  # no names
    assert without_names("Who is Acme Housing?", names_in("Who is Acme Housing?")) == ""  # nothing else asked


def test_where_and_which_places_or_institutions_ask_for_a_name():
    assert asks_for_name("At which colleges can struggling students get hardship grants?")
    assert asks_for_name("Which communities share the money from the fund?")
    assert asks_for_name("Where will the training hub be built?")
    assert not asks_for_name("Which targets does Acme set for 2030?")


COLLEGES = """# Acme skills fund

## The fund

The fund will help students struggling to afford course books or travel to college.

Hardship grants of £20,000 will be shared by Northgate College and Riverside College.
"""


def test_which_colleges_is_answered_by_the_sentence_that_names_them(tmp_path):
    answerer = answerer_over(tmp_path, "fund.md", COLLEGES, "Acme")
    found = answerer.answer("At which colleges can struggling students get hardship grants from the Acme fund?")
    assert found.supported and "Northgate College" in found.citations[0].quote


def test_a_sentence_that_names_the_place_asked_only_to_leave_it_out_does_not_answer(tmp_path):
    runs = names_in("What London Living Wage rate does Acme quote?")
    assert leaves_out(runs, "The UK Living Wage (outside of London) is £12 per hour.")
    assert not leaves_out(runs, "The London Living Wage is £13.15 an hour; outside of London it is £12.")
    page = ("# Acme pay\n\n## Living Wage\n\nThe current rate for the UK Living Wage (outside of London) is £12 "
            "per hour for 2023-2024.\n")
    answerer = answerer_over(tmp_path, "pay.md", page, "Acme")
    assert not answerer.answer("What London Living Wage hourly rate does Acme quote for 2023-2024?").supported


class _Paraphrasing(HashEmbedder):
    """Hashes a few words as one meaning, as a real model places paraphrases close together."""

    SAME = {"equal": "balance", "split": "balance", "men": "gender", "women": "gender", "want": "achieve"}

    def embed(self, texts):
        return super().embed([" ".join(self.SAME.get(w.lower(), w) for w in t.split()) for t in texts])


def test_a_sentence_very_close_in_meaning_answers_though_it_shares_few_of_the_questions_words(tmp_path):
    page = ("# Acme people\n\n## Workforce\n\nAcme will achieve gender balance by 2033.\n\n"
            "Our offices are in Leeds and York, opened in 2019.\n")
    (tmp_path / "people.md").write_text(page, encoding="utf-8")
    store, embedder = MemoryStore(), _Paraphrasing()
    ingest([tmp_path / "people.md"], store, embedder, IngestMeta("Acme"))
    answerer = ExtractiveAnswerer(Retriever(Mirror(store), embedder), embedder)
    answer = answerer.answer("By what year does Acme want an equal split of men and women?")
    assert answer.supported and "gender balance by 2033" in answer.answer
    assert not answerer.answer("By what year will Acme open an office in Hull?").supported


BUNDLE = """# Acme: repairs contracts for Melton and for Croydon in London

## New Melton repairs contractor pledges to donate to local causes

Acme will donate one per cent of the contract value to charities and community groups, £9,000 a year.

## Acme: Croydon Council responsive repairs in London

Acme carries out more than 40,000 repairs a year for Croydon Council tenants.
"""


def test_a_figure_under_another_places_heading_does_not_answer_for_the_place_asked(tmp_path):
    """A bundle of one supplier's contract news: Melton's donation does not answer what is given in
    Croydon, whose own section is silent; asked of Melton, it answers."""
    answerer = answerer_over(tmp_path, "acme.md", BUNDLE, "Acme")
    croydon = answerer.answer("How much does Acme donate to charities and community groups in Croydon each year?")
    assert not croydon.supported
    melton = answerer.answer("How much does Acme donate to charities and community groups in Melton each year?")
    assert melton.supported and "£9,000" in melton.citations[0].quote
    # a region names no section's place ("the London Living Wage" holds Croydon and many more)
    london = answerer.answer("How much does Acme donate to London charities and community groups each year?")
    assert london.supported and "£9,000" in london.citations[0].quote


def test_the_figure_a_question_gives_itself_is_no_answer(tmp_path):
    """"How many ... so far towards its 500-tree goal?" is not answered by the goal's own 500."""
    doc = ("# Greenway tree pledge\n\nGreenway Homes aims to plant 500 trees across the Meadow estate by the "
           "end of the decade.\n")
    answerer = answerer_over(tmp_path, "trees.md", doc, "Greenway Homes")
    assert not answerer.answer("How many trees has Greenway Homes planted so far towards its 500 tree goal?").supported
    assert "500 trees" in answerer.answer("How many trees does Greenway Homes aim to plant?").answer


def test_more_than_so_many_years_is_a_span_not_a_count():
    assert not has_shape("count", "For more than 150 years the firm has built bridges across the region.")
    assert not has_shape("count", "We have worked in the town for over 20 years.")
    assert has_shape("count", "We have worked with more than 150 schools across the region.")


def test_a_fine_asked_for_is_a_sum_not_the_target_it_punishes(tmp_path):
    doc = ("# Quayside planning obligations\n\nDevelopers that build in Quayside must ensure that 25% of the local "
           "workforce on each site are residents, a target the council charges developers to meet.\n")
    answerer = answerer_over(tmp_path, "s106.md", doc, "Quayside Council")
    assert not answerer.answer("What fine does Quayside Council charge a developer that falls short of its 25% "
                               "local workforce target?").supported
