"""The networkx analyses: against answers derived by hand from the documents, against
small built graphs with known answers, and against the equivalent SPARQL."""
from __future__ import annotations

import textwrap

import pytest

from styrgraf import analysis, sparql
from styrgraf.analysis import network
from styrgraf.sparql import queries
from styrgraf.store import GraphStore

ID = "https://w3id.org/styrgraf/id/"
K = ID + "kungsor/"
B = ID + "blekinge/"


@pytest.fixture(scope="module")
def net(app):
    return app.extensions["styrgraf"].network()


def labels(path):
    return [step["node"].rsplit("/", 1)[-1] for step in path]


def test_network_is_converted_once_per_core(app):
    served = app.extensions["styrgraf"]
    assert served.network() is served.network()
    assert set(served.network().organisations()) == {o["key"] for o in served.organisations() if o["documents"]}  # the registry's others have no relations


def test_kungsor_acute_chain_is_the_sanctioned_route(net):
    result = analysis.route(net, K + "medarbetare", K + "kommundirektor")
    assert [n.rsplit("/", 1)[-1] for n in result["path"]] == ["medarbetare", "enhetschef", "forvaltningschef", "kommundirektor"]
    assert all(step["evidence"] for step in result["steps"])
    assert result["direct_contact_bypasses"] == []


def test_elected_representative_reaches_staff_through_head_of_administration(net):
    result = analysis.route(net, K + "fortroendevald", K + "medarbetare")
    assert result["path"][1] == K + "forvaltningschef"
    assert result["direct_contact_bypasses"][0]["via"] == K + "forvaltningschef"
    assert "ingången" in result["direct_contact_bypasses"][0]["quote"]


def test_shipped_graph_has_no_bypass_and_requested_contacts_are_judged(net):
    assert analysis.bypasses(net) == []
    verdicts = {(c["from"].rsplit("/", 1)[-1], c["to"].rsplit("/", 1)[-1]): c["verdict"] for c in analysis.check_contacts(net, [
        (K + "fortroendevald", K + "chef"), (K + "fortroendevald", K + "medarbetare"),
        (K + "medborgare", K + "chef"), (K + "fortroendevald", K + "forvaltningschef"), (K + "kso", K + "medarbetare")])}
    assert verdicts == {("fortroendevald", "chef"): "bypass", ("fortroendevald", "medarbetare"): "bypass",
                        ("medborgare", "chef"): "stated", ("fortroendevald", "forvaltningschef"): "stated",
                        ("kso", "medarbetare"): "bypass"}  # a chair is an elected representative


def test_blekinge_director_manages_heads_of_administration_and_directors(net):
    for post in ("forvaltningschef", "direktor"):
        result = analysis.chain(net, B + post)
        assert [labels(p) for p in result["paths"]] == [[post, "landstingsdirektor", "landstingsstyrelsen"]]
        assert result["reaches_assembly"] is False  # no document says the board answers to the assembly
    span = {r["node"]: r for r in analysis.structure(net, ["blekinge"])["blekinge"]["span_of_control"]}
    assert span[B + "landstingsdirektor"]["direct"] == 3  # förvaltningschefer, direktörer, stab


def test_structure_finds_dual_principals_and_unstated_ones(net):
    kungsor = analysis.structure(net, ["kungsor"])["kungsor"]
    multiple = {r["node"]: set(r["principals"]) for r in kungsor["multiple_principals"]}
    assert multiple[K + "forvaltningschef"] == {"kommundirektör (KD)", "nämnd (respektive)"}
    orphans = {r["node"] for r in kungsor["orphans"]}
    assert K + "kommundirektor" not in orphans  # förvaltningschef of the board's administration
    assert K + "oppositionsledare" in orphans  # elected: no document gives a principal


def test_director_principals_match_cq01(net, store):
    saved = queries.find("cq01-director-reports-to")
    by_sparql = {(r["director"].value, r["principal"].value) for r in sparql.execute(store, saved.text).rows}
    by_graph = set()
    for node, data in net.graph.nodes(data=True):
        if data.get("cls") == "Director":
            result = analysis.chain(net, node)
            by_graph |= {(node, path[1]["node"]) for path in result["paths"] if len(path) > 1
                         and "reportsTo" in next(s["kinds"] for s in result["steps"] if s["from"] == node and s["to"] == path[1]["node"])}
    assert by_graph == by_sparql


def test_span_of_control_matches_cq03(net, store):
    saved = queries.find("cq03-director-manages")
    by_sparql = {(r["director"].value, r["managed"].value) for r in sparql.execute(store, saved.text).rows}
    up = analysis.accountability(net)
    by_graph = {(principal, child) for child, principal, data in up.edges(data=True)
                if "managerOf" in data["kinds"] and net.is_a(principal, "Director")}
    assert by_graph == by_sparql


def test_what_if_the_county_director_is_vacant(net):
    result = analysis.what_if(net, B + "landstingsdirektor")
    lost = {r["node"].rsplit("/", 1)[-1] for r in result["loses_principal_or_top"]}
    assert {"forvaltningschef", "direktor", "stab"} <= lost
    areas = {a for d in result["duties_without_holder"] for a in d["areas"]}
    assert {"crisis-preparedness", "security", "finance", "delegation-control"} <= areas
    assert result["delegations_without_holder"] == [{"from": "landstingsstyrelsen", "to": "landstingsdirektör"}]


def test_centrality_finds_the_knutpunkt(net):
    top = analysis.centrality(net, "communicatesWith", "kungsor", top=2)
    assert {r["node"] for r in top} == {K + "forvaltningschef", K + "kommundirektor"}
    assert all(r["betweenness"] > 0 for r in top)


def test_compare_director_duties_a_b_blekinge(net, store):
    result = analysis.compare(net, ["kommun-a", "kommun-b", "blekinge"])
    assert result["director_areas_only_in"] == {
        "kommun-a": ["employer", "recruitment", "security-protection", "work-environment"],
        "kommun-b": [],
        "blekinge": ["delegation-control", "security"],
    }
    row = next(r for r in result["director_areas"] if r["area"] == "security-protection")
    assert "säkerhetsskydd" in row["evidence"]["kommun-a"][0]["quotes"][0]
    # the same areas as the SPARQL query cq13
    rows = sparql.execute(store, queries.find("cq13-director-duties").text).rows
    by_sparql = {(r["area"].value.rsplit("#", 1)[1], r["org"].value.split("/")[-2]) for r in rows
                 if r["org"].value.split("/")[-2] in ("kommun-a", "kommun-b", "blekinge")}
    by_graph = {(r["area"], org) for r in result["director_areas"] for org, has in r["has"].items() if has}
    assert by_graph == by_sparql


PREFIXES = """@prefix sg: <https://w3id.org/styrgraf/def#> . @prefix t: <https://w3id.org/styrgraf/id/t/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
t:org a sg:Municipality ; rdfs:label "T"@sv .
"""


def built(tmp_path, body: str) -> network.Network:
    path = tmp_path / "t.ttl"
    path.write_text(PREFIXES + textwrap.dedent(body), encoding="utf-8")
    return network.build(GraphStore.load([path]))


def test_built_graph_with_a_cycle(tmp_path):
    net = built(tmp_path, """
        t:a a sg:Manager ; sg:inOrganisation t:org . t:b a sg:Manager ; sg:inOrganisation t:org .
        t:c a sg:Manager ; sg:inOrganisation t:org .
        t:a sg:reportsTo t:b . t:b sg:reportsTo t:c . t:c sg:managerOf t:b . t:c sg:reportsTo t:a .""")
    found = analysis.cycles(net)
    assert sorted(map(tuple, found)) == [tuple(sorted(ID + "t/" + x for x in "abc")), tuple(sorted(ID + "t/" + x for x in "bc"))]


def test_built_graph_with_an_orphan(tmp_path):
    net = built(tmp_path, """
        t:ks a sg:ExecutiveBoard ; sg:inOrganisation t:org . t:kd a sg:Director ; sg:inOrganisation t:org .
        t:lost a sg:Employee ; sg:inOrganisation t:org . t:kd sg:reportsTo t:ks .""")
    result = analysis.structure(net, ["t"])["t"]
    assert {r["node"].rsplit("/", 1)[-1] for r in result["orphans"]} == {"lost"}


def test_built_graph_with_a_bypass(tmp_path):
    net = built(tmp_path, """
        t:fc a sg:HeadOfAdministration ; sg:inOrganisation t:org . t:fv a sg:ElectedRepresentative ; sg:inOrganisation t:org .
        t:med a sg:Employee ; sg:inOrganisation t:org .
        t:rule a sg:ChannelRule ; sg:inOrganisation t:org ; sg:fromClass sg:ElectedRepresentative ;
            sg:toClass sg:Employee ; sg:via t:fc .
        t:fv sg:communicatesWith t:med, t:fc . t:fc sg:communicatesWith t:med .""")
    found = analysis.bypasses(net)
    assert [(b["from"].rsplit("/", 1)[-1], b["to"].rsplit("/", 1)[-1], b["via"].rsplit("/", 1)[-1]) for b in found] == [("fv", "med", "fc")]
    assert [n.rsplit("/", 1)[-1] for n in analysis.route(net, ID + "t/fv", ID + "t/med")["path"]] == ["fv", "fc", "med"]


# --- Prohibitions and conditional channels (issue 13) ---------------------------------------

def test_contacts_carry_the_bans_that_bind_the_sender(net):
    judged = {(c["from"].rsplit("/", 1)[-1], c["to"].rsplit("/", 1)[-1]): c for c in analysis.check_contacts(net, [
        (K + "fortroendevald", K + "medarbetare"), (K + "kso", K + "forvaltningschef"),
        (K + "fortroendevald", K + "forvaltningschef"), (K + "medborgare", K + "medarbetare")])}
    def quotes(contact):
        return " ".join(p["quote"] for p in contact["prohibitions"])
    assert "får heller inte påverka tjänstepersoner" in quotes(judged["fortroendevald", "medarbetare"])
    # the KSO is an elected representative, the head of administration an official
    assert {p["relation"] for p in judged["kso", "forvaltningschef"]["prohibitions"]} == {"mayNotDirect"}
    # the gateway channel is stated, and still the representative may not direct the head
    assert judged["fortroendevald", "forvaltningschef"]["verdict"] == "stated"
    assert judged["fortroendevald", "forvaltningschef"]["prohibitions"]
    assert judged["medborgare", "medarbetare"]["prohibitions"] == []


def test_a_conditional_channel_is_judged_conditional(net):
    (contact,) = analysis.check_contacts(net, [(K + "chef", K + "overordnad-chef")])
    assert contact["verdict"] == "conditional"
    assert contact["conditions"] == ["om frågan inte kan lösas på närmaste chefs nivå"]
    result = analysis.route(net, K + "medarbetare", K + "kommundirektor")
    assert result["conditional"] is True  # the acute chain holds "om detta är nödvändigt …"
    assert all(step["conditions"] for step in result["steps"][:1])
    assert analysis.route(net, K + "fortroendevald", K + "medarbetare")["conditional"] is False


def test_prohibition_kinds_are_the_vocabulary_s(store):
    from styrgraf.analysis.governance import PROHIBITION_KINDS
    rows = store.query("SELECT ?p WHERE { ?p <http://www.w3.org/2000/01/rdf-schema#subPropertyOf>+ "
                       "<https://w3id.org/styrgraf/def#prohibitedRelation> }")
    assert {r["p"].value.rsplit("#", 1)[1] for r in rows} == set(PROHIBITION_KINDS)


def test_built_graph_prefers_a_standing_channel_and_finds_the_ban(tmp_path):
    from styrgraf.analysis import governance
    net = built(tmp_path, """
        @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . @prefix prov: <http://www.w3.org/ns/prov#> .
        t:a a sg:Employee ; sg:inOrganisation t:org . t:b a sg:Manager ; sg:inOrganisation t:org .
        t:c a sg:Manager ; sg:inOrganisation t:org . t:d a sg:Director ; sg:inOrganisation t:org .
        t:fv a sg:ElectedRepresentative ; sg:inOrganisation t:org . t:kso a sg:Chair ; sg:inOrganisation t:org .
        t:off a sg:Official ; sg:inOrganisation t:org .
        t:a sg:communicatesWith t:b, t:c . t:b sg:communicatesWith t:d . t:c sg:communicatesWith t:d .
        t:fv sg:mayNotDirect t:off .
        t:e1 a sg:Assertion ; rdf:subject t:a ; rdf:predicate sg:communicatesWith ; rdf:object t:b ; sg:quote "q" ;
            sg:condition "om det brinner" ; prov:wasDerivedFrom t:doc .
        t:e2 a sg:Assertion ; rdf:subject t:a ; rdf:predicate sg:communicatesWith ; rdf:object t:c ; sg:quote "q" ;
            prov:wasDerivedFrom t:doc .""")
    result = analysis.route(net, ID + "t/a", ID + "t/d")
    assert [n.rsplit("/", 1)[-1] for n in result["path"]] == ["a", "c", "d"]  # not through the conditional a → b
    bans = governance.prohibitions(net, ID + "t/kso", ID + "t/d")  # a chair is elected, a director an official
    assert [(b["from"].rsplit("/", 1)[-1], b["relation"]) for b in bans] == [("fv", "mayNotDirect")]
    assert governance.prohibitions(net, ID + "t/d", ID + "t/off") == []
