"""``/org/KEY``, ``/graph?org=…``: organisation graphs; ``/api/graph``: their elements."""
from __future__ import annotations

from flask import jsonify, render_template, request, url_for

from styrgraf import explorer
from styrgraf.web import core, params
from styrgraf.web.i18n import current_language
from styrgraf.web.pages import blueprint


@blueprint.get("/org/<key>")
def organisation(key: str):
    """One organisation's graph."""
    return graph_page(params.organisations(core(), [key]))


@blueprint.get("/graph")
def graph():
    """Several organisations side by side: /graph?org=kommun-a&org=blekinge."""
    return graph_page(params.organisations(core(), request.args.getlist("org"), at_least=1))


def graph_page(keys: list[str]):
    names = {o["key"]: (o["label_en"] if current_language() == "en" and o["label_en"] else o["label"])
             for o in core().organisations()}
    return render_template("graph.html", keys=keys, names=names,
                           data_url=url_for("pages.graph_data", org=keys, lang=current_language()))


@blueprint.get("/api/graph")
def graph_data():
    """Cytoscape elements for ?org=… (JSON)."""
    keys = params.organisations(core(), request.args.getlist("org"), at_least=1)
    return jsonify(explorer.elements(core().network(), keys, current_language()))
