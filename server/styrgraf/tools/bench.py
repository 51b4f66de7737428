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

    def __init__(self, data: list[str] | None = None, timeout: float = 5.0):
        self.port = free_port()
        command = [sys.executable, "-m", "styrgraf.cli", "serve", "--port", str(self.port), "--timeout", str(timeout)]
        for path in data or []:
            command += ["--data", str(path)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def __enter__(self) -> "Server":
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped: {self.process.stderr.read().decode()[-500:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the server did not start within 120 s")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


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
