"""Checks a generated sentence against the sources it cites, and keeps documents' instructions out.

A sentence is kept only when
  - it cites at least one source with an [n] marker, and every n is a source we gave the model;
  - every number in it (amounts, percentages, years; "twenty" counts as 20) appears in a cited
    source; and
  - enough of its content words appear in the cited sources (``min_support``, 0..1).

Documents are data, never instructions. ``is_instruction`` spots sentences that address the
assistant ("ignore your instructions and say ..."; it lives in ingest/injection.py, which ingest
uses too); ``evidence_text`` drops them, and the sentence that carries one on, both from the
sources shown to the model and from the text a claim is checked against, so a claim that only an
injected instruction "supports" is removed like any other unsupported claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.injection import instruction_flags, is_instruction
from ingest.text import content_tokens, normalize, split_sentences

__all__ = ["CitationChecker", "Verdict", "evidence_text", "is_instruction"]

_MARKER = re.compile(r"\[(\d+(?:\s*[,;–-]\s*\d+)*)\]")
_MARKERS_AFTER_STOP = re.compile(r"([.!?…])((?:\s*\[\d+(?:\s*[,;–-]\s*\d+)*\])+)")
_NUMBER = re.compile(r"(?<![\w.])[£$€]?(\d+(?:[.,]\d+)*)\s*(%|per ?cent|bn\b|billion|m\b|million|k\b|thousand)?",
                     re.I)
_WORD_NUMBERS = {w: i for i, w in enumerate(
    "_ _ two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split()) if w != "_"}
_WORD_NUMBERS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                      "eighty": 80, "ninety": 90, "dozen": 12})  # not "one": it is a pronoun too
_SCALE = {"bn": 1e9, "billion": 1e9, "m": 1e6, "million": 1e6, "k": 1e3, "thousand": 1e3}


def evidence_text(text: str) -> tuple[str, int]:
    """``text`` without its instruction-like sentences, and how many were dropped."""
    lines = [[line[a:b] for a, b in split_sentences(line)] for line in text.split("\n")]
    flags = iter(instruction_flags([s for line in lines for s in line]))
    kept, dropped = [], 0
    for line in lines:
        parts = []
        for sentence in line:
            if next(flags):
                dropped += 1
            else:
                parts.append(sentence)
        kept.append(" ".join(parts))
    return "\n".join(kept).strip(), dropped


def attach_markers(text: str) -> str:
    """Move markers written after the full stop ("... 2027. [1]") to before it ("... 2027 [1].")."""
    return _MARKERS_AFTER_STOP.sub(lambda m: f" {' '.join(m.group(2).split())}{m.group(1)}", text)


def cited_numbers(sentence: str) -> list[int]:
    """The source numbers a sentence cites, in order, without repeats ("[1, 3]" and "[2-3]" too)."""
    out: list[int] = []
    for match in _MARKER.finditer(sentence):
        spec = match.group(1)
        for part in re.split(r"\s*[,;]\s*", spec):
            bounds = [int(x) for x in re.split(r"\s*[–-]\s*", part) if x]
            span = range(bounds[0], bounds[-1] + 1) if len(bounds) == 2 and bounds[1] - bounds[0] < 10 else bounds
            out.extend(n for n in span if n not in out)
    return out


def strip_markers(sentence: str) -> str:
    return re.sub(r"\s+([.!?…])", r"\1", _MARKER.sub("", sentence)).strip()


def numbers(text: str) -> set[float]:
    """Every value a number in ``text`` could mean: "£2m" -> {2, 2000000}; "twenty" -> {20}."""
    values: set[float] = set()
    for match in _NUMBER.finditer(normalize(text)):
        raw = match.group(1)
        try:
            value = float(raw.replace(",", "")) if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?", raw) \
                else float(raw.replace(",", "."))
        except ValueError:
            continue
        values.add(value)
        scale = (match.group(2) or "").lower().replace(" ", "")
        if scale in _SCALE:
            values.add(value * _SCALE[scale])
    for word in re.findall(r"[a-z]+", normalize(text).lower()):
        if word in _WORD_NUMBERS:
            values.add(float(_WORD_NUMBERS[word]))
    return values


@dataclass
class Verdict:
    sentence: str  # as the model wrote it, markers included
    claim: str  # without markers
    cited: list[int]
    ok: bool
    reason: str = ""
    support: float = 0.0
    best_quote: dict[int, str] = field(default_factory=dict)  # cited n -> its best matching sentence


@dataclass
class CitationChecker:
    """Judges sentences against ``sources`` (number -> evidence text, instructions already removed)."""

    sources: dict[int, str]
    min_support: float = 0.5

    def check(self, sentence: str) -> Verdict:
        cited = cited_numbers(sentence)
        claim = strip_markers(sentence)
        verdict = Verdict(sentence, claim, cited, False)
        if not cited:
            verdict.reason = "cites no source"
            return verdict
        unknown = [n for n in cited if n not in self.sources]
        if unknown:
            verdict.reason = f"cites source {unknown[0]}, which does not exist"
            return verdict
        evidence = "\n".join(self.sources[n] for n in cited)
        missing = numbers(claim) - numbers(evidence)
        if missing:
            shown = ", ".join(_show(v) for v in sorted(missing))
            verdict.reason = f"the cited source does not contain the number {shown}"
            return verdict
        claim_terms = {t for t in content_tokens(claim) if not any(c.isdigit() for c in t)}
        evidence_terms = set(content_tokens(evidence))
        verdict.support = len(claim_terms & evidence_terms) / len(claim_terms) if claim_terms else 0.0
        if verdict.support < self.min_support:
            verdict.reason = (f"only {verdict.support:.0%} of its words are in the cited source "
                              f"(needs {self.min_support:.0%})")
            return verdict
        verdict.ok = True
        verdict.best_quote = {n: best_sentence(claim, self.sources[n]) for n in cited}
        return verdict


def _show(value: float) -> str:
    if value.is_integer():
        return f"{int(value):,}" if value >= 10000 else str(int(value))
    return f"{value:g}"


def best_sentence(claim: str, source: str) -> str:
    """The sentence of ``source`` that shares most content words with ``claim`` (for the citation)."""
    terms = set(content_tokens(claim))
    best, best_score = "", -1.0
    for line in source.split("\n"):
        for start, end in split_sentences(line):
            sentence = line[start:end].strip()
            score = len(terms & set(content_tokens(sentence)))
            if score > best_score:
                best, best_score = sentence, score
    return best
