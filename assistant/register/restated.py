"""A promise given twice in its document (in prose and again as a row of its delivery plan) is
one row of the register, citing both: the rule for telling a restatement from a second promise."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.register.units import unit_key
from ingest.quantities import MONTHS, NUMBER_WORDS
from ingest.records import Provenance
from ingest.text import content_tokens, stem

if TYPE_CHECKING:
    from assistant.register.commitments import Commitment

_MONTH = re.compile(MONTHS)
# A time limit ("within five working days") is how fast, not what: two standards sharing one
# are two promises unless their other words agree ("acknowledge complaints" / "return keys")
_NUMBERS = frozenset(stem(word) for word in NUMBER_WORDS)
_DURATION = re.compile(r"(?:(?:working|calendar|business|clear)\s+)?(?:second|minute|hour|day|week|month)s?")


@dataclass(frozen=True)
class Restatement:
    """Where a document gives the same promise again (a row of its delivery plan restating a
    sentence): cited beside the promise, not a row of its own."""

    id: str
    provenance: Provenance
    quote: str

    def as_json(self) -> dict:
        where = self.provenance
        return {"id": self.id, "doc_id": where.doc_id, "source": where.source, "page": where.page,
                "section": where.section, "quote": self.quote}


def once(rows: list[Commitment]) -> list[Commitment]:
    """Each promise once. A document that gives a promise in prose and again as a row of its
    delivery plan ("We commit to spending £2m with SMEs ... by 31 March 2028" and "Spend with SMEs
    ... | £2m | 31 March 2028") made one promise, not two: the later statement is cited on the
    first (``also``), and lends it its evidence when the first has none (see ``_restates``);
    rows without a figure are one only when one says nothing the other does not (see
    ``_says_again``)."""
    kept: list[tuple[Commitment, frozenset[str]]] = []
    for c in rows:
        words = _subject_words(c)
        same = _restates if c.quantity is not None else _says_again
        first = next((k for k, seen in kept if same(k, seen, c, words)), None)
        if first is None:
            kept.append((c, words))
            continue
        first.also.append(Restatement(c.id, c.provenance, c.quote or c.text))
        if c.kind == "commitment" and first.correction is None:
            first.kind = "commitment"  # restated in a plan of commitments: a commitment, whatever else it holds
        if not first.evidence and c.evidence:
            first.evidence, first.status, first.progress = c.evidence, c.status, c.progress
            first.conflict, first.rating, first.late = c.conflict, c.rating, c.late
    return [c for c, _ in kept]


def _subject_words(row: Commitment) -> frozenset[str]:
    """What a row's promise is about: its words less figures, months (a shared deadline is no
    shared subject) and, for a time limit, the unit's words."""
    unit = set(content_tokens(row.unit or "")) if _DURATION.fullmatch((row.unit or "").lower()) else set()
    return frozenset(w for w in content_tokens(row.text) if not any(ch.isdigit() for ch in w)
                     and not _MONTH.fullmatch(w) and w not in _NUMBERS and w not in unit)


def _says_again(first: Commitment, first_words: frozenset[str], later: Commitment,
                later_words: frozenset[str]) -> bool:
    """A promise without a figure given again in its document: a headline, its lede and a bullet
    ("Sir Robert McAlpine commits to net zero carbon within five years" and "Net zero carbon
    within five years"): the same deadline, and every word of the shorter in the longer."""
    shorter, longer = sorted((first_words, later_words), key=len)
    return (first.doc_id == later.doc_id and first.quantity is None and later.quantity is None
            and first.deadline == later.deadline and first.kind == later.kind
            and len(shorter) >= 3 and shorter <= longer)


def _restates(first: Commitment, first_words: frozenset[str], later: Commitment, later_words: frozenset[str]) -> bool:
    """The same promise given again: same document and figure (of either kind: a service
    standard restated in the plan of commitments is one promise), the same unit or one gives
    none, the same place or one names none; and then either the same year with most of the
    shorter text's words in the other, or the same thing counted in the same words
    with the same year or one relative ("within three years" and "By March 2028": "12 new
    apprenticeships" in the prose and in the plan; a bare "12 jobs" twice could be two promises)."""
    if not (first.doc_id == later.doc_id and first.quantity == later.quantity
            and (unit_key(first.unit) == unit_key(later.unit) or not (first.unit and later.unit))
            and (first.place == later.place or not (first.place and later.place))):
        return False
    shorter = min(len(later_words), len(first_words))
    if (first.deadline_year == later.deadline_year and shorter
            and len(later_words & first_words) >= 0.6 * shorter):
        return True
    same_year = first.deadline_year == later.deadline_year or None in (first.deadline_year, later.deadline_year)
    if unit_key(first.unit) == "£" and first.quantity and first.quantity >= 1000:
        # a sum restated in the plan's table: "spending £2.5m with SMEs and VCSEs based in Harrowden"
        # and "Spend with Harrowden SMEs and VCSEs | £2.5m"
        shared = later_words & first_words
        return same_year and len(shared) >= 3 and len(shared) >= 0.3 * shorter
    if _DURATION.fullmatch((first.unit or "").lower()):
        return False  # a time limit counts no thing: "5 working days" twice says nothing of what
    counted = content_tokens(first.unit or "")
    return len(counted) >= 2 and counted == content_tokens(later.unit or "") and same_year
