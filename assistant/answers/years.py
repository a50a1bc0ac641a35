"""The years a question asks about and the years a sentence names: "in 2020/21?" is not answered
by a figure for 2019-20, and "its 2021 annual report" dates a document, not what is asked of it."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from assistant.answers.question_types import asked

if TYPE_CHECKING:
    from assistant.answers.fit import Candidate
    from ingest.records import ChunkRecord

_YEARS = re.compile(r"\bFY\s?(\d\d)\b|\b(?:FY\s?)?((?:19|20)\d\d)(?:\s?[/–-]\s?((?:19|20)\d\d|\d\d))?\b", re.I)


def years_in(text: str) -> set[int]:
    """The calendar years a text names: "2024/25" and "2023-2024" both years, "2020 to 2025" the
    two ends, "FY22" 2022; a span such as "2020-2025" every year in it."""
    years: set[int] = set()
    for match in _YEARS.finditer(text):
        if match.group(1):
            years.add(2000 + int(match.group(1)))
            continue
        first = int(match.group(2))
        last = int(match.group(3)) if match.group(3) else first
        if last < 100:
            last += first // 100 * 100
        years.update(range(first, last + 1) if 0 <= last - first <= 10 else (first,))
    return years


# a year that dates a document, not what is asked of it ("its 2021 annual report")
_DOCUMENT_YEAR = re.compile(r"\b(?:(?:19|20)\d\d(?:\s?[/–-]\s?\d{2,4})?\s+(?:annual\s+|yearly\s+|progress\s+)?"
                            r"(?:report|review|plan|strategy|survey|accounts|statement|update|policy|charter)s?\b|"
                            r"(?:published|reported|written|issued|dated|released)\s+(?:\w+\s+){0,3}in\s+"
                            r"(?:19|20)\d\d)", re.I)
_DATED = re.compile(r"\W*+(?:in|during|for|by the end of|at the end of)\s++(?:the\s++)?(?:(?:financial|calendar)\s++"
                    r"year\s++)?(?:FY\s?+)?(?:19|20)\d\d\b", re.I)
_RELATIVE_YEAR = re.compile(r"\b(last|this|past|previous|current|next|coming) (?:financial )?year\b", re.I)


def years_asked(question: str) -> set[int]:
    """The years a question asks a figure or fact of (not the years of the documents it names);
    "after 2030" asks of the years after it, to 2060 (a target "by 2030" is not one for after)."""
    question = _DOCUMENT_YEAR.sub(" ", question)
    later = {y for m in _AFTER_YEAR.finditer(question) for y in range(int(m.group(1)) + 1, 2061)}
    return later | years_in(_AFTER_YEAR.sub(" ", question))


_AFTER_YEAR = re.compile(r"\b(?:after|beyond|post-?)\s?((?:19|20)\d\d)\b", re.I)


def financial_years_asked(question: str) -> frozenset[int]:
    """The financial years a question asks of, by their first year ("in 2020/21?" -> 2020)."""
    return frozenset(financial_years(_DOCUMENT_YEAR.sub(" ", question)))


def other_year(asked_years: set[int], text: str, asked_financial: frozenset[int] = frozenset()) -> bool:
    """A sentence of another year than the one asked about: it names years, none of them asked
    ("How much was spent in 2019?" is not answered by what was spent since 2020); asked of a
    financial year, one that names others ("2019-20" does not answer "in 2020/21?", though both
    name 2020). A sentence that dates itself relative to its document ("last year") cannot be
    judged, so it is not."""
    held = years_in(text)
    dated = _DATED.match(text)  # "In 2021, 73% ... this year": its figure is 2021's
    held_financial = financial_years(text) if asked_financial else set()
    other = not asked_financial & held_financial if held_financial else not asked_years & held
    return bool(asked_years and held and other and (dated or not _RELATIVE_YEAR.search(text)))


def relative_years(text: str) -> frozenset[int]:
    """The years a text names relative to its own time, as offsets: "last year" -1, "this year" 0,
    "next year" 1."""
    return frozenset(_OFFSETS[m.group(1).lower()] for m in _RELATIVE_YEAR.finditer(text))


def other_relative_year(asked_offsets: frozenset[int], text: str) -> bool:
    """A sentence of another relative year than the one asked about ("next year?" is not answered
    by what is on course "this year"); a sentence naming none cannot be judged, so it is not."""
    held = relative_years(text)
    return bool(asked_offsets and held and not asked_offsets & held)


_OFFSETS = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}


def financial_years(text: str) -> set[int]:
    """The financial years a text names, by their first year: "2020/21", "2019-20", "2019/2020"."""
    found: set[int] = set()
    for match in _YEARS.finditer(text):
        if match.group(2) and match.group(3):
            first, last = int(match.group(2)), int(match.group(3))
            if (last + first // 100 * 100 if last < 100 else last) == first + 1:
                found.add(first)
    return found


class Periods(NamedTuple):
    """The years and the quarters of a year (1 to 4) a text names."""

    years: set[int]
    quarters: set[int]


def periods_in(text: str) -> Periods:
    """The years and quarters a text names (a document's, read once: see ExtractiveAnswerer)."""
    return Periods(years_in(text), quarters_in(text))


_QUARTER = re.compile(r"\b(?:quarter|qtr)\s++(one|two|three|four|[1-4])\b"
                      r"|\b(first|second|third|fourth|final)\s++quarter\b|\bQ([1-4])\b", re.I)
_QUARTER_NUMBER = {"one": 1, "first": 1, "two": 2, "second": 2, "three": 3, "third": 3, "four": 4, "fourth": 4,
                   "final": 4}


def quarters_in(text: str) -> set[int]:
    """The quarters of a year a text names: "quarter two", "the first quarter", "Q3"."""
    return {int(word) if word.isdigit() else _QUARTER_NUMBER[word.lower()]
            for match in _QUARTER.finditer(text) for word in match.groups() if word}


def of_periods_named(question: str, candidates: list[Candidate],
                     periods_of: Callable[[ChunkRecord], Periods]) -> list[Candidate]:
    """The candidates whose document names the year and the quarter the question asks about: a
    document that never names 2019 holds no figure for 2019, however near its sentences come ("How
    much did Amey spend with social enterprises in 2019?" of a report on 2018), and one on quarter
    two none for quarter one. A yes/no question may still be settled by another year ("net zero by
    2035?" by "net zero by 2040"), so it keeps them all."""
    wanted, quarters = years_asked(question), quarters_in(question)
    if not (wanted or quarters) or asked(question).shape == "yes_no":
        return candidates
    named: dict[str, bool] = {}
    for cand in candidates:
        chunk = cand.hit.chunk
        if chunk.doc_id not in named:
            periods = periods_of(chunk)
            named[chunk.doc_id] = (not wanted or bool(wanted & periods.years)) and (
                not quarters or bool(quarters & periods.quarters))
    return [c for c in candidates if named[c.hit.chunk.doc_id]]
