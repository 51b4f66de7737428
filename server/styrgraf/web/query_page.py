"""The query page: a SPARQL editor, the saved queries with their parameters, results as
a sortable table, downloads and a permalink. Queries run on the server (the same
executor as /sparql), so a bad query gets its status and the form keeps the text."""
from __future__ import annotations

import json
from urllib.parse import urlencode

from flask import Blueprint, render_template, request

from styrgraf.sparql import queries
from styrgraf.web import core, endpoint
from styrgraf.web.errors import ApiError

blueprint = Blueprint("query_page", __name__)


@blueprint.route("/query", methods=["GET"])
def query_page():
    """Run ?query=… or ?saved=NAME&param=…, or show the empty editor."""
    library = core().queries
    saved_name = request.args.get("saved") or ""
    saved = library.get(saved_name) if saved_name else None
    if saved_name and saved is None:
        raise ApiError(404, f"no saved query named {saved_name!r}")
    text = request.args.get("query")
    values = {p.name: request.args.get(p.name, "") for p in saved.parameters} if saved else {}
    if text is None and saved is not None:
        text = saved.text
    context = {"library": library, "saved": saved, "values": values, "text": text or "", "error": None,
               "table": None, "graph_text": None, "status": 200, "downloads": {}, "permalink": None}
    if text is None:
        return render_template("query.html", **context)
    try:
        bindings = saved.bind(values) if saved and text == saved.text else {}
    except queries.ParameterError as error:
        return _failed(context, ApiError(400, str(error)))
    try:
        response = endpoint.run(text, ["json", "turtle"], substitutions=bindings)
    except ApiError as error:
        return _failed(context, error)
    body = response.get_data()
    if response.mimetype == "application/sparql-results+json":
        data = json.loads(body)
        if "boolean" in data:
            context["table"] = {"vars": ["boolean"], "rows": [[{"type": "literal", "value": str(data["boolean"]).lower()}]]}
        else:
            variables = data["head"]["vars"]
            context["table"] = {"vars": variables,
                                "rows": [[b.get(v) for v in variables] for b in data["results"]["bindings"]]}
    else:
        context["graph_text"] = body.decode("utf-8")
    args = {"saved": saved.name, **{k: v for k, v in values.items() if v}} if saved and text == saved.text else {"query": text}
    context["permalink"] = "/query?" + urlencode(args)
    if saved and text == saved.text:
        context["downloads"] = {f: f"/api/queries/{saved.name}?" + urlencode({**{k: v for k, v in values.items() if v}, "format": f})
                                for f in ("csv", "json")}
    else:
        context["downloads"] = {f: "/sparql?" + urlencode({"query": text, "format": f}) for f in ("csv", "json")}
    return render_template("query.html", **context)


def _failed(context: dict, error: ApiError):
    context["error"] = error.message
    context["status"] = error.status
    return render_template("query.html", **context), error.status
