"""The residents' voice file: one SQLite database in the store folder.

Why SQLite in WAL mode: the server writes while the commissioner app and `sva voice export`
read, and readers never block the writer. Each submission is one transaction, committed with
synchronous=FULL before the resident is told it was taken, so a crash, a restart or kill -9
after that cannot lose it; a transaction cut off half-way leaves nothing behind.

The schema has a version (``PRAGMA user_version``); each entry of MIGRATIONS moves a file up one
version inside one transaction, so an old file is upgraded in place when opened. A file from a
newer sva is refused rather than guessed at.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant.errors import StoreError

BUSY_MS = 10_000  # how long a writer waits for another one before giving up

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # 1: priorities and experiences; no column can hold a name, an email or an address
        """CREATE TABLE priorities (
            id INTEGER PRIMARY KEY,
            ballot TEXT NOT NULL,               -- a keyed hash of the page's session, never stored raw
            area TEXT NOT NULL COLLATE NOCASE,
            ranking TEXT NOT NULL,              -- JSON list of outcome ids, most important first
            created TEXT NOT NULL,              -- UTC, ISO 8601, to the second
            UNIQUE (ballot, area))""",
        """CREATE TABLE experiences (
            id INTEGER PRIMARY KEY,
            ballot TEXT NOT NULL,
            commitment_id TEXT NOT NULL,
            supplier TEXT NOT NULL,
            area TEXT NOT NULL COLLATE NOCASE,
            answer TEXT NOT NULL CHECK (answer IN ('seen', 'not_seen', 'dont_know')),
            comment TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'published', 'hidden')),
            created TEXT NOT NULL,
            moderated TEXT,
            UNIQUE (ballot, commitment_id))""",
        "CREATE INDEX experiences_by_commitment ON experiences (commitment_id, state)",
    ),
    (  # 2: the per-area results and trend read priorities by area and time
        "CREATE INDEX priorities_by_area ON priorities (area, created)",
    ),
)
VERSION = len(MIGRATIONS)


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, fully synchronous."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=BUSY_MS / 1000, isolation_level=None,
                               check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.row_factory = sqlite3.Row
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"cannot open the residents' responses at {path} ({exc}); check the store "
                         "folder exists and is writable, or pass another --store") from exc
    return conn


@contextmanager
def transaction(path: Path) -> Iterator[sqlite3.Connection]:
    """One write: BEGIN IMMEDIATE (one writer at a time), COMMIT on success, else ROLLBACK."""
    conn = connect(path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    except sqlite3.Error as exc:
        raise StoreError(f"could not save to the residents' responses at {path} ({exc})") from exc
    finally:
        conn.close()


@contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    conn = connect(path)
    try:
        yield conn
    except sqlite3.Error as exc:
        raise StoreError(f"could not read the residents' responses at {path} ({exc})") from exc
    finally:
        conn.close()


def migrate(path: Path) -> int:
    """Bring the file at ``path`` (made if missing) to VERSION; returns the version it had."""
    with transaction(path) as conn:
        found = conn.execute("PRAGMA user_version").fetchone()[0]
        if found > VERSION:
            raise StoreError(f"{path} was written by a newer sva (schema {found}; this one knows "
                             f"{VERSION}); upgrade sva to read it")
        for version in range(found, VERSION):
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
    return found
