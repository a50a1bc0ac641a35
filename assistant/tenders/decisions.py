"""Commissioners' overrides and notes, kept in SQLite in the store folder.

Every save is one row appended in one transaction (WAL journal, synchronous=FULL): a process
killed in the middle of a save leaves the previous decision, never half of a new one, and a
restart reads back exactly what was saved. The latest row for a (tender, supplier, criterion) is
the decision in force; the earlier ones are its history (who changed what, and when).
A proxy-measure choice for a commitment is kept the same way, and so is a tender's award (the
latest row for a (tender, lot) names the winner; "" withdraws it): once a tender is awarded, the
other bidders' promises are no one's to keep (assistant.register.commitments.Register).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from assistant.errors import StoreError
from assistant.folder import open_sqlite, sqlite_stamp

_SCHEMA = """
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT, tender TEXT NOT NULL, supplier TEXT NOT NULL,
    criterion TEXT NOT NULL, score REAL, note TEXT NOT NULL DEFAULT '', who TEXT NOT NULL, at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS decisions_cell ON decisions (tender, supplier, criterion, id);
CREATE TABLE IF NOT EXISTS awards (
    id INTEGER PRIMARY KEY AUTOINCREMENT, tender TEXT NOT NULL, lot TEXT NOT NULL DEFAULT '',
    supplier TEXT NOT NULL, who TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS measure_choices (
    id INTEGER PRIMARY KEY AUTOINCREMENT, tender TEXT NOT NULL, commitment_id TEXT NOT NULL,
    code TEXT NOT NULL, who TEXT NOT NULL, at TEXT NOT NULL);
"""


@dataclass(frozen=True)
class Decision:
    """A commissioner's override of a suggested score (None: the suggestion stands) and note."""

    tender: str
    supplier: str
    criterion: str
    score: float | None
    note: str
    who: str
    at: str  # ISO 8601, UTC


class Decisions:
    """The decisions file of one store folder. Opens a connection per call, so threads of the
    web app and a CLI process can share it (SQLite serialises the writers)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._awards: tuple[tuple, dict[tuple[str, str], str]] | None = None

    def _connect(self) -> sqlite3.Connection:
        return open_sqlite(self.path, _SCHEMA, "tender decisions")

    def save(self, tender: str, supplier: str, criterion: str, score: float | None, note: str,
             who: str) -> Decision:
        """Record an override (None clears it) and a note; one atomic row."""
        decision = Decision(tender, supplier, criterion, score, " ".join(note.split()) if note else "",
                            who or "unknown", datetime.now(UTC).isoformat(timespec="seconds"))
        with closing(self._connect()) as db:
            try:
                db.execute("BEGIN IMMEDIATE")
                db.execute("INSERT INTO decisions (tender, supplier, criterion, score, note, who, at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)",
                           (decision.tender, decision.supplier, decision.criterion, decision.score,
                            decision.note, decision.who, decision.at))
                db.execute("COMMIT")
            except sqlite3.Error as exc:
                raise StoreError(f"could not save the decision ({exc}); nothing was changed, try again") from exc
        return decision

    def current(self, tender: str) -> dict[tuple[str, str], Decision]:
        """The decision in force per (supplier, criterion) for a tender."""
        rows = self._rows("SELECT tender, supplier, criterion, score, note, who, at FROM decisions d "
                          "WHERE tender = ? AND id = (SELECT MAX(id) FROM decisions e WHERE e.tender = d.tender "
                          "AND e.supplier = d.supplier AND e.criterion = d.criterion)", (tender,))
        return {(d.supplier, d.criterion): d for d in (Decision(*r) for r in rows)}

    def history(self, tender: str) -> list[Decision]:
        return [Decision(*r) for r in self._rows(
            "SELECT tender, supplier, criterion, score, note, who, at FROM decisions WHERE tender = ? "
            "ORDER BY id", (tender,))]

    def award(self, tender: str, lot: str, supplier: str, who: str) -> None:
        """Record who won a tender (or one lot of it; "" for the whole tender); supplier "" withdraws it."""
        with closing(self._connect()) as db:
            try:
                with db:
                    db.execute("INSERT INTO awards (tender, lot, supplier, who, at) VALUES (?, ?, ?, ?, ?)",
                               (tender, lot, supplier, who or "unknown",
                                datetime.now(UTC).isoformat(timespec="seconds")))
            except sqlite3.Error as exc:
                raise StoreError(f"could not save the award ({exc}); nothing was changed, try again") from exc

    def awards(self) -> dict[tuple[str, str], str]:
        """The awards in force: (tender, lot) -> the winning supplier. Read again only when the
        file has changed: every register read asks."""
        stamp = sqlite_stamp(self.path)
        if self._awards is None or self._awards[0] != stamp:
            rows = self._rows("SELECT tender, lot, supplier FROM awards a WHERE id = (SELECT MAX(id) FROM awards b "
                              "WHERE b.tender = a.tender AND b.lot = a.lot)", ())
            self._awards = (stamp, {(tender, lot): supplier for tender, lot, supplier in rows if supplier})
        return self._awards[1]

    def history_of_award(self, tender: str) -> list[tuple[str, str, str, str]]:
        """Every award recorded for a tender, oldest first: (lot, supplier, who, at)."""
        return self._rows("SELECT lot, supplier, who, at FROM awards WHERE tender = ? ORDER BY id", (tender,))

    def choose_measure(self, tender: str, commitment_id: str, code: str, who: str) -> None:
        """Map a commitment to a proxy measure by hand ("" to value it at nothing)."""
        with closing(self._connect()) as db:
            with db:
                db.execute("INSERT INTO measure_choices (tender, commitment_id, code, who, at) VALUES (?, ?, ?, ?, ?)",
                           (tender, commitment_id, code, who or "unknown",
                            datetime.now(UTC).isoformat(timespec="seconds")))

    def measure_choices(self, tender: str) -> dict[str, str]:
        rows = self._rows("SELECT commitment_id, code FROM measure_choices WHERE tender = ? ORDER BY id", (tender,))
        return {commitment_id: code for commitment_id, code in rows}

    def _rows(self, sql: str, args: tuple) -> list[tuple]:
        if not self.path.exists():
            return []  # nothing decided yet: reading creates no file
        with closing(self._connect()) as db:
            try:
                return db.execute(sql, args).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"cannot read the tender decisions file {self.path} ({exc})") from exc
