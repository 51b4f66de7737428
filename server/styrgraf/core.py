"""The one core under every surface: ``Styrgraf`` opens a store of any kind, runs every
query through the guarded executor, and keeps what is derived from the store (the
network view, the organisations, the validation report). The CLI, the JSON API and the
HTML pages hold it the same way; it knows neither Flask nor click.
"""
from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from styrgraf.background import BackgroundReport
from styrgraf.errors import Unavailable
from styrgraf.sparql import queries as saved_queries
from styrgraf.sparql.executor import Answer, QueryExecutor
from styrgraf.sparql.results import Outcome

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    """What one query may cost. Every limit has a CLI flag (``styrgraf serve --help``)."""

    timeout: float = 5.0           # seconds a query may run before it is stopped
    workers: int = 2               # query worker processes (2 cores on the target machine)
    max_rows: int = 10_000         # rows (or triples) one answer may hold
    queue_wait: float = 2.0        # seconds a query waits for a free worker before 503
    allowed_services: frozenset[str] = frozenset()  # SERVICE endpoints the operator allows


class _Derived:
    """A value computed from the store once, by whoever asks first, then kept. A failure
    (an external store that is down) is kept for ``RETRY_AFTER`` seconds: meanwhile every
    caller gets it at once, instead of each waiting in turn for the store to fail again.
    A busy pool or a timeout (``Unavailable``) is not kept: it passes."""

    RETRY_AFTER = 30.0

    def __init__(self, compute):
        self._compute = compute
        self._lock = threading.Lock()
        self._value = None
        self._done = False
        self._failed: tuple[float, Exception] | None = None

    def get(self):
        if self._done:
            return self._value
        with self._lock:
            if self._done:
                return self._value
            if self._failed and time.monotonic() - self._failed[0] < self.RETRY_AFTER:
                raise self._failed[1]
            try:
                self._value = self._compute()
            except Unavailable:  # busy or slow now, not broken: the next caller tries again
                raise
            except Exception as error:
                self._failed = (time.monotonic(), error)
                log.error("%s failed (asked again after %g s): %s", getattr(self._compute, "__name__", "a view"),
                          self.RETRY_AFTER, error)
                raise
            self._done = True
        return self._value


def _looks_like_a_name(value: str) -> bool:
    """A key (``kungsor``), a prefixed name or an IRI: what a lookup may resolve. Anything
    else goes to the parameter's own check, which answers 400 for a malformed value."""
    import re

    from styrgraf.errors import BadRequest
    from styrgraf.vocab import parse_iri
    if re.fullmatch(r"[\w-]+", value):
        return True
    try:
        parse_iri(value)
    except BadRequest:
        return False
    return True


class Styrgraf:
    """A served graph: the store, the guarded executor, the saved queries and what is
    derived from the store. Build it with ``Styrgraf.open``; ``close`` stops the workers.
    """

    def __init__(self, store, limits: Limits | None = None, *, validate: bool = True,
                 query_folder: Path | None = None, warm: bool = True):
        from styrgraf.analysis import network
        from styrgraf.explorer import organisations

        self.store = store
        self.limits = limits or Limits()
        self.executor = QueryExecutor(store, workers=self.limits.workers, timeout=self.limits.timeout,
                                      max_rows=self.limits.max_rows, queue_wait=self.limits.queue_wait,
                                      allowed_services=self.limits.allowed_services)
        self.queries = saved_queries.library(query_folder)
        # The network view is built from the whole store in this process (a fixed query,
        # no request value in it); everything a request asks goes through the executor.
        self._network = _Derived(lambda: network.build(store))
        self._organisations = _Derived(lambda: organisations(self.select))
        self._graph_names = _Derived(store.graph_names)
        self._coverage: dict[dt.date, _Derived] = {}  # per day: the review statuses change with the date
        self._coverage_lock = threading.Lock()
        self._warmed = threading.Event() if warm else None
        self.report = BackgroundReport(store if validate else None, after=self._warmed)
        if warm:  # a server builds its views before the first page asks; a one-off command does not
            threading.Thread(target=self._warm, name="styrgraf-warm", daemon=True).start()

    @classmethod
    def open(cls, data: Iterable[Path | str] | None = None, *, store_dir: Path | str | None = None,
             store_url: str | None = None, reload: bool = False, user: str | None = None,
             password: str | None = None, limits: Limits | None = None, validate: bool = True,
             warm: bool = True) -> "Styrgraf":
        """Open the store that serves: an external SPARQL 1.1 store at ``store_url``, an
        on-disk Oxigraph store in ``store_dir``, or (default) Oxigraph in memory loaded
        from ``data`` (files or folders; default ``resources.default_data()``: ./data in
        a checkout, else the data installed with the package).

        Raises:
            loading.DataError: a data file cannot be read (exit 2, nothing served).
        """
        from styrgraf import resources
        from styrgraf.store import open_store
        if data is None and not store_url:
            data = resources.default_data()
        store = open_store(data, store_dir, store_url, reload, user, password)
        return cls(store, limits, validate=validate, warm=warm)

    def _warm(self) -> None:
        try:
            self.network()
            self.organisations()
            self.coverage()
            self.network().evidence.load()  # the edges' quotes, read once before a page asks
        except Exception as error:  # noqa: BLE001 - the first page that asks reports it
            log.warning("the views could not be built before the first page: %s", error)
        finally:
            self._warmed.set()  # now the validation report may take the cores

    # --- Queries -------------------------------------------------------------------------

    def query(self, text: str, accept=(), *, default_graphs=None, named_graphs=None,
              substitutions: dict | None = None, base_iri: str | None = None) -> Answer:
        """A query's answer serialised for a client (the endpoint, saved queries, CLI)."""
        return self.executor.run(text, accept, default_graphs=default_graphs, named_graphs=named_graphs,
                                 substitutions=substitutions, base_iri=base_iri)

    def select(self, text: str, substitutions: dict | None = None) -> Outcome:
        """A query's materialised outcome (terms), for pages and the CLI's tables."""
        return self.executor.select(text, substitutions)

    def bind(self, saved: saved_queries.SavedQuery, values: dict[str, str]) -> dict:
        """A saved query's parameters as RDF terms, the same on every surface: an
        organisation by key or IRI, a relation kind by name, any other IRI only when the
        graph knows it (else NotFound with "did you mean").

        Raises:
            errors.BadRequest: an undeclared parameter or a value of the wrong type.
            errors.NotFound: an organisation, kind or node the graph does not hold.
        """
        from styrgraf import lookup
        from styrgraf.errors import BadRequest
        from styrgraf.vocab import SG
        declared = {p.name: p for p in saved.parameters}
        given = {}
        for name, value in values.items():
            value = (value or "").strip()
            if value and name in declared and declared[name].type == "iri" and _looks_like_a_name(value):
                if name == "org":
                    value = lookup.organisation_iri(value, self.organisations())
                elif name == "kind":
                    kinds = set(self.network().kinds)
                    value = str(SG) + lookup.relation_kind(value, kinds)
            given[name] = value
        try:
            bindings = saved.bind(given)
        except saved_queries.ParameterError as error:
            raise BadRequest(str(error), sv=error.message_sv) from None
        for name, term in bindings.items():
            if declared[name].type == "iri" and name not in ("org", "kind") and not self._knows(term):
                lookup.node(values[name], self.network().graph, what=f"{name!r} value")
        return bindings

    def _knows(self, term) -> bool:
        outcome = self.select("SELECT ?x WHERE { { ?x ?p ?o } UNION { ?s ?p ?x } } LIMIT 1", {"x": term})
        return bool(outcome.rows)

    # --- Derived views -------------------------------------------------------------------

    def network(self):
        """The networkx view of every evidenced relation (``analysis.network.Network``)."""
        return self._network.get()

    def organisations(self) -> list[dict]:
        """The organisations with names, kinds, documents and counts (copies)."""
        return [dict(o) for o in self._organisations.get()]

    def coverage(self, as_of: dt.date | None = None) -> dict:
        """Per-county coverage of the registry's organisations (``explorer.coverage``),
        computed once a day."""
        from styrgraf.explorer import coverage
        day = as_of or dt.date.today()
        with self._coverage_lock:
            derived = self._coverage.get(day)
            if derived is None:
                derived = self._coverage[day] = _Derived(lambda: coverage.compute(self, day))
                for old in sorted(self._coverage)[:-3]:  # a few days are kept, not every day asked
                    del self._coverage[old]
        return derived.get()

    def graph_names(self) -> list[str]:
        """The store's named graphs (asked once: the service description lists them)."""
        return list(self._graph_names.get())

    def organisation_keys(self) -> list[str]:
        return [o["key"] for o in self._organisations.get()]

    def describe_store(self) -> str:
        """Where the served data comes from, for people (pages and the CLI say it)."""
        describe = getattr(self.store, "description", None)
        if callable(describe):
            return describe()
        paths = getattr(self.store, "data_paths", None)
        return ", ".join(paths) if paths else "an external SPARQL store"

    def require_report(self, wait: float | None = 0):
        """The validation report, or Unavailable (503) while it is computed."""
        report = self.report.get(wait)
        if report is None:
            if self.report.state == "failed":
                raise Unavailable(f"the data could not be validated: {self.report.error}",
                                  sv=f"data kunde inte valideras: {self.report.error}")
            if self.report.state == "unavailable":
                raise Unavailable("validation is switched off on this server",
                                  sv="valideringen är avstängd på den här servern")
            raise Unavailable("the validation report is being computed; try again in a moment",
                              sv="valideringsrapporten tas fram; försök igen om en stund",
                              headers={"Retry-After": "5", "Refresh": "5"})
        return report

    def close(self) -> None:
        """Stop the query workers."""
        self.executor.close()
