"""Which curated files are validated together.

The shapes are meant for the whole graph, as pyshacl would see it. Validating each
organisation's file on its own gives the same findings only when no other file speaks
of its nodes. So the files are grouped into *units*: two files belong to one unit when
one of them uses an IRI in a namespace the other describes (has subjects in), directly
or through other files. A unit is validated as one graph; in a national graph where
every organisation keeps to its own nodes, every unit is one file and they run in
parallel. Joining more files than needed is always correct, only slower, so namespaces
(an IRI up to its last ``/`` or ``#``) are used rather than single nodes: the link
information of a file stays small enough to keep in the ``--changed`` cache.

What this does not cover: two files joined only through IRIs that no file describes
(the vocabulary, the law) or through equal literals. No shape in ``ontology/shapes.ttl``
joins organisations that way; the differential tests check it against pyshacl.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from styrgraf.store import loading


@dataclass
class FileFacts:
    """What grouping and the cache need to know of one file, without parsing it again."""

    path: str
    describes: list[str] = field(default_factory=list)  # namespaces of its IRI subjects
    mentions: list[str] = field(default_factory=list)  # namespaces of every IRI it uses
    sources: list[str] = field(default_factory=list)  # the source texts it cites

    def as_dict(self) -> dict:
        return {"describes": self.describes, "mentions": self.mentions, "sources": self.sources}

    @classmethod
    def from_dict(cls, path: str, data: dict) -> "FileFacts":
        return cls(path, list(data["describes"]), list(data["mentions"]), list(data["sources"]))


def namespace(iri: str) -> str:
    """The IRI up to and including its last ``/`` or ``#``."""
    return iri[:max(iri.rfind("/"), iri.rfind("#")) + 1]


def facts_of(curated: loading.CuratedFile) -> FileFacts:
    """The namespaces a parsed file describes and uses, and the sources it cites."""
    subjects, used = set(), set()
    for t in curated.triples:
        if isinstance(t.subject, ox.NamedNode):
            subjects.add(t.subject.value)
        used.add(t.predicate.value)
        if isinstance(t.object, ox.NamedNode):
            used.add(t.object.value)
    describes = {namespace(iri) for iri in subjects}
    mentions = describes | {namespace(iri) for iri in used}
    if Path(curated.path).parent.name == "registry":
        # Reference data (the registry of organisations, styrgraf/registry.py): every
        # organisation's own file states its node again, so the registry joins no unit
        # and a nation's files stay units of their own.
        describes, mentions = set(), set()
    sources = sorted(t.object.value for t in curated.triples if t.predicate == loading.SOURCE_FILE)
    return FileFacts(str(curated.path), sorted(describes), sorted(mentions), sources)


def group(files: list[FileFacts], target_nodes: set[str] = frozenset()) -> tuple[list[list[str]], int]:
    """Files into units, in the order of the files; and which unit validates the
    ``sh:targetNode`` nodes (the one whose files use their namespaces, else the first).

    Args:
        files: the facts of every file to validate.
        target_nodes: the IRIs the shapes name with ``sh:targetNode``.
    """
    parent = list(range(len(files)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[root(i)] = root(j)

    describers: dict[str, list[int]] = {}
    for i, facts in enumerate(files):
        for ns in facts.describes:
            describers.setdefault(ns, []).append(i)
    targets = {namespace(node) for node in target_nodes}
    holders = []
    for i, facts in enumerate(files):
        for ns in facts.mentions:
            for j in describers.get(ns, ()):
                join(i, j)
        if targets & set(facts.mentions):
            holders.append(i)
    for i in holders[1:]:
        join(i, holders[0])
    units: dict[int, list[str]] = {}
    for i, facts in enumerate(files):
        units.setdefault(root(i), []).append(facts.path)
    ordered = list(units.values())
    home = next((n for n, unit in enumerate(ordered) if holders and files[holders[0]].path in unit), 0)
    return ordered, home
