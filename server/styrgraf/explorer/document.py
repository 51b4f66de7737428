"""The data behind the explorer's pages, as plain Python (no Flask): organisations,
graph elements for Cytoscape, resource descriptions and documents with their quotes."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from styrgraf import paragraphs as paragraphs_mod
from styrgraf.vocab import ID_BASE, SG
from styrgraf.analysis.network import Network, local, org_key
from styrgraf.store import GraphStore

SG_NS = str(SG)
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

# Rows of the hierarchical picture: the assembly at the top, employees at the bottom.
LEVELS = {
    "Assembly": 0, "ExecutiveBoard": 1, "CrisisCommittee": 2, "Committee": 2, "MunicipalCompany": 2,
    "FederationOfMunicipalities": 2, "Organ": 2, "WorkingCommittee": 2, "ElectedRepresentative": 1,
    "OppositionLeader": 1, "Chair": 1, "Director": 3, "AdministrativeUnit": 4, "HeadOfAdministration": 4,
    "CompanyCEO": 4, "Post": 5, "Manager": 5, "Employee": 6, "ExternalParty": 7,
}


def label_of(store: GraphStore, iri: str, lang: str = "sv") -> str:
    """The label in ``lang``, else in any language, else the local name."""
    best = None
    for row in store.query(f"SELECT ?l WHERE {{ <{iri}> <{RDFS}label>|<http://www.w3.org/2004/02/skos/core#prefLabel> ?l }}"):
        term = row["l"]
        if term.language == lang:
            return term.value
        best = best or term.value
    return best or local(iri)


def organisations(store: GraphStore) -> list[dict]:
    """Each organisation with its documents and counts of organs, posts and assertions."""
    rows = store.query(f"""
        PREFIX sg: <{SG_NS}> PREFIX rdfs: <{RDFS}> PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?org ?label ?labelEn
               (COUNT(DISTINCT ?organ) AS ?organs) (COUNT(DISTINCT ?post) AS ?posts) (COUNT(DISTINCT ?a) AS ?assertions)
        WHERE {{
          ?org a ?cls . FILTER (?cls IN (sg:Municipality, sg:Region))
          OPTIONAL {{ ?org rdfs:label ?label . FILTER (LANG(?label) = "sv") }}
          OPTIONAL {{ ?org rdfs:label ?labelEn . FILTER (LANG(?labelEn) = "en") }}
          OPTIONAL {{ ?organ sg:inOrganisation ?org ; a/rdfs:subClassOf* sg:Organ }}
          OPTIONAL {{ ?post sg:inOrganisation ?org ; a/rdfs:subClassOf* sg:Post }}
          OPTIONAL {{ ?doc sg:inOrganisation ?org . ?a prov:wasDerivedFrom ?doc ; a sg:Assertion }}
        }} GROUP BY ?org ?label ?labelEn ORDER BY ?label""")
    out = []
    for row in rows:
        org = row["org"].value
        out.append({"iri": org, "key": org_key(org), "label": row["label"].value if row["label"] else local(org),
                    "label_en": row["labelEn"].value if row["labelEn"] else None,
                    "organs": int(row["organs"].value), "posts": int(row["posts"].value),
                    "assertions": int(row["assertions"].value), "documents": documents(store, org)})
    return out


def documents(store: GraphStore, org: str) -> list[dict]:
    rows = store.query(f"""PREFIX sg: <{SG_NS}> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?doc ?title WHERE {{ ?doc a sg:GoverningDocument ; sg:inOrganisation <{org}> ; dcterms:title ?title }}
        ORDER BY ?title""")
    return [{"iri": r["doc"].value, "title": r["title"].value} for r in rows]


def elements(net: Network, keys: list[str], lang: str = "sv") -> dict:
    """Cytoscape elements for organisations, with a hierarchical position per node."""
    view = net.view(None, keys)
    nodes, edges = [], []
    per_level: dict[tuple[str, int], list[str]] = {}
    for node, data in view.nodes(data=True):
        if data.get("kind") != "actor":
            continue
        level = LEVELS.get(data.get("cls"), 5)
        per_level.setdefault((data.get("org"), level), []).append(node)
    positions = _hierarchy_positions(view, per_level, keys)
    for node, data in view.nodes(data=True):
        if data.get("kind") != "actor":
            continue
        x, y = positions[node]
        nodes.append({"data": {"id": node, "label": (data.get("label_en") if lang == "en" else None) or data.get("label"),
                               "cls": data.get("cls"), "org": data.get("org"),
                               "level": LEVELS.get(data.get("cls"), 5)},
                      "position": {"x": x, "y": y}})
    for u, v, key, data in view.edges(keys=True, data=True):
        if key == "hasResponsibility":
            continue
        edges.append({"data": {"id": f"{u}|{key}|{v}", "source": u, "target": v, "kind": key,
                               "evidence": data["evidence"]}})
    kinds = sorted({e["data"]["kind"] for e in edges})
    return {"nodes": nodes, "edges": edges, "kinds": kinds, "organisations": keys}


def _hierarchy_positions(view, per_level, keys) -> dict[str, tuple[float, float]]:
    """Rows by level; within a row, nodes ordered by the mean x of their neighbours
    above (a barycentre pass), which keeps most edges short and labels apart."""
    x_gap, y_gap, org_gap = 190.0, 130.0, 260.0
    positions: dict[str, tuple[float, float]] = {}
    offset = 0.0
    for org in keys:
        width = 0.0
        for level in sorted(l for (o, l) in per_level if o == org):
            row = per_level[(org, level)]
            def barycentre(node):
                xs = [positions[n][0] for n in list(view.predecessors(node)) + list(view.successors(node)) if n in positions]
                return (sum(xs) / len(xs)) if xs else float("inf")
            row.sort(key=lambda n: (barycentre(n), view.nodes[n].get("label", "")))
            for index, node in enumerate(row):
                positions[node] = (offset + index * x_gap, level * y_gap)
            width = max(width, len(row) * x_gap)
        offset += width + org_gap
    return positions


@dataclass
class Relation:
    kind: str
    kind_label: str
    other: str
    other_label: str
    evidence: list[dict]


def describe(store: GraphStore, net: Network, iri: str, lang: str = "sv") -> dict | None:
    """Everything a resource page shows; None when the graph does not know the IRI."""
    if not bool(store.query(f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }}")):
        return None
    labels = {}
    for row in store.query(f"SELECT ?l WHERE {{ <{iri}> <{RDFS}label>|<http://www.w3.org/2004/02/skos/core#prefLabel> ?l }}"):
        labels.setdefault(row["l"].language or "", row["l"].value)
    classes = [{"iri": r["c"].value, "label": label_of(store, r["c"].value, lang)}
               for r in store.query(f"SELECT DISTINCT ?c WHERE {{ <{iri}> a ?c }}")]
    properties = []
    for row in store.query(f"""SELECT ?p ?o WHERE {{ <{iri}> ?p ?o .
            FILTER (?p NOT IN (<{RDFS}label>, <{RDF_TYPE}>, <{SG_NS}text>))
            FILTER NOT EXISTS {{ ?p a <{SG_NS}EvidencedProperty> }} }} ORDER BY ?p"""):
        value = row["o"]
        properties.append({"property": row["p"].value, "property_label": label_of(store, row["p"].value, lang),
                           "value": value.value, "is_iri": isinstance(value, ox.NamedNode),
                           "lang": getattr(value, "language", None),
                           "value_label": label_of(store, value.value, lang) if isinstance(value, ox.NamedNode) else value.value})
    outgoing, incoming = {}, {}
    if iri in net.graph:
        for _, other, key, data in net.graph.out_edges(iri, keys=True, data=True):
            outgoing.setdefault(key, []).append(Relation(key, label_of(store, SG_NS + key, lang), other,
                                                         net.label(other), data["evidence"]))
        for other, _, key, data in net.graph.in_edges(iri, keys=True, data=True):
            incoming.setdefault(key, []).append(Relation(key, label_of(store, SG_NS + key, lang), other,
                                                         net.label(other), data["evidence"]))
    text = next(iter(store.query(f"SELECT ?t WHERE {{ <{iri}> <{SG_NS}text> ?t }}")), None)
    return {"iri": iri, "labels": labels, "label": labels.get(lang) or labels.get("sv") or next(iter(labels.values()), local(iri)),
            "classes": classes, "properties": properties,
            "outgoing": {k: sorted(v, key=lambda r: r.other_label) for k, v in sorted(outgoing.items())},
            "incoming": {k: sorted(v, key=lambda r: r.other_label) for k, v in sorted(incoming.items())},
            "org": org_key(iri) if iri.startswith(ID_BASE) else None,
            "is_document": text is not None}


def resource_triples(store: GraphStore, iri: str) -> list:
    """The triples about a resource (both directions) and the assertions that cite it."""
    query = f"""CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> . ?a ?ap ?ao }} WHERE {{
        {{ <{iri}> ?p ?o FILTER (?p != <{SG_NS}text>) }} UNION {{ ?s ?q <{iri}> }}
        UNION {{ ?a a <{SG_NS}Assertion> . {{ ?a <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <{iri}> }}
                 UNION {{ ?a <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> <{iri}> }} ?a ?ap ?ao }} }}"""
    return list(store.query(query))


# --- Documents with their quotes ------------------------------------------------------------

def _collapsed(text: str) -> tuple[str, list[int]]:
    """The text with whitespace runs collapsed to one space, and for each character of
    it the index of the original character."""
    out, index = [], []
    previous_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if previous_space:
                continue
            out.append(" ")
            index.append(i)
            previous_space = True
        else:
            out.append(ch)
            index.append(i)
            previous_space = False
    return "".join(out), index


def document(store: GraphStore, iri: str) -> dict | None:
    """A document's text split into paragraphs of segments, each segment knowing which
    assertions quote it; paragraphs no quote touches are marked as unsupported."""
    row = next(iter(store.query(f"SELECT ?t WHERE {{ <{iri}> <{SG_NS}text> ?t }}")), None)
    if row is None:
        return None
    text = row["t"].value
    quotes = list(store.query(f"""PREFIX prov: <http://www.w3.org/ns/prov#> SELECT ?a ?q WHERE {{
        ?a prov:wasDerivedFrom <{iri}> ; <{SG_NS}quote> ?q
        FILTER NOT EXISTS {{ ?a a <{SG_NS}ParagraphNote> }} }} ORDER BY ?a"""))
    notes = document_notes(store, iri)
    collapsed, index = _collapsed(text)
    cover: list[set[str]] = [set() for _ in text]
    anchors: dict[int, list[str]] = {}
    missing = []
    for q in quotes:
        assertion, quote = q["a"].value, re.sub(r"\s+", " ", q["q"].value).strip()
        start = collapsed.find(quote)
        if start < 0:
            missing.append(assertion)
            continue
        begin, end = index[start], index[start + len(quote) - 1] + 1
        anchors.setdefault(begin, []).append(assertion)
        for i in range(begin, end):
            cover[i].add(assertion)
    paragraphs = []
    for match in re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", text, re.S):
        segments = []
        start = match.start()
        current = frozenset(cover[start])
        seg_start = start
        for i in range(match.start(), match.end() + 1):
            here = frozenset(cover[i]) if i < match.end() else None
            if here != current or i in anchors and i != seg_start:
                segments.append({"text": text[seg_start:i], "assertions": sorted(current),
                                 "anchors": anchors.get(seg_start, [])})
                seg_start, current = i, here
        supported = any(s["assertions"] for s in segments)
        note = None if supported else paragraphs_mod.note_for(text[match.start():match.end()], notes)
        paragraphs.append({"segments": segments, "supported": supported,
                           "note": {"iri": note.iri, "reason": note.reason} if note else None})
    return {"iri": iri, "paragraphs": paragraphs, "quote_count": len(quotes), "unmatched": missing}


def document_notes(store: GraphStore, iri: str) -> list:
    """The document's paragraph notes (why a paragraph carries no governance fact)."""
    notes: dict[str, paragraphs_mod.Note] = {}
    for row in store.query(f"""PREFIX prov: <http://www.w3.org/ns/prov#> SELECT ?n ?q ?r WHERE {{
            ?n a <{SG_NS}ParagraphNote> ; prov:wasDerivedFrom <{iri}> ; <{SG_NS}quote> ?q ; <{SG_NS}reason> ?r }}"""):
        note = notes.setdefault(row["n"].value, paragraphs_mod.Note(row["n"].value, row["q"].value, {}))
        note.reason[row["r"].language or "sv"] = row["r"].value
    return list(notes.values())


def anchor_id(assertion: str) -> str:
    """The HTML id of an assertion's highlight in its document page."""
    return "q-" + re.sub(r"[^A-Za-z0-9_-]", "-", local(assertion))
