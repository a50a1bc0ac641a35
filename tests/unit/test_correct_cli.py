"""`sva correct`: a row's kind put right from the command line, undone, and listed."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import assistant.cli.correct as correct_cli
from assistant.cli import app
from assistant.config import load_settings
from assistant.services import Services
from ingest.parse import IngestMeta
from tests.fakes import HashEmbedder, MemoryStore
from tests.unit.test_register import BID, CHARTER


@pytest.fixture
def services(tmp_path, monkeypatch):
    for key in ("SVA_LLM",):
        monkeypatch.delenv(key, raising=False)
    (tmp_path / "charter.yaml").write_text(CHARTER, encoding="utf-8")
    monkeypatch.setenv("SVA_CHARTER", str(tmp_path / "charter.yaml"))
    services = Services(load_settings(store=tmp_path / "store"), embedder=HashEmbedder(), store=MemoryStore())
    monkeypatch.setattr(correct_cli, "open_services", lambda store, **kw: services)
    (tmp_path / "acme.md").write_text(BID, encoding="utf-8")
    services.ingest([tmp_path / "acme.md"], IngestMeta("Acme", ("Testville",), audience="public"))
    return services


def run(*args: str):
    return CliRunner().invoke(app, ["correct", *args])


def golf(services):
    return next(r for r in services.register("all").all() if "golf day" in r.text)


def test_correct_list_and_undo(services):
    row = golf(services)
    saved = json.loads(run(row.id, "--kind", "not_a_promise", "--note", "a one-off", "--by", "anna", "--json").output)
    assert saved["correction"]["kind"] == "not_a_promise" and saved["correction"]["by"] == "anna"
    assert not any("golf day" in r.text for r in services.register("public").all())
    listed = json.loads(run("--list", "--json").output)["corrections"]
    assert [(c["row_id"], c["read_as"], c["note"]) for c in listed] == [(row.id, "commitment", "a one-off")]
    assert "not a promise" in run("--list").output
    assert run(row.id, "--undo").exit_code == 0 and golf(services).kind == "commitment"
    assert json.loads(run("--list", "--json").output)["corrections"] == []


@pytest.mark.parametrize("args, message", [
    (["nope:s1", "--kind", "commitment"], "no row of the register has that id"),
    (["ROW", "--kind", "aspiration"], "use one of"),
    (["ROW"], "give --kind"),
    (["ROW", "--undo"], "no correction in force"),
    ([], "give the row's id"),
])
def test_bad_requests_say_what_to_do(services, args, message):
    args = [golf(services).id if a == "ROW" else a for a in args]
    result = run(*args)
    assert result.exit_code == 2 and message in " ".join(result.output.split())
