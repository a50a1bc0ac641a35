"""The extractive answer picks the sentence of the shape the question asks for (fakes only)."""

import pytest

from assistant.answers.extractive import ExtractiveAnswerer
from assistant.answers.fit import Candidate
from assistant.answers.furniture import is_heading
from assistant.answers.passages import header_row
from assistant.answers.question_types import asked, has_shape, per_year, timed, vague_sum
from assistant.library import ingest
from assistant.search.mirror import Mirror
from assistant.search.retriever import Retriever
from ingest.parse import ChunkingOptions, IngestMeta
from tests.answering import answerer_over
from tests.fakes import HashEmbedder, MemoryStore

DOC = """# Riverside Bridge skills strategy

## Review of the skills strategy

Riverside Bridge – 7.3 Planning Obligations – Heads of Terms

The skills strategy of Riverside Bridge is owned by the skills board of Riverside Bridge.
The skills strategy of Riverside Bridge is reviewed every two years by the skills board.

## Diversity targets

Riverside Bridge has diversity targets for its workforce. By 2026 Riverside Bridge aims to reach these diversity targets:

- 40% of new starters are women
- 15% of new starters are from ethnic minority groups
"""


@pytest.fixture
def answerer(tmp_path):
    return answerer_over(tmp_path, "riverside.md", DOC, "Riverside Bridge")


def test_how_often_picks_the_frequency_not_the_title(answerer):
    answer = answerer.answer("How often is the skills strategy of Riverside Bridge reviewed?")
    assert answer.supported
    assert "every two years" in answer.citations[0].quote
    assert all("Heads of Terms" not in c.quote for c in answer.citations)


def test_a_lead_in_is_answered_with_its_items(answerer):
    answer = answerer.answer("What diversity targets does Riverside Bridge aim to reach by 2026?")
    assert answer.supported
    quote = answer.citations[0].quote
    assert quote.startswith("By 2026") or "By 2026" in quote
    assert "40% of new starters are women" in quote and "15% of new starters" in quote
    assert "\n• 40% of new starters are women" in answer.answer


def test_a_list_under_a_heading_is_answered_whole(tmp_path):
    doc = ("# Harbour Works carbon plan\n\n## Our ambition\n\nHarbour Works aims to be a zero carbon "
           "business by 2030.\n\n## Our carbon targets\n\n- All Harbour Works sites will be fossil fuel free\n"
           "- We will cut Harbour Works office electricity use by 65%\n- We will run an electric fleet\n")
    answer = answerer_over(tmp_path, "harbour.md", doc, "Harbour Works").answer(
        "What carbon targets does Harbour Works list?")
    quoted = "\n".join(c.quote for c in answer.citations)
    assert answer.supported and all(item in quoted for item in (
        "fossil fuel free", "office electricity use by 65%", "electric fleet"))
    assert "Our carbon targets" not in answer.answer  # the heading is context, never the answer


def test_two_figures_for_one_thing_in_a_document_are_both_quoted_with_a_warning(tmp_path):
    """A report's summary says 41 placements and its text 36: one of them is wrong, and the
    reader is shown both, not whichever scored higher."""
    report = ("# Riverside Bridge annual report\n\n## Summary\n\nIn the first year Riverside Bridge:\n\n"
              "- Riverside Bridge provided 41 work placements for students at Harrowden College;\n"
              "- planted 300 trees in the park.\n\n## Skills\n\n"
              "Riverside Bridge provided 36 work placements for students at Harrowden College.\n")
    answer = answerer_over(tmp_path, "report.md", report, "Riverside Bridge").answer(
        "How many work placements did Riverside Bridge provide?")
    assert "41 work placements" in answer.answer and "36 work placements" in answer.answer
    assert any("different figures" in n for n in answer.notices)


def test_a_figure_promised_beside_one_already_reached_is_no_conflict(tmp_path):
    """12 apprenticeships to create on this contract and 60 created across others since 2019 are
    both quoted, but they count different things: no warning that one of them is wrong."""
    bid = ("# Riverside Bridge tender response\n\n## Our record\n\nSince 2019 Riverside Bridge has created 60 "
           "apprenticeships across our contracts.\n\n## Jobs\n\nRiverside Bridge will create 12 new apprenticeships "
           "on this contract.\n")
    answer = answerer_over(tmp_path, "bid.md", bid, "Riverside Bridge").answer(
        "How many apprenticeships did Riverside Bridge promise?")
    assert "60 apprenticeships" in answer.answer and "12 new apprenticeships" in answer.answer
    assert not any("different figures" in n for n in answer.notices)


def test_the_same_figure_said_twice_beside_others_is_no_conflict():
    """The summary's "22 apprenticeships, beating our target of 20" and the text's "22 apprenticeships"
    agree: the target's 20 is another figure, not another count of apprenticeships (the warning that
    the document gives different figures compares the figures of the thing counted)."""
    from assistant.answers.passages import figures_in, unbulleted

    summary = "- created 22 apprenticeships for Harrowden residents, beating our target of 20 a year early;"
    text = "We have created 22 apprenticeships since the contract started. Nine are in carpentry."
    assert figures_in(summary, "apprentice") == figures_in(text, "apprentice") == {22}
    assert figures_in(summary) == {22, 20}
    assert figures_in("Work placements: 36", "placement") != figures_in("We provided 41 work placements", "placement")
    # a list line quoted alone reads as a sentence, without its bullet
    assert unbulleted(summary).startswith("created 22") and unbulleted("2030 targets") == "2030 targets"


def test_a_run_in_heading_is_no_answer_but_says_what_the_sentence_after_it_is_about(tmp_path):
    """"Becoming Carbon Net Zero for Type 1 & 2 Emissions. Changes have ... reduced these types of
    emissions ... a 37% reduction": the heading was quoted alone; the figure answers, and the
    heading is where it names the types asked about."""
    doc = ("# Riverside Bridge sustainability\n\n## Carbon\n\nBecoming Carbon Net Zero for Type 1 & 2 Emissions. "
           "Changes at Riverside Bridge have reduced these types of emissions from 3,238 tCO2e in 2018/19 to 2,055 "
           "tCO2e, a 37% reduction.\n")
    answer = answerer_over(tmp_path, "plan.md", doc, "Riverside Bridge").answer(
        "How much has Riverside Bridge cut its Type 1 and 2 emissions so far?")
    assert answer.supported and "37% reduction" in answer.answer and "Becoming" not in answer.answer


def test_who_manages_is_answered_by_the_sentence_that_says_who_runs_it(tmp_path):
    """The sentence naming the fund said only that it was set up; "Managed by ..." answers."""
    doc = ("# Riverside Bridge fund\n\n## The fund\n\nFollowing the opening of the Riverside Bridge wind farm near "
           "Widdrington, the Riverside Bridge Community Benefit Fund has been established.\n\nManaged by the "
           "Community Foundation Northumberland on behalf of Ventient Energy, it will pay £133,500 a year.\n")
    answer = answerer_over(tmp_path, "fund.md", doc, "Riverside Bridge").answer(
        "Who manages the Riverside Bridge Community Benefit Fund?")
    assert answer.supported and answer.answer.startswith("Managed by the Community Foundation")


def test_two_sums_of_different_things_are_no_conflict(tmp_path):
    doc = ("# Riverside Bridge contracts\n\n## Value\n\nThe Riverside Bridge contracts include social value worth over "
           "£1.7million.\n\nThe Riverside Bridge contracts include savings worth over £400,000 per year.\n")
    answer = answerer_over(tmp_path, "award.md", doc, "Riverside Bridge").answer(
        "How much is the social value in the Riverside Bridge contracts worth?")
    assert "£1.7million" in answer.answer and not any("different figures" in n for n in answer.notices)


def test_a_figure_asked_for_and_absent_is_not_found(answerer):
    answer = answerer.answer("What percentage of the skills strategy budget does Riverside Bridge spend?")
    assert not answer.supported and answer.answer.startswith("I could not find this in the documents of")


def test_how_many_are_satisfied_is_answered_by_a_share_of_them(tmp_path):
    doc = ("# Riverside Bridge repairs\n\n## Standards\n\nRiverside Bridge will meet its standard for repairs by "
           "achieving a minimum of 90% customer satisfaction with the repair carried out.\n")
    answer = answerer_over(tmp_path, "repairs.md", doc, "Riverside Bridge").answer(
        "How many customers, at minimum, does Riverside Bridge want to be satisfied with its repairs?")
    assert answer.supported and "90%" in answer.answer


def test_what_a_question_sets_aside_is_not_its_answer(tmp_path):
    doc = ("# Riverside Bridge estate\n\n## New homes\n\nA major milestone has been reached for the new council homes "
           "on the Riverside Bridge estate.\n\nIt is fantastic to see the progress on the Riverside Bridge estate.\n\n"
           "The council will also make the Riverside Bridge estate better with extra bike parking, improved waste areas, "
           "better lighting, and new "
           "play spaces for children.\n")
    answer = answerer_over(tmp_path, "estate.md", doc, "Riverside Bridge").answer(
        "Apart from the homes, what improvements is the council making on the Riverside Bridge estate?")
    assert answer.supported and "bike parking" in answer.citations[0].quote


def test_a_sum_given_roughly_is_quoted_with_the_sentence_giving_it_in_figures(tmp_path):
    doc = ("# Riverside Bridge leisure\n\n## Savings\n\nHanding the Riverside Bridge leisure centres to the trust "
           "will save the council hundreds of thousands of pounds every year.\n\nThe Riverside Bridge contract fee "
           "gives the council a saving of £351,000 per year on the leisure centres it hands to the trust.\n")
    answer = answerer_over(tmp_path, "leisure.md", doc, "Riverside Bridge").answer(
        "How much will the council save each year by handing the Riverside Bridge leisure centres to the trust?")
    assert answer.supported and "£351,000" in answer.answer
    assert vague_sum("save hundreds of thousands of pounds") and not vague_sum("save £351,000, hundreds of pounds")


def test_a_sentence_with_the_time_asked_for_answers_in_fewer_of_the_questions_words(tmp_path):
    doc = ("# Riverside Bridge social value policy\n\n## Background\n\nSocial value requested in procurements by "
           "Riverside Bridge must be relevant to the procurement and link back to the council priorities.\n\n"
           "Riverside Bridge follows the Public Services (Social Value) Act 2012, which came into force in January 2013.\n")
    answer = answerer_over(tmp_path, "policy.md", doc, "Riverside Bridge").answer(
        "When did the social value law behind the Riverside Bridge policy take effect?")
    assert answer.supported and "January 2013" in answer.answer
    assert asked("When did the law take effect?").timed and not asked("How many jobs?").timed


def test_what_happens_if_is_answered_by_the_sentence_setting_out_that_case(tmp_path):
    """The case asked about is said in other words ("misses" / "falls behind"): the sentence that
    opens with it answers, not a row of the plan naming the supplier."""
    doc = ("# Riverside Bridge bid\n\n## Monitoring\n\nRiverside Bridge will report progress against every "
           "commitment to the Council each quarter.\n\nIf any commitment falls behind, we will agree a recovery plan "
           "with the Council within one month.\n\n## Delivery plan\n\n| Commitment | Target |\n| --- | --- |\n"
           "| Riverside Bridge Community Fund | £20,000 |\n")
    question = "What happens if Riverside Bridge misses a commitment to the Council?"
    answer = answerer_over(tmp_path, "bid.md", doc, "Riverside Bridge").answer(question)
    assert answer.supported and answer.answer.startswith("If any commitment falls behind")
    # it embeds further from the question than the floor (0.27 here), which it answers a little under
    floored = answerer_over(tmp_path, "bid.md", doc, "Riverside Bridge", min_similarity=0.3).answer(question)
    assert floored.answer.startswith("If any commitment falls behind")


@pytest.mark.parametrize("question, shape", [
    ("How often is the strategy reviewed?", "frequency"),
    ("How quickly does LYHA complete urgent repairs?", "duration"),
    ("What share of jobs is committed to local residents?", "percent"),
    ("How much money has IM Properties put into the fund?", "money"),
    ("What will Greenway spend with local businesses in Stanmoor?", "money"),  # a sum, not a sales line
    ("How much social value did Acme generate in 2023/24?", "money"),  # social value is counted in pounds
    ("How much weight does the council give social value?", "amount"),
    ("How many apprenticeships will Acme create?", "count"),
    ("In which year will SUEZ reach net zero?", "year"),
    ("When was the strategy published?", "date"),
    ("By when will Acme pay every supplier the Living Wage?", "deadline"),
    ("Who will monitor the strategy?", "org"),
    ("Does the charter commit the council to buy locally?", "yes_no"),
    ("What are the five parts of the plan?", "list"),
    ("What ESG highlights did Acme report for 2023?", "list"),  # highlights are many
    ("What interest rate does the fund charge on its loans?", "percent"),  # a rate of money lent, not pay
    ("How far has Acme already cut its carbon emissions?", "amount"),  # by how much, not a distance
    ("How far is the depot from the site?", "distance"),
    ("What is the customer satisfaction rate for repairs?", "percent"),
    ("How many tenants does Acme want to be happy with its repairs?", "amount"),  # satisfaction is a share
    ("How many tenants will Acme house?", "count"),
    ("What turnover does the social enterprise expect to reach?", "money"),
    ("What improvements is the council making on the estate?", "list"),  # things in the plural are many
    ("How many of the council's sites have had an energy audit?", "amount"),  # a count or a share of them
    ("How far has gym membership recovered since Covid?", "amount"),  # by how much, not a distance
    ("What was the last day for groups to apply to the fund?", "date"),  # a closing date
    ("What social value initiatives will Acme run?", "list"),
    ("What fine does the council charge a developer that misses its target?", "money"),  # a sum
    ("What financial contribution must the developer pay?", "money"),
    ("What social value weighting will the council apply?", None),
    ("What happens if I fall behind with my rent?", "condition"),  # the case: "If you fall behind ..."
    ("What will Acme do if my repair is an emergency?", "condition"),
    ("What if the target is missed?", "condition"),  # no figure asked, though it names a target
    ("What did Acme do, if anything, about waste?", None),
    ("Will Acme rehouse me if my home is unsafe?", "yes_no"),
    ("How quickly will someone come if I am stuck in a lift?", "duration"),
    ("How many apprentices are women?", "amount"),  # a count or a share of them: "25% ... will be women"
    ("How many apprentices were recruited?", "count"),
    ("How many jobs are there?", "count"),
    ("Why were the sensor installations delayed?", "cause"),  # something gone wrong: its cause
    ("Why hasn't Acme planted the trees?", "cause"),
    ("What caused the fall in emissions?", "cause"),
    ("Why does Acme install damp sensors?", "reason"),  # a cause or a purpose
    ("What is the reason for the new depot?", "reason"),
])
def test_question_shapes(question, shape):
    assert asked(question).shape == shape


def test_sentence_shapes():
    assert has_shape("frequency", "It is reviewed every two years.")
    assert not has_shape("frequency", "It is reviewed by the board.")
    assert has_shape("count", "We aim to buy two new electric vehicles per year.")
    assert not has_shape("count", "Our target is net zero by 2040.")  # a year is not a count
    assert not has_shape("count", "2. Aim: reduce vehicle emissions in Tamworth.")  # an item's number
    assert has_shape("count", "12. We will buy 3 electric vans.")
    # "by when?" wants the date a thing is due by, in any of the ways plans write it
    for due in ("Heathrow aims to amend 45% of contracts by 3Q2019.", "Net zero by the end of FY26.",
                "Within 12 months of the award.", "We will open it before March 2027."):
        assert has_shape("deadline", due), due
    assert not has_shape("deadline", "Heathrow announced (28-Nov-2018) plans for a roadmap from Dec-2018.")
    assert has_shape("date", "A roadmap was agreed in 3Q2019.") and has_shape("year", "Our FY21 report.")
    assert not has_shape("count", "We invested £130 million.")
    # an ordinal says which one, not how many
    assert not has_shape("count", "Funded by the Welsh Government's 21st Century Schools programme.")
    assert not has_shape("count", "It opens in the 2nd phase.") and has_shape("count", "It employs 21 staff.")
    assert has_shape("percent", "at least 34% of workers are local")
    assert has_shape("duration", "Target: within five working days")
    # who did it, as a label line gives it
    assert has_shape("org", "Signed off by: Kamal Motalib (Head of Economic Development)")
    assert has_shape("org", "It is run by Quayside Learning Trust.") and not has_shape("org", "It is reviewed yearly.")
    assert has_shape(None, "anything")
    assert has_shape("condition", "We will, if asked, fit a lock.") and not has_shape("condition", "We fit locks.")
    assert has_shape("cause", "Installations were delayed by supply problems.")
    assert has_shape("cause", "Emissions fell, mainly because of the switch to electric vans.")
    assert not has_shape("cause", "The sensors alert our surveyors so that we can act early.")  # a purpose
    assert has_shape("reason", "The sensors alert our surveyors so that we can act early.")
    assert not has_shape("reason", "We installed 180 sensors in Castleford Green.")


def test_why_is_answered_by_the_sentence_giving_the_cause_though_it_names_the_thing_only_before(tmp_path):
    """"Installations were delayed by supply problems" goes on about the sensors the sentence before it
    names: it is about them (a question naming damp is answered by it) and gives the cause asked for."""
    doc = ("# Acme social value report\n\n## Housing quality\n\nDamp and mould sensors have been installed in "
           "180 homes in Northend. Installations were delayed by supply problems in the autumn and will resume "
           "in May. The sensors record humidity every fifteen minutes so that surveyors can act early.\n")
    chat = answerer_over(tmp_path, "report.md", doc, "Acme Housing")
    for question in ("Why were the damp sensor installations delayed?", "Why are the damp sensors late?"):
        answer = chat.answer(question)
        assert answer.supported and "delayed by supply problems" in answer.answer, question


def test_headings_and_cover_lines_are_not_answers():
    assert is_heading("Riverside Bridge – 7.3 Planning Obligations – Heads of Terms.")
    assert is_heading("Emergency repairs.", "LYHA > Repairs > Emergency repairs.")
    assert is_heading("Need a guide to damp and mould?")
    assert is_heading("% of completed projects delivering >25% SLEV as a % of contract value Chart")  # a caption
    assert not is_heading("The chart shows our emissions falling by 12% since 2019.")
    assert not is_heading("The strategy is reviewed every two years.")
    assert not is_heading("Target: within five working days")
    assert not is_heading("Eligible for call-in to: Policy and Resources Scrutiny Committee")  # a labelled fact


def test_a_labelled_figure_is_not_a_heading():
    assert not is_heading("Decision due: 14 Mar 2025 by Cabinet")
    assert is_heading("Climate Change: Our Plan")
    # a headline with a subtitle: its ordinal is no figure
    assert is_heading("Money, Jobs and Training: How 21st Century Schools Boost Local Communities")
    assert not is_heading("Decision due: 21 March 2025")


def test_a_lead_in_without_a_list_is_quoted_with_the_line_it_introduces(tmp_path):
    doc = ("# Quayside social value\n\n## What social value means\n\nQuayside Council defines social value "
           "in procurement as:\n\n\"The wider benefit that Quayside residents get from the money the council "
           "spends with its suppliers.\"\n\n## Our suppliers\n\nQuayside buys from 400 firms.\n")
    answer = answerer_over(tmp_path, "quayside.md", doc, "Quayside").answer(
        "How does Quayside Council define social value in procurement?")
    assert answer.supported
    assert "The wider benefit that Quayside residents get" in answer.citations[0].quote


# -- choosing the sentence: invented documents in the shapes real ones take -------------------------

PLAN = """# Northgate Homes community plan

## Recycling

We have increased our recycling capacity from 10,000 tonnes to 30,000 tonnes since 2019. This means we have met our goal of tripling capacity by 2025.
Northgate Homes recycling is run from two depots in the north of the borough.

## Priorities

At the heart of the Northgate Homes plan are its three priorities:.

- warmer homes for tenants
- safer streets around the estates
- local jobs for young people

Northgate Homes priorities are agreed with tenants every spring.

## Complaints targets

| Measure | 2023 | 2024 | Target |
| Complaints answered on time | 81% | 88% | 95% |

## Repairs

Northgate Homes repairs are reported online, by phone or at the estate office, and logged the same day.

### Urgent repairs

Target: within three working days

## Fund

The Northgate Homes fund is worth £40,000 to the community groups of the borough.
A £40,000 Northgate Homes fund is administered by the Borough Community Foundation.
"""


@pytest.fixture
def plan(tmp_path):
    return answerer_over(tmp_path, "northgate.md", PLAN, "Northgate Homes")


def test_what_was_achieved_is_quoted_with_the_sentence_saying_what_it_means(plan):
    answer = plan.answer("What has Northgate Homes achieved on recycling capacity, and has it met its goal?")
    assert answer.supported
    quote = answer.citations[0].quote
    assert "from 10,000 tonnes to 30,000 tonnes" in quote and "This means we have met our goal" in quote


def test_a_lead_in_ending_colon_full_stop_keeps_its_items(plan):
    answer = plan.answer("What are the three priorities of the Northgate Homes plan?")
    assert answer.supported
    quote = answer.citations[0].quote
    assert quote.startswith("At the heart") and "safer streets around the estates" in quote


def test_a_tables_header_row_is_never_the_answer(plan):
    answer = plan.answer("What share of complaints did Northgate Homes answer on time in 2024, against what target?")
    assert answer.supported
    assert all("Measure | 2023" not in c.quote for c in answer.citations)
    assert "88%" in answer.citations[0].quote
    assert header_row("Measure | FY23 | 2024 | Target", None)
    assert not header_row("Complaints answered on time | 81% | 88% | 95%", None)
    assert not header_row("Measure | 2023 | 2024 | Target", "Area | Year")  # a row under a header


def test_a_table_row_answer_carries_its_header_as_a_small_table(plan):
    answer = plan.answer("What share of complaints did Northgate Homes answer on time in 2024, against what target?")
    assert answer.table is not None
    assert answer.table.headers == ["Measure", "2023", "2024", "Target", "Source"]
    assert answer.table.rows[0] == ["Complaints answered on time", "81%", "88%", "95%", "[1]"]


def test_sentences_give_no_table(plan):
    assert plan.answer("How big is the Northgate Homes fund and who runs it?").table is None


def test_a_short_line_answers_through_its_heading(plan):
    answer = plan.answer("How quickly does Northgate Homes aim to complete urgent repairs for tenants in the borough?")
    assert answer.supported and "within three working days" in answer.citations[0].quote


def test_a_short_line_that_goes_on_from_the_sentence_before_is_not_about_its_heading(tmp_path):
    """"This plan was launched on 29 April 2024." is short and dated, but "This plan" is the one the
    sentence before names, not the net zero of the document's title: the date of net zero is
    where net zero is."""
    doc = ("# Northwater Group: climate action and net zero commitments\n\n## Climate action\n\n"
           "A Five-Point Plan has been created by the construction industry. This plan was launched on "
           "29 April 2024.\n\n### Our commitments\n\nWe have made the commitment to achieve Net Zero "
           "emissions (Scope 1, 2 and 3) by 2050.\n")
    answerer = answerer_over(tmp_path, "nw.md", doc, "Northwater")
    question = "When will Northwater reach net zero?"
    launched = next(c for c in scored_candidates(answerer, question) if c.text.startswith("This plan"))
    assert launched.lexical < answerer.min_lexical  # the title's words are not its own
    answer = answerer.answer(question)
    assert answer.supported and "by 2050" in answer.citations[0].quote
    assert "April 2024" not in answer.answer


def test_a_label_line_of_another_heading_is_not_quoted_beside_the_answer(tmp_path):
    """Under "Urgent repairs", "Target: within five working days" answers; "Target: within 20
    working days" says the same of routine repairs, and quoted beside it reads as a second answer."""
    doc = ("# Lowfield Homes repairs standards\n\n## Repairs service standards\n\n### Emergency repairs.\n\n"
           "Target: within 24 hours\n\n### Urgent repairs.\n\nTarget: within five working days\n\n"
           "### Routine repairs.\n\nTarget: within 20 working days\n")
    answerer = answerer_over(tmp_path, "lh.md", doc, "Lowfield Homes")
    question = "How quickly will Lowfield Homes fix an urgent repair?"
    answer = answerer.answer(question)
    assert answer.supported and "five working days" in answer.answer
    candidates = scored_candidates(answerer, question)
    for cand in candidates:  # a near rival, as the real model scores it: its heading matched less
        urgent = "five" in cand.text
        cand.score, cand.similarity, cand.lexical = (0.78, 0.9, 0.56) if urgent else (0.75, 0.9, 0.36)
    assert [c.text for c in answerer._choose(candidates, True)] == ["Target: within five working days"]


def test_a_two_part_question_prefers_the_sentence_answering_both(plan):
    answer = plan.answer("How big is the Northgate Homes fund and who runs it?")
    assert answer.supported
    assert "administered by the Borough Community Foundation" in answer.citations[0].quote


REPORT = """# Eastbrook Trust annual report

## Priorities by year

The key priorities for 2025 include:

- opening a second food bank
- training twenty volunteers

The key priorities for 2024 include:

- opening the first food bank
- training ten volunteers

## Supply chain

61% of our supply chain was audited on ethical sourcing in the year (based on spend).
"""


@pytest.fixture
def report(tmp_path):
    (tmp_path / "eastbrook.md").write_text(REPORT, encoding="utf-8")
    store = MemoryStore()
    ingest([tmp_path / "eastbrook.md"], store, HashEmbedder(), IngestMeta("Eastbrook Trust"))
    return ExtractiveAnswerer(Retriever(Mirror(store), HashEmbedder()), HashEmbedder(),
                              min_similarity=0.0, min_lexical=0.25)


def test_the_year_the_question_names_picks_the_sentence(report):
    answer = report.answer("What key priorities did the Eastbrook Trust set for 2024?")
    assert answer.supported and "2024" in answer.citations[0].quote
    assert "first food bank" in answer.citations[0].quote


def test_a_sentence_need_not_name_the_organisation_its_document_is_about(report):
    answer = report.answer("What share of Eastbrook Trust's supply chain was audited on ethical sourcing?")
    assert answer.supported and "61% of our supply chain" in answer.citations[0].quote


CONFLICT = """# Harbourside expansion

## Jobs from the expansion

Harbourside expansion is expected to create up to 4,000 jobs at the harbour itself, most of them in Harbourside town.
The Harbourside expansion is promising jobs and training for people in Harbourside.
The wider pledges of Harbourside include up to 18,000 jobs across the region by 2035 through its supply chain.
"""


def test_a_choice_between_figures_quotes_each_figure_the_documents_give(tmp_path):
    """"Is it 4,000 or 18,000?": when the documents give both, the answer quotes both, not the
    closest sentence (which says neither) and one side."""
    answerer = answerer_over(tmp_path, "harbour.md", CONFLICT, "Harbourside")
    answer = answerer.answer("Is the Harbourside expansion promising 4,000 jobs or 18,000 jobs?")
    quotes = " ".join(c.quote for c in answer.citations)
    assert answer.supported and "4,000" in quotes and "18,000" in quotes


TWO_BIDS = """# Acme bids

## Main contract

We will create 20 apprenticeships for Testville residents by March 2027.

## Lot 2

We will create 6 horticulture apprenticeships for Testville residents by March 2028.
"""


def test_two_sentences_alike_but_for_the_figure_asked_for_are_both_quoted(tmp_path):
    """Near-identical pledges with different figures are two answers, not one said twice."""
    answerer = answerer_over(tmp_path, "bids.md", TWO_BIDS, "Acme")
    answer = answerer.answer("How many apprenticeships will Acme create?")
    quotes = " ".join(c.quote for c in answer.citations)
    assert answer.supported and "20 apprenticeships" in quotes and "6 horticulture" in quotes
    again = answerer.answer("Where will Acme create apprenticeships?")  # no figure asked: one is enough
    assert len(again.citations) == 1


PLEDGES = """# Acme and Testville

## Community pledges

Following the award of the Testville contract, Acme has issued a list of pledges to the Testville community and published a summary of its proposals.

Acme pledges to:

- train 20 apprentices from Testville each year
- plant 500 trees in Testville parks
"""


def test_a_list_question_quotes_the_list_beside_a_sentence_that_only_speaks_of_it(tmp_path):
    """The sentence closest to "what did Acme pledge?" may be the one announcing the pledges; the
    list itself must be quoted too, not dropped for scoring lower."""
    answerer = answerer_over(tmp_path, "pledges.md", PLEDGES, "Acme")
    answer = answerer.answer("What did Acme pledge to the Testville community after the contract award?")
    quotes = " ".join(c.quote for c in answer.citations)
    assert answer.supported and "train 20 apprentices" in quotes and "plant 500 trees" in quotes


def test_how_it_will_be_done_is_answered_with_the_list_that_says_how(tmp_path):
    """"How will X reach net zero?" matches the sentence naming the goal best; the list right after
    it ("We will do this by:") says how, in words the question does not use."""
    plan = ("# Acme carbon plan\n\n## Our estate\n\nWe are committed to net zero carbon emissions on our "
            "estate by 2030. Our estate's emissions fell by a third since 2019.\n\nWe will do this by:\n\n"
            "- fitting heat pumps in every depot\n- buying only electric vans from 2026\n")
    answerer = answerer_over(tmp_path, "plan.md", plan, "Acme")
    answer = answerer.answer("How will Acme reach net zero carbon emissions on its estate by 2030?")
    assert answer.supported and "We will do this by:" in answer.answer
    assert "• fitting heat pumps in every depot" in answer.answer
    goal = answerer.answer("When will Acme reach net zero carbon emissions on its estate?")
    assert "We will do this by:" not in goal.answer  # a date asked: no list of means


def test_when_is_answered_by_a_stage_of_the_project_not_only_a_date(tmp_path):
    mine = ("# Acme Mining and the community\n\n## Our fund\n\nOnce into production, Acme will launch the Acme "
            "Sustainability Fund for local good causes.\n\nThe county's workforce in March 2020 was 127,200.\n")
    answerer = answerer_over(tmp_path, "mine.md", mine, "Acme Mining")
    answer = answerer.answer("When will Acme launch its Sustainability Fund for local good causes?")
    assert answer.supported and "Once into production" in answer.answer
    assert timed("The fund opens on completion of the works.") and not timed("The fund supports local causes.")


STANDARDS = """# Acme Homes repairs standards

## Emergency repairs

Target: within 24 hours

Examples include:

- serious leaks which could cause flooding
- being locked out of your home

## Urgent repairs

Target: within five working days

Examples include:

- problems with the water supply
- electrical faults
"""


def test_a_short_line_with_the_figure_answers_for_the_item_that_matched_in_its_section(tmp_path):
    """The question's words are in a list item ("problems with the water supply"); the time asked
    for is the section's own short line, not the other section's."""
    answerer = answerer_over(tmp_path, "standards.md", STANDARDS, "Acme Homes")
    answer = answerer.answer("If there is a problem with the water supply, how long does Acme Homes take to fix it?")
    assert answer.supported and answer.citations[0].quote == "Target: within five working days"


def test_a_figure_of_part_of_what_the_sentence_before_counts_is_quoted_with_it(tmp_path):
    """"Nine are in carpentry" says nine of what only with the sentence before it."""
    doc = ("# Eastgate Build social value report\n\n## Jobs and skills\n\nEastgate Build created 22 "
           "apprenticeships for Testville residents this year. Nine are in carpentry, six in plumbing and "
           "seven in electrical work.\n\nEastgate Build apprenticeships follow national standards in carpentry "
           "and plumbing.\n")
    answer = answerer_over(tmp_path, "eastgate.md", doc, "Eastgate Build").answer(
        "How many Eastgate Build apprenticeships are in carpentry?")
    assert answer.supported
    assert answer.citations[0].quote.startswith("Eastgate Build created 22 apprenticeships")
    assert "Nine are in carpentry" in answer.citations[0].quote


def test_a_sentence_saying_what_the_one_before_is_is_quoted_with_it():
    from assistant.answers.passages import joined

    before = "Other schemes included a pilot giving refurbished iPads to customers in fuel poverty."
    said = joined("This is one of several projects set to be scaled up over the next 12 months.", before, "")
    assert said.startswith(before) and said.endswith("next 12 months.")
    assert joined("This project will create 20 jobs.", before, "") == "This project will create 20 jobs."


def test_a_figure_compared_in_the_next_sentence_is_quoted_with_it():
    from assistant.answers.passages import joined

    said = joined("During 2018, Acme spent over £2 million with social enterprises.", "",
                  "The figure is more than double what was paid in 2017.")
    assert said.endswith("more than double what was paid in 2017.")
    assert has_shape("change", said)
    assert not has_shape("change", "Its supplier funded work, from addressing social mobility to supporting women.")
    assert has_shape("change", "Local spend rose from a baseline of 12% to 20%.")


def test_what_becomes_of_those_a_sentence_names_is_quoted_with_it():
    from assistant.answers.passages import joined

    said = joined("We expect 38 operatives to transfer to Acme under TUPE.", "",
                  "They will keep their terms and conditions.")
    assert said.endswith("They will keep their terms and conditions.")
    assert joined("We will plant 300 trees.", "", "They are native species.") == "We will plant 300 trees."


def test_a_list_item_asked_by_when_is_quoted_under_the_lead_in_that_dates_it(tmp_path):
    doc = ("# Riverside Bridge plan\n\n## Skills\n\nTo enable inclusive growth, in 2020/21 Riverside Bridge will:\n\n"
           "- Reach 250,000 people with targeted careers information.\n"
           "- Engage 800 businesses with skills initiatives.\n")
    answer = answerer_over(tmp_path, "plan.md", doc, "Riverside Bridge").answer(
        "By when will Riverside Bridge engage 800 businesses with skills initiatives?")
    assert answer.supported and "in 2020/21 Riverside Bridge will:" in answer.answer
    assert "Engage 800 businesses" in answer.answer


def test_a_list_item_that_goes_on_from_its_lead_in_is_quoted_under_it(tmp_path):
    """"paid the Real Living Wage to all 214 workers" says neither who nor when: its lead-in does."""
    doc = ("# Riverside Bridge report\n\n## Year 1 at a glance\n\nIn the first year of the contract Riverside Bridge:\n\n"
           "- created 22 apprenticeships for local residents;\n"
           "- paid the Real Living Wage to all 214 workers on the contract, including subcontractors.\n")
    answer = answerer_over(tmp_path, "report.md", doc, "Riverside Bridge").answer(
        "Were Riverside Bridge's subcontractors paid the Real Living Wage?")
    assert answer.answer.startswith("In the first year of the contract Riverside Bridge:")
    assert "• paid the Real Living Wage to all 214 workers" in answer.answer
    assert "created 22 apprenticeships" not in answer.answer  # the one item, not the list


def test_a_question_listing_two_subjects_is_answered_by_a_sentence_naming_either(tmp_path):
    doc = ("# Riverside Bridge green plan\n\n## Targets\n\nAir Pollution:\n\n"
           "- Riverside Bridge will convert 90% of its fleet to zero-emission vehicles by 2028.\n"
           "- Riverside Bridge will cut air pollution from business mileage by 20% by March 2024.\n\n"
           "Waste:\n\n- Riverside Bridge will send no waste to landfill by 2021.\n")
    answer = answerer_over(tmp_path, "plan.md", doc, "Riverside Bridge").answer(
        "Give me a table of Riverside Bridge's air pollution and waste targets with their deadlines.")
    assert answer.supported and "cut air pollution from business mileage" in answer.answer


def test_a_quoted_list_item_ends_as_a_sentence_and_a_lead_in_keeps_its_colon():
    from assistant.answers.base import as_sentence

    assert as_sentence("created 22 apprenticeships, beating our target a year early;") == (
        "created 22 apprenticeships, beating our target a year early.")
    assert as_sentence("The plan is structured around five themes, set out below:") == (
        "The plan is structured around five themes, set out below:")
    assert as_sentence("14 Apprenticeships have been created; and") == "14 Apprenticeships have been created."
    assert as_sentence("Clean energy and") == "Clean energy and."  # no list's joining word


def test_a_figure_of_another_financial_year_does_not_answer(tmp_path):
    """"2019-20" and "2020/21" both name 2020; the financial year asked is not the one reported."""
    doc = ("# Eastgate Homes social value report\n\n## Social value\n\nEastgate Homes generated £55.9m of social "
           "value in 2019-20, up from £48m the year before.\n")
    answer = answerer_over(tmp_path, "eastgate.md", doc, "Eastgate Homes").answer(
        "How much social value did Eastgate Homes generate in 2020/21?")
    assert not answer.supported
    right = answerer_over(tmp_path, "eastgate2.md", doc, "Eastgate Homes").answer(
        "How much social value did Eastgate Homes generate in 2019/20?")
    assert right.supported and "£55.9m" in right.citations[0].quote


def test_a_distance_question_wants_a_distance_not_any_figure(tmp_path):
    doc = ("# Harbour Works social value update\n\nThe social value portal measures the benefits Harbour Works "
           "provides within 40 miles of the site.\n\nKey highlights so far:\n\n- 4 Harbour Works apprentices "
           "have worked 92 weeks\n- 3 graduates have worked 47 weeks\n")
    answerer = answerer_over(tmp_path, "harbour.md", doc, "Harbour Works")
    answer = answerer.answer("Within what distance are Harbour Works' benefits counted?")
    assert answer.supported and "within 40 miles" in answer.answer and "92 weeks" not in answer.answer
    assert asked("How far from the site must Harbour Works' recruits live?").shape == "distance"
    assert has_shape("distance", "a 10-mile radius") and not has_shape("distance", "worked 92 weeks")


def test_a_list_under_a_plain_heading_line_is_quoted_with_it_and_a_cover_line_is_no_answer(tmp_path):
    doc = ("# Carbon plan\n\nHarbour Works Limited (“Harbour”)\n\nJanuary 2022\n\n## Emissions reduction targets\n\n"
           "In order to reach Net Zero, Harbour has adopted the following carbon reduction targets.\n\n"
           "Business Travel\n\n- Harbour's carbon reduction targets for business travel: electric company vehicles "
           "only from 2022\n- International flights now require director authorisation\n")
    answer = answerer_over(tmp_path, "plan.md", doc, "Harbour Works").answer(
        "What are Harbour's carbon reduction targets for business travel?")
    assert asked("What are Harbour's carbon reduction targets for business travel?").shape == "list"
    assert "Limited (“Harbour”)" not in answer.answer and is_heading("Harbour Works Limited (“Harbour”)")
    assert "Business Travel:" in answer.answer and "• International flights now require" in answer.answer


def test_halve_asks_about_a_fifty_per_cent_cut(tmp_path):
    doc = ("# Harbour Works sustainability\n\n## Targets\n\nHarbour Works aims to make its carbon footprint net zero "
           "by 2040.\n\nHarbour Works has a target to reduce its carbon footprint by 50% by 2025.\n")
    answer = answerer_over(tmp_path, "plan.md", doc, "Harbour Works").answer(
        "By when does Harbour Works aim to halve its carbon footprint?")
    assert answer.supported and "by 50% by 2025" in answer.citations[0].quote and "2040" not in answer.answer


def test_asked_whether_it_was_done_a_promise_is_quoted_with_a_notice_that_it_is_only_a_promise(tmp_path):
    doc = "# Harbour Works schools pledge\n\nIn the 2017/18 academic year, Harbour Works will work with 50 schools.\n"
    answerer = answerer_over(tmp_path, "pledge.md", doc, "Harbour Works")
    answer = answerer.answer("Did Harbour Works work with 50 schools in 2017/18?")
    assert "will work with 50 schools" in answer.answer
    assert answer.notices == ["This is what was promised; the documents found do not say whether it was done."]
    assert answerer.answer("Will Harbour Works work with 50 schools?").notices == []


def test_a_span_of_time_is_no_count_or_amount():
    """"How much social value has been delivered?" is not answered by "for the following 12 months"."""
    assert not has_shape("amount", "Priorities were also set for the following 12 months.")
    assert not has_shape("count", "We will respond within 5 days.")
    assert has_shape("count", "We delivered 40 days of work experience.")
    assert has_shape("amount", "Social value delivered totalled £12.3 million.")


def test_a_baseline_or_reporting_year_asked_for_is_a_year():
    assert asked("What is Acme's baseline year for its emissions?").shape == "year"
    assert asked("What was the council's reporting year?").shape == "year"
    assert asked("What is Acme's target for this year?").shape != "year"


def test_a_list_running_past_its_passage_is_answered_whole(tmp_path):
    """The lead-in's passage ends mid-list: the items the next passage opens with are its too."""
    items = ["Pay the Real Living Wage to every member of staff", "Buy from local small firms wherever we can",
             "Offer ten work placements to care leavers each year", "Plant two hundred trees in the town parks",
             "Publish what we have done every spring"]
    text = ("# Harbour Trust pledge\n\n## Our pledge\n\nThe Harbour Trust is going to:\n\n"
            + "\n".join(f"- {item}." for item in items) + "\n")
    (tmp_path / "pledge.md").write_text(text, encoding="utf-8")
    store = MemoryStore()
    ingest([tmp_path / "pledge.md"], store, HashEmbedder(), IngestMeta("Harbour Trust"), ChunkingOptions(200, 40))
    mirror = Mirror(store)
    assert len(mirror.snapshot().chunks) > 1  # the list is cut across passages
    answerer = ExtractiveAnswerer(Retriever(mirror, HashEmbedder()), HashEmbedder(), min_similarity=0.0)
    answer = answerer.answer("What is the Harbour Trust going to do?")
    assert answer.supported and all(item in answer.answer for item in items)


def test_a_list_item_cut_by_the_passage_end_is_read_whole_from_the_next():
    from assistant.answers.passages import items_run_on

    assert items_run_on(["1. Procure", "2. Set phase out dates", "5."],
                        "• 2. Set phase out dates\n• 5. Adopt PAS 2080\nAfter the list.") == [
        "1. Procure", "2. Set phase out dates", "5. Adopt PAS 2080"]


def test_a_rare_name_the_question_gives_makes_the_line_naming_it_fit_better(tmp_path):
    """"the Metrodome" asked of a council's carbon plan: the line that names it fits the question
    better than a general sentence about the council's carbon (a name in the passage's title or
    section, "Stanmoor Council", says nothing about which line answers)."""
    doc = ("# Stanmoor Council carbon plan\n\n## What Stanmoor Council is doing already\n\n"
           "The council has already cut emissions through existing and planned programmes.\n\n"
           "Stanmoor Council projects include:\n\n- replacing the Metrodome coal boilers to cut carbon\n"
           "- warmer homes for residents\n")
    answerer = answerer_over(tmp_path, "stanmoor.md", doc, "Stanmoor Council")

    def fits(question: str) -> dict[str, float]:
        candidates = scored_candidates(answerer, question)
        return {("item" if "Metrodome" in c.text else c.text[:11]): c.fit for c in candidates}

    named, plain = fits("Has Stanmoor Council already cut emissions at the Metrodome?"), fits(
        "Has Stanmoor Council already cut emissions?")
    assert named["item"] > plain["item"]
    assert named["The council"] == plain["The council"]


def test_how_much_of_asks_a_sum_or_a_share():
    """"How much of the money is for skills?" is answered by "£7.1m for skills" as well as by "12%"."""
    shape = asked("How much of the Hinkley money is for local skills and training?").shape
    assert has_shape(shape, "£7.1m will go to skills and training.")
    assert has_shape(shape, "12% of the package is for skills.")
    assert asked("What percentage of spend is local?").shape == "percent"


def test_a_lone_letter_of_a_name_need_not_be_in_the_document(tmp_path):
    """A page on the Hinkley Point C deal that writes "Hinkley Point" still answers a question
    naming "Hinkley Point C"."""
    doc = ("# Hinkley Point deal\n\n## Roads\n\nThe Hinkley Point package includes £16m for road "
           "improvements in Bridgwater.\n")
    answer = answerer_over(tmp_path, "hinkley.md", doc, "EDF").answer(
        "How much will Hinkley Point C spend on road improvements?")
    assert answer.supported and "£16m" in answer.citations[0].quote


def test_numbers_that_name_or_measure_are_no_count():
    """"scopes 1, 2 and 3", "Phase 2" and "1.5°C" give no amount to a "by how much" question."""
    assert not has_shape("count", "We joined the 1.5°C campaign and will be net zero for scopes 1, 2 and 3.")
    assert not has_shape("count", "Phase 2 opens in 2026.")
    assert has_shape("count", "We will cut scope 3 emissions for 40 suppliers.")
    # a range of levels names them too: "How many apprentices?" is not answered by "15% ... from level 2 up to 6/7"
    assert not has_shape("count", "Apprentices are 15% of our staff, from level 2 up to 6/7 degree.")
    assert not has_shape("count", "We offer apprenticeships at levels 2 to 4.")
    assert has_shape("count", "We will offer 20 apprenticeships at level 3.")


def test_a_near_rival_of_the_other_time_is_not_quoted_beside_the_answer(tmp_path):
    """Asked what was already cut, the 51% cut is the answer; "will be cut by a further 36% by
    2025" answers another question however close it scores."""
    doc = ("# Acme carbon plan\n\n## Emissions\n\nAcme has reduced its emissions by 51% since 2013.\n\n"
           "Acme emissions will be cut by a further 36% by 2025, Acme has said.\n")
    answerer = answerer_over(tmp_path, "acme.md", doc, "Acme")
    question = "Has Acme already cut its emissions?"
    candidates = scored_candidates(answerer, question)
    for cand in candidates:  # both close: the rule, not the scores, decides
        cand.score = 0.8 if "51%" in cand.text else 0.78
    assert [c.text for c in answerer._choose(candidates, False)] == ["Acme has reduced its emissions by 51% since 2013."]


def test_a_sentence_on_the_subject_answers_when_the_closest_match_is_off_it(tmp_path):
    """The closest match is off the subject asked (another contract's technology); the sentence on
    it answers, though it scores a fifth lower, not "not found"."""
    doc = ("# Acme highways\n\n## Fleet\n\nAcme will deploy new road repair technology in Westshire.\n\n"
           "A new fleet of low emission vehicles will serve the Eastshire contract.\n")
    answerer = answerer_over(tmp_path, "acme.md", doc, "Acme")
    candidates = scored_candidates(answerer, "Will Acme use low emission vehicles?")
    for cand in candidates:
        cand.beside = "technology" in cand.text
        cand.score, cand.similarity, cand.lexical = (1.0 if cand.beside else 0.82), 0.9, 0.9
    assert [c.text for c in answerer._choose(candidates, False)] == [
        "A new fleet of low emission vehicles will serve the Eastshire contract."]


def test_a_deed_told_in_the_passive_future_is_to_do():
    from assistant.answers.tenses import tenses

    assert tenses("Emissions will be reduced by 36% by 2025.") == {"future"}
    assert tenses("By 2030 we will have planted 500 trees.") == {"future"}
    assert tenses("We have reduced emissions by 51% since 2013.") == {"past"}
    assert tenses("An independent body is being established to manage the fund.") == {"future"}  # under way


def test_a_target_surpassed_is_done_and_answers_what_was_achieved(tmp_path):
    """"surpassed its 15 per cent target ..., achieving a 27 per cent reduction" reports a result:
    read as a target alone it was refused as no answer to what was achieved."""
    from assistant.answers.tenses import tenses

    said = "OCS also surpassed its 15 per cent carbon reduction target for SCTS, achieving a 27 per cent reduction."
    assert "past" in tenses(said)
    assert tenses("We secured £10.8 million in funding and generated £14.9 million in social value.") == {"past"}
    assert tenses("We aim to secure £2m of funding by 2027.") == {"future"}
    doc = ("# OCS courts contract\n\n## Sustainability\n\nOCS will implement smart building technology to "
           f"monitor carbon emissions across the estate.\n\n{said}\n")
    answer = answerer_over(tmp_path, "ocs.md", doc, "OCS").answer("What carbon cut did OCS achieve for SCTS?")
    assert answer.supported and "27 per cent" in answer.answer


def test_a_commitment_made_is_still_to_do(tmp_path):
    """"the business made a commitment to invest £2 million annually" is a promise: read as done
    (made, introduced), it was no answer to what will be invested."""
    from assistant.answers.tenses import tenses

    said = ("Additionally, the business made a commitment to invest £2 million annually in fire protection "
            "from 2024 and introduced training to contain battery fires.")
    assert "future" in tenses(said)
    assert tenses("We transformed a former club as part of our ongoing commitment to leave a legacy.") == set()
    doc = f"# Suez report 2023\n\n## Safety\n\nOver 560 employees completed safety training.\n\n{said}\n"
    answer = answerer_over(tmp_path, "suez.md", doc, "Suez").answer("How much will Suez invest in fire protection?")
    assert answer.supported and "£2 million annually" in answer.answer


def test_a_word_asked_is_held_by_the_everyday_word_for_the_same_thing(tmp_path):
    """"When was the consultation due to start?" is answered by "will commence in April 2015",
    not by the other date in the passage, whose words ("due", "Walney") the question shares."""
    from assistant.answers.fit import held_as

    assert {"begin", "commence", "launch"} <= held_as("start") and "reduction" in held_as("cut")
    assert "goal" not in held_as("target")  # nouns of aim stay apart
    assert "valu" in held_as("worth")  # "What is the contract worth?": "valued at £8m"
    doc = ("# Walney fund\n\n## Consultation\n\nThe extension to Walney is due to be completed by 2019.\n\n"
           "The Walney consultation will commence in April 2015 with an online survey.\n")
    answerer = answerer_over(tmp_path, "walney.md", doc, "DONG Energy")
    question = "When was the Walney consultation due to start?"
    commence = next(c for c in scored_candidates(answerer, question) if "commence" in c.text)
    assert commence.lexical == max(c.lexical for c in scored_candidates(answerer, question))


def test_the_documents_holding_the_names_asked_are_searched_when_the_top_passages_are_others(tmp_path):
    """Seven pages of other firms' Scope 3 emissions outrank Galliford Try's table: the passages of
    the document that names Galliford Try are found further down and answer."""
    from assistant.answers.named_search import named_search

    store = MemoryStore()
    for i in range(8):
        (tmp_path / f"o{i}.md").write_text(f"# Firm{i} carbon\n\n## Scope 3\n\nFirm{i} Scope 3 emissions fell "
                                            f"by {i + 2}% in FY22 as Scope 3 emissions were cut.\n", encoding="utf-8")
        ingest([tmp_path / f"o{i}.md"], store, HashEmbedder(), IngestMeta(f"Firm{i}", ("Testville",)))
    (tmp_path / "g.md").write_text("# Galliford Try sustainability\n\n## Targets\n\n| KPI | FY22 |\n|---|---|\n"
                                   "| Scope 3 carbon (tonnes) | 6,040 |\n", encoding="utf-8")
    ingest([tmp_path / "g.md"], store, HashEmbedder(), IngestMeta("Galliford Try", ("Testville",)))
    retriever = Retriever(Mirror(store), HashEmbedder())
    question = "What were Galliford Try's Scope 3 emissions in FY22?"
    assert all(h.chunk.supplier != "Galliford Try" for h in retriever.find(question, 3).hits)
    hits = named_search(retriever, question, 3).hits
    assert hits and all(h.chunk.supplier == "Galliford Try" for h in hits)
    assert named_search(retriever, "What were Firm3's Scope 3 emissions?", 3).hits[0].chunk.supplier == "Firm3"


def test_a_lead_in_to_nothing_is_no_answer(tmp_path):
    """A page cut after "Andy Street, Mayor of the West Midlands, adds:" leaves a lead-in with
    nothing after it but the next heading: it says nothing, whatever words it shares."""
    doc = ("# National Express zero emission\n\n## Buses\n\nNational Express will be fully zero emission on "
           "buses by 2030.\n\nAndy Street, Mayor of the West Midlands, adds on National Express zero emission buses:"
           "\n\n## Community\n\nWe invest 1% of profit in communities.\n")
    answerer = answerer_over(tmp_path, "nx.md", doc, "National Express")
    candidates = scored_candidates(answerer, "When will National Express buses be zero emission?")
    assert not any(c.text.endswith("adds on National Express zero emission buses:") for c in candidates)
    assert any("by 2030" in c.text for c in candidates)


def test_a_sentence_quoted_inside_a_rival_is_quoted_once_with_what_it_follows(tmp_path):
    """"This was an increase from the reported £534k." scores best alone, but the sentence it
    follows, quoted with it, holds it and the figure: that one quote answers, not both."""
    doc = ("# Oxbridge scrutiny\n\n## Social value\n\nAn updated figure on the value of social value delivered "
           "was given - £900,745. This was an increase from the reported £534k.\n")
    answerer = answerer_over(tmp_path, "ox.md", doc, "Oxbridge Council")
    question = "How much social value has Oxbridge delivered?"
    candidates = scored_candidates(answerer, question)
    for cand in candidates:
        cand.score = 0.8 if cand.text.startswith("This was") else 0.78
    chosen = answerer._choose(candidates, False)
    assert len(chosen) == 1 and "£900,745" in chosen[0].text and "£534k" in chosen[0].text


def test_a_list_item_said_again_inside_the_answer_is_not_quoted_beside_it():
    from assistant.answers.passages import says_else

    sentence = "We spent £1.3m with SMEs based in Harrowden Borough in 2025/26, against our commitment of £2m."
    assert not says_else("- spent £1.3m with SMEs based in Harrowden Borough;", sentence, True)
    assert says_else("- spent £0.4m with social enterprises in Harrowden;", sentence, True)


def test_a_span_written_as_an_adjective_is_a_duration():
    assert has_shape("duration", "10 disadvantaged groups will be supported over a seven-year period")
    assert has_shape("duration", "a 12-month programme")


def test_a_lead_in_that_says_how_many_takes_that_many_lines_as_its_items():
    from assistant.answers.passages import items_after, items_run_on

    lines = ["Projects are focused in four key areas:", "Economic prosperity", "The environment",
             "Community wellbeing", "Equality and inclusion", "Among our projects this year was a bird habitat."]
    assert items_after(lines, 0) == lines[1:5]
    assert items_after(lines[:3], 0) == lines[1:3]  # the passage ends inside the list
    assert items_run_on(lines[1:3], "Community wellbeing\nEquality and inclusion\nAmong ...", count=4) == lines[1:5]
    assert items_after(["Our priorities:", "Economic prosperity", "The environment"], 0) == []  # how many?


def test_a_span_said_in_words_is_no_count():
    assert not has_shape("count", "There is also an option to extend for another five years.")
    assert has_shape("count", "We will run five workshops for tenants.")


def test_a_threshold_is_no_sum_and_in_pounds_asks_one():
    assert asked("How much social value in pounds have the contracts delivered so far?").shape == "money"
    assert not has_shape("money", "All contracts above £100,000 must achieve a minimum of 10% in social value.")
    assert has_shape("money", "Contracts delivered over £2m of social value.")
    assert has_shape("money", "a fund of 2 million pounds")


def test_how_far_has_it_got_asks_progress_not_a_distance():
    assert asked("What is the target for 2025, and how far has it got?").shape != "distance"
    assert asked("How far along is the project?").shape != "distance"
    assert asked("How far is the hub from the station?").shape == "distance"


def scored_candidates(answerer, question: str) -> list:
    """The answerer's candidate sentences for ``question``, scored (to test how it chooses)."""
    search = answerer.retriever.find(question, answerer.k)
    candidates = answerer._candidates(search.hits, answerer.retriever.mirror.snapshot().following)
    answerer._score(question, candidates, search)
    return candidates


SECTIONED = ("# Acme Construction social value plan\n\n## Employment targets\n\n"
             "### 1. Local jobs\nWe will fill 25% of site jobs with local residents.\n\n"
             "### 2. Apprenticeships\nWe will create 40 apprenticeships over the contract.\n\n"
             "### 3. Work experience\nWe will offer 100 work placements to school pupils.\n\n"
             "### 4. Graduates\nWe will recruit 10 graduates from local universities.\n\n"
             "## Environment\n\n### 5. Carbon\nWe will cut site emissions by 30% by 2028.\n")


def test_a_list_given_as_headed_sections_is_answered_by_each_section_under_the_heading_asked(tmp_path):
    answerer = answerer_over(tmp_path, "acme.md", SECTIONED, "Acme Construction")
    answer = answerer.answer("What employment targets has Acme set?")
    lines = answer.answer.splitlines()
    assert answer.supported and lines[0] == "Employment targets:"
    assert lines[1:] == ["• 1. Local jobs: We will fill 25% of site jobs with local residents. [1]",
                         "• 2. Apprenticeships: We will create 40 apprenticeships over the contract. [2]",
                         "• 3. Work experience: We will offer 100 work placements to school pupils. [3]",
                         "• 4. Graduates: We will recruit 10 graduates from local universities. [4]"]
    assert [c.section for c in answer.citations] == ["1. Local jobs", "2. Apprenticeships", "3. Work experience",
                                                     "4. Graduates"]
    # a heading that only names the firm is not what was asked for
    pages = answerer_over(tmp_path, "bolt.md", "# Bolt report\n\n## Our promise | Bolt Facilities\n\n"
                          "### Skills\nWe will train 30 people.\n\n### Jobs\nWe will hire 12 local people.\n\n"
                          "### Community\nWe will give 200 volunteer hours.\n", "Bolt Facilities")
    assert not pages.answer("What food waste targets has Bolt Facilities set?").supported


def test_a_photo_caption_or_a_link_prompt_is_never_an_answer(tmp_path):
    doc = ("# Siemens news\n\n## New trains\n\nA new Piccadilly line train on test at Wildenrath (Photo Tony Miles).\n\n"
           "Please click here to read our Green Plan.\n\nSiemens Mobility will build 94 new Piccadilly line trains.\n")
    answerer = answerer_over(tmp_path, "siemens.md", doc, "Siemens Mobility")
    for question in ("Where is the new Piccadilly line train on test?", "Where can I read the Green Plan?"):
        answer = answerer.answer(question)
        assert not any("Photo" in c.quote or "click here" in c.quote for c in answer.citations), answer.answer
    assert "94 new Piccadilly line trains" in answerer.answer("How many Piccadilly line trains will Siemens build?").answer


def test_sentences_are_ranked_partly_by_what_is_asked_apart_from_the_names(tmp_path):
    doc = ("# Acme news\n\n## Fund\n\nAcme Homes has set up the Riverside Fund for community projects.\n\n"
           "The fund will receive £350,000 over five years.\n")
    answerer = answerer_over(tmp_path, "acme.md", doc, "Acme Homes")
    named = [c for c in scored_candidates(answerer, "How much has Acme Homes put into the Riverside Fund?")
             if c.similarity]
    assert named and any(abs(c.focus - c.similarity) > 1e-6 for c in named)
    plain = [c for c in scored_candidates(answerer, "How much will the fund receive?") if c.similarity]
    assert plain and all(c.focus == c.similarity for c in plain)  # no names: its meaning alone


def test_a_word_asked_as_a_verb_matches_its_noun_in_the_answer(tmp_path):
    from assistant.answers.fit import forms_of

    assert {"inspection"} <= forms_of("inspect") and {"reduction"} <= forms_of("reduce")
    assert {"install"} <= forms_of("installation") and {"delivery"} <= forms_of("deliver")
    assert forms_of("pay") == set()  # too short to tell
    # "produced any guidance?" is held by "developed a practical Guide"; "performance" by "perform"
    assert "guidance" in forms_of("guide") and "guide" in forms_of("guidance") and "perform" in forms_of("performance")
    assert "fine" not in forms_of("finance")  # too short a root to tell
    # the stemmer keeps the silent e of "raise" and strips it from "raised"
    assert "rais" in forms_of("raise") and "raise" in forms_of("rais")
    doc = ("# Acme damp and mould\n\n## Damp and mould\n\nWe will triage your report and will either:\n\n"
           "- Raise a repair to fix what causes the problem.\n"
           "- Carry out an inspection – a surveyor will visit your home within 20 working days.\n")
    answerer = answerer_over(tmp_path, "acme.md", doc, "Acme Homes")
    read = {c.text.split()[1]: c.lexical for c in scored_candidates(answerer, "How quickly will Acme inspect damp?")}
    assert read["Carry"] > 2 * read["Raise"]  # "an inspection" is what was asked, as "a repair" is not


IRWELL = ("# Acme Homes service standards\n\n## Our standards\n\n"
          "Working with our customers, we have created standards in relation to three key areas.\n\n"
          "- Looking after your home.\n- Keeping you informed.\n- Listening to you.\n\n"
          "## Repairs\n\nCustomers want repairs done quickly, so we aim to:\n\n"
          "- Keep any appointments we make with you.\n- Fix repairs on our first visit.\n"
          "- Complete emergency repairs in 24 hours and other repairs within 60 days.\n")


def test_a_list_a_full_stop_counts_is_quoted_and_one_item_asked_for_is_quoted_alone(tmp_path):
    answerer = answerer_over(tmp_path, "acme.md", IRWELL, "Acme Homes")
    areas = answerer.answer("What are Acme Homes' three key areas of service standards?").answer.splitlines()
    assert areas[1:] == ["• Looking after your home.", "• Keeping you informed.", "• Listening to you."]
    # the lead-in with its list scored best, its item next: asked for a figure, the list is cut to it
    hit = answerer.retriever.find("emergency repairs", 3).hits[0]
    items = ["Keep any appointments.", "Complete emergency repairs in 24 hours."]
    lead = Candidate("Customers want repairs done quickly, so we aim to:", hit, 0, items=items, whole=items)
    item = Candidate("• Complete emergency repairs in 24 hours.", hit, 0, lead=lead.text)
    for cand, score in ((lead, 1.0), (item, 0.95)):
        cand.score, cand.similarity, cand.lexical = score, 0.8, 0.8
    (chosen,) = answerer._choose([lead, item], strict=True)
    assert chosen.text == lead.text and chosen.items == ["Complete emergency repairs in 24 hours."]
    (whole,) = answerer._choose([lead, item], strict=False, listed=True)  # a list asked: all of it
    assert whole.items == items


def test_a_list_question_is_answered_by_the_sentence_that_names_the_things_in_a_row(tmp_path):
    """"Which services ...?" is answered by the sentence that runs through them ("resurfacing, gully
    cleaning, grass cutting and mowing"), not by one as close that only speaks of them."""
    doc = ("# Testville highways contract\n\nAcme is proud to provide services in Testville and has been a partner "
           "of the council there for many years. Acme provides services in Testville such as resurfacing, gully "
           "cleaning, grass cutting and mowing.\n")
    answerer = answerer_over(tmp_path, "highways.md", doc, "Acme")
    answer = answerer.answer("Which services does Acme provide in Testville?")
    assert answer.supported and "gully cleaning" in answer.citations[0].quote


def test_a_run_of_things_is_no_list_of_targets(tmp_path, monkeypatch):
    """Targets asked for are figures: "economic development, education, tourism and health" is a run
    of areas, not of targets, and gains nothing from holding a run."""
    doc = ("# Acme plan\n\nAcme supports the community in areas such as economic development, education, "
           "tourism and health. Acme will create 100 apprenticeships.\n")
    answerer = answerer_over(tmp_path, "plan.md", doc, "Acme")
    seen: list = []
    choose = ExtractiveAnswerer._choose
    monkeypatch.setattr(ExtractiveAnswerer, "_choose", lambda self, cands, *a, **k: seen.extend(cands)
                        or choose(self, cands, *a, **k))
    answerer.answer("Which areas does Acme support in the community?")
    assert [c.enumerates for c in seen] == [True, False]
    seen.clear()
    answerer.answer("Which community targets does Acme have?")
    assert [c.enumerates for c in seen] == [False, False]


@pytest.mark.parametrize("sentence, run", [
    ("The services include the maintenance of roads, roadsides, green areas and public spaces, street "
     "cleansing, highway drainage, street lighting and winter gritting.", True),
    ("The fund supports sport, the arts, or local heritage, it said.", True),
    ("We have already taken great strides in creating a more environmentally friendly, pleasant borough, and "
     "we are looking forward to working with the contractor to continue this positive work.", False),
    ("In 2023, we planted trees and cleared ponds.", False),
])
def test_a_run_of_things_is_three_or_more_short_items(sentence, run):
    from assistant.answers.fit import enumerates

    assert enumerates(sentence) is run


def test_a_figure_asked_for_each_year_is_not_a_total_over_years(tmp_path):
    """"Worth each year?" is told by "valued at £8m per annum", not "a five-year £40 million contract"."""
    doc = ("# Harbour highways contract\n\nHarbour Roads has been awarded a five-year £40 million highways "
           "maintenance contract with Quayside Council.\n\nThe contract, which is valued at £8m per annum, is "
           "scheduled to commence on 1 April 2027.\n")
    answerer = answerer_over(tmp_path, "roads.md", doc, "Harbour Roads")
    answer = answerer.answer("What is Harbour Roads' Quayside Council highways contract worth each year?")
    assert "£8m per annum" in answer.answer and "£40 million" not in answer.answer
    assert "£40 million" in answerer.answer("What is Harbour Roads' highways contract with Quayside Council worth?").answer
    assert per_year("£200m in social value each financial year") and not per_year("our annual report")
    assert not per_year("22 apprenticeships, beating our target of 20 a year early")


def test_a_contents_line_answers_only_which_page(tmp_path):
    """A table of contents says where to read, not what: its rows never answer what a section holds,
    whether under a "Page" column, under a "Contents" heading or led by dots; asked for the page,
    the row is the answer."""
    doc = ("# Kestrel Works tender response\n\n## Contents\n\n| Section | Title | Page |\n|---|---|---|\n"
           "| 4 | Kestrel Works Local Supply Chain Plan | 6 |\n| 5 | Kestrel Works Carbon Plan | 8 |\n\n"
           "## Index\n\nHow Kestrel Works will recruit apprentices from the borough ........ 9\n\n"
           "## Local supply chain\n\nKestrel Works will spend £2m with Harrowden firms by 2028.\n")
    answerer = answerer_over(tmp_path, "kestrel.md", doc, "Kestrel Works")
    plan = answerer.answer("What is in the Kestrel Works Local Supply Chain Plan?")
    assert all("| 6" not in c.quote for c in plan.citations)
    apprentices = answerer.answer("How will Kestrel Works recruit apprentices from the borough?")
    assert all("....." not in c.quote for c in apprentices.citations)
    page = answerer.answer("Which page is the Kestrel Works Carbon Plan on?")
    assert page.supported and page.citations[0].quote == "5 | Kestrel Works Carbon Plan | 8"


def test_a_list_asked_of_a_table_is_answered_with_its_rows_in_order(tmp_path):
    """"What are X's targets?" over a pledge table: the rows that hold the question's words, in the
    table's order, shown as a small table, not the one closest row."""
    doc = ("# Kestrel Works tender response\n\n## Delivery plan\n\nThe Kestrel Works delivery plan is below.\n\n"
           "| Kestrel Works target | Target | Deadline |\n|---|---|---|\n"
           "| Kestrel Works target for apprenticeships | 20 | March 2027 |\n"
           "| Kestrel Works target for spend with local firms | £2m | March 2028 |\n"
           "| Kestrel Works target for volunteering hours | 500 | Each year |\n\n"
           "## Company\n\nKestrel Works was founded in 1998 and employs 410 people.\n")
    answer = answerer_over(tmp_path, "kestrel.md", doc, "Kestrel Works").answer("What are the Kestrel Works targets?")
    assert [c.quote.split(" | ")[0] for c in answer.citations] == [
        "Kestrel Works target for apprenticeships", "Kestrel Works target for spend with local firms",
        "Kestrel Works target for volunteering hours"]
    assert answer.table is not None and answer.table.headers[:3] == ["Kestrel Works target", "Target", "Deadline"]
    assert not answer.notices  # the whole table is in the passage


@pytest.mark.parametrize("count", [8, 20])
def test_a_table_cut_across_passages_is_quoted_whole_or_says_it_starts_before(tmp_path, count):
    """Asked for the list a table is, its rows in passages not retrieved join those retrieved, in
    order; a table too long to quote whole (over 15 rows) is quoted from where the passage starts,
    with a notice that it starts before."""
    words = [f"{word}{n}" for n in range(3) for word in "housing skills schools parks roads libraries buses".split()]
    rows = "".join(f"| Kestrel Works target number {n} for the {words[n - 1]} programme | {n * 10} | March 2027 |\n"
                   for n in range(1, count + 1))
    doc = (f"# Kestrel Works tender response\n\n## Delivery plan\n\n| Commitment | Target | Deadline |\n|---|---|---|\n"
           f"{rows}\n## Company\n\nKestrel Works was founded in 1998.\n")
    (tmp_path / "kestrel.md").write_text(doc, encoding="utf-8")
    store = MemoryStore()
    ingest([tmp_path / "kestrel.md"], store, HashEmbedder(), IngestMeta("Kestrel Works"), ChunkingOptions(300, 0))
    mirror = Mirror(store)
    assert len(mirror.snapshot().chunks) > 2  # the table is cut across passages
    answerer = ExtractiveAnswerer(Retriever(mirror, HashEmbedder()), HashEmbedder(), min_similarity=0.0,
                                  min_lexical=0.25, k=1)
    answer = answerer.answer(f"What are the Kestrel Works targets for the {words[count - 1]} programme?")
    numbers = [int(c.quote.split(" number ")[1].split()[0]) for c in answer.citations]
    assert answer.table is not None and numbers == sorted(numbers) and numbers[-1] == count
    if count == 8:
        assert numbers == list(range(1, 9)) and not answer.notices
    else:
        assert numbers[0] > 1
        assert answer.notices == ["The table starts before the rows quoted: open the source to read it whole."]


def test_money_agreed_in_a_section_106_agreement_is_answered_by_the_sums_not_the_news_lead(tmp_path):
    """"Section 106" names the agreement, not a figure the answer must hold; "what transport money"
    asks for sums; and what a developer "did agree to provide" is what it will provide. The story's
    lead names everything asked and holds no sum: it was quoted."""
    story = ("# Riverside Bridge agreement signed\n\n## News\n\nYesterday Testville Council signed a Section 106 "
             "agreement with Riverside Bridge, the developer of the Testville Quarter.\n\nSection 106 payments are "
             "only one of three ways in which the developer will contribute to the town.\n\nRiverside Bridge will "
             "provide £15 million for the tram system and £10 million for additional bus services.\n")
    answer = answerer_over(tmp_path, "story.md", story, "Riverside Bridge").answer(
        "What transport money did Riverside Bridge agree to provide in the Testville section 106 agreement?")
    assert answer.supported and answer.answer.startswith("Riverside Bridge will provide £15 million")


@pytest.mark.parametrize("question", ["What transport money did the developers agree to provide?",
                                      "What funding has the trust received?", "What cash did the fund pay out?"])
def test_what_money_or_funding_asks_for_a_sum(question):
    assert asked(question).shape == "money"


def test_a_provisions_number_is_no_figure_asked():
    from assistant.answers.labels import provisions_in
    from assistant.answers.tenses import asked_tenses

    assert provisions_in("What does the section 106 agreement for 300 homes say?") == {"106"}
    assert provisions_in("Under Schedule 2 of the s106, how much is paid?") == {"2", "s106"}
    assert provisions_in("How many of the 300 homes are affordable?") == set()
    assert asked_tenses("What did the developer agree to provide?") == {"past", "future"}


def test_how_much_money_asks_a_sum_not_a_sentence_saying_money():
    """"Money" names the answer's kind, as "how much" does: a sentence is not nearer the answer for
    saying it (the demo quoted a sponsorship's "£15,000 of prize money" for what goes to community
    groups, beside the community fund)."""
    from assistant.answers.fit import Question

    assert "money" not in Question.read("How much money goes to community groups?", {}).terms
    assert "money" in Question.read("Where does the money come from?", {}).terms  # not a sum asked


def test_the_list_of_an_item_already_quoted_is_not_quoted_after_it(tmp_path):
    """"Routine repairs: complete within 20 working days" (a line of a PDF) chosen, the lead-in whose
    list holds it said the line again; a sentence that says something else is still quoted beside it."""
    chat = answerer_over(tmp_path, "bid.md", "# Acme bid\n\nWe repair homes.\n", "Acme Housing", min_similarity=0.0)
    hit = chat.retriever.search("repair", 1)[0]
    item = "Routine repairs: complete within 20 working days."
    made = [Candidate(item, hit, 0, score=1.0, similarity=0.9, lexical=0.9),
            Candidate("We will work to the Council's four priorities:", hit, 1, score=0.98, similarity=0.9,
                      lexical=0.9, items=["Urgent repairs: complete within 3 working days.", item]),
            Candidate("Repairs are raised through the Council's contact centre.", hit, 2, score=0.95,
                      similarity=0.9, lexical=0.9)]
    assert [c.text for c in chat._choose(made, strict=False)] == [item, made[2].text]
