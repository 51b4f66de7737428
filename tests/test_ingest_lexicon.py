"""Who a text names: the lexicon's titles, organs and posts, the document's own definitions,
and the nodes they become. Every sentence here is made up; no organisation is named."""
from __future__ import annotations

import pytest

from styrgraf.ingest.gold import GoldActor, GoldDocument
from styrgraf.ingest.lexicon import TERMS, document_terms, find_mentions, lemma_label
from styrgraf.ingest.normalise import normalise
from styrgraf.ingest.pipeline import ingest_text


def mentions(text: str) -> list[tuple[str, str, str, str]]:
    """(surface, key, class, label) of every mention, the document's definitions included."""
    return [(m.text, m.term.key, m.term.cls, lemma_label(m)) for m in find_mentions(text, TERMS + document_terms(text))]


def one(text: str) -> tuple[str, str, str]:
    found = mentions(text)
    assert len(found) == 1, found
    return found[0][1:]


@pytest.mark.parametrize("surface,label", [
    ("kommundirektören", "kommundirektör"), ("Kommunchefen", "kommunchef"), ("stadsdirektören", "stadsdirektör"),
    ("regiondirektör", "regiondirektör"), ("landstingsdirektören", "landstingsdirektör"), ("direktören", "direktör"),
    ("kommunens högsta tjänsteperson", "kommunens högsta tjänsteperson")])
def test_every_title_of_the_director_is_the_director(surface, label):
    assert one(f"Ärendet går till {surface} i god tid.") == ("direktor", "Director", label)


def test_the_director_is_not_the_senior_officials():
    assert one("Andra direktörer finns också.")[:2] == ("direktorer", "SeniorOfficial")


@pytest.mark.parametrize("surface,label,cls", [
    ("förvaltningscheferna", "förvaltningschef", "HeadOfAdministration"),
    ("sektorchefen", "sektorchef", "HeadOfAdministration"),
    ("verksamhetschefen", "verksamhetschef", "HeadOfAdministration"),
    ("förvaltningsdirektören", "förvaltningsdirektör", "HeadOfAdministration"),
    ("ekonomichefen", "ekonomichef", "SeniorOfficial"),
    ("HR-chefen", "hr-chef", "SeniorOfficial"),
    ("chefsjuristen", "chefsjurist", "SeniorOfficial"),
    ("kulturchefen", "kulturchef", "Manager"),
    ("enhetschefen", "enhetschef", "Manager"),
    ("kommunsekreteraren", "kommunsekreterare", "Official"),
    ("handläggaren", "handläggare", "Official"),
])
def test_a_titled_official_is_a_post_of_its_own_named_by_the_title(surface, label, cls):
    key, found_cls, found_label = one(f"Frågan bereds av {surface} före mötet.")
    assert (found_cls, found_label) == (cls, label)


def test_two_titles_are_two_nodes_and_inflections_one():
    found = mentions("Ekonomichefen och personalchefen samråder. Ekonomichefens förslag går vidare.")
    keys = [key for _, key, _, _ in found]
    assert keys[0] == keys[2] != keys[1]


def test_named_committees_are_distinct_committees_beside_the_generic_one():
    found = mentions("Socialnämnden, barn- och utbildningsnämnden och tekniska nämnden lyder under fullmäktige, "
                     "liksom övriga nämnder. Kulturnämndens ordförande kallar.")
    by_text = {text: (key, cls, label) for text, key, cls, label in found}
    assert by_text["Socialnämnden"] == ("namnd:socialnamnd", "Committee", "socialnämnden")
    assert by_text["barn- och utbildningsnämnden"][2] == "barn- och utbildningsnämnden"
    assert by_text["tekniska nämnden"][2] == "tekniska nämnden"
    assert by_text["nämnder"][0] == "namnd"
    assert by_text["Kulturnämndens ordförande"][:2] == ("ordforande:kulturnamnd", "Chair")


def test_a_plural_of_a_named_kind_of_committee_keeps_its_plural():
    assert one("Driftnämnderna får sina uppdrag i budgeten.") == ("namnd:driftnamnd", "Committee", "driftnämnderna")


@pytest.mark.parametrize("surface,key,cls,label", [
    ("personalutskottet", "utskott:personalutskott", "WorkingCommittee", "personalutskottet"),
    ("arbetsutskottet", "arbetsutskott", "WorkingCommittee", "arbetsutskott"),
    ("utskottet", "utskott", "WorkingCommittee", "utskott"),
    ("valberedningen", "beredning:valberedning", "WorkingCommittee", "valberedningen"),
    ("budgetberedningens", "beredning:budgetberedning", "WorkingCommittee", "budgetberedningen"),
    ("fullmäktiges presidium", "presidium:fullmaktige", "WorkingCommittee", "fullmäktiges presidium"),
    ("presidiet", "presidium", "WorkingCommittee", "presidiet"),
    ("krisledningsnämnden", "krisledningsnamnd", "CrisisCommittee", "krisledningsnämnden"),
    ("nämnderna", "namnd", "Committee", "nämnderna"),
    ("nämndens", "namnd", "Committee", "nämnden"),
    ("sektorerna", "sektor", "AdministrativeUnit", "sektorn"),
    ("räddningstjänstförbundet", "forbund:raddningstjanstforbund", "FederationOfMunicipalities",
     "räddningstjänstförbundet"),
    ("kommunalförbundet", "kommunalforbund", "FederationOfMunicipalities", "kommunalförbund"),
    ("stadsledningskontoret", "kontor:stadsledningskontor", "AdministrativeUnit", "stadsledningskontoret"),
    ("regionkansliet", "kontor:kansli", "AdministrativeUnit", "regionkansliet"),
    ("miljöförvaltningen", "forvaltning:miljoforvaltning", "AdministrativeUnit", "miljöförvaltningen"),
    ("Ekbo Vatten AB", "bolag:ekbo-vatten-ab", "MunicipalCompany", "Ekbo Vatten AB"),
])
def test_organs_by_name(surface, key, cls, label):
    assert one(f"Ärendet lämnas till {surface} i god tid.") == (key, cls, label)


def test_preparation_of_matters_and_a_trade_union_are_no_organs():
    assert mentions("Ärendeberedningen sker i tid.") == []
    assert mentions("Fackförbundet lämnar synpunkter.") == []


@pytest.mark.parametrize("surface,key,cls", [
    ("förste vice ordföranden", "vice-ordforande:forste", "ElectedRepresentative"),
    ("andre vice ordförande", "vice-ordforande:andre", "ElectedRepresentative"),
    ("vice ordföranden", "vice-ordforande", "ElectedRepresentative"),
    ("oppositionsrådet", "oppositionsrad", "OppositionLeader"),
    ("regionråden", "rad", "ElectedRepresentative"),
    ("gruppledarna", "gruppledare", "ElectedRepresentative"),
    ("de förtroendevalda revisorerna", "revisorer", "ElectedRepresentative"),
    ("ledamöterna", "ledamot", "ElectedRepresentative"),
    ("förtroendevalda", "fortroendevald", "ElectedRepresentative"),
    ("ålderspresidenten", "alderspresident", "ElectedRepresentative"),
    ("ordföranden i en nämnd", "namndsordforande", "Chair"),
    ("ordföranden i regionstyrelsen", "ordforande-styrelsen", "Chair"),
    ("utskottets ordförande", "ordforande:utskott", "Chair"),
    ("beredningarnas ordförande", "ordforande:beredning", "Chair"),
    ("nämndens vice ordförande", "vice-ordforande:namnd", "ElectedRepresentative"),
    ("nämndens ledamöter", "ledamot:namnd", "ElectedRepresentative"),
    ("en annan anställd", "anstalld", "Official"),
])
def test_political_posts(surface, key, cls):
    assert one(f"Frågan tas upp av {surface} i god tid.")[:2] == (key, cls)


def test_a_drafting_committee_named_by_its_field():
    found = mentions("Beredningen för kultur och fritid ska lämna förslag.")
    assert found == [("Beredningen för kultur och fritid", "beredning:kultur-och-fritid", "WorkingCommittee",
                      "beredningen för kultur och fritid")]


def test_the_vice_chair_of_an_organ_in_both_word_orders_is_one_post():
    found = mentions("Vice ordföranden i kommunstyrelsen och kommunstyrelsens vice ordförande är samma person.")
    assert len({key for _, key, _, _ in found}) == 1 and found[0][2] == "ElectedRepresentative"


def test_the_chair_of_an_organ_in_both_word_orders_is_one_post_and_a_copula_keeps_the_organ():
    found = mentions("Ordföranden i valnämnden och valnämndens ordförande är samma person.")
    assert [key for _, key, _, _ in found] == ["ordforande:valnamnd", "ordforande:valnamnd"]
    found = mentions("Regionstyrelsens ordförande är ordförande i personalutskottet.")
    assert [key for _, key, _, _ in found] == ["ordforande-styrelsen", "ordforande", "utskott:personalutskott"]


def test_a_definition_in_parentheses_maps_the_defined_name_to_the_defined_node():
    text = "Miljönämnden (nedan kallad nämnden) ansvarar för tillsynen. Nämnden ska rapportera."
    found = mentions(text)
    assert {key for _, key, _, _ in found} == {"namnd:miljonamnd"}
    assert {label for _, _, _, label in found} == {"miljönämnden"}
    found = mentions("Regionstyrelsen (nedan styrelsen) leder. Styrelsen ska rapportera.")
    assert {key for _, key, _, _ in found} == {"styrelsen"}


def test_an_abbreviation_defined_in_parentheses_or_a_list_is_the_node():
    found = mentions("Kommunchefen (nedan kallad KC) leder arbetet. KC:s ansvar är stort.")
    assert [(text, key) for text, key, _, _ in found] == [("Kommunchefen", "direktor"), ("KC", "direktor"),
                                                          ("KC:s", "direktor")]
    found = mentions("Förkortningar\nKC = kommunchef\nXE  ekonomichef\n\nKC och XE ska samråda.")
    assert [(text, key) for text, key, _, _ in found][-2:] == [("KC", "direktor"), ("XE", "chefstitel:ekonomichef")]


def test_a_title_the_document_gives_maps_to_whom_it_names():
    text = "Förvaltningschefen benämns i detta reglemente områdeschef. Områdeschefen leder arbetet."
    assert {(key, cls) for _, key, cls, _ in mentions(text)} == {("forvaltningschef", "HeadOfAdministration")}
    # a lexicon title the document gives another post is that post in this document
    text = "Den ledande tjänstepersonen, som i denna riktlinje benämns förvaltningschef, leder förvaltningen."
    found = [(key, cls, label) for surface, key, cls, label in mentions(text) if surface == "förvaltningschef"]
    assert found == [("direktor", "Director", "förvaltningschef")]


def test_what_defines_nothing_is_left_alone():
    found = mentions("Nämnderna, bland dem socialnämnden (nedan kallade nämnderna), ska samverka (se avsnitt 2).")
    assert [key for _, key, _, _ in found] == ["namnd", "namnd:socialnamnd", "namnd"]


def test_a_new_nodes_label_lets_the_gold_match_as_a_reader_would():
    text = normalise("Instruktion för kommunchefen\n\nKommunstyrelsen anställer kommunchefen.\n\nKommunchefen ska "
                     "samråda med ekonomichefen och med kulturnämndens ordförande.\n")
    result = ingest_text(text, "x")
    labels = {n.label: n.cls for n in result.nodes.values() if n.cls != "Responsibility"}
    assert labels["kommunchef"] == "Director" and labels["ekonomichef"] == "SeniorOfficial"
    actors = {"kc": GoldActor("kc", "kommunchef", "Director", ["kommunchefen"]),
              "ec": GoldActor("ec", "ekonomichef", "SeniorOfficial", ["ekonomichefen"]),
              "ko": GoldActor("ko", "kulturnämndens ordförande", "Chair", ["kulturnämndens ordförande"]),
              "ks": GoldActor("ks", "kommunstyrelsen", "ExecutiveBoard", ["kommunstyrelsen"])}
    gold = GoldDocument("x", "instruktion", text, actors, [])
    by_label = {n.label: gold.actors_of(n) for n in result.nodes.values() if n.cls != "Responsibility"}
    assert by_label["kommunchef"] == {"kc"} and by_label["ekonomichef"] == {"ec"}
    assert by_label["kulturnämndens ordförande"] == {"ko"}


def test_the_members_of_an_organ_are_a_post_where_they_are_the_subject_not_where_they_are_chosen():
    found = mentions("Ersättare i valnämnden får närvara. Fullmäktige utser ledamöter i valnämnden.")
    assert [(text, key) for text, key, _, _ in found] == [
        ("Ersättare i valnämnden", "ersattare:valnamnd"), ("Fullmäktige", "fullmaktige"),
        ("ledamöter", "ledamot"), ("valnämnden", "namnd:valnamnd")]


def test_a_short_name_in_parentheses_of_the_same_kind_is_a_definition():
    found = mentions("Miljönämnden (nämnden) ansvarar för tillsynen. Nämnden ska rapportera.")
    assert {key for _, key, _, _ in found} == {"namnd:miljonamnd"}
    found = mentions("Miljönämnden (kontrollen) ansvarar.")  # a word of another kind defines nothing
    assert [key for _, key, _, _ in found] == ["namnd:miljonamnd"]


def test_an_abbreviation_is_labelled_by_the_words_it_stands_for():
    found = mentions("Regionstyrelsens ordförande (nedan kallad RSO) och RSO:s ersättare.")
    assert [(text, label) for text, _, _, label in found][:3] == [
        ("Regionstyrelsens ordförande", "regionstyrelsens ordförande"), ("RSO", "regionstyrelsens ordförande"),
        ("RSO:s", "regionstyrelsens ordförande")]


def test_a_counted_number_of_members_is_the_size_of_an_organ_not_a_party():
    assert [key for _, key, _, _ in mentions("Utskottet består av fem ledamöter.")] == ["utskott"]
    assert [key for _, key, _, _ in mentions("Ledamöterna möter fullmäktige.")] == ["ledamot", "fullmaktige"]


def test_a_committees_administration_in_both_word_orders_is_one_unit():
    found = mentions("Förvaltningen under kulturnämnden och kulturnämndens förvaltning är samma enhet.")
    assert [(key, cls) for _, key, cls, _ in found] == [("forvaltning:kulturnamnd", "AdministrativeUnit")] * 2
    found = mentions("Direktören är chef för den förvaltning som lyder under kommunstyrelsen.")
    assert [key for _, key, _, _ in found][-1] == "styrelsens-forvaltning"


def test_the_lexicons_abbreviations_name_the_organisations_kind():
    found = mentions("Ärendet går från RS till RF, och KSO får en kopia.")
    assert [(key, label) for _, key, _, label in found] == [
        ("styrelsen", "regionstyrelsen"), ("fullmaktige", "regionfullmäktige"),
        ("ordforande-styrelsen", "kommunstyrelsens ordförande")]
