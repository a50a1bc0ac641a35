"""Measure the document answerer on the labelled corpus (and the dev corpus), reproducibly.

    python scripts/eval_answers.py --split both               # train + dev questions, figures per split
    python scripts/eval_answers.py --split dev --misses       # each wrong item, to read
    python scripts/eval_answers.py --dev-corpus               # tests/data/dev (five real bundles)
    python scripts/eval_answers.py --split both --extractive  # the document answerer alone
    python scripts/eval_answers.py --split test --final       # the lead's one final measurement
    python scripts/eval_answers.py --split train --questions tests/data/labelled/calibration.jsonl

Why a script and not just `sva eval`: the labelled questions need their documents ingested first,
each with the supplier and document type documents.jsonl gives it, into a store that holds the
split's documents and nothing else; ingest is slow, so the store is kept (``--store``, default under
/tmp/answers/) and reused while it holds the same documents. The scoring itself is
assistant.evaluation.evaluate, the same as `sva eval`, run in-process with the same answerer.

``--split test`` is refused without ``--final``: the test split is measured once, at the end, by the
lead; tuning on it would make its figures meaningless.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.answers.extractive import ExtractiveAnswerer  # noqa: E402
from assistant.config import load_settings  # noqa: E402
from assistant.evaluation import evaluate, load_jsonl  # noqa: E402
from assistant.register.extraction_eval import DOC_TYPES  # noqa: E402
from assistant.services import Services  # noqa: E402
from ingest.parse import IngestMeta  # noqa: E402

LABELLED = ROOT / "tests" / "data" / "labelled"
DEV_CORPUS = ROOT / "tests" / "data" / "dev"
SCRATCH = Path("/tmp/answers")


def labelled_docs(split: str) -> list[dict]:
    """The split's documents with their path, supplier and document type."""
    splits = json.loads((LABELLED / "split.json").read_text(encoding="utf-8"))
    names = [d for s in (("train", "dev") if split == "both" else (split,)) for d in splits[s]]
    meta = {d["doc"]: d for d in map(json.loads, (LABELLED / "documents.jsonl").read_text().splitlines())}
    out = []
    for name in names:
        info = meta.get(name, {})
        genre = info.get("genre", "")
        out.append({"doc": name, "path": LABELLED / "docs" / f"{name}.md",
                    "split": next(s for s in ("train", "dev", "test") if name in splits[s]),
                    "meta": IngestMeta(supplier=info.get("organisation", "") if genre.startswith(
                        ("supplier", "tender")) else "", doc_type=DOC_TYPES.get(genre, "other"))})
    return out


def dev_corpus_docs() -> list[dict]:
    return [{"doc": p.name, "path": p, "split": "devcorpus", "meta": IngestMeta()}
            for p in sorted(DEV_CORPUS.glob("*.txt"))]


def open_store(store: Path, docs: list[dict]) -> Services:
    """Services over ``store``, ingesting ``docs`` unless the store already holds exactly them."""
    services = Services(load_settings(store=store, llm="none"))
    marker = store / "eval_answers_docs.json"
    wanted = sorted(d["doc"] for d in docs)
    if marker.exists() and json.loads(marker.read_text()) == wanted:
        return services
    for n, d in enumerate(docs, 1):
        print(f"ingest {n}/{len(docs)} {d['doc']}", file=sys.stderr, flush=True)
        report = services.ingest([d["path"]], d["meta"])
        for skipped in report.skipped:
            print(f"  skipped {skipped['path']}: {skipped['reason']}", file=sys.stderr)
    marker.write_text(json.dumps(wanted))
    return services


def figures(rows: list[dict], gold: dict[str, dict]) -> dict:
    """Support, recall@k, MRR and refusals over some of evaluate()'s rows."""
    answerable = [r for r in rows if gold[r["id"]].get("quote")]
    unanswerable = [r for r in rows if not gold[r["id"]].get("quote")]
    n = max(len(answerable), 1)
    refused_right = sum(r["right"] for r in unanswerable)
    refused_wrong = sum(not r["answer"]["supported"] for r in answerable)
    by_type: dict[str, list[bool]] = {}
    for r in rows:
        by_type.setdefault(gold[r["id"]].get("type") or "all", []).append(r["right"])
    return {"n": len(rows), "support": sum(r["right"] for r in answerable) / n,
            "recall_at_k": sum(bool(r["rank"]) for r in answerable) / n,
            "mrr": sum(1 / r["rank"] for r in answerable if r["rank"]) / n,
            "refusal_recall": refused_right / len(unanswerable) if unanswerable else None,
            "refusal_precision": refused_right / max(refused_right + refused_wrong, 1),
            "answerable_refused": refused_wrong,
            "by_type": {t: (sum(v) / len(v), len(v)) for t, v in sorted(by_type.items())}}


def show(name: str, f: dict) -> None:
    rr = "-" if f["refusal_recall"] is None else f"{f['refusal_recall']:.2f}"
    print(f"{name:10} n={f['n']:<4} support {f['support']:.3f}   recall@5 {f['recall_at_k']:.3f}   "
          f"MRR {f['mrr']:.3f}   refusals: recall {rr} precision {f['refusal_precision']:.2f} "
          f"({f['answerable_refused']} answerable refused)")
    print("           " + "   ".join(f"{t} {v:.2f} (n={n})" for t, (v, n) in f["by_type"].items()))


def show_misses(rows: list[dict], gold: dict[str, dict]) -> None:
    for r in rows:
        if r["right"]:
            continue
        g = gold[r["id"]]
        text = r["answer"]["answer"] if r["answer"]["supported"] else "(not found)"
        print(f"\n--- {r['id']} [{g.get('type')}] {g['doc']} rank={r['rank']} by={r['answer']['answerer']}\n"
              f"Q: {g['question']}\n"
              f"GOLD: {g.get('quote') or '(unanswerable)'}\nOURS: {' '.join(text.split())[:200]}")


def run(store: Path, docs: list[dict], questions: list[dict], misses: bool, out: Path | None,
        extractive: bool = False) -> None:
    services = open_store(store, docs)
    for i, q in enumerate(questions):
        q.setdefault("id", f"q{i}")
    gold = {q["id"]: q for q in questions}
    with tempfile.TemporaryDirectory() as scratch:  # its own file: runs side by side do not mix their questions
        tmp = Path(scratch) / "questions.jsonl"
        tmp.write_text("".join(json.dumps(q) + "\n" for q in questions), encoding="utf-8")
        items = load_jsonl(tmp, ("question", "quote"))
    answerer = services.answerer("all")
    if extractive:  # the document answerer alone, without the register's routing in front of it
        answerer = ExtractiveAnswerer(services.retriever("all"), services.embedder)
    result = evaluate(items, services.retriever("all"), answerer, k=5)
    split_of = {d["doc"]: d["split"] for d in docs}
    rows = result["items"]
    for split in sorted({split_of[q["doc"]] for q in questions}):
        show(split, figures([r for r in rows if split_of[gold[r["id"]]["doc"]] == split], gold))
    if len({split_of[q["doc"]] for q in questions}) > 1:
        show("all", figures(rows, gold))
    if misses:
        show_misses(rows, gold)
    if out:
        out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("train", "dev", "both", "test"))
    parser.add_argument("--final", action="store_true", help="allow --split test (the lead's one measurement)")
    parser.add_argument("--dev-corpus", action="store_true", help="measure tests/data/dev/questions.jsonl")
    parser.add_argument("--store", type=Path, help="store to ingest into or reuse (default /tmp/answers/store-SPLIT)")
    parser.add_argument("--misses", action="store_true", help="print each wrong item")
    parser.add_argument("--json", type=Path, help="write evaluate()'s full result here")
    parser.add_argument("--questions", type=Path, default=LABELLED / "questions.jsonl",
                        help="the questions to ask (those over the split's documents are asked)")
    parser.add_argument("--extractive", action="store_true",
                        help="score the extractive answerer alone (no register routing in front of it)")
    args = parser.parse_args()
    if args.split == "test" and not args.final:
        parser.error("--split test is measured once, by the lead, at the end: add --final only for that")
    if not args.split and not args.dev_corpus:
        parser.error("give --split train|dev|both, or --dev-corpus")
    SCRATCH.mkdir(parents=True, exist_ok=True)
    if args.split:
        docs = labelled_docs(args.split)
        names = {d["doc"] for d in docs}
        questions = [q for q in map(json.loads, args.questions.read_text().splitlines())
                     if q["doc"] in names]
        run(args.store or SCRATCH / f"store-{args.split}", docs, questions, args.misses, args.json,
            args.extractive)
    if args.dev_corpus:
        docs = dev_corpus_docs()
        questions = load_jsonl(DEV_CORPUS / "questions.jsonl", ("question", "quote", "doc"))
        store = SCRATCH / "store-devcorpus" if args.split or not args.store else args.store
        run(store, docs, questions, args.misses, None if args.split else args.json, args.extractive)


if __name__ == "__main__":
    main()
