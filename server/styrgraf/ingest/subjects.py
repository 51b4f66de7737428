"""Who a clause is about: the grammatical subject of a Swedish sentence, of an item under
a lead-in, and of a verb deep in a clause.

These are constructions of the language, not of any one document: each is tested on
made-up sentences in tests/test_ingest_rules.py.
"""
from __future__ import annotations

import re

from styrgraf.ingest.lexicon import Mention, Term

_PREPOSITIONS = {"med", "till", "av", "i", "över", "för", "mellan", "från", "inför", "om", "på", "vid", "under",
                 "gentemot", "åt", "hos", "via", "enligt", "mot", "än", "och", "genom"}
# a sentence that opens with a noun of its own and a finite verb has a subject, even when the
# lexicon does not know it ("Instruktionen ska också fastställa …"): the last one's does not carry over
_OWN_NOUN = re.compile(r"\s*(?!(?:Den|Det|De|Denne|Dessa|Detta|Hen|Han|Hon|Här|Där|Då|Därför|Sedan|Också|Även)\b)"
                       r"[A-ZÅÄÖ][a-zåäö]+(?:en|et|na|erna|arna|orna)\s+(?:ska|skall|har|är|kan|får|bör|måste|[a-zåäö]+(?:ar|er|s))\b")
_TITLE = re.compile(r"\s+med (?:benämningen|titeln|befattningen)\s+")
QUESTION = re.compile(r"(?:Hur|Vad|Vem|Vilka|Varför)\b")
# "I nämndens uppdrag ingår", "Det är varje chefs och medarbetares ansvar att": whose duty it is
_OWNER = re.compile(r"(?:I|Det ingår i|Det är|Det åligger)\s+((?:\S+\s+)??\S+s(?:\s+(?:och|samt)\s+(?:\S+\s+)??\S+s)*)\s+"
                    r"(?:uppdrag|ansvar|uppgift|uppgifter|roll|skyldighet)\b", re.I)
# after a fronted clause or adverbial the finite verb comes second and the subject third:
# "För att …, ska kommunen", "Enligt planen ska ledare", "Om samtalet gäller X ska den förtroendevalde"
_INVERTED = re.compile(r"\b(?:ska|skall|har|är|kan|får|bör|måste|behöver)\s+(?:(?:dock|också|även|alltid|därför|då|sedan)\s+)?"
                       r"(?:(?:den|det|de|varje|respektive)\s+)?$", re.I)
# everyone the document gave duties to: "Allas ansvar är att", "Alla har ett gemensamt ansvar att"
UNIVERSAL = re.compile(r"\s*(?:alla|allas|samtliga|båda parter|bägge parter|var och en|vi alla|gemensamt för alla)\b"
                       r"(?!\s+(?:\w+\s+)?(?:ärenden|frågor|beslut|anställda|medarbetare|chefer|nämnder)\b)", re.I)
# an item that opens with its verb ("Biträder nämnden …", "Att vara chef över …") has no subject of its own
_VERB_FIRST = re.compile(r"\s*(?:att\s+|regelbundet\s+|löpande\s+|aktivt\s+)?(?:[a-zåäö]+(?:a|ar|er|ir|yr)|se|ge|ha|gå|stå|få|nå)\b", re.I)


def clause_subject(text: str, start: int, end: int, mentions: list[Mention]) -> Term | None:
    """The grammatical subject: the first mention not governed by a preposition, not genitive
    ("I nämndens uppdrag ingår att …" names the nämnd)."""
    if QUESTION.match(text, start):  # "Hur direktören ska leda … finns beskrivet": no one's duty
        return None
    owner = owners(text, start, mentions)
    if owner or _OWNER.match(text, start):
        return owner[0] if owner else None
    for mention in mentions:
        before = text[start:mention.start].split()
        if before and before[-1].lower().strip(",(") in _PREPOSITIONS:
            continue
        if mention.genitive and not mention.term.abbrev:
            continue
        if len(before) > 2:  # "Därför har kommunstyrelsen", not "Se till att nämnden"
            return inverted(text, start, mentions)
        titled = next((m for m in mentions if _TITLE.fullmatch(text[mention.end:m.start])), None)
        return (titled or mention).term  # "Tjänsteperson med benämningen kommundirektör" is the direktör
    return None


def verb_first(text: str, start: int, mentions: list[Mention]) -> bool:
    """Whether a listed item opens with its verb rather than with a mention."""
    match = _VERB_FIRST.match(text, start)
    return bool(match) and not any(m.start < match.end() for m in mentions)


def untitled(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions without those a title names ("tjänsteperson med titeln direktör": the direktör)."""
    return [m for i, m in enumerate(mentions)
            if not (i + 1 < len(mentions) and _TITLE.fullmatch(text[m.end:mentions[i + 1].start]))]


def owners(text: str, start: int, mentions: list[Mention]) -> list[Term]:
    """Whose duty a sentence opening "I X:s uppdrag ingår" or "Det är X:s och Y:s ansvar att"
    states: the genitives before the noun."""
    owner = _OWNER.match(text, start)
    if not owner:
        return []
    return [m.term for m in mentions if owner.start(1) <= m.start < owner.end(1) and m.genitive]


def inverted(text: str, start: int, mentions: list[Mention]) -> Term | None:
    """The subject after the finite verb that follows a fronted clause ("För att stödja
    chefen, ska kommunen som arbetsgivare sträva efter …": kommunen som arbetsgivare)."""
    for mention in mentions:
        before = text[start:mention.start]
        if not mention.genitive and _INVERTED.search(before) and not before.lower().startswith(("att ", "se till att ")):
            return mention.term
    return None


def own_noun(text: str, start: int) -> bool:
    """Whether the sentence at ``start`` opens with a noun subject the lexicon does not know."""
    return bool(_OWN_NOUN.match(text, start))


_ATT = re.compile(r"\batt\s+(?:(?:den|det|de)\s+)?$", re.I)
_UNTIL_VERB = re.compile(r"\s*(?:(?:också|även|alltid|själv|därmed|ska|skall|kan|får)\s+)*")


def att_subject(text: str, start: int, at: int, mentions: list[Mention]) -> Term | None:
    """The subject of a verb in an att-clause: "Där beskrivs att direktören anställer …" makes
    the direktör the one who appoints, not the sentence's subject."""
    before = [m for m in mentions if start <= m.start and m.end <= at]
    if not before or before[-1].genitive:
        return None
    last = before[-1]
    if _UNTIL_VERB.fullmatch(text, last.end, at) and _ATT.search(text[start:last.start]):
        return last.term
    return None
