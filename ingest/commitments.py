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
from ingest.deadlines import Deadline, find_deadline, year_due
from ingest.document import Block
from ingest.grammar import action_due, by_grammar, target_ahead
from ingest.injection import instruction_flags, is_instruction
from ingest.kinds import BULLET, KINDS, Kind, KindClassifier, Sentence, read, shipped_model
from ingest.places import AREA_WORDS, PlaceFinder
from ingest.targets import delivered, goes_on, pledge_row, reports_delivery, row_cells, table_quantity
from ingest.vocab import TENDER, DocType

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
# "2030: 50% reduction", "2023 will bring the third intake of apprentices"
_LEADING_YEAR = re.compile(r"^\s*(?:[•▪◦‣*\-–]\s*)?(?P<year>(?:19|20)\d\d)(?:\s*[:–-]\s|\s+will\s)")


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
    columns: str = ""  # a table row's: its table's header row ("Commitment | Target | By")
    lead: str = ""  # a list item's lead-in, when the item goes on from its words ("In year 1 we:" + "- created 22 ...")
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
    return [(s, _by_structure(s, k) if s.table_row else by_grammar(s, k)) for s, k in zip(sentences, kinds)]


SECTION_WORDS = 5  # a heading this short labels its section; a longer one is a headline or a title
_COUNCIL_PAGE = re.compile(r"[^–—:|]{0,60}\bCouncil\s*+[–—:|-]\s")  # "Lichfield District Council – Social value"


_PRICES = re.compile(r"\b(?:prices?|pricing|rates?|costs?|fees?|adjustments?|charges?|value)\b", re.I)
_PLEDGES = re.compile(r"\b(?:targets?|commitments?|pledges?|deadlines?|by\s++when|standards?|kpis?|measures?|"
                      r"outcomes?|social)\b", re.I)


def _by_structure(row: Sentence, kind: Kind) -> Kind:
    """A table row's kind where the table's structure says it: its header row names columns
    (`other`); a delivery table's row is a past claim; a row of a pledge table (a target column,
    and a figure in the row) is a commitment unless the model reads it as a service standard or
    the buyer's policy ("Spend with local SMEs | £2m | March 2028" under "Commitment | Target |
    Deadline")."""
    if row.text.strip() == row.table_header.strip() or _PRICES.search(row.table_header) \
            and not _PLEDGES.search(row.table_header):
        return "other"  # a header row, or a price schedule's ("Work stream | Adjustment | Annual value")
    if reports_delivery(row):
        return "past_claim"
    if kind not in ("commitment", "service_standard", "policy") and pledge_row(row):
        return "commitment"
    return kind


def extract(blocks: list[Block], places: PlaceFinder | None = None, areas: Sequence[str] = (),
            model: KindClassifier | None = None, doc_type: DocType = "other") -> Extraction:
    """Every commitment, service standard and delivery claim in a document's blocks, in reading
    order, and the number of sentences of each kind.

    A statement naming no place takes the places its lead-in, else its section headings, else
    ``areas`` (the document's areas), else, in a tender response, its contract's (see
    contract_places). Text aimed at an assistant is data: a sentence that is an instruction,
    follows or precedes one in its block, or hangs from one, is never a statement.
    """
    places = places or PlaceFinder(areas)
    _, offsets = canonical_text(blocks)
    headings = _heading_paths(blocks)
    title = blocks[0].text.strip() if blocks and blocks[0].heading == 1 else ""
    contract = contract_places(blocks, title, places) if doc_type == TENDER else ()
    classified = sentence_kinds(blocks, model)
    flags = instruction_flags([s.text for s, _ in classified])
    statements: list[Statement] = []
    for i, (sentence, kind) in enumerate(classified):
        if _tainted(classified, flags, i):
            continue
        if kind in STATEMENT_KIND:
            block = blocks[sentence.block]
            context = Context(sentence.lead_in, headings[sentence.block], tuple(areas), title, contract)
            statements.extend(statements_of(STATEMENT_KIND[kind], sentence, context, places, block.page,
                                            offsets[sentence.block], statements[-1] if statements else None))
    counts = Counter(kind for _, kind in classified)
    statements = dated(statements, written_in(blocks))  # "over the next three years" of a 2020 report
    return Extraction(statements, {kind: counts.get(kind, 0) for kind in KINDS}, sum(flags))


def contract_places(blocks: list[Block], title: str, places: PlaceFinder) -> tuple[str, ...]:
    """The places a tender response's contract is for: those its title names ("FCC Recycling:
    Buckinghamshire Household Recycling Centres contract"), else its cover's buyer ("Contracting
    Authority: Westmorland and Furness Council", "Authority: Kirklees Council")."""
    if title and (found := places.find(title)):
        return tuple(found)
    for block in blocks[:COVER_BLOCKS]:
        if found := [place for named in _BUYER.finditer(block.text) for place in places.find(named.group("who"))]:
            return tuple(dict.fromkeys(found))
    return ()


COVER_BLOCKS = 12  # how far into a document its cover runs
# a cover's buyer field: "Contracting Authority: X", "Client: | X"
_BUYER = re.compile(r"\b(?:contracting\s++authority|authority|client|buyer|customer)\s*+:\s*+\|?\s*+"
                    r"(?P<who>[^|\n:]{3,80})", re.I)


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
    contract: tuple[str, ...] = ()  # a tender response's contract places, named in its title or cover


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
                  page: int | None = None, offset: int = 0, previous: Statement | None = None) -> list[Statement]:
    """The statements one classified sentence gives: one per pledge clause, with its fields;
    ``previous`` is the statement before it in the document (its deadline is "the same timescale")."""
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
                                                  else (*target_ahead(clause), ""))
            deadline = find_deadline_in_context(clause, clean if len(clauses) > 1 else "", sentence, context,
                                                column, target.end if target and not sentence.table_row
                                                else len(clause))
            before = out[-1] if out else previous
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
            columns=sentence.table_header if sentence.table_row else "",
            lead=sentence.lead_in if sentence.bullet and goes_on(clean) else "",
            extra={"per_year": per_year} if per_year else {},
        ))
    return out


# a clause dated by the clause before it: "cut scope 1 and 2 by 49.7% by 2030, and scope 3 by
# 46.2% within the same timeframe"
_SAME_TIME = re.compile(r"\b(?:within|over|in|by|during)\s+the\s+same\s+"
                        r"(?:time\s?-?(?:frame|scale)|period|time|date|deadline|year)\b", re.I)


def _cells_text(sentence: Sentence) -> str:
    return " | ".join(c.strip() for c in sentence.text.split("|") if c.strip())


def find_deadline_in_context(clause: str, whole: str, sentence: Sentence, context: Context,
                             column: str = "", after: int = 0) -> Deadline | None:
    """The deadline named after the target (at ``after`` in the clause: "Net zero by 2045, with a
    42% cut by 2030" -> 2030), else the clause's, else its sentence's, else its table's dated target
    column (see target_year_column), else its lead-in's, else its table header's, else its section
    heading's (see heading_deadline). A leading year ("2025: 25% reduction") and the year in a
    table's target column header ("2020 Target") count as deadlines."""
    for cell in (sentence.text.split("|") if sentence.table_row else ()):
        dated = _DATE_CELL.match(cell)
        if dated:  # a row of a pledge table: commitment | quantity | deadline
            return Deadline(cell.strip(), int(dated.group("year")), False)
    due = action_due(sentence)
    if due and due[0].isdigit():  # an action plan row's last cell ("... 2022/23"): when it is due
        return Deadline(due, year_due(due), False)
    leading = _LEADING_YEAR.match(clause) or re.search(r"(?P<year>\b(?:19|20)\d\d)\b", column)
    if leading:
        phrase = column if column and not _LEADING_YEAR.match(clause) else leading.group("year")
        return Deadline(phrase, int(leading.group("year")), False)
    # after the target, up to where another clause begins ("at least one low carbon option, with whole
    # life zero carbon solutions by 2035": 2035 is the other clause's)
    ends = _NEXT_CLAUSE.search(clause, after)
    for i, text in enumerate((clause[after:ends.start() if ends else len(clause)], clause, whole)):
        # the clause's date nearest its target when none follows the target
        found = find_deadline(text, after if i == 1 and after < len(clause) else None) if text else None
        if found and found.recurring and after and i == 0:
            # "For the 25-year lifetime of the wind farm, we will pay £5,000 per year": the rate
            # of the sum after it, and the span before it the deadline
            return find_deadline(clause) or found
        if found:
            return found
    dated_column = target_year_column(sentence) if sentence.table_row else ""
    if dated_column:
        return Deadline(dated_column, year_due(_A_YEAR.findall(dated_column)[-1]), False)
    found = find_deadline(sentence.lead_in) if sentence.lead_in else None
    found = found or (find_deadline(sentence.table_header) if sentence.table_header else None)
    return found or heading_deadline(context)


def target_year_column(row: Sentence) -> str:
    """The header of a table's dated target column whose cell the row fills ("KPI | FY21 | FY22 |
    2026 ambition" over "Accident Frequency Rate | 0.08 | 0.06 | No harm."), else "": a target
    in words is due then too, unless the row names its own date ("Net zero by 2045.")."""
    header, cells = row_cells(row.table_header), row_cells(row.text)
    return next((h for h, c in zip(header, cells) if c and _TARGET_WORD.search(h) and _A_YEAR.search(h)), "")


_TARGET_WORD = re.compile(r"\b(?:target|goal|ambition|aim|commitment|pledge)s?\b", re.I)
_A_YEAR = re.compile(r"\b((?:19|20)\d\d(?:[/-]\d\d)?)(?![\d/-])")  # "2030", "2025/26"


def heading_deadline(context: Context) -> Deadline | None:
    """The deadline its section's heading names (the nearest heading only, as for places: one further
    up heads other sections too; never the document's title): the contract's life, a span or a
    recurrence ("Over the life of the contract", "Each year"); a year only when the heading names
    the pledges under it ("Our commitments for 2025/26", "2030 targets", "Delivery plan 2024-2029").
    A year in any other heading dates its headline's pledge, not each sentence under it
    ("Operational net zero by 2030", "Arcus FM sets 2040 net-zero target"): leaving those years out
    made 13 deadlines of train right and 7 wrong (0.914 -> 0.923)."""
    heading = next((h for h in reversed(context.headings) if h != context.title), "")
    found = find_deadline(heading) if heading else None
    return found if found and (found.year is None or _PLEDGES_NAMED.search(heading)) else None


_PLEDGES_NAMED = re.compile(r"\b(?:commitments|targets|goals|pledges|promises|priorities|objectives|kpis"
                            r"|(?:action|delivery|implementation)\s++plans?)\b", re.I)


_NEXT_CLAUSE = re.compile(r",\s++(?:with|while|whilst|and)\b|;|\s[–—]\s", re.I)


def find_places(clause: str, whole: str, lead_in: str, context: Context, places: PlaceFinder) -> tuple[str, ...]:
    """Places the clause names, else its sentence, else its lead-in, else its section, else the
    document's areas, else a tender response's contract places (see contract_places). Never the
    title of another kind of document: it names the document ("Barnsley Council: carbon
    commitments"); a tender response's names its contract: of the commitments naming no place in
    train, the labels give the title's place to 27 of 42 in tender responses and to 7 of 120 in the
    other documents; its "the district" means the contract's place too. In the sentence, a place
    that begins an organisation's name ("Barnsley Council will") is who promises, not where. Its
    section is the nearest heading when that is a short label ("Lichfield car park demolition"),
    not a news headline ("Essex housing provider sets out 30-year environmental plan": the
    labelled corpus leaves a headline's place out, and reading it cost 0.10 of place accuracy on
    train); or a heading further up named for a council's page ("Lichfield District Council –
    social value"), which is the place of what sits under it."""
    for text in (clause, whole):
        found = places.places_for(text)
        if not found and (found := [m.group(0) for m in AREA_WORDS.finditer(text)]):
            found += context.contract  # a tender response's "the district" is its contract's
        if found:
            return tuple(dict.fromkeys(found))
    # its section: the nearest heading, when it is a short label ("Lichfield car park demolition"),
    # not a news headline ("Essex housing provider sets out 30-year environmental plan"); else the
    # page of a council it sits in ("Chorley Council – Social Value Policy")
    headings = [h for h in reversed(context.headings) if h != context.title]
    sections = [h for h in headings[:1] if len(h.split()) <= SECTION_WORDS]
    sections += [h for h in headings if _COUNCIL_PAGE.match(h)]
    for text in (lead_in, *sections):
        found = places.find(text) if text else []
        if found:
            return tuple(found)
    return tuple(context.areas) or context.contract
