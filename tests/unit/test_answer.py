import pytest

from assistant.answers.extractive import ExtractiveAnswerer
from assistant.answers.followup import question_names
from assistant.answers.not_found import NOT_FOUND
from assistant.library import ingest
from assistant.search.mirror import Mirror
from assistant.search.retriever import Retriever
from ingest.parse import IngestMeta
from tests.fakes import HashEmbedder, MemoryStore

BID = """# Acme Housing tender response

## 3. Jobs and Skills

Acme Housing values apprenticeships in Rotherham very highly and always has.
We will create 20 apprenticeships for Rotherham residents aged 16 to 24 by March 2027.
Apprenticeships will be supported by mentors from our Rotherham depot.

## 4. Environment

We will cut carbon emissions from our Rotherham fleet by 30% by 2028.
"""


@pytest.fixture
def answerer(tmp_path):
    (tmp_path / "acme.md").write_text(BID, encoding="utf-8")
    store = MemoryStore()
    ingest([tmp_path / "acme.md"], store, HashEmbedder(), IngestMeta("Acme Housing", ("Rotherham",)))
    retriever = Retriever(Mirror(store), HashEmbedder())
    return ExtractiveAnswerer(retriever, HashEmbedder(), min_similarity=0.2, min_lexical=0.25)


def test_how_many_prefers_the_sentence_with_a_quantity(answerer):
    answer = answerer.answer("How many apprenticeships will Acme create in Rotherham?")
    assert answer.supported and answer.answerer == "extractive"
    assert "20 apprenticeships" in answer.answer and answer.answer.endswith("[1]")
    first = answer.citations[0]
    assert first.n == 1 and first.source == "acme.md" and first.section == "3. Jobs and Skills"
    assert "20 apprenticeships" in first.quote


def test_every_sentence_carries_a_marker_and_every_marker_a_citation(answerer):
    answer = answerer.answer("What will Acme do about carbon emissions from the fleet?")
    assert answer.supported and "30%" in answer.answer
    markers = {int(n) for n in __import__("re").findall(r"\[(\d+)\]", answer.answer)}
    assert markers == {c.n for c in answer.citations}


def test_unrelated_question_is_not_found_and_not_padded(answerer):
    for question in ["What is the capital of France?", "How many apprenticeships will Bolt create in Leeds?"]:
        answer = answerer.answer(question)
        assert not answer.supported and answer.answer == NOT_FOUND and answer.citations == []


def test_question_names_are_the_capitalised_words_after_the_first():
    assert question_names("How many jobs will Acme create in Rotherham?") == {"acme", "rotherham"}
    assert question_names("What is Torbay's guidance?") == {"torbay"}


def test_answer_json_matches_the_contract(answerer):
    data = answerer.answer("How many apprenticeships will Acme create?").as_json()
    assert set(data) == {"question", "answer", "supported", "answerer", "citations", "notices"}
    assert set(data["citations"][0]) == {"n", "doc_id", "source", "page", "section", "quote"}
