"""What every store offers: the protocol that the embedded Oxigraph store (in memory or
on disk, ``store.oxigraph.GraphStore``) and an external SPARQL 1.1 store
(``store.remote.RemoteStore``) both satisfy, and the errors a store raises.

Everything above the stores (SPARQL execution, the explorer, the analyses, the core
object) is written against ``Store`` only; ``tests/test_store_contract.py`` checks that
every kind gives the same answers.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol, Sequence, runtime_checkable

from styrgraf.errors import StoreFailed


class StoreError(StoreFailed):
    """A store could not answer: it cannot be reached, refused the request, or is not
    what it should be. (Unreadable *data* raises ``loading.DataError`` instead.) A
    ``StoreFailed``: 502 on the web, exit 3 in the CLI, wherever it is raised (the
    network view and the service description ask the store in the server process)."""


@runtime_checkable
class Store(Protocol):
    """A read-only RDF dataset that answers SPARQL 1.1 queries.

    The dataset is partitioned into named graphs under ``vocab.GRAPH_BASE`` (one per
    organisation, one per document's assertions, the vocabulary); with no dataset in
    the request, the default graph is the union of them all.
    """

    @property
    def data_paths(self) -> list[str] | None:
        """The files or folders the store was loaded from (None: not known here, e.g. an
        external store loaded by ``styrgraf push``)."""
        ...

    @property
    def data_files(self) -> list[Path]:
        """The Turtle files under ``data_paths`` (empty when not known)."""
        ...

    def query(self, text: str, *, default_graphs: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None, substitutions: dict | None = None,
              base_iri: str | None = None) -> Any:
        """Run a SPARQL query: ``pyoxigraph.QuerySolutions`` for SELECT, a bool-like
        ``QueryBoolean`` for ASK, an iterable of ``pyoxigraph.Triple`` for CONSTRUCT
        and DESCRIBE.

        Args:
            default_graphs, named_graphs: the protocol's dataset (SPARQL 1.1 Protocol,
                2.1.4); with neither, the default graph is the union of all graphs.
            substitutions: variable name -> pyoxigraph term, bound before evaluation
                (values never pasted into the text).
            base_iri: the base IRI for relative IRIs in the query.

        Raises:
            SyntaxError: the query does not parse.
            StoreError: the store cannot answer.
        """
        ...

    def graph_names(self) -> list[str]:
        """The named graphs holding styrgraf's data, sorted."""
        ...

    def __len__(self) -> int:
        """The number of quads in those graphs."""
        ...

    def reopen(self) -> "Store":
        """The same store for a forked worker process (its own handle where needed)."""
        ...

    def description(self) -> str:
        """What serves, in a few words, e.g. ``Oxigraph in memory, 5 files from data``."""
        ...
