"""The register's words, typed once, with the one table of how each is said to people.

The CLI, the app and the printable report all take their labels from here. The document words
(DocType, Audience) and statement kinds live in ingest/vocab.py, the stage that first uses them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, get_args

from ingest.vocab import Audience, DocType

Kind = Literal["commitment", "service_standard"]  # the register's two lists
Status = Literal["promised", "delivered", "partly", "no_evidence", "overdue", "needs_review"]
Flag = Literal["UNMAPPED", "VAGUE", "NO_DEADLINE", "NOT_LOCAL"]
Rating = Literal["good", "approaching_target", "requires_improvement", "inadequate", "other"]
# how a report's sentence bears on a promise: evidence of it; context (another contract, the whole
# group, what is still to do); or the same work done at another site than the one promised
EvidenceRole = Literal["evidence", "context", "elsewhere"]
Theme = Literal["jobs_skills", "local_economy", "environment", "communities", "equality",
                "innovation", "safety_quality"]

KINDS: tuple[Kind, ...] = get_args(Kind)
STATUSES: tuple[Status, ...] = get_args(Status)
FLAGS: tuple[Flag, ...] = get_args(Flag)
RATINGS: tuple[Rating, ...] = get_args(Rating)
THEMES: tuple[Theme, ...] = get_args(Theme)


@dataclass(frozen=True)
class Label:
    short: str  # tables, the CLI, the printable report
    plain: str  # a sentence's worth, for residents and tooltips


STATUS_LABELS: dict[Status, Label] = {
    "promised": Label("Promised, not yet due", "Promised, not due yet"),
    "no_evidence": Label("No evidence reported yet", "Not reported as delivered yet"),
    "delivered": Label("Delivered", "Reported as delivered"),
    "partly": Label("Partly delivered", "Reported as partly delivered"),
    "overdue": Label("Deadline passed, no evidence", "Deadline passed, not reported as delivered"),
    "needs_review": Label("Needs review", "The reports give figures that need checking"),
}


def status_text(status: Status, progress: float | None = None, late: bool | None = None,
                plain: bool = True) -> str:
    """A row's status as told: "Reported as partly delivered (36% of the promise), deadline
    passed". Part of a promise whose date has gone by is late, as one with no evidence is."""
    label = STATUS_LABELS[status]
    text = label.plain if plain else label.short
    if status == "partly":
        text += f" ({progress:g}% of the promise)" if progress is not None else ""
        text += ", deadline passed" if late else ""
    return text


def due_text(deadline: str | None) -> str:
    """A deadline as told: a bare rate reads as how often ("per year", "a week", "annual" ->
    "every year", "every week"); any other deadline as the document said it."""
    said = " ".join((deadline or "").split())
    rate = _BARE_RATE.fullmatch(said)
    if rate is None:
        return said
    return "every year" if rate.group("yearly") else f"every {rate.group('unit').lower()}"


_BARE_RATE = re.compile(r"(?:a|an|per)\s(?P<unit>week|month|quarter|year|day)|(?P<yearly>per\sannum|annual|p\.a\.)",
                        re.I)


def is_late(status: Status, late: bool | None) -> bool:
    """Past its date and not kept: overdue, or partly delivered once the deadline has gone by."""
    return status == "overdue" or status == "partly" and bool(late)


FLAG_LABELS: dict[Flag, Label] = {
    "UNMAPPED": Label("fits no charter outcome", "matches none of the charter's outcomes"),
    "VAGUE": Label("no measurable target", "has no target it can be measured by"),
    "NO_DEADLINE": Label("no deadline", "has no date to deliver by"),
    "NOT_LOCAL": Label("not local to the area", "names no place in the charter's area"),
}
RATING_LABELS: dict[Rating, Label] = {  # Procurement Act 2023 contract performance ratings
    "good": Label("Good", "The target was met"),
    "approaching_target": Label("Approaching target", "At least 80% of the target so far"),
    "requires_improvement": Label("Requires improvement", "Between half and 80% of the target so far"),
    "inadequate": Label("Inadequate", "Under half of the target, or the deadline passed with no evidence"),
    "other": Label("Other", "Not yet due, or no measurable target"),
}
ROLE_LABELS: dict[EvidenceRole, Label] = {
    "evidence": Label("Evidence", "The supplier reported"),
    "context": Label("Context, not counted (other contracts, the whole group, or still to do)",
                     "Also reported, not counted for this promise"),
    "elsewhere": Label("At another site than the one promised", "Reported, but at another site than the one promised"),
}
KIND_LABELS: dict[Kind, Label] = {
    "commitment": Label("Commitment", "A social value promise"),
    "service_standard": Label("Service standard", "How well the service itself will run (a KPI)"),
}
DOC_TYPE_LABELS: dict[DocType, str] = {
    "tender_response": "Tender response", "social_value_report": "Social value report",
    "policy": "Policy", "other": "Other"}
AUDIENCE_LABELS: dict[Audience, str] = {"public": "Public", "restricted": "Restricted"}
THEME_LABELS: dict[Theme, str] = {
    "jobs_skills": "Jobs and skills", "local_economy": "Local economy", "environment": "Environment",
    "communities": "Communities", "equality": "Equality, diversity and inclusion",
    "innovation": "Innovation", "safety_quality": "Safety and quality",
}
