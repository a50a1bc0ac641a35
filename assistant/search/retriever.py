"""Hybrid retrieval: dense cosine + BM25, fused by reciprocal rank. Audience is enforced here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from assistant.backends.embedders import Embedder
from assistant.search.mirror import Mirror, Snapshot
from ingest.records import ChunkRecord
from ingest.text import content_tokens

ReadAudience = Literal["public", "all"]
RRF_K = 60


@dataclass(frozen=True)
class Filters:
    supplier: str | None = None
    area: str | None = None
    doc_type: str | None = None


@dataclass(frozen=True)
class Search:
    """One search's results and what answerers need from it, so none reaches back into the
    retriever: the query's vector and the corpus's term weights (BM25 idf)."""

    query: str
    hits: list[Hit]
    query_vector: np.ndarray
    term_weights: dict[str, float]


@dataclass(frozen=True)
class Hit:
    chunk: ChunkRecord
    score: float  # fused reciprocal-rank score
    similarity: float  # cosine between question and chunk

    def as_json(self) -> dict:
        c = self.chunk
        return {"doc_id": c.doc_id, "source": c.source, "title": c.title, "page": c.page,
                "section": c.section, "text": c.text, "score": round(self.score, 6)}


class Retriever:
    """Searches the stored chunks a given audience may see.

    A Retriever made for ``public`` can never return a restricted chunk: the audience is fixed at
    construction and applied to every query, whatever the caller passes.
    """

    def __init__(self, mirror: Mirror, embedder: Embedder, audience: ReadAudience = "all",
                 candidates: int = 50) -> None:
        if audience not in ("public", "all"):
            raise ValueError(f"audience must be 'public' or 'all', not {audience!r}")
        self.mirror, self.embedder, self.audience = mirror, embedder, audience
        self.candidates = candidates
        self._recent: dict[str, np.ndarray] = {}

    def query_vector(self, query: str) -> np.ndarray:
        """The query's embedding; the last few are remembered (an answer reuses its search's)."""
        vector = self._recent.get(query)
        if vector is None:
            vector = self.embedder.embed([query])[0]
            self._recent[query] = vector
            while len(self._recent) > 64:
                self._recent.pop(next(iter(self._recent)))
        return vector

    def search(self, query: str, k: int = 5, filters: Filters | None = None) -> list[Hit]:
        """The ``k`` best chunks this retriever's audience may see."""
        return self.find(query, k, filters).hits

    def find(self, query: str, k: int = 5, filters: Filters | None = None) -> Search:
        """``search`` with what an answerer needs beside the hits (see Search)."""
        if k < 1:
            raise ValueError("k must be 1 or more")
        snap = self.mirror.snapshot()
        vector = self.query_vector(query) if query.strip() else np.zeros(0, dtype=np.float32)
        found = Search(query, [], vector, snap.bm25.idf)
        mask = self._mask(snap, filters or Filters(), self.audience == "public")
        if not len(snap) or not mask.any() or not query.strip():
            return found
        similarity = snap.vectors @ vector
        lexical = snap.bm25.scores(content_tokens(query), len(snap))
        fused = np.zeros(len(snap), dtype=np.float64)
        for scores, floor in ((similarity, -np.inf), (lexical, 0.0)):
            ranked = _top(np.where(mask & (scores > floor), scores, -np.inf), self.candidates)
            fused[ranked] += 1.0 / (RRF_K + np.arange(1, len(ranked) + 1))
        best = _top(np.where(mask & (fused > 0), fused, -np.inf), k)
        found.hits.extend(Hit(snap.chunks[int(i)], float(fused[i]), float(similarity[i])) for i in best)
        return found

    def passage(self, doc_id: str, quote: str) -> ChunkRecord | None:
        """The chunk of ``doc_id`` that holds ``quote`` (ignoring spacing), else the one sharing
        most of its words; None when the document is unknown or this audience may not see it."""
        snap = self.mirror.snapshot()
        if not len(snap):
            return None
        mask = snap.matching("doc_id", doc_id)
        if self.audience == "public":
            mask &= snap.matching("audience", "public")
        rows = [snap.chunks[int(i)] for i in np.flatnonzero(mask)]
        if not rows:
            return None
        wanted = " ".join(quote.split())
        for chunk in rows:
            if wanted and wanted in " ".join(chunk.text.split()):
                return chunk
        words = set(content_tokens(quote))
        return max(rows, key=lambda c: len(words & set(content_tokens(c.text))))

    @staticmethod
    def _mask(snap: Snapshot, filters: Filters, public_only: bool) -> np.ndarray:
        mask = np.ones(len(snap), dtype=bool)
        if public_only:
            mask &= snap.matching("audience", "public")
        if filters.supplier:
            mask &= snap.matching("supplier", filters.supplier)
        if filters.doc_type:
            mask &= snap.matching("doc_type", filters.doc_type)
        if filters.area:
            mask &= snap.matching("area", filters.area)
        return mask


def _top(scores: np.ndarray, n: int) -> np.ndarray:
    """Indices of the n highest finite scores, best first."""
    finite = np.flatnonzero(np.isfinite(scores))
    if len(finite) > n:
        finite = finite[np.argpartition(-scores[finite], n - 1)[:n]]
    return finite[np.argsort(-scores[finite], kind="stable")]
