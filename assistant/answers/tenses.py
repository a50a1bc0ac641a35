"""Done or to do: the time a question asks about and the time a sentence reports.

"How many homes has Acme retrofitted to date?" asks what was done; "What does Acme aim for by
2030?" what is to be done; "Has Acme met its target?" both, and whether a target was reached
(the sentence saying met, missed or on track decides it). A figure of the other time is near the
answer, not it.
"""

from __future__ import annotations

import re

from assistant.answers.question_types import asked
from ingest.grammar import PROMISE_MADE

# "would" as minutes report a plan ("The contract would deliver ..."), not an estimate or a wish
_FUTURE = re.compile(r"['’]ll\b|"  # "we'll"
                     r"\b(?:will|shall|would(?! (?:mean|like|love|need|equate|amount|result|represent))|going to|"
                     r"aims?|aiming|targets?|targeting|targeted|plans?|planned|"
                     r"planning|intends?|commit(?:s|ted)? to|commitments? for|pledg\w*|promis\w*|expect\w*|"
                     r"ambition\w*|goals?|on track|(?:is|are) (?:also )?set to|by (?:the end of )?20\d\d|"
                     r"(?:is|are) (?:now |currently |also )?(?!being\b)\w+ing)\b", re.I)  # under way: not done yet
_PAST = re.compile(r"(?:\b(?:has|have|had)|['’]ve)(?: \w+){0,2} \w+(?:ed|en|nt|ne|ght)\b|"  # "we’ve taken on"
                   r"(?:\b(?:has|have|had)|['’]ve)\s++(?:already\s++|now\s++|just\s++)?"
                   r"(?:hit|met|beat|won|cut|paid|made|built)\b|"
                   r"\b(?:was|were|did|achieved|"
                   r"delivered|reached|exceeded|met|increased|reduced|decreased|fell|rose|grew|doubled|"
                   r"spent|created|launched|funded|helped|supported|trained|employed|completed|built|planted|"
                   r"recruited|hired|installed|invested|donated|surpassed|outperformed|generated|secured|"
                   r"provided|saved|raised|diverted|awarded|won|opened|hosted|held|engaged|contributed|reported|recorded|"
                   r"sponsored|established|introduced|received|retrofitted|upgraded|so far|to date|already|since|"
                   r"last (?:financial |calendar |academic )?year)\b", re.I)
# "How many homes has Acme built?": a participle, regular or not
_Q_PAST = re.compile(r"^\s*(?:did|has|have|had|was|were)\b|\b(?:has|have|had) (?:\w+ ){0,2}(?:\w+ed|done|built|spent|"
                     r"paid|made|given|taken|won|grown|held|kept|brought|begun|put|cut|sold|run|set up)\b|"
                     r"\b(?:so far|to date|already|achieved|delivered|reached|actually|"
                     r"last (?:financial |calendar |academic )?year|"
                     r"in the past|did|met)\b", re.I)
# what was proposed or announced ("What cut has X proposed for 2030?") is still to do
_Q_FUTURE = re.compile(r"\b(?:will|aims?|aiming|plans?|target\w*|intends?|expect\w*|ambition\w*|goals?|"
                       r"by when|pledg\w*|promis\w*|commit\w*|agree\w* to|still|propos\w*|announc\w*|unveil\w*|"
                       r"set out|outlin\w*)\b", re.I)


def tenses(text: str) -> frozenset[str]:
    """"past" when ``text`` reports something done, "future" when it sets out something to do. Who
    said it is not what was said: "Costain has revealed that by 2023 every solution will ..." sets
    out something to do."""
    said = _WILL_BE_DONE.sub(" will ", PROMISE_MADE.sub(" will ", _AIM_TOLD.sub(" will ", _SAYING.sub(" ", text))))
    found = frozenset(t for t, pattern in (("past", _PAST), ("future", _FUTURE)) if pattern.search(said))
    if not found and (_BY_CELL.search(text) or _IMPERATIVE.match(text)):
        return frozenset({"future"})  # a pledge table's row ("By March 2028"), a target's bullet ("Increase ... to")
    return found


# a bullet that opens with a verb of change is a target: "• Increase the total volunteering hours to 44,000"
_IMPERATIVE = re.compile(r"\W*+(?:increase|reduce|achieve|deliver|create|ensure|maintain|grow|cut|eliminate|"
                         r"eradicate|halve|double|recruit|plant|install|reach|raise|lower|decrease)\s", re.I)
_BY_CELL = re.compile(r"\|\s*+by\s++(?:(?:the\s++)?end\s++of\s++)?(?:[a-z]++\s++)?(?:19|20)\d\d\b[^|]{0,20}+(?:\||$)",
                      re.I)


# a reporting clause ("X has revealed that", "it said"): its verb is the telling, not the deed
_SAYING = re.compile(r"\b(?:has|have|had)\s++(?:also\s++|today\s++)?(?:revealed|announced|said|confirmed|stated|"
                     r"claimed|explained|added|declared)(?:\s++that)?\b|"
                     r"\b(?:it|he|she|they)\s++(?:said|claimed|added|explained)\b", re.I)


# a deed still to do, told in the passive or the future perfect: "emissions will be reduced by 36%",
# "by 2030 we will have planted 500 trees"; or under way: "a body is being established"
_WILL_BE_DONE = re.compile(r"\b(?:(?:will|shall)\s++(?:\w+\s++)?(?:be|have(?:\s++been)?)|(?:is|are)\s++being)"
                           r"\s++\w+(?:ed|en|nt|ght)\b", re.I)


# an aim told in the past ("the Council was looking to increase its spend to 30%"), or a promise
# made ("the business made a commitment to invest £2 million annually"): still to do
_AIM_TOLD = re.compile(r"\b(?:was|were)\s++(?:looking|aiming|planning|hoping|seeking|expecting|intending)\s++to\b|"
                       r"\b(?:made|makes?|gave|given|signed)\s++(?:a|an|the|its|our|their)\s++(?:\w+\s++)?"
                       r"commitment\s++to\b", re.I)


def asked_tenses(question: str) -> frozenset[str]:
    """The tenses a question asks about: "Has X met its target?" -> {"past", "future"}; "How many
    jobs did X say the project would create?" asks what was said would be done -> {"future"}."""
    if _SAID_WOULD.search(question):
        return frozenset({"future"})
    return frozenset(t for t, pattern in (("past", _Q_PAST), ("future", _Q_FUTURE)) if pattern.search(question))


_SAID_WOULD = re.compile(r"\b(?:say|said|claim|claimed|promise|promised|pledge|pledged|expect|expected|predict|"
                         r"predicted|estimate|estimated|forecast|project|projected)\b[^?]{0,60}?\b(?:would|will)\b",
                         re.I)


_DONE_YET = re.compile(r"\s*(?:did|has|have|had|was|were)\b", re.I)


def asks_if_done(question: str) -> bool:
    """"Did X work with 50 schools?": whether something was done; a promise to do it is no answer
    (it is quoted with a notice saying so)."""
    return _DONE_YET.match(question) is not None


def asks_outcome(question: str) -> bool:
    """A yes/no question about whether a target was reached ("Has X hit its target?"): the
    sentence that says met, missed or on track decides it."""
    words = _NAMED.sub(" ", question)  # "Did Kier hold Meet the Buyer events?": a name, no target met
    return (asked(question).shape == "yes_no" and _Q_OUTCOME.search(words) is not None
            and not _Q_WILL.match(question))


_NAMED = re.compile(r"(?<=\s)[A-Z][\w'’-]*+")  # a capitalised word past the first


def asks_if_yet(question: str) -> bool:
    """"Has X hired any apprentices yet, or are they still planned?": whether something has happened
    by now; a sentence saying it was done decides it."""
    return _Q_YET.search(question) is not None


_Q_YET = re.compile(r"^\s*(?:has|have|had|did|is|are|was|were)\b[^?]{0,120}?\b(?:yet|already|actually)\b[^?]{0,80}?"
                    r"\bor\b", re.I)


_Q_WILL = re.compile(r"\s*(?:will|would|shall|can|could)\b", re.I)  # "Will X use offsets to reach ...?" asks a plan


def states_outcome(text: str) -> bool:
    """Says whether a target was reached: achieved, met, exceeded, missed, on track, behind."""
    return _OUTCOME.search(text) is not None


# "met" a target, or a target "was met"; not "the Leader met 10 apprentices"
_MET = (r"met\s++(?:\S++\s++){0,4}?(?:targets?|goals?|commitments?|pledges?|ambitions?|aims?|objectives?|kpis?|"
        r"promises?|obligations?|requirements?|standards?)|(?:been|was|were|is|are)\s++met")
_Q_OUTCOME = re.compile(r"\b(?:hit|met|meet|achieve[ds]?|reach(?:ed)?|deliver(?:ed)?|exceed(?:ed)?|miss(?:ed)?|"
                        r"beat(?:en)?|on track|manag(?:e|ed) to|succeed(?:ed)? in)\b", re.I)
_OUTCOME = re.compile(rf"\b(?:achieved|{_MET}|exceeded|surpassed|reached|hit|missed|beat(?:en|ing)?|on track|"
                      r"ahead of (?:schedule|target)|behind (?:schedule|target)|fell short|"
                      r"close to (?:reaching|hitting|meeting|achieving)|(?:the )?halfway (?:mark|point)|"
                      r"(?:less|lower|fewer|more|higher|greater) than (?:our|the|its|their|this) (?:\w+ )?target|"
                      r"(?:short of|below|above) (?:our|the|its|their|this) (?:\w+ )?target)\b", re.I)


def of_its_time(wanted: frozenset[str], has: frozenset[str], shape: str | None) -> bool:
    """A figure of what is yet to be done does not answer how much was done, nor the reverse;
    the year of a plan is told where the plan is ("aims to ... by 2040"), not by a report's date."""
    if shape == "year" and wanted == {"future"}:
        return "future" in has
    return not (len(wanted) == 1 and len(has) == 1 and wanted != has)


def tense_fit(wanted: frozenset[str], has: frozenset[str]) -> float:
    """A little for reporting what the question asks about: what was done, what is to be done,
    or both (a target and how it went); a little less for only the other one."""
    if not wanted:
        return 0.0
    if not has & wanted:
        return -0.04 if has else 0.0
    return 0.04 * len(has & wanted) / len(wanted)
