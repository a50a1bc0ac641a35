"""Register questions answered from the register, with no language model: the complete list of
matching rows (with a count), totals per unit (never adding £ to %), "has X delivered Y" with the
promise and the evidence quoted, and suppliers compared in a table, a row per supplier.

Every row shown is cited [n] with its quote, and its id is listed in ``Answer.rows`` so an
evaluation can check that exactly the expected rows were given. The first line says how the
question was read ("Showing: overdue, all suppliers, Oakley Vale.").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.answers.base import Answer, Citation, Table
from assistant.answers.intents import Reading
from assistant.answers.selection import (
    about,
    by_locality,
    closest,
    in_lost_bids,
    offers_apart,
    promises_in,
    select,
    themed,
)
from assistant.answers.sums import added, by_unit, counting, ranking, spends, unit_name
from assistant.register.commitments import Commitment, Register
from assistant.register.units import unit_key
from assistant.vocab import ROLE_LABELS, is_late, status_text
from ingest.quantities import amount_text
from ingest.records import Provenance
from ingest.text import content_tokens
from ingest.vocab import is_rate


class Cited:
    """Citations numbered in the order rows are first shown."""

    def __init__(self) -> None:
        self.citations: list[Citation] = []
        self._index: dict[tuple[str, str], int] = {}
        self.rows: list[str] = []

    def row(self, c: Commitment) -> str:
        if c.id not in self.rows:
            self.rows.append(c.id)
        return self.mention(c)

    def mention(self, c: Commitment) -> str:
        """A row said beside the answer (counted in another unit): cited, not one of its rows."""
        return self._cite(c.provenance, c.quote or c.text)

    def again(self, r) -> str:
        """A restatement of a row's promise (``Commitment.also``): cited, not a row of its own."""
        return self._cite(r.provenance, r.quote)

    def evidence(self, e) -> str:
        return self._cite(e.provenance, e.quote)

    def _cite(self, where: Provenance, quote: str) -> str:
        key = (where.doc_id, quote)
        if key not in self._index:
            self._index[key] = len(self.citations) + 1
            self.citations.append(Citation(self._index[key], where.doc_id, where.source, where.page,
                                           where.section, quote))
        return f"[{self._index[key]}]"


def answer_list(question: str, reading: Reading, register: Register) -> Answer:
    named, wide = select(reading, register)
    shown = reading.shown(register.charter)
    who = reading.suppliers[0] if len(reading.suppliers) == 1 else "Suppliers"
    where = f" naming {', '.join(reading.areas)}" if reading.areas else ""
    standard = reading.kind == "service_standard" or bool(named) and all(c.kind == "service_standard" for c in named)
    noun = "service standard" if standard else "commitment"
    wider = (f"\n{_count(len(wide), noun)} that match{'es' if len(wide) == 1 else ''} cover"
             f"{'s' if len(wide) == 1 else ''} the whole contract area, which includes {', '.join(reading.areas)}."
             if wide else "")
    # nothing else matching, a supplier's bids that lost say why ("I found none" would not)
    lost = [] if named else in_lost_bids(reading, register)
    if not named and not lost:
        by = f" by {who}" if reading.suppliers else ""
        return Answer(question, f"{shown}\nI found no {noun}s{by}{where} that match, in the "
                                f"documents.{wider}", False, "register")
    # what was promised: the social value commitments listed, the contract's standards counted
    # (asked what is late, flagged or rated, the standards are listed too, apart)
    judged = reading.statuses or reading.flags or reading.rating or reading.due_year or reading.due_in is not None
    standards = [c for c in named if c.kind == "service_standard"] if reading.kind is None else []
    if 0 < len(standards) < len(named):
        named = [c for c in named if c.kind != "service_standard"]
    else:
        standards = []
    cited = Cited()
    # what bids for tenders not yet awarded offer is listed apart from what contracts promise
    bids = register.open_bids()
    promised, offered = [c for c in named if c.doc_id not in bids], [c for c in named if c.doc_id in bids]
    verb = "set" if standard else "made" if promised else "offered"
    social = "social value " if standards else ""
    first = promised or offered
    lines = [shown, *_unheld(reading, named)]
    if promised and reading.statuses and _SHARE.search(question):  # "What share of X's promises were delivered?"
        among = [c for c in select(replace(reading, statuses=[]), register)[0]
                 if c.doc_id not in bids and (c.kind == "service_standard") == standard]
        state = " or ".join(f"reported as {s}" if s == "delivered" else s for s in reading.statuses_said())
        lines.append(f"{len(promised)} of {_count(len(among), noun)} on contracts ({_percent(len(promised), among)}) "
                     f"{'is' if len(promised) == 1 else 'are'} {state}.")
    if first:
        lines += [f"{_whose(first, reading, who)} {verb} {_count(len(first), social + noun)}{where}"
                  f"{'' if promised else _IN_BIDS}:", *_bullets(first, cited)]
    if promised and offered:
        lines += [f"Also offered{_IN_BIDS}, not promised on a contract:", *_bullets(offered, cited)]
    if lost:  # not the register's: no one must keep them
        one = len({c.doc_id for c in lost}) == 1
        lines += [f"Offered in {'a bid for a tender' if one else 'bids for tenders'} awarded to another supplier, "
                  f"so no one must keep {'it' if len(lost) == 1 else 'them'}:", *_bullets(lost, cited, dated=False)]
    if wide:
        said = _more(wide)
        lines.append(f"{said} cover{'s' if len(wide) == 1 else ''} the whole contract area, which includes "
                     f"{', '.join(reading.areas)}.")
    if standards:
        whose = reading.suppliers[0] if len(reading.suppliers) == 1 else "the suppliers"
        one = len(reading.suppliers) == 1 or len({c.supplier for c in named + standards}) == 1
        also = (f"{'It' if one else 'They'} also set "
                f"{_count(len(standards), 'service standard')} of the contract (repair times, KPIs)")
        lines += [f"{also}:", *_bullets(standards, cited)] if judged else \
            [f"{also}: ask “What service standards did {whose} set?” to see them."]
    return Answer(question, "\n".join(lines), True, "register", cited.citations, rows=cited.rows)


def answer_total(question: str, reading: Reading, register: Register) -> Answer:
    """Sums per unit of the promised rows that give a number (reports' rows are evidence, not
    promises); when the topic names what is counted ("apprenticeships"), only that unit."""
    named, wide = select(reading, register)
    rows = [c for c in promises_in(named + wide) if c.quantity is not None]
    # "how many local jobs?" names its outcome in its words, and what it counts (jobs) with them
    counted = content_tokens(question) if reading.outcome_in_words else reading.topic
    rates = [c for c in rows if reading.money and is_rate(c.unit)]  # "£5,000 per MW": no sum
    promises = [c for c in rows if unit_key(c.unit) == "£"] if reading.money else counting(rows, counted) or rows
    # "how many jobs?": the apprenticeships and placements promised beside the jobs are said, not added
    taken = {c.id for c in promises + rates}
    others = [] if reading.money else offers_apart([c for c in rows if c.id not in taken], reading, register)[0]
    promises, offers = offers_apart(promises, reading, register)
    promises, elsewhere = by_locality(question, promises)
    groups = by_unit(promises)
    shown = reading.shown(register.charter)
    if not groups and not elsewhere and not rates:
        return Answer(question, f"{shown}\nI found no promise with a number that matches, in the "
                                "documents.", False, "register")
    cited = Cited()
    lines, table = [shown, *_unheld(reading, promises + offers)], []
    if not groups and elsewhere:
        lines.append("No promise with a number that matches is for the charter's area.")
    if reading.areas and not set(map(id, promises)) & set(map(id, named)):
        lines.append(f"No promise names {', '.join(reading.areas)} itself; these are for the whole contract area, "
                     "which includes it.")
    for key, members in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        unit = unit_name(members)
        parts = [f"{amount_text(c.quantity, c.unit)} {cited.row(c)}"
                 + "".join(f" (again {cited.again(r)})" for r in c.also) for c in members]
        # percentages are never added: each is said with what it is a share of
        total = "; ".join(f"{amount_text(c.quantity, '%')}: “{_short(c.text)}”" for c in members) \
            if key.startswith("%") else added(members)
        lines.append(f"{unit}: {total}{'' if key.startswith('%') else ' in all'}, "
                     f"from {_count(len(members), 'promise')}: {' + '.join(parts)}.")
        table.append([unit, total, str(len(members)), " ".join(re.findall(r"\[\d+\]", " ".join(parts)))])
    for words, apart in (("offered in bids for tenders not yet awarded", offers), ("not local", elsewhere),
                         ("paid at a rate, not a sum", rates)):
        if apart:
            lines.append(f"Not added: {words}, " + "; ".join(
                f"{amount_text(c.quantity, c.unit)} ({c.supplier}) {cited.row(c)}" for c in apart) + ".")
    if others:
        lines.append("Not added, as they count something else: " + "; ".join(
            f"{_beside(c)} ({c.supplier}) {cited.mention(c)}" for c in others[:_BESIDE])
            + (f"; and {len(others) - _BESIDE} more" if len(others) > _BESIDE else "") + ".")
    return Answer(question, "\n".join(lines), True, "register", cited.citations,
                  table=Table(["What is counted", "Total promised", "Promises", "Sources"], table),
                  rows=cited.rows)


def answer_delivered(question: str, reading: Reading, register: Register) -> Answer:
    """Each matching promise with its status, its quote and the report's evidence quotes; asked of a
    place, those naming it (the contract-wide ones counted, as a list does; shown when none names it)."""
    named, wide = select(reading, register)
    found, wider = (named, wide) if named else (wide, [])
    # a report's rows are mostly its account of earlier promises; the targets it sets itself
    # ("Reduce operating costs by 1% each year") are asked about when nothing else matches
    rows = [c for c in found if c.doc_type != "social_value_report"] or found
    rows = closest(counting(rows, reading.topic) or rows, reading.topic, reading.topic_for)
    rows = [c for c in rows if not reading.money or unit_key(c.unit) == "£"]  # "how much in pounds ...?"
    shown = reading.shown(register.charter)
    if not rows:
        return Answer(question, f"{shown}\nI found no matching promise in the documents.", False, "register")
    unreported = 0
    reported = [c for c in rows if c.status in _REPORTED]
    if not reading.topic and reported and not _PROMISES_ASKED.search(question):
        # "What has been delivered?": what reports say was done, kept first; the rest counted (not if promises asked)
        rows, unreported = sorted(reported, key=lambda c: _REPORTED.index(c.status)), len(rows) - len(reported)
    cited = Cited()
    lines = [shown]
    for c in rows:
        status = status_text(c.status, c.progress, c.late)
        lines.append(f"• {status}. {c.supplier} promised: “{' '.join(c.said.split())}” {cited.row(c)}")
        for e in c.evidence[:3]:
            said = "The report says" if e.role == "evidence" else ROLE_LABELS[e.role].plain
            lines.append(f"  {said}: “{' '.join(e.said.split())}” {cited.evidence(e)}")
    if unreported:
        lines.append("The other promise is not reported as delivered yet." if unreported == 1 else
                     f"The other {unreported} promises are not reported as delivered yet.")
    if wider:
        lines.append(f"{_more(wider)} cover{'s' if len(wider) == 1 else ''} the whole contract area, which includes "
                     f"{', '.join(reading.areas)}.")
    return Answer(question, "\n".join(lines), True, "register", cited.citations, rows=cited.rows)


def answer_compare(question: str, reading: Reading, register: Register) -> Answer:
    """A row per supplier: how many matching promises, how many measurable, totals per unit. A
    topic compares on its theme's outcomes ("local jobs": jobs and skills), not on loose words.
    As in totals, what a supplier offers in a bid for a tender not yet awarded is not added to
    what it promised on a contract (it is said apart), unless the question asks of a lot."""
    named, wide = select(replace(reading, topic=[]), register)
    rows = promises_in(named + wide)
    if reading.topic:
        rows = themed(rows, reading.topic, register) or about(rows, reading.topic, register, reading.topic_for)
    suppliers = reading.suppliers or _promising(register)
    shown = reading.shown(register.charter)
    if not rows:
        return Answer(question, f"{shown}\nNo supplier made a matching promise in the documents.", False,
                      "register")
    cited = Cited()
    lines, table, counted = [shown], [], {}
    money = reading.money or spends(question)  # "the most local spend": ranked in pounds
    # offers are told apart across the suppliers, as in a total: one supplier's offer in an open
    # bid is not ranked against another's promise on a contract, though it is all that one offers
    offers = {c.id for c in offers_apart([c for c in rows if c.quantity is not None], reading, register)[1]}
    for supplier in suppliers:
        mine = [c for c in rows if c.supplier == supplier]
        marks = " ".join(dict.fromkeys(cited.row(c) for c in mine))  # two pledges of one sentence: one mark
        measurable = [c for c in mine if c.quantity is not None]
        promised = [c for c in measurable if c.id not in offers]
        offered = [c for c in measurable if c.id in offers]
        local, elsewhere = by_locality(question, promised)  # "local jobs": not an office's in Birmingham
        parts = ["; ".join(added(group) for group in by_unit(local).values())]
        for words, apart in (("not local, not added", elsewhere),
                             ("offered in open bids, not added", offered)):
            if apart:
                parts.append(f"{words}: " + "; ".join(added(group) for group in by_unit(apart).values()))
        amounts = " — ".join(p for p in parts if p)
        counted[supplier] = counting(local, reading.topic, money)
        table.append([supplier, str(len(mine)), str(len(measurable)), amounts or "—", marks or "—"])
        lines.append(f"{supplier}: {_count(len(mine), 'promise')}, {len(measurable)} with a number"
                     + (f" ({amounts})" if amounts else "") + (f" {marks}" if marks else "") + ".")
    if leader := ranking(question, counted, cited.row):
        lines.insert(1, leader)
    return Answer(question, "\n".join(lines), True, "register", cited.citations,
                  table=Table(["Supplier", "Promises", "With a number", "Amounts", "Sources"], table),
                  rows=cited.rows)


def answer_absent(question: str, reading: Reading, register: Register) -> Answer:
    """"Which suppliers promised nothing for Stanmoor?": the suppliers with no matching promise,
    then those with one, each cited once (a reply listing promises would answer the opposite)."""
    named, wide = select(replace(reading, suppliers=[]), register)  # whose rows: theirs or others'
    made_here = promises_in(named)
    asked = reading.suppliers or [s for s in _promising(register) if s]
    shown = reading.shown(register.charter)
    if not asked:
        return Answer(question, f"{shown}\nThe documents hold no supplier's promises yet.", False, "register")
    made = {c.supplier for c in made_here}
    none = [s for s in asked if s not in made]
    cited = Cited()
    lines = [shown]
    if none or len(asked) > 1:  # of one supplier, the line below says it made one
        lines.append(("No matching promise from: " + ", ".join(none) + ".") if none else
                     "Every supplier made a matching promise.")
    for supplier in [s for s in asked if s in made]:
        mine = [c for c in made_here if c.supplier == supplier]
        among = ", among them" if len(mine) > 3 else ""  # enough to see what, not every row
        lines.append(f"{supplier} made {_count(len(mine), 'matching promise')}{among}:")
        lines += [f"• {_plain(c)} {cited.row(c)}" for c in mine[:3]]
    covering = sorted({c.supplier for c in wide if c.supplier in none})
    if covering and reading.areas:
        lines.append(f"{', '.join(covering)} made promises for the whole contract area, which includes "
                     f"{', '.join(reading.areas)}.")
    return Answer(question, "\n".join(lines), True, "register", cited.citations, rows=cited.rows)


ANSWERS: dict[str, Callable[[str, Reading, Register], Answer]] = {
    "list": answer_list, "total": answer_total, "delivered": answer_delivered, "compare": answer_compare,
    "absent": answer_absent}


def _whose(rows: list[Commitment], reading: Reading, who: str) -> str:
    """Who made the rows: the one supplier asked about or that made them all, else ``who``."""
    makers = {c.supplier for c in rows}
    return next(iter(makers)) if len(reading.suppliers) != 1 and len(makers) == 1 and "" not in makers else who


def _bullets(rows: list[Commitment], cited: Cited, dated: bool = True) -> list[str]:
    """A row per line, cited; whose it is said when the rows are several suppliers'."""
    several = len({c.supplier for c in rows}) > 1
    return [f"• {f'{c.supplier or c.source}: ' if several else ''}{_plain(c, dated)} {cited.row(c)}" for c in rows]


def _promising(register: Register) -> list[str]:
    """The suppliers whose documents make promises (see ``promises_in``)."""
    return sorted({c.supplier for c in promises_in(register.all())})


# promises asked for, or all that is under way ("What is happening in Stanmoor?"): each listed
_PROMISES_ASKED = re.compile(r"\b(?:what|which)\b[^?]{0,40}?\b(?:(?:promis|pledg|commit)\w*|happening|will happen|"
                             r"going on|being done)", re.I)


_IN_BIDS = " in bids for tenders not yet awarded"
_BESIDE = 6  # rows counted in another unit said beside a total, at most

_REPORTED = ("delivered", "partly", "needs_review")  # statuses a report's evidence gives, best first


def _unheld(reading: Reading, rows: list[Commitment]) -> list[str]:
    """A line saying which words of the topic no row answering holds ("How many horticulture
    apprenticeships?" answered with the apprenticeships: no promise names horticulture), else none."""
    said = dict(zip(reading.topic, reading.topic_said or reading.topic))
    unheld = [w for t, w in said.items() if not any(t in c.words for c in rows)]
    if not unheld or len(unheld) == len(said) or reading.topic_for:  # a group asked for: see about()
        return []
    held = [w for t, w in said.items() if w not in unheld]
    return [f"No promise names “{' '.join(unheld)}”; these are the promises of {' '.join(held)}:"]


def _more(rows: list[Commitment]) -> str:
    """"18 more commitments and 16 service standards (...)": the rows a list counts, by kind, in plain words."""
    parts = [_count(n, noun) for noun, kind in (("commitment", "commitment"), ("service standard", "service_standard"))
             if (n := sum(c.kind == kind for c in rows))]
    parts[-1] += " (how well the service itself runs)" if any(c.kind == "service_standard" for c in rows) else ""
    return " and ".join([parts[0].replace(" ", " more ", 1), *parts[1:]])


def _short(text: str, limit: int = 90) -> str:
    """A promise's words, cut at a word near ``limit`` characters ("At least 25% of the apprentices ...")."""
    text = " ".join(text.split()).rstrip(".")
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _beside(c: Commitment) -> str:
    """A row's figure said beside a total; a share with what it is a share of."""
    figure = amount_text(c.quantity, c.unit)
    return f"{figure}: “{_short(c.text)}”" if unit_key(c.unit) == "%" else figure


def _percent(part: int, whole: list) -> str:
    return f"{round(100 * part / len(whole))}%" if whole else "-"


_SHARE = re.compile(r"\bwhat (?:share|percentage|proportion|per ?cent|fraction)\b|\bhow many of\b", re.I)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _plain(c: Commitment, dated: bool = True) -> str:
    """A row as a line, said late when it is (and ``dated``: a lost bid's dates bind no one)."""
    text = " ".join(c.said.split()).rstrip(".")
    late = dated and is_late(c.status, c.late)
    return text + (" (deadline passed)." if late else "" if text.endswith((":", "?")) else ".")
