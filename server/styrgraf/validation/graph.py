"""The shapes file as a graph that remembers which of its triples were read, so that
the compiler can refuse, by name, every SHACL triple it did not understand."""
from __future__ import annotations

import pyoxigraph as ox

RDF_FIRST, RDF_REST, RDF_NIL = (f"http://www.w3.org/1999/02/22-rdf-syntax-ns#{n}" for n in ("first", "rest", "nil"))


class ShapesGraph:
    """The shapes file's triples, with a record of which SHACL triples were understood."""

    def __init__(self, triples: list[ox.Triple]):
        self.triples = triples
        self.out: dict = {}
        self.parents: dict = {}
        for t in triples:
            self.out.setdefault(t.subject, {}).setdefault(t.predicate.value, []).append(t.object)
            self.parents.setdefault(t.object, t.subject)
        self.used: set = set()

    def objects(self, node, predicate: str) -> list:
        self.used.add((node, predicate))
        return self.out.get(node, {}).get(predicate, [])

    def value(self, node, predicate: str):
        found = self.objects(node, predicate)
        return found[0] if found else None

    def items(self, node) -> list:
        """The members of an RDF list."""
        members = []
        while isinstance(node, ox.BlankNode) and node.value != RDF_NIL:
            members.append(self.value(node, RDF_FIRST))
            node = self.value(node, RDF_REST)
        return members

    def ignore(self, node) -> None:
        """Mark a deactivated shape's triples as understood."""
        for predicate, objects in self.out.get(node, {}).items():
            if (node, predicate) not in self.used:
                self.used.add((node, predicate))
                for obj in objects:
                    self.ignore(obj) if isinstance(obj, ox.BlankNode) else None

    def subjects(self, predicate: str, obj=None) -> list:
        return [t.subject for t in self.triples if t.predicate.value == predicate and (obj is None or t.object == obj)]

    def owner(self, node) -> str:
        """The named shape a blank node belongs to, for messages."""
        seen = set()
        while isinstance(node, ox.BlankNode) and node in self.parents and node not in seen:
            seen.add(node)
            node = self.parents[node]
        return node.value if isinstance(node, ox.NamedNode) else "a blank node"
