"""An extractive answerer over one invented document, on the fakes (for the answer-shape tests)."""

from __future__ import annotations

from pathlib import Path

from assistant.answers.extractive import ExtractiveAnswerer
from assistant.library import ingest
from assistant.search.mirror import Mirror
from assistant.search.retriever import Retriever
from ingest.parse import IngestMeta
from tests.fakes import HashEmbedder, MemoryStore


def answerer_over(folder: Path, name: str, text: str, supplier: str, min_similarity: float = 0.0) -> ExtractiveAnswerer:
    """``text`` ingested as ``name`` for ``supplier``; floors low, as the hashing embedder needs."""
    (folder / name).write_text(text, encoding="utf-8")
    store = MemoryStore()
    ingest([folder / name], store, HashEmbedder(), IngestMeta(supplier))
    return ExtractiveAnswerer(Retriever(Mirror(store), HashEmbedder()), HashEmbedder(),
                              min_similarity=min_similarity, min_lexical=0.25)
