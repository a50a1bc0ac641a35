"""Plain lines -> blocks: find headings, join wrapped lines, drop page furniture.

Used for formats that carry no structure of their own (plain text, text extracted from PDF).
"""

from __future__ import annotations

import re
from collections import Counter

from ingest.document import Block
from ingest.text import STOPWORDS

_RULED = re.compile(r"^\s*(={2,}|#{1,6}|-{3,})\s*(?P<t>.+?)\s*(={2,}|-{3,})?\s*$")
_NUMBERED = re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?P<t>[A-Z].{1,80})$")
_BULLET = re.compile(r"^\s*([•▪◦‣·\-*–]|\(?[a-z0-9]{1,2}[.)])\s+")
_RULE_ONLY = re.compile(r"^\s*([=\-_*~#])\1{2,}\s*$")
_LABEL = re.compile(r"^[A-Za-z][\w ./()-]{0,30}:\s+\S")
_SPACED_BULLET = re.compile(r"^([•▪◦‣·\-*–])\s{2,}+(?=\S)")
_COLUMNS = re.compile(r"\S(\s{3,}|\t)\S")
_PAGE_FURNITURE = re.compile(r"^\s*(page\s+)?\d{1,4}(\s*(of|/)\s*\d{1,4})?\s*$", re.I)
_WORD_ITEM = re.compile(r"^o\s++(?=[A-Z])")
# a line ending in a figure, as a table's row pasted without its cells does ("... £2.82 million £2.15 million")
_FIGURE_END = re.compile(r"\d(?:[\d,.]*+)(?:\s?+%|\s++(?:million|billion|m|bn|k))?$")
_COLON_DASH = re.compile(r":\s?[-–]$")
_BARE_ITEM = re.compile(r"^[A-Z0-9£$€%].{0,149}$")
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
    if numbered and not text.rstrip(")").endswith(_END_PUNCT):
        return numbered.group("n").count(".") + 1
    if text.endswith(_END_PUNCT) or _BULLET.match(text) or _LABEL.match(text) or len(text) > 80:
        return 0
    words = text.split()
    if len(words) > 10 or not (text[0].isupper() or text[0].isdigit()) or _COLUMNS.search(text):
        return 0
    if words[-1].lower() in STOPWORDS and len(words) > 1:
        return 0  # "... variant Q7, the" is a wrapped line, not a title
    follow = next_line.strip()
    if follow and follow[0].islower():
        return 0  # a wrapped line continues into the next one
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 2:
        return 2
    return 3


def tidy_line(line: str) -> str:
    """A stripped line as pasted text writes it, read plainly: Word's sub-item "o Financial ..." is
    an item ("• Financial ..."), and a lead-in as minutes end it ("... securing the following:-")
    ends in a plain colon, so its list is read as one."""
    return _COLON_DASH.sub(":", _WORD_ITEM.sub("• ", line.strip()))


def bare_items(lines: list[str], start: int, lead: str) -> int:
    """How many lines from ``start`` are a list written without markers under ``lead``, the line
    just before them, when it is a lead-in ("... the following targets:" then "10% of spend with
    local SMEs", "50 apprenticeships for Salford residents"): two or more short lines up to the
    next blank line, each opening with a capital, a figure or a sign, none a heading in capitals,
    a question, a lead-in or a marked item. 0 when the lines are not such a list."""
    if not lead.endswith(":"):
        return 0
    end = start
    while end < len(lines) and lines[end].strip():
        end += 1
    run = [line.strip() for line in lines[start:end]]
    if len(run) < 2 or any(not _BARE_ITEM.match(line) or line.endswith((":", "?")) or _BULLET.match(line)
                           or line.isupper() for line in run):
        return 0
    return len(run)


def heading_text(line: str) -> str:
    match = _RULED.match(line.strip())
    if match and line.strip()[0] in "=#":
        return _metadata_title(match.group("t").strip(" =#"))
    return line.strip()


_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.I)
_FIELD = re.compile(r"^(?P<key>[A-Za-z][A-Za-z ]{0,20}):\s*(?P<value>.*)$")
_COUNTER = re.compile(r"^(?:section|part|page|item|no\.?)\s*\d+$", re.I)


def _metadata_title(text: str) -> str:
    """A ruled header of metadata fields ('SECTION 1 | SOURCE: https://... | TITLE: Our pledges')
    named by its title: fields that are only a link or a counter are dropped, 'TITLE:' labels
    are removed. Any other heading is returned as it is."""
    parts = [p.strip() for p in text.split(" | ")]
    if len(parts) < 2:
        return text
    kept = []
    for part in parts:
        field = _FIELD.match(part)
        value = field.group("value").strip() if field else part
        if not value or _COUNTER.match(value) or _URL.fullmatch(value):
            continue
        if field and field.group("key").strip().lower() in ("title", "name", "heading"):
            return value
        kept.append(part)
    return " | ".join(kept) or text


def lines_to_blocks(lines: list[str], page: int | None = None, wrapped: bool = False) -> list[Block]:
    """Group lines into blocks: headings alone, paragraphs joined from their lines.

    ``wrapped``: the lines are a page's visual lines (text from PDF, which marks no paragraphs).
    A line continues the paragraph unless the one before it ended a sentence well short of the
    page's full width: that line ended its paragraph ("- Planned repairs: within 60 days." and
    then "Residents will be offered ..." are a bullet and a paragraph, not one bullet). Otherwise
    a line continues the paragraph only when the previous line stops mid-sentence, so both
    one-paragraph-per-line and hard-wrapped plain text come out as whole paragraphs.
    """
    blocks: list[Block] = []
    paragraph: list[str] = []
    table: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block(" ".join(paragraph), page))
            paragraph.clear()
        if table:
            blocks.append(Block("\n".join(table), page, kind="table"))
            table.clear()

    full = _full_width(lines) if wrapped else 0
    items = 0  # lines still to read as the items of a list written without markers
    following_text = [""] * len(lines)  # the next non-blank line after each line, found in one pass
    for j in range(len(lines) - 2, -1, -1):
        following_text[j] = lines[j + 1] if lines[j + 1].strip() else following_text[j + 1]
    for i, raw in enumerate(lines):
        line = _SPACED_BULLET.sub(r"\1 ", tidy_line(raw))  # "·      Adopted ...": a bullet, not a column
        if _RULE_ONLY.match(line):  # a rule, or a setext underline making the line above a heading
            if len(paragraph) == 1 and len(paragraph[0]) <= 80 and not table:
                text = paragraph.pop()
                level = 1 if line[0] == "=" else 2
                blocks.append(Block(heading_text(text), page, heading=level))
            flush()
            continue
        if not line:
            flush()
            continue
        if not wrapped and not items and paragraph:
            items = bare_items(lines, i, paragraph[-1])
        if items:
            items -= 1
            flush()
            paragraph.append("• " + line)
            continue
        if table and re.fullmatch(r"[-=\s|+:]+", line):
            continue  # the rule under a table's header row
        if wrapped and line.count(" | ") >= 2:  # a row the PDF loader recognised as a table's
            if paragraph:
                flush()
            table.append(line)
            continue
        if _COLUMNS.search(line) and not wrapped:  # aligned columns: a plain-text table
            if paragraph:
                flush()
            table.append(" | ".join(re.split(r"\s{3,}|\t+", line)))
            continue
        if table:
            flush()
        following = following_text[i]
        level = heading_level(line, following)
        if level and not _RULE_ONLY.match(following.strip()):
            flush()
            blocks.append(Block(heading_text(line), page, heading=level))
            continue
        if paragraph and (_BULLET.match(line) or not (_wraps(paragraph[-1], full) if wrapped
                                                       else continues(paragraph[-1], line))):
            flush()
        paragraph.append(line)
    flush()
    return blocks


def _full_width(lines: list[str]) -> int:
    """A page's full line width: the length most long lines reach (its 80th percentile)."""
    lengths = sorted(len(line.strip()) for line in lines if len(line.strip()) >= 40)
    return lengths[int(0.8 * (len(lengths) - 1))] if len(lengths) >= 5 else 0


def _wraps(previous: str, full: int) -> bool:
    """Does a PDF line run on into the next (a visual wrap), rather than end its paragraph?"""
    return not (full and previous.endswith((".", "!", "?", ".”", '."')) and len(previous) < 0.7 * full)


_WRAP_WIDTH = 130  # hard-wrapped text (PDF lines, e-mail) breaks well before this many characters


def continues(previous: str, line: str) -> bool:
    """Does ``line`` carry on the sentence ``previous`` left unfinished (a hard wrap)?"""
    # a capitalised line is no hard wrap when it is a lead-in itself, or when what it follows ends
    # in a figure (a table's row) or is longer than any hard wrap (a paragraph or flattened table
    # row ended without a stop)
    apart = line[:1].isupper() and (line.endswith(":") or _FIGURE_END.search(previous) is not None
                                    or len(previous) > _WRAP_WIDTH)
    return len(previous) >= 40 and not previous.endswith(_END_PUNCT) and not _LABEL.match(line) and not apart


def drop_repeated_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove page numbers and running headers/footers (lines repeated on most pages)."""
    counts = Counter(line.strip() for page in pages for line in set(page) if line.strip())
    repeated = {line for line, n in counts.items() if len(pages) >= 3 and n >= 0.6 * len(pages)}
    return [
        [line for line in page if line.strip() not in repeated
         and not _PAGE_FURNITURE.match(line)]
        for page in pages
    ]
