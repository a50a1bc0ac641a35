"""Numbers that name a thing rather than count it ("Scope 3", "Phase 2", "Lot 1") and the unit a
figure is asked in ("in tonnes"): an answer must name the ones its question names, and a sentence
of another scope or phase is a near answer to another question."""

from __future__ import annotations

import re

from ingest.text import stem

_UNIT = re.compile(r"\bin (?:what )?(tonnes|tons|kwh|mwh|gwh|litres|hectares|miles)\b", re.I)
# "Scope 3", "Phase 2": not "The 5% Club" (a determiner, and a share)
_LABEL = re.compile(r"(?<!^)\b(?!(?:The|A|An|Our|Its|Their|This|That|These|Those)\s)[A-Z][a-z]+ (\d{1,2})\b"
                    r"(?!\s*+(?:%|per\s?cent\b))")
_LABELLED = re.compile(r"\b(scope|phase|stage|level|tier|lot)s?\s++"
                       r"(\d{1,2}(?:\s*+(?:,|and|&|\+|or|to)\s*+\d{1,2}){0,3}+)", re.I)


def labels_asked(question: str) -> dict[str, set[str]]:
    """The numbered things a question names, by kind: "Scope 3 emissions" -> {"scope": {"3"}}."""
    found: dict[str, set[str]] = {}
    for m in _LABELLED.finditer(question):
        found.setdefault(m.group(1).lower(), set()).update(re.findall(r"\d{1,2}", m.group(2)))
    return found


def names_other_label(asked_labels: dict[str, set[str]], told: dict[str, set[str]]) -> bool:
    """Whether a sentence's numbered things (``told``, as labels_asked reads them) are only other
    numbers of a kind the question numbers ("Scope 1 and 2 ... by 2035" where Scope 3 was asked):
    a near answer of another scope, phase or lot."""
    return any(kind in told and not numbers & told[kind] for kind, numbers in asked_labels.items())


def names_label(asked_labels: dict[str, set[str]], told: dict[str, set[str]]) -> bool:
    """Whether a sentence names a numbered thing the question asks about ("... and Scope 3 by 2045")."""
    return any(numbers & told.get(kind, set()) for kind, numbers in asked_labels.items())


def provisions_in(question: str) -> set[str]:
    """The numbers (as words of the question) that name a legal provision: "section 106", "the
    s106 agreement", "Schedule 2". They name the agreement, not a figure the answer must hold."""
    return {m.group(1) or m.group(0).lower() for m in _PROVISION.finditer(question)}


_PROVISION = re.compile(r"\b(?:section|clause|schedule|paragraph|article|regulation)\s++(\d{1,3})\b|\bs106\b", re.I)


def labels_in(question: str) -> set[str]:
    """Numbers that name a thing rather than count it ("Scope 3", "Phase 2"), and the unit a figure
    is asked in ("in tonnes"): an answer names them."""
    return ({m.group(1) for m in _LABEL.finditer(question.strip())}
            | {stem(m.group(1).lower()) for m in _UNIT.finditer(question)})
