"""How a chosen sentence is quoted: a lead-in with its items, one per line; a list item asked "by
when" under the lead-in that dates it; a short lead-in that the best sentence goes on to."""

from __future__ import annotations

from dataclasses import replace

from assistant.answers.fit import Candidate
from assistant.answers.passages import unbulleted
from assistant.answers.question_types import Asked
from ingest.text import content_tokens


def goes_on_to_list(best: Candidate, candidates: list[Candidate]) -> list[Candidate]:
    """A short lead-in with its items one or two sentences after the best, under the same heading:
    "We're committed to net zero on our estates by 2030." goes on "We will do this by: • ...",
    which says how (its own words rarely share the question's)."""
    at = next((i for i, c in enumerate(candidates) if c is best), len(candidates)) + 1  # a copy follows nothing
    return [c for c in candidates[at:at + 2] if c.hit is best.hit and c.part == best.part and c.items
            and len(content_tokens(c.text)) <= 8][:1]


def with_its_date(cand: Candidate, shape: Asked) -> Candidate:
    """A list item asked "by when" is quoted under its lead-in when that is where the date is ("in
    2020/21 the Combined Authority will:" + "• Engage 800 businesses with skills initiatives")."""
    if shape.shape in ("deadline", "date", "when", "year") and cand.lead and not cand.items \
            and not shape.fits(cand.text) and shape.fits(cand.lead):
        return under_its_lead_in(cand)
    return cand


def under_its_lead_in(cand: Candidate) -> Candidate:
    """A list item quoted as the one item of its lead-in, without its bullet."""
    return replace(cand, text=cand.lead, items=[bare(cand.text)])


def bare(item: str) -> str:
    """A list item without its bullet, as a lead-in's items hold it."""
    return item.lstrip("•▪◦‣*-– ").strip()


def quote(cand: Candidate) -> str:
    """What a chosen sentence quotes: a lead-in with its list items, one per line."""
    return "\n".join([unbulleted(cand.text), *(f"• {item}" for item in cand.whole or cand.items)])

