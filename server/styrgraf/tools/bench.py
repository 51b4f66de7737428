"""Benchmarks: figures for the README, measured by a command, never by timed tests.

Every measurement is bounded in count and time. HTTP load goes only to a server this
module starts itself on 127.0.0.1.
"""
from __future__ import annotations

import http.client
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Callable, Iterable

from styrgraf.store import loading
from styrgraf.sparql import queries
from styrgraf import sparql, validation
from styrgraf.store import GraphStore
from styrgraf.tools.virtuoso import free_port


def machine() -> dict:
    """What the figures were measured on."""
    memory = None
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            memory = round(int(meminfo.readline().split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            cpu = next((l.split(":", 1)[1].strip() for l in cpuinfo if l.startswith("model name")), cpu)
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": memory, "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}"}


def resident_mb() -> float:
    """Resident memory of this process now, in MB."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:
        return float("nan")


def timings(action: Callable[[], object], repeats: int, budget: float = 10.0) -> dict:
    """Median and p95 of up to ``repeats`` runs, stopping after ``budget`` seconds."""
    samples = []
    deadline = time.perf_counter() + budget
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
        if time.perf_counter() > deadline:
            break
    samples.sort()
    return {"runs": len(samples), "median_ms": round(statistics.median(samples), 3),
            "p95_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.95))], 3)}


def bench_load(paths: Iterable[Path | str] | None) -> tuple[GraphStore, dict]:
    before = resident_mb()
    started = time.perf_counter()
    store = GraphStore.load(paths)
    seconds = time.perf_counter() - started
    return store, {"seconds": round(seconds, 3), "triples": len(store), "files": len(store.data_files),
                   "resident_mb_added": round(resident_mb() - before, 1)}


def bench_queries(store: GraphStore, repeats: int = 30) -> dict:
    out = {}
    for saved in queries.library().values():
        out[saved.name] = timings(lambda s=saved: sparql.execute(store, s.text), repeats)
    return out


def bench_validation(paths: Iterable[Path | str] | None) -> dict:
    files = loading.read_files(paths)
    started = time.perf_counter()
    report = validation.validate_files(files)
    return {"seconds": round(time.perf_counter() - started, 3), "findings": len(report.findings)}


# --- HTTP load --------------------------------------------------------------------------------

class Server:
    """``styrgraf serve`` in its own process on 127.0.0.1, stopped on exit."""

    def __init__(self, data: list[str] | None = None, timeout: float = 5.0, options: list[str] = (),
                 global_options: list[str] = ()):
        self.port = free_port()
        command = [sys.executable, "-m", "styrgraf.cli", *global_options, "serve", "--port", str(self.port), "--timeout", str(timeout),
                   *options]
        for path in data or []:
            command += ["--data", str(path)]
        # stderr to a file, not a pipe: a pipe nobody reads fills and stops the server
        self.errors = tempfile.TemporaryFile()
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=self.errors)

    def __enter__(self) -> "Server":
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped: {self.error_output()[-500:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the server did not start within 120 s")

    def error_output(self) -> str:
        """What the server has written to stderr so far."""
        self.errors.seek(0)
        return self.errors.read().decode(errors="replace")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.errors.close()


def http_load(port: int, path: str, concurrency: int = 4, requests: int = 2000, seconds: float = 10.0) -> dict:
    """Send GETs for ``path`` from ``concurrency`` keep-alive connections, bounded by
    ``requests`` in all and ``seconds`` of wall time; report throughput and latency."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    remaining = [requests]
    deadline = time.monotonic() + seconds

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                if remaining[0] <= 0 or time.monotonic() > deadline:
                    break
                remaining[0] -= 1
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept": "application/sparql-results+json"})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                errors[0] += 0 if ok else 1
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    pick = lambda q: round(latencies[min(len(latencies) - 1, int(len(latencies) * q))], 2) if latencies else None
    return {"requests": len(latencies), "errors": errors[0], "concurrency": concurrency,
            "seconds": round(wall, 2), "requests_per_second": round(len(latencies) / wall, 1),
            "p50_ms": pick(0.50), "p99_ms": pick(0.99)}


def selective_query(org_iri: str) -> str:
    return ("SELECT ?director ?principal WHERE { ?director a <https://w3id.org/styrgraf/def#Director> ; "
            f"<https://w3id.org/styrgraf/def#inOrganisation> <{org_iri}> ; <https://w3id.org/styrgraf/def#reportsTo> ?principal }}")


def bench_http(data: list[str] | None = None, concurrency: int = 4, requests: int = 2000, seconds: float = 10.0,
               org_iri: str = "https://w3id.org/styrgraf/id/blekinge/landstinget") -> dict:
    with Server(data) as server:
        http_load(server.port, "/sparql?query=ASK%20%7B%7D", concurrency, 100, 5)  # warm up
        endpoint = http_load(server.port, "/sparql?" + urllib.parse.urlencode({"query": selective_query(org_iri)}),
                             concurrency, requests, seconds)
        saved = http_load(server.port, "/api/queries/cq01-director-reports-to?" + urllib.parse.urlencode({"org": org_iri}),
                          concurrency, requests, seconds)
    return {"sparql_selective": endpoint, "saved_query_cq01": saved}


# --- The `styrgraf bench` run and its printing ---------------------------------------------------

def measure(counts: Iterable[int] = (), data: Iterable[Path | str] = (), *, jobs: int = 2, rdflib_budget: float = 60.0,
            http: bool = True, with_virtuoso: bool = True, echo: Callable[[str], None] = print,
            say: Callable[[str], None] = lambda _m: None) -> dict:
    """Measure ``data`` (files or folders), or else synthetic nations of each size in
    ``counts``; print the figures with ``echo`` as they come and return them all.

    Raises:
        loading.DataError: ``data`` cannot be read.
    """
    figures = {"machine": machine(), "runs": []}
    m = figures["machine"]
    echo(f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, Python {m['python']}")
    data = list(data)
    if data:
        store, load = bench_load(data)
        run = {"data": [str(p) for p in data], "load": load, "queries": bench_queries(store),
               "validation": bench_validation(data)}
        if http:
            run["http"] = bench_http([str(p) for p in data])
        figures["runs"].append(run)
        print_data_run(run, echo)
        return figures
    from styrgraf.tools import bench_scale
    for count in counts or (10, 100, 311):
        run = bench_scale.run(count, jobs=jobs, http=http, with_virtuoso=with_virtuoso,
                              rdflib_budget=rdflib_budget, say=say)
        figures["runs"].append(run)
        print_scale_run(run, echo)
    return figures


def print_data_run(run: dict, echo: Callable[[str], None] = print) -> None:
    """The figures of one run over given files."""
    load = run["load"]
    echo(f"Load: {load['triples']} triples from {load['files']} files in {load['seconds']} s "
         f"(+{load['resident_mb_added']} MB resident)")
    echo(f"Validation: {run['validation']['seconds']} s")
    echo("Saved queries (in-process):              median ms    p95 ms")
    for name, t in run["queries"].items():
        echo(f"  {name:42} {t['median_ms']:9.3f} {t['p95_ms']:9.3f}")
    print_http(run, echo)


def print_http(run: dict, echo: Callable[[str], None] = print) -> None:
    for name, h in run.get("http", {}).items():
        echo(f"HTTP {name}: {h['requests_per_second']} req/s, p50 {h['p50_ms']} ms, p99 {h['p99_ms']} ms "
             f"({h['requests']} requests, {h['concurrency']} clients, {h['errors']} errors)")


def _ratio(base, ours) -> str:
    return f"{base / ours:6.1f}×" if ours and base else "     –"


def _ms(timing: dict) -> str:
    if timing.get("median_ms") is None:
        return f">{timing.get('stopped_after_s', 0) * 1000:9.0f}"
    return f"{timing['median_ms']:10.1f}"


def _push_figure(push: dict | None) -> str:
    if push is None:
        return ""
    return f" | Virtuoso push {push['seconds']} s" if "seconds" in push else f" | Virtuoso push failed: {push['error']}"


def print_scale_run(run: dict, echo: Callable[[str], None] = print) -> None:
    """The figures at one N (``bench_scale.run``), with the ratios to rdflib and Virtuoso."""
    load = run["load"]
    ox_load, rdf_load = load["oxigraph"], load["rdflib"]
    echo(f"\nN = {run['organisations']} organisations, {ox_load['triples']} triples")
    echo(f"  load: Oxigraph {ox_load['seconds']} s, peak {ox_load['peak_mb']} MB | rdflib {rdf_load['seconds']} s, "
         f"peak {rdf_load['peak_mb']} MB | {_ratio(rdf_load['seconds'], ox_load['seconds'])} faster"
         + _push_figure(load.get("virtuoso_push")))
    echo(f"  restart from disk: {run['restart']['seconds_to_first_answer']} s to the first answer")
    echo("  query (median ms)                              Oxigraph     rdflib  ratio   Virtuoso  ratio")
    for name, engines in run["queries"].items():
        ox_ms, rdf_ms = engines["oxigraph"]["median_ms"], engines["rdflib"]["median_ms"]
        virt = engines.get("virtuoso", {}).get("median_ms")
        if ox_ms is None:
            echo(f"  {name:44} error: {engines['oxigraph'].get('error', '')}")
            continue
        echo(f"  {name:44} {ox_ms:10.2f} {_ms(engines['rdflib'])} {_ratio(rdf_ms, ox_ms)}"
             + (f" {virt:10.2f} {_ratio(virt, ox_ms)}" if virt is not None else
                ("      error" if "virtuoso" in engines else "")))
    v = run["validation"]
    echo(f"  validation: one organisation {v['per_organisation']['median_ms']:.0f} ms median; whole graph "
         f"{v['whole_seconds']} s with {v['jobs']} processes; peak {v['peak_mb_self']} MB "
         f"(+ {v['peak_mb_worker']} MB a worker)")
    n = run["network"]
    echo(f"  networkx: views {n['build_views_seconds']} s (evidence on first use {n.get('evidence_seconds')} s), cycles {n['cycles_seconds']} s, "
         f"betweenness over {n['components']} components {n['betweenness_seconds']} s")
    print_http(run, echo)
    from styrgraf.tools import bench_targets
    if "pages" in run:
        bench_targets.print_pages(run["pages"], echo)
    if "pages_virtuoso" in run:
        echo("  the same pages from Virtuoso (serve --store URL):")
        bench_targets.print_pages(run["pages_virtuoso"], echo)
    bench_targets.print_targets(run.get("targets") or bench_targets.targets(run), echo)
