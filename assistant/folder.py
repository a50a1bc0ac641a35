"""The store folder's layout, in one place: what sva keeps beside Chroma's own files."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import StoreError


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
    def vectors(self) -> Path:
        """The cache of embeddings by model and exact text (assistant/backends/vector_cache.py)."""
        return self.root / "vectors.sqlite"

    @property
    def mirror(self) -> Path:
        """The search mirror saved for memory-mapping (assistant/search/saved.py)."""
        return self.root / "mirror"

    @property
    def generation(self) -> Path:
        """The store's generation, written by a writer that finished cleanly and removed by every
        write, so a reader can see the store is unchanged without opening Chroma."""
        return self.root / "generation"

    @property
    def voice(self) -> Path:
        """Residents' priorities and answers about promises (assistant/voice/db.py)."""
        return self.root / "voice.sqlite3"

    @property
    def tenders(self) -> Path:
        """Commissioners' score overrides and notes on tenders (SQLite; never shown to residents)."""
        return self.root / "tenders.sqlite3"

    @property
    def corrections(self) -> Path:
        """Commissioners' corrections to the register's rows (assistant/register/corrections.py)."""
        return self.root / "corrections.sqlite3"

    @property
    def lock(self) -> Path:
        """The write lock of an embedded store (names the process holding it)."""
        return self.root / ".sva-write.lock"


def open_sqlite(path: Path, schema: str, what: str) -> sqlite3.Connection:
    """A connection to one of sva's SQLite files in the store folder (autocommit: transactions are
    explicit; WAL and fully synchronous, so a crash loses nothing saved), its schema in place."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=30, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.executescript(schema)
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(f"cannot open the {what} file {path} ({exc}); check the store folder is writable "
                         "and not on a network share") from exc
    return db


def sqlite_stamp(path: Path) -> tuple:
    """What changes when one of sva's SQLite files is written (the file and its WAL), so a
    reader can keep what it read until then."""
    stamp: list = []
    for file in (path, path.with_name(path.name + "-wal")):
        try:
            found = file.stat()
            stamp.append((found.st_mtime_ns, found.st_size))
        except OSError:
            stamp.append(())
    return tuple(stamp)
