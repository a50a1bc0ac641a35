"""Files that must not stop an ingest: bad names, unreadable paths, padded Word files (issue 16)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from assistant.library import ingest
from ingest import loaders
from ingest.errors import LoadError
from ingest.parse import IngestMeta, collect_files
from tests.fakes import HashEmbedder, MemoryStore

GOOD = "# Bid\n\nWe will create 20 apprenticeships in Leeds by 2027.\n"


def _bad_name(folder: Path) -> Path:
    path = Path(os.fsdecode(bytes(folder) + b"/bad\xff.txt"))
    path.write_text("We will plant 100 trees in Leeds by 2027.\n", encoding="utf-8")
    return path


def test_a_file_name_that_is_not_utf8_is_skipped_and_the_rest_ingested(tmp_path):
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    _bad_name(tmp_path)
    (tmp_path / "z.md").write_text(GOOD.replace("20", "30"), encoding="utf-8")
    report = ingest([tmp_path], MemoryStore(), HashEmbedder(), IngestMeta())
    assert len(report.ingested) == 2 and not report.ok
    assert report.skipped[0]["path"].endswith("bad\\xff.txt") and "UTF-8" in report.skipped[0]["reason"]
    json.dumps(report.as_json(), ensure_ascii=False).encode("utf-8")  # printable


def test_paths_that_cannot_be_looked_at_are_skipped_with_a_reason(tmp_path):
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    too_long = tmp_path / ("x" * 300) / "b.md"
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    files, _, skipped = collect_files([too_long, tmp_path / "a.md", fifo, tmp_path / "missing.md"])
    assert files == [tmp_path / "a.md"]
    assert [s["reason"].split(" (")[0] for s in skipped] == [
        "could not read it", "not a regular file", "no such file or folder; check the path"]


def _docx(body: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", body)
        for name, data in (extra or {}).items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()


def test_a_docx_padded_past_the_ratio_is_refused_before_it_is_read():
    paragraph = b"<w:p><w:r><w:t>We will create 20 jobs in Leeds.</w:t></w:r></w:p>"
    body = b"<w:document><w:body>" + paragraph * 1_400_000 + b"</w:body></w:document>"  # ~100 MB
    padding = os.urandom(600_000)  # incompressible: keeps the ratio under the zip-bomb limit
    data = _docx(body, {"word/media/pad.bin": padding})
    started = time.perf_counter()
    with pytest.raises(LoadError, match="paragraphs|too much text"):
        loaders.load(Path("padded.docx"), data)
    assert time.perf_counter() - started < 5


def test_a_docx_member_that_lies_about_its_size_is_refused():
    data = bytearray(_docx(b"<w:document><w:body>" + b"<w:p/>" * 10_000 + b"</w:body></w:document>"))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    central = bytes(data).find(b"word/document.xml", bytes(data).find(b"PK\x01\x02")) - 46
    for field in (info.header_offset + 22, central + 24):  # uncompressed size: local and central
        data[field:field + 4] = (100).to_bytes(4, "little")
    with pytest.raises(LoadError, match="declared size|not a zip archive"):
        loaders.load(Path("lying.docx"), bytes(data))


def test_many_paragraphs_are_refused(monkeypatch):
    monkeypatch.setattr(loaders, "MAX_PARAGRAPHS", 1000)
    body = b"<w:document><w:body>" + b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 1001 + b"</w:body></w:document>"
    with pytest.raises(LoadError, match="paragraphs"):
        loaders.load(Path("many.docx"), _docx(body))


@pytest.mark.integration
def test_sva_ingest_reports_bad_names_and_unreadable_paths_as_json_and_goes_on(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text(GOOD, encoding="utf-8")
    _bad_name(docs)
    (docs / "z.md").write_text(GOOD.replace("20", "30"), encoding="utf-8")
    other = tmp_path / "other.md"
    other.write_text(GOOD.replace("20", "40"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SVA_")}
    proc = subprocess.run([str(Path(sys.executable).parent / "sva"), "ingest", str(docs),
                           str(tmp_path / ("x" * 300) / "b.md"), str(other),
                           "--store", str(tmp_path / "store"), "--json"],
                          capture_output=True, env=env, timeout=600)
    assert proc.returncode == 1, proc.stderr.decode(errors="replace")
    report = json.loads(proc.stdout)
    assert len(report["ingested"]) == 3 and len(report["skipped"]) == 2
    assert b"Traceback" not in proc.stderr
