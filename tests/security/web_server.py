"""A live ``sva serve`` for the security tests: both apps on 127.0.0.1, over a small store
(fake embedder, in-memory store: the web layer is what is under attack), plus a raw Gradio
driver that calls any event by its index, as an attacker would, without gradio_client."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import httpx

from tests.integration.test_app import clean_settings, free_port

USER, PASSWORD = "anna", "a long test password"
SECRET = "KUMQUAT-77"  # only in the restricted document
RESPONSIVE_S = 1.0  # an unrelated request answers within this while an attack runs
CALL_S = 20.0  # the longest any one hostile call may take


def start(folder: Path, forwarded_allow_ips: str | None = None, **settings) -> SimpleNamespace:
    """``settings``: Settings overrides (e.g. voice_client_limit) for this server."""
    import uvicorn

    import ui
    from assistant.app.auth import Credentials, hash_password
    from assistant.app.guard import server_config
    from assistant.demo import DEMO_DOCUMENTS
    from assistant.services import Services
    from ingest.parse import IngestMeta
    from tests.fakes import HashEmbedder, MemoryStore

    services = Services(clean_settings(store=folder / "store", **settings), embedder=HashEmbedder(),
                        store=MemoryStore())
    docs = folder / "docs"
    docs.mkdir()
    (docs / "offer.md").write_text("# Jobs\n\nAcme Ltd will create 20 apprenticeships in "
                                   "Harrowden by 2027.\n", "utf-8")
    (docs / "page.html").write_text("<html><body><h1>Offer</h1><p>Acme Ltd will plant 300 trees "
                                    "in Harrowden by 2026.</p><script>alert(1)</script></body></html>",
                                    "utf-8")
    (docs / "secret.md").write_text(f"# Pricing\n\nBolt Ltd will create 7 apprenticeships in "
                                    f"Harrowden by 2030 under {SECRET}.\n", "utf-8")
    pdfs = [DEMO_DOCUMENTS / "brightstone_tender_response.pdf"]
    public = services.ingest([docs / "offer.md", docs / "page.html", *pdfs],
                             IngestMeta("Acme Ltd", ("Harrowden",), "tender_response", "public"))
    restricted = services.ingest([docs / "secret.md"],
                                 IngestMeta("Bolt Ltd", ("Harrowden",), "tender_response", "restricted"))
    assert public.ok and restricted.ok, (public.as_json(), restricted.as_json())
    app = ui.create_app(services, Credentials({USER: hash_password(PASSWORD)}))
    server = uvicorn.Server(server_config(app, "127.0.0.1", free_port(), forwarded_allow_ips))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    url = f"http://127.0.0.1:{server.config.port}"
    return SimpleNamespace(url=url, services=services, server=server, thread=thread,
                           docs={d.source: d for d in services.store.documents()})


def stop(served) -> None:
    served.server.should_exit = True
    served.thread.join(timeout=20)


def sign_in(url: str) -> str:
    response = httpx.post(url + "/commissioner/login", data={"username": USER, "password": PASSWORD})
    assert response.status_code == 303, response.text
    return response.cookies["sva_session"]


def assert_responsive(url: str) -> float:
    """An unrelated request (the sign-in page) answers within RESPONSIVE_S; returns its time."""
    started = time.monotonic()
    response = httpx.get(url + "/commissioner/login", timeout=RESPONSIVE_S * 5)
    took = time.monotonic() - started
    assert response.status_code == 200 and took < RESPONSIVE_S, f"took {took:.2f} s"
    return took


_BURST = r"""
import concurrent.futures, json, sys, httpx
url, attempts = sys.argv[1], json.loads(sys.argv[2])
client = httpx.Client(timeout=30)
def one(attempt):
    user, password, forwarded = attempt
    headers = {"x-forwarded-for": forwarded} if forwarded else {}
    return client.post(url + "/commissioner/login", data={"username": user, "password": password},
                       headers=headers).status_code
print("ready", flush=True)
with concurrent.futures.ThreadPoolExecutor(len(attempts)) as pool:
    print(json.dumps(list(pool.map(one, attempts))), flush=True)
"""


@contextmanager
def login_burst(url: str, attempts: list[tuple[str, str, str]]) -> Iterator[list[int]]:
    """Sign-in attempts (user, password, forwarded-for) fired at once from another process, as
    an attacker's would be: the body runs while they are in flight, and the list it was given
    holds their HTTP codes once the block ends. (Fired from this process, the attacker's threads
    would share the server's interpreter lock and slow the very page the test times.)"""
    proc = subprocess.Popen([sys.executable, "-c", _BURST, url, json.dumps(attempts)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready", "the burst did not start"
    codes: list[int] = []
    try:
        yield codes
    finally:
        out, _ = proc.communicate(timeout=120)
    codes.extend(json.loads(out))


def config(url: str, prefix: str = "", cookie: str | None = None) -> dict:
    cookies = {"sva_session": cookie} if cookie else None
    response = httpx.get(f"{url}{prefix}/config", cookies=cookies, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def call(url: str, fn_index: int, data: list, session: str | None = None, prefix: str = "",
         cookie: str | None = None, timeout: float = CALL_S) -> tuple[int, dict | str]:
    """Join the queue for event ``fn_index`` with ``data`` and wait for its end. Returns (HTTP
    status of the join, the final message or the refusal's text)."""
    session = session or uuid.uuid4().hex[:10]
    cookies = {"sva_session": cookie} if cookie else None
    with httpx.Client(base_url=url + prefix, cookies=cookies, timeout=timeout) as client:
        joined = client.post("/gradio_api/queue/join", json={
            "data": data, "fn_index": fn_index, "session_hash": session, "event_data": None,
            "trigger_id": None})
        if joined.status_code != 200:
            return joined.status_code, joined.text
        event = joined.json().get("event_id")
        deadline = time.monotonic() + timeout
        with client.stream("GET", f"/gradio_api/queue/data?session_hash={session}") as stream:
            for line in stream.iter_lines():
                assert time.monotonic() < deadline, f"event {fn_index} took over {timeout} s"
                if not line.startswith("data:"):
                    continue
                message = json.loads(line[5:])
                if message.get("event_id") == event and message.get("msg") == "process_completed":
                    return 200, message
                if message.get("msg") == "close_stream":
                    break
    return 200, {"msg": "no result"}


def events(cfg: dict) -> list[dict]:
    """The app's events with a backend function (the ones a request can run)."""
    return [d for d in cfg["dependencies"] if d.get("backend_fn")]
