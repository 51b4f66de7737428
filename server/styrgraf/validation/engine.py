"""Validation: the SHACL shapes of ``ontology/shapes.ttl`` over the curated files.

Two engines, one report. The core constraints (cardinality, class, datatype, language)
run in pyshacl per organisation. The SHACL-SPARQL constraints run in Oxigraph, each as
one query over all the focus nodes at once (``$this`` left free and matched against the
shape's targets) instead of pyshacl's one query per focus node, which is what makes a
national graph checkable. Shapes marked ``sgs:scope sgs:Global`` (cycles, relations
across organisations) run once over every organisation's structural relations; the
others run per organisation, in parallel over the cores. Each finding names severity,
shape, focus node, the file that defines it, and the message in Swedish and English.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

import pyoxigraph as ox
import pyshacl
import rdflib
from rdflib.namespace import RDF, RDFS, SH

from styrgraf.store import loading
from styrgraf import resources
from styrgraf.vocab import SG, SGS

SEVERITIES = ("Violation", "Warning", "Info")
DEFAULT_OLD_AFTER = "P10Y"
XSD = "http://www.w3.org/2001/XMLSchema#"
# What the global shapes look at: organisation membership and the structural relations.
GLOBAL_PREDICATES = {str(SG.inOrganisation), str(SG.reportsTo), str(SG.managerOf), str(SG.delegatesTo)}


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
        return asdict(self)


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
        keys = {path: key for key, path in files_by_key.items()}
        counts = {key: {s: 0 for s in SEVERITIES} for key in files_by_key}
        for f in self.findings:
            if f.file in keys:
                counts[keys[f.file]][f.severity] += 1
        return counts


# --- The compiled shapes ------------------------------------------------------------------------

@dataclass
class SparqlCheck:
    """One SHACL-SPARQL constraint, ready to run over a whole store."""

    shape: str
    severity: str
    query: str
    targets: list[str]  # SELECT queries that return ?this
    messages: list[tuple[str, str]]  # (language, template)


@dataclass
class Checks:
    core: rdflib.Graph  # shapes without SPARQL constraints, without global shapes
    local: list[SparqlCheck]
    global_: list[SparqlCheck]
    labels: dict[str, dict[str, str]]  # shape -> language -> label
    vocabulary: list[ox.Triple]


def _graph_from(path: Path) -> rdflib.Graph:
    return loading.to_rdflib(loading.parse_turtle(path))


@lru_cache(maxsize=1)
def checks() -> Checks:
    """Compile ``shapes.ttl`` once per process."""
    shapes = _graph_from(resources.shapes_file())
    prefixes = "".join(f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
                       for d in shapes.objects(None, SH.declare))
    local, global_ = [], []
    labels = {}
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)):
        if not isinstance(shape, rdflib.URIRef):
            continue
        labels[str(shape)] = {l.language or "en": str(l) for l in shapes.objects(shape, RDFS.label)}
        severity = str(shapes.value(shape, SH.severity) or SH.Violation).rsplit("#", 1)[-1]
        targets = [f"SELECT DISTINCT ?this WHERE {{ ?this a/rdfs:subClassOf* <{c}> }}" for c in shapes.objects(shape, SH.targetClass)]
        targets += [f"SELECT DISTINCT ?this WHERE {{ ?this <{p}> ?o }}" for p in shapes.objects(shape, SH.targetSubjectsOf)]
        targets += [prefixes + str(shapes.value(t, SH.select)) for t in shapes.objects(shape, SH.target)]
        scope = shapes.value(shape, SGS.scope)
        for constraint in list(shapes.objects(shape, SH.sparql)):
            query = prefixes + str(shapes.value(constraint, SH.select)).replace("$this", "?this")
            messages = [(m.language or "en", str(m)) for m in shapes.objects(constraint, SH.message)]
            check = SparqlCheck(str(shape), severity, query, targets, messages)
            (global_ if scope == SGS.Global else local).append(check)
            shapes.remove((shape, SH.sparql, constraint))
        if scope == SGS.Global:  # its core constraints (none today) would run per organisation
            shapes.remove((shape, RDF.type, SH.NodeShape))
    return Checks(core=shapes, local=local, global_=global_, labels=labels,
                  vocabulary=loading.read_vocabulary())


# --- Running them -------------------------------------------------------------------------------

def _run_triples(as_of: dt.date, old_after: str) -> list[ox.Triple]:
    run = ox.BlankNode("validationrun")
    return [ox.Triple(run, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(SG.ValidationRun))),
            ox.Triple(run, ox.NamedNode(str(SG.asOf)), ox.Literal(as_of.isoformat(), datatype=ox.NamedNode(XSD + "date"))),
            ox.Triple(run, ox.NamedNode(str(SG.oldAfter)), ox.Literal(old_after, datatype=ox.NamedNode(XSD + "duration")))]


def _fill(template: str, row: dict[str, str]) -> str:
    for name, value in row.items():
        template = template.replace("{?" + name + "}", value).replace("{$" + name + "}", value)
    return template


def run_sparql_checks(store: ox.Store, sparql_checks: list[SparqlCheck]) -> list[dict]:
    """Each check once over the store's union graph; rows whose ?this is a target."""
    raw = []
    target_cache: dict[str, set[str]] = {}
    for check in sparql_checks:
        focus: set[str] = set()
        for target in check.targets:
            if target not in target_cache:
                query = target if "PREFIX rdfs:" in target else "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + target
                target_cache[target] = {r["this"].value for r in store.query(query, use_default_graph_as_union=True)}
            focus |= target_cache[target]
        result = store.query(check.query, use_default_graph_as_union=True)
        names = [v.value for v in result.variables]
        for solution in result:
            this = solution["this"]
            if this is None or this.value not in focus:
                continue
            row = {name: solution[name].value for name in names if solution[name] is not None}
            raw.append({"severity": check.severity, "shape": check.shape, "focus": this.value,
                        "value": row.get("value"), "path": None,
                        "message": {lang: _fill(text, row) for lang, text in check.messages}})
    return raw


def _core_findings(data: rdflib.Graph, core_shapes: rdflib.Graph) -> list[dict]:
    _conforms, results, _text = pyshacl.validate(data, shacl_graph=core_shapes, inference="none", inplace=True,
                                                 advanced=True, allow_warnings=True, allow_infos=True)
    raw = []
    for node in results.subjects(RDF.type, SH.ValidationResult):
        source = results.value(node, SH.sourceShape)
        shape = source if isinstance(source, rdflib.URIRef) else core_shapes.value(None, SH.property, source)
        value, path = results.value(node, SH.value), results.value(node, SH.resultPath)
        constraint_messages = list(core_shapes.objects(source, SH.message))
        raw.append({"severity": str(results.value(node, SH.resultSeverity)).rsplit("#", 1)[-1],
                    "shape": str(shape), "focus": str(results.value(node, SH.focusNode)),
                    "value": str(value) if value is not None else None,
                    "path": str(path) if isinstance(path, rdflib.URIRef) else None,
                    "message": {m.language or "en": str(m) for m in constraint_messages}
                    or {"en": str(results.value(node, SH.resultMessage))}})
    return raw


def _index(curated: loading.CuratedFile) -> dict[str, list[str]]:
    """For each node the file defines: [the file as shown to people, its label]."""
    shown = loading.display_path(curated.path)
    index: dict[str, list[str]] = {}
    for t in curated.triples:
        if not isinstance(t.subject, ox.NamedNode):
            continue
        if t.predicate.value == str(RDF.type):
            index.setdefault(t.subject.value, [shown, t.subject.value])
        elif t.predicate.value == str(RDFS.label) and (t.object.language == "sv" or t.subject.value not in index):
            index.setdefault(t.subject.value, [shown, t.subject.value])[1] = t.object.value
    return index


def _annotate(raw: list[dict], index: dict[str, list[str]]) -> list[dict]:
    vocabulary = _vocabulary_index()
    for r in raw:
        file, label = index.get(r["focus"]) or vocabulary.get(r["focus"]) or [None, r["focus"]]
        r.setdefault("file", file)
        r.setdefault("focus_label", label)
    return raw


@lru_cache(maxsize=1)
def _vocabulary_index() -> dict[str, list[str]]:
    shown = loading.display_path(resources.ontology_file())
    return {t.subject.value: [shown, t.subject.value] for t in checks().vocabulary
            if t.predicate.value == str(RDF.type) and isinstance(t.subject, ox.NamedNode)}


def validate_organisation(curated: loading.CuratedFile, as_of: dt.date, old_after: str = DEFAULT_OLD_AFTER) -> list[dict]:
    """The per-organisation shapes (core and SPARQL) over one curated file: raw findings,
    each annotated with the file and label of its focus node."""
    compiled = checks()
    triples = list(curated.triples) + list(loading.text_triples(curated)) + _run_triples(as_of, old_after)
    data = loading.to_rdflib(triples)
    data += loading.to_rdflib(compiled.vocabulary)
    raw = _core_findings(data, compiled.core)
    store = ox.Store()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples + compiled.vocabulary)
    raw += run_sparql_checks(store, compiled.local)
    return _annotate(raw, _index(curated))


def global_facts(curated: loading.CuratedFile) -> list[ox.Triple]:
    """What the global shapes need of one organisation."""
    return [t for t in curated.triples if t.predicate.value in GLOBAL_PREDICATES]


def _global_index(curated: loading.CuratedFile, facts: list[ox.Triple]) -> dict[str, list[str]]:
    """The file and label of each node the global shapes may name."""
    index = _index(curated)
    return {t.subject.value: index[t.subject.value] for t in facts if t.subject.value in index}


def validate_global(facts: Iterable[ox.Triple], index: dict[str, list[str]] | None = None) -> list[dict]:
    """The global shapes, once over every organisation's structural relations."""
    store = ox.Store()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in facts)
    return _annotate(run_sparql_checks(store, checks().global_), index or {})


def _validate_curated(curated: loading.CuratedFile, as_of: dt.date, old_after: str) -> tuple:
    facts = global_facts(curated)
    sources = sorted(t.object.value for t in curated.triples if t.predicate == loading.SOURCE_FILE)
    return validate_organisation(curated, as_of, old_after), facts, _global_index(curated, facts), sources


def _validate_path(path: str, as_of: dt.date, old_after: str) -> tuple:
    """In a worker: parse one file and validate it (a DataError reaches the caller)."""
    return (path, *_validate_curated(loading.read_file(Path(path)), as_of, old_after))


def _validate(todo: list, cached: dict[str, tuple], shown: list[str], as_of: dt.date,
              old_after: str, jobs: int, progress, cache) -> Report:
    """``todo`` holds parsed files, or paths that the workers parse (the caller then
    never holds the whole nation in memory); a DataError in any of them ends the run
    before a report exists."""
    results: dict[str, tuple] = {path: (*hit, None) for path, hit in cached.items()}
    for path in cached:
        if progress:
            progress(path)
    if jobs > 1 and len(todo) > 1:
        # Fresh (spawned) workers: they hold only what they validate, not the caller's memory.
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
            futures = [pool.submit(_validate_path, str(getattr(item, "path", item)), as_of, old_after) for item in todo]
            for future in futures:
                path, *result = future.result()
                results[path] = tuple(result)
                if progress:
                    progress(path)
    else:
        parsed = [item if isinstance(item, loading.CuratedFile) else loading.read_file(Path(item)) for item in todo]
        for curated in parsed:
            results[str(curated.path)] = _validate_curated(curated, as_of, old_after)
            if progress:
                progress(str(curated.path))
    if cache is not None:
        for item in todo:
            path = str(getattr(item, "path", item))
            cache.put(Path(path), results[path][3], as_of, old_after, *results[path][:3])
        cache.save()
    raw = [r for result in results.values() for r in result[0]]
    index = {k: v for result in results.values() for k, v in result[2].items()}
    raw += validate_global((t for result in results.values() for t in result[1]), index)
    return _report(raw, as_of, shown)


def validate_files(files: list[loading.CuratedFile], as_of: dt.date | None = None, old_after: str = DEFAULT_OLD_AFTER,
                   jobs: int = 1, progress: Callable[[str], None] | None = None,
                   cache: "ValidationCache | None" = None) -> Report:
    """Validate curated files (each an organisation) with the ontology against the shapes.

    Args:
        files: parsed curated files (``loading.read_files``).
        as_of: the day to judge validity and review dates by (default: today).
        old_after: how old (xsd:duration, whole years) an undated, unreviewed document may be.
        jobs: processes for the per-organisation shapes (1: in this process).
        progress: called with each file's path when it is done.
        cache: reuse the findings of files whose content has not changed.

    Raises:
        loading.DataError: the ontology or shapes cannot be read.
    """
    as_of = as_of or dt.date.today()
    cached, parsed = {}, []
    for curated in files:
        hit = cache.lookup(curated.path, as_of, old_after) if cache is not None else None
        if hit is None:
            parsed.append(curated)
        else:
            cached[str(curated.path)] = hit
    return _validate(parsed, cached, [loading.display_path(f.path) for f in files], as_of, old_after, jobs,
                     progress, cache)


def validate_paths(paths: Iterable[Path | str] | None = None, as_of: dt.date | None = None,
                   old_after: str = DEFAULT_OLD_AFTER, jobs: int = 1, progress=None, cache=None) -> Report:
    """Read and validate Turtle files or folders (default: the shipped data/). With a
    cache, files whose content has not changed are not even parsed.

    Raises:
        loading.DataError: a file cannot be read (nothing is validated then).
    """
    as_of = as_of or dt.date.today()
    found = loading.find_turtle_files(paths or [resources.data_dir()])
    cached, misses = {}, []
    for path in found:
        hit = cache.lookup(path, as_of, old_after) if cache is not None else None
        if hit is None:
            misses.append(path)
        else:
            cached[str(path)] = hit
    return _validate(misses, cached, [loading.display_path(p) for p in found], as_of, old_after, jobs, progress, cache)


def _report(raw: list[dict], as_of: dt.date, shown: list[str]) -> Report:
    compiled = checks()
    unique = {}
    for r in raw:
        key = (r["severity"], r["shape"], r["focus"], r.get("value"), r.get("path"), tuple(sorted(r["message"].items())))
        unique.setdefault(key, r)
    findings = [Finding(severity=r["severity"], shape=r["shape"], shape_label=compiled.labels.get(r["shape"], {}),
                        focus=r["focus"], focus_label=r.get("focus_label") or r["focus"], file=r.get("file"),
                        message=r["message"], value=r.get("value"), path=r.get("path")) for r in unique.values()]
    findings.sort(key=lambda f: (SEVERITIES.index(f.severity), f.shape, f.file or "", f.focus, f.value or ""))
    return Report(as_of=as_of, findings=findings, files=shown)


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def shape_catalogue() -> list[dict]:
    """Every named shape with its labels, severity and scope, for docs and the UI."""
    shapes = _graph_from(resources.shapes_file())
    catalogue = []
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        if not isinstance(shape, rdflib.URIRef):
            continue
        catalogue.append({
            "shape": str(shape),
            "label": {l.language: str(l) for l in shapes.objects(shape, RDFS.label)},
            "severity": str(shapes.value(shape, SH.severity) or SH.Violation).rsplit("#", 1)[-1],
            "scope": "global" if shapes.value(shape, SGS.scope) == SGS.Global else "organisation",
        })
    return catalogue

