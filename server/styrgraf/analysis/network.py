"""The governance graph as networkx graphs: one conversion per loaded store, cached.

Nodes are actors and responsibilities (IRIs) with their label, class and organisation;
edges are the evidenced relations, keyed by relation name (``reportsTo``, …), each
carrying its assertions (quote, document, scope, condition).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable

import networkx as nx

from styrgraf.analysis.evidence import Evidence, EvidenceIndex, no_collection, ordered
from styrgraf.links import local
from styrgraf.vocab import ID_BASE, SG
from styrgraf.store import GraphStore

SG_NS = str(SG)

# The stated relations; their assertions (``analysis.evidence``) are read apart, on first
# use, and joined on (subject, predicate, object): two flat queries cost a third of one
# with the assertions in an OPTIONAL, and give the same rows (``tests/test_core_network_build``).
EDGES = f"""
PREFIX sg: <{SG_NS}>
SELECT ?s ?p ?o WHERE {{ ?p a sg:EvidencedProperty . ?s ?p ?o }}"""

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
  OPTIONAL {{ ?rule sg:quote ?quote }} OPTIONAL {{ ?rule prov:wasDerivedFrom ?doc }}
}}"""  # two OPTIONALs, each a lookup: one OPTIONAL of two patterns scans every quote in Oxigraph


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
    evidence: EvidenceIndex | None = None  # what the edges' evidence is read from (on first use)

    def is_a(self, node: str, cls: str) -> bool:
        """True when the node's class is ``cls`` (a local name like ``Manager``) or below it."""
        node_class = self.graph.nodes[node].get("cls") if node in self.graph else None
        return node_class is not None and cls in self.superclasses.get(node_class, {node_class})

    def label(self, node: str) -> str:
        return self.graph.nodes[node].get("label") or local(node) if node in self.graph else local(node)

    @cached_property
    def _members(self) -> dict[str, list[str]]:
        """Each organisation's nodes in graph order (built once: a view of one
        organisation then costs what the organisation holds, not the nation)."""
        members: dict[str, list[str]] = {}
        for node, org in self.graph.nodes(data="org"):
            members.setdefault(org, []).append(node)
        return members

    @cached_property
    def _position(self) -> dict[str, int]:
        return {node: index for index, node in enumerate(self.graph)}

    def members(self, orgs: Iterable[str] | None = None) -> list[str]:
        """The nodes of these organisations (all nodes for None), in graph order."""
        if orgs is None:
            return list(self.graph)
        chosen = set(orgs)
        if len(chosen) == 1:
            return list(self._members.get(next(iter(chosen)), ()))
        position = self._position
        return sorted((n for org in chosen for n in self._members.get(org, ())), key=position.__getitem__)

    def view(self, kinds: Iterable[str] | None = None, orgs: Iterable[str] | None = None) -> nx.MultiDiGraph:
        """A subgraph with only these relation kinds and organisations (keys like ``kungsor``)."""
        return self._subgraph(nx.MultiDiGraph(), kinds, orgs)

    def simple(self, kinds: Iterable[str], orgs: Iterable[str] | None = None) -> nx.DiGraph:
        """A plain DiGraph of the given kinds (parallel edges merged, the later one's
        attributes winning): ``nx.DiGraph(self.view(kinds, orgs))``, built in one pass
        instead of through the MultiDiGraph view (half the time of a cycle check)."""
        return self._subgraph(nx.DiGraph(), kinds, orgs)

    def _subgraph(self, sub, kinds, orgs):
        """``sub`` filled with the nodes of ``orgs`` (all for None) and the edges of
        ``kinds`` (all for None) between them: keyed in a multigraph, merged in a plain one."""
        kinds = set(kinds) if kinds else None
        nodes = self.members(set(orgs) if orgs else None)
        sub.add_nodes_from((n, self.graph.nodes[n]) for n in nodes)
        keep = set(nodes)
        # The nation: one pass over the edges (views per node cost three times more)
        edges = self.graph.edges(keys=True, data=True) if not orgs else \
            ((u, v, key, data) for u in nodes for v, by_key in self.graph.succ[u].items() if v in keep
             for key, data in by_key.items())
        keyed = sub.is_multigraph()
        for u, v, key, data in edges:
            if u in keep and v in keep and (kinds is None or key in kinds):
                if keyed:
                    sub.add_edge(u, v, key=key, **data)
                else:
                    sub.add_edge(u, v, **data)
        return sub

    def organisations(self) -> list[str]:
        """The keys of the organisations that have nodes, sorted."""
        return sorted(org for org in self._members if org)

    @cached_property
    def kinds(self) -> list[str]:
        """The relation kinds that occur (``reportsTo``, …), sorted."""
        return sorted({key for _, _, key in self.graph.edges(keys=True)})


def _node_attributes(store: GraphStore) -> dict[str, dict]:
    """Each actor and responsibility with its class, organisation, labels and areas; a
    node met again in a later row takes that row's class and organisation and keeps the
    labels it has when the row has none."""
    nodes: dict[str, dict] = {}
    classes: dict[str, tuple[str, str]] = {}  # class IRI -> (local name, kind)
    orgs: dict[str, str] = {}
    for x, cls, org, label, label_en, area in ordered(store.query(NODES), ("x", "cls", "org", "label", "labelEn", "area")):
        node, cls, org = x.value, cls.value, org.value
        if cls not in classes:
            classes[cls] = (local(cls), "responsibility" if "Responsibility" in cls or "ReservedMatter" in cls else "actor")
        cls_name, kind = classes[cls]
        key = orgs.get(org) or orgs.setdefault(org, org_key(org))
        attrs = nodes.get(node)
        if attrs is None:
            attrs = nodes[node] = {"cls": cls_name, "org": key, "label": label.value if label else local(node),
                                   "label_en": label_en.value if label_en else None, "kind": kind}
        else:
            attrs.update(cls=cls_name, org=key, kind=kind)
            if label:
                attrs["label"] = label.value
            if label_en:
                attrs["label_en"] = label_en.value
        if area:
            areas = attrs.setdefault("areas", [])
            if local(area.value) not in areas:
                areas.append(local(area.value))
    return nodes


def _edges(store: GraphStore, index: EvidenceIndex) -> dict[tuple[str, str, str], Evidence]:
    """Each stated relation (subject, object, relation name) with its assertions, read
    from ``index`` when first asked for."""
    names: dict[str, str] = {}
    stated: dict[tuple[str, str, str], list[tuple[str, str, str]]] = {}
    for s, p, o in ordered(store.query(EDGES), ("s", "p", "o")):
        s, p, o = s.value, p.value, o.value
        key = (s, o, names.get(p) or names.setdefault(p, local(p)))
        found = stated.get(key)
        if found is None:
            stated[key] = [(s, p, o)]
        else:  # two predicates with one local name (sg:memberOf, org:memberOf) are one edge
            found.append((s, p, o))
    return {key: Evidence(index, tuple(statements)) for key, statements in stated.items()}


def build(store: GraphStore) -> Network:
    """Convert the store's relations to networkx (uncached: ``Styrgraf.network`` keeps it).

    Flat queries whose rows are read by position, joined in dicts, then one insert per
    node and edge; each edge's evidence is read from the store when first asked for
    (``analysis.evidence``) (``tests/test_core_network_build.py`` checks it against the former
    row-by-row build, node for node and evidence for evidence)."""
    index = EvidenceIndex(store)
    with no_collection():
        graph = nx.MultiDiGraph()
        graph.add_nodes_from(_node_attributes(store).items())
        add_edge = graph.add_edge  # one call per edge: add_edges_from builds a view per edge
        for (u, v, key), evidence in _edges(store, index).items():
            add_edge(u, v, key, evidence=evidence)
    hierarchy = nx.DiGraph((local(r["c"].value), local(r["super"].value)) for r in store.query(SUBCLASSES))
    superclasses = {c: {c} | nx.descendants(hierarchy, c) for c in hierarchy}
    rules: dict[str, ChannelRule] = {}
    for row in store.query(RULES):
        cited = row["quote"] is not None and row["doc"] is not None  # a quote counts with its document
        rule = rules.setdefault(row["rule"].value, ChannelRule(
            iri=row["rule"].value, org=org_key(row["org"].value), from_classes=set(), to_classes=set(),
            via=row["via"].value, quote=row["quote"].value if cited else None,
            document=row["doc"].value if cited else None))
        rule.from_classes.add(local(row["from"].value))
        rule.to_classes.add(local(row["to"].value))
    return Network(graph=graph, superclasses=superclasses, rules=list(rules.values()), evidence=index)
