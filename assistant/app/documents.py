"""Managing the stored documents from the app: keep uploads, change details, re-ingest, delete.

Only files this server received as uploads are taken (never another path on the server). They
are copied into the store's ``uploads`` folder as ``<supplier>-<hash of the exact supplier
name>/<hash of the content>/<safe file name>``: two suppliers whose names sanitise alike never
share a folder, and a file is never overwritten — a new version is a new file beside the old
one, the same bytes again are the same document (ingest sees it unchanged). Copies of files
that were not ingested are removed again.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
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
              audience: Audience, adding: bool = False) -> IngestMeta:
    """What the documents form says, tidied (extra spaces, empty areas). ``adding``: the form adds
    files, so a field left as it opens (no supplier or areas, "other", restricted) is no change to
    a file the store already holds (as with ``sva ingest``): adding it again keeps its details."""
    meta = IngestMeta(supplier=" ".join((supplier or "").split()), doc_type=doc_type,
                      areas=tuple(a.strip() for a in areas or () if a.strip()), audience=audience)
    if not adding:
        return meta
    set_ = {"supplier": bool(meta.supplier), "areas": bool(meta.areas), "doc_type": doc_type != "other",
            "audience": audience != "restricted"}
    return replace(meta, given=frozenset(k for k, v in set_.items() if v))


SUPPLIERS_OWN: tuple[DocType, ...] = ("tender_response", "social_value_report")  # always a supplier's


def missing_to_add(files: Iterable[str | Path] | None, meta: IngestMeta) -> list[str]:
    """What the add form still needs, in plain words ([]: nothing). A tender response or social
    value report always comes from a supplier: without one its commitments would belong to nobody."""
    missing = [] if files else ["Choose one or more files first."]
    if not meta.supplier and meta.doc_type in SUPPLIERS_OWN:
        missing.append("Choose the supplier these files come from under “Supplier” (or type a new name), "
                       "then press “Add documents” again.")
    return missing


def all_there(files: Iterable[str | Path] | None) -> bool:
    """Whether every chosen upload is still there (after a failed add: worth keeping chosen)."""
    return all(Path(f).is_file() for f in files or ())


def add(services: Services, files: Iterable[str | Path], meta: IngestMeta,
        progress: Progress | None = None, received: str | Path | None = None) -> IngestReport:
    """Keep the uploaded files (Gradio's temporary copies are removed), then ingest them.
    ``received``: the folder uploads arrive in (Gradio's upload folder unless given); a file
    anywhere else is refused before anything is copied."""
    paths = [Path(f) for f in files]
    check_received(paths, upload_folder() if received is None else Path(received))
    saved, made = save_uploads(paths, uploads_dir(services), meta.supplier, made=True)
    discard(paths)
    try:
        report = services.ingest(saved, meta, progress)
    except BaseException:
        remove(made, uploads_dir(services))
        raise
    skipped = {str(s.get("path")) for s in report.skipped}
    remove([p for p in made if str(p) in skipped], uploads_dir(services))
    for entry in report.skipped:  # the command-line advice, said for this page (and no server paths)
        stored = _STORED_COPY.match(str(entry.get("reason", "")))
        if stored:
            entry["reason"] = (f"this file is already stored as {stored['source']}, with other details "
                               f"({stored['what']}); to change them, choose it under “Change, re-read or "
                               "delete a document” below")
    return report


_STORED_COPY = re.compile(r".*? holds the same bytes as (?P<source>.+?), stored with other details "
                          r"\((?P<what>[^)]*)\); sva keeps one copy", re.S)


def upload_folder() -> Path:
    """Where Gradio keeps the files it received as uploads."""
    from gradio.utils import get_upload_folder

    return Path(get_upload_folder())


def check_received(files: Iterable[Path], received: Path) -> None:
    """Refuse any file that is not inside ``received`` (after resolving links and ``..``)."""
    root = os.path.realpath(received)
    for file in files:
        if not os.path.realpath(file).startswith(root.rstrip(os.sep) + os.sep):
            raise SvaError(f"{file.name} was not uploaded through this page; only files uploaded "
                           "here can be added (upload it with the file chooser)")


def discard(files: Iterable[str | Path]) -> None:
    """Remove Gradio's temporary copies of uploads once sva has kept its own."""
    for file in files or []:
        try:
            Path(file).unlink(missing_ok=True)
        except OSError:
            pass


def supplier_folder(supplier: str) -> str:
    """A folder name for exactly this supplier: readable part + hash of the exact name."""
    digest = hashlib.sha256(supplier.encode("utf-8")).hexdigest()[:12]
    return f"{safe_name(supplier, fallback='no-supplier')[:60]}-{digest}"


def save_uploads(files: Iterable[str | Path], folder: Path, supplier: str = "", made: bool = False):
    """Copy uploaded files into ``folder/<supplier folder>/<content hash>/<safe name>``; returns
    the copies (and, with ``made``, also the ones this call created). Nothing is overwritten;
    when a copy fails, the copies this call made are removed and SvaError says which file."""
    target = folder / supplier_folder(supplier)
    saved: list[Path] = []
    created: list[Path] = []
    try:
        for file in files:
            source = Path(file)
            destination = target / _content_hash(source)[:16] / safe_name(source.name)
            if destination not in saved:
                if not destination.exists():
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    created.append(destination)  # removed again, with its .part, on failure
                    partial = destination.with_name(destination.name + ".part")
                    shutil.copyfile(source, partial)
                    partial.replace(destination)
                saved.append(destination)
    except OSError as exc:
        remove(created, folder)
        raise SvaError(f"could not keep the upload {Path(file).name}: {exc.strerror or exc}") from exc
    return (saved, created) if made else saved


def _content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def remove(paths: Iterable[Path], root: Path) -> None:
    """Delete ``paths`` (and any ``.part`` beside them) and the folders they leave empty, up to
    ``root``."""
    for path in paths:
        for leftover in (path, path.with_name(path.name + ".part")):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass
        for parent in path.parents:
            if parent == root or not parent.is_relative_to(root):
                break
            try:
                parent.rmdir()
            except OSError:
                break


def find(services: Services, doc_id: str) -> DocRecord:
    for doc in services.store.documents():
        if doc.doc_id == doc_id:
            return doc
    raise SvaError("that document is no longer in the store; refresh the list")


def update_details(services: Services, doc_id: str, meta: IngestMeta) -> DocRecord:
    """Change supplier, areas, type and audience without re-embedding."""
    with services.store.writing():  # never beside an ingest's writes
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
                      audience=doc.audience, tender=doc.tender, lot=doc.lot)
    return services.ingest([path], meta, reread=True)  # the stored version stays until the new is read


def delete(services: Services, doc_id: str) -> DocRecord:
    """Remove the document from the store, and its uploaded copy when sva keeps one."""
    with services.store.writing():  # never beside an ingest's writes
        doc = find(services, doc_id)
        services.store.delete_document(doc_id)
    path, uploads = Path(doc.path), uploads_dir(services).resolve()
    if path.is_file() and path.resolve().is_relative_to(uploads):
        remove([path.resolve()], uploads)
    return doc
