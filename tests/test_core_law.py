"""The law as data: the provisions of Kommunallagen (SFS 2017:725) the documents cite
or lean on, with rinfo identifiers, labels and glosses, and every sg:legalBasis checked
against which provision may ground which relation."""
from __future__ import annotations

import re

import pytest
from styrgraf.vocab import SG

SG_NS = str(SG)
KL = "http://rinfo.lagrummet.se/publ/sfs/2017:725#"
PREFIXES = f"""PREFIX sg: <{SG_NS}> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> """

# provision -> the (relation, subject class, object class) it may ground. A relation
# grounded in a provision not listed here, or between the wrong kinds of actor, fails.
GROUNDS = {
    "k_4-p_1": {("memberOf", "ElectedRepresentative", "Organ")},
    "k_5-p_1": {("hasResponsibility", "Assembly", "ReservedMatter")},
    "k_5-p_2": {("hasResponsibility", "Assembly", "ReservedMatter")},
    "k_6-p_1": {("supervises", "ExecutiveBoard", "Committee"), ("supervises", "ExecutiveBoard", "MunicipalCompany"),
                ("supervises", "ExecutiveBoard", "FederationOfMunicipalities")},
    "k_6-p_6": {("hasResponsibility", "Committee", "Responsibility"), ("hasResponsibility", "ExecutiveBoard", "Responsibility")},
    # within the committee: its presidium, a working committee, a member or substitute
    "k_6-p_37": {("delegatesTo", "Organ", "WorkingCommittee"), ("delegatesTo", "Organ", "ElectedRepresentative")},
    "k_6-p_38": set(),  # a limit on delegation: it grounds no relation
    "k_6-p_40": {("informs", "Post", "Organ")},  # decisions under delegation reported
    "k_7-p_1": {("appoints", "ExecutiveBoard", "Director"), ("managerOf", "Director", "AdministrativeUnit"),
                ("reportsTo", "Director", "ExecutiveBoard")},
    "k_7-p_2": {("directs", "ExecutiveBoard", "Director")},  # the instruction
    "k_7-p_5": {("delegatesTo", "Organ", "Official")},  # delegation to an employee
    "k_7-p_8": {("informs", "Post", "Organ")},
}


def is_a(store, node, cls):
    return store.query(f"{PREFIXES} ASK {{ <{node}> a/rdfs:subClassOf* sg:{cls} }}")


@pytest.fixture(scope="module")
def provisions(store):
    rows = store.query(f"""{PREFIXES} SELECT ?p ?label ?gloss WHERE {{
        ?p a sg:LegalProvision ; rdfs:label ?label ; rdfs:comment ?gloss . FILTER (LANG(?label) = LANG(?gloss)) }}""")
    out = {}
    for r in rows:
        out.setdefault(r["p"].value, {})[r["label"].language] = (r["label"].value, r["gloss"].value)
    return out


def test_the_provisions_are_there_with_rinfo_ids_labels_and_glosses(provisions):
    for key in GROUNDS:
        iri = KL + key
        assert iri in provisions, key
        chapter, section = re.fullmatch(r"k_(\d+)-p_(\d+)", key).groups()
        assert provisions[iri]["sv"][0] == f"KL {chapter} kap. {section} §"
        assert provisions[iri]["en"][0] == f"Local Government Act ch. {chapter} § {section}"
        assert len(provisions[iri]["sv"][1]) > 40 and len(provisions[iri]["en"][1]) > 40


def test_glosses_are_right_for_the_2017_law(provisions):
    """6:37 is delegation within the committee (employees are 7:5, as they were not in
    the 1991 law's 6:33); 5:1 lists the matters of principle, 5:2 keeps them from
    delegation; 6:38 lists what a committee may not delegate."""
    def gloss(key, lang="en"):
        return provisions[KL + key][lang][1]
    delegates = gloss("k_6-p_37").split("(")[0]
    assert "presidium" in delegates and "substitute" in delegates and "employee" not in delegates
    assert "anställd" not in gloss("k_6-p_37", "sv").split("(")[0]
    assert "employee" in gloss("k_7-p_5") and "6 § 38" in gloss("k_7-p_5")
    assert "may not" not in gloss("k_5-p_1") and "delegat" not in gloss("k_5-p_1", "sv")
    assert "§ 1" in gloss("k_5-p_2") and "not" in gloss("k_5-p_2")
    assert "may not delegate" in gloss("k_6-p_38")
    assert "instruction" in gloss("k_7-p_2")


def test_every_legal_basis_grounds_a_relation_it_may_ground(store):
    rows = list(store.query(f"""{PREFIXES} SELECT ?a ?law ?s ?p ?o WHERE {{
        ?a a sg:Assertion ; sg:legalBasis ?law ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }}"""))
    assert len(rows) > 20
    wrong = []
    for r in rows:
        key = r["law"].value.replace(KL, "")
        relation = r["p"].value.replace(SG_NS, "")
        allowed = [(rel, sc, oc) for rel, sc, oc in GROUNDS.get(key, set()) if rel == relation]
        if not any(is_a(store, r["s"].value, sc) and is_a(store, r["o"].value, oc) for _, sc, oc in allowed):
            wrong.append((r["a"].value.rsplit("/", 2)[-2:], key, relation))
    assert wrong == []


def test_reserved_matters_rest_on_5_1(store):
    rows = store.query(f"""{PREFIXES} SELECT ?m ?law WHERE {{ ?m a sg:ReservedMatter ; sg:legalBasis ?law }}""")
    assert {r["law"].value for r in rows} == {KL + "k_5-p_1"}


def test_blekinge_delegation_to_the_director_is_7_5_not_6_37(store):
    """"… att fatta beslut på landstingsstyrelsens uppdrag i enlighet med beslutad
    delegationsordning" and the staff the director employs "(se vidare
    delegationsordning)": the board delegates to an employee (the landstingsdirektör)."""
    rows = list(store.query(f"""{PREFIXES} SELECT ?law ?quote WHERE {{
        ?a rdf:subject <https://w3id.org/styrgraf/id/blekinge/landstingsstyrelsen> ; rdf:predicate sg:delegatesTo ;
           rdf:object <https://w3id.org/styrgraf/id/blekinge/landstingsdirektor> ; sg:legalBasis ?law ; sg:quote ?quote }}"""))
    assert {r["law"].value for r in rows} == {KL + "k_7-p_5"} and len(rows) == 2
    assert any("(se vidare delegationsordning)" in r["quote"].value for r in rows)


def test_second_reading_glosses_and_citations(provisions, store):
    """A municipal lawyer's second reading: the ban on delegating reserved matters is
    KL 5:2 (5:1 lists them); 7:8 as in 2017:725 (the committee decides how much is
    reported, unreported appealable decisions are minuted); 6:38 lists every item."""
    def gloss(key, lang="sv"):
        return provisions[KL + key][lang][1]
    assert "i vilken utsträckning" in gloss("k_7-p_8") and "protokollföras särskilt" in gloss("k_7-p_8")
    assert "13 kap." in gloss("k_7-p_8") and "to what extent" in gloss("k_7-p_8", "en")
    assert "protokollföras särskilt" in gloss("k_6-p_40") and "13 kap." in gloss("k_6-p_40")
    for item in ("mål, inriktning, omfattning eller kvalitet", "framställningar eller yttranden till fullmäktige",
                 "har överklagats", "myndighetsutövning mot enskilda", "principiell beskaffenhet", "lag eller annan författning"):
        assert item in gloss("k_6-p_38"), item
    from styrgraf.validation import shape_catalogue
    reserved = next(s for s in shape_catalogue() if s["shape"].endswith("ReservedMatterNotDelegated"))
    assert "5 kap. 2 §" in reserved["label"]["sv"] and "ch. 5 § 2" in reserved["label"]["en"]
    from styrgraf.validation.shapes import installed
    checks = next(s for s in installed().shapes if s.iri.endswith("ReservedMatterNotDelegated")).checks
    assert all("KL 5 kap. 2 §" in dict(c.messages)["sv"] for c in checks)


def test_kommun_a_cites_7_2_and_an_assertion_carries_it(store):
    """"Enligt 7 kap 2 § kommunallagen ska kommunstyrelsen i en instruktion fastställa hur
    direktören ska leda förvaltningen": the board directs the director by instruction."""
    rows = list(store.query(f"""{PREFIXES} SELECT ?s ?p ?o WHERE {{
        ?a sg:legalBasis <{KL}k_7-p_2> ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }}"""))
    assert [(r["s"].value.rsplit("/", 1)[-1], r["p"].value.replace(SG_NS, ""), r["o"].value.rsplit("/", 1)[-1])
            for r in rows] == [("kommunstyrelsen", "directs", "kommundirektor")]
