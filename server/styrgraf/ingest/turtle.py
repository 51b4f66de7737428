"""Turtle in a stable, sorted layout (small git diffs), written atomically."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import rdflib
from rdflib.namespace import RDF

from styrgraf.vocab import ID_BASE, PREFIXES

DRAFT = rdflib.Namespace("https://w3id.org/styrgraf/def/draft#")
# predicates first in this order, then the rest alphabetically
ORDER = [str(RDF.type), "http://www.w3.org/2000/01/rdf-schema#label", str(RDF.subject), str(RDF.predicate),
         str(RDF.object)]


def prefixes_for(org: str) -> dict[str, str]:
    """styrgraf's prefixes plus the organisation's own and the draft vocabulary."""
    prefixes = {"draft": str(DRAFT), **PREFIXES}
    prefixes[org_prefix(org)] = f"{ID_BASE}{org}/"
    return prefixes


def org_prefix(org: str) -> str:
    """A Turtle prefix name for an organisation key ("kommun-a" -> "kommun_a")."""
    name = "".join(ch if ch.isalnum() else "_" for ch in org)
    return name if name[:1].isalpha() else f"o_{name}"


def term_n3(term, prefixes: dict[str, str]) -> str:
    """A term in Turtle, prefixed where a prefix fits and the local name is plain."""
    if isinstance(term, rdflib.URIRef):
        iri = str(term)
        if iri == str(RDF.type):
            return "a"
        for name, namespace in sorted(prefixes.items(), key=lambda kv: -len(kv[1])):
            local = iri[len(namespace):]
            if iri.startswith(namespace) and local and all(ch.isalnum() or ch in "-_" for ch in local) \
                    and local[0].isalnum():
                return f"{name}:{local}"
        return f"<{iri}>"
    return term.n3()


def serialise(graph: rdflib.Graph, prefixes: dict[str, str], header: str = "") -> str:
    """Every subject in IRI order, its predicates in a fixed order, objects sorted."""
    used = {name: ns for name, ns in prefixes.items()
            if any(str(t).startswith(ns) for triple in graph for t in triple if isinstance(t, rdflib.URIRef))}
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    if lines:
        lines.append("")
    lines += [f"@prefix {name}: <{ns}> ." for name, ns in sorted(used.items())]
    for subject in sorted(set(graph.subjects()), key=str):
        predicates = sorted(set(graph.predicates(subject)),
                            key=lambda p: (ORDER.index(str(p)) if str(p) in ORDER else len(ORDER), str(p)))
        parts = []
        for predicate in predicates:
            objects = sorted(graph.objects(subject, predicate), key=lambda o: (type(o).__name__, str(o), o.n3()))
            parts.append(f"    {term_n3(predicate, used)} " + ", ".join(term_n3(o, used) for o in objects))
        lines.append("")
        lines.append(term_n3(subject, used))
        lines.append(" ;\n".join(parts) + " .")
    return "\n".join(lines) + "\n"


def write_atomic(path: Path, text: str) -> None:
    """Write a file so that a reader (or a crash) sees the old or the new file, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
