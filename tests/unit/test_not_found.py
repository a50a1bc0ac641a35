"""The "not found" reply says whose documents are silent when the question names a supplier whose
documents were searched; otherwise it is the plain one."""

from types import SimpleNamespace

from assistant.answers.not_found import NOT_FOUND, NOT_FOUND_PUBLIC, not_found_in


def hit(supplier: str):
    return SimpleNamespace(chunk=SimpleNamespace(supplier=supplier))


def test_the_supplier_asked_about_is_named_when_its_documents_were_searched():
    hits = [hit("Greenway Facilities Services"), hit("Brightstone Construction Ltd"), hit("")]
    question = "Does Greenway pay the Real Living Wage?"
    assert not_found_in(question, hits, public=False) == (
        "I could not find this in the documents of Greenway Facilities Services. Try other words, or check "
        "that the relevant documents have been ingested.")
    assert not_found_in(question, hits, public=True) == (
        "No published document answers this for Greenway Facilities Services yet. Try asking in other words.")
    # no supplier named, or one whose documents were not searched: the plain reply
    assert not_found_in("Is anyone paying the Real Living Wage?", hits, public=False) == NOT_FOUND
    assert not_found_in("Does Northfield pay the Real Living Wage?", hits, public=True) == NOT_FOUND_PUBLIC
