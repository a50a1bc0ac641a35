"""Wiring: settings -> store, embedder, chat model, mirror, retrievers, answerers, registers.

Services takes its three backends as typed arguments (tests pass fakes); any left out is built
from the settings on first use, once, so `sva ingest` of unchanged files never opens Chroma and
`sva --help` loads nothing heavy.
"""

from __future__ import annotations

import os
import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.backends.chat import ChatModel
from assistant.backends.embedders import Embedder
from assistant.backends.store import Store
from assistant.config import Settings
from assistant.folder import StoreFolder
from assistant.search.retriever import ReadAudience, Retriever

if TYPE_CHECKING:
    from assistant.answers.promises import PromiseAnswerer
    from assistant.backends.vector_cache import CachedEmbedder
    from assistant.glossary import Glossary
    from assistant.library import IngestReport, Progress
    from assistant.register.charter import Charter
    from assistant.register.commitments import Register
    from assistant.register.corrections import Corrections
    from assistant.search.mirror import Mirror
    from assistant.tenders.book import TenderBook
    from assistant.tenders.decisions import Decisions
    from assistant.voice import PublicVoice, Voice
    from ingest.parse import IngestMeta


class Services:
    """Holds the heavy objects for one store. Pass it around; never make it global."""

    def __init__(self, settings: Settings, *, store: Store | None = None,
                 embedder: Embedder | None = None, chat: ChatModel | None = None) -> None:
        self.settings = settings
        self.folder = StoreFolder(settings.store)
        self._store, self._embedder, self._chat = store, embedder, chat
        self._chat_built = chat is not None
        self._cached: CachedEmbedder | None = None  # the embedder behind the store's vector cache
        self._mirror: Mirror | None = None
        self._lock = threading.Lock()
        self._current: dict = {}
        self._voice: tuple[Voice, PublicVoice] | None = None
        self._corrections: Corrections | None = None
        self._decisions: Decisions | None = None

    # -- backends, built on first use ---------------------------------------------------------
    @property
    def store(self) -> Store:
        with self._lock:
            if self._store is None:
                from assistant.backends.chroma import ChromaStore

                s = self.settings
                self._store = ChromaStore(path=None if s.chroma_url else s.store, url=s.chroma_url,
                                          name=s.collection)
            return self._store

    @property
    def store_opened(self) -> bool:
        return self._store is not None

    @property
    def embedder(self) -> Embedder:
        with self._lock:
            if self._embedder is None:
                from assistant.backends.embedders import (
                    AutoEmbedder,
                    OnnxEmbedder,
                    SentenceTransformerEmbedder,
                    native_bf16,
                )

                s = self.settings
                if s.embedder == "sentence-transformers":
                    self._embedder = SentenceTransformerEmbedder(s.model_path, s.embed_batch_size)
                else:
                    self._embedder = OnnxEmbedder(s.model_path)
                    if s.embedder == "auto" and native_bf16():
                        bulk = SentenceTransformerEmbedder(s.model_path, s.embed_batch_size, bf16=True)
                        self._embedder = AutoEmbedder(self._embedder, bulk)
            if self._cached is None and self.settings.vector_cache_mb > 0:
                from assistant.backends.vector_cache import ROW_BYTES, CachedEmbedder, VectorCache

                rows = max(1, int(self.settings.vector_cache_mb * 2**20 / ROW_BYTES))
                self._cached = CachedEmbedder(self._embedder, VectorCache(self.folder.vectors, rows))
            return self._cached or self._embedder

    @property
    def chat(self) -> ChatModel | None:
        """The chat model SVA_LLM asks for (None by default); built once, no request made."""
        with self._lock:
            if not self._chat_built:
                from assistant.backends.chat import chat_model

                self._chat, self._chat_built = chat_model(self.settings), True
            return self._chat

    @property
    def mirror(self) -> Mirror:
        if self._mirror is None:
            from assistant.search.mirror import Mirror

            saved = None if self.settings.chroma_url else self.folder.mirror
            self._mirror = Mirror(self.store, saved)
        return self._mirror

    # -- what the commands and apps ask for ----------------------------------------------------
    def retriever(self, audience: ReadAudience = "all") -> Retriever:
        return Retriever(self.mirror, self.embedder, audience)

    def answerer(self, audience: ReadAudience = "all") -> PromiseAnswerer:
        """Promise questions from the register (built only when one is asked); everything else
        by quoting the documents, or, when SVA_LLM is set, by the language model with checked
        citations (quoting when it fails)."""
        from assistant.answers.extractive import ExtractiveAnswerer
        from assistant.answers.followup import FollowUps
        from assistant.answers.promises import PromiseAnswerer

        charter = self.charter()
        followups = FollowUps(charter.areas, self.chat, self.settings.prompts)
        retriever = self.retriever(audience)
        extractive = ExtractiveAnswerer(retriever, self.embedder, followups=followups)
        fallback: ExtractiveAnswerer | LLMAnswerer = extractive
        if self.chat is not None:
            from assistant.answers.generative import LLMAnswerer

            s = self.settings
            fallback = LLMAnswerer(retriever, self.chat, extractive, prompts=s.prompts,
                                   sources=s.llm_sources, timeout=s.llm_timeout,
                                   plain_english=s.llm_plain and audience == "public",
                                   places=charter.areas, followups=followups)
        # bid evaluation is for commissioners: the residents' answerer is built without it
        evaluations = self.tenders() if audience == "all" else None
        return PromiseAnswerer(lambda: self.current_register(audience), charter, fallback, followups,
                               self.glossary(), evaluations)

    def register(self, audience: ReadAudience = "all", charter_path: Path | None = None) -> Register:
        from assistant.register.commitments import Register

        return Register(self.mirror, self.embedder, self.charter(charter_path), audience,
                        as_of=self.settings.as_of, corrections=self.corrections().current,
                        awards=self.decisions().awards)

    def decisions(self) -> Decisions:
        """Commissioners' tender decisions: overrides, notes, awards (SQLite), opened once. The
        register reads the awards (a losing bid's promises leave it, the residents' too)."""
        with self._lock:
            if self._decisions is None:
                from assistant.tenders.decisions import Decisions

                self._decisions = Decisions(self.folder.tenders)
            return self._decisions

    def corrections(self) -> Corrections:
        """Commissioners' corrections to the register (SQLite in the store folder), opened once;
        every register applies them, the residents' too."""
        with self._lock:
            if self._corrections is None:
                from assistant.register.corrections import Corrections

                self._corrections = Corrections(self.folder.corrections)
            return self._corrections

    def current_register(self, audience: ReadAudience) -> Register:
        """The register for the active charter, built once per charter version and day (a server
        asks for one per request; building a register maps every commitment)."""
        return self._current_one("register", audience, self.register)

    def current_answerer(self, audience: ReadAudience) -> PromiseAnswerer:
        return self._current_one("answerer", audience, self.answerer)

    def _current_one(self, kind: str, audience: ReadAudience, build):
        path = self.charter_path()
        version = (str(path), path.stat().st_mtime_ns if path and path.is_file() else 0, date.today())
        with self._lock:
            if self._current.get("version") != version:
                self._current = {"version": version}
            found = self._current.get((kind, audience))
        if found is None:
            found = build(audience)
            with self._lock:
                found = self._current.setdefault((kind, audience), found)
        return found

    def public(self) -> PublicView:
        return PublicView(self)

    def tenders(self) -> TenderBook:
        """Bid evaluation (scores, overrides, notes): commissioners only, never in PublicView."""
        from assistant.tenders.book import TenderBook

        return TenderBook(self.store, lambda: self.current_register("all"), self.decisions())

    # -- residents' say ------------------------------------------------------------------------
    def voice(self) -> Voice:
        """Residents' priorities and answers (SQLite in the store folder), opened once."""
        return self._voices()[0]

    def resident_voice(self) -> PublicVoice:
        """The residents' handle on them, with the one rate limiter this process has."""
        return self._voices()[1]

    def _voices(self) -> tuple[Voice, PublicVoice]:
        with self._lock:
            if self._voice is None:
                from assistant.voice import Limits, PublicVoice, Voice

                s = self.settings
                voice = Voice(self.folder.voice)
                self._voice = voice, PublicVoice(voice, Limits(s.voice_client_limit, s.voice_area_limit))
            return self._voice

    def glossary(self) -> Glossary:
        from assistant.glossary import load_glossary

        return load_glossary(self.settings.glossary)

    # -- the charter ---------------------------------------------------------------------------
    def charter(self, path: Path | None = None) -> Charter:
        from assistant.register.charter import load_charter

        return load_charter(path or self.charter_path())

    def charter_path(self) -> Path | None:
        """The active charter: one a commissioner saved for this store, else SVA_CHARTER, else
        None (the bundled default)."""
        saved = self.folder.charter
        return saved if saved.is_file() else self.settings.charter

    def save_charter(self, text: str, source: str = "charter") -> Charter:
        """Validate ``text`` (CharterError lists problems by line) and make it this store's charter."""
        from assistant.register.charter import parse_charter

        charter = parse_charter(text, source)
        path = self.folder.charter
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".yaml.part")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
        return charter

    # -- ingest --------------------------------------------------------------------------------
    def ingest(self, paths: list[Path], meta: IngestMeta, progress: Progress | None = None,
               reread: bool = False) -> IngestReport:
        """Ingest ``paths`` (see assistant.library.ingest; ``reread`` reads stored files again)."""
        from assistant.library import ingest, unchanged_report
        from ingest.parse import ChunkingOptions

        s = self.settings
        options = ChunkingOptions(s.chunk_size, s.chunk_overlap, int(s.max_file_mb * 2**20))
        if not reread and not s.chroma_url and not self.store_opened:  # nothing opened yet: try the fast path
            from assistant.backends.embedders import embedder_name

            name = self._embedder.name if self._embedder is not None else embedder_name(s.model_path)
            quick = unchanged_report(paths, self.folder.manifest, meta, name, options.max_bytes)
            if quick is not None:
                return quick
        embedder, cached = self.embedder, self._cached
        hits, misses = (cached.hits, cached.misses) if cached else (0, 0)
        report = ingest(paths, self.store, embedder, meta, options, progress, reread)
        if cached is not None:
            report.vectors = {"cached": cached.hits - hits, "embedded": cached.misses - misses}
        return report


class PublicView:
    """All the resident app is given: a public-only register and answerer for the active charter.

    It has no way to ask for restricted documents; each handle it returns is checked."""

    audience = "public"

    def __init__(self, services: Services) -> None:
        self._services = services

    def register(self) -> Register:
        register = self._services.current_register("public")
        if register.audience != "public":
            raise RuntimeError("a public view was handed a register that is not public-only")
        return register

    def voice(self) -> PublicVoice:
        """Adds responses; reads only moderated tallies and published comments."""
        return self._services.resident_voice()

    def glossary(self) -> Glossary:
        return self._services.glossary()

    def answerer(self) -> PromiseAnswerer:
        answerer = self._services.current_answerer("public")
        if answerer.retriever.audience != "public" or answerer.evaluations is not None:
            raise RuntimeError("a public view was handed an answerer that is not public-only")
        return answerer


if TYPE_CHECKING:
    from assistant.answers.generative import LLMAnswerer
