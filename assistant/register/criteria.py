"""Award criteria: how a tender's social value is marked, as a charter states it.

They live in the charter YAML (``criteria:``) beside the outcomes they cover, so a place's
charter carries its own marking scheme and the same line-numbered validation. Each criterion has a
weight (its share of the social value mark) and a scale of bands, each saying in commissioners'
words what a bid needs to earn it. assistant/tenders/ suggests a band per bidder; people decide.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator


class Band(BaseModel):
    """One step of a scale: the score and what a bid needs to earn it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    score: float = Field(ge=0)
    needs: str = Field(min_length=3)


DEFAULT_BANDS = (  # the 0/25/50/75/100 scale most councils use, with the evidence each step needs
    Band(score=0, needs="Nothing offered for these outcomes."),
    Band(score=25, needs="Offers only intentions: no number, no date or no place to hold the supplier to."),
    Band(score=50, needs="At least one measurable commitment, but without a delivery date or not local."),
    Band(score=75, needs="Specific, measurable, local commitments, each with a delivery date."),
    Band(score=100, needs="Specific, measurable, local and dated commitments with a credible method: "
                          "the supplier delivered such promises on earlier contracts."),
)


class Criterion(BaseModel):
    """An award criterion: the charter outcomes it covers, its weight and its scale."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1)
    title: str = Field(min_length=3)
    outcomes: list[str] = Field(min_length=1)
    weight: float = Field(gt=0, le=100)
    bands: list[Band] = Field(default_factory=lambda: list(DEFAULT_BANDS), min_length=2)

    @field_validator("outcomes")
    @classmethod
    def _known_outcomes(cls, outcomes: list[str], info: ValidationInfo) -> list[str]:
        known = (info.context or {}).get("outcomes")
        if known is None:
            return outcomes  # validated outside parse_charter: the charter checks references itself
        unknown = [o for o in outcomes if o not in known]
        if unknown:
            raise ValueError(f"{', '.join(unknown)} is not an outcome id of this charter; use one of "
                             f"{', '.join(sorted(set(known)))}")  # a repeated id is listed once
        return outcomes

    @model_validator(mode="after")
    def _scale_rises(self) -> Criterion:
        scores = [b.score for b in self.bands]
        if scores != sorted(set(scores)):
            raise ValueError("bands must be listed from the lowest score to the highest, each score once")
        return self

    @property
    def top(self) -> float:
        return self.bands[-1].score

    def band(self, level: int, levels: int = len(DEFAULT_BANDS)) -> Band:
        """The band for a suggested ``level`` on the default 0..4 ladder, spread over this scale
        (rounded down: a shorter scale gives its top band only for the top of the ladder)."""
        index = max(0, min(level, levels - 1)) * (len(self.bands) - 1) // (levels - 1)
        return self.bands[index]
