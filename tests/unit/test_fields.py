"""Fields of a pledge, read by rules: the target (not an identifier, not the baseline), per-cent
and money words, ranges and schedules; the deadline and place from the sentence, else its
lead-in, else its section. Sentences here are invented."""

import pytest

from ingest.commitments import Context, statements_of
from ingest.deadlines import find_deadline
from ingest.document import Block
from ingest.kinds import Sentence, read
from ingest.places import PlaceFinder
from ingest.quantities import quantities
from ingest.targets import main_quantity, read_alone, row_read


@pytest.mark.parametrize("text, target, unit", [
    ("We will cut emissions across all three scopes by 45 per cent by 2030.", 45, "%"),
    ("Reduce scope 3 emissions by 9% by 2028.", 9, "%"),
    ("Reduce scope 1 and 2 emissions by 11% by 2027.", 11, "%"),
    ("Reduce Scope 1, 2, and 3 emissions by 42% by 2030.", 42, "%"),
    ("Phase 2 will deliver 120 new homes.", 120, "new homes"),
    ("Under Section 106 the developer will fund 15 apprenticeships.", 15, "apprenticeships"),
    ("4.1.3 The Owner shall employ 30 local residents.", 30, "local residents"),
    ("5.2 to use reasonable endeavours to secure that at least 20% of construction jobs go to residents", 20, "%"),
    ("We will give two per cent of project margin to community projects.", 2, "%"),
    ("We will invest £3.5 million in training.", 3_500_000, "£"),
    ("Grants of between £1,000 and £4,000 will be offered.", 4_000, "£"),
    ("We will raise the share of women in senior roles from 28% to 35% by 2027.", 35, "%"),
    ("We will ensure 30% of our spend is with SMEs.", 30, "%"),
    ("We will help over one million people by 2040.", 1_000_000, "people"),
    # a contract-value threshold is a condition, not the target
    ("We will apply it to contracts above the threshold value of £74,999, with social value worth 20%.", 20, "%"),
    ("For contracts over £100,000 we will ask for 10% of the score.", 10, "%"),
    ("We will let contracts worth £3m to SMEs.", 3_000_000, "£"),
    # a range's upper figure; a ratio or a fraction cut is a per cent; a bill of quantities' "x" and "no."
    ("We will create 10-15 jobs for local people.", 15, "jobs"),
    ("We will provide 2,000+ hours of volunteering.", 2000, "hours of volunteering"),
    ("We will recruit 1 in 4 new starters from the borough.", 25, "%"),
    ("We will cut fleet emissions by a quarter by 2030.", 25, "%"),
    ("We will provide 12no. apprenticeships.", 12, "apprenticeships"),
    ("We will offer 3 x work placements.", 3, "work placements"),
    # a size spelled out describes what the sum is paid for, as "20MW" does
    ("For a 20 megawatt wind farm we will pay £100,000 to the community fund.", 100_000, "£"),
    # done so far is not the target a noun cue names
    ("The project has trained 922 apprentices and is on track to hit its target of 1,000 apprentices.", 1000,
     "apprentices"),
    # a denominator is what the target is counted against
    ("We will create 5 apprenticeships per £1m of contract value.", 5, "apprenticeships"),
    ("Waste intensity (m3/£100k) | 14.6 | 6.21", 14.6, ""),
    # time that is the thing counted stays counted after "more than" or "over"
    ("We will deliver more than 1,500 weeks of apprenticeships.", 1500, "weeks of apprenticeships"),
    ("We will provide over 1,000 hours of training by 2026.", 1000, "hours of training"),
    # a ratio's target is what each £1 returns
    ("We aim to deliver a social value ratio of £1: £12.50 across our neighbourhoods.", 12.5, "£"),
])
def test_the_target_is_not_an_identifier_nor_the_baseline(text, target, unit):
    found, _, _ = main_quantity(text)
    assert found is not None and (found.value, found.unit) == (target, unit)


def test_ages_years_and_labels_in_a_range_are_no_target():
    assert main_quantity("We will recruit people aged 16-24 from the borough.")[0] is None
    assert main_quantity("We will mentor 16-24 year olds.")[0] is None
    assert main_quantity("See pages 10-15 of the plan.")[0] is None
    assert quantities("Dated 2024-03-15.") == []


def test_time_spent_is_no_target():
    for text in ("We will run the scheme over 5 years.", "We will pay invoices within 10 days of receipt."):
        assert main_quantity(text)[0] is None, text


def test_a_rough_baseline_is_still_the_baseline():
    target, baseline, _ = main_quantity("The Council is looking to increase its spend with local businesses from "
                                        "circa 25% to 30% per annum.")
    assert (target.value, baseline.value if baseline else None) == (30, 25)


def test_school_years_and_levels_listed_together_are_names_not_targets():
    for text in ("We will run taster days for girls in Years 9 and 10.",
                 "Pupils at Key Stages 3 and 4 will visit our sites.", "Apprentices will follow Levels 2 to 3."):
        assert main_quantity(text)[0] is None, text
    found, _, _ = main_quantity("Pupils in Years 10 and 11 will get 40 mentoring sessions.")
    assert (found.value, found.unit) == (40, "mentoring sessions")


def test_a_sum_that_says_which_things_are_covered_is_no_target():
    for text in ("We will advertise every subcontract opportunity over £10,000 on the portal.",
                 "On contracts above £100,000 we will publish our pipeline.",
                 "All orders of more than £5,000 will go to local firms where possible.",
                 "A social clause is used on all contracts valued at £100,000 or more."):
        assert main_quantity(text)[0] is None, text
    for text, target in (("We will spend over £2m with SMEs.", 2_000_000),
                         ("We will award contracts valued at £2m to SMEs.", 2_000_000),
                         ("We will pay all invoices over £500 within 14 days and raise £10,000 for charity.", 10_000)):
        found, _, _ = main_quantity(text)
        assert found is not None and found.value == target, text


def test_the_baseline_is_kept_apart():
    target, baseline, _ = main_quantity("raise local hires from 32% to 40% by 2026")
    assert (target.value, baseline.value) == (40, 32)
    assert main_quantity("cut waste by 20% against a 2019 baseline of 500 tonnes")[1].value == 500


@pytest.mark.parametrize("text, total, per_year", [
    ("A community fund of £180,000 per year for seven years.", 1_260_000, 180_000),
    ("Community fund (£150,000 a year for six years)", 900_000, 150_000),
])
def test_schedules_are_totalled_and_the_yearly_figure_kept(text, total, per_year):
    target, _, yearly = main_quantity(text)
    assert (target.value, yearly) == (total, per_year)


def test_all_or_every_is_no_quantity():
    assert main_quantity("We will pay every worker the Real Living Wage.")[0] is None


def test_two_per_cent_in_words():
    assert [(q.value, q.unit) for q in quantities("two per cent of margin")] == [(2, "%")]


def _one(text: str, lead_in: str = "", headings: tuple[str, ...] = (), areas: tuple[str, ...] = (),
         places: PlaceFinder | None = None):
    sentence = Sentence(text, lead_in=lead_in, bullet=bool(lead_in), section=headings[-1] if headings else "")
    return statements_of("commitment", sentence, Context(lead_in, headings, areas), places or PlaceFinder())[0]


def test_deadline_from_sentence_then_lead_in_then_section():
    assert _one("We will plant 500 trees by 2027.").deadline_year == 2027
    assert _one("• plant 500 trees", lead_in="By March 2028 we will:").deadline_year == 2028
    assert _one("We will employ 10 apprentices.",
                headings=("Jobs", "Over the life of the contract")).deadline == "Over the life of the contract"


def test_only_the_sections_own_heading_gives_a_deadline():
    # "Our commitments for 2030" heads its own section; the sections under it have their own
    assert _one("We will employ 10 apprentices.", headings=("Our commitments for 2030", "Jobs")).deadline is None
    assert _one("We will cut fleet emissions.", headings=("Our commitments for 2030",)).deadline_year == 2030


def test_a_headings_year_dates_the_pledges_it_names_not_its_headlines_sentences():
    looking_ahead = ("Looking ahead: our commitments for 2025/26",)
    assert _one("• recruit 10 apprentices", headings=looking_ahead).deadline == "2025/26"
    assert _one("We will cut fleet emissions.", headings=("Our 2030 targets",)).deadline_year == 2030
    # a headline's year is its headline pledge's: the sentences under it say what it involves
    assert _one("• Converting all offices to renewable energy tariffs",
                headings=("Operational net zero by 2030",)).deadline is None
    assert _one("The remainder will be offset.", headings=("Arcus FM sets 2040 net-zero target",)).deadline is None


def test_a_rows_target_in_words_is_due_when_its_columns_header_says():
    header = "Pillar | KPI | FY21 | FY22 | 2026 ambition"

    def row(text):
        sentence = Sentence(text, table_row=True, table_header=header)
        return statements_of("commitment", sentence, Context(), PlaceFinder())[0]

    assert row("Safety | Accident Frequency Rate | 0.08 | 0.06 | No harm.").deadline == "2026 ambition"
    assert row("Carbon | Scope 3 emissions (tonnes) | Not measured | 6,040 | Net zero by 2045.").deadline_year == 2045


def test_a_rows_statement_keeps_its_tables_header_and_reads_with_its_column_names():
    header = "Commitment | Target | Delivered in 2025/26 | Status"
    row = "Trees planted in Southgate | 300 by 2029 | 320 | Achieved"
    [said] = statements_of("commitment", Sentence(row, table_row=True, table_header=header), Context(), PlaceFinder())
    assert said.columns == header
    assert row_read(said.text, said.columns) == ("Trees planted in Southgate — Target: 300 by 2029; "
                                                 "Delivered in 2025/26: 320; Status: Achieved")
    [plain] = statements_of("commitment", Sentence("We will plant 300 trees by 2029."), Context(), PlaceFinder())
    assert plain.columns == ""


def test_a_list_item_going_on_from_its_lead_in_keeps_it_and_reads_after_its_words():
    lead = "In the first year of the contract we:"
    [item] = statements_of("commitment", Sentence("- provided 41 work placements for students in Southgate;", lead,
                                                  bullet=True), Context(), PlaceFinder())
    assert item.lead == lead
    assert read_alone(item.sentence, item.columns, item.lead) == (
        "In the first year of the contract we provided 41 work placements for students in Southgate.")
    [whole] = statements_of("commitment", Sentence("- We will plant 300 trees by 2029.", lead, bullet=True),
                            Context(), PlaceFinder())
    assert whole.lead == ""  # a sentence of its own


@pytest.mark.parametrize("text, columns, lead, read_as", [
    ("• create 20 apprenticeships; and", "", "We will:", "We will create 20 apprenticeships."),
    ("- create 20 apprenticeships", "", "Our commitments for 2026 are:",
     "Our commitments for 2026 are: create 20 apprenticeships."),
    ("Create 20 apprenticeships.", "", "We will:", "Create 20 apprenticeships."),  # reads alone
    ("Trees | 300", "Commitment | Target", "", "Trees — Target: 300"),
    ("plant trees", "", "", "plant trees"),
])
def test_a_statement_read_alone(text, columns, lead, read_as):
    assert read_alone(text, columns, lead) == read_as


@pytest.mark.parametrize("row, header, read_as", [
    ("| Spend with SMEs | £2m | | On track |", "| Commitment | Target | Actual | Status |",
     "Spend with SMEs — Target: £2m; Status: On track"),  # an empty cell is left out, the rest line up
    ("Spend with SMEs | £2m", "Commitment | Target | Deadline", "Spend with SMEs; £2m"),  # cells that do not line up
    ("Commitment | Target", "Commitment | Target", "Commitment; Target"),  # the header row itself
    ("We will spend £2m with SMEs.", "Commitment | Target", "We will spend £2m with SMEs."),  # no row
    ("Spend with SMEs | £2m", "", "Spend with SMEs | £2m"),  # a row whose header was not kept
])
def test_a_row_is_read_with_its_column_names_only_where_they_line_up(row, header, read_as):
    assert row_read(row, header) == read_as


def test_a_time_to_answer_each_request_gives_way_to_the_pledges_term():
    found = find_deadline("We shall pay all local SME suppliers within 21 days of invoice throughout the contract term.")
    assert "contract" in found.text
    assert find_deadline("We will pay suppliers within 21 days of invoice.").text == "within 21 days"


def test_a_life_may_be_an_owners():
    found = find_deadline("SSE will support projects over the 25-year projected lifetime of the company’s wind farms.")
    assert found.text == "over the 25-year projected lifetime of the company’s wind farms"
    assert find_deadline("We will do so over the life of the council's contract.").text.endswith("council's contract")


def test_a_calendar_or_financial_year_is_a_date():
    found = find_deadline("We will become a Living Wage employer before the end of the 2025 calendar year.")
    assert (found.text, found.year) == ("the end of the 2025 calendar year", 2025)
    assert find_deadline("We will do so by the end of the 2026 financial year.").year == 2026


def test_a_rate_after_the_sum_is_no_deadline_when_the_sentence_gives_a_span():
    # "per year" says how the £1.8 million is paid; the fund runs for the span
    fund = _one("For the 25-year lifetime of the wind farm, we will pay £5,000 per year to the community fund.")
    assert fund.deadline == "For the 25-year lifetime of the wind farm"
    assert _one("We will give £5,000 per year to local charities.").deadline == "per year"


def test_a_span_keeps_that_it_counts_from_the_start_and_may_be_a_minimum():
    found = find_deadline("We will create 160 new jobs within the first 18 months.")
    assert found.text == "within the first 18 months"
    assert find_deadline("We will create 20 jobs within 18 months.").text == "within 18 months"
    # a span, not the fund's yearly rate: "for more than twenty years" is how long it runs
    fund = _one("A body will manage the £1.8 million per year Community Fund for more than twenty years.")
    assert fund.deadline == "for more than twenty years"


def test_a_leading_year_is_the_deadline():
    s = _one("• 2030: 50% reduction in waste to landfill")
    assert (s.deadline_year, s.quantity) == (2030, 50)


def test_a_sentence_opened_by_the_year_it_foresees_is_due_then():
    assert _one("2027 will bring our third intake of 12 apprentices.").deadline_year == 2027


def test_the_date_of_a_plan_the_pledge_follows_gives_way_to_the_pledges_own():
    found = find_deadline("We will run the contract at net zero for the duration of the contract, "
                          "in line with the council's ambition to be net zero by 2030.")
    assert found.text == "for the duration of the contract"
    # with no date of its own, the plan's date is still the one the pledge works to
    assert find_deadline("We will cut fleet emissions in line with the council's target of net zero by 2030.").year == 2030


def test_a_line_that_is_only_a_date_leads_the_list_under_it():
    blocks = [Block("By 2022"), Block("- 50% of all graduate intakes will be female"),
              Block("- Paying suppliers in 30 days on average"), Block("Our people")]
    sentences = read(blocks)
    assert [s.lead_in for s in sentences] == ["", "By 2022", "By 2022", ""]
    assert _one(sentences[1].text, lead_in=sentences[1].lead_in).deadline_year == 2022


def test_place_from_sentence_then_section_then_areas():
    places = PlaceFinder(["Millbrook"])
    assert _one("We will hire 20 people in Millbrook.", places=places).places == ("Millbrook",)
    assert _one("We will hire 20 people.", headings=("Millbrook works",), places=places).places == ("Millbrook",)
    assert _one("We will hire 20 people.", areas=("Eastshire",), places=places).places == ("Eastshire",)
    assert _one("We will secure 20% of jobs for residents of the District.").places == ("the District",)


def test_a_schedule_keeps_its_yearly_figure_on_the_statement():
    s = _one("We will pay £50,000 a year for ten years into a community fund.")
    assert (s.quantity, s.extra) == (500_000, {"per_year": 50_000})


def test_a_pledge_table_row_takes_the_target_column_and_its_year():
    table = Block("Measure | 2024 result | 2030 target\nLocal spend | 41% | 55%", kind="table")
    row = read([table])[1]
    s = statements_of("commitment", row, Context(), PlaceFinder())[0]
    assert (s.quantity, s.unit, s.deadline_year) == (55, "%", 2030)


def test_a_pledge_table_row_counts_what_its_commitment_column_names():
    table = Block("| Charter theme | Commitment | Target | Timescale |\n"
                  "| Jobs and skills | New apprenticeships, prioritising care leavers | 12 | By March 2028 |\n"
                  "| Homes fitted with sensors | 500 | 2026 | |", kind="table")
    first, second = (statements_of("commitment", row, Context(), PlaceFinder())[0] for row in read([table])[1:])
    assert (first.quantity, first.unit) == (12, "new apprenticeships")  # not "jobs" from the theme column
    assert (second.quantity, second.unit) == (500, "homes")


def test_a_place_that_begins_an_organisations_name_is_the_actor_not_the_place():
    places = PlaceFinder(["Millbrook"])
    assert _one("Millbrook Borough Council will cut its emissions by 40% by 2030.", places=places).places == ()
    assert _one("We will fund 12 places with Millbrook Community Foundation.", places=places).places == ()
    assert _one("We will hire 20 people in Millbrook.", places=places).places == ("Millbrook",)


def test_a_headline_is_no_section_place_but_a_short_label_is():
    places = PlaceFinder(["Essex", "Millbrook"])
    headline = ("Essex housing provider sets out 30-year environmental plan",)
    assert _one("CHP will cut its emissions by 40% by 2030.", headings=headline, places=places).places == ()
    assert _one("CHP will cut its emissions by 40% by 2030.", headings=headline, areas=("Essex",),
                places=places).places == ("Essex",)  # the document's areas still stand behind it
    assert _one("We will hire 20 people.", headings=("Millbrook depot works",), places=places).places == ("Millbrook",)
    # only the nearest heading labels the section: a place further up is another section's
    assert _one("We will hire 20 people.", headings=("Millbrook depot works", "Apprenticeships"),
                places=places).places == ()


def test_headings_give_a_place_nearest_first_but_never_the_title():
    places = PlaceFinder(["Millbrook", "Eastshire"])
    assert _one("We will hire 20 people.", headings=("Eastshire Council – social value", "Apprenticeships"),
                places=places).places == ("Eastshire",)  # a heading named for a council is its area
    assert _one("Eastshire Council will hire 20 people.", places=places).places == ()  # who, not where
    sentence = Sentence("We will hire 20 people.", section="Millbrook: our pledges")
    context = Context("", ("Millbrook: our pledges",), (), title="Millbrook: our pledges")
    assert statements_of("commitment", sentence, context, places)[0].places == ()


@pytest.mark.parametrize("text, place", [
    ("We will make the entire area carbon neutral by 2040.", "the entire area"),
    ("We will spend 30% of our budget within the city region.", "the city region"),
])
def test_an_area_named_by_its_kind_is_a_place(text, place):
    assert _one(text).places == (place,)


@pytest.mark.parametrize("text", [
    "We will make a profit in the region of £4 million a year.",  # a round figure
    "We will cut the county council's emissions to zero by 2030.",  # its council, not the county
])
def test_an_idiom_or_a_council_is_not_an_area_named_by_its_kind(text):
    assert _one(text).places == ()


def test_the_deadline_after_the_target_wins_over_an_earlier_one():
    s = _one("We aim to be carbon neutral by 2050, with a 60% cut in fleet emissions by 2032.")
    assert (s.quantity, s.deadline_year) == (60, 2032)
    assert _one("We will cut waste by 30% by 2028 and to zero by 2035.").deadline_year == 2028


def test_a_goal_already_met_gives_no_deadline():
    assert find_deadline("We have met our goal of tripling our plastics by 2025 and are on track to meet our "
                         "target of quadrupling it by 2030.").year == 2030
    assert find_deadline("We have already achieved our 2025 target, and will reach net zero by 2040.").year == 2040
    assert find_deadline("We will have reached 40% by 2026.").year == 2026  # a future perfect is still due


@pytest.mark.parametrize("text, year", [
    ("Its new net zero target, which includes Scope 3 emissions, is 2040, ten years earlier than before.", 2040),
    ("We will raise local spend to 40%, with a target date of 2027.", 2027),
    ("Our target year for net zero is 2045.", 2045),
    ("We also have 2030 targets to pave the way to these ambitions.", 2030),
    ("The group has revised its net zero target for Scope 1 and 2 emissions to 2045, originally set for 2040.", 2045),
    # a commitment or a pledge is dated as a target is
    ("The firm has brought forward its net zero commitment, covering all scopes, by five years to 2035.", 2035),
    ("Our pledge for a fossil-free fleet is 2028.", 2028),
])
def test_the_year_a_target_is_set_for_is_its_deadline(text, year):
    assert find_deadline(text).year == year


@pytest.mark.parametrize("text", ["We have a target of 2030 homes.", "Our target is 2030 levels of output.",
                                  "We renewed our commitment to 2030 tenants.",
                                  "We measure against our 2019 baseline targets."])
def test_a_count_or_a_measure_after_a_target_is_no_deadline(text):
    assert find_deadline(text) is None


def test_a_date_after_the_target_in_another_clause_is_not_the_targets():
    s = _one("By 2023, every solution we deliver will propose at least one low carbon option, with whole life "
             "zero carbon solutions delivered by 2035.")
    assert (s.quantity, s.deadline_year) == (1, 2023)
    assert _one("We will be net zero by 2045, with a 42% cut by 2030.").deadline_year == 2030


def test_a_stage_of_the_project_is_a_deadline_and_a_launch_date_is_not():
    assert find_deadline("By the time the project completes, we will have paid £320 million.").text \
        == "By the time the project completes"
    assert find_deadline("Jobs will be created up to the completion of the project.").text \
        == "up to the completion of the project"
    assert find_deadline("The company launched the fund in December 2016, committing £1m.") is None


def test_each_season_recurs():
    found = find_deadline("Each summer holiday, we will supply 5,000 meals to the holiday food programme.")
    assert (found.text, found.recurring) == ("Each summer holiday", True)


@pytest.mark.parametrize("sentence, phrase, recurring", [
    ("Free swimming lessons will be offered to under 16s during school holidays.", "during school holidays", True),
    ("We will run holiday clubs every school holiday.", "every school holiday", True),
    ("On each anniversary of commissioning, the payment will rise with RPI.", "On each anniversary of commissioning",
     True),
    ("We will set science-based targets as soon as possible.", "as soon as possible", False),
    ("We will publish our pipeline of subcontract packages every six months.", "every six months", True),
    ("Our coordinator will map the local supply base during mobilisation.", "during mobilisation", False),
    ("We will start the fund's payments at the construction phase, not on completion.", "at the construction phase",
     False),
    ("The depot will pay the Real Living Wage from Mar-2027.", "from Mar-2027", True),
])
def test_holidays_anniversaries_and_soon_are_deadlines(sentence, phrase, recurring):
    found = find_deadline(sentence)
    assert (found.text, found.recurring) == (phrase, recurring)


@pytest.mark.parametrize("sentence, phrase, year, recurring", [
    ("We will plant the orchard by autumn 2026.", "autumn 2026", 2026, False),
    ("We will open the hub by the summer of 2027.", "the summer of 2027", 2027, False),
    ("We will reach 40% by end-2025.", "end-2025", 2025, False),
    ("We will run the scheme throughout 2026.", "2026", 2026, False),
    ("By the end of year one, every supervisor will have completed Mental Health First Aid training.",
     "By the end of year one", None, False),
    ("We will recruit 10 apprentices by Year 3.", "by Year 3", None, False),
    ("We will hand the garden to residents by the end of the contract.", "by the end of the contract", None, False),
    ("We will halve our emissions by the end of the decade.", "by the end of the decade", None, False),
    ("We will hold drop-in sessions fortnightly.", "fortnightly", None, True),
    ("We will review the plan on an ongoing basis.", "on an ongoing basis", None, True),
    # a planning obligation's triggers and terms
    ("The Owner shall pay the contribution prior to first occupation of the development.",
     "prior to first occupation of the development", None, False),
    ("The Owner shall pay £50,000 upon commencement of development.", "upon commencement of development", None, False),
    ("The community fund will be kept in perpetuity.", "in perpetuity", None, False),
    ("We will publish the figures each financial year.", "each financial year", None, True),
    ("We will switch to renewable electricity prior to 2030.", "2030", 2030, False),
    ("Local labour plan. Target date: 2027", "2027", 2027, False),
    # the contract's start and end in other words, and a quarter in words
    ("The site team will be recruited upon mobilisation.", "upon mobilisation", None, False),
    ("Every operative will be paid the Real Living Wage from day one of the contract.",
     "from day one of the contract", None, False),
    ("The fleet will be fully electric by contract end.", "by contract end", None, False),
    ("We will plant 300 trees by the end of the initial term.", "by the end of the initial term", None, False),
    ("Our depot will run on renewable power before the contract expires.", "before the contract expires", None, False),
    ("Local spend will reach 40% by the third quarter of 2026.", "the third quarter of 2026", 2026, False),
])
def test_seasons_contract_years_and_other_ways_of_saying_when(sentence, phrase, year, recurring):
    found = find_deadline(sentence)
    assert (found.text, found.year, found.recurring) == (phrase, year, recurring)


def test_a_month_joined_to_its_year_by_a_hyphen_is_a_date():
    found = find_deadline("Every site will be diesel-free by Dec-2026.")
    assert (found.text, found.year) == ("Dec-2026", 2026)


def test_a_new_starters_first_day_is_no_deadline():
    assert find_deadline("Every new starter will be paid the Real Living Wage from day one.") is None


def test_a_school_year_is_no_deadline():
    assert find_deadline("We will give careers talks to Year 10 students.") is None
    assert find_deadline("Reading sessions will be led by Year 10 students for younger pupils.") is None


def test_how_long_a_condition_has_held_is_no_deadline():
    # "unemployed for more than 12 months" says who is recruited, not when
    found = _one("By 31 March 2028 we will recruit 15 residents who have been unemployed for more than 12 months.")
    assert found.deadline == "31 March 2028"


def test_the_documents_title_gives_no_deadline():
    sentence = Sentence("We will support young carers.", section="Our priorities")
    context = Context("", ("Town plan 2024-2029", "Our priorities"), (), title="Town plan 2024-2029")
    assert statements_of("commitment", sentence, context, PlaceFinder())[0].deadline is None
    context = Context("", ("Town report", "Delivery plan 2024-2029"), (), title="Town report")
    assert statements_of("commitment", sentence, context, PlaceFinder())[0].deadline_year == 2029


@pytest.mark.parametrize("text, target", [
    ("Roughly £45,000 will be awarded to village halls, with a further £5,000 kept in reserve.", 45_000),
    ("Of the 900 roles on site, 30% will go to local people.", 30),
    ("creating 45 new jobs, of which at least 60% will be filled by local residents;", 45),
    ("Grants of between £500 and £2,500 will be offered, and £1,000 bursaries for up to two years.", 2_500),
])
def test_the_amount_just_before_the_pledge_verb_is_its_subject(text, target):
    assert main_quantity(text)[0].value == target


@pytest.mark.parametrize("text, target", [
    ("We will take on one trainee for every 40 staff on the scheme.", 1),  # the one per base, never the base
    ("We will spend more of every £1 with local firms.", None),
    ("We will reach net zero by 2035, 15 years ahead of the national target.", None),
    ("The fund will be spread over the four years while the depot is built.", None),
    # a catchment says where a pledge counts, not what it delivers
    ("Priority will be given to groups based within a 5km radius of the two windfarms.", None),
    ("We will plant trees within 2 miles of the 3 schools.", None),
    ("We will employ 50 people living within 10 miles of the site.", 50),
    ("We will build 5 km of new cycle lanes by 2027.", 5),
])
def test_ratio_bases_and_durations_are_not_targets(text, target):
    found = main_quantity(text)[0]
    assert (found.value if found else None) == target


@pytest.mark.parametrize("text, target, unit", [
    ("Our staff will provide 500 hours of volunteering in Millbrook each year.", 500, "hours of volunteering"),
    ("We will deliver 20 days of training for local SMEs by 2027.", 20, "days of training"),
    ("We will respond within 48 hours of a report.", None, None),
    ("Complaints will be answered within 10 days of receipt.", None, None),
])
def test_hours_or_days_promised_are_the_target_and_spans_are_not(text, target, unit):
    found = main_quantity(text)[0]
    assert ((found.value, found.unit) if found else (None, None)) == (target, unit)


def test_an_amount_in_gbp_is_money_and_its_schedule_is_totalled():
    s = _one("About GBP 60,000 will be paid each year for the expected 20-year lifetime of the turbines.")
    assert (s.quantity, s.unit) == (60_000, "£")
    target, _, yearly = main_quantity("GBP 10,000 per year for five years")
    assert (target.value, target.unit, yearly) == (50_000, "£", 10_000)


@pytest.mark.parametrize("text, places", [
    ("We will offer 10 work placements in Castleford Green by July 2028.", []),  # an estate, not the town
    ("We will resurface Leeds Road in Halifax by 2027.", ["Halifax"]),
    ("We will create 10 jobs in Castleford by 2027.", ["Castleford"]),
])
def test_a_town_that_begins_a_longer_name_is_not_that_town(text, places):
    assert PlaceFinder().places_for(text) == places
    assert PlaceFinder().find(text) == places


@pytest.mark.parametrize("text, places", [
    ("The UK's largest housebuilder has pledged to cut its emissions by 29% by 2025.", []),  # a rank, not a place
    ("Projects funded by the UK Shared Prosperity Fund will train 40 residents.", []),  # a fund's name
    ("We will create 20 jobs across the UK by 2027.", ["UK"]),
    ("Leeds's residents will fill 30 of the new roles.", ["Leeds"]),
    ("Leicestershire and Rutland Community Foundation will manage the fund.", []),  # named for two places
    ("We will hire 20 people in Blackpool and Fylde.", ["Blackpool", "Fylde"]),
])
def test_a_place_naming_a_fund_or_ranking_a_firm_is_not_where_the_benefit_goes(text, places):
    assert PlaceFinder().places_for(text) == places


def test_a_contracts_value_is_not_the_pledge_it_carries():
    for text, target in [("The £40m contract will create 20 apprenticeships.", 20),
                         ("Acme has signed a £6m contract with the council and will take on 50 new staff.", 50),
                         ("£70m in contracts will be let to local firms.", 70_000_000),  # the pledge is the sum
                         ("The £6m contract will be delivered by local staff.", 6_000_000)]:  # no other figure
        assert main_quantity(text)[0].value == target, text


def test_a_community_funds_sum_not_the_size_distance_or_rate_it_is_counted_by():
    for text, target in [
            ("The wind farm will make an annual payment of £5,000 per MW, totalling £264,500 each year.", 264_500),
            ("Households within 2.25km of the turbines can claim up to a £400 contribution.", 400),
            ("On the basis of a 20MW project, the fund would be £100,000 a year.", 100_000),
            ("This is a payment of £812 per megawatt, about £4,000 per annum.", 812),  # an estimate is no total
            ("We will install 5MW of solar panels on council roofs.", 5)]:
        assert main_quantity(text)[0].value == target, text


def test_a_share_of_a_whole_is_the_pledge_not_the_whole():
    from ingest.targets import main_quantity

    target = main_quantity("20% of the 4,000 protected jobs will be for those from underrepresented groups.")[0]
    assert target is not None and (target.value, target.unit) == (20, "%")


def test_what_was_done_beside_a_pledge_is_no_target():
    from ingest.targets import main_quantity

    assert main_quantity("The company has reduced such emissions by 45% against its 2020 baseline, and is on "
                         "track to achieve net zero carbon emissions by the end of 2040.")[0] is None
    target = main_quantity("We have cut emissions by 20% and will cut them by 50% by 2030.")[0]
    assert target is not None and target.value == 50
    target = main_quantity("ENGIE has guaranteed to invest £1.5m in staff training and create 130 apprenticeships.")[0]
    assert target is not None and target.value == 1_500_000


def test_weeks_of_something_are_what_is_promised():
    from ingest.targets import main_quantity

    target = main_quantity("We will give 52 weeks of apprenticeship support.")[0]
    assert target is not None and (target.value, target.unit) == (52, "weeks of apprenticeship")


@pytest.mark.parametrize("text, phrase, year", [
    ("Arcus FM has set a 2040 net-zero target and will cut emissions by 2030.", "2040", 2040),
    ("We are committed to validating a long-term, 2050, net zero target.", "2050", 2050),
    ("• Reduce our scope 1 and 2 carbon emissions in line with the Net Zero 2040 target", "2040", 2040),
    ("Monitor energy use from major users weekly Ongoing", "Ongoing", None),  # an action plan's row
])
def test_a_year_naming_a_net_zero_target_and_an_ongoing_row_are_deadlines(text, phrase, year):
    found = find_deadline(text)
    assert found is not None and (found.text, found.year) == (phrase, year)


def test_a_heading_naming_a_net_zero_year_and_the_word_ongoing_are_no_deadline():
    assert find_deadline("Our Net Zero 2040 plan") is None
    assert find_deadline("Our ongoing work with schools continues.") is None


@pytest.mark.parametrize("text, total, yearly", [
    ("The fund will be in place for a further 22 years distributing around £1.8million per year.", 39_600_000, 1_800_000),
    ("A trust will manage the £1.8 million per year Community Fund for more than twenty years.", 36_000_000, 1_800_000),
    ("Each year for the expected 25-year lifetime of the wind farm, about GBP 225,000 will be paid.", 5_625_000, 225_000),
    ("We will donate £50,000 each year to local charities.", 50_000, None),  # no years given: the yearly sum
    ("Our 5-year plan will spend £2m on homes.", 2_000_000, None),  # a plan's length, not a yearly sum
])
def test_a_yearly_sum_with_its_years_elsewhere_in_the_sentence_is_totalled(text, total, yearly):
    target, _, per_year = main_quantity(text)
    assert (target.value, per_year) == (total, yearly)


@pytest.mark.parametrize("text, target", [
    ("1.Help our communities prosper by providing up to 40,000 jobs by 2030.", 40_000),  # a list item's number
    ("2. We will plant 500 trees in Millbrook.", 500),
    ("The five pledges include creating up to 180,000 new jobs across the country.", 180_000),  # a plan's parts
    ("The declaration will be supported by two strategies for the borough.", None),
    ("12 apprentices will start on site in 2025.", 12),
    ("We will cut emissions from our operations (scope one and two emissions) by at least 75% by 2030.", 75),
    ("We will reach 50/50 gender balance in senior roles by 2030.", 50),  # an even split: half
])
def test_a_list_items_number_and_a_count_of_the_plans_own_parts_are_no_target(text, target):
    found = main_quantity(text)[0]
    assert (found.value if found else None) == target


def _places(blocks: list[Block], doc_type: str) -> list[tuple[str, ...]]:
    from ingest.commitments import extract
    return [s.places for s in extract(blocks, doc_type=doc_type).statements]


def test_a_tender_responses_commitment_naming_no_place_is_for_the_contracts_place():
    blocks = [Block("FCC Recycling: Buckinghamshire Household Recycling Centres contract", heading=1),
              Block("We will recruit 12 apprentices over the contract term."),
              Block("We will spend £2m with SMEs in Milton Keynes by 2027.")]
    assert _places(blocks, "tender_response") == [("Buckinghamshire",), ("Milton Keynes",)]
    # another kind of document's title names the document, not where its promises are for
    assert _places(blocks, "social_value_report") == [(), ("Milton Keynes",)]


def test_a_tender_responses_cover_names_the_buyer_when_its_title_names_no_place():
    blocks = [Block("Lakeside Highways Services Ltd", heading=1),
              Block("Contracting Authority: Westmorland and Furness Council Procurement Reference: WFC/2025/014"),
              Block("We will recruit 12 apprentices over the contract term.")]
    assert _places(blocks, "tender_response") == [("Westmorland and Furness",)]
    cover = [Block("SOCIAL VALUE METHOD STATEMENT", heading=2), Block("Authority:  Kirklees Council"),
             Block("We will create 20 jobs for local people by 2027.")]
    assert _places(cover, "tender_response") == [("Kirklees",)]


def test_a_tender_responses_the_district_is_its_contracts_place():
    blocks = [Block("Tivoli: Fenland horticultural services contract", heading=1),
              Block("We will plant 500 trees across the district by 2027.")]
    assert _places(blocks, "tender_response") == [("the district", "Fenland")]
    assert _places(blocks, "policy") == [("the district",)]
