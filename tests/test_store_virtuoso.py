"""The external store: Virtuoso Open Source from Debian, started on 127.0.0.1 with a
temporary database. The same competency answers as the embedded store; a failed push
leaves the previous data intact; the endpoint serves from it."""
from __future__ import annotations

import json

import pytest

from styrgraf.store import loading, remote
from styrgraf.store.push import push
from styrgraf.sparql import queries
from styrgraf import sparql
from styrgraf.tools import virtuoso
from styrgraf.store import GraphStore

pytestmark = pytest.mark.virtuoso
CQ = sorted(n for n in queries.library() if n.startswith("cq"))


@pytest.fixture(scope="module")
def server():
    if not virtuoso.available():
        pytest.fail("Virtuoso is not installed: .ci/run installs Debian's virtuoso-opensource")
    with virtuoso.VirtuosoServer() as running:
        yield running


@pytest.fixture(scope="module")
def pushed(server):
    store = remote.RemoteStore(query_url=server.query_url, update_url=server.update_url, user="dba", password="dba")
    result = push(store)
    assert result["files"] == 6  # the five curated files and the registry
    return store


def _value(term) -> str:
    # GROUP_CONCAT's order is not defined by SPARQL: compare its parts as a set.
    return " | ".join(sorted(term.value.split(" | "))) if " | " in term.value else term.value


def rows(store, name, **params):
    saved = queries.find(name)
    outcome = sparql.execute(store, saved.text, substitutions=saved.bind(params))
    return sorted(tuple(sorted((k, _value(v)) for k, v in r.items())) for r in outcome.rows)


@pytest.mark.parametrize("name", CQ)
def test_same_competency_answers_as_the_embedded_store(pushed, store, name):
    assert rows(pushed, name) == rows(store, name)


def test_parameters_bind_on_the_remote_store(pushed, store):
    assert rows(pushed, "cq01-director-reports-to", org="blekinge:landstinget") == \
        rows(store, "cq01-director-reports-to", org="blekinge:landstinget")
    assert len(rows(pushed, "cq01-director-reports-to", org="blekinge:landstinget")) == 1


def test_graphs_and_size_match(pushed, store):
    assert pushed.graph_names() == store.graph_names()
    assert len(pushed) == len(store)


def test_failed_push_leaves_the_previous_data(pushed, server, tmp_path):
    before = len(pushed)
    # bad data: nothing is sent
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix sg: <https://w3id.org/styrgraf/def#> .\n<a> sg:x \"unterminated .\n", encoding="utf-8")
    with pytest.raises(loading.DataError):
        push(pushed, [broken])
    # store down (nothing listens there): nothing changes either
    down = remote.RemoteStore(query_url="http://127.0.0.1:9/sparql", update_url="http://127.0.0.1:9/sparql", timeout=3)
    with pytest.raises(remote.RemoteStoreError):
        push(down)
    # refused half way (wrong password): the live graphs stay as they were
    refused = remote.RemoteStore(query_url=server.query_url, update_url=server.update_url, user="dba", password="wrong")
    with pytest.raises(remote.RemoteStoreError):
        push(refused)
    assert len(pushed) == before
    assert rows(pushed, "cq16-urgent-initiative")


def test_push_replaces_an_organisation(pushed, store, server):
    one = loading.resources.data_dir() / "kommun-c.ttl"
    push(pushed, [one])
    assert {g.rsplit("/", 2)[-2] if g.count("/") > 5 else g.rsplit("/", 1)[-1] for g in pushed.graph_names()} >= {"kommun-c"}
    assert not any("kungsor" in g for g in pushed.graph_names())  # graphs not pushed again are dropped
    push(pushed)  # and back to all five
    assert len(pushed) == len(store)


def test_serve_from_the_remote_store(pushed, store, app_factory):
    client = app_factory(remote.RemoteStore(query_url=pushed.query_url), QUERY_WORKERS=1).test_client()
    response = client.get("/api/queries/cq09-acute-chain")
    assert len(json.loads(response.data)["results"]["bindings"]) == len(rows(store, "cq09-acute-chain")) > 0
    assert client.get("/org/kungsor").status_code == 200
    assert json.loads(client.get("/api/analysis/route?from=kungsor:medarbetare&to=kungsor:kommundirektor").data)["labels"][-1] \
        == "kommundirektör (KD)"
    assert client.get("/sparql", query_string={"query": "SELECT"}).status_code == 400


@pytest.mark.parametrize("path, text", [
    ("/def/Director", "kommundirektör"), ("/def/Assertion", "Assertion"), ("/id/kungsor/kommundirektor", "kommundirektör"),
    ("/id/blekinge/landstingsdirektor", "landstingsdirektör"), ("/compare?org=kungsor&org=blekinge", "Kungsör"),
    ("/graph?org=kungsor", "Kungsör"), ("/", "Kungsör"),
])
def test_every_page_kind_answers_from_the_remote_store(pushed, app_factory, path, text):
    """Class and resource pages bind two variables: one VALUES block each, as Virtuoso
    needs (one block of both failed with an internal error: a 400)."""
    client = app_factory(remote.RemoteStore(query_url=pushed.query_url), QUERY_WORKERS=1, VALIDATE=False).test_client()
    answer = client.get(path)
    assert answer.status_code == 200 and text in answer.get_data(as_text=True), (path, answer.status_code)


def test_synthetic_national_sample_gives_the_same_answers(tmp_path, store):
    """Scale test at a small N: the embedded and the Virtuoso store agree on every
    competency query over synthetic organisations too."""
    from styrgraf.tools import synth
    folder = tmp_path / "national"
    synth.synthesise(8, folder, seed=3)
    embedded = GraphStore.load([folder])
    with virtuoso.VirtuosoServer() as other:
        external = remote.RemoteStore(query_url=other.query_url, update_url=other.update_url, user="dba", password="dba")
        push(external, [folder])
        assert len(external) == len(embedded)
        for name in CQ:
            assert rows(external, name) == rows(embedded, name), name


def test_bench_measures_every_page_from_virtuoso(pushed, server):
    """``styrgraf bench``'s pages from ``serve --store URL``: every page kind answers
    from Virtuoso, and the targets table gives each p50 beside Oxigraph's with the ratio."""
    from styrgraf.tools import bench_pages, bench_targets
    keys = ["kungsor", "kommun-a"]
    figures = bench_pages.run(None, keys, requests=4, seconds=5, store_url=server.query_url)
    assert figures["server_errors"] == 0
    assert "validation_page" not in figures["pages"]  # the store's report is not timed by the page bench
    for kind, measured in figures["pages"].items():
        assert measured["single"]["errors"] == measured["four_clients"]["errors"] == 0, (kind, measured)
    rows = [r for r in bench_targets.targets({"pages": figures, "pages_virtuoso": figures}) if "Virtuoso" in r["what"]]
    assert len(rows) == len(figures["pages"])
    assert all("(1.0× Oxigraph)" in r["shown"] and r["met"] is None for r in rows)


def test_an_answer_the_store_cut_short_is_refused_not_used():
    """Virtuoso cuts an answer at ResultSetMaxRows and says so only in a header
    (X-SPARQL-MaxRows): the remote store refuses such an answer, naming the setting,
    and takes one below the cut."""
    if not virtuoso.available():
        pytest.fail("Virtuoso is not installed: .ci/run installs Debian's virtuoso-opensource")
    with virtuoso.VirtuosoServer(max_rows=100) as small:
        push(remote.RemoteStore(query_url=small.query_url, update_url=small.update_url, user="dba", password="dba"))
        reader = remote.RemoteStore(query_url=small.query_url)
        with pytest.raises(remote.RemoteStoreError, match="cut its answer at 100 rows.*ResultSetMaxRows"):
            reader.query("SELECT ?s WHERE { ?s ?p ?o }")
        assert len(list(reader.query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 99"))) == 99


def test_validation_of_what_virtuoso_holds_gives_the_files_findings(pushed, shipped_report):
    """``styrgraf validate --store URL`` and the validation page of ``serve --store URL``
    on Virtuoso: the findings of the files that were pushed."""
    from click.testing import CliRunner

    from styrgraf.cli import main
    from styrgraf.validation.on_store import validate_store
    from conftest import AS_OF
    report = validate_store(pushed, as_of=AS_OF)
    assert {(f.severity, f.shape, f.focus, f.value) for f in report.findings} == \
        {(f.severity, f.shape, f.focus, f.value) for f in shipped_report.findings}
    result = CliRunner().invoke(main, ["validate", "--store", pushed.query_url, "--as-of", AS_OF.isoformat(),
                                       "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["counts"] == \
        {s: shipped_report.count(s) for s in ("Violation", "Warning", "Info")}

