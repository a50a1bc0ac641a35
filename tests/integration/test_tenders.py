"""Bid evaluation for real: the demo's three bids scored with the real model against the
expectation written before the scoring was built; the CLI as a subprocess (contract JSON, a
restart, kill -9 during a save, a wrong criteria file); the commissioner tab in Chromium at 1280
and 390 px; and residents, who never reach scores, notes or the restricted bids."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.integration import test_server
from tests.integration.test_app import plain
from tests.integration.test_server import TIMEOUT_MS, open_tab, session_cookie, sign_in

served = test_server.served  # the same fixture: the demo (with the three bids) served for real

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = yaml.safe_load((ROOT / "tests" / "data" / "tenders" / "demo_expected.yaml").read_text(encoding="utf-8"))
TENDER = EXPECTED["tender"]
BID_MARKERS = ["horticulture apprenticeships", "Leeds depot", "HBC-2026-031", "lot2_bid", "friends-of-parks",
               "gardening groups", "Lot 2"]


def sva(*args: str, store: Path, check: bool = True) -> subprocess.CompletedProcess:
    from assistant.register.charter import default_charter_path

    env = {k: v for k, v in os.environ.items() if not k.startswith("SVA_")}
    env.update(SVA_CHARTER=str(default_charter_path(demo=True)), HF_HUB_OFFLINE="1")
    done = subprocess.run([str(Path(sys.executable).parent / "sva"), *args, "--store", str(store)],
                          capture_output=True, text=True, env=env, timeout=300, cwd=ROOT)
    if check:
        assert done.returncode == 0, done.stderr
    return done


# -- the demo lot, against the expectation ----------------------------------------------------


def test_demo_ranking_reasons_and_questions_match_what_was_expected(served):
    from assistant.tenders.questions import questions
    from assistant.tenders.scoring import evaluate

    book = served.services.tenders()
    tender = book.tender(TENDER, EXPECTED["lot"])
    assert {d.source: d.supplier for d in tender.docs} == EXPECTED["bids"]
    evaluation = evaluate(tender, book.register(), {})  # the suggestions alone, before any override
    assert [b.supplier for b in evaluation.bidders] == EXPECTED["ranking"]
    assert [b.rank for b in evaluation.bidders] == [1, 2, 3]

    texts: dict[str, str] = {}
    for chunk in served.services.mirror.snapshot().chunks:
        texts[chunk.doc_id] = texts.get(chunk.doc_id, "") + " " + " ".join(chunk.text.split())
    sources = {d.doc_id: d.source for d in served.services.store.documents()}
    reasons = 0
    for bidder in evaluation.bidders:
        for score in bidder.scores:
            for reason in score.reasons:
                c = reason.citation
                assert c.quote and sources[c.doc_id] == c.source, reason
                words = " ".join(c.quote.split())[:60]
                assert words in texts[c.doc_id], (words, c.source)
                reasons += 1
        for criterion, fragments in EXPECTED["reasons"].get(bidder.supplier, {}).items():
            quoted = " ".join(r.citation.quote for r in bidder.score(criterion).reasons)
            assert all(f in quoted for f in fragments), (bidder.supplier, criterion, quoted)
    assert reasons > 20

    asked = questions(tender, book.register())
    flagged = [c for s in tender.bidders for c in tender.bid(book.register(), s) if c.flags]
    assert flagged and {q.commitment_id for q in asked} == {c.id for c in flagged}
    for supplier, wanted in EXPECTED["questions"].items():
        for item in wanted:
            assert any(item["text"] in q.citation.quote and item["flag"] in q.flags
                       for q in asked if q.supplier == supplier), (supplier, item)


# -- the CLI --------------------------------------------------------------------------------


@pytest.mark.slow
def test_cli_json_follows_the_contract_and_an_override_survives_a_restart(served, tmp_path):
    store = served.services.settings.store
    scored = json.loads(sva("tender", "score", TENDER, "--json", store=store).stdout)
    assert set(scored) == {"tender", "criteria", "bidders"} and scored["tender"] == TENDER
    assert set(scored["criteria"][0]) == {"id", "title", "weight"}
    first = scored["bidders"][0]
    assert set(first) == {"supplier", "total", "rank", "scores"}
    assert set(first["scores"][0]) == {"criterion", "score", "override", "reasons"}
    reason = first["scores"][0]["reasons"][0]  # the contract's keys, and the role sva adds
    assert set(reason) == {"text", "citation", "role"} and reason["role"] in ("bid", "delivered", "overdue")
    assert set(first["scores"][0]["reasons"][0]["citation"]) == {"doc_id", "source", "page", "quote"}

    asked = json.loads(sva("tender", "questions", TENDER, "--json", store=store).stdout)["questions"]
    assert asked and set(asked[0]) == {"supplier", "commitment_id", "flags", "question", "citation"}
    sva("tender", "questions", TENDER, "--docx", str(tmp_path / "q.docx"), "--csv", str(tmp_path / "q.csv"),
        store=store)
    assert (tmp_path / "q.docx").stat().st_size > 1000 and "Leeds" in (tmp_path / "q.csv").read_text("utf-8-sig")

    sva("tender", "override", TENDER, "--supplier", "Greenway Facilities Services", "--criterion", "AC3",
        "--score", "50", "--note", "cli note", "--by", "carol", store=store)
    again = json.loads(sva("tender", "score", TENDER, "--json", store=store).stdout)  # a new process
    greenway = next(b for b in again["bidders"] if b["supplier"] == "Greenway Facilities Services")
    assert next(s for s in greenway["scores"] if s["criterion"] == "AC3")["override"] == 50
    bad = sva("tender", "override", TENDER, "--supplier", "Nobody", "--criterion", "AC3", "--score", "5",
              store=store, check=False)
    assert bad.returncode == 2 and "did not bid" in bad.stderr


def test_a_wrong_criteria_file_gets_line_numbered_errors(tmp_path):
    from assistant.register.charter import default_charter_path

    text = default_charter_path(demo=True).read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("outcomes: [CV3, CV4]", "outcomes: [CV3, CV44]").replace("weight: 20", "weight: heavy"),
                   encoding="utf-8")
    line = next(i for i, s in enumerate(bad.read_text().splitlines(), 1) if "CV44" in s)
    done = sva("charter", "validate", str(bad), store=tmp_path / "store", check=False)
    assert done.returncode == 1
    assert f"line {line}: criteria.1.outcomes" in done.stderr and "CV44 is not an outcome id" in done.stderr
    assert "criteria.2.weight" in done.stderr


KILLED_WRITER = """
import sys
from pathlib import Path
from assistant.tenders.decisions import Decisions
book = Decisions(Path(sys.argv[1]))
i = 0
while True:
    i += 1
    book.save("T", "Acme", "AC1", i % 100, f"note {i % 100} " + "x" * 2000, "anna")
    if i == 5:
        print("saving", flush=True)
"""


def test_decisions_survive_kill_9_in_the_middle_of_saving(tmp_path):
    from assistant.tenders.decisions import Decisions

    path = tmp_path / "tenders.sqlite3"
    Decisions(path).save("T", "Acme", "AC2", 75, "kept before the crash", "ben")
    for _round in range(3):
        writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(path)], stdout=subprocess.PIPE,
                                  text=True, cwd=ROOT)
        assert writer.stdout is not None and writer.stdout.readline().strip() == "saving"
        time.sleep(0.3)
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=10)
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        current = Decisions(path).current("T")
        assert current[("Acme", "AC2")].note == "kept before the crash"
        last = current[("Acme", "AC1")]  # whole: its score and note were written together
        assert last.note.startswith(f"note {int(last.score)} ") and last.note.endswith("x" * 2000)
    Decisions(path).save("T", "Acme", "AC1", 100, "after", "anna")
    assert Decisions(path).current("T")[("Acme", "AC1")].score == 100


# -- residents never reach scores, notes or the bids --------------------------------------------


def test_residents_never_reach_scores_notes_or_restricted_bids(served, http):
    from gradio_client import Client

    served.services.tenders().override(TENDER, "Northfield Property Care", "AC1", 60, "SECRET-NOTE-77", "anna")
    resident = Client(served.url + "/", verbose=False)
    api = resident.view_api(return_format="dict", print_info=False)
    endpoints = {**api["named_endpoints"], **(api.get("unnamed_endpoints") or {})}
    assert not [name for name in endpoints if "tender" in str(name) or "override" in str(name)]
    for name, info in endpoints.items():
        if not info["parameters"]:
            continue
        # probes hold no marker: the chat may echo earlier questions of the session
        for probe in ("Harrowden", "Stanmoor", "Millbrook", "What did Northfield promise for the parks?",
                      "How many apprentices in horticulture will Brightstone take on?", "Leeds placements"):
            args = [probe if p["python_type"]["type"] == "str" else p.get("parameter_default")
                    for p in info["parameters"]]
            kwargs = {"api_name": name} if str(name).startswith("/") else {"fn_index": int(name)}
            text = plain(resident.submit(*args, **kwargs).result(timeout=60))
            text = text.replace(probe, "<the question>")
            for marker in [*BID_MARKERS, "SECRET-NOTE-77", "AC1", "override"]:
                assert marker not in text, (name, probe, marker)
    import httpx

    try:  # the resident app has no such endpoint (Gradio may drop the connection over it)
        resident_call = http.post("/gradio_api/call/tender_scores", json={"data": [TENDER, ""]})
        assert resident_call.status_code >= 400 and "Brightstone" not in resident_call.text
    except httpx.TransportError:
        pass
    for path in ("/commissioner/gradio_api/call/tender_scores", "/commissioner/gradio_api/call/save_override"):
        refused = httpx.post(served.url + path, json={"data": [TENDER, ""]}, timeout=30)  # a fresh connection
        assert refused.status_code == 401 and "Brightstone" not in refused.text  # not without signing in
    token = session_cookie(served)
    commissioner = Client(served.url + "/commissioner/", headers={"Cookie": f"sva_session={token}"}, verbose=False)
    shown = commissioner.predict(TENDER, "Northfield Property Care", api_name="/tender_scores")
    assert "Brightstone Construction Ltd" in shown[0] and "SECRET-NOTE-77" in shown[1]


@pytest.fixture(scope="module")
def http(served):
    import httpx

    with httpx.Client(base_url=served.url, timeout=30, follow_redirects=False) as client:
        yield client


# -- the commissioner tab in Chromium ----------------------------------------------------------


def test_commissioner_scores_overrides_and_downloads_in_the_tab(page, served):
    from playwright.sync_api import expect

    sign_in(page, served.url)
    open_tab(page, "Tenders")
    moderation = page.locator("#sva-moderation")
    expect(moderation).to_contain_text("Greenway Facilities Services", timeout=TIMEOUT_MS)
    expect(moderation).to_contain_text("rank 1")
    reasons = page.locator("#sva-reasons")
    expect(reasons).to_contain_text("Brightstone Construction Ltd", timeout=TIMEOUT_MS)
    expect(reasons).to_contain_text("6 horticulture apprenticeships")
    expect(page.locator("#sva-questions")).to_contain_text("Leeds depot")
    page.get_by_label("Criterion", exact=True).click()
    page.get_by_role("option", name="AC4 ").first.click()
    page.wait_for_timeout(1500)  # the criterion's decision in force loads into the form first
    page.get_by_label("Your score (empty: keep the score in force)").fill("50")
    page.get_by_label("Note").fill("Volunteering hours confirmed at interview")
    page.get_by_role("button", name="Save decision").click()
    expect(page.locator("#sva-decision")).to_contain_text("Saved for Brightstone Construction Ltd, AC4: score 50",
                                                         timeout=TIMEOUT_MS)
    expect(reasons).to_contain_text("Volunteering hours confirmed at interview", timeout=TIMEOUT_MS)
    expect(moderation).to_contain_text("(suggested")
    with page.expect_download() as download:
        page.get_by_role("button", name="Score sheet (CSV)").click()
    sheet = Path(download.value.path()).read_text("utf-8-sig")
    assert "Volunteering hours confirmed at interview" in sheet and USER_NAME in sheet
    decision = served.services.tenders().decisions.current(TENDER)[("Brightstone Construction Ltd", "AC4")]
    assert decision.score == 50 and decision.who == USER_NAME
    # the criterion chosen again shows what is in force; a note alone keeps the score (it saved 0)
    page.get_by_label("Criterion", exact=True).click()
    page.get_by_role("option", name="AC3 ").first.click()
    expect(page.get_by_label("Your score (empty: keep the score in force)")).to_have_value("")
    page.get_by_label("Criterion", exact=True).click()
    page.get_by_role("option", name="AC4 ").first.click()
    expect(page.get_by_label("Your score (empty: keep the score in force)")).to_have_value("50", timeout=TIMEOUT_MS)
    expect(page.get_by_label("Note")).to_have_value("Volunteering hours confirmed at interview")
    page.get_by_label("Your score (empty: keep the score in force)").fill("")
    page.get_by_label("Note").fill("Checked again with the bidder")
    expect(page.get_by_label("Note")).to_have_value("Checked again with the bidder")
    page.get_by_role("button", name="Save decision").click()
    expect(reasons).to_contain_text("Checked again with the bidder", timeout=TIMEOUT_MS)
    expect(page.locator("#sva-decision")).to_contain_text("AC4: score 50", timeout=TIMEOUT_MS)
    decision = served.services.tenders().decisions.current(TENDER)[("Brightstone Construction Ltd", "AC4")]
    assert (decision.score, decision.note) == (50, "Checked again with the bidder")
    assert page.dialogs == []


USER_NAME = "anna"


def test_the_tenders_tab_fits_a_phone_and_labels_its_fields(browser, served):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    context.add_cookies([{"name": "sva_session", "value": session_cookie(served),
                          "url": served.url + "/commissioner/"}])
    page = context.new_page()
    try:
        from playwright.sync_api import expect

        page.goto(served.url + "/commissioner/")
        page.locator("h1").first.wait_for(timeout=TIMEOUT_MS)
        open_tab(page, "Tenders")
        expect(page.locator("#sva-moderation")).to_contain_text("Northfield Property Care", timeout=TIMEOUT_MS)
        time.sleep(1)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"the Tenders tab scrolls sideways on a phone by {overflow}px"
        unlabelled = page.evaluate("""() => [...document.querySelectorAll('input, textarea, select')]
            .filter(e => e.type !== 'hidden' && e.offsetParent !== null)
            .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                         && !e.getAttribute('aria-labelledby'))
            .map(e => e.outerHTML.slice(0, 120))""")
        assert unlabelled == [], unlabelled
    finally:
        context.close()


def test_the_award_form_records_the_winner_and_the_losing_bids_leave_the_register(page, served):
    from playwright.sync_api import expect

    sign_in(page, served.url)
    open_tab(page, "Tenders")
    expect(page.locator("#sva-moderation")).to_contain_text("rank 1", timeout=TIMEOUT_MS)
    page.get_by_text("Award the tender").click()
    status = page.locator("#sva-award")
    expect(status).to_contain_text("Not awarded", timeout=TIMEOUT_MS)
    register = served.services.current_register
    before = {c.source for c in register("all").all()}
    assert {"greenway_lot2_bid.md", "northfield_lot2_bid.md"} <= before
    page.get_by_label("Who won it").click()
    page.get_by_role("option", name="Greenway Facilities Services").click()
    page.get_by_role("button", name="Save award").click()
    expect(status).to_contain_text("Awarded to Greenway Facilities Services", timeout=TIMEOUT_MS)
    after = {c.source for c in register("all").all()}
    assert "greenway_lot2_bid.md" in after and "northfield_lot2_bid.md" not in after
    assert served.services.tenders().awards()[(TENDER, "")] == "Greenway Facilities Services"
    page.get_by_label("Who won it").click()
    page.get_by_role("option", name="Not awarded yet").click()
    page.get_by_role("button", name="Save award").click()
    expect(status).to_contain_text("Not awarded", timeout=TIMEOUT_MS)
    assert "northfield_lot2_bid.md" in {c.source for c in register("all").all()}
