"""The demo: fictional documents shipped as package data (assistant/data/demo), ingested into a
demo store of their own by `sva serve --demo`."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from assistant.services import Services

DEMO_DOCUMENTS = Path(str(resources.files("assistant").joinpath("data/demo")))


def demo_store_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("sva", appauthor=False)) / "demo-store"


def prepare_demo(services: Services, log: Callable[[str], None] = print) -> None:
    """Ingest the bundled fictional demo documents (a no-op once they are in the store)."""
    from ingest.parse import IngestMeta

    manifest = json.loads((DEMO_DOCUMENTS / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest:
        meta = IngestMeta(supplier=entry["supplier"], areas=tuple(entry["areas"]),
                          doc_type=entry["doc_type"], audience=entry["audience"],
                          tender=entry.get("tender", ""), lot=entry.get("lot", ""))
        report = services.ingest([DEMO_DOCUMENTS / entry["path"]], meta)
        for item in report.ingested:
            log(f"demo: ingested {Path(item['path']).name} ({item['chunks']} chunks)")
        for item in report.skipped:
            log(f"demo: skipped {item['path']}: {item['reason']}")
