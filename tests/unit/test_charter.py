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
