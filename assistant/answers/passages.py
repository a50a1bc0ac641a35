"""How a passage's lines are read around a sentence: the neighbours it is read with, the list
items under a lead-in ("We will:" + "• train 50 staff"), the header row a table row sits under,
quoted table rows shown back as a small table, and whether two sentences say different things."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from assistant.answers.base import Table, row_cells
from assistant.answers.question_types import counts
from ingest.kinds import listed_count
from ingest.quantities import quantities
from ingest.records import ChunkRecord
from ingest.text import content_tokens, overlap


class Quoted(Protocol):
    text: str
    table: str | None  # the header row of the table the quote is a row of


_BULLET = re.compile(r"^(?:[•\-*+▪◦]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")


# a next sentence that goes on about this one: what it achieved, what it means, where it stands
_GOES_ON = re.compile(r"^(?:(?:This|That|These|Which)\s+(?:has|have|had|was|were|means?|meant|takes?|took|"
                      r"brings?|brought|represents?|exceeds?|exceeded|equates?)"
                      # "The figure is more than double what was paid in 2017"
                      r"|(?:The|This) (?:figure|total|sum|amount) (?:is|was|has|represents|exceeds)"
                      # what becomes of those it names: "38 operatives will transfer ... They will keep ..."
                      r"|They (?:will|would|shall)"
                      r")\b[^\n]*")
# a sentence counting a part of what the one before it counts ("Nine are in carpentry", "Of these,
# 12 were women")
_LEANS_BACK = re.compile(
    r"^(?:Of (?:these|them|those|which|whom)|(?:All|Most|Half|Some|Many|None|Each|Two|Three|Four|Five|Six|Seven|"
    r"Eight|Nine|Ten|Eleven|Twelve|Twenty|Thirty|\d[\d,]*) (?:of (?:these|them|those|whom)|are|were)\b|"
    r"The (?:rest|remainder|others) (?:are|were)\b|"
    # what the one before it is: "This is one of several projects set to be scaled up"
    r"(?:This|That|These|It) (?:is|are|was|were) (?:also )?(?:one|part|among)\b)")


def unbulleted(line: str) -> str:
    """A list line without its bullet ("- created 22 apprenticeships"): quoted, it reads as a sentence."""
    return _BULLET.sub("", line) if line[:1] in "-*+" else line


def joined(sentence: str, before: str, after: str) -> str:
    """A sentence with the neighbours it needs to be read alone: the next one when it goes on
    about it ("... to 30,000 tonnes. This means we have met our goal"), the one before when it
    counts a part of what that one counts ("We created 22 apprenticeships. Nine are in carpentry") or
    says what it is ("... iPads and data for customers in fuel poverty. This is one of several projects")."""
    goes_on = _GOES_ON.match(after)
    if goes_on:
        sentence = f"{sentence} {goes_on.group(0)}"
    return f"{before} {sentence}" if before and _LEANS_BACK.match(sentence) else sentence


def counted_list(lines: list[str], index: int, sentence: str) -> list[str]:
    """The items a sentence counts though it ends with a full stop, when as many follow as it
    says ("we have created standards in relation to four key areas." + four bullets)."""
    n = listed_count(sentence.rstrip(" .") + ":") if sentence.endswith(".") else 0
    items = items_after(lines, index) if n else []
    return items if len(items) == n else []


def items_after(lines: list[str], index: int, limit: int = 12) -> list[str]:
    """The list items that follow a lead-in line ("We will:" + "• train 50 staff" ...)."""
    items: list[str] = []
    for line in lines[index + 1:]:
        if not _BULLET.match(line) or len(items) >= limit:
            break
        items.append(_BULLET.sub("", line).strip())
    n = listed_count(lines[index]) if not items and index < len(lines) else 0
    following = lines[index + 1:index + 1 + n]
    # "in four key areas:" + four lines that lost their bullets (fewer when the passage ends first)
    if 2 <= n <= limit and following and (len(following) == n or index + len(following) == len(lines) - 1) \
            and not any(line.rstrip().endswith(":") for line in following):
        items = [line.strip() for line in following]
    return items


def introduces(lines: list[str], index: int, heading: Callable[[str], bool]) -> bool:
    """Whether a lead-in with no list ("Social value is defined as:") introduces the line after
    it (a definition, a quotation), not a heading, a table or another lead-in: alone it says nothing."""
    after = lines[index + 1] if index + 1 < len(lines) else ""
    return bool(after) and not (heading(after) or "|" in after or after.endswith(":"))


def items_run_on(items: list[str], following: str, limit: int = 12, count: int = 0) -> list[str]:
    """A lead-in's items when its list runs to the end of its passage: those the next passage of
    the document opens with are its too (less those the passages' overlap repeats); of a list
    whose lead-in says how many (``count``), the lines that make up that many."""
    lines = [line.strip() for line in following.split("\n") if line.strip()]
    more = items_after([":", *lines], 0, limit)
    if not more and count > len(items):
        more = lines[:count - len(items)]
    if items and any(m != items[-1] and m.startswith(items[-1]) for m in more):  # it ended inside its last item
        items = items[:-1]
    return (items + [item for item in more if item not in items])[:limit]


def list_context(lines: list[str], index: int) -> str:
    """What says when a list item's deed was or is to be done, for an item that does not say
    ("• 1 Meet the Contractor event"): the lead-in its list hangs from ("Key highlights so far:"),
    else, when the passage opens inside the list, the other items ("• 4 apprentices have worked
    92 weeks"); "" for a line that is no list item."""
    if not _BULLET.match(lines[index]):
        return ""
    start, end = index, index + 1
    while start > 0 and _BULLET.match(lines[start - 1]):
        start -= 1
    if start and lines[start - 1].rstrip().endswith(":"):
        return lines[start - 1]
    while end < len(lines) and _BULLET.match(lines[end]):
        end += 1
    return " ".join(lines[start:index] + lines[index + 1:end]) if start == 0 else ""


def listed_under_heading(lines: list[str], index: int, heading: Callable[[str], bool]) -> list[str]:
    """The list a bullet line sits in, when it hangs from a heading rather than from a lead-in
    sentence: the heading line and the items ("Business Travel" + "- Purchasing only EV ..."), or
    the items alone when the list opens the passage (its heading is the passage's own); else none."""
    if not _BULLET.match(lines[index]):
        return []
    start = index
    while start > 0 and _BULLET.match(lines[start - 1]):
        start -= 1
    if start == 0:
        return items_after(lines, -1)
    return [lines[start - 1].rstrip(" :") + ":", *items_after(lines, start - 1)] if heading(lines[start - 1]) else []


_PERIOD = re.compile(r"\b(?:FY\d\d(?:/\d\d)?|Q[1-4]|(?:19|20)\d\d(?:/\d\d(?:\d\d)?)?)\b", re.I)


def header_row(row: str, head: str | None) -> bool:
    """A table's first row with no figure but its periods ("KPI | FY21 | FY22 | 2026 ambition")
    names the columns: it answers nothing."""
    return "|" in row and head is None and not re.search(r"\d", _PERIOD.sub(" ", row))


def table_head(lines: list[str], index: int, carried: str = "") -> str | None:
    """The first row of the table a row sits in (its header), or None when the row is the first.
    A passage that starts inside a table carries the table's header row (``carried``)."""
    start = index
    while start > 0 and "|" in lines[start - 1]:
        start -= 1
    if start == 0 and carried:
        return carried
    return lines[start] if start < index else None


def carried_head(header: str) -> str:
    """The table header row a passage's header line carries (see ingest.document.Chunk.header)."""
    _, _, row = header.partition("\n")
    return row if "|" in row else ""


def rows_table(chosen: Sequence[Quoted]) -> Table | None:
    """When every quote is a row of one table, the rows under that table's header, each with its
    [n], so the answer shows as a small table; else None."""
    heads = {c.table for c in chosen}
    if len(heads) != 1 or None in heads or not all("|" in c.text for c in chosen):
        return None
    headers = row_cells(chosen[0].table or "")
    rows = [row_cells(c.text) for c in chosen]
    width = max(len(headers), *map(len, rows))
    headers += [""] * (width - len(headers))
    return Table(headers + ["Source"], [row + [""] * (width - len(row)) + [f"[{n}]"]
                                        for n, row in enumerate(rows, start=1)])


def mostly_links(text: str) -> bool:
    """Mostly web addresses: a list of links, no answer."""
    return sum(len(m) for m in re.findall(r"https?://\S+", text)) > 0.4 * len(text)


def says_else(a: str, b: str, strict: bool) -> bool:
    """Whether two sentences say different things: few words in common, or, when a figure was
    asked for, different figures ("20 apprenticeships ... by 2027" in the bid, "6 horticulture
    apprenticeships ... by 2028" in the lot's: both are answers, and the difference is the news).
    A sentence quoted whole inside the other says nothing else."""
    if holds(a, b) or holds(b, a):
        return False
    return overlap(a, b) < 0.6 or strict and figures_in(a) != figures_in(b)


def holds(a: str, b: str) -> bool:
    """Whether quote ``a`` holds all of quote ``b`` (a sentence quoted with its neighbour holds it;
    "We spent £1.3m with SMEs in 2025/26" holds the list item "- spent £1.3m with SMEs;")."""
    held = " ".join(b.lower().split()).strip("•▪◦‣*-–").rstrip(". ;,").strip()
    return bool(held) and held in " ".join(a.lower().split())


def figures_in(text: str, counted: str | None = None) -> frozenset[float]:
    """The figures a text gives; with ``counted`` ("apprentice"), those of that thing when it gives
    any ("created 22 apprenticeships, beating our target of 20 a year early": 22), else all."""
    found = quantities(text)
    if counted:
        own = frozenset(q.value for q in found if counts(counted, set(content_tokens(q.unit))))
        if own:
            return own
    return frozenset(q.value for q in found)


def document_terms(chunks: Iterable[ChunkRecord]) -> dict[str, set[str]]:
    """Per document, the words of its title, of the supplier and areas it was stored for (a
    report need not name its own project: "Lewisham Gateway" stored as the supplier) and of all
    its retrieved passages."""
    passages = {id(chunk): chunk for chunk in chunks}  # each passage once
    terms: dict[str, set[str]] = {}
    for chunk in passages.values():
        stored = " ".join([chunk.supplier, *chunk.areas])
        terms.setdefault(chunk.doc_id, set()).update(content_tokens(f"{chunk.title} {stored} {chunk.context}"))
    return terms
