"""A CLI that respects the terminal: tables fit its width (cells wrapped, nothing cut),
whole cells when piped, CSV and JSON where they make sense; curators see their own data
(./data in a checkout, said on stderr)."""
from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from click.testing import CliRunner

from styrgraf import resources
from styrgraf.cli import main, output

CHAIN = "medarbetare → chef (ansvarig chef, närmaste chef) → förvaltningschef → kommundirektör (KD) → kommunstyrelsen"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def narrow(monkeypatch):
    """A terminal 60 columns wide."""
    monkeypatch.setattr(output, "terminal_width", lambda: 60)
    return 60


def test_a_chain_fits_the_terminal_and_loses_nothing(runner, narrow):
    result = runner.invoke(main, ["analyse", "chain", "kungsor:medarbetare"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= narrow
    assert " ".join(result.stdout.split()).count("kommunstyrelsen") >= 2  # the chain and its top, wrapped whole
    words = " ".join(result.stdout.split())
    assert all(word in words for word in CHAIN.split())


def test_piped_tables_keep_every_cell_whole(runner):
    result = runner.invoke(main, ["analyse", "chain", "kungsor:medarbetare"])
    assert any(CHAIN in line for line in result.stdout.splitlines())


def test_query_tables_fit_the_terminal_too(runner, narrow):
    result = runner.invoke(main, ["query", "cq01-director-reports-to", "--param", "org=kungsor"])
    assert result.exit_code == 0 and max(len(line) for line in result.stdout.splitlines()) <= narrow
    assert result.stdout.rstrip().endswith("(3 rows)")


def test_piped_query_tables_keep_every_quote_whole(runner):
    piped = runner.invoke(main, ["query", "cq01-director-reports-to", "--param", "org=kungsor"])
    whole = "Eftersom kommundirektören själv också är förvaltningschef för kommunledningsförvaltningen"
    assert len([line for line in piped.stdout.splitlines() if whole in line]) == 1


@pytest.mark.parametrize("width", [30, 45, 60, 80, 120])
def test_table_wraps_within_the_width(width):
    header = ["n", "text", "more"]
    rows = [["1", "ord " * 40, "x"], ["22", "kort", "ett två tre fyra fem sex sju åtta nio tio elva"]]
    text = output.table(header, rows, width)
    assert max(len(line) for line in text.splitlines()) <= width
    assert " ".join(text.split()).count("ord") == 40
    assert output.table(header, rows).splitlines()[2].startswith("1   " + "ord " * 39 + "ord")


@pytest.mark.parametrize("columns, width", [(3, 10), (8, 60), (12, 40)])
def test_many_columns_in_little_room_still_fit(columns, width):
    text = output.table([f"column{i}" for i in range(columns)], [["x" * 50] * columns], width)
    assert max(len(line) for line in text.splitlines()) <= width
    assert text.count("x") == 50 * columns


@pytest.mark.parametrize("args", [["analyse", "structure", "--org", "kungsor"], ["queries"],
                                  ["analyse", "compare", "kungsor", "blekinge"]])
def test_csv_and_json_where_they_make_sense(runner, args):
    as_csv = runner.invoke(main, args + ["--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert as_csv.exit_code == 0 and rows
    as_json = runner.invoke(main, args + ["--format", "json"])
    assert as_json.exit_code == 0 and json.loads(as_json.stdout)


def test_queries_lists_names_titles_and_parameters(runner):
    rows = list(csv.DictReader(io.StringIO(runner.invoke(main, ["queries", "--format", "csv", "--lang", "en"]).stdout)))
    cq01 = next(r for r in rows if r["name"] == "cq01-director-reports-to")
    assert cq01["parameters"] == "org:iri" and cq01["title"].startswith("Whom does")


# --- Which data -----------------------------------------------------------------------------

@pytest.fixture
def checkout(tmp_path, monkeypatch):
    """A curator's checkout: data/ with kommun-c only, its sources, and ontology/."""
    (tmp_path / "ontology").mkdir()
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(resources.data_dir() / "kommun-c.ttl", data)
    shutil.copytree(resources.data_dir() / "sources", data / "sources")
    monkeypatch.chdir(tmp_path)
    return data


def test_validate_in_a_checkout_checks_its_data(runner, checkout):
    kommun_c = checkout / "kommun-c.ttl"
    text = kommun_c.read_text(encoding="utf-8")
    quote = text.split('sg:quote "', 1)[1].split('"', 1)[0]
    kommun_c.write_text(text.replace(quote, "En mening som inte står i källan."), encoding="utf-8")
    result = runner.invoke(main, ["validate", "--lang", "en"])
    assert "./data (the data folder here" in result.stderr and "Validating 1 file from" in result.stderr
    assert result.exit_code == 1 and "data/kommun-c.ttl" in result.stdout and "not found verbatim" in result.stdout


@pytest.mark.parametrize("command", [["query", "relations-of-kind", "--format", "csv"],
                                     ["analyse", "structure", "--format", "csv"]])
def test_query_and_analyse_in_a_checkout_use_its_data(runner, checkout, command):
    result = runner.invoke(main, command)
    assert result.exit_code == 0 and "Data: ./data (the data folder here" in result.stderr
    assert "kommun-c" in result.stdout and "kungsor" not in result.stdout


def test_outside_a_checkout_the_shipped_data_is_used_and_said(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["query", "cq01-director-reports-to", "--format", "csv"])
    assert result.exit_code == 0 and "kungsor" in result.stdout
    assert f"the data shipped with styrgraf ({resources.data_dir()})" in result.stderr
    assert resources.default_data() == resources.data_dir()


def test_default_data_is_the_checkouts(checkout):
    assert resources.default_data() == checkout and resources.local_data() == checkout


@pytest.fixture
def data_repository(tmp_path, monkeypatch):
    """A data maintainer's own repository: ./data with kommun-c and its sources, no
    ontology/ (not a styrgraf checkout)."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(resources.data_dir() / "kommun-c.ttl", data)
    shutil.copytree(resources.data_dir() / "sources", data / "sources")
    monkeypatch.chdir(tmp_path)
    return data


def test_validate_in_a_data_repository_checks_its_own_data(runner, data_repository):
    assert runner.invoke(main, ["validate"]).exit_code == 0
    kommun_c = data_repository / "kommun-c.ttl"
    text = kommun_c.read_text(encoding="utf-8")
    quote = text.split('sg:quote "', 1)[1].split('"', 1)[0]
    kommun_c.write_text(text.replace(quote, "En mening som inte står i källan."), encoding="utf-8")
    result = runner.invoke(main, ["validate", "--lang", "en"])
    assert "Validating 1 file from ./data (the data folder here" in result.stderr
    assert result.exit_code == 1 and "data/kommun-c.ttl:" in result.stdout and "not found verbatim" in result.stdout


def test_validate_without_data_here_says_it_uses_the_shipped_data(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 0
    assert f"Validating 6 files from the data shipped with styrgraf ({resources.data_dir()}), as there is no ./data" \
        in result.stderr


def test_validate_with_neither_data_here_nor_shipped_exits_two(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(resources, "_PACKAGE", tmp_path / "site-packages" / "styrgraf")  # an install without data
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 2 and "no ./data folder here and no data shipped" in result.stderr
    assert "Traceback" not in result.output


def test_an_empty_data_folder_exits_two_naming_it(runner, tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 2 and "data: folder holds no .ttl file" in result.stderr
