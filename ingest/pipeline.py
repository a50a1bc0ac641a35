"""ingest(paths, store, embedder, meta) -> IngestReport. A straight line: read, load, chunk, embed, store.

Idempotent: a document's id is the hash of its bytes, so an unchanged file is reported
"unchanged" and embeds nothing; a changed file at the same path replaces its old chunks.
A bad file is named in ``skipped`` with a reason and never stops the others.
"""

from __future__ import annotations

import hashlib
import time

import numpy as np
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from assistant.embeddings import Embedder
from assistant.errors import LoadError, SvaError
from assistant.store import ChunkRecord, DocRecord, StatementRecord, Store
from ingest.chunking import chunk_blocks
from ingest.commitments import extract
from ingest.loaders import SUPPORTED, load
from ingest.places import PlaceFinder

Progress = Callable[[str, int, int], None]  # (file name, files done, files total)


@dataclass(frozen=True)
class IngestMeta:
    """What the person ingesting says about the files."""

    supplier: str = ""
    areas: tuple[str, ...] = ()
    doc_type: str = "other"
    audience: str = "restricted"

    def __post_init__(self) -> None:
        from assistant.config import DOC_TYPES

        if self.doc_type not in DOC_TYPES:
            raise SvaError(f"unknown document type {self.doc_type!r}: use one of {', '.join(DOC_TYPES)}")
        if self.audience not in ("public", "restricted"):
            raise SvaError(f"audience must be public or restricted, not {self.audience!r}")


@dataclass
class IngestReport:
    ingested: list[dict] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # in walked folders, of types sva does not read
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.skipped

    def as_json(self) -> dict:
        return {"ingested": self.ingested, "unchanged": self.unchanged, "skipped": self.skipped,
                "ignored": self.ignored, "seconds": round(self.seconds, 3)}


@dataclass(frozen=True)
class ChunkingOptions:
    size: int = 900
    overlap: int = 150
    max_bytes: int = 100 * 1024 * 1024


REPORT = "social_value_report"  # only reports' delivery claims are kept: they are the evidence


def _embed_unique(embedder: Embedder, texts: list[str]) -> np.ndarray:
    """Embed each distinct text once (documents repeat boilerplate, pledges repeat across sections)."""
    unique = list(dict.fromkeys(texts))
    vectors = embedder.embed(unique)
    row = {text: i for i, text in enumerate(unique)}
    return vectors[[row[t] for t in texts]] if len(texts) else vectors


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], list[str], list[dict]]:
    """Expand folders (recursively, skipping hidden entries) into (files to read, files ignored,
    paths that do not exist). In a walked folder a file of a type sva does not read (notes, images,
    spreadsheets) is ignored, not an error; a file named on the command line is always read, so a
    wrong type there is reported as skipped."""
    files: list[Path] = []
    ignored: list[str] = []
    missing: list[dict] = []
    for path in paths:
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                if not p.is_file() or any(part.startswith(".") for part in p.relative_to(path).parts):
                    continue
                if p.suffix.lower() in SUPPORTED:
                    files.append(p)
                else:
                    ignored.append(str(p))
        elif path.is_file():
            files.append(path)
        else:
            missing.append({"path": str(path), "reason": "no such file or folder; check the path"})
    return list(dict.fromkeys(files)), list(dict.fromkeys(ignored)), missing


def unchanged_report(paths: Sequence[Path], manifest_file: Path, meta: IngestMeta,
                     embedder_name: str, max_bytes: int) -> IngestReport | None:
    """A report saying every file is unchanged, when a local copy of the manifest proves it;
    None whenever anything may need work (the caller then runs the full ingest)."""
    import json

    started = time.perf_counter()
    try:
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files, ignored, missing = collect_files(paths)
    if missing or not files or manifest.get("embedder") != embedder_name:
        return None
    known = {(d["path"], d["doc_id"]): d for d in manifest.get("docs", [])}
    wanted = dict(supplier=meta.supplier, areas=list(meta.areas), doc_type=meta.doc_type,
                  audience=meta.audience)
    for path in files:
        try:
            if path.stat().st_size > max_bytes:
                return None
            doc_id = hashlib.sha256(path.read_bytes()).hexdigest()[:20]
        except OSError:
            return None
        doc = known.get((str(path.resolve()), doc_id))
        if doc is None or any(doc.get(k) != v for k, v in wanted.items()):
            return None
    return IngestReport(unchanged=[str(p) for p in files], ignored=ignored,
                        seconds=time.perf_counter() - started)


def ingest(paths: Sequence[Path], store: Store, embedder: Embedder, meta: IngestMeta = IngestMeta(),
           options: ChunkingOptions = ChunkingOptions(), progress: Progress | None = None) -> IngestReport:
    started = time.perf_counter()
    report = IngestReport()
    files, report.ignored, report.skipped = collect_files(paths)
    with store.writing():
        _ingest_files(files, store, embedder, meta, options, progress, report)
    report.seconds = time.perf_counter() - started
    return report


def _ingest_files(files: list[Path], store: Store, embedder: Embedder, meta: IngestMeta,
                  options: ChunkingOptions, progress: Progress | None, report: IngestReport) -> None:
    store.check_embedder(embedder.name)
    for orphan in store.orphan_doc_ids():  # left by an ingest that died half-way
        store.purge_chunks(orphan)
    docs = store.documents()
    by_path = {d.path: d for d in docs}
    by_id = {d.doc_id: d for d in docs}
    places = PlaceFinder(meta.areas)
    for done, path in enumerate(files):
        if progress:
            progress(path.name, done, len(files))
        try:
            _ingest_one(path, store, embedder, meta, options, places, by_path, by_id, report)
        except LoadError as exc:
            report.skipped.append({"path": str(path), "reason": str(exc)})
    if progress:
        progress("", len(files), len(files))


def _ingest_one(path: Path, store: Store, embedder: Embedder, meta: IngestMeta,
                options: ChunkingOptions, places: PlaceFinder, by_path: dict[str, DocRecord],
                by_id: dict[str, DocRecord], report: IngestReport) -> None:
    key = str(path.resolve())
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            raise LoadError(f"the file is {size / 2**20:.1f} MB, over the "
                            f"{options.max_bytes / 2**20:.0f} MB limit; split it or raise SVA_MAX_FILE_MB")
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"could not read the file ({exc.strerror or exc}); check permissions") from exc
    doc_id = hashlib.sha256(data).hexdigest()[:20]
    wanted = dict(supplier=meta.supplier, areas=list(meta.areas), doc_type=meta.doc_type,
                  audience=meta.audience)
    known = by_id.get(doc_id)
    if known is not None and REPORT in (known.doc_type, meta.doc_type) and known.doc_type != meta.doc_type:
        store.delete_document(doc_id)  # delivery claims are kept for reports only: read it again
        known = None
    if known is not None:
        if all(getattr(known, k) == v for k, v in wanted.items()):
            report.unchanged.append(str(path))
            return
        updated = DocRecord(**{**known.__dict__, **wanted})
        store.update_document(updated)
        by_id[doc_id] = updated
        report.ingested.append({"path": str(path), "doc_id": doc_id, "chunks": known.chunks,
                                "commitments": known.commitments, "updated": "metadata"})
        return

    loaded = load(path, data)
    chunks = chunk_blocks(loaded.blocks, options.size, options.overlap)
    records = [
        ChunkRecord(chunk_id=f"{doc_id}:{c.index}", doc_id=doc_id, text=c.text,
                    header=c.header(loaded.title), source=loaded.source, title=loaded.title,
                    page=c.page, section=c.section, char_start=c.char_start, char_end=c.char_end,
                    ocr=c.page in loaded.ocr_pages, **wanted)
        for c in chunks
    ]
    statements = [
        StatementRecord(statement_id=f"{doc_id}:s{i}", doc_id=doc_id, kind=st.kind, text=st.text,
                        sentence=st.sentence, quantity=st.quantity, unit=st.unit,
                        deadline=st.deadline, deadline_year=st.deadline_year,
                        recurring=st.recurring, places=list(st.places), beneficiary=st.beneficiary,
                        page=st.page, section=st.section, source=loaded.source,
                        title=loaded.title, **wanted)
        for i, st in enumerate(s for s in extract(loaded.blocks, places, loaded.title)
                               if s.kind == "commitment" or meta.doc_type == REPORT)
    ]
    vectors = _embed_unique(embedder, [r.context for r in records] + [s.topic for s in statements])
    commitments = sum(s.kind == "commitment" for s in statements)
    doc = DocRecord(doc_id=doc_id, path=key, source=loaded.source, title=loaded.title,
                    format=loaded.format, chunks=len(records), pages=loaded.pages,
                    commitments=commitments,
                    ingested_at=datetime.now(timezone.utc).isoformat(timespec="seconds"), **wanted)
    store.record_embedder(embedder.name)
    store.add_document(doc, records, vectors[:len(records)], statements, vectors[len(records):])
    previous = by_path.get(key)
    if previous is not None and previous.doc_id != doc_id:
        store.delete_document(previous.doc_id)  # the new version is whole: drop the old one
    by_path[key], by_id[doc_id] = doc, doc
    item = {"path": str(path), "doc_id": doc_id, "chunks": len(records), "commitments": commitments}
    if loaded.notes:
        item["notes"] = loaded.notes
    if loaded.ocr_pages:
        item["ocr_pages"] = list(loaded.ocr_pages)
    report.ingested.append(item)
