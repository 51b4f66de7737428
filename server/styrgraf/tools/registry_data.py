"""Writes ``data/registry/registry.ttl`` from its source table.

The table, ``data/registry/sources/organisations.tsv``, holds one row per municipality
and region: kind, SCB code, county code, key, node, Swedish and English name, short
name, another Swedish name, Wikidata item. The facts come from the sources named in
``SOURCES`` (gathered by hand, see the README's *Registry*); the Turtle is written from
the table by this module, so the two cannot drift apart (``tests/test_core_registry.py``
writes it again and compares).

Usage: ``python -m styrgraf.tools.registry_data [DATA_DIR]`` (default: ./data).
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

from styrgraf.explorer.listing import COUNTIES
from styrgraf.vocab import ID_BASE

DIVISION = "2024-01-01"  # the regional division the registry reflects (SCB, 1 January)
DATASET = f"{ID_BASE}registry/indelning-{DIVISION[:4]}"
COUNTY_BASE = f"{ID_BASE}lan/"
WIKIDATA = "http://www.wikidata.org/entity/"
SOURCES = (
    "https://www.scb.se/vara-tjanster/regionala-statistikprodukter/marknadsprofiler/geografiska-indelningar-och-digitala-granser/",
    "https://sv.wikipedia.org/wiki/Kommunkod",
    "https://github.com/sjbrg/swedish-geodata/blob/main/data/municipalities.csv",
    "https://github.com/sjbrg/swedish-geodata/blob/main/data/counties.csv",
    "https://github.com/themichaelhall/geo-se/blob/master/tests/MunicipalityTest.php",
    "https://github.com/salgo60/okfnLocal/blob/master/public-se-csv.csv",
)
COLUMNS = ("kind", "code", "county", "key", "node", "name_sv", "name_en", "short_name", "alt_name_sv", "wikidata")
HEADER = """@prefix sg:      <https://w3id.org/styrgraf/def#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix lan:     <{county}> .
@prefix wd:      <{wikidata}> .

# Sweden's 290 municipalities, 21 regions and 21 counties with their official codes
# (SCB's kommunkod and länskod), as divided on {division}. Written by
# `python -m styrgraf.tools.registry_data` from sources/organisations.tsv; edit the table,
# not this file. Kungsör and Region Blekinge keep the IRIs of their curated files.
"""


def read_table(path: Path) -> list[dict[str, str]]:
    """The rows of the source table, as dicts keyed by ``COLUMNS``."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for number, row in enumerate(rows, start=2):
        if tuple(row) != COLUMNS or any(row[c] is None for c in COLUMNS):
            raise ValueError(f"{path}:{number}: expected the columns {', '.join(COLUMNS)}")
    return rows


def _text(value: str, lang: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"@{lang}'


def organisation_iri(row: dict[str, str]) -> str:
    return f"{ID_BASE}{row['key']}/{row['node']}"


def _organisation(row: dict[str, str]) -> str:
    kind = "sg:Region" if row["kind"] == "region" else "sg:Municipality"
    names = f"{_text(row['name_sv'], 'sv')}, {_text(row['name_en'], 'en')}"
    lines = [f"<{organisation_iri(row)}> a {kind} ;",
             f"    rdfs:label {names} ;", f"    skos:prefLabel {names} ;"]
    alternatives = [n for n in (row["short_name"], row["alt_name_sv"]) if n and n != row["name_sv"]]
    if alternatives:
        lines.append(f"    skos:altLabel {', '.join(_text(n, 'sv') for n in alternatives)} ;")
    lines.append(f'    sg:municipalityCode "{row["code"]}" ; sg:county lan:{row["county"]} ;')
    if row["wikidata"]:
        lines.append(f"    skos:exactMatch wd:{row['wikidata']} ;")
    lines.append(f"    dcterms:source <{DATASET}> .")
    return "\n".join(lines)


def turtle(rows: list[dict[str, str]]) -> str:
    """The registry as Turtle: the dataset, the counties, then every organisation by code."""
    parts = [HEADER.format(county=COUNTY_BASE, wikidata=WIKIDATA, division=DIVISION)]
    sources = ",\n        ".join(f"<{url}>" for url in SOURCES)
    parts.append(f"""<{DATASET}> a prov:Entity ;
    rdfs:label "Sveriges kommuner, regioner och län, indelningen {DIVISION}"@sv,
        "Sweden's municipalities, regions and counties, the division of {DIVISION}"@en ;
    rdfs:comment "Koder och namn enligt SCB:s regionala indelning; svenska namn och Wikidata-länkar ur de källor som anges."@sv,
        "Codes and names by Statistics Sweden's regional division; Swedish names and Wikidata links from the sources given."@en ;
    dcterms:valid "{DIVISION}"^^xsd:date ;
    dcterms:source {sources} .
""")
    for code, (sv, en) in COUNTIES.items():
        parts.append(f"lan:{code} a sg:County ; rdfs:label {_text(sv, 'sv')}, {_text(en, 'en')} ; "
                     f'sg:countyCode "{code}" ; dcterms:source <{DATASET}> .')
    parts.append("")
    for row in sorted(rows, key=lambda r: (r["kind"] != "region", r["code"])):
        parts.append(_organisation(row) + "\n")
    return "\n".join(parts)


def write(data_dir: Path) -> Path:
    """Write ``registry/registry.ttl`` under ``data_dir`` from its table; return its path."""
    folder = Path(data_dir) / "registry"
    target = folder / "registry.ttl"
    text = turtle(read_table(folder / "sources" / "organisations.tsv"))
    partial = target.with_suffix(".ttl.part")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)  # atomic: a reader sees the old file or the new one
    return target


if __name__ == "__main__":
    print(write(Path(sys.argv[1] if len(sys.argv) > 1 else "data")))
