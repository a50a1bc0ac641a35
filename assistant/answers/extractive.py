"""The default answerer is extractive: it quotes the sentences that best answer the question,
each with an [n] marker naming document, page and section.

Why it reads more than words and meaning: the sentence that answers is often terse ("Target:
within five working days" under "Urgent repairs"), does not name whose it is (the document does),
goes on in the next sentence ("This means we met our goal"), or sits beside a near-miss of the
wrong year, tense or thing counted. The question's shape, figures, names and tense pick among
them; when none holds the figure asked for, "not found" is the honest answer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial

from assistant.answers.base import Answer, StreamResult, compose
from assistant.answers.followup import FollowUps
from assistant.answers.not_found import not_found_in
from assistant.answers.passages import (
    carried_head,
    document_terms,
    header_row,
    holds,
    items_after,
    items_run_on,
    joined,
    list_context,
    listed_count,
    listed_under_heading,
    mostly_links,
    rows_table,
    says_else,
    table_head,
)
from assistant.answers.question_types import (
    NUMBER_WORDS,
    Asked,
    alternatives,
    asked,
    asks_for_name,
    counts,
    figure_of,
    implied_figures,
    is_heading,
    items_asked,
    labels_in,
    named,
    names_another,
    names_in,
)
from assistant.answers.tenses import (
    asked_tenses,
    asks_if_done,
    asks_outcome,
    of_its_time,
    states_outcome,
    tense_fit,
    tenses,
)
from assistant.answers.topics import misses_subject, subjects_asked
from assistant.answers.years import financial_years_asked, other_year, years_asked
from assistant.backends.embedders import Embedder
from assistant.search.retriever import Filters, Hit, Retriever, Search
from ingest.injection import instruction_flags
from ingest.records import ChunkRecord
from ingest.text import content_tokens, normalize, split_sentences


@dataclass
class _Candidate:
    text: str
    hit: Hit
    rank: int
    score: float = 0.0
    similarity: float = 0.0
    lexical: float = 0.0
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
    framed_by: _Candidate | None = None  # the sentence of its section that matched the question


class ExtractiveAnswerer:
    """Picks, from the retrieved chunks, the sentences that best answer the question.

    A sentence must share the question's key words and meaning to be used; when none does,
    the answer says so plainly (supported=False) instead of padding with unrelated text.
    """

    name = "extractive"

    def __init__(self, retriever: Retriever, embedder: Embedder, k: int = 6,
                 max_sentences: int = 2, min_similarity: float = 0.40,
                 min_lexical: float = 0.25, min_names: float = 1.0, max_embedded: int = 16,
                 followups: FollowUps | None = None) -> None:
        self.retriever, self.embedder, self.k = retriever, embedder, k
        self.max_sentences = max_sentences
        self.min_similarity, self.min_lexical = min_similarity, min_lexical
        # every name the question gives (a place, a fund, a year's report) must be in the passage's
        # document: "invested in Bridgend" is not answered by what was invested in the valleys
        self.min_names, self.max_embedded = min_names, max_embedded
        self.followups = followups or FollowUps()

    def stream(self, question: str, history: Sequence = (), filters: Filters | None = None) -> StreamResult:
        return StreamResult.done(self.answer(question, history, filters))

    def answer(self, question: str, history: Sequence = (), filters: Filters | None = None) -> Answer:
        question = self.followups.standalone(question, history).strip()
        return self.answer_from(self.retriever.find(question, self.k, filters))

    def answer_from(self, search: Search) -> Answer:
        """The answer quoted from one search's hits (the LLM answerer shares its search)."""
        question = search.query
        not_found = not_found_in(question, search.hits[:self.k], self.retriever.audience == "public")
        candidates = self._candidates(search.hits[:self.k], self.retriever.mirror.snapshot().following)
        if not candidates:
            return Answer(question, not_found, False)
        strict = self._score(question, candidates, search)
        chosen = self._choose(candidates, strict, alternatives(question), asked(question).shape == "list")
        if not chosen:
            return Answer(question, not_found, False)
        answer = compose(question, [(_quote(c), c.hit) for c in chosen], self.name)
        answer.table = rows_table(chosen)
        if asks_if_done(question) and all(tenses(c.text) == {"future"} for c in chosen):
            answer.notices.append("This is what was promised; the documents found do not say whether it was done.")
        return answer

    @staticmethod
    def _candidates(hits: list[Hit], following: Callable[[ChunkRecord], ChunkRecord | None]) -> list[_Candidate]:
        seen: set[str] = set()
        out: list[_Candidate] = []
        for rank, hit in enumerate(hits):
            lines = [line.strip() for line in hit.chunk.text.split("\n") if line.strip()]
            heading = partial(is_heading, header=hit.chunk.header)
            part = 0
            for index, line in enumerate(lines):
                if heading(line):  # titles and captions are never answers
                    part += 1
                    continue
                sentences = [line[start:end].strip() for start, end in split_sentences(line)]
                flags = instruction_flags(sentences)
                # an instruction, or the sentence right after one (what it wants said), is no answer
                aimed = [f or (i > 0 and flags[i - 1]) for i, f in enumerate(flags)]
                for i, (sentence, aimed_at_ai) in enumerate(zip(sentences, aimed)):
                    key = normalize(sentence).lower()
                    last = i == len(sentences) - 1
                    after = sentences[i + 1] if not last else (lines[index + 1] if index + 1 < len(lines) else "")
                    sentence = joined(sentence, sentences[i - 1] if i else "", after)
                    items = items_after(lines, index) if last and sentence.rstrip(". ").endswith(":") else []
                    whole = items  # quoted: the list runs on past its passage (scored on what it holds)
                    if items and index + len(items) == len(lines) - 1 and (after_chunk := following(hit.chunk)):
                        whole = items_run_on(items, after_chunk.text, count=listed_count(sentence))
                    words = len(content_tokens(sentence + " " + " ".join(items[:1])))
                    table = table_head(lines, index, carried_head(hit.chunk.header)) if "|" in sentence else None
                    run = listed_under_heading(lines, index, heading) if i == 0 else []
                    if (words < 3 or key in seen or mostly_links(sentence) or header_row(sentence, table)
                            or aimed_at_ai):  # text aimed at an AI (and what it goes on to say) is no answer
                        continue
                    seen.add(key)
                    out.append(_Candidate(sentence, hit, rank, items=items, run=run, table=table, part=part,
                                          lead=list_context(lines, index), whole=whole))
        return out

    def _score(self, question: str, candidates: list[_Candidate], search: Search) -> bool:
        """Scores the candidates; True when the question asks for a figure (see question_types)."""
        q = _Question.read(question, search.term_weights)
        header_terms = {id(c.hit): set(content_tokens(c.hit.chunk.header)) for c in candidates}
        # the document says whose a sentence is: a sentence of Acme's report is about Acme unnamed
        in_docs = document_terms(c.hit.chunk for c in candidates)
        named_in_doc = {doc: named(q.runs, terms) for doc, terms in in_docs.items()}
        for cand in candidates:
            _read_candidate(cand, q, search.term_weights, header_terms[id(cand.hit)],
                            named_in_doc[cand.hit.chunk.doc_id])
        if q.shape.strict:
            _frame_by_section(candidates)
        for cand in candidates:  # a line framed by its section is about what its section matched
            framer = cand.framed_by
            cand.beside |= cand.off_subject and (framer is None or framer.off_subject)
        # Only sentences that could be chosen are embedded: the slow step stays small.
        eligible = [c for c in candidates if self._lexical_floor(c, q.shape.strict) and c.names >= self.min_names]
        eligible = sorted(eligible, key=lambda c: (-c.lexical - 0.1 * c.shaped, c.rank))[:self.max_embedded]
        if not eligible:
            return q.shape.strict
        vectors = self.embedder.embed([_embedded(c) for c in eligible])
        similarities = vectors @ search.query_vector
        for cand, similarity in zip(eligible, similarities):
            cand.similarity = float(similarity)
        for cand in eligible:
            if cand.framed_by is not None:
                cand.similarity = max(cand.similarity, _FRAMED * cand.framed_by.similarity)
            cand.score = _scored(cand, q.shape)
        return q.shape.strict

    def _lexical_floor(self, cand: _Candidate, strict: bool) -> bool:
        """Enough of the question's words; a little less for a sentence with the figure asked for
        (its paraphrase of the question is the figure itself)."""
        return cand.lexical >= self.min_lexical * (0.8 if strict and cand.shaped else 1.0)

    def _similar(self, cand: _Candidate) -> bool:
        """Close enough in meaning; a little less close when it holds most of the question's words
        (a terse list item embeds far from a wordy question) or says whether the target asked
        about was met (a terse "we've achieved it" embeds far from the question too)."""
        return cand.similarity >= self.min_similarity - (0.1 if cand.lexical >= 0.5 or cand.decides else 0.0)

    def _choose(self, candidates: list[_Candidate], strict: bool,
                either: frozenset[str] = frozenset(), listed: bool = False) -> list[_Candidate]:
        """The best sentence and a near rival that says something else. When the question offers
        two figures to choose between (``either``: "2040 or 2035?"), the best sentence for each
        figure the documents give, so both sides of a discrepancy are quoted. When it asks for a
        list (``listed``) and the best sentence holds none, a close lead-in with its items is
        quoted beside it ("we have issued a list of pledges ..." and "X pledges to: • ...")."""
        ranked = sorted(candidates, key=lambda c: c.score, reverse=True)
        relevant = [c for c in ranked
                    if self._similar(c) and self._lexical_floor(c, strict)
                    and c.names >= self.min_names]
        if strict:  # a figure was asked for: only a sentence with one answers
            relevant = [c for c in relevant if c.shaped]
        if relevant and relevant[0].beside:  # the closest match is beside the answer: a weaker
            # sentence rarely holds what it lacks, so only a near rival may answer instead
            relevant = [c for c in relevant if c.score >= 0.85 * relevant[0].score]
        relevant = [c for c in relevant if not c.beside]
        if not relevant:
            return []
        best = relevant[0]
        chosen = [best]
        for cand in relevant[1:]:
            if len(chosen) >= self.max_sentences or cand.score < 0.9 * best.score:
                break
            if chosen == [best] and holds(cand.text, best.text):
                chosen = [cand]  # "This was up from £534k." quoted whole with what it follows
                continue
            # a rival of the other time ("already cut 51%" beside "will cut 36% by 2025") answers
            # another question
            if all(says_else(cand.text, c.text, strict) for c in chosen) and not (cand.untimely and not best.untimely):
                chosen.append(cand)
        if listed and not any(c.items for c in chosen):
            # a close lead-in with its items, or an item of a list under a heading ("Our targets")
            # quoted as the whole list
            lists = [c for c in relevant if (c.items or c.run) and c.score >= 0.75 * best.score]
            if lists:
                whole = lists[0] if lists[0].items else replace(lists[0], text=lists[0].run[0],
                                                                  items=lists[0].run[1:])
                chosen = [whole] if lists[0] is best else [best, whole]
        if either:  # quote the best sentence for each side of the choice the documents give
            sides: list[_Candidate] = []
            for cand in relevant:
                if len(sides) < self.max_sentences and cand.held & (either - set().union(*(c.held for c in sides))):
                    sides.append(cand)
            chosen = sides or chosen
        return chosen


_RARE = 0.6  # a word whose weight is this share of the rarest word's is rare
_SPECIFIC = 0.05  # how much naming what the question names beyond its passage's title weighs
_FRAMED = 0.9  # how much of its section's match a short line with the figure takes


def _frame_by_section(candidates: list[_Candidate]) -> None:
    """A short line with the figure asked for answers for its section: under "Urgent repairs",
    "Target: within five working days" answers "how long for a problem with the water supply?"
    when "• problems with water supply" is what matched, in the same section of the same chunk.
    Such a line takes most of the best match of its section (the match itself lacks the figure)."""
    sections: dict[tuple[int, int], list[_Candidate]] = {}
    for cand in candidates:
        sections.setdefault((id(cand.hit), cand.part), []).append(cand)
    for members in sections.values():
        best = max((c for c in members if not c.shaped), key=lambda c: c.lexical, default=None)
        if best is None:
            continue
        for cand in members:
            if (cand.shaped and not cand.items and len(content_tokens(cand.text)) <= 6
                    and _FRAMED * best.lexical > cand.lexical):
                cand.lexical, cand.framed_by = _FRAMED * best.lexical, best


@dataclass(frozen=True)
class _Question:
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
    wants_name: bool  # asks who runs something, or which company or body
    financial: frozenset[int]  # the financial years it asks about, by their first year
    subjects: tuple[frozenset[str], ...]  # the subjects it names (water, women...), by their words
    rare: float  # the weight from which a word is rare in the store (in few passages)
    name_stems: frozenset[str]  # the stems of the names it gives

    @classmethod
    def read(cls, question: str, idf: dict[str, float]) -> _Question:
        terms, runs = set(content_tokens(question)) | implied_figures(question), names_in(question)
        return cls(terms, sum(idf.get(t, 1.0) for t in terms) or 1.0, asked(question), runs,
                   {t for t in terms if any(ch.isdigit() for ch in t) or t in NUMBER_WORDS},
                   asked_tenses(question), items_asked(question), figure_of(question), labels_in(question),
                   asks_outcome(question), years_asked(question), asks_for_name(question),
                   financial_years_asked(question), subjects_asked(terms), _RARE * max(idf.values(), default=0.0),
                   frozenset(named(runs, set())[0]))


def _read_candidate(cand: _Candidate, q: _Question, idf: dict[str, float], header: set[str],
                    in_doc: tuple[set[str], set[str]]) -> None:
    """Sets a candidate's lexical match, names, shape, figures and fit to the question."""
    shape = q.shape
    # a list's items answer a list question (or an open one); any other question turns on one
    # clause, so a lead-in is judged by its own words
    items = cand.items if shape.shape in (None, "list") else []
    terms = set(content_tokens(" ".join([cand.text, *items, cand.table or ""])))
    own = (q.terms & terms) | named(q.runs, terms)[1]  # "HPC" names Hinkley Point C
    wanted, held = in_doc
    # the section a sentence sits under says what it is about ("Urgent repairs" > "Target: ...")
    framed = (q.terms & (header | held)) - own
    # a short lead-in ("We will:") or a short line with the figure asked for ("Target: within 5
    # days") means what its heading says
    short = len(content_tokens(cand.text)) <= 6 and bool(cand.items or (
        shape.shape not in (None, "yes_no", "list") and shape.fits(cand.text)))
    cand.lexical = (sum(idf.get(t, 1.0) for t in own)
                    + (1.0 if short else 0.5) * sum(idf.get(t, 1.0) for t in framed)) / q.weight
    if wanted:
        cand.names = len(held) / len(wanted)
    cand_tenses = tenses(" ".join([cand.text, *cand.items[:2]])) or tenses(cand.lead)
    said = " ".join([cand.text, *cand.items])  # the sentence with its list items
    cand.shaped = shape.fits(said)
    if shape.strict and cand.shaped:  # a figure of the thing asked, named as asked, of its time
        seen = terms | header
        cand.shaped = (counts(q.counted, seen) and q.labels <= seen
                       and of_its_time(q.tenses, cand_tenses, shape.shape))
    cand.held = frozenset(q.figures & terms)
    cand.figures = len(cand.held) / len(q.figures) if q.figures else 0.0
    cand.fit = tense_fit(q.tenses, cand_tenses)
    cand.untimely = bool(q.tenses and cand_tenses and not q.tenses & cand_tenses)
    # a rare name the question gives that the passage's title and section do not ("the
    # Metrodome" asked of Barnsley's carbon plan) is what it asks about: naming it fits better
    specific = {w for w in q.name_stems - named(q.runs, header)[1] if idf.get(w, 0.0) >= q.rare}
    if specific:
        cand.fit += _SPECIFIC * len(named(q.runs, terms | set(content_tokens(cand.lead)))[1] & specific) / len(specific)
    if q.items and len(cand.items) == q.items:  # "the four priorities" + four items
        cand.fit += 0.06
    if shape.also and shape.fits_all(said):
        cand.fit += 0.06  # answers every part: "a £23m fund run by the Trust"
    cand.decides = q.outcome and states_outcome(cand.text)
    # near the answer but not it: a figure of another year (a yes/no question's other year still
    # answers it: "by 2040" says no to "by 2035?"), a target where an outcome was asked (a plan
    # launched last month is still a plan), another level than the one a yes/no question names
    # ("Level 1" does not say whether Level 2 was reached), a sentence that names no one where a
    # name was asked; or not the subject asked about (energy use where water was asked), unless
    # its section's match names it (see _frame_by_section)
    row = "|" in cand.text  # a table row reports its figures beside their targets
    # a yes/no question asked of a financial year is not answered by another year's figures
    dated = shape.shape != "yes_no" or bool(q.financial)
    cand.beside = ((dated and other_year(q.years, f"{said} {cand.table or ''}", q.financial))
                   or (q.outcome and not cand.decides and not row and cand_tenses != {"past"})
                   or (shape.shape == "yes_no" and not q.labels <= terms | header)
                   or (q.wants_name and not names_another(q.runs, said)))
    cand.off_subject = misses_subject(q.subjects, terms | header | set(content_tokens(cand.lead)))
    if cand.decides:
        cand.fit += 0.1  # "Has X hit its target?": "we've achieved our first target"


def _scored(cand: _Candidate, shape: Asked) -> float:
    """Meaning, words, rank, then what the question asks for: its shape, figures, tense, names."""
    score = (0.55 * cand.similarity + 0.45 * cand.lexical + 0.04 / (1 + cand.rank)
             + 0.08 * cand.figures + cand.fit - 0.1 * (1 - cand.names))
    if shape.shape not in (None, "yes_no", "list"):
        score += 0.12 if cand.shaped else -0.08
    if shape.shape == "list" and cand.items:
        score += 0.15
    return score


def _embedded(cand: _Candidate) -> str:
    """What a candidate is embedded as: a short line with its heading (it means nothing alone)."""
    text = " ".join([cand.text, *cand.items[:3]])
    heading = cand.hit.chunk.header.split("\n")[0].split(" > ")[-1].strip()
    return f"{heading}: {text}" if heading and len(content_tokens(cand.text)) <= 6 else text


def _quote(cand: _Candidate) -> str:
    """What a chosen sentence quotes: a lead-in with its list items, one per line."""
    return "\n".join([cand.text, *(f"• {item}" for item in cand.whole or cand.items)])
