"""Query execution with a time limit that really stops the work.

A query runs in one of a few worker processes forked from the process that holds the
store, so they share its memory. When a query outlives its time limit the worker is
killed (that is the only way to stop Oxigraph mid-evaluation) and a fresh one is
forked; the server itself never blocks on a runaway query. Results are serialised in
the worker, so only bytes cross the pipe.
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import threading
from dataclasses import dataclass
from typing import Sequence

import pyoxigraph as ox

from styrgraf.sparql import results
from styrgraf import sparql
from styrgraf.store import GraphStore


class QueryTimeout(Exception):
    """The query ran past its time limit and was stopped."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        super().__init__(f"the query ran longer than the {seconds:g} s limit and was stopped")


class ServerBusy(Exception):
    """Every worker stayed busy for longer than the time limit."""


class NotAcceptable(Exception):
    """None of the acceptable formats fits the result's kind."""

    def __init__(self, kind: str):
        self.kind = kind
        names = ", ".join(f.media_type for f in results.formats_for(kind))
        super().__init__(f"a {kind} result can be given as: {names}")


@dataclass
class Answer:
    """A query's serialised answer."""

    body: bytes
    format: results.Format
    kind: str
    rows: int


# --- Terms across the pipe ------------------------------------------------------------------

def _pack(term) -> tuple:
    if isinstance(term, ox.NamedNode):
        return ("iri", term.value)
    if isinstance(term, ox.Literal):
        return ("literal", term.value, term.datatype.value, term.language)
    return ("bnode", term.value)


def _unpack(packed: tuple):
    if packed[0] == "iri":
        return ox.NamedNode(packed[1])
    if packed[0] == "literal":
        _, value, datatype, language = packed
        return ox.Literal(value, language=language) if language else ox.Literal(value, datatype=ox.NamedNode(datatype))
    return ox.BlankNode(packed[1])


def answer(store: GraphStore, text: str, accept: Sequence[str], *, default_graphs=None, named_graphs=None,
           substitutions: dict | None = None, max_rows: int | None = None, base_iri: str | None = None) -> Answer:
    """Run a query and serialise it in the first acceptable format that fits its kind.

    Args:
        accept: format names (``results.FORMATS``) in order of preference; empty means
            the default for the kind.

    Raises:
        sparql.QuerySyntaxError, sparql.UpdateRefused, results.ResultLimitExceeded,
        NotAcceptable.
    """
    outcome = sparql.execute(store, text, default_graphs=default_graphs, named_graphs=named_graphs,
                             substitutions=substitutions, max_rows=max_rows, base_iri=base_iri)
    candidates = list(accept) or [results.DEFAULT_FORMAT[outcome.kind]]
    for name in candidates:
        fmt = results.FORMATS.get(name)
        if fmt is not None and outcome.kind in fmt.kinds:
            return Answer(body=fmt.write(outcome), format=fmt, kind=outcome.kind, rows=len(outcome))
    raise NotAcceptable(outcome.kind)


def _die_with_parent() -> None:
    """Linux: a worker is killed when the server process dies, however it dies."""
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _worker_loop(store: GraphStore, connection) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when workers stop
    _die_with_parent()
    store = store.reopen()  # an on-disk store gets this process's own read-only handle
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        text, accept, default_graphs, named_graphs, packed, max_rows, base_iri = request
        substitutions = {k: _unpack(v) for k, v in (packed or {}).items()}
        try:
            result = answer(store, text, accept, default_graphs=default_graphs, named_graphs=named_graphs,
                            substitutions=substitutions, max_rows=max_rows, base_iri=base_iri)
            connection.send(("ok", result.body, result.format.name, result.kind, result.rows))
        except NotAcceptable as error:
            connection.send(("error", "NotAcceptable", error.kind))
        except (sparql.QuerySyntaxError, sparql.UpdateRefused, results.ResultLimitExceeded) as error:
            connection.send(("error", type(error).__name__, str(error)))
        except Exception as error:  # noqa: BLE001 - reported to the parent, never a crash
            connection.send(("error", "QueryFailed", f"{type(error).__name__}: {error}"))


class _Worker:
    def __init__(self, store: GraphStore, context):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker_loop, args=(store, child), daemon=True)
        self.process.start()
        child.close()

    def kill(self) -> None:
        try:
            os.kill(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, TypeError):
            pass
        self.process.join(timeout=5)
        self.connection.close()


_ERRORS = {
    "QuerySyntaxError": sparql.QuerySyntaxError,
    "UpdateRefused": sparql.UpdateRefused,
    "QueryFailed": sparql.QueryFailed,
}


class QueryExecutor:
    """A small pool of forked workers that run queries under a time limit."""

    def __init__(self, store: GraphStore, workers: int = 2, timeout: float = 5.0, max_rows: int = 10_000):
        self.store = store
        self.timeout = timeout
        self.max_rows = max_rows
        self._context = multiprocessing.get_context("fork")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(max(1, workers)):
            self._idle.put(_Worker(store, self._context))

    def run(self, text: str, accept: Sequence[str] = (), *, default_graphs=None, named_graphs=None,
            substitutions: dict | None = None, base_iri: str | None = None) -> Answer:
        """Answer a query in a worker, or raise within about ``timeout`` seconds.

        Raises:
            QueryTimeout, ServerBusy, NotAcceptable, sparql.QuerySyntaxError,
            sparql.UpdateRefused, results.ResultLimitExceeded.
        """
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise ServerBusy(f"all query workers stayed busy for {self.timeout:g} s; try again") from None
        packed = {k: _pack(v) for k, v in (substitutions or {}).items()}
        try:
            worker.connection.send((text, list(accept), default_graphs, named_graphs, packed, self.max_rows, base_iri))
            if not worker.connection.poll(self.timeout):
                worker.kill()
                worker = _Worker(self.store, self._context)
                raise QueryTimeout(self.timeout)
            reply = worker.connection.recv()
        except (EOFError, OSError, BrokenPipeError):
            worker.kill()
            worker = _Worker(self.store, self._context)
            raise sparql.QueryFailed("the query worker stopped unexpectedly; the query was not answered") from None
        finally:
            if self._closed:
                worker.kill()
            else:
                self._idle.put(worker)
        if reply[0] == "ok":
            _, body, name, kind, rows = reply
            return Answer(body=body, format=results.FORMATS[name], kind=kind, rows=rows)
        _, error_type, message = reply
        if error_type == "NotAcceptable":
            raise NotAcceptable(message)
        if error_type == "ResultLimitExceeded":
            raise results.ResultLimitExceeded(self.max_rows)
        raise _ERRORS[error_type](message)

    def close(self) -> None:
        """Stop all idle workers (busy ones are stopped when they come back)."""
        self._closed = True
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                return
            try:
                worker.connection.send(None)
            except OSError:
                pass
            worker.kill()
