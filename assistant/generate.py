"""Generative answers from a chat model, with every kept sentence checked against its citation.

    answerer = LLMAnswerer(retriever, chat_model, ExtractiveAnswerer(...))
    result = answerer.stream("How many apprenticeships in Rotherham?", history=None)
    for delta in result:        # text deltas, in order; "".join(deltas) == result.answer.answer
        show(delta)
    final = result.answer       # an Answer (answerer "llm" or "extractive"); drains the stream
    result.notices              # what went wrong, if anything, in plain words (also in the text)
    result.removed              # the model's sentences that failed the check (Verdicts, with reasons)

``answer(question, history=None)`` is the same, consumed. How an answer is made:

1. A follow-up ("and in Leeds?") is first made standalone: by the model when one is configured and
   its rewrite keeps the follow-up's names, else by ``assistant.followup.condense``.
2. The extractive answer is computed first. It decides whether the documents answer the question
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

from assistant.answer import Answer, Citation, ExtractiveAnswerer, question_names
from assistant.citecheck import (CitationChecker, Verdict, attach_markers, cited_numbers,
                                 evidence_text, numbers, strip_markers)
from assistant.followup import condense as condense_heuristic
from assistant.followup import is_follow_up, turns
from assistant.llm import ChatModel, LLMError, load_prompt
from assistant.retrieval import Filters, Hit, ReadAudience, Retriever
from ingest.text import content_tokens, split_sentences

MAX_REPLY_CHARS = 6000
_UNCLOSED_MARKER = re.compile(r"[\[(][\w\s.,;–-]{0,12}$")
_SOURCE_REF = re.compile(r"[\[(]\s*(?:source|src|ref)\.?\s*(\d+)\s*[\])]", re.I)
_ANSWER_LABEL = re.compile(r"^\s*answer\s*:\s*", re.I)
_ECHO = re.compile(r"^\s*(</?\s*source\b|question\s*:|sources?\s*:|follow-up\s*:)", re.I)
_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+")


class StreamResult(Iterator[str]):
    """Text deltas of one answer; ``answer`` is the final Answer (reading it drains the stream)."""

    def __init__(self, deltas: Generator[str, None, Answer], notices: list[str] | None = None,
                 removed: list[Verdict] | None = None) -> None:
        self._deltas, self._answer = deltas, None
        self.notices: list[str] = notices if notices is not None else []
        self.removed: list[Verdict] = removed if removed is not None else []

    @classmethod
    def done(cls, answer: Answer) -> "StreamResult":
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
        assert self._answer is not None
        return self._answer

    def close(self) -> None:
        self._deltas.close()


class LLMAnswerer:
    """Answers with a chat model; every sentence it keeps cites a source that supports it."""

    name = "llm"

    def __init__(self, retriever: Retriever, chat: ChatModel, fallback: ExtractiveAnswerer, *,
                 prompts: Path | None = None, sources: int = 4, timeout: float = 60.0,
                 min_support: float = 0.5, plain_english: bool = False,
                 places: Iterable[str] = ()) -> None:
        if sources < 1:
            raise ValueError("sources must be 1 or more")
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        self.retriever, self.chat, self.fallback = retriever, chat, fallback
        self.k, self.timeout, self.min_support = sources, timeout, min_support
        self.plain_english, self.places = plain_english, list(places)
        self.prompts = {name: load_prompt(name, prompts) for name in ("answer", "condense", "plain")}

    def answer(self, question: str, history: Sequence | None = None, filters: Filters | None = None,
               audience: ReadAudience | None = None) -> Answer:
        return self.stream(question, history, filters, audience).answer

    def stream(self, question: str, history: Sequence | None = None, filters: Filters | None = None,
               audience: ReadAudience | None = None) -> StreamResult:
        notices: list[str] = []
        removed: list[Verdict] = []
        deltas = self._stream(question, history, filters, audience, notices, removed)
        return StreamResult(deltas, notices, removed)

    def condense(self, question: str, history: Sequence | None) -> str:
        """A standalone question; the heuristic when the model is down or its rewrite is unusable."""
        return self._condense(question, history)[0]

    # -- the steps -----------------------------------------------------------------------------

    def _stream(self, question, history, filters, audience, notices, removed) -> Generator[str, None, Answer]:
        question, failure = self._condense(question, history)
        first = self._answer_pass(question, filters, audience, notices, removed, failure)
        if not self.plain_english:
            return (yield from first)
        answer = StreamResult(first).answer
        if not answer.supported or notices:
            if answer.answer:
                yield answer.answer
            return answer
        return (yield from self._plain_pass(answer, notices))

    def _condense(self, question: str, history: Sequence | None) -> tuple[str, LLMError | None]:
        question = " ".join(question.split())
        users = [text for role, text in turns(history) if role == "user"]
        heuristic = condense_heuristic(question, history, self.places)
        if not users or not is_follow_up(question):
            return heuristic, None
        transcript = "\n".join(f"{'User' if role == 'user' else 'Assistant'}: "
                               f"{' '.join(strip_markers(text).split())[:300]}"
                               for role, text in turns(history)[-6:])
        messages = self.prompts["condense"].messages(history=transcript, question=question)
        try:
            reply = "".join(self._timed(self.chat.stream(messages)))
        except LLMError as exc:
            return heuristic, exc
        rewritten = _first_line(reply)
        words = set(content_tokens(rewritten))
        from_context = words & set(content_tokens(" ".join(users))) - set(content_tokens(question))
        if (not rewritten or len(rewritten) > 300 or "NOT_FOUND" in rewritten
                or not question_names(question) <= words or not from_context):
            return heuristic, None
        return rewritten, None

    def _answer_pass(self, question, filters, audience, notices, removed,
                     failure) -> Generator[str, None, Answer]:
        fallback = self.fallback.answer(question, filters=filters, audience=audience)
        if not fallback.supported:  # the documents do not answer it: say so, ask no model
            yield fallback.answer
            return fallback
        if failure is not None:
            return (yield from _fall_back(fallback, notices, _unavailable(failure)))
        hits = self.retriever.search(question, k=self.k, filters=filters, audience=audience)
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
        yield from writer.note_removed(notices)
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

    def note_removed(self, notices: list[str]) -> Iterator[str]:
        if not self.removed:
            return
        count = len(self.removed)
        notice = (f"{count} sentence{'s' if count != 1 else ''} from the language model "
                  f"{'were' if count != 1 else 'was'} left out because the cited documents do not "
                  f"support {'them' if count != 1 else 'it'}.")
        notices.append(notice)
        yield self._emit(f"\n\n({notice})")

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
    text = f"{fallback.answer}\n\n({notice})"
    yield text
    return Answer(fallback.question, text, fallback.supported, "extractive", fallback.citations)


def _append_fallback(writer: _Writer, question: str, fallback: Answer, notices: list[str],
                     exc: LLMError) -> Generator[str, None, Answer]:
    """The model stopped mid-answer: keep its checked sentences, then add the quoted answer."""
    notice = (f"The language model stopped before finishing ({exc}). The sentences above were "
              "checked against the documents; here are the documents' own words as well.")
    notices.append(notice)
    offset = len(writer.citations)
    quoted = re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + offset}]", fallback.answer)
    text = f"\n\n({notice})\n\n{quoted}"
    yield writer._emit(text)
    moved = [Citation(c.n + offset, c.doc_id, c.source, c.page, c.section, c.quote)
             for c in fallback.citations]
    return Answer(question, writer.text, True, "llm", writer.citations + moved)


def _first_line(reply: str) -> str:
    for line in reply.strip().splitlines():
        line = re.sub(r"^\s*(standalone question|question|rewritten question)\s*:\s*", "", line,
                      flags=re.I).strip().strip('"“”\'').strip()
        if line:
            return line
    return ""

