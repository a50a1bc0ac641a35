"""What the CLI prints: the register fits the terminal; every command takes --store."""

from __future__ import annotations

import pytest
import typer.main

from assistant.cli import app
from assistant.register.commitments import Commitment
from assistant.terminal import commitments_table, format_amount, where
from ingest.records import shorten


def row(n: int, **overrides) -> Commitment:
    base = dict(
        id=f"c{n}", kind="commitment", text=("We will spend £45m with small and medium-sized enterprises and social "
                          "enterprises based in the borough over the life of the contract, reported "
                          "quarterly to the council's contract manager."),
        doc_id="d1", source="a_rather_long_tender_response_file_name.pdf", page=12,
        section="Local economy", supplier="Brightstone Property Services Ltd", quantity=45_000_000,
        unit="£", deadline="over the life of the contract", place="Harrowden", outcomes=["CV3"],
        flags=["NO_DEADLINE"], status="partly", progress=62.5)
    return Commitment(**{**base, **overrides})


@pytest.mark.parametrize("width", [80, 100, 160])
def test_the_register_fits_the_terminal_and_shows_status_and_rating(width):
    out = commitments_table([row(n) for n in range(75)], width)
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= width
    assert "status" in lines[0] and "rating" in lines[0]
    assert "£45m" in out and "45,000,000" not in out
    assert "Partly" in out and "Requires" in out  # 62.5% of the target
    # a long three-line commitment takes at most ten lines, header and count aside
    assert len(lines) <= 75 * (10 if width < 100 else 8) + 3 and lines[-1] == "75 commitments"


def test_one_commitment_is_counted_in_the_singular():
    assert commitments_table([row(1)], 80).splitlines()[-1] == "1 commitment"


def test_a_table_row_is_printed_with_its_column_names():
    out = commitments_table([row(1, text="Trees planted | 300 by 2029", columns="Commitment | Target")], 160)
    assert "Trees planted — Target: 300 by 2029" in out and "|" not in out


@pytest.mark.parametrize("quantity, unit, text", [
    (45_000_000, "£", "£45m"), (1_250_000, "£", "£1.25m"), (250_000, "£", "£250k"), (900, "£", "£900"),
    (2_000_000_000, "£", "£2bn"), (30, "%", "30%"), (12.5, "%", "12.5%"),
    (1200, "hours of volunteering", "1,200 hours of volunteering"), (None, "£", ""),
])
def test_amounts_read_as_people_write_them(quantity, unit, text):
    assert format_amount(quantity, unit) == text


def test_citations_shorten_sections_at_a_word_never_mid_url():
    section = "Wates careers – Social value and the long name of a page that goes on and on and on"
    assert where(3, section) == ", p. 3, § Wates careers – Social value and the long name of a page…"
    assert shorten("https://example.org/a/very/long/address " * 3, 50).endswith("…")
    assert where(None, "") == ""


def test_every_command_takes_store():
    root = typer.main.get_command(app)
    missing = []

    def walk(command, name: str) -> None:
        subcommands = getattr(command, "commands", None)  # a group
        if subcommands:
            for sub_name, sub in subcommands.items():
                walk(sub, f"{name} {sub_name}".strip())
        elif not any("--store" in p.opts for p in command.params):
            missing.append(name)

    walk(root, "")
    assert missing == []


def test_the_demo_store_reads_the_demo_charter_unless_one_is_named(tmp_path, monkeypatch):
    """`sva serve --demo` maps to the demo's charter; every other command on the demo store must
    map to the same outcomes."""
    from typer.testing import CliRunner

    monkeypatch.delenv("SVA_CHARTER", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    from assistant.demo import demo_store_dir

    demo = demo_store_dir()
    assert str(demo).startswith(str(tmp_path))
    shown = CliRunner().invoke(app, ["charter", "show", "--store", str(demo)])
    assert shown.exit_code == 0 and "place: Harrowden Borough" in shown.output, shown.output
    other = CliRunner().invoke(app, ["charter", "show", "--store", str(tmp_path / "mine")])
    assert other.exit_code == 0 and "Harrowden" not in other.output, other.output


def test_ask_prints_notices_after_the_answer_and_json_keeps_them_out_of_it(monkeypatch):
    import json

    from typer.testing import CliRunner

    import assistant.cli as cli
    from assistant.answers.base import Answer, Citation

    notice = "The language model is not available right now (refused). The answer above quotes the documents."
    answer = Answer("q", "Acme will create 20 apprenticeships. [1]", True, "extractive",
                    [Citation(1, "d1", "acme.md", 2, "Jobs", "Acme will create 20 apprenticeships.")],
                    notices=[notice])

    class Services:
        def answerer(self, audience):
            return type("Answerer", (), {"answer": staticmethod(lambda question: answer)})()

    monkeypatch.setattr(cli, "open_services", lambda store: Services())
    shown = CliRunner().invoke(app, ["ask", "How many apprenticeships?"])
    assert shown.exit_code == 0
    assert shown.output.index("apprenticeships. [1]") < shown.output.index(f"Note: {notice}")
    data = json.loads(CliRunner().invoke(app, ["ask", "How many?", "--json"]).output)
    assert data["notices"] == [notice] and "not available" not in data["answer"]


@pytest.mark.parametrize("command", ["ask", "search"])
def test_an_empty_question_is_a_usage_error_not_a_search(command, monkeypatch):
    from typer.testing import CliRunner

    import assistant.cli as cli

    monkeypatch.setattr(cli, "open_services", lambda store: pytest.fail("nothing is opened"))
    result = CliRunner().invoke(app, [command, "   "])
    assert result.exit_code == 2 and "it is empty" in result.output


def test_a_service_standard_and_a_corrected_row_say_so_under_their_text():
    from assistant.register.corrections import Correction

    fix = Correction("k", "c2", "service_standard", "commitment", "t", "s", "", "anna", "2026-12-05T10:00:00")
    out = commitments_table([row(1), row(2, kind="service_standard", correction=fix)], 160)
    first, second = out.split("We will spend £45m")[1:3]
    assert "service standard" not in first and "corrected" not in first
    assert "service standard" in second and "corrected by anna" in second
