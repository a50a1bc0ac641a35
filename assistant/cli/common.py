"""What every `sva` command shares: the typer app, common options, output and the environment
(telemetry off, offline model hub) set before anything heavy is imported."""

from __future__ import annotations

import json
import os
import sys
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

StoreOpt = Annotated[Path | None, typer.Option(
    "--store", help="Store directory (else $SVA_STORE, else the user data dir).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON on stdout (logs go to stderr).")]
AudienceOpt = Annotated[str, typer.Option(
    "--audience", help="public: only documents published to residents; all: everything.")]
CharterOpt = Annotated[Path | None, typer.Option(
    "--charter", help="Charter YAML (else $SVA_CHARTER, else the bundled default).")]


def open_services(store: Path | None, demo: bool = False, **overrides):
    """Services for ``store``. The demo's documents (``demo``, or the demo store) are read with
    the demo's charter unless one is named (``--charter``, SVA_CHARTER), so `sva serve --demo` and
    `sva commitments --store <demo store>` map to the same outcomes."""
    from assistant.config import load_settings
    from assistant.services import Services

    settings = load_settings(store=store, **overrides)
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


