"""Which of a report sentence's figures measures a promise. A report sentence often gives several
of one kind: "emissions fell by 23% between 2016 and 2017, and by 58% since 2010, smashing our
2020 target of a 50% reduction". The target it restates is not what was done, and a promise
measured against a baseline year ("a 50% cut against a 2010 baseline") is measured by the figure
given since that year."""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.quantities import Quantity, quantities

# the words that introduce a restated target ("our 2020 target of a 50% reduction", "a goal to
# build a minimum of 1,000 affordable homes", "aimed to deliver over 1000 homes")
_TARGET_BEFORE = re.compile(r"\b(?:(?:target|goal|aim|ambition|commitment|pledge)s?|aimed|planned|promised|pledged|"
                            r"committed)\b(?:\s++(?:of|to|for|was|is|a|an|the|be|"
                            r"at|least|minimum|maximum|around|about|over|more|than|up|build|deliver|create|reach|"
                            r"achieve|reduce|cut|train|recruit|employ|spend|plant|support|help|invest|raise)){0,6}"
                            r"\s*+$", re.I)
# the baseline year a promise is measured from: "against a 2010 baseline", "compared with 2012"
_BASE_YEAR = re.compile(r"\b(?:since|from|against|compared (?:with|to)|relative to|versus|vs\.?)\s++(?:a\s++|the\s++|"
                        r"our\s++)?((?:19|20)\d\d)\b|\b((?:19|20)\d\d)\s++(?:baseline|base year|levels?)\b", re.I)
_SINCE = re.compile(r"\W*+(?:\w+\s++){0,3}?(?:since|from|compared (?:with|to)|against|relative to|on)\s++"
                    r"(?:a\s++|the\s++|our\s++)?((?:19|20)\d\d)\b", re.I)


@lru_cache(maxsize=4096)
def figures(sentence: str) -> tuple[Quantity, ...]:
    """The sentence's quantities, read once however many promises it is weighed against."""
    return tuple(quantities(sentence))


def _a_target(sentence: str, q: Quantity, within: int) -> bool:
    """Whether the words just before ``q`` (up to ``within`` characters) introduce it as a target."""
    return _TARGET_BEFORE.search(sentence[max(0, q.start - within):q.start]) is not None


def restates_target(sentence: str, quantity: float | None) -> bool:
    """Whether the claim's one figure is a target it restates ("In 2019 we adopted a strategy with
    a goal to build a minimum of 1,000 affordable homes by March 2024"): no delivery."""
    found = [q for q in figures(sentence) if q.value == quantity]
    return bool(found) and all(_a_target(sentence, q, 60) for q in found)


def measured(promise: str, sentence: str, same: list[Quantity]) -> Quantity | None:
    """Of ``same`` (the sentence's figures of the promise's unit, two or more), the one that
    measures the promise: not a restated target; the one given since the promise's baseline year
    when it names one; else None (the claim's own reading stands)."""
    done = [q for q in same if not _a_target(sentence, q, 40)]
    base = _BASE_YEAR.search(promise)
    if base:
        year = base.group(1) or base.group(2)
        since = [q for q in done if (m := _SINCE.match(sentence, q.end)) and m.group(1) == year]
        if since:
            return since[0]
    return done[0] if len(done) < len(same) and done else None


# which way a share moves: "a NOx reduction of 30 per cent", "90 per cent less CO2", "an 87% increase"
_DOWN = re.compile(r"\b(?:reduc\w*|cut(?:s|ting)?|lower\w*|(?<!no )(?<!or )less(?! than)|fewer(?! than)|decreas\w*|"
                   r"fall\w*|fell|drop\w*|halv\w*|down)\b", re.I)
_UP = re.compile(r"\b(?:increas\w*|rais\w*|rise|rising|rose|grow\w*|grew|boost\w*|doubl\w*|higher|up(?! to))\b",
                 re.I)


def change(text: str) -> str | None:
    """"down" or "up" when ``text`` says a figure is a fall or a rise, else None (a share or a count)."""
    down, up = _DOWN.search(text), _UP.search(text)
    return None if bool(down) == bool(up) else "down" if down else "up"


def change_of(sentence: str, value: float | None) -> str | None:
    """Which way the sentence's figure ``value`` moves, read in the words around it."""
    for q in figures(sentence):
        if q.value == value:
            return change(sentence[max(0, q.start - 30):q.end + 25])
    return None
