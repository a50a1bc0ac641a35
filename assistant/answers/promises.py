"""Questions about promises ("What did Acme promise for Rotherham?") are answered from the
register — the complete list, each with its citation — not from the top few chunks."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.answers.base import Answer, Answerer, Citation, StreamResult
from assistant.answers.followup import FollowUps
from assistant.register.charter import Charter
from assistant.register.commitments import THEME_CUES, Commitment, Register
from assistant.search.retriever import Filters
from ingest.places import PlaceFinder
from ingest.text import content_tokens, stem

_PROMISE_QUESTION = re.compile(
    r"\b(what|which|list|show|tell)\b.*\b(promis\w*|commit\w*|pledg\w*|offer\w*|undert\w*)\b", re.I)
_TOPIC = re.compile(r"\b(?:about|on|regarding|around|for)\s+(.+?)\??$", re.I)
_GENERIC = {stem(w) for w in ("what", "did", "does", "promise", "promised", "commit", "committed",
                              "commitments", "pledge", "make", "made", "will", "supplier", "residents",
                              "area", "list", "show", "tell", "which", "offer", "offered")}


class PromiseAnswerer:
    """Routes promise questions to the register and everything else to ``fallback``.

    The register is asked for (``register()``, built once per charter version by Services) only
    when a question is about promises, so a plain document question never maps every commitment.
    """

    name = "register"

    def __init__(self, register: Callable[[], Register], charter: Charter, fallback: Answerer,
                 followups: FollowUps | None = None) -> None:
        self.register_of, self.charter, self.fallback = register, charter, fallback
        self.retriever = fallback.retriever  # the audience lives here and in the register
        self.places = PlaceFinder(charter.areas)
        self.followups = followups or FollowUps(charter.areas)

    @property
    def register(self) -> Register:
        return self.register_of()

    def answer(self, question: str, history: Sequence = (), filters: Filters | None = None) -> Answer:
        return self.stream(question, history, filters).answer

    def stream(self, question: str, history: Sequence = (), filters: Filters | None = None) -> StreamResult:
        """Register answers come whole, as one delta; the fallback streams as it does."""
        question = self.followups.standalone(question, history).strip()
        answer = self._from_register(question, filters)
        if answer is not None:
            return StreamResult.done(answer)
        return self.fallback.stream(question, (), filters)

    def _from_register(self, question: str, filters: Filters | None = None) -> Answer | None:
        """The register's answer to a promise question, else None (the caller asks the documents).
        Per-call ``filters`` narrow it as they narrow a search."""
        if not _PROMISE_QUESTION.search(question):
            return None
        register = self.register
        rows = register.all()
        suppliers = sorted({r.supplier for r in rows if r.supplier})
        supplier = (filters.supplier if filters and filters.supplier else _supplier_in(question, suppliers))
        if supplier is None and _candidates(question, suppliers):
            return _which_supplier(question, _candidates(question, suppliers))
        places = [filters.area] if filters and filters.area else self.places.find(question)
        if supplier is None and not places:
            return None
        area = places[0] if places else None
        rows = register.commitments(supplier=supplier, area=area, named_only=True)
        wide = [] if not area else [r for r in register.commitments(supplier=supplier, area=area)
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
        return Answer(question, "\n".join(lines), True, "register", citations)

    def _about(self, rows: list[Commitment], topic: set[str]) -> list[Commitment]:
        """Rows sharing a word with the topic, or mapped to a theme the topic names ("carbon")."""
        text = " ".join(sorted(topic))
        themes = {theme for theme, cue in THEME_CUES.items() if cue.search(text)}
        theme_of = {o.id: o.theme for o in self.charter.outcomes}
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


_COMPANY_WORDS = {"ltd", "limited", "plc", "llp", "llc", "inc", "co", "company", "group", "holdings",
                  "uk", "the", "and", "of", "services", "solutions"}


def _supplier_in(question: str, suppliers: list[str]) -> str | None:
    """The supplier the question names: a whole name first (the longest, so "Kier Living" wins over
    "Kier"), else a distinctive word of exactly one supplier's name ("Acme" for "Acme Housing"),
    unless the question writes it as part of another name ("Kier Living" when only Kier
    Construction is known). A word several suppliers share names none of them: no supplier rather
    than the wrong one (the caller asks which)."""
    words = _words(question)
    whole = [s for s in suppliers if _contains(words, _words(s))]
    if whole:
        return max(whole, key=lambda s: len(_words(s)))
    candidates = _candidates(question, suppliers)
    if len(candidates) != 1:
        return None
    supplier = candidates[0]
    own = set(_words(supplier))
    names = _capitalised_runs(question)
    clashing = any(set(run) & own and not set(run) <= own | _COMPANY_WORDS for run in names)
    return None if clashing else supplier


def _candidates(question: str, suppliers: list[str]) -> list[str]:
    """Suppliers one of whose distinctive words the question uses."""
    words = set(_words(question))
    return sorted(s for s in suppliers if words & (set(_words(s)) - _COMPANY_WORDS))


def _capitalised_runs(question: str) -> list[list[str]]:
    """Runs of capitalised words ("Kier Living"), lower-cased, without the question's first word."""
    runs: list[list[str]] = []
    current: list[str] = []
    for i, token in enumerate(re.findall(r"[A-Za-z0-9]+(?:['’&][A-Za-z0-9]+)*|\S", question)):
        if token[:1].isupper() and i > 0:
            current.append(token.lower())
        else:
            if current:
                runs.append(current)
            current = []
    return runs + ([current] if current else [])


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:['’&][a-z0-9]+)*", text.lower())


def _contains(words: list[str], name: list[str]) -> bool:
    """Does ``name`` occur as consecutive whole words in ``words``?"""
    n = len(name)
    return n > 0 and any(words[i:i + n] == name for i in range(len(words) - n + 1))


def _which_supplier(question: str, candidates: list[str]) -> Answer:
    """The question may mean one of several suppliers, or one the documents do not name: ask."""
    names = " or ".join(candidates) if len(candidates) <= 5 else ", ".join(candidates[:5]) + " or another"
    return Answer(question, f"Which supplier do you mean? The documents name {names}; "
                            "ask again with the supplier's full name.", False, "register")


def _plain(row: Commitment) -> str:
    text = " ".join(row.text.split())
    if row.status == "overdue":
        text += " (deadline passed)"
    return text if text.endswith((".", "!", "?")) else text + "."
