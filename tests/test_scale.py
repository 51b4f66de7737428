"""Scale tests at a small N (fast): the synthetic dataset validates except for its
injected faults, which validation finds and names; an on-disk store survives a restart."""
from __future__ import annotations

import json
import time

import pytest

from styrgraf.sparql import queries
from styrgraf import sparql, validation
from styrgraf.tools import synth
from styrgraf.store import GraphStore


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    folder = tmp_path_factory.mktemp("national")
    result = synth.synthesise(12, folder, seed=7, faults=True)
    return folder, result


def test_synth_is_deterministic_and_refuses_to_overwrite(tmp_path, national):
    folder, _ = national
    again = tmp_path / "again"
    synth.synthesise(12, again, seed=7, faults=True)
    for path in sorted(folder.glob("*.ttl")):
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name
    with pytest.raises(FileExistsError):
        synth.synthesise(3, again)


def test_synth_has_the_proportions_of_sweden(national):
    folder, result = national
    assert len(result.organisations) == 12
    assert sum(key.startswith("region-") for key in result.organisations) == 1
    assert 1500 < result.triples / 12 < 5000  # about 4k triples an organisation with their evidence and notes


def test_injected_faults_are_found_and_nothing_else(national):
    folder, result = national
    report = validation.validate_paths([folder], jobs=2)
    violations = {(f.shape.rsplit("#", 1)[-1], f.focus) for f in report.findings if f.severity == "Violation"}
    expected = {(fault.shape, fault.focus) for fault in result.faults}
    assert {f.kind for f in result.faults} == {"reporting-cycle", "fake-quote", "upward-delegation"}
    assert expected <= violations
    faulty_orgs = {fault.organisation for fault in result.faults}
    assert all(focus.split("/")[-2] in faulty_orgs for _, focus in violations), violations
    assert json.loads((folder / "faults.json").read_text())[0]["shape"] == "NoReportingCycle"


def test_competency_queries_answer_on_the_national_graph(national):
    folder, _ = national
    store = GraphStore.load([folder])
    rows = sparql.execute(store, queries.find("cq01-director-reports-to").text).rows
    assert len({r["org"].value for r in rows}) >= 10  # almost every organisation has an instruction


def test_on_disk_store_survives_a_restart(tmp_path, app_factory):
    directory = tmp_path / "store"
    first = GraphStore.open_or_load(directory)
    count_query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = sparql.execute(first, count_query).rows[0]["n"].value
    answers = sparql.execute(first, queries.find("cq09-acute-chain").text).rows
    del first
    started = time.perf_counter()
    reopened = GraphStore.open_or_load(directory)
    after = sparql.execute(reopened, count_query).rows[0]["n"].value
    elapsed = time.perf_counter() - started
    assert after == before and int(after) > 3000
    assert sparql.execute(reopened, queries.find("cq09-acute-chain").text).rows == answers
    assert elapsed < 5  # reopening does not reload (measured properly by styrgraf bench)
    client = app_factory(reopened, QUERY_WORKERS=1).test_client()
    response = client.get("/sparql", query_string={"query": count_query})
    assert json.loads(response.data)["results"]["bindings"][0]["n"]["value"] == before
    assert len(reopened.data_files) == 6  # the five curated files and the registry: where the data came from
