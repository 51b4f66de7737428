"""Saving a curation: the accepted assertions into ``DIR/KEY.ttl``, merged with what the
organisation's file already holds from other documents, written atomically in the
stable sorted layout, then validated."""
from __future__ import annotations

import tempfile
from pathlib import Path

import rdflib
from rdflib.namespace import RDF, RDFS

from styrgraf import validation
from styrgraf.web.curate.checks import Invalid
from styrgraf.ingest.drafts import PROV, document_triples, evidence_triples, node_triples
from styrgraf.ingest.nodes import slug
from styrgraf.ingest.turtle import prefixes_for, serialise, write_atomic
from styrgraf.vocab import SG, vocabulary



def without_document(graph: rdflib.Graph, document: rdflib.URIRef) -> rdflib.Graph:
    """The graph less what an earlier save took from ``document`` (its assertions, notes,
    and the plain triples that nothing else supports)."""
    for subject in set(graph.subjects(PROV.wasDerivedFrom, document)):
        graph.remove((subject, None, None))
    evidenced = {(s, p, o) for a in graph.subjects(RDF.type, SG.Assertion)
                 for s, p, o in [(graph.value(a, RDF.subject), graph.value(a, RDF.predicate), graph.value(a, RDF.object))]}
    relations = set(graph.subjects(RDF.type, SG.EvidencedProperty)) | {SG[p] for p in vocabulary().relation_names()}
    for predicate in relations:
        for s, o in list(graph.subject_objects(predicate)):
            if (s, predicate, o) not in evidenced:
                graph.remove((s, predicate, o))
    return graph


def curated_graph(draft: dict, state: dict, existing: Path | None) -> rdflib.Graph:
    """The organisation's curated graph with this document's accepted assertions."""
    graph = rdflib.Graph()
    if existing is not None and existing.is_file():
        graph.parse(existing, format="turtle")
    document = rdflib.URIRef(draft["document"]["iri"])
    without_document(graph, document)
    for triple in list(graph.triples((document, None, None))):
        graph.remove(triple)
    document_triples(graph, draft, state["metadata"])
    decider = (state["metadata"].get("decidedBy") or {}).get("iri")
    if decider and (rdflib.URIRef(decider), RDF.type, None) not in graph and decider in draft["nodes"]:
        node_triples(graph, draft, decider, draft["nodes"][decider])
    short = slug(document.split("/")[-1], 24)
    for ident, item in sorted(state["items"].items()):
        if item["status"] != "accepted":
            continue
        for role in ("subject", "object"):
            add_node(graph, draft, item[role])
        s, p, o = rdflib.URIRef(item["subject"]["iri"]), SG[item["predicate"]], rdflib.URIRef(item["object"]["iri"])
        graph.add((s, p, o))
        assertion = rdflib.URIRef(f"{draft['document']['organisation']['iri'].rsplit('/', 1)[0]}/a-{short}-{ident}")
        graph.add((assertion, RDF.type, SG.Assertion))
        evidence_triples(graph, assertion, item, document)
        modality = {t.name.lower(): t.iri for t in vocabulary().modalities}.get(item.get("modality") or "obligation")
        graph.add((assertion, SG.modality, rdflib.URIRef(modality or SG.Obligation)))
    for note in state["notes"].values():
        text = draft["text"][note["start"]:note["end"]]
        subject = rdflib.URIRef(f"{draft['document']['organisation']['iri'].rsplit('/', 1)[0]}/not-{short}-{note['start']}")
        graph.add((subject, RDF.type, SG.ParagraphNote))
        graph.add((subject, PROV.wasDerivedFrom, document))
        graph.add((subject, SG.quote, rdflib.Literal(" ".join(text.split()[:8]))))
        graph.add((subject, SG.reason, rdflib.Literal(note["reason"] or "inget styrfaktum", lang="sv")))
        graph.add((subject, SG.reason, rdflib.Literal(note.get("reasonEn") or "no governance fact", lang="en")))
    return graph


def add_node(graph: rdflib.Graph, draft: dict, node: dict) -> None:
    """A node an accepted assertion uses, unless the graph has it; its English label from
    the edit, else from the draft (ingest's lexicon gives one for the posts it knows)."""
    if (rdflib.URIRef(node["iri"]), RDF.type, None) in graph:
        return
    label_en = node.get("labelEn") or draft["nodes"].get(node["iri"], {}).get("labelEn") or ""
    node_triples(graph, draft, node["iri"], {"label": node["label"], "class": node["class"], "labelEn": label_en})


def inside(folder: Path, *parts: str) -> Path:
    """``folder/parts…`` resolved inside ``folder``, or 400: a draft file edited by hand
    (its source file with ``../``) must not steer a read or a write."""
    from styrgraf.ingest.errors import IngestError
    from styrgraf.ingest.limits import under
    try:
        return under(folder, *parts)
    except IngestError as error:
        raise Invalid(f"the draft names {'/'.join(parts)[:80]!r}, which {error.reason}") from None


def curated_file(folder: Path, draft: dict) -> Path:
    """``folder/KEY.ttl`` for the draft's organisation, or 400 if its key breaks the rule."""
    from styrgraf.ingest.nodes import KEY_RULE, is_key
    org = draft.get("org")
    if not isinstance(org, str) or not is_key(org):
        raise Invalid(f"the draft's organisation {str(org)[:60]!r} is not a key ({KEY_RULE}): nothing is written", "org")
    return inside(folder, f"{org}.ttl")


def save(folder: Path, draft: dict, state: dict, lang: str = "sv") -> dict:
    """Write ``folder/KEY.ttl`` atomically and validate it; return the path and findings."""
    path = curated_file(folder, draft)
    text = render(draft, state, path)
    write_atomic(path, text)
    return {"path": str(path), **findings_of(path, lang)}


def render(draft: dict, state: dict, path: Path) -> str:
    header = (f"Curated with `styrgraf curate` from drafts/{draft['org']}.json; every assertion was accepted by a\n"
              "curator and quotes its clause verbatim from the stored text in sources/.")
    return serialise(curated_graph(draft, state, path), prefixes_for(draft["org"]), header)


def check(folder: Path, draft: dict, state: dict, lang: str = "sv") -> dict:
    """Validate what a save would write, without writing it (the findings before saving)."""
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        (scratch / "sources").mkdir()
        source = inside(folder, "sources", str(draft["document"]["sourceFile"]))
        target = curated_file(folder, draft)
        if not source.is_file():
            raise Invalid(f"the stored text {source.name[:80]!r} is not in {Path(folder) / 'sources'}: ingest again",
                          status=404)
        (scratch / "sources" / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
        path = scratch / target.name
        path.write_text(render(draft, state, target), encoding="utf-8")
        return findings_of(path, lang)


def findings_of(path: Path, lang: str = "sv") -> dict:
    """SHACL findings of one curated file, as plain data, their messages in ``lang``."""
    report = validation.validate([path])
    findings = [{"severity": f.severity, "shape": f.shape, "focus": f.focus, "focusLabel": f.focus_label,
                 "message": f.text(lang), "value": f.value} for f in report.findings]
    return {"conforms": report.conforms, "findings": findings}


__all__ = ["save", "check", "curated_graph", "RDFS"]
