"""Write the sentence skeleton of a labelled-corpus document: one JSON line per sentence, unlabelled.

    python scripts/label_skeleton.py tests/data/labelled/docs/DOC.md > tests/data/labelled/labels/DOC.jsonl

Sentences are cut by the same loader and splitter ingest uses, so a label names exactly the unit
the register classifies. Headings are not sentences: they are carried as each sentence's section.
A labeller then fills in "kind" (and, for commitments and service standards, the fields) on every
line; see tests/data/labelled/GUIDE.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ingest.loaders import markdown_blocks
from ingest.text import split_sentences


def skeleton(path: Path) -> list[dict]:
    blocks = markdown_blocks(path.read_text(encoding="utf-8"))
    rows: list[dict] = []
    path_headings: list[tuple[int, str]] = []
    for block in blocks:
        if block.heading:
            while path_headings and path_headings[-1][0] >= block.heading:
                path_headings.pop()
            path_headings.append((block.heading, block.text.strip()))
            continue
        section = path_headings[-1][1] if path_headings else ""
        pieces = (block.text.split("\n") if block.kind == "table"
                  else [block.text[s:e] for s, e in split_sentences(block.text)])
        for text in pieces:
            if text.strip():
                rows.append({"doc": path.stem, "n": len(rows), "section": section,
                             "table_row": block.kind == "table", "text": text.strip(), "kind": None})
    return rows


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    for row in skeleton(Path(sys.argv[1])):
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
