"""Questions about the place's Community Value Charter itself ("What does the charter say about
jobs?", "What are the charter's outcomes?") are answered from the charter: its outcomes, each
with what residents want and how it is measured, cited to the charter. Without this the chat
searched the suppliers' documents and quoted a supplier's table as if it were the charter.

Only the place's own charter is meant: "the charter", "our charter", "the Harrowden charter" or
the charter's own name. Another body's charter named in a document ("Leicester's Social Value
Charter") is a question for the documents.
"""

from __future__ import annotations

import re

from assistant.answers.base import Answer, Citation
from assistant.register.charter import Charter, Outcome
from assistant.register.themes import themes_named
from ingest.text import content_tokens

# words that ask what the charter holds without saying which part of it
_ASKING = set(content_tokens(
    "what which does do did say says said want wants ask asks expect expects cover covers include "
    "includes mean means tell show list give me us the charter charters community value outcome "
    "outcomes priority priorities measure measures aim aims goal goals main key about on for in our "
    "this your local area place borough council residents people suppliers supplier contractors "
    "require requires need needs hope hopes care cares matter matters"))


def _names(charter: Charter) -> str:
    own = {n.strip() for n in [charter.name, charter.place, *charter.areas] if n.strip()}
    return "|".join(re.escape(n) for n in sorted(own, key=len, reverse=True))


def _mentions(charter: Charter) -> re.Pattern:
    """"the charter", "our charter", "the Harrowden charter", the charter's own name, "Harrowden's
    priorities" (the charter's outcomes are the place's priorities)."""
    names = _names(charter)
    place = rf"(?:{names})(?:['’]s)?\s+"
    return re.compile(rf"\b(?:{re.escape(charter.name)}|(?:(?:the|our|this|your)\s+(?:{place})?|{place})"
                      rf"(?:community\s+value\s+)?charter|{place}(?:social\s+value\s+)?(?:priorities|outcomes))\b",
                      re.I)


def asks_charter(question: str, charter: Charter) -> bool:
    """Whether ``question`` asks what the place's own charter says: it names the charter and no
    one else ("Has Brightstone signed up to the charter?" asks the documents about Brightstone)."""
    found = _mentions(charter).search(question)
    if found is None:
        return False
    return _names_no_one_else(question[:found.start()] + " " + question[found.end():], charter)


def _names_no_one_else(rest: str, charter: Charter) -> bool:
    """Whether the words of a question, the place's own names aside, name no one (a capital
    letter past the first word names someone: "Brightstone", "Blackpool's")."""
    rest = re.sub(rf"\b(?:{_names(charter)})\b", " ", rest, flags=re.I)
    return not [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", rest)[1:] if w[0].isupper() and w != "I"]


def chosen(question: str, charter: Charter) -> tuple[list[Outcome], list[str]]:
    """The outcomes the question is about, and its topic words as written; every outcome when it
    names no topic (or a topic no outcome holds: the caller says so)."""
    rest = re.sub(rf"\b(?:{_names(charter)})\b", " ", _mentions(charter).sub(" ", question), flags=re.I)
    said = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", rest) if content_tokens(w)
            and not set(content_tokens(w)) <= _ASKING]
    words = set(content_tokens(" ".join(said)))
    if not words:
        return list(charter.outcomes), []
    themes = themes_named(words, " ".join(said))
    hits = [o for o in charter.outcomes if o.theme in themes
            or words & set(content_tokens(" ".join([o.title, o.description, *[m.text for m in o.measures]])))]
    return hits, said


def answer_charter(question: str, charter: Charter) -> Answer:
    """The charter's outcomes the question is about, each with its measures, cited."""
    outcomes, said = chosen(question, charter)
    about = f" about {' '.join(said)}" if said else ""
    if not outcomes:
        return Answer(question, f"{charter.name} has no outcome{about}. Its outcomes are: "
                      + "; ".join(f"{o.id} {o.title}" for o in charter.outcomes) + ".", False, "register")
    citations, lines = [], []
    lead = "one outcome" if len(outcomes) == 1 else f"{len(outcomes)} outcomes"
    lines.append(f"{charter.name} sets {lead}{about}:")
    for n, o in enumerate(outcomes, start=1):
        description = " ".join(o.description.split())
        if said:  # a part of the charter asked for: what it wants and how it is measured
            measures = "; ".join(m.text for m in o.measures)
            lines.append(f"• {o.id} {o.title}: {description} Measured by: {measures}. [{n}]")
        else:  # the whole charter: its outcomes by title, each cited to what it wants
            lines.append(f"• {o.id} {o.title} [{n}]")
        citations.append(Citation(n, "", charter.name, None, f"{o.id} {o.title}", description))
    return Answer(question, "\n".join(lines), True, "register", citations)


# "What are the award criteria?", "How much weight does the criterion for jobs carry?"; not "How is
# social value weighted?", which asks its share of the whole tender's marks (a document says that)
_CRITERIA = re.compile(r"\bcriteri(?:a|on)\b", re.I)
_CRITERIA_WORDS = set(content_tokens(
    "award evaluation tender tenders scoring assessment quality criteria criterion weight weights weighting "
    "weightings weighted how is are what which does do give gives get gets given the bids bid marks mark "
    "scored score social value each"))


def asks_criteria(question: str, charter: Charter) -> bool:
    """Whether ``question`` asks how bids are marked: the charter's award criteria and their
    weights, when it sets some and the question names no one else ("What are Blackpool's award
    criteria?" asks of Blackpool's documents)."""
    return bool(charter.criteria) and _CRITERIA.search(question) is not None and _names_no_one_else(question, charter)


def answer_criteria(question: str, charter: Charter) -> Answer:
    """The award criteria, each with its weight and the outcomes it covers, cited to the charter;
    those the question names ("... give to jobs?") when it names some."""
    words = set(content_tokens(question)) - _CRITERIA_WORDS - _ASKING
    themes = themes_named(words, question) if words else set()
    outcomes = {o.id: o for o in charter.outcomes}

    def about(c) -> bool:
        covered = [outcomes[o] for o in c.outcomes if o in outcomes]
        text = " ".join([c.title, *(o.title for o in covered)])
        return bool(words & set(content_tokens(text)) or themes & {o.theme for o in covered})

    asked = [c for c in charter.criteria if about(c)] if words else []
    shown = asked or list(charter.criteria)
    total = sum(c.weight for c in charter.criteria)
    which = f"; the {'one' if len(asked) == 1 else 'ones'} asked about:" if asked else ":"
    lines = [f"A bid's social value is marked against {len(charter.criteria)} award criteria in {charter.name}, "
             f"weighted out of {total:g}{which}"]
    citations = []
    for n, c in enumerate(shown, start=1):
        lines.append(f"• {c.id} {c.title}: weight {c.weight:g}, covering {', '.join(c.outcomes)} [{n}]")
        citations.append(Citation(n, "", charter.name, None, f"{c.id} {c.title}", f"{c.title}: weight {c.weight:g}"))
    return Answer(question, "\n".join(lines), True, "register", citations)
