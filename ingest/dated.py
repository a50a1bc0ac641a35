"""When a document was written, and the deadlines it counts from that day.

"Reduce void losses to 1% over the next three years", in a report of 2020, is due by 2023: a
deadline told from the document's own day becomes a year once that day is known. The day comes
from the document itself: a dateline near its start ("Published 12 March 2020", "date
2017-12-29", a line that is only a date), else the year of a report its title names ("Annual
Report 2022/23": 2023). A deadline counted from a contract's start ("within the first year of the
contract") is left as written: the contract's dates are not the document's.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ingest.deadlines import SPAN_WORD
from ingest.document import Block
from ingest.quantities import MONTHS, word_value

if TYPE_CHECKING:
    from ingest.commitments import Statement

_YEAR = r"(?:19|20)\d\d"
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_DATE = (rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s++(?:{MONTHS})\s++(?P<a>{_YEAR})"
         rf"|(?:{MONTHS})\s++(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s++)?(?P<b>{_YEAR})"
         rf"|(?P<c>{_YEAR})-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/(?P<d>{_YEAR}))")
# "Published: 12 March 2020", "Last updated on 3 May 2023", "date 2017-12-29 ..."
_DATELINE = re.compile(rf"\s*+(?:published|posted|updated|last\s++updated|issued|dated?)\b\s*+:?\s*+"
                       rf"(?:on\s++)?(?:{_WEEKDAY},?\s++)?{_DATE}", re.I)
_DATE_ALONE = re.compile(rf"\s*+(?:{_WEEKDAY},?\s++)?{_DATE}\s*+$", re.I)  # a line that is only a date
# a report and its year, in a title: "Annual Report 2022/23", "2021 Social Value Report"
_REPORT_YEAR = re.compile(
    rf"\b(?:report|review|statements?|accounts|results)\b[\w\s,:–-]{{0,40}}?\b(?P<a>{_YEAR})(?:\s?+[/-]\s?+(?P<b>\d\d))?\b"
    rf"|\b(?P<c>{_YEAR})(?:\s?+[/-]\s?+(?P<d>\d\d))?\s++(?:[A-Za-z]++\s++){{0,3}}?"
    rf"(?:report|review|statements|accounts)\b", re.I)
# a span counted from the day of writing: "over the next three years", "in the coming 18 months",
# "over the next decade", "next year", "later this year"
_FROM_NOW = re.compile(
    rf"\b(?:over|in|within|during|across|for)\s++(?:the\s++)?(?:next|coming|following)\s++"
    rf"(?:(?P<n>{SPAN_WORD})\s++(?P<unit>years?|months?)|(?P<decade>decade))\b(?!\s++of\b)"
    rf"|\b(?P<next>next\s++(?:financial\s++)?year|(?:over|in)\s++the\s++(?:next|coming)\s++year)\b(?!\s++of\b)"
    rf"|\b(?P<this>(?:later\s++)?this\s++(?:financial\s++)?year)\b", re.I)
_LOOKED_AT = 8  # blocks from the start where a dateline is looked for


def written_in(blocks: Sequence[Block]) -> int | None:
    """The year a document was written, from a dateline near its start or its title, else None."""
    for i, block in enumerate(blocks[:_LOOKED_AT]):
        # a date alone is the dateline only right under the title (further on, a timeline's)
        found = _DATELINE.match(block.text) or (_DATE_ALONE.match(block.text) if i < 3 else None)
        if found:
            return int(next(y for y in found.group("a", "b", "c", "d") if y))
    title = next((b.text for b in blocks[:3] if b.heading), "")
    found = _REPORT_YEAR.search(title)
    if found is None:
        return None
    first, second = (found.group("a"), found.group("b")) if found.group("a") else found.group("c", "d")
    return int(first) + 1 if second else int(first)  # a financial year's report comes at its end


def dated(statements: list[Statement], year: int | None) -> list[Statement]:
    """Each statement whose deadline is counted from the day of writing ("over the next three
    years"), given the year it falls due ("over the next three years (from 2020: by 2023)")."""
    if year is None:
        return statements
    out = []
    for s in statements:
        found = (_FROM_NOW.search(s.text) or _FROM_NOW.search(s.deadline or "")
                 if s.deadline_year is None and not s.recurring else None)  # its lead-in's span too
        if found is None:
            out.append(s)
            continue
        due = year + _years(found)
        said = s.deadline or found.group().strip()
        out.append(replace(s, deadline=f"{said} (from {year}: by {due})", deadline_year=due))
    return out


def _years(found: re.Match) -> int:
    if found.group("this"):
        return 0
    if found.group("next"):
        return 1
    if found.group("decade"):
        return 10
    word = found.group("n")
    count = int(word) if word.isdigit() else word_value(word)
    return math.ceil(count / 12) if found.group("unit").lower().startswith("month") else math.ceil(count)
