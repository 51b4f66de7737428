"""Review findings on the core and web layer (each test failed before its fix)."""
from __future__ import annotations

import socket

import pytest

from styrgraf.core import Styrgraf
from styrgraf.store.remote import RemoteStore
from styrgraf.web import create_app

SELECT = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1"


def _dead_url() -> str:
    """A URL on which nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/sparql"


@pytest.fixture
def dead_store_app():
    core = Styrgraf(RemoteStore(query_url=_dead_url(), timeout=2), validate=False, warm=False)
    yield create_app({"CORE": core})
    core.close()


@pytest.mark.parametrize("path", ["/api/analysis/chain?node=x", "/sparql", "/api/graph?org=x"])
def test_an_unreachable_external_store_is_a_gateway_error_not_a_500(dead_store_app, path):
    """The network view and the service description ask the store in the server process:
    a store that cannot be reached raised RemoteStoreError, which became a 500."""
    response = dead_store_app.test_client().get(path, headers={"Accept": "application/json"})
    assert response.status_code == 502, response.get_data(as_text=True)
    assert "cannot reach" in response.get_json()["error"]["message"]


@pytest.mark.parametrize("text, media", [(SELECT, "application/sparql-results+json"), (CONSTRUCT, "text/turtle")])
@pytest.mark.parametrize("accept", ["text/turtle, */*;q=0.1", "application/sparql-results+json, */*;q=0.1"])
def test_a_wildcard_after_a_type_that_does_not_fit_gives_the_default(client, text, media, accept):
    """Accept: text/turtle, */*;q=0.1 on a SELECT was 406 although */* accepts anything."""
    response = client.get("/sparql", query_string={"query": text}, headers={"Accept": accept})
    assert response.status_code == 200, response.get_data(as_text=True)
    wanted = accept.split(",")[0]
    expected = wanted if (wanted == "text/turtle") == (media == "text/turtle") else media
    assert response.mimetype == expected


def test_a_client_that_refuses_html_gets_no_html_from_the_endpoint(client):
    """Accept: text/html;q=0 (HTML explicitly refused) was taken for a browser: the bare
    /sparql redirected to the help page and the endpoint's errors came as HTML."""
    refusing = {"Accept": "text/html;q=0, application/json"}
    bare = client.get("/sparql", headers=refusing)
    assert bare.status_code == 200 and bare.mimetype == "text/turtle"  # the service description
    bad = client.get("/sparql", query_string={"query": "SELECT"}, headers=refusing)
    assert bad.status_code == 400 and bad.mimetype == "application/json"
