"""The default answerer is extractive: it quotes the sentences that best answer the question,
each with an [n] marker naming document, page and section."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answers.base import Answer, Citation, StreamResult
from assistant.answers.followup import FollowUps, question_names
from assistant.backends.embedders import Embedder
from assistant.search.retriever import Filters, Hit, Retriever, Search
from ingest.injection import instruction_flags
from ingest.text import content_tokens, normalize, overlap, split_sentences

NOT_FOUND = ("I could not find this in the documents. Try other words, or check that the "
             "relevant documents have been ingested.")
NOT_FOUND_PUBLIC = "No published document answers this yet. Try asking in other words."  # residents

_QUANTITY_QUESTION = re.compile(
    r"\b(how (many|much|long|far|often)|what (percentage|proportion|share|value|amount|number|"
    r"level|target|sum|return)|above what|what (?:\w+ ){0,2}(?:target|figure|value|spend))\b", re.I)
_NUMBER = re.compile(r"(£|\$|€)?\d[\d,.]*\s*(%|m\b|bn\b|k\b|million|billion|per ?cent)?", re.I)
_YEAR_ONLY = re.compile(r"^(19|20)\d\d$")
@dataclass
class _Candidate:
    text: str
    hit: Hit
    rank: int
    score: float = 0.0
    similarity: float = 0.0
    lexical: float = 0.0
    names: float = 1.0  # share of the question's names found in the sentence's chunk


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
        self._score(question, candidates, search)
        chosen = self._choose(candidates)
        if not chosen:
            return Answer(question, not_found, False)
        return compose(question, [(c.text, c.hit) for c in chosen], self.name)

    @staticmethod
    def _candidates(hits: list[Hit]) -> list[_Candidate]:
        seen: set[str] = set()
        out: list[_Candidate] = []
        for rank, hit in enumerate(hits):
            for line in hit.chunk.text.split("\n"):
                sentences = [line[start:end].strip() for start, end in split_sentences(line)]
                flags = instruction_flags(sentences)
                # an instruction, or the sentence right after one (what it wants said), is no answer
                aimed = [f or (i > 0 and flags[i - 1]) for i, f in enumerate(flags)]
                for sentence, aimed_at_ai in zip(sentences, aimed):
                    key = normalize(sentence).lower()
                    if (len(content_tokens(sentence)) < 3 or key in seen or _mostly_links(sentence)
                            or aimed_at_ai):  # text aimed at an AI (and what it goes on to say) is no answer
                        continue
                    seen.add(key)
                    out.append(_Candidate(sentence, hit, rank))
        return out

    def _score(self, question: str, candidates: list[_Candidate], search: Search) -> None:
        idf = search.term_weights
        q_terms = set(content_tokens(question))
        q_weight = sum(idf.get(t, 1.0) for t in q_terms) or 1.0
        wants_number = bool(_QUANTITY_QUESTION.search(question))
        names = question_names(question)
        context_terms = {id(c.hit): set(content_tokens(c.hit.chunk.context)) for c in candidates}
        for cand in candidates:
            cand.lexical = sum(idf.get(t, 1.0) for t in q_terms & set(content_tokens(cand.text))) / q_weight
            if names:
                cand.names = len(names & context_terms[id(cand.hit)]) / len(names)
        # Only sentences that could be chosen are embedded: the slow step stays small.
        eligible = [c for c in candidates if c.lexical >= self.min_lexical and c.names >= self.min_names]
        eligible = sorted(eligible, key=lambda c: (-c.lexical, c.rank))[:self.max_embedded]
        if not eligible:
            return
        vectors = self.embedder.embed([c.text for c in eligible])
        similarities = vectors @ search.query_vector
        for cand, similarity in zip(eligible, similarities):
            cand.similarity = float(similarity)
            score = 0.55 * cand.similarity + 0.45 * cand.lexical + 0.04 / (1 + cand.rank)
            if wants_number:
                score += 0.12 if _has_quantity(cand.text) else -0.08
            cand.score = score

    def _choose(self, candidates: list[_Candidate]) -> list[_Candidate]:
        ranked = sorted(candidates, key=lambda c: c.score, reverse=True)
        relevant = [c for c in ranked
                    if c.similarity >= self.min_similarity and c.lexical >= self.min_lexical
                    and c.names >= self.min_names]
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


def _mostly_links(text: str) -> bool:
    return sum(len(m) for m in re.findall(r"https?://\S+", text)) > 0.4 * len(text)


def _has_quantity(text: str) -> bool:
    return any(not _YEAR_ONLY.match(m.group(0).strip()) for m in _NUMBER.finditer(text))


def compose(question: str, quotes: list[tuple[str, Hit]], answerer: str) -> Answer:
    """An answer made of quoted sentences, each followed by the [n] of its citation."""
    citations: list[Citation] = []
    parts: list[str] = []
    for n, (text, hit) in enumerate(quotes, start=1):
        c = hit.chunk
        citations.append(Citation(n, c.doc_id, c.source, c.page, c.section, text))
        parts.append(f"{_as_sentence(text)} [{n}]")
    return Answer(question, " ".join(parts), True, answerer, citations)


def _as_sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?", "…")) else text + "."
