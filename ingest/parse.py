"""parse(path, data, meta) -> ParsedDocument: a file's records, ready to embed and store.

A straight line: load the file into blocks, chunk them, extract the statements. Nothing here
embeds, stores or reads settings; the assistant's library does that with what this returns.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ingest import vocab
from ingest.chunking import chunk_blocks
from ingest.commitments import extract
from ingest.errors import LoadError, SvaError
from ingest.loaders import SUPPORTED, load
from ingest.places import PlaceFinder
from ingest.records import ChunkRecord, DocRecord, StatementRecord, doc_id_for
from ingest.vocab import AUDIENCES, DOC_TYPES, REPORT, Audience, DocType


@dataclass(frozen=True)
class IngestMeta:
    """What the person ingesting says about the files."""

    supplier: str = ""
    areas: tuple[str, ...] = ()
    doc_type: DocType = "other"
    audience: Audience = "restricted"
    tender: str = ""  # the tender a bid answers (its bidders are the suppliers with a response)
    lot: str = ""
    # the fields the person set (the others are defaults for new files: a file the store holds
    # keeps its own); None: every field was set
    given: frozenset[str] | None = None

    def __post_init__(self) -> None:
        if self.doc_type not in DOC_TYPES:
            raise SvaError(f"unknown document type {self.doc_type!r}: use one of {', '.join(DOC_TYPES)}")
        if self.audience not in AUDIENCES:
            raise SvaError(f"audience must be public or restricted, not {self.audience!r}")

    def fields(self) -> dict:
        """The document fields this metadata sets (what a metadata-only change updates)."""
        return dict(self.record_fields(), tender=" ".join(self.tender.split()), lot=" ".join(self.lot.split()))

    def changes(self) -> dict:
        """The fields to set on a document the store already holds: those the person gave."""
        return {k: v for k, v in self.fields().items() if self.given is None or k in self.given}

    def record_fields(self) -> dict:
        """The fields every chunk and statement carries too (the tender stays on the document)."""
        return dict(supplier=self.supplier, areas=list(self.areas), doc_type=self.doc_type,
                    audience=self.audience)


@dataclass(frozen=True)
class ChunkingOptions:
    size: int = 900
    overlap: int = 150
    max_bytes: int = 100 * 1024 * 1024


@dataclass
class ParsedDocument:
    """A file turned into records: the manifest entry, its chunks and its statements."""

    doc: DocRecord
    chunks: list[ChunkRecord]
    statements: list[StatementRecord]
    notes: list[str] = field(default_factory=list)
    ocr_pages: tuple[int, ...] = ()
    suspicious: int = 0  # sentences that speak to an AI assistant (kept as data, never statements)
    seconds: dict[str, float] = field(default_factory=dict)  # load, chunk, extract: where time went


def read_file(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, or a LoadError naming what to do (too big, unreadable)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise LoadError(f"the file is {size / 2**20:.1f} MB, over the "
                            f"{max_bytes / 2**20:.0f} MB limit; split it or raise SVA_MAX_FILE_MB")
        return path.read_bytes()
    except OSError as exc:
        raise LoadError(f"could not read the file ({exc.strerror or exc}); check permissions") from exc


def parse(path: Path, data: bytes, meta: IngestMeta, options: ChunkingOptions = ChunkingOptions(),
          places: PlaceFinder | None = None) -> ParsedDocument:
    """Load, chunk and extract one file. Delivery claims are kept for reports only (they are the
    evidence promised-vs-delivered reads); every document's commitments are kept."""
    doc_id = doc_id_for(data)
    wanted = meta.record_fields()
    started = time.perf_counter()
    loaded = load(path, data)
    loaded_at = time.perf_counter()
    chunks = [
        ChunkRecord(chunk_id=f"{doc_id}:{c.index}", doc_id=doc_id, text=c.text,
                    header=c.header(loaded.title), source=loaded.source, title=loaded.title,
                    page=c.page, section=c.section, char_start=c.char_start, char_end=c.char_end,
                    ocr=c.page in loaded.ocr_pages, **wanted)
        for c in chunk_blocks(loaded.blocks, options.size, options.overlap)
    ]
    chunked_at = time.perf_counter()
    found = extract(loaded.blocks, places or PlaceFinder(meta.areas), meta.areas, doc_type=meta.doc_type)
    statements = [
        StatementRecord(statement_id=f"{doc_id}:s{i}", doc_id=doc_id, kind=vocab.statement_kind(st.kind),
                        text=st.text, sentence=st.sentence, quantity=st.quantity, unit=st.unit,
                        deadline=st.deadline, deadline_year=st.deadline_year,
                        recurring=st.recurring, places=list(st.places), beneficiary=st.beneficiary,
                        page=st.page, section=st.section, source=loaded.source,
                        title=loaded.title, baseline=st.baseline, columns=st.columns,
                        lead=st.lead, **wanted)
        for i, st in enumerate(s for s in found.statements if s.kind != "achievement" or meta.doc_type == REPORT)
    ]
    doc = DocRecord(doc_id=doc_id, path=str(path.resolve()), source=loaded.source, title=loaded.title,
                    format=loaded.format, chunks=len(chunks), pages=loaded.pages,
                    commitments=sum(s.kind == "commitment" for s in statements),
                    ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
                    sentence_kinds={k: n for k, n in found.counts.items() if n}, **meta.fields())
    notes = list(loaded.notes)
    if found.suspicious:
        notes.append(f"{found.suspicious} sentence(s) speak to an AI assistant (injected instructions?); "
                     "they and the sentences beside them were not taken as commitments: check the document")
    seconds = {"parse": loaded_at - started, "chunk": chunked_at - loaded_at,
               "extract": time.perf_counter() - chunked_at}
    return ParsedDocument(doc, chunks, statements, notes, tuple(loaded.ocr_pages), found.suspicious, seconds)


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], list[str], list[dict]]:
    """Expand folders (recursively, skipping hidden entries) into (files to read, files ignored,
    paths skipped with a reason). In a walked folder a file of a type sva does not read (notes,
    images, spreadsheets) is ignored, not an error; a file named on the command line is always
    read, so a wrong type there is reported as skipped. A path that cannot be looked at (no
    permission, a name too long, not a regular file) is skipped with its reason; it never stops
    the others."""
    files: list[Path] = []
    ignored: list[str] = []
    skipped: list[dict] = []
    for path in paths:
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            skipped.append({"path": display_path(path), "reason": "no such file or folder; check the path"})
            continue
        except OSError as exc:
            skipped.append({"path": display_path(path), "reason": _os_reason(exc)})
            continue
        if stat.S_ISDIR(mode):
            _walk(path, files, ignored, skipped)
        elif stat.S_ISREG(mode):
            files.append(path)
        else:
            skipped.append({"path": display_path(path), "reason": "not a regular file (a device, pipe or "
                                                                  "socket); copy the document to a file"})
    return list(dict.fromkeys(files)), list(dict.fromkeys(ignored)), skipped


def _walk(folder: Path, files: list[Path], ignored: list[str], skipped: list[dict]) -> None:
    def refused(exc: OSError) -> None:
        skipped.append({"path": display_path(Path(exc.filename or folder)), "reason": _os_reason(exc)})

    found: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=refused):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root, n) for n in names if not n.startswith("."))
    for p in sorted(found):
        try:
            regular = stat.S_ISREG(p.stat().st_mode)
        except OSError as exc:
            skipped.append({"path": display_path(p), "reason": _os_reason(exc)})
            continue
        if not regular:
            continue
        if p.suffix.lower() in SUPPORTED:
            files.append(p)
        else:
            ignored.append(display_path(p))


def _os_reason(exc: OSError) -> str:
    return f"could not read it ({exc.strerror or exc}); check the path and its permissions"


def display_path(path: Path) -> str:
    """The path as text that can always be printed and written as JSON: bytes of a file name that
    are not valid UTF-8 are shown as escapes ("bad\\xff.txt")."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def check_name(path: Path) -> None:
    """A LoadError when the file's path is not valid UTF-8 (it could not be stored or cited)."""
    try:
        str(path.resolve()).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise LoadError("the file name (or a folder's name) is not valid UTF-8; rename it and "
                        "ingest it again") from exc
