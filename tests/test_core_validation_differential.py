"""Differential tests: pyshacl, the reference engine, over the whole graph, against
``styrgraf validate``: the same findings (severity, shape, focus node, value) on the
shipped data, on a small synthetic nation with its faults judged years ahead, and on
small files that speak of each other's nodes."""
from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from pathlib import Path

import pytest

from styrgraf import resources, validation
from styrgraf.store import loading
from styrgraf.tools import synth
from styrgraf.validation import engine

SH = "http://www.w3.org/ns/shacl#"


@contextlib.contextmanager
def _parse_once():
    """pyshacl has rdflib parse a SPARQL constraint again for every focus node (70 ms
    each for ours); parsing each text once changes no result and makes the reference
    run many times faster."""
    from rdflib.plugins.sparql import processor
    original = processor.SPARQLProcessor.query
    prepared: dict = {}

    def query(self, text, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803
        if isinstance(text, str):
            key = (text, base, tuple(sorted((initNs or {}).items())))
            if key not in prepared:
                prepared[key] = processor.translateQuery(processor.parseQuery(text), base, initNs)
            text = prepared[key]
        return original(self, text, initBindings, initNs, base, DEBUG)

    processor.SPARQLProcessor.query = query
    try:
        yield
    finally:
        processor.SPARQLProcessor.query = original


def pyshacl_findings(paths, as_of: dt.date) -> set[tuple]:
    """pyshacl over the whole graph: every file, the source texts, the vocabulary and
    the validation run, with the shapes file as it is."""
    import pyshacl
    import rdflib
    files = loading.read_files(paths)
    triples = [t for f in files for t in f.triples + list(loading.text_triples(f))]
    data = loading.to_rdflib(triples + list(engine.vocabulary()) + engine.run_triples(as_of, engine.DEFAULT_OLD_AFTER))
    shapes = loading.to_rdflib(loading.parse_turtle(resources.shapes_file()))
    with _parse_once():
        _conforms, results, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True,
                                                     allow_warnings=True, allow_infos=True)
    found = set()
    sh = rdflib.Namespace(SH)
    for node in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        source = results.value(node, sh.sourceShape)
        shape = source if isinstance(source, rdflib.URIRef) else shapes.value(None, sh.property, source)
        value = results.value(node, sh.value)
        found.add((str(results.value(node, sh.resultSeverity))[len(SH):], str(shape),
                   str(results.value(node, sh.focusNode)), str(value) if value is not None else None))
    return found


def styrgraf_findings(paths, as_of: dt.date, jobs: int = 1) -> set[tuple]:
    report = validation.validate(paths, as_of=as_of, jobs=jobs)
    return {(f.severity, f.shape, f.focus, f.value) for f in report.findings}


def test_shipped_data_gives_the_same_findings(tmp_path):
    as_of = dt.date(2026, 11, 23)
    data = shutil.copytree(resources.data_dir(), tmp_path / "data")  # both engines see the same files
    reference = pyshacl_findings([data], as_of)
    assert styrgraf_findings([data], as_of) == reference
    assert any(severity == "Warning" for severity, *_ in reference)  # the comparison is not of two empty sets


@pytest.fixture(scope="module")
def small_nation(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nation")
    return folder, synth.synthesise(3, folder, seed=11, faults=True)


def test_synthetic_nation_with_faults_years_ahead_gives_the_same_findings(small_nation):
    folder, made = small_nation
    as_of = dt.date(2030, 6, 1)  # documents dated only by dcterms:created are "old" by then
    reference = pyshacl_findings([folder], as_of)
    assert styrgraf_findings([folder], as_of, jobs=2) == reference
    shapes = {shape.rsplit("#", 1)[-1] for _s, shape, _f, _v in reference}
    assert {fault.shape for fault in made.faults} <= shapes
    assert "DocumentCurrent" in shapes


# --- Files that speak of each other's nodes -----------------------------------------------

HEAD = """@prefix sg: <https://w3id.org/styrgraf/def#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix a: <https://w3id.org/styrgraf/id/a/> .
@prefix b: <https://w3id.org/styrgraf/id/b/> .
"""
SOURCE = "Styrelsen utser direktören. Direktören svarar inför styrelsen. Ledamöter och tjänstepersoner samråder."


def organisation(key: str) -> str:
    """An organisation whose board appoints its director and whom the director reports to."""
    k = key
    return f"""
{k}:org a sg:Municipality ; rdfs:label "Kommun {k}"@sv .
{k}:kf a sg:Assembly ; rdfs:label "fullmäktige"@sv ; sg:inOrganisation {k}:org .
{k}:ks a sg:ExecutiveBoard ; rdfs:label "styrelse"@sv ; sg:inOrganisation {k}:org .
{k}:kd a sg:Director ; rdfs:label "direktör"@sv ; sg:inOrganisation {k}:org .
{k}:doc a sg:GoverningDocument ; rdfs:label "Instruktion"@sv ; dcterms:title "Instruktion"@sv ;
    sg:sourceFile "{k}.txt" ; sg:inOrganisation {k}:org ; sg:decidedBy {k}:ks ; dcterms:issued "2024-01-01"^^xsd:date .
{k}:ks sg:appoints {k}:kd . {k}:kd sg:reportsTo {k}:ks .
{evidence(k, f"{k}:ks", "sg:appoints", f"{k}:kd", "Styrelsen utser direktören.", "1")}
{evidence(k, f"{k}:kd", "sg:reportsTo", f"{k}:ks", "Direktören svarar inför styrelsen.", "2")}
"""


def evidence(k: str, subject: str, predicate: str, obj: str, quote: str, name: str) -> str:
    return (f"{k}:e{name} a sg:Assertion ; rdf:subject {subject} ; rdf:predicate {predicate} ; rdf:object {obj} ; "
            f'prov:wasDerivedFrom {k}:doc ; sg:quote "{quote}" .')


CROSS_CASES = {
    # B's board appoints A's director: KL 7:1 says only A's own board may.
    "board-appoints-other-director": ("", "b:ks sg:appoints a:kd . " + evidence("b", "b:ks", "sg:appoints", "a:kd",
                                                                               "Styrelsen utser direktören.", "3"),
                                      "DirectorContradictsKL71", "https://w3id.org/styrgraf/id/a/kd"),
    # B says A's director reports to B's board (a statement about A's node in B's file).
    "director-reports-across": ("", "a:kd sg:reportsTo b:ks . " + evidence("b", "a:kd", "sg:reportsTo", "b:ks",
                                                                          "Direktören svarar inför styrelsen.", "3"),
                                "ReportsWithinOrganisation", "https://w3id.org/styrgraf/id/a/kd"),
    # B places A's director in B too: two organisations.
    "second-organisation": ("", "a:kd sg:inOrganisation b:org .", "InOrganisation", "https://w3id.org/styrgraf/id/a/kd"),
    # A's employee is labelled in Swedish only in B's file: no violation in the whole graph.
    "label-given-elsewhere": ('a:x a sg:Employee ; rdfs:label "employee"@en ; sg:inOrganisation a:org .',
                              'a:x rdfs:label "medarbetare"@sv .', None, None),
    # A's relation is evidenced by an assertion in B's file: no violation either.
    "evidence-elsewhere": ("a:kd sg:consults a:kf .", evidence("b", "a:kd", "sg:consults", "a:kf",
                                                               "Ledamöter och tjänstepersoner samråder.", "3"), None, None),
    # A reporting cycle that runs through both files.
    "cycle-across": ("a:kd sg:reportsTo b:kd .", "b:kd sg:reportsTo a:kd .", "NoReportingCycle",
                     "https://w3id.org/styrgraf/id/a/kd"),
}


def _write_pair(folder: Path, extra_a: str, extra_b: str) -> Path:
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    for key, extra in (("a", extra_a), ("b", extra_b)):
        (folder / "sources" / f"{key}.txt").write_text(SOURCE, encoding="utf-8")
        (folder / f"{key}.ttl").write_text(HEAD + organisation(key) + extra + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("case", list(CROSS_CASES))
def test_files_that_speak_of_each_others_nodes(tmp_path, case):
    extra_a, extra_b, shape, focus = CROSS_CASES[case]
    folder = _write_pair(tmp_path, extra_a, extra_b)
    as_of = dt.date(2025, 1, 1)
    reference = pyshacl_findings([folder], as_of)
    found = styrgraf_findings([folder], as_of)
    assert found == reference
    violations = {(s.rsplit("#", 1)[-1], f) for severity, s, f, _v in found if severity == "Violation"}
    if shape is None:
        assert not violations, violations
    else:
        assert (shape, focus) in violations


def test_each_file_alone_would_have_been_wrong(tmp_path):
    """The cross-file cases are real: validated one file at a time, B's board appointing
    A's director escapes, and a label given in B's file is missed."""
    extra_a, extra_b, *_ = CROSS_CASES["board-appoints-other-director"]
    folder = _write_pair(tmp_path / "one", extra_a, extra_b)
    alone = {f.shape for p in sorted(folder.glob("*.ttl"))
             for f in engine.validate_unit([loading.read_file(p)], dt.date(2025, 1, 1))}
    assert not any(s.endswith("DirectorContradictsKL71") for s in alone)
    together = validation.validate([folder], as_of=dt.date(2025, 1, 1))
    assert any(f.shape.endswith("DirectorContradictsKL71") for f in together.findings)
