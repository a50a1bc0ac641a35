"""The login in front of the commissioner app, and document downloads (in-process, no sockets)."""

import pytest
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.testclient import TestClient

from assistant.app import web
from assistant.app.auth import Credentials, Sessions, Throttle, hash_password
from assistant.config import load_settings
from assistant.services import Services
from ingest.parse import IngestMeta
from tests.fakes import HashEmbedder, MemoryStore

PASSWORD = "correct horse battery"


@pytest.fixture
def services(tmp_path):
    services = Services(load_settings(store=tmp_path / "store"),
                        embedder=HashEmbedder(), store=MemoryStore())
    (tmp_path / "public.md").write_text("# Offer\n\nWe will plant 300 trees in Harrowden.\n", "utf-8")
    (tmp_path / "secret.txt").write_text("Rates variant ZEBRA-42. <script>alert(1)</script>\n", "utf-8")
    services.ingest([tmp_path / "public.md"], IngestMeta("Acme", audience="public"))
    services.ingest([tmp_path / "secret.txt"], IngestMeta("Acme"))
    return services


@pytest.fixture
def app(services):
    app = FastAPI()
    sessions = Sessions()
    web.add_login_routes(app, Credentials({"anna": hash_password(PASSWORD)}), sessions,
                         Throttle(limit=3, window=60), "/commissioner")
    web.add_source_routes(app, services, "/commissioner")

    @app.get("/commissioner/gradio_api/info")
    def info():
        return {"secret": "ZEBRA-42"}

    @app.post("/commissioner/gradio_api/queue/join")
    def join():
        return {"secret": "ZEBRA-42"}

    @app.get("/")
    def home():
        return {"resident": True}

    app.add_middleware(web.LoginGate, sessions=sessions, prefix="/commissioner")
    return app


def doc_id(services, source):
    return next(d.doc_id for d in services.store.documents() if d.source == source)


def sign_in(client, password=PASSWORD, user="anna"):
    return client.post("/commissioner/login", data={"username": user, "password": password},
                       follow_redirects=False)


def test_every_commissioner_path_needs_a_session(app, services):
    client = TestClient(app)
    assert client.get("/").json() == {"resident": True}
    page = client.get("/commissioner/", headers={"accept": "text/html"}, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/commissioner/login"
    for method, path in [("get", "/commissioner"), ("get", "/commissioner/gradio_api/info"),
                         ("post", "/commissioner/gradio_api/queue/join"),
                         ("get", "/commissioner/config"), ("post", "/commissioner/gradio_api/upload"),
                         ("get", f"/commissioner/source/{doc_id(services, 'secret.txt')}"),
                         ("get", "/commissioner/gradio_api/file=/etc/passwd")]:
        response = getattr(client, method)(path, follow_redirects=False)
        assert response.status_code == 401, (path, response.status_code)
        assert "ZEBRA" not in response.text
    client.cookies.set(web.COOKIE, "forged-token", path="/commissioner")
    assert client.get("/commissioner/gradio_api/info").status_code == 401


def test_sign_in_sets_a_strict_http_only_cookie_and_sign_out_ends_it(app):
    client = TestClient(app)
    form = client.get("/commissioner/login")
    assert form.status_code == 200 and 'for="password"' in form.text and 'type="password"' in form.text
    response = sign_in(client)
    assert response.status_code == 303 and response.headers["location"] == "/commissioner/"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/commissioner" in cookie
    assert client.get("/commissioner/gradio_api/info").json() == {"secret": "ZEBRA-42"}
    client.get("/commissioner/logout", follow_redirects=False)
    assert client.get("/commissioner/gradio_api/info").status_code == 401


def test_wrong_passwords_are_refused_then_throttled(app):
    client = TestClient(app)
    response = sign_in(client, "nope <b>")
    assert response.status_code == 401 and "do not match" in response.text
    assert web.COOKIE not in response.headers.get("set-cookie", "")
    assert sign_in(client, user="<script>x</script>", password="x").text.count("<script>x") == 0
    sign_in(client, "still wrong")
    blocked = sign_in(client)  # even the right password waits once the limit is reached
    assert blocked.status_code == 429 and "Too many failed attempts" in blocked.text


def test_residents_get_public_files_only_and_nothing_runs(app, services):
    client = TestClient(app)
    public = client.get(f"/source/{doc_id(services, 'public.md')}")
    assert public.status_code == 200 and "300 trees" in public.text
    assert public.headers["content-type"].startswith("text/plain")
    assert public.headers["content-security-policy"] == "sandbox"
    assert public.headers["x-content-type-options"] == "nosniff"
    secret_id = doc_id(services, "secret.txt")
    hidden, unknown = client.get(f"/source/{secret_id}"), client.get(f"/source/{'0' * 20}")
    assert hidden.status_code == unknown.status_code == 404 and hidden.text == unknown.text
    sign_in(client)
    assert "ZEBRA-42" in client.get(f"/commissioner/source/{secret_id}").text


def test_a_text_file_written_in_an_older_encoding_is_served_readable(app, services, tmp_path):
    """A Windows-1252 schedule's "£" must not show as "\ufffd" to whoever opens it."""
    (tmp_path / "prices.txt").write_bytes("Annual value: £612,000 for 2025–2030.\n".encode("cp1252"))
    services.ingest([tmp_path / "prices.txt"], IngestMeta("Acme", audience="public"))
    served = TestClient(app).get(f"/source/{doc_id(services, 'prices.txt')}")
    assert served.headers["content-type"] == "text/plain; charset=utf-8"
    assert "£612,000 for 2025–2030" in served.text


def test_a_changed_file_is_not_served_as_the_ingested_one(app, services, tmp_path):
    (tmp_path / "public.md").write_text("# Offer\n\nsomething else entirely\n", "utf-8")
    response = TestClient(app).get(f"/source/{doc_id(services, 'public.md')}")
    assert response.status_code == 404 and "changed" in response.text


def test_the_sign_in_page_looks_like_the_app(app):
    page = TestClient(app).get("/commissioner/login").text
    assert "<title>sva — commissioner sign-in</title>" in page and '<meta name="description"' in page
    assert f'href="{web.STATIC}/fonts.css"' in page and "font-family:var(--font" in page
    assert "system-ui" not in page and "#1d4e89" not in page  # not another product's look
    assert "background:#c2410c" in page and "#c2410c" in web.app_css()  # the app's primary button


def test_the_shipped_typeface_is_served_and_nothing_else(app):
    web.add_asset_routes(app)
    client = TestClient(app)
    css = client.get(f"{web.STATIC}/fonts.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    fonts = __import__("re").findall(r'url\("([^"]+)"\)', css.text)
    assert fonts and all(f.startswith(web.STATIC + "/") for f in fonts)
    for font in fonts:
        got = client.get(font)
        assert got.status_code == 200 and got.headers["content-type"] == "font/woff2"
        assert got.content[:4] == b"wOF2"
    for other in ("app.css", "default_charter.yaml", "..%2Fweb.py", "source-sans-3-OFL.txt"):
        assert client.get(f"{web.STATIC}/{other}").status_code == 404


def test_pages_get_a_title_and_description_in_their_html():
    stock = ('<!doctype html><html><head>\n<meta charset="utf-8" />\n<base href="./" />\n'
             '<meta property="og:title" content="Gradio" />\n'
             '<meta property="og:description" content="Click to try out the app!" />\n'
             '<meta name="twitter:description" content="Click to try out the app!" />\n<meta\n'
             '\t\t\tproperty="og:description"\n\t\t\tcontent=""\n\t\t/>\n'
             '<script>window.gradio_config = {"title": "<meta property=\\"og:x\\">"};</script>'
             '</head><body></body></html>')
    title, description = web.resident_head("Harrowden <Borough>")
    page = web.with_head(stock, title, description)
    assert page.count("<title>") == 1
    assert "<title>sva — what suppliers promised for Harrowden &lt;Borough&gt;</title>" in page
    assert f'<meta name="description" content="{__import__("html").escape(description)}">' in page
    assert "Click to try out the app!" not in page and 'content="Gradio"' not in page
    assert page.index("<title>") < page.index("<script>")
    assert '{"title": "<meta property=\\"og:x\\">"}' in page  # the app's own script is untouched


def test_the_page_head_middleware_rewrites_only_the_app_pages():
    app = FastAPI()
    stock = '<html><head><meta charset="utf-8" /></head><body>x</body></html>'

    @app.get("/")
    def home():
        return HTMLResponse(stock)

    @app.get("/commissioner/")
    def commissioner():
        return HTMLResponse(stock)

    @app.get("/other")
    def other():
        return HTMLResponse(stock)

    app.add_middleware(web.PageHead, pages={"/": ("Residents", "R."), "/commissioner": web.COMMISSIONER_HEAD})
    client = TestClient(app)
    home_page = client.get("/")
    assert "<title>Residents</title>" in home_page.text
    assert int(home_page.headers["content-length"]) == len(home_page.content)
    assert "<title>sva — commissioner</title>" in client.get("/commissioner/").text
    assert client.get("/other").text == stock


def test_the_address_without_its_slash_leads_to_the_app_once_signed_in(app):
    client = TestClient(app)
    assert client.get("/commissioner", headers={"accept": "text/html"},
                      follow_redirects=False).headers["location"] == "/commissioner/login"
    sign_in(client)
    bare = client.get("/commissioner", follow_redirects=False)
    assert bare.status_code == 308 and bare.headers["location"] == "/commissioner/"


def test_what_the_gate_lets_through_is_not_kept_in_the_browsers_cache(app):
    """After "Log out", Back must ask the server again (and land on the sign-in page), not show
    the cached commissioner page whose every call then fails with "Not signed in"."""
    from fastapi.responses import Response

    @app.get("/commissioner/")
    def page():
        return HTMLResponse("<html>the app</html>", headers={"cache-control": "max-age=600"})

    @app.get("/commissioner/assets/index.js")
    def code():
        return Response("let x = 1;", media_type="application/javascript",
                        headers={"cache-control": "max-age=600"})

    client = TestClient(app)
    sign_in(client)
    assert client.get("/commissioner/").headers["cache-control"] == "no-store"
    assert client.get("/commissioner/gradio_api/info").headers["cache-control"] == "no-store"
    assert client.get("/commissioner/assets/index.js").headers["cache-control"] == "max-age=600"
    assert "cache-control" not in client.get("/").headers  # residents' pages are not the gate's
    client.get("/commissioner/logout", follow_redirects=False)
    back = client.get("/commissioner/", headers={"accept": "text/html"}, follow_redirects=False)
    assert back.status_code == 303 and back.headers["location"] == "/commissioner/login"


def test_the_commissioner_page_goes_to_sign_in_when_a_call_is_refused():
    resident, commissioner = web.app_head(), web.app_head(login="/commissioner/login")
    assert resident.startswith("<script>") and resident.endswith("</script>")
    assert resident.count("</script>") == 1 and "signInOn401(" in resident  # defined, not called
    assert 'window.sva.signInOn401("/commissioner/login");' in commissioner
    assert "window.sva.signInOn401(" not in resident
