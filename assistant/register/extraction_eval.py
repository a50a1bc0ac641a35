"""How well extraction does on a labelled corpus (tests/data/labelled's format): per-kind
precision, recall and F1, the share of past claims, aspirations and forecasts kept out of the
register, a confusion matrix, field accuracy, and the same per document.

Each document's Markdown is read as ingest reads it and run through ingest.commitments.extract;
its statements are matched to the labelled sentences by normalised text. A sentence that yields a
commitment, service standard or achievement is predicted that kind (achievement = past_claim);
every other sentence gets the kind the model decided (the old rules, which decide nothing else,
call it "other"). Fields are scored on gold commitments predicted as commitments: quantity within
1%, deadline (same year, or one phrase inside the other), place (one inside the other), and, when
a charter mapper is given, theme (the theme of the outcome the register maps the commitment to,
from its section and text, as the register does).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ingest.commitments import extract, sentence_kinds
from ingest.errors import SvaError
from ingest.kinds import KINDS, KindClassifier
from ingest.loaders import markdown_blocks
from ingest.text import normalize
from ingest.vocab import DocType

# documents.jsonl genre -> the document type ingest takes (--doc-type)
DOC_TYPES: dict[str, DocType] = {"supplier_report": "social_value_report", "supplier_pledge": "social_value_report",
                                 "tender_response": "tender_response", "council_policy": "policy",
                                 "council_decision": "policy"}
REGISTER = ("commitment", "service_standard")
OUTSIDE = ("past_claim", "aspiration", "forecast")
AS_KIND = {"commitment": "commitment", "service_standard": "service_standard", "achievement": "past_claim"}
Extractor = Callable[[list], list]  # blocks -> statements (the old rules, for before/after)
ThemeMapper = Callable[[list[str]], list[str | None]]  # statement topics -> the theme each maps to


def _norm(text: str) -> str:
    text = normalize(text).lower().replace("|", " ")
    text = re.sub(r"^\s*(?:[•▪◦‣·*\-–]|\(?[a-z0-9]{1,3}[.)]|\d+(?:\.\d+)+\.?)\s+", "", text)
    return " ".join(text.split()).strip(" .")


def match(rows: list[dict], statements) -> list[list]:
    """For each labelled row, the statements whose sentence it contains (in reading order)."""
    texts = [_norm(r["text"]) for r in rows]
    matched: list[list] = [[] for _ in rows]
    cursor = 0
    for statement in statements:
        needle = _norm(statement.sentence)
        if not needle:
            continue
        for i in list(range(cursor, len(rows))) + list(range(0, cursor)):
            if needle in texts[i] or (texts[i] and texts[i] in needle and len(texts[i]) > 0.8 * len(needle)):
                matched[i].append(statement)
                cursor = i
                break
    return matched


def predict(markdown: str, rows: list[dict], model: KindClassifier | None = None,
            rules: Extractor | None = None, doc_type: DocType = "other") -> tuple[list[str], list[list]]:
    blocks = markdown_blocks(markdown)
    if rules is not None:
        statements, default = rules(blocks), ["other"] * len(rows)
    else:
        statements = extract(blocks, model=model, doc_type=doc_type).statements
        default = [kind for _, kind in sentence_kinds(blocks, model)]
        if len(default) != len(rows):
            raise SvaError("the reader and the labels disagree on sentences; regenerate the skeleton "
                           "with scripts/label_skeleton.py")
    matched = match(rows, statements)
    kinds = [AS_KIND[found[0].kind] if found else (d if d not in REGISTER + ("past_claim",) else "other")
             for found, d in zip(matched, default)]
    return kinds, matched


def _doc_types(corpus: Path) -> dict[str, DocType]:
    """Each labelled document's type, from its genre in documents.jsonl (none: every one "other")."""
    path = corpus / "documents.jsonl"
    if not path.exists():
        return {}
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {d["doc"]: DOC_TYPES.get(d.get("genre", ""), "other") for d in docs}


def prf(gold: list[str], predicted: list[str], kind: str) -> dict[str, float]:
    tp = sum(g == p == kind for g, p in zip(gold, predicted))
    fp = sum(p == kind != g for g, p in zip(gold, predicted))
    fn = sum(g == kind != p for g, p in zip(gold, predicted))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "support": tp + fn}


def kept_out(gold: list[str], predicted: list[str]) -> float:
    outside = [p for g, p in zip(gold, predicted) if g in OUTSIDE]
    return round(sum(p not in REGISTER for p in outside) / len(outside), 4) if outside else 1.0


def _quantity_ok(gold, found) -> bool:
    if gold is None or found is None:
        return gold is None and found is None
    return abs(float(gold) - found) <= 0.01 * abs(float(gold))


def _deadline_ok(row: dict, statement) -> bool:
    gold, found = row.get("deadline"), statement.deadline
    if not gold or not found:
        return not gold and not found
    if row.get("deadline_year") and row["deadline_year"] == statement.deadline_year:
        return True
    a, b = _norm(gold), _norm(found)
    return a in b or b in a


def _place_ok(row: dict, statement) -> bool:
    gold, found = row.get("place"), statement.places
    if not gold or not found:
        return not gold and not found
    g = _norm(gold)
    return any(_norm(p) in g or g in _norm(p) for p in found)


FIELDS: dict[str, Callable[[dict, Any], bool]] = {
    "quantity": lambda r, s: _quantity_ok(r.get("quantity"), s.quantity),
    "baseline": lambda r, s: _quantity_ok(r.get("baseline"), getattr(s, "baseline", None)),
    "deadline": _deadline_ok,
    "place": _place_ok,
}


def evaluate_labelled(corpus: Path, split: str | None = None, model: KindClassifier | None = None,
                      rules: Extractor | None = None, examples: int = 0,
                      themes: ThemeMapper | None = None) -> dict:
    """The figures for one split of a labelled corpus (every document when ``split`` is None);
    ``themes`` (the register's charter mapping) adds theme accuracy."""
    try:
        docs = (json.loads((corpus / "split.json").read_text(encoding="utf-8"))[split] if split
                else sorted(p.stem for p in (corpus / "labels").glob("*.jsonl")))
    except (OSError, KeyError, ValueError) as exc:
        raise SvaError(f"{corpus} is not a labelled corpus with a split {split!r} "
                       "(expected split.json, docs/ and labels/)") from exc
    doc_types = _doc_types(corpus)
    gold_all: list[str] = []
    pred_all: list[str] = []
    fields: dict[str, list[bool]] = defaultdict(list)
    per_doc, misses = [], []
    themed: list[tuple[dict, Any]] = []  # (gold row, statement) of commitments found as commitments
    for doc in docs:
        rows = [json.loads(line) for line in
                (corpus / "labels" / f"{doc}.jsonl").read_text(encoding="utf-8").splitlines()]
        predicted, matched = predict((corpus / "docs" / f"{doc}.md").read_text(encoding="utf-8"), rows,
                                     model, rules, doc_types.get(doc, "other"))
        gold = [r["kind"] for r in rows]
        gold_all += gold
        pred_all += predicted
        per_doc.append({"doc": doc, "commitment": prf(gold, predicted, "commitment"),
                        "kept_out": kept_out(gold, predicted)})
        for row, p, found in zip(rows, predicted, matched):
            if row["kind"] == "commitment" == p:
                themed.append((row, found[0]))
                for name, ok in FIELDS.items():
                    fields[name].append(ok(row, found[0]))
                    if not fields[name][-1] and name != "baseline":
                        misses.append({"miss": name, "gold": row.get(name), "text": row["text"],
                                       "got": {"quantity": found[0].quantity, "deadline": found[0].deadline,
                                               "place": list(found[0].places)}[name]})
            elif row["kind"] != p and (p in REGISTER or row["kind"] in REGISTER):
                misses.append({"miss": "kind", "gold": row["kind"], "got": p, "text": row["text"]})
    if themes is not None and themed:
        ours = themes([f"{s.section}: {s.text}" if s.section else s.text for _, s in themed])
        for (row, _), theme in zip(themed, ours):
            fields["theme"].append(theme == row.get("theme"))
            if not fields["theme"][-1]:
                misses.append({"miss": "theme", "gold": row.get("theme"), "got": theme, "text": row["text"]})
    confusion = Counter(zip(gold_all, pred_all))
    return {
        "split": split, "documents": len(docs), "sentences": len(gold_all),
        "accuracy": round(sum(g == p for g, p in zip(gold_all, pred_all)) / max(len(gold_all), 1), 4),
        "kept_out": kept_out(gold_all, pred_all),
        "kinds": {kind: prf(gold_all, pred_all, kind) for kind in KINDS},
        "field_accuracy": {name: round(sum(h) / len(h), 4) if h else None for name, h in fields.items()},
        "field_counts": {name: [sum(h), len(h)] for name, h in fields.items()},
        "confusion": {g: {p: confusion[(g, p)] for p in KINDS} for g in KINDS},
        "by_doc": per_doc, "examples": misses[:examples],
    }


def report_text(result: dict, by_doc: bool = False, title: str = "") -> str:
    """The figures as a few readable lines."""
    lines = [f"== {title or 'extraction'} on {result['split'] or 'all'}: {result['documents']} documents, "
             f"{result['sentences']} sentences, accuracy {result['accuracy']:.3f}",
             f"  kept out of the register (past claims, aspirations, forecasts): {result['kept_out']:.3f}"]
    for kind, s in result["kinds"].items():
        lines.append(f"  {kind:17} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  (n={s['support']})")
    lines.append("  fields, on gold commitments predicted as commitments:")
    for name, share in result["field_accuracy"].items():
        hit, total = result["field_counts"][name]
        lines.append(f"    {name:9} {share:.3f}  ({hit}/{total})" if share is not None else f"    {name:9} -")
    lines.append("  confusion (rows gold, columns predicted):")
    lines.append("    " + " " * 17 + " ".join(f"{k[:8]:>8}" for k in KINDS))
    for g, row in result["confusion"].items():
        lines.append(f"    {g:17}" + " ".join(f"{row[p]:>8}" for p in KINDS))
    if by_doc:
        lines.append("  by document (commitment P/R/F1, kept out):")
        for d in result["by_doc"]:
            c = d["commitment"]
            lines.append(f"    {d['doc']:48} P {c['precision']:.2f} R {c['recall']:.2f} F1 {c['f1']:.2f} "
                         f"(n={c['support']:3})  kept {d['kept_out']:.2f}")
    for miss in result["examples"]:
        lines.append(f"    [{miss['miss']}: gold {miss['gold']!r}, got {miss['got']!r}] {miss['text'][:120]}")
    return "\n".join(lines)
