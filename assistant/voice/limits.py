"""How often residents may submit: per client (the socket address the server saw) and per area.

Kept in memory only: an address is a key in a dictionary for at most one window and is never
written anywhere, so nothing that identifies a resident outlives the server process. The number
of keys is bounded, so a flood of made-up areas or addresses cannot grow it without limit."""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from assistant.voice.records import VoiceError


@dataclass(frozen=True)
class Limits:
    """Submissions allowed within ``window`` seconds: from one client, and into one area."""

    per_client: int = 60
    per_area: int = 1000
    window: float = 3600.0

    def __post_init__(self) -> None:
        if self.per_client < 1 or self.per_area < 1 or self.window <= 0:
            raise ValueError("voice limits must be positive: set SVA_VOICE_CLIENT_LIMIT and "
                             "SVA_VOICE_AREA_LIMIT to 1 or more")


class RateLimiter:
    """Sliding-window counts for two kinds of key; ``admit`` checks both, then counts both."""

    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic,
                 keys: int = 20_000) -> None:
        self.limits, self._clock, self._keys = limits, clock, keys
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def admit(self, client: str, area: str) -> None:
        """Count one submission, or raise VoiceError saying how long to wait."""
        now = self._clock()
        checks = (("client:" + client, self.limits.per_client,
                   "You have sent a lot of answers in a short time."),
                  ("area:" + area.casefold(), self.limits.per_area,
                   "This area has had a great many answers in the last hour."))
        with self._lock:
            for key, limit, why in checks:
                hits = self._recent(key, now)
                if len(hits) >= limit:
                    minutes = max(1, math.ceil((self.limits.window - (now - hits[0])) / 60))
                    raise VoiceError(f"{why} Please try again in {minutes} minute"
                                     f"{'s' if minutes != 1 else ''}; nothing was saved this time.")
            if len(self._hits) >= self._keys:
                self._forget(now)
            for key, _, _ in checks:
                self._hits.setdefault(key, deque()).append(now)

    def _recent(self, key: str, now: float) -> deque[float]:
        hits = self._hits.get(key) or deque()
        while hits and now - hits[0] >= self.limits.window:
            hits.popleft()
        return hits

    def _forget(self, now: float) -> None:
        for key in [k for k, hits in self._hits.items() if not hits or now - hits[-1] >= self.limits.window]:
            del self._hits[key]
        while len(self._hits) > self._keys - 2:  # all recent: forget the oldest (room for two)
            del self._hits[next(iter(self._hits))]
