"""Chat models: a one-method ChatModel protocol and LangChain-backed clients.

    ChatModel.stream(messages) -> Iterator[str]      text deltas of one reply

The real clients are LangChain's: ``ChatOpenAI`` with ``base_url`` for any OpenAI-compatible
server (llama.cpp, vLLM, LM Studio, OpenAI itself) and ``ChatOllama`` for Ollama. LangChain is the
client interface only; our code owns the control flow. Every error the client raises — refused
connection, timeout, HTTP error, a reply that is not JSON — is translated here into ``LLMError``,
so callers can fall back without knowing which library was underneath.

Prompt templates are in assistant/answers/prompts.py.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

from assistant.errors import ConfigError, LLMError

if TYPE_CHECKING:
    from assistant.config import Settings

Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True)
class Message:
    role: Role
    content: str


class ChatModel(Protocol):
    """A chat model that streams its reply as text deltas; raises LLMError when it cannot."""

    def stream(self, messages: Sequence[Message]) -> Iterator[str]: ...


class LangChainChat:
    """A ChatModel over any LangChain chat model; foreign errors become LLMError where they enter."""

    def __init__(self, model, label: str) -> None:
        self.model, self.label = model, label

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

        kinds = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}
        lc_messages = [kinds[m.role](content=m.content) for m in messages]
        started = False
        try:
            for chunk in self.model.stream(lc_messages):
                content = chunk.content
                if isinstance(content, list):  # content blocks: keep the text ones
                    content = "".join(b.get("text", "") if isinstance(b, dict) else str(b)
                                      for b in content)
                if not isinstance(content, str):
                    raise LLMError(f"{self.label} sent a reply that is not text")
                if content:
                    started = True
                    yield content
        except LLMError:
            raise
        except Exception as exc:  # noqa: BLE001 - any client failure means "no usable reply"
            what = "the connection was lost mid-reply" if started else describe_error(exc)
            raise LLMError(f"{self.label}: {what}") from exc


def describe_error(exc: BaseException) -> str:
    """A one-line, secret-free description of a client error for the notice residents see."""
    name = type(exc).__name__
    if "Timeout" in name or isinstance(exc, TimeoutError):
        return "the server did not answer in time"
    if "Connect" in name or isinstance(exc, ConnectionError):
        return "the server could not be reached"
    status = getattr(exc, "status_code", None)
    if status:
        return f"the server answered with HTTP {status}"
    text = str(exc).splitlines()[0][:160] if str(exc) else ""
    return f"{name}: {text}" if text else name


def chat_model(settings: Settings) -> LangChainChat | None:
    """The ChatModel the settings ask for, or None when SVA_LLM=none. Built without a request."""
    s = settings
    if s.llm == "none":
        return None
    if s.llm == "openai":
        try:
            from langchain_openai import ChatOpenAI
        except ImportError as exc:  # pragma: no cover - a dependency of the package
            raise ConfigError("SVA_LLM=openai needs langchain-openai: pip install langchain-openai") from exc
        from pydantic import SecretStr

        key = s.llm_key()
        options: dict[str, Any] = {"max_tokens": s.llm_max_tokens}  # an alias ChatOpenAI accepts
        openai = ChatOpenAI(model=s.llm_model or "", base_url=s.llm_base_url,
                            api_key=SecretStr(key or "not-needed"),  # local servers ignore the key
                            timeout=s.llm_timeout, max_retries=0, temperature=0, **options)
        return LangChainChat(openai, f"the language model at {s.llm_base_url or 'OpenAI'}")
    try:
        from langchain_ollama import ChatOllama
    except ImportError as exc:  # pragma: no cover
        raise ConfigError("SVA_LLM=ollama needs langchain-ollama: pip install langchain-ollama") from exc
    base_url = s.llm_base_url or "http://localhost:11434"
    model = ChatOllama(model=s.llm_model or "", base_url=base_url, temperature=0,
                       num_predict=s.llm_max_tokens, client_kwargs={"timeout": s.llm_timeout})
    return LangChainChat(model, f"Ollama at {base_url}")
