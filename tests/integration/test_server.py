"""`sva serve` as a whole: one server with the resident app at / and the commissioner app at
/commissioner, driven over HTTP, through gradio_client and in a real Chromium.

Residents must never reach a restricted document — through any endpoint, file route or query —
and nothing under /commissioner may answer without a signed-in session.
"""

from __future__ import annotations

import csv
import io
import re
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from assistant.demo import prepare_demo
from tests.integration.test_app import (
    LEAK_QUESTIONS,
    RESTRICTED_MARKERS,
    RESTRICTED_SOURCE,
    clean_settings,
    free_port,
    plain,
)

pytestmark = pytest.mark.integration

USER, PASSWORD = "anna", "a long test password"
TIMEOUT_MS = 60_000
# A restricted bid whose pledges land in the register: residents must never see them either.
SECRET_BID = ("# Greenway confidential annex\n\n## Jobs\n\n"
              "We will create 9 apprenticeships in Harrowden by 2027 under the KUMQUAT-9 pledge.\n\n"
              "We will spend £40,000 with Stanmoor firms by 2028 (KUMQUAT-9 budget line).\n")
SECRET_MARKERS = [*RESTRICTED_MARKERS, "KUMQUAT", "greenway_confidential_annex"]
SECRET_PHRASE = "Schedule of Rates variant Q7-TANGERINE"


# -- the server -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    import uvicorn

    import ui
    from assistant.app.auth import Credentials, hash_password
    from assistant.register.charter import default_charter_path
    from assistant.services import Services
    from ingest.parse import IngestMeta

    folder = tmp_path_factory.mktemp("served")
    services = Services(clean_settings(store=folder / "store", charter=default_charter_path(demo=True)))
    log: list[str] = []
    prepare_demo(services, log=log.append)
    secret = folder / "greenway_confidential_annex.md"
    secret.write_text(SECRET_BID, encoding="utf-8")
    report = services.ingest([secret], IngestMeta("Greenway Facilities Services", ("Harrowden",),
                                                  "tender_response", "restricted"))
    assert report.ok and not [line for line in log if "skipped" in line], (log, report.as_json())
    docs = {d.source: d for d in services.store.documents()}

    app = ui.create_app(services, Credentials({USER: hash_password(PASSWORD)}))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.1)
    yield SimpleNamespace(url=f"http://127.0.0.1:{port}", services=services, docs=docs,
                          secret_file=secret)
    server.should_exit = True
    thread.join(timeout=20)


@pytest.fixture(scope="module")
def http(served):
    import httpx

    with httpx.Client(base_url=served.url, timeout=30, follow_redirects=False) as client:
        yield client


def session_cookie(served) -> str:
    import httpx

    response = httpx.post(served.url + "/commissioner/login",
                          data={"username": USER, "password": PASSWORD})
    assert response.status_code == 303, response.text
    return response.cookies["sva_session"]


def assert_hidden(response, context: str) -> None:
    text = plain(response)
    text = re.sub(r"Taking your question as: “[^”]*”", "", text)  # the user's own words
    for marker in SECRET_MARKERS:
        assert marker not in text, f"restricted {marker!r} reached a resident via {context}: {text[:500]}"


# -- residents: every endpoint, every route ------------------------------------------------


@pytest.mark.slow
def test_every_resident_endpoint_keeps_restricted_documents_out(served):
    from gradio_client import Client

    client = Client(served.url + "/", verbose=False)
    api = client.view_api(return_format="dict", print_info=False)
    endpoints = {**api["named_endpoints"], **(api.get("unnamed_endpoints") or {})}
    assert {"/ask", "/promises", "/areas"} <= set(endpoints), endpoints.keys()
    areas = served.services.charter().areas
    probes = [SECRET_PHRASE, *LEAK_QUESTIONS, "KUMQUAT-9", "What did Greenway promise for Harrowden?",
              "What did Greenway promise?", "Harrowden", *areas, "' OR audience='restricted",
              "greenway_confidential_annex.md", RESTRICTED_SOURCE]
    calls = 0
    for name, info in endpoints.items():
        kwargs = {"api_name": name} if str(name).startswith("/") else {"fn_index": int(name)}
        params = info["parameters"]
        for probe in probes if params else [None]:
            args = [probe if p["python_type"]["type"] == "str" else p.get("parameter_default")
                    for p in params]
            assert_hidden(client.submit(*args, **kwargs).result(timeout=60), f"{name}({probe!r})")
            calls += 1
    assert calls > 2 * len(probes)
    # the same endpoints do serve public promises and answers (the check above is not vacuous)
    shown = re.sub(r"<[^>]+>", "", plain(client.predict("Harrowden", api_name="/promises")))  # glossary <abbr>s
    assert "Brightstone Construction Ltd" in shown and "20 apprenticeships" in shown
    # Greenway lost the housing contract: its bid is unpublished and its promises no one's to keep
    assert "Greenway Facilities Services" not in shown and "Tool Library" not in shown


def test_residents_cannot_fetch_restricted_files(served, http):
    secret = served.docs["greenway_confidential_annex.md"].doc_id
    pricing = served.docs[RESTRICTED_SOURCE].doc_id
    public = served.docs["brightstone_tender_response.pdf"].doc_id
    assert http.get(f"/source/{public}").status_code == 200
    lost = served.docs["northfield_tender_response.md"].doc_id  # a bid that lost: not published
    for doc_id in (secret, pricing, lost):
        response = http.get(f"/source/{doc_id}")
        assert response.status_code == 404 and "KUMQUAT" not in response.text
    for path in (served.secret_file, served.services.settings.store / "chroma.sqlite3"):
        response = http.get(f"/gradio_api/file={path}")
        assert response.status_code in (403, 404), (path, response.status_code)


# -- commissioners: nothing without a session ----------------------------------------------


GUARDED = [("get", "/commissioner/config"), ("get", "/commissioner/gradio_api/info"),
           ("get", "/commissioner/gradio_api/openapi.json"),
           ("post", "/commissioner/gradio_api/queue/join"),
           ("get", "/commissioner/gradio_api/queue/data?session_hash=abc"),
           ("post", "/commissioner/gradio_api/call/register"),
           ("post", "/commissioner/gradio_api/run/register"),
           ("post", "/commissioner/gradio_api/upload"),
           ("get", "/commissioner/gradio_api/heartbeat/abc"),
           ("post", "/commissioner/gradio_api/cancel"),
           ("get", "/commissioner/gradio_api/file=/etc/hostname"),
           ("get", "/commissioner/theme.css"), ("get", "/commissioner/logout/../config")]


def test_commissioner_app_refuses_calls_without_a_session(served, http):
    from gradio_client import Client

    page = http.get("/commissioner/", headers={"accept": "text/html"})
    assert page.status_code == 303 and page.headers["location"] == "/commissioner/login"
    secret = served.docs["greenway_confidential_annex.md"].doc_id
    for method, path in [*GUARDED, ("get", f"/commissioner/source/{secret}")]:
        for headers in ({}, {"cookie": "sva_session=forged"}):
            response = http.request(method.upper(), path, headers=headers, json={})
            assert response.status_code == 401, (path, headers, response.status_code)
            assert "KUMQUAT" not in response.text and "TANGERINE" not in response.text
    with pytest.raises(Exception):
        Client(served.url + "/commissioner/", verbose=False)
    wrong = http.post("/commissioner/login", data={"username": USER, "password": "guess"})
    assert wrong.status_code == 401 and "sva_session" not in wrong.cookies


def test_commissioner_api_works_with_a_session(served, http):
    from gradio_client import Client

    token = session_cookie(served)
    client = Client(served.url + "/commissioner/", headers={"Cookie": f"sva_session={token}"},
                    verbose=False)
    table, csv_path, _ = client.predict("Greenway Facilities Services", "", "", "", "",
                                        api_name="/register")
    assert "KUMQUAT-9" in table  # commissioners see restricted pledges; residents never did
    assert "KUMQUAT-9" in Path(csv_path).read_text(encoding="utf-8-sig")
    answer = plain(client.predict("Which Schedule of Rates variant is Greenway's pricing "
                                  "submitted against?", api_name="/ask"))
    assert "Q7-TANGERINE" in answer and RESTRICTED_SOURCE in answer
    secret = served.docs["greenway_confidential_annex.md"].doc_id
    assert "KUMQUAT" in http.get(f"/commissioner/source/{secret}",
                                 cookies={"sva_session": token}).text


# -- a real browser -------------------------------------------------------------------------


def open_tab(page, name: str) -> None:
    """Click a tab, from the "More tabs" menu where a narrow screen tucks it away (the tab bar
    may still be measuring itself just after the page loads: try again)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _attempt in range(12):
        tab = page.get_by_role("tab", name=name).filter(visible=True)
        if tab.count():
            try:
                tab.first.click(timeout=5_000)
                return
            except PlaywrightTimeout:
                pass
        more = page.get_by_label("More tabs").filter(visible=True)
        if more.count():
            try:
                more.first.click(timeout=5_000)
                page.locator(".overflow-dropdown button", has_text=name).first.click(timeout=5_000)
                return
            except PlaywrightTimeout:
                pass
        time.sleep(0.5)
    raise AssertionError(f"could not open the {name!r} tab")


def sign_in(page, url: str) -> None:
    from playwright.sync_api import expect

    page.goto(url + "/commissioner/")
    expect(page).to_have_url(re.compile(r"/commissioner/login$"))
    page.get_by_label("User name").fill(USER)
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("do not match")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")  # the keyboard is enough
    expect(page.get_by_role("tab", name="Documents")).to_be_visible(timeout=TIMEOUT_MS)


def ask(page, question: str):
    from playwright.sync_api import expect

    box = page.get_by_role("textbox", name="Your question").filter(visible=True).first
    box.fill(question)
    box.press("Enter")
    bot = page.get_by_test_id("bot").last
    expect(bot).to_contain_text(re.compile(r"Sources|could not find"), timeout=TIMEOUT_MS)
    return bot


def test_commissioner_uploads_asks_opens_a_citation_filters_and_downloads(page, served, tmp_path):
    from playwright.sync_api import expect

    from assistant.app import documents

    sign_in(page, served.url)
    # -- upload several files at once; watch the progress, then read the report
    body = "\n\n".join(f"## Part {i}\n\nWe will run {i + 2} careers workshops in Oakley Vale "
                       f"schools each year, with volunteers from our teams." for i in range(150))
    big = tmp_path / "zephyr_works_offer.md"
    big.write_text("# Zephyr Works social value offer\n\n## Apprenticeships\n\nWe will create "
                   "14 apprenticeships for Fernhill Park residents by June 2027. <script>"
                   "window.__pwned=1</script>\n\n" + body, encoding="utf-8")
    broken = tmp_path / "broken_scan.pdf"
    broken.write_bytes(b"this is not really a PDF")
    small = tmp_path / "zephyr_letter.txt"
    small.write_text("Zephyr Works will plant 80 trees in Millbrook by 2028.\n", encoding="utf-8")
    open_tab(page, "Documents")
    page.locator("input[type=file]").first.set_input_files([str(big), str(broken), str(small)])
    supplier = page.get_by_label("Supplier").first
    supplier.fill("Zephyr Works")
    supplier.press("Enter")
    page.get_by_role("button", name="Add documents").click()
    report = page.locator("#sva-ingest-report")
    expect(report).to_contain_text(re.compile(r"Keeping the uploaded files|Reading \S+"),
                                   timeout=TIMEOUT_MS)  # the progress, while it works
    expect(report).to_contain_text("Took", timeout=120_000)
    text = report.inner_text()
    assert "1 file could not be added" in text and "broken_scan.pdf" in text and "PDF" in text
    assert "Added 2 files" in text and "zephyr_works_offer.md" in text and "zephyr_letter.txt" in text
    docs = {d.source: d for d in served.services.store.documents()}
    uploads = served.services.settings.store / "uploads"
    for name in ("zephyr_works_offer.md", "zephyr_letter.txt"):
        assert docs[name].audience == "restricted" and docs[name].supplier == "Zephyr Works"
        folder = (uploads / documents.supplier_folder("Zephyr Works")).resolve()
        assert Path(docs[name].path).resolve().parent.parent == folder  # <supplier>/<content hash>/
    assert not list(uploads.rglob("broken_scan.pdf*"))  # a file that was not added is not kept
    listed = page.get_by_role("region", name=re.compile("documents in the store"))
    expect(listed).to_contain_text("zephyr_works_offer.md")

    # -- ask (multi-turn), then open a citation: the passage with the quote marked
    open_tab(page, "Ask")
    bot = ask(page, "How many apprenticeships will Zephyr Works create for Fernhill Park residents?")
    assert "14 apprenticeships" in bot.inner_text()
    bot.locator("summary").first.click()
    passage = bot.locator("details[open] blockquote").first
    expect(passage).to_be_visible()
    assert "14 apprenticeships" in passage.locator("mark").first.inner_text()
    assert "<script>" in passage.inner_text() and page.evaluate("window.__pwned") is None
    bot = ask(page, "and in Millbrook?")  # a follow-up, understood in context
    expect(bot).to_contain_text("Taking your question as")

    # -- the register: filter by supplier, flags at a glance, download CSV
    open_tab(page, "Commitments")
    table = page.locator("#sva-register")
    expect(table).to_contain_text("flagged", timeout=TIMEOUT_MS)
    sideways = page.evaluate("(() => { const s = document.querySelector('#sva-register .sva-scroll');"
                             " return s.scrollWidth - s.clientWidth; })()")
    assert sideways <= 1, f"the register is {sideways}px wider than a 1280 px window: Source is cut off"
    page.get_by_label("Supplier", exact=True).filter(visible=True).click()
    page.get_by_role("option", name="Greenway Facilities Services").click()
    expect(table.locator("caption")).to_contain_text(re.compile(r"^\d+ commitments"), timeout=TIMEOUT_MS)
    # the unfiltered table has such a caption too: wait until every row is the chosen supplier's
    others = table.locator("td[data-label='Supplier']").filter(has_not_text="Greenway Facilities Services")
    expect(others).to_have_count(0, timeout=TIMEOUT_MS)
    expect(table).to_contain_text("KUMQUAT-9")
    suppliers = table.locator("td[data-label='Supplier']").all_inner_texts()
    assert suppliers and set(suppliers) == {"Greenway Facilities Services"}
    assert table.locator(".sva-flag").count() > 0
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8-sig"))))
    assert len(rows) == len(suppliers) and {r["supplier"] for r in rows} == {"Greenway Facilities Services"}
    assert any("KUMQUAT-9" in r["text"] for r in rows)

    # -- the charter: coverage heatmap and a side-by-side comparison
    open_tab(page, "Charter")
    heatmap = page.locator("[aria-label='Coverage heatmap']")
    expect(heatmap).to_contain_text("Zephyr Works", timeout=TIMEOUT_MS)
    assert heatmap.locator(".sva-heat-0").count() > 0  # gaps show
    expect(page.locator("[aria-label='Supplier comparison']")).to_contain_text("nothing offered")
    assert page.dialogs == []


def test_commissioner_corrects_a_row_sva_read_wrong_and_undoes_it(page, served):
    from playwright.sync_api import expect

    page.goto(served.url + "/commissioner/login")
    page.get_by_label("User name").fill(USER)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    open_tab(page, "Commitments")
    table, form = page.locator("#sva-register"), page.locator("#sva-correct")
    expect(table).to_contain_text("flagged", timeout=TIMEOUT_MS)
    form.get_by_text("Correct a row sva read wrong").click()
    row = page.get_by_role("combobox", name="Row", exact=True)
    row.click()
    first = page.get_by_role("option").first
    text = first.inner_text().split(" — ", 1)[1][:50]
    first.click()
    form.get_by_label(re.compile("Not a promise")).check()
    form.get_by_label("Why (optional)").fill("<b>a photo caption</b>")
    form.get_by_role("button", name="Save correction").click()
    expect(form).to_contain_text("taken out of the register", timeout=TIMEOUT_MS)
    expect(table).not_to_contain_text(text, timeout=TIMEOUT_MS)
    (fix,) = served.services.corrections().current().values()
    assert (fix.kind, fix.who, fix.note) == ("not_a_promise", USER, "<b>a photo caption</b>")
    assert not any(text in c.text for c in served.services.public().register().all())  # residents too

    row.click()
    row.press_sequentially("(taken out")  # the list is long: type to find the row taken out
    page.get_by_role("option", name=re.compile(r"^\(taken out\)")).first.click()
    form.get_by_label("Undo the correction").check()
    form.get_by_role("button", name="Save correction").click()
    expect(form).to_contain_text("correction undone", timeout=TIMEOUT_MS)
    expect(table).to_contain_text(text, timeout=TIMEOUT_MS)
    assert served.services.corrections().current() == {}


def test_resident_picks_an_area_sees_promises_and_asks(page, served):
    from playwright.sync_api import expect

    page.goto(served.url + "/")
    page.get_by_label("Your area").click()
    page.get_by_role("option", name="Stanmoor").click()
    shown = page.locator("#sva-promises")
    expect(shown).to_contain_text("published promises cover Stanmoor", timeout=TIMEOUT_MS)
    expect(shown).to_contain_text("10 supported employment placements")
    expect(shown.locator("h3")).to_have_count(1)  # one section per supplier: the one holding the contract
    text = shown.inner_text()
    assert "Source:" in text and "KUMQUAT" not in text and "Repair Café" not in text  # Northfield's lost bid
    open_tab(page, "Ask a question")
    bot = ask(page, "What will Brightstone do for adults with learning disabilities in Stanmoor?")
    assert "Sources" in bot.inner_text() and "KUMQUAT" not in page.locator("body").inner_text()
    assert page.dialogs == []


@pytest.mark.parametrize("path", ["/", "/commissioner/login"])
def test_pages_fit_a_phone_and_label_their_fields(browser, served, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(served.url + path)
        page.locator("h1").first.wait_for(timeout=TIMEOUT_MS)
        time.sleep(1)  # let the layout settle
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} scrolls sideways on a phone by {overflow}px"
        unlabelled = page.evaluate("""() => [...document.querySelectorAll('input, textarea, select')]
            .filter(e => e.type !== 'hidden' && e.offsetParent !== null)
            .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                         && !e.getAttribute('aria-labelledby'))
            .map(e => e.outerHTML.slice(0, 120))""")
        assert unlabelled == [], unlabelled
    finally:
        context.close()


@pytest.mark.slow
def test_commissioner_tabs_fit_a_phone_and_label_their_fields(browser, served):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    context.add_cookies([{"name": "sva_session", "value": session_cookie(served),
                          "url": served.url + "/commissioner/"}])
    page = context.new_page()
    try:
        page.goto(served.url + "/commissioner/")
        page.locator("h1").first.wait_for(timeout=TIMEOUT_MS)
        for tab in ("Ask", "Documents", "Commitments", "Charter"):
            open_tab(page, tab)
            time.sleep(1.5)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"the {tab} tab scrolls sideways on a phone by {overflow}px"
            unlabelled = page.evaluate("""() => [...document.querySelectorAll('input, textarea, select')]
                .filter(e => e.type !== 'hidden' && e.offsetParent !== null)
                .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                             && !e.getAttribute('aria-labelledby'))
                .map(e => e.outerHTML.slice(0, 120))""")
            assert unlabelled == [], (tab, unlabelled)
    finally:
        context.close()


def test_commissioner_publishes_then_deletes_a_document_and_swaps_the_charter(served, tmp_path):
    """Over the commissioner API: a restricted upload is invisible to residents until it is made
    public, and gone for everyone once deleted; a bad charter is refused with its lines."""
    from gradio_client import Client, handle_file

    from assistant.register.charter import default_charter_path

    commissioner = Client(served.url + "/commissioner/", verbose=False,
                          headers={"Cookie": f"sva_session={session_cookie(served)}"})
    resident = Client(served.url + "/", verbose=False)
    offer = tmp_path / "quince_offer.md"
    offer.write_text("# Quince Care offer\n\nWe will create 11 apprenticeships in Oakley Vale by "
                     "2029 with the QUINCE-11 academy.\n", encoding="utf-8")
    report = commissioner.predict([handle_file(str(offer))], "Quince Care", ["Oakley Vale"],
                                  "tender_response", "restricted", api_name="/add_documents")[0]
    assert "Added 1 file" in report and "quince_offer.md" in report
    doc = next(d for d in served.services.store.documents() if d.source == "quince_offer.md")
    assert "QUINCE" not in plain(resident.predict("Oakley Vale", api_name="/promises"))

    commissioner.predict(doc.doc_id, "Quince Care", ["Oakley Vale"], "tender_response", "public",
                         api_name="/save_details")
    assert "QUINCE-11" in plain(resident.predict("Oakley Vale", api_name="/promises"))

    commissioner.predict(doc.doc_id, "", [], "tender_response", "restricted",
                         api_name="/delete_document")
    assert "QUINCE" not in plain(resident.predict("Oakley Vale", api_name="/promises"))
    assert not Path(doc.path).exists()

    bad = tmp_path / "bad.yaml"
    bad.write_text("name: X\nplace: Y\noutcomes:\n  - id: A\n    theme: weather\n", encoding="utf-8")
    refused = commissioner.predict(handle_file(str(bad)), api_name="/use_charter")[0]
    assert "bad.yaml was not used" in refused and "line 5: outcomes.0.theme" in refused
    demo = default_charter_path(demo=True).read_text(encoding="utf-8")
    good = tmp_path / "renamed.yaml"
    good.write_text(demo.replace("name: Community Value Charter for Harrowden",
                                 "name: Harrowden Charter 2027"), encoding="utf-8")
    used = commissioner.predict(handle_file(str(good)), api_name="/use_charter")
    assert "Now using renamed.yaml" in used[0] and "Harrowden Charter 2027" in used[1]
    assert served.services.public().register().charter.name == "Harrowden Charter 2027"
