"""The saved queries on documents made up for the purpose: cq12's date arithmetic at the
edges of months and leap years, and the forms a modality or a hearsay mark may take."""
from __future__ import annotations

import pyoxigraph as ox
import pytest


from test_core_saved_queries import run, short  # the same helpers as the texts' tests


class TinyStore:
    """A throw-away store over a few Turtle lines, queried as the shipped store is."""

    def __init__(self, turtle: str):
        self.store = ox.Store()
        self.store.load(input=PREFIXES + turtle, format=ox.RdfFormat.TURTLE)

    def query(self, text, *, substitutions=None, **_):
        return self.store.query(text, use_default_graph_as_union=True,
                                substitutions={ox.Variable(k): v for k, v in (substitutions or {}).items()})


PREFIXES = """@prefix sg: <https://w3id.org/styrgraf/def#> . @prefix x: <https://w3id.org/styrgraf/id/x/> .
@prefix dcterms: <http://purl.org/dc/terms/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
x:org rdfs:label "X"@sv .
"""


@pytest.mark.parametrize("reviewed,interval,due", [
    ("2024-03-04", "P1Y", "2025-03-04"),    # Oxigraph's own date + duration is unbound here
    ("2024-02-29", "P1Y", "2025-02-28"),    # no 29 February in 2025
    ("2023-02-28", "P1Y", "2024-02-28"),
    ("2024-01-31", "P1M", "2024-02-29"),    # leap year, end of month
    ("2024-08-31", "P6M", "2025-02-28"),
    ("2024-03-04", "P18M", "2025-09-04"),
    ("2024-03-04", "P1Y6M", "2025-09-04"),
    ("2024-11-15", "P2M", "2025-01-15"),
    ("2024-12-15", "P12M", "2025-12-15"),
    ("2099-12-31", "P1Y2M", "2101-02-28"),  # 2100 is no leap year
    ("2024-03-04", "P30D", None),           # days are not a review interval: no due date
])
def test_review_due_date_arithmetic(reviewed, interval, due):
    tiny = TinyStore(f"""x:doc a sg:GoverningDocument ; sg:inOrganisation x:org ; dcterms:title "D"@sv ;
        dcterms:issued "2020-01-01"^^xsd:date ; sg:lastReviewed "{reviewed}"^^xsd:date ;
        sg:reviewInterval "{interval}"^^xsd:duration .""")
    [row] = run(tiny, "cq12-document-review-status", asOf="2200-01-01")
    assert row.get("reviewDue") == due
    if due:
        assert row["status"] == "overdue"


def test_a_never_reviewed_document_falls_due_after_adoption():
    tiny = TinyStore("""x:doc a sg:GoverningDocument ; sg:inOrganisation x:org ; dcterms:title "D"@sv ;
        dcterms:issued "2024-05-31"^^xsd:date ; sg:reviewInterval "P2Y"^^xsd:duration .""")
    [row] = run(tiny, "cq12-document-review-status", asOf="2026-05-31")
    assert (row["reviewDue"], row["status"]) == ("2026-05-31", "current")


@pytest.mark.parametrize("modality", ['"prohibition"', '"förbud"@sv', "sg:Prohibition", "sg:prohibition"])
def test_a_prohibition_is_found_whichever_form_its_modality_takes(modality):
    tiny = TinyStore(f"""x:a a sg:ElectedRepresentative ; sg:inOrganisation x:org ; rdfs:label "a"@sv .
        x:b a sg:Employee ; sg:inOrganisation x:org ; rdfs:label "b"@sv .
        x:s a sg:Assertion ; rdf:subject x:a ; rdf:predicate sg:directs ; rdf:object x:b ;
            sg:modality {modality} ; sg:quote "A får inte styra B." ; prov:wasDerivedFrom x:doc .
        x:t a sg:Assertion ; rdf:subject x:a ; rdf:predicate sg:informs ; rdf:object x:b ;
            sg:modality "obligation" ; sg:quote "A ska informera B." ; prov:wasDerivedFrom x:doc .""")
    rows = run(tiny, "prohibitions")
    assert [(r["kind"], r["quote"]) for r in rows] == [("prohibition", "A får inte styra B.")]


def test_hearsay_names_the_document_reported_on():
    tiny = TinyStore("""x:guide a sg:GoverningDocument ; sg:inOrganisation x:org .
        x:instruction a sg:ReferencedDocument ; rdfs:label "instruktion"@sv ; sg:decidedBy x:assembly .
        x:director rdfs:label "direktör"@sv . x:head rdfs:label "chef"@sv .
        x:s a sg:Assertion ; rdf:subject x:director ; rdf:predicate sg:appoints ; rdf:object x:head ;
            sg:quote "Där beskrivs att direktören anställer chefer." ; prov:wasDerivedFrom x:guide ;
            sg:hearsayFrom x:instruction .
        x:t a sg:Assertion ; rdf:subject x:director ; rdf:predicate sg:informs ; rdf:object x:head ;
            sg:quote "Direktören informerar." ; prov:wasDerivedFrom x:guide .""")
    [row] = run(tiny, "hearsay")
    assert (short(row["subject"]), short(row["relation"]), short(row["object"])) == ("x/director", "appoints", "x/head")
    assert (short(row["reported"]), row["reportedLabel"], short(row["reportedDecidedBy"]), row["reportedInGraph"]) == \
        ("x/instruction", "instruktion", "x/assembly", "false")
