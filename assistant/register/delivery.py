"""Promised vs delivered: match a supplier's delivery claims in its later social value reports to
its earlier commitments, and judge each commitment's status as of a date.

A claim is evidence for a commitment only when it measures the same thing: same supplier, similar
meaning (embedding similarity), the same unit family (apprenticeships are not jobs, hours are not
days, vans are not charging points), a compatible beneficiary group, no clashing place, and the
scope of this contract (a group-wide figure or another contract's is shown as context, never as
evidence; so is a remainder, "the remaining 15 vans"). Statuses:
delivered (evidence meets the target), partly (below it), overdue (deadline passed, no evidence),
promised (not yet due, no evidence), no_evidence (no deadline, no evidence), needs_review
(figures that conflict, or a figure over three times the target: likely a mismatch).
Every match is explainable: the register row carries the evidence quotes with their sources.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, replace
from datetime import date

import numpy as np

from assistant.register.claimed import change, change_of, figures, measured, restates_target
from assistant.register.flags import local
from assistant.register.told import progress_told, told_met_next
from assistant.register.units import FAMILIES, unit_family, unit_key, units_agree
from assistant.vocab import EvidenceRole, Status
from ingest.quantities import MONTHS, is_plural
from ingest.records import Provenance, StatementRecord
from ingest.targets import read_alone
from ingest.text import content_tokens

_MONTH_NUMBER = {name.lower(): i for names in (calendar.month_name, calendar.month_abbr)
                 for i, name in enumerate(names) if name} | {"sept": 9}


@dataclass(frozen=True)
class Evidence:
    """A delivery claim quoted from a report."""

    quote: str
    quantity: float | None
    unit: str | None
    doc_id: str
    source: str
    page: int | None
    section: str
    score: float
    role: EvidenceRole = "evidence"  # or related, but not this promise's delivery (see the vocabulary)
    columns: str = ""  # a table row's: its table's header row
    lead: str = ""  # a list item's lead-in, when the item goes on from its words

    @property
    def said(self) -> str:
        """The quote as a person reads it on its own (see read_alone)."""
        return read_alone(self.quote, self.columns, self.lead)

    @property
    def provenance(self) -> Provenance:
        return Provenance(self.doc_id, self.source, self.page, self.section)

    def as_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Judgement:
    status: Status
    evidence: tuple[Evidence, ...] = ()
    progress: float | None = None  # delivered / promised, as a percentage, when comparable
    conflict: bool = False
    late: bool | None = None  # its deadline has passed (True), is still ahead (False), or it has none


def due_date(deadline: str | None, year: int | None) -> date | None:
    """The last day a dated deadline allows ("by March 2027" -> 2027-03-31)."""
    if year is None:
        return None
    month = 12
    if deadline:
        named = re.search(rf"\b({MONTHS})\b", deadline, re.I)
        if named:
            month = _MONTH_NUMBER[named.group(1).lower()]
        day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s", deadline)
        if named and day:
            return date(year, month, min(int(day.group(1)), calendar.monthrange(year, month)[1]))
    return date(year, month, calendar.monthrange(year, month)[1])


# A claim about other contracts or the whole group is context; so is what is still to be done.
_WIDER = re.compile(r"\b(?:wider|whole|entire) (?:group|business|company|organisation)|group[- ]wide|"
                    r"company[- ]wide|across (?:the|our) (?:group|business|company|country|uk)|nationally|"
                    r"(?:our|other) (?:[A-Z][a-z]+ (?:and [A-Z][a-z]+ )?)?contracts\b|"
                    r"on other contracts|elsewhere in the", re.I)
_REMAINDER = re.compile(r"\b(?:remaining|outstanding|still to (?:be )?|left to|yet to be|due for|"
                        r"to be (?:converted|replaced|delivered|completed)|not yet)\b", re.I)
_BASELINE = re.compile(r"\b(?:when we (?:took over|started|began)|before (?:the|this|our) contract|"
                       r"at the (?:start|outset)|baseline (?:was|is|of|figure|stood)|starting point|"
                       r"started (?:from|at)|in the year before)\b", re.I)
_PART_OF = re.compile(r"\b(\d[\d,]*) of (?:our|the|its|their|all) (\d[\d,]*)\b")
_PERIOD = re.compile(r"\b(?:(?:19|20)\d\d/\d\d|financial year|each year|every year|per year|a year|annual(?:ly)?|"
                     r"per annum|in (?:19|20)\d\d)\b", re.I)
_CUMULATIVE = re.compile(r"\b(?:since (?:the )?(?:contract|start|we began|19|20)|to date|so far|in total|"
                         r"cumulative|over the (?:first|last|past) (?:two|three|four|five|\d+) years)\b|"
                         r"\bsince (?:19|20)\d\d\b", re.I)


class DeliveryMatcher:
    # margin: claims this close to the best one are evidence too (two figures for one promise are a
    # conflict to show). The margin was set when the int8 model moved a similarity by ~0.02 with
    # what shared its batch (each text runs alone now); 0.12 dropped a report's second figure,
    # and the pair set scores the same at 0.12 and 0.15.
    def __init__(self, as_of: date, threshold: float = 0.6, margin: float = 0.15) -> None:
        self.as_of, self.threshold, self.margin = as_of, threshold, margin

    def judge(self, commitments: list[StatementRecord], commitment_vectors: np.ndarray,
              claims: list[StatementRecord], claim_vectors: np.ndarray,
              tenders: Mapping[str, str] | None = None,
              text_of: Callable[[str], str] = lambda doc_id: "") -> list[Judgement]:
        """``tenders``: doc_id -> the tender its document answers ("" for none). A report is
        evidence only for promises made for the same tender: a bid for a new contract is not
        delivered by the supplier's report on its current one (shown as context instead).
        ``text_of``: doc_id -> a promise's document text, where it may say where its sites are."""
        similarity = (commitment_vectors @ claim_vectors.T if len(claims) and len(commitments)
                      else np.zeros((len(commitments), len(claims)), dtype=np.float32))
        return [self._judge(c, similarity[i], claims, tenders or {}, text_of) for i, c in enumerate(commitments)]

    def _judge(self, c: StatementRecord, similarity: np.ndarray, claims: list[StatementRecord],
               tenders: Mapping[str, str], text_of: Callable[[str], str]) -> Judgement:
        due = due_date(c.deadline, c.deadline_year) if not c.recurring else None
        late = None if due is None else due < self.as_of
        told = next((k for k in claims if told_met_next(c, k, lambda: text_of(c.doc_id))), None)
        if told is not None:
            return replace(self._delivered(c, (_in_its_words(told),)), late=late)
        share = progress_told(c.sentence) if c.quantity is not None else None
        if share is not None:  # "already more than half way towards its target of 500": its own words
            return Judgement("delivered" if share >= 100 else "partly", (_in_its_words(c),), share, late=late)
        scored = []
        for j, claim in enumerate(claims):
            if claim.supplier != c.supplier or not _reports_on(c, claim) or _places_clash(c, claim) \
                    or len(claim.sentence) > _LONGEST_CLAIM or _against_another_target(c, claim):
                continue
            if c.unit == "£" and _HOURLY.search(claim.sentence) and not _HOURLY.search(c.sentence):
                continue  # a wage ("£9.30 an hour") is no part of a sum promised (£1.18m of social value)
            claim = restated(c, claim)
            if c.unit == "%" == claim.unit and change_of(claim.sentence, claim.quantity) not in (None, change(c.text)):
                continue  # a 30% cut in NOx is no share of spoil moved by river; an 87% rise no 45% cut
            agree = units_agree(c.unit or (claim.unit if unit_family(c.text) == unit_family(claim.unit) else None),
                                claim.unit)
            if claim.doc_id == c.doc_id and agree is not True:
                continue  # beside its own target, only a figure of the same thing reports on it
            if agree is False or (c.unit in ("£", "%") or None in (c.quantity, claim.quantity)) \
                    and not _same_topic(c, claim) \
                    or _counts_else(c, claim):
                continue  # a different unit family, a share of something else, or words on another topic
            score = float(similarity[j]) + (0.1 if agree else 0.0)
            if not _same_group(c.beneficiary, claim.beneficiary):
                continue  # for social enterprises is not for SMEs; long-term unemployed are not apprentices
            if score >= self.threshold:
                scored.append((score, claim))
        evidence: tuple[Evidence, ...] = ()
        if scored:
            best = max(s for s, _ in scored)
            kept = sorted((p for p in scored if p[0] >= best - self.margin), key=lambda p: -p[0])
            evidence = tuple(Evidence(k.sentence, k.quantity, k.unit, k.doc_id, k.source, k.page,
                                      k.section, round(s, 3),
                                      _role(c, k, tenders.get(k.doc_id, "") != tenders.get(c.doc_id, "")),
                                      k.columns, k.lead)
                             for s, k in kept)
        valid = [e for e in evidence if e.role == "evidence"]
        if valid and all(_elsewhere(c.sentence, e.quote, lambda: text_of(c.doc_id)) for e in valid):
            # done, but at another site: a person says whether it is the same work
            return Judgement("needs_review", tuple(replace(e, role="elsewhere") if e.role == "evidence" else e
                                                   for e in evidence))
        if valid:
            return replace(self._delivered(c, evidence), late=late)
        return Judgement(self._undelivered(c, due), evidence, late=late)

    def _undelivered(self, c: StatementRecord, due: date | None) -> Status:
        """``due``: the last day its deadline allows (None for none, or a recurring one)."""
        if due is not None:
            if due >= self.as_of:
                return "promised"
            # "will run from June 2021 until December 2025": a period that has ended, not a date missed
            return "no_evidence" if _UNTIL.match(c.deadline or "") else "overdue"
        return "no_evidence"  # no date to be due by, and nothing reported

    @staticmethod
    def _delivered(c: StatementRecord, evidence: tuple[Evidence, ...]) -> Judgement:
        valid = [e for e in evidence if e.role == "evidence"]
        figures = [e for e in valid if e.quantity is not None and units_agree(c.unit, e.unit) is not False]
        conflict = len({e.quantity for e in figures}) > 1
        if conflict:
            return Judgement("needs_review", evidence, None, True)  # both quotes are shown
        if c.quantity is None or not figures or (c.unit == "%") != (figures[0].unit == "%"):
            return Judgement("delivered", evidence, None, False)
        delivered = figures[0].quantity or 0.0
        progress = round(100 * delivered / c.quantity, 1) if c.quantity else None
        if _CEILING.search(c.text):
            met = delivered <= c.quantity  # "keep accidents below 0.10"
        elif progress is not None and progress > MISMATCH_RATIO:
            return Judgement("needs_review", evidence, progress, False)  # likely not the same thing
        else:
            met = progress is None or progress >= 100
        return Judgement("delivered" if met else "partly", evidence, progress, False)


_HOURLY = re.compile(r"£\s?+\d[\d.,]*+\s*+(?:per|an|a)\s++hour\b|\bwage\s*+\(?\s*+£\s?+\d", re.I)  # a wage
_UNTIL = re.compile(r"\s*(?:up\s+)?(?:until|till|through to)\b", re.I)
_LONGEST_CLAIM = 400  # longer "sentences" are flattened tables, not claims
MISMATCH_RATIO = 300.0  # per cent of the target above which a match is more likely a mismatch


def _in_its_words(s: StatementRecord) -> Evidence:
    """A sentence of the promise's own document quoted as the evidence of how it went, a figure aside."""
    return Evidence(s.sentence, None, None, s.doc_id, s.source, s.page, s.section, 1.0, "evidence", s.columns, s.lead)


def _reports_on(c: StatementRecord, claim: StatementRecord) -> bool:
    """Whether a claim may report on a promise: any other document's; its own document's only when
    that is no bid, the target is told as one set in the past and the claim gives a figure ("We
    wanted to recruit 50 apprentices in a year" ... "51 apprentices have been signed up"). A
    report's figures beside a promise still to keep are where it starts from ("we'll spend £1.2bn
    over the next five years" beside "£109.2m invested this year"), and a bid's track record is
    another contract's delivery."""
    if claim.doc_id != c.doc_id:
        return True
    return (c.doc_type not in ("tender_response", "") and claim.sentence != c.sentence
            and claim.quantity is not None and _SET_BEFORE.search(c.sentence) is not None)


# a target told as one set in the past: "We wanted to recruit 50 apprentices", "our target was 20%"
# ("we are committed to", "we have committed to" are promises still held, not ones set before)
_SET_BEFORE = re.compile(r"\b(?:wanted|aimed|planned|set\s++out|pledged|promised|intended|hoped|"
                         r"(?<!are )(?<!['’]re )(?<!is )(?<!remain )(?<!fully )(?<!have )(?<!has )(?<!['’]ve )"
                         r"committed)\s++to\b|"
                         r"\b(?:target|goal|aim|ambition|commitment)\s++(?:was|had\s++been)\b|\bthe\s++aim\s++was\b",
                         re.I)


def _role(c: StatementRecord, claim: StatementRecord, other_tender: bool) -> EvidenceRole:
    """'context' for a claim from a document for another tender, or about other contracts or the
    whole group, a remainder still to do, or a cumulative figure for a yearly promise; else
    'evidence'."""
    sentence = claim.sentence
    if other_tender or _WIDER.search(sentence) or _REMAINDER.search(sentence) or _BASELINE.search(sentence):
        return "context"
    if claim.quantity is None and _UNDER_WAY.search(sentence) and not _REACHED.search(sentence):
        return "context"  # "ahead of the trajectory to meet our 2020 waste targets": not met yet
    if _TO_COME.search(sentence) and not _REACHED.search(sentence):
        return "context"  # "Our ambitions for the next 10 years are to deliver over 900 new homes"
    if claim.quantity is not None and restates_target(sentence, claim.quantity):
        return "context"  # "we adopted a strategy with a goal to build a minimum of 1,000 homes"
    if (c.recurring or _PERIOD.search(c.sentence)) and c.quantity is not None and _CUMULATIVE.search(sentence):
        return "context"  # a running total cannot show one period's target was met
    return "evidence"


# A claim with no figure that says work is under way towards a target, not that it was reached
_UNDER_WAY = re.compile(r"\b(?:on (?:track|course|target)|ahead of (?:the |our )?(?:trajectory|schedule|plan)|"
                        r"(?:work\w*|progress\w*|moving|way) towards?|towards? (?:our|the|its|their|this|these|that)"
                        r"(?: \d{4})? (?:target|goal|ambition|aim)s?|working to|making progress|under ?way|in hand|"
                        r"(?:target|ambition|aim|goal)s?\b"
                        r"(?:\s++\w+){0,3}?\s++(?:has|have|is|are) (?:inspired|driven|guided|shaped|helped))\b", re.I)
# A claim that sets out what is still to come: a plan, not a result
_TO_COME = re.compile(r"\b(?:ambitions?|plans?|aims?|goals?|targets?|intentions?)\b[^.;]{0,40}?\b(?:is|are)\s++to\b|"
                      r"\bwe\s++(?:will|intend to|plan to|aim to)\b", re.I)
_REACHED = re.compile(r"\b(?:achieved|met|reached|exceeded|surpassed|beat|smashed|completed|delivered)\b", re.I)


# Groups broad enough that a claim naming no group may still be about them.
_BROAD_GROUPS = {"resident", "tenant", "local", "people", "school", "student", "pupil", "smes", "sme",
                 "charity", "charities", "community", "group", "young", "children"}


_GENERIC = {"contract", "site", "year", "local", "will", "deliver", "provide", "total", "across", "baseline",
            "target", "commit", "ensure", "achieve", "increase", "reduce", "least", "every", "our", "per",
            "social", "value", "council", "intensity", "reduction", "reduced", "operational", "level", "rate",
            "overall", "annual", "cent", "percent"}


def _same_topic(c: StatementRecord, claim: StatementRecord) -> bool:
    """A share or a sum is only evidence about the same thing: the two must share a topic word
    (30% less carbon is not 96% of waste diverted)."""
    words = _topic_words(c.text)
    return not words or bool(words & _topic_words(claim.sentence))


def _topic_words(text: str) -> set[str]:
    """A text's words less generic ones and figures (a shared "5%" is no shared topic)."""
    return {w for w in content_tokens(text) if w not in _GENERIC and not any(ch.isdigit() for ch in w)}


# A named site: "at the Kestrel Lane hub", "from our Leeds depot" (the kind of site, then its name).
_SITE = re.compile(r"\b(?:at|in|from|to) (?:the |our |its |their )?((?:[A-Z][\w'’-]*\s){1,3})"
                   r"(hub|depot|site|office|centre|center|yard|campus|workshop|warehouse|plant)s?\b")


def _sites(text: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for m in _SITE.finditer(text):
        found.setdefault(m.group(2).lower().replace("center", "centre"), set()).add(m.group(1).strip().lower())
    return found


def _elsewhere(promise: str, claim: str, document: Callable[[], str] = str) -> bool:
    """The claim names a site of the kind the promise names, and not the promise's own: 20 charging
    points installed "at our Millbrook hub" are not the 20 promised "at the Kestrel Lane hub",
    unless the promise's ``document`` gives both names in one sentence, as an address does ("our
    hub is at Unit 4, Kestrel Lane Trading Estate, Millbrook")."""
    ours, theirs = _sites(promise), _sites(claim)
    return any(kind in theirs and not names & theirs[kind] and not _together(names, theirs[kind], document())
               for kind, names in ours.items())


def _together(ours: set[str], theirs: set[str], document: str) -> bool:
    """Whether a sentence of ``document`` names one of ``ours`` and one of ``theirs``."""
    def named(names: set[str], sentence: str) -> bool:
        return any(re.search(rf"\b{re.escape(n)}\b", sentence) for n in names)
    return any(named(ours, s) and named(theirs, s) for s in re.split(r"(?<=[.!?])\s+|\n", document.lower()))


def _counts_else(c: StatementRecord, claim: StatementRecord) -> bool:
    """A count of things a promise without a figure never mentions is about something else: "41
    work placements" is no evidence that "taster days for girls" were run."""
    if c.quantity is not None or claim.quantity is None or not claim.unit or claim.unit in ("£", "$", "€", "%"):
        return False
    head = next((w for w in claim.unit.split() if is_plural(w) and not w[:1].isupper()), None)
    counted = set(content_tokens(head)) - _MEASURES if head else set()
    return bool(counted) and not counted & set(content_tokens(c.text))


_MEASURES = set(content_tokens("hours days weeks months years times people persons"))  # of anything


def _same_group(promised: str | None, claimed: str | None) -> bool:
    """Whether a claim can be about the group a promise names: the same group, or a promise to a
    broad group (residents, SMEs); a promise to veterans or care leavers is not met by "staff"."""
    if not promised:
        return True
    wanted = set(content_tokens(promised))
    if not claimed:
        return wanted <= _BROAD_GROUPS
    return bool(wanted & set(content_tokens(claimed)))


def _against_another_target(c: StatementRecord, claim: StatementRecord) -> bool:
    """A row of a report's delivery table names the target it reports against ("Homes with damp
    and mould sensors | 500 by September 2026 | 180 | Behind"): it is not about a promise of
    another figure (the survey of 1,150 homes), however alike the words."""
    if c.quantity is None or " | " not in claim.sentence:
        return False
    others = [q.value for q in figures(claim.sentence) if q.value != claim.quantity]
    return bool(others) and not any(abs(v - c.quantity) <= 0.01 * abs(c.quantity) for v in others)


def restated(c: StatementRecord, claim: StatementRecord) -> StatementRecord:
    """The claim counted in the commitment's unit when its sentence says so itself ("2,400 hours,
    equal to 320 volunteering days"; "six care leavers completed funded work placements"), by the
    figure of its several that measures the promise (claimed.py), else the claim as it is. Units
    are never converted by sva, only read where the text gives them."""
    wanted = unit_family(c.unit) if c.unit else unit_family(c.text) if c.quantity is not None else None
    part = _PART_OF.search(claim.sentence)  # "27 of our 42 vans": 27 were done, of 42 vans
    if part:
        done, total = (float(n.replace(",", "")) for n in part.groups())
        unit = next((q.unit for q in figures(claim.sentence) if q.value == total and q.unit), claim.unit)
        if wanted is None or unit_family(unit) == wanted:
            return replace(claim, quantity=done, unit=unit)
        # "27 of our 42 vans ..., and 20 charging points were installed": read on for the points
    if claim.quantity is not None and c.quantity is not None:  # "by 23% ..., and by 58% since 2010"
        # a bare figure after a count is more of it: "aimed for 60 apprentices and achieved 54"
        count = unit_key(claim.unit) not in ("£", "%")
        same = [q for q in figures(claim.sentence) if unit_key(q.unit) == unit_key(claim.unit) or count and not q.unit]
        better = measured(c.sentence, claim.sentence, same) if len(same) > 1 else None
        claim = replace(claim, quantity=better.value, unit=better.unit or claim.unit) if better else claim
    if wanted is None or unit_family(claim.unit) == wanted:
        return claim
    counted = [(unit_family(q.unit), q) for q in figures(claim.sentence)]
    for family, found in counted:
        if family == wanted:
            return replace(claim, quantity=found.value, unit=found.unit)
    if claim.unit is None and any(family for family, _ in counted):
        # the sentence counts something else ("22 apprenticeships"): say so, so units disagree
        return replace(claim, unit=next(q.unit for family, q in counted if family))
    pattern = dict(FAMILIES).get(wanted)
    if (pattern is not None and unit_family(claim.unit) == "people" and pattern.search(claim.sentence)
            and c.beneficiary and claim.beneficiary
            and set(content_tokens(c.beneficiary)) & set(content_tokens(claim.beneficiary))):
        return replace(claim, unit=c.unit)  # the people counted are the placements' beneficiaries
    return claim
_CEILING = re.compile(r"\b(below|under|less than|no more than|fewer than|at most|maximum of|cap)\b", re.I)


def _places_clash(c: StatementRecord, claim: StatementRecord) -> bool:
    """Both name places and share none (volunteering in Leeds is not volunteering in Millbrook)."""
    if not c.places or not claim.places:
        return False
    return not any(local(p, c.places) for p in claim.places)
