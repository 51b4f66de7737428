"""``styrgraf bench --orgs N``: the national-scale figures, side by side with plain
in-memory rdflib and (when installed) Virtuoso, each bounded in count and time."""
from __future__ import annotations

import multiprocessing
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import rdflib

import datetime as dt

from styrgraf import analysis, sparql, validation
from styrgraf.analysis import network
from styrgraf.sparql import queries
from styrgraf.store import GraphStore, loading
from styrgraf.tools import bench, bench_pages, bench_targets, synth, virtuoso
from styrgraf.validation import engine as validation_engine
from styrgraf.vocab import VOCABULARY_GRAPH

SG = "https://w3id.org/styrgraf/def#"
TARGET_QUERIES = {
    "group_by_all_assertions": f"SELECT ?doc (COUNT(?a) AS ?n) WHERE {{ ?a a <{SG}Assertion> ; "
                               "<http://www.w3.org/ns/prov#wasDerivedFrom> ?doc } GROUP BY ?doc",
    "reporting_cycles": f"SELECT DISTINCT ?x WHERE {{ ?x <{SG}reportsTo>+ ?x }}",
    "substring_all_quotes": f'SELECT ?a WHERE {{ ?a <{SG}quote> ?q FILTER CONTAINS(LCASE(?q), "förvaltningschef") }}',
    "assertions_per_organisation": f"SELECT ?org (COUNT(?a) AS ?n) WHERE {{ ?a a <{SG}Assertion> ; "
                                   f"<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s . "
                                   f"?s <{SG}inOrganisation> ?org }} GROUP BY ?org",
}
# The whole-graph queries an analyst sends over HTTP (issue #15: >= 10x rdflib in-process)
HTTP_QUERIES = ("group_by_all_assertions", "assertions_per_organisation", "substring_all_quotes")


def _peak_mb() -> float:
    """This process's peak resident memory. From /proc's VmHWM where there is one:
    Linux carries getrusage's ru_maxrss across exec, so a process spawned by a large
    one (the bench, holding rdflib's graph) would report its parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load_child(kind: str, folder: str, queue) -> None:
    started = time.perf_counter()
    if kind == "oxigraph":
        store = GraphStore.load([folder])
        size = len(store)
    else:  # plain rdflib, parsing the same files itself
        dataset = rdflib.Dataset(default_union=True)
        for path in sorted(Path(folder).glob("*.ttl")):
            dataset.graph(rdflib.URIRef(f"urn:file:{path.stem}")).parse(path, format="turtle")
        size = len(dataset)
    queue.put({"seconds": round(time.perf_counter() - started, 2), "triples": size, "peak_mb": round(_peak_mb(), 1)})


def load_in_fresh_process(kind: str, folder: Path) -> dict:
    """Load time and peak resident memory of a fresh process (nothing else in it)."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_load_child, args=(kind, str(folder), queue))
    process.start()
    result = queue.get(timeout=1800)
    process.join()
    return result


def restart_first_answer(folder: Path, directory: Path) -> dict:
    GraphStore.open_or_load(directory, [folder], reload=True)
    started = time.perf_counter()
    store = GraphStore.open_or_load(directory)
    list(store.query(TARGET_QUERIES["group_by_all_assertions"] + " LIMIT 1"))
    return {"seconds_to_first_answer": round(time.perf_counter() - started, 3)}


def _rdflib_graph(folder: Path) -> rdflib.Dataset:
    dataset = rdflib.Dataset(default_union=True)
    for curated in loading.read_files([folder]):
        graph = dataset.graph(rdflib.URIRef(f"urn:file:{curated.key}"))
        loading.to_rdflib(curated.triples, graph)
    # the vocabulary too, as in the serving store (the areas' scheme, the evidenced properties)
    loading.to_rdflib(loading.read_vocabulary(), dataset.graph(rdflib.URIRef(VOCABULARY_GRAPH)))
    return dataset


def _rdflib_child(dataset, text, bindings, repeats, connection) -> None:
    connection.send(bench.timings(lambda: list(dataset.query(text, initBindings=bindings)), repeats, budget=1e9))


def rdflib_timings(dataset, text: str, limit: float, repeats: int = 3, bindings=None) -> dict:
    """rdflib, the baseline, in a forked process that is stopped after ``limit`` seconds."""
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe()
    process = context.Process(target=_rdflib_child, args=(dataset, text, bindings or {}, repeats, child))
    process.start()
    if parent.poll(limit):
        result = parent.recv()
    else:
        process.kill()
        result = {"runs": 0, "median_ms": None, "p95_ms": None, "stopped_after_s": limit}
    process.join()
    return result


def _guarded(measure) -> dict:
    """A store that cannot run a query (Virtuoso and ``?x p+ ?x``) gets its error recorded."""
    try:
        return measure()
    except Exception as error:  # noqa: BLE001 - any failure of the other store is a figure too
        return {"runs": 0, "median_ms": None, "p95_ms": None, "error": str(error).splitlines()[0][:160]}


def query_figures(store, folder: Path, org_iri: str, rdflib_budget: float, virtuoso_store=None) -> dict:
    """Every saved query and the target queries on Oxigraph, rdflib and Virtuoso."""
    texts = {name: q.text for name, q in queries.library().items()}
    texts.update(TARGET_QUERIES)
    selective = queries.find("cq01-director-reports-to")
    import pyoxigraph as ox
    out = {}
    dataset = _rdflib_graph(folder)
    for name, text in texts.items():
        # A query whose answer is over the results' limits is recorded with its error
        out[name] = {"oxigraph": _guarded(lambda t=text: bench.timings(lambda: sparql.execute(store, t), 30, budget=5))}
        out[name]["rdflib"] = rdflib_timings(dataset, text, rdflib_budget)
        if virtuoso_store is not None:
            out[name]["virtuoso"] = _guarded(lambda t=text: bench.timings(lambda: sparql.execute(virtuoso_store, t), 10, budget=5))
    binding = {"org": ox.NamedNode(org_iri)}
    out["selective_cq01_one_org"] = {
        "oxigraph": bench.timings(lambda: sparql.execute(store, selective.text, substitutions=binding), 200, budget=5),
        "rdflib": rdflib_timings(dataset, selective.text, rdflib_budget, 5, {"org": rdflib.URIRef(org_iri)})}
    if virtuoso_store is not None:
        out["selective_cq01_one_org"]["virtuoso"] = _guarded(lambda: bench.timings(
            lambda: sparql.execute(virtuoso_store, selective.text, substitutions=binding), 50, budget=5))
    return out


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _validation_child(folder: str, jobs: int, cache_path: str, queue) -> None:
    cpu, started = _cpu_seconds(), time.perf_counter()
    cache = validation.ValidationCache(cache_path)  # as `styrgraf validate --changed` runs it the first time
    report = validation.validate([folder], jobs=jobs, cache=cache)
    whole, whole_cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    paths = loading.find_turtle_files([folder])
    one = loading.read_file(paths[len(paths) // 2])
    per_org = bench.timings(lambda: validation_engine.validate_unit([one], dt.date.today()), 5, budget=10)
    queue.put({"per_organisation": per_org, "whole_seconds": round(whole, 2), "whole_cpu_seconds": round(whole_cpu, 2),
               "jobs": jobs, "violations": report.count("Violation"), "warnings": report.count("Warning"),
               "peak_mb_self": round(_peak_mb(), 1),
               "peak_mb_worker": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)})


def changed_after_one_edit(folder: Path, workdir: Path, runs: int = 3) -> dict:
    """`styrgraf validate --changed` as a user runs it, start-up included, each time
    after editing one file (its cache filled by the whole run)."""
    edited = sorted(folder.glob("*.ttl"))[0]
    command = [sys.executable, "-c", "import sys; from styrgraf.cli import main; sys.exit(main())",
               "validate", str(folder.resolve()), "--changed"]
    seconds = []
    for run in range(runs):
        with edited.open("a", encoding="utf-8") as out:
            out.write(f"# edited for the benchmark ({run})\n")
        started = time.perf_counter()
        done = subprocess.run(command, cwd=workdir, capture_output=True, text=True)
        seconds.append(time.perf_counter() - started)
        if f"{len(list(folder.glob('*.ttl'))) - 1} of" not in done.stderr:
            return {"error": (done.stderr or done.stdout).strip().splitlines()[-1:]}
    return {"runs": runs, "median_seconds": round(sorted(seconds)[runs // 2], 3), "max_seconds": round(max(seconds), 3)}


def validation_figures(folder: Path, jobs: int) -> dict:
    """Validation in a fresh process (its own peak memory and its workers' largest, wall
    and CPU time); then `validate --changed` after one edit, in fresh processes."""
    with tempfile.TemporaryDirectory(prefix="styrgraf-bench-validate-") as workdir:
        cache_path = Path(workdir) / ".styrgraf-cache" / "validation.json"
        context = multiprocessing.get_context("spawn")
        queue = context.Queue()
        process = context.Process(target=_validation_child, args=(str(folder), jobs, str(cache_path), queue))
        process.start()
        result = queue.get(timeout=3600)
        process.join()
        result["changed_one_file"] = changed_after_one_edit(folder, Path(workdir))
    return result


def network_figures(store: GraphStore) -> dict:
    started = time.perf_counter()
    net = network.build(store)
    build_seconds = time.perf_counter() - started
    started = time.perf_counter()
    net.evidence.load()  # the edges' assertions, read on first use (a server: in the background after the views)
    evidence_seconds = time.perf_counter() - started
    started = time.perf_counter()
    cycles = analysis.cycles(net)
    cycle_seconds = time.perf_counter() - started
    started = time.perf_counter()
    components = 0
    import networkx as nx
    graph = net.simple([k for k in ("reportsTo", "managerOf", "communicatesWith", "appoints", "delegatesTo")])
    for component in nx.weakly_connected_components(graph):
        if len(component) > 2:
            nx.betweenness_centrality(graph.subgraph(component))
            components += 1
    betweenness_seconds = time.perf_counter() - started
    return {"build_views_seconds": round(build_seconds, 3), "evidence_seconds": round(evidence_seconds, 3),
            "cycles_seconds": round(cycle_seconds, 3),
            "cycles": len(cycles), "betweenness_seconds": round(betweenness_seconds, 3), "components": components,
            "nodes": net.graph.number_of_nodes(), "edges": net.graph.number_of_edges()}


def run(count: int, seed: int = 1, jobs: int = 2, http: bool = True, with_virtuoso: bool = True,
        rdflib_budget: float = 60.0, say: Callable[[str], None] = lambda _m: None) -> dict:
    """All figures at one N."""
    figures: dict = {"organisations": count}
    with tempfile.TemporaryDirectory(prefix=f"styrgraf-bench-{count}-") as tmp:
        folder = Path(tmp) / "data"
        say(f"N={count}: synthesising")
        made = synth.synthesise(count, folder, seed=seed)
        figures["triples_written"] = made.triples
        say(f"N={count}: loading (Oxigraph, then plain rdflib, each in a fresh process)")
        figures["load"] = {"oxigraph": load_in_fresh_process("oxigraph", folder),
                           "rdflib": load_in_fresh_process("rdflib", folder)}
        say(f"N={count}: restart from disk")
        figures["restart"] = restart_first_answer(folder, Path(tmp) / "store")
        store = GraphStore.load([folder])
        server = virtuoso.VirtuosoServer() if with_virtuoso and virtuoso.available() else None
        try:
            remote_store = _push_to_virtuoso(server, folder, figures, say) if server else None
            say(f"N={count}: queries")
            org_iri = f"https://w3id.org/styrgraf/id/{made.organisations[0]}/organisation"
            figures["queries"] = query_figures(store, folder, org_iri, rdflib_budget, remote_store)
            say(f"N={count}: validation")
            figures["validation"] = validation_figures(folder, jobs)
            say(f"N={count}: networkx")
            figures["network"] = network_figures(store)
            del store
            if http:
                _http_figures(figures, folder, made.organisations, org_iri, server if remote_store else None, say)
        finally:
            if server:
                server.__exit__(None, None, None)
    figures["targets"] = bench_targets.targets(figures)
    return figures


def _push_to_virtuoso(server, folder: Path, figures: dict, say):
    """Start Virtuoso, push the nation to it (timed); the store to query it by."""
    from styrgraf.store.protocol import StoreError
    from styrgraf.store.push import push
    from styrgraf.store.remote import RemoteStore
    say("Virtuoso")
    server.__enter__()
    remote_store = RemoteStore(query_url=server.query_url, update_url=server.update_url,
                               user="dba", password="dba", timeout=600)
    started = time.perf_counter()
    try:  # push's 1,000 triples a request: at 2,000 Virtuoso 7.2 refused one ("SQL text ... 10000 lines")
        push(remote_store, [folder])
    except StoreError as error:  # recorded, and the run goes on without Virtuoso
        figures["load"]["virtuoso_push"] = {"error": str(error).splitlines()[0]}
        return None
    figures["load"]["virtuoso_push"] = {"seconds": round(time.perf_counter() - started, 2)}
    return remote_store


def _http_figures(figures: dict, folder: Path, organisations: list[str], org_iri: str, server, say) -> None:
    """The endpoint under load, then every page kind and the whole-graph queries from
    ``serve --data``, and (with Virtuoso) the same pages from ``serve --store URL``."""
    count = len(organisations)
    say(f"N={count}: HTTP")
    figures["http"] = bench.bench_http([str(folder)], org_iri=org_iri)
    keys, county = organisations[::max(1, count // 20)], _largest_county(count)
    whole = {name: TARGET_QUERIES[name] for name in HTTP_QUERIES}
    say(f"N={count}: pages over HTTP, from serve start")
    figures["pages"] = bench_pages.run(folder, keys, county, say=say, queries=whole)
    if server:
        say(f"N={count}: pages over HTTP from Virtuoso (serve --store URL)")
        figures["pages_virtuoso"] = bench_pages.run(None, keys, county, say=say, store_url=server.query_url, queries=whole)


def _largest_county(count: int) -> str | None:
    """The county with the most synthetic organisations (its graph is the largest)."""
    counties = [code[:2] for code in synth.organisation_codes(count).values()]
    return max(set(counties), key=lambda c: (counties.count(c), c)) if counties else None
