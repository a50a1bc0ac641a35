"""Words that mean the same thing in what suppliers and councils write, for matching a question's
words to a sentence's.

Residents ask in their own words: "When does the contract start?" of "set to begin in June";
"What cut did they achieve?" of "a 27 per cent reduction"; "How many tenants want to be happy with
the fixes?" of "90% customer satisfaction with the repair". Each group is a set of everyday words a
reader takes as one; a question's word is held by a sentence that says any of them. The groups are
few and plain on purpose, mostly verbs of doing: a loose thesaurus lets unrelated sentences through
the refusal floors. Nouns of aim ("goal" for "target") were tried and left out: "Did Lendlease hit
its $250m goal?" then quoted "well on track to achieve our target" alone, not the later sentence
saying the goal was exceeded.
"""

from __future__ import annotations

from functools import lru_cache

from ingest.text import content_tokens

_GROUPS = (
    "start starts started begin begins began beginning commence commences commenced commencement launch launched",
    "finish finishes finished expire expires expired expiry",
    "cut cuts reduce reduces reduced reducing lower lowered decrease decreased",
    "buy buys bought purchase purchased procure procured",
    "hire hired recruit recruited recruitment",
    "fix fixes fixed repair repairs repaired mend",
    "happy satisfied satisfaction",
    "phone telephone",
    "worth valued",  # "What is the contract worth?": "valued at £6m per annum"
    "late delay delays delayed overdue behind",  # "Why are the sensors late?": "Installations were delayed by ..."
)


@lru_cache(maxsize=1)
def _index() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for group in _GROUPS:
        stems = frozenset(content_tokens(group))
        for word in stems:
            index.setdefault(word, set()).update(stems - {word})
    return {word: frozenset(others) for word, others in index.items()}


def alike(term: str) -> frozenset[str]:
    """The (stemmed) words that mean what ``term`` means, itself apart ("start": "begin", "commence")."""
    return _index().get(term, frozenset())
