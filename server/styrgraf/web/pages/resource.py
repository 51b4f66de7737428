"""``/id/…``, ``/def/…``, ``/resource?iri=…``: a resource as HTML, or as RDF when asked."""
from __future__ import annotations

import pyoxigraph as ox
from flask import Response, render_template, request

from styrgraf import explorer
from styrgraf.explorer import resource as resource_data
from styrgraf.errors import NotAcceptable, NotFound
from styrgraf.sparql import results
from styrgraf.vocab import ID_BASE, SG
from styrgraf.web import core, params
from styrgraf.web.i18n import current_language
from styrgraf.web.pages import blueprint, cache

RDF_MEDIA = {"text/turtle": ox.RdfFormat.TURTLE, "application/ld+json": ox.RdfFormat.JSON_LD,
             "application/n-triples": ox.RdfFormat.N_TRIPLES, "application/rdf+xml": ox.RdfFormat.RDF_XML}
_FORMAT_NAME = {f.media_type: f.name for f in results.FORMATS.values()}
FORMAT_PARAM = {"ttl": "text/turtle", "turtle": "text/turtle", "jsonld": "application/ld+json",
                "nt": "application/n-triples", "ntriples": "application/n-triples", "rdf": "application/rdf+xml",
                "xml": "application/rdf+xml", "rdfxml": "application/rdf+xml", "html": None}


@blueprint.get("/id/<path:rest>")
def data_resource(rest: str):
    return resource_page(ID_BASE + rest, "path")


@blueprint.get("/def/<path:name>")
def vocabulary_resource(name: str):
    return resource_page(str(SG) + name, "path")


@blueprint.get("/resource")
def any_resource():
    return resource_page(params.single("iri", required=True), "iri")


def _wanted() -> str | None:
    """The RDF media type asked for by ?format= or Accept; None for HTML."""
    fmt = params.single("format")
    if fmt is not None:
        if fmt not in FORMAT_PARAM:
            raise NotAcceptable(f"parameter 'format' must be one of {', '.join(FORMAT_PARAM)}, not {fmt[:40]!r}",
                                sv=f"parametern 'format' måste vara en av {', '.join(FORMAT_PARAM)}, inte {fmt[:40]!r}")
        return FORMAT_PARAM[fmt]
    best = request.accept_mimetypes.best_match(["text/html", *RDF_MEDIA])
    return best if best in RDF_MEDIA else None


def resource_page(text: str, name: str):
    """Parse the IRI first (malformed → 400), then ask the graph (unknown → 404)."""
    iri = params.iri(text, name)
    wanted = _wanted()
    served = core()
    counts = cache.remembered((served,), ("class counts",), lambda: resource_data.class_counts(served.select))
    description = explorer.describe(served.select, served.network(), iri, current_language(), counts)
    if description is None:
        raise NotFound(f"the graph knows nothing about <{iri.value}>",
                       sv=f"grafen vet ingenting om <{iri.value}>")
    if wanted:
        triples = explorer.resource_triples(served.select, iri)
        # through the results registry: RDF/XML refuses characters XML cannot carry (406)
        body = results.serialise(results.Outcome(kind="graph", triples=triples), _FORMAT_NAME[wanted])
        return Response(body, content_type=f"{wanted}; charset=utf-8", headers={"Vary": "Accept"})
    document = explorer.document(served.select, iri) if description["is_document"] else None
    response = Response(render_template("resource.html", r=description, document=document))
    response.headers["Vary"] = "Accept"
    return response
