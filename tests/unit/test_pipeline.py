from pathlib import Path

import pytest

from assistant.errors import StoreError, SvaError
from assistant.library import ingest
from ingest.parse import ChunkingOptions, IngestMeta
from tests.fakes import CountingEmbedder, MemoryStore

BID = ("# Acme Housing bid\n\n## Jobs\n\nWe will create 20 apprenticeships for Rotherham "
       "residents by 2026. We will also offer 40 work placements each year.\n\n"
       "## Environment\n\nWe will reach net zero by 2030.\n")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "bid.md").write_text(BID, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("Site visits happen every Tuesday.\n", encoding="utf-8")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n% truncated")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".hidden.md").write_text("secret", encoding="utf-8")
    return tmp_path


def test_bad_files_are_skipped_with_reasons_and_good_ones_ingested(folder):
    store = MemoryStore()
    report = ingest([folder], store, CountingEmbedder(), IngestMeta(supplier="Acme"))
    assert sorted(Path(i["path"]).name for i in report.ingested) == ["bid.md", "notes.txt"]
    reasons = {Path(s["path"]).name: s["reason"] for s in report.skipped}
    assert set(reasons) == {"broken.pdf", "empty.txt"}
    assert "damaged" in reasons["broken.pdf"] and "empty" in reasons["empty.txt"]
    assert [Path(p).name for p in report.ignored] == ["sheet.xlsx"]  # walked: not an error
    assert not report.ok
    assert len(store.docs) == 2 and all(c.supplier == "Acme" for c, _ in store.rows.values())


def test_files_of_other_types_in_a_walked_folder_are_ignored_not_failed(tmp_path):
    (tmp_path / "bid.md").write_text(BID, encoding="utf-8")
    (tmp_path / "questions.jsonl").write_text('{"question": "q"}\n', encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n")
    report = ingest([tmp_path], MemoryStore(), CountingEmbedder())
    assert report.ok and len(report.ingested) == 1
    assert sorted(Path(p).name for p in report.ignored) == ["logo.png", "questions.jsonl"]
    assert report.as_json()["ignored"] == report.ignored


def test_a_named_file_of_an_unread_type_is_still_skipped_with_a_reason(tmp_path):
    notes = tmp_path / "questions.jsonl"
    notes.write_text('{"question": "q"}\n', encoding="utf-8")
    report = ingest([notes], MemoryStore(), CountingEmbedder())
    assert not report.ok and report.ignored == []
    assert "unsupported file type '.jsonl'" in report.skipped[0]["reason"]


def test_reingest_is_unchanged_and_embeds_nothing(folder):
    store, embedder = MemoryStore(), CountingEmbedder()
    ingest([folder / "bid.md"], store, embedder)
    embedded = embedder.texts_embedded
    report = ingest([folder / "bid.md"], store, embedder)
    assert report.unchanged == [str(folder / "bid.md")] and not report.ingested
    assert embedder.texts_embedded == embedded


def test_reread_reads_the_same_bytes_again_in_place(folder, monkeypatch):
    import assistant.library as library

    store, embedder = MemoryStore(), CountingEmbedder()
    first = ingest([folder / "bid.md"], store, embedder, IngestMeta("Acme", tender="T-1", lot="2"))
    doc_id, rows = first.ingested[0]["doc_id"], len(store.rows)
    before = embedder.texts_embedded
    again = ingest([folder / "bid.md"], store, embedder, IngestMeta(), reread=True)
    assert [i["doc_id"] for i in again.ingested] == [doc_id] and not again.unchanged
    assert embedder.texts_embedded > before  # read and embedded again
    assert list(store.docs) == [doc_id] and len(store.rows) == rows  # in place: nothing twice
    kept = store.docs[doc_id]  # with the details it was stored with, not the run's defaults
    assert (kept.supplier, kept.tender, kept.lot) == ("Acme", "T-1", "2")
    assert {c.supplier for c, _ in store.rows.values()} == {"Acme"}

    def unreadable(*args, **kwargs):
        raise library.LoadError("the reader now fails on it")
    monkeypatch.setattr(library, "parse", unreadable)
    failed = ingest([folder / "bid.md"], store, embedder, IngestMeta("Acme"), reread=True)
    assert failed.skipped and "now fails" in failed.skipped[0]["reason"]
    assert list(store.docs) == [doc_id] and len(store.rows) == rows  # the stored version is kept
    monkeypatch.undo()

    def full_disk(writes):
        raise StoreError("the disk is full")
    monkeypatch.setattr(store, "add_documents", full_disk)
    with pytest.raises(StoreError):
        ingest([folder / "bid.md"], store, embedder, IngestMeta("Acme"), reread=True)
    assert list(store.docs) == [doc_id] and len(store.rows) == rows  # a failed write loses nothing


def test_changed_file_replaces_its_old_chunks(folder):
    store = MemoryStore()
    first = ingest([folder / "bid.md"], store, CountingEmbedder())
    (folder / "bid.md").write_text(BID.replace("20 apprenticeships", "25 apprenticeships"), "utf-8")
    second = ingest([folder / "bid.md"], store, CountingEmbedder())
    assert first.ingested[0]["doc_id"] != second.ingested[0]["doc_id"]
    assert list(store.docs) == [second.ingested[0]["doc_id"]]
    texts = " ".join(c.text for c, _ in store.rows.values())
    assert "25 apprenticeships" in texts and "20 apprenticeships" not in texts


def test_metadata_change_updates_without_reembedding(folder):
    store, embedder = MemoryStore(), CountingEmbedder()
    ingest([folder / "bid.md"], store, embedder, IngestMeta(audience="restricted"))
    before = embedder.texts_embedded
    report = ingest([folder / "bid.md"], store, embedder,
                    IngestMeta(audience="public", areas=("Rotherham",)))
    assert report.ingested[0]["updated"] == "metadata"
    assert embedder.texts_embedded == before
    assert {(c.audience, tuple(c.areas)) for c, _ in store.rows.values()} == {("public", ("Rotherham",))}


def test_details_not_given_are_kept_for_a_stored_file(folder):
    store, embedder = MemoryStore(), CountingEmbedder()
    ingest([folder / "bid.md"], store, embedder, IngestMeta("Acme", ("Rotherham",), "tender_response", "public"))
    doc_id = next(iter(store.docs))
    # sent again with nothing said about it: the defaults are for new files, not this one
    again = ingest([folder / "bid.md"], store, embedder, IngestMeta(given=frozenset()))
    assert again.unchanged == [str(folder / "bid.md")] and not again.ingested
    kept = store.docs[doc_id]
    assert (kept.supplier, kept.areas, kept.doc_type, kept.audience) == ("Acme", ["Rotherham"], "tender_response",
                                                                         "public")
    # one detail given changes that one only
    moved = ingest([folder / "bid.md"], store, embedder, IngestMeta(audience="restricted", given=frozenset({"audience"})))
    assert moved.ingested[0]["updated"] == "metadata" and moved.ingested[0]["changed"] == ["audience"]
    kept = store.docs[doc_id]
    assert (kept.supplier, kept.areas, kept.audience) == ("Acme", ["Rotherham"], "restricted")
    assert {(c.supplier, c.audience) for c, _ in store.rows.values()} == {("Acme", "restricted")}


def test_a_copy_of_a_stored_file_never_takes_its_details(folder, tmp_path_factory):
    store, embedder = MemoryStore(), CountingEmbedder()
    ingest([folder / "bid.md"], store, embedder, IngestMeta("Alpha Ltd"))
    copy = tmp_path_factory.mktemp("copies") / "copy.md"
    copy.write_bytes((folder / "bid.md").read_bytes())
    same = ingest([copy], store, embedder, IngestMeta("Alpha Ltd"))
    assert same.unchanged == [str(copy)] and same.ok
    other = ingest([copy], store, embedder, IngestMeta("Beta Ltd"))
    assert not other.ok and not other.ingested
    reason = other.skipped[0]["reason"]
    assert "same bytes as bid.md" in reason and "supplier" in reason and str(folder / "bid.md") in reason
    (doc,) = store.docs.values()
    assert (doc.supplier, Path(doc.path).name) == ("Alpha Ltd", "bid.md")  # the original is untouched


def test_a_stored_file_moved_elsewhere_is_found_at_its_new_path(folder, tmp_path_factory):
    store, embedder = MemoryStore(), CountingEmbedder()
    ingest([folder / "bid.md"], store, embedder, IngestMeta("Acme"))
    before = embedder.texts_embedded
    moved = tmp_path_factory.mktemp("moved") / "bid-2026.md"
    (folder / "bid.md").rename(moved)
    report = ingest([moved], store, embedder, IngestMeta("Acme"))
    assert report.ingested[0]["changed"] == ["path"] and embedder.texts_embedded == before
    (doc,) = store.docs.values()
    assert doc.path == str(moved.resolve()) and doc.supplier == "Acme"


def test_chunks_carry_provenance(folder):
    store = MemoryStore()
    ingest([folder / "bid.md"], store, CountingEmbedder(),
           IngestMeta("Acme", ("Rotherham",), "tender_response", "public"))
    chunk = next(c for c, _ in store.rows.values() if "apprenticeships" in c.text)
    assert (chunk.source, chunk.title, chunk.section, chunk.page) == ("bid.md", "Acme Housing bid", "Jobs", None)
    assert (chunk.supplier, chunk.areas, chunk.doc_type, chunk.audience) == (
        "Acme", ["Rotherham"], "tender_response", "public")
    assert chunk.header == "Acme Housing bid > Jobs"
    assert chunk.char_end > chunk.char_start


def test_missing_path_and_oversize_file_are_reported(folder):
    report = ingest([folder / "nope.pdf", folder / "bid.md"], MemoryStore(), CountingEmbedder(),
                    options=ChunkingOptions(max_bytes=10))
    reasons = {Path(s["path"]).name: s["reason"] for s in report.skipped}
    assert "no such file" in reasons["nope.pdf"] and "limit" in reasons["bid.md"]


def test_orphan_chunks_from_a_dead_ingest_are_purged(folder):
    store = MemoryStore()
    ingest([folder / "bid.md"], store, CountingEmbedder())
    doc_id = next(iter(store.docs))
    del store.docs[doc_id]  # as if the process died after writing chunks, before the manifest
    report = ingest([folder / "bid.md"], store, CountingEmbedder())
    assert report.ingested and len(store.docs) == 1
    assert len({c.doc_id for c, _ in store.rows.values()}) == 1


def test_invalid_meta_is_refused():
    with pytest.raises(SvaError, match="document type"):
        IngestMeta(doc_type="brochure")
    with pytest.raises(SvaError, match="audience"):
        IngestMeta(audience="everyone")


REPORT_TEXT = ("# Year one\n\nWe created 22 apprenticeships in Rotherham.\n\n"
               "We will create 5 more apprenticeships by 2027.\n\nWe will create 5 more apprenticeships by 2027.\n")


def test_delivery_claims_are_kept_for_reports_only_and_a_type_change_rereads(tmp_path):
    (tmp_path / "r.md").write_text(REPORT_TEXT, encoding="utf-8")
    store = MemoryStore()
    ingest([tmp_path / "r.md"], store, CountingEmbedder(), IngestMeta(doc_type="tender_response"))
    assert {s.kind for s, _ in store.statement_rows.values()} == {"commitment"}
    report = ingest([tmp_path / "r.md"], store, CountingEmbedder(), IngestMeta(doc_type="social_value_report"))
    assert "updated" not in report.ingested[0]  # read again, not a metadata update
    assert {s.kind for s, _ in store.statement_rows.values()} == {"commitment", "achievement"}


def test_repeated_text_is_embedded_once(tmp_path):
    (tmp_path / "r.md").write_text(REPORT_TEXT, encoding="utf-8")
    embedder = CountingEmbedder()
    ingest([tmp_path / "r.md"], MemoryStore(), embedder, IngestMeta(doc_type="social_value_report"))
    assert embedder.texts_embedded == 1 + 2  # one chunk, one claim, one distinct pledge
