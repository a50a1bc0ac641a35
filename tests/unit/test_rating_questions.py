"""'How is X rated?' in the chat: its contracts' Procurement Act ratings, counted, the worst quoted."""

from __future__ import annotations

from assistant.answers.ratings import asks_rating
from assistant.library import ingest
from ingest.parse import IngestMeta
from tests.fakes import HashEmbedder
from tests.unit.test_register_questions import ACME, answerer_over, texts

CONTRACT = """# Cobb tender response

## Jobs

We will create 12 apprenticeships in Testville by 2020.
We will plant 300 trees in Southgate by 2029.
"""


def test_how_a_supplier_is_rated_gives_its_contracts_rating_and_quotes_the_worst(tmp_path):
    (tmp_path / "cobb.md").write_text(CONTRACT, "utf-8")
    chat = answerer_over(tmp_path, (("acme.md", ACME, "Acme Housing"),))
    ingest([tmp_path / "cobb.md"], chat.register.mirror.store, HashEmbedder(),
           IngestMeta("Cobb Ltd", ("Testville",), "tender_response", "public"))
    rated = chat.answer("How is Cobb rated?")
    assert rated.answerer == "register" and rated.supported
    lines = rated.answer.split("\n")
    assert lines[0] == "Showing: contract performance ratings, Cobb Ltd."
    # one rated commitment (the apprenticeships, due in 2020 with no evidence); the trees are not due yet
    # the contract is named by the title of the response that won it, and its file
    assert lines[1].startswith("The contract won with “Cobb tender response” (cobb.md) is rated Inadequate, the "
                               "middle rating of its 1 rated")
    assert lines[2] == "Inadequate: 1 · Not rated yet: 1"
    assert texts(chat, rated) == ["We will create 12 apprenticeships in Testville by 2020."]
    assert chat.answer("How is Cobb performing?").answer == rated.answer
    # a supplier with no contract won (Acme's document is no tender response) has none to rate
    acme = chat.answer("What are Acme's ratings?")
    assert not acme.supported and "holds no contract in the documents to rate" in acme.answer


def test_a_question_naming_a_rating_lists_those_rows_instead():
    assert asks_rating("How is Brightstone rated?") and asks_rating("What are Kier's ratings?")
    assert not asks_rating("Which promises are rated inadequate?")  # the register's list, by rating
    assert not asks_rating("How many apprenticeships were promised?")
    assert not asks_rating("What rating did the regulator give Acme?")  # a document's word, not the register's
