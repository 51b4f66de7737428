"""``/registry``: Sweden's municipalities and regions with their codes and coverage;
``/registry/<code>``: one organisation's page (its official identity, its documents, or
how to add the first); ``/api/coverage``: the home page's coverage as JSON."""
from __future__ import annotations

from flask import jsonify, redirect, render_template, url_for

from styrgraf import registry as official
from styrgraf.errors import BadRequest, NotFound
from styrgraf.lookup import did_you_mean, suggest
from styrgraf.web import core
from styrgraf.web.pages import blueprint

SKOS = "http://www.w3.org/2004/02/skos/core#"
DETAILS = f"""PREFIX sg: <https://w3id.org/styrgraf/def#> PREFIX skos: <{SKOS}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?p ?v WHERE {{
  {{ ?org ?p ?v VALUES ?p {{ skos:altLabel skos:exactMatch sg:nameUnknown dcterms:source }} }}
  UNION {{ ?org sg:county ?county . ?county rdfs:label ?v BIND (sg:county AS ?p) }}
  UNION {{ ?org dcterms:source ?set . ?set dcterms:valid ?v BIND (dcterms:valid AS ?p) }}
}}"""


@blueprint.app_context_processor
def _synthetic():
    """How many served documents are synthetic: base.html says so on every page."""
    try:
        return {"synthetic_documents": core().coverage()["synthetic"]}
    except Exception:  # noqa: BLE001 - a page that cannot reach its store reports that itself
        return {"synthetic_documents": 0}


def _registered(served) -> list[dict]:
    return sorted((o for o in served.organisations() if o.get("code")), key=lambda o: (len(o["code"]), o["code"]))


@blueprint.get("/registry")
def registry():
    served = core()
    orgs = _registered(served)
    division = next((e for e in _details(served, orgs[0]["iri"]).get("valid", [])), "") if orgs else ""
    return render_template("registry.html", orgs=orgs, division=division, coverage=served.coverage())


@blueprint.get("/registry/<code>")
def registry_organisation(code: str):
    served = core()
    orgs = served.organisations()
    org = next((o for o in orgs if code in (o.get("code"), o["key"])), None)
    if org is None:
        return _elsewhere(served, code, orgs)
    details = _details(served, org["iri"])
    county = next((c for c in served.coverage()["counties"] if c["code"] == org.get("county")), None)
    return render_template("registry_org.html", org=org, details=details, county=county)


def _elsewhere(served, code: str, orgs: list[dict]):
    """A name or a near miss: the registry's resolution, then a redirect, or 404."""
    if len(code) > 100:
        raise BadRequest("an organisation's code or name has at most 100 characters")
    try:
        entry = official.resolve(code)
    except NotFound:
        near = suggest(code, [o["code"] for o in orgs if o.get("code")] + [o["label"] for o in orgs])
        raise NotFound(f"no organisation in the graph has the code or name {code[:80]!r}{did_you_mean(near)}",
                       sv=f"ingen organisation i grafen har koden eller namnet {code[:80]!r}{did_you_mean(near, 'sv')}"
                       ) from None
    if any(o.get("code") == entry.code for o in orgs):
        return redirect(url_for("pages.registry_organisation", code=entry.code))
    raise NotFound(f"{entry.shown()} is in the registry but not in the served graph",
                   sv=f"{entry.shown()} finns i registret men inte i grafen som visas")


def _details(served, iri: str) -> dict[str, list[str]]:
    import pyoxigraph as ox
    found: dict[str, list[str]] = {}
    for row in served.select(DETAILS, {"org": ox.NamedNode(iri)}).rows:
        name = row["p"].value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        value = row["v"]
        if isinstance(value, ox.Literal) and value.language not in (None, "", "sv") and name == "county":
            name = "county_en"
        found.setdefault(name, []).append(value.value)
    return found


@blueprint.get("/api/coverage")
def coverage_json():
    """The home page's coverage by county, as data."""
    return jsonify(core().coverage())
