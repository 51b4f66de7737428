"""The governance graph as networkx graphs: one conversion per loaded store, cached.

Nodes are actors and responsibilities (IRIs) with their label, class and organisation;
edges are the evidenced relations, keyed by relation name (``reportsTo``, …), each
carrying its assertions (quote, document, scope, condition).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

import networkx as nx

from styrgraf.links import local
from styrgraf.vocab import ID_BASE, SG
from styrgraf.store import GraphStore

SG_NS = str(SG)

EDGES = f"""
PREFIX sg: <{SG_NS}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?s ?p ?o ?a ?quote ?doc ?scope ?condition WHERE {{
  ?p a sg:EvidencedProperty . ?s ?p ?o .
  OPTIONAL {{
    ?a rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; sg:quote ?quote ; prov:wasDerivedFrom ?doc .
    OPTIONAL {{ ?a sg:scope ?scope }} OPTIONAL {{ ?a sg:condition ?condition }}
  }}
}}"""

NODES = f"""
PREFIX sg: <{SG_NS}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?x ?cls ?org ?label ?labelEn ?area WHERE {{
  {{ ?x sg:inOrganisation ?org ; a ?cls . FILTER (?cls != sg:GoverningDocument && ?cls != sg:ChannelRule) }}
  UNION {{ ?holder sg:hasResponsibility ?x . ?x a ?cls . ?holder sg:inOrganisation ?org .
           OPTIONAL {{ ?x sg:area ?area }} }}
  OPTIONAL {{ ?x rdfs:label ?label . FILTER (LANG(?label) = "sv") }}
  OPTIONAL {{ ?x rdfs:label ?labelEn . FILTER (LANG(?labelEn) = "en") }}
}}"""

# Direct subclass links only (the closure is taken here): some stores cannot run a
# property path with neither end bound.
SUBCLASSES = f"""
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?c ?super WHERE {{ ?c rdfs:subClassOf ?super . FILTER STRSTARTS(STR(?c), "{SG_NS}") }}"""

RULES = f"""
PREFIX sg: <{SG_NS}>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?rule ?org ?from ?to ?via ?quote ?doc WHERE {{
  ?rule a sg:ChannelRule ; sg:inOrganisation ?org ; sg:fromClass ?from ; sg:toClass ?to ; sg:via ?via .
  OPTIONAL {{ ?rule sg:quote ?quote ; prov:wasDerivedFrom ?doc }}
}}"""


def org_key(iri: str) -> str:
    """``kungsor`` for ``https://w3id.org/styrgraf/id/kungsor/...``."""
    return iri[len(ID_BASE):].split("/", 1)[0] if iri.startswith(ID_BASE) else iri


@dataclass
class ChannelRule:
    iri: str
    org: str
    from_classes: set[str]
    to_classes: set[str]
    via: str
    quote: str | None = None
    document: str | None = None


@dataclass
class Network:
    """All relations of a loaded store as one MultiDiGraph, plus what analyses need."""

    graph: nx.MultiDiGraph
    superclasses: dict[str, set[str]] = field(default_factory=dict)  # class -> itself and its ancestors
    rules: list[ChannelRule] = field(default_factory=list)

    def is_a(self, node: str, cls: str) -> bool:
        """True when the node's class is ``cls`` (a local name like ``Manager``) or below it."""
        node_class = self.graph.nodes[node].get("cls") if node in self.graph else None
        return node_class is not None and cls in self.superclasses.get(node_class, {node_class})

    def label(self, node: str) -> str:
        return self.graph.nodes[node].get("label") or local(node) if node in self.graph else local(node)

    def view(self, kinds: Iterable[str] | None = None, orgs: Iterable[str] | None = None) -> nx.MultiDiGraph:
        """A subgraph with only these relation kinds and organisations (keys like ``kungsor``)."""
        kinds = set(kinds) if kinds else None
        orgs = set(orgs) if orgs else None
        nodes = [n for n, d in self.graph.nodes(data=True) if orgs is None or d.get("org") in orgs]
        sub = nx.MultiDiGraph()
        sub.add_nodes_from((n, self.graph.nodes[n]) for n in nodes)
        keep = set(nodes)
        for u, v, key, data in self.graph.edges(keys=True, data=True):
            if u in keep and v in keep and (kinds is None or key in kinds):
                sub.add_edge(u, v, key=key, **data)
        return sub

    def simple(self, kinds: Iterable[str], orgs: Iterable[str] | None = None) -> nx.DiGraph:
        """A plain DiGraph of the given kinds (parallel edges merged)."""
        return nx.DiGraph(self.view(kinds, orgs))

    def organisations(self) -> list[str]:
        return sorted({d["org"] for _, d in self.graph.nodes(data=True) if d.get("org")})


def build(store: GraphStore) -> Network:
    """Convert the store's relations to networkx (uncached: use ``network``)."""
    graph = nx.MultiDiGraph()
    for row in store.query(NODES):
        node = row["x"].value
        attrs = graph.nodes[node] if node in graph else {}
        attrs.update({
            "cls": local(row["cls"].value),
            "org": org_key(row["org"].value),
            "label": row["label"].value if row["label"] else attrs.get("label", local(node)),
            "label_en": row["labelEn"].value if row["labelEn"] else attrs.get("label_en"),
            "kind": "responsibility" if "Responsibility" in row["cls"].value or "ReservedMatter" in row["cls"].value else "actor",
        })
        if row["area"]:
            attrs.setdefault("areas", [])
            if local(row["area"].value) not in attrs["areas"]:
                attrs["areas"].append(local(row["area"].value))
        graph.add_node(node, **attrs)
    for row in store.query(EDGES):
        u, key, v = row["s"].value, local(row["p"].value), row["o"].value
        if not graph.has_edge(u, v, key):
            graph.add_edge(u, v, key=key, evidence=[])
        if row["a"] is not None:
            graph.edges[u, v, key]["evidence"].append({
                "assertion": row["a"].value, "quote": row["quote"].value, "document": row["doc"].value,
                "scope": row["scope"].value if row["scope"] else None,
                "condition": row["condition"].value if row["condition"] else None,
            })
    hierarchy = nx.DiGraph((local(r["c"].value), local(r["super"].value)) for r in store.query(SUBCLASSES))
    superclasses = {c: {c} | nx.descendants(hierarchy, c) for c in hierarchy}
    rules: dict[str, ChannelRule] = {}
    for row in store.query(RULES):
        rule = rules.setdefault(row["rule"].value, ChannelRule(
            iri=row["rule"].value, org=org_key(row["org"].value), from_classes=set(), to_classes=set(),
            via=row["via"].value, quote=row["quote"].value if row["quote"] else None,
            document=row["doc"].value if row["doc"] else None))
        rule.from_classes.add(local(row["from"].value))
        rule.to_classes.add(local(row["to"].value))
    return Network(graph=graph, superclasses=superclasses, rules=list(rules.values()))

