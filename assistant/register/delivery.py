"""Promised vs delivered: match a supplier's delivery claims in its later social value reports to
its earlier commitments, and judge each commitment's status as of a date.

A claim matches a commitment when both come from the same supplier, say the same thing (embedding
similarity, nudged up when they count the same unit), and do not name different places.
Every match is explainable: the register row carries the evidence quotes with their sources.
Two matching claims with different figures are a conflict: both are kept and shown.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import asdict, dataclass
from datetime import date

import numpy as np

from assistant.vocab import Status
from ingest.quantities import MONTHS
from ingest.records import StatementRecord
from ingest.text import content_tokens

_MONTH_NUMBER = {name.lower(): i for names in (calendar.month_name, calendar.month_abbr)
                 for i, name in enumerate(names) if name} | {"sept": 9}


@dataclass(frozen=True)
class Evidence:
    """A delivery claim quoted from a report."""

    quote: str
    quantity: float | None
    unit: str | None
    doc_id: str
    source: str
    page: int | None
    section: str
    score: float

    def as_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Judgement:
    status: Status
    evidence: tuple[Evidence, ...] = ()
    progress: float | None = None  # delivered / promised, as a percentage, when comparable
    conflict: bool = False


def due_date(deadline: str | None, year: int | None) -> date | None:
    """The last day a dated deadline allows ("by March 2027" -> 2027-03-31)."""
    if year is None:
        return None
    month = 12
    if deadline:
        named = re.search(rf"\b({MONTHS})\b", deadline, re.I)
        if named:
            month = _MONTH_NUMBER[named.group(1).lower()]
        day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s", deadline)
        if named and day:
            return date(year, month, min(int(day.group(1)), calendar.monthrange(year, month)[1]))
    return date(year, month, calendar.monthrange(year, month)[1])


def units_agree(a: str | None, b: str | None) -> bool | None:
    """True when both count the same thing, False when they clearly differ, None when unknown."""
    if not a or not b:
        return None
    if a in ("£", "%") or b in ("£", "%"):
        return a == b
    return bool(set(content_tokens(a)) & set(content_tokens(b)))


class DeliveryMatcher:
    def __init__(self, as_of: date, threshold: float = 0.6, margin: float = 0.12) -> None:
        self.as_of, self.threshold, self.margin = as_of, threshold, margin

    def judge(self, commitments: list[StatementRecord], commitment_vectors: np.ndarray,
              claims: list[StatementRecord], claim_vectors: np.ndarray,
              reporting_suppliers: set[str]) -> list[Judgement]:
        similarity = (commitment_vectors @ claim_vectors.T if len(claims) and len(commitments)
                      else np.zeros((len(commitments), len(claims)), dtype=np.float32))
        return [self._judge(c, similarity[i], claims, reporting_suppliers)
                for i, c in enumerate(commitments)]

    def _judge(self, c: StatementRecord, similarity: np.ndarray, claims: list[StatementRecord],
               reporting: set[str]) -> Judgement:
        scored = []
        for j, claim in enumerate(claims):
            if claim.supplier != c.supplier or claim.doc_id == c.doc_id or _places_clash(c, claim) \
                    or len(claim.sentence) > _LONGEST_CLAIM:
                continue
            agree = units_agree(c.unit, claim.unit)
            score = float(similarity[j]) + (0.1 if agree else -0.15 if agree is False else 0.0)
            if c.beneficiary and claim.beneficiary and \
                    not set(content_tokens(c.beneficiary)) & set(content_tokens(claim.beneficiary)):
                score -= 0.2  # for social enterprises is not for SMEs
            if score >= self.threshold:
                scored.append((score, claim))
        if scored:
            best = max(s for s, _ in scored)
            kept = sorted((p for p in scored if p[0] >= best - self.margin), key=lambda p: -p[0])
            evidence = tuple(Evidence(k.sentence, k.quantity, k.unit, k.doc_id, k.source, k.page,
                                      k.section, round(s, 3)) for s, k in kept)
            return self._delivered(c, evidence)
        due = due_date(c.deadline, c.deadline_year)
        if due is not None and not c.recurring and due < self.as_of:
            return Judgement("overdue")
        return Judgement("no_evidence" if c.supplier in reporting else "promised")

    @staticmethod
    def _delivered(c: StatementRecord, evidence: tuple[Evidence, ...]) -> Judgement:
        figures = [e for e in evidence if e.quantity is not None and units_agree(c.unit, e.unit) is not False]
        conflict = len({e.quantity for e in figures}) > 1
        if c.quantity is None or not figures or (c.unit == "%") != (figures[0].unit == "%"):
            return Judgement("delivered", evidence, None, conflict)
        delivered = figures[0].quantity or 0.0
        progress = round(100 * delivered / c.quantity, 1) if c.quantity else None
        if _CEILING.search(c.text):
            met = delivered <= c.quantity  # "keep accidents below 0.10"
        else:
            met = progress is None or progress >= 100
        return Judgement("delivered" if met else "partly", evidence, progress, conflict)


_LONGEST_CLAIM = 400  # longer "sentences" are flattened tables, not claims
_CEILING = re.compile(r"\b(below|under|less than|no more than|fewer than|at most|maximum of|cap)\b", re.I)


def _places_clash(c: StatementRecord, claim: StatementRecord) -> bool:
    """Both name places and share none (volunteering in Leeds is not volunteering in Millbrook)."""
    if not c.places or not claim.places:
        return False
    ours = {p.lower() for p in c.places}
    return not any(p.lower() in ours or any(p.lower() in o or o in p.lower() for o in ours)
                   for p in claim.places)
