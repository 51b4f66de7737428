"""The commands themselves: serve's limits and ports, the one error handler, push's
progress, bench calling the tools, light start-up, and the README's commands section
kept equal to the commands."""
from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from styrgraf import resources
from styrgraf.cli import common, main, push as push_command, serve as serve_command
from styrgraf.core import Limits
from styrgraf.errors import BadRequest, StoreFailed, Unavailable
from styrgraf.web import DEFAULTS

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.fixture
def runner():
    return CliRunner()


def _option(command: click.Command, name: str) -> click.Option:
    return next(p for p in command.params if p.name == name)


@pytest.mark.parametrize("option, default", [
    ("timeout", Limits().timeout), ("workers", Limits().workers), ("max_rows", Limits().max_rows),
    ("queue_wait", Limits().queue_wait), ("max_query_length", DEFAULTS["MAX_QUERY_LENGTH"]),
    ("max_body", DEFAULTS["MAX_CONTENT_LENGTH"]),
])
def test_serve_defaults_are_the_cores_and_shown_in_help(runner, option, default):
    assert _option(serve_command.serve, option).default == default
    help_text = " ".join(runner.invoke(main, ["serve", "--help"]).output.split())
    flag = "--" + option.replace("_", "-")
    assert re.search(re.escape(flag) + r" [^\[]*\[default: " + re.escape(str(default)), help_text), flag


def test_serve_allows_no_service_by_default():
    allowed = _option(serve_command.serve, "allowed_services")
    assert allowed.multiple and not allowed.default and not Limits().allowed_services
    assert "no outbound request" in allowed.help


def test_a_busy_port_is_said_at_once_with_the_way_out(runner):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"cannot listen on 127.0.0.1:{port}: the port is in use" in result.stderr
    assert "--port N" in result.stderr and "--port 0" in result.stderr
    assert "Data:" not in result.output  # refused before the data is loaded


def test_a_port_taken_while_loading_is_refused_too(runner, monkeypatch):
    monkeypatch.setattr(serve_command, "check_port", lambda _host, _port: None)
    closed = []
    monkeypatch.setattr("styrgraf.core.Styrgraf.close", lambda self: closed.append(self))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = runner.invoke(main, ["serve", "--port", str(taken.getsockname()[1]), "--workers", "1"])
    assert result.exit_code == 2 and "--port 0" in result.stderr and len(closed) == 1


def test_an_unknown_host_exits_two(runner):
    result = runner.invoke(main, ["serve", "--host", "no-such-host.invalid", "--port", "0"])
    assert result.exit_code == 2 and "cannot listen on no-such-host.invalid" in result.stderr


@pytest.mark.parametrize("error, code", [(BadRequest("bad"), 2), (StoreFailed("gone"), 3), (Unavailable("busy"), 3)])
def test_one_handler_for_every_command(runner, error, code):
    @click.command()
    def failing():
        raise error

    group = common.Group(commands={"failing": failing})
    result = runner.invoke(group, ["failing"])
    assert result.exit_code == code and result.stderr == f"styrgraf: {error.message}\n"


def test_a_bug_is_not_hidden(runner):
    @click.command()
    def broken():
        raise ZeroDivisionError("a bug")

    result = runner.invoke(common.Group(commands={"broken": broken}), ["broken"])
    assert isinstance(result.exception, ZeroDivisionError)


def test_push_shows_progress_request_by_request(runner, tmp_path, monkeypatch):
    from fake_sparql_store import FakeStore
    calls = []
    original = push_command.Progress.update
    monkeypatch.setattr(push_command.Progress, "update",
                        lambda self, sent, total: (calls.append((sent, total)), original(self, sent, total)))
    with FakeStore() as fake:
        result = runner.invoke(main, ["push", fake.update_url, "--query-url", fake.query_url, "--batch", "200",
                                      "--data", str(resources.data_dir() / "kungsor.ttl")])
    assert result.exit_code == 0, result.output
    total = calls[-1][1]
    assert len(calls) > 3 and calls[-1][0] == total
    assert [sent for sent, _ in calls] == sorted({sent for sent, _ in calls})
    assert f"{total} triples in" in result.stdout and "Pushing triples" in result.stderr


def test_bench_calls_the_tools_which_print(runner, tmp_path, monkeypatch):
    from styrgraf.tools import bench
    quick = bench.bench_queries
    monkeypatch.setattr(bench, "bench_queries", lambda store: quick(store, repeats=1))
    out = tmp_path / "figures.json"
    result = runner.invoke(main, ["bench", "--data", str(resources.data_dir() / "kommun-c.ttl"), "--no-http",
                                  "--json", str(out)])
    assert result.exit_code == 0, result.output
    figures = json.loads(out.read_text(encoding="utf-8"))
    run = figures["runs"][0]
    assert result.stdout.startswith("Machine: ")
    assert f"Load: {run['load']['triples']} triples from 1 files" in result.stdout
    assert "cq01-director-reports-to" in result.stdout and "Validation: " in result.stdout


def test_validate_changed_starts_light(tmp_path):
    shutil.copytree(resources.data_dir(), tmp_path / "data", ignore=shutil.ignore_patterns("drafts"))
    code = ("import sys\nfrom styrgraf.cli import main\n"
            "try:\n    main(['validate', '--changed', 'data', '--as-of', '2026-11-23'])\n"
            "except SystemExit as exit:\n"
            "    print(exit.code, sorted(m for m in ('flask', 'networkx', 'pyshacl', 'waitress', 'styrgraf.core')"
            " if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "0 []", done.stdout + done.stderr


def test_every_command_is_importable_as_a_module():
    done = subprocess.run([sys.executable, "-m", "styrgraf.cli", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("styrgraf")


def _commands_section() -> str:
    text = README.read_text(encoding="utf-8")
    return text.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]


def test_the_readme_names_every_command_and_serve_flag():
    section = _commands_section()
    for name in main.commands:
        assert f"styrgraf {name}" in section, name
    for name in main.commands["analyse"].commands:
        assert name in section, name
    for param in serve_command.serve.params:
        if isinstance(param, click.Option) and param.name != "help":
            assert param.opts[0] in section, param.opts[0]
            if isinstance(param.default, (int, float, str)) and not isinstance(param.default, bool):
                default = f"{param.default:g}" if isinstance(param.default, float) else str(param.default)
                row = next((line for line in section.splitlines() if f"`{param.opts[0]}`" in line), "")
                assert default in row, (param.opts[0], row)


def test_the_format_lists_are_the_cores():
    """The CLI names the formats without importing their writers at start-up."""
    from styrgraf.cli import query, validate
    from styrgraf.sparql import results
    from styrgraf.validation import reports
    assert list(validate.REPORT_FORMATS) == list(reports.FORMATS)
    assert list(query.RESULT_FORMATS) == list(results.FORMATS)
