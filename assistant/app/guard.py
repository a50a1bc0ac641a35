"""What ``sva serve`` refuses before a request reaches Gradio, and how the server listens.

Gradio exposes every event handler of an app over HTTP, including the chat widget's internal
ones, whatever the page would send; and any ``FileData`` (``{"path": ...}``) in a payload is a
file the server may copy or serve. So, in front of both apps:

- residents' app: no uploads, no files at all in a payload, no Gradio monitoring pages;
- commissioners' app: a file in a payload must be one this server received as an upload (inside
  Gradio's upload folder) — never another path on the server;
- both: request bodies are bounded in size, and an answer that refuses says why.

The client address the sign-in lockout counts comes from the socket unless the operator names a
trusted reverse proxy (``sva serve --forwarded-allow-ips``): only then is X-Forwarded-For read.
"""

from __future__ import annotations

import ipaddress
import json
import os
from pathlib import Path

from assistant.errors import ConfigError

RESIDENT_BODY = 1 << 20  # bytes a resident request may send (questions, a chat history)
COMMISSIONER_BODY = 4 << 20  # bytes of a commissioner's JSON request (uploads go separately)
_MAX_NODES = 200_000  # values looked at in one payload


class RequestGuard:
    """ASGI middleware in front of both Gradio apps (see the module docstring)."""

    def __init__(self, app, uploads: str | Path, prefix: str = "/commissioner") -> None:
        self.app, self.prefix = app, prefix.rstrip("/")
        self.uploads = os.path.realpath(uploads)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        commissioner = path == self.prefix or path.startswith(self.prefix + "/")
        local = path[len(self.prefix):] if commissioner else path
        if not commissioner and _under(local, ("/monitoring", "/gradio_api/monitoring")):
            await _refuse(send, 404, "Not found.")
            return
        if not commissioner and _under(local, ("/upload", "/gradio_api/upload",
                                               "/gradio_api/upload_progress")):
            await _refuse(send, 403, "The residents' app accepts no uploads.")
            return
        if scope.get("method") not in ("POST", "PUT", "PATCH", "DELETE"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if commissioner and headers.get(b"content-type", b"").startswith(b"multipart/"):
            await self.app(scope, receive, send)  # an upload: Gradio's max_file_size applies
            return
        limit = COMMISSIONER_BODY if commissioner else RESIDENT_BODY
        body, more = b"", True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > limit:
                await _refuse(send, 413, f"The request is too large (over {limit // 1024} KB).")
                return
        problem = self.payload_problem(body, commissioner)
        if problem:
            await _refuse(send, 400, problem)
            return
        sent = False

        async def replay():
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    def payload_problem(self, body: bytes, commissioner: bool) -> str:
        """Why a request body is refused, or "" when it may go on."""
        if not body.strip().startswith((b"{", b"[")):
            return ""
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):
            return "The request is not valid JSON."
        for value in _file_refs(data):
            if value is None:
                return "The request is too deeply nested or too large."
            if not commissioner:
                return "The residents' app accepts no files."
            if not isinstance(value, str) or not _inside(value, self.uploads):
                return ("Only files uploaded to this server through the page can be used; "
                        "upload the file first.")
        return ""


def _file_refs(data):
    """The ``path`` (or ``url``) of every file object in ``data``; None when it is too big to
    look through. Iterative, so nesting depth costs no recursion."""
    stack, seen = [data], 0
    while stack:
        value = stack.pop()
        seen += 1
        if seen > _MAX_NODES:
            yield None
            return
        if isinstance(value, dict):
            for key in ("path", "url"):
                if key in value and value[key] is not None:
                    if key == "url" and "path" in value:
                        continue  # Gradio reads the path; the url is only a link to it
                    yield value[key]
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)


def _inside(path: str, folder: str) -> bool:
    if "\0" in path or "://" in path:
        return False
    real = os.path.realpath(path)
    return real.startswith(folder.rstrip(os.sep) + os.sep)


def _under(path: str, roots: tuple[str, ...]) -> bool:
    return any(path == root or path.startswith(root + "/") or path.startswith(root + "?")
               for root in roots)


async def _refuse(send, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                            (b"cache-control", b"no-store")]})
    await send({"type": "http.response.body", "body": body})


def check_port(port: int) -> int:
    if not 1 <= port <= 65535:
        raise ConfigError(f"--port {port} is not a port: use a number from 1 to 65535")
    return port


def trusted_proxies(value: str | None) -> str:
    """``--forwarded-allow-ips``: comma-separated addresses or networks of trusted proxies."""
    items = [v.strip() for v in (value or "").split(",") if v.strip()]
    for item in items:
        if item == "*":
            continue
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError as exc:
            raise ConfigError(f"--forwarded-allow-ips: {item!r} is not an IP address or network "
                              "(e.g. 127.0.0.1 or 10.0.0.0/8)") from exc
    return ",".join(items)


def server_options(host: str = "127.0.0.1", port: int = 7860,
                   forwarded_allow_ips: str | None = None) -> dict:
    """uvicorn's settings: X-Forwarded-For is read only from the proxies named, else the client
    address is the socket's (uvicorn would otherwise trust it from 127.0.0.1)."""
    trusted = trusted_proxies(forwarded_allow_ips)
    return dict(host=host, port=check_port(port), log_level="warning", proxy_headers=bool(trusted),
                forwarded_allow_ips=trusted or None, server_header=False)


def server_config(app, host: str = "127.0.0.1", port: int = 7860,
                  forwarded_allow_ips: str | None = None):
    """A ``uvicorn.Config`` for ``app``, as ``sva serve`` runs it (see ``server_options``)."""
    import uvicorn

    return uvicorn.Config(app, **server_options(host, port, forwarded_allow_ips))


def private_events(blocks, public: set[str]):
    """``blocks`` with every event whose API name is not in ``public`` made private: still run by
    the page, not offered to API clients (Gradio's own chat events are not ours to expose). The
    server checks each input whatever the caller (RequestGuard, render.plain_history)."""
    for fn in blocks.fns.values():
        if fn.api_name not in public:
            fn.api_visibility = "private"
    return blocks
