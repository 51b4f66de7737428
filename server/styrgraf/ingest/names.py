"""The lexicon's named entries: organs and posts that a document names by a title of
their own, each a node of its own ("socialnämnden", "personalutskottet", "ekonomichef").

Swedish names of organs and posts are compounds of a few heads (-nämnd, -utskott,
-beredning, -förvaltning, -kontor, -kansli, -förbund, -chef, -direktör, -sekreterare),
so one pattern per head finds every name, in every inflection. The class follows the
head and, for the chefs and directors, what the first part says: the head of an
administration (förvaltning, sektor, verksamhet), a staff function under the director
(ekonomi, HR, personal, kansli …), or another manager. Nothing names a particular
organisation's bodies.
"""
from __future__ import annotations

from styrgraf.ingest.terms import B, COORD, NOT_COPULA, ORG, W, Term

CHEF_END = r"(?:en|ens|er|erna|ernas|s)?"
DIR_END = r"(?:en|ens|s)?"  # "direktörer" are the senior officials, not the director
# staff functions under the director: their chefs and directors sit in its management team
STAFF = r"(?:ekonomi|finans|hr|personal|kansli|kommunikations|informations|it|digitaliserings|säkerhets|" \
        r"säkerhetsskydds|upphandlings|juridik|lednings|administrativ|planerings|förhandlings)-?"
HEADS = r"(?:förvaltnings|sektors?|verksamhets|områdes|skol|utbildnings|omsorgs)"
NOT_ORGAN = r"(?!ärende|remiss|kapital|egendoms|dokument|arkiv)"  # the preparing or keeping of things
OWNER_GEN = rf"(?:{ORG}?fullmäktiges|revisorernas|beredningarnas|[\wåäö]*(?:utskott|beredning)(?:ens|ets|s)|[\wåäö]+nämnd(?:ens|s))"
ORGAN_IN = rf"(?:{ORG}?fullmäktige|{ORG}?styrelsen|nämnden|{COORD}[\wåäö]+(?:nämnd|utskott|beredning)(?:en|et)?)"
NOT_COUNTED = "".join(rf"(?<!{n} )" for n in ("två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva",
                                              "tolv", "[0-9]"))
# "Ersättare i arbetsutskottet får …" names a post; "utser ledamöter i nämnden" names the nämnd
SENTENCE_START = r"(?:^|(?<=\n)|(?<=[.:] ))"
MEMBERS = (("ledamot", r"ledam(?:ot|oten|öter|öterna)"), ("ersattare", r"ersättar(?:e|na)"),
           ("gruppledare", r"gruppledar(?:e|na)"))

NAMED: list[Term] = [
    # the director under any of its titles: one node, labelled by the title the document uses
    Term("direktor", "direktör", "director", "Director",
         rf"{B}(?P<name>(?:{ORG}|stads)direktör|kommunchef|direktör){DIR_END}{W}", named="post", keyed=False),
    Term("direktor", "direktör", "director", "Director",
         rf"{B}(?:den |{ORG}ens |{ORG}s )?(?:högsta|ledande) tjänsteperson(?:en|ens)?{W}"),
    # the chair of a named organ: "krisledningsnämndens ordförande", "ordföranden i personalutskottet"
    Term("ordforande", "ordförande", "chair", "Chair",
         rf"{B}(?P<name>{OWNER_GEN}) ordförandes?{W}", named="written"),
    Term("ordforande", "ordförande", "chair", "Chair",
         rf"{NOT_COPULA}ordförande(?:n|na)? i (?P<name>{ORG}?fullmäktige|"
         rf"{COORD}[\wåäö]+(?:nämnd|utskott|beredning)(?:en|et)?){W}", named="written"),
    # the vice chairs: of an organ ("kommunstyrelsens vice ordförande", "vice ordföranden i nämnden"), or by rank
    Term("vice-ordforande", "vice ordförande", "vice chair", "ElectedRepresentative",
         rf"{B}(?P<name>{OWNER_GEN}|{ORG}?styrelsens|nämndens) (?:förste |andre )?vice ordförande(?:n|ns|na|nas)?{W}", named="written"),
    Term("vice-ordforande", "vice ordförande", "vice chair", "ElectedRepresentative",
         rf"{NOT_COPULA}(?:förste |andre )?vice ordförande(?:n|na)? i (?P<name>{ORGAN_IN}){W}", named="written"),
    Term("vice-ordforande", "vice ordförande", "vice chair", "ElectedRepresentative",
         rf"{B}(?:(?P<name>förste|andre) )?vice ordförande(?:n|ns|na|nas)?{W}", named="written"),
    # the members of an organ: "nämndens ledamöter", "ersättare i arbetsutskottet", "gruppledarna i fullmäktige"
    *(Term(key, key, "member", "ElectedRepresentative", pattern, named="written") for key, members in MEMBERS
      for pattern in (rf"{B}(?P<name>{OWNER_GEN}|{ORG}?styrelsens|nämndens) {members}{W}",
                      rf"{SENTENCE_START}(?:[\wåäö]+ )?{members} i (?P<name>{ORGAN_IN}|arbetsutskottet){W}")),
    Term("alderspresident", "ålderspresident", "senior member", "ElectedRepresentative",
         rf"{B}ålderspresident(?:en|ens)?{W}"),
    Term("presidium", "presidiet", "presidium", "WorkingCommittee",
         rf"{B}(?P<name>{ORG}?fullmäktiges|{ORG}?styrelsens|nämndens) presidium{W}", named="written"),
    Term("presidium", "presidiet", "presidium", "WorkingCommittee", rf"{B}presidi(?:et|ets|um|er|erna){W}"),
    # named organs, each its own node
    Term("krisledningsnamnd", "krisledningsnämnd", "crisis management committee", "CrisisCommittee",
         rf"{B}(?P<name>krisledningsnämnd)(?:en|ens|s)?{W}", named="en", keyed=False),
    Term("namnd", "nämnd", "committee", "Committee",
         rf"{B}(?P<name>{COORD}[\wåäö]+nämnd|(?:tekniska|gemensamma|sociala|regionala) (?:[\wåäö]+)?nämnd)"
         rf"(?:en|ens|s|er|erna|ernas)?{W}", named="en"),
    Term("utskott", "utskott", "working committee", "WorkingCommittee",
         rf"{B}(?P<name>{COORD}(?!arbets)[\wåäö]+utskott)(?:et|ets|s|en|ens)?{W}", named="et"),
    Term("utskott", "utskott", "working committee", "WorkingCommittee", rf"{B}utskott(?:et|ets|s|en|ens)?{W}"),
    Term("beredning", "beredning", "drafting committee", "WorkingCommittee",
         rf"{B}(?P<name>{COORD}{NOT_ORGAN}[\wåäö]+beredning)(?:en|ens|ar|arna|arnas|s)?{W}", named="en"),
    # "beredningen för folkhälsa och jämlikhet": named by its field
    Term("beredning", "beredning", "drafting committee", "WorkingCommittee",
         rf"{B}beredning(?:en|ens)? för (?P<name>[\wåäö-]+(?: (?:och |samt )?[\wåäö-]+){{0,3}}?)"
         r"(?=\s*[.,;:)\n]|\s+(?:ska|skall|har|är|består|bereder|ansvarar|får|kan|lämnar)\b)", named="written"),
    Term("sektor", "sektor", "sector", "AdministrativeUnit",
         rf"(?<!offentliga )(?<!privata )(?<!ideella ){B}(?P<name>sektor)(?:n|ns|er|erna|ernas)?{W}", named="n", keyed=False),
    Term("anstalld", "anställd", "employee", "Official",
         rf"{NOT_COPULA}(?<!som )(?:annan |en |de )?anställd(?:a|e)?{W}"),
    Term("forvaltning", "förvaltning", "administration", "AdministrativeUnit",
         rf"{B}(?P<name>{COORD}{NOT_ORGAN}[\wåäö]+förvaltning)(?:en|ens|ar|arna|arnas|s)?{W}", named="en"),
    # a committee's administration: "nämndens förvaltning", "förvaltningen under socialnämnden"
    Term("forvaltning", "förvaltning", "administration", "AdministrativeUnit",
         rf"{B}(?P<name>nämndens|[\wåäö]+nämnd(?:ens|s)) förvaltning(?:en|ens)?{W}", named="written"),
    Term("forvaltning", "förvaltning", "administration", "AdministrativeUnit",
         rf"{B}(?:den )?förvaltning(?:en)? (?:som (?:finns|lyder) )?under (?P<name>nämnden|{COORD}[\wåäö]+nämnden){W}",
         named="written"),
    Term("kontor", "kontor", "office", "AdministrativeUnit",
         rf"{B}(?P<name>[\wåäö]+(?:kontor|kansli))(?:et|ets|en|ens|s)?{W}", named="et"),
    Term("forbund", "förbund", "federation of municipalities", "FederationOfMunicipalities",
         rf"{B}(?P<name>(?!kommunal|fack|riks|idrotts)[\wåäö]+förbund)(?:et|ets|en)?{W}", named="et"),
    Term("bolag", "bolag", "municipal company", "MunicipalCompany",
         rf"(?-i:{B}(?P<name>[A-ZÅÄÖ][\wåäö-]+(?: [A-ZÅÄÖ][\wåäö-]+){{0,3}} AB)){W}", named="written"),
    # elected posts
    Term("oppositionsrad", "oppositionsråd", "opposition councillor", "OppositionLeader",
         rf"{B}oppositionsråd(?:et|ets|en|ens)?{W}"),
    Term("rad", "regionråd", "councillor", "ElectedRepresentative",
         rf"{B}(?P<name>regionråd|landstingsråd)(?:et|ets|en|ens)?{W}", named="post", keyed=False),
    Term("gruppledare", "gruppledare", "group leader", "ElectedRepresentative", rf"{B}gruppledar(?:e|en|na|nas|es){W}"),
    Term("revisorer", "revisorerna", "auditors", "ElectedRepresentative",
         rf"{B}(?:de )?(?:förtroendevalda )?revisor(?:er|erna|ernas|n|ns)?{W}|{B}revisionen{W}"),
    # "elva ledamöter och sju ersättare" is how large an organ is, not who acts
    Term("ledamot", "ledamot", "member", "ElectedRepresentative", rf"{NOT_COUNTED}{B}ledamöter(?:na)?{W}"),
    # titled officials, each its own node
    Term("forvaltningschef", "förvaltningschef", "head of administration", "HeadOfAdministration",
         rf"{B}förvaltningschef{CHEF_END}{W}"),
    Term("chefstitel", "chef", "head of administration", "HeadOfAdministration",
         rf"{B}(?P<name>{HEADS}chef|(?:regionala? )?{COORD}(?!{ORG}direktör|stadsdirektör|{STAFF}direktör)[\wåäö]+direktör)"
         rf"{CHEF_END}{W}", named="post"),
    Term("chefstitel", "chef", "senior official", "SeniorOfficial",
         rf"{B}(?P<name>{STAFF}(?:chef|direktör)|chefs(?:jurist|ekonom|strateg|sekreterare)|(?:biträdande|ställföreträdande) {COORD}[\wåäö-]+(?:chef|direktör))"
         rf"{CHEF_END}{W}", named="post"),
    Term("chefstitel", "chef", "manager", "Manager",
         rf"{B}(?P<name>(?!kommun|enhets|förvaltnings)[\wåäö]+-?chef){CHEF_END}{W}", named="post"),
    Term("titel", "tjänsteperson", "official", "Official",
         rf"{B}(?P<name>[\wåäö]*(?:sekreterare|jurist|handläggare|controller|registrator|samordnare|strateg)|"
         rf"[\wåäö]+läkare)(?:n|ns|na|nas|en|ens|er|erna|s)?{W}", named="post"),
]
