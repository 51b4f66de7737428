"""The organisations for the home page and the pickers: names and counts from a few
aggregate queries over the whole graph (fast at national scale), computed once per
store by the core."""
from __future__ import annotations

from styrgraf.analysis.network import local, org_key
from styrgraf.explorer import listing
from styrgraf.vocab import SG

SG_NS = str(SG)
_PREFIXES = f"""PREFIX sg: <{SG_NS}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>"""
NAMES = _PREFIXES + """
SELECT ?org ?kind (COALESCE(SAMPLE(?prefSv), SAMPLE(?sv)) AS ?label) (COALESCE(SAMPLE(?prefEn), SAMPLE(?en)) AS ?labelEn)
       (SAMPLE(?c) AS ?code) WHERE {
  VALUES ?kind { sg:Municipality sg:Region } ?org a ?kind .
  OPTIONAL { ?org rdfs:label ?sv FILTER (LANG(?sv) = "sv") }
  OPTIONAL { ?org rdfs:label ?en FILTER (LANG(?en) = "en") }
  OPTIONAL { ?org skos:prefLabel ?prefSv FILTER (LANG(?prefSv) = "sv") }
  OPTIONAL { ?org skos:prefLabel ?prefEn FILTER (LANG(?prefEn) = "en") }
  OPTIONAL { ?org sg:municipalityCode ?c }
} GROUP BY ?org ?kind"""
MEMBERS = _PREFIXES + """
SELECT ?org ?top (COUNT(DISTINCT ?x) AS ?n) WHERE {
  VALUES ?top { sg:Organ sg:Post }
  ?cls rdfs:subClassOf* ?top . ?x a ?cls ; sg:inOrganisation ?org .
} GROUP BY ?org ?top"""
ASSERTIONS = _PREFIXES + """
SELECT ?org (COUNT(?a) AS ?n) WHERE { ?doc sg:inOrganisation ?org . ?a prov:wasDerivedFrom ?doc ; a sg:Assertion }
GROUP BY ?org"""
DOCUMENTS = _PREFIXES + """
SELECT ?org ?doc (SAMPLE(?t) AS ?title) (SAMPLE(?en) AS ?titleEn) WHERE {
  ?doc a sg:GoverningDocument ; sg:inOrganisation ?org ; dcterms:title ?t
  OPTIONAL { ?doc rdfs:label|dcterms:title ?en FILTER (LANG(?en) = "en") } }
GROUP BY ?org ?doc"""


def county_of(code: str | None) -> str | None:
    """The county (län) code of an SCB code: a region's two digits, or a municipality's
    first two of four; None when the data gives no such code, or one that names no
    county (a typo in curated data is listed under "county unknown", not a county of its own)."""
    if code and code.isdigit() and len(code) in (2, 4) and code[:2] in listing.COUNTIES:
        return code[:2]
    return None


def organisations(select) -> list[dict]:
    """Each organisation (municipality or region) with its documents, its county (from
    ``sg:municipalityCode``) and the counts of its organs, posts and assertions, sorted
    by Swedish name.

    Args:
        select: runs a fixed query and returns a ``results.Outcome``.
    """
    by_iri: dict[str, dict] = {}
    for row in select(NAMES).rows:
        iri = row["org"].value
        code = row["code"].value if "code" in row else None
        by_iri[iri] = {"iri": iri, "key": org_key(iri), "kind": local(row["kind"].value),
                       "label": row["label"].value if "label" in row else local(iri),
                       "label_en": row["labelEn"].value if "labelEn" in row else None,
                       "code": code, "county": county_of(code),
                       "organs": 0, "posts": 0, "assertions": 0, "documents": []}
    for row in select(MEMBERS).rows:
        if row["org"].value in by_iri:
            by_iri[row["org"].value]["organs" if row["top"].value.endswith("Organ") else "posts"] = int(row["n"].value)
    for row in select(ASSERTIONS).rows:
        if row["org"].value in by_iri:
            by_iri[row["org"].value]["assertions"] = int(row["n"].value)
    for row in select(DOCUMENTS).rows:
        if row["org"].value in by_iri:
            by_iri[row["org"].value]["documents"].append({"iri": row["doc"].value, "title": row["title"].value,
                                                          "title_en": row["titleEn"].value if "titleEn" in row else None})
    for org in by_iri.values():
        org["documents"].sort(key=lambda d: d["title"])
    return sorted(by_iri.values(), key=lambda o: (o["label"].casefold(), o["iri"]))
