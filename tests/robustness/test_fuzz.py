"""Fuzzing the loaders and the chunker: nothing escapes but our own LoadError."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.chunking import chunk_blocks
from ingest.commitments import extract
from ingest.errors import LoadError
from ingest.loaders import load
from tests.unit.test_loaders import make_docx, make_pdf

PDF = make_pdf([["# 1. Jobs", "We will create 20 apprenticeships by 2027."], ["More text here."]])
DOCX = make_docx()
# max_examples comes from the hypothesis profile (tests/conftest.py): small by default, full in CI
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _mutate(data: bytes, edits: list[tuple[int, int]], cut: int) -> bytes:
    buffer = bytearray(data[: max(1, len(data) - cut)])
    for position, value in edits:
        buffer[position % len(buffer)] = value
    return bytes(buffer)


def _load_or_our_error(name: str, data: bytes) -> None:
    try:
        doc = load(Path(name), data)
    except LoadError:
        return
    chunks = chunk_blocks(doc.blocks, size=400, overlap=80)
    assert all(c.text for c in chunks)
    extract(doc.blocks)


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=30), st.integers(0, 2000))
def test_mutated_pdfs(edits, cut):
    _load_or_our_error("f.pdf", _mutate(PDF, edits, cut))


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=30), st.integers(0, 5000))
def test_mutated_docx(edits, cut):
    _load_or_our_error("f.docx", _mutate(DOCX, edits, cut))


@SETTINGS
@given(st.binary(max_size=4000), st.sampled_from(["f.txt", "f.md", "f.html", "f.pdf", "f.docx"]))
def test_random_bytes_in_any_format(data, name):
    _load_or_our_error(name, data)


@SETTINGS
@given(st.text(max_size=3000))
def test_any_text_as_text_markdown_and_html(text):
    for name in ("f.txt", "f.md", "f.html"):
        _load_or_our_error(name, text.encode("utf-8"))
