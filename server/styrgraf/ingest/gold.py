"""Gold documents for the evaluation: a text, its actors, its facts and its metadata, and
how a proposed node is matched to a gold actor without the curated file's IRIs.

Two sources give gold documents: the evaluation corpus (``corpus.py``: written gold in
JSON) and the shipped seeds (a curated Turtle file and its source text, read here).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
import simplemma
from rdflib.namespace import RDF, RDFS, SKOS

from styrgraf.ingest.model import Node
from styrgraf.vocab import SG

DCT = rdflib.Namespace("http://purl.org/dc/terms/")
SEED_KINDS = {"kommun-a": "instruktion", "kommun-b": "instruktion", "blekinge": "instruktion",
              "kommun-c": "policy", "kungsor": "samspel"}


@dataclass
class GoldActor:
    """An organ or post the gold names: its id, label, class and every wording of it."""

    id: str
    label: str
    cls: str
    mentions: list[str] = field(default_factory=list)

    def forms(self) -> set[str]:
        return {base_form(m) for m in [self.label, *self.mentions]}


@dataclass
class GoldFact:
    """One governance fact: subject and object are actor ids (the object a duty's text for
    ``hasResponsibility``), the quote verbatim in the document."""

    subject: str
    relation: str
    object: str
    quote: str
    modality: str | None = None


@dataclass
class GoldDocument:
    """A document with what a careful reader finds in it."""

    id: str
    kind: str
    text: str
    actors: dict[str, GoldActor]
    facts: list[GoldFact]
    metadata: dict = field(default_factory=dict)
    organisation_kind: str | None = None

    def actors_of(self, node: Node) -> set[str]:
        """The gold actors a proposed node names: by its wording, else by its class when the
        document has exactly one actor of that class."""
        form = base_form(node.label)
        named = {a.id for a in self.actors.values() if form in a.forms()}
        if named:
            return named
        of_class = [a.id for a in self.actors.values() if a.cls == node.cls]
        return set(of_class) if len(of_class) == 1 else set()


def base_form(text: str) -> str:
    """Lower case, each word as its lemma, punctuation dropped: "Kommunstyrelsens" and
    "kommunstyrelsen" are both "kommunstyrelse"."""
    words = re.findall(r"[\wåäöÅÄÖ-]+", text.lower())
    return " ".join(simplemma.lemmatize(w, lang="sv") for w in words)


def from_curated(key: str, curated: Path, source: Path) -> GoldDocument:
    """A seed as a gold document: its curated assertions, nodes and document metadata."""
    graph = rdflib.Graph().parse(curated, format="turtle")
    text = source.read_text(encoding="utf-8")
    actors: dict[str, GoldActor] = {}
    facts = []
    for assertion in graph.subjects(RDF.type, SG.Assertion):
        s, p, o = (graph.value(assertion, t) for t in (RDF.subject, RDF.predicate, RDF.object))
        quote = graph.value(assertion, SG.quote)
        if None in (s, p, o, quote):
            continue
        relation = str(p).split("#")[-1]
        actors.setdefault(str(s), _actor(graph, s))
        if relation != "hasResponsibility":
            actors.setdefault(str(o), _actor(graph, o))
        modality = graph.value(assertion, SG.modality)
        facts.append(GoldFact(str(s), relation, str(o), str(quote),
                              str(modality).split("#")[-1] if modality else None))
    document = next(graph.subjects(RDF.type, SG.GoverningDocument))
    decided = graph.value(document, SG.decidedBy)
    if decided is not None:
        actors.setdefault(str(decided), _actor(graph, decided))
    kind = graph.value(document, SG.documentType)
    metadata = {"title": _str(graph.value(document, DCT.title)),
                "documentType": str(kind).split("#")[-1] if kind else None,
                "decidedBy": str(decided) if decided is not None else None,
                "issued": _str(graph.value(document, DCT.issued))}
    return GoldDocument(key, SEED_KINDS.get(key, "other"), text, actors, facts, metadata)


def _actor(graph: rdflib.Graph, node) -> GoldActor:
    classes = [str(c)[len(str(SG)):] for c in graph.objects(node, RDF.type) if str(c).startswith(str(SG))]
    labels = [str(o) for o in graph.objects(node, RDFS.label) if getattr(o, "language", None) in ("sv", None)]
    labels += [str(o) for o in graph.objects(node, SKOS.altLabel)]
    return GoldActor(str(node), labels[0] if labels else str(node).rsplit("/", 1)[-1],
                     classes[0] if classes else "Actor", labels[1:])


def _str(value) -> str | None:
    return str(value) if value is not None else None
