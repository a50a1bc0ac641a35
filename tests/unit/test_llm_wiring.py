"""Services: the extractive default is unchanged; SVA_LLM puts the LLM answerer behind the register."""

import pytest

from assistant.answers.base import StreamResult
from assistant.answers.generative import LLMAnswerer
from assistant.config import load_settings
from assistant.services import Services
from ingest.parse import IngestMeta
from tests.fakes import HashEmbedder, MemoryStore, ScriptedChatModel
from tests.unit.test_generate import ACME, BOLT, source_no

QUESTION = "How many apprenticeships will Acme create for Rotherham residents aged 16 to 24?"


def services(tmp_path, monkeypatch, chat=None, **env) -> Services:
    for key in ("SVA_LLM", "SVA_LLM_MODEL", "SVA_LLM_BASE_URL"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    s = Services(load_settings(store=tmp_path / "store"), embedder=HashEmbedder(), store=MemoryStore(),
                 chat=chat)
    for name, text, supplier, area in (("acme.md", ACME, "Acme Housing", "Rotherham"),
                                       ("bolt.md", BOLT, "Bolt Builders", "Leeds")):
        (tmp_path / name).write_text(text, encoding="utf-8")
        s.ingest([tmp_path / name], IngestMeta(supplier, (area,), audience="public"))
    return s


def test_without_an_llm_answers_are_extractive_and_stream_whole(tmp_path, monkeypatch):
    s = services(tmp_path, monkeypatch)
    answerer = s.answerer("public")
    assert s.chat is None and not isinstance(answerer.fallback, LLMAnswerer)
    result = answerer.stream(QUESTION)
    assert isinstance(result, StreamResult)
    deltas = list(result)
    assert len(deltas) == 1 and result.answer.as_json()["answerer"] == "extractive"
    assert result.answer.answer == answerer.answer(QUESTION).answer


def test_without_an_llm_follow_ups_are_condensed_by_rule(tmp_path, monkeypatch):
    answerer = services(tmp_path, monkeypatch).answerer()
    answer = answerer.stream("and in Leeds?", history=[(QUESTION, "...")]).answer
    assert answer.question == "How many apprenticeships will Acme create for Leeds residents aged 16 to 24?"


def test_with_an_llm_the_register_still_answers_promise_questions(tmp_path, monkeypatch):
    chat = ScriptedChatModel()
    s = services(tmp_path, monkeypatch, chat, SVA_LLM="openai", SVA_LLM_MODEL="m",
                 SVA_LLM_BASE_URL="http://127.0.0.1:9/v1")
    answerer = s.answerer("public")
    assert isinstance(answerer.fallback, LLMAnswerer) and answerer.retriever.audience == "public"
    answer = answerer.stream("What did Acme promise?").answer
    assert "Acme Housing made 3 commitments" in answer.answer and chat.calls == []


def test_with_an_llm_a_follow_up_is_condensed_then_answered_by_the_model(tmp_path, monkeypatch):
    chat = ScriptedChatModel(
        "How many apprenticeships will Bolt create for Leeds residents?",
        lambda m: f"Bolt will create 12 apprenticeships for Leeds residents by 2026 [{source_no(m, '12 app')}].")
    s = services(tmp_path, monkeypatch, chat, SVA_LLM="ollama", SVA_LLM_MODEL="m")
    result = s.answerer().stream("and Bolt in Leeds?", history=[{"role": "user", "content": QUESTION}])
    text = "".join(result)
    assert text == "Bolt will create 12 apprenticeships for Leeds residents by 2026. [1]"
    assert result.answer.answerer == "llm" and result.answer.citations[0].source == "bolt.md"


@pytest.mark.parametrize("value", ["none", "None", ""])
def test_sva_llm_none_is_the_default(tmp_path, monkeypatch, value):
    if value == "":
        monkeypatch.delenv("SVA_LLM", raising=False)
        assert load_settings().llm == "none"
    else:
        monkeypatch.setenv("SVA_LLM", value)
        assert load_settings().llm == "none"
