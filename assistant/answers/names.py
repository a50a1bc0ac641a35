"""Who and what a question names, and whether a sentence names them: runs of capitalised words
("Has Hinkley Point C paid out?"), matched by stem or acronym ("HPC"); whether it asks who runs
or supplies something, and whether a sentence says so or names someone else.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from ingest.text import STOPWORDS, content_tokens, stem, tokens

# a name's word starts with a capital, or has one after its first letters ("discoverIE", "easyJet")
_NAME_WORD = r"(?:[A-Z]|[a-z]{1,12}+[A-Z])[\w'’&-]*"
_NAME_RUN = re.compile(rf"(?<![.?!]\s)(?<!^)\b{_NAME_WORD}(?:\s+(?:of\s+|and\s+|&\s+)?{_NAME_WORD})*")


_I = re.compile(r"I(?:['’](?:m|ve|d|ll))?")  # "if I'm locked out": the asker, no name


def names_in(question: str) -> list[list[str]]:
    """The names a question is about, as runs of capitalised words ("Has Hinkley Point C Community
    Fund paid out?" -> [["Hinkley", "Point", "C", "Community", "Fund"]]); "HS2" keeps its digit, and
    a word capitalised inside ("discoverIE") is a name too."""
    runs = []
    # spaces made one: "1.   Approved the plan" opens with a sentence's first word, no name
    for match in _NAME_RUN.finditer(" ".join(question.split())):
        words = [w for w in re.findall(r"[\w'’&-]+", match.group(0))
                 if w.lower() not in ("of", "and") and not _I.fullmatch(w)]
        if any(_stems(w) for w in words):
            runs.append(words)
    return runs


def without_names(question: str, runs: list[list[str]]) -> str:
    """What the question asks of the names it gives, without them ("How much has IM Properties put
    into the Mercia Park Fund?" -> "How much has put into the"); "" when it gives none, or when
    little is left."""
    names = {_POSSESSIVE.sub("", w) for run in runs for w in run}
    rest = " ".join(w for w in question.split() if _POSSESSIVE.sub("", w) not in names)
    return rest if names and len(content_tokens(rest)) >= 2 else ""


_POSSESSIVE = re.compile(r"(?:['’]s)?[?.,!:;]*$")


def named(runs: list[list[str]], terms: set[str]) -> tuple[set[str], set[str]]:
    """(the names' stems, those ``terms`` hold): a word is held when its stem is, or when an
    acronym of a stretch of its run is ("HPC" holds Hinkley, Point and C). A lone letter is
    wanted of no text (a page on Hinkley Point C may call it Hinkley Point)."""
    wanted: set[str] = set()
    held: set[str] = set()
    acronyms = [t for t in terms if len(t) >= 2]
    for words in runs:
        stems = [_stems(w) for w in words]
        # a lone letter ("Hinkley Point C") is too short to be looked for alone
        wanted.update(*(s for w, s in zip(words, stems) if len(w) > 1))
        held.update(*(s & terms for s in stems))
        # each term found among the run's initials (a search per term, not every stretch of the
        # run: a long run of capitals in a question stays linear)
        initials = "".join(w[0] for w in words).lower()
        for term in acronyms:
            at = initials.find(term)
            while at >= 0:
                held.update(*stems[at:at + len(term)])
                at = initials.find(term, at + 1)
    return wanted, held & wanted


def _stems(word: str) -> set[str]:
    return {stem(t) for t in tokens(word) if t not in STOPWORDS}


_Q_WHO_NAMED = re.compile(r"^\s*who\s+(?:runs|ran|manages|managed|chairs|chaired|leads|led|administers|operates|"
                          r"owns|funds|funded|sponsors|organises|organised|supplies|supplied|built|set up|"
                          r"is appointed|was appointed|has been appointed|will run|will manage)\b|"
                          r"\bwhich (?:\w+ ){0,3}(?:organisations?|organizations?|companies|company|firms?|"
                          r"bodies|body|providers?|suppliers?|charity|charities|partners?|contractors?|"
                          r"consultants?|developers?|colleges?|schools?|universit(?:y|ies)|hospitals?|"
                          r"communit(?:y|ies)|towns?|villages?|cities|city|wards?|boroughs?|count(?:y|ies)|"
                          r"regions?|nations?|countries|parts of the\s+\w+)\b|\bwhat is the name of\b|"
                          r"^\s*(?:in\s+)?where\b", re.I)


_Q_WHO_RUNS = re.compile(r"^\s*who\s+(?:will\s+)?(?:runs?|ran|manages?|managed|administers?|operates?|oversees?)\b",
                         re.I)
_RUN_BY = re.compile(r"\b(?:run|managed|administered|operated|overseen|delivered)\s++by\b|\bon\s++behalf\s++of\b|"
                     r"\b(?:runs|manages|administers|operates|oversees)\s++(?:the|this|it)\b", re.I)


def asks_who_runs(question: str) -> bool:
    """"Who manages the fund?": the answer says who runs it ("managed by ...", "on behalf of")."""
    return _Q_WHO_RUNS.match(question) is not None


def says_who_runs(text: str) -> bool:
    return _RUN_BY.search(text) is not None


def asks_for_name(question: str) -> bool:
    """Asks who runs, chairs or supplies something, which company, body, place or institution, or
    where: the answer names one ("At which colleges ...?" is not answered by what the grants pay for)."""
    return _Q_WHO_NAMED.search(question) is not None


_DOCUMENT_WORDS = {"report", "plan", "strategy", "policy", "charter", "statement", "review", "update", "framework"}
# a part of a document ("Appendix A", "Schedule 2") is no one either
_PARTS = {"appendix", "annex", "schedule", "section", "table", "figure", "paragraph", "page", "clause", "chapter"}


# capitals that name a kind of thing, not someone: "SME companies", "LED lighting", "EV chargers"
_COMMON_ACRONYMS = set(content_tokens("SME SMEs VCSE VCSEs LED LEDs EV EVs KPI KPIs GHG CO2 CO2e tCO2e EPC PV "
                                      "TUPE FTE NEET HGV HGVs ESG CSR HVO ULEV BNG"))
# the kind of one a question asks for ("Which council ...?"): naming it names no one yet
_KINDS_ASKED = set(content_tokens("council company organisation partner firm body group trust charity contractor "
                                  "provider supplier team board authority enterprise"))


def names_another(question_runs: list[list[str]], text: str, question_terms: AbstractSet[str] = frozenset()) -> bool:
    """Whether ``text`` names someone the question does not ("an independent company" names no
    one); a name the question gives in lower case ("yorkshire housing", among ``question_terms``)
    is the question's too."""
    asked_stems = set().union(*(_stems(w) for run in question_runs for w in run)) | (question_terms - _KINDS_ASKED)
    for run in names_in(text):
        if run[-1].lower().rstrip("s") in _DOCUMENT_WORDS or run[0].lower() in _PARTS:
            continue  # "the Annual Procurement Report", "Appendix A": no one
        stems = set().union(*map(_stems, run))
        if not stems <= _COMMON_ACRONYMS and not stems <= asked_stems:
            return True
    return False


def names_a_sibling(question_runs: list[list[str]], section: str, said: str) -> bool:
    """Whether a passage's ``section`` (its headings, not its document's title) is about another of
    the kind the question names, and neither it nor the sentence ``said`` names the one asked:
    "Staveley Solar Farm: Fund Value" where Roxby Solar Farm is asked, on a page of four farms."""
    # a heading's first word is a name's as much as any other (names_in skips a sentence's first)
    told = [[_stems(w) for w in run] for run in names_in(f"| {section}")]
    if not told:
        return False
    present = set().union(*map(_stems, re.findall(r"[\w'’&-]+", f"{section} {said}")))
    for run in question_runs:
        if len(run) < 2 or run[-1].lower().rstrip("s") in _DOCUMENT_WORDS:
            continue
        stems = [_stems(w) for w in run]
        for other in told:
            if len(other) < 2 or not stems[-1] or other[-1] != stems[-1]:
                continue
            # another of its kind: the same last word after words of its own ("Staveley Solar
            # Farm" beside "Roxby Solar Farm"); "the Solar Farm" alone is no other
            mine, theirs = set().union(*stems[:-1]), set().union(*other[:-1])
            if mine - theirs and theirs - mine and not (mine - theirs) & present:
                return True
    return False


# what leaves a place or body out: "the UK Living Wage (outside of London)"
_LEAVING_OUT = re.compile(r"\b(?:outside|excluding|except|other\s+than|beyond|apart\s+from)\s++(?:of\s++)?"
                          r"(?:the\s++)?$", re.I)


def leaves_out(question_runs: list[list[str]], text: str) -> bool:
    """Whether ``text`` names a word of the question's names only to leave it out: "the UK Living
    Wage (outside of London)" is no answer to "What London Living Wage rate ...?"."""
    for word in {w for run in question_runs for w in run if len(w) > 2}:
        found = [m.start() for m in re.finditer(rf"\b{re.escape(word)}\b", text)] if word in text else []
        if found and all(_LEAVING_OUT.search(text, max(0, at - 30), at) for at in found):
            return True
    return False
