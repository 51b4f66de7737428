"""Delegation orders: tables in every form extraction leaves them, delegation in prose, the
reporting of delegated decisions and the provision of kommunallagen each rests on.

Every text here is made up for the test; none copies a corpus document.
"""
from __future__ import annotations

import pytest

from styrgraf.ingest import delegation, posts, tables
from styrgraf.ingest.lexicon import TERMS
from styrgraf.ingest.normalise import normalise
from styrgraf.ingest.pipeline import ingest_text

KL = "http://rinfo.lagrummet.se/publ/sfs/2017:725#"


def facts(text: str, predicate: str | None = None) -> list[tuple[str, str, str]]:
    """(subject label, predicate, object label) of a made-up text's delegation candidates."""
    result = ingest_text(normalise(text), "x")
    return [(c.subject.label, c.predicate, c.object.label) for c in result.candidates
            if c.predicate == (predicate or c.predicate) and c.predicate in ("delegatesTo", "reportsTo")]


def candidates(text: str, predicate: str = "delegatesTo"):
    return [c for c in ingest_text(normalise(text), "x").candidates if c.predicate == predicate]


PIPE = """Delegationsordning för hamnnämnden

Anmärkning | Lagrum | Ersättare | Delegat | Ärende | Nr
Inom ram | | Bygglovshandläggare | Byggchef | Beslut om startbesked | 1
| 6 kap. 37 § KL | – | Nämndens ordförande | Yttrande till länsstyrelsen | 2
"""


def test_a_header_in_any_order_gives_the_delegate_the_substitute_and_the_law():
    stored = normalise(PIPE)
    rows = delegation.rows(stored, TERMS)
    assert [[d.label for d in r.delegates] for r in rows] == [["byggchef", "bygglovshandläggare"],
                                                            ["nämndens ordförande"]]
    assert rows[0].matter == "Beslut om startbesked" and rows[0].note == "Inom ram"
    found = candidates(PIPE)
    assert {(c.subject.label, c.object.label) for c in found} == {
        ("hamnnämnden", "byggchef"), ("hamnnämnden", "bygglovshandläggare"),
        ("hamnnämnden", "nämndens ordförande")}
    assert all(c.subject.cls == "Committee" for c in found)  # the title's nämnd delegates, not the board
    chair = next(c for c in found if c.object.label == "nämndens ordförande")
    assert chair.legal_basis == KL + "k_6-p_37" and chair.quote.startswith("|")


FLAT_CELLS = """Delegationsförteckning

Nr
Ärende
Delegat
Ersättare
Anmärkning
1. Ekonomi
1.1
Avskrivning av mindre fordran
Ekonomichef
Controller
1.2
Beslut om attesträtt
Kommundirektör
–
Efter samråd med ekonomichefen
4 SIDAN 4 AV 9
2. Personal
2.1
Ledighet vid sjukdom
Personalchef

Slutord

Ordningen ses över varje år.
"""


def test_a_table_flattened_to_one_cell_a_line_keeps_its_rows():
    stored = normalise(FLAT_CELLS)
    assert normalise(stored) == stored
    assert "1.1\nAvskrivning av mindre fordran\nEkonomichef\nController" in stored
    assert "SIDAN" not in stored and "Slutord" in stored
    rows = delegation.rows(stored, TERMS)
    assert [([d.label for d in r.delegates], r.note) for r in rows] == [
        (["ekonomichef", "controller"], None),
        (["kommundirektör"], "Efter samråd med ekonomichefen"),
        (["personalchef"], None)]


LINE_ROWS = """Delegationsordning för kulturnämnden

Nr Ärende Delegat Ersättare Kommentar
3.1 Bidrag till studiecirklar inom ram Kulturchef Bibliotekschef
3.2 Avslag på begäran om allmän handling Nämndens sekreterare – 6 kap. 3 § OSL
3.3 Hyra av lokal för utställningar
Fritidschef
"""


def test_rows_flattened_to_one_line_are_read_by_what_each_part_is():
    stored = normalise(LINE_ROWS)
    assert normalise(stored) == stored
    rows = delegation.rows(stored, TERMS)
    assert [([d.label for d in r.delegates], r.matter, r.law) for r in rows] == [
        (["kulturchef", "bibliotekschef"], "Bidrag till studiecirklar inom ram", None),
        (["sekreterare"], "Avslag på begäran om allmän handling", "6 kap. 3 § OSL"),
        (["fritidschef"], "Hyra av lokal för utställningar", None)]


def test_rows_without_a_header_count_only_in_a_delegation_order():
    rows = "\n".join(LINE_ROWS.splitlines()[3:]) + "\n"
    assert sorted(d for _, _, d in facts("Delegationsordning för kulturnämnden\n\n" + rows)) == \
        ["bibliotekschef", "fritidschef", "kulturchef", "sekreterare"]
    assert facts("Om kulturen i kommunen\n\n" + rows) == []


def test_a_list_of_abbreviations_names_the_delegates():
    text = """Delegationsordning för kommunstyrelsen

Förkortningar: RD regiondirektör, EK ekonomichef, OSL offentlighets- och sekretesslagen.

Nr | Ärende | Delegat
1 | Placering av överskott | EK
2 | Anställning av enhetschef | RD
"""
    assert [(c.object.label, c.object.cls) for c in candidates(text)][:1] == [("ekonomichef", "SeniorOfficial")]
    assert [c.object.cls for c in candidates(text)][1:] == ["Director"]
    assert posts.listed_abbreviations("Förkortningar\n\nVO – vice ordförande\n\nGC Gatuchef\n") == \
        [("VO", "vice ordförande"), ("GC", "Gatuchef")]
    assert posts.abbreviation_terms("HR-chefen ansvarar.\n", TERMS) == []  # a hyphen is no list entry


@pytest.mark.parametrize("header,roles", [
    ("Ärende | Delegat | Vidaredelegering | Anmärkning", {"matter": 0, "delegate": 1, "redelegation": 2, "note": 3}),
    ("Nr | Beslut | Delegat/ersättare | Anmäls till", {"number": 0, "matter": 1, "delegate": 2, "report": 3}),
    ("Delegationsärende | Beslutande | Ersättare vid förfall | Lagstöd",
     {"matter": 0, "delegate": 1, "substitute": 2, "law": 3}),
    ("Beslutstyp | Beslutsnivå | Kommentar", {"matter": 0, "delegate": 1, "note": 2}),
])
def test_header_wordings(header, roles):
    assert tables.header_columns(header.split(" | ")) == roles


def test_no_header_without_a_delegate_and_a_matter():
    assert tables.header_columns(["Nr", "Ärende", "Kommentar"]) is None
    assert tables.line_header("Ärendet beslutas av delegaten.") is None


PROSE = """Delegationsordning för miljönämnden

Miljönämnden uppdrar åt

4.1 NÄMNDENS ORDFÖRANDE, MED VICE ORDFÖRANDEN SOM ERSÄTTARE, att besluta i
1. ärenden som är så brådskande att nämndens avgörande inte kan avvaktas (6 kap. 39 § kommunallagen),
2. deltagande i utbildningar.

Beslutanderätten i följande ärenden delegeras till nämndens arbetsutskott:
- yttranden över vindkraftsplaner,
- avtal om tillsynsavgifter.

Miljöchefen får besluta om föreläggande enligt miljöbalken. Miljöchefen får vidaredelegera rätten till en inspektör (7 kap. 6 § kommunallagen). Beslut som fattas efter vidaredelegering anmäls till miljöchefen.

Arbetsutskottets beslut anmäls till nämnden månadsvis. Verkställighet anmäls inte till nämnden.
"""


def test_delegation_in_prose():
    found = facts(PROSE)
    assert ("miljönämnden", "delegatesTo", "nämndens ordförande") in found
    assert ("miljönämnden", "delegatesTo", "vice ordförande") in found
    assert found.count(("miljönämnden", "delegatesTo", "arbetsutskott")) == 2  # one per listed matter
    assert ("miljönämnden", "delegatesTo", "miljöchef") in found
    assert ("miljöchef", "delegatesTo", "inspektör") in found
    assert ("inspektör", "reportsTo", "miljöchef") in found
    assert ("arbetsutskott", "reportsTo", "nämnden") in found
    assert len([f for f in found if f[1] == "reportsTo"]) == 2  # "anmäls inte" reports nothing
    # "Delegaten anmäler sina beslut till nämnden": the generic delegate reports (the rules read "anmäler till")


def test_the_provision_each_delegation_rests_on():
    found = candidates(PROSE)
    urgent = [c for c in found if "brådskande" in c.quote]
    assert {c.legal_basis for c in urgent} == {KL + "k_6-p_39"}
    further = next(c for c in found if c.object.label == "inspektör")
    assert further.legal_basis == KL + "k_7-p_6" and further.subject.label == "miljöchef"
    # a basis is given only where the document cites that provision
    assert next(c for c in found if c.object.label == "miljöchef").legal_basis is None


def test_urgent_decisions_go_to_the_chair_and_the_substitute_and_are_reported():
    text = """Reglemente för servicenämnden

Ordföranden, och vid förfall vice ordföranden, får fatta beslut i ärenden som är så brådskande att nämndens sammanträde inte kan avvaktas. Sådana beslut ska anmälas vid nämndens nästa sammanträde.
"""
    assert facts(text) == [("nämnden", "delegatesTo", "ordförande"), ("nämnden", "delegatesTo", "vice ordförande"),
                           ("ordförande", "reportsTo", "nämnden")]


@pytest.mark.parametrize("sentence,expected", [
    ("Kommunfullmäktige överlåter åt kommunstyrelsen att besluta om markbyten.",
     ("kommunfullmäktige", "delegatesTo", "kommunstyrelsen")),
    ("Valnämnden har uppdragit åt valsamordnaren att besluta om förtidsröstning.",
     ("valnämnden", "delegatesTo", "valsamordnare")),
    ("Kanslichefen beslutar på valnämndens vägnar om lokaler.",
     ("valnämnden", "delegatesTo", "kanslichef")),
    ("Beslut om tjänstledighet fattas av HR-chefen enligt valnämndens delegationsordning.",
     ("valnämnden", "delegatesTo", "hr-chef")),
    ("Styrelsen uppdrar åt en anställd att besluta på styrelsens vägnar.",
     ("styrelsen", "delegatesTo", "en anställd")),
    ("I ärenden som är så brådskande att valnämndens avgörande inte kan avvaktas beslutar ordföranden.",
     ("valnämnden", "delegatesTo", "ordförande")),
    ("Ordföranden får på valnämndens vägnar besluta om lokaler.", ("valnämnden", "delegatesTo", "ordförande")),
    ("Beslutanderätten i ärenden om gatunamn överlåts till gatuchefen.", ("styrelsen", "delegatesTo", "gatuchef")),
    ("Delegat är kanslichefen.", ("styrelsen", "delegatesTo", "kanslichef")),
])
def test_delegation_sentences(sentence, expected):
    assert expected in facts(sentence)


@pytest.mark.parametrize("sentence", [
    "Ett ärende som ett utskott får besluta i ska lämnas över till styrelsen om två ledamöter begär det.",
    "Nämnden beslutar själv om taxor.",
    "Delegerad beslutanderätt får inte användas i ärenden av principiell betydelse.",
    "Enligt lagen kan beslutanderätten lämnas till en anställd.",
])
def test_sentences_that_delegate_nothing(sentence):
    assert facts(sentence, "delegatesTo") == []


def test_the_delegating_body_is_the_title_s_organ_else_the_board():
    own = "Delegationsordning för socialnämnden\n\nNr | Ärende | Delegat\n1 | Beslut om bistånd | Enhetschef\n"
    assert facts(own) == [("socialnämnden", "delegatesTo", "enhetschef")]
    plain = "Delegationsordning\n\nNr | Ärende | Delegat\n1 | Beslut om bistånd | Enhetschef\n"
    assert [s for s, _, _ in facts(plain)] == ["styrelsen"]


def test_what_a_delegated_matter_says_of_its_delegate():
    text = """Delegationsordning för kommunstyrelsen

Nr | Ärende | Delegat | Anmärkning
1 | Anställning och entledigande av enhetschef | Förvaltningschef | Efter samråd med personalchefen
2 | Anställningsavtal med förvaltningschef | Kommunstyrelsens ordförande |
3 | Beslut om stängning av badhus | Fritidschef | Nämndens ordförande informeras
"""
    found = set(facts(text, None)) | {(c.subject.label, c.predicate, c.object.label)
                                       for c in ingest_text(normalise(text), "x").candidates}
    assert ("förvaltningschef", "appoints", "enhetschef") in found
    assert ("förvaltningschef", "terminatesEmploymentOf", "enhetschef") in found
    assert ("förvaltningschef", "consults", "personalchef") in found
    assert ("kommunstyrelsens ordförande", "signsEmploymentContractOf", "förvaltningschef") in found
    assert ("fritidschef", "informs", "nämndens ordförande") in found
    assert not any(p == "appoints" and s == "fritidschef" for s, p, _ in found)


def test_a_heading_naming_a_post_gives_it_the_list_below():
    text = """Delegationsordning för kulturnämnden

Kulturchefen

- bidrag till föreningar inom ram,
- lån av konst till andra museer.

Ekonomi

- 2. Avgifter
"""
    assert facts(text) == [("kulturnämnden", "delegatesTo", "kulturchef")] * 2
