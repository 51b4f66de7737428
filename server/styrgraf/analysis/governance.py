"""Governance analyses that SPARQL answers badly, over the cached networkx views.

Every function takes a ``network.Network`` and returns plain data (dicts and lists of
IRIs, labels and evidence), so the CLI, the JSON API and the explorer render the same
result. Chains of command follow what the documents state: an edge "up" is
``X reportsTo Y`` or ``Y managerOf X``; where a document names no principal, the chain
ends there (law-derived expectations are the shapes' business, not the data's).
"""
from __future__ import annotations

from collections import defaultdict

import networkx as nx

from styrgraf.analysis.network import Network

UP_KINDS = ("reportsTo", "managerOf")
# The sub-properties of sg:prohibitedRelation (a test keeps this list equal to the
# vocabulary's): X mayNotDirect Y is a ban, never a channel or a line of command.
PROHIBITION_KINDS = ("mayNotDirect",)


def accountability(net: Network, orgs=None) -> nx.DiGraph:
    """Edges from each post or organ to its principals (reportsTo, reversed managerOf)."""
    up = nx.DiGraph()
    view = net.view(UP_KINDS, orgs)
    up.add_nodes_from(n for n, d in view.nodes(data=True) if d.get("kind") == "actor")
    for u, v, key, data in view.edges(keys=True, data=True):
        child, principal = (u, v) if key == "reportsTo" else (v, u)
        if up.has_edge(child, principal):
            up.edges[child, principal]["evidence"] += data["evidence"]
            up.edges[child, principal]["kinds"].append(key)
        else:
            up.add_edge(child, principal, evidence=list(data["evidence"]), kinds=[key])
    return up


def _tops(up: nx.DiGraph, node: str) -> set[str]:
    """The nodes where every chain from ``node`` ends (no principal of their own)."""
    reachable = nx.descendants(up, node) | {node}
    return {n for n in reachable if up.out_degree(n) == 0 and n != node} or ({node} if up.out_degree(node) == 0 else set())


def chain(net: Network, node: str, limit: int = 50) -> dict:
    """All chains of command from ``node`` up to where the documents stop.

    Returns the paths (each a list of nodes, bottom first), the tops they end at and
    whether a top is an assembly.
    """
    up = accountability(net)
    if node not in up:
        return {"node": node, "label": net.label(node), "paths": [], "tops": [], "reaches_assembly": False}
    paths = []
    tops = _tops(up, node)
    for top in sorted(tops):
        for path in nx.all_simple_paths(up, node, top):
            paths.append(path)
            if len(paths) >= limit:
                break
    paths.sort(key=lambda p: (len(p), p))
    return {
        "node": node, "label": net.label(node),
        "paths": [[{"node": n, "label": net.label(n), "class": net.graph.nodes[n].get("cls")} for n in p] for p in paths],
        "tops": [{"node": t, "label": net.label(t), "class": net.graph.nodes[t].get("cls")} for t in sorted(tops)],
        "reaches_assembly": any(net.is_a(t, "Assembly") for t in tops),
        "steps": [{"from": u, "to": v, "kinds": up.edges[u, v]["kinds"], "evidence": up.edges[u, v]["evidence"]}
                  for p in paths for u, v in zip(p, p[1:])],
    }


def structure(net: Network, orgs=None) -> dict:
    """Per organisation: posts without a principal, posts with more than one, span of control."""
    up = accountability(net, orgs)
    out: dict = {}
    for org in (orgs or net.organisations()):
        members = [n for n in up if net.graph.nodes[n].get("org") == org]
        posts = [n for n in members if net.is_a(n, "Post") or net.is_a(n, "AdministrativeUnit")]
        out[org] = {
            "orphans": sorted(({"node": n, "label": net.label(n), "class": net.graph.nodes[n]["cls"]}
                               for n in posts if up.out_degree(n) == 0), key=lambda r: r["label"]),
            "multiple_principals": sorted(({"node": n, "label": net.label(n),
                                            "principals": sorted(net.label(p) for p in up.successors(n))}
                                           for n in members if up.out_degree(n) > 1), key=lambda r: r["label"]),
            "span_of_control": sorted(({"node": n, "label": net.label(n), "direct": up.in_degree(n),
                                        "total": len(nx.ancestors(up, n))}
                                       for n in members if up.in_degree(n) > 0),
                                      key=lambda r: (-r["total"], r["label"])),
        }
    return out


def cycles(net: Network, kinds=UP_KINDS) -> list[list[str]]:
    """Cycles in the given relation kinds (reporting loops are inconsistencies)."""
    return [sorted(c) for c in nx.simple_cycles(net.simple(kinds))]


# --- Communication compliance -----------------------------------------------------------------

def _applicable_rules(net: Network, sender: str, receiver: str):
    org = net.graph.nodes[sender].get("org")
    for rule in net.rules:
        if rule.org == org and any(net.is_a(sender, c) for c in rule.from_classes) \
                and any(net.is_a(receiver, c) for c in rule.to_classes) and receiver != rule.via:
            yield rule


def conditions(evidence: list[dict]) -> list[str]:
    """The conditions of a stated relation when every assertion of it has one (the
    relation then holds only under them); empty when some assertion is unconditional."""
    found = [e.get("condition") for e in evidence]
    return sorted(set(found)) if found and all(found) else []


def prohibitions(net: Network, sender: str, receiver: str) -> list[dict]:
    """The documents' bans that bind ``sender`` towards ``receiver``: a stated
    ``X mayNotDirect Y`` binds X and every actor of X's class (or below) in the same
    organisation towards Y and every actor of Y's class (or below)."""
    if sender not in net.graph or receiver not in net.graph:
        return []
    org = net.graph.nodes[sender].get("org")
    out = []
    for u, v, key, data in net.view(PROHIBITION_KINDS, [org]).edges(keys=True, data=True):
        binds = (sender == u or net.is_a(sender, net.graph.nodes[u].get("cls")))
        towards = (receiver == v or net.is_a(receiver, net.graph.nodes[v].get("cls")))
        if binds and towards:
            out.append({"relation": key, "from": u, "to": v, "from_label": net.label(u), "to_label": net.label(v),
                        "evidence": list(data["evidence"])})
    return out


def bypasses(net: Network, orgs=None) -> list[dict]:
    """Every stated channel that goes round a channel rule's gateway (with the
    conditions under which the channel holds, if it holds only under some)."""
    found = []
    for u, v, key, data in net.view(["communicatesWith"], orgs).edges(keys=True, data=True):
        for rule in _applicable_rules(net, u, v):
            found.append({"from": u, "from_label": net.label(u), "to": v, "to_label": net.label(v),
                          "rule": rule.iri, "via": rule.via, "via_label": net.label(rule.via),
                          "rule_quote": rule.quote, "evidence": list(data["evidence"]),
                          "conditions": conditions(data["evidence"])})
    return found


def route(net: Network, sender: str, receiver: str) -> dict:
    """The sanctioned route between two actors over the stated communication paths.

    Where a channel rule applies, the route must pass its gateway; the result says
    whether a direct contact would bypass it.
    """
    comm = net.simple(["communicatesWith"], [net.graph.nodes[sender].get("org")]) if sender in net.graph else nx.DiGraph()
    for _, _, data in comm.edges(data=True):  # a standing channel before one that holds only under a condition
        data["cost"] = 1 if not conditions(data.get("evidence", [])) else 100
    rules = list(_applicable_rules(net, sender, receiver)) if sender in net.graph and receiver in net.graph else []
    path = None
    try:
        if rules:
            via = rules[0].via
            first = nx.shortest_path(comm, sender, via, weight="cost")
            path = first + nx.shortest_path(comm, via, receiver, weight="cost")[1:]
        else:
            path = nx.shortest_path(comm, sender, receiver, weight="cost")
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        path = None
    steps = []
    for u, v in zip(path or [], (path or [])[1:]):
        evidence = list(net.graph.edges[u, v, "communicatesWith"]["evidence"])
        steps.append({"from": u, "to": v, "from_label": net.label(u), "to_label": net.label(v), "evidence": evidence,
                      "conditions": conditions(evidence)})
    return {
        "from": sender, "to": receiver, "path": path, "labels": [net.label(n) for n in path or []], "steps": steps,
        "conditional": any(step["conditions"] for step in steps),
        "direct_contact_bypasses": [{"rule": r.iri, "via": r.via, "via_label": net.label(r.via), "quote": r.quote}
                                    for r in rules],
    }


def check_contacts(net: Network, contacts: list[tuple[str, str]]) -> list[dict]:
    """Classify requested contacts: a bypass of a rule, stated, stated only under a
    condition ("conditional"), or not stated; with the bans that bind the sender
    towards the receiver whatever the verdict (a contact may be allowed while directing
    the other is not)."""
    out = []
    for sender, receiver in contacts:
        rules = list(_applicable_rules(net, sender, receiver)) if sender in net.graph and receiver in net.graph else []
        stated = net.graph.has_edge(sender, receiver, "communicatesWith")
        only_if = conditions(net.graph.edges[sender, receiver, "communicatesWith"]["evidence"]) if stated else []
        verdict = "bypass" if rules else ("conditional" if only_if else "stated") if stated else "not stated"
        out.append({"from": sender, "to": receiver, "from_label": net.label(sender), "to_label": net.label(receiver),
                    "verdict": verdict, "conditions": only_if,
                    "prohibitions": [{"relation": p["relation"], "quote": e["quote"]}
                                     for p in prohibitions(net, sender, receiver) for e in p["evidence"]],
                    "route": route(net, sender, receiver)["labels"]})
    return out


# --- What-if ------------------------------------------------------------------------------------

def what_if(net: Network, removed: str) -> dict:
    """Remove a post or organ: who loses a principal or the top of their chain, and which
    delegations, duties and relations are left without a holder."""
    org = net.graph.nodes[removed].get("org") if removed in net.graph else None
    up = accountability(net, [org] if org else None)
    before = {n: _tops(up, n) for n in up if n != removed}
    after_graph = up.copy()
    if removed in after_graph:
        after_graph.remove_node(removed)
    lost = []
    for n, tops in before.items():
        if n not in after_graph:
            continue
        now = _tops(after_graph, n)
        missing = (tops - now) - {removed}
        if removed in tops or missing or (up.has_edge(n, removed)):
            lost.append({"node": n, "label": net.label(n), "before": sorted(net.label(t) for t in tops),
                         "after": sorted(net.label(t) for t in now),
                         "lost_direct_principal": up.has_edge(n, removed)})
    duties = []
    delegations = []
    relations = []
    if removed in net.graph:
        for _, target, key in net.graph.out_edges(removed, keys=True):
            if key == "hasResponsibility":
                others = [h for h, _, k in net.graph.in_edges(target, keys=True) if k == key and h != removed]
                if not others:
                    duties.append({"node": target, "label": net.label(target),
                                   "areas": net.graph.nodes[target].get("areas", [])})
            else:
                relations.append({"relation": key, "to": target, "to_label": net.label(target)})
        for source, target, key in list(net.graph.in_edges(removed, keys=True)) + list(net.graph.out_edges(removed, keys=True)):
            if key == "delegatesTo":
                delegations.append({"from": net.label(source), "to": net.label(target)})
        for source, _, key in net.graph.in_edges(removed, keys=True):
            relations.append({"relation": key, "from": source, "from_label": net.label(source)})
    return {"removed": removed, "label": net.label(removed), "loses_principal_or_top": lost,
            "duties_without_holder": duties, "delegations_without_holder": delegations,
            "relations_cut": relations}


# --- Centrality ---------------------------------------------------------------------------------

def centrality(net: Network, kind: str | None = None, org: str | None = None, top: int = 10) -> list[dict]:
    """Betweenness (normalised) and degree per node in one relation kind (or all)."""
    graph = net.simple([kind] if kind else [k for k in _kinds(net) if k not in ("hasResponsibility",) + PROHIBITION_KINDS],
                       [org] if org else None)
    graph.remove_nodes_from([n for n, d in graph.nodes(data=True) if d.get("kind") != "actor"])
    betweenness = nx.betweenness_centrality(graph, normalized=True) if graph.number_of_nodes() > 2 else {}
    rows = [{"node": n, "label": net.label(n), "org": graph.nodes[n].get("org"), "class": graph.nodes[n].get("cls"),
             "betweenness": round(betweenness.get(n, 0.0), 4), "in_degree": graph.in_degree(n),
             "out_degree": graph.out_degree(n)} for n in graph]
    rows.sort(key=lambda r: (-r["betweenness"], -(r["in_degree"] + r["out_degree"]), r["label"]))
    return rows[:top]


def _kinds(net: Network) -> list[str]:
    return sorted({k for _, _, k in net.graph.edges(keys=True)})


# --- Comparison ---------------------------------------------------------------------------------

def compare(net: Network, orgs: list[str]) -> dict:
    """Organisations side by side, mapped by class: which (class, relation, class)
    patterns and which director responsibility areas each has, with evidence."""
    patterns: dict[tuple, dict] = defaultdict(lambda: {o: [] for o in orgs})
    for u, v, key, data in net.view(None, orgs).edges(keys=True, data=True):
        if key == "hasResponsibility":
            continue
        org = net.graph.nodes[u].get("org")
        signature = (net.graph.nodes[u].get("cls"), key, net.graph.nodes[v].get("cls"))
        patterns[signature][org].append({"from": net.label(u), "to": net.label(v),
                                         "from_en": net.graph.nodes[u].get("label_en") or net.label(u),
                                         "to_en": net.graph.nodes[v].get("label_en") or net.label(v),
                                         "quotes": sorted(e["quote"] for e in data["evidence"])})
    areas: dict[str, dict] = defaultdict(lambda: {o: [] for o in orgs})
    for u, v, key in net.view(["hasResponsibility"], orgs).edges(keys=True):
        if not net.is_a(u, "Director"):
            continue
        org = net.graph.nodes[u].get("org")
        evidence = net.graph.edges[u, v, key]["evidence"]
        for area in net.graph.nodes[v].get("areas", []):
            areas[area][org].append({"duty": net.label(v), "quotes": sorted(e["quote"] for e in evidence)})
    for by_org in list(patterns.values()) + list(areas.values()):  # the same order from every store
        for found in by_org.values():
            found.sort(key=lambda item: sorted(item.items()))
    relation_rows = [{"subject_class": s, "relation": r, "object_class": o,
                      "has": {org: bool(found) for org, found in by_org.items()}, "evidence": by_org}
                     for (s, r, o), by_org in sorted(patterns.items(), key=lambda kv: tuple(x or "" for x in kv[0]))]
    area_rows = [{"area": a, "has": {org: bool(found) for org, found in by_org.items()}, "evidence": by_org}
                 for a, by_org in sorted(areas.items())]
    only = {org: sorted(r["area"] for r in area_rows if r["has"][org] and not any(
        r["has"][other] for other in orgs if other != org)) for org in orgs}
    return {"organisations": orgs, "relations": relation_rows, "director_areas": area_rows,
            "director_areas_only_in": only}
