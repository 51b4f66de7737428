"""A Swedish lexicon of organs, posts and outside parties, and the mentions it finds.

Each term is a regular expression over the inflected forms (definite, plural,
genitive) and the usual compounds (kommun-, region-, landstings-), mapped to a class of
the vocabulary and to a node key that is the same in every organisation. Nothing here
names a particular municipality's bodies. A document's own abbreviations ("kommundirektör
(KD)") are read from the text and added as terms for that document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import simplemma

ORG = r"(?:kommun|region|landstings?)"
W = r"(?![\wåäöÅÄÖ])"          # end of a word
B = r"(?<![\wåäöÅÄÖ])"         # start of a word
BOARD_GEN = rf"(?:{ORG}styrelsens|styrelsens)"
NOUN_OR = r"(?:en|ens|er|ers|erna|ernas|s)?"     # direktör, chef
NOUN_NING = r"(?:en|ens|ar|arna|arnas|s)?"   # förvaltning


@dataclass(frozen=True)
class Term:
    """One lexicon entry: the node it names in any organisation, and its class."""

    key: str
    label: str
    label_en: str
    cls: str
    pattern: str
    abbrev: str = ""  # upper-case abbreviations, matched case-sensitively


@dataclass(frozen=True)
class Mention:
    """A term found in the text: the span, the surface form and the term it is."""

    start: int
    end: int
    text: str
    term: Term

    @property
    def genitive(self) -> bool:
        return self.text.endswith("s") and not self.text.lower().endswith(("ss", "us", "ens medarbetare"))


TERMS: list[Term] = [
    # composites first: a genitive and its head are one mention
    Term("ordforande-styrelsen", "styrelsens ordförande", "chair of the executive board", "Chair",
         rf"{BOARD_GEN} ordförandes?", "KSO|RSO"),
    Term("namndsordforande", "nämndens ordförande", "chair of a committee", "Chair",
         rf"nämndsordförandes?|nämndens ordförandes?|respektive ordförande(?:n|ns)?"),
    Term("arbetsutskott", "arbetsutskott", "working committee", "WorkingCommittee",
         rf"{BOARD_GEN} (?:arbets)?utskotts?|dess (?:arbets)?utskott(?:s|et|ets)?|{B}arbetsutskott(?:et|ets|s)?{W}|{B}utskott(?:et|ets|en|ens)?{W}", "AU"),
    Term("beredningar", "beredningar", "drafting committees", "WorkingCommittee", rf"{B}beredningar(?:na)?s?{W}"),
    Term("styrelsens-forvaltning", "styrelsens förvaltning", "the executive board's administration", "AdministrativeUnit",
         rf"{BOARD_GEN} förvaltning(?:en|ens)?|kommunledningsförvaltning(?:en|ens)?|regionledningsförvaltning(?:en|ens)?|"
         # kommunallagen 7 kap. 1 §: the director is "chef för den förvaltning som finns under styrelsen"
         rf"{B}(?:den )?förvaltning(?:en)? (?:som finns )?under (?:{ORG})?styrelsen{W}"),
    Term("stab", "direktörens stab", "the director's staff office", "AdministrativeUnit",
         rf"{ORG}?direktörens stab(?:en|s)?|{B}stab(?:en|ens){W}"),
    Term("forvaltningsorganisation", "förvaltningsorganisationen", "the administrative organisation", "AdministrativeUnit",
         rf"{B}(?:förvaltnings|tjänste)organisation(?:en|ens)?{W}|{B}organisationen{W}"),
    Term("oppositionsledare", "oppositionens ledare", "leader of the opposition", "OppositionLeader",
         rf"oppositionens ledare|{B}oppositionsledare(?:n|ns)?{W}"),
    Term("vd", "verkställande direktör (VD)", "chief executive", "CompanyCEO",
         rf"verkställande direktör(?:en|ens)?", "VD"),
    Term("krisledningsnamnd", "krisledningsnämnd", "crisis management committee", "CrisisCommittee",
         rf"{B}krisledningsnämnd{NOUN_OR}{W}"),
    Term("ordforande", "ordförande", "chair", "Chair", rf"{B}ordförande(?:n|ns|s)?{W}"),
    Term("fullmaktige", "fullmäktige", "assembly", "Assembly", rf"{B}{ORG}?fullmäktiges?{W}", "KF|RF|LF"),
    Term("styrelsen", "styrelsen", "executive board", "ExecutiveBoard",
         rf"{B}{ORG}styrelse(?:n|ns)?{W}|{B}styrelse(?:n|ns|r|rna|rnas)?{W}", "KS|RS|LS"),
    Term("namnd", "nämnd", "committee", "Committee", rf"{B}nämnd{NOUN_OR}{W}"),
    Term("direktor", "direktör", "director", "Director", rf"{B}{ORG}direktör(?:en|ens|s)?{W}|{B}direktör(?:en|ens)?{W}"),
    Term("forvaltningschef", "förvaltningschef", "head of administration", "HeadOfAdministration",
         rf"{B}förvaltningschef{NOUN_OR}{W}"),
    Term("enhetschef", "enhetschef", "unit manager", "Manager", rf"{B}enhetschef{NOUN_OR}{W}"),
    Term("overordnad-chef", "överordnad chef", "superior manager", "Manager",
         rf"{B}överordnade? chef(?:en|ens|s)?{W}|{B}(?:(?:den )?närmaste )?chefens chef(?:s)?{W}"),
    Term("chef", "chef", "manager", "Manager",
         rf"{B}(?:närmaste |ansvarig |underställda |ledande )?(?:chef{NOUN_OR}|ledare){W}"),
    Term("direktorer", "direktörer", "directors", "SeniorOfficial", rf"{B}direktörer(?:na|nas)?{W}"),
    Term("ledningsgrupp", "ledningsgrupp", "management team", "SeniorOfficial", rf"{B}ledningsgrupp(?:en|ens|er|erna)?{W}"),
    Term("tjansteperson", "tjänsteperson", "official", "Official",
         rf"{B}tjänste(?:person|man)(?:en|ens|er|erna|ernas|s)?{W}|{B}tjänstemän(?:nen|nens)?{W}"),
    Term("direkt-underställda", "direkt underställda", "direct reports", "Official",
         rf"{B}(?:direkt|närmast) underställda{W}"),
    Term("delegat", "delegat", "delegate", "Post", rf"{B}delegat(?:en|ens|er|erna)?{W}"),
    Term("medarbetare", "medarbetare", "employee", "Employee",
         rf"{B}medarbetar(?:e|en|na|nas|es){W}|{B}personal(?:en|ens)?{W}"),
    Term("kommunikator", "kommunikatör", "communications officer", "Employee", rf"{B}kommunikatör(?:er|erna|en)?{W}"),
    Term("arbetsgivaren", "arbetsgivaren", "the employer", "Actor",
         rf"{B}arbetsgivaren{W}|{B}(?:kommunen|regionen) som arbetsgivare{W}"),
    Term("politisk-ledning", "politiska ledningen", "the political leadership", "ElectedRepresentative",
         rf"{B}(?:den )?politiska ledningen{W}|{B}politisk ledning{W}"),
    Term("fortroendevald", "förtroendevald", "elected representative", "ElectedRepresentative",
         rf"{B}förtroendevald(?:a|e|es|as)?{W}|{B}politiker(?:na|n|nas)?{W}|{B}politiken{W}|{B}ledamöter(?:na)?{W}"),
    Term("bolag", "kommunala bolag", "municipal companies", "MunicipalCompany",
         rf"{B}(?:kommunala |helägda |delägda )?bolag(?:en|et|ets|s)?{W}|{B}bolagskoncern(?:en)?{W}"),
    Term("kommunalforbund", "kommunalförbund", "federations of municipalities", "FederationOfMunicipalities",
         rf"{B}(?:kommunal)?förbund(?:en|et|ets|s)?{W}"),
    Term("medborgare", "medborgare", "citizens", "ExternalParty",
         rf"{B}(?:medborgar|invånar|kommuninvånar)(?:e|en|na|nas){W}|{B}allmänheten{W}"),
    Term("brukare", "brukare", "users of services", "ExternalParty", rf"{B}brukar(?:e|en|na|nas){W}|användare av kommunens tjänster"),
    Term("naringsliv", "näringsliv", "business", "ExternalParty", rf"{B}näringsliv(?:et)?{W}|{B}företag(?:en)?{W}"),
    Term("akademi", "akademi", "academia", "ExternalParty", rf"{B}akademi(?:n)?{W}"),
    Term("media", "media", "media", "ExternalParty", rf"{B}media{W}"),
    Term("statliga-och-regionala-organ", "statliga och regionala organ", "state and regional bodies", "ExternalParty",
         rf"statliga(?:-| och) (?:och )?regionala (?:organ|myndigheter)"),
    Term("statliga-organ", "statliga organ", "state bodies", "ExternalParty",
         rf"{B}statliga (?:organ|myndigheter){W}|{B}staten{W}"),
    Term("regionala-organ", "regionala organ", "regional bodies", "ExternalParty",
         rf"{B}regionala (?:organ|myndigheter){W}|{B}länsstyrelse(?:n|ns)?{W}"),
    Term("andra-kommuner", "andra kommuner och regioner", "other municipalities and regions", "ExternalParty",
         rf"andra kommuner(?: och region(?:er)?)?"),
    Term("personalorganisationer", "personalorganisationer", "trade unions", "ExternalParty",
         rf"{B}personalorganisation(?:er|erna|en)?{W}|fackliga organisation(?:er|erna)"),
]

_ABBREVIATION = re.compile(r"([A-ZÅÄÖa-zåäö][\wåäö]+(?: [\wåäö]+){0,3}) \(([A-ZÅÄÖ]{2,6})\)")


def document_terms(text: str) -> list[Term]:
    """Abbreviations the document defines, "kommundirektör (KD)", as extra terms."""
    extra: list[Term] = []
    for match in _ABBREVIATION.finditer(text):
        phrase, abbreviation = match.group(1), match.group(2)
        found = find_mentions(phrase, TERMS)
        if found and found[-1].end == len(phrase):
            term = found[-1].term
            extra.append(Term(term.key, term.label, term.label_en, term.cls, "(?!x)x", re.escape(abbreviation)))
    return extra


def find_mentions(text: str, terms: list[Term] | None = None) -> list[Mention]:
    """Every term in ``text``, longest first where two overlap, in text order."""
    terms = TERMS if terms is None else terms
    found: list[Mention] = []
    for term in terms:
        for match in re.finditer(term.pattern, text, flags=re.IGNORECASE):
            found.append(Mention(match.start(), match.end(), match.group(0), term))
        if term.abbrev:
            for match in re.finditer(rf"{B}(?:{term.abbrev})(?::s)?{W}", text):
                found.append(Mention(match.start(), match.end(), match.group(0), term))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    chosen: list[Mention] = []
    for mention in found:
        if chosen and mention.start < chosen[-1].end:
            continue
        chosen.append(mention)
    return chosen


def lemma_label(mention: Mention) -> str:
    """A label for a new node from a mention: the base form of its last word."""
    words = mention.text.split()
    if mention.text.isupper() or ":" in mention.text:
        return mention.term.label
    if len(words) > 1:
        return mention.text.lower()
    surface = words[0].lower()
    lemma = simplemma.lemmatize(surface, lang="sv")
    # keep the lemma only where it strips an ending and keeps the term's own ending; else strip
    # a definite, plural or genitive ending ("medarbetarna" -> "medarbetare", "regiondirektörens")
    stems = [lemma] + [surface[:-len(e)] + add for e in _ENDINGS if surface.endswith(e) for add in ("", "e")]
    return next((stem for stem in stems if surface.startswith(stem[:-1]) and stem.endswith(mention.term.label[-3:])),
                surface)


_ENDINGS = ("ernas", "arnas", "ornas", "erna", "arna", "orna", "ens", "ets", "nas", "na", "en", "et", "er", "ar",
            "or", "es", "s", "n", "a", "e")
