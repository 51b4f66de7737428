"""One curated file routed into its named graphs, inside Oxigraph (no Python per triple).

Each file is parsed into a small store of its own, its assertions are moved into their
documents' graphs by one SPARQL update, each cited source text is attached, and the
result comes back as N-Quads for the serving store to load. Files are independent, so
a large dataset is routed in two worker processes while the caller loads what they
return (``routed_files``; the three share the machine's cores); a small one is routed
in the caller.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox

from styrgraf.store import loading
from styrgraf.vocab import GRAPH_BASE, ID_BASE, SG, organisation_graph

# Every triple of a subject typed sg:Assertion goes to the graph of each document it is
# derived from: graph/{what follows id/ in the document's IRI}; a document outside id/
# (or a literal) gives graph/ itself. An assertion derived from nothing, or only from
# documents that are blank nodes (which name no graph), stays in the organisation's graph.
MOVE_ASSERTIONS = f"""PREFIX sg: <{SG}> PREFIX prov: <http://www.w3.org/ns/prov#>
DELETE {{ GRAPH ?g {{ ?a ?p ?o }} }} INSERT {{ GRAPH ?evidence {{ ?a ?p ?o }} }}
WHERE {{ GRAPH ?g {{ ?a a sg:Assertion ; prov:wasDerivedFrom ?d . ?a ?p ?o }} FILTER (!isBlank(?d))
        BIND (IRI(CONCAT("{GRAPH_BASE}", STRAFTER(STR(?d), "{ID_BASE}"))) AS ?evidence) }}"""
SOURCE_FILES = f"""SELECT ?document ?file WHERE {{ ?document <{SG.sourceFile}> ?file }}"""  # in the organisation's graph

# Below this many bytes of Turtle, starting worker processes costs more than it saves.
PARALLEL_BYTES = 8_000_000
# A worker: Ctrl-C is the caller's to handle; the protocol goes out on its own copy of
# stdout, and anything else printed goes to stderr, never into the protocol.
WORKER = ("import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_IGN); "
          "out = os.fdopen(os.dup(1), 'wb'); os.dup2(2, 1); "
          "from styrgraf.store.routing import _send; _send(sys.argv[1:], out)")


def route_file(path: Path | str) -> bytes:
    """The file's quads in their named graphs, with its source texts, as N-Quads.

    Raises:
        loading.DataError: the file, or a source text it cites, cannot be read (each named).
    """
    path = Path(path)
    try:
        graph = ox.NamedNode(organisation_graph(path.stem))
    except ValueError:
        raise loading.DataError(path, f"the file name {path.stem!r} cannot name a graph: use letters, digits, "
                                      "'-' and '_'") from None
    store = ox.Store()
    try:
        store.load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri(), to_graph=graph)
    except loading.READ_ERRORS as error:
        raise loading.unreadable(path, error) from None
    store.update(MOVE_ASSERTIONS)
    cited = [(row["document"], row["file"].value) for row in store.query(SOURCE_FILES, default_graph=[graph])]
    texts = loading.read_each(cited, lambda row: ox.Quad(
        row[0], loading.TEXT, ox.Literal(loading.read_source(path, row[1])), graph))
    store.extend(texts)
    return store.dump(format=ox.RdfFormat.N_QUADS)


def routed_files(paths: list[Path], jobs: int | None = None) -> Iterator[bytes]:
    """``route_file`` for each path, in order; in ``jobs`` worker processes (default:
    one a core, two at most, none for a small dataset), each routing every ``jobs``-th
    file while the caller loads what the others returned.

    The workers are fresh interpreters (``python -c WORKER FILE...``),
    not forks: the caller may be a serving process with threads of its own, or a script
    whose main module must not be run again.

    Raises:
        loading.DataError: every file that cannot be read, named in one error once all
            the files have been tried.
    """
    if jobs is None:
        size = sum(_size(p) for p in paths)
        jobs = min(2, os.cpu_count() or 1) if size >= PARALLEL_BYTES else 1
    jobs = max(1, min(jobs, len(paths)))
    if jobs == 1:
        yield from _each(paths, route_file)
        return
    package_root = str(Path(__file__).resolve().parents[2])  # where this styrgraf is imported from
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
    workers: list[subprocess.Popen] = []
    try:
        for i in range(jobs):
            workers.append(subprocess.Popen([sys.executable, "-c", WORKER, *map(str, paths[i::jobs])], env=env,
                                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE))
        yield from _each(range(len(paths)), lambda i: _receive(workers[i % jobs], paths[i]))
    finally:
        for worker in workers:
            worker.kill()
            worker.wait()
            worker.stdout.close()


def _each(items, produce) -> Iterator[bytes]:
    errors = []
    for item in items:
        try:
            yield produce(item)
        except loading.DataError as error:
            errors.append(error)
    loading.raise_errors(errors)


def _receive(worker: subprocess.Popen, path: Path) -> bytes:
    """The next file's N-Quads from ``worker`` (see ``_send``), or its DataError."""
    header = worker.stdout.readline()
    try:
        if header.startswith(b"OK "):
            size = int(header[3:])
            quads = worker.stdout.read(size)
            if len(quads) == size:
                return quads
        elif header.startswith(b"ERROR "):
            raise loading.DataErrors([loading.DataError(*fields) for fields in json.loads(header[6:])])
    except (ValueError, TypeError):
        pass  # not the protocol: the worker is broken
    worker.kill()  # it may be blocked writing what nobody will read
    worker.wait()
    raise loading.DataError(path, f"the process reading it stopped (exit status {worker.returncode}; "
                                  "its messages are on standard error)")


def _send(paths: list[str], out) -> None:
    """A worker's side: for each file, ``OK <size>`` and its N-Quads, or ``ERROR``
    and the JSON list of what could not be read."""
    for path in paths:
        try:
            quads = route_file(path)
        except Exception as error:  # noqa: BLE001 - every failure reaches the caller, named
            errors = error.errors if isinstance(error, loading.DataError) else \
                [loading.DataError(path, f"cannot be read: {type(error).__name__}: {error}")]
            fields = [[e.path, e.reason, e.line, e.column] for e in errors]
            out.write(b"ERROR " + json.dumps(fields).encode() + b"\n")
        else:
            out.write(b"OK %d\n" % len(quads))
            out.write(quads)
        out.flush()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
