"""Test doubles beside the real backends: an in-memory Store, a deterministic hashing embedder
(and a counting one), a scripted chat model. They live here only: production cannot select them."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from contextlib import nullcontext
from dataclasses import replace

import numpy as np

from assistant.errors import StoreError
from ingest.records import ChunkRecord, DocRecord, StatementRecord
from ingest.text import content_tokens


class MemoryStore:
    """The Store protocol over dicts, with the same write order as ChromaStore."""

    def __init__(self) -> None:
        self.docs: dict[str, DocRecord] = {}
        self.rows: dict[str, tuple[ChunkRecord, np.ndarray]] = {}
        self.statement_rows: dict[str, tuple[StatementRecord, np.ndarray]] = {}
        self._generation = 0
        self.embedder_name: str | None = None

    def documents(self) -> list[DocRecord]:
        return list(self.docs.values())

    def add_document(self, doc: DocRecord, chunks: Sequence[ChunkRecord], vectors: np.ndarray,
                     statements: Sequence[StatementRecord] = (), statement_vectors=None) -> None:
        for chunk, vector in zip(chunks, vectors):
            self.rows[chunk.chunk_id] = (chunk, np.asarray(vector, dtype=np.float32))
        for statement, vector in zip(statements, statement_vectors if statements else []):
            self.statement_rows[statement.statement_id] = (statement, np.asarray(vector, np.float32))
        self.docs[doc.doc_id] = doc
        self._generation += 1

    def add_documents(self, writes) -> None:
        for w in writes:  # chunks and statements of all first, then the manifest, like ChromaStore
            for chunk, vector in zip(w.chunks, w.vectors):
                self.rows[chunk.chunk_id] = (chunk, np.asarray(vector, dtype=np.float32))
            for statement, vector in zip(w.statements, w.statement_vectors if w.statements else []):
                self.statement_rows[statement.statement_id] = (statement, np.asarray(vector, np.float32))
        for w in writes:
            self.docs[w.doc.doc_id] = w.doc
        for w in writes:
            if w.replaces:  # read again in place: drop what the new version does not hold
                keep = {c.chunk_id for c in w.chunks} | {s.statement_id for s in w.statements}
                for rows in (self.rows, self.statement_rows):
                    for key in [k for k, (r, _) in rows.items() if r.doc_id == w.doc.doc_id and k not in keep]:
                        del rows[key]
        self._generation += bool(writes)

    def update_document(self, doc: DocRecord) -> None:
        for rows in (self.rows, self.statement_rows):
            for key, (record, vector) in list(rows.items()):
                if record.doc_id == doc.doc_id:
                    rows[key] = (replace(record, supplier=doc.supplier, areas=list(doc.areas),
                                         doc_type=doc.doc_type, audience=doc.audience), vector)
        self.docs[doc.doc_id] = doc
        self._generation += 1

    def delete_document(self, doc_id: str) -> None:
        self.docs.pop(doc_id, None)
        self.purge_chunks(doc_id)
        self._generation += 1

    def chunks(self, doc_ids: Sequence[str]) -> Iterator[tuple[ChunkRecord, np.ndarray]]:
        wanted = set(doc_ids)
        return iter([row for row in self.rows.values() if row[0].doc_id in wanted])

    def statements(self, doc_ids: Sequence[str]) -> Iterator[tuple[StatementRecord, np.ndarray]]:
        wanted = set(doc_ids)
        return iter([row for row in self.statement_rows.values() if row[0].doc_id in wanted])

    def writing(self):
        return nullcontext()

    def generation(self) -> int:
        return self._generation

    def check_embedder(self, name: str) -> None:
        if self.embedder_name and self.embedder_name != name:
            raise StoreError(f"built with {self.embedder_name}")

    def record_embedder(self, name: str) -> None:
        self.embedder_name = name

    def orphan_doc_ids(self) -> set[str]:
        return {c.doc_id for c, _ in self.rows.values()} - set(self.docs)

    def purge_chunks(self, doc_id: str) -> None:
        for rows in (self.rows, self.statement_rows):
            for key in [k for k, (r, _) in rows.items() if r.doc_id == doc_id]:
                del rows[key]


class HashEmbedder:
    """Deterministic, offline, instant: hashed bag of stemmed words. For unit tests.

    Texts sharing words land close together, so retrieval tests behave sensibly.
    """

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.name = f"hash:{dim}"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in content_tokens(text):
                digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
                index = int.from_bytes(digest[:4], "little") % self.dim
                out[row, index] += 1.0 if digest[4] & 1 else -1.0
            norm = np.linalg.norm(out[row])
            out[row] = out[row] / norm if norm else out[row]
            if not norm:
                out[row, 0] = 1.0
        return out


class CountingEmbedder(HashEmbedder):
    """HashEmbedder that counts the texts it embeds, to prove re-ingest embeds nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.texts_embedded = 0

    def embed(self, texts):
        self.texts_embedded += len(texts)
        return super().embed(texts)


class ScriptedChatModel:
    """The ChatModel protocol with replies queued per test (``enqueue``); records each conversation.

    A reply is a string (streamed in word-sized deltas), a list of deltas (an Exception in the list
    is raised at that point: a server dying mid-reply), an Exception (raised before any text), or a
    callable given the messages that returns any of these.
    """

    def __init__(self, *replies, delay: float = 0.0) -> None:
        self.replies = list(replies)
        self.calls: list[list] = []
        self.delay = delay

    def enqueue(self, *replies) -> ScriptedChatModel:
        self.replies.extend(replies)
        return self

    def stream(self, messages):
        import re
        import time

        self.calls.append(list(messages))
        if not self.replies:
            raise AssertionError("ScriptedChatModel: the test queued no reply for this call")
        reply = self.replies.pop(0)
        if callable(reply):
            reply = reply(messages)
        if isinstance(reply, BaseException):
            raise reply
        pieces = reply if isinstance(reply, list) else re.findall(r"\s*\S+", reply)
        for piece in pieces:
            if isinstance(piece, BaseException):
                raise piece
            if self.delay:
                time.sleep(self.delay)
            yield piece
