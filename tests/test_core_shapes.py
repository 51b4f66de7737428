"""Every SHACL shape has a fixture that breaks it and one that satisfies it.

Each case is a small organisation in Turtle (the base below plus a snippet) with a
source text; ``breaks`` must produce a finding of that shape, ``satisfies`` none.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from styrgraf import validation

AS_OF = dt.date(2025, 1, 1)

SOURCE_TEXT = """Testkommunens instruktion

Kommunstyrelsen utser kommundirektören. Kommundirektören svarar inför
kommunstyrelsen och informerar   kommunstyrelsen löpande.
Förtroendevalda tar kontakt med förvaltningschefen, som är ingången till chefer och medarbetare.
"""

PREFIXES = """
@prefix sg: <https://w3id.org/styrgraf/def#> .
@prefix t: <https://w3id.org/styrgraf/id/test/> .
@prefix u: <https://w3id.org/styrgraf/id/other/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix kl: <http://rinfo.lagrummet.se/publ/sfs/2017:725#> .
"""

BASE = """
t:org a sg:Municipality ; rdfs:label "Testkommun"@sv .
t:kf a sg:Assembly ; rdfs:label "kommunfullmäktige"@sv ; sg:inOrganisation t:org .
t:ks a sg:ExecutiveBoard ; rdfs:label "kommunstyrelsen"@sv ; sg:inOrganisation t:org .
"""

DOC = """
t:doc a sg:GoverningDocument ; dcterms:title "Instruktion"@sv ; rdfs:label "Instruktion"@sv ;
    sg:sourceFile "test.txt" ; sg:inOrganisation t:org ; sg:decidedBy t:ks ; dcterms:issued "2024-01-01"^^xsd:date .
"""

DIRECTOR = """
t:kd a sg:Director ; rdfs:label "kommundirektör"@sv ; sg:inOrganisation t:org .
t:ks sg:appoints t:kd . t:kd sg:reportsTo t:ks .
t:a1 a sg:Assertion ; rdf:subject t:ks ; rdf:predicate sg:appoints ; rdf:object t:kd ;
    prov:wasDerivedFrom t:doc ; sg:quote "Kommunstyrelsen utser kommundirektören." .
t:a2 a sg:Assertion ; rdf:subject t:kd ; rdf:predicate sg:reportsTo ; rdf:object t:ks ;
    prov:wasDerivedFrom t:doc ; sg:quote "Kommundirektören svarar inför kommunstyrelsen" .
"""

def post(name, cls="sg:Manager"):
    return f't:{name} a {cls} ; rdfs:label "{name}"@sv ; sg:inOrganisation t:org .\n'

OTHER_ORG = """
u:org a sg:Municipality ; rdfs:label "Annan kommun"@sv .
u:ks a sg:ExecutiveBoard ; rdfs:label "annan kommunstyrelse"@sv ; sg:inOrganisation u:org .
"""

RULE = """
t:fc a sg:HeadOfAdministration ; rdfs:label "förvaltningschef"@sv ; sg:inOrganisation t:org .
t:fv a sg:ElectedRepresentative ; rdfs:label "förtroendevald"@sv ; sg:inOrganisation t:org .
t:regel a sg:ChannelRule ; rdfs:label "regel"@sv ; sg:fromClass sg:ElectedRepresentative ;
    sg:toClass sg:Manager, sg:Employee ; sg:via t:fc ; sg:inOrganisation t:org ;
    prov:wasDerivedFrom t:doc ; sg:quote "förvaltningschefen, som är ingången till chefer och medarbetare" .
"""

CASES = {
    "RelationHasEvidence": {
        "breaks": [DIRECTOR + "t:kd sg:informs t:ks ."],
        "satisfies": DIRECTOR + """t:kd sg:informs t:ks .
            t:a3 a sg:Assertion ; rdf:subject t:kd ; rdf:predicate sg:informs ; rdf:object t:ks ;
            prov:wasDerivedFrom t:doc ; sg:quote "informerar kommunstyrelsen löpande" .""",
    },
    "AssertionShape": {
        "breaks": [
            DIRECTOR + """t:a3 a sg:Assertion ; rdf:subject t:kd ; rdf:predicate sg:informs ; rdf:object t:ks ;
                prov:wasDerivedFrom t:doc ; sg:quote "informerar kommunstyrelsen löpande" .""",  # no such triple
            DIRECTOR + """t:kd sg:informs t:ks . t:a3 a sg:Assertion ; rdf:subject t:kd ; rdf:predicate sg:informs ;
                rdf:object t:ks ; prov:wasDerivedFrom t:doc .""",  # no quote
        ],
        "satisfies": DIRECTOR,
    },
    "QuoteIsVerbatim": {
        "breaks": [DIRECTOR.replace("Kommunstyrelsen utser kommundirektören.", "Kommunstyrelsen anställer kommundirektören.")],
        "satisfies": DIRECTOR.replace('"Kommundirektören svarar inför kommunstyrelsen"',
                                      '"Kommundirektören svarar inför\\n kommunstyrelsen"'),  # whitespace differs
    },
    "SwedishLabel": {
        "breaks": ['t:x a sg:Employee ; rdfs:label "employee"@en ; sg:inOrganisation t:org .'],
        "satisfies": 't:x a sg:Employee ; rdfs:label "employee"@en, "medarbetare"@sv ; sg:inOrganisation t:org .',
    },
    "VocabularyLabels": {
        "breaks": ['sg:TestClass a owl:Class ; rdfs:label "testklass"@sv .'],
        "satisfies": 'sg:TestClass a owl:Class ; rdfs:label "testklass"@sv, "test class"@en ; rdfs:comment "För test."@sv .',
    },
    "InOrganisation": {
        "breaks": ['t:x a sg:Employee ; rdfs:label "medarbetare"@sv .'],
        "satisfies": post("x", "sg:Employee"),
    },
    "OneOfEach": {
        "breaks": [DIRECTOR + post("kd2", "sg:Director"), 't:kf2 a sg:Assembly ; rdfs:label "fullmäktige 2"@sv ; sg:inOrganisation t:org .'],
        "satisfies": DIRECTOR + post("chef"),
    },
    "NoReportingCycle": {
        "breaks": [post("a") + post("b") + "t:a sg:reportsTo t:b . t:b sg:reportsTo t:a ."],
        "satisfies": post("a") + post("b") + "t:a sg:reportsTo t:b .",
    },
    "NoManagementCycle": {
        "breaks": [post("a") + post("b") + post("c") + "t:a sg:managerOf t:b . t:b sg:managerOf t:c . t:c sg:managerOf t:a ."],
        "satisfies": post("a") + post("b") + post("c") + "t:a sg:managerOf t:b . t:b sg:managerOf t:c .",
    },
    "ReportsWithinOrganisation": {
        "breaks": [OTHER_ORG + post("a") + "t:a sg:reportsTo u:ks ."],
        "satisfies": OTHER_ORG + post("a") + "t:a sg:reportsTo t:ks .",
    },
    "DirectorContradictsKL71": {
        "breaks": [DIRECTOR + "t:kf sg:appoints t:kd .", DIRECTOR + "t:kd sg:reportsTo t:kf ."],
        "satisfies": DIRECTOR,
    },
    "DirectorGapKL71": {
        "breaks": [post("kd", "sg:Director"), post("kd", "sg:Director") + "t:ks sg:appoints t:kd ."],
        "satisfies": DIRECTOR,
    },
    "DelegationDownward": {
        "breaks": ["t:ks sg:delegatesTo t:kf .", post("kd", "sg:Director") + "t:kd sg:delegatesTo t:ks ."],
        "satisfies": post("kd", "sg:Director") + post("chef") +
            "t:kf sg:delegatesTo t:ks . t:ks sg:delegatesTo t:kd . t:kd sg:delegatesTo t:chef .",
    },
    "DelegationWithinOrganisation": {
        "breaks": [OTHER_ORG + "t:ks sg:delegatesTo u:ks ."],
        "satisfies": post("kd", "sg:Director") + "t:ks sg:delegatesTo t:kd .",
    },
    "ReservedMatterNotDelegated": {
        "breaks": [
            't:skatt a sg:ReservedMatter ; rdfs:label "skattesats"@sv ; sg:legalBasis kl:k_5-p_1 . t:ks sg:hasResponsibility t:skatt .',
            post("kd", "sg:Director") + """t:skatt a sg:ReservedMatter ; rdfs:label "skattesats"@sv .
                t:ks sg:delegatesTo t:kd . t:d1 a sg:Assertion ; rdf:subject t:ks ; rdf:predicate sg:delegatesTo ;
                rdf:object t:kd ; sg:scope t:skatt ; prov:wasDerivedFrom t:doc ; sg:quote "Kommunstyrelsen utser kommundirektören." .""",
        ],
        "satisfies": 't:skatt a sg:ReservedMatter ; rdfs:label "skattesats"@sv ; sg:legalBasis kl:k_5-p_1 . t:kf sg:hasResponsibility t:skatt .',
    },
    "ChannelRuleRespected": {
        "breaks": [RULE + post("chef") + "t:fv sg:communicatesWith t:chef .",
                   RULE + post("med", "sg:Employee") + "t:fv sg:communicatesWith t:med ."],
        "satisfies": RULE + post("chef") + "t:fv sg:communicatesWith t:fc . t:fc sg:communicatesWith t:chef .",
    },
    "DocumentCurrent": {
        "doc": "",
        "breaks": [
            DOC.replace('dcterms:issued "2024-01-01"^^xsd:date', 'sg:validUntil "2024-12-31"^^xsd:date'),
            DOC.replace('dcterms:issued "2024-01-01"^^xsd:date',
                        'sg:lastReviewed "2023-06-01"^^xsd:date ; sg:reviewInterval "P1Y"^^xsd:duration'),
            DOC.replace("2024-01-01", "1994-11-24"),
        ],
        "satisfies": DOC.replace('dcterms:issued "2024-01-01"^^xsd:date',
                                 'sg:lastReviewed "2024-06-01"^^xsd:date ; sg:reviewInterval "P1Y"^^xsd:duration ; '
                                 'sg:validUntil "2027-01-01"^^xsd:date'),
    },
    "DocumentMetadata": {
        "doc": "",
        "breaks": [DOC.replace('dcterms:title "Instruktion"@sv ;', ""), DOC.replace('sg:inOrganisation t:org ;', ""),
                   DOC.replace('dcterms:issued', 'sg:reviewInterval "P6M"^^xsd:duration ; dcterms:issued')],
        "satisfies": DOC,
    },
    "DocumentDecider": {
        "doc": "",
        "breaks": [DOC.replace("sg:decidedBy t:ks ;", "")],
        "satisfies": DOC,
    },
    "DocumentTypeKnown": {
        "doc": "",
        "breaks": [DOC.replace("sg:decidedBy t:ks ;", "sg:decidedBy t:ks ; sg:documentType sg:Delegeringsordning ;"),
                   DOC.replace("sg:decidedBy t:ks ;", "sg:decidedBy t:ks ; sg:documentType t:ks ;")],
        "satisfies": DOC.replace("sg:decidedBy t:ks ;", "sg:decidedBy t:ks ; sg:documentType sg:DelegationOrder ;"),
    },
}


def _validate(tmp_path: Path, snippet: str, doc: str):
    (tmp_path / "sources").mkdir(exist_ok=True)
    (tmp_path / "sources" / "test.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    (tmp_path / "test.ttl").write_text(PREFIXES + BASE + doc + snippet, encoding="utf-8")
    return validation.validate_paths([tmp_path / "test.ttl"], as_of=AS_OF)


def _shapes_in(report) -> set[str]:
    return {f.shape.rsplit("#", 1)[-1] for f in report.findings}


def test_every_shape_has_a_case():
    """Docs that cannot rot: the shapes file and this table list the same shapes."""
    declared = {s["shape"].rsplit("#", 1)[-1] for s in validation.shape_catalogue()}
    assert declared == set(CASES)


def test_base_fixture_is_clean(tmp_path):
    report = _validate(tmp_path, DIRECTOR, DOC)
    assert report.findings == []


@pytest.mark.parametrize("shape,index", [(s, i) for s, c in CASES.items() for i in range(len(c["breaks"]))])
def test_fixture_breaks_shape(tmp_path, shape, index):
    case = CASES[shape]
    report = _validate(tmp_path, case["breaks"][index], case.get("doc", DOC))
    assert shape in _shapes_in(report), [f.message for f in report.findings]
    finding = next(f for f in report.findings if f.shape.endswith(shape))
    assert finding.message.get("sv") and finding.message.get("en"), finding.message
    assert finding.file == str(tmp_path / "test.ttl") or shape == "VocabularyLabels"


@pytest.mark.parametrize("shape", list(CASES))
def test_fixture_satisfies_shape(tmp_path, shape):
    case = CASES[shape]
    report = _validate(tmp_path, case["satisfies"], case.get("doc", DOC))
    assert shape not in _shapes_in(report), [f.message for f in report.findings if f.shape.endswith(shape)]


def test_every_shape_has_swedish_and_english_labels_and_a_severity():
    for shape in validation.shape_catalogue():
        assert shape["label"].get("sv") and shape["label"].get("en"), shape
        assert shape["severity"] in ("Violation", "Warning", "Info")


def test_shapes_see_across_files(tmp_path):
    """A relation from one organisation's file to another's organ is found: files that
    speak of each other's nodes are validated together (``validation.units``)."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "test.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    (tmp_path / "test.ttl").write_text(PREFIXES + BASE + DOC + post("a") + "t:a sg:reportsTo u:ks .", encoding="utf-8")
    (tmp_path / "other.ttl").write_text(PREFIXES + OTHER_ORG, encoding="utf-8")
    report = validation.validate_paths([tmp_path], as_of=AS_OF)
    crossing = [f for f in report.findings if f.shape.endswith("ReportsWithinOrganisation")]
    assert [f.focus for f in crossing] == ["https://w3id.org/styrgraf/id/test/a"]
    assert crossing[0].file == str(tmp_path / "test.ttl")


def test_parallel_and_cached_validation_give_the_same_report(tmp_path, monkeypatch):
    from styrgraf.store import loading
    from styrgraf import resources
    files = loading.read_files([resources.data_dir()])
    serial = validation.validate_files(files, as_of=AS_OF)
    parallel = validation.validate_files(files, as_of=AS_OF, jobs=2)
    cache = validation.ValidationCache(tmp_path / "cache.json")
    first = validation.validate_files(files, as_of=AS_OF, cache=cache)
    again = validation.ValidationCache(tmp_path / "cache.json")
    second = validation.validate_files(files, as_of=AS_OF, cache=again)
    assert again.hits == len(files)
    as_tuples = lambda r: [(f.severity, f.shape, f.focus, f.value) for f in r.findings]
    assert as_tuples(serial) == as_tuples(parallel) == as_tuples(first) == as_tuples(second)
    assert serial.findings


# --- Bans (issue 13): appended -----------------------------------------------------------

BAN = RULE + post("kso", "sg:Chair") + post("med", "sg:Employee") + post("tp", "sg:Official") + """
t:fv sg:mayNotDirect t:tp .
t:b1 a sg:Assertion ; rdf:subject t:fv ; rdf:predicate sg:mayNotDirect ; rdf:object t:tp ;
    sg:modality sg:Prohibition ; prov:wasDerivedFrom t:doc ; sg:quote "Förtroendevalda tar kontakt med förvaltningschefen" .
"""

CASES["ProhibitionRespected"] = {
    "breaks": [BAN + "t:fv sg:directs t:med .",     # the representative the ban names
               BAN + "t:kso sg:directs t:fc ."],    # a chair is an elected representative, a head an official
    "satisfies": BAN + DIRECTOR + "t:ks sg:directs t:kd . t:fv sg:communicatesWith t:fc .",
}


@pytest.mark.parametrize("index", [0, 1])
def test_fixture_breaks_prohibition_respected(tmp_path, index):
    report = _validate(tmp_path, CASES["ProhibitionRespected"]["breaks"][index], DOC)
    found = [f for f in report.findings if f.shape.endswith("ProhibitionRespected")]
    assert found and found[0].severity == "Violation"
    assert found[0].message.get("sv") and "Förtroendevalda tar kontakt" in found[0].message["en"]


def test_fixture_satisfies_prohibition_respected(tmp_path):
    report = _validate(tmp_path, CASES["ProhibitionRespected"]["satisfies"], DOC)
    assert "ProhibitionRespected" not in _shapes_in(report)
