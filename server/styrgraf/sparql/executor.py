"""The one guarded way to run a query: every SPARQL query any request causes (the
endpoint, saved queries, explorer pages, analyses) goes through ``QueryExecutor.run``.

- The text is checked first (``guard``): nesting depth, operator chains and SERVICE,
  so no input reaches a parser that could overflow its stack in the server process.
- A query runs in one of a fixed number of worker processes forked from the process
  that holds the store (they share its memory). When it outlives the time limit the
  worker is killed (the only way to stop Oxigraph mid-evaluation) and replaced; a
  worker that dies for any other reason is replaced too, and the request gets a 400.
- When every worker stays busy past a short wait, or too many requests already wait,
  the caller gets ``Unavailable`` (503 with Retry-After): no unbounded pile of threads.

Jobs and answers cross the pipe pickled: RDF terms and styrgraf's errors pickle.
"""
from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
from dataclasses import dataclass, field
from typing import Sequence

from styrgraf.errors import BadRequest, NotAcceptable, Unavailable
from styrgraf.sparql import engine, guard, results
from styrgraf.sparql.workers import Worker

log = logging.getLogger(__name__)


# What one query may allocate beyond what its worker shares with the server.
QUERY_MEMORY = 2 * 1024 ** 3


class QueryTimeout(Unavailable):
    """The query ran past its time limit and was stopped."""


class ServerBusy(Unavailable):
    """Every worker stayed busy past the wait, or too many requests were waiting."""


class WorkerDied(BadRequest):
    """The worker running the query stopped (e.g. a parser overflowing its stack)."""


@dataclass
class Answer:
    """A query's serialised answer."""

    body: bytes
    format: results.Format
    kind: str
    rows: int


@dataclass
class Job:
    """One query with everything needed to run it; ``accept`` None asks for the
    materialised ``results.Outcome`` (terms) instead of bytes."""

    text: str
    accept: tuple[str, ...] | None = None
    default_graphs: Sequence[str] | None = None
    named_graphs: Sequence[str] | None = None
    substitutions: dict = field(default_factory=dict)
    max_rows: int | None = None
    base_iri: str | None = None

    def run(self, store):
        outcome = engine.execute(store, self.text, default_graphs=self.default_graphs,
                                 named_graphs=self.named_graphs, substitutions=self.substitutions,
                                 max_rows=self.max_rows, base_iri=self.base_iri)
        if self.accept is None:
            return outcome
        return serialise(outcome, self.accept)


def serialise(outcome: results.Outcome, accept: Sequence[str]) -> Answer:
    """The outcome in the first acceptable format that fits its kind.

    Raises:
        NotAcceptable: no acceptable format fits (or the data cannot be written in it).
    """
    for name in list(accept) or [results.DEFAULT_FORMAT[outcome.kind]]:
        fmt = results.FORMATS.get(name)
        if fmt is not None and outcome.kind in fmt.kinds:
            return Answer(body=fmt.write(outcome), format=fmt, kind=outcome.kind, rows=len(outcome))
    names = ", ".join(f.media_type for f in results.formats_for(outcome.kind))
    raise NotAcceptable(f"a {outcome.kind} result can be given as: {names}")


class QueryExecutor:
    """A fixed pool of forked workers that run queries under a time limit and a row cap."""

    def __init__(self, store, workers: int = 2, timeout: float = 5.0, max_rows: int = 10_000,
                 queue_wait: float = 2.0, max_waiting: int | None = None,
                 allowed_services: frozenset[str] = frozenset(), max_depth: int = guard.MAX_DEPTH,
                 memory: int | None = QUERY_MEMORY):
        self.store = store
        self.timeout = timeout
        self.max_rows = max_rows
        self.queue_wait = queue_wait
        self.allowed_services = frozenset(allowed_services)
        self.max_depth = max_depth
        self.workers = max(1, workers)
        self.memory = memory
        self._context = multiprocessing.get_context("fork")
        self._idle: queue.Queue[Worker | None] = queue.Queue()  # None: a place whose worker is to be started
        self._waiting = threading.BoundedSemaphore(max_waiting or 4 * max(1, workers))
        self._closed = False
        self._lock = threading.Lock()  # closing and giving a worker back exclude each other
        for _ in range(max(1, workers)):
            self._idle.put(self._new_worker())

    def _new_worker(self) -> Worker:
        return Worker(self.store, self._context, self.memory)

    def run(self, text: str, accept: Sequence[str] = (), *, default_graphs=None, named_graphs=None,
            substitutions: dict | None = None, base_iri: str | None = None) -> Answer:
        """Answer a query in a worker, serialised in the first acceptable format.

        Raises:
            guard.QueryRefused, QueryTimeout, ServerBusy, WorkerDied, NotAcceptable,
            engine.QuerySyntaxError, engine.UpdateRefused, results.ResultLimitExceeded,
            engine.QueryFailed.
        """
        return self._submit(Job(text, tuple(accept), default_graphs, named_graphs, dict(substitutions or {}),
                                self.max_rows, base_iri))

    def select(self, text: str, substitutions: dict | None = None, max_rows: int | None = None) -> results.Outcome:
        """The materialised outcome (terms, not bytes) for the server's own queries: the
        explorer's pages and the organisation list go through the same guard and limits."""
        return self._submit(Job(text, None, None, None, dict(substitutions or {}), max_rows or self.max_rows))

    def _submit(self, job: Job):
        if self._closed:
            raise Unavailable("the server is shutting down", sv="servern håller på att stängas av")
        try:
            guard.check(job.text, max_depth=self.max_depth, allowed_services=self.allowed_services)
        except guard.QueryRefused as error:
            log.info("query refused before running: %s", error)
            raise
        if not self._waiting.acquire(blocking=False):
            log.warning("query refused: %d requests already waiting for a worker", 4 * self.workers)
            raise ServerBusy("too many queries are waiting; try again shortly", headers={"Retry-After": "2"},
                             sv="för många frågor väntar; försök igen om en stund")
        try:
            try:
                worker = self._idle.get(timeout=self.queue_wait)
            except queue.Empty:
                log.warning("query refused: all %d workers stayed busy for %g s", self.workers, self.queue_wait)
                raise ServerBusy(f"all {self.workers} query workers stayed busy for {self.queue_wait:g} s; "
                                 "try again shortly", headers={"Retry-After": "2"},
                                 sv=f"alla {self.workers} frågeprocesser var upptagna i {self.queue_wait:g} s; "
                                 "försök igen om en stund") from None
        finally:
            self._waiting.release()
        try:
            worker = self._live(worker)
            worker, reply = self._exchange(worker, job)
        except OSError as error:  # no worker could be started: its place stays, for the next query to fill
            log.error("no query worker could be started: %s", error)
            worker, reply = None, ("error", Unavailable(
                "no query worker could be started (the machine is short of processes or memory); try again shortly",
                sv="ingen frågeprocess kunde startas (datorn har ont om processer eller minne); försök igen om en stund",
                headers={"Retry-After": "2"}))
        self._give_back(worker)
        status, value = reply
        if status == "ok":
            return value
        if isinstance(value, (engine.UpdateRefused, results.ResultLimitExceeded)):
            log.info("query refused: %s", value)
        raise value

    def _live(self, worker: Worker | None) -> Worker:
        """The worker, or a new one in place of one that died idle or never started."""
        if worker is not None and worker.process.is_alive():
            return worker
        if worker is not None:
            log.warning("query worker %s had died while idle (exit code %s); replaced",
                        worker.process.pid, worker.process.exitcode)
            worker.kill()
        return self._new_worker()

    def _give_back(self, worker: Worker | None) -> None:
        """Return a worker (or its empty place) to the pool; after close() stop it instead."""
        with self._lock:
            if not self._closed:
                self._idle.put(worker)
                return
        if worker is not None:
            worker.kill()

    def _exchange(self, worker: Worker, job: Job):
        """Send a job, wait for the reply; replace the worker if it timed out or died."""
        try:
            worker.connection.send(job)
            if not worker.connection.poll(self.timeout):
                log.warning("query stopped after the %g s limit: worker %s killed and replaced",
                            self.timeout, worker.process.pid)
                worker.kill()
                return self._new_worker(), ("error", QueryTimeout(
                    f"the query ran longer than the {self.timeout:g} s limit and was stopped",
                    sv=f"frågan tog längre tid än gränsen på {self.timeout:g} s och avbröts"))
            return worker, worker.connection.recv()
        except Exception as error:  # noqa: BLE001 - a stream in an unknown state is never reused
            log.warning("query worker %s failed (%s: %s); replaced", worker.process.pid, type(error).__name__, error)
            worker.kill()
            if not isinstance(error, (EOFError, OSError)):
                return self._new_worker(), ("error", engine.QueryFailed(f"{type(error).__name__}: {error}"))
            return self._new_worker(), ("error", WorkerDied(
                "the query stopped the process that ran it (it may be too deeply nested or too large "
                "for the query engine); nothing else was affected",
                sv="frågan stoppade processen som körde den (den kan vara för djupt nästlad eller för stor "
                "för frågemotorn); inget annat påverkades"))

    def close(self) -> None:
        """Stop all idle workers (busy ones are stopped when they come back)."""
        with self._lock:
            self._closed = True
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                return
            if worker is None:
                continue
            try:
                worker.connection.send(None)
            except OSError:
                pass
            worker.kill()
