"""`sva voice`: what residents said, out of the store (`sva voice export`). Registered on the
main app by assistant/cli/__init__.py importing this module; nothing heavy is imported until a
command runs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.common import JsonOpt, StoreOpt, app, emit, err

voice_app = typer.Typer(help="Residents' priorities and their experience of promises.", no_args_is_help=True)
app.add_typer(voice_app, name="voice")


@voice_app.command("export")
def export(
    area: Annotated[str | None, typer.Option(help="Only this area (any case).")] = None,
    csv_file: Annotated[Path | None, typer.Option("--csv", help="Write the export to this CSV file.")] = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Priorities per area and outcome, and answers per promise: every answer counted, and only
    the comments a commissioner has published."""
    from assistant.config import load_settings
    from assistant.folder import StoreFolder
    from assistant.voice import Voice
    from assistant.voice.export import write_csv

    path = StoreFolder(load_settings(store=store).store).voice
    data = Voice(path).export(area or None) if path.is_file() else {"priorities": [], "responses": []}
    if csv_file:
        rows = write_csv(data, csv_file)
        err(f"wrote {rows} rows to {csv_file}")
    if as_json:
        emit(data)
    elif not csv_file:
        _print(data)


def _print(data: dict) -> None:
    if not data["priorities"] and not data["responses"]:
        err("No responses from residents yet.")
        return
    for p in data["priorities"]:
        typer.echo(f"priority  {p['area']:<24} {p['outcome']:<8} {p['votes']:>5} votes")
    for r in data["responses"]:
        typer.echo(f"promise   {r['area']:<24} {r['commitment_id']:<28} seen {r['seen']}  not seen "
                   f"{r['not_seen']}  don't know {r['dont_know']}  comments {len(r['published_comments'])}")


def voice_section(store: Path | None, register, area: str | None):
    """For `sva report`: the "What residents say" section of one supplier's report."""
    from assistant.config import load_settings
    from assistant.folder import StoreFolder
    from assistant.voice import Voice
    from assistant.voice.export import report_section

    path = StoreFolder(load_settings(store=store).store).voice
    if not path.is_file():  # no resident has answered: no section, and no file made
        return None
    titles = {o.id: o.title for o in register.charter.outcomes}
    voice = Voice(path)
    return lambda rows: report_section(voice, rows, area, titles)
