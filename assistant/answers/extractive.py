"""The default answerer is extractive: it quotes the sentences that best answer the question,
each with an [n] marker naming document, page and section.

Why it reads more than words and meaning: the sentence that answers is often terse ("Target:
within five working days" under "Urgent repairs"), does not name whose it is (the document does),
goes on in the next sentence ("This means we met our goal"), or sits beside a near-miss of the
wrong year, tense or thing counted. The question's shape, figures, names and tense pick among
them; when none holds the figure asked for, "not found" is the honest answer."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial

from assistant.answers.base import Answer, StreamResult, compose
from assistant.answers.fit import (
    FRAMED,
    Candidate,
    Question,
    carry_subject,
    frame_by_section,
    is_short,
    read_candidate,
    scored,
    short_figure_line,
)
from assistant.answers.followup import FollowUps
from assistant.answers.furniture import contents_line, is_heading, page_furniture
from assistant.answers.named_search import named_search
from assistant.answers.names import named, without_names
from assistant.answers.not_found import not_found_in
from assistant.answers.passages import (
    carried_head,
    counted_list,
    document_terms,
    figures_in,
    header_row,
    holds,
    introduces,
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
from assistant.answers.places_asked import PlacesAsked
from assistant.answers.question_types import (
    alternatives,
    asked,
    counts,
    exact_sum,
    figure_of,
    timed,
    vague_sum,
)
from assistant.answers.quoting import bare, goes_on_to_list, quote, under_its_lead_in, whole_table, with_its_lead_in
from assistant.answers.sections import header_path, section_list
from assistant.answers.tenses import asks_if_done, tenses
from assistant.answers.years import Periods, of_periods_named, periods_in
from assistant.backends.embedders import Embedder
from assistant.search.retriever import Filters, Hit, Retriever, Search
from ingest.injection import instruction_flags
from ingest.records import ChunkRecord
from ingest.text import content_tokens, normalize, split_sentences


class ExtractiveAnswerer:
    """Picks, from the retrieved chunks, the sentences that best answer the question.

    A sentence must share the question's key words and meaning to be used; when none does,
    the answer says so plainly (supported=False) instead of padding with unrelated text.
    """

    name = "extractive"

    def __init__(self, retriever: Retriever, embedder: Embedder, k: int = 6,
                 max_sentences: int = 2, min_similarity: float = 0.35,
                 min_lexical: float = 0.20, min_names: float = 1.0, max_embedded: int = 16,
                 followups: FollowUps | None = None) -> None:
        self.retriever, self.embedder, self.k = retriever, embedder, k
        self.max_sentences = max_sentences
        # floors chosen on the calibration and train questions (tests/data/labelled/GUIDE.md)
        self.min_similarity, self.min_lexical = min_similarity, min_lexical
        # every name the question gives (a place, a fund, a year's report) must be in the passage's
        # document: "invested in Bridgend" is not answered by what was invested in the valleys
        self.min_names, self.max_embedded = min_names, max_embedded
        self.followups = followups or FollowUps()
        self._periods: dict[str, Periods] = {}  # doc_id (a hash of the document's bytes) -> the periods it names

    def stream(self, question: str, history: Sequence = (), filters: Filters | None = None) -> StreamResult:
        return StreamResult.done(self.answer(question, history, filters))

    def answer(self, question: str, history: Sequence = (), filters: Filters | None = None) -> Answer:
        question = self.followups.standalone(question, history).strip()
        return self.answer_from(named_search(self.retriever, question, self.k, filters))

    def answer_from(self, search: Search) -> Answer:
        """The answer quoted from one search's hits (the LLM answerer shares its search)."""
        question = search.query
        not_found = not_found_in(question, search.hits[:self.k], self.retriever.audience == "public")
        snapshot = self.retriever.mirror.snapshot()
        candidates = of_periods_named(question, self._candidates(search.hits[:self.k], snapshot.following,
                                                                 bool(_PAGE_ASKED.search(question))),
                                      partial(self._periods_named, snapshot.context_of))
        if not candidates:
            return Answer(question, not_found, False)
        strict = self._score(question, candidates, search)
        counted = figure_of(question)  # what a figure asked counts: two figures of it may conflict
        shape = asked(question)
        if shape.timed:  # "when?" is answered by a sentence that says when
            candidates = [c for c in candidates if timed(c.text) or c.lead.endswith(":") and timed(c.lead)]
        chosen = self._choose(candidates, strict, alternatives(question), shape.shape == "list", counted, shape.timed)
        if not chosen:
            chosen = self._paraphrase(candidates, strict, search)
        if not chosen:
            listed = section_list(question, search.hits[:self.k], snapshot.chunks_of, self.name)
            return listed or Answer(question, not_found, False)
        if _MEANS.match(question) and not any(c.items for c in chosen):  # the list says how, not a rival
            chosen = chosen[:1] + goes_on_to_list(chosen[0], candidates) or chosen
        chosen = [with_its_lead_in(c, shape) for c in chosen]
        if shape.shape == "list" and rows_table(chosen):
            chosen = whole_table(chosen, candidates, snapshot.chunks_of(chosen[0].hit.chunk.doc_id), _ROWS)
        answer = compose(question, [(quote(c), c.hit) for c in chosen], self.name)
        answer.table = rows_table(chosen)
        if answer.table and shape.shape == "list" and carried_head(chosen[0].hit.chunk.header) == chosen[0].table:
            answer.notices.append("The table starts before the rows quoted: open the source to read it whole.")
        said = [" ".join([c.text, *c.items]) for c in chosen]
        if strict and len(chosen) > 1 and len({c.hit.chunk.doc_id for c in chosen}) == 1 and counted \
                and all(counts(counted, set(content_tokens(t))) for t in said) \
                and len({figures_in(t, counted) for t in said}) > 1 \
                and not {frozenset({"past"}), frozenset({"future"})} <= {tenses(t) for t in said}:
            # "22 apprenticeships" twice is no conflict, nor 12 to create beside 60 created elsewhere
            answer.notices.append("The document gives different figures for this; both are quoted: check which "
                                  "is right.")
        if asks_if_done(question) and all(tenses(c.text) == {"future"} for c in chosen):
            answer.notices.append("This is what was promised; the documents found do not say whether it was done.")
        return answer

    def _periods_named(self, context_of: Callable[[str], str], chunk: ChunkRecord) -> Periods:
        """The years and quarters a chunk's document names (title, headings and text), read once per document."""
        if chunk.doc_id not in self._periods:
            self._periods[chunk.doc_id] = periods_in(f"{chunk.source} {context_of(chunk.doc_id)}")
        return self._periods[chunk.doc_id]

    @staticmethod
    def _candidates(hits: list[Hit], following: Callable[[ChunkRecord], ChunkRecord | None],
                    page_asked: bool = False) -> list[Candidate]:
        seen: set[str] = set()
        out: list[Candidate] = []
        for rank, hit in enumerate(hits):
            lines = [line.strip() for line in hit.chunk.text.split("\n") if line.strip()]
            heading = partial(is_heading, header=hit.chunk.header)
            part = 0
            for index, line in enumerate(lines):
                if heading(line):  # titles and captions are never answers
                    part += 1
                    continue
                if contents_line(lines, index, hit.chunk.header) and not page_asked:
                    continue  # a table of contents says where to read, not what
                sentences = [line[start:end].strip() for start, end in split_sentences(line)]
                flags = instruction_flags(sentences)
                # an instruction, or the sentence right after one (what it wants said), is no answer
                aimed = [f or (i > 0 and flags[i - 1]) for i, f in enumerate(flags)]
                titled = ""
                for i, (sentence, aimed_at_ai) in enumerate(zip(sentences, aimed)):
                    key = normalize(sentence).lower()
                    last = i == len(sentences) - 1
                    after = sentences[i + 1] if not last else (lines[index + 1] if index + 1 < len(lines) else "")
                    sentence = joined(sentence, sentences[i - 1] if i else "", after)
                    items = items_after(lines, index) if last and sentence.rstrip(". ").endswith(":") else \
                        counted_list(lines, index, sentence) if last else []
                    whole = items  # quoted: the list runs on past its passage (scored on what it holds)
                    if items and index + len(items) == len(lines) - 1 and (after_chunk := following(hit.chunk)):
                        whole = items_run_on(items, after_chunk.text, count=listed_count(sentence))
                    elif last and not items and sentence.endswith(":") and introduces(lines, index, heading):
                        whole = [lines[index + 1]]  # "... is defined as:" quoted with what it introduces
                    words = len(content_tokens(sentence + " " + " ".join(items[:1])))
                    table = table_head(lines, index, carried_head(hit.chunk.header)) if "|" in sentence else None
                    run = listed_under_heading(lines, index, heading) if i == 0 else []
                    # a run-in heading ("Becoming Carbon Net Zero for Type 1 & 2 Emissions. Changes have ...")
                    # is no answer; it says what the sentences after it are about
                    if i == 0 and not last and heading(sentence.rstrip(". ")):
                        titled = sentence
                        continue
                    if (words < 3 or key in seen or mostly_links(sentence) or header_row(sentence, table)
                            or page_furniture(sentence) and not items
                            # a lead-in to nothing ("Andy Street adds:" before a heading) says nothing
                            or sentence.endswith(":") and not whole and not table
                            or aimed_at_ai):  # text aimed at an AI (and what it goes on to say) is no answer
                        continue
                    seen.add(key)
                    out.append(Candidate(sentence, hit, rank, items=items, run=run, table=table, part=part,
                                          lead=list_context(lines, index) or titled, whole=whole))
        return out

    def _score(self, question: str, candidates: list[Candidate], search: Search) -> bool:
        """Scores the candidates; True when the question asks for a figure (see question_types)."""
        q = Question.read(question, search.term_weights)
        header_terms = {id(c.hit): set(content_tokens(c.hit.chunk.header)) for c in candidates}
        # the document says whose a sentence is: a sentence of Acme's report is about Acme unnamed
        in_docs = document_terms(c.hit.chunk for c in candidates)
        named_in_doc = {doc: named(q.runs, terms) for doc, terms in in_docs.items()}
        for cand in candidates:
            read_candidate(cand, q, search.term_weights, header_terms[id(cand.hit)],
                            named_in_doc[cand.hit.chunk.doc_id])
        carry_subject(candidates, q, search.term_weights)
        if q.shape.strict:
            frame_by_section(candidates)
        places = PlacesAsked(question, self.retriever.mirror.snapshot().chunks_of)
        for cand in candidates:  # a line framed by its section is about what its section matched
            framer = cand.framed_by
            cand.beside |= cand.off_subject and (framer is None or framer.off_subject)
            cand.beside |= places.elsewhere(cand.hit.chunk, cand.text)  # Melton's figure where Croydon's is asked
        # Only sentences that could be chosen are embedded: the slow step stays small.
        eligible = [c for c in candidates if self._lexical_floor(c, q.shape.strict, q.shape.timed)
                    and c.names >= self.min_names]
        eligible = sorted(eligible, key=lambda c: (-c.lexical - 0.1 * c.shaped, c.rank))[:self.max_embedded]
        if not eligible:
            return q.shape.strict
        vectors = self.embedder.embed([_embedded(c) for c in eligible])
        similarities = vectors @ search.query_vector
        # what is asked of the names, apart from them: every sentence of a news story names its
        # company and fund, but "£350,000" is in the one close to "how much has ... put into"
        asks = without_names(question, q.runs)
        apart = vectors @ self.retriever.query_vector(asks) if asks else similarities
        for cand, similarity, asked_apart in zip(eligible, similarities, apart):
            cand.similarity = float(similarity)
            cand.focus = (1 - FOCUS) * cand.similarity + FOCUS * float(asked_apart)
        for cand in eligible:
            if cand.framed_by is not None:
                cand.similarity = max(cand.similarity, FRAMED * cand.framed_by.similarity)
                cand.focus = max(cand.focus, FRAMED * cand.framed_by.focus)
            cand.score = scored(cand, q.shape)
        return q.shape.strict

    def _paraphrase(self, candidates: list[Candidate], strict: bool, search: Search) -> list[Candidate]:
        """When no sentence shares enough of the question's words, one very close to it in meaning
        answers ("an equal split of men and women" asked, "50/50 gender balance by 2033" said)."""
        others = [c for c in candidates if c.similarity == 0.0 and c.names >= self.min_names and not c.beside
                  and (c.shaped or not strict)][:3 * self.max_embedded]
        if not others:
            return []
        similarities = self.embedder.embed([_embedded(c) for c in others]) @ search.query_vector
        best = int(similarities.argmax())
        return [others[best]] if similarities[best] >= PARAPHRASE else []

    def _lexical_floor(self, cand: Candidate, strict: bool, dated: bool = False) -> bool:
        """Enough of the question's words; a little less for a sentence with the figure asked for
        (its paraphrase of the question is the figure itself), or with the time asked for and a word
        of the question besides its names ("take effect" asked, "the Social Value Act came into force
        in January 2013" said; not "by 2030" of another thing the document names)."""
        return cand.lexical >= self.min_lexical * (0.8 if cand.shaped and (strict or dated and cand.worded) else 1.0)

    def _similar(self, cand: Candidate) -> bool:
        """Close enough in meaning; a little less close when it holds most of the question's words
        (a terse list item embeds far from a wordy question) or says whether the target asked
        about was met (a terse "we've achieved it" embeds far from the question too)."""
        relief = 0.1 if cand.lexical >= 0.5 or cand.decides else 0.0
        if cand.table and cand.lexical >= 0.6:
            relief = 0.15  # a table row's cells embed far from any question; most of its words do not
        return cand.similarity >= self.min_similarity - relief

    def _choose(self, candidates: list[Candidate], strict: bool, either: frozenset[str] = frozenset(),
                listed: bool = False, counted: str | None = None, dated: bool = False) -> list[Candidate]:
        """The best sentence and a near rival that says something else. When the question offers
        two figures to choose between (``either``: "2040 or 2035?"), the best sentence for each
        figure the documents give, so both sides of a discrepancy are quoted. When it asks for a
        list (``listed``) and the best sentence holds none, a close lead-in with its items is
        quoted beside it ("we have issued a list of pledges ..." and "X pledges to: • ...")."""
        ranked = sorted(candidates, key=lambda c: c.score, reverse=True)
        relevant = [c for c in ranked
                    if self._similar(c) and self._lexical_floor(c, strict, dated)
                    and c.names >= self.min_names]
        if strict:  # a figure was asked for: only a sentence with one answers
            relevant = [c for c in relevant if c.shaped]
        if relevant and relevant[0].beside:  # the closest match is beside the answer: a weaker
            # sentence rarely holds what it lacks, so only a near rival may answer instead
            relevant = [c for c in relevant if c.score >= 0.8 * relevant[0].score]
        relevant = [c for c in relevant if not c.beside]
        if not relevant:
            return []
        best = relevant[0]
        chosen = [best]
        cut: dict[int, str] = {}  # a quoted list's item that answers alone, by its list
        for cand in relevant[1:]:
            if len(chosen) >= self.max_sentences or cand.score < 0.9 * best.score:
                break
            if chosen == [best] and holds(cand.text, best.text):
                chosen = [cand]  # "This was up from £534k." quoted whole with what it follows
                continue
            if _label_line(cand) and cand.lexical < best.lexical:
                continue  # "Target: within 20 working days" says what its heading says: another one's
            lists = [c for c in chosen if bare(cand.text) in map(bare, c.whole or c.items)]
            if lists:  # an item of a list already quoted: asked for one thing, the list is cut to it
                cut.setdefault(id(lists[0]), bare(cand.text))
                continue
            if any(bare(c.text) in map(bare, cand.whole or cand.items) for c in chosen):
                continue  # the list of an item already quoted would say it twice
            # a rival of the other time ("already cut 51%" beside "will cut 36% by 2025") answers
            # another question
            if all(says_else(cand.text, c.text, strict) for c in chosen) and not (cand.untimely and not best.untimely):
                chosen.append(cand)
        if strict and chosen == [best]:
            chosen += self._other_figure(ranked, best, counted)
        if strict and vague_sum(best.text):  # roughly how much: the sentence saying how much goes beside it
            exact = [c for c in relevant[1:] if c.hit.chunk.doc_id == best.hit.chunk.doc_id
                     and exact_sum(c.text) and c.score >= _ROUGH * best.score]
            chosen = [best, exact[0]] if exact else chosen
        if listed and not any(c.items for c in chosen):
            # a close lead-in with its items, or an item of a list under a heading ("Our targets")
            # quoted as the whole list
            lists = [c for c in relevant if (c.items or c.run) and c.score >= 0.75 * best.score]
            if lists:
                whole = lists[0] if lists[0].items else replace(lists[0], text=lists[0].run[0],
                                                                  items=lists[0].run[1:])
                chosen = [whole] if lists[0] is best else [best, whole]
            elif best.table:  # a table's row where a list is asked: the rows of its table that hold
                # the question's words as well, in order (a row's cells embed far from any question)
                rows = [c for c in candidates if c.table == best.table and c.hit.chunk.doc_id == best.hit.chunk.doc_id
                        and not c.beside and self._lexical_floor(c, strict, dated) and c.names >= self.min_names]
                chosen = sorted(rows, key=lambda c: c.hit.chunk.char_start)[:_ROWS]  # stable: in order within a chunk
        if cut and strict:  # a figure asked: the item that gives it
            chosen = [replace(c, items=[cut[id(c)]], whole=[]) if id(c) in cut else c for c in chosen]
        if either:  # quote the best sentence for each side of the choice the documents give
            sides: list[Candidate] = []
            for cand in relevant:
                if len(sides) < self.max_sentences and cand.held & (either - set().union(*(c.held for c in sides))):
                    sides.append(cand)
            chosen = sides or chosen
        return chosen


    def _other_figure(self, ranked: list[Candidate], best: Candidate, counted: str | None) -> list[Candidate]:
        """Another figure for the same thing (``counted``: "work placements") in the same document,
        nearly as close ("provided 41 work placements" in a report's summary, "36" in its text):
        quoted beside the answer, a terse list item being let a little further from the question's
        meaning. A sum beside a sum is no conflict: a contract's value is not its social value."""
        if counted is None or not counts(counted, set(content_tokens(best.text))):
            return []
        rival = [c for c in ranked if c is not best and c.shaped and not (c.beside or c.untimely)
                and counts(counted, set(content_tokens(c.text)))
                and c.hit.chunk.doc_id == best.hit.chunk.doc_id and c.score >= 0.9 * best.score
                and c.similarity >= self.min_similarity - 0.05 and self._lexical_floor(c, True)
                and c.names >= self.min_names and figures_in(c.text)
                and figures_in(c.text, counted) != figures_in(best.text, counted)
                and says_else(c.text, best.text, True)][:1]
        # a list item is quoted under its lead-in ("In the first year we:" + "• provided 41 ...")
        return [under_its_lead_in(c) if c.lead and not c.items else c for c in rival]


_PAGE_ASKED = re.compile(r"\bpages?\b", re.I)  # "which page is the plan on?": a contents line answers
# "How will X reach net zero?", "How is the money divided?": asks the means, which a list often gives
_MEANS = re.compile(r"^\s*how (?:will|would|does|do|did|is|are|was|were|can)\b", re.I)


_ROWS = 15  # at most so many rows of a table quoted for a list asked
_ROUGH = 0.7  # how close a sentence with the sum must be to quote it beside one giving it roughly
PARAPHRASE = 0.6  # how close in meaning a sentence sharing few of the question's words must be
FOCUS = 0.3  # how much of the meaning that ranks sentences is that of the question without its names


def _label_line(cand: Candidate) -> bool:
    """A short label and its figure ("Target: within five working days"): it means what its
    heading says."""
    return short_figure_line(cand) and ":" in cand.text


def _embedded(cand: Candidate) -> str:
    """What a candidate is embedded as: a short line with its heading (it means nothing alone)."""
    text = " ".join([cand.text, *cand.items[:3]])
    heading = header_path(cand.hit.chunk)[-1].strip()
    return f"{heading}: {text}" if heading and is_short(cand.text) else text
