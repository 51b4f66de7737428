"""The competency questions (shared/competency-questions.md), each by its saved query,
checked against the answer the documents give (by IRI or label, never by row order)."""
from __future__ import annotations

import pytest

from styrgraf.sparql import queries
from styrgraf import sparql

ID = "https://w3id.org/styrgraf/id/"


def run(store, name, **params):
    saved = queries.find(name)
    outcome = sparql.execute(store, saved.text, substitutions=saved.bind(params))
    return [{k: v.value for k, v in row.items()} for row in outcome.rows]


def ids(rows, column, org=None):
    return {r[column].replace(ID, "") for r in rows if org is None or r["org"] == f"{ID}{org}"}


def org_iri(key):
    return {"kommun-a": "kommunen", "kommun-b": "kommunen", "kommun-c": "kommunen",
            "kungsor": "kommunen", "blekinge": "landstinget"}[key]


def by_org(rows, column):
    out = {}
    for r in rows:
        out.setdefault(r["org"].replace(ID, "").split("/")[0], set()).add(r[column].replace(ID, ""))
    return out


def test_every_competency_question_has_a_saved_query():
    names = [n for n in queries.library() if n.startswith("cq")]
    assert len(names) == 16
    for name in names:
        saved = queries.find(name)
        assert saved.title.get("sv") and saved.title.get("en")
        assert saved.descriptions.get("sv") and saved.descriptions.get("en")


def test_cq01_director_reports_to(store):
    # Kungsör: the director is förvaltningschef of the board's administration, and the
    # förvaltningschef answers to "styrelsen/nämnden" (issue 13, item 8).
    assert by_org(run(store, "cq01-director-reports-to"), "principal") == {
        "kommun-a": {"kommun-a/kommunstyrelsen"}, "kommun-b": {"kommun-b/kommunstyrelsen"},
        "blekinge": {"blekinge/landstingsstyrelsen"}, "kungsor": {"kungsor/kommunstyrelsen"}}


def test_cq01_parameter_narrows_to_one_organisation(store):
    rows = run(store, "cq01-director-reports-to", org="blekinge:landstinget")
    assert ids(rows, "principal") == {"blekinge/landstingsstyrelsen"}


def test_cq02_director_appointed_by_and_law(store):
    rows = run(store, "cq02-director-appointed-by")
    assert by_org(rows, "appointer") == {
        "kommun-a": {"kommun-a/kommunstyrelsen"}, "kommun-b": {"kommun-b/kommunstyrelsen"},
        "blekinge": {"blekinge/landstingsstyrelsen"}}
    law_a = {r.get("provisionLabel") for r in rows if "kommun-a" in r["org"]}
    assert "KL 7 kap. 1 §" in law_a
    assert any("anställd av kommunstyrelsen" in r["quote"] for r in rows if "kommun-b" in r["org"])


def test_cq03_director_manages(store):
    managed = by_org(run(store, "cq03-director-manages"), "managed")
    assert {"kommun-a/forvaltningschef", "kommun-a/kommunstyrelsens-forvaltning",
            "kommun-a/direkt-underställd-chef"} <= managed["kommun-a"]
    assert managed["kommun-b"] == {"kommun-b/forvaltningschef"}
    assert managed["blekinge"] == {"blekinge/forvaltningschef", "blekinge/direktor", "blekinge/stab"}


def test_cq04_director_attends_and_speaks(store):
    rows = run(store, "cq04-director-attends-speaks")
    rights = {(r["organ"].replace(ID, ""), r["right"].rsplit("#", 1)[1], r.get("condition")) for r in rows}
    assert {("kommun-a/kommunstyrelsen", "attends", None), ("kommun-a/kommunstyrelsen", "hasRightToSpeakIn", None),
            ("kommun-a/arbetsutskott", "attends", None), ("kommun-a/arbetsutskott", "hasRightToSpeakIn", None),
            ("kommun-a/kommunfullmaktige", "attends", None),
            ("kommun-a/kommunfullmaktige", "hasRightToSpeakIn", "om så begärs")} <= rights
    assert {o for o, r, _ in rights if o.startswith("kommun-b") and r == "hasRightToSpeakIn"} == {
        "kommun-b/kommunstyrelsen", "kommun-b/utskott", "kommun-b/kommunfullmaktige", "kommun-b/namnder"}
    assert {o for o, r, _ in rights if r == "presentsMattersAt"} == {
        "blekinge/landstingsstyrelsen", "blekinge/arbetsutskottet", "blekinge/beredningar"}
    legality = [r for r in rows if r["organ"].endswith("landstingsfullmaktige") and r["right"].endswith("hasRightToSpeakIn")]
    assert legality and "lagligheten" in legality[0]["scope"]


def test_cq05_board_oversight_and_assistant(store):
    rows = run(store, "cq05-board-oversight")
    supervised = by_org(rows, "supervised")
    assert supervised["kommun-a"] == {"kommun-a/namnderna", "kommun-a/kommunalforbund"}
    assert supervised["kommun-b"] == {"kommun-b/namnder", "kommun-b/bolag", "kommun-b/forbund"}
    assert supervised["blekinge"] == {"blekinge/ovriga-namnder"}
    for org, director in (("kommun-a", "kommundirektor"), ("kommun-b", "kommundirektor"), ("blekinge", "landstingsdirektor")):
        assert {r.get("assistant") for r in rows if f"/{org}/" in r["org"]} == {f"{ID}{org}/{director}"}


def test_cq06_director_employer_and_contract(store):
    rows = run(store, "cq06-director-employer")
    assert {(r["who"].replace(ID, ""), r["role"].rsplit("#", 1)[1]) for r in rows} == {
        ("kommun-a/kso", "hasEmployerResponsibilityFor"), ("kommun-a/kso", "signsEmploymentContractOf")}


def test_cq07_head_of_administration_employment(store):
    rows = run(store, "cq07-head-of-administration-employment")
    decides = {(r["actor"].replace(ID, ""), r["other"].replace(ID, "")) for r in rows if r["aspect"] == "decides"}
    assert ("kommun-a/kommunstyrelsen", "kommun-a/forvaltningschef") in decides
    assert ("kungsor/kommundirektor", "kungsor/forvaltningschef") in decides
    assert ("blekinge/landstingsstyrelsen", "blekinge/ledningsgrupp") in decides
    director = {(r["actor"].replace(ID, ""), r["relation"].rsplit("#", 1)[1], r["other"].replace(ID, ""))
                for r in rows if r["aspect"] == "director"}
    assert ("kommun-a/kommundirektor", "hasResponsibility", "kommun-a/ansvar-rekrytering") in director
    assert ("kungsor/kommundirektor", "consults", "kungsor/fortroendevald") in director
    assert ("blekinge/landstingsstyrelsen", "consults", "blekinge/landstingsdirektor") in director


def test_cq08_elected_representative_goes_through_head_of_administration(store):
    rows = run(store, "cq08-elected-representative-route")
    assert {(r["via"].replace(ID, ""), r["toClass"].rsplit("#", 1)[1]) for r in rows} == {
        ("kungsor/forvaltningschef", "Manager"), ("kungsor/forvaltningschef", "Employee")}
    assert all(r["fromClass"].endswith("ElectedRepresentative") for r in rows)


def test_cq09_acute_chain(store):
    rows = run(store, "cq09-acute-chain")
    steps = {(r["from"].replace(ID + "kungsor/", ""), r["to"].replace(ID + "kungsor/", "")) for r in rows}
    chain = [("medarbetare", "enhetschef"), ("enhetschef", "forvaltningschef"), ("forvaltningschef", "kommundirektor")]
    assert set(chain) <= steps
    assert {(b, a) for a, b in chain} <= steps  # "och tvärtom"
    assert ("kommundirektor", "kso") in steps  # the chair in strategic matters


def test_cq10_reserved_matters(store):
    rows = run(store, "cq10-reserved-matters")
    assert {r["matterLabel"] for r in rows} == {
        "kommunens övergripande mål och riktlinjer", "budget inklusive investeringar", "skattesats",
        "nämndsorganisation", "årsredovisning"}
    assert {r["provision"] for r in rows} == {"http://rinfo.lagrummet.se/publ/sfs/2017:725#k_5-p_1"}


def test_cq11_director_termination(store):
    rows = run(store, "cq11-director-termination")
    # Blekinge: the board ends the employment of the management group "(undantaget
    # avveckling av landstingsdirektör)": the exception is its consulting the director
    assert {(r["decider"].replace(ID, ""), r["director"].replace(ID, "")) for r in rows} == {
        ("kommun-a/kommunstyrelsen", "kommun-a/kommundirektor"),
        ("blekinge/landstingsstyrelsen", "blekinge/landstingsdirektor")}


# Kungsör (004): "Beslutsdatum 2023-03-13 … Aktualiserad 2024-03-04 … Giltigt till
# 2027-03-13", and "denna riktlinje aktualiseras minst en gång årligen": review due
# 2025-03-04. Kommun C (002): "Antagen av kommunfullmäktige 1994-11-24 § 142", no
# validity or review date: old ten years on. Kommun A (000): "Antagen: KS § 77,
# 2024-03-12" and "Gäller från: 2024-04-01". Blekinge (003): "Till landstingsstyrelsen",
# dated 2018-01-11, "Förslag till beslut": a proposal. Kommun B (001): no dates at all.
@pytest.mark.parametrize("as_of,expected", [
    ("2026-11-23", {"kungsor": "overdue", "kommun-c": "old", "kommun-a": "current", "blekinge": "proposal",
                    "kommun-b": "undated"}),
    ("2025-03-04", {"kungsor": "current", "kommun-c": "old"}),   # the review is due on 2025-03-04 itself
    ("2025-03-05", {"kungsor": "overdue", "kommun-c": "old"}),   # overdue from 2025-03-05
    ("2027-03-14", {"kungsor": "expired", "kommun-c": "old"}),   # "Giltigt till 2027-03-13"
    ("2024-03-20", {"kommun-a": "not-yet-valid"}),                # adopted, in force from 2024-04-01
    ("2004-11-23", {"kungsor": "not-yet-valid", "kommun-c": "current"}),  # before the guideline was decided
])
def test_cq12_document_review_status(store, as_of, expected):
    rows = {r["org"].replace(ID, "").split("/")[0]: r for r in run(store, "cq12-document-review-status", asOf=as_of)}
    assert {org: rows[org]["status"] for org in expected} == expected
    assert rows["kungsor"]["reviewDue"] == "2025-03-04"


def test_cq12_shows_blekinge_as_a_proposal_with_its_creation_date(store):
    """003 is "Till landstingsstyrelsen", dated 2018-01-11, ending "Förslag till beslut":
    created then, never issued (adopted)."""
    row = next(r for r in run(store, "cq12-document-review-status", asOf="2026-11-23") if "blekinge" in r["org"])
    assert row["status"] == "proposal"
    assert row["created"] == "2018-01-11" and "issued" not in row


def test_cq13_director_duties_side_by_side(store):
    rows = run(store, "cq13-director-duties")
    areas = {}
    for r in rows:
        areas.setdefault(r["area"].rsplit("#", 1)[1], set()).add(r["org"].replace(ID, "").split("/")[0])
    assert {"kommun-a", "blekinge"} <= areas["crisis-preparedness"]
    assert areas["security-protection"] == {"kommun-a"}
    assert areas["security"] == {"blekinge"}
    assert {"kommun-a", "kommun-b"} <= areas["external-relations"]
    assert "blekinge" in areas["finance"]
    assert {"kommun-b", "blekinge"} <= areas["case-preparation"]


def test_cq14_head_of_administration_accountable_and_advises(store):
    rows = [r for r in run(store, "cq14-head-of-administration-accountability") if "kommun-c" in r["org"]]
    relations = {(r["relation"].rsplit("#", 1)[1], r["other"].replace(ID, "")) for r in rows}
    assert ("reportsTo", "kommun-c/namnd") in relations
    assert {("advises", "kommun-c/namnd"), ("advises", "kommun-c/namndledamot")} <= relations
    assert {("assists", "kommun-c/namnd"), ("assists", "kommun-c/kommunstyrelsen")} <= relations


def test_cq15_delegated_decisions(store):
    rows = [r for r in run(store, "cq15-delegated-decisions") if "blekinge" in r["org"]]
    assert {(r["aspect"], r["other"].replace(ID, "")) for r in rows if r["aspect"] == "receives"} == {
        ("receives", "blekinge/landstingsstyrelsen")}
    assert {r["actor"].replace(ID, "") for r in rows if r["aspect"] == "checks"} == {"blekinge/landstingsdirektor"}


def test_cq16_urgent_initiative(store):
    rows = run(store, "cq16-urgent-initiative")
    assert {(r["actor"].replace(ID, ""), r["board"].replace(ID, "")) for r in rows} == {
        ("blekinge/landstingsdirektor", "blekinge/landstingsstyrelsen")}


def test_every_parameter_is_projected_so_it_can_be_bound():
    """Oxigraph binds parameters by substitution, which needs the variable in SELECT."""
    for saved in queries.library().values():
        head = saved.text.split("WHERE", 1)[0]
        for param in saved.parameters:
            assert f"?{param.name}" in head, f"{saved.name}: ?{param.name} is not projected"
