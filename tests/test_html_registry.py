"""The registry over HTTP: coverage by county on the home page and as JSON, a page for
every organisation of the registry (and for the anonymous ones), the synthetic banner;
and ``styrgraf ingest --org`` by code or name through the CLI."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from styrgraf import registry
from styrgraf.cli import main
from styrgraf.store import GraphStore
from styrgraf.tools import synth

SOURCES = registry.resources.data_dir() / "sources"


@pytest.fixture(scope="module")
def client(store, app_factory):
    return app_factory(store, VALIDATE=False).test_client()


def test_home_page_shows_coverage_by_county(client):
    html = client.get("/").get_data(as_text=True)
    chart = html[html.index('<svg id="coverage-chart"'):html.index("</svg>")]
    assert len(re.findall(r"<rect [^>]*class=\"bar-total\"", chart)) == 21
    covered = dict(re.findall(r'data-county="(\d\d)">.*?data-covered="(\d+)"', chart, flags=re.S))
    assert covered["19"] == "1" and covered["10"] == "1" and covered["01"] == "0"  # Kungsör, Region Blekinge
    table = html[html.index('id="coverage-table"'):html.index("</table>", html.index('id="coverage-table"'))]
    row = re.search(r'<tr data-county="19">(.*?)</tr>', table, flags=re.S).group(1)
    cells = re.findall(r"<td>(.*?)</td>", row, flags=re.S)
    assert "Västmanlands län" in cells[0] and cells[1].startswith("11 ") and cells[2:4] == ["1", "1"]
    assert 'data-county="unknown"' in table  # Kommun A, B and C: no code, listed apart
    assert "Hela Sverige" in table and "synthetic-banner" not in html


def test_coverage_json_is_the_same_data(client):
    data = client.get("/api/coverage").get_json()
    assert data["totals"]["organisations"] == 314 and data["totals"]["with_documents"] == 5
    assert {c["code"]: c["with_documents"] for c in data["counties"]}["19"] == 1
    assert data["unknown"]["organisations"] == 3 and data["synthetic"] == 0


@pytest.mark.parametrize("path,expected", [
    ("/registry/0484", ["Eskilstuna kommun", "0484", "Södermanlands län", "Q503144", "no-documents",
                        "styrgraf ingest DOKUMENT.pdf --org 0484 --out data"]),
    ("/registry/1960", ["Kungsörs kommun", "Västmanlands län", "Q47169", "registry-documents",
                        "Riktlinje för samspel"]),
    ("/registry/10", ["Region Blekinge", "Instruktion till landstingsdirektör", "Q3231208"]),
    ("/registry/0980", ["Gotlands kommun", "Region Gotland", "Gotlands län"]),
    ("/registry/kommun-a", ["Kommun A (namn okänt)", "registry-anonymous", "står inte i registret"]),
])
def test_every_organisation_has_a_page(client, path, expected):
    html = client.get(path).get_data(as_text=True)
    for text in expected:
        assert text in html, (path, text)


def test_the_registry_lists_all_311_and_each_page_answers(client):
    html = client.get("/registry").get_data(as_text=True)
    codes = re.findall(r'<tr data-code="(\d+)">', html)
    assert len(codes) == len(set(codes)) == 311
    for code in codes[::25]:
        assert client.get(f"/registry/{code}").status_code == 200


@pytest.mark.parametrize("path,status,location", [
    ("/registry/Eskilstuna", 302, "/registry/0484"), ("/registry/kungsör%20kommun", 302, "/registry/1960"),
    ("/registry/eskilstna", 404, None), ("/registry/" + "x" * 101, 400, None),
])
def test_a_name_redirects_and_a_miss_says_what_was_meant(client, path, status, location):
    answer = client.get(path, headers={"Accept": "application/json"})
    assert answer.status_code == status
    if location:
        assert answer.headers["Location"].endswith(location)
    if status == 404:
        assert "did you mean Eskilstuna kommun?" in answer.get_json()["error"]["message"]


def test_synthetic_documents_say_so_on_every_page_and_in_answers(tmp_path, app_factory):
    made = synth.synthesise(3, tmp_path, seed=4)
    store = GraphStore.load([tmp_path])
    client = app_factory(store, VALIDATE=False).test_client()
    for path in ("/", "/registry", f"/registry/{synth.organisation_codes(3)[made.organisations[0]]}", "/query"):
        assert 'id="synthetic-banner"' in client.get(path).get_data(as_text=True), path
    titles = [r["title"].value for r in store.query(
        "SELECT ?title WHERE { ?d a <https://w3id.org/styrgraf/def#GoverningDocument> ; <http://purl.org/dc/terms/title> ?title }")]
    assert titles and all(t.endswith("(syntetisk)") for t in titles)
    names = {r["l"].value for r in store.query(
        "SELECT ?l WHERE { ?o a <https://w3id.org/styrgraf/def#Municipality> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l "
        "FILTER (LANG(?l) = 'sv') }")}
    entry = synth.chosen_entries(3)[0]
    assert entry.name_sv in names and not any("Syntetisk" in n for n in names)  # real names, unmarked
    answer = client.get("/api/queries/cq12-document-review-status").get_json()
    assert all("(syntetisk)" in row["title"]["value"] for row in answer["results"]["bindings"])


@pytest.mark.parametrize("typed", ["0484", "Eskilstuna", "eskilstuna kommun"])
def test_ingest_by_code_or_name_lands_on_the_registry_organisation(tmp_path, typed):
    outcome = CliRunner().invoke(main, ["ingest", str(SOURCES / "000_ca168a8a641b938f.txt"), "--org", typed,
                                        "--out", str(tmp_path), "--format", "json"])
    assert outcome.exit_code == 0, outcome.output
    draft = (tmp_path / "drafts" / "eskilstuna-0484.ttl").read_text(encoding="utf-8")
    assert "<https://w3id.org/styrgraf/id/eskilstuna-0484/>" in draft and "eskilstuna_0484:kommunen" in draft
    assert '"Eskilstuna kommun"@sv' in draft


@pytest.mark.parametrize("typed,message", [
    ("Eskilstna", "did you mean Eskilstuna kommun (0484)?"),
    ("eskilstna", "did you mean Eskilstuna kommun (0484)? For an organisation outside the registry, give its name with --name."),
    ("9999", "no municipality or region in the registry has the code or name '9999'"),
    ("habo", "Håbo kommun (0305) or Habo kommun (0643): give the code"),
])
def test_ingest_with_an_unknown_org_exits_2_and_writes_nothing(tmp_path, typed, message):
    outcome = CliRunner().invoke(main, ["ingest", str(SOURCES / "000_ca168a8a641b938f.txt"), "--org", typed,
                                        "--out", str(tmp_path)])
    assert outcome.exit_code == 2 and message in outcome.output and "Traceback" not in outcome.output
    assert list(tmp_path.iterdir()) == []
