"""Clarification questions: one for every flagged commitment in a bid, drafted from templates (no
language model), quoting the passage, so a commissioner can send them to the bidder as they are.

The question asks for exactly what the flags say is missing: how much (VAGUE), by when
(NO_DEADLINE), for which local area (NOT_LOCAL), which charter outcome it serves (UNMAPPED), and
always how it will be evidenced.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.register.commitments import Commitment, Register
from assistant.tenders.bids import Citation, Tender
from assistant.vocab import Flag
from ingest.records import shorten

ASKS: dict[Flag, str] = {
    "VAGUE": "how many (or how much) exactly",
    "NO_DEADLINE": "by when",
    "NOT_LOCAL": "how much of it will benefit {areas}",
    "UNMAPPED": "which of our charter's outcomes it serves",
}


@dataclass(frozen=True)
class Question:
    supplier: str
    commitment_id: str
    flags: tuple[Flag, ...]
    question: str
    citation: Citation

    def as_json(self) -> dict:
        return {"supplier": self.supplier, "commitment_id": self.commitment_id, "flags": list(self.flags),
                "question": self.question, "citation": self.citation.as_json()}


def draft(c: Commitment, areas: list[str]) -> str:
    """“You commit to ‘…’ (bid.pdf, p. 12). Please tell us how many exactly, by when, and how you
    will evidence it.”"""
    where = f"{c.source}, p. {c.page}" if c.page else c.source
    local = ", ".join(areas[:3]) + (" or elsewhere in our area" if len(areas) > 3 else "") if areas else "our area"
    asks = [ASKS[f].format(areas=local) for f in c.flags]
    return (f"You commit to “{shorten(c.quote or c.text, 220)}” ({where}). Please tell us "
            f"{', '.join(asks)}, and how you will evidence it.")


def questions(tender: Tender, register: Register) -> list[Question]:
    """Every flagged commitment of every bidder, grouped by bidder in reading order."""
    out = []
    for supplier in tender.bidders:
        for c in tender.bid(register, supplier):
            if c.flags:
                out.append(Question(supplier, c.id, tuple(c.flags), draft(c, register.charter.areas),
                                    Citation.of(c)))
    return out
