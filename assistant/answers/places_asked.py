"""Which place a passage is about, when a document tells of several.

A supplier's bundle of contract news ("New Melton council contractor pledges to donate £90,000"
beside "Croydon Council responsive repairs") answers a question about Croydon only from Croydon's
section: a figure under Melton's heading is a near-miss, not the answer, though the document names
Croydon.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence, Set
from functools import lru_cache

from assistant.answers.sections import header_path
from ingest.places import PlaceFinder, gazetteer
from ingest.records import ChunkRecord


class PlacesAsked:
    """The towns and council areas one question names ("... in Croydon", "Melton Borough Council's
    ..."; not a region or nation: "the London Living Wage", "the UK" hold many of them), and which
    passages are about another place than those."""

    def __init__(self, question: str, chunks_of: Callable[[str], Sequence[ChunkRecord]]) -> None:
        self.asked = frozenset(_places(question))
        self.chunks_of = chunks_of
        self._elsewhere: dict[str, bool] = {}  # doc_id -> a section of it names a place asked

    def elsewhere(self, chunk: ChunkRecord, said: str) -> bool:
        """Whether the passage sits under a heading naming another place than those asked, neither
        it nor the sentence ``said`` names one asked, and another section of its document does: the
        answer, if the document gives it, is there."""
        if not self.asked:
            return False
        told = _places(_headings(chunk))  # not the title: it names every place the document covers
        if not told or self._holds(told) or self._holds(_places(said)):
            return False
        doc = chunk.doc_id
        if doc not in self._elsewhere:
            self._elsewhere[doc] = any(self._holds(_places(_headings(c))) for c in self.chunks_of(doc))
        return self._elsewhere[doc]

    def _holds(self, told: Set[str]) -> bool:
        """One of ``told`` is a place asked, or one's name holds the other's ("Gloucester" and
        "Gloucestershire", "Melton" and "Melton Mowbray")."""
        return any(t.startswith(a) or a.startswith(t) for t in told for a in self.asked)


def _headings(chunk: ChunkRecord) -> str:
    return " | ".join(header_path(chunk)[1:])


@lru_cache(maxsize=1)
def _finder() -> PlaceFinder:
    return PlaceFinder()


@lru_cache(maxsize=4096)  # a document's headings are read again for every sentence under them
def _places(text: str) -> frozenset[str]:
    kinds = gazetteer()
    return frozenset(p for p in _finder().find(text) if kinds.get(p) in ("authority", "town"))
