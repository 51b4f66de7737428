"""A Swedish lexicon of organs, posts and outside parties, and the mentions it finds.

Each term is a regular expression over the inflected forms (definite, plural,
genitive) and the usual compounds (kommun-, region-, landstings-), mapped to a class of
the vocabulary and to a node key that is the same in every organisation. Nothing here
names a particular municipality's bodies. A document's own abbreviations ("kommundirektör
(KD)") are read from the text and added as terms for that document.
"""
from __future__ import annotations

import re
from dataclasses import replace

import simplemma

from styrgraf.ingest.definitions import Definition, definitions
from styrgraf.ingest.names import NAMED
from styrgraf.ingest.terms import B, NOT_COPULA, NOUN_OR, ORG, W, Mention, Term, name_term, named_label

__all__ = ["TERMS", "Term", "Mention", "find_mentions", "document_terms", "lemma_label"]
BOARD_GEN = rf"(?:{ORG}styrelsens|styrelsens)"
NOUN_NING = r"(?:en|ens|ar|arna|arnas|s)?"   # förvaltning


TERMS: list[Term] = [
    # composites first: a genitive and its head are one mention
    Term("ordforande-styrelsen", "styrelsens ordförande", "chair of the executive board", "Chair",
         rf"{BOARD_GEN} ordförandes?|{NOT_COPULA}ordförande(?:n)? i {ORG}?styrelsen{W}", "KSO|RSO"),
    Term("namndsordforande", "nämndens ordförande", "chair of a committee", "Chair",
         rf"nämndsordförandes?|nämndens ordförandes?|respektive ordförande(?:n|ns)?|"
         rf"{NOT_COPULA}ordförande(?:n|na)? i (?:en |den |varje |respektive |berörda? )?nämnd(?:en|erna)?{W}"),
    Term("arbetsutskott", "arbetsutskott", "working committee", "WorkingCommittee",
         rf"{BOARD_GEN} arbetsutskotts?|{B}arbetsutskott(?:et|ets|s)?{W}", "AU"),
    Term("utskott", "utskott", "working committee", "WorkingCommittee", rf"{BOARD_GEN} utskott(?:s|en|ens)?"),
    Term("beredningar", "beredningar", "drafting committees", "WorkingCommittee", rf"{B}beredningar(?:na)?s?{W}"),
    Term("styrelsens-forvaltning", "styrelsens förvaltning", "the executive board's administration", "AdministrativeUnit",
         rf"{BOARD_GEN} förvaltning(?:en|ens)?|"
         # kommunallagen 7 kap. 1 §: the director is "chef för den förvaltning som finns under styrelsen"
         rf"{B}(?:den )?förvaltning(?:en)? (?:som (?:finns|lyder) )?under (?:{ORG})?styrelsen{W}"),
    Term("stab", "direktörens stab", "the director's staff office", "AdministrativeUnit",
         rf"{ORG}?direktörens stab(?:en|s)?|{B}stab(?:en|ens){W}"),
    Term("forvaltningsorganisation", "förvaltningsorganisationen", "the administrative organisation", "AdministrativeUnit",
         rf"{B}(?:förvaltnings|tjänste)organisation(?:en|ens)?{W}|{B}organisationen{W}"),
    Term("oppositionsledare", "oppositionens ledare", "leader of the opposition", "OppositionLeader",
         rf"oppositionens ledare|{B}oppositionsledare(?:n|ns)?{W}"),
    Term("vd", "verkställande direktör (VD)", "chief executive", "CompanyCEO",
         rf"verkställande direktör(?:en|ens)?", "VD"),
    Term("ordforande", "ordförande", "chair", "Chair", rf"{B}ordförande(?:n|ns|s)?{W}"),
    Term("fullmaktige", "fullmäktige", "assembly", "Assembly", rf"{B}{ORG}?fullmäktiges?{W}", "KF|RF|LF"),
    Term("styrelsen", "styrelsen", "executive board", "ExecutiveBoard",
         rf"{B}{ORG}styrelse(?:n|ns)?{W}|{B}styrelse(?:n|ns|r|rna|rnas)?{W}", "KS|RS|LS"),
    Term("namnd", "nämnd", "committee", "Committee", rf"{B}(?P<name>nämnd){NOUN_OR}{W}", named="en", keyed=False),


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
         rf"{B}förtroendevald(?:a|e|es|as)?{W}|{B}politiker(?:na|n|nas)?{W}|{B}politiken{W}"),
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

TERMS += NAMED
_NAME_END = r"(?:n|ns|en|ens|et|ets|s|er|erna|ernas|ar|arna|arnas|na|nas|r|rna|rnas)?"
ORGANS = {"Assembly", "ExecutiveBoard", "Committee", "CrisisCommittee", "WorkingCommittee", "AdministrativeUnit",
          "MunicipalCompany", "FederationOfMunicipalities"}


def document_terms(text: str) -> list[Term]:
    """The names a document defines, as extra terms that name the defined node:
    "kommundirektör (KD)", "(nedan styrelsen)", "Direktören benämns här kommunchef",
    "KC = kommunchef". A post keeps the document's own title as its label."""
    extra: list[Term] = []
    for definition in definitions(text):
        mention = _defined(definition, TERMS + extra)
        if mention is None:
            continue
        term = mention.term
        if definition.abbreviation:  # "KD" is labelled as the words it stands for
            extra.append(replace(term, pattern="(?!x)x", abbrev=re.escape(definition.name), defined=True,
                                 label=lemma_label(mention), named="post" if term.named else ""))
            continue
        if definition.same_kind and [m.term.cls for m in find_mentions(definition.name)] != [term.cls]:
            continue
        words = definition.name.lower().split()
        last = words[-1]
        lemma = simplemma.lemmatize(last, lang="sv")
        base = lemma if last.startswith(lemma[:-1]) else last
        head = " ".join(re.escape(w) + "(?:a|e)?" for w in words[:-1])
        pattern = rf"{B}{head + ' ' if head else ''}(?:{re.escape(base)}{_NAME_END}|{re.escape(last)}){W}"
        label = term.label if term.cls in ORGANS else " ".join(words[:-1] + [base])
        extra.append(replace(term, pattern=pattern, abbrev="", label=label, named="post" if term.named else "",
                             defined=True))
    return extra


def _defined(definition: Definition, terms: list[Term]) -> Mention | None:
    """The mention a definition's words name: the whole of them, their subject or their last mention."""
    found = find_mentions(definition.ref, terms)
    if definition.subject_first:
        found = [m for m in found if not (m.genitive and not m.term.abbrev)][:1]
    elif definition.whole:
        found = found if len(found) == 1 and found[0].start == 0 and found[0].end == len(definition.ref) else []
    elif found and found[-1].end != len(definition.ref.rstrip()):
        found = []
    return found[-1] if found else None


def find_mentions(text: str, terms: list[Term] | None = None) -> list[Mention]:
    """Every term in ``text``, longest first where two overlap, in text order; where a
    document's own definition and the lexicon read the same words, the definition."""
    terms = TERMS if terms is None else terms
    found: list[tuple[int, Mention]] = []
    for rank, term in enumerate(terms):
        rank -= len(terms) if term.defined else 0
        for match in re.finditer(term.pattern, text, flags=re.IGNORECASE):
            found.append((rank, Mention(match.start(), match.end(), match.group(0), name_term(term, match))))
        if term.abbrev:
            for match in re.finditer(rf"{B}(?:{term.abbrev})(?::s)?{W}", text):
                found.append((rank, Mention(match.start(), match.end(), match.group(0), _spelt_out(term, match.group(0)))))
    found.sort(key=lambda pair: (pair[1].start, -(pair[1].end - pair[1].start), pair[0]))
    chosen: list[Mention] = []
    for _, mention in found:
        if chosen and mention.start < chosen[-1].end:
            continue
        chosen.append(mention)
    return chosen


_ORG_LETTER = {"K": "kommun", "R": "region", "L": "landstings"}


def _spelt_out(term: Term, abbreviation: str) -> Term:
    """"KSO" is the kommunstyrelsens ordförande, "RF" the regionfullmäktige: the lexicon's own
    abbreviations of the board, its chair and the assembly name the organisation's kind."""
    if term.defined or term.key not in ("styrelsen", "fullmaktige", "ordforande-styrelsen"):
        return term
    return replace(term, label=_ORG_LETTER.get(abbreviation[:1], "") + term.label)


def lemma_label(mention: Mention) -> str:
    """A label for a new node from a mention: the base form of its last word."""
    words = mention.text.split()
    if mention.text.isupper() or ":" in mention.text or mention.term.named:
        return named_label(mention) if mention.term.named and not mention.text.isupper() else mention.term.label
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
