"""Files a moderation panel passes round: the score sheet (CSV), the clarification questions
(CSV, or a Word document grouped by bidder), and the evaluation report (report.py).

Spreadsheet cells go through register.exports.inert: a bidder's text never runs as a formula.
"""

from __future__ import annotations

import csv
from pathlib import Path

from assistant.errors import write_error
from assistant.register.exports import inert
from assistant.tenders.questions import Question
from assistant.tenders.scoring import Evaluation

SHEET_COLUMNS = ("tender", "supplier", "rank", "total", "criterion", "title", "weight", "suggested",
                 "override", "final", "note", "decided_by", "decided_at", "reasons")
QUESTION_COLUMNS = ("supplier", "commitment_id", "flags", "question", "source", "page", "quote")


def sheet_rows(evaluation: Evaluation) -> list[list]:
    rows = []
    for b in evaluation.bidders:
        for c in evaluation.criteria:
            s = b.score(c.id)
            d = s.decision
            reasons = " | ".join(f"{r.text} “{r.citation.quote}” ({r.citation.label()})" for r in s.reasons)
            rows.append([evaluation.tender.id, b.supplier, b.rank, b.total, c.id, c.title, c.weight, s.score,
                         "" if s.override is None else s.override, s.final, d.note if d else "",
                         d.who if d else "", d.at if d else "", reasons])
    return rows


def write_sheet_csv(evaluation: Evaluation, path: Path) -> None:
    _write_csv(path, SHEET_COLUMNS, sheet_rows(evaluation))


def write_questions_csv(questions: list[Question], path: Path) -> None:
    _write_csv(path, QUESTION_COLUMNS, [
        [q.supplier, q.commitment_id, ", ".join(q.flags), q.question, q.citation.source,
         q.citation.page or "", q.citation.quote] for q in questions])


def write_questions_docx(questions: list[Question], tender: str, path: Path) -> None:
    """A Word document: one heading per bidder, its questions numbered, each with its passage."""
    from docx import Document

    doc = Document()
    doc.add_heading(f"Clarification questions — tender {tender}", level=1)
    if not questions:
        doc.add_paragraph("No commitment in these bids needs clarifying.")
    for supplier in dict.fromkeys(q.supplier for q in questions):
        doc.add_heading(supplier, level=2)
        for q in (q for q in questions if q.supplier == supplier):
            doc.add_paragraph(q.question, style="List Number")
            source = doc.add_paragraph(f"Source: {q.citation.label()} — flags: {', '.join(q.flags)}")
            source.runs[0].italic = True
    try:
        doc.save(str(path))
    except OSError as exc:
        raise write_error(path, exc) from exc


def _write_csv(path: Path, columns: tuple[str, ...], rows: list[list]) -> None:
    try:
        with open(path, "w", newline="", encoding="utf-8-sig") as handle:  # BOM: Excel reads £
            writer = csv.writer(handle)
            writer.writerow(columns)
            writer.writerows(inert(row) for row in rows)
    except OSError as exc:
        raise write_error(path, exc) from exc
