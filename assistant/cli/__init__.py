"""`sva`: the command line. The only place that turns errors into messages and exit codes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli import ingesting as _ingesting  # noqa: F401  (registers `sva ingest`)
from assistant.cli import tender as _tender  # noqa: F401  (registers `sva tender`)
from assistant.cli import voice as _voice  # noqa: F401  (registers `sva voice`)
from assistant.cli.common import (
    AsOfOpt,
    AudienceOpt,
    CharterOpt,
    JsonOpt,
    StoreOpt,
    app,
    check_audience,
    emit,
    err,
    open_services,
    pick_supplier,
)
from assistant.terminal import where  # light: no heavy imports


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="What to look for.")],
    k: Annotated[int, typer.Option("--k", min=1, max=100, help="Number of results.")] = 5,
    supplier: Annotated[str | None, typer.Option(help="Only this supplier.")] = None,
    area: Annotated[str | None, typer.Option(help="Only documents covering this area.")] = None,
    doc_type: Annotated[str | None, typer.Option("--doc-type", help="Only this document type.")] = None,
    audience: AudienceOpt = "all",
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Hybrid (meaning + keyword) search over the stored chunks."""
    from assistant.search.retriever import Filters
    from ingest.vocab import DOC_TYPES

    if doc_type is not None and doc_type not in DOC_TYPES:
        raise typer.BadParameter(f"use one of {', '.join(DOC_TYPES)}", param_hint="--doc-type")

    if not query.strip():
        raise typer.BadParameter('it is empty: say what to look for, e.g. sva search "local SME spend"',
                                 param_hint="QUERY")

    retriever = open_services(store).retriever(check_audience(audience))
    hits = retriever.search(query, k=k, filters=Filters(supplier, area, doc_type))
    if as_json:
        emit({"query": query, "results": [h.as_json() for h in hits]})
        return
    if not hits:
        err("No results.")
    for n, hit in enumerate(hits, 1):
        c = hit.chunk
        typer.echo(f"[{n}] {c.source}{where(c.page, c.section)}  (score {hit.score:.4f})")
        typer.echo("    " + " ".join(c.text.split())[:400] + "\n")


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="A question about the documents.")],
    audience: AudienceOpt = "all",
    charter: CharterOpt = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Answer a question from the documents, citing document, page and section."""
    if not question.strip():
        raise typer.BadParameter('it is empty: ask in words, e.g. sva ask "What was promised for Leeds?"',
                                 param_hint="QUESTION")
    services = open_services(store, charter=charter) if charter else open_services(store)
    answer = services.answerer(check_audience(audience)).answer(question)
    if as_json:
        emit(answer.as_json())
        return
    typer.echo(answer.answer)
    for notice in answer.notices:
        typer.echo(f"Note: {notice}")
    for c in answer.citations:
        typer.echo(f"  [{c.n}] {c.source}{where(c.page, c.section)}")



@app.command()
def commitments(
    supplier: Annotated[str | None, typer.Option(help="Only this supplier.")] = None,
    area: Annotated[str | None, typer.Option(help="Only commitments for this area.")] = None,
    outcome: Annotated[str | None, typer.Option(help="Only commitments mapped to this outcome id.")] = None,
    flag: Annotated[str | None, typer.Option(
        help="Only commitments with this flag: UNMAPPED, VAGUE, NO_DEADLINE, NOT_LOCAL.")] = None,
    status: Annotated[str | None, typer.Option(
        help="Only this status: promised, delivered, partly, no_evidence, overdue, needs_review.")] = None,
    kind: Annotated[str | None, typer.Option(
        help="commitment (social value) or service_standard (operational KPIs); default both.")] = None,
    charter: CharterOpt = None,
    as_of: AsOfOpt = None,
    matrix: Annotated[bool, typer.Option("--matrix", help="Show the supplier x outcome coverage matrix.")] = False,
    csv_file: Annotated[Path | None, typer.Option("--csv", help="Write the register to this CSV file.")] = None,
    xlsx_file: Annotated[Path | None, typer.Option(
        "--xlsx", help="Write the register (and coverage) to this XLSX file.")] = None,
    notice_file: Annotated[Path | None, typer.Option(
        "--performance-csv", help="Write a contract performance notice CSV (contract, KPI, target, actual, "
                                  "period, rating, evidence).")] = None,
    audience: AudienceOpt = "all",
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The register of every commitment: mapped to the charter's outcomes, with flags."""
    from assistant.vocab import FLAGS, KINDS, STATUSES

    if kind and kind not in KINDS:
        raise typer.BadParameter(f"use one of {', '.join(KINDS)}", param_hint="--kind")
    if flag and flag.upper() not in FLAGS:
        raise typer.BadParameter(f"use one of {', '.join(FLAGS)}", param_hint="--flag")
    if status and status not in STATUSES:
        raise typer.BadParameter(f"use one of {', '.join(STATUSES)}", param_hint="--status")
    register = open_services(store, as_of=as_of).register(check_audience(audience), charter)
    if outcome and register.charter.outcome(outcome) is None:
        raise typer.BadParameter(f"the charter has no outcome {outcome!r}", param_hint="--outcome")
    supplier = pick_supplier(supplier, (r.supplier for r in register.all() if r.supplier))
    chosen = next((k for k in KINDS if k == kind), None)
    rows = register.commitments(supplier, area, outcome, flag, status, kind=chosen)
    coverage = register.matrix(rows)
    if csv_file:
        from assistant.register.exports import write_csv

        write_csv(rows, csv_file)
        err(f"wrote {len(rows)} commitments to {csv_file}")
    if xlsx_file:
        from assistant.register.exports import write_xlsx

        write_xlsx(rows, xlsx_file, coverage)
        err(f"wrote {len(rows)} commitments to {xlsx_file}")
    if notice_file:
        from assistant.register.performance import contract_rows, write_notice_csv

        rated = contract_rows(rows, register.open_bids())
        write_notice_csv(rated, notice_file)
        err(f"wrote {len(rated)} rated commitments of contracts to {notice_file}")
    if as_json:
        data = {"commitments": [c.as_json() for c in rows]}
        if matrix:
            data["matrix"] = coverage
        from assistant.register.performance import contract_ratings, contract_rows

        data["contracts"] = [{"contract": k, "rating": v}
                             for k, v in contract_ratings(contract_rows(rows, register.open_bids())).items()]
        emit(data)
    elif matrix:
        from assistant.terminal import matrix_table

        typer.echo(matrix_table(coverage), nl=False)
    elif not (csv_file or xlsx_file or notice_file):
        _print_commitments(rows)


def _print_commitments(rows) -> None:
    import shutil

    from assistant.terminal import commitments_table

    typer.echo(commitments_table(rows, shutil.get_terminal_size((100, 24)).columns), nl=False)


@app.command()
def report(
    supplier: Annotated[str, typer.Option(help="The supplier to report on.")],
    out: Annotated[Path, typer.Option(
        "--out", help="X.html or X.pdf: both are written, the PDF when Chromium is installed.")],
    area: Annotated[str | None, typer.Option(help="Only commitments for this area.")] = None,
    charter: CharterOpt = None,
    as_of: AsOfOpt = None,
    store: StoreOpt = None,
) -> None:
    """A printable accountability report: promises, status, evidence quotes, flags, coverage."""
    from assistant.cli.voice import voice_section
    from assistant.errors import SvaError
    from assistant.register import report as reporting

    try:
        files = reporting.report_files(out)
    except SvaError as exc:
        raise typer.BadParameter(str(exc), param_hint="--out") from exc
    register = open_services(store, as_of=as_of).register("all", charter)
    supplier = pick_supplier(supplier, (r.supplier for r in register.all() if r.supplier)) or supplier
    pdf = reporting.write(reporting.render(register, supplier, area, voice_section(store, register, area)), files)
    err(f"wrote {files.html}" + (f" and {pdf}" if pdf else " (no PDF: install chromium for one)"))


charter_app = typer.Typer(help="Show or check a Community Value Charter.", no_args_is_help=True)
app.add_typer(charter_app, name="charter")


@charter_app.command("show")
def charter_show(
    file: Annotated[Path | None, typer.Argument(help="Charter YAML (default: the store's active one).")] = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Print a charter (the store's active one when no file is given)."""
    from assistant.vocab import THEME_LABELS

    charter = open_services(store, create=True).charter(file)
    if as_json:
        emit(charter.model_dump())
        return
    typer.echo(f"{charter.name}\nplace: {charter.place}\nareas: {', '.join(charter.areas) or '(none)'}")
    for o in charter.outcomes:
        typer.echo(f"\n{o.id}  [{THEME_LABELS[o.theme]}]  {o.title}")
        for m in o.measures:
            typer.echo(f"    {m.id}  {m.text} ({m.unit})")


@charter_app.command("validate")
def charter_validate(
    file: Annotated[Path, typer.Argument(help="Charter YAML to check.")],
    store: StoreOpt = None,  # accepted like every command's; a file check does not read the store
) -> None:
    """Check a charter file; problems are listed with their line and field."""
    from assistant.register.charter import CharterError, load_charter

    try:
        charter = load_charter(file)
    except CharterError as exc:
        err(str(exc))
        raise typer.Exit(1) from exc
    typer.echo(f"{file}: valid ({len(charter.outcomes)} outcomes, {len(charter.areas)} areas)")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on; 0.0.0.0 exposes it to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port (1-65535).")] = 7860,
    forwarded_allow_ips: Annotated[str, typer.Option(help="Proxies whose X-Forwarded-For is trusted.")] = "",
    demo: Annotated[bool, typer.Option("--demo", help="Serve the bundled demo documents from a demo store.")] = False,
    store: StoreOpt = None,
) -> None:
    """Start the web app: residents at /, commissioners (sign-in required) at /commissioner."""
    import ui
    from assistant.demo import demo_store_dir, prepare_demo

    services = open_services(demo_store_dir() if demo and store is None else store, demo=demo, create=True)
    if demo:
        prepare_demo(services, log=err)
    ui.launch(services, host=host, port=port, log=err, forwarded_allow_ips=forwarded_allow_ips)


# commands kept in modules of their own, registered here so `sva --help` lists them after these
from assistant.cli import correct as _correct  # noqa: E402,F401  (`sva correct`)
from assistant.cli import documents as _documents  # noqa: E402,F401  (`sva documents`, `sva remove`)
from assistant.cli import evaluate as _evaluate  # noqa: E402,F401  (`sva eval`)


def main() -> None:
    import logging

    from assistant.errors import SvaError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged files are reported, not logged
    try:
        app()
    except SvaError as exc:
        err(f"error: {exc}")
        sys.exit(2)
    except KeyboardInterrupt:
        err("interrupted")
        sys.exit(130)
