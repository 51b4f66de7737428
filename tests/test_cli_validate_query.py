"""The CLI, in-process through click's runner."""
from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from styrgraf import resources
from styrgraf.cli import main


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def data_copy(tmp_path):
    """A writable copy of the shipped data."""
    target = tmp_path / "data"
    shutil.copytree(resources.data_dir(), target)
    return target


def test_validate_shipped_data_exits_zero_and_prints_warnings(runner):
    result = runner.invoke(main, ["validate", "--as-of", "2026-11-23"])
    assert result.exit_code == 0, result.output
    assert "0 överträdelser, 3 varningar" in result.output
    assert "kungsor.ttl" in result.output and "KL 7 kap. 1 §" in result.output


def test_validate_in_english(runner):
    result = runner.invoke(main, ["validate", "--as-of", "2026-11-23", "--lang", "en"])
    assert "0 violations, 3 warnings" in result.output


def test_as_of_before_review_due_has_no_overdue_warning(runner):
    result = runner.invoke(main, ["validate", "--as-of", "2025-03-01", "--format", "json"])
    report = json.loads(result.stdout)
    assert report["as_of"] == "2025-03-01"
    assert not any("riktlinje-samspel" in f["focus"] for f in report["findings"])


def test_violation_exits_one_and_names_file_and_node(runner, data_copy):
    kungsor = data_copy / "kungsor.ttl"
    kungsor.write_text(kungsor.read_text(encoding="utf-8").replace(
        "Det är förvaltningschefen som sedan ordnar en dialog med ansvarig chef.",
        "Det är förvaltningschefen som bestämmer allt."), encoding="utf-8")
    result = runner.invoke(main, ["validate", str(data_copy), "--lang", "en"])
    assert result.exit_code == 1
    lines = kungsor.read_text(encoding="utf-8").splitlines()
    quoted = next(n for n, line in enumerate(lines, 1) if "bestämmer allt" in line)
    described = max(n for n in range(1, quoted + 1) if lines[n - 1] and not lines[n - 1][0].isspace())
    assert f"{kungsor}:{described}: " in result.output and "not found verbatim" in result.output


def test_malformed_turtle_exits_two_with_path_and_line(runner, data_copy):
    broken = data_copy / "kommun-b.ttl"
    lines = broken.read_text(encoding="utf-8").splitlines()
    lines[30] = lines[30].rstrip(" .") + " sg:oops"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["validate", str(data_copy)])
    assert result.exit_code == 2
    assert f"{broken}:31:" in result.output and "Turtle syntax error" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args,message", [
    (["validate", "no/such/folder"], "no such file or folder"),
    (["validate", "--as-of", "yesterday"], "is not a date"),
    (["query", "no-such-query"], "no saved query"),
    (["query", "cq01-director-reports-to", "--param", "nope=1"], "has no parameter 'nope'"),
    (["query", "cq01-director-reports-to", "--param", "org"], "NAME=VALUE"),
    (["query", "cq12-document-review-status", "--param", "asOf=tomorrow"], "needs a date"),
])
def test_bad_input_is_a_clear_message(runner, args, message):
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_missing_source_text_is_named(runner, data_copy):
    (data_copy / "sources" / "001_9be35e0d9921b007.txt").unlink()
    result = runner.invoke(main, ["validate", str(data_copy)])
    assert result.exit_code == 2
    assert "kommun-b.ttl" in result.output and "001_9be35e0d9921b007.txt" in result.output


def test_junit_report_is_xml_with_no_failures(runner):
    result = runner.invoke(main, ["validate", "--format", "junit", "--as-of", "2026-11-23"])
    suite = ET.fromstring(result.stdout)
    assert suite.get("failures") == "0" and int(suite.get("tests")) == 5


def test_github_annotations(runner):
    result = runner.invoke(main, ["validate", "--format", "github", "--as-of", "2026-11-23"])
    lines = result.stdout.strip().splitlines()
    assert sum(line.startswith("::warning file=") for line in lines) == 3
    assert sum(line.startswith("::notice ") for line in lines) == 2


def test_query_table_and_formats(runner):
    table = runner.invoke(main, ["query", "cq01-director-reports-to"])
    assert table.exit_code == 0 and "(6 rows)" in table.output  # Kungsör's line is stated by three sentences
    as_json = json.loads(runner.invoke(main, ["query", "cq01-director-reports-to", "--format", "json"]).stdout)
    assert len(as_json["results"]["bindings"]) == 6
    csv_out = runner.invoke(main, ["query", "cq01-director-reports-to", "--format", "csv",
                                   "--param", "org=kungsor:kommunen"]).stdout
    assert csv_out.splitlines()[0].startswith("org,orgLabel,director")
    # Kungsör: the director heads the board's administration, and the förvaltningschef
    # answers to "styrelsen/nämnden": one line, three sentences (issue 13)
    assert len(csv_out.splitlines()) == 4 and "kungsor/kommunstyrelsen" in csv_out


def test_query_from_file_and_wrong_format(runner, tmp_path):
    rq = tmp_path / "ask.rq"
    rq.write_text("ASK { ?s a <https://w3id.org/styrgraf/def#Director> }", encoding="utf-8")
    assert runner.invoke(main, ["query", str(rq)]).stdout.strip() == "true"
    wrong = runner.invoke(main, ["query", str(rq), "--format", "turtle"])
    assert wrong.exit_code == 2 and "does not fit" in wrong.output


def test_queries_lists_the_library(runner):
    result = runner.invoke(main, ["queries", "--lang", "en"])
    assert "cq09-acute-chain" in result.output and "What is the chain in an acute matter?" in result.output


def test_changed_revalidates_only_what_changed(runner, data_copy, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = runner.invoke(main, ["validate", str(data_copy), "--changed", "--as-of", "2026-11-23", "--lang", "en"])
    assert first.exit_code == 0 and "0 of 6 files unchanged" in first.stderr
    again = runner.invoke(main, ["validate", str(data_copy), "--changed", "--as-of", "2026-11-23", "--lang", "en"])
    assert "6 of 6 files unchanged" in again.stderr and again.stdout == first.stdout
    kungsor = data_copy / "kungsor.ttl"
    kungsor.write_text(kungsor.read_text(encoding="utf-8").replace(
        "Det är förvaltningschefen som sedan ordnar en dialog med ansvarig chef.", "Påhittad mening."), encoding="utf-8")
    edited = runner.invoke(main, ["validate", str(data_copy), "--changed", "--as-of", "2026-11-23", "--lang", "en"])
    assert "5 of 6 files unchanged" in edited.stderr
    assert edited.exit_code == 1 and "not found verbatim" in edited.stdout


def test_malformed_file_in_a_parallel_run_exits_two(runner, data_copy):
    broken = data_copy / "kommun-c.ttl"
    broken.write_text(broken.read_text(encoding="utf-8") + "\nkc:x kc:y \"unterminated .\n", encoding="utf-8")
    result = runner.invoke(main, ["validate", str(data_copy), "--jobs", "2"])
    assert result.exit_code == 2
    assert f"{broken}:" in result.output and "Turtle syntax error" in result.output
