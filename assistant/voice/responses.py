"""Residents' priorities and their experience of each promise: stored, counted, moderated.

``Voice`` is the store owner's handle (the commissioner app, `sva voice export`, the report): it
sees every response. Residents get ``PublicVoice`` (assistant/voice/public.py), which can add
responses and read only what a commissioner has published.

A resident's answers are keyed by a *ballot*: a keyed hash of the page session, so the same page
answering again replaces its answer instead of counting twice. Nothing else about the resident
is kept: no name, no email, no address (the rate limits hold addresses in memory only).
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from assistant.voice import db
from assistant.voice.records import ANSWERS, STATES, Answer, PriorityCount, Response, State, Tally


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Voice:
    """The responses file of one store (see assistant/voice/db.py for how it is kept safe)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        db.migrate(self.path)

    # -- writing -------------------------------------------------------------------------------
    def record_priorities(self, ballot: str, area: str, ranking: list[str]) -> None:
        """A ranking of outcome ids (most important first) for ``area``; a ballot's later ranking
        for the same area replaces its earlier one."""
        with db.transaction(self.path) as conn:
            conn.execute(
                "INSERT INTO priorities (ballot, area, ranking, created) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (ballot, area) DO UPDATE SET ranking = excluded.ranking, "
                "created = excluded.created", (ballot, area, json.dumps(ranking), now()))

    def record_experience(self, ballot: str, commitment_id: str, supplier: str, area: str,
                          answer: Answer, comment: str = "") -> int:
        """One answer about one promise; a ballot's later answer replaces its earlier one and
        waits for moderation again. Returns the response's id."""
        if answer not in ANSWERS:
            raise ValueError(f"answer must be one of {', '.join(ANSWERS)}, not {answer!r}")
        with db.transaction(self.path) as conn:
            row = conn.execute(
                "INSERT INTO experiences (ballot, commitment_id, supplier, area, answer, comment, "
                "state, created) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?) "
                "ON CONFLICT (ballot, commitment_id) DO UPDATE SET supplier = excluded.supplier, "
                "area = excluded.area, answer = excluded.answer, comment = excluded.comment, "
                "state = 'pending', created = excluded.created, moderated = NULL RETURNING id",
                (ballot, commitment_id, supplier, area, answer, comment, now())).fetchone()
        return int(row[0])

    def moderate(self, response_id: int, state: State) -> Response | None:
        """Publish or hide one response (its comment); None when there is no such response."""
        if state not in STATES:
            raise ValueError(f"state must be one of {', '.join(STATES)}, not {state!r}")
        with db.transaction(self.path) as conn:
            conn.execute("UPDATE experiences SET state = ?, moderated = ? WHERE id = ?",
                         (state, now(), int(response_id)))
        return next((r for r in self.responses() if r.id == int(response_id)), None)

    def publish_plain_answers(self) -> int:
        """Publish every waiting answer that has no comment (there is no text to check); returns
        how many. Answers with a comment wait for ``moderate``."""
        with db.transaction(self.path) as conn:
            return conn.execute("UPDATE experiences SET state = 'published', moderated = ? "
                                "WHERE state = 'pending' AND comment = ''", (now(),)).rowcount

    # -- reading -------------------------------------------------------------------------------
    def responses(self, area: str | None = None, commitment_ids: list[str] | None = None,
                  states: tuple[State, ...] = STATES) -> list[Response]:
        """Responses, waiting ones first, newest first."""
        marks = ",".join("?" * len(states))  # placeholders only: the states are bound values
        query = f"SELECT * FROM experiences WHERE state IN ({marks})"
        args: list = list(states)
        if area:
            query += " AND area = ?"
            args.append(area)
        with db.reading(self.path) as conn:
            rows = conn.execute(query + " ORDER BY state != 'pending', created DESC, id DESC",
                                args).fetchall()
        wanted = set(commitment_ids) if commitment_ids is not None else None
        return [Response(r["id"], r["commitment_id"], r["supplier"], r["area"], r["answer"],
                         r["comment"], r["state"], r["created"])
                for r in rows if wanted is None or r["commitment_id"] in wanted]

    def tallies(self, area: str | None = None, moderated_only: bool = False) -> dict[str, Tally]:
        """commitment id -> the count of each answer. ``moderated_only``: only the answers a
        commissioner has published or looked at (hidden ones count; their comments are not shown)."""
        states: tuple[State, ...] = ("published", "hidden") if moderated_only else STATES
        counts: dict[str, Counter] = {}
        for r in self.responses(area, states=states):
            counts.setdefault(r.commitment_id, Counter())[r.answer] += 1
        return {cid: Tally(c["seen"], c["not_seen"], c["dont_know"]) for cid, c in counts.items()}

    def rankings(self, area: str | None = None) -> list[tuple[str, list[str], str]]:
        """Every ranking as (area, outcome ids, created)."""
        query, args = "SELECT area, ranking, created FROM priorities", []
        if area:
            query, args = query + " WHERE area = ?", [area]
        with db.reading(self.path) as conn:
            rows = conn.execute(query + " ORDER BY created, id", args).fetchall()
        return [(r["area"], [str(o) for o in json.loads(r["ranking"])], r["created"]) for r in rows]

    def priorities(self, area: str | None = None) -> list[PriorityCount]:
        """Per area and outcome: residents who ranked it, and who ranked it first (most first)."""
        votes: Counter[tuple[str, str]] = Counter()
        firsts: Counter[tuple[str, str]] = Counter()
        names: dict[str, str] = {}
        for where, ranking, _ in self.rankings(area):
            key = names.setdefault(where.casefold(), where)
            for i, outcome in enumerate(ranking):
                votes[(key, outcome)] += 1
                firsts[(key, outcome)] += i == 0
        return [PriorityCount(a, o, n, firsts[(a, o)])
                for (a, o), n in sorted(votes.items(), key=lambda kv: (kv[0][0].casefold(), -kv[1], kv[0][1]))]

    def trend(self, area: str | None = None) -> list[tuple[str, int, int]]:
        """(month, rankings, answers about promises) per month, oldest first."""
        rankings = Counter(created[:7] for _, _, created in self.rankings(area))
        answers = Counter(r.created[:7] for r in self.responses(area))
        return [(m, rankings[m], answers[m]) for m in sorted(set(rankings) | set(answers))]

    def areas(self) -> list[str]:
        """Areas residents have answered for (one spelling per area, whatever the case)."""
        with db.reading(self.path) as conn:
            rows = conn.execute("SELECT area FROM priorities UNION SELECT area FROM experiences").fetchall()
        return sorted({r[0].casefold(): r[0] for r in rows}.values(), key=str.casefold)

    def export(self, area: str | None = None) -> dict:
        """The `sva voice export --json` contract: every answer counted; only published comments."""
        priorities = [{"area": p.area, "outcome": p.outcome, "votes": p.votes} for p in self.priorities(area)]
        grouped: dict[tuple[str, str], list[Response]] = {}
        for r in self.responses(area):
            grouped.setdefault((r.commitment_id, r.area.casefold()), []).append(r)
        responses = []
        for (commitment_id, _), rows in sorted(grouped.items()):
            answers = Counter(r.answer for r in rows)
            responses.append({
                "commitment_id": commitment_id, "area": rows[-1].area, "seen": answers["seen"],
                "not_seen": answers["not_seen"], "dont_know": answers["dont_know"],
                "published_comments": [r.comment for r in reversed(rows)
                                       if r.state == "published" and r.comment]})
        return {"priorities": priorities, "responses": responses}
