"""Query latency at scale: search and ask p50/p95 over 10k and 100k stored chunks, with and
without filters, plus the cold load of the in-memory mirror.

The chunks are synthetic tender text (benchmarks/corpus_gen.py's vocabulary) with random unit
vectors: at this size the cost of a query depends on the number of rows, not on what the vectors
say, and embedding 100k real chunks would take an hour here. Queries are embedded for real.

    . .venv/bin/activate
    python benchmarks/scale.py [--sizes 10000 100000] [--queries 60]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus_gen import (  # noqa: E402
    ADJ,
    COMMITMENTS,
    GROUPS,
    NOUNS,
    ORGS,
    PLACES,
    STAKE,
    THEMES,
    VERBS,
)

QUESTIONS = [
    "How many apprenticeships will be created for Harrowden residents?",
    "What will the supplier spend with local SMEs?", "How much volunteering will staff do?",
    "What is the carbon reduction target?", "Will staff be paid the Real Living Wage?",
    "How much construction waste will be diverted from landfill?",
    "What work placements are offered to care leavers?", "How will modern slavery be addressed?",
    "What support is there for the Eastmoor Youth Trust?", "How will social value be reported?",
]


def sentence(rng: random.Random) -> str:
    if rng.random() < 0.3:
        values = defaultdict(lambda: str(rng.randint(2, 40)), place=rng.choice(PLACES),
                             place2=rng.choice(PLACES), month="March", year=str(rng.randint(2026, 2030)),
                             org=rng.choice(ORGS), group=rng.choice(GROUPS), base="2024/25")
        return rng.choice(COMMITMENTS).format_map(values)
    return (f"We will {rng.choice(VERBS)} a {rng.choice(ADJ)} {rng.choice(NOUNS)} with "
            f"{rng.choice(STAKE)} to support {rng.choice(list(THEMES)).lower()}.")


def build(store_dir: Path, size: int, per_doc: int = 100, seed: int = 7) -> float:
    from assistant.backends.chroma import ChromaStore

    rng = random.Random(seed)
    vectors = np.random.default_rng(seed).normal(size=(size, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    store = ChromaStore(path=store_dir)
    started = time.perf_counter()
    with store.writing():  # as `sva ingest` does: a clean writer leaves the generation file
        store.record_embedder("model:all-MiniLM-L6-v2")
        _write(store, size, per_doc, rng, vectors)
    return time.perf_counter() - started


def _write(store, size: int, per_doc: int, rng: random.Random, vectors: np.ndarray) -> None:
    from assistant.backends.store import DocumentWrite
    from ingest.records import ChunkRecord, DocRecord

    suppliers = [f"Supplier {i}" for i in range(20)]
    batch: list[DocumentWrite] = []
    for d in range(size // per_doc):
        doc_id, supplier, area = f"d{d:06d}", suppliers[d % 20], PLACES[d % len(PLACES)]
        section = rng.choice(list(THEMES))
        chunks = [ChunkRecord(
            chunk_id=f"{doc_id}:{i}", doc_id=doc_id, text=" ".join(sentence(rng) for _ in range(5)),
            header=f"Tender {d} > {section}", source=f"tender_{d}.pdf", title=f"Tender {d}",
            page=1 + i // 3, section=section, char_start=i * 900, char_end=i * 900 + 880,
            supplier=supplier, areas=[area], doc_type="tender_response",
            audience="public" if d % 2 else "restricted") for i in range(per_doc)]
        batch.append(DocumentWrite(DocRecord(doc_id, f"/bench/{doc_id}.pdf", f"tender_{d}.pdf", f"Tender {d}",
                                             "pdf", supplier, [area], "tender_response", chunks[0].audience,
                                             per_doc), chunks, vectors[d * per_doc:(d + 1) * per_doc]))
        if len(batch) * per_doc >= 2000:
            store.add_documents(batch)
            batch = []
    store.add_documents(batch)


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 2 else max(values)


def measure(store_dir: Path, queries: int) -> dict:
    from assistant.config import load_settings
    from assistant.search.retriever import Filters
    from assistant.services import Services

    services = Services(load_settings(store=store_dir))
    started = time.perf_counter()
    services.mirror.snapshot()
    load = time.perf_counter() - started
    retriever, answerer = services.retriever("all"), services.answerer("public")
    services.embedder.embed(["warm up"])
    answerer.answer(QUESTIONS[0])
    out = {"mirror_load_s": round(load, 2)}
    cases = {"search": lambda q, f: retriever.search(q, k=5, filters=f),
             "ask": lambda q, f: answerer.fallback.answer(q, filters=f)}
    for name, call in cases.items():
        for label, filters in (("", None), ("_filtered", Filters(supplier="Supplier 3", area=PLACES[3]))):
            times = []
            for i in range(queries):
                t = time.perf_counter()
                call(QUESTIONS[i % len(QUESTIONS)], filters)
                times.append((time.perf_counter() - t) * 1000)
            out[f"{name}{label}_p50_ms"] = round(statistics.median(times), 1)
            out[f"{name}{label}_p95_ms"] = round(pct(times, 95), 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = {}
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            print(f"building {size} chunks ...", file=sys.stderr)
            built = build(Path(tmp), size)
            results[size] = {"build_s": round(built, 1), **measure(Path(tmp), args.queries)}
            print(f"{size}: {results[size]}", file=sys.stderr)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    keys = list(next(iter(results.values())))
    print(f"{'figure':24}" + "".join(f"{s:>12,}" for s in results))
    for key in keys:
        print(f"{key:24}" + "".join(f"{results[s][key]:>12}" for s in results))


if __name__ == "__main__":
    main()
