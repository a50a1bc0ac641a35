"""What every `sva` command shares: the typer app, common options, output and the environment
(telemetry off, offline model hub) set before anything heavy is imported."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="sva, the Social Value Assistant: question suppliers' social value promises.")

def _print_version(asked: bool) -> None:
    if asked:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"sva {version('social-value-assistant')}")
        except PackageNotFoundError:  # run from a checkout that was never installed
            typer.echo("sva (not installed: pip install -e . to give it a version)")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option(
        "--version", callback=_print_version, is_eager=True, help="Print sva's version and exit.")] = False) -> None:
    """sva, the Social Value Assistant: question suppliers' social value promises."""


StoreOpt = Annotated[Path | None, typer.Option(
    "--store", help="Store directory (else $SVA_STORE, else the user data dir).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON on stdout (logs go to stderr).")]
AudienceOpt = Annotated[str, typer.Option(
    "--audience", help="public: only documents published to residents; all: everything.")]
CharterOpt = Annotated[Path | None, typer.Option(
    "--charter", help="Charter YAML (else $SVA_CHARTER, else the bundled default).")]


def _as_of(value: str | None) -> str | None:
    """--as-of checked here, so a wrong date is named as the option, not as SVA_AS_OF."""
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD, e.g. 2030-01-31") from None


AsOfOpt = Annotated[str | None, typer.Option(
    "--as-of", callback=_as_of, help="Judge deadlines as of this date (YYYY-MM-DD; default today).")]


def open_services(store: Path | None, demo: bool = False, create: bool = False, **overrides):
    """Services for ``store``. The demo's documents (``demo``, or the demo store) are read with
    the demo's charter unless one is named (``--charter``, SVA_CHARTER), so `sva serve --demo` and
    `sva commitments --store <demo store>` map to the same outcomes. A local store must exist
    unless the command may ``create`` it (ingest, serve): a mistyped --store is an error, not an
    empty store that answers nothing."""
    from assistant.config import load_settings
    from assistant.errors import StoreError
    from assistant.services import Services

    settings = load_settings(store=store, **overrides)
    if not create and not settings.chroma_url and not settings.store.is_dir():
        raise StoreError(f"there is no sva store at {settings.store}: nothing has been ingested there. Check "
                         f"--store (or SVA_STORE), or add documents first: sva ingest FILES --store {settings.store}")
    if settings.charter is None:
        from assistant.demo import demo_store_dir
        from assistant.register.charter import default_charter_path

        if demo or settings.store.resolve() == demo_store_dir().resolve():
            settings = settings.model_copy(update={"charter": default_charter_path(demo=True)})
    return Services(settings)


def emit(data: dict) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def err(message: str) -> None:
    typer.echo(message, err=True)


def check_audience(audience: str) -> str:
    if audience not in ("public", "all"):
        raise typer.BadParameter("use public or all", param_hint="--audience")
    return audience


def pick_supplier(given: str | None, known: Iterable[str]) -> str | None:
    """The supplier --supplier names: the one of that name in any case, else the only one whose
    name holds it ("brightstone"); a name matching none or several is a usage error listing them."""
    if given is None or not given.strip():
        return None
    names = sorted(set(known), key=str.lower)
    wanted = " ".join(given.split()).casefold()
    exact = [n for n in names if n.casefold() == wanted]
    holding = exact or [n for n in names if wanted in n.casefold()]
    if len(holding) == 1:
        return holding[0]
    listed = "; ".join(holding or names) or "none yet"
    problem = "names several suppliers" if holding else "names no supplier in the store"
    raise typer.BadParameter(f"{given!r} {problem}: {listed}", param_hint="--supplier")
