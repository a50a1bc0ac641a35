"""A list asked for that a document gives as headed sections: "What employment targets has Acme
set?" over a heading "Employment targets" with sub-sections "1. Local jobs", "2. Apprenticeships",
... of a sentence or two each. No sentence names what was asked (the heading above them does), so
the sentences alone fall below the answerer's floors, and two of them would leave the rest out.
The answer is that heading as the lead-in and each sub-section, in the document's order, as an
item: its heading and first sentence, each cited."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assistant.answers.base import Answer, Citation, as_sentence
from assistant.answers.question_types import asked
from assistant.search.retriever import Hit
from ingest.records import ChunkRecord
from ingest.text import content_tokens, split_sentences

MIN_SECTIONS, MAX_SECTIONS = 3, 12
# words of the asking, not of what is asked for ("List all the targets Acme has set")
_ASKING = set(content_tokens("list all every set has have give gives what which are is does do the its "
                             "their our show tell name named main key each"))


def section_list(question: str, hits: Sequence[Hit], chunks_of: Callable[[str], Sequence[ChunkRecord]],
                 answerer: str = "extractive") -> Answer | None:
    """The answer from the sub-sections of the heading that names what a list question asks for,
    when at least two of the passages found sit under it; None when no heading does."""
    if asked(question).shape != "list":
        return None
    wanted = set(content_tokens(question)) - _ASKING
    for hit in hits:
        path = header_path(hit.chunk)
        if len(path) < 3:  # the document's title, the heading asked for, a sub-section
            continue
        # what the question asks about, not whose it is ("Acme", words of the document's title)
        topic = wanted - set(content_tokens(f"{hit.chunk.title} {hit.chunk.supplier} {path[0]}"))
        held = topic & set(content_tokens(path[-2]))
        if not held or 2 * len(held) < len(topic):
            continue
        under = " > ".join(path[:-1]) + " > "
        if sum(_line(h.chunk).startswith(under) for h in hits) < 2:
            continue
        sections: dict[str, ChunkRecord] = {}
        for chunk in chunks_of(hit.chunk.doc_id):
            line = _line(chunk)
            if line.startswith(under) and " > " not in line[len(under):]:
                sections.setdefault(line[len(under):], chunk)
        if MIN_SECTIONS <= len(sections) <= MAX_SECTIONS:
            return _listed(question, path[-2], sections, answerer)
    return None


def _line(chunk: ChunkRecord) -> str:
    """The chunk's header line: its document's title and section path ("Plan > Targets > 1. Jobs")."""
    return chunk.header.split("\n")[0]


def header_path(chunk: ChunkRecord) -> list[str]:
    """The chunk's document title, then its headings, outermost first."""
    return _line(chunk).split(" > ")


def _listed(question: str, heading: str, sections: dict[str, ChunkRecord], answerer: str) -> Answer | None:
    lines: list[str] = []
    citations: list[Citation] = []
    for name, chunk in sections.items():
        spans = split_sentences(chunk.text.split("\n")[0])
        if not spans:
            continue
        sentence = chunk.text[spans[0][0]:spans[0][1]].strip()
        n = len(citations) + 1
        citations.append(Citation(n, chunk.doc_id, chunk.source, chunk.page, chunk.section, sentence))
        lines.append(f"• {name}: {as_sentence(sentence)} [{n}]")
    if len(citations) < MIN_SECTIONS:
        return None
    return Answer(question, f"{heading.rstrip(' :')}:\n" + "\n".join(lines), True, answerer, citations)
