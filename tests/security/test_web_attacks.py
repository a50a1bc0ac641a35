"""Issue 16, the web layer: each attack replayed against a live server on 127.0.0.1, which must
refuse it clearly and keep answering an unrelated request within a second meanwhile."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.security import web_server as w

pytestmark = pytest.mark.integration

BOMB = "<details" * 16000  # sent the old render.plain_history into catastrophic backtracking


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    served = w.start(tmp_path_factory.mktemp("attacks"))
    served.config = w.config(served.url)
    yield served
    w.stop(served)


def event(cfg: dict, name: str) -> dict:
    return next(d for d in w.events(cfg) if d.get("api_name") == name)


def chatbot_id(cfg: dict) -> int:
    return next(c["id"] for c in cfg["components"] if c["type"] == "chatbot")


def storing_events(cfg: dict) -> list[dict]:
    """Events that take the chatbot's value alone (the page's ways of storing a history)."""
    return [d for d in w.events(cfg) if d["inputs"] == [chatbot_id(cfg)]]


def test_a_crafted_history_is_answered_at_once_while_the_server_stays_responsive(served):
    cfg = served.config
    session = "bomb" + str(time.monotonic_ns())[-6:]
    stored = [w.call(served.url, d["id"], [[{"role": "assistant", "content": BOMB}]], session)
              for d in storing_events(cfg)]
    assert stored and all(status == 200 for status, _ in stored), stored
    result: dict = {}

    def ask() -> None:
        started = time.monotonic()
        ask_event = event(cfg, "ask")  # the question, the history, then the resident's area
        result["call"] = w.call(served.url, ask_event["id"], ["How many apprenticeships in Harrowden?", None]
                                + [None] * (len(ask_event["inputs"]) - 2), session)
        result["seconds"] = time.monotonic() - started

    asking = threading.Thread(target=ask)
    asking.start()
    time.sleep(0.2)
    w.assert_responsive(served.url)
    asking.join(timeout=w.CALL_S)
    assert not asking.is_alive(), "the question with a crafted history did not finish"
    status, message = result["call"]
    assert status == 200 and message["success"], message
    assert result["seconds"] < 10 and "apprenticeships" in str(message["output"]["data"])


def test_residents_send_no_files_and_upload_nothing(served, tmp_path):
    cfg = served.config
    readme = Path(__file__).resolve().parents[2] / "README.md"  # in the server's working folder
    for path in ("/etc/hostname", str(readme), str(served.services.settings.store)):
        file = {"path": path, "meta": {"_type": "gradio.FileData"}, "orig_name": "x.txt"}
        history = [{"role": "user", "content": [{"type": "file", "file": file}]},
                   {"role": "assistant", "content": file}]
        for d in storing_events(cfg) + [event(cfg, "ask")]:
            data = [history] if d["inputs"] == [chatbot_id(cfg)] else ["hello", history]
            status, text = w.call(served.url, d["id"], data)
            assert status == 400 and "accepts no files" in text, (d["api_name"], status, text)
    url = {"path": "http://169.254.169.254/latest", "url": "http://169.254.169.254/latest",
           "meta": {"_type": "gradio.FileData"}}
    status, text = w.call(served.url, storing_events(cfg)[0]["id"], [[{"role": "user", "content": url}]])
    assert status == 400
    upload = httpx.post(served.url + "/gradio_api/upload", files={"files": ("a.txt", b"hello")})
    assert upload.status_code == 403 and "accepts no uploads" in upload.text
    assert httpx.post(served.url + "/upload", files={"files": ("a.txt", b"x")}).status_code == 403
    w.assert_responsive(served.url)


def upload(served, cookie: str, name: str, data: bytes) -> dict:
    response = httpx.post(served.url + "/commissioner/gradio_api/upload", cookies={"sva_session": cookie},
                          files={"files": (name, data)}, timeout=30)
    assert response.status_code == 200, response.text
    path = response.json()[0]
    return {"path": path, "orig_name": name, "meta": {"_type": "gradio.FileData"}}


def add_documents(served, cookie: str, files: list, supplier: str):
    cfg = w.config(served.url, "/commissioner", cookie)
    add = event(cfg, "add_documents")
    return w.call(served.url, add["id"], [files, supplier, ["Harrowden"], "tender_response", "public"],
                  prefix="/commissioner", cookie=cookie)


def test_commissioners_add_only_files_uploaded_to_this_server(served):
    cookie = w.sign_in(served.url)
    before = {d.doc_id for d in served.services.store.documents()}
    secret = served.docs["secret.md"].path
    for path in ("/etc/hostname", secret, "../../../etc/passwd"):
        status, text = add_documents(served, cookie, [{"path": path, "meta": {"_type": "gradio.FileData"}}],
                                     "Evil Ltd")
        assert status == 400 and "uploaded" in text, (path, status, text)
    assert {d.doc_id for d in served.services.store.documents()} == before
    status, message = add_documents(served, cookie, [upload(served, cookie, "bid.md", b"# Bid\n\nWe will "
                                                            b"plant 12 trees in Harrowden by 2027.\n")], "Zed Ltd")
    assert status == 200 and message["success"] and "Added 1 file" in str(message["output"]["data"])


def test_an_upload_never_replaces_another_suppliers_document(served):
    cookie = w.sign_in(served.url)
    first = b"# Tender\n\nA and B will create 5 apprenticeships in Harrowden by 2027.\n"
    second = b"# Tender\n\nA plus B will create 9 jobs in Harrowden by 2028.\n"
    newer = b"# Tender\n\nA and B will create 6 apprenticeships in Harrowden by 2027.\n"
    for supplier, data in (("A&B Construction", first), ("A+B Construction", second),
                           ("A&B Construction", newer)):  # a new version: kept beside the old
        status, message = add_documents(served, cookie, [upload(served, cookie, "tender.txt", data)], supplier)
        assert status == 200 and message["success"], message
    mine = [d for d in served.services.store.documents() if d.source == "tender.txt"]
    assert sorted(d.supplier for d in mine) == ["A&B Construction", "A&B Construction", "A+B Construction"]
    assert all(Path(d.path).is_file() for d in mine) and len({d.path for d in mine}) == 3
    kept = {Path(d.path).read_bytes() for d in mine if d.supplier == "A&B Construction"}
    assert kept == {first, newer}


def test_documents_are_served_so_that_nothing_runs_in_our_origin(served):
    for source, disposition in (("page.html", "attachment"), ("brightstone_tender_response.pdf", "inline"),
                                ("offer.md", "inline")):
        response = httpx.get(f"{served.url}/source/{served.docs[source].doc_id}")
        assert response.status_code == 200, source
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["content-disposition"].startswith(disposition), source
        assert response.headers["content-security-policy"].startswith("sandbox"), source
        assert "text/html" not in response.headers["content-type"]
    missing = httpx.get(f"{served.url}/source/{'0' * 20}")
    assert missing.status_code == 404 and missing.headers["x-content-type-options"] == "nosniff"


def test_gradio_monitoring_is_not_open(served):
    for path in ("/monitoring", "/monitoring/summary", "/gradio_api/monitoring/summary"):
        assert httpx.get(served.url + path).status_code == 404, path
    assert httpx.get(served.url + "/commissioner/monitoring/summary").status_code == 401
