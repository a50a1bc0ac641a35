"""Which supplier a question names: a whole name, or a word only one supplier's name has — and
never a different supplier that shares a word with it ("Kier Living" is not "Kier Construction")."""

from __future__ import annotations

import re
from collections.abc import Set

from ingest.text import STOPWORDS, content_tokens

# words many organisations' names share, and function words: they name no one supplier
# ("Canterbury City Council" is not "... Somerset Council", "target for" is not "Places for People")
COMPANY_WORDS = {"ltd", "limited", "plc", "llp", "llc", "inc", "co", "company", "group", "holdings",
                  "uk", "services", "solutions", "council", "city", "county", "borough", "district",
                  "metropolitan", "housing", "association", "homes", "trust", "partnership"} | STOPWORDS

POSSESSIVE = re.compile(r"(?<=\w)['’](?:s\b|(?!\w))")  # "Wates's", "suppliers'"; not "O'Rourke"
# "Who is X?", "Who are X?", "Tell me about X", "What does X do?", "What kind of company is X?"
_WHO = [re.compile(p, re.I) for p in (
    r"^(?:so\s+|and\s+)?who\s*(?:is|are|'s|’s|were|was)\s+(?P<x>[^?]{1,80}?)\s*\??$",
    r"^(?:please\s+)?tell\s+me\s+(?:more\s+)?about\s+(?P<x>[^?]{1,80}?)\s*[?.!]?$",
    r"^what\s+(?:does|do)\s+(?P<x>[^?]{1,80}?)\s+do\s*\??$",
    r"^what\s+(?:kind|sort|type)\s+of\s+(?:company|business|firm|organisation|organization)\s+(?:is|are)\s+"
    r"(?P<x>[^?]{1,80}?)\s*\??$",
)]


def supplier_in(question: str, suppliers: list[str]) -> str | None:
    """The supplier the question names: a whole name first (the longest, so "Kier Living" wins over
    "Kier"), else a distinctive word of exactly one supplier's name ("Acme" for "Acme Housing"),
    unless the question writes it as part of another name ("Kier Living" when only Kier
    Construction is known). A word several suppliers share names none of them: no supplier rather
    than the wrong one (the caller asks which)."""
    whole = whole_name_in(question, suppliers)
    if whole:
        return whole
    found = candidates(question, suppliers)
    if len(found) != 1:
        return None
    supplier = found[0]
    own = set(_words(supplier))
    names = _capitalised_runs(question)
    # one word of its name inside another name ("Kier Living" when Kier Construction is known);
    # "Blackcraig Wind Farm Community Fund" holds three of "Blackcraig Wind Farm Limited"'s: its fund
    clashing = any(len(set(run) & own) == 1 and not set(run) <= own | COMPANY_WORDS for run in names)
    return None if clashing else supplier


def who_asked(question: str) -> str | None:
    """Whom a question asks about as a whole ("Who is Brightstone?", "Tell me about Greenway",
    "What does Northfield do?"): the words after the asking, else None."""
    asked = " ".join(question.split())
    for pattern in _WHO:
        found = pattern.match(asked)
        if found:
            return found.group("x")
    return None


def asks_who(question: str, suppliers: list[str]) -> str | None:
    """The supplier a question asks about as a whole: every word it gives is in that supplier's
    name. "Who is Sarah Northfield?" asks about someone else."""
    named = who_asked(question)
    if named is None:
        return None
    words = [w for w in _words(named) if w not in ("the", "a", "an")]
    supplier = supplier_in(named, suppliers)
    return supplier if words and supplier and set(words) <= set(_words(supplier)) else None


def whole_name_in(question: str, suppliers: list[str]) -> str | None:
    """A supplier whose whole name the question writes (the longest: "Kier Living" over "Kier")."""
    words = _words(question)
    whole = [s for s in suppliers if _contains(words, _words(s))]
    return max(whole, key=lambda s: len(_words(s))) if whole else None


def in_their_case(question: str, suppliers: list[str]) -> str:
    """The question with each supplier's whole name written as a name: as the supplier writes it
    ("mhs homes" asked of "MHS Homes"), capitalised when it is all lower case ("mhs homes" stored
    so). A name is read by its capitals, and the answer must then come from its documents."""
    for supplier in sorted(suppliers, key=len, reverse=True):
        words = supplier.split()
        if len(words) < 2 and not re.search(r"\w[A-Z]", supplier):
            continue  # one plain word ("Councils", "Wates") may be a common word in a question
        written = supplier.title() if supplier.islower() else supplier
        pattern = r"(?<![\w'’])" + r"\s++".join(map(re.escape, words)) + r"(?![\w])"
        question = re.sub(pattern, written.replace("\\", r"\\"), question, flags=re.I)
    return question


def places_in_their_case(question: str, areas: list[str]) -> str:
    """The question with each area it puts after "in", "for", "near" ... written as the area is
    ("jobs in falkirk" is "jobs in Falkirk": a place, not the supplier Falkirk Council)."""
    for area in sorted(areas, key=len, reverse=True):
        words = area.split()
        if not words:
            continue
        pattern = r"\b(in|for|near|around|across|at)\s++" + r"\s++".join(map(re.escape, words)) + r"(?![\w])"
        question = re.sub(pattern, r"\g<1> " + area.replace("\\", r"\\"), question, flags=re.I)
    return question


def candidates(question: str, suppliers: list[str]) -> list[str]:
    """Suppliers one of whose distinctive words the question uses: the first (its brand,
    "Northfield") as written, a later one ("Property Care") only capitalised, so "jobs for care
    leavers" names no "Northfield Property Care"; those named by their brand, when any are."""
    words = set(_words(question))
    capitalised = {w.lower() for w in re.findall(r"\b[A-Z][A-Za-z0-9]*(?:['’&][A-Za-z0-9]+)*", question)}
    runs = _capitalised_runs(question)

    owns = {s: [w for w in _words(s) if w not in COMPANY_WORDS] for s in suppliers}  # each name's own words

    def named(supplier: str) -> bool:
        own = owns[supplier]
        if not own or own[0] in words:
            return bool(own)
        # a later word inside another name is that name's ("Crow Edge Community Centre" is not
        # "Plymouth Community Homes")
        shared = set(own[1:]) & capitalised
        whole = set(_words(supplier)) | COMPANY_WORDS
        return bool(shared) and not any(set(run) & shared and not set(run) <= whole for run in runs)
    found = [s for s in suppliers if named(s)]
    # more of one name than of any other ("Liverpool University Hospitals" is the Trust's, though
    # "University of Worcester" opens with one of its words)
    held = {s: len(set(owns[s]) & words) for s in found}
    most = max(held.values(), default=0)
    if most >= 2 and sum(n == most for n in held.values()) == 1:
        return [s for s in found if held[s] == most]
    # a brand named beats a later word of another name ("Kier ... its Our People pillar" is Kier
    # Group's, not "Procurement Hub (Places for People)"'s)
    brands = [s for s in found if owns[s] and owns[s][0] in words]
    return sorted(brands or found)


def _capitalised_runs(question: str) -> list[list[str]]:
    """Runs of capitalised words ("Kier Living"), lower-cased, without the question's first word."""
    runs: list[list[str]] = []
    current: list[str] = []
    for i, token in enumerate(re.findall(r"[A-Za-z0-9]+(?:['’&][A-Za-z0-9]+)*|\S", question)):
        if token[:1].isupper() and i > 0:
            current.append(token.lower())
        else:
            if current:
                runs.append(current)
            current = []
    return runs + ([current] if current else [])


def _words(text: str) -> list[str]:
    """Lower-cased words, possessives dropped ("Wates's" is "wates"), one apostrophe ("O’Rourke" is
    "o'rourke")."""
    return re.findall(r"[a-z0-9]+(?:['&][a-z0-9]+)*", POSSESSIVE.sub("", text.lower()).replace("’", "'"))


def _contains(words: list[str], name: list[str]) -> bool:
    """Does ``name`` occur as consecutive whole words in ``words``?"""
    n = len(name)
    return n > 0 and any(words[i:i + n] == name for i in range(len(words) - n + 1))


# words naming a company's form, never which company it is
_FORM = frozenset(content_tokens("ltd limited plc llp group uk services service company construction "
                                 "facilities holdings partnership contractors solutions"))


def named_bidders(words: Set[str], bidders: Set[str], topic: Set[str] = frozenset()) -> set[str]:
    """The bidders a question's ``words`` name: by a word of a bidder's name that no other
    bidder's name holds ("Acme" of "Acme Housing" beside "Bolt Housing"; all its words when none
    is its own), and not only by words of the ``topic`` asked about (the criteria: a firm called
    "Local Jobs Ltd" is not named by "Which bid scores best on local jobs?")."""
    own = {b: set(content_tokens(b)) - _FORM for b in bidders}
    named = set()
    for bidder, ours in own.items():
        theirs = set().union(*(w for other, w in own.items() if other != bidder))
        if words & ((ours - theirs) or ours) - topic:
            named.add(bidder)
    return named
