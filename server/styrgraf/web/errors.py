"""One error shape and one handler: every ``StyrgrafError`` (and werkzeug's HTTP errors)
answers JSON for the API and for clients that ask for JSON, plain text for other SPARQL
clients, HTML for browsers. No user input reaches a 500 page; a bug gives a 500 with no
stack trace (it is logged).

A browser reads the message in the page's language (``current_language``) when the error
has a Swedish text; JSON and SPARQL clients get the English ``message`` (and, in JSON,
``message_sv`` beside it when there is one)."""
from __future__ import annotations

import re

from flask import Flask, jsonify, make_response, render_template, request
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException

from styrgraf.errors import StyrgrafError, status_title
from styrgraf.web.i18n import current_language

# Werkzeug's own errors (an unknown address, a wrong method, …) in Swedish, by status.
HTTP_SV = {400: "begäran kunde inte läsas", 404: "det finns ingen sida på den här adressen; kontrollera stavningen",
           405: "den här adressen tar inte emot den metoden", 413: "begäran är för stor",
           431: "begärans huvudfält är för stora", 500: "ett internt fel inträffade; det har loggats"}

def _wants(kind: str) -> bool:
    accept = request.accept_mimetypes
    if kind == "html":
        if request.path.startswith("/api/"):
            return False
        if request.path.startswith("/sparql"):  # SPARQL clients send */*; browsers name text/html
            return any(media == "text/html" and quality > 0 for media, quality in accept)
        return accept.best_match(["text/html", "application/json", "text/plain"]) == "text/html"
    # JSON: the API always; SPARQL clients when they name a JSON type (SPARQLWrapper does)
    if not request.path.startswith("/sparql"):
        return True
    return any("json" in media for media, quality in accept if quality > 0)


def respond(status: int, message: str, headers: dict | None = None, *, message_sv: str | None = None):
    """The error response in the shape the client asked for: a page in the page's
    language (``message_sv`` on Swedish pages when given), JSON with both texts, or text."""
    title = status_title(status)
    if _wants("html"):
        lang = "sv" if current_language() == "sv" and message_sv else "en"
        made = make_response(render_template("error.html", status=status, title=title, message_lang=lang,
                                             message=message_sv if lang == "sv" else message), status)
    elif _wants("json"):
        body = {"status": status, "title": title, "message": message}
        if message_sv:
            body["message_sv"] = message_sv
        made = make_response(jsonify({"error": body}), status)
    else:
        made = make_response(f"{status} {title}: {message}\n", status)
        made.headers["Content-Type"] = "text/plain; charset=utf-8"
    made.headers.update(headers or {})
    if request.path.startswith(("/sparql", "/api/")):
        made.headers.setdefault("Access-Control-Allow-Origin", "*")
    return made


_CODE_IN_MESSAGE = re.compile(r"`([^`]+)`|((?<!\w)'(?:[^'\\]|\\.)*'|<[^<>\s]+>)")


def codify_message(text: str) -> Markup:
    """A message for a page: what a user types (`PREFIX …`, quoted values, <IRIs>) as code."""
    def code(match: re.Match) -> str:
        return f"<code>{escape(match.group(1) or match.group(2))}</code>"
    parts, last = [], 0
    for match in _CODE_IN_MESSAGE.finditer(text):
        parts.append(str(escape(text[last:match.start()])) + code(match))
        last = match.end()
    return Markup("".join(parts) + str(escape(text[last:])))


def register(app: Flask) -> None:
    app.add_template_filter(codify_message, "codify_message")

    @app.errorhandler(StyrgrafError)
    def _known(error: StyrgrafError):
        return respond(error.status, error.message, error.headers, message_sv=error.message_sv)

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        headers = {k: v for k, v in error.get_headers() if k.lower() == "allow"}
        return respond(error.code or 500, error.description or error.name, headers,
                       message_sv=HTTP_SV.get(error.code or 500))

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):  # a bug, but never a stack trace
        if isinstance(error, (UnicodeDecodeError, ValueError)) and "surrogate" in str(error):
            return respond(400, "the request is not valid UTF-8", message_sv="begäran är inte giltig UTF-8")
        app.logger.exception("unexpected error")
        return respond(500, "an internal error occurred; it has been logged", message_sv=HTTP_SV[500])
