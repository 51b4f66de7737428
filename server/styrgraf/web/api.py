"""The JSON API: the saved-query library, run with typed parameters."""
from __future__ import annotations

from flask import Blueprint, jsonify, request, url_for

from styrgraf import lookup
from styrgraf.sparql import queries
from styrgraf.web import core, endpoint, params

blueprint = Blueprint("api", __name__, url_prefix="/api")

RESERVED = {"format"}


def saved_query(name: str) -> queries.SavedQuery:
    """A saved query by name, or 404 with "did you mean" (``lookup``, as in the CLI)."""
    return lookup.saved_query(name, core().queries)


@blueprint.get("/queries")
def list_queries():
    """Every saved query with its header, parameters and URL."""
    items = []
    for saved in core().queries.values():
        item = saved.summary()
        item["url"] = url_for("api.run_query", name=saved.name, _external=True)
        items.append(item)
    return jsonify({"queries": items})


@blueprint.get("/queries/<name>")
def run_query(name: str):
    """Run one saved query; parameters come from the query string, bound as RDF terms."""
    saved = saved_query(name)
    values = {key: params.single(key) or "" for key in request.args if key not in RESERVED}
    accept = endpoint.accepted_formats(params.single("format"))
    return endpoint.answer(saved.text, accept, substitutions=core().bind(saved, values))


@blueprint.get("/queries/<name>/text")
def query_text(name: str):
    """The saved query's SPARQL text."""
    return saved_query(name).text, 200, {"Content-Type": "application/sparql-query; charset=utf-8"}
