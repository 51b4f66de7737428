"""An external SPARQL 1.1 store, over the standard protocols only.

``RemoteStore`` answers ``query()`` like ``GraphStore`` (Oxigraph result objects, parsed
from the store's SPARQL JSON or N-Triples), so the endpoint, the saved queries, the
explorer and the analyses run on it unchanged. ``push`` loads curated files into it
with SPARQL 1.1 Update: every graph is first written to a staging graph, and only when
all of them are in is each staging graph moved onto its live name, in one request. A
push that fails before that (store down, bad data) leaves the live graphs untouched.
"""
from __future__ import annotations

import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import pyoxigraph as ox

from styrgraf.vocab import GRAPH_BASE
from styrgraf.store.oxigraph import GraphStore

RDF_MEDIA = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
             "text/turtle": ox.RdfFormat.TURTLE, "application/rdf+xml": ox.RdfFormat.RDF_XML,
             "application/ld+json": ox.RdfFormat.JSON_LD}
STAGING = "https://w3id.org/styrgraf/staging/"
MOVE_BATCH = 100


class RemoteStoreError(Exception):
    """The external store could not be reached or refused the request."""


@dataclass
class RemoteStore:
    """A SPARQL 1.1 store at ``query_url`` (and ``update_url`` for push)."""

    query_url: str
    update_url: str | None = None
    user: str | None = None
    password: str | None = None
    timeout: float = 60.0
    cache: dict = field(default_factory=dict)
    directory: None = None

    def reopen(self) -> "RemoteStore":
        return self

    def _open(self, url: str, data: bytes, content_type: str, accept: str | None = None):
        request = urllib.request.Request(url, data=data, method="POST", headers={"Content-Type": content_type})
        if accept:
            request.add_header("Accept", accept)
        handlers = []
        if self.user:
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            manager.add_password(None, url, self.user, self.password or "")
            handlers += [urllib.request.HTTPDigestAuthHandler(manager), urllib.request.HTTPBasicAuthHandler(manager)]
        opener = urllib.request.build_opener(*handlers)
        try:
            return opener.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace")[:500]
            if error.code == 400:
                raise SyntaxError(detail) from None
            raise RemoteStoreError(f"{url} answered {error.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as error:
            raise RemoteStoreError(f"cannot reach {url}: {getattr(error, 'reason', error)}") from None

    def query(self, text: str, *, default_graphs: Sequence[str] | None = None, named_graphs: Sequence[str] | None = None,
              substitutions: dict | None = None, base_iri: str | None = None):
        """Run a query over the SPARQL 1.1 Protocol; Oxigraph result objects back.

        Parameters are bound as RDF terms in a trailing VALUES clause (SPARQL 1.1), each
        term written in N-Triples syntax by Oxigraph, never pasted as raw text.
        """
        if substitutions:
            names = sorted(substitutions)
            values = " ".join(str(substitutions[n]) for n in names)
            text = f"{text}\nVALUES ({' '.join('?' + n for n in names)}) {{ ({values}) }}"
        if base_iri and not text.lstrip().upper().startswith("BASE"):
            text = f"BASE <{base_iri}>\n{text}"
        form = [("query", text)] + [("default-graph-uri", g) for g in default_graphs or []] + \
               [("named-graph-uri", g) for g in named_graphs or []]
        response = self._open(self.query_url, urllib.parse.urlencode(form).encode(), "application/x-www-form-urlencoded",
                              "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8")
        media = response.headers.get_content_type()
        body = response.read()
        if media in ("application/sparql-results+json", "application/json"):
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        if media in ("application/sparql-results+xml", "application/xml"):
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.XML)
        if media in RDF_MEDIA:
            return iter(list(ox.parse(body, format=RDF_MEDIA[media])))
        raise RemoteStoreError(f"{self.query_url} answered with {media}, which styrgraf cannot read")

    def update(self, text: str) -> None:
        if not self.update_url:
            raise RemoteStoreError("no update URL: give the store's SPARQL Update endpoint")
        self._open(self.update_url, text.encode("utf-8"), "application/sparql-update").read()

    def graph_names(self) -> list[str]:
        rows = self.query(f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER STRSTARTS(STR(?g), "{GRAPH_BASE}") }}')
        return sorted(r["g"].value for r in rows)

    def __len__(self) -> int:
        rows = list(self.query(f'SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
                               f'FILTER STRSTARTS(STR(?g), "{GRAPH_BASE}") }}'))
        return int(rows[0]["n"].value)


def _graphs(local: GraphStore) -> dict[str, list[ox.Triple]]:
    """The triples of each named graph, exactly as the embedded store holds them."""
    graphs: dict[str, list[ox.Triple]] = {}
    for quad in local.store.quads_for_pattern(None, None, None, None):
        graphs.setdefault(quad.graph_name.value, []).append(ox.Triple(quad.subject, quad.predicate, quad.object))
    return graphs


def push(remote: RemoteStore, paths: Iterable[Path | str] | None = None, batch: int = 2000,
         progress: Callable[[str], None] | None = None) -> dict:
    """Load curated files into the remote store, one named graph per organisation and per
    document's assertions, each replaced only once every new graph is in.

    Raises:
        loading.DataError: an input cannot be read (nothing is sent).
        RemoteStoreError: the store cannot be reached or refuses (live graphs unchanged
            unless the failure comes during the final move).
    """
    local = GraphStore.load(paths)  # all parsed, and split into graphs as served, before anything is sent
    graphs = _graphs(local)
    token = secrets.token_hex(6)
    staging = {name: f"{STAGING}{token}/{urllib.parse.quote(name, safe='')}" for name in graphs}
    try:
        for name, triples in graphs.items():
            for start in range(0, len(triples), batch):
                chunk = "\n".join(f"{t} ." for t in triples[start:start + batch])
                remote.update(f"INSERT DATA {{ GRAPH <{staging[name]}> {{\n{chunk}\n}} }}")
            if progress:
                progress(name)
        previous = [g for g in remote.graph_names() if g not in graphs]
        moves = [f"MOVE SILENT GRAPH <{staging[name]}> TO GRAPH <{name}>" for name in graphs]
        moves += [f"DROP SILENT GRAPH <{g}>" for g in previous]  # organisations no longer pushed
        # The moves go in requests of MOVE_BATCH operations (a store limits a request's
        # size: Virtuoso refuses ~1,500 at once); a failure here is the one window in
        # which live graphs can be a mix of old and new.
        for start in range(0, len(moves), MOVE_BATCH):
            remote.update(" ;\n".join(moves[start:start + MOVE_BATCH]))
    except Exception:
        for name in staging.values():  # best effort: leave no staging graphs behind
            try:
                remote.update(f"DROP SILENT GRAPH <{name}>")
            except Exception:  # noqa: BLE001
                break
        raise
    return {"graphs": len(graphs), "triples": sum(len(t) for t in graphs.values()), "files": len(local.data_files)}

