"""Text helpers shared by every stage: normalisation, sentences, tokens."""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-", "\u00a0": " "})
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[a-z0-9£$%]+(?:[.,'][a-z0-9]+)*")

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "e.g", "i.e", "etc", "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vs", "approx",
    "inc", "ltd", "plc", "co", "cllr", "fig", "ref", "para", "c", "ca", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.k", "govt", "dept",
}
# Starts only where a run of stops starts and never backtracks into it: linear on "......".
_SENTENCE_END = re.compile(r"(?<![.!?…])([.!?…]++[\"'”’)\]]*+)(\s++)(?=[\"'“‘(\[]?[A-Z0-9£$•\-])")

STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not now of off on once only or other our ours ourselves out over
own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who
whom why will with would you your yours yourself yourselves also per via within s t
""".split())


def caseless(text: str) -> str:
    """Text folded as a case-insensitive pattern compares it, for the substring tests that stand in
    front of one: casefolded, and the dotless "ı" read as "i" (re.I matches them; casefold keeps "ı")."""
    return text.casefold().replace("ı", "i")


def normalize(text: str) -> str:
    """Unicode-normalise, straighten quotes and dashes, collapse whitespace."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACE.sub(" ", text).strip()


def tokens(text: str) -> list[str]:
    """Lower-case word tokens, numbers kept whole ("£31m", "2,000", "4.5")."""
    return [t[:-2] if t.endswith("'s") else t for t in _WORD.findall(normalize(text).lower())]


def content_tokens(text: str) -> list[str]:
    """Tokens without stopwords, lightly stemmed, for lexical matching."""
    return [stem(t) for t in tokens(text) if t not in STOPWORDS]


def stem(token: str) -> str:
    """A tiny suffix stripper: enough to match apprentice/apprentices/apprenticeships."""
    if not token.isalpha() or len(token) <= 4:
        return token
    for suffix in ("ships", "ship"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 4:
            return token[: -len(suffix)]
    if token.endswith("ies"):
        return token[:-3] + "y"
    if token.endswith("es") and token[:-2].endswith(("ss", "x", "z", "ch", "sh")):
        return token[:-2]
    if token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    for suffix in ("ing", "ed"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 4:
            return token[: -len(suffix)]
    return token


# plurals no suffix makes: a "young person" asked about is one of the "young people" promised to
_PLURALS = {"person": "people", "persons": "people", "child": "children", "woman": "women", "man": "men"}


def as_plural(word: str) -> str:
    """A stemmed word as the plural it names without a suffix ("person": "people"), else itself."""
    return _PLURALS.get(word, word)


def with_plurals(words: set[str] | frozenset[str]) -> frozenset[str]:
    """Stemmed ``words``, each also as its plural (``as_plural``)."""
    return frozenset(words) | frozenset(map(as_plural, words))


_LIST_MARK = re.compile(r"\(?(?:\d{1,3}(?:\.\d{1,3})*|[ivx]{1,4})[.)]")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in ``text``; never splits inside numbers or abbreviations."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end(1)
        before = text[max(start, match.start(1) - 24):match.start(1)]  # bounded: linear on "Mr. Mr. ..."
        words = before.split()
        last = words[-1].lower().lstrip("(\"'“‘[").rstrip(".") if words else ""  # "(Approx. £9,200"
        if len(before) == 24 and len(words) == 1 and not before[0].isspace():
            last = ""  # a word longer than the window is no abbreviation
        if match.group(1) == "." and (last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())):
            continue
        if _LIST_MARK.fullmatch(text, *_strip_span(text, start, end)):  # "1. We will ...": an item's number
            continue
        if text[start:end].strip():
            spans.append(_strip_span(text, start, end))
        start = match.end(2)
    if text[start:].strip():
        spans.append(_strip_span(text, start, len(text)))
    return spans


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def contains_quote(text: str, quote: str) -> bool:
    """True when ``quote`` appears in ``text``, ignoring case, spacing, quote and dash styles."""
    needle = normalize(quote).lower().rstrip(" .")
    return bool(needle) and needle in normalize(text).lower()


def overlap(a: str, b: str) -> float:
    """Share of the shorter text's content tokens that the other text also has (0..1)."""
    ta, tb = set(content_tokens(a)), set(content_tokens(b))
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / min(len(ta), len(tb))
