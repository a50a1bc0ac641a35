"""A content-addressed cache of embeddings for a whole store: a text embedded once, in any
document, costs a lookup afterwards.

Why: tenders repeat a company's boilerplate word for word, and a re-issued report changes one
paragraph; embedding is most of an ingest's time. The key is a hash of the model's name and the
exact text, so another model, or one changed character, is a miss and never a wrong vector.

SQLite in WAL mode, in the store folder: readers never block each other and one writer at a time
is serialised by SQLite itself, across threads and processes. The file is bounded (past
``max_rows`` the least recently used rows go) and it is only a cache: when it is unreadable it is
logged, removed and started afresh, and when it is busy a call simply embeds.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from assistant.backends.embedders import Embedder

log = logging.getLogger("sva")

ROW_BYTES = 1_600  # a 384-float vector and its key, as stored: what a megabyte of cache holds
_BATCH = 500  # keys per SQL statement (SQLite caps the parameters of one statement)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vector BLOB NOT NULL, used INTEGER NOT NULL)
    WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS vectors_used ON vectors (used);
"""


def cache_key(model: str, text: str) -> bytes:
    return hashlib.blake2b(f"{model}\x00{text}".encode("utf-8", "surrogatepass"), digest_size=16).digest()


class VectorCache:
    """Vectors by (model, text), in one SQLite file shared by every process using the store."""

    def __init__(self, path: Path, max_rows: int = 300_000) -> None:
        if max_rows < 1:
            raise ValueError("max_rows must be 1 or more (set SVA_VECTOR_CACHE_MB=0 to turn the cache off)")
        self.path, self.max_rows = Path(path), max_rows
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._broken = False

    def get(self, model: str, texts: Sequence[str]) -> dict[int, np.ndarray]:
        """The cached vectors of ``texts``, by position; positions not cached are left out."""
        keys = [cache_key(model, t) for t in texts]
        found: dict[bytes, np.ndarray] = {}
        for start in range(0, len(keys), _BATCH):
            part = keys[start:start + _BATCH]
            rows = self._run(f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(part))})",
                             part)
            for key, blob in rows or []:
                vector = np.frombuffer(blob, dtype=np.float32) if len(blob) % 4 == 0 else None
                if vector is not None and len(vector) and np.isfinite(vector).all():
                    found[key] = vector
            if rows:
                self._run_many("UPDATE vectors SET used = ? WHERE key = ?",
                               [(_now(), k) for k, _ in rows])
        return {i: found[k] for i, k in enumerate(keys) if k in found}

    def put(self, model: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Remember these vectors (row-aligned with ``texts``), then trim the file to its bound."""
        now = _now()
        rows = [(cache_key(model, t), np.asarray(v, dtype=np.float32).tobytes(), now)
                for t, v in zip(texts, vectors)]
        if rows and self._run_many("INSERT OR REPLACE INTO vectors (key, vector, used) VALUES (?, ?, ?)",
                                   rows):
            counted = self._run("SELECT count(*) FROM vectors", [])
            excess = counted[0][0] - self.max_rows if counted else 0
            if excess > 0:  # trim a tenth more than needed (never what was just put), so trimming is rare
                self._run("DELETE FROM vectors WHERE key IN "
                          "(SELECT key FROM vectors WHERE used < ? ORDER BY used LIMIT ?)",
                          [now, excess + self.max_rows // 10])

    def __len__(self) -> int:
        counted = self._run("SELECT count(*) FROM vectors", [])
        return counted[0][0] if counted else 0

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    # -- SQLite, with every failure turned into a miss --------------------------------------------
    def _run(self, sql: str, params: Sequence) -> list[tuple] | None:
        return self._guarded(lambda db: db.execute(sql, params).fetchall())

    def _run_many(self, sql: str, rows: list[tuple]) -> bool:
        def write(db: sqlite3.Connection) -> bool:
            with db:  # one transaction
                db.executemany(sql, rows)
            return True

        return bool(self._guarded(write))

    def _guarded(self, work):
        with self._lock:
            for attempt in range(2):
                try:
                    db = self._connect()
                    return None if db is None else work(db)
                except sqlite3.OperationalError as exc:
                    if "locked" in str(exc) or "busy" in str(exc):
                        return None  # another process holds it longer than our timeout: just embed
                    self._give_up(exc)  # unopenable, read-only, disk full: not the file's fault
                except OSError as exc:
                    self._give_up(exc)
                except sqlite3.DatabaseError as exc:  # not a database, a malformed image, ...
                    self._reset(exc, attempt)
            return None

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is None and not self._broken:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
            try:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.executescript(_SCHEMA)
            except sqlite3.DatabaseError:
                db.close()
                raise
            self._db = db
        return self._db

    def _give_up(self, exc: Exception) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        if not self._broken:
            self._broken = True
            log.warning("sva: the vector cache %s cannot be used (%s); embedding without it. "
                        "Check the store folder is writable, or set SVA_VECTOR_CACHE_MB=0.", self.path, exc)

    def _reset(self, exc: Exception, attempt: int) -> None:
        """Drop an unreadable cache file and start a new one (once; then carry on without)."""
        if attempt:
            self._give_up(exc)
            return
        if self._db is not None:
            self._db.close()
            self._db = None
        log.warning("sva: the vector cache %s was unreadable (%s); starting a new one", self.path, exc)
        for suffix in ("", "-wal", "-shm"):
            try:
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            except OSError:
                pass  # the next attempt fails too, and says so


class CachedEmbedder:
    """An Embedder that asks the cache first and embeds only what it has never seen."""

    def __init__(self, embedder: Embedder, cache: VectorCache) -> None:
        self.embedder, self.cache = embedder, cache
        self.name = embedder.name
        self.hits = self.misses = 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return self.embedder.embed(texts)
        cached = self.cache.get(self.name, texts)
        missing = list(dict.fromkeys(t for i, t in enumerate(texts) if i not in cached))
        fresh = self.embedder.embed(missing) if missing else None
        dim = fresh.shape[1] if fresh is not None else len(next(iter(cached.values())))
        if any(len(v) != dim for v in cached.values()):  # a stale shape: trust the model
            cached, missing = {}, list(dict.fromkeys(texts))
            fresh = self.embedder.embed(missing)
        out = np.zeros((len(texts), dim), dtype=np.float32)
        for i, vector in cached.items():
            out[i] = vector
        if fresh is not None:
            row = {t: n for n, t in enumerate(missing)}
            todo = [i for i in range(len(texts)) if i not in cached]
            out[todo] = fresh[[row[texts[i]] for i in todo]]
            self.cache.put(self.name, missing, fresh)
        self.hits += len(cached)
        self.misses += len(texts) - len(cached)
        return out


def _now() -> int:
    return time.time_ns()
