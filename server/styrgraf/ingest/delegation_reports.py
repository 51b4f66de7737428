"""The reporting of delegated decisions: "anmäls till X", "anmäls vid X:s nästa
sammanträde", "anmäler besluten till X". The one who reports is the one whose decisions
they are: named in the clause ("Beslut som Y fattar", "Y:s beslut", "Y anmäler"), or the
delegates the text spoke of last ("Sådana beslut"), or those who received a further
delegation ("Beslut som fattas efter vidaredelegering"). A delegate reports to the one
it decides for (kommunallagen 6 kap. 40 §, 7 kap. 7 §)."""
from __future__ import annotations

import re

from styrgraf.ingest.delegation_actors import ORGANS, actors_between, delegate_before, spans
from styrgraf.ingest.delegation_model import Found
from styrgraf.ingest.lexicon import Term, find_mentions

_REPORTED = re.compile(r"\banmäl(?:s|as|es|a|er|ts)\b(?:\s+(?:\w+\s+){0,3}?(?:till|vid|hos|i)\b)", re.I)
_ONWARD = re.compile(r",\s+som\s+(?:i sin tur\s+)?anmäler\s+(?:\w+\s+){0,2}?(?:vidare\s+)?(?:till|vid)\b", re.I)
_WHOSE = re.compile(r"\bsom\s+(.{1,60}?)\s+(?:fattar|har fattat|fattat|beslutar)\b", re.I)
_FURTHER = re.compile(r"vidaredelegering|vidaredelegerad|i sin tur|på det sättet", re.I)
_SUCH = re.compile(r"^\s*(?:sådana|sådant|dessa|ett sådant|de)\s+beslut|^\s*beslut(?:et|en)\s+(?:ska\s+)?$|fattats med stöd av delegering|"
                   r"^\s*beslut(?:en)? som fattats (?:på|med stöd av) delegation", re.I)
_AGENT_FIRST = re.compile(r"\b(?:ansvarar|ser till|ska se till)\b", re.I)


def reports(text: str, start: int, end: int, terms: list[Term], state) -> list:
    """The reportsTo findings of one sentence (see the module's docstring)."""
    clause = text[start:end]
    match = _REPORTED.search(clause)
    if not match or re.search(r"\b(?:inte|ej)\b", clause[:match.end()]) or _AGENT_FIRST.search(clause[:match.start()]):
        return []
    target = report_target(text, start + match.end(), end, terms, state)
    reporters = reporters_of(text, start, start + match.start(), terms, state)
    # "Delegaten anmäler …" names no one in particular
    out = [Found(r, "reportsTo", target, start, end, "anmals-till") for r in reporters
           if r.key not in (target.key, "delegat")]
    onward = _ONWARD.search(clause)
    if onward:  # "anmäls till Y, som anmäler dem vidare till X"
        middle = actors_between(text, start + match.end(), start + onward.start(), terms)
        final = report_target(text, start + onward.end(), end, terms, state)
        out += [Found(m, "reportsTo", final, start, end, "anmals-vidare") for m in middle[-1:] if m.key != final.key]
    return out


def report_target(text: str, start: int, end: int, terms: list[Term], state) -> Term:
    """Whom decisions are reported to: the first actor after the cue ("till
    kommunchefen", "vid styrelsens nästa sammanträde"), else the delegating body."""
    stop = re.search(r"\s+och inte\b|,\s+som\b", text[start:end])
    limit = start + stop.start() if stop else end
    found = [(m.start + start, m.term) for m in find_mentions(text[start:limit], terms)]
    found += [(a, t) for t, a, _ in spans(text, start, limit, terms)]
    return min(found, key=lambda x: x[0])[1] if found else state.body


def reporters_of(text: str, start: int, at: int, terms: list[Term], state) -> list[Term]:
    """Whose decisions a sentence reports, from the words before the cue."""
    before = text[start:at]
    whose = _WHOSE.search(before)
    if whose:
        named = actors_between(text, start + whose.start(1), start + whose.end(1), terms)
        if named:
            return named
    owners = [m for m in find_mentions(before, terms)
              if m.genitive and re.match(r"\s+(?:\w+\s+)?(?:beslut|protokoll|sammanträde)", before[m.end:], re.I)
              or re.search(r"protokoll\w*\s+från\s+$", before[:m.start], re.I)]
    if owners:
        return [owners[0].term]
    if _FURTHER.search(before) and state.redelegated:
        return list(state.redelegated)
    if _SUCH.search(before) and state.last:
        return list(state.last)
    active = re.search(r"\banmäler\b", before + text[at:at + 10])
    if active:
        return [t for t in delegate_before(text, start, at, terms, strict=True) if t.cls not in ORGANS - {"WorkingCommittee"}]
    return []
