"""The ``styrgraf`` command line: thin commands over the core modules."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from . import __version__, loading, queries, reports, results, sparql, validation
from .store import GraphStore

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
def validate(paths, fmt, as_of, lang):
    """Check Turtle files or folders (default: the shipped data/) against the shapes.

    Exit 0 without violations (warnings are printed), 1 with violations, 2 when an
    input cannot be read.

    Example: styrgraf validate data/ --as-of 2025-06-01 --format junit > report.xml
    """
    try:
        report = validation.validate_paths(paths or None, as_of=as_of)
    except loading.DataError as error:
        _fail(str(error))
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
def serve(host, port, data, timeout, max_rows, workers, threads):
    """Serve the explorer, the JSON API and the SPARQL endpoint with waitress.

    Example: styrgraf serve --port 8080 --timeout 10
    """
    import waitress

    from .web import create_app

    click.echo("Loading the graph …", err=True)
    try:
        app = create_app({"DATA_PATHS": list(data) or None, "QUERY_TIMEOUT": timeout,
                          "MAX_ROWS": max_rows, "QUERY_WORKERS": workers})
    except loading.DataError as error:
        _fail(str(error))
    store = app.extensions["styrgraf"].store
    base = f"http://{host}:{port}"
    click.echo(f"{len(store)} triples from {len(store.files)} files.")
    click.echo(f"Explorer:        {base}/")
    click.echo(f"SPARQL endpoint: {base}/sparql")
    click.echo(f"Saved queries:   {base}/api/queries")
    try:
        waitress.serve(app, host=host, port=port, threads=threads, ident="styrgraf", _quiet=True)
    except OSError as error:
        _fail(f"cannot listen on {host}:{port}: {error.strerror or error}")
    finally:
        app.extensions["styrgraf"].executor.close()


@main.command()
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Turtle files or folders to measure instead of the shipped data/ (repeatable).")
@click.option("--concurrency", default=4, show_default=True, type=click.IntRange(1, 64),
              help="Concurrent HTTP clients in the load test.")
@click.option("--requests", "requests_", default=2000, show_default=True, type=click.IntRange(1),
              help="Upper bound of HTTP requests per load test.")
@click.option("--seconds", default=10.0, show_default=True, type=click.FloatRange(0.5, 300),
              help="Upper bound of wall time per load test.")
@click.option("--no-http", is_flag=True, help="Skip the HTTP load tests.")
@click.option("--json", "json_out", type=click.Path(path_type=Path), help="Also write the figures as JSON here.")
def bench(data, concurrency, requests_, seconds, no_http, json_out):
    """Measure load, saved queries, validation and HTTP throughput; print the figures.

    Example: styrgraf bench --json bench.json
    """
    import json as json_module

    from . import bench as benchmarks

    paths = list(data) or None
    figures = {"machine": benchmarks.machine()}
    with click.progressbar(length=4 if not no_http else 3, label="Benchmarking", file=sys.stderr) as progress:
        try:
            store, figures["load"] = benchmarks.bench_load(paths)
        except loading.DataError as error:
            _fail(str(error))
        progress.update(1)
        figures["queries"] = benchmarks.bench_queries(store)
        progress.update(1)
        figures["validation"] = benchmarks.bench_validation(paths)
        progress.update(1)
        if not no_http:
            figures["http"] = benchmarks.bench_http([str(p) for p in data], concurrency, requests_, seconds)
            progress.update(1)
    m = figures["machine"]
    click.echo(f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, Python {m['python']}")
    load = figures["load"]
    click.echo(f"Load: {load['triples']} triples from {load['files']} files in {load['seconds']} s "
               f"(+{load['resident_mb_added']} MB resident)")
    click.echo(f"Validation: {figures['validation']['seconds']} s")
    click.echo("Saved queries (in-process):              median ms    p95 ms")
    for name, t in figures["queries"].items():
        click.echo(f"  {name:42} {t['median_ms']:9.3f} {t['p95_ms']:9.3f}")
    for name, h in figures.get("http", {}).items():
        click.echo(f"HTTP {name}: {h['requests_per_second']} req/s, p50 {h['p50_ms']} ms, p99 {h['p99_ms']} ms "
                   f"({h['requests']} requests, {h['concurrency']} clients, {h['errors']} errors)")
    if json_out:
        json_out.write_text(json_module.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    main()
