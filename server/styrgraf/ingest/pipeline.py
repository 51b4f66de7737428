"""From a file to an IngestResult: read, normalise, metadata, mentions, candidates."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from styrgraf.ingest import delegating, posts, qualifiers, relations
from styrgraf.ingest.limits import Reading
from styrgraf.ingest.lexicon import TERMS, document_terms, find_mentions
from styrgraf.ingest.metadata import read_metadata
from styrgraf.ingest.model import Candidate, IngestResult, Metadata, Node
from styrgraf.ingest.nodes import Resolver, existing_nodes, slug
from styrgraf.ingest.normalise import normalise
from styrgraf.ingest.readers import read
from styrgraf.ingest.rules import RULES, Rule
from styrgraf.vocab import ID_BASE

def ingest_file(path: Path, org: str, *, name: str | None = None, kind: str | None = None,
                curated: Path | None = None, rules: list[Rule] | None = None,
                reading: Reading | None = None) -> IngestResult:
    """Read a document and propose its graph (see ``ingest_text``); ``reading`` holds the
    limits and collects the pages skipped.

    Raises:
        IngestError: the file cannot be read (names the file and what is wrong).
    """
    text = normalise(read(Path(path), reading))
    # the text's hash in the name: a new rendition is a new file, never written over the
    # text an earlier curation quotes
    version = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return ingest_text(text, org, name=name, kind=kind, curated=curated, rules=rules,
                       source_file=f"{org}-{slug(Path(path).stem, 40)}-{version}.txt")


def ingest_text(text: str, org: str, *, name: str | None = None, kind: str | None = None,
                curated: Path | None = None, rules: list[Rule] | None = None,
                source_file: str | None = None) -> IngestResult:
    """Propose metadata, nodes and candidate relations for a normalised text.

    Parameters:
        text: the stored (normalised) text; every quote is a span of it.
        org: the organisation's key (the curated file's stem, the IRI segment).
        curated: the organisation's curated file, if it has one: mentions map to its nodes.
        rules: the relation rules to apply (default: all).
    """
    terms = TERMS + document_terms(text)
    terms += posts.abbreviation_terms(text, terms)
    mentions = find_mentions(text, terms)
    existing, org_node = existing_nodes(curated)
    resolver = Resolver(org, mentions, existing)
    found = read_metadata(text, terms)
    kind = kind or (org_node.cls.lower() if org_node else None) or guess_kind(text)
    if org_node is None:
        org_node = Node(f"{ID_BASE}{org}/{'regionen' if kind == 'region' else 'kommunen'}",
                        name or f"{org} (namn okänt)", "Region" if kind == "region" else "Municipality")
    metadata = Metadata(**{k: v for k, v in found.items() if k != "decided_by"})
    metadata.source_file = source_file
    if found.get("decided_by") is not None:
        metadata.decided_by = resolver.node(found["decided_by"])
    cites_kl = bool(qualifiers.KL_NAMED.search(text))  # once: searching the whole text per candidate was quadratic
    candidates = [to_candidate(raw, text, resolver, cites_kl) for raw in relations.propose(text, terms, rules)]
    body = delegating.delegating_body(text, terms, found.get("title"), found.get("decided_by"))
    order = delegating.is_order(text, found.get("title"), found.get("document_type"))
    candidates = delegating.merge(candidates, delegating.candidates(text, terms, body, order, resolver))
    candidates.sort(key=lambda c: (c.start, c.predicate, c.subject.iri, c.object.iri))
    title = metadata.title or metadata.document_type or "dokument"
    document = f"{ID_BASE}{org}/{slug(title, 40)}"
    nodes = {n.iri: n for n in resolver.nodes.values()}
    return IngestResult(org, org_node.iri, org_node.label, kind, document, text, metadata, candidates, nodes)


def guess_kind(text: str) -> str:
    """"region" when the text speaks of a region or county council, else "municipality"."""
    head = text[:4000].lower()
    regional = len(re.findall(r"\b(?:region|landsting)\w*", head))
    municipal = len(re.findall(r"\bkommun\w*", head))
    return "region" if regional > municipal else "municipality"


def to_candidate(raw: relations.Raw, text: str, resolver: Resolver, cites_kl: bool) -> Candidate:
    """A raw candidate with nodes, modality, condition and legal basis (``cites_kl``: the
    text names the Local Government Act somewhere)."""
    quote = text[raw.start:raw.end]
    subject = resolver.node(raw.subject)
    obj = resolver.responsibility(raw.object) if isinstance(raw.object, str) else resolver.node(raw.object)
    return Candidate(subject, raw.predicate, obj, quote, raw.start, raw.end, raw.rule.name, raw.score,
                     modality=qualifiers.modality(quote), condition=qualifiers.condition(quote),
                     legal_basis=qualifiers.legal_basis(quote, cites_kl), cue=raw.cue)
