from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from assistant.register.delivery import DeliveryMatcher, due_date
from assistant.register.units import units_agree
from ingest.records import StatementRecord


def statement(text, quantity=None, unit=None, *, kind="commitment", deadline=None, year=None,
              recurring=False, places=(), beneficiary=None, doc="tender", supplier="Acme"):
    return StatementRecord(
        statement_id=f"{doc}:{abs(hash(text))}", doc_id=doc, kind=kind, text=text, sentence=text,
        quantity=quantity, unit=unit, deadline=deadline, deadline_year=year, recurring=recurring,
        places=list(places), beneficiary=beneficiary, page=1, section="", source=f"{doc}.pdf",
        title="", supplier=supplier, areas=[], doc_type="social_value_report" if kind == "achievement" else "tender_response",
        audience="public")


def judge(commitment, claims, similarities, as_of=date(2026, 6, 30), tenders=None):
    """Judge one commitment against claims whose cosine similarities to it are given."""
    claim_vectors = np.eye(len(claims), dtype=np.float32).reshape(len(claims), len(claims))
    commitment_vector = np.array([similarities], dtype=np.float32).reshape(1, len(claims))
    return DeliveryMatcher(as_of).judge([commitment], commitment_vector, claims, claim_vectors, tenders)[0]


PROMISE = statement("We will create 20 apprenticeships in Harrowden by March 2027.", 20, "apprenticeships",
                    deadline="March 2027", year=2027, places=("Harrowden",))


def claim(text, quantity=None, unit=None, **kw):
    return statement(text, quantity, unit, kind="achievement", doc="report", **kw)


def test_delivered_when_the_claim_meets_the_target():
    j = judge(PROMISE, [claim("We created 22 apprenticeships in Harrowden.", 22, "apprenticeships",
                              places=("Harrowden",))], [0.8])
    assert (j.status, j.progress, j.conflict) == ("delivered", 110.0, False)
    assert j.evidence[0].quote.startswith("We created 22") and j.evidence[0].source == "report.pdf"


def test_a_report_on_the_current_contract_does_not_deliver_a_bid_for_a_new_one():
    """A bid answers tender HBC-31; the report covers the contract already running (no tender):
    its figure is context for the bid's promise, never evidence of it."""
    bid = statement("We will create 20 apprenticeships in Harrowden by March 2027.", 20, "apprenticeships",
                    deadline="March 2027", year=2027, places=("Harrowden",), doc="bid")
    report = [claim("We created 22 apprenticeships in Harrowden.", 22, "apprenticeships", places=("Harrowden",))]
    j = judge(bid, report, [0.8], tenders={"bid": "HBC-31"})
    assert j.status == "promised" and [e.role for e in j.evidence] == ["context"]
    same = judge(bid, report, [0.8], tenders={"bid": "HBC-31", "report": "HBC-31"})
    assert (same.status, same.progress) == ("delivered", 110.0)


def test_a_delivery_table_row_is_evidence_only_for_the_target_it_reports_against():
    survey = statement("Sheltered homes given a damp and mould survey | 1,150 | 31 December 2025", 1150, "homes",
                       deadline="31 December 2025", year=2025)
    sensors = claim("Homes with damp and mould sensors | 500 by September 2026 | 180 | Behind", 180, "homes")
    surveyed = claim("Sheltered homes given a damp and mould survey | 1,150 by 31 December 2025 | 1,150 | "
                     "Achieved", 1150, "homes")
    j = judge(survey, [sensors, surveyed], [0.85, 0.8])
    assert (j.status, [e.quantity for e in j.evidence]) == ("delivered", [1150])
    fitted = statement("We will fit damp and mould sensors in 500 homes by September 2026.", 500, "homes", year=2026)
    assert (judge(fitted, [sensors], [0.8]).status, judge(fitted, [sensors], [0.8]).progress) == ("partly", 36.0)


def test_partly_with_the_percentage():
    j = judge(PROMISE, [claim("We created 12 apprenticeships.", 12, "apprenticeships")], [0.8])
    assert (j.status, j.progress) == ("partly", 60.0)


def test_part_of_a_promise_past_its_date_is_late_and_one_still_ahead_is_not():
    sensors = statement("We will fit damp and mould sensors in 500 homes by September 2026.", 500, "homes",
                        deadline="September 2026", year=2026)
    done = [claim("We fitted damp and mould sensors in 180 homes.", 180, "homes")]
    late = judge(sensors, done, [0.8], as_of=date(2026, 12, 1))
    early = judge(sensors, done, [0.8], as_of=date(2026, 6, 30))
    assert (late.status, late.late) == ("partly", True) and (early.status, early.late) == ("partly", False)
    assert judge(statement("We will plant trees.", year=None), done, [0.1]).late is None


def test_a_wage_is_no_part_of_a_sum_promised():
    total = statement("In addition to the increase to the wages of employees, Acme committed to a further "
                      "£1,181,695 of social value.", 1_181_695, "£")
    for said in ("The wages of employees on the contract are £9.30 an hour.",
                 "This resulted in the real Living Wage (£9.30) being paid to all low wage employees."):
        assert judge(total, [claim(said, 9.3, "£")], [0.8]).evidence == (), said
    paid = statement("We will pay all staff at least £12 an hour by 2026.", 12, "£", year=2026)
    assert judge(paid, [claim("All staff are paid £12.60 an hour.", 12.6, "£")], [0.8]).status == "delivered"


def test_quantities_in_words_and_numbers_compare_alike():
    money = statement("We will spend £2m with local SMEs by 2028.", 2_000_000, "£", year=2028)
    j = judge(money, [claim("We spent £1.3m with local SMEs.", 1_300_000, "£")], [0.8])
    assert (j.status, j.progress) == ("partly", 65.0)


def test_conflicting_figures_are_both_kept_for_review():
    j = judge(PROMISE, [claim("We created 22 apprenticeships.", 22, "apprenticeships"),
                        claim("Apprenticeships created: 18.", 18, "apprenticeships")], [0.8, 0.75])
    assert j.status == "needs_review" and j.conflict and {e.quantity for e in j.evidence} == {22, 18}


@pytest.mark.parametrize("promise, evidence, why", [
    (statement("Every employee will have two paid volunteering days a year.", 2, "paid volunteering days",
               deadline="a year", recurring=True),
     claim("Our staff gave 1,100 volunteering hours.", 1100, "volunteering hours"), "days are not hours"),
    (statement("We will install 20 charging points at the hub by 2027.", 20, "charging points", year=2027),
     claim("27 of our 42 vans are now electric.", 27, "vans"), "vans are not charging points"),
    (statement("We will recruit 15 long-term unemployed residents by 2027.", 15, "long-term unemployed residents",
               year=2027, beneficiary="long-term unemployed residents"),
     claim("We created 22 apprenticeships.", 22, "apprenticeships"), "apprentices are not the long-term unemployed"),
    (statement("We will provide 500 volunteering hours in Millbrook by 2027.", 500, "volunteering hours", year=2027),
     claim("Across the wider group, our Leeds and Bradford contracts generated a further 1,100 volunteering hours.",
           1100, "volunteering hours"), "other contracts are context"),
    (statement("We will convert all 42 vans to electric by 2027.", 42, "vans", year=2027),
     claim("The remaining 15 vans are due for replacement in 2027.", 15, "vans"), "a remainder is not delivery"),
])
def test_evidence_must_measure_the_same_thing(promise, evidence, why):
    j = judge(promise, [evidence], [0.9])
    assert j.status != "delivered" and j.status != "partly", why
    assert all(e.role == "context" for e in j.evidence), why


def test_a_figure_three_times_the_target_is_a_likely_mismatch_for_review():
    j = judge(PROMISE, [claim("We created 70 apprenticeships.", 70, "apprenticeships")], [0.8])
    assert (j.status, j.progress) == ("needs_review", 350.0)


def test_no_deadline_and_no_evidence_is_no_evidence():
    vague = statement("We will support local schools.", None, None)
    assert judge(vague, [], []).status == "no_evidence"


@pytest.mark.parametrize("evidence, why", [
    (claim("We created 22 apprenticeships in Leeds.", 22, "apprenticeships", places=("Leeds",)), "place"),
    (claim("We created 22 apprenticeships.", 22, "apprenticeships", supplier="Bolt"), "supplier"),
    (claim("We spent £22 on pens.", 22, "£"), "unit"),
])
def test_claims_that_do_not_fit_are_not_evidence(evidence, why):
    assert judge(PROMISE, [evidence], [0.62]).status == "promised", why  # not yet due: promised, reports or not


def test_a_ceiling_is_met_by_a_lower_figure():
    ceiling = statement("We will keep our accident rate below 0.10 every year.", 0.1, None, recurring=True)
    assert judge(ceiling, [claim("Our accident rate was 0.07.", 0.07, None)], [0.8]).status == "delivered"


@pytest.mark.parametrize("as_of, claims, status", [
    (date(2027, 3, 31), [], "promised"),      # due today, nothing reported
    (date(2027, 4, 1), [], "overdue"),        # the day after the deadline
    (date(2026, 6, 30), [claim("We planted 40 trees.", 40, "trees")], "promised"),  # reported, not on this
])
def test_status_without_evidence_at_boundary_dates(as_of, claims, status):
    assert judge(PROMISE, claims, [0.2] * len(claims), as_of=as_of).status == status


def test_recurring_commitments_are_never_overdue():
    yearly = statement("500 hours of volunteering each year.", 500, "hours", deadline="each year", recurring=True)
    assert judge(yearly, [], [], as_of=date(2030, 1, 1)).status == "no_evidence"


@pytest.mark.parametrize("deadline, year, expected", [
    ("March 2027", 2027, date(2027, 3, 31)), ("31 March 2028", 2028, date(2028, 3, 31)),
    ("the end of 2025", 2025, date(2025, 12, 31)), ("2025", 2025, date(2025, 12, 31)),
    ("September 2026", 2026, date(2026, 9, 30)), (None, None, None),
])
def test_due_dates(deadline, year, expected):
    assert due_date(deadline, year) == expected


def test_units_agree():
    assert units_agree("apprenticeships", "new apprenticeships") is True
    assert units_agree("£", "%") is False and units_agree(None, "£") is None
    # the same family, but whom or which kind: disabled residents are not school leavers, while
    # "new" or a participle after the noun says nothing of which
    assert units_agree("disabled Saxton Moor residents", "Saxton Moor school leavers") is False
    assert units_agree("construction jobs", "customer service jobs") is False
    assert units_agree("new customer service jobs", "jobs") is True
    assert units_agree("homes retrofitted", "council homes") is True


def test_the_same_unit_word_agrees_even_when_it_is_a_name():
    """A unit no family knows agrees with the same words ("Meet", as a table cell may give it)."""
    events = statement("We will hold 2 Meet the Buyer events in Harrowden each year.", 2, "Meet",
                       deadline="each year", recurring=True)
    j = judge(events, [claim("We held two Meet the Buyer events in Harrowden.", 2, "Meet")], [0.8])
    assert (j.status, j.progress) == ("delivered", 100.0)
    assert units_agree("Meet", "apprenticeships") is False


def test_a_part_done_of_another_count_reads_on_for_the_promised_unit():
    """"27 of our 42 vans ..., and 20 charging points were installed": the vans promise reads
    27 of 42; the charging points promise reads its own 20, never the vans."""
    sentence = ("So far 27 of our 42 vans have been converted to electric, and 20 charging points "
                "were installed at the hub.")
    report = [claim(sentence, 27, None)]
    vans = statement("We will convert all 42 vans to electric by December 2027.", 42, "vans", year=2027)
    points = statement("We will install 20 charging points at the hub.", 20, "charging points", year=2027)
    assert (judge(vans, report, [0.8]).status, judge(vans, report, [0.8]).progress) == ("partly", 64.3)
    assert (judge(points, report, [0.8]).status, judge(points, report, [0.8]).progress) == ("delivered", 100.0)


def test_a_service_standards_time_limit_measures_it_a_commitment_needs_a_target():
    from assistant.register.flags import measurable

    assert measurable(statement("Emergency repairs: attend within 4 hours, day or night.", kind="service_standard"))
    assert measurable(statement("We will inspect every empty home within 2 working days.", kind="service_standard"))
    assert measurable(statement("Emergency Repairs | 2 hours", kind="service_standard"))
    assert measurable(statement("We will answer your call in 30 seconds.", kind="service_standard"))
    assert not measurable(statement("We will keep residents informed.", kind="service_standard"))
    assert not measurable(statement("We will respond to community requests within 4 weeks."))  # no target
    assert measurable(statement("We will plant 300 trees.", 300, "trees"))
    # a dated zero is a target: nought, said in words
    assert measurable(statement("We are committed to Net Zero emissions by 2040.", year=2040))
    assert not measurable(statement("We are committed to reaching net zero."))  # no date to measure by
    assert measurable(statement("We are eliminating all SF6 from our network by 2050.", year=2050))
    assert measurable(statement("We will phase out diesel vans by 2030.", year=2030))
    assert not measurable(statement("We will phase out single-use plastics."))
    # the whole of something, or one act, by a date: done or not by then
    assert measurable(statement("Make all of our vehicle fleet ultra-low emission by 2025.", year=2025))
    assert measurable(statement("We will launch the community skills hub by June 2026.", year=2026))
    assert not measurable(statement("We will launch a programme of community activities."))  # by when?
    assert not measurable(statement("We will improve community engagement by 2026.", year=2026))
    assert measurable(statement("Implement our sustainable travel plans in full by August 2025.", year=2025))
    # a named standard is met or not
    assert measurable(statement("Serco has pledged to pay the Real Living Wage to all staff on the contract."))
    assert measurable(statement("We will achieve ISO 14001 certification."))


def test_a_count_of_things_a_promise_without_a_figure_never_mentions_is_no_evidence():
    taster = statement("We will work with Harrowden College to run taster days for girls in Years 9 and 10.")
    placements = claim("We provided 41 work placements for students at Harrowden College.", 41, "work placements")
    assert judge(taster, [placements], [0.8]).evidence == ()
    talks = statement("Our supervisors will give careers talks in every secondary school in the borough.")
    given = claim("Our supervisors gave 24 careers talks in local schools.", 24, "careers talks")
    assert judge(talks, [given], [0.8]).status == "delivered"  # it counts what was promised
    volunteer = statement("Our staff will volunteer with community groups in the borough.")
    hours = claim("Our staff gave 540 hours of volunteering.", 540, "hours of volunteering")
    assert judge(volunteer, [hours], [0.8]).status == "delivered"  # hours count anything


def test_work_done_at_another_named_site_needs_review():
    """20 charging points installed at the Millbrook hub are not the 20 promised at Kestrel Lane:
    the quote is shown, and the promise waits for a person, not marked delivered."""
    points = statement("We will install 20 charging points at the Kestrel Lane hub.", 20, "charging points")
    elsewhere = claim("20 charging points were installed at our Millbrook hub in September 2025.", 20,
                      "charging points")
    j = judge(points, [elsewhere], [0.8])
    assert j.status == "needs_review" and j.progress is None
    assert [(e.quote, e.role) for e in j.evidence] == [(elsewhere.sentence, "elsewhere")]
    same = claim("20 charging points were installed at the Kestrel Lane hub.", 20, "charging points")
    assert judge(points, [same], [0.8]).status == "delivered"
    unnamed = claim("We installed 20 charging points.", 20, "charging points")
    assert judge(points, [unnamed], [0.8]).status == "delivered"


def test_a_site_the_promises_document_places_in_the_named_town_is_the_same_site():
    """The bid gives the hub's address ("Kestrel Lane Trading Estate, Millbrook"): the report's
    "our Millbrook hub" is the hub promised, not another site."""
    points = statement("We will install 20 charging points at the Kestrel Lane hub.", 20, "charging points")
    done = [claim("20 charging points were installed at our Millbrook hub in September 2025.", 20, "charging points")]
    bid = ("Our head office and main repairs hub are at Unit 4, Kestrel Lane Trading Estate, Millbrook. "
           "We also run a depot in Leeds.")
    matcher = DeliveryMatcher(date(2026, 6, 30))
    j = matcher.judge([points], np.array([[0.8]], np.float32), done, np.eye(1, dtype=np.float32),
                      text_of=lambda doc_id: bid if doc_id == points.doc_id else "")[0]
    assert j.status == "delivered"
    apart = "Our hub is on Kestrel Lane. Our other sites include a Millbrook office."
    j = matcher.judge([points], np.array([[0.8]], np.float32), done, np.eye(1, dtype=np.float32),
                      text_of=lambda doc_id: apart)[0]
    assert j.status == "needs_review"


def test_a_claim_without_a_figure_must_share_the_promise_topic():
    """Alike in tone is not about the same thing: checked figures are no published report."""
    publish = statement("We will publish an annual Social Value Report each June.")
    checked = claim("Figures have been checked by our Social Value Coordinator and shared with the Council.")
    assert judge(publish, [checked], [0.75]).status == "no_evidence"
    published = claim("We published our first Social Value Report in June 2026.")
    assert judge(publish, [published], [0.75]).status == "delivered"


def test_work_under_way_towards_a_target_is_not_its_delivery():
    """"Ahead of the trajectory to meet our waste targets" says the target is not met yet, and a
    figure for carbon says nothing of a promise about waste that gives no figure."""
    waste = statement("We commit to eliminating all avoidable construction waste by 2030.", deadline="2030",
                      year=2030)
    ahead = claim("We also remained ahead of the trajectory to meet our 2020 waste and community targets.")
    inspired = claim("Our target to reduce waste has inspired our teams to think outside of the box.")
    carbon = claim("In 2018 we exceeded our 2020 carbon emissions target (50% reduction against a 2010 baseline).",
                   50, "%")
    j = judge(waste, [ahead, inspired, carbon], [0.75, 0.7, 0.7])
    assert j.status == "promised" and {e.role for e in j.evidence} == {"context"}
    assert carbon.sentence not in [e.quote for e in j.evidence]
    done = claim("We achieved zero avoidable construction waste across all sites in 2025.")
    assert judge(waste, [ahead, done], [0.75, 0.7]).status == "delivered"
    centre = statement("We will contribute to a new community centre in Harrowden.")
    given = claim("We contributed towards the new community centre in Harrowden.")
    assert judge(centre, [given], [0.8]).status == "delivered"  # a deed done towards a thing, not a target


def test_of_several_figures_the_one_since_the_promises_baseline_measures_it_never_the_restated_target():
    carbon = statement("We will cut carbon emissions by 50% against a 2010 baseline by 2020.", 50, "%",
                       deadline="2020", year=2020)
    report = claim("Emissions fell by 23% between 2016 and 2017, and by 58% since 2010, smashing our 2020 "
                   "target of a 50% reduction.", 50, "%")
    j = judge(carbon, [report], [0.8], as_of=date(2021, 6, 30))
    assert (j.status, j.progress, j.evidence[0].quantity) == ("delivered", 116.0, 58)
    restating = claim("We cut emissions by 40%, towards our target of a 50% reduction.", 50, "%")
    assert judge(carbon, [restating], [0.8], as_of=date(2021, 6, 30)).progress == 80.0
    waste = statement("We will reduce construction waste intensity by 60% by 2020 (compared with 2012).", 60, "%",
                      deadline="2020", year=2020)
    both = claim("We reduced absolute construction waste by 54% and construction waste intensity by 63% since "
                 "2012.", 54, "%")
    assert judge(waste, [both], [0.8], as_of=date(2022, 6, 30)).progress == 105.0


def test_a_target_restated_in_a_report_is_not_its_delivery():
    homes = statement("We will build 1,000 affordable homes by March 2024.", 1000, "affordable homes",
                      deadline="March 2024", year=2024)
    strategy = claim("In 2019 we adopted a five-year strategy with a goal to build a minimum of 1,000 affordable "
                     "homes by March 2024.", 1000, "affordable homes")
    j = judge(homes, [strategy], [0.9])
    assert j.status == "overdue" and [e.role for e in j.evidence] == ["context"]
    built = claim("We built 1,000 affordable homes, meeting the goal we set in 2019.", 1000, "affordable homes")
    assert judge(homes, [built], [0.9]).status == "delivered"


def test_a_rise_or_a_fall_is_no_evidence_for_a_share_or_a_change_the_other_way():
    """Invented after a river-transport promise and a council's carbon target."""
    spoil = statement("We will transport 90% of tunnel spoil by river.", 90, "%")
    moved = claim("Since tunnelling started, 98% of material excavated from the main tunnel has been transported "
                  "by river.", 98, "%")
    cleaner = claim("Moving spoil by river meant a NOx reduction of 30% for the tunnel sites.", 30, "%")
    j = judge(spoil, [moved, cleaner], [0.8, 0.78])
    assert (j.status, j.conflict, [e.quantity for e in j.evidence]) == ("delivered", False, [98])
    carbon = statement("We will reduce emissions from our buildings by 45% by 2027.", 45, "%", deadline="2027",
                       year=2027)
    gas = claim("Gas emissions from our buildings represent an 87% increase on last year.", 87, "%")
    fell = claim("Emissions from our buildings fell by 32% since 2019.", 32, "%")
    j = judge(carbon, [gas, fell], [0.8, 0.78], as_of=date(2028, 1, 1))
    assert (j.status, j.progress) == ("partly", 71.1)


def test_a_shared_figure_is_no_shared_topic():
    waste = statement("We will cut construction waste sent to landfill by 5% by 2025.", 5, "%", deadline="2025",
                      year=2025)
    charity = claim("In 2024 we gave 5% of our profit to local charities.", 5, "%")
    assert judge(waste, [charity], [0.8], as_of=date(2024, 6, 30)).evidence == ()


def test_a_measure_word_shared_is_no_shared_topic():
    """Carbon intensity and waste intensity share "intensity" and a baseline, not a topic."""
    carbon = statement("We will cut our operational carbon intensity by 36% by 2025 against a 2019 baseline.", 36, "%",
                       deadline="2025", year=2025)
    waste = claim("Our waste intensity has reduced by 14.4% against our 2019 baseline.", 14.4, "%")
    assert judge(carbon, [waste], [0.8], as_of=date(2024, 6, 30)).evidence == ()


def test_a_target_the_report_says_it_aimed_for_is_not_what_it_did():
    homes = statement("We will deliver 1,000 more affordable homes by 2021.", 1000, "affordable homes",
                      deadline="2021", year=2021)
    report = claim("Our plan aimed to deliver over 1000 homes between 2016 and 2021, but we have already delivered "
                   "over 1150 homes by the end of 2020.", 1000, "homes")
    j = judge(homes, [report], [0.85], as_of=date(2022, 1, 1))
    assert (j.status, j.evidence[0].quantity) == ("delivered", 1150)
    aimed = claim("In 2021 we aimed for 1,000 affordable homes and delivered 940.", 1000, "affordable homes")
    assert judge(homes, [aimed], [0.85], as_of=date(2022, 1, 1)).progress == 94.0
    ahead = claim("Our ambitions for the next 10 years are to deliver over 900 new homes.", 900, "homes")
    assert judge(homes, [ahead], [0.85], as_of=date(2022, 1, 1)).status == "overdue"


def test_a_period_that_has_ended_is_not_a_deadline_missed():
    contract = statement("The new contract will run from June 2021 until December 2025.", deadline="until December 2025",
                         year=2025)
    assert judge(contract, [], [], as_of=date(2026, 6, 30)).status == "no_evidence"
    assert judge(contract, [], [], as_of=date(2025, 6, 30)).status == "promised"
    due = statement("We will open the hub by December 2025.", deadline="December 2025", year=2025)
    assert judge(due, [], [], as_of=date(2026, 6, 30)).status == "overdue"


def test_a_report_that_sets_a_target_and_says_how_it_went_is_its_own_evidence_a_bid_is_not():
    """"We wanted to recruit 50 apprentices in a year" and "51 apprentices have been signed up",
    in one report, are a target and its delivery; a bid's track record is another contract's."""
    from dataclasses import replace

    target = replace(statement("We wanted to recruit 50 apprentices in a year.", 50, "apprentices", doc="report"),
                     doc_type="social_value_report")
    done = claim("51 apprentices have been signed up in just one year.", 51, "apprentices")
    assert judge(target, [done], [0.85]).status == "delivered"
    bid = replace(target, doc_type="tender_response")
    assert judge(bid, [replace(done, doc_type="tender_response")], [0.85]).status == "no_evidence"
    # a promise still to keep: the report's figures beside it are where it starts from
    ahead = replace(statement("We'll be spending more than £1.2bn on our homes over the next five years.",
                              1_200_000_000, "£", doc="report"), doc_type="social_value_report")
    spent = claim("We invested £109.2m in our homes this year.", 109_200_000, "£")
    assert judge(ahead, [spent], [0.85]).status == "no_evidence"
    vague = claim("We're proud of the progress we've made.")
    assert judge(target, [vague], [0.85]).status == "no_evidence"
    # "we're committed to" holds a promise now: a bullet of the same page is no delivery of it
    held = replace(statement("We’re committed to connecting 1 million people by 2025.", 1_000_000, "people",
                             doc="report", year=2025), doc_type="social_value_report")
    bullet = claim("Improve the digital confidence of 6 million people.", 6_000_000, "people")
    assert judge(held, [bullet], [0.9]).evidence == ()
    then = replace(held, sentence="In 2021 we committed to connecting 1 million people by 2025.")
    assert judge(then, [bullet], [0.9]).evidence != ()
    # so does "we have committed to": the report's own highlights are where it stands, not delivery
    made = replace(held, sentence="We have committed to connecting 1 million people by 2025.")
    assert judge(made, [bullet], [0.9]).evidence == ()


def test_a_promise_its_next_sentence_says_was_met_is_delivered():
    """"... pledged to offer at least 2,500 degree apprenticeships by 2024. That target was achieved
    in February 2023": the report's own next sentence says it was done. Elsewhere in the document
    the same words are about some other target."""
    pledge = replace(statement("In 2021, Acme pledged to offer at least 2,500 degree apprenticeships by 2024.", 2500,
                               "degree apprenticeships", deadline="2024", year=2024, doc="report"),
                     doc_type="social_value_report")
    said = claim("That target was achieved in February 2023, a year ahead of schedule.")
    text = f"Our story. {pledge.sentence} {said.sentence} Next, homes."
    matcher = DeliveryMatcher(date(2026, 6, 30))
    vectors = np.zeros((1, 1), dtype=np.float32)
    [j] = matcher.judge([pledge], vectors, [said], vectors, text_of=lambda doc: text)
    assert j.status == "delivered" and j.evidence[0].quote.startswith("That target was achieved")
    [j] = matcher.judge([pledge], vectors, [said], vectors, text_of=lambda doc: f"{pledge.sentence} Homes. {said.sentence}")
    assert j.status == "overdue"


def test_a_promise_that_says_how_far_it_has_come_is_partly_delivered():
    """"already more than half way towards meeting its target of creating 500 by 2020": its own
    words say half; "with 42.9 per cent achieved to date" says 42.9%. Neither is "no evidence"."""
    half = statement("Our Pledge scheme is already more than half way towards meeting its target of creating 500 "
                     "jobs by 2020.", 500, "jobs", deadline="2020", year=2020)
    j = judge(half, [], [])
    assert (j.status, j.progress, j.late) == ("partly", 50.0, True) and j.evidence[0].quote == half.sentence
    share = statement("We are on track to achieve our target of $250m by 2025, with 42.9 per cent achieved to date.",
                      250_000_000, "$", deadline="2025", year=2025)
    assert (judge(share, [], []).status, judge(share, [], []).progress) == ("partly", 42.9)
    assert judge(statement("We will create 500 jobs by 2030.", 500, "jobs", year=2030), [], []).status == "promised"
