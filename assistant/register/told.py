"""What a promise's own document says of how it went: the sentence after it ("That target was
achieved in February 2023"), or its own words ("already more than half way towards meeting its
target of 500"). Delivery (assistant/register/delivery.py) reads these before any report."""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.records import StatementRecord


def progress_told(sentence: str) -> float | None:
    """How far towards its target a promise's own sentence says it has come, in per cent of it:
    "with 42.9 per cent achieved to date" (42.9), "already more than half way towards meeting its
    target" (50); None when it says nothing of it."""
    found = _SHARE_DONE.search(sentence)
    if found:
        return float(found.group("pct"))
    return 50.0 if _HALF_WAY.search(sentence) else None


_SHARE_DONE = re.compile(r"(?P<pct>\d{1,3}(?:\.\d++)?)\s?+(?:%|per\s?+cent)\s++(?:has\s++been\s++|have\s++been\s++|"
                         r"was\s++|were\s++)?(?:achieved|delivered|completed|met|reached)\s++(?:to\s++date|so\s++far)\b",
                         re.I)
_HALF_WAY = re.compile(r"\bhalf\s?+-?way\s++(?:towards|to)\b", re.I)


def told_met_next(c: StatementRecord, claim: StatementRecord, document: Callable[[], str]) -> bool:
    """The promise's own document says in its very next sentence that the target was reached ("...
    pledged to offer at least 2,500 degree apprenticeships by 2024. That target was achieved in
    February 2023, a year ahead of schedule.")."""
    if claim.doc_id != c.doc_id or not _THAT_TARGET_MET.match(claim.sentence):
        return False
    return f"{' '.join(c.sentence.split())} {' '.join(claim.sentence.split())}" in " ".join(document().split())


_THAT_TARGET_MET = re.compile(r"\W*+(?:that|this|the|our|its)\s++(?:target|pledge|commitment|goal|ambition|promise)"
                              r"\s++(?:was|has\s++been|had\s++been|is\s++now)\s++(?:\w++\s++)?(?:achieved|met|"
                              r"exceeded|reached|surpassed|delivered|beaten|fulfilled)\b", re.I)
