"""The clause readers of delegation in prose, one construction each (see
``delegation_prose``); each returns the findings of one sentence, or none."""
from __future__ import annotations

import re

from styrgraf.ingest.delegation_actors import ORGANS, actors_between, delegate_before, post_after, spans
from styrgraf.ingest.delegation_model import URGENT as _URGENT, Found, canonical, delegator, found
from styrgraf.ingest.lexicon import Term, find_mentions

DECIDE = r"(?:besluta|fatta beslut|fatta\s+beslut|avgöra)"
_COMMISSION = re.compile(r"\b(?:uppdrar|uppdra|har uppdragit|uppdragit|överlåt(?:er|a)|har överlåtit|överlåtit)"
                         r"\s+(?:härmed\s+)?åt\b", re.I)
_IN_TURN = re.compile(r"\bi sin tur (?:uppdra|överlåt|delegera)\w*\s+(?:åt|till)\b", re.I)
_DELEGATED_TO = re.compile(r"\b(?:delegera(?:s|ts)|har delegerat|delegerat|delegerar|delegera)"
                           r"(?:\s+(?:beslutanderätt(?:en)?|rätten att besluta))?\s+(?:\w+\s+){0,3}?till\b", re.I)
# "får besluta", "får på nämndens vägnar besluta", "har rätt att besluta", "ges delegation att fatta beslut"
_MAY_DECIDE = re.compile(rf"\b(?:(?:får|kan)\s+(?:[\wåäö:]+\s+){{0,4}}?|(?:har|ges|får)\s+(?:rätt|delegation|befogenhet)\s+att\s+"
                         rf"(?:[\wåäö:]+\s+){{0,4}}?){DECIDE}\b", re.I)
# "Beslutanderätten i dessa ärenden överlåts till Y"; "Delegat är Y", "Y är delegat"
_HANDED_TO = re.compile(r"\b(?:beslutanderätt\w*|rätten att besluta|delegation\w*)\b[^.;]{0,80}?\b"
                        r"(?:överlåts|överlämnas|lämnas|ges|tilldelas)\s+(?:\w+\s+){0,2}?till\b", re.I)
_DELEGATE_IS = re.compile(r"^\s*delegat(?:en)?\s+(?:är|blir)\s+|\s+är\s+delegat\b", re.I)
_TO_WHOM = re.compile(r"^\s*(?:\S+\s+){0,3}?till\s+(.{2,80}?)\s+delegera(?:s|t)\b", re.I)
_DECIDES = re.compile(r"\bbeslutar\s+(?:om|i)\b|\bfattar beslut (?:om|i)\b", re.I)
_TAKEN_BY = re.compile(r"\b(?:fattas|beslutas|görs|sker)\s+av\b", re.I)
_ON_DELEGATION = re.compile(r"\bdelegationsordning|\bpå delegation\b|\bvägnar\b", re.I)
_PASSES_TO = re.compile(r"\b(?:övergår|går)\s+(?:rätten|beslutanderätten)\s+till\b|\bvid\s+[\wåäö]+(?:s)\s+(?:frånvaro|förfall|förhinder)\s+beslutar\b", re.I)
_REDELEGATE = re.compile(r"\bvidaredelegera\w*\b(?:[^.;]|\.\d)*?\btill\b", re.I)
_CONTEXT = re.compile(r"vägnar|brådskande|delegat|delegering|delegera|vidaredeleg", re.I)
_BEHALF = re.compile(r"\bpå\s+([\wåäöÅÄÖ ]+?s)\s+vägnar\b", re.I)
_NOT = re.compile(r"\b(?:inte|ej|aldrig)\b", re.I)


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
    "Till Y delegeras …", "Beslutanderätten … överlåts till Y", "Delegat är Y"."""
    handed = _HANDED_TO.search(text, start, end)
    if handed and not _NOT.search(text, start, handed.end()) and not re.search(r"\bkan\b", text[start:handed.end()]):
        named = actors_between(text, handed.end(), end, terms, first_only=True)
        return found(state.body, named, start, end, "delegeras-till", text[start:end])
    named_as = _DELEGATE_IS.search(text, start, end)
    if named_as and not _NOT.search(text, start, end):
        named = actors_between(text, named_as.end(), end, terms, first_only=True) if named_as.start() == start \
            else delegate_before(text, start, named_as.start(), terms, strict=True)
        return found(state.body, named, start, end, "delegat-ar", text[start:end])
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
