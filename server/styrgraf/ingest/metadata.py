"""A document's metadata from its own words: title, type, deciding body, dates, § and
case number, validity, review interval, and whether it is a proposal or decided."""
from __future__ import annotations

import re

from styrgraf.ingest import segments
from styrgraf.ingest.lexicon import Term, find_mentions

DATE = r"(\d{4}-\d{2}-\d{2})"
TYPES = [  # (word in the text, sg: concept)
    ("delegationsordning", "DelegationOrder"), ("reglemente", "Charter"), ("instruktion", "Instruction"),
    ("riktlinje", "Guideline"), ("policy", "Policy"), ("föreskrift", "Guideline"), ("rutin", "Guideline"),
]
LABELS = {  # label as documents write it -> field
    "decided_by": r"beslutad av|beslutat av|fastställd av|fastställt av|antagen av|antaget av|beslutande organ|beslutsinstans",
    "issued": r"beslutsdatum|antagen|antaget|fastställd|fastställt|beslutad|datum för beslut",
    "identifier": r"diarienummer|dnr|diarienr|ärendenummer|ärendenr",
    "valid_from": r"gäller från|giltigt från|giltig från|gäller fr\.o\.m\.?|träder i kraft",
    "valid_until": r"giltigt till|giltig till|gäller till|gäller t\.o\.m\.?",
    "last_reviewed": r"aktualiserad|reviderad|senast reviderad|senast aktualiserad|uppdaterad",
    "document_type": r"dokumenttyp|dokumentslag|typ av dokument",
}
INTERVALS = [
    (r"(?:minst )?en gång (?:per år|årligen|om året)|\bårligen\b|varje år", "P1Y"),
    (r"vartannat år|var(?:t)? annat år", "P2Y"),
    (r"var(?:t)? tredje år", "P3Y"),
    (r"var(?:t)? fjärde år|varje mandatperiod|en gång per mandatperiod", "P4Y"),
]


def label_values(text: str) -> dict[str, str]:
    """Values written after a label, "Label: value" or the label on its own line."""
    found: dict[str, str] = {}
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    for i, line in enumerate(lines[:80]):
        for name, pattern in LABELS.items():
            if name in found:
                continue
            match = re.fullmatch(rf"(?:{pattern})\s*(?::\s*(.*))?", line, re.I)
            if not match:
                continue
            value = (match.group(1) or "").strip()
            if not value and i + 1 < len(lines) and not any(re.fullmatch(rf"(?:{p})\s*:?.*", lines[i + 1], re.I)
                                                           for p in LABELS.values()):
                value = lines[i + 1]
            if value:
                found[name] = value
    return found


def read_metadata(text: str, terms: list[Term]) -> dict:
    """Metadata fields (strings, and ``decided_by`` as a lexicon term) found in the text."""
    values = label_values(text)
    meta: dict = {}
    head = text[:3000]
    decided = values.get("decided_by")
    adopted = re.search(rf"(?:antagen|antaget|fastställd|beslutad) (?:av|i) ([^\n.,]*?)\s*(?:{DATE})?\s*(§\s*\d+)?\.?\s*$",
                        head, re.I | re.M)
    if decided:
        meta["decided_by"] = first_term(decided, terms)
    elif adopted:
        meta["decided_by"] = first_term(adopted.group(1), terms)
        meta["issued"] = adopted.group(2)
        if adopted.group(3):
            meta["decision_reference"] = adopted.group(3).replace("§ ", "§ ")
    issued = values.get("issued", "")
    date = re.search(DATE, issued)
    if date:
        meta["issued"] = date.group(1)
        reference = re.search(r"((?:[A-ZÅÄÖ]{1,4} )?§\s*\d+)", issued)
        if reference:
            meta["decision_reference"] = reference.group(1)
            if "decided_by" not in meta or meta["decided_by"] is None:
                meta["decided_by"] = first_term(reference.group(1), terms)
    for name in ("valid_from", "valid_until", "last_reviewed"):
        date = re.search(DATE, values.get(name, ""))
        if date:
            meta[name] = date.group(1)
    if values.get("identifier"):
        meta["identifier"] = values["identifier"]
    meta["title"] = find_title(text)
    meta["document_type"] = find_type(values.get("document_type", ""), meta["title"] or "", text)
    meta["review_interval"] = find_interval(text)
    proposal = re.search(r"^Förslag till beslut\s*$|föreslås besluta|^Till (?:kommun|region|landstings)styrelsen\s*$", text, re.I | re.M)
    if proposal and "issued" not in meta:
        meta["status"] = "proposal"
        meta["decided_by"] = None
        dated = re.search(rf"^{DATE}\s*$", head, re.M)
        if dated:
            meta["created"] = dated.group(1)
    elif meta.get("issued") or meta.get("decided_by"):
        meta["status"] = "decided"
    return meta


def first_term(value: str, terms: list[Term]) -> Term | None:
    """The first organ or post a metadata value names."""
    mentions = find_mentions(value, terms)
    return mentions[0].term if mentions else None


def find_title(text: str) -> str | None:
    """The first heading that names a kind of governing document."""
    for block in segments.blocks(text)[:40]:
        if block.kind in ("heading", "paragraph") and len(block.text) < 140 and "\n" not in block.text:
            lowered = block.text.lower()
            if any(word in lowered for word, _ in TYPES) and not re.match(r"(?:dokumenttyp|antagen|syfte)", lowered):
                if lowered.strip() not in {w for w, _ in TYPES} and (block.kind == "heading" or not block.text.endswith(".")):
                    title = block.text.strip()
                    return title[0] + title[1:].lower() if title.isupper() else title
    return None


def find_type(declared: str, title: str, text: str) -> str | None:
    """The sg: document type from the declared type, the title, or the text."""
    for source in (declared, title):
        lowered = source.lower()
        for word, concept in TYPES:
            if word in lowered:
                return concept
    lowered = text[:2000].lower()
    for word, concept in TYPES:
        if re.search(rf"\b{word}", lowered):
            return concept
    return None


def find_interval(text: str) -> str | None:
    """A review interval where the text says how often the document is reviewed."""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if re.search(r"aktualiser|revider|ses över|översyn|följas upp|utvärder", sentence, re.I):
            for pattern, interval in INTERVALS:
                if re.search(pattern, sentence, re.I):
                    return interval
    return None
