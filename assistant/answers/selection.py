"""Which register rows a question asks for: its slots (supplier, lot, status, flag, rating, outcome,
year, area, topic) applied in turn, then the rows set apart from a total or a comparison: a report's
rows (evidence, not promises), offers in bids not yet awarded, and what is not local."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from assistant.answers.intents import Reading
from assistant.answers.topics import subjects_asked
from assistant.register.commitments import Commitment, Register
from assistant.register.flags import place_names
from assistant.register.themes import themes_named
from assistant.vocab import is_late


def select(reading: Reading, register: Register,
           rows: list[Commitment] | None = None) -> tuple[list[Commitment], list[Commitment]]:
    """Rows (the register's, unless given) matching every slot: those naming the area(s) or for a
    document covering no other, and those covering them only as part of the whole contract area
    (counted, not listed)."""
    rows = register.commitments(kind=reading.kind) if rows is None else rows
    if reading.suppliers:
        wanted = {s.lower() for s in reading.suppliers}
        rows = [c for c in rows if c.supplier.lower() in wanted]
    if reading.lot:
        bids = register.documents_in_lot(reading.lot)
        rows = [c for c in rows if c.doc_id in bids]
    if reading.statuses:
        late = "overdue" in reading.statuses  # a part delivered past its date is late too
        rows = [c for c in rows if c.status in reading.statuses or late and is_late(c.status, c.late)]
    if reading.flags:
        rows = [c for c in rows if all(f in c.flags for f in reading.flags)]
    if reading.rating:
        rows = [c for c in rows if c.rating == reading.rating]
    if reading.outcome:
        rows = [c for c in rows if reading.outcome in c.outcomes]
    year = reading.due_year or (register.as_of.year + reading.due_in if reading.due_in is not None else None)
    if year:
        rows = [c for c in rows if c.deadline_year == year]
    for area in reading.not_areas:
        rows = [c for c in rows if c.place and not place_names(c.place, area)]
    if reading.topic:
        rows = about(rows, reading.topic, register, reading.topic_for)
    if not reading.areas:
        return rows, []
    asked = {a.lower() for a in reading.areas}  # a row naming no place is for the area its document covers
    named = [c for c in rows if any(place_names(c.place, a) for a in reading.areas)
             or not c.place and c.areas and {a.lower() for a in c.areas} <= asked]
    ids = {c.id for c in named}
    wide = [c for c in rows if c.id not in ids and any(register.in_area(c, a) for a in reading.areas)]
    return named, wide


def in_lost_bids(reading: Reading, register: Register) -> list[Commitment]:
    """Of a question naming a supplier, the matching rows of its bids that lost an awarded tender:
    the register leaves them out, as no one must keep them; when nothing else matches, the answer
    says what its lost bid offered rather than that it offered nothing."""
    if not reading.suppliers:
        return []
    kept = {c.id for c in register.all()}
    rows = [c for c in register.offers() if c.id not in kept and reading.kind in (None, c.kind)]
    named, wide = select(reading, register, rows)
    return named + wide


def about(rows: list[Commitment], topic: list[str], register: Register, group: Sequence[str] = ()) -> list[Commitment]:
    """Rows whose words (text, section, unit) hold every topic word ("oakley vale tool library":
    the library, not every row naming Oakley Vale), else the rows naming the group the question
    asks for ("jobs for women": the promises about women, those holding more topic words first),
    else any topic word; when none does, rows mapped to a theme the topic names ("environment")."""
    words = topic_words(topic, group)
    held = [(c, holds(c, words, group)) for c in rows]
    every = [c for c, found in held if found == words]
    if every:
        return every
    some = [(c, found) for c, found in held if found]
    named = [(c, found) for c, found in some if group and set(group) <= found]
    if named:
        return [c for c, _ in sorted(named, key=lambda pair: -len(pair[1]))]
    if len(words) > 1 and words <= set(group):  # the topic is one group ("older people"): only
        # its rarest word names it ("older"); a row naming another part ("people") is about others
        held_by = {w: sum(bool(holds(c, {w}, group)) for c in register.all()) for w in words}
        rarest = min(sorted(words), key=held_by.__getitem__)
        some = [(c, found) for c, found in some if rarest in found]
    return [c for c, _ in some] or themed(rows, topic, register)


def topic_words(topic: Sequence[str], group: Sequence[str] = ()) -> set[str]:
    """The topic's words a row is to hold; a group asked for that is a subject is held by that
    subject's words alone ("for young people": "young", said any way, and not "people")."""
    words = set(topic)
    subject = {w for w in words if len(_said(w)) > 1}
    return subject if subject and words <= set(group) else words


def holds(c: Commitment, words: set[str], group: Sequence[str] = ()) -> set[str]:
    """The words a row holds; a word of the group asked for, said in any of its subject's words
    ("young": "aged 16-24", "students"). A topic's other words are held as they are said."""
    return {w for w in words if (_said(w) if w in group else {w}) & c.words}


@lru_cache(maxsize=1024)
def _said(word: str) -> frozenset[str]:
    return frozenset({word}).union(*subjects_asked({word}))


def themed(rows: list[Commitment], topic: list[str], register: Register) -> list[Commitment]:
    """Rows mapped to an outcome of a theme the topic names ("jobs", "environment", "carbon")."""
    themes = themes_named(set(topic), " ".join(topic))
    theme_of = {o.id: o.theme for o in register.charter.outcomes}
    return [c for c in rows if themes & {theme_of.get(o) for o in c.outcomes}]


def by_locality(question: str, rows: list[Commitment]) -> tuple[list[Commitment], list[Commitment]]:
    """(local, elsewhere): of a question about what is local ("local jobs"), the rows flagged NOT_LOCAL
    apart (an office's six jobs in Birmingham are not added up, but said apart); of another, none is."""
    if not _LOCAL.search(question):
        return rows, []
    return [c for c in rows if "NOT_LOCAL" not in c.flags], [c for c in rows if "NOT_LOCAL" in c.flags]


_LOCAL = re.compile(r"\blocal(?:ly)?\b", re.I)
def promises_in(rows: list[Commitment]) -> list[Commitment]:
    """The rows that are promises: a report's rows are evidence of earlier ones, not promises,
    unless its supplier's only documents are reports (then the targets they set are its promises)."""
    promising = {c.supplier for c in rows if c.doc_type != "social_value_report"}
    return [c for c in rows if c.doc_type != "social_value_report" or c.supplier not in promising]


def offers_apart(rows: list[Commitment], reading: Reading,
                 register: Register) -> tuple[list[Commitment], list[Commitment]]:
    """(promises, offers): what bids for tenders not yet awarded offer is not added to what was
    promised on contracts; it is counted as the promises when it is all there is, or when the
    question asks of a lot."""
    bids = register.open_bids() if not reading.lot else set()
    offers = [c for c in rows if c.doc_id in bids]
    if not offers or len(offers) == len(rows):
        return rows, []
    return [c for c in rows if c.doc_id not in bids], offers


def closest(rows: list[Commitment], topic: list[str], group: Sequence[str] = ()) -> list[Commitment]:
    """The rows sharing most topic words ("damp and mould sensors": the sensors, not the survey)."""
    words = topic_words(topic, group)
    shared = [len(holds(c, words, group)) for c in rows]
    best = max(shared, default=0)
    return [c for c, n in zip(rows, shared) if n == best] if best else rows
