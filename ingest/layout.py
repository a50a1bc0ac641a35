"""Plain lines -> blocks: find headings, join wrapped lines, drop page furniture.

Used for formats that carry no structure of their own (plain text, text extracted from PDF).
"""

from __future__ import annotations

import re
from collections import Counter

from ingest.document import Block

_RULED = re.compile(r"^\s*(={2,}|#{1,6}|-{3,})\s*(?P<t>.+?)\s*(={2,}|-{3,})?\s*$")
_NUMBERED = re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?P<t>[A-Z].{1,80})$")
_BULLET = re.compile(r"^\s*([•▪◦‣\-*–]|\(?[a-z0-9]{1,2}[.)])\s+")
_PAGE_FURNITURE = re.compile(r"^\s*(page\s+)?\d{1,4}(\s*(of|/)\s*\d{1,4})?\s*$", re.I)
_END_PUNCT = (".", "!", "?", ":", ";", ",", ")", "”", '"')


def heading_level(line: str, next_line: str = "") -> int:
    """0 when ``line`` is body text, else a heading level guessed from its shape."""
    text = line.strip()
    if not text or len(text) > 300:
        return 0
    ruled = _RULED.match(text)
    if ruled and (text.startswith("=") or text.startswith("#")):
        return min(len(text) - len(text.lstrip("#")), 6) if text.startswith("#") else 1
    if len(text) > 120:
        return 0
    numbered = _NUMBERED.match(text)
    if numbered and not text.endswith(_END_PUNCT):
        return numbered.group("n").count(".") + 1
    if text.endswith(_END_PUNCT) or _BULLET.match(text) or len(text) > 80:
        return 0
    words = text.split()
    if len(words) > 12 or not (text[0].isupper() or text[0].isdigit()):
        return 0
    follow = next_line.strip()
    if follow and follow[0].islower():
        return 0  # a wrapped line continues into the next one
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 2:
        return 2
    return 3


def heading_text(line: str) -> str:
    match = _RULED.match(line.strip())
    if match and line.strip()[0] in "=#":
        return match.group("t").strip(" =#")
    return line.strip()


def lines_to_blocks(lines: list[str], page: int | None = None, wrapped: bool = False) -> list[Block]:
    """Group lines into blocks. ``wrapped``: lines are visual lines of a paragraph (PDF)."""
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block(" ".join(paragraph), page))
            paragraph.clear()

    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            flush()
            continue
        following = next((n for n in lines[i + 1 :] if n.strip()), "")
        level = heading_level(line, following)
        if level:
            flush()
            blocks.append(Block(heading_text(line), page, heading=level))
        elif _BULLET.match(line) or not wrapped:
            flush()
            paragraph.append(line)
            if not wrapped:
                flush()
        else:
            paragraph.append(line)
    flush()
    return blocks


def drop_repeated_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove page numbers and running headers/footers (lines repeated on most pages)."""
    counts = Counter(line.strip() for page in pages for line in set(page) if line.strip())
    repeated = {line for line, n in counts.items() if len(pages) >= 3 and n >= 0.6 * len(pages)}
    return [
        [line for line in page if line.strip() not in repeated
         and not _PAGE_FURNITURE.match(line)]
        for page in pages
    ]
