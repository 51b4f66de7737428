"""Headers every response carries: the page may load only the server's own scripts and
styles, may not be framed, and sends no referrer elsewhere. CORS is open on /sparql and
the JSON API (read-only data meant for other sites' tools), nowhere else.

The same headers go on the answers waitress writes itself, before the app sees the
request (400 for a request it cannot parse, 413 for a body over the limit, 431 for
headers over the limit): ``harden`` gives each listening socket a channel whose error
answers carry them."""
from __future__ import annotations

from flask import Flask, request

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
       "frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
CORS_PATHS = ("/sparql", "/api/")


def register(app: Flask, cors_paths: tuple[str, ...] = CORS_PATHS) -> None:
    """Put the headers on every answer of ``app``; CORS only under ``cors_paths``."""
    @app.after_request
    def _headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if cors_paths and request.path.startswith(cors_paths):  # every answer there, not only the results
            response.headers.setdefault("Access-Control-Allow-Origin", "*")
        else:
            response.headers.pop("Access-Control-Allow-Origin", None)
        return response


def harden(server) -> None:
    """Make waitress's own error answers carry ``HEADERS`` (every socket of ``server``)."""
    from waitress.channel import HTTPChannel
    from waitress.task import ErrorTask

    class HeadedErrorTask(ErrorTask):
        def execute(self):  # before the body is written, which sends the headers
            self.response_headers.extend(HEADERS.items())
            super().execute()

    class HeadedChannel(HTTPChannel):
        error_task_class = HeadedErrorTask

    servers = [server] if hasattr(server, "channel_class") else list(getattr(server, "map", {}).values())
    for each in servers:
        if hasattr(each, "channel_class"):
            each.channel_class = HeadedChannel
