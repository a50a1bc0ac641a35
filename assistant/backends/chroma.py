"""ChromaStore: the Store (assistant/backends/store.py) on Chroma, embedded on disk or a server.

Three Chroma collections: ``<name>-chunks`` (one record per chunk, our own embeddings),
``<name>-statements`` (commitments and delivery claims) and ``<name>-docs`` (the manifest: one
record per document, plus a state record with a generation
counter that readers use to notice other processes' writes). A document's chunks are written
before its manifest record, so a document counts as ingested only once it is whole.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from assistant.backends.store import DocumentWrite
from assistant.errors import StoreError
from assistant.folder import StoreFolder
from ingest.records import ChunkRecord, DocRecord, StatementRecord

_STATE_ID = "__state__"
_PAGE = 2000  # records fetched per Chroma request


def _rows(arrays: list[np.ndarray]) -> np.ndarray:
    return np.concatenate([np.asarray(a, dtype=np.float32) for a in arrays]) if arrays else np.zeros((0, 1))


def _statement_meta(s: StatementRecord) -> dict[str, Any]:
    """Chroma metadata holds no empty list, and an upsert keeps the keys it is not given: a field
    with no value is written as None, which removes it, so a pledge read again after an upgrade
    does not keep a figure or deadline it no longer has."""
    return {k: None if v == [] else v for k, v in asdict(s).items() if k not in {"statement_id", "text"}}


def _statement_from(statement_id: str, text: str, meta: dict[str, Any]) -> StatementRecord:
    fields: dict[str, Any] = {k: meta.get(k) for k in StatementRecord.__dataclass_fields__
              if k not in {"statement_id", "text"}}
    fields["places"] = list(meta.get("places") or [])
    fields["areas"] = list(meta.get("areas") or [])
    fields["recurring"] = bool(meta.get("recurring", False))
    for key in ("section", "source", "title", "supplier", "sentence", "columns", "lead"):
        fields[key] = fields[key] or ""
    return StatementRecord(statement_id=statement_id, text=text, **fields)


def _chunk_meta(c: ChunkRecord) -> dict[str, Any]:
    meta = {k: v for k, v in asdict(c).items() if k not in {"chunk_id", "text"}}
    meta["page"] = -1 if c.page is None else c.page
    if not c.areas:
        meta["areas"] = None  # no empty lists in Chroma; None removes areas a re-read no longer has
    return meta


def _chunk_from(chunk_id: str, text: str, meta: dict[str, Any]) -> ChunkRecord:
    page = meta.get("page", -1)
    return ChunkRecord(
        chunk_id=chunk_id, doc_id=meta["doc_id"], text=text, header=meta.get("header", ""),
        source=meta.get("source", ""), title=meta.get("title", ""),
        page=None if page is None or page < 0 else int(page), section=meta.get("section", ""),
        char_start=int(meta.get("char_start", 0)), char_end=int(meta.get("char_end", 0)),
        supplier=meta.get("supplier", ""), areas=list(meta.get("areas") or []),
        doc_type=meta.get("doc_type", "other"), audience=meta.get("audience", "restricted"),
        ocr=bool(meta.get("ocr", False)),
    )


class ChromaStore:
    """Chroma, embedded on disk (PersistentClient) or remote (HttpClient)."""

    def __init__(self, path: Path | None = None, url: str | None = None, name: str = "sva") -> None:
        if url is None and path is None:
            raise StoreError("a store needs a directory or a Chroma server URL")
        self._url, self._name = url, name
        self._folder = StoreFolder(Path(path)) if url is None and path is not None else None
        self.location = url or str(path)
        self._opened = False  # Chroma is imported and opened on first use: a reader whose saved
        # mirror is current (see generation()) never pays for it

    def _open(self) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        settings = ChromaSettings(anonymized_telemetry=False)
        try:
            if self._url:
                from urllib.parse import urlparse

                parsed = urlparse(self._url)
                self._client = chromadb.HttpClient(
                    host=parsed.hostname or "localhost", port=parsed.port or 8000,
                    ssl=parsed.scheme == "https", settings=settings)
            elif self._folder is not None:
                self._folder.root.mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(path=str(self._folder.root), settings=settings)
            self._chunks = self._client.get_or_create_collection(
                f"{self._name}-chunks", embedding_function=None, metadata={"hnsw:space": "cosine"})
            self._statements = self._client.get_or_create_collection(
                f"{self._name}-statements", embedding_function=None, metadata={"hnsw:space": "cosine"})
            self._docs = self._client.get_or_create_collection(
                f"{self._name}-docs", embedding_function=None)
        except Exception as exc:  # chromadb raises many unrelated types on connect/open
            raise StoreError(f"could not open the Chroma store at {self.location}: {exc}. "
                             "Check the path is writable or the server is running.") from exc
        self._opened = True

    _thread_lock = threading.Lock()

    @contextmanager
    def writing(self) -> Iterator[None]:
        """One writer at a time on an embedded store; a second one is told who holds it.

        Readers are never blocked. A Chroma server orders its own writes, so no lock is taken.
        """
        if self._folder is None:
            yield
            return
        import fcntl

        if not self._thread_lock.acquire(timeout=600):
            raise StoreError("another ingest in this process is still writing; try again later")
        try:
            try:
                self._folder.root.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot make the store folder {self.location} ({exc.strerror}): give --store "
                                 "(or SVA_STORE) a folder you can write to") from exc
            with open(self._folder.lock, "a+") as handle:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError as exc:
                    handle.seek(0)
                    holder = handle.read().strip() or "another process"
                    raise StoreError(f"the store {self.location} is being written by {holder}; "
                                     "wait for that ingest to finish, then run this one again") from exc
                handle.seek(0)
                handle.truncate()
                handle.write(f"sva process {os.getpid()}")
                handle.flush()
                self._forget_local_manifest()
                try:
                    yield
                    self._write_local_manifest()
                finally:
                    handle.seek(0)
                    handle.truncate()
                    fcntl.flock(handle, fcntl.LOCK_UN)
        finally:
            self._thread_lock.release()

    # A copy of the manifest beside an embedded store, written when a writer finishes cleanly and
    # removed by every write: `sva ingest` of unchanged files can answer from it without opening
    # Chroma (see assistant.library.unchanged_report).
    # The generation file is the same kind of copy: a reader whose saved mirror is of that
    # generation answers without opening Chroma.
    def _forget_local_manifest(self) -> None:
        if self._folder is not None:
            self._folder.manifest.unlink(missing_ok=True)
            self._folder.generation.unlink(missing_ok=True)

    def _write_local_manifest(self) -> None:
        if self._folder is None:
            return
        state = self._state()
        data = {"embedder": state.get("embedder"), "docs": [asdict(d) for d in self.documents()]}
        for target, text in ((self._folder.manifest, json.dumps(data)),
                             (self._folder.generation, str(int(state.get("generation", 0))))):
            partial = target.with_suffix(".tmp")
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, target)
        if self._chroma_generation() != int(state.get("generation", 0)):
            self._forget_local_manifest()  # another process wrote meanwhile: the copies may be old

    # -- manifest ---------------------------------------------------------------------------
    def documents(self) -> list[DocRecord]:
        got = self._call("_docs", "get", include=["documents"])
        return [DocRecord(**json.loads(doc)) for i, doc in zip(got["ids"], got["documents"])
                if i != _STATE_ID]

    def _state(self) -> dict[str, Any]:
        got = self._call("_docs", "get", ids=[_STATE_ID], include=["metadatas"])
        return dict(got["metadatas"][0]) if got["ids"] else {"generation": 0}

    def generation(self) -> int:
        if self._folder is not None:
            try:
                return int(self._folder.generation.read_text(encoding="ascii"))
            except (OSError, ValueError):
                pass  # no clean copy (a write since, or never): ask Chroma
        return self._chroma_generation()

    def _chroma_generation(self) -> int:
        return int(self._state().get("generation", 0))

    def _bump(self, *docs: DocRecord, **extra: Any) -> None:
        """Write these manifest records and the next generation in one request. The local copies
        are removed before and after, so a reader never trusts one older than the write."""
        self._forget_local_manifest()
        state = self._state()
        state.update(extra, generation=int(state.get("generation", 0)) + 1)
        self._call("_docs", "upsert", ids=[d.doc_id for d in docs] + [_STATE_ID],
                   embeddings=[[1.0]] * (len(docs) + 1),
                   documents=[json.dumps(asdict(d)) for d in docs] + ["{}"],
                   metadatas=[{"path": d.path} for d in docs] + [state])
        self._forget_local_manifest()

    def check_embedder(self, name: str) -> None:
        built_with = self._state().get("embedder")
        if built_with and built_with != name:
            raise StoreError(f"this store was built with embedder {built_with!r} but {name!r} is "
                             "configured; use the same SVA_EMBEDDER/SVA_MODEL_PATH or a new --store")

    # -- writes -----------------------------------------------------------------------------
    def add_document(self, doc: DocRecord, chunks: Sequence[ChunkRecord], vectors: np.ndarray,
                     statements: Sequence[StatementRecord] = (),
                     statement_vectors: np.ndarray | None = None) -> None:
        self.add_documents([DocumentWrite(doc, chunks, vectors, statements, statement_vectors)])

    def add_documents(self, writes: Sequence[DocumentWrite]) -> None:
        if any(w.statements and w.statement_vectors is None for w in writes):
            raise StoreError("statements were given without their vectors")
        chunks = [c for w in writes for c in w.chunks]
        statements = [s for w in writes for s in w.statements]
        vectors = _rows([w.vectors for w in writes if len(w.chunks)])
        statement_vectors = _rows([w.statement_vectors for w in writes
                                   if w.statements and w.statement_vectors is not None])
        batch = self._batch_size()
        for start in range(0, len(chunks), batch):
            part = chunks[start:start + batch]
            self._call("_chunks", "upsert", ids=[c.chunk_id for c in part],
                       documents=[c.text for c in part], embeddings=vectors[start:start + batch],
                       metadatas=[_chunk_meta(c) for c in part])
        for start in range(0, len(statements), batch):
            said = statements[start:start + batch]
            self._call("_statements", "upsert", ids=[s.statement_id for s in said],
                       documents=[s.text for s in said],
                       embeddings=statement_vectors[start:start + batch],
                       metadatas=[_statement_meta(s) for s in said])
        if writes:  # the manifest records last: a document is visible only when whole
            self._bump(*(w.doc for w in writes))
        for w in writes:
            if w.replaces:  # read again in place: what the old version held and the new does not
                self._drop_others(w.doc.doc_id, {c.chunk_id for c in w.chunks}, {s.statement_id for s in w.statements})

    def _drop_others(self, doc_id: str, chunk_ids: set[str], statement_ids: set[str]) -> None:
        for collection, keep in (("_chunks", chunk_ids), ("_statements", statement_ids)):
            stale = [i for i in self._call(collection, "get", where={"doc_id": doc_id}, include=[])["ids"]
                     if i not in keep]
            if stale:
                self._call(collection, "delete", ids=stale)

    def _batch_size(self) -> int:
        """Records per write request: as many as this Chroma takes in one."""
        if not self._opened:
            self._open()
        try:
            return max(1, min(int(self._client.get_max_batch_size()), 5000))
        except Exception:  # an older server without the call
            return _PAGE

    def record_embedder(self, name: str) -> None:
        if self._state().get("embedder") != name:
            self._bump(embedder=name)

    def update_document(self, doc: DocRecord) -> None:
        """Change a document's metadata (supplier, areas, type, audience) without re-embedding."""
        for collection in ("_chunks", "_statements"):
            got = self._call(collection, "get", where={"doc_id": doc.doc_id}, include=["metadatas"])
            metas = []
            for meta in got["metadatas"]:
                meta = dict(meta, supplier=doc.supplier, doc_type=doc.doc_type, audience=doc.audience)
                meta.pop("areas", None)
                if doc.areas:
                    meta["areas"] = doc.areas
                metas.append(meta)
            if got["ids"]:
                self._call(collection, "update", ids=got["ids"], metadatas=metas)
        self._bump(doc)

    def delete_document(self, doc_id: str) -> None:
        self._call("_docs", "delete", ids=[doc_id])  # manifest first: never a half-visible doc
        self.purge_chunks(doc_id)
        self._bump()

    # -- reads ------------------------------------------------------------------------------
    def chunks(self, doc_ids: Sequence[str]) -> Iterator[tuple[ChunkRecord, np.ndarray]]:
        for record_id, text, meta, vector in self._records("_chunks", doc_ids):
            yield _chunk_from(record_id, text, meta), vector

    def orphan_doc_ids(self) -> set[str]:
        """Doc ids that have chunks but no manifest record (an ingest that died half-way)."""
        known = {d.doc_id for d in self.documents()}
        seen = {m["doc_id"] for got in self._scan("_chunks", ["metadatas"]) for m in got["metadatas"]}
        return seen - known

    def statements(self, doc_ids: Sequence[str]) -> Iterator[tuple[StatementRecord, np.ndarray]]:
        for record_id, text, meta, vector in self._records("_statements", doc_ids):
            yield _statement_from(record_id, text, meta), vector

    def _records(self, collection: str, doc_ids: Sequence[str]) -> Iterator[tuple]:
        """Records of some documents: one filtered read each for a few, one scan for many
        (a filtered read scans the collection, so reading many documents that way is quadratic)."""
        include = ["documents", "metadatas", "embeddings"]
        pages: Iterator[dict]
        if len(doc_ids) <= 8:
            pages = (self._call(collection, "get", where={"doc_id": d}, include=include) for d in doc_ids)
        else:
            pages = self._scan(collection, include)
        wanted = set(doc_ids)
        for got in pages:
            for record_id, text, meta, vector in zip(got["ids"], got["documents"], got["metadatas"],
                                                     got["embeddings"]):
                if meta.get("doc_id") in wanted:
                    yield record_id, text, meta, np.asarray(vector, dtype=np.float32)

    def _scan(self, collection: str, include: list[str]) -> Iterator[dict]:
        offset = 0
        while True:
            got = self._call(collection, "get", include=include, limit=_PAGE, offset=offset)
            yield got
            if len(got["ids"]) < _PAGE:
                return
            offset += _PAGE

    def purge_chunks(self, doc_id: str) -> None:
        """Remove everything stored for a document except its manifest record."""
        self._call("_chunks", "delete", where={"doc_id": doc_id})
        self._call("_statements", "delete", where={"doc_id": doc_id})

    def _call(self, collection: str, method: str, **kwargs: Any) -> Any:
        """Call a collection method, translating Chroma's errors into StoreError.

        An embedded store written by another process can leave this process's Chroma caches
        stale ("Error finding id"): the client is reopened from disk and the call tried once more.
        """
        if not self._opened:
            self._open()
        try:
            return getattr(getattr(self, collection), method)(**kwargs)
        except Exception as first:
            if self._url is None:
                try:
                    from chromadb.api.client import SharedSystemClient

                    SharedSystemClient.clear_system_cache()
                    self._open()
                    return getattr(getattr(self, collection), method)(**kwargs)
                except Exception as exc:
                    raise StoreError(f"the Chroma store at {self.location} failed: {exc}") from exc
            raise StoreError(f"the Chroma store at {self.location} failed: {first}") from first
