"""``/org/KEY``, ``/graph?org=…`` or ``/graph?county=CODE``: organisation graphs (a whole
county's dozens of organisations as boxes in a grid); ``/api/graph``: their elements."""
from __future__ import annotations

from flask import Response, jsonify, render_template, request, url_for

from styrgraf import explorer
from styrgraf.errors import BadRequest, NotFound
from styrgraf.explorer import listing
from styrgraf.web import core, params
from styrgraf.web.i18n import current_language
from styrgraf.web.pages import blueprint, cache

MANY = 4  # more organisations than this: the elements come without evidence (graph_layouts.js: MANY)


@blueprint.get("/org/<key>")
def organisation(key: str):
    """One organisation's graph."""
    return graph_page(params.organisations(core(), [key]))


def _chosen() -> list[str]:
    """The organisations of ?org=… or of ?county=CODE (not both)."""
    county = params.single("county")
    if county is None:
        return params.organisations(core(), request.args.getlist("org"), at_least=1)
    if request.args.getlist("org"):
        raise BadRequest("give either ?org=… or ?county=CODE, not both")
    if county not in listing.COUNTIES and county != listing.UNKNOWN:
        raise BadRequest(f"parameter 'county' must be a county code ({', '.join(listing.COUNTIES)}) "
                         f"or {listing.UNKNOWN!r}, not {county[:40]!r}")
    keys = [o["key"] for o in core().organisations() if (o.get("county") or listing.UNKNOWN) == county]
    if not keys:
        raise NotFound(f"no organisation in the graph lies in county {county}")
    return keys


@blueprint.get("/graph")
def graph():
    """Several organisations side by side: /graph?org=kommun-a&org=blekinge, or a county."""
    return graph_page(_chosen())


def graph_page(keys: list[str]):
    lang = current_language()
    names = {o["key"]: (o["label_en"] if lang == "en" and o["label_en"] else o["label"]) for o in core().organisations()}
    county = params.single("county")
    slim = {"evidence": "0"} if len(keys) > MANY else {}  # evidence fetched per organisation on a click
    data_url = url_for("pages.graph_data", county=county, lang=lang, **slim) if county else \
        url_for("pages.graph_data", org=keys, lang=lang, **slim)
    return render_template("graph.html", keys=keys, names=names, data_url=data_url,
                           county=listing.county_name(county, lang) if county else None)


@blueprint.get("/api/graph")
def graph_data():
    """Cytoscape elements for ?org=… or ?county=CODE (JSON); ?evidence=0 gives each
    edge's count of assertions instead of the assertions."""
    evidence = params.single("evidence", default="1")
    if evidence not in ("0", "1"):
        raise BadRequest(f"parameter 'evidence' must be 0 or 1, not {evidence[:40]!r}")
    keys, lang, net = _chosen(), current_language(), core().network()
    if len(keys) <= MANY:
        return jsonify(explorer.elements(net, keys, lang, evidence=evidence == "1"))
    # A county's elements (megabytes of JSON) are built once per network view
    body = cache.remembered((net,), ("elements", tuple(keys), lang, evidence),
                           lambda: jsonify(explorer.elements(net, keys, lang, evidence=evidence == "1")).get_data())
    return Response(body, content_type="application/json")
