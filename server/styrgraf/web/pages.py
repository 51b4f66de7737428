"""The explorer's pages (HTML): home, organisation graphs, resources and documents,
validation and comparison. Every page's data comes from ``explorer``/``analysis``."""
from __future__ import annotations

from urllib.parse import quote

import pyoxigraph as ox
from flask import Blueprint, Response, abort, jsonify, render_template, request, send_file, url_for

from styrgraf import analysis, explorer, resources, validation
from styrgraf.store import loading
from styrgraf.analysis import network
from styrgraf.store.loading import display_path
from styrgraf.vocab import ID_BASE, SG
from styrgraf.web import core, status
from styrgraf.web.errors import ApiError
from styrgraf.web.i18n import current_language, texts

blueprint = Blueprint("pages", __name__)
SG_NS = str(SG)
RDF_MEDIA = {"text/turtle": ox.RdfFormat.TURTLE, "application/ld+json": ox.RdfFormat.JSON_LD,
             "application/n-triples": ox.RdfFormat.N_TRIPLES, "application/rdf+xml": ox.RdfFormat.RDF_XML}
FORMAT_PARAM = {"ttl": "text/turtle", "turtle": "text/turtle", "jsonld": "application/ld+json",
                "nt": "application/n-triples", "rdf": "application/rdf+xml"}


def page_url(iri: str) -> str:
    """Where the explorer shows a resource."""
    if iri.startswith(ID_BASE):
        return "/id/" + iri[len(ID_BASE):]
    if iri.startswith(SG_NS):
        return "/def/" + iri[len(SG_NS):]
    return "/resource?iri=" + quote(iri, safe="")


def evidence_url(evidence: dict) -> str:
    return page_url(evidence["document"]) + "#" + explorer.anchor_id(evidence["assertion"])


@blueprint.app_context_processor
def _globals():
    return {"t": texts(), "lang": current_language(), "page_url": page_url, "evidence_url": evidence_url,
            "anchor_id": explorer.anchor_id}


@blueprint.after_app_request
def _remember_language(response):
    if request.args.get("lang") in ("sv", "en"):
        response.set_cookie("lang", request.args["lang"], samesite="Lax")
    return response


def organisations() -> list[dict]:
    """The organisations with their counts, queried once per store (it is read-only)."""
    store = core().store
    if "organisations" not in store.cache:
        store.cache["organisations"] = explorer.organisations(store)
    return [dict(o) for o in store.cache["organisations"]]


def _net() -> network.Network:
    return network.network(core().store)


@blueprint.get("/")
def home():
    """The organisations, their documents, counts and validation status."""
    store = core().store
    orgs = organisations()
    result = status.report(store, wait=2.0)  # a small graph is ready by now; a nation may not be
    counts = result.by_organisation({p.stem: display_path(p) for p in store.data_files}) if result else {}
    for org in orgs:
        org["validation"] = counts.get(org["key"]) if result else None
    return render_template("home.html", organisations=orgs, endpoint=url_for("sparql.endpoint", _external=True))


def _known_orgs(keys: list[str]) -> list[str]:
    known = set(_net().organisations())
    for key in keys:
        if key not in known:
            raise ApiError(404, f"no organisation {key!r}; known: {', '.join(sorted(known))}")
    return keys


@blueprint.get("/org/<key>")
def organisation(key: str):
    """One organisation's graph."""
    return graph_page([key])


@blueprint.get("/graph")
def graph():
    """Several organisations side by side: /graph?org=kommun-a&org=blekinge."""
    keys = request.args.getlist("org")
    if not keys:
        raise ApiError(400, "choose at least one organisation: /graph?org=kungsor")
    return graph_page(keys)


def graph_page(keys: list[str]):
    _known_orgs(keys)
    names = {o["key"]: o["label"] for o in organisations()}
    return render_template("graph.html", keys=keys, names=names,
                           data_url=url_for("pages.graph_data", org=keys, lang=current_language()))


@blueprint.get("/api/graph")
def graph_data():
    """Cytoscape elements for ?org=… (JSON)."""
    keys = _known_orgs(request.args.getlist("org"))
    return jsonify(explorer.elements(_net(), keys, current_language()))


@blueprint.get("/id/<path:rest>")
def data_resource(rest: str):
    return resource_page(ID_BASE + rest)


@blueprint.get("/def/<name>")
def vocabulary_resource(name: str):
    return resource_page(SG_NS + name)


@blueprint.get("/resource")
def any_resource():
    iri = request.args.get("iri", "")
    if not iri:
        raise ApiError(400, "give the IRI: /resource?iri=…")
    return resource_page(iri)


def resource_page(iri: str):
    """A resource as HTML, or as RDF when the client asks for it (content negotiation)."""
    store = core().store
    wanted = FORMAT_PARAM.get(request.args.get("format", ""))
    if wanted is None:
        best = request.accept_mimetypes.best_match(["text/html", *RDF_MEDIA])
        wanted = best if best in RDF_MEDIA else None
    description = explorer.describe(store, _net(), iri, current_language())
    if description is None:
        raise ApiError(404, f"the graph knows nothing about <{iri}>")
    if wanted:
        body = ox.serialize(explorer.resource_triples(store, iri), format=RDF_MEDIA[wanted]) or b""
        return Response(body, content_type=f"{wanted}; charset=utf-8", headers={"Vary": "Accept"})
    document = explorer.document(store, iri) if description["is_document"] else None
    response = Response(render_template("resource.html", r=description, document=document))
    response.headers["Vary"] = "Accept"
    return response


@blueprint.get("/validation")
def validation_page():
    """The SHACL report grouped by severity and shape (waits until it is computed)."""
    try:
        result = status.report(core().store)
    except loading.DataError as error:
        raise ApiError(503, f"the source files cannot be validated: {error}") from None
    groups: dict = {}
    for finding in result.findings:
        groups.setdefault(finding.severity, {}).setdefault(finding.shape, []).append(finding)
    return render_template("validation.html", report=result, groups=groups, severities=validation.SEVERITIES)


@blueprint.get("/compare")
def compare_page():
    """Organisations side by side, mapped by class (director's areas and relations)."""
    keys = request.args.getlist("org") or ["kommun-a", "kommun-b", "blekinge"]
    keys = [k for k in keys if k in _net().organisations()] if not request.args.getlist("org") else _known_orgs(keys)
    if len(keys) < 2:
        raise ApiError(400, "compare needs two or more organisations: /compare?org=kommun-a&org=blekinge")
    result = analysis.compare(_net(), keys)
    names = {o["key"]: o["label"] for o in organisations()}
    return render_template("compare.html", result=result, keys=keys, names=names,
                           area_labels={a: explorer.label_of(core().store, "https://w3id.org/styrgraf/def/area#" + a,
                                                             current_language()) for a in
                                        [r["area"] for r in result["director_areas"]]})

