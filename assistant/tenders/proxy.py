"""Proxy values, when the buyer brings them: a measures table (CSV: code, description, unit,
value, source, year — the council's licensed TOMs or its own £-per-unit values; sva ships none),
each quantified bid commitment mapped to a measure (suggested by unit and shared words; a
commissioner's choice wins) and valued, with warnings where the figure should not be trusted as
is: the same people or money under two measures (double counting), group-wide figures, and
promises not specific to this contract's area.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.register.commitments import Commitment, Register
from assistant.tenders.bids import Tender, TenderError
from ingest.text import content_tokens

COLUMNS = ("code", "description", "unit", "value", "source", "year")
_GROUP_WIDE = re.compile(r"\b(across (?:the|our) (?:group|business|company|contracts|sites)|group[- ]wide|"
                         r"company[- ]wide|nationally|national(?:ly)? (?:total|figure)|all our contracts)\b", re.I)


@dataclass(frozen=True)
class Measure:
    code: str
    description: str
    unit: str
    value: float  # £ per unit
    source: str
    year: str


@dataclass
class Valued:
    commitment: Commitment
    measure: Measure | None
    chosen: bool  # a commissioner picked the measure (else it was suggested)
    warnings: list[str] = field(default_factory=list)

    @property
    def value(self) -> float | None:
        if self.measure is None or self.commitment.quantity is None:
            return None
        return round(self.commitment.quantity * self.measure.value, 2)

    def as_json(self) -> dict:
        c = self.commitment
        return {"supplier": c.supplier, "commitment_id": c.id, "text": c.text, "quantity": c.quantity,
                "unit": c.unit, "measure": self.measure.code if self.measure else None, "chosen": self.chosen,
                "value": self.value, "warnings": self.warnings}


def parse_measures(text: str, source: str = "measures") -> list[Measure]:
    """The measures in a CSV table; a TenderError listing every bad row by its line."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows or [h.strip().lower() for h in rows[0][:len(COLUMNS)]] != list(COLUMNS):
        raise TenderError(f"{source}: line 1 must be the header {','.join(COLUMNS)}")
    measures, problems, seen = [], [], set()
    for line, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        cells = [c.strip() for c in row] + [""] * (len(COLUMNS) - len(row))
        code, description, unit, value, origin, year = cells[:len(COLUMNS)]
        try:
            amount = float(value.replace("£", "").replace(",", ""))
        except ValueError:
            problems.append(f"line {line}: value {value!r} is not a number of £ per unit")
            continue
        if not code or not description or not unit:
            problems.append(f"line {line}: code, description and unit are all needed")
        elif code in seen:
            problems.append(f"line {line}: code {code} is listed twice")
        else:
            seen.add(code)
            measures.append(Measure(code, description, unit, amount, origin, year))
    if problems:
        raise TenderError(f"{source} is not a valid measures table:\n  " + "\n  ".join(problems))
    return measures


def load_measures(path: Path) -> list[Measure]:
    try:
        return parse_measures(path.read_text(encoding="utf-8-sig"), str(path))
    except (OSError, UnicodeDecodeError) as exc:
        raise TenderError(f"cannot read {path} ({exc}); save the measures table as UTF-8 CSV") from exc


def suggest_measure(c: Commitment, measures: list[Measure]) -> Measure | None:
    """The measure of the same kind of unit sharing most words with the commitment."""
    if c.quantity is None or c.unit == "%":
        return None  # a percentage has no base to value
    words = set(content_tokens(f"{c.text} {c.unit or ''}"))
    best, found = 0, None
    for m in measures:
        if (m.unit == "£") != (c.unit == "£"):
            continue
        shared = len(words & set(content_tokens(f"{m.description} {m.unit}")))
        if shared > best:
            best, found = shared, m
    return found


def value(tender: Tender, register: Register, measures: list[Measure],
          choices: dict[str, str]) -> list[Valued]:
    """Every quantified commitment of every bid, valued, with its warnings."""
    by_code = {m.code: m for m in measures}
    rows = []
    for supplier in tender.bidders:
        for c in tender.bid(register, supplier):
            if c.quantity is None:
                continue
            chosen = c.id in choices
            measure = by_code.get(choices[c.id]) if chosen else suggest_measure(c, measures)
            row = Valued(c, measure, chosen)
            if _GROUP_WIDE.search(c.quote or c.text):
                row.warnings.append("a group-wide figure: ask how much of it is for this contract")
            if "NOT_LOCAL" in c.flags:
                row.warnings.append("not specific to this contract's area")
            rows.append(row)
    _double_counting(rows)
    return rows


def _double_counting(rows: list[Valued]) -> None:
    """The same number for the same bidder under two measures is probably the same people or money."""
    for i, a in enumerate(rows):
        for b in rows[i + 1:]:
            if (a.measure and b.measure and a.measure.code != b.measure.code
                    and a.commitment.supplier == b.commitment.supplier
                    and a.commitment.quantity == b.commitment.quantity):
                for x, y in ((a, b), (b, a)):
                    x.warnings.append(f"possible double counting with {y.commitment.id} under "
                                      f"{y.measure.code if y.measure else ''}: the same figure, another measure")
