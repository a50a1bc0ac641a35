"""Questions about how the bids score ("Which bid scores highest?", "Who should win the tender?",
"How do the bids rank?", "What are the suggested scores for the Lot 2 tender?"), about one bid's
("What score did Brightstone get?", "How did Greenway score on carbon?"), and about one award
criterion ("Which bid scores best on local jobs?") are answered from
the tender evaluation sva already makes (assistant.tenders): the bidders best first with their
weighted totals, each cited to the passage its strongest criterion rests on. Without this the chat
searched the documents and quoted a bid's contact line as "the highest-scoring bid".

The evaluation is handed in (``Evaluations``, kept by assistant.tenders.book.TenderBook) and read
as ``sva tender score --json`` prints it, so this package never imports the tenders stage. Only
the commissioners' answerer is given one (Services.answerer): the residents' answerer has none.

The reading is conservative: a question needs a word of scoring or ranking ("score", "rank",
"win"; or "best", "highest" about the bids) and nothing besides ("What customer satisfaction score
did Greenway's bid promise?" names a topic and a supplier: a question for the documents).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence, Set
from typing import Protocol

from assistant.answers.base import Answer, Citation, Table
from assistant.answers.suppliers import named_bidders
from ingest.records import lot_key, tender_key
from ingest.text import content_tokens

MAX_RANKINGS = 3  # more tenders (or lots) than this: ask which one
MAX_EVALUATED = 20  # tenders (or lots) evaluated to find the one bid a question names
NOTE = ("Suggested by sva from each bid's commitments against the award criteria; a commissioner's "
        "override stands where one was made. See the Tenders tab (or sva tender score) for the reasons.")

_SCORING = re.compile(r"\b(?:scor(?:e|es|ed|ing)|rank(?:s|ed|ing|ings)?|win(?:s|ner|ners|ning)?|won|"
                      r"evaluat(?:e|ed|ion|ions))\b", re.I)
_BEST = re.compile(r"\b(?:best|highest|top|strongest|leading|compared?|comparison)\b", re.I)
_BIDS = re.compile(r"\b(?:bids?|bidders?|tenders?|tenderers?|submissions?)\b", re.I)
_LOT = re.compile(r"\blot\s+([a-z0-9][a-z0-9._-]{0,20})", re.I)
_TENDER_ID = re.compile(r"\btender\s+(?:id\s+|no\.?\s+|number\s+)?([a-z0-9][a-z0-9/._-]{0,40})", re.I)
# every other word a ranking question may hold; a word outside it names a topic or a supplier
_ASKING = frozenset(content_tokens(
    "bid bids bidder bidders tender tenders tenderer tenderers submission submissions supplier suppliers "
    "company companies firm firms contract contracts score scores scored scoring suggested suggest "
    "suggestion suggestions rank ranks ranked ranking rankings order win wins winner winning won "
    "evaluate evaluated evaluation evaluations best highest high top strongest strong leading first "
    "place placed overall compare compared comparison social value lot lots sva show list give tell "
    "me us see please should deserve deserves likely award awarded awards offer offers"))


class Scored(Protocol):
    """One tender's evaluation (assistant.tenders.scoring.Evaluation)."""

    def as_json(self) -> dict: ...


class Evaluations(Protocol):
    """What the commissioners' chat reads of bid evaluation (assistant.tenders.book.TenderBook):
    the tenders with their lots ("" when a bid names none), and one tender's evaluation."""

    def tenders(self) -> dict[str, list[str]]: ...

    def evaluate(self, tender: str, lot: str | None = None) -> Scored: ...

    def awards(self) -> dict[tuple[str, str], str]: ...

    def about(self, words: Set[str]) -> list[tuple[str, str]]: ...

    def questions(self, tender: str, lot: str | None = None) -> Sequence[Scored]: ...


def asks_ranking(question: str) -> bool:
    """Whether ``question`` uses words of scoring or ranking the bids (read before the store)."""
    return bool(_SCORING.search(question) or _WHO_WON.match(question)
                or (_BEST.search(question) and _BIDS.search(question)))


def answer_ranking(question: str, evaluations: Evaluations) -> Answer | None:
    """The ranked answer to a question about how the bids score; None when it is not one, or
    when the store holds no tenders (the caller answers as it would have)."""
    if not asks_ranking(question):
        return None
    known = evaluations.tenders()
    if not known:
        return None
    if not _only_ranking(question, known):
        return _one_bidder(question, known, evaluations) or _by_criterion(question, known, evaluations) \
            or _won_by_subject(question, evaluations)
    named, asked, lot = _named_tender(question, known), _asked_tender(question), _lot(question)
    if named is None and asked:
        return _unknown(question, f"The store has no tender {asked!r}", known)
    wanted = _rankings(known, named, lot)
    if not wanted:
        where = f"Tender {named} has no" if named else "No tender in the store has a"
        return _unknown(question, f"{where} lot {lot!r}", known)
    if len(wanted) > MAX_RANKINGS:
        return _unknown(question, "Which tender do you mean? Name it in your question", known)
    return _ranked(question, [(t, x, evaluations.evaluate(t, x or None).as_json()) for t, x in wanted],
                   evaluations.awards())


_JUDGED = re.compile(r"\b(?:scor(?:e|es|ed|ing)|rank(?:s|ed|ing|ings)?)\b", re.I)
_RANKED = re.compile(r"\brank(?:s|ed|ing|ings)?\b", re.I)  # "How do the bids rank?" asks the order
_WHICH = re.compile(r"^\s*(?:which|who|whose)\b", re.I)
NOT_PUBLISHED = ("How the bids score is for the council's commissioners to judge, and is not published here. "
                 "You can ask what a supplier promised, e.g. “What did they promise for my area?”")


def unpublished(question: str, suppliers: Callable[[], Iterable[str]] = tuple,
                criteria: Iterable[str] = ()) -> Answer | None:
    """The residents' reply to a question about how the bids score or rank: the scores are not
    theirs to see, which is said plainly instead of quoting a passage that happens to match
    ("Which bid scores highest?" had quoted a bid's contact line; "What score did Brightstone
    get?" a line of its report). Who won a contract, and how bids are evaluated, are still
    questions for the published documents. ``suppliers`` is read only for a question of scores;
    ``criteria`` are the award criteria's titles ("Which bid scores best on local jobs?")."""
    if not _JUDGED.search(question):
        return None
    words = set(content_tokens(question))
    titles = {cid: {"title": title} for cid, title in enumerate(criteria)}
    words -= _title_words(_criteria_named(words - _ASKING, titles), titles)
    named = {w for supplier in named_bidders(words, set(suppliers())) for w in content_tokens(supplier)}
    if named:  # one bid's score
        asked = _only_ranking(" ".join(sorted(words - named - _HOW_IT_WENT)), {})
    else:
        asked = bool(_WHICH.match(question) or _BEST.search(question) or _RANKED.search(question)) \
            and _only_ranking(" ".join(words), {})
    return Answer(question, NOT_PUBLISHED, False, "register") if asked else None


def _only_ranking(question: str, known: dict[str, list[str]]) -> bool:
    """Every word is one of asking about scores, or names a tender or lot the question picks."""
    own = " ".join([*known, *(x for lots in known.values() for x in lots),
                    *(m.group(1) for m in _LOT.finditer(question)),
                    _asked_tender(question) or ""])
    return set(content_tokens(question)) <= _ASKING | set(content_tokens(own))


def _named_tender(question: str, known: dict[str, list[str]]) -> str | None:
    """The tender of the store the question names, if any (the longest id first)."""
    for tender in sorted(known, key=len, reverse=True):
        if re.search(rf"(?<![\w-]){re.escape(tender)}(?![\w-])", question, re.I):
            return tender
    return None


def _asked_tender(question: str) -> str | None:
    """What follows "tender" when it reads as an id (holds a digit: "tender HBC-2026-031")."""
    found = _TENDER_ID.search(question)
    word = found.group(1).rstrip("._-") if found else ""
    return word if any(ch.isdigit() for ch in word) else None


def _lot(question: str) -> str | None:
    found = _LOT.search(question)
    return found.group(1).rstrip("._-") if found else None


def tenders_asked(question: str, known: dict[str, list[str]]) -> list[tuple[str, str]]:
    """The (tender, lot) pairs a question asks about: those it names, else every one."""
    return _rankings(known, _named_tender(question, known), _lot(question))


def _rankings(known: dict[str, list[str]], tender: str | None, lot: str | None) -> list[tuple[str, str]]:
    """(tender, lot) pairs to rank; lot "" ranks all the tender's bids together. A tender with
    several lots is ranked per lot: each lot is a competition of its own."""
    pairs: list[tuple[str, str]] = []
    for t in [tender] if tender else list(known):
        lots = known[t]
        if lot is not None:
            pairs += [(t, x) for x in lots if x.lower() == lot.lower()]
        elif len(lots) > 1 and all(lots):
            pairs += [(t, x) for x in lots]
        else:
            pairs.append((t, lots[0] if len(lots) == 1 else ""))
    return pairs


def _ranked(question: str, rankings: list[tuple[str, str, dict]], awards: dict[tuple[str, str], str]) -> Answer:
    """Each ranking as lines, best first, after who it was awarded to (asked who won, that it was
    not yet); one ranking is also the answer's table."""
    citations: list[Citation] = []
    lines: list[str] = []
    rows: list[list[str]] = []
    for tender, lot, scored in rankings:
        named = f"{tender}{f' (lot {lot})' if lot else ''}"
        if winner := winner_of(awards, tender, lot):
            lines.append(f"Tender {named} was awarded to {winner}.")
        elif _WON.search(question) or _WHO_WON.match(question):
            lines.append(f"Tender {named} has not been awarded yet.")
        lines.append(f"Suggested scores for tender {named}, best first:")
        titles = {c["id"]: c["title"] for c in scored["criteria"]}
        for bidder in scored["bidders"]:
            line, row = _bidder(bidder, titles, citations)
            lines.append(line)
            rows.append(row)
    lines.append(NOTE)
    table = Table(["Bidder", "Total", "Strongest criterion", "Source"], rows) if len(rankings) == 1 else None
    return Answer(question, "\n".join(lines), True, "register", citations, table=table)


def _won_by_subject(question: str, evaluations: Evaluations) -> Answer | None:
    """"Which supplier won the repairs contract?": who won the tenders whose bids are about repairs."""
    words = set(content_tokens(question)) - _ASKING
    wanted = evaluations.about(words) if _WHO_WON.match(question) else []
    if not wanted or len(wanted) > MAX_RANKINGS:
        return None
    return _ranked(question, [(t, x, evaluations.evaluate(t, x or None).as_json()) for t, x in wanted],
                   evaluations.awards())


def winner_of(awards: dict[tuple[str, str], str], tender: str, lot: str) -> str:
    """Who the tender's lot (or the whole tender) was awarded to; "" when it was not."""
    found = {(tender_key(t), lot_key(x)): who for (t, x), who in awards.items()}
    return found.get((tender_key(tender), lot_key(lot)), found.get((tender_key(tender), ""), ""))


_WHO_WON = re.compile(r"^\s*(?:who|which (?:supplier|bidder|bid|firm|company|contractor|provider)s?)\s+"
                      r"(?:won|(?:was|were|has been|got|gets) awarded|got)\b", re.I)
_WON = re.compile(r"\b(?:won|winners?|awarded)\b", re.I)  # "Who won?": whether it was awarded is the answer


def _bidder(bidder: dict, titles: dict[str, str], citations: list[Citation]) -> tuple[str, list[str]]:
    """"1. Acme Ltd: 72.5; strongest on AC3 Carbon (100) [1]" and its table row; [n] cites the
    passage of the bid the strongest criterion's score rests on (none when every score is 0)."""
    name = f"{bidder['rank']}. {bidder['supplier']}"
    total = f"{bidder['total']:g}" + (" (with a commissioner's override)"
                                      if any(s["override"] is not None for s in bidder["scores"]) else "")
    best = max(bidder["scores"], key=_final, default=None)  # the first of equals
    if best is None or _final(best) <= 0 or not best["reasons"]:
        return f"{name}: {total}", [name, total, "—", "—"]
    mark = _cite(best["reasons"][0], citations)
    strongest = f"{best['criterion']} {titles.get(best['criterion'], '')}".strip() + f" ({_final(best):g})"
    return f"{name}: {total}; strongest on {strongest} {mark}", [name, total, strongest, mark]


def _final(score: dict) -> float:
    return score["score"] if score["override"] is None else score["override"]


def _one_bidder(question: str, known: dict[str, list[str]], evaluations: Evaluations) -> Answer | None:
    """"What score did Brightstone get?", "How did Greenway's bid score on carbon?": one bidder's
    total, its place, and its score on each criterion (those the question names, else all) with
    the reason the score rests on, cited. None unless the question names a bidder and otherwise
    holds only words of scoring and of the tender's criteria; naming several gives the ranking."""
    wanted = _rankings(known, _named_tender(question, known), _lot(question))
    if not wanted or len(wanted) > MAX_EVALUATED:
        return None
    scored = [(t, x, evaluations.evaluate(t, x or None).as_json()) for t, x in wanted]
    words = set(content_tokens(question))
    criteria = {c["id"]: c for _, _, s in scored for c in s["criteria"]}
    titled = {w for c in criteria.values() for w in content_tokens(c["title"])}
    named = named_bidders(words, {b["supplier"] for _, _, s in scored for b in s["bidders"]}, titled)
    names = {w for supplier in named for w in content_tokens(supplier)}
    if not named or not _only_ranking(" ".join(sorted(words - names - titled - _HOW_IT_WENT)), known):
        return None
    scored = [(t, x, s) for t, x, s in scored if any(b["supplier"] in named for b in s["bidders"])]
    if len(scored) > MAX_RANKINGS:
        return _unknown(question, "Which tender do you mean? Name it in your question", known)
    if len(named) > 1:  # "How do Strong and Weak compare?": the ranking says it
        return _ranked(question, scored, evaluations.awards())
    supplier = named.pop()
    asked = set(_criteria_named(words - names, criteria))
    citations: list[Citation] = []
    lines: list[str] = []
    rows: list[list[str]] = []
    for tender, lot, result in scored:
        bidder = next((b for b in result["bidders"] if b["supplier"] == supplier), None)
        if bidder is None:
            continue
        weights = {c["id"]: c["weight"] for c in result["criteria"]}
        out_of = " of 100" if abs(sum(weights.values()) - 100) < 1e-6 else ""
        lines.append(f"{supplier}: {bidder['total']:g}{out_of}, ranked {bidder['rank']} of "
                     f"{len(result['bidders'])} for tender {tender}{f' (lot {lot})' if lot else ''}.")
        for score in bidder["scores"]:
            if asked and score["criterion"] not in asked:
                continue
            title = f"{score['criterion']} {criteria.get(score['criterion'], {}).get('title', '')}".strip()
            value = f"{_final(score):g}" + (" (a commissioner's override)" if score["override"] is not None else "")
            why = " ".join(f"{text} {mark}".rstrip() for text, mark in _reasons(score, citations))
            lines.append(f"{title}: {value} (weight {weights.get(score['criterion'], 0):g}); {why}")
            rows.append([title, f"{weights.get(score['criterion'], 0):g}", value, why])
    lines.append(NOTE)
    table = Table(["Criterion", "Weight", "Score", "Why"], rows) if len(scored) == 1 else None
    return Answer(question, "\n".join(lines), True, "register", citations, table=table)


def _by_criterion(question: str, known: dict[str, list[str]], evaluations: Evaluations) -> Answer | None:
    """"Which bid scores best on local jobs?": the bidders ranked on the award criteria the
    question names by their titles' words, each with its score and the reason it rests on, cited.
    None unless every word besides those of scoring is a word of the criteria named."""
    wanted = _rankings(known, _named_tender(question, known), _lot(question))
    if not wanted or len(wanted) > MAX_RANKINGS:
        return None
    scored = [(t, x, evaluations.evaluate(t, x or None).as_json()) for t, x in wanted]
    rest = set(content_tokens(question)) - _ASKING - _HOW_IT_WENT
    criteria = {c["id"]: c for _, _, s in scored for c in s["criteria"]}
    asked = _criteria_named(rest, criteria)
    if not asked or not _only_ranking(" ".join(sorted(rest - _title_words(asked, criteria))), known):
        return None
    citations: list[Citation] = []
    lines: list[str] = []
    rows: list[list[str]] = []
    for tender, lot, result in scored:
        weights = {c["id"]: c["weight"] for c in result["criteria"]}
        for cid in asked:
            title = f"{cid} {criteria[cid]['title']}"
            lines.append(f"Suggested scores on {title} (weight {weights.get(cid, 0):g}) for tender {tender}"
                         f"{f' (lot {lot})' if lot else ''}, best first:")
            ranked = sorted(result["bidders"], key=lambda b: (-_final(_on(b, cid)), b["rank"], b["supplier"].lower()))
            place = 0
            for i, bidder in enumerate(ranked):
                score = _on(bidder, cid)
                if not i or _final(score) != _final(_on(ranked[i - 1], cid)):
                    place = i + 1
                value = f"{_final(score):g}" + (" (a commissioner's override)" if score["override"] is not None else "")
                why = " ".join(f"{text} {mark}".rstrip() for text, mark in _reasons(score, citations))
                lines.append(f"{place}. {bidder['supplier']}: {value}; {why}")
                rows.append([f"{place}. {bidder['supplier']}", value, why])
    lines.append(NOTE)
    table = Table(["Bidder", "Score", "Why"], rows) if len(scored) == 1 and len(asked) == 1 else None
    return Answer(question, "\n".join(lines), True, "register", citations, table=table)


def _criteria_named(words: Set[str], criteria: dict) -> list:
    """The criteria whose titles hold the question's ``words``, the fullest match first; one
    adding no word another has not matched is left out ("local jobs": AC1 "Local jobs ...",
    not also AC2 "Spend with local businesses")."""
    hits = {cid: words & set(content_tokens(c["title"])) - _ASKING for cid, c in criteria.items()}
    named: list[str] = []
    covered: set[str] = set()
    for cid in sorted(hits, key=lambda c: -len(hits[c])):
        if hits[cid] - covered:
            named.append(cid)
            covered |= hits[cid]
    return named


def _title_words(ids: Iterable, criteria: dict) -> set[str]:
    return {w for cid in ids for w in content_tokens(criteria[cid]["title"])}


def _on(bidder: dict, criterion: str) -> dict:
    """A bidder's score on one criterion (a criterion it was not scored on counts 0)."""
    return next((s for s in bidder["scores"] if s["criterion"] == criterion),
                {"criterion": criterion, "score": 0, "override": None, "reasons": []})


# how a bid did, asked of one bidder ("What score did X get?", "Why did X score so low?")
_HOW_IT_WENT = frozenset(content_tokens("get gets got receive receives received achieve achieved "
                                        "low lower lowest poor poorly well worst weakest weak why"))


def _reason(score: dict, citations: list[Citation]) -> tuple[str, str]:
    """The first reason a criterion's score rests on, and the [n] citing its passage."""
    if not score["reasons"]:
        return "no commitment in the bid for it", ""
    return score["reasons"][0]["text"], _cite(score["reasons"][0], citations)


def _reasons(score: dict, citations: list[Citation]) -> list[tuple[str, str]]:
    """The first reason a criterion's score rests on and, when the score took a step off for an
    overdue earlier promise, that one too: each with the [n] citing its passage."""
    first = [_reason(score, citations)]
    overdue = next((r for r in score["reasons"] if r.get("role") == "overdue"), None)
    if overdue is None or overdue is (score["reasons"] or [None])[0]:
        return first
    return first + [(overdue["text"], _cite(overdue, citations))]


def _cite(reason: dict, citations: list[Citation]) -> str:
    """The [n] of the passage a reason quotes, added to ``citations``."""
    return cite_passage(reason["citation"], citations)


def cite_passage(where: dict, citations: list[Citation]) -> str:
    """The [n] of a passage as tender JSON gives it ({"doc_id", "source", "page", "quote"}), added to
    ``citations``."""
    citations.append(Citation(len(citations) + 1, where["doc_id"], where["source"], where["page"], "",
                              where["quote"]))
    return f"[{len(citations)}]"


def _unknown(question: str, problem: str, known: dict[str, list[str]]) -> Answer:
    """The tender or lot asked for is not in the store, or there are too many to list: say which
    tenders there are and ask again."""
    listed = "; ".join(t + (f" (lot{'s' if len(lots) > 1 else ''} {', '.join(x for x in lots if x)})"
                            if any(lots) else "") for t, lots in known.items())
    first = next(iter(known))
    return Answer(question, f"{problem}. The tenders in the store are: {listed}. Ask again naming one, "
                            f"e.g. “How do the bids for {first} rank?”", False, "register")
