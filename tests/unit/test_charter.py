import pytest

from assistant.register.charter import (
    CharterError,
    default_charter_path,
    load_charter,
    parse_charter,
)
from assistant.vocab import THEMES

GOOD = """name: Charter for Testville
place: Testville
areas: [Testville, Northend]
outcomes:
  - id: CV1
    theme: jobs_skills
    title: Local jobs
    description: Jobs and apprenticeships for local people.
    measures:
      - {id: CV1.1, text: Apprenticeships started, unit: count}
"""


def test_bundled_charters_cover_all_seven_themes_with_measures():
    for demo in (False, True):
        charter = load_charter(default_charter_path(demo))
        assert {o.theme for o in charter.outcomes} == set(THEMES)
        assert all(o.measures for o in charter.outcomes)
    assert load_charter(default_charter_path(True)).areas[0] == "Harrowden"


def test_a_valid_charter_loads():
    charter = parse_charter(GOOD)
    assert charter.areas == ["Testville", "Northend"] and charter.outcome("CV1").measures[0].unit == "count"


@pytest.mark.parametrize("change, expected", [
    (("theme: jobs_skills", "theme: jobs"), "line 6: outcomes.0.theme"),
    (("unit: count", "unit: jobs"), "line 10: outcomes.0.measures.0.unit"),
    (("    title: Local jobs\n", ""), "line 5: outcomes.0.title: Field required"),
    (("place: Testville\n", "place: Testville\ncolour: blue\n"), "line 3: colour"),
    (("id: CV1.1", "id: CV1"), "ids must be unique; repeated: CV1"),
])
def test_errors_name_the_line_and_the_field(change, expected):
    with pytest.raises(CharterError) as caught:
        parse_charter(GOOD.replace(*change), "mine.yaml")
    assert expected in str(caught.value) and "mine.yaml" in str(caught.value)


def test_broken_yaml_and_missing_file():
    with pytest.raises(CharterError, match=r"line [12]: not valid YAML"):
        parse_charter("name: [oops")
    with pytest.raises(CharterError, match="cannot read"):
        load_charter(default_charter_path().with_name("nope.yaml"))


# -- ids and award criteria across the charter -------------------------------------------------

TWO = GOOD + """  - id: CV2
    theme: environment
    title: Net zero
    description: Cutting carbon in Testville.
    measures:
      - {id: CV2.1, text: Carbon saved, unit: tCO2e}
criteria:
  - {id: AC1, title: Jobs, outcomes: [CV1], weight: 60}
  - {id: AC2, title: Carbon, outcomes: [CV2], weight: 40}
"""


@pytest.mark.parametrize("weights, total", [((60, 100), "160"), ((60, 39.5), "99.5")])
def test_criteria_weights_must_add_up_to_100(weights, total):
    text = TWO.replace("weight: 60", f"weight: {weights[0]}").replace("weight: 40", f"weight: {weights[1]}")
    with pytest.raises(CharterError) as caught:
        parse_charter(text, "mine.yaml")
    assert caught.value.problems == [
        f"line 18: criteria: Value error, criteria weights add up to {total}; they are shares of the "
        "social value mark and must add up to 100"]


def test_criteria_weights_may_be_shares_with_decimals():
    text = TWO.replace("weight: 60", "weight: 33.3").replace(
        "weight: 40}", "weight: 33.3}\n  - {id: AC3, title: Both, outcomes: [CV1, CV2], weight: 33.4}")
    assert [c.weight for c in parse_charter(text).criteria] == [33.3, 33.3, 33.4]


def test_a_repeated_outcome_id_is_named_on_its_line_and_known_ids_are_listed_once():
    with pytest.raises(CharterError) as caught:
        parse_charter(TWO.replace("id: CV2\n", "id: CV1\n"), "mine.yaml")
    assert caught.value.problems == [
        "line 11: outcomes.1.id: Value error, ids must be unique; repeated: CV1 (first used at "
        "outcomes.0.id): give each outcome, measure and criterion an id of its own",
        "line 19: criteria.1.outcomes: Value error, CV2 is not an outcome id of this charter; use one of CV1"]


def test_a_criterion_id_may_not_reuse_a_measure_id():
    with pytest.raises(CharterError) as caught:
        parse_charter(TWO.replace("id: AC2", "id: CV2.1"), "mine.yaml")
    assert caught.value.problems == [
        "line 19: criteria.1.id: Value error, ids must be unique; repeated: CV2.1 (first used at "
        "outcomes.1.measures.0.id): give each outcome, measure and criterion an id of its own"]
