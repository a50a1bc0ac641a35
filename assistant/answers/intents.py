"""What a question asks of the register: its intent (a list, a total, "has X delivered Y", a comparison) and its slots
(suppliers, areas in and out, statuses, flags, kind, rating, outcome, topic words, a due year, "my area").

Rules read the slots, each said in a few fixed ways ("late", "no deadline", "outside Harrowden"); the intent is read by
rules, else by similarity to example questions with the answerer's embedder, so a paraphrase still reaches the register
while a question about the documents' prose does not. A document question never builds the register. The reading is
shown ("Showing: overdue, all suppliers, Oakley Vale")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from assistant.answers.slot_words import FLAG_WORDS, KIND_WORDS, NOT_DELIVERED, NOT_DONE, RATING_WORDS, STATUS_WORDS
from assistant.backends.embedders import Embedder
from assistant.register.charter import Charter
from assistant.vocab import FLAG_LABELS, STATUS_LABELS, Flag, Kind, Rating, Status
from ingest.places import PlaceFinder
from ingest.text import STOPWORDS, as_plural, content_tokens, stem, tokens

Intent = str  # "list" | "total" | "delivered" | "compare" | "absent"; "" means: ask the documents

_I = re.I
_PROMISE = re.compile(r"\b(promis\w*|commit\w*|pledg\w*|offer\w*|undert\w*|register)\b|"  # and what X will do
                      r"^\s*what\s+will\s+(?:\w+\s+){1,3}?do\s+(?:for|in|about)\b", _I)  # for Y: its promises
# asks for rows; not the other half of a yes/no question ("..., or are they still being drawn up?")
_ASKING = re.compile(r"\b(what|which|list|show|tell|any|anything|who|give)\b|(?<!\bor )\b(?:are|is)\b", _I)
_COMPARE = re.compile(r"\bcompar\w*|\bside by side\b|\bversus\b|\bvs\.?\s|\bwho (?:ha[sd] |have )?(?:promised|"
                      r"offer(?:s|ed)?|committed|pledged) (?:the )?most\b|\bwhich (?:[\w-]+ ){0,3}?(?:supplier|"
                      r"bidder|bid|tender|contractor|firm|company|provider)s?(?: (?:for|on|in) (?:lot )?[\w-]+)? "
                      r"(?:promised|promises|offers?|offered|committed|pledged|has|have|made|gives?|gave|will \w+) "
                      r"(?:to )?(?:the )?(?:most|fewest|least)\b|"
                      r"\bwhich (?:supplier|bidder|bid|tender|contractor)s? (?:is|was|offers?) (?:the )?best\b", _I)
# "Which suppliers promised nothing for Stanmoor?": who is missing from the rows, not the rows
_ABSENT = re.compile(r"\b(?:promise[sd]?|commit(?:s|ted)?|pledge[sd]?|offer(?:s|ed)?) nothing\b|"
                     r"\bmade no (?:promises|commitments|pledges)\b|"
                     r"\b(?:did ?n[o'’]t|did not|never) (?:promise|commit|pledge|offer)\b", _I)
# what a promise said would be done ("Has X cut ...?", "Did Y open ...?"): asks whether it was
_DOING = ("cut reduced reduce planted plant created create spent hired hire recruited recruit built build "
          "opened open installed install converted convert paid pay taken take took trained train employed "
          "employ launched launch completed complete")
_DONE = set(content_tokens(_DOING))
_SO_FAR = re.compile(r"\b(?:have|has|did)\b[^?]{0,60}?\b(?:" + "|".join(_DOING.split()) + r"|delivered|given|"
                     r"provided|achieved)\b|\bso far\b", _I)
_MONEY = set(content_tokens("money cash pounds"))  # what a total is counted in, not what it is about
_LOT = re.compile(r"\blot\s++([a-z0-9]{1,3})\b", _I)  # "on lot 2": the bids for one lot of a tender
_KEPT = r"deliver\w*|kept|keep|met|achiev\w*|done|happen\w*"  # what was promised was done: "has it happened?"
_DELIVERED = re.compile(r"^\s*(?P<what>what\s+)?(?:has|have|did|was|were)\b[^?]{0,80}?\b(?:" + _KEPT
                        + r"|meet|fulfil\w*|made good|come true|" + "|".join(_DOING.split()) + r")\b", _I)
# "What was promised for Harrowden, and has it happened?": each promise, with whether it was delivered
_AND_DELIVERED = re.compile(r"(?:\band|,)\s++(?:has|have|did|was|were|is|are)\s++(?:it|they|this|these|that|those|any|"
                            r"all|each)\b[^?]{0,40}?\b(?:" + _KEPT + r")\b", _I)
# "Is X on track with its apprenticeship commitment?", "What happened to / is happening in ...?", "How is X doing?":
# as "Has X met ...?"
_ON_TRACK = re.compile(r"^\s*(?:is|are)\b[^?]{0,80}?\b(?:on (?:track|target|course|schedule)|keeping|delivering|"
                       r"meeting|fulfilling|honouring)\b|^\s*what(?:['’]s| has)?\s++happened\s++(?:to|with)\b|"
                       r"^\s*what(?:(?:['’]s|\s++is)\s++(?:happening|going on|being done)|\s++will\s++happen)"
                       r"\s++(?:in|for|around)\b|^\s*how\s++(?:is|are|has|have)\b[^?]{0,60}?\b(?:doing|getting on|"
                       r"got on|progressing|performing|performed)\b", _I)
_TOTAL = re.compile(r"\bhow (?:many|much)\b|\btotal\b|(?<!n't )(?<!n’t )(?<!not )\badd(?:s|ed)? up\b|\bin all\b|"
                    r"\baltogether\b|\bsum of\b", _I)
_HOW_MANY_ROWS = re.compile(r"\bhow many (?:of (?:the|its|their|\w+['’]s?) )?(?:\w+ ){0,2}?(?:promises|commitments|"
                            r"pledges|undertakings|service standards|kpis)\b", _I)
_BASELINE = re.compile(r"\bbaseline\b|\bbase\s++year\b", _I)
_WHY = re.compile(r"\s*(?:why|how come)\b", _I)
_WHEN = re.compile(r"\s*(?:when|by when|by what (?:date|year)|in what year|what year)\b", _I)
_OVER_TIME = re.compile(r"\b(?:19|20)\d\d\b[^?]{0,80}?\b(?:19|20)\d\d\b|\b(?:last|previous|prior) year\b", _I)
_EITHER = re.compile(r"\balready\b[^?]{0,200}?\bor\b", re.I)
_TOTAL_SCOPE = re.compile(r"\b(?:will there be|were there|in all|in total|altogether|total|add\w* up|"
                          r"across (?:all )?(?:the )?suppliers|(?:money|funding) will (?:go|be given|be spent))\b", _I)
_DUE = re.compile(r"\b(?:due|deadline|by the end of|to be delivered)\b[^?]{0,20}?\b(?:(this|next) year|"
                  r"(?:in |by )?((?:19|20)\d\d))\b", _I)
_BESIDE = re.compile(r"\b(?:or|and|versus|vs\.?|against|compared (?:with|to))\s", _I)
_MINE = re.compile(r"\b(?:my|our) (?:area|ward|town|neighbourhood|part of town|street|estate)\b|"
                   r"\bwhere i live\b|\bnear me\b|\bfor me\b|\baround here\b", _I)
_FACILITY = re.compile(r"\s++(?:village\s++|town\s++|community\s++|leisure\s++|railway\s++|bus\s++)?"
                       r"(?:hall|school|station|library|church|cent(?:re|er)|office|depot|surgery|hospital|site)s?\b",
                       re.I)
_NOT_IN = re.compile(r"\b(?:outside(?: of)?|not in|except(?: for)?|other than|excluding|apart from|"
                     r"beyond|elsewhere than)\s+", _I)
_OUTCOME_ID = re.compile(r"\b([A-Z]{1,4}\d{1,3})\b")
_UNDER_WAY = re.compile(r"\bworking\s++(?:on|towards?)\b", _I)  # how far along; "work" is a topic ("jobs and work")
_GENERIC = set(content_tokens(
    "what did does do promise promised promises commit committed commitment commitments pledge pledged "
    "pledges make made will would supplier suppliers contractor contractors company companies resident "
    "residents area list show tell which offer offered offers undertaking undertakings anything any "
    "something there are were been has have in all total altogether many much how number count "
    "compare comparison side versus most more register rows each every them they their its it this "
    "that those these about regarding around for on of by the a an and or be is was give me us please "
    "local ones one kind kinds things thing whole contract contracts answer question deliver delivered "
    "done met kept achieved status their across between due year years rated rating so far yet still "
    "including include includes near here me our my i'm i’m i've i’ve where live borough council also place places "
    "get gets got going target targets goal goals aim aims keep keeps fulfil fulfilled honour honoured "
    "bidder bidders bid bids tender tenders nothing never fewest least best go goes last past previous "
    "recent recently ago figure figures numbers report reports set sets flag flags flagged marked "
    "labelled labeled track course schedule organisation organisations firm firms "
    # how the answer is to be shown, not what about: "a table of commitments with their deadlines", "how big"
    "table tables summary summarise summarize overview key main deadline deadlines date dates big large small "
    "size percentage percentages per cent proportion share happen happened happens come true anyone anybody "
    # when, how far along and whether reached, not what about: "what is it working towards?", "did it meet ...?"
    "since towards toward already actually planned hoped meet meets hit hits reach reached reaching achieve"))
EXAMPLES: dict[Intent, tuple[str, ...]] = {
    "list": ("What did the suppliers promise?", "Which commitments are overdue?", "Is anything late?",
             "Which promises have no deadline?", "List the commitments for Harrowden",
             "Show me the promises that are not local", "What is due this year?",
             "Which promises have been delivered?", "What has been promised for my area?",
             "Which pledges have no number attached?", "Show the service standards"),
    "total": ("How many apprenticeships were promised in total?", "How much will be spent with local "
              "businesses altogether?", "What is the total number of jobs promised?",
              "How many trees will be planted in all?"),
    "delivered": ("Has the supplier delivered its apprenticeships?", "Did they keep their promise on "
                  "carbon?", "Have they met the target for local spend?"),
    "compare": ("Compare the suppliers on local jobs", "Which supplier promised the most for the "
                "environment?", "How do the suppliers compare on carbon?"),
}


@dataclass
class Reading:
    """One question as the register understands it."""

    intent: Intent
    suppliers: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    not_areas: list[str] = field(default_factory=list)
    statuses: list[Status] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    kind: Kind | None = None
    rating: Rating | None = None
    outcome: str | None = None  # a charter outcome id
    outcome_in_words: bool = False  # named by its title's words ("spent with local businesses"), not its id
    topic: list[str] = field(default_factory=list)  # stemmed content words left over
    topic_said: list[str] = field(default_factory=list)  # the same words as the question wrote them
    topic_for: list[str] = field(default_factory=list)  # "jobs for women": the group rows must name
    due_year: int | None = None
    due_in: int | None = None  # "this year" 0, "next year" 1: years after the register's date
    my_area: bool = False
    lot: str | None = None  # a tender's lot ("2"): only the documents bidding for it
    money: bool = False  # "how much money ...": the promises in £
    unknown_supplier: list[str] = field(default_factory=list)  # names it may mean (it asks which)
    unknown_names: list[str] = field(default_factory=list)  # capitalised names it could not place

    def statuses_said(self) -> list[str]:
        """The statuses asked for, as an answer names them ("overdue", "not delivered")."""
        if set(self.statuses) == set(NOT_DELIVERED):
            return ["not delivered"]
        return [STATUS_LABELS[s].short.lower() if s != "overdue" else "overdue" for s in self.statuses]

    def shown(self, charter: Charter) -> str:
        """"Showing: overdue, all suppliers, Oakley Vale" — what the answer was filtered by."""
        parts = self.statuses_said() + [FLAG_LABELS[f].short for f in self.flags]
        if self.kind:
            parts.append("service standards" if self.kind == "service_standard" else "social value commitments")
        if self.rating:
            parts.append(f"rated {self.rating.replace('_', ' ')}")
        if self.due_year:
            parts.append(f"due in {self.due_year}")
        elif self.due_in is not None:
            parts.append("due this year" if self.due_in == 0 else "due next year")
        outcome = charter.outcome(self.outcome) if self.outcome else None
        if outcome is not None:
            parts.append(f"{outcome.id} {outcome.title}")
        if self.lot:
            parts.append(f"lot {self.lot}")
        if self.money:
            parts.append("money")
        if self.topic:  # "about jobs for women": the group said as the question said it
            said = dict(zip(self.topic, self.topic_said or self.topic))
            what = [w for t, w in said.items() if t not in self.topic_for]
            whom = [w for t, w in said.items() if t in self.topic_for]
            parts.append(" ".join((["about", *what] if what else []) + (["for", *whom] if whom else [])))
        parts.append(", ".join(self.suppliers) if self.suppliers else "all suppliers")
        areas = ", ".join(self.areas) + (" (your area)" if self.my_area else "")
        parts.append(areas if self.areas else "every area")
        parts += [f"not {a}" for a in self.not_areas]
        return "Showing: " + ", ".join(parts) + "."


class QuestionReader:
    """Reads register questions. Built once per answerer: it embeds the example questions once."""

    def __init__(self, charter: Charter, embedder: Embedder, threshold: float = 0.72) -> None:
        self.charter, self.embedder, self.threshold = charter, embedder, threshold
        self.places = PlaceFinder(charter.areas)
        from assistant.answers.suppliers import COMPANY_WORDS

        # words that are capitalised without naming anyone: common terms, the charter's own words
        self._known = _COMMON_CAPITALS | _GENERIC | set(content_tokens(" ".join(
            [charter.name, charter.place, *COMPANY_WORDS] + [o.title for o in charter.outcomes])))
        self._examples: tuple[list[Intent], np.ndarray] | None = None

    def intent(self, question: str) -> Intent:
        """The register intent by rule, else by the nearest example question; "" for the documents."""
        q = question.strip()
        if _ABSENT.search(q):
            return "absent"
        if _COMPARE.search(q):  # "How did X's spending in 2018 compare with 2017?" asks the reports
            return "" if _OVER_TIME.search(q) and not _PROMISE.search(q) else "compare"
        if _WHY.match(q):
            return ""  # "Why are the damp sensors late?": the reason a document gives, not the late rows
        if _WHEN.match(q) and not _has_slot(q):
            return ""  # "By when is X committed to net zero?": the sentence that says when, with its date
        if _BASELINE.search(q) and not _PROMISE.search(q):
            return ""  # "What were X's total baseline emissions?": a figure reported, not promises added up
        # "how much have they spent?": what the reports say against each promise, not the promised sum
        so_far = _TOTAL.search(q) and _SO_FAR.search(q) and not _PROMISE.search(q)
        done = _DELIVERED.search(q)
        # "What did X deliver?" asks what was done; "What did X promise to deliver?" what was promised
        if done and not _PROMISE_LIST.search(q) and not (done.group("what") and _PROMISE.search(q)) or so_far \
                or _ON_TRACK.search(q) or _PROMISE.search(q) and _AND_DELIVERED.search(q):
            return "delivered"
        slots = _has_slot(q)
        if _HOW_MANY_ROWS.search(q):
            return "list"  # "How many promises are overdue?": the promises, counted, not their figures added
        if _TOTAL.search(q) and (_PROMISE.search(q) or _TOTAL_SCOPE.search(q) or slots):
            return "total"
        if (_ASKING.search(q) and (_PROMISE.search(q) or slots)) or _MINE.search(q) and _PROMISE.search(q):
            return "list"
        return self._nearest(q) if slots or _PROMISE.search(q) or _TOTAL.search(q) else ""

    def _nearest(self, question: str) -> Intent:
        if self._examples is None:
            names = [intent for intent, asks in EXAMPLES.items() for _ in asks]
            self._examples = (names, self.embedder.embed([a for asks in EXAMPLES.values() for a in asks]))
        names, vectors = self._examples
        scores = vectors @ self.embedder.embed([question])[0]
        best = int(np.argmax(scores))
        return names[best] if float(scores[best]) >= self.threshold else ""

    def read(self, question: str, intent: Intent, suppliers: list[str], home_area: str | None = None,
             areas: Iterable[str] = ()) -> Reading:
        """The slots of ``question``; ``suppliers`` are the register's, ``home_area`` the
        resident's chosen area ("my area")."""
        from assistant.answers.suppliers import POSSESSIVE, candidates, supplier_in, whole_name_in

        reading = Reading(intent)
        rest = question
        if NOT_DONE.search(rest):
            reading.statuses, rest = list(NOT_DELIVERED), NOT_DONE.sub(" ", rest)
        for pattern, status in STATUS_WORDS:
            if pattern.search(rest) and not (status in ("delivered", "promised") and intent == "delivered"):
                reading.statuses.append(status)
                rest = pattern.sub(" ", rest)
        if _EITHER.search(question):  # "already done, or still to come?" asks which, it filters by neither
            reading.statuses = []
        for flag_pattern, flag in FLAG_WORDS:
            if flag_pattern.search(rest):
                reading.flags.append(flag)
                rest = flag_pattern.sub(" ", rest)
        reading.rating = _first(RATING_WORDS, rest)
        reading.kind = _first(KIND_WORDS, rest)
        for pattern in [p for p, _ in RATING_WORDS] + [p for p, _ in KIND_WORDS]:
            rest = pattern.sub(" ", rest)
        due = _DUE.search(rest)
        if due:
            reading.due_year = int(due.group(2)) if due.group(2) else None
            reading.due_in = {"this": 0, "next": 1}.get((due.group(1) or "").lower())
            rest = rest[:due.start()] + " " + rest[due.end():]
        lot = _LOT.search(rest)
        if lot:
            reading.lot = lot.group(1)
            rest = rest[:lot.start()] + " " + rest[lot.end():]
        if _MINE.search(rest):
            reading.my_area = True
            rest = _MINE.sub(" ", rest)
        rest = POSSESSIVE.sub("", rest)
        whole = whole_name_in(rest, suppliers)  # first: "Vale of Glamorgan Council" holds a place
        if whole:
            reading.suppliers = [whole]
            rest = re.sub(re.escape(whole), " ", rest, flags=re.I)
        # the charter's areas and those the documents were stored for ("Stanmoor" under a charter
        # that does not name it)
        places = PlaceFinder([*self.charter.areas, *areas]) if areas else self.places
        reading.not_areas, rest = self._excluded(rest, places)
        known = {a.lower() for a in [*self.charter.areas, *areas]}
        # a town no document is stored for that begins a supplier's name is the supplier ("What did
        # Hyde promise?": Hyde Housing Association, not the town of Hyde)
        reading.areas = [p for p in places.find(rest) if p not in reading.not_areas and (
            p.lower() in known or whole or not any(s.lower().startswith(f"{p.lower()} ") for s in suppliers))]
        if reading.my_area and home_area and home_area not in reading.areas:
            reading.areas.append(home_area)
        for place in reading.areas:  # "Oakley Vale" is a place, not the supplier "Vale of ..."
            rest = rest.replace(place, " ")
        found = reading.suppliers[0] if whole else supplier_in(rest, suppliers)
        if found:
            reading.suppliers = [found]
            # "SUEZ or Freedom Leisure?", "Wates and Kier": a second supplier named beside the first
            more = supplier_in(rest, [s for s in suppliers if s != found]) if _BESIDE.search(rest) else None
            if more:
                reading.suppliers.append(more)
        else:
            reading.unknown_supplier = candidates(rest, suppliers)
            firsts = [s.split()[0].lower() for s in reading.unknown_supplier]
            if len(firsts) > 1 and len(set(firsts)) == len(firsts) and _BESIDE.search(rest):
                reading.suppliers, reading.unknown_supplier = reading.unknown_supplier, []  # "Acme or Bolt?"
            reading.unknown_names = self._names(rest) if not reading.suppliers and not reading.unknown_supplier else []
        ids = {o.id for o in self.charter.outcomes}
        reading.outcome = next((m.group(1) for m in _OUTCOME_ID.finditer(rest) if m.group(1) in ids), None)
        names = set(content_tokens(" ".join(reading.suppliers + reading.areas + reading.not_areas
                                            + reading.unknown_supplier)))
        said: dict[str, str] = {}  # each stemmed word, as the question first wrote it
        words = tokens(_UNDER_WAY.sub(" ", _OUTCOME_ID.sub(" ", rest)))
        for token in words:
            if token not in STOPWORDS:
                said.setdefault(as_plural(stem(token)), token)  # "a young person": of young people
        done = _DONE if intent == "delivered" else set()  # "has X cut ...?": the doing, not the topic
        reading.money = bool(_MONEY & set(said))
        topic = {w: token for w, token in said.items() if w not in _GENERIC | names | done | _MONEY}
        reading.topic, reading.topic_said = list(topic), list(topic.values())
        if intent != "compare":  # "best for carbon" compares on a topic, not for a group
            reading.topic_for = _group(words, set(topic.values()))
        if reading.outcome is None and reading.topic and not reading.topic_for:  # "for young people": a group
            reading.outcome = self._outcome_named(content_tokens(_OUTCOME_ID.sub(" ", rest)))
            if reading.outcome:
                reading.topic, reading.topic_said, reading.outcome_in_words = [], [], True
        return reading

    def _names(self, text: str) -> list[str]:
        """Capitalised words after the first that are neither a supplier, a place nor a common
        term ("Sovereign", "Phoenix"): a name the register does not know, so its rows for "all
        suppliers" would answer a question nobody asked."""
        runs: list[list[str]] = [[]]
        for word in re.findall(r"[A-Za-z][A-Za-z&'’-]*|[^\sA-Za-z]", text)[1:]:
            if word[0].isupper() and len(word) > 1:
                runs[-1].append(word)
            elif runs[-1]:
                runs.append([])
        return list(dict.fromkeys(" ".join(run) for run in runs
                                  if run and not set(content_tokens(" ".join(run))) <= self._known))

    def _excluded(self, text: str, places: PlaceFinder) -> tuple[list[str], str]:
        """Places after "outside", "not in", "except" ...: left out, and taken out of the text."""
        out: list[str] = []
        for match in list(_NOT_IN.finditer(text))[::-1]:
            tail = text[match.end():match.end() + 60]
            found = places.find(tail)
            first = found[0] if found and tail.lstrip().startswith(found[0]) else None
            if first and _FACILITY.match(tail, tail.index(first) + len(first)):
                continue  # "outside Great Glemham village hall": where a thing stands, not a place left out
            if first:
                out.insert(0, first)
                at = match.end() + tail.index(first)
                text = text[:match.start()] + " " + text[at + len(first):]
        return out, text

    def _outcome_named(self, topic: list[str]) -> str | None:
        """The one outcome whose title holds every topic word ("local jobs" -> Good local jobs...)."""
        words = set(topic) - _GENERIC | ({"local"} & set(topic))
        if len(words) < 2:
            return None
        hits = [o.id for o in self.charter.outcomes if words <= set(content_tokens(o.title))]
        return hits[0] if len(hits) == 1 else None


_COMMON_CAPITALS = set(content_tokens(
    "net zero real living wage london social value charter community communities scope carbon council councils "
    "sme smes vcse nhs uk british english welsh scottish i january february march april may june july august september "
    "october november december monday tuesday wednesday thursday friday saturday sunday procurement act tom toms "
    "national"))
_PROMISE_LIST = re.compile(r"\bwhich\b|\blist\b|\bshow\b", _I)


def _group(words: list[str], topic: set[str]) -> list[str]:
    """The topic words right after "for", stemmed ("jobs for young people": young, people)."""
    group: list[str] = []
    for i, word in enumerate(words):
        if word in topic and i and (words[i - 1] == "for" or group and words[i - 1] in topic and
                                    stem(words[i - 1]) == group[-1]):
            group.append(stem(word))
    return group


def _has_slot(question: str) -> bool:
    patterns = [p for table in (STATUS_WORDS, FLAG_WORDS, RATING_WORDS, KIND_WORDS) for p, _ in table]
    return any(p.search(question) for p in [*patterns, NOT_DONE, _DUE, _MINE, _LOT])


def _first(table, text: str):
    return next((value for pattern, value in table if pattern.search(text)), None)
