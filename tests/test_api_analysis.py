"""``/api/analysis/...`` and ``styrgraf analyse``: the same analyses, as JSON, CSV, GraphML."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from styrgraf.cli import main


def test_chain_api(client):
    data = json.loads(client.get("/api/analysis/chain?node=blekinge:direktor").data)
    assert [s["label"] for s in data["paths"][0]] == ["direktör under landstingsdirektören", "landstingsdirektör", "landstingsstyrelsen"]


def test_route_and_compliance_api(client):
    data = json.loads(client.get("/api/analysis/route?from=kungsor:medarbetare&to=kungsor:kommundirektor").data)
    assert data["labels"] == ["medarbetare", "enhetschef", "förvaltningschef", "kommundirektör (KD)"]
    data = json.loads(client.get("/api/analysis/compliance?contact=kungsor:fortroendevald,kungsor:chef").data)
    assert data["bypasses"] == [] and data["contacts"][0]["verdict"] == "bypass"


def test_compare_api_as_csv(client):
    response = client.get("/api/analysis/compare?org=kommun-a&org=kommun-b&org=blekinge&format=csv")
    rows = list(csv.DictReader(io.StringIO(response.data.decode())))
    security = next(r for r in rows if r["what"] == "security-protection")
    assert security["kommun-a"] and not security["kommun-b"] and not security["blekinge"]


def test_export_graphml_has_every_channel(client, store):
    response = client.get("/api/analysis/export?org=kungsor&kind=communicatesWith")
    root = ET.fromstring(response.data)
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    expected = len(list(store.query(
        "SELECT DISTINCT ?s ?o WHERE { ?s <https://w3id.org/styrgraf/def#communicatesWith> ?o ; "
        "<https://w3id.org/styrgraf/def#inOrganisation> <https://w3id.org/styrgraf/id/kungsor/kommunen> }")))
    assert len(root.findall(f"{ns}graph/{ns}edge")) == expected > 20


@pytest.mark.parametrize("path,status", [
    ("/api/analysis/chain", 400),
    ("/api/analysis/chain?node=kungsor:nobody", 404),
    ("/api/analysis/compare?org=kommun-a", 400),
    ("/api/analysis/structure?org=atlantis", 404),
    ("/api/analysis/centrality?top=-1", 400),
    ("/api/analysis/centrality?kind=bribes", 404),
    ("/api/analysis/compliance?contact=onlyone", 400),
])
def test_analysis_api_errors(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert json.loads(response.data)["error"]["message"]


def test_cli_analyse_commands():
    runner = CliRunner()
    chain = runner.invoke(main, ["analyse", "chain", "kungsor:medarbetare", "--format", "json"])
    assert chain.exit_code == 0 and json.loads(chain.stdout)["paths"]
    compare = runner.invoke(main, ["analyse", "compare", "kommun-a", "kommun-b", "blekinge", "--format", "csv"])
    assert compare.exit_code == 0 and compare.stdout.startswith("kind,what,kommun-a,kommun-b,blekinge")
    whatif = runner.invoke(main, ["analyse", "whatif", "blekinge:landstingsdirektor"])
    assert whatif.exit_code == 0 and "duty without holder" in whatif.output
    centrality = runner.invoke(main, ["analyse", "centrality", "--kind", "communicatesWith", "--org", "kungsor", "--top", "2"])
    assert "förvaltningschef" in centrality.output
    export = runner.invoke(main, ["analyse", "export", "--format", "csv", "--org", "kommun-c"])
    assert export.stdout.startswith("source,source_label,relation")
    bad = runner.invoke(main, ["analyse", "compare", "kommun-a", "atlantis"])
    assert bad.exit_code == 2 and "unknown organisation 'atlantis'" in bad.output
