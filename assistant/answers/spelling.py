"""How people type questions: "whats late" for "what is late", "apprentiships" for
apprenticeships. Without this, "whats late" was read as no register question at all, and a
misspelt topic matched no promise ("I found no promise with a number that matches").

A topic word is read as the register's own word only when no promise holds it and one word
the promises use is a likely slip of the keyboard for it: at least six letters, the same first
two, and close by difflib's similarity ratio. "biodiversity" is never read as "diversity".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import get_close_matches

from assistant.answers.intents import Reading
from ingest.text import content_tokens

_SHORT_FORMS = re.compile(r"\b(what|who|where|when|how)(?:s|['’]s)\b", re.I)
CLOSE = 0.85


def tidy(question: str) -> str:
    """"whats late" -> "what is late" (and who's, where's, when's, how's)."""
    return _SHORT_FORMS.sub(lambda m: f"{m.group(1)} is", question)


def respell(reading: Reading, texts: Iterable[str]) -> None:
    """Topic words no text holds become the nearest word the texts use, when it is a likely slip."""
    surface: dict[str, str] = {}  # stem -> the word as the texts write it
    for text in texts:
        for word in re.findall(r"[a-z]+", text.lower()):
            for stem in content_tokens(word):
                surface.setdefault(stem, word)
    topic, said = list(reading.topic), list(reading.topic_said or reading.topic)
    for i, stem in enumerate(topic):
        if stem in surface or len(said[i]) < 6 or not said[i].isalpha():
            continue
        near = [s for s in surface if s[:2] == stem[:2]]
        found = get_close_matches(stem, near, n=1, cutoff=CLOSE)
        if found:
            topic[i], said[i] = found[0], surface[found[0]]
    if topic != reading.topic:
        reading.topic_for = [topic[reading.topic.index(w)] if w in reading.topic else w for w in reading.topic_for]
        reading.topic, reading.topic_said = topic, said
