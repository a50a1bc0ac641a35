from datetime import date

import pytest

from assistant.answers.extractive import ExtractiveAnswerer
from assistant.answers.promises import PromiseAnswerer
from assistant.library import ingest
from assistant.register.charter import parse_charter
from assistant.register.commitments import Register
from assistant.search.mirror import Mirror
from assistant.search.retriever import Retriever
from ingest.parse import IngestMeta
from tests.fakes import HashEmbedder, MemoryStore
from tests.unit.test_register import BID, CHARTER


@pytest.fixture
def answerer(tmp_path):
    (tmp_path / "acme.md").write_text(BID, encoding="utf-8")
    store = MemoryStore()
    ingest([tmp_path / "acme.md"], store, HashEmbedder(), IngestMeta("Acme Housing", ("Testville",)))
    mirror = Mirror(store)
    charter = parse_charter(CHARTER)
    built: list[Register] = []

    def register() -> Register:
        built.append(Register(mirror, HashEmbedder(), charter, as_of=date(2026, 11, 25)))
        return built[-1]

    answerer = PromiseAnswerer(register, charter,
                               ExtractiveAnswerer(Retriever(mirror, HashEmbedder()), HashEmbedder()))
    answerer.built = built  # type: ignore[attr-defined]
    return answerer


def test_what_did_a_supplier_promise_lists_every_commitment_with_citations(answerer):
    answer = answerer.answer("What did Acme promise?")
    n = len(answerer.register.all())
    assert answer.supported and f"\nAcme Housing made {n} commitments:" in answer.answer
    assert answer.answer.startswith("Showing: Acme Housing, every area.")
    assert len(answer.citations) == n and all(c.quote for c in answer.citations)
    assert f"[{n}]" in answer.answer and "(deadline passed)" in answer.answer
    assert answer.rows == [c.id for c in answerer.register.all()]


def test_for_an_area_names_the_area_first(answerer):
    answer = answerer.answer("What did Acme Housing commit to for Northend?")
    assert "2 commitments naming Northend" in answer.answer
    assert "300 trees" in answer.answer and "golf day" not in answer.answer


def test_about_a_topic(answerer):
    answer = answerer.answer("What did Acme promise about trees?")
    assert "1 commitment" in answer.answer and "300 trees" in answer.answer


def test_other_questions_go_to_the_documents(answerer):
    answer = answerer.answer("How many apprenticeships will Acme create for Testville residents?")
    assert "20 apprenticeships" in answer.answer and "commitments" not in answer.answer
    assert not answerer.answer("What did Zenith promise?").answer.startswith("Zenith")


def test_no_matching_row_asks_the_documents_unless_only_the_register_knows(answerer):
    asked = answerer.answer("How many apprenticeships did Acme create in Leeds last year?")
    assert asked.answerer == "extractive" and "45 apprenticeships in Leeds" in asked.answer
    overdue = answerer.answer("Which of Acme's commitments about golf are overdue?")
    assert overdue.answerer == "register" and not overdue.supported and "Showing:" in overdue.answer


def test_per_call_filters_are_honoured(answerer):
    from assistant.search.retriever import Filters

    narrowed = answerer.answer("What did Acme promise?", filters=Filters(supplier="Nobody Ltd"))
    assert not narrowed.supported and "Nobody Ltd" in narrowed.answer


def test_the_register_is_built_only_for_promise_questions(answerer):
    answerer.answer("How many apprenticeships will Acme create for Testville residents?")
    answerer.answer("What does the bid say about trees?")
    assert answerer.built == []
    assert answerer.answer("What did Acme promise?").answerer == "register" and len(answerer.built) == 1


def test_a_follow_up_about_another_place_is_made_standalone_first(answerer):
    history = [{"role": "user", "content": "What did Acme promise for Testville?"},
               {"role": "assistant", "content": "..."}]
    answer = answerer.answer("and for Northend?", history)
    assert answer.question == "What did Acme promise for Northend?"
    assert "2 commitments naming Northend" in answer.answer


def test_a_name_the_register_does_not_know_is_not_answered_for_all_suppliers(answerer):
    unknown = answerer.answer("How many trees has Zenith pledged to plant?")
    assert not unknown.supported and "no supplier or area by that name" in unknown.answer
    assert "300 trees" not in unknown.answer
    # common capitalised terms and organisation words are not names
    reading = answerer.reader.read("What did Acme Housing promise on Net Zero for the City Council?", "list",
                                   ["Acme Housing"])
    assert reading.unknown_names == [] and reading.suppliers == ["Acme Housing"]
    assert answerer.reader.read("What has Phoenix Group's fund promised?", "list", ["Acme Housing"]
                                ).unknown_names == ["Phoenix Group"]


def test_delivered_figures_and_a_topics_yearly_targets_are_asked_of_the_documents_too(answerer):
    delivered = answerer.answer("How many apprenticeships did Acme record as delivered in Leeds last year?")
    assert delivered.answerer == "extractive" and "45 apprenticeships in Leeds" in delivered.answer
    due = answerer.answer("Which commitments are due in 2031?")
    assert due.answerer == "register" and not due.supported


def test_function_words_and_council_words_name_no_supplier():
    from assistant.answers.suppliers import candidates

    suppliers = ["Places for People", "Bath Council", "Wates Group"]
    assert candidates("What is Wates's target for spend?", suppliers) == ["Wates Group"]
    assert candidates("What does Canterbury City Council promise?", suppliers) == []


def test_a_later_word_of_a_suppliers_name_names_it_only_capitalised():
    from assistant.answers.suppliers import candidates

    suppliers = ["Northfield Property Care", "Greenway Facilities"]
    assert candidates("What jobs were promised for care leavers?", suppliers) == []
    assert candidates("what did northfield promise?", suppliers) == ["Northfield Property Care"]
    assert candidates("What did Property Care promise?", suppliers) == ["Northfield Property Care"]


def test_a_loosely_matched_figure_question_asks_the_documents_first(answerer):
    # no row holds "parks": the register's rows read the question loosely, the sentence does not
    loose = answerer.answer("How many trees has Acme committed to plant in Northend parks?")
    assert loose.answerer == "extractive" and "300 trees in Northend" in loose.answer
    whole = answerer.answer("How many apprenticeships has Acme committed to create?")
    assert whole.answerer == "register" and "25 apprenticeships in all" in whole.answer
    listed = answerer.answer("What did Acme commit to about golf tournaments?")
    assert listed.answerer == "register" and "golf day" in listed.answer
    # a sum asked for across the promises is the register's, however loosely its rows match
    summed = answerer.answer("How many trees will be planted in Northend parks in total?")
    assert summed.answerer == "register" and "300 trees in all" in summed.answer


def test_a_figure_asked_for_is_not_answered_by_a_loose_list_of_promises(answerer):
    # rows about apprenticeships, none about what share of them go to women: the documents do not
    # say it either, so the answer says it was not found instead of listing the apprenticeships
    answer = answerer.answer("What share of the apprenticeships Acme promised are for women?")
    assert not answer.supported and "apprenticeships" not in answer.answer


def test_who_a_supplier_is_is_read_only_when_every_word_asked_is_its_name():
    from assistant.answers.suppliers import asks_who

    suppliers = ["Brightstone Construction Ltd", "Northfield Property Care"]
    assert asks_who("Who is Brightstone?", suppliers) == "Brightstone Construction Ltd"
    assert asks_who("Tell me about Northfield Property Care.", suppliers) == "Northfield Property Care"
    assert asks_who("what does northfield do", suppliers) == "Northfield Property Care"
    assert asks_who("What kind of company is Brightstone Construction?", suppliers) == "Brightstone Construction Ltd"
    for question in ("Who is Sarah Northfield?", "Who promised the most apprenticeships?",
                     "Who is responsible for repairs?", "Tell me about Brightstone's apprenticeships",
                     "What does Brightstone promise to do?"):
        assert asks_who(question, suppliers) is None, question


class _Asked:
    """A fallback answerer that records what it was asked and finds what ``found`` says."""

    def __init__(self, retriever, found: bool) -> None:
        self.retriever, self.found, self.asked = retriever, found, []

    def answer(self, question, history=(), filters=None):
        from assistant.answers.base import Answer

        self.asked.append(question)
        return Answer(question, "Acme is a builder. [1]" if self.found else "not found", self.found)

    def stream(self, question, history=(), filters=None):
        from assistant.answers.base import StreamResult

        return StreamResult.done(self.answer(question, history, filters))


@pytest.mark.parametrize("found", [True, False])
def test_who_a_supplier_is_asks_the_documents_what_kind_of_company_it_is(answerer, found):
    asked = _Asked(answerer.retriever, found)
    chat = PromiseAnswerer(answerer.register_of, answerer.charter, asked)
    answer = chat.answer("Who is Acme?")
    assert asked.asked[0] == "What kind of company is Acme Housing?"
    # the question is kept as asked; when the documents do not say, the question as asked is tried
    assert answer.question == "Who is Acme?" and (asked.asked[1:] == [] if found else asked.asked[1:] == ["Who is Acme?"])


def test_running_late_is_a_status_not_a_topic(answerer):
    reading = answerer.reader.read("Which promises are running late?", "list", ["Acme Housing"])
    assert reading.statuses == ["overdue"] and not reading.topic


def test_a_later_word_of_a_suppliers_name_inside_another_name_is_that_names():
    from assistant.answers.suppliers import candidates

    suppliers = ["Plymouth Community Homes", "Northfield Property Care", "Kier Construction"]
    assert candidates("What did the fund pay for at Crow Edge Community Centre?", suppliers) == []
    assert candidates("What did Property Care promise?", suppliers) == ["Northfield Property Care"]
    assert candidates("What did Kier Living promise?", suppliers) == ["Kier Construction"]  # the brand: ask which


def test_flagged_as_says_how_a_row_is_marked_not_what_it_is_about(answerer):
    reading = answerer.reader.read("Which promises are flagged as vague?", "list", ["Acme Housing"])
    assert reading.flags == ["VAGUE"] and not reading.topic


def test_a_name_holding_most_of_a_suppliers_is_that_suppliers_thing():
    """"Blackcraig Wind Farm Community Fund" is the fund of Blackcraig Wind Farm (Scotland) Limited;
    "Kier Living" shares only the brand with Kier Construction, so sva asks which is meant."""
    from assistant.answers.suppliers import supplier_in

    suppliers = ["Blackcraig Wind Farm (Scotland) Limited", "Kier Construction"]
    assert supplier_in("What is the Blackcraig Wind Farm Community Fund worth?", suppliers) == suppliers[0]
    assert supplier_in("What did Kier Living promise?", suppliers) is None


def test_a_brand_named_beats_a_later_word_of_another_name():
    """"Kier ... its Our People pillar" names Kier Group; "People" capitalised in a pillar's name
    is no reason to ask whether "Procurement Hub (Places for People)" was meant."""
    from assistant.answers.suppliers import candidates, supplier_in

    suppliers = ["Kier Group", "Procurement Hub (Places for People)"]
    question = "What does Kier promise to do under its Our People pillar?"
    assert candidates(question, suppliers) == ["Kier Group"]
    assert supplier_in(question, suppliers) == "Kier Group"
    assert candidates("What did Places for People promise?", suppliers) == [suppliers[1]]


def test_more_of_one_name_than_of_any_other_names_that_supplier():
    from assistant.answers.suppliers import candidates

    suppliers = ["Liverpool University Hospitals NHS Foundation Trust", "University of Worcester"]
    question = "What was Liverpool University Hospitals' total carbon footprint in the baseline year?"
    assert candidates(question, suppliers) == [suppliers[0]]
    assert candidates("What did the University of Worcester promise?", suppliers) == [suppliers[1]]
