"""``/api/analysis/...``: the networkx analyses as JSON (and CSV/GraphML where asked)."""
from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from styrgraf import analysis
from styrgraf.analysis import exports, network
from styrgraf.vocab import expand_name
from styrgraf.web import core
from styrgraf.web.errors import ApiError

blueprint = Blueprint("analysis_api", __name__, url_prefix="/api/analysis")


def _net() -> network.Network:
    return network.network(core().store)


def _node(name: str | None, param: str = "node") -> str:
    if not name:
        raise ApiError(400, f"parameter {param!r} is required (a prefixed name like kungsor:medarbetare or an IRI)")
    iri = expand_name(name)
    if iri not in _net().graph:
        raise ApiError(404, f"no actor or organ {name!r} in the graph")
    return iri


def _orgs() -> list[str] | None:
    orgs = request.args.getlist("org")
    unknown = set(orgs) - set(_net().organisations())
    if unknown:
        raise ApiError(404, f"unknown organisation {sorted(unknown)[0]!r}; known: {', '.join(_net().organisations())}")
    return orgs or None


def _maybe_csv(result, rows):
    if request.args.get("format") == "csv":
        return Response(exports.to_csv(rows), content_type="text/csv; charset=utf-8")
    return jsonify(result)


@blueprint.get("/chain")
def chain():
    result = analysis.chain(_net(), _node(request.args.get("node")))
    return _maybe_csv(result, exports.chain_rows(result))


@blueprint.get("/structure")
def structure():
    result = analysis.structure(_net(), _orgs())
    return _maybe_csv(result, exports.structure_rows(result))


@blueprint.get("/compliance")
def compliance():
    pairs = []
    for contact in request.args.getlist("contact"):
        if contact.count(",") != 1:
            raise ApiError(400, f"contact must be FROM,TO, not {contact!r}")
        sender, receiver = contact.split(",")
        pairs.append((_node(sender, "contact"), _node(receiver, "contact")))
    result = {"bypasses": analysis.bypasses(_net(), _orgs()), "contacts": analysis.check_contacts(_net(), pairs)}
    return _maybe_csv(result, exports.compliance_rows(result["bypasses"], result["contacts"]))


@blueprint.get("/route")
def route():
    return jsonify(analysis.route(_net(), _node(request.args.get("from"), "from"), _node(request.args.get("to"), "to")))


@blueprint.get("/whatif")
def what_if():
    result = analysis.what_if(_net(), _node(request.args.get("node")))
    return _maybe_csv(result, exports.what_if_rows(result))


@blueprint.get("/centrality")
def centrality():
    orgs = _orgs()
    top = request.args.get("top", "10")
    if not top.isdigit() or int(top) < 1:
        raise ApiError(400, "top must be a positive integer")
    kind = request.args.get("kind")
    if kind and kind not in {k for _, _, k in _net().graph.edges(keys=True)}:
        raise ApiError(404, f"no relation kind {kind!r} in the graph")
    result = analysis.centrality(_net(), kind, orgs[0] if orgs else None, int(top))
    return _maybe_csv(result, result)


@blueprint.get("/compare")
def compare():
    orgs = _orgs()
    if not orgs or len(orgs) < 2:
        raise ApiError(400, "give two or more organisations: ?org=kommun-a&org=blekinge")
    result = analysis.compare(_net(), orgs)
    return _maybe_csv(result, exports.compare_rows(result))


@blueprint.get("/export")
def export():
    kinds = request.args.getlist("kind") or None
    orgs = _orgs()
    if request.args.get("format", "graphml") == "graphml":
        return Response(exports.view_graphml(_net(), kinds, orgs), content_type="application/graphml+xml; charset=utf-8",
                        headers={"Content-Disposition": "attachment; filename=styrgraf.graphml"})
    return Response(exports.to_csv(exports.view_edges(_net(), kinds, orgs)), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": "attachment; filename=styrgraf-edges.csv"})
