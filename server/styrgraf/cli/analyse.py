"""``styrgraf analyse …``: the governance analyses (networkx) over the core's network
view, with the same names and checks as ``/api/analysis``."""
from __future__ import annotations

from contextlib import contextmanager

import click

from styrgraf.cli import output
from styrgraf.cli.common import Group, store_options


@contextmanager
def opened(store):
    """The core over the chosen store, for one analysis (one query worker is enough)."""
    from styrgraf.core import Limits
    core = store.open(Limits(workers=1, timeout=60.0, queue_wait=60.0))
    try:
        yield core
    finally:
        core.close()


def _node(core, name: str) -> str:
    from styrgraf import lookup
    return lookup.node(name, core.network().graph)


def _orgs(core, names, at_least: int = 0) -> list[str] | None:
    from styrgraf import lookup
    return lookup.organisations(names, core.organisations(), at_least=at_least) or None


def _kinds(core, names) -> list[str] | None:
    from styrgraf import lookup
    known = set(core.network().kinds)
    return [lookup.relation_kind(name, known) for name in names] or None


org_option = click.option("--org", "orgs", multiple=True, metavar="ORG",
                          help="Organisation by key (kungsor) or IRI (repeatable); all when left out.")


@click.group(cls=Group)
def analyse():
    """Governance analyses over the graph (networkx): chains, compliance, what-if, …"""


@analyse.command("chain")
@click.argument("node")
@store_options
@output.format_option()
def analyse_chain(node, store, fmt):
    """The chains of command from NODE up to where the documents stop.

    Example: styrgraf analyse chain kungsor:medarbetare
    """
    from styrgraf import analysis
    from styrgraf.analysis import exports
    with opened(store) as core:
        result = analysis.chain(core.network(), _node(core, node))
    output.emit(fmt, result, exports.chain_rows(result))


@analyse.command("structure")
@org_option
@store_options
@output.format_option()
def analyse_structure(orgs, store, fmt):
    """Posts with no principal, posts with several, and spans of control.

    Example: styrgraf analyse structure --org blekinge
    """
    from styrgraf import analysis
    from styrgraf.analysis import exports
    with opened(store) as core:
        result = analysis.structure(core.network(), _orgs(core, orgs))
    output.emit(fmt, result, exports.structure_rows(result))


@analyse.command("compliance")
@click.option("--contact", "contacts", nargs=2, multiple=True, metavar="FROM TO",
              help="A requested contact to check against the channel rules (repeatable).")
@org_option
@store_options
@output.format_option()
def analyse_compliance(contacts, orgs, store, fmt):
    """Channels that bypass a document's channel rule, and requested contacts checked.

    Example: styrgraf analyse compliance --contact kungsor:fortroendevald kungsor:chef
    """
    from styrgraf import analysis
    from styrgraf.analysis import exports
    with opened(store) as core:
        net = core.network()
        pairs = [(_node(core, a), _node(core, b)) for a, b in contacts]
        result = {"bypasses": analysis.bypasses(net, _orgs(core, orgs)), "contacts": analysis.check_contacts(net, pairs)}
    output.emit(fmt, result, exports.compliance_rows(result["bypasses"], result["contacts"]))


@analyse.command("route")
@click.argument("sender")
@click.argument("receiver")
@store_options
@output.format_option()
def analyse_route(sender, receiver, store, fmt):
    """The sanctioned communication route from SENDER to RECEIVER (one organisation).

    Example: styrgraf analyse route kungsor:medarbetare kungsor:kommundirektor
    """
    from styrgraf import analysis
    from styrgraf.errors import BadRequest
    with opened(store) as core:
        net = core.network()
        start, end = _node(core, sender), _node(core, receiver)
        orgs = [net.graph.nodes[n].get("org") for n in (start, end)]
        if orgs[0] != orgs[1]:
            raise BadRequest(f"{sender} is in {orgs[0]} and {receiver} in {orgs[1]}: the documents state "
                             "communication routes within one organisation; choose two of the same one")
        result = analysis.route(net, start, end)
    rows = [{"step": i + 1, "from": s["from_label"], "to": s["to_label"],
             "quote": s["evidence"][0]["quote"] if s["evidence"] else ""} for i, s in enumerate(result["steps"])]
    if fmt == "table" and result["path"] is None:
        click.echo(f"No stated communication route from {sender} to {receiver}.")
        return
    output.emit(fmt, result, rows)


@analyse.command("whatif")
@click.argument("node")
@store_options
@output.format_option()
def analyse_whatif(node, store, fmt):
    """Remove NODE (a vacancy, a reorganisation): who and what loses a holder.

    Example: styrgraf analyse whatif kungsor:forvaltningschef
    """
    from styrgraf import analysis
    from styrgraf.analysis import exports
    with opened(store) as core:
        result = analysis.what_if(core.network(), _node(core, node))
    output.emit(fmt, result, exports.what_if_rows(result))


@analyse.command("centrality")
@click.option("--kind", help="Relation kind (e.g. communicatesWith or sg:communicatesWith); all kinds when left out.")
@click.option("--org", help="Organisation by key (kungsor) or IRI; all when left out.")
@click.option("--top", default=10, show_default=True, type=click.IntRange(1), help="Rows to show.")
@store_options
@output.format_option()
def analyse_centrality(kind, org, top, store, fmt):
    """Betweenness and degree per actor, so brokers show up as measured.

    Example: styrgraf analyse centrality --kind communicatesWith --org kungsor
    """
    from styrgraf import analysis
    with opened(store) as core:
        kinds, orgs = _kinds(core, [kind] if kind else []), _orgs(core, [org] if org else [])
        result = analysis.centrality(core.network(), kinds[0] if kinds else None, orgs[0] if orgs else None, top)
    output.emit(fmt, result, result)


@analyse.command("compare")
@click.argument("orgs", nargs=-1, required=True)
@store_options
@output.format_option()
def analyse_compare(orgs, store, fmt):
    """Organisations (by key or IRI) side by side, mapped by class, with evidence on each side.

    Example: styrgraf analyse compare kommun-a kommun-b blekinge --format csv
    """
    from styrgraf import analysis
    from styrgraf.analysis import exports
    with opened(store) as core:
        result = analysis.compare(core.network(), _orgs(core, orgs, at_least=2))
    output.emit(fmt, result, exports.compare_rows(result))


@analyse.command("export")
@click.option("--kind", "kinds", multiple=True, help="Relation kinds to include (repeatable); all when left out.")
@org_option
@store_options
@click.option("--format", "fmt", type=click.Choice(["graphml", "csv"]), default="graphml", show_default=True,
              help="GraphML for Gephi or Cytoscape desktop, or CSV of edges.")
def analyse_export(kinds, orgs, store, fmt):
    """Export a view of the network (to standard output).

    Example: styrgraf analyse export --org kungsor --kind communicatesWith > kungsor.graphml
    """
    from styrgraf.analysis import exports
    with opened(store) as core:
        net, kinds, orgs = core.network(), _kinds(core, kinds), _orgs(core, orgs)
        if fmt == "graphml":
            click.echo(exports.view_graphml(net, kinds, orgs), nl=False)
        else:
            click.echo(output.to_csv(exports.view_edges(net, kinds, orgs)), nl=False)
