"""Delegation candidates: from the rows of delegation tables and from delegation in prose,
with the body that delegates and the provision of kommunallagen each rests on.

The delegating body is the organ the document's title names ("Delegationsordning för
socialnämnden", "Kommunstyrelsens delegationsordning"), else the body that adopted it,
else the executive board. The legal basis is the provision a row or clause cites; where it
cites none, the provision the document itself cites for that kind of delegation: to an
organ or an elected representative 6 kap. 37 §, to an employee 7 kap. 5 §, urgent
decisions 6 kap. 39 §, further delegation 7 kap. 6 § (SFS 2017:725).
"""
from __future__ import annotations

import re

from styrgraf.ingest import delegation, delegation_prose, matters, qualifiers, segments
from styrgraf.ingest.delegation_actors import ORGANS, spans
from styrgraf.ingest.lexicon import TERMS, Term, find_mentions
from styrgraf.ingest.model import Candidate
from styrgraf.ingest.nodes import Resolver
from styrgraf.vocab import KL

BOARD = next(t for t in TERMS if t.key == "styrelsen")
GENERIC = {"Committee": next(t for t in TERMS if t.key == "namnd"), "ExecutiveBoard": BOARD}
ELECTED = ORGANS | {"Chair", "ElectedRepresentative", "OppositionLeader"}
_NAMING = re.compile(r"delegation|delegering|beslutanderätt|reglemente|arbetsordning|instruktion", re.I)
_ORDER = re.compile(r"delegationsordning|delegeringsordning|delegationsbestämmelser|delegationsförteckning|"
                    r"riktlinje[r]? för delegering|delegering av beslutanderätt", re.I)


def delegating_body(text: str, terms: list[Term], title: str | None, decided_by: Term | None) -> Term:
    """The organ that delegates (see the module's docstring)."""
    heads = [b.text for b in segments.blocks(text)[:10] if b.kind == "heading" and _NAMING.search(b.text)]
    for line in heads + [title or ""]:
        organs = [t for t, _, _ in spans(line, 0, len(line), terms) if t.cls in ORGANS - {"Assembly"}] or \
            [m.term for m in find_mentions(line, terms) if m.term.cls in ORGANS]
        if organs:
            organ = organs[0]
            if organ.key.startswith("post-") and organ.cls in GENERIC and \
                    any(m.term.key == GENERIC[organ.cls].key for m in find_mentions(text, terms)):
                return GENERIC[organ.cls]  # "regionala utvecklingsnämnden" is "nämnden" further on
            return organ
    if decided_by is not None and decided_by.cls in ORGANS - {"Assembly"}:
        return decided_by
    return BOARD


def is_order(text: str, title: str | None, document_type: str | None) -> bool:
    """Whether the document is a delegation order (its plain "X beslutar om" delegates)."""
    heads = [b.text for b in segments.blocks(text)[:10] if b.kind == "heading"]
    return document_type == "DelegationOrder" or any(_ORDER.search(line) for line in [title or "", *heads])


def candidates(text: str, terms: list[Term], body: Term, order: bool, resolver: Resolver) -> list[Candidate]:
    """Delegation and reporting candidates of the tables and the prose."""
    cited = cited_provisions(text)
    out: list[Candidate] = []
    for row in delegation.rows(text, terms, order):
        quote = text[row.start:row.end]
        for i, delegate in enumerate(row.delegates):
            if delegate.key == body.key:
                continue
            basis = qualifiers.legal_basis(row.law or "", bool(row.law and qualifiers.KL_NAMED.search(row.law))) \
                or inferred(quote, delegate, None, cited)
            out.append(Candidate(resolver.node(body), "delegatesTo", resolver.node(delegate), quote, row.start, row.end,
                                 "delegationstabell" if i == 0 else "delegationstabell-ersattare", 0.85 if i == 0 else 0.8,
                                 modality="permission", condition=row.note, scope=row.matter or None, legal_basis=basis))
            if i == 0:
                out += matter_candidates(text, row.start, row.end, delegate, terms, resolver, "delegationstabell-arende")
            if row.report_to is not None and row.report_to.key != delegate.key:
                out.append(Candidate(resolver.node(delegate), "reportsTo", resolver.node(row.report_to), quote,
                                     row.start, row.end, "delegationstabell-anmalan", 0.75, modality="obligation"))
    for found in delegation_prose.propose(text, terms, body, order):
        quote = text[found.start:found.end]
        basis = qualifiers.legal_basis(quote, bool(cited)) if found.predicate == "delegatesTo" else None
        if found.predicate == "delegatesTo":
            basis = basis or inferred(quote, found.object, found.basis, cited)
        out.append(Candidate(resolver.node(found.subject), found.predicate, resolver.node(found.object), quote,
                             found.start, found.end, found.rule, 0.75, modality=qualifiers.modality(quote),
                             condition=qualifiers.condition(quote), legal_basis=basis))
        if found.rule in ("delegation-lista", "fattas-av", "beslutar-om", "far-besluta") and not found.substitute:
            out += matter_candidates(text, found.start, found.end, found.object, terms, resolver, "delegation-arende")
    return list({c.key: c for c in out}.values())


def matter_candidates(text: str, start: int, end: int, delegate: Term, terms: list[Term], resolver: Resolver,
                      rule: str) -> list[Candidate]:
    """What a delegated matter says of its delegate: appoints, consults, informs (``matters``)."""
    quote = text[start:end]
    return [Candidate(resolver.node(delegate), predicate, resolver.node(obj), quote, start, end, rule, 0.7,
                      modality="permission" if predicate != "informs" else "obligation")
            for predicate, obj in matters.relations(text, start, end, delegate, terms)]


def cited_provisions(text: str) -> set[str]:
    """The delegation provisions of kommunallagen the document cites ("6:37", "7:5", …)."""
    if not qualifiers.KL_NAMED.search(text):
        return set()
    found = set()
    for match in qualifiers.LAW.finditer(text):
        found.add(f"{match.group(1)}:{match.group(2) or match.group(3)}")
    return found & {"6:37", "7:5", "6:39", "7:6"}


def inferred(quote: str, delegate: Term, basis: str | None, cited: set[str]) -> str | None:
    """The provision a delegation rests on when the document cites it but the clause does not."""
    if basis is None:
        basis = "6:39" if re.search(r"brådskande", quote, re.I) else "6:37" if delegate.cls in ELECTED else "7:5"
    if basis not in cited:
        return None
    chapter, section = basis.split(":")
    return f"{KL}k_{chapter}-p_{section}"


def merge(relation_candidates: list[Candidate], delegation_candidates: list[Candidate]) -> list[Candidate]:
    """The relation rules' candidates and these: where this module read a sentence's
    delegation, report or matter, the rules' readings of that relation there give way
    (the rules' "anmäls" is read here as a report, not as informing)."""
    mine = [(c.start, c.end, c.predicate) for c in delegation_candidates]
    keys = {c.key for c in delegation_candidates}

    def superseded(c: Candidate) -> bool:
        if c.key in keys:
            return True
        cue = c.quote[c.cue[0] - c.start:c.cue[1] - c.start].lower() if c.cue else ""
        predicates = {p for a, b, p in mine if a < c.end and c.start < b}
        if not predicates:
            return False
        return c.predicate in predicates | {"delegatesTo"} or (c.predicate == "informs" and cue.startswith("anmäl"))
    return [c for c in relation_candidates if not superseded(c)] + delegation_candidates
