"""Cytoscape elements for one or more organisations' graphs, with a hierarchical
position per node (the assembly on top) that the front end may use or re-lay out."""
from __future__ import annotations

from styrgraf.analysis.network import Network
from styrgraf.explorer.assertions import shown
from styrgraf.links import page_url

# Rows of the hierarchical picture: the assembly at the top, employees at the bottom.
LEVELS = {
    "Assembly": 0, "ExecutiveBoard": 1, "CrisisCommittee": 2, "Committee": 2, "MunicipalCompany": 2,
    "FederationOfMunicipalities": 2, "Organ": 2, "WorkingCommittee": 2, "ElectedRepresentative": 1,
    "OppositionLeader": 1, "Chair": 1, "Director": 3, "AdministrativeUnit": 4, "HeadOfAdministration": 4,
    "CompanyCEO": 4, "SeniorOfficial": 4, "Post": 5, "Manager": 5, "Employee": 6, "ExternalParty": 7,
}


def elements(net: Network, keys: list[str], lang: str = "sv", evidence: bool = True) -> dict:
    """Cytoscape elements for organisations, with a hierarchical position per node.

    Without ``evidence`` each edge carries only ``evidence_count`` (a county's graph:
    a tenth of the bytes; the page fetches one organisation's evidence when asked)."""
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
                               "cls": data.get("cls"), "org": data.get("org"), "url": page_url(node),
                               "level": LEVELS.get(data.get("cls"), 5)},
                      "position": {"x": x, "y": y}})
    for u, v, key, data in view.edges(keys=True, data=True):
        if key == "hasResponsibility":
            continue
        edge = {"id": f"{u}|{key}|{v}", "source": u, "target": v, "kind": key}
        if evidence:
            edge["evidence"] = [shown(e, lang) for e in data["evidence"]]
        else:
            edge["evidence_count"] = len(data["evidence"])
        edges.append({"data": edge})
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
