"""The IRIs styrgraf is built on (DESIGN.md, "Identifiers")."""
from rdflib import Namespace

SG = Namespace("https://w3id.org/styrgraf/def#")
AREA = Namespace("https://w3id.org/styrgraf/def/area#")
SGS = Namespace("https://w3id.org/styrgraf/shapes#")
ID_BASE = "https://w3id.org/styrgraf/id/"
GRAPH_BASE = "https://w3id.org/styrgraf/graph/"
VOCABULARY_GRAPH = GRAPH_BASE + "vocabulary"
PROV = Namespace("http://www.w3.org/ns/prov#")
ORG = Namespace("http://www.w3.org/ns/org#")
KL = Namespace("http://rinfo.lagrummet.se/publ/sfs/2017:725#")

PREFIXES = {
    "sg": str(SG),
    "area": str(AREA),
    "org": str(ORG),
    "prov": str(PROV),
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "kl": str(KL),
}


def organisation_graph(key: str) -> str:
    """The named graph of one organisation's curated file (``data/{key}.ttl``)."""
    return f"{GRAPH_BASE}{key}"

