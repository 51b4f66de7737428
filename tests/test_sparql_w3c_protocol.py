"""The W3C SPARQL 1.1 Protocol test cases (shared/w3c-sparql11-protocol/manifest.ttl).

Every query_* and bad_query_* case runs as written. The update cases apply to a
read-only service only as "refused, nothing changed": each update request must get a
4xx status and the store must be unchanged afterwards (see the README).
"""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.collection import Collection

from styrgraf.store import GraphStore

# An unchanged copy of shared/w3c-sparql11-protocol (W3C test suite licence).
FOLDER = Path(__file__).resolve().parent / "fixtures" / "w3c-sparql11-protocol"

MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = rdflib.Namespace("http://www.w3.org/2011/http#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
HTS = rdflib.Namespace("http://www.w3.org/2011/http-statusCodes#")
UT = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#")


def _cases():
    graph = rdflib.Graph().parse(FOLDER / "manifest.ttl", format="turtle", publicID="http://example/manifest")
    manifest = next(graph.subjects(rdflib.RDF.type, MF.Manifest))
    entries = Collection(graph, graph.value(manifest, MF.entries))
    cases = []
    for entry in entries:
        name = str(entry).rsplit("#", 1)[-1]
        action = graph.value(entry, MF.action)
        requests = []
        for req in Collection(graph, graph.value(action, HT.requests)):
            body = graph.value(req, HT.body)
            headers = {}
            header_list = graph.value(req, HT.headers)
            if header_list is not None:
                for h in Collection(graph, header_list):
                    headers[str(graph.value(h, HT.fieldName))] = str(graph.value(h, HT.fieldValue))
            resp = graph.value(req, HT.resp)
            requests.append({
                "method": str(graph.value(req, HT.methodName)),
                "path": str(graph.value(req, HT.absolutePath)),
                "body": str(graph.value(body, CNT.chars)) if body is not None else None,
                "encoding": str(graph.value(body, CNT.characterEncoding) or "UTF-8") if body is not None else None,
                "headers": headers,
                "status": {str(s).rsplit("#", 1)[-1] for s in graph.objects(resp, MF.expectedStatus)},
                "boolean": graph.value(resp, MF.expectedBoolean),
                "format": str(graph.value(resp, MF.expectedFormat) or ""),
            })
        cases.append(pytest.param(name, requests, id=name))
    return cases


def _protocol_store() -> GraphStore:
    """data1.nt-data3.nt as the named graphs the manifest calls them by."""
    store = ox.Store()
    for n in (1, 2, 3):
        graph = ox.NamedNode(f"http://kasei.us/2009/09/sparql/data/data{n}.rdf")
        for triple in ox.parse(path=str(FOLDER / f"data{n}.nt"), format=ox.RdfFormat.N_TRIPLES):
            store.add(ox.Quad(triple.subject, triple.predicate, triple.object, graph))
    return GraphStore(store=store)


@pytest.fixture(scope="module")
def protocol_app(app_factory):
    return app_factory(_protocol_store(), QUERY_WORKERS=1)


def _is_update(request) -> bool:
    content_type = request["headers"].get("content-type", "")
    body = request["body"] or ""
    return ("sparql-update" in content_type or body.startswith("update=") or "update=" in request["path"]
            or (request["method"] == "POST" and not content_type and "INSERT" in body.upper()))


def _send(client, request):
    path = request["path"].replace("/sparql/", "/sparql", 1)
    data = request["body"].encode(request["encoding"].lower()) if request["body"] is not None else None
    headers = dict(request["headers"])
    return client.open(path, method=request["method"], data=data, headers=headers)


def _status_class(code: int) -> str:
    return f"StatusCode{code // 100}xx"


def _boolean(response) -> bool:
    content_type = response.headers["Content-Type"]
    if "json" in content_type:
        return json.loads(response.data)["boolean"]
    root = ET.fromstring(response.data)
    return root.find("{http://www.w3.org/2005/sparql-results#}boolean").text == "true"


@pytest.mark.parametrize("name,requests", _cases())
def test_w3c_protocol_case(protocol_app, name, requests):
    client = protocol_app.test_client()
    store = protocol_app.extensions["styrgraf"].store
    before = len(store)
    read_only_case = name.startswith(("update_", "bad_update_"))
    for request in requests:
        response = _send(client, request)
        if read_only_case:
            if _is_update(request):
                assert 400 <= response.status_code < 500, (name, response.status_code, response.data[:200])
            continue
        assert _status_class(response.status_code) in request["status"], (name, response.status_code, response.data[:300])
        if request["format"] == "boolean":
            value = _boolean(response)
            if request["boolean"] is not None:
                assert value is bool(request["boolean"].toPython())
        elif request["format"] == "tabular":
            assert response.headers["Content-Type"].split(";")[0] in (
                "application/sparql-results+xml", "application/sparql-results+json", "text/csv", "text/tab-separated-values")
        elif request["format"] == "RDF":
            assert response.headers["Content-Type"].split(";")[0] in (
                "application/rdf+xml", "text/turtle", "application/n-triples")
    assert len(store) == before, f"{name} changed the store"


def test_every_manifest_case_is_run():
    assert len(_cases()) == 34
