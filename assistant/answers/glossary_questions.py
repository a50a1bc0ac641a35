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
from assistant.glossary import Glossary, Help, Term

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


def _lookup(glossary: Glossary) -> dict[str, Term]:
    """Every way a term is written, and the term itself without its "(rating)", in any case."""
    found: dict[str, Term] = {}
    for term in glossary.terms:
        plain = re.sub(r"\s*\([^)]*\)\s*$", "", term.term)
        for form in (term.term, plain, *term.written()):
            found.setdefault(" ".join(form.casefold().split()), term)
    return found


def defined(question: str, glossary: Glossary | None) -> Term | None:
    """The glossary term ``question`` asks the meaning of, else None."""
    if glossary is None:
        return None
    asked = " ".join(question.split()).rstrip(" ?.!")
    words = _lookup(glossary)
    for pattern in _ASKS:
        found = pattern.match(asked)
        if not found:
            continue
        said = found.group("x").strip(_QUOTES + " ")
        if re.match(r"(?:what|who)\s*are\s+the\s", asked, re.I):  # "What are the service standards?"
            return None  # asks for the list of them, not what the word means
        said = _ARTICLE.sub("", said).strip(_QUOTES + " ").casefold()
        for form in (said, said[:-1] if said.endswith("s") else said):
            if form in words:
                return words[form]
    return None


def helped(question: str, glossary: Glossary | None) -> Help | None:
    """The help entry a short question asks ("How can I have my say?"): one of its ways of asking,
    as whole words, in any case."""
    if glossary is None or not glossary.help:
        return None
    words = re.findall(r"[a-z0-9]+", question.casefold().replace("’", "'").replace("'", ""))
    if len(words) > _LONGEST_HELP_QUESTION:
        return None
    said = f" {' '.join(words)} "
    for entry in glossary.help:
        for asks in entry.asks:
            if f" {' '.join(re.findall(r'[a-z0-9]+', asks.casefold().replace(chr(39), '')))} " in said:
                return entry
    return None


def answer_help(question: str, entry: Help) -> Answer:
    """The help entry's answer, cited to this service's own help (no document to open)."""
    says = " ".join(entry.says.split())
    return Answer(question, f"{says} [1]", True, "register", [Citation(1, "", ABOUT, None, entry.title, says)])


def answer_term(question: str, term: Term) -> Answer:
    """The term's one-sentence meaning, cited to the glossary (no document: no link to open)."""
    means = " ".join(term.means.split())
    return Answer(question, f"{term.term[:1].upper()}{term.term[1:]}: {means} [1]", True, "register",
                  [Citation(1, "", SOURCE, None, term.term, means)])
