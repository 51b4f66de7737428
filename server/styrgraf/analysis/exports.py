"""Analysis results and network views as flat rows (CSV, tables) and GraphML."""
from __future__ import annotations

import csv
import io

import networkx as nx

from styrgraf.analysis.network import Network


def view_graphml(net: Network, kinds=None, orgs=None) -> str:
    """A view as GraphML for Gephi or Cytoscape desktop (scalar attributes only)."""
    view = net.view(kinds, orgs)
    flat = nx.MultiDiGraph()
    for node, data in view.nodes(data=True):
        flat.add_node(node, label=data.get("label", ""), cls=data.get("cls", ""), org=data.get("org", ""),
                      kind=data.get("kind", ""), areas=" ".join(data.get("areas", [])))
    for u, v, key, data in view.edges(keys=True, data=True):
        flat.add_edge(u, v, key=key, relation=key,
                      quotes=" | ".join(e["quote"] for e in data["evidence"]),
                      documents=" ".join(sorted({e["document"] for e in data["evidence"]})))
    buffer = io.BytesIO()
    nx.write_graphml(flat, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def view_edges(net: Network, kinds=None, orgs=None) -> list[dict]:
    """One row per relation of a view, with its evidence."""
    view = net.view(kinds, orgs)
    return [{"source": u, "source_label": view.nodes[u].get("label", ""), "relation": key, "target": v,
             "target_label": view.nodes[v].get("label", ""), "organisation": view.nodes[u].get("org", ""),
             "quotes": " | ".join(e["quote"] for e in data["evidence"])}
            for u, v, key, data in sorted(view.edges(keys=True, data=True))]


def cell(value) -> str:
    """One value as table or CSV text: lists joined with commas, None as nothing."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(v) for v in value)
    return str(value)


def to_csv(rows: list[dict]) -> str:
    """Dicts (with the first one's keys) as CSV with a header line; the API and the CLI
    both write analysis rows with it."""
    if not rows:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: cell(v) for k, v in row.items()} for row in rows)
    return buffer.getvalue()


def to_table(rows: list[dict], width: int = 48) -> str:
    if not rows:
        return "(no rows)"
    header = list(rows[0])
    cells = [[str(r.get(h, "")) for h in header] for r in rows]
    widths = [min(width, max(len(h), *(len(c[i]) for c in cells))) for i, h in enumerate(header)]
    fit = lambda t, w: (t if len(t) <= w else t[: w - 1] + "…").ljust(w)
    lines = ["  ".join(fit(h, w) for h, w in zip(header, widths)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(fit(c, w) for c, w in zip(row, widths)) for row in cells]
    return "\n".join(lines)


# --- Flat rows of each analysis --------------------------------------------------------------------

def chain_rows(result: dict) -> list[dict]:
    return [{"path": i + 1, "chain": " → ".join(step["label"] for step in path),
             "top": path[-1]["label"] if path else ""} for i, path in enumerate(result["paths"])]


def structure_rows(result: dict) -> list[dict]:
    rows = []
    for org, data in result.items():
        rows += [{"organisation": org, "finding": "no principal stated", "node": r["label"], "detail": r["class"]}
                 for r in data["orphans"]]
        rows += [{"organisation": org, "finding": "more than one principal", "node": r["label"],
                  "detail": "; ".join(r["principals"])} for r in data["multiple_principals"]]
        rows += [{"organisation": org, "finding": "span of control", "node": r["label"],
                  "detail": f"{r['direct']} direct, {r['total']} in all"} for r in data["span_of_control"]]
    return rows


def compliance_rows(bypasses: list[dict], contacts: list[dict]) -> list[dict]:
    rows = [{"kind": "stated channel bypasses rule", "from": b["from_label"], "to": b["to_label"],
             "verdict": f"must go via {b['via_label']}", "route": ""} for b in bypasses]
    rows += [{"kind": "requested contact", "from": c["from_label"], "to": c["to_label"], "verdict": c["verdict"],
              "route": " → ".join(c["route"])} for c in contacts]
    return rows


def what_if_rows(result: dict) -> list[dict]:
    rows = [{"effect": "loses principal or chain top", "what": r["label"],
             "detail": f"{', '.join(r['before'])} → {', '.join(r['after']) or 'nothing'}"}
            for r in result["loses_principal_or_top"]]
    rows += [{"effect": "duty without holder", "what": d["label"], "detail": ", ".join(d["areas"])}
             for d in result["duties_without_holder"]]
    rows += [{"effect": "delegation without holder", "what": f"{d['from']} → {d['to']}", "detail": ""}
             for d in result["delegations_without_holder"]]
    rows += [{"effect": "relation cut", "what": r["relation"], "detail": r.get("to_label") or r.get("from_label")}
             for r in result["relations_cut"]]
    return rows


def compare_rows(result: dict) -> list[dict]:
    orgs = result["organisations"]
    rows = []
    for r in result["director_areas"]:
        row = {"kind": "director's responsibility area", "what": r["area"]}
        for org in orgs:
            row[org] = " | ".join(e["duty"] for e in r["evidence"][org])
        rows.append(row)
    for r in result["relations"]:
        row = {"kind": "relation", "what": f"{r['subject_class']} {r['relation']} {r['object_class']}"}
        for org in orgs:
            row[org] = " | ".join(f"{e['from']} → {e['to']}" for e in r["evidence"][org])
        rows.append(row)
    return rows
