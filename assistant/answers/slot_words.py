"""The fixed ways a register question says each of its slots: a status ("late", "partly delivered"),
a flag ("no deadline", "vague"), a rating ("requires improvement") and a kind ("service standards",
"KPIs"). Read by intents.py; each pattern is removed from the question once read, so its words are
not also read as a topic."""

from __future__ import annotations

import re

from assistant.vocab import Flag, Kind, Rating, Status

_I = re.I
STATUS_WORDS: list[tuple[re.Pattern, Status]] = [
    (re.compile(r"\b(?:(?:running\s+)?(?:late|behind(?!\s+(?:the|an?|its|their|our|this|these)\b|\s+(?-i:[A-Z])))|overdue|missed|slipp\w*|"
                r"deadlines? (?:(?:that|which) )?(?:has |have )?(?:already )?passed|past (?:its|their|the) deadline|"
                r"(?<=were )broken|(?<=been )broken|(?<=was )broken|broken (?:promises?|commitments?|pledges?))\b",
                _I), "overdue"),
    (re.compile(r"\b(?:partly|partially|part) (?:delivered|done|met|kept)\b", _I), "partly"),
    (re.compile(r"\b(?:not yet due|still to come|upcoming|on track)\b", _I), "promised"),
    (re.compile(r"\b(?:needs? (?:a )?review|conflicting|mismatch\w*|inconsistent|inconsistenc\w*|contradict\w*|"
                r"do(?:es)? ?n[o'’]t (?:add up|match|agree))\b", _I), "needs_review"),
    (re.compile(r"\b(?:no evidence|not (?:yet )?reported|unreported)\b", _I), "no_evidence"),
    (re.compile(r"\b(?:(?:been |were |was |are |fully )?(?:delivered|kept|achieved|fulfilled))\b", _I),
     "delivered"),
]
FLAG_WORDS: list[tuple[re.Pattern, Flag]] = [
    (re.compile(r"\b(?:no|without (?:a|any)?|missing(?: a)?|lack\w* (?:a )?)\s*(?:deadlines?|dates?|"
                r"end dates?|target dates?)\b|\bundated\b|\bopen-ended\b|\bno_deadline\b", _I), "NO_DEADLINE"),
    (re.compile(r"\b(?:no|without (?:a|any)?|missing(?: a)?|lack\w* (?:a )?)\s*(?:numbers?|figures?|"
                r"targets?|quantit\w*|measures?)\b|\bvague\b|\bunmeasurable\b|\bnot measurable\b|"
                r"\bcannot be measured\b", _I), "VAGUE"),
    (re.compile(r"\bnot local\b|\bnon-local\b|\bnot_local\b|\bare not in the (?:area|borough)\b", _I),
     "NOT_LOCAL"),
    (re.compile(r"\bunmapped\b|\b(?:fit|match|map)s? (?:to )?no (?:charter )?outcomes?\b|"
                r"\bno (?:charter )?outcome\b", _I), "UNMAPPED"),
]
RATING_WORDS: list[tuple[re.Pattern, Rating]] = [
    (re.compile(r"\brated inadequate\b|\binadequate\b", _I), "inadequate"),
    (re.compile(r"\brequires? improvement\b", _I), "requires_improvement"),
    (re.compile(r"\bapproaching (?:the )?target\b", _I), "approaching_target"),
    (re.compile(r"\brated good\b|\bgood rating\b", _I), "good"),
]
KIND_WORDS: list[tuple[re.Pattern, Kind]] = [
    (re.compile(r"\bservice standards?\b|\bkpis?\b|\b(?:repair|response) times?\b", _I), "service_standard"),
    (re.compile(r"\bsocial value (?:commitments|promises)\b", _I), "commitment"),
]

# "What has X not delivered yet?", "Which promises haven't been kept?": every status but delivered
NOT_DONE = re.compile(r"(?:\bnot|n['’]t|\bnever|\byet to|\bstill to)\s++(?:(?:yet|been|be|fully|actually)\s++){0,3}"
                      r"(?:deliver(?:ed)?|kept|keep|met|meet|achieved|achieve|done|fulfill?ed|happened)\b|"
                      r"\bundelivered\b", _I)
NOT_DELIVERED: tuple[Status, ...] = ("promised", "no_evidence", "partly", "overdue", "needs_review")
