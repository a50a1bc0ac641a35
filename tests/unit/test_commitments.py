import pytest

from ingest.commitments import classify, extract
from ingest.document import Block
from ingest.places import PlaceFinder


@pytest.mark.parametrize("sentence", [
    "We will create 20 apprenticeships for Rotherham residents by 2026.",
    "We commit to spending £2m with local SMEs over the life of the contract.",
    "We have spent over £31m with social enterprises since 2020 and are targeting £45m by 2025.",
    "Since 2020, we've engaged 80,000 young people and hope to reach 100,000 by 2025.",
    "The Council will require potential suppliers to submit details of social value.",
    "Our appointed contractors are required to deliver on a range of community benefits targets.",
    "Site visits and talks will be offered to local primary schools.",
    "We aim to complete 88% of routine repairs at the first visit.",
])
def test_pledges_are_commitments(sentence):
    assert classify(sentence) == "commitment"


@pytest.mark.parametrize("sentence, kind", [
    ("We achieved the £20m spend goal by November 2019.", "achievement"),
    ("Last year we created 45 jobs in Leeds.", "achievement"),
    ("Over the contract we have provided 49 apprenticeship opportunities.", "achievement"),
    ("In 2024, our local spend totalled more than £6.5m.", "achievement"),
    ("Social value is at the heart of how we do business.", None),
    ("We are proud to be the most trusted repairs contractor in the region.", None),
    ("We expect our workforce to grow to around 80 people by 2027.", None),
    ("We anticipate that the contract will support around 95 local jobs by 2027.", None),
    ("This response sets out how we will deliver all three.", None),
])
def test_non_pledges_are_rejected_or_kept_as_evidence(sentence, kind):
    assert classify(sentence) == kind


def test_bullets_inherit_the_pledge_of_their_lead_in():
    blocks = [Block("The Council will:"), Block("- train our procurement team on modern slavery"),
              Block("- report publicly on this policy annually"), Block("Our history is long.")]
    found = extract(blocks)
    assert [s.text for s in found] == ["train our procurement team on modern slavery",
                                       "report publicly on this policy annually"]
    assert found[1].deadline == "annually" and found[1].recurring


def test_a_sentence_with_two_pledges_gives_two_statements():
    blocks = [Block("We will create 20 apprenticeships by 2027 and spend £2m with local SMEs by 2028.")]
    found = extract(blocks)
    assert [(s.quantity, s.unit, s.deadline_year) for s in found] == [
        (20, "apprenticeships", 2027), (2_000_000, "£", 2028)]
    assert all(s.sentence == blocks[0].text for s in found)


def test_fields_place_beneficiary_and_provenance():
    blocks = [Block("Jobs and Skills", page=4, heading=1),
              Block("We will create 20 apprenticeships for care leavers in Rotherham by March 2027.", page=4)]
    [s] = extract(blocks)
    assert (s.kind, s.quantity, s.unit, s.deadline, s.deadline_year) == (
        "commitment", 20, "apprenticeships", "March 2027", 2027)
    assert s.places == ("Rotherham",) and s.beneficiary == "care leavers"
    assert (s.page, s.section) == (4, "Jobs and Skills")


def test_places_fall_back_to_headings_and_know_extra_areas():
    blocks = [Block("Lichfield car park demolition", heading=1),
              Block("We will divert 97% of materials from landfill."),
              Block("We will plant 300 trees in Oakley Vale.")]
    found = extract(blocks, PlaceFinder(["Oakley Vale"]))
    assert [s.places for s in found] == [("Lichfield",), ("Oakley Vale",)]


def test_universal_pledge_counts_as_everyone():
    [s] = extract([Block("We will pay the Real Living Wage to every worker on this contract.")])
    assert (s.quantity, s.unit) == (100, "%")


def test_tables_are_not_read_twice():
    assert extract([Block("Apprenticeships | 20 | March 2027", kind="table")]) == []
