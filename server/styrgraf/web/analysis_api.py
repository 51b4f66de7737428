"""``/api/analysis/...``: the networkx analyses as JSON (and CSV/GraphML where asked)."""
from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from styrgraf import analysis, lookup
from styrgraf.analysis import exports
from styrgraf.errors import BadRequest
from styrgraf.web import core, params

blueprint = Blueprint("analysis_api", __name__, url_prefix="/api/analysis")
MAX_CONTACTS = 100  # contacts checked in one request (the analyses run in the server process)


def _net():
    return core().network()


def _node(name: str | None, param: str = "node") -> str:
    if not name:
        raise BadRequest(f"parameter {param!r} is required (a prefixed name like kungsor:medarbetare or an IRI)")
    params.iri(name, param)  # malformed → 400 naming the parameter
    return lookup.node(name, _net().graph, what=f"actor or organ (parameter {param!r})")


def _orgs() -> list[str] | None:
    return params.organisations(core(), request.args.getlist("org")) or None


def _kinds() -> set[str]:
    return set(_net().kinds)


def _kind() -> str | None:
    kind = params.single("kind")
    return lookup.relation_kind(kind, _kinds()) if kind else None


def _maybe_csv(result, rows):
    fmt = params.single("format", default="json")
    if fmt == "csv":
        return Response(exports.to_csv(rows), content_type="text/csv; charset=utf-8")
    if fmt != "json":
        raise BadRequest(f"parameter 'format' must be json or csv, not {fmt[:40]!r}")
    return jsonify(result)


@blueprint.get("/chain")
def chain():
    result = analysis.chain(_net(), _node(params.single("node")))
    return _maybe_csv(result, exports.chain_rows(result))


@blueprint.get("/structure")
def structure():
    result = analysis.structure(_net(), _orgs())
    return _maybe_csv(result, exports.structure_rows(result))


@blueprint.get("/compliance")
def compliance():
    pairs = []
    contacts = request.args.getlist("contact")
    if len(contacts) > MAX_CONTACTS:
        raise BadRequest(f"parameter 'contact' is given {len(contacts)} times; at most {MAX_CONTACTS} at once")
    for contact in contacts:
        if contact.count(",") != 1:
            raise BadRequest(f"parameter 'contact' must be FROM,TO, not {contact[:80]!r}")
        sender, receiver = contact.split(",")
        pairs.append((_node(sender, "contact"), _node(receiver, "contact")))
    result = {"bypasses": analysis.bypasses(_net(), _orgs()), "contacts": analysis.check_contacts(_net(), pairs)}
    return _maybe_csv(result, exports.compliance_rows(result["bypasses"], result["contacts"]))


@blueprint.get("/route")
def route():
    return jsonify(analysis.route(_net(), _node(params.single("from"), "from"), _node(params.single("to"), "to")))


@blueprint.get("/whatif")
def what_if():
    result = analysis.what_if(_net(), _node(params.single("node")))
    return _maybe_csv(result, exports.what_if_rows(result))


@blueprint.get("/centrality")
def centrality():
    orgs = _orgs()
    top = params.integer("top", 10, 1, 1000)
    result = analysis.centrality(_net(), _kind(), orgs[0] if orgs else None, top)
    return _maybe_csv(result, result)


@blueprint.get("/compare")
def compare():
    orgs = params.organisations(core(), request.args.getlist("org"), at_least=2)
    result = analysis.compare(_net(), orgs)
    return _maybe_csv(result, exports.compare_rows(result))


@blueprint.get("/export")
def export():
    kinds = [lookup.relation_kind(kind, _kinds()) for kind in request.args.getlist("kind")] or None
    orgs = _orgs()
    fmt = params.single("format", default="graphml")
    if fmt == "graphml":
        return Response(exports.view_graphml(_net(), kinds, orgs), content_type="application/graphml+xml; charset=utf-8",
                        headers={"Content-Disposition": "attachment; filename=styrgraf.graphml"})
    if fmt != "csv":
        raise BadRequest(f"parameter 'format' must be graphml or csv, not {fmt[:40]!r}")
    return Response(exports.to_csv(exports.view_edges(_net(), kinds, orgs)), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": "attachment; filename=styrgraf-edges.csv"})
