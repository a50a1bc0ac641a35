"""One contract, two stores: the in-memory fake is trusted only as far as ChromaStore behaves
the same (see assistant/backends/store.py for the rules each method keeps)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from assistant.errors import StoreError
from ingest.records import ChunkRecord, DocRecord, StatementRecord
from tests.fakes import MemoryStore


@pytest.fixture(params=["memory", pytest.param("chroma", marks=pytest.mark.integration)])
def store(request, tmp_path):
    if request.param == "memory":
        return MemoryStore()
    from assistant.backends.chroma import ChromaStore

    return ChromaStore(path=tmp_path / "store")


def doc(doc_id: str, **fields) -> DocRecord:
    return DocRecord(doc_id=doc_id, path=f"/in/{doc_id}.md", source=f"{doc_id}.md", title=doc_id,
                     format="markdown", supplier="Acme", areas=["Leeds"], **fields)


def chunks(doc_id: str, n: int = 3) -> list[ChunkRecord]:
    return [ChunkRecord(chunk_id=f"{doc_id}:{i}", doc_id=doc_id, text=f"text {i} of {doc_id}",
                        header=doc_id, source=f"{doc_id}.md", title=doc_id, page=i + 1 if i else None,
                        section="Jobs", char_start=i * 10, char_end=i * 10 + 9, supplier="Acme",
                        areas=["Leeds"], doc_type="tender_response", audience="restricted")
            for i in range(n)]


def statements(doc_id: str) -> list[StatementRecord]:
    return [StatementRecord(statement_id=f"{doc_id}:s0", doc_id=doc_id, kind="commitment",
                            text="We will create 20 jobs.", sentence="We will create 20 jobs.",
                            quantity=20.0, unit="jobs", deadline="by 2027", deadline_year=2027,
                            recurring=False, places=["Leeds"], beneficiary=None, page=None,
                            section="Jobs", source=f"{doc_id}.md", title=doc_id, supplier="Acme",
                            areas=["Leeds"], doc_type="tender_response", audience="restricted",
                            columns="Commitment | Target | By", lead="In year 1 we:")]


def vectors(n: int, seed: int = 0) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(n, 8)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def add(store, doc_id: str, n: int = 3) -> None:
    with store.writing():
        store.record_embedder("model:test")
        store.add_document(doc(doc_id, chunks=n, commitments=1), chunks(doc_id, n), vectors(n),
                           statements(doc_id), vectors(1, 1))


def test_a_document_reads_back_whole_with_its_vectors_and_provenance(store):
    add(store, "d1")
    assert [d.doc_id for d in store.documents()] == ["d1"]
    got = sorted(store.chunks(["d1"]), key=lambda row: row[0].chunk_id)
    assert [c for c, _ in got] == chunks("d1")
    assert np.allclose(np.stack([v for _, v in got]), vectors(3), atol=1e-6)
    (statement, vector), = list(store.statements(["d1"]))
    assert statement == statements("d1")[0] and np.allclose(vector, vectors(1, 1)[0], atol=1e-6)
    assert list(store.chunks(["nope"])) == [] and list(store.statements([])) == []


def test_every_write_moves_the_generation_on(store):
    seen = [store.generation()]
    add(store, "d1")
    seen.append(store.generation())
    store.update_document(replace(store.documents()[0], audience="public"))
    seen.append(store.generation())
    store.delete_document("d1")
    seen.append(store.generation())
    assert seen == sorted(set(seen))


def test_a_metadata_change_reaches_every_copy(store):
    add(store, "d1")
    store.update_document(replace(store.documents()[0], supplier="Bolt", areas=["York"], audience="public"))
    assert store.documents()[0].supplier == "Bolt"
    assert {(c.supplier, tuple(c.areas), c.audience) for c, _ in store.chunks(["d1"])} == {("Bolt", ("York",), "public")}
    assert {(s.supplier, s.audience) for s, _ in store.statements(["d1"])} == {("Bolt", "public")}


def test_delete_removes_everything_and_leaves_the_others(store):
    add(store, "d1")
    add(store, "d2")
    store.delete_document("d1")
    assert [d.doc_id for d in store.documents()] == ["d2"]
    assert list(store.chunks(["d1"])) == [] and list(store.statements(["d1"])) == []
    assert len(list(store.chunks(["d2"]))) == 3


def test_deleting_and_purging_leave_no_orphans(store):
    add(store, "d1")
    add(store, "d2")
    store.delete_document("d1")
    store.purge_chunks("d2")  # what an ingest does for a document a crash left half-written
    assert store.orphan_doc_ids() == set() and list(store.chunks(["d2"])) == []
    assert [d.doc_id for d in store.documents()] == ["d2"]  # purge keeps the manifest record


def test_a_store_refuses_vectors_from_another_model(store):
    add(store, "d1")
    store.check_embedder("model:test")
    with pytest.raises(StoreError):
        store.check_embedder("model:other")


def test_a_document_with_more_pledges_than_one_write_takes_is_stored_whole(store):
    """Issue 16: 6,000 pledges in one document (Chroma takes at most 5,461 records a request here)
    are written in batches, and read back every one."""
    n = 6_000
    pledge = statements("big")[0]
    many = [replace(pledge, statement_id=f"big:s{i}", text=f"We will plant {i} trees.") for i in range(n)]
    with store.writing():
        store.record_embedder("model:test")
        store.add_document(doc("big", chunks=1, commitments=n), chunks("big", 1), vectors(1), many, vectors(n, 2))
    got = list(store.statements(["big"]))
    assert len(got) == n and {s.statement_id for s, _ in got} == {s.statement_id for s in many}


def test_a_document_read_again_is_overwritten_in_place_and_keeps_only_what_it_now_holds(store):
    from assistant.backends.store import DocumentWrite

    add(store, "d1", n=3)
    fewer = chunks("d1", 2)
    with store.writing():
        store.add_documents([DocumentWrite(doc("d1", chunks=2, commitments=0), fewer, vectors(2, 5), (),
                                           None, replaces=True)])
    assert [d.doc_id for d in store.documents()] == ["d1"] and store.documents()[0].chunks == 2
    assert sorted(c.chunk_id for c, _ in store.chunks(["d1"])) == ["d1:0", "d1:1"]
    assert list(store.statements(["d1"])) == []
    np.testing.assert_allclose(next(v for c, v in store.chunks(["d1"]) if c.chunk_id == "d1:1"), vectors(2, 5)[1],
                               rtol=1e-5)


def test_a_statement_read_again_loses_the_fields_it_no_longer_has(store):
    """After an upgrade, a pledge read again may have no figure, deadline or place any more: the
    stored copy must not keep the old ones (Chroma's upsert keeps keys it is not given)."""
    from assistant.backends.store import DocumentWrite

    add(store, "d1", n=1)
    [said] = statements("d1")
    bare = replace(said, quantity=None, unit=None, deadline=None, deadline_year=None, places=[], columns="", lead="")
    with store.writing():
        store.add_documents([DocumentWrite(doc("d1", chunks=1, commitments=1), chunks("d1", 1), vectors(1),
                                           [bare], vectors(1, 1), replaces=True)])
    [(back, _)] = list(store.statements(["d1"]))
    assert (back.quantity, back.unit, back.deadline, back.deadline_year, back.places) == (None, None, None, None, [])
    assert back.columns == back.lead == ""  # no longer a table row or list item: its old header and lead-in go
