"""Suggested scores: per bidder, per award criterion, a band of the criterion's scale with the
reasons for it, each reason quoting the passage it rests on.

The suggestion climbs a ladder a commissioner would recognise (the default 0/25/50/75/100 bands):
nothing offered for the criterion's outcomes; only intentions (no number); something measurable
but undated or not local; specific, measurable, local and dated; and, on top, a credible method —
the supplier delivered such promises on earlier contracts (their social value reports say so; a
promise partly kept counts only when it came close: rated "approaching target").
An earlier promise for the same outcomes that is overdue with no evidence takes a step off. It is
a suggestion: commissioners override it (see decisions.py) and the weighted total follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from assistant.register.charter import Charter
from assistant.register.commitments import Commitment, Register
from assistant.register.criteria import Criterion
from assistant.tenders.bids import Citation, Tender
from assistant.tenders.decisions import Decision
from assistant.vocab import FLAG_LABELS, THEME_LABELS
from ingest.quantities import amount_text

MAX_REASONS = 6  # bid passages shown per criterion (the strongest first); track record on top


ReasonRole = Literal["bid", "delivered", "overdue"]  # the bid's own commitment, or its track record


@dataclass(frozen=True)
class Reason:
    text: str
    citation: Citation
    role: ReasonRole = "bid"

    def as_json(self) -> dict:
        return {"text": self.text, "role": self.role, "citation": self.citation.as_json()}


@dataclass
class CriterionScore:
    criterion: str
    score: float  # suggested
    reasons: list[Reason]
    band: str  # what the suggested band needs, in the charter's words
    decision: Decision | None = None  # the commissioner's override and note, when made

    @property
    def override(self) -> float | None:
        return self.decision.score if self.decision else None

    @property
    def final(self) -> float:
        return self.score if self.override is None else self.override

    def as_json(self) -> dict:
        return {"criterion": self.criterion, "score": self.score, "override": self.override,
                "reasons": [r.as_json() for r in self.reasons]}


@dataclass
class BidderResult:
    supplier: str
    scores: list[CriterionScore]
    total: float = 0.0
    rank: int = 0

    def score(self, criterion: str) -> CriterionScore:
        return next(s for s in self.scores if s.criterion == criterion)

    def as_json(self) -> dict:
        return {"supplier": self.supplier, "total": self.total, "rank": self.rank,
                "scores": [s.as_json() for s in self.scores]}


@dataclass
class Evaluation:
    """The moderation sheet of one tender: criteria, and bidders best first."""

    tender: Tender
    criteria: list[Criterion]
    bidders: list[BidderResult] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"tender": self.tender.id,
                "criteria": [{"id": c.id, "title": c.title, "weight": c.weight} for c in self.criteria],
                "bidders": [b.as_json() for b in self.bidders]}


def criteria_for(charter: Charter) -> list[Criterion]:
    """The charter's award criteria; a charter with none gets one per theme it covers, equally
    weighted on the default scale (so any tender can be scored with no set-up)."""
    if charter.criteria:
        return list(charter.criteria)
    themes: dict[str, list[str]] = {}
    for o in charter.outcomes:
        themes.setdefault(o.theme, []).append(o.id)
    weight = round(100 / len(themes), 2)
    return [Criterion(id=f"AC{i}", title=THEME_LABELS[theme], outcomes=ids, weight=weight)  # type: ignore[index]
            for i, (theme, ids) in enumerate(themes.items(), 1)]


def evaluate(tender: Tender, register: Register, decisions: dict[tuple[str, str], Decision]) -> Evaluation:
    """Suggested scores for every bidder and criterion, with the commissioners' decisions
    (keyed by (supplier, criterion)) applied, weighted totals and ranks."""
    if register.audience != "all":
        raise ValueError("bids are scored from the full register: scores are for commissioners only")
    evaluation = Evaluation(tender, criteria_for(register.charter))
    for supplier in tender.bidders:
        bid, earlier = tender.bid(register, supplier), tender.earlier(register, supplier)
        scores = [suggest(c, bid, earlier) for c in evaluation.criteria]
        for s in scores:
            s.decision = decisions.get((supplier, s.criterion))
        evaluation.bidders.append(BidderResult(supplier, scores))
    rank(evaluation)
    return evaluation


def rank(evaluation: Evaluation) -> None:
    """Weighted totals (each criterion's final score as a share of its top band, times its
    weight) and ranks, 1 the best; equal totals share a rank."""
    for b in evaluation.bidders:
        b.total = round(sum(c.weight * b.score(c.id).final / c.top for c in evaluation.criteria), 2)
    evaluation.bidders.sort(key=lambda b: (-b.total, b.supplier.lower()))
    for i, b in enumerate(evaluation.bidders):
        previous = evaluation.bidders[i - 1] if i else None
        b.rank = previous.rank if previous and previous.total == b.total else i + 1


def suggest(criterion: Criterion, bid: list[Commitment], earlier: list[Commitment]) -> CriterionScore:
    """One bidder's suggested band for one criterion, and the reasons (each citing a passage)."""
    wanted = set(criterion.outcomes)
    relevant = sorted((c for c in bid if wanted & set(c.outcomes)), key=_strength, reverse=True)
    firm = [c for c in relevant if _strength(c) == 3]
    # a track record is a promise kept: delivered, or so nearly that the Act's rating is
    # "approaching target" (a third of a promise is not "delivered such promises")
    delivered = [c for c in earlier if wanted & set(c.outcomes) and any(e.role == "evidence" for e in c.evidence)
                 and (c.status == "delivered" or (c.status == "partly" and c.rating == "approaching_target"))]
    overdue = [c for c in earlier if wanted & set(c.outcomes) and c.status == "overdue"]
    level = 0 if not relevant else 1 if not any(map(_measurable, relevant)) else 2 if not firm else 3
    if level == 3 and len(firm) >= 2 and delivered:
        level = 4
    if overdue and level > 1:
        level -= 1
    reasons = [_bid_reason(c) for c in relevant[:MAX_REASONS]]
    reasons += [_delivered_reason(c) for c in delivered[:2]] + [_overdue_reason(c) for c in overdue[:2]]
    band = criterion.band(level)
    return CriterionScore(criterion.id, band.score, reasons, band.needs)


def _strength(c: Commitment) -> int:
    """0-3: how many of measurable, dated and local a bid commitment is (measurable as the flags
    judge it: a figure, or a dated whole such as net zero by 2030 or a named standard)."""
    return sum((_measurable(c), "NO_DEADLINE" not in c.flags and bool(c.deadline), "NOT_LOCAL" not in c.flags))


def _measurable(c: Commitment) -> bool:
    return c.quantity is not None or "VAGUE" not in c.flags


def _bid_reason(c: Commitment) -> Reason:
    if _strength(c) == 3:
        said = [amount_text(c.quantity, c.unit), _by(c.deadline or ""), _where(c)]
        text = f"Specific, measurable, local and dated: {', '.join(p for p in said if p)}."
    else:  # what _strength found missing, each in words
        lacks = "; ".join(words for words, missing in (
            ("nothing to measure it by", not _measurable(c)),
            ("no deadline", "NO_DEADLINE" in c.flags or not c.deadline),
            (FLAG_LABELS["NOT_LOCAL"].short, "NOT_LOCAL" in c.flags)) if missing)
        found = f"measurable ({amount_text(c.quantity, c.unit)}) but " if c.quantity is not None else ""
        text = f"Weaker commitment: {found}{lacks}."
    return Reason(text, Citation.of(c))


def _by(deadline: str) -> str:
    """A deadline as a phrase: "by March 2030", but "within three years", "each year" as written."""
    deadline = " ".join(deadline.split())
    if _TIMED.match(deadline):
        return deadline[:1].lower() + deadline[1:]
    return f"by {deadline}"


_TIMED = re.compile(r"(?:by|within|before|in|over|during|until|till|from|at|on|each|every|per|a|an|annually|"
                    r"yearly|monthly|quarterly|weekly|daily|throughout|for|the end)\b", re.I)


def _delivered_reason(c: Commitment) -> Reason:
    e = next(e for e in c.evidence if e.role == "evidence")
    how = "delivered" if c.status == "delivered" else (
        f"partly delivered ({c.progress:g}% of the promise)" if c.progress is not None else "partly delivered")
    return Reason(f"Track record: a similar promise on an earlier contract ({c.source}) was {how}, "
                  "as its report says.", Citation(e.doc_id, e.source, e.page, e.quote), "delivered")


def _overdue_reason(c: Commitment) -> Reason:
    return Reason(f"Track record: an earlier promise for these outcomes is overdue ({c.deadline}) with no "
                  "evidence of delivery.", Citation.of(c), "overdue")


def _where(c: Commitment) -> str:
    return f"in {c.place}" if c.place else "in the contract area"
