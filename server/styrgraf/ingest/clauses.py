"""Swedish clause structure that moves a relation's subject: coordinated subjects
("Kommundirektören och ordföranden ansvarar …"), relative clauses ("…förvaltningschefer,
som i sin tur kommunicerar med …"), and "och tvärtom" (the relation read both ways).

These are constructions of the language, not of any one document: each function is
tested on made-up sentences in tests/test_ingest_rules.py.
"""
from __future__ import annotations

import re

from styrgraf.ingest.lexicon import Mention, Term

_COORDINATION = re.compile(r"\s*(?:,|och|samt|eller|/|respektive|resp\.|liksom|och även|och ?/ ?eller|,? men även)\s*"
                           r"(?:(?:med|till|i|för|över|av|hos|inom|vid)\s+)?(?:[\wåäö]+\s+){0,2}$", re.I)
_RELATIVE = re.compile(r",?\s+som(?:\s+(?:i sin tur|även|också|dessutom|själv|sedan|därefter|då))*\s+[^,;:]*$", re.I)
_PARENTHESIS = re.compile(r"\s*\([^()]{0,120}\)")
_EXAMPLES = re.compile(r"\b(?:såsom|så som|t\.? ?ex\b\.?|till exempel|exempelvis|bland annat|bl\.? ?a\.)", re.I)
_SOM = re.compile(r",?\s+som\b", re.I)
_SOM_OPENING = re.compile(r",?\s+som\s+(?:(?:i sin tur|även|också|dessutom|själv|sedan|därefter|då|den|det|de)\s+)*", re.I)
_BOTH_WAYS = re.compile(r"\boch (?:tvärtom|omvänt|vice versa)\b|\bömsesidig\w*\b", re.I)
_BEFORE_VERB = re.compile(r"^\s*(?:,|och|samt|eller|/|respektive|resp\.|båda|bägge|tillsammans|gemensamt|\s)*"
                          r"(?:[a-zåäö]+(?:r|s|de|te)\b|ska\b|skall\b|har\b|är\b|kan\b|får\b|bör\b|måste\b)", re.I)


def co_subjects(text: str, start: int, end: int, mentions: list[Mention], subject: Term | None) -> list[Term]:
    """Terms coordinated with the sentence's subject before its verb: "A och B ansvarar",
    "A/B har", "A, B och C ska" give [B] or [B, C] (never the subject itself)."""
    if subject is None:
        return []
    first = next((m for m in mentions if m.term.key == subject.key and start <= m.start < end), None)
    if first is None:
        return []
    out: list[Term] = []
    last = after_parenthesis(text, first.end)  # "Styrelsens ordförande (SO) och direktören"
    for mention in mentions:
        if mention.start < last:
            continue
        if not _COORDINATION.fullmatch(text[last:mention.start]):
            break
        if mention.term.key != subject.key and all(t.key != mention.term.key for t in out):
            out.append(mention.term)
        last = after_parenthesis(text, mention.end)
    if out and not _BEFORE_VERB.match(text[last:end]):
        return []  # "A och B" as objects of an earlier verb, not a subject
    return out


def coordinated(text: str, mentions: list[Mention]) -> list[Mention]:
    """The first mention and those coordinated with it: in "biträda styrelsen och nämnderna i
    arbetet med bolagen" the objects are styrelsen and nämnderna, not bolagen. A parenthesis
    after a mention explains it ("användare (brukare/invånare) samt chefen": användare, chefen)."""
    if not mentions:
        return []
    run = [mentions[0]]
    last = after_parenthesis(text, mentions[0].end)
    both = re.search(r"\bsåväl\s+$", text[max(0, mentions[0].start - 8):mentions[0].start], re.I)
    for mention in mentions[1:]:
        if mention.start < last:
            continue
        if not _COORDINATION.fullmatch(text[last:mention.start]) and \
                not (both and re.fullmatch(r"\s+som\s+", text[last:mention.start])):
            break  # "såväl utskottet som nämnden": both
        run.append(mention)
        last = after_parenthesis(text, mention.end)
    return run


def after_parenthesis(text: str, at: int) -> int:
    """Where the parenthesis right after position ``at`` closes (``at`` if none follows)."""
    match = _PARENTHESIS.match(text, at)
    return match.end() if match else at


def objects(text: str, mentions: list[Mention]) -> list[Mention]:
    """The objects after a cue: the first mention and those coordinated with it, or the
    examples that specify them ("kontakter i organ där tjänstemän samverkar, såsom
    näringsliv och akademi": näringsliv and akademi)."""
    run = coordinated(text, mentions)
    rest = [m for m in mentions if run and m.start >= run[-1].end]
    if rest and _EXAMPLES.search(text, run[-1].end, rest[0].start):
        return coordinated(text, rest)
    return run


def antecedent(text: str, start: int, at: int, mentions: list[Mention]) -> Term | None:
    """The noun a relative clause holding position ``at`` refers to: in "…chefer som i sin
    tur kommunicerar med…" the subject of "kommunicerar" is the chefer before "som"."""
    head = text[start:at]
    matches = [m for m in _SOM.finditer(head) if _RELATIVE.match(head, m.start())]
    if not matches:
        return None
    som = start + matches[-1].start()
    opening = _SOM_OPENING.match(text, som)
    if any(m.start == opening.end() for m in mentions):
        return None  # "…, som direktören utser": the relative clause has a subject of its own
    before = [m for m in mentions if m.end <= som and not text[m.end:som].strip(" ,")]
    return before[-1].term if before else None


def mutual(text: str, start: int, end: int, mentions: list[Mention]) -> list[tuple[Term, Term]]:
    """ "mellan X och Y": the two read each way (a genitive is not one of the two: in
    "mellan nämndernas ordförande och direktören" they are the ordförande and direktören)."""
    pairs = []
    for between in re.finditer(r"\bmellan\b", text[start:end]):
        at = start + between.end()
        following = [m for m in mentions if m.start >= at and not (m.genitive and not m.term.abbrev)][:2]
        if len(following) == 2 and re.fullmatch(r"\s+(?:och|resp\.?|respektive)\s+(?:(?:de|den|det|dess|sina?)\s+)?",
                                                 text[following[0].end:following[1].start]):
            a, b = following[0].term, following[1].term
            pairs += [(a, b), (b, a)]
    return pairs


def both_ways(sentence: str) -> bool:
    """Whether the sentence says its relation also runs the other way ("och tvärtom")."""
    return bool(_BOTH_WAYS.search(sentence))
