"""A tender's award: the winning bid is the contract, tracked and rated; the other bids' promises
leave the register, the residents' too (they are no one's to keep, and must not read as broken),
and leave the losers' track record; an awarded tender's bids are still scored as offered."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from assistant.cli import app
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

BIDS = {
    ("Acme Housing", "1"): "# Acme bid\n\n## Jobs\n\nWe will create 6 apprenticeships in Harrowden by 2028.\n",
    ("Bolt Builders", "1"): "# Bolt bid\n\n## Jobs\n\nWe will create 9 apprenticeships in Harrowden by 2020.\n",
    ("Bolt Builders", "2"): "# Bolt lot 2\n\nWe will plant 300 trees in Millbrook by 2029.\n",
}


@pytest.fixture
def tender(tmp_path):
    store, embedder = MemoryStore(), HashEmbedder()
    for (supplier, lot), text in BIDS.items():
        path = tmp_path / f"{supplier.split()[0].lower()}_{lot}.md"
        path.write_text(text, encoding="utf-8")
        ingest([path], store, embedder, IngestMeta(supplier, ("Harrowden", "Millbrook"), "tender_response", "public",
                                                   tender="T-1", lot=lot))
    decisions = Decisions(StoreFolder(tmp_path / "store").tenders)
    charter = load_charter(default_charter_path(demo=True))
    registers = {audience: Register(Mirror(store), embedder, charter, audience, as_of=date(2026, 11, 25),
                                    awards=decisions.awards) for audience in ("all", "public")}
    book = TenderBook(store, lambda: registers["all"], decisions)
    return SimpleNamespace(book=book, registers=registers, store=store)


def suppliers(rows) -> list[tuple[str, str]]:
    return sorted({(c.supplier, c.source) for c in rows})


def test_the_losing_bids_leave_the_register_and_the_winner_becomes_the_contract(tender):
    register = tender.registers["all"]
    assert suppliers(register.commitments(status="overdue")) == [("Bolt Builders", "bolt_1.md")]
    assert len(register.open_bids()) == 3  # offers, not contracts
    assert tender.book.award("T-1", "acme housing", "anna", lot="1") == "Acme Housing"
    for rows in (register.all(), tender.registers["public"].all()):
        assert suppliers(rows) == [("Acme Housing", "acme_1.md"), ("Bolt Builders", "bolt_2.md")]
    assert register.commitments(status="overdue") == []  # Bolt broke no promise: it never won
    assert len(register.open_bids()) == 1  # lot 2 is still open; Acme's lot-1 bid is the contract
    # the awarded lot is still scored as it was offered
    scored = {b.supplier: b.total for b in tender.book.evaluate("T-1", "1").bidders}
    assert scored["Bolt Builders"] > 0 and set(scored) == {"Acme Housing", "Bolt Builders"}
    tender.book.award("T-1", "", "anna", lot="1")  # withdrawn
    assert len(suppliers(register.all())) == 3


def test_a_lot_is_named_as_a_commissioner_writes_it(tender):
    """"Lot 2" and "lot  2" are lot 2: the award is recorded as the bids spell the lot."""
    assert tender.book.evaluate("T-1", "Lot 2").tender.lot == "2"
    tender.book.award("T-1", "Bolt Builders", "anna", lot="Lot  2")
    assert tender.book.awards() == {("T-1", "2"): "Bolt Builders"}
    assert len(tender.registers["all"].open_bids()) == 2  # lot 1's bids; lot 2 is a contract


def test_an_award_names_a_bidder_of_the_tender(tender):
    with pytest.raises(TenderError, match="did not bid"):
        tender.book.award("T-1", "Nobody Ltd", "anna")


def test_the_cli_records_lists_and_withdraws_an_award(tender, monkeypatch):
    import assistant.cli.tender as tender_cli

    monkeypatch.setattr(tender_cli, "open_services", lambda store, **kw: SimpleNamespace(tenders=lambda: tender.book))
    run = lambda *args: CliRunner().invoke(app, ["tender", *args])  # noqa: E731
    awarded = run("award", "T-1", "--lot", "2", "--supplier", "bolt builders", "--by", "anna")
    assert awarded.exit_code == 0 and "T-1 lot 2 awarded to Bolt Builders" in awarded.output
    assert "awarded (lot 2) to Bolt Builders" in run("list").output
    assert run("award", "T-1").exit_code == 2
    assert run("award", "T-1", "--supplier", "Acme", "--undo").exit_code == 2
    assert "award withdrawn" in run("award", "T-1", "--lot", "2", "--undo").output
    assert "awarded" not in run("list").output
