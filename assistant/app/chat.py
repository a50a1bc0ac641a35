"""One chat turn for the apps: make a follow-up standalone, stream the answer as it comes, then
show it with its footnotes (HTML from assistant.app.render). No Gradio here: ``respond`` is a plain
generator that a chat widget can drive."""

from __future__ import annotations

import time
from collections.abc import Callable

from assistant.answers.base import ChatAnswerer
from assistant.errors import SvaError
from assistant.register.commitments import Register

STREAM_STEP = 0.03  # seconds between the pieces of an answer that arrived whole
MAX_QUESTION = 1000  # characters of a question that are read


def respond(answerer: Callable[[], ChatAnswerer], link):
    """A ChatInterface function: streams the answer, then shows it with its footnotes.

    The answerer makes a follow-up standalone from ``history`` itself (every answerer keeps the
    contract of assistant.answers.base); pieces that arrive whole are shown a few words at a time.
    ``area`` is the resident's chosen area (the app's area box), what "my area" means; it comes
    from the page, so it is cut to a place name's length and only ever filters public rows."""
    from assistant.app import render
    from assistant.app.history import plain_history

    def turn(message: str, history: list, area: str | None = None):
        # whatever the page sent: only text is a question; plain_history checks the history
        question = " ".join(message[:4 * MAX_QUESTION].split())[:MAX_QUESTION] \
            if isinstance(message, str) else ""
        if not question:
            yield render.message_html("Please type a question.")
            return
        bot = answerer()
        yield render.partial_html("Searching the documents…")
        try:
            home = " ".join(area[:200].split())[:80] or None if isinstance(area, str) else None
            result, text = bot.stream(question, plain_history(history), home_area=home), ""
            for piece in result:
                for shown in _reveal(text, piece):
                    text = shown
                    yield render.partial_html(text)
            final = result.answer
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


def example_questions(register: Register) -> list[str]:
    """Example questions about the suppliers and areas this store and charter actually have."""
    suppliers = sorted({c.supplier for c in register.all() if c.supplier})
    areas = register.charter.areas
    first = suppliers[0].split()[0] if suppliers else ""
    asks = [f"How many apprenticeships were promised for {areas[0]}?" if areas else
            "How many apprenticeships were promised?"]
    if first:
        asks.append(f"What did {first} promise for {areas[min(1, len(areas) - 1)]}?" if areas
                    else f"What did {first} promise?")
    if len(suppliers) > 1:
        asks.append(f"What will {suppliers[1].split()[0]} spend with local businesses?")
    return asks
