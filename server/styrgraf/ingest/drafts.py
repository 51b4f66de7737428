"""Drafts and curated files.

``ingest`` writes, under an output folder DIR:

- ``DIR/sources/FILE.txt``: the normalised text, the one every quote is verbatim in;
- ``DIR/drafts/KEY.ttl``: every candidate as a ``draft:Candidate`` with
  ``draft:status "proposed"`` (never an ``sg:Assertion``, never the plain triple), so
  nothing in it counts as curated; the loader never reads ``drafts/``;
- ``DIR/drafts/KEY.json``: the same as plain data, which the curation app reads.

Curation writes ``DIR/KEY.ttl``: the accepted assertions with their plain triples, the
nodes they use and the document, merged into the organisation's existing curated file.
"""
from __future__ import annotations

import json
from pathlib import Path

import rdflib
from rdflib.namespace import RDF, RDFS, XSD

from styrgraf.ingest.model import IngestResult
from styrgraf.ingest.turtle import DRAFT, prefixes_for, serialise, write_atomic
from styrgraf.vocab import SG, vocabulary

PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
DATE_FIELDS = {"issued": DCT.issued, "created": DCT.created, "validFrom": SG.validFrom,
               "validUntil": SG.validUntil, "lastReviewed": SG.lastReviewed}


def draft_data(result: IngestResult) -> dict:
    """The draft as plain data: organisation, document, text, nodes, numbered candidates."""
    data = result.to_json()
    for n, candidate in enumerate(data["candidates"], 1):
        candidate["id"] = f"c{n:03d}"
    nodes = {iri: {"label": n.label, "labelEn": n.label_en, "class": n.cls, "new": n.new}
             for iri, n in sorted(result.nodes.items())}
    return {"org": result.org, "text": result.text, "nodes": nodes, **data}


def render_draft(result: IngestResult, out_dir: Path) -> dict[Path, str]:
    """The files of a draft and their text, each path resolved under ``out_dir``: the
    stored text, the Turtle draft and its JSON twin (nothing is written).

    Raises:
        IngestError: a name would resolve outside ``out_dir``.
    """
    from styrgraf.ingest.limits import under
    data = draft_data(result)
    header = (f"DRAFT made by `styrgraf ingest` from {result.metadata.source_file}: every candidate is proposed,\n"
              f"none is curated. Curate it with `styrgraf curate {out_dir}`.")
    return {under(out_dir, "sources", result.metadata.source_file): result.text,
            under(out_dir, "drafts", f"{result.org}.ttl"): serialise(draft_graph(data), prefixes_for(result.org), header),
            under(out_dir, "drafts", f"{result.org}.json"): json.dumps(data, ensure_ascii=False, indent=1,
                                                                        sort_keys=True) + "\n"}


def write_draft(result: IngestResult, out_dir: Path) -> tuple[Path, Path, Path]:
    """Write the stored text, the Turtle draft and its JSON twin; return their paths."""
    files = render_draft(result, out_dir)  # all made before anything is written
    for path, text in files.items():
        write_atomic(path, text)
    return tuple(files)


def read_draft(path: Path) -> dict:
    """A draft's plain data (``DIR/drafts/KEY.json``)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def document_triples(graph: rdflib.Graph, data: dict, document: dict | None = None) -> rdflib.URIRef:
    """Add the organisation and the document (with its metadata) to a graph."""
    document = document or data["document"]
    org = data["document"]["organisation"]
    org_iri = rdflib.URIRef(org["iri"])
    if (org_iri, RDF.type, None) not in graph:
        graph.add((org_iri, RDF.type, SG.Region if org["kind"] == "region" else SG.Municipality))
        graph.add((org_iri, RDFS.label, rdflib.Literal(org["label"], lang="sv")))
    doc = rdflib.URIRef(data["document"]["iri"])
    graph.add((doc, RDF.type, SG.GoverningDocument))
    title = document.get("title") or data["document"].get("sourceFile")
    graph.add((doc, DCT.title, rdflib.Literal(title, lang="sv")))
    graph.add((doc, RDFS.label, rdflib.Literal(title, lang="sv")))
    graph.add((doc, SG.sourceFile, rdflib.Literal(data["document"]["sourceFile"])))
    graph.add((doc, SG.inOrganisation, org_iri))
    if document.get("documentType") in vocabulary().document_type_names():  # never free text made an IRI
        graph.add((doc, SG.documentType, SG[document["documentType"]]))
    if (document.get("decidedBy") or {}).get("iri"):
        graph.add((doc, SG.decidedBy, rdflib.URIRef(document["decidedBy"]["iri"])))
    for name, predicate in DATE_FIELDS.items():
        if document.get(name):
            graph.add((doc, predicate, rdflib.Literal(document[name], datatype=XSD.date)))
    for name, predicate in (("identifier", DCT.identifier), ("decisionReference", SG.decisionReference)):
        if document.get(name):
            graph.add((doc, predicate, rdflib.Literal(document[name])))
    if document.get("reviewInterval"):
        graph.add((doc, SG.reviewInterval, rdflib.Literal(document["reviewInterval"], datatype=XSD.duration)))
    if document.get("status") == "proposal":
        graph.add((doc, SG.status, rdflib.Literal("förslag", lang="sv")))
    return doc


def node_triples(graph: rdflib.Graph, data: dict, iri: str, node: dict) -> None:
    """Add one node: class, labels, organisation (responsibilities have none)."""
    subject = rdflib.URIRef(iri)
    graph.add((subject, RDF.type, SG[node["class"]]))
    graph.add((subject, RDFS.label, rdflib.Literal(node["label"], lang="sv")))
    if node.get("labelEn"):
        graph.add((subject, RDFS.label, rdflib.Literal(node["labelEn"], lang="en")))
    if node["class"] != "Responsibility":
        graph.add((subject, SG.inOrganisation, rdflib.URIRef(data["document"]["organisation"]["iri"])))


def evidence_triples(graph: rdflib.Graph, subject: rdflib.URIRef, item: dict, doc: rdflib.URIRef) -> None:
    """rdf:subject/predicate/object, the document, the quote and the qualifiers."""
    graph.add((subject, RDF.subject, rdflib.URIRef(item["subject"]["iri"])))
    graph.add((subject, RDF.predicate, SG[item["predicate"]]))
    graph.add((subject, RDF.object, rdflib.URIRef(item["object"]["iri"])))
    graph.add((subject, PROV.wasDerivedFrom, doc))
    graph.add((subject, SG.quote, rdflib.Literal(item["quote"])))
    for key, predicate in (("condition", SG.condition), ("scope", SG.scope)):
        if item.get(key):
            graph.add((subject, predicate, rdflib.Literal(item[key])))
    if item.get("legalBasis"):
        graph.add((subject, SG.legalBasis, rdflib.URIRef(item["legalBasis"])))


def draft_graph(data: dict) -> rdflib.Graph:
    """The draft: document, proposed nodes and candidates, each ``draft:status "proposed"``."""
    graph = rdflib.Graph()
    doc = document_triples(graph, data)
    graph.add((doc, DRAFT.status, rdflib.Literal("proposed")))
    for iri, node in data["nodes"].items():
        if node["new"]:
            node_triples(graph, data, iri, node)
            graph.add((rdflib.URIRef(iri), DRAFT.status, rdflib.Literal("proposed")))
    for item in data["candidates"]:
        subject = rdflib.URIRef(f"{data['document']['iri']}/{item['id']}")
        graph.add((subject, RDF.type, DRAFT.Candidate))
        graph.add((subject, DRAFT.status, rdflib.Literal("proposed")))
        evidence_triples(graph, subject, item, doc)
        graph.add((subject, DRAFT.rule, rdflib.Literal(item["rule"])))
        graph.add((subject, DRAFT.score, rdflib.Literal(item["score"], datatype=XSD.decimal)))
        if item.get("modality"):
            graph.add((subject, DRAFT.modality, rdflib.Literal(item["modality"])))
    return graph
