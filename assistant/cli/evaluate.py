"""`sva eval`: retrieval and answer support on gold questions, extraction on gold commitments or a
labelled corpus, and the chat's register answers on register questions. Registered on the main
app by assistant/cli/__init__.py importing this module; nothing heavy is imported until it runs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.common import CharterOpt, JsonOpt, StoreOpt, app, emit, open_services


@app.command(name="eval")
def evaluate(
    questions: Annotated[Path | None, typer.Argument(help="Gold questions (JSON lines: question, quote).")] = None,
    commitments_gold: Annotated[Path | None, typer.Option(
        "--commitments", help="Gold commitments to score extraction instead: JSON lines, or a labelled "
                              "corpus folder (split.json, docs/, labels/).")] = None,
    split: Annotated[str | None, typer.Option(
        "--split", help="With a labelled corpus: train, dev or test (default: every document).")] = None,
    by_doc: Annotated[bool, typer.Option("--by-doc", help="With a labelled corpus: figures per document.")] = False,
    register_gold: Annotated[list[Path] | None, typer.Option(
        "--register", help="Register questions (JSON lines: question, route, rows) to score the chat's "
                           "exact rows instead; repeatable, each file scored apart.")] = None,
    k: Annotated[int, typer.Option("--k", min=1, max=100)] = 5,
    charter: CharterOpt = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Retrieval recall@k, MRR and answer support on gold questions; or extraction P/R/F1."""
    from assistant.evaluation import evaluate as run
    from assistant.evaluation import evaluate_commitments, load_jsonl

    if commitments_gold and commitments_gold.is_dir():
        from assistant.register.commitments import CharterMapper
        from assistant.register.extraction_eval import evaluate_labelled, report_text

        services = open_services(store, create=True)  # the charter and the model only: no store is read
        mapper = CharterMapper(services.charter(charter), services.embedder)
        labelled = evaluate_labelled(commitments_gold, split, themes=lambda topics: mapper.themes(
            topics, services.embedder.embed(topics)))
        if as_json:
            emit(labelled)
        else:
            typer.echo(report_text(labelled, by_doc))
        return
    services = open_services(store)
    if register_gold:
        _eval_register(services, register_gold, as_json)
        return
    if commitments_gold:
        result = evaluate_commitments(
            load_jsonl(commitments_gold, ("sentence", "doc", "is_commitment")),
            services.register("all", charter))
        if as_json:
            emit(result)
            return
        fa = result["field_accuracy"]
        typer.echo(f"precision {result['precision']:.3f}   recall {result['recall']:.3f}   "
                   f"F1 {result['f1']:.3f}   negatives rejected {result['negatives_rejected']}\n"
                   f"field accuracy: quantity {fa['quantity']:.3f}  deadline {fa['deadline']:.3f}  "
                   f"place {fa['place']:.3f}   theme accuracy {result['theme_accuracy']}")
        return
    if questions is None:
        raise typer.BadParameter("give a questions file, or --commitments GOLD.jsonl")
    result = run(load_jsonl(questions, ("question", "quote")), services.retriever("all"),
                 services.answerer("all"), k)
    if as_json:
        emit(result)
        return
    for item in result["items"]:
        mark = f"rank {item['rank']}" if item["rank"] else "MISS  "
        typer.echo(f"{mark:8} {'supported' if item['answer']['supported'] else 'no answer':10} "
                   f"{item['id'] or ''} {item['question'][:80]}")
    typer.echo(f"recall@{k} {result['recall_at_k']:.3f}   MRR@{k} {result['mrr']:.3f}   "
               f"answer support {result['answer_support']:.3f}   ({len(result['items'])} questions)")
    if len(result["by_type"]) > 1:
        typer.echo("by type: " + "   ".join(f"{t} {v['right']:.2f} (n={v['n']})" for t, v in result["by_type"].items()))
    if "refusals" in result:
        r = result["refusals"]
        typer.echo(f"refusals: {r['refused_right']:.2f} of {r['unanswerable']} unanswerable questions refused; "
                   f"precision of refusals {r['precision']:.2f}")


def _eval_register(services, files: list[Path], as_json: bool) -> None:
    from assistant.answers.register_eval import evaluate_register
    from assistant.evaluation import load_jsonl

    result = evaluate_register({f.name: load_jsonl(f, ("question", "route")) for f in files},
                               services.answerer("all"))
    if as_json:
        emit(result)
        return
    for item in result["items"]:
        if not item["right"]:
            typer.echo(f"WRONG {item['id']}: {item['question']}  (routed to {item['routed']}; "
                       f"{len(item['missing'])} missing, {len(item['extra'])} extra)")
    typer.echo("   ".join(f"{name}: {f['exact_rows']:.3f} (n={f['n']})" for name, f in result["files"].items())
               + f"   all: {result['exact_rows']:.3f} (n={result['n']})")
