"""The commitments register: every pledge, mapped to the charter's outcomes and flagged.

Mapping is done at read time against the active charter, so changing the charter re-maps
stored commitments without re-ingesting. The audience is fixed when a Register is made.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

import numpy as np

from assistant.backends.embedders import Embedder
from assistant.register.actors import anothers, speaks_to_ai
from assistant.register.charter import Charter, RatingRules
from assistant.register.corrections import Correction, row_key
from assistant.register.delivery import DeliveryMatcher, Evidence, Judgement
from assistant.register.flags import flags_for, local
from assistant.register.restated import Restatement, once
from assistant.register.themes import THEME_CUES, ThemeModel, shipped_theme_model
from assistant.search.mirror import Mirror, Snapshot
from assistant.search.retriever import ReadAudience
from assistant.vocab import THEMES, Flag, Kind, Rating, Status
from ingest.places import PlaceFinder, names_own_area
from ingest.records import Provenance, StatementRecord, lot_key, tender_key
from ingest.targets import read_alone
from ingest.text import content_tokens, with_plurals


def rate(status: str, progress: float | None, rules: RatingRules = RatingRules(),
         late: bool | None = None, measurable: bool = True) -> Rating:
    """The Procurement Act 2023 contract performance rating of one commitment: good when the
    target is met, approaching_target from 80% of it, requires_improvement from 50%, inadequate
    below that (unless not yet due: ``late`` False) or when overdue without evidence, other when
    not yet due or not ``measurable`` (the percentages are the charter's ``ratings`` if it sets them)."""
    if status == "delivered":
        return "good" if measurable else "other"  # reported done, but no target to have met
    if status == "overdue":
        return "inadequate"
    if status == "partly" and progress is not None:
        if progress >= rules.approaching_target:
            return "approaching_target"
        if late is not False:
            return "requires_improvement" if progress >= rules.requires_improvement else "inadequate"
    return "other"


@dataclass
class Commitment:
    """One row of the register (the JSON contract of ``sva commitments``)."""

    id: str
    kind: Kind  # a social value commitment, or a service standard (an operational KPI)
    text: str
    doc_id: str
    source: str
    page: int | None
    section: str
    supplier: str
    quantity: float | None
    unit: str | None
    deadline: str | None
    place: str | None
    outcomes: list[str]
    flags: list[Flag]
    status: Status
    quote: str = ""
    beneficiary: str | None = None
    outcome_scores: dict[str, float] = field(default_factory=dict)
    deadline_year: int | None = None
    areas: list[str] = field(default_factory=list)
    doc_type: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    progress: float | None = None  # delivered as a % of the promise, when comparable
    conflict: bool = False  # reports give different figures for it
    baseline: float | None = None
    rating: Rating = "other"  # the register sets it with its charter's rules; else the default rules
    also: list[Restatement] = field(default_factory=list)  # the same promise given again in its document
    read_as: str = ""  # the kind sva read, when a commissioner corrected it (see corrections.py)
    correction: Correction | None = None
    late: bool | None = None  # the deadline has passed (True), is still ahead (False), or there is none
    columns: str = ""  # a pledge table row's: its table's header row
    lead: str = ""  # a list item's lead-in, when the item goes on from its words

    @property
    def said(self) -> str:
        """The promise as a person reads it on its own (see read_alone): a table row with its
        columns named, a list item after its lead-in's words."""
        return read_alone(self.text, self.columns, self.lead)

    @property
    def provenance(self) -> Provenance:
        return Provenance(self.doc_id, self.source, self.page, self.section)

    @cached_property
    def words(self) -> frozenset[str]:
        """Its stemmed words (section, text, unit), which register questions match topics against:
        worked out once per row, not once per row per question. "Within 5 working days" is a time, not work."""
        said = _WORKING_TIME.sub(" ", f"{self.section} {self.text} {self.unit or ''}")
        return with_plurals(set(content_tokens(said)))

    def __post_init__(self) -> None:
        if self.rating == "other":  # "other" depends on no rule: the same under any charter
            self.rating = rate(self.status, self.progress, late=self.late, measurable="VAGUE" not in self.flags)

    def as_json(self) -> dict:
        data = {k: getattr(self, k) for k in (
            "id", "kind", "text", "doc_id", "source", "page", "section", "supplier", "quantity", "baseline", "unit",
            "deadline", "place", "outcomes", "flags", "status", "quote", "beneficiary",
            "outcome_scores", "progress", "rating", "conflict", "late", "columns", "lead")}
        data["evidence"] = [e.as_json() for e in self.evidence]
        data["also"] = [r.as_json() for r in self.also]
        data["correction"] = self.correction.as_json() if self.correction else None
        return data


class CharterMapper:
    """Maps statement vectors to charter outcomes: cosine to each outcome, nudged by theme words
    and by the learnt theme prior (assistant/register/themes.py). A statement serves an outcome
    when its similarity clears the threshold, or when the prior is confident (``confident``) of
    a theme the charter has outcomes for; the prior then also picks among the outcomes, so it
    corrects a neighbour's theme without making a pledge that serves nothing look mapped."""

    def __init__(self, charter: Charter, embedder: Embedder, threshold: float = 0.33,
                 margin: float = 0.05, cue_bonus: float = 0.08, themes: ThemeModel | None = None,
                 confident: float = 0.6) -> None:
        self.charter, self.threshold, self.margin, self.cue_bonus = charter, threshold, margin, cue_bonus
        self.confident = confident
        self.vectors = embedder.embed([o.text() for o in charter.outcomes])
        self.embedder_name = embedder.name
        self.themes_model = themes or shipped_theme_model()
        self.theme_columns = [THEMES.index(o.theme) for o in charter.outcomes]

    def scores(self, texts: list[str], vectors: np.ndarray) -> np.ndarray:
        if not len(texts):
            return np.zeros((0, len(self.charter.outcomes)), dtype=np.float32)
        scores = vectors @ self.vectors.T
        for j, outcome in enumerate(self.charter.outcomes):
            cue = THEME_CUES[outcome.theme]
            scores[:, j] += np.array([self.cue_bonus * min(len(cue.findall(t)), 2) for t in texts],
                                     dtype=np.float32)
        return scores

    def map(self, texts: list[str], vectors: np.ndarray) -> list[dict[str, float]]:
        """Each statement's outcomes and their scores (empty when it serves none)."""
        raw = self.scores(texts, vectors)
        prior = self.themes_model.probabilities(vectors, self.embedder_name)[:, self.theme_columns]
        adjusted = raw + self.themes_model.weight * prior
        return [self.pick(a) if len(r) and (r.max() >= self.threshold or p.max() >= self.confident) else {}
                for r, a, p in zip(raw, adjusted, prior)]

    def themes(self, topics: list[str], vectors: np.ndarray) -> list[str | None]:
        """The theme of the outcome each statement maps to best (None when it maps to none)."""
        theme = {o.id: o.theme for o in self.charter.outcomes}
        return [theme[next(iter(p))] if p else None for p in self.map(topics, vectors)]

    def pick(self, row: np.ndarray) -> dict[str, float]:
        """Outcomes scoring above the threshold and within ``margin`` of the best one."""
        best = float(row.max()) if len(row) else 0.0
        if best < self.threshold:
            return {}
        return {self.charter.outcomes[j].id: round(float(row[j]), 3)
                for j in np.argsort(-row) if row[j] >= max(self.threshold, best - self.margin)}


class Register:
    def __init__(self, mirror: Mirror, embedder: Embedder, charter: Charter,
                 audience: ReadAudience = "all", as_of: date | None = None,
                 corrections: Callable[[], dict[str, Correction]] | None = None,
                 awards: Callable[[], Mapping[tuple[str, str], str]] | None = None) -> None:
        if audience not in ("public", "all"):
            raise ValueError(f"audience must be 'public' or 'all', not {audience!r}")
        self.mirror, self.charter, self.audience = mirror, charter, audience
        self.mapper = CharterMapper(charter, embedder)
        self.places = PlaceFinder([*charter.areas, charter.place])  # "Harrowden Borough" before "Harrowden"
        # the charter's whole place ("Harrowden Borough", unless an area has its name; and "Harrowden"
        # though an area has that name: "Harrowden residents" live in each of the borough's areas)
        self._within = frozenset(a.lower() for a in charter.areas)
        place = " ".join(charter.place.split()).lower()
        self._whole = frozenset(({place} - self._within) | ({_PLACE_KIND.sub("", place)} - {"", place}))
        self.as_of = as_of or date.today()
        self.matcher = DeliveryMatcher(self.as_of)
        # the snapshot the rows were built from, weakly held (a strong one keeps its vectors alive)
        self._cache: tuple[weakref.ref[Snapshot], dict[tuple, list[Commitment]]] | None = None
        self.corrections = corrections  # the commissioners' corrections in force, read per call
        self.awards = awards  # (tender, lot) -> who won it, read per call (tenders/decisions.py)
        self._building = threading.Lock()  # a server's warm-up and its first request build once
        self.clear_margin = 0.12  # how far above the mapping threshold an outcome "clearly" fits

    def all(self) -> list[Commitment]:
        """Every row, with the commissioners' corrections in force (see corrections.py), less the
        promises of bids that lost an awarded tender: they are no one's to keep."""
        return self._rows(self.corrections() if self.corrections else {}, self._awarded())

    def as_read(self) -> list[Commitment]:
        """Every row as sva read it, before any correction."""
        return self._rows({}, self._awarded())

    def offers(self) -> list[Commitment]:
        """As ``all``, with the promises of bids that lost (an awarded tender is still scored)."""
        return self._rows(self.corrections() if self.corrections else {}, ())

    def suppliers(self) -> list[str]:
        """Every supplier its readable documents were stored for, with promises or none."""
        return self.mirror.snapshot().suppliers(self.audience != "all")

    def _awarded(self) -> tuple[tuple[str, str, str], ...]:
        awards = self.awards() if self.awards else {}
        return tuple(sorted((tender_key(t), lot_key(lot), w.casefold()) for (t, lot), w in awards.items()))

    def _rows(self, fixes: dict[str, Correction], awarded: tuple[tuple[str, str, str], ...]) -> list[Commitment]:
        """The rows for these corrections and awards, built once per store snapshot and set of them."""
        snap = self.mirror.snapshot()
        mark = (tuple(sorted((key, fix.kind, fix.at) for key, fix in fixes.items())), awarded)
        with self._building:
            if self._cache is None or self._cache[0]() is not snap:
                self._cache = (weakref.ref(snap), {})
            built = self._cache[1]
            if mark not in built:
                if len(built) >= 4:  # as read, and the latest corrections: a few at most
                    built.clear()
                built[mark] = self._build(snap, fixes, self._lost(awarded))
            return built[mark]

    def _lost(self, awarded: tuple[tuple[str, str, str], ...]) -> frozenset[str]:
        """The documents that bid for an awarded tender (that lot, or the whole tender) and lost."""
        if not awarded:
            return frozenset()
        winners = {(tender, lot): who for tender, lot, who in awarded}
        return frozenset(d.doc_id for d in self.mirror.store.documents()
                         if (winner := _winner(d, winners)) is not None and winner != d.supplier.casefold())

    def commitments(self, supplier: str | None = None, area: str | None = None,
                    outcome: str | None = None, flag: str | None = None,
                    status: str | None = None, named_only: bool = False,
                    kind: Kind | None = None) -> list[Commitment]:
        """Filtered rows. ``area`` matches the places a commitment names or, when it names none,
        the areas its document covers (unless ``named_only``)."""
        rows = self.all()
        if kind:
            rows = [c for c in rows if c.kind == kind]
        if supplier:
            rows = [c for c in rows if c.supplier.lower() == supplier.lower()]
        if area:
            rows = [c for c in rows if self.in_area(c, area, named_only)]
        if outcome:
            rows = [c for c in rows if outcome in c.outcomes]
        if flag:
            rows = [c for c in rows if flag.upper() in c.flags]
        if status:
            rows = [c for c in rows if c.status == status]
        return rows

    def in_area(self, c: Commitment, area: str, named_only: bool = False) -> bool:
        """Whether a row names ``area`` or is for the whole contract area that holds it."""
        return _in_area(c, area, named_only, self._whole, self._within)

    def stored_areas(self) -> list[str]:
        """The areas the documents were stored for (``sva ingest --area``)."""
        return sorted({a for row in self.all() for a in row.areas if a})

    def known_areas(self) -> list[str]:  # the charter's place and areas, then those stored for
        return [self.charter.place, *self.charter.areas, *self.stored_areas()]

    def matrix(self, rows: list[Commitment] | None = None) -> dict:
        """Supplier x outcome counts of commitments (a coverage matrix)."""
        rows = self.all() if rows is None else rows
        suppliers = sorted({c.supplier for c in rows})
        counts = {s: {o.id: 0 for o in self.charter.outcomes} for s in suppliers}
        for c in rows:
            for outcome_id in c.outcomes:
                counts[c.supplier][outcome_id] += 1
        return {"suppliers": suppliers, "outcomes": [o.id for o in self.charter.outcomes], "counts": counts}

    def open_bids(self) -> set[str]:
        """The documents (ids) that bid for a tender not yet awarded: offers, not contracts."""
        winners = {(tender, lot): who for tender, lot, who in self._awarded()}
        return {d.doc_id for d in self.mirror.store.documents() if d.tender and _winner(d, winners) is None}

    def documents_in_lot(self, lot: str) -> set[str]:
        """The documents (ids) that bid for a lot of a tender ("2" finds lot "2" and "Lot 2")."""
        wanted = lot_key(lot)
        return {d.doc_id for d in self.mirror.store.documents() if d.lot and lot_key(d.lot) == wanted}

    def _build(self, snap: Snapshot, fixes: dict[str, Correction],
               lost: frozenset[str] = frozenset()) -> list[Commitment]:
        visible = [i for i, s in enumerate(snap.statements)  # never words to an AI, nor another council's
                   if (self.audience == "all" or s.audience == "public") and not speaks_to_ai(s)
                   and s.doc_id not in lost and not anothers(s)]
        promised = [i for i in visible if snap.statements[i].kind in ("commitment", "service_standard")]
        claimed = [i for i in visible if snap.statements[i].kind == "achievement"
                   and snap.statements[i].doc_type == "social_value_report"]
        # a commissioner's correction is in force before anything is judged: flags, restatements
        # and evidence are those of the kind it was given, and a row that is no promise is none
        fixed = {i: fix for i in promised
                 if (fix := fixes.get(row_key(snap.statements[i].supplier, snap.statements[i].text)))}
        promised = [i for i in promised if i not in fixed or fixed[i].kind != "not_a_promise"]
        statements = [replace(snap.statements[i], kind=_promise_kind(fixed[i].kind)) if i in fixed
                      else snap.statements[i] for i in promised]
        vectors = _rows(snap.statement_vectors, promised)
        mapped = self.mapper.map([s.topic for s in statements], vectors)
        judgements = self.matcher.judge(
            statements, vectors, [snap.statements[i] for i in claimed],
            _rows(snap.statement_vectors, claimed),
            {d.doc_id: d.tender for d in self.mirror.store.documents() if d.tender}, snap.text_of)
        rows = [self._row(s, outcomes, j) for s, outcomes, j in zip(statements, mapped, judgements)]
        for row, i in zip(rows, promised):
            if i in fixed:
                row.read_as, row.correction = snap.statements[i].kind, fixed[i]
        return self._ordered(once(rows))

    def _ordered(self, rows: list[Commitment]) -> list[Commitment]:
        """Each supplier's rows together (in the order suppliers first appear); within them, the
        commitments that clearly serve a charter outcome first, then the rest, each in reading
        order; service standards last. Operational promises ("residents will be offered
        appointments") then follow the social value ones instead of leading the register."""
        first_seen = {supplier: i for i, supplier in reversed(list(enumerate(r.supplier for r in rows)))}
        clear = self.mapper.threshold + self.clear_margin

        def tier(c: Commitment) -> int:
            return 2 if c.kind == "service_standard" else int(max(c.outcome_scores.values(), default=0.0) < clear)

        return sorted(rows, key=lambda c: (first_seen[c.supplier], tier(c)))

    def _row(self, s: StatementRecord, outcomes: dict[str, float], judged: Judgement) -> Commitment:
        named = self.places.places_for(s.sentence)
        places = named or list(s.places)
        if not named and places == list(s.areas) and not self.places.find(s.section):
            places = []  # ingest fell back to the document's areas: the pledge names no place itself
        # a pledge naming no place applies where its document does, and so does one for "the
        # borough"; a document of no stated area was written to this buyer, so its "the borough"
        # is the charter's
        own = s.areas or self.charter.areas
        where = [a for p in places or s.areas for a in (own if names_own_area(p) else [p])]
        flags = flags_for(s, bool(outcomes), where, self.charter.areas)
        return Commitment(
            id=s.statement_id, kind="service_standard" if s.kind == "service_standard" else "commitment",
            text=s.text, doc_id=s.doc_id, source=s.source, page=s.page,
            section=s.section, supplier=s.supplier, quantity=s.quantity, unit=s.unit,
            deadline=s.deadline, place=", ".join(places) or None, outcomes=list(outcomes),
            flags=flags, status=judged.status, quote=s.sentence,
            beneficiary=s.beneficiary, outcome_scores=outcomes, deadline_year=s.deadline_year,
            areas=list(s.areas), doc_type=s.doc_type, evidence=list(judged.evidence),
            progress=judged.progress, conflict=judged.conflict, baseline=s.baseline, late=judged.late,
            columns=s.columns, lead=s.lead,
            rating=rate(judged.status, judged.progress, self.charter.ratings, judged.late, "VAGUE" not in flags))


def _promise_kind(kind: str) -> Kind:
    return "service_standard" if kind == "service_standard" else "commitment"


def _winner(doc, winners: dict[tuple[str, str], str]) -> str | None:
    """Who won (casefolded) the tender ``doc`` bid for, that lot or the whole; None if not awarded."""
    tender = tender_key(doc.tender)
    return winners.get((tender, lot_key(doc.lot)), winners.get((tender, ""))) if tender else None


def _rows(matrix: np.ndarray, index: list[int]) -> np.ndarray:
    return matrix[index] if index else np.zeros((0, matrix.shape[1] if matrix.ndim == 2 else 1), np.float32)


_WORKING_TIME = re.compile(r"\bworking\s++(?=(?:days?|weeks?|hours?)\b)", re.I)
_PLACE_KIND = re.compile(r"\s++(?:metropolitan\s++)?(?:borough|city|county|district)(?:\s++council)?$")


def _in_area(c: Commitment, area: str, named_only: bool = False, whole: frozenset[str] = frozenset(),
             within: frozenset[str] = frozenset()) -> bool:
    """Names ``area``, or names no place but its document's own ("the borough") and the document
    covers ``area`` (a contract-wide promise; left out when ``named_only``). A promise for the
    charter's ``whole`` place ("SMEs based in Harrowden Borough") is for each area ``within`` it
    too, as a contract-wide one."""
    named = [p.strip() for p in (c.place or "").split(",") if p.strip() and not names_own_area(p)]
    covers = any(area.lower() == a.lower() for a in c.areas)
    if named and all(p.lower() in whole for p in named):
        return local(area, named) or not named_only and (area.lower() in within or covers)
    if named:
        return local(area, named)
    return not named_only and covers
