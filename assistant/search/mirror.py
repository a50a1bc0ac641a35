"""An in-memory mirror of the store for hybrid search: a vector matrix and a BM25 index.

Chroma stays the source of truth. The mirror loads each document's chunks once, follows the
store's generation counter to pick up writes from any process, and adds or drops whole
documents incrementally. Filters become boolean masks over the rows, so a filtered query costs
the same as an unfiltered one. Given a folder, the mirror is saved there after each rebuild and a
new process starts from the saved copy (memory-mapped) when it is of the store's generation, so a
cold `sva ask` does not read the whole store (assistant/search/saved.py).
"""

from __future__ import annotations

import logging
import threading
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.backends.store import Store
from assistant.search.bm25 import Bm25, RowTerms
from ingest.records import ChunkRecord, StatementRecord
from ingest.text import content_tokens

__all__ = ["Bm25", "Mirror", "Snapshot"]
log = logging.getLogger("sva")


@dataclass
class _DocSlice:
    chunks: Sequence[ChunkRecord]
    vectors: np.ndarray
    terms: RowTerms
    statements: Sequence[StatementRecord]
    statement_vectors: np.ndarray


@dataclass(frozen=True)
class Snapshot:
    """An immutable view of all rows; searches read one snapshot while a refresh builds the next."""

    chunks: Sequence[ChunkRecord]
    vectors: np.ndarray
    bm25: Bm25
    index: dict[str, dict[str, np.ndarray]]  # field -> lower-cased value -> row numbers
    statements: Sequence[StatementRecord]
    statement_vectors: np.ndarray
    terms: RowTerms  # the rows' term counts, what the BM25 postings were built from
    spans: dict[str, tuple[int, int, int, int]]  # doc_id -> its chunk rows and statement rows

    @classmethod
    def build(cls, slices: dict[str, _DocSlice], vocab: dict[str, int]) -> Snapshot:
        spans, rows, said = {}, 0, 0
        for doc_id, s in slices.items():
            spans[doc_id] = (rows, rows + len(s.chunks), said, said + len(s.statements))
            rows, said = rows + len(s.chunks), said + len(s.statements)
        parts = list(slices.values())
        chunks = [c for s in parts for c in s.chunks]
        terms = RowTerms.join([s.terms for s in parts])
        return cls(
            statements=[st for s in parts for st in s.statements],
            statement_vectors=_stack([s.statement_vectors for s in parts if len(s.statements)]),
            chunks=chunks,
            vectors=_stack([s.vectors for s in parts if len(s.chunks)]),
            bm25=Bm25.of_rows(terms, vocab),
            index=_inverted(chunks),
            terms=terms,
            spans=spans,
        )

    def slices(self) -> dict[str, _DocSlice]:
        """The snapshot cut back into documents (views), to add or drop some and build anew."""
        return {doc_id: _DocSlice(self.chunks[a:b], self.vectors[a:b], self.terms.rows(a, b),
                                  self.statements[c:d], self.statement_vectors[c:d])
                for doc_id, (a, b, c, d) in self.spans.items()}

    def suppliers(self, public_only: bool) -> list[str]:
        """Every supplier the documents were stored for (read off each document's first chunk),
        of the public documents alone when ``public_only``."""
        return sorted({c.supplier for c in self._firsts(public_only) if c.supplier})

    def areas(self, public_only: bool) -> list[str]:
        """Every area the documents were stored for, as ``suppliers``."""
        return sorted({a for c in self._firsts(public_only) for a in c.areas if a})

    def text_of(self, doc_id: str) -> str:
        """A document's stored text, its chunks joined (empty for a document not held)."""
        first, last, _, _ = self.spans.get(doc_id, (0, 0, 0, 0))
        return "\n".join(c.text for c in self.chunks[first:last])

    def chunks_of(self, doc_id: str) -> Sequence[ChunkRecord]:
        """A document's chunks in its order (none for a document not held)."""
        first, last, _, _ = self.spans.get(doc_id, (0, 0, 0, 0))
        return self.chunks[first:last]

    def context_of(self, doc_id: str) -> str:
        """A document's chunks with the title and section path above each (its headings too)."""
        return "\n".join(c.context for c in self.chunks_of(doc_id))

    def following(self, chunk: ChunkRecord) -> ChunkRecord | None:
        """The chunk after ``chunk`` in its document (a list may run on into it), else None."""
        a, b, *_ = self.spans.get(chunk.doc_id, (0, 0))
        index = int(chunk.chunk_id.rsplit(":", 1)[-1]) if chunk.chunk_id.rsplit(":", 1)[-1].isdigit() else -1
        return self.chunks[a + index + 1] if 0 <= index and a + index + 1 < b else None

    def _firsts(self, public_only: bool) -> list[ChunkRecord]:
        firsts = [self.chunks[a] for a, b, *_ in self.spans.values() if b > a]
        return [c for c in firsts if not public_only or c.audience == "public"]

    def __len__(self) -> int:
        return len(self.chunks)

    def matching(self, field: str, value: str) -> np.ndarray:
        """A boolean mask of the rows whose ``field`` (supplier, doc_type, audience, doc_id or
        area) equals ``value``, ignoring case: a lookup, not a scan."""
        mask = np.zeros(len(self.chunks), dtype=bool)
        rows = self.index[field].get(value.lower())
        if rows is not None:
            mask[rows] = True
        return mask


def _inverted(chunks: list[ChunkRecord]) -> dict[str, dict[str, np.ndarray]]:
    collected: dict[str, dict[str, list[int]]] = {
        name: defaultdict(list) for name in ("supplier", "doc_type", "audience", "doc_id", "area")}
    for row, chunk in enumerate(chunks):
        for name in ("supplier", "doc_type", "audience", "doc_id"):
            collected[name][getattr(chunk, name).lower()].append(row)
        for area in {a.lower() for a in chunk.areas}:
            collected["area"][area].append(row)
    return {name: {value: np.array(rows, dtype=np.int64) for value, rows in values.items()}
            for name, values in collected.items()}


def _stack(arrays: list[np.ndarray]) -> np.ndarray:
    arrays = [a for a in arrays if len(a)]
    return np.concatenate(arrays).astype(np.float32) if arrays else np.zeros((0, 1), np.float32)


class Mirror:
    """Rows of every stored chunk, kept current with the store (and saved in ``saved``, if given)."""

    def __init__(self, store: Store, saved: Path | None = None) -> None:
        self.store, self.saved = store, saved
        self._docs: dict[str, _DocSlice] | None = {}  # None: still inside a loaded snapshot
        self._vocab: dict[str, int] = {}
        self._generation = -1
        self._lock = threading.Lock()
        self._snapshot = Snapshot.build({}, self._vocab)

    def snapshot(self) -> Snapshot:
        """The current rows, after picking up any documents added or removed since the last look."""
        generation = self.store.generation()
        if generation != self._generation:
            self._refresh(generation)
        return self._snapshot

    def _refresh(self, generation: int) -> None:
        with self._lock:
            if generation == self._generation:
                return
            if self._generation < 0 and self.saved is not None and self._load(generation):
                return
            if self._docs is None:  # started from a saved snapshot: cut it back into documents
                self._docs = self._snapshot.slices()
            docs = self._docs
            current = {d.doc_id: d for d in self.store.documents()}
            changed = False
            for doc_id in list(docs):
                if doc_id not in current:
                    del docs[doc_id]
                    changed = True
            # metadata-only updates: reload documents whose manifest record changed
            for doc_id, slice_ in list(docs.items()):
                doc = current[doc_id]
                first = slice_.chunks[0] if len(slice_.chunks) else None
                if first and (first.audience, first.supplier, first.doc_type, first.areas) != (
                        doc.audience, doc.supplier, doc.doc_type, doc.areas):
                    del docs[doc_id]
            missing = [d for d in current if d not in docs]
            loaded: dict[str, list] = defaultdict(list)
            for chunk, vector in self.store.chunks(missing):
                loaded[chunk.doc_id].append((chunk, vector))
            found: dict[str, list] = defaultdict(list)
            for statement, vector in self.store.statements(missing):
                found[statement.doc_id].append((statement, vector))
            for doc_id in missing:
                pairs = sorted(loaded.get(doc_id, []), key=lambda p: p[0].char_start)
                said = sorted(found.get(doc_id, []), key=lambda p: int(p[0].statement_id.rsplit("s", 1)[1]))
                docs[doc_id] = _DocSlice(
                    [c for c, _ in pairs], _stack([v[None] for _, v in pairs]),
                    RowTerms.of([Counter(content_tokens(c.context)) for c, _ in pairs], self._vocab),
                    [st for st, _ in said], _stack([v[None] for _, v in said]))
                changed = True
            if changed or self._generation < 0:
                self._snapshot = Snapshot.build(docs, self._vocab)
                self._save(generation)
            elif self.saved is not None:  # same rows: the saved copy only needs the new tag
                from assistant.search import saved

                saved.retag(self.saved, self._generation, generation)
            self._generation = generation

    def _load(self, generation: int) -> bool:
        from assistant.search import saved

        assert self.saved is not None
        try:
            found = saved.load(self.saved, generation, self._vocab)
        except saved.Unreadable as exc:
            log.warning("sva: the saved search index in %s is unreadable (%s); rebuilding it", self.saved, exc)
            return False
        if found is None:
            return False
        self._snapshot, self._docs, self._generation = found, None, generation
        return True

    def _save(self, generation: int) -> None:
        if self.saved is None:
            return
        from assistant.search import saved

        try:
            saved.save(self._snapshot, self._vocab, generation, self.saved)
        except OSError as exc:  # a read-only or full disk: searching still works, only slower to start
            log.warning("sva: could not save the search index in %s (%s)", self.saved, exc)
