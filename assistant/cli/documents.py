"""`sva documents` lists what the store holds; `sva remove` takes documents out of it (the
commissioners' Documents tab does the same in the web app). Registered on the main app by
assistant/cli/__init__.py importing this module; nothing heavy is imported until a command runs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.common import (
    JsonOpt,
    StoreOpt,
    app,
    check_audience,
    emit,
    err,
    open_services,
    pick_supplier,
)

MIN_PREFIX = 6  # the shortest start of a document id taken as naming it

FIELDS = ("doc_id", "source", "title", "supplier", "areas", "doc_type", "audience", "tender", "lot",
          "pages", "chunks", "commitments", "ingested_at", "path")


@app.command()
def documents(
    supplier: Annotated[str | None, typer.Option(help="Only this supplier (any case).")] = None,
    audience: Annotated[str, typer.Option(
        "--audience", help="public: published to residents; restricted: not published; all: everything.")] = "all",
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The documents in the store: id, file, supplier, type, who may see them, what was read."""
    from assistant.app.documents import listed

    shown = audience if audience == "restricted" else check_audience(audience)
    docs = [d for d in listed(open_services(store)) if shown in ("all", d.audience)]
    supplier = pick_supplier(supplier, (d.supplier for d in docs if d.supplier))
    docs = [d for d in docs if supplier is None or d.supplier == supplier]
    if as_json:
        emit({"documents": [{k: getattr(d, k) for k in FIELDS} for d in docs]})
        return
    if not docs:
        typer.echo("No documents." if supplier is None else f"No documents from {supplier}.")
        return
    typer.echo(_table(docs))


def _table(docs: list) -> str:
    """One row a document, as wide as the terminal (piped, as wide as the rows need); below 130
    columns the supplier goes under the file name and the type, pages and chunks are left out."""
    import shutil
    import sys
    from io import StringIO

    from rich import box
    from rich.console import Console
    from rich.table import Table

    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else 240
    wide = width >= 130
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1))
    table.add_column("id", no_wrap=True)
    table.add_column("file" if wide else "file / supplier", overflow="fold", ratio=3)
    extra = ("type", "pages", "chunks") if wide else ()
    if wide:
        table.add_column("supplier", overflow="fold", ratio=2)
        table.add_column("type", no_wrap=True)
    table.add_column("audience", no_wrap=True)
    for name in (*extra[1:], "commitments"):
        table.add_column(name, justify="right", no_wrap=True)
    for d in docs:
        supplier = d.supplier or "—"
        numbers = ["" if d.pages is None else str(d.pages), str(d.chunks)] if wide else []
        named = [d.source, supplier, d.doc_type] if wide else [f"{d.source}\n  {supplier}"]
        table.add_row(d.doc_id[:12], *named, d.audience, *numbers, str(d.commitments))
    out = StringIO()
    Console(file=out, width=width, no_color=True).print(table)
    return out.getvalue().rstrip() + f"\n{len(docs)} document{'s' if len(docs) != 1 else ''}"


@app.command()
def remove(
    names: Annotated[list[str], typer.Argument(
        help="Documents to remove: an id (or its first 6+ characters, as `sva documents` shows it), "
             "or a file name as ingested.")],
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Take documents out of the store, with their chunks and commitments (files stay put).

    Exit 1 when a name matched no document, or several; the others are still removed. sva's own
    copy of a document uploaded in the web app goes too."""
    from assistant.app.documents import delete

    services = open_services(store)
    docs = services.store.documents()
    gone: list = []  # the documents removed so far
    problems: list[dict] = []
    for name in names:
        found = _matching(docs, name)
        if not found and _matching(gone, name):
            continue  # named twice (its id and its file name): removed already
        if len(found) != 1:
            problems.append({"name": name, "reason": _why(name, found)})
            continue
        gone.append(delete(services, found[0].doc_id))
        docs = [d for d in docs if d.doc_id != gone[-1].doc_id]
    removed = [{"doc_id": d.doc_id, "source": d.source} for d in gone]
    if as_json:
        emit({"removed": removed, "not_removed": problems})
    else:
        for item in removed:
            err(f"removed    {item['source']}  ({item['doc_id'][:12]})")
        for item in problems:
            err(f"not removed {item['name']}: {item['reason']}")
    raise typer.Exit(1 if problems else 0)


def _matching(docs: list, name: str) -> list:
    """The documents ``name`` names: by id, by the start of an id, or by file name or path."""
    name = name.strip()
    exact = [d for d in docs if name == d.doc_id]
    if exact:
        return exact
    if len(name) >= MIN_PREFIX:
        started = [d for d in docs if d.doc_id.startswith(name)]
        if started:
            return started
    return [d for d in docs if name == d.source or _same_file(name, d.path)]


def _same_file(name: str, path: str) -> bool:
    try:
        return Path(name).resolve() == Path(path).resolve()
    except (OSError, ValueError):
        return False


def _why(name: str, found: list) -> str:
    if not found:
        return "no document in the store has that id or file name (see `sva documents`)"
    ids = ", ".join(f"{d.doc_id[:12]} ({d.source}, {d.supplier or 'no supplier'})" for d in found)
    return f"it names {len(found)} documents: {ids}; give the id of the one to remove"
