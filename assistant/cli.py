"""`sva`: the command line. The only place that turns errors into messages and exit codes."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="sva, the Social Value Assistant: question suppliers' social value promises.")

StoreOpt = Annotated[Optional[Path], typer.Option("--store", help="Store directory (else $SVA_STORE, else the user data dir).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON on stdout (logs go to stderr).")]
AudienceOpt = Annotated[str, typer.Option("--audience", help="public: only documents published to residents; all: everything.")]


def _services(store: Path | None):
    from assistant.config import load_settings
    from assistant.services import Services

    return Services(load_settings(store=store))


def _emit(data: dict) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _check_audience(audience: str) -> str:
    if audience not in ("public", "all"):
        raise typer.BadParameter("use public or all", param_hint="--audience")
    return audience


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (folders are walked).")],
    store: StoreOpt = None,
    supplier: Annotated[str, typer.Option(help="Supplier the documents come from.")] = "",
    area: Annotated[Optional[list[str]], typer.Option("--area", help="Area the documents cover (repeatable).")] = None,
    doc_type: Annotated[str, typer.Option("--doc-type", help="tender_response | social_value_report | policy | other")] = "other",
    audience: Annotated[str, typer.Option("--audience", help="public (residents may see it) or restricted")] = "restricted",
    as_json: JsonOpt = False,
) -> None:
    """Add documents (PDF, DOCX, HTML, Markdown, text) to the store."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ingest.pipeline import IngestMeta

    meta = IngestMeta(supplier=supplier, areas=tuple(area or ()), doc_type=doc_type, audience=audience)
    services = _services(store)
    with Progress(TextColumn("[bold]ingest[/]"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=_stderr_console(), transient=True) as bar:
        task = bar.add_task("", total=None)

        def progress(name: str, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description=name)

        report = services.ingest(paths, meta, progress)
    if as_json:
        _emit(report.as_json())
    else:
        for item in report.ingested:
            _err(f"ingested   {item['path']}  ({item['chunks']} chunks)")
        for path in report.unchanged:
            _err(f"unchanged  {path}")
        for item in report.skipped:
            _err(f"skipped    {item['path']}: {item['reason']}")
        _err(f"{len(report.ingested)} ingested, {len(report.unchanged)} unchanged, "
             f"{len(report.skipped)} skipped in {report.seconds:.1f} s")
    raise typer.Exit(0 if report.ok else 1)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="What to look for.")],
    k: Annotated[int, typer.Option("--k", min=1, max=100, help="Number of results.")] = 5,
    supplier: Annotated[Optional[str], typer.Option(help="Only this supplier.")] = None,
    area: Annotated[Optional[str], typer.Option(help="Only documents covering this area.")] = None,
    doc_type: Annotated[Optional[str], typer.Option("--doc-type", help="Only this document type.")] = None,
    audience: AudienceOpt = "all",
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Hybrid (meaning + keyword) search over the stored chunks."""
    from assistant.retrieval import Filters

    retriever = _services(store).retriever(_check_audience(audience))
    hits = retriever.search(query, k=k, filters=Filters(supplier, area, doc_type))
    if as_json:
        _emit({"query": query, "results": [h.as_json() for h in hits]})
        return
    if not hits:
        _err("No results.")
    for n, hit in enumerate(hits, 1):
        c = hit.chunk
        typer.echo(f"[{n}] {c.source}{_where(c.page, c.section)}  (score {hit.score:.4f})")
        typer.echo("    " + " ".join(c.text.split())[:400] + "\n")


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="A question about the documents.")],
    audience: AudienceOpt = "all",
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Answer a question from the documents, citing document, page and section."""
    answer = _services(store).answerer(_check_audience(audience)).answer(question)
    if as_json:
        _emit(answer.as_json())
        return
    typer.echo(answer.answer)
    for c in answer.citations:
        typer.echo(f"  [{c.n}] {c.source}{_where(c.page, c.section)}")


@app.command(name="eval")
def evaluate(
    questions: Annotated[Path, typer.Argument(help="Gold questions (JSON lines: question, quote).")],
    k: Annotated[int, typer.Option("--k", min=1, max=100)] = 5,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Measure retrieval recall@k, MRR and answer support on a gold question file."""
    from assistant.evaluation import evaluate as run, load_jsonl

    services = _services(store)
    result = run(load_jsonl(questions, ("question", "quote")), services.retriever("all"),
                 services.answerer("all"), k)
    if as_json:
        _emit(result)
        return
    for item in result["items"]:
        mark = f"rank {item['rank']}" if item["rank"] else "MISS  "
        typer.echo(f"{mark:8} {'supported' if item['answer']['supported'] else 'no answer':10} "
                   f"{item['id'] or ''} {item['question'][:80]}")
    typer.echo(f"recall@{k} {result['recall_at_k']:.3f}   MRR@{k} {result['mrr']:.3f}   "
               f"answer support {result['answer_support']:.3f}   ({len(result['items'])} questions)")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on; 0.0.0.0 exposes it to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 7860,
    demo: Annotated[bool, typer.Option("--demo", help="Serve the bundled demo documents from a demo store.")] = False,
    store: StoreOpt = None,
) -> None:
    """Start the web app (a chat over the store's public documents)."""
    import ui

    services = _services(ui.demo_store_dir() if demo and store is None else store)
    if demo:
        ui.prepare_demo(services, log=_err)
    ui.launch(services, host=host, port=port, log=_err)


def _where(page: int | None, section: str) -> str:
    parts = [f"p. {page}" if page else "", f"§ {section[:60]}" if section else ""]
    return "".join(f", {p}" for p in parts if p)


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


def main() -> None:
    import logging

    from assistant.errors import SvaError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged files are reported, not logged
    try:
        app()
    except SvaError as exc:
        _err(f"error: {exc}")
        sys.exit(2)
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)
