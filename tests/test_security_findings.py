"""Issue 10's findings, each as a user meets it, through real HTTP (waitress): nesting
that overflowed the parser, operator chains, SPARQL injection, SERVICE to a local socket,
the 500s for bad input, control characters in XML results, bounded work under pressure
and an external store behind ``serve --store URL``."""
from __future__ import annotations

import json
import time
import xml.dom.minidom
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import pyoxigraph as ox
import pytest
import requests

from styrgraf.store import GraphStore
from test_security_support import TIMEOUT, Trap, assert_alive, counts, serving, timed

JSON = {"Accept": "application/json"}
CQ01 = "cq01-director-reports-to"
INJECTION = "urn:x> ?p ?o } UNION { ?s ?p ?o } } #"
OVERFLOW = "x> ?p ?o } UNION " + "{" * 5000  # the path that killed the process group
# A 3-way cross join of the whole store: runs until the time limit stops it.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def get(base: str, path: str, **kwargs) -> requests.Response:
    kwargs.setdefault("timeout", TIMEOUT)
    return requests.get(base + path, **kwargs)


def sparql(base: str, text: str, method: str = "get", **kwargs) -> requests.Response:
    """A query through /sparql: GET, a form POST or a direct POST."""
    headers = {"Accept": "application/sparql-results+json", **kwargs.pop("headers", {})}
    if method == "get":
        return requests.get(base + "/sparql", params={"query": text, **kwargs}, headers=headers, timeout=TIMEOUT)
    if method == "form":
        return requests.post(base + "/sparql", data={"query": text, **kwargs}, headers=headers, timeout=TIMEOUT)
    return requests.post(base + "/sparql", data=text.encode("utf-8"), params=kwargs, timeout=TIMEOUT,
                         headers={**headers, "Content-Type": "application/sparql-query"})


# --- Nesting and operator chains: refused before any parser, the server lives on -------------

@pytest.mark.parametrize("path", [
    "/def/" + quote(OVERFLOW),
    "/id/" + quote(OVERFLOW),
    "/resource?iri=" + quote("urn:" + OVERFLOW),
    "/def/x" + "%257B" * 1500,  # a well-formed IRI full of escaped braces: a bound term, never text
])
def test_deep_nesting_in_a_page_url_is_a_4xx_and_the_server_lives(live_server, path):
    response, seconds = timed(lambda: get(live_server, path, headers=JSON))
    assert response.status_code in (400, 404), response.text[:300]
    assert response.json()["error"]["message"]
    assert seconds < 5
    assert_alive(live_server)


@pytest.mark.parametrize("method", ["get", "form", "direct"])
@pytest.mark.parametrize("text", [
    "SELECT * WHERE " + "{" * 5000 + "}" * 5000,
    "SELECT * WHERE { FILTER (" + "(" * 5000 + "1" + ")" * 5000 + ") }",
    "SELECT * WHERE { ?s ?p " + "[ ?p " * 3000 + "?o" + " ]" * 3000 + " }",
    "SELECT * WHERE { FILTER (?x<" + "(" * 5000 + "?y" + ")" * 5000 + ">?z) }",  # looks like an IRI to a lexer
    "PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:a\\#b ?o . " + "{" * 5000 + "}" * 5000 + " }",
])
def test_a_deeply_nested_query_is_refused_with_400(live_server, text, method):
    response = sparql(live_server, text, method)
    assert response.status_code == 400, response.text[:300]
    assert "nested too deeply" in response.text
    assert_alive(live_server)


@pytest.mark.parametrize("text", [
    "SELECT (" + "1+" * 20_000 + "1 AS ?x) WHERE {}",
    "SELECT * WHERE { FILTER (" + "true || " * 12_000 + "true) }",
    "SELECT * WHERE { FILTER (?a<?b" + "&&?c" * 12_000 + ">?z) }",
    "SELECT * WHERE { ?s " + "^<p>/" * 10_000 + "<p> ?o }",
])
def test_a_long_operator_chain_is_refused_with_400(live_server, text):
    response = sparql(live_server, text, "form")
    assert response.status_code == 400, response.text[:300]
    assert "operators" in response.text
    assert_alive(live_server)


def test_a_query_that_kills_its_worker_gets_400_and_the_worker_is_replaced(live_server):
    """Oxigraph overflows on ~8,000 UNIONs in a row: no nesting, only the worker dies."""
    before = counts(live_server)
    response = sparql(live_server, "SELECT * WHERE { {}" + " UNION {}" * 9_000 + " }", "form")
    assert response.status_code == 400, response.text[:300]
    assert response.json()["error"]["message"]
    for _ in range(4):  # every worker answers afterwards
        assert_alive(live_server)
    assert counts(live_server) == before


# --- Injection: values from a URL are bound terms, never query text ---------------------------

@pytest.mark.parametrize("path", [
    "/resource?iri=" + quote(INJECTION),
    "/id/" + quote("x> ?p ?o } UNION { ?s ?p ?o } } #"),
    "/def/" + quote("x> ?p ?o } UNION { ?s ?p ?o } } #"),
    "/resource?iri=" + quote("urn:x%3E%20%3Fp%20%3Fo%20%7D%20UNION%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D%20%7D"),
    f"/api/queries/{CQ01}?org=" + quote(INJECTION),
    f"/query/run?saved={CQ01}&org=" + quote(INJECTION),
])
def test_injection_is_refused_quickly_and_never_runs_the_join(live_server, path):
    """The join the injection asks for runs until the time limit (5 s): a quick 400 or
    404 shows it never ran."""
    response, seconds = timed(lambda: get(live_server, path, headers=JSON))
    assert response.status_code in (400, 404), response.text[:300]
    assert seconds < 2


# --- SERVICE: no outbound request unless the operator allows the endpoint ---------------------

def service_queries(url: str) -> list[str]:
    """SERVICE as written plainly and in every disguise the guard must see through."""
    host = url.rsplit("/", 1)[0] + "/"
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ sErViCe <{url}> {{ ?s ?p ?o }} }}",
        f"PREFIX trap: <{host}> SELECT * WHERE {{ SERVICE trap:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE#comment\n<{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND (<http://x\\u0041#> AS ?z) SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"PREFIX ex: <http://e/> SELECT * WHERE {{ ?s ex:a\\' ?o . SERVICE <{url}> {{ ?s ?p ?o }} ?s ?p 'x' }}",
        f"PREFIX ex: <http://e/> SELECT * WHERE {{ BIND (ex:a\\#b AS ?z) SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"ASK {{ SERVICE <{url}> {{ }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    ]


@pytest.fixture
def trap():
    listening = Trap()
    yield listening
    listening.close()


def test_service_is_refused_everywhere_and_nothing_connects(live_server, trap):
    for text in service_queries(trap.url):
        for response in (sparql(live_server, text, "get"), sparql(live_server, text, "form"),
                         sparql(live_server, text, "direct"),
                         requests.post(live_server + "/query/run", data={"query": text}, timeout=TIMEOUT),
                         get(live_server, "/query/run", params={"query": text}),
                         get(live_server, "/query", params={"query": text}, headers={"Accept": "text/html"})):
            assert response.status_code == 400, (text, response.status_code, response.text[:300])
            assert "SERVICE" in response.text, text
    time.sleep(0.3)
    assert trap.connections == []


def test_an_allowed_service_is_called_and_no_other(app_factory, store, live_server, trap):
    """ALLOWED_SERVICES (``serve --allow-service URL``) names endpoints queries may call:
    here the live server's own /sparql; the trap stays unreached."""
    allowed = live_server + "/sparql"
    app = app_factory(store, QUERY_WORKERS=1, ALLOWED_SERVICES=[allowed])
    with serving(app) as base:
        director = "<https://w3id.org/styrgraf/def#Director>"
        response = sparql(base, f"SELECT ?d WHERE {{ SERVICE <{allowed}> {{ ?d a {director} }} }} LIMIT 3")
        assert response.status_code == 200, response.text[:300]
        assert len(response.json()["results"]["bindings"]) == 3
        refused = sparql(base, f"SELECT * WHERE {{ SERVICE <{trap.url}> {{ ?s ?p ?o }} }}")
        assert refused.status_code == 400 and allowed in refused.text
    time.sleep(0.3)
    assert trap.connections == []


# --- Bad input gives 400 or 404 naming what is wrong, never 500 or 502 ------------------------

@pytest.mark.parametrize("path,name", [
    ("/resource?iri=a%20b", "iri"),
    ("/resource?iri=%00", "iri"),
    ("/resource?iri=urn:x%E2%80%8By", "iri"),
    ("/resource?iri=urn:x%25", "iri"),
    ("/resource?iri=", "iri"),
    ("/resource", "iri"),
    ("/id/a%20b", "path"),
    ("/id/%00", "path"),
    ("/id/x%E2%80%8By", "path"),
    ("/def/x%EF%BB%BF", "path"),
    ("/id/x%25", "path"),
    (f"/api/queries/{CQ01}?org=" + quote("http://["), "org"),
    (f"/api/queries/{CQ01}?org=" + quote("urn:x%"), "org"),
    (f"/query/run?saved={CQ01}&org=" + quote("http://["), "org"),
    (f"/query?saved={CQ01}&org=" + quote("http://["), "org"),
    ("/api/analysis/centrality?top=%C2%B2", "top"),
    ("/api/analysis/centrality?top=" + "9" * 5000, "top"),
    ("/api/analysis/centrality?top=0", "top"),
    ("/api/analysis/centrality?top=-1", "top"),
    ("/api/graph", "org"),
    ("/api/analysis/chain", "node"),
    ("/api/analysis/chain?node=a%20b", "node"),
    ("/api/analysis/route", "from"),
    ("/api/analysis/compare?org=kommun-a", "org"),
    ("/sparql?query=ASK%7B%7D&default-graph-uri=a%20b", "default-graph-uri"),
    ("/sparql?query=ASK%7B%7D&named-graph-uri=" + quote("http://["), "named-graph-uri"),
    ("/sparql?query=ASK%7B%7D&default-graph-uri=%00", "default-graph-uri"),
])
def test_bad_input_is_400_naming_the_parameter(live_server, path, name):
    response = get(live_server, path, headers=JSON)
    assert response.status_code == 400, response.text[:300]
    if path.startswith("/query?"):  # the query page answers HTML whatever is asked, keeping the text
        assert f"&#39;{name}&#39;" in response.text or f"'{name}'" in response.text
        return
    body = response.json()
    assert body["error"]["status"] == 400 and name in body["error"]["message"]


@pytest.mark.parametrize("path", [
    f"/api/queries/{CQ01}?org=" + quote("urn:x%00y"),
    f"/query/run?saved={CQ01}&org=" + quote("urn:x%00y"),
    "/resource?iri=" + quote("urn:x%00y"),
    "/id/nobody-here",
    "/org/" + quote("a b"),
    "/graph?org=nowhere",
    "/api/queries/" + quote("no such query"),
    "/api/analysis/chain?node=urn:nothing",
])
def test_well_formed_but_unknown_values_are_404_or_an_empty_answer(live_server, path):
    """``urn:x%00y`` is a well-formed IRI (``%00`` is an escape): no 500, at most nothing found."""
    response = get(live_server, path, headers=JSON)
    assert response.status_code in (200, 404), response.text[:300]
    if response.status_code == 200:
        assert response.json()["results"]["bindings"] == []


@pytest.mark.parametrize("method", ["get", "form", "direct"])
def test_bad_dataset_iris_are_400_not_502(live_server, method):
    response = sparql(live_server, "ASK {}", method, **{"default-graph-uri": "not an iri"})
    assert response.status_code == 400 and "default-graph-uri" in response.text
    response = sparql(live_server, "ASK {}", method, **{"named-graph-uri": "http://["})
    assert response.status_code == 400 and "named-graph-uri" in response.text


# --- Results valid for their format whatever the data holds -----------------------------------

CONTROL = "a\x00b\x0bc\x1bd\ufffe"
THING = "https://w3id.org/styrgraf/id/probe/thing"


@pytest.fixture(scope="module")
def control_server(app_factory):
    """A store holding a literal with characters XML cannot carry (NUL among them)."""
    oxstore = ox.Store()
    graph = ox.NamedNode("https://w3id.org/styrgraf/graph/probe")
    oxstore.add(ox.Quad(ox.NamedNode(THING), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                        ox.Literal(CONTROL), graph))
    with serving(app_factory(GraphStore(store=oxstore), QUERY_WORKERS=1, VALIDATE=False)) as base:
        yield base


def assert_xml_or_406(response):
    """Either well-formed XML without raw control characters, or a 406 that says why."""
    if response.status_code == 406:
        assert "XML cannot carry" in response.text and "U+" in response.text
        return
    assert response.status_code == 200, response.text[:300]
    assert b"\x00" not in response.content
    xml.dom.minidom.parseString(response.content)


@pytest.mark.parametrize("method", ["get", "form"])
def test_control_characters_in_xml_results(control_server, method):
    select = "SELECT ?l WHERE { ?s ?p ?l }"
    construct = "CONSTRUCT WHERE { ?s ?p ?o }"
    assert_xml_or_406(sparql(control_server, select, method, headers={"Accept": "application/sparql-results+xml"}))
    assert_xml_or_406(sparql(control_server, construct, method, headers={"Accept": "application/rdf+xml"}))
    as_json = sparql(control_server, select, method)
    assert as_json.status_code == 200
    assert as_json.json()["results"]["bindings"][0]["l"]["value"] == CONTROL
    turtle = sparql(control_server, construct, method, headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200 and b"\x00" not in turtle.content
    assert [t.object.value for t in ox.parse(turtle.content, format=ox.RdfFormat.TURTLE)] == [CONTROL]


@pytest.mark.parametrize("fmt", ["rdf", "xml", "rdfxml"])
def test_control_characters_in_a_resource_page_as_rdf_xml(control_server, fmt):
    assert_xml_or_406(get(control_server, f"/resource?iri={quote(THING)}&format={fmt}"))
    as_jsonld = get(control_server, f"/resource?iri={quote(THING)}&format=jsonld")
    assert as_jsonld.status_code == 200
    assert json.loads(as_jsonld.content)[0]["http://www.w3.org/2000/01/rdf-schema#label"][0]["@value"] == CONTROL


# --- Bounded work: a fixed pool, a short wait, then 503 with Retry-After ----------------------

def test_busy_workers_give_503_with_retry_after_and_nothing_hangs(app_factory, store):
    app = app_factory(store, QUERY_WORKERS=1, QUEUE_WAIT=0.3, QUERY_TIMEOUT=1.5, VALIDATE=False)
    with serving(app, threads=12) as base:
        start = time.monotonic()
        with ThreadPoolExecutor(10) as pool:
            responses = list(pool.map(lambda _: sparql(base, SLOW, "form"), range(10)))
        seconds = time.monotonic() - start
        statuses = [r.status_code for r in responses]
        assert set(statuses) == {503}, statuses  # stopped at the limit, or refused as busy
        busy = [r for r in responses if "Retry-After" in r.headers]
        assert len(busy) >= 5, statuses
        assert all(int(r.headers["Retry-After"]) > 0 for r in busy)
        assert any("1.5 s" in r.text for r in responses)  # the one that ran names the limit
        assert seconds < 1.5 + 0.3 + 5  # one query at a time, the others turned away quickly
        assert_alive(base)


# --- serve --store URL: the pages over an external store --------------------------------------

def test_pages_over_an_external_store_answer(app_factory, live_server):
    """The home page answered 500 (AttributeError: data_files) over ``--store URL``."""
    app = app_factory(None, STORE_URL=live_server + "/sparql", QUERY_WORKERS=1)
    with serving(app) as base:
        home = get(base, "/")
        assert home.status_code == 200, home.text[:300]
        assert "kommun-a" in home.text
        assert get(base, f"/api/queries/{CQ01}", headers=JSON).json()["results"]["bindings"]


# --- Memory: the row cap alone does not bound an answer -----------------------------------

def test_an_answer_that_would_fill_memory_is_refused(live_server):
    """Twenty doublings make a 10 MB string; 100 rows of it are 1 GB of text in the worker
    (and several GB as JSON) long before the time limit: refused after 64 M characters."""
    binds = " ".join(f"BIND (CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(20))
    rows = " ".join(str(i) for i in range(100))
    text = f'SELECT ?r ?v20 WHERE {{ BIND ("0123456789" AS ?v0) {binds} VALUES ?r {{ {rows} }} }}'
    response, seconds = timed(lambda: sparql(live_server, text, "form"))
    assert response.status_code == 400, response.text[:300]
    assert "characters of text" in response.json()["error"]["message"]
    assert seconds < 5
    assert_alive(live_server)
