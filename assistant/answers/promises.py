"""Questions the register answers ("What did Acme promise for Rotherham?", "Is anything late?",
"How many apprenticeships were promised?", "Has Brightstone delivered its apprenticeships?",
"Compare the suppliers on local jobs") are answered from the register — every matching row,
each cited — not from the top few chunks; everything else goes to the documents as before.

The reading of a question lives in assistant.answers.intents, the answers themselves in
assistant.answers.register_questions; how the bids score is answered in
assistant.answers.tender_questions; this module only routes between them and the fallback.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from assistant.answers.base import Answer, Answerer, StreamResult
from assistant.answers.charter_questions import answer_charter, answer_criteria, asks_charter, asks_criteria
from assistant.answers.clarifications import answer_clarifications
from assistant.answers.followup import FollowUps
from assistant.answers.glossary_questions import answer_flag, answer_help, answer_term, defined, flag_defined, helped
from assistant.answers.intents import QuestionReader, Reading
from assistant.answers.question_types import asked
from assistant.answers.ratings import answer_rating, asks_rating
from assistant.answers.register_questions import ANSWERS
from assistant.answers.spelling import respell, respell_places, respell_suppliers, tidy
from assistant.answers.sums import sums_all
from assistant.answers.suppliers import asks_who, in_their_case, places_in_their_case, who_asked
from assistant.answers.suppliers import candidates as _candidates
from assistant.answers.suppliers import supplier_in as _supplier_in
from assistant.answers.tender_questions import Evaluations, answer_ranking, unpublished
from assistant.answers.tenses import asks_if_yet, tenses
from assistant.glossary import Glossary
from assistant.register.charter import Charter
from assistant.register.commitments import Commitment, Register
from assistant.search.retriever import Filters
from assistant.vocab import THEME_LABELS
from ingest.text import content_tokens

__all__ = ["PromiseAnswerer", "_candidates", "_supplier_in"]
# What the documents add to a register answer: nothing ("none"); their answer when they find one
# ("if_found": no row matched); their answer, found or not ("instead": rows match a question for one
# figure, date or name only loosely, and a list of promises does not answer it); their answer when it
# says what was done ("if_done": no report is matched to the promises asked about, so the register
# can say only "not reported yet", where a report may still tell what was achieved)
Documents = Literal["none", "if_found", "instead", "if_done"]
_FIGURES = ("count", "amount", "money", "percent")  # the shapes of a question asking how many or how much


@dataclass(frozen=True)
class Routed:
    """The register's answer (None: the caller asks the documents) and what the documents add to
    it. A documents' answer must name the charter's areas among ``places``. For a count of a
    thing qualified by a word no row shown holds ("how many horticulture apprenticeships?"),
    that word (``unheld``): a documents' answer without it is about other things."""

    answer: Answer | None
    documents: Documents = "none"
    places: Sequence[str] = ()
    unheld: frozenset[str] = frozenset()


class PromiseAnswerer:
    """Routes register questions to the register and everything else to ``fallback``.

    The register is asked for (``register()``, built once per charter version by Services) only
    when a question reads as a register question, so a plain document question never maps every
    commitment. ``home_area`` is the resident's chosen area: what "my area" means. A question
    about the charter is answered from the charter, one about a word from the ``glossary``, one
    about how the bids score from the tender ``evaluations`` — given to the commissioners'
    answerer only (Services.answerer); the residents' answerer holds none.
    """

    name = "register"

    def __init__(self, register: Callable[[], Register], charter: Charter, fallback: Answerer,
                 followups: FollowUps | None = None, glossary: Glossary | None = None,
                 evaluations: Evaluations | None = None) -> None:
        self.register_of, self.charter, self.fallback, self.glossary = register, charter, fallback, glossary
        self.evaluations = evaluations
        self.retriever = fallback.retriever  # the audience lives here and in the register
        self.reader = QuestionReader(charter, fallback.retriever.embedder)
        self.followups = followups or FollowUps(charter.areas)

    @property
    def register(self) -> Register:
        return self.register_of()

    def answer(self, question: str, history: Sequence = (), filters: Filters | None = None,
               home_area: str | None = None) -> Answer:
        return self.stream(question, history, filters, home_area).answer

    def stream(self, question: str, history: Sequence = (), filters: Filters | None = None,
               home_area: str | None = None) -> StreamResult:
        """Register answers come whole, as one delta; the fallback streams as it does."""
        typed = tidy(" ".join(question.split()))
        # what a word means, or how this service works, is asked of the question as typed: a
        # follow-up's context ("... (How can I have my say)") is no part of it
        term = defined(typed, self.glossary)
        if term is not None:
            return StreamResult.done(answer_term(typed, term))
        flag = flag_defined(typed)
        if flag is not None:
            return StreamResult.done(answer_flag(typed, flag))
        help_entry = helped(typed, self.glossary)
        if help_entry is not None:
            return StreamResult.done(answer_help(typed, help_entry))
        if self.evaluations is not None:
            ranked = answer_ranking(typed, self.evaluations) or answer_clarifications(typed, self.evaluations)
        else:  # residents: bid scores are not theirs to see
            ranked = unpublished(typed, lambda: self.register.suppliers(), _criteria(self.charter)) \
                if self.retriever.audience == "public" else None
        if ranked is not None:  # how the bids score: a question of its own, read as typed
            return StreamResult.done(ranked)
        # tidied first: "whats late" after another question is a question of its own, as typed in full
        question = tidy(self.followups.standalone(typed, history).strip())
        # the suppliers' names from the documents (the register itself is built only when asked for)
        snap, public = self.retriever.mirror.snapshot(), self.retriever.audience == "public"
        question = places_in_their_case(in_their_case(question, snap.suppliers(public)),
                                        [*self.charter.areas, *snap.areas(public)])
        if asks_charter(question, self.charter):
            return StreamResult.done(answer_charter(question, self.charter))
        if self.evaluations is not None and asks_criteria(question, self.charter):  # commissioners: how bids are marked
            return StreamResult.done(answer_criteria(question, self.charter))
        # only a question asking who someone is builds the register to learn the suppliers' names
        who = asks_who(question, self.register.suppliers()) if who_asked(question) else None
        if who is not None:  # the passages about who they are, not every one that names them
            found = self.fallback.answer(f"What kind of company is {who}?", (), filters)
            if found.supported:
                return StreamResult.done(replace(found, question=question))
        rated = answer_rating(question, self.register, lambda doc: next((c.title for c in snap.chunks_of(doc)), "")) \
            if asks_rating(question) else None
        if rated is not None:  # "How is Brightstone rated?": its contracts' ratings, not its promises
            return StreamResult.done(rated)
        routed = self._from_register(question, filters, home_area)
        answer, documents = routed.answer, routed.documents
        if answer is None:
            return self.fallback.stream(question, (), filters)
        if documents != "none":
            # the documents may still say it ("what share of X's spend ..."), of the place asked
            # about; when they do not either, the register's reply says how the question was read
            found = self.fallback.answer(question, (), filters)
            said = " ".join(c.quote for c in found.citations).lower()
            local = {a.lower() for a in self.charter.areas} & {p.lower() for p in routed.places}
            if local and not any(p in said for p in local):  # Castleford Green's jobs do not
                found = Answer(question, found.answer, False, found.answerer)  # answer for Stanmoor
            if routed.unheld and not routed.unheld & set(content_tokens(said)):
                # "how many horticulture apprenticeships?": no promise names horticulture and no
                # passage found does either; the register's reply says so
                return StreamResult.done(answer)
            if documents == "if_done":  # only a sentence saying what was done tells more than the register
                found = replace(found, supported=found.supported and any("past" in tenses(c.quote)
                                                                         for c in found.citations))
            return StreamResult.done(found if found.supported or documents == "instead" else answer)
        return StreamResult.done(answer)

    def _from_register(self, question: str, filters: Filters | None = None, home_area: str | None = None
                       ) -> Routed:
        """The register's answer and what the documents may add to it (see ``Routed``).
        Per-call ``filters`` narrow it as they narrow a search."""
        intent = self.reader.intent(question)
        if not intent:
            return Routed(None)
        register = self.register
        suppliers = register.suppliers()
        home = " ".join((home_area or "").split())[:80] or None
        stored = register.stored_areas()  # a pass over every row: read once
        reading = self.reader.read(question, intent, suppliers, home, stored)
        respell_places(reading, [*register.charter.areas, *stored])
        respell_suppliers(reading, suppliers)
        respell(reading, register.all())
        if filters and filters.supplier:
            reading.suppliers, reading.unknown_supplier = [filters.supplier], []
        if filters and filters.area:
            reading.areas = [filters.area]
        if not reading.suppliers and reading.unknown_supplier:
            # one supplier's word inside another name ("the Wheatley Pledge scheme"): the documents
            # may answer of it; when they do not, ask which
            one = len(reading.unknown_supplier) == 1
            return Routed(_which_supplier(question, reading.unknown_supplier), "if_found" if one else "none")
        if not reading.suppliers and reading.unknown_names:
            # the name is not repeated: a reply never echoes words as if the documents held them
            return Routed(Answer(question, _no_such_name(suppliers, register.charter.areas), False, "register"),
                          "if_found", reading.areas)
        if reading.my_area and not reading.areas:
            return Routed(Answer(question, "Which area do you mean? Choose your area on the “Promises for "
                                           "your area” tab, or name the town or ward in your question.",
                                 False, "register"))
        answer = ANSWERS[reading.intent](question, reading, register)
        ids = set(answer.rows)
        rows = [c for c in register.all() if c.id in ids] if ids else []  # the rows the answer shows
        # "How many homes did X build last year?": a report's figure of what was done answers it;
        # the promises' statuses answer only when the documents hold no such figure
        done: Documents = "if_found" if reading.intent == "delivered" and asked(question).shape in _FIGURES \
            else "none"
        # "What has OCS already achieved on carbon ...?" of promises no report is matched to: the
        # report's account of what was achieved, when the documents give one
        unreported = reading.intent == "delivered" and answer.supported and bool(reading.topic) \
            and not _register_only(reading) and not any(c.evidence for c in rows)
        if (answer.supported and reading.topic and reading.intent != "absent" and not _register_only(reading)
                and _one_thing(question) and not (reading.intent == "total" and sums_all(question))):
            # rows that hold only some of the topic's words ("net zero ... value chain": rows about
            # the supply chain) read a question for one figure or date loosely: a passage the
            # documents answer from comes first
            if _names_topic(reading, rows):
                # "... yet, or only promised?" asks what happened, which any document may tell
                return Routed(answer, "if_done" if unreported and asks_if_yet(question) else done, reading.areas)
            unheld = frozenset(w for w in reading.topic if not any(w in c.words for c in rows))
            if reading.intent == "total" and _qualifies_count(reading, unheld, rows):
                return Routed(answer, "instead", reading.areas, unheld)
            return Routed(answer, "instead", reading.areas)
        # "What did X commit to?" of a supplier whose documents hold no promise: that is the answer
        # (a passage that merely names X is not one)
        nothing_of = reading.intent == "list" and reading.suppliers and not reading.topic and not any(
            r.supplier in reading.suppliers for r in register.all())
        # a total that no promise shown wholly names ("What was ISG's total carbon footprint in 2019?":
        # the promises of carbon add up to something else): the documents' figure, when they give one;
        # a sum asked for across the promises ("... in total?") is still the register's
        loose_total = reading.intent == "total" and answer.supported and bool(reading.topic) \
            and not sums_all(question) and not _names_topic(reading, rows)
        # a list whose rows hold under half the topic's words ("communities project people strategy":
        # only "strategy"): the documents' answer, when they give one
        held = [w for w in reading.topic if any(w in c.words for c in rows)]
        loose_list = reading.intent == "list" and len(reading.topic) >= 3 and 2 * len(held) < len(reading.topic)
        if unreported:
            return Routed(answer, "if_done", reading.areas)
        loose = not answer.supported or loose_total or loose_list
        return Routed(answer, "if_found" if loose and not _register_only(reading) and not nothing_of else done,
                      reading.areas)


def _names_topic(reading: Reading, rows: Sequence[Commitment]) -> bool:
    """Whether one of ``rows`` holds every word of the topic asked about."""
    words = set(reading.topic)
    return any(words <= c.words for c in rows)


def _qualifies_count(reading: Reading, unheld: frozenset[str], rows: Sequence) -> bool:
    """Whether the one topic word no row holds comes right before what the rows count:
    "horticulture apprenticeships" (other apprenticeships are not these), not "trees ... in
    Northend parks" (the trees promised for Northend are those asked about)."""
    topic = reading.topic
    if len(unheld) != 1 or reading.topic_for:
        return False
    i = topic.index(next(iter(unheld)))
    counted = {w for c in rows for w in content_tokens(c.unit or "")}
    return i + 1 < len(topic) and topic[i + 1] in counted


def _criteria(charter: Charter) -> list[str]:
    """The award criteria's titles; a charter with none is scored by theme (tenders.scoring)."""
    return [c.title for c in charter.criteria] or [THEME_LABELS[o.theme] for o in charter.outcomes]


def _register_only(reading: Reading) -> bool:
    """Asks for what only the register knows (a status, flag, service standards, rating, outcome
    by its id, due date or "my area"): an empty register answer is the answer. Suppliers, places, topic words,
    "social value commitments", what was delivered with a topic (a report says "we planted the
    trees") and a topic's targets for a year are in the documents too; "which have been kept?"
    with no topic asks the register's statuses (the documents would quote the promise)."""
    dated = reading.due_year or reading.due_in is not None
    kept = "delivered" in reading.statuses and not reading.topic
    return bool(set(reading.statuses) - {"delivered"} or kept or reading.flags or reading.kind == "service_standard"
                or reading.rating or reading.outcome and not reading.outcome_in_words
                or dated and not reading.topic or reading.my_area
                or reading.not_areas)


def _one_thing(question: str) -> bool:
    """Whether the question asks for one figure, date, name or yes/no, not a list of promises."""
    shape = asked(question).shape
    return shape is not None and shape != "list"


def _which_supplier(question: str, candidates: list[str]) -> Answer:
    """The question may mean one of several suppliers, or one the documents do not name: ask."""
    names = " or ".join(candidates) if len(candidates) <= 5 else ", ".join(candidates[:5]) + " or another"
    return Answer(question, f"Which supplier do you mean? The documents name {names}; "
                            "ask again with the supplier's full name.", False, "register")


def _no_such_name(suppliers: list[str], areas: list[str]) -> str:
    """Says whom and where the register does hold promises of (of what this reader may see), so
    the asker can name one: a resident cannot guess a supplier's registered name."""
    def some(names: list[str]) -> str:
        return ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")

    said = "The register names no supplier or area by that name."
    if suppliers:
        said += f" Its promises are from {some(sorted(suppliers))}"
        said += f", for {some(list(areas))}." if areas else "."
    return said
