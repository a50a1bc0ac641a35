"""`sva correct`: put a register row's kind right (a service standard read as a commitment, a
sentence that is no promise at all), undo that, or list the corrections in force. Registered on
the main app by assistant/cli/__init__.py importing this module; nothing heavy is imported until
it runs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from assistant.cli.common import JsonOpt, StoreOpt, app, emit, err, open_services

if TYPE_CHECKING:
    from assistant.register.commitments import Commitment


@app.command()
def correct(
    row_id: Annotated[str | None, typer.Argument(
        help="The row's id, as `sva commitments --json` gives it (the document part may be shortened to "
             "the 12 characters `sva documents` shows).")] = None,
    kind: Annotated[str | None, typer.Option(
        help="commitment (social value), service_standard (of the contract itself) or not_a_promise.")] = None,
    note: Annotated[str, typer.Option(
        help="Why, for whoever reads the register next (left out: the note of the same correction in force "
             "is kept).")] = "",
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
    if undo and kind:
        raise typer.BadParameter("they cannot be combined: give one of them", param_hint="--kind / --undo")
    if not (undo or kind):
        raise typer.BadParameter(f"give --kind ({', '.join(CORRECTED_KINDS)}) or --undo", param_hint="--kind")
    if kind and kind not in CORRECTED_KINDS:
        raise typer.BadParameter(f"use one of {', '.join(CORRECTED_KINDS)}", param_hint="--kind")
    row = _find_row(services.register("all").as_read(), row_id)
    in_force = fixes.in_force(row)
    if undo and in_force is None:
        raise typer.BadParameter("that row has no correction in force to undo", param_hint="--undo")
    if kind == row.kind:  # as read: what sva made of the sentence itself
        said = f"sva read that row as a {KIND_LABELS[row.kind]}"
        raise typer.BadParameter(f"{said} itself: nothing to correct" if in_force is None else
                                 f"{said}; to go back to that, take the correction in force "
                                 f"({KIND_LABELS[in_force.kind]}) back with --undo", param_hint="--kind")
    saved = fixes.save(row, kind or "", note, by or _user())
    if as_json:
        emit({"correction": saved.as_json()})
    else:
        err(f"{row.id}: {'correction undone' if undo else KIND_LABELS[saved.kind]} — {row.text[:90]}")


def _find_row(rows: list[Commitment], row_id: str) -> Commitment:
    """The row ``row_id`` names: its id, or its id with the document part shortened to a unique
    start of 6+ characters (the 12 `sva documents` shows)."""
    from assistant.cli.documents import MIN_PREFIX

    row_id = row_id.strip()
    exact = next((r for r in rows if r.id == row_id), None)
    if exact is not None:
        return exact
    doc, sep, part = row_id.rpartition(":")
    docs = {r.doc_id: r.source for r in rows if r.doc_id.startswith(doc)} if sep and len(doc) >= MIN_PREFIX else {}
    if len(docs) > 1:
        named = ", ".join(f"{d[:12]} ({source})" for d, source in sorted(docs.items()))
        raise typer.BadParameter(f"{doc!r} starts the ids of {len(docs)} documents: {named}; give more of the "
                                 "document's id", param_hint="ROW_ID")
    found = next((r for r in rows if r.doc_id in docs and r.id.rpartition(":")[2] == part), None)
    if found is None:
        raise typer.BadParameter("no row of the register has that id; `sva commitments --json` lists them (the "
                                 f"document part may be shortened to its first {MIN_PREFIX}+ characters; ids "
                                 "change when a document is re-read with a new model)", param_hint="ROW_ID")
    return found


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"
