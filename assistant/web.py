"""The HTTP side of ``sva serve`` around the Gradio apps: the commissioner login (page, session
cookie, a gate in front of every path under the commissioner prefix) and document downloads
(public documents for residents; any document for signed-in commissioners)."""

from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path
from urllib.parse import parse_qs

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from assistant.auth import Credentials, Sessions, Throttle
from assistant.documents import safe_name

COOKIE = "sva_session"
_INLINE = {".pdf": "application/pdf", ".txt": "text/plain", ".md": "text/plain",
           ".markdown": "text/plain"}


def session_user(sessions: Sessions):
    """For Gradio's ``auth_dependency``: the signed-in user of a request, or None."""
    def user(request) -> str | None:
        return sessions.user(request.cookies.get(COOKIE))
    return user


class LoginGate:
    """ASGI middleware: nothing under ``prefix`` is served without a live session, except the
    login page itself. Pages redirect to the login; everything else (API calls, uploads, files,
    websockets) gets 401."""

    def __init__(self, app, sessions: Sessions, prefix: str = "/commissioner") -> None:
        self.app, self.sessions, self.prefix = app, sessions, prefix.rstrip("/")
        self.open = {f"{self.prefix}/login", f"{self.prefix}/login/"}

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "")
        guarded = scope["type"] in ("http", "websocket") and (
            path == self.prefix or path.startswith(self.prefix + "/")) and path not in self.open
        if not guarded or self.sessions.user(_cookie(scope, COOKIE)):
            await self.app(scope, receive, send)
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


def add_login_routes(app, credentials: Credentials, sessions: Sessions, throttle: Throttle,
                     prefix: str = "/commissioner") -> None:
    hint = "The password was printed where sva serve was started." \
        if credentials.generated_password else ""

    @app.get(f"{prefix}/login", response_class=HTMLResponse, include_in_schema=False)
    def login_page() -> HTMLResponse:
        return HTMLResponse(login_html(prefix, hint=hint), headers={"cache-control": "no-store"})

    @app.post(f"{prefix}/login", include_in_schema=False)
    async def login(request: Request):
        form = parse_qs((await request.body()).decode("utf-8", "replace"))
        user = (form.get("username") or [""])[0]
        password = (form.get("password") or [""])[0]
        client = request.client.host if request.client else "?"
        wait = throttle.wait(client)
        if wait:
            return HTMLResponse(login_html(prefix, f"Too many failed attempts. Try again in "
                                                   f"{int(wait // 60) + 1} minutes.", user, hint), 429)
        if not credentials.check(user, password):
            throttle.failed(client)
            return HTMLResponse(login_html(prefix, "That user name and password do not match.",
                                           user, hint), 401)
        throttle.succeeded(client)
        response = RedirectResponse(f"{prefix}/", status_code=303)
        response.set_cookie(COOKIE, sessions.start(user.strip()), httponly=True, samesite="strict",
                            path=prefix, secure=request.url.scheme == "https",
                            max_age=int(sessions.ttl))
        return response

    @app.get(f"{prefix}/logout", include_in_schema=False)
    def logout(request: Request):
        sessions.end(request.cookies.get(COOKIE))
        response = RedirectResponse(f"{prefix}/login", status_code=303)
        response.delete_cookie(COOKIE, path=prefix)
        return response


def login_html(prefix: str, error: str = "", user: str = "", hint: str = "") -> str:
    e = html.escape
    problem = f'<p class="error" role="alert">{e(error)}</p>' if error else ""
    note = f"<p class=note>{e(hint)}</p>" if hint else ""
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in — sva commissioners</title><style>
body{{font-family:system-ui,sans-serif;background:#f5f6f8;color:#1b1f24;margin:0;padding:1rem}}
main{{max-width:24rem;margin:10vh auto;background:#fff;border:1px solid #d0d5dc;border-radius:10px;padding:1.5rem}}
h1{{font-size:1.35rem;margin:0 0 .25rem}} p{{margin:.25rem 0 1rem}}
label{{display:block;font-weight:600;margin:.9rem 0 .3rem}}
input{{width:100%;box-sizing:border-box;font-size:1rem;padding:.6rem;border:1px solid #8a939e;border-radius:6px}}
input:focus,button:focus{{outline:3px solid #f0a020;outline-offset:1px}}
button{{margin-top:1.2rem;width:100%;font-size:1rem;padding:.7rem;border:0;border-radius:6px;background:#1d4e89;color:#fff;cursor:pointer}}
.error{{background:#fdecea;border-left:4px solid #b3261e;padding:.5rem .75rem;color:#5a1a12}}
.note{{color:#4a525c;font-size:.9rem}} a{{color:#1d4e89}}
</style></head><body><main>
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
        missing = Response("No such document.", 404, media_type="text/plain")
        if doc is None or (public_only and doc.audience != "public"):
            return missing  # the same answer whether or not a restricted document exists
        try:
            data = Path(doc.path).read_bytes()
        except OSError:
            return Response("The original file is no longer available.", 404, media_type="text/plain")
        if hashlib.sha256(data).hexdigest()[:20] != doc.doc_id:
            return Response("The file has changed since it was added.", 404, media_type="text/plain")
        suffix = Path(doc.source).suffix.lower()
        media = _INLINE.get(suffix, "application/octet-stream")
        disposition = "inline" if suffix in _INLINE else "attachment"
        headers = {"content-disposition": f'{disposition}; filename="{safe_name(doc.source)}"',
                   "x-content-type-options": "nosniff"}
        if suffix != ".pdf":  # a sandbox would stop the browser's PDF viewer too
            headers["content-security-policy"] = "sandbox"
        return Response(data, media_type=media, headers=headers)

    @app.get("/source/{doc_id}", include_in_schema=False)
    def public_source(doc_id: str):
        return serve(doc_id, public_only=True)

    @app.get(f"{prefix}/source/{{doc_id}}", include_in_schema=False)
    def any_source(doc_id: str):
        return serve(doc_id, public_only=False)
