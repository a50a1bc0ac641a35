"""What the chat says when the documents do not answer: plainly "not found", and, when the
question names a supplier whose documents were searched, whose documents are silent ("Does
Greenway pay the Real Living Wage?" -> "I could not find this in the documents of Greenway
Facilities Services."), so a resident knows it is that supplier that did not say."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answers.suppliers import supplier_in
from assistant.search.retriever import Hit

NOT_FOUND = ("I could not find this in the documents. Try other words, or check that the "
             "relevant documents have been ingested.")
NOT_FOUND_PUBLIC = "No published document answers this yet. Try asking in other words."  # residents


def not_found_in(question: str, hits: Sequence[Hit], public: bool) -> str:
    """The "not found" reply for ``question``, naming the supplier it asks about when ``hits``
    (what was searched) hold that supplier's documents."""
    named = supplier_in(question, sorted({h.chunk.supplier for h in hits if h.chunk.supplier}))
    if named is None:
        return NOT_FOUND_PUBLIC if public else NOT_FOUND
    if public:
        return f"No published document answers this for {named} yet. Try asking in other words."
    return (f"I could not find this in the documents of {named}. Try other words, or check that the "
            "relevant documents have been ingested.")
