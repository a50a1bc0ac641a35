"""Numbers, money and percentages as suppliers write them ("£2.5m", "twenty", "30%"); deadlines are in
ingest/deadlines.py."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
          "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
          "eighty": 80, "ninety": 90, "a dozen": 12, "a hundred": 100, "a thousand": 1000}
NUMBER_WORDS = frozenset(word for words in _SMALL for word in words.split() if word != "a")
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "mn": 1e6, "bn": 1e9, "billion": 1e9}
MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
          "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_WORD_NUMBER = "|".join(sorted((re.escape(w) for w in _SMALL), key=len, reverse=True))

# every alternative opens with a currency sign or a word character: other positions are passed over at once
QUANTITY = re.compile(
    rf"(?=[\w£$€])"
    rf"(?:(?P<cur>[£$€]|\bGBP\b)\s?(?P<money>\d[\d,]*(?:\.\d+)?)\s?(?P<mscale>k|m|mn|bn|million|billion|thousand)?\b"
    rf"|(?P<num>\d[\d,]*(?:\.\d+)?)\s?(?P<pct>%|per ?cent\b)"
    rf"|(?P<plain>(?:(?<![\w/.-])|(?<=\bc)|(?<=\bc\.))\d[\d,]*(?:\.\d+)?)(?:\s?(?P<pscale>k|million|billion|thousand)\b)?(?![\w/-]*\d)"
    rf"|\b(?P<word>(?:{_WORD_NUMBER})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)"
    rf"(?:\s(?P<wscale>hundred|thousand|million))?\b(?P<wpct>\s?per ?cent\b)?)",
    re.I)
# Words that make the number after them a name, not an amount: "scope 3", "Phase 2", "Section 106".
_IDENTIFIER_BEFORE = re.compile(
    r"\b(act|section|sections|clause|clauses|article|paragraph|para|page|pages|pp\.?|part|unit|ref|no\.?|number|appendix|annex|"
    r"schedule|level|band|phase|stage|tier|scope|scopes|objective|priority|pillar|goal|sdg|step|item|chapter|"
    r"figure|table|option|lot|zero|years?|grades?|key stages?|levels|stages|phases|commitment|aim|action|"
    r"outcome|theme|principle|recommendation|workstream|euro|top|pledge|iso|bs|type|types)\s*$"
    r"|\b(?:scope|year|key stage|level|stage|phase|grade|page|type)s?\s++(?:\d\d?|one|two|three)"
    r"(?:\s*+(?:,(?:\s*+(?:and|&|or)\b)?+|and|&|\+|or|to)\s*+(?:\d\d?|one|two|three)){0,3}+"
    r"\s*+(?:,(?:\s*+(?:and|&|or)\b)?+|and|&|\+|or|to)\s*+$", re.I)  # "Scope 1, 2(,) and 3", "Years 9 and 10"
# What follows a number that names parts or a temperature rather than an amount: "all 3 Scopes", "1.5°C".
_NOT_AMOUNT_AFTER = re.compile(r"\s?+(?:[º°˚]\s?+C\b|degrees?\b)"
                               r"|(?<!\s)\s++(?:scopes?|phases?|pillars?|priorities|themes?)\b", re.I)
# a house number: "our yard at 7 Wheelwright Row", "Unit 4, 12 High Street" (bounded: linear)
_ADDRESS = re.compile(r"\s(?:[A-Z][a-z]++\s){1,3}(?:Row|Road|Street|Lane|Avenue|Way|Close|Drive|Court|"
                      r"Place|Terrace|Crescent|Gardens|Square|Walk|Parade|Mews|Grove)\b")
# a sum that says which things a promise covers, not what it promises: "every subcontract
# opportunity over £10,000", "on contracts above £100,000" (but "spend over £2m" is the promise)
_THRESHOLD_BEFORE = re.compile(
    r"(?:\b(?:every|all|any|each)\s++(?:[\w-]++\s++){0,4}?|\b(?:contracts?|opportunit(?:y|ies)|packages?|"
    r"orders?|invoices?|tenders?|projects?|purchases?|subcontracts?|profits?|turnover|revenue)\s++)"
    r"(?:over|above|exceeding|under|below|"
    r"(?:worth |valued at |of )?(?:more|less) than)\s*+$", re.I)
_DATE_DAY = re.compile(rf"\s*+(?:(?:st|nd|rd|th)\s*+)?(?:{MONTHS})\b", re.I)  # matched at a position
_AFTER_AGE = re.compile(r"\b(aged|ages|age|year olds?)\s*$", re.I)
_ENDS_WITHIN = 40  # the words an end-anchored pattern above can match ("Scope 1, 2 and 3", "year olds")


def ends_with(pattern: re.Pattern, text: str, end: int, within: int = _ENDS_WITHIN,
              closers: str = ".,&+:") -> bool:
    """Whether ``pattern``, anchored at its end by ``\\s*$`` after a letter or one of ``closers``,
    matches the words just before ``end``. Searched in place, not in a slice (a word cut by the
    window keeps its start: no "section" inside "subsection"), over a short window, and only when
    the last thing before ``end`` could end a match: a long text of numbers stays fast."""
    start = max(0, end - within)
    last = end
    while last > start and text[last - 1].isspace():
        last -= 1
    if last == start or not (text[last - 1].isalpha() or text[last - 1] in closers):
        return False
    return pattern.search(text, start, end) is not None

_UNIT_STOP = {"for", "of", "to", "in", "at", "by", "with", "from", "on", "and", "or", "across",
              "who", "which", "that", "per", "each", "every", "within", "over", "into", "a", "the",
              "will", "we", "our", "is", "are", "be", "as", "than", "more", "its", "through", "throughout",
              "during", "via", "including", "available", "between", "under", "would", "could", "should",
              "can", "may", "might", "must", "shall", "was", "were", "have", "has", *_SMALL}
_WHEN_STOP = {"this", "next", "last"}  # "130 new apprentices this year": the year is when (not "This Girl Can")


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str  # "£", "%", or the noun counted ("apprenticeships")
    start: int
    end: int


def is_year(token: str) -> bool:
    return bool(re.fullmatch(r"(19|20)\d\d", token))


def quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text`` with what it counts; years, dates, ages and ids are not quantities.
    (A sentence is read for them by several stages of extraction: each text is read once.)"""
    return list(_quantities(text))


@lru_cache(maxsize=8192)
def _quantities(text: str) -> tuple[Quantity, ...]:
    found: list[Quantity] = []
    # "10-15 jobs" is read as "10–15 jobs" (the same length: positions hold); "2024-03-15" is no range
    text = _HYPHEN_RANGE.sub("\\1–\\2", text) if "-" in text else text
    # Each number is judged by the words around it (a bounded window), so a long text of
    # numbers costs linear time; where the text's first word starts is found once.
    first = len(text) - len(text.lstrip())
    first_word = len(text) - len(text.lstrip(" •-–("))
    for m in QUANTITY.finditer(text):
        if m.group("money"):
            if ends_with(_THRESHOLD_BEFORE, text, m.start(), within=60):
                continue  # "every opportunity over £10,000": which things, not how much
            value = _number(m.group("money")) * _SCALE.get((m.group("mscale") or "").lower(), 1)
            found.append(Quantity(value, "£" if m.group("cur") in ("£", "GBP") else m.group("cur"), m.start(), m.end()))
        elif m.group("pct"):
            found.append(Quantity(_number(m.group("num")), "%", m.start(), m.end()))
        elif m.group("plain"):
            raw = m.group("plain")
            after, before = text[m.end():m.end() + _WINDOW], text[max(0, m.start() - _WINDOW):m.start()]
            if is_year(raw.rstrip(",")) and not m.group("pscale"):
                continue  # "in 2026" (a year is never written "2,026": "2,000 placements" is a count)
            if (_DATE_DAY.match(text, m.end()) or ends_with(_AFTER_AGE, text, m.start())
                    or re.match(r"\s*(-|–|to)\s*\d", after)
                    or re.search(r"[-–]\s*$", before) and not _upper_of_range(text, m.start(), before, after)
                    or re.match(r"[:.]\d\d\b", after)):
                continue  # "31 March", "aged 16-24", "09:30"; "10-15 jobs" counts its upper figure
            if m.start() <= first and "." in raw and re.match(r"\s+[A-Z]", after):
                continue  # "2.3 Empty Homes": a section number
            if re.search(r"\d[:.]$", before) or re.match(r"[-–][a-z]", after):
                continue  # the minutes of "09:30"; "12-week": an adjective
            if re.search(r"[A-Za-z]\($", before) and after.startswith(")") or re.search(r"[A-Za-z]\[$", before):
                continue  # "value chain(1) emissions", "partners[2]": a footnote mark
            if ends_with(_IDENTIFIER_BEFORE, text, m.start()) or re.match(r"\.\d", after) \
                    or (m.start() <= first_word and "." in raw
                                 and re.match(r"\.?(?:\s+(?:[A-Z]|(?:to|that|the|a|an|shall|will|not)\b)|\s*$)",
                                              after)):
                continue  # "scope 3", "4.1.3", "5.2 to use ...": identifiers and clause numbers
            if _NOT_AMOUNT_AFTER.match(text, m.end()) or _ADDRESS.match(text, m.end()):
                continue  # "3 Scopes", "1.5°C", "7 Wheelwright Row"
            if re.match(r"(?:st|nd|rd|th)\b", text[m.end():m.end() + 3], re.I):
                continue  # "the 50th new apprenticeship", "21st century": which one, not how many
            value = _number(raw) * _SCALE.get((m.group("pscale") or "").lower(), 1)
            found.append(Quantity(value, _noun_after(text, m.end()), m.start(), m.end()))
        else:
            value = word_value(m.group("word")) * {"hundred": 100, "thousand": 1e3, "million": 1e6}.get(
                (m.group("wscale") or "").lower(), 1)
            unit = _noun_after(text, m.end())
            if m.group("word")[:1].isupper() and m.start() > first_word \
                    and re.match(r"\s[A-Z]", text[m.end():m.end() + 2]):
                continue  # "the Nine Elms Vauxhall Partnership": a name, not a count
            if text[m.end():m.end() + 1] in "-–" and text[m.end():m.end() + 2] != "- ":
                continue  # "seven-year cycle": an adjective, not a count
            if re.match(r"\s++more\b", text[m.end():m.end() + 8]):
                continue  # "four more priority areas": how many more, said in passing
            if m.group("wpct"):
                found.append(Quantity(value, "%", m.start(), m.end()))  # "two per cent"
                continue
            if ends_with(_IDENTIFIER_BEFORE, text, m.start()) \
                    or re.match(r"(?:key\s|main\s|core\s)?(scopes?|phases?|pillars?|priorities|themes?|areas|"
                                r"strands|workstreams|objectives|principles)\b", unit, re.I):
                continue  # "Phase Two", "all three scopes", "four key areas": names and counts of parts
            if not unit or m.group("word").lower() == "one" and not m.group("wscale") \
                    and not re.match(r"\s+(new|more|person|\w+s)\b|(?:\s+[\w-]+){0,3}?\s+(?:for|out of|in)\s+every\b",
                                     text[m.end():m.end() + _WINDOW]) \
                    and not re.search(r"\b(?:within|under|inside|at least|minimum of)\s$",
                                      text[max(0, m.start() - 12):m.start()], re.I):
                continue  # "one of our", "one to one": not a count ("within one working day", "at least one",
                # "one apprentice for every 50 workers" are)
            found.append(Quantity(value, unit, m.start(), m.end()))
    found += [Quantity(_TIMES[m.group(1).lower()], "times", m.start(), m.end(1)) for m in _ONCE_TWICE.finditer(text)]
    return tuple(_with_fractions(text, sorted(found, key=lambda q: q.start)))


def _upper_of_range(text: str, start: int, before: str, after: str) -> bool:
    """Whether the number at ``start`` ends a range of counts ("10-15 jobs": the pledge is the upper
    figure), not of ages ("aged 16-24", "16-24 year olds"), years ("2019-20") or labels ("pages 3-5")."""
    low = _RANGE_LOW.search(before)
    if low is None or is_year(low.group(1).rstrip(",")) or _OLDS.match(after):
        return False
    opens = start - len(low.group(0))
    return not (ends_with(_AFTER_AGE, text, opens) or ends_with(_IDENTIFIER_BEFORE, text, opens))


_HYPHEN_RANGE = re.compile(r"(?<![\w/.,-])(\d[\d,]*+)-(\d[\d,]*+)(?![\w/.-])")
_RANGE_LOW = re.compile(r"(?<![\d,.-])(\d[\d,]*+)\s*+[-–]\s*+$")  # not a date's "2024-03-15"
_OLDS = re.compile(r"\s*+(?:year|yr)s?+[\s-]*+olds?\b", re.I)


# how often, said in a word: "at least twice a week", "once per term"
_ONCE_TWICE = re.compile(r"\b(once|twice|thrice)\s++(?:a|per|each|every)\s++"
                         r"(?:day|week|fortnight|month|quarter|term|year|annum)\b", re.I)
_TIMES = {"once": 1, "twice": 2, "thrice": 3}


_WINDOW = 80
# "at least a third of its 7,900 workers": the share is the target, the 7,900 only what it is of
_FRACTION = re.compile(r"\b(?:(a|one|two|three)[\s-]++)?(half|third|quarter|fifth|tenth)s?\s++of\b", re.I)
HALVE = re.compile(r"\bhalv(?:e|es|ed|ing)\b", re.I)  # a cut by half
_PARTS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
_OF_WHOLE = re.compile(r"\s*+(?:(?:its|our|the|their|this|all|a|an)\s++)?$", re.I)


def _with_fractions(text: str, found: list[Quantity]) -> list[Quantity]:
    shares = []
    for m in _FRACTION.finditer(text):
        if not m.group(1) and re.search(r"\bthe\s$", text[max(0, m.start() - 4):m.start()], re.I):
            continue  # "the third of the 25 annual payments" counts, it is no share
        count = {"two": 2, "three": 3}.get((m.group(1) or "").lower(), 1)
        shares.append(Quantity(round(100 * count / _PARTS[m.group(2).lower()], 1), "%", m.start(), m.end()))
    # "halve the number of pollutions", "halving our emissions": a cut by half
    shares += [Quantity(50, "%", m.start(), m.end()) for m in HALVE.finditer(text)]
    # "cut emissions by a quarter", "1 in 4 new starters", "one in every five"
    shares += [Quantity(round(100 / _PARTS[m.group(1).lower()], 1), "%", m.start(), m.end())
               for m in _BY_FRACTION.finditer(text)]
    shares += [Quantity(round(100 / n, 1), "%", m.start(), m.end()) for m in _ONE_IN.finditer(text)
               if (n := int(m.group(1)) if m.group(1).isdigit() else int(word_value(m.group(1)))) > 1]
    if not shares:
        return found
    wholes = [q for q in found for share in shares  # what it is a share of, or the "two" of "two thirds"
              if q.start >= share.end and _OF_WHOLE.fullmatch(text, share.end, q.start)
              or share.start <= q.start < share.end]
    return sorted([q for q in found if q not in wholes] + shares, key=lambda q: q.start)


_BY_FRACTION = re.compile(r"\bby\s++(?:a|one)[\s-]++(third|quarter|fifth|tenth)\b(?!\s++of\b)", re.I)
_ONE_IN = re.compile(r"\b(?:1|one)\s++in\s++(?:every\s++)?(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten)\b"
                     r"(?!\s*+(?:%|per\b|[.,]\d))", re.I)


def _number(raw: str) -> float:
    return float(raw.replace(",", ""))


def word_value(word: str) -> float:
    """A number said in words: "four" -> 4, "twenty-five" -> 25, "a dozen" -> 12."""
    parts = re.split(r"[- ]", word.lower())
    if " ".join(parts[:2]) in _SMALL:
        return _SMALL[" ".join(parts[:2])]
    return sum(_SMALL.get(p, 0) for p in parts)


def _noun_after(text: str, position: int) -> str:
    """The words a number counts: '20 new apprenticeships for' -> 'new apprenticeships', '8 new
    customer service jobs at' -> 'new customer service jobs', '2 Meet the Buyer events' -> 'Meet the
    Buyer events' (a small word inside a name does not end it; a comma does, unless it only parts
    two adjectives: '4,000 direct, sustainable jobs'). Past three words,
    they run to the last plural noun ('24 DIY skills workshops for tenants in ...': not 'DIY skills')."""
    found = re.findall(r"[A-Za-z][\w'’-]*|\d{1,2}\b|[,;:()|–—]", text[position:position + 60])[:6]
    if len(found) > 1 and found[0].lower() == "more" and found[1].lower() not in _UNIT_STOP:
        found = found[1:]  # "1,000 more affordable homes": more of them, not what they are
    if len(found) > 1 and found[0].lower() in ("x", "no", "nr", "nos") and found[1][:1].isalpha() \
            and re.match(r"\s*+(?:x\s|no\.|nr\.?\s|nos\.)", text[position:position + 5], re.I):
        found = found[1:]  # "3 x apprenticeships", "12no. apprenticeships": a bill of quantities' count
    words: list[str] = []
    for i, word in enumerate(found):
        if word == "," and len(words) == 1 and not is_plural(words[0]) \
                and any(is_plural(w) for w in found[i + 1:i + 3]):
            continue  # "4,000 direct, sustainable jobs": adjectives in a row, then what is counted
        inside_name = word.lower() in _IN_NAMES and words and i + 1 < len(found) and (
            words[-1][:1].isupper() and found[i + 1][:1].isupper()  # "Meet the Buyer events"
            # written in lower case: the head noun not reached yet, and near ("meet the buyer events")
            or word.lower() == "the" and not any(map(is_plural, words))
            and any(is_plural(w) for w in found[i + 1:i + 3]))
        grade = word.isdigit() and words and words[-1].lower() in _GRADED  # "Level 3 apprenticeships"
        stop = word.lower() in _UNIT_STOP and not inside_name or word in _WHEN_STOP
        if not (word[0].isalpha() or grade) or stop:
            break
        words.append(word)
    plural = [i for i, w in enumerate(words[:5]) if is_plural(w)]
    if len(words) > 3 and plural:
        return " ".join(words[:plural[-1] + 1])
    return " ".join(words[:3])


_IN_NAMES = {"the", "of", "and", "for", "on", "in"}  # "Meet the Buyer", "Duke of Edinburgh"
_GRADED = {"level", "year", "stage", "grade", "band"}  # a number after these is part of the name


def is_plural(word: str) -> bool:
    """A plural noun as what a figure counts: "jobs", "events"; not "business", "bus", "status"."""
    head = word[:-2]  # letters, then any character but s or u, then s (no regex: linear whatever the word)
    return len(word) >= 3 and word[-1] == "s" and word[-2] not in "su" and head.isascii() and head.isalpha()


def amount_text(quantity: float | None, unit: str | None) -> str:
    """An amount in full, as a person writes it: '£2,000,000', '30%', '20 apprenticeships'; ''
    when there is no figure (the terminal's ``format_amount`` is the short form)."""
    if quantity is None:
        return ""
    number = f"{quantity:,.10g}"
    if unit and unit.startswith("£"):  # a sum, or a rate: "£5,000 per MW"
        return f"£{number}{unit[1:]}"
    return f"{number}%" if unit == "%" else f"{number} {unit or ''}".strip()
