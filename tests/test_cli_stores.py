"""``query``, ``analyse`` and ``serve`` take the same store options and give the same
answers on the embedded store in memory, the on-disk store and an external store (a
second styrgraf app served by waitress, as ``styrgraf serve`` would serve it)."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.request

import pytest
import waitress
from click.testing import CliRunner

from styrgraf import resources
from styrgraf.cli import main
from styrgraf.store import GraphStore


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """A copy of the shipped data: every store holds exactly the same files."""
    folder = tmp_path_factory.mktemp("cli-stores") / "data"
    shutil.copytree(resources.data_dir(), folder, ignore=shutil.ignore_patterns("drafts"))
    return folder


@pytest.fixture(scope="module")
def external(data, app_factory):
    """The SPARQL endpoint of a second app over the same files, on a free local port."""
    app = app_factory(GraphStore.load([data]), QUERY_WORKERS=1, QUERY_TIMEOUT=20.0, VALIDATE=False)
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    yield f"http://127.0.0.1:{server.effective_port}/sparql"
    server.close()


@pytest.fixture(scope="module")
def stores(data, external, tmp_path_factory):
    """The store options of each kind, as a user types them."""
    disk = tmp_path_factory.mktemp("cli-stores-disk") / "sd"
    return {"memory": ["--data", str(data)],
            "disk": ["--data", str(data), "--store-dir", str(disk)],
            "external": ["--store", external]}


def _rows(text: str) -> list:
    """CSV rows in a fixed order (the order of rows a query leaves open may differ)."""
    rows = list(csv.reader(io.StringIO(text)))
    return [rows[0]] + sorted(rows[1:]) if rows else []


def _cells(text: str) -> list:
    """CSV rows whose cells join several items with " | " in an order left open."""
    rows = [[" | ".join(sorted(c.split(" | "))) for c in row] for row in csv.reader(io.StringIO(text))]
    return [rows[0]] + sorted(rows[1:]) if rows else []


def _canonical(text: str):
    """JSON with lists of dicts sorted, for results whose order is not defined."""
    def walk(value):
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            items = [walk(v) for v in value]
            return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        return value
    return walk(json.loads(text))


COMMANDS = {
    "query cq01 csv": (["query", "cq01-director-reports-to", "--format", "csv"], _rows),
    "query cq01 by key": (["query", "cq01-director-reports-to", "--param", "org=kungsor", "--format", "csv"], _rows),
    "query json": (["query", "cq06-director-employer", "--format", "json"], _canonical),
    "query table": (["query", "cq02-director-appointed-by"], lambda text: sorted(text.splitlines())),
    "analyse chain": (["analyse", "chain", "kungsor:medarbetare", "--format", "json"], _canonical),
    "analyse compare": (["analyse", "compare", "kommun-a", "blekinge", "--format", "csv"], _cells),
    "analyse structure": (["analyse", "structure", "--org", "kungsor", "--format", "json"], _canonical),
    "analyse centrality": (["analyse", "centrality", "--kind", "communicatesWith", "--format", "csv"], _rows),
    "analyse route": (["analyse", "route", "kungsor:medarbetare", "kungsor:kommundirektor", "--format", "json"],
                      _canonical),
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_same_answer_on_every_store(stores, name):
    args, normal = COMMANDS[name]
    runner = CliRunner()
    answers = {}
    for kind, options in stores.items():
        result = runner.invoke(main, args + options)
        assert result.exit_code == 0, (kind, result.output)
        answers[kind] = normal(result.stdout)
    assert answers["memory"], name
    assert answers["disk"] == answers["memory"]
    assert answers["external"] == answers["memory"]


def test_each_store_says_what_it_uses(stores, external, data):
    runner = CliRunner()
    memory = runner.invoke(main, ["query", "cq01-director-reports-to"] + stores["memory"])
    assert f"Data: {data}" in memory.stderr
    disk = runner.invoke(main, ["query", "cq01-director-reports-to"] + stores["disk"])
    assert "Store: Oxigraph on disk in" in disk.stderr and "6 files" in disk.stderr
    remote = runner.invoke(main, ["analyse", "structure"] + stores["external"])
    assert f"Store: external SPARQL 1.1 store at {external}" in remote.stderr


@pytest.mark.parametrize("command", [["query", "cq01-director-reports-to"], ["analyse", "structure"], ["serve"]])
@pytest.mark.parametrize("options, says", [
    (["--store", "http://127.0.0.1:9/sparql", "--data", "data"], "takes no --data"),
    (["--reload"], "--reload goes with --store-dir"),
    (["--user", "dba"], "--user and --password go with --store URL"),
])
def test_store_options_that_would_be_ignored_are_refused(command, options, says):
    result = CliRunner().invoke(main, command + options + (["--port", "0"] if command == ["serve"] else []))
    assert result.exit_code == 2 and says in result.output and "Traceback" not in result.output


def test_an_external_store_that_cannot_be_reached_exits_three():
    result = CliRunner().invoke(main, ["query", "cq01-director-reports-to", "--store", "http://127.0.0.1:9/sparql"])
    assert result.exit_code == 3, result.output
    assert result.output.count("styrgraf: ") == 1 and "Traceback" not in result.output


def _serve(args: list[str]):
    """``styrgraf serve --port 0 …`` in its own process; returns it and its base URL."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    process = subprocess.Popen([sys.executable, "-m", "styrgraf.cli", "serve", "--port", "0", "--workers", "1"] + args,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    lines = []
    for line in process.stdout:
        lines.append(line)
        found = re.match(r"Explorer:\s+(http://127\.0\.0\.1:(\d+))/", line)
        if found:
            return process, found.group(1), "".join(lines)
    process.wait(timeout=10)
    raise AssertionError(f"serve did not start: {''.join(lines)} {process.stderr.read()}")


@pytest.mark.parametrize("kind", ["memory", "external"])
def test_serve_gives_the_same_answers_and_prints_its_real_port(stores, kind):
    process, base, printed = _serve(stores[kind])
    try:
        assert not base.endswith(":0") and "Serving " in printed and "triples" in printed
        url = f"{base}/api/queries/cq01-director-reports-to?org=kungsor:kommunen&format=csv"
        with urllib.request.urlopen(url, timeout=30) as response:
            served = _rows(response.read().decode("utf-8"))
    finally:
        process.terminate()
        process.wait(timeout=15)
    assert process.returncode == 0  # SIGTERM stops it cleanly
    cli = CliRunner().invoke(main, ["query", "cq01-director-reports-to", "--param", "org=kungsor",
                                    "--format", "csv"] + stores["memory"])
    assert served == _rows(cli.stdout) and len(served) > 1
