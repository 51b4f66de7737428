"""Helpers for the security tests (issue 10), shared by the ``test_security_*`` modules:
an app served under waitress on a free port, a listening socket that records every
connection made to it (to prove the server reached out, or did not), and the quad counts
as a client sees them. Holds no tests of its own."""
from __future__ import annotations

import contextlib
import socket
import threading
import time

import requests
import waitress

TIMEOUT = 30  # no request in these tests may take longer; a hang fails instead of blocking
COUNTS = ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
          "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
MARKER = "urn:styrgraf-test:inserted"


@contextlib.contextmanager
def serving(app, threads: int = 8):
    """The app under waitress on 127.0.0.1; yields its base URL."""
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=threads)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        # closed from inside its loop (closing from here races the loop's select)
        try:
            server.trigger.pull_trigger(lambda: [channel.close() for channel in list(server._map.values())])
            thread.join(5)
        except OSError:  # the wake-up pipe is gone (seen about once in 50 runs): close from here
            server.close()
        server.task_dispatcher.shutdown()


class Trap:
    """A socket listening on 127.0.0.1 that accepts and records every connection."""

    def __init__(self):
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.settimeout(0.2)
        self.connections: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.socket.getsockname()[1]}/sparql"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except OSError:
                continue
            with connection:
                connection.settimeout(1)
                try:
                    self.connections.append(connection.recv(4096) or b"(connected)")
                except OSError:
                    self.connections.append(b"(connected)")

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.socket.close()


def counts(base: str) -> tuple[int, ...]:
    """The number of triples in the default graph (the union) and in the named graphs,
    as ``/sparql`` answers them, and whether the marker an update would add exists."""
    found = []
    for text in COUNTS:
        response = requests.get(base + "/sparql", params={"query": text}, timeout=TIMEOUT,
                                headers={"Accept": "application/sparql-results+json"})
        assert response.status_code == 200, response.text
        found.append(int(response.json()["results"]["bindings"][0]["n"]["value"]))
    ask = requests.get(base + "/sparql", params={"query": f"ASK {{ {{ <{MARKER}> ?p ?o }} UNION "
                                                          f"{{ GRAPH ?g {{ <{MARKER}> ?p ?o }} }} }}"},
                       headers={"Accept": "application/sparql-results+json"}, timeout=TIMEOUT)
    found.append(int(ask.json()["boolean"]))
    return tuple(found)


def assert_alive(base: str) -> None:
    """The server answers a page and a query (its workers too)."""
    page = requests.get(base + "/", timeout=TIMEOUT)
    assert page.status_code == 200, page.text[:300]
    query = requests.get(base + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=TIMEOUT,
                         headers={"Accept": "application/sparql-results+json"})
    assert query.status_code == 200 and query.json()["boolean"] is True, query.text[:300]


def timed(call):
    """A request's response and how long it took in seconds."""
    start = time.monotonic()
    response = call()
    return response, time.monotonic() - start
