"""The search an answer quotes from: when a question names a company, fund or place, the passages
of documents that hold those names, not the closest passages of documents that do not."""

from __future__ import annotations

from dataclasses import replace

from assistant.answers.names import named, names_in
from assistant.answers.passages import document_terms
from assistant.search.retriever import Filters, Hit, Retriever, Search


def named_search(retriever: Retriever, question: str, k: int, filters: Filters | None = None,
                 wider: int = 5) -> Search:
    """The search for ``question``; when none of its top ``k`` passages is of a document holding
    the names it asks about ("Galliford Try's Scope 3 emissions": seven net zero pages of other
    firms rank above Galliford Try's table), the passages of the documents that do, from ``wider``
    times as many."""
    search = retriever.find(question, k, filters)
    runs = names_in(question)
    if not runs or _naming(runs, search.hits[:k]):
        return search
    more = retriever.find(question, k * wider, filters)
    docs = _naming(runs, more.hits)
    return replace(more, hits=[h for h in more.hits if h.chunk.doc_id in docs][:k]) if docs else search


def _naming(runs: list[list[str]], hits: list[Hit]) -> set[str]:
    """The documents among ``hits`` that hold every name of ``runs`` (title, supplier, areas, text)."""
    held = {doc: named(runs, terms) for doc, terms in document_terms(h.chunk for h in hits).items()}
    return {doc for doc, (wanted, found) in held.items() if wanted and found == wanted}
