"""The flags a register row carries, the questions a commissioner asks of a promise: does it serve
an outcome of the charter (UNMAPPED), can it be measured (VAGUE), is there a date to deliver by
(NO_DEADLINE), is it for the charter's area (NOT_LOCAL)?"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.vocab import Flag
from ingest.records import StatementRecord
from ingest.targets import NET_ZERO


def flags_for(s: StatementRecord, mapped: bool, where: Sequence[str], areas: Sequence[str]) -> list[Flag]:
    """``mapped``: it serves an outcome; ``where``: the places it is for (its document's areas
    when it names none); ``areas``: the charter's."""
    flags: list[Flag] = []
    if not mapped:
        flags.append("UNMAPPED")
    if not measurable(s):
        flags.append("VAGUE")
    if not s.deadline:
        flags.append("NO_DEADLINE")
    if areas and not any(local(p, areas) for p in where):
        flags.append("NOT_LOCAL")
    return flags


def measurable(s: StatementRecord) -> bool:
    """Whether a promise can be measured: its target; for a service standard its time limit
    ("Emergency repairs: attend within 4 hours", "Emergency repairs: 4 hours" are measured in
    hours, not a target); a dated zero ("net zero by 2040", "carbon neutral by 2030", "eliminate
    SF6 by 2050": the figure is nought, said in words); a dated whole or one-off act ("make all
    of our fleet ultra-low emission by 2025", "launch the skills hub by June 2026": done or not by
    then); or a named standard it meets or not ("pay
    the Real Living Wage", "ISO 14001")."""
    return (s.quantity is not None or (s.kind == "service_standard" and _TIME_LIMIT.search(s.sentence) is not None)
            or (s.deadline_year is not None and (NET_ZERO.search(s.text) or _ENDED.search(s.text)
                                                 or _DONE_BY.search(s.text)) is not None)
            or _CHECKABLE.search(s.text) is not None)


# an end to something: by the date, none is left ("eliminating all SF6 by 2050", "phase out diesel by 2030")
_ENDED = re.compile(r"\beliminat\w*|\bphas(?:e|es|ed|ing)\s++out\b|\bend\s++(?:the\s++)?use\s++of\b", re.I)


# the whole of something, or one act, by a date
_DONE_BY = re.compile(r"\b(?:all|every|launch\w*|publish\w*|open|opening|complet\w*|adopt\w*|introduc\w*|"
                      r"establish\w*|appoint\w*|install\w*|implement\w*|in\s++full|set\s++up)\b", re.I)


# A named standard a promise can be checked against, yes or no: "pay the Real Living Wage to all
# staff on the contract", "achieve Disability Confident Leader status", "ISO 14001 certification"
_CHECKABLE = re.compile(r"\b(?:real\s++)?living\s++wage\b|\bdisability\s++confident\b|\biso\s?+\d{4,5}\b|"
                        r"\bb\s?+corp\b|\bcarbon\s++literacy\b|\bcyber\s++essentials\b|\baccredit(?:ed|ation)\b", re.I)


# "within 5 working days", "Emergency repairs: 4 hours", "Emergency Repairs | 2 hours"
_TIME_LIMIT = re.compile(r"\b(?:\d++|one|two|three|four|five|six|seven|ten|twelve|"
                         r"twenty|thirty|sixty)\s++(?:working\s++|calendar\s++|business\s++)?"
                         r"(?:minutes?|hours?|days?|weeks?|months?|seconds?)\b", re.I)


def local(place: str, areas: Sequence[str]) -> bool:
    """Whether a place is (in) one of the areas, by name: one names the other in whole words
    ("Harrowden" and "Harrowden Borough"; never "Bury" and "Canterbury")."""
    return any(_names_within(a, place) or _names_within(place, a) for a in areas)


def place_names(place: str | None, area: str) -> bool:
    """Whether a register row's places ("Harrowden, Stanmoor") name ``area`` (see ``local``)."""
    return local(area, [p for p in (place or "").split(",") if p.strip()])


def _names_within(name: str, text: str) -> bool:
    return re.search(rf"(?<![a-z]){re.escape(name.strip().lower())}(?![a-z])", text.lower()) is not None
