"""Delegation written as prose, and the reporting of delegated decisions.

The constructions are those of kommunallagen and of delegation orders generally:

- "X uppdrar åt Y att besluta i …", "X har överlåtit åt Y att …", "X får uppdra åt Y att
  besluta" (6 kap. 37 §, 7 kap. 5 §); a lead-in "X uppdrar åt" over "Y att besluta i"
  and a numbered list; "med Z som ersättare";
- "Beslutanderätten i … delegeras till Y", "som X har delegerat till Y";
- "Y får besluta (om|i) …", "Y beslutar på X:s vägnar", "Y, och vid förfall Z, får fatta
  beslut i ärenden som är så brådskande …" (6 kap. 39 §), "vid förhinder övergår rätten
  till Z";
- in a delegation order: "Y beslutar om …", "Beslut om … fattas av Y", and Z deciding in
  Y's absence;
- further delegation by Y to Z, "att i sin tur uppdra åt Z" (7 kap. 6 §);
- "Beslut som Y fattar" reported to X, "Y:s beslut anmäls till X", "Y anmäler besluten
  vid X:s nästa sammanträde", "Sådana beslut anmäls …": Y reports to X.

Each finding names the delegator (the clause's, else the document's delegating body),
the delegate, the span it is read from and the provision of kommunallagen it rests on.
"""
from __future__ import annotations

import re

from styrgraf.ingest import segments
from styrgraf.ingest.delegation_actors import actors_between
from styrgraf.ingest.delegation_model import URGENT, Found, State
from styrgraf.ingest.delegation_readers import (DECIDE, commission, decides, delegated_to, in_turn, may_decide,
                                                redelegate, urgent)
from styrgraf.ingest.delegation_reports import reports
from styrgraf.ingest.lexicon import Term
from styrgraf.ingest.posts import post_term

_NUMBERED_ITEM = re.compile(r"^(?:- |\d{1,2}[.)]\s+(?=[a-zåäö])|[a-zåäö][.)]\s+)")  # a listed matter, not a heading
_LEAD_END = re.compile(r"(?:\b(?:om|i|till)|:)\s*$")


def propose(text: str, terms: list[Term], body: Term, order: bool) -> list[Found]:
    """Every delegation and report the prose of a normalised text states."""
    state = State(body, order)
    found: list[Found] = []
    for block in segments.blocks(text):
        if block.kind == "row":
            continue
        if _NUMBERED_ITEM.match(block.text) and state.lead is not None:
            delegator, delegates, basis = state.lead
            found += [Found(delegator, "delegatesTo", d, block.start, block.end, "delegation-lista",
                            "6:39" if URGENT.search(block.text) else basis, d.key in state.standing_in)
                      for d in delegates]
            continue
        state.lead = None
        if state.order and block.kind == "heading" and heading_post(block.text, terms, state):
            continue  # a heading that names only a post: the delegate of the list below
        for start, end in segments.sentences(block):
            found += sentence(text, start, end, terms, state)
            found += reports(text, start, end, terms, state)
    return found


def sentence(text: str, start: int, end: int, terms: list[Term], state: State) -> list[Found]:
    """The delegations one sentence states (and a lead-in it opens for the list below)."""
    clause = text[start:end]
    out: list[Found] = []
    for reader in (in_turn, redelegate, commission, delegated_to, urgent, may_decide, decides):
        out = reader(text, start, end, terms, state)
        if out:
            break
    if not out and state.pending is not None:  # "2.1 Y, med Z som ersättare, att besluta i"
        lead = re.search(rf"\batt\s+{DECIDE}\s+(?:i|om)\s*:?\s*$", clause, re.I)
        delegates = actors_between(text, start, start + lead.start(), terms) if lead else []
        stand_in = re.search(r"\bmed\s+(.+?)\s+som\s+ersättare\b", clause, re.I)
        state.standing_in = {t.key for t in actors_between(text, start + stand_in.start(1), start + stand_in.end(1),
                                                           terms)} if stand_in else set()
        if delegates:
            state.lead = (state.pending, delegates, None)
            state.last = delegates
        return []
    if out:
        if out[0].rule != "overgar-till":
            state.last = [f.object for f in out if not f.substitute] or state.last
        if _LEAD_END.search(clause) and not re.search(r"[.]\s*$", clause):
            state.lead = (out[0].subject, [f.object for f in out], out[0].basis)
            state.standing_in = {f.object.key for f in out if f.substitute}
            return []
    return out


def heading_post(heading: str, terms: list[Term], state: State) -> bool:
    """In a delegation order, a heading that is a post's name alone ("3.2 Kulturchefen")
    makes that post the delegate of the list items below it."""
    name = re.sub(r"^\s*(?:[A-ZÅÄÖ]?\d{1,2}(?:\.\d{1,2})*\.?\s+)?", "", heading).strip(" :")
    found = actors_between(name, 0, len(name), terms)
    if len(found) != 1 or post_term(name, terms) is None or found[0].key in (state.body.key, "medarbetare") \
            or found[0].cls in ("Assembly", "ExternalParty", "AdministrativeUnit"):
        return False
    state.lead = (state.body, found, None)
    return True
