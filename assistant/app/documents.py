"""Managing the stored documents from the app: keep uploads, change details, re-ingest, delete.

Uploaded files are copied into the store's ``uploads`` folder under a sanitised name (one folder
per supplier, so two suppliers' ``tender.pdf`` never replace each other, while a supplier's new
version of a file replaces its old one), and ingested from there.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import SvaError
from ingest.parse import IngestMeta
from ingest.records import DocRecord
from ingest.vocab import Audience, DocType

if TYPE_CHECKING:
    from assistant.library import IngestReport, Progress
    from assistant.services import Services

_UNSAFE = re.compile(r"[^A-Za-z0-9._ ()-]+")


def safe_name(name: str, fallback: str = "document") -> str:
    """A file name that is only a name: no folders, no leading dots, no odd characters."""
    name = unicodedata.normalize("NFKC", str(name)).replace("\\", "/").split("/")[-1]
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = suffix, ""
    stem = _UNSAFE.sub("_", stem).strip(" ._") or fallback
    suffix = _UNSAFE.sub("", suffix)[:10].lower()
    return (stem[:120] + (f".{suffix}" if suffix else "")).strip()


def uploads_dir(services: Services) -> Path:
    return services.folder.uploads


def listed(services: Services) -> list[DocRecord]:
    """The stored documents, by supplier then file name."""
    return sorted(services.store.documents(), key=lambda d: (d.supplier.lower(), d.source.lower()))


def form_meta(supplier: str | None, areas: Iterable[str] | None, doc_type: DocType,
              audience: Audience) -> IngestMeta:
    """What the documents form says, tidied (extra spaces, empty areas)."""
    return IngestMeta(supplier=" ".join((supplier or "").split()), doc_type=doc_type,
                      areas=tuple(a.strip() for a in areas or () if a.strip()), audience=audience)


def add(services: Services, files: Iterable[str | Path], meta: IngestMeta,
        progress: Progress | None = None) -> IngestReport:
    """Keep the uploaded files (Gradio's temporary copies are removed), then ingest them."""
    files = list(files)
    saved = save_uploads(files, uploads_dir(services), meta.supplier)
    discard(files)
    return services.ingest(saved, meta, progress)


def discard(files: Iterable[str | Path]) -> None:
    """Remove Gradio's temporary copies of uploads once sva has kept its own."""
    for file in files or []:
        try:
            Path(file).unlink(missing_ok=True)
        except OSError:
            pass


def save_uploads(files: Iterable[str | Path], folder: Path, supplier: str = "") -> list[Path]:
    """Copy uploaded files into ``folder/<supplier>/`` under safe names; returns the copies."""
    target = folder / safe_name(supplier, fallback="no-supplier")
    target.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    for file in files:
        source = Path(file)
        destination = target / safe_name(source.name)
        if destination in saved:  # two uploads with the same name in one go: keep both
            destination = target / f"{destination.stem}-{len(saved) + 1}{destination.suffix}"
        try:
            shutil.copyfile(source, destination)
        except OSError as exc:
            raise SvaError(f"could not keep the upload {source.name}: {exc.strerror or exc}") from exc
        saved.append(destination)
    return saved


def find(services: Services, doc_id: str) -> DocRecord:
    for doc in services.store.documents():
        if doc.doc_id == doc_id:
            return doc
    raise SvaError("that document is no longer in the store; refresh the list")


def update_details(services: Services, doc_id: str, meta: IngestMeta) -> DocRecord:
    """Change supplier, areas, type and audience without re-embedding."""
    doc = find(services, doc_id)
    updated = DocRecord(**{**doc.__dict__, "supplier": meta.supplier, "areas": list(meta.areas),
                           "doc_type": meta.doc_type, "audience": meta.audience})
    services.store.update_document(updated)
    return updated


def reingest(services: Services, doc_id: str) -> IngestReport:
    """Read the document's file again from scratch (e.g. after sva's reading improved)."""
    from ingest.parse import IngestMeta

    doc = find(services, doc_id)
    path = Path(doc.path)
    if not path.is_file():
        raise SvaError(f"the file {doc.source} is no longer at {path}; upload it again instead")
    meta = IngestMeta(supplier=doc.supplier, areas=tuple(doc.areas), doc_type=doc.doc_type,
                      audience=doc.audience)
    services.store.delete_document(doc_id)
    return services.ingest([path], meta)


def delete(services: Services, doc_id: str) -> DocRecord:
    """Remove the document from the store, and its uploaded copy when sva keeps one."""
    doc = find(services, doc_id)
    services.store.delete_document(doc_id)
    path, uploads = Path(doc.path), uploads_dir(services).resolve()
    if path.is_file() and path.resolve().is_relative_to(uploads):
        path.unlink()
    return doc
