"""What a question asks for, and whether a sentence has that shape.

"How many apprenticeships ...?" wants a count, "How often ...?" a frequency, "When ...?" a date,
"What percentage ...?" a per cent, "Who ...?" an organisation, "What are the five parts ...?" a
list. The extractive answerer prefers sentences of the asked shape; when a question wants a
figure (a count, an amount, a per cent, a year) and no relevant sentence holds one, nothing in the
passages answers it, so it says "not found" rather than quoting a neighbour.

Headings, titles, captions and cover lines are never answers: ``is_heading`` spots them (they
stay context in the citation's section).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.text import normalize

_WORD_NUMBER = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
                r"thirty|forty|fifty|sixty|hundred|thousand|million|billion|dozen|half|double|"
                r"triple|tripl\w*|quadrupl\w*)")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_MONEY = re.compile(r"[£$€]\s?\d|\d\s*(?:million|billion|bn|m)\b\s*(?:pounds|euros)?|\bpounds\b", re.I)
_PERCENT = re.compile(r"\d\s*(?:%|per ?cent)|\bpercent", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DATE = re.compile(rf"\b(?:(?:19|20)\d\d|{_MONTH}\b|spring|summer|autumn|winter)|"
                   r"\bwithin\b|\b(?:by|until|from|since) (?:the )?(?:end|start|completion)", re.I)
_DIGITS = re.compile(r"(?<![\w.])[£$€]?\d[\d,.]*\s*(%|per ?cent|million|billion|bn\b|m\b|k\b)?", re.I)
_WORDNUM = re.compile(rf"\b{_WORD_NUMBER}\b", re.I)
_DURATION = re.compile(rf"(?:\d|\b{_WORD_NUMBER})\s*(?:working |calendar |business )?"
                       r"(?:hours?|days?|weeks?|months?|years?|minutes?)\b|\bsame day\b|\bimmediately\b|"
                       r"\bnext day\b", re.I)
_FREQUENCY = re.compile(r"\b(?:every|each|annual(?:ly)?|yearly|monthly|weekly|quarterly|biennial\w*|"
                        r"daily|once|twice|per (?:year|annum|month|week)|a (?:year|month|week))\b", re.I)
_ORG = re.compile(r"\b(?:[A-Z][\w&'’-]+\s+){1,5}(?:Council|Board|Trust|Foundation|Partnership|Group|"
                  r"Limited|Ltd|plc|Authority|Agency|Team|Committee|Cabinet|Panel|Forum|Network)\b|"
                  r"\bby (?:the )?[A-Z][\w&'’-]+")

# (shape, pattern on the question); the first that matches decides
_ASKS = [
    ("frequency", re.compile(r"\bhow often\b|\bhow frequently\b|\bat what interval", re.I)),
    ("duration", re.compile(r"\bhow (?:quickly|long|soon|fast)\b|\bwithin what\b|\bwhat (?:time ?scale|"
                            r"timescale|target time|response time)", re.I)),
    ("percent", re.compile(r"\bwhat (?:percentage|proportion|share|per ?cent|%)|\bhow much of\b|"
                           r"\bwhat (?:\w+ ){0,2}(?:percentage|share)\b", re.I)),
    ("money", re.compile(r"\bhow much\b.*\b(?:money|fund\w*|cash|invest\w*|spend|spent|budget\w*|grants?|"
                         r"pay\w*|paid|worth|cost\w*|raised?|donat\w*|package)\b|\bhow (?:big|large) is\b.*"
                         r"\b(?:fund|package|pot)\b|\bworth\b|"
                         r"\bwhat (?:is|was|were) the (?:\w+ ){0,3}(?:value|sum|budget)\b|"
                         r"\bwhat (?:total |annual |maximum )?(?:value|sum|budget)\b", re.I)),
    ("amount", re.compile(r"\bhow much\b|\bwhat (?:\w+ ){0,2}(?:amount|figure|level|target)\b", re.I)),
    ("count", re.compile(r"\bhow many\b|\bwhat (?:number|total)\b", re.I)),
    ("year", re.compile(r"\b(?:in )?(?:what|which) year\b", re.I)),
    ("date", re.compile(r"^\s*(?:when|by when|until when)\b|\b(?:by|until) when\b|\bwhat date\b|"
                        r"\bby what (?:date|year)\b|\bover what period\b|\bwhat deadline\b|\bwhen\b", re.I)),
    ("org", re.compile(r"^\s*who\b|\bwhich (?:organisation|organization|body|bodies|company|companies|"
                       r"council|board|team|firms?|suppliers|partners?)\b|\bwho (?:runs|manages|will)", re.I)),
    ("yes_no", re.compile(r"^\s*(?:is|are|does|do|did|has|have|had|will|was|were|can|could|should|must)\b",
                          re.I)),
    ("list", re.compile(r"\bwhat (?:\w+ ){0,4}(?:are|were) (?:the|its|their)\b|\b(?:list|name)\b|"
                        r"\b(?:two|three|four|five|six|seven|eight|nine|ten) (?:\w+ )?(?:parts|priorities|"
                        r"objectives|areas|themes|pillars|commitments|actions|elements|steps|points)\b|"
                        r"\bwhat (?:\w+ ){0,3}(?:targets|priorities|objectives|actions|examples|areas|"
                        r"elements|commitments|steps|pledges|measures)\b|\bwhich (?:\w+ ){0,2}(?:areas|"
                        r"actions|priorities)\b", re.I)),
]
# figures a question can demand: when no relevant sentence has one, nothing answers
STRICT = frozenset({"percent", "money", "count", "year", "amount"})


@dataclass(frozen=True)
class Asked:
    shape: str | None  # frequency | duration | percent | money | amount | count | year | date | org | yes_no
    # | list

    @property
    def strict(self) -> bool:
        return self.shape in STRICT


def asked(question: str) -> Asked:
    """The answer shape a question implies (None when it implies none)."""
    for shape, pattern in _ASKS:
        if pattern.search(question):
            return Asked(shape)
    return Asked(None)


_MONEY_SPAN = re.compile(r"[£$€]\s?\d[\d,.]*\s*(?:million|billion|bn\b|m\b|k\b)?", re.I)


def _has_count(text: str) -> bool:
    text = _MONEY_SPAN.sub(" ", text)  # an amount of money is not a count
    for match in _DIGITS.finditer(text):
        raw = match.group(0).strip()
        unit = (match.group(1) or "").strip().lower()
        if raw.startswith(("£", "$", "€")) or unit in ("%", "percent", "per cent"):
            continue
        if _YEAR.fullmatch(raw.rstrip(".,")):
            continue
        return True
    return bool(_WORDNUM.search(text))


def has_shape(shape: str | None, text: str) -> bool:
    """Whether ``text`` holds an answer of the asked shape (True when no shape is asked)."""
    text = normalize(text)
    checks = {
        "percent": lambda: bool(_PERCENT.search(text)),
        "money": lambda: bool(_MONEY.search(text)),
        "count": lambda: _has_count(text),
        "amount": lambda: bool(_DIGITS.search(text) or _WORDNUM.search(text)),
        "year": lambda: bool(_YEAR.search(text)),
        "date": lambda: bool(_DATE.search(text)),
        "duration": lambda: bool(_DURATION.search(text)),
        "frequency": lambda: bool(_FREQUENCY.search(text)),
        "org": lambda: bool(_ORG.search(text)),
    }
    check = checks.get(shape or "")
    return check() if check else True


_TITLE_WORD = re.compile(r"[A-Z0-9][\w'’&-]*")
_SMALL = frozenset("a an and as at by for from in into of on or the to with vs v our your its".split())


def is_heading(line: str, header: str = "") -> bool:
    """A heading, title, caption or cover line: never an answer sentence."""
    text = " ".join(line.strip().lstrip("#").split())
    bare = text.rstrip(".:").strip()
    if not bare:
        return True
    if header and any(bare.lower() == part.strip().rstrip(".:").lower() for part in header.split(" > ")):
        return True
    if text.endswith(("?", "!")) and len(text.split()) <= 12:
        return True  # a question used as a heading ("Need a guide to damp and mould?")
    words = [w for w in re.findall(r"[\w'’&-]+", bare) if w.lower() not in _SMALL]
    if not words or len(bare.split()) > 14 or "|" in bare:
        return False
    titled = sum(bool(_TITLE_WORD.fullmatch(w)) for w in words) / len(words)
    ends_open = not text.endswith((".", ":", ";", ")"))
    return titled >= 0.8 and (ends_open or " – " in bare or " - " in bare) and len(words) >= 2
