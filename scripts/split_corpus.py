"""Merge the labelled corpus's parts and split it by document group into train / dev / test.

    python scripts/split_corpus.py

Documents about the same organisation (two Mitie pages, EDF's two power stations) share a group,
and a group never straddles splits, so nothing learnt from one page of an organisation is scored
on another. Within each genre prefix (cou_, crb_, hou_, obl_, sup_) groups are shuffled with a
fixed seed and dealt out so that at least a quarter of the documents are test. Run once; the
test split is then never looked at while tuning.
"""

from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "tests" / "data" / "labelled"
SEED = 20261201
# Organisations that appear under more than one name or genre.
FAMILIES = ("mitie", "morgan sindall", "henry boot", "willmott dixon", "orsted", "ørsted", "edf",
            "dong energy")


def group_of(doc: dict) -> str:
    name = doc["organisation"].lower()
    for family in FAMILIES:
        if family in name:
            return {"ørsted": "orsted", "dong energy": "orsted"}.get(family, family)
    return doc["doc"]


def main() -> None:
    docs = [json.loads(line) for part in sorted(ROOT.glob("documents_*.jsonl"))
            for line in part.read_text(encoding="utf-8").splitlines() if line.strip()]
    questions = [json.loads(line) for part in sorted(ROOT.glob("questions_*.jsonl"))
                 for line in part.read_text(encoding="utf-8").splitlines() if line.strip()]
    groups: dict[str, list[str]] = defaultdict(list)
    for doc in sorted(docs, key=lambda d: d["doc"]):
        groups[group_of(doc)].append(doc["doc"])
    by_prefix: dict[str, list[list[str]]] = defaultdict(list)
    for members in groups.values():
        by_prefix[re.match(r"[a-z]+", members[0]).group(0)].append(members)
    rng = random.Random(SEED)
    split: dict[str, list[str]] = {"train": [], "dev": [], "test": []}
    for prefix in sorted(by_prefix):
        family = sorted(by_prefix[prefix])
        rng.shuffle(family)
        total = sum(len(g) for g in family)
        taken = 0
        for members in family:
            share = taken / total
            name = "test" if share < 0.22 else "dev" if share < 0.4 else "train"
            split[name].extend(members)
            taken += len(members)
    split = {k: sorted(v) for k, v in split.items()}
    (ROOT / "split.json").write_text(json.dumps(split, indent=1) + "\n", encoding="utf-8")
    (ROOT / "documents.jsonl").write_text(
        "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in sorted(docs, key=lambda d: d["doc"])),
        encoding="utf-8")
    (ROOT / "questions.jsonl").write_text(
        "".join(json.dumps(q, ensure_ascii=False) + "\n" for q in questions), encoding="utf-8")
    for part in list(ROOT.glob("documents_*.jsonl")) + list(ROOT.glob("questions_*.jsonl")):
        part.unlink()
    print({k: len(v) for k, v in split.items()})


if __name__ == "__main__":
    main()
