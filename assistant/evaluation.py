"""`sva eval`: retrieval recall@k and MRR, and answer support, against a gold question file."""

from __future__ import annotations

import json
import re
from pathlib import Path

from assistant.answers.base import Answerer
from assistant.errors import SvaError
from assistant.search.retriever import Retriever
from ingest.text import contains_quote, overlap


def load_jsonl(path: Path, required: tuple[str, ...]) -> list[dict]:
    """Read a JSON-lines gold file; a bad line is an error naming the file, line and fix."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise SvaError(f"cannot read {path}: {exc.strerror or exc}") from exc
    items = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SvaError(f"{path}:{number}: not valid JSON ({exc.msg}); one object per line") from exc
        missing = [k for k in required if k not in item]
        if missing:
            raise SvaError(f"{path}:{number}: missing field(s) {', '.join(missing)}")
        items.append(item)
    if not items:
        raise SvaError(f"{path} holds no questions")
    return items


_MARKUP = re.compile(r"(?m)^[ \t]*(?:[-*+•][ \t]+|#{1,6}[ \t]+)|\|")


def _text(text: str) -> str:
    """Text without list bullets, heading marks and table bars: a gold quote copied from Markdown
    matches the same words as ingest reads them ("- item" is "• item" once loaded)."""
    return _MARKUP.sub(" ", text)


def found_in(text: str, quote: str) -> bool:
    return contains_quote(_text(text), _text(quote))


def quote_supported(citation_quote: str, gold_quote: str) -> bool:
    """A citation supports the gold answer when their texts overlap substantially."""
    return (found_in(gold_quote, citation_quote) or found_in(citation_quote, gold_quote)
            or overlap(citation_quote, gold_quote) >= 0.6)


def evaluate(items: list[dict], retriever: Retriever, answerer: Answerer, k: int) -> dict:
    """Recall@k, MRR and answer support over the answerable questions; refusals over the ones with
    no quote (a question the documents do not answer must get supported=false); both per ``type``
    when the gold file gives one (factoid, list, table, yes_no, ...)."""
    hits, reciprocal, supported = 0, 0.0, 0
    refusals_right = refused = 0
    classes: dict[str, list[bool]] = {}
    rows = []
    answerable = [item for item in items if item.get("quote")]
    for item in items:
        answer = answerer.answer(item["question"])
        if not item.get("quote"):  # unanswerable: the right answer is "not found"
            right = not answer.supported
            refusals_right += right
            classes.setdefault(item.get("type") or "unanswerable", []).append(right)
            rows.append({"id": item.get("id"), "question": item["question"], "type": item.get("type"),
                         "rank": None, "results": [], "answer": answer.as_json(), "right": right})
            continue
        refused += not answer.supported
        results = retriever.search(item["question"], k=k)
        rank = next((i for i, r in enumerate(results, 1) if found_in(r.chunk.text, item["quote"])), None)
        if rank:
            hits += 1
            reciprocal += 1.0 / rank
        right = answer.supported and any(quote_supported(c.quote, item["quote"]) for c in answer.citations)
        supported += right
        classes.setdefault(item.get("type") or "all", []).append(right)
        rows.append({"id": item.get("id"), "question": item["question"], "type": item.get("type"),
                     "rank": rank, "results": [r.as_json() for r in results], "answer": answer.as_json(),
                     "right": right})
    n = max(len(answerable), 1)
    unanswerable = len(items) - len(answerable)
    result = {"k": k, "recall_at_k": round(hits / n, 4), "mrr": round(reciprocal / n, 4),
              "answer_support": round(supported / n, 4), "items": rows,
              "by_type": {t: {"n": len(v), "right": round(sum(v) / len(v), 4)} for t, v in sorted(classes.items())}}
    if unanswerable:
        # of the questions it refused, how many were truly unanswerable; of those, how many it refused
        result["refusals"] = {"unanswerable": unanswerable, "refused_right": round(refusals_right / unanswerable, 4),
                              "precision": round(refusals_right / max(refusals_right + refused, 1), 4),
                              "recall": round(refusals_right / unanswerable, 4), "answerable_refused": refused}
    return result


# Gold theme labels (../shared/corpus/real/commitments.jsonl) -> charter themes.
GOLD_THEMES = {
    "jobs & skills": "jobs_skills", "local economy/SMEs/supply chain": "local_economy",
    "environment/net zero": "environment", "communities/wellbeing/volunteering": "communities",
    "equality/diversity/inclusion": "equality", "innovation": "innovation",
    "health & safety/housing quality": "safety_quality",
}


def _covers(sentence: str, gold: str) -> bool:
    """An extracted statement covers a gold sentence when one contains the other."""
    return contains_quote(sentence, gold) or contains_quote(gold, sentence)


def quantity_matches(ours: float | None, gold) -> bool:
    """Equal, allowing the gold file's £m/£k shorthand (45 for £45,000,000)."""
    if gold in (None, ""):
        return ours is None
    if ours is None:
        return False
    return any(abs(ours - float(gold) * scale) <= 0.01 * abs(float(gold) * scale) + 1e-9
               for scale in (1, 1e3, 1e6, 1e9))


def deadline_matches(ours: str | None, gold: str | None) -> bool:
    """Same year(s) named, or the same kind of relative deadline ("within five years", "annual")."""
    import re

    if not gold:
        return not ours
    if not ours:
        return False
    years_gold, years_ours = set(re.findall(r"(?:19|20)\d\d", gold)), set(re.findall(r"(?:19|20)\d\d", ours))
    if years_gold or years_ours:
        return bool(years_gold & years_ours) and (years_ours <= years_gold or years_gold <= years_ours)
    recurring = ("annual", "annum", "year", "each", "every", "per ", "weekly", "monthly", "quarterly")
    return overlap(ours, gold) >= 0.5 or (
        "recurring" in gold.lower() and any(w in ours.lower() for w in recurring))


def evaluate_commitments(gold: list[dict], register) -> dict:
    """Extraction precision/recall/F1 on gold sentences, field accuracy, theme accuracy."""
    rows = register.as_read()  # the extraction is measured, not the commissioners' corrections
    theme_of = {o.id: o.theme for o in register.charter.outcomes}
    positives = [g for g in gold if g["is_commitment"]]
    negatives = [g for g in gold if not g["is_commitment"]]
    items, found, fields = [], 0, {"quantity": 0, "deadline": 0, "place": 0}
    themes_right = themes_total = wrongly_extracted = 0
    for g in gold:
        matches = [c for c in rows if c.source == g["doc"] and any(  # a restatement is the row's too
            _covers(quote, g["sentence"]) for quote in [c.quote, *(r.quote for r in c.also)])]
        item = {"id": g.get("id"), "sentence": g["sentence"], "is_commitment": g["is_commitment"],
                "extracted": [c.as_json() for c in matches]}
        items.append(item)
        if not g["is_commitment"]:
            wrongly_extracted += bool(matches)
            continue
        if not matches:
            continue
        found += 1
        best = next((c for c in matches if quantity_matches(c.quantity, g.get("quantity"))), matches[0])
        item["quantity_ok"] = quantity_matches(best.quantity, g.get("quantity"))
        item["deadline_ok"] = deadline_matches(best.deadline, g.get("deadline"))
        item["place_ok"] = (not g.get("place") and not best.place) or bool(
            g.get("place") and best.place and overlap(best.place, g["place"]) > 0)
        for key in fields:
            fields[key] += item[f"{key}_ok"]
        gold_theme = GOLD_THEMES.get(g.get("theme") or "")
        if gold_theme:
            themes_total += 1
            ours = theme_of.get(best.outcomes[0]) if best.outcomes else None
            item["theme_ok"] = ours == gold_theme
            themes_right += item["theme_ok"]
    recall = found / len(positives) if positives else 0.0
    precision = found / (found + wrongly_extracted) if found + wrongly_extracted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
        "negatives": len(negatives), "negatives_extracted": wrongly_extracted,
        "negatives_rejected": round(1 - wrongly_extracted / len(negatives), 4) if negatives else None,
        "field_accuracy": {k: round(v / found, 4) if found else 0.0 for k, v in fields.items()},
        "theme_accuracy": round(themes_right / themes_total, 4) if themes_total else None,
        "items": items,
    }
