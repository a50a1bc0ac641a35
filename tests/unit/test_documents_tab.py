"""The Documents tab's handlers, called as the page calls them (no server, no browser): what the
commissioner is told, and what the form keeps chosen for the next step."""

import pytest

import ui
from assistant.app import documents
from assistant.config import load_settings
from assistant.services import Services
from tests.fakes import HashEmbedder, MemoryStore
from tests.unit.test_register import BID


@pytest.fixture
def services(tmp_path, monkeypatch):
    for key in [k for k in __import__("os").environ if k.startswith("SVA_")]:
        monkeypatch.delenv(key)
    return Services(load_settings(store=tmp_path / "store"), embedder=HashEmbedder(), store=MemoryStore())


@pytest.fixture
def incoming(tmp_path, monkeypatch):
    """Gradio's upload folder, with one uploaded bid in it."""
    folder = tmp_path / "gradio-uploads"
    folder.mkdir()
    (folder / "acme_bid.md").write_text(BID, "utf-8")
    monkeypatch.setattr(documents, "upload_folder", lambda: folder)
    return folder


def handler(services, api_name: str):
    app = ui.build_commissioner_app(services)
    return next(f.fn for f in app.fns.values() if f.api_name == api_name)


def kept(update) -> bool:  # a Gradio update that leaves the component's value as it is
    return isinstance(update, dict) and "value" not in update


def test_files_are_not_added_without_their_supplier_and_stay_chosen(services, incoming):
    add = handler(services, "add_documents")
    files = [str(incoming / "acme_bid.md")]
    report, chosen_files, *_ = add(files, "  ", [], "tender_response", "restricted")
    assert "Nothing added" in report and "Choose the supplier" in report
    assert kept(chosen_files) and (incoming / "acme_bid.md").exists()
    assert services.store.documents() == []

    report, chosen_files, *_ = add(files, "Acme Ltd", [], "tender_response", "restricted")
    assert "Added 1 file" in report and chosen_files is None  # added: the chooser is cleared
    assert [d.supplier for d in services.store.documents()] == ["Acme Ltd"]


def test_after_an_upload_the_form_goes_back_to_restricted_and_no_areas(services, incoming):
    """A second batch went in public because the form kept the first batch's choice."""
    add = handler(services, "add_documents")
    *_, areas, audience = add([str(incoming / "acme_bid.md")], "Acme Ltd", ["Testville"], "tender_response", "public")
    assert (areas, audience) == ([], "restricted")
    *_, areas, audience = add([str(incoming / "acme_bid.md")], " ", ["Testville"], "tender_response", "public")
    assert kept(areas) and kept(audience)  # nothing added: the choices stay, to fix and try again


def test_a_file_stored_for_another_supplier_is_explained_for_this_page_without_server_paths(services, incoming):
    add = handler(services, "add_documents")
    add([str(incoming / "acme_bid.md")], "Acme Ltd", [], "tender_response", "restricted")
    (incoming / "acme_bid.md").write_text(BID, "utf-8")  # the same file, uploaded again
    report, *_ = add([str(incoming / "acme_bid.md")], "Another Ltd", [], "tender_response", "restricted")
    assert "already stored as acme_bid.md" in report and "Change, re-read or delete a document" in report
    assert "/" not in report.split("already stored")[1].split("</li>")[0] and "ingest " not in report


def test_a_council_policy_needs_no_supplier(services, incoming):
    add = handler(services, "add_documents")
    report, *_ = add([str(incoming / "acme_bid.md")], "", [], "policy", "restricted")
    assert "Added 1 file" in report and services.store.documents()[0].supplier == ""
    report, *_ = add([], "", [], "policy", "restricted")
    assert "Choose one or more files first" in report


def test_the_document_stays_chosen_after_saving_and_reading_again(services, incoming):
    handler(services, "add_documents")([str(incoming / "acme_bid.md")], "Acme Ltd", [],
                                       "tender_response", "restricted")
    (doc,) = services.store.documents()
    fields = (doc.doc_id, "Acme Housing", ["Testville"], "tender_response", "public")

    message, _table, chosen, *_ = handler(services, "save_details")(*fields)
    assert "Saved the details of acme_bid.md" in message and chosen["value"] == doc.doc_id

    message, _table, chosen, *_ = handler(services, "reingest")(*fields)
    assert "Read 1 file again" in message and "Added" not in message
    assert chosen["value"] == doc.doc_id
    assert services.store.docs[doc.doc_id].supplier == "Acme Housing"

    message, _table, chosen, *_ = handler(services, "delete_document")(*fields)
    assert "Deleted acme_bid.md" in message and chosen["value"] is None  # gone: nothing chosen


def test_delete_with_no_document_chosen_says_what_to_choose(services):
    app = ui.build_commissioner_app(services)
    ask = next(f.fn for f in app.fns.values() if getattr(f.fn, "__name__", "") == "ask_delete")
    confirm, message = ask(None)
    assert confirm["visible"] is False and "Choose a document first" in message
    confirm, message = ask("doc-1")
    assert confirm["visible"] is True and message == ""


def test_the_charter_tab_compares_the_bidders_of_one_tender(services, tmp_path):
    from ingest.parse import IngestMeta

    for name, supplier, tender in (("a.md", "Acme Ltd", "T-1"), ("b.md", "Bolt Ltd", "T-1"), ("c.md", "Cole Ltd", "")):
        (tmp_path / name).write_text(f"# Bid\n\n## Jobs\n\n{supplier} will create 5 apprenticeships in Leeds by 2028.\n",
                                     encoding="utf-8")
        services.ingest([tmp_path / name], IngestMeta(supplier, ("Leeds",), "tender_response", tender=tender))
    compare = handler(services, "compare")
    one = compare(["Acme Ltd", "Bolt Ltd", "Cole Ltd"], "", "T-1")
    assert "Acme Ltd will create 5" in one and "Bolt Ltd will create 5" in one
    assert "Cole Ltd" not in one  # only the tender's bidders
    every = compare(["Acme Ltd", "Bolt Ltd", "Cole Ltd"], "", "")
    assert "Cole Ltd" in every
