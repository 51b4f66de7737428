"""The endpoint beyond the W3C cases: the styrgraf dataset, formats, limits, errors."""
from __future__ import annotations

import csv
import io
import json
import time

import pytest

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SG = "https://w3id.org/styrgraf/def#"


def count(response) -> int:
    return int(json.loads(response.data)["results"]["bindings"][0]["n"]["value"])


def test_default_graph_is_the_union(client, store):
    assert count(client.get("/sparql", query_string={"query": COUNT})) == len(store)


def test_organisation_and_evidence_graphs_are_named_graphs(client):
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    graphs = {b["g"]["value"] for b in json.loads(client.get("/sparql", query_string={"query": query}).data)["results"]["bindings"]}
    base = "https://w3id.org/styrgraf/graph/"
    assert {base + k for k in ("kungsor", "kommun-a", "kommun-b", "kommun-c", "blekinge", "vocabulary")} <= graphs
    assert base + "kungsor/riktlinje-samspel" in graphs
    assert base + "registry" in graphs and len(graphs) == 12  # the registry's own graph besides


def test_default_graph_uri_selects_one_organisation(client):
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?d a <{SG}Director> }}"
    only_blekinge = client.get("/sparql", query_string={
        "query": query, "default-graph-uri": "https://w3id.org/styrgraf/graph/blekinge"})
    assert count(only_blekinge) == 1
    assert count(client.get("/sparql", query_string={"query": query})) == 4


def test_from_named_in_the_query(client):
    query = (f"SELECT (COUNT(*) AS ?n) FROM NAMED <https://w3id.org/styrgraf/graph/kungsor/riktlinje-samspel> "
             f"WHERE {{ GRAPH ?g {{ ?a a <{SG}Assertion> }} }}")
    assert count(client.get("/sparql", query_string={"query": query})) == 168  # Kungsör's assertions (issue 13; one more since issue 21)


@pytest.mark.parametrize("accept,media", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("text/html;q=0.9, text/csv", "text/csv"),
])
def test_select_content_negotiation(client, accept, media):
    response = client.get("/sparql", query_string={"query": "SELECT ?d WHERE { ?d a <%sDirector> }" % SG},
                          headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0] == media
    assert response.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("accept,media", [
    ("text/turtle", "text/turtle"), ("application/n-triples", "application/n-triples"),
    ("application/ld+json", "application/ld+json"), ("application/rdf+xml", "application/rdf+xml"),
])
def test_construct_content_negotiation(client, accept, media):
    query = "CONSTRUCT { ?d a <%sDirector> } WHERE { ?d a <%sDirector> }" % (SG, SG)
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["Content-Type"].split(";")[0] == media
    assert b"kommundirektor" in response.data


def test_describe_gives_turtle_by_default(client):
    response = client.get("/sparql", query_string={"query": "DESCRIBE <https://w3id.org/styrgraf/id/kungsor/kso>"})
    assert response.headers["Content-Type"].startswith("text/turtle") and b"kommunstyrelsens ordf" in response.data


def test_format_parameter_for_browsers(client):
    response = client.get("/sparql", query_string={"query": "SELECT ?d WHERE { ?d a <%sDirector> }" % SG, "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.data.decode())))
    assert rows[0] == ["d"] and len(rows) == 5


@pytest.mark.parametrize("params,headers,status,message", [
    ({"query": "SELECT * WHERE { ?s ?p ?o }"}, {"Accept": "text/turtle"}, 406, "can be given as"),
    ({"query": "ASK {}"}, {"Accept": "image/png"}, 406, "none of the accepted"),
    ({"query": "SELECT * WHERE { ?s ?p }"}, {}, 400, "1:"),
    ({"query": "  "}, {}, 400, "empty"),
    ({"query": "DELETE WHERE { ?s ?p ?o }"}, {}, 400, "read-only"),
    ({"query": "LOAD <http://example.org/x>"}, {}, 400, "read-only"),
    ({"update": "CLEAR ALL"}, {}, 400, "read-only"),
    ({"query": "ASK {}", "format": "pdf"}, {}, 406, "unknown format"),
    ({"query": "SELECT * WHERE { ?s ?p ?o } #" + "x" * 100_001}, {}, 413, "limit"),
])
def test_bad_requests(client, store, params, headers, status, message):
    before = len(store)
    response = client.get("/sparql", query_string=params, headers=headers)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)
    assert len(store) == before


def test_errors_are_plain_text_for_sparql_clients_and_json_on_request(client):
    plain = client.get("/sparql", query_string={"query": "SELECT"}, headers={"Accept": "application/sparql-results+xml"})
    assert plain.headers["Content-Type"].startswith("text/plain") and plain.data.startswith(b"400 Bad request")
    as_json = client.get("/sparql", query_string={"query": "SELECT"}, headers={"Accept": "application/json"})
    assert json.loads(as_json.data)["error"]["status"] == 400


def test_wrong_method_and_media_types(client):
    assert client.put("/sparql", data="ASK {}").status_code == 405
    assert client.post("/sparql", data="ASK {}", content_type="text/plain").status_code == 415
    assert client.post("/sparql", data=b"ASK {}", content_type="application/sparql-query; charset=UTF-16").status_code == 415


def test_cors_preflight(client):
    response = client.options("/sparql", headers={"Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST"})
    assert response.status_code == 204
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_service_description(client):
    response = client.get("/sparql")
    assert response.headers["Content-Type"].startswith("text/turtle")
    import rdflib
    graph = rdflib.Graph().parse(data=response.data, format="turtle")
    SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (None, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert len(list(graph.objects(None, SD.name))) == 12  # five organisations, five documents, the registry, the vocabulary


def test_row_cap_refuses_and_the_server_goes_on(app_factory, store):
    capped = app_factory(store, MAX_ROWS=100, QUERY_WORKERS=1).test_client()
    response = capped.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 400 and b"more than 100 rows" in response.data
    assert capped.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200


def test_runaway_query_is_stopped_and_the_server_keeps_serving(app_factory, store):
    limited = app_factory(store, QUERY_TIMEOUT=1.0, QUERY_WORKERS=1).test_client()
    started = time.monotonic()
    response = limited.get("/sparql", query_string={"query": RUNAWAY})
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert b"1 s limit" in response.data
    assert elapsed < 5
    after = limited.get("/sparql", query_string={"query": COUNT})
    assert after.status_code == 200 and count(after) == len(store)


def test_saved_query_api_lists_and_runs(client):
    listing = json.loads(client.get("/api/queries").data)["queries"]
    names = {q["name"] for q in listing}
    assert "cq01-director-reports-to" in names
    first = next(q for q in listing if q["name"] == "cq01-director-reports-to")
    assert first["parameters"][0]["name"] == "org" and first["title"]["en"]
    response = client.get("/api/queries/cq01-director-reports-to", query_string={"org": "blekinge:landstinget"})
    bindings = json.loads(response.data)["results"]["bindings"]
    assert [b["principal"]["value"] for b in bindings] == ["https://w3id.org/styrgraf/id/blekinge/landstingsstyrelsen"]
    as_csv = client.get("/api/queries/cq01-director-reports-to", query_string={"format": "csv"})
    assert as_csv.headers["Content-Type"].startswith("text/csv") and len(as_csv.data.splitlines()) == 7  # 6 rows: Kungsör's line has 3 sentences


@pytest.mark.parametrize("path,status", [
    ("/api/queries/no-such-query", 404),
    ("/api/queries/cq01-director-reports-to?nope=1", 400),
    ("/api/queries/cq12-document-review-status?asOf=someday", 400),
    ("/api/queries/cq01-director-reports-to?org=not%20an%20iri", 400),
    ("/api/queries/..%2F..%2Fetc%2Fpasswd", 404),
    ("/no/such/page", 404),
])
def test_api_errors_are_json(client, path, status):
    response = client.get(path, headers={"Accept": "application/json"})
    assert response.status_code == status
    assert json.loads(response.data)["error"]["status"] == status


def test_parameters_are_bound_as_terms_not_text(client):
    """An injection attempt is just an IRI that matches nothing."""
    evil = "kungsor:kommunen> } UNION { ?s ?p ?o"
    response = client.get("/api/queries/cq01-director-reports-to", query_string={"org": evil})
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert json.loads(response.data)["results"]["bindings"] == []


def test_an_external_store_that_is_down_gives_502_not_500(app_factory):
    from styrgraf.store.remote import RemoteStore
    down = RemoteStore(query_url="http://127.0.0.1:9/sparql", timeout=2)
    client = app_factory(down, QUERY_WORKERS=1).test_client()
    response = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Accept": "application/json"})
    assert response.status_code == 502
    assert "cannot reach" in json.loads(response.data)["error"]["message"]


def test_saved_query_parameters_take_organisation_keys_like_the_cli(client):
    """The API binds ?org=kungsor as the CLI does (one binding in the core), and an
    unknown key is a 404 that says what was meant."""
    by_key = client.get("/api/queries/cq01-director-reports-to", query_string={"org": "kungsor", "format": "csv"})
    by_iri = client.get("/api/queries/cq01-director-reports-to",
                        query_string={"org": "https://w3id.org/styrgraf/id/kungsor/kommunen", "format": "csv"})
    assert by_key.status_code == 200 and by_key.data == by_iri.data and b"kungsor" in by_key.data
    unknown = client.get("/api/queries/cq01-director-reports-to", query_string={"org": "kungsr"})
    assert unknown.status_code == 404 and "kungsor" in unknown.get_json()["error"]["message"]


def test_a_browser_on_the_bare_endpoint_gets_the_help_page_and_a_client_the_description(client):
    browser = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert browser.status_code == 302 and browser.headers["Location"].endswith("/help/sparql")
    tool = client.get("/sparql", headers={"Accept": "*/*"})
    assert tool.status_code == 200 and tool.mimetype == "text/turtle" and b"sd:Service" in tool.data


def test_compliance_checks_a_bounded_number_of_contacts(client):
    many = [("contact", "kungsor:medarbetare,kungsor:kommundirektor")] * 101
    response = client.get("/api/analysis/compliance", query_string=many)
    assert response.status_code == 400 and "at most 100" in response.get_json()["error"]["message"]


def test_the_help_pages_link_to_the_service_description_reaches_it(client):
    html = client.get("/help/sparql", headers={"Accept": "text/html"}).get_data(as_text=True)
    link = html.split('id="service-description"')[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
    followed = client.get(link, headers={"Accept": "text/html,*/*;q=0.8"})
    assert followed.status_code == 200 and b"sd:Service" in followed.data
