"""The resident app, served for real: over its API (gradio_client) and in a real Chromium.

The resident app must never show restricted documents, whatever endpoint is called: Gradio
exposes every event handler, not only the documented ``/ask``. And document text is data: it is
shown as text, never run as HTML.
"""

from __future__ import annotations

import html
import json
import os
import re
import socket
import time
import urllib.error
import urllib.request

import pytest

from assistant.demo import prepare_demo

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

pytestmark = pytest.mark.integration

ANSWER_TIMEOUT_MS = 60_000
CALL_TIMEOUT_S = 60

PUBLIC_QUESTION = "How many apprenticeships will Brightstone create for Harrowden residents?"
PUBLIC_SOURCE = "brightstone_tender_response.pdf"
RESTRICTED_SOURCE = "greenway_pricing_schedule_confidential.txt"
# Questions aimed squarely at the restricted pricing schedule.
LEAK_QUESTIONS = [
    "What is the Schedule of Rates variant?",
    "Q7-TANGERINE",
    "Greenway pricing schedule rates",
    "Which Schedule of Rates variant is Greenway's pricing submitted against?",
    "What is Greenway's fixed annual management fee and electrician day rate?",
    "What are Greenway's overheads and profit percentage and total tendered price?",
]
# Strings found only in the restricted document (checked against the public demo sources).
RESTRICTED_MARKERS = ["TANGERINE", "greenway_pricing_schedule_confidential", "Clarification Response 4",
                      "BCIS", "11.75%", "418,500", "7,469,500", "section 43 of the Freedom"]

XSS_SENTENCE = ("Zephyr Works will create 15 apprenticeships in Harrowden for young residents by "
                "2027, as set out in <script>window.__pwned=1</script> our plan and "
                '<img src=x onerror="window.__pwned=2"> the annex and '
                '<svg onload="window.__pwned=3"></svg> the summary.')
XSS_QUESTION = "How many apprenticeships will Zephyr Works create in Harrowden?"
COMMISSIONER_PASSWORD = "a long test password"


# -- helpers --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clean_settings(**overrides):
    """Settings for a local store, ignoring any SVA_* in the environment (e.g. a Chroma URL)."""
    from assistant.config import load_settings

    with pytest.MonkeyPatch.context() as mp:
        for key in [k for k in os.environ if k.startswith("SVA_")]:
            mp.delenv(key)
        return load_settings(**overrides)


def launch(app) -> str:
    """Serve ``app`` on a free local port; return its URL once it answers."""
    last: Exception | None = None
    for _attempt in range(3):  # a freed port can be taken before Gradio binds it
        port = free_port()
        try:
            app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True,
                       quiet=True)
        except OSError as exc:
            last = exc
            continue
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return url
            except (urllib.error.URLError, OSError) as exc:
                last = exc
            time.sleep(0.2)
        app.close()
    pytest.fail(f"the Gradio app did not start: {last}")


def plain(response) -> str:
    """A response as the text a person would read: JSON-dumped, Markdown escapes and HTML undone."""
    text = response if isinstance(response, str) else json.dumps(response, ensure_ascii=False)
    text = text.replace("\\\\", "\\")  # JSON-dumped backslashes
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|~<>])", r"\1", text)  # Markdown escapes
    return html.unescape(text)


def assert_no_restricted(response, context: str, question: str = "") -> None:
    text = plain(response)
    if question:  # handlers that echo the user's own message are not leaks
        text = text.replace(question, "<the question>")
    # nor is the chat restating a follow-up from the user's own earlier messages
    text = re.sub(r"Taking your question as: “[^”]*”", "<the question, made standalone>", text)
    for marker in RESTRICTED_MARKERS:
        assert marker not in text, f"restricted text {marker!r} leaked via {context}: {text[:600]}"


def call(client, *args, api_name: str):
    return client.submit(*args, api_name=api_name).result(timeout=CALL_TIMEOUT_S)


# -- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_services(tmp_path_factory):
    """The demo documents in a fresh store, embedded with the real default model."""
    from assistant.services import Services

    services = Services(clean_settings(store=tmp_path_factory.mktemp("demo-store"),
                                       embedder="sentence-transformers"))
    log: list[str] = []
    prepare_demo(services, log=log.append)
    assert not [line for line in log if "skipped" in line], log
    return services


@pytest.fixture(scope="module")
def demo_url(demo_services):
    import ui

    app = ui.build_resident_app(demo_services.public())
    url = launch(app)
    yield url
    app.close()


@pytest.fixture(scope="module")
def served_url(demo_services):
    """Both apps as ``sva serve`` serves them (the login, the page heads, the shipped typeface)."""
    import threading

    import uvicorn

    import ui
    from assistant.app.auth import Credentials, hash_password

    app = ui.create_app(demo_services, Credentials({"anna": hash_password(COMMISSIONER_PASSWORD)}))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.1)
    yield f"http://127.0.0.1:{server.config.port}"
    server.should_exit = True
    thread.join(timeout=20)


@pytest.fixture(scope="module")
def client(demo_url):
    from gradio_client import Client

    return Client(demo_url, verbose=False)


@pytest.fixture(scope="module")
def xss_url(tmp_path_factory):
    """A second app over a store holding one public Markdown file full of markup."""
    import ui
    from assistant.services import Services
    from ingest.parse import IngestMeta

    folder = tmp_path_factory.mktemp("xss")
    doc = folder / "zephyr_offer.md"
    doc.write_text(f"# Apprenticeships in Harrowden\n\n{XSS_SENTENCE}\n", encoding="utf-8")
    services = Services(clean_settings(store=folder / "store"))
    report = services.ingest([doc], IngestMeta(supplier="Zephyr Works", areas=("Harrowden",),
                                               doc_type="tender_response", audience="public"))
    assert report.ingested and not report.skipped, report.as_json()
    app = ui.build_resident_app(services.public())
    url = launch(app)
    yield url
    app.close()


def ask_in_browser(page, url: str, question: str):
    from playwright.sync_api import expect

    page.goto(url)
    ask_tab = page.get_by_role("tab", name="Ask a question")
    ask_tab.wait_for(timeout=30_000)
    ask_tab.click()  # the chat has its own tab beside the promises for an area
    box = page.get_by_role("textbox", name="Your question").filter(visible=True).first
    expect(box).to_be_visible(timeout=30_000)
    box.fill(question)
    box.press("Enter")
    expect(page.get_by_test_id("user").last).to_contain_text(question, timeout=ANSWER_TIMEOUT_MS)
    bot = page.get_by_test_id("bot").last
    # the extractive answer arrives in one piece: wait for the last line, the Sources list
    expect(bot).to_contain_text(re.compile(r"Sources|could not find|No published document answers"),
                                timeout=ANSWER_TIMEOUT_MS)
    return bot


# -- the restricted document exists (control), and the API never shows it ----------------


def test_restricted_demo_document_is_stored_and_findable_by_the_owner(demo_services):
    docs = {d.source: d for d in demo_services.store.documents()}
    assert docs[RESTRICTED_SOURCE].audience == "restricted"
    # the three bids for the open parks tender, and the two that lost the housing contract
    unpublished = {s for s, d in docs.items() if d.tender and (d.lot or "brightstone" not in s)} - {RESTRICTED_SOURCE}
    assert len(unpublished) == 5 and all(docs[s].audience == "restricted" for s in unpublished)
    assert all(d.audience == "public" for s, d in docs.items() if s != RESTRICTED_SOURCE and s not in unpublished)
    hits = demo_services.retriever("all").search("Schedule of Rates variant Q7-TANGERINE", k=5)
    assert hits and hits[0].chunk.source == RESTRICTED_SOURCE
    # the unique phrase is indexed (in the chunk text or its section heading)
    assert any("TANGERINE" in f"{h.chunk.section}\n{h.chunk.text}" for h in hits)


def test_every_documented_endpoint_hides_the_restricted_document(client):
    api = client.view_api(return_format="dict", print_info=False)
    endpoints = dict(api["named_endpoints"])
    endpoints.update(api.get("unnamed_endpoints") or {})
    assert "/ask" in endpoints, endpoints.keys()
    called = 0
    for name, info in endpoints.items():
        params = info["parameters"]
        if not any(p["python_type"]["type"] == "str" for p in params):
            continue
        for question in LEAK_QUESTIONS:
            args = [question if p["python_type"]["type"] == "str"
                    else p.get("parameter_default") for p in params]
            kwargs = {"api_name": name} if isinstance(name, str) and name.startswith("/") \
                else {"fn_index": int(name)}
            response = client.submit(*args, **kwargs).result(timeout=CALL_TIMEOUT_S)
            assert_no_restricted(response, f"{name}({question!r})")
            called += 1
    assert called >= len(LEAK_QUESTIONS)


@pytest.mark.slow
def test_every_event_handler_hides_the_restricted_document(demo_url):
    """Gradio serves the chat's internal handlers too: drive each through its saved-input state."""
    from gradio_client import Client

    with urllib.request.urlopen(demo_url.rstrip("/") + "/config", timeout=10) as response:
        config = json.load(response)
    kinds = {c["id"]: c.get("type") for c in config["components"]}
    handlers = [d for d in config["dependencies"]
                if d.get("backend_fn") and d.get("api_visibility", "public") != "private"
                and d.get("api_name")]
    assert handlers, "no event handlers found in the app config"
    names = {d["api_name"] for d in handlers}
    save = "_clear_and_save_textbox"  # the chat's textbox submit: stores the message in State
    if save not in names or not any(n.startswith("_submit_fn") for n in names):
        pytest.skip("this Gradio version's ChatInterface has no _clear_and_save_textbox/"
                    "_submit_fn handlers; the documented endpoints are covered above")

    # handlers without inputs cannot be handed a question: they only toggle widgets
    handlers = [d for d in handlers if d["inputs"]]
    answered = []
    for question in LEAK_QUESTIONS[:3] + [PUBLIC_QUESTION]:
        session = Client(demo_url, verbose=False)  # a fresh session: fresh State
        for dep in handlers:
            args, uses_state = [], False
            for component in dep["inputs"]:
                kind = kinds.get(component)
                if kind in ("state", "browserstate"):
                    uses_state = True  # held by the server per session, not sent by the client
                    continue
                args.append({"textbox": question, "chatbot": [], "dataset": 0,
                             "multimodaltextbox": {"text": question, "files": []}}.get(kind))
            try:
                if uses_state:  # put the question where the chat's handlers read it from
                    call(session, question, api_name=f"/{save}")
                response = call(session, *args, api_name=f"/{dep['api_name']}")
            except Exception:  # a handler may reject inputs given out of its UI sequence
                continue
            assert_no_restricted(response, f"{dep['api_name']}({question!r})", question)
            if question == PUBLIC_QUESTION and dep["api_name"].startswith("_submit_fn"):
                answered.append(plain(response))
    # the sweep really reached the answerer through the chat's own submit path
    assert any("20 apprenticeships" in a and PUBLIC_SOURCE in a for a in answered), answered


def test_public_question_is_answered_with_its_source(client):
    response = call(client, PUBLIC_QUESTION, api_name="/ask")
    text = plain(response)
    assert "20" in text, text
    assert "20 apprenticeships" in text, text
    assert PUBLIC_SOURCE in text, text
    assert "Sources" in text, text


# -- a real browser -------------------------------------------------------------------------


def test_browser_chat_shows_answer_and_sources(page, demo_url):
    bot = ask_in_browser(page, demo_url, PUBLIC_QUESTION)
    text = bot.inner_text()
    assert "Sources" in text, text
    assert "20 apprenticeships" in text, text
    assert PUBLIC_SOURCE in text, text  # Markdown escapes are rendered away

    bot = ask_in_browser(page, demo_url, "What is the Schedule of Rates variant Q7-TANGERINE?")
    page_text = page.locator("body").inner_text()
    assert "TANGERINE" not in bot.inner_text()
    assert page_text.count("TANGERINE") == 1, page_text  # only the question the user typed
    assert RESTRICTED_SOURCE not in page_text
    assert page.dialogs == []


def test_browser_shows_document_markup_as_text(page, xss_url):
    bot = ask_in_browser(page, xss_url, XSS_QUESTION)
    text = bot.inner_text()
    assert "Sources" in text and "zephyr_offer.md" in text, text
    assert "15 apprenticeships" in text, text
    # the markup is visible as characters...
    assert "<script>" in text, text
    assert "onerror=" in text and "<img" in text and "<svg" in text, text
    # ...and never became live elements or ran
    time.sleep(0.5)  # give an injected onerror/onload handler the chance to fire
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("window.pwned") is None  # in case the loader stripped the underscores
    for tag in ("script", "img", "svg[onload]", "[onerror]"):
        assert bot.locator(tag).count() == 0, f"live <{tag}> element in the chat"
    assert page.dialogs == []


# -- how the pages present themselves ---------------------------------------------------------


def test_served_pages_have_a_title_and_a_description_in_their_html(served_url, demo_services):
    import httpx

    place = demo_services.public().register().charter.place
    with httpx.Client(base_url=served_url, timeout=CALL_TIMEOUT_S) as http:
        resident = http.get("/").text
        login = http.get("/commissioner/login").text
        signed_in = http.post("/commissioner/login", data={"username": "anna",
                                                           "password": COMMISSIONER_PASSWORD})
        commissioner = http.get("/commissioner/").text
    assert signed_in.status_code == 303 and "window.gradio_config" in commissioner
    titles = [re.findall(r"<title>(.*?)</title>", page) for page in (resident, login, commissioner)]
    assert titles == [[html.escape(f"sva — what suppliers promised for {place}")],
                      ["sva — commissioner sign-in"], ["sva — commissioner"]]
    for page in (resident, login, commissioner):
        description = re.search(r'<meta name="description" content="([^"]+)">', page)
        assert description and len(description.group(1)) > 40
        assert "Click to try out the app!" not in page


def test_headings_and_text_are_drawn_in_the_one_shipped_typeface(page, served_url, demo_services):
    """Every glyph of a heading, a button and body text comes from the font sva serves (a
    missing weight would send some letters to another font)."""
    place = demo_services.public().register().charter.place
    for path, selectors in (("/", ["h1", "button.primary", ".prose p"]),
                            ("/commissioner/login", ["h1", "button", "label"])):
        page.goto(served_url + path)
        page.locator(selectors[0]).first.wait_for(timeout=30_000)
        page.evaluate("document.fonts.ready.then(() => true)")
        if path == "/":
            assert page.title() == f"sva — what suppliers promised for {place}"
        cdp = page.context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        for selector in selectors:
            node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
            assert node, f"{selector} not found on {path}"
            fonts = {f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode",
                                                       {"nodeId": node})["fonts"]}
            assert len(fonts) == 1 and next(iter(fonts)).startswith("Source Sans 3"), (path, selector, fonts)
        cdp.detach()
