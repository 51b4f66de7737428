"""Running validation: files grouped into units, serial and parallel runs, the
``--changed`` cache across files that speak of each other, and a CLI that stays light."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from styrgraf import validation
from styrgraf.validation import units
from styrgraf.validation.units import FileFacts

AS_OF = dt.date(2025, 1, 1)
NS = "https://w3id.org/styrgraf/id/"
SG = "https://w3id.org/styrgraf/def#"


def facts(path: str, own: str, *others: str) -> FileFacts:
    return FileFacts(path, [NS + own + "/"], [NS + own + "/", SG, *(NS + o + "/" for o in others)], [])


def test_files_that_keep_to_their_own_nodes_are_units_of_one():
    grouped, home = units.group([facts("a", "a"), facts("b", "b"), facts("c", "c")])
    assert grouped == [["a"], ["b"], ["c"]] and home == 0


def test_files_that_speak_of_each_other_are_one_unit_transitively():
    grouped, _ = units.group([facts("a", "a"), facts("b", "b", "a"), facts("c", "c", "b"), facts("d", "d")])
    assert grouped == [["a", "b", "c"], ["d"]]


def test_the_unit_that_mentions_a_target_node_validates_it():
    grouped, home = units.group([facts("a", "a"), facts("b", "b"), facts("c", "c", "x")], {NS + "x/node"})
    assert grouped[home] == ["c"]


def test_a_file_that_describes_the_vocabulary_joins_everyone():
    vocabulary = FileFacts("v", [SG], [SG], [])
    grouped, _ = units.group([facts("a", "a"), facts("b", "b"), vocabulary])
    assert grouped == [["a", "b", "v"]]


HEAD = """@prefix sg: <https://w3id.org/styrgraf/def#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix a: <https://w3id.org/styrgraf/id/a/> .
@prefix b: <https://w3id.org/styrgraf/id/b/> .
"""


def org(k: str) -> str:
    return f"""{k}:org a sg:Municipality ; rdfs:label "{k}"@sv .
{k}:ks a sg:ExecutiveBoard ; rdfs:label "styrelse"@sv ; sg:inOrganisation {k}:org .
{k}:kd a sg:Director ; rdfs:label "direktör"@sv ; sg:inOrganisation {k}:org .
"""


@pytest.fixture
def pair(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "a.ttl").write_text(HEAD + org("a"), encoding="utf-8")
    (folder / "b.ttl").write_text(HEAD + org("b") + "a:kd rdfs:label \"direktören i A\"@sv .\n", encoding="utf-8")
    (folder / "c.ttl").write_text(HEAD.replace("/a/", "/c/").replace("a:", "c:") + org("c"), encoding="utf-8")
    return folder


def _shapes(report) -> set[tuple[str, str]]:
    return {(f.shape.rsplit("#", 1)[-1], f.focus.rsplit("/", 2)[-2] + "/" + f.focus.rsplit("/", 1)[-1])
            for f in report.findings}


def test_serial_parallel_and_cached_runs_agree_across_files(pair, tmp_path):
    serial = validation.validate([pair], as_of=AS_OF)
    parallel = validation.validate([pair], as_of=AS_OF, jobs=2)
    cache = validation.ValidationCache(tmp_path / "cache.json")
    first = validation.validate([pair], as_of=AS_OF, cache=cache)
    again = validation.ValidationCache(tmp_path / "cache.json")
    second = validation.validate([pair], as_of=AS_OF, cache=again)
    assert again.hits == 3
    assert serial.findings == parallel.findings == first.findings == second.findings
    assert ("DirectorGapKL71", "a/kd") in _shapes(serial)


def test_changed_revalidates_the_unit_when_the_other_file_changes(pair, tmp_path):
    """B's file, edited, makes A's director appointed by B's board: A's findings change
    although A's file did not."""
    cache_path = tmp_path / "cache.json"
    before = validation.validate([pair], as_of=AS_OF, cache=validation.ValidationCache(cache_path))
    assert ("DirectorContradictsKL71", "a/kd") not in _shapes(before)
    with (pair / "b.ttl").open("a", encoding="utf-8") as out:
        out.write("b:ks sg:appoints a:kd .\n")
    cache = validation.ValidationCache(cache_path)
    after = validation.validate([pair], as_of=AS_OF, cache=cache)
    assert cache.hits == 2  # a.ttl and c.ttl are not parsed again to know they are unchanged
    assert ("DirectorContradictsKL71", "a/kd") in _shapes(after)
    assert after.findings == validation.validate([pair], as_of=AS_OF).findings


def test_the_cache_keeps_links_and_findings_not_triples(pair, tmp_path):
    validation.validate([pair], as_of=AS_OF, cache=validation.ValidationCache(tmp_path / "cache.json"))
    stored = json.loads((tmp_path / "cache.json").read_text(encoding="utf-8"))
    assert len(stored["files"]) == 3 and len(stored["units"]) == 2  # {a, b} and {c}
    assert set(stored["files"][str((pair / "b.ttl").resolve())]["facts"]) == {"describes", "mentions", "sources"}


def test_a_stored_validation_run_exits_two_in_the_cli(tmp_path):
    from styrgraf.cli import main
    (tmp_path / "x.ttl").write_text(HEAD + org("a") + '[] a sg:ValidationRun ; sg:asOf "1990-01-01" .\n',
                                    encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 2 and "sg:ValidationRun" in result.output and "x.ttl" in result.output
    assert "Traceback" not in result.output


def test_validation_imports_neither_pyshacl_nor_flask_nor_networkx():
    """The engine runs in Oxigraph only: the validate path stays light to start."""
    code = ("import sys, datetime; from styrgraf import validation; "
            "validation.validate(None, as_of=datetime.date(2025, 1, 1)); "
            "print(sorted(m for m in ('pyshacl', 'flask', 'networkx', 'rdflib.plugins.sparql') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_modules_and_functions_stay_small():
    import ast
    folder = Path(validation.__file__).parent
    for module in folder.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 300, module.name
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                assert node.end_lineno - node.lineno <= 60, f"{module.name}: {node.name}"


def test_a_damaged_or_older_cache_is_a_miss_not_a_crash(pair, tmp_path):
    cache_path = tmp_path / "cache.json"
    validation.validate([pair], as_of=AS_OF, cache=validation.ValidationCache(cache_path))
    stored = json.loads(cache_path.read_text(encoding="utf-8"))
    for entry in stored["files"].values():
        entry["stamp"] = "damaged"
    cache_path.write_text(json.dumps(stored), encoding="utf-8")
    cache = validation.ValidationCache(cache_path)
    assert validation.validate([pair], as_of=AS_OF, cache=cache).findings == validation.validate([pair], as_of=AS_OF).findings
    assert cache.hits == 0
    cache_path.write_text('{"rules": "old", "entries": {}}', encoding="utf-8")
    assert validation.ValidationCache(cache_path).files == {}


def test_target_nodes_are_validated_once_in_the_unit_that_mentions_them(pair, tmp_path, monkeypatch):
    from styrgraf.validation import engine, run, shapes
    shapes_path = tmp_path / "shapes.ttl"
    shapes_path.write_text("""@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<urn:s> a sh:NodeShape ; sh:targetNode <https://w3id.org/styrgraf/id/c/kd>, <urn:nowhere> ;
    sh:property [ sh:path rdfs:label ; sh:minCount 2 ] .""", encoding="utf-8")
    compiled = shapes.compile_shapes(shapes_path)
    monkeypatch.setattr(run, "installed", lambda: compiled)
    monkeypatch.setattr(engine, "installed", lambda: compiled)
    report = validation.validate([pair], as_of=AS_OF)
    assert sorted((f.focus, f.file is not None) for f in report.findings) == [
        ("https://w3id.org/styrgraf/id/c/kd", True), ("urn:nowhere", False)]
