"""The search mirror saved beside the store: a new process answers from it without rebuilding,
and a copy that is stale or damaged is rebuilt from the store."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from assistant.library import ingest
from assistant.search.mirror import Mirror
from assistant.search.retriever import Filters, Retriever
from ingest.parse import IngestMeta
from tests.fakes import HashEmbedder, MemoryStore


class ReadCountingStore(MemoryStore):
    """MemoryStore that counts reads of chunks: a mirror loaded from its saved copy makes none."""

    def __init__(self) -> None:
        super().__init__()
        self.chunk_reads = 0

    def chunks(self, doc_ids):
        self.chunk_reads += 1
        return super().chunks(doc_ids)


@pytest.fixture
def store(tmp_path):
    store = ReadCountingStore()
    docs = {"fleet.md": ("Acme", "public", "# Fleet\n\nWe will run 40 electric vans in Leeds by 2027.\n"),
            "jobs.md": ("Bolt", "restricted", "# Jobs\n\nWe will create 12 apprenticeships in York.\n"),
            "food.md": ("Acme", "public", "# Food\n\nWe will give 500 hours to the Leeds food bank.\n")}
    for name, (supplier, audience, text) in docs.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        ingest([tmp_path / name], store, HashEmbedder(), IngestMeta(supplier, ("Leeds",), audience=audience))
    return store


def results(mirror: Mirror, query: str, **filters) -> list[tuple[str, float]]:
    hits = Retriever(mirror, HashEmbedder()).search(query, k=3, filters=Filters(**filters))
    return [(h.chunk.source, round(h.score, 6)) for h in hits]


def test_a_new_process_answers_from_the_saved_copy_without_reading_the_store(store, tmp_path):
    saved = tmp_path / "mirror"
    built = Mirror(store, saved)
    expected = results(built, "electric vans"), results(built, "apprenticeships", supplier="Bolt")
    reads = store.chunk_reads

    loaded = Mirror(store, saved)  # what a new process does
    assert (results(loaded, "electric vans"), results(loaded, "apprenticeships", supplier="Bolt")) == expected
    assert store.chunk_reads == reads
    snap, fresh = loaded.snapshot(), built.snapshot()
    assert isinstance(snap.vectors, np.memmap) and np.allclose(snap.vectors, fresh.vectors)
    assert list(snap.chunks) == list(fresh.chunks) and list(snap.statements) == list(fresh.statements)
    assert snap.bm25.idf == fresh.bm25.idf
    public = Retriever(loaded, HashEmbedder(), audience="public").search("apprenticeships", k=3)
    assert all(h.chunk.audience == "public" for h in public)


def test_a_copy_made_stale_by_another_writer_is_brought_up_to_date(store, tmp_path):
    saved = tmp_path / "mirror"
    Mirror(store, saved).snapshot()
    loaded = Mirror(store, saved)
    assert results(loaded, "solar panels") == [] or "solar.md" not in dict(results(loaded, "solar panels"))

    (tmp_path / "solar.md").write_text("# Solar\n\nWe will fit solar panels on 30 schools.\n", "utf-8")
    ingest([tmp_path / "solar.md"], store, HashEmbedder(), IngestMeta("Acme"))  # another process
    gone = next(d.doc_id for d in store.documents() if d.source == "jobs.md")
    store.delete_document(gone)

    sources = [s for s, _ in results(loaded, "solar panels schools apprenticeships")]
    assert sources[0] == "solar.md" and "jobs.md" not in sources
    reads = store.chunk_reads
    newest = Mirror(store, saved)  # the next new process finds the copy in step again
    assert results(newest, "solar panels") == results(loaded, "solar panels")
    assert store.chunk_reads == reads


def test_a_copy_of_another_generation_is_rebuilt(store, tmp_path):
    saved = tmp_path / "mirror"
    Mirror(store, saved).snapshot()
    store.delete_document(store.documents()[0].doc_id)
    reads = store.chunk_reads
    mirror = Mirror(store, saved)
    assert len(mirror.snapshot()) == 2 and store.chunk_reads == reads + 1


@pytest.mark.parametrize("damage", ["meta", "vectors", "records", "pointer"])
def test_a_damaged_copy_is_logged_and_rebuilt(store, tmp_path, caplog, damage):
    saved = tmp_path / "mirror"
    expected = results(Mirror(store, saved), "electric vans")
    folder = saved / (saved / "current").read_text()
    if damage == "meta":
        (folder / "meta.json").write_text("{not json", encoding="utf-8")
    elif damage == "vectors":
        data = (folder / "vectors.npy").read_bytes()
        (folder / "vectors.npy").write_bytes(data[: len(data) // 2])
    elif damage == "records":
        (folder / "chunks.jsonl").write_bytes(b"x")
    else:
        (saved / "current").write_text("nowhere", encoding="utf-8")
    reads = store.chunk_reads
    with caplog.at_level(logging.WARNING, logger="sva"):
        mirror = Mirror(store, saved)
        assert results(mirror, "electric vans") == expected
    assert store.chunk_reads == reads + 1
    if damage != "pointer":  # a missing copy is no news; a damaged one is
        assert "unreadable" in caplog.text
    assert results(Mirror(store, saved), "electric vans") == expected  # saved anew, whole
    assert store.chunk_reads == reads + 1


def test_a_write_that_changes_no_rows_keeps_the_copy_in_use(store, tmp_path):
    saved = tmp_path / "mirror"
    mirror = Mirror(store, saved)
    mirror.snapshot()
    doc = store.documents()[0]
    store.update_document(doc)  # the same metadata: a new generation, the same rows
    mirror.snapshot()
    reads = store.chunk_reads
    assert len(Mirror(store, saved).snapshot()) == 3 and store.chunk_reads == reads
