"""The plain-English glossary: terms that appear in promises and statuses (social value, SME, net
zero, the ratings...) explained in one sentence each, from a YAML file the council can edit
(assistant/data/glossary.yaml ships with sva; SVA_GLOSSARY points at another). The same file
holds the answers to questions about this service itself (``help``: "How can I have my say?").

``annotate`` marks the terms in HTML that assistant.app.render already made (all document text
escaped): it looks only at the text between tags, never inside a tag or an existing <abbr>, and
wraps each term in <abbr title="...">, with the explanation escaped. The matcher is one
alternation of literal words (no nested quantifiers): linear in the length of the page.
"""

from __future__ import annotations

import html
import re
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.errors import ConfigError


class Term(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    term: str = Field(min_length=1, max_length=80)
    means: str = Field(min_length=10, max_length=400)
    forms: tuple[str, ...] = ()

    @field_validator("forms")
    @classmethod
    def _plain_words(cls, forms: tuple[str, ...]) -> tuple[str, ...]:
        for form in forms:
            if not form.strip() or any(ch in form for ch in "<>&\"'"):
                raise ValueError(f"{form!r}: a form is the word as written, without <, >, & or quotes")
        return forms

    def written(self) -> tuple[str, ...]:
        return self.forms or (self.term,)


class Help(BaseModel):
    """A question about this service itself ("How can I have my say?") and its answer."""
    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str = Field(min_length=1, max_length=80)
    asks: tuple[str, ...] = Field(min_length=1)  # the ways it is asked, matched as whole words
    says: str = Field(min_length=10, max_length=500)


class GlossaryFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    terms: list[Term] = Field(min_length=1)
    help: list[Help] = []


class Glossary:
    """Terms and the one matcher that finds them in text; and the questions about this service."""

    def __init__(self, terms: tuple[Term, ...], help: tuple[Help, ...] = ()) -> None:
        self.terms, self.help = terms, help
        # for questions ("What is an SME?"): every way a term is written, and the term without its
        # "(rating)", in any case; and each way a help entry is asked, as plain words
        self._named: dict[str, Term] = {}
        for term in terms:
            for form in (term.term, re.sub(r"\s*\([^)]*\)\s*$", "", term.term), *term.written()):
                self._named.setdefault(" ".join(form.casefold().split()), term)
        self._asks = [(_unfilled(plain_words(asks)), entry) for entry in help for asks in entry.asks]
        self._exact: dict[str, Term] = {}  # forms with capitals: matched as written
        self._folded: dict[str, Term] = {}  # lower-case forms: matched in any case
        for term in terms:
            for form in term.written():
                if form == form.lower():
                    self._folded[form.casefold()] = term
                else:
                    self._exact[form] = term
        forms = sorted(set(self._exact) | set(self._folded), key=len, reverse=True)  # longest first
        parts = [re.escape(f) if f in self._exact else f"(?i:{re.escape(f)})" for f in forms]
        self._pattern = re.compile(r"(?<![0-9A-Za-z])(?:" + "|".join(parts) + r")(?![0-9A-Za-z])") \
            if parts else None

    def explain(self, word: str) -> Term | None:
        return self._exact.get(word) or self._folded.get(word.casefold())

    def named(self, said: str) -> Term | None:
        """The term ``said`` names, in any case ("smes" is not written so, "sme" names SME)."""
        return self._named.get(" ".join(said.casefold().split()))

    def help_asked(self, question: str) -> Help | None:
        """The help entry one of whose ways of asking ``question`` holds, as whole words, the little
        words that join them aside ("who checks that the promises are kept" asks "who checks the
        promises"; "where does this money come from" is not "where does this come from")."""
        said = _unfilled(plain_words(question))
        return next((entry for asks, entry in self._asks if asks in said), None)

    def annotate(self, page: str) -> str:
        """``page`` (sva's own escaped HTML) with each glossary term wrapped in <abbr title>."""
        pattern = self._pattern
        if pattern is None:
            return page
        out, inside = [], 0
        for piece in _pieces(page):
            if piece.startswith("<"):
                name = (piece[1:].split(maxsplit=1) or [""])[0].rstrip(">").lower()
                inside += 1 if name == "abbr" else -1 if name == "/abbr" else 0
                out.append(piece)
            elif inside > 0 or not piece:
                out.append(piece)
            else:
                out.append(pattern.sub(self._mark, piece))
        return "".join(out)

    def _mark(self, match: re.Match) -> str:
        term = self.explain(match.group(0))
        if term is None:
            return match.group(0)
        return (f'<abbr class="sva-term" title="{html.escape(term.means, quote=True)}">'
                f"{match.group(0)}</abbr>")

    def html(self) -> str:
        """Every term and its explanation, as a definition list (for small screens, where a
        title does not show)."""
        items = "".join(f"<dt>{html.escape(t.term)}</dt><dd>{html.escape(t.means)}</dd>" for t in self.terms)
        return f'<dl class="sva-glossary">{items}</dl>'


def plain_words(text: str) -> str:
    """Lower-case words without apostrophes, spaced at both ends so that one holds another only
    as whole words: " how can i have my say "."""
    return f" {' '.join(re.findall(r'[a-z0-9]+', text.casefold().replace(chr(8217), '').replace(chr(39), '')))} "


_FILLERS = frozenset("a an the that these those all really actually".split())


def _unfilled(words: str) -> str:
    """Plain words (plain_words) without the fillers: spaced at both ends as they were."""
    return f" {' '.join(w for w in words.split() if w not in _FILLERS)} "


def _pieces(page: str):
    """``page`` cut into tags and the text between them, with str.find (linear, however many
    unclosed "<" a page holds: a regex like ``<[^>]*>`` would rescan the rest after each one)."""
    at = 0
    while at < len(page):
        lt = page.find("<", at)
        if lt < 0:
            yield page[at:]
            return
        if lt > at:
            yield page[at:lt]
        gt = page.find(">", lt)
        if gt < 0:
            yield page[lt:]  # an unclosed tag: left as it is, never annotated
            return
        yield page[lt:gt + 1]
        at = gt + 1


def default_glossary_path() -> Path:
    return Path(str(resources.files("assistant").joinpath("data/glossary.yaml")))


def load_glossary(path: Path | None = None) -> Glossary:
    """Read and check a glossary file; None means the one that ships with sva."""
    import yaml

    path = Path(path) if path else default_glossary_path()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"SVA_GLOSSARY={path}: cannot read it ({exc}); point it at a UTF-8 YAML "
                          "file like assistant/data/glossary.yaml, or unset it") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"SVA_GLOSSARY={path}: not valid YAML ({exc})") from exc
    try:
        parsed = GlossaryFile.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(".".join(map(str, e["loc"])) + ": " + e["msg"] for e in exc.errors())
        raise ConfigError(f"SVA_GLOSSARY={path}: {problems} (each entry needs `term` and a "
                          "one-sentence `means`; `forms` is optional; a `help` entry needs `title`, "
                          "`asks` and `says`)") from exc
    return Glossary(tuple(parsed.terms), tuple(parsed.help))
