"""One error shape and one handler: every ``StyrgrafError`` (and werkzeug's HTTP errors)
answers JSON for the API and for clients that ask for JSON, plain text for other SPARQL
clients, HTML for browsers. No user input reaches a 500 page; a bug gives a 500 with no
stack trace (it is logged)."""
from __future__ import annotations

from flask import Flask, jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException

from styrgraf.errors import StyrgrafError, status_title

def _wants(kind: str) -> bool:
    accept = request.accept_mimetypes
    if kind == "html":
        if request.path.startswith("/api/"):
            return False
        if request.path.startswith("/sparql"):  # SPARQL clients send */*; browsers name text/html
            return any(media == "text/html" for media, _quality in accept)
        return accept.best_match(["text/html", "application/json", "text/plain"]) == "text/html"
    # JSON: the API always; SPARQL clients when they name a JSON type (SPARQLWrapper does)
    if not request.path.startswith("/sparql"):
        return True
    return any("json" in media for media, quality in accept if quality > 0)


def respond(status: int, message: str, headers: dict | None = None):
    """The error response in the shape the client asked for."""
    title = status_title(status)
    if _wants("html"):
        made = make_response(render_template("error.html", status=status, title=title, message=message), status)
    elif _wants("json"):
        made = make_response(jsonify({"error": {"status": status, "title": title, "message": message}}), status)
    else:
        made = make_response(f"{status} {title}: {message}\n", status)
        made.headers["Content-Type"] = "text/plain; charset=utf-8"
    made.headers.update(headers or {})
    if request.path.startswith(("/sparql", "/api/")):
        made.headers.setdefault("Access-Control-Allow-Origin", "*")
    return made


def register(app: Flask) -> None:
    @app.errorhandler(StyrgrafError)
    def _known(error: StyrgrafError):
        return respond(error.status, error.message, error.headers)

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        headers = {k: v for k, v in error.get_headers() if k.lower() == "allow"}
        return respond(error.code or 500, error.description or error.name, headers)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):  # a bug, but never a stack trace
        if isinstance(error, (UnicodeDecodeError, ValueError)) and "surrogate" in str(error):
            return respond(400, "the request is not valid UTF-8")
        app.logger.exception("unexpected error")
        return respond(500, "an internal error occurred; it has been logged")
