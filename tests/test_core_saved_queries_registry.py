"""The saved queries over the registry (coverage by county and kind, organisations
without an instruction, documents due per county), checked against what the shipped
graph holds and against the home page's coverage, which computes the same counts from
cq12's per-document statuses."""
from __future__ import annotations

import datetime as dt

import pytest
from styrgraf import sparql
from styrgraf.core import Styrgraf
from styrgraf.sparql import queries

AS_OF = "2026-11-23"


def run(store, name, **params):
    saved = queries.find(name)
    outcome = sparql.execute(store, saved.text, substitutions=saved.bind(params))
    return [{k: v.value for k, v in row.items()} for row in outcome.rows]


@pytest.fixture(scope="module")
def served(store):
    core = Styrgraf(store, validate=False, warm=False)
    yield core
    core.close()


def test_coverage_by_county_counts_the_registry_and_what_has_documents(store):
    rows = run(store, "coverage-by-county")
    assert len(rows) == 42  # 21 counties, a row each for municipalities and for the region
    total = sum(int(r["organisations"]) for r in rows)
    assert total == 311
    vastmanland = {r["kind"].rsplit("#", 1)[-1]: r for r in run(store, "coverage-by-county", county="19")}
    # data/kungsor.ttl: Kungsör (1960) has one document, a guideline ("Riktlinje för samspel …"), no instruction
    assert (vastmanland["Municipality"]["organisations"], vastmanland["Municipality"]["withDocuments"],
            vastmanland["Municipality"]["documents"], vastmanland["Municipality"]["instructions"]) == ("10", "1", "1", "0")
    blekinge = {r["kind"].rsplit("#", 1)[-1]: r for r in run(store, "coverage-by-county", county="10")}
    # data/blekinge.ttl: "Instruktion till landstingsdirektör"
    assert (blekinge["Region"]["withDocuments"], blekinge["Region"]["instructions"]) == ("1", "1")


def test_organisations_without_an_instruction(store):
    rows = run(store, "organisations-without-director-instruction")
    codes = {r["code"] for r in rows}
    assert "10" not in codes  # Region Blekinge has its director's instruction
    assert "1960" in codes and len(rows) == 310  # Kungsör's document is a guideline
    kungsor = next(r for r in rows if r["code"] == "1960")
    assert (kungsor["name"], kungsor["county"], kungsor["otherDocuments"]) == ("Kungsörs kommun", "19", "1")
    assert {r["code"] for r in run(store, "organisations-without-director-instruction", county="10")} == {
        "1060", "1080", "1081", "1082", "1083"}


def test_documents_due_per_county_agree_with_cq12_and_the_home_page(store, served):
    rows = {r["county"]: r for r in run(store, "documents-overdue-by-county", asOf=AS_OF)}
    # Kungsör's guideline, reviewed 2024-03-04 with "minst en gång årligen", is overdue;
    # Kommun C's Chefspolicy from 1994 is old; Blekinge's proposal is neither.
    assert {k: (r["documents"], r["due"]) for k, r in rows.items()} == {
        "10": ("1", "0"), "19": ("1", "1"), "unknown": ("3", "1")}
    statuses = {r["document"]: r["status"] for r in run(store, "cq12-document-review-status", asOf=AS_OF)}
    assert sorted(statuses.values()).count("overdue") + sorted(statuses.values()).count("old") == 2
    report = served.coverage(dt.date.fromisoformat(AS_OF))
    by_county = {c["code"]: c for c in report["counties"]}
    for code, row in rows.items():
        county = report["unknown"] if code == "unknown" else by_county[code]
        assert (county["documents"], county["due"]) == (int(row["documents"]), int(row["due"])), code
