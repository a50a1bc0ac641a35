"""`sva`: the command line. The only place that turns errors into messages and exit codes."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

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
def ingest(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Files or folders (folders are walked); with --reread and none, every stored file.")] = None,
    store: StoreOpt = None,
    supplier: Annotated[str | None, typer.Option(help="Supplier the documents come from.")] = None,
    area: Annotated[list[str] | None, typer.Option("--area", help="Area the documents cover (repeatable).")] = None,
    doc_type: Annotated[str | None, typer.Option(
        "--doc-type", help="tender_response | social_value_report | policy | other [new files: other]")] = None,
    audience: Annotated[str | None, typer.Option(
        "--audience", help="public (residents may see it) or restricted [new files: restricted]")] = None,
    tender: Annotated[str | None, typer.Option(help="The tender these bids answer (see `sva tender`).")] = None,
    lot: Annotated[str | None, typer.Option(help="The tender's lot they bid for.")] = None,
    as_json: JsonOpt = False,
    profile: Annotated[bool, typer.Option(
        "--profile", help="Print where the time went (parse, chunk, extract, embed, write) to stderr; "
                          "with --json also as \"profile\".")] = False,
    reread: Annotated[bool, typer.Option(
        "--reread", help="Read files the store already holds again (after an upgrade of sva), with the "
                         "details they were stored with; each keeps its stored version until the new one "
                         "is read.")] = False,
) -> None:
    """Add documents (PDF, DOCX, HTML, Markdown, text) to the store.

    A file the store already holds keeps the details it was stored with, except those given here."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from ingest import vocab
    from ingest.parse import IngestMeta

    given = {"supplier": supplier, "areas": area, "doc_type": doc_type, "audience": audience, "tender": tender,
             "lot": lot}
    meta = IngestMeta(supplier=supplier or "", areas=tuple(area or ()),
                      doc_type=vocab.doc_type(doc_type or "other"), audience=vocab.audience(audience or "restricted"),
                      tender=tender or "", lot=lot or "",
                      given=frozenset(k for k, v in given.items() if v is not None))
    services = open_services(store, create=True)
    if not paths:
        if not reread:
            raise typer.BadParameter("give the files or folders to ingest", param_hint="PATHS")
        paths = [Path(d.path) for d in services.store.documents()]
    console = _stderr_console()
    with Progress(TextColumn("[bold]ingest[/]"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task("", total=None)
        logged = _ProgressLines() if not console.is_terminal else None  # a log has no bar to redraw

        def progress(name: str, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description=name)
            if logged:
                logged(done, total)

        report = services.ingest(paths, meta, progress, reread)
    if profile:
        for stage, value in report.profile_json().items():
            share = f"{value:9.3f} s  {100 * value / max(report.seconds, 1e-9):5.1f}%"
            err(f"profile    {stage:<17}{share if isinstance(value, float) else f'{value:9d}'}")
    if as_json:
        emit(report.as_json() | ({"profile": report.profile_json()} if profile else {}))
    else:
        for item in report.ingested:
            _say_ingested(item)
        for path in report.unchanged:
            err(f"unchanged  {path}")
        for item in report.skipped:
            err(f"skipped    {item['path']}: {item['reason']}")
        for path in report.ignored:
            err(f"ignored    {path}  (not a type sva reads)")
        err(f"{len(report.ingested)} ingested, {len(report.unchanged)} unchanged, "
             f"{len(report.skipped)} skipped, {len(report.ignored)} ignored in {report.seconds:.1f} s")
        for line in _advice(report, meta.given or frozenset(), reread):
            err(line)
    raise typer.Exit(0 if report.ok else 1)


def _advice(report, given: frozenset[str], reread: bool) -> list[str]:
    """What a person may not have meant: nothing found to read, or new documents stored with no
    supplier (promises cannot be matched to reports) or unseen by residents by default."""
    if not (report.ingested or report.unchanged or report.skipped):
        return ["note: nothing to ingest: no file sva reads (PDF, DOCX, HTML, Markdown, text) under the paths given"]
    new = [i for i in report.ingested if i.get("updated") != "metadata"]
    if not new or reread:
        return []
    advice = []
    if "supplier" not in given:
        advice.append("note: stored with no supplier: give --supplier NAME (run again with it: nothing is "
                      "re-read) so their promises and reports are matched")
    if "audience" not in given:
        advice.append("note: stored as restricted: residents do not see them until ingested with --audience public")
    return advice


def _say_ingested(item: dict) -> None:
    """One file's line of the ingest report, and what the reading noticed about it."""
    if item.get("updated") == "metadata":
        err(f"updated    {item['path']}  (details only: {', '.join(item.get('changed', [])) or 'none'})")
        return
    chunks = item["chunks"]
    err(f"ingested   {item['path']}  ({chunks} chunk{'s' if chunks != 1 else ''}, "
        f"{item.get('commitments', 0)} commitment{'s' if item.get('commitments', 0) != 1 else ''})")
    for note in item.get("notes", []):
        err(f"           note: {note}")


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
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Answer a question from the documents, citing document, page and section."""
    if not question.strip():
        raise typer.BadParameter('it is empty: ask in words, e.g. sva ask "What was promised for Leeds?"',
                                 param_hint="QUESTION")
    answer = open_services(store).answerer(check_audience(audience)).answer(question)
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

        rated = contract_rows(rows, register.bid_documents())
        write_notice_csv(rated, notice_file)
        err(f"wrote {len(rated)} rated commitments of contracts to {notice_file}")
    if as_json:
        data = {"commitments": [c.as_json() for c in rows]}
        if matrix:
            data["matrix"] = coverage
        from assistant.register.performance import contract_ratings, contract_rows

        data["contracts"] = [{"contract": k, "rating": v}
                             for k, v in contract_ratings(contract_rows(rows, register.bid_documents())).items()]
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


class _ProgressLines:
    """Progress for a run whose output goes to a log: a line every EVERY_S seconds."""

    EVERY_S = 10.0

    def __init__(self, clock: Callable[[], float] | None = None) -> None:
        import time

        self._clock = clock or time.monotonic
        self._started = self._last = self._clock()

    def __call__(self, done: int, total: int) -> None:
        now = self._clock()
        if now - self._last >= self.EVERY_S and done < total:
            self._last = now
            err(f"ingest     {done}/{total} files read ({now - self._started:.0f} s)")


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
        err(f"error: {exc}")
        sys.exit(2)
    except KeyboardInterrupt:
        err("interrupted")
        sys.exit(130)
