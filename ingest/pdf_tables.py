"""Tables in PDF text: pypdf's plain text runs a row's cells together, its layout mode keeps the
gaps between columns but wraps long cells onto lines of their own. This finds the tables in the
layout text and writes their rows back into the plain text as "cell | cell | cell"."""

from __future__ import annotations

import re
from collections import Counter

_CELL = re.compile(r"\S+(?:\s{1,2}\S+)*")
# a cell's text run into the next column's ("...and Stanmoor40", "...associations£20,000")
_GLUED = re.compile(r"(?<=[a-z)])(?=[£$€]?\d)")


def with_table_rows(page) -> list[str]:
    """The page's lines, with table rows written as "cell | cell | cell".

    Plain extraction runs a row's cells together ("Apprenticeships 20 March 2027"); layout
    extraction keeps the gaps between columns. A run of at least three rows of three or more
    cells is a table (see _layout_tables). The plain lines holding exactly its words, from its
    header row on, are replaced by its rows; where they do not (two-column pages, justified
    text), a plain line that is exactly a row's cells still takes them, and the rest is left alone.
    """
    plain = (page.extract_text() or "").splitlines()
    try:
        layout = page.extract_text(extraction_mode="layout") or ""
    except Exception:  # layout mode is best effort: plain text is still good text
        return plain
    rows: dict[str, str] = {}
    for table in _layout_tables(layout.splitlines()):
        joined = [" | ".join(r) for r in table]
        span = _plain_span(plain, table)
        if span:
            plain[span[0]:span[1]] = joined
        else:
            rows.update({" ".join(" ".join(r).split()): j for r, j in zip(table, joined)})
    return [rows.get(" ".join(line.split()), line) for line in plain]


def _layout_tables(lines: list[str]) -> list[list[list[str]]]:
    """Runs of at least three rows of three or more cells. Inside a run, a line of fewer cells
    right under a row is its wrapped text, added to the cell it sits under ("...residents aged"
    + "16-24"), and a row one cell short whose cell ran into the next ("Stanmoor40") is split."""
    tables: list[list[list[str]]] = []
    run: list[list[str]] = []
    starts: list[int] = []  # where each column of the run's first row begins
    after_row = False
    for line in lines:
        cells = [(m.start(), m.group(0)) for m in _CELL.finditer(line)]
        if len(cells) == 2 and run and len(starts) >= 3:
            cells = _unglued(cells, len(starts))
        if len(cells) >= 3:
            if not run:
                starts = [at for at, _ in cells]
            run.append([text for _, text in cells])
            after_row = True
            continue
        if cells and run and after_row and len(cells) < len(starts):
            for at, text in cells:  # wrapped text: into the column it starts under
                column = min(range(len(starts)), key=lambda i: abs(starts[i] - at))
                if column < len(run[-1]):
                    run[-1][column] = f"{run[-1][column]} {text}"
            continue
        if not cells:
            after_row = False  # layout mode spaces rows out with blank lines
            continue
        if len(run) >= 3:
            tables.append(run)
        run, starts, after_row = [], [], False
    return tables + [run] if len(run) >= 3 else tables


def _unglued(cells: list[tuple[int, str]], width: int) -> list[tuple[int, str]]:
    """A row one cell short, with one cell run into the next, split back into its cells."""
    for i, (at, text) in enumerate(cells):
        parts = _GLUED.split(text, maxsplit=1)
        if len(parts) == 2 and len(cells) + 1 == width:
            return [*cells[:i], (at, parts[0]), (at + len(parts[0]), parts[1]), *cells[i + 1:]]
    return cells


def _plain_span(plain: list[str], table: list[list[str]]) -> tuple[int, int] | None:
    """Where in the plain lines the table sits: from the line that is its header row to the
    line where exactly its words have been read (plain text wraps cells in other places)."""
    header = " ".join(" ".join(table[0]).split())
    words = Counter(w for row in table for cell in row for w in _GLUED.sub(" ", cell).split())
    for start, line in enumerate(plain):
        if " ".join(line.split()) != header:
            continue
        seen: Counter[str] = Counter()
        for end in range(start, min(len(plain), start + 4 * len(table))):
            seen.update(_GLUED.sub(" ", plain[end]).split())
            if seen == words:
                return start, end + 1
            if seen - words:
                break
    return None
