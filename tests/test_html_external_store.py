"""``serve --store URL``: every page, the API and the analyses answer when the store is
an external SPARQL 1.1 store (here a second styrgraf app acting as one, so no Virtuoso
is needed), with the same organisations and counts as the embedded store."""
from __future__ import annotations

import threading

import pytest
import waitress

from styrgraf.store.remote import RemoteStore

K = "https://w3id.org/styrgraf/id/kungsor/"


@pytest.fixture(scope="module")
def external(store, app_factory):
    """A second app (the 'external store') on a free port, and an app serving from it."""
    backend = app_factory(store, QUERY_WORKERS=1, QUERY_TIMEOUT=20.0)
    server = waitress.create_server(backend, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    front = app_factory(RemoteStore(query_url=f"http://127.0.0.1:{server.effective_port}/sparql"),
                        QUERY_TIMEOUT=20.0)
    yield front
    server.close()


@pytest.mark.parametrize("path", [
    "/", "/org/kungsor", "/graph?org=kungsor&org=blekinge", "/api/graph?org=kungsor",
    "/id/kungsor/kommundirektor", "/id/kungsor/riktlinje-samspel", "/def/Director",
    "/resource?iri=https%3A%2F%2Fw3id.org%2Fstyrgraf%2Fid%2Fkungsor%2Fkommunen", "/compare?org=kungsor&org=blekinge",
    "/query", "/api/queries", "/api/queries/cq01-director-reports-to",
    "/api/analysis/chain?node=kungsor:medarbetare", "/api/analysis/structure?org=kungsor",
    "/api/analysis/centrality?top=3", "/sparql?query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D",
])
def test_every_page_answers_from_an_external_store(external, path):
    response = external.test_client().get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]


def test_external_store_gives_the_same_organisations_and_graph(external, app):
    local, remote = app.extensions["styrgraf"], external.extensions["styrgraf"]
    assert remote.organisations() == local.organisations()
    assert sorted(remote.network().graph.edges(keys=True)) == sorted(local.network().graph.edges(keys=True))


def test_validation_page_validates_the_external_store(external, app):
    """What the external store holds is validated (tests/test_store_validation.py
    compares the findings with the files'); the page shows the same report."""
    report = external.extensions["styrgraf"].report.get(wait=120)
    assert report is not None, external.extensions["styrgraf"].report.error
    local = app.extensions["styrgraf"].report.get(wait=120)
    assert {(f.shape, f.focus) for f in report.findings} == {(f.shape, f.focus) for f in local.findings}
    page = external.test_client().get("/validation")
    assert page.status_code == 200 and "Inte tillgänglig" not in page.get_data(as_text=True)


def test_a_server_with_validation_off_says_so_in_the_page_s_language(store, app_factory):
    quiet = app_factory(store, VALIDATE=False)
    swedish = quiet.test_client().get("/validation")
    assert swedish.status_code == 503 and "Valideringen är avstängd på den här servern." in swedish.get_data(as_text=True)
    english = quiet.test_client().get("/validation?lang=en")
    assert "Validation is switched off on this server." in english.get_data(as_text=True)


def test_an_unknown_resource_is_404_and_a_malformed_one_400_on_an_external_store(external):
    client = external.test_client()
    assert client.get("/id/kungsor/no-such-node").status_code == 404
    assert client.get("/resource?iri=a%20b").status_code == 400
