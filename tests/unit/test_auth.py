import pytest

from assistant.app.auth import (
    DEFAULT_USER,
    Credentials,
    Sessions,
    Throttle,
    hash_password,
    read_users_file,
    verify_password,
)
from assistant.config import load_settings
from assistant.errors import ConfigError


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def settings(monkeypatch, tmp_path, **env):
    for key in ("SVA_COMMISSIONER_USER", "SVA_COMMISSIONER_PASSWORD", "SVA_COMMISSIONER_USERS_FILE"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return load_settings(store=tmp_path)


def test_hashes_are_salted_and_verify_only_the_right_password():
    one, two = hash_password("s3cret pass"), hash_password("s3cret pass")
    assert one != two and one.startswith("scrypt$") and "s3cret" not in one
    assert verify_password("s3cret pass", one) and verify_password("s3cret pass", two)
    assert not verify_password("s3cret pasS", one)
    assert not verify_password("s3cret pass", "scrypt$broken") and not verify_password("x", "md5$a$b$c$d$e")


def test_credentials_from_the_environment(monkeypatch, tmp_path):
    creds = Credentials.from_settings(settings(monkeypatch, tmp_path, SVA_COMMISSIONER_USER="anna",
                                               SVA_COMMISSIONER_PASSWORD="correct horse"))
    assert creds.generated_password is None
    assert creds.check("anna", "correct horse") and creds.check(" anna ", "correct horse")
    assert not creds.check("anna", "wrong") and not creds.check("bob", "correct horse")
    assert not creds.check("", "")


def test_a_password_alone_is_for_the_default_user(monkeypatch, tmp_path):
    creds = Credentials.from_settings(settings(monkeypatch, tmp_path, SVA_COMMISSIONER_PASSWORD="pw pw pw"))
    assert creds.check(DEFAULT_USER, "pw pw pw")


def test_a_user_without_a_password_is_refused(monkeypatch, tmp_path):
    with pytest.raises(ConfigError, match="SVA_COMMISSIONER_PASSWORD"):
        Credentials.from_settings(settings(monkeypatch, tmp_path, SVA_COMMISSIONER_USER="anna"))


def test_no_configuration_means_a_fresh_one_time_password_never_a_fixed_one(monkeypatch, tmp_path):
    first = Credentials.from_settings(settings(monkeypatch, tmp_path))
    second = Credentials.from_settings(settings(monkeypatch, tmp_path))
    assert first.generated_password and second.generated_password
    assert first.generated_password != second.generated_password and len(first.generated_password) >= 16
    assert first.check(DEFAULT_USER, first.generated_password)
    assert not first.check(DEFAULT_USER, second.generated_password)
    for guess in ("", "admin", "password", "commissioner", "sva"):
        assert not first.check(DEFAULT_USER, guess)


def test_users_file(monkeypatch, tmp_path):
    users = tmp_path / "users.txt"
    users.write_text(f"# commissioners\n\nanna:{hash_password('anna pw 1')}\nbob:{hash_password('bob pw 2')}\n",
                     encoding="utf-8")
    creds = Credentials.from_settings(settings(monkeypatch, tmp_path, SVA_COMMISSIONER_USERS_FILE=str(users),
                                               SVA_COMMISSIONER_PASSWORD="ignored"))
    assert creds.check("anna", "anna pw 1") and creds.check("bob", "bob pw 2")
    assert not creds.check("anna", "bob pw 2") and not creds.check(DEFAULT_USER, "ignored")


@pytest.mark.parametrize("text, message", [
    ("anna:plaintext\n", "line 1"),
    ("# only a comment\n", "lists no users"),
    (":scrypt$1$2$3$4$5\n", "line 1"),
])
def test_bad_users_files_say_which_line(tmp_path, text, message):
    users = tmp_path / "users.txt"
    users.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        read_users_file(users)
    with pytest.raises(ConfigError, match="cannot read"):
        read_users_file(tmp_path / "missing.txt")


def test_sessions_expire_and_end():
    clock = Clock()
    sessions = Sessions(ttl_seconds=60, clock=clock)
    token = sessions.start("anna")
    assert sessions.user(token) == "anna" and sessions.user("forged") is None and sessions.user(None) is None
    assert sessions.start("anna") != token
    clock.now += 61
    assert sessions.user(token) is None
    token = sessions.start("anna")
    sessions.end(token)
    assert sessions.user(token) is None


def test_throttle_stops_guessing_then_lets_go():
    clock = Clock()
    throttle = Throttle(limit=3, window=100, clock=clock)
    for _ in range(3):
        assert throttle.wait("1.2.3.4") == 0
        throttle.failed("1.2.3.4")
    assert throttle.wait("1.2.3.4") == pytest.approx(100)
    assert throttle.wait("5.6.7.8") == 0  # others are not affected
    clock.now += 101
    assert throttle.wait("1.2.3.4") == 0
    throttle.failed("1.2.3.4")
    throttle.succeeded("1.2.3.4")
    assert throttle.wait("1.2.3.4") == 0
