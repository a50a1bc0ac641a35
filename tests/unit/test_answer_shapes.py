"""The extractive answer picks the sentence of the shape the question asks for (fakes only)."""

import pytest

from assistant.answers.extractive import NOT_FOUND, ExtractiveAnswerer
from assistant.answers.question_types import asked, has_shape, is_heading
from assistant.library import ingest
from assistant.search.mirror import Mirror
from assistant.search.retriever import Retriever
from ingest.parse import IngestMeta
from tests.fakes import HashEmbedder, MemoryStore

DOC = """# Riverside Bridge skills strategy

## Review of the skills strategy

Riverside Bridge – 7.3 Planning Obligations – Heads of Terms

The skills strategy of Riverside Bridge is owned by the skills board of Riverside Bridge.
The skills strategy of Riverside Bridge is reviewed every two years by the skills board.

## Diversity targets

Riverside Bridge has diversity targets for its workforce. By 2026 Riverside Bridge aims to reach these diversity targets:

- 40% of new starters are women
- 15% of new starters are from ethnic minority groups
"""


@pytest.fixture
def answerer(tmp_path):
    (tmp_path / "riverside.md").write_text(DOC, encoding="utf-8")
    store = MemoryStore()
    ingest([tmp_path / "riverside.md"], store, HashEmbedder(), IngestMeta("Riverside Bridge"))
    return ExtractiveAnswerer(Retriever(Mirror(store), HashEmbedder()), HashEmbedder(),
                              min_similarity=0.0, min_lexical=0.25)


def test_how_often_picks_the_frequency_not_the_title(answerer):
    answer = answerer.answer("How often is the skills strategy of Riverside Bridge reviewed?")
    assert answer.supported
    assert "every two years" in answer.citations[0].quote
    assert all("Heads of Terms" not in c.quote for c in answer.citations)


def test_a_lead_in_is_answered_with_its_items(answerer):
    answer = answerer.answer("What diversity targets does Riverside Bridge aim to reach by 2026?")
    assert answer.supported
    quote = answer.citations[0].quote
    assert quote.startswith("By 2026") or "By 2026" in quote
    assert "40% of new starters are women" in quote and "15% of new starters" in quote
    assert "\n• 40% of new starters are women" in answer.answer


def test_a_figure_asked_for_and_absent_is_not_found(answerer):
    answer = answerer.answer("What percentage of the skills strategy budget does Riverside Bridge spend?")
    assert not answer.supported and answer.answer == NOT_FOUND


@pytest.mark.parametrize("question, shape", [
    ("How often is the strategy reviewed?", "frequency"),
    ("How quickly does LYHA complete urgent repairs?", "duration"),
    ("What share of jobs is committed to local residents?", "percent"),
    ("How much money has IM Properties put into the fund?", "money"),
    ("How many apprenticeships will Acme create?", "count"),
    ("In which year will SUEZ reach net zero?", "year"),
    ("When was the strategy published?", "date"),
    ("Who will monitor the strategy?", "org"),
    ("Does the charter commit the council to buy locally?", "yes_no"),
    ("What are the five parts of the plan?", "list"),
    ("What social value weighting will the council apply?", None),
])
def test_question_shapes(question, shape):
    assert asked(question).shape == shape


def test_sentence_shapes():
    assert has_shape("frequency", "It is reviewed every two years.")
    assert not has_shape("frequency", "It is reviewed by the board.")
    assert has_shape("count", "We aim to buy two new electric vehicles per year.")
    assert not has_shape("count", "Our target is net zero by 2040.")  # a year is not a count
    assert not has_shape("count", "We invested £130 million.")
    assert has_shape("percent", "at least 34% of workers are local")
    assert has_shape("duration", "Target: within five working days")
    assert has_shape(None, "anything")


def test_headings_and_cover_lines_are_not_answers():
    assert is_heading("Riverside Bridge – 7.3 Planning Obligations – Heads of Terms.")
    assert is_heading("Emergency repairs.", "LYHA > Repairs > Emergency repairs.")
    assert is_heading("Need a guide to damp and mould?")
    assert not is_heading("The strategy is reviewed every two years.")
    assert not is_heading("Target: within five working days")
