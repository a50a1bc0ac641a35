"""sva's one error hierarchy. Only the CLI and the UI turn these into messages and exit codes.

The root (SvaError) and LoadError live in ingest/errors.py, so the lower stage raises the same
errors without importing this package; everything the assistant adds derives from the same root.
"""

from pathlib import Path

from ingest.errors import LoadError, SvaError

__all__ = ["ConfigError", "LLMError", "LoadError", "StoreError", "SvaError", "write_error"]


class ConfigError(SvaError):
    """A setting is invalid or missing."""


class StoreError(SvaError):
    """The vector store could not be opened, read or written."""


class LLMError(SvaError):
    """The language model could not give a reply (down, slow, or answered with garbage)."""


def write_error(path: Path, exc: OSError) -> SvaError:
    """An output file that could not be written, said with the fix ("the folder out does not
    exist" rather than "No such file or directory")."""
    folder = path.parent
    if not folder.is_dir():
        why = f"the folder {folder} does not exist: make it, or write elsewhere"
    elif path.is_dir():
        why = "that is a folder: give a file name"
    else:
        why = f"{exc.strerror or exc}: choose a file in a folder you can write to"
    return SvaError(f"cannot write {path}: {why}")
