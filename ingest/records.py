"""What ingest hands on: a document, its chunks and its statements, each with its provenance.

These are the records the assistant stores and reads back; they live here so that ingest, the
lower stage, owns the shapes it produces and imports nothing from the assistant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.vocab import Audience, DocType, StatementKind


@dataclass(frozen=True)
class Provenance:
    """Where a piece of text comes from: the one thing every citation, evidence quote and
    commitment carries, and the one way it is written for people."""

    doc_id: str
    source: str
    page: int | None = None
    section: str = ""

    def label(self, section_limit: int = 60) -> str:
        """'tender.pdf, p. 4, § Local jobs' (the section shortened at a word)."""
        return self.source + self.where(section_limit)

    def where(self, section_limit: int = 60) -> str:
        """', p. 4, § Local jobs': the part after the document's name."""
        parts = [f"p. {self.page}" if self.page else "",
                 f"§ {shorten(self.section, section_limit)}" if self.section else ""]
        return "".join(f", {p}" for p in parts if p)


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[:cut if cut > limit // 2 else limit - 1].rstrip(" ,;:-") + "…"


def doc_id_for(data: bytes) -> str:
    """A document's id: the hash of its bytes (the same file is the same document anywhere)."""
    import hashlib

    return hashlib.sha256(data).hexdigest()[:20]


@dataclass
class DocRecord:
    """One ingested document, as the manifest keeps it."""

    doc_id: str
    path: str
    source: str
    title: str
    format: str
    supplier: str = ""
    areas: list[str] = field(default_factory=list)
    doc_type: DocType = "other"
    audience: Audience = "restricted"
    chunks: int = 0
    commitments: int = 0
    pages: int | None = None
    ingested_at: str = ""
    sentence_kinds: dict[str, int] = field(default_factory=dict)  # sentences of each kind, kept or not
    tender: str = ""  # the tender (and lot) a bid answers; "" for other documents and old stores
    lot: str = ""


def lot_key(lot: str) -> str:
    """A lot as compared: "Lot 2", "lot  2" and "2" are one lot."""
    return re.sub(r"^lot\s*", "", " ".join(lot.split()), flags=re.I).lower()


def tender_key(tender: str) -> str:
    """A tender id as compared: in any case and spacing."""
    return " ".join(tender.split()).lower()


@dataclass
class ChunkRecord:
    """One chunk with the document metadata it needs to be filtered and cited on its own."""

    chunk_id: str
    doc_id: str
    text: str
    header: str  # document title and section path, indexed with the text
    source: str
    title: str
    page: int | None
    section: str
    char_start: int
    char_end: int
    supplier: str
    areas: list[str]
    doc_type: DocType
    audience: Audience
    ocr: bool = False  # the text was recognised from a scanned page image

    @property
    def context(self) -> str:
        """What is embedded and keyword-indexed: the header line, then the text."""
        return f"{self.header}\n{self.text}" if self.header else self.text

    @property
    def provenance(self) -> Provenance:
        return Provenance(self.doc_id, self.source, self.page, self.section)


@dataclass
class StatementRecord:
    """A commitment, service standard or delivery claim found at ingest, with its document's
    metadata."""

    statement_id: str
    doc_id: str
    kind: StatementKind
    text: str
    sentence: str
    quantity: float | None
    unit: str | None
    deadline: str | None
    deadline_year: int | None
    recurring: bool
    places: list[str]
    beneficiary: str | None
    page: int | None
    section: str
    source: str
    title: str
    supplier: str
    areas: list[str]
    doc_type: DocType
    audience: Audience
    baseline: float | None = None  # the starting figure ("from 28% to 35%" -> 28)
    columns: str = ""  # a table row's: its table's header row (see ingest.targets.row_read)
    lead: str = ""  # a list item's lead-in, when the item goes on from its words (see ingest.targets.read_alone)

    @property
    def topic(self) -> str:
        """What the statement is about, for mapping: its section heading, then its text."""
        return f"{self.section}: {self.text}" if self.section else self.text

    @property
    def provenance(self) -> Provenance:
        return Provenance(self.doc_id, self.source, self.page, self.section)
