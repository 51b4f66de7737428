"""The registry of Sweden's organisations: counts, codes, counties, names, identities,
and the resolution of codes and names (``styrgraf/registry.py``)."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from styrgraf import registry, resources
from styrgraf.errors import BadRequest, NotFound
from styrgraf.explorer.listing import COUNTIES
from styrgraf.store import loading
from styrgraf.tools import registry_data
from styrgraf.validation import units

REGISTRY = resources.data_dir() / "registry" / "registry.ttl"


@pytest.fixture(scope="module")
def entries():
    return registry.load()


def test_290_municipalities_21_regions_21_counties(entries, store):
    kinds = Counter(e.kind for e in entries)
    assert kinds == {"Municipality": 290, "Region": 21}
    counties = {r["c"].value for r in store.query(
        "SELECT ?c WHERE { ?x a <https://w3id.org/styrgraf/def#County> ; <https://w3id.org/styrgraf/def#countyCode> ?c }")}
    assert counties == set(COUNTIES) and len(counties) == 21


def test_codes_have_scb_form_and_a_municipality_starts_with_its_county(entries):
    for entry in entries:
        if entry.kind == "Municipality":
            assert re.fullmatch(r"\d{4}", entry.code), entry
            assert entry.code[:2] == entry.county, entry
        else:
            assert re.fullmatch(r"\d{2}", entry.code) and entry.code == entry.county, entry
        assert entry.county in COUNTIES, entry
    assert sorted(e.county for e in entries if e.kind == "Region") == sorted(COUNTIES)  # one region a county


def test_gotland_is_0980_in_county_09_and_region_gotland_is_09(entries):
    gotland = registry.resolve("0980", entries)
    assert (gotland.kind, gotland.county, gotland.name_sv) == ("Municipality", "09", "Gotlands kommun")
    assert "Region Gotland" in gotland.other_names  # the municipality that calls itself Region Gotland
    region = registry.resolve("09", entries)
    assert (region.kind, region.name_sv) == ("Region", "Region Gotland")


def test_no_code_key_iri_or_name_repeats(entries):
    for field in ("code", "key", "iri", "name_sv", "name_en"):
        values = [getattr(e, field) for e in entries]
        assert len(values) == len(set(values)), [v for v, n in Counter(values).items() if n > 1]
    wikidata = [e.wikidata for e in entries if e.wikidata]
    assert len(wikidata) == len(set(wikidata)) == 298


def test_curated_organisations_keep_their_iris_with_their_real_codes(entries):
    kungsor = registry.resolve("Kungsör", entries)
    assert (kungsor.iri, kungsor.code, kungsor.county) == ("https://w3id.org/styrgraf/id/kungsor/kommunen", "1960", "19")
    blekinge = registry.resolve("Region Blekinge", entries)
    assert (blekinge.iri, blekinge.code) == ("https://w3id.org/styrgraf/id/blekinge/landstinget", "10")
    # the curated files say the same codes: one node each, not two
    for name, code in (("kungsor", "1960"), ("blekinge", "10")):
        assert f'sg:municipalityCode "{code}"' in (resources.data_dir() / f"{name}.ttl").read_text(encoding="utf-8")


def test_the_turtle_is_the_table_written_again():
    rows = registry_data.read_table(REGISTRY.parent / "sources" / "organisations.tsv")
    assert registry_data.turtle(rows) == REGISTRY.read_text(encoding="utf-8")


def test_the_registry_joins_no_validation_unit():
    facts = units.facts_of(loading.read_file(REGISTRY))
    assert facts.describes == [] and facts.mentions == []
    kungsor = units.facts_of(loading.read_file(resources.data_dir() / "kungsor.ttl"))
    grouped, _ = units.group([facts, kungsor])
    assert len(grouped) == 2


@pytest.mark.parametrize("typed,code", [
    ("0484", "0484"), ("484", "0484"), ("Eskilstuna", "0484"), ("eskilstuna kommun", "0484"),
    ("1960", "1960"), ("Kungsör", "1960"), ("kungsör kommun", "1960"), ("KUNGSÖRS KOMMUN", "1960"),
    ("kungsor", "1960"), ("Region Blekinge", "10"), ("blekinge", "10"), ("Göteborg", "1480"),
    ("Gothenburg Municipality", "1480"), ("falu kommun", "2080"), ("Region Gotland", "09"),
])
def test_resolve_by_code_name_or_key(entries, typed, code):
    assert registry.resolve(typed, entries).code == code


@pytest.mark.parametrize("typed,error,message", [
    ("Kungsr", NotFound, "did you mean Kungsörs kommun (1960)?"),
    ("Eskilstna kommun", NotFound, "did you mean Eskilstuna kommun (0484)?"),
    ("9999", NotFound, "has the code or name '9999'"),
    ("habo", BadRequest, "Håbo kommun (0305) or Habo kommun (0643)"),
])
def test_resolve_says_what_was_meant(entries, typed, error, message):
    with pytest.raises(error) as raised:
        registry.resolve(typed, entries)
    assert message in raised.value.message


def test_what_the_registry_restates_answers_once(store):
    """Kungsör's file and the registry both say its kind, name and code: one answer each."""
    rows = list(store.query("SELECT ?p ?o WHERE { <https://w3id.org/styrgraf/id/kungsor/kommunen> ?p ?o }"))
    pairs = [(r["p"].value, r["o"].value) for r in rows]
    assert len(pairs) == len(set(pairs))
    assert ("https://w3id.org/styrgraf/def#municipalityCode", "1960") in pairs
    assert ("https://w3id.org/styrgraf/def#county", "https://w3id.org/styrgraf/id/lan/19") in pairs


def test_an_organisation_named_otherwise_by_its_file_keeps_one_label_a_language(store):
    """data/blekinge.ttl says "Landstinget Blekinge"; the registry's "Region Blekinge"
    stays as skos:prefLabel, so a query on rdfs:label answers once."""
    rows = list(store.query("SELECT ?l WHERE { <https://w3id.org/styrgraf/id/blekinge/landstinget> "
                            "<http://www.w3.org/2000/01/rdf-schema#label> ?l }"))
    assert sorted((r["l"].language, r["l"].value) for r in rows) == [
        ("en", "Blekinge County Council"), ("sv", "Landstinget Blekinge")]
    prefs = list(store.query("SELECT ?l WHERE { <https://w3id.org/styrgraf/id/blekinge/landstinget> "
                             "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l FILTER (LANG(?l) = 'sv') }"))
    assert [r["l"].value for r in prefs] == ["Region Blekinge"]
