"""Issue 16: the sign-in lockout cannot be dodged with X-Forwarded-For, counts user names as well
as addresses, and a burst of failed sign-ins does not slow other pages (hashing is off the event
loop, on a bounded pool). Also `sva serve` refuses a port that is not one."""

from __future__ import annotations

import httpx
import pytest

from tests.security import web_server as w


def attempt(url: str, user: str = w.USER, password: str = "wrong", forwarded: str = "") -> int:
    headers = {"x-forwarded-for": forwarded} if forwarded else {}
    return httpx.post(url + "/commissioner/login", data={"username": user, "password": password},
                      headers=headers, timeout=30).status_code


@pytest.mark.integration
def test_a_new_forwarded_address_per_attempt_does_not_dodge_the_lockout(tmp_path):
    served = w.start(tmp_path)
    try:
        codes = [attempt(served.url, user=f"user{i}", forwarded=f"10.0.0.{i}") for i in range(7)]
        assert codes[:5] == [401] * 5 and codes[5:] == [429, 429], codes
        assert attempt(served.url, password=w.PASSWORD) == 429  # the socket's address is locked
        with w.login_burst(served.url, [(f"x{i}", "wrong", "") for i in range(24)]) as codes:
            w.assert_responsive(served.url)  # a page loads during the burst
        assert len(codes) == 24 and set(codes) <= {429, 503}, codes
    finally:
        w.stop(served)


@pytest.mark.integration
def test_behind_a_named_proxy_each_user_name_is_locked_too(tmp_path):
    served = w.start(tmp_path, forwarded_allow_ips="127.0.0.1")
    try:
        codes = [attempt(served.url, forwarded=f"10.0.1.{i}") for i in range(6)]
        assert codes == [401] * 5 + [429], codes  # one name, many addresses: locked by name
        assert attempt(served.url, user="someone-else", forwarded="10.0.2.1") == 401  # others may try
        assert attempt(served.url, password=w.PASSWORD, forwarded="10.0.2.2") == 429
        with w.login_burst(served.url, [(f"y{i}", "wrong", f"10.1.0.{i}") for i in range(16)]) as codes:
            w.assert_responsive(served.url)  # failures that all hash
        assert len(codes) == 16 and set(codes) <= {401, 503}, codes
    finally:
        w.stop(served)


def test_serve_refuses_a_port_that_is_not_one():
    from typer.testing import CliRunner

    from assistant.app.guard import server_options
    from assistant.cli import app
    from assistant.errors import ConfigError

    result = CliRunner().invoke(app, ["serve", "--port", "99999"])
    assert result.exit_code == 2 and "--port" in result.output and "65535" in result.output
    for port in (0, 65536, 99999, -1):
        with pytest.raises(ConfigError, match="1 to 65535"):
            server_options(port=port)
    with pytest.raises(ConfigError, match="not an IP address"):
        server_options(forwarded_allow_ips="proxy.example")
    assert server_options()["proxy_headers"] is False  # X-Forwarded-For is ignored by default
    trusted = server_options(forwarded_allow_ips="127.0.0.1, 10.0.0.0/8")
    assert trusted["proxy_headers"] and trusted["forwarded_allow_ips"] == "127.0.0.1,10.0.0.0/8"
