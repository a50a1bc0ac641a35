"""Deadlines as suppliers write them: a date ("by March 2027"), a span ("within 12 months"), the
contract's life ("over the contract term"), a stage of the project ("once into production", "as soon
as possible") or a recurrence ("each year", "during school holidays")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.quantities import MONTHS

_YEAR = r"(?:19|20)\d\d(?:[/-]\d\d(?!\d))?"  # "2020/21", "2020-21"
# a quarter ("Q3 2019", "3Q2019") or a financial year ("FY21", "FY2025/26") dates a pledge too
_FY = r"FY\s?(?:20)?\d\d(?:/\d\d)?\b"
_DATE = (rf"(?:(?:the\s+)?(?:end|start|beginning|close|middle) of\s+|(?:the\s+)?year(?:[\s-]end)?\s+|"
         rf"(?:the\s+)?(?:first|second|third|fourth|final|last)\s+quarter\s+of\s+|"
         rf"(?:late|early|mid|end)[\s-]|(?:the\s+)?(?:spring|summer|autumn|winter)(?:\s+of)?\s+)?"
         rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?"
         rf"(?:(?:{MONTHS})(?:\s+|-(?=\d)))?(?:(?:Q[1-4]\s?|[1-4]Q\s?)?{_YEAR}|{_FY})"
         rf"|\d{{1,2}}/\d{{1,2}}/(?:19|20)\d\d\b"  # "by 01/01/2050"
         # "in the 2017/18 academic year", "before the end of the 2025 calendar year"
         rf"|(?:the\s+)?(?:(?:end|start|beginning|close) of\s+the\s+)?(?:19|20)\d\d(?:[/-]\d\d)?\s+"
         rf"(?:academic|financial|school|calendar)\s+year")
SPAN_WORD = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty|thirty|\w+-\w+)"
_SPAN = rf"{SPAN_WORD}\s+(?:months?|years?|weeks?|days?)"
# A thing whose life bounds a pledge: "the contract", "the 25-year lifetime of the wind farm".
_LIFE = r"(?:life|lifetime|lifespan|duration|term|length|course)"
_FEW = r"(?:one|two|three|four|five|six|seven|eight|nine|ten)"
_ORDINAL = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|final|last|\d{1,2}(?:st|nd|rd|th))"
# A deadline counted from the contract: "over the contract term", "over the seven-year term",
# "within the first year", "by the end of the second contract year", "by the end of Year 2",
# "from contract commencement" (no calendar year: due when the contract's dates say).
_TERM = (rf"(?:over|for|during|throughout|across)\s+the\s+(?:(?:full|whole|entire|initial)\s+)?(?:[\w-]+-year\s+)?"
         rf"(?:contract\s+(?:term|period|life)|term)\b(?!\s+of\b)"
         rf"|(?:within|in|during|by the end of|before the end of)\s+(?:the\s+)?{_ORDINAL}\s+(?:contract\s+)?year"
         rf"(?:\s+of\s+the\s+contract)?\b"
         rf"|(?:by\s+the\s+end\s+of\s+|by\s+)(?:contract\s+)?year\s+(?:\d{{1,2}}|{_FEW})\b"
         rf"(?!\s*+(?:%|students|pupils|children|groups|classes))"  # not a school year's pupils
         rf"|(?:in|during|within)\s+(?:contract\s+year\s+(?:\d{{1,2}}|{_FEW})|year\s+(?:\d{{1,2}}|{_FEW})\s+of\s+the\s+"
         rf"contract)\b"
         rf"|in\s+perpetuity\b"
         rf"|from\s+(?:the\s+)?(?:contract\s+(?:commencement|start|award|mobilisation)|commencement|mobilisation"
         rf"|go-live|(?:start|beginning|first day) of the contract|day\s+one\s+of\s+the\s+contract)\b")
_TARGET = r"(?:\s++[\w-]++)?\s++(?:target|goal|ambition|commitment|pledge)s?\b"  # "... (emissions) target"
DEADLINE_PATTERN = (
    rf"\b(?P<by>by|before|prior to|until|no later than|not later than|up to|through to|in|for|during|throughout"
    rf"|(?-i:At)(?=\s+the\s+(?:end|start|beginning|close|middle)\s+of\b))\s+"  # opening a sentence
    rf"(?:(?:approximately|around|about|roughly|circa)\s+)?(?P<date>(?:{_DATE})(?:\s?+(?:to|–|-)\s?+(?:19|20)\d\d\b)?)"
    rf"|\b(?P<range>(?:19|20)\d\d\s?[-–]\s?(?:(?:19|20)\d\d|\d\d))(?![\d/-])"
    rf"|\b(?P<spanning>(?:within|in|over|across|during|throughout)\s+(?:the\s+)?(?:(?:first|next|coming)\s+)?"
    rf"(?:up to\s+)?"
    rf"|for\s+(?:the\s+(?:first|next)|up to|a further|another|(?:each of )?the|more than|at least|a minimum of)\s+)"
    rf"(?P<span>{_SPAN})"
    rf"(?:\s+of\s+(?:the\s+)?(?:contract|award|start|go-live|mobilisation|contract start)[\w\s]{{0,12}})?"
    rf"|\b(?P<life>(?:over|for|during|throughout|in line with)\s+the\s+(?:[\w-]+\s+){{0,3}}?{_LIFE}\s+of\s+the\s+"
    rf"(?:[\w-]+['’]s\s)?"  # "the company's existing and planned wind farms"
    rf"[\w-]+(?:\s[\w-]+){{0,2}}?(?=[\s,.;:)]|$)(?:\s(?:farm|plant|site|development)s?\b)?)"
    rf"|\b(?P<during>(?:during|throughout|following)\s+(?:the\s+)?(?:\w+\s+){{0,2}}"
    rf"(?:contract|works|project|programme|construction|build)\b"
    rf"|(?:for|through|at|in) the construction (?:and \w+ )?(?:phase|period|stages?))"
    rf"|\b(?P<term>{_TERM})"
    # a stage of the project: "once into production", "after the planning permission", "on completion"
    rf"|\b(?P<stage>(?:once|after|upon|on)\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?(?:production|operation|operational|"
    rf"completion|commissioning|planning permission|consent|practical completion)\b"
    # "by the time the project completes", "up to the completion of the scheme"
    rf"|(?:by the time|before)\s+the\s+(?:project|scheme|development|works|building|site)\s+"
    rf"(?:completes|is complete(?:d)?|finishes|opens)\b"
    rf"|(?:by|up to|until)\s+(?:the\s+)?completion\s+of\s+the\s+(?:project|scheme|development|works)\b"
    rf"|as\s+soon\s+as\s+(?:possible|practicable|reasonably\s+practicable)\b"
    # the contract's first weeks: "during mobilisation", "by the end of the mobilisation period"
    rf"|(?:during|by the end of|within|at|before|upon|on)\s+(?:the\s+)?(?:contract\s+)?mobili[sz]ation(?:\s+period)?\b"
    # the contract's end or start, the decade's end: "by the end of the contract", "by contract end",
    # "by the end of the initial term", "before the contract expires"
    rf"|(?:by|at|before|until)\s+the\s+(?:end|start|expiry)\s+of\s+the\s+contract(?:\s+(?:term|period))?\b"
    rf"|(?:by|at|before|until)\s+(?:the\s+)?contract\s+(?:end|expiry)\b"
    rf"|(?:by|at|before|until)\s+the\s+end\s+of\s+the\s+(?:initial\s+|contract\s+)term\b"
    rf"|before\s+the\s+contract\s+(?:ends|expires)\b"
    rf"|(?:by|before)\s+the\s+end\s+of\s+(?:the|this)\s+decade\b"
    # a planning obligation's trigger: "prior to occupation", "before first occupation of the development"
    rf"|(?:prior\s+to|before|upon|on|following)\s+(?:the\s+)?(?:first\s+|initial\s+)?(?:occupation|commencement)\b"
    rf"(?:\s+of\s+(?:the\s+)?development\b)?)"
    rf"|\b(?P<this>(?:this|next) (?:year|financial year|spring|summer|autumn|winter)|later this (?:week|month|year)"
    rf"|(?:over|in|within) the (?:next|coming) (?:few )?(?:weeks|months|years))\b"
    rf"|\b(?P<recur>(?:each|every)\s+year\s+of\s+the\s+(?:[\w-]+\s+){{0,2}}?"
    rf"(?:contract|agreement|framework|programme|project|partnership)(?:\s+(?:term|period|life))?"
    # "each financial year"; "365 days a year": always open, no recurrence
    rf"|(?:each|every|per|(?<!days )a)\s+(?:(?:financial|calendar|academic)\s+)?(?:year|month|quarter|week|annum)"
    rf"|every\s+(?:two|three|four|six|twelve|\d{{1,2}})\s+(?:weeks|months|years)"
    rf"|(?:each|every)\s+(?:summer|winter|spring|autumn|easter|christmas|school)(?:\s+(?:holidays?|term))?"
    rf"|(?:during|in|over)\s+(?:the\s+)?school\s+holidays|(?:on\s+)?(?:each|every)\s+anniversary"
    rf"(?:\s+of\s+(?:the\s+)?[\w-]+)?"
    # "an annual donation" recurs; "the annual contract budget" only measures
    rf"|weekly|fortnightly|bi-?annually|on\s+an\s+ongoing\s+basis"
    rf"|annually|monthly|quarterly|yearly|annual(?! reports?\b| (?:contract )?(?:budget|value|turnover|revenue|"
    rf"income|cost|fee|rent|salar)))\b(?!\s+of\b)"
    # a plan's years; never "between 2019 and 2021", which a report's figures are measured over
    rf"|\bfrom\s+{_YEAR}\s+(?:to|until|till)\s+(?P<to>{_YEAR})\b"
    rf"|\bfrom\s+(?P<from>(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:(?:{MONTHS})(?:\s+|-(?=\d)))?(?:19|20)\d\d(?:/\d\d)?)"
    rf"(?!\s?[-–]\s?\d)"  # not 2024-26
    rf"|\bas\s+close\s+to\s+(?P<close>(?:19|20)\d\d)\s+as\s+possible"
    rf"|\b(?<!the\s)(?P<bare>(?:end|close|middle)\s+of\s+(?:19|20)\d\d|mid[\s-](?:19|20)\d\d)\b(?![/-]\d)")
# Every alternative above opens with one of these characters ("by", "within", "2030", "each" ...): a
# position that opens with none is passed over in one test instead of one per alternative, which
# halves the search. An alternative opening with another character must add it here.
OPENERS = "abcdefilmnopqtuwy12"
DEADLINE = re.compile(rf"(?=[{OPENERS}])(?:{DEADLINE_PATTERN})", re.I)
# a year naming a net zero target ("a 2040 net-zero target"), apart: an alternative slows DEADLINE
_ZERO_YEAR = re.compile(rf"\b(?P<zero>(?:19|20)\d\d),?+(?=\s++(?:net[\s-]zero|carbon[\s-]neutral|zero[\s-]carbon)"
                        rf"{_TARGET})|\bnet[\s-]zero\s++(?P<zeroed>(?:19|20)\d\d)\b(?![/-]\d)(?={_TARGET})", re.I)
# the year a target (or a commitment, a pledge) is set for: "its new net zero target, which includes
# Scope 3 emissions, is 2040", "a target date of 2027", "revised its net zero target for Scope 1 and 2
# emissions to 2045", "brought forward its net zero commitment ... by 10 years to 2040"; not when it was
# set ("a target set in 2021") nor a count ("a target of 2030 homes")
_TARGET_YEAR = re.compile(r"\b(?:target|goal|commitment|pledge)s?+(?:\s++(?:date|year))?+\b[^.;:]{0,60}?"
                          r"\b(?:is|was|of|for|to)\s++(?P<aimed>(?:19|20)\d\d)\b(?![/-]\d|\s*+(?:%|per\b|[a-z]{3,}))"
                          r"|\btarget\s++(?:date|year)\s*+:\s*+(?P<labelled>(?:19|20)\d\d)\b(?![/-]\d)"
                          # "our 2030 targets", "a 2025 carbon goal"
                          r"|\b(?P<ahead>(?:19|20)\d\d)\s++(?!base)(?:[a-z-]++\s++)?(?:target|goal)s?\b", re.I)
_TARGET_WORDS = ("target", "goal", "commitment", "pledge")  # one of which _TARGET_YEAR needs


@dataclass(frozen=True)
class Deadline:
    text: str
    year: int | None  # the latest calendar year it names, for "is it due yet?"
    recurring: bool


# a date that says when a cited text came out or when something starts, not when anything is due
_NOT_DUE = re.compile(r"\b(?:released|published|issued|launched|dated|adopted|updated|revised|introduced|signed|"
                      r"declared|enacted|came into (?:force|effect)|starting|commencing|beginning|starts|begins|"
                      r"began|begun|started|commenced)"
                      r"(?:\s++(?:the|its|our|their|this)\s++[\w-]++)?\s*+$", re.I)  # "launched the fund in 2016"


# a phrase opened by "since" tells when something began ("Since the adoption of the policy in
# September 2024, ..."), until a subject or a modal starts the main clause
_SINCE = re.compile(r"\bsince\b(?:(?!\b(?:we|they|it|our|will|shall)\b)[^,;.])*+$", re.I)
_BASELINE_AFTER = re.compile(r"\s++(?:baseline|base\s++year|base|levels?|figures?)\b", re.I)
# a state that has lasted a span: "who have been unemployed for more than 12 months", "lived in the
# borough for at least 5 years", "firms we have worked with for more than ten years"
_HELD = re.compile(r"\b(?:unemployed|out\s++of\s++(?:work|employment|education)|inactive|homeless|been|lived|living|"
                   r"resident|in\s++care|worked|known|operated|served|traded|existed|partnered|supported|employed)"
                   r"(?:\s++[\w'’-]++){0,4}\s*+$", re.I)
# a goal already met: "we have met our goal of tripling our plastics by 2025 and ..." is due no more
# (a future perfect, "we will have reached 40% by 2026", is still due)
_MET = re.compile(r"(?<!\bwill\s)(?<!\bshall\s)\b(?:have|has|had)\s++(?:already\s++)?"
                  r"(?:met|achieved|reached|hit|exceeded|surpassed|beaten)\b"
                  r"(?:(?!\b(?:and|but|while|whilst)\b)[^.;:])*+$", re.I)
# a date in someone else's plan that the pledge follows: "... in line with the council's ambition
# to be net zero by 2030" (the pledge's own date, if it gives one, wins)
_IN_LINE_WITH = re.compile(r"\b(?:in\s++line\s++with|aligned\s++(?:with|to)|in\s++support\s++of)\b[^.;:()]*+$", re.I)
# what follows a year that dates something done: "in 2022 we developed our target"
_DONE_THEN = re.compile(r",?\s*+(?:we|it|they|the\s++\w++)\s++(?:\w+ed|set|made|won|began|built|took|wrote)\b", re.I)


@lru_cache(maxsize=8192)  # several stages of extraction ask it of the same text
def find_deadline(text: str, near: int | None = None) -> Deadline | None:
    """The pledge's deadline: a date ('by March 2027'), a span ('within 12 months'), the contract's
    life ('for the 25-year lifetime of the wind farm'), or a recurrence ('each year', 'an annual
    fund'). A date due by wins, then a span or life (a schedule's 'per year ... for the life of the
    project' runs for that life), then a year named with 'in'/'for', a plan's years ('2025-2030')
    or a recurrence; among equals the first named wins (in '45% by 2030 and zero by 2050' the
    first pledge's date), or with ``near`` (where the target is) the one nearest it ('by 2027 across
    all levels and by 2030, 40% of our management')."""
    best: tuple[int, int, Deadline] | None = None  # rank, where it is named, the deadline
    for m in DEADLINE.finditer(text):
        if m.group("date") and _NOT_DUE.search(text[max(0, m.start() - 24):m.start()]):
            continue  # "the SBTi standard released in October 2021", "starting in 2021": no due date
        if m.group("date") and m.group("by").lower() in ("in", "during") \
                and _SINCE.search(text, max(0, m.start() - 90), m.start()):
            continue  # "Since the adoption of the policy in September 2024, ...": when it began
        if m.group("date") and m.group("by").lower() in ("in", "at") and _DONE_THEN.match(text, m.end()):
            continue  # "in 2022 we developed our target": when something was done, not when it is due
        if _MET.search(text, max(0, m.start() - 90), m.start()):
            continue  # "we have met our goal of tripling it by 2025": a deadline passed, not one to meet
        if m.group("span") and _HELD.search(text, max(0, m.start() - 40), m.start()):
            continue  # "residents unemployed for more than 12 months": how long a state has held, not when
        if _BASELINE_AFTER.match(text, m.end()):
            continue  # "from the 2018-19 baseline": where a cut is measured from, not when it is due
        rank, found = _candidate(m)
        if _IN_LINE_WITH.search(text, max(0, m.start() - 90), m.start()):
            rank += 3  # "net zero for the contract, in line with the council's ambition to be net zero by 2030"
        at = m.start() if near is None else abs(near - m.end())
        if best is None or (rank, at) < best[:2]:
            best = (rank, at, found)
    lowered = text.lower()
    named = (("zero" in lowered or "neutral" in lowered) and _ZERO_YEAR.search(text)
             or any(word in lowered for word in _TARGET_WORDS) and _TARGET_YEAR.search(text))
    # not "we have already achieved our 2025 target"
    if named and not _MET.search(text, max(0, named.start() - 90), named.start()):
        year_at = named.lastgroup or 0  # the group that holds the year
        at = named.start(year_at) if near is None else abs(near - named.end())
        if best is None or (0, at) < best[:2]:
            best = (0, at, Deadline(year := named.group(year_at), int(year), False))
    # an action plan's row runs on ("Monitor energy use weekly Ongoing": its due column says so)
    if (best is None or best[0] > 2 or best[2].recurring) and text.rstrip().endswith(" Ongoing"):
        return Deadline("Ongoing", None, True)
    return best[2] if best else None


_OF_EACH_REQUEST = re.compile(r"\s++of\s++(?:(?:a|an|the|each|every|their|its)\s++)?(?:invoice|receipt|request|"
                              r"referral|notification|report|complaint|enquiry|application|order|contact|call)s?\b",
                              re.I)


_COUNTED_FROM = re.compile(r"\s++(of\s++(?:the\s++)?(?:contract(?:\s++(?:award|start|commencement|signature))?|award|"
                          r"start|go-live|mobilisation|(?:service\s++)?commencement))\b", re.I)


def year_due(year: str) -> int:
    """A year named as a deadline; a financial or academic year is due when it ends ("2017/18",
    "2017-18": 2018)."""
    return int(year[:4]) + ("/" in year or "-" in year)


def _candidate(m: re.Match) -> tuple[int, Deadline]:
    if m.group("date"):
        phrase = m.group("date")
        years = [year_due(y) for y in re.findall(_YEAR, phrase)] or [
            2000 + int(y) % 100 for y in re.findall(r"FY\s?((?:20)?\d\d)", phrase)]
        by = m.group("by").lower()  # "at the start of FY24" says when, as "in" does, not "by when"
        loose = by == "at" or (by in ("in", "for", "during", "throughout")
                               and not re.search(r"(end|start|beginning|close|middle) of", phrase))
        # "until December 2025" ends a period (kept, not missed, once it has passed: see delivery)
        said = f"{by} {phrase}" if by in ("until", "through to") else phrase
        return (2 if loose else 0), Deadline(said, max(years) if years else None, False)
    if m.group("range"):
        first, last = re.split(r"\s?[-–]\s?", m.group("range"))
        year = int(last) if len(last) == 4 else int(first[:2] + last)
        return 2, Deadline(m.group("range"), year, False)
    if m.group("to"):  # "from 2023 to 2028", "from 2024 to 2027/28": due as "by 2028" is
        last = m.group("to")
        return 0, Deadline(m.group(0), int(last[:4]) + ("/" in last), False)
    if m.group("span"):
        over = m.group("spanning").lower().startswith(("over", "for", "across", "during", "throughout"))
        # "in the next two years" keeps its "next": counted from the day of writing (ingest/dated.py);
        # "within the first 18 months" keeps its "first": counted from the contract's start
        counted = re.search(r"\b(?:next|coming|first)\b", m.group("spanning"), re.I)
        said = m.group("spanning").strip() if over or counted else "within"
        # "pay suppliers within 21 days of invoice throughout the contract term": a time to
        # answer each request, not when the pledge is due; the term (or any date) wins over it
        answering = _OF_EACH_REQUEST.match(m.string, m.end())
        said = f"{said} {m.group('span')}"
        if counted_from := _COUNTED_FROM.match(m.string, m.end("span")):
            said += f" {counted_from.group(1)}"  # part of the deadline: "within six months of contract award"
        return (3 if answering else 1), Deadline(said, None, False)
    if m.group("life") or m.group("during") or m.group("this") or m.group("term"):
        phrase = m.group("life") or m.group("during") or m.group("this") or m.group("term")
        return 1, Deadline(phrase.strip(), None, False)
    if m.group("recur"):
        return 2, Deadline(m.group("recur"), None, True)
    if m.group("stage"):  # when the project reaches a stage: no date, but not open-ended
        return 2, Deadline(m.group("stage").strip(), None, False)
    if m.group("bare"):  # "End of 2025" in a deadline column: due then, as "by the end of 2025" is
        return 2, Deadline(m.group("bare"), int(m.group("bare")[-4:]), False)
    if m.group("close"):  # "as close to 2030 as possible": 2030 is the aim
        return 0, Deadline(m.group(0), int(m.group("close")), False)
    return 4, Deadline("from " + m.group("from"), None, True)
