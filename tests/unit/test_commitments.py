"""extract(): the learnt kind decides which sentences become statements; rules fill the fields.

Changed with the learnt model (issue 13): the rule-based ``classify`` is gone (its cases live on as
model checks in test_kinds.py); a universal pledge ("every worker") has no quantity; table rows
of pledge tables are read; extract() returns an Extraction (statements and kind counts).
"""


from ingest.commitments import Context, Extraction, extract, reports_delivery, sentence_kinds, statements_of
from ingest.document import Block
from ingest.kinds import KINDS, read
from ingest.places import PlaceFinder


def test_a_sentence_with_two_pledges_gives_two_statements():
    blocks = [Block("We will create 20 apprenticeships by 2027 and spend £2m with local SMEs by 2028.")]
    found = extract(blocks).statements
    assert [(s.quantity, s.unit, s.deadline_year) for s in found] == [
        (20, "apprenticeships", 2027), (2_000_000, "£", 2028)]
    assert all(s.sentence == blocks[0].text for s in found)


def test_a_second_target_after_and_is_a_pledge_of_its_own_but_not_a_range_or_an_identifier():
    found = extract([Block("We have set targets to achieve 25% local employment and 10% local expenditure by 2027.")])
    assert [(s.quantity, s.unit) for s in found.statements] == [(25, "%"), (10, "%")]
    assert found.statements[1].text == "We have set targets to achieve 10% local expenditure by 2027."
    jobs = extract([Block("We will create 20 jobs and 5 apprenticeships in Testville by 2027.")]).statements
    assert [(s.quantity, s.unit) for s in jobs] == [(20, "jobs"), (5, "apprenticeships")]
    for one in ("We will cut Scope 1 and 2 emissions by 42% by 2030.",
                "Grants of between £2,000 and £5,000 will be available to community groups."):
        assert len(extract([Block(one)]).statements) == 1


def test_a_list_of_figures_sharing_one_verb_gives_one_pledge_each():
    before = extract([Block("We will deliver 20 apprenticeships, 15 local jobs and £2m of local spend in "
                            "Testville by 2027.")]).statements
    assert [(s.quantity, s.unit, s.deadline_year) for s in before] == [
        (20, "apprenticeships", 2027), (15, "local jobs", 2027), (2_000_000, "£", 2027)]
    assert before[1].text == "We will deliver 15 local jobs"
    after = extract([Block("Across the next four years, 200 apprenticeships, 1,750 training places and 9,700 "
                           "volunteer hours will be invested in local communities.")]).statements
    assert [(s.quantity, s.deadline) for s in after] == [
        (200, "Across the next four years"), (1750, "Across the next four years"), (9700, "Across the next four years")]
    assert after[0].text == "Across the next four years, 200 apprenticeships will be invested in local communities."


def test_a_dated_net_zero_and_a_figure_in_one_sentence_are_two_pledges():
    found = extract([Block("We're committed to achieving Net Zero emissions by 2050 and are aiming to reduce "
                           "emissions by 50% by 2030.")]).statements
    assert [(s.text, s.quantity, s.deadline_year) for s in found] == [
        ("We're committed to achieving Net Zero emissions by 2050", None, 2050),
        ("We are aiming to reduce emissions by 50% by 2030.", 50, 2030)]
    # the second pledge shares the first's "committed to": "... and to cutting ..."
    shared = extract([Block("We're committed to being carbon neutral by 2025 and to cutting our greenhouse gas "
                            "emissions by 90% by 2045.")]).statements
    assert [(s.text, s.quantity, s.deadline_year) for s in shared] == [
        ("We're committed to being carbon neutral by 2025", None, 2025),
        ("We're committed to cutting our greenhouse gas emissions by 90% by 2045.", 90, 2045)]


def test_fields_place_beneficiary_and_provenance():
    blocks = [Block("Jobs and Skills", page=4, heading=1),
              Block("We will create 20 apprenticeships for care leavers in Rotherham by March 2027.", page=4)]
    [s] = extract(blocks).statements
    assert (s.kind, s.quantity, s.unit, s.deadline, s.deadline_year) == (
        "commitment", 20, "apprenticeships", "March 2027", 2027)
    assert s.places == ("Rotherham",) and s.beneficiary == "care leavers"
    assert (s.page, s.section) == (4, "Jobs and Skills")
    text = "\n\n".join(b.text for b in blocks)
    assert text[s.char_start:s.char_end] == blocks[1].text
    [green] = extract([Block("We will create five green jobs for 16-25-year olds by 2027.")]).statements
    assert green.beneficiary == "16-25-year olds"


def test_places_fall_back_to_headings_then_the_documents_areas():
    blocks = [Block("Works report", heading=1), Block("Lichfield car park demolition", heading=2),
              Block("We will divert 97% of materials from landfill by 2026."),
              Block("We will plant 300 trees in Oakley Vale by 2027.")]
    found = extract(blocks, PlaceFinder(["Oakley Vale"])).statements
    assert [s.places for s in found] == [("Lichfield",), ("Oakley Vale",)]


def test_the_documents_title_is_not_a_section_place_it_is_the_areas():
    blocks = [Block("Lichfield Council: carbon plan", heading=1),
              Block("We will divert 97% of materials from landfill by 2026.")]
    assert extract(blocks).statements[0].places == ()
    assert extract(blocks, areas=["Lichfield"]).statements[0].places == ("Lichfield",)
    [s] = extract([Block("We will plant 300 trees by 2027.")], areas=("Millbrook",)).statements
    assert s.places == ("Millbrook",)


def test_universal_pledge_has_no_quantity():
    [s] = extract([Block("We will pay all staff on this contract at least the Real Living Wage.")]).statements
    assert (s.quantity, s.unit) == (None, None)


def test_rows_of_a_pledge_table_give_their_fields():
    table = Block("Commitment | Target | Deadline\n"
                  "Apprenticeships for local residents | 20 | March 2027\n"
                  "Spend with local SMEs | £2m | 2028", kind="table")
    rows = read([Block("We will deliver:"), table])[2:]
    found = [statements_of("commitment", row, Context(row.lead_in), PlaceFinder())[0] for row in rows]
    assert [(s.quantity, s.deadline_year, s.text) for s in found] == [
        (20, 2027, "Apprenticeships for local residents | 20 | March 2027"),
        (2_000_000, 2028, "Spend with local SMEs | £2m | 2028")]


def test_a_price_schedules_rows_are_no_promise():
    """"Work stream | Adjustment | Annual value" prices the work: its rows are neither commitments
    nor service standards, however much they speak of repairs."""
    prices = Block("Work stream | Adjustment | Annual value (est.)\n"
                   "Responsive repairs – urgent | -2.0% | £948,000\nVoid works – standard | -3.0% | £1,064,000",
                   kind="table")
    targets = Block("Measure | Target | Value\nApprenticeships | 20 | by 2027", kind="table")
    assert kinds_by_grammar([prices], read_as="service_standard") == ["other"] * 3
    assert kinds_by_grammar([targets], read_as="service_standard") == ["other", "service_standard"]


def test_a_delivery_tables_rows_are_claims_of_what_was_done_not_new_promises():
    """A report's "Commitment | Target | Delivered | Status" table restates each promise and says
    how it went: no row of it is a promise of the report's own, each is a claim of the figure in
    its done column (or, with none, of its status when that says it was achieved). A table that
    sets next year's targets beside this year's performance is a pledge table."""
    report = Block("Commitment | Target | Delivered in 2025/26 | Status\n"
                   "Spend with SMEs based in Testville | £2m by 31 March 2028 | £1.3m | On track\n"
                   "Volunteering hours in Testville | 500 each year | 540 | Achieved\n"
                   "Community garden opened | By June 2025 | - | Achieved\n"
                   "Homes fitted with sensors | 500 by 2026 | | Behind", kind="table")
    result = extract([Block("Delivery against our commitments", heading=1), report])
    assert result.counts["past_claim"] == 4
    assert [(s.kind, s.quantity, s.unit) for s in result.statements] == [
        ("achievement", 1_300_000, "£"), ("achievement", 540, "volunteering hours"), ("achievement", None, None)]
    targets = Block("Commitment | KPI | 2024 Performance | 2025 Target\n"
                    "Local spend | Spend with local SMEs | 41% | 45%", kind="table")
    [row] = read([targets])[1:]
    assert not reports_delivery(row)
    pledges = Block("Commitment | Target | Status\n"
                    "Apprenticeships for Testville residents | 20 by 2027 | New", kind="table")
    assert not any(reports_delivery(r) for r in read([pledges]))
    yearly = Block("Reporting period | Headcount | Target – 2.3% of workforce | Apprentice starts during period\n"
                   "2017/18 | 2198 | 51 | 22\n2022/23 | 2915 | No longer needed | 41", kind="table")
    assert [(s.kind, s.quantity) for s in extract([yearly]).statements] == [("achievement", 22), ("achievement", 41)]


def test_a_second_aim_joined_by_and_is_a_second_pledge():
    [waste, lives] = extract([Block("Our plan includes targeting a 60% reduction in construction waste by 2020 and "
                                    "a stated aim to enhance the life chances of 10,000 young people.")]).statements
    assert (waste.quantity, waste.unit, lives.quantity) == (60, "%", 10_000)
    assert lives.text == "a stated aim to enhance the life chances of 10,000 young people."


def test_a_clause_that_pledges_nothing_is_context_not_a_second_pledge():
    sentence = read([Block("Sixty-three local firms are now registered on our supplier portal, and we "
                           "aim to reach £2m of local spend by the end of 2027.")])[0]
    [s] = statements_of("commitment", sentence, Context(), PlaceFinder())
    assert (s.quantity, s.unit, s.deadline_year) == (2_000_000, "£", 2027)
    assert s.sentence.startswith("Sixty-three")  # cited whole


class _SaysOther:
    """A kind model that reads every sentence as `other`: what structure decides shows alone."""

    def predict(self, sentences):
        return ["other"] * len(sentences)


def test_a_pledge_tables_rows_are_commitments_with_the_rows_own_unit_and_date():
    table = Block("Commitment | Target | Deadline\n"
                  "Homes in Testville fitted with damp sensors | 500 | 31 March 2028\n"
                  "Meet the Buyer events in Testville | 2 | Each year\n"
                  "Background of the programme | see section 4 | -", kind="table")
    found = extract([Block("Social Value Delivery Plan", heading=1), table], model=_SaysOther()).statements
    assert [(s.kind, s.quantity, s.unit, s.deadline, s.deadline_year) for s in found] == [
        ("commitment", 500, "homes", "31 March 2028", 2028),  # the first cell names what is counted
        ("commitment", 2, "Meet the Buyer events", "Each year", None)]  # a name's small words do not end it


def test_counts_every_kind_and_keeps_aspirations_out():
    blocks = [Block("Our ambition is to be a zero-waste business."),
              Block("We will create 20 apprenticeships by 2026."),
              Block("Last year we created 45 jobs.")]
    result = extract(blocks)
    assert isinstance(result, Extraction) and set(result.counts) == set(KINDS)
    assert sum(result.counts.values()) == 3
    assert [s.kind for s in result.statements] == ["commitment", "achievement"]


class _ReadsAllAs:
    """A kind model that reads every sentence as one kind: what is left is the grammar's say."""

    def __init__(self, kind: str = "commitment") -> None:
        self.kind = kind

    def predict(self, sentences):
        return [self.kind] * len(sentences)


def kinds_by_grammar(blocks, read_as: str = "commitment") -> list[str]:
    """The kinds the grammar gives sentences the model read all as ``read_as``."""
    return [kind for _, kind in sentence_kinds(blocks, _ReadsAllAs(read_as))]


def test_the_grammar_overrules_a_commitment_that_looks_back_or_hedges():
    blocks = [Block("In the first year of the contract we:"),
              Block("- paid the Real Living Wage to all 214 workers on the contract."),
              Block("By 2027 we will:"), Block("- train 50 staff in Testville."),
              Block("By 2028 we will have:"), Block("- trained 80 more."),
              Block("Sixty firms are registered, and we expect to exceed the £2m target by 2027."),
              Block("We expect to create 40 jobs, and we will recruit 10 apprentices by 2027."),
              Block("It is estimated that the programme will cost £15,000,000."),
              Block("We project that carbon emissions will decrease over the next five years to 73 tCO2e by 2026."),
              Block("We will cut emissions to 73 tCO2e by 2026, as we project that demand will fall."),
              Block("The Government has set targets of reducing the UK’s emissions to net zero by 2050."),
              Block("We will meet the Government's target of net zero by 2050."),
              Block("Emergency repairs: 4 hours"), Block("Urgent repairs – up to 7 calendar days"),
              Block("Current performance: 26.6 working days"),
              Block("With initiatives already underway, we have total confidence we will achieve our goals.")]
    kinds = kinds_by_grammar(blocks)
    assert kinds == ["commitment", "past_claim", "commitment", "commitment", "commitment", "commitment",
                     "forecast", "commitment", "forecast", "forecast", "commitment", "policy", "commitment",
                     "service_standard", "service_standard", "past_claim", "forecast"]


def test_a_service_standard_that_adds_social_value_is_a_commitment():
    """The guide: the contracted service itself is a service standard unless it adds social value;
    "Gain Living Wage accreditation" adds it, a repair time does not."""
    blocks = [Block("We will:"), Block("- Gain Living Wage accreditation"),
              Block("Urgent repairs: complete within 3 working days."),
              Block("Complaints will be acknowledged within 2 working days.")]
    assert kinds_by_grammar(blocks, read_as="service_standard")[1:] == [
        "commitment", "service_standard", "service_standard"]


def test_what_there_will_be_with_no_figure_is_a_forecast():
    """The labelling guide's forecast: "There will be many kinds of jobs on site" says what will
    happen, with no one to do it and no figure; with a figure, or as an assurance, it is left to the model."""
    blocks = [Block("There will be many kinds of jobs on site during construction."),
              Block("There will be two application rounds for groups each year."),
              Block("There will be no compulsory redundancies on this contract.")]
    assert kinds_by_grammar(blocks) == ["forecast", "commitment", "commitment"]


def test_a_bracket_splits_no_pledge_and_a_second_verb_with_its_figure_does():
    """"(Scope 1 and Scope 2)" explains; "and cut ... by 11% by 2030" is a second target."""
    found = extract([Block("Barratt has pledged to reduce direct (Scope 1 and Scope 2) emissions by 29% by 2025 "
                           "and cut indirect (Scope 3) emissions by 11% by 2030.")]).statements
    assert [(s.text, s.quantity, s.deadline_year) for s in found] == [
        ("Barratt has pledged to reduce direct (Scope 1 and Scope 2) emissions by 29% by 2025", 29, 2025),
        ("Barratt has pledged to cut indirect (Scope 3) emissions by 11% by 2030.", 11, 2030)]


def test_numbered_names_listed_with_a_comma_and_and_split_no_pledge():
    found = extract([Block("We will reduce Scope 1, 2, and 3 emissions by 42% by 2030 and achieve a 90% reduction "
                           "by 2040.")]).statements
    assert [(s.quantity, s.deadline_year) for s in found] == [(42, 2030), (90, 2040)]
    assert found[0].text.startswith("We will reduce Scope 1, 2, and 3 emissions")


def test_a_listed_figure_with_a_long_bracket_is_still_one_of_the_list():
    found = extract([Block("Across the next four years, 200 apprenticeships, 1,750 training places (including "
                           "places on the Construction Skills Certificate Scheme), 850 work experience places and "
                           "9,700 volunteer hours will be invested in local communities.")]).statements
    assert [s.quantity for s in found] == [200, 1750, 850, 9700]


def test_a_table_opening_with_its_first_row_of_data_has_no_header_row():
    """Word tables of "label | value" have no header: the first row is a pledge like the rest."""
    table = Block("Commitment 1 | Achieve 35,000 hours of volunteering by 2026.\n"
                  "Commitment 2 | Plant 500 trees in Testville by 2027.", kind="table")
    assert [(s.quantity, s.deadline_year) for s in extract([table]).statements] == [(35_000, 2026), (500, 2027)]
    assert [s.table_header for s in read([table])] == ["", ""]
    headed = Block("Reporting period | Headcount | Target – 2.3% of workforce | Apprentice starts\n"
                   "2017/18 | 2198 | 51 | 22", kind="table")  # a header may define its target's figure
    assert read([headed])[1].table_header.startswith("Reporting period")


def test_a_clause_dated_by_the_clause_before_it_takes_its_deadline_and_says_to_once():
    """"... 49.7% by 2030 ..., and to reduce scope 3 emissions 46.2% within the same timeframe": 2030,
    not the net zero year the sentence opens with."""
    found = extract([Block("In order to reach net zero across our value chain by 2040, we have committed to reduce "
                           "scope 1 and 2 emissions 49.7% by 2030 from a 2019 base year, and to reduce scope 3 "
                           "emissions 46.2% within the same timeframe.")]).statements
    assert [(s.quantity, s.deadline_year) for s in found] == [(49.7, 2030), (46.2, 2030)]
    assert "committed to reduce scope 3" in found[1].text


def test_scope_1_and_scope_2_name_one_target_and_split_no_pledge():
    """A report of a cut done, then the target: "scope 1 and scope 2 ... 42% by 2030" is one clause,
    whose target is 42% by 2030, not the 38% reported for 2023/24."""
    found = extract([Block("We reported a 38% reduction in emissions for 2023/24 and are making progress towards "
                           "our target: to reduce scope 1 and scope 2 GHG emissions 42% by 2030 from a 2020 "
                           "baseline year.")]).statements
    assert [(s.quantity, s.deadline_year) for s in found] == [(42, 2030)]


def test_a_sentence_dated_by_the_one_before_it_takes_its_deadline():
    found = extract([Block("We will make the Council's activities net-zero carbon by 2030."),
                     Block("We will work with all partners towards making the entire area zero carbon within the "
                           "same timescale.")]).statements
    assert [s.deadline_year for s in found] == [2030, 2030]


def test_a_target_takes_the_date_nearest_it_when_none_follows_it():
    """"... by 2027 across all levels and by 2030, 40% of our management ...": the 40% is due by
    2030, the date beside it, not the first the sentence names."""
    found = extract([Block("We will match the UK population's ethnic diversity by 2027 across all levels and by "
                           "2030, 40% of our management roles will be held by women.")]).statements
    assert [(s.quantity, s.deadline_year) for s in found] == [(40, 2030)]


def test_an_item_opening_with_what_was_done_is_a_past_claim_and_what_will_not_be_possible_a_forecast():
    blocks = [Block("Secured a £30,000 grant for tree planting in Southall."),
              Block("Submitted a Levelling Up Fund bid totalling £7,231,500."),
              Block("Based in Leeds, we will employ 20 local people by 2027."),
              Block("A complete transition ahead of 2030 will remain financially and technologically unviable."),
              Block("Completed homes will be let at social rent by 2026.")]
    assert kinds_by_grammar(blocks) == ["past_claim", "past_claim", "commitment", "forecast", "commitment"]


def test_a_promise_made_is_a_commitment_its_deed_is_ahead():
    blocks = [Block("Mitie has pledged to support at least seven apprentices to start their careers at our hospital, "
                    "as well as create six posts for people not in employment."),
              Block("Acme has committed to date £2m to the fund."),
              Block("“We’ve pledged to keep these communities together by guaranteeing every tenant a new home."),
              Block("Multiplex has challenged itself to employ woman-led teams on 10% of its projects by 2025.")]
    assert kinds_by_grammar(blocks, read_as="past_claim") == ["commitment", "past_claim", "commitment", "commitment"]


def test_what_was_done_then_a_target_still_ahead_is_a_commitment_to_that_target():
    """The guide's "past + future in one sentence": the target ahead is the pledge, and its figure
    the target (5,000 homes, not the 459 built)."""
    blocks = [Block("In the past year we completed 459 homes and started work on a further 459, as part of a "
                    "longer-term pipeline of almost 5,000 homes by the end of 2027/28."),
              Block("The programme was piloted in Manchester and will now be rolled out across the UK, supporting "
                    "three further cohorts of people into work."),
              Block("Much of the impact to date has and will continue to be achieved through our 40 partners.")]
    assert kinds_by_grammar(blocks, read_as="past_claim") == ["commitment", "commitment", "past_claim"]
    found = extract(blocks[:1], model=_ReadsAllAs("past_claim")).statements
    assert [(s.quantity, s.deadline_year) for s in found] == [(5000, 2028)]


def test_what_was_done_stays_done_when_only_what_it_leads_to_will_follow():
    blocks = [Block("We have published our financial statements, in which we report a surplus of £106.1m that will "
                    "support the largest ever investment in our homes over the next decade."),
              Block("We have published our plan and we will build 500 homes by 2030.")]
    assert kinds_by_grammar(blocks) == ["past_claim", "commitment"]


def test_a_list_before_a_clause_of_its_own_keeps_every_figure_and_the_clause_its_subject():
    """"set to take on 65 graduate placements and 60 summer internships, and will welcome 130 new
    apprentices": three pledges; the 60 had been lost and the 65 given the apprentices' verb."""
    found = extract([Block("As part of its new jobs, Severn Trent is also set to take on 65 graduate placements and "
                           "60 summer internships, and will welcome 130 new apprentices this year.")]).statements
    assert [(s.quantity, s.unit) for s in found] == [(65, "graduate placements"), (60, "summer internships"),
                                                     (130, "new apprentices")]
    assert found[2].text == "Severn Trent will welcome 130 new apprentices this year."
    found = extract([Block("Wates Group will be recruiting 84 full-time roles and 42 apprentices and will provide over "
                           "1,000 training places and 252 work placements.")]).statements
    assert [s.quantity for s in found] == [84, 42, 1000, 252]  # the clause after the list splits its own figures


def test_a_clause_split_off_says_its_own_subject_never_an_earlier_one():
    """"25% of jobs will go to residents and the Meridian One will employ 45 apprentices and create
    145 local jobs": the 145 jobs are the Meridian One's (the register had quoted "25% of jobs will
    create 145 local jobs", which no document says); a clause opening on its modal gets its subject."""
    found = extract([Block("Twenty five percent of employment will go to Enfield residents and the Meridian One will "
                           "employ 45 apprentices and create 145 local jobs.")]).statements
    assert found[-1].text == "The Meridian One will create 145 local jobs."
    found = extract([Block("We will cut emissions by 50% by 2030, and will plant 300 trees by 2028.")]).statements
    assert [s.text for s in found] == ["We will cut emissions by 50% by 2030", "We will plant 300 trees by 2028."]


def test_a_second_clause_that_opens_on_its_object_keeps_the_shared_verb():
    """"we will ensure our homes are net zero by 2050, and our operations are net zero by 2045":
    the second pledge is "we will ensure our operations ...", never "we will our operations"."""
    found = extract([Block("Through our strategy, we will ensure our homes are net zero by 2050, and our operations "
                           "and supply chain are net zero by 2045 or earlier.")]).statements
    assert [s.text for s in found][-1] == ("Through our strategy, we will ensure our operations and supply chain "
                                           "are net zero by 2045 or earlier.")


def test_items_under_a_lead_in_that_says_they_were_done_are_the_past_but_agreed_spending_is_not():
    blocks = [Block("In 2015 the following expenditure was undertaken:"), Block("- Church repairs - £500"),
              Block("- Goalposts for the playing field - £1,128"),
              Block("In March 2016 the following expenditure was agreed:"), Block("- £2,000 for the village hall floor")]
    kinds = kinds_by_grammar(blocks)
    assert kinds == ["commitment", "past_claim", "past_claim", "commitment", "commitment"]


def test_what_was_done_then_a_target_still_ahead_is_a_commitment():
    blocks = [Block("We have spent over £31m with social enterprises since 2020 and are targeting £45m by 2025."),
              Block("We have promoted people at every level and have set a target to reach a 40:60 split of "
                    "women and men by 2030."),
              Block("We have spent over £31m with social enterprises since 2020 and are proud of it.")]
    assert kinds_by_grammar(blocks, "past_claim") == ["commitment", "commitment", "past_claim"]


def test_each_amount_of_a_package_is_a_pledge_with_its_own_words():
    """Every figure of a package gives its own row, written so it reads alone: none is lost to
    the first, and none takes another clause's verb."""
    def texts(sentence):
        return [(s.quantity, s.text) for s in extract([Block(sentence)], model=_ReadsAllAs()).statements]

    assert texts("Almost £13 million will be administered by the Community Foundation, £7.1 million is to "
                 "improve local skills and training and £4.6 million is for community safety measures.") == [
        (13_000_000, "Almost £13 million will be administered by the Community Foundation"),
        (7_100_000, "£7.1 million is to improve local skills and training"),
        (4_600_000, "£4.6 million is for community safety measures.")]
    assert texts("The investment consists of £8.5 million for housing, and nearly £16 million is earmarked "
                 "for road improvements.") == [
        (8_500_000, "The investment consists of £8.5 million for housing"),
        (16_000_000, "Nearly £16 million is earmarked for road improvements.")]
    assert texts("These will include hiring 90 per cent of the workforce from the local area as well as "
                 "creating 63 apprenticeships and 24 graduate placements.") == [
        (90, "These will include hiring 90 per cent of the workforce from the local area"),
        (63, "These will include creating 63 apprenticeships"),
        (24, "These will include creating 24 graduate placements.")]


def test_what_we_did_said_first_is_the_past_unless_a_target_is_still_ahead():
    blocks = [Block("By the end of 2017, we had enhanced the life-chances of 5,112 young people, making us 83% of "
                    "the way towards our 2020 target."),
              Block("We delivered 40 jobs for local people."),
              Block("We have agreed to deliver 50 apprenticeships."),
              Block("We have introduced a target for 2025 to ensure all residents live near a green space."),
              Block("We reported a 38% cut in 2023 and are making progress to our 42% cut by 2030.")]
    kinds = kinds_by_grammar(blocks)
    assert kinds == ["past_claim", "past_claim", "commitment", "commitment", "commitment"]


def test_what_a_plan_will_depend_on_is_no_deed():
    blocks = [Block("EMCOR UK’s path to net zero will be contingent on managing and reducing scope 3 emissions."),
              Block("With 2,000 suppliers, it will require time and resources to measure scope 3 emissions."),
              Block("We will measure the scope 3 emissions of 2,000 suppliers by 2026.")]
    kinds = kinds_by_grammar(blocks)
    assert kinds == ["forecast", "forecast", "commitment"]


def test_uk_after_a_brand_is_the_companys_name_not_a_place():
    finder = PlaceFinder()
    assert finder.places_for("EMCOR UK will cut its emissions by 2030.") == []
    assert finder.places_for("We will create jobs across the UK.") == ["UK"]
    assert finder.places_for("Schemes are handed over in line with agreed Homes England delivery targets.") == []
    assert finder.places_for("Historic England and NHS Wales will fund 20 posts.") == []
    for place in ("North East England", "rural England", "Great Britain", "In Wales", "Scotland"):
        assert finder.places_for(f"We will create 20 jobs. {place} will benefit.") != [], place


def test_what_a_law_or_a_contract_requires_is_policy():
    blocks = [Block("The Procurement Reform (Scotland) Act 2014 stipulates that community benefits must be "
                    "considered for all procurements greater than £4 million."),
              Block("The new contract stipulates that the council will pay for and own the new vehicles."),
              Block("The contract will create 40 jobs by 2027.")]
    kinds = kinds_by_grammar(blocks)
    assert kinds == ["policy", "policy", "commitment"]


def test_a_job_titles_place_is_where_its_holder_works():
    finder = PlaceFinder()
    assert finder.places_for("Frank Mondino, Keepmoat's area director for the North West, said we will recruit.") == []
    assert finder.places_for("We will create 50 jobs for the North West.") == ["North West"]


def test_others_commitment_a_wish_a_potential_saving_and_a_signpost_are_no_promise():
    blocks = [Block("That is alongside 93% of all Council suppliers committed to paying the Living Wage."),
              Block("I'm keen to build on this even further to keep spend local."),
              Block("The contract will result in potential cost savings for the Council of £1.75m per year."),
              Block("We will achieve this objective through four key areas of activity."),
              Block("The fund will prioritise funding in the following areas:"),
              Block("We will create 40 jobs by 2027.")]
    kinds = kinds_by_grammar(blocks)
    assert kinds == ["past_claim", "aspiration", "forecast", "other", "commitment", "commitment"]


def test_a_named_aim_with_a_figure_or_an_aim_under_way_with_a_date_is_a_commitment():
    """The guide's "aims with a measurable end": said of a named supplier ("OCS aims to recruit over
    60"), or as under way ("is looking to take on more than 90 ... before the end of 2026")."""
    aims = [Block("In preparation for the stadium's opening, OCS aims to recruit over 60 cleaning colleagues."),
            Block("It aims to assist as many customers as possible.")]
    assert kinds_by_grammar(aims, read_as="aspiration") == ["commitment", "aspiration"]
    aiming = [Block("Southern Water is looking to take on more than 90 graduates before the end of 2026."),
              Block("Southern Water is looking to take on more graduates.")]
    assert kinds_by_grammar(aiming, read_as="past_claim") == ["commitment", "past_claim"]


def test_others_aims_told_for_comparison_are_no_promise():
    blocks = [Block("Most local authorities are aiming for 50-60% local spend but tend to be less focused on it."),
              Block("The council is aiming for 60% local spend by 2027.")]
    assert kinds_by_grammar(blocks) == ["other", "commitment"]


def test_a_target_set_in_the_present_tense_is_a_commitment():
    blocks = [Block("Kier targets a minimum of 55% of work packages to be spent with local SMEs."),
              Block("Kier targets growth in its markets.")]
    assert kinds_by_grammar(blocks, read_as="past_claim") == ["commitment", "past_claim"]


def test_a_result_told_against_its_target_is_a_past_claim():
    blocks = [Block("In addition, financial efficiencies of £887,273 were achieved against a target of £654,000."),
              Block("We will achieve efficiencies of £654,000 against a baseline of 2024.")]
    assert kinds_by_grammar(blocks) == ["past_claim", "commitment"]


def test_a_committee_papers_purpose_is_no_promise():
    blocks = [Block("To up-date Members with information on the community benefits to be delivered by the scheme."),
              Block("To create 20 apprenticeships for local residents by 2027.")]
    assert kinds_by_grammar(blocks) == ["other", "commitment"]


def test_the_contracts_own_term_or_value_is_no_promise():
    blocks = [Block("The contract will run for five years, with the option of a five-year extension."),
              Block("It will be worth about £4.6m per year."),
              Block("The contract will create 20 apprenticeships for local residents by 2027.")]
    assert kinds_by_grammar(blocks) == ["other", "other", "commitment"]


def test_a_sentence_about_the_pledges_is_none_of_them():
    blocks = [Block("This long-term commitment is aligned with the SBTi's net-zero standard."),
              Block("All targets will be measured against a 2019 baseline."),
              Block("Our commitment is to employ 20 local apprentices by 2027."),
              Block("Our commitment is to become a Living Wage employer.")]
    assert kinds_by_grammar(blocks) == ["other", "other", "commitment", "commitment"]


def test_items_of_what_we_hope_to_do_are_hoped_for():
    blocks = [Block("In the future we hope to implement further measures such as:"),
              Block("• Transition to a fully hybrid / EV fleet"), Block("• We will install solar panels by 2027"),
              Block("We will:"), Block("• Reduce commuting emissions")]
    assert kinds_by_grammar(blocks)[1:] == ["aspiration", "commitment", "commitment", "commitment"]


def test_lines_a_counted_lead_in_owes_are_its_items_though_they_lost_their_bullets():
    blocks = [Block("Our £1.2bn commitment will be split across the following four segments:"),
              Block("Triple Carbon Pledge £0.20 bn"), Block("Restoring the natural habitat £0.70 bn"),
              Block("Managing water scarcity £0.25 bn"), Block("Our role in Society £0.05 bn"),
              Block("The chief executive said the plan was ambitious.")]
    sentences = read(blocks)
    assert [s.bullet for s in sentences] == [False, True, True, True, True, False]
    assert all(s.lead_in.endswith("four segments:") for s in sentences[1:5]) and not sentences[5].lead_in


def test_a_second_target_said_by_a_verb_of_its_own_keeps_its_verb():
    found = extract([Block("Severn Trent said it will reduce leakage by 15% by 2025 and halve it by 2045.")]).statements
    assert [(s.quantity, s.deadline_year) for s in found] == [(15, 2025), (50, 2045)]
    assert found[1].text == "Severn Trent said it will halve it by 2045."


def test_an_aim_with_a_measurable_end_is_a_commitment():
    blocks = [Block("We aim to ensure at least 20% of our workforce are from Barnet, Brent and Camden."),
              Block("We aim to be the best employer in the region.")]
    assert kinds_by_grammar(blocks, read_as="aspiration") == ["commitment", "aspiration"]


def test_an_action_plans_row_read_as_words_is_a_commitment():
    """A table of actions and due dates, flattened to lines: an imperative first, its date last."""
    blocks = [Block("Action plan"),
              Block("Install a minimum of 40 EV charging points for staff and visitors 2026"),
              Block("Move the council's pool cars to electric vehicles Ongoing"),
              Block("Create a plan to fit solar panels on every depot 2025/26"),
              Block("- Install 40 EV charging points 2026"),  # an item: the model's to read
              Block("Installed 40 EV charging points in 2024"),  # done, not to do
              Block("Install 40 EV charging points by 2026.")]  # a sentence: the model's to read
    assert kinds_by_grammar(blocks, read_as="other") == ["other", "commitment", "commitment", "commitment",
                                                          "other", "other", "other"]
    due = {s.sentence[:12]: (s.deadline, s.deadline_year)
           for s in extract(blocks[:4], model=_ReadsAllAs("other")).statements}
    assert due["Install a mi"] == ("2026", 2026) and due["Create a pla"] == ("2025/26", 2026)  # due as it ends
    assert due["Move the cou"] == ("Ongoing", None)  # runs on: no year to be due by


def test_running_the_contracted_service_itself_is_a_service_standard_not_social_value():
    blocks = [Block("We will deliver the Council's planned programme of kitchen and bathroom replacements."),
              Block("We will deliver the Council's social value programme, with 20 apprenticeships by 2027."),
              Block("We expect 38 operatives to transfer to Acme under TUPE from the outgoing contractor. "
                    "They will keep their terms and conditions and the same training as our workforce."),
              Block("Staff will transfer to the new operator on their existing terms and conditions."),
              Block("We will recruit 10 local apprentices on the planned programme by 2027.")]
    assert kinds_by_grammar(blocks) == ["service_standard", "commitment", "service_standard", "service_standard",
                                        "service_standard", "commitment"]


def test_an_intention_stated_by_its_subject_is_a_commitment_but_not_one_asked_about_or_past():
    blocks = [Block("Siemens Mobility intends to assemble all future UK rolling stock orders in Goole."),
              Block("It also plans to recruit more staff locally."),
              Block("We planted 2,950 trees in 2020/21 and intend to increase our planting across our sites."),
              Block("The policy outlines how the Council intends to secure social value."),
              Block("This statement sets out the further action we plan to take in the coming year."),
              Block("Ubico planned to purchase a larger number of electric vehicles.")]
    assert kinds_by_grammar(blocks, read_as="other") == ["commitment"] * 3 + ["other"] * 3


def test_the_services_own_round_is_a_service_standard_unless_it_adds_social_value():
    blocks = [Block("We will deliver more than 40,000 repairs each year to tenants and leaseholders."),
              Block("On average 17,000 school meals will be served every day."),
              Block("Garden waste will continue to be collected fortnightly."),
              Block("This promise will be reviewed every year and updated when needed."),
              Block("We will serve 200 free meals each week to local families through our community café.")]
    assert kinds_by_grammar(blocks) == ["service_standard"] * 4 + ["commitment"]


def test_targets_just_set_are_a_commitment_when_it_says_what_they_are():
    blocks = [Block("Compass has also set new targets to improve diversity across the company."),
              Block("We've now extended our target to £36m by the end of 2025."),
              Block("Acme has launched its Social Value Plan, which aims to improve the lives of one million "
                    "people by the end of the decade."),
              Block("We've set ambitious targets and are implementing measures to decarbonise."),
              Block("Acme has launched its new strategy, which aims to provide a comprehensive framework."),
              Block("Acme has set out its clear ambitions to continue to report on its impact.")]
    assert kinds_by_grammar(blocks, read_as="past_claim") == ["commitment"] * 3 + ["past_claim"] * 3


def test_who_will_run_a_thing_or_the_buyers_choice_of_who_is_no_commitment():
    blocks = [Block("The community fund will be managed by the charity Grantscape."),
              Block("The three leisure centres will come under new management from 1 April 2015."),
              Block("Gloucester City Council will appoint Gloucestershire company Ubico to collect waste."),
              Block("The community fund will be managed by the Community Foundation, and will be split over the "
                    "three years."),
              Block("We will appoint 12 local apprentices by 2027.")]
    assert kinds_by_grammar(blocks) == ["other"] * 3 + ["commitment"] * 2


def test_plans_made_known_are_a_commitment_but_not_a_plan_launched():
    blocks = [Block("The Group also announced plans to increase the number of affordable homes in Sunderland."),
              Block("WCM has detailed plans to create a public open green space beside the mine."),
              Block("Heathrow announced (28-Nov-2018) plans to introduce a living wage roadmap."),
              Block("In 2023 we launched our corporate plan to provide good quality affordable homes."),
              Block("Exciting new plans to kick-start recovery in Sunderland have been submitted.")]
    assert kinds_by_grammar(blocks, read_as="past_claim") == ["commitment"] * 3 + ["past_claim"] * 2


def test_what_was_done_then_an_intention_pledges_the_intention_alone():
    """The figure and year of what was done are not the pledge's target and deadline."""
    [trees] = extract([Block("We planted 2,950 trees in 2020/21 and intend to increase our planting across "
                             "our sites.")], model=_ReadsAllAs("commitment")).statements
    assert trees.text == "We intend to increase our planting across our sites."
    assert (trees.quantity, trees.deadline) == (None, None)
    [points] = extract([Block("We've installed 42 charging points at County Hall, and plan to install more across "
                              "our estate.")], model=_ReadsAllAs("commitment")).statements
    assert points.text == "We plan to install more across our estate." and points.quantity is None
    [cut] = extract([Block("Mitie has cut emissions by 20% and plans to cut them by 50% by 2030.")],
                    model=_ReadsAllAs("commitment")).statements
    assert (cut.text, cut.quantity, cut.deadline_year) == ("Mitie plans to cut them by 50% by 2030.", 50, 2030)


def test_an_item_of_what_was_done_stays_done_when_only_those_it_helped_will_go_on():
    blocks = [Block("• Supported growth of the business by recruiting trainees, who will go on to become managers."),
              Block("• Recruited 12 trainees and will recruit 20 more by 2027.")]
    assert kinds_by_grammar(blocks) == ["past_claim", "commitment"]
