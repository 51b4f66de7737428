"""Loading puts each assertion straight into its document's graph: the quads are the
ones the former load gave (the whole file into the organisation's graph, then the
assertions moved out by a SPARQL update, kept here as the reference), on the shipped
data, on a synthetic set and on files with the odd cases."""
from __future__ import annotations

import textwrap

import pyoxigraph as ox
import pytest

from styrgraf import resources
from styrgraf.store import GraphStore, loading
from styrgraf.store.oxigraph import drop_restated
from styrgraf.tools import synth
from styrgraf.vocab import GRAPH_BASE, ID_BASE, SG, VOCABULARY_GRAPH, organisation_graph

MOVE_ASSERTIONS = f"""PREFIX sg: <{SG}> PREFIX prov: <http://www.w3.org/ns/prov#>
DELETE {{ GRAPH <GRAPH_NAME> {{ ?a ?p ?o }} }} INSERT {{ GRAPH ?evidence {{ ?a ?p ?o }} }}
WHERE {{ GRAPH <GRAPH_NAME> {{ ?a a sg:Assertion ; prov:wasDerivedFrom ?d . ?a ?p ?o }}
        BIND (IRI(CONCAT("{GRAPH_BASE}", STRAFTER(STR(?d), "{ID_BASE}"))) AS ?evidence) }}"""
SOURCE_FILES = """SELECT ?doc ?file WHERE { GRAPH <GRAPH_NAME> { ?doc <https://w3id.org/styrgraf/def#sourceFile> ?file } }"""


def reference_load(paths) -> set:
    """The load as it was before (commit 7886dd4): bulk load, move, texts."""
    store = ox.Store()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(VOCABULARY_GRAPH))
                      for t in loading.read_vocabulary())
    for path in loading.find_turtle_files([str(p) for p in paths]):
        graph = ox.NamedNode(organisation_graph(path.stem))
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri(), to_graph=graph)
        store.update(MOVE_ASSERTIONS.replace("GRAPH_NAME", graph.value))
        for row in store.query(SOURCE_FILES.replace("GRAPH_NAME", graph.value)):
            store.add(ox.Quad(row["doc"], loading.TEXT,
                              ox.Literal(loading.read_source(path, row["file"].value)), graph))
    drop_restated(store)  # since the registry (issue 22): its copy of what a file states itself goes
    return set(store)


def assert_same_quads(paths):
    loaded = set(GraphStore.load(paths).store)
    reference = reference_load(paths)
    assert not any(isinstance(term, ox.BlankNode) for q in reference for term in q)  # else compare up to renaming
    assert loaded == reference, (sorted(map(str, loaded - reference))[:5], sorted(map(str, reference - loaded))[:5])
    return loaded


def test_shipped_data_loads_into_the_same_quads():
    quads = assert_same_quads([resources.data_dir()])
    graphs = {q.graph_name.value for q in quads}
    assert any(g.startswith(GRAPH_BASE + "kungsor/") for g in graphs) and GRAPH_BASE + "kungsor" in graphs


def test_a_synthetic_set_loads_into_the_same_quads(tmp_path):
    synth.synthesise(5, tmp_path, seed=9, faults=True)
    assert len(assert_same_quads([tmp_path])) > 10_000


def test_odd_assertions_load_as_before(tmp_path):
    """Two documents for one assertion, a document outside id/, a document that is a
    literal, an assertion without a document, a source file on an assertion."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "t.txt").write_text("text", encoding="utf-8")
    (tmp_path / "t.ttl").write_text(textwrap.dedent(f"""
        @prefix sg: <{SG}> . @prefix prov: <http://www.w3.org/ns/prov#> . @prefix t: <{ID_BASE}t/> .
        t:doc a sg:GoverningDocument ; sg:sourceFile "t.txt" .
        t:a1 a sg:Assertion ; prov:wasDerivedFrom t:doc, t:other ; sg:quote "x" .
        t:a2 a sg:Assertion ; prov:wasDerivedFrom <https://example.org/doc> .
        t:a3 a sg:Assertion ; prov:wasDerivedFrom "a literal document" .
        t:a4 a sg:Assertion ; sg:quote "no document" .
        t:a5 a sg:Assertion ; prov:wasDerivedFrom t:doc ; sg:sourceFile "t.txt" .
        t:x sg:reportsTo t:y .
        """), encoding="utf-8")
    quads = assert_same_quads([tmp_path])
    assert {q.graph_name.value for q in quads if q.subject.value.endswith("/a1")} == \
        {GRAPH_BASE + "t/doc", GRAPH_BASE + "t/other"}


def test_an_unreadable_file_is_named_as_before(tmp_path):
    """The same message, line and column as when Oxigraph's bulk loader read the file."""
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix sg: <https://w3id.org/styrgraf/def#> .\nsg:a sg:b sg:c .\nsg:c sg:d", encoding="utf-8")
    with pytest.raises(SyntaxError) as before:
        ox.Store().bulk_load(path=str(bad), format=ox.RdfFormat.TURTLE, base_iri=bad.resolve().as_uri())
    with pytest.raises(loading.DataError) as caught:
        GraphStore.load([tmp_path])
    assert str(caught.value) == str(loading.unreadable(bad, before.value)) and "bad.ttl:3:" in str(caught.value)


def _load_with(files, jobs: int) -> set:
    store = GraphStore(store=ox.Store())
    store.load_files(files, jobs)
    return set(store.store)


def test_worker_processes_give_the_same_quads(tmp_path):
    """A large dataset is routed in worker processes: the quads are the caller's own."""
    synth.synthesise(4, tmp_path, seed=3, faults=True)
    files = loading.find_turtle_files([tmp_path])
    assert len(files) > 3
    in_caller = _load_with(files, 1)
    assert _load_with(files, 2) == in_caller and _load_with(files, 3) == in_caller
    assert not any(isinstance(term, ox.BlankNode) for q in in_caller for term in q)


def test_worker_processes_name_every_bad_file(tmp_path):
    """Errors met in the workers reach the caller whole: file, line, column, reason."""
    synth.synthesise(3, tmp_path, seed=3)
    (tmp_path / "zz-bad.ttl").write_text("@prefix sg: <https://w3id.org/styrgraf/def#> .\nsg:a sg:b", encoding="utf-8")
    (tmp_path / "aa-cites.ttl").write_text(
        '<https://w3id.org/styrgraf/id/aa/d> <https://w3id.org/styrgraf/def#sourceFile> "gone.txt" .',
        encoding="utf-8")
    files = loading.find_turtle_files([tmp_path])
    with pytest.raises(loading.DataError) as in_caller:
        _load_with(files, 1)
    with pytest.raises(loading.DataError) as in_workers:
        _load_with(files, 2)
    assert str(in_workers.value) == str(in_caller.value)
    assert "zz-bad.ttl:2:" in str(in_workers.value) and "'gone.txt' is not in" in str(in_workers.value)


def test_a_file_name_that_cannot_name_a_graph_is_named_not_a_traceback(tmp_path):
    """In the caller and in a worker alike: that file is named with the reason, and the
    files after it (in the same worker) are still read."""
    synth.synthesise(2, tmp_path, seed=3)
    (tmp_path / "a b.ttl").write_text("<urn:x> <urn:p> <urn:o> .", encoding="utf-8")
    files = loading.find_turtle_files([tmp_path])
    messages = []
    for jobs in (1, 2):
        with pytest.raises(loading.DataError) as caught:
            _load_with(files, jobs)
        messages.append(str(caught.value))
        assert len(caught.value.errors) == 1 and "'a b' cannot name a graph" in str(caught.value)
    assert messages[0] == messages[1]


def test_an_assertion_from_a_blank_document_stays_in_the_organisation_s_graph(tmp_path):
    """A document written as a blank node names no graph: its assertions stay, whole, in
    the organisation's graph (they were dropped), next to the document and its text."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "t.txt").write_text("Styrelsen utser direktören.", encoding="utf-8")
    (tmp_path / "t.ttl").write_text(textwrap.dedent(f"""
        @prefix sg: <{SG}> . @prefix prov: <http://www.w3.org/ns/prov#> . @prefix t: <{ID_BASE}t/> .
        @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        _:doc a sg:GoverningDocument ; sg:sourceFile "t.txt" .
        t:ks sg:appoints t:kd .
        [] a sg:Assertion ; rdf:subject t:ks ; rdf:predicate sg:appoints ; rdf:object t:kd ;
            prov:wasDerivedFrom _:doc ; sg:quote "Styrelsen utser direktören." .
        """), encoding="utf-8")
    quads = set(GraphStore.load([tmp_path]).store)
    assertion = [q for q in quads if q.predicate.value == SG + "quote"]
    assert len(assertion) == 1 and assertion[0].graph_name.value == GRAPH_BASE + "t"
    document = next(q.object for q in quads if q.predicate.value.endswith("wasDerivedFrom"))
    assert any(q.subject == document and q.predicate == loading.TEXT for q in quads)
