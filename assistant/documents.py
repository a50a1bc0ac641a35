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

from assistant.errors import SvaError
from assistant.store import DocRecord

UPLOADS = "uploads"
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


def uploads_dir(services) -> Path:
    return Path(services.settings.store) / UPLOADS


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


def find(services, doc_id: str) -> DocRecord:
    for doc in services.store.documents():
        if doc.doc_id == doc_id:
            return doc
    raise SvaError("that document is no longer in the store; refresh the list")


def update_details(services, doc_id: str, meta) -> DocRecord:
    """Change supplier, areas, type and audience without re-embedding."""
    doc = find(services, doc_id)
    updated = DocRecord(**{**doc.__dict__, "supplier": meta.supplier, "areas": list(meta.areas),
                           "doc_type": meta.doc_type, "audience": meta.audience})
    services.store.update_document(updated)
    return updated


def reingest(services, doc_id: str):
    """Read the document's file again from scratch (e.g. after sva's reading improved)."""
    from ingest.pipeline import IngestMeta

    doc = find(services, doc_id)
    path = Path(doc.path)
    if not path.is_file():
        raise SvaError(f"the file {doc.source} is no longer at {path}; upload it again instead")
    meta = IngestMeta(supplier=doc.supplier, areas=tuple(doc.areas), doc_type=doc.doc_type,
                      audience=doc.audience)
    services.store.delete_document(doc_id)
    return services.ingest([path], meta)


def delete(services, doc_id: str) -> DocRecord:
    """Remove the document from the store, and its uploaded copy when sva keeps one."""
    doc = find(services, doc_id)
    services.store.delete_document(doc_id)
    path, uploads = Path(doc.path), uploads_dir(services).resolve()
    if path.is_file() and path.resolve().is_relative_to(uploads):
        path.unlink()
    return doc
