"""sva's one error hierarchy. Only the CLI and the UI turn these into messages and exit codes.

The root (SvaError) and LoadError live in ingest/errors.py, so the lower stage raises the same
errors without importing this package; everything the assistant adds derives from the same root.
"""

from ingest.errors import LoadError, SvaError

__all__ = ["ConfigError", "LLMError", "LoadError", "StoreError", "SvaError"]


class ConfigError(SvaError):
    """A setting is invalid or missing."""


class StoreError(SvaError):
    """The vector store could not be opened, read or written."""


class LLMError(SvaError):
    """The language model could not give a reply (down, slow, or answered with garbage)."""
