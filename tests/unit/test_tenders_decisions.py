"""Overrides and notes: kept in SQLite with who and when, read back after a restart, checked
against the tender's bidders and criteria before they are saved."""

from __future__ import annotations

import sqlite3

import pytest

from assistant.folder import StoreFolder
from assistant.library import ingest
from assistant.register.charter import default_charter_path, load_charter
from assistant.register.commitments import Register
from assistant.search.mirror import Mirror
from assistant.tenders.bids import TenderError
from assistant.tenders.book import TenderBook
from assistant.tenders.decisions import Decisions
from ingest.parse import IngestMeta
from tests.fakes import HashEmbedder, MemoryStore


def test_the_latest_decision_wins_and_history_keeps_who_and_when(tmp_path):
    decisions = Decisions(tmp_path / "t.sqlite3")
    assert decisions.current("T") == {} and not (tmp_path / "t.sqlite3").exists()  # reading makes no file
    decisions.save("T", "Acme", "AC1", 50, "too vague", "anna")
    decisions.save("T", "Acme", "AC1", 75, "clarified   in writing", "ben")
    decisions.save("T", "Acme", "AC2", None, "suggestion is right", "anna")
    again = Decisions(tmp_path / "t.sqlite3")  # as after a restart
    current = again.current("T")
    assert current[("Acme", "AC1")].score == 75 and current[("Acme", "AC1")].who == "ben"
    assert current[("Acme", "AC1")].note == "clarified in writing"
    assert current[("Acme", "AC2")].score is None and current[("Acme", "AC2")].at.endswith("+00:00")
    assert [d.who for d in again.history("T")] == ["anna", "ben", "anna"]
    with sqlite3.connect(tmp_path / "t.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.fixture
def book(tmp_path):
    store, embedder = MemoryStore(), HashEmbedder()
    (tmp_path / "bid.md").write_text("# Bid\n\nWe will create 6 apprenticeships in Harrowden by 2028.\n",
                                     encoding="utf-8")
    ingest([tmp_path / "bid.md"], store, embedder,
           IngestMeta("Acme", ("Harrowden",), "tender_response", tender="T-1"))
    register = Register(Mirror(store), embedder, load_charter(default_charter_path(demo=True)))
    return TenderBook(store, lambda: register, Decisions(StoreFolder(tmp_path / "store").tenders))


def test_an_override_shows_in_the_evaluation_and_moves_the_total(book):
    before = book.evaluate("T-1").bidders[0]
    book.override("T-1", "Acme", "AC5", 100, "innovative", "anna")
    after = book.evaluate("T-1").bidders[0]
    assert after.score("AC5").override == 100 and after.score("AC5").score == before.score("AC5").score
    assert after.total == pytest.approx(before.total + 10 * (100 - before.score("AC5").score) / 100)
    assert after.as_json()["scores"][4]["override"] == 100


@pytest.mark.parametrize("supplier, criterion, score, message", [
    ("Nobody", "AC1", 50, "did not bid"),
    ("Acme", "AC9", 50, "no award criterion 'AC9'"),
    ("Acme", "AC1", 150, "between 0 and 100"),
])
def test_overrides_are_checked_before_they_are_saved(book, supplier, criterion, score, message):
    with pytest.raises(TenderError, match=message):
        book.override("T-1", supplier, criterion, score, "", "anna")
    assert book.decisions.history("T-1") == []


def test_a_note_alone_keeps_the_score_in_force_and_suggested_drops_it(book):
    book.override("T-1", "Acme", "AC1", 37, "weak evidence", "anna")
    kept = book.override("T-1", "Acme", "AC1", None, "clarified at interview", "ben")
    assert (kept.score, kept.note, kept.who) == (37, "clarified at interview", "ben")
    assert book.evaluate("T-1").bidders[0].score("AC1").final == 37
    dropped = book.override("T-1", "Acme", "AC1", None, "", "anna", suggested=True)
    assert dropped.score is None and book.evaluate("T-1").bidders[0].score("AC1").override is None
    first = book.override("T-1", "Acme", "AC2", None, "no override yet", "anna")  # a note on the suggestion
    assert first.score is None and first.note == "no override yet"


@pytest.mark.parametrize("score, note, suggested, message", [
    (None, "  ", False, "nothing to save"),
    (50, "", True, "not both"),
])
def test_an_override_that_says_nothing_or_contradicts_itself_is_refused(book, score, note, suggested, message):
    with pytest.raises(TenderError, match=message):
        book.override("T-1", "Acme", "AC1", score, note, "anna", suggested=suggested)
    assert book.decisions.history("T-1") == []


def test_the_bidder_is_named_in_any_case_and_kept_as_the_tender_spells_it(book):
    saved = book.override("T-1", " acme ", "AC1", 50, "", "anna")
    assert saved.supplier == "Acme" and book.evaluate("T-1").bidders[0].score("AC1").override == 50


@pytest.fixture
def cli(book, monkeypatch):
    from types import SimpleNamespace

    from typer.testing import CliRunner

    import assistant.cli.tender as tender_cli
    from assistant.cli import app

    monkeypatch.setattr(tender_cli, "open_services", lambda store, **kw: SimpleNamespace(tenders=lambda: book))
    return lambda *args: CliRunner().invoke(app, ["tender", "override", "T-1", "--criterion", "AC1", *args])


def test_the_cli_note_keeps_the_override_and_suggested_clears_it(book, cli):
    assert cli("--supplier", "Acme", "--score", "37", "--by", "anna").exit_code == 0
    noted = cli("--supplier", "ACME", "--note", "checked the method statement", "--by", "ben")
    assert noted.exit_code == 0 and "score 37" in noted.output
    assert book.decisions.current("T-1")[("Acme", "AC1")].score == 37
    cleared = cli("--supplier", "Acme", "--suggested")
    assert cleared.exit_code == 0 and "suggested score" in cleared.output
    assert book.decisions.current("T-1")[("Acme", "AC1")].score is None


@pytest.mark.parametrize("args, message", [
    ([], "give --score N, --note TEXT, or --suggested"),
    (["--score", "50", "--suggested"], "cannot be combined"),
])
def test_the_cli_says_what_to_give(book, cli, args, message):
    result = cli("--supplier", "Acme", *args)
    assert result.exit_code == 2 and message in " ".join(result.output.replace("│", " ").split())
    assert book.decisions.history("T-1") == []
