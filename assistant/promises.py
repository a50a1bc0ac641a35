"""Questions about promises ("What did Acme promise for Rotherham?") are answered from the
register — the complete list, each with its citation — not from the top few chunks."""

from __future__ import annotations

import re

from assistant.answer import Answer, Citation
from assistant.register import THEME_CUES, Commitment, Register
from ingest.places import PlaceFinder
from ingest.text import content_tokens, stem

_PROMISE_QUESTION = re.compile(
    r"\b(what|which|list|show|tell)\b.*\b(promis\w*|commit\w*|pledg\w*|offer\w*|undert\w*)\b", re.I)
_TOPIC = re.compile(r"\b(?:about|on|regarding|around|for)\s+(.+?)\??$", re.I)
_GENERIC = {stem(w) for w in ("what", "did", "does", "promise", "promised", "commit", "committed",
                              "commitments", "pledge", "make", "made", "will", "supplier", "residents",
                              "area", "list", "show", "tell", "which", "offer", "offered")}


class PromiseAnswerer:
    """Routes promise questions to the register and everything else to ``fallback``."""

    name = "extractive"

    def __init__(self, register: Register, fallback) -> None:
        self.register, self.fallback = register, fallback
        self.retriever = fallback.retriever  # the audience lives here and in the register
        self.places = PlaceFinder(register.charter.areas)

    def answer(self, question: str, history=None, **kwargs) -> Answer:
        question = self._standalone(question, history)
        answer = self._from_register(question.strip(), **kwargs)
        return answer if answer is not None else self.fallback.answer(question, **kwargs)

    def stream(self, question: str, history=None, **kwargs):
        """Text deltas, then ``.answer`` (see assistant.generate.StreamResult). Register answers
        and the extractive fallback come whole, as one delta; an LLM fallback streams."""
        from assistant.generate import StreamResult

        question = self._standalone(question, history)
        answer = self._from_register(question.strip(), **kwargs)
        if answer is not None:
            return StreamResult.done(answer)
        if hasattr(self.fallback, "stream"):
            return self.fallback.stream(question, **kwargs)
        return StreamResult.done(self.fallback.answer(question, **kwargs))

    def _standalone(self, question: str, history) -> str:
        """A follow-up made standalone: by the fallback's model when it has one, else by rule."""
        if not history:
            return question
        condense = getattr(self.fallback, "condense", None)
        if condense is not None:
            return condense(question, history)
        from assistant.followup import condense as by_rule

        return by_rule(question, history, self.register.charter.areas)

    def _from_register(self, question: str, filters=None, audience=None) -> Answer | None:
        """The register's answer to a promise question, else None (the caller asks the documents).

        Per-call ``filters`` narrow it as they narrow a search; a per-call public audience on an
        everything-register leaves the question to the fallback, which applies it."""
        if not _PROMISE_QUESTION.search(question) or (
                audience == "public" and self.register.audience != "public"):
            return None
        rows = self.register.all()
        supplier = (filters.supplier if filters and filters.supplier else
                    _supplier_in(question, sorted({r.supplier for r in rows if r.supplier})))
        places = [filters.area] if filters and filters.area else self.places.find(question)
        if supplier is None and not places:
            return None
        area = places[0] if places else None
        rows = self.register.commitments(supplier=supplier, area=area, named_only=True)
        wide = [] if not area else [r for r in self.register.commitments(supplier=supplier, area=area)
                                    if r not in rows]
        topic = self._topic(question, supplier, places)
        if topic:
            rows, wide = self._about(rows, topic), self._about(wide, topic)
        who, by = supplier or "Suppliers", f" by {supplier}" if supplier else ""
        where = f" naming {area}" if area else ""
        about = f" about {' '.join(sorted(topic))}" if topic else ""
        if not rows:
            return Answer(question, f"I found no commitments{by}{where}{about} in the documents.",
                          False)
        lines = [f"{who} made {len(rows)} commitment{'s' if len(rows) != 1 else ''}{where}{about}:"]
        citations = []
        for n, row in enumerate(rows, start=1):
            lines.append(f"• {_plain(row)} [{n}]")
            citations.append(Citation(n, row.doc_id, row.source, row.page, row.section, row.quote))
        if wide:
            lines.append(f"{len(wide)} more commitment{'s' if len(wide) != 1 else ''}{by} "
                         f"cover{'' if len(wide) != 1 else 's'} the whole contract area, which includes {area}.")
        return Answer(question, "\n".join(lines), True, "extractive", citations)

    def _about(self, rows: list[Commitment], topic: set[str]) -> list[Commitment]:
        """Rows sharing a word with the topic, or mapped to a theme the topic names ("carbon")."""
        text = " ".join(sorted(topic))
        themes = {theme for theme, cue in THEME_CUES.items() if cue.search(text)}
        theme_of = {o.id: o.theme for o in self.register.charter.outcomes}
        return [r for r in rows if topic & set(content_tokens(f"{r.section} {r.text}"))
                or themes & {theme_of.get(o) for o in r.outcomes}]

    @staticmethod
    def _topic(question: str, supplier: str | None, places: list[str]) -> set[str]:
        match = _TOPIC.search(question)
        if not match:
            return set()
        words = set(content_tokens(match.group(1))) - _GENERIC
        for name in [supplier or "", *places]:
            words -= set(content_tokens(name))
        return words


def _supplier_in(question: str, suppliers: list[str]) -> str | None:
    """The supplier the question names, by its full name or its first distinctive word."""
    lowered = question.lower()
    for supplier in suppliers:
        first = supplier.split()[0].lower()
        if supplier.lower() in lowered or re.search(rf"\b{re.escape(first)}\b", lowered):
            return supplier
    return None


def _plain(row: Commitment) -> str:
    text = " ".join(row.text.split())
    if row.status == "overdue":
        text += " (deadline passed)"
    return text if text.endswith((".", "!", "?")) else text + "."
