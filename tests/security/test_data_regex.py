"""Every regex ingest runs on document text is linear-time: pathological inputs, a time budget per
call (issue 16). Patterns only ever matched at a position are fuzzed that way; the rest are searched
and iterated, and the functions that use them run whole."""

from __future__ import annotations

import re
import time

import pytest

from ingest import (
    clauses,
    commitments,
    dated,
    deadlines,
    grammar,
    injection,
    layout,
    loaders,
    quantities,
    targets,
    text,
)
from ingest.document import Block

SIZE = 100_000
BUDGET = 3.0  # seconds per regex call on 100 kB: linear takes milliseconds, catastrophic takes minutes;
#                the margin is for a loaded 2-core machine
FUNCTION_BUDGET = 6.0  # a whole function on 100 kB: 50,000 numbers each judged in context is linear, not free


def _runs() -> dict[str, str]:
    units = ["1", "1,", "1.", " ", "(", "£", "• ", "will ", "£1 ", "\n", "-", "#", "=", "*", "_", "[", "| ",
             "a\t", ". ", "we will deliver ", "A ", "1 ", "2027 ", "by ", "from ", "in the ", "ignore ",
             "the answer ", "a: ", '"', "\\", "<", "a", "Aa", "scope 3, ", "per ", "year ", "*a", "**a",
             "_a ", ".", ".1", "twenty-", "1-", "Mr. ", "e.g. A ", "<source", "](", "|--  ", "20 and ",
             "£2m a year for ", "by March 2027 ", "within 12 ", "aged 16-", "ignore previous ", "1000 jobs "]
    return {u: (u * (SIZE // len(u) + 1))[:SIZE] for u in units}


RUNS = _runs()
MATCHED_AT_A_POSITION = {"_ACTION_ROW", "_DATE_DAY", "_SCHEDULE_YEARS", "_RANGE_TO_UPPER", "_DATE_CELL", "_LEADING_YEAR",
                         "_MD_HEADING", "_MD_TABLE_RULE", "_RULED", "_NUMBERED", "_BULLET", "_LABEL",
                         "_RULE_ONLY", "_PAGE_FURNITURE", "_FIELD", "_COUNTER", "BULLET", "_VALUE_OF", "_RATE",
                         "_DONE_THEN", "_PER_PERIOD", "_SHARE_OF", "_BASELINE_AFTER", "_DATELINE", "_DATE_ALONE", "_SUBJECT",
                         "_OR_MORE", "_PURPOSE", "_YEARLY_AFTER", "_THEY", "_OF_EACH_REQUEST", "_OLDS",
                         "_COUNTED_FROM", "_THERE_WILL_BE"}
MODULES = (text, quantities, deadlines, commitments, clauses, targets, layout, loaders, injection, dated, grammar)
PATTERNS = sorted({(m.__name__, name): value for m in MODULES
                   for name, value in vars(m).items() if isinstance(value, re.Pattern)}.items())


def _timed(call, *args) -> float:
    started = time.perf_counter()
    call(*args)
    return time.perf_counter() - started


@pytest.mark.parametrize(("where", "pattern"), PATTERNS, ids=[f"{m}.{n}" for (m, n), _ in PATTERNS])
def test_each_pattern_is_linear_on_pathological_input(where, pattern):
    module, name = where
    slow = []
    for unit, sample in RUNS.items():
        if name in MATCHED_AT_A_POSITION:
            seconds = _timed(lambda s: [pattern.match(s, i) for i in (0, 1, len(s) // 2)], sample)
        else:
            seconds = _timed(lambda s: (pattern.search(s), list(pattern.finditer(s))), sample)
        if seconds > BUDGET:
            slow.append((unit, round(seconds, 2)))
    assert slow == []


FUNCTIONS = [
    ("split_sentences", text.split_sentences), ("tokens", text.tokens), ("quantities", quantities.quantities),
    ("find_deadline", deadlines.find_deadline), ("main_quantity", targets.main_quantity),
    ("clauses", clauses.pledge_clauses),
    ("written_in", lambda s: dated.written_in([Block(s[:5000], heading=1), Block(s)])),
    ("is_instruction", injection.is_instruction),
    ("lines_to_blocks", lambda s: layout.lines_to_blocks(s.splitlines())),
    ("markdown_blocks", loaders.markdown_blocks),
]


@pytest.mark.parametrize(("name", "function"), FUNCTIONS, ids=[n for n, _ in FUNCTIONS])
def test_each_text_function_is_linear_on_pathological_input(name, function):
    slow = [(unit, round(s, 2)) for unit, sample in RUNS.items()
            if (s := _timed(function, sample)) > FUNCTION_BUDGET]
    assert slow == []


def test_extraction_of_a_hostile_paragraph_stays_within_budget():
    for unit in ("will ", "£1 ", "1 ", "we will deliver ", "Mr. ", "20 and "):
        sample = RUNS[unit][:20_000]
        assert _timed(commitments.extract, [Block(sample)]) < 5, unit
