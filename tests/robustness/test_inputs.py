"""Documents as they really come: every bad input is a clear error, loses nothing, stops nothing."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from assistant.library import ingest
from ingest.parse import ChunkingOptions, IngestMeta
from tests.fakes import CountingEmbedder, MemoryStore
from tests.unit.test_loaders import make_docx, make_pdf

GOOD = "# Good bid\n\nWe will create 12 apprenticeships in Harrowden by 2027.\n"


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w>" + b"A" * (80 * 2**20) + b"</w>")
    return buffer.getvalue()


BAD_FILES = {
    "truncated.pdf": (lambda: make_pdf([["We will plant trees."]])[:300], "damaged"),
    "corrupt.pdf": (lambda: b"%PDF-1.7\n" + bytes(range(256)) * 4, "damaged"),
    "zero.pdf": (lambda: b"", "empty"),
    "photo.pdf": (lambda: b"\x89PNG\r\n\x1a\n" + bytes(300), "not a PDF"),
    "locked.pdf": (lambda: make_pdf([["Secret."]], password="pw"), "password"),
    "malformed.docx": (lambda: b"PK\x03\x04garbage-not-a-real-zip", "Word file"),
    "truncated.docx": (lambda: make_docx()[:2000], "Word file"),
    "bomb.docx": (_zip_bomb, "zip bomb"),
    "binary.txt": (lambda: bytes(range(32)) * 200, "binary"),
    "nothing.html": (lambda: b"<html><script>alert(1)</script><nav>Home</nav></html>", "no main text"),
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, (make, _) in BAD_FILES.items():
        (tmp_path / name).write_bytes(make())
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "cp1252.txt").write_bytes("Spend – £2m with local firms by 2028.\n".encode("cp1252"))
    (tmp_path / "latin1.txt").write_bytes("Café owners get £5k each year.\n".encode("latin-1"))
    (tmp_path / "utf16.txt").write_bytes("We will plant 300 trees in Millbrook.\n".encode("utf-16"))
    (tmp_path / "scripts.html").write_bytes(
        b"<html><body><script>var x='EVIL';</script><article><h1>Bid</h1><p>We will run 24 DIY "
        b"workshops in Oakley Vale by March 2027 with local volunteers and the tenants' group, "
        b"and publish what we learn.</p></article></body></html>")
    (tmp_path / "ok.docx").write_bytes(make_docx())
    (tmp_path / "sheet.xlsx").write_bytes(b"PK\x03\x04")  # not a type sva reads: ignored
    return tmp_path


def test_each_bad_file_is_named_with_its_reason_and_the_rest_ingest(folder):
    store, embedder = MemoryStore(), CountingEmbedder()
    report = ingest([folder], store, embedder, IngestMeta("Acme"))
    reasons = {Path(s["path"]).name: s["reason"] for s in report.skipped}
    assert set(reasons) == set(BAD_FILES)
    assert [Path(p).name for p in report.ignored] == ["sheet.xlsx"]
    for name, (_, expected) in BAD_FILES.items():
        assert expected in reasons[name], (name, reasons[name])
    assert sorted(Path(i["path"]).name for i in report.ingested) == [
        "cp1252.txt", "good.md", "latin1.txt", "ok.docx", "scripts.html", "utf16.txt"]
    stored = {d.source for d in store.documents()}
    assert stored.isdisjoint(BAD_FILES) and not store.orphan_doc_ids()
    text = " ".join(c.text for c, _ in store.rows.values())
    assert "£2m" in text and "Café" in text and "300 trees" in text and "EVIL" not in text


def test_a_file_over_the_size_limit_is_skipped_and_the_store_is_unchanged(folder):
    store = MemoryStore()
    ingest([folder / "good.md"], store, CountingEmbedder())
    before = (store.generation(), dict(store.docs))
    big = folder / "big.txt"
    big.write_bytes(b"We will hire local people. " * 50_000)
    report = ingest([big], store, CountingEmbedder(), options=ChunkingOptions(max_bytes=1_000_000))
    assert "limit" in report.skipped[0]["reason"] and "SVA_MAX_FILE_MB" in report.skipped[0]["reason"]
    assert (store.generation(), dict(store.docs)) == before
