"""Hypothesis drives the curation app's JSON API over real HTTP with sequences of
requests: valid ones, ones with bad fields, stale versions, bytes that are not JSON, JSON
that is not the right shape, and bursts of changes sent at once on the same version.
After every request the server's state is the model's (no decision lost or crossed), no
answer is a 5xx, and at the end a save writes a file that validates and holds exactly the
accepted decisions.

``STYRGRAF_CURATE_FUZZ_EXAMPLES`` sequences (default 40) of up to 12 requests each."""
from __future__ import annotations

import os
import threading

import pytest
import rdflib
from curate_support import SEED_A, Served, ingest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from styrgraf.vocab import SG, vocabulary

EXAMPLES = int(os.environ.get("STYRGRAF_CURATE_FUZZ_EXAMPLES", "40"))
ROUTES = ("decide", "batch", "add", "note", "metadata", "undo")
QUOTE = "Kommundirektören ska vara länken mellan kommunstyrelsen och förvaltningsorganisationen."


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    ingest(folder, SEED_A)
    server = Served(folder)
    server.folder = folder
    server.initial = server.state()
    yield server
    server.close()


def junk():
    scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=12)
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                                              max_size=3), max_leaves=8)


def values(good, bad=None):
    return st.sampled_from(list(good)) | (bad if bad is not None else junk())


@st.composite
def request(draw, initial):
    ids = [i["id"] for i in initial["items"]]
    nodes = [{k: n[k] for k in ("iri", "label", "class")} for n in initial["nodes"]]
    route = draw(st.sampled_from(ROUTES))
    kind = draw(st.sampled_from(["valid", "valid", "valid", "fields", "stale", "bytes", "json", "burst"]))
    if kind == "bytes":
        return route, "bytes", draw(st.binary(max_size=40))
    if kind == "json":
        return route, "json", draw(junk())
    if kind == "burst":
        return "decide", "burst", [{"id": draw(st.sampled_from(ids)), "status": draw(st.sampled_from(["accepted",
                                    "rejected"])), "edit": {}} for _ in range(draw(st.integers(2, 5)))]
    good = kind != "fields"
    edit = st.fixed_dictionaries({}, optional={
        "predicate": values(vocabulary().relation_names()) if not good else st.sampled_from(["informs", "advises"]),
        "modality": values(["obligation", "permission", "prohibition"]) if not good else st.just("permission"),
        "legalBasis": values(vocabulary().provision_iris(), st.text(max_size=20)) if not good else st.none(),
        "quote": values([QUOTE], st.text(max_size=20)) if not good else st.just(QUOTE),
        "object": values(nodes) if not good else st.sampled_from(nodes),
        "scope": values(["x"], junk()) if not good else st.just("inom förvaltningen")})
    bodies = {
        "decide": st.fixed_dictionaries({"id": values(ids) if not good else st.sampled_from(ids),
                                         "status": values(["accepted", "rejected", "proposed"]) if not good
                                         else st.sampled_from(["accepted", "rejected"]), "edit": edit}),
        "batch": st.fixed_dictionaries({"ids": st.lists(st.sampled_from(ids), max_size=5) if good else junk(),
                                        "status": st.sampled_from(["accepted", "rejected"])}),
        "add": st.fixed_dictionaries({"subject": st.sampled_from(nodes), "object": st.sampled_from(nodes),
                                      "predicate": st.just("informs"), "quote": st.just(QUOTE)}) if good else edit,
        "note": st.fixed_dictionaries({"start": st.sampled_from([b["start"] for b in initial["blocks"]]) if good
                                       else junk(), "end": st.just(0), "remove": st.booleans()}),
        "metadata": st.fixed_dictionaries({"fields": st.fixed_dictionaries({}, optional={
            "identifier": st.text(alphabet="KS 0123456789/", max_size=12),
            "reviewInterval": st.sampled_from(["P1Y", "P2Y"]) if good else junk(),
            "validFrom": st.sampled_from(["2024-04-01", ""]) if good else junk()})}),
        "undo": st.just({}),
    }
    return route, "stale" if kind == "stale" else "body", draw(bodies[route])


def send(served, route, kind, body, version):
    if kind == "bytes":
        return served.post(f"/api/kommun-a/{route}", data=body, headers={"Content-Type": "application/json"})
    if kind == "json":
        return served.post(f"/api/kommun-a/{route}", body)
    if route == "note" and isinstance(body.get("start"), int):
        block = next(b for b in served.initial["blocks"] if b["start"] == body["start"])
        body = {**body, "end": block["end"]}
    return served.post(f"/api/kommun-a/{route}", {**body, "version": "0-0" if kind == "stale" else version})


class Model:
    """What the state must be: statuses, additions, notes; a stack of them for undo."""

    def __init__(self, initial):
        self.status = {i["id"]: "proposed" for i in initial["items"]}
        self.notes: set[int] = set()
        self.history: list[tuple] = []

    def snapshot(self):
        return dict(self.status), set(self.notes)

    def apply(self, route, body, answer):
        if route == "undo":
            self.status, self.notes = self.history.pop()
            return
        self.history.append(self.snapshot())
        if route == "decide":
            self.status[body["id"]] = body["status"]
        elif route == "batch":
            self.status.update({ident: body["status"] for ident in body["ids"]})
        elif route == "add":
            added = {i["id"] for i in answer["items"]} - set(self.status)
            assert len(added) == 1
            self.status[added.pop()] = "accepted"
        elif route == "note":
            (self.notes.discard if body.get("remove") else self.notes.add)(body["start"])

    def check(self, state):
        assert {i["id"]: i["status"] for i in state["items"]} == self.status
        assert {n["start"] for n in state["notes"]} == self.notes


def burst(served, bodies, version):
    answers = [None] * len(bodies)

    def one(n):
        answers[n] = served.post("/api/kommun-a/decide", {**bodies[n], "version": version})

    threads = [threading.Thread(target=one, args=(n,)) for n in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


@settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_the_api_never_fails_loses_or_crosses_a_decision(served, data):
    for stale in (served.folder / "drafts" / "kommun-a.decisions.jsonl", served.folder / "kommun-a.ttl"):
        stale.unlink(missing_ok=True)
    model = Model(served.initial)
    for _ in range(data.draw(st.integers(1, 12))):
        route, kind, body = data.draw(request(served.initial))
        version = served.state()["version"]
        if kind == "burst":
            answers = burst(served, body, version)
            codes = sorted(a.status_code for a in answers)
            assert codes == [200] + [409] * (len(body) - 1), codes  # one wins; each other is told
            winner = next(n for n, a in enumerate(answers) if a.status_code == 200)
            model.apply("decide", body[winner], answers[winner].json())
        else:
            answer = send(served, route, kind, body, version)
            event(f"{route} {kind} {answer.status_code}")
            assert answer.status_code < 500, answer.text
            assert answer.status_code in (200, 400, 409), (answer.status_code, answer.text)
            if kind in ("bytes", "json", "stale"):
                assert answer.status_code != 200
            if answer.status_code == 200:
                model.apply(route, body, answer.json())
        model.check(served.state())
    saved = served.post("/api/kommun-a/save", {"version": served.state()["version"]})
    assert saved.status_code == 200 and saved.json()["conforms"], saved.text
    graph = rdflib.Graph().parse(served.folder / "kommun-a.ttl")
    assertions = {str(a).rsplit("-", 1)[1] for a in graph.subjects(rdflib.RDF.type, SG.Assertion)}
    assert assertions == {ident for ident, status in model.status.items() if status == "accepted"}
