"""The shipped, curated graph: complete, evidenced, verbatim, valid."""
from __future__ import annotations

import re


from styrgraf.store import loading
from styrgraf.vocab import SG

SG_NS = str(SG)
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_five_organisations_each_with_its_document(shipped_files):
    keys = sorted(f.key for f in shipped_files)
    assert keys == ["blekinge", "kommun-a", "kommun-b", "kommun-c", "kungsor"]
    for curated in shipped_files:
        assert len(curated.texts) == 1, f"{curated.key} should cite exactly one source text"


def test_well_over_a_hundred_assertions_and_kungsor_states_dozens(store):
    rows = list(store.query(
        "SELECT ?org (COUNT(?a) AS ?n) WHERE { ?a a <%sAssertion> ; <http://www.w3.org/ns/prov#wasDerivedFrom> ?d . "
        "?d <%sinOrganisation> ?org } GROUP BY ?org" % (SG_NS, SG_NS)))
    counts = {r["org"].value.split("/")[-2]: int(r["n"].value) for r in rows}
    assert sum(counts.values()) > 200
    assert counts["kungsor"] > 70
    assert all(n >= 20 for n in counts.values()), counts


def test_every_quote_occurs_verbatim_in_its_document(shipped_files):
    """Independent of SHACL: a direct check of every quote against the text."""
    checked = 0
    for curated in shipped_files:
        derived = {}
        quotes = {}
        for t in curated.triples:
            if t.predicate.value == "http://www.w3.org/ns/prov#wasDerivedFrom":
                derived[t.subject] = t.object.value
            elif t.predicate.value == SG_NS + "quote":
                quotes.setdefault(t.subject, []).append(t.object.value)
        for node, node_quotes in quotes.items():
            text = collapse(curated.texts[derived[node]])
            for quote in node_quotes:
                assert collapse(quote) in text, f"{node}: {quote!r}"
                checked += 1
    assert checked > 200


def test_every_relation_triple_has_an_assertion(store):
    missing = list(store.query(f"""
        PREFIX sg: <{SG_NS}> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?s ?p ?o WHERE {{
          ?s ?p ?o . ?p a sg:EvidencedProperty .
          FILTER NOT EXISTS {{ ?a rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }}
        }}"""))
    assert missing == []


def test_no_invented_organisation_names(store):
    """Kommun A, B and C are not named in their texts; the data says so."""
    rows = {r["org"].value for r in store.query(
        f"SELECT ?org WHERE {{ ?org <{SG_NS}nameUnknown> true }}")}
    assert rows == {f"https://w3id.org/styrgraf/id/{k}/kommunen" for k in ("kommun-a", "kommun-b", "kommun-c")}


def test_sources_are_copied_unchanged():
    from pathlib import Path
    from styrgraf import resources
    shared = Path(__file__).resolve().parents[2] / "shared" / "sources"
    if not shared.is_dir():  # a wheel install tested elsewhere: compare against the checksum list
        shared = None
    ours = resources.data_dir() / "sources"
    names = sorted(p.name for p in ours.glob("*.txt"))
    assert len(names) == 5
    if shared:
        for name in names:
            assert (ours / name).read_bytes() == (shared / name).read_bytes(), name


def test_shipped_graph_has_no_violations(shipped_report):
    violations = [f for f in shipped_report.findings if f.severity == "Violation"]
    assert violations == []


def test_shipped_warnings_are_the_true_findings(shipped_report):
    """The warnings the README explains, and no others."""
    warnings = {(f.shape.rsplit("#", 1)[-1], f.focus.rsplit("/", 2)[-2] + "/" + f.focus.rsplit("/", 1)[-1])
                for f in shipped_report.findings if f.severity == "Warning"}
    assert warnings == {
        ("DirectorGapKL71", "kungsor/kommundirektor"),
        ("DocumentCurrent", "kungsor/riktlinje-samspel"),
        ("DocumentCurrent", "kommun-c/chefspolicy"),
    }
    gaps = [f for f in shipped_report.findings if f.shape.endswith("DirectorGapKL71")]
    # Kungsör's guideline makes the director förvaltningschef of the board's administration
    # and every förvaltningschef answerable to "styrelsen/nämnden", so the reporting line
    # is stated; who appoints the director is not (issue 13, item 8).
    assert len(gaps) == 1 and "utser" in gaps[0].message["sv"] and "KL 7 kap. 1 §" in gaps[0].message["sv"]


def test_every_triple_is_in_its_named_graph(shipped_files, store):
    """Each curated triple sits in exactly one named graph: an assertion's in its
    document's graph (graph/{key}/{document}), everything else in its organisation's
    (graph/{key}), with each document's source text there too."""
    from styrgraf.vocab import GRAPH_BASE, ID_BASE
    held = {(str(q.subject), str(q.predicate), str(q.object)): q.graph_name.value
            for q in store.store.quads_for_pattern(None, None, None, None)}
    for curated in shipped_files:
        derived = {t.subject for t in curated.triples if t.predicate.value == "http://www.w3.org/ns/prov#wasDerivedFrom"}
        assertions = {t.subject for t in curated.triples if t.object.value == SG_NS + "Assertion"}
        documents = {t.subject: t.object.value for t in curated.triples
                     if t.subject in assertions & derived and t.predicate.value.endswith("wasDerivedFrom")}
        for t in list(curated.triples) + list(loading.text_triples(curated)):
            expected = (GRAPH_BASE + documents[t.subject][len(ID_BASE):] if t.subject in documents
                        else GRAPH_BASE + curated.key)
            assert held[(str(t.subject), str(t.predicate), str(t.object))] == expected, t
    assert len(store.data_files) == len(shipped_files)
