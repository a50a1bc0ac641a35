"""Deadlines counted from the day a document was written: "over the next three years" of a 2020
report is due by 2023; a contract's own years are not the document's."""

from ingest.commitments import extract
from ingest.dated import written_in
from ingest.document import Block


def test_the_year_of_writing_comes_from_a_dateline_else_a_reports_title():
    assert written_in([Block("Fund news", heading=1), Block("Published: 12 March 2020")]) == 2020
    assert written_in([Block("Fund news", heading=1), Block("date 2017-12-29 A grants programme of £1m ...")]) == 2017
    assert written_in([Block("Fund news", heading=1), Block("Last updated on 3 May 2023"), Block("Text.")]) == 2023
    assert written_in([Block("Jobs news", heading=1), Block("Wednesday 24th May 2023"), Block("Text.")]) == 2023
    assert written_in([Block("Annual Report 2022/23", heading=1)]) == 2023  # a financial year ends in 2023
    assert written_in([Block("2021 Social Value Report", heading=1)]) == 2021
    # a target year in a title is no date of writing, nor is a timeline's date far down the page
    assert written_in([Block("Vision 2030: our net zero strategy", heading=1)]) is None
    later = [Block("Our story", heading=1), *(Block(f"Paragraph {i}.") for i in range(4)), Block("March 2015")]
    assert written_in(later) is None


def test_a_span_from_the_day_of_writing_falls_due_in_a_year_a_contracts_span_does_not():
    blocks = [Block("Financial Statements 2020", heading=1),
              Block("We will reduce void losses to 1% over next three years."),
              Block("We will build 500 homes in the coming 18 months."),
              Block("We will open the hub next year."),
              Block("We will recruit 20 apprentices within the first year of the contract."),
              Block("We will plant 300 trees by 2024 over the next three years.")]
    found = [(s.deadline, s.deadline_year) for s in extract(blocks).statements]
    assert found == [("over next three years (from 2020: by 2023)", 2023),
                     ("in the coming 18 months (from 2020: by 2022)", 2022),
                     ("next year (from 2020: by 2021)", 2021),
                     ("within the first year of the contract", None),
                     ("2024", 2024)]  # a date named wins


def test_a_lead_ins_span_from_the_day_of_writing_dates_its_items():
    """"Today (24 May 2023) Severn Trent confirmed that in the next two years it will: • Create
    1,000 new jobs": the bullet is due by 2025."""
    blocks = [Block("Jobs news", heading=1), Block("Wednesday 24th May 2023"),
              Block("Severn Trent confirmed that in the next two years it will:"),
              Block("- Create 1,000 new jobs in the region.")]
    found = [(s.deadline, s.deadline_year) for s in extract(blocks).statements if s.quantity == 1000]
    assert found == [("in the next two years (from 2023: by 2025)", 2025)]


def test_without_a_date_of_writing_a_span_stays_as_written():
    found = extract([Block("Our plans", heading=1), Block("We will build 500 homes over the next three years.")])
    assert [(s.deadline, s.deadline_year) for s in found.statements] == [("over the next three years", None)]
