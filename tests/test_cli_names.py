"""Names on the command line as a user types them: organisations by key or IRI in every
command, and every unknown name or kind refused with exit 2 and a "did you mean"."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from styrgraf import lookup
from styrgraf.cli import main
from styrgraf.errors import NotFound


@pytest.fixture
def runner():
    return CliRunner()


@pytest.mark.parametrize("args, says", [
    (["query", "cq01"], "did you mean cq01-director-reports-to?"),
    (["query", "cq01-director-report-to"], "did you mean cq01-director-reports-to?"),
    (["query", "no/such/file.rq"], "no such query file"),
    (["query", "cq01-director-reports-to", "--param", "org=kungsör"], "did you mean kungsor?"),
    (["query", "cq01-director-reports-to", "--param", "org=kungsor:medarbetare"], "did you mean kungsor?"),
    (["query", "relations-of-kind", "--param", "kind=sg:comunicatesWith"], "did you mean communicatesWith?"),
    (["query", "chain-of-command", "--param", "post=kungsor:medarbetar"], "did you mean kungsor:medarbetare"),
    (["analyse", "chain", "kungsor:medarbetar"], "did you mean kungsor:medarbetare"),
    (["analyse", "whatif", "medarbetare"], "kungsor:medarbetare"),
    (["analyse", "centrality", "--kind", "comunicatesWith"], "did you mean communicatesWith?"),
    (["analyse", "export", "--kind", "bribes"], "no relation kind 'bribes'"),
    (["analyse", "structure", "--org", "atlantis"], "unknown organisation 'atlantis'"),
    (["analyse", "centrality", "--org", "blekige"], "did you mean blekinge?"),
    (["analyse", "compare", "kungsor"], "at least 2 organisations"),
    (["analyse", "compliance", "--contact", "kungsor:fortroendevald", "kungsor:chf"], "did you mean kungsor:chef"),
    (["analyse", "route", "kungsor:medarbetare", "kommun-a:kommunstyrelsen"], "within one organisation"),
])
def test_unknown_names_exit_two_and_say_what_was_meant(runner, args, says):
    result = runner.invoke(main, args)
    assert result.exit_code == 2, result.output
    assert says in result.stderr and "Traceback" not in result.output
    assert result.stdout == ""


@pytest.mark.parametrize("org", ["kungsor", "kungsor:kommunen", "https://w3id.org/styrgraf/id/kungsor/kommunen"])
def test_an_organisation_by_key_or_iri_gives_the_same_rows(runner, org):
    by_query = runner.invoke(main, ["query", "cq01-director-reports-to", "--param", f"org={org}", "--format", "csv"])
    assert by_query.exit_code == 0, by_query.output
    lines = by_query.stdout.splitlines()
    assert len(lines) > 1 and all("kungsor" in line for line in lines[1:])
    by_analysis = runner.invoke(main, ["analyse", "structure", "--org", org, "--format", "json"])
    assert by_analysis.exit_code == 0 and list(__import__("json").loads(by_analysis.stdout)) == ["kungsor"]


def test_a_relation_kind_by_name_prefixed_name_or_iri(runner):
    outputs = {runner.invoke(main, ["analyse", "centrality", "--kind", kind, "--org", "kungsor", "--format", "csv"]).stdout
               for kind in ("communicatesWith", "sg:communicatesWith", "https://w3id.org/styrgraf/def#communicatesWith")}
    assert len(outputs) == 1 and "förvaltningschef" in outputs.pop()


def test_a_route_without_a_stated_path_says_so(runner):
    result = runner.invoke(main, ["analyse", "route", "kungsor:kommunfullmaktige", "kungsor:medarbetare"])
    assert result.exit_code == 0
    assert result.stdout.startswith("No stated communication route from kungsor:kommunfullmaktige")


ORGS = [{"key": "kungsor", "iri": "https://w3id.org/styrgraf/id/kungsor/kommunen", "label": "Kungsörs kommun"},
        {"key": "blekinge", "iri": "https://w3id.org/styrgraf/id/blekinge/landstinget", "label": "Region Blekinge"}]


@pytest.mark.parametrize("name, key", [("kungsor", "kungsor"), ("kungsor:kommunen", "kungsor"),
                                       ("https://w3id.org/styrgraf/id/blekinge/landstinget", "blekinge"),
                                       (" blekinge ", "blekinge")])
def test_lookup_organisation(name, key):
    assert lookup.organisation(name, ORGS) == key


@pytest.mark.parametrize("name, hint", [("kungsör", "did you mean kungsor?"), ("Region Blekinge", "blekinge"),
                                        ("blekinge:landstingsdirektor", "did you mean blekinge?"),
                                        ("atlantis", "known: kungsor, blekinge")])
def test_lookup_organisation_unknown(name, hint):
    with pytest.raises(NotFound, match="unknown organisation") as caught:
        lookup.organisation(name, ORGS)
    assert hint in caught.value.message and caught.value.status == 404 and caught.value.exit_code == 2


def test_lookup_saved_query_and_kind():
    library = {"cq01-director-reports-to": object(), "cq02-director-appointed-by": object()}
    with pytest.raises(NotFound, match=r"did you mean cq02-director-appointed-by\?"):
        lookup.saved_query("cq02-director-apointed-by", library)
    with pytest.raises(NotFound, match=r"kinds: appoints, reportsTo"):
        lookup.relation_kind("bribes", {"reportsTo", "appoints"})
    assert lookup.relation_kind("sg:appoints", {"reportsTo", "appoints"}) == "appoints"
