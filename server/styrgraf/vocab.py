"""The IRIs styrgraf is built on (DESIGN.md, "Identifiers"), and the terms of its vocabulary
as read from ``ontology/styrgraf.ttl``."""
import re
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Namespace

SG = Namespace("https://w3id.org/styrgraf/def#")
AREA = Namespace("https://w3id.org/styrgraf/def/area#")
SGS = Namespace("https://w3id.org/styrgraf/shapes#")
ID_BASE = "https://w3id.org/styrgraf/id/"
GRAPH_BASE = "https://w3id.org/styrgraf/graph/"
VOCABULARY_GRAPH = GRAPH_BASE + "vocabulary"
PROV = Namespace("http://www.w3.org/ns/prov#")
ORG = Namespace("http://www.w3.org/ns/org#")
KL = Namespace("http://rinfo.lagrummet.se/publ/sfs/2017:725#")

PREFIXES = {
    "sg": str(SG),
    "area": str(AREA),
    "org": str(ORG),
    "prov": str(PROV),
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "kl": str(KL),
}


def organisation_graph(key: str) -> str:
    """The named graph of one organisation's curated file (``data/{key}.ttl``)."""
    return f"{GRAPH_BASE}{key}"

def expand_name(name: str) -> str:
    """Expand ``prefix:local`` with styrgraf's prefixes; leave full IRIs as they are."""
    if ":" in name and not name.startswith(("http://", "https://", "urn:")):
        prefix, local = name.split(":", 1)
        if prefix in PREFIXES:
            return PREFIXES[prefix] + local
        if prefix and not prefix.startswith("_"):
            return f"https://w3id.org/styrgraf/id/{prefix}/{local}"
    return name


def compact_name(iri: str) -> str:
    """The shortest prefixed form of an IRI, for tables."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    base = "https://w3id.org/styrgraf/id/"
    if iri.startswith(base) and "/" in iri[len(base):]:
        org, local = iri[len(base):].split("/", 1)
        return f"{org}:{local}"
    return iri


# Characters RFC 3987 never allows in an IRI, and percent signs not followed by two hex digits.
_BAD_IRI = re.compile(r"[\x00-\x20<>\"{}|\\^`\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]|%(?![0-9A-Fa-f]{2})")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def parse_iri(value: str, what: str = "IRI", what_sv: str = "IRI:n"):
    """An absolute IRI as an RDF term, checked before it goes anywhere near a query.

    Prefixed names with styrgraf's prefixes (``sg:Director``, ``kungsor:kommunen``) are
    expanded first.

    Raises:
        errors.BadRequest: not an absolute IRI (the message names ``what``).
    """
    import pyoxigraph as ox

    from styrgraf.errors import BadRequest

    iri = expand_name(value.strip()) if isinstance(value, str) else ""
    if not iri:
        raise BadRequest(f"{what} is empty; give an absolute IRI such as https://w3id.org/styrgraf/id/kungsor/kommunen",
                         sv=f"{what_sv} är tom; ange en absolut IRI, t.ex. https://w3id.org/styrgraf/id/kungsor/kommunen")
    bad = _BAD_IRI.search(iri)
    if bad or not _SCHEME.match(iri) or len(iri) > 4096:
        where = f" (character {bad.start() + 1}: {bad.group()!r})" if bad else ""
        where_sv = f" (tecken {bad.start() + 1}: {bad.group()!r})" if bad else ""
        raise BadRequest(f"{what} {value[:200]!r} is not an absolute IRI{where}",
                         sv=f"{what_sv} måste vara en absolut IRI, inte {value[:200]!r}{where_sv}")
    try:
        return ox.NamedNode(iri)
    except ValueError as error:
        raise BadRequest(f"{what} {value[:200]!r} is not an absolute IRI: {error}",
                         sv=f"{what_sv} måste vara en absolut IRI, inte {value[:200]!r}") from None


# --- The vocabulary's terms, read from ontology/styrgraf.ttl (never a hand-kept copy) ---

@dataclass(frozen=True)
class Term:
    """One term of the vocabulary: its IRI, its local name (``sg:`` terms), its labels and
    its comments (for a provision, the gist of the section's text)."""

    iri: str
    name: str
    sv: str
    en: str
    comment_sv: str = ""
    comment_en: str = ""

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.sv

    def to_json(self) -> dict:
        return {"iri": self.iri, "name": self.name, "label": self.sv, "labelEn": self.en,
                "comment": self.comment_sv, "commentEn": self.comment_en}


# Classes that only group others: a node is never of one of these alone.
GROUPING_CLASSES = ("Organ", "Post", "Official")


@dataclass(frozen=True)
class Vocabulary:
    """The vocabulary as read once from ``ontology/styrgraf.ttl``: the evidenced relations,
    the classes a node can have, the modalities, the document types and the Kommunallagen
    provisions (each sorted for display), and every labelled term's labels by language."""

    relations: tuple[Term, ...]
    document_types: tuple[Term, ...]
    provisions: tuple[Term, ...]
    classes: tuple[Term, ...] = ()
    modalities: tuple[Term, ...] = ()
    labels: dict = field(default_factory=dict)  # IRI -> {lang: label} (rdfs:label, else skos:prefLabel)

    def relation_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.relations)

    def document_type_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.document_types)

    def provision_iris(self) -> tuple[str, ...]:
        return tuple(t.iri for t in self.provisions)

    def class_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.classes)

    def term(self, name: str, lang: str = "sv") -> str:
        """A term's label in ``lang`` by IRI or ``sg:`` local name (the name if it has none)."""
        by_lang = self.labels.get(name if name.startswith(("http://", "https://")) else str(SG) + name, {})
        return by_lang.get(lang) or by_lang.get("") or by_lang.get("sv") or name


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The vocabulary's terms, read once from ``ontology/styrgraf.ttl``."""
    import rdflib
    from rdflib.namespace import RDF, RDFS, SKOS

    from styrgraf import resources

    graph = rdflib.Graph().parse(resources.ontology_file(), format="turtle")

    def term(iri) -> Term:
        labels = {label.language: str(label) for label in graph.objects(iri, RDFS.label)}
        comments = {c.language: str(c) for c in graph.objects(iri, RDFS.comment)}
        name = str(iri)[len(str(SG)):] if str(iri).startswith(str(SG)) else str(iri)
        return Term(str(iri), name, labels.get("sv", name), labels.get("en", name),
                    comments.get("sv", ""), comments.get("en", ""))

    relations = sorted((term(p) for p in graph.subjects(RDF.type, SG.EvidencedProperty)), key=lambda t: t.name)
    types = sorted((term(t) for t in graph.subjects(SKOS.inScheme, SG.DocumentTypes)), key=lambda t: t.sv)
    provisions = sorted((term(p) for p in graph.subjects(RDF.type, SG.LegalProvision)),
                        key=lambda t: provision_place(t.iri) or (999, 999))
    actors = set(graph.transitive_subjects(RDFS.subClassOf, SG.Actor)) - {SG.Actor} - {SG[c] for c in GROUPING_CLASSES}
    classes = sorted((term(c) for c in actors | {SG.Responsibility}), key=lambda t: t.sv)
    modalities = tuple(term(m) for m in (SG.Obligation, SG.Permission, SG.Prohibition))
    labels: dict[str, dict[str, str]] = {}
    for predicate in (RDFS.label, SKOS.prefLabel):
        for subject, label in graph.subject_objects(predicate):
            if isinstance(subject, rdflib.URIRef) and isinstance(label, rdflib.Literal):
                labels.setdefault(str(subject), {}).setdefault(label.language or "", str(label))
    return Vocabulary(tuple(relations), tuple(types), tuple(provisions), tuple(classes), modalities, labels)


_PROVISION = re.compile(r"#k_(\d+)-p_(\d+)$")


def provision_place(iri: str) -> tuple[int, int] | None:
    """(chapter, section) of a Kommunallagen rinfo IRI (``…2017:725#k_7-p_2`` -> (7, 2))."""
    match = _PROVISION.search(iri) if iri.startswith(str(KL)) else None
    return (int(match.group(1)), int(match.group(2))) if match else None
