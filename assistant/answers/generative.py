"""Generative answers from a chat model, with every kept sentence checked against its citation.

    answerer = LLMAnswerer(retriever, chat_model, ExtractiveAnswerer(...))
    result = answerer.stream("How many apprenticeships in Rotherham?", history=[])
    for delta in result:        # text deltas, in order; "".join(deltas) == result.answer.answer
        show(delta)
    final = result.answer       # an Answer (answerer "llm" or "extractive"); drains the stream
    result.notices              # what went wrong, if anything, in plain words (never in the text)
    result.removed              # the model's sentences that failed the check (Verdicts, with reasons)

``answer(question, history=[])`` is the same, consumed. How an answer is made:

1. A follow-up ("and in Leeds?") is first made standalone (assistant.answers.followup.FollowUps:
   by the model when its rewrite keeps the follow-up's names, else by rule).
2. One search; the extractive answer is computed first from its hits. It decides whether the
   documents answer the question
   at all (no model call when they do not) and it is the fallback.
3. The retrieved chunks go to the model as numbered, delimited sources, without any sentence that
   speaks to the assistant (``citecheck.evidence_text``): documents are data, never instructions.
4. The reply streams in; each sentence is judged as soon as it is complete (``CitationChecker``).
   Sentences whose cited source does not support them are never shown; a note says how many were
   removed. Kept sentences are renumbered [1], [2], ... in order of first citation.
5. When the server is down, slow (``timeout`` for the whole reply), or replies with nothing
   checkable, the extractive answer is given with a notice. Nothing here raises to the caller for
   a model failure.
"""

from __future__ import annotations

import re
import time
from collections.abc import Generator, Iterable, Iterator, Sequence
from pathlib import Path

from assistant.answers.base import Answer, Citation, StreamResult
from assistant.answers.citecheck import (
    CitationChecker,
    Verdict,
    attach_markers,
    cited_numbers,
    evidence_text,
    numbers,
    strip_markers,
)
from assistant.answers.extractive import ExtractiveAnswerer
from assistant.answers.followup import FollowUps
from assistant.answers.named_search import named_search
from assistant.answers.prompts import load_prompt
from assistant.backends.chat import ChatModel
from assistant.errors import LLMError
from assistant.search.retriever import Filters, Hit, Retriever
from ingest.text import content_tokens, split_sentences

MAX_REPLY_CHARS = 6000
_UNCLOSED_MARKER = re.compile(r"[\[(][\w\s.,;–-]{0,12}$")
_SOURCE_REF = re.compile(r"[\[(]\s*(?:source|src|ref)\.?\s*(\d+)\s*[\])]", re.I)
_ANSWER_LABEL = re.compile(r"^\s*answer\s*:\s*", re.I)
_ECHO = re.compile(r"^\s*(</?\s*source\b|question\s*:|sources?\s*:|follow-up\s*:)", re.I)
_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+")


class LLMAnswerer:
    """Answers with a chat model; every sentence it keeps cites a source that supports it."""

    name = "llm"

    def __init__(self, retriever: Retriever, chat: ChatModel, fallback: ExtractiveAnswerer, *,
                 prompts: Path | None = None, sources: int = 4, timeout: float = 60.0,
                 min_support: float = 0.5, plain_english: bool = False,
                 places: Iterable[str] = (), followups: FollowUps | None = None) -> None:
        if sources < 1:
            raise ValueError("sources must be 1 or more")
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        self.retriever, self.chat, self.fallback = retriever, chat, fallback
        self.k, self.timeout, self.min_support = sources, timeout, min_support
        self.plain_english = plain_english
        self.followups = followups or FollowUps(places, chat, prompts, timeout)
        self.prompts = {name: load_prompt(name, prompts) for name in ("answer", "plain")}

    def answer(self, question: str, history: Sequence = (), filters: Filters | None = None) -> Answer:
        return self.stream(question, history, filters).answer

    def stream(self, question: str, history: Sequence = (), filters: Filters | None = None) -> StreamResult:
        notices: list[str] = []
        removed: list[Verdict] = []
        deltas = self._stream(question, history, filters, notices, removed)
        return StreamResult(deltas, notices, removed)

    # -- the steps -----------------------------------------------------------------------------

    def _stream(self, question, history, filters, notices, removed) -> Generator[str, None, Answer]:
        question, failure = self.followups.rewrite(question, history)
        first = self._answer_pass(question, filters, notices, removed, failure)
        if not self.plain_english:
            return (yield from first)
        answer = StreamResult(first).answer
        if not answer.supported or notices:
            if answer.answer:
                yield answer.answer
            return answer
        return (yield from self._plain_pass(answer, notices))

    def _answer_pass(self, question, filters, notices, removed, failure) -> Generator[str, None, Answer]:
        search = named_search(self.retriever, question, max(self.k, self.fallback.k), filters)  # once
        fallback = self.fallback.answer_from(search)
        if not fallback.supported:  # the documents do not answer it: say so, ask no model
            yield fallback.answer
            return fallback
        if failure is not None:
            return (yield from _fall_back(fallback, notices, _unavailable(failure)))
        hits = search.hits[:self.k]
        evidence = {n: _evidence(hit) for n, hit in enumerate(hits, start=1)}
        messages = self.prompts["answer"].messages(sources=_format_sources(hits, evidence),
                                                   question=question)
        writer = _Writer(CitationChecker(evidence, self.min_support),
                         lambda n, quote: _citation(hits[n - 1], quote), removed)
        try:
            for piece in self._timed(self.chat.stream(messages)):
                yield from writer.feed(piece)
            yield from writer.finish()
        except LLMError as exc:
            yield from writer.finish()  # what had arrived, checked like the rest
            if not writer.kept:
                return (yield from _fall_back(fallback, notices, _unavailable(exc)))
            return (yield from _append_fallback(writer, question, fallback, notices, exc))
        if not writer.kept:
            if writer.not_found:
                yield fallback.answer
                return fallback
            return (yield from _fall_back(fallback, notices, (
                "The language model's answer was left out: none of its sentences was supported by "
                "the documents it cited. The answer above quotes the documents directly.")))
        writer.note_removed(notices)
        return Answer(question, writer.text, True, "llm", writer.citations)

    def _plain_pass(self, answer: Answer, notices: list[str]) -> Generator[str, None, Answer]:
        """The answer rewritten in plain English, each sentence checked against the same quotes."""
        evidence = {c.n: c.quote for c in answer.citations}
        by_n = {c.n: c for c in answer.citations}
        writer = _Writer(CitationChecker(evidence, self.min_support),
                         lambda n, quote: by_n[n])
        messages = self.prompts["plain"].messages(answer=answer.answer)
        try:
            for piece in self._timed(self.chat.stream(messages)):
                writer.feed_silently(piece)
            writer.feed_silently("\n")
        except LLMError:
            writer.kept.clear()
        if not writer.kept or writer.removed:  # keep the checked original rather than lose facts
            yield answer.answer
            return answer
        yield writer.text
        return Answer(answer.question, writer.text, True, answer.answerer, writer.citations)

    def _timed(self, pieces: Iterator[str]) -> Iterator[str]:
        """Pieces of a reply; LLMError when the whole reply takes longer than ``timeout``."""
        deadline, size = time.monotonic() + self.timeout, 0
        try:
            for piece in pieces:
                if time.monotonic() > deadline:
                    raise LLMError(f"the language model did not finish within {self.timeout:g} s")
                size += len(piece)
                if size > MAX_REPLY_CHARS:
                    return
                yield piece
        finally:
            close = getattr(pieces, "close", None)
            if close:
                close()


class _Writer:
    """Turns streamed text into checked sentences; emits only the ones that are supported."""

    def __init__(self, checker: CitationChecker, make_citation, removed: list[Verdict] | None = None) -> None:
        self.checker, self.make_citation = checker, make_citation
        self.line = ""
        self.numbering: dict[int, int] = {}
        self.citations: list[Citation] = []
        self.kept: list[Verdict] = []
        self.removed: list[Verdict] = removed if removed is not None else []
        self.not_found = False
        self.parts: list[str] = []
        self._line_state = {"bullet": False, "shown": False}

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def feed(self, piece: str) -> Iterator[str]:
        self.line += piece
        while "\n" in self.line:
            line, self.line = self.line.split("\n", 1)
            yield from self._judge_all(line, complete=True)
            self._line_state = {"bullet": False, "shown": False}
        yield from self._judge_all(self.line, complete=False)

    def feed_silently(self, piece: str) -> None:
        for _ in self.feed(piece):
            pass

    def finish(self) -> Iterator[str]:
        line, self.line = self.line, ""
        yield from self._judge_all(line, complete=True)

    def note_removed(self, notices: list[str]) -> None:
        if not self.removed:
            return
        count = len(self.removed)
        notice = (f"{count} sentence{'s' if count != 1 else ''} from the language model "
                  f"{'were' if count != 1 else 'was'} left out because the cited documents do not "
                  f"support {'them' if count != 1 else 'it'}.")
        notices.append(notice)

    def _judge_all(self, line: str, complete: bool) -> Iterator[str]:
        if not complete and _UNCLOSED_MARKER.search(line):
            return
        text = attach_markers(_SOURCE_REF.sub(lambda m: f"[{m.group(1)}]", line))
        if not self._line_state["shown"] and _LIST_ITEM.match(text):
            self._line_state["bullet"] = True
            text = _LIST_ITEM.sub("", text, count=1)
        spans = split_sentences(text)
        done = spans if complete else spans[:-1]
        for start, end in done:
            shown = self._judge(text[start:end])
            if shown:
                yield shown
        if not complete:
            self.line = text[spans[-1][0]:] if spans else text

    def _judge(self, sentence: str) -> str | None:
        sentence = sentence.replace("**", "").replace("__", "").strip().lstrip("#").strip()
        sentence = _ANSWER_LABEL.sub("", sentence)
        if _ECHO.match(sentence):
            return None  # the model repeating the prompt's scaffolding, not a claim
        if "NOT_FOUND" in sentence or "NOT FOUND" in sentence:
            self.not_found = True
            return None
        claim = strip_markers(sentence)
        cited = cited_numbers(sentence)
        if not cited and not numbers(claim) and (len(content_tokens(claim)) < 3 or claim.endswith(":")):
            return None  # filler ("Sure.", "Here is the answer:"): no claim to check
        verdict = self.checker.check(sentence)
        if not verdict.ok:
            self.removed.append(verdict)
            return None
        self.kept.append(verdict)
        markers = "".join(f"[{self._number(n, verdict.best_quote[n])}]" for n in verdict.cited)
        body = claim if claim.endswith((".", "!", "?", "…")) else claim + "."
        if not self.parts:
            prefix = ""
        elif self._line_state["shown"]:
            prefix = " "
        else:
            prefix = "\n"
        if not self._line_state["shown"] and self._line_state["bullet"]:
            prefix += "• "
        self._line_state["shown"] = True
        return self._emit(f"{prefix}{body} {markers}")

    def _number(self, n: int, quote: str) -> int:
        if n not in self.numbering:
            self.numbering[n] = len(self.citations) + 1
            citation = self.make_citation(n, quote)
            citation = Citation(self.numbering[n], citation.doc_id, citation.source, citation.page,
                                citation.section, citation.quote)
            self.citations.append(citation)
        return self.numbering[n]

    def _emit(self, text: str) -> str:
        self.parts.append(text)
        return text


def _evidence(hit: Hit) -> str:
    c = hit.chunk
    about = " ".join(x for x in (c.supplier, ", ".join(c.areas), c.header) if x)
    return evidence_text(f"{about}\n{c.text}")[0]


def _format_sources(hits: list[Hit], evidence: dict[int, str]) -> str:
    blocks = []
    for n, hit in enumerate(hits, start=1):
        c = hit.chunk
        where = f", page {c.page}" if c.page else ""
        label = _attr(f"{c.source}{where}" + (f", {c.section}" if c.section else ""))
        supplier = f' supplier="{_attr(c.supplier)}"' if c.supplier else ""
        body = evidence[n].split("\n", 1)[-1].strip()  # the about-line is in the attributes
        blocks.append(f'<source n="{n}" document="{label}"{supplier}>\n{_data(body)}\n</source>')
    return "\n\n".join(blocks)


def _attr(text: str) -> str:
    return re.sub(r'["<>\n]', " ", text)


def _data(text: str) -> str:
    """Document text that cannot close or open a source block of its own."""
    return re.sub(r"</?\s*source", "(source", text, flags=re.I)


def _citation(hit: Hit, quote: str) -> Citation:
    c = hit.chunk
    return Citation(0, c.doc_id, c.source, c.page, c.section, quote)


def _unavailable(exc: LLMError) -> str:
    return (f"The language model is not available right now ({exc}). The answer above quotes the "
            "documents directly.")


def _fall_back(fallback: Answer, notices: list[str], notice: str) -> Generator[str, None, Answer]:
    notices.append(notice)
    yield fallback.answer
    return Answer(fallback.question, fallback.answer, fallback.supported, "extractive", fallback.citations)


def _append_fallback(writer: _Writer, question: str, fallback: Answer, notices: list[str],
                     exc: LLMError) -> Generator[str, None, Answer]:
    """The model stopped mid-answer: keep its checked sentences, then add the quoted answer."""
    notice = (f"The language model stopped before finishing ({exc}). Its sentences were checked "
              "against the documents, and the documents' own words follow them.")
    notices.append(notice)
    offset = len(writer.citations)
    quoted = re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + offset}]", fallback.answer)
    text = f"\n\n{quoted}"
    yield writer._emit(text)
    moved = [Citation(c.n + offset, c.doc_id, c.source, c.page, c.section, c.quote)
             for c in fallback.citations]
    return Answer(question, writer.text, True, "llm", writer.citations + moved)
