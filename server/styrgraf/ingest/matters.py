"""What a delegated matter itself says about the delegate: a row or listed matter
"Anställning av förvaltningschef" makes the delegate the one who appoints the
förvaltningschef; "Uppsägning av …" the one who ends the employment; "Anställningsavtal
för …" the one who signs the contract; a note "Efter samråd med X" has the delegate
consult X, "X informeras" inform X."""
from __future__ import annotations

import re

from styrgraf.ingest.delegation_actors import actors_between
from styrgraf.ingest.lexicon import Term

_OBJECT = r"(?:\s+(?:av|om|för|med|till))?\s+"
MATTERS: tuple[tuple[str, re.Pattern], ...] = (
    ("appoints", re.compile(rf"\b(?:anställning|anställa|tillsättning|tillsätta|utse|utnämna|utnämning)"
                            rf"(?:\s+och\s+[\wåäö]+)?{_OBJECT}", re.I)),
    ("terminatesEmploymentOf", re.compile(rf"\b(?:uppsägning|säga upp|entledigande|entlediga|avsked|avskedande|avskeda)"
                                          rf"{_OBJECT}", re.I)),
    ("signsEmploymentContractOf", re.compile(r"\b(?:anställningsavtal|teckna anställningsavtal)\s+(?:för|med)\s+", re.I)),
    ("consults", re.compile(r"\b(?:efter|i)\s+samråd\s+med\s+", re.I)),
)
_INFORMED = re.compile(r"(.{2,60}?)\s+(?:ska\s+)?(?:informeras|underrättas)\b", re.I)
_INFORMS = re.compile(r"\b(?:informera|informerar|underrätta|underrättar)\s+", re.I)
_STOP = re.compile(r",|\||\n|\s+(?:efter|i samråd|enligt|inom|vid|som|och\s+(?:om|att))\b|[.;(]", re.I)


def relations(text: str, start: int, end: int, delegate: Term, terms: list[Term]) -> list[tuple[str, Term]]:
    """(predicate, object) pairs the matter or note in ``text[start:end]`` gives its delegate."""
    found: list[tuple[str, Term]] = []
    piece = text[start:end]
    for predicate, pattern in MATTERS:
        for match in pattern.finditer(piece):
            found += first_actor(text, start + match.end(), end, terms, predicate)
    for match in _INFORMS.finditer(piece):
        found += first_actor(text, start + match.end(), end, terms, "informs")
    for match in _INFORMED.finditer(piece):
        named = actors_between(text, start + match.start(1), start + match.end(1), terms)
        found += [("informs", named[-1])] if named else []
    return [(p, o) for p, o in dict.fromkeys(found) if o.key != delegate.key]


def first_actor(text: str, start: int, end: int, terms: list[Term], predicate: str) -> list[tuple[str, Term]]:
    """The actor a matter's object names, up to where the object ends."""
    stop = _STOP.search(text, start, end)
    named = actors_between(text, start, stop.start() if stop else end, terms, first_only=True)
    return [(predicate, named[0])] if named else []
