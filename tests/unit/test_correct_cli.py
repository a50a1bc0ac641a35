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
    (["ROW", "--undo", "--kind", "commitment"], "cannot be combined"),
    (["ROW", "--kind", "commitment"], "sva read that row as a social value commitment itself: nothing to correct"),
    (["ROW5", "--kind", "not_a_promise"], "no row of the register has that id"),
    (["ROW", "--undo"], "no correction in force"),
    ([], "give the row's id"),
])
def test_bad_requests_say_what_to_do(services, args, message):
    row_id = golf(services).id
    args = [{"ROW": row_id, "ROW5": row_id[:5] + row_id[row_id.index(":"):]}.get(a, a) for a in args]
    result = run(*args)
    assert result.exit_code == 2 and message in said(result)


def said(result) -> str:
    return " ".join(result.output.replace("│", " ").split())


@pytest.mark.parametrize("keep", [12, 6])
def test_a_row_id_with_a_shortened_document_id_is_taken(services, keep):
    row = golf(services)
    short = row.doc_id[:keep] + row.id[len(row.doc_id):]
    saved = json.loads(run(short, "--kind", "not_a_promise", "--json").output)["correction"]
    assert saved["row_id"] == row.id


def test_an_ambiguous_document_prefix_names_the_documents():
    from types import SimpleNamespace

    import typer

    rows = [SimpleNamespace(id=f"{d}:s1", doc_id=d, source=f"{d[-1]}.pdf") for d in ("abcdef1111", "abcdef2222")]
    with pytest.raises(typer.BadParameter, match="starts the ids of 2 documents: abcdef1111 .1.pdf., abcdef2222"):
        correct_cli._find_row(rows, "abcdef:s1")  # type: ignore[arg-type]
    assert correct_cli._find_row(rows, "abcdef2:s1") is rows[1]  # type: ignore[arg-type]


def test_going_back_to_what_sva_read_points_to_undo(services):
    row = golf(services)
    assert run(row.id, "--kind", "service_standard").exit_code == 0
    back = run(row.id, "--kind", "commitment")
    assert back.exit_code == 2 and "back with --undo" in said(back)


def test_repeating_a_correction_without_a_note_keeps_the_note(services):
    row = golf(services)
    run(row.id, "--kind", "service_standard", "--note", "the events budget", "--by", "anna")
    again = json.loads(run(row.id, "--kind", "service_standard", "--by", "ben", "--json").output)["correction"]
    assert (again["note"], again["by"]) == ("the events budget", "ben")
    other = json.loads(run(row.id, "--kind", "not_a_promise", "--json").output)["correction"]
    assert other["note"] == ""  # a different correction: the earlier reason was for the earlier kind
