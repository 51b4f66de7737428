"""An external SPARQL 1.1 store, over the standard protocols only.

``RemoteStore`` satisfies ``store.protocol.Store``: it answers ``query()`` like
``GraphStore`` (Oxigraph result objects, parsed from the store's SPARQL JSON or XML
results or its RDF), so the endpoint, the saved queries, the explorer and the analyses
run on it unchanged. ``store.push`` loads curated files into it.
"""
from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import pyoxigraph as ox

from styrgraf.store import querytext
from styrgraf.store.protocol import StoreError
from styrgraf.vocab import GRAPH_BASE

RDF_MEDIA = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
             "text/turtle": ox.RdfFormat.TURTLE, "application/rdf+xml": ox.RdfFormat.RDF_XML,
             "application/ld+json": ox.RdfFormat.JSON_LD}


class RemoteStoreError(StoreError):
    """The external store could not be reached or refused the request."""


@dataclass
class RemoteStore:
    """A SPARQL 1.1 store at ``query_url`` (and ``update_url`` for push)."""

    query_url: str
    update_url: str | None = None
    user: str | None = None
    password: str | None = None
    timeout: float = 60.0

    @property
    def data_paths(self) -> None:
        """Not known: the data was pushed from elsewhere."""
        return None

    @property
    def data_files(self) -> list[Path]:
        """Not known: the data was pushed from elsewhere."""
        return []

    def reopen(self) -> "RemoteStore":
        """The same store (a forked worker opens its own connections anyway)."""
        return self

    def description(self) -> str:
        """What serves, e.g. ``external SPARQL 1.1 store at http://…/sparql``."""
        return f"external SPARQL 1.1 store at {self.query_url}"

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
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise RemoteStoreError(f"cannot reach {url}: {getattr(error, 'reason', error)}") from None

    def query(self, text: str, *, default_graphs: Sequence[str] | None = None, named_graphs: Sequence[str] | None = None,
              substitutions: dict | None = None, base_iri: str | None = None):
        """Run a query over the SPARQL 1.1 Protocol; Oxigraph result objects back.

        Parameters are bound as RDF terms in a VALUES block (``store.querytext``), each
        term written in N-Triples syntax by Oxigraph, never pasted as raw text.

        Raises:
            SyntaxError: the store answered 400 (the query does not parse there).
            RemoteStoreError: the store cannot be reached, failed, or answered
                something that cannot be read.
        """
        text = querytext.bind(text, substitutions)
        if base_iri and not text.lstrip().upper().startswith("BASE"):
            text = f"BASE <{base_iri}>\n{text}"
        form = [("query", text)] + [("default-graph-uri", g) for g in default_graphs or []] + \
               [("named-graph-uri", g) for g in named_graphs or []]
        response = self._open(self.query_url, urllib.parse.urlencode(form).encode(), "application/x-www-form-urlencoded",
                              "application/sparql-results+json, application/n-triples;q=0.9, "
                              "application/sparql-results+xml;q=0.8, text/turtle;q=0.8")
        media = response.headers.get_content_type()
        try:
            with response:
                body = response.read()
        except OSError as error:  # the connection broke while the answer came
            raise RemoteStoreError(f"{self.query_url} stopped answering: {error}") from None
        try:
            if media in ("application/sparql-results+json", "application/json"):
                result, size = _results(body, ox.QueryResultsFormat.JSON)
            elif media in ("application/sparql-results+xml", "application/xml"):
                result, size = _results(body, ox.QueryResultsFormat.XML)
            elif media in RDF_MEDIA:
                triples = list(ox.parse(body, format=RDF_MEDIA[media]))
                result, size = iter(triples), len(triples)
            else:
                raise RemoteStoreError(f"{self.query_url} answered with {media}, which styrgraf cannot read")
        except (SyntaxError, ValueError) as error:
            raise RemoteStoreError(f"{self.query_url} answered {media} that cannot be read: {error}") from None
        self._refuse_cut(response.headers.get("X-SPARQL-MaxRows"), size)
        return result

    def _refuse_cut(self, cap: str | None, size: int) -> None:
        """A store that cuts answers short says so in a header (Virtuoso: X-SPARQL-MaxRows,
        its ResultSetMaxRows, 10,000 by default); an answer that reaches the cut is
        refused, never used as if it were whole."""
        if cap and cap.strip().isdigit() and size >= int(cap):
            raise RemoteStoreError(f"{self.query_url} cut its answer at {int(cap):,} rows (X-SPARQL-MaxRows; "
                                   "Virtuoso's ResultSetMaxRows): raise that limit in the store's configuration, "
                                   "styrgraf does not use a partial answer")

    def update(self, text: str) -> None:
        """Send a SPARQL 1.1 Update request to ``update_url``.

        Raises:
            SyntaxError: the store answered 400.
            RemoteStoreError: no update URL, or the store cannot be reached or refused.
        """
        if not self.update_url:
            raise RemoteStoreError("no update URL: give the store's SPARQL Update endpoint")
        response = self._open(self.update_url, text.encode("utf-8"), "application/sparql-update")
        try:
            with response:
                response.read()
        except OSError as error:
            raise RemoteStoreError(f"{self.update_url} stopped answering: {error}") from None

    def graph_names(self) -> list[str]:
        """The named graphs under ``vocab.GRAPH_BASE`` that hold triples, sorted."""
        rows = self.query(f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER STRSTARTS(STR(?g), "{GRAPH_BASE}") }}')
        return sorted(r["g"].value for r in rows)

    def __len__(self) -> int:
        rows = list(self.query(f'SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
                               f'FILTER STRSTARTS(STR(?g), "{GRAPH_BASE}") }}'))
        return int(rows[0]["n"].value)


def _results(body: bytes, fmt: ox.QueryResultsFormat):
    """Parse SPARQL results, and count the rows; solutions are read through once first,
    so that a malformed answer fails here (Oxigraph parses them lazily, as the caller
    iterates)."""
    result = ox.parse_query_results(body, format=fmt)
    if isinstance(result, ox.QuerySolutions):
        size = len(list(result))
        return ox.parse_query_results(body, format=fmt), size
    return result, 0  # a boolean
