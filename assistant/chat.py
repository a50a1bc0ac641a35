"""One chat turn for the apps: make a follow-up standalone, stream the answer as it comes, then
show it with its footnotes (HTML from assistant.render). No Gradio here: ``respond`` is a plain
generator that a chat widget can drive."""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable

STREAM_STEP = 0.03  # seconds between the pieces of an answer that arrived whole
MAX_QUESTION = 1000  # characters of a question that are read


def respond(answerer: Callable[[], object], areas: Callable[[], list[str]], link):
    """A ChatInterface function: streams the answer, then shows it with its footnotes.

    The answerer makes follow-ups standalone from ``history`` itself when it takes one (else
    assistant.followup does it here); ``stream(question, history=...)`` gives text pieces and then
    ``.answer``, the final Answer. Pieces that arrive whole are shown a few words at a time."""
    from assistant import render
    from assistant.errors import SvaError
    from assistant.followup import condense

    def turn(message: str, history: list):
        question = " ".join((message or "").split())[:MAX_QUESTION]
        if not question:
            yield render.message_html("Please type a question.")
            return
        bot = answerer()
        past = render.plain_history(history)
        if "history" in inspect.signature(bot.answer).parameters:
            asked, kwargs = question, {"history": past}
        else:
            asked, kwargs = condense(question, past, areas()), {}
        yield render.partial_html("Searching the documents…")
        try:
            final = None
            if callable(getattr(bot, "stream", None)):
                result, text = bot.stream(asked, **kwargs), ""
                for piece in result:
                    if hasattr(piece, "citations"):
                        final = piece
                        continue
                    for shown in _reveal(text, str(piece)):
                        text = shown
                        yield render.partial_html(text)
                final = final or getattr(result, "answer", None)
            else:
                final = bot.answer(asked, **kwargs)
                for shown in _reveal("", final.answer):
                    yield render.partial_html(shown)
            if final is None:
                raise SvaError("the answer stopped before it was complete; please ask again")
        except SvaError as exc:
            yield render.message_html(f"Sorry, that did not work: {exc}")
            return
        note = final.question if final.question and final.question != question else ""
        yield render.answer_html(final, bot.retriever.passage, note, link)

    return turn


def _reveal(before: str, piece: str, words: int = 6):
    """``before`` + ``piece``, a few words more each time (a long piece arrives whole)."""
    if len(piece) < 80:
        yield before + piece
        return
    parts = piece.split(" ")
    for end in range(words, len(parts), words):
        yield before + " ".join(parts[:end])
        time.sleep(STREAM_STEP)
    yield before + piece
