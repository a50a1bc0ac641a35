"""The target of a pledge: how much is promised, its baseline, and a schedule's yearly amount.

In a sentence, the target is the amount the pledge names, neither a duration ("within 12
months"), nor a baseline ("from 28%"), nor the low end of a range, nor a ratio's base ("one
apprentice for every 50 workers"); hours or days can be what is promised ("500 hours of
volunteering"), and a yearly amount given for N years is totalled. In a pledge table's row, the
target is the cell under a target column, counting what the row's commitment column names.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.kinds import Sentence
from ingest.quantities import Quantity, ends_with, is_plural, quantities
from ingest.vocab import RATE

PLEDGE = re.compile(
    r"\b(will|shall|’ll|'ll)\b|\b(commit(?:s|ted)?|pledge[sd]?|promise[sd]?|undertake[sn]?|aim(?:s|ing)?)\s+to\b"
    r"|\btarget(?:s|ing|ed)?\b|\bgoals? (?:of|is to)\b|\bmust\b", re.I)
# a target of nought said in words: "net zero by 2040", "carbon neutral by 2030"
NET_ZERO = re.compile(r"\b(?:net[- ]zero|carbon[- ]neutral(?:ity)?|zero[- ]carbon|zero emissions?)\b", re.I)
# what was done, in the clause before a figure: "has reduced emissions by" (not what "has committed to")
_DONE_BEFORE = re.compile(r"\b(?:has|have|had)\s++(?:already\s++)?(?:(?!(?:commit+|pledg|promis|agre|aim|plann|"
                          r"target+|decid|guarante|vow|undertak)ed\b)[a-z]++(?<=ed)|cut|grown|made|met)\b"
                          r"(?:(?!\b(?:and|will|shall|but|aims?|targets?|to)\b)[^,;])*+$", re.I)
_OF_WHICH = re.compile(r",\s*+of\s++(?:which|whom)\b", re.I)
_SHARE_OF = re.compile(r"\s++of\s++(?:(?:the|its|our|their|this|these|all)\s++)?", re.I)
# time given at a rate is an amount: "2.5 hours a week of Welsh language training"
_PER_PERIOD = re.compile(r"\s*+(?:hours?|days?)\s++(?:a|per|each|every)\s++(?:week|month|year|day|term|fortnight)\b",
                         re.I)
_TIME_UNITS = ("months", "years", "weeks", "days", "month", "year", "week", "day", "hours", "hour")
_SPANS = {"years", "year", "months", "month", "weeks", "week"}  # "25 years ahead", "three years while"
# "500 hours of volunteering", "20 days of training", "2,000+ hours of volunteering": time that is
# the thing counted, not a span
# (never "within 48 hours of a report", "for 12 months of the contract", "30 days of notice")
_COUNTED_TIME = re.compile(r"\+?+[ \t](?P<unit>hours?|days?|weeks?)\s++of\s++(?!the\b|a\b|an\b|its?\b|their\b|our\b|"
                           r"contract|award|notice|receipt|completion|start|each\b|every\b)(?P<what>[a-z]+)", re.I)
_SPAN_BEFORE = re.compile(r"\b(?:within|in|for|after|before|under|every|each|per)\s*+$", re.I)
# "50/50 gender balance": an even split, half
_EVEN_SPLIT = re.compile(r"(?<![\d.,])50\s?[/:]\s?50(?![\d.,%])")
# a list item's number ("1.Help our communities prosper ...", "2. We will plant 500 trees")
_ENUMERATED = re.compile(r"\d{1,2}[.)](?:\s|(?=[A-Z]))")
# what counts a plan's own parts, not what it delivers: "The five pledges include creating up to
# 180,000 new jobs", "supported by two strategies", "its nine strategic goals"
_PARTS = re.compile(r"(?:(?:key|main|core|strategic|new|bold|big|broad|headline)\s++)?(?:promises|pledges|"
                    r"commitments|goals|objectives|priorities|themes|pillars|principles|strategies|aims|ambitions)",
                    re.I)
# "one apprentice for every 50 workers", "every £1 spent": the number after "every" is a ratio's base.
_DENOMINATOR = re.compile(r"(?:\b(?:every|each|per)|/)\s*+$", re.I)  # "5 apprentices per £1m", "m3/£100k"
# the £1 a ratio returns on: "a social value ratio of £1: £12.50" (the target is the £12.50)
_RATIO_BASE = re.compile(r"\s?+:\s?+[£$€]\s?+\d")
# a condition, not a target: "contracts above the threshold value of £74,999", "contracts worth over £100k"
_CONTRACTS = r"\b(?:contracts?|procurements?|tenders?)\s++"
_THRESHOLD = re.compile(rf"{_CONTRACTS}(?:(?:valued|worth)\s++)?(?:above|over|exceeding|"
                        r"more\s++than|in\s++excess\s++of)\s*+$|\bthreshold(?:\s++value)?\s++(?:of\s++)?$", re.I)
# "all contracts valued at £100,000 or more": which contracts, not a sum promised
_VALUED_AT = re.compile(rf"{_CONTRACTS}(?:valued|worth)\s++at\s*+$", re.I)
_OR_MORE = re.compile(r"\s*+(?:or|and)\s++(?:more|above|over|greater|higher)\b", re.I)
_PER_YEAR = r"(?:per|a|each|every)\s+(?:year|annum)|annually|yearly"
_YEAR_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
               "ten": 10, "fifteen": 15, "twenty": 20, "twenty-five": 25, "thirty": 30}
_N_YEARS = rf"(?P<n>\d+|{'|'.join(sorted(_YEAR_WORDS, key=len, reverse=True))})[\s-]++years?\b"
# "£180,000 per year for seven years", "£44,000 per year, index-linked, for the 25-year lifetime"
_SCHEDULE_YEARS = re.compile(
    rf"\s*+\)?\s*+(?:{_PER_YEAR})\s*+,?\s*+(?:[\w-]++,?\s++){{0,2}}?(?:for|over)\s++(?:the\s++)?"
    rf"(?:(?:next|first|expected|anticipated|proposed|whole)\s++)?{_N_YEARS}", re.I)
# "£500,000 will be available ... for each of the 25 years that the extension will operate"
_EACH_OF_YEARS = re.compile(rf"\b(?:for|in|over) each of the (?:next |first )?{_N_YEARS}", re.I)
# a yearly sum with its years elsewhere in the sentence: "for a further 22 years distributing around
# £1.8million per year", "the £1.8 million per year Community Fund for more than twenty years", "Each
# year for the expected 25-year lifetime of the wind farm, approximately GBP 225,000 will be ..."
_YEARLY_AFTER = re.compile(rf"\s*+\)?\s*+(?:{_PER_YEAR})\b", re.I)
_YEARLY_BEFORE = re.compile(r"\b(?:each|every)\s++year\b|\bannual\b", re.I)
_YEARS_SPAN = re.compile(rf"\b(?:for|over|throughout)\s++(?:a\s++further\s++|more\s++than\s++|the\s++"
                         rf"(?:(?:next|first|expected|anticipated|proposed|whole)\s++)?)?{_N_YEARS}"
                         rf"(?:\s++(?:[\w-]++\s++)?(?:lifetime|life|period|term))?", re.I)
_BASELINE_BEFORE = re.compile(
    r"(?:\bfrom|\bbaseline(?: of)?|\bcompared (?:to|with)|\bup from|\bdown from|\(\s*(?:19|20)\d\d(?:/\d\d)?\s*:"
    r"|\bagainst(?: a)?(?: (?:19|20)\d\d)?(?: baseline)?(?: of)?)"
    r"(?:\s+(?:circa|c\.|about|around|approximately|roughly|some))?\s*$", re.I)  # "from circa 25% to 30%"
_RANGE_TO_UPPER = re.compile(r"^\s*+(?:[-–]|to|and)\s*+$", re.I)


def row_cells(row: str) -> list[str]:
    """A table row's cells, in column order (empty cells kept, so columns line up)."""
    return [c.strip() for c in row.split("|")]


def read_alone(text: str, columns: str = "", lead: str = "") -> str:
    """A statement as a person reads it on its own: a table row with its columns named (see
    ``row_read``); a list item that goes on from its lead-in's words after them ("In the first year
    of the contract we:" + "- provided 41 work placements;" reads "In the first year of the contract
    we provided 41 work placements."); anything else as it is."""
    if columns:
        return row_read(text, columns)
    if not lead or not goes_on(text):
        return text
    item = _BULLET.sub("", text.strip()).rstrip(" ;,")
    head, _, last = item.rpartition(" ")
    item = head.rstrip(" ;,") if last.lower() in ("and", "or") else item  # "...; and": the list's joint
    lead = lead.strip()
    joint = f"{lead.rstrip(' :')} " if _RUNS_ON.search(lead) else f"{lead} "
    return joint + item + ("" if item.endswith((".", "!", "?")) else ".")


def goes_on(text: str) -> bool:
    """Whether a list item goes on from its lead-in's words: it opens in lower case ("- provided 41
    work placements"), as the end of the lead-in's sentence."""
    return _BULLET.sub("", text.strip())[:1].islower()


_BULLET = re.compile(r"^(?:[•▪◦‣·*\-–]\s*+)+")
# a lead-in whose sentence its items end ("We will:", "In the first year we:", "... has agreed to:")
_RUNS_ON = re.compile(r"\b(?:we|i|they|it|will|shall|would|must|can|to|also|have|has|had)\s*+:?\s*+$", re.I)


def row_read(row: str, header: str) -> str:
    """A table row as a person reads it, each cell after the first named by its column:
    "Apprenticeships for residents | 20 by March 2027 | 22 | Achieved" under "Commitment | Target |
    Delivered | Status" reads "Apprenticeships for residents — Target: 20 by March 2027; Delivered:
    22; Status: Achieved". Text that is no table row, or has no header, is returned as it is; a
    row whose cells do not line up with its header's has its cells joined."""
    if "|" not in row or not header:
        return row
    body, head = row.strip().strip("|").strip(), header.strip().strip("|").strip()
    cells, names = row_cells(body), row_cells(head)
    if len(names) != len(cells) or body == head:
        return "; ".join(c for c in cells if c)
    named = [f"{name}: {cell}" if name else cell for name, cell in zip(names[1:], cells[1:]) if cell]
    return " — ".join(part for part in (cells[0], "; ".join(named)) if part)


def main_quantity(text: str) -> tuple[Quantity | None, Quantity | None, float | None]:
    """(target, baseline, per-year amount) of a pledge: the first amount that is neither a
    duration, nor a baseline ("from 28%", "(2018: 3.2 days)", "against a baseline of 156"), nor
    the low end of a range ("£2,000 to £5,000"); a yearly amount given for N years is totalled."""
    found = [_counted_time(q, text) for q in quantities(text)]
    found = [q for q in found if (q.unit.lower() not in _TIME_UNITS or _PER_PERIOD.match(text, q.end))
             and (q.unit.lower().split(" ")[0] not in _SPANS or " of " in q.unit)  # "52 weeks of apprenticeship"
             and not _DENOMINATOR.search(text[max(0, q.start - 20):q.start])
             and not _THRESHOLD.search(text[max(0, q.start - 40):q.start])
             and not (_VALUED_AT.search(text[max(0, q.start - 40):q.start]) and _OR_MORE.match(text, q.end))
             and not _catchment(q, text) and not _RATIO_BASE.match(text, q.end)
             and not (q.start == 0 and _ENUMERATED.match(text)) and not _PARTS.fullmatch(q.unit)]
    if even := _EVEN_SPLIT.search(text):
        found = sorted([*found, Quantity(50.0, "%", even.start(), even.end())], key=lambda q: q.start)
    # "20% of the 4,000 protected jobs": the share is the pledge, the 4,000 only what it is of
    found = [q for i, q in enumerate(found) if not (i and found[i - 1].unit == "%" and _SHARE_OF.fullmatch(
        text, found[i - 1].end, q.start))]
    baseline = None
    targets = []
    for i, q in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        if ends_with(_BASELINE_BEFORE, text, q.start, closers=":0123456789"):  # the words just before it
            baseline = baseline or q
            continue
        if nxt and nxt.unit[:1] == q.unit[:1] and _RANGE_TO_UPPER.match(text[q.end:nxt.start]):
            continue  # the low end of a range: the pledge is the upper figure
        targets.append(q)
    # "The £40m contract will create 20 apprenticeships": a contract's value names it, the pledge is
    # the apprenticeships (unless the sentence gives no other figure)
    targets = [q for q in targets if not (q.unit == "£" and _VALUE_OF.match(text, q.end))] or targets
    # "within 2.25km ... a £400 contribution", "a 20MW project ... £100,000 a year": a size or a
    # distance describes what the sum is paid for; "£5,000 per MW, totalling £264,500": the total
    if any(q.unit == "£" for q in targets):
        sized = [q for q in targets if not _MEASURE.match(q.unit)]
        firm = [q for q in sized if q.unit == "£" and not _ROUGHLY.search(text, max(0, q.start - 16), q.start)]
        rated = [q for q in sized if q.unit == "£" and _RATE.match(text, q.end)]
        if rated and set(firm) - set(rated):  # a firm total beside the rate (an estimate is not one)
            sized = [q for q in sized if q not in rated]
        targets = sized or targets
    # "has reduced such emissions by 45% ..., and is on track to achieve net zero by 2040": what
    # was done is progress beside the pledge, not its target
    done = [q for q in targets if _DONE_BEFORE.search(text, max(0, q.start - 60), q.start)]
    if done and (len(done) < len(targets) or NET_ZERO.search(text, done[-1].end)):
        targets = [q for q in targets if q not in done]
    # "45 new jobs, of which at least 60% will be filled by residents": the share describes the
    # jobs; the relative clause's "will" is no cue for its own figure
    if which := _OF_WHICH.search(text):
        targets = [q for q in targets if q.end <= which.start()] or targets
    pledge = PLEDGE.search(text)
    # The pledge's amount follows its cue ("we will create 20 jobs"), or is its subject, just
    # before it in the same clause ("£70m in contracts will be let", "25% will be residents").
    # A noun cue names its figure right before it ("a 4.2% emissions reduction target"), not a
    # figure a clause away ("922 apprentices and is on track to hit its target of 1,000").
    cue = pledge.start() if pledge else len(text)
    noun = pledge is not None and re.match(r"target|goal", pledge.group(0), re.I) is not None
    after_cue = [q for q in targets if pledge and (q.start >= cue or (
        cue - q.end <= 40 and not re.search(r"[,;:.()]|\d", text[q.end:cue])
        and not (noun and re.search(r"\b(?:and|is|are|was|were|has|have|had|to)\b", text[q.end:cue], re.I))))]
    target: Quantity | None = (after_cue or targets)[0] if targets else None
    per_year = None
    if target and target.unit == "£":
        years = (_SCHEDULE_YEARS.match(text, target.end) or _EACH_OF_YEARS.search(text, target.end, target.end + 120)
                 or (_YEARLY_AFTER.match(text, target.end) or _YEARLY_BEFORE.search(text, 0, target.start))
                 and _YEARS_SPAN.search(text))
        if years:
            n = years.group("n").lower()
            count = int(n) if n.isdigit() else _YEAR_WORDS[n]
            per_year = target.value
            target = Quantity(target.value * count, "£", target.start, target.end)
        elif rate := _RATE.match(text, target.end):  # a rate is no sum: never added to one
            per = rate.group("per").lower()
            target = Quantity(target.value, f"{RATE}{'MW' if per in ('mw', 'megawatt') else per}",
                              target.start, target.end)
    return target, baseline, per_year


def _catchment(q: Quantity, text: str) -> bool:
    """A distance that bounds who or where ("based within a 5km radius of the windfarms", "within
    10 miles of the site") says where a pledge counts, not what it delivers."""
    if _AROUND.search(text, max(0, q.start - 24), q.start):
        return True  # "... radius of the two windfarms": what the distance is measured from
    return bool(_DISTANCE.match(q.unit)) and ("radius" in q.unit.lower()
                                               or _WITHIN.search(text, max(0, q.start - 12), q.start) is not None)


_DISTANCE = re.compile(r"(?:km|kilomet\w*+|miles?|metres?|meters?)\b", re.I)
_WITHIN = re.compile(r"\bwithin\s++(?:an?\s++)?$", re.I)
_AROUND = re.compile(r"\b(?:radius|km|kilometres?|miles?|metres?)\s++(?:of|from|around)\s++(?:the\s++|our\s++)?$", re.I)


# what a size or distance is counted in, and a sum paid per unit of something ("£5,000 per MW")
_MEASURE = re.compile(r"(?:k|m|g)w(?:h|p)?\b|(?:kilo|mega|giga)watt|km\b|kilomet|miles?\b|metres?\b", re.I)
_ROUGHLY = re.compile(r"\b(?:about|approximately|around|roughly|circa|some|c\.)\s*+$", re.I)
_RATE = re.compile(r"\s*+(?:per|for every|for each|a|each)\s++(?:installed\s++)?(?P<per>mw|megawatt|turbine|household|"
                   r"dwelling|home|house|unit|resident)s?\b", re.I)
# what a sum is the value of: "a £6m contract", "the £40m four-year framework" (never "£70m in contracts")
_VALUE_OF = re.compile(r"\s*+(?:(?!(?:in|of|for|with|to|on|into|a|an|the)\b)[\w-]{1,30}+\s++){0,2}?"
                       r"(?:contract|deal|framework|agreement|tender|scheme|development)s?\b", re.I)


_WHAT_COLUMN = re.compile(r"commitment|pledge|measure|indicator|kpi|description|deliverable|output|activity", re.I)


def _what(header: list[str], cells: list[str], figure: int) -> str:
    """The cell naming what a row's figures count: its commitment column, else its first cell
    (not "Jobs and skills" under "Charter theme")."""
    return next((cells[i] for i, h in enumerate(header[:len(cells)]) if i != figure and _WHAT_COLUMN.search(h)),
                next((c for c in cells if c), ""))


def _counted(value: float, cell: str, what: str) -> str:
    """The unit of a bare figure: the plural noun ``what`` names ("Homes fitted with sensors |
    500" -> "homes"; "New apprenticeships, prioritising care leavers" -> "new apprenticeships"),
    else ""."""
    if not re.match(r"[A-Za-z]", what):
        return ""
    named = main_quantity(f"{cell} {what}")[0]
    words = named.unit.split() if named and named.value == value else []
    plural = max((i for i, w in enumerate(words) if is_plural(w)), default=-1)
    unit = " ".join(words[:plural + 1])
    return unit if any(c.isupper() for c in unit[1:]) else unit.lower()


def _counted_time(q: Quantity, text: str) -> Quantity:
    """Hours or days that are what is promised ("500 hours of volunteering": unit "hours of
    volunteering"); any other quantity as it was."""
    if q.unit.lower() not in ("hours", "hour", "days", "day", "weeks", "week"):
        return q
    if _SPAN_BEFORE.search(text[max(0, q.start - 12):q.start]):
        return q  # "within 10 days of ...", "for 12 weeks" (after "over" or "more than", "of" decides)
    counted = _COUNTED_TIME.match(text, q.end)
    return replace(q, unit=f"{counted.group('unit').lower()} of {counted.group('what')}") if counted else q


def table_quantity(sentence: Sentence) -> tuple[Quantity | None, Quantity | None, float | None, str]:
    """A pledge-table row's (target, baseline, per-year amount, header of the target's column):
    the cell under a 'target' header, else the last cell with a quantity (commitment | quantity |
    deadline)."""
    cells, header = row_cells(sentence.text), row_cells(sentence.table_header)
    numbered = [(i, c) for i, c in enumerate(cells) if main_quantity(c)[0]]
    if not numbered:
        return None, None, None, ""
    chosen = next(((i, c) for i, c in numbered
                   if i < len(header) and re.search(r"target|goal|commit|pledge|ambition", header[i], re.I)),
                  numbered[-1])
    target, baseline, per_year = main_quantity(chosen[1])
    if target and not target.unit and chosen[0] > 0:
        target = replace(target, unit=_counted(target.value, chosen[1], _what(header, cells, chosen[0])))
    column = header[chosen[0]] if chosen[0] < len(header) else ""
    if baseline is None:
        earlier = [c for i, c in numbered if i < chosen[0] and i < len(header)
                   and re.search(r"baseline", header[i], re.I)]
        baseline = main_quantity(earlier[0])[0] if earlier else None
    return target, baseline, per_year, column


def pledge_row(row: Sentence) -> bool:
    header, cells = row_cells(row.table_header), row_cells(row.text)
    return any(i and i < len(cells) and _AIM_COLUMN.search(h) and quantities(cells[i])
               for i, h in enumerate(header))


# A delivery table's columns: what was done ("Delivered in 2025/26", "Actual", "Progress to date")
# and a status that says how it went ("Achieved", "On track", "Behind")
_DONE_COLUMN = re.compile(r"\b(?:deliver\w*|actual\w*|achiev\w*|outturn|progress|performance|results?|to date|"
                          r"during|recorded|reported|spent|completed)\b", re.I)
_STATUS_COLUMN = re.compile(r"\b(?:status|rag|position)\b", re.I)
_STATUS_CELL = re.compile(r"\b(?:achieved|met|not met|exceeded|missed|on track|off track|behind|ahead|complete[d]?|"
                          r"delivered|in progress|green|amber|red)\b", re.I)
_AIM_COLUMN = re.compile(r"\b(?:target\w*|goals?|commit\w*|pledge\w*|promis\w*|ambitions?|aims?)\b", re.I)


def reports_delivery(sentence: Sentence) -> bool:
    """A row of a table that reports what was done against each target ("Commitment | Target |
    Delivered in 2025/26 | Status"): its done or status cell is filled, and no target column comes
    after it ("KPI | 2019 Performance | 2020 Target" sets next year's targets: a pledge). Such a
    row restates a promise made elsewhere and says how it went; it is no new promise, but a
    claim of what was delivered (``delivered_quantity``)."""
    header, cells = row_cells(sentence.table_header), row_cells(sentence.text)
    if not sentence.table_header or cells == header:
        return False
    aims = [i for i, h in enumerate(header) if i and _AIM_COLUMN.search(h)]
    done = [i for i, h in enumerate(header) if i and i < len(cells) and cells[i].strip("-– ")
            and not _AIM_COLUMN.search(h) and (_DONE_COLUMN.search(h)
                                                or _STATUS_COLUMN.search(h) and _STATUS_CELL.search(cells[i]))]
    return bool(done) and all(a < min(done) for a in aims)


_DONE_STATUS = re.compile(r"\b(?:achieved|met|exceeded|complete[d]?|delivered)\b", re.I)


def delivered(row: Sentence) -> tuple[bool, Quantity | None]:
    """What a delivery table's row says was done: (whether it claims anything delivered, the
    figure). The figure is the first filled done column's ("Apprenticeships | 20 by March 2027 |
    22 | Achieved" -> 22 apprenticeships, counting what the row names); a row with no figure
    claims delivery only when its status says so ("Achieved"), never by "On track" or "Behind"."""
    header, cells = row_cells(row.table_header), row_cells(row.text)
    for i, h in enumerate(header[:len(cells)]):
        if not i or _AIM_COLUMN.search(h) or not _DONE_COLUMN.search(h):
            continue
        found = main_quantity(cells[i])[0]
        if found is not None:
            return True, replace(found, unit=found.unit or _counted(found.value, cells[i], _what(header, cells, i)))
    said = any(i and _STATUS_COLUMN.search(h) and _DONE_STATUS.search(cells[i])
               for i, h in enumerate(header[:len(cells)]))
    return said, None
