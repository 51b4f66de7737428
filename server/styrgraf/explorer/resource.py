"""A resource page's data: labels, classes, plain properties, instances of a class,
and the evidenced relations in both directions with their quotes. Every query takes
the resource as a bound term (``?iri``), never as text."""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from styrgraf.analysis.network import Network, local, org_key
from styrgraf.explorer.assertions import shown
from styrgraf.vocab import ID_BASE, SG

SG_NS = str(SG)
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
MAX_LISTED = 500  # properties or instances shown on one page

_LABEL = "<{rdfs}label>|<http://www.w3.org/2004/02/skos/core#prefLabel>".format(rdfs=RDFS)
KNOWN = "ASK { { ?iri ?p ?o } UNION { ?s ?p ?iri } }"
LABELS = f"SELECT ?l WHERE {{ ?iri {_LABEL} ?l }}"
CLASSES = f"""SELECT ?c (SAMPLE(?cl) AS ?label) (SAMPLE(?any) AS ?other) WHERE {{ ?iri a ?c .
    OPTIONAL {{ ?c <{RDFS}label> ?cl FILTER (LANG(?cl) = ?lang) }} OPTIONAL {{ ?c <{RDFS}label> ?any }} }}
    GROUP BY ?c ORDER BY ?c"""
# A value's label in the page's language, else in Swedish: two OPTIONALs and COALESCE, not
# one of either language and SAMPLE, which gave whichever the store had first.
PROPERTIES = f"""SELECT ?p ?o (SAMPLE(?pl) AS ?plabel) (SAMPLE(COALESCE(?ol, ?olsv)) AS ?olabel)
    WHERE {{ ?iri ?p ?o .
    FILTER (?p NOT IN (<{RDFS}label>, <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>, <{SG_NS}text>))
    FILTER NOT EXISTS {{ ?p a <{SG_NS}EvidencedProperty> }}
    OPTIONAL {{ ?p <{RDFS}label> ?pl FILTER (LANG(?pl) = ?lang) }}
    OPTIONAL {{ ?o <{RDFS}label> ?ol FILTER (LANG(?ol) = ?lang) }}
    OPTIONAL {{ ?o <{RDFS}label> ?olsv FILTER (LANG(?olsv) = "sv") }} }}
    GROUP BY ?p ?o ORDER BY ?p ?o LIMIT {MAX_LISTED}"""
# Instances with their labels (one row per label in the page's language or Swedish).
# Counted first: none, no query; up to SORTED_UP_TO, the first MAX_LISTED by IRI; more
# (sg:Assertion at national scale: 100,000), MAX_LISTED in the store's order, since
# sorting them all takes a second. (A LIMIT inside a subquery cannot see ?iri: bound
# variables do not reach into a subquery, which then listed every typed resource.)
SORTED_UP_TO = 5000
_INSTANCE_ROWS = f"""SELECT ?x ?l WHERE {{ ?x a ?iri
    OPTIONAL {{ ?x <{RDFS}label> ?l FILTER (LANG(?l) = ?lang || LANG(?l) = "sv") }} }}"""
INSTANCES = _INSTANCE_ROWS + f" ORDER BY ?x LIMIT {MAX_LISTED * 2}"
SOME_INSTANCES = _INSTANCE_ROWS + f" LIMIT {MAX_LISTED * 2}"
INSTANCE_COUNT = "SELECT (COUNT(?x) AS ?n) WHERE { ?x a ?iri }"
CLASS_COUNTS = "SELECT ?c (COUNT(?x) AS ?n) WHERE { ?x a ?c FILTER isIRI(?c) } GROUP BY ?c"
RELATION_LABELS = f"""SELECT ?p ?l WHERE {{ ?p a <{SG_NS}EvidencedProperty> ; <{RDFS}label> ?l
    FILTER (LANG(?l) = ?lang) }}"""
HAS_TEXT = f"ASK {{ ?iri <{SG_NS}text> ?t }}"
TRIPLES = f"""CONSTRUCT {{ ?iri ?p ?o . ?s ?q ?iri . ?a ?ap ?ao }} WHERE {{
    {{ ?iri ?p ?o FILTER (?p != <{SG_NS}text>) }} UNION {{ ?s ?q ?iri }}
    UNION {{ ?a a <{SG_NS}Assertion> . {{ ?a <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?iri }}
             UNION {{ ?a <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?iri }} ?a ?ap ?ao }} }}"""


@dataclass
class Relation:
    kind: str
    kind_label: str
    other: str
    other_label: str
    evidence: list[dict]


def _value(row: dict, name: str) -> str | None:
    term = row.get(name)
    return term.value if term is not None else None


def class_counts(select) -> dict[str, int]:
    """The number of instances of every class, from one aggregate query (kept by the
    page per store, so that counting a class of 100,000 is not done per request)."""
    return {row["c"].value: int(row["n"].value) for row in select(CLASS_COUNTS).rows}


def describe(select, net: Network, iri: ox.NamedNode, lang: str = "sv", counts: dict[str, int] | None = None) -> dict | None:
    """Everything a resource page shows; None when the graph does not know the IRI.

    Args:
        select: runs a query with bound terms and returns a ``results.Outcome``
            (``Styrgraf.select``: the guarded executor).
        counts: ``class_counts`` when the caller keeps them (else counted here).
    """
    bound = {"iri": iri, "lang": ox.Literal(lang)}
    if not select(KNOWN, bound).boolean:
        return None
    labels: dict[str, str] = {}
    for row in select(LABELS, bound).rows:
        labels.setdefault(row["l"].language or "", row["l"].value)
    classes = [{"iri": r["c"].value, "label": _value(r, "label") or _value(r, "other") or local(r["c"].value)}
               for r in select(CLASSES, bound).rows]
    properties = _ordered([_property(row) for row in select(PROPERTIES, bound).rows if row["p"].value != HIDDEN])
    count = counts.get(iri.value, 0) if counts is not None else int(select(INSTANCE_COUNT, bound).rows[0]["n"].value)
    instances = _instances(select, bound, lang, count) if count else []
    kind_labels = {local(r["p"].value): r["l"].value for r in select(RELATION_LABELS, bound).rows}
    name = iri.value
    return {"iri": name, "labels": labels,
            "label": labels.get(lang) or labels.get("sv") or next(iter(labels.values()), None)
            or _statement(properties) or local(name),
            "classes": classes, "properties": properties, "instances": instances, "instance_count": count,
            "outgoing": _relations(net, name, kind_labels, lang, outgoing=True),
            "incoming": _relations(net, name, kind_labels, lang, outgoing=False),
            "org": org_key(name) if name.startswith(ID_BASE) else None,
            "is_document": select(HAS_TEXT, bound).boolean}


RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
STATEMENT = (RDF_NS + "subject", RDF_NS + "predicate", RDF_NS + "object")
# The source's (or the curator's) Swedish words, untagged in the data: marked as Swedish on the page
SOURCE_WORDS = {SG_NS + p for p in ("quote", "condition", "scope", "qualifier", "alternative", "decisionReference")}
HIDDEN = SG_NS + "sourceFile"  # a stored text's file name: the document page shows the text itself


def _ordered(properties: list[dict]) -> list[dict]:
    """An assertion's subject, relation and object first, in the order a sentence says them."""
    first = [p for name in STATEMENT for p in properties if p["property"] == name]
    return first + [p for p in properties if p["property"] not in STATEMENT]


def _statement(properties: list[dict]) -> str | None:
    """An assertion's title: "subject — relation → object" by their labels."""
    parts = {p["property"]: p["value_label"] for p in properties if p["property"] in STATEMENT}
    if len(parts) < 3:
        return None
    return f"{parts[STATEMENT[0]]} — {parts[STATEMENT[1]]} → {parts[STATEMENT[2]]}"


def _instances(select, bound: dict, lang: str, count: int) -> list[dict]:
    """Up to MAX_LISTED instances of the class ``bound["iri"]``, each with its label in
    the page's language (else Swedish, else its local name), sorted by label."""
    rows = select(INSTANCES if count <= SORTED_UP_TO else SOME_INSTANCES, bound).rows
    labels: dict[str, str | None] = {}
    for row in rows:
        iri, label = row["x"].value, row.get("l")
        if iri not in labels and len(labels) >= MAX_LISTED:
            break
        if label is not None and (labels.get(iri) is None or label.language == lang):
            labels[iri] = label.value
        else:
            labels.setdefault(iri, None)
    return sorted(({"iri": iri, "label": label or local(iri)} for iri, label in labels.items()),
                  key=lambda i: (i["label"].casefold(), i["iri"]))


def _property(row: dict) -> dict:
    value = row["o"]
    is_iri = isinstance(value, ox.NamedNode)
    return {"property": row["p"].value, "property_label": _value(row, "plabel") or local(row["p"].value),
            "value": value.value, "is_iri": is_iri,
            "lang": getattr(value, "language", None) or ("sv" if row["p"].value in SOURCE_WORDS else None),
            "value_label": (_value(row, "olabel") or value.value) if is_iri else value.value}


def _relations(net: Network, iri: str, kind_labels: dict[str, str], lang: str,
               outgoing: bool) -> dict[str, list[Relation]]:
    """The evidenced relations from (or to) the node, grouped by kind, sorted by name."""
    found: dict[str, list[Relation]] = {}
    if iri in net.graph:
        edges = net.graph.out_edges(iri, keys=True, data=True) if outgoing else net.graph.in_edges(iri, keys=True, data=True)
        for source, target, key, data in edges:
            other = target if outgoing else source
            found.setdefault(key, []).append(Relation(key, kind_labels.get(key, key), other, net.label(other),
                                                      [shown(e, lang) for e in data["evidence"]]))
    return {k: sorted(v, key=lambda r: r.other_label) for k, v in sorted(found.items())}


def resource_triples(select, iri: ox.NamedNode) -> list:
    """The triples about a resource (both directions) and the assertions that cite it."""
    return select(TRIPLES, {"iri": iri}).triples
