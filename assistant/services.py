"""Wiring: settings -> store, embedder, mirror, retriever, answerer. Each built once, on first use."""

from __future__ import annotations

import os
import threading
from functools import cached_property
from pathlib import Path

from assistant.config import Settings
from assistant.embeddings import Embedder, HashEmbedder, OnnxEmbedder, SentenceTransformerEmbedder
from assistant.retrieval import ReadAudience, Retriever


SAVED_CHARTER = "charter.yaml"  # in the store folder: the charter a commissioner uploaded


class Services:
    """Holds the heavy objects for one store. Pass it around; never make it global."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None, store=None) -> None:
        self.settings = settings
        self._current: dict = {}
        self._current_lock = threading.Lock()
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
        if s.embedder == "onnx":
            return OnnxEmbedder(s.model_path, batch_size=s.embed_batch_size)
        return SentenceTransformerEmbedder(s.model_path, batch_size=s.embed_batch_size)

    @cached_property
    def mirror(self):
        from assistant.index import Mirror

        return Mirror(self.store)

    def retriever(self, audience: ReadAudience = "all") -> Retriever:
        return Retriever(self.mirror, self.embedder, audience)

    @cached_property
    def chat(self):
        """The chat model SVA_LLM asks for (None by default); built once, no request made."""
        from assistant.llm import chat_model

        return chat_model(self.settings)

    def answerer(self, audience: ReadAudience = "all"):
        """Promise questions from the register; everything else by quoting the documents, or, when
        SVA_LLM is set, by the language model with checked citations (quoting when it fails)."""
        from assistant.answer import ExtractiveAnswerer
        from assistant.promises import PromiseAnswerer

        register = self.register(audience)
        answerer = ExtractiveAnswerer(self.retriever(audience), self.embedder)
        if self.chat is not None:
            from assistant.generate import LLMAnswerer

            s = self.settings
            answerer = LLMAnswerer(answerer.retriever, self.chat, answerer, prompts=s.prompts,
                                   sources=s.llm_sources, timeout=s.llm_timeout,
                                   plain_english=s.llm_plain and audience == "public",
                                   places=register.charter.areas)
        return PromiseAnswerer(register, answerer)

    def charter(self, path=None):
        from assistant.charter import load_charter

        return load_charter(path or self.charter_path())

    def charter_path(self) -> Path | None:
        """The active charter: one a commissioner saved for this store, else SVA_CHARTER, else
        None (the bundled default)."""
        saved = self.settings.store / SAVED_CHARTER
        return saved if saved.is_file() else self.settings.charter

    def save_charter(self, text: str, source: str = "charter"):
        """Validate ``text`` (CharterError lists problems by line) and make it this store's charter."""
        from assistant.charter import parse_charter

        charter = parse_charter(text, source)
        path = self.settings.store / SAVED_CHARTER
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".yaml.part")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
        return charter

    def current(self, kind: str, audience: ReadAudience):
        """A register or answerer for the active charter, built once per charter version (a server
        asks for one per request; building a register maps every commitment)."""
        from datetime import date

        path = self.charter_path()
        version = (str(path), path.stat().st_mtime_ns if path and path.is_file() else 0, date.today())
        if kind not in ("register", "answerer"):
            raise ValueError(f"kind must be 'register' or 'answerer', not {kind!r}")
        with self._current_lock:
            if self._current.get("version") != version:
                self._current = {"version": version}
            if (kind, audience) not in self._current:
                self._current[kind, audience] = getattr(self, kind)(audience)
            return self._current[kind, audience]

    def public(self) -> "PublicView":
        return PublicView(self)

    def register(self, audience: ReadAudience = "all", charter_path=None):
        from assistant.register import Register

        return Register(self.mirror, self.embedder, self.charter(charter_path), audience,
                        as_of=self.settings.as_of)

    def ingest(self, paths, meta, progress=None):
        from ingest.pipeline import ChunkingOptions, ingest

        s = self.settings
        options = ChunkingOptions(s.chunk_size, s.chunk_overlap, int(s.max_file_mb * 2**20))
        if not s.chroma_url and "store" not in self.__dict__:  # nothing opened yet: try the fast path
            from assistant.embeddings import embedder_name
            from assistant.store import LOCAL_MANIFEST
            from ingest.pipeline import unchanged_report

            quick = unchanged_report(paths, s.store / LOCAL_MANIFEST, meta,
                                     embedder_name(s.embedder, s.model_path), options.max_bytes)
            if quick is not None:
                return quick
        return ingest(paths, self.store, self.embedder, meta, options, progress)


class PublicView:
    """All the resident app is given: a public-only register and answerer for the active charter.

    It has no way to ask for restricted documents; each handle it returns is checked."""

    audience = "public"

    def __init__(self, services: Services) -> None:
        self._services = services

    def register(self):
        register = self._services.current("register", "public")
        if register.audience != "public":
            raise RuntimeError("a public view was handed a register that is not public-only")
        return register

    def answerer(self):
        answerer = self._services.current("answerer", "public")
        if answerer.retriever.audience != "public":
            raise RuntimeError("a public view was handed an answerer that is not public-only")
        return answerer
