"""The explorer's pages (HTML)."""
from __future__ import annotations

from flask import Blueprint, render_template, url_for

from . import core

blueprint = Blueprint("pages", __name__)

ORGS = """
PREFIX sg: <https://w3id.org/styrgraf/def#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?org ?label ?doc ?title
       (COUNT(DISTINCT ?actor) AS ?actors) WHERE {
  ?org a ?cls . VALUES ?cls { sg:Municipality sg:Region }
  ?org rdfs:label ?label . FILTER (LANG(?label) = "sv")
  OPTIONAL { ?doc a sg:GoverningDocument ; sg:inOrganisation ?org ; dcterms:title ?title }
  OPTIONAL { ?actor sg:inOrganisation ?org }
} GROUP BY ?org ?label ?doc ?title ORDER BY ?label
"""


@blueprint.get("/")
def home():
    """The organisations and their documents, with links to the endpoint and queries."""
    rows = [{k: v.value for k, v in s.items()} for s in core().store.query(ORGS)]
    return render_template("home.html", organisations=rows, queries=core().queries.values(),
                           endpoint=url_for("sparql.endpoint", _external=True))
