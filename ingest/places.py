"""Where a sentence is about: UK authorities, towns and regions from a shipped gazetteer, plus any
extra names (a charter's areas).

A place inside an organisation's name ("Barnsley Council will ...", "Yorkshire Housing's
strategy") names who promises, not where the benefit goes: ``places_for`` leaves it out, so a
council's pledge about its own emissions is not filed under its town.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources

# Words that, right after a place name, make it part of an organisation's name or description.
# A second place may share the name ("Leicestershire and Rutland Community Foundation"). A college
# is not here: its students are where it is ("placements for students at Harrowden College").
_ORGANISATION_AFTER = re.compile(
    r"\s?+(?:and\s++[A-Z][a-z]++\s++)?(?:[A-Z][a-z]++\s++){0,2}?"
    r"(?:Council|Authority|Housing|Water|Group|plc|Ltd|Limited|Government|Foundation|Office|Living Wage|"
    r"Fund|Trust|Agency|Board|Association)\b"
    # "the UK's largest housebuilder": a rank among the place's firms, not a benefit there
    r"|['’]s\s++(?:largest|biggest|leading|first|top|main|only|most|best|second|third)\b")

# A brand right before a country makes it a body's name: "EMCOR UK's path to net zero", "Amey UK
# will", "Homes England delivery targets", "NHS Wales" (not "North East England", "Great Britain")
_BRAND_BEFORE = re.compile(r"(?<![\w.])(?!(?:The|In|Across|For|Of|And|Our|To|By|All|Rural|Urban|North|South|East|"
                           r"West|Northern|Southern|Eastern|Western|Central|Mid|Greater|Great|Little|New|Old|Royal)\s)"
                           r"[A-Z][\w&'’-]*+\s$")
_COUNTRIES = frozenset({"UK", "United Kingdom", "Britain", "England", "Wales", "Scotland"})

# A job title names where its holder works, not where a benefit goes: "Keepmoat's area director for
# the North West said", "the Cabinet Member for Salford"
_ROLE_BEFORE = re.compile(r"\b(?:director|manager|officer|head|lead|chief|executive|chair(?:man|woman)?|member|"
                          r"minister|secretary|spokes(?:person|man|woman)|mp|msp|ms|mayor)\s++(?:for|of)\s++"
                          r"(?:the\s++)?$", re.I)

# Words that, right after a place name, make it part of a longer one: "Castleford Green" (an estate
# or ward) is not the town of Castleford, "Leeds Road" not Leeds.
_LONGER_NAME = re.compile(
    r"\s(?:Green|Park|Vale|Road|Street|Lane|Hill|Estate|Way|Close|Avenue|Square|Bridge|Common|Gardens|"
    r"Heath|Cross|Fields|Court|Place|Terrace|Wharf|Quay|Village|Moor|Marsh|Wood|Dock|Grange|Rise)\b")

# "the borough", "our district", "this whole area": the document's own area, named by reference;
# not its council ("the county council's emissions") nor a round figure ("in the region of £4m").
AREA_WORDS = re.compile(
    r"\b(?:the|our|this)\s(?:(?:entire|whole|wider)\s)?"
    r"(?:borough|district|city region|city|county|region|local area|area|town)\b"
    r"(?!\s++(?:council\b|of\s++(?:about\s++|around\s++|some\s++)?[£$€\d]))", re.I)


def names_own_area(place: str) -> bool:
    """Whether a place is only a reference to the document's own area ("the borough")."""
    return bool(AREA_WORDS.fullmatch(place.strip()))


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """Place name -> kind (authority, town, region), from ingest/data/uk_places.txt."""
    text = resources.files("ingest").joinpath("data/uk_places.txt").read_text(encoding="utf-8")
    places: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, kind, *_ = (line.split("|") + ["", ""])[:3]
            places[name.strip()] = kind.strip()
    return places


@lru_cache(maxsize=64)
def _patterns(extra: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """Where a name can begin (a first letter of a name, not inside a word), and one alternation of
    every name, longest first, tried only there: trying the whole alternation at every position of
    a sentence took four times as long. Compiled once per set of extra names: each document's
    ingest makes a finder for its areas."""
    ordered = sorted(set(gazetteer()) | extra, key=len, reverse=True)
    if not ordered:
        return None
    starts = "".join(sorted({re.escape(n[0]) for n in ordered}))
    return (re.compile(r"(?<![\w-])[" + starts + "]"),
            re.compile(r"(" + "|".join(re.escape(n) for n in ordered) + r")(?![\w-])"))


class PlaceFinder:
    """Finds place names in text: capitalised, whole words, longest name first."""

    def __init__(self, extra: Iterable[str] = ()) -> None:
        self._patterns = _patterns(frozenset(e.strip() for e in extra if e.strip()))

    def _matches(self, text: str) -> Iterator[re.Match[str]]:
        """Each name in the text, left to right, as one scan with the whole pattern would find them."""
        if self._patterns is None:
            return
        start, names = self._patterns
        position = 0
        while begin := start.search(text, position):
            found = names.match(text, begin.start())
            if found:
                yield found
            position = found.end() if found else begin.start() + 1

    def find(self, text: str) -> list[str]:
        return list(dict.fromkeys(m.group(1) for m in self._matches(text) if not _LONGER_NAME.match(text, m.end())))

    def places_for(self, text: str) -> list[str]:
        """The places a benefit is for: as ``find``, without places that only begin an
        organisation's name ("Barnsley Council", "Leeds City Council", "Yorkshire Housing")."""
        return list(dict.fromkeys(m.group(1) for m in self._matches(text)
                                  if not _ORGANISATION_AFTER.match(text, m.end())
                                  and not _LONGER_NAME.match(text, m.end())
                                  and not (m.group(1) in _COUNTRIES
                                           and _BRAND_BEFORE.search(text, max(0, m.start() - 30), m.start()))
                                  and not _ROLE_BEFORE.search(text, max(0, m.start() - 40), m.start())))
