import numpy as np
import pytest

from assistant.library import ingest
from assistant.search.mirror import Bm25, Mirror
from assistant.search.retriever import Filters, Retriever
from ingest.parse import IngestMeta
from tests.fakes import HashEmbedder, MemoryStore

DOCS = {
    "acme.md": ("Acme", ("Rotherham",), "tender_response", "public",
                "# Acme bid\n\nWe will create 20 apprenticeships for Rotherham residents by 2026.\n\n"
                "We will plant 500 trees in Rotherham parks.\n"),
    "bolt.md": ("Bolt", ("Leeds",), "tender_response", "public",
                "# Bolt bid\n\nWe will create 12 apprenticeships in Leeds by 2027.\n\n"
                "Our fleet will be electric by 2028.\n"),
    "bolt_prices.md": ("Bolt", ("Leeds",), "other", "restricted",
                       "# Bolt pricing\n\nConfidential apprenticeships rate card ZEBRA-42.\n"),
    "report.md": ("Acme", ("Rotherham",), "social_value_report", "public",
                  "# Acme report\n\nWe created 22 apprenticeships in Rotherham in 2026.\n"),
}


@pytest.fixture
def store(tmp_path):
    store = MemoryStore()
    for name, (supplier, areas, doc_type, audience, text) in DOCS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        ingest([tmp_path / name], store, HashEmbedder(), IngestMeta(supplier, areas, doc_type, audience))
    return store


def sources(hits):
    return [h.chunk.source for h in hits]


def test_hybrid_search_finds_keyword_and_meaning(store):
    hits = Retriever(Mirror(store), HashEmbedder()).search("electric fleet", k=3)
    assert sources(hits)[0] == "bolt.md"
    assert hits[0].score > 0 and hits[0].as_json()["section"] == "Bolt bid"


def test_filters_on_supplier_area_and_doc_type(store):
    retriever = Retriever(Mirror(store), HashEmbedder())
    assert set(sources(retriever.search("apprenticeships", k=10, filters=Filters(supplier="acme")))) == {
        "acme.md", "report.md"}
    assert set(sources(retriever.search("apprenticeships", k=10, filters=Filters(area="Leeds")))) == {
        "bolt.md", "bolt_prices.md"}
    assert sources(retriever.search("apprenticeships", k=10,
                                    filters=Filters(doc_type="social_value_report"))) == ["report.md"]
    assert retriever.search("apprenticeships", k=10, filters=Filters(supplier="Nobody")) == []


def test_public_retriever_never_returns_restricted_chunks(store):
    public = Retriever(Mirror(store), HashEmbedder(), audience="public")
    for query in ["ZEBRA-42", "confidential rate card", "Bolt pricing apprenticeships"]:
        hits = public.search(query, k=20)  # no call can ask a public retriever for more
        assert hits and all(h.chunk.audience == "public" for h in hits)
        assert not any("ZEBRA" in h.chunk.text for h in hits)
    everyone = Retriever(Mirror(store), HashEmbedder(), audience="all")
    assert "ZEBRA" in everyone.search("ZEBRA-42", k=1)[0].chunk.text


def test_mirror_follows_writes_and_deletes(store, tmp_path):
    retriever = Retriever(Mirror(store), HashEmbedder())
    assert "new.md" not in sources(retriever.search("heat pumps", k=5))
    (tmp_path / "new.md").write_text("# New\n\nWe will fit 90 heat pumps in Sheffield.\n", "utf-8")
    ingest([tmp_path / "new.md"], store, HashEmbedder(), IngestMeta(audience="public"))
    assert sources(retriever.search("heat pumps", k=5))[0] == "new.md"
    store.delete_document(next(d.doc_id for d in store.documents() if d.source == "new.md"))
    assert "new.md" not in sources(retriever.search("heat pumps", k=5))


def test_empty_store_and_bad_k():
    retriever = Retriever(Mirror(MemoryStore()), HashEmbedder())
    assert retriever.search("anything") == []
    with pytest.raises(ValueError):
        retriever.search("anything", k=0)
    with pytest.raises(ValueError):
        Retriever(Mirror(MemoryStore()), HashEmbedder(), audience="residents")


def test_bm25_prefers_rare_terms():
    from collections import Counter

    bm25 = Bm25([Counter(["apprentice", "rotherham"]), Counter(["apprentice", "leeds"]),
                 Counter(["apprentice"])])
    scores = bm25.scores(["apprentice", "leeds"], 3)
    assert int(np.argmax(scores)) == 1 and scores[2] > 0
