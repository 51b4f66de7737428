"""``styrgraf push``: load curated files into an external SPARQL 1.1 store so that its
live graphs are all old or all new at any point of failure.

1. Every file is parsed and split into graphs as the embedded store serves them
   (``GraphStore.load``) before anything is sent: bad data sends nothing.
2. Every graph is written under a versioned staging name,
   ``staging/{version}/{name}``, with ``INSERT DATA`` in batches (the triples that
   carry blank nodes all in the first request, so that a blank node stays one node).
3. The staged triples are counted; a shortfall stops the push.
4. One update request switches: it deletes the live graphs (``vocab.GRAPH_BASE``),
   copies every staged graph onto its live name and deletes the staging graphs. A
   store applies a request whole or not at all (SPARQL 1.1 Update, 3: "each request
   SHOULD be treated atomically"; Oxigraph and Virtuoso do), so the live graphs are
   the old ones until that request is applied and the new ones after. The request is
   the same size for any number of graphs (a store limits a request's operations:
   Virtuoso refuses ~1,500).

A push that fails removes its staging graphs (best effort, one request).
"""
from __future__ import annotations

import logging
import secrets
from pathlib import Path
from typing import Callable, Iterable

import pyoxigraph as ox

from styrgraf.store.oxigraph import GraphStore
from styrgraf.store.remote import RemoteStore, RemoteStoreError
from styrgraf.vocab import GRAPH_BASE

log = logging.getLogger(__name__)

STAGING = "https://w3id.org/styrgraf/staging/"
_IN = 'FILTER (STRSTARTS(STR(?g), "{prefix}"))'
SWITCH = """DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {live} }} ;
INSERT {{ GRAPH ?live {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {staged}
  BIND (IRI(CONCAT("{base}", STRAFTER(STR(?g), "{prefix}"))) AS ?live) }} ;
DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {staged} }}"""
DROP_STAGED = "DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {staged} }}"
COUNT_STAGED = "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {staged} }}"


class PushFailed(RemoteStoreError):
    """A push stopped; the message says what the live graphs hold."""


def graphs_of(local: GraphStore) -> dict[str, list[ox.Triple]]:
    """The triples of each named graph, exactly as the embedded store holds them."""
    graphs: dict[str, list[ox.Triple]] = {}
    for quad in local.store.quads_for_pattern(None, None, None, None):
        graphs.setdefault(quad.graph_name.value, []).append(ox.Triple(quad.subject, quad.predicate, quad.object))
    return graphs


def requests_for(graphs: dict[str, list[ox.Triple]], prefix: str, batch: int) -> list[tuple[str, int]]:
    """The INSERT DATA requests that stage ``graphs`` under ``prefix``, each with the
    number of triples it carries."""
    def staged(name: str) -> str:
        return prefix + name[len(GRAPH_BASE):]

    def insert(parts: list[tuple[str, list[ox.Triple]]]) -> str:
        blocks = "\n".join(f"GRAPH <{staged(name)}> {{\n" + "\n".join(f"{t} ." for t in triples) + "\n}"
                           for name, triples in parts if triples)
        return f"INSERT DATA {{\n{blocks}\n}}"

    def has_blank(t: ox.Triple) -> bool:
        return isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)

    blank = [(name, [t for t in triples if has_blank(t)]) for name, triples in graphs.items()]
    requests = [(insert(blank), sum(len(t) for _, t in blank))] if any(t for _, t in blank) else []
    for name, triples in graphs.items():
        plain = [t for t in triples if not has_blank(t)]
        for start in range(0, len(plain), batch):
            chunk = plain[start:start + batch]
            requests.append((insert([(name, chunk)]), len(chunk)))
    return requests


def push(remote: RemoteStore, paths: Iterable[Path | str] | None = None, batch: int = 1000,
         progress: Callable[[int, int], None] | None = None) -> dict:
    """Replace the remote store's styrgraf graphs with the curated files under ``paths``
    (default: the shipped data/): one named graph per organisation, one per document's
    assertions and the vocabulary, as ``GraphStore`` serves them; graphs not pushed
    again (organisations removed) are dropped.

    Args:
        progress: called with (triples sent, triples in all) after each request.

    Returns:
        ``{"graphs": ..., "triples": ..., "files": ...}``.

    Raises:
        loading.DataError: an input cannot be read (nothing is sent).
        PushFailed: the store could not be reached or refused; the message says
            whether the live graphs are as they were or (failure at the switch) all
            old or all new.
    """
    local = GraphStore.load(paths)
    graphs = graphs_of(local)
    outside = [name for name in graphs if not name.startswith(GRAPH_BASE)]
    if outside:
        raise ValueError(f"graphs outside {GRAPH_BASE}: {outside[:3]}")
    total = sum(len(t) for t in graphs.values())
    prefix = f"{STAGING}{secrets.token_hex(8)}/"
    staged = _IN.format(prefix=prefix)
    switch = SWITCH.format(live=_IN.format(prefix=GRAPH_BASE), staged=staged, base=GRAPH_BASE, prefix=prefix)
    try:
        sent = 0
        for text, count in requests_for(graphs, prefix, batch):
            remote.update(text)
            sent += count
            if progress:
                progress(sent, total)
        _check_staged(remote, COUNT_STAGED.format(staged=staged), total)
    except (RemoteStoreError, SyntaxError) as error:
        _drop_staged(remote, staged)
        raise PushFailed(f"{error}; nothing was switched: the live graphs are as they were") from None
    try:
        remote.update(switch)
    except (RemoteStoreError, SyntaxError) as error:
        _drop_staged(remote, staged)
        raise PushFailed(f"{error}; the switch to the new graphs may or may not have been applied (the store "
                         "applies it whole or not at all): the live graphs are all as they were or all new; "
                         "push again to be sure") from None
    return {"graphs": len(graphs), "triples": total, "files": len(local.data_files)}


def _check_staged(remote: RemoteStore, query: str, expected: int) -> None:
    rows = list(remote.query(query))
    staged = int(rows[0]["n"].value) if rows else 0
    if staged != expected:
        raise RemoteStoreError(f"the store holds {staged} of the {expected} triples sent")


def _drop_staged(remote: RemoteStore, staged: str) -> None:
    """Remove this push's staging graphs; best effort (the store may be down)."""
    try:
        remote.update(DROP_STAGED.format(staged=staged))
    except (RemoteStoreError, SyntaxError) as error:
        log.warning("the staging graphs of a failed push could not be removed: %s", error)
