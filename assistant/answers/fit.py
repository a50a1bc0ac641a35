"""How well one sentence answers a question: what the question asks (its words, names, figures,
shape and tense, read once), what a candidate sentence holds of it, and the score that ranks them.

The extractive answerer (extractive.py) finds the candidates in the retrieved passages and chooses
among them by these scores; here is only the reading and the weighing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from assistant.answers.labels import labels_asked, labels_in, names_label, names_other_label, provisions_in
from assistant.answers.names import (
    asks_for_name,
    asks_who_runs,
    leaves_out,
    named,
    names_a_sibling,
    names_another,
    names_in,
    says_who_runs,
)
from assistant.answers.question_types import (
    ASIDE,
    NUMBER_WORDS,
    Asked,
    alternatives,
    asked,
    counts,
    figure_of,
    implied_figures,
    items_asked,
    per_year,
)
from assistant.answers.sections import header_path
from assistant.answers.tenses import (
    asked_tenses,
    asks_if_yet,
    asks_outcome,
    of_its_time,
    states_outcome,
    tense_fit,
    tenses,
)
from assistant.answers.thesaurus import alike
from assistant.answers.topics import misses_subject, subjects_asked
from assistant.answers.years import financial_years_asked, other_relative_year, other_year, relative_years, years_asked
from assistant.register.claimed import change, figures
from assistant.search.retriever import Hit
from ingest.text import content_tokens


@dataclass
class Candidate:
    text: str
    hit: Hit
    rank: int
    score: float = 0.0
    similarity: float = 0.0
    focus: float = 0.0  # its similarity partly to what the question asks apart from its names
    lexical: float = 0.0
    worded: bool = False  # shares a word of the question besides its names
    names: float = 1.0  # share of the question's names found in the sentence's chunk
    items: list[str] = field(default_factory=list)  # a lead-in's list items
    whole: list[str] = field(default_factory=list)  # and those its list runs on with past its passage
    lead: str = ""  # a list item's lead-in or fellow items: its time when the item has none
    run: list[str] = field(default_factory=list)  # the items of the list under a heading it is one of
    table: str | None = None  # a table row's header row
    shaped: bool = True  # holds an answer of the shape the question asks for
    beside: bool = False  # near the answer, not it: another year, a target for an outcome, no name
    off_subject: bool = False  # leaves a subject the question names unnamed (energy where water was asked)
    figures: float = 0.0  # share of the question's numbers and years the sentence holds
    held: frozenset[str] = frozenset()  # which of them
    fit: float = 0.0  # done/to-do and item count as the question asks
    untimely: bool = False  # tells only what is to be done where what was done is asked, or the reverse
    decides: bool = False  # says whether the target asked about was reached
    part: int = 0  # which heading of its chunk it sits under (0: the chunk's own)
    framed_by: Candidate | None = None  # the sentence of its section that matched the question
    enumerates: bool = False  # a run of things in one sentence ("roads, verges, drains and lighting") answers a list


_MONEY_WORDS = frozenset(content_tokens("money cash pounds"))
_RARE = 0.6  # a word whose weight is this share of the rarest word's is rare
_SPECIFIC = 0.05  # how much naming what the question names beyond its passage's title weighs
_LISTED_SUBJECTS = re.compile(r"\b(?:and|or)\b", re.I)
_RUN_BY = 0.25  # how much saying who runs a thing weighs when that is asked
FRAMED = 0.9  # how much of its section's match a short line with the figure takes


SHORT = 6  # content words of a short line: a label and its figure, a lead-in


def is_short(text: str) -> bool:
    return len(content_tokens(text)) <= SHORT


def short_figure_line(cand: Candidate) -> bool:
    """A short line with the figure asked for and no list ("Target: within five working days"):
    alone it says little; it means what its heading says."""
    return cand.shaped and not cand.items and is_short(cand.text)


def frame_by_section(candidates: list[Candidate]) -> None:
    """A short line with the figure asked for answers for its section: under "Urgent repairs",
    "Target: within five working days" answers "how long for a problem with the water supply?"
    when "• problems with water supply" is what matched, in the same section of the same chunk.
    Such a line takes most of the best match of its section (the match itself lacks the figure)."""
    sections: dict[tuple[int, int], list[Candidate]] = {}
    for cand in candidates:
        sections.setdefault((id(cand.hit), cand.part), []).append(cand)
    for members in sections.values():
        best = max((c for c in members if not c.shaped), key=lambda c: c.lexical, default=None)
        if best is None:
            continue
        for cand in members:
            if short_figure_line(cand) and FRAMED * best.lexical > cand.lexical:
                cand.lexical, cand.framed_by = FRAMED * best.lexical, best


@dataclass(frozen=True)
class Question:
    """What scoring reads off a question, once."""

    terms: set[str]
    weight: float
    shape: Asked
    runs: list[list[str]]  # its names, as runs of capitalised words
    figures: set[str]  # its numbers, years and number words ("Scope 3", "2024", "four")
    tenses: frozenset[str]  # whether it asks what was done, what is to be done, or both
    items: int | None  # how many things it asks for by number
    counted: str | None  # what its figure counts ("How many local jobs" -> job)
    labels: set[str]  # numbered names and units an answer must name
    outcome: bool  # asks whether a target was reached
    years: set[int]  # the calendar years it asks about
    wants_name: bool  # asks who runs something, which company, body or place, or where
    financial: frozenset[int]  # the financial years it asks about, by their first year
    subjects: tuple[frozenset[str], ...]  # the subjects it names (water, women...), by their words
    rare: float  # the weight from which a word is rare in the store (in few passages)
    name_stems: frozenset[str]  # the stems of the names it gives
    runner: bool = False  # asks who runs, manages or administers something
    numbered: dict[str, set[str]] = field(default_factory=dict)  # "Scope 3" -> {"scope": {"3"}}
    any_subject: bool = False  # several subjects listed ("air pollution and waste targets"): any one will do
    share: bool = False  # asks what share something is ("what percentage of the fleet is electric?"), not a change
    relative: frozenset[int] = frozenset()  # the years it names relative to now ("next year": 1)
    yet: bool = False  # asks whether something has happened by now, or is still to come
    aside: frozenset[str] = frozenset()  # what it sets aside ("Apart from the homes, what ...?"): no answer
    given: frozenset[float] = frozenset()  # the figures it gives itself ("towards its one million goal")
    yearly: bool = False  # asks for a figure for each year ("What is the contract worth each year?")

    @classmethod
    def read(cls, question: str, idf: dict[str, float]) -> Question:
        aside = ASIDE.match(question)
        if aside:
            return replace(cls.read(question[aside.end():], idf), aside=frozenset(content_tokens(aside.group(1))))
        terms, runs = set(content_tokens(question)) | implied_figures(question), names_in(question)
        shape = asked(question)
        if shape.shape == "money":  # "how much money goes to ...?": a sum in pounds is the answer, not the word
            terms -= _MONEY_WORDS
        return cls(terms, sum(idf.get(t, 1.0) for t in terms) or 1.0, shape, runs,
                   {t for t in terms if any(ch.isdigit() for ch in t) or t in NUMBER_WORDS} - provisions_in(question),
                   asked_tenses(question), items_asked(question), figure_of(question), labels_in(question),
                   asks_outcome(question), years_asked(question), asks_for_name(question),
                   financial_years_asked(question), subjects_asked(terms), _RARE * max(idf.values(), default=0.0),
                   frozenset(named(runs, set())[0]), asks_who_runs(question), labels_asked(question),
                   shape.shape in (None, "list") and _LISTED_SUBJECTS.search(question) is not None,
                   shape.shape == "percent" and change(question) is None, relative_years(question),
                   asks_if_yet(question), given=_given(question, shape),
                   yearly=shape.shape in _FIGURES and per_year(question))


def _given(question: str, shape: Asked) -> frozenset[float]:
    """The figures a question asking for a figure gives itself; none when it offers figures to
    choose between ("250 or about 200?") or asks for a year ("By when will it reach 10,000?")."""
    if shape.shape not in _FIGURES or alternatives(question):
        return frozenset()
    return frozenset(f.value for f in figures(question))


_FIGURES = ("count", "amount", "money", "percent")
_ASIDE_WEIGHT = 0.1  # how much holding what the question sets aside weighs against a sentence


_SUFFIXES = ("ion", "ation", "ment", "ance", "y")  # inspection, installation, investment, performance, delivery


@lru_cache(maxsize=4096)
def forms_of(term: str) -> frozenset[str]:
    """The same word as another part of speech, stemmed as content_tokens stems it ("inspect":
    "inspection"; "reduce": "reduction"; "installation": "install"). Read once per word: every
    candidate sentence asks it of the same question words."""
    if len(term) < 4 or not term.isalpha():
        return frozenset()
    out = {term + s for s in _SUFFIXES}
    out |= {term[:-1] + s for s in ("ion", "tion", "ation", "ance") if term.endswith("e")}
    # the stemmer keeps a silent e it strips from the past ("raise", "raised" -> "rais")
    out |= {term[:-1]} if term.endswith("e") else {term + "e"}
    for s in ("ation", "tion", "ion", "ment", "ance"):
        if term.endswith(s) and len(term) - len(s) >= 4:
            out |= {term[:-len(s)], term[:-len(s)] + "e"}
    return frozenset(out)


_GOES_ON_FROM = re.compile(r"\s*(?:this|that|these|those|it|they|he|she|such)\b", re.I)


@lru_cache(maxsize=4096)
def held_as(term: str) -> frozenset[str]:
    """What says a question's word in a sentence: its other forms, the everyday words that mean
    the same (thesaurus.py), and theirs."""
    same = alike(term)
    return forms_of(term) | same | frozenset().union(*map(forms_of, same))


def _changes_only(text: str) -> bool:
    """Whether every percentage the text gives is a rise or a fall ("increased ... by 34%", "an 11%
    reduction")."""
    shares = [q for q in figures(text) if q.unit == "%"]
    return bool(shares) and all(_BY.search(text, 0, q.start) or _MOVED.match(text, q.end) for q in shares)


_BY = re.compile(r"\bby\s*+$", re.I)
_MOVED = re.compile(r"\s*+(?:increase|rise|reduction|cut|drop|fall|decrease|improvement)\b", re.I)


def read_candidate(cand: Candidate, q: Question, idf: dict[str, float], header: set[str],
                    in_doc: tuple[set[str], set[str]]) -> None:
    """Sets a candidate's lexical match, names, shape, figures and fit to the question."""
    shape = q.shape
    # a list's items answer a list question (or an open one); any other question turns on one
    # clause, so a lead-in is judged by its own words
    items = cand.items if shape.shape in (None, "list") else []
    terms = set(content_tokens(" ".join([cand.text, *items, cand.table or ""])))
    # "inspect" asked is held by "an inspection"; "HPC" names Hinkley Point C
    # "begin" is held by "start", "cut" by "a reduction"
    own = (q.terms & terms) | {t for t in q.terms - terms if held_as(t) & terms} | named(q.runs, terms)[1]
    wanted, held = in_doc
    cand.worded = bool(own - q.name_stems)
    # the section a sentence sits under says what it is about ("Urgent repairs" > "Target: ...")
    framed = (q.terms & (header | held)) - own
    # a short lead-in ("We will:") or a short line with the figure asked for ("Target: within 5
    # days") means what its heading says; one that goes on from the sentence before ("This plan was
    # launched on 29 April 2024.") is about what that sentence names
    short = is_short(cand.text) and bool(cand.items or (
        shape.shape not in (None, "yes_no", "list") and shape.fits(cand.text)
        and not _GOES_ON_FROM.match(cand.text)))
    cand.lexical = (sum(idf.get(t, 1.0) for t in own)
                    + (1.0 if short else 0.5) * sum(idf.get(t, 1.0) for t in framed)) / q.weight
    if wanted:
        cand.names = len(held) / len(wanted)
    cand_tenses = tenses(" ".join([cand.text, *cand.items[:2]])) or tenses(cand.lead)
    said = " ".join([cand.text, *cand.items])  # the sentence with its list items
    lead = set(content_tokens(cand.lead))
    cand.shaped = shape.fits(said)
    if q.share and cand.shaped and _changes_only(cand.text):
        cand.shaped = False  # "what share of the fleet is electric?": "EVs rose by 34%" (nor its list) is no share
    if shape.strict and cand.shaped:  # a figure of the thing asked, named as asked, of its time
        seen = terms | header | lead
        cand.shaped = (counts(q.counted, seen) and q.labels <= seen
                       and of_its_time(q.tenses, cand_tenses, shape.shape) and not only_given(said, q.given)
                       # "worth each year?" is not told by "a five-year £30 million contract"
                       and (not q.yearly or per_year(f"{said} {cand.table or ''} {cand.lead}")))
    cand.held = frozenset(q.figures & terms)
    cand.figures = len(cand.held) / len(q.figures) if q.figures else 0.0
    cand.fit = tense_fit(q.tenses, cand_tenses)
    cand.untimely = bool(q.tenses and cand_tenses and not q.tenses & cand_tenses)
    # a rare name the question gives that the passage's title and section do not ("the
    # Metrodome" asked of Barnsley's carbon plan) is what it asks about: naming it fits better
    specific = {w for w in q.name_stems - named(q.runs, header)[1] if idf.get(w, 0.0) >= q.rare}
    if specific:
        cand.fit += _SPECIFIC * len(named(q.runs, terms | lead)[1] & specific) / len(specific)
    if q.items and len(cand.items) == q.items:  # "the four priorities" + four items
        cand.fit += 0.06
    if shape.also and shape.fits_all(said):
        cand.fit += 0.06  # answers every part: "a £23m fund run by the Trust"
    # "What happens if ...?": a sentence opening with the case it sets out ("If any commitment falls
    # behind, ...") decides it, however far its words embed from the question's
    cand.decides = (q.outcome and states_outcome(cand.text) or q.yet and cand_tenses == {"past"}
                    or shape.shape == "condition" and _OPENS_CONDITION.match(said) is not None)
    # a list asked for is answered by a run of things in one sentence as by a lead-in's items; not
    # one of targets, which a run of areas ("economic development, education, tourism and health") is not
    cand.enumerates = shape.shape == "list" and not q.terms & {"target", "goal"} and enumerates(cand.text)
    # near the answer but not it: a figure of another year (a yes/no question's other year still
    # answers it: "by 2040" says no to "by 2035?"), a target where an outcome was asked (a plan
    # launched last month is still a plan), another level than the one a yes/no question names
    # ("Level 1" does not say whether Level 2 was reached), a sentence that names no one where a
    # name was asked; or not the subject asked about (energy use where water was asked), unless
    # its section's match names it (see frame_by_section)
    row = "|" in cand.text  # a table row reports its figures beside their targets
    told = labels_asked(said) if q.numbered else {}  # its scopes, phases and lots
    # a yes/no question asked of a financial year is not answered by another year's figures
    dated = shape.shape != "yes_no" or bool(q.financial)
    cand.beside = ((dated and other_year(q.years, f"{said} {cand.table or ''}", q.financial))
                   or other_relative_year(q.relative, said)
                   or (q.outcome and not cand.decides and not row and cand_tenses != {"past"})
                   or (shape.shape == "yes_no" and not q.labels <= terms | header)
                   or (q.wants_name and not names_another(q.runs, said, q.terms))
                   or leaves_out(q.runs, said)
                   or names_a_sibling(q.runs, " | ".join(header_path(cand.hit.chunk)[1:]), said)
                   or names_other_label(q.numbered, told))
    cand.off_subject = misses_subject(q.subjects, terms | header | lead, q.any_subject)
    if q.aside & terms:
        cand.fit -= _ASIDE_WEIGHT  # about what the question sets aside
    if cand.decides:
        cand.fit += 0.1  # "Has X hit its target?": "we've achieved our first target"
    if names_label(q.numbered, told):
        cand.fit += 0.05  # "When will X reach net zero for Scope 3?": "... and Scope 3 by 2045"
    if q.runner and says_who_runs(said):
        cand.fit += _RUN_BY  # "Who manages the fund?": "Managed by the Community Foundation ..."


def carry_subject(candidates: list[Candidate], q: Question, idf: dict[str, float]) -> None:
    """A sentence that goes on about what the sentence just before it names is about the subject
    that one names, and framed by its words as a line is by its heading ("Damp and mould sensors
    have been installed in 180 homes." + "Installations were delayed by supply problems ..."): it
    follows it in the same paragraph and shares a word with it, in any form. Read from each
    sentence's own words, so a subject is carried one step."""
    own = [c.off_subject for c in candidates]
    for i in range(1, len(candidates)):
        prev, cand = candidates[i - 1], candidates[i]
        if not own[i] or own[i - 1] or prev.hit is not cand.hit or not _follows(prev.text, cand.text,
                                                                               cand.hit.chunk.text):
            continue
        mine, theirs = set(content_tokens(cand.text)), set(content_tokens(prev.text))
        if any(({t} | forms_of(t)) & theirs for t in mine):
            cand.off_subject = False
            cand.lexical += 0.5 * sum(idf.get(t, 1.0) for t in (q.terms & theirs) - mine) / q.weight


def _follows(first: str, then: str, text: str) -> bool:
    """Whether ``then`` follows ``first`` in ``text`` with only spaces between (one paragraph)."""
    at = text.find(first)
    if at < 0:
        return False
    end = at + len(first)
    gap = len(text) - end - len(text[end:].lstrip())
    return text.startswith(then, end + gap) and "\n\n" not in text[end:end + gap]


def only_given(text: str, given: frozenset[float]) -> bool:
    """Whether every figure the text gives is one the question gave itself: "How many lives has
    Costain improved so far towards its one million goal?" is not answered by "aims to improve the
    lives of one million people"."""
    found = figures(text)
    return bool(given and found) and all(f.value in given for f in found)


def enumerates(text: str) -> bool:
    """Whether a sentence names a run of things in a row, as a list would: "The services include the
    maintenance of roads, roadsides, green areas and public spaces, street cleansing, highway drainage,
    street lighting and winter gritting." (at least three items, the middle and last ones short; not
    "..., friendly, pleasant borough, and we're looking forward to working with ...")."""
    parts = _SAID_AFTER.sub("", text.strip().rstrip(" .;:”’\"'")).split(",")
    last = _AND_OR.split(parts[-1])
    return len(parts) >= 3 and len(last) >= 2 and all(
        1 <= len(part.split()) <= _ITEM_WORDS for part in [*parts[1:-1], last[-1]])


_OPENS_CONDITION = re.compile(r"\W*+(?:if|unless|in the event|should (?:you|we|they|it|the|a|an|any))\b", re.I)
_ITEM_WORDS = 8  # the most words of one item of a run
_AND_OR = re.compile(r"\b(?:and|or)\b")
_SAID_AFTER = re.compile(r",\s*+(?:[\w’'-]++\s++){1,3}(?:said|says|added|explained)\W*$", re.I)  # ", it said."
_LISTED = 0.15  # how much holding a list weighs when a list is asked for


def scored(cand: Candidate, shape: Asked) -> float:
    """Meaning, words, rank, then what the question asks for: its shape, figures, tense, names."""
    score = (0.55 * cand.focus + 0.45 * cand.lexical + 0.04 / (1 + cand.rank)
             + 0.08 * cand.figures + cand.fit - 0.1 * (1 - cand.names))
    if shape.shape not in (None, "yes_no", "list"):
        score += 0.12 if cand.shaped else -0.08
    if shape.shape == "list" and (cand.items or cand.enumerates):
        score += _LISTED
    return score
