"""`--as-of`: a wrong date is named as the option, with the format to use (not as SVA_AS_OF)."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

import assistant.cli as cli
from assistant.cli import app

COMMANDS = [["commitments"], ["report", "--supplier", "Acme", "--out", "r.html"]]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("given", ["01/01/2030", "2030-13-01", "soon"])
def test_a_wrong_date_names_the_option_and_the_format(command, given, monkeypatch):
    monkeypatch.setattr(cli, "open_services", lambda *a, **kw: pytest.fail("no store is opened"))
    result = CliRunner().invoke(app, [*command, "--as-of", given])
    said = " ".join(result.output.replace("│", " ").split())
    assert result.exit_code == 2 and "--as-of" in said and "YYYY-MM-DD" in said and "SVA_AS_OF" not in said


@pytest.mark.parametrize("command", COMMANDS)
def test_a_good_date_reaches_the_settings(command, monkeypatch):
    seen = {}

    def opened(store, **overrides):
        seen.update(overrides)
        raise typer.Exit(0)

    monkeypatch.setattr(cli, "open_services", opened)
    assert CliRunner().invoke(app, [*command, "--as-of", " 2030-01-31"]).exit_code == 0
    assert seen == {"as_of": "2030-01-31"}
