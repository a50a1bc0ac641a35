"""One typed Settings object, read from SVA_* environment variables and an optional .env file."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.errors import ConfigError


def default_store_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("sva", appauthor=False)) / "store"


class Settings(BaseSettings):
    """Every knob sva has. Invalid values fail here, with the fix in the message."""

    model_config = SettingsConfigDict(env_prefix="SVA_", env_file=".env", extra="ignore")

    store: Path = Field(default_factory=default_store_dir, description="Store directory")
    chroma_url: str | None = Field(None, description="http://host:port of a Chroma server")
    collection: str = "sva"
    charter: Path | None = Field(None, description="Community Value Charter YAML (default: bundled)")
    as_of: date | None = Field(None, description="Judge deadlines as of this date (default: today)")
    embedder: Literal["onnx", "auto", "sentence-transformers"] = Field(
        "onnx", description="onnx (default): int8 model on onnxruntime; auto: onnx, and torch bf16 "
                            "for large batches when the CPU computes bf16 in hardware (faster "
                            "embedding, ~600 MB more memory); sentence-transformers: torch, fp32")
    model_path: Path | None = Field(None, description="Local sentence-transformers model folder")
    chunk_size: int = Field(900, description="Target chunk length in characters")
    chunk_overlap: int = Field(150, description="Characters of whole sentences repeated between chunks")
    max_file_mb: float = 100.0
    embed_batch_size: int = Field(32, description="Texts per call of the torch embedder (SVA_EMBEDDER="
                                  "sentence-transformers); the default ONNX embedder runs each text alone")
    vector_cache_mb: float = Field(
        512.0, description="Bound of the store's cache of embeddings (a text embedded once, in any "
                           "document, is looked up afterwards); 0 turns it off")
    commissioner_user: str | None = Field(None, description="Commissioner login name")
    commissioner_password: SecretStr | None = Field(None, description="Commissioner password")
    commissioner_users_file: Path | None = Field(
        None, description="File of 'name:scrypt$...' lines (python -m assistant.app.auth NAME makes one)")
    llm: Literal["none", "openai", "ollama"] = Field(
        "none", description="Generative answers: none, openai (any OpenAI-compatible server) or ollama")
    llm_base_url: str | None = Field(
        None, description="e.g. http://127.0.0.1:8080/v1 (OpenAI-compatible) or http://localhost:11434 (Ollama)")
    llm_model: str | None = Field(None, description="Model name the server serves")
    llm_api_key: SecretStr | None = Field(None, description="API key (else $OPENAI_API_KEY); local servers need none")
    llm_timeout: float = Field(60.0, description="Seconds to wait for the server (connect, each read, whole reply)")
    llm_max_tokens: int = Field(400, description="Longest reply, in tokens")
    llm_sources: int = Field(4, description="Retrieved chunks given to the model as numbered sources")
    llm_plain: bool = Field(False, description="Rewrite residents' answers in plain English (a second model call)")
    prompts: Path | None = Field(None, description="Folder of prompt files (default: the bundled prompts/)")
    glossary: Path | None = Field(None, description="Plain-English glossary YAML (default: bundled)")
    voice_client_limit: int = Field(60, ge=1, description="Residents' submissions per hour from one address")
    voice_area_limit: int = Field(1000, ge=1, description="Residents' submissions per hour for one area")

    @field_validator("llm", mode="before")
    @classmethod
    def _llm_lower(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    def llm_key(self) -> str | None:
        """The API key: SVA_LLM_API_KEY, else OPENAI_API_KEY. Never logged or printed."""
        if self.llm_api_key is not None and self.llm_api_key.get_secret_value():
            return self.llm_api_key.get_secret_value()
        return os.environ.get("OPENAI_API_KEY") or None

    @model_validator(mode="after")
    def _check(self) -> Settings:
        if self.chunk_size < 200:
            raise ConfigError(f"SVA_CHUNK_SIZE={self.chunk_size} is too small: use 200 or more.")
        if not 0 <= self.chunk_overlap < self.chunk_size // 2:
            raise ConfigError(
                f"SVA_CHUNK_OVERLAP={self.chunk_overlap} must be at least 0 and less than half "
                f"of SVA_CHUNK_SIZE ({self.chunk_size})."
            )
        if self.max_file_mb <= 0:
            raise ConfigError("SVA_MAX_FILE_MB must be positive.")
        if self.vector_cache_mb < 0:
            raise ConfigError("SVA_VECTOR_CACHE_MB must be 0 (no cache) or more.")
        if self.embed_batch_size < 1:
            raise ConfigError("SVA_EMBED_BATCH_SIZE must be 1 or more.")
        if self.chroma_url and not self.chroma_url.startswith(("http://", "https://")):
            raise ConfigError(f"SVA_CHROMA_URL={self.chroma_url!r} must look like http://host:port.")
        if self.store.exists() and not self.store.is_dir():
            raise ConfigError(f"the store {self.store} is a file, not a folder: give --store (or SVA_STORE) a "
                              "folder (a new one is made when documents are first ingested).")
        if self.llm != "none":
            self._check_llm()
        return self

    def _check_llm(self) -> None:
        name = f"SVA_LLM={self.llm}"
        if not self.llm_model:
            example = "llama3.2" if self.llm == "ollama" else "gpt-4o-mini, or the name your server serves"
            raise ConfigError(f"{name} needs SVA_LLM_MODEL, the model to ask (e.g. {example}).")
        if self.llm_base_url and not self.llm_base_url.startswith(("http://", "https://")):
            raise ConfigError(f"SVA_LLM_BASE_URL={self.llm_base_url!r} must start with http:// or "
                              "https:// (e.g. http://127.0.0.1:8080/v1).")
        if self.llm == "openai" and not self.llm_base_url and not self.llm_key():
            raise ConfigError(f"{name} without SVA_LLM_BASE_URL means api.openai.com, which needs "
                              "SVA_LLM_API_KEY or OPENAI_API_KEY; for a local server set "
                              "SVA_LLM_BASE_URL=http://127.0.0.1:8080/v1.")
        if not 0 < self.llm_timeout <= 600:
            raise ConfigError(f"SVA_LLM_TIMEOUT={self.llm_timeout} must be between 0 and 600 seconds.")
        if self.llm_max_tokens < 16:
            raise ConfigError(f"SVA_LLM_MAX_TOKENS={self.llm_max_tokens} must be 16 or more.")
        if not 1 <= self.llm_sources <= 20:
            raise ConfigError(f"SVA_LLM_SOURCES={self.llm_sources} must be between 1 and 20.")


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment, with overrides (e.g. from CLI flags); errors made readable."""
    from pydantic import ValidationError

    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as exc:
        problems = "; ".join(
            f"SVA_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors()
        )
        raise ConfigError(f"Invalid settings: {problems}") from exc
