"""Issue 19 in a real Chromium, at a desktop width and a phone's: a resident ranks priorities and
answers "have you seen this happen?" for a promise (the glossary marks the terms it explains); a
commissioner sees the answer, publishes the comment, and residents then see it, as text."""

from __future__ import annotations

import re

import pytest

from tests.integration.test_server import open_tab
from tests.security import web_server as w

pytestmark = pytest.mark.integration

TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    served = w.start(tmp_path_factory.mktemp("voice-browser"))
    yield served
    w.stop(served)


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the visible Gradio drop-down labelled ``label``."""
    box = page.get_by_label(label, exact=True).locator("visible=true").first
    box.click()
    page.get_by_role("option", name=re.compile(re.escape(option))).first.click()


@pytest.mark.parametrize("width", [1280, pytest.param(390, marks=pytest.mark.slow)])
def test_a_resident_has_a_say_and_a_commissioner_moderates_it(served, browser, width):
    comment = f"Saw two new apprentices at the depot <b>{width}</b>"
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(served.url + "/")
    area = page.get_by_label("Your area", exact=True).locator("visible=true").first
    area.wait_for()
    page.evaluate("""window.__said = []; new MutationObserver(() => document.querySelectorAll('[role=status]')
        .forEach(e => e.textContent && window.__said.push(e.textContent)))
        .observe(document.body, {subtree: true, childList: true, characterData: true});""")  # what screen readers hear
    page.get_by_role("button", name="Send my answer").click()  # nothing chosen yet: says what to do
    page.locator("#sva-say-result").get_by_text("not saved").wait_for()
    area.fill("Harrowden")
    area.press("Enter")
    page.get_by_role("button", name="Show promises").click()
    promises = page.locator("#sva-promises")
    promises.get_by_text("Acme Ltd").first.wait_for()
    assert promises.locator("abbr.sva-term").count() >= 1  # "apprenticeships" is explained
    titles = promises.locator("abbr.sva-term").evaluate_all("els => els.map(e => e.title)")
    assert any("paid job with training" in t for t in titles), titles
    choose(page, "Promise", "20 apprenticeships")
    page.get_by_label("I have seen this happen", exact=True).check()
    page.get_by_label("Comment (optional)").fill(comment)
    page.get_by_label("Comment (optional)").press("Shift+Tab")
    page.keyboard.press("Tab")  # reached by keyboard: a clear ring, as every control shows
    ring = page.evaluate("(s => [s.outlineWidth, s.outlineColor])(getComputedStyle(document.activeElement))")
    assert ring == ["3px", "rgb(240, 160, 32)"], ring  # the app's amber ring
    page.get_by_role("button", name="Send my answer").click()
    page.locator("#sva-say-result").get_by_text("Thank you").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1  # no sideways scrolling
    said = page.evaluate("window.__said")
    assert not [t for t in said if "common." in t], sorted(set(said))  # words, never Gradio's keys
    # Gradio names its key where it has no words ("common.complete"): the app gives them
    assert w.config(served.url)["i18n_translations"]["en"]["common.complete"] == "Done"
    # saved: the form starts afresh, so a second press cannot replace the comment with none
    assert page.get_by_label("Comment (optional)").input_value() == ""
    assert not page.get_by_label("I have seen this happen", exact=True).is_checked()

    open_tab(page, "What matters to you")
    area = page.get_by_label("Your area", exact=True).locator("visible=true").first
    area.fill("Harrowden")
    area.press("Enter")
    choose(page, "Most important", "Good local jobs")
    choose(page, "Second", "Cutting carbon")
    page.get_by_role("button", name="Save my priorities").click()
    page.locator("#sva-rank-result").get_by_text("Thank you").wait_for()

    other = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    other.goto(served.url + "/commissioner/login")
    other.fill("#username", w.USER)
    other.fill("#password", w.PASSWORD)
    other.get_by_role("button", name="Sign in").click()
    open_tab(other, "Residents")
    answers = other.locator("#sva-voice-answers")
    answers.get_by_text(comment).wait_for(timeout=TIMEOUT_MS)
    assert "waiting for you" in answers.inner_text()
    assert "Good local jobs" in other.locator("#sva-voice-priorities").inner_text()
    choose(other, "Comment", comment[:40])
    other.get_by_role("button", name="Publish", exact=True).click()
    other.get_by_text("is now published").wait_for()
    other.context.close()

    open_tab(page, "Promises for your area")
    page.get_by_role("button", name="Show promises").click()
    promises.get_by_text(comment).wait_for()  # shown as the characters typed
    assert promises.locator("b").filter(has_text=str(width)).count() == 0
    context.close()
