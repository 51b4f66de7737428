"""``styrgraf bench``'s page figures: every page kind over HTTP against ``styrgraf serve``
in its own process (p50 and p99 for one client and for four at once), and the time from
starting ``serve`` to every page answering; and the targets of issue #15 beside the
measured figures. Bounded in requests and seconds; only 127.0.0.1, a server started here."""
from __future__ import annotations

import http.client
import json
import threading
import time
import urllib.parse
from typing import Callable

from styrgraf.tools.bench import Server

SG = "https://w3id.org/styrgraf/def#"
PAGE_MS, PAGE_P99_MS, START_S = 200, 500, 10
WHOLE_GRAPH_ROWS = 1_000_000  # --max-rows for the page server: an analyst's whole-graph search is answered


def _get(connection: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    connection.request("GET", path, headers={"Accept": "text/html,application/json"})
    response = connection.getresponse()
    return response.status, response.read()


def _percentile(samples: list[float], q: float) -> float | None:
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * q))], 1) if ordered else None


def load(port: int, paths: list[str], clients: int, requests: int, seconds: float) -> dict:
    """GET ``paths`` in turn from ``clients`` keep-alive connections, at most ``requests``
    in all and ``seconds`` of wall time: p50 and p99 in ms, and any non-200 answers."""
    latencies: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()
    issued = [0]
    deadline = time.monotonic() + seconds

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if issued[0] >= requests or time.monotonic() > deadline:
                    break
                path = paths[issued[0] % len(paths)]
                issued[0] += 1
            started = time.perf_counter()
            try:
                status, _ = _get(connection, path)
            except (OSError, http.client.HTTPException):
                status = 0
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            with lock:
                latencies.append((time.perf_counter() - started) * 1000)
                if status != 200:
                    failures.append(status)
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"requests": len(latencies), "clients": clients, "p50_ms": _percentile(latencies, 0.5),
            "p99_ms": _percentile(latencies, 0.99), "errors": len(failures), "statuses": sorted(set(failures))}


def _documents(port: int, keys: list[str]) -> list[str]:
    """One governing document's IRI for each of these organisations (over /sparql)."""
    query = (f"SELECT ?doc WHERE {{ ?doc a <{SG}GoverningDocument> ; <{SG}inOrganisation> ?org . "
             f"FILTER (STRSTARTS(STR(?org), \"https://w3id.org/styrgraf/id/\")) }}")
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}),
                       headers={"Accept": "application/sparql-results+json"})
    rows = json.loads(connection.getresponse().read())["results"]["bindings"]
    connection.close()
    by_key: dict[str, str] = {}
    for row in rows:
        iri = row["doc"]["value"]
        by_key.setdefault(iri.split("/id/", 1)[1].split("/", 1)[0], iri)
    return [by_key[k] for k in keys if k in by_key]


def page_paths(keys: list[str], documents: list[str], county: str | None) -> dict[str, list[str]]:
    """Each page kind's paths, over several organisations (no page is measured on one)."""
    pairs = list(zip(keys, keys[1:] + keys[:1]))
    return {
        "home": ["/", "/?page=2"],
        "home_filtered": [f"/?county={county}"] if county else ["/?kind=Region"],
        "organisation_graph_page": [f"/org/{k}" for k in keys],
        "organisation_graph_data": [f"/api/graph?org={k}" for k in keys],
        "county_graph_data": [f"/api/graph?county={county}&evidence=0"] if county else [],
        "resource_page": [f"/id/{k}/kommundirektor" for k in keys],
        "class_page": ["/def/Assertion", "/def/Director"],
        "document_page": ["/id/" + d.split("/id/", 1)[1] for d in documents],
        "validation_page": ["/validation"],
        "compare_page": [f"/compare?org={a}&org={b}" for a, b in pairs],
        "registry_page": [f"/registry/{k}" for k in keys],
        "coverage_data": ["/api/coverage"],
    }


def _first_answers(port: int, paths: dict[str, list[str]], started: float, limit: float) -> dict:
    """Seconds from ``started`` until each page kind first answers 200 (polled while it
    answers 503 or not at all), or the status of an error it answers instead."""
    waiting = {kind: p[0] for kind, p in paths.items() if p}
    answered: dict[str, float] = {}
    deadline = time.monotonic() + limit
    while waiting and time.monotonic() < deadline:
        for kind, path in list(waiting.items()):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=limit)
                status, body = _get(connection, path)
                connection.close()
            except (OSError, http.client.HTTPException):
                status = 0
            if status == 200:
                answered[kind] = round(time.perf_counter() - started, 2)
                del waiting[kind]
            elif status not in (0, 503):  # not "not yet" but an error: waiting will not help
                answered[kind] = f"HTTP {status}"
                del waiting[kind]
        time.sleep(0.05)
    return answered


def _report_ready(port: int, started: float, limit: float) -> float | None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=limit)
        status, body = _get(connection, "/validation")
        connection.close()
        if status == 200 and b'class="status validating"' not in body:
            return round(time.perf_counter() - started, 2)
        time.sleep(0.25)
    return None


def whole_graph_query(port: int, text: str, repeats: int = 7) -> dict:
    """A query over the whole graph as an analyst gets it: ``/sparql``, JSON results,
    one client; the median of ``repeats`` (after one unmeasured run)."""
    path = "/sparql?" + urllib.parse.urlencode({"query": text})
    times, statuses, size = [], set(), 0
    for attempt in range(repeats + 1):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Accept": "application/sparql-results+json"})
            response = connection.getresponse()
            status, size = response.status, len(response.read())
        except (OSError, http.client.HTTPException):
            status = 0  # recorded: the run goes on
        elapsed = (time.perf_counter() - started) * 1000
        connection.close()
        statuses.add(status)
        if attempt:
            times.append(elapsed)
    return {"median_ms": round(sorted(times)[len(times) // 2], 1), "statuses": sorted(statuses), "bytes": size}


def run(folder, keys: list[str], county: str | None = None, requests: int = 200, seconds: float = 10.0,
        say: Callable[[str], None] = lambda _m: None, store_url: str | None = None,
        queries: dict[str, str] | None = None) -> dict:
    """Start ``styrgraf serve --data folder`` (or ``--store store_url``); time every page
    kind's first answer, then (with the validation report ready) load each: one client, then four at once; and run each of
    ``queries`` over ``/sparql`` (the server allows WHOLE_GRAPH_ROWS rows, so that a
    search over all quotes is answered, not refused)."""
    started = time.perf_counter()
    options = ["--max-rows", str(WHOLE_GRAPH_ROWS)] + (["--store", store_url] if store_url else [])
    with Server([] if store_url else [str(folder)], options=options) as server:
        listening = round(time.perf_counter() - started, 2)
        documents = _documents(server.port, keys)
        paths = page_paths(keys, documents, county)
        if store_url:  # the report of what an external store holds is not timed here (tests/test_store_validation.py)
            del paths["validation_page"]
        first = _first_answers(server.port, paths, started, 600)
        report = None if store_url else _report_ready(server.port, started, 1800)
        say("pages: load")
        pages = {kind: {"single": load(server.port, p, 1, requests, seconds),
                        "four_clients": load(server.port, p, 4, requests, seconds)}
                 for kind, p in paths.items() if p}
        whole = {name: whole_graph_query(server.port, text) for name, text in (queries or {}).items()}
        unexpected = server.error_output().count("unexpected error")  # what web/errors.py logs for a 500
    return {"server_errors": unexpected, "listening_seconds": listening, "first_answer_seconds": first,
            "every_page_seconds": max(first.values()) if len(first) == len([p for p in paths.values() if p])
            and all(isinstance(v, float) for v in first.values()) else None,
            "report_ready_seconds": report, "pages": pages, "whole_graph_queries": whole,
            "paths": {k: v[:3] for k, v in paths.items()}}
