"""What the CLI prints for people: tables that fit the terminal, amounts as people write them.

Machines use `--json`; these are for reading in an 80-column terminal as well as a wide one.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import StringIO
from typing import TYPE_CHECKING

from assistant.vocab import RATING_LABELS, due_text, status_text
from ingest.records import Provenance
from ingest.vocab import is_rate

if TYPE_CHECKING:
    from assistant.register.commitments import Commitment


def format_amount(quantity: float | None, unit: str | None) -> str:
    """'£45m', '£250k', '30%', '20 apprenticeships'; '' when there is no figure."""
    if quantity is None:
        return ""
    unit = (unit or "").strip()
    if is_rate(unit):  # "£5k per MW"
        return format_amount(quantity, "£") + unit[1:]
    if unit in ("£", "$", "€"):
        for scale, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
            if abs(quantity) >= scale:
                return f"{unit}{_short(quantity / scale)}{suffix}"
        return f"{unit}{_short(quantity)}"
    if unit == "%":
        return f"{_short(quantity)}%"
    return f"{_short(quantity)} {unit}".strip()


def _short(value: float) -> str:
    """At most two decimals, no trailing zeros, thousands separated: 1.5, 12, 1,200."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text or "0"


def where(page: int | None, section: str, limit: int = 60) -> str:
    """', p. 4, § Section name' for a citation line (see ingest.records.Provenance)."""
    return Provenance("", "", page, section).where(limit)


def commitments_table(rows: Sequence[Commitment], width: int) -> str:
    """The register as a table ``width`` columns wide. The commitment wraps, with its source,
    place, outcomes and flags on a dim line beneath; the other columns stay short. Below 120
    columns the supplier and deadline move into the commitment cell, so the text keeps room."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    wide = width >= 120
    table = Table(expand=True, box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1),
                  show_lines=not wide)
    if wide:
        table.add_column("supplier", width=22, overflow="fold")
    table.add_column("commitment", ratio=1, overflow="fold")
    table.add_column("target", width=14 if wide else 7, overflow="fold")
    if wide:
        table.add_column("by", width=18, overflow="fold")
    table.add_column("status", width=12 if wide else 9, overflow="fold")
    table.add_column("rating", width=20 if wide else 11, overflow="fold")
    for c in rows:
        cell = Text()
        if not wide:
            cell.append(c.supplier + "\n", style="bold")
        cell.append(c.said)
        fix = c.correction
        meta = [f"{c.source}{where(c.page, '')}", "" if wide or not c.deadline else f"by: {due_text(c.deadline)}",
                c.place or "", " ".join(c.outcomes), " ".join(c.flags),
                "service standard" if c.kind == "service_standard" else "",
                f"corrected by {fix.who}" if fix is not None else ""]
        cell.append("\n" + " · ".join(m for m in meta if m), style="dim")
        status = status_text(c.status, c.progress, c.late, plain=False)
        amount = format_amount(c.quantity, c.unit if wide or c.unit in ("£", "$", "€", "%") else "")
        rating = RATING_LABELS[c.rating].short
        cells: list[Text | str] = [cell, amount, status, rating]
        if wide:
            cells = [c.supplier, cell, amount, due_text(c.deadline), status, rating]
        table.add_row(*cells)
    out = StringIO()
    console = Console(file=out, width=width, markup=False, highlight=False, force_terminal=False)
    console.print(table)
    count = f"{len(rows)} commitment" + ("" if len(rows) == 1 else "s")
    return out.getvalue() + count + "\n"


def matrix_table(coverage: dict) -> str:
    """The supplier x outcome coverage matrix (see Register.matrix) as a table."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Commitments per supplier and charter outcome")
    table.add_column("supplier")
    for outcome in coverage["outcomes"]:
        table.add_column(outcome, justify="right")
    for supplier in coverage["suppliers"]:
        counts = coverage["counts"][supplier]
        table.add_row(supplier, *(str(counts[o]) if counts[o] else "·" for o in coverage["outcomes"]))
    out = StringIO()
    Console(file=out, markup=False, highlight=False, width=200).print(table)
    return out.getvalue()
