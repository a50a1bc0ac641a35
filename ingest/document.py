"""The shapes that travel through ingest: a loaded document made of blocks, and its chunks."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Block:
    """One paragraph, heading or table row group, with the page it sits on (None: no pages)."""

    text: str
    page: int | None = None
    heading: int = 0  # 0 for body text, else the heading level (1 = top)
    kind: str = "text"  # "text" or "table"


@dataclass
class LoadedDocument:
    """What a loader returns: the blocks in reading order, plus what it learnt about the file."""

    source: str
    title: str
    blocks: list[Block]
    format: str
    notes: list[str] = field(default_factory=list)
    ocr_pages: tuple[int, ...] = ()  # pages whose text was recognised from an image

    @property
    def pages(self) -> int | None:
        numbers = [b.page for b in self.blocks if b.page is not None]
        return max(numbers) if numbers else None


@dataclass(frozen=True)
class Chunk:
    """A retrievable span of one section of one page, with its provenance."""

    index: int
    text: str
    page: int | None
    section: str  # nearest heading ("" before the first heading)
    section_path: tuple[str, ...]  # headings from the top down
    char_start: int  # offsets into the document's canonical text (blocks joined by blank lines)
    char_end: int
    table_header: str = ""  # the header row of the table this chunk starts inside (not its first row)

    def header(self, title: str) -> str:
        """A short line naming document and section, indexed with the text for context; then, for
        a chunk that starts inside a table, the table's header row on a line of its own."""
        parts = [title] + [h for h in self.section_path if h and h != title]
        line = " > ".join(p for p in parts if p)[:240]
        return f"{line}\n{self.table_header}" if self.table_header else line
