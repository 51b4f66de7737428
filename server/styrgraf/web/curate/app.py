"""The curation app: a small Flask app of its own, for one folder of drafts, on
127.0.0.1 only, every request carrying the token printed with its URL. Never part of
``styrgraf serve``, but with its security headers, and with a check of Host (a loopback
name only) on every request and of Origin on every request that changes something."""
from __future__ import annotations

import hmac
import logging
from pathlib import Path

from flask import Blueprint, Flask, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from styrgraf.web.curate.checks import Invalid
from styrgraf.web import security

MAX_BODY = 1_000_000  # bytes in one request, as for `styrgraf serve`
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
SAFE = ("GET", "HEAD", "OPTIONS")
log = logging.getLogger(__name__)

blueprint = Blueprint("curate", __name__)


def create_app(folder: Path, token: str) -> Flask:
    """The app for the drafts in ``folder/drafts``; ``token`` guards every request."""
    from styrgraf.web.curate import api
    app = Flask(__name__)
    app.config.update(FOLDER=Path(folder), TOKEN=token, MAX_CONTENT_LENGTH=MAX_BODY)
    app.register_blueprint(blueprint)
    app.register_blueprint(api.blueprint)
    security.register(app, cors_paths=())  # no CORS: only this app's own page may call it
    return app


def folder() -> Path:
    return current_app.config["FOLDER"]


@blueprint.before_app_request
def guard():
    """Host a loopback name (no DNS rebinding), the token, and a same-origin change."""
    name = request.host.rsplit(":", 1)[0] if not request.host.endswith("]") else request.host
    if name.lower() not in LOOPBACK:
        raise Invalid(f"the curation app answers on 127.0.0.1 only, not for host {request.host[:80]!r}", status=403)
    given = request.args.get("token") or request.headers.get("X-Curate-Token") or ""
    if not hmac.compare_digest(given.encode("utf-8", "replace"), current_app.config["TOKEN"].encode("utf-8")):
        raise Invalid("give the token of the URL that `styrgraf curate` printed", status=403)
    if request.method not in SAFE:
        origin = request.headers.get("Origin")
        fetch_site = request.headers.get("Sec-Fetch-Site")
        if (origin is not None and origin != f"{request.scheme}://{request.host}") or \
                fetch_site not in (None, "same-origin", "none"):
            raise Invalid("a change must come from the curation page itself (cross-origin request refused)",
                          status=403)


@blueprint.app_errorhandler(Invalid)
def invalid(error: Invalid):
    # the page's language when the page says it (?lang=sv); English for other clients
    body = {"error": error.text(request.args.get("lang")), "status": error.status}
    if error.field:
        body["field"] = error.field
    if error.status == 409:
        body["state"] = error.state
    return jsonify(body), error.status


@blueprint.app_errorhandler(HTTPException)
def http_error(error: HTTPException):
    return jsonify({"error": error.description, "status": error.code}), error.code


@blueprint.app_errorhandler(Exception)
def bug(error: Exception):
    log.exception("curate: an error no input should cause")
    return jsonify({"error": "an internal error; it is logged, and nothing was written", "status": 500}), 500


def page_words() -> dict:
    """The template's words in the page's language, and the language to switch to."""
    from styrgraf.web.curate.texts import TEXTS
    from styrgraf.web.i18n import current_language
    lang = current_language()
    return {"t": TEXTS[lang], "lang": lang, "other_lang": "en" if lang == "sv" else "sv",
            "token": current_app.config["TOKEN"]}


@blueprint.get("/")
def home():
    keys = sorted(p.stem for p in (folder() / "drafts").glob("*.json"))
    return render_template("curate_home.html", keys=keys, **page_words())


@blueprint.get("/draft/<key>")
def page(key):
    from styrgraf.web.curate.api import load
    draft = load(key)
    return render_template("curate.html", key=key, title=draft["document"].get("title") or key, **page_words())
