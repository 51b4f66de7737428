"""The relation rules: cue phrases of Swedish governing documents and the relation each
states. Pure data; ``relations.py`` applies them.

A rule's regular expression may name spans: ``s`` holds the subject's mentions and
``o`` the object's. Without ``s`` the subject is the clause's own subject (or the
lead-in's); without ``o`` the objects are the mentions after the cue in the same clause.
``how`` changes that: "nearest" takes the mention right before the cue as subject,
"mutual" reads "mellan X och Y" both ways, "genitive" takes the genitives next to the
cue ("kommunstyrelsens beslut") as objects, "responsibility" makes the rest of the
clause a new sg:Responsibility, "political" reads "politiskt fattade beslut" as the
decisions of each political organ the document names, "reverse" makes the mentions after the cue the subjects
and the clause's subject (or ``o``) the object ("Ledningsgruppen består av A och B").

``seen`` lists the seed documents whose wording the rule was written from; the
leave-one-document-out evaluation switches a rule off for a document when that
document is the only one it was seen in. No rule names a particular body.
"""
from __future__ import annotations

from dataclasses import dataclass, field

A, B_, C, L, K = "kommun-a", "kommun-b", "kommun-c", "blekinge", "kungsor"
X = r"[^.;:]*?"  # within the clause
# "X ska verka för …", "X har att representera …": a modal verb and an active infinitive
# (Swedish infinitives end in -a, or are one of the short verbs), not a negation
ADVERBS = r"(?:(?:även|också|aktivt|löpande|dessutom|särskilt|fortlöpande|vidare|alltid|regelbundet|kontinuerligt|i övrigt|[a-zåäö]+(?:ligen|vis))\s+)*"
# an adverbial phrase may stand between the modal and the infinitive: "ska på ett planmässigt sätt
# utveckla", "skall såväl internt som externt förmedla", "har att som ledande tjänsteperson representera"
PHRASE = r"(?:(?:på (?:ett|en)|i (?:ett|en)|genom|som|såväl|både|med)\s(?:[\wåäö-]+\s){1,8}?)?"
DUTY = (rf"\b(?:ska|skall|har att|åligger (?:det )?(?:\w+ ){{0,3}}?att|har (?:till|som) uppgift att|(?:har|fått) i uppdrag att)\s+"
        rf"{ADVERBS}{PHRASE}(?!inte\b|ej\b|vara\b|kunna\b)(?P<v>[a-zåäö]+a|se|gå|stå|få|nå|ge|ha)\b")


@dataclass(frozen=True)
class Rule:
    """One cue: a name (shown to the curator), the predicate and how to read it."""

    name: str
    predicate: str
    pattern: str
    how: str = "active"
    score: float = 0.7
    seen: frozenset = field(default_factory=frozenset)
    fallback: bool = False  # only where no other rule found anything in the sentence


def rule(name, predicate, pattern, how="active", score=0.7, seen=(), fallback=False):
    """A rule (see the module's docstring); ``seen`` names the seeds it was written from."""
    return Rule(name, predicate, pattern, how, score, frozenset(seen), fallback)


RULES: list[Rule] = [
    rule("svarar-infor", "reportsTo", r"\b(?:⟨svara⟩|⟨ansvara⟩|är (?:\w+ )?ansvarig(?:a)?) inför\b|\b⟨rapportera⟩ till\b|\bär (?:\w+ )?underställd(?:a)?\b", score=0.85, seen=(A, B_, L)),
    rule("har-infor", "reportsTo", r"\bhar (?:inför|gentemot)\b", score=0.6, seen=(C, K)),
    rule("utser", "appoints", r"\b(?:⟨utse⟩|utnämner|⟨anställa⟩|⟨tillsätta⟩|⟨väljer⟩)\b", score=0.8, seen=(A, L, K)),
    rule("utses-av", "appoints", rf"(?P<o>{X})\b(?:⟨utse:p⟩|⟨anställa:p⟩|⟨tillsätta:p⟩|är (?:anställd|anställda|utsedd|utsedda|tillsatt))\b{X}\b(?:av|i)\s(?P<s>[^.;,]*)|"
         rf"(?P<o2>{X})\b(?:⟨väljer:p⟩|är vald)\s+(?:\w+\s+)?av\s(?P<s2>[^.;,]*)", "passive", 0.85, (A, B_, L)),
    rule("anstallningsmyndighet", "appoints", r"\bär (?:\w+ )?anställningsmyndighet (?:för|åt)\b", score=0.7),
    rule("anstallning-beslutas", "appoints", rf"\bbeslut om anställning(?P<o>{X})\b(?:beslutas|fattas) av\s(?P<s>[^.;,]*)", "passive", 0.8, (A,)),
    rule("avslutar-anstallning", "terminatesEmploymentOf", rf"\b(?:avsluta|säga upp|entlediga|avveckla)(?P<o>{X})\b(?:beslutas|fattas) av\s(?P<s>[^.;,]*)", "passive", 0.8, (A,)),
    rule("avvecklar", "terminatesEmploymentOf", r"\b(?:avvecklar|⟨entlediga⟩|⟨avskeda⟩|säger upp)\b", score=0.75, seen=(L,)),
    rule("tecknar-avtal", "signsEmploymentContractOf", rf"\banställningsavtal{X}\btecknas av\s(?P<s>[^.;,]*)", "passive", 0.8, (A,)),
    rule("chef-over", "managerOf", r"\b(?:är|vara|som är)(?: också| även| ytterst)? (?:förvaltnings)?chef (?:över|för)\b|\bchef över\b", score=0.85, seen=(A, B_, L, K)),
    rule("arbetsgivaransvar-utovas", "hasEmployerResponsibilityFor", rf"\barbetsgivar{X}ansvar\w*(?: över| för)?(?P<o>{X})\butövas av\s(?P<s>[^.;,]*)", "passive", 0.8, (A,)),
    rule("utovar-arbetsgivarrollen", "hasEmployerResponsibilityFor", r"\b(?:utövar|har) arbetsgivar(?:rollen|ansvar(?:et)?) (?:för|över)\b", score=0.8, seen=(L,)),
    rule("uppsikt", "supervises", r"\buppsikt(?:splikt|en)?\b[^.;]*?\böver\b|\bhar uppsikt\b", "nearest", 0.8, (A, B_, L, K)),
    rule("bitrada", "assists", r"\b⟨biträda⟩(?: även)?\b|\b⟨stödja⟩\b|\bstöder\b|\bstött(?:a|ar)\b|\bbistå(?:r)?\b|\bär (?:ett )?(?:\w+ )?stöd (?:till|åt|för)\b", score=0.7, seen=(A, B_, C, L, K)),
    rule("ge-stod", "assists", rf"\bge (?P<o>{X})\b(?<!med )stöd\b(?!\s+av\b)|\bär (?P<o2>\S+s) (?:\w+ )?stöd\b", score=0.65, seen=(C,)),
    rule("radgivare", "advises", r"\brådgivare till\b|\bge råd till\b", score=0.8, seen=(C,)),
    rule("bereder-till", "preparesMattersFor", r"\b(?:⟨bereda:*⟩|⟨förbereda:*⟩)\b[^.;]*?\bärenden\b[^.;]*?\b(?:till|åt|för|av|inför)\b|\bärenden till\b|\b(?:⟨bereda⟩|⟨förbereda⟩)\b", score=0.7, seen=(A, K)),
    rule("beredning-av-arenden", "preparesMattersFor", r"\bberedning av\b[^.;]*?\bärenden\b[^.;]*?\b(?:behandlas av|till)\b", score=0.75, seen=(B_, L)),
    rule("beslutsunderlag", "preparesMattersFor", r"\bbeslutsunderlag\b", "genitive", 0.55, (A, C)),
    rule("verkstaller", "executesDecisionsOf", r"\bverkställ(?:a|er|s|ighet\w*|da)\b|\bomsätta i handling\b", "genitive", 0.75, (A, B_, C, L, K)),
    rule("deltar", "attends", r"\b(?:⟨delta⟩|⟨närvara⟩|vara närvarande) (?:på|i|vid)\b|\bnärvaro(?:rätt)?\b|\brätt att närvara\b", score=0.8, seen=(A, B_, L)),
    rule("yttranderatt", "hasRightToSpeakIn", r"\byttranderätt\b|\byttra sig\b|(?<!inte att )(?<!inte )\bdelta i överläggning(?:en|arna)\b|\bfår\b(?:\s+[\wåäö]+){0,5}?\s+lämna upplysningar\b", score=0.8, seen=(A, B_, L)),
    rule("foredragande", "presentsMattersAt", rf"\bföredrag(?:ande|er|a)\b{X}\b(?:vid|i|på|inför)\b(?P<o>{X})(?:[.;:]|$)", score=0.8, seen=(L,)),
    rule("samrad", "consults", r"\b(?:i|efter) samråd med\b|\b⟨samråda⟩ med\b", score=0.8, seen=(L, K)),
    rule("overenskommelse-med", "consults", r"\böverenskommelse\b[^.;]*?\bmed\b", score=0.55, seen=(A,)),
    rule("haller-informerad", "informs", rf"\b(?:hålla|håller) (?P<o>{X})\b(?:informerad|underrättad)[e]?\b", score=0.8, seen=(L,)),
    rule("ge-information", "informs", rf"\bge (?P<o>{X})\binformation\b|\b⟨informera⟩\b|\b⟨underrätta⟩\b|\b⟨redovisa⟩ för\b|\buppmärksamma(?:r)?\b(?! att)", score=0.65, seen=(B_, K, L)),
    rule("lagger-forslag", "proposesTo", r"\b(?:lägga|lägger|lämna|lämnar|ta fram) (?:fram )?förslag\b|\binitiativrätt till\b|\bta initiativ till\b", score=0.7, seen=(A, B_, C, L, K)),
    rule("initierar-beslutas", "proposesTo", rf"\binitierar\b{X}\bbeslutas av\b", score=0.75, seen=(A,)),
    rule("kontakt-med", "communicatesWith", r"\b(?:kontakt(?:er)?|dialog|kommunikation|\w*samtal|avstämning(?:ar)?) med\b|\b(?:externa |löpande )?kontakter (?:i|inom)\b|\bkontaktar\b|\bkontakta\b|\bkommunicerar med\b|\bgå via\b|\bgår (?:uppåt )?(?:via|till)\b|\blyssna in\b|\bvända sig till\b|\bha kontakt med\b|\btala med\b", score=0.6, seen=(A, C, L, K)),
    rule("mellan", "communicatesWith", r"\b\w*(?:dialog|samarbete|samspel|kommunikation|möte|möten|träff|kontakt|samverkan)\w*\b[^.;]*?\bmellan\b|\böverenskommelse\b[^.;]*?\bmellan\b", "mutual", 0.6, (A, K)),
    rule("lanken-mellan", "communicatesWith", r"\b(?:länk(?:en)?|brygga(?:n)?|bindeled(?:et)?|kontaktperson(?:en)?) mellan\b", "link", 0.65, (A,)),
    rule("pa-uppdrag-delegation", "delegatesTo", rf"\bpå (?P<s>{X}) uppdrag\b{X}\bdelegationsordning", "passive", 0.75, (L,)),
    rule("far-uppdrag-fran", "directs", rf"\bfår (?:sitt|sina|ett|\w+) uppdrag (?:från|av)\b(?P<s>{X})(?:[.;:]|$)", "passive", 0.75, (A,)),
    rule("pa-uppdrag", "directs", rf"\bpå (?P<s>{X}) uppdrag\b(?![^.;]*delegationsordning)", "passive", 0.7, (A, L)),
    rule("uppdrag-som-ges", "directs", rf"\buppdrag(?:en)? som (?P<s>{X})\s(?:ger|lämnar|tilldelar|beslutar om)\b", "passive", 0.75, (L,)),
    rule("ger-uppdrag", "directs", rf"\b(?:ge|ger|gav) (?P<o>{X}) i uppdrag\b|\b(?:ge|ger|lämna|lämnar) (?:\w+ )?uppdrag (?:till|åt)\b|\buppdragsgivare (?:för|till|åt)\b", score=0.7, seen=(K,)),
    rule("far-inte-styra", "mayNotDirect", r"\b(?:får|ska|skall|bör|kan)\s+(?:heller |dock |aldrig |därför )?(?:inte|ej)\s+(?:\w+\s+)?(?:⟨påverka⟩|⟨styra⟩|detaljstyra|⟨instruera⟩|beordra|ge (?:direktiv|order|instruktioner) till|ge (?:uppdrag|direktiv) (?:till|åt)|ge (?P<o>(?:\S+ ){1,3}?)(?:direktiv|order|instruktioner|anvisningar|uppdrag))\b", score=0.75, seen=(K,)),
    rule("rapporterar-till", "informs", r"\b(?:åter)?rapporter(?:ar|a|ing|era|erar)\b[^.;]*?\btill\b", score=0.7, seen=(L, K)),
    rule("far-information", "informs", rf"\b(?:att|så att)\s(?P<o>{X})\s(?:får|erhåller)\b{X}\binformation\b", score=0.7, seen=(C,)),
    rule("far-underlag", "preparesMattersFor", rf"\b(?:att|så att)\s(?P<o>{X})\s(?:får|erhåller)\s(?:\w+\s)?(?:besluts)?underlag\b", score=0.7, seen=(C,)),
    rule("utarbeta-underlag", "preparesMattersFor", r"\b(?:utarbeta|utarbetar|ta fram|tar fram|presentera|presenterar)\s(?:\w+\s)?(?:besluts)?underlag\b", "genitive", 0.65, (C, K)),
    rule("leder-genom", "managerOf", r"\bled(?:er|a)(?:\s+(?:arbetet|verksamheten))?\s+genom\b|\bled(?:er|a)\s+(?=(?:sina\s+|sin\s+|dess\s+)?(?:underställda\s+)?[\wåäö]*(?:chef|medarbetar|personal))", score=0.7, seen=(K,)),
    rule("delegerar-till", "delegatesTo", r"\bdelegera(?:r|s)? (?:beslutanderätt )?till\b", score=0.8),
    rule("ledamot-i", "memberOf", r"\b(?:ledam(?:ot|öter)|ersättare|invald\w*)\b(?:(?!\bsom\b)[^.;])*?\b(?:i|av)\b|\bsitter i\b", score=0.6, seen=(K,)),
    rule("ansvarar-for", "hasResponsibility", r"\b(?:ansvarar|ansvara) för\b|\bhar (?:det )?(?:\w+ )?ansvar(?:et)? för\b|\b(?:ytterst |huvud)?ansvarig(?:a)? för\b|\bsvarar för\b|\bhar (?:det )?(?:\w+ )?\w+ansvar(?:et)? för\b|\bansvarar\b(?! inför)|\b(?:har|ha) (?:ett |det )?(?:\w+ )?ansvar(?:et)? att\b|(?<=s) ansvar att\b|\bhar hand om\b", "responsibility", 0.65, (A, B_, C, L, K)),
    rule("ska-gora", "hasResponsibility", DUTY, "responsibility", 0.55, (A, C, K), fallback=True),
    rule("verb-uppgift", "hasResponsibility", r"\b(?:beslutar|fattar beslut|tar beslut) om\b|\b(?:representerar|företräder|driver|samordnar|initierar|följer upp|verkar för|fördelar|planerar|utvecklar)\b", "responsibility", 0.5, (A, C, L, K), fallback=True),
    rule("sakerstalla", "hasResponsibility", r"\b(?:ska |skall )?(?:säkerställa|se till att|tillse att)\b", "responsibility", 0.6, (A, C, L, K)),
]

# Written from general Swedish municipal governance language (kommunallagen 2017:725,
# typical reglementen, instructions and delegationsordningar), not from a seed's wording:
# ``seen`` is empty unless a seed's sentence shaped the pattern.
P = r"[^.;,]*"  # within the clause, up to a comma
RULES += [
    rule("foredrar-arenden", "presentsMattersAt", rf"\bföredra(?:r)?\s+(?:\w+\s+)?ärende\w*\s+(?:för|i|vid|inför|på)\b(?P<o>{X})(?:[.;:]|$)|"
         rf"\b(?:ansvarar för|sköter) föredragning\w*\s+(?:för|i|vid|inför|på)\b(?P<o2>{X})(?:[.;:]|$)", score=0.75),
    rule("rad-och-stod", "advises", r"\b(?:ge|ger|lämna|lämnar|erbjuda|erbjuder|bistå|bistår)\s+(?P<o>[^.;:]+?)\s+(?:med\s+)?"
         r"(?:råd(?:givning)?(?:\s+och\s+stöd)?|stöd och råd)\b|\b(?:ge|ger|lämna|lämnar|erbjuda|erbjuder)\s+(?:råd(?:givning)?|stöd och råd)"
         r"(?:\s+och\s+stöd)?\s+(?:till|åt)\b|\brådgivare (?:åt|för)\b|\bråd åt\b", score=0.7),
    rule("ingar-i", "memberOf", r"\b⟨ingå⟩\s+(?:även\s+|också\s+)?i(?=\s+(?!\w+s\s+(?:uppdrag|ansvar|uppgifter|roll))(?:den\s+|det\s+)?\w+(?:\s|[.,;]|$))|"
         r"\bär (?:även |också )?(?:ordinarie )?(?:ledamot|ledamöter|medlem|medlemmar) (?:i|av)\b|\bär (?:även |också )?(?:\w+ )?(?:vice )?ordförande i\b|"
         r"\b⟨utgöra⟩\b(?!\s+(?:en|ett|de|den|det)\s)", score=0.7),
    rule("bestar-av", "memberOf", rf"\b(?:består|utgörs|bildas)\s+av\b|\bi (?P<o>{P})\s+ingår\b(?!\s+(?:även |också |bland annat )?att\b)", "reverse", 0.7),
    rule("personalansvar", "hasEmployerResponsibilityFor", r"\b(?:har|utövar|ha|utöva)\s+(?:det\s+)?(?:\w+\s+)?(?:arbetsgivar|personal)ansvar(?:et)?\s+(?:för|över)\b|"
         r"\bär (?:\w+ )?(?:arbetsgivare|anställningsmyndighet) (?:för|åt)\b", score=0.75),
    rule("sager-upp", "terminatesEmploymentOf", r"\b(?:säga|säger) upp\b|\b(?:avskeda|avskedar|entlediga|entledigar)\b|"
         rf"\bavsluta(?:r)? (?:anställningen|anställning) (?:för|av|med)\b|\bskilja (?P<o>{X})\s*\bfrån (?:sin )?anställning", score=0.75),
    rule("uppsagning-beslutas", "terminatesEmploymentOf", rf"\b(?:uppsägning|avsked|entledigande|avslutande av anställning)\w*\s+av(?P<o>{X})\b(?:beslutas|fattas|görs) av\s(?P<s>[^.;,]*)|"
         rf"(?P<o2>{X})\b(?:sägs upp|entledigas|avskedas)\s+av\s(?P<s2>[^.;,]*)", "passive", 0.8),
    rule("tecknar-anstallningsavtal", "signsEmploymentContractOf", r"\b(?:tecknar|teckna|undertecknar|underteckna|skriver under) (?:\w+ )?anställningsavtal(?:et|en)? (?:med|för)\b", score=0.75),
    rule("delegation-fran", "delegatesTo", rf"\b(?:genom|på|efter|enligt|med stöd av)\s+(?:\w+\s+)?delegation (?:från|av) (?P<s>{P})|"
         rf"\bbeslutar på (?P<s2>{P}) vägnar\b", "passive", 0.75),
    rule("har-delegerat", "delegatesTo", r"\b(?:har|ha) delegerat\b[^.;]*?\btill\b|\buppdra(?:r|git)? åt\b(?=[^.;]*\batt (?:besluta|fatta beslut))|"
         r"\bdelegera(?:r|t|de)?\s+(?:\w+\s+){0,3}?(?:till|åt)\b", score=0.75),
    rule("ger-direktiv", "directs", r"\b(?:ger|ge|lämnar|lämna|utfärdar|utfärda) (?:\w+ )?(?:direktiv|anvisningar|instruktioner|uppdrag) (?:till|åt)\b", score=0.7),
    rule("hemstaller", "proposesTo", r"\b(?:föreslår|ska föreslå|får föreslå)\b(?=[^.;]*\b(?:att|besluta|beslutar|vilk(?:a|en|et)|hur)\b)|\bhemställ(?:a|er) (?:hos|till)\b|\b⟨väcka⟩ ärenden? i\b", score=0.65),
    rule("aterkopplar", "informs", r"\båterkoppla(?:r)? till\b|\bdelge(?:r)?\b|\bredogöra(?:r)? för\b[^.;]*?\b(?:inför|för)\b", score=0.65),
    rule("genomfor-beslut", "executesDecisionsOf", r"\bgenomför(?:a|s)?\s+(?:\w+\s+)?beslut\b|\bse till att\s+(?:\w+\s+)?beslut\b", "genitive", 0.7),
    rule("samverkar-med", "communicatesWith", r"\b(?:samverka|samverkar|samarbeta|samarbetar|samordnar sig) med\b|\b(?:träffar|träffa|möter|möta)\b|\b(?:regelbundna |löpande )?möten med\b|\bstämma av med\b|\bstämmer av med\b", score=0.6),
    # a curator's reading: political decisions are those of the assembly, the board and the committees
    rule("politiska-beslut", "executesDecisionsOf", r"\bverkställ\w*\s+(?:de\s+)?(?:politiskt fattade|politiska|av politiken fattade)\s+beslut(?:en)?\b",
         "political", 0.6, (K,)),
]

# The verbs and frames of issue #19, written as lemmas (``verbs.py``) from what Swedish
# reglementen, arbetsordningar, instruktioner and delegationsordningar share; ``frames.py``
# reads the constructions ("den som X utser", a relative pronoun after a preposition, a passive's agent).
RULES += [
    rule("anmals-till", "reportsTo", r"\b⟨anmäla:*⟩(?:\s+(?:sina|sitt|dessa|besluten|beslutet|beslut|dem|det|vidare))*\s+till\b|"
         r"\b⟨anmäla:*⟩(?=\s+(?:\w+\s+){0,3}?(?:vid|på|till)\s+(?:\w+\s+)?(?:nästa|närmast följande|närmast kommande)\b)", score=0.75),
    rule("redovisar-till", "reportsTo", r"\b(?:⟨redovisa⟩|återredovisa\w*|⟨återrapportera⟩|⟨rapportera⟩)\b(?:\s+[\wåäö-]+){0,5}?\s+till\b", score=0.7),
    rule("beslut-om-anstallning", "appoints", r"\b(?:⟨besluta⟩|fattar beslut|fatta beslut) om (?:anställning|tillsättning)(?: av)?\b|"
         r"\b(?:anställning|tillsättning)(?:\s+och\s+[\wåäö]+)?\s+av\b", score=0.6),
    rule("beslut-om-uppsagning", "terminatesEmploymentOf", r"\b(?:entledigande|uppsägning|avsked|avskedande)\s+av\b", score=0.65),
    rule("leder-enhet", "managerOf", r"\b⟨leda⟩\b(?:\s+och\s+\w+)?(?=\s+(?:den\s+|det\s+|sin\s+|sitt\s+|hela\s+)?[\wåäö-]*"
         r"(?:förvaltning|kontor|sektor|enhet|avdelning|stab)(?:en|et|ar|arna|er|erna)?\b)", score=0.65),
    rule("leds-av", "managerOf", rf"(?P<o>[^.;:,]*?)\s+⟨leda:p⟩\s+av\s+(?P<s>{P})|(?P<o2>[^.;:,]*?),?\s+som\s+⟨leda:p⟩\s+av\s+(?P<s2>{P})",
         "passive", 0.7),
    rule("underställd", "managerOf", r"\bär (?:\w+ )?underställd(?:a)?\b", "reverse", 0.6),
    rule("pa-forslag-av", "proposesTo", rf"\bpå (?:\w+ )?förslag (?:av|från) (?P<s>{P})", "passive", 0.7),
    rule("samrada-inbordes", "consults", r"\b⟨samråda⟩\b(?!\s+med\b)", "together", 0.7),
    rule("lamnar-upplysningar", "informs", rf"\b(?:lämna|lämnar) (?P<o2>(?!de\b|den\b|sådana\b)\S+) (?:de |den |sådana )?(?:upplysningar|uppgifter)\b|\b(?:lämna|lämnar) (?:de |den |sådana )?(?:upplysningar|uppgifter|information)\s+(?:som|vilka) (?P<o>{P}?)\s+"
         r"(?:begär|efterfrågar|behöver)\b|\b(?:lämna|lämnar) (?:\w+ )?(?:upplysningar|information) (?:till|åt)\b", score=0.65),
    rule("vacks-av", "proposesTo", rf"(?P<o>{X})\b⟨väcka:p⟩\s+av\s+(?P<s>[^.;]*)", "prepared", 0.7),
    rule("instruktion-for", "directs", r"\b(?:⟨fastställa⟩|⟨besluta⟩ om|⟨anta⟩|har beslutat om)\s+(?:en |den |sin )?instruktion(?:en)?\s+(?:för|till)\b|"
         r"\bi (?:en |sin )?instruktion (?:\w+ ){0,2}?(?:hur|vilka)\b|\b⟨fastställa⟩\s+(?P<o>\S+s) instruktion\b", score=0.7),
    rule("enligt-instruktion", "directs", rf"\benligt (?:den |en )?instruktion som (?P<s>{P}?) (?:⟨fastställa⟩|har fastställt|⟨besluta⟩)\b", "passive", 0.7),
    rule("bereds-av", "preparesMattersFor", rf"(?P<o>{X})\b(?:⟨bereda:p⟩|⟨förbereda:p⟩|(?:har|ha) beretts)\s+av\s(?P<s>{P})", "prepared", 0.7),
    rule("passiv-agent", "hasResponsibility", rf"\b(?P<v>[a-zåäö]{{3,}}s)\s+av\s+(?P<s>{P})", "agent", 0.45, fallback=True),
    rule("indikativ-uppgift", "hasResponsibility", r"\b(?P<v>[a-zåäö]{3,}(?:ar|er|ör|år))\b", "indicative", 0.45, fallback=True),
]
RULES += [rule("far-uppdrag-relativ", "directs", r"\bfår (?:sitt|sina|\w+) uppdrag\b(?!\s+(?:från|av)\b)", "relative", 0.75)]
