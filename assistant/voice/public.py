"""What the resident app is given: add a ranking or an answer, read what has been published.

Each submission is checked (assistant/voice/screen.py), rate-limited per client and per area
(assistant/voice/limits.py, in memory), then stored as one transaction. Residents read only
moderated tallies and published comments: nothing one resident writes reaches another before a
commissioner has looked at it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.voice.limits import Limits, RateLimiter
from assistant.voice.records import ANSWER_WORDS, ANSWERS, Tally, VoiceError
from assistant.voice.responses import Voice
from assistant.voice.screen import clean_area, clean_comment, known_area

if TYPE_CHECKING:  # the register is not needed to store or read responses
    from assistant.register.charter import Charter
    from assistant.register.commitments import Commitment

TOP = 3  # outcomes a resident ranks


@dataclass(frozen=True)
class Published:
    """What residents may see about one promise."""

    tally: Tally
    comments: tuple[str, ...]


class PublicVoice:
    def __init__(self, voice: Voice, limits: Limits | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._voice = voice
        self._limiter = RateLimiter(limits or Limits(), clock)
        self._key = secrets.token_bytes(32)  # per process: ballots cannot be linked across runs

    def ballot(self, session: str | None) -> str:
        """The key one page's answers are stored under: a keyed hash of its session (a fresh random
        one when there is none), so answering again replaces instead of counting twice."""
        seed = session if isinstance(session, str) and session else secrets.token_hex(16)
        return hmac.new(self._key, seed[:200].encode("utf-8", "replace"), hashlib.sha256).hexdigest()[:32]

    def rank(self, charter: Charter, area: object, outcomes: object, client: str,
             session: str | None, areas: Sequence[str] = ()) -> str:
        """Store a resident's top outcomes (ids of ``charter``, most important first); returns the
        thank-you message, or raises VoiceError saying what to fix. The area is one of the known
        ``areas`` (the register's ``known_areas()``) or a UK place (never free text)."""
        place = known_area(area, areas)
        known = {o.id for o in charter.outcomes}
        given = [o for o in (outcomes if isinstance(outcomes, list) else [outcomes]) if o]
        if not given:
            raise VoiceError("Choose at least one thing that matters to you.")
        picked = [o for o in given if isinstance(o, str) and o in known]
        if len(given) > TOP or len(picked) != len(given):
            raise VoiceError(f"Choose up to {TOP} things from the lists.")
        if len(set(picked)) != len(picked):
            raise VoiceError("Each choice must be different: choose another for the repeated one.")
        self._limiter.admit(client, place)
        self._voice.record_priorities(self.ballot(session), place, picked)
        return (f"Thank you: your priorities for {place} were saved. Choosing again for {place} from this "
                "page replaces them.")

    def tell(self, commitment: Commitment, area: object, answer: object, comment: object,
             client: str, session: str | None) -> str:
        """Store a resident's answer about one published promise; returns the thank-you message,
        or raises VoiceError saying what to fix."""
        place = clean_area(area)
        if answer not in ANSWERS:
            raise VoiceError("Choose one answer: " + " / ".join(ANSWER_WORDS.values()) + ".")
        text = clean_comment(comment)
        self._limiter.admit(client, place)
        self._voice.record_experience(self.ballot(session), commitment.id, commitment.supplier, place,
                                      ANSWERS[ANSWERS.index(answer)], text)
        note = " Your comment will be shown once the council has read it." if text else ""
        return f"Thank you: your answer was saved.{note}"

    def published(self, area: str | None = None) -> dict[str, Published]:
        """commitment id -> moderated tally and published comments (newest first, at most 5)."""
        tallies = self._voice.tallies(area, moderated_only=True)
        comments: dict[str, list[str]] = {}
        for r in self._voice.responses(area, states=("published",)):
            if r.comment and len(comments.setdefault(r.commitment_id, [])) < 5:
                comments[r.commitment_id].append(r.comment)
        return {cid: Published(tally, tuple(comments.get(cid, ()))) for cid, tally in tallies.items()}
