"""Turn lexicon terms into nodes: the organisation's existing curated nodes where it has
a curated file, otherwise proposed new nodes named by the identifier scheme."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import rdflib
import simplemma
from rdflib.namespace import RDF, RDFS

from styrgraf.ingest.lexicon import Mention, Term, lemma_label
from styrgraf.ingest.model import Node
from styrgraf.vocab import ID_BASE, SG

PEOPLE = {"Official", "Manager", "SeniorOfficial", "Employee", "Post"}
ORG_PREFIX = re.compile(r"^(?:kommun|region|landstings?)")


def slug(label: str, limit: int = 48) -> str:
    """An IRI-safe local name from a Swedish label: "förvaltningschef" -> "forvaltningschef"."""
    ascii_text = unicodedata.normalize("NFKD", label.lower()).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return text[:limit].rstrip("-") or "nod"


def is_key(key: str) -> bool:
    """An organisation key: lower-case a-z, digits and single hyphens, at most 48 characters
    (the curated file's name and the IRI segment: "kungsor", "kommun-b")."""
    return slug(key) == key


KEY_RULE = "lower-case letters a-z, digits and single hyphens, at most 48 characters (e.g. kungsor, kommun-b)"


def existing_nodes(path: Path | None) -> tuple[dict[str, list[Node]], Node | None]:
    """The curated file's actors by class, and its organisation node (if the file exists)."""
    by_class: dict[str, list[Node]] = defaultdict(list)
    if path is None or not path.is_file():
        return by_class, None
    graph = rdflib.Graph().parse(path, format="turtle")
    organisation = None
    for subject, cls in graph.subject_objects(RDF.type):
        if not str(cls).startswith(str(SG)):
            continue
        local = str(cls)[len(str(SG)):]
        labels = [str(o) for o in graph.objects(subject, RDFS.label) if getattr(o, "language", None) == "sv"]
        node = Node(str(subject), labels[0] if labels else local, local, new=False)
        if local in ("Municipality", "Region"):
            organisation = node
        else:
            by_class[local].append(node)
    return by_class, organisation


class Resolver:
    """Maps terms (and responsibility labels) of one document to nodes of one organisation.

    A term maps to the curated node of its class whose label shares most words with the
    document's wording; two terms of the document do not share a node while an unclaimed
    node of the class fits as well; a term whose wording no node shares gets a new node.
    """

    def __init__(self, org: str, mentions: list[Mention], existing: dict[str, list[Node]]):
        self.org = org
        self.existing = existing
        self.labels: dict[str, Counter] = defaultdict(Counter)
        terms: dict[str, Term] = {}
        for mention in mentions:
            self.labels[mention.term.key][lemma_label(mention)] += 1
            terms.setdefault(mention.term.key, mention.term)
        self.nodes: dict[str, Node] = {}
        self.claimed: dict[str, Term] = {}  # node IRI -> the term that took it
        ranked = sorted(terms.values(), key=self.best_overlap, reverse=True)
        for term in ranked:  # the surest matches claim their nodes first
            self.node(term)

    def label(self, term: Term) -> str:
        """The document's most frequent wording of a term, or the lexicon's label."""
        return self.labels[term.key].most_common(1)[0][0] if self.labels[term.key] else term.label

    def node(self, term: Term) -> Node:
        """The node a term names in this organisation."""
        if term.key in self.nodes:
            return self.nodes[term.key]
        label = self.label(term)
        node = self.match_existing(term, label) or Node(f"{ID_BASE}{self.org}/{slug(label)}", label, term.cls,
                                                         new=True, label_en=term.label_en)
        self.nodes[term.key] = node
        if not node.new:
            self.claimed.setdefault(node.iri, term)
        return node

    def best_overlap(self, term: Term) -> tuple[int, int]:
        wanted = words(self.label(term)) | words(term.label)
        return max((overlap(n.label, wanted) for n in self.existing.get(term.cls, [])), default=(0, 0))

    def match_existing(self, term: Term, label: str) -> Node | None:
        """The curated node closest to the mentions' wording: of the term's class, or of a
        kindred class of people when a label names the same words ("direkt underställda").
        A generic term ("ordförande") leaves a node to the more specific term that took it
        ("styrelsens ordförande") while another node fits."""
        wanted = words(label) | words(term.label)
        options = [(*overlap(n.label, wanted), self.free_for(term, n), n) for n in self.existing.get(term.cls, [])]
        options = [o for o in options if o[0] > 0]
        if not options and term.cls in PEOPLE:
            options = [(*overlap(n.label, wanted), True, n) for cls in PEOPLE - {term.cls}
                       for n in self.existing.get(cls, [])]
            options = [o for o in options if o[0] >= 2]
        best = max(options, key=lambda o: (o[0], o[2], o[1])) if options else None
        return best[3] if best else None

    def free_for(self, term: Term, node: Node) -> int:
        """2 unclaimed, 1 claimed by a term no more specific, 0 claimed by a more specific term."""
        owner = self.claimed.get(node.iri)
        if owner is None:
            return 2
        return 0 if words(term.label) < words(owner.label) else 1

    def responsibility(self, label: str) -> Node:
        """A new sg:Responsibility named by its label."""
        key = f"ansvar-{slug(label, 40)}"
        if key not in self.nodes:
            self.nodes[key] = Node(f"{ID_BASE}{self.org}/{key}", label, "Responsibility", new=True,
                                   label_en="")
        return self.nodes[key]


def overlap(label: str, wanted: set[str]) -> tuple[int, int]:
    """How many words of a label name a wanted word, inflected or not ("nämnder", "nämnd"),
    and how few do not (the closer label has fewer words of its own)."""
    hits = misses = 0
    for word in re.findall(r"[\wåäö]+", label.lower()):
        forms = words(word)
        if forms & wanted or any(inflected(f, w) or inflected(w, f) or compound(f, w) for f in forms for w in wanted):
            hits += 1
        else:
            misses += 1
    return hits, -misses


_ENDINGS = re.compile(r"(?:e|a|n|s|t|en|er|ar|or|na|ns|et|es|as|ens|ers|ets|ena|erna|arna|ernas|arnas|orna)")


def inflected(base: str, form: str) -> bool:
    """Whether ``form`` is ``base`` with a Swedish inflection ending ("nämnd", "nämnderna")."""
    return len(base) >= 4 and form.startswith(base) and bool(_ENDINGS.fullmatch(form[len(base):]))


def compound(word: str, head: str) -> bool:
    """Whether ``word`` is a compound whose head (last part) is ``head``: Swedish compounds
    end in their head ("tjänsteorganisationen" is an "organisationen"). Only long heads: a
    short one names a post with terms of its own ("nämndsordförande" is no plain "ordförande")."""
    return len(head) >= 12 and len(word) > len(head) + 2 and word.endswith(head)


def words(label: str) -> set[str]:
    """The words of a label and their lemmas, without the kommun-/region-/landstings- prefix."""
    out = set()
    for word in re.findall(r"[\wåäö]+", label.lower()):
        for form in (word, simplemma.lemmatize(word, lang="sv")):
            out.add(ORG_PREFIX.sub("", form) or form)
    return out
