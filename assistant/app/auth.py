"""Commissioner sign-in: who may log in, checked in constant time; browser sessions; a brake on
guessing. No web framework here: the UI asks these objects and turns the answers into responses.

Credentials come from settings: ``SVA_COMMISSIONER_USERS_FILE`` (lines of ``name:scrypt$...``,
made with ``python -m assistant.app.auth NAME``), else ``SVA_COMMISSIONER_USER`` /
``SVA_COMMISSIONER_PASSWORD``. When none is set, a one-time password is generated for this run
of the server — there is never a fixed default.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import ConfigError

DEFAULT_USER = "commissioner"
_SCRYPT = (2**14, 8, 1)  # n, r, p: ~16 MB and ~50 ms per check


def hash_password(password: str, salt: bytes | None = None) -> str:
    """``scrypt$n$r$p$salt$hash`` (base64): what a users file holds instead of the password."""
    n, r, p = _SCRYPT
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)
    return "$".join(["scrypt", str(n), str(r), str(p), _b64(salt), _b64(digest)])


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` hashes to ``stored``; the comparison takes constant time."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        got = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n),
                             r=int(r), p=int(p), dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


_DUMMY = hash_password("not a password", salt=b"\0" * 16)  # hashed for unknown names: same timing


@dataclass(frozen=True)
class Credentials:
    """Who may sign in as a commissioner: name -> salted hash."""

    users: dict[str, str]
    generated_password: str | None = None  # set when sva made a one-time password for this run

    @classmethod
    def from_settings(cls, settings) -> Credentials:
        if settings.commissioner_users_file:
            return cls(read_users_file(settings.commissioner_users_file))
        password = settings.commissioner_password.get_secret_value() \
            if settings.commissioner_password is not None else ""
        user = (settings.commissioner_user or "").strip()
        if password:
            return cls({user or DEFAULT_USER: hash_password(password)})
        if user:
            raise ConfigError("SVA_COMMISSIONER_USER is set but SVA_COMMISSIONER_PASSWORD is not: "
                              "set both, or neither to get a one-time password.")
        return cls.one_time()

    @classmethod
    def one_time(cls) -> Credentials:
        password = secrets.token_urlsafe(12)
        return cls({DEFAULT_USER: hash_password(password)}, generated_password=password)

    def check(self, user: str, password: str) -> bool:
        """Constant time whether or not ``user`` exists: the hash always runs."""
        stored = self.users.get(user.strip())
        ok = verify_password(password, stored or _DUMMY)
        return ok and stored is not None


def read_users_file(path: Path) -> dict[str, str]:
    """``name:scrypt$...`` per line; blank lines and ``#`` comments are ignored."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"SVA_COMMISSIONER_USERS_FILE={path}: cannot read it "
                          f"({exc.strerror or exc})") from exc
    users: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, stored = line.partition(":")
        if not name.strip() or not stored.startswith("scrypt$") or stored.count("$") != 5:
            raise ConfigError(f"{path}, line {number}: expected 'name:scrypt$...'; make a line "
                              "with: python -m assistant.app.auth NAME")
        users[name.strip()] = stored.strip()
    if not users:
        raise ConfigError(f"{path} lists no users; add one with: python -m assistant.app.auth NAME")
    return users


class Sessions:
    """Signed-in browsers: random token -> (user, expiry). Kept in memory: a restart signs out."""

    def __init__(self, ttl_seconds: float = 12 * 3600, clock: Callable[[], float] = time.monotonic):
        self.ttl, self._clock = ttl_seconds, clock
        self._tokens: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def start(self, user: str) -> str:
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._tokens[token] = (user, self._clock() + self.ttl)
        return token

    def user(self, token: str | None) -> str | None:
        if not token:
            return None
        with self._lock:
            found = self._tokens.get(token)
            if found is None:
                return None
            if found[1] <= self._clock():
                del self._tokens[token]
                return None
            return found[0]

    def end(self, token: str | None) -> None:
        with self._lock:
            self._tokens.pop(token or "", None)


class Throttle:
    """After ``limit`` failed sign-ins for one key (an address, a user name) within ``window``
    seconds, refuse more attempts for it until the oldest failure is ``window`` seconds old.
    At most ``keys`` keys are remembered: stale ones are forgotten first, so a flood of made-up
    names cannot grow it without bound."""

    def __init__(self, limit: int = 5, window: float = 300.0,
                 clock: Callable[[], float] = time.monotonic, keys: int = 10_000) -> None:
        self.limit, self.window, self._clock, self._keys = limit, window, clock, keys
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def wait(self, *keys: str) -> float:
        """Seconds before any of ``keys`` may try again; 0 when all may try now."""
        now = self._clock()
        waits = [0.0]
        with self._lock:
            for key in keys:
                recent = [t for t in self._failures.get(key, []) if now - t < self.window]
                if recent:
                    self._failures[key] = recent
                else:
                    self._failures.pop(key, None)
                if len(recent) >= self.limit:
                    waits.append(self.window - (now - recent[0]))
        return max(waits)

    def failed(self, *keys: str) -> None:
        now = self._clock()
        with self._lock:
            if len(self._failures) >= self._keys:
                self._forget_stale(now)
            for key in keys:
                self._failures.setdefault(key, []).append(now)
                del self._failures[key][:-self.limit]  # the last ``limit`` failures decide

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)

    def _forget_stale(self, now: float) -> None:
        for key in [k for k, times in self._failures.items() if now - times[-1] >= self.window]:
            del self._failures[key]
        while len(self._failures) >= self._keys:  # all recent: forget the oldest
            del self._failures[next(iter(self._failures))]


def main(argv: list[str] | None = None) -> int:
    """``python -m assistant.app.auth NAME``: print a users-file line for NAME (asks for the password)."""
    import getpass
    import sys

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or ":" in args[0] or not args[0].strip():
        print("usage: python -m assistant.app.auth NAME   (NAME without ':')", file=sys.stderr)
        return 2
    password = getpass.getpass(f"password for {args[0]}: ")
    if len(password) < 10:
        print("use at least 10 characters", file=sys.stderr)
        return 1
    if getpass.getpass("again: ") != password:
        print("the passwords differ", file=sys.stderr)
        return 1
    print(f"{args[0].strip()}:{hash_password(password)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
