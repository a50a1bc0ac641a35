"""Prompt templates: plain files in the top-level ``prompts/`` package (shipped as package data),
or in the folder SVA_PROMPTS names.

A file has a ``## system`` part, optional example turns (``## user`` / ``## assistant``) and a final
``## user`` part; ``{name}`` placeholders are filled from keyword arguments, and only names the
template uses are replaced, so braces in documents or questions are never read as placeholders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from assistant.backends.chat import Message, Role
from assistant.errors import ConfigError


@dataclass(frozen=True)
class Prompt:
    name: str
    parts: tuple[tuple[Role, str], ...]  # in file order: system, example turns, then the user turn

    def messages(self, **values: str) -> list[Message]:
        return [Message(role, _fill(text, values)) for role, text in self.parts]


_PART = re.compile(r"^## (system|user|assistant)\s*$", re.M)
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def load_prompt(name: str, folder: Path | None = None) -> Prompt:
    """prompts/<name>.txt: a ``## system`` part, optional example ``## user``/``## assistant``
    turns (small models follow an example better than a rule), and the final ``## user`` part."""
    path: Path | resources.abc.Traversable = (
        folder / f"{name}.txt" if folder else resources.files("prompts").joinpath(f"{name}.txt"))
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"prompt {name!r} not found at {path}: the prompts/ folder ships with "
                          "sva; reinstall it or set SVA_PROMPTS to a folder holding it") from exc
    pieces = _PART.split(text)
    parts = tuple(zip(pieces[1::2], (p.strip() for p in pieces[2::2])))
    if not parts or parts[0][0] != "system" or parts[-1][0] != "user" or pieces[0].strip():
        raise ConfigError(f"{path} must start with a '## system' part and end with a '## user' part")
    roles: tuple[tuple[Role, str], ...] = tuple(
        ("system" if r == "system" else "user" if r == "user" else "assistant", t) for r, t in parts)
    return Prompt(name, roles)


def _fill(template: str, values: dict[str, str]) -> str:
    missing = {m for m in _PLACEHOLDER.findall(template)} - set(values)
    if missing:
        raise ValueError(f"prompt needs values for {sorted(missing)}")
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)
