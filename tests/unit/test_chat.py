"""One chat turn: follow-ups made standalone, answers streamed, then shown with footnotes."""

from types import SimpleNamespace

import pytest

from assistant.answers.base import Answer, Citation, StreamResult
from assistant.answers.followup import FollowUps
from assistant.app import chat
from assistant.errors import SvaError

HISTORY = [{"role": "user", "content": "How many apprenticeships will Acme create in Rotherham?"},
           {"role": "assistant", "content": '<div class="sva-answer"><p>20 [1]</p><details><summary>'
                                            "[1] a.md</summary>x</details></div>"}]
LONG = ("Acme will create twenty apprenticeships for residents of Rotherham by the end of March "
        "2027, with a guaranteed interview for every applicant who finishes the course. [1]")


@pytest.fixture(autouse=True)
def no_wait(monkeypatch):
    monkeypatch.setattr(chat, "STREAM_STEP", 0)


def answer(question: str, text: str = LONG) -> Answer:
    return Answer(question, text, True, citations=[Citation(1, "d1", "a.md", 2, "Jobs", "twenty apprenticeships")])


class Plain:
    """An answerer that makes follow-ups standalone (as every answerer does) and answers whole."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.retriever = SimpleNamespace(passage=lambda doc_id, quote: SimpleNamespace(
            text="Before. Acme will create twenty apprenticeships. After.", audience="public"))

    def stream(self, question: str, history=(), filters=None, home_area=None) -> StreamResult:
        self.home_area = home_area
        question = FollowUps(["Rotherham", "Leeds"]).standalone(question, history)
        self.asked.append(question)
        if "boom" in question:
            raise SvaError("the store is not reachable")
        return StreamResult.done(answer(question))


class Streaming(Plain):
    def stream(self, question: str, history=(), filters=None, home_area=None):
        self.asked.append(question)
        self.history = history
        outer = self

        class Result:
            def __iter__(self):
                yield "Acme will "
                yield "create twenty."
            answer = property(lambda self: Answer(question + " (standalone)", "Acme will create twenty. [1]",
                                                  True, citations=[Citation(1, "d1", "a.md", 2, "", "twenty")]))
        outer.result = Result()
        return outer.result


def run(bot, message, history=()):
    return list(chat.respond(lambda: bot, None)(message, list(history)))


def test_a_follow_up_is_made_standalone_and_the_answer_grows_then_gets_footnotes():
    bot = Plain()
    shown = run(bot, "and in Leeds?", HISTORY)
    assert bot.asked == ["How many apprenticeships will Acme create in Leeds?"]
    assert "Searching the documents" in shown[0]
    growing = shown[1:-1]
    assert len(growing) > 3 and all(len(a) <= len(b) for a, b in zip(growing, growing[1:]))
    final = shown[-1]
    assert "<details" in final and "<mark>twenty apprenticeships</mark>" in final
    assert "Taking your question as: “How many apprenticeships will Acme create in Leeds?”" in final


def test_a_standalone_question_has_no_note():
    bot = Plain()
    final = run(bot, "How many apprenticeships will Acme create?")[-1]
    assert bot.asked == ["How many apprenticeships will Acme create?"] and "Taking your question" not in final


def test_an_answerer_that_streams_is_streamed_and_given_plain_history():
    bot = Streaming()
    shown = run(bot, "and in Leeds?", HISTORY)
    assert bot.asked == ["and in Leeds?"]  # the chat passes the question and history as they are
    assert bot.history[1] == {"role": "assistant", "content": "20 [1]"}
    assert any("Acme will </p>" in s for s in shown) and any("Acme will create twenty.</p>" in s for s in shown)
    assert "<details" in shown[-1] and "(standalone)" in shown[-1]


def test_errors_and_empty_questions_are_said_plainly():
    assert "Please type a question" in run(Plain(), "   ")[-1]
    final = run(Plain(), "boom")[-1]
    assert "Sorry, that did not work: the store is not reachable" in final


def test_the_residents_area_reaches_the_answerer_bounded():
    bot = Plain()
    run_area = chat.respond(lambda: bot, None)
    list(run_area("What did they promise for my area?", [], "  Oakley   Vale "))
    assert bot.home_area == "Oakley Vale"
    list(run_area("What did they promise for my area?", [], "x" * 500))
    assert bot.home_area == "x" * 80
    list(run_area("What did they promise for my area?", [], {"not": "text"}))
    assert bot.home_area is None


class Noticing(Plain):
    """Streams like the LLM answerer: a notice is gathered while streaming, not put in the text."""

    def stream(self, question: str, history=(), filters=None, home_area=None) -> StreamResult:
        notices: list[str] = []

        def deltas():
            yield "Acme will create twenty. [1]"
            notices.append("A passage's text aimed at an AI <script>x()</script> was left out.")
            return answer(question, "Acme will create twenty. [1]")
        return StreamResult(deltas(), notices)


def test_a_streamed_answers_notices_are_shown_under_it_as_text():
    final = run(Noticing(), "How many apprenticeships will Acme create?")[-1]
    note = ('<p class="sva-note">Note: A passage&#x27;s text aimed at an AI &lt;script&gt;x()&lt;/script&gt; '
            "was left out.</p>")
    assert note in final and "<script" not in final
    assert final.index("Acme will create twenty.") < final.index(note) < final.index("<details")


def test_a_plain_answer_has_no_notes():
    final = run(Plain(), "How many apprenticeships will Acme create?")[-1]
    assert "sva-note" not in final and "Note:" not in final


def test_the_language_models_fallback_notice_is_shown_once_as_a_note(tmp_path):
    from assistant.backends.chat import LLMError
    from tests.unit.test_generate import QUESTION, REAL, build

    llm, model = build(tmp_path)
    model.enqueue(LLMError("the server could not be reached"))

    class Chatting:  # the chat's answerer (PromiseAnswerer) takes the resident's area too
        retriever = llm.retriever

        def stream(self, question, history=(), filters=None, home_area=None):
            return llm.stream(question, history, filters)

    final = run(Chatting(), QUESTION)[-1]
    assert REAL in final and final.count("The language model is not available right now") == 1
    assert '<p class="sva-note">Note: The language model is not available right now' in final
