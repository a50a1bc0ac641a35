"""What a question asks for, and whether a sentence has that shape.

"How many apprenticeships ...?" wants a count, "How often ...?" a frequency, "When ...?" a date,
"What percentage ...?" a per cent, "Who ...?" an organisation, "What are the five parts ...?" a
list. The extractive answerer prefers sentences of the asked shape; when a question wants a
figure (a count, an amount, a per cent, a year) and no relevant sentence holds one, nothing in the
passages answers it, so it says "not found" rather than quoting a neighbour.

A figure must also be of the thing asked ("How many local jobs" is not answered by a count of
apprentices: ``figure_of``), name what the question names by number or unit ("Scope 3", "in
tonnes": assistant/answers/labels.py) and be of the time asked (assistant/answers/tenses.py: what was done,
or what is to be done). A question of two parts ("How much ..., and for how long?") asks two shapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.deadlines import find_deadline
from ingest.quantities import HALVE, quantities
from ingest.text import STOPWORDS, content_tokens, normalize, stem, tokens

_WORD_NUMBER = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
                r"thirty|forty|fifty|sixty|hundred|thousand|million|billion|dozen|half|double|"
                r"triple|tripl\w*|quadrupl\w*)")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_MONEY = re.compile(r"[£$€]\s?\d|\b(?:GBP|EUR|USD)\s?\d|\d\s*(?:million|billion|bn|m)\b\s*(?:pounds|euros)?|"
                    r"\bpounds\b", re.I)
# a share given as a figure ("45%", "45 per cent", "forty percent"), not the word "percentage" alone
_PERCENT = re.compile(r"\d\s*(?:%|per ?cent)|\b(?:[a-z]+-)?(?:ten|twenty|thirty|forty|fifty|sixty|seventy|"
                      r"eighty|ninety|hundred|one|two|three|four|five|six|seven|eight|nine|eleven|twelve|"
                      r"fifteen)\s+per ?cent\b", re.I)
# a year, also as a quarter or financial year ("3Q2019", "Q3 2026", "FY21", "FY2025/26")
_YEAR = re.compile(r"\b(?:[1-4]Q)?(?:19|20)\d\d\b|\bFY\s?(?:19|20)?\d\d\b", re.I)
_DATE = re.compile(rf"\b(?:(?:[1-4]Q)?(?:19|20)\d\d|FY\s?(?:19|20)?\d\d\b|{_MONTH}\b|spring|summer|autumn|winter)|"
                   r"\bwithin\b|\b(?:by|until|from|since) (?:the )?(?:end|start|completion)", re.I)
# a date something is to be done by ("by 3Q2019", "before the end of March 2027", "within 12 months")
_BY_DATE = re.compile(rf"\b(?:by|before|until|till|no later than|not later than|in|within|during)\s+"
                      rf"(?:the\s+)?(?:end\s+of\s+|start\s+of\s+|close\s+of\s+)?(?:\w+\s+)?"
                      rf"(?:(?:[1-4]Q)?(?:19|20)\d\d|FY\s?(?:19|20)?\d\d\b|Q[1-4]\b|{_MONTH}\b|\d|"
                      rf"(?:a|one|two|three|four|five|six|twelve)\s+(?:years?|months?|weeks?))", re.I)
_DIGITS = re.compile(r"(?<![\w.])[£$€]?\d[\d,.]*\s*(%|per ?cent|million|billion|bn\b|m\b|k\b)?", re.I)
_WORDNUM = re.compile(rf"\b{_WORD_NUMBER}\b", re.I)
_DURATION = re.compile(rf"(?:\d|\b{_WORD_NUMBER})\s*+(?:-\s*+)?(?:working |calendar |business )?"
                       r"(?:hours?|days?|weeks?|months?|years?|minutes?)\b|\bsame day\b|\bimmediately\b|"
                       r"\bnext day\b", re.I)
_DISTANCE = re.compile(rf"(?:\d|\b{_WORD_NUMBER})\s*+(?:-\s*+)?(?:miles?|mi\b|km\b|kilomet(?:re|er)s?|"
                       r"met(?:re|er)s?|m\b)", re.I)
_FREQUENCY = re.compile(r"\b(?:every|each)\s+(?:\w+\s+)?(?:years?|months?|weeks?|days?|quarters?|terms?|"
                        r"meetings?|time)\b|\b(?:annual(?:ly)?|yearly|monthly|weekly|fortnightly|quarterly|"
                        r"biennial\w*|daily|once|twice|per (?:year|annum|month|week)|a (?:year|month|week))\b",
                        re.I)
_ORG = re.compile(r"\b(?:[A-Z][\w&'’-]+\s+){1,5}(?:Council|Board|Trust|Foundation|Partnership|Group|"
                  r"Limited|Ltd|plc|Authority|Agency|Team|Committee|Cabinet|Panel|Forum|Network)\b|"
                  r"\bby:?\s(?:the )?[A-Z][\w&'’-]+")

# (shape, pattern on the question); the first that matches decides
_ASKS = [
    # "What if the target is missed?": the case, whatever it names ("target" asks no figure here)
    ("condition", re.compile(r"^\s*what if\b", re.I)),
    # "Why were the installations delayed?": the sentence that gives a cause (of something gone
    # wrong: not a purpose, "so that we can act"); "Why does X install sensors?": a cause or a purpose
    ("cause", re.compile(r"^\s*(?:why|how come)\b[^?]{0,80}?\b(?:late|delay\w*|behind|miss\w*|fail\w*|not|"
                         r"\w+n['’]t|short|drop\w*|f[ae]ll\w*|cancel\w*|stop\w*|clos\w*|cut)\b|"
                         r"^\s*what (?:caused|led to)\b", re.I)),
    ("reason", re.compile(r"^\s*(?:why|how come)\b|\bwhat (?:is|was|were|are) the reasons?\b|"
                          r"\bfor what reason\b", re.I)),
    ("change", re.compile(r"^\s*how (?:did|has|have|had|do|does)\b.*\b(?:chang\w*|mov\w*|compar\w*|grow\w*|grew|"
                          r"fall\w*|fell|ris\w*|rose|develop\w*|progress\w*)\b", re.I)),
    # "how far has it got?" asks progress, not a distance; "how far has it cut ...?" by how much
    ("amount", re.compile(r"\bhow far (?:has|have|had|did)\b[^?]{0,60}?\b(?:cut|reduc\w*|lower\w*|decreas\w*|"
                          r"increas\w*|rais\w*|recover\w*|improv\w*|gr[eo]w\w*|f[ae]ll\w*|r[io]s\w*)\b", re.I)),
    ("distance", re.compile(r"\bhow far\b(?!\s+(?:along\b|(?:has|have|had|did)\b[^?]{0,60}?\b"
                            r"(?:got|get|come|gone|progressed)\b))|"
                            r"\b(?:what|which) (?:distance|radius)\b|\bhow (?:many|much) miles\b", re.I)),
    ("frequency", re.compile(r"\bhow often\b|\bhow frequently\b|\bat what interval", re.I)),
    ("duration", re.compile(r"\bhow (?:quickly|long|soon|fast)\b|\bwithin what\b|\bover what period\b|"
                            r"^\s*what\b.*\b(?:time ?scales?|target times?|response times?)\b|"
                            r"\bwhat (?:time ?scale|"
                            r"timescale|target time|response time)", re.I)),
    # "how much of the money is for skills?": a sum or a share of it
    ("amount", re.compile(r"\bhow much of\b", re.I)),
    ("percent", re.compile(r"\bwhat (?:percentage|proportion|share|per ?cent|%)|"
                           r"\bwhat (?:\w+ ){0,2}(?:percentage|share)\b|"
                           # a rate of people or things, not of pay: "what interest rate ...?"
                           r"\bwhat (?:\w+ ){0,3}(?:interest|recycling|retention|satisfaction|completion|diversion|"
                           r"response|success|take-?up|uptake|occupancy|turnover|attrition) rate\b", re.I)),
    ("money", re.compile(r"\bin (?:pounds|sterling|£|gbp)\b|"
                         r"\bhow much\b.*\b(?:money|fund\w*|cash|invest\w*|spend|spent|budget\w*|grants?|"
                         r"pay\w*|paid|worth|cost\w*|raised?|donat\w*|package)\b|\bhow much social value\b|"
                         r"\bhow (?:big|large) is\b.*"
                         r"\b(?:fund|package|pot)\b|\bworth\b|"
                         r"\bwhat (?:is|was|were) the (?:\w+ ){0,3}(?:value|sum|budget)\b|"
                         r"\bwhat (?:total |annual |maximum )?(?:value|sum|budget)\b|"
                         r"\bwhat (?:\w+ ){0,2}(?:turnover|revenue|income|profits?)\b|"
                         # "What transport money did the developers agree to provide?": sums
                         r"\bwhat (?:\w+ ){0,2}(?:money|funding|cash)\b|"
                         # "What fine does the council charge a developer that falls short?": a sum
                         r"\bwhat (?:\w+ ){0,2}(?:fines?|penalt(?:y|ies)|fees?|compensation|levy|"
                         r"financial contributions?)\b|"
                         # "What will Greenway spend with local businesses?": a sum
                         r"^\s*what (?:will|did|does|do|has|have|is|are) [^?]{0,40}?\b(?:spend|invest|donate)\b",
                         re.I)),
    ("amount", re.compile(r"\bhow much\b|\bwhat (?:\w+ )?(?:cut|reduction|increase|rise|fall|drop)\b|"
                          r"\bin (?:what )?(?:tonnes|tons|kwh|mwh|gwh|litres|hectares|miles)\b|"
                          r"\bwhat (?:\w+ ){0,2}(?:amount|figure|level|target)\b", re.I)),
    # "how many of its sites ...?" and "how many tenants are happy with repairs?": a count or a share of them
    ("amount", re.compile(r"\bhow many of (?:the|its|their|our|\w+['’]s?)\s|"
                          # "how many apprentices are women?": a count or a share of them
                          r"^\s*how many \w+ (?:are|were|will be) (?!(?:there|\w+ed|\w+wn|taken|given|chosen|"
                          r"written|seen|done|built|made|paid|spent|held|set|run|kept|met)\b)\w", re.I)),
    ("amount", re.compile(r"\bhow many (?:of (?:its|their|the|our) )?(?:\w+ )?(?:tenants|residents|customers|"
                          r"households|pupils|parents|patients|users|staff|employees|people)\b[^?]{0,60}?\b"
                          r"(?:satisf\w*|happy|content|pleased|recommend\w*|agree\w*|feel\w*)\b", re.I)),
    ("count", re.compile(r"\bhow many\b|\bwhat (?:number|total)\b", re.I)),
    ("year", re.compile(r"\b(?:in )?(?:what|which) year\b|"
                        r"^\s*what (?:is|was|were|are) [^?]{0,40}?\b(?:baseline|base|start(?:ing)?|reporting) year\b",
                        re.I)),
    ("deadline", re.compile(r"^\s*(?:by|until) when\b|\b(?:by|until) when\b|\bby what (?:date|year)\b|"
                            r"\bwhat deadline\b", re.I)),
    # "when" asks for a date where it opens the question or a clause of it ("..., when will it be
    # fixed?"), not where it joins one ("What did X pledge when its application was accepted?")
    ("date", re.compile(r"^\s*(?:when|by when|until when)\b|\b(?:by|until|from|since) when\b|\bwhat date\b|"
                        r"\bwhat (?:is|was|were|are) the (?:last|final|closing|opening|start) (?:day|date)s?\b|"
                        r"\bby what (?:date|year)\b|\bwhat deadline\b|(?:^|[,;]\s*|\band\s+)when\b|"
                        r"\bwhen\s*\?", re.I)),
    ("org", re.compile(r"^\s*who\b|\bwhich (?:organisation|organization|body|bodies|company|companies|"
                       r"council|board|team|firms?|suppliers|partners?)\b|\bwho (?:runs|manages|will)", re.I)),
    ("yes_no", re.compile(r"^\s*(?:is|are|does|do|did|has|have|had|will|was|were|can|could|should|must)\b",
                          re.I)),
    # "What happens if I fall behind with my rent?": the sentence that sets out that case ("If you ...")
    ("condition", re.compile(r"^\s*what\b[^?]{0,80}?\b(?:happens?|happened|happen|applies|apply|do)\b"
                             r"[^?]{0,60}?\b(?:if(?! anything\b)|unless|in the event)\b", re.I)),
    ("list", re.compile(r"\bwhat (?:\w+ ){0,4}(?:are|were) (?:the|its|their)\b|\b(?:list|name)\b|"
                        r"\b(?:two|three|four|five|six|seven|eight|nine|ten) (?:\w+ )?(?:parts|priorities|"
                        r"objectives|areas|themes|pillars|commitments|actions|elements|steps|points)\b|"
                        r"\bwhat (?:[\w'’/-]+ ){0,5}(?:targets|priorities|objectives|actions|examples|areas|"
                        r"elements|commitments|steps|pledges|measures|highlights|achievements|initiatives|"
                        r"benefits)\b|\bwhich (?:\w+ ){0,2}(?:areas|actions|priorities)\b|"
                        r"^\s*which (?:\w+ )?\w{3,}[^s\W]s\b|"
                        # "What improvements is the council making?": things, in the plural, are many
                        r"^\s*what (?:[\w-]+ ){0,3}?\w{3,}[^su\W]s (?:is|are|was|were|will|does|do|did|has|have)\b|"
                        r"\bwhat (?:kinds?|types?|sorts?) of\b|"
                        r"^\s*what (?:does|did|do|will|has|have) [^?]{0,80}?\b(?:pledge|promise|commit)(?:d|s)?\b",
                        re.I)),
]
# figures a question can demand: when no relevant sentence has one, nothing answers
STRICT = frozenset({"percent", "money", "count", "year", "amount", "duration", "frequency", "distance"})


@dataclass(frozen=True)
class Asked:
    shape: str | None  # change | distance | frequency | duration | percent | money | amount | count | year | deadline
    # | date | org | yes_no | condition | list
    also: tuple[str, ...] = ()  # what a second part asks ("How much ..., and for how long?")

    @property
    def strict(self) -> bool:
        return self.shape in STRICT

    @property
    def timed(self) -> bool:
        """A time is asked for ("When ...?", "By when ...?")."""
        return self.shape in ("date", "deadline")

    def fits(self, text: str) -> bool:
        """Whether ``text`` holds an answer of a shape the question asks for."""
        return any(has_shape(s, text) for s in (self.shape, *self.also))

    def fits_all(self, text: str) -> bool:
        """Whether ``text`` answers every part the question asks."""
        return all(has_shape(s, text) for s in (self.shape, *self.also))


_PARTS = re.compile(r",? and (?=(?:how|what|who|when|which|where|by when|for how)\b)", re.I)


def _shape_of(text: str) -> str | None:
    return next((shape for shape, pattern in _ASKS if pattern.search(text)), None)


# "Apart from the homes, what improvements ...?": what the question sets aside is not what it asks about
ASIDE = re.compile(r"\s*+(?:apart from|besides|other than|aside from)\s++([^,?]{1,60}),\s*+", re.I)


def asked(question: str) -> Asked:
    """The answer shape a question implies (None when it implies none); a question of two parts
    asks the first part's shape and also the second's; what it sets aside first is no part."""
    if aside := ASIDE.match(question):
        question = question[aside.end():]
    first, *rest = _PARTS.split(question)
    shape = _shape_of(first) if rest else None
    shape = shape or _shape_of(question)
    also = tuple(dict.fromkeys(s for s in map(_shape_of, rest) if s and s != shape))
    return Asked(shape, also)


# "from 28% to 35%", "from a baseline of 12 to 20" (not "from addressing social mobility to supporting ...")
_CHANGE = re.compile(r"\bfrom\s++(?:[\w-]++\s++){0,3}[£$€]?\d[^.;]{0,40}\bto\s++[£$€]?\d|"
                     r"\b(?:doubl|tripl|quadrupl|increas|decreas|reduc|improv|"
                     r"declin)\w*|\b(?:rose|risen|fell|fallen|grew|grown|dropped|compared|exceed\w*|"
                     r"higher|lower|more than|less than|up|down)\b", re.I)
_MONEY_SPAN = re.compile(r"[£$€]\s?\d[\d,.]*\s*(?:million|billion|bn\b|m\b|k\b)?", re.I)


def timed(text: str) -> bool:
    """Whether ``text`` says when at all: a year, a month, a season, a span, a deadline, or a
    project's stage ("Once into production, WCM will launch the fund")."""
    return bool(_DATE.search(text) or _BY_DATE.search(text) or find_deadline(text) or _STAGE.search(text))


# when a project reaches a stage: "once into production", "on completion of the works", "when the
# wind farm starts operating", "after planning permission is granted"
_STAGE = re.compile(r"\b(?:once|when|as soon as|after|before|upon|on|following)\s++(?:[\w’'-]++\s++){0,4}?"
                    r"(?:production|operation(?:al)?|operating|construction|completion|completed|commissioning|"
                    r"commissioned|opens|opening|permission|consent|consented|awarded|approval|approved)\b", re.I)


def _has_money(text: str) -> bool:
    """A sum of money, not only a threshold ("all contracts above £100,000" says which, not how much)."""
    if not _MONEY.search(text):
        return False
    return not re.search(r"[£$€]\s?\d", text) or any(q.unit in ("£", "$", "€") for q in quantities(text))


def vague_sum(text: str) -> bool:
    """A sum given only roughly ("hundreds of thousands of pounds", "a multi-million pound boost"):
    it says about how much, not how much."""
    return bool(_VAGUE_SUM.search(text)) and not exact_sum(text)


def exact_sum(text: str) -> bool:
    """A sum given in figures ("£351,000", "6.4 million")."""
    return bool(_PRECISE_SUM.search(text))


_VAGUE_SUM = re.compile(r"\b(?:hundreds|thousands|millions|billions) of (?:\w+ of )?pounds\b|\bmulti-?million\b", re.I)
_PRECISE_SUM = re.compile(r"[£$€]\s?\d|\d\s*(?:million|billion|bn|m)\b", re.I)


def _has_count(text: str) -> bool:
    text = _MONEY_SPAN.sub(" ", text)  # an amount of money is not a count
    numbered = _ENUMERATOR.match(text)  # "2. Aim: reduce vehicle emissions": an item's number counts nothing
    for match in _DIGITS.finditer(text, numbered.end() if numbered else 0):
        raw = match.group(0).strip()
        unit = (match.group(1) or "").strip().lower()
        if raw.startswith(("£", "$", "€")) or unit in ("%", "percent", "per cent"):
            continue
        if _YEAR.fullmatch(raw.rstrip(".,")) or _ORDINAL.match(text, match.start()):
            continue  # a year, or which one ("the 21st Century Schools programme"): not how many
        if _a_span(text, match.start(), match.end()):
            continue  # "for the following 12 months": a span of time, not a count
        if _LABEL_BEFORE.search(text, max(0, match.start() - 40), match.start()) or text.startswith("°", match.end()):
            continue  # "scopes 1, 2 and 3", "Phase 2", "1.5°C": names and measures, not counts
        return True
    # "to extend for another five years" counts nothing
    return any(not _a_span(text, m.start(), m.end()) for m in _WORDNUM.finditer(text))


_ORDINAL = re.compile(r"[\d,.]*\d(?:st|nd|rd|th)\b", re.I)
_ENUMERATOR = re.compile(r"\s*+(?:[•▪◦‣*–-]\s*+)?\(?\d{1,2}[.)](?=\s)")


def _a_span(text: str, start: int, end: int) -> bool:
    """Whether the number at ``start:end`` is a span of time ("for the next 12 months")."""
    return bool(_SPAN_BEFORE.search(text, max(0, start - 28), start) and _SPAN_UNIT.match(text, end))


# "for the next 12 months", "for more than 150 years"
_SPAN_BEFORE = re.compile(r"\b(?:following|next|last|past|previous|first|coming|within|over|for|another|further)"
                          r"\s++(?:(?:the|another|a\s++further)\s++)?"
                          r"(?:(?:more\s++than|over|almost|nearly|around|about|up\s++to|at\s++least)\s++)?$", re.I)
# "scopes 1, 2 and 3", "Phase 2", "levels 2 to 4", "from level 2 up to 6/7"
_LABEL_BEFORE = re.compile(r"\b(?:scopes?|phases?|levels?|stages?|tiers?|sections?|clauses?|steps?|goals?)\s++"
                           r"(?:\d[\d.]*+\s*+(?:,|and|&|or|to|up\s++to|[–/-])\s*+){0,4}$", re.I)
_SPAN_UNIT = re.compile(r"\s*+(?:months?|years?|weeks?|days?)\b", re.I)


def has_shape(shape: str | None, text: str) -> bool:
    """Whether ``text`` holds an answer of the asked shape (True when no shape is asked)."""
    text = normalize(text)
    checks = {
        "percent": lambda: bool(_PERCENT.search(text)),
        "money": lambda: _has_money(text),
        "count": lambda: _has_count(text),
        "amount": lambda: bool(_PERCENT.search(text) or _MONEY.search(text) or _has_count(text)),
        "change": lambda: bool(_CHANGE.search(text)),
        "year": lambda: bool(_YEAR.search(text)),
        "date": lambda: bool(_DATE.search(text)),
        "deadline": lambda: bool(_BY_DATE.search(text)),
        "duration": lambda: bool(_DURATION.search(text)),
        "frequency": lambda: bool(_FREQUENCY.search(text)),
        "distance": lambda: bool(_DISTANCE.search(text)),
        "org": lambda: bool(_ORG.search(text)),
        "condition": lambda: bool(_CONDITION.search(text)),
        "cause": lambda: bool(_CAUSE.search(text)),
        "reason": lambda: bool(_CAUSE.search(text) or _PURPOSE.search(text)),
    }
    check = checks.get(shape or "")
    return check() if check else True


_CONDITION = re.compile(r"\b(?:if|unless|in the event)\b", re.I)
_PURPOSE = re.compile(r"\b(?:so that|in order to|so as to|with the aim of|aims? to|to help)\b", re.I)
_CAUSE = re.compile(r"\b(?:because|due to|owing to|thanks to|as a (?:result|consequence)|result(?:ed|s|ing)? from|"
                     r"(?:caused|delayed|held up|slowed|affected|hampered|driven|prompted) by|the reasons?|"
                     r"reasons? (?:for|why)|in response to)\b", re.I)
_NUMBERS = {w: n for n, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split(), 1)}
NUMBER_WORDS = frozenset(_NUMBERS)
_HOW_MANY_NAMED = re.compile(r"\b(\d{1,2}|" + "|".join(_NUMBERS) + r")\s+(?:\w+\s+)?\w+s\b", re.I)


def items_asked(question: str) -> int | None:
    """How many things a question asks for by number ("the four priorities" -> 4), else None."""
    match = _HOW_MANY_NAMED.search(question)
    if not match:
        return None
    word = match.group(1).lower()
    return int(word) if word.isdigit() else _NUMBERS[word]


_STOP = r"(?:does|do|did|has|have|had|will|would|is|are|was|were|can|could|should|must|goes|go|went|on|in|at|" \
        r"for|from|with|by|under|across|to|of)\b"
_COUNTED = re.compile(r"\bhow many\s+((?:[\w'’-]+\s+){1,4}?)" + _STOP, re.I)
_SHARE_OF = re.compile(r"\bwhat (?:percentage|proportion|share|per ?cent|(?:\w+ )?(?:cut|reduction|increase|"
                       r"rise|fall|drop) in) (?:of\s+)?(?:the |its |their |our )?"
                       r"((?:[\w'’-]+\s+){1,4}?)" + _STOP, re.I)
def figure_of(question: str) -> str | None:
    """What a figure counts or divides, as a stem: "How many local jobs will ...?" -> "job"; the
    answer must count that, not some other number near the question's words."""
    match = _COUNTED.search(question) or _SHARE_OF.search(question)
    if not match:
        return None
    counted = _RATE.sub(" ", match.group(1))  # "how many volunteering hours a year": hours
    words = [t for t in tokens(counted) if t not in STOPWORDS]
    while len(words) > 1 and (_AFTER_NOUN.fullmatch(words[-1])
                              or _DOING.fullmatch(words[-1]) and _PLURAL.search(words[-2])):
        words.pop()  # "the rent owed", "the waste recycled", "staff working for ...": what is counted is the noun
    return stem(words[-1]) if words else None


# participles that follow the noun they describe ("the rent owed", "the money spent")
_DOING = re.compile(r"[a-z]{3,}ing")  # "staff working for ...", "people living in ..." (not "affordable housing")
_PLURAL = re.compile(r"(?:[^s]s|staff|people|children)$")
# or a verb in the past that does ("how many local jobs came with ...")
_AFTER_NOUN = re.compile(r"[a-z]+ed|spent|paid|held|built|given|taken|made|sold|kept|won|raised|grown|"
                         r"came|went|got|took|gave|grew|rose|fell|began|ran|saw|brought", re.I)


def counts(counted: str | None, terms: set[str]) -> bool:
    """Does a passage with these (stemmed) terms count what the question counts? A word of the same
    thing will do: homes are housing, jobs are roles, firms are businesses."""
    if counted is None:
        return True
    return bool(next((group for group in _SAME_THING if counted in group), {counted}) & terms)


_RATE = re.compile(r"\b(?:a|per|each|every)\s+(?:year|annum|month|week|day)\b", re.I)
_YEARLY = re.compile(r"\b(?:a|per|each|every)\s++(?:financial\s++|calendar\s++)?(?:year|annum)\b"
                     r"(?!\s++(?:early|earlier|ago|late|later|ahead)\b)|\bannually\b|\byearly\b|\bp\.a\.", re.I)


def per_year(text: str) -> bool:
    """Whether the text gives (or asks for) a figure for each year: "worth each year", "£6m per annum"."""
    return _YEARLY.search(text) is not None


_SAME_THING = [set(group.split()) for group in (
    "home hous house dwelling property properties", "job jobs role post position employment vacancy vacancies",
    "staff employee people worker colleague workforce", "business firm company companies sme smes enterprise",
    "vehicle van vans bus buse fleet car lorry lorries", "apprentice apprenticeship trainee",
    "pupil student young school", "resident tenant customer household", "spend spent expenditure",
    "meal dinner lunch breakfast", "check assessment audit inspection", "priz prize award")]


def implied_figures(question: str) -> set[str]:
    """Figures a question says in words: "halve its footprint" asks about a 50% cut."""
    return {"50%"} if HALVE.search(question) else set()


def alternatives(question: str) -> frozenset[str]:
    """The two figures a question offers to choose between ("a 75% cut or a 42% cut by 2030?" ->
    75%, 42%): the last before its "or" and the first after it; else none."""
    split = re.search(r"\bor\b", question, re.I)
    if not split:
        return frozenset()
    before, after = ([t for t in content_tokens(part) if any(ch.isdigit() for ch in t)]
                     for part in (question[:split.start()], question[split.end():]))
    return frozenset({before[-1], after[0]}) if before and after else frozenset()
