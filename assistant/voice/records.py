"""What residents tell us, as typed values: their answers, the moderation states, the refusal they
get when a submission cannot be taken, and the rows the commissioner's views and exports read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from assistant.errors import SvaError

Answer = Literal["seen", "not_seen", "dont_know"]
State = Literal["pending", "published", "hidden"]  # comments wait for a commissioner
ANSWERS: tuple[Answer, ...] = get_args(Answer)
STATES: tuple[State, ...] = get_args(State)
ANSWER_WORDS: dict[Answer, str] = {
    "seen": "I have seen this happen", "not_seen": "I have not seen this happen",
    "dont_know": "I don't know"}


class VoiceError(SvaError):
    """A resident's submission was not taken; the message says why and what to do instead."""


@dataclass(frozen=True)
class Tally:
    seen: int = 0
    not_seen: int = 0
    dont_know: int = 0

    @property
    def total(self) -> int:
        return self.seen + self.not_seen + self.dont_know


@dataclass(frozen=True)
class Response:
    """One resident's answer about one promise (the comment may be empty)."""

    id: int
    commitment_id: str
    supplier: str
    area: str
    answer: Answer
    comment: str
    state: State
    created: str  # UTC, ISO 8601


@dataclass(frozen=True)
class PriorityCount:
    """How many residents of ``area`` put ``outcome`` in their ranking, and how many put it first."""

    area: str
    outcome: str
    votes: int
    first: int
