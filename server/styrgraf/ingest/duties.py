"""The label of a duty (sg:Responsibility): the words of the clause from its verb, one duty
at a time.

"ska leda och samordna förvaltningen av kommunens angelägenheter och ha uppsikt över …"
holds two duties; the label keeps the first ("leda och samordna förvaltningen av kommunens
angelägenheter"). A second verb is told from a noun by its lemma (simplemma): an
infinitive is its own lemma ("ha", "samordna"), an inflected noun or adjective is not
("nämnderna", "strategiska").
"""
from __future__ import annotations

import re

import simplemma

MAX_WORDS = 12
_SHORT_VERBS = {"ha", "se", "ge", "gå", "stå", "få", "nå", "ta"}
_NOT_VERBS = {"samt", "och", "att", "för", "inte", "även", "också", "alla", "andra", "hela", "sina", "dessa"}
_NEXT_DUTY = re.compile(r",?\s+(?:och|samt)\s+(?:att\s+)?(?:även\s+|också\s+)?([a-zåäö]+)(?=\s|$)", re.I)


def short_label(rest: str) -> str:
    """A responsibility's label from the words after its cue: at most twelve words."""
    words = re.sub(r"^\s*(?:att|för att|för|det|den)(?:\s+|$)", "", rest.strip(" ,.:;")).split()
    return " ".join(words[:MAX_WORDS]).rstrip(",;:")


def infinitive(word: str) -> bool:
    """Whether a word is a verb's infinitive (its own lemma, ending in -a, or a short verb)."""
    word = word.lower()
    if word in _SHORT_VERBS:
        return True
    return word.endswith("a") and word not in _NOT_VERBS and simplemma.lemmatize(word, lang="sv") == word


def duty_label(rest: str) -> str:
    """The first duty of the words from a duty's verb: cut where "och"/"samt" brings a new
    verb after the first one has its object ("planera arbetet och ha uppsikt" -> "planera
    arbetet"; "leda och samordna förvaltningen" stays whole)."""
    for found in _NEXT_DUTY.finditer(rest):
        if len(rest[:found.start()].split()) >= 2 and infinitive(found.group(1)):
            rest = rest[:found.start()]
            break
    return short_label(rest)


def clause_end_loose(text: str, at: int, end: int) -> int:
    """Where the sentence part from ``at`` ends: a stop, a semicolon or a colon."""
    found = re.compile(r"[.;:!?](?:\s|$)").search(text, at, end)
    return found.start() if found else end
