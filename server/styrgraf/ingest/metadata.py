"""A document's metadata from its own words: title, type, deciding body, dates, § and
case number, validity, review interval, and whether it is a proposal or decided."""
from __future__ import annotations

import re

from styrgraf.ingest import segments
from styrgraf.ingest.dates import first_date
from styrgraf.ingest.lexicon import Term, find_mentions

TYPES = [  # (word in the text, sg: concept); an arbetsordning is the assembly's charter of procedure
    ("delegationsordning", "DelegationOrder"), ("delegeringsordning", "DelegationOrder"),
    ("delegationsförteckning", "DelegationOrder"), ("delegationsbestämmelser", "DelegationOrder"), ("reglemente", "Charter"), ("arbetsordning", "Charter"),
    ("instruktion", "Instruction"), ("riktlinje", "Guideline"), ("policy", "Policy"), ("föreskrift", "Guideline"),
    ("rutin", "Guideline"),
]
# "Antagen av kommunfullmäktige 2022-11-28, § 142", "Fastställd av kommunstyrelsen den 12 oktober 2021 § 201"
ADOPTED = re.compile(r"\b(?:antagen|antaget|antagna|antogs|antagits|utfärdad|utfärdat|fastställts|beslutats|fastställd|fastställt|fastställdes|beslutad|beslutat|"
                     r"beslutades|godkänd|godkänt|godkändes)\s+(?:av|i)\s*:?\s+(?P<rest>[^\n]{1,160})", re.I)
REFERENCE = re.compile(r"(?:\b[A-ZÅÄÖ]{1,4}\s)?§\s*\d+")
# "Dnr KS 2023/394", "Diarienummer: RS 2021/1187", a bare "KS 2023/394" in the header
CASE_NUMBER = re.compile(r"\b(?:[A-ZÅÄÖ]{1,6}[ -]?)?(?:19|20)\d{2}[/.:-]\d{1,6}(?:[-.:/]\d{1,4})?\b")
LABELS = {  # label as documents write it -> field
    "decided_by": r"beslutad av|beslutat av|beslut av|fastställd av|fastställt av|antagen av|antaget av|utfärdad av|"
                  r"beslutande organ|beslutsinstans|beslutsfattare",
    "issued": r"beslutsdatum|beslut datum|datum för beslut|godkänt datum|beslut|antagen|antaget|fastställd|fastställt|beslutad|"
              r"beslutat|utfärdad",
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


# header labels that carry no field of ours but end the value before them
OTHER_LABELS = (r"dokumentnamn|dokumentnummer|dokument-id|dokumentansvarig|dokumentägare|revision|version|"
                r"gäller för|detta dokument gäller för|giltighetstid|nästa revidering|revideras|ersätter|upprättad av|"
                r"handläggare|sida \d+")


def header_lines(text: str) -> list[str]:
    """The first lines of a text, a joined header line cut at each label it holds
    ("Typ av dokument: Riktlinje Fastställd: Kommunstyrelsen 2022-06-13 …"): normalisation
    joins a header's short lines when a PDF or the page gave them no blank line between."""
    labels = "|".join([*LABELS.values(), OTHER_LABELS])
    at_start = re.compile(rf"(?:{labels})\b", re.I)
    inner = re.compile(rf"(?<=\S)\s+(?=(?:{labels})\s*:)|(?<=\S)\s+(?=(?:{labels})(?:\s+\S|\s*$))", re.I)
    out = []
    for line in (line.strip() for line in text.split("\n")[:120]):
        if not line:
            continue
        cut = inner.split(line) if at_start.match(line) or re.search(rf"(?:{labels})\s*:", line, re.I) else [line]
        out += [part.strip() for part in cut if part.strip()]
    return out[:120]


def is_label(line: str) -> bool:
    return any(re.fullmatch(rf"(?:{p})\s*:?", line, re.I) for p in (*LABELS.values(), OTHER_LABELS))


def value_below(lines: list[str], i: int) -> str:
    """The value of a label alone on its line: the next line that is no label. A run of
    labels ("BESLUTAD AV / DOKUMENT-ID / VERSION", a header table's column heads) shares
    the line of values below it."""
    j = i + 1
    while j < len(lines) and j - i <= 6 and is_label(lines[j]):
        j += 1
    if j < len(lines) and j - i <= 6 and not re.search(r"^\S+\s*:", lines[j]):
        return lines[j]
    return ""


def label_values(text: str) -> dict[str, str]:
    """Values written after a label, "Label: value" or the label on its own line."""
    found: dict[str, str] = {}
    lines = header_lines(text)
    for i, line in enumerate(lines):
        for name, pattern in LABELS.items():
            if name in found:
                continue
            match = re.fullmatch(rf"(?:{pattern})\s*(?::\s*(.*))?", line, re.I)
            if not match and len(line) < 90:  # a header table's row: "Beslutad KF 2023-03-27 § 38"
                match = re.fullmatch(rf"(?:{pattern})\s+(?!av\b|i\b)(\S.*)", line, re.I)
            if not match:
                continue
            value = (match.group(1) or "").strip() or value_below(lines, i)
            if value:
                found[name] = value
    return found


def read_metadata(text: str, terms: list[Term]) -> dict:
    """Metadata fields (strings, and ``decided_by`` as a lexicon term) found in the text."""
    values = label_values(text)
    meta: dict = {}
    head = "\n".join(header_lines(text[:3000]))
    if values.get("decided_by"):
        meta["decided_by"] = first_term(values["decided_by"], terms)
        _decision(meta, values["decided_by"], terms)
    if values.get("issued"):
        _decision(meta, values["issued"], terms)
    adopted = ADOPTED.search(head) or ADOPTED.search(text[-2000:])
    if adopted:
        if meta.get("decided_by") is None:
            meta["decided_by"] = first_term(adopted.group("rest"), terms)
        _decision(meta, adopted.group("rest"), terms)
    for name in ("valid_from", "valid_until", "last_reviewed"):
        found = first_date(values.get(name, ""))
        if found:
            meta[name] = found
    meta["identifier"] = find_identifier(values.get("identifier", ""), head)
    meta["title"] = find_title(text)
    meta["document_type"] = find_type(values.get("document_type", ""), meta["title"] or "", text)
    meta["review_interval"] = find_interval(text)
    proposal = re.search(r"^Förslag till beslut\s*$|föreslås besluta|^Till (?:kommun|region|landstings)styrelsen\s*$", text, re.I | re.M)
    if proposal and "issued" not in meta:
        meta["status"] = "proposal"
        meta["decided_by"] = None
        created = next((first_date(line) for line in head.splitlines()
                        if 0 < len(line.strip()) <= 24 and first_date(line)), None)
        if created:
            meta["created"] = created
    elif meta.get("issued") or meta.get("decided_by"):
        meta["status"] = "decided"
    return {k: v for k, v in meta.items() if v is not None or k == "decided_by"}


def _decision(meta: dict, value: str, terms: list[Term]) -> None:
    """The decision date and § a value names ("KF 2023-05-17 § 45"), and the body its
    abbreviation names when none is known yet."""
    if "issued" not in meta:
        found = first_date(value)
        if found:
            meta["issued"] = found
    reference = REFERENCE.search(value)
    if reference and "decision_reference" not in meta:
        meta["decision_reference"] = " ".join(reference.group(0).split())
        if meta.get("decided_by") is None:
            meta["decided_by"] = first_term(reference.group(0), terms)


def find_identifier(labelled: str, head: str) -> str | None:
    """The case number: a labelled value ("Dnr: KS 2023/394"), else one in the header."""
    if labelled:
        number = CASE_NUMBER.search(labelled)
        return number.group(0) if number else labelled.strip()
    for match in re.finditer(r"\b(?:dnr|diarienummer|diarienr|ärendenummer)\.?:?\s*", head, re.I):
        number = CASE_NUMBER.match(head, match.end())
        if number:
            return number.group(0)
    bare = re.search(r"\b[A-ZÅÄÖ]{2,6}[ -](?:19|20)\d{2}/\d{1,6}(?:[-:.]\d{1,4})?\b", head[:1500])
    return bare.group(0) if bare else None


def first_term(value: str, terms: list[Term]) -> Term | None:
    """The first organ or post a metadata value names."""
    mentions = find_mentions(value, terms)
    return mentions[0].term if mentions else None


def find_title(text: str) -> str | None:
    """The first heading line that names a kind of governing document ("Reglemente för
    …" before a bare "Reglemente"), else the first line when it reads as a title."""
    lines = [line.strip() for block in segments.blocks(text)[:40] for line in block.text.split("\n")]
    lines = [line for line in lines if line and not line.startswith("- ") and " | " not in line
             and not line.endswith((",", ";"))]
    typed = []
    for line in lines:
        lowered = line.lower()
        if len(line) >= 140 or not any(word in lowered for word, _ in TYPES):
            continue
        if re.match(r"(?:dokumenttyp|dokumentslag|typ av dokument|antagen|antaget|syfte|fastställd|beslutad)", lowered):
            continue
        if any(lowered.strip(" .:") in (w, f"{w}n", f"{w}r", f"{w}en", f"{w}er") for w, _ in TYPES):
            continue  # a type word alone is the value of a label ("Dokumenttyp: Riktlinje"), not a title
        if segments.kind_of(line) == "heading" or (len(line) < 90 and not line.endswith(".") and not line[:1].islower()):
            typed.append(line)
    named = [line for line in typed if re.search(rf"(?:{'|'.join(w for w, _ in TYPES)})\w*\s+(?:för|till|om|mellan|vid|inom|i)\b",
                                                 line, re.I)]
    if named or typed:
        return _titled(_cut_header((named or typed)[0]))
    first = lines[0] if lines else ""
    if first and segments.kind_of(first) == "heading" and ":" not in first and not first_date(first):
        return _titled(_cut_header(first))
    return None


def _titled(title: str) -> str:
    return title[0] + title[1:].lower() if title.isupper() else title


def _cut_header(line: str) -> str:
    """A title without what a joined header line adds after it ("REGLEMENTE FÖR
    KOMMUNSTYRELSEN Antaget av kommunfullmäktige ...")."""
    cut = re.search(r"\s+(?:antagen|antaget|fastställd|fastställt|beslutad|beslutat|dnr|diarienummer|"
                    r"gäller från|giltig)\b", line, re.I)
    return line[:cut.start()].rstrip(" ,.–-") if cut and cut.start() > 5 else line


def find_type(declared: str, title: str, text: str) -> str | None:
    """The sg: document type from the declared type, the title, or the text."""
    for source in (declared, title):
        lowered = source.lower()
        for word, concept in TYPES:
            if word in lowered:
                return concept
    lowered = text[:4000].lower()  # how the document names itself: "denna riktlinje", "detta reglemente"
    for word, concept in TYPES:
        if re.search(rf"\b(?:denna|detta|den här|det här|dessa|föreliggande)\s+{word}", lowered):
            return concept
    for word, concept in TYPES:  # else the first kind the opening names
        if re.search(rf"\b{word}", lowered[:2000]):
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
