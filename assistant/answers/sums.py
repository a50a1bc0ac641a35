"""Promised amounts added up, per unit and period, as register answers give them: 20 + 6
apprenticeships are 26 apprenticeships; "40 work placements each year" is not added to "10 by
2028"; percentages are never added ("30%, 95%", not "125%"); jobs of several kinds are "jobs".
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable

from assistant.register.commitments import Commitment
from assistant.register.units import unit_key
from ingest.quantities import amount_text
from ingest.text import stem


def sums_all(question: str) -> bool:
    """Asks for the sum across promises ("in total", "altogether", "across the suppliers"), which
    only the register can give ("the total value of the sub-contracts" is one passage's figure)."""
    return bool(_SUMS_ALL.search(question))


_SUMS_ALL = re.compile(r"\b(?:in total|altogether|in all|across (?:all )?(?:the )?(?:suppliers|bids|bidders)|"
                       r"(?:all|every) (?:the )?(?:suppliers|bids|bidders))\b", re.I)


def by_unit(rows: list[Commitment]) -> dict[str, list[Commitment]]:
    """Promises that can be added: the same unit, and the same period ("40 a year" is not added
    to "10 by 2028")."""
    groups: dict[str, list[Commitment]] = defaultdict(list)
    for c in rows:
        groups[unit_key(c.unit) + (f" a {_period(c)}" if _period(c) else "")].append(c)
    return groups


_EVERY = re.compile(r"^(?:each|every|per|a)\s+(year|month|quarter|week|annum)\b|^(annual|yearly|monthly|quarterly)",
                    re.I)


def _period(c: Commitment) -> str:
    """"year" for a promise made for each year ("40 work placements each year"), else ""."""
    found = _EVERY.match((c.deadline or "").strip())
    if not found:
        return ""
    word = (found.group(1) or found.group(2)).lower()
    return {"annum": "year", "annual": "year", "yearly": "year", "monthly": "month",
            "quarterly": "quarter"}.get(word, word)


def added(group: list[Commitment]) -> str:
    """One unit's promises added up; percentages each stand alone ("30%, 95%", never "125%")."""
    if unit_key(group[0].unit) == "%":
        return ", ".join(amount_text(c.quantity, "%") for c in group)
    period = _period(group[0])
    return amount_text(sum(c.quantity or 0 for c in group), _common_unit(group)) + (f" a {period}" if period else "")


def _common_unit(group: list[Commitment]) -> str | None:
    """The unit a sum is said in: the promises' own when they share it, else the words their
    units end with ("8 new customer service jobs" + "95 local jobs" are 103 "jobs", not 103 new
    customer service jobs), else what the unit key counts."""
    units = [" ".join((c.unit or "").split()) for c in group]
    if len({u.lower() for u in units}) == 1:
        return group[0].unit
    words = [u.lower().split() for u in units]
    shared: list[str] = []
    while all(len(w) > len(shared) for w in words) and len({w[-1 - len(shared)] for w in words}) == 1:
        shared.insert(0, words[0][-1 - len(shared)])
    return " ".join(shared) or unit_key(group[0].unit)


def unit_name(rows: list[Commitment]) -> str:
    key = unit_key(rows[0].unit)
    name = {"£": "Money (£)", "%": "Percentages (each is its own target)"}.get(key, key.capitalize())
    return name + (f", each {_period(rows[0])}" if _period(rows[0]) and key != "%" else "")


def counting(rows: list[Commitment], topic: list[str], money: bool = False) -> list[Commitment]:
    """The rows counting what the topic names ("apprenticeships": not work placements), or the
    promises in pounds; when it names nothing counted, callers take every row."""
    if money:
        return [c for c in rows if unit_key(c.unit) == "£"]
    return [c for c in rows if c.unit and any(stem(w)[:6] in unit_key(c.unit) for w in topic)]


def spends(question: str) -> bool:
    """Asks about what is spent or invested ("the most local spend"), which is counted in pounds."""
    return _SPENDING.search(question) is not None


_SPENDING = re.compile(r"\b(?:spend\w*|spent|invest\w*|funding|money)\b", re.I)


_MOST = re.compile(r"\b(?:most|highest|biggest|largest|greatest)\b", re.I)
_FEWEST = re.compile(r"\b(?:fewest|least|lowest|smallest)\b", re.I)


def ranking(question: str, counted: dict[str, list[Commitment]], mark: Callable[[Commitment], str]) -> str:
    """"Which supplier promised the most apprenticeships?" answered first: the suppliers by the sum
    of what they promised of the thing counted, in the unit most of them count it in (a yearly
    figure is not ranked against a total; percentages are not added). "" when nothing ranks."""
    fewest = _FEWEST.search(question) is not None
    if not fewest and not _MOST.search(question):
        return ""
    groups = {supplier: by_unit(rows) for supplier, rows in counted.items() if rows}
    keys = Counter(key for group in groups.values() for key in group if not key.startswith("%"))
    if not keys:
        return ""
    key = keys.most_common(1)[0][0]
    ranked = sorted(((sum(c.quantity or 0 for c in group[key]), supplier, group[key])
                     for supplier, group in groups.items() if key in group), key=lambda t: t[0], reverse=not fewest)
    said = [f"{supplier}, {added(rows)} {' '.join(dict.fromkeys(map(mark, rows)))}" for _, supplier, rows in ranked]
    top = [s for (total, _, _), s in zip(ranked, said) if total == ranked[0][0]]
    none = [supplier for supplier in counted if supplier not in groups]
    # what cannot be ranked with the rest: "£20,000 a year" beside sums for the whole contract
    otherwise = [f"{supplier}, {'; '.join(added(rows) for k, rows in group.items() if k != key)}"
                 for supplier, group in groups.items() if key not in group]
    unit = (_common_unit([c for _, _, rows in ranked for c in rows]) or "").replace("£", "money (£)")
    if len(groups) == 1 == len(counted):  # one supplier to ask of (a resident sees the contract's only)
        return f"Only one supplier promised {unit}: {said[0]}."
    word = "Fewest" if fewest else "Most"
    some = ", of those that promised any" if fewest and none else ""  # none is fewer still
    return (f"{word} {unit}{some}: {' and '.join(top)}."
            + (f" Then: {'; '.join(said[len(top):])}." if len(said) > len(top) else "")
            + (f" Not ranked, given otherwise: {'; '.join(otherwise)}." if otherwise else "")
            + (f" None counted by: {', '.join(none)}." if none else ""))
