"""Re-derive the expected rows of the register question set from each question's conditions.

    SVA_STORE=... SVA_CHARTER=assistant/data/demo_charter.yaml SVA_AS_OF=2026-11-25 \\
        python scripts/register_gold.py tests/data/register_questions/*.jsonl

Each register question carries ``where``: plain conditions on register rows, written by hand with
the question (never read off the router's answers; see
assistant.answers.register_eval.matches). This rewrites ``rows`` with the keys of the rows that
meet them, so after a change to extraction, places or mapping the expected rows follow the
register while the questions and their meaning stay fixed. Review the diff before committing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from assistant.answers.register_eval import derive_rows
from assistant.cli.common import open_services


def main(paths: list[str]) -> None:
    register = open_services(None).register("all")
    for path in map(Path, paths):
        items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        items = derive_rows(items, register)
        path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
        print(f"{path}: {len(items)} questions, {sum(1 for i in items if i.get('rows') == [])} expecting no row")


if __name__ == "__main__":
    main(sys.argv[1:])
