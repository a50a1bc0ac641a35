"""Follow-up questions made standalone, in one place for every answerer ("and in Leeds?" after a
question about Rotherham becomes the same question about Leeds). ``FollowUps`` asks the chat model
when one is configured and keeps its rewrite only when it carries the follow-up's names and some
context; otherwise, or when the model is down, the rule in ``condense`` does it.

History is what a chat UI holds: ``{"role", "content"}`` dicts (Gradio's messages format),
``(user, assistant)`` pairs, or objects with ``role`` and ``content``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from assistant.answers.prompts import load_prompt
from assistant.backends.chat import ChatModel
from assistant.errors import LLMError
from ingest.text import STOPWORDS, content_tokens, stem, tokens

_CAPITALISED = re.compile(r"(?<![.?!]\s)(?<!^)\b([A-Z][A-Za-z'’-]+)")


class FollowUps:
    """Makes a question standalone from the conversation before it (by model, else by rule)."""

    def __init__(self, places: Iterable[str] = (), chat: ChatModel | None = None,
                 prompts: Path | None = None, timeout: float = 60.0) -> None:
        self.places, self.chat, self.timeout = list(places), chat, timeout
        self.prompt = load_prompt("condense", prompts) if chat is not None else None

    def standalone(self, question: str, history: Sequence | None = ()) -> str:
        return self.rewrite(question, history)[0]

    def rewrite(self, question: str, history: Sequence | None = ()) -> tuple[str, LLMError | None]:
        """The standalone question, and the model's failure when it could not be asked (so an
        answerer can skip the model at once)."""
        question = " ".join(question.split())
        by_rule = condense(question, history, self.places)
        users = [text for role, text in turns(history) if role == "user"]
        if self.chat is None or self.prompt is None or not users or not is_follow_up(question):
            return by_rule, None
        from assistant.answers.citecheck import strip_markers

        transcript = "\n".join(f"{'User' if role == 'user' else 'Assistant'}: "
                               f"{' '.join(strip_markers(text).split())[:300]}"
                               for role, text in turns(history)[-6:])
        messages = self.prompt.messages(history=transcript, question=question)
        try:
            reply = "".join(self._timed(self.chat.stream(messages)))
        except LLMError as exc:
            return by_rule, exc
        rewritten = _first_line(reply)
        words = set(content_tokens(rewritten))
        from_context = words & set(content_tokens(" ".join(users))) - set(content_tokens(question))
        if (not rewritten or len(rewritten) > 300 or "NOT_FOUND" in rewritten
                or not question_names(question) <= words or not from_context):
            return by_rule, None
        return rewritten, None

    def _timed(self, pieces: Iterator[str]) -> Iterator[str]:
        deadline = time.monotonic() + self.timeout
        for piece in pieces:
            if time.monotonic() > deadline:
                raise LLMError(f"the language model did not finish within {self.timeout:g} s")
            yield piece


def question_names(question: str) -> set[str]:
    """Capitalised words after the first: the names a question is about (Acme, Rotherham)."""
    return {stem(t) for m in _CAPITALISED.finditer(question.strip())
            for t in tokens(m.group(1)) if t not in STOPWORDS}


def _first_line(reply: str) -> str:
    for line in reply.strip().splitlines():
        line = re.sub(r"^\s*(standalone question|question|rewritten question)\s*:\s*", "", line,
                      flags=re.I).strip().strip('"“”\'').strip()
        if line:
            return line
    return ""

_LEAD = re.compile(r"^\s*(?:(?:and|but|also|so|ok(?:ay)?|then)\s+)*(?:(?:what|how)\s+about|what\s+of|"
                   r"same\s+(?:question\s+)?for|and|also)?\b[\s,]*", re.I)
_PRONOUN_START = re.compile(r"^\s*(?:and\s+)?(?:[\w'’]+\s+){0,3}(they|them|their|it|its|this|that|those|"
                            r"these|ones|he|she|(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )there"
                            r"(?!\s+(?:is|are|was|were|will|has|have|be|been)\b))\b(?!\s+(?:year|month|week|"
                            r"quarter|spring|summer|autumn|winter|time)\b)", re.I)  # "this year", "is there",
# "will there be" point at no earlier answer
_CAP = r"[A-Z][\w'’&-]*"
_NAMES = rf"{_CAP}(?:\s+(?:upon|on|under|le|in|of)?\s*{_CAP})*"
_PLACE_PHRASE = re.compile(rf"\b(in|for|at|near|around|across|within)\s+({_NAMES})")
_NAME = re.compile(rf"(?<!^)(?<![.?!]\s)(?<!\()\b({_NAMES})")  # "(What did ..." opens a question: no name


def turns(history: Sequence | None) -> list[tuple[str, str]]:
    """(role, text) for each message in ``history``, whatever shape the UI keeps it in."""
    out: list[tuple[str, str]] = []
    for item in history or ():
        if isinstance(item, dict):
            out.append((str(item.get("role", "")), _text(item.get("content"))))
        elif isinstance(item, (tuple, list)) and len(item) == 2:
            out += [("user", _text(item[0])), ("assistant", _text(item[1]))]
        elif hasattr(item, "role") and hasattr(item, "content"):
            out.append((str(item.role), _text(item.content)))
    return [(role, text) for role, text in out if text.strip()]


def _text(content) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text", ""))
    if isinstance(content, (list, tuple)):
        return " ".join(_text(c) for c in content)
    return "" if content is None else str(content)


def is_follow_up(question: str) -> bool:
    """Questions that lean on the conversation: "and in Leeds?", "what about Bolt?", "when do they start?"."""
    q = question.strip()
    if re.match(r"^\s*(and|but|also|what about|how about|what of|same for)\b", q, re.I):
        return True
    if len(content_tokens(q)) <= 2 and len(q.split()) <= 5 and not _COMPLETE.match(q):
        return True
    pronoun = _PRONOUN_START.match(q)
    if pronoun is not None and pronoun.group(1).lower() == "that" and \
            q[:pronoun.start(1)].split()[-1:] and q[:pronoun.start(1)].split()[-1].lower() in _SAYING:
        return False  # "Who checks that suppliers keep ...": a clause, not a pointer to the last answer
    # "Has Brightstone met its carbon target?": the pronoun's name is in the question itself
    return pronoun is not None and len(q.split()) <= 8 and not question_names(q[:pronoun.start(1)])


# verbs a "that" clause follows ("checks that", "make sure that", "says that")
_SAYING = set("check checks checked ensure ensures ensured sure say says said show shows showed mean means "
              "prove proves confirm confirms think know knew promise promised promises state states "
              "stated claim claims claimed report reports reported".split())


def condense(question: str, history: Sequence | None, places: Iterable[str] = ()) -> str:
    """A standalone version of ``question``; unchanged when it needs no context."""
    standalone: str | None = None
    for role, text in turns(history):
        if role == "user":
            standalone = _one(text, standalone, places)
    return _one(question, standalone, places)


def _one(question: str, previous: str | None, places: Iterable[str]) -> str:
    question = " ".join(question.split())
    if not previous or not is_follow_up(question):
        return question
    fragment = _LEAD.sub("", question).strip().rstrip("?").strip()
    base = previous.strip().rstrip("?")
    phrase = _PLACE_PHRASE.search(fragment)
    if phrase and phrase.start() == 0:
        return _replace_place(base, phrase.group(2), phrase.group(1)) + "?"
    about = _ABOUT.fullmatch(fragment)
    if about:  # "and about carbon?": the same, about carbon
        return _replace_topic(base, about.group(1)) + "?"
    if fragment and re.fullmatch(_NAMES, fragment) and fragment.lower() not in _NOT_NAMES:
        known = {p.lower() for p in places}
        if fragment.lower() in known or not _NAME.search(base):
            return _replace_place(base, fragment) + "?"
        first = _NAME.search(base)
        if first is not None:
            return f"{base[:first.start()]}{fragment}{base[first.end():]}?"
    if fragment[:1].islower() and re.match(r"^\s*(and\s+)?(what|how)\s+about\b", question, re.I):
        return _replace_topic(base, fragment) + "?"  # "what about carbon?": the same, about carbon
    whom = _FOR_WHOM.fullmatch(fragment)
    if whom:  # "and for women?" after "... for young people?": the same, for women
        return _replace_for(base, whom.group(1)) + "?"
    return f"{question.rstrip('?')}? ({_context(base)})"  # never nested: "Q? (P)" keeps P


# a capitalised word alone that names no one ("Why?", "Really?")
_NOT_NAMES = frozenset("why how when where who what which really ok okay thanks thank yes no sure "
                       "great right".split())
# A whole question though short: an interrogative, no pronoun for something said before.
_COMPLETE = re.compile(r"^\s*(is|are|was|were|has|have|can|could|will|would|do|does|did|should|"
                       r"what|which|who|how|when|where|why|list|show|"
                       r"(?:what|who|how|where|when)['’]s)\s+\w+\s+\w+", re.I)
_FOR_WHOM = re.compile(r"(?i:for)\s++([a-z][\w'’-]*+(?:\s++[a-z][\w'’-]*+){0,3})")  # lower case: a group
# the group a question is for: its words up to the next preposition, date or the end
_FOR_PHRASE = re.compile(r"\b(?i:for)\s++([a-z][\w'’-]*+(?:\s++(?!(?:in|by|at|on|from|with|during|before|after)\b)"
                         r"[a-z][\w'’-]*+){0,3})")
_ABOUT = re.compile(r"(?i:about|regarding|on)\s++(\w[\w'’-]*+(?:\s++\w[\w'’-]*+){0,4})")
_TOPIC_PHRASE = re.compile(r"\b(about|regarding|on)\s+([^?]+)$", re.I)


def _context(base: str) -> str:
    """P of a rewritten "Q? (P)", else ``base`` (str.find: linear, whatever the text)."""
    at = base.find("? (")
    return base[at + 3:-1] if at >= 0 and base.endswith(")") and len(base) > at + 4 else base


def _replace_topic(base: str, topic: str) -> str:
    """``base`` about ``topic`` instead of its own topic ("... about carbon" -> "... about waste")."""
    base = _context(base)
    match = _TOPIC_PHRASE.search(base, base.rfind("?") + 1)  # after any "?": the first try matches
    if match:
        return f"{base[:match.start(2)]}{topic}"
    return f"{base} about {topic}"


def _replace_for(base: str, whom: str) -> str:
    """``base`` for ``whom`` instead of whom it was for ("... for young people" -> "... for women")."""
    base = _context(base)
    match = _FOR_PHRASE.search(base, base.rfind("?") + 1)
    if match:
        return f"{base[:match.start(1)]}{whom}{base[match.end(1):]}"
    return f"{base} for {whom}"


def _replace_place(base: str, name: str, preposition: str = "in") -> str:
    """``base`` about ``name`` instead of its last place ("... in Rotherham" -> "... in Leeds")."""
    matches = list(_PLACE_PHRASE.finditer(base))
    if not matches:
        return f"{base} {preposition} {name}"
    last = matches[-1]
    return f"{base[:last.start(2)]}{name}{base[last.end(2):]}"
