"""Validation of what a store holds, for a store that is not built from files here: an
external SPARQL 1.1 store (Virtuoso, a second styrgraf) loaded by ``styrgraf push``.

The store's styrgraf graphs are read with one SELECT per named graph (the store's own
answer limits apply, and an answer it cut short is refused), into an Oxigraph store in
this process (an ``xsd:duration`` that Virtuoso turned into months written back as
years and months), with the installed vocabulary and the ``sg:ValidationRun`` of
``--as-of`` added; there the same compiled shapes run as for files, the whole graph as one unit.
Reading the graph rather than sending each check to the store keeps the store
read-only (the run is never written to it), gives the same findings whatever SPARQL
dialect the store speaks, and keeps blank nodes whole: within one store their labels
name the same node in every answer.
"""
from __future__ import annotations

import datetime as dt
import logging

import pyoxigraph as ox

from styrgraf.validation import engine
from styrgraf.validation.findings import Report, merged
from styrgraf.validation.shapes import Shapes, installed
from styrgraf.vocab import GRAPH_BASE

log = logging.getLogger(__name__)
XSD_DURATION = "http://www.w3.org/2001/XMLSchema#duration"
GRAPH_TRIPLES = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"


def graph_quads(store) -> list[ox.Quad]:
    """Every triple of the store's styrgraf graphs, each in its named graph.

    Raises:
        StoreError: the store cannot answer, or cut an answer short.
    """
    quads = []
    for name in store.graph_names():
        if not name.startswith(GRAPH_BASE):
            continue
        graph = ox.NamedNode(name)
        rows = store.query(GRAPH_TRIPLES, substitutions={"g": graph})
        quads += [ox.Quad(row["s"], row["p"], _duration(row["o"]), graph) for row in rows]
    return quads


def _duration(term):
    """An ``xsd:duration`` as written in the files: Virtuoso gives back its number of
    months ("12"), which is the same value as the canonical ``P1Y`` (so a file's
    ``P12M`` comes back as ``P1Y``, the one difference from validating the files)."""
    if isinstance(term, ox.Literal) and term.datatype.value == XSD_DURATION and term.value.isdigit():
        years, months = divmod(int(term.value), 12)
        text = "P" + (f"{years}Y" if years else "") + (f"{months}M" if months or not years else "")
        return ox.Literal(text, datatype=term.datatype)
    return term


def validate_store(store, as_of: dt.date | None = None, old_after: str = engine.DEFAULT_OLD_AFTER,
                   shapes: Shapes | None = None) -> Report:
    """Validate what ``store`` holds, as one graph, against the shapes.

    Args:
        store: any ``store.protocol.Store`` (an external store, or Oxigraph here).
        as_of: the day to judge validity and review dates by (default: today).
        old_after: how old (xsd:duration, whole years) an undated, unreviewed document may be.
        shapes: compiled shapes (default: the installed shapes file).

    Raises:
        StoreError: the store cannot answer.
        StoredValidationRun: the store holds an sg:ValidationRun, which would override ``as_of``.
    """
    as_of = as_of or dt.date.today()
    shapes = shapes or installed()
    quads = graph_quads(store)
    log.info("validating %d triples from %s as of %s", len(quads), describe(store), as_of)
    for quad in quads:
        if quad.predicate.value == engine.RDF_TYPE and quad.object.value == engine.VALIDATION_RUN:
            raise engine.StoredValidationRun(describe(store), f"{quad.subject} in {quad.graph_name.value} is an "
                                             "sg:ValidationRun; validation adds its own, as of --as-of, so the "
                                             "store may not hold one")
    local = ox.Store()
    default = ox.DefaultGraph()
    local.bulk_extend([ox.Quad(q.subject, q.predicate, q.object, default) for q in quads]
                      + [ox.Quad(t.subject, t.predicate, t.object, default)
                         for t in engine.run_triples(as_of, old_after)] + engine.vocabulary_quads())
    index = _index(quads)
    findings = engine.run_shapes(local, shapes, True, index)
    return merged(findings, as_of, [describe(store)])


def _index(quads: list[ox.Quad]) -> dict[str, tuple[None, str]]:
    """Each typed node's label (Swedish first; a blank node's type): no file to name."""
    labels: dict[str, str] = {}
    for q in quads:
        if q.predicate.value == engine.RDF_TYPE and isinstance(q.subject, ox.BlankNode):
            labels.setdefault(str(q.subject), "[] a " + q.object.value.replace(engine.SG, "sg:"))
        elif q.predicate.value == engine.RDFS_LABEL and isinstance(q.subject, ox.NamedNode) \
                and (q.object.language == "sv" or q.subject.value not in labels):
            labels[q.subject.value] = q.object.value
    return {node: (None, label) for node, label in labels.items()}


def describe(store) -> str:
    """The store in a few words (its own description where it has one)."""
    description = getattr(store, "description", None)
    return description() if callable(description) else "the store"
