"""Register exports: CSV and XLSX files a commissioner can open in a spreadsheet."""

from __future__ import annotations

import csv
from pathlib import Path

from assistant.errors import write_error
from assistant.register.commitments import Commitment

COLUMNS = ("id", "kind", "supplier", "text", "quantity", "baseline", "unit", "deadline", "place",
           "outcomes", "flags", "status", "progress", "late", "rating", "source", "page", "section", "quote", "also")


def _cells(c: Commitment) -> list:
    row = c.as_json()
    row["also"] = "; ".join(f"{r.provenance.label()}: {r.quote}" for r in c.also)  # the promise given again
    return [", ".join(row[k]) if isinstance(row[k], list) else row[k] for k in COLUMNS]


def write_csv(rows: list[Commitment], path: Path) -> None:
    try:
        with open(path, "w", newline="", encoding="utf-8-sig") as handle:  # BOM: Excel reads £
            writer = csv.writer(handle)
            writer.writerow(inert(list(COLUMNS)))
            writer.writerows(inert(cell) for cell in map(_cells, rows))
    except OSError as exc:
        raise write_error(path, exc) from exc


def write_xlsx(rows: list[Commitment], path: Path, matrix: dict | None = None) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Commitments"
    sheet.append(inert(list(COLUMNS)))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in map(_cells, rows):
        sheet.append(inert(row))
    sheet.freeze_panes = "A2"
    if matrix:
        grid = book.create_sheet("Coverage")
        grid.append(inert(["supplier", *matrix["outcomes"]]))
        for supplier in matrix["suppliers"]:
            grid.append(inert([supplier, *(matrix["counts"][supplier][o] for o in matrix["outcomes"])]))
    for ws in book.worksheets:  # nothing we write is a formula, whatever openpyxl guessed
        for line in ws.iter_rows():
            for cell in line:
                if cell.data_type == "f":
                    cell.data_type = "s"
    try:
        book.save(path)
    except OSError as exc:
        raise write_error(path, exc) from exc


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def inert(row: list) -> list:
    """Text from documents, suppliers' names and charters must not run as a spreadsheet formula:
    a cell starting with = + - @ (or a tab or line break before one, or their full-width forms)
    is written as text behind a leading apostrophe."""
    return ["'" + v if isinstance(v, str) and v.lstrip(" ")[:1] in _FORMULA_START else v
            for v in row]
