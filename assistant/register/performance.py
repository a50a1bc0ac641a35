"""Procurement Act 2023 contract performance: a rating per contract, and the register as the rows
of a contract performance notice (contract, KPI, target, actual, period, rating, evidence).

A commitment's own rating is Commitment.rating (assistant/register/commitments.rate). A contract
(a supplier's tender response that won: not a bid still in evaluation) is rated by the median of
its rated commitments; commitments rated "other" (not yet due, or nothing to measure) do not
count, and a contract with none is "other".
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from assistant.errors import write_error
from assistant.register.commitments import Commitment
from assistant.register.exports import inert
from assistant.vocab import RATING_LABELS, Rating
from ingest.quantities import amount_text

_LEVEL: dict[Rating, int] = {"inadequate": 1, "requires_improvement": 2, "approaching_target": 3, "good": 4}
COLUMNS = ("contract", "supplier", "kpi", "target", "actual", "period", "rating", "evidence")


def contract_of(c: Commitment) -> str:
    """The contract a commitment belongs to: its supplier and the response that made it."""
    return f"{c.supplier or 'unnamed supplier'} — {c.source}"


def contract_rows(rows: list[Commitment], open_bids: set[str]) -> list[Commitment]:
    """The commitments of contracts: tender responses, not the bids of a tender still being
    evaluated (``open_bids``: documents ingested with --tender) nor reports, policies or
    schedules, which promise nothing a contract is rated on."""
    return [c for c in rows if c.doc_type == "tender_response" and c.doc_id not in open_bids]


def contract_ratings(rows: list[Commitment]) -> dict[str, Rating]:
    levels: dict[str, list[int]] = defaultdict(list)
    for c in rows:
        levels[contract_of(c)]  # every contract gets a rating, "other" when nothing is rated
        if c.rating in _LEVEL:
            levels[contract_of(c)].append(_LEVEL[c.rating])
    by_level = {level: rating for rating, level in _LEVEL.items()}
    return {contract: by_level[sorted(found)[(len(found) - 1) // 2]] if found else "other"
            for contract, found in levels.items()}


def notice_rows(rows: list[Commitment]) -> list[list]:
    out = []
    for c in rows:
        actual = next((e.quantity for e in c.evidence if e.role == "evidence" and e.quantity is not None), None)
        cited = next((e for e in c.evidence if e.role == "evidence"), None)
        evidence = f"“{cited.quote}” ({cited.source}{f', p. {cited.page}' if cited.page else ''})" if cited else ""
        out.append([contract_of(c), c.supplier, c.text, amount_text(c.quantity, c.unit), amount_text(actual, c.unit),
                    c.deadline or "", RATING_LABELS[c.rating].short, evidence])
    return out


def write_notice_csv(rows: list[Commitment], path: Path) -> None:
    """The rows of a contract performance notice, one per commitment, each with its rating."""
    try:
        with open(path, "w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            writer.writerows(inert(row) for row in notice_rows(rows))
    except OSError as exc:
        raise write_error(path, exc) from exc


