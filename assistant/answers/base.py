"""The one answer contract every answerer keeps, and the shapes it returns.

    result = answerer.stream(question, history=(), filters=None)   # -> StreamResult
    for delta in result: show(delta)        # text pieces, in order
    final = result.answer                   # the Answer (reading it drains the stream)

``history`` is what a chat UI holds (see assistant.answers.followup); every answerer makes a
follow-up standalone through the same FollowUps object before it searches. The extractive,
generative (LLM) and register answerers all implement it, so callers never probe which one
they hold.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Protocol

from ingest.records import Provenance

if TYPE_CHECKING:
    from assistant.search.retriever import Filters, Hit, Retriever


@dataclass
class Citation:
    n: int
    doc_id: str
    source: str
    page: int | None
    section: str
    quote: str

    @property
    def provenance(self) -> Provenance:
        return Provenance(self.doc_id, self.source, self.page, self.section)


@dataclass
class Table:
    """A register answer's table (a comparison, totals): cells are plain text holding [n] markers;
    the answer text says the same in sentences, for the CLI and the chat history."""

    headers: list[str]
    rows: list[list[str]]


def row_cells(row: str) -> list[str]:
    """A table row's cells ("| Spend | £2m |" or "Spend | £2m"): split at the bars, without the
    empty ends that leading and trailing bars leave."""
    cells = [cell.strip() for cell in row.split("|")]
    if cells and not cells[0]:
        cells = cells[1:]
    if cells and not cells[-1]:
        cells = cells[:-1]
    return cells


@dataclass
class Answer:
    question: str
    answer: str
    supported: bool
    answerer: str = "extractive"
    citations: list[Citation] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    table: Table | None = None
    rows: list[str] = field(default_factory=list)  # register answers: the ids of the rows shown

    def as_json(self) -> dict:
        data = {"question": self.question, "answer": self.answer, "supported": self.supported,
                "answerer": self.answerer, "citations": [asdict(c) for c in self.citations],
                "notices": list(self.notices)}
        if self.table is not None:  # added only when present: the contract's keys stay as they were
            data["table"] = asdict(self.table)
        if self.rows:
            data["rows"] = list(self.rows)
        return data


class StreamResult(Iterator[str]):
    """Text deltas of one answer; ``answer`` is the final Answer (reading it drains the stream)."""

    def __init__(self, deltas: Generator[str, None, Answer], notices: list[str] | None = None,
                 removed: list | None = None) -> None:
        self._deltas, self._answer = deltas, None
        self.notices: list[str] = notices if notices is not None else []
        self.removed: list = removed if removed is not None else []  # checked-out LLM sentences

    @classmethod
    def done(cls, answer: Answer) -> StreamResult:
        """A finished answer as a stream of one delta (register answers, the extractive default)."""
        def deltas() -> Generator[str, None, Answer]:
            if answer.answer:
                yield answer.answer
            return answer
        return cls(deltas())

    def __next__(self) -> str:
        if self._answer is not None:
            raise StopIteration
        try:
            return next(self._deltas)
        except StopIteration as stop:
            self._answer = stop.value
            raise

    @property
    def answer(self) -> Answer:
        for _ in self:
            pass
        if self._answer is None:
            raise RuntimeError("the answer stream ended without an answer")
        if self.notices and not self._answer.notices:
            self._answer.notices = list(self.notices)
        return self._answer

    def close(self) -> None:
        self._deltas.close()


class Answerer(Protocol):
    """Answers questions about the documents; its retriever fixes the audience and opens passages."""

    retriever: Retriever

    def stream(self, question: str, history: Sequence = (), filters: Filters | None = None) -> StreamResult: ...

    def answer(self, question: str, history: Sequence = (), filters: Filters | None = None) -> Answer: ...


class ChatAnswerer(Answerer, Protocol):
    """What the chat holds: an Answerer that also takes the resident's chosen area, which a
    question's "my area" means (PromiseAnswerer keeps it; the apps never probe for it)."""

    def stream(self, question: str, history: Sequence = (), filters: Filters | None = None,
               home_area: str | None = None) -> StreamResult: ...


def compose(question: str, quotes: list[tuple[str, Hit]], answerer: str) -> Answer:
    """An answer made of quoted sentences, each followed by the [n] of its citation."""
    citations: list[Citation] = []
    parts: list[str] = []
    for n, (text, hit) in enumerate(quotes, start=1):
        c = hit.chunk
        citations.append(Citation(n, c.doc_id, c.source, c.page, c.section, text))
        lead, *items = text.split("\n")
        parts.append(f"{as_sentence(lead) if not items else lead} [{n}]"
                     + "".join(f"\n{item}" for item in items) + ("\n" if items else ""))
    return Answer(question, " ".join(parts).replace("\n ", "\n").strip(), True, answerer, citations)


_LIST_JOIN = re.compile(r"[;,]\s*+(?:and|or)$", re.I)  # "14 apprenticeships have been created; and"


def as_sentence(text: str) -> str:
    """A quote ended as a sentence: a list item's ";" or "," becomes "." ("... a year early."), as
    does its "; and" before the last item; a lead-in keeps its ":"."""
    text = _LIST_JOIN.sub("", " ".join(text.split())).rstrip(" ;,")
    return text if text.endswith((".", "!", "?", "…", ":")) else text + "."
