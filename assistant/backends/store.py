"""The Store seam: what search reads and what the library writes, as two small Protocols.

The real store is ChromaStore (assistant/backends/chroma.py, embedded on disk or a server); unit
tests use tests/fakes.MemoryStore. One contract suite (tests/unit/test_store_contract.py) runs
against both, so the fake is trusted only as far as the real store behaves the same.

Consistency rule every implementation keeps: a document is visible (in ``documents()``) only once
all its chunks and statements are written, and every write bumps ``generation()``, so a reader
that saw generation g and sees it again has nothing new to read.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from ingest.records import ChunkRecord, DocRecord, StatementRecord


@dataclass(frozen=True)
class DocumentWrite:
    """One document to store: its manifest record, chunks and statements with their vectors
    (row-aligned)."""

    doc: DocRecord
    chunks: Sequence[ChunkRecord]
    vectors: np.ndarray
    statements: Sequence[StatementRecord] = ()
    statement_vectors: np.ndarray | None = None
    replaces: bool = False  # the document is stored already (read again): its records not written here go


class StoreReader(Protocol):
    """What the in-memory search mirror needs."""

    def generation(self) -> int:
        """A counter that grows with every write (any process): compare it to see change."""
        ...

    def documents(self) -> list[DocRecord]:
        """The manifest: every document stored whole, in no particular order."""
        ...

    def chunks(self, doc_ids: Sequence[str]) -> Iterator[tuple[ChunkRecord, np.ndarray]]:
        """Every chunk of these documents with its vector (float32, unit length)."""
        ...

    def statements(self, doc_ids: Sequence[str]) -> Iterator[tuple[StatementRecord, np.ndarray]]:
        """Every commitment and delivery claim of these documents with its vector."""
        ...


class StoreWriter(Protocol):
    """What the library (assistant/library.py) and the document manager need to change it."""

    def writing(self) -> AbstractContextManager:
        """Hold the store for one writer (a second is refused with the holder's name)."""
        ...

    def check_embedder(self, name: str) -> None:
        """Raise StoreError when the store was built by another embedding model."""
        ...

    def record_embedder(self, name: str) -> None:
        """Remember which model built the store (before its first vectors are written)."""
        ...

    def add_document(self, doc: DocRecord, chunks: Sequence[ChunkRecord], vectors: np.ndarray,
                     statements: Sequence[StatementRecord] = (),
                     statement_vectors: np.ndarray | None = None) -> None:
        """Write a document's chunks and statements, then its manifest record (so it is
        visible only when whole). Vectors are row-aligned with chunks and statements."""
        ...

    def add_documents(self, writes: Sequence[DocumentWrite]) -> None:
        """``add_document`` for several documents in as few requests as the backend allows (each
        request costs a store far more than its records do): every chunk and statement first,
        then all the manifest records, so each document is still visible only when whole. A write
        that ``replaces`` a stored document overwrites its records in place and then removes the
        ones the new version does not hold: the document never leaves the store on the way."""
        ...

    def update_document(self, doc: DocRecord) -> None:
        """Change a stored document's supplier, areas, type or audience everywhere it is copied."""
        ...

    def delete_document(self, doc_id: str) -> None:
        """Remove a document: its manifest record first (never half-visible), then the rest."""
        ...

    def orphan_doc_ids(self) -> set[str]:
        """Ids with chunks but no manifest record: left by an ingest that died half-way."""
        ...

    def purge_chunks(self, doc_id: str) -> None:
        """Remove everything stored for a document except its manifest record."""
        ...


class Store(StoreReader, StoreWriter, Protocol):
    """Both halves: what Services holds."""
