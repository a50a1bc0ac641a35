"""Commitments: sentences that pledge something, with what, how much, by when, where and for whom.

Which sentences are pledges is decided by the learnt kind model (ingest/kinds.py), each sentence
read in its context: a bullet under "We will:" or "The Owner covenants:", a numbered clause, a
row of a pledge table. Commitments and service standards become statements, past claims become
"achievement" statements (the delivery evidence); aspirations, forecasts, policy and the rest are
only counted. The fields are rules, because there they are exact: the quantity is the target (not
an identifier such as "scope 3", not the baseline of "from 28% to 35%"), a schedule is totalled
("£150,000 a year for six years"), the deadline and place come from the sentence, else its lead-in,
else its section. A sentence holding several pledges ("... 20 apprenticeships and £2m with local
SMEs") yields one statement per pledge.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ingest.chunking import canonical_text
from ingest.clauses import pledge_clauses
from ingest.dated import dated, written_in
from ingest.document import Block
from ingest.injection import instruction_flags, is_instruction
from ingest.kinds import BULLET, KINDS, PAST_FIRST, Kind, KindClassifier, Sentence, read, shipped_model
from ingest.places import AREA_WORDS, PlaceFinder
from ingest.quantities import Deadline, find_deadline, quantities
from ingest.targets import delivered, main_quantity, pledge_row, reports_delivery, table_quantity

# Which statement each kind of sentence becomes; the other kinds are only counted.
STATEMENT_KIND = {"commitment": "commitment", "service_standard": "service_standard",
                  "past_claim": "achievement"}
_BENEFICIARY = re.compile(
    r"\b(care leavers|young people|(?:\d{2}\s?[-–]\s?\d{2}|\d{2}\+?)[\s-]?year[- ]olds|aged \d{2}\s?[-–]\s?\d{2}|"
    r"NEETs?|people not in education, employment or training|ex-offenders|(?:people )?with convictions|"
    r"prison leavers|veterans|ex-service (?:personnel|individuals)|"
    r"disabled (?:people|young people|residents|applicants)|"
    r"people with disabilities|(?:adults|people) with learning disabilities|"
    r"long-term unemployed(?: residents| people)?|unemployed (?:people|residents)|"
    r"people furthest from (?:the workforce|work)|(?:local )?school(?:s| pupils| children)|students|"
    r"older people|over-\d0s|tenants|residents|women|refugees|homeless people|carers|"
    r"(?:local )?SMEs|social enterprises|VCSEs?|charities|community groups)\b",
    re.I)
# An area named by its kind ("residents of the District"): a place when no name is given.
_DATE_CELL = re.compile(r"^\s*(?:by\s+)?(?:(?:end of\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?[A-Za-z]+\s+)?"
                        r"(?P<year>(?:19|20)\d\d)(?:/\d\d)?\s*$", re.I)
_LEADING_YEAR = re.compile(r"^\s*(?:[•▪◦‣*\-–]\s*)?(?P<year>(?:19|20)\d\d)\s*[:–-]\s")


@dataclass(frozen=True)
class Statement:
    """A pledge (kind="commitment"), an operational standard ("service_standard") or a delivery
    claim ("achievement") found in a document."""

    kind: str
    text: str  # the pledge itself (a clause when one sentence holds several)
    sentence: str  # the whole sentence, as cited
    quantity: float | None  # the target (a schedule's total)
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
    baseline: float | None = None  # the starting figure ("from 28% to 35%" -> 28)
    extra: dict = field(default_factory=dict, compare=False)  # e.g. {"per_year": 180000.0}


@dataclass(frozen=True)
class Extraction:
    """What extraction finds in a document: its statements in reading order, how many sentences
    of every kind it holds (aspirations, forecasts and policy are only counted), and how many
    sentences speak to an AI assistant (``suspicious``: never statements, nor their neighbours)."""

    statements: list[Statement]
    counts: dict[str, int]
    suspicious: int = 0


def sentence_kinds(blocks: list[Block], model: KindClassifier | None = None) -> list[tuple[Sentence, Kind]]:
    """Every sentence and table row of a document, in context, with the kind the model gives it,
    or for a table row the kind its table's structure gives it (_by_structure)."""
    sentences = read(blocks)
    kinds = (model or shipped_model()).predict(sentences)
    return [(s, _by_structure(s, k) if s.table_row else _by_grammar(s, k)) for s, k in zip(sentences, kinds)]


def _by_structure(row: Sentence, kind: Kind) -> Kind:
    """A table row's kind where the table's structure says it: its header row names columns
    (`other`); a delivery table's row is a past claim; a row of a pledge table (a target column,
    and a figure in the row) is a commitment unless the model reads it as a service standard or
    the buyer's policy ("Spend with local SMEs | £2m | March 2028" under "Commitment | Target |
    Deadline")."""
    if row.text.strip() == row.table_header.strip():
        return "other"
    if reports_delivery(row):
        return "past_claim"
    if kind not in ("commitment", "service_standard", "policy") and pledge_row(row):
        return "commitment"
    return kind


_FUTURE = re.compile(r"\b(?:will|shall|going to|aims?|commit\w*|pledge\w*|plans?|intends?|targets?|"
                     r"by (?:19|20)\d\d)\b|['’]ll\b", re.I)
_HEDGED = re.compile(r"\b(?:expects?|anticipates?)\s+(?:to|that)\b|"
                     r"\b(?:is|are|was|were|be)\s+(?:expected|likely|forecast|projected|anticipated)\s+to\b", re.I)
# "It is estimated that the programme will cost £15m", "We project that carbon emissions will
# decrease ... to 73 tCO2e by 2026" (the carbon reduction plan template's words): the whole
# sentence is the estimate
_ESTIMATE = re.compile(r"^\W*(?:it(?: is|['’]s)\s+(?:estimated|expected|anticipated|forecast|projected|likely|"
                       r"predicted|hoped)|we\s+(?:project|forecast|predict|estimate|anticipate|expect))\s+that\b",
                       re.I)
# another's pledge or rule, not the supplier's: "The Government has set targets of reducing the UK's
# emissions to net zero by 2050" (labelled policy in the corpus), "opponents claiming ... until 2040"
_NOT_OURS = re.compile(r"^\W*(?:the\s+)?(?:(?:uk|scottish|welsh|national|central|british)\s+)?(?:government|govt)\b"
                       r"|^\W*(?:the\s+)?paris agreement\b|\b(?:opponents|critics|campaigners)\s+(?:claim|say|argue)"
                       # what a law or a contract requires: "The Procurement Reform (Scotland) Act 2014
                       # stipulates that ...", "The new contract stipulates that the council will ..."
                       r"|^\W*+(?:the\s++)?(?:[\w()'’-]++\s++){0,6}?(?:act|regulations?|legislation|law|contract)"
                       r"(?:\s++\d{4})?\s++(?:stipulates|requires|mandates|specifies|obliges)\b", re.I)
# a lead-in that says its items were done: "In 2015 the following expenditure was undertaken:",
# "Last year we:", "Since 2020 we have delivered:" (not what "was agreed" or "approved": a decision
# to spend is a promise)
_LOOKS_BACK = re.compile(r"\b(?:was|were|has\s+been|have\s+been|had\s+been|has|have|had)\s+"
                         r"(?:(?!(?:agre|approv|decid|resolv|propos|plann|commit+|pledg|promis)ed\b)\w+ed|"
                         r"undertaken|made|spent|given|paid|built|done|won|met|grown|seen)\b(?!\s+to\b)|"
                         r"\b(?:last|previous|past)\s+(?:financial\s+)?year\b|\bto\s+date\b|\bso\s+far\b", re.I)
# what we did, said first: "By the end of 2017, we had enhanced the life-chances of 5,112 young
# people", "We delivered 40 jobs" (not what "we have agreed to" or "committed to" do)
_DONE = re.compile(r"^\W*+(?:[^,]{0,60}+,\s*+)?(?:we|they)\s++(?:(?:had|have)\s++)?(?:already\s++)?"
                   r"(?!(?:agre|decid|resolv|pledg|commit+|promis|aim|plann|target+|sign|propos|intend)ed\b)"
                   r"[a-z]{2,}ed\b(?!\s++to\b)", re.I)
# what a thing will take, not a deed: "our path to net zero will be contingent on ...", "it will
# require time and resources to ..."
_CONDITION = re.compile(r"\b(?:it|this|that|(?:path|plan|progress|success)(?:\s++\w++){0,4}?)\s++will\s++"
                        r"(?:also\s++)?(?:depend\s++on|be\s++(?:contingent|dependent)\s++(?:on|upon)|"
                        r"require\s++(?:time|investment|resources|funding))\b", re.I)
# savings or benefits that may come: "will result in potential cost savings of £1.75m a year"
_POTENTIAL = re.compile(r"\bpotential(?:ly)?\s++(?:cost\s++)?(?:savings?|benefits?)\b", re.I)
# others' commitment counted, not the supplier's own: "93% of all Council suppliers committed to ..."
_OTHERS_COMMITTED = re.compile(r"(?<![\d,.])\b\d[\d,.]*+%?\s++of\s++(?:(?:all|our|the|its)\s++)?(?:\w++\s++){0,2}?"
                               r"(?:suppliers|contractors|firms|businesses|organisations|employers|staff|partners)\s++"
                               r"(?:(?:are|were|have|now)\s++)*+(?:committed|signed\s++up|pledged)\b", re.I)
# a wish, not a promise: "I'm keen to build on this even further", "we would like to"
_KEEN = re.compile(r"\b(?:i|we)(?:['’]m|['’]re|\s++am|\s++are)?\s++(?:really\s++)?(?:keen|eager|hoping|hope|"
                   r"would\s++like|['’]d\s++like)\s++to\b", re.I)
# a sentence that only points at what follows: "We will achieve this through four key areas of
# activity." (a lead-in, "... in the following areas:", carries its items)
_SIGNPOST = re.compile(r"\b(?:through|in|across|via|under)\s++(?:the\s++following|(?:two|three|four|five|six|seven)"
                       r"\s++(?:key\s++|main\s++|core\s++)?(?:areas|ways|themes|pillars|strands|workstreams|"
                       r"priorities|objectives))\b", re.I)
_TARGET_AHEAD = re.compile(r"\btargets?\s++(?:of|for|to)\b|\bby\s++(?:19|20)\d\d\b", re.I)  # a target still to meet
_AIMS = re.compile(r"\b(?:aim(?:s|ing)?|plan(?:s|ning)?|intend(?:s|ing)?|going|seek(?:s|ing)?)\s++to\b", re.I)
_AIM_WITH_END = re.compile(r"\b(?:we|I)\s++aim\s++to\b|\bour\s++(?:aim|target|goal)\s++is\s++to\b", re.I)
# a belief about what will happen, not a promise: "we have total confidence we will achieve our
# goals", "we are very confident they will achieve the standard by 2020"
_CONFIDENT = re.compile(r"\bconfiden(?:t|ce)\s++(?:that\s++)?(?:we|it|they|the\s++\w++)\s++(?:will|can|shall)\b", re.I)
_WILL_OF_THAT = re.compile(r"\b(?:that|which)\s++will\b", re.I)
_FIRM = re.compile(r"\b(?:will|shall|commit\w*|pledge\w*|must|guarantee\w*)\b|['’]ll\b", re.I)


# A label and its time limit: "Emergency repairs: 4 hours", "Urgent repairs – up to 7 calendar days"
_TIME_LIMIT_LINE = re.compile(r"^\W*(?![^:]{0,60}?\b(?:exceeded|achieved|performance|actual|average|result|met)\b)"
                              r"[A-Z][\w /&()-]{2,50}?(?::|\s[–-])\s*+(?:[a-z]+\s++){0,3}?(?:within\s++)?"
                              r"(?:\d++|one|two|three|four|five|six|seven|ten|twenty|thirty)\s*+"
                              r"(?:working\s++|calendar\s++|business\s++)?(?:hours?|days?|weeks?|minutes?|months?|seconds?)\b")


# A label that reports how it went: "Target exceeded: 98%", "Current performance: 26.6 working days"
_REPORTED_LINE = re.compile(r"^\W*(?:target\s++(?:exceeded|met|achieved|missed)|current\s++performance|"
                            r"actual(?:\s++performance)?|achieved|outturn)\s*+[:–-]", re.I)


def _by_grammar(sentence: Sentence, kind: Kind) -> Kind:
    """A kind the grammar decides (the labelling guide's borderline cases). A line labelling how
    it went ("Target exceeded: 98%") reports the past; one labelling a time limit ("Emergency
    repairs: 4 hours") is a service standard; an aim with a measurable end ("We aim to ensure at
    least 20% of our workforce are local") is a commitment. A commitment is none when:
    - its subject is another's (the government, a law or a contract: policy);
    - it is a list item opening with a past verb, or any item under a lead-in that says it was
      done ("In the first year we:" + "paid the Real Living Wage"; "In 2015 the following was
      spent:" + "Church repairs - £500"), or it says first what we did and no target is ahead
      ("By the end of 2017, we had enhanced ... 5,112 young people"): a past claim, as is others'
      commitment counted ("93% of all Council suppliers committed to ...");
    - it tells what a plan will depend on, a potential saving, a belief ("we are confident we
      will"), an estimate ("It is estimated that ...", "We project that emissions will
      decrease ...") or a look ahead that is only hedged ("we expect to exceed the £2m target"):
      a forecast;
    - it is a wish ("I'm keen to build on this"): an aspiration; or it only points at what
      follows ("through four key areas of activity."): other.
    Out of fold on the labelled corpus these change a handful of sentences and none for the worse."""
    text = BULLET.sub("", sentence.text)
    if _REPORTED_LINE.match(text):
        return "past_claim"
    if kind in ("other", "commitment", "aspiration") and _TIME_LIMIT_LINE.match(text):
        return "service_standard"  # 15 of 16 such labelled lines; the other is a table row
    if kind == "aspiration" and _AIM_WITH_END.search(text) and quantities(text):
        return "commitment"  # "We aim to ensure at least 20% of our workforce are from Barnet": a measurable end
    if kind != "commitment":
        return kind
    if _NOT_OURS.search(text):
        return "policy"
    first = text.strip().split(" ", 1)[0].strip(",;:")
    if sentence.bullet and sentence.lead_in and not _FUTURE.search(sentence.lead_in) and (
            PAST_FIRST.match(first) or _LOOKS_BACK.search(sentence.lead_in) and not _FUTURE.search(text)):
        return "past_claim"
    if _CONDITION.search(text) or _POTENTIAL.search(text):
        return "forecast"
    if _OTHERS_COMMITTED.search(text):
        return "past_claim"  # "93% of all Council suppliers committed to paying the Living Wage": a fact
    if _KEEN.search(text) and not _FIRM.search(text):
        return "aspiration"
    if _SIGNPOST.search(text) and not quantities(text) and not text.rstrip().endswith(":"):
        return "other"
    # what was done stays done when only what it leads to will follow: "we report a surplus of
    # £106.1m that will support our largest ever investment"
    main = _WILL_OF_THAT.sub(" ", text)
    if _DONE.search(text) and not (_FIRM.search(main) or _AIMS.search(text) or _TARGET_AHEAD.search(text)):
        return "past_claim"
    if (_ESTIMATE.match(sentence.text) or _CONFIDENT.search(sentence.text)
            or _HEDGED.search(sentence.text) and not _FIRM.search(sentence.text)):
        return "forecast"
    return kind


def extract(blocks: list[Block], places: PlaceFinder | None = None, areas: Sequence[str] = (),
            model: KindClassifier | None = None) -> Extraction:
    """Every commitment, service standard and delivery claim in a document's blocks, in reading
    order, and the number of sentences of each kind.

    A statement naming no place takes the places its lead-in, else its section headings, else
    ``areas`` (the document's areas) name. Text aimed at an assistant is data: a sentence that is
    an instruction, follows or precedes one in its block, or hangs from one, is never a statement.
    """
    places = places or PlaceFinder(areas)
    _, offsets = canonical_text(blocks)
    headings = _heading_paths(blocks)
    title = blocks[0].text.strip() if blocks and blocks[0].heading == 1 else ""
    classified = sentence_kinds(blocks, model)
    flags = instruction_flags([s.text for s, _ in classified])
    statements: list[Statement] = []
    for i, (sentence, kind) in enumerate(classified):
        if _tainted(classified, flags, i):
            continue
        if kind in STATEMENT_KIND:
            block = blocks[sentence.block]
            context = Context(sentence.lead_in, headings[sentence.block], tuple(areas), title)
            statements.extend(statements_of(STATEMENT_KIND[kind], sentence, context, places, block.page,
                                            offsets[sentence.block]))
    counts = Counter(kind for _, kind in classified)
    statements = dated(statements, written_in(blocks))  # "over the next three years" of a 2020 report
    return Extraction(statements, {kind: counts.get(kind, 0) for kind in KINDS}, sum(flags))


def _tainted(classified: list[tuple[Sentence, Kind]], flags: list[bool], index: int) -> bool:
    """Is sentence ``index`` an instruction, beside one in its block, or under one as its lead-in?"""
    sentence = classified[index][0]
    if flags[index] or (sentence.lead_in and is_instruction(sentence.lead_in)):
        return True
    return any(flags[j] and classified[j][0].block == sentence.block
               for j in (index - 1, index + 1) if 0 <= j < len(classified))


@dataclass(frozen=True)
class Context:
    """Where a sentence's missing fields come from: its lead-in, its headings (top down), the
    document's areas and title."""

    lead_in: str = ""
    headings: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    title: str = ""  # the document's title heading (a first, top-level heading), else ""


def _heading_paths(blocks: list[Block]) -> list[tuple[str, ...]]:
    paths: list[tuple[str, ...]] = []
    path: list[tuple[int, str]] = []
    for block in blocks:
        if block.heading:
            while path and path[-1][0] >= block.heading:
                path.pop()
            path.append((block.heading, block.text.strip()))
        paths.append(tuple(h for _, h in path))
    return paths


def statements_of(kind: str, sentence: Sentence, context: Context, places: PlaceFinder,
                  page: int | None = None, offset: int = 0) -> list[Statement]:
    """The statements one classified sentence gives: one per pledge clause, with its fields."""
    clean = _cells_text(sentence) if sentence.table_row else BULLET.sub("", sentence.text).strip()
    clauses = pledge_clauses(clean) if kind == "commitment" and not sentence.table_row else [clean]
    delivery = sentence.table_row and reports_delivery(sentence)  # a delivery table's row: what was done
    if delivery:
        claims, done = delivered(sentence)
        if not claims:
            return []  # "On track", "Behind" or an empty cell: nothing is claimed as delivered yet
        kind = "achievement"
    out: list[Statement] = []
    for clause in clauses:
        if delivery:
            target, baseline, per_year, deadline = done, None, None, None
        else:
            target, baseline, per_year, column = (table_quantity(sentence) if sentence.table_row
                                                  else (*main_quantity(clause), ""))
            deadline = find_deadline_in_context(clause, clean if len(clauses) > 1 else "", sentence, context,
                                                column, target.end if target and not sentence.table_row
                                                else len(clause))
            before = out[-1] if out else None
            if before and before.deadline and _SAME_TIME.search(clause):  # "... 46.2% within the same timeframe"
                deadline = Deadline(before.deadline, before.deadline_year, before.recurring)
        beneficiary = _BENEFICIARY.search(clause)
        out.append(Statement(
            kind=kind, text=clause, sentence=clean,
            quantity=target.value if target else None, unit=(target.unit or None) if target else None,
            deadline=deadline.text if deadline else None,
            deadline_year=deadline.year if deadline else None,
            recurring=bool(deadline and deadline.recurring),
            places=find_places(clause, clean, sentence.lead_in, context, places),
            beneficiary=beneficiary.group(0) if beneficiary else None,
            page=page, section=sentence.section,
            char_start=offset + sentence.start, char_end=offset + sentence.end,
            baseline=baseline.value if baseline else None,
            extra={"per_year": per_year} if per_year else {},
        ))
    return out


# a clause dated by the clause before it: "cut scope 1 and 2 by 49.7% by 2030, and scope 3 by
# 46.2% within the same timeframe"
_SAME_TIME = re.compile(r"\b(?:within|over|in|by|during)\s+the\s+same\s+"
                        r"(?:time\s?-?frame|period|time|date|deadline|year)\b", re.I)


def _cells_text(sentence: Sentence) -> str:
    return " | ".join(c.strip() for c in sentence.text.split("|") if c.strip())


def find_deadline_in_context(clause: str, whole: str, sentence: Sentence, context: Context,
                             column: str = "", after: int = 0) -> Deadline | None:
    """The deadline named after the target (at ``after`` in the clause: "Net zero by 2045, with a
    42% cut by 2030" -> 2030), else the clause's, else its sentence's, else its lead-in's, else its
    table header's or its headings' ("over the contract term"; never the document's title). A
    leading year ("2025: 25% reduction") and the year in a table's target column header ("2020
    Target") count as deadlines."""
    for cell in (sentence.text.split("|") if sentence.table_row else ()):
        dated = _DATE_CELL.match(cell)
        if dated:  # a row of a pledge table: commitment | quantity | deadline
            return Deadline(cell.strip(), int(dated.group("year")), False)
    leading = _LEADING_YEAR.match(clause) or re.search(r"(?P<year>\b(?:19|20)\d\d)\b", column)
    if leading:
        phrase = column if column and not _LEADING_YEAR.match(clause) else leading.group("year")
        return Deadline(phrase, int(leading.group("year")), False)
    headings = [h for h in context.headings if h != context.title]
    for text in (clause[after:], clause, whole, sentence.lead_in, sentence.table_header, *reversed(headings)):
        found = find_deadline(text) if text else None
        if found:
            return found
    return None


def find_places(clause: str, whole: str, lead_in: str, context: Context, places: PlaceFinder) -> tuple[str, ...]:
    """Places the clause names, else its sentence, else its lead-in, else its headings (nearest
    first), else the document's areas. Never the document's title: a title names the document
    ("Barnsley Council: carbon commitments"), as its areas do. In the sentence, a place that begins
    an organisation's name ("Barnsley Council will") is who promises, not where; a heading named
    for a council ("Lichfield District Council – social value") is the place of what sits under it.
    (Walking up past the nearest heading costs 0.03 of place accuracy on the labelled corpus, whose
    labels often leave a heading's place out, and gains 0.5 on the dev corpus, whose pages are
    sections of a bundle headed by their council.)"""
    for text in (clause, whole):
        found = places.places_for(text) or [m.group(0) for m in AREA_WORDS.finditer(text)]
        if found:
            return tuple(dict.fromkeys(found))
    sections = [h for h in reversed(context.headings) if h != context.title]
    for text in (lead_in, *sections):
        found = places.find(text) if text else []
        if found:
            return tuple(found)
    return tuple(context.areas)
