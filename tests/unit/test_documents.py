"""Managing documents from the app, and the wiring the apps use (active charter, public view)."""

import pytest

from assistant.app import documents
from assistant.config import load_settings
from assistant.errors import SvaError
from assistant.register.charter import CharterError
from assistant.services import PublicView, Services
from ingest.parse import IngestMeta
from tests.fakes import HashEmbedder, MemoryStore
from tests.unit.test_register import BID, CHARTER

SECRET = "# Bolt pricing\n\nWe will create 7 apprenticeships in Testville by 2030 under ZEBRA-42.\n"


@pytest.fixture
def services(tmp_path, monkeypatch):
    for key in ("SVA_CHARTER", "SVA_LLM"):
        monkeypatch.delenv(key, raising=False)
    return Services(load_settings(store=tmp_path / "store"), embedder=HashEmbedder(),
                    store=MemoryStore())


@pytest.mark.parametrize("name, safe", [
    ("report.pdf", "report.pdf"),
    ("../../etc/passwd", "passwd"),
    ("..\\..\\windows\\evil.docx", "evil.docx"),
    (".hidden.md", "hidden.md"),
    ("..", "document"),
    ("", "document"),
    ("Acme Bid (final) v2.PDF", "Acme Bid (final) v2.pdf"),
    ("rates;rm -rf $HOME|x.txt", "rates_rm -rf _HOME_x.txt"),
    ("<script>alert(1)</script>.md", "script.md"),
    ("<img src=x onerror=alert(1)>.md", "img src_x onerror_alert(1).md"),
    ("bid\x00.pdf.exe", "bid_.pdf.exe"),
])
def test_safe_names_are_only_names(name, safe):
    assert documents.safe_name(name) == safe
    assert "/" not in safe and "\\" not in safe and not safe.startswith(".")


def test_uploads_are_kept_per_supplier_under_safe_names(tmp_path):
    incoming = tmp_path / "gradio-tmp"
    incoming.mkdir()
    (incoming / "bid.md").write_text("one", "utf-8")
    (incoming / "other").mkdir()
    (incoming / "other" / "bid.md").write_text("two", "utf-8")
    folder = tmp_path / "uploads"
    saved = documents.save_uploads([incoming / "bid.md", incoming / "other" / "bid.md"], folder, "../Acme Ltd")
    assert [p.read_text("utf-8") for p in saved] == ["one", "two"]
    assert all(p.parent.parent == folder / documents.supplier_folder("../Acme Ltd") for p in saved)
    assert len(set(saved)) == 2 and {p.name for p in saved} == {"bid.md"}
    assert documents.supplier_folder("../Acme Ltd").startswith("Acme Ltd-")
    assert documents.save_uploads([incoming / "bid.md"], folder, "")[0].parent.parent.name.startswith("no-supplier-")


def test_upload_ingest_update_reingest_delete(services, tmp_path):
    (tmp_path / "acme.md").write_text(BID, encoding="utf-8")
    saved = documents.save_uploads([tmp_path / "acme.md"], documents.uploads_dir(services), "Acme")
    report = services.ingest(saved, IngestMeta("Acme", ("Testville",)))
    assert report.ok and len(report.ingested) == 1
    doc_id = report.ingested[0]["doc_id"]
    assert services.store.docs[doc_id].audience == "restricted"  # least privilege by default

    updated = documents.update_details(services, doc_id, IngestMeta("Acme Housing", ("Northend",),
                                                                    "tender_response", "public"))
    assert (updated.supplier, updated.areas, updated.audience) == ("Acme Housing", ["Northend"], "public")
    assert services.retriever("public").search("apprenticeships", k=3)

    again = documents.reingest(services, doc_id)
    assert again.ingested and again.ingested[0]["doc_id"] == doc_id and "updated" not in again.ingested[0]
    assert services.store.docs[doc_id].supplier == "Acme Housing"  # details survive a re-read

    gone = documents.delete(services, doc_id)
    assert gone.doc_id == doc_id and doc_id not in services.store.docs
    assert not saved[0].exists()  # sva's own copy goes too
    with pytest.raises(SvaError, match="no longer in the store"):
        documents.delete(services, doc_id)


def test_reingest_keeps_a_bids_tender_and_lot(services, tmp_path):
    (tmp_path / "acme.md").write_text(BID, encoding="utf-8")
    meta = IngestMeta("Acme", ("Testville",), "tender_response", tender="T-1", lot="2")
    doc_id = services.ingest([tmp_path / "acme.md"], meta).ingested[0]["doc_id"]
    again = documents.reingest(services, doc_id)
    assert again.ingested[0]["doc_id"] == doc_id
    assert (services.store.docs[doc_id].tender, services.store.docs[doc_id].lot) == ("T-1", "2")


def test_reingest_refuses_when_the_file_is_gone_and_keeps_the_document(services, tmp_path):
    (tmp_path / "acme.md").write_text(BID, encoding="utf-8")
    doc_id = services.ingest([tmp_path / "acme.md"], IngestMeta("Acme")).ingested[0]["doc_id"]
    (tmp_path / "acme.md").unlink()
    with pytest.raises(SvaError, match="upload it again"):
        documents.reingest(services, doc_id)
    assert doc_id in services.store.docs


def test_delete_leaves_files_sva_does_not_own(services, tmp_path):
    (tmp_path / "acme.md").write_text(BID, encoding="utf-8")
    doc_id = services.ingest([tmp_path / "acme.md"], IngestMeta("Acme")).ingested[0]["doc_id"]
    documents.delete(services, doc_id)
    assert (tmp_path / "acme.md").exists()


def test_a_saved_charter_becomes_active_and_remaps_without_reingesting(services, tmp_path):
    (tmp_path / "acme.md").write_text(BID, encoding="utf-8")
    services.ingest([tmp_path / "acme.md"], IngestMeta("Acme", ("Testville",), audience="public"))
    before = services.current_register("all")
    assert services.current_register("all") is before  # built once per charter version
    assert "Testville" not in before.charter.areas
    with pytest.raises(CharterError) as bad:
        services.save_charter(CHARTER.replace("theme: environment", "theme: weather"), "mine.yaml")
    assert any(p.startswith("line 11: outcomes.1.theme") for p in bad.value.problems), bad.value.problems
    assert services.charter_path() is None  # nothing was saved
    services.save_charter(CHARTER, "mine.yaml")
    after = services.current_register("all")
    assert after is not before and after.charter.areas == ["Testville", "Northend"]
    assert {o for c in after.all() for o in c.outcomes} <= {"J1", "E1"}
    assert services.public().register().charter.name == "Charter for Testville"


def test_the_public_view_hands_out_only_public_handles(services, tmp_path):
    (tmp_path / "acme.md").write_text(BID, encoding="utf-8")
    (tmp_path / "secret.md").write_text(SECRET, encoding="utf-8")
    services.ingest([tmp_path / "acme.md"], IngestMeta("Acme", ("Testville",), audience="public"))
    services.ingest([tmp_path / "secret.md"], IngestMeta("Bolt", ("Testville",)))
    assert any("ZEBRA" in c.text for c in services.current_register("all").all())  # control
    public = services.public()
    assert isinstance(public, PublicView) and not hasattr(public, "retriever")
    register, answerer = public.register(), public.answerer()
    assert register.audience == "public" and answerer.retriever.audience == "public"
    assert not any("ZEBRA" in c.text for c in register.all())
    assert "ZEBRA" not in answerer.answer("What is ZEBRA-42?").answer
    assert "ZEBRA" not in answerer.answer("What did Bolt promise for Testville?").answer


def test_passages_are_found_by_quote_and_only_for_the_audience(services, tmp_path):
    (tmp_path / "acme.md").write_text(BID, encoding="utf-8")
    (tmp_path / "secret.md").write_text(SECRET, encoding="utf-8")
    acme = services.ingest([tmp_path / "acme.md"], IngestMeta("Acme", audience="public")).ingested[0]["doc_id"]
    secret = services.ingest([tmp_path / "secret.md"], IngestMeta("Bolt")).ingested[0]["doc_id"]
    everyone, public = services.retriever("all"), services.retriever("public")
    chunk = public.passage(acme, "We will plant  300 trees\nin Northend by 2029.")
    assert chunk is not None and "300 trees" in chunk.text
    assert public.passage(acme, "a sentence that is not there at all") is not None  # best overlap
    assert public.passage(secret, "7 apprenticeships") is None
    assert "ZEBRA" in everyone.passage(secret, "7 apprenticeships").text
    assert everyone.passage("0" * 20, "anything") is None


def test_a_failed_or_skipped_upload_leaves_no_copy_behind(services, tmp_path, monkeypatch):
    incoming = tmp_path / "gradio-tmp"
    incoming.mkdir()
    (incoming / "bid.md").write_text(BID, "utf-8")
    (incoming / "empty.pdf").write_bytes(b"")  # skipped at ingest: not a PDF
    uploads = documents.uploads_dir(services)
    report = documents.add(services, [incoming / "bid.md", incoming / "empty.pdf"], IngestMeta("Acme"),
                           received=incoming)
    assert [s["path"].endswith("empty.pdf") for s in report.skipped] == [True]
    assert sorted(p.name for p in uploads.rglob("*") if p.is_file()) == ["bid.md"]

    (incoming / "other.md").write_text(BID.replace("Acme", "Bolt"), "utf-8")

    def broken(*args, **kwargs):
        raise RuntimeError("the ingest died")

    monkeypatch.setattr(services, "ingest", broken)
    with pytest.raises(RuntimeError):
        documents.add(services, [incoming / "other.md"], IngestMeta("Bolt"), received=incoming)
    assert sorted(p.name for p in uploads.rglob("*") if p.is_file()) == ["bid.md"]


def test_adding_a_stored_file_again_keeps_the_details_the_form_leaves_as_it_opens(services, tmp_path):
    """Uploaded again with only its supplier chosen, a public document of Testville stays public
    and keeps its area: the form's opening values (no areas, restricted) are no change."""
    (tmp_path / "acme.md").write_text(BID, encoding="utf-8")
    first = services.ingest([tmp_path / "acme.md"], documents.form_meta("Acme", ["Testville"], "tender_response",
                                                                       "public", adding=True))
    doc_id = first.ingested[0]["doc_id"]
    services.ingest([tmp_path / "acme.md"], documents.form_meta("Acme Housing", [], "other", "restricted",
                                                                adding=True))
    doc = services.store.docs[doc_id]
    assert (doc.supplier, doc.areas, doc.audience, doc.doc_type) == (
        "Acme Housing", ["Testville"], "public", "tender_response")
