import httpx
import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from assistant.answers.prompts import load_prompt
from assistant.backends.chat import LangChainChat, LLMError, Message, chat_model
from assistant.config import load_settings
from assistant.errors import ConfigError


def test_llm_is_off_by_default(monkeypatch):
    for key in ("SVA_LLM", "SVA_LLM_MODEL", "SVA_LLM_BASE_URL"):
        monkeypatch.delenv(key, raising=False)
    assert chat_model(load_settings()) is None


@pytest.mark.parametrize("env, message", [
    ({"SVA_LLM": "openai", "SVA_LLM_BASE_URL": "http://127.0.0.1:8080/v1"}, "needs SVA_LLM_MODEL"),
    ({"SVA_LLM": "openai", "SVA_LLM_MODEL": "m"}, "needs SVA_LLM_API_KEY or OPENAI_API_KEY"),
    ({"SVA_LLM": "ollama", "SVA_LLM_MODEL": "m", "SVA_LLM_BASE_URL": "localhost:11434"}, "must start with http"),
    ({"SVA_LLM": "ollama", "SVA_LLM_MODEL": "m", "SVA_LLM_TIMEOUT": "0"}, "SVA_LLM_TIMEOUT"),
    ({"SVA_LLM": "gpt"}, "SVA_LLM"),
])
def test_bad_llm_settings_say_how_to_fix_them(monkeypatch, env, message):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(ConfigError, match=message):
        load_settings()


def test_openai_compatible_client_is_built_from_settings_without_a_request(monkeypatch):
    monkeypatch.setenv("SVA_LLM", "OpenAI")
    monkeypatch.setenv("SVA_LLM_MODEL", "smollm2")
    monkeypatch.setenv("SVA_LLM_BASE_URL", "http://127.0.0.1:8080/v1")
    monkeypatch.setenv("SVA_LLM_TIMEOUT", "7")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    settings = load_settings()
    assert settings.llm == "openai" and settings.llm_key() == "sk-from-env"
    chat = chat_model(settings)
    assert chat.model.openai_api_base == "http://127.0.0.1:8080/v1" and chat.model.request_timeout == 7
    assert chat.model.max_retries == 0 and "sk-from-env" not in repr(settings)


def test_ollama_client_is_built_from_settings(monkeypatch):
    monkeypatch.setenv("SVA_LLM", "ollama")
    monkeypatch.setenv("SVA_LLM_MODEL", "llama3.2")
    chat = chat_model(load_settings())
    assert chat.model.base_url == "http://localhost:11434" and chat.model.client_kwargs == {"timeout": 60.0}


def test_langchain_chat_streams_text_deltas():
    model = GenericFakeChatModel(messages=iter([AIMessage(content="Twenty apprenticeships [1].")]))
    deltas = list(LangChainChat(model, "fake").stream([Message("user", "hi")]))
    assert len(deltas) > 1 and "".join(deltas) == "Twenty apprenticeships [1]."


class Failing(GenericFakeChatModel):
    error: Exception

    def _stream(self, *args, **kwargs):
        raise self.error


@pytest.mark.parametrize("error, said", [
    (httpx.ConnectError("refused"), "could not be reached"),
    (httpx.ReadTimeout("slow"), "did not answer in time"),
    (ValueError("Expecting value: line 1 column 1"), "ValueError: Expecting value"),
])
def test_client_errors_become_llm_errors(error, said):
    chat = LangChainChat(Failing(messages=iter([]), error=error), "the language model at x")
    with pytest.raises(LLMError, match=said):
        list(chat.stream([Message("user", "hi")]))


def test_prompts_load_by_name_and_fill_only_their_placeholders():
    answer = load_prompt("answer")
    messages = answer.messages(sources='<source n="1">a {question} b</source>', question="Q?")
    assert messages[0].role == "system" and "[1]" in messages[0].content
    assert '<source n="1">a {question} b</source>' in messages[-1].content
    assert {"condense", "plain"} <= {load_prompt(n).name for n in ("condense", "plain")}
    with pytest.raises(ValueError, match="question"):
        answer.messages(sources="x")


def test_a_missing_prompt_says_where_it_looked(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_prompt("answer", tmp_path)


def test_a_prompt_file_must_start_with_system_and_end_with_user(tmp_path):
    (tmp_path / "answer.txt").write_text("## user\nhi\n## assistant\nhello\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="must start"):
        load_prompt("answer", tmp_path)
