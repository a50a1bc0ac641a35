"""The store folder's layout, in one place: what sva keeps beside Chroma's own files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class StoreFolder:
    """A store directory: Chroma's files (embedded mode) plus sva's own, named here."""

    root: Path

    @property
    def charter(self) -> Path:
        """The charter a commissioner uploaded for this store (used from then on)."""
        return self.root / "charter.yaml"

    @property
    def uploads(self) -> Path:
        """Files uploaded through the app, kept so they can be re-read and served."""
        return self.root / "uploads"

    @property
    def manifest(self) -> Path:
        """A copy of the manifest a clean writer leaves, so an unchanged re-ingest skips Chroma."""
        return self.root / "manifest.json"

    @property
    def lock(self) -> Path:
        """The write lock of an embedded store (names the process holding it)."""
        return self.root / ".sva-write.lock"
