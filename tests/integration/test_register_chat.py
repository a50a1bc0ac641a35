"""Issue 15 end to end: the register question set scored on the real model and store (demo + dev
corpus), and the resident journey in a real Chromium at desktop and phone width: pick Oakley Vale,
ask what was promised for "my area", ask what is late, follow up, open a source, read a table."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from assistant.demo import prepare_demo
from tests.integration.test_app import ANSWER_TIMEOUT_MS, clean_settings, launch

pytestmark = pytest.mark.integration

DATA = Path(__file__).resolve().parents[1] / "data"
QUESTIONS = DATA / "register_questions"
DEV = [("wates_social_value_strategy.txt", "Wates", "tender_response", ()),
       ("willmott_dixon_sustainability_reviews.txt", "Willmott Dixon", "tender_response", ()),
       ("wales_school_building_community_benefits.txt", "Vale of Glamorgan Council", "tender_response", ("Wales",)),
       ("council_social_value_webpages.txt", "Councils", "policy", ()),
       ("modern_slavery_statements.txt", "Modern slavery statements", "other", ())]


@pytest.fixture(scope="module")
def question_store(tmp_path_factory):
    """The store the question set was written for (tests/data/register_questions/README.md)."""
    from assistant.register.charter import default_charter_path
    from assistant.services import Services
    from ingest.parse import IngestMeta

    services = Services(clean_settings(store=tmp_path_factory.mktemp("rq-store"), as_of=date(2026, 11, 25),
                                       charter=default_charter_path(demo=True)))
    prepare_demo(services, log=lambda line: None)
    # the set was written before awards: all three housing bids are held to their promises
    services.tenders().award("HBC-2025-014", "", "question set")
    for name, supplier, doc_type, areas in DEV:
        report = services.ingest([DATA / "dev" / name], IngestMeta(supplier=supplier, areas=areas,
                                                                   doc_type=doc_type, audience="public"))
        assert report.ingested and not report.skipped, report.as_json()
    return services


@pytest.fixture(scope="module")
def resident_url(question_store):
    """The resident app over that store (the demo charter: Oakley Vale and Stanmoor are its areas)."""
    import ui

    app = ui.build_resident_app(question_store.public())
    yield launch(app)
    app.close()


def load(name: str) -> list[dict]:
    return [json.loads(line) for line in (QUESTIONS / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_question_set_gets_exactly_the_expected_rows(question_store):
    from assistant.answers.register_eval import derive_rows, evaluate_register

    files = {"questions.jsonl": load("questions.jsonl"), "untuned.jsonl": load("untuned.jsonl")}
    assert len(files["questions.jsonl"]) + len(files["untuned.jsonl"]) >= 80 and len(files["untuned.jsonl"]) == 20
    # the expected rows follow the register from each question's written conditions, so a retrained
    # extractor does not fail this test; the frozen rows in the files are what `sva eval` reads
    register = question_store.register("all")
    files = {name: derive_rows(items, register) for name, items in files.items()}
    result = evaluate_register(files, question_store.answerer("all"))
    wrong = [(i["id"], i["question"], i["routed"], len(i["missing"]), len(i["extra"]))
             for i in result["items"] if not i["right"]]
    print(json.dumps(result["files"]), wrong)  # the figures the issue asks to report
    assert result["exact_rows"] >= 0.90, wrong
    assert result["files"]["untuned.jsonl"]["exact_rows"] >= 0.85, wrong


# -- the resident journey in Chromium -----------------------------------------------------------


def ask(page, question: str):
    """Ask in the open chat; the new answer once its last line (sources, or a plain reply) is in."""
    from playwright.sync_api import expect

    before = page.get_by_test_id("bot").count()
    box = page.locator("[data-testid=textbox]:visible")  # the chat's (other tabs have their own)
    box.fill(question)
    box.press("Enter")
    bot = page.get_by_test_id("bot").nth(before)
    expect(bot).to_contain_text(re.compile(r"Sources|Which area|found no|No published|could not find"),
                                timeout=ANSWER_TIMEOUT_MS)
    return bot


def open_tab(page, name: str) -> None:
    """Click a tab; at phone width Gradio puts the last tabs behind a "More tabs" button."""
    tab = page.get_by_role("tab", name=name)
    if not tab.count():
        page.get_by_role("button", name="More tabs").click()
        tab = page.get_by_role("button", name=name, exact=True).last
    tab.click()


@pytest.mark.parametrize("width", [1280, pytest.param(390, marks=pytest.mark.slow)])
def test_the_resident_journey_my_area_late_and_a_follow_up(page, resident_url, question_store, width):
    from playwright.sync_api import expect

    page.set_viewport_size({"width": width, "height": 900})
    page.goto(resident_url)
    area = page.get_by_label("Your area")
    area.wait_for(timeout=30_000)
    area.fill("Oakley Vale")
    area.press("Enter")
    expect(page.locator("#sva-promises")).to_contain_text("Oakley Vale", timeout=ANSWER_TIMEOUT_MS)
    open_tab(page, "Ask a question")

    mine = ask(page, "What did they promise for my area?")
    expect(mine).to_contain_text("Oakley Vale (your area)")
    expect(mine).to_contain_text(re.compile(r"offered \d+ commitments naming Oakley Vale in bids"))
    expect(mine.locator("li").first).to_be_visible()

    late = ask(page, "Is anything late?")
    expect(late).to_contain_text("Showing: overdue, all suppliers, every area.")
    expect(late).to_contain_text("(deadline passed)")
    assert "Taking your question as" not in late.inner_text()  # complete: taken as it is

    link = late.locator("a.sva-ref").first
    passage = late.locator("details.sva-cite blockquote").first
    expect(passage).to_be_hidden()
    link.click()
    expect(passage).to_be_visible(timeout=10_000)  # the [n] opened its footnote

    follow = ask(page, "and in Stanmoor?")
    expect(follow).to_contain_text("Taking your question as: “Is anything late in Stanmoor?”")
    expect(follow).to_contain_text("Showing: overdue, all suppliers, Stanmoor.")

    rows = ask(page, "Have the sheltered homes had their damp and mould survey?")
    expect(rows).to_contain_text("1,150")
    assert "|" not in rows.inner_text()  # quoted table rows show as cells

    table = ask(page, "Compare the suppliers on local jobs")
    expect(table.locator("table.sva-table")).to_be_visible()
    suppliers = {c.supplier for c in question_store.public().register().all() if c.doc_type != "social_value_report"}
    expect(table.locator("table.sva-table tbody tr")).to_have_count(len(suppliers))  # a row per supplier
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px at {width}px"
    assert page.dialogs == []
