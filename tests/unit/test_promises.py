from datetime import date

import pytest

from assistant.answer import ExtractiveAnswerer
from assistant.charter import parse_charter
from assistant.embeddings import HashEmbedder
from assistant.index import Mirror
from assistant.promises import PromiseAnswerer
from assistant.register import Register
from assistant.retrieval import Retriever
from ingest.pipeline import IngestMeta, ingest
from tests.fakes import MemoryStore
from tests.unit.test_register import BID, CHARTER


@pytest.fixture
def answerer(tmp_path):
    (tmp_path / "acme.md").write_text(BID, encoding="utf-8")
    store = MemoryStore()
    ingest([tmp_path / "acme.md"], store, HashEmbedder(), IngestMeta("Acme Housing", ("Testville",)))
    mirror = Mirror(store)
    register = Register(mirror, HashEmbedder(), parse_charter(CHARTER), as_of=date(2026, 11, 25))
    return PromiseAnswerer(register, ExtractiveAnswerer(Retriever(mirror, HashEmbedder()), HashEmbedder()))


def test_what_did_a_supplier_promise_lists_every_commitment_with_citations(answerer):
    answer = answerer.answer("What did Acme promise?")
    assert answer.supported and answer.answer.startswith("Acme Housing made 5 commitments")
    assert len(answer.citations) == 5 and all(c.quote for c in answer.citations)
    assert "[5]" in answer.answer and "(deadline passed)" in answer.answer


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


def test_per_call_filters_and_audience_are_honoured(answerer):
    from assistant.retrieval import Filters

    narrowed = answerer.answer("What did Acme promise?", filters=Filters(supplier="Nobody Ltd"))
    assert not narrowed.supported and "Nobody Ltd" in narrowed.answer
    public = answerer.answer("What did Acme promise?", audience="public")
    assert "commitments" not in public.answer  # left to the documents, which apply the audience
