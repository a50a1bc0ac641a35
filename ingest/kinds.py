"""What kind of statement a sentence is, decided by a model learnt from a labelled corpus.

Kinds: commitment (a social value promise), service_standard (an operational KPI), past_claim
(something reported as done), aspiration, forecast, policy (the buyer's rule), other. Rules stay
where they are exact (numbers, dates, places); the decision between kinds is learnt, because the
cues overlap ("we will" opens promises, forecasts and rules alike) and their weight differs from
one kind of document to another.

A sentence is read in its context (``read``): the lead-in its list hangs from ("We will:",
"The Owner covenants:"), its section heading, the header row of its table, and the sentence
before it. The model is multinomial logistic regression over hashed features of all of these:
words and word pairs (numbers reduced to their shape: <year>, <pct>, <money>, <num>), first
words and their endings (an imperative bullet, a past-tense opening), and cues from the rules
(a future-facing verb, a hedge, a past tense, a quantity, a deadline, a first-person actor).
It is trained by ``python scripts/train_kinds.py`` on tests/data/labelled (train split, tuned on
dev) and shipped as ingest/data/kinds.npz; prediction needs numpy only.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal, Protocol, get_args

import numpy as np

from ingest.deadlines import find_deadline
from ingest.document import Block
from ingest.errors import SvaError
from ingest.quantities import quantities, word_value
from ingest.text import caseless, split_sentences

Kind = Literal["commitment", "service_standard", "past_claim", "aspiration", "forecast", "policy", "other"]
KINDS: tuple[Kind, ...] = get_args(Kind)
DIMENSIONS = 2 ** 15
MODEL_FILE = "data/kinds.npz"
RETRAIN = "python scripts/train_kinds.py"

_TOKEN = re.compile(r"£\s?\d[\d,.]*\s?(?:bn|m|k|million|billion)?|\d[\d,.]*\s?(?:%|per ?cent)|[a-z]+(?:['’][a-z]+)?"
                    r"|\d[\d,.]*", re.I)
BULLET = re.compile(r"^\s*(?:[•▪◦‣·*\-–]|\(?[a-z0-9]{1,3}[.)]|\d+(?:\.\d+)+\.?)\s+")
_CUES = {
    "will": re.compile(r"\b(will|shall|'ll|’ll)\b", re.I),
    "we_will": re.compile(r"\b(we|i|council|company|owner|developer|applicant|it)\s+(?:\w+ly\s+)?(will|shall)\b", re.I),
    "will_be": re.compile(r"\b(will|shall)\s+(?:\w+ly\s+)?be\b", re.I),
    "commit": re.compile(r"\b(commit\w*|pledge\w*|promis\w*|undertak\w*|guarantee\w*|covenant\w*|obligat\w*)\b", re.I),
    "target": re.compile(r"\b(target\w*|goal\w*|aim\w*|objective\w*|kpis?)\b", re.I),
    "by_year": re.compile(r"\b(by|before|until|in)\s+(?:\w+\s+)?(?:19|20)\d\d\b", re.I),
    "ambition": re.compile(r"\b(ambition\w*|vision|mission|strive|aspir\w*|journey)\b", re.I),
    "hedge": re.compile(r"\b(expect\w*|anticipat\w*|forecast\w*|predict\w*|estimat\w*|likely|could|might|may|"
                        r"potential\w*|around|approximately|up to)\b", re.I),
    "have_done": re.compile(r"\b(have|has|had|’ve|'ve)\s+(?:\w+\s+){0,2}?(?:been\s+)?"
                            r"\w+(?:ed|en|t|ne|wn|ught|id|ade)\b", re.I),
    "past": re.compile(r"\b(was|were|did|last year|so far|to date|since (?:19|20)\d\d|in (?:19|20)\d\d(?:/\d\d)?|"
                       r"achieved|exceeded|surpassed|delivered|created|completed|generated|recruited|invested|"
                       r"donated|raised|planted|reduced|increased|spent|supported|launched|won|became)\b", re.I),
    "ed_verb": re.compile(r"\b(?:we|they|it|he|she|the \w+|our \w+)\s+(?:\w+ly\s+)?\w+ed\b", re.I),
    "present_we": re.compile(r"\b(?:we|they|it)\s+(?:\w+ly\s+)?(?:are|is|have|offer|provide|pay|work|use|run|"
                             r"support|employ|hold|operate|ensure|\w+s)\b", re.I),
    "wish": re.compile(r"\b(want|wish|hope|believe|strive|passionate|proud|values?|committed to being)\b", re.I),
    "must": re.compile(r"\b(must|required?|requirement|requires|should|expected to|mandatory|shall be required)\b",
                       re.I),
    "suppliers": re.compile(r"\b(suppliers?|contractors?|bidders?|tenderers?|providers?|applicants?|developers?)\b",
                            re.I),
    "buyer": re.compile(r"\b(procurement|tenders?|evaluation|weighting|contract award|commissioning)\b", re.I),
    "we": re.compile(r"\b(we|our|us)\b", re.I),
    "you": re.compile(r"\b(you|your)\b", re.I),
    "service": re.compile(r"\b(within \d+|working days?|\d+ hours?|calls?|repairs?|respond\w*|complaints?|"
                          r"emergency|urgent|appointments?|inspect\w*|satisfaction|enquir\w*|visits?)\b", re.I),
    "social": re.compile(r"\b(apprentic\w*|jobs?|employ\w*|training|skills?|living wage|local\w*|smes?|vcse\w*|"
                         r"carbon|emissions?|net zero|waste|volunteer\w*|communit\w*|schools?|spend|"
                         r"biodiversity|diversity|inclusi\w*)\b", re.I),
    "quote": re.compile(r"^[“\"]|[”\"]\s*(said|says)\b|\bsaid\b", re.I),
    "this": re.compile(r"^(this|these|that|it|they)\b", re.I),
    "include": re.compile(r"\b(includ\w*|such as|for example|e\.g\.)", re.I),
    "question": re.compile(r"\?\s*$"),
}
# For each cue, words one of which its pattern needs (in the caseless text): a cue whose words are
# all absent is not searched for; a cue not listed always is. Most sentences show few cues, and a
# substring test costs a small part of a search that tries the pattern at every position.
_NEEDS: dict[str, tuple[str, ...]] = {
    "will": ("will", "shall", "'ll", "’ll"),
    "we_will": ("will", "shall"),
    "will_be": ("will", "shall"),
    "commit": ("commit", "pledge", "promis", "undertak", "guarantee", "covenant", "obligat"),
    "target": ("target", "goal", "aim", "objective", "kpi"),
    "by_year": ("19", "20"),
    "ambition": ("ambition", "vision", "mission", "strive", "aspir", "journey"),
    "hedge": ("expect", "anticipat", "forecast", "predict", "estimat", "likely", "could", "might", "may",
              "potential", "around", "approximately", "up to"),
    "have_done": ("have", "has", "had", "’ve", "'ve"),
    "past": ("was", "were", "did", "last year", "so far", "to date", "since 19", "since 20", "in 19", "in 20",
             "achieved", "exceeded", "surpassed", "delivered", "created", "completed", "generated", "recruited",
             "invested", "donated", "raised", "planted", "reduced", "increased", "spent", "supported",
             "launched", "won", "became"),
    "ed_verb": ("ed",),
    "present_we": ("we", "they", "it"),
    "wish": ("want", "wish", "hope", "believe", "strive", "passionate", "proud", "value", "committed to being"),
    "must": ("must", "require", "should", "expected to", "mandatory"),
    "suppliers": ("supplier", "contractor", "bidder", "tenderer", "provider", "applicant", "developer"),
    "buyer": ("procurement", "tender", "evaluation", "weighting", "contract award", "commissioning"),
    "we": ("we", "our", "us"),
    "you": ("you",),
    "service": ("within ", "working day", "hour", "call", "repair", "respond", "complaint", "emergency", "urgent",
                "appointment", "inspect", "satisfaction", "enquir", "visit"),
    "social": ("apprentic", "job", "employ", "training", "skill", "living wage", "local", "sme", "vcse", "carbon",
               "emission", "net zero", "waste", "volunteer", "communit", "school", "spend", "biodiversity",
               "diversity", "inclusi"),
    "quote": ('"', "“", "said", "says"),
    "include": ("includ", "such as", "for example", "e.g."),
}
PAST_FIRST = re.compile(r"^(?:\w+ed|won|built|made|gave|ran|held|spent|paid|grew|rose|fell|saw|met|became)$", re.I)


@dataclass(frozen=True)
class Sentence:
    """A sentence in its context: what the classifier reads, and where it sits."""

    text: str
    lead_in: str = ""  # the line a bullet's list or a table hangs from ("We will:"), else ""
    section: str = ""  # the nearest heading
    table_row: bool = False
    table_header: str = ""  # the first row of its table ("Commitment | Target | By")
    previous: str = ""  # the sentence before it in the same section
    bullet: bool = False  # a list item, or a sentence of one
    block: int = -1  # index of its block, and its span in that block's text
    start: int = 0
    end: int = 0


def is_bullet(text: str) -> bool:
    return bool(BULLET.match(text)) or text[:1].islower()


def is_header_row(row: str) -> bool:
    """Whether a table's first row names its columns ("Commitment | Target | Deadline"), not its
    first row of data ("Commitment 1 | Achieve 35,000 hours of volunteering by 2026.", "Customer
    satisfaction: 58.5% | Target: 70%"): short labels, none a sentence, and most no amount (a
    header may define one: "Target – 2.3% of workforce")."""
    cells = [c.strip() for c in row.split("|") if c.strip()]
    amounts = sum(bool(_AMOUNT.search(c)) for c in cells)
    return all(len(c.split()) <= 6 and not c.endswith(".") for c in cells) and 2 * amounts < max(1, len(cells))


_AMOUNT = re.compile(r"[£$€]\s?\d|\d\s?%|\d[\d,]*\s++(?:hours|jobs|homes|people|apprentic\w*|placements|days)\b", re.I)


def listed_count(lead_in: str) -> int:
    """How many items a lead-in says follow ("... in four key areas:" -> 4), else 0."""
    counted = _COUNTED.search(lead_in)
    word = counted.group(1) if counted else "0"
    return int(word) if word.isdigit() else int(word_value(word))


_COUNTED = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s++(?:[\w-]++\s++){0,2}?"
                      r"[\w-]++(?<=s)\s*+:\s*+$", re.I)
# a line that is only a date leads the list under it as "By 2022:" would
_DATE_LINE = re.compile(r"^(?:by|in|from|before|until|during)\s++(?:the\s++end\s++of\s++)?"
                        r"(?:19|20)\d\d(?:/\d\d)?+\s*+$", re.I)


def read(blocks: list[Block]) -> list[Sentence]:
    """Every sentence (and table row) of a document in reading order, with its context.

    A lead-in is the last sentence of a paragraph ending with a colon, or a line that is only a
    date ("By 2022"); it carries over the list items (and table rows) that follow it until a plain
    paragraph or a heading ends the list.
    """
    out: list[Sentence] = []
    section, lead_in, previous = "", "", ""
    owed = 0  # lines still owed to a lead-in that said how many ("... four segments:")
    for index, block in enumerate(blocks):
        if block.heading:
            section, lead_in, previous, owed = block.text.strip(), "", "", 0
            continue
        if block.kind == "table":
            rows = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", block.text) if m.group().strip()]
            first = block.text[rows[0][0]:rows[0][1]].strip() if rows else ""
            header = first if is_header_row(first) else ""  # a table may open with its first row of data
            for start, end in rows:
                text = block.text[start:end].strip()
                out.append(Sentence(text, lead_in, section, True, header, previous, False, index, start, end))
                previous = text
            continue
        bullet = is_bullet(block.text)
        # a counted list whose lines lost their bullets: "... split across the following four
        # segments:" + "Triple Carbon Pledge £0.20 bn" ...
        if owed and not bullet and len(block.text) <= 200 and "\n" not in block.text.strip():
            owed, bullet = owed - 1, True
        elif not bullet:
            owed = 0
        if not bullet:
            lead_in = ""
        spans = split_sentences(block.text)
        for start, end in spans:
            text = block.text[start:end]
            out.append(Sentence(text, lead_in, section, False, "", previous, bullet, index, start, end))
            previous = text
        last = block.text[spans[-1][0]:spans[-1][1]].rstrip() if spans else ""
        if last.endswith(":") or not bullet and _DATE_LINE.match(last):
            lead_in = last
            owed = listed_count(last)
        elif not bullet:
            lead_in = ""
    return out


@lru_cache(maxsize=65536)
def _shape(token: str) -> str:
    t = token.lower().replace(" ", "").replace("’", "'")
    if t.startswith("£"):
        return "<money>"
    if t.endswith(("%", "percent", "cent")):
        return "<pct>"
    if re.fullmatch(r"(19|20)\d\d(/\d\d)?", t):
        return "<year>"
    if t[:1].isdigit():
        return "<num>"
    return t


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    """(cached: a lead-in and a section heading are read again for every sentence under them)"""
    return tuple(_shape(t) for t in _TOKEN.findall(text))


@lru_cache(maxsize=4096)
def _cues(text: str) -> tuple[str, ...]:
    """The rule cues a text shows (cached: lead-ins and headings repeat from sentence to sentence)."""
    folded = caseless(text)
    return tuple(name for name, cue in _CUES.items()
                 if any(word in folded for word in _NEEDS.get(name, ("",))) and cue.search(text))


def features(s: Sentence) -> list[str]:
    """The named features of one sentence in context (hashed into DIMENSIONS columns)."""
    body = BULLET.sub("", s.text).strip()
    cells = [c.strip() for c in body.split("|")] if s.table_row else [body]
    words = _words(body)
    out = [f"w:{w}" for w in words] + [f"b:{a}_{b}" for a, b in zip(words, words[1:])]
    if words:
        first = words[0]
        out.append(f"fs:{first[-3:]}" if len(first) > 4 else "fs:short")
        if PAST_FIRST.match(first):
            out.append("r:past_first")
        if s.bullet and first.isalpha() and not first.endswith(("ed", "ing", "s")):
            out.append("r:imperative")
    # A list item reads as the end of its lead-in's sentence: "We will:" + "train 50 staff".
    joined = f"{s.lead_in.rstrip(' :')} {body}" if s.lead_in and (s.bullet or s.table_row) else body
    out += [f"r:{c}" for c in _cues(joined)]
    lead = _words(s.lead_in)
    if joined is not body:
        lead_words = lead[-2:]
        out += [f"b:{a}_{b}" for a, b in zip(lead_words + words[:1], lead_words[1:] + words[:1])]
    out += [f"l:{w}" for w in lead] + [f"lb:{a}_{b}" for a, b in zip(lead, lead[1:])]
    lead_cues = _cues(s.lead_in) if s.lead_in else ["none"]
    out += [f"rl:{c}" for c in lead_cues]
    if "r:imperative" in out or s.table_row:  # an imperative bullet or a row takes its lead-in's mood
        out += [f"ri:{c}" for c in lead_cues] * 2
    out += [f"rh:{c}" for c in _cues(s.section)] + [f"p:{c}" for c in _cues(s.previous)]
    if s.table_row:
        out += ["r:table", f"r:cells{min(len(cells), 6)}"] + [f"rth:{c}" for c in _cues(s.table_header)]
        if s.text.strip() == s.table_header:
            out.append("r:table_header")
        numeric = sum(bool(re.search(r"\d", c)) for c in cells)
        out.append(f"r:numeric_cells{min(numeric, 3)}")
    found = quantities(body)
    if found:
        out.append("r:quantity")
        out += [f"u:{q.unit.lower()}" for q in found[:2] if q.unit in ("£", "%")]
    if find_deadline(body):
        out.append("r:deadline")
    out.append("r:bullet" if s.bullet else "r:line")
    if body.endswith(":"):
        out.append("r:colon")
    if not re.search(r"[.!?:;]\W*$", body):
        out.append("r:unfinished")
    return out


def hashed(sentence: Sentence) -> tuple[np.ndarray, np.ndarray]:
    """Column indices and L2-normalised counts of a sentence's features."""
    counts = Counter(map(_column, features(sentence)))
    columns = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
    values = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
    return columns, values / (np.linalg.norm(values) or 1.0)


@lru_cache(maxsize=1 << 17)
def _column(name: str) -> int:
    return zlib.crc32(name.encode()) % DIMENSIONS


class KindModel:
    """The learnt classifier: weights (kinds x DIMENSIONS) and biases."""

    def __init__(self, weights: np.ndarray, bias: np.ndarray) -> None:
        if weights.shape != (len(KINDS), DIMENSIONS) or bias.shape != (len(KINDS),):
            raise SvaError(f"the statement-kind model has the wrong shape {weights.shape}; "
                           f"rebuild it with `{RETRAIN}`")
        if not (np.isfinite(weights).all() and np.isfinite(bias).all()):
            raise SvaError(f"the statement-kind model holds invalid numbers; rebuild it with `{RETRAIN}`")
        self.weights, self.bias = weights.astype(np.float32), bias.astype(np.float32)

    def probabilities(self, sentences: list[Sentence]) -> np.ndarray:
        scores = np.tile(self.bias, (len(sentences), 1))
        for row, sentence in enumerate(sentences):
            columns, values = hashed(sentence)
            scores[row] += self.weights[:, columns] @ values
        scores -= scores.max(axis=1, keepdims=True)
        odds = np.exp(scores)
        return odds / odds.sum(axis=1, keepdims=True)

    def predict(self, sentences: list[Sentence]) -> list[Kind]:
        return [KINDS[i] for i in self.probabilities(sentences).argmax(axis=1)]

    def save(self, path) -> None:
        np.savez_compressed(path, weights=self.weights.astype(np.float16), bias=self.bias,
                            kinds=np.array(KINDS))


def load_model(handle) -> KindModel:
    """A model from an open .npz file; a clear error naming the rebuild command when it is bad."""
    try:
        data = np.load(handle)
        if tuple(str(k) for k in data["kinds"]) != KINDS:
            raise SvaError(f"ingest/{MODEL_FILE} was trained for other kinds; rebuild it with `{RETRAIN}`")
        return KindModel(data["weights"], data["bias"])
    except (OSError, ValueError, KeyError, EOFError, zlib.error, zipfile.BadZipFile) as exc:
        raise SvaError(f"the statement-kind model ingest/{MODEL_FILE} is missing or damaged ({exc}); "
                       f"rebuild it with `{RETRAIN}`") from exc


class Probabilities(Protocol):
    def probabilities(self, sentences: list[Sentence]) -> np.ndarray: ...


class KindClassifier(Protocol):
    """What extraction asks of a kind model (the shipped blend, the hashed-feature model alone, a test's)."""

    def predict(self, sentences: list[Sentence]) -> list[Kind]: ...


class BlendedKinds:
    """The hashed-feature model, and where it gives the register's kinds (commitment, service
    standard) at least ``gate`` of its probability, its average with a second reader's
    (``weight`` on the second; ingest/kind_encoder.py). Elsewhere the first model's answer stands:
    most sentences are plainly not pledges, and the second reader costs a transformer pass."""

    def __init__(self, first: KindModel, second: Probabilities, weight: float, gate: float) -> None:
        if not (0.0 <= weight <= 1.0 and 0.0 <= gate <= 1.0):
            raise SvaError(f"blend weight and gate must lie in [0, 1], not {weight} and {gate}")
        self.first, self.second, self.weight, self.gate = first, second, weight, gate
        self._register = [KINDS.index("commitment"), KINDS.index("service_standard")]

    def probabilities(self, sentences: list[Sentence]) -> np.ndarray:
        """The blended probabilities where the second reader could change the kind; the first
        model's elsewhere (so the kinds, not every probability, are those of the full blend)."""
        found = self.first.probabilities(sentences)
        top = np.sort(found, axis=1)[:, -2:]
        # a lead of weight / (1 - weight) or more cannot be overturned by a second reader's vote
        # (0.43 at a 0.3 weight): those sentences are not read twice
        could_change = top[:, 1] - top[:, 0] < self.weight / max(1.0 - self.weight, 1e-9)
        unsure = np.flatnonzero((found[:, self._register].sum(axis=1) >= self.gate) & could_change)
        if len(unsure):
            second = self.second.probabilities([sentences[i] for i in unsure])
            found[unsure] = self.weight * second + (1.0 - self.weight) * found[unsure]
        return found

    def predict(self, sentences: list[Sentence]) -> list[Kind]:
        return [KINDS[i] for i in self.probabilities(sentences).argmax(axis=1)]


@lru_cache(maxsize=1)
def shipped_model() -> BlendedKinds:
    """The classifier sva ships: the hashed-feature model blended with the fine-tuned encoder,
    each loaded once; a clear error naming the rebuild command when either file is bad."""
    from ingest.kind_encoder import shipped_encoder

    encoder, settings = shipped_encoder()
    return BlendedKinds(shipped_features_model(), encoder, float(settings["blend_weight"]), float(settings["gate"]))


@lru_cache(maxsize=1)
def shipped_features_model() -> KindModel:
    """The hashed-feature model shipped with sva, loaded once; a clear error when it is missing or damaged."""
    try:
        with resources.files("ingest").joinpath(MODEL_FILE).open("rb") as handle:
            return load_model(handle)
    except OSError as exc:
        raise SvaError(f"the statement-kind model ingest/{MODEL_FILE} is missing or damaged ({exc}); "
                       f"rebuild it with `{RETRAIN}`") from exc
