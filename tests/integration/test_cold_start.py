"""A new process over a Chroma store answers from the saved search index without opening Chroma,
and sees what another process wrote since."""

import pytest

from assistant.config import load_settings
from assistant.services import Services
from ingest.parse import IngestMeta
from tests.fakes import HashEmbedder

pytestmark = pytest.mark.integration


def services(store):
    return Services(load_settings(store=store), embedder=HashEmbedder())


def sources(svc, query):
    return [h.chunk.source for h in svc.retriever().search(query, k=3)]


def test_a_new_process_answers_without_opening_chroma_until_the_store_changes(tmp_path):
    store = tmp_path / "store"
    (tmp_path / "bid.md").write_text("# Bid\n\nWe will plant 300 trees in Millbrook by 2027.\n", "utf-8")
    services(store).ingest([tmp_path / "bid.md"], IngestMeta("Acme"))
    assert (store / "generation").exists()
    first = services(store)
    assert sources(first, "trees in Millbrook") == ["bid.md"]  # builds and saves the index
    assert (store / "mirror" / "current").exists()

    cold = services(store)
    assert sources(cold, "trees in Millbrook") == ["bid.md"] and not cold.store._opened

    (tmp_path / "vans.md").write_text("# Fleet\n\nWe will run 40 electric vans in Leeds.\n", "utf-8")
    services(store).ingest([tmp_path / "vans.md"], IngestMeta("Acme"))  # another process writes
    assert sources(cold, "electric vans in Leeds")[0] == "vans.md"

    deleter = services(store)
    deleter.store.delete_document(deleter.store.documents()[0].doc_id)  # a write outside an ingest
    assert not (store / "generation").exists()  # so readers ask Chroma again
    assert len(cold.mirror.snapshot()) == 1
