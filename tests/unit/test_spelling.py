"""How people type: short forms without an apostrophe, and slips of the keyboard in a topic word."""

from types import SimpleNamespace

from assistant.answers.intents import Reading
from assistant.answers.spelling import respell, tidy
from ingest.text import content_tokens
from tests.unit.test_register_questions import answerer  # noqa: F401 (fixture)

ROWS = [SimpleNamespace(section="Jobs", text=t, unit=None, words=frozenset(content_tokens(f"Jobs {t}")))
        for t in ("We will create 20 apprenticeships by 2030.", "Our staff will give 500 hours of volunteering.",
                  "We will support diversity in our workforce.")]


def read(*said: str) -> Reading:
    return Reading("list", topic=[content_tokens(w)[0] for w in said], topic_said=list(said))


def test_short_forms_typed_without_an_apostrophe_are_read_whole():
    assert tidy("whats late") == "what is late"
    assert tidy("Who's behind?") == "Who is behind?"
    assert tidy("What did Whatsapp promise?") == "What did Whatsapp promise?"  # a word, not a short form


def test_a_misspelt_topic_word_is_read_as_the_registers_word_when_it_is_a_likely_slip():
    reading = read("apprentiships", "vollunteering", "aprentiships")  # the last one's stem is cut short
    respell(reading, ROWS)
    assert reading.topic_said == ["apprenticeships", "volunteering", "apprenticeships"]
    for word in ("biodiversity", "golf", "tress", "carbon"):  # another word, short, or simply absent
        unchanged = read(word)
        respell(unchanged, ROWS)
        assert unchanged.topic_said == [word], word


def test_the_chat_totals_a_misspelt_topic_and_says_it_in_the_registers_words(answerer):  # noqa: F811
    answer = answerer.answer("how many apprentiships were promised")
    assert answer.answer.startswith("Showing: about apprenticeships,") and "31 apprenticeships in all" in answer.answer
    assert answerer.answer("whats late").rows == answerer.answer("What is late?").rows != []


def test_a_slip_for_a_known_place_is_that_place_and_no_topic(answerer):  # noqa: F811
    from assistant.answers.spelling import nearest_name

    assert nearest_name(["Harrowden", "Millbrook"], "Harowden") == "Harrowden"
    assert nearest_name(["Harrowden"], "Hartlepool") is None and nearest_name(["Leeds"], "Leds") is None  # short
    answer = answerer.answer("How many apprenticeships were promised for Southgatte?")
    assert answer.answer.startswith("Showing: about apprenticeships, all suppliers, Southgate.")


def test_a_short_form_is_read_whole_before_the_chat_decides_whether_it_follows_on(answerer):  # noqa: F811
    history = [{"role": "user", "content": "What did Acme promise for Northend?"}, {"role": "assistant", "content": "..."}]
    assert answerer.answer("whats late", history).question == "what is late"


def test_markup_in_a_question_is_no_part_of_it(answerer):  # noqa: F811
    assert tidy("<b>hi</b><script>alert(1)</script>") == "hi alert(1)"
    assert tidy("Is anything <i>late</i>?") == "Is anything late?"
    assert tidy("Is 3 < 5 and 7 > 2?") == "Is 3 < 5 and 7 > 2?"  # not markup
    answer = answerer.answer("<b>hi</b><script>alert(1)</script>")
    assert "about b" not in answer.answer and "script" not in answer.answer


def test_a_slip_for_a_suppliers_name_is_that_supplier(answerer):  # noqa: F811
    answer = answerer.answer("What did Acmme Housing promise for Southgate?")
    assert answer.answer.startswith("Showing: Acme Housing,"), answer.answer
    assert not answerer.answer("What did Zenith Homes promise?").supported  # no slip: no supplier
