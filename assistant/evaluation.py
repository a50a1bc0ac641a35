"""`sva eval`: retrieval recall@k and MRR, and answer support, against a gold question file."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.answer import ExtractiveAnswerer
from assistant.errors import SvaError
from assistant.retrieval import Retriever
from ingest.text import contains_quote, overlap


def load_jsonl(path: Path, required: tuple[str, ...]) -> list[dict]:
    """Read a JSON-lines gold file; a bad line is an error naming the file, line and fix."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise SvaError(f"cannot read {path}: {exc.strerror or exc}") from exc
    items = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SvaError(f"{path}:{number}: not valid JSON ({exc.msg}); one object per line") from exc
        missing = [k for k in required if k not in item]
        if missing:
            raise SvaError(f"{path}:{number}: missing field(s) {', '.join(missing)}")
        items.append(item)
    if not items:
        raise SvaError(f"{path} holds no questions")
    return items


def quote_supported(citation_quote: str, gold_quote: str) -> bool:
    """A citation supports the gold answer when their texts overlap substantially."""
    return (contains_quote(gold_quote, citation_quote) or contains_quote(citation_quote, gold_quote)
            or overlap(citation_quote, gold_quote) >= 0.6)


def evaluate(items: list[dict], retriever: Retriever, answerer: ExtractiveAnswerer, k: int) -> dict:
    hits, reciprocal, supported = 0, 0.0, 0
    rows = []
    for item in items:
        results = retriever.search(item["question"], k=k)
        rank = next((i for i, r in enumerate(results, 1) if contains_quote(r.chunk.text, item["quote"])),
                    None)
        if rank:
            hits += 1
            reciprocal += 1.0 / rank
        answer = answerer.answer(item["question"])
        if answer.supported and any(quote_supported(c.quote, item["quote"]) for c in answer.citations):
            supported += 1
        rows.append({"id": item.get("id"), "question": item["question"], "rank": rank,
                     "results": [r.as_json() for r in results], "answer": answer.as_json()})
    n = len(items)
    return {"k": k, "recall_at_k": round(hits / n, 4), "mrr": round(reciprocal / n, 4),
            "answer_support": round(supported / n, 4), "items": rows}
