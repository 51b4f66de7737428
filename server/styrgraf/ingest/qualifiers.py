"""What qualifies a relation in its clause: modality, condition, and the law it cites."""
from __future__ import annotations

import re

from styrgraf.vocab import KL

PROHIBITION = re.compile(r"\b(?:får|ska|skall|kan) (?:heller |dock )?inte\b|\binte (?:får|ska)\b|\bej (?:får|ska)\b|\bförbjud", re.I)
PERMISSION = re.compile(r"\bfår\b|\bkan\b|\bhar rätt\b|\brätt att\b|\w+rätt\b|\bmöjlighet att\b|\bär fria\b", re.I)
OBLIGATION = re.compile(r"\bska\b|\bskall\b|\bmåste\b|\bansvar\w*\b|\bhar att\b|\båligger\b|\bär skyldig", re.I)
CONDITIONS = re.compile(
    r"\b(?:om så begärs|vid behov|om det behövs|när det behövs|när så krävs|i förekommande fall|"
    r"i ärenden som är av brådskande natur|vid eventuella [\wåäö]+|i akuta frågor|vid strategiska frågor|"
    r"om (?:kommunens|regionens|landstingets) ekonomi [^,.;]+|vid [\wåäö]+ (?:fall|situationer))", re.I)
LAW = re.compile(r"(\d{1,2})\s*kap\.?\s*(?:§\s*(\d{1,3})|(\d{1,3})\s*§)")
KL_NAMED = re.compile(r"kommunallag|\bKL\b|2017:725")


def modality(clause: str) -> str:
    """obligation, permission or prohibition, as the clause's wording says; a clause with
    no modal verb is an obligation (the vocabulary's default reading of sg:modality)."""
    if PROHIBITION.search(clause):
        return "prohibition"
    if PERMISSION.search(clause):
        return "permission"
    return "obligation"


def condition(clause: str) -> str | None:
    """The clause's condition on the relation, verbatim ("om så begärs"), if it has one."""
    match = CONDITIONS.search(clause)
    return match.group(0) if match else None


def legal_basis(clause: str, document_cites_kl: bool) -> str | None:
    """The rinfo IRI of the Kommunallagen provision the clause cites, if it cites one."""
    match = LAW.search(clause)
    if not match or not (KL_NAMED.search(clause) or document_cites_kl):
        return None
    chapter, section = match.group(1), match.group(2) or match.group(3)
    return f"{KL}k_{chapter}-p_{section}"
