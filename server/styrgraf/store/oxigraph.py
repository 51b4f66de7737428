"""The embedded store: Oxigraph, in memory or on disk (``store.ondisk`` keeps the folder).

The dataset is partitioned into named graphs, each triple in exactly one (an
assertion derived from two documents is in each of their graphs):
- ``graph/{key}``: one organisation's curated file (organs, posts, relations,
  documents with their source text as ``sg:text``), key = the file's stem;
- ``graph/{key}/{document}``: the ``sg:Assertion`` nodes derived from one document;
- ``graph/vocabulary``: the ontology.
With no dataset in the request the default graph is the union of them all.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import pyoxigraph as ox

from styrgraf import resources
from styrgraf.store import loading, ondisk, querytext, routing
from styrgraf.store.ondisk import MANIFEST  # noqa: F401  (store/__init__ exports it from here)
from styrgraf.vocab import VOCABULARY_GRAPH, organisation_graph



@dataclass
class GraphStore:
    """An Oxigraph store (in memory, or on disk in ``directory``) and where its data came from.

    Satisfies ``store.protocol.Store``.
    """

    store: ox.Store
    directory: Path | None = None  # the Oxigraph (RocksDB) folder when on disk
    data_paths: list[str] | None = None
    location: Path | None = None  # the --store-dir that holds ``directory``

    @classmethod
    def load(cls, paths: Iterable[Path | str] | None = None) -> "GraphStore":
        """Read curated files (default: the shipped data/) into a new store in memory
        (``open_or_load`` keeps one on disk).

        Raises:
            loading.DataError: files cannot be read (all of them named); nothing is
                returned then.
        """
        paths = list(paths or [resources.data_dir()])
        found, missing = loading.expand(paths)
        graph_store = cls(store=ox.Store(), data_paths=[str(Path(p).resolve()) for p in paths])
        try:
            graph_store.load_files(found)
        except loading.DataError as error:
            missing += error.errors
        loading.raise_errors(missing)
        return graph_store

    @classmethod
    def open_or_load(cls, directory: Path | str, paths: Iterable[Path | str] | None = None,
                     reload: bool = False) -> "GraphStore":
        """The on-disk store in ``directory``: see ``store.ondisk.open_or_load``."""
        return ondisk.open_or_load(cls, directory, paths, reload)

    def reopen(self) -> "GraphStore":
        """The same store for a forked worker: on disk it opens its own read-only handle."""
        if self.directory is None:
            return self
        return GraphStore(store=ox.Store.read_only(str(self.directory)), directory=self.directory,
                          data_paths=self.data_paths, location=self.location)

    @property
    def data_files(self) -> list[Path]:
        """The Turtle files the store was loaded from (found again, not parsed)."""
        return loading.find_turtle_files(self.data_paths) if self.data_paths is not None else []

    def description(self) -> str:
        """What serves, e.g. ``Oxigraph in memory, 5 files from data``."""
        where = f"on disk in {self.location or self.directory}" if self.directory else "in memory"
        if not self.data_paths:
            return f"Oxigraph {where}"
        try:
            count = len(self.data_files)
        except loading.DataError:
            count = None
        origin = ", ".join(loading.display_path(p) for p in self.data_paths)
        files = f"{count} file{'s' if count != 1 else ''}" if count is not None else "files (now missing)"
        return f"Oxigraph {where}, {files} from {origin}"

    def load_files(self, paths: list[Path], jobs: int | None = None) -> None:
        """Replace the store's content with these files, every triple in its named graph
        (an assertion's in its document's, the rest in the organisation's) and each
        document's source text attached: ``store.routing`` routes each file inside
        Oxigraph, in worker processes for a large dataset, and the store loads the
        N-Quads they return as they come. (Routing in Python, a quad object a triple,
        took 2.5 times as long.)

        Raises:
            loading.DataError: files or source texts cannot be read, every one named
                (the store is then incomplete and must not be served; callers discard it).
        """
        self.store.clear()
        self.store.bulk_extend(_quads(ox.NamedNode(VOCABULARY_GRAPH), loading.read_vocabulary()))
        for quads in routing.routed_files(paths, jobs):
            # lenient: Oxigraph wrote these N-Quads from what its strict parser read
            self.store.load(input=quads, format=ox.RdfFormat.N_QUADS, lenient=True)
        drop_restated(self.store)

    def query(self, text: str, *, default_graphs: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None, substitutions: dict | None = None,
              base_iri: str | None = None):
        """Run a SPARQL query; return Oxigraph's solutions, boolean or triples.

        With neither ``default_graphs`` nor ``named_graphs`` the default graph is the
        union of all graphs, unless the query names its dataset (FROM / FROM NAMED).
        With either, the protocol's dataset is used as given (SPARQL 1.1 Protocol,
        2.1.4). ``substitutions`` bind variables before evaluation.

        Raises:
            SyntaxError: the query does not parse (message names line and column).
        """
        kwargs: dict = {"base_iri": base_iri}
        if default_graphs is not None or named_graphs is not None:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs or []] or [ox.DefaultGraph()]
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs or []]
        elif not querytext.has_dataset(text):  # Oxigraph's union flag would override FROM
            kwargs["use_default_graph_as_union"] = True
        if not substitutions:
            return self.store.query(text, **kwargs)
        try:
            return self.store.query(text, substitutions={ox.Variable(k): v for k, v in substitutions.items()},
                                    **kwargs)
        except RuntimeError as error:
            if "projection" not in str(error):
                raise
        # Oxigraph binds only projected variables: the others are bound as on an external store
        return self.store.query(querytext.bind(text, substitutions), **kwargs)

    def graph_names(self) -> list[str]:
        """The named graphs, sorted."""
        return sorted(g.value for g in self.store.named_graphs())

    def __len__(self) -> int:
        return len(self.store)


def _quads(graph: ox.NamedNode, triples) -> Iterable[ox.Quad]:
    return (ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)


# The registry restates what an organisation's own file states of its node (its kind, name,
# code): each file is complete for validation. In the union default graph a triple held in
# two graphs would answer twice, so the registry's copy goes once the files are loaded.
# (One index lookup a registry triple: a SPARQL DELETE joining the graphs took 40 s on a
# nation of 1.2 million triples.)
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def drop_restated(store: ox.Store) -> None:
    """Remove from the registry's graph the triples another graph also holds, and its
    rdfs:label in a language the organisation's own file names it in (Landstinget
    Blekinge stays its label; the registry's "Region Blekinge" stays as skos:prefLabel)."""
    registry = ox.NamedNode(organisation_graph("registry"))

    def elsewhere(subject, predicate, obj) -> list:
        return [q for q in store.quads_for_pattern(subject, predicate, obj, None) if q.graph_name != registry]

    restated = []
    for quad in store.quads_for_pattern(None, None, None, registry):
        if elsewhere(quad.subject, quad.predicate, quad.object):
            restated.append(quad)
        elif quad.predicate == LABEL and isinstance(quad.object, ox.Literal) and any(
                isinstance(q.object, ox.Literal) and q.object.language == quad.object.language
                for q in elsewhere(quad.subject, LABEL, None)):
            restated.append(quad)
    for quad in restated:
        store.remove(quad)
