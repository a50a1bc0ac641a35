"""How people type questions: "whats late" for "what is late", "apprentiships" for
apprenticeships. Without this, "whats late" was read as no register question at all, and a
misspelt topic matched no promise ("I found no promise with a number that matches").

A topic word is read as the register's own word only when no promise holds it and one word
the promises use is a likely slip of the keyboard for it: at least six letters, the same first
two, and close by difflib's similarity ratio. "biodiversity" is never read as "diversity".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import get_close_matches

from assistant.answers.intents import Reading
from assistant.register.commitments import Commitment
from ingest.text import content_tokens

_SHORT_FORMS = re.compile(r"\b(what|who|where|when|how)(?:s|['’]s)\b", re.I)
CLOSE = 0.85


_MARKUP = re.compile(r"</?[A-Za-z][^<>]{0,200}>")  # bounded: no backtracking on what a user types


def tidy(question: str) -> str:
    """"whats late" -> "what is late" (and who's, where's, when's, how's); markup typed or pasted
    into a question ("<b>late</b>") is no part of it (it was read as topic words "b", "script")."""
    if "<" in question:
        question = re.sub(r"\s+([?.!,;:])", r"\1", " ".join(_MARKUP.sub(" ", question).split()))
    return _SHORT_FORMS.sub(lambda m: f"{m.group(1)} is", question)


def respell(reading: Reading, rows: Sequence[Commitment]) -> None:
    """Topic words no row holds become the nearest word the rows use, when it is a likely slip."""
    topic, said = list(reading.topic), list(reading.topic_said or reading.topic)
    unheld = [i for i, stem in enumerate(topic) if len(said[i]) >= 6 and said[i].isalpha()
              and not any(stem in c.words for c in rows)]
    if not unheld:
        return
    surface = _vocabulary(rows)
    for i in unheld:
        near = [s for s in surface if s[:2] == topic[i][:2]]
        found = get_close_matches(topic[i], near, n=1, cutoff=CLOSE)
        if found:
            topic[i], said[i] = found[0], surface[found[0]]
            continue
        # stems cut a slip short ("aprentiships" -> "aprenti"): the words as written are closer
        written = {w: stem for stem, w in surface.items() if w[:2] == said[i][:2].lower()}
        found = get_close_matches(said[i].lower(), list(written), n=1, cutoff=CLOSE)
        if found:
            topic[i], said[i] = written[found[0]], found[0]
    if topic != reading.topic:
        reading.topic_for = [topic[reading.topic.index(w)] if w in reading.topic else w for w in reading.topic_for]
        reading.topic, reading.topic_said = topic, said


def nearest_name(names: Sequence[str], typed: str) -> str | None:
    """The one of ``names`` that ``typed`` is a likely slip for ("Harowden" -> "Harrowden"), by the
    same rule as topic words: six letters or more, the same first two, close by difflib's ratio."""
    word = " ".join(typed.split()).casefold()
    if len(word) < 6:
        return None
    by_key = {n.casefold(): n for n in names if n.casefold()[:2] == word[:2]}
    found = get_close_matches(word, list(by_key), n=1, cutoff=CLOSE)
    return by_key[found[0]] if found else None


def respell_places(reading: Reading, places: Sequence[str]) -> None:
    """A name the question gives that is a slip for a known place ("Harowden") is that place,
    and no topic word."""
    for name in list(reading.unknown_names):
        near = nearest_name(places, name)
        if near is None:
            continue
        _read_as_name(reading, name)
        reading.areas = [*reading.areas, near]


def respell_suppliers(reading: Reading, suppliers: Sequence[str]) -> None:
    """A name the question gives that is a slip for a supplier's own name ("Brightsone" for
    Brightstone Construction Ltd) is that supplier, when the question names no other."""
    if reading.suppliers:
        return
    brands = {**{name.split()[0]: name for name in suppliers if name.split()}, **{name: name for name in suppliers}}
    for name in list(reading.unknown_names):
        near = nearest_name(list(brands), name)
        if near is None:
            continue
        _read_as_name(reading, name)
        reading.suppliers = [brands[near]]
        return


def _read_as_name(reading: Reading, name: str) -> None:
    """``name`` (a slip for a known name) is no topic word, nor a name left unknown."""
    slip = set(content_tokens(name))
    kept = [i for i, t in enumerate(reading.topic) if t not in slip]
    reading.topic_said = [(reading.topic_said or reading.topic)[i] for i in kept]
    reading.topic = [reading.topic[i] for i in kept]
    reading.topic_for = [t for t in reading.topic_for if t not in slip]
    reading.unknown_names.remove(name)


_SEEN: dict[int, tuple[Sequence[Commitment], dict[str, str]]] = {}  # the last few registers' words


def _vocabulary(rows: Sequence[Commitment]) -> dict[str, str]:
    """Each stem the rows hold -> the word as they write it; worked out once per built register."""
    kept = _SEEN.get(id(rows))
    if kept is not None and kept[0] is rows:
        return kept[1]
    surface: dict[str, str] = {}
    for c in rows:
        for word in re.findall(r"[a-z]+", f"{c.section} {c.text} {c.unit or ''}".lower()):
            for stem in content_tokens(word):
                surface.setdefault(stem, word)
    if len(_SEEN) >= 4:
        _SEEN.clear()
    _SEEN[id(rows)] = (rows, surface)
    return surface
