"""Okapi BM25 over the mirror's rows, held as flat numpy arrays.

Why arrays and not dicts of lists: the same arrays serve three jobs without a Python loop over
the postings: scoring (postings by term), rebuilding after documents come or go (term counts by
row, concatenated per document) and saving the mirror for memory-mapping (assistant/search/saved.py).
Terms are numbered by a vocabulary the mirror shares and only ever appends to, so the numbers in
an older snapshot stay valid.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

import numpy as np


@dataclass(frozen=True)
class RowTerms:
    """Term counts of consecutive rows: row r holds ``counts[r]`` (term id, tf) pairs, in order."""

    ids: np.ndarray  # int32 term ids, row after row
    tfs: np.ndarray  # float32 term frequencies, aligned with ids
    counts: np.ndarray  # int32 distinct terms per row

    @classmethod
    def of(cls, rows: list[Counter], vocab: dict[str, int]) -> RowTerms:
        ids = [vocab.setdefault(term, len(vocab)) for counts in rows for term in counts]
        tfs = [tf for counts in rows for tf in counts.values()]
        return cls(np.array(ids, dtype=np.int32), np.array(tfs, dtype=np.float32),
                   np.array([len(c) for c in rows], dtype=np.int32))

    @classmethod
    def join(cls, parts: list[RowTerms]) -> RowTerms:
        if not parts:
            return cls(np.zeros(0, np.int32), np.zeros(0, np.float32), np.zeros(0, np.int32))
        return cls(np.concatenate([p.ids for p in parts]), np.concatenate([p.tfs for p in parts]),
                   np.concatenate([p.counts for p in parts]))

    def rows(self, start: int, end: int) -> RowTerms:
        """Rows start..end (views, no copy)."""
        bounds = np.concatenate([[0], np.cumsum(self.counts, dtype=np.int64)])
        a, b = int(bounds[start]), int(bounds[end])
        return RowTerms(self.ids[a:b], self.tfs[a:b], self.counts[start:end])


class Bm25:
    """Okapi BM25: postings by term (CSR: ``offsets[t]:offsets[t+1]`` of ``rows``/``tfs``)."""

    k1, b = 1.2, 0.75

    def __init__(self, terms: list[Counter]) -> None:
        vocab: dict[str, int] = {}
        self._build(RowTerms.of(terms, vocab), vocab)

    @classmethod
    def of_rows(cls, terms: RowTerms, vocab: dict[str, int]) -> Bm25:
        bm25 = cls.__new__(cls)
        bm25._build(terms, vocab)
        return bm25

    @classmethod
    def of_arrays(cls, vocab: dict[str, int], lengths: np.ndarray, offsets: np.ndarray,
                  rows: np.ndarray, tfs: np.ndarray) -> Bm25:
        """From saved postings (memory-mapped arrays are fine: nothing is copied)."""
        bm25 = cls.__new__(cls)
        bm25.vocab, bm25.lengths, bm25.offsets, bm25.rows, bm25.tfs = vocab, lengths, offsets, rows, tfs
        bm25._weights()
        return bm25

    def _build(self, terms: RowTerms, vocab: dict[str, int]) -> None:
        n = len(terms.counts)
        row_of = np.repeat(np.arange(n, dtype=np.int32), terms.counts)
        order = np.argsort(terms.ids, kind="stable")
        self.vocab = vocab
        self.rows, self.tfs = row_of[order], terms.tfs[order]
        self.offsets = np.concatenate([[0], np.cumsum(np.bincount(terms.ids, minlength=len(vocab)))])
        self.lengths = np.bincount(row_of, weights=terms.tfs, minlength=n).astype(np.float32)
        self._weights()

    def _weights(self) -> None:
        n = len(self.lengths)
        df = np.diff(self.offsets).astype(np.float64)
        self.idf_array = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)
        self.avg = float(self.lengths.mean()) if n else 1.0
        self.norm = (self.k1 * (1 - self.b + self.b * self.lengths / max(self.avg, 1e-9))).astype(np.float32)

    @cached_property
    def idf(self) -> dict[str, float]:
        """Each indexed term's weight (answerers weigh query words by it)."""
        size = len(self.offsets) - 1
        df = np.diff(self.offsets)
        return {t: float(self.idf_array[i]) for t, i in self.vocab.items() if i < size and df[i]}

    def scores(self, query_terms: list[str], size: int) -> np.ndarray:
        out = np.zeros(size, dtype=np.float32)
        for term in set(query_terms):
            t = self.vocab.get(term)
            if t is None or t + 1 >= len(self.offsets):
                continue
            a, b = int(self.offsets[t]), int(self.offsets[t + 1])
            if a == b:
                continue
            rows, tfs = self.rows[a:b], self.tfs[a:b]
            out[rows] += self.idf_array[t] * tfs * (self.k1 + 1) / (tfs + self.norm[rows])
        return out
