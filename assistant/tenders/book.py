"""What the CLI and the commissioner tab ask about tenders, for one store: which tenders there
are, their evaluation with decisions applied, questions, overrides, proxy values.

Built only for the commissioner side (Services.tenders); the resident app's PublicView has no
way to reach it.
"""

from __future__ import annotations

from collections.abc import Callable, Set

from assistant.backends.store import Store
from assistant.register.commitments import Register
from assistant.tenders import bids, proxy, questions, scoring
from assistant.tenders.bids import Tender, TenderError
from assistant.tenders.decisions import Decision, Decisions
from ingest.text import content_tokens


class TenderBook:
    def __init__(self, store: Store, register: Callable[[], Register], decisions: Decisions) -> None:
        self._store, self._register = store, register
        self.decisions = decisions

    def register(self) -> Register:
        register = self._register()
        if register.audience != "all":
            raise ValueError("tenders are evaluated on the full register (commissioners only)")
        return register

    def tenders(self) -> dict[str, list[str]]:
        return bids.tenders(self._store.documents())

    def tender(self, tender: str, lot: str | None = None) -> Tender:
        return bids.find_tender(self._store.documents(), tender, lot or None)

    def evaluate(self, tender: str, lot: str | None = None) -> scoring.Evaluation:
        found = self.tender(tender, lot)
        return scoring.evaluate(found, self.register(), self.decisions.current(found.id))

    def questions(self, tender: str, lot: str | None = None) -> list[questions.Question]:
        return questions.questions(self.tender(tender, lot), self.register())

    def override(self, tender: str, supplier: str, criterion: str, score: float | None, note: str,
                 who: str, *, suggested: bool = False) -> Decision:
        """Record a commissioner's score and/or note, after checking the tender has that bidder
        (named in any case; kept as the tender spells it) and criterion, and the score is on the
        criterion's scale. No score keeps the score in force (an earlier override, else the
        suggestion); ``suggested`` goes back to the suggested score."""
        if suggested and score is not None:
            raise TenderError("give a score or go back to the suggested score, not both")
        if score is None and not suggested and not note.strip():
            raise TenderError("nothing to save: give a score, a note, or go back to the suggested score")
        found = self.tender(tender)
        name = _bidder(found, supplier)
        criteria = {c.id: c for c in scoring.criteria_for(self.register().charter)}
        if criterion not in criteria:
            raise TenderError(f"no award criterion {criterion!r}; the charter has {', '.join(criteria)}")
        top = criteria[criterion].top
        if score is not None and not 0 <= score <= top:
            raise TenderError(f"a score for {criterion} must be between 0 and {top:g}, not {score:g}")
        if score is None and not suggested:
            in_force = self.decisions.current(found.id).get((name, criterion))
            score = in_force.score if in_force else None
        return self.decisions.save(found.id, name, criterion, score, note, who)

    def award(self, tender: str, supplier: str, who: str, lot: str | None = None) -> str:
        """Record that ``supplier`` won the tender (or its ``lot``); "" withdraws the award. The
        other bidders' promises leave the register (they are no one's to keep); the winner's bid
        is the contract, tracked and rated. Returns the winner as the tender spells it."""
        found = self.tender(tender, lot)
        name = _bidder(found, supplier) if supplier.strip() else ""
        self.decisions.award(found.id, found.lot, name, who)  # the lot as its bids spell it
        return name

    def about(self, words: Set[str]) -> list[tuple[str, str]]:
        """The (tender, lot) pairs whose bids say ``words`` (content tokens: "repair") the most: each
        word counts the share of a pair's bids that say it; the pairs counting most are kept (more
        than one on a tie) when they count at least half the words. "The repairs contract" names the
        tender whose bids are about repairs. A lot of "" is the whole tender."""
        if not words:
            return []
        snap, docs = self.register().mirror.snapshot(), self._store.documents()
        said: dict[tuple[str, str], float] = {}
        for tender, lots in bids.tenders(docs).items():
            for lot in lots:
                held = [words & set(content_tokens(snap.context_of(d.doc_id)))
                        for d in bids.find_tender(docs, tender, lot).docs]
                said[(tender, lot)] = sum(map(len, held)) / len(held)
        top = max(said.values(), default=0.0)
        return [pair for pair, n in said.items() if n == top] if top >= len(words) / 2 else []

    def awards(self) -> dict[tuple[str, str], str]:
        """(tender, lot) -> who won it ("" lot: the whole tender)."""
        return self.decisions.awards()

    def values(self, tender: str, measures: list[proxy.Measure], lot: str | None = None) -> list[proxy.Valued]:
        found = self.tender(tender, lot)
        return proxy.value(found, self.register(), measures, self.decisions.measure_choices(found.id))


def _bidder(tender: Tender, supplier: str) -> str:
    """The bidder ``supplier`` names, in any case and spacing, as the tender spells it."""
    wanted = " ".join(supplier.split()).casefold()
    found = next((b for b in tender.bidders if " ".join(b.split()).casefold() == wanted), None)
    if found is None:
        raise TenderError(f"{supplier!r} did not bid for {tender.id}; bidders: {', '.join(tender.bidders)}")
    return found
