"""Procurement Act 2023 ratings: per commitment, per contract, and the performance notice CSV."""

from __future__ import annotations

import csv

import pytest

from assistant.register.commitments import Commitment, rate
from assistant.register.delivery import Evidence
from assistant.register.performance import contract_ratings, contract_rows, write_notice_csv


@pytest.mark.parametrize("status, progress, rating", [
    ("delivered", 110.0, "good"), ("partly", 85.0, "approaching_target"), ("partly", 60.0, "requires_improvement"),
    ("partly", 20.0, "inadequate"), ("overdue", None, "inadequate"), ("promised", None, "other"),
    ("no_evidence", None, "other"), ("needs_review", 350.0, "other"),
])
def test_each_status_gets_the_rating_the_act_asks_for(status, progress, rating):
    assert rate(status, progress) == rating


def test_part_of_a_target_not_yet_due_is_no_failure_until_its_date_passes():
    """11% of a 30% cut due in 2028 is on its way, not Inadequate; the same after 2028 is."""
    assert rate("partly", 36.0, late=False) == "other" and rate("partly", 60.0, late=False) == "other"
    assert rate("partly", 85.0, late=False) == "approaching_target"
    assert rate("partly", 36.0, late=True) == "inadequate" and rate("partly", 60.0, late=True) == "requires_improvement"


def test_a_promise_with_nothing_to_measure_is_not_rated_as_a_target_met():
    """"careers talks ... and we will strive to support local people" (VAGUE) reported done is no
    target met: rated other, not Good."""
    assert rate("delivered", None, measurable=False) == "other" and rate("delivered", None) == "good"


def row(n: int, status: str, progress: float | None = None, source: str = "bid.pdf", text: str = "") -> Commitment:
    evidence = [Evidence("We created 22 apprenticeships.", 22.0, "apprenticeships", "r", "report.pdf", 2, "", 0.9)]
    return Commitment(id=f"c{n}", kind="commitment", text=text or f"We will create {n} apprenticeships.",
                      doc_id="d", source=source, page=1, section="", supplier="Acme", quantity=20.0,
                      unit="apprenticeships", deadline="by 2027", place=None, outcomes=[], flags=[],
                      status=status, progress=progress, evidence=evidence if status != "promised" else [])


def test_a_contract_is_rated_by_the_median_of_its_rated_commitments():
    rows = [row(1, "delivered", 110), row(2, "partly", 60), row(3, "overdue"), row(4, "promised"),
            row(5, "promised", source="other.pdf")]
    ratings = contract_ratings(rows)
    assert ratings == {"Acme — bid.pdf": "requires_improvement", "Acme — other.pdf": "other"}


def test_only_contracts_are_rated_not_open_bids_reports_or_schedules():
    from dataclasses import replace

    won = replace(row(1, "delivered", 110), doc_type="tender_response")
    bid = replace(row(2, "overdue", source="lot2_bid.md"), doc_id="bid", doc_type="tender_response")
    report = replace(row(3, "overdue", source="report.pdf"), doc_type="social_value_report")
    schedule = replace(row(4, "overdue", source="pricing.xlsx"), doc_type="other")
    kept = contract_rows([won, bid, report, schedule], open_bids={"bid"})
    assert kept == [won]
    assert contract_ratings(kept) == {"Acme — bid.pdf": "good"}


def test_the_notice_csv_has_target_actual_rating_and_a_cited_quote(tmp_path):
    path = tmp_path / "notice.csv"
    write_notice_csv([row(1, "delivered", 110), row(2, "promised", text="=HYPERLINK(\"x\")")], path)
    lines = list(csv.reader(path.open(encoding="utf-8-sig")))
    assert lines[0] == ["contract", "supplier", "kpi", "target", "actual", "period", "rating", "evidence"]
    assert lines[1][3:7] == ["20 apprenticeships", "22 apprenticeships", "by 2027", "Good"]
    assert "report.pdf, p. 2" in lines[1][7] and lines[2][2].startswith("'=")


def test_a_charter_can_set_its_own_rating_thresholds():
    from assistant.register.charter import RatingRules, parse_charter

    strict = RatingRules(approaching_target=95, requires_improvement=75)
    assert rate("partly", 90.0, strict) == "requires_improvement" and rate("partly", 90.0) == "approaching_target"
    charter = parse_charter("name: Charter for Testville\nplace: Testville\nratings:\n  approaching_target: 95\n"
                            "  requires_improvement: 75\noutcomes:\n  - id: CV1\n    theme: jobs_skills\n"
                            "    title: Local jobs\n    description: Jobs for local people.\n    measures:\n"
                            "      - {id: CV1.1, text: Local people in jobs, unit: count}\n")
    assert charter.ratings == strict
    with pytest.raises(Exception, match="requires_improvement"):
        RatingRules(approaching_target=50, requires_improvement=60)


def test_an_output_in_a_missing_folder_says_so_and_the_fix(tmp_path):
    from assistant.errors import SvaError

    with pytest.raises(SvaError, match=r"cannot write .*reg\.csv: the folder .*out does not exist: make it"):
        write_notice_csv([row(1, "delivered", 110)], tmp_path / "out" / "reg.csv")
    with pytest.raises(SvaError, match="that is a folder: give a file name"):
        write_notice_csv([row(1, "delivered", 110)], tmp_path)
