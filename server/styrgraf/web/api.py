"""The JSON API: the saved-query library, run with typed parameters."""
from __future__ import annotations

from flask import Blueprint, jsonify, request, url_for

from styrgraf.sparql import queries
from styrgraf.web import core, endpoint
from styrgraf.web.errors import ApiError

blueprint = Blueprint("api", __name__, url_prefix="/api")

RESERVED = {"format"}


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
    saved = core().queries.get(name)
    if saved is None:
        raise ApiError(404, f"no saved query named {name!r}; see /api/queries")
    values = {}
    for key in request.args:
        if key in RESERVED:
            continue
        given = request.args.getlist(key)
        if len(given) > 1:
            raise ApiError(400, f"parameter {key!r} is given {len(given)} times")
        values[key] = given[0]
    try:
        bindings = saved.bind(values)
    except queries.ParameterError as error:
        raise ApiError(400, str(error)) from None
    accept = endpoint.accepted_formats(request.args.get("format"))
    return endpoint.run(saved.text, accept, substitutions=bindings)


@blueprint.get("/queries/<name>/text")
def query_text(name: str):
    """The saved query's SPARQL text."""
    saved = core().queries.get(name)
    if saved is None:
        raise ApiError(404, f"no saved query named {name!r}")
    return saved.text, 200, {"Content-Type": "application/sparql-query; charset=utf-8"}
