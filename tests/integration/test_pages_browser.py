"""What a reader sees in a real Chromium, where only a browser shows it: every tab in sight on a
phone, a chat that uses the window and shows a new answer from its start, Back after "Log out"
(and a session that ends while the page is open) landing on the sign-in page, documents opening
in a new tab, and the documents form keeping what was chosen for the next step."""

from __future__ import annotations

import re

import pytest

from tests.integration.test_server import open_tab
from tests.security import web_server as w

pytestmark = pytest.mark.integration

TIMEOUT_MS = 60_000
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from assistant.register.charter import default_charter_path

    served = w.start(tmp_path_factory.mktemp("pages-browser"), charter=default_charter_path(demo=True))
    yield served
    w.stop(served)


def signed_in(browser, served, **options):
    page = browser.new_context(**options).new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(served.url + "/commissioner/login")
    page.fill("#username", w.USER)
    page.fill("#password", w.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("tab", name="Documents").wait_for()
    return page


def tabs_in_sight(page) -> list[str]:
    page.get_by_role("tab").first.wait_for()
    page.wait_for_timeout(1000)  # the tab bar measures itself after the page loads
    assert page.get_by_label("More tabs").filter(visible=True).count() == 0, "tabs hide behind ⋯"
    return page.get_by_role("tab").filter(visible=True).all_inner_texts()


def test_every_tab_is_in_sight_on_a_phone(browser, served):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(served.url + "/")
    assert tabs_in_sight(page) == ["Promises for your area", "What matters to you", "Ask a question"]
    context.close()
    page = signed_in(browser, served, **PHONE)
    assert tabs_in_sight(page) == ["Ask", "Documents", "Commitments", "Charter", "Residents", "Tenders"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 391  # and no sideways scrolling
    page.context.close()


def ask(page, question: str, n: int):
    box = page.get_by_role("textbox", name="Your question").filter(visible=True).first
    box.fill(question)
    box.press("Enter")
    answer = page.get_by_test_id("bot").nth(n)
    answer.get_by_text(re.compile("Sources|could not find")).first.wait_for()
    page.wait_for_timeout(800)  # the last scroll
    return answer


@pytest.mark.parametrize("width", [1280, 390])
def test_the_chat_uses_the_window_and_a_new_answer_shows_from_its_start(browser, served, width):
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(served.url + "/")
    open_tab(page, "Ask a question")
    chat = page.locator(".sva-chat").filter(visible=True)
    assert chat.bounding_box()["height"] >= 420  # not a small box with the window empty below it
    for n, question in enumerate(["What did Acme Ltd promise for Harrowden?",
                                  "How many apprenticeships were promised for Harrowden?"]):
        answer = ask(page, question, n)
        top = answer.evaluate("e => e.getBoundingClientRect().top")
        assert 0 <= top < 844 * 0.6, f"answer {n + 1} starts at {top}px: not in sight from its start"
    inside = chat.locator("[role=log]").evaluate("e => e.scrollHeight - e.clientHeight")
    assert inside <= 1, f"the answers scroll inside a box ({inside}px hidden in it)"
    label = page.locator(".sva-chat [data-testid=block-label]").filter(visible=True).bounding_box()
    first = page.get_by_test_id("user").first.bounding_box()
    assert label["y"] + label["height"] <= first["y"], "the Conversation label covers the first question"
    links = page.locator("[data-testid=bot] a.sva-doc")
    assert links.count() and set(links.evaluate_all("els => els.map(e => e.target + ' ' + e.rel)")) \
        == {"_blank noopener noreferrer"}
    context.close()


def test_back_after_log_out_and_an_ended_session_lead_to_the_sign_in(browser, served):
    page = signed_in(browser, served)
    page.get_by_text("Log out").click()
    page.wait_for_url(re.compile(r"/commissioner/login$"))
    page.go_back()
    page.get_by_role("button", name="Sign in").wait_for()  # not the app's page from the cache
    assert page.url.endswith("/commissioner/login") and "Not signed in" not in page.content()

    page = signed_in(browser, served)  # the session ends while the page is open
    assert page.context.request.get(served.url + "/commissioner/logout", max_redirects=0).status == 303
    if not page.url.endswith("/commissioner/login"):  # a call of its own may have been refused already
        try:
            open_tab(page, "Commitments")  # its first call is refused: the page goes to the sign-in
        except AssertionError:  # the tabs went as the page left for the sign-in
            pass
    page.wait_for_url(re.compile(r"/commissioner/login$"))
    page.get_by_role("button", name="Sign in").wait_for()


def test_residents_open_documents_in_a_new_tab_and_see_the_charters_spelling(browser, served):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(served.url + "/")
    area = page.get_by_label("Your area", exact=True).locator("visible=true").first
    area.fill("harrowden")
    page.get_by_role("button", name="Show promises").click()
    shown = page.locator("#sva-promises")
    shown.get_by_text(re.compile("cover Harrowden")).wait_for()
    assert "harrowden" not in shown.inner_text()
    links = shown.locator("a.sva-doc")
    assert links.count() and set(links.evaluate_all("els => els.map(e => e.target + ' ' + e.rel)")) \
        == {"_blank noopener noreferrer"}
    with context.expect_page() as opened:
        links.first.click()
    assert "/source/" in opened.value.url and page.url == served.url + "/"  # this page stays as it was
    context.close()


@pytest.mark.slow
def test_the_documents_form_keeps_what_was_chosen(browser, served, tmp_path):
    from playwright.sync_api import expect

    bid = tmp_path / "quince_bid.md"
    bid.write_text("# Jobs\n\nQuince Care will create 5 apprenticeships in Harrowden by 2028.\n", "utf-8")
    page = signed_in(browser, served, viewport={"width": 1280, "height": 900})
    open_tab(page, "Documents")
    page.locator("input[type=file]").first.set_input_files([str(bid)])
    add, report = page.get_by_role("button", name="Add documents"), page.locator("#sva-ingest-report")
    add.click()
    expect(report).to_contain_text("Choose the supplier")
    supplier = page.get_by_label("Supplier").first
    supplier.fill("Quince Care")
    supplier.press("Enter")
    add.click()  # the file is still chosen: no need to choose it again
    expect(report).to_contain_text("Added 1 file")
    assert [d.supplier for d in served.services.store.documents() if d.source == "quince_bid.md"] \
        == ["Quince Care"]

    chosen = page.get_by_label("Document", exact=True)
    chosen.click()
    page.get_by_role("option", name=re.compile("quince_bid.md")).click()
    outcome = page.get_by_role("button", name="Save details")
    outcome.click()
    expect(page.get_by_text("Saved the details of quince_bid.md")).to_be_visible()
    expect(chosen).to_have_value(re.compile("quince_bid.md"))
    page.get_by_role("button", name=re.compile("Re-ingest")).click()
    expect(page.get_by_text("Read 1 file again")).to_be_visible()
    expect(chosen).to_have_value(re.compile("quince_bid.md"))
    page.get_by_role("button", name="Delete…").click()
    page.get_by_role("button", name="Yes, delete this document for good").click()
    expect(page.get_by_text("Deleted quince_bid.md")).to_be_visible()
    page.context.close()
