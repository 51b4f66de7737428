"""The explorer at national scale, in-process on a small synthetic nation: the home page
filters by county, kind, status and name and pages through the rest; a county's graph;
a county's elements without evidence; instances of a class are its instances."""
from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from styrgraf.explorer import listing, resource
from styrgraf.store import GraphStore
from styrgraf.tools import synth

N = 24


def keys_made() -> list[str]:
    """The registry's organisations ``synthesise(N)`` writes documents for (the rest of
    the registry is served beside them, without documents)."""
    return [e.key for e in synth.chosen_entries(N)]


@pytest.fixture(scope="module")
def nation(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nation")
    synth.synthesise(N, folder, seed=2)
    return GraphStore.load([folder])


@pytest.fixture(scope="module")
def client(nation, app_factory):
    application = app_factory(nation, VALIDATE=False)
    return application.test_client()


def rows(html: str) -> list[str]:
    return re.findall(r'<tr data-org="([\w-]+)"', html)


def test_home_pages_through_every_organisation_once(client, monkeypatch):
    monkeypatch.setattr(listing, "PAGE_SIZE", 10)
    seen = []
    for page in (1, 2, 3):  # no report on this store: those with documents are "pending"
        html = client.get(f"/?status=pending&page={page}").get_data(as_text=True)
        seen += rows(html)
        assert f"Sida {page} av 3" in html
    assert len(seen) == N == len(set(seen)) and sorted(seen) == sorted(keys_made())
    assert rows(client.get("/?status=pending&page=99").get_data(as_text=True)) == seen[20:]  # past the end: the last page
    assert len(rows(client.get("/?status=none&page=1").get_data(as_text=True))) == 10  # the registry's others


def test_home_filters_by_county_kind_and_name(client):
    codes = synth.organisation_codes(N)
    county = max({c[:2] for c in codes.values()}, key=lambda c: sum(v[:2] == c for v in codes.values()))
    html = client.get(f"/?county={county}&status=pending").get_data(as_text=True)
    expected = sorted(k for k, c in codes.items() if c[:2] == county)
    assert sorted(rows(html)) == expected and len(expected) >= 2
    html = client.get(f"/?county={county}").get_data(as_text=True)
    assert f'href="/graph?county={county}"' in html and listing.county_name(county) in html
    regions = rows(client.get("/?kind=Region&status=pending").get_data(as_text=True))
    assert regions and sorted(regions) == sorted(e.key for e in synth.chosen_entries(N) if e.kind == "Region")
    third = synth.chosen_entries(N)[2]
    assert rows(client.get(f"/?q={third.name_sv.upper()}").get_data(as_text=True)) == [third.key]
    assert rows(client.get("/?status=pending").get_data(as_text=True)) != []  # no report on this store
    assert rows(client.get("/?status=ok").get_data(as_text=True)) == []


@pytest.mark.parametrize("query", ["county=99", "kind=Town", "status=fine", "page=0", "page=x", "county=01&county=03"])
def test_home_refuses_unknown_filters(client, query):
    answer = client.get(f"/?{query}")
    assert answer.status_code == 400


def test_county_graph_and_its_elements(client):
    from styrgraf import registry
    codes = synth.organisation_codes(N)
    county = next(iter(sorted({c[:2] for c in codes.values()})))
    keys = sorted(e.key for e in registry.load() if e.county == county)  # the county's whole registry
    page = client.get(f"/graph?county={county}").get_data(as_text=True)
    assert listing.county_name(county) in page
    assert sorted(re.search(r'data-orgs="([^"]*)"', page).group(1).split(",")) == keys
    full = client.get(f"/api/graph?county={county}").get_json()
    slim = client.get(f"/api/graph?county={county}&evidence=0").get_json()
    assert sorted(full["organisations"]) == keys == sorted(slim["organisations"])
    assert [e["data"]["evidence_count"] for e in slim["edges"]] == [len(e["data"]["evidence"]) for e in full["edges"]]
    assert "evidence" not in slim["edges"][0]["data"]
    assert client.get("/graph?county=98").status_code == 400
    assert client.get(f"/graph?county={county}&org={keys[0]}").status_code == 400
    assert client.get(f"/api/graph?org={keys_made()[0]}&evidence=2").status_code == 400


def test_many_organisations_come_without_evidence(client):
    keys = keys_made()[:6]
    page = client.get("/graph?" + "&".join(f"org={k}" for k in keys)).get_data(as_text=True)
    assert "evidence=0" in page
    assert "evidence=0" not in client.get(f"/graph?org={keys[0]}&org={keys[1]}").get_data(as_text=True)


def test_instances_are_those_of_the_class(nation, monkeypatch):
    def select(text, substitutions=None):  # rows as the executor gives them: dicts of bound terms
        solutions = nation.query(text, substitutions=substitutions)
        if isinstance(solutions, ox.QueryBoolean):
            return type("Outcome", (), {"boolean": bool(solutions), "rows": []})()
        names = [v.value for v in solutions.variables]
        return type("Outcome", (), {"rows": [{n: t for n, t in zip(names, row) if t is not None} for row in solutions]})()

    director = ox.NamedNode("https://w3id.org/styrgraf/def#Director")
    described = resource.describe(select, _net(nation), director)
    directors = {r[0].value for r in nation.query("SELECT ?x WHERE { ?x a <https://w3id.org/styrgraf/def#Director> }")}
    assert {i["iri"] for i in described["instances"]} == directors and described["instance_count"] == len(directors)
    post = resource.describe(select, _net(nation), ox.NamedNode(f"https://w3id.org/styrgraf/id/{keys_made()[0]}/kommundirektor"))
    assert post["instances"] == [] and post["instance_count"] == 0
    monkeypatch.setattr(resource, "SORTED_UP_TO", 3)  # a large class: some of its instances, all of it
    monkeypatch.setattr(resource, "MAX_LISTED", 5)
    monkeypatch.setattr(resource, "SOME_INSTANCES", resource._INSTANCE_ROWS + " LIMIT 10")
    assertion = ox.NamedNode("https://w3id.org/styrgraf/def#Assertion")
    some = resource.describe(select, _net(nation), assertion)
    typed = {r[0].value for r in nation.query("SELECT ?x WHERE { ?x a <https://w3id.org/styrgraf/def#Assertion> }")}
    assert len(some["instances"]) == 5 and {i["iri"] for i in some["instances"]} <= typed
    assert some["instance_count"] == len(typed) > 100


def _net(store):
    from styrgraf.analysis import network
    return network.build(store)


def test_validation_sections_hold_each_finding_once(app, shipped_report):
    from styrgraf.web.pages import validation as page
    with app.test_request_context("/validation"):
        orgs = app.extensions["styrgraf"].organisations()
        sections, others = page.by_organisation(shipped_report, orgs, "sv")
        from styrgraf.web.i18n import finding_key
    placed = [f for s in sections for g in s["groups"] for _, group in g["shapes"] for f in group]
    placed += [f for g in others for _, group in g["shapes"] for f in group]
    assert sorted(map(id, placed)) == sorted(map(id, shipped_report.findings)) and len(placed) >= 5
    for section in sections:
        own = [f for f in shipped_report.findings if finding_key(f) == section["key"]]
        assert section["counts"] == {s: sum(f.severity == s for f in own) for s in ("Violation", "Warning", "Info")}
    assert [s["name"] for s in sections] == sorted((s["name"] for s in sections), key=str.casefold)
    app.extensions["styrgraf"].report.get(wait=None)  # this part is about the finished report
    html = app.test_client().get("/validation").get_data(as_text=True)
    for section in sections:
        assert f'id="{section["key"]}"' in html


def test_class_counts_are_the_instance_counts(nation):
    def select(text, substitutions=None):
        solutions = nation.query(text, substitutions=substitutions)
        names = [v.value for v in solutions.variables]
        return type("Outcome", (), {"rows": [{n: t for n, t in zip(names, row) if t is not None} for row in solutions]})()
    counts = resource.class_counts(select)
    for cls in ("Assertion", "Director", "GoverningDocument"):
        iri = f"https://w3id.org/styrgraf/def#{cls}"
        expected = int(next(iter(nation.query(f"SELECT (COUNT(?x) AS ?n) WHERE {{ ?x a <{iri}> }}")))[0].value)
        assert counts[iri] == expected > 0


def test_many_organisations_elements_and_validation_page_are_kept(client, app):
    from styrgraf.web.pages import cache
    query = "&".join(f"org={key}" for key in keys_made()[:6]) + "&evidence=0"
    first, again = client.get(f"/api/graph?{query}"), client.get(f"/api/graph?{query}")
    assert first.status_code == 200 and first.data == again.data and first.content_type == "application/json"
    assert len(first.get_json()["organisations"]) == 6
    assert any(key[1][0] == "elements" for key in cache._ENTRIES)
    app.extensions["styrgraf"].report.get(wait=None)
    shipped = app.test_client()
    page = shipped.get("/validation")
    assert page.status_code == 200 and page.data == shipped.get("/validation").data
    assert any(key[1][0] == "validation" for key in cache._ENTRIES)


def test_codes_that_name_no_county_are_listed_as_county_unknown(tmp_path, app_factory):
    """A region coded "02" or a municipality "9901" (no such län) is under "county
    unknown": the home page answers, and every county link it offers is one it accepts."""
    (tmp_path / "x.ttl").write_text("""
        @prefix sg: <https://w3id.org/styrgraf/def#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <https://w3id.org/styrgraf/id/x/organisation> a sg:Region ; rdfs:label "X"@sv ; sg:municipalityCode "02" .
        <https://w3id.org/styrgraf/id/y/organisation> a sg:Municipality ; rdfs:label "Y"@sv ; sg:municipalityCode "9901" .
        <https://w3id.org/styrgraf/id/z/organisation> a sg:Municipality ; rdfs:label "Z"@sv ; sg:municipalityCode "0180" .
        """, encoding="utf-8")
    client = app_factory(GraphStore.load([tmp_path]), VALIDATE=False).test_client()
    answer = client.get("/")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "Stockholms län" in html
    links = set(re.findall(r'href="/\?county=(\w+)', html))
    assert links and "02" not in links and "99" not in links
    assert all(client.get(f"/?county={code}").status_code == 200 for code in links)
    assert sorted(rows(client.get(f"/?county={listing.UNKNOWN}").get_data(as_text=True))) == ["x", "y"]
