"""The evidence on the network's edges: each relation's assertions (quote, document,
scope, condition), read from the store on first use rather than while the view is
built. The nation's 100,000 assertions take 0.7 s to read; the view without them is
ready in less, and a server reads them in the background right after (core._warm).
"""
from __future__ import annotations

import gc
import threading
import time
from collections.abc import Sequence
from contextlib import contextmanager

from styrgraf.vocab import SG

EVIDENCE = f"""
PREFIX sg: <{SG}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?s ?p ?o ?a ?quote ?doc ?scope ?condition WHERE {{
  ?a rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; sg:quote ?quote ; prov:wasDerivedFrom ?doc .
  OPTIONAL {{ ?a sg:scope ?scope }} OPTIONAL {{ ?a sg:condition ?condition }}
}}"""
NAMES = ("s", "p", "o", "a", "quote", "doc", "scope", "condition")
# What an assertion says besides its triple: modality, hedges, alternatives, hearsay and
# legal basis (a second query, so that the first stays one row per assertion).
QUALIFIERS = f"""
PREFIX sg: <{SG}>
SELECT ?a ?k ?v ?sv ?en WHERE {{
  VALUES ?k {{ sg:modality sg:qualifier sg:alternative sg:hearsayFrom sg:legalBasis }}
  ?a ?k ?v .
  OPTIONAL {{ ?v <http://www.w3.org/2000/01/rdf-schema#label> ?sv FILTER (LANG(?sv) = "sv") }}
  OPTIONAL {{ ?v <http://www.w3.org/2000/01/rdf-schema#label> ?en FILTER (LANG(?en) = "en") }}
}}"""
KEYS = {"modality": "modality", "qualifier": "qualifiers", "alternative": "alternatives", "hearsayFrom": "hearsay",
        "legalBasis": "legal_basis"}


def ordered(solutions, names: tuple[str, ...]):
    """The solutions, each unpacking to its terms in the order of ``names`` (None when
    unbound): positions, not names, are read per row (twice as fast at national scale)."""
    order = [v.value for v in solutions.variables]
    if order == list(names):
        return solutions
    positions = [order.index(n) for n in names]
    return (tuple(row[i] for i in positions) for row in solutions)


def evidence_order(item: dict) -> tuple:
    """A relation's assertions in a stable order: by assertion IRI, then the rest."""
    return (item["assertion"], item["quote"], item["document"], item["scope"] or "", item["condition"] or "")


@contextmanager
def no_collection():
    """No cyclic garbage collection while the view or the evidence is built: their
    hundreds of thousands of new dicts and lists set off full collections that scan
    every object of the process again and again (a third of the time at N = 311, and
    six times the time in a process that holds much else), and nothing built is garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read(store) -> dict[tuple[str, str, str], list[dict]]:
    """Every assertion's evidence by the (subject, predicate IRI, object) it states."""
    with no_collection():
        return _read(store)


def _qualifiers(store) -> dict[str, dict]:
    """Assertion IRI -> its modality (a local name) and lists of hedges, alternatives,
    hearsay sources and legal provisions ({iri, sv, en} for the last two)."""
    found: dict[str, dict] = {}
    for a, k, v, sv, en in ordered(store.query(QUALIFIERS), ("a", "k", "v", "sv", "en")):
        key = KEYS[k.value.rsplit("#", 1)[-1]]
        item = found.setdefault(a.value, {})
        if key == "modality":
            item[key] = v.value.rsplit("#", 1)[-1]
        elif key in ("qualifiers", "alternatives"):
            item.setdefault(key, []).append(v.value)
        else:
            item.setdefault(key, []).append({"iri": v.value, "sv": sv.value if sv else None, "en": en.value if en else None})
    return found


def _read(store) -> dict[tuple[str, str, str], list[dict]]:
    evidence: dict[tuple[str, str, str], list[dict]] = {}
    qualifiers = _qualifiers(store)
    for s, p, o, a, quote, doc, scope, condition in ordered(store.query(EVIDENCE), NAMES):
        item = {"assertion": a.value, "quote": quote.value, "document": doc.value,
                "scope": scope.value if scope else None, "condition": condition.value if condition else None,
                **qualifiers.get(a.value, {})}
        stated = (s.value, p.value, o.value)
        found = evidence.get(stated)
        if found is None:
            evidence[stated] = [item]
        else:
            found.append(item)
    return evidence


class EvidenceIndex:
    """The store's evidence, read once on first use (by any edge) and kept. A read that
    fails (an external store down) is given again to whoever asks within
    ``RETRY_AFTER`` seconds, so that the callers do not each wait out the store's
    timeout in turn; after that the next use tries again."""

    RETRY_AFTER = 30.0

    def __init__(self, store):
        self._store = store
        self._lock = threading.Lock()
        self._by_stated: dict | None = None
        self._failed: tuple[Exception, float] | None = None

    def load(self) -> dict[tuple[str, str, str], list[dict]]:
        """Read the evidence now unless it has been (a server's warm-up calls this)."""
        with self._lock:
            if self._by_stated is None:
                if self._failed and time.monotonic() - self._failed[1] < self.RETRY_AFTER:
                    raise self._failed[0]
                try:
                    self._by_stated = read(self._store)
                except Exception as error:
                    self._failed = (error, time.monotonic())
                    raise
                self._failed = None
            return self._by_stated

    def items(self, stated: tuple) -> list[dict]:
        """The assertions of these (subject, predicate, object) statements, in a stable order."""
        by_stated = self._by_stated if self._by_stated is not None else self.load()
        found = [item for one in stated for item in by_stated.get(one, ())]
        if len(found) > 1:
            found.sort(key=evidence_order)
        return found


class Evidence(Sequence):
    """One edge's assertions: a read-only list, filled from the index on first use.
    Equal to a list with the same items; pickled and copied as a plain list."""

    __slots__ = ("_index", "_stated", "_items")

    def __init__(self, index: EvidenceIndex, stated: tuple):
        self._index = index
        self._stated = stated  # the (subject, predicate IRI, object) statements the edge stands for
        self._items: list[dict] | None = None

    def _list(self) -> list[dict]:
        if self._items is None:
            self._items = self._index.items(self._stated)
        return self._items

    def __getitem__(self, index):
        return self._list()[index]

    def __len__(self) -> int:
        return len(self._list())

    def __iter__(self):
        return iter(self._list())

    def __eq__(self, other) -> bool:
        if isinstance(other, (Evidence, list, tuple)):
            return self._list() == list(other)
        return NotImplemented

    __hash__ = None  # like a list

    def __repr__(self) -> str:
        return repr(self._list())

    def __reduce__(self):
        return (list, (self._list(),))
