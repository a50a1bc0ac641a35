"""Structure-aware chunking: sections and pages are never mixed, sentences are never cut."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.document import Block, Chunk
from ingest.text import split_sentences


@dataclass(frozen=True)
class _Piece:
    """A sentence (or table row) with its offsets in the canonical text."""

    start: int
    end: int
    table_header: str = ""  # for a table row after the first: the table's header row


def canonical_text(blocks: list[Block]) -> tuple[str, list[int]]:
    """The document as one string (blocks joined by blank lines) and each block's offset."""
    offsets, position = [], 0
    for block in blocks:
        offsets.append(position)
        position += len(block.text) + 2
    return "\n\n".join(b.text for b in blocks), offsets


def chunk_blocks(blocks: list[Block], size: int = 900, overlap: int = 150) -> list[Chunk]:
    """Pack whole sentences into chunks of about ``size`` characters.

    A chunk holds text of one section on one page. ``overlap`` characters' worth of whole
    sentences from the end of a chunk start the next one, so a fact spanning a boundary is
    still found whole. A lead-in ("We will:") never ends a chunk: it starts the next one, so its
    items are read with it. A single sentence longer than ``size`` is cut at word boundaries. A chunk
    that starts inside a table carries the table's header row, so its rows keep their columns'
    names where they are embedded and indexed ("FY22", "2026 ambition").
    """
    if size < 100 or not 0 <= overlap < size // 2:
        raise ValueError("chunk size must be >= 100 and overlap between 0 and size/2")
    text, offsets = canonical_text(blocks)
    chunks: list[Chunk] = []
    path: list[tuple[int, str]] = []  # (level, heading) from the top
    group: list[_Piece] = []
    group_page: int | None = None

    def emit() -> None:
        if group:
            chunks.extend(_pack(text, group, size, overlap, group_page, path, len(chunks)))
            group.clear()

    for block, offset in zip(blocks, offsets):
        if block.heading:
            emit()
            while path and path[-1][0] >= block.heading:
                path.pop()
            path.append((block.heading, block.text.strip()))
            continue
        if block.page != group_page:
            emit()
            group_page = block.page
        group.extend(_pieces(block, offset))
    emit()
    return chunks


def _pieces(block: Block, offset: int) -> list[_Piece]:
    if block.kind == "table":  # one row per piece: rows stay whole and readable
        rows = block.text.split("\n")
        pieces, position = [], 0
        for i, row in enumerate(rows):
            if row:
                pieces.append(_Piece(offset + position, offset + position + len(row),
                                     rows[0].strip()[:240] if i else ""))
            position += len(row) + 1
        return pieces
    return [_Piece(offset + s, offset + e) for s, e in split_sentences(block.text) if e > s]


def _pack(text: str, pieces: list[_Piece], size: int, overlap: int, page: int | None,
          path: list[tuple[int, str]], first_index: int) -> list[Chunk]:
    pieces = [p for piece in pieces for p in _split_long(text, piece, size)]
    chunks: list[Chunk] = []
    headings = tuple(h for _, h in path)
    start = 0
    while start < len(pieces):
        end = start + 1
        while end < len(pieces) and pieces[end].end - pieces[start].start <= size:
            end += 1
        if end < len(pieces) and end - 1 > start and _leads_in(text, pieces[end - 1]):
            end -= 1  # a lead-in ("We will:") starts the next chunk, with its items
        span_start, span_end = pieces[start].start, pieces[end - 1].end
        chunks.append(Chunk(
            index=first_index + len(chunks),
            text=text[span_start:span_end],
            page=page,
            section=headings[-1] if headings else "",
            section_path=headings,
            char_start=span_start,
            char_end=span_end,
            table_header=pieces[start].table_header,
        ))
        if end >= len(pieces):
            break
        back = end  # step back over whole sentences that fit in the overlap
        while back - 1 > start and pieces[end - 1].end - pieces[back - 1].start <= overlap:
            back -= 1
        start = back
    return chunks


def _leads_in(text: str, piece: _Piece) -> bool:
    """A sentence that ends in a colon introduces what follows it: a list, a table, a quote."""
    return text[piece.start:piece.end].rstrip().endswith(":")


def _split_long(text: str, piece: _Piece, size: int) -> list[_Piece]:
    """Cut a piece longer than ``size`` at spaces (a run-on sentence or a giant table row)."""
    if piece.end - piece.start <= size:
        return [piece]
    out, start = [], piece.start
    while piece.end - start > size:
        cut = text.rfind(" ", start + 1, start + size)
        cut = cut if cut > start else start + size
        out.append(_Piece(start, cut, piece.table_header))
        start = cut + 1 if text[cut:cut + 1] == " " else cut
    if start < piece.end:
        out.append(_Piece(start, piece.end, piece.table_header))
    return out
