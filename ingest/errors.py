"""The root of sva's one error hierarchy, and the error a file that cannot be read raises.

It lives here, at the bottom of the dependency order, so ingest raises the same errors the
assistant does without importing it; assistant/errors.py adds the rest of the hierarchy.
"""


class SvaError(Exception):
    """Base class: a problem a person can act on; the message says what to do."""


class LoadError(SvaError):
    """A file could not be read as a document."""
