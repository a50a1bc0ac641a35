"""An in-memory mirror of the store for hybrid search: a vector matrix and a BM25 index.

Chroma stays the source of truth. The mirror loads each document's chunks once, follows the
store's generation counter to pick up writes from any process, and adds or drops whole
documents incrementally. Filters become boolean masks over the rows, so a filtered query costs
the same as an unfiltered one.
"""

from __future__ import annotations

import math
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np

from assistant.backends.store import Store
from ingest.records import ChunkRecord, StatementRecord
from ingest.text import content_tokens


@dataclass
class _DocSlice:
    chunks: list[ChunkRecord]
    vectors: np.ndarray
    terms: list[Counter]
    statements: list[StatementRecord]
    statement_vectors: np.ndarray


class Bm25:
    """Okapi BM25 over the rows of the mirror, rebuilt from cached term counts on change."""

    def __init__(self, terms: list[Counter], k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.lengths = np.array([sum(t.values()) for t in terms], dtype=np.float32)
        self.avg = float(self.lengths.mean()) if len(terms) else 1.0
        self.postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        collect: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        for row, counts in enumerate(terms):
            for term, tf in counts.items():
                rows, tfs = collect[term]
                rows.append(row)
                tfs.append(tf)
        n = len(terms)
        self.idf: dict[str, float] = {}
        for term, (rows, tfs) in collect.items():
            self.postings[term] = (np.array(rows, dtype=np.int64), np.array(tfs, dtype=np.float32))
            self.idf[term] = math.log(1 + (n - len(rows) + 0.5) / (len(rows) + 0.5))

    def scores(self, query_terms: list[str], size: int) -> np.ndarray:
        out = np.zeros(size, dtype=np.float32)
        norm = self.k1 * (1 - self.b + self.b * self.lengths / max(self.avg, 1e-9))
        for term in set(query_terms):
            if term not in self.postings:
                continue
            rows, tfs = self.postings[term]
            out[rows] += self.idf[term] * tfs * (self.k1 + 1) / (tfs + norm[rows])
        return out


@dataclass(frozen=True)
class Snapshot:
    """An immutable view of all rows; searches read one snapshot while a refresh builds the next."""

    chunks: list[ChunkRecord]
    vectors: np.ndarray
    bm25: Bm25
    index: dict[str, dict[str, np.ndarray]]  # field -> lower-cased value -> row numbers
    statements: list[StatementRecord]
    statement_vectors: np.ndarray

    @classmethod
    def build(cls, slices: list[_DocSlice]) -> Snapshot:
        with_statements = [s for s in slices if s.statements]
        slices = [s for s in slices if s.chunks]
        chunks = [c for s in slices for c in s.chunks]
        return cls(
            statements=[st for s in with_statements for st in s.statements],
            statement_vectors=_stack([s.statement_vectors for s in with_statements]),
            chunks=chunks,
            vectors=_stack([s.vectors for s in slices]),
            bm25=Bm25([t for s in slices for t in s.terms]),
            index=_inverted(chunks),
        )

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
    """Rows of every stored chunk, kept current with the store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._docs: dict[str, _DocSlice] = {}
        self._generation = -1
        self._lock = threading.Lock()
        self._snapshot = Snapshot.build([])

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
            current = {d.doc_id: d for d in self.store.documents()}
            changed = False
            for doc_id in list(self._docs):
                if doc_id not in current:
                    del self._docs[doc_id]
                    changed = True
            # metadata-only updates: reload documents whose manifest record changed
            for doc_id, slice_ in list(self._docs.items()):
                doc, first = current[doc_id], slice_.chunks[0] if slice_.chunks else None
                if first and (first.audience, first.supplier, first.doc_type, first.areas) != (
                        doc.audience, doc.supplier, doc.doc_type, doc.areas):
                    del self._docs[doc_id]
            missing = [d for d in current if d not in self._docs]
            loaded: dict[str, list] = defaultdict(list)
            for chunk, vector in self.store.chunks(missing):
                loaded[chunk.doc_id].append((chunk, vector))
            found: dict[str, list] = defaultdict(list)
            for statement, vector in self.store.statements(missing):
                found[statement.doc_id].append((statement, vector))
            for doc_id in missing:
                pairs = sorted(loaded.get(doc_id, []), key=lambda p: p[0].char_start)
                said = sorted(found.get(doc_id, []), key=lambda p: int(p[0].statement_id.rsplit("s", 1)[1]))
                self._docs[doc_id] = _DocSlice(
                    [c for c, _ in pairs], _stack([v[None] for _, v in pairs]),
                    [Counter(content_tokens(c.context)) for c, _ in pairs],
                    [st for st, _ in said], _stack([v[None] for _, v in said]))
                changed = True
            if changed:
                self._snapshot = Snapshot.build(list(self._docs.values()))
            self._generation = generation
