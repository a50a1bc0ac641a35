"""The one place that embeds and stores parsed documents: idempotent, whole or not at all.

A document's id is the hash of its bytes, so an unchanged file is reported "unchanged" and embeds
nothing; a changed file at the same path replaces its old version once the new one is whole; a
change of supplier, areas, type or audience alone updates the stored metadata; asked to re-read
(``reread``), the same bytes are read again and replace their stored version only once read. A
bad file is named in ``skipped`` with a reason and never stops the others (nor loses what the
store held of it). One writer at a time holds the store's lock for the whole run.

Files are taken one after another. Parsing the next file in a second thread while this one
embeds was measured and not kept: the embedder already keeps both cores busy, and the parse
thread contended with it for the GIL (100 generated pages 23.3-24.1 s -> 24.2-27.0 s).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from assistant.backends.embedders import Embedder
from assistant.backends.store import DocumentWrite, Store
from ingest.errors import LoadError
from ingest.parse import (
    ChunkingOptions,
    IngestMeta,
    check_name,
    collect_files,
    display_path,
    parse,
    read_file,
)
from ingest.places import PlaceFinder
from ingest.records import DocRecord, doc_id_for
from ingest.vocab import REPORT

Progress = Callable[[str, int, int], None]  # (file name, files done, files total)
WRITE_BATCH = 2000  # chunks and statements held before a write: few requests, little memory
WRITE_EVERY_S = 2.0  # ...and never held longer: readers see new documents, a crash loses little


@dataclass
class IngestReport:
    ingested: list[dict] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # in walked folders, of types sva does not read
    seconds: float = 0.0
    profile: dict[str, float] = field(default_factory=dict)  # stage -> seconds (see STAGES)
    vectors: dict[str, int] = field(default_factory=dict)  # cached / embedded, when a cache is used

    @property
    def ok(self) -> bool:
        return not self.skipped

    def timed(self, stage: str, seconds: float) -> None:
        self.profile[stage] = self.profile.get(stage, 0.0) + seconds

    def as_json(self) -> dict:
        return {"ingested": self.ingested, "unchanged": self.unchanged, "skipped": self.skipped,
                "ignored": self.ignored, "seconds": round(self.seconds, 3)}

    def profile_json(self) -> dict[str, float]:
        """Seconds per stage, in pipeline order, plus what the stages do not account for."""
        stages = {k: round(v, 3) for k, v in sorted(self.profile.items(), key=lambda kv: _order(kv[0]))}
        other = round(max(0.0, self.seconds - sum(self.profile.values())), 3)
        return stages | {"other": other} | {f"vectors {k}": v for k, v in self.vectors.items()}


STAGES = ("open store", "read", "parse", "chunk", "extract", "embed chunks", "embed statements", "write")


def _order(stage: str) -> int:
    return STAGES.index(stage) if stage in STAGES else len(STAGES)


def ingest(paths: Sequence[Path], store: Store, embedder: Embedder, meta: IngestMeta = IngestMeta(),
           options: ChunkingOptions = ChunkingOptions(), progress: Progress | None = None,
           reread: bool = False) -> IngestReport:
    """Parse, embed and store every file under ``paths``. ``reread`` reads files the store already
    holds again (after sva's reading improved), with the details they were stored with (``meta``
    is for new files); the new version overwrites the stored one in place once it is read, so a
    file that no longer reads is skipped and keeps its old version."""
    started = time.perf_counter()
    report = IngestReport()
    files, report.ignored, report.skipped = collect_files(paths)
    with store.writing():
        library = _Library(store, embedder, meta, options, report, reread)
        report.timed("open store", time.perf_counter() - started)
        library.add_all(files, progress)
    report.seconds = time.perf_counter() - started
    return report


def unchanged_report(paths: Sequence[Path], manifest_file: Path, meta: IngestMeta,
                     embedder_name: str, max_bytes: int) -> IngestReport | None:
    """A report saying every file is unchanged, when a local copy of the manifest proves it;
    None whenever anything may need work (the caller then runs the full ingest)."""
    started = time.perf_counter()
    try:
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files, ignored, missing = collect_files(paths)
    if missing or not files or manifest.get("embedder") != embedder_name:
        return None
    known = {(d["path"], d["doc_id"]): d for d in manifest.get("docs", [])}
    wanted = meta.changes()
    for path in files:
        try:
            if path.stat().st_size > max_bytes:
                return None
            doc_id = doc_id_for(path.read_bytes())
        except OSError:
            return None
        doc = known.get((str(path.resolve()), doc_id))
        if doc is None or any(doc.get(k, getattr(DocRecord, k, None)) != v for k, v in wanted.items()):
            return None
    return IngestReport(unchanged=[display_path(p) for p in files], ignored=ignored,
                        seconds=time.perf_counter() - started)


class _Library:
    """One ingest run over a store: what it holds already, and what this run adds."""

    def __init__(self, store: Store, embedder: Embedder, meta: IngestMeta, options: ChunkingOptions,
                 report: IngestReport, reread: bool = False) -> None:
        self.store, self.embedder, self.meta, self.options, self.report = store, embedder, meta, options, report
        self.reread = reread
        store.check_embedder(embedder.name)
        for orphan in store.orphan_doc_ids():  # left by an ingest that died half-way
            store.purge_chunks(orphan)
        docs = store.documents()
        self.by_path = {d.path: d for d in docs}
        self.by_id = {d.doc_id: d for d in docs}
        self.places = PlaceFinder(meta.areas)
        self.recorded = False
        self.pending: list[DocumentWrite] = []  # embedded, not yet written (see _flush)
        self.pending_since = 0.0
        self.replaced: list[str] = []  # old versions to drop once their new ones are written
        self.stale: set[str] = set()  # stored documents read again in this run (see _known)
        self.kept: dict[str, IngestMeta] = {}  # re-read with the details they were stored with

    def add_all(self, files: list[Path], progress: Progress | None) -> None:
        for done, path in enumerate(files):
            if progress:
                progress(path.name, done, len(files))
            try:
                self.add(path)
            except LoadError as exc:
                self.report.skipped.append({"path": display_path(path), "reason": str(exc)})
        self._flush()
        if progress:
            progress("", len(files), len(files))

    def add(self, path: Path) -> None:
        check_name(path)
        clock = time.perf_counter()
        data = read_file(path, self.options.max_bytes)
        doc_id = doc_id_for(data)
        known = self._known(path, doc_id)
        clock = self._lap("read", clock)
        if known:
            return
        meta = self.kept.get(doc_id, self.meta)
        places = self.places if meta is self.meta else PlaceFinder(meta.areas)
        parsed = parse(path, data, meta, self.options, places)
        for stage, seconds in parsed.seconds.items():
            self.report.timed(stage, seconds)
        clock = time.perf_counter()
        doc = parsed.doc
        chunk_texts, topics = [c.context for c in parsed.chunks], [s.topic for s in parsed.statements]
        # one call for both, so a sentence repeated as a chunk is embedded once; the time is split
        # between them by characters
        vectors = embed_unique(self.embedder, chunk_texts + topics)
        now = time.perf_counter()
        share = sum(map(len, chunk_texts)) / max(1, sum(map(len, chunk_texts)) + sum(map(len, topics)))
        self.report.timed("embed chunks", (now - clock) * share)
        self.report.timed("embed statements", (now - clock) * (1 - share))
        chunk_vectors, statement_vectors = vectors[:len(chunk_texts)], vectors[len(chunk_texts):]
        clock = now
        if not self.pending:
            self.pending_since = clock
        # a document read again is overwritten in place: it never leaves the store on the way
        self.pending.append(DocumentWrite(doc, parsed.chunks, chunk_vectors, parsed.statements,
                                          statement_vectors, replaces=doc.doc_id in self.stale))
        previous = self.by_path.get(doc.path)
        if previous is not None and previous.doc_id != doc.doc_id:
            self.replaced.append(previous.doc_id)
        if (sum(len(w.chunks) + len(w.statements) for w in self.pending) >= WRITE_BATCH
                or clock - self.pending_since >= WRITE_EVERY_S):
            self._flush()
        self.by_path[doc.path], self.by_id[doc.doc_id] = doc, doc
        item: dict = {"path": str(path), "doc_id": doc.doc_id, "chunks": doc.chunks,
                      "commitments": doc.commitments, "sentences": doc.sentence_kinds}
        if parsed.suspicious:
            item["suspicious"] = parsed.suspicious
        if parsed.notes:
            item["notes"] = parsed.notes
        if parsed.ocr_pages:
            item["ocr_pages"] = list(parsed.ocr_pages)
        self.report.ingested.append(item)

    def _flush(self) -> None:
        """Write the pending documents in one batch (a store request costs far more than its
        records), then drop the old versions they replace (the new ones are whole by then)."""
        clock = time.perf_counter()
        if self.pending and not self.recorded:  # once a run: it costs the store a read
            self.store.record_embedder(self.embedder.name)
            self.recorded = True
        if self.pending:
            self.store.add_documents(self.pending)
        for doc_id in self.replaced:
            self.store.delete_document(doc_id)
        self.pending, self.replaced = [], []
        self._lap("write", clock)

    def _lap(self, stage: str, since: float) -> float:
        now = time.perf_counter()
        self.report.timed(stage, now - since)
        return now

    def _known(self, path: Path, doc_id: str) -> bool:
        """True when the store already holds these bytes (its metadata brought up to date)."""
        known = self.by_id.get(doc_id)
        if known is None:
            return False
        if doc_id in self.stale:
            pass  # read again already in this run (the same bytes at another path)
        elif self.reread:  # read again as it is stored: supplier, areas, type, audience, tender
            self.stale.add(doc_id)
            self.kept[doc_id] = IngestMeta(**_details(known))
            return False
        wanted = self.meta.changes()
        if REPORT in (known.doc_type, wanted.get("doc_type", known.doc_type)) \
                and known.doc_type != wanted.get("doc_type", known.doc_type):
            self.stale.add(doc_id)  # delivery claims are kept for reports only: read it again
            self.kept[doc_id] = replace(self.meta, **{k: v for k, v in _details(known).items() if k not in wanted})
            return False
        differs = sorted(k for k, v in wanted.items() if getattr(known, k) != v)
        here = str(path.resolve())
        if known.path != here and Path(known.path).exists():  # a copy of a file the store holds
            if differs:
                raise LoadError(f"{display_path(path)} holds the same bytes as {known.source}, stored with other "
                                f"details ({', '.join(differs)}); sva keeps one copy of a document. To change "
                                f"its details, ingest {known.path} with them")
            self.report.unchanged.append(str(path))
            return True
        moved = {"path": here} if known.path != here else {}  # the stored file was moved or renamed
        if not differs and not moved:
            self.report.unchanged.append(str(path))
            return True
        updated = DocRecord(**{**known.__dict__, **wanted, **moved})
        self.store.update_document(updated)
        self.by_id[doc_id] = updated
        self.by_path[updated.path] = updated
        self.report.ingested.append({"path": str(path), "doc_id": doc_id, "chunks": known.chunks,
                                     "commitments": known.commitments, "updated": "metadata",
                                     "changed": differs + (["path"] if moved else [])})
        return True


def _details(doc: DocRecord) -> dict:
    """What the person said about a stored document (IngestMeta's fields)."""
    return dict(supplier=doc.supplier, areas=tuple(doc.areas), doc_type=doc.doc_type, audience=doc.audience,
                tender=doc.tender, lot=doc.lot)


def embed_unique(embedder: Embedder, texts: list[str]) -> np.ndarray:
    """Embed each distinct text once (documents repeat boilerplate, pledges repeat across sections)."""
    unique = list(dict.fromkeys(texts))
    vectors = embedder.embed(unique)
    row = {text: i for i, text in enumerate(unique)}
    return vectors[[row[t] for t in texts]] if len(texts) else vectors
