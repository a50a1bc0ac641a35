"""sva's small error hierarchy. Only the CLI and the UI turn these into messages and exit codes."""


class SvaError(Exception):
    """Base class: a problem a person can act on; the message says what to do."""


class ConfigError(SvaError):
    """A setting is invalid or missing."""


class LoadError(SvaError):
    """A file could not be read as a document."""


class StoreError(SvaError):
    """The vector store could not be opened, read or written."""
