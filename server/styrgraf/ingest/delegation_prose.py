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
from dataclasses import dataclass, field

from styrgraf.ingest import segments
from styrgraf.ingest.delegation_actors import ORGANS, actors_between, delegate_before, post_after, spans
from styrgraf.ingest.lexicon import Term, find_mentions

DECIDE = r"(?:besluta|fatta beslut|fatta\s+beslut|avgöra)"
_COMMISSION = re.compile(rf"\b(?:uppdrar|uppdra|har uppdragit|uppdragit|överlåt(?:er|a)|har överlåtit|överlåtit)"
                         rf"\s+(?:härmed\s+)?åt\b", re.I)
_IN_TURN = re.compile(r"\bi sin tur (?:uppdra|överlåt|delegera)\w*\s+(?:åt|till)\b", re.I)
_DELEGATED_TO = re.compile(r"\b(?:delegera(?:s|ts)|har delegerat|delegerat|delegerar|delegera)"
                           r"(?:\s+(?:beslutanderätt(?:en)?|rätten att besluta))?\s+(?:\w+\s+){0,3}?till\b", re.I)
_MAY_DECIDE = re.compile(rf"\b(?:(?:får|kan)\s+(?:också\s+|även\s+|själv\s+)?|(?:har|ges|får)\s+(?:rätt|delegation|befogenhet)\s+att\s+)"
                         rf"{DECIDE}\b", re.I)
_TO_WHOM = re.compile(r"^\s*(?:\S+\s+){0,3}?till\s+(.{2,80}?)\s+delegera(?:s|t)\b", re.I)
_DECIDES = re.compile(r"\bbeslutar\s+(?:om|i)\b|\bfattar beslut (?:om|i)\b", re.I)
_TAKEN_BY = re.compile(r"\b(?:fattas|beslutas|görs|sker)\s+av\b", re.I)
_ON_DELEGATION = re.compile(r"\bdelegationsordning|\bpå delegation\b|\bvägnar\b", re.I)
_URGENT = re.compile(r"\bbrådskande\b", re.I)
_PASSES_TO = re.compile(r"\b(?:övergår|går)\s+(?:rätten|beslutanderätten)\s+till\b|\bvid\s+[\wåäö]+(?:s)\s+(?:frånvaro|förfall|förhinder)\s+beslutar\b", re.I)
_REDELEGATE = re.compile(r"\bvidaredelegera\w*\b(?:[^.;]|\.\d)*?\btill\b", re.I)
_CONTEXT = re.compile(r"vägnar|brådskande|delegat|delegering|delegera|vidaredeleg", re.I)
_BEHALF = re.compile(r"\bpå\s+([\wåäöÅÄÖ ]+?s)\s+vägnar\b", re.I)
_NOT = re.compile(r"\b(?:inte|ej|aldrig)\b", re.I)
_NUMBERED_ITEM = re.compile(r"^(?:- |\d{1,2}[.)]\s+|[a-zåäö][.)]\s+)")
_LEAD_END = re.compile(r"(?:\b(?:om|i|till)|:)\s*$")


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


def propose(text: str, terms: list[Term], body: Term, order: bool) -> list[Found]:
    """Every delegation and report the prose of a normalised text states."""
    from styrgraf.ingest.delegation_reports import reports
    state = State(body, order)
    found: list[Found] = []
    for block in segments.blocks(text):
        if block.kind == "row":
            continue
        if _NUMBERED_ITEM.match(block.text) and state.lead is not None:
            delegator, delegates, basis = state.lead
            found += [Found(delegator, "delegatesTo", d, block.start, block.end, "delegation-lista",
                            "6:39" if _URGENT.search(block.text) else basis) for d in delegates]
            continue
        state.lead = None
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
        if delegates:
            state.lead = (state.pending, delegates, None)
            state.last = delegates
        return []
    if out:
        if out[0].rule != "overgar-till":
            state.last = [f.object for f in out if not f.substitute] or state.last
        if _LEAD_END.search(clause) and not re.search(r"[.]\s*$", clause):
            state.lead = (out[0].subject, [f.object for f in out], out[0].basis)
            return []
    return out


def found(subject: Term, delegates: list[Term], start: int, end: int, rule: str, clause: str,
          basis: str | None = None) -> list[Found]:
    """Delegations from one delegator to each delegate (none to itself)."""
    if _URGENT.search(clause):
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


def in_turn(text, start, end, terms, state) -> list[Found]:
    """"X har överlåtit åt Y att i sin tur uppdra åt Z att besluta": Y delegates to Z (7:6)."""
    match = _IN_TURN.search(text, start, end)
    first = _COMMISSION.search(text, start, end)
    if not match or not first:
        return []
    middle = actors_between(text, first.end(), match.start(), terms)
    targets = [post_after(text, match.end(), end, terms)]
    if not middle or targets[0] is None:
        return []
    state.redelegated = targets
    return found(middle[0], targets, start, end, "vidaredelegering", text[start:end], "7:6")


def redelegate(text, start, end, terms, state) -> list[Found]:
    """Further delegation ("vidaredelegera") from Y to Z (or W): Y delegates to Z (7:6)."""
    match = _REDELEGATE.search(text, start, end)
    if not match:
        return []
    before = [t for t in actors_between(text, start, match.start(), terms) if t.cls not in ORGANS - {"WorkingCommittee"}]
    stop = re.search(r"\s*\(|\s+(?:enligt|inom|vid|i|för)\s", text[match.end():end])
    targets = actors_between(text, match.end(), match.end() + stop.start() if stop else end, terms)
    if not before or not targets:
        return []
    state.redelegated = targets
    return found(before[-1], targets, start, end, "vidaredelegering", text[start:end], "7:6")


def commission(text, start, end, terms, state) -> list[Found]:
    """"X uppdrar åt Y att besluta", or "X uppdrar åt" as the lead-in of what follows."""
    match = _COMMISSION.search(text, start, end)
    if not match:
        return []
    if not text[match.end():end].strip(" :"):
        state.pending = delegator(text, start, match.start(), terms, state)
        return []
    tail = re.search(rf"\batt\s+(?:\w+\s+){{0,2}}?{DECIDE}\b", text[match.end():end], re.I)
    if not tail:
        return []
    delegates = actors_between(text, match.end(), match.end() + tail.start(), terms)
    return found(delegator(text, start, match.start(), terms, state), delegates, start, end, "uppdrar-at",
                 text[start:end])


def delegated_to(text, start, end, terms, state) -> list[Found]:
    """"Beslutanderätten i … delegeras till Y", "ärenden som X har delegerat till Y",
    "Till Y delegeras …"."""
    inverted = _TO_WHOM.match(text[start:end])
    if inverted:
        named = actors_between(text, start + inverted.start(1), start + inverted.end(1), terms, first_only=True)
        return found(state.body, named, start, end, "delegeras-till", text[start:end])
    match = _DELEGATED_TO.search(text, start, end)
    if not match or _NOT.search(text, start, match.start()) or re.search(r"\bvidare", match.group(0), re.I):
        return []
    delegates = actors_between(text, match.end(), end, terms, first_only=True)
    if not delegates or re.match(r"\s*(?:dem|honom|henne|denne)\b", text[match.end():end]):
        return []
    passive = match.group(0).split()[0].lower().endswith("s")
    giver = state.body if passive else delegator(text, start, match.start(), terms, state)
    return found(giver, delegates, start, end, "delegeras-till", text[start:end])


def may_decide(text, start, end, terms, state) -> list[Found]:
    """"Y får besluta …", "Y beslutar på X:s vägnar", "vid förhinder övergår rätten till Z"."""
    clause = text[start:end]
    match = _MAY_DECIDE.search(clause) or _PASSES_TO.search(clause) or \
        re.search(r"\bbeslutar på\s+[\wåäöÅÄÖ ]+?s\s+vägnar", clause, re.I)
    if not match or _NOT.search(clause, 0, match.end()) or not (state.order or _CONTEXT.search(clause)) or \
            re.search(r"\bsom\s+(?:\S+\s+){0,3}$", clause[:match.start()]):  # "ett ärende som X får besluta i"
        return []
    if match.re is _PASSES_TO:
        target = post_after(text, start + match.end(), end, terms)
        return found(state.body, [target], start, end, "overgar-till", clause) if target else []
    delegates = delegate_before(text, start, start + match.start(), terms)
    behalf = _BEHALF.search(clause)
    giver = delegator(text, start + behalf.start(1), start + behalf.end(1) + 1, terms, state) if behalf else \
        urgent_giver(text, start, end, terms, state)
    out = found(giver, delegates, start, end, "far-besluta", clause)
    stand_in = re.search(r"\bvid\s+(?:förfall|förhinder|frånvaro)\b", clause, re.I)
    for f in out:
        f.substitute = bool(stand_in) and start + stand_in.start() < f_start(text, start, f.object, terms)
    return out


def f_start(text: str, start: int, term: Term, terms: list[Term]) -> int:
    """Where a sentence (from ``start``) first names ``term``."""
    return next((a for t, a, _ in spans(text, start, len(text), terms) if t.key == term.key), start)


def urgent_giver(text, start, end, terms, state) -> Term:
    """Whose decisions cannot wait: "så brådskande att nämndens avgörande inte kan avvaktas"."""
    whose = re.search(r"\batt\s+(.{1,60}?s)\s+(?:avgörande|sammanträde|beslut)\b", text[start:end], re.I)
    if whose and _URGENT.search(text, start, end):
        named = actors_between(text, start + whose.start(1), start + whose.end(1), terms, organs_only=True)
        named = named or [m.term for m in find_mentions(whose.group(1), terms) if m.term.cls in ORGANS]
        if named:
            return canonical(named[-1], state)
    return state.body


def urgent(text, start, end, terms, state) -> list[Found]:
    """"I ärenden som är så brådskande att … beslutar nämndens ordförande": the verb first."""
    clause = text[start:end]
    match = re.search(rf"\b(?:beslutar|får\s+(?:\w+\s+)?{DECIDE}|fattar beslut)\s+", clause, re.I)
    waiting = re.sub(r"\b(?:inte|ej)\s+(?:kan|hinner)\s+\w+", "", clause[:match.end()]) if match else ""
    if not match or not _URGENT.search(clause, 0, match.start()) or _NOT.search(waiting):
        return []
    target = spans(text, start + match.end(), end, terms)
    if not target or target[0][1] != start + match.end():
        return []
    return found(urgent_giver(text, start, end, terms, state), [target[0][0]], start, end, "bradskande", clause, "6:39")


def decides(text, start, end, terms, state) -> list[Found]:
    """In a delegation order: "Y beslutar om …", "Beslut om … fattas av Y"."""
    clause = text[start:end]
    if not (state.order or _ON_DELEGATION.search(clause)):
        return []
    owner = re.search(r"\b([\wåäöÅÄÖ]+s)\s+delegationsordning", clause)
    named = actors_between(owner.group(1), 0, len(owner.group(1)), terms, organs_only=True) if owner else []
    giver = canonical(named[0], state) if named else state.body
    taken = _TAKEN_BY.search(clause)
    if taken and re.match(r"\s*(?:\S+\s+)?(?:beslut\b|[\wåäö]+(?:ning|ande|else)\b)", clause, re.I):
        target = post_after(text, start + taken.end(), end, terms)
        return found(giver, [target], start, end, "fattas-av", clause) if target else []
    match = _DECIDES.search(clause)
    if not match or _NOT.search(clause, 0, match.end()) or re.search(r"\bsjälv", clause[:match.end()], re.I):
        return []
    return found(giver, delegate_before(text, start, start + match.start(), terms, strict=True), start, end,
                 "beslutar-om", clause)
