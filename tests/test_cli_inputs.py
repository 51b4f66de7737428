"""Inputs that cannot be read, as a user meets them on the command line: exit 2, every
unreadable file named in one run, no traceback. (``validate`` exits 1 only for
violations, so a crash must never look like one.)"""
from __future__ import annotations

import json
import os
import shutil

import pytest
from click.testing import CliRunner

from styrgraf import resources
from styrgraf.cli import main
from styrgraf.store import MANIFEST, loading

PREFIX = "@prefix sg: <https://w3id.org/styrgraf/def#> .\n"
SUBJECT = "<https://w3id.org/styrgraf/id/x/a>"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    """A folder of five unreadable files, each in its own way, and one good file."""
    folder = tmp_path_factory.mktemp("bad")
    (folder / "huge.ttl").write_text(PREFIX + f'{SUBJECT} sg:note "{"x" * 50_000_000}" .\n', encoding="utf-8")
    (folder / "latin1.ttl").write_bytes((PREFIX + f'{SUBJECT} sg:note "caf\xe9" .\n').encode("latin-1"))
    (folder / "syntax.ttl").write_text(PREFIX + f"{SUBJECT} sg:note .\n", encoding="utf-8")
    (folder / "unsourced.ttl").write_text(PREFIX + f'{SUBJECT} sg:sourceFile "nowhere.txt" .\n', encoding="utf-8")
    os.symlink(folder / "nowhere.ttl", folder / "gone.ttl")  # listed in the folder, cannot be opened
    shutil.copy(resources.data_dir() / "kommun-c.ttl", folder)
    shutil.copytree(resources.data_dir() / "sources", folder / "sources")
    return folder


EXPECTED = {
    "huge.ttl": "too large to read",
    "latin1.ttl:2": "UTF-8",
    "syntax.ttl:2": "Turtle syntax error",
    "unsourced.ttl": "sg:sourceFile 'nowhere.txt'",
    "gone.ttl": "no such file",
}


def assert_every_file_named(result):
    output = result.output
    assert result.exit_code == 2, output
    assert "Traceback" not in output and not isinstance(result.exception, MemoryError)
    assert "5 inputs cannot be read" in output
    for name, reason in EXPECTED.items():
        line = next((line for line in output.splitlines() if f"{name}" in line), None)
        assert line is not None and reason.lower() in line.lower(), (name, output)
    assert "kommun-c.ttl" not in output


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_validate(runner, bad, jobs):
    assert_every_file_named(runner.invoke(main, ["validate", str(bad), "--jobs", jobs]))


def test_serve(runner, bad):
    assert_every_file_named(runner.invoke(main, ["serve", "--data", str(bad), "--port", "0"]))


def test_query(runner, bad):
    assert_every_file_named(runner.invoke(main, ["query", "cq01-director-reports-to", "--data", str(bad)]))


@pytest.mark.parametrize("command", [["analyse", "structure"], ["analyse", "chain", "kungsor:medarbetare"]])
def test_analyse(runner, bad, command):
    assert_every_file_named(runner.invoke(main, command + ["--data", str(bad)]))


def test_push_sends_nothing(runner, bad):
    result = runner.invoke(main, ["push", "http://127.0.0.1:9/update", "--data", str(bad)])
    assert_every_file_named(result)


def test_missing_paths_are_all_named(runner, tmp_path):
    result = runner.invoke(main, ["validate", str(tmp_path / "one.ttl"), str(tmp_path / "two")])
    assert result.exit_code == 2
    assert "one.ttl: no such file" in result.output and "two: no such file" in result.output


def test_a_memory_error_names_the_file(runner, tmp_path, monkeypatch):
    one = tmp_path / "one.ttl"
    one.write_text(PREFIX + f"{SUBJECT} sg:note 1 .\n", encoding="utf-8")

    def exhausted(*_args, **_kwargs):
        raise MemoryError()

    monkeypatch.setattr(loading.ox, "parse", exhausted)
    result = runner.invoke(main, ["validate", str(one), "--jobs", "1"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "one.ttl: too large to read" in result.output


def test_serve_store_dir_reload_with_bad_data_keeps_the_old_store(runner, bad, tmp_path):
    directory = tmp_path / "sd"
    from styrgraf.store import GraphStore
    before = len(GraphStore.open_or_load(directory))
    manifest = (directory / MANIFEST).read_text(encoding="utf-8")
    result = runner.invoke(main, ["serve", "--store-dir", str(directory), "--reload", "--data", str(bad),
                                  "--port", "0"])
    assert_every_file_named(result)
    assert f"The store in {directory} is unchanged" in result.output
    assert (directory / MANIFEST).read_text(encoding="utf-8") == manifest
    assert len(GraphStore.open_or_load(directory)) == before


def test_serve_refuses_a_store_that_does_not_match_its_manifest(runner, tmp_path):
    directory = tmp_path / "sd"
    from styrgraf.store import GraphStore
    GraphStore.open_or_load(directory)
    manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    (directory / MANIFEST).write_text(json.dumps({"data_paths": manifest["data_paths"]}), encoding="utf-8")
    result = runner.invoke(main, ["serve", "--store-dir", str(directory), "--port", "0"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert str(directory) in result.output and "older styrgraf" in result.output and "--reload" in result.output
