"""`sva eval --register FILE`: does the chat answer register questions with exactly the rows the
register holds for them — no row missing, none extra — and send the other questions to the
documents (or, for what a word means, to the glossary)?

A gold line: ``{"id", "question", "route": "register" | "documents" | "glossary", "rows": [row key, ...],
"home_area": optional (a resident's chosen area), "history": optional [earlier questions]}``.
A row key is ``"<source> :: <the first 60 characters of its text>"`` (``row_key``): it survives
a re-ingest and a retrained statement model, which renumber the ids (``<doc hash>:s<n>``).
``where`` holds the hand-written conditions the expected rows meet; ``derive_rows`` re-derives
``rows`` from them when extraction or mapping change (scripts/register_gold.py).
"""

from __future__ import annotations

from collections.abc import Mapping

from assistant.answers.base import Answer
from assistant.answers.glossary_questions import ABOUT
from assistant.answers.glossary_questions import SOURCE as GLOSSARY
from assistant.answers.promises import PromiseAnswerer
from assistant.register.commitments import Commitment, Register
from assistant.register.flags import place_names
from assistant.register.units import unit_family
from assistant.vocab import is_late
from ingest.text import content_tokens

KEY_CHARS = 60


def row_key(row: Commitment) -> str:
    return f"{row.source} :: {' '.join(row.text.split())[:KEY_CHARS]}"


def evaluate_register(files: dict[str, list[dict]], answerer: PromiseAnswerer) -> dict:
    """Exact-rows accuracy per file and overall, with each question's answer and its wrong rows."""
    keys = {row.id: row_key(row) for row in answerer.register.all()}
    items, per_file = [], {}
    for name, gold in files.items():
        right_here = 0
        for item in gold:
            history = [m for q in item.get("history", []) for m in
                       ({"role": "user", "content": q}, {"role": "assistant", "content": "…"})]
            answer = answerer.answer(item["question"], history, home_area=item.get("home_area"))
            routed = _route(answer)
            got = {keys.get(i, i) for i in answer.rows}
            want = set(item.get("rows") or [])
            right = routed == item["route"] and (routed != "register" or got == want)
            right_here += right
            items.append({"file": name, "id": item.get("id"), "question": item["question"],
                          "route": item["route"], "routed": routed, "right": right,
                          "missing": sorted(want - got), "extra": sorted(got - want),
                          "read_as": answer.question, "answer": answer.answer.split("\n", 1)[0]})
        per_file[name] = {"n": len(gold), "exact_rows": round(right_here / len(gold), 4)}
    n = sum(f["n"] for f in per_file.values())
    return {"exact_rows": round(sum(i["right"] for i in items) / max(n, 1), 4), "n": n,
            "files": per_file, "items": items}


def _route(answer: Answer) -> str:
    """Who answered: the glossary file (a word's meaning, or help on this service), the register,
    or the documents."""
    if answer.citations and all(c.source in (GLOSSARY, ABOUT) and not c.doc_id for c in answer.citations):
        return "glossary"
    return "register" if answer.answerer == "register" else "documents"


def derive_rows(items: list[dict], register: Register) -> list[dict]:
    """``items`` with ``rows`` re-derived from each register question's ``where`` conditions."""
    theme_of = {o.id: o.theme for o in register.charter.outcomes}
    rows = register.all()
    return [item | {"rows": [row_key(c) for c in rows if matches(c, item.get("where", {}), theme_of)]}
            if item["route"] == "register" else item for item in items]


def matches(c: Commitment, where: dict, theme_of: Mapping[str, str]) -> bool:
    """Does row ``c`` meet every condition? supplier, status, late (overdue, or partly delivered
    past its date), flag, kind, rating, year (deadline
    year), names (names this place), not_names (names places, none this one), words (shares one
    with text, section or unit), unit (unit family), promise (not from a report), quantity (has a
    number), outcome (mapped to one of these ids), theme (mapped to this theme)."""
    checks = {
        "supplier": lambda v: c.supplier == v, "status": lambda v: c.status == v,
        "late": lambda v: is_late(c.status, c.late) == v,
        "flag": lambda v: v in c.flags, "kind": lambda v: c.kind == v, "rating": lambda v: c.rating == v,
        "year": lambda v: c.deadline_year == v, "names": lambda v: place_names(c.place, v),
        "not_names": lambda v: bool(c.place) and not place_names(c.place, v),
        "words": lambda v: bool(set(content_tokens(" ".join(v)))
                                & set(content_tokens(f"{c.section} {c.text} {c.unit or ''}"))),
        "unit": lambda v: unit_family(c.unit) == v,
        "promise": lambda v: (c.doc_type != "social_value_report") == v,
        "quantity": lambda v: (c.quantity is not None) == v,
        "outcome": lambda v: bool(set(v) & set(c.outcomes)),
        "theme": lambda v: any(theme_of.get(o) == v for o in c.outcomes),
    }
    unknown = set(where) - set(checks)
    if unknown:
        raise ValueError(f"unknown condition(s) {sorted(unknown)} in a gold question; use {sorted(checks)}")
    return all(checks[k](v) for k, v in where.items())
