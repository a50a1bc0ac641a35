"""How a chosen sentence is quoted: a lead-in with its items, one per line; a list item asked "by
when" under the lead-in that dates it; a short lead-in that the best sentence goes on to; a table
asked for as a list, whole."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.answers.fit import Candidate
from assistant.answers.passages import carried_head, table_head, unbulleted
from assistant.answers.question_types import Asked
from assistant.search.retriever import Hit
from ingest.records import ChunkRecord
from ingest.targets import goes_on
from ingest.text import content_tokens


def goes_on_to_list(best: Candidate, candidates: list[Candidate]) -> list[Candidate]:
    """A short lead-in with its items one or two sentences after the best, under the same heading:
    "We're committed to net zero on our estates by 2030." goes on "We will do this by: • ...",
    which says how (its own words rarely share the question's)."""
    at = next((i for i, c in enumerate(candidates) if c is best), len(candidates)) + 1  # a copy follows nothing
    return [c for c in candidates[at:at + 2] if c.hit is best.hit and c.part == best.part and c.items
            and len(content_tokens(c.text)) <= 8][:1]


def with_its_lead_in(cand: Candidate, shape: Asked) -> Candidate:
    """A list item is quoted under its lead-in when it needs it to be read: asked "by when", where
    the date is in the lead-in ("in 2020/21 the Combined Authority will:" + "• Engage 800
    businesses"); and where it goes on from the lead-in's words ("In the first year of the contract
    we:" + "- paid the Real Living Wage to all 214 workers"), which alone says neither who nor when."""
    if not cand.lead or cand.items:
        return cand
    if shape.shape in ("deadline", "date", "when", "year") and not shape.fits(cand.text) and shape.fits(cand.lead):
        return under_its_lead_in(cand)
    if cand.lead.rstrip().endswith(":") and goes_on(cand.text):
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


def whole_table(rows: list[Candidate], candidates: list[Candidate], chunks: Sequence[ChunkRecord],
                limit: int) -> list[Candidate]:
    """The table that ``rows`` (rows of one table, quoted for a list asked) come from, whole, when
    every row of it in the passages retrieved is among them (the table is the list asked for): its
    rows in the document's other passages join them, in the document's order. A table of more
    than ``limit`` rows, or one whose retrieved rows answer only in part, is left as ``rows``."""
    head, doc = rows[0].table, rows[0].hit.chunk.doc_id
    chosen = {id(r) for r in rows}
    if any(c.table == head and c.hit.chunk.doc_id == doc and id(c) not in chosen for c in candidates):
        return rows  # some of its rows do not hold what was asked: those that do are the answer
    quoted = {r.text: r for r in rows}
    whole: dict[str, Candidate] = {}
    for chunk in chunks:
        lines = [line.strip() for line in chunk.text.split("\n") if line.strip()]
        for index, line in enumerate(lines):
            if "|" in line and not _RULE.fullmatch(line) and line not in whole \
                    and table_head(lines, index, carried_head(chunk.header)) == head:
                whole[line] = quoted.get(line) or replace(rows[0], text=line, hit=Hit(chunk, 0.0, 0.0),
                                                         items=[], whole=[], run=[], lead="")
    if not set(quoted) <= set(whole) or len(whole) > limit:
        return rows  # rows read otherwise than their lines (a sentence split off), or too long to quote
    return list(whole.values())


_RULE = re.compile(r"[\s|:-]*+")  # a Markdown table's |---|---| line
