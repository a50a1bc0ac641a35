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


# The demo's story: Brightstone won the housing repairs contract (HBC-2025-014) that Greenway and
# Northfield also bid for, and reports on it; lot 2 of the parks tender (HBC-2026-031) is open.
AWARDED = {"HBC-2025-014": "Brightstone Construction Ltd"}


def prepare_demo(services: Services, log: Callable[[str], None] = print) -> None:
    """Ingest the bundled fictional demo documents and record the award they tell of (a no-op
    once they are in the store)."""
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
    for tender, supplier in AWARDED.items():  # once: a commissioner may withdraw it afterwards
        if not services.decisions().history_of_award(tender):
            services.tenders().award(tender, supplier, "demo")
            log(f"demo: {tender} awarded to {supplier}")
