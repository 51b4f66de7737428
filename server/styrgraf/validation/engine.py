"""The engine: the compiled shapes over one unit of curated files, in one Oxigraph store.

A unit is a set of files validated together (one organisation's file, or files that
speak of each other's nodes: see ``units``). Its store holds the files' triples, the
documents' source texts (``sg:text``), the vocabulary and the ``sg:ValidationRun`` that
carries ``--as-of``. Each shape's targets are evaluated once, by an update that writes
its focus nodes into a named graph of that store (the data is in the default graph, so
no check sees it); each check then runs as one query that begins by binding ``?this``
to them from that graph, which is SHACL's pre-binding done for every focus node at once
instead of pyshacl's one query per focus node. No node is ever written into a query
text, so a blank node is a focus node and a value like any other.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Iterable

import pyoxigraph as ox

from styrgraf import resources
from styrgraf.store import loading
from styrgraf.validation import lines
from styrgraf.validation.findings import Finding
from styrgraf.validation.shapes import Check, Shape, Shapes, installed

DEFAULT_OLD_AFTER = "P10Y"
SG = "https://w3id.org/styrgraf/def#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
VALIDATION_RUN = SG + "ValidationRun"
FOCUS = "urn:styrgraf:validation:focus"  # the named graph (and predicate) of each shape's focus nodes


class StoredValidationRun(loading.DataError):
    """The data holds its own sg:ValidationRun, which would override ``--as-of``."""


def run_triples(as_of: dt.date, old_after: str) -> list[ox.Triple]:
    """The ``sg:ValidationRun`` that the date-dependent shapes read: as of, old after."""
    run = ox.BlankNode("validationrun")
    return [ox.Triple(run, ox.NamedNode(RDF_TYPE), ox.NamedNode(VALIDATION_RUN)),
            ox.Triple(run, ox.NamedNode(SG + "asOf"), ox.Literal(as_of.isoformat(), datatype=ox.NamedNode(XSD + "date"))),
            ox.Triple(run, ox.NamedNode(SG + "oldAfter"), ox.Literal(old_after, datatype=ox.NamedNode(XSD + "duration")))]


def refuse_stored_run(curated: loading.CuratedFile) -> None:
    """Raise StoredValidationRun if a curated file holds a ``sg:ValidationRun``."""
    for t in curated.triples:
        if t.predicate.value == RDF_TYPE and t.object.value == VALIDATION_RUN:
            raise StoredValidationRun(curated.path, f"{t.subject} is an sg:ValidationRun; validation adds its own, "
                                      "as of --as-of, so the data may not hold one (remove it)")


@lru_cache(maxsize=1)
def vocabulary() -> tuple[ox.Triple, ...]:
    """The ontology's triples, read once per process."""
    return tuple(loading.read_vocabulary())


@lru_cache(maxsize=1)
def _vocabulary_index() -> dict[str, tuple[str, str]]:
    shown = loading.display_path(resources.ontology_file())
    return {t.subject.value: (shown, t.subject.value) for t in vocabulary()
            if t.predicate.value == RDF_TYPE and isinstance(t.subject, ox.NamedNode)}


def node_index(files: Iterable[loading.CuratedFile]) -> dict[str, tuple[str, str]]:
    """For each node a file types: (the file as shown to people, its label, Swedish
    first; a blank node's label is its type, ``[] a sg:Assertion``)."""
    index: dict[str, tuple[str, str]] = {}
    labels: dict[str, str] = {}
    for curated in files:
        shown = loading.display_path(curated.path)
        for t in curated.triples:
            if t.predicate.value == RDF_TYPE:
                index.setdefault(term_text(t.subject), (shown, t.subject.value))
                if isinstance(t.subject, ox.BlankNode):
                    labels.setdefault(str(t.subject), "[] a " + t.object.value.replace(SG, "sg:"))
            elif t.predicate.value == RDFS_LABEL and isinstance(t.subject, ox.NamedNode) \
                    and (t.object.language == "sv" or t.subject.value not in labels):
                labels[t.subject.value] = t.object.value
    return {node: (shown, labels.get(node, node)) for node, (shown, _label) in index.items()}


def term_text(term: ox.Term) -> str:
    """A term as findings name it: an IRI or a literal's value, a blank node as ``_:id``."""
    return str(term) if isinstance(term, ox.BlankNode) else term.value


def unit_store(files: list[loading.CuratedFile], as_of: dt.date, old_after: str) -> ox.Store:
    """An in-memory store of the unit's files, their texts, the vocabulary and the run."""
    store = ox.Store()
    graph = ox.DefaultGraph()
    triples = [t for f in files for t in f.triples]
    triples += [t for f in files for t in loading.text_triples(f)]
    triples += run_triples(as_of, old_after)
    store.bulk_extend([ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples] + vocabulary_quads())
    return store


@lru_cache(maxsize=1)
def vocabulary_quads() -> list[ox.Quad]:
    return [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in vocabulary()]


def collect_focus(store: ox.Store, shape: Shape, with_nodes: bool) -> str | None:
    """Write the shape's focus nodes into the focus graph of ``store`` (by one update,
    so blank nodes stay themselves); the pattern that binds ``?this`` to them, or None
    when the shape has none. Each check then reads an index instead of evaluating the
    targets again."""
    shape_node, graph = ox.NamedNode(shape.iri), ox.NamedNode(FOCUS)
    store.update(f"{shape.prologue}INSERT {{ GRAPH <{FOCUS}> {{ <{shape.iri}> <{FOCUS}> ?this }} }} "
                 f"WHERE {{ {shape.focus_pattern(with_nodes)} }}")
    if next(iter(store.quads_for_pattern(shape_node, graph, None, graph)), None) is None:
        return None
    return f"GRAPH <{FOCUS}> {{ <{shape.iri}> <{FOCUS}> ?this }}"


def _fill(template: str, row: dict[str, str]) -> str:
    for name, value in row.items():
        template = template.replace("{?" + name + "}", value).replace("{$" + name + "}", value)
    return template


def _results(store, query: str) -> Iterable[dict[str, ox.Term]]:
    solutions = store.query(query)
    names = [v.value for v in solutions.variables]
    for solution in solutions:
        yield {name: solution[name] for name in names if solution[name] is not None}


def run_check(store: ox.Store, shape: Shape, check: Check, focus: str, index) -> list[Finding]:
    """The findings of one check for the shape's focus nodes, which ``focus`` (a group
    pattern: ``collect_focus``'s, or ``Shape.focus_pattern``) binds to ``?this``."""
    findings = []
    for row in _results(store, shape.prologue + check.query.replace("{values}", focus, 1)):
        this = row.get("this")
        if this is None:
            continue
        value = row.get("value", this if check.value_is_focus else None)
        path = row.get("path")
        texts = {name: term_text(term) for name, term in row.items()}
        focus = term_text(this)
        file, label = index.get(focus) or _vocabulary_index().get(focus) or (None, focus)
        findings.append(Finding(
            severity=check.severity, shape=check.shape, shape_label=shape.label, focus=focus,
            focus_label=label, file=file, message={lang: _fill(text, texts) for lang, text in check.messages},
            value=term_text(value) if value is not None else None,
            path=path.value if path is not None else check.path))
    return findings


def validate_unit(files: list[loading.CuratedFile], as_of: dt.date, old_after: str = DEFAULT_OLD_AFTER,
                  with_target_nodes: bool = True, shapes: Shapes | None = None) -> list[Finding]:
    """Every shape over one unit of files.

    Args:
        files: the unit's parsed files (validated together, as one graph).
        as_of: the day to judge validity and review dates by.
        old_after: how old (xsd:duration, whole years) an undated, unreviewed document may be.
        with_target_nodes: whether this unit validates the shapes' sh:targetNode nodes.
        shapes: compiled shapes (default: the installed shapes file).

    Raises:
        StoredValidationRun: a file holds its own sg:ValidationRun.
    """
    for curated in files:
        refuse_stored_run(curated)
    shapes = shapes or installed()
    store = unit_store(files, as_of, old_after)
    index = node_index(files)
    return lines.with_lines(run_shapes(store, shapes, with_target_nodes, index), files)


def run_shapes(store: ox.Store, shapes: Shapes, with_target_nodes: bool, index) -> list[Finding]:
    """Every check of every shape that has focus nodes in ``store`` (a store of this
    process: its focus graph is written)."""
    findings = []
    for shape in shapes.shapes:
        focus = collect_focus(store, shape, with_target_nodes)
        if focus is not None:
            for check in shape.checks:
                findings += run_check(store, shape, check, focus, index)
    return findings
