"""Each relation rule and clause construction on made-up Swedish sentences (never a seed's).

A sentence is ingested on its own; the test names the (subject class, predicate, object
class) triples it must give, and for the constructions that move a subject, which
subject.
"""
from __future__ import annotations

import pytest

from styrgraf.ingest import clauses
from styrgraf.ingest.lexicon import find_mentions
from styrgraf.ingest.normalise import normalise
from styrgraf.ingest.pipeline import ingest_text


def triples(text: str) -> set[tuple[str, str, str]]:
    result = ingest_text(normalise(text), "x")
    return {(c.subject.cls, c.predicate, c.object.cls) for c in result.candidates}


def labelled(text: str) -> set[tuple[str, str, str]]:
    result = ingest_text(normalise(text), "x")
    return {(c.subject.label, c.predicate, c.object.label) for c in result.candidates}


def test_coordinated_subjects_share_the_relation():
    found = labelled("Regiondirektören och regionstyrelsens ordförande ansvarar gemensamt för att planen revideras.\n")
    subjects = {s for s, p, _ in found if p == "hasResponsibility"}
    assert subjects == {"regiondirektör", "regionstyrelsens ordförande"}


def test_coordinated_objects_are_not_subjects():
    text = "Direktören informerar nämnden och styrelsen om läget."
    mentions = find_mentions(text)
    assert clauses.co_subjects(text, 0, len(text), mentions, mentions[0].term) == []


def test_a_relative_clause_takes_its_antecedent_as_subject():
    found = triples("Direktören leder arbetet genom enhetscheferna, som i sin tur kommunicerar med medarbetarna.\n")
    assert ("Manager", "communicatesWith", "Employee") in found
    assert ("Director", "communicatesWith", "Employee") not in found


def test_och_tvartom_reads_the_channel_both_ways():
    found = triples("Enhetschefen har kontakt med förvaltningschefen och tvärtom.\n")
    assert {("Manager", "communicatesWith", "HeadOfAdministration"),
            ("HeadOfAdministration", "communicatesWith", "Manager")} <= found


@pytest.mark.parametrize("sentence,duty", [
    ("Förvaltningschefen ska verka för en god arbetsmiljö.", True),
    ("Förvaltningschefen skall årligen upprätta en plan för kompetensutveckling.", True),
    ("Förvaltningschefen har att företräda nämnden i samverkansfrågor.", True),
    ("Förvaltningschefen ska på ett strukturerat sätt följa kostnaderna.", True),  # an adverbial phrase between
    ("Förvaltningschefen har att som arbetsgivarens företrädare teckna avtalen.", True),
    ("Förvaltningschefen ska inte ingripa i enskilda ärenden.", False),  # a ban, not a duty
    ("Planen ska revideras varje år.", False),  # no actor
])
def test_a_modal_verb_and_an_infinitive_is_a_duty(sentence, duty):
    assert (("HeadOfAdministration", "hasResponsibility", "Responsibility") in triples(sentence + "\n")) is duty


def test_a_specific_cue_wins_over_the_bare_duty():
    found = ingest_text(normalise("Förvaltningschefen ska biträda nämnden i budgetarbetet.\n"), "x").candidates
    assert {c.predicate for c in found} == {"assists"}


def test_a_heading_naming_whose_duties_follow_gives_the_subject():
    found = labelled("Regiondirektörens uppdrag\n\n- Samordna arbetet med regionens budget.\n\n"
                     "- Biträda regionstyrelsen i dess uppsikt över nämnderna.\n")
    assert ("regiondirektör", "assists", "regionstyrelsen") in found
    assert ("regiondirektör", "hasResponsibility") in {(s, p) for s, p, _ in found}


def test_an_item_that_opens_with_its_verb_takes_the_lead_ins_subject():
    found = triples("Förvaltningschefen ska:\n\n- Biträder nämnden i beredningen av ärenden.\n\n"
                    "- Att vara chef över enhetscheferna.\n")
    assert {("HeadOfAdministration", "assists", "Committee"), ("HeadOfAdministration", "managerOf", "Manager")} <= found
    assert not any(s in ("Committee", "Manager") for s, _, _ in found)


@pytest.mark.parametrize("sentence,expected", [
    # directs: who gives the assignment
    ("Förvaltningschefen får sitt uppdrag från nämnden.", ("Committee", "directs", "HeadOfAdministration")),
    ("Regiondirektören företräder regionen på regionstyrelsens uppdrag.", ("ExecutiveBoard", "directs", "Director")),
    ("Förvaltningschefen ska utföra de uppdrag som nämnden ger.", ("Committee", "directs", "HeadOfAdministration")),
    ("Nämnden är uppdragsgivare för förvaltningschefen.", ("Committee", "directs", "HeadOfAdministration")),
    # a ban (prohibition)
    ("Enskilda förtroendevalda får inte styra tjänstepersoner i enskilda ärenden.",
     ("ElectedRepresentative", "mayNotDirect", "Official")),
    # membership
    ("Förtroendevalda som sitter i nämnden ska delta i utbildningen.", ("ElectedRepresentative", "memberOf", "Committee")),
    # informs
    ("Förvaltningschefen rapporterar löpande till nämnden.", ("HeadOfAdministration", "informs", "Committee")),
    ("Förvaltningschefen ska se till att nämnden får information om avvikelser.", ("HeadOfAdministration", "informs", "Committee")),
    # prepares
    ("Förvaltningschefen ska se till att nämnden får underlag i god tid.",
     ("HeadOfAdministration", "preparesMattersFor", "Committee")),
    ("Förvaltningschefen tar fram beslutsunderlag till nämndens sammanträden.",
     ("HeadOfAdministration", "preparesMattersFor", "Committee")),
    # presents
    ("Regiondirektören är föredragande vid regionstyrelsens och arbetsutskottets sammanträden.",
     ("Director", "presentsMattersAt", "WorkingCommittee")),
    # manages
    ("Förvaltningschefen leder genom sina enhetschefer.", ("HeadOfAdministration", "managerOf", "Manager")),
    # channels
    ("Förvaltningschefen ska vara länken mellan nämnden och medarbetarna.", ("Employee", "communicatesWith", "HeadOfAdministration")),
    ("Arbetsplatsträffar hålls regelbundet mellan enhetschefen och medarbetarna.", ("Manager", "communicatesWith", "Employee")),
    # duties stated by a present-tense verb (only where nothing else is said)
    ("Förvaltningschefen beslutar om organisationen inom förvaltningen.",
     ("HeadOfAdministration", "hasResponsibility", "Responsibility")),
    ("Förvaltningschefen har arbetsmiljöansvaret för enhetens lokaler.",
     ("HeadOfAdministration", "hasResponsibility", "Responsibility")),
])
def test_each_rule_on_a_made_up_sentence(sentence, expected):
    assert expected in triples(sentence + "\n")


def test_objects_are_the_first_mention_and_those_coordinated_with_it():
    found = triples("Direktören ska biträda regionstyrelsen och nämnderna i arbetet med de regionala bolagen.\n")
    assert {("Director", "assists", "ExecutiveBoard"), ("Director", "assists", "Committee")} <= found
    assert ("Director", "assists", "MunicipalCompany") not in found


def test_a_ban_is_a_prohibition():
    candidates = ingest_text(normalise("Förtroendevalda får heller inte påverka tjänstepersoner i enskilda ärenden.\n"),
                             "x").candidates
    ban = next(c for c in candidates if c.predicate == "mayNotDirect")
    assert ban.modality == "prohibition"


def test_in_whose_assignment_a_duty_lies_is_the_subject():
    found = triples("Direktören leder förvaltningen. I regionstyrelsens ordförandes uppdrag ingår att hålla "
                    "utvecklingssamtal med regiondirektören.\n")
    assert ("Chair", "communicatesWith", "Director") in found


def test_answering_to_is_no_responsibility_and_noticing_that_informs_no_one():
    found = triples("Förvaltningschefen ansvarar inför nämnden. Förvaltningschefen ska uppmärksamma att "
                    "bemötandet av allmänheten är gott.\n")
    assert ("HeadOfAdministration", "reportsTo", "Committee") in found
    assert not any(p == "informs" for _, p, _ in found)
    assert ("HeadOfAdministration", "hasResponsibility", "Responsibility") not in {
        t for t in triples("Förvaltningschefen ansvarar inför nämnden.\n")}


def test_a_relative_clause_chain_and_its_reverse():
    found = triples("Medarbetaren kontaktar enhetschefen som kontaktar förvaltningschefen och tvärtom.\n")
    assert {("Employee", "communicatesWith", "Manager"), ("Manager", "communicatesWith", "HeadOfAdministration"),
            ("HeadOfAdministration", "communicatesWith", "Manager")} <= found
    assert ("Employee", "communicatesWith", "HeadOfAdministration") not in found


def test_an_indirect_question_states_no_duty():
    assert triples("Hur förvaltningschefen ska leda arbetet beskrivs i en särskild instruktion.\n") == set()


def test_between_a_genitive_and_its_head_the_head_is_the_party():
    found = triples("Samarbetet mellan nämndens ordförande och förvaltningschefen ska vara nära.\n")
    assert ("Chair", "communicatesWith", "HeadOfAdministration") in found
    assert not any("Committee" in (s, o) for s, _, o in found)


def test_inflections_match_but_other_words_sharing_a_prefix_do_not():
    from styrgraf.ingest.nodes import inflected, overlap, words
    assert inflected("nämnd", "nämnderna") and inflected("styrelse", "styrelsens")
    assert not inflected("direkt", "direktörer")
    assert overlap("övriga nämnder", words("nämnd")) == (1, -1)
    assert overlap("kommundirektör", words("direkt underställda"))[0] == 0


def test_a_generic_term_leaves_a_node_to_the_more_specific_term():
    from styrgraf.ingest.model import Node
    from styrgraf.ingest.nodes import Resolver
    existing = {"Chair": [Node("x/kso", "regionstyrelsens ordförande", "Chair", new=False),
                          Node("x/ordf", "ordförande i nämnderna", "Chair", new=False)]}
    text = "Regionstyrelsens ordförande och ordföranden, som leder nämnderna, träffas."
    resolver = Resolver("x", find_mentions(text), existing)
    chairs = {k: n.iri for k, n in resolver.nodes.items() if n.cls == "Chair"}
    assert chairs == {"ordforande-styrelsen": "x/kso", "ordforande": "x/ordf"}


def test_the_patient_of_a_passive_verb_is_not_the_one_who_acts():
    assert not any(p == "consults" for _, p, _ in triples("Enhetscheferna rekryteras i samråd med nämnden.\n"))
    assert ("HeadOfAdministration", "consults", "Committee") in triples(
        "Förvaltningschefen rekryterar enhetschefer i samråd med nämnden.\n")
    assert ("ExternalParty", "communicatesWith", "Employee") in triples(  # "brukarnas" is a genitive, not a passive
        "Medborgarna/brukarnas kontakter ska i första hand gå via medarbetaren.\n")


def test_a_post_named_by_its_title_is_that_post():
    found = triples("Tjänsteperson med titeln förvaltningschef anställs av nämnden.\n")
    assert ("Committee", "appoints", "HeadOfAdministration") in found
    assert not any("Official" in (s, o) for s, _, o in found)


# Rules written from general Swedish governance language (kommunallagen, typical reglementen and
# delegationsordningar), each on made-up sentences: the kinds that only one seed words.
@pytest.mark.parametrize("sentence,expected", [
    ("Förvaltningschefen föredrar ärenden inför nämnden.", ("HeadOfAdministration", "presentsMattersAt", "Committee")),
    ("Direktören ansvarar för föredragningen vid styrelsens sammanträden.", ("Director", "presentsMattersAt", "ExecutiveBoard")),
    ("Förvaltningschefen ska ge nämnden råd och stöd i verksamhetsfrågor.", ("HeadOfAdministration", "advises", "Committee")),
    ("Enhetschefen lämnar råd till medarbetarna.", ("Manager", "advises", "Employee")),
    ("Direktören bistår styrelsen med råd.", ("Director", "advises", "ExecutiveBoard")),
    ("Förvaltningschefen ska vara rådgivare åt nämnden.", ("HeadOfAdministration", "advises", "Committee")),
    ("Förvaltningschefen ingår i ledningsgruppen.", ("HeadOfAdministration", "memberOf", "SeniorOfficial")),
    ("Ordföranden är ledamot i arbetsutskottet.", ("Chair", "memberOf", "WorkingCommittee")),
    ("Förvaltningschefen har personalansvar för enhetscheferna.", ("HeadOfAdministration", "hasEmployerResponsibilityFor", "Manager")),
    ("Nämnden är anställningsmyndighet för förvaltningschefen.", ("Committee", "hasEmployerResponsibilityFor", "HeadOfAdministration")),
    ("Nämnden får skilja förvaltningschefen från anställningen.", ("Committee", "terminatesEmploymentOf", "HeadOfAdministration")),
    ("Beslut om uppsägning av förvaltningschefen fattas av nämnden.", ("Committee", "terminatesEmploymentOf", "HeadOfAdministration")),
    ("Förvaltningschefen entledigas av nämnden.", ("Committee", "terminatesEmploymentOf", "HeadOfAdministration")),
    ("Direktören tecknar anställningsavtal med förvaltningscheferna.", ("Director", "signsEmploymentContractOf", "HeadOfAdministration")),
    ("Förvaltningschefen beslutar genom delegation från nämnden.", ("Committee", "delegatesTo", "HeadOfAdministration")),
    ("Enhetschefen beslutar på nämndens vägnar i ärenden om ledighet.", ("Committee", "delegatesTo", "Manager")),
    ("Nämnden har delegerat beslutanderätten i personalfrågor till förvaltningschefen.", ("Committee", "delegatesTo", "HeadOfAdministration")),
    ("Nämnden får uppdra åt förvaltningschefen att besluta i vissa ärenden.", ("Committee", "delegatesTo", "HeadOfAdministration")),
    ("Styrelsen ger direktiv till direktören.", ("ExecutiveBoard", "directs", "Director")),
    ("Förvaltningschefen föreslår nämnden att besluta om en ny taxa.", ("HeadOfAdministration", "proposesTo", "Committee")),
    ("Nämnden får väcka ärenden i fullmäktige.", ("Committee", "proposesTo", "Assembly")),
    ("Förvaltningschefen återkopplar till nämnden efter varje kvartal.", ("HeadOfAdministration", "informs", "Committee")),
    ("Förvaltningschefen ska genomföra nämndens beslut.", ("HeadOfAdministration", "executesDecisionsOf", "Committee")),
    ("Förvaltningschefen samverkar med andra kommuner.", ("HeadOfAdministration", "communicatesWith", "ExternalParty")),
    ("Direktören träffar förvaltningscheferna varje vecka.", ("Director", "communicatesWith", "HeadOfAdministration")),
])
def test_each_general_rule_on_a_made_up_sentence(sentence, expected):
    assert expected in triples(sentence + "\n")


@pytest.mark.parametrize("sentence", [
    "Ledningsgruppen består av direktören och förvaltningscheferna.",
    "I ledningsgruppen ingår direktören och förvaltningscheferna.",
])
def test_the_members_a_group_consists_of_are_the_subjects(sentence):
    found = triples(sentence + "\n")
    assert {("Director", "memberOf", "SeniorOfficial"), ("HeadOfAdministration", "memberOf", "SeniorOfficial")} <= found
    assert not any(s == "SeniorOfficial" for s, _, _ in found)


def test_a_duty_within_an_assignment_is_no_membership():
    assert not any(p == "memberOf" for _, p, _ in triples("I nämndens uppdrag ingår att följa upp verksamheten.\n"))


def test_advice_without_an_addressee_names_no_one():
    assert not any(p == "advises" for _, p, _ in triples("Förvaltningschefen lämnar råd vid behov.\n"))


def test_a_duty_within_an_assignment_with_a_party_is_no_membership():
    found = triples("I nämndens ordförandes uppdrag ingår att hålla utvecklingssamtal med förvaltningschefen.\n")
    assert not any(p == "memberOf" for _, p, _ in found)


def test_politically_made_decisions_are_those_of_each_political_organ_the_document_names():
    found = triples("Fullmäktige, styrelsen och nämnderna fattar beslut. "
                    "Tjänstepersonerna ska verkställa politiskt fattade beslut.\n")
    assert {("Official", "executesDecisionsOf", cls) for cls in ("Assembly", "ExecutiveBoard", "Committee")} <= found


def test_a_table_of_contents_lists_no_duties():
    text = ("Regiondirektörens ansvar omfattar följande områden:\n\n- Ekonomiskt ansvar\n\n- Säkerhetsansvar\n\n"
            "Ekonomiskt ansvar\n\nRegiondirektören ansvarar för budgetprocessen.\n\nSäkerhetsansvar\n\n"
            "Regiondirektören ansvarar för säkerhetsskyddet.\n")
    quotes = {c.quote for c in ingest_text(normalise(text), "x").candidates}
    assert quotes == {"Regiondirektören ansvarar för budgetprocessen.", "Regiondirektören ansvarar för säkerhetsskyddet."}


def test_the_sentences_after_an_items_first_explain_it():
    text = "Förvaltningschefen ska\n\n- Följa upp verksamheten. Med uppföljning menas en årlig rapport.\n"
    quotes = {c.quote for c in ingest_text(normalise(text), "x").candidates}
    assert quotes == {"Följa upp verksamheten."}


def test_state_and_regional_bodies_are_two_parties():
    found = labelled("Direktören har kontakter med statliga organ och regionala organ.\n")
    assert {("direktör", "communicatesWith", "statliga organ"), ("direktör", "communicatesWith", "regionala organ")} <= found


def test_everyones_duties_are_those_of_each_party_the_lead_ins_named():
    text = ("Nämndens roll är\n\n- Att besluta om mål.\n\nTjänsteorganisationen ska\n\n- Verkställa beslut.\n\n"
            "Allas ansvar tillsammans är att\n\n- Respektera fattade beslut\n\n"
            "Alla har ett gemensamt ansvar att hänvisa frågor rätt.\n")
    found = {(s, q) for s, p, q in ((c.subject.label, c.predicate, c.quote)
                                    for c in ingest_text(normalise(text), "x").candidates) if p == "hasResponsibility"}
    assert {("nämnden", "Respektera fattade beslut"), ("tjänsteorganisationen", "Respektera fattade beslut"),
            ("nämnden", "Alla har ett gemensamt ansvar att hänvisa frågor rätt."),
            ("tjänsteorganisationen", "Alla har ett gemensamt ansvar att hänvisa frågor rätt.")} <= found
    assert ("nämnden", "Verkställa beslut.") not in found


def test_whose_duty_a_genitive_before_ansvar_names():
    found = labelled("Det är varje enhetschefs och medarbetares ansvar att följa rutinen.\n")
    assert {s for s, p, _ in found if p == "hasResponsibility"} == {"enhetschef", "medarbetare"}


def test_after_a_fronted_clause_the_subject_follows_the_verb():
    text = ("För att stödja förvaltningschefen, ska kommunen som arbetsgivare erbjuda följande:\n\n"
            "- individuell kompetensutveckling.\n")
    found = labelled(text)
    assert ("kommunen som arbetsgivare", "assists", "förvaltningschef") in found
    assert ("kommunen som arbetsgivare", "hasResponsibility", "individuell kompetensutveckling") in found


def test_examples_after_saasom_are_the_parties():
    found = labelled("Direktören ska ha kontakter i forum där tjänstemän möts, såsom näringsliv, akademi och media.\n")
    assert {o for s, p, o in found if p == "communicatesWith"} == {"näringsliv", "akademi", "media"}


def test_a_parenthesis_after_a_mention_explains_it_and_coordination_goes_on():
    found = labelled("Medarbetaren har dialog med brukare (invånare och företag) samt med enhetschefen.\n")
    assert {o for s, p, o in found if p == "communicatesWith"} == {"brukare", "enhetschef"}


def test_decisions_without_an_owner_are_those_of_whom_the_post_answers_to():
    found = labelled("Direktören svarar inför regionstyrelsen.\n\nDirektören ansvarar för att beslut verkställs.\n")
    assert ("direktör", "executesDecisionsOf", "regionstyrelsen") in found
    assert not any(p == "executesDecisionsOf" for _, p, _ in labelled("Direktören ansvarar för att beslut verkställs.\n"))


def test_after_a_fronted_adverbial_without_comma_the_subject_follows_the_verb():
    found = labelled("Enligt rutinen ska enhetschefen ha kontakt med medarbetarna.\n")
    assert ("enhetschef", "communicatesWith", "medarbetare") in found


def test_a_sentence_with_a_noun_subject_of_its_own_does_not_inherit_the_last_subject():
    found = labelled("Nämnden ska anta en plan. Planen ska också fastställa målen för arbetet.\n")
    assert {o for s, p, o in found if p == "hasResponsibility"} == {"anta en plan"}  # the duty keeps its verb


def test_a_compound_names_the_node_of_its_head():
    from styrgraf.ingest.nodes import overlap
    assert overlap("tjänsteorganisationen", {"organisationen"})[0] == 1
    assert overlap("nämndsordförande", {"ordförande"})[0] == 0  # a short head is a post of its own


@pytest.mark.parametrize("surface,label", [("medarbetarna", "medarbetare"), ("regiondirektörens", "regiondirektör"),
                                           ("förvaltningscheferna", "förvaltningschef"), ("brukarna", "brukare")])
def test_a_new_nodes_label_is_the_base_form(surface, label):
    from styrgraf.ingest.lexicon import lemma_label
    assert [lemma_label(m) for m in find_mentions(surface)] == [label]


def test_informing_each_other_under_a_heading_naming_two_posts_runs_both_ways():
    found = triples("Samspelet mellan regiondirektören och regionstyrelsens ordförande\n\n"
                    "Verktygen är att informera varandra.\n")
    assert {("Director", "informs", "Chair"), ("Chair", "informs", "Director")} <= found


def test_the_office_under_the_board_in_the_words_of_kommunallagen():
    found = triples("Direktören ska vara chef för den förvaltning som finns under styrelsen.\n")
    assert ("Director", "managerOf", "AdministrativeUnit") in found
    assert [m.term.key for m in find_mentions("den närmaste chefens chef")] == ["overordnad-chef"]


def test_the_verb_of_an_att_clause_has_the_att_clauses_subject():
    found = labelled("I planen anges att regiondirektören utser enhetscheferna.\n")
    assert found == {("regiondirektör", "appoints", "enhetschef")}


def test_a_role_heading_names_where_the_duties_below_are_done():
    found = triples("Regiondirektörens roll i regionfullmäktige\n\nRegiondirektören får delta i överläggningen.\n")
    assert ("Director", "hasRightToSpeakIn", "Assembly") in found
