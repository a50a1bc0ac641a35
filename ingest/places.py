"""Where a sentence is about: UK authorities, towns and regions from a shipped gazetteer, plus any
extra names (a charter's areas)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """Place name -> kind (authority, town, region), from ingest/data/uk_places.txt."""
    text = resources.files("ingest").joinpath("data/uk_places.txt").read_text(encoding="utf-8")
    places: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, kind, *_ = (line.split("|") + ["", ""])[:3]
            places[name.strip()] = kind.strip()
    return places


class PlaceFinder:
    """Finds place names in text: capitalised, whole words, longest name first."""

    def __init__(self, extra: Iterable[str] = ()) -> None:
        names = set(gazetteer()) | {e.strip() for e in extra if e.strip()}
        ordered = sorted(names, key=len, reverse=True)
        self._pattern = re.compile(
            r"(?<![\w-])(" + "|".join(re.escape(n) for n in ordered) + r")(?![\w-])") if ordered else None

    def find(self, text: str) -> list[str]:
        if self._pattern is None:
            return []
        return list(dict.fromkeys(m.group(1) for m in self._pattern.finditer(text)))
