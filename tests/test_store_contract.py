"""The store contract (``store.protocol.Store``): the embedded store in memory, on disk,
an external store that is a second ``styrgraf serve`` (its /sparql), and an external
store loaded by ``push``, give the same answers to the same requests."""
from __future__ import annotations

import shutil
import threading

import pyoxigraph as ox
import pytest
import waitress

from fake_sparql_store import FakeStore
from styrgraf import resources, sparql
from styrgraf.sparql import queries
from styrgraf.store import GraphStore, loading
from styrgraf.store.protocol import Store
from styrgraf.store.push import push
from styrgraf.store.remote import RemoteStore
from styrgraf.vocab import GRAPH_BASE, ID_BASE, organisation_graph

KINDS = ["memory", "disk", "served", "pushed"]
SG = "https://w3id.org/styrgraf/def#"
KUNGSOR = organisation_graph("kungsor")
KOMMUN_C = organisation_graph("kommun-c")


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """A copy of the shipped data: every store loads exactly the same files."""
    folder = tmp_path_factory.mktemp("contract") / "data"
    shutil.copytree(resources.data_dir(), folder, ignore=shutil.ignore_patterns("drafts"))
    return folder


@pytest.fixture(scope="module")
def stores(data, tmp_path_factory, app_factory):
    served_app = app_factory(GraphStore.load([data]), QUERY_WORKERS=1, QUERY_TIMEOUT=20.0)
    server = waitress.create_server(served_app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    fake = FakeStore().__enter__()
    pushed = RemoteStore(query_url=fake.query_url, update_url=fake.update_url)
    push(pushed, [data])
    yield {
        "memory": GraphStore.load([data]),
        "disk": GraphStore.open_or_load(tmp_path_factory.mktemp("contract-disk") / "sd", [data]),
        "served": RemoteStore(query_url=f"http://127.0.0.1:{server.effective_port}/sparql"),
        "pushed": RemoteStore(query_url=fake.query_url),
    }
    server.close()
    fake.__exit__()


@pytest.fixture(params=KINDS)
def kind(request):
    return request.param


def _value(term) -> str:
    # GROUP_CONCAT's order is not defined by SPARQL: compare its parts as a set.
    return " | ".join(sorted(term.value.split(" | "))) if " | " in term.value else term.value


def rows(store, text, **kwargs) -> list:
    outcome = sparql.execute(store, text, **kwargs)
    assert outcome.kind == "select"
    return sorted(tuple(sorted((k, type(v).__name__, _value(v)) for k, v in r.items())) for r in outcome.rows)


def same(stores, kind, answer):
    """The answer on ``kind`` equals the answer on the embedded store in memory."""
    assert answer(stores[kind]) == answer(stores["memory"])
    return answer(stores[kind])


def test_every_store_satisfies_the_protocol(stores, kind, data):
    store = stores[kind]
    assert isinstance(store, Store)
    assert store.description()
    assert len(store.reopen()) == len(store)
    if kind in ("memory", "disk"):
        assert store.data_paths == [str(data.resolve())] and len(store.data_files) == 6
    else:
        assert store.data_paths is None and store.data_files == []
        assert store.description().startswith("external SPARQL 1.1 store at http://127.0.0.1:")


def test_graph_names_and_size(stores, kind):
    names = same(stores, kind, lambda s: s.graph_names())
    assert KUNGSOR in names and GRAPH_BASE + "vocabulary" in names and len(names) > 10
    assert same(stores, kind, len) > 3000


@pytest.mark.parametrize("name", sorted(n for n in queries.library() if n.startswith("cq")))
def test_saved_queries(stores, kind, name):
    saved = queries.find(name)
    assert same(stores, kind, lambda s: rows(s, saved.text, substitutions=saved.bind({})))


def test_saved_query_with_a_parameter(stores, kind):
    saved = queries.find("cq01-director-reports-to")
    every = same(stores, kind, lambda s: rows(s, saved.text))
    bound = saved.bind({"org": "kungsor:kommunen"})
    answer = same(stores, kind, lambda s: rows(s, saved.text, substitutions=bound))
    assert answer and len(answer) < len(every)
    assert all(("org", "NamedNode", ID_BASE + "kungsor/kommunen") in row for row in answer)


@pytest.mark.parametrize("text, bindings, expected", [
    ("SELECT * WHERE { ?s ?p ?o }", {"s": ox.NamedNode(ID_BASE + "kungsor/kommundirektor")}, None),
    # the bound variable is not projected (Oxigraph's substitutions refuse that)
    ("SELECT ?p ?o WHERE { ?s ?p ?o }", {"s": ox.NamedNode(ID_BASE + "kungsor/kommundirektor")}, None),
    # nor is it a group key: bound before grouping
    ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": ox.NamedNode(KUNGSOR)}, 1),
    ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", {"g": ox.NamedNode(KUNGSOR)}, 1),
    # literals with a language, quotes and a line break, bound as terms
    ('SELECT ?s WHERE { ?s ?p ?label }', {"label": ox.Literal('kommundirektör "KD"\nx', language="sv")}, 0),
    ("SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label }",
     {"label": ox.Literal("kommundirektör", language="sv")}, None),
])
def test_bound_variables(stores, kind, text, bindings, expected):
    answer = same(stores, kind, lambda s: rows(s, text, substitutions=bindings))
    if expected is not None:
        assert len(answer) == expected
    else:
        assert answer


@pytest.mark.parametrize("text, expected", [
    (f"ASK {{ ?s a <{SG}Director> }}", True),
    (f"ASK {{ ?s a <{SG}NoSuchClass> }}", False),
])
def test_ask(stores, kind, text, expected):
    assert same(stores, kind, lambda s: sparql.execute(s, text).boolean) is expected


@pytest.mark.parametrize("text", [
    f"CONSTRUCT {{ ?d ?p ?o }} WHERE {{ ?d a <{SG}Director> ; ?p ?o }}",
    f"CONSTRUCT WHERE {{ ?d a <{SG}Director> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }}",
    f"DESCRIBE <{ID_BASE}kungsor/kommundirektor>",
])
def test_construct_and_describe(stores, kind, text):
    triples = same(stores, kind, lambda s: sorted(map(str, sparql.execute(s, text).triples)))
    assert len(triples) > 5


def test_datasets(stores, kind):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    one = same(stores, kind, lambda s: rows(s, count, default_graphs=[KUNGSOR]))
    both = same(stores, kind, lambda s: rows(s, count, default_graphs=[KUNGSOR, KOMMUN_C]))
    assert int(one[0][0][2]) < int(both[0][0][2]) < len(stores["memory"])
    assert same(stores, kind, lambda s: rows(s, graphs, named_graphs=[KUNGSOR, KOMMUN_C])) == \
        sorted(((("g", "NamedNode", g),) for g in (KUNGSOR, KOMMUN_C)))
    assert same(stores, kind, lambda s: rows(s, f"SELECT (COUNT(*) AS ?n) FROM <{KUNGSOR}> WHERE {{ ?s ?p ?o }}")) == one


def test_base_iri(stores, kind):
    answer = same(stores, kind, lambda s: rows(s, "SELECT ?x WHERE { BIND (<kommundirektor> AS ?x) }",
                                               base_iri=ID_BASE + "kungsor/"))
    assert answer == [(("x", "NamedNode", ID_BASE + "kungsor/kommundirektor"),)]


def test_a_query_that_does_not_parse(stores, kind):
    with pytest.raises(sparql.QuerySyntaxError):
        sparql.execute(stores[kind], "SELECT ?x WHERE {")


def test_unreadable_data_gives_no_store(tmp_path, data):
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(loading.DataError, match="broken.ttl"):
        GraphStore.load([data, broken])


@pytest.mark.parametrize("media, body", [
    ("application/sparql-results+json", b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"uri"}}]}}'),
    ("application/sparql-results+json", b"garbage"),
    ("application/n-triples", b"<a> <b> ."),
    ("text/html", b"<html></html>"),
])
def test_an_external_answer_that_cannot_be_read(media, body):
    from styrgraf.store.remote import RemoteStoreError

    def app(_environ, start_response):
        start_response("200 OK", [("Content-Type", media), ("Content-Length", str(len(body)))])
        return [body]

    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=1)
    threading.Thread(target=server.run, daemon=True).start()
    try:
        with pytest.raises(RemoteStoreError, match="cannot read|cannot be read"):
            RemoteStore(query_url=f"http://127.0.0.1:{server.effective_port}/sparql").query("SELECT * {}")
    finally:
        server.close()
