"""The ``styrgraf`` command line: thin commands over the core modules."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from styrgraf import __version__, sparql, validation
from styrgraf.store import loading
from styrgraf.sparql import queries, results
from styrgraf.validation import reports
from styrgraf.store import GraphStore

EXIT_VIOLATIONS = 1
EXIT_BAD_INPUT = 2


def _fail(message: str, code: int = EXIT_BAD_INPUT):
    click.echo(f"styrgraf: {message}", err=True)
    sys.exit(code)


def _date(_ctx, _param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="styrgraf")
def main():
    """styrgraf: the governance graph of Swedish municipalities and regions."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(list(reports.FORMATS)), default="text", show_default=True,
              help="Report format: text for people, json for tools, junit for CI dashboards, github for annotations.")
@click.option("--as-of", type=str, callback=_date, default=None,
              help="Judge validity and review dates as of this day (YYYY-MM-DD); default today.")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True,
              help="Language of the messages in text, junit and github reports.")
@click.option("--jobs", type=click.IntRange(1, 64), default=None,
              help="Processes for the per-organisation shapes (default: one per core).")
@click.option("--changed", is_flag=True,
              help="Re-validate only files whose content changed since the last run (.styrgraf-cache/).")
def validate(paths, fmt, as_of, lang, jobs, changed):
    """Check Turtle files or folders (default: the shipped data/) against the shapes.

    Exit 0 without violations (warnings are printed), 1 with violations, 2 when an
    input cannot be read.

    Example: styrgraf validate data/ --as-of 2025-06-01 --format junit > report.xml
    """
    from styrgraf import resources
    try:
        files = loading.find_turtle_files(paths or [resources.data_dir()])
    except loading.DataError as error:
        _fail(str(error))
    cache = validation.ValidationCache() if changed else None
    jobs = jobs or (validation.default_jobs() if len(files) > 8 else 1)
    try:
        if len(files) > 20 and fmt == "text":
            with click.progressbar(length=len(files), label="Validating", file=sys.stderr) as bar:
                report = validation.validate_paths(files, as_of=as_of, jobs=jobs, cache=cache,
                                                   progress=lambda _path: bar.update(1))
        else:
            report = validation.validate_paths(files, as_of=as_of, jobs=jobs, cache=cache)
    except loading.DataError as error:
        _fail(str(loading.name_all(files, error)))
    if cache is not None:
        click.echo(f"{cache.hits} of {len(files)} files unchanged since the last run.", err=True)
    click.echo(reports.render(report, fmt, lang))
    sys.exit(0 if report.conforms else EXIT_VIOLATIONS)


@main.command("queries")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True, help="Language of the titles.")
def list_queries(lang):
    """List the saved queries with their titles and parameters.

    Example: styrgraf queries --lang en
    """
    for saved in queries.library().values():
        params = " ".join(f"[{p.name}:{p.type}]" for p in saved.parameters)
        click.echo(f"{saved.name:45} {saved.title.get(lang, '')} {params}".rstrip())


@main.command()
@click.argument("name_or_file")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a parameter declared in the query's header (repeatable).")
@click.option("--format", "fmt", default="table", show_default=True,
              type=click.Choice(["table"] + list(results.FORMATS)),
              help="Output: table for the terminal, or any SPARQL result format (csv, json, turtle, ...).")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Turtle files or folders to query instead of the shipped data/ (repeatable).")
def query(name_or_file, params, fmt, data):
    """Run a saved query (by name) or a .rq file against the graph.

    Example: styrgraf query cq01-director-reports-to --param org=kommun-a:kommunen
    """
    try:
        saved = queries.find(name_or_file)
        values = {}
        for item in params:
            if "=" not in item:
                raise queries.ParameterError(f"--param needs NAME=VALUE, not {item!r}")
            key, value = item.split("=", 1)
            values[key.strip()] = value
        bindings = saved.bind(values)
        store = GraphStore.load(data or None)
        outcome = sparql.execute(store, saved.text, substitutions=bindings)
    except (queries.QueryNotFound, queries.ParameterError, loading.DataError,
            sparql.QuerySyntaxError, sparql.UpdateRefused) as error:
        _fail(str(error))
    if fmt == "table":
        click.echo(results.table(outcome))
        return
    try:
        click.echo(results.serialise(outcome, fmt).decode("utf-8"), nl=False)
    except KeyError:
        kinds = ", ".join(f.name for f in results.formats_for(outcome.kind))
        _fail(f"format {fmt!r} does not fit a {outcome.kind} result; use one of: table, {kinds}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Turtle files or folders to serve instead of the shipped data/ (repeatable).")
@click.option("--timeout", default=5.0, show_default=True, type=click.FloatRange(0.1, 600),
              help="Seconds a SPARQL query may run before it is stopped (HTTP 503).")
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(1),
              help="Rows (or triples) a query may return before it is refused.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 32),
              help="Processes that run queries in parallel.")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 128),
              help="Threads of the WSGI server (waitress).")
@click.option("--store-dir", type=click.Path(path_type=Path),
              help="Keep the store on disk here; a restart reopens it in well under a second.")
@click.option("--reload", is_flag=True, help="With --store-dir: load the data again even if the store exists.")
@click.option("--store", "store_url", metavar="URL",
              help="Serve from an external SPARQL 1.1 store's query endpoint (loaded with styrgraf push).")
def serve(host, port, data, timeout, max_rows, workers, threads, store_dir, reload, store_url):
    """Serve the explorer, the JSON API and the SPARQL endpoint with waitress.

    Example: styrgraf serve --port 8080 --timeout 10
    """
    import waitress

    from styrgraf.web import create_app

    click.echo("Loading the graph …", err=True)
    try:
        app = create_app({"DATA_PATHS": list(data) or None, "QUERY_TIMEOUT": timeout, "STORE_DIR": store_dir,
                          "STORE_URL": store_url, "RELOAD": reload, "MAX_ROWS": max_rows, "QUERY_WORKERS": workers})
    except loading.DataError as error:
        _fail(str(error))
    except OSError as error:
        _fail(f"cannot open the store in {store_dir}: {error}")
    except Exception as error:  # a remote store that cannot be reached
        from styrgraf.store.remote import RemoteStoreError
        if isinstance(error, RemoteStoreError):
            _fail(str(error))
        raise
    store = app.extensions["styrgraf"].store
    base = f"http://{host}:{port}"
    where = f", on disk in {store_dir}" if store_dir else (f", in {store_url}" if store_url else "")
    click.echo(f"{len(store)} triples{where}.")
    click.echo(f"Explorer:        {base}/")
    click.echo(f"SPARQL endpoint: {base}/sparql")
    click.echo(f"Saved queries:   {base}/api/queries")
    import signal

    def _stop(_signum, _frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, _stop)  # stop cleanly (and stop the query workers) on SIGTERM
    try:
        waitress.serve(app, host=host, port=port, threads=threads, ident="styrgraf", _quiet=True)
    except OSError as error:
        _fail(f"cannot listen on {host}:{port}: {error.strerror or error}")
    finally:
        app.extensions["styrgraf"].executor.close()


@main.command()
@click.option("--orgs", "counts", multiple=True, type=click.IntRange(1, 5000),
              help="Synthetic organisations to measure at (repeatable; default 10, 100 and 311).")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Measure these Turtle files or folders instead of synthetic data (repeatable).")
@click.option("--jobs", default=2, show_default=True, type=click.IntRange(1, 64), help="Processes for validation.")
@click.option("--rdflib-budget", default=60.0, show_default=True, type=click.FloatRange(1, 3600),
              help="Seconds each query may spend on plain rdflib, the baseline (at least one run).")
@click.option("--no-http", is_flag=True, help="Skip the HTTP load tests.")
@click.option("--no-virtuoso", is_flag=True, help="Skip Virtuoso even when it is installed.")
@click.option("--json", "json_out", type=click.Path(path_type=Path), help="Also write the figures as JSON here.")
def bench(counts, data, jobs, rdflib_budget, no_http, no_virtuoso, json_out):
    """Measure load, queries, validation, networkx and HTTP; print the figures with ratios.

    Example: styrgraf bench --orgs 10 --orgs 311 --json bench.json
    """
    import json as json_module

    from styrgraf.tools import bench as benchmarks
    from styrgraf.tools import bench_scale

    figures = {"machine": benchmarks.machine(), "runs": []}
    m = figures["machine"]
    click.echo(f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, Python {m['python']}")
    if data:
        try:
            store, load = benchmarks.bench_load(list(data))
        except loading.DataError as error:
            _fail(str(error))
        run = {"data": [str(p) for p in data], "load": load, "queries": benchmarks.bench_queries(store),
               "validation": benchmarks.bench_validation(list(data))}
        if not no_http:
            run["http"] = benchmarks.bench_http([str(p) for p in data])
        figures["runs"].append(run)
        _print_small(run)
    else:
        for count in counts or (10, 100, 311):
            run = bench_scale.run(count, jobs=jobs, http=not no_http, with_virtuoso=not no_virtuoso,
                                  rdflib_budget=rdflib_budget, say=lambda m: click.echo(m, err=True))
            figures["runs"].append(run)
            _print_scale(run)
    if json_out:
        json_out.write_text(json_module.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")


def _print_small(run):
    load = run["load"]
    click.echo(f"Load: {load['triples']} triples from {load['files']} files in {load['seconds']} s "
               f"(+{load['resident_mb_added']} MB resident)")
    click.echo(f"Validation: {run['validation']['seconds']} s")
    click.echo("Saved queries (in-process):              median ms    p95 ms")
    for name, t in run["queries"].items():
        click.echo(f"  {name:42} {t['median_ms']:9.3f} {t['p95_ms']:9.3f}")
    _print_http(run)


def _print_http(run):
    for name, h in run.get("http", {}).items():
        click.echo(f"HTTP {name}: {h['requests_per_second']} req/s, p50 {h['p50_ms']} ms, p99 {h['p99_ms']} ms "
                   f"({h['requests']} requests, {h['concurrency']} clients, {h['errors']} errors)")


def _ratio(base, ours):
    return f"{base / ours:6.1f}×" if ours and base else "     –"


def _ms(timing) -> str:
    if timing.get("median_ms") is None:
        return f">{timing.get('stopped_after_s', 0) * 1000:9.0f}"
    return f"{timing['median_ms']:10.1f}"


def _print_scale(run):
    load = run["load"]
    ox_load, rdf_load = load["oxigraph"], load["rdflib"]
    click.echo(f"\nN = {run['organisations']} organisations, {ox_load['triples']} triples")
    click.echo(f"  load: Oxigraph {ox_load['seconds']} s, peak {ox_load['peak_mb']} MB | rdflib {rdf_load['seconds']} s, "
               f"peak {rdf_load['peak_mb']} MB | {_ratio(rdf_load['seconds'], ox_load['seconds'])} faster"
               + (f" | Virtuoso push {load['virtuoso_push']['seconds']} s" if "virtuoso_push" in load else ""))
    click.echo(f"  restart from disk: {run['restart']['seconds_to_first_answer']} s to the first answer")
    click.echo("  query (median ms)                              Oxigraph     rdflib  ratio   Virtuoso  ratio")
    for name, engines in run["queries"].items():
        ox_ms, rdf_ms = engines["oxigraph"]["median_ms"], engines["rdflib"]["median_ms"]
        virt = engines.get("virtuoso", {}).get("median_ms")
        click.echo(f"  {name:44} {ox_ms:10.2f} {_ms(engines['rdflib'])} {_ratio(rdf_ms, ox_ms)}"
                   + (f" {virt:10.2f} {_ratio(virt, ox_ms)}" if virt is not None else
                      ("      error" if "virtuoso" in engines else "")))
    v = run["validation"]
    click.echo(f"  validation: one organisation {v['per_organisation']['median_ms']:.0f} ms median; whole graph "
               f"{v['whole_seconds']} s with {v['jobs']} processes; peak {v['peak_mb_self']} MB (+ {v['peak_mb_worker']} MB a worker)")
    n = run["network"]
    click.echo(f"  networkx: views {n['build_views_seconds']} s, cycles {n['cycles_seconds']} s, "
               f"betweenness over {n['components']} components {n['betweenness_seconds']} s")
    _print_http(run)


@main.command()
@click.argument("url")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Turtle files or folders to push instead of the shipped data/ (repeatable).")
@click.option("--query-url", help="The store's query endpoint, to list its graphs (default: URL).")
@click.option("--user", help="User for the update endpoint (HTTP digest or basic auth).")
@click.option("--password", envvar="STYRGRAF_STORE_PASSWORD", help="Password (or STYRGRAF_STORE_PASSWORD).")
def push(url, data, query_url, user, password):
    """Load the graph into a SPARQL 1.1 store through its update endpoint URL.

    One named graph per organisation and per document's assertions; each is replaced
    only once all new graphs are in, so a failed push leaves the old data in place.

    Example: styrgraf push http://127.0.0.1:8890/sparql-auth --query-url http://127.0.0.1:8890/sparql --user dba
    """
    from styrgraf.store.push import push as push_graphs
    from styrgraf.store.remote import RemoteStore, RemoteStoreError
    remote = RemoteStore(query_url=query_url or url, update_url=url, user=user, password=password)
    try:
        with click.progressbar(length=1, label="Pushing", file=sys.stderr) as bar:
            result = push_graphs(remote, list(data) or None, progress=lambda _sent, _total: None)
            bar.update(1)
    except loading.DataError as error:
        _fail(f"{error} (nothing was sent)")
    except (RemoteStoreError, SyntaxError) as error:
        _fail(f"push failed: {error}")  # the error says what the live graphs hold
    click.echo(f"{result['triples']} triples in {result['graphs']} graphs from {result['files']} files pushed to {url}.")


@main.command()
@click.argument("out_dir", type=click.Path(path_type=Path))
@click.option("--orgs", "count", default=311, show_default=True, type=click.IntRange(1, 5000),
              help="How many organisations (municipalities and regions in Sweden's proportion).")
@click.option("--seed", default=1, show_default=True, type=int, help="Seed: the same seed gives the same files.")
@click.option("--faults", is_flag=True, help="Inject a reporting cycle, a fake quote and an upward delegation.")
def synth(out_dir, count, seed, faults):
    """Write a synthetic national dataset (Turtle + source texts) to OUT_DIR.

    Example: styrgraf synth --orgs 311 /tmp/national
    """
    from styrgraf.tools import synth as synthetic
    with click.progressbar(length=count, label="Synthesising", file=sys.stderr) as bar:
        try:
            result = synthetic.synthesise(count, out_dir, seed=seed, faults=faults, progress=lambda _key: bar.update(1))
        except FileExistsError as error:
            _fail(str(error))
    click.echo(f"{len(result.organisations)} organisations, {result.documents} documents, "
               f"{result.triples} triples in {out_dir}")
    for fault in result.faults:
        click.echo(f"fault: {fault.kind} in {fault.organisation} ({fault.shape} must name {fault.focus})")


# --- analyse -----------------------------------------------------------------------------------

ANALYSIS_FORMATS = click.Choice(["table", "csv", "json"])


def _network(data):
    from styrgraf.analysis import network
    try:
        return network.build(GraphStore.load(list(data) or None))
    except loading.DataError as error:
        _fail(str(error))


def _node(net, name: str) -> str:
    from styrgraf.vocab import expand_name
    iri = expand_name(name)
    if iri not in net.graph:
        _fail(f"no actor or organ {name!r} in the graph (use a prefixed name like kungsor:medarbetare or a full IRI)")
    return iri


def _emit(fmt: str, result, rows):
    import json as json_module

    from styrgraf.analysis import exports
    if fmt == "json":
        click.echo(json_module.dumps(result, indent=2, ensure_ascii=False))
    elif fmt == "csv":
        click.echo(exports.to_csv(rows), nl=False)
    else:
        click.echo(exports.to_table(rows))


def _check_organisations(net, orgs) -> None:
    unknown = set(orgs) - set(net.organisations())
    if unknown:
        _fail(f"unknown organisation {sorted(unknown)[0]!r}; known: {', '.join(net.organisations())}")


_data_option = click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
                            help="Turtle files or folders instead of the shipped data/ (repeatable).")
_format_option = click.option("--format", "fmt", type=ANALYSIS_FORMATS, default="table", show_default=True,
                              help="table for the terminal, csv for spreadsheets, json for tools.")


@main.group()
def analyse():
    """Governance analyses over the graph (networkx): chains, compliance, what-if, …"""


@analyse.command("chain")
@click.argument("node")
@_data_option
@_format_option
def analyse_chain(node, data, fmt):
    """The chains of command from NODE up to where the documents stop.

    Example: styrgraf analyse chain kungsor:medarbetare
    """
    from styrgraf import analysis
    from styrgraf.analysis import exports
    net = _network(data)
    result = analysis.chain(net, _node(net, node))
    _emit(fmt, result, exports.chain_rows(result))


@analyse.command("structure")
@click.option("--org", "orgs", multiple=True, help="Organisation key (file stem, e.g. kungsor); all when left out.")
@_data_option
@_format_option
def analyse_structure(orgs, data, fmt):
    """Posts with no principal, posts with several, and spans of control.

    Example: styrgraf analyse structure --org blekinge
    """
    from styrgraf import analysis
    from styrgraf.analysis import exports
    net = _network(data)
    _check_organisations(net, orgs)
    result = analysis.structure(net, list(orgs) or None)
    _emit(fmt, result, exports.structure_rows(result))


@analyse.command("compliance")
@click.option("--contact", "contacts", nargs=2, multiple=True, metavar="FROM TO",
              help="A requested contact to check against the channel rules (repeatable).")
@click.option("--org", "orgs", multiple=True, help="Organisation key; all when left out.")
@_data_option
@_format_option
def analyse_compliance(contacts, orgs, data, fmt):
    """Channels that bypass a document's channel rule, and requested contacts checked.

    Example: styrgraf analyse compliance --contact kungsor:fortroendevald kungsor:chef
    """
    from styrgraf import analysis
    from styrgraf.analysis import exports
    net = _network(data)
    pairs = [(_node(net, a), _node(net, b)) for a, b in contacts]
    result = {"bypasses": analysis.bypasses(net, list(orgs) or None), "contacts": analysis.check_contacts(net, pairs)}
    _emit(fmt, result, exports.compliance_rows(result["bypasses"], result["contacts"]))


@analyse.command("route")
@click.argument("sender")
@click.argument("receiver")
@_data_option
@_format_option
def analyse_route(sender, receiver, data, fmt):
    """The sanctioned communication route from SENDER to RECEIVER.

    Example: styrgraf analyse route kungsor:medarbetare kungsor:kommundirektor
    """
    from styrgraf import analysis
    net = _network(data)
    result = analysis.route(net, _node(net, sender), _node(net, receiver))
    rows = [{"step": i + 1, "from": s["from_label"], "to": s["to_label"],
             "quote": s["evidence"][0]["quote"] if s["evidence"] else ""} for i, s in enumerate(result["steps"])]
    _emit(fmt, result, rows)


@analyse.command("whatif")
@click.argument("node")
@_data_option
@_format_option
def analyse_whatif(node, data, fmt):
    """Remove NODE (a vacancy, a reorganisation): who and what loses a holder.

    Example: styrgraf analyse whatif kungsor:forvaltningschef
    """
    from styrgraf import analysis
    from styrgraf.analysis import exports
    net = _network(data)
    result = analysis.what_if(net, _node(net, node))
    _emit(fmt, result, exports.what_if_rows(result))


@analyse.command("centrality")
@click.option("--kind", help="Relation kind (e.g. communicatesWith); all kinds when left out.")
@click.option("--org", help="Organisation key; all when left out.")
@click.option("--top", default=10, show_default=True, type=click.IntRange(1), help="Rows to show.")
@_data_option
@_format_option
def analyse_centrality(kind, org, top, data, fmt):
    """Betweenness and degree per actor, so brokers show up as measured.

    Example: styrgraf analyse centrality --kind communicatesWith --org kungsor
    """
    from styrgraf import analysis
    net = _network(data)
    result = analysis.centrality(net, kind, org, top)
    _emit(fmt, result, result)


@analyse.command("compare")
@click.argument("orgs", nargs=-1, required=True)
@_data_option
@_format_option
def analyse_compare(orgs, data, fmt):
    """Organisations side by side, mapped by class, with evidence on each side.

    Example: styrgraf analyse compare kommun-a kommun-b blekinge --format csv
    """
    from styrgraf import analysis
    from styrgraf.analysis import exports
    net = _network(data)
    _check_organisations(net, orgs)
    result = analysis.compare(net, list(orgs))
    _emit(fmt, result, exports.compare_rows(result))


@analyse.command("export")
@click.option("--kind", "kinds", multiple=True, help="Relation kinds to include (repeatable); all when left out.")
@click.option("--org", "orgs", multiple=True, help="Organisation keys (repeatable); all when left out.")
@click.option("--format", "fmt", type=click.Choice(["graphml", "csv"]), default="graphml", show_default=True,
              help="GraphML for Gephi or Cytoscape desktop, or CSV of edges.")
@_data_option
def analyse_export(kinds, orgs, fmt, data):
    """Export a view of the network (to standard output).

    Example: styrgraf analyse export --org kungsor --kind communicatesWith > kungsor.graphml
    """
    from styrgraf.analysis import exports
    net = _network(data)
    if fmt == "graphml":
        click.echo(exports.view_graphml(net, list(kinds) or None, list(orgs) or None), nl=False)
    else:
        click.echo(exports.to_csv(exports.view_edges(net, list(kinds) or None, list(orgs) or None)), nl=False)


from styrgraf.ingest.commands import curate, ingest  # noqa: E402  (ingest registers its own commands)
main.add_command(ingest)
main.add_command(curate)

if __name__ == "__main__":  # pragma: no cover
    main()
