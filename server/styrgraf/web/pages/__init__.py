"""The explorer's HTML pages, one module a page; each view reads its data from the core
(``explorer``, ``analysis``, the report) and renders a template."""
from __future__ import annotations

from flask import Blueprint, request

from styrgraf import links
from styrgraf.web.i18n import current_language, texts

blueprint = Blueprint("pages", __name__)


@blueprint.app_context_processor
def _globals():
    return {"t": texts(), "lang": current_language(), "page_url": links.page_url,
            "evidence_url": links.evidence_url, "anchor_id": links.anchor_id}


@blueprint.after_app_request
def _remember_language(response):
    if request.args.get("lang") in ("sv", "en"):
        response.set_cookie("lang", request.args["lang"], samesite="Lax")
    return response


from styrgraf.web.pages import compare, graph, home, registry, resource, validation  # noqa: E402,F401  (routes)
