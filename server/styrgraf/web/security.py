"""Headers every response carries: the page may load only the server's own scripts and
styles, may not be framed, and sends no referrer elsewhere. CORS is open on /sparql and
the JSON API (read-only data meant for other sites' tools), nowhere else."""
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


def register(app: Flask) -> None:
    @app.after_request
    def _headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if request.path.startswith(CORS_PATHS):  # every answer there, not only the query results
            response.headers.setdefault("Access-Control-Allow-Origin", "*")
        else:
            response.headers.pop("Access-Control-Allow-Origin", None)
        return response
