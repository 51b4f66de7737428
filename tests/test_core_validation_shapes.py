"""The shapes compiler: it implements what the shapes file uses (targets of every kind,
the core components, SHACL-SPARQL with $this pre-bound) and refuses the rest by name."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from styrgraf import validation
from styrgraf.store import loading
from styrgraf.validation import engine, shapes

HEAD = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix sg: <https://w3id.org/styrgraf/def#> .
@prefix sgs: <https://w3id.org/styrgraf/shapes#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix t: <https://w3id.org/styrgraf/id/test/> .
sgs: sh:declare [ sh:prefix "sg" ; sh:namespace "https://w3id.org/styrgraf/def#"^^xsd:anyURI ] .
"""

DATA = """@prefix sg: <https://w3id.org/styrgraf/def#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix t: <https://w3id.org/styrgraf/id/test/> .
t:org a sg:Municipality ; rdfs:label "Testkommun"@sv .
t:x a sg:Employee ; rdfs:label "x"@en ; sg:inOrganisation t:org .
"""


def _compile(tmp_path: Path, body: str) -> shapes.Shapes:
    path = tmp_path / "shapes.ttl"
    path.write_text(HEAD + body, encoding="utf-8")
    return shapes.compile_shapes(path)


def _run(tmp_path: Path, body: str, data: str = DATA, as_of=dt.date(2025, 1, 1)) -> list:
    compiled = _compile(tmp_path, body)
    (tmp_path / "data.ttl").write_text(data, encoding="utf-8")
    return engine.validate_unit([loading.read_file(tmp_path / "data.ttl")], as_of, shapes=compiled)


REFUSED = {
    "sh:node": "sgs:S a sh:NodeShape ; sh:targetClass sg:Employee ; sh:node sgs:T .",
    "sh:or": "sgs:S a sh:NodeShape ; sh:targetClass sg:Employee ; sh:or ( [ sh:class sg:Employee ] ) .",
    "sh:hasValue": "sgs:S a sh:NodeShape ; sh:targetClass sg:Employee ; sh:property [ sh:path rdfs:label ; sh:hasValue 1 ] .",
    "sh:uniqueLang": "sgs:S a sh:NodeShape ; sh:targetClass sg:Employee ; sh:property [ sh:path rdfs:label ; sh:uniqueLang true ] .",
    "sh:JSConstraint": """sgs:S a sh:NodeShape ; sh:targetClass sg:Employee ;
        sh:sparql [ a sh:SPARQLConstraint, sh:JSConstraint ; sh:select "SELECT $this WHERE { $this ?p ?o }" ] .""",
    "sh:qualifiedValueShapesDisjoint": """sgs:S a sh:NodeShape ; sh:targetClass sg:Employee ; sh:property [ sh:path rdfs:label ;
        sh:qualifiedValueShape [ sh:languageIn ( "sv" ) ] ; sh:qualifiedMinCount 1 ; sh:qualifiedValueShapesDisjoint true ] .""",
    "severity": "sgs:S a sh:NodeShape ; sh:targetClass sg:Employee ; sh:severity sgs:Grave ; sh:property [ sh:path rdfs:label ; sh:minCount 1 ] .",
    "uses MINUS": """sgs:S a sh:NodeShape ; sh:targetClass sg:Employee ; sh:sparql [ a sh:SPARQLConstraint ; sh:prefixes sgs: ;
        sh:select "SELECT $this WHERE { $this a sg:Employee MINUS { $this a sg:Manager } }" ] .""",
    "uses LIMIT": """sgs:S a sh:NodeShape ; sh:targetClass sg:Employee ; sh:sparql [ a sh:SPARQLConstraint ; sh:prefixes sgs: ;
        sh:select "SELECT $this WHERE { $this a sg:Employee } LIMIT 1" ] .""",
    "sub-select that does not project $this": """sgs:S a sh:NodeShape ; sh:targetClass sg:Employee ; sh:sparql [ a sh:SPARQLConstraint ;
        sh:prefixes sgs: ; sh:select "SELECT $this WHERE { $this a sg:Employee . { SELECT ?o WHERE { ?o a sg:Organisation } } }" ] .""",
    "$shapesGraph": """sgs:S a sh:NodeShape ; sh:targetClass sg:Employee ; sh:sparql [ a sh:SPARQLConstraint ; sh:prefixes sgs: ;
        sh:select "SELECT $this WHERE { GRAPH $shapesGraph { $this a sg:Employee } }" ] .""",
    "sh:sparql on a property or nested shape": """sgs:S a sh:NodeShape ; sh:targetClass sg:Employee ; sh:property [ sh:path rdfs:label ;
        sh:sparql [ a sh:SPARQLConstraint ; sh:select "SELECT $this WHERE { $this ?p ?o }" ] ] .""",
    "does not parse": """sgs:S a sh:NodeShape ; sh:targetClass sg:Employee ; sh:sparql [ a sh:SPARQLConstraint ; sh:prefixes sgs: ;
        sh:select "SELECT $this WHERE { $this a sg:Employee . FILTER ( }" ] .""",
}


@pytest.mark.parametrize("feature", list(REFUSED))
def test_unimplemented_shacl_is_refused_by_name(tmp_path, feature):
    with pytest.raises(shapes.ShapesError) as refused:
        _compile(tmp_path, REFUSED[feature])
    message = str(refused.value)
    assert feature in message and "sgs:S" in message and str(tmp_path / "shapes.ttl") in message


def test_target_node_is_validated_even_when_the_data_does_not_mention_it(tmp_path):
    found = _run(tmp_path, """sgs:S a sh:NodeShape ; sh:targetNode t:x, t:nowhere ;
        sh:property [ sh:path rdfs:comment ; sh:minCount 1 ; sh:message "Ingen kommentar."@sv ] .""")
    assert sorted(f.focus.rsplit("/", 1)[-1] for f in found) == ["nowhere", "x"]


def test_every_target_kind_and_path_kind(tmp_path):
    found = _run(tmp_path, """
    sgs:ByClass a sh:NodeShape ; sh:targetClass sg:Actor ; sh:property [ sh:path rdfs:label ; sh:languageIn ( "sv" ) ] .
    sgs:BySubject a sh:NodeShape ; sh:targetSubjectsOf sg:inOrganisation ;
        sh:property [ sh:path ( sg:inOrganisation rdfs:label ) ; sh:datatype xsd:string ] .
    sgs:ByObject a sh:NodeShape ; sh:targetObjectsOf sg:inOrganisation ;
        sh:property [ sh:path [ sh:inversePath sg:inOrganisation ] ; sh:maxCount 0 ] .""")
    by_shape = {(f.shape.rsplit("#", 1)[-1], f.focus.rsplit("/", 1)[-1], f.value) for f in found}
    assert by_shape == {("ByClass", "x", "x"), ("BySubject", "x", "Testkommun"),
                        ("ByObject", "org", None)}


def test_sparql_constraint_sees_this_bound_before_its_optionals(tmp_path):
    """DocumentCurrent's "old" rule puts $this only inside OPTIONALs and filters: a
    document dated only by dcterms:created is judged even when another document of the
    organisation has dcterms:issued (with $this left free, it was never checked)."""
    data = DATA + """t:new a sg:GoverningDocument ; dcterms:issued "2024-01-01"^^xsd:date .
    t:old a sg:GoverningDocument ; dcterms:created "2001-05-01"^^xsd:date ."""
    current = [s for s in shapes.installed().shapes if s.iri.endswith("DocumentCurrent")][0]
    (tmp_path / "data.ttl").write_text(data, encoding="utf-8")
    store = engine.unit_store([loading.read_file(tmp_path / "data.ttl")], dt.date(2025, 1, 1), "P10Y")
    found = [f for check in current.checks for f in engine.run_check(store, current, check, current.focus_pattern(False), {})]
    assert [f.focus.rsplit("/", 1)[-1] for f in found] == ["old"]
    assert "2001-05-01" in found[0].message["en"]


def test_property_shape_severity_is_its_own(tmp_path):
    """SHACL: a property shape's results carry its own sh:severity (default Violation),
    not the node shape's."""
    found = _run(tmp_path, """sgs:S a sh:NodeShape ; sh:targetClass sg:Employee ; sh:severity sh:Info ;
        sh:property [ sh:path rdfs:comment ; sh:minCount 1 ] ;
        sh:property [ sh:path sg:note ; sh:minCount 1 ; sh:severity sh:Warning ] .""")
    assert sorted(f.severity for f in found) == ["Violation", "Warning"]


def test_deactivated_shapes_are_skipped(tmp_path):
    found = _run(tmp_path, """sgs:S a sh:NodeShape ; sh:targetClass sg:Employee ; sh:deactivated true ;
        sh:property [ sh:path rdfs:comment ; sh:minCount 1 ] .""")
    assert found == []


def test_a_stored_validation_run_is_refused(tmp_path):
    """A sg:ValidationRun in the data would override --as-of: the file is refused."""
    (tmp_path / "org.ttl").write_text(DATA + """_:run a sg:ValidationRun ; sg:asOf "1990-01-01"^^xsd:date .""",
                                      encoding="utf-8")
    with pytest.raises(loading.DataError) as refused:
        validation.validate([tmp_path], as_of=dt.date(2025, 1, 1))
    assert str(tmp_path / "org.ttl") in str(refused.value) and "sg:ValidationRun" in str(refused.value)


def test_the_installed_shapes_compile_and_are_catalogued():
    catalogue = {entry["shape"].rsplit("#", 1)[-1]: entry for entry in validation.shape_catalogue()}
    assert catalogue["NoReportingCycle"]["scope"] == "global"
    assert catalogue["DocumentCurrent"]["severity"] == "Warning"
    assert all(shape.checks for shape in shapes.installed().shapes)
