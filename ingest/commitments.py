"""Commitments: sentences that pledge something, with what, how much, by when, where and for whom.

Rules, not a model: a pledge needs a future-facing cue ("we will", "we commit to", "target of",
"aims to") that is not hedged as a forecast ("we expect ... will"). Past achievements with a
quantity ("we created 45 jobs last year") are kept separately as delivery evidence. A bullet
inherits the pledge of the line that introduces its list ("We will: - train our staff ...").
A sentence holding several pledges ("... 20 apprenticeships and £2m with local SMEs") yields one
statement per pledge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.chunking import canonical_text
from ingest.document import Block
from ingest.places import PlaceFinder
from ingest.quantities import Quantity, find_deadline, quantities
from ingest.text import split_sentences

_PLEDGE = re.compile(
    r"\b(will|shall|’ll|'ll)\b(?!\s+(?:be\s+)?(?:able|glad|happy)\b)"
    r"|\b(commit(?:s|ted)?|pledge[sd]?|promise[sd]?|undertake[sn]?|guarantee[sd]?|vow)\s+to\b"
    r"|\b(commitment|pledge|promise) (?:is )?to\b"
    r"|\b(aim(?:s|ing)?|plan(?:s|ning)?|intend(?:s|ing)?|hope[sd]?|seek(?:s|ing)?|strive[sd]?|"
    r"propose[sd]?|going|ambition is|set out) to\b"
    r"|\btarget(?:s|ing|ed)?\b(?!\s+(?:was|were|has been|had been)\b)|\bgoals? (?:of|is to)\b"
    r"|\b(?:are|is|be|being) (?:required|expected by the council|obliged) to\b|\bmust\b"
    r"|\bwe are (?:creating|providing|delivering|offering|committed|pledging)\b",
    re.I)
_HEDGE = re.compile(r"\b(expect(?:s|ed)?|anticipate[sd]?|forecast(?:s|ed)?|predict(?:s|ed)?|"
                    r"estimate[sd]?|project(?:s|ed) that|likely|could|might|may)\b", re.I)
_PAST = re.compile(
    r"\b(have|has|had)\s+(?:\w+\s+){0,2}?(been\s+)?\w+(?:ed|en|t|ne|wn|ught|id|ade)\b"
    r"|\b(achieved|exceeded|delivered|created|provided|spent|completed|supported|generated|"
    r"engaged|recruited|employed|invested|donated|raised|planted|trained|safeguarded|totalled|"
    r"totaled|reached|helped|won|was|were|did|launched|introduced|established|held|ran|made|gave|saw)\b"
    r"|\b(last year|so far|to date|since \d{4}|in (?:19|20)\d\d(?:/\d\d)?\b)"
    r"|\b(?:we|they|it|our \w+)\s+(?:\w+ly\s+)?\w+ed\b"
    r"|\b(fell|rose|grew|paid|met|built|sponsored|diverted|awarded|installed|converted|surveyed|"
    r"received|opened|hosted|funded|cut|reduced|increased|recorded)\b", re.I)
# "We created", "the fund awarded": a claim of something done, kept as delivery evidence.
_DONE = re.compile(r"\b(?:we|they|our \w+|the \w+)\s+(?:\w+ly\s+)?(?:\w+ed|paid|spent|met|gave|ran|"
                   r"held|won|built|made|fell|rose|grew|cut)\b", re.I)
_MARKETING = re.compile(r"\b(proud|award-winning|leading|most trusted|best|passionate|heart of)\b", re.I)
_META = re.compile(r"\b(this (response|section|document|proposal|plan)|the table below|(set|sets) out (how|below|in)|"
                   r"summari[sz]ed (in|below)|as (described|set out|shown) (in|below|above))\b", re.I)
# Words that put a pledge in social value territory rather than routine service delivery.
_SOCIAL_VALUE = re.compile(
    r"\b(apprentic\w*|jobs?|employ\w*|recruit\w*|training|skills?|work (placements?|experience)|careers?|"
    r"living wage|local\w*|SMEs?|VCSE\w*|social (value|enterprises?)|supply chain|spend|suppliers?|"
    r"carbon|emissions?|net zero|electric|energy|fuel|diesel|waste|landfill|recycl\w*|trees?|biodiversity|"
    r"environment\w*|climate|volunteer\w*|communit\w*|charit\w*|schools?|young people|wellbeing|"
    r"donat\w*|divers\w*|inclusi\w*|disab\w*|equalit\w*|modern slavery|innovat\w*|digital|pilot|"
    r"damp|mould|safety|residents?|tenants?)\b", re.I)
_LEAD_IN = re.compile(r"[:?]\s*$")
_BULLET = re.compile(r"^\s*(?:[•▪◦‣*\-–]|\(?[a-z0-9]{1,2}[.)])\s+")
_SPLIT = re.compile(
    r";\s+|,\s+and\s+|\s+and\s+(?=(?:we\s+)?(?:will|shall|also)\b"
    r"|[a-z]+\s+(?:(?:at least|up to|over|more than)\s+)?[£$€]?\d)", re.I)
_BENEFICIARY = re.compile(
    r"\b(care leavers|young people|(?:\d{2}\s?[-–]\s?\d{2}|\d{2}\+?)\s?year[- ]olds|aged \d{2}\s?[-–]\s?\d{2}|"
    r"NEETs?|people not in education, employment or training|ex-offenders|(?:people )?with convictions|"
    r"prison leavers|veterans|ex-service (?:personnel|individuals)|disabled (?:people|young people|residents|applicants)|"
    r"people with disabilities|(?:adults|people) with learning disabilities|long-term unemployed(?: residents| people)?|unemployed (?:people|residents)|"
    r"people furthest from (?:the workforce|work)|(?:local )?school(?:s| pupils| children)|students|"
    r"older people|over-\d0s|tenants|residents|women|refugees|homeless people|carers|"
    r"(?:local )?SMEs|social enterprises|VCSEs?|charities|community groups)\b",
    re.I)


@dataclass(frozen=True)
class Statement:
    """A pledge (kind="commitment") or a delivery claim (kind="achievement") found in a document."""

    kind: str
    text: str  # the pledge itself (a clause when one sentence holds several)
    sentence: str  # the whole sentence, as cited
    quantity: float | None
    unit: str | None
    deadline: str | None
    deadline_year: int | None
    recurring: bool
    places: tuple[str, ...]
    beneficiary: str | None
    page: int | None
    section: str
    char_start: int
    char_end: int
    extra: dict = field(default_factory=dict, compare=False)


def classify(sentence: str, inherited_pledge: bool = False) -> str | None:
    """'commitment', 'achievement' or None for a sentence (see the module docstring)."""
    pledge = _PLEDGE.search(sentence)
    if pledge and _META.search(sentence):
        return None
    if pledge and re.fullmatch(r"targets?|goals? (?:of|is to)", pledge.group(0), re.I) \
            and _PAST.search(sentence[:pledge.start()]):
        return "achievement" if quantities(sentence) else None  # "we created 22, beating our target"
    if pledge:
        hedge = _HEDGE.search(sentence[:pledge.start()])
        if hedge and not re.search(r"\b(commit|pledge|promise|guarantee)", sentence, re.I):
            return None
        if _MARKETING.search(sentence) and not quantities(sentence) and not re.search(
                r"\bwe (?:will|shall|commit)\b", sentence, re.I):
            return None
        return "commitment"
    if inherited_pledge and not _PAST.search(sentence):
        return "commitment"
    if _PAST.search(sentence) and (quantities(sentence) or _DONE.search(sentence)):
        return "achievement"
    return None


def extract(blocks: list[Block], places: PlaceFinder | None = None, title: str = "") -> list[Statement]:
    """Every commitment and delivery claim in a document's blocks, in reading order.

    A statement naming no place takes the places its section headings (else the title) name.
    """
    places = places or PlaceFinder()
    text, offsets = canonical_text(blocks)
    out: list[Statement] = []
    path: list[tuple[int, str]] = []
    lead_in = False
    for block, offset in zip(blocks, offsets):
        if block.heading:
            while path and path[-1][0] >= block.heading:
                path.pop()
            path.append((block.heading, block.text.strip()))
            lead_in = False
            continue
        if block.kind == "table":
            continue  # tables summarise sentences already read; rows are kept for retrieval
        section = path[-1][1] if path else ""
        context_places = tuple(places.find(" ; ".join(h for _, h in path)) or places.find(title))
        is_bullet = bool(_BULLET.match(block.text)) or block.text[:1].islower()
        if not is_bullet:
            lead_in = False
        for start, end in split_sentences(block.text):
            sentence = block.text[start:end]
            kind = classify(sentence, inherited_pledge=lead_in and is_bullet)
            if kind and (_SOCIAL_VALUE.search(sentence) or quantities(sentence) or places.find(sentence)
                         or _BENEFICIARY.search(sentence) or find_deadline(sentence)):
                out.extend(_statements(kind, sentence, block.page, section, offset + start, places,
                                       context_places))
        if _LEAD_IN.search(block.text) and _PLEDGE.search(block.text):
            lead_in = True
    return out


def _statements(kind: str, sentence: str, page: int | None, section: str, start: int,
                places: PlaceFinder, context_places: tuple[str, ...]) -> list[Statement]:
    clean = _BULLET.sub("", sentence).strip()
    clauses = _clauses(clean) if kind == "commitment" else [clean]
    statements = []
    for clause in clauses:
        found = quantities(clause)
        pledge = _PLEDGE.search(clause)
        main = _main_quantity(found, pledge.start() if pledge else 0, kind, clause)
        deadline = find_deadline(clause) or (find_deadline(clean) if len(clauses) > 1 else None)
        beneficiary = _BENEFICIARY.search(clause)
        statements.append(Statement(
            kind=kind, text=clause, sentence=clean,
            quantity=main.value if main else None, unit=(main.unit or None) if main else None,
            deadline=deadline.text if deadline else None,
            deadline_year=deadline.year if deadline else None,
            recurring=bool(deadline and deadline.recurring),
            places=tuple(places.find(clause) or places.find(clean) or context_places),
            beneficiary=beneficiary.group(0) if beneficiary else None,
            page=page, section=section, char_start=start, char_end=start + len(sentence),
        ))
    return statements


def _clauses(sentence: str) -> list[str]:
    """Split a sentence holding several quantified pledges into one clause per pledge."""
    parts = [p.strip(" ,") for p in _SPLIT.split(sentence) if p and p.strip(" ,")]
    if len(parts) < 2 or sum(1 for p in parts if quantities(p)) < 2:
        return [sentence]
    subject = re.match(r"^(.*?\b(?:will|shall|commit to|pledge to|aim to)\b)", parts[0], re.I)
    out = [parts[0]]
    for part in parts[1:]:
        if not quantities(part):
            out[-1] = f"{out[-1]} and {part}"
        elif subject and not _PLEDGE.search(part):
            out.append(f"{subject.group(1)} {part}")
        else:
            out.append(part)
    return out


_UNIVERSAL = re.compile(r"\b(?:all|every|each)\s+(?:of\s+)?(?:our\s+|the\s+)?(?!year|month|week|day|quarter)([a-z]+)", re.I)


def _main_quantity(found: list[Quantity], pledge_at: int, kind: str, text: str = "") -> Quantity | None:
    """The quantity the pledge is about: the first one after its cue, else the first one."""
    useful = [q for q in found if q.unit not in ("months", "years", "weeks", "days", "month", "year")]
    if not useful:
        every = _UNIVERSAL.search(text[pledge_at:]) if kind == "commitment" else None
        return Quantity(100.0, "%", every.start(), every.end()) if every else None  # "every worker"
    if kind == "commitment":
        after = [q for q in useful if q.start >= pledge_at]
        return (after or useful)[0]
    return useful[0]
