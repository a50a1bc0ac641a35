"""One typed Settings object, read from SVA_* environment variables and an optional .env file."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.errors import ConfigError

Audience = Literal["public", "restricted"]
DocType = Literal["tender_response", "social_value_report", "policy", "other"]
DOC_TYPES: tuple[str, ...] = ("tender_response", "social_value_report", "policy", "other")


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
    embedder: Literal["sentence-transformers", "hash"] = "sentence-transformers"
    model_path: Path | None = Field(None, description="Local sentence-transformers model folder")
    chunk_size: int = Field(900, description="Target chunk length in characters")
    chunk_overlap: int = Field(150, description="Characters of whole sentences repeated between chunks")
    max_file_mb: float = 100.0
    embed_batch_size: int = 32

    @model_validator(mode="after")
    def _check(self) -> "Settings":
        if self.chunk_size < 200:
            raise ConfigError(f"SVA_CHUNK_SIZE={self.chunk_size} is too small: use 200 or more.")
        if not 0 <= self.chunk_overlap < self.chunk_size // 2:
            raise ConfigError(
                f"SVA_CHUNK_OVERLAP={self.chunk_overlap} must be at least 0 and less than half "
                f"of SVA_CHUNK_SIZE ({self.chunk_size})."
            )
        if self.max_file_mb <= 0:
            raise ConfigError("SVA_MAX_FILE_MB must be positive.")
        if self.embed_batch_size < 1:
            raise ConfigError("SVA_EMBED_BATCH_SIZE must be 1 or more.")
        if self.chroma_url and not self.chroma_url.startswith(("http://", "https://")):
            raise ConfigError(f"SVA_CHROMA_URL={self.chroma_url!r} must look like http://host:port.")
        return self


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, with overrides (e.g. from CLI flags); errors made readable."""
    from pydantic import ValidationError

    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as exc:
        problems = "; ".join(
            f"SVA_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors()
        )
        raise ConfigError(f"Invalid settings: {problems}") from exc
