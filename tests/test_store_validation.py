"""Validation of what an external store holds (a second styrgraf acting as one; Virtuoso
in ``test_store_virtuoso.py``): the same findings as from the files it was loaded from,
blank nodes included, through the core, ``styrgraf validate --store URL`` and the
validation page of ``serve --store URL``."""
from __future__ import annotations

import datetime as dt
import json
import threading
import time

import pyoxigraph as ox
import pytest
import waitress
from click.testing import CliRunner

from styrgraf import validation
from styrgraf.cli import main
from styrgraf.store import GraphStore, loading
from styrgraf.store.remote import RemoteStore
from styrgraf.validation.on_store import graph_quads, validate_store
from test_core_validation_blank import blank_data  # noqa: F401 - the fixture
from test_core_validation_blank import FAULTS, _write

AS_OF = dt.date(2026, 11, 23)


def _serve(app_factory, store):
    """``store`` behind a second styrgraf's /sparql on a free port: (server, RemoteStore)."""
    backend = app_factory(store, QUERY_WORKERS=1, QUERY_TIMEOUT=20.0, VALIDATE=False)
    server = waitress.create_server(backend, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    return server, RemoteStore(query_url=f"http://127.0.0.1:{server.effective_port}/sparql")


@pytest.fixture(scope="module")
def shipped_remote(store, app_factory):
    server, remote = _serve(app_factory, store)
    yield remote
    server.close()


def _triples(files) -> list:
    """The files' triples and their source texts, as the store holds them."""
    return [t for f in files for t in f.triples + list(loading.text_triples(f))]


def _canonical(findings, triples) -> set[tuple]:
    """(severity, shape, focus, value), a blank node named by what it says (its ids
    differ between the files' parse and the store)."""
    described: dict[str, set] = {}
    for t in triples:
        if isinstance(t.subject, ox.BlankNode) and not isinstance(t.object, ox.BlankNode):
            described.setdefault(str(t.subject), set()).add((t.predicate.value, str(t.object)))
    names = {node: repr(sorted(facts)) for node, facts in described.items()}
    return {(f.severity, f.shape, names.get(f.focus, f.focus), names.get(f.value, f.value)) for f in findings}


def test_the_shipped_data_from_a_store_gives_the_files_findings(shipped_remote, shipped_report):
    from_store = validate_store(shipped_remote, as_of=AS_OF)
    assert {(f.severity, f.shape, f.focus, f.value) for f in from_store.findings} == \
        {(f.severity, f.shape, f.focus, f.value) for f in shipped_report.findings}
    assert from_store.count("Warning") > 0 and from_store.conforms


def test_blank_nodes_in_a_store_give_the_files_findings(blank_data, app_factory):  # noqa: F811
    as_of = dt.date(2031, 1, 1)
    server, remote = _serve(app_factory, GraphStore.load([blank_data]))
    try:
        quads = graph_quads(remote)
        from_store = validate_store(remote, as_of=as_of)
    finally:
        server.close()
    files = loading.read_files([blank_data])
    from_files = validation.validate(files, as_of=as_of)
    assert any(isinstance(q.subject, ox.BlankNode) for q in quads)
    assert any(f.focus.startswith("_:") for f in from_store.findings)
    assert _canonical(from_store.findings, quads) == _canonical(from_files.findings, _triples(files))


def test_faults_with_blank_nodes_in_a_store_are_found_as_in_the_files(tmp_path, app_factory):
    _write(tmp_path, "".join(turtle for turtle, _shape, _marker in FAULTS.values()))
    as_of = dt.date(2025, 1, 1)
    server, remote = _serve(app_factory, GraphStore.load([tmp_path]))
    try:
        quads = graph_quads(remote)
        from_store = validate_store(remote, as_of=as_of)
    finally:
        server.close()
    files = loading.read_files([tmp_path])
    assert _canonical(from_store.findings, quads) == \
        _canonical(validation.validate(files, as_of=as_of).findings, _triples(files))
    assert {f.shape.rsplit("#", 1)[-1] for f in from_store.findings if f.severity == "Violation"} >= \
        {shape for _t, shape, _m in FAULTS.values()}


def test_validate_store_url_on_the_command_line(shipped_remote):
    runner = CliRunner()
    remote = runner.invoke(main, ["validate", "--store", shipped_remote.query_url, "--as-of", "2026-11-23",
                                  "--format", "json"])
    files = runner.invoke(main, ["validate", "--as-of", "2026-11-23", "--format", "json"])
    assert remote.exit_code == files.exit_code == 0, remote.output
    assert f"Validating what external SPARQL 1.1 store at {shipped_remote.query_url} holds" in remote.stderr

    def key(body):
        return sorted((f["severity"], f["shape"], f["focus"], f["value"]) for f in json.loads(body)["findings"])
    assert key(remote.stdout) == key(files.stdout) != []


@pytest.mark.parametrize("args,code,message", [
    (["--store", "http://127.0.0.1:9/sparql"], 3, "cannot reach http://127.0.0.1:9/sparql"),
    (["--store", "http://127.0.0.1:9/sparql", "data"], 2, "it takes no PATHS"),
    (["--store", "http://127.0.0.1:9/sparql", "--changed"], 2, "it takes no PATHS, --changed or --jobs"),
    (["--user", "dba"], 2, "--user and --password go with --store URL"),
])
def test_validate_store_errors_are_clear(args, code, message):
    result = CliRunner().invoke(main, ["validate", *args])
    assert result.exit_code == code and message in result.output
    assert "Traceback" not in result.output


def test_the_validation_page_of_serve_store_url(shipped_remote, app_factory, shipped_report):
    front = app_factory(shipped_remote, QUERY_TIMEOUT=20.0)
    served = front.extensions["styrgraf"]
    deadline = time.monotonic() + 120
    while served.report.get(wait=1) is None and served.report.state == "pending" and time.monotonic() < deadline:
        pass
    assert served.report.state == "ready", served.report.error
    client = front.test_client()
    page = client.get("/validation")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Validering" in text and "Inte tillgänglig" not in text
    warned = [f for f in shipped_report.findings if f.severity == "Warning"]
    assert all(f.focus_label in text for f in warned)
    english = client.get("/validation?lang=en").get_data(as_text=True)
    assert "Validation" in english and "external store" not in english
    home = client.get("/").get_data(as_text=True)  # each organisation's status, by its nodes' findings
    assert home.count('class="status ') == 5 and 'class="status validating"' not in home
    assert home.count('class="status warn"') == len({f.focus.split("/id/")[1].split("/")[0] for f in warned})
