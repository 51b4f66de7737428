"""A document's own definitions of the names it uses: "kommundirektören (nedan kallad KD)",
"regionstyrelsen (nedan styrelsen)", "Direktören benämns i denna instruktion
kommunchef", abbreviations in parentheses and abbreviation lists ("KC = kommunchef").
Only the text is read here; ``lexicon.document_terms`` turns each definition into a
term that maps the defined name to the node the definition names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_WORDS = r"[\wåäöÅÄÖ-]+(?: [\wåäöÅÄÖ-]+){0,5}"
# "X (KD)", "X (nedan kallad KD)", "X (nedan styrelsen)", "X (i det följande "nämnden")"
_PARENTHESIS = re.compile(
    rf"(?P<ref>{_WORDS})\s*\((?P<lead>(?:nedan|i det följande|fortsättningsvis|härefter)(?:\s+(?:kallad|kallade|"
    r"benämnd|benämnt|benämnda|benämns))?:?\s+)?[\"”“'»«]?(?P<name>[^()\"”“'»«\n]{2,40}?)[\"”“'»«]?\)")
# "X benämns i denna instruktion Y", "X, som i denna arbetsordning benämns Y,", "X betecknas här Y"
_WHERE = r"(?: i (?:denna|detta|dessa|den här|det här) [\wåäö]+| här| nedan| fortsättningsvis| i det följande)?"
_NAMED_AS = re.compile(
    rf"(?:^|(?<=[.;:!?]))[ \t]*(?P<ref>[^.;:!?\n]+?)(?:,? som)?{_WHERE} (?:benämns|betecknas|tituleras){_WHERE}\s+"
    r"(?P<name>[\wåäö-]+(?: (?!och\b|samt\b|i\b|som\b|enligt\b|vid\b|för\b)[\wåäö-]+){0,2}?)(?=\s*[.,;:(]|\s+(?:och|samt|i|som|enligt|vid|för)\b|\s*$)",
    re.MULTILINE)
# an abbreviation list: "KC  kommunchef", "KC = …", "KC: …", "KC – …"
_LIST_LINE = re.compile(r"^[ \t]*(?P<name>[A-ZÅÄÖ]{2,6})(?:[ \t]*[=:–—-][ \t]*|[ \t]+)(?P<ref>[A-ZÅÄÖa-zåäö][^\n=:]{2,60}?)[ \t.]*$",
                        re.MULTILINE)
_ABBREVIATION = re.compile(r"[A-ZÅÄÖ]{2,6}")
_PLURAL = re.compile(r"(?:erna|arna|orna|na)$")


@dataclass(frozen=True)
class Definition:
    """A name the document defines and the words that name what it stands for: the last
    mention of ``ref`` ("kommundirektören (KD)") or, for "X benämns Y", its subject."""

    name: str
    ref: str
    subject_first: bool = False
    whole: bool = False  # the whole of ``ref`` must be the one mention (a line of a list)
    same_kind: bool = False  # the name must itself name an organ or post of the kind ``ref`` names

    @property
    def abbreviation(self) -> bool:
        return bool(_ABBREVIATION.fullmatch(self.name))


def definitions(text: str) -> list[Definition]:
    """Every definition of a name in a text, in text order; a plural name
    ("nedan kallade nämnderna") names a group, not the organ before it, and is left out."""
    found: list[tuple[int, Definition]] = []
    for match in _PARENTHESIS.finditer(text):
        name = match.group("name").strip()
        if match.group("lead") or _ABBREVIATION.fullmatch(name):  # "(se avsnitt 2)" defines nothing
            found.append((match.start(), Definition(name, match.group("ref"))))
        elif re.fullmatch(r"[a-zåäö]+", name):  # "Miljönämnden (nämnden)": a short name of the same kind
            found.append((match.start(), Definition(name, match.group("ref"), same_kind=True)))
    for match in _NAMED_AS.finditer(text):
        found.append((match.start(), Definition(match.group("name").strip(), match.group("ref"), subject_first=True)))
    for match in _LIST_LINE.finditer(text):
        found.append((match.start(), Definition(match.group("name"), match.group("ref").strip(), whole=True)))
    return [d for _, d in sorted(found, key=lambda pair: pair[0])
            if d.abbreviation or not _PLURAL.search(d.name.lower())]
