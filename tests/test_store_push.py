"""``push`` to an external store: the live graphs are all old or all new whichever
request fails, tested against a store that fails its Nth request for every N, both
before applying it and after applying it (the answer lost)."""
from __future__ import annotations

import os
import shutil

import pytest

from fake_sparql_store import FakeStore
from styrgraf import resources
from styrgraf.store import GraphStore, loading
from styrgraf.store.push import STAGING, PushFailed, push
from styrgraf.store.remote import RemoteStore
from styrgraf.vocab import GRAPH_BASE

EXTRA = """@prefix sg: <https://w3id.org/styrgraf/def#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/styrgraf/id/extra/a> rdfs:label "a"@sv ;
    sg:scope [ rdfs:label "scope"@sv ; rdfs:comment "one blank node, two triples" ] .
"""


@pytest.fixture(scope="module")
def fake():
    with FakeStore() as running:
        yield running


@pytest.fixture(scope="module")
def versions(fake, tmp_path_factory):
    """The store's quads after pushing the old data (all five shipped files) and after
    pushing the new (two of them and a file with a blank node); the files are copied
    first, so that the two stay what they were while the test runs."""
    data = tmp_path_factory.mktemp("push") / "data"
    shutil.copytree(resources.data_dir(), data, ignore=shutil.ignore_patterns("drafts"))
    (data / "extra").mkdir()
    extra = data / "extra" / "extra.ttl"
    extra.write_text(EXTRA, encoding="utf-8")
    old_paths = [data / name for name in sorted(os.listdir(data)) if name.endswith(".ttl")]
    new_paths = [data / "kommun-c.ttl", data / "kungsor.ttl", extra]
    remote = RemoteStore(query_url=fake.query_url, update_url=fake.update_url)
    fake.store.clear()
    push(remote, new_paths, batch=300)
    new = fake.quads()
    fake.store.clear()
    push(remote, old_paths, batch=300)
    old_quads = list(fake.store.quads_for_pattern(None, None, None, None))
    return {"old": fake.quads(), "old_quads": old_quads, "new": new, "new_paths": new_paths, "remote": remote,
            "embedded": GraphStore.load(old_paths)}


def live(quads: set) -> set:
    return {q for q in quads if str(q[3].value).startswith(GRAPH_BASE)}


def staged(quads: set) -> set:
    return {q for q in quads if str(q[3].value).startswith(STAGING)}


def test_push_writes_every_graph_as_the_embedded_store_holds_it(fake, versions):
    _restore_old(fake, versions)  # the store as the push left it, whatever tests ran before
    store = versions["embedded"]
    assert live(versions["old"]) == versions["old"]  # no staging graph left behind
    embedded = {(q.subject, q.predicate, q.object, q.graph_name) for q in store.store.quads_for_pattern(None, None, None, None)}
    assert versions["old"] == embedded
    assert versions["remote"].graph_names() == store.graph_names()
    assert len(versions["remote"]) == len(store)


def test_graphs_not_pushed_again_are_dropped(versions):
    graphs = {q[3].value for q in versions["new"]}
    assert any("/graph/kungsor" in g for g in graphs) and not any("/graph/blekinge" in g for g in graphs)


def test_a_blank_node_stays_one_node(fake, versions):
    fake.store.clear()
    push(versions["remote"], versions["new_paths"], batch=40)
    rows = list(versions["remote"].query(
        "SELECT ?b (COUNT(*) AS ?n) WHERE { ?a <https://w3id.org/styrgraf/def#scope> ?b . ?b ?p ?o } GROUP BY ?b"))
    assert len(rows) == 1 and int(rows[0]["n"].value) == 2


def _restore_old(fake, versions):
    fake.store.clear()
    fake.store.extend(versions["old_quads"])


@pytest.mark.parametrize("apply_failing", [False, True], ids=["fails-before-applying", "fails-after-applying"])
def test_live_graphs_are_all_old_or_all_new_whichever_request_fails(fake, versions, apply_failing):
    _restore_old(fake, versions)
    fake.reset()
    push(versions["remote"], versions["new_paths"], batch=1000)
    requests = fake.requests
    assert requests >= 5  # several batches, a count, the switch
    outcomes = []
    for n in range(1, requests + 2):
        _restore_old(fake, versions)
        fake.reset(fail_at=n, apply_failing=apply_failing)
        try:
            push(versions["remote"], versions["new_paths"], batch=1000)
            outcome = "pushed"
        except PushFailed as error:
            outcome = "failed"
            message = str(error)
            assert "live graphs are" in message and "failing as told" in message
        fake.reset()
        quads = fake.quads()
        assert not staged(quads), f"request {n}: staging graphs left behind"
        state = "old" if quads == versions["old"] else "new" if quads == versions["new"] else "mixed"
        assert state != "mixed", f"request {n} failing left the live graphs mixed"
        if outcome == "failed" and n < requests:
            assert state == "old", f"request {n} failed before the switch but the live graphs changed"
            assert "as they were" in message
        outcomes.append((outcome, state))
    # the last request is the switch: failing before it applies keeps the old graphs,
    # failing after gives the new ones; past the last request the push succeeds
    assert outcomes[requests - 1] == ("failed", "new" if apply_failing else "old")
    assert outcomes[requests] == ("pushed", "new")


def test_bad_data_sends_nothing(fake, versions, tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text('<a> <b> "unterminated .\n', encoding="utf-8")
    fake.reset()
    with pytest.raises(loading.DataError, match="broken.ttl"):
        push(versions["remote"], [broken])
    assert fake.requests == 0


def test_a_store_that_cannot_be_reached(tmp_path):
    down = RemoteStore(query_url="http://127.0.0.1:9/q", update_url="http://127.0.0.1:9/u", timeout=3)
    with pytest.raises(PushFailed, match="cannot reach .* the live graphs are as they were"):
        push(down, [resources.data_dir() / "kommun-c.ttl"])


def test_progress_counts_the_triples_sent(fake, versions):
    seen = []
    result = push(versions["remote"], versions["new_paths"], batch=300, progress=lambda sent, total: seen.append((sent, total)))
    assert seen == sorted(seen) and seen[-1] == (result["triples"], result["triples"])
    assert result["files"] == 3 and result["graphs"] == len({q[3] for q in versions["new"]})


def test_staged_triples_are_counted_before_the_switch(fake, versions, monkeypatch):
    """A store that drops triples silently is caught before the live graphs change."""
    _restore_old(fake, versions)
    original = fake._answer

    def lossy(path, content_type, body):
        if body.startswith(b"INSERT DATA"):  # "INSERT DATA {", "GRAPH <g> {", then a triple a line
            lines = body.split(b"\n")
            body = b"\n".join(lines[:2] + lines[3:])
        return original(path, content_type, body)

    monkeypatch.setattr(fake, "_answer", lossy)
    with pytest.raises(PushFailed, match="holds .* of the .* triples sent"):
        push(versions["remote"], versions["new_paths"], batch=300)
    monkeypatch.undo()
    assert fake.quads() == versions["old"]


def test_the_cli_says_what_the_live_graphs_hold(fake, versions):
    from click.testing import CliRunner

    from styrgraf.cli import main
    data = [str(p) for p in versions["new_paths"]]
    args = ["push", fake.update_url, "--query-url", fake.query_url] + [a for p in data for a in ("--data", p)]
    _restore_old(fake, versions)
    fake.reset()
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0 and f"from 3 files pushed to {fake.update_url}" in result.output
    assert fake.quads() == versions["new"]
    requests = fake.requests
    for n, says in [(1, "the live graphs are as they were"), (requests, "all as they were or all new")]:
        _restore_old(fake, versions)
        fake.reset(fail_at=n)
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 3 and says in result.output and "Traceback" not in result.output  # the store failed: exit 3
        assert fake.quads() == versions["old"]
