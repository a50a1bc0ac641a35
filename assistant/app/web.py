"""The HTTP side of ``sva serve`` around the Gradio apps: the commissioner login (page, session
cookie, a gate in front of every path under the commissioner prefix), document downloads (public
documents for residents; any document for signed-in commissioners), the apps' stylesheet, page
script and the typeface sva ships, and each page's title and description."""

from __future__ import annotations

import asyncio
import hashlib
import html
import json
import re
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from assistant.app.auth import Credentials, Sessions, Throttle
from assistant.app.documents import safe_name
from ingest.loaders import decode_text

COOKIE = "sva_session"
STATIC = "/sva-static"  # sva's own files (stylesheet, typeface), outside Gradio's routes
COMMISSIONER_HEAD = ("sva — commissioner",
                     ("Question suppliers' tender responses and social value reports, track every "
                      "commitment and check it against your Community Value Charter."))
_DATA = Path(str(resources.files("assistant").joinpath("data")))
_ASSETS = {"fonts.css": "text/css; charset=utf-8",
           "source-sans-3-latin-wght-normal.woff2": "font/woff2",
           "source-sans-3-latin-wght-italic.woff2": "font/woff2"}
_INLINE = {".pdf": "application/pdf", ".txt": "text/plain; charset=utf-8",
           ".md": "text/plain; charset=utf-8", ".markdown": "text/plain; charset=utf-8"}
_NOSNIFF = {"x-content-type-options": "nosniff"}


def resident_head(place: str) -> tuple[str, str]:
    """The resident page's title and description."""
    where = " ".join((place or "").split()) or "your area"
    return (f"sva — what suppliers promised for {where}",
            (f"What companies doing council work promised for {where} — jobs, apprenticeships, "
             "money spent locally, help for community groups — and whether they kept their "
             "promises, from published documents."))


def app_css() -> str:
    """The apps' stylesheet: the typeface sva ships, then sva's own styles."""
    return "\n".join((_DATA / name).read_text(encoding="utf-8") for name in ("fonts.css", "app.css"))


def app_head(login: str = "") -> str:
    """The apps' page script (data/app.js), inline in the page's head. With ``login`` (the
    commissioner app), a request the login gate refuses (401: the session ended) takes the page
    to that sign-in page instead of showing "Not signed in" errors."""
    script = (_DATA / "app.js").read_text(encoding="utf-8")
    then = f"\nwindow.sva.signInOn401({json.dumps(login)});" if login else ""
    return "<script>" + (script + then).replace("</", "<\\/") + "</script>"


def add_asset_routes(app) -> None:
    """``/sva-static/<name>``: the few files the pages load from sva itself (a fixed list)."""
    @app.get(f"{STATIC}/{{name}}", include_in_schema=False)
    def asset(name: str) -> Response:
        media = _ASSETS.get(name)
        if media is None:
            return Response("No such file.", 404, media_type="text/plain")
        return Response((_DATA / name).read_bytes(), media_type=media,
                        headers={"cache-control": "public, max-age=86400"})


_SOCIAL_META = re.compile(r'<meta\s+(?:property|name)="(?:og|twitter):[^>]*>\s*')


def with_head(page: str, title: str, description: str) -> str:
    """``page`` with ``title`` and ``description`` in its head, in place of Gradio's stock preview
    tags ("Click to try out the app!"). Only the head, before the first script, is touched."""
    head, script, rest = page.partition("<script")
    e = html.escape
    ours = (f'<title>{e(title)}</title>\n<meta name="description" content="{e(description)}">\n'
            f'<meta property="og:title" content="{e(title)}">\n'
            f'<meta property="og:description" content="{e(description)}">\n')
    head = re.sub(r"<title>.*?</title>\s*", "", _SOCIAL_META.sub("", head), flags=re.DOTALL)
    before, charset, after = head.partition('<meta charset="utf-8" />')
    head = before + charset + "\n" + ours + after if charset else head.replace("<head>", "<head>" + ours, 1)
    return head + script + rest


class PageHead:
    """ASGI middleware: the app pages at ``pages`` (path -> (title, description)) are served with
    that title and description in their HTML. Gradio's page has an empty head until its script
    runs, so without this a link preview, a bookmark or a screen reader's first read gets none."""

    def __init__(self, app, pages: dict[str, tuple[str, str]]) -> None:
        self.app = app
        self.pages = {path.rstrip("/"): head for path, head in pages.items()}

    async def __call__(self, scope, receive, send) -> None:
        head = self.pages.get(scope.get("path", "").rstrip("/")) \
            if scope["type"] == "http" and scope.get("method") == "GET" else None
        if head is None:
            await self.app(scope, receive, send)
            return
        start: dict = {}
        body: list[bytes] = []

        async def collect(message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            headers = dict(start.get("headers") or [])
            page = b"".join(body)
            if (start.get("status") == 200 and b"content-encoding" not in headers
                    and headers.get(b"content-type", b"").startswith(b"text/html")):
                page = with_head(page.decode("utf-8"), *head).encode("utf-8")
            start["headers"] = [(k, v) for k, v in start.get("headers") or []
                                if k != b"content-length"] + [(b"content-length", str(len(page)).encode())]
            await send(start)
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, collect)


def session_user(sessions: Sessions):
    """For Gradio's ``auth_dependency``: the signed-in user of a request, or None."""
    def user(request) -> str | None:
        return sessions.user(request.cookies.get(COOKIE))
    return user


_SHARED = (b"text/css", b"application/javascript", b"text/javascript", b"font/")  # code, typefaces


class LoginGate:
    """ASGI middleware: nothing under ``prefix`` is served without a live session, except the
    login page itself. Pages redirect to the login; everything else (API calls, uploads, files,
    websockets) gets 401. What it lets through is never kept in the browser's cache (only the
    app's code and typefaces are, which hold nothing private): after "Log out", Back asks the
    server again and lands on the sign-in page, not on a stale page whose every call fails."""

    def __init__(self, app, sessions: Sessions, prefix: str = "/commissioner") -> None:
        self.app, self.sessions, self.prefix = app, sessions, prefix.rstrip("/")
        self.open = {f"{self.prefix}/login", f"{self.prefix}/login/"}

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "")
        guarded = scope["type"] in ("http", "websocket") and (
            path == self.prefix or path.startswith(self.prefix + "/")) and path not in self.open
        if not guarded:
            await self.app(scope, receive, send)
            return
        if self.sessions.user(_cookie(scope, COOKIE)):
            await self.app(scope, receive, _not_cached(send) if scope["type"] == "http" else send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 4401})
            return
        accept = dict(scope.get("headers") or []).get(b"accept", b"").decode("latin-1")
        if scope.get("method") in ("GET", "HEAD") and "text/html" in accept:
            await _respond(send, 303, b"", [(b"location", f"{self.prefix}/login".encode())])
        else:
            body = json.dumps({"error": "Not signed in", "login": f"{self.prefix}/login"}).encode()
            await _respond(send, 401, body, [(b"content-type", b"application/json")])


def _not_cached(send):
    """``send``, with ``cache-control: no-store`` on every response but code and typefaces."""
    async def private(message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers") or [])
            kind = next((v for k, v in headers if k.lower() == b"content-type"), b"")
            if not kind.startswith(_SHARED):
                headers = [(k, v) for k, v in headers if k.lower() != b"cache-control"]
                message = {**message, "headers": headers + [(b"cache-control", b"no-store")]}
        await send(message)
    return private


def _cookie(scope, name: str) -> str | None:
    for key, value in scope.get("headers") or []:
        if key == b"cookie":
            for part in value.decode("latin-1").split(";"):
                k, _, v = part.strip().partition("=")
                if k == name:
                    return v
    return None


async def _respond(send, status: int, body: bytes, headers: list) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": headers + [(b"content-length", str(len(body)).encode()),
                                      (b"cache-control", b"no-store")]})
    await send({"type": "http.response.body", "body": body})


LOGIN_WORKERS = 2  # threads that check passwords (scrypt: ~50 ms and 16 MB each)
LOGIN_PENDING = 8  # sign-ins waiting for a check at once; more are told to retry (503)
MAX_NAME = 200  # characters of a user name that are read


def add_login_routes(app, credentials: Credentials, sessions: Sessions, throttle: Throttle,
                     prefix: str = "/commissioner") -> None:
    """The sign-in page and form. Failures are counted per client address (the socket's, or a
    trusted proxy's X-Forwarded-For: see ``server_config``) and per user name; passwords are
    checked on a small thread pool, never on the event loop, and a burst beyond it is refused."""
    hint = "The password was printed where sva serve was started." \
        if credentials.generated_password else ""
    pool = ThreadPoolExecutor(LOGIN_WORKERS, thread_name_prefix="sva-login")
    pending = [0]

    @app.get(f"{prefix}/login", response_class=HTMLResponse, include_in_schema=False)
    def login_page() -> HTMLResponse:
        return HTMLResponse(login_html(prefix, hint=hint), headers={"cache-control": "no-store"})

    @app.post(f"{prefix}/login", include_in_schema=False)
    async def login(request: Request):
        form = parse_qs((await request.body())[:8192].decode("utf-8", "replace"))
        user = (form.get("username") or [""])[0][:MAX_NAME]
        password = (form.get("password") or [""])[0][:1024]
        keys = ("address:" + (request.client.host if request.client else "?"),
                "user:" + " ".join(user.split()).casefold())
        wait = throttle.wait(*keys)
        if wait:
            return HTMLResponse(login_html(prefix, f"Too many failed attempts. Try again in "
                                                   f"{int(wait // 60) + 1} minutes.", user, hint), 429)
        if pending[0] >= LOGIN_PENDING:
            return HTMLResponse(login_html(prefix, "Too many sign-ins at once. Try again in a "
                                                   "moment.", user, hint), 503)
        pending[0] += 1
        try:
            ok = await asyncio.wrap_future(pool.submit(credentials.check, user, password))
        finally:
            pending[0] -= 1
        if not ok:
            throttle.failed(*keys)
            return HTMLResponse(login_html(prefix, "That user name and password do not match.",
                                           user, hint), 401)
        throttle.succeeded(*keys)
        response = RedirectResponse(f"{prefix}/", status_code=303)
        response.set_cookie(COOKIE, sessions.start(user.strip()), httponly=True, samesite="strict",
                            path=prefix, secure=request.url.scheme == "https",
                            max_age=int(sessions.ttl))
        return response

    @app.get(prefix, include_in_schema=False)
    def bare() -> RedirectResponse:  # the address sva serve prints: the app lives at prefix + "/"
        return RedirectResponse(f"{prefix}/", status_code=308)

    @app.get(f"{prefix}/logout", include_in_schema=False)
    def logout(request: Request):
        sessions.end(request.cookies.get(COOKIE))
        response = RedirectResponse(f"{prefix}/login", status_code=303)
        response.delete_cookie(COOKIE, path=prefix)
        return response


def login_html(prefix: str, error: str = "", user: str = "", hint: str = "") -> str:
    """The sign-in page, in the app's typeface, colours and button style (see data/fonts.css and
    Gradio's default theme, whose values the rules below repeat)."""
    e = html.escape
    problem = f'<p class="error" role="alert">{e(error)}</p>' if error else ""
    note = f"<p class=note>{e(hint)}</p>" if hint else ""
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sva — commissioner sign-in</title>
<meta name="description" content="{e(COMMISSIONER_HEAD[1])}">
<link rel="stylesheet" href="{STATIC}/fonts.css"><style>
body{{font-family:var(--font,sans-serif);font-size:16px;line-height:1.5;background:#fff;color:#27272a;
margin:0;padding:1rem}}
main{{max-width:24rem;margin:8vh auto;border:1px solid #e4e4e7;border-radius:8px;padding:1.5rem}}
.brand{{color:#71717a;font-weight:600;margin:0 0 .25rem}} h1{{font-size:1.6rem;font-weight:600;margin:0 0 .25rem}}
p{{margin:.25rem 0 1rem}}
label{{display:block;font-size:.9rem;color:#3f3f46;margin:.9rem 0 .3rem}}
input{{width:100%;box-sizing:border-box;font:inherit;padding:.55rem .65rem;border:1px solid #d4d4d8;
border-radius:4px;background:#fff;color:inherit}}
input:focus{{outline:none;border-color:#93c5fd;box-shadow:0 0 0 3px #eff6ff}}
button{{margin-top:1.3rem;width:100%;font:inherit;font-size:1.1rem;font-weight:600;padding:.6rem;
border:1px solid #c2410c;border-radius:6px;background:#c2410c;color:#fff;cursor:pointer}}
button:hover{{background:#9a3412;
border-color:#9a3412}} button:focus-visible,a:focus-visible{{outline:3px solid #f0a020;outline-offset:2px}}
.error{{background:#fef2f2;border:1px solid #b91c1c;border-radius:4px;padding:.5rem .75rem;color:#b91c1c}}
.note{{color:#52525b;font-size:.9rem}} a{{color:#2563eb}}
</style></head><body><main>
<p class=brand>sva — Social Value Assistant</p>
<h1>Commissioners: sign in</h1><p>To question tenders and manage documents.</p>{problem}
<form method="post" action="{e(prefix)}/login">
<label for="username">User name</label>
<input id="username" name="username" autocomplete="username" required value="{e(user)}" autofocus>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button></form>{note}
<p class=note>Residents: <a href="/">see what was promised for your area</a> — no sign-in needed.</p>
</main></body></html>"""


def add_source_routes(app, services, prefix: str = "/commissioner") -> None:
    """``/source/<doc_id>``: a public document's original file; ``{prefix}/source/<doc_id>``: any
    document (the login gate guards that path). Served only if the file is still the one ingested."""
    def serve(doc_id: str, public_only: bool) -> Response:
        doc = next((d for d in services.store.documents() if d.doc_id == doc_id), None)
        missing = Response("No such document.", 404, media_type="text/plain", headers=_NOSNIFF)
        if doc is None or (public_only and doc.audience != "public"):
            return missing  # the same answer whether or not a restricted document exists
        try:
            data = Path(doc.path).read_bytes()
        except OSError:
            return Response("The original file is no longer available.", 404, media_type="text/plain",
                            headers=_NOSNIFF)
        if hashlib.sha256(data).hexdigest()[:20] != doc.doc_id:
            return Response("The file has changed since it was added.", 404, media_type="text/plain",
                            headers=_NOSNIFF)
        media = _INLINE.get(Path(doc.source).suffix.lower(), "application/octet-stream")
        if media.startswith("text/plain"):  # served as UTF-8 whatever it was written in ("£" from cp1252)
            data = decode_text(data).encode("utf-8")
        return Response(data, media_type=media, headers=source_headers(doc.source))

    @app.get("/source/{doc_id}", include_in_schema=False)
    def public_source(doc_id: str):
        return serve(doc_id, public_only=True)

    @app.get(f"{prefix}/source/{{doc_id}}", include_in_schema=False)
    def any_source(doc_id: str):
        return serve(doc_id, public_only=False)


def source_headers(source: str) -> dict[str, str]:
    """Headers for a stored document's file: nothing in it can run script in our origin. Only
    PDF and plain text are shown inline; every response is sandboxed (no scripts, an opaque
    origin: a PDF's own JavaScript does not run) and never sniffed; everything else (HTML, Word)
    is a download."""
    suffix = Path(source).suffix.lower()
    disposition = "inline" if suffix in _INLINE else "attachment"
    return {**_NOSNIFF, "content-disposition": f'{disposition}; filename="{safe_name(source)}"',
            "content-security-policy": "sandbox"}
