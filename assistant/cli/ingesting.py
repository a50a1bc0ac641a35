"""`sva ingest`: add documents to the store, with progress on a terminal or in a log, and a
report of what was read, what was not and why."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.common import JsonOpt, StoreOpt, app, emit, err, open_services


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
    tender: Annotated[str | None, typer.Option(
        help="The tender these bids answer (see `sva tender`); for a report, the contract it reports on.")] = None,
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
        for line in _advice(report, meta.given or frozenset(), reread, meta.doc_type):
            err(line)
    raise typer.Exit(0 if report.ok else 1)


def _advice(report, given: frozenset[str], reread: bool, doc_type: str = "other") -> list[str]:
    """What a person may not have meant: nothing found to read, or new documents stored with no
    supplier (promises cannot be matched to reports), no area (a promise naming no place counts
    nowhere) or unseen by residents by default."""
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
    if "areas" not in given and doc_type in ("tender_response", "social_value_report"):
        advice.append("note: stored with no area: give --area NAME (run again with it: nothing is re-read) so "
                      "promises that name no place count for the area the contract covers")
    return advice


def _say_ingested(item: dict) -> None:
    """One file's line of the ingest report, and what the reading noticed about it."""
    if item.get("updated") == "metadata":
        err(f"updated    {item['path']}  (details only: {', '.join(item.get('changed', [])) or 'none'})")
        return
    chunks, pledged = item["chunks"], item.get("commitments", 0)
    standards = (item.get("sentences") or {}).get("service_standard", 0)
    also = f", {standards} service standard{'s' if standards != 1 else ''}" if standards else ""
    err(f"ingested   {item['path']}  ({chunks} chunk{'s' if chunks != 1 else ''}, "
        f"{pledged} commitment{'s' if pledged != 1 else ''}{also})")
    for note in item.get("notes", []):
        err(f"           note: {note}")


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
