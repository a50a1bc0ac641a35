"""Promised vs delivered on the team's promise/evidence pairs (tests/data/delivery): each pair is a
one-sentence tender promise and its supplier's later report, run end to end (extraction, the real
embedding model, matching, dates). No trap may ever read as delivered."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from assistant.backends.embedders import OnnxEmbedder
from assistant.library import ingest
from assistant.register.charter import default_charter_path, load_charter
from assistant.register.commitments import Register
from assistant.search.mirror import Mirror
from ingest.parse import IngestMeta
from tests.fakes import MemoryStore

pytestmark = pytest.mark.integration
DATA = Path(__file__).resolve().parents[1] / "data" / "delivery"


def statuses(tmp_path: Path, pairs: list[dict]) -> dict[str, str]:
    """The status sva gives each pair's promise, as of the pair's date."""
    store, embedder = MemoryStore(), OnnxEmbedder()
    for pair in pairs:
        supplier = f"Supplier {pair['id']}"
        tender, report = tmp_path / f"{pair['id']}_tender.md", tmp_path / f"{pair['id']}_report.md"
        tender.write_text(f"# {supplier} tender response\n\n## Our commitments\n\n{pair['promise']}\n", "utf-8")
        ingest([tender], store, embedder, IngestMeta(supplier, doc_type="tender_response"))
        if pair["evidence"]:
            body = "\n\n".join(pair["evidence"])
            report.write_text(f"# {supplier} social value report\n\n## What we delivered\n\n{body}\n", "utf-8")
            ingest([report], store, embedder, IngestMeta(supplier, doc_type="social_value_report"))
    mirror, charter = Mirror(store), load_charter(default_charter_path())
    by_date: dict[str, list[dict]] = defaultdict(list)
    for pair in pairs:
        by_date[pair["as_of"]].append(pair)
    found: dict[str, str] = {}
    for as_of, group in by_date.items():
        register = Register(mirror, embedder, charter, as_of=date.fromisoformat(as_of))
        for pair in group:
            rows = register.commitments(supplier=f"Supplier {pair['id']}", kind="commitment")
            found[pair["id"]] = rows[0].status if rows else "not extracted"
    return found


def load(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text("utf-8").splitlines() if line.strip()]


def test_the_untuned_ten_written_after_the_matcher(tmp_path):
    """Never tuned on: reported as it comes; no trap may read as delivered."""
    pairs = load("untuned.jsonl")
    found = statuses(tmp_path, pairs)
    for p in pairs:
        print(p["id"], p["trap"], p["expected"], found[p["id"]], p["promise"][:70])
    print(f"untuned status accuracy {sum(found[p['id']] == p['expected'] for p in pairs) / len(pairs):.2f}")
    assert [p["id"] for p in pairs if p["trap"] and found[p["id"]] == "delivered"] == []


@pytest.mark.slow
def test_the_pair_set(tmp_path):
    pairs = load("pairs.jsonl")
    found = statuses(tmp_path, pairs)
    wrong = [(p["id"], p["trap"], p["expected"], found[p["id"]], p["promise"][:70]) for p in pairs
             if found[p["id"]] != p["expected"]]
    for line in wrong:
        print(*line)
    accuracy = 1 - len(wrong) / len(pairs)
    print(f"status accuracy {accuracy:.3f} on {len(pairs)} pairs")
    assert [p["id"] for p in pairs if p["trap"] and found[p["id"]] == "delivered"] == []
    assert accuracy >= 0.95
