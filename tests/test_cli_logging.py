"""The package logs with the standard ``logging`` module to stderr, from the level of
the global ``--log-level``: a served query stopped at its time limit (its worker
replaced), a refused query, a background validation that failed, a store reload, and
validation runs. Through the CLI and a real ``styrgraf serve`` over HTTP."""
from __future__ import annotations

import shutil
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner

from styrgraf import resources
from styrgraf.cli import main
from styrgraf.tools.bench import Server

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
REFUSED = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"


def _ask(port: int, query: str) -> int:
    url = f"http://127.0.0.1:{port}/sparql?" + urllib.parse.urlencode({"query": query})
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _wait_for(server: Server, text: str, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while text not in server.error_output() and time.monotonic() < deadline:
        time.sleep(0.2)
    return server.error_output()


def test_validate_logs_its_run_at_info_and_nothing_by_default():
    runner = CliRunner()
    quiet = runner.invoke(main, ["validate", str(resources.data_dir()), "--as-of", "2026-11-23"])
    assert quiet.exit_code == 0 and "INFO" not in quiet.stderr
    told = runner.invoke(main, ["--log-level", "INFO", "validate", str(resources.data_dir()), "--as-of", "2026-11-23"])
    assert told.exit_code == 0
    assert "INFO styrgraf.validation.run: validated 6 files in 6 units as of 2026-11-23" in told.stderr
    assert told.stdout == quiet.stdout  # logs go to stderr only


def test_an_unknown_log_level_is_a_usage_error():
    result = CliRunner().invoke(main, ["--log-level", "LOUD", "validate"])
    assert result.exit_code == 2 and "--log-level" in result.output


@pytest.mark.slow
def test_serve_logs_a_replaced_worker_and_refused_queries():
    with Server([str(resources.data_dir())], timeout=0.5, global_options=["--log-level", "INFO"]) as server:
        assert _ask(server.port, SLOW) == 503
        log = _wait_for(server, "killed and replaced")
        assert "WARNING styrgraf.sparql.executor: query stopped after the 0.5 s limit: worker" in log
        assert _ask(server.port, REFUSED) == 400
        log = _wait_for(server, "query refused")
        assert "INFO styrgraf.sparql.executor: query refused before running: " in log and "SERVICE" in log
        assert _ask(server.port, "ASK { ?s ?p ?o }") == 200  # the replacement answers
        assert "INFO styrgraf.background: validation report ready" in _wait_for(server, "report ready", 120)


@pytest.mark.slow
def test_serve_logs_a_background_validation_that_failed(tmp_path):
    """Data that loads but cannot be validated (it holds its own sg:ValidationRun): the
    pages serve, the validation page says why, and the log says it once, at ERROR."""
    data = tmp_path / "data"
    shutil.copytree(resources.data_dir(), data)
    (data / "run.ttl").write_text("@prefix sg: <https://w3id.org/styrgraf/def#> .\n"
                                  '_:run a sg:ValidationRun ; sg:asOf "1990-01-01"^^<http://www.w3.org/2001/XMLSchema#date> .\n',
                                  encoding="utf-8")
    with Server([str(data)], global_options=["--log-level", "WARNING"]) as server:
        log = _wait_for(server, "the validation report failed", 120)
        assert "ERROR styrgraf.background: the validation report failed: " in log and "sg:ValidationRun" in log
        assert "Traceback" not in log  # bad data is said, not dumped
        assert _ask(server.port, "ASK { ?s ?p ?o }") == 200


def test_a_reload_is_logged(tmp_path):
    runner = CliRunner()
    store_dir = tmp_path / "store"
    args = ["query", "cq01-director-reports-to", "--store-dir", str(store_dir), "--format", "csv"]
    first = runner.invoke(main, ["--log-level", "INFO", *args])
    assert first.exit_code == 0 and f"INFO styrgraf.store.ondisk: building the on-disk store in {store_dir}" in first.stderr
    again = runner.invoke(main, ["--log-level", "INFO", *args, "--reload"])
    assert again.exit_code == 0 and f"INFO styrgraf.store.ondisk: reloading the on-disk store in {store_dir}" in again.stderr
    assert "quads from 6 files" in again.stderr
