"""The curation app's JSON API over real HTTP (waitress on 127.0.0.1): decisions belong to
one version of one document; a change made on an old state is refused with 409; input
is checked when it is entered, with the field named; the decision log survives a torn
line; the answers carry the security headers; a new document or rendition starts clean."""
from __future__ import annotations

import json
import threading

import pytest
import rdflib
from click.testing import CliRunner
from curate_support import SEED_A, SEED_B, TOKEN, Served, ingest

from styrgraf import resources
from styrgraf.cli import main
from styrgraf.vocab import SG


@pytest.fixture
def folder(tmp_path):
    ingest(tmp_path, SEED_A)
    return tmp_path


@pytest.fixture
def served(folder):
    server = Served(folder)
    yield server
    server.close()


def decide(served, ident, status, version=None, edit=None):
    version = version or served.state()["version"]
    return served.post("/api/kommun-a/decide", {"id": ident, "status": status, "version": version, "edit": edit or {}})


def statuses(state):
    return {i["id"]: i["status"] for i in state["items"]}


def test_a_second_document_for_the_organisation_starts_with_no_decisions(served, folder):
    first = served.state()
    version = first["version"]
    for item in first["items"][:10]:
        response = decide(served, item["id"], "accepted", version)
        assert response.status_code == 200, response.text
        version = response.json()["version"]
    assert served.post("/api/kommun-a/save", {"version": version}).json()["conforms"]
    outcome = ingest(folder, SEED_B)  # another document, the same organisation
    assert "its 10 decisions stay in the log, shown as stale and never applied" in outcome.output
    state = served.state()
    assert state["document"]["iri"] != first["document"]["iri"]
    assert set(statuses(state).values()) == {"proposed"} and state["decisions"] == 0
    assert state["staleCount"] == 10 and {s["why"] for s in state["stale"]} == {"an earlier version of the document"}
    saved = served.post("/api/kommun-a/save", {"version": state["version"]}).json()
    assert saved["conforms"], saved
    graph = rdflib.Graph().parse(folder / "kommun-a.ttl")
    derived = {str(d) for a in graph.subjects(rdflib.RDF.type, SG.Assertion)
               for d in graph.objects(a, rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))}
    assert derived == {first["document"]["iri"]}  # nothing of the second document was accepted


def test_a_new_rendition_is_a_new_version_and_the_old_decisions_are_stale(tmp_path):
    original = SEED_A.read_text(encoding="utf-8")
    document = tmp_path / "instruktion.txt"
    document.write_text(original, encoding="utf-8")
    ingest(tmp_path, document)
    served = Served(tmp_path)
    try:
        state = served.state()
        target = next(i for i in state["items"] if i["predicate"] == "reportsTo")
        response = decide(served, target["id"], "accepted", state["version"])
        assert served.post("/api/kommun-a/save", {"version": response.json()["version"]}).json()["conforms"]
        document.write_text("Reviderad 2025.\n\n" + original, encoding="utf-8")  # every span moves
        ingest(tmp_path, document)
        assert len(list((tmp_path / "sources").glob("kommun-a-instruktion-*.txt"))) == 2  # the old text is kept
        outcome = CliRunner().invoke(main, ["validate", str(tmp_path)])
        assert outcome.exit_code == 0, outcome.output  # the saved quotes are still verbatim in their text
        renewed = served.state()
        assert renewed["decisions"] == 0 and renewed["staleCount"] == 1
        assert all(i["status"] == "proposed" for i in renewed["items"])
        document.write_text(original, encoding="utf-8")  # the first rendition again: its decision applies
        ingest(tmp_path, document)
        again = served.state()
        assert statuses(again)[target["id"]] == "accepted" and again["staleCount"] == 0
    finally:
        served.close()


@pytest.mark.parametrize("org", ["kommun b", "Kommun-B", "kommun_b", "kommunö", "-x", "a" * 49])
def test_ingest_refuses_a_key_that_breaks_the_rule_and_writes_nothing(tmp_path, org):
    outcome = CliRunner().invoke(main, ["ingest", str(SEED_A), "--org", org, "--out", str(tmp_path)])
    assert outcome.exit_code == 2, outcome.output
    assert "lower-case letters a-z, digits and single hyphens" in outcome.output and "Traceback" not in outcome.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("route", ["decide", "batch", "add", "note", "metadata", "undo", "save", "check"])
def test_every_route_checks_the_draft_before_writing(served, folder, route):
    response = served.post(f"/api/kommun-b/{route}", {"version": "x", "ids": [], "status": "accepted"})
    assert response.status_code == 404 and "no draft 'kommun-b'" in response.json()["error"]
    assert not (folder / "drafts" / "kommun-b.decisions.jsonl").exists()
    assert not (folder / "kommun-b.ttl").exists()


def test_a_tab_on_an_old_state_gets_409_and_the_current_state(served):
    seen = served.state()  # both tabs read this
    first, second = seen["items"][0]["id"], seen["items"][1]["id"]
    assert decide(served, first, "rejected", seen["version"]).status_code == 200  # tab 1
    stale = served.post("/api/kommun-a/batch", {"ids": [first, second], "status": "accepted",
                                                "version": seen["version"]})  # tab 2: "accept all visible"
    assert stale.status_code == 409 and stale.json()["field"] == "version"
    assert statuses(stale.json()["state"])[first] == "rejected"
    assert served.post("/api/kommun-a/undo", {"version": seen["version"]}).status_code == 409  # tab 2's undo
    assert served.post("/api/kommun-a/save", {"version": seen["version"]}).status_code == 409
    now = served.state()
    assert statuses(now)[first] == "rejected" and statuses(now)[second] == "proposed" and now["decisions"] == 1
    assert served.post("/api/kommun-a/decide", {"id": first, "status": "accepted"}).json()["field"] == "version"


def test_concurrent_adds_are_never_lost(served):
    state = served.state()
    director = next(n for n in state["nodes"] if n["label"] == "kommundirektör")
    board = next(n for n in state["nodes"] if n["label"] == "kommunstyrelsen")
    quote = "Kommundirektören ska vara länken mellan kommunstyrelsen och förvaltningsorganisationen."
    made, errors = [], []

    def worker(n):
        for k in range(10):
            while True:
                version = served.state()["version"]
                response = served.post("/api/kommun-a/add", {"subject": director, "predicate": "informs",
                                                             "object": board, "quote": quote, "scope": f"{n}-{k}",
                                                             "version": version})
                if response.status_code == 200:
                    made.append(f"{n}-{k}")
                    break
                if response.status_code != 409:
                    errors.append(response.text)
                    return

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    added = [i for i in served.state()["items"] if i["rule"] == "curator"]
    assert len(made) == 80 and sorted(i["scope"] for i in added) == sorted(made)
    assert len({i["id"] for i in added}) == 80


BAD_EDITS = [
    ({"legalBasis": "KL 7 kap. 1 §"}, "legalBasis"),
    ({"legalBasis": "http://rinfo.lagrummet.se/publ/sfs/2017:725#k_99-p_1"}, "legalBasis"),
    ({"predicate": "bossOf"}, "predicate"),
    ({"predicate": ["reportsTo"]}, "predicate"),
    ({"modality": "maybe"}, "modality"),
    ({"quote": "Detta står inte i texten."}, "quote"),
    ({"quote": 5}, "quote"),
    ({"start": "7", "quote": "Kommundirektören"}, "start"),
    ({"object": {"label": "x", "class": "Dragon"}}, "object"),
    ({"object": "kommunstyrelsen"}, "object"),
    ({"subject": {"label": "x", "class": "Director", "iri": "https://evil.example/x"}}, "subject"),
    ({"condition": ["om"]}, "condition"),
    ({"scope": "x" * 5000}, "scope"),
    ({"predicate": "directs", "object": {"label": "styra", "class": "Responsibility"}}, "object"),
]


@pytest.mark.parametrize("edit, field", BAD_EDITS)
def test_an_edit_is_checked_when_it_is_entered(served, edit, field):
    state = served.state()
    response = decide(served, state["items"][0]["id"], "accepted", state["version"], edit)
    assert response.status_code == 400 and response.json()["field"] == field, response.text
    assert served.state()["decisions"] == 0  # nothing was logged


@pytest.mark.parametrize("fields, field", [
    ({"documentType": "Instruktion för KD"}, "documentType"),
    ({"documentType": "Delegeringsordning"}, "documentType"),
    ({"issued": "12 mars 2024"}, "issued"),
    ({"validFrom": "2024-02-30"}, "validFrom"),
    ({"reviewInterval": "varje år"}, "reviewInterval"),
    ({"status": "gällande"}, "status"),
    ({"decidedByText": "KS"}, "decidedByText"),
    ({"title": 7}, "title"),
    ({"decidedBy": "https://w3id.org/styrgraf/id/kommun-a/ingen-sadan"}, "decidedBy"),
])
def test_metadata_is_checked_when_it_is_entered(served, fields, field):
    response = served.post("/api/kommun-a/metadata", {"fields": fields, "version": served.state()["version"]})
    assert response.status_code == 400 and response.json()["field"] == field, response.text


def test_vocabulary_values_are_taken_and_saved(served, folder):
    state = served.state()
    names = {p["name"] for p in state["predicates"]}
    ontology = rdflib.Graph().parse(resources.ontology_file())
    assert names == {str(p).split("#")[1] for p in ontology.subjects(rdflib.RDF.type, SG.EvidencedProperty)}
    assert len(names) == 24 and {"directs", "mayNotDirect", "agreesToAppointmentOf"} <= names
    assert {t["name"] for t in state["documentTypes"]} == {"Instruction", "Guideline", "Policy", "Charter",
                                                           "DelegationOrder"}
    board = next(n for n in state["nodes"] if n["label"] == "kommunstyrelsen")
    director = next(n for n in state["nodes"] if n["label"] == "kommundirektör")
    kl72 = "http://rinfo.lagrummet.se/publ/sfs/2017:725#k_7-p_2"
    assert kl72 in {p["iri"] for p in state["provisions"]}
    item = state["items"][0]
    response = decide(served, item["id"], "accepted", state["version"],
                      {"subject": board, "predicate": "directs", "object": director, "legalBasis": kl72})
    assert response.status_code == 200, response.text
    response = served.post("/api/kommun-a/metadata", {"fields": {"documentType": "Instruction", "issued": "2024-03-12"},
                                                      "version": response.json()["version"]})
    assert response.status_code == 200, response.text
    saved = served.post("/api/kommun-a/save", {"version": response.json()["version"]}).json()
    assert saved["conforms"], saved
    graph = rdflib.Graph().parse(folder / "kommun-a.ttl")
    assert (rdflib.URIRef(board["iri"]), SG.directs, rdflib.URIRef(director["iri"])) in graph
    assert rdflib.URIRef(kl72) in set(graph.objects(None, SG.legalBasis))


MALFORMED = [b"", b"{", b"[]", b"null", b"42", b'"x"', b"\xff\xfe", b"[" * 100_000, b'{"id": ',
             b'{"version": []}', b"{}", b'{"ids": {}, "status": 1}']


@pytest.mark.parametrize("route", ["decide", "batch", "add", "note", "metadata", "undo", "save"])
@pytest.mark.parametrize("raw", MALFORMED)
def test_a_malformed_body_is_400_never_500(served, route, raw):
    response = served.post(f"/api/kommun-a/{route}", data=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == 400, (route, raw[:20], response.text)
    assert "error" in response.json()
    assert served.state()["decisions"] == 0


def test_tokens_host_and_origin(served):
    assert served.post("/api/kommun-a/undo", {}, token="tök-ändå").status_code == 403
    response = served.get("/api/kommun-a/state", headers={"X-Curate-Token": "t\u00f6k"})  # the token is in the URL too
    assert response.status_code == 200
    import requests
    assert requests.get(f"{served.base}/api/kommun-a/state", headers={"X-Curate-Token": "\u00e5"}).status_code == 403
    rebinding = served.get("/api/kommun-a/state", headers={"Host": "attacker.example"})
    assert rebinding.status_code == 403
    version = served.state()["version"]
    for headers in ({"Origin": "http://attacker.example"}, {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"}):
        response = served.post("/api/kommun-a/undo", {"version": version}, headers=headers)
        assert response.status_code == 403 and "cross-origin" in response.json()["error"], headers
    same = served.post("/api/kommun-a/metadata", {"fields": {}, "version": version},
                       headers={"Origin": served.base, "Sec-Fetch-Site": "same-origin"})
    assert same.status_code == 200


def test_answers_carry_the_security_headers_and_no_cors(served):
    from styrgraf.web.security import HEADERS
    for response in (served.get("/"), served.get("/draft/kommun-a"), served.get("/api/kommun-a/state"),
                     served.get("/static/curate.js"), served.post("/api/kommun-a/undo", {}),
                     served.get("/api/kommun-b/state"), served.get("/nowhere")):
        for name, value in HEADERS.items():
            assert response.headers.get(name) == value, (response.url, name)
        assert "Access-Control-Allow-Origin" not in response.headers
    assert served.get("/nowhere").json()["status"] == 404


def test_a_body_over_the_limit_is_refused_from_its_header(served):
    import socket
    host, port = served.base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(f"POST /api/kommun-a/add?token={TOKEN} HTTP/1.1\r\nHost: {host}:{port}\r\n"
                     "Content-Type: application/json\r\nContent-Length: 300000000\r\n\r\n{".encode())
        head = sock.recv(4096).decode("latin-1")
    assert head.startswith("HTTP/1.1 413") and "X-Content-Type-Options: nosniff" in head


def test_the_log_is_read_past_a_torn_last_line(served, folder):
    state = served.state()
    first = decide(served, state["items"][0]["id"], "accepted", state["version"]).json()
    log = folder / "drafts" / "kommun-a.decisions.jsonl"
    with open(log, "a", encoding="utf-8") as out:  # a crash in the middle of a line
        out.write('{"op": "decide", "id": "c00')
    torn = served.state()
    assert torn["decisions"] == first["decisions"] == 1
    second = decide(served, state["items"][1]["id"], "rejected", torn["version"])
    assert second.status_code == 200
    after = served.state()
    assert after["decisions"] == 2 and statuses(after)[state["items"][1]["id"]] == "rejected"
    lines = log.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[-1])["status"] == "rejected"  # the next decision is whole, on its own line


def test_messages_notes_and_types_as_a_swedish_curator_meets_them(served, folder):
    """On a Swedish page (?lang=sv) a refused field is explained in Swedish; a note keeps
    its reasons in both languages; a document type outside the vocabulary is never written."""
    import requests
    state = served.state()
    response = requests.post(f"{served.base}/api/kommun-a/metadata", params={"token": TOKEN, "lang": "sv"},
                             json={"fields": {"reviewInterval": "varje år"}, "version": state["version"]}, timeout=30)
    assert response.status_code == 400 and response.json()["error"].startswith("aktualiseringsintervall: ange")
    response = served.post("/api/kommun-a/note", {"start": 0, "end": 10, "reason": "rubrik", "reasonEn": "heading",
                                                  "version": state["version"]})
    assert response.status_code == 200, response.text
    draft_path = folder / "drafts" / "kommun-a.json"
    draft = json.loads(draft_path.read_text(encoding="utf-8"))
    draft["document"]["documentType"] = "Delegeringsordning"  # free text as an older ingest left it
    draft_path.write_text(json.dumps(draft, ensure_ascii=False), encoding="utf-8")
    saved = served.post("/api/kommun-a/save", {"version": served.state()["version"]}).json()
    assert saved["conforms"], saved
    graph = rdflib.Graph().parse(folder / "kommun-a.ttl")
    assert not list(graph.objects(None, SG.documentType))
    reasons = {(r.language, str(r)) for r in graph.objects(None, SG.reason)}
    assert {("sv", "rubrik"), ("en", "heading")} <= reasons, reasons
