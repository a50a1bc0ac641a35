"""Fields of a pledge, read by rules: the target (not an identifier, not the baseline), per-cent
and money words, ranges and schedules; the deadline and place from the sentence, else its
lead-in, else its section. Sentences here are invented."""

import pytest

from ingest.commitments import Context, main_quantity, statements_of
from ingest.document import Block
from ingest.kinds import Sentence, read
from ingest.places import PlaceFinder
from ingest.quantities import quantities


@pytest.mark.parametrize("text, target, unit", [
    ("We will cut emissions across all three scopes by 45 per cent by 2030.", 45, "%"),
    ("Reduce scope 3 emissions by 9% by 2028.", 9, "%"),
    ("Reduce scope 1 and 2 emissions by 11% by 2027.", 11, "%"),
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
])
def test_the_target_is_not_an_identifier_nor_the_baseline(text, target, unit):
    found, _, _ = main_quantity(text)
    assert found is not None and (found.value, found.unit) == (target, unit)


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


def test_a_leading_year_is_the_deadline():
    s = _one("• 2030: 50% reduction in waste to landfill")
    assert (s.deadline_year, s.quantity) == (2030, 50)


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
