"""A small external SPARQL 1.1 store for tests: Oxigraph in memory behind the query and
update operations of the protocol, served by waitress on 127.0.0.1, which can be told
to fail its Nth request (before applying it, or after applying it and losing the
answer: the two ways a request can fail as its client sees it)."""
from __future__ import annotations

import threading
from urllib.parse import parse_qs

import pyoxigraph as ox
import waitress

from styrgraf.store import querytext

RESULTS = {"select": ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
           "graph": ("application/n-triples", ox.RdfFormat.N_TRIPLES)}


class FakeStore:
    """``query_url`` and ``update_url`` of an in-memory store; ``fail_at`` = N makes the
    Nth request (counted from the last ``reset``) answer 500, ``apply_failing`` says
    whether that request is applied first."""

    def __init__(self):
        self.store = ox.Store()
        self.requests = 0
        self.fail_at: int | None = None
        self.apply_failing = False
        self.lock = threading.Lock()
        self.server = waitress.create_server(self.app, host="127.0.0.1", port=0, threads=2)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "FakeStore":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.close()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.effective_port}"

    @property
    def query_url(self) -> str:
        return self.base + "/query"

    @property
    def update_url(self) -> str:
        return self.base + "/update"

    def reset(self, fail_at: int | None = None, apply_failing: bool = False) -> None:
        with self.lock:
            self.requests, self.fail_at, self.apply_failing = 0, fail_at, apply_failing

    def quads(self) -> set:
        """Every quad, blank nodes by their place (their labels differ from load to load)."""
        return {tuple("_" if isinstance(t, ox.BlankNode) else t for t in (q.subject, q.predicate, q.object,
                                                                          q.graph_name))
                for q in self.store.quads_for_pattern(None, None, None, None)}

    def app(self, environ, start_response):
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        with self.lock:
            self.requests += 1
            failing = self.requests == self.fail_at
            apply = not failing or self.apply_failing
            try:
                status, media, answer = self._answer(environ["PATH_INFO"], environ.get("CONTENT_TYPE", ""), body) \
                    if apply else ("500 Internal Server Error", "text/plain", b"")
            except (SyntaxError, ValueError, OSError) as error:
                status, media, answer = "400 Bad Request", "text/plain", str(error).encode()
        if failing:
            status, media, answer = "500 Internal Server Error", "text/plain", b"failing as told"
        start_response(status, [("Content-Type", media), ("Content-Length", str(len(answer)))])
        return [answer]

    def _answer(self, path: str, content_type: str, body: bytes):
        if path == "/update" and content_type.startswith("application/sparql-update"):
            self.store.update(body.decode("utf-8"))
            return "204 No Content", "text/plain", b""
        if path != "/query":
            return "404 Not Found", "text/plain", b""
        form = parse_qs(body.decode("utf-8"))
        default, named = form.get("default-graph-uri"), form.get("named-graph-uri")
        own = querytext.has_dataset(form["query"][0])  # FROM in the query: Oxigraph's union flag would override it
        kwargs = {"use_default_graph_as_union": not own} if not (default or named) else {
            "default_graph": [ox.NamedNode(g) for g in default or []] or [ox.DefaultGraph()],
            "named_graphs": [ox.NamedNode(g) for g in named or []]}
        result = self.store.query(form["query"][0], **kwargs)
        if isinstance(result, (ox.QuerySolutions, ox.QueryBoolean)):
            return "200 OK", RESULTS["select"][0], result.serialize(format=RESULTS["select"][1])
        return "200 OK", RESULTS["graph"][0], ox.serialize(result, format=RESULTS["graph"][1])
