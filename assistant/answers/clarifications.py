"""Commissioners asking the chat what to ask the bidders ("What clarification questions should I ask
Northfield?") get the questions sva already drafts for every flagged commitment of a bid
(assistant.tenders.questions, the Tenders tab and `sva tender questions`), each citing the passage
it quotes. The chat had searched the documents for the words and found nothing.

The drafts are handed in (``Evaluations.questions``) and read as their JSON, so this package still
never imports the tenders stage; the residents' answerer has no evaluations, and so none of this.
Without a tender named, the tenders still being evaluated are asked about (an awarded tender's
questions are history), else every tender.
"""

from __future__ import annotations

import re

from assistant.answers.base import Answer, Citation
from assistant.answers.suppliers import named_bidders
from assistant.answers.tender_questions import Evaluations, cite_passage, tenders_asked, winner_of
from assistant.vocab import FLAG_LABELS
from ingest.text import content_tokens

MAX_SHOWN = 12  # more than this: the rest are counted, and the Tenders tab has them all

_ASKS = re.compile(r"\bclarification\b|\bquestions?\b[^?]{0,40}?\b(?:ask|put|send|raise)\b", re.I)
# "What are the weaknesses of Greenway's bid?": its flagged commitments, each with what is missing
_WEAK = re.compile(r"\b(?:weakness(?:es)?|weak (?:points?|spots?|areas?)|gaps?|concerns?|risks?|red flags?|"
                   r"shortcomings?|flaws?|problems?)\b", re.I)
_BIDS = re.compile(r"\b(?:bids?|bidders?|tenders?|tenderers?|submissions?|offers?)\b", re.I)


def asks_clarifications(question: str) -> bool:
    return _ASKS.search(question) is not None or asks_weaknesses(question)


def asks_weaknesses(question: str) -> bool:
    return _WEAK.search(question) is not None and _BIDS.search(question) is not None


def answer_clarifications(question: str, evaluations: Evaluations) -> Answer | None:
    """The drafted questions for the tender(s) asked about, of the bidder(s) named, each cited; None
    when the question asks for none or the store holds no tenders (the caller answers as it would)."""
    if not asks_clarifications(question):
        return None
    known = evaluations.tenders()  # read only when asked: it walks the store's documents
    if not known:
        return None
    wanted = tenders_asked(question, known)
    awards = evaluations.awards()
    open_ones = [(t, x) for t, x in wanted if not winner_of(awards, t, x)]
    if len(wanted) > 1 and open_ones:
        wanted = open_ones
    drafted = [(t, x, q) for t, x in wanted for q in (d.as_json() for d in evaluations.questions(t, x or None))]
    bidders = {q["supplier"] for _, _, q in drafted}
    named = named_bidders(set(content_tokens(question)), bidders)
    if named:
        drafted = [(t, x, q) for t, x, q in drafted if q["supplier"] in named]
    asked = ", ".join(sorted(named))
    whose, of_whom = (f" to {asked}", f" of {asked}") if named else ("", "")
    where = "; ".join(f"{t}{f' (lot {x})' if x else ''}" for t, x in wanted)
    weak = asks_weaknesses(question) and not _ASKS.search(question)
    if not drafted:
        said = f"No commitment{of_whom} in the bids" if weak else f"No clarification questions{whose}"
        return Answer(question, f"{said} for tender {where}: no commitment in the bids is flagged.", True, "register")
    lines = [f"Flagged commitments{of_whom} in the bids for tender {where}, each with what "
             "it lacks (the Tenders tab drafts a clarification question for each):" if weak else
             f"Clarification questions{whose} for tender {where}, one for each flagged commitment:"]
    citations: list[Citation] = []
    last = ""
    for number, (_, _, q) in enumerate(drafted[:MAX_SHOWN], start=1):
        if q["supplier"] != last and len(named) != 1:  # whose, unless one bidder was asked about
            lines.append(f"{q['supplier']}:")
            last = q["supplier"]
        said = (f"“{' '.join(q['citation']['quote'].split())}”: {', '.join(FLAG_LABELS[f].short for f in q['flags'])}"
                if weak else q["question"])
        lines.append(f"{number}. {said} {cite_passage(q['citation'], citations)}")
    if len(drafted) > MAX_SHOWN:
        lines.append(f"And {len(drafted) - MAX_SHOWN} more: see the Tenders tab (or sva tender questions).")
    return Answer(question, "\n".join(lines), True, "register", citations)
