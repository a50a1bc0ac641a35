"""`sva correct`: put a register row's kind right (a service standard read as a commitment, a
sentence that is no promise at all), undo that, or list the corrections in force. Registered on
the main app by assistant/cli/__init__.py importing this module; nothing heavy is imported until
it runs."""

from __future__ import annotations

from typing import Annotated

import typer

from assistant.cli.common import JsonOpt, StoreOpt, app, emit, err, open_services


@app.command()
def correct(
    row_id: Annotated[str | None, typer.Argument(
        help="The row's id, as `sva commitments --json` gives it.")] = None,
    kind: Annotated[str | None, typer.Option(
        help="commitment (social value), service_standard (of the contract itself) or not_a_promise.")] = None,
    note: Annotated[str, typer.Option(help="Why, for whoever reads the register next.")] = "",
    undo: Annotated[bool, typer.Option("--undo", help="Take back the correction in force for the row.")] = False,
    by: Annotated[str | None, typer.Option(help="Who is correcting (default: your user name).")] = None,
    list_them: Annotated[bool, typer.Option("--list", help="List the corrections in force.")] = False,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Correct a register row's kind, or take it out as no promise; every view follows."""
    from assistant.register.corrections import CORRECTED_KINDS, KIND_LABELS

    services = open_services(store)
    fixes = services.corrections()
    if list_them:
        found = sorted(fixes.current().values(), key=lambda c: c.at)
        if as_json:
            emit({"corrections": [c.as_json() for c in found]})
        for c in [] if as_json else found:
            typer.echo(f"{c.row_id}  {KIND_LABELS.get(c.read_as, c.read_as)} -> {KIND_LABELS[c.kind]}  "
                       f"({c.who}, {c.at[:10]}{'; ' + c.note if c.note else ''})\n    {c.source}: {c.text[:100]}")
        if not found and not as_json:
            typer.echo("No corrections.")
        return
    if not row_id:
        raise typer.BadParameter("give the row's id (see `sva commitments --json`), or --list", param_hint="ROW_ID")
    if undo == bool(kind):
        raise typer.BadParameter(f"give --kind ({', '.join(CORRECTED_KINDS)}) or --undo", param_hint="--kind")
    if kind and kind not in CORRECTED_KINDS:
        raise typer.BadParameter(f"use one of {', '.join(CORRECTED_KINDS)}", param_hint="--kind")
    row = next((r for r in services.register("all").as_read() if r.id == row_id), None)
    if row is None:
        raise typer.BadParameter("no row of the register has that id; `sva commitments --json` lists them "
                                 "(ids change when a document is re-read with a new model)", param_hint="ROW_ID")
    if undo and fixes.in_force(row) is None:
        raise typer.BadParameter("that row has no correction in force to undo", param_hint="--undo")
    saved = fixes.save(row, kind or "", note, by or _user())
    if as_json:
        emit({"correction": saved.as_json()})
    else:
        err(f"{row.id}: {'correction undone' if undo else KIND_LABELS[saved.kind]} — {row.text[:90]}")


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"
