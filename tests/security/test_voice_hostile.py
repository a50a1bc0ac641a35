"""Issue 19, hostile residents against a live server: comments with markup, 10 kB of text, an
email address or a phone number are refused or shown inert; nothing one resident writes reaches
another before a commissioner publishes it; answers about restricted promises are refused; one
client is rate-limited."""

from __future__ import annotations

import json

import pytest

from tests.security import web_server as w

pytestmark = pytest.mark.integration

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    served = w.start(tmp_path_factory.mktemp("voice"), voice_client_limit=40)
    served.config = w.config(served.url)
    served.events = {d.get("api_name"): d["id"] for d in w.events(served.config)}
    yield served
    w.stop(served)


def say(served, promise: str, answer: str, comment, session: str) -> str:
    status, result = w.call(served.url, served.events["say_seen"], ["Harrowden", promise, answer, comment],
                            session=session)
    assert status == 200, result
    return json.dumps(result["output"]["data"], ensure_ascii=False)


def promises_page(served) -> str:
    status, result = w.call(served.url, served.events["promises"], ["Harrowden"])
    assert status == 200
    return result["output"]["data"][0]


def acme(served) -> str:
    return next(c.id for c in served.services.public().register().commitments(area="Harrowden")
                if "20 apprenticeships" in c.text)


@pytest.mark.parametrize("comment, refusal", [
    ("x" * 10_240, "under 500 characters"),
    ("email me at jo.bloggs@example.org", "email address"),
    ("ring 07700 900123 any time", "phone number"),
])
def test_hostile_comments_are_refused_and_nothing_is_stored(served, comment, refusal):
    before = len(served.services.voice().responses())
    shown = say(served, acme(served), "seen", comment, "hostile")
    assert refusal in shown and "not saved" in shown
    assert len(served.services.voice().responses()) == before


def test_markup_is_stored_as_text_hidden_until_published_then_shown_inert(served):
    assert "Thank you" in say(served, acme(served), "seen", SCRIPT, "markup")
    page = promises_page(served)
    assert "alert" not in page and "Have you seen any of these promises kept?" in page
    voice = served.services.voice()
    [row] = [r for r in voice.responses() if r.comment == SCRIPT]
    voice.publish_plain_answers()
    assert "alert" not in promises_page(served)  # a comment waits even when plain answers are published
    voice.moderate(row.id, "published")
    page = promises_page(served)
    assert "&lt;script&gt;alert" in page and "<script" not in page and "<img" not in page


def test_restricted_promises_and_made_up_ones_cannot_be_answered(served):
    secret = next(c.id for c in served.services.register("all").all() if c.supplier == "Bolt Ltd")
    for promise in (secret, "nope:s0", 12, None):
        assert "Choose your area, then one of its promises" in say(served, promise, "seen", "", "r")
    assert not [r for r in served.services.voice().responses() if r.commitment_id == secret]


def test_one_client_sending_too_many_is_told_to_wait(served):
    shown = ""
    for i in range(60):
        shown = say(served, acme(served), "dont_know", "", f"flood-{i}")
        if "try again in" in shown:
            break
    assert "You have sent a lot of answers" in shown
