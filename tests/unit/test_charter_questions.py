"""Questions about the place's own charter are answered from the charter, cited to it; another
body's charter named in a document stays a question for the documents."""

from assistant.answers.base import Answer
from assistant.answers.charter_questions import answer_charter, asks_charter
from assistant.app import render
from assistant.register.charter import parse_charter
from tests.unit.test_register import CHARTER
from tests.unit.test_register_questions import answerer  # noqa: F401 (fixture)

TESTVILLE = parse_charter(CHARTER)


def test_only_the_places_own_charter_is_asked_for():
    for question in ("What does the charter say about jobs?", "What are the charter's outcomes?",
                     "What does the Testville charter want on carbon?", "what does our charter ask for",
                     "What does the Charter for Testville say about trees?", "What are Testville's priorities?"):
        assert asks_charter(question, TESTVILLE), question
    for question in ("What does Leicester's Social Value Charter require of suppliers?",
                     "Which contractors have signed up to the Social Value Charter?",
                     "What did Acme promise about carbon?", "Has Acme signed the Armed Forces Covenant?",
                     "Has Acme signed up to the charter?", "Did the charter make Crawley's suppliers pay more?",
                     "What are Acme's priorities?"):
        assert not asks_charter(question, TESTVILLE), question


def test_a_topic_gives_its_outcomes_with_what_they_want_and_how_they_are_measured():
    answer = answer_charter("What does the charter say about carbon?", TESTVILLE)
    assert answer.supported and answer.answerer == "register"
    assert answer.answer.splitlines() == [
        "Charter for Testville sets one outcome about carbon:",
        "• E1 Carbon and trees: Cut carbon emissions, plant trees, electric vans. Measured by: Trees planted. [1]"]
    [cited] = answer.citations
    assert (cited.doc_id, cited.source, cited.page, cited.section) == ("", "Charter for Testville", None,
                                                                       "E1 Carbon and trees")
    # a theme's word reaches its outcomes though the charter's text never says it
    assert [c.section for c in answer_charter("What does our charter want for the environment?",
                                              TESTVILLE).citations] == ["E1 Carbon and trees"]


def test_no_topic_lists_every_outcome_and_an_unknown_topic_says_so():
    whole = answer_charter("What are the charter's outcomes?", TESTVILLE)
    assert whole.answer.splitlines()[1:] == ["• J1 Apprenticeships and jobs [1]", "• E1 Carbon and trees [2]"]
    missing = answer_charter("What does the charter say about football?", TESTVILLE)
    assert not missing.supported and "has no outcome about football" in missing.answer
    assert "J1 Apprenticeships and jobs; E1 Carbon and trees" in missing.answer


def test_the_chat_answers_charter_questions_from_the_charter_not_a_suppliers_document(answerer):  # noqa: F811
    answer = answerer.answer("What does the charter say about apprenticeships?")
    assert answer.answerer == "register" and not answer.rows
    assert answer.citations[0].source == answerer.charter.name and "We will" not in answer.answer


def test_a_citation_of_the_charter_links_to_no_document():
    answer = Answer("q", "Cut carbon. [1]", True, "register",
                    answer_charter("What does the charter say about carbon?", TESTVILLE).citations)
    out = render.answer_html(answer, lambda doc_id, quote: None, link=lambda doc_id, page: f"/source/{doc_id}")
    assert "Charter for Testville" in out and "Open the whole document" not in out
