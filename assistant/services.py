"""Wiring: settings -> store, embedder, mirror, retriever, answerer. Each built once, on first use."""

from __future__ import annotations

from functools import cached_property

from assistant.config import Settings
from assistant.embeddings import Embedder, HashEmbedder, SentenceTransformerEmbedder
from assistant.retrieval import ReadAudience, Retriever


class Services:
    """Holds the heavy objects for one store. Pass it around; never make it global."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None, store=None) -> None:
        self.settings = settings
        if embedder is not None:
            self.__dict__["embedder"] = embedder
        if store is not None:
            self.__dict__["store"] = store

    @cached_property
    def store(self):
        from assistant.store import ChromaStore

        s = self.settings
        return ChromaStore(path=None if s.chroma_url else s.store, url=s.chroma_url,
                           name=s.collection)

    @cached_property
    def embedder(self) -> Embedder:
        s = self.settings
        if s.embedder == "hash":
            return HashEmbedder()
        return SentenceTransformerEmbedder(s.model_path, batch_size=s.embed_batch_size)

    @cached_property
    def mirror(self):
        from assistant.index import Mirror

        return Mirror(self.store)

    def retriever(self, audience: ReadAudience = "all") -> Retriever:
        return Retriever(self.mirror, self.embedder, audience)

    def answerer(self, audience: ReadAudience = "all"):
        """Promise questions from the register; everything else by quoting the documents."""
        from assistant.answer import ExtractiveAnswerer
        from assistant.promises import PromiseAnswerer

        extractive = ExtractiveAnswerer(self.retriever(audience), self.embedder)
        return PromiseAnswerer(self.register(audience), extractive)

    def charter(self, path=None):
        from assistant.charter import load_charter

        return load_charter(path or self.settings.charter)

    def register(self, audience: ReadAudience = "all", charter_path=None):
        from assistant.register import Register

        return Register(self.mirror, self.embedder, self.charter(charter_path), audience)

    def ingest(self, paths, meta, progress=None):
        from ingest.pipeline import ChunkingOptions, ingest

        s = self.settings
        options = ChunkingOptions(s.chunk_size, s.chunk_overlap, int(s.max_file_mb * 2**20))
        return ingest(paths, self.store, self.embedder, meta, options, progress)
