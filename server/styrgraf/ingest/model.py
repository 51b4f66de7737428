"""What ingest produces: nodes, candidates, the document's metadata, as plain data."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Node:
    """An actor or responsibility: an existing curated node or a proposed new one."""

    iri: str
    label: str
    cls: str  # local name in sg:, e.g. "Director"
    new: bool = True
    label_en: str = ""

    def to_json(self) -> dict:
        return {"iri": self.iri, "label": self.label, "class": self.cls, "new": self.new}


@dataclass
class Candidate:
    """One proposed relation with the clause that states it (``text[start:end] == quote``)."""

    subject: Node
    predicate: str
    object: Node
    quote: str
    start: int
    end: int
    rule: str
    score: float
    modality: str | None = None
    condition: str | None = None
    scope: str | None = None
    legal_basis: str | None = None
    cue: tuple[int, int] | None = None

    @property
    def key(self) -> tuple:
        return (self.subject.iri, self.predicate, self.object.iri, self.start, self.end)

    def to_json(self) -> dict:
        return {
            "subject": self.subject.to_json(), "predicate": self.predicate, "object": self.object.to_json(),
            "quote": self.quote, "start": self.start, "end": self.end, "modality": self.modality,
            "condition": self.condition, "scope": self.scope, "legalBasis": self.legal_basis,
            "score": round(self.score, 3), "rule": self.rule, "cue": list(self.cue) if self.cue else None,
        }


@dataclass
class Metadata:
    """What the document says about itself; None where it is silent."""

    title: str | None = None
    document_type: str | None = None  # sg: concept local name, e.g. "Instruction"
    decided_by: Node | None = None
    issued: str | None = None
    created: str | None = None
    decision_reference: str | None = None
    identifier: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    last_reviewed: str | None = None
    review_interval: str | None = None
    status: str | None = None  # "proposal" or "decided"
    source_file: str | None = None

    def to_json(self) -> dict:
        data = {k: v for k, v in asdict(self).items() if k != "decided_by"}
        data = {_camel(k): v for k, v in data.items()}
        data["decidedBy"] = ({"iri": self.decided_by.iri, "label": self.decided_by.label}
                             if self.decided_by else None)
        return data


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


@dataclass
class IngestResult:
    """One document's ingest: its key, stored text, metadata, nodes and candidates."""

    org: str
    org_iri: str
    org_label: str
    org_kind: str
    document_iri: str
    text: str
    metadata: Metadata
    candidates: list[Candidate] = field(default_factory=list)
    nodes: dict[str, Node] = field(default_factory=dict)

    def to_json(self) -> dict:
        document = self.metadata.to_json()
        document["iri"] = self.document_iri
        document["organisation"] = {"iri": self.org_iri, "label": self.org_label, "kind": self.org_kind}
        return {"document": document, "candidates": [c.to_json() for c in self.candidates]}
