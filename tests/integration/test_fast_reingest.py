"""Re-ingesting unchanged files answers from the local manifest copy without opening Chroma."""

import pytest

from assistant.config import load_settings
from assistant.services import Services
from ingest.parse import IngestMeta
from tests.fakes import HashEmbedder

pytestmark = pytest.mark.integration


def services(store):
    return Services(load_settings(store=store), embedder=HashEmbedder())


def test_unchanged_files_skip_chroma_and_any_change_takes_the_full_path(tmp_path):
    doc = tmp_path / "bid.md"
    doc.write_text("# Bid\n\nWe will plant 300 trees in Millbrook by 2027.\n", encoding="utf-8")
    store = tmp_path / "store"
    first = services(store).ingest([doc], IngestMeta("Acme"))
    assert first.ingested and (store / "manifest.json").exists()

    again = services(store)
    report = again.ingest([doc], IngestMeta("Acme"))
    assert report.unchanged == [str(doc)] and not again.store_opened  # Chroma never opened

    moved_meta = services(store)
    report = moved_meta.ingest([doc], IngestMeta("Acme", audience="public"))
    assert report.ingested[0]["updated"] == "metadata" and moved_meta.store_opened

    doc.write_text("# Bid\n\nWe will plant 400 trees in Millbrook by 2027.\n", encoding="utf-8")
    changed = services(store).ingest([doc], IngestMeta("Acme", audience="public"))
    assert changed.ingested and not changed.unchanged


def test_any_write_outside_an_ingest_invalidates_the_copy(tmp_path):
    doc = tmp_path / "bid.md"
    doc.write_text("# Bid\n\nWe will plant 300 trees in Millbrook by 2027.\n", encoding="utf-8")
    store = tmp_path / "store"
    owner = services(store)
    owner.ingest([doc], IngestMeta())
    owner.store.delete_document(owner.store.documents()[0].doc_id)
    assert not (store / "manifest.json").exists()
    report = services(store).ingest([doc], IngestMeta())
    assert report.ingested  # deleted, so ingested again rather than "unchanged"
