"""What a figure counts: the family of a count's unit ("new apprenticeships" counts
apprenticeships), whether two units count the same thing, and the key figures are added up and
compared by. Promised vs delivered, restatements and register answers all read units so."""

from __future__ import annotations

import re

from ingest.text import content_tokens
from ingest.vocab import is_rate

# What a count counts, by family: two units of different families never measure the same thing.
_FAMILY_WORDS = (
    ("apprenticeships", r"apprentic"),
    ("placements", r"placements?|work experience|internships?|taster|traineeships?"),
    ("charging points", r"charg(?:ing|ers?)|charge points?"),
    ("vehicles", r"vans?\b|vehicles?|cars?\b|fleet|lorr(?:y|ies)|buses\b|trucks?"),
    ("hours", r"hours?\b|hrs\b"),
    ("days", r"days?\b"),
    ("trees", r"trees?\b|saplings?"),
    ("hectares", r"hectares?|acres?"),
    ("tonnes", r"tonnes?|tco2e?|co2"),
    ("homes", r"homes?\b|houses?\b|properties|dwellings|flats?\b"),
    ("events", r"events?\b|sessions?|workshops?|talks?\b|visits?\b|fairs?\b"),
    ("jobs", r"jobs?\b|roles?\b|posts?\b|positions?|vacanc"),
    ("people", r"people|residents?|staff|employees?|workers?|operatives?|persons?|recruits?|"
               r"starters?|learners?|students?|pupils?|young people|adults?|volunteers?|colleagues?|"
               r"leavers?|veterans?|offenders?|graduates?|trainees?|participants?|beneficiar"),
)
FAMILIES = tuple((name, re.compile(rf"\b(?:{words})", re.I)) for name, words in _FAMILY_WORDS)


def unit_family(unit: str | None) -> str | None:
    """'£', '%', or the family of what a count counts ('new apprenticeships' -> 'apprenticeships')."""
    if not unit:
        return None
    if unit in ("£", "$", "€", "%") or is_rate(unit):  # a rate ("£ per MW") is a family of its own
        return unit
    return next((name for name, pattern in FAMILIES if pattern.search(unit)), None)


def units_agree(a: str | None, b: str | None) -> bool | None:
    """True when both count the same thing, False when they clearly differ, None when unknown."""
    if not a or not b:
        return None
    fa, fb = unit_family(a), unit_family(b)
    if fa and fb:
        # the same family, but whom or what kind: "disabled residents" are not "school leavers"
        da, db = _described(a), _described(b)
        return fa == fb and not (da and db and not da & db)
    if a in ("£", "%") or b in ("£", "%"):
        return a == b
    if a.casefold() == b.casefold():
        return True  # "2 Meet the Buyer events" and "two Meet the Buyer events": both read as "Meet"
    return bool(_count_nouns(a) & _count_nouns(b))


def _described(unit: str) -> set[str]:
    """The words before a unit's family word that say which of the family it counts ("disabled"
    in "disabled Saxton Moor residents"; nothing in "homes retrofitted"): not names, not words any
    count may carry ("new", "local")."""
    words = unit.split()
    head = next((i for i, w in enumerate(words) if any(p.search(w) for _, p in FAMILIES)), 0)
    return _count_nouns(" ".join(words[:head])) - _ANY_COUNT


_ANY_COUNT = set(content_tokens("new local additional extra more paid full part time total further existing "
                                "current qualified unique individual different separate young"))


def _count_nouns(unit: str) -> set[str]:
    """The words of a unit that say what is counted: names ("Saxton Moor") are where, not what."""
    return set(content_tokens(" ".join(w for w in unit.split() if not w[:1].isupper())))


def unit_key(unit: str | None) -> str:
    """What a figure counts, for adding up and comparing: '£', '%', a count's family, else its words."""
    return unit_family(unit) or " ".join(content_tokens(unit or "")) or "(no unit)"
