"""The dev web server: one origin for the single-page app, the API and the dev mailbox.

`/api/*` goes to the Chalice app through chalice's own local gateway (as `chalice local` does),
`/dev/mail` and `/dev/mail/` show what the SMTP sink caught, everything else is a static file of
frontend/dist with the SPA fallback to index.html. The /dev routes exist only here: the local
stage, never the deployed app.
"""

from __future__ import annotations

import functools
import html
import json
import mimetypes
import re
import threading
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from chalice.config import Config
from chalice.local import ChaliceRequestHandler, CustomLocalChalice, LocalChalice

from devstack.mail_sink import MailSink
from devstack.ports import LOOPBACK

API_PREFIX = "/api"
MAIL_JSON = "/dev/mail"
MAIL_PAGE = "/dev/mail/"
MISSING_DIST = (
    "<!doctype html><meta charset=utf-8><title>Union Portal</title>"
    "<p>The front end is not built yet: run <code>make frontend-build</code> and reload.</p>"
    '<p>The API is up at <a href="/api/health">/api/health</a>, '
    'the dev mailbox at <a href="/dev/mail/">/dev/mail/</a>.</p>'
)
_URL = re.compile(r"https?://[^\s<>\"']+")


@dataclass(frozen=True)
class Site:
    app: Any  # the Chalice app
    config: Config
    sink: MailSink
    dist: Path


def serve_threaded(app: Any) -> None:
    """Make `current_request` thread-local, as chalice.local.create_local_server does, so
    concurrent requests on this threading server do not see each other's request."""
    if isinstance(app, LocalChalice):
        return
    CustomLocalChalice.__bases__ = (LocalChalice, app.__class__)
    app.__class__ = CustomLocalChalice


def resolve_static(dist: Path, url_path: str) -> Path | None:
    """The file for a URL path: the file itself, else index.html for app routes; None for a
    missing asset (a 404 is clearer than the app shell served as JavaScript) or an escape."""
    root = dist.resolve()
    relative = unquote(url_path).lstrip("/")
    candidate = (root / relative).resolve()
    if not candidate.is_relative_to(root):
        return None
    if candidate.is_dir():
        candidate = candidate / "index.html"
    if candidate.is_file():
        return candidate
    if mimetypes.guess_type(relative)[0] is not None:
        return None
    index = root / "index.html"
    return index if index.is_file() else None


def mail_page(messages: list[dict[str, Any]], to: str | None) -> str:
    """The dev mailbox as one HTML page; every value is escaped, then URLs made clickable."""
    items = "".join(_mail_item(m) for m in messages) or "<p>No mail yet.</p>"
    shown = html.escape(to or "")
    return (
        "<!doctype html><html lang=en><meta charset=utf-8><title>Dev mailbox</title>"
        "<style>body{font:15px system-ui;margin:2rem;max-width:60rem}article{border-top:1px "
        "solid #ccc;padding:.5rem 0}pre{white-space:pre-wrap}small{color:#555}</style>"
        f'<h1>Dev mailbox</h1><form><label>To <input name=to value="{shown}"></label> '
        '<button>Filter</button> <a href="/dev/mail/">all</a></form>'
        f"<p>{len(messages)} message(s), newest first.</p>{items}</html>"
    )


def _mail_item(message: dict[str, Any]) -> str:
    def esc(key: str) -> str:
        return html.escape(str(message.get(key) or ""))

    text = _URL.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', esc("text"))
    return (
        f"<article><h2>{esc('subject')}</h2>"
        f"<small>To {esc('to')} · from {esc('from')} · {esc('received_at')}</small>"
        f"<pre>{text}</pre>{_attachment_list(message)}</article>"
    )


def _attachment_list(message: dict[str, Any]) -> str:
    """Each attachment as a data: link (download opens it), its type and size."""
    items = [
        f'<li><a download="{html.escape(a["filename"])}" href="data:{html.escape(a["content_type"])};base64,'
        f'{a["base64"]}">{html.escape(a["filename"])}</a> <small>{html.escape(a["content_type"])}, '
        f"{a['size']} bytes</small></li>"
        for a in message.get("attachments", [])
    ]
    return f"<ul>{''.join(items)}</ul>" if items else ""


class DevRequestHandler(ChaliceRequestHandler):
    def __init__(self, request: Any, client_address: Any, server: Any, *, site: Site) -> None:
        self.site = site  # set first: the base class handles the request inside __init__
        super().__init__(request, client_address, server, site.app, site.config)

    def _dispatch(self) -> None:
        parts = urlsplit(self.path)
        if parts.path == API_PREFIX or parts.path.startswith(API_PREFIX + "/"):
            self._generic_handle()
        elif self.command not in ("GET", "HEAD"):
            self._reply(405, "text/plain; charset=utf-8", b"method not allowed")
        elif parts.path in (MAIL_JSON, MAIL_PAGE):
            self._mail(parts.path, parse_qs(parts.query).get("to", [None])[0])
        else:
            self._static(parts.path)

    # http.server calls do_<METHOD> and answers 501 where there is none; every method, known or
    # not, goes through one dispatcher, so the API answers 405 for a method it does not serve.
    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _dispatch  # noqa: N815

    def __getattr__(self, name: str) -> Any:
        if name.startswith("do_"):
            return self._dispatch
        raise AttributeError(name)

    def _mail(self, path: str, to: str | None) -> None:
        messages = self.site.sink.messages(to=to)
        if path == MAIL_JSON:
            self._reply(200, "application/json", json.dumps(messages).encode())
        else:
            self._reply(200, "text/html; charset=utf-8", mail_page(messages, to).encode())

    def _static(self, path: str) -> None:
        if not self.site.dist.is_dir():
            self._reply(503, "text/html; charset=utf-8", MISSING_DIST.encode())
            return
        target = resolve_static(self.site.dist, path)
        if target is None:
            self._reply(404, "text/plain; charset=utf-8", b"not found")
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        self._reply(200, kind, target.read_bytes())

    def _reply(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")  # a rebuilt front end shows at once
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class DevWebServer:
    """The threading HTTP server on loopback, served from a background thread."""

    def __init__(self, site: Site, port: int = 8000, host: str = LOOPBACK) -> None:
        serve_threaded(site.app)
        handler = functools.partial(DevRequestHandler, site=site)
        self._server = ThreadingHTTPServer((host, port), handler)
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def start(self) -> None:
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()


def local_config(project_dir: Path, app_name: str) -> Config:
    """What chalice's local gateway reads (timeouts, names). Deliberately not the stage's
    environment_variables from .chalice/config.json: the dev stack sets the environment."""
    return Config.create(chalice_stage="local", app_name=app_name, project_dir=str(project_dir))
