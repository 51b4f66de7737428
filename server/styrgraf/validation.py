"""Validation: the SHACL shapes, run by pyshacl, over the curated files.

One report comes out, whatever the shapes check (structure, law, the documents' own
rules, verbatim quotes): each finding names its severity, shape, focus node, the
file that defines the focus node, and the message in Swedish and English.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pyshacl
import rdflib
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.plugins.sparql import prepareQuery

from . import loading, resources
from .namespaces import SG

SEVERITIES = ("Violation", "Warning", "Info")
DEFAULT_OLD_AFTER = "P10Y"


@dataclass
class Finding:
    """One SHACL result, made readable."""

    severity: str
    shape: str
    shape_label: dict[str, str]
    focus: str
    focus_label: str
    file: str | None
    message: dict[str, str]
    value: str | None = None
    path: str | None = None

    def text(self, lang: str = "sv") -> str:
        return self.message.get(lang) or self.message.get("en") or next(iter(self.message.values()), "")

    def as_dict(self) -> dict:
        return {
            "severity": self.severity, "shape": self.shape, "shape_label": self.shape_label,
            "focus": self.focus, "focus_label": self.focus_label, "file": self.file,
            "message": self.message, "value": self.value, "path": self.path,
        }


@dataclass
class Report:
    """The outcome of one validation run."""

    as_of: dt.date
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def conforms(self) -> bool:
        return self.count("Violation") == 0

    def by_organisation(self, files_by_key: dict[str, str]) -> dict[str, dict[str, int]]:
        """Counts per severity for each organisation key (the curated file's stem)."""
        counts = {key: {s: 0 for s in SEVERITIES} for key in files_by_key}
        for f in self.findings:
            for key, path in files_by_key.items():
                if f.file == path:
                    counts[key][f.severity] += 1
        return counts


class _PreparedQueryGraph(rdflib.Graph):
    """An rdflib graph that parses each distinct SPARQL text once.

    pyshacl runs a SPARQL constraint once per focus node with the same text and a
    different ``$this`` binding; parsing dominated validation time (over 80 %)."""

    _prepared: dict = {}

    def query(self, query_object, *args, **kwargs):
        if isinstance(query_object, str):
            prepared = self._prepared.get(query_object)
            if prepared is None:
                prepared = self._prepared[query_object] = prepareQuery(query_object)
            query_object = prepared
        return super().query(query_object, *args, **kwargs)


def _graph_from(path: Path) -> rdflib.Graph:
    return loading.to_rdflib(loading.parse_turtle(path))


def validate_files(files: list[loading.CuratedFile], as_of: dt.date | None = None,
                   old_after: str = DEFAULT_OLD_AFTER) -> Report:
    """Validate curated files together with the ontology, against the shapes.

    Args:
        files: parsed curated files (``loading.read_files``).
        as_of: the day to judge validity and review dates by (default: today).
        old_after: how old (xsd:duration) an undated, unreviewed document may be.

    Raises:
        loading.DataError: the ontology or shapes cannot be read.
    """
    as_of = as_of or dt.date.today()
    data = _PreparedQueryGraph()
    for curated in files:
        loading.to_rdflib(curated.triples, data)
        loading.to_rdflib(loading.text_triples(curated), data)
    run = rdflib.BNode("validation-run")
    data.add((run, RDF.type, SG.ValidationRun))
    data.add((run, SG.asOf, rdflib.Literal(as_of.isoformat(), datatype=XSD.date)))
    data.add((run, SG.oldAfter, rdflib.Literal(old_after, datatype=XSD.duration)))

    # The vocabulary goes into the data graph itself: class membership (sh:class,
    # sh:targetClass) follows rdfs:subClassOf there, and the shapes ask about it.
    vocabulary = _graph_from(resources.ontology_file())
    data += vocabulary
    shapes = _graph_from(resources.shapes_file())
    _conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", inplace=True,
        advanced=True, allow_warnings=True, allow_infos=True,
    )
    defined_in = _defining_files(files)
    defined_in.update({s: loading.display_path(resources.ontology_file()) for s in vocabulary.subjects(RDF.type, None)
                       if isinstance(s, rdflib.URIRef)})
    labels = _Labels(data)
    report = Report(as_of=as_of, files=[loading.display_path(f.path) for f in files])
    report.findings = sorted(
        (_finding(results, shapes, node, defined_in, labels) for node in results.subjects(RDF.type, SH.ValidationResult)),
        key=lambda f: (SEVERITIES.index(f.severity), f.shape, f.file or "", f.focus, f.value or ""),
    )
    return report


def validate_paths(paths: Iterable[Path | str] | None = None, as_of: dt.date | None = None,
                   old_after: str = DEFAULT_OLD_AFTER) -> Report:
    """Read and validate Turtle files or folders (default: the shipped data/)."""
    return validate_files(loading.read_files(paths), as_of=as_of, old_after=old_after)


def _defining_files(files: list[loading.CuratedFile]) -> dict[str, str]:
    defined: dict[str, str] = {}
    type_iri = str(RDF.type)
    for curated in files:
        for t in curated.triples:
            if t.predicate.value == type_iri and hasattr(t.subject, "value"):
                defined.setdefault(t.subject.value, loading.display_path(curated.path))
    return defined


class _Labels:
    """Labels of nodes, for readable reports."""

    def __init__(self, graph: rdflib.Graph):
        self.graph = graph

    def __call__(self, node) -> str:
        best = None
        for label in self.graph.objects(node, RDFS.label):
            if getattr(label, "language", None) == "sv":
                return str(label)
            best = best or str(label)
        return best or str(node)


def _finding(results: rdflib.Graph, shapes: rdflib.Graph, node, defined_in, labels) -> Finding:
    severity = str(results.value(node, SH.resultSeverity)).rsplit("#", 1)[-1]
    source_shape = results.value(node, SH.sourceShape)
    shape = _owning_shape(shapes, source_shape)
    focus = results.value(node, SH.focusNode)
    templates = list(shapes.objects(results.value(node, SH.sourceConstraint), SH.message))
    templates += list(shapes.objects(source_shape, SH.message))
    messages = {}
    for message in results.objects(node, SH.resultMessage):
        lang = getattr(message, "language", None) or _language_of(str(message), templates)
        messages[lang] = str(message)
    value = results.value(node, SH.value)
    path = results.value(node, SH.resultPath)
    return Finding(
        severity=severity,
        shape=str(shape),
        shape_label={l.language or "en": str(l) for l in shapes.objects(shape, RDFS.label)},
        focus=str(focus),
        focus_label=labels(focus),
        file=defined_in.get(str(focus)),
        message=messages,
        value=str(value) if value is not None else None,
        path=str(path) if isinstance(path, rdflib.URIRef) else None,
    )


def _language_of(message: str, templates) -> str:
    """pyshacl drops the language tag when it fills in a SPARQL constraint's message;
    recover it by matching the filled-in text against the shape's tagged templates."""
    for template in templates:
        pattern = re.sub(r"\\\{\\[?$]\w+\\\}", ".*?", re.escape(str(template)))
        if getattr(template, "language", None) and re.fullmatch(pattern, message, re.S):
            return template.language
    return "en"


def _owning_shape(shapes: rdflib.Graph, shape):
    """Property shapes are blank nodes; report the named node shape that holds them."""
    if isinstance(shape, rdflib.URIRef):
        return shape
    parent = shapes.value(None, SH.property, shape)
    return parent if parent is not None else shape


def shape_catalogue() -> list[dict]:
    """Every named shape with its labels and severity, for docs and the UI."""
    shapes = _graph_from(resources.shapes_file())
    catalogue = []
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        if not isinstance(shape, rdflib.URIRef):
            continue
        severity = shapes.value(shape, SH.severity) or SH.Violation
        catalogue.append({
            "shape": str(shape),
            "label": {l.language: str(l) for l in shapes.objects(shape, RDFS.label)},
            "severity": str(severity).rsplit("#", 1)[-1],
        })
    return catalogue
