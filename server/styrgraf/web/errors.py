"""One error shape and one handler: JSON for the API and for clients that ask for it,
plain text for SPARQL clients, HTML for browsers. No user input reaches a 500 page."""
from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException


class ApiError(Exception):
    """An error with an HTTP status and a message meant for the person who sent the request."""

    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def _wants_html() -> bool:
    """Browsers get pages; the API always answers JSON."""
    if request.path.startswith("/api/"):
        return False
    if request.path.startswith("/sparql"):  # SPARQL clients send */*; browsers name text/html
        return any(media == "text/html" for media, _quality in request.accept_mimetypes)
    return request.accept_mimetypes.best_match(["text/html", "application/json", "text/plain"]) == "text/html"


def respond(status: int, message: str, headers: dict | None = None):
    """The error response in the shape the client asked for."""
    title = {400: "Bad request", 404: "Not found", 405: "Method not allowed", 406: "Not acceptable",
             413: "Too large", 415: "Unsupported media type", 502: "Bad gateway", 503: "Unavailable"}.get(status, "Error")
    if _wants_html():
        response = (render_template("error.html", status=status, title=title, message=message), status)
    elif request.path.startswith("/sparql") and not request.accept_mimetypes.accept_json:
        response = (f"{status} {title}: {message}\n", status, {"Content-Type": "text/plain; charset=utf-8"})
    else:
        response = (jsonify({"error": {"status": status, "title": title, "message": message}}), status)
    body, code, *rest = response
    from flask import make_response
    made = make_response(body, code, *rest)
    made.headers.update(headers or {})
    made.headers.setdefault("Access-Control-Allow-Origin", "*")
    return made


def register(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(error: ApiError):
        return respond(error.status, error.message, error.headers)

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        headers = {k: v for k, v in error.get_headers() if k.lower() == "allow"}
        return respond(error.code or 500, error.description or error.name, headers)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):  # pragma: no cover - a bug, but never a stack trace
        app.logger.exception("unexpected error")
        return respond(500, "an internal error occurred; it has been logged")
