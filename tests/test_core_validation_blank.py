"""Blank nodes are ordinary Turtle: an assertion written ``[] a sg:Assertion ; …`` is
validated like a named one. Differential against pyshacl on the shipped data with blank
nodes everywhere the shapes allow; eight injected faults, all written with blank nodes,
are each reported through the CLI (exit 1, no traceback), at the right line."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner

from styrgraf import resources, validation
from styrgraf.cli import main
from styrgraf.store import loading
from styrgraf.validation import engine
from test_core_validation_differential import SH, _parse_once

SG = "https://w3id.org/styrgraf/def#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# What may be a blank node: everything but actors (an assertion's rdf:subject must be an IRI).
BLANKABLE = {SG + n for n in ("Assertion", "GoverningDocument", "ChannelRule", "Responsibility", "ReservedMatter",
                              "ParagraphNote", "ReferencedDocument")}


def _blanked(path: Path, out: Path, classes: set[str] = BLANKABLE) -> None:
    """``path`` written again to ``out`` with every node of a BLANKABLE class a blank node
    (rdflib writes a node referred to once inline as ``[ … ]``, a top-level one as ``[]``)."""
    triples = loading.parse_turtle(path)
    chosen = {t.subject for t in triples if t.predicate.value == RDF_TYPE and t.object.value in classes
              and isinstance(t.subject, ox.NamedNode)}
    blank = {node: ox.BlankNode() for node in chosen}
    graph = loading.to_rdflib(ox.Triple(blank.get(t.subject, t.subject), t.predicate, blank.get(t.object, t.object))
                              for t in triples)
    for prefix, namespace in (("sg", SG), ("prov", "http://www.w3.org/ns/prov#"), ("dcterms", "http://purl.org/dc/terms/")):
        graph.bind(prefix, namespace)
    out.write_text(graph.serialize(format="turtle"), encoding="utf-8")


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def blank_data(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("blank") / "data"
    shutil.copytree(resources.data_dir() / "sources", folder / "sources")
    for path in sorted(resources.data_dir().glob("*.ttl")):
        _blanked(path, folder / path.name)
    return folder


def _term(node) -> str | None:
    if node is None:
        return None
    return f"_:{node}" if isinstance(node, rdflib.BNode) else str(node)


def pyshacl_findings(files: list[loading.CuratedFile], as_of: dt.date) -> set[tuple]:
    """pyshacl over the very triples styrgraf validates (so blank nodes keep their ids)."""
    import pyshacl
    triples = [t for f in files for t in f.triples + list(loading.text_triples(f))]
    data = loading.to_rdflib(triples + list(engine.vocabulary()) + engine.run_triples(as_of, engine.DEFAULT_OLD_AFTER))
    shapes = loading.to_rdflib(loading.parse_turtle(resources.shapes_file()))
    with _parse_once():
        _c, results, _t = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True,
                                           allow_warnings=True, allow_infos=True)
    sh = rdflib.Namespace(SH)
    found = set()
    for node in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        source = results.value(node, sh.sourceShape)
        shape = source if isinstance(source, rdflib.URIRef) else shapes.value(None, sh.property, source)
        found.add((str(results.value(node, sh.resultSeverity))[len(SH):], str(shape),
                   _term(results.value(node, sh.focusNode)), _term(results.value(node, sh.value))))
    return found


def test_blank_nodes_everywhere_give_pyshacl_s_findings(blank_data):
    text = (blank_data / "kungsor.ttl").read_text(encoding="utf-8")
    assert "[] a sg:Assertion" in text or "[] a sg:GoverningDocument" in text or "_:" in text
    files = loading.read_files([blank_data])
    blank_subjects = {t.subject for f in files for t in f.triples if isinstance(t.subject, ox.BlankNode)}
    assert len(blank_subjects) > 300  # every assertion, document, rule and responsibility
    as_of = dt.date(2031, 1, 1)  # years ahead: the documents' date warnings have blank focus nodes too
    reference = pyshacl_findings(files, as_of)
    found = {(f.severity, f.shape, f.focus, f.value) for f in validation.validate(files, as_of=as_of).findings}
    assert found == reference
    assert any(focus.startswith("_:") for _s, _shape, focus, _v in reference)


def test_blank_node_data_conforms_like_the_named_data(blank_data):
    """The same data, written with blank nodes, has the same violations as named: none."""
    report = validation.validate([blank_data], as_of=dt.date(2026, 11, 23))
    assert report.conforms, [f.text("en") for f in report.findings if f.severity == "Violation"]


HEAD = """@prefix sg: <https://w3id.org/styrgraf/def#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix x: <https://w3id.org/styrgraf/id/x/> .
"""
SOURCE = ("Styrelsen utser direktören. Direktören svarar inför styrelsen. Ledamöter kontaktar direktören. "
          "Nämnden utser direktören. Styrelsen delegerar till fullmäktige. Ledamoten kontaktar medarbetaren. "
          "Direktören svarar inför chefen. Chefen svarar inför direktören. Styrelsen delegerar budgeten till direktören. "
          "Styrelsen ansvarar för budgeten. Direktören svarar inför fullmäktige.")
GOOD = """x:org a sg:Municipality ; rdfs:label "Kommun X"@sv .
x:kf a sg:Assembly ; rdfs:label "fullmäktige"@sv ; sg:inOrganisation x:org .
x:ks a sg:ExecutiveBoard ; rdfs:label "styrelse"@sv ; sg:inOrganisation x:org .
x:kd a sg:Director ; rdfs:label "direktör"@sv ; sg:inOrganisation x:org .
x:doc a sg:GoverningDocument ; rdfs:label "Instruktion"@sv ; dcterms:title "Instruktion"@sv ;
    sg:sourceFile "x.txt" ; sg:inOrganisation x:org ; sg:decidedBy x:ks ; dcterms:issued "2024-01-01"^^xsd:date .
x:ks sg:appoints x:kd . x:kd sg:reportsTo x:ks .
[] a sg:Assertion ; rdf:subject x:ks ; rdf:predicate sg:appoints ; rdf:object x:kd ;
    prov:wasDerivedFrom x:doc ; sg:quote "Styrelsen utser direktören." .
[] a sg:Assertion ; rdf:subject x:kd ; rdf:predicate sg:reportsTo ; rdf:object x:ks ;
    prov:wasDerivedFrom x:doc ; sg:quote "Direktören svarar inför styrelsen." .
"""


def _evidence(s: str, p: str, o: str, quote: str) -> str:
    return f'[] a sg:Assertion ; rdf:subject {s} ; rdf:predicate {p} ; rdf:object {o} ; prov:wasDerivedFrom x:doc ; sg:quote "{quote}" .\n'


# Each fault: (Turtle, the shape that must report it, a marker on the line it is reported at: the
# statement that first describes the focus node, or the [] of a blank one).
FAULTS = {
    "reporting cycle": ("x:chef a sg:Manager ; rdfs:label \"chef\"@sv ; sg:inOrganisation x:org .\n"
                        "x:kd sg:reportsTo x:chef . x:chef sg:reportsTo x:kd .\n"
                        + _evidence("x:kd", "sg:reportsTo", "x:chef", "Direktören svarar inför chefen.")
                        + _evidence("x:chef", "sg:reportsTo", "x:kd", "Chefen svarar inför direktören."),
                        "NoReportingCycle", "x:chef a sg:Manager"),
    "quote not in the source": (_evidence("x:ks", "sg:appoints", "x:kd", "Styrelsen utser ingen alls."),
                                "QuoteIsVerbatim", "utser ingen alls"),
    "director appointed by a committee": ("x:nd a sg:Committee ; rdfs:label \"nämnd\"@sv ; sg:inOrganisation x:org .\n"
                                          "x:nd sg:appoints x:kd .\n"
                                          + _evidence("x:nd", "sg:appoints", "x:kd", "Nämnden utser direktören."),
                                          "DirectorContradictsKL71", "x:kd a sg:Director"),
    "delegation upwards to the assembly": ("x:ks sg:delegatesTo x:kf .\n" + _evidence(
        "x:ks", "sg:delegatesTo", "x:kf", "Styrelsen delegerar till fullmäktige."), "DelegationDownward",
        "x:ks a sg:ExecutiveBoard"),
    "elected representative straight to an employee": (
        "x:led a sg:ElectedRepresentative ; rdfs:label \"ledamot\"@sv ; sg:inOrganisation x:org .\n"
        "x:anst a sg:Employee ; rdfs:label \"medarbetare\"@sv ; sg:inOrganisation x:org .\n"
        "[] a sg:ChannelRule ; rdfs:label \"Via direktören\"@sv ; sg:fromClass sg:ElectedRepresentative ;\n"
        "    sg:toClass sg:Employee ; sg:via x:kd ; sg:inOrganisation x:org .\n"
        "x:led sg:communicatesWith x:anst .\n"
        + _evidence("x:led", "sg:communicatesWith", "x:anst", "Ledamoten kontaktar medarbetaren."),
        "ChannelRuleRespected", "x:led a sg:ElectedRepresentative"),
    "responsibility without a Swedish label": ("x:ks sg:hasResponsibility _:ansvar .\n"
                                               "_:ansvar a sg:Responsibility ; rdfs:label \"budget work\"@en .\n"
                                               + _evidence("x:ks", "sg:hasResponsibility", "_:ansvar",
                                                           "Styrelsen ansvarar för budgeten."),
                                               "SwedishLabel", "_:ansvar a sg:Responsibility"),
    "assertion of a relation not in the graph": (_evidence("x:kd", "sg:reportsTo", "x:kf",
                                                           "Direktören svarar inför fullmäktige."),
                                                 "AssertionShape", "svarar inför fullmäktige"),
    "reserved matter delegated": ("x:budget a sg:ReservedMatter ; rdfs:label \"budgeten\"@sv .\n"
                                  "x:ks sg:delegatesTo x:kd .\n"
                                  "[] a sg:Assertion ; rdf:subject x:ks ; rdf:predicate sg:delegatesTo ; rdf:object x:kd ;\n"
                                  "    sg:scope x:budget ; prov:wasDerivedFrom x:doc ;\n"
                                  "    sg:quote \"Styrelsen delegerar budgeten till direktören.\" .\n",
                                  "ReservedMatterNotDelegated", "x:budget a sg:ReservedMatter"),
}


def _write(folder: Path, extra: str) -> Path:
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / "x.txt").write_text(SOURCE, encoding="utf-8")
    path = folder / "x.ttl"
    path.write_text(HEAD + GOOD + extra, encoding="utf-8")
    return path


def test_the_good_file_with_blank_assertions_conforms(tmp_path, runner):
    _write(tmp_path, "")
    result = runner.invoke(main, ["validate", str(tmp_path), "--as-of", "2025-01-01"])
    assert result.exit_code == 0, result.output


def test_eight_faults_written_with_blank_nodes_are_each_reported_at_their_line(tmp_path, runner, monkeypatch):
    path = _write(tmp_path, "".join(turtle for turtle, _shape, _marker in FAULTS.values()))
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["validate", "x.ttl", "--as-of", "2025-01-01", "--format", "github", "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    lines = path.read_text(encoding="utf-8").splitlines()
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    for name, (_turtle, shape, marker) in FAULTS.items():
        line = next(n for n, text in enumerate(lines, 1) if marker in text)
        label = next(s["label"]["en"] for s in validation.shape_catalogue() if s["shape"].endswith("#" + shape))
        title = label.replace(":", "%3A").replace(",", "%2C")
        assert any(f"file=x.ttl,line={line},title={title}::" in a for a in annotations), (name, line, annotations)
    report = validation.validate([tmp_path], as_of=dt.date(2025, 1, 1))
    assert {f.shape.rsplit("#", 1)[-1] for f in report.findings if f.severity == "Violation"} == \
        {shape for _t, shape, _m in FAULTS.values()}


def test_eight_faults_same_findings_as_pyshacl(tmp_path):
    _write(tmp_path, "".join(turtle for turtle, _shape, _marker in FAULTS.values()))
    files = loading.read_files([tmp_path])
    found = {(f.severity, f.shape, f.focus, f.value) for f in validation.validate(files, as_of=dt.date(2025, 1, 1)).findings}
    assert found == pyshacl_findings(files, dt.date(2025, 1, 1))


def test_junit_names_file_and_line_of_a_blank_assertion(tmp_path, runner, monkeypatch):
    path = _write(tmp_path, FAULTS["quote not in the source"][0])
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["validate", "x.ttl", "--as-of", "2025-01-01", "--format", "junit"])
    assert result.exit_code == 1
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "ingen alls" in text)
    assert f'file="x.ttl" line="{line}"' in result.stdout and "<failure" in result.stdout
    body = json.loads(runner.invoke(main, ["validate", "x.ttl", "--as-of", "2025-01-01", "--format", "json"]).stdout)
    blank = [f for f in body["findings"] if f["focus"].startswith("_:")]
    assert blank and blank[0]["focus_label"] == "[] a sg:Assertion" and blank[0]["line"] == line


def test_statements_are_cut_at_their_final_dot_only():
    from styrgraf.validation.lines import statements
    text = ('PREFIX ex: <http://e/a.b/>\n@prefix sg: <https://w3id.org/styrgraf/def#> .\n'
            'ex:a sg:n 1.5 ; sg:q "Slut. Nej." ; # a comment. here\n  sg:r [ sg:s ex:b.c ] .\n'
            '[] sg:t """x .\ny""" .\n')
    assert [(line, body.split()[0]) for line, body in statements(text)] == \
        [(1, "PREFIX"), (2, "@prefix"), (3, "ex:a"), (5, "[]")]
