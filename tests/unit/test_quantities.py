import pytest

from ingest.deadlines import find_deadline
from ingest.quantities import quantities


@pytest.mark.parametrize("text, expected", [
    ("We will create 20 apprenticeships by 2027.", [(20, "apprenticeships")]),
    ("We are targeting £45m by 2025.", [(45_000_000, "£")]),
    ("spend £2.5 million and £250,000 and £3bn", [(2_500_000, "£"), (250_000, "£"), (3e9, "£")]),
    ("a target of 80% of contracts, 12.5 per cent of spend", [(80, "%"), (12.5, "%")]),
    ("hold two Meet the Buyer events and sixty-three workshops", [(2, "Meet the Buyer events"), (63, "workshops")]),
    ("hold 2 meet the buyer events for local firms", [(2, "meet the buyer events")]),
    ("create 5 jobs for the residents", [(5, "jobs")]),  # the head noun reached: "for the" ends it
    ("We will employ one person from each group", [(1, "person")]),
    ("engaged 80,000 young people", [(80_000, "young people")]),
    ("create 8 new customer service jobs at our centre", [(8, "new customer service jobs")]),
    ("recruit 12 grounds staff for the contract", [(12, "grounds staff")]),
    ("create 12 new apprenticeships, prioritising care leavers", [(12, "new apprenticeships")]),
    ("run from our yard at 7 Wheelwright Row and plant 12 trees on Mill Lane", [(12, "trees")]),  # an address
    # a grade's number is part of what is counted, not a second figure's start
    ("offer 5 Level 3 apprenticeships and 10 NVQ Level 2 places", [(5, "Level 3 apprenticeships"),
                                                                   (10, "NVQ Level 2 places")]),
    ("with 225 opportunities available through the programme", [(225, "opportunities")]),
    ("create 30 jobs during construction", [(30, "jobs")]),
    ("will welcome 130 new apprentices this year", [(130, "new apprentices")]),  # the year is when
])
def test_quantities_with_units(text, expected):
    assert [(q.value, q.unit) for q in quantities(text)] == expected


@pytest.mark.parametrize("text", [
    "by 31 March 2028", "residents aged 16-24", "the Modern Slavery Act 2015", "in 2023/24",
    "appointments (09:30 to 14:30)", "2.3 Empty Homes (Voids) Our team", "a seven-year cycle",
    "a 12-week mobilisation", "one of our priorities", "net zero for Type 1 & 2 emissions",
])
def test_years_dates_ages_times_and_ids_are_not_quantities(text):
    assert quantities(text) == []


@pytest.mark.parametrize("text, deadline, year, recurring", [
    ("20 apprenticeships by March 2027", "March 2027", 2027, False),
    ("targeting £45m by 2025", "2025", 2025, False),
    ("extended our target to £36m by the end of 2025", "the end of 2025", 2025, False),
    ("By 31 March 2028 we will recruit 15 residents", "31 March 2028", 2028, False),
    ("will achieve RSP status within five years", "within five years", None, False),
    ("Within the first three years of the contract we will", "Within the first three years of the contract", None,
     False),
    # what a span counts from is part of it
    ("Within six months of contract award, we will appoint", "within six months of contract award", None, False),
    ("remove plastics within three months of service commencement", "within three months of service commencement",
     None, False),
    ("£2.5m over the life of the contract", "over the life of the contract", None, False),
    ("500 volunteering hours each year", "each year", None, True),
    ("report publicly annually", "annually", None, True),
    ("divert 95% of waste from landfill in every year of the contract", "every year of the contract", None, True),
    ("the café will run monthly from June 2025", "monthly", None, True),
    ("We will achieve net zero by 01/01/2050.", "01/01/2050", 2050, False),
    ("At the beginning of FY24, we will commence a partnership", "the beginning of FY24", 2024, False),
    ("Complete the net zero training review End of 2025", "End of 2025", 2025, False),  # a flattened table
    ("Recruit more than 25 green champions Mid 2026", "Mid 2026", 2026, False),
    ("Since joining in 2020 we will recruit 50 apprentices in 2027.", "2027", 2027, False),
    ("the targets for 2020-21 will be kept under review", "2020-21", 2021, False),  # a financial year, hyphened
    ("We will run the scheme from 2024-26 in Leeds.", "2024-26", 2026, False),
])
def test_deadlines(text, deadline, year, recurring):
    found = find_deadline(text)
    assert found is not None and (found.text, found.year, found.recurring) == (deadline, year, recurring)


def test_no_deadline():
    assert find_deadline("We will plant 1,000 trees in Millbrook.") is None
    assert find_deadline("We will fund a year of volunteering.") is None
    # when something began is no due date: a success is not a promise missed
    assert find_deadline("Since the adoption of the Policy in September 2024, all procurement now includes "
                         "clauses.") is None


def test_circa_before_a_figure_is_no_letter_of_a_word():
    assert [(q.value, q.unit) for q in quantities("Enable c20 million socially necessary passenger journeys.")] == [
        (20_000_000, "socially necessary passenger journeys")]
    assert quantities("Type abc20 of the standard") == []


@pytest.mark.parametrize("text, deadline, year, recurring", [
    ("we will pay £9,000 per year over the 20-year lifetime of the turbines",
     "over the 20-year lifetime of the turbines", None, False),
    ("the grant runs for the operational life of the battery site", "for the operational life of the battery site",
     None, False),
    ("an annual community fund of £12,000", "annual", None, True),
    ("we will publish an annual report on progress", None, None, False),
    ("30 per cent of the annual contract budget", None, None, False),  # measures, does not recur
    ("over the next three years we will train 40 people", "over the next three years", None, False),
    ("grants for up to two years", "for up to two years", None, False),
    ("200 jobs for the construction phase", "for the construction phase", None, False),
    ("majority of the fleet electric by approximately 2031", "2031", 2031, False),
    ("its ambition up to 2032", "2032", 2032, False),
    ("Delivery plan 2024-2029", "2024-2029", 2029, False),
    ("our 2025-30 business plan", "2025-30", 2030, False),
    ("a 50% cut by 2030 and net zero by 2045", "2030", 2030, False),
    ("more than a quarter of the fleet", None, None, False),
    ("people out of work for two years", None, None, False),
    ("posted 2021-02-22", None, None, False),
    ("amend 45% of contracts by 3Q2019 and 100% by 4Q2020", "3Q2019", 2019, False),
    ("by Q3 2026 all sites will be diesel free", "Q3 2026", 2026, False),
    ("By FY21 we plan to report Scope 3", "FY21", 2021, False),
    ("£1.8m per year for a further 22 years", "for a further 22 years", None, False),
    ("£500,000 for each of the 25 years that the extension operates", "for each of the 25 years", None, False),
    ("over the next few years we will introduce sourcing policies", "over the next few years", None, False),
    ("in the coming weeks £70m of sub-contracts will be advertised", "in the coming weeks", None, False),
    ("a second fund will be launched later this month", "later this month", None, False),
    ("residents unemployed for more than 12 months", None, None, False),
    ("tenants who have lived in the borough for at least 5 years", None, None, False),
    ("we will subcontract to two firms we have worked with for more than ten years", None, None, False),
    ("£1.8m per year to the fund for at least 20 years", "for at least 20 years", None, False),
    ("the new fleet will be brought into operation this summer", "this summer", None, False),
    ("Once into production, WCM will launch the fund", "Once into production", None, False),
    ("training will kick off after the planning permission", "after the planning permission", None, False),
    ("we will recruit 20 apprentices on completion of the works by 2027", "2027", 2027, False),  # a date wins
    ("no harm will come to anyone during operation", None, None, False),
])
def test_more_deadline_shapes(text, deadline, year, recurring):
    found = find_deadline(text)
    assert (found.text, found.year, found.recurring) == (deadline, year, recurring) if deadline else found is None


@pytest.mark.parametrize("text, deadline", [
    ("Emergency repairs: make safe within 24 hours, 24 hours a day, 365 days a year.", None),  # availability
    ("Our helpline is open 7 days a week.", None),
    ("We will hold 2 Meet the Buyer events each year.", "each year"),
    ("We will train staff three times a year.", "a year"),  # a frequency still recurs
])
def test_hours_a_day_and_days_a_year_say_when_a_service_runs_not_when_a_promise_is_due(text, deadline):
    found = find_deadline(text)
    assert (found.text if found else None) == deadline


@pytest.mark.parametrize("text, deadline", [
    ("Over the contract term we commit to:", "Over the contract term"),
    ("We will deliver £8.5m of local spend over the seven-year term.", "over the seven-year term"),
    ("By the end of Year 2 we will cut contract emissions by 40%.", "By the end of Year 2"),
    ("We will train 10% of the workforce as Mental Health First Aiders within the first year.", "within the first year"),
    ("We will source 40% of food locally by the end of the second contract year.",
     "by the end of the second contract year"),
    ("All site compounds will run on HVO from contract commencement.", "from contract commencement"),
])
def test_a_deadline_counted_from_the_contract(text, deadline):
    """Tender responses date promises by the contract, not the calendar: due when its dates say."""
    found = find_deadline(text)
    assert found is not None and (found.text, found.year, found.recurring) == (deadline, None, False)


def test_school_years_are_no_deadline_and_the_term_of_an_agreement_still_is():
    assert find_deadline("We will run taster days for girls in Years 9 and 10.") is None
    assert find_deadline("over the term of the agreement").text == "over the term of the agreement"


def test_a_footnote_mark_is_no_quantity():
    assert quantities("net zero for our operational value chain(1) emissions") == []
    assert quantities("as our partners[2] reported") == []
    assert [q.value for q in quantities("we will recruit (20) apprentices")] == [20]


def test_the_date_a_cited_text_came_out_is_no_deadline():
    assert find_deadline("We will offset the residual 10% in line with the SBTi Net Zero Standard "
                         "released in October 2021.") is None
    assert find_deadline("In line with guidance published in April 2014, we will recruit 5 apprentices "
                         "by 2027.").year == 2027
    assert find_deadline("We will open the hub in March 2027.").year == 2027


def test_a_numbered_aim_or_action_is_a_name_not_an_amount():
    assert quantities("Aim 1: Reduce net council emissions to zero as close to 2030 as possible") == []
    assert [q.value for q in quantities("Recommendation 4: fund 3 new posts")] == [3]


def test_a_share_in_words_is_the_target_not_what_it_is_a_share_of():
    text = "sourcing at least a third of its 7,900 peak construction workforce from East Anglia"
    assert [(q.value, q.unit) for q in quantities(text)] == [(33.3, "%")]
    assert [(q.value, q.unit) for q in quantities("two thirds of new hires will be local")] == [(66.7, "%")]
    assert [(q.value, q.unit) for q in quantities("half of our £4m budget")] == [(50, "%")]
    assert [q.value for q in quantities("We will recruit 20 apprentices")] == [20]


def test_a_financial_or_academic_year_is_due_when_it_ends():
    assert find_deadline("In the 2017/18 academic year, we will work with 50 schools").year == 2018
    assert find_deadline("In 2017/18 we will work with 50 schools").year == 2018
    assert find_deadline("During the 2025/26 financial year we will recruit 10 apprentices").year == 2026


def test_a_standard_named_by_number_and_a_modal_after_a_count_are_no_amount_or_unit():
    assert quantities("All buses will meet Euro 6 standards") == []
    assert [(q.value, q.unit) for q in quantities("6,000 hours would be on offer")] == [(6000, "hours")]


def test_a_start_date_is_no_deadline_and_until_ends_a_period():
    assert find_deadline("a £70 million Recycling Improvement Fund, starting in 2021") is None
    found = find_deadline("The new contract will run from June 2021 until December 2025")
    assert (found.text, found.year) == ("until December 2025", 2025)


def test_a_range_after_from_and_as_close_to_a_year_as_possible_are_deadlines():
    found = find_deadline("Sponsorship of the Suffolk Future Skills Fair from 2024-2026")
    assert (found.text, found.year) == ("2024-2026", 2026)
    assert find_deadline("Reduce net council emissions to zero as close to 2030 as possible").year == 2030
    assert find_deadline("From April 2025 we will pay the Living Wage").recurring


def test_the_year_a_plan_ends_is_its_deadline_however_it_is_written():
    assert find_deadline("We will employ 50 apprentices by the year 2025.").year == 2025
    assert find_deadline("Reach 30% women in site roles by year-end 2026.").year == 2026
    found = find_deadline("Cut fleet emissions by 20% from 2023 to 2028.")
    assert (found.text, found.year) == ("from 2023 to 2028", 2028)
    assert find_deadline("Spend £2m with local firms from 2024 to 2027/28.").year == 2028
    # the years a report's figures are measured over are no deadline
    assert find_deadline("It reduced its emissions by 74% between 2019 and 2021.") is None
    assert find_deadline("Cut emissions by 20% from 2023 to 2028 and by 50% by 2035.").year == 2028


def test_the_year_a_contract_began_is_no_deadline():
    """Saying when the contract started dates nothing that is due (it read as a deadline long past)."""
    assert find_deadline("Donating £700,000 over their seven-year contract term which began in 2019.") is None
    assert find_deadline("The contract, which started in 2022, will deliver 40 jobs.") is None


def test_what_a_figure_counts_past_more_and_a_pair_of_adjectives_and_a_rank_is_no_figure():
    assert [(q.value, q.unit) for q in quantities("creating more than 4,000 direct, sustainable jobs")] == [
        (4000, "direct sustainable jobs")]
    assert [(q.value, q.unit) for q in quantities("deliver 1,000 more affordable homes by 2021")] == [
        (1000, "affordable homes")]
    assert [q.unit for q in quantities("We will create 20 apprentices, 5 graduates and 3 interns")] == [
        "apprentices", "graduates", "interns"]
    assert quantities("Become one of the UK's top 100 employers") == []  # a rank


def test_a_pledges_number_a_standards_number_and_a_count_of_parts_are_no_targets():
    assert quantities("Pledge 1: We will pay the Real Living Wage.") == []
    assert quantities("We will be assessed against the ISO 20400 Sustainable Procurement Standard by 2023.") == []
    assert quantities("Our plan has four key areas of activity.") == []
    assert [q.value for q in quantities("We will recruit 40 apprentices under Pledge 2.")] == [40]


def test_the_year_something_was_done_is_no_deadline():
    assert find_deadline("in 2022 we developed our target to reach net zero") is None
    assert find_deadline("In 2015, the Council made a commitment to social value") is None
    assert find_deadline("in 2025 we will open a hub").year == 2025
    assert find_deadline("we will plant 500 trees in 2026").year == 2026


def test_the_third_of_a_series_is_no_share():
    assert [(q.value, q.unit) for q in quantities("The third of the 25 annual payments, £5,137, will be due in 2017.")] \
        == [(25, "annual payments"), (5137, "£")]
    assert [(q.value, q.unit) for q in quantities("at least a third of its workers")] == [(33.3, "%")]


def test_at_least_one_and_how_often_in_a_word_are_counts():
    assert [(q.value, q.unit) for q in quantities("We will trial at least one innovative low-carbon material.")] \
        == [(1, "innovative low-carbon material")]
    assert [(q.value, q.unit) for q in quantities("serve a plant-based main at least twice a week")] == [(2, "times")]
    assert [(q.value, q.unit) for q in quantities("Once per term we will hold an open day.")] == [(1, "times")]
    assert quantities("Once the site opens we will hire locally.") == []  # "once" that says when
    assert quantities("It was twice the size.") == []
    assert [(q.value, q.unit) for q in quantities("We will employ one apprentice for every 50 workers.")][0] \
        == (1, "apprentice")  # a ratio's one is its target


def test_one_within_a_time_limit_and_hours_at_a_rate_are_amounts():
    from ingest.targets import main_quantity

    assert [(q.value, q.unit) for q in quantities("We will respond within one working day.")] == [(1, "working day")]
    assert quantities("one of our staff will help") == []
    target = main_quantity("Our staff will spend 2.5 hours a week on Welsh language training.")[0]
    assert target is not None and (target.value, target.unit) == (2.5, "hours")
    assert main_quantity("We will repair it within 24 hours.")[0] is None  # a time limit is no amount


def test_a_count_written_with_a_thousands_comma_is_no_year():
    assert [(q.value, q.unit) for q in quantities("more than 2,000 work experience placements")] == [
        (2000, "work experience placements")]
    assert [(q.value, q.unit) for q in quantities("2,032 apprentice starts")] == [(2032, "apprentice starts")]
    assert quantities("net zero by 2040, or earlier") == []


def test_an_ordinal_is_which_one_not_how_many():
    assert quantities("To mark the passing of the 50th new apprenticeship created") == []
    assert [(q.value, q.unit) for q in quantities("We will build our 100 homes")] == [(100, "homes")]


def test_halving_is_a_cut_by_half_and_profits_above_a_sum_are_a_threshold():
    assert [(q.value, q.unit) for q in quantities("We will halve the number of pollutions.")] == [(50, "%")]
    assert [(q.value, q.unit) for q in quantities("1% of its profits above £10 million will go to the fund")] == [
        (1, "%")]


def test_names_pages_and_baselines_are_no_figures_or_deadlines_and_late_2024_is_one():
    assert quantities("In September 2012 the Nine Elms Vauxhall Partnership unveiled the Charter") == []
    assert quantities("the carbon journey since the baseline - pages 14 & 15 - set net zero") == []
    assert find_deadline("a 50% reduction in emissions from the 2018-19 baseline") is None
    assert find_deadline("120 new homes will be ready in late 2024").year == 2024
    assert [(q.value, q.unit) for q in quantities("Two new schools will open")] == [(2, "new schools")]


def test_a_deadline_given_as_a_span_of_years_is_due_at_its_end():
    assert find_deadline("an 80% reduction by 2028 to 2032").year == 2032
    assert find_deadline("an 80% reduction by 2028-2032").year == 2032
    assert find_deadline("in 2023/24").year == 2024
