"""How a supplier is rated, asked in the chat ("How is Brightstone rated?", "How is Northfield
performing?", "What are Brightstone's ratings?"): the Procurement Act 2023 performance rating of
each of its contracts (assistant/register/performance.py), how many of its commitments stand at
each rating, and those rated below "approaching target", quoted and cited. A question that names a
rating ("Which promises are rated inadequate?") lists those rows instead (register_questions)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from assistant.answers.base import Answer
from assistant.answers.register_questions import Cited
from assistant.answers.suppliers import supplier_in
from assistant.register.commitments import Register
from assistant.register.performance import contract_of, contract_ratings, contract_rows
from assistant.vocab import RATING_LABELS, Rating

# "How is X rated?", "X's ratings", "the ratings of X", "contract ratings"; not "What rating did the
# regulator give X?", which a document answers
_ASKS = re.compile(r"\bhow\s++(?:is|are|was|were|has|have)\b[^?]{1,80}?\b(?:rated|performing|performed)\b"
                   r"|(?:['’]s|s['’])\s++(?:contract\s++)?(?:performance\s++)?ratings?\b|\bratings?\s++(?:of|for)\b"
                   r"|\b(?:contract|performance)\s++ratings?\b", re.I)
_NAMED = re.compile(r"\b(?:good|inadequate|requires?\s++improvement|approaching)\b", re.I)  # a rating asked for
_BELOW: tuple[Rating, ...] = ("inadequate", "requires_improvement")  # quoted, worst first
_ORDER: tuple[Rating, ...] = ("good", "approaching_target", "requires_improvement", "inadequate", "other")


def asks_rating(question: str) -> bool:
    """Whether a question asks how someone is rated, not which rows have a rating it names."""
    return bool(_ASKS.search(question)) and not _NAMED.search(question)


def answer_rating(question: str, register: Register,
                  title_of: Callable[[str], str] = lambda doc_id: "") -> Answer | None:
    """The ratings of the supplier the question names; None when it names none of the register's.
    Each contract is named by the title of the response that won it (``title_of`` a document's id),
    with its file name ("“Brightstone Construction Ltd - Tender Response HBC-2025-014”
    (brightstone_tender_response.pdf)"), or by the file name alone when it has no title."""
    supplier = supplier_in(question, register.suppliers())
    if supplier is None:
        return None
    shown = f"Showing: contract performance ratings, {supplier}."
    rows = contract_rows([c for c in register.all() if c.supplier == supplier], register.open_bids())
    if not rows:
        return Answer(question, f"{shown}\n{supplier} holds no contract in the documents to rate: only a contract "
                                "won (a tender response, not a bid still being evaluated) is rated.", False, "register")
    lines, ratings = [shown], contract_ratings(rows)
    for source in dict.fromkeys(c.source for c in rows):  # each contract: the response that won it
        of_it = [c for c in rows if c.source == source]
        rating, rated = ratings[contract_of(of_it[0])], sum(c.rating != "other" for c in of_it)
        said = (f"rated {RATING_LABELS[rating].short}, the middle rating of its {rated} rated commitments"
                if rating != "other" else "not rated yet: nothing is due yet, or nothing can be measured")
        title = " ".join(title_of(of_it[0].doc_id).split())
        named = f"won with “{title}” ({source})" if title and title != source else f"of {source}"
        lines.append(f"The contract {named} is {said} (Procurement Act 2023 contract performance).")
    counts = Counter(c.rating for c in rows)
    lines.append(" · ".join(f"{RATING_LABELS[r].short if r != 'other' else 'Not rated yet'}: {counts[r]}"
                            for r in _ORDER if counts[r]))
    cited = Cited()
    for rating in _BELOW:
        below = [c for c in rows if c.rating == rating]
        if below:
            lines.append(f"{RATING_LABELS[rating].short} ({RATING_LABELS[rating].plain.lower()}):")
            lines += [f"• {' '.join(c.text.split())} {cited.row(c)}" for c in below]
    if not any(counts[r] for r in _BELOW):
        lines.append("None of its commitments is rated below approaching target.")
    return Answer(question, "\n".join(lines), True, "register", cited.citations, rows=cited.rows)
