"""A commissioner's corrections to the register: a row sva read as a social value commitment that is
a service standard of the contract, or no promise at all (a fact, an aim, a sentence about the
council), and back again.

The kind of a sentence is read by a model, and on documents nobody tuned it on it is wrong about
one row in three; the people who know the contract put it right here, once, and every view of the
register (the Commitments tab, the residents' view, exports, chat answers, bid scores) follows.

Kept in the store folder (SQLite, append-only: every correction is kept with who made it and
when, and the latest for a row is in force; undoing one is a correction back to what sva read).
A correction is keyed by the supplier and the words of the sentence, not by the row's id nor its
file: the id changes when the model is retrained and the file when a supplier sends it again
edited, while the sentence stays; the same sentence in the supplier's other documents (a bid and
its lot response) is corrected with it. Applied before the register judges anything (flags,
restatements, evidence follow the corrected kind; see Register._build). Corrections are also
labelled data: ``sva correct --list --json`` gives each sentence with the kind a person gave it.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from assistant.errors import StoreError, SvaError
from assistant.folder import open_sqlite, sqlite_stamp
from ingest.text import normalize

if TYPE_CHECKING:
    from assistant.register.commitments import Commitment

log = logging.getLogger("sva")

CorrectedKind = Literal["commitment", "service_standard", "not_a_promise"]
CORRECTED_KINDS: tuple[CorrectedKind, ...] = ("commitment", "service_standard", "not_a_promise")
KIND_LABELS = {"commitment": "social value commitment", "service_standard": "service standard",
               "not_a_promise": "not a promise"}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL,        -- the hash of the supplier and the sentence's words (row_key)
    row_id TEXT NOT NULL,     -- the row's id when the correction was made
    kind TEXT NOT NULL,       -- commitment | service_standard | not_a_promise | '' (undone)
    read_as TEXT NOT NULL,    -- what sva had read it as
    text TEXT NOT NULL,
    source TEXT NOT NULL,
    note TEXT NOT NULL,
    who TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS corrections_key ON corrections (key);
"""


class CorrectionError(SvaError):
    """A correction that would correct nothing (the kind sva read the row as itself)."""


@dataclass(frozen=True)
class Correction:
    key: str
    row_id: str
    kind: str  # a CorrectedKind, or "" when the correction was undone
    read_as: str
    text: str
    source: str
    note: str
    who: str
    at: str

    def as_json(self) -> dict:
        return {"row_id": self.row_id, "kind": self.kind or None, "read_as": self.read_as, "text": self.text,
                "source": self.source, "note": self.note, "by": self.who, "at": self.at}


def row_key(supplier: str, text: str) -> str:
    """What a correction is kept under: the supplier and the words of the sentence (not the row's
    id, which a retrained model renumbers, nor the file, which a supplier sends again edited)."""
    said = " ".join(f"{supplier} | {normalize(text)}".lower().split())
    return hashlib.sha256(said.encode("utf-8")).hexdigest()[:24]


class Corrections:
    """The corrections file of one store folder. A connection per call, so the web app's threads
    and a CLI process can share it (SQLite serialises the writers); reading a store that has no
    corrections creates nothing."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._seen: tuple[tuple, dict[str, Correction]] | None = None  # current(), while the file is unchanged

    def save(self, row: Commitment, kind: str, note: str, who: str) -> Correction:
        """Record that ``row`` is of ``kind`` (one of CORRECTED_KINDS), or undo ("") the
        correction in force for it. Repeating the correction in force without a note keeps its
        note; correcting a row to the kind sva read it as is refused (it corrects nothing)."""
        if kind and kind not in CORRECTED_KINDS:
            raise ValueError(f"a row is corrected to one of {', '.join(CORRECTED_KINDS)}, not {kind!r}")
        read_as = getattr(row, "read_as", "") or row.kind
        in_force = self.in_force(row)
        if kind == read_as:
            said = f"sva read that row as a {KIND_LABELS[kind]}"
            raise CorrectionError(f"{said} itself: nothing to correct" if in_force is None else
                                  f"{said}; to go back to that, undo the correction in force")
        note = " ".join(note.split()) or (in_force.note if in_force and kind == in_force.kind else "")
        correction = Correction(row_key(row.supplier, row.text), row.id, kind, read_as, row.text, row.source,
                                note[:500], who or "unknown", datetime.now(UTC).isoformat(timespec="seconds"))
        with closing(self._connect()) as db:
            try:
                db.execute("INSERT INTO corrections (key, row_id, kind, read_as, text, source, note, who, at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           (correction.key, correction.row_id, correction.kind, correction.read_as,
                            correction.text, correction.source, correction.note, correction.who,
                            correction.at))
            except sqlite3.Error as exc:
                raise StoreError(f"could not save the correction ({exc}); nothing was changed, try again") from exc
        return correction

    def current(self) -> dict[str, Correction]:
        """The correction in force per row key (undone ones left out). Read again only when the
        file has changed: the register asks on every read."""
        stamp = sqlite_stamp(self.path)
        if self._seen is None or self._seen[0] != stamp:
            try:
                latest = self._rows("SELECT key, row_id, kind, read_as, text, source, note, who, at FROM corrections c "
                                    "WHERE id = (SELECT MAX(id) FROM corrections d WHERE d.key = c.key)")
            except StoreError as exc:  # every view reads the register: show it as sva read it
                log.warning("%s; the register is shown without corrections until it is fixed or removed", exc)
                latest = []
            self._seen = (stamp, {c.key: c for c in latest if c.kind})
        return self._seen[1]

    def in_force(self, row: Commitment) -> Correction | None:
        """The correction in force for ``row``, if any (what an undo would take back)."""
        return self.current().get(row_key(row.supplier, row.text))

    def history(self) -> list[Correction]:
        return self._rows("SELECT key, row_id, kind, read_as, text, source, note, who, at FROM corrections "
                          "ORDER BY id")

    def _rows(self, sql: str) -> list[Correction]:
        if not self.path.is_file():
            return []
        with closing(self._connect()) as db:
            try:
                return [Correction(*r) for r in db.execute(sql).fetchall()]
            except sqlite3.Error as exc:
                raise StoreError(f"cannot read the register corrections in {self.path} ({exc})") from exc

    def _connect(self) -> sqlite3.Connection:
        return open_sqlite(self.path, _SCHEMA, "register corrections")
