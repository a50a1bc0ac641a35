"""Whose words a statement is. Text aimed at an assistant is data, never a promise or evidence.
A register row is its supplier's, and a document often quotes other bodies: a council's news
release on its new contractor says what the council itself will do ("The Council is increasing
investment in the service by £1m a year"): a sentence whose subject is the council is no promise,
nor evidence, of the supplier's."""

from __future__ import annotations

import re

from ingest.injection import is_instruction
from ingest.records import StatementRecord

# the subject a sentence opens with, when it is a council: "The Council is ...", "In 2019 Flintshire
# County Council agreed to ..." (not "The Council's programme", nor "The Council and Acme will")
_COUNCIL_FIRST = re.compile(r"\W*+(?:[Ii]n\s++\d{4},?\s++)?(?:[Tt]he\s++)?(?:[A-Z][\w&'’-]*+\s++){0,4}?Council\b"
                            r"(?!['’]s\b|\s++(?:and|&)\s)"
                            # the council receiving what the supplier gives is the supplier's promise:
                            # "Stratford District Council is said to receive more than £8.8m from ..."
                            r"(?!\s++(?:\w+\s++){0,3}?(?:receiv|get|benefit|be\s++paid|be\s++given)\w*)")


def anothers(s: StatementRecord) -> bool:
    """Whether the sentence's subject is a council while its document's supplier is none: the
    buyer's words in a supplier's document, unless the council is to receive what is given. (A
    council's document may speak of its partners' projects in its own name; those stay its rows.)"""
    return "council" not in s.supplier.lower() and _COUNCIL_FIRST.match(s.sentence) is not None


def speaks_to_ai(s: StatementRecord) -> bool:
    """Text aimed at an assistant (also in statements stored before ingest learnt to leave them out)."""
    return is_instruction(s.sentence) or is_instruction(s.text)
