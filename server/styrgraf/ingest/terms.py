"""What a lexicon entry is, what a mention of it is, and how a named entry names its node.

Most entries name one node in every organisation ("kommunstyrelsen", "nämnd"). A *named*
entry is a family: every committee whose name is a compound of "-nämnd", every
"-utskott", every post whose title ends in "-chef". Its pattern captures the name
(group ``name``); each name found is a term of its own, with its own node, so that
"socialnämnden" and "barn- och utbildningsnämnden" are two committees, not one "nämnd".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

ORG = r"(?:kommun|region|landstings?)"
W = r"(?![\wåäöÅÄÖ])"          # end of a word
B = r"(?<![\wåäöÅÄÖ])"         # start of a word
NOUN_OR = r"(?:en|ens|er|ers|erna|ernas|s)?"     # direktör, chef
# "barn- och utbildnings-", "kultur-, fritids- och ": the first parts of a coordinated compound
COORD = r"(?:[\wåäö]+-(?:, [\wåäö]+-)* (?:och|samt) )?"
NOT_COPULA = r"(?<!är )(?<!vara )(?<!blir )(?<![\wåäöÅÄÖ])"  # "X är ordförande i Y" keeps Y an organ of its own
_PLURAL = re.compile(r"(?:er|ar|or|erna|arna|orna|ernas|arnas|ornas|na|nas)$")


@dataclass(frozen=True)
class Term:
    """One lexicon entry: the node it names in any organisation, and its class.

    ``named`` says how a named entry labels the node of each name it finds: "post" by the
    title's base form ("ekonomichef"), "en" or "et" by an organ's definite form
    ("socialnämnden", "personalutskottet"), "written" as the text writes it. ``keyed``
    gives each name a node of its own (False: every name is this one node, as the
    director's many titles are). ``defined`` marks the document's own definitions, which
    win over the lexicon where both read the same words."""

    key: str
    label: str
    label_en: str
    cls: str
    pattern: str
    abbrev: str = ""  # upper-case abbreviations, matched case-sensitively
    named: str = ""
    keyed: bool = True
    defined: bool = False


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


def stem(word: str) -> str:
    """A name as written without its genitive and definite ending ("krisledningsnämndens" ->
    "krisledningsnämnd", "fullmäktiges" -> "fullmäktige"): the same in every form, for a key."""
    word = " ".join(word.lower().split())
    if word.endswith("s") and len(word) > 5:
        word = word[:-1]
    for ending in ("erna", "arna", "orna", "en", "et", "na", "n"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[:-len(ending)]
    return word


def name_term(term: Term, match: re.Match) -> Term:
    """The term a match of a named entry stands for: its own key and label."""
    name = match.groupdict().get("name")
    if not term.named or not name:
        return term
    lower = " ".join(name.lower().split())
    if term.named == "post":
        label = lower
    elif term.named == "written":  # as written; a company's name keeps its capitals ("Ekbo Energi AB")
        whole = " ".join(match.group(0).split())
        label = whole if whole.endswith(" AB") else whole.lower()
    else:  # an organ in its definite form, as organs are named
        label = lower + term.named
    name = stem(lower) if term.named == "written" else lower  # the other families' names have no ending
    key = f"{term.key}:{slug_key(_ORG_PREFIX.sub('', name))}" if term.keyed else term.key
    return replace(term, key=key, label=label)


_ORG_PREFIX = re.compile(r"^(?:kommun|region|landstings?)(?=[a-zåäö]{4})")


def slug_key(text: str) -> str:
    out = re.sub(r"[^a-zåäö0-9]+", "-", text.lower()).strip("-")
    return out.translate(str.maketrans("åäö", "aao"))


def named_label(mention: Mention) -> str:
    """A named term's label for a mention: a plural organ keeps its plural ("driftnämnderna")."""
    term = mention.term
    if term.named in ("en", "et"):
        surface = " ".join(mention.text.lower().split())
        rest = surface[len(term.label) - len(term.named):] if surface.startswith(term.label[:-len(term.named)]) else ""
        if _PLURAL.fullmatch(rest.rstrip("s") or "x") or (term.named == "et" and rest in ("en", "ens")):
            return surface[:-1] if surface.endswith("nas") else surface
    return term.label
