"""Questions about a word ("What is an SME?", "What does scope 3 mean?", "What happens if a
supplier breaks a promise?") are answered from the plain-English glossary the residents' page
shows (assistant/glossary.py), cited to it. Without this the chat searched the suppliers'
documents: "What is an SME?" was "not found", "What is social value?" quoted a supplier's
contract clause.

Only a question that asks what a whole glossary term means is answered here: "What is
Brightstone's net zero target?" names more than the term and goes to the documents.
"""

from __future__ import annotations

import re

from assistant.answers.base import Answer, Citation
from assistant.glossary import Glossary, Help, Term, plain_words
from assistant.vocab import FLAG_LABELS, Flag

SOURCE = "What the words mean (glossary)"
ABOUT = "About this service"
_LONGEST_HELP_QUESTION = 16  # words: a longer question asks about something else as well

# "what is (meant by) X", "what does X mean / stand for", "define X", "what happens if a supplier X";
# the parts are literal words around one lazy group: linear in the question
_ASKS = [re.compile(p, re.I) for p in (
    r"^(?:so\s+|and\s+|please\s+)?(?:what|who)\s*(?:is|are|'s|’s)\s+(?:meant\s+by\s+|the\s+meaning\s+of\s+)?(?P<x>.+)$",
    r"^(?:so\s+|and\s+|please\s+)?what\s+(?:does|do)\s+(?P<x>.+?)\s+(?:mean|stand\s+for)(?:\s+here)?$",
    r"^(?:so\s+|and\s+|please\s+)?what\s+do\s+(?:you|they|we|suppliers)\s+mean\s+by\s+(?P<x>.+)$",
    r"^(?:please\s+)?(?:define|explain)\s+(?:the\s+(?:word|term)\s+)?(?P<x>.+)$",
    r"^(?:the\s+)?meaning\s+of\s+(?P<x>.+)$",
    r"^(?:so\s+|and\s+)?what\s+happens\s+(?:if|when)\s+(?:a|the|my)\s+(?:supplier|company|contractor|firm)\s+"
    r"(?P<x>.+)$",
)]
_ARTICLE = re.compile(r"^(?:an?|the)\s+", re.I)
_QUOTES = "\"'“”‘’`*"


def defined(question: str, glossary: Glossary | None) -> Term | None:
    """The glossary term ``question`` asks the meaning of, else None."""
    if glossary is None:
        return None
    for said in _words_asked(question):
        term = glossary.named(said) or (glossary.named(said[:-1]) if said.lower().endswith("s") else None)
        if term is not None:
            return term
    return None


def flag_defined(question: str) -> Flag | None:
    """The register's flag ``question`` asks the meaning of ("What does VAGUE mean?"), else None."""
    return next((f for said in _words_asked(question) for f in FLAG_LABELS if said.upper() == f), None)


def _words_asked(question: str) -> list[str]:
    """What the question asks the meaning of, as each way of asking reads it."""
    asked = " ".join(question.split()).rstrip(" ?.!")
    if re.match(r"(?:what|who)\s*are\s+the\s", asked, re.I):
        return []  # "What are the service standards?" asks for the list of them, not the word
    found = (pattern.match(asked) for pattern in _ASKS)
    return [_ARTICLE.sub("", f.group("x").strip(_QUOTES + " ")).strip(_QUOTES + " ") for f in found if f]


def answer_flag(question: str, flag: Flag) -> Answer:
    """What a flag on a register row means, in the words the register's pages give it, cited to
    this service's own help."""
    says = f"{flag}: a promise so flagged {FLAG_LABELS[flag].plain}."
    return Answer(question, f"{says} [1]", True, "register", [Citation(1, "", ABOUT, None, "Flags", says)])


def helped(question: str, glossary: Glossary | None) -> Help | None:
    """The help entry a short question asks ("How can I have my say?"): one of its ways of asking,
    as whole words, in any case."""
    if glossary is None or len(plain_words(question).split()) > _LONGEST_HELP_QUESTION:
        return None
    return glossary.help_asked(question)


def answer_help(question: str, entry: Help) -> Answer:
    """The help entry's answer, cited to this service's own help (no document to open)."""
    says = " ".join(entry.says.split())
    return Answer(question, f"{says} [1]", True, "register", [Citation(1, "", ABOUT, None, entry.title, says)])


def answer_term(question: str, term: Term) -> Answer:
    """The term's one-sentence meaning, cited to the glossary (no document: no link to open)."""
    means = " ".join(term.means.split())
    return Answer(question, f"{term.term[:1].upper()}{term.term[1:]}: {means} [1]", True, "register",
                  [Citation(1, "", SOURCE, None, term.term, means)])
