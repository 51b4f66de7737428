"""What a delegation clause gives: a finding (who to whom, where, on which provision),
the reading state a document carries from sentence to sentence, and who delegates."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from styrgraf.ingest.delegation_actors import actors_between
from styrgraf.ingest.lexicon import Term

URGENT = re.compile(r"\bbrådskande\b", re.I)


@dataclass
class Found:
    """One delegation or report read from prose: who to whom, where, on which provision."""

    subject: Term
    predicate: str  # delegatesTo | reportsTo
    object: Term
    start: int
    end: int
    rule: str
    basis: str | None = None  # "6:37", "7:5", "6:39", "7:6"
    substitute: bool = False  # named "vid förfall": stands in for the delegate before it


@dataclass
class State:
    body: Term
    order: bool
    lead: tuple[Term, list[Term], str | None] | None = None  # delegator, delegates, basis for the items below
    pending: Term | None = None  # "X uppdrar åt" ending a block: the delegator of the next lead-in
    last: list[Term] = field(default_factory=list)  # the delegates of the last sentence that named any
    redelegated: list[Term] = field(default_factory=list)
    standing_in: set[str] = field(default_factory=set)  # the keys of the lead's substitutes


def found(subject: Term, delegates: list[Term], start: int, end: int, rule: str, clause: str,
          basis: str | None = None) -> list[Found]:
    """Delegations from one delegator to each delegate (none to itself)."""
    if URGENT.search(clause):
        basis = "6:39"
    return [Found(subject, "delegatesTo", d, start, end, rule, basis) for d in delegates if d.key != subject.key]


def delegator(text: str, start: int, at: int, terms: list[Term], state: State) -> Term:
    """Who delegates: the organ named before ``at`` in the clause, else the document's body."""
    named = actors_between(text, start, at, terms, organs_only=True)
    return canonical(named[-1], state) if named else state.body


def canonical(organ: Term, state: State) -> Term:
    """The document's delegating body for an organ of its class that the lexicon lacks
    ("Regionala utvecklingsnämnden" in a delegation order for that nämnd)."""
    return state.body if organ.key.startswith("post-") and organ.cls == state.body.cls else organ
