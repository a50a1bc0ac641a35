"""The default answerer is extractive: it quotes the sentences that best answer the question,
each with an [n] marker naming document, page and section."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.answers.base import Answer, Citation, StreamResult
from assistant.answers.followup import FollowUps, question_names
from assistant.answers.question_types import asked, has_shape, is_heading
from assistant.backends.embedders import Embedder
from assistant.search.retriever import Filters, Hit, Retriever, Search
from ingest.injection import instruction_flags
from ingest.text import content_tokens, normalize, overlap, split_sentences

NOT_FOUND = ("I could not find this in the documents. Try other words, or check that the "
             "relevant documents have been ingested.")
NOT_FOUND_PUBLIC = "No published document answers this yet. Try asking in other words."  # residents

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
    table: str | None = None  # a table row's header row
    shaped: bool = True  # holds an answer of the shape the question asks for


class ExtractiveAnswerer:
    """Picks, from the retrieved chunks, the sentences that best answer the question.

    A sentence must share the question's key words and meaning to be used; when none does,
    the answer says so plainly (supported=False) instead of padding with unrelated text.
    """

    name = "extractive"

    def __init__(self, retriever: Retriever, embedder: Embedder, k: int = 6,
                 max_sentences: int = 2, min_similarity: float = 0.40,
                 min_lexical: float = 0.25, min_names: float = 0.5, max_embedded: int = 16,
                 followups: FollowUps | None = None) -> None:
        self.retriever, self.embedder, self.k = retriever, embedder, k
        self.max_sentences = max_sentences
        self.min_similarity, self.min_lexical = min_similarity, min_lexical
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
        not_found = NOT_FOUND_PUBLIC if self.retriever.audience == "public" else NOT_FOUND
        candidates = self._candidates(search.hits[:self.k])
        if not candidates:
            return Answer(question, not_found, False)
        strict = self._score(question, candidates, search)
        chosen = self._choose(candidates, strict)
        if not chosen:
            return Answer(question, not_found, False)
        return compose(question, [(_quote(c), c.hit) for c in chosen], self.name)

    @staticmethod
    def _candidates(hits: list[Hit]) -> list[_Candidate]:
        seen: set[str] = set()
        out: list[_Candidate] = []
        for rank, hit in enumerate(hits):
            lines = [line.strip() for line in hit.chunk.text.split("\n") if line.strip()]
            for index, line in enumerate(lines):
                if is_heading(line, hit.chunk.header):  # titles and captions are never answers
                    continue
                sentences = [line[start:end].strip() for start, end in split_sentences(line)]
                flags = instruction_flags(sentences)
                # an instruction, or the sentence right after one (what it wants said), is no answer
                aimed = [f or (i > 0 and flags[i - 1]) for i, f in enumerate(flags)]
                for i, (sentence, aimed_at_ai) in enumerate(zip(sentences, aimed)):
                    key = normalize(sentence).lower()
                    last = i == len(sentences) - 1
                    items = _items_after(lines, index) if last and sentence.endswith(":") else []
                    words = len(content_tokens(sentence + " " + " ".join(items[:1])))
                    if (words < 3 or key in seen or _mostly_links(sentence)
                            or aimed_at_ai):  # text aimed at an AI (and what it goes on to say) is no answer
                        continue
                    seen.add(key)
                    out.append(_Candidate(sentence, hit, rank, items=items,
                                          table=_table_head(lines, index) if "|" in sentence else None))
        return out

    def _score(self, question: str, candidates: list[_Candidate], search: Search) -> bool:
        """Scores the candidates; True when the question asks for a figure (see question_types)."""
        idf = search.term_weights
        q_terms = set(content_tokens(question))
        q_weight = sum(idf.get(t, 1.0) for t in q_terms) or 1.0
        shape = asked(question)
        names = question_names(question)
        context_terms = {id(c.hit): set(content_tokens(c.hit.chunk.context)) for c in candidates}
        header_terms = {id(c.hit): set(content_tokens(c.hit.chunk.header)) for c in candidates}
        for cand in candidates:
            own = q_terms & set(content_tokens(" ".join([cand.text, *cand.items, cand.table or ""])))
            # the section a sentence sits under says what it is about ("Urgent repairs" > "Target: ...")
            framed = (q_terms & header_terms[id(cand.hit)]) - own
            cand.lexical = (sum(idf.get(t, 1.0) for t in own)
                            + 0.5 * sum(idf.get(t, 1.0) for t in framed)) / q_weight
            if names:
                cand.names = len(names & context_terms[id(cand.hit)]) / len(names)
            cand.shaped = has_shape(shape.shape, " ".join([cand.text, *cand.items]))
        # Only sentences that could be chosen are embedded: the slow step stays small.
        eligible = [c for c in candidates if self._lexical_floor(c, shape.strict) and c.names >= self.min_names]
        eligible = sorted(eligible, key=lambda c: (-c.lexical - 0.1 * c.shaped, c.rank))[:self.max_embedded]
        if not eligible:
            return shape.strict
        vectors = self.embedder.embed([" ".join([c.text, *c.items[:3]]) for c in eligible])
        similarities = vectors @ search.query_vector
        for cand, similarity in zip(eligible, similarities):
            cand.similarity = float(similarity)
            score = 0.55 * cand.similarity + 0.45 * cand.lexical + 0.04 / (1 + cand.rank)
            if shape.shape not in (None, "yes_no", "list"):
                score += 0.12 if cand.shaped else -0.08
            if shape.shape == "list" and cand.items:
                score += 0.10
            cand.score = score
        return shape.strict

    def _lexical_floor(self, cand: _Candidate, strict: bool) -> bool:
        """Enough of the question's words; a little less for a sentence with the figure asked for
        (its paraphrase of the question is the figure itself)."""
        return cand.lexical >= self.min_lexical * (0.8 if strict and cand.shaped else 1.0)

    def _choose(self, candidates: list[_Candidate], strict: bool) -> list[_Candidate]:
        ranked = sorted(candidates, key=lambda c: c.score, reverse=True)
        relevant = [c for c in ranked
                    if c.similarity >= self.min_similarity and self._lexical_floor(c, strict)
                    and c.names >= self.min_names]
        if strict:  # a figure was asked for: only a sentence with one answers
            relevant = [c for c in relevant if c.shaped]
        if not relevant:
            return []
        best = relevant[0]
        chosen = [best]
        for cand in relevant[1:]:
            if len(chosen) >= self.max_sentences or cand.score < 0.9 * best.score:
                break
            if all(overlap(cand.text, c.text) < 0.6 for c in chosen):
                chosen.append(cand)
        return chosen


_BULLET = re.compile(r"^(?:[•\-*+▪◦]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")


def _items_after(lines: list[str], index: int, limit: int = 12) -> list[str]:
    """The list items that follow a lead-in line ("We will:" + "• train 50 staff" ...)."""
    items: list[str] = []
    for line in lines[index + 1:]:
        if not _BULLET.match(line) or len(items) >= limit:
            break
        items.append(_BULLET.sub("", line).strip())
    return items


def _table_head(lines: list[str], index: int) -> str | None:
    """The first row of the table a row sits in (its header), or None when the row is the first."""
    start = index
    while start > 0 and "|" in lines[start - 1]:
        start -= 1
    return lines[start] if start < index else None


def _mostly_links(text: str) -> bool:
    return sum(len(m) for m in re.findall(r"https?://\S+", text)) > 0.4 * len(text)


def compose(question: str, quotes: list[tuple[str, Hit]], answerer: str) -> Answer:
    """An answer made of quoted sentences, each followed by the [n] of its citation."""
    citations: list[Citation] = []
    parts: list[str] = []
    for n, (text, hit) in enumerate(quotes, start=1):
        c = hit.chunk
        citations.append(Citation(n, c.doc_id, c.source, c.page, c.section, text))
        lead, *items = text.split("\n")
        parts.append(f"{_as_sentence(lead) if not items else lead} [{n}]"
                     + "".join(f"\n{item}" for item in items) + ("\n" if items else ""))
    return Answer(question, " ".join(parts).replace("\n ", "\n").strip(), True, answerer, citations)


def _quote(cand: _Candidate) -> str:
    """What a chosen sentence quotes: a lead-in with its list items, one per line."""
    return "\n".join([cand.text, *(f"• {item}" for item in cand.items)])


def _as_sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?", "…")) else text + "."
